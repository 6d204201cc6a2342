"""The pure planning functions: an event and what exists in, calls and responses out."""

import re
from typing import Any

import pytest
from appintegrations_double import arn
from constants import KEY_ARN, NEW_STACK_ID, OTHER_KEY_ARN, STACK_ID
from events import create_event, delete_event, update_event
from events import properties as props_of

from cdk_appintegrations_handler.calls import Call, Response, create_call, created, delete_call
from cdk_appintegrations_handler.contract import (
    CREATE_ONLY,
    KNOWLEDGE_BASE,
    KNOWLEDGE_BASE_TAG,
    MEMBERS,
    NAME_DIGEST_MEMBERS,
    OWNER_TAG,
)
from cdk_appintegrations_handler.errors import PlanError
from cdk_appintegrations_handler.event import is_data_integration_id, properties, request_type
from cdk_appintegrations_handler.naming import generated_name, generated_names
from cdk_appintegrations_handler.ownership import owner_value, placeholder
from cdk_appintegrations_handler.plan import (
    Holders,
    check_replaceable,
    claim,
    differing,
    held_id,
    holders,
    in_place,
    kept_name,
    kept_owner,
    other_names,
    placeholder_delete,
    rollback_names,
    sweep,
    taken,
    update_in_place,
)
from cdk_appintegrations_handler.reasons import REASON_MAX

DI_ID = "0f6a6c9e-2d4b-4c1a-9f3e-8b7a6c5d4e3f"
OTHER_ID = "7d1e2f3a-4b5c-4d6e-8f9a-0b1c2d3e4f5a"

REPLACEMENTS = {
    "KmsKey": OTHER_KEY_ARN,
    "SourceURI": "Salesforce://AppFlow/other-profile",
    "ScheduleConfig": {"ScheduleExpression": "rate(2 hours)", "Object": "Knowledge__kav"},
    "FileConfiguration": {"Folders": ["/sites/kb"]},
    "ObjectConfiguration": {"Knowledge__kav": {"fields": ["Id"]}},
}


def described(event: dict[str, Any] | None = None, di_id: str = DI_ID, **changes: Any) -> dict[str, Any]:
    """What GetDataIntegration says of one made with the default properties, owned by event's resource."""
    props = props_of(Name="articles")
    record = {m.described_as: props[m.name] for m in MEMBERS if m.described_as and m.name in props}
    tags = {**props["Tags"], **({OWNER_TAG: owner_value(event)} if event else {})}
    record.update(Id=di_id, Arn=arn(di_id), Tags=tags)
    record.update(changes)
    return record


def test_create_sends_the_properties_under_their_api_names_with_the_owner_tag() -> None:
    event = create_event(props_of(Name="articles", FileConfiguration={"Folders": ["/kb"], "Filters": {"ext": ["pdf"]}}))
    call = create_call(event, event["ResourceProperties"])
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
        "Tags": {"team": "cx", OWNER_TAG: owner_value(event)},
        "ClientToken": event["RequestId"],
    }


def test_create_leaves_out_what_is_not_set() -> None:
    event = create_event({"ServiceToken": "x", "KmsKey": KEY_ARN, "SourceURI": "s3://bucket", "Tags": {}})
    call = create_call(event, event["ResourceProperties"])
    assert set(call.params) == {"Name", "KmsKey", "SourceURI", "ClientToken", "Tags"}
    assert call.params["Tags"] == {OWNER_TAG: owner_value(event)}


def test_user_client_token_wins_over_the_derived_one() -> None:
    event = create_event(props_of(ClientToken="mine"))
    assert create_call(event, event["ResourceProperties"]).params["ClientToken"] == "mine"


def test_generated_name_is_valid_and_stable_for_a_redelivered_request() -> None:
    event = create_event(props_of())
    name = generated_name(event, event["ResourceProperties"])
    assert re.fullmatch(r"[a-zA-Z0-9/._-]+", name) and len(name) <= 255
    assert name == generated_name(dict(event, RequestId="another"), event["ResourceProperties"])
    assert name.startswith("ExampleStack-Articles-")


