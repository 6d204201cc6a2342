"""The KnowledgeBase construct: the knowledge base, assistant and instance associations it synthesizes, the key
policy it adds, and what it refuses."""

import hashlib
import json
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_kms as kms
from aws_cdk import aws_wisdom as wisdom
from aws_cdk.assertions import Annotations, Match, Template
from cloudformation import create_only, registry_schema
from constants import KEY_ARN
from stacks import data_integration, new_stack, with_key

from cdk_appintegrations import (
    AssistantOptions,
    DataIntegration,
    IKnowledgeBase,
    KnowledgeBase,
    knowledge_base,
    knowledge_base_rules,
)
from cdk_appintegrations.knowledge_base_reference import KNOWLEDGE_BASE_ARN_PATTERN
from cdk_appintegrations_handler.contract import RESOURCE_TYPE

DI_ARN = "arn:aws:app-integrations:us-east-1:123456789012:data-integration/0f6a6c9e-2d4b-4c1a-9f3e-8b7a6c5d4e3f"
INSTANCE_ARN = "arn:aws:connect:us-east-1:123456789012:instance/5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
CONNECT_STATEMENT = {
    "Sid": "AllowAmazonConnectToUseTheAssistantKey",
    "Effect": "Allow",
    "Principal": {"Service": "connect.amazonaws.com"},
    "Action": ["kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey"],
    "Resource": "*",
}


def resources(stack: cdk.Stack, resource_type: str) -> list[dict[str, Any]]:
    """The Properties of every resource of this type in the stack."""
    return [r["Properties"] for r in Template.from_stack(stack).find_resources(resource_type).values()]


def key_statements(stack: cdk.Stack) -> list[dict[str, Any]]:
    """The statements of the policy of the stack's one KMS key."""
    (key,) = resources(stack, "AWS::KMS::Key")
    statements: list[dict[str, Any]] = key["KeyPolicy"]["Statement"]
    return statements


def getatt(stack: cdk.Stack, construct: Any, attribute: str) -> dict[str, Any]:
    return {"Fn::GetAtt": [stack.get_logical_id(construct.node.default_child), attribute]}


def with_knowledge_base(**props: Any) -> tuple[cdk.Stack, kms.Key, DataIntegration, KnowledgeBase]:
    """A stack with a key, a DataIntegration encrypted by it, and a knowledge base it feeds."""
    stack = new_stack()
    key = with_key(stack)
    di = data_integration(stack, kms_key=key)
    return stack, key, di, KnowledgeBase(stack, "KnowledgeBase", data_integration=di, **props)


def test_an_external_knowledge_base_fed_by_the_data_integration_and_encrypted_by_its_key() -> None:
    stack, key, di, _ = with_knowledge_base(
        knowledge_base_name="articles", description="Knowledge articles", object_fields=["Id", "Title"]
    )
    assert resources(stack, "AWS::Wisdom::KnowledgeBase") == [
        {
            "Name": "articles",
            "Description": "Knowledge articles",
            "KnowledgeBaseType": "EXTERNAL",
            "SourceConfiguration": {
                "AppIntegrations": {"AppIntegrationArn": getatt(stack, di, "Arn"), "ObjectFields": ["Id", "Title"]}
            },
            "ServerSideEncryptionConfiguration": {"KmsKeyId": getatt(stack, key, "Arn")},
        }
    ]
    for absent in (
        "AWS::Wisdom::Assistant",
        "AWS::Wisdom::AssistantAssociation",
        "AWS::Connect::IntegrationAssociation",
    ):
        assert resources(stack, absent) == []
    assert CONNECT_STATEMENT not in key_statements(stack)


def test_the_name_is_generated_when_not_given() -> None:
    stack, *_ = with_knowledge_base()
    ((props),) = resources(stack, "AWS::Wisdom::KnowledgeBase")
    assert knowledge_base_rules.text_problems("knowledge_base_name", props["Name"]) == []
    assert "KnowledgeBase" in props["Name"]
    assert "ObjectFields" not in props["SourceConfiguration"]["AppIntegrations"]


