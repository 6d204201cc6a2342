"""The handler role's policy, evaluated: what AppIntegrations' CloudFormation handlers need, in every version.

The permission lists come from the registry schema of AWS::AppIntegrations::DataIntegration that cfn-lint
bundles, so a cfn-lint whose schema lists other permissions fails here. The policy is resolved against a
made-up deployment and evaluated request by request.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import cfnlint
import pytest
from aws_cdk import aws_appflow as appflow
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from aws_cdk.assertions import Template
from cloudformation import deployed_for, resolve, resource_properties
from constants import KEY_ARN, OTHER_KEY_ARN, STACK_ID
from iam_policy import PATHS, Request, allowed, kms_context, role_statements
from stacks import new_stack

from cdk_appintegrations import DataIntegration, DataIntegrationSource
from cdk_appintegrations_handler.contract import RESOURCE_TYPE

SCHEMA_TYPE = "AWS::AppIntegrations::DataIntegration"
OPERATIONS = ("create", "update", "delete")
# What the handler calls itself, besides writing its logs.
HANDLER_CALLS = (
    "app-integrations:CreateDataIntegration",
    "app-integrations:UpdateDataIntegration",
    "app-integrations:DeleteDataIntegration",
    "app-integrations:TagResource",
    "app-integrations:UntagResource",
    "app-integrations:GetDataIntegration",
    "app-integrations:ListDataIntegrations",
    "app-integrations:ListDataIntegrationAssociations",
    # The pre-flight checks before a create: the key, the source's bucket or connector profile.
    "kms:DescribeKey",
    "s3:GetBucketLocation",
    "appflow:DescribeConnectorProfiles",
    # Whether CloudFormation still waits for a Create, and what it holds when it sends a made-up id.
    "cloudformation:DescribeStackResource",
)
LOG_ACTIONS = ("logs:CreateLogStream", "logs:PutLogEvents")
# The resource each action acts on, per the Service Authorization Reference; "*" for no resource-level permission.
ACTS_ON = {
    "app-integrations:CreateDataIntegration": "data-integration",
    "app-integrations:GetDataIntegration": "data-integration",
    "app-integrations:UpdateDataIntegration": "data-integration",
    "app-integrations:DeleteDataIntegration": "data-integration",
    "app-integrations:TagResource": "data-integration",
    "app-integrations:UntagResource": "data-integration",
    "app-integrations:ListDataIntegrations": "*",
    "app-integrations:ListDataIntegrationAssociations": "*",
    "appflow:DescribeConnectorProfiles": "*",
    "appflow:UseConnectorProfile": "connectorprofile",
    "appflow:DescribeConnectorEntity": "connectorprofile",
    "appflow:CreateFlow": "flow",
    "appflow:DeleteFlow": "flow",
    "appflow:TagResource": "flow",
    "appflow:UntagResource": "flow",
    "kms:CreateGrant": "key",
    "kms:DescribeKey": "key",
    "kms:ListGrants": "key",
    "kms:ListAliases": "*",
    "kms:ListKeys": "*",
    "s3:GetBucketNotification": "bucket",
    "s3:PutBucketNotification": "bucket",
    "s3:GetEncryptionConfiguration": "bucket",
    "s3:GetBucketLocation": "bucket",
    "cloudformation:DescribeStackResource": "stack",
}
IAM_INLINE_POLICY_LIMIT = 10_240
# The paths by which an AWS service, not the handler, calls KMS for the handler.
SERVICES = tuple(path for path in PATHS if path != "handler")


def schema_permissions() -> dict[str, list[str]]:
    """The permission list of each handler of the registry schema that the installed cfn-lint bundles."""
    schemas = Path(cfnlint.__file__).parent / "data" / "schemas"
    providers = json.loads((schemas / "providers" / "us-east-1.json").read_text())
    schema = json.loads((schemas / "resources" / f"{providers[SCHEMA_TYPE]}.json").read_text())
    return {operation: handler["permissions"] for operation, handler in schema["handlers"].items()}


@dataclass(frozen=True)
class Deployed:
    """One DataIntegration as deployed: its ARN, the key and source AppIntegrations sees, and its stack."""

    arn: str
    key_arn: str
    source_uri: str
    stack_id: str

    def request(self, action: str, path: str = "appflow") -> Request | None:
        """The request for this action, made on path (an AWS service for the handler, or the handler itself),
        or None where the source has no such resource."""
        partition, _, region, account = self.arn.split(":")[1:5]
        scheme, _, rest = self.source_uri.partition("://")
        profile = rest.split("/", 1)[1] if scheme.lower() != "s3" else None
        bucket = rest.split("/", 1)[0] if scheme.lower() == "s3" else None
        resources = {
            "*": "*",
            "data-integration": self.arn,
            "key": self.key_arn,
            "flow": f"arn:{partition}:appflow:{region}:{account}:flow/{self.arn.rsplit('/', 1)[1]}",
            "connectorprofile": profile and f"arn:{partition}:appflow:{region}:{account}:connectorprofile/{profile}",
            "bucket": bucket and f"arn:{partition}:s3:::{bucket}",
            "stack": self.stack_id,
        }
        resource = resources[ACTS_ON[action]]
        return None if resource is None else Request(action, resource, kms_context(action, path, region))


@dataclass(frozen=True)
class Version:
    """A stack as deployed: its role's statements, resolved, and its DataIntegrations."""

    statements: list[dict[str, Any]]
    integrations: list[Deployed]
    log_group_arn: str

    def denied(self, operations: tuple[str, ...], integrations: list[Deployed]) -> list[Request]:
        """The requests of these schema operations for these DataIntegrations that the policy does not allow,
        made on any path by which an AWS service calls for the handler."""
        permissions = schema_permissions()
        requests = [
            i.request(a, path) for i in integrations for op in operations for a in permissions[op] for path in SERVICES
        ]
        return [r for r in requests if r is not None and not allowed(self.statements, r)]


