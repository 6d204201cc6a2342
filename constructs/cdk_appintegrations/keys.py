"""What kms_key may be: a KMS key of the stack's account and region, as an ARN or an IKey; never an alias."""

import re

from aws_cdk import CfnResource, Reference, Tokenization
from aws_cdk import aws_kms as kms

from .environment import Environment
from .tokens import is_unresolved

_KEY_ARN = re.compile(r"^arn:[\w-]+:kms:(?P<region>[\w-]+):(?P<account>\d{12}):key/[\w-]+$")
_ALIAS = re.compile(r"(^|:)alias/")
_NEEDED = "a key ARN or a kms.IKey of a key is needed"
_KEYS = ("AWS::KMS::Key", "AWS::KMS::ReplicaKey")


def key_problems(kms_key: kms.IKey | str, key_arn: str, environment: Environment) -> list[str]:
    """Why AppIntegrations could not use this key: an alias, not a key ARN, another account or region."""
    if not isinstance(kms_key, str) and hasattr(kms_key, "alias_name"):
        return [f"kms_key: {_NEEDED}, got a kms.IAlias, which AppIntegrations does not take"]
    if is_unresolved(key_arn):
        if _ALIAS.search(key_arn):
            return [f"kms_key: {_NEEDED}, got an alias {key_arn!r}"]
        return _token_problems(key_arn) if isinstance(kms_key, str) else []
    arn = _KEY_ARN.match(key_arn)
    if arn is None:
        return [f"kms_key: {_NEEDED}, got {key_arn!r}"]
    key_env = Environment(arn["account"], arn["region"])
    if not key_env.may_be(environment):
        return [
            f"kms_key: AppIntegrations needs a key of the stack's account and region "
            f"({environment.account or 'any'}, {environment.region or 'any'}), got {key_arn!r}"
        ]
    return []


def _token_problems(token: str) -> list[str]:
    """A token judged by what it resolves to: a Ref (or KeyId) of a KMS key is a key id, not the ARN needed.

    Only a token string given as kms_key is looked into; a kms.IKey's key_arn is its ARN.
    """
    reversed_ = Tokenization.reverse_string(token)
    reference = reversed_.first_token
    if reversed_.length != 1 or not isinstance(reference, Reference):
        return []
    target = reference.target
    kind = target.cfn_resource_type if isinstance(target, CfnResource) else None
    if kind == "AWS::KMS::Alias":
        return [f"kms_key: {_NEEDED}, got the alias {target.node.path}, which AppIntegrations does not take"]
    if kind not in _KEYS or reference.display_name == "Arn":
        return []
    return [
        f"kms_key: {_NEEDED}, got the key id of {target.node.path} (key.key_id), which AppIntegrations does not "
        "take; pass the key itself (kms_key=key) or its ARN (key.key_arn)"
    ]
