"""The deployable artifact: the example app synthesized, each DataIntegration traced to its handler asset.

A custom resource's ServiceToken names its AWS::Lambda::Function; the function's
``aws:asset:path`` metadata names the asset directory in cdk.out, and its Handler the entry point.
The runtime directory holds what the Lambda Python runtime provides besides the standard library:
boto3 and its dependencies, nothing else of the venv.
"""

import importlib.util
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cdk_appintegrations_handler.contract import RESOURCE_TYPE
from tools import run

EXAMPLE_STACK = "AppIntegrationsExample"
# What the Lambda Python runtime ships: boto3 and the packages it needs.
RUNTIME_PACKAGES = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six")


@dataclass(frozen=True)
class Handler:
    """One Lambda function as deployed: its code directory, entry point and timeout."""

    function_id: str
    code_dir: Path
    entry_point: str
    timeout_s: int


@dataclass(frozen=True)
class Artifact:
    """A synthesized app: its cdk.out and one stack's template."""

    outdir: Path
    template: dict[str, Any]

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
        return Handler(
            function_id,
            self.outdir / function["Metadata"]["aws:asset:path"],
            function["Properties"]["Handler"],
            int(function["Properties"]["Timeout"]),
        )


def synthesize(outdir: Path, stack: str = EXAMPLE_STACK) -> Artifact:
    """Synthesize the example app into outdir, with asset paths in the template's metadata."""
    context = json.dumps({"aws:cdk:enable-asset-metadata": True})
    run([sys.executable, "app.py"], CDK_OUTDIR=str(outdir), CDK_CONTEXT_JSON=context)
    return Artifact(outdir, json.loads((outdir / f"{stack}.template.json").read_text()))


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
