"""What CloudFormation does to a template's properties before a custom resource sees them.

It resolves intrinsic functions against the stack's deployed resources and pseudo parameters,
then hands every scalar to the handler as a string: 300 arrives as "300", true as "true".
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from events import STACK_ID


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


def resource_properties(properties: Mapping[str, Any], deployed: Deployed) -> dict[str, Any]:
    """The ResourceProperties of a custom-resource event for these template properties."""
    resolved = _stringified(_resolve(properties, deployed))
    assert isinstance(resolved, dict)
    return resolved


def _resolve(value: Any, deployed: Deployed) -> Any:
    if isinstance(value, list):
        return [_resolve(item, deployed) for item in value]
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
            return separator.join(_resolve(items, deployed))
        assert not function.startswith("Fn::"), f"{function} is not resolved here"
    return {key: _resolve(item, deployed) for key, item in value.items()}


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
