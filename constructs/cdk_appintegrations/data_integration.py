"""DataIntegration: the L2 construct for an Amazon AppIntegrations DataIntegration."""

from collections.abc import Mapping, Sequence
from typing import Any

import jsii
from aws_cdk import (
    Annotations,
    CfnResource,
    ITaggableV2,
    RemovalPolicy,
    TagManager,
    TagType,
    Token,
)
from aws_cdk import aws_kms as kms
from constructs import Construct, IValidation

from cdk_appintegrations_handler import contract

from . import prop_types as types
from .config import FileConfiguration, ScheduleConfig
from .fields import pulled_fields
from .keys import key_problems
from .knowledge_base_rules import knowledge_base_warnings
from .provider import SERVICE_TIMEOUT_S, DataIntegrationProvider, TagRules
from .reference import DataIntegrationBase, IDataIntegration, _ImportedDataIntegration
from .source import DataIntegrationSource, source_type
from .tokens import is_unresolved
from .validation import (
    problems,
    read_tag_problems,
    schedule_warnings,
    source_problems,
)

WARNING_ID = "@cdk-appintegrations/DataIntegration"
# The type of each prop but kms_key, whose ARN is read once, with its check.
_PROP_TYPES: dict[str, types.Check] = {
    "source_uri": source_type,
    "data_integration_name": types.optional(types.text),
    "description": types.optional(types.text),
    "schedule_config": types.optional(types.instance_of(ScheduleConfig)),
    "file_configuration": types.optional(types.instance_of(FileConfiguration)),
    "object_configuration": types.optional(types.object_map),
    "tags": types.optional(types.text_map),
    "client_token": types.optional(types.text),
    "removal_policy": types.optional(types.instance_of(RemovalPolicy)),
    "adopt_existing": types.boolean,
}


