"""Typed sources of a DataIntegration: an AppFlow connector profile, or an S3 bucket."""

import re
from typing import Any

from aws_cdk import Annotations, Aws
from aws_cdk import aws_appflow as appflow
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from constructs import Construct

from cdk_appintegrations_handler.source_uri import SourceKind, SourceUri, parse

from . import prop_types as types
from .arns import arn, bucket_arn
from .key_policy import APP_INTEGRATIONS_PRINCIPAL, BUCKET_KEY_ACTIONS, bucket_key_statement
from .provider import DataIntegrationProvider
from .tokens import is_unresolved

# The DataIntegration's warnings, which its source adds when it binds.
WARNING_ID = "@cdk-appintegrations/DataIntegration"
# What AppIntegrations needs of an S3 source bucket.
S3_READ_ACTIONS = ("s3:ListBucket", "s3:GetObject", "s3:GetBucketLocation")


class DataIntegrationSource:
    """Where a DataIntegration pulls from: its ``source_uri``, parsed once into its kind, bucket and profile.

    Make one with ``DataIntegrationSource.appflow``, ``DataIntegrationSource.s3`` or ``DataIntegrationSource.of``,
    as aws-s3-deployment's ``Source``; the DataIntegration binds it, which adds what the source needs.
    Create-only: a new source replaces the DataIntegration.
    """

    def __init__(
        self,
        parsed: SourceUri,
        *,
        bucket_arn: str | None = None,
        bucket: s3.IBucket | None = None,
        profile: appflow.CfnConnectorProfile | None = None,
    ) -> None:
        """Use ``appflow``, ``s3`` or ``of``, which parse or build the URI.

        :param parsed: The ``SourceURI``, parsed.
        :param bucket_arn: The ARN of an S3 source's bucket, to which the handler's role gets access.
        :param bucket: The bucket of ``s3``, whose policy the DataIntegration extends.
        :param profile: The connector profile of ``appflow``, which the DataIntegration depends on.
        """
        self._parsed = parsed
        self._bucket_arn = bucket_arn
        self._bucket = bucket
        self._profile = profile

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
            return cls(SourceUri(f"{connector}://AppFlow/{profile}", connector, SourceKind.APPFLOW, profile=profile))
        name = profile.connector_profile_name
        uri = SourceUri(f"{connector}://AppFlow/{name}", connector, SourceKind.APPFLOW, profile=name)
        return cls(uri, profile=profile)

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
        uri = SourceUri(f"s3://{name}", SourceKind.S3.value, SourceKind.S3, bucket=name)
        return cls(uri, bucket_arn=bucket.bucket_arn, bucket=bucket)

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
        return cls(parsed, bucket_arn=bucket_arn(parsed.bucket) if parsed.bucket is not None else None)

    @property
    def uri(self) -> str:
        """The ``SourceURI``, such as ``Salesforce://AppFlow/<profile>`` or ``s3://<bucket>``."""
        return self._parsed.uri

    @property
    def connector(self) -> str:
        """The URI's scheme, such as ``Salesforce`` or ``s3``; empty for a string that is not a URI."""
        return self._parsed.connector

    def bind(self, scope: Construct) -> None:
        """Add what the source needs to the DataIntegration that reads it; the DataIntegration calls it.

        An AppFlow profile of this app becomes a dependency; an S3 bucket gets the handler's role grant, and its
        policy the statement AppIntegrations reads with, or a warning with the statement when it is imported.

        :param scope: The DataIntegration.
        """
        if self._bucket_arn is not None:
            DataIntegrationProvider.of(scope)._add_bucket(self._bucket_arn)
        if self._profile is not None:
            scope.node.add_dependency(self._profile)
        if self._bucket is not None:
            _bind_bucket(scope, self._bucket)


def _bind_bucket(scope: Construct, bucket: s3.IBucket) -> None:
    """An S3 source's bucket policy and key: the statement AppIntegrations reads with, which scope depends on."""
    key = bucket.encryption_key
    added = bucket.add_to_resource_policy(s3_read_statement(bucket))
    if added.statement_added and added.policy_dependable is not None:
        scope.node.add_dependency(added.policy_dependable)
    else:
        # The key's statement is the BucketKey warning's when the key is known, and this one's otherwise.
        unknown_key = "" if key is not None else f", and {', '.join(BUCKET_KEY_ACTIONS)} on its key if SSE-KMS"
        Annotations.of(scope).add_warning_v2(
            f"{WARNING_ID}:ImportedBucket",
            "source_uri: the bucket is imported, so its policy is not managed here; allow "
            f"{APP_INTEGRATIONS_PRINCIPAL} {', '.join(S3_READ_ACTIONS)} on it, with aws:SourceAccount and "
            f"aws:SourceArn ArnLike this account's and region's data-integration/*{unknown_key}",
        )
    _bind_key(scope, key)


def _bind_key(scope: Construct, key: kms.IKey | None) -> None:
    """An SSE-KMS bucket's key lets AppIntegrations decrypt what it reads; a key not of this app gets a warning."""
    if key is None:
        return
    # The statement is in the key's own policy, which the bucket, and so the DataIntegration, depends on.
    if key.add_to_resource_policy(bucket_key_statement()).statement_added:
        return
    Annotations.of(scope).add_warning_v2(
        f"{WARNING_ID}:BucketKey",
        "source_uri: the bucket's key is not a kms.Key of this app, so its policy is not managed here; allow "
        f"{APP_INTEGRATIONS_PRINCIPAL} {', '.join(BUCKET_KEY_ACTIONS)} on it, with aws:SourceAccount",
    )


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
