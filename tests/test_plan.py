"""The pure planning functions: events in, calls and responses out."""

import re

import pytest
from cdk_appintegrations.handler.contract import CREATE_ONLY
from cdk_appintegrations.handler.plan import (
    Call,
    PlanError,
    Response,
    arn_of,
    created,
    generated_name,
    is_data_integration_id,
    plan,
)
from events import KEY_ARN, OTHER_KEY_ARN, STACK_ID, create_event, delete_event, properties, update_event

DI_ID = "0f6a6c9e-2d4b-4c1a-9f3e-8b7a6c5d4e3f"
DI_ARN = f"arn:aws:app-integrations:us-east-1:123456789012:data-integration/{DI_ID}"

REPLACEMENTS = {
    "KmsKey": OTHER_KEY_ARN,
    "SourceURI": "Salesforce://AppFlow/other-profile",
    "ScheduleConfig": {"ScheduleExpression": "rate(2 hours)", "Object": "Knowledge__kav"},
    "FileConfiguration": {"Folders": ["/sites/kb"]},
    "ObjectConfiguration": {"Knowledge__kav": {"fields": ["Id"]}},
}


def test_create_sends_the_properties_under_their_api_names() -> None:
    event = create_event(
        properties(Name="articles", FileConfiguration={"Folders": ["/kb"], "Filters": {"ext": ["pdf"]}})
    )
    (call,) = plan(event).calls
    assert call.operation == "create_data_integration"
    assert call.params == {
        "Name": "articles",
        "Description": "Knowledge articles",
        "KmsKey": KEY_ARN,
        "SourceURI": "Salesforce://AppFlow/salesforce-knowledge",
        "ScheduleConfig": {
            "ScheduleExpression": "rate(1 hour)",
            "Object": "Knowledge__kav",
            "FirstExecutionFrom": "1700000000000",
        },
        "FileConfiguration": {"Folders": ["/kb"], "Filters": {"ext": ["pdf"]}},
        "ObjectConfiguration": {"Knowledge__kav": {"fields": ["Id", "Title"]}},
        "Tags": {"team": "cx"},
        "ClientToken": event["RequestId"],
    }
    assert plan(event).response is None


def test_create_leaves_out_what_is_not_set() -> None:
    event = create_event({"ServiceToken": "x", "KmsKey": KEY_ARN, "SourceURI": "s3://bucket", "Tags": {}})
    (call,) = plan(event).calls
    assert set(call.params) == {"Name", "KmsKey", "SourceURI", "ClientToken"}


def test_user_client_token_wins_over_the_derived_one() -> None:
    (call,) = plan(create_event(properties(ClientToken="mine"))).calls
    assert call.params["ClientToken"] == "mine"


def test_generated_name_is_valid_and_stable_for_a_redelivered_request() -> None:
    event = create_event(properties())
    name = generated_name(event, event["ResourceProperties"])
    assert re.fullmatch(r"[a-zA-Z0-9/._-]+", name) and len(name) <= 255
    assert name == generated_name(dict(event, RequestId="another"), event["ResourceProperties"])
    assert name.startswith("ExampleStack-Articles-")


@pytest.mark.parametrize("member", CREATE_ONLY)
def test_generated_name_changes_with_each_create_only_property(member: str) -> None:
    event = create_event(properties())
    changed = properties(**{member: REPLACEMENTS[member]})
    assert generated_name(event, event["ResourceProperties"]) != generated_name(event, changed)


def test_generated_name_differs_per_stack_and_logical_id_and_fits_255() -> None:
    props = properties()
    other_stack = dict(create_event(props), StackId=STACK_ID.replace("6f1c2a40", "00000000"))
    names = {
        generated_name(create_event(props), props),
        generated_name(create_event(props, logical_id="Other"), props),
        generated_name(other_stack, props),
    }
    assert len(names) == 3
    long_stack = dict(create_event(props, logical_id="L" * 255), StackId=STACK_ID.replace("ExampleStack", "S" * 128))
    long_name = generated_name(long_stack, props)
    assert len(long_name) == 255 and re.fullmatch(r"[a-zA-Z0-9/._-]+", long_name)


def test_arn_comes_from_the_stack_partition_region_and_account() -> None:
    event = create_event(properties())
    assert arn_of(event, DI_ID) == DI_ARN
    china = dict(event, StackId="arn:aws-cn:cloudformation:cn-north-1:111122223333:stack/S/guid")
    assert arn_of(china, DI_ID) == f"arn:aws-cn:app-integrations:cn-north-1:111122223333:data-integration/{DI_ID}"


def test_created_reads_arn_id_name() -> None:
    result = {"Arn": DI_ARN, "Id": DI_ID, "Name": "n", "KmsKey": KEY_ARN}
    assert created(result) == Response(DI_ID, {"Arn": DI_ARN, "Id": DI_ID, "Name": "n"})


