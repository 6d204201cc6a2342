"""DataIntegrations made elsewhere: by ARN, by Id, across stacks, and as a knowledge base's source."""

import aws_cdk as cdk
import pytest
from aws_cdk import aws_appintegrations as appintegrations
from aws_cdk import aws_kms as kms
from aws_cdk.assertions import Template
from constants import KEY_ARN
from stacks import data_integration, new_stack

from cdk_appintegrations import DataIntegration, IDataIntegration
from cdk_appintegrations.reference import _ImportedDataIntegration

DI_ID = "0f6a6c9e-2d4b-4c1a-9f3e-8b7a6c5d4e3f"
DI_ARN = f"arn:aws:app-integrations:us-east-1:123456789012:data-integration/{DI_ID}"


def test_from_arn_gives_the_arn_and_its_id() -> None:
    stack = new_stack()
    imported = DataIntegration.from_data_integration_arn(stack, "Imported", DI_ARN)
    assert isinstance(imported, IDataIntegration)
    assert imported.data_integration_arn == DI_ARN
    assert stack.resolve(imported.data_integration_id) == DI_ID


def test_from_arn_of_a_token_splits_the_id_at_deploy() -> None:
    stack = new_stack()
    arn = cdk.CfnParameter(stack, "Arn").value_as_string
    imported = DataIntegration.from_data_integration_arn(stack, "Imported", arn)
    assert stack.resolve(imported.data_integration_id) == {
        "Fn::Select": [1, {"Fn::Split": ["/", {"Fn::Select": [5, {"Fn::Split": [":", {"Ref": "Arn"}]}]}]}]
    }


def test_from_arn_refuses_another_kind_of_arn() -> None:
    with pytest.raises(ValueError, match="data_integration_arn: must be an AppIntegrations data-integration ARN"):
        DataIntegration.from_data_integration_arn(new_stack(), "Imported", "arn:aws:s3:::bucket")


def test_from_id_builds_the_arn_in_the_stack_environment() -> None:
    stack = cdk.Stack(cdk.App(), "Env", env=cdk.Environment(account="123456789012", region="eu-west-2"))
    imported = DataIntegration.from_data_integration_id(stack, "Imported", DI_ID)
    arn_tail = f":app-integrations:eu-west-2:123456789012:data-integration/{DI_ID}"
    assert stack.resolve(imported.data_integration_arn) == {
        "Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, arn_tail]]
    }
    assert imported.data_integration_ref.data_integration_id == DI_ID


def test_an_imported_one_works_where_cdk_takes_an_idataintegrationref() -> None:
    stack = new_stack()
    imported = DataIntegration.from_data_integration_arn(stack, "Imported", DI_ARN)
    assert appintegrations.CfnDataIntegration.arn_for_data_integration(imported) == DI_ARN


def test_one_made_here_is_an_idataintegration_too_and_works_as_an_idataintegrationref() -> None:
    stack = new_stack()
    di = data_integration(stack)
    assert isinstance(di, IDataIntegration)
    logical_id = stack.get_logical_id(di.node.default_child)  # type: ignore[arg-type]
    arn = appintegrations.CfnDataIntegration.arn_for_data_integration(di)
    assert stack.resolve(arn) == {"Fn::GetAtt": [logical_id, "Arn"]}


@pytest.mark.parametrize("fields", [["Id", "Title"], None])
def test_knowledge_base_source_points_at_the_arn(fields: list[str] | None) -> None:
    stack = new_stack()
    di = data_integration(stack)
    source = stack.resolve(di.knowledge_base_source(object_fields=fields))
    logical_id = stack.get_logical_id(di.node.default_child)  # type: ignore[arg-type]
    expected = {"appIntegrationArn": {"Fn::GetAtt": [logical_id, "Arn"]}}
    assert source == {"appIntegrations": {**expected, **({"objectFields": fields} if fields else {})}}
    imported = DataIntegration.from_data_integration_arn(stack, "Imported", DI_ARN)
    assert stack.resolve(imported.knowledge_base_source(fields)) == {
        "appIntegrations": {"appIntegrationArn": DI_ARN, **({"objectFields": fields} if fields else {})}
    }


def test_a_consumer_stack_imports_the_arn_the_producer_exports() -> None:
    app = cdk.App()
    producer = cdk.Stack(app, "Producer")
    di = data_integration(producer)
    consumer = cdk.Stack(app, "Consumer")
    cdk.CfnOutput(consumer, "Used", value=di.data_integration_arn)
    exports = Template.from_stack(producer).find_outputs("*", {"Export": {}})
    ((_, export),) = exports.items()
    used = Template.from_stack(consumer).to_json()["Outputs"]["Used"]["Value"]
    assert used == {"Fn::ImportValue": export["Export"]["Name"]}


def test_from_attributes_gives_the_arn_its_id_the_key_and_the_name() -> None:
    stack = new_stack()
    key = kms.Key.from_key_arn(stack, "Key", KEY_ARN)
    imported = DataIntegration.from_data_integration_attributes(
        stack, "Imported", data_integration_arn=DI_ARN, kms_key=key, data_integration_name="articles"
    )
    assert isinstance(imported, _ImportedDataIntegration)
    assert (imported.data_integration_arn, stack.resolve(imported.data_integration_id)) == (DI_ARN, DI_ID)
    assert (imported.kms_key, imported.data_integration_name) == (key, "articles")


def test_from_attributes_refuses_what_from_arn_refuses() -> None:
    with pytest.raises(ValueError, match="data_integration_arn: must be an AppIntegrations data-integration ARN"):
        DataIntegration.from_data_integration_attributes(new_stack(), "Imported", data_integration_arn="arn:aws:s3:::b")


def test_by_arn_or_id_the_key_and_name_are_unknown() -> None:
    stack = new_stack()
    for imported in (
        DataIntegration.from_data_integration_arn(stack, "ByArn", DI_ARN),
        DataIntegration.from_data_integration_id(stack, "ById", DI_ID),
    ):
        assert isinstance(imported, _ImportedDataIntegration)
        assert (imported.kms_key, imported.data_integration_name) == (None, None)
