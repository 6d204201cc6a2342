"""What CloudFormation does to a template's values: it resolves intrinsics against what it deployed.

It resolves intrinsic functions against the stack's deployed resources and pseudo parameters,
then hands every scalar to a custom resource as a string: 300 arrives as "300", true as "true".
`deployed_for` makes up a deployment of a whole template, with a physical id and an Arn per resource.
`create_only` reads which properties replace a resource from the registry schema that cfn-lint bundles.
"""

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cfnlint
from constants import STACK_ID

from cdk_appintegrations_handler.contract import RESOURCE_TYPE

# The Arn attribute of the resource types whose ARN a policy or a property names, from the physical id.
ARN_FORMATS = {
    "AWS::S3::Bucket": "arn:{partition}:s3:::{ref}",
    "AWS::KMS::Key": "arn:{partition}:kms:{region}:{account}:key/{ref}",
    "AWS::AppFlow::ConnectorProfile": "arn:{partition}:appflow:{region}:{account}:connectorprofile/{ref}",
    "AWS::Logs::LogGroup": "arn:{partition}:logs:{region}:{account}:log-group:{ref}:*",
    RESOURCE_TYPE: "arn:{partition}:app-integrations:{region}:{account}:data-integration/{ref}",
}
# Types whose physical id is an Id that the service generates.
_GENERATED_IDS = {"AWS::KMS::Key", RESOURCE_TYPE}


@dataclass(frozen=True)
class Deployed:
    """The stack as deployed so far: physical ids (Ref) and attributes (Fn::GetAtt) by logical id."""

    refs: Mapping[str, str] = field(default_factory=dict)
    attributes: Mapping[tuple[str, str], str] = field(default_factory=dict)
    stack_id: str = STACK_ID

    def pseudo(self, name: str) -> str:
        """A pseudo parameter's value, taken from the stack id."""
        _, partition, _, region, account, resource = self.stack_id.split(":", 5)
        values = {
            "AWS::Partition": partition,
            "AWS::Region": region,
            "AWS::AccountId": account,
            "AWS::StackId": self.stack_id,
            "AWS::StackName": resource.split("/")[1],
            "AWS::URLSuffix": "amazonaws.com",
        }
        return values[name]


def deployed_for(
    template: Mapping[str, Any], parameters: Mapping[str, str] | None = None, stack_id: str = STACK_ID
) -> Deployed:
    """A made-up deployment of the template in the stack stack_id: parameters as given, and for each resource
    a physical id (the same for the same logical id) and an Arn."""
    probe = Deployed(stack_id=stack_id)
    env = {name: probe.pseudo(f"AWS::{key}") for name, key in _PSEUDO.items()}
    refs, attributes = dict(parameters or {}), {}
    for logical_id, resource in template["Resources"].items():
        kind = resource["Type"]
        if kind in _GENERATED_IDS:
            ref = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{stack_id}/{logical_id}"))
        elif kind == "AWS::AppFlow::ConnectorProfile":
            ref = resource["Properties"]["ConnectorProfileName"]
        elif kind == "AWS::S3::Bucket":  # a generated name: stack-logicalid-suffix, lower case, at most 63
            ref = f"{probe.pseudo('AWS::StackName')}-{logical_id}-{uuid.uuid5(uuid.NAMESPACE_URL, logical_id).hex}"
            ref = ref.lower()[:63]
        else:
            ref = logical_id.lower()
        refs[logical_id] = ref
        default = "arn:{partition}:cloudformation:{region}:{account}:made-up/{ref}"
        attributes[(logical_id, "Arn")] = ARN_FORMATS.get(kind, default).format(ref=ref, **env)
    return Deployed(refs=refs, attributes=attributes, stack_id=stack_id)


def registry_schema(resource_type: str) -> dict[str, Any]:
    """The registry schema of a resource type, as the installed cfn-lint bundles it."""
    schemas = Path(cfnlint.__file__).parent / "data" / "schemas"
    providers = json.loads((schemas / "providers" / "us-east-1.json").read_text())
    schema: dict[str, Any] = json.loads((schemas / "resources" / f"{providers[resource_type]}.json").read_text())
    return schema


def create_only(resource_type: str) -> frozenset[str]:
    """The top-level properties whose change replaces a resource of this type, by its registry schema."""
    paths = registry_schema(resource_type).get("createOnlyProperties", [])
    return frozenset(path.removeprefix("/properties/").split("/")[0] for path in paths)


def resource_properties(properties: Mapping[str, Any], deployed: Deployed) -> dict[str, Any]:
    """The ResourceProperties of a custom-resource event for these template properties."""
    resolved = _stringified(resolve(properties, deployed))
    assert isinstance(resolved, dict)
    return resolved


def resolve(value: Any, deployed: Deployed) -> Any:
    """A template value with its intrinsic functions resolved against the deployment."""
    if isinstance(value, list):
        return [resolve(item, deployed) for item in value]
    if not isinstance(value, Mapping):
        return value
    if len(value) == 1:
        (function, argument), *_ = value.items()
        if function == "Ref":
            return deployed.pseudo(argument) if argument.startswith("AWS::") else deployed.refs[argument]
        if function == "Fn::GetAtt":
            return deployed.attributes[tuple(argument)]
        if function == "Fn::Join":
            separator, items = argument
            return separator.join(resolve(items, deployed))
        assert not function.startswith("Fn::"), f"{function} is not resolved here"
    return {key: resolve(item, deployed) for key, item in value.items()}


_PSEUDO = {"partition": "Partition", "region": "Region", "account": "AccountId"}


def _stringified(value: Any) -> Any:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return [_stringified(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _stringified(item) for key, item in value.items()}
    return value
