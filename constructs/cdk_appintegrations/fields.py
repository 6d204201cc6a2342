"""The fields a DataIntegration pulls, as its literal object configuration names them."""

from collections.abc import Mapping, Sequence
from typing import Any

from .tokens import is_unresolved


def pulled_fields(object_configuration: Mapping[str, Mapping[str, Sequence[str]]] | None) -> tuple[str, ...] | None:
    """Every field of every object, in order, each once; None for none, or when a name or field is a token."""
    if not object_configuration:
        return None
    found: dict[str, None] = {}
    for name, field_map in object_configuration.items():
        if is_unresolved(name):
            return None
        for fields in field_map.values():
            if not _literal(fields):
                return None
            found.update(dict.fromkeys(fields))
    return tuple(found) or None


def _literal(fields: Any) -> bool:
    return not is_unresolved(fields) and not any(is_unresolved(field) for field in fields)