def test_an_assistant_is_an_agent_encrypted_by_the_same_key_and_associated_with_the_knowledge_base() -> None:
    stack, key, _, kb = with_knowledge_base(knowledge_base_name="articles", assistant=AssistantOptions())
    (assistant,) = resources(stack, "AWS::Wisdom::Assistant")
    assert assistant == {
        "Name": "articles",
        "Type": "AGENT",
        "ServerSideEncryptionConfiguration": {"KmsKeyId": getatt(stack, key, "Arn")},
    }
    (association,) = resources(stack, "AWS::Wisdom::AssistantAssociation")
    assert association == {
        "AssistantId": stack.resolve(kb.assistant_id),
        "AssociationType": "KNOWLEDGE_BASE",
        "Association": {"KnowledgeBaseId": getatt(stack, kb, "KnowledgeBaseId")},
    }


def test_amazon_connect_may_use_the_assistant_key_with_no_other_principal_or_condition() -> None:
    stack, *_ = with_knowledge_base(assistant=AssistantOptions(assistant_name="agents", description="For agents"))
    statements = key_statements(stack)
    assert CONNECT_STATEMENT in statements
    services = [s["Principal"]["Service"] for s in statements if "Service" in s["Principal"]]
    assert services == ["connect.amazonaws.com"]
    (assistant,) = resources(stack, "AWS::Wisdom::Assistant")
    assert (assistant["Name"], assistant["Description"]) == ("agents", "For agents")


def test_an_assistant_with_its_own_key_adds_the_statement_to_that_key_only() -> None:
    stack = new_stack()
    key = with_key(stack)
    assistant_key = kms.Key(stack, "AssistantKey", enable_key_rotation=True)
    di = data_integration(stack, kms_key=key)
    KnowledgeBase(stack, "KnowledgeBase", data_integration=di, assistant=AssistantOptions(kms_key=assistant_key))
    (assistant,) = resources(stack, "AWS::Wisdom::Assistant")
    assert assistant["ServerSideEncryptionConfiguration"] == {"KmsKeyId": getatt(stack, assistant_key, "Arn")}
    policies = {
        logical_id: r["Properties"]["KeyPolicy"]["Statement"]
        for logical_id, r in Template.from_stack(stack).find_resources("AWS::KMS::Key").items()
    }
    assert CONNECT_STATEMENT in policies[stack.get_logical_id(assistant_key.node.default_child)]  # type: ignore[arg-type]
    assert CONNECT_STATEMENT not in policies[stack.get_logical_id(key.node.default_child)]  # type: ignore[arg-type]


def test_two_assistants_on_one_key_add_one_statement() -> None:
    stack = new_stack()
    key = with_key(stack)
    for name in ("One", "Two"):
        di = data_integration(stack, name, kms_key=key)
        KnowledgeBase(stack, f"{name}KnowledgeBase", data_integration=di, assistant=AssistantOptions())
    assert key_statements(stack).count(CONNECT_STATEMENT) == 1


@pytest.mark.parametrize("imported", [True, False], ids=["kms.Key.from_key_arn", "key ARN"])
def test_a_key_this_app_does_not_own_gets_a_warning_naming_the_statement(imported: bool) -> None:
    stack = new_stack()
    key = kms.Key.from_key_arn(stack, "Imported", KEY_ARN) if imported else KEY_ARN
    di = data_integration(stack, kms_key=key)
    KnowledgeBase(stack, "KnowledgeBase", data_integration=di, assistant=AssistantOptions())
    (warning,) = Annotations.from_stack(stack).find_warning("*", Match.string_like_regexp("assistant: its key"))
    assert "connect.amazonaws.com kms:Decrypt, kms:GenerateDataKey*, kms:DescribeKey" in warning.entry.data
    (assistant,) = resources(stack, "AWS::Wisdom::Assistant")
    assert assistant["ServerSideEncryptionConfiguration"] == {"KmsKeyId": KEY_ARN}


def test_an_app_key_gets_no_warning() -> None:
    stack, *_ = with_knowledge_base(assistant=AssistantOptions())
    assert Annotations.from_stack(stack).find_warning("*", Match.any_value()) == []


