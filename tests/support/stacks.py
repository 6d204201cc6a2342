"""Small builders of CDK stacks for construct tests."""

from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_kms as kms
from aws_cdk.assertions import Template
from constants import KEY_ARN, SOURCE_URI

from cdk_appintegrations import DataIntegration
from cdk_appintegrations_handler.contract import RESOURCE_TYPE


def new_stack(name: str = "TestStack") -> cdk.Stack:
    """An empty stack in a new app."""
    return cdk.Stack(cdk.App(), name)


def data_integration(stack: cdk.Stack | None = None, construct_id: str = "Articles", **props: Any) -> DataIntegration:
    """A DataIntegration with a key ARN and a Salesforce source unless props say otherwise."""
    props.setdefault("kms_key", KEY_ARN)
    props.setdefault("source_uri", SOURCE_URI)
    return DataIntegration(stack or new_stack(), construct_id, **props)


def with_key(stack: cdk.Stack) -> kms.Key:
    """A KMS key in the stack."""
    return kms.Key(stack, "Key", enable_key_rotation=True)


def properties_of(stack: cdk.Stack) -> list[dict[str, Any]]:
    """The Properties of every DataIntegration custom resource in the stack."""
    resources = Template.from_stack(stack).find_resources(RESOURCE_TYPE)
    return [r["Properties"] for r in resources.values()]


def statements(template: Template) -> list[dict[str, Any]]:
    """Every statement of the handler role's inline policies."""
    (role,) = template.find_resources("AWS::IAM::Role").values()
    return [s for policy in role["Properties"]["Policies"] for s in policy["PolicyDocument"]["Statement"]]


def actions_on(template: Template, resource: Any) -> set[str]:
    """The actions granted on exactly this resource."""
    return granted_actions([s for s in statements(template) if s["Resource"] == resource])


def granted_actions(granted: list[dict[str, Any]]) -> set[str]:
    """The actions of these statements; a statement's Action is one string or a list."""
    return {a for s in granted for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])}
