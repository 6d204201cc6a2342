"""kms_key: a key of the stack's account and region, as an ARN or an IKey; aliases and key ids are refused."""

import re
from collections.abc import Callable

import aws_cdk as cdk
import pytest
from aws_cdk import aws_kms as kms
from constants import KEY_ARN
from stacks import data_integration, new_stack

NEEDED = "kms_key: a key ARN or a kms.IKey of a key is needed"
KeyForm = Callable[[cdk.Stack], kms.IKey | str]

ALIASES: dict[str, KeyForm] = {
    "kms.Alias": lambda stack: kms.Alias(stack, "Alias", alias_name="alias/articles", target_key=kms.Key(stack, "K")),
    "Alias.from_alias_name": lambda stack: kms.Alias.from_alias_name(stack, "Alias", "alias/articles"),
    "alias ARN": lambda stack: "arn:aws:kms:us-east-1:123456789012:alias/articles",
    "alias name": lambda stack: "alias/articles",
    "key id": lambda stack: "1234abcd-12ab-34cd-56ef-1234567890ab",
    "Key.from_key_arn of an alias ARN": lambda stack: kms.Key.from_key_arn(
        stack, "Imported", "arn:aws:kms:us-east-1:123456789012:alias/articles"
    ),
    "alias ARN with a token": lambda stack: (
        f"arn:aws:kms:us-east-1:123456789012:alias/{cdk.CfnParameter(stack, 'Alias').value_as_string}"
    ),
}
KEYS: dict[str, KeyForm] = {
    "kms.Key": lambda stack: kms.Key(stack, "Key"),
    "Key.from_key_arn": lambda stack: kms.Key.from_key_arn(stack, "Imported", KEY_ARN),
    "key ARN": lambda stack: KEY_ARN,
    "key ARN parameter": lambda stack: cdk.CfnParameter(stack, "KeyArn").value_as_string,
    "multi-Region key ARN": lambda stack: "arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab",
}


@pytest.mark.parametrize("form", ALIASES)
def test_aliases_and_key_ids_are_refused_naming_kms_key(form: str) -> None:
    stack = new_stack()
    with pytest.raises(ValueError, match=re.escape(NEEDED)):
        data_integration(stack, kms_key=ALIASES[form](stack))


@pytest.mark.parametrize("form", KEYS)
def test_keys_are_taken(form: str) -> None:
    stack = new_stack()
    data_integration(stack, kms_key=KEYS[form](stack))


@pytest.mark.parametrize(
    ("account", "region"), [("210987654321", "us-east-1"), ("123456789012", "eu-west-1"), ("210987654321", None)]
)
def test_a_key_of_another_account_or_region_is_refused(account: str, region: str | None) -> None:
    stack = cdk.Stack(cdk.App(), "Pinned", env=cdk.Environment(account=account, region=region))
    with pytest.raises(ValueError, match=r"kms_key: AppIntegrations needs a key of the stack's account and region"):
        data_integration(stack, kms_key=KEY_ARN)


def test_a_key_of_the_stacks_own_environment_is_taken() -> None:
    stack = cdk.Stack(cdk.App(), "Pinned", env=cdk.Environment(account="123456789012", region="us-east-1"))
    data_integration(stack, kms_key=KEY_ARN)
    data_integration(stack, "Imported", kms_key=kms.Key.from_key_arn(stack, "Key", KEY_ARN))


KEY_ID = f"{NEEDED}, got the key id of TestStack/Key/Resource (key.key_id), which AppIntegrations does not take; "
TOKENS: dict[str, tuple[KeyForm, str | None]] = {
    "Key.key_id": (lambda stack: kms.Key(stack, "Key").key_id, KEY_ID),
    "CfnKey.ref": (lambda stack: kms.CfnKey(stack, "Key").ref, KEY_ID.replace("/Resource", "")),
    "CfnKey.attr_key_id": (lambda stack: kms.CfnKey(stack, "Key").attr_key_id, KEY_ID.replace("/Resource", "")),
    "Alias.alias_name": (
        lambda stack: kms.Alias(stack, "Alias", alias_name="alias/articles", target_key=kms.Key(stack, "K")).alias_name,
        f"{NEEDED}, got the alias TestStack/Alias/Resource, which AppIntegrations does not take",
    ),
    "Key.key_arn": (lambda stack: kms.Key(stack, "Key").key_arn, None),
    "CfnKey.attr_arn": (lambda stack: kms.CfnKey(stack, "Key").attr_arn, None),
    "an ARN of a key id": (
        lambda stack: f"arn:aws:kms:us-east-1:123456789012:key/{kms.Key(stack, 'Key').key_id}",
        None,
    ),
}


@pytest.mark.parametrize("form", TOKENS)
def test_a_token_key_is_judged_by_what_it_resolves_to(form: str) -> None:
    """As cdk init sets it, the alias name is a Ref of the alias (@aws-cdk/aws-kms:aliasNameRef)."""
    stack = cdk.Stack(cdk.App(context={"@aws-cdk/aws-kms:aliasNameRef": True}), "TestStack")
    make, refused = TOKENS[form]
    if refused is None:
        data_integration(stack, kms_key=make(stack))
        return
    with pytest.raises(ValueError) as raised:
        data_integration(stack, kms_key=make(stack))
    assert str(raised.value).startswith(f"DataIntegration TestStack/Articles: {refused}")
    if refused.startswith(KEY_ID):
        assert str(raised.value).endswith("pass the key itself (kms_key=key) or its ARN (key.key_arn)")
