"""Typed sources of a DataIntegration: an AppFlow connector profile, or an S3 bucket."""

import re
from dataclasses import dataclass
from typing import Any

from aws_cdk import Aws
from aws_cdk import aws_appflow as appflow
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3

from cdk_appintegrations_handler.source_uri import SourceKind, parse

from . import prop_types as types
from .arns import arn, bucket_arn
from .key_policy import APP_INTEGRATIONS_PRINCIPAL
from .validation import is_unresolved

# What AppIntegrations needs of an S3 source bucket.
S3_READ_ACTIONS = ("s3:ListBucket", "s3:GetObject", "s3:GetBucketLocation")


@dataclass(frozen=True)
class DataIntegrationSource:
    """Where a DataIntegration pulls from: its ``source_uri``, parsed once into its kind, bucket and profile.

    Make one with ``DataIntegrationSource.appflow``, ``DataIntegrationSource.s3`` or ``DataIntegrationSource.of``.
    Create-only: a new source replaces the DataIntegration.

    :param uri: The ``SourceURI``, such as ``Salesforce://AppFlow/<profile>`` or ``s3://<bucket>``.
    :param connector: The URI's scheme, such as ``Salesforce`` or ``s3``; empty for a string that is not a URI.
    :param kind: ``SourceKind.S3`` or ``SourceKind.APPFLOW``.
    :param bucket_arn: The ARN of an S3 source's bucket, to which the handler's role gets access. Default: none.
    :param profile_name: The AppFlow connector profile's name, when the URI names one. Default: none.
    :param bucket: The bucket of ``DataIntegrationSource.s3``, whose policy the DataIntegration extends.
        Default: none.
    :param profile: The ``CfnConnectorProfile`` of ``DataIntegrationSource.appflow``, which the DataIntegration
        depends on. Default: none.
    """

    uri: str
    connector: str
    kind: SourceKind
    bucket_arn: str | None = None
    profile_name: str | None = None
    bucket: s3.IBucket | None = None
    profile: appflow.CfnConnectorProfile | None = None

    @classmethod
    def appflow(cls, connector: str, profile: "str | appflow.CfnConnectorProfile") -> "DataIntegrationSource":
        """A source through an AppFlow connector profile: ``<connector>://AppFlow/<profile>``.

        :param connector: The connector, a word such as ``Salesforce``, ``ServiceNow``, ``Zendesk`` or
            ``SharePoint``; not ``S3``, which is ``DataIntegrationSource.s3``.
        :param profile: The connector profile's name, or the ``aws_appflow.CfnConnectorProfile``, which the
            DataIntegration then depends on. An empty name is refused at synth.
        """
        found = types.instance_of(str)("source_uri.connector", connector)
        if not isinstance(profile, appflow.CfnConnectorProfile | str):
            found.append(types.expected("source_uri.profile", "str or an appflow.CfnConnectorProfile", profile))
        if found:
            raise TypeError("; ".join(found))
        if not re.fullmatch(r"\w+", connector):
            raise ValueError(f"source_uri: connector must be a word such as Salesforce, got {connector!r}")
        if connector.upper() == SourceKind.S3.value:
            raise ValueError("source_uri: an S3 source is DataIntegrationSource.s3(bucket)")
        if isinstance(profile, str):
            return cls(f"{connector}://AppFlow/{profile}", connector, SourceKind.APPFLOW, profile_name=profile)
        name = profile.connector_profile_name
        return cls(f"{connector}://AppFlow/{name}", connector, SourceKind.APPFLOW, profile_name=name, profile=profile)

    @classmethod
    def s3(cls, bucket: s3.IBucket) -> "DataIntegrationSource":
        """A source in an S3 bucket: ``s3://<bucket>``.

        The DataIntegration adds the bucket policy statement AppIntegrations needs (``s3:ListBucket``,
        ``s3:GetObject``, ``s3:GetBucketLocation`` for ``app-integrations.amazonaws.com``, on condition of
        ``aws:SourceAccount``) and depends on it; for an imported bucket it warns with the statement to add.

        :param bucket: The bucket, made in this app or imported.
        """
        name = None if types.is_text(bucket) else getattr(bucket, "bucket_name", None)
        if not isinstance(name, str):  # jsii interfaces are not runtime-checkable protocols
            raise TypeError(types.expected("source_uri.bucket", "an s3.IBucket", bucket))
        return cls(
            f"s3://{name}",
            SourceKind.S3.value,
            SourceKind.S3,
            bucket_arn=bucket.bucket_arn,
            bucket=bucket,
        )

    @classmethod
    def of(cls, source: "str | DataIntegrationSource") -> "DataIntegrationSource":
        """A source from a URI string, parsed once: its scheme names the connector, and ``s3://`` the bucket.

        :param source: A ``DataIntegrationSource``, returned as it is, or a URI string. A string with a token needs
            its scheme in literal text, as in ``f"s3://{bucket.bucket_name}"``; a token without one is refused.
        """
        if isinstance(source, DataIntegrationSource):
            return source
        found = source_type("source_uri", source)
        if found:
            raise TypeError(found[0])
        parsed = parse(source)
        if not parsed.connector and is_unresolved(source):
            raise ValueError(
                "source_uri: a token without a visible scheme, so neither its kind nor its bucket or profile "
                "is known at synth; use DataIntegrationSource.s3(bucket) or "
                "DataIntegrationSource.appflow(connector=..., profile=...)"
            )
        bucket = bucket_arn(parsed.bucket) if parsed.bucket is not None else None
        return cls(source, parsed.connector, parsed.kind, bucket_arn=bucket, profile_name=parsed.profile)


def source_type(prop: str, value: Any) -> list[str]:
    """The type check of a source_uri: a DataIntegrationSource or a URI string."""
    if isinstance(value, DataIntegrationSource | str):
        return []
    return [types.expected(prop, f"a DataIntegrationSource or a source URI {types.STR}", value)]


def s3_read_statement(bucket: s3.IBucket) -> iam.PolicyStatement:
    """The bucket policy statement that lets AppIntegrations read the bucket for this account's DataIntegrations.

    Both conditions follow AWS's Amazon Q in Connect S3 template: aws:SourceAccount, and aws:SourceArn on the
    DataIntegrations of this account and region, so no other account's or region's can read it through the service.
    """
    return iam.PolicyStatement(
        principals=[iam.ServicePrincipal(APP_INTEGRATIONS_PRINCIPAL)],
        actions=list(S3_READ_ACTIONS),
        resources=[bucket.bucket_arn, bucket.arn_for_objects("*")],
        conditions={
            "StringEquals": {"aws:SourceAccount": Aws.ACCOUNT_ID},
            "ArnLike": {"aws:SourceArn": arn("app-integrations", "data-integration/*")},
        },
    )
