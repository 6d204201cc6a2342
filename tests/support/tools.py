"""Running the project's real tools: the CDK CLI, the example app, cfn-lint."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


def tool_env(**extra: str) -> dict[str, str]:
    """The environment the Makefile gives: the venv's Node.js and the local CDK CLI first on PATH."""
    path = os.pathsep.join([str(VENV_BIN), str(ROOT / "node_modules" / ".bin"), os.environ.get("PATH", "")])
    return {**os.environ, "PATH": path, **extra}


def run(command: list[str], **extra_env: str) -> subprocess.CompletedProcess[str]:
    """Run a command from the repository root; fail with its output if it fails."""
    process = subprocess.run(
        command, check=False, cwd=ROOT, env=tool_env(**extra_env), capture_output=True, text=True, timeout=300
    )
    assert process.returncode == 0, process.stdout + process.stderr
    return process


def template(outdir: Path, stack: str = "AppIntegrationsExample") -> dict[str, Any]:
    """A synthesized template."""
    loaded: dict[str, Any] = json.loads((outdir / f"{stack}.template.json").read_text())
    return loaded


def cfn_lint(*templates: Path) -> subprocess.CompletedProcess[str]:
    """cfn-lint on templates; it exits non-zero on any error, warning or informational finding."""
    return subprocess.run(
        [str(VENV_BIN / "cfn-lint"), *map(str, templates)], check=False, capture_output=True, text=True, timeout=300
    )
