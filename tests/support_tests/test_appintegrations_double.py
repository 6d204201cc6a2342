"""The double's own fidelity: it answers like AppIntegrations, and like AppFlow's DescribeConnectorProfiles,
through real boto3 clients."""

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from appintegrations_double import (
    APPFLOW,
    APPINTEGRATIONS,
    PAGE_SIZE,
    AppIntegrationsDouble,
    arn,
    operation_input,
)
from botocore import xform_name
from botocore.config import Config
from botocore.exceptions import ClientError
from constants import PROFILE
from constraints import Constraint, broken, constraints

from cdk_appintegrations.model import input_shape

MISSING_ID = "0f6a6c9e-2d4b-4c1a-9f3e-8b7a6c5d4e3f"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def client_of(double: AppIntegrationsDouble, service: str) -> Any:
    """A boto3 client for the double that skips client-side validation, so the double's own shows."""
    config = Config(parameter_validation=False, retries={"mode": "standard", "total_max_attempts": 1})
    return boto3.client(
        service,
        endpoint_url=double.url,  # type: ignore[attr-defined]
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=config,
    )


@pytest.fixture
def client(double: AppIntegrationsDouble) -> Iterator[Any]:
    yield client_of(double, APPINTEGRATIONS)


@pytest.fixture
def appflow(double: AppIntegrationsDouble) -> Iterator[Any]:
    yield client_of(double, APPFLOW)


