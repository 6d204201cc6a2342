"""Reconciliation: what to do with what exists, each decision a pure function that returns a plan or calls.

lifecycle.py reads what exists and runs what these functions return; they make no calls themselves.
"""

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from .calls import Call, Described, Plan, created, delete_call, handler_tags, tag_calls, update_call, user_tags
from .contract import (
    CLIENT_TOKEN,
    CREATE_ONLY_DESCRIBED_AS,
    KNOWLEDGE_BASE,
    KNOWLEDGE_BASE_TAG,
    NAME,
    OWNER_TAG,
    PROPERTY_NAMES,
    TAGS,
    UPDATABLE,
)
from .errors import PlanError
from .event import Event, Props, adopting, properties
from .naming import binding, generated_names, name_of, names_of
from .ownership import made_by, owned, owner_value, parse_placeholder
from .reasons import cut, name_taken

_SHOWN_CHARS = 32


def differing(props: Props, described: Described) -> list[str]:
    """The members whose requested value is not the DataIntegration's, and so replace it.

    The create-only members, and the knowledge-base binding against the tag that records it. A
    binding absent on either side is no change: one that appears on a DataIntegration deployed
    before bindings were recorded is written in place, and one whose knowledge base left the app is
    dropped in place.
    """
    changed = [k for k, at in CREATE_ONLY_DESCRIBED_AS.items() if (props.get(k) or None) != (described.get(at) or None)]
    wanted, recorded = binding(props), (described.get(TAGS) or {}).get(KNOWLEDGE_BASE_TAG)
    if wanted and recorded and wanted != recorded:
        changed.append(KNOWLEDGE_BASE)
    return changed


def in_place(event: Event, props: Props, current: Described, owner: str) -> Plan:
    """Bring the DataIntegration's updatable members and tags to the requested ones; keep its Id."""
    # An unset member is sent empty: UpdateDataIntegration leaves out what it is not given.
    members = {**{k: props.get(k) or "" for k in UPDATABLE}, NAME: kept_name(event, props, current)}
    calls: list[Call] = []
    if any(members[k] != (current.get(k) or "") for k in UPDATABLE):
        calls.append(update_call(current["Id"], members))
    wanted = {**user_tags(props), **handler_tags(props, owner)}
    previous = user_tags(event.get("OldResourceProperties") or {})
    calls.extend(tag_calls(current["Arn"], current.get(TAGS) or {}, wanted, previous))
    return Plan(tuple(calls), created({**current, NAME: members[NAME]}))


def kept_name(event: Event, props: Props, current: Described) -> str:
    """The name an in-place Update leaves: the current one if it is one of the requested names.

    So a DataIntegration named before its knowledge base was recorded keeps its name when the binding
    appears, and nothing generated is renamed to another generated name of the same properties.
    """
    names = names_of(event, props)
    return str(current[NAME]) if current[NAME] in names else names[0]


def kept_owner(event: Event, current: Described) -> str:
    """The owner tag to keep on the resource CloudFormation holds: its own if ours, else this request's."""
    tags = current.get(TAGS) or {}
    return str(tags[OWNER_TAG]) if owned(event, current) else owner_value(event)


def check_replaceable(event: Event, props: Props, current: Described | None) -> None:
    """A replacement needs a name and a client token of its own: names are unique, tokens single-use."""
    if current is None:
        return
    token = props.get(CLIENT_TOKEN)
    if current[NAME] == name_of(event, props):
        key, value = NAME, str(current[NAME])
    elif token and token == properties(event, "OldResourceProperties").get(CLIENT_TOKEN):
        key, value = CLIENT_TOKEN, str(token)
    else:
        return
    prop = PROPERTY_NAMES[key]
    changed = differing(props, current)
    if KNOWLEDGE_BASE in changed:
        raise PlanError(
            cut(
                f"{KNOWLEDGE_BASE}: its knowledge base is replaced (name, description, tags, fields or key "
                f"changed), which replaces this data integration too, but {prop} {_shown(value)} stays; "
                f"leave {prop} unset or set a new one"
            )
        )
    raise PlanError(
        f"{key}: {', '.join(changed)} changed, which replaces the data integration, "
        f"but {key} {value!r} stays; set a new {prop} or leave it unset"
    )


def _shown(value: str) -> str:
    """A value quoted in a reason, short enough to leave the advice after it."""
    return repr(value) if len(value) <= _SHOWN_CHARS else repr(value[: _SHOWN_CHARS - 3] + "...")


