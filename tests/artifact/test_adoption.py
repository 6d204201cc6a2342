"""Adopting an existing DataIntegration, on the handler artifact (the decisions: test_plan.py)."""

from collections.abc import Callable
from typing import Any

from appintegrations_double import AppIntegrationsDouble
from constants import OTHER_KEY_ARN
from events import api_properties, create_event, properties
from lambda_harness import Invocation

from cdk_appintegrations_handler.calls import LIST_PAGE_SIZE
from cdk_appintegrations_handler.contract import OWNER_TAG
from cdk_appintegrations_handler.ownership import owner_value

Invoke = Callable[..., Invocation]


def adopting(**members: Any) -> dict[str, Any]:
    return create_event(properties(Name="articles", AdoptExisting="true", **members))


def existing(double: AppIntegrationsDouble, **changes: Any) -> dict[str, Any]:
    """A DataIntegration named articles made before the stack, after others, so that it is on the third page."""
    for i in range(2 * LIST_PAGE_SIZE + 5):
        double.existing(Name=f"other-{i}", KmsKey=OTHER_KEY_ARN, SourceURI="Salesforce://AppFlow/p")
    props = properties(Name="articles")
    request = api_properties(props)
    return double.existing(**{**request, "Tags": {"old": "1"}, **changes})


def test_create_with_the_flag_adopts_the_matching_one(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    record = existing(double, Description="before")
    event = adopting(Description="after")
    body = invoke(event).response
    assert body["Status"] == "SUCCESS" and body["PhysicalResourceId"] == record["Id"]
    assert body["Data"] == {"Arn": record["Arn"], "Id": record["Id"], "Name": "articles"}
    assert len(double.state.integrations) == 2 * LIST_PAGE_SIZE + 6
    adopted = double.state.integrations[record["Id"]]
    # Its tags are the requested ones and what it had: the stack never wrote "old", so it stays.
    assert (adopted["Description"], adopted["Tags"]) == (
        "after",
        {"old": "1", "team": "cx", OWNER_TAG: owner_value(event)},
    )
    assert double.operations() == [
        "CreateDataIntegration",
        *["ListDataIntegrations"] * 3,
        "GetDataIntegration",
        "UpdateDataIntegration",
        "TagResource",
    ]


def test_create_with_the_flag_refuses_a_different_one(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    existing(double, KmsKey=OTHER_KEY_ARN)
    body = invoke(adopting()).response
    assert body["Status"] == "FAILED"
    assert body["Reason"].startswith("adopt_existing: the data integration named 'articles' differs in KmsKey")
    assert double.operations()[-1] == "GetDataIntegration"


def test_without_the_flag_it_never_adopts(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    record = dict(existing(double))
    body = invoke(create_event(properties(Name="articles"))).response
    assert body["Status"] == "FAILED" and body["Reason"].startswith("Name: a data integration named 'articles'")
    assert double.operations() == ["CreateDataIntegration", *["ListDataIntegrations"] * 3, "GetDataIntegration"]
    assert double.state.integrations[record["Id"]] == record
