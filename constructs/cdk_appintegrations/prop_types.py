"""Type checks of props where they enter, each mistake read as ``prop: expected X, got Y``.

A ``str`` is never taken as a sequence of strings, though Python would iterate it. Tokens pass where a string is
expected: a token string is a ``str``, and an unresolved jsii object (an ``IResolvable``) passes too.
"""

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from aws_cdk import Token
from constructs import Construct

# A check of one prop: the mistakes, each naming the prop.
Check = Callable[[str, Any], list[str]]

STR = "str"
STRS = "a sequence of str"
STR_MAP = "a mapping of str to str"
FIELDS_MAP = "a mapping of str to a sequence of str"
KEY = "a kms.IKey or a key ARN str"


def got(value: Any) -> str:
    """What a value is, for a message: its type's name, or None."""
    return "None" if value is None else type(value).__name__


def expected(prop: str, what: str, value: Any) -> str:
    """The message of a prop given a value of another type."""
    return f"{prop}: expected {what}, got {got(value)}"


def is_text(value: Any) -> bool:
    """True for a str, a token string included, and for an unresolved jsii object such as an IResolvable."""
    if isinstance(value, str):
        return True
    # Token.is_unresolved takes only jsii objects; a Stack resolves itself, but is no string.
    return hasattr(type(value), "__jsii_type__") and not isinstance(value, Construct) and Token.is_unresolved(value)


def problems(checks: Mapping[str, Check], values: Mapping[str, Any], prefix: str = "") -> list[str]:
    """Every mistake of these props, each checked by its own check and named prefix + prop."""
    return [found for prop, check in checks.items() for found in check(prefix + prop, values[prop])]


def optional(check: Check) -> Check:
    """The check, for a prop that may also be None."""
    return lambda prop, value: [] if value is None else check(prop, value)


def text(prop: str, value: Any) -> list[str]:
    return [] if is_text(value) else [expected(prop, STR, value)]


def boolean(prop: str, value: Any) -> list[str]:
    return [] if isinstance(value, bool) else [expected(prop, "bool", value)]


def instance_of(cls: type, what: str | None = None) -> Check:
    """A check that the value is an instance of cls, named what (default: the class's name)."""
    return lambda prop, value: [] if isinstance(value, cls) else [expected(prop, what or cls.__name__, value)]


def texts(prop: str, value: Any) -> list[str]:
    """A sequence of str, such as a list: never a str itself."""
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        return [expected(prop, STRS, value)]
    return [found for index, item in enumerate(value) for found in text(f"{prop}[{index}]", item)]


def text_map(prop: str, value: Any) -> list[str]:
    """A mapping of str to str, such as tags."""
    return _mapping(prop, value, STR_MAP, text)


def fields_map(prop: str, value: Any) -> list[str]:
    """A mapping of str to a sequence of str, such as a file configuration's filters or an object's fields."""
    return _mapping(prop, value, FIELDS_MAP, texts)


def object_map(prop: str, value: Any) -> list[str]:
    """An object configuration: a mapping of object names to field maps."""
    return _mapping(prop, value, f"a mapping of str to {FIELDS_MAP}", fields_map)


def key_arn_of(value: Any) -> str | None:
    """The key ARN of a kms_key: the str itself, or a kms.IKey's key_arn; None for anything else."""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | bool | int | float | Mapping | Sequence) or value is None:
        return None
    arn = getattr(value, "key_arn", None)  # jsii interfaces are not runtime-checkable protocols
    return arn if isinstance(arn, str) else None


def key(prop: str, value: Any) -> list[str]:
    return [] if key_arn_of(value) is not None else [expected(prop, KEY, value)]


def _mapping(prop: str, value: Any, what: str, check_value: Check) -> list[str]:
    if not isinstance(value, Mapping):
        return [expected(prop, what, value)]
    found = []
    for name, item in value.items():
        if not is_text(name):
            found.append(f"{prop}: expected str keys, got {got(name)} {name!r}")
        else:
            found += check_value(f"{prop}[{name!r}]", item)
    return found
