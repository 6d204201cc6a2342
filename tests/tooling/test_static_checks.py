"""Static checks: mypy --strict on the package as installed, ruff lint and format."""

import subprocess
from pathlib import Path

from tools import ROOT, VENV_BIN


def check(command: list[str], cwd: Path = ROOT, **env: str) -> None:
    process = subprocess.run(
        command, check=False, cwd=cwd, capture_output=True, text=True, timeout=600, env={"PATH": str(VENV_BIN), **env}
    )
    assert process.returncode == 0, process.stdout + process.stderr


def test_mypy_strict_on_both_packages(tmp_path: Path) -> None:
    """Run from elsewhere: in the repository root, the constructs/ folder would pass for the constructs library."""
    packages = ["-p", "cdk_appintegrations", "-p", "cdk_appintegrations_handler"]
    check(
        [str(VENV_BIN / "mypy"), "--strict", "--cache-dir", str(ROOT / ".mypy_cache"), *packages],
        cwd=tmp_path,
        MYPYPATH=f"{ROOT / 'constructs'}:{ROOT / 'lambda'}",
    )


def test_ruff_lint_and_format() -> None:
    check([str(VENV_BIN / "ruff"), "check", "."])
    check([str(VENV_BIN / "ruff"), "format", "--check", "."])