@pytest.mark.parametrize("assistant", [True, False])
def test_integration_associations_attach_the_knowledge_base_and_the_assistant_to_the_instance(assistant: bool) -> None:
    stack, _, _, kb = with_knowledge_base(
        assistant=AssistantOptions() if assistant else None, connect_instance_arn=INSTANCE_ARN
    )
    expected = [
        {
            "InstanceId": INSTANCE_ARN,
            "IntegrationType": "WISDOM_KNOWLEDGE_BASE",
            "IntegrationArn": getatt(stack, kb, "KnowledgeBaseArn"),
        }
    ]
    if assistant:
        expected.append(
            {
                "InstanceId": INSTANCE_ARN,
                "IntegrationType": "WISDOM_ASSISTANT",
                "IntegrationArn": stack.resolve(kb.assistant_arn),
            }
        )
    assert resources(stack, "AWS::Connect::IntegrationAssociation") == expected


def test_attributes_are_getatts_and_none_without_an_assistant() -> None:
    stack, _, _, kb = with_knowledge_base()
    assert stack.resolve(kb.knowledge_base_arn) == getatt(stack, kb, "KnowledgeBaseArn")
    assert stack.resolve(kb.knowledge_base_id) == getatt(stack, kb, "KnowledgeBaseId")
    assert stack.resolve(kb.knowledge_base_ref.knowledge_base_id) == getatt(stack, kb, "KnowledgeBaseId")
    assert (kb.assistant_arn, kb.assistant_id) == (None, None)


def test_a_data_integration_of_another_stack_is_imported_with_its_key_and_the_statement_lands_on_the_key() -> None:
    app = cdk.App()
    producer = cdk.Stack(app, "Producer")
    key = with_key(producer)
    di = data_integration(producer, kms_key=key)
    consumer = cdk.Stack(app, "Consumer")
    KnowledgeBase(consumer, "KnowledgeBase", data_integration=di, assistant=AssistantOptions())
    exports = {
        o["Export"]["Name"]: o["Value"]
        for o in Template.from_stack(producer).find_outputs("*", {"Export": {}}).values()
    }
    (kb,) = resources(consumer, "AWS::Wisdom::KnowledgeBase")
    source_import = kb["SourceConfiguration"]["AppIntegrations"]["AppIntegrationArn"]["Fn::ImportValue"]
    key_import = kb["ServerSideEncryptionConfiguration"]["KmsKeyId"]["Fn::ImportValue"]
    assert exports == {source_import: getatt(producer, di, "Arn"), key_import: getatt(producer, key, "Arn")}
    assert CONNECT_STATEMENT in key_statements(producer)


def test_an_imported_data_integration_needs_a_key() -> None:
    stack = new_stack()
    imported = DataIntegration.from_data_integration_arn(stack, "Imported", DI_ARN)
    with pytest.raises(ValueError, match="KnowledgeBase TestStack/KnowledgeBase: kms_key: needed for a DataIntegr"):
        KnowledgeBase(stack, "KnowledgeBase", data_integration=imported)
    KnowledgeBase(stack, "WithKey", data_integration=imported, kms_key=KEY_ARN)
    (kb,) = resources(stack, "AWS::Wisdom::KnowledgeBase")
    assert kb["SourceConfiguration"]["AppIntegrations"]["AppIntegrationArn"] == DI_ARN
    assert kb["ServerSideEncryptionConfiguration"] == {"KmsKeyId": KEY_ARN}


def test_a_second_knowledge_base_on_one_data_integration_is_refused() -> None:
    stack, _, di, _ = with_knowledge_base()
    with pytest.raises(ValueError, match="data_integration: it feeds knowledge base TestStack/KnowledgeBase already"):
        KnowledgeBase(stack, "Second", data_integration=di)


def test_a_second_knowledge_base_in_another_stack_is_refused_too() -> None:
    app = cdk.App()
    di = data_integration(cdk.Stack(app, "Producer"))
    KnowledgeBase(cdk.Stack(app, "First"), "KnowledgeBase", data_integration=di)
    with pytest.raises(ValueError, match="KnowledgeBase Second/KnowledgeBase: data_integration: it feeds knowledge b"):
        KnowledgeBase(cdk.Stack(app, "Second"), "KnowledgeBase", data_integration=di)


