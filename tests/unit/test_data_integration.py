"""The DataIntegration construct, as its synthesized template shows it."""

import aws_cdk as cdk
import pytest
from aws_cdk import aws_appintegrations as appintegrations
from aws_cdk.assertions import Template
from constants import SOURCE_URI
from constructs import Construct
from stacks import data_integration, granted_actions, new_stack, properties_of, statements, with_key

from cdk_appintegrations import FileConfiguration, ScheduleConfig
from cdk_appintegrations_handler.contract import RESOURCE_TYPE


def test_every_property_renders_under_its_api_name() -> None:
    stack = new_stack()
    key = with_key(stack)
    data_integration(
        stack,
        kms_key=key,
        data_integration_name="articles",
        description="Knowledge articles",
        schedule_config=ScheduleConfig(
            schedule_expression="rate(1 hour)", object="Knowledge__kav", first_execution_from="1700000000000"
        ),
        file_configuration=FileConfiguration(folders=["/sites/kb"], filters={"ext": ["pdf"]}),
        object_configuration={"Knowledge__kav": {"fields": ["Id", "Title"]}},
        tags={"team": "cx"},
        client_token="token-1",
    )
    (props,) = properties_of(stack)
    assert props == {
        "ServiceToken": stack.resolve(
            stack.node.find_child("AppIntegrationsDataIntegrationProvider").node.find_child("Handler").function_arn
        ),  # type: ignore[attr-defined]
        "ServiceTimeout": "300",
        "Name": "articles",
        "Description": "Knowledge articles",
        "KmsKey": stack.resolve(key.key_arn),
        "SourceURI": SOURCE_URI,
        "ScheduleConfig": {
            "ScheduleExpression": "rate(1 hour)",
            "Object": "Knowledge__kav",
            "FirstExecutionFrom": "1700000000000",
        },
        "FileConfiguration": {"Folders": ["/sites/kb"], "Filters": {"ext": ["pdf"]}},
        "ObjectConfiguration": {"Knowledge__kav": {"fields": ["Id", "Title"]}},
        "Tags": {"team": "cx"},
        "ClientToken": "token-1",
    }


def test_properties_not_set_are_left_out() -> None:
    stack = new_stack()
    data_integration(stack)
    (props,) = properties_of(stack)
    assert set(props) == {"ServiceToken", "ServiceTimeout", "KmsKey", "SourceURI"}


def test_attributes_are_getatts_of_the_custom_resource() -> None:
    stack = new_stack()
    di = data_integration(stack)
    logical_id = stack.get_logical_id(di.node.default_child)  # type: ignore[arg-type]
    assert stack.resolve(di.data_integration_arn) == {"Fn::GetAtt": [logical_id, "Arn"]}
    assert stack.resolve(di.data_integration_id) == {"Fn::GetAtt": [logical_id, "Id"]}
    assert stack.resolve(di.data_integration_name) == {"Fn::GetAtt": [logical_id, "Name"]}
    ref = di.data_integration_ref
    assert stack.resolve(ref.data_integration_arn) == {"Fn::GetAtt": [logical_id, "Arn"]}
    assert stack.resolve(ref.data_integration_id) == {"Fn::GetAtt": [logical_id, "Id"]}


def test_three_data_integrations_share_one_function() -> None:
    stack = new_stack()
    for name in ("A", "B", "C"):
        data_integration(stack, name)
    template = Template.from_stack(stack)
    template.resource_count_is("AWS::Lambda::Function", 1)
    template.resource_count_is(RESOURCE_TYPE, 3)
    template.resource_count_is("AWS::IAM::Role", 1)


def test_policy_has_no_star_action_and_no_managed_policy() -> None:
    stack = new_stack()
    data_integration(stack, "A")
    data_integration(stack, "B", source_uri="s3://my-bucket")
    template = Template.from_stack(stack)
    actions = granted_actions(statements(template))
    assert actions and all("*" not in action for action in actions)
    (role,) = template.find_resources("AWS::IAM::Role").values()
    assert "ManagedPolicyArns" not in role["Properties"]
    assert template.find_resources("AWS::IAM::ManagedPolicy") == {}
    assert template.find_resources("AWS::IAM::Policy") == {}


def test_the_same_grant_is_added_once() -> None:
    stack = new_stack()
    data_integration(stack, "A")
    data_integration(stack, "B")
    template = Template.from_stack(stack)
    assert len(statements(template)) == len({str(s) for s in statements(template)})


def test_tags_of_reaches_the_data_integration() -> None:
    stack = new_stack()
    data_integration(stack, tags={"team": "cx"})
    cdk.Tags.of(stack).add("env", "prod")
    (props,) = properties_of(stack)
    assert props["Tags"] == {"team": "cx", "env": "prod"}


def test_tags_of_reach_data_integrations_with_and_without_tags_of_their_own() -> None:
    stack = new_stack()
    data_integration(stack, "Tagged", tags={"team": "cx"})
    data_integration(stack, "Untagged")
    cdk.Tags.of(stack).add("env", "prod")
    cdk.Tags.of(stack).remove("team", include_resource_types=[RESOURCE_TYPE])
    assert [props["Tags"] for props in properties_of(stack)] == [{"env": "prod"}, {"env": "prod"}]


