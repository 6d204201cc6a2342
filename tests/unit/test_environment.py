"""A stack's environment as its literal account and region tell it."""

import aws_cdk as cdk

from cdk_appintegrations.environment import Environment


def test_an_environment_may_be_another_unless_a_literal_tells_them_apart() -> None:
    assert Environment(None, None).may_be(Environment("123456789012", "us-east-1"))
    assert Environment("123456789012", None).may_be(Environment("123456789012", "eu-west-1"))
    assert not Environment("123456789012", "us-east-1").may_be(Environment("123456789012", "eu-west-1"))
    assert not Environment("123456789012", None).may_be(Environment("210987654321", None))


def test_tokens_of_an_environment_agnostic_stack_are_unknown() -> None:
    app = cdk.App()
    assert Environment.of(cdk.Stack(app, "Agnostic")) == Environment(None, None)
    pinned = cdk.Stack(app, "Pinned", env=cdk.Environment(account="123456789012", region="us-east-1"))
    assert Environment.of(pinned) == Environment("123456789012", "us-east-1")
    assert Environment.of(cdk.Stack(app, "Half", env=cdk.Environment(region="eu-west-1"))) == Environment(
        None, "eu-west-1"
    )