def test_one_arn_imported_twice_is_one_data_integration() -> None:
    app = cdk.App()
    first, second = (
        DataIntegration.from_data_integration_arn(cdk.Stack(app, name), "Imported", DI_ARN)
        for name in ("First", "Second")
    )
    KnowledgeBase(cdk.Stack.of(first), "KnowledgeBase", data_integration=first, kms_key=KEY_ARN)
    with pytest.raises(ValueError, match="data_integration: it feeds knowledge base First/KnowledgeBase already"):
        KnowledgeBase(cdk.Stack.of(second), "KnowledgeBase", data_integration=second, kms_key=KEY_ARN)


def test_data_integrations_of_one_id_in_two_stacks_feed_two_knowledge_bases() -> None:
    app = cdk.App()
    stacks = [cdk.Stack(app, name) for name in ("One", "Two")]
    for stack in stacks:
        KnowledgeBase(stack, "KnowledgeBase", data_integration=data_integration(stack, "Articles"))
    assert [len(resources(stack, "AWS::Wisdom::KnowledgeBase")) for stack in stacks] == [1, 1]


def test_two_data_integrations_feed_two_knowledge_bases() -> None:
    stack = new_stack()
    for name in ("One", "Two"):
        KnowledgeBase(stack, f"{name}KnowledgeBase", data_integration=data_integration(stack, name))
    assert len(resources(stack, "AWS::Wisdom::KnowledgeBase")) == 2


BAD_TEXTS = {"empty": "", "too long": "a" * 256, "bad first character": "!articles"}


@pytest.mark.parametrize("value", BAD_TEXTS.values(), ids=BAD_TEXTS.keys())
@pytest.mark.parametrize(
    ("prop", "props"),
    [
        ("knowledge_base_name", lambda v: {"knowledge_base_name": v}),
        ("description", lambda v: {"description": v}),
        ("assistant.assistant_name", lambda v: {"assistant": AssistantOptions(assistant_name=v)}),
        ("assistant.description", lambda v: {"assistant": AssistantOptions(description=v)}),
    ],
)
def test_names_and_descriptions_cloudformation_refuses_are_refused(prop: str, props: Any, value: str) -> None:
    with pytest.raises(ValueError, match=rf"KnowledgeBase TestStack/KnowledgeBase: {prop}: must "):
        with_knowledge_base(**props(value))


@pytest.mark.parametrize("value", ["a" * 255, "Knowledge articles, v2", "7 articles!"])
def test_names_cloudformation_accepts_are_accepted(value: str) -> None:
    stack, *_ = with_knowledge_base(knowledge_base_name=value, assistant=AssistantOptions(assistant_name=value))
    assert resources(stack, "AWS::Wisdom::Assistant")[0]["Name"] == value


def test_a_token_name_is_left_to_deploy_time() -> None:
    stack = new_stack()
    name = cdk.CfnParameter(stack, "Name").value_as_string
    KnowledgeBase(stack, "KnowledgeBase", data_integration=data_integration(stack), knowledge_base_name=name)
    assert resources(stack, "AWS::Wisdom::KnowledgeBase")[0]["Name"] == {"Ref": "Name"}


