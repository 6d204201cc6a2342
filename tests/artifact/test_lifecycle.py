"""The synthesized example's DataIntegration through its whole life, on the deployed artifact.

Its properties come from the template, resolved as CloudFormation would. Each step checks the
exact response and the state of the double.
"""

import re
from typing import Any

from appintegrations_double import AppIntegrationsDouble, arn
from cloudformation import Deployed, resource_properties
from constants import KEY_ARN, OTHER_KEY_ARN, STACK_NAME
from events import api_properties, create_event, delete_event, expected, update_event
from lambda_artifact import Artifact
from lambda_harness import Lambda

from cdk_appintegrations_handler.calls import LIST_PAGE_SIZE
from cdk_appintegrations_handler.contract import KNOWLEDGE_BASE, KNOWLEDGE_BASE_TAG, OWNER_TAG
from cdk_appintegrations_handler.ownership import owner_value

SERVICE_TOKEN = "arn:aws:lambda:us-east-1:123456789012:function:AppIntegrationsExample-Handler"


def deployed(artifact: Artifact, key_arn: str) -> Deployed:
    """The stack's resources as CloudFormation would have them, with the KMS key at key_arn."""
    resources = artifact.template["Resources"]
    (key_id,) = [k for k, r in resources.items() if r["Type"] == "AWS::KMS::Key"]
    (logical_id,) = artifact.data_integrations()
    function_id = artifact.handler_of(logical_id).function_id
    return Deployed(
        refs={key_id: key_arn.rsplit("/", 1)[1]},
        attributes={(key_id, "Arn"): key_arn, (function_id, "Arn"): SERVICE_TOKEN},
    )


def api_request(props: dict[str, Any], name: str, event: dict[str, Any]) -> dict[str, Any]:
    """The CreateDataIntegration request that an event's ResourceProperties mean.

    The example's knowledge base reads the DataIntegration: its binding is a tag, not a request member.
    """
    request = api_properties(props, KNOWLEDGE_BASE)
    tags = {**props["Tags"], KNOWLEDGE_BASE_TAG: props[KNOWLEDGE_BASE], OWNER_TAG: owner_value(event)}
    return {**request, "Name": name, "ClientToken": event["RequestId"], "Tags": tags}


def test_create_update_replace_delete(artifact: Artifact, function: Lambda, double: AppIntegrationsDouble) -> None:
    ((logical_id, resource),) = artifact.data_integrations().items()
    template_props = resource["Properties"]
    props = resource_properties(template_props, deployed(artifact, KEY_ARN))
    assert props["KmsKey"] == KEY_ARN and props["ServiceTimeout"] == "300" and props["ServiceToken"] == SERVICE_TOKEN

    # Create: one call, exactly the request the properties mean.
    create = create_event(props, logical_id=logical_id)
    body = function.invoke(create).response
    ((di_id, record),) = double.state.integrations.items()
    name = record["Name"]
    assert re.fullmatch(rf"{STACK_NAME}-{logical_id}-[0-9a-f]{{12}}", name)
    assert body == expected(create, di_id, {"Arn": arn(di_id), "Id": di_id, "Name": name})
    assert double.state.calls == [("CreateDataIntegration", api_request(props, name, create))]

    # Update the description: in place, after reading what exists.
    described = resource_properties({**template_props, "Description": "Articles, v2"}, deployed(artifact, KEY_ARN))
    update = update_event(di_id, described, props, logical_id=logical_id)
    assert function.invoke(update).response == expected(update, di_id, {"Arn": arn(di_id), "Id": di_id, "Name": name})
    assert double.state.calls[1:] == [
        ("GetDataIntegration", {"Identifier": di_id}),
        ("UpdateDataIntegration", {"Identifier": di_id, "Name": name, "Description": "Articles, v2"}),
    ]
    assert double.state.integrations[di_id]["Description"] == "Articles, v2"

    # Update the tags: in place, exactly the difference.
    tagged = {**described, "Tags": {"team": "cx", "stage": "prod"}}
    update = update_event(di_id, tagged, described, logical_id=logical_id)
    assert function.invoke(update).response == expected(update, di_id, {"Arn": arn(di_id), "Id": di_id, "Name": name})
    assert double.state.calls[3:] == [
        ("GetDataIntegration", {"Identifier": di_id}),
        ("TagResource", {"resourceArn": arn(di_id), "tags": {"stage": "prod"}}),
    ]
    assert double.state.integrations[di_id]["Tags"] == {
        "team": "cx",
        "stage": "prod",
        KNOWLEDGE_BASE_TAG: props[KNOWLEDGE_BASE],
        OWNER_TAG: owner_value(create),
    }

    # A new KMS key: the new name is free, so a replacement under it; then CloudFormation's cleanup Delete.
    rekeyed = resource_properties(
        {**template_props, "Description": "Articles, v2", "Tags": {"team": "cx", "stage": "prod"}},
        deployed(artifact, OTHER_KEY_ARN),
    )
    replace = update_event(di_id, rekeyed, tagged, logical_id=logical_id)
    body = function.invoke(replace).response
    new_id = body["PhysicalResourceId"]
    new_name = double.state.integrations[new_id]["Name"]
    assert new_id != di_id and new_name != name
    assert body == expected(replace, new_id, {"Arn": arn(new_id), "Id": new_id, "Name": new_name})
    assert double.state.calls[5:] == [
        ("GetDataIntegration", {"Identifier": di_id}),
        ("ListDataIntegrations", {"MaxResults": LIST_PAGE_SIZE}),
        ("CreateDataIntegration", api_request(rekeyed, new_name, replace)),
    ]
    assert set(double.state.integrations) == {di_id, new_id}

    cleanup = delete_event(di_id, tagged, logical_id=logical_id)
    assert function.invoke(cleanup).response == expected(cleanup, di_id, {})
    assert list(double.state.integrations) == [new_id]

    # Delete with the stack.
    delete = delete_event(new_id, rekeyed, logical_id=logical_id)
    assert function.invoke(delete).response == expected(delete, new_id, {})
    assert double.state.integrations == {}
    assert double.operations()[8:] == ["DeleteDataIntegration", "DeleteDataIntegration"]


def test_properties_resolve_as_cloudformation_resolves_them() -> None:
    template_props = {
        "ServiceToken": {"Fn::GetAtt": ["Handler", "Arn"]},
        "ServiceTimeout": 300,
        "SourceURI": {"Fn::Join": ["", ["s3://", {"Ref": "Bucket"}]]},
        "Description": {"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, {"Ref": "AWS::Region"}]]},
        "Flags": [True, 1.5],
    }
    deployed = Deployed(refs={"Bucket": "articles"}, attributes={("Handler", "Arn"): SERVICE_TOKEN})
    assert resource_properties(template_props, deployed) == {
        "ServiceToken": SERVICE_TOKEN,
        "ServiceTimeout": "300",
        "SourceURI": "s3://articles",
        "Description": "ExampleStack-us-east-1",
        "Flags": ["true", "1.5"],
    }
