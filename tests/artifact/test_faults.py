"""The fault matrix: each known fault of custom resources, on the synthesized artifact."""

import json
from collections.abc import Callable

import pytest
from appintegrations_double import AppIntegrationsDouble
from events import api_properties, create_event, delete_event, expected, properties
from lambda_harness import Invocation, create
from response_server import ResponseServer

from cdk_appintegrations_handler.calls import LIST_PAGE_SIZE
from cdk_appintegrations_handler.contract import OWNER_TAG, USER_TAGS_MAX
from cdk_appintegrations_handler.naming import generated_name
from cdk_appintegrations_handler.ownership import owner_value
from cdk_appintegrations_handler.reasons import TIMED_OUT

Invoke = Callable[..., Invocation]
SHORT_REMAINING_MS = 3_000


def test_delete_of_an_already_deleted_one_succeeds(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    gone = "0f6a6c9e-2d4b-4c1a-9f3e-8b7a6c5d4e3f"
    event = delete_event(gone, properties())
    assert invoke(event).response == expected(event, gone, {})
    assert double.operations() == ["DeleteDataIntegration"]


def test_delete_blocked_by_an_association_names_who_holds_it(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    created, record = create(invoke, double)
    knowledge_base = double.associate(record["Id"])["ClientId"]
    body = invoke(delete_event(record["Id"], created["ResourceProperties"])).response

    assert body["Status"] == "FAILED" and body["PhysicalResourceId"] == record["Id"]
    assert body["Reason"] == (
        f"DeleteDataIntegration refused: still associated with {knowledge_base}; delete those associations "
        "(or the knowledge bases or applications holding them) first, then retry"
    )
    assert double.operations()[1:] == ["DeleteDataIntegration", "ListDataIntegrationAssociations"]
    assert record["Id"] in double.state.integrations


def test_a_delete_held_by_an_export_says_to_retain_not_to_delete_it(
    invoke: Invoke, double: AppIntegrationsDouble
) -> None:
    created, record = create(invoke, double)
    double.associate(record["Id"], destination_uri="s3://profiles-exports/customers")
    body = invoke(delete_event(record["Id"], created["ResourceProperties"])).response

    assert body["Status"] == "FAILED" and body["PhysicalResourceId"] == record["Id"]
    assert body["Reason"].startswith("DeleteDataIntegration refused: it exports to s3://profiles-exports/customers,")
    assert "removal_policy=RemovalPolicy.RETAIN" in body["Reason"] and "delete those" not in body["Reason"]
    assert record["Id"] in double.state.integrations


def test_a_delete_held_by_many_lists_every_page_and_cuts_the_names(
    invoke: Invoke, double: AppIntegrationsDouble
) -> None:
    created, record = create(invoke, double)
    for i in range(LIST_PAGE_SIZE + 1):
        double.associate(record["Id"], client_id=f"app-{i:02d}")
    body = invoke(delete_event(record["Id"], created["ResourceProperties"])).response

    assert body["Reason"].startswith("DeleteDataIntegration refused: still associated with app-00, app-01, app-02")
    assert body["Reason"].endswith(
        "...; delete those associations (or the knowledge bases or applications holding them) first, then retry"
    )
    assert len(body["Reason"]) == 256
    listed = [request for name, request in double.state.calls if name == "ListDataIntegrationAssociations"]
    assert listed == [
        {"DataIntegrationIdentifier": record["Id"], "MaxResults": LIST_PAGE_SIZE},
        {"DataIntegrationIdentifier": record["Id"], "MaxResults": LIST_PAGE_SIZE, "NextToken": str(LIST_PAGE_SIZE)},
    ]


def test_a_delete_whose_associations_cannot_be_listed_keeps_the_services_reason(
    invoke: Invoke, double: AppIntegrationsDouble
) -> None:
    created, record = create(invoke, double)
    double.associate(record["Id"])
    double.fail("AccessDeniedException", operation_name="ListDataIntegrationAssociations")
    body = invoke(delete_event(record["Id"], created["ResourceProperties"])).response

    assert body["Status"] == "FAILED"
    assert body["Reason"].startswith("DeleteDataIntegration refused: the data integration is still associated")
    assert "delete that association first" in body["Reason"]


def test_throttling_is_retried(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    double.fail("ThrottlingException", times=2)
    body = invoke(create_event(properties())).response
    assert body["Status"] == "SUCCESS"
    assert double.operations() == ["CreateDataIntegration"] * 3


def test_internal_errors_are_retried(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    double.fail("InternalServiceError", times=1)
    assert invoke(create_event(properties())).response["Status"] == "SUCCESS"
    assert double.operations() == ["CreateDataIntegration"] * 2


def test_event_without_resource_properties_fails_with_a_reason(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    event = create_event(properties())
    del event["ResourceProperties"]
    body = invoke(event).response
    assert body["Status"] == "FAILED"
    assert body["Reason"] == "ResourceProperties: missing from the event or not an object"
    assert double.operations() == []


def test_largest_legal_input_keeps_the_response_small(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    props = properties(
        Name="n" * 255,
        Description="d" * 1000,
        Tags={f"{i:0128d}": "v" * 256 for i in range(USER_TAGS_MAX)},
        FileConfiguration={
            "Folders": [f"{i}{'f' * 199}" for i in range(10)],
            "Filters": {f"{i}{'k' * 254}": [f"{i}{'v' * 254}"] * 2048 for i in range(3)},
        },
        ObjectConfiguration={
            f"{i}{'o' * 254}": {f"{j}{'k' * 254}": [f"{j}{'v' * 254}"] * 2048 for j in range(3)} for i in range(3)
        },
    )
    run = invoke(create_event(props))
    assert run.response["Status"] == "SUCCESS"
    assert len(json.dumps(run.response)) < 4096


def test_persistent_internal_errors_fail_before_the_deadline(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    double.fail("InternalServiceError", times=100)
    run = invoke(create_event(properties()), remaining_ms=SHORT_REMAINING_MS)
    assert run.response["Status"] == "FAILED"
    assert run.response["Reason"].startswith("InternalServiceError: CreateDataIntegration failed after retries")
    assert double.operations() == ["CreateDataIntegration"] * 5 and double.state.integrations == {}
    assert not run.timed_out


def test_a_stalled_service_fails_before_the_deadline(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    double.stall(30)
    event = create_event(properties())
    run = invoke(event, remaining_ms=SHORT_REMAINING_MS)
    assert run.timed_out, run.logs
    assert run.response == expected(event, run.response["PhysicalResourceId"], {}, "FAILED", TIMED_OUT)


@pytest.mark.parametrize("fault", ["drop", "500"])
def test_a_refused_response_is_delivered_on_a_retry(
    fault: str, invoke: Invoke, double: AppIntegrationsDouble, responses: ResponseServer
) -> None:
    event = create_event(properties())
    url = responses.url_for(event["StackId"], event["LogicalResourceId"], event["RequestId"])
    responses.refuse(url, fault)
    run = invoke(event)
    assert run.response["Status"] == "SUCCESS"
    assert responses.attempts_at(url) == [fault, "200"]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"RequestType": "Modify"}, "RequestType: must be Create, Update or Delete, got 'Modify'"),
        ({"RequestType": None}, "RequestType: must be Create, Update or Delete, got None"),
        ({"ResourceProperties": properties(Description=123)}, "create_data_integration: Parameter validation failed:"),
        ({"ResourceProperties": properties(Tags="team=cx")}, "Tags: must be an object of keys and values, got str"),
    ],
)
def test_a_malformed_event_fails_with_a_reason(
    change: dict[str, object], reason: str, invoke: Invoke, double: AppIntegrationsDouble
) -> None:
    event = {k: v for k, v in {**create_event(properties()), **change}.items() if v is not None}
    run = invoke(event)
    assert run.response["Status"] == "FAILED"
    assert run.response["Reason"].startswith(reason)
    assert run.response["Reason"] in run.logs
    assert double.state.integrations == {}


def test_an_event_without_a_response_url_is_logged_not_answered(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    event = create_event(properties())
    del event["ResponseURL"]
    run = invoke(event)
    assert run.returncode == 0 and run.responses == []
    assert "Not a CloudFormation custom-resource event, so it cannot be answered: no ResponseURL" in run.logs
    assert double.operations() == []


def test_a_generated_name_left_by_an_earlier_attempt_is_reused(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    """A DataIntegration under this resource's generated name was made for it: the name proves it."""
    props = properties()
    event = create_event(props)
    request = api_properties(props, "Tags")
    left = double.existing(**{**request, "Name": generated_name(event, props), "Description": "before"})
    body = invoke(event).response
    assert body == expected(event, left["Id"], {"Arn": left["Arn"], "Id": left["Id"], "Name": left["Name"]})
    assert list(double.state.integrations) == [left["Id"]]
    assert double.state.integrations[left["Id"]]["Tags"] == {"team": "cx", OWNER_TAG: owner_value(event)}
    assert double.state.integrations[left["Id"]]["Description"] == props["Description"]