@pytest.mark.parametrize(
    ("props", "message"),
    [
        ({"object_fields": []}, "object_fields: must be 1 to 100 fields, got 0"),
        ({"object_fields": [f"f{i}" for i in range(101)]}, "object_fields: must be 1 to 100 fields, got 101"),
        ({"object_fields": ["Id", ""]}, r"object_fields\[1\]: must be 1 to 4096 characters, got 0"),
        ({"connect_instance_arn": "arn:aws:connect:us-east-1:123456789012:queue/q"}, "connect_instance_arn: must be"),
        ({"connect_instance_arn": INSTANCE_ARN + "a" * 40}, "connect_instance_arn: must be an instance ARN of at"),
    ],
)
def test_object_fields_and_instance_arns_cloudformation_refuses_are_refused(props: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        with_knowledge_base(**props)


@pytest.mark.parametrize("resource_type", ["AWS::Wisdom::KnowledgeBase", "AWS::Wisdom::Assistant"])
@pytest.mark.parametrize("prop", ["Name", "Description"])
def test_the_name_rules_are_those_of_the_registry_schema(resource_type: str, prop: str) -> None:
    rule = registry_schema(resource_type)["properties"][prop]
    mirrored = (knowledge_base_rules.TEXT_MIN, knowledge_base_rules.TEXT_MAX, knowledge_base_rules.TEXT_PATTERN)
    assert (rule["minLength"], rule["maxLength"], rule["pattern"]) == mirrored


def test_the_object_field_and_instance_rules_are_those_of_the_registry_schemas() -> None:
    fields = registry_schema("AWS::Wisdom::KnowledgeBase")["definitions"]["AppIntegrationsConfiguration"]
    fields = fields["properties"]["ObjectFields"]
    assert (fields["minItems"], fields["maxItems"], fields["items"]["maxLength"]) == (
        knowledge_base_rules.OBJECT_FIELDS_MIN,
        knowledge_base_rules.OBJECT_FIELDS_MAX,
        knowledge_base_rules.OBJECT_FIELD_MAX,
    )
    instance = registry_schema("AWS::Connect::IntegrationAssociation")["definitions"]["InstanceId"]
    assert (instance["maxLength"], instance["pattern"]) == (
        knowledge_base_rules.INSTANCE_ARN_MAX,
        knowledge_base_rules.INSTANCE_ARN_PATTERN,
    )


SALESFORCE_FIELDS = ["Id", "ArticleNumber", "VersionNumber", "Title", "PublishStatus", "IsDeleted"]


def object_fields_of(stack: cdk.Stack) -> Any:
    (kb,) = resources(stack, "AWS::Wisdom::KnowledgeBase")
    return kb["SourceConfiguration"]["AppIntegrations"].get("ObjectFields")


@pytest.mark.parametrize(
    ("object_configuration", "pulled"),
    [
        ({"Knowledge__kav": {"fields": SALESFORCE_FIELDS}}, SALESFORCE_FIELDS),
        (
            {"A": {"fields": ["Id", "Title"]}, "B": {"fields": ["Title", "Body"], "more": ["Id"]}},
            ["Id", "Title", "Body"],
        ),
        (None, None),
    ],
    ids=["one object", "fields of every object once", "no object configuration"],
)
def test_object_fields_are_not_rendered_by_default_the_service_takes_the_data_integrations(
    object_configuration: Any, pulled: list[str] | None
) -> None:
    """SourceConfiguration is create-only: a default rendered now would replace what was deployed without one."""
    stack = new_stack()
    di = data_integration(stack, object_configuration=object_configuration)
    KnowledgeBase(stack, "KnowledgeBase", data_integration=di)
    assert object_fields_of(stack) is None
    assert di.object_fields == (None if pulled is None else tuple(pulled))


def test_object_fields_of_a_token_are_not_rendered_and_given_ones_are() -> None:
    stack = new_stack()
    fields = cdk.CfnParameter(stack, "Fields", type="CommaDelimitedList").value_as_list
    di = data_integration(stack, object_configuration={"Knowledge__kav": {"fields": fields}})
    assert di.object_fields is None
    KnowledgeBase(stack, "KnowledgeBase", data_integration=di)
    assert object_fields_of(stack) is None
    other = new_stack()
    di = data_integration(other, object_configuration={"Knowledge__kav": {"fields": SALESFORCE_FIELDS}})
    KnowledgeBase(other, "KnowledgeBase", data_integration=di, object_fields=["Id", "Title"])
    assert object_fields_of(other) == ["Id", "Title"]
    assert Annotations.from_stack(other).find_warning("*", Match.any_value()) == []


def test_a_knowledge_base_on_imported_attributes_takes_their_key() -> None:
    stack = new_stack()
    imported = DataIntegration.from_data_integration_attributes(
        stack, "Imported", data_integration_arn=DI_ARN, kms_key=KEY_ARN, data_integration_name="articles"
    )
    KnowledgeBase(stack, "KnowledgeBase", data_integration=imported)
    (kb,) = resources(stack, "AWS::Wisdom::KnowledgeBase")
    assert kb["ServerSideEncryptionConfiguration"] == {"KmsKeyId": KEY_ARN}
    assert kb["SourceConfiguration"]["AppIntegrations"] == {"AppIntegrationArn": DI_ARN}


@pytest.mark.parametrize(
    ("account", "region", "warned"),
    [("123456789012", "us-east-1", False), ("210987654321", "us-east-1", True), (None, None, False)],
    ids=["same", "another account", "an environment-agnostic stack"],
)
def test_a_data_integration_of_another_literal_environment_is_warned_of(
    account: str | None, region: str | None, warned: bool
) -> None:
    env = cdk.Environment(account=account, region=region) if account else None
    stack = cdk.Stack(cdk.App(), "TestStack", env=env)
    imported = DataIntegration.from_data_integration_arn(stack, "Imported", DI_ARN)
    KnowledgeBase(stack, "KnowledgeBase", data_integration=imported, kms_key=KEY_ARN)
    warnings = Annotations.from_stack(stack).find_warning("*", Match.string_like_regexp("data_integration: it is in"))
    assert len(warnings) == int(warned)


def test_data_integration_stacks_of_two_regions_are_told_apart() -> None:
    """Read from the construct: the cross-region reference itself fails at synth, as aws-cdk-lib refuses it."""
    app = cdk.App()
    producer = cdk.Stack(app, "Producer", env=cdk.Environment(account="123456789012", region="eu-west-1"))
    consumer = cdk.Stack(app, "TestStack", env=cdk.Environment(account="123456789012", region="us-east-1"))
    di = data_integration(producer, kms_key=with_key(producer))
    kb = KnowledgeBase(consumer, "KnowledgeBase", data_integration=di, kms_key=KEY_ARN)
    (warning,) = [entry.data for entry in kb.node.metadata if entry.type == "aws:cdk:warning"]
    assert warning.startswith("data_integration: it is in account 123456789012, region eu-west-1, the knowledge")


def test_removal_policy_reaches_the_knowledge_base_and_the_assistant() -> None:
    stack, *_ = with_knowledge_base(removal_policy=cdk.RemovalPolicy.RETAIN, assistant=AssistantOptions())
    template = Template.from_stack(stack)
    for resource_type in ("AWS::Wisdom::KnowledgeBase", "AWS::Wisdom::Assistant"):
        template.has_resource(resource_type, {"DeletionPolicy": "Retain", "UpdateReplacePolicy": "Retain"})
    (association,) = template.find_resources("AWS::Wisdom::AssistantAssociation").values()
    assert "DeletionPolicy" not in association


def test_without_removal_policy_cloudformations_default_is_left_unsaid() -> None:
    stack, *_ = with_knowledge_base(assistant=AssistantOptions())
    for resource in Template.from_stack(stack).find_resources("AWS::Wisdom::KnowledgeBase").values():
        assert "DeletionPolicy" not in resource


def test_tags_reach_the_knowledge_base_the_assistant_and_the_associations() -> None:
    stack, *_ = with_knowledge_base(
        tags={"team": "cx"}, assistant=AssistantOptions(), connect_instance_arn=INSTANCE_ARN
    )
    for resource_type in ("AWS::Wisdom::KnowledgeBase", "AWS::Wisdom::Assistant", "AWS::Wisdom::AssistantAssociation"):
        assert [r["Tags"] for r in resources(stack, resource_type)] == [[{"Key": "team", "Value": "cx"}]]
    assert all(
        {"Key": "team", "Value": "cx"} in r["Tags"] for r in resources(stack, "AWS::Connect::IntegrationAssociation")
    )


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        ({"aws:team": "cx"}, r"tags['aws:team']: key must be 1 to 128 characters matching ^(?!aws:)[a-zA-Z+-=._:/]+$"),
        ({"k" * 129: "cx"}, "key must be 1 to 128 characters"),
        ({"team": ""}, "tags['team']: value must be 1 to 256 characters, got 0"),
        ({"team": "v" * 257}, "tags['team']: value must be 1 to 256 characters, got 257"),
    ],
)
def test_tags_cloudformation_refuses_are_refused(tags: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError) as raised:
        with_knowledge_base(tags=tags)
    assert message in str(raised.value)


