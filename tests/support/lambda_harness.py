"""Invoking the handler artifact as Lambda does: a separate process, the double, an HTTPS ResponseURL."""

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appintegrations_double import AppIntegrationsDouble
from events import create_event, properties
from lambda_artifact import Handler
from lambda_process import TIMED_OUT
from response_server import SECRETS, ResponseServer

RUNNER = Path(__file__).with_name("lambda_process.py")
# No invocation of the tests may take longer: a handler that hangs fails its test instead.
INVOCATION_LIMIT_S = 60
DEFAULT_REMAINING_MS = 900_000


@dataclass
class Invocation:
    """One handler run: the exit code, its logs, and the responses CloudFormation got."""

    returncode: int
    logs: str
    responses: list[dict[str, Any]]

    @property
    def response(self) -> dict[str, Any]:
        """The one response this invocation sent."""
        assert len(self.responses) == 1, (self.responses, self.logs)
        return self.responses[0]

    @property
    def timed_out(self) -> bool:
        """True when the runtime killed the invocation at its deadline."""
        return self.returncode == TIMED_OUT and "Task timed out" in self.logs


@dataclass
class Lambda:
    """A deployed function: its code, the runtime's packages, and where it sends requests and responses.

    endpoint serves AppIntegrations, AppFlow and CloudFormation (the doubles), moto_endpoint KMS and S3.
    """

    handler: Handler
    runtime: Path
    endpoint: str
    responses: ResponseServer
    moto_endpoint: str
    # Variables set on top of the usual environment; None removes one.
    overrides: dict[str, str | None] = field(default_factory=dict)

    def invoke(self, event: dict[str, Any], remaining_ms: int = DEFAULT_REMAINING_MS) -> Invocation:
        """Run one event in a fresh (cold) execution environment."""
        event = self._addressed(event)
        already = self._answered(event)
        process = subprocess.run(
            self._command(remaining_ms),
            check=False,
            input=json.dumps(event) + "\n",
            capture_output=True,
            text=True,
            env=self.environment(),
            timeout=INVOCATION_LIMIT_S,
        )
        return self._invocation(process.returncode, process.stdout + process.stderr, event, already)

    @contextmanager
    def warm(self, remaining_ms: int = INVOCATION_LIMIT_S * 1000) -> Iterator[Callable[[dict[str, Any]], Invocation]]:
        """One execution environment kept warm: yields a function that runs one event in it."""
        process = subprocess.Popen(
            self._command(remaining_ms),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=self.environment(),
        )
        assert process.stdin is not None and process.stdout is not None
        stdin, stdout = process.stdin, process.stdout

        def run(event: dict[str, Any]) -> Invocation:
            event = self._addressed(event)
            already = self._answered(event)
            stdin.write(json.dumps(event) + "\n")
            stdin.flush()
            lines = []
            while (line := stdout.readline()) and not line.startswith("END RequestId"):
                lines.append(line)
            return self._invocation(process.poll() or 0, "".join(lines), event, already)

        try:
            yield run
        finally:
            stdin.close()
            process.wait(timeout=INVOCATION_LIMIT_S)

    def _addressed(self, event: dict[str, Any]) -> dict[str, Any]:
        """The event with a ResponseURL on the test server; an event without one stays without."""
        if "ResponseURL" not in event:
            return event
        url = self.responses.url_for(event["StackId"], event["LogicalResourceId"], event["RequestId"])
        return {**event, "ResponseURL": url}

    def _answered(self, event: dict[str, Any]) -> int:
        return len(self.responses.responses(event["ResponseURL"])) if "ResponseURL" in event else 0

    def _invocation(self, returncode: int, logs: str, event: dict[str, Any], already: int) -> Invocation:
        url = event.get("ResponseURL")
        for secret in (*SECRETS, *([url] if url else [])):
            assert secret not in logs, f"the logs leak {secret}"
        responses = self.responses.responses(url)[already:] if url else []
        for body in responses:  # CloudFormation refuses an empty PhysicalResourceId
            assert isinstance(body["PhysicalResourceId"], str) and body["PhysicalResourceId"], body
        return Invocation(returncode, logs, responses)

    def _command(self, remaining_ms: int) -> list[str]:
        # -I -S: no site-packages, no PYTHONPATH, no user site; only what the runner puts on sys.path.
        # -B: no bytecode written into the asset, which Lambda keeps read-only too.
        return [
            sys.executable,
            "-I",
            "-S",
            "-B",
            str(RUNNER),
            str(self.runtime),
            str(self.handler.code_dir),
            self.handler.entry_point,
            str(remaining_ms),
        ]

    def environment(self) -> dict[str, str]:
        """The function's environment: region, test credentials, the doubles' endpoints, the test CA."""
        usual = {
            "PATH": os.environ.get("PATH", ""),
            "AWS_REGION": "us-east-1",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_LAMBDA_FUNCTION_NAME": self.handler.function_id,
            "AWS_ENDPOINT_URL_APPINTEGRATIONS": self.endpoint,
            "AWS_ENDPOINT_URL_APPFLOW": self.endpoint,
            "AWS_ENDPOINT_URL_CLOUDFORMATION": self.endpoint,
            "AWS_ENDPOINT_URL_KMS": self.moto_endpoint,
            "AWS_ENDPOINT_URL_S3": self.moto_endpoint,
            "SSL_CERT_FILE": str(self.responses.ca_file),
        }
        merged = {**usual, **self.overrides}
        return {k: v for k, v in merged.items() if v is not None}


def create(
    invoke: Callable[[dict[str, Any]], Invocation], double: AppIntegrationsDouble, **members: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Create one DataIntegration; return its event and its record in the double."""
    event = create_event(properties(**members))
    body = invoke(event).response
    assert body["Status"] == "SUCCESS", body
    return event, double.state.integrations[body["PhysicalResourceId"]]