@jsii.implements(ITaggableV2)
class DataIntegration(DataIntegrationBase):
    """An Amazon AppIntegrations DataIntegration, made by a custom resource with one handler per stack.

    A DataIntegration feeds Amazon Connect and Amazon Q in Connect knowledge bases from Salesforce, ServiceNow,
    Zendesk, SharePoint or S3. Its props are the members of the ``CreateDataIntegration`` request, checked at synth
    against the AppIntegrations API model (literal values; tokens are skipped); an error names the prop and the rule.
    Each prop's type is checked where it enters: ``prop: expected X, got Y``, a ``TypeError``.

    ``data_integration_name``, ``description`` and ``tags`` update in place and keep the Id. ``kms_key``,
    ``source_uri``, ``schedule_config``, ``file_configuration`` and ``object_configuration`` are create-only:
    changing any of them replaces the DataIntegration. A replacement creates a new one, under a new generated name,
    and CloudFormation deletes the old one in its cleanup. Names are unique and client tokens single-use, so a
    replacement that keeps a fixed ``data_integration_name`` or ``client_token`` fails, asking for a new one.

    Amazon Q in Connect associates a DataIntegration with one knowledge base, once. So whatever replaces the
    knowledge base of the ``KnowledgeBase`` that reads this DataIntegration (its name, description,
    ``object_fields``, key or tags, ``Tags.of(stack)`` included) replaces the DataIntegration too, in the same
    deploy; the new knowledge base then ingests the source's data again. The ``KnowledgeBase`` gives it the
    property ``KnowledgeBase``, a digest of those values, which the handler records in the tag
    ``cdk-appintegrations:knowledge-base``. With a fixed ``data_integration_name`` such a change fails, asking to
    leave the name unset or set a new one.

    Example::

        key = kms.Key(stack, "Key", enable_key_rotation=True)
        fields = ["Id", "ArticleNumber", "VersionNumber", "Title", "PublishStatus", "IsDeleted"]
        articles = DataIntegration(
            stack,
            "Articles",
            kms_key=key,
            source_uri=DataIntegrationSource.appflow(connector="Salesforce", profile="my-profile"),
            object_configuration={"Knowledge__kav": {"fields": fields}},
        )
    """

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
        r"""
        :param scope: The scope in which to define this construct.
        :param construct_id: The id of this construct, unique in its scope. The logical id of the custom resource
            derives from it: a new id is a new DataIntegration.
        :param kms_key: The KMS key AppIntegrations encrypts the data with (``KmsKey``): a ``kms.IKey`` of a key
            (``kms.Key``, ``Key.from_key_arn``) or a key ARN string, of the stack's account and region, at most 255
            characters. Aliases (``kms.Alias``, ``Alias.from_alias_name``, alias ARNs or names) and bare key ids are
            refused at synth, and so are tokens that resolve to a key id (``key.key_id``, a key's ``Ref``) or an
            alias, and a literal key ARN of another account or region than a literal one of the stack. Required.
            Create-only: changing it replaces the DataIntegration.
        :param source_uri: Where the data comes from (``SourceURI``): ``DataIntegrationSource.appflow(connector,
            profile)``, ``DataIntegrationSource.s3(bucket)`` (which also adds the bucket policy AppIntegrations
            needs), or a string such as ``Salesforce://AppFlow/<profile>`` or ``s3://<bucket>``. At most 1000
            characters, matching the API model's pattern; one naming no AppFlow connector profile is refused. A
            string with a token needs its scheme in literal text, as in ``f"s3://{bucket.bucket_name}"``; a token
            without one is refused at synth. The key of an SSE-KMS bucket of ``DataIntegrationSource.s3`` lets
            ``app-integrations.amazonaws.com`` ``kms:Decrypt`` when it is a ``kms.Key`` of this app; another key gets
            a warning (``@cdk-appintegrations/DataIntegration:BucketKey``). Required. Create-only: changing it
            replaces the DataIntegration.
        :param data_integration_name: The name (``Name``): ``^[a-zA-Z0-9/\._\-]+$``, at most 255 characters, unique
            in an account and region. A literal name given to two DataIntegrations of one app whose accounts and
            regions may be the same (a token account or region may be any) is refused at synth, naming both. Default:
            a unique name the handler generates at deploy, from the stack name, the logical id and a digest of the
            stack id and the create-only props, new on each replacement; it is not in the template, and
            ``data_integration_name`` reads it. Changing it renames the DataIntegration in place.
        :param description: A description (``Description``), at most 1000 characters. Default: none. Changing it
            updates the DataIntegration in place.
        :param schedule_config: How often, and from when, the source object is pulled (``ScheduleConfig``):
            ``ScheduleConfig.rate(...)`` or ``ScheduleConfig(schedule_expression, object, first_execution_from)``.
            The expression is ``rate(<n> <unit>)`` or ``cron(...)``, as AppFlow documents. An ``object`` that
            ``object_configuration`` does not name gets a warning
            (``@cdk-appintegrations/DataIntegration:ScheduleObject``). Not with an S3 source. Default: none.
            Create-only: changing it replaces the DataIntegration.
        :param file_configuration: The folders to pull files from, and filters (``FileConfiguration``): 1 to 10
            folders (a sequence, never a str) of at most 200 characters each. Not with an S3 source; a SharePoint
            source needs one. Default: none. Create-only: changing it replaces the DataIntegration.
        :param object_configuration: The fields to pull from each source object (``ObjectConfiguration``), as
            ``{object: {key: [field, ...]}}``, e.g. ``{"Knowledge__kav": {"fields": ["Id", "Title"]}}``: at least one
            object, each with at least one key; each field matches ``^[a-zA-Z0-9/\._\-]+$``. Not with an S3 source.
            For a Salesforce, ServiceNow or Zendesk source, an object that lacks a field an Amazon Q in Connect
            knowledge base needs gets a synth warning (``@cdk-appintegrations/DataIntegration:KnowledgeBaseFields``;
            acknowledge it with ``Validations.of(c).acknowledge(Acknowledgment(id=..., reason=...))``). Default:
            none. Create-only: changing it replaces the DataIntegration.
        :param tags: Tags (``Tags``): at most 199, since the handler writes its own ``cdk-appintegrations:owner``
            tag, the 200th the API allows, and at most 198 when a ``KnowledgeBase`` reads the DataIntegration, whose
            binding the handler records in the tag ``cdk-appintegrations:knowledge-base``; keys of 1 to 128
            characters, not starting with ``aws:`` and not one of the handler's; values of at most 256 characters.
            ``Tags.of(scope).add(...)`` reaches the DataIntegration too. Default: none. Changing them updates the
            DataIntegration in place: ``TagResource`` for what is new or changed, ``UntagResource`` only for the tags
            the stack gave it before and no longer does; tags others write (Amazon Connect, tag policies) stay.
        :param client_token: The idempotency token of ``CreateDataIntegration`` (``ClientToken``), at most 2048
            characters. Default: derived from the CloudFormation request (its ``RequestId``), so a redelivered
            request creates nothing new. Read at create only: changing it alone changes nothing, and a replacement
            that keeps it fails, asking for a new one, since tokens are single-use.
        :param removal_policy: What happens to the DataIntegration when it leaves the stack or is replaced
            (``DeletionPolicy`` and ``UpdateReplacePolicy``). Default: CloudFormation's own, delete, left out of the
            template. ``RemovalPolicies.of(scope)`` and ``apply_removal_policy`` set it too. Changing it replaces
            nothing.
        :param adopt_existing: Whether a create that finds the name taken adopts the DataIntegration that has it:
            only if its create-only properties are the requested ones and no other stack's resource owns it; it
            then gets the requested description and tags, and is this stack's, removal policy included. Needs
            ``data_integration_name``. Default: ``False``, a taken name fails the create. Read at create only:
            changing it replaces nothing.
        """
        props = {name: value for name, value in locals().items() if name in _PROP_TYPES}  # as given
        super().__init__(scope, construct_id)
        key_arn = _typed_key_arn(self.node.path, kms_key, props)
        provider = DataIntegrationProvider.of(scope)
        self._kms_key = kms_key
        try:
            source = DataIntegrationSource.of(source_uri)
        except ValueError as error:
            raise ValueError(f"DataIntegration {self.node.path}: {error}") from None
        properties = _properties(props, key_arn, source)
        literal_name = (
            data_integration_name if data_integration_name and not is_unresolved(data_integration_name) else None
        )
        found = _problems(provider, props, properties, source.connector, (kms_key, key_arn), literal_name)
        if found:
            raise ValueError(f"DataIntegration {self.node.path}: " + "; ".join(found))
        if literal_name is not None:
            provider.names.take(literal_name, provider.environment, self)
        objects = properties.get(contract.OBJECT_CONFIGURATION)
        for warning in knowledge_base_warnings(source.connector, objects):
            Annotations.of(self).add_warning_v2(f"{WARNING_ID}:KnowledgeBaseFields", warning)
        for warning in schedule_warnings(properties.get(contract.SCHEDULE_CONFIG), objects):
            Annotations.of(self).add_warning_v2(f"{WARNING_ID}:ScheduleObject", warning)
        self._object_fields = pulled_fields(objects)

        # The TagManager, two jsii round trips, is built only when Tags.of() asks for it. Until then the
        # literal tags are a property override, which the manager's rendering replaces whole (a property
        # would be merged with it key by key, keeping a tag that Tags.of() removed).
        self._tags = dict(tags or {})
        self._tag_manager: TagManager | None = None
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
                **({contract.ADOPT_EXISTING: "true"} if adopt_existing else {}),
            },
        )
        if self._tags:
            self._resource.add_property_override(contract.TAGS, self._tags)
        if removal_policy is not None:
            self._resource.apply_removal_policy(removal_policy)
        source.bind(self)

    @classmethod
    def from_data_integration_arn(cls, scope: Construct, construct_id: str, arn: str) -> IDataIntegration:
        """Reference a DataIntegration made elsewhere, by its ARN.

        :param scope: The scope in which to define the reference.
        :param construct_id: The id of the reference, unique in its scope.
        :param arn: An AppIntegrations data-integration ARN,
            ``arn:<partition>:app-integrations:<region>:<account>:data-integration/<id>``, or a token, whose Id is
            then split out at deploy. Any other literal is refused.
        :return: the DataIntegration, which also implements ``IDataIntegrationRef``.
        """
        return _ImportedDataIntegration.from_arn(scope, construct_id, arn)

    @classmethod
    def from_data_integration_attributes(
        cls,
        scope: Construct,
        construct_id: str,
        *,
        data_integration_arn: str,
        kms_key: kms.IKey | str | None = None,
        data_integration_name: str | None = None,
    ) -> IDataIntegration:
        """Reference a DataIntegration made elsewhere, by its ARN, with its key and name where known.

        A knowledge base on it takes its key by default, so it needs no ``kms_key`` of its own.

        :param scope: The scope in which to define the reference.
        :param construct_id: The id of the reference, unique in its scope.
        :param data_integration_arn: An AppIntegrations data-integration ARN, or a token, as for
            ``from_data_integration_arn``.
        :param kms_key: The key that encrypts its data: a ``kms.IKey`` or a key ARN. Default: unknown.
        :param data_integration_name: Its name. Default: unknown.
        :return: the DataIntegration, which also implements ``IDataIntegrationRef``.
        """
        return _ImportedDataIntegration.from_arn(
            scope, construct_id, data_integration_arn, kms_key=kms_key, data_integration_name=data_integration_name
        )

    @classmethod
    def from_data_integration_id(
        cls, scope: Construct, construct_id: str, data_integration_id: str
    ) -> IDataIntegration:
        """Reference a DataIntegration made elsewhere, by its Id, in the stack's partition, account and region.

        :param scope: The scope in which to define the reference.
        :param construct_id: The id of the reference, unique in its scope.
        :param data_integration_id: The Id of the DataIntegration, a literal or a token.
        :return: the DataIntegration, which also implements ``IDataIntegrationRef``.
        """
        return _ImportedDataIntegration.from_id(scope, construct_id, data_integration_id)

    def _read_by_knowledge_base(self, binding: str) -> None:
        """A KnowledgeBase reads this DataIntegration: its binding, a digest that replaces this one when it changes.

        The handler writes a second tag then, so fewer user tags fit; checked at synth, Tags.of() included.
        """
        self._resource.add_property_override(contract.KNOWLEDGE_BASE, binding)
        self.node.add_validation(_ReadTags(self))

    def _final_tags(self) -> Mapping[str, str]:
        """The tags the template gets: the literal ones, or the TagManager's once Tags.of() reached it."""
        return self._tags if self._tag_manager is None else self._tag_manager.tag_values()

    @property
    def kms_key(self) -> kms.IKey | str:
        """The key that encrypts the DataIntegration's data, as given: a kms.IKey or a key ARN."""
        return self._kms_key

    @property
    def object_fields(self) -> Sequence[str] | None:
        """The fields the DataIntegration pulls: those of every object of its ``object_configuration``, in order,
        each once; None without one, or when a name or field is a token.

        A knowledge base that names no ``object_fields`` gets these from the service, and a warning for any field
        it names that is not among them.
        """
        return self._object_fields

    @property
    def data_integration_arn(self) -> str:
        """The ARN of the DataIntegration (``Fn::GetAtt`` ``Arn``), a token until deploy.

        Used in another stack of the app, it becomes a cross-stack reference (an export and an ``Fn::ImportValue``).
        """
        return self._attribute(contract.ATTR_ARN)

    @property
    def data_integration_id(self) -> str:
        """The Id of the DataIntegration (``Fn::GetAtt`` ``Id``; ``Ref`` gives it too), a token until deploy.

        It is the physical id of the custom resource: a replacement changes it, an in-place update does not.
        """
        return self._attribute(contract.ATTR_ID)

    @property
    def data_integration_name(self) -> str:
        """The name of the DataIntegration, given or generated (``Fn::GetAtt`` ``Name``), a token until deploy."""
        return self._attribute(contract.ATTR_NAME)

    def _attribute(self, name: str) -> str:
        # Built on first use: each is a jsii round trip, and most apps read one or two.
        return Token.as_string(self._resource.get_att(name))

    @property
    def cdk_tag_manager(self) -> TagManager:
        """The tags of the DataIntegration, which ``Tags.of(scope)`` reaches (``ITaggableV2``)."""
        if self._tag_manager is None:
            self._tag_manager = TagManager(TagType.MAP, contract.RESOURCE_TYPE, self._tags)
            self._resource.add_property_override(contract.TAGS, self._tag_manager.rendered_tags)
            # Checked at synth, when Tags.of() has done its work; reported under this DataIntegration's path.
            self.node.add_validation(TagRules(self.node.path, self._tag_manager))
        return self._tag_manager

    def apply_removal_policy(self, policy: RemovalPolicy) -> None:
        """Set what happens to the DataIntegration when it leaves the stack or is replaced.

        Sets the custom resource's ``DeletionPolicy`` and ``UpdateReplacePolicy``; ``RemovalPolicies.of(scope)``
        reaches it too.

        :param policy: ``RemovalPolicy.DESTROY`` deletes the DataIntegration (CloudFormation's default),
            ``RemovalPolicy.RETAIN`` leaves it in the account.
        """
        self._resource.apply_removal_policy(policy)


