"""What the handler's role needs for one DataIntegration: its key, its source, adoption."""

import re

from .provider import DataIntegrationProvider, pseudo_parameters
from .source import S3_CONNECTOR, DataIntegrationSource

_APPFLOW_SOURCE = re.compile(r"^\w+://AppFlow/(?P<profile>[\w/!@#+=.-]+)$", re.IGNORECASE)
_S3_SOURCE = re.compile(r"^s3://(?P<bucket>[\w.-]+)", re.IGNORECASE)
_NO_RESOURCE_LEVEL = "These list and describe actions support no resource-level permissions."


def grant_for(provider: DataIntegrationProvider, key_arn: str, source: DataIntegrationSource, adopt: bool) -> None:
    """The permissions AppIntegrations needs of its caller for this key and source, and adoption's lookups."""
    provider.grant(["kms:CreateGrant", "kms:DescribeKey", "kms:ListGrants"], [key_arn])
    provider.grant(["kms:ListAliases", "kms:ListKeys"], ["*"], wildcard=_NO_RESOURCE_LEVEL)
    if adopt:
        provider.grant(
            ["app-integrations:GetDataIntegration"],
            [provider.arn("app-integrations", "data-integration/*")],
            wildcard="Ids are assigned by AppIntegrations at create time; scoped to this account and region.",
        )
        provider.grant(["app-integrations:ListDataIntegrations"], ["*"], wildcard=_NO_RESOURCE_LEVEL)
    bucket_arn = _bucket_arn(source)
    if bucket_arn is not None:
        provider.grant(
            ["s3:GetBucketNotification", "s3:PutBucketNotification", "s3:GetEncryptionConfiguration"], [bucket_arn]
        )
        return
    appflow = _APPFLOW_SOURCE.match(source.uri) if source.connector else None
    profile = appflow["profile"] if appflow else "*"
    provider.grant(
        ["appflow:UseConnectorProfile", "appflow:DescribeConnectorEntity"],
        [provider.arn("appflow", f"connectorprofile/{profile}")],
        wildcard=None if appflow else "The source URI is a token, so the connector profile is known only at deploy.",
    )
    provider.grant(
        ["appflow:CreateFlow", "appflow:DeleteFlow", "appflow:TagResource", "appflow:UntagResource"],
        [provider.arn("appflow", "flow/*")],
        wildcard="AppIntegrations names the AppFlow flows it creates; scoped to flows of this account and region.",
    )
    provider.grant(["appflow:DescribeConnectorProfiles"], ["*"], wildcard=_NO_RESOURCE_LEVEL)


def _bucket_arn(source: DataIntegrationSource) -> str | None:
    if source.bucket is not None:
        return source.bucket.bucket_arn
    literal = _S3_SOURCE.match(source.uri) if source.connector.upper() == S3_CONNECTOR else None
    return f"arn:{pseudo_parameters()['Partition']}:s3:::{literal['bucket']}" if literal else None
