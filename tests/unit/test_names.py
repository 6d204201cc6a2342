"""A literal data_integration_name is refused twice in one app where the environments may be the same."""

import re

import aws_cdk as cdk
import pytest
from aws_cdk import aws_kms as kms
from stacks import data_integration, new_stack

US = cdk.Environment(account="123456789012", region="us-east-1")


def two_stacks(first: cdk.Environment | None, second: cdk.Environment | None) -> tuple[cdk.Stack, cdk.Stack]:
    app = cdk.App()
    return cdk.Stack(app, "First", env=first), cdk.Stack(app, "Second", env=second)


def test_one_name_twice_in_a_stack_is_refused_naming_both_paths() -> None:
    stack = new_stack()
    data_integration(stack, "Articles", data_integration_name="articles")
    message = "DataIntegration TestStack/Copy: data_integration_name: 'articles' is the name of DataIntegration "
    with pytest.raises(ValueError, match=re.escape(message + "TestStack/Articles too")):
        data_integration(stack, "Copy", data_integration_name="articles")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (None, None),
        (US, US),
        (US, None),
        (cdk.Environment(account="123456789012"), cdk.Environment(region="us-east-1")),
    ],
)
def test_one_name_in_two_stacks_of_possibly_one_environment_is_refused(
    first: cdk.Environment | None, second: cdk.Environment | None
) -> None:
    one, other = two_stacks(first, second)
    data_integration(one, data_integration_name="articles")
    with pytest.raises(
        ValueError, match=r"Second/Articles: .*'articles' is the name of DataIntegration First/Articles"
    ):
        data_integration(other, data_integration_name="articles")


@pytest.mark.parametrize(
    "second",
    [
        cdk.Environment(account="210987654321", region="us-east-1"),
        cdk.Environment(account="123456789012", region="eu-west-1"),
    ],
)
def test_one_name_in_other_accounts_or_regions_is_taken(second: cdk.Environment) -> None:
    one, other = two_stacks(US, second)
    data_integration(one, data_integration_name="articles")
    data_integration(other, data_integration_name="articles", kms_key=kms.Key(other, "Key"))


def test_other_names_other_apps_and_token_names_are_taken() -> None:
    stack = new_stack()
    data_integration(stack, "Articles", data_integration_name="articles")
    data_integration(stack, "Files", data_integration_name="files")
    data_integration(stack, "Unnamed")
    data_integration(stack, "Generated")
    name = cdk.CfnParameter(stack, "Name").value_as_string
    data_integration(stack, "FromParameter", data_integration_name=name)
    data_integration(stack, "AlsoFromParameter", data_integration_name=name)
    data_integration(new_stack(), "Articles", data_integration_name="articles")


def test_a_refused_data_integration_leaves_its_name_free() -> None:
    stack = new_stack()
    with pytest.raises(ValueError, match="description"):
        data_integration(stack, "Bad", data_integration_name="articles", description="d" * 1001)
    data_integration(stack, "Good", data_integration_name="articles")
