"""Typed sources of a DataIntegration: an AppFlow connector profile, or an S3 bucket."""

import re
from dataclasses import dataclass

from aws_cdk import Aws
from aws_cdk import aws_appflow as appflow
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3

from .validation import is_unresolved

S3_CONNECTOR = "S3"
APP_INTEGRATIONS_PRINCIPAL = "app-integrations.amazonaws.com"
# What AppIntegrations needs of an S3 source bucket.
S3_READ_ACTIONS = ("s3:ListBucket", "s3:GetObject", "s3:GetBucketLocation")
_SCHEME = re.compile(r"^(?P<connector>\w+)://")


@dataclass(frozen=True)
class DataIntegrationSource:
    """Where a DataIntegration pulls from; pass it as ``source_uri``."""

    uri: str
    connector: str
    profile: appflow.CfnConnectorProfile | None = None
    bucket: s3.IBucket | None = None

    @classmethod
    def appflow(cls, connector: str, profile: "str | appflow.CfnConnectorProfile") -> "DataIntegrationSource":
        """An AppFlow connector profile, by name or as the CfnConnectorProfile (then it is created first)."""
        if not re.fullmatch(r"\w+", connector):
            raise ValueError(f"source_uri: connector must be a word such as Salesforce, got {connector!r}")
        if isinstance(profile, str):
            return cls(f"{connector}://AppFlow/{profile}", connector)
        return cls(f"{connector}://AppFlow/{profile.connector_profile_name}", connector, profile=profile)

    @classmethod
    def s3(cls, bucket: s3.IBucket) -> "DataIntegrationSource":
        """An S3 bucket; the construct adds the bucket policy AppIntegrations needs."""
        return cls(f"s3://{bucket.bucket_name}", S3_CONNECTOR, bucket=bucket)

    @classmethod
    def of(cls, source: "str | DataIntegrationSource") -> "DataIntegrationSource":
        """A source from a plain URI string; its connector is the URI's scheme, or empty for a token."""
        if isinstance(source, DataIntegrationSource):
            return source
        scheme = _SCHEME.match(source) if not is_unresolved(source) else None
        return cls(source, scheme["connector"] if scheme else "")


def s3_read_statement(bucket: s3.IBucket) -> iam.PolicyStatement:
    """The bucket policy statement that lets AppIntegrations, for this account only, read the bucket."""
    return iam.PolicyStatement(
        principals=[iam.ServicePrincipal(APP_INTEGRATIONS_PRINCIPAL)],
        actions=list(S3_READ_ACTIONS),
        resources=[bucket.bucket_arn, bucket.arn_for_objects("*")],
        conditions={"StringEquals": {"aws:SourceAccount": Aws.ACCOUNT_ID}},
    )
