"""Every member constraint of an operation in the botocore model, and a request that breaks one.

A constraint sits at a path of member names; "[]" stands for a list item, "{key}" for a map
key and "{}" for a map value. Rules: required, min, max, pattern, enum. A min of 0 and the
pattern ".*" admit every string, so they are not constraints anyone can break.
"""

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from botocore.model import ListShape, MapShape, Shape, StructureShape

from cdk_appintegrations.model import input_shape

UNBREAKABLE_PATTERNS = (".*",)
# A pattern violation: one blank character, which every pattern of this model refuses.
BLANK = " "


@dataclass(frozen=True)
class Constraint:
    """One rule of one member of an operation's input."""

    operation: str
    path: tuple[str, ...]
    rule: str
    bound: Any = None

    def __str__(self) -> str:
        bound = "" if self.bound is None else f"={self.bound}"
        return f"{self.operation}:{'.'.join(self.path)}:{self.rule}{bound}"


def constraints(operation: str, shape: StructureShape | None = None) -> list[Constraint]:
    """The constraints of an operation's input (AppIntegrations', unless its shape is given), outermost first."""
    return list(_walk(operation, shape or input_shape(operation), ()))


def _walk(operation: str, shape: Shape, path: tuple[str, ...]) -> Iterator[Constraint]:
    metadata = shape.metadata
    if metadata.get("min"):
        yield Constraint(operation, path, "min", metadata["min"])
    if "max" in metadata:
        yield Constraint(operation, path, "max", metadata["max"])
    if metadata.get("pattern") not in (None, *UNBREAKABLE_PATTERNS):
        yield Constraint(operation, path, "pattern", metadata["pattern"])
    if metadata.get("enum"):
        yield Constraint(operation, path, "enum", tuple(metadata["enum"]))
    if isinstance(shape, StructureShape):
        for name in shape.required_members:
            yield Constraint(operation, (*path, name), "required")
        for name, member in shape.members.items():
            yield from _walk(operation, member, (*path, name))
    elif isinstance(shape, ListShape):
        yield from _walk(operation, shape.member, (*path, "[]"))
    elif isinstance(shape, MapShape):
        yield from _walk(operation, shape.key, (*path, "{key}"))
        yield from _walk(operation, shape.value, (*path, "{}"))


def broken(request: dict[str, Any], constraint: Constraint) -> dict[str, Any]:
    """A copy of a valid request with this one constraint broken, at the first element a wildcard meets."""
    result = copy.deepcopy(request)
    *parents, last = constraint.path
    container: Any = result
    for step in parents:
        container = _step_into(container, step)
    if constraint.rule == "required":
        del container[last]
    elif last == "{key}":
        key, value = next(iter(container.items()))
        del container[key]
        container[_violating(key, constraint)] = value
    else:
        slot = _slot(container, last)
        container[slot] = _violating(container[slot], constraint)
    return result


def _step_into(container: Any, step: str) -> Any:
    return container[_slot(container, step)]


def _slot(container: Any, step: str) -> Any:
    if step == "[]":
        return 0
    if step == "{}":
        return next(iter(container))
    return step


def _violating(value: Any, constraint: Constraint) -> Any:
    rule, bound = constraint.rule, constraint.bound
    if rule == "pattern":
        assert re.search(bound, BLANK) is None, constraint
        return BLANK
    if rule == "enum":
        return "NOT_" + bound[0]
    if isinstance(value, int):
        return bound - 1 if rule == "min" else bound + 1
    if isinstance(value, str):
        return value[: bound - 1] if rule == "min" else value + value[-1] * (bound + 1 - len(value))
    if isinstance(value, list):
        return value[: bound - 1] if rule == "min" else [value[0]] * (bound + 1)
    assert isinstance(value, dict), constraint
    if rule == "min":
        return dict(list(value.items())[: bound - 1])
    key, item = next(iter(value.items()))
    return {f"{key}{i}": item for i in range(bound + 1)}
