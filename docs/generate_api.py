"""Write docs/api.md, the API reference of cdk_appintegrations, from the docstrings of its public names."""

import enum
import inspect
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import cdk_appintegrations

OUTPUT = Path(__file__).with_name("api.md")
PACKAGE = cdk_appintegrations.__name__
HEADER = """# API reference

The public API of `cdk_appintegrations`, generated from its docstrings by `make docs` (`docs/generate_api.py`);
`tests/tooling/test_api_reference.py` fails when this file is stale or a public name lacks documentation.
"""
# Members in this order of kinds, then by name.
KINDS = ("classmethod", "property", "method")
_FIELD = re.compile(r"^:(?:param (?P<param>\w+)|returns?):\s*(?P<text>.*)$")
_OWN_MODULE = re.compile(rf"\b{PACKAGE}\.\w+\.")


def public_classes() -> list[type]:
    """The classes that cdk_appintegrations.__all__ names, by name."""
    found = (getattr(cdk_appintegrations, name) for name in sorted(cdk_appintegrations.__all__))
    return [value for value in found if isinstance(value, type)]


def own_doc(value: Any) -> str:
    """The docstring of this very object, dedented; empty when there is none."""
    doc = getattr(value, "__doc__", None)
    return inspect.cleandoc(doc) if isinstance(doc, str) else ""


def class_doc(cls: type) -> str:
    """The class's own docstring; a dataclass without one has its signature there, which documents nothing."""
    doc = own_doc(cls) if "__doc__" in cls.__dict__ else ""
    return "" if doc.startswith(f"{cls.__name__}(") else doc


def constructor(cls: type) -> tuple[inspect.Signature, str] | None:
    """The constructor's signature and docstring: jsii-style on __init__, or the class's for a dataclass.

    None for an enum or a protocol, which users do not call.
    """
    if issubclass(cls, enum.Enum) or getattr(cls, "_is_protocol", False):
        return None
    init = cls.__dict__.get("__init__")
    doc = own_doc(init) if init is not None else ""
    return _signature(cls.__init__, bound=False), doc or class_doc(cls)


def members(cls: type) -> Iterator[tuple[str, str, Any, inspect.Signature]]:
    """(kind, name, documented object, signature) of each public member the package defines on cls or its bases.

    A property's documented object is its getter; a classmethod's signature is bound to cls.
    """
    seen: set[str] = set()
    for owner in cls.__mro__:
        if not owner.__module__.startswith(f"{PACKAGE}."):
            continue
        for name, value in owner.__dict__.items():
            if name.startswith("_") or name in seen:
                continue
            seen.add(name)
            if isinstance(value, property) and value.fget is not None:
                yield "property", name, value.fget, _signature(value.fget, bound=False)
            elif isinstance(value, classmethod):
                yield "classmethod", name, value.__func__, _signature(getattr(cls, name), bound=True)
            elif inspect.isfunction(value):
                yield "method", name, value, _signature(value, bound=False)


def fields(doc: str) -> tuple[str, dict[str, str], str]:
    """A docstring split into its text, its ``:param name:`` descriptions and its ``:return:`` description."""
    text: list[str] = []
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in doc.splitlines():
        field = _FIELD.match(line)
        if field is not None:
            current = found.setdefault(field["param"] or ":return:", [])
            current.append(field["text"])
        elif current is not None and line.startswith(" "):
            current.append(line.strip())
        else:
            current = None
            text.append(line)
    joined = {name: " ".join(lines).strip() for name, lines in found.items()}
    return "\n".join(text).strip(), joined, joined.pop(":return:", "")


def undocumented() -> list[str]:
    """Every public class, member and parameter (of a constructor or a member) that has no documentation."""
    gaps: list[str] = []
    for cls in public_classes():
        if not class_doc(cls):
            gaps.append(cls.__name__)
        made = constructor(cls)
        if made is not None:
            gaps += [f"{cls.__name__}({p})" for p in _missing(*made)]
        for _, name, documented, found in members(cls):
            if not own_doc(documented):
                gaps.append(f"{cls.__name__}.{name}")
            gaps += [f"{cls.__name__}.{name}({p})" for p in _missing(found, own_doc(documented))]
    return gaps


def render() -> str:
    """The text of docs/api.md."""
    classes = public_classes()
    lines = [HEADER, *(f"- [`{cls.__name__}`](#{cls.__name__.lower()})" for cls in classes), ""]
    for cls in classes:
        lines += _class(cls)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _missing(found: inspect.Signature, doc: str) -> list[str]:
    _, params, _ = fields(doc)
    return [name for name in found.parameters if not params.get(name)]