def test_the_tag_rules_are_those_of_the_registry_schemas() -> None:
    for resource_type in ("AWS::Wisdom::KnowledgeBase", "AWS::Wisdom::Assistant"):
        tag = registry_schema(resource_type)["definitions"]["Tag"]["properties"]
        assert (tag["Key"]["maxLength"], tag["Key"]["pattern"], tag["Value"]["maxLength"]) == (
            knowledge_base_rules.TAG_KEY_MAX,
            knowledge_base_rules.TAG_KEY_PATTERN,
            knowledge_base_rules.TAG_VALUE_MAX,
        )


KB_ID = "3a4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d"
KB_ARN = f"arn:aws:wisdom:us-east-1:123456789012:knowledge-base/{KB_ID}"


def test_from_knowledge_base_arn_gives_the_arn_and_its_id() -> None:
    stack = new_stack()
    imported = KnowledgeBase.from_knowledge_base_arn(stack, "Imported", KB_ARN)
    assert isinstance(imported, IKnowledgeBase)
    assert (imported.knowledge_base_arn, stack.resolve(imported.knowledge_base_id)) == (KB_ARN, KB_ID)
    assert stack.resolve(imported.knowledge_base_ref.knowledge_base_id) == KB_ID
    assert wisdom.CfnKnowledgeBase.arn_for_knowledge_base(imported) == KB_ARN


