"""Pure planning: an event, and what exists, in; the API calls and the response out."""

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from .contract import (
    ADOPT_EXISTING,
    ATTR_ARN,
    ATTR_ID,
    ATTR_NAME,
    CLIENT_TOKEN,
    DESCRIPTION,
    FILE_CONFIGURATION,
    HANDLER_TAGS,
    KMS_KEY,
    KNOWLEDGE_BASE,
    KNOWLEDGE_BASE_TAG,
    NAME,
    NAME_DIGEST_MEMBERS,
    OBJECT_CONFIGURATION,
    OWNER_TAG,
    SCHEDULE_CONFIG,
    SOURCE_URI,
    TAGS,
)
from .event import Event
from .ownership import made_by, owned, owner_value, parse_placeholder
from .reasons import cut, name_taken

Props = Mapping[str, Any]
# A DataIntegration as GetDataIntegration describes it.
Described = Mapping[str, Any]

ID_PATTERN = re.compile(r"[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}")
NAME_MAX = 255
REQUEST_TYPES = ("Create", "Update", "Delete")
_DIGEST_CHARS = 12
_SHOWN_CHARS = 32
_CREATE_MEMBERS = (DESCRIPTION, KMS_KEY, SOURCE_URI, SCHEDULE_CONFIG, FILE_CONFIGURATION, OBJECT_CONFIGURATION)
# Create-only members, and where GetDataIntegration answers with each.
_DESCRIBED_AS = {
    KMS_KEY: KMS_KEY,
    SOURCE_URI: SOURCE_URI,
    SCHEDULE_CONFIG: "ScheduleConfiguration",
    FILE_CONFIGURATION: FILE_CONFIGURATION,
    OBJECT_CONFIGURATION: OBJECT_CONFIGURATION,
}
# Error codes that mean the DataIntegration is gone.
GONE = frozenset({"ResourceNotFoundException"})


class PlanError(Exception):
    """The event, or what exists, asks for something that must fail: the message is the reason."""


@dataclass(frozen=True)
class Call:
    """One API call: the boto3 method, its parameters, error codes answered as {} (done, or absent), the service."""

    operation: str
    params: Mapping[str, Any]
    tolerate: frozenset[str] = field(default_factory=frozenset)
    # True for a list operation: every page, through botocore's paginator, as one result.
    paginated: bool = False
    service: str = "appintegrations"


@dataclass(frozen=True)
class Response:
    """What goes back to CloudFormation on success."""

    physical_id: str
    data: Mapping[str, str]


@dataclass(frozen=True)
class Plan:
    """The calls to make, in order, and the response once they succeed."""

    calls: tuple[Call, ...]
    response: Response


def request_type(event: Event) -> str:
    """The event's RequestType, if CloudFormation knows it."""
    kind = event.get("RequestType")
    if kind not in REQUEST_TYPES:
        raise PlanError(f"RequestType: must be Create, Update or Delete, got {kind!r}")
    return str(kind)


def properties(
    event: Event, key: Literal["ResourceProperties", "OldResourceProperties"] = "ResourceProperties"
) -> Props:
    """ResourceProperties or OldResourceProperties, which must be an object."""
    props = event.get(key)
    if not isinstance(props, Mapping):
        raise PlanError(f"{key}: missing from the event or not an object")
    return props


def is_data_integration_id(physical_id: str) -> bool:
    """True when the physical id is a DataIntegration Id, not a placeholder from a failed Create."""
    return ID_PATTERN.fullmatch(physical_id) is not None


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


def handler_tags(props: Props, owner: str) -> dict[str, str]:
    """The tags the handler writes besides the user's: the owner tag, and the binding if there is one."""
    bound = binding(props)
    return {**({KNOWLEDGE_BASE_TAG: bound} if bound else {}), OWNER_TAG: owner}


def create_call(event: Event, props: Props) -> Call:
    """CreateDataIntegration for the properties, with the handler's tags; the token makes a redelivery a no-op."""
    request: dict[str, Any] = {k: props[k] for k in _CREATE_MEMBERS if k in props}
    request[NAME] = name_of(event, props)
    request[CLIENT_TOKEN] = props.get(CLIENT_TOKEN) or event["RequestId"]
    request[TAGS] = {**user_tags(props), **handler_tags(props, owner_value(event))}
    return Call("create_data_integration", request)