@pytest.mark.parametrize("member", CREATE_ONLY)
def test_generated_name_changes_with_each_create_only_property(member: str) -> None:
    event = create_event(props_of())
    changed = props_of(**{member: REPLACEMENTS[member]})
    assert generated_name(event, event["ResourceProperties"]) != generated_name(event, changed)


def test_generated_name_differs_per_stack_and_logical_id_and_fits_255() -> None:
    props = props_of()
    other_stack = dict(create_event(props), StackId=NEW_STACK_ID)
    names = {
        generated_name(create_event(props), props),
        generated_name(create_event(props, logical_id="Other"), props),
        generated_name(other_stack, props),
    }
    assert len(names) == 3
    long_stack = dict(create_event(props, logical_id="L" * 255), StackId=STACK_ID.replace("ExampleStack", "S" * 128))
    long_name = generated_name(long_stack, props)
    assert len(long_name) == 255 and re.fullmatch(r"[a-zA-Z0-9/._-]+", long_name)


def test_created_reads_arn_id_name() -> None:
    result = {"Arn": arn(DI_ID), "Id": DI_ID, "Name": "n", "KmsKey": KEY_ARN}
    assert created(result) == Response(DI_ID, {"Arn": arn(DI_ID), "Id": DI_ID, "Name": "n"})


@pytest.mark.parametrize("member", CREATE_ONLY)
def test_differing_names_each_create_only_member(member: str) -> None:
    assert differing(props_of(Name="articles"), described()) == []
    assert differing(props_of(**{member: REPLACEMENTS[member]}), described()) == [member]


def test_differing_takes_an_empty_value_as_absent() -> None:
    assert differing(props_of(FileConfiguration={}), described(FileConfiguration=None)) == []


def test_in_place_updates_name_and_description_against_what_exists() -> None:
    event = update_event(DI_ID, props_of(Name="b", Description=None), props_of(Name="b"))
    steps = in_place(event, event["ResourceProperties"], described(event, Name="a"), owner_value(event))
    assert steps.calls == (Call("update_data_integration", {"Identifier": DI_ID, "Name": "b", "Description": ""}),)
    assert steps.response == Response(DI_ID, {"Arn": arn(DI_ID), "Id": DI_ID, "Name": "b"})


def test_in_place_tags_what_exists_otherwise_and_untags_only_what_the_previous_properties_had() -> None:
    previous = props_of(Tags={"a": "1", "b": "2", "c": "3", "e": "5", "f": "6"})
    event = update_event(DI_ID, props_of(Name="articles", Tags={"a": "1", "b": "20", "d": "4"}), previous)
    current = described(
        event, Tags={"a": "1", "b": "2", "c": "3", "e": "rewritten", "AmazonConnectEnabled": "True", OWNER_TAG: "ours"}
    )
    steps = in_place(event, event["ResourceProperties"], current, "ours")
    assert steps.calls == (
        Call("tag_resource", {"resourceArn": arn(DI_ID), "tags": {"b": "20", "d": "4"}}),
        Call("untag_resource", {"resourceArn": arn(DI_ID), "tagKeys": ["c"]}),
    )


def test_in_place_with_no_previous_properties_removes_no_tag() -> None:
    event = create_event(props_of(Name="articles", Tags={"a": "1"}))
    current = described(event, Tags={"a": "1", "team": "elsewhere", OWNER_TAG: "ours"})
    assert in_place(event, event["ResourceProperties"], current, "ours").calls == ()


def test_in_place_with_nothing_to_change_calls_nothing() -> None:
    event = update_event(DI_ID, props_of(Name="articles", ServiceTimeout="900"), props_of(Name="articles"))
    assert in_place(event, event["ResourceProperties"], described(event), owner_value(event)).calls == ()


