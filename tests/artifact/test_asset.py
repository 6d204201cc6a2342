"""The handler asset: what it holds, and the same hash on every synth."""

import json
from pathlib import Path

from lambda_artifact import Artifact
from tools import run

from cdk_appintegrations.asset import handler_asset_dir, package_dir
from cdk_appintegrations_handler.contract import ASSET_PACKAGE, ENTRY_POINT


def files_under(directory: Path) -> set[str]:
    return {str(p.relative_to(directory)) for p in directory.rglob("*") if p.is_file()}


def test_asset_holds_the_handler_and_crhelper_sources_only() -> None:
    files = files_under(handler_asset_dir())
    handler = {f"{ASSET_PACKAGE}/{p.name}" for p in package_dir(ASSET_PACKAGE).glob("*.py")}
    crhelper = {f"crhelper/{p.name}" for p in package_dir("crhelper").glob("*.py")}
    assert files == handler | crhelper
    assert f"{ASSET_PACKAGE}/entry.py" in files and "crhelper/resource_helper.py" in files
    assert f"{ASSET_PACKAGE}.entry.handler" == ENTRY_POINT


def asset_of(outdir: Path) -> tuple[str, Path]:
    """The handler function's S3 key and its asset directory in cdk.out."""
    resources = json.loads((outdir / "AppIntegrationsExample.template.json").read_text())["Resources"]
    (function,) = [r for r in resources.values() if r["Type"] == "AWS::Lambda::Function"]
    return function["Properties"]["Code"]["S3Key"], outdir / function["Metadata"]["aws:asset:path"]


def test_two_synths_in_separate_processes_give_the_same_asset(artifact: Artifact, tmp_path: Path) -> None:
    """The session's `cdk synth` and a `python app.py` of this test's own."""
    second = tmp_path / "two"
    run(
        ["python", "app.py"],
        CDK_OUTDIR=str(second),
        CDK_CONTEXT_JSON=json.dumps({"aws:cdk:enable-asset-metadata": True}),
    )
    (key_one, dir_one), (key_two, dir_two) = asset_of(artifact.outdir), asset_of(second)
    assert key_one == key_two
    assert files_under(dir_one) == files_under(dir_two) == files_under(handler_asset_dir())
    assert not any("__pycache__" in f for f in files_under(dir_one))
