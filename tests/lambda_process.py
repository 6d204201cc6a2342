"""Runs one Lambda invocation in this process, as the Python runtime would.

Usage: python lambda_process.py ASSET_DIR HANDLER REMAINING_MS < event.json
Logs go to stdout, like the runtime's, for the caller to read as CloudWatch Logs.
"""

import importlib
import json
import logging
import sys
import time


class Context:
    """The attributes of the Lambda context object that handlers use."""

    function_name = "AppIntegrationsDataIntegrationProviderHandler"
    function_version = "$LATEST"
    invoked_function_arn = f"arn:aws:lambda:us-east-1:123456789012:function:{function_name}"
    memory_limit_in_mb = "256"
    aws_request_id = "5d6a1f0e-3c2b-4a19-8e7f-0123456789ab"
    log_group_name = f"/aws/lambda/{function_name}"
    log_stream_name = "2026/11/28/[$LATEST]0123456789abcdef0123456789abcdef"

    def __init__(self, remaining_ms: int) -> None:
        self._deadline = time.monotonic() + remaining_ms / 1000

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def main() -> None:
    asset_dir, handler_name, remaining_ms = sys.argv[1], sys.argv[2], int(sys.argv[3])
    sys.path.insert(0, asset_dir)
    logging.basicConfig(stream=sys.stdout, format="[%(levelname)s]\t%(name)s\t%(message)s")
    module_name, function_name = handler_name.rsplit(".", 1)
    handler = getattr(importlib.import_module(module_name), function_name)
    handler(json.load(sys.stdin), Context(remaining_ms))


if __name__ == "__main__":
    main()
