"""The wheel, installed into a fresh venv outside the repository, synthesizes an app with its handler asset.

An editable install sees the source tree, so it hides package-data mistakes; this does not.
"""

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tools import ROOT, VENV_BIN

from cdk_appintegrations import __version__

NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "cdk.out", "build", "*.egg-info", ".*cache*", ".hypothesis"
)
APP = """
import json, sys
import aws_cdk as cdk
import cdk_appintegrations
import cdk_appintegrations_handler.contract
from cdk_appintegrations import DataIntegration

app = cdk.App()
stack = cdk.Stack(app, "WheelStack")
DataIntegration(
    stack,
    "Articles",
    kms_key="arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    source_uri="Salesforce://AppFlow/salesforce-knowledge",
)
app.synth()
print(json.dumps({"package": cdk_appintegrations.__file__, "handler": cdk_appintegrations_handler.__file__}))
"""


def sh(command: list[str], cwd: Path, **env: str) -> str:
    process = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, check=False, timeout=600, env={**os.environ, **env}
    )
    assert process.returncode == 0, process.stdout + process.stderr
    return process.stdout


def test_the_wheel_works_outside_the_repository(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(ROOT, sources, ignore=NOT_SOURCES)
    sh(
        [str(VENV_BIN / "pip"), "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path / "dist"), str(sources)],
        tmp_path,
    )
    (wheel,) = (tmp_path / "dist").glob(f"cdk_appintegrations-{__version__}-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = ("__init__", "calls", "contract", "delivery", "entry", "errors", "lifecycle", "naming", "ownership")
    for module in (*modules, "plan", "reasons"):
        assert f"cdk_appintegrations_handler/{module}.py" in names
    assert "cdk_appintegrations/py.typed" in names and "cdk_appintegrations/data_integration.py" in names
    assert "cdk_appintegrations_handler/py.typed" in names

    venv = tmp_path / "venv"
    sh([getattr(sys, "_base_executable", sys.executable), "-m", "venv", str(venv)], tmp_path)
    sh([str(venv / "bin" / "pip"), "install", "--quiet", str(wheel)], tmp_path)

    app_dir = tmp_path / "app"
    app_dir.mkdir()
    (app_dir / "app.py").write_text(APP)
    out = app_dir / "cdk.out"
    printed = sh(
        [str(venv / "bin" / "python"), "app.py"], app_dir, CDK_OUTDIR=str(out), JSII_NODE=str(VENV_BIN / "node")
    )
    printed_paths = json.loads(printed.splitlines()[-1])
    assert printed_paths["package"].startswith(str(venv)) and printed_paths["handler"].startswith(str(venv))
    (asset,) = [p for p in out.glob("asset.*") if p.is_dir()]
    assert (asset / "cdk_appintegrations_handler" / "entry.py").is_file()
    assert (asset / "crhelper" / "resource_helper.py").is_file()