def test_in_place_of_a_generated_name_keeps_the_name_create_derived() -> None:
    event = update_event(DI_ID, props_of(Description="new"), props_of())
    name = generated_name(event, event["ResourceProperties"])
    steps = in_place(event, event["ResourceProperties"], described(event, Name=name), owner_value(event))
    assert steps.calls[0].params["Name"] == name and steps.response.data["Name"] == name


def test_kept_owner_keeps_this_resources_tag_and_writes_one_where_it_is_missing() -> None:
    event = update_event(DI_ID, props_of(), props_of())
    earlier = create_event(props_of())
    assert kept_owner(event, described(earlier)) == owner_value(earlier)
    assert kept_owner(event, described()) == owner_value(event)
    other = create_event(props_of(), logical_id="Other")
    assert kept_owner(event, described(other)) == owner_value(event)


@pytest.mark.parametrize(("member", "prop"), [("Name", "data_integration_name"), ("ClientToken", "client_token")])
def test_replacement_keeping_a_fixed_name_or_token_fails_fast(member: str, prop: str) -> None:
    event = update_event(DI_ID, props_of(**{member: "fixed"}, KmsKey=OTHER_KEY_ARN), props_of(**{member: "fixed"}))
    current = described(event, Name="fixed" if member == "Name" else "articles")
    with pytest.raises(PlanError, match=rf"^{member}: KmsKey changed, .* 'fixed' stays; set a new {prop} or leave"):
        check_replaceable(event, event["ResourceProperties"], current)


def test_replacement_with_a_new_name_or_nothing_current_may_go_ahead() -> None:
    event = update_event(DI_ID, props_of(Name="b", KmsKey=OTHER_KEY_ARN), props_of(Name="a"))
    check_replaceable(event, event["ResourceProperties"], described(event, Name="a"))
    check_replaceable(event, event["ResourceProperties"], None)


def test_claim_reuses_what_this_resource_made_and_takes_the_owner_tag_for_this_request() -> None:
    earlier = create_event(props_of(Name="articles"))
    event = update_event(OTHER_ID, props_of(Name="articles", Description="new"), props_of(KmsKey=OTHER_KEY_ARN))
    steps = claim(event, event["ResourceProperties"], described(earlier))
    assert steps.calls == (
        Call("update_data_integration", {"Identifier": DI_ID, "Name": "articles", "Description": "new"}),
        Call("tag_resource", {"resourceArn": arn(DI_ID), "tags": {OWNER_TAG: owner_value(event)}}),
    )
    assert steps.response == Response(DI_ID, {"Arn": arn(DI_ID), "Id": DI_ID, "Name": "articles"})


def test_claim_takes_a_generated_name_as_proof_of_ownership() -> None:
    event = create_event(props_of())
    name = generated_name(event, event["ResourceProperties"])
    steps = claim(event, event["ResourceProperties"], described(Name=name))
    assert steps.response.physical_id == DI_ID


def test_claim_refuses_its_own_earlier_one_when_it_differs() -> None:
    earlier = create_event(props_of(Name="articles"))
    event = create_event(props_of(Name="articles"))
    with pytest.raises(PlanError, match=r"^Name: 'articles' is held by an earlier .* differs in KmsKey; delete it"):
        claim(event, event["ResourceProperties"], described(earlier, KmsKey=OTHER_KEY_ARN))


@pytest.mark.parametrize("owner", [None, "Other"])
def test_claim_never_takes_one_made_elsewhere(owner: str | None) -> None:
    elsewhere = create_event(props_of(), logical_id=owner) if owner else None
    event = create_event(props_of(Name="articles"))
    with pytest.raises(PlanError, match=r"^Name: a data integration named 'articles' already exists"):
        claim(event, event["ResourceProperties"], described(elsewhere))


def adopting(**members: Any) -> dict[str, Any]:
    return create_event(props_of(Name="articles", AdoptExisting="true", **members))