def test_without_any_tag_no_tags_are_rendered() -> None:
    stack = new_stack()
    data_integration(stack)
    data_integration(stack, "AllRemoved", tags={"team": "cx"})
    cdk.Tags.of(stack).remove("team")
    assert ["Tags" in props for props in properties_of(stack)] == [False, False]


def test_logical_ids_and_the_default_child_stay_as_deployed() -> None:
    """A changed logical id would replace, that is delete, a user's DataIntegration."""
    stack = new_stack()
    articles = data_integration(stack, "Articles", tags={"team": "cx"})
    data_integration(Construct(stack, "Group"), "Nested")
    data_integration(stack, "Plain")
    resources = Template.from_stack(stack).find_resources(RESOURCE_TYPE)
    assert sorted(resources) == ["Articles47CFF050", "GroupNested47AB43E2", "Plain295EB121"]
    child = articles.node.default_child
    assert isinstance(child, cdk.CfnResource) and child.cfn_resource_type == RESOURCE_TYPE
    assert stack.get_logical_id(child) == "Articles47CFF050"


def test_tags_added_by_tags_of_are_validated_at_synth() -> None:
    stack = new_stack()
    data_integration(stack)
    cdk.Tags.of(stack).add("k" * 129, "v")
    with pytest.raises(Exception, match=r"tags\['k+'\]: key must have at most 128 characters"):
        Template.from_stack(stack)


def test_default_removal_policy_is_cloudformations_delete_left_unsaid() -> None:
    stack = new_stack()
    data_integration(stack)
    (resource,) = Template.from_stack(stack).find_resources(RESOURCE_TYPE).values()
    assert "DeletionPolicy" not in resource and "UpdateReplacePolicy" not in resource


@pytest.mark.parametrize(
    ("policy", "expected"), [(cdk.RemovalPolicy.RETAIN, "Retain"), (cdk.RemovalPolicy.DESTROY, "Delete")]
)
def test_removal_policy(policy: cdk.RemovalPolicy, expected: str) -> None:
    stack = new_stack()
    data_integration(stack, removal_policy=policy)
    Template.from_stack(stack).has_resource(
        RESOURCE_TYPE, {"DeletionPolicy": expected, "UpdateReplacePolicy": expected}
    )


def test_removal_policies_of_a_scope_reach_the_custom_resource() -> None:
    stack = new_stack()
    data_integration(stack)
    cdk.RemovalPolicies.of(stack).retain()
    Template.from_stack(stack).has_resource(RESOURCE_TYPE, {"DeletionPolicy": "Retain"})


def test_apply_removal_policy_reaches_the_custom_resource() -> None:
    stack = new_stack()
    data_integration(stack).apply_removal_policy(cdk.RemovalPolicy.RETAIN)
    Template.from_stack(stack).has_resource(RESOURCE_TYPE, {"DeletionPolicy": "Retain"})


def test_service_timeout_is_longer_than_the_handler_timeout() -> None:
    stack = new_stack()
    data_integration(stack)
    template = Template.from_stack(stack)
    (props,) = properties_of(stack)
    (function,) = template.find_resources("AWS::Lambda::Function").values()
    assert int(props["ServiceTimeout"]) > function["Properties"]["Timeout"]
    assert int(props["ServiceTimeout"]) <= 600


def test_token_values_are_not_validated() -> None:
    stack = new_stack()
    profile = cdk.CfnParameter(stack, "Profile").value_as_string
    name = cdk.CfnParameter(stack, "Name").value_as_string
    data_integration(stack, source_uri=f"Salesforce://AppFlow/{profile}", data_integration_name=name)
    Template.from_stack(stack).has_resource_properties(
        RESOURCE_TYPE,
        {"SourceURI": {"Fn::Join": ["", ["Salesforce://AppFlow/", {"Ref": "Profile"}]]}, "Name": {"Ref": "Name"}},
    )


def test_cdk_apis_taking_an_idataintegrationref_accept_it() -> None:
    stack = new_stack()
    di = data_integration(stack)
    logical_id = stack.get_logical_id(di.node.default_child)  # type: ignore[arg-type]
    arn = appintegrations.CfnDataIntegration.arn_for_data_integration(di)
    assert stack.resolve(arn) == {"Fn::GetAtt": [logical_id, "Arn"]}


def test_adopt_existing_renders_the_flag() -> None:
    stack = new_stack()
    data_integration(stack, data_integration_name="articles", adopt_existing=True)
    assert properties_of(stack)[0]["AdoptExisting"] == "true"


def test_without_adopt_existing_there_is_no_flag_but_the_lookups_are_granted() -> None:
    """The handler reads the DataIntegration on every Update and lists it by name on rollbacks."""
    stack = new_stack()
    data_integration(stack, data_integration_name="articles")
    assert "AdoptExisting" not in properties_of(stack)[0]
    granted = granted_actions(statements(Template.from_stack(stack)))
    assert {"app-integrations:GetDataIntegration", "app-integrations:ListDataIntegrations"} <= granted


def test_adopt_existing_needs_a_name() -> None:
    with pytest.raises(ValueError, match="adopt_existing: needs data_integration_name"):
        data_integration(new_stack(), adopt_existing=True)