def test_from_knowledge_base_attributes_takes_the_id_given_and_splits_a_token() -> None:
    stack = new_stack()
    by_attributes = KnowledgeBase.from_knowledge_base_attributes(
        stack, "Imported", knowledge_base_arn=KB_ARN, knowledge_base_id="given"
    )
    assert by_attributes.knowledge_base_id == "given"
    token = cdk.CfnParameter(stack, "Arn").value_as_string
    by_token = KnowledgeBase.from_knowledge_base_arn(stack, "FromToken", token)
    assert stack.resolve(by_token.knowledge_base_id) == {
        "Fn::Select": [1, {"Fn::Split": ["/", {"Fn::Select": [5, {"Fn::Split": [":", {"Ref": "Arn"}]}]}]}]
    }


def test_from_knowledge_base_arn_refuses_another_kind_of_arn() -> None:
    with pytest.raises(ValueError) as raised:
        KnowledgeBase.from_knowledge_base_arn(new_stack(), "Imported", DI_ARN)
    assert str(raised.value) == f"knowledge_base_arn: must be an Amazon Q in Connect knowledge-base ARN, got {DI_ARN!r}"


def test_a_knowledge_base_made_here_is_an_iknowledgebase() -> None:
    *_, kb = with_knowledge_base()
    assert isinstance(kb, IKnowledgeBase)


def test_the_knowledge_base_arn_rule_is_the_registry_schemas() -> None:
    schema = registry_schema("AWS::Wisdom::KnowledgeBase")["properties"]["KnowledgeBaseArn"]
    assert schema["pattern"] == KNOWLEDGE_BASE_ARN_PATTERN


def binding_of(stack: cdk.Stack) -> Any:
    """The KnowledgeBase property of the stack's one DataIntegration, or None."""
    (props,) = resources(stack, RESOURCE_TYPE)
    return props.get("KnowledgeBase")


def bound_app(
    *,
    cross_stack: bool = False,
    stack_tag: str | None = None,
    other_key: bool = False,
    di_props: dict[str, Any] | None = None,
    **props: Any,
) -> tuple[cdk.Stack, cdk.Stack]:
    """A DataIntegration and the KnowledgeBase that reads it, in one stack or two: (DI's stack, KB's stack)."""
    app = cdk.App()
    producer = cdk.Stack(app, "Producer")
    consumer = cdk.Stack(app, "Consumer") if cross_stack else producer
    key = with_key(producer)
    di = data_integration(producer, kms_key=key, **(di_props or {}))
    if other_key:
        props["kms_key"] = kms.Key(producer, "KnowledgeBaseKey", enable_key_rotation=True)
    KnowledgeBase(consumer, "KnowledgeBase", data_integration=di, **props)
    if stack_tag is not None:
        cdk.Tags.of(consumer).add("stage", stack_tag)
    return producer, consumer


