"""What the handler's role may do: statements that are the same in every version of a stack, and S3 buckets.

AppIntegrations calls KMS, AppFlow and S3 with its caller's credentials. A replacement, a re-key or a
removal deletes the old DataIntegration after the role's policy was updated (or, on rollback, restored),
so the KMS and AppFlow statements name no key or profile of one version: they are scoped by condition and
by account and region instead. S3 actions are needed at create only, so the buckets stay named. Before a
create the handler itself describes the key, the bucket and the connector profile (its pre-flight checks).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from .arns import arn, pseudo_parameters

# AppIntegrations' needs of a source bucket, and the handler's pre-flight GetBucketLocation.
BUCKET_ACTIONS = (
    "s3:GetBucketNotification",
    "s3:PutBucketNotification",
    "s3:GetEncryptionConfiguration",
    "s3:GetBucketLocation",
)
# What AppIntegrations does with the key for its caller; DescribeKey, which the handler calls itself too, is apart.
KEY_ACTIONS = ("kms:CreateGrant", "kms:ListGrants")
# The Service Authorization Reference lists no resource type for these.
_NO_RESOURCE_LEVEL = "These list and describe actions support no resource-level permissions."


@dataclass(frozen=True)
class Grant:
    """One statement of the role's policy; a wildcard resource comes with the reason that acknowledges it."""

    actions: tuple[str, ...]
    resources: tuple[str, ...]
    wildcard: str | None = None
    conditions: Mapping[str, Mapping[str, str]] | None = None


# Only grants that an AWS service creates or lists for the handler, whichever service's endpoint made the call.
# AppIntegrations is not among the services that set kms:ViaService (KMS developer guide, conditions-kms.html,
# "viaService_table"); it creates an AppFlow flow per DataIntegration, whose grant would carry
# kms:ViaService = appflow.<region>.amazonaws.com, as AWS's managed policy AmazonAppFlowFullAccess expects.
# kms:GrantIsForAWSResource is true on CreateGrant and ListGrants that an integrated service makes, whatever its
# endpoint, and absent on the handler's own calls:
# https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-grant-is-for-aws-resource
GRANTS_FOR_AWS_RESOURCES = {"Bool": {"kms:GrantIsForAWSResource": "true"}}


def handler_grants() -> tuple[Grant, ...]:
    """The statements every stack with a DataIntegration gets, whatever its keys and sources."""
    return (*_data_integration_grants(), *_key_grants(), *_flow_grants(), *_stack_and_listing_grants())


def _data_integration_grants() -> tuple[Grant, ...]:
    """The handler's own calls to AppIntegrations."""
    return (
        Grant(
            (
                "app-integrations:CreateDataIntegration",
                "app-integrations:GetDataIntegration",
                "app-integrations:UpdateDataIntegration",
                "app-integrations:DeleteDataIntegration",
                "app-integrations:TagResource",
                "app-integrations:UntagResource",
            ),
            (arn("app-integrations", "data-integration/*"),),
            "Ids are assigned by AppIntegrations at create time; scoped to this account and region.",
        ),
    )


def _key_grants() -> tuple[Grant, ...]:
    """What AppIntegrations does with a key for its caller, and the handler's DescribeKey."""
    return (
        Grant(
            KEY_ACTIONS,
            (arn("kms", "key/*"),),
            "Cleanup after a re-key deletes a DataIntegration of an earlier key; scoped to keys of this account "
            "and region, and to grants an AWS service makes for the handler (kms:GrantIsForAWSResource).",
            GRANTS_FOR_AWS_RESOURCES,
        ),
        Grant(
            ("kms:DescribeKey",),
            (arn("kms", "key/*"),),
            "DescribeKey reads key metadata: AppIntegrations calls it for the key of any version of the stack, the "
            "handler before a create (pre-flight). Scoped to keys of this account and region.",
        ),
    )


def _flow_grants() -> tuple[Grant, ...]:
    """What AppIntegrations does in AppFlow for its caller."""
    return (
        Grant(
            ("appflow:UseConnectorProfile", "appflow:DescribeConnectorEntity"),
            (arn("appflow", "connectorprofile/*"),),
            "Cleanup after a source change deletes a DataIntegration of an earlier profile; scoped to "
            "connector profiles of this account and region.",
        ),
        Grant(
            ("appflow:CreateFlow", "appflow:DeleteFlow", "appflow:TagResource", "appflow:UntagResource"),
            (arn("appflow", "flow/*"),),
            "AppIntegrations names the AppFlow flows it creates; scoped to flows of this account and region.",
        ),
    )


def _stack_and_listing_grants() -> tuple[Grant, ...]:
    """The handler's own stack, and the list and describe actions that take no resource."""
    return (
        # A Create asks whether CloudFormation still waits for it; a Delete of an id CloudFormation made up, which
        # DataIntegration CloudFormation holds. Only of the handler's own stack.
        Grant(("cloudformation:DescribeStackResource",), (pseudo_parameters()["StackId"],)),
        Grant(
            (
                "app-integrations:ListDataIntegrations",
                "app-integrations:ListDataIntegrationAssociations",
                "kms:ListAliases",
                "kms:ListKeys",
                "appflow:DescribeConnectorProfiles",
            ),
            ("*",),
            _NO_RESOURCE_LEVEL,
        ),
    )