def _signature(function: Callable[..., Any], *, bound: bool) -> inspect.Signature:
    """The signature with its annotations evaluated, without self unless the function is bound."""
    found = inspect.signature(function, eval_str=True)
    return found if bound else found.replace(parameters=list(found.parameters.values())[1:])


def _class(cls: type) -> list[str]:
    text, _, _ = fields(class_doc(cls))
    lines = [f"## {cls.__name__}", "", _lineage(cls), "", *_markdown(text), ""]
    if issubclass(cls, enum.Enum):
        lines += [f"- `{cls.__name__}.{member.name}` = `{member.value!r}`" for member in cls]
    made = constructor(cls)
    if made is not None:
        found, doc = made
        lines += ["", "### Constructor", "", *_call(cls.__name__, found), *_parameters(found, doc)]
    for kind, name, documented, found in sorted(members(cls), key=lambda m: (KINDS.index(m[0]), m[1])):
        text, _, returns = fields(own_doc(documented))
        lines += ["", f"### {cls.__name__}.{name}", "", f"*{kind}*", ""]
        if kind == "property":
            lines += ["```python", f"{name}: {_annotation(found.return_annotation)}", "```"]
        else:
            lines += _call(name, found)
        lines += ["", *_markdown(text), *_parameters(found, own_doc(documented))]
        lines += ["", f"Returns: {returns}"] if returns else []
    return [*lines, ""]


def _lineage(cls: type) -> str:
    """What the class is, what it extends (its nearest public base) and the jsii interfaces it adds to that."""
    base = next(b for b in cls.__mro__[1:] if not b.__name__.startswith("_"))
    kind = "enum" if issubclass(cls, enum.Enum) else "protocol" if getattr(cls, "_is_protocol", False) else "class"
    parts = [f"*{kind}*" if base in (object, enum.Enum) else f"*{kind}*, extends `{_name(base)}`"]
    inherited = getattr(base, "__jsii_ifaces__", [])
    added = [i for i in dict.fromkeys(getattr(cls, "__jsii_ifaces__", [])) if i not in inherited]
    if added:
        parts.append("implements " + ", ".join(f"`{_name(i)}`" for i in added))
    return "; ".join(parts)


def _name(cls: type) -> str:
    return cls.__name__ if cls.__module__.startswith(PACKAGE) else f"{cls.__module__}.{cls.__qualname__}"


def _annotation(annotation: Any) -> str:
    """An annotation as written, with this package's classes by their public names."""
    return _OWN_MODULE.sub("", inspect.formatannotation(annotation))


def _call(name: str, found: inspect.Signature) -> list[str]:
    """A call signature in a code block, one parameter a line."""
    params: list[str] = []
    for param in found.parameters.values():
        if param.kind is param.KEYWORD_ONLY and "*" not in params:
            params.append("*")
        text = param.name if param.annotation is param.empty else f"{param.name}: {_annotation(param.annotation)}"
        params.append(text if param.default is param.empty else f"{text} = {param.default!r}")
    returns = "" if found.return_annotation in (found.empty, None) else f" -> {_annotation(found.return_annotation)}"
    if not params:
        return ["```python", f"{name}(){returns}", "```"]
    return ["```python", f"{name}(", *(f"    {p}," for p in params), f"){returns}", "```"]


def _parameters(found: inspect.Signature, doc: str) -> list[str]:
    _, params, _ = fields(doc)
    return ["", *(f"- `{name}`: {params.get(name, '')}" for name in found.parameters)] if found.parameters else []


def _markdown(text: str) -> list[str]:
    """reST-style docstring text as Markdown: a line ending in ``::`` opens an indented Python code block."""
    lines: list[str] = []
    code: list[str] | None = None
    for line in text.splitlines():
        if code is not None and (not line or line.startswith("    ")):
            code.append(line[4:])
            continue
        if code is not None:
            lines += _fenced(code)
            code = None
        if line.endswith("::"):
            lines.append(line[:-1])
            code = []
        else:
            lines.append(line)
    return lines + _fenced(code) if code is not None else lines


def _fenced(code: list[str]) -> list[str]:
    return ["", "```python", *"\n".join(code).strip("\n").splitlines(), "```", ""]


def main() -> None:
    gaps = undocumented()
    if gaps:
        raise SystemExit(f"{PACKAGE}: undocumented: {', '.join(gaps)}")
    OUTPUT.write_text(render())
    print(f"Wrote docs/{OUTPUT.name}")


if __name__ == "__main__":
    main()