def test_adoption_takes_a_matching_one_with_the_requested_description_tags_and_owner_and_keeps_its_tags() -> None:
    event = adopting(Description="new", Tags={"team": "cx", "stage": "prod"})
    steps = claim(event, event["ResourceProperties"], described(Tags={"old": "1"}))
    assert steps.calls == (
        Call("update_data_integration", {"Identifier": DI_ID, "Name": "articles", "Description": "new"}),
        Call(
            "tag_resource",
            {"resourceArn": arn(DI_ID), "tags": {"team": "cx", "stage": "prod", OWNER_TAG: owner_value(event)}},
        ),
    )
    assert steps.response == Response(DI_ID, {"Arn": arn(DI_ID), "Id": DI_ID, "Name": "articles"})


@pytest.mark.parametrize(
    ("existing", "differ"),
    [
        ({"KmsKey": OTHER_KEY_ARN}, "KmsKey"),
        ({"SourceURI": "Salesforce://AppFlow/other"}, "SourceURI"),
        ({"ScheduleConfiguration": {"ScheduleExpression": "rate(1 day)"}}, "ScheduleConfig"),
        ({"FileConfiguration": {"Folders": ["/kb"]}}, "FileConfiguration"),
        ({"ObjectConfiguration": {"Account": {"fields": ["Id"]}}}, "ObjectConfiguration"),
        ({"KmsKey": OTHER_KEY_ARN, "SourceURI": "Salesforce://AppFlow/other"}, "KmsKey, SourceURI"),
    ],
)
def test_adoption_refuses_a_different_one_naming_what_differs(existing: dict[str, Any], differ: str) -> None:
    event = adopting()
    with pytest.raises(PlanError, match=f"named 'articles' differs in {differ}, which cannot change"):
        claim(event, event["ResourceProperties"], described(**existing))


def test_adoption_refuses_one_another_stack_owns() -> None:
    event = adopting()
    elsewhere = dict(create_event(props_of()), StackId=NEW_STACK_ID)
    with pytest.raises(PlanError, match=f"belongs to another stack's resource \\(tag {OWNER_TAG}\\)"):
        claim(event, event["ResourceProperties"], described(elsewhere))


def test_sweep_deletes_only_an_owned_one_that_is_not_current() -> None:
    event = update_event(DI_ID, props_of(), props_of(KmsKey=OTHER_KEY_ARN))
    current = described(event)
    orphan = described(event, di_id=OTHER_ID, KmsKey=OTHER_KEY_ARN)
    assert sweep(event, current, orphan) == (delete_call(OTHER_ID),)
    assert sweep(event, current, None) == ()
    assert sweep(event, current, current) == ()
    assert sweep(event, current, described(create_event(props_of(), logical_id="Other"), di_id=OTHER_ID)) == ()


def test_placeholder_delete_removes_only_what_that_request_made() -> None:
    failed = create_event(props_of(Name="articles"))
    rollback = delete_event(placeholder(failed, "articles"), props_of(Name="articles"))
    assert placeholder_delete(rollback, described(failed)) == (delete_call(DI_ID),)
    assert placeholder_delete(rollback, None) == ()
    assert placeholder_delete(rollback, described(create_event(props_of(Name="articles")))) == ()
    assert placeholder_delete(rollback, described()) == ()


def test_delete_call_tolerates_not_found() -> None:
    assert delete_call(DI_ID) == Call(
        "delete_data_integration", {"DataIntegrationIdentifier": DI_ID}, frozenset({"ResourceNotFoundException"})
    )


