"""DataIntegration: the L2 construct for an Amazon AppIntegrations DataIntegration."""

from collections.abc import Mapping, Sequence
from typing import Any

import jsii
from aws_cdk import (
    Annotations,
    CfnResource,
    ITaggableV2,
    RemovalPolicy,
    Resource,
    TagManager,
    TagType,
    Token,
)
from aws_cdk import aws_kms as kms
from aws_cdk import aws_wisdom as wisdom
from aws_cdk.interfaces.aws_appintegrations import DataIntegrationReference, IDataIntegrationRef
from cdk_appintegrations_handler import contract

from constructs import Construct

from .config import FileConfiguration, ScheduleConfig
from .keys import key_problems
from .provider import SERVICE_TIMEOUT_S, DataIntegrationProvider
from .reference import ImportedDataIntegration, knowledge_base_source
from .source import S3_READ_ACTIONS, DataIntegrationSource, s3_read_statement
from .validation import is_unresolved, knowledge_base_warnings, problems, source_problems

WARNING_ID = "@cdk-appintegrations/DataIntegration"


@jsii.implements(IDataIntegrationRef, ITaggableV2)
class DataIntegration(Resource):
    """An Amazon AppIntegrations DataIntegration, created by a shared custom-resource handler."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        kms_key: kms.IKey | str,
        source_uri: str | DataIntegrationSource,
        data_integration_name: str | None = None,
        description: str | None = None,
        schedule_config: ScheduleConfig | None = None,
        file_configuration: FileConfiguration | None = None,
        object_configuration: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
        tags: Mapping[str, str] | None = None,
        client_token: str | None = None,
        removal_policy: RemovalPolicy | None = None,
        adopt_existing: bool = False,
    ) -> None:
        super().__init__(scope, construct_id)
        provider = DataIntegrationProvider.of(scope)
        self._kms_key = kms_key
        key_arn = kms_key if isinstance(kms_key, str) else kms_key.key_arn
        try:
            source = DataIntegrationSource.of(source_uri)
        except ValueError as error:
            raise ValueError(f"DataIntegration {self.node.path}: {error}") from None
        properties = _without_none(
            {
                contract.NAME: data_integration_name,
                contract.DESCRIPTION: description,
                contract.KMS_KEY: key_arn,
                contract.SOURCE_URI: source.uri,
                contract.SCHEDULE_CONFIG: schedule_config.render() if schedule_config else None,
                contract.FILE_CONFIGURATION: file_configuration.render() if file_configuration else None,
                contract.OBJECT_CONFIGURATION: _plain(object_configuration),
                contract.CLIENT_TOKEN: client_token,
            }
        )
        found = problems({**properties, **({contract.TAGS: dict(tags)} if tags else {})})
        found += source_problems(source.connector, properties)
        found += key_problems(kms_key, key_arn, provider.environment)
        if adopt_existing and data_integration_name is None:
            found.append("adopt_existing: needs data_integration_name, the name of the DataIntegration to adopt")
        literal_name = (
            data_integration_name if data_integration_name and not is_unresolved(data_integration_name) else None
        )
        if literal_name is not None:
            found += _name_problems(provider, literal_name)
        if found:
            raise ValueError(f"DataIntegration {self.node.path}: " + "; ".join(found))
        if literal_name is not None:
            provider.names.take(literal_name, provider.environment, self)
        for warning in knowledge_base_warnings(source.connector, properties.get(contract.OBJECT_CONFIGURATION)):
            Annotations.of(self).add_warning_v2(f"{WARNING_ID}:KnowledgeBaseFields", warning)

        self._tag_manager = TagManager(TagType.MAP, contract.RESOURCE_TYPE, dict(tags or {}))
        provider.tag_rules.watch(construct_id, self._tag_manager)
        if source.bucket_arn is not None:
            provider.add_bucket(source.bucket_arn)
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
                **({contract.ADOPT_EXISTING: "true"} if adopt_existing else {}),
            },
        )
        if removal_policy is not None:
            self._resource.apply_removal_policy(removal_policy)
        self._bind(source)

    @classmethod
    def from_data_integration_arn(cls, scope: Construct, construct_id: str, arn: str) -> ImportedDataIntegration:
        """A DataIntegration made elsewhere, by ARN."""
        return ImportedDataIntegration.from_arn(scope, construct_id, arn)

    @classmethod
    def from_data_integration_id(
        cls, scope: Construct, construct_id: str, data_integration_id: str
    ) -> ImportedDataIntegration:
        """A DataIntegration made elsewhere, by Id, in this stack's account and region."""
        return ImportedDataIntegration.from_id(scope, construct_id, data_integration_id)

    def knowledge_base_source(
        self, object_fields: Sequence[str] | None = None
    ) -> wisdom.CfnKnowledgeBase.SourceConfigurationProperty:
        """The source configuration of an Amazon Q in Connect (Wisdom) knowledge base fed by this DataIntegration.

        A DataIntegration can be associated once: replacing the knowledge base means replacing it too.
        """
        return knowledge_base_source(self.data_integration_arn, object_fields)

    def _bind(self, source: DataIntegrationSource) -> None:
        """What the source needs before the DataIntegration: its profile, its bucket policy."""
        if source.profile is not None:
            self.node.add_dependency(source.profile)
        if source.bucket is None:
            return
        added = source.bucket.add_to_resource_policy(s3_read_statement(source.bucket))
        if added.statement_added and added.policy_dependable is not None:
            self.node.add_dependency(added.policy_dependable)
        else:
            Annotations.of(self).add_warning_v2(
                f"{WARNING_ID}:ImportedBucket",
                "source_uri: the bucket is imported, so its policy is not managed here; allow "
                f"app-integrations.amazonaws.com {', '.join(S3_READ_ACTIONS)} on it, with aws:SourceAccount",
            )

    @property
    def kms_key(self) -> kms.IKey | str:
        """The key that encrypts the DataIntegration's data, as given: a kms.IKey or a key ARN."""
        return self._kms_key

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


def _name_problems(provider: DataIntegrationProvider, name: str) -> list[str]:
    """A DataIntegration of possibly the same account and region, in this app, that has the name already."""
    other = provider.names.taken_by(name, provider.environment)
    if other is None:
        return []
    return [
        f"data_integration_name: {name!r} is the name of DataIntegration {other.node.path} too, in possibly the "
        "same account and region; AppIntegrations keeps names unique there"
    ]


def _plain(value: Mapping[str, Mapping[str, Sequence[str]]] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {k: {f: list(v) for f, v in fields.items()} for k, fields in value.items()}


def _without_none(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}
