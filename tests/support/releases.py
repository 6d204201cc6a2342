"""The previous release's code, and apps synthesized with it in processes of their own.

The previous release is a commit of this repository. Its packages (and its example app) are kept as the
`git archive` of that commit under tests/fixtures, so a clone without that history (a shallow one) has them too;
where the history has the commit, the fixture must be exactly its archive. Its construct code runs in a
subprocess whose PYTHONPATH puts those packages before the installed ones; the subprocess reports where they
came from, and a synth that used the installed ones fails.
"""

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

from chain_app import Spec
from tools import ROOT

PREVIOUS_RELEASE = "7869c0b"  # 0.2.0
PREVIOUS_VERSION = "0.2.0"
SUPPORT = Path(__file__).resolve().parent
ARCHIVED = ("constructs", "lambda", "app.py")
# git archive --format=tar.gz -o tests/fixtures/release-0.2.0.tar.gz 7869c0b constructs lambda app.py
FIXTURE = ROOT / "tests" / "fixtures" / f"release-{PREVIOUS_VERSION}.tar.gz"


def extract(commit: str, target: Path) -> Path:
    """The commit's construct and handler packages and its example app, under target, from the fixture."""
    with tarfile.open(FIXTURE) as tar:
        kept = _files(tar)
        tar.extractall(target, filter="data")
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", commit, *ARCHIVED],
        check=False,
        capture_output=True,
        timeout=120,
    )
    if archive.returncode == 0:  # the history has the commit: the fixture is its archive
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            assert _files(tar) == kept, f"{FIXTURE} is not the archive of {commit}"
    return target


def _files(tar: tarfile.TarFile) -> dict[str, bytes]:
    """Each regular file of the archive, by path, with its content."""
    found = {}
    for member in tar.getmembers():
        if member.isfile():
            content = tar.extractfile(member)
            assert content is not None
            found[member.name] = content.read()
    return found


def environment(code: Path) -> dict[str, str]:
    """The environment of a process that imports the packages under code, and the test support."""
    path = os.pathsep.join([str(code / "constructs"), str(code / "lambda"), str(SUPPORT)])
    return {**os.environ, "PYTHONPATH": path}


def synthesize_chain(code: Path, spec: Spec, outdir: Path) -> dict[str, Any]:
    """The chain app's template, synthesized in a process that runs the packages under code."""
    process = subprocess.run(
        [sys.executable, str(SUPPORT / "chain_app.py"), spec.to_json(), str(outdir)],
        check=False,
        cwd=outdir,
        env=environment(code),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    used = json.loads(process.stdout.strip().splitlines()[-1])
    assert all(Path(module).is_relative_to(code) for module in used), f"not the packages under {code}: {used}"
    template: dict[str, Any] = json.loads((outdir / "ChainStack.template.json").read_text())
    return template


def synthesize_example(code: Path | None, outdir: Path) -> dict[str, dict[str, Any]]:
    """The example app's templates by stack, with cdk.json's context: the code under code, or the installed code."""
    outdir.mkdir(parents=True, exist_ok=True)
    context = json.loads((ROOT / "cdk.json").read_text())["context"]
    env = environment(code) if code is not None else dict(os.environ)
    env.update(CDK_OUTDIR=str(outdir), CDK_CONTEXT_JSON=json.dumps(context))
    app = (code or ROOT) / "app.py"
    process = subprocess.run(
        [sys.executable, str(app)], check=False, cwd=outdir, env=env, capture_output=True, text=True, timeout=300
    )
    assert process.returncode == 0, process.stdout + process.stderr
    return {
        path.name.removesuffix(".template.json"): json.loads(path.read_text())
        for path in outdir.glob("*.template.json")
    }