def test_update_in_place_only_when_nothing_that_replaces_differs() -> None:
    event = update_event(DI_ID, props_of(Name="articles", Description="new"), props_of(Name="articles"))
    plan = update_in_place(event, event["ResourceProperties"], described(event))
    assert plan is not None and plan.response.physical_id == DI_ID
    assert plan == in_place(event, event["ResourceProperties"], described(event), owner_value(event))
    replacing = update_event(DI_ID, props_of(Name="articles", KmsKey=OTHER_KEY_ARN), props_of(Name="articles"))
    assert update_in_place(replacing, replacing["ResourceProperties"], described(replacing)) is None


def test_rollback_names_are_the_old_properties_other_names_when_they_differ_from_what_exists() -> None:
    event = update_event(DI_ID, props_of(), props_of(KmsKey=OTHER_KEY_ARN))
    old, current = event["OldResourceProperties"], described(event, Name=generated_name(event, props_of()))
    assert rollback_names(event, old, current) == (generated_name(event, old),)
    assert rollback_names(event, event["ResourceProperties"], current) == ()


def test_other_names_leave_out_the_current_ones() -> None:
    event = create_event(props_of(KnowledgeBase=BINDING))
    props = event["ResourceProperties"]
    first, second = generated_names(event, props)
    assert other_names(event, props, None) == (first, second)
    assert other_names(event, props, described(Name=second)) == (first,)


def test_taken_claims_what_holds_the_name_and_fails_when_nothing_is_listed() -> None:
    event = create_event(props_of(Name="articles"))
    earlier = described(create_event(props_of(Name="articles")))
    assert taken(event, event["ResourceProperties"], earlier) == claim(event, event["ResourceProperties"], earlier)
    with pytest.raises(PlanError, match=r"^Name: 'articles' exists, says CreateDataIntegration, but is not listed"):
        taken(event, event["ResourceProperties"], None)


def test_held_id_is_that_of_the_first_name_held() -> None:
    listed = {"DataIntegrations": [{"Name": "b", "Arn": arn(OTHER_ID)}, {"Name": "a", "Arn": arn(DI_ID)}]}
    assert held_id(("a", "b"), listed) == DI_ID
    assert held_id(("c", "b"), listed) == OTHER_ID
    assert held_id(("c",), listed) is None and held_id((), {}) is None


def test_holders_are_the_client_ids_once_each_else_the_destinations_else_the_association_arns() -> None:
    listed = {
        "DataIntegrationAssociations": [
            {"ClientId": "kb-1", "DataIntegrationAssociationArn": "arn:a/1"},
            {"DataIntegrationAssociationArn": "arn:a/2"},
            {"ClientId": "kb-1", "DataIntegrationAssociationArn": "arn:a/3"},
            {"DestinationURI": "s3://exports", "DataIntegrationAssociationArn": "arn:a/4"},
            {"ClientId": "kb-2", "DestinationURI": "s3://kb", "DataIntegrationAssociationArn": "arn:a/5"},
            {"DestinationURI": "s3://exports", "DataIntegrationAssociationArn": "arn:a/6"},
            {},
        ]
    }
    assert holders(listed) == Holders(["kb-1", "arn:a/2", "kb-2"], ["s3://exports"])
    assert holders({}) == Holders([], [])


def test_is_data_integration_id() -> None:
    assert is_data_integration_id(DI_ID)
    assert not is_data_integration_id(DI_ID.upper())
    assert not is_data_integration_id(DI_ID + "0")


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ({"RequestType": "Poke"}, "RequestType: must be Create, Update or Delete, got 'Poke'"),
        ({"RequestType": None}, "RequestType: must be Create, Update or Delete, got None"),
    ],
)
def test_an_unknown_request_type_is_refused(event: dict[str, object], message: str) -> None:
    with pytest.raises(PlanError, match=re.escape(message)):
        request_type(event)


@pytest.mark.parametrize("key", ["ResourceProperties", "OldResourceProperties"])
def test_properties_must_be_an_object(key: str) -> None:
    with pytest.raises(PlanError, match=f"^{key}: missing from the event or not an object$"):
        properties({key: "x"}, key)