def actions_of(statement: dict[str, Any]) -> list[str]:
    """A statement's Action, one string or a list, as a list."""
    action = statement["Action"]
    return [action] if isinstance(action, str) else list(action)


def deploy(stack: cdk.Stack, **parameters: str) -> Version:
    """The stack as a made-up deployment: every reference resolved, parameters as given."""
    template = Template.from_stack(stack)
    deployed = deployed_for(template.to_json(), parameters)
    integrations = []
    for logical_id, resource in template.find_resources(RESOURCE_TYPE).items():
        props = resource_properties(resource["Properties"], deployed)
        arn = deployed.attributes[(logical_id, "Arn")]
        integrations.append(Deployed(arn, props["KmsKey"], props["SourceURI"], deployed.stack_id))
    (log_group_id,) = template.find_resources("AWS::Logs::LogGroup")
    return Version(role_statements(template, deployed), integrations, deployed.attributes[(log_group_id, "Arn")])


KeyForm = Callable[[cdk.Stack], kms.IKey | str]
SourceForm = Callable[[cdk.Stack], str | DataIntegrationSource]
KEYS: dict[str, KeyForm] = {
    "kms.Key": lambda stack: kms.Key(stack, "Key"),
    "Key.from_key_arn": lambda stack: kms.Key.from_key_arn(stack, "Imported", KEY_ARN),
    "key ARN": lambda stack: KEY_ARN,
    "key ARN parameter": lambda stack: cdk.CfnParameter(stack, "KeyArn").value_as_string,
}
SOURCES: dict[str, SourceForm] = {
    "AppFlow by name": lambda stack: DataIntegrationSource.appflow("Salesforce", "kb"),
    "CfnConnectorProfile": lambda stack: DataIntegrationSource.appflow(
        "Zendesk",
        appflow.CfnConnectorProfile(
            stack, "Profile", connector_profile_name="zd", connector_type="Zendesk", connection_mode="Public"
        ),
    ),
    "DataIntegrationSource.s3": lambda stack: DataIntegrationSource.s3(s3.Bucket(stack, "Bucket")),
    "s3:// literal": lambda stack: "s3://kb-articles/prefix",
    "s3:// token": lambda stack: f"s3://{s3.Bucket(stack, 'Bucket').bucket_name}",
}
# What a source has no resource for: an AppFlow source no bucket, an S3 source no connector profile.
NOT_APPLICABLE = {"bucket": {"s3:// literal", "s3:// token", "DataIntegrationSource.s3"}}


def deployed_one(source: str, key: str) -> tuple[Version, Deployed]:
    """A stack of one DataIntegration with this source and key form, deployed; and its DataIntegration."""
    stack = new_stack()
    DataIntegration(stack, "Articles", kms_key=KEYS[key](stack), source_uri=SOURCES[source](stack))
    version = deploy(stack, KeyArn=OTHER_KEY_ARN)
    (integration,) = version.integrations
    return version, integration


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("source", SOURCES)
def test_every_schema_permission_is_allowed_on_its_resource(source: str, key: str) -> None:
    version, integration = deployed_one(source, key)
    assert version.denied(OPERATIONS, version.integrations) == []
    skipped = {a for op in OPERATIONS for a in schema_permissions()[op] if integration.request(a) is None}
    is_s3 = source in NOT_APPLICABLE["bucket"]
    assert {ACTS_ON[a] for a in skipped} == ({"connectorprofile"} if is_s3 else {"bucket"})