def test_update_of_name_and_description_is_one_update_call() -> None:
    old = properties(Name="a")
    steps = plan(update_event(DI_ID, properties(Name="b", Description=None), old))
    assert steps.calls == (Call("update_data_integration", {"Identifier": DI_ID, "Name": "b", "Description": ""}),)
    assert steps.response == Response(DI_ID, {"Arn": DI_ARN, "Id": DI_ID, "Name": "b"})


def test_update_to_a_generated_name_keeps_the_name_create_derived() -> None:
    old = properties()
    create = create_event(old)
    name = generated_name(create, old)
    steps = plan(update_event(DI_ID, properties(Description="new"), old))
    assert steps.calls[0].params["Name"] == name
    assert steps.response is not None and steps.response.data["Name"] == name


def test_update_of_tags_tags_and_untags_the_difference() -> None:
    old = properties(Tags={"a": "1", "b": "2", "c": "3"})
    steps = plan(update_event(DI_ID, properties(Tags={"a": "1", "b": "20", "d": "4"}), old))
    assert steps.calls == (
        Call("tag_resource", {"resourceArn": DI_ARN, "tags": {"b": "20", "d": "4"}}),
        Call("untag_resource", {"resourceArn": DI_ARN, "tagKeys": ["c"]}),
    )


def test_update_removing_all_tags_untags_them() -> None:
    steps = plan(update_event(DI_ID, properties(Tags=None), properties(Tags={"a": "1"})))
    assert steps.calls == (Call("untag_resource", {"resourceArn": DI_ARN, "tagKeys": ["a"]}),)


def test_update_of_only_cloudformation_properties_calls_nothing() -> None:
    steps = plan(
        update_event(DI_ID, properties(ServiceToken="new", ServiceTimeout="900", ClientToken="t"), properties())
    )
    assert steps.calls == ()
    assert steps.response is not None and steps.response.physical_id == DI_ID


@pytest.mark.parametrize("member", CREATE_ONLY)
def test_change_of_a_create_only_property_replaces(member: str) -> None:
    event = update_event(DI_ID, properties(**{member: REPLACEMENTS[member]}), properties())
    steps = plan(event)
    (call,) = steps.calls
    assert call.operation == "create_data_integration" and steps.response is None
    assert call.params["ClientToken"] == event["RequestId"]
    assert call.params[member] == REPLACEMENTS[member]


@pytest.mark.parametrize(("member", "prop"), [("Name", "data_integration_name"), ("ClientToken", "client_token")])
def test_replacement_keeping_a_fixed_name_or_token_fails_fast(member: str, prop: str) -> None:
    old = properties(**{member: "fixed"})
    with pytest.raises(PlanError, match=rf"^{member}: KmsKey changed, .* set a new {prop} or leave it unset$"):
        plan(update_event(DI_ID, properties(**{member: "fixed"}, KmsKey=OTHER_KEY_ARN), old))


def test_replacement_with_a_new_name_creates_under_it() -> None:
    steps = plan(update_event(DI_ID, properties(Name="b", KmsKey=OTHER_KEY_ARN), properties(Name="a")))
    assert steps.calls[0].params["Name"] == "b"


def test_update_of_a_placeholder_id_creates() -> None:
    steps = plan(update_event("ExampleStack_Articles_ABCD1234", properties(), properties()))
    assert [c.operation for c in steps.calls] == ["create_data_integration"]


def test_delete_of_an_id_tolerates_not_found() -> None:
    steps = plan(delete_event(DI_ID, properties()))
    assert steps.calls == (
        Call("delete_data_integration", {"DataIntegrationIdentifier": DI_ID}, frozenset({"ResourceNotFoundException"})),
    )
    assert steps.response == Response(DI_ID, {})


@pytest.mark.parametrize("physical_id", ["ExampleStack_Articles_ABCD1234", "", "articles"])
def test_delete_of_anything_but_an_id_calls_nothing(physical_id: str) -> None:
    assert plan(delete_event(physical_id, properties())).calls == ()


def test_is_data_integration_id() -> None:
    assert is_data_integration_id(DI_ID)
    assert not is_data_integration_id(DI_ID.upper())
    assert not is_data_integration_id(DI_ID + "0")


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ({"RequestType": "Poke"}, "RequestType: must be Create, Update or Delete, got 'Poke'"),
        (
            {"RequestType": "Create", "ResourceProperties": "x"},
            "ResourceProperties: missing from the event or not an object",
        ),
        (
            {"RequestType": "Update", "ResourceProperties": {}},
            "OldResourceProperties: missing from the event or not an object",
        ),
    ],
)
def test_malformed_events_fail_before_any_call(event: dict[str, object], message: str) -> None:
    with pytest.raises(PlanError, match=re.escape(message)):
        plan(event)


def test_a_create_under_a_generated_name_explains_a_duplicate_as_a_leftover() -> None:
    (generated,) = plan(create_event(properties())).calls
    assert generated.explained["DuplicateResourceException"].startswith(
        f"Name: {generated.params['Name']!r}, the name generated for this resource, is taken"
    )
    (fixed,) = plan(create_event(properties(Name="articles"))).calls
    assert fixed.explained == {}
