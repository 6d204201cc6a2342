"""One object per app or per stack, kept beside the construct tree rather than in it."""

import weakref
from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
T = TypeVar("T")


def once_per(registry: "weakref.WeakKeyDictionary[K, T]", key: K, make: Callable[[], T]) -> T:
    """The object registered for key, made and registered on first use."""
    found = registry.get(key)
    if found is None:
        found = registry[key] = make()
    return found
