"""The harness finds the asset that `cdk deploy` would upload, and runs it with only what Lambda provides."""

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from events import create_event, properties
from lambda_artifact import Artifact
from lambda_harness import Lambda

from cdk_appintegrations_handler.contract import ENTRY_POINT


def test_each_data_integration_leads_to_the_synthesized_asset(artifact: Artifact) -> None:
    (logical_id,) = artifact.data_integrations()
    handler = artifact.handler_of(logical_id)
    assert handler.entry_point == ENTRY_POINT and handler.timeout_s == 120
    assert handler.code_dir.parent == artifact.outdir and handler.code_dir.name.startswith("asset.")
    assert (handler.code_dir / "cdk_appintegrations_handler" / "entry.py").is_file()
    assert (handler.code_dir / "crhelper" / "resource_helper.py").is_file()


def test_an_asset_without_crhelper_fails_to_import(function: Lambda, tmp_path: Path) -> None:
    """The process does not see the venv: crhelper comes from the asset or nowhere."""
    code = tmp_path / "code"
    shutil.copytree(function.handler.code_dir, code, ignore=shutil.ignore_patterns("crhelper"))
    crippled = replace(function, handler=replace(function.handler, code_dir=code))
    run = crippled.invoke(create_event(properties()))
    assert run.returncode != 0 and run.responses == []
    assert "ModuleNotFoundError: No module named 'crhelper'" in run.logs


PROBE = """
import json, os, sys
sys.path[:0] = sys.argv[1:3]
import boto3
made = []
real = boto3.client
boto3.client = lambda service, *a, **k: made.append(service) or real(service, *a, **k)
import cdk_appintegrations_handler.entry
print(json.dumps({"clients": made, "sam_local": os.environ.get("AWS_SAM_LOCAL")}))
"""


def test_the_cold_start_builds_one_client_and_leaves_the_environment_alone(function: Lambda) -> None:
    """crhelper's polling clients (lambda, events, logs) would cost a third more cold-start time; the pre-flight's
    kms, s3 and appflow clients are built on a create's first use, not at import."""
    process = subprocess.run(
        [sys.executable, "-I", "-S", "-B", "-c", PROBE, str(function.handler.code_dir), str(function.runtime)],
        check=True,
        capture_output=True,
        text=True,
        env=function.environment(),
        timeout=60,
    )
    probed = json.loads(process.stdout.splitlines()[-1])
    assert not {"kms", "s3", "appflow"} & set(probed["clients"])
    assert probed == {"clients": ["appintegrations"], "sam_local": None}
