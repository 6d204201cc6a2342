"""The DataIntegrations of an app that feed a knowledge base: AppIntegrations associates each one once."""

import weakref

from constructs import Construct, IConstruct

from .registry import once_per


class Associations:
    """Which knowledge base each DataIntegration of an app feeds, across all its stacks."""

    @classmethod
    def of(cls, root: IConstruct) -> "Associations":
        """The app's associations, created on first use."""
        return once_per(_ASSOCIATIONS, root, cls)

    def __init__(self) -> None:
        self._taken: dict[str, Construct] = {}

    def taken_by(self, source: str) -> Construct | None:
        """The knowledge base that this DataIntegration (a construct path, or an imported ARN) feeds, if any."""
        return self._taken.get(source)

    def take(self, source: str, knowledge_base: Construct) -> None:
        """Record that this knowledge base consumes the DataIntegration."""
        self._taken[source] = knowledge_base


_ASSOCIATIONS: "weakref.WeakKeyDictionary[IConstruct, Associations]" = weakref.WeakKeyDictionary()
