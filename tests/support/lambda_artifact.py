"""The deployable artifact: the example app synthesized, each DataIntegration traced to its handler asset.

A custom resource's ServiceToken names its AWS::Lambda::Function; the function's
``aws:asset:path`` metadata names the asset directory in cdk.out, and its Handler the entry point.
The runtime directory holds what the Lambda Python runtime provides besides the standard library:
boto3 and its dependencies, nothing else of the venv.
"""

import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools import run

from cdk_appintegrations_handler.contract import RESOURCE_TYPE

EXAMPLE_STACK = "AppIntegrationsExample"
# What the Lambda Python runtime ships: boto3 and the packages it needs.
RUNTIME_PACKAGES = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six")


# Lambda's own defaults for asynchronous invocations, which CloudFormation makes: two retries of an event
# whose invocation failed or timed out, and events kept up to six hours.
# https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
DEFAULT_RETRY_ATTEMPTS = 2
DEFAULT_MAX_EVENT_AGE_S = 21_600


@dataclass(frozen=True)
class Handler:
    """One Lambda function as deployed: its code directory, entry point, timeout and asynchronous retries."""

    function_id: str
    code_dir: Path
    entry_point: str
    timeout_s: int
    retry_attempts: int = DEFAULT_RETRY_ATTEMPTS
    max_event_age_s: int = DEFAULT_MAX_EVENT_AGE_S


@dataclass(frozen=True)
class Artifact:
    """A synthesized app: its cdk.out, one stack's template, and what the CLI printed."""

    outdir: Path
    template: dict[str, Any]
    # What the CLI printed.
    output: str = ""

    def data_integrations(self) -> dict[str, dict[str, Any]]:
        """The stack's DataIntegration custom resources, by logical id."""
        return {k: r for k, r in self.template["Resources"].items() if r["Type"] == RESOURCE_TYPE}

    def handler_of(self, logical_id: str) -> Handler:
        """The function behind a custom resource's ServiceToken."""
        token = self.template["Resources"][logical_id]["Properties"]["ServiceToken"]
        function_id, attribute = token["Fn::GetAtt"]
        assert attribute == "Arn", token
        function = self.template["Resources"][function_id]
        assert function["Type"] == "AWS::Lambda::Function", function_id
        configs = [
            r["Properties"]
            for r in self.template["Resources"].values()
            if r["Type"] == "AWS::Lambda::EventInvokeConfig" and r["Properties"]["FunctionName"] == {"Ref": function_id}
        ]
        config = configs[0] if configs else {}
        return Handler(
            function_id,
            self.outdir / function["Metadata"]["aws:asset:path"],
            function["Properties"]["Handler"],
            int(function["Properties"]["Timeout"]),
            int(config.get("MaximumRetryAttempts", DEFAULT_RETRY_ATTEMPTS)),
            int(config.get("MaximumEventAgeInSeconds", DEFAULT_MAX_EVENT_AGE_S)),
        )


def synthesize(outdir: Path, stack: str = EXAMPLE_STACK) -> Artifact:
    """Synthesize the example app into outdir as `cdk synth` does: cdk.json's context, asset paths in metadata.

    An outdir already synthesized is read back, with what the CLI printed then.
    """
    printed = outdir / "cli-output.txt"
    if not printed.exists():
        process = run(["cdk", "synth", "--quiet", "--output", str(outdir)])
        printed.write_text(process.stdout + process.stderr)
    template = json.loads((outdir / f"{stack}.template.json").read_text())
    return Artifact(outdir, template, printed.read_text())


def runtime_dir(directory: Path) -> Path:
    """A directory of links to boto3 and its dependencies, as the Lambda runtime provides them."""
    directory.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_PACKAGES:
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.origin, f"{name} is not installed"
        origin = Path(spec.origin)
        source = origin.parent if origin.name == "__init__.py" else origin
        (directory / source.name).symlink_to(source)
    return directory
