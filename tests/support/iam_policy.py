"""A small IAM evaluator for one identity policy: is a request allowed?

It evaluates what the handler role's policy uses and a little more: Effect (an explicit Deny wins,
nothing allowed is denied), Action and NotAction (wildcards, case-insensitive), Resource and NotResource
(wildcards, case-sensitive), and the Condition operators String(Not)Equals(IgnoreCase), String(Not)Like,
Arn(Not)Equals, Arn(Not)Like, Bool and Null, each with ...IfExists. An operator it does not know fails the
evaluation rather than guessing.

`kms_context` gives the request context KMS sets on each path by which a KMS call reaches a key.
"""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from aws_cdk.assertions import Template
from cloudformation import Deployed, resolve

ARN_PARTS = 6


@dataclass(frozen=True)
class Request:
    """One API call as IAM sees it: the action, the resource's ARN and the request context."""

    action: str
    resource: str
    context: Mapping[str, str] = field(default_factory=dict)


def role_statements(template: Template, deployed: Deployed) -> list[dict[str, Any]]:
    """The statements of the only role's inline policies, with concrete values for every intrinsic."""
    (role,) = template.find_resources("AWS::IAM::Role").values()
    policies = resolve(role["Properties"]["Policies"], deployed)
    return [s for policy in policies for s in policy["PolicyDocument"]["Statement"]]


def allowed(statements: Sequence[Mapping[str, Any]], request: Request) -> bool:
    """True if a statement allows the request and none denies it."""
    effects = {s["Effect"] for s in statements if _applies(s, request)}
    return "Allow" in effects and "Deny" not in effects


def _applies(statement: Mapping[str, Any], request: Request) -> bool:
    return (
        _element(statement, "Action", request.action, _action_like)
        and _element(statement, "Resource", request.resource, _like)
        and all(_condition(op, keys, request.context) for op, keys in statement.get("Condition", {}).items())
    )


def _element(statement: Mapping[str, Any], name: str, value: str, like: Callable[[str, str], bool]) -> bool:
    """Action/NotAction or Resource/NotResource: one of the patterns matches, or none of the Not patterns."""
    assert (name in statement) != (f"Not{name}" in statement), f"a statement has {name} or Not{name}"
    if name in statement:
        return any(like(value, pattern) for pattern in _listed(statement[name]))
    return not any(like(value, pattern) for pattern in _listed(statement[f"Not{name}"]))


def _listed(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _like(value: str, pattern: str) -> bool:
    """IAM's wildcards: * any run of characters, ? one character; case-sensitive."""
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, value, re.DOTALL) is not None


def _action_like(value: str, pattern: str) -> bool:
    return _like(value.lower(), pattern.lower())


def _arn_like(value: str, pattern: str) -> bool:
    """ArnLike: the six colon-separated parts match each on its own, wildcards in any."""
    values, patterns = value.split(":", ARN_PARTS - 1), pattern.split(":", ARN_PARTS - 1)
    return len(values) == len(patterns) == ARN_PARTS and all(map(_like, values, patterns))


_OPERATORS: dict[str, Callable[[str, str], bool]] = {
    "StringEquals": lambda value, expected: value == expected,
    "StringEqualsIgnoreCase": lambda value, expected: value.lower() == expected.lower(),
    "StringLike": _like,
    "ArnEquals": lambda value, expected: value == expected,
    "ArnLike": _arn_like,
    # Bool compares "true" and "false" as strings, ignoring case; it has no negated form.
    "Bool": lambda value, expected: value.lower() == expected.lower(),
}
_NEGATED = {
    name.replace("Equals", "NotEquals").replace("Like", "NotLike"): name
    for name in _OPERATORS
    if "Equals" in name or "Like" in name
}
# The KMS operations on which KMS sets kms:GrantIsForAWSResource:
# https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-grant-is-for-aws-resource
GRANT_OPERATIONS = ("kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant")
# Who makes a KMS call on the handler's behalf: AppFlow (AppIntegrations creates an AppFlow flow per DataIntegration;
# AppFlow is in the KMS guide's table of services that set kms:ViaService), AppIntegrations itself, were it to set
# kms:ViaService (the table does not list it), an AWS service that sets no kms:ViaService, or the handler directly.
PATHS = ("appflow", "app-integrations", "aws service without ViaService", "handler")


def kms_context(action: str, path: str, region: str) -> dict[str, str]:
    """The condition keys KMS sets on a request that reaches it by path.

    kms:ViaService is the calling service's endpoint name, SERVICE.REGION.amazonaws.com, set only by the services
    the KMS developer guide lists; kms:GrantIsForAWSResource is true on the grant operations of any integrated AWS
    service. A direct call by the handler carries neither, and IAM then finds both keys absent.
    """
    assert path in PATHS, path
    if path == "handler" or not action.startswith("kms:"):
        return {}
    context = {"kms:GrantIsForAWSResource": "true"} if action in GRANT_OPERATIONS else {}
    if path in ("appflow", "app-integrations"):
        context["kms:ViaService"] = f"{path}.{region}.amazonaws.com"
    return context


def _condition(operator: str, keys: Mapping[str, Any], context: Mapping[str, str]) -> bool:
    """Every key of the operator block holds; a key holds when the request's value matches any listed value."""
    base = operator.removesuffix("IfExists")
    assert base == "Null" or base in _OPERATORS or base in _NEGATED, f"the evaluator does not know {operator}"
    for key, expected in keys.items():
        value = context.get(key)
        if base == "Null":
            holds = (value is None) == (str(expected).lower() == "true")
        elif value is None:
            # A missing key matches no value: a negation holds, and ...IfExists holds.
            holds = base in _NEGATED or operator.endswith("IfExists")
        elif base in _OPERATORS:
            holds = any(_OPERATORS[base](value, e) for e in _listed(expected))
        else:
            holds = not any(_OPERATORS[_NEGATED[base]](value, e) for e in _listed(expected))
        if not holds:
            return False
    return True