def test_the_schema_lists_are_read_and_each_action_has_a_known_resource() -> None:
    permissions = schema_permissions()
    assert all(permissions[op] for op in OPERATIONS)
    unknown = {a for op in OPERATIONS for a in permissions[op]} - set(ACTS_ON)
    assert unknown == set(), "the schema lists permissions this test does not know; grant and map them"


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("source", SOURCES)
def test_the_handlers_own_calls_and_its_logs_are_allowed(source: str, key: str) -> None:
    """Its own calls, the pre-flight's included, carry no kms:ViaService: the handler calls KMS directly."""
    version, integration = deployed_one(source, key)
    requests = {action: integration.request(action, "handler") for action in HANDLER_CALLS}
    assert [r for r in requests.values() if r is not None and not allowed(version.statements, r)] == []
    skipped = {action for action, request in requests.items() if request is None}
    assert skipped == (set() if source in NOT_APPLICABLE["bucket"] else {"s3:GetBucketLocation"})
    stream = version.log_group_arn.removesuffix("*") + "log-stream:2026/01/01/[$LATEST]abc"
    assert all(allowed(version.statements, Request(action, stream)) for action in LOG_ACTIONS)


@pytest.mark.parametrize("action", ["kms:CreateGrant", "kms:ListGrants"])
def test_the_handler_itself_may_not_create_or_list_grants(action: str) -> None:
    """Only an AWS service acting for the handler may: kms:GrantIsForAWSResource is absent on the handler's calls."""
    version, integration = deployed_one("AppFlow by name", "key ARN")
    request = integration.request(action, "handler")
    assert request is not None and request.context == {}
    assert not allowed(version.statements, request)
    assert all(allowed(version.statements, integration.request(action, path)) for path in SERVICES)  # type: ignore[arg-type]


def test_nothing_is_granted_beyond_the_schema_the_handlers_calls_and_its_logs() -> None:
    stack = new_stack()
    DataIntegration(stack, "S3", kms_key=KEY_ARN, source_uri="s3://kb-articles")
    granted = {a for s in deploy(stack).statements for a in actions_of(s)}
    needed = {a for permissions in schema_permissions().values() for a in permissions}
    assert granted - needed - set(HANDLER_CALLS) - set(LOG_ACTIONS) == set()
    assert all("*" not in action for action in granted)


@pytest.mark.parametrize(
    ("action", "resource", "context"),
    [
        ("kms:CreateGrant", "arn:aws:kms:us-east-1:210987654321:key/k", "via"),
        ("kms:CreateGrant", "arn:aws:kms:eu-west-1:123456789012:key/k", "via"),
        ("kms:CreateGrant", KEY_ARN, "none"),
        ("kms:CreateGrant", KEY_ARN, "other service"),
        ("kms:ListGrants", KEY_ARN, "none"),
        ("kms:DescribeKey", "arn:aws:kms:us-east-1:123456789012:alias/articles", "via"),
        ("kms:DescribeKey", "arn:aws:kms:eu-west-1:123456789012:key/k", "none"),
        ("kms:DescribeKey", "arn:aws:kms:us-east-1:210987654321:key/k", "none"),
        ("kms:Decrypt", KEY_ARN, "via"),
        ("kms:Decrypt", KEY_ARN, "none"),
        ("appflow:UseConnectorProfile", "arn:aws:appflow:us-east-1:210987654321:connectorprofile/kb", "none"),
        ("appflow:CreateFlow", "arn:aws:appflow:eu-west-1:123456789012:flow/f", "none"),
        ("appflow:DeleteConnectorProfile", "arn:aws:appflow:us-east-1:123456789012:connectorprofile/kb", "none"),
        ("s3:PutBucketNotification", "arn:aws:s3:::another-bucket", "none"),
        ("s3:GetBucketLocation", "arn:aws:s3:::another-bucket", "none"),
        ("s3:GetObject", "arn:aws:s3:::kb-articles/doc.pdf", "none"),
        (
            "app-integrations:DeleteDataIntegration",
            "arn:aws:app-integrations:eu-west-1:123456789012:data-integration/x",
            "none",
        ),
        ("cloudformation:DescribeStackResource", STACK_ID.replace("6f1c2a40", "00000000"), "none"),
        (
            "app-integrations:DeleteEventIntegration",
            "arn:aws:app-integrations:us-east-1:123456789012:event-integration/x",
            "none",
        ),
    ],
)
def test_the_policy_denies_what_appintegrations_does_not_need(action: str, resource: str, context: str) -> None:
    stack = new_stack()
    DataIntegration(stack, "Articles", kms_key=KEY_ARN, source_uri="s3://kb-articles")
    contexts = {
        "via": kms_context(action, "appflow", "us-east-1"),
        "other service": {"kms:ViaService": "s3.us-east-1.amazonaws.com"},
        "none": {},
    }
    assert not allowed(deploy(stack).statements, Request(action, resource, contexts[context]))


