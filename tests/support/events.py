"""Small factories for CloudFormation custom-resource events, as CloudFormation sends them."""

import uuid
from typing import Any

from constants import KEY_ARN, LOGICAL_ID, SERVICE_TOKEN, SOURCE_URI, STACK_ID

PLACEHOLDER_URL = "https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/response"


def properties(**members: Any) -> dict[str, Any]:
    """ResourceProperties: a Salesforce source by default, every value a string as CloudFormation sends it."""
    props: dict[str, Any] = {
        "ServiceToken": SERVICE_TOKEN,
        "ServiceTimeout": "300",
        "KmsKey": KEY_ARN,
        "SourceURI": SOURCE_URI,
        "Description": "Knowledge articles",
        "ScheduleConfig": {
            "ScheduleExpression": "rate(1 hour)",
            "Object": "Knowledge__kav",
            "FirstExecutionFrom": "1700000000000",
        },
        "ObjectConfiguration": {"Knowledge__kav": {"fields": ["Id", "Title"]}},
        "Tags": {"team": "cx"},
    }
    props.update(members)
    return {k: v for k, v in props.items() if v is not None}


def api_properties(props: dict[str, Any], *also: str) -> dict[str, Any]:
    """The properties less ServiceToken and ServiceTimeout, which CloudFormation adds, and less the keys also names."""
    return {k: v for k, v in props.items() if k not in ("ServiceToken", "ServiceTimeout", *also)}


def _event(
    request_type: str, props: dict[str, Any], request_id: str | None, logical_id: str, stack_id: str = STACK_ID
) -> dict[str, Any]:
    return {
        "RequestType": request_type,
        "ServiceToken": SERVICE_TOKEN,
        "ResponseURL": PLACEHOLDER_URL,
        "StackId": stack_id,
        "RequestId": request_id or str(uuid.uuid4()),
        "LogicalResourceId": logical_id,
        "ResourceType": "Custom::AppIntegrationsDataIntegration",
        "ResourceProperties": props,
    }


def create_event(
    props: dict[str, Any], *, request_id: str | None = None, logical_id: str = LOGICAL_ID, stack_id: str = STACK_ID
) -> dict[str, Any]:
    """A Create event."""
    return _event("Create", props, request_id, logical_id, stack_id)


def update_event(
    physical_id: str,
    props: dict[str, Any],
    old_props: dict[str, Any],
    *,
    logical_id: str = LOGICAL_ID,
    stack_id: str = STACK_ID,
) -> dict[str, Any]:
    """An Update event from old_props to props."""
    event = _event("Update", props, None, logical_id, stack_id)
    event.update(PhysicalResourceId=physical_id, OldResourceProperties=old_props)
    return event


def delete_event(
    physical_id: str, props: dict[str, Any], *, logical_id: str = LOGICAL_ID, stack_id: str = STACK_ID
) -> dict[str, Any]:
    """A Delete event."""
    event = _event("Delete", props, None, logical_id, stack_id)
    event["PhysicalResourceId"] = physical_id
    return event


def expected(
    event: dict[str, Any], physical_id: str, data: dict[str, str], status: str = "SUCCESS", reason: str = ""
) -> dict[str, Any]:
    """The exact response body CloudFormation must receive for an event."""
    return {
        "Status": status,
        "PhysicalResourceId": physical_id,
        "StackId": event["StackId"],
        "RequestId": event["RequestId"],
        "LogicalResourceId": event["LogicalResourceId"],
        "Reason": reason,
        "Data": data,
        "NoEcho": False,
    }
