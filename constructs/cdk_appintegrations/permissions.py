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
_NO_RESOURCE_LEVEL = "These list and describe actions support no resource-level permissions."


@dataclass(frozen=True)
class Grant:
    """One statement of the role's policy; a wildcard resource comes with the reason that acknowledges it."""

    actions: tuple[str, ...]
    resources: tuple[str, ...]
    wildcard: str | None = None
    conditions: Mapping[str, Mapping[str, str]] | None = None


def via_app_integrations() -> str:
    """The kms:ViaService value of KMS requests that AppIntegrations makes in this stack's region.

    kms:ViaService is the endpoint name of the service that calls KMS on the principal's behalf,
    SERVICE.REGION.amazonaws.com:
    https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
    AppIntegrations' endpoint is app-integrations.REGION.amazonaws.com.
    """
    return f"app-integrations.{pseudo_parameters()['Region']}.amazonaws.com"


def handler_grants() -> tuple[Grant, ...]:
    """The statements every stack with a DataIntegration gets, whatever its keys and sources."""
    return (
        Grant(
            (
                "app-integrations:CreateDataIntegration",
                "app-integrations:GetDataIntegration",
                "app-integrations:UpdateDataIntegration",
                "app-integrations:DeleteDataIntegration",
                "app-integrations:TagResource",
                "app-integrations:UntagResource",
                "app-integrations:ListDataIntegrationAssociations",
            ),
            (arn("app-integrations", "data-integration/*"),),
            "Ids are assigned by AppIntegrations at create time; scoped to this account and region.",
        ),
        Grant(
            KEY_ACTIONS,
            (arn("kms", "key/*"),),
            "Cleanup after a re-key deletes a DataIntegration of an earlier key; scoped to keys of this account "
            "and region, and to requests AppIntegrations makes (kms:ViaService).",
            {"StringEquals": {"kms:ViaService": via_app_integrations()}},
        ),
        Grant(
            ("kms:DescribeKey",),
            (arn("kms", "key/*"),),
            "DescribeKey reads key metadata: AppIntegrations calls it for the key of any version of the stack, the "
            "handler before a create (pre-flight). Scoped to keys of this account and region.",
        ),
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
        Grant(
            (
                "app-integrations:ListDataIntegrations",
                "kms:ListAliases",
                "kms:ListKeys",
                "appflow:DescribeConnectorProfiles",
            ),
            ("*",),
            _NO_RESOURCE_LEVEL,
        ),
    )