def replacement(version: int) -> cdk.Stack:
    """Version 1 and 2 of a stack whose DataIntegration gets a new key and a new connector profile."""
    stack = new_stack()
    key = kms.Key(stack, f"KeyV{version}")
    profile = appflow.CfnConnectorProfile(
        stack,
        f"ProfileV{version}",
        connector_profile_name=f"kb-v{version}",
        connector_type="Salesforce",
        connection_mode="Public",
    )
    DataIntegration(stack, "Articles", kms_key=key, source_uri=DataIntegrationSource.appflow("Salesforce", profile))
    return stack


def removal(version: int) -> cdk.Stack:
    """Version 1 with two DataIntegrations of their own keys and sources, version 2 with the first only."""
    stack = new_stack()
    DataIntegration(stack, "Articles", kms_key=KEY_ARN, source_uri="Salesforce://AppFlow/kb")
    if version == 1:
        files = s3.Bucket(stack, "FilesBucket")
        DataIntegration(stack, "Files", kms_key=kms.Key(stack, "FilesKey"), source_uri=DataIntegrationSource.s3(files))
        DataIntegration(stack, "Tickets", kms_key=OTHER_KEY_ARN, source_uri="ServiceNow://AppFlow/itsm")
    return stack


def source_change(version: int) -> cdk.Stack:
    """Version 1 reads an S3 bucket, version 2 a Zendesk profile, each with its key."""
    stack = new_stack()
    source = "s3://kb-articles" if version == 1 else "Zendesk://AppFlow/zd"
    DataIntegration(stack, "Articles", kms_key=KEY_ARN if version == 1 else OTHER_KEY_ARN, source_uri=source)
    return stack


@pytest.mark.parametrize("change", [replacement, removal, source_change])
def test_cleanup_after_update_and_after_rollback_is_allowed(change: Callable[[int], cdk.Stack]) -> None:
    v1, v2 = deploy(change(1)), deploy(change(2))
    assert {i.key_arn for i in v1.integrations} != {i.key_arn for i in v2.integrations}
    assert v1.denied(OPERATIONS, v1.integrations) == []
    assert v2.denied(OPERATIONS, v2.integrations) == []
    assert v2.denied(("delete",), v1.integrations) == [], "cleanup after the update deletes version 1's"
    assert v1.denied(("delete",), v2.integrations) == [], "cleanup after a rollback deletes version 2's"


@pytest.mark.parametrize("change", [replacement, removal, source_change])
def test_the_policy_is_the_same_in_every_version_but_for_s3_buckets(change: Callable[[int], cdk.Stack]) -> None:
    def without_s3(version: Version) -> list[dict[str, Any]]:
        return [s for s in version.statements if not any(a.startswith("s3:") for a in actions_of(s))]

    assert without_s3(deploy(change(1))) == without_s3(deploy(change(2)))


def policy_size(stack: cdk.Stack) -> int:
    """The role's inline policy as IAM measures it: the resolved JSON without white space."""
    template = Template.from_stack(stack)
    (role,) = template.find_resources("AWS::IAM::Role").values()
    (policy,) = resolve(role["Properties"]["Policies"], deployed_for(template.to_json()))
    return len(json.dumps(policy["PolicyDocument"], separators=(",", ":")))


def test_a_hundred_keys_fit_the_inline_policy_limit() -> None:
    stack = new_stack()
    for i in range(100):
        key = kms.Key(stack, f"Key{i}")
        DataIntegration(stack, f"Articles{i}", kms_key=key, source_uri=f"Salesforce://AppFlow/kb-{i}")
    assert policy_size(stack) < IAM_INLINE_POLICY_LIMIT


def test_a_hundred_buckets_fit_the_inline_policy_limit_in_one_statement() -> None:
    stack = new_stack()
    for i in range(100):
        bucket = s3.Bucket(stack, f"Bucket{i}")
        DataIntegration(stack, f"Files{i}", kms_key=KEY_ARN, source_uri=DataIntegrationSource.s3(bucket))
    statements = deploy(stack).statements
    (bucket_statement,) = [s for s in statements if "s3:PutBucketNotification" in s["Action"]]
    assert len(bucket_statement["Resource"]) == 100
    assert policy_size(stack) < IAM_INLINE_POLICY_LIMIT
