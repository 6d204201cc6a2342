"""Adopting an existing DataIntegration: the pure comparison, and the flow on the handler artifact."""

from collections.abc import Callable
from typing import Any

import pytest
from appintegrations_double import AppIntegrationsDouble, arn
from cdk_appintegrations.handler.adoption import adoption, named
from cdk_appintegrations.handler.plan import Call, PlanError, Response, plan
from events import OTHER_KEY_ARN, create_event, properties
from lambda_harness import Invocation

DI_ID = "0f6a6c9e-2d4b-4c1a-9f3e-8b7a6c5d4e3f"
Invoke = Callable[..., Invocation]


def described(**changes: Any) -> dict[str, Any]:
    """What GetDataIntegration says of a DataIntegration made with the default properties."""
    props = properties(Name="articles")
    record = {k: v for k, v in props.items() if k not in ("ServiceToken", "ServiceTimeout", "ScheduleConfig")}
    record.update(ScheduleConfiguration=props["ScheduleConfig"], Id=DI_ID, Arn=arn(DI_ID))
    record.update(changes)
    return record


def adopting(**members: Any) -> dict[str, Any]:
    return create_event(properties(Name="articles", AdoptExisting="true", **members))


def test_only_a_create_with_the_flag_may_adopt() -> None:
    assert plan(adopting()).adopt == "articles"
    assert plan(create_event(properties(Name="articles"))).adopt is None
    assert plan(create_event(properties(Name="articles", AdoptExisting="false"))).adopt is None


def test_a_matching_one_is_adopted_with_the_requested_description_and_tags() -> None:
    steps = adoption(adopting(Description="new", Tags={"team": "cx", "stage": "prod"}), described(Tags={"old": "1"}))
    assert steps.calls == (
        Call("update_data_integration", {"Identifier": DI_ID, "Name": "articles", "Description": "new"}),
        Call("tag_resource", {"resourceArn": arn(DI_ID), "tags": {"team": "cx", "stage": "prod"}}),
        Call("untag_resource", {"resourceArn": arn(DI_ID), "tagKeys": ["old"]}),
    )
    assert steps.response == Response(DI_ID, {"Arn": arn(DI_ID), "Id": DI_ID, "Name": "articles"})


def test_an_identical_one_is_adopted_without_a_call() -> None:
    assert adoption(adopting(), described()).calls == ()


@pytest.mark.parametrize(
    ("existing", "differing"),
    [
        ({"KmsKey": OTHER_KEY_ARN}, "KmsKey"),
        ({"SourceURI": "Salesforce://AppFlow/other"}, "SourceURI"),
        ({"ScheduleConfiguration": {"ScheduleExpression": "rate(1 day)"}}, "ScheduleConfig"),
        ({"FileConfiguration": {"Folders": ["/kb"]}}, "FileConfiguration"),
        ({"ObjectConfiguration": {"Account": {"fields": ["Id"]}}}, "ObjectConfiguration"),
        ({"KmsKey": OTHER_KEY_ARN, "SourceURI": "Salesforce://AppFlow/other"}, "KmsKey, SourceURI"),
    ],
)
def test_a_different_one_is_refused_naming_what_differs(existing: dict[str, Any], differing: str) -> None:
    with pytest.raises(PlanError, match=f"named 'articles' differs in {differing}, which cannot change"):
        adoption(adopting(), described(**existing))


def test_named_finds_the_id_by_name() -> None:
    summaries = [{"Name": "other", "Arn": arn("x")}, {"Name": "articles", "Arn": arn(DI_ID)}]
    assert named(summaries, "articles") == DI_ID
    assert named(summaries, "missing") is None


def existing(double: AppIntegrationsDouble, **changes: Any) -> dict[str, Any]:
    """A DataIntegration named articles made before the stack, after 25 others, so it is on the third page."""
    for i in range(25):
        double.existing(Name=f"other-{i}", KmsKey=OTHER_KEY_ARN, SourceURI="Salesforce://AppFlow/p")
    props = properties(Name="articles")
    request = {k: v for k, v in props.items() if k not in ("ServiceToken", "ServiceTimeout")}
    return double.existing(**{**request, "Tags": {"old": "1"}, **changes})


def test_create_with_the_flag_adopts_the_matching_one(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    record = existing(double, Description="before")
    body = invoke(adopting(Description="after")).response
    assert body["Status"] == "SUCCESS" and body["PhysicalResourceId"] == record["Id"]
    assert body["Data"] == {"Arn": record["Arn"], "Id": record["Id"], "Name": "articles"}
    assert len(double.state.integrations) == 26
    adopted = double.state.integrations[record["Id"]]
    assert (adopted["Description"], adopted["Tags"]) == ("after", {"team": "cx"})
    assert double.operations() == [
        "CreateDataIntegration",
        *["ListDataIntegrations"] * 3,
        "GetDataIntegration",
        "UpdateDataIntegration",
        "TagResource",
        "UntagResource",
    ]


def test_create_with_the_flag_refuses_a_different_one(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    existing(double, KmsKey=OTHER_KEY_ARN)
    body = invoke(adopting()).response
    assert body["Status"] == "FAILED"
    assert body["Reason"].startswith("adopt_existing: the data integration named 'articles' differs in KmsKey")
    assert double.operations()[-1] == "GetDataIntegration"


def test_without_the_flag_it_never_adopts(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    existing(double)
    body = invoke(create_event(properties(Name="articles"))).response
    assert body["Status"] == "FAILED" and body["Reason"].startswith("Name: a data integration named 'articles'")
    assert double.operations() == ["CreateDataIntegration"]