def error_of(call: Any, **params: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as raised:
        call(**params)
    return raised.value.response["Error"]["Code"], raised.value.response["Error"]["Message"]


def create(client: Any, **params: Any) -> dict[str, Any]:
    request = {"Name": "articles", "KmsKey": KEY, "SourceURI": "Salesforce://AppFlow/p", **params}
    result: dict[str, Any] = client.create_data_integration(**request)
    return result


def test_create_get_update_tag_untag_delete(client: Any) -> None:
    created = create(client, Tags={"a": "1"}, ScheduleConfig={"ScheduleExpression": "rate(1 hour)"})
    assert created["Arn"] == arn(created["Id"]) and created["Name"] == "articles"
    client.update_data_integration(Identifier=created["Id"], Description="new")
    client.tag_resource(resourceArn=created["Arn"], tags={"b": "2"})
    client.untag_resource(resourceArn=created["Arn"], tagKeys=["a"])
    got = client.get_data_integration(Identifier=created["Id"])
    assert (got["Description"], got["Tags"], got["ScheduleConfiguration"]) == (
        "new",
        {"b": "2"},
        {"ScheduleExpression": "rate(1 hour)"},
    )
    assert client.list_tags_for_resource(resourceArn=created["Arn"])["tags"] == {"b": "2"}
    summary = {"Arn": created["Arn"], "Name": "articles", "SourceURI": "Salesforce://AppFlow/p"}
    assert client.list_data_integrations()["DataIntegrations"] == [summary]
    client.delete_data_integration(DataIntegrationIdentifier=created["Id"])
    assert error_of(client.get_data_integration, Identifier=created["Id"])[0] == "ResourceNotFoundException"


# One valid request per operation we use, with every optional member set so nested constraints are reachable.
VALID = {
    "CreateDataIntegration": {
        "Name": "articles",
        "Description": "Knowledge articles",
        "KmsKey": KEY,
        "SourceURI": "Salesforce://AppFlow/profile",
        "ScheduleConfig": {
            "FirstExecutionFrom": "1700000000000",
            "Object": "Account",
            "ScheduleExpression": "rate(1 hour)",
        },
        "Tags": {"team": "cx"},
        "ClientToken": "token",
        "FileConfiguration": {"Folders": ["/kb"], "Filters": {"type": ["pdf"]}},
        "ObjectConfiguration": {"Account": {"fields": ["Id"]}},
    },
    "UpdateDataIntegration": {"Identifier": MISSING_ID, "Name": "articles", "Description": "d"},
    "DeleteDataIntegration": {"DataIntegrationIdentifier": MISSING_ID},
    "GetDataIntegration": {"Identifier": MISSING_ID},
    "TagResource": {"resourceArn": arn(MISSING_ID), "tags": {"team": "cx"}},
    "UntagResource": {"resourceArn": arn(MISSING_ID), "tagKeys": ["team"]},
    "ListTagsForResource": {"resourceArn": arn(MISSING_ID)},
    "ListDataIntegrationAssociations": {"DataIntegrationIdentifier": MISSING_ID, "NextToken": "1", "MaxResults": 10},
}
CONSTRAINTS = [c for operation in VALID for c in constraints(operation)]
APPFLOW_VALID = {
    "DescribeConnectorProfiles": {
        "connectorProfileNames": ["kb"],
        "connectorType": "Salesforce",
        "connectorLabel": "label",
        "maxResults": 10,
        "nextToken": "1",
    }
}
APPFLOW_CONSTRAINTS = [c for op in APPFLOW_VALID for c in constraints(op, operation_input(APPFLOW, op))]


def send(client: Any, operation: str, params: dict[str, Any]) -> str:
    """Call the operation; the error code it answers, or "" on success."""
    try:
        getattr(client, xform_name(operation))(**params)
    except ClientError as error:
        return str(error.response["Error"]["Code"])
    return ""


@pytest.mark.parametrize("operation", VALID)
def test_the_valid_requests_pass_validation(client: Any, operation: str) -> None:
    assert send(client, operation, VALID[operation]) in ("", "ResourceNotFoundException")


def test_every_operation_and_rule_kind_has_constraints() -> None:
    assert {c.operation for c in CONSTRAINTS} == set(VALID)
    assert {c.rule for c in CONSTRAINTS} == {"required", "min", "max", "pattern"}
    assert {c.operation for c in APPFLOW_CONSTRAINTS} == set(APPFLOW_VALID)
    assert {c.rule for c in APPFLOW_CONSTRAINTS} == {"min", "max", "pattern", "enum"}


@pytest.mark.parametrize("operation", APPFLOW_VALID)
def test_the_valid_appflow_requests_pass_validation(appflow: Any, operation: str) -> None:
    assert send(appflow, operation, APPFLOW_VALID[operation]) == ""


@pytest.mark.parametrize("constraint", APPFLOW_CONSTRAINTS, ids=str)
def test_each_appflow_constraint_broken_alone_is_refused(
    appflow: Any, double: AppIntegrationsDouble, constraint: Constraint
) -> None:
    assert send(appflow, constraint.operation, broken(APPFLOW_VALID[constraint.operation], constraint)) == (
        "ValidationException"
    )
    assert double.state.calls == [] and len(double.appflow.calls) == 1


def test_connector_profiles_are_described_by_name_type_and_label_in_pages(
    appflow: Any, double: AppIntegrationsDouble
) -> None:
    default = appflow.describe_connector_profiles(connectorProfileNames=[PROFILE])["connectorProfileDetails"]
    assert [(p["connectorProfileName"], p["connectorType"]) for p in default] == [(PROFILE, "Salesforce")]
    assert default[0]["connectorProfileArn"] == f"arn:aws:appflow:us-east-1:123456789012:connectorprofile/{PROFILE}"
    double.appflow.profile("sharepoint", "CustomConnector", label="MicrosoftSharePointOnline")
    for i in range(PAGE_SIZE):
        double.appflow.profile(f"zd-{i}", "Zendesk")
    assert appflow.describe_connector_profiles(connectorProfileNames=["missing"])["connectorProfileDetails"] == []
    custom = appflow.describe_connector_profiles(connectorLabel="MicrosoftSharePointOnline")["connectorProfileDetails"]
    assert [p["connectorProfileName"] for p in custom] == ["sharepoint"]
    first = appflow.describe_connector_profiles(connectorType="Zendesk")
    assert len(first["connectorProfileDetails"]) == PAGE_SIZE and "nextToken" not in first
    everything = appflow.describe_connector_profiles()
    assert len(everything["connectorProfileDetails"]) == PAGE_SIZE and everything["nextToken"]
    rest = appflow.describe_connector_profiles(nextToken=everything["nextToken"])
    assert len(rest["connectorProfileDetails"]) == 2
    assert [name for name, _ in double.appflow.calls] == ["DescribeConnectorProfiles"] * 6
    assert double.state.calls == []


@pytest.mark.parametrize("constraint", CONSTRAINTS, ids=str)
def test_each_constraint_broken_alone_is_refused(
    client: Any, double: AppIntegrationsDouble, constraint: Constraint
) -> None:
    params = broken(VALID[constraint.operation], constraint)
    member = input_shape(constraint.operation).members[constraint.path[0]]
    if constraint.rule == "required" and member.serialization.get("location") == "uri":
        params[constraint.path[0]] = ""  # an absent path label goes on the wire as an empty one
    assert send(client, constraint.operation, params) == "InvalidRequestException"
    assert double.state.integrations == {}


def test_names_are_unique(client: Any) -> None:
    create(client)
    assert error_of(create, client=client)[0] == "DuplicateResourceException"


def test_client_token_makes_create_idempotent(client: Any, double: AppIntegrationsDouble) -> None:
    first, again = create(client, ClientToken="t1"), create(client, ClientToken="t1")
    assert first["Id"] == again["Id"] and len(double.state.integrations) == 1
    assert error_of(create, client=client, ClientToken="t1", Description="other")[0] == "InvalidRequestException"


def test_reserved_tag_keys_and_tag_count_are_refused(client: Any) -> None:
    assert error_of(create, client=client, Tags={"aws:x": "1"})[0] == "InvalidRequestException"
    created = create(client, Tags={f"k{i}": "v" for i in range(200)})
    assert (
        error_of(client.tag_resource, resourceArn=created["Arn"], tags={"one-more": "v"})[0]
        == "InvalidRequestException"
    )


def test_delete_with_an_association_is_refused_and_the_association_is_listed(
    client: Any, double: AppIntegrationsDouble
) -> None:
    created = create(client)
    association = double.associate(created["Id"], client_id="kb-articles")
    code, message = error_of(client.delete_data_integration, DataIntegrationIdentifier=created["Id"])
    assert code == "InvalidRequestException" and "associations" in message
    listed = client.list_data_integration_associations(DataIntegrationIdentifier=created["Id"])
    assert listed["DataIntegrationAssociations"] == [association]
    assert association["ClientId"] == "kb-articles" and association["DataIntegrationArn"] == created["Arn"]
    assert association["DataIntegrationAssociationArn"].startswith(
        f"arn:aws:app-integrations:us-east-1:123456789012:data-integration-association/{created['Id']}/"
    )


def test_associations_are_listed_in_pages(client: Any, double: AppIntegrationsDouble) -> None:
    created = create(client)
    held = [double.associate(created["Id"])["ClientId"] for _ in range(PAGE_SIZE + 3)]
    first = client.list_data_integration_associations(DataIntegrationIdentifier=created["Id"])
    assert len(first["DataIntegrationAssociations"]) == PAGE_SIZE and first["NextToken"]
    pages = client.get_paginator("list_data_integration_associations").paginate(DataIntegrationIdentifier=created["Id"])
    listed = pages.build_full_result()["DataIntegrationAssociations"]
    assert [a["ClientId"] for a in listed] == held and all(h.startswith("arn:aws:wisdom:") for h in held)
    missing = error_of(client.list_data_integration_associations, DataIntegrationIdentifier=MISSING_ID)
    assert missing[0] == "ResourceNotFoundException"


def test_unknown_ids_and_arns_are_not_found(client: Any) -> None:
    missing = MISSING_ID
    assert error_of(client.delete_data_integration, DataIntegrationIdentifier=missing)[0] == "ResourceNotFoundException"
    assert (
        error_of(client.update_data_integration, Identifier=missing, Description="d")[0] == "ResourceNotFoundException"
    )
    assert error_of(client.tag_resource, resourceArn=arn(missing), tags={"a": "b"})[0] == "ResourceNotFoundException"


def test_injected_faults_answer_with_the_model_status(client: Any, double: AppIntegrationsDouble) -> None:
    double.fail("ThrottlingException", operation_name="CreateDataIntegration")
    with pytest.raises(ClientError) as raised:
        create(client)
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 429
    assert create(client)["Name"] == "articles"
