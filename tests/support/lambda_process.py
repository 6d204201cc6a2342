"""One Lambda execution environment: runs events through a handler, as the Python runtime would.

Usage: python -I -S lambda_process.py RUNTIME_DIR CODE_DIR HANDLER REMAINING_MS < events
Run with -I -S, the process sees the standard library, the code directory and the runtime
directory only. Each stdin line is one event; the environment stays warm between them. Logs go
to stdout, as CloudWatch Logs would get them. An invocation that raises is reported, and the process exits 1
at the end. Past its remaining time an invocation is killed, with the runtime's "Task timed out" line.
"""

import importlib
import json
import logging
import os
import sys
import threading
import time
import traceback
import uuid

TIMED_OUT = 124


class Context:
    """The attributes of the Lambda context object that handlers use."""

    function_name = "AppIntegrationsDataIntegrationProviderHandler"
    function_version = "$LATEST"
    invoked_function_arn = f"arn:aws:lambda:us-east-1:123456789012:function:{function_name}"
    memory_limit_in_mb = "256"
    log_group_name = f"/aws/lambda/{function_name}"
    log_stream_name = "2026/11/28/[$LATEST]0123456789abcdef0123456789abcdef"

    def __init__(self, remaining_ms: int) -> None:
        self.aws_request_id = str(uuid.uuid4())
        self._deadline = time.monotonic() + remaining_ms / 1000

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def _time_out(context: Context, remaining_ms: int) -> None:
    print(f"{context.aws_request_id} Task timed out after {remaining_ms / 1000:.2f} seconds", flush=True)
    os._exit(TIMED_OUT)


def main() -> None:
    runtime_dir, code_dir, handler_name, remaining_ms = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    sys.path[:0] = [code_dir, runtime_dir]
    logging.basicConfig(stream=sys.stdout, format="[%(levelname)s]\t%(name)s\t%(message)s")
    module_name, function_name = handler_name.rsplit(".", 1)
    handler = getattr(importlib.import_module(module_name), function_name)
    status = 0
    for line in sys.stdin:
        context = Context(remaining_ms)
        print(f"START RequestId: {context.aws_request_id}", flush=True)
        watchdog = threading.Timer(remaining_ms / 1000, _time_out, (context, remaining_ms))
        watchdog.start()
        try:
            handler(json.loads(line), context)
        except Exception:  # the runtime reports it and keeps the environment
            traceback.print_exc(file=sys.stdout)
            status = 1
        watchdog.cancel()
        print(f"END RequestId: {context.aws_request_id}", flush=True)
    sys.exit(status)


if __name__ == "__main__":
    main()
