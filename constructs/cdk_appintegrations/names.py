"""Literal DataIntegration names, which AppIntegrations keeps unique per account and region."""

import weakref

from constructs import Construct, IConstruct

from .environment import Environment
from .registry import once_per


class Names:
    """The literal names of an app's DataIntegrations, with their environments."""

    @classmethod
    def of(cls, root: IConstruct) -> "Names":
        """The app's names, created on first use."""
        return once_per(_NAMES, root, cls)

    def __init__(self) -> None:
        self._taken: dict[str, list[tuple[Environment, Construct]]] = {}

    def taken_by(self, name: str, environment: Environment) -> Construct | None:
        """The DataIntegration that has this name in possibly the same environment, if any."""
        return next((c for env, c in self._taken.get(name, []) if env.may_be(environment)), None)

    def take(self, name: str, environment: Environment, construct: Construct) -> None:
        """Record the name as this construct's."""
        self._taken.setdefault(name, []).append((environment, construct))


_NAMES: "weakref.WeakKeyDictionary[IConstruct, Names]" = weakref.WeakKeyDictionary()
