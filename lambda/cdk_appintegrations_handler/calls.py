"""The API calls a plan makes, the plan itself, and the response it answers CloudFormation with."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .contract import (
    ATTR_ARN,
    ATTR_ID,
    ATTR_NAME,
    CLIENT_TOKEN,
    HANDLER_TAGS,
    KNOWLEDGE_BASE_TAG,
    MEMBERS,
    NAME,
    OWNER_TAG,
    TAGS,
)
from .errors import PlanError
from .event import Event, Props
from .naming import binding, name_of
from .ownership import owner_value

# A DataIntegration as GetDataIntegration describes it.
Described = Mapping[str, Any]
# Error codes that mean the DataIntegration is gone.
GONE = frozenset({"ResourceNotFoundException"})
LIST_PAGE_SIZE = 50
# The members a create copies from the properties: the handler writes the name, the token and the tags itself.
_COPIED = tuple(member.name for member in MEMBERS if member.name not in (NAME, CLIENT_TOKEN, TAGS))


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


def create_call(event: Event, props: Props) -> Call:
    """CreateDataIntegration for the properties, with the handler's tags; the token makes a redelivery a no-op."""
    request: dict[str, Any] = {k: props[k] for k in _COPIED if k in props}
    request[NAME] = name_of(event, props)
    request[CLIENT_TOKEN] = props.get(CLIENT_TOKEN) or event["RequestId"]
    request[TAGS] = {**user_tags(props), **handler_tags(props, owner_value(event))}
    return Call("create_data_integration", request)


def delete_call(data_integration_id: str) -> Call:
    """DeleteDataIntegration by Id; one already gone counts as deleted."""
    return Call("delete_data_integration", {"DataIntegrationIdentifier": data_integration_id}, GONE)


def update_call(data_integration_id: str, members: Mapping[str, Any]) -> Call:
    """UpdateDataIntegration of the updatable members (contract.UPDATABLE)."""
    return Call("update_data_integration", {"Identifier": data_integration_id, **members})


def get_call(data_integration_id: str) -> Call:
    """GetDataIntegration by Id; one gone answers {}."""
    return Call("get_data_integration", {"Identifier": data_integration_id}, GONE)


def list_call() -> Call:
    """ListDataIntegrations, every page."""
    return Call("list_data_integrations", {"PaginationConfig": {"PageSize": LIST_PAGE_SIZE}}, paginated=True)


def associations_call(data_integration_id: str) -> Call:
    """ListDataIntegrationAssociations of one DataIntegration, every page."""
    params = {"DataIntegrationIdentifier": data_integration_id, "PaginationConfig": {"PageSize": LIST_PAGE_SIZE}}
    return Call("list_data_integration_associations", params, paginated=True)


def user_tags(props: Props) -> Mapping[str, Any]:
    """The Tags property: an object, or nothing."""
    tags = props.get(TAGS) or {}
    if not isinstance(tags, Mapping):
        raise PlanError(f"{TAGS}: must be an object of keys and values, got {type(tags).__name__}")
    return tags


def handler_tags(props: Props, owner: str) -> dict[str, str]:
    """The tags the handler writes besides the user's: the owner tag, and the binding if there is one."""
    bound = binding(props)
    return {**({KNOWLEDGE_BASE_TAG: bound} if bound else {}), OWNER_TAG: owner}


def created(result: Described) -> Response:
    """The response for a DataIntegration as the API describes it."""
    return Response(result["Id"], {ATTR_ARN: result["Arn"], ATTR_ID: result["Id"], ATTR_NAME: result["Name"]})


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
