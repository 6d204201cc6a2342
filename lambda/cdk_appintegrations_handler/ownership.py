"""Which DataIntegrations this stack's logical resource owns, and the placeholder of a failed Create.

The handler tags each DataIntegration it creates or takes over with OWNER_TAG, whose value is a
digest of the stack id and logical id, then the RequestId that wrote it. A retry or a rollback may
reuse what carries this stack's digest; a failed Create's placeholder names the RequestId, so its
rollback Delete removes what that very request made, and nothing else.
"""

import hashlib
from collections.abc import Mapping
from typing import Any, NamedTuple

from .contract import OWNER_TAG, TAGS
from .event import Event

PLACEHOLDER_PREFIX = "create-failed:"
_DIGEST_CHARS = 24


class Placeholder(NamedTuple):
    """What a failed Create's physical id says: the request, and the name it asked for."""

    request_id: str
    name: str


def owner_value(event: Event) -> str:
    """The OWNER_TAG value this event writes."""
    return f"{_digest(event)}:{event['RequestId']}"


def owned(event: Event, described: Mapping[str, Any]) -> bool:
    """True when the DataIntegration carries this stack's and logical resource's owner tag."""
    return str(_owner_tag(described)).startswith(f"{_digest(event)}:")


def made_by(event: Event, request_id: str, described: Mapping[str, Any]) -> bool:
    """True when this logical resource's request request_id wrote the owner tag."""
    return _owner_tag(described) == f"{_digest(event)}:{request_id}"


def placeholder(event: Event, name: str | None) -> str:
    """The physical id of a Create that failed, or whose outcome is unknown: never empty, stable per request."""
    return f"{PLACEHOLDER_PREFIX}{event.get('RequestId', '')}:{name or ''}"


def parse_placeholder(physical_id: str) -> Placeholder | None:
    """The request and name a placeholder names; None for anything else."""
    if not physical_id.startswith(PLACEHOLDER_PREFIX):
        return None
    request_id, _, name = physical_id.removeprefix(PLACEHOLDER_PREFIX).partition(":")
    return Placeholder(request_id, name)


def _owner_tag(described: Mapping[str, Any]) -> object:
    return (described.get(TAGS) or {}).get(OWNER_TAG)


def _digest(event: Event) -> str:
    identity = f"{event['StackId']}\n{event['LogicalResourceId']}"
    return hashlib.sha256(identity.encode()).hexdigest()[:_DIGEST_CHARS]
