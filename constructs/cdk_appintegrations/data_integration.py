"""DataIntegration: the L2 construct for an Amazon AppIntegrations DataIntegration."""

import re
from collections.abc import Mapping, Sequence
from typing import Any

import jsii
from aws_cdk import (
    CfnResource,
    ITaggableV2,
    RemovalPolicy,
    Resource,
    TagManager,
    TagType,
    Token,
)
from aws_cdk import aws_kms as kms
from aws_cdk.interfaces.aws_appintegrations import DataIntegrationReference, IDataIntegrationRef

from constructs import Construct

from .config import FileConfiguration, ScheduleConfig
from .handler import contract
from .provider import SERVICE_TIMEOUT_S, DataIntegrationProvider, pseudo_parameters
from .validation import is_unresolved, problems

_APPFLOW_SOURCE = re.compile(r"^\w+://AppFlow/(?P<profile>[\w/!@#+=.-]+)$", re.IGNORECASE)
_S3_SOURCE = re.compile(r"^s3://(?P<bucket>[\w.-]+)", re.IGNORECASE)
_KMS_KEY_ARN = re.compile(r"^arn:[\w-]+:kms:")
_NO_RESOURCE_LEVEL = "These list and describe actions support no resource-level permissions."


@jsii.implements(IDataIntegrationRef, ITaggableV2)
class DataIntegration(Resource):
    """An Amazon AppIntegrations DataIntegration, created by a shared custom-resource handler."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        kms_key: kms.IKey | str,
        source_uri: str,
        data_integration_name: str | None = None,
        description: str | None = None,
        schedule_config: ScheduleConfig | None = None,
        file_configuration: FileConfiguration | None = None,
        object_configuration: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
        tags: Mapping[str, str] | None = None,
        client_token: str | None = None,
        removal_policy: RemovalPolicy | None = None,
    ) -> None:
        super().__init__(scope, construct_id)
        key_arn = kms_key if isinstance(kms_key, str) else kms_key.key_arn
        properties = _without_none(
            {
                contract.NAME: data_integration_name,
                contract.DESCRIPTION: description,
                contract.KMS_KEY: key_arn,
                contract.SOURCE_URI: source_uri,
                contract.SCHEDULE_CONFIG: schedule_config.render() if schedule_config else None,
                contract.FILE_CONFIGURATION: file_configuration.render() if file_configuration else None,
                contract.OBJECT_CONFIGURATION: _plain(object_configuration),
                contract.CLIENT_TOKEN: client_token,
            }
        )
        found = problems({**properties, **({contract.TAGS: dict(tags)} if tags else {})})
        if not is_unresolved(key_arn) and not _KMS_KEY_ARN.match(key_arn):
            found.append(f"kms_key: must be a KMS key ARN or an IKey, got {key_arn!r}")
        if found:
            raise ValueError(f"DataIntegration {self.node.path}: " + "; ".join(found))

        self._tag_manager = TagManager(TagType.MAP, contract.RESOURCE_TYPE, dict(tags or {}))
        provider = DataIntegrationProvider.of(self)
        provider.tag_rules.watch(construct_id, self._tag_manager)
        _grant_dependencies(provider, key_arn, source_uri)
        # A CfnResource rather than the CustomResource L2, which always renders DeletionPolicy and
        # UpdateReplacePolicy "Delete": CloudFormation's default, ~55 bytes a resource to say it.
        self._resource = CfnResource(
            self,
            "Resource",
            type=contract.RESOURCE_TYPE,
            properties={
                "ServiceToken": provider.service_token,
                "ServiceTimeout": str(SERVICE_TIMEOUT_S),
                **properties,
                contract.TAGS: self._tag_manager.rendered_tags,
            },
        )
        if removal_policy is not None:
            self._resource.apply_removal_policy(removal_policy)

    @property
    def data_integration_arn(self) -> str:
        """The ARN (Fn::GetAtt Arn)."""
        return self._attribute(contract.ATTR_ARN)

    @property
    def data_integration_id(self) -> str:
        """The Id (Fn::GetAtt Id; Ref gives it too)."""
        return self._attribute(contract.ATTR_ID)

    @property
    def data_integration_name(self) -> str:
        """The name, given or generated (Fn::GetAtt Name)."""
        return self._attribute(contract.ATTR_NAME)

    def _attribute(self, name: str) -> str:
        # Built on first use: each is a jsii round trip, and most apps read one or two.
        return Token.as_string(self._resource.get_att(name))

    @property
    def data_integration_ref(self) -> DataIntegrationReference:
        """A reference to this DataIntegration, for CDK APIs that take IDataIntegrationRef."""
        return DataIntegrationReference(
            data_integration_arn=self.data_integration_arn, data_integration_id=self.data_integration_id
        )

    @property
    def cdk_tag_manager(self) -> TagManager:
        """The tags, which Tags.of() reaches."""
        return self._tag_manager

    def apply_removal_policy(self, policy: RemovalPolicy) -> None:
        """What happens to the DataIntegration when it leaves the stack."""
        self._resource.apply_removal_policy(policy)


def _grant_dependencies(provider: DataIntegrationProvider, key_arn: str, source_uri: str) -> None:
    """The permissions AppIntegrations needs of its caller for this key and source."""
    provider.grant(["kms:CreateGrant", "kms:DescribeKey", "kms:ListGrants"], [key_arn])
    provider.grant(["kms:ListAliases", "kms:ListKeys"], ["*"], wildcard=_NO_RESOURCE_LEVEL)
    literal = not is_unresolved(source_uri)
    s3 = _S3_SOURCE.match(source_uri) if literal else None
    if s3:
        provider.grant(
            ["s3:GetBucketNotification", "s3:PutBucketNotification", "s3:GetEncryptionConfiguration"],
            [f"arn:{pseudo_parameters()['Partition']}:s3:::{s3['bucket']}"],
        )
        return
    appflow = _APPFLOW_SOURCE.match(source_uri) if literal else None
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


def _plain(value: Mapping[str, Mapping[str, Sequence[str]]] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {k: {f: list(v) for f, v in fields.items()} for k, fields in value.items()}


def _without_none(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}