# Generated names of deployed DataIntegrations, computed by release 0.2.0: a change of the digest renames them.
PINNED_NAMES = [
    (create_event(props_of()), props_of(), "ExampleStack-Articles-ae1571968c7a"),
    (create_event(props_of()), props_of(KmsKey=OTHER_KEY_ARN), "ExampleStack-Articles-6b1acdd0c9aa"),
    (
        create_event({}, logical_id="Docs", stack_id=NEW_STACK_ID),
        {"KmsKey": KEY_ARN, "SourceURI": "s3://my-bucket", "Description": "x", "Tags": {"a": "b"}},
        "ExampleStack-Docs-5932cc2ac0e2",
    ),
]
BINDING, OTHER_BINDING = "0123456789abcdef", "fedcba9876543210"


@pytest.mark.parametrize(("event", "props", "name"), PINNED_NAMES)
def test_generated_names_are_those_of_the_previous_release(event: dict[str, Any], props: Any, name: str) -> None:
    assert generated_names(event, props) == (name,)
    assert generated_names(event, {**props, KNOWLEDGE_BASE: BINDING})[1] == name


def test_the_name_digest_covers_frozen_members() -> None:
    assert NAME_DIGEST_MEMBERS == ("KmsKey", "SourceURI", "ScheduleConfig", "FileConfiguration", "ObjectConfiguration")


def test_a_binding_enters_the_name_a_create_uses_and_keeps_the_one_without() -> None:
    event = create_event(props_of())
    bound, legacy = generated_names(event, props_of(KnowledgeBase=BINDING))
    assert legacy == generated_name(event, props_of()) and bound != legacy
    assert generated_name(event, props_of(KnowledgeBase=BINDING)) == bound
    assert generated_names(event, props_of(KnowledgeBase=OTHER_BINDING))[0] not in (bound, legacy)
    assert re.fullmatch(r"ExampleStack-Articles-[0-9a-f]{12}", bound)


def bound(event: dict[str, Any] | None = None, recorded: str | None = None, **changes: Any) -> dict[str, Any]:
    """What GetDataIntegration says of one made with the default properties, with a recorded binding."""
    record = described(event, **changes)
    record["Tags"] = {**record["Tags"], **({KNOWLEDGE_BASE_TAG: recorded} if recorded else {})}
    return record


@pytest.mark.parametrize(
    ("wanted", "recorded", "replaced"),
    [
        (BINDING, BINDING, False),
        (BINDING, OTHER_BINDING, True),
        (BINDING, None, False),  # deployed before bindings were recorded: an upgrade
        (None, BINDING, False),  # its knowledge base left the app
        (None, None, False),
    ],
)
def test_a_binding_differs_only_when_both_sides_have_one(
    wanted: str | None, recorded: str | None, replaced: bool
) -> None:
    props = props_of(Name="articles", KnowledgeBase=wanted)
    assert differing(props, bound(recorded=recorded)) == ([KNOWLEDGE_BASE] if replaced else [])


def test_a_create_records_the_binding_in_its_tags() -> None:
    event = create_event(props_of(KnowledgeBase=BINDING))
    tags = create_call(event, event["ResourceProperties"]).params["Tags"]
    assert tags == {"team": "cx", KNOWLEDGE_BASE_TAG: BINDING, OWNER_TAG: owner_value(event)}


@pytest.mark.parametrize(
    ("wanted", "recorded", "calls"),
    [
        (BINDING, None, [Call("tag_resource", {"resourceArn": arn(DI_ID), "tags": {KNOWLEDGE_BASE_TAG: BINDING}})]),
        (None, BINDING, [Call("untag_resource", {"resourceArn": arn(DI_ID), "tagKeys": [KNOWLEDGE_BASE_TAG]})]),
        (BINDING, BINDING, []),
    ],
)
def test_in_place_writes_or_drops_the_binding_tag(wanted: str | None, recorded: str | None, calls: list[Call]) -> None:
    event = update_event(DI_ID, props_of(Name="articles", KnowledgeBase=wanted), props_of(Name="articles"))
    steps = in_place(event, event["ResourceProperties"], bound(event, recorded), owner_value(event))
    assert list(steps.calls) == calls


