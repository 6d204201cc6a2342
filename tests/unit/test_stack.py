"""What CloudFormation says of the resource, and what a Delete of a physical id it made up removes: pure."""

from typing import Any

import pytest
from appintegrations_double import arn
from constants import LOGICAL_ID, STACK_ID
from events import create_event, delete_event, properties

from cdk_appintegrations_handler.calls import delete_call
from cdk_appintegrations_handler.contract import OWNER_TAG
from cdk_appintegrations_handler.ownership import owner_value
from cdk_appintegrations_handler.stack import GAVE_UP, gave_up, made_up_delete, stack_resource_call

DI_ID = "0f6a6c9e-2d4b-4c1a-9f3e-8b7a6c5d4e3f"
MADE_UP = "ExampleStack-Articles-1A2B3C4D5E6F"
STATUSES = (
    "CREATE_IN_PROGRESS",
    "CREATE_COMPLETE",
    "UPDATE_IN_PROGRESS",
    "UPDATE_COMPLETE",
    "UPDATE_FAILED",
    *sorted(GAVE_UP),
)


def shown(status: str, physical_id: str | None = None) -> dict[str, Any]:
    detail = {"LogicalResourceId": LOGICAL_ID, "ResourceStatus": status}
    return {"StackResourceDetail": {**detail, **({"PhysicalResourceId": physical_id} if physical_id else {})}}


def found(owner: str | None) -> dict[str, Any]:
    return {"Id": DI_ID, "Arn": arn(DI_ID), "Name": "articles", "Tags": {OWNER_TAG: owner} if owner else {}}


def test_the_call_asks_about_the_events_own_resource_in_its_own_stack() -> None:
    call = stack_resource_call(create_event(properties()))
    assert (call.service, call.operation) == ("cloudformation", "describe_stack_resource")
    assert call.params == {"StackName": STACK_ID, "LogicalResourceId": LOGICAL_ID}


@pytest.mark.parametrize("status", STATUSES)
def test_cloudformation_gave_up_once_the_create_failed_or_a_delete_began(status: str) -> None:
    assert gave_up(shown(status)) is (status.startswith("DELETE_") or status == "CREATE_FAILED")
    assert not gave_up({})


def test_a_made_up_id_delete_removes_what_this_resource_made() -> None:
    event = delete_event(MADE_UP, properties(Name="articles"))
    ours = found(owner_value(create_event(properties())))
    assert made_up_delete(event, event["ResourceProperties"], ours, shown("DELETE_IN_PROGRESS", MADE_UP)) == (
        delete_call(DI_ID),
    )


@pytest.mark.parametrize(
    ("case", "owner", "described", "members"),
    [
        ("none holds the name", None, shown("DELETE_IN_PROGRESS", MADE_UP), {}),
        ("another's", "0123456789abcdef01234567:r", shown("DELETE_IN_PROGRESS", MADE_UP), {}),
        ("no owner tag", "", shown("DELETE_IN_PROGRESS", MADE_UP), {}),
        ("adopted", "ours", shown("DELETE_IN_PROGRESS", MADE_UP), {"AdoptExisting": "true"}),
        ("CloudFormation holds it", "ours", shown("CREATE_COMPLETE", DI_ID), {}),
    ],
)
def test_a_made_up_id_delete_leaves_everything_else(
    case: str, owner: str | None, described: dict[str, Any], members: dict[str, str]
) -> None:
    event = delete_event(MADE_UP, properties(Name="articles", **members))
    tag = owner_value(create_event(properties())) if owner == "ours" else owner
    existing = None if case == "none holds the name" else found(tag)
    assert made_up_delete(event, event["ResourceProperties"], existing, described) == ()