def claim(event: Event, props: Props, existing: Described) -> Plan:
    """Take the DataIntegration that holds the requested name, if this resource may.

    It may when this logical resource made it (its owner tag, or its generated name) and nothing
    create-only differs, or when adopt_existing allows taking over one made elsewhere.
    """
    name = existing[NAME]
    ours = owned(event, existing) or (not props.get(NAME) and name in generated_names(event, props))
    if ours:
        changed = differing(props, existing)
        if changed:
            raise PlanError(
                f"{NAME}: {name!r} is held by an earlier data integration of this resource that differs in "
                f"{', '.join(changed)}; delete it, or set another {PROPERTY_NAMES[NAME]}"
            )
        return in_place(event, props, existing, owner_value(event))
    if adopting(props):
        return adoption(event, props, existing)
    raise PlanError(name_taken(name))


def adoption(event: Event, props: Props, existing: Described) -> Plan:
    """Adopt a DataIntegration made elsewhere when its create-only properties are the requested ones."""
    name = existing[NAME]
    if OWNER_TAG in (existing.get(TAGS) or {}):
        raise PlanError(
            f"adopt_existing: the data integration named {name!r} belongs to another stack's resource "
            f"(tag {OWNER_TAG}); remove it there first, or choose another {PROPERTY_NAMES[NAME]}"
        )
    changed = differing(props, existing)
    if changed:
        raise PlanError(
            f"adopt_existing: the data integration named {name!r} differs in {', '.join(changed)}, "
            f"which cannot change; adopt one that matches, or choose another {PROPERTY_NAMES[NAME]}"
        )
    return in_place(event, props, existing, owner_value(event))


def sweep(event: Event, current: Described, orphan: Described | None) -> tuple[Call, ...]:
    """Delete what a failed attempt of this resource made and CloudFormation never heard of.

    A rollback after a replacing Update that failed or timed out keeps the current DataIntegration;
    the one that Update may have made carries the old properties' name and this resource's owner tag.
    """
    if orphan is None or orphan["Id"] == current["Id"] or not owned(event, orphan):
        return ()
    return (delete_call(orphan["Id"]),)


class Holders(NamedTuple):
    """Who holds a DataIntegration's associations: clients, once each, and destinations that no client holds."""

    clients: list[str]
    destinations: list[str]


def holders(listed: Mapping[str, Any]) -> Holders:
    """A client's association by its ClientId (a knowledge base, an application), else by its ARN; an export's,
    which has a DestinationURI and no ClientId, by its destination."""
    clients: dict[str, None] = {}
    destinations: dict[str, None] = {}
    for association in listed.get("DataIntegrationAssociations", []):
        if association.get("ClientId"):
            clients[str(association["ClientId"])] = None
        elif association.get("DestinationURI"):
            destinations[str(association["DestinationURI"])] = None
        elif association.get("DataIntegrationAssociationArn"):
            clients[str(association["DataIntegrationAssociationArn"])] = None
    return Holders(list(clients), list(destinations))


def placeholder_delete(event: Event, found: Described | None) -> tuple[Call, ...]:
    """Delete what the failed Create behind a placeholder made: only that request's DataIntegration."""
    pending = parse_placeholder(str(event.get("PhysicalResourceId", "")))
    if found is None or pending is None or not made_by(event, pending.request_id, found):
        return ()
    return (delete_call(found["Id"]),)


def update_in_place(event: Event, props: Props, current: Described) -> Plan | None:
    """The Update of the DataIntegration behind the physical id when nothing that replaces it differs, else None.

    A rollback answers with the old DataIntegration, which already has the requested create-only values.
    """
    if differing(props, current):
        return None
    return in_place(event, props, current, kept_owner(event, current))


def rollback_names(event: Event, old: Props, current: Described) -> tuple[str, ...]:
    """The names to look for what a failed attempt at the old properties may have made: none unless a rollback.

    An in-place Update whose old properties differ from the current DataIntegration is a rollback: the attempt
    at them may have made a DataIntegration under one of their names.
    """
    return other_names(event, old, current) if differing(old, current) else ()


def other_names(event: Event, props: Props, current: Described | None) -> tuple[str, ...]:
    """The names this resource may hold under props, but for the current DataIntegration's."""
    return tuple(name for name in names_of(event, props) if current is None or name != current[NAME])


def taken(event: Event, props: Props, existing: Described | None) -> Plan:
    """A Create whose name CreateDataIntegration says is taken: claim what holds it, which must be listed."""
    if existing is None:
        raise PlanError(f"{NAME}: {name_of(event, props)!r} exists, says CreateDataIntegration, but is not listed")
    return claim(event, props, existing)


def held_id(names: Sequence[str], listed: Mapping[str, Any]) -> str | None:
    """The Id of what holds the first of these names that one holds, in a ListDataIntegrations result."""
    held = {summary.get(NAME): summary for summary in listed.get("DataIntegrations", [])}
    for name in names:
        if name in held:
            return str(held[name]["Arn"]).rsplit("/", 1)[1]
    return None
