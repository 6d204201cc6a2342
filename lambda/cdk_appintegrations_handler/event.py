"""The CloudFormation custom-resource request, as the handler reads it."""

from typing import Any, TypedDict


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
