"""Pure planning: a CloudFormation event in, the API calls and the response out."""

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .contract import (
    ADOPT_EXISTING,
    ATTR_ARN,
    ATTR_ID,
    ATTR_NAME,
    CLIENT_TOKEN,
    CREATE_ONLY,
    DESCRIPTION,
    FILE_CONFIGURATION,
    KMS_KEY,
    NAME,
    OBJECT_CONFIGURATION,
    SCHEDULE_CONFIG,
    SOURCE_URI,
    TAGS,
)
from .reasons import leftover

Event = Mapping[str, Any]
Props = Mapping[str, Any]

ID_PATTERN = re.compile(r"[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}")
NAME_MAX = 255
_DIGEST_CHARS = 12
_CREATE_MEMBERS = (DESCRIPTION, KMS_KEY, SOURCE_URI, SCHEDULE_CONFIG, FILE_CONFIGURATION, OBJECT_CONFIGURATION)


class PlanError(Exception):
    """The event asks for something that must fail before any API call."""


@dataclass(frozen=True)
class Call:
    """One AppIntegrations call: the boto3 method, its parameters, error codes that count as done."""

    operation: str
    params: Mapping[str, Any]
    tolerate: frozenset[str] = field(default_factory=frozenset)
    # Reasons that explain an error code better than the generic one, by code.
    explained: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Response:
    """What goes back to CloudFormation on success."""

    physical_id: str
    data: Mapping[str, str]


@dataclass(frozen=True)
class Plan:
    """The calls to make, in order, and the response; None means: answer with what the create returns."""

    calls: tuple[Call, ...]
    response: Response | None
    # The name to adopt if the create meets DuplicateResourceException (AdoptExisting "true").
    adopt: str | None = None


def plan(event: Event) -> Plan:
    """Plan the calls for one Create, Update or Delete event."""
    request_type = event.get("RequestType")
    if request_type == "Create":
        return _create(event, _properties(event, "ResourceProperties"))
    if request_type == "Update":
        return _update(event)
    if request_type == "Delete":
        return _delete(event)
    raise PlanError(f"RequestType: must be Create, Update or Delete, got {request_type!r}")


def created(result: Mapping[str, Any]) -> Response:
    """The response for a CreateDataIntegration result."""
    return Response(result["Id"], {ATTR_ARN: result["Arn"], ATTR_ID: result["Id"], ATTR_NAME: result["Name"]})


def is_data_integration_id(physical_id: str) -> bool:
    """True when the physical id is a DataIntegration Id, not a placeholder from a failed Create."""
    return ID_PATTERN.fullmatch(physical_id) is not None


def generated_name(event: Event, props: Props) -> str:
    """A unique valid name: stack name, logical id and a digest of what identifies this resource.

    The digest covers the stack's unique id, the logical id and the create-only properties, so a
    redelivered Create and every in-place Update derive the same name, while a replacement gets a
    new one and never collides with the resource it replaces.
    """
    stack_name = str(event["StackId"]).split("/")[1]
    identity = [event["StackId"], event["LogicalResourceId"], {k: props.get(k) for k in CREATE_ONLY}]
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:_DIGEST_CHARS]
    prefix = re.sub(r"[^a-zA-Z0-9/._-]", "-", f"{stack_name}-{event['LogicalResourceId']}")
    return f"{prefix[: NAME_MAX - _DIGEST_CHARS - 1]}-{digest}"


def arn_of(event: Event, data_integration_id: str) -> str:
    """The DataIntegration ARN, in the stack's partition, region and account."""
    _, partition, _, region, account = str(event["StackId"]).split(":")[:5]
    return f"arn:{partition}:app-integrations:{region}:{account}:data-integration/{data_integration_id}"


def _properties(event: Event, key: str) -> Props:
    props = event.get(key)
    if not isinstance(props, Mapping):
        raise PlanError(f"{key}: missing from the event or not an object")
    return props


def _name(event: Event, props: Props) -> str:
    return str(props[NAME]) if props.get(NAME) else generated_name(event, props)


def _create(event: Event, props: Props) -> Plan:
    request: dict[str, Any] = {k: props[k] for k in _CREATE_MEMBERS if k in props}
    request[NAME] = _name(event, props)
    request[CLIENT_TOKEN] = props.get(CLIENT_TOKEN) or event["RequestId"]
    if props.get(TAGS):
        request[TAGS] = props[TAGS]
    adopt = request[NAME] if str(props.get(ADOPT_EXISTING, "")).lower() == "true" else None
    explained = {} if props.get(NAME) else {"DuplicateResourceException": leftover(request[NAME])}
    return Plan((Call("create_data_integration", request, explained=explained),), None, adopt)


def _update(event: Event) -> Plan:
    new = _properties(event, "ResourceProperties")
    old = _properties(event, "OldResourceProperties")
    physical_id = str(event.get("PhysicalResourceId", ""))
    if not is_data_integration_id(physical_id):
        return _create(event, new)
    replaced_by = [k for k in CREATE_ONLY if old.get(k) != new.get(k)]
    if replaced_by:
        _check_replaceable(old, new, replaced_by)
        return _create(event, new)
    arn = arn_of(event, physical_id)
    name = _name(event, new)
    calls: list[Call] = []
    if name != _name(event, old) or old.get(DESCRIPTION) != new.get(DESCRIPTION):
        params = {"Identifier": physical_id, NAME: name, DESCRIPTION: new.get(DESCRIPTION, "")}
        calls.append(Call("update_data_integration", params))
    calls.extend(tag_calls(arn, old.get(TAGS) or {}, new.get(TAGS) or {}))
    return Plan(tuple(calls), Response(physical_id, {ATTR_ARN: arn, ATTR_ID: physical_id, ATTR_NAME: name}))


def _check_replaceable(old: Props, new: Props, replaced_by: list[str]) -> None:
    changed = ", ".join(replaced_by)
    for key, prop in ((NAME, "data_integration_name"), (CLIENT_TOKEN, "client_token")):
        if new.get(key) and new.get(key) == old.get(key):
            raise PlanError(
                f"{key}: {changed} changed, which replaces the data integration, but {key} "
                f"{new[key]!r} stays; set a new {prop} or leave it unset"
            )


def tag_calls(arn: str, old: Mapping[str, str], new: Mapping[str, str]) -> list[Call]:
    """TagResource for the tags new adds or changes, UntagResource for those it drops."""
    calls = []
    changed = {k: v for k, v in new.items() if old.get(k) != v}
    if changed:
        calls.append(Call("tag_resource", {"resourceArn": arn, "tags": changed}))
    removed = sorted(k for k in old if k not in new)
    if removed:
        calls.append(Call("untag_resource", {"resourceArn": arn, "tagKeys": removed}))
    return calls


def _delete(event: Event) -> Plan:
    physical_id = str(event.get("PhysicalResourceId", ""))
    response = Response(physical_id, {})
    if not is_data_integration_id(physical_id):
        return Plan((), response)
    call = Call(
        "delete_data_integration",
        {"DataIntegrationIdentifier": physical_id},
        frozenset({"ResourceNotFoundException"}),
    )
    return Plan((call,), response)
