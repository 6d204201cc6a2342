"""The IAM evaluator itself: it allows what a policy allows and denies the rest."""

from typing import Any

import pytest
from iam_policy import Request, allowed, kms_context

KEY = "arn:aws:kms:us-east-1:123456789012:key/1234"
VIA = {"kms:ViaService": "app-integrations.us-east-1.amazonaws.com"}
GRANT = {"kms:GrantIsForAWSResource": "true"}


def allow(**element: Any) -> dict[str, Any]:
    return {"Effect": "Allow", **element}


def test_nothing_is_allowed_without_a_statement() -> None:
    assert not allowed([], Request("kms:DescribeKey", KEY))


def test_an_explicit_deny_wins() -> None:
    statements = [allow(Action="kms:*", Resource="*"), {"Effect": "Deny", "Action": "kms:DescribeKey", "Resource": KEY}]
    assert not allowed(statements, Request("kms:DescribeKey", KEY))
    assert allowed(statements, Request("kms:ListGrants", KEY))


@pytest.mark.parametrize(
    ("pattern", "action", "expected"),
    [
        ("kms:DescribeKey", "kms:DescribeKey", True),
        ("KMS:describekey", "kms:DescribeKey", True),
        ("kms:Describe*", "kms:DescribeKey", True),
        ("kms:List?rants", "kms:ListGrants", True),
        ("kms:Describe*", "kms:ListGrants", False),
        ("kms:DescribeKey", "kms:DescribeKeys", False),
        ("s3:*", "kms:DescribeKey", False),
    ],
)
def test_actions_match_with_wildcards_ignoring_case(pattern: str, action: str, expected: bool) -> None:
    assert allowed([allow(Action=[pattern], Resource="*")], Request(action, KEY)) is expected


@pytest.mark.parametrize(
    ("pattern", "resource", "expected"),
    [
        (KEY, KEY, True),
        ("arn:aws:kms:us-east-1:123456789012:key/*", KEY, True),
        ("arn:aws:kms:*:123456789012:key/1?34", KEY, True),
        ("arn:aws:kms:us-east-1:123456789012:key/*", "arn:aws:kms:us-east-1:210987654321:key/1234", False),
        ("arn:aws:kms:us-east-1:123456789012:KEY/*", KEY, False),
        ("arn:aws:kms:us-east-1:123456789012:key/[12]*", KEY, False),
    ],
)
def test_resources_match_with_wildcards_minding_case(pattern: str, resource: str, expected: bool) -> None:
    assert allowed([allow(Action="kms:DescribeKey", Resource=[pattern])], Request("kms:DescribeKey", resource)) is (
        expected
    )


def test_not_action_and_not_resource_allow_everything_else() -> None:
    statements = [allow(NotAction=["kms:ScheduleKeyDeletion"], NotResource="arn:aws:kms:*:*:key/secret")]
    assert allowed(statements, Request("kms:DescribeKey", KEY))
    assert not allowed(statements, Request("kms:ScheduleKeyDeletion", KEY))
    assert not allowed(statements, Request("kms:DescribeKey", "arn:aws:kms:us-east-1:123456789012:key/secret"))


def test_a_deny_with_not_resource_denies_elsewhere() -> None:
    statements = [allow(Action="*", Resource="*"), {"Effect": "Deny", "Action": "*", "NotResource": KEY}]
    assert allowed(statements, Request("kms:DescribeKey", KEY))
    assert not allowed(statements, Request("kms:DescribeKey", "arn:aws:kms:us-east-1:123456789012:key/other"))


@pytest.mark.parametrize(
    ("condition", "context", "expected"),
    [
        ({"StringEquals": VIA}, VIA, True),
        ({"StringEquals": VIA}, {}, False),
        ({"StringEquals": VIA}, {"kms:ViaService": "s3.us-east-1.amazonaws.com"}, False),
        ({"StringEquals": {"kms:ViaService": ["s3.x", VIA["kms:ViaService"]]}}, VIA, True),
        ({"StringEqualsIgnoreCase": {"kms:ViaService": "APP-integrations.us-east-1.amazonaws.com"}}, VIA, True),
        ({"StringNotEquals": VIA}, VIA, False),
        ({"StringNotEquals": VIA}, {}, True),
        ({"StringLike": {"kms:ViaService": "app-integrations.*.amazonaws.com"}}, VIA, True),
        ({"StringLike": {"kms:ViaService": "appflow.*"}}, VIA, False),
        ({"StringNotLike": {"kms:ViaService": "appflow.*"}}, VIA, True),
        ({"StringEqualsIfExists": VIA}, {}, True),
        ({"StringEqualsIfExists": VIA}, {"kms:ViaService": "s3.us-east-1.amazonaws.com"}, False),
        ({"ArnLike": {"aws:SourceArn": "arn:aws:app-integrations:*:123456789012:*"}}, {"aws:SourceArn": KEY}, False),
        (
            {"ArnLike": {"aws:SourceArn": "arn:aws:app-integrations:*:123456789012:*"}},
            {"aws:SourceArn": "arn:aws:app-integrations:eu-west-1:123456789012:data-integration/x"},
            True,
        ),
        ({"ArnEquals": {"aws:SourceArn": KEY}}, {"aws:SourceArn": KEY}, True),
        ({"ArnNotLike": {"aws:SourceArn": "arn:aws:kms:*"}}, {"aws:SourceArn": KEY}, True),
        ({"Null": {"kms:ViaService": "true"}}, {}, True),
        ({"Null": {"kms:ViaService": "false"}}, {}, False),
        ({"StringEquals": {**VIA, "aws:PrincipalAccount": "123456789012"}}, VIA, False),
        ({"StringEquals": VIA, "Null": {"aws:PrincipalAccount": "true"}}, VIA, True),
        ({"Bool": GRANT}, GRANT, True),
        ({"Bool": GRANT}, {"kms:GrantIsForAWSResource": "TRUE"}, True),
        ({"Bool": GRANT}, {"kms:GrantIsForAWSResource": "false"}, False),
        ({"Bool": GRANT}, {}, False),
        ({"BoolIfExists": GRANT}, {}, True),
    ],
)
def test_conditions(condition: dict[str, Any], context: dict[str, str], expected: bool) -> None:
    statements = [allow(Action="kms:CreateGrant", Resource="*", Condition=condition)]
    assert allowed(statements, Request("kms:CreateGrant", KEY, context)) is expected


def test_an_unknown_condition_operator_fails_the_evaluation() -> None:
    statements = [allow(Action="kms:CreateGrant", Resource="*", Condition={"NumericEquals": {"kms:GrantCount": "1"}})]
    with pytest.raises(AssertionError, match="does not know NumericEquals"):
        allowed(statements, Request("kms:CreateGrant", KEY))


@pytest.mark.parametrize(
    ("action", "path", "context"),
    [
        (
            "kms:CreateGrant",
            "appflow",
            {"kms:GrantIsForAWSResource": "true", "kms:ViaService": "appflow.eu-west-1.amazonaws.com"},
        ),
        ("kms:ListGrants", "app-integrations", {**GRANT, "kms:ViaService": "app-integrations.eu-west-1.amazonaws.com"}),
        ("kms:CreateGrant", "aws service without ViaService", GRANT),
        ("kms:DescribeKey", "appflow", {"kms:ViaService": "appflow.eu-west-1.amazonaws.com"}),
        ("kms:CreateGrant", "handler", {}),
        ("s3:GetObject", "appflow", {}),
    ],
)
def test_kms_sets_its_condition_keys_by_path(action: str, path: str, context: dict[str, str]) -> None:
    assert kms_context(action, path, "eu-west-1") == context