def test_an_upgrade_keeps_the_name_given_without_a_binding() -> None:
    deployed = create_event(props_of())
    legacy = generated_name(deployed, props_of())
    event = update_event(DI_ID, props_of(KnowledgeBase=BINDING), props_of())
    steps = in_place(event, event["ResourceProperties"], bound(deployed, Name=legacy), owner_value(deployed))
    assert steps.response.data["Name"] == legacy
    assert [c.operation for c in steps.calls] == ["tag_resource"]


@pytest.mark.parametrize(
    ("current", "wanted"),
    [
        ("articles", "bound"),  # a fixed name unset: renamed to the generated one
        ("legacy", "legacy"),  # named before bindings: kept
        ("bound", "bound"),
        ("other", "bound"),  # a name of other properties: renamed
    ],
)
def test_kept_name_keeps_one_of_the_requested_names(current: str, wanted: str) -> None:
    event = update_event(DI_ID, props_of(KnowledgeBase=BINDING), props_of())
    names = dict(zip(("bound", "legacy"), generated_names(event, event["ResourceProperties"]), strict=True))
    names.update(articles="articles", other=generated_name(event, props_of(KnowledgeBase=OTHER_BINDING)))
    assert kept_name(event, event["ResourceProperties"], described(Name=names[current])) == names[wanted]


def test_a_removed_knowledge_base_renames_to_the_name_without_a_binding() -> None:
    event = update_event(DI_ID, props_of(), props_of(KnowledgeBase=BINDING))
    with_binding = generated_name(event, props_of(KnowledgeBase=BINDING))
    kept = kept_name(event, event["ResourceProperties"], bound(event, BINDING, Name=with_binding))
    assert kept == generated_name(event, props_of())


@pytest.mark.parametrize(("member", "prop"), [("Name", "data_integration_name"), ("ClientToken", "client_token")])
@pytest.mark.parametrize("value", ["fixed", "f" * 255])
def test_a_knowledge_base_change_keeping_a_fixed_name_or_token_fails_naming_it(
    member: str, prop: str, value: str
) -> None:
    props = props_of(**{member: value}, KnowledgeBase=OTHER_BINDING)
    event = update_event(DI_ID, props, props_of(**{member: value}, KnowledgeBase=BINDING))
    current = bound(event, BINDING, Name=value if member == "Name" else "articles")
    with pytest.raises(PlanError) as raised:
        check_replaceable(event, event["ResourceProperties"], current)
    reason = str(raised.value)
    assert reason.startswith("KnowledgeBase: its knowledge base is replaced (name, description, tags, fields or key")
    assert f"but {prop} '{value[:29]}" in reason and reason.endswith(f"; leave {prop} unset or set a new one")
    assert len(reason) <= REASON_MAX


def test_a_knowledge_base_change_with_a_generated_name_may_go_ahead() -> None:
    deployed = create_event(props_of())
    event = update_event(DI_ID, props_of(KnowledgeBase=OTHER_BINDING), props_of(KnowledgeBase=BINDING))
    check_replaceable(
        event, event["ResourceProperties"], bound(deployed, BINDING, Name=generated_name(deployed, props_of()))
    )


def test_claim_takes_the_name_without_the_binding_as_proof_of_ownership() -> None:
    event = update_event(OTHER_ID, props_of(KnowledgeBase=BINDING), props_of(KnowledgeBase=OTHER_BINDING))
    legacy = generated_name(event, props_of())
    steps = claim(event, event["ResourceProperties"], bound(None, BINDING, Name=legacy))
    assert steps.response == Response(DI_ID, {"Arn": arn(DI_ID), "Id": DI_ID, "Name": legacy})
