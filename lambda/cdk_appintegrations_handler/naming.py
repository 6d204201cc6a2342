"""Generated names: what a resource without a data_integration_name is called, frozen across releases.

A deployed DataIntegration keeps its name only while the digest stays the same: it covers the stack id,
the logical id, contract.NAME_DIGEST_MEMBERS and the knowledge-base binding, and nothing else.
"""

import hashlib
import json
import re
from typing import Any

from .contract import KNOWLEDGE_BASE, NAME, NAME_DIGEST_MEMBERS
from .event import Event, Props

NAME_MAX = 255
_DIGEST_CHARS = 12


def name_of(event: Event, props: Props) -> str:
    """The name the properties ask for: the user's, or the generated one a create uses."""
    return names_of(event, props)[0]


def names_of(event: Event, props: Props) -> tuple[str, ...]:
    """Every name this resource may hold under these properties: the user's, or its generated ones."""
    return (str(props[NAME]),) if props.get(NAME) else generated_names(event, props)


def generated_name(event: Event, props: Props) -> str:
    """The generated name a create uses: see generated_names."""
    return generated_names(event, props)[0]


def generated_names(event: Event, props: Props) -> tuple[str, ...]:
    """Unique valid names: stack name, logical id and a digest of what identifies this resource.

    The digest covers the stack's unique id, the logical id and NAME_DIGEST_MEMBERS, so a
    redelivered Create and every in-place Update derive the same name, while a replacement gets a
    new one and never collides with the resource it replaces. Such a name proves itself: only this
    logical resource asks for it. With a knowledge-base binding, the first name's digest covers it
    too (its replacement needs a new name while the old DataIntegration waits for the cleanup); the
    second is the name without it, which a DataIntegration named before the binding was recorded keeps.
    """
    identity = [event["StackId"], event["LogicalResourceId"], {k: props.get(k) for k in NAME_DIGEST_MEMBERS}]
    bound = binding(props)
    if bound is None:
        return (_generated(event, identity),)
    return (_generated(event, [*identity, {KNOWLEDGE_BASE: bound}]), _generated(event, identity))


def _generated(event: Event, identity: list[Any]) -> str:
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:_DIGEST_CHARS]
    stack_name = str(event["StackId"]).split("/")[1]
    prefix = re.sub(r"[^a-zA-Z0-9/._-]", "-", f"{stack_name}-{event['LogicalResourceId']}")
    return f"{prefix[: NAME_MAX - _DIGEST_CHARS - 1]}-{digest}"


def binding(props: Props) -> str | None:
    """The digest of the knowledge base that reads the DataIntegration, if one does."""
    return str(props[KNOWLEDGE_BASE]) if props.get(KNOWLEDGE_BASE) else None
