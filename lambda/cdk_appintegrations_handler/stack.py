"""What CloudFormation says of the event's own logical resource, and what a Delete of a made-up id removes.

When another resource fails while a Create still runs, CloudFormation does not wait for it: it marks the
resource CREATE_FAILED ("Resource creation cancelled"), then DELETE_IN_PROGRESS, and sends a Delete with a
physical id it made up itself (aws/aws-cdk PR 36951; aws-cloudformation/cloudformation-coverage-roadmap issue
1814). That Delete removes what this logical resource made, unless CloudFormation holds it; a Create that lands
after CloudFormation gave up finds out from DescribeStackResource, and removes what it made itself.
"""

from collections.abc import Mapping
from typing import Any

from .calls import Call, Described, delete_call
from .event import Event, Props, adopting
from .ownership import owned

# The statuses of a resource whose Create CloudFormation no longer waits for.
GAVE_UP = frozenset({"CREATE_FAILED", "DELETE_IN_PROGRESS", "DELETE_COMPLETE", "DELETE_FAILED", "DELETE_SKIPPED"})
GAVE_UP_REASON = (
    "CloudFormation stopped waiting for this Create (another resource failed), so the data integration it made "
    "has been deleted again; nothing is left of it"
)


def stack_resource_call(event: Event) -> Call:
    """DescribeStackResource of the event's own logical resource, in its own stack."""
    params = {"StackName": event["StackId"], "LogicalResourceId": event["LogicalResourceId"]}
    return Call("describe_stack_resource", params, service="cloudformation")


def gave_up(described: Mapping[str, Any]) -> bool:
    """True when CloudFormation no longer waits for the resource's Create."""
    return _detail(described).get("ResourceStatus") in GAVE_UP


def made_up_delete(
    event: Event, props: Props, found: Described | None, described: Mapping[str, Any]
) -> tuple[Call, ...]:
    """A Delete of a physical id CloudFormation made up: the DataIntegration this logical resource made, if any.

    found is what holds the name the properties ask for; described is what CloudFormation says of the resource.
    Nothing another resource owns, nothing adopted (it was there before), nothing CloudFormation holds.
    """
    if found is None or not owned(event, found) or adopting(props):
        return ()
    if _detail(described).get("PhysicalResourceId") == found["Id"]:
        return ()

    return (delete_call(found["Id"]),)


def _detail(described: Mapping[str, Any]) -> Mapping[str, Any]:
    detail = described.get("StackResourceDetail")
    return detail if isinstance(detail, Mapping) else {}