def user_tags(props: Props) -> Mapping[str, Any]:
    """The Tags property: an object, or nothing."""
    tags = props.get(TAGS) or {}
    if not isinstance(tags, Mapping):
        raise PlanError(f"{TAGS}: must be an object of keys and values, got {type(tags).__name__}")
    return tags


def created(result: Described) -> Response:
    """The response for a DataIntegration as the API describes it."""
    return Response(result["Id"], {ATTR_ARN: result["Arn"], ATTR_ID: result["Id"], ATTR_NAME: result["Name"]})


def differing(props: Props, described: Described) -> list[str]:
    """The members whose requested value is not the DataIntegration's, and so replace it.

    The create-only members, and the knowledge-base binding against the tag that records it. A
    binding absent on either side is no change: one that appears on a DataIntegration deployed
    before bindings were recorded is written in place, and one whose knowledge base left the app is
    dropped in place.
    """
    changed = [k for k, at in _DESCRIBED_AS.items() if (props.get(k) or None) != (described.get(at) or None)]
    wanted, recorded = binding(props), (described.get(TAGS) or {}).get(KNOWLEDGE_BASE_TAG)
    if wanted and recorded and wanted != recorded:
        changed.append(KNOWLEDGE_BASE)
    return changed


def in_place(event: Event, props: Props, current: Described, owner: str) -> Plan:
    """Bring the DataIntegration's name, description and tags to the requested ones; keep its Id."""
    name, description = kept_name(event, props, current), props.get(DESCRIPTION) or ""
    calls: list[Call] = []
    if name != current[NAME] or description != (current.get(DESCRIPTION) or ""):
        params = {"Identifier": current["Id"], NAME: name, DESCRIPTION: description}
        calls.append(Call("update_data_integration", params))
    wanted = {**user_tags(props), **handler_tags(props, owner)}
    previous = user_tags(event.get("OldResourceProperties") or {})
    calls.extend(tag_calls(current["Arn"], current.get(TAGS) or {}, wanted, previous))
    return Plan(tuple(calls), created({**current, NAME: name}))


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
        key, prop, value = NAME, "data_integration_name", str(current[NAME])
    elif token and token == properties(event, "OldResourceProperties").get(CLIENT_TOKEN):
        key, prop, value = CLIENT_TOKEN, "client_token", str(token)
    else:
        return
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
                f"{', '.join(changed)}; delete it, or set another data_integration_name"
            )
        return in_place(event, props, existing, owner_value(event))
    if str(props.get(ADOPT_EXISTING, "")).lower() == "true":
        return adoption(event, props, existing)
    raise PlanError(name_taken(name))


def adoption(event: Event, props: Props, existing: Described) -> Plan:
    """Adopt a DataIntegration made elsewhere when its create-only properties are the requested ones."""
    name = existing[NAME]
    if OWNER_TAG in (existing.get(TAGS) or {}):
        raise PlanError(
            f"adopt_existing: the data integration named {name!r} belongs to another stack's resource "
            f"(tag {OWNER_TAG}); remove it there first, or choose another data_integration_name"
        )
    changed = differing(props, existing)
    if changed:
        raise PlanError(
            f"adopt_existing: the data integration named {name!r} differs in {', '.join(changed)}, "
            "which cannot change; adopt one that matches, or choose another data_integration_name"
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


def delete_call(data_integration_id: str) -> Call:
    """DeleteDataIntegration by Id; one already gone counts as deleted."""
    return Call("delete_data_integration", {"DataIntegrationIdentifier": data_integration_id}, GONE)


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


def tag_calls(
    arn: str, current: Mapping[str, str], wanted: Mapping[str, str], previous: Mapping[str, str]
) -> list[Call]:
    """TagResource for the wanted tags that current lacks or holds otherwise; UntagResource for the tags previous
    had and wanted drops, where current still holds what previous gave them, and for the handler's own tags
    that wanted drops (the binding of a knowledge base that is gone).

    CloudFormation's own rule for the tags of a native resource: tags others wrote (Amazon Connect writes
    AmazonConnectEnabled on what a knowledge base attaches; tag policies write their own) are never removed.
    """
    calls = []
    changed = {k: v for k, v in wanted.items() if current.get(k) != v}
    if changed:
        calls.append(Call("tag_resource", {"resourceArn": arn, "tags": changed}))
    ours = {k for k in current if k in HANDLER_TAGS} | {k for k, v in previous.items() if current.get(k) == v}
    removed = sorted(k for k in ours if k not in wanted)
    if removed:
        calls.append(Call("untag_resource", {"resourceArn": arn, "tagKeys": removed}))
    return calls
