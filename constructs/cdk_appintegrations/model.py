"""Constraints of the AppIntegrations API model, as botocore ships it, applied to values."""

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import botocore.session
from botocore.model import ListShape, MapShape, ServiceModel, Shape, StructureShape

SERVICE = "appintegrations"

_SINGULAR = {"characters": "character", "items": "item", "entries": "entry"}

# A path step: a structure member name, a list index, or a map key wrapped in a 1-tuple.
Step = str | int | tuple[str]


@dataclass(frozen=True)
class Violation:
    """One constraint a value breaks, and where."""

    path: tuple[Step, ...]
    rule: str
    value: Any


@cache
def service_model() -> ServiceModel:
    """The botocore model of AppIntegrations."""
    return botocore.session.get_session().get_service_model(SERVICE)


def input_shape(operation: str) -> StructureShape:
    """The request shape of one operation, e.g. CreateDataIntegration."""
    shape = service_model().operation_model(operation).input_shape
    if shape is None:
        raise LookupError(f"{operation} takes no input")
    return shape


def pattern_text(pattern: str) -> str:
    """A model pattern as people write it (``\\/`` is just ``/``)."""
    return pattern.replace("\\/", "/")


def violations(
    shape: Shape,
    value: Any,
    path: tuple[Step, ...] = (),
    skip: Callable[[Any], bool] = lambda _: False,
) -> Iterator[Violation]:
    """Every constraint of the shape that the value breaks; values for which skip is true pass."""
    if skip(value):
        return
    if isinstance(shape, StructureShape):
        yield from _structure(shape, value, path, skip)
    elif isinstance(shape, ListShape):
        yield from _list(shape, value, path, skip)
    elif isinstance(shape, MapShape):
        yield from _map(shape, value, path, skip)
    elif shape.type_name == "string":
        yield from _string(shape, value, path)
    elif shape.type_name == "integer":
        yield from _integer(shape, value, path)


def _structure(
    shape: StructureShape, value: Any, path: tuple[Step, ...], skip: Callable[[Any], bool]
) -> Iterator[Violation]:
    if not isinstance(value, Mapping):
        yield Violation(path, "must be an object", value)
        return
    for name in shape.required_members:
        if value.get(name) is None:
            yield Violation((*path, name), "is required", None)
    for name, member in shape.members.items():
        if value.get(name) is not None:
            yield from violations(member, value[name], (*path, name), skip)


def _list(shape: ListShape, value: Any, path: tuple[Step, ...], skip: Callable[[Any], bool]) -> Iterator[Violation]:
    if not isinstance(value, list | tuple):
        yield Violation(path, "must be a list", value)
        return
    yield from _size(shape, len(value), "items", path, value)
    for index, item in enumerate(value):
        yield from violations(shape.member, item, (*path, index), skip)


def _map(shape: MapShape, value: Any, path: tuple[Step, ...], skip: Callable[[Any], bool]) -> Iterator[Violation]:
    if not isinstance(value, Mapping):
        yield Violation(path, "must be a map", value)
        return
    yield from _size(shape, len(value), "entries", path, value)
    for key, item in value.items():
        for violation in violations(shape.key, key, (*path, (str(key),)), skip):
            yield Violation(violation.path, f"key {violation.rule}", key)
        yield from violations(shape.value, item, (*path, (str(key),)), skip)


def _string(shape: Shape, value: Any, path: tuple[Step, ...]) -> Iterator[Violation]:
    if not isinstance(value, str):
        yield Violation(path, "must be a string", value)
        return
    yield from _size(shape, len(value), "characters", path, value)
    pattern = shape.metadata.get("pattern")
    if pattern is not None and re.search(pattern, value) is None:
        yield Violation(path, f"must match {pattern_text(pattern)}", value)
    enum = shape.metadata.get("enum")
    if enum and value not in enum:
        yield Violation(path, f"must be one of {', '.join(enum)}", value)


def _integer(shape: Shape, value: Any, path: tuple[Step, ...]) -> Iterator[Violation]:
    if not isinstance(value, int) or isinstance(value, bool):
        yield Violation(path, "must be an integer", value)
        return
    if "min" in shape.metadata and value < shape.metadata["min"]:
        yield Violation(path, f"must be at least {shape.metadata['min']}", value)
    if "max" in shape.metadata and value > shape.metadata["max"]:
        yield Violation(path, f"must be at most {shape.metadata['max']}", value)


def _size(shape: Shape, size: int, unit: str, path: tuple[Step, ...], value: Any) -> Iterator[Violation]:
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    if low is not None and size < low:
        yield Violation(path, f"must have at least {low} {unit if low != 1 else _SINGULAR[unit]}", value)
    if high is not None and size > high:
        yield Violation(path, f"must have at most {high} {unit}", value)
