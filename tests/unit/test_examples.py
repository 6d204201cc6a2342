"""Every Python example of the README and every ``Example::`` of the docstrings runs, and synthesizes clean.

The README's examples run in order in one namespace, which holds an app and its ``stack`` and ``other_stack``, as
the README says, with this repository's cdk.json context; a complete app (one that makes its own ``cdk.App()``)
runs alone. A docstring's example runs alone with a ``stack``.
"""

import inspect
import json
import re
import textwrap
from collections.abc import Iterator
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from aws_cdk.cx_api import SynthesisMessageLevel
from tools import ROOT

import cdk_appintegrations

README = ROOT / "README.md"
_FENCE = re.compile(r"^(?P<indent> *)```(?P<lang>\w+)\n(?P<code>.*?)^(?P=indent)```$", re.MULTILINE | re.DOTALL)
_EXAMPLE = re.compile(r"^Example::\n\n(?P<code>(?: {4}.*\n|\n)+)", re.MULTILINE)


def blocks(lang: str) -> list[str]:
    """The README's code blocks of one language, in order, dedented."""
    return [textwrap.dedent(m["code"]) for m in _FENCE.finditer(README.read_text()) if m["lang"] == lang]


def is_app(code: str) -> bool:
    return "cdk.App()" in code


def namespace(*stacks: str) -> dict[str, Any]:
    """What an example may take as given: an app with this repository's cdk.json context (its cross-stack
    references strong) and these stacks, aws_cdk as cdk, kms, s3 and the library."""
    app = cdk.App(context=json.loads((ROOT / "cdk.json").read_text())["context"])
    names = {name: getattr(cdk_appintegrations, name) for name in cdk_appintegrations.__all__}
    made = {name: cdk.Stack(app, name.title().replace("_", "")) for name in stacks}
    return {**names, "cdk": cdk, "kms": kms, "s3": s3, "app": app, **made}


def warnings_of(app: cdk.App) -> list[str]:
    """Every warning of every stack of the app, as synthesized."""
    assembly = app.synth()
    return [
        f"{message.id}: {message.entry.data}"
        for stack in assembly.stacks
        for message in stack.messages
        if message.level == SynthesisMessageLevel.WARNING
    ]


def docstring_examples() -> Iterator[tuple[str, str]]:
    """(where, code) of every Example:: in the docstrings of the public classes and their members."""
    for name in cdk_appintegrations.__all__:
        value = getattr(cdk_appintegrations, name)
        if not isinstance(value, type):
            continue
        owners = [(name, value), *((f"{name}.{attr}", member) for attr, member in vars(value).items())]
        for where, owner in owners:
            doc = inspect.getdoc(owner.fget if isinstance(owner, property) else owner) or ""
            for match in _EXAMPLE.finditer(doc + "\n"):
                yield where, textwrap.dedent(match["code"])


def test_the_readme_has_shared_examples_and_a_complete_app() -> None:
    python = blocks("python")
    assert len([code for code in python if is_app(code)]) == 1
    assert len([code for code in python if not is_app(code)]) >= 5


def test_the_readmes_shared_examples_run_in_order_and_synthesize_with_no_warning() -> None:
    names = namespace("stack", "other_stack")
    for code in blocks("python"):
        if not is_app(code):
            exec(compile(code, str(README), "exec"), names)
    assert warnings_of(names["app"]) == []


def test_the_readmes_complete_app_synthesizes_with_no_warning() -> None:
    (code,) = [code for code in blocks("python") if is_app(code)]
    names: dict[str, Any] = {"__name__": "__main__"}
    exec(compile(code, "app.py", "exec"), names)
    assert warnings_of(names["app"]) == []


def test_the_readmes_json_is_json_and_its_cdk_json_runs_app_py() -> None:
    loaded = [json.loads(code) for code in blocks("json")]
    assert {"app": "python3 app.py"} in loaded


EXAMPLES = list(docstring_examples())


def test_the_docstrings_have_examples() -> None:
    assert {where for where, _ in EXAMPLES} >= {"DataIntegration", "KnowledgeBase"}


@pytest.mark.parametrize(("where", "code"), EXAMPLES, ids=[where for where, _ in EXAMPLES])
def test_each_docstring_example_synthesizes_with_no_warning(where: str, code: str) -> None:
    names = namespace("stack")
    exec(compile(code, where, "exec"), names)
    assert warnings_of(names["app"]) == []