@pytest.mark.parametrize("cross_stack", [False, True], ids=["one stack", "two stacks"])
def test_the_binding_is_a_digest_of_the_knowledge_bases_create_only_values_as_its_template_renders_them(
    cross_stack: bool,
) -> None:
    producer, consumer = bound_app(cross_stack=cross_stack, object_fields=["Id"], stack_tag="prod")
    (kb,) = resources(consumer, "AWS::Wisdom::KnowledgeBase")
    values = {name: kb.get(name) for name in knowledge_base.CREATE_ONLY}
    assert values["Tags"] == [{"Key": "stage", "Value": "prod"}]
    digest = hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:16]
    assert binding_of(producer) == digest
    assert "Fn::ImportValue" not in json.dumps(Template.from_stack(producer).to_json())


def test_the_binding_is_the_same_on_every_synth_and_absent_without_a_knowledge_base() -> None:
    assert binding_of(bound_app()[0]) == binding_of(bound_app()[0])
    assert binding_of(bound_app(cross_stack=True)[0]) == binding_of(bound_app(cross_stack=True)[0])
    stack = new_stack()
    data_integration(stack)
    assert binding_of(stack) is None


CHANGES: dict[str, dict[str, Any]] = {
    "object_fields": {"object_fields": ["Id", "Title"]},
    "knowledge_base_name": {"knowledge_base_name": "articles"},
    "description": {"description": "Articles"},
    "key": {"other_key": True},
    "Tags.of the stack": {"stack_tag": "prod"},
}


@pytest.mark.parametrize("cross_stack", [False, True], ids=["one stack", "two stacks"])
@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_what_replaces_the_knowledge_base_changes_the_binding(cross_stack: bool, change: dict[str, Any]) -> None:
    base = binding_of(bound_app(cross_stack=cross_stack, object_fields=["Id"])[0])
    changed = binding_of(bound_app(cross_stack=cross_stack, **{"object_fields": ["Id"], **change})[0])
    assert changed != base


def test_what_leaves_the_knowledge_base_keeps_the_binding() -> None:
    base = binding_of(bound_app(cross_stack=True)[0])
    assert binding_of(bound_app(cross_stack=True, di_props={"description": "new", "tags": {"a": "b"}})[0]) == base
    assert binding_of(bound_app(cross_stack=True, assistant=AssistantOptions(assistant_name="agents"))[0]) == base
    producer, _ = bound_app(cross_stack=True)
    cdk.Tags.of(producer).add("stage", "prod")  # the DataIntegration's stack, not the knowledge base's
    assert binding_of(producer) == base


def test_the_registry_schemas_create_only_properties_are_the_bindings() -> None:
    assert create_only("AWS::Wisdom::KnowledgeBase") == set(knowledge_base.CREATE_ONLY)


@pytest.mark.parametrize(
    ("literal", "added", "refused"), [(198, 0, False), (199, 0, True), (198, 1, True), (199, 1, False)]
)
def test_a_data_integration_a_knowledge_base_reads_has_198_user_tags(literal: int, added: int, refused: bool) -> None:
    """Refused once: beyond 199, the rule of every DataIntegration alone says so (the next test)."""
    stack = new_stack()
    di = data_integration(stack, tags={f"k{i}": "v" for i in range(literal)})
    KnowledgeBase(stack, "KnowledgeBase", data_integration=di)
    if added:
        cdk.Tags.of(di).add("added", "v")
    if literal + added <= 198:
        Template.from_stack(stack)
        return
    with pytest.raises(Exception, match=r"tags: must have at most 19[89] entries") as raised:
        Template.from_stack(stack)
    assert ("when a KnowledgeBase reads" in str(raised.value)) is refused
    assert str(raised.value).count("tags: must have at most") == 1


def test_a_data_integration_no_knowledge_base_reads_has_199_user_tags() -> None:
    stack = new_stack()
    data_integration(stack, tags={f"k{i}": "v" for i in range(199)})
    assert len(resources(stack, RESOURCE_TYPE)[0]["Tags"]) == 199
