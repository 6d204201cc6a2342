"""Static checks: mypy --strict on the package as installed, ruff lint and format."""

import shutil
import subprocess
from pathlib import Path

from tools import ROOT, VENV_BIN


def check(command: list[str], cwd: Path = ROOT, **env: str) -> None:
    process = subprocess.run(
        command, check=False, cwd=cwd, capture_output=True, text=True, timeout=600, env={"PATH": str(VENV_BIN), **env}
    )
    assert process.returncode == 0, process.stdout + process.stderr


def test_mypy_strict_on_the_installed_layout(tmp_path: Path) -> None:
    """lambda/ ships as cdk_appintegrations.handler; lay the package out that way, as the wheel does."""
    package = tmp_path / "cdk_appintegrations"
    shutil.copytree(ROOT / "constructs" / "cdk_appintegrations", package)
    shutil.copytree(ROOT / "lambda", package / "handler")
    cache = ROOT / ".mypy_cache"
    check(
        [str(VENV_BIN / "mypy"), "--strict", "--cache-dir", str(cache), "-p", "cdk_appintegrations"],
        cwd=tmp_path,
        MYPYPATH=str(tmp_path),
    )


def test_ruff_lint_and_format() -> None:
    check([str(VENV_BIN / "ruff"), "check", "."])
    check([str(VENV_BIN / "ruff"), "format", "--check", "."])