def _properties(props: Mapping[str, Any], key_arn: str, source: DataIntegrationSource) -> dict[str, Any]:
    """The custom resource's API properties from the props as given (tags aside, which are an override)."""
    schedule_config, file_configuration = props.get("schedule_config"), props.get("file_configuration")
    return _without_none(
        {
            contract.NAME: props.get("data_integration_name"),
            contract.DESCRIPTION: props.get("description"),
            contract.KMS_KEY: key_arn,
            contract.SOURCE_URI: source.uri,
            contract.SCHEDULE_CONFIG: schedule_config.render() if schedule_config else None,
            contract.FILE_CONFIGURATION: file_configuration.render() if file_configuration else None,
            contract.OBJECT_CONFIGURATION: _plain(props.get("object_configuration")),
            contract.CLIENT_TOKEN: props.get("client_token"),
        }
    )


def _problems(
    provider: DataIntegrationProvider,
    props: Mapping[str, Any],
    properties: Mapping[str, Any],
    connector: str,
    key: tuple[kms.IKey | str, str],
    literal_name: str | None,
) -> list[str]:
    """Every rule the props break: the model's, the source's, the key's, adoption's and the app's unique names."""
    tags = props.get("tags")
    found = problems({**properties, **({contract.TAGS: dict(tags)} if tags else {})})
    found += source_problems(connector, properties)
    found += key_problems(key[0], key[1], provider.environment)
    if props.get("adopt_existing") and props.get("data_integration_name") is None:
        found.append("adopt_existing: needs data_integration_name, the name of the DataIntegration to adopt")
    if literal_name is not None:
        found += _name_problems(provider, literal_name)
    return found


def _typed_key_arn(path: str, kms_key: Any, props: Mapping[str, Any]) -> str:
    """kms_key's ARN, once every prop is of its type; a TypeError naming each one that is not."""
    key_arn = types.key_arn_of(kms_key)
    found = [] if key_arn is not None else [types.expected("kms_key", types.KEY, kms_key)]
    found += types.problems(_PROP_TYPES, props)
    if found or key_arn is None:
        raise TypeError(f"DataIntegration {path}: " + "; ".join(found))
    return key_arn


@jsii.implements(IValidation)
class _ReadTags:
    """The tag budget of a DataIntegration that a KnowledgeBase reads, checked at synth."""

    def __init__(self, data_integration: DataIntegration) -> None:
        self._data_integration = data_integration

    def validate(self) -> list[str]:
        return read_tag_problems(self._data_integration._final_tags())


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
