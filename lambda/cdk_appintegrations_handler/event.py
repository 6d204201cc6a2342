"""The CloudFormation custom-resource request, as the handler reads it, and its parsing."""

import re
from collections.abc import Mapping
from typing import Any, Literal, TypedDict, get_args

from .contract import ADOPT_EXISTING
from .errors import PlanError

RequestType = Literal["Create", "Update", "Delete"]
REQUEST_TYPES: tuple[RequestType, ...] = get_args(RequestType)
Props = Mapping[str, Any]
ID_PATTERN = re.compile(r"[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}")


class Event(TypedDict, total=False):
    """A Create, Update or Delete request. Keys may be missing from a malformed one: the handler checks."""

    RequestType: str
    ResponseURL: str
    StackId: str
    RequestId: str
    LogicalResourceId: str
    ResourceType: str
    ServiceToken: str
    PhysicalResourceId: str
    ResourceProperties: dict[str, Any]
    OldResourceProperties: dict[str, Any]


def request_type(event: Event) -> RequestType:
    """The event's RequestType, if CloudFormation knows it."""
    kind = event.get("RequestType")
    for known in REQUEST_TYPES:
        if kind == known:
            return known
    raise PlanError(f"RequestType: must be Create, Update or Delete, got {kind!r}")


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


def adopting(props: Props) -> bool:
    """True when the properties let a Create adopt a DataIntegration made elsewhere (adopt_existing)."""
    return str(props.get(ADOPT_EXISTING, "")).lower() == "true"
