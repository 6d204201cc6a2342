"""KnowledgeBase: the Amazon Q in Connect knowledge base a DataIntegration feeds, its assistant and its instance."""

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jsii
from aws_cdk import Annotations, IResolveContext, IStringProducer, Lazy, Names, RemovalPolicy, Resource, Stack, Tags
from aws_cdk import aws_connect as connect
from aws_cdk import aws_kms as kms
from aws_cdk import aws_wisdom as wisdom
from aws_cdk.interfaces.aws_wisdom import IKnowledgeBaseRef, KnowledgeBaseReference
from constructs import Construct

from . import prop_types as types
from .associations import Associations
from .data_integration import DataIntegration
from .environment import Environment
from .key_policy import CONNECT_KEY_ACTIONS, CONNECT_PRINCIPAL, connect_statement
from .knowledge_base_reference import IKnowledgeBase, ImportedKnowledgeBase
from .knowledge_base_rules import (
    TEXT_MAX,
    environment_warnings,
    instance_arn_problems,
    object_fields_problems,
    object_fields_warnings,
    tag_problems,
    text_problems,
)
from .reference import IDataIntegration

WARNING_ID = "@cdk-appintegrations/KnowledgeBase"
_KEY = types.optional(types.key)
# The createOnlyProperties of AWS::Wisdom::KnowledgeBase's registry schema: a change of any replaces it.
CREATE_ONLY = (
    "Description",
    "KnowledgeBaseType",
    "Name",
    "ServerSideEncryptionConfiguration",
    "SourceConfiguration",
    "Tags",
)
BINDING_CHARS = 16


@dataclass(frozen=True)
class AssistantOptions:
    """An Amazon Q in Connect assistant (``AWS::Wisdom::Assistant`` of type AGENT) that uses the knowledge base.

    Every property of an assistant is create-only: changing any of these replaces the assistant (and its
    association), not the knowledge base. Each prop's type is checked here: ``assistant.prop: expected X, got Y``.

    :param assistant_name: The name (``Name``), a str of 1 to 255 characters, the first a letter, digit, blank or
        one of ``_.,-``. Default: the knowledge base's name.
    :param description: A description (``Description``), 1 to 255 characters, the first as for the name. Default:
        none.
    :param kms_key: The key that encrypts the assistant's data (``ServerSideEncryptionConfiguration``): a
        ``kms.IKey`` or a key ARN. Default: the knowledge base's key.
    """

    assistant_name: str | None = None
    description: str | None = None
    kms_key: kms.IKey | str | None = None

    def __post_init__(self) -> None:
        found = types.problems(_ASSISTANT_TYPES, vars(self), "assistant.")
        if found:
            raise TypeError("; ".join(found))


_ASSISTANT_TYPES: dict[str, types.Check] = {
    "assistant_name": types.optional(types.text),
    "description": types.optional(types.text),
    "kms_key": _KEY,
}


def _data_integration(prop: str, value: Any) -> list[str]:
    """An IDataIntegration, known by its knowledge_base_source: isinstance would read every attribute, each a
    jsii round trip."""
    if callable(getattr(value, "knowledge_base_source", None)):
        return []
    return [types.expected(prop, "an IDataIntegration", value)]


_PROP_TYPES: dict[str, types.Check] = {
    "data_integration": _data_integration,
    "knowledge_base_name": types.optional(types.text),
    "description": types.optional(types.text),
    "object_fields": types.optional(types.texts),
    "kms_key": _KEY,
    "assistant": types.optional(types.instance_of(AssistantOptions)),
    "connect_instance_arn": types.optional(types.text),
    "removal_policy": types.optional(types.instance_of(RemovalPolicy)),
    "tags": types.optional(types.text_map),
}


@jsii.implements(IKnowledgeBaseRef)
class KnowledgeBase(Resource):
    """An Amazon Q in Connect (Wisdom) knowledge base of type EXTERNAL, fed by a DataIntegration.

    Optionally with an assistant associated with it, and both attached to an Amazon Connect instance. Every property
    of an ``AWS::Wisdom::KnowledgeBase`` is create-only: changing any prop but ``assistant`` and
    ``connect_instance_arn`` replaces the knowledge base, and since a DataIntegration is associated once, its
    DataIntegration too (below).

    Example::

        articles = DataIntegration.from_data_integration_attributes(
            stack,
            "Articles",
            data_integration_arn="arn:aws:app-integrations:us-east-1:111122223333:data-integration/"
            "0f6a6c9e-2d4b-4c1a-9f3e-8b7a6c5d4e3f",
            kms_key=kms.Key(stack, "Key", enable_key_rotation=True),
        )
        KnowledgeBase(stack, "KnowledgeBase", data_integration=articles, assistant=AssistantOptions())

    Its name, description, ``object_fields``, key and tags (``Tags.of(stack)`` included) are create-only in
    CloudFormation: changing any of them replaces the knowledge base. Amazon Q in Connect associates a
    DataIntegration with one knowledge base, once, so such a change replaces a ``DataIntegration`` of this app
    too, in the same deploy: a new DataIntegration, a new knowledge base on it, which ingests the source's data
    again, and the cleanup deletes the old knowledge base, then the old DataIntegration. The DataIntegration gets
    the property ``KnowledgeBase``, a digest of these values as the knowledge base's template renders them. A
    DataIntegration with a fixed ``data_integration_name`` cannot be replaced so, and the deploy fails asking to
    leave the name unset. An imported DataIntegration is not replaced: give it a new one yourself. With the
    knowledge base in another stack than its DataIntegration, CloudFormation refuses to change the exported ARN
    while it is imported, so such a change takes two deploys (the README says how).

    :param scope: The scope in which to define this construct.
    :param construct_id: The id of this construct, unique in its scope.
    :param data_integration: The DataIntegration that feeds it (``SourceConfiguration``), of this stack or another,
        or imported: an ``IDataIntegration``. A DataIntegration can be associated once: a second knowledge base on
        it, anywhere in the app, is refused. One of another literal account or region than the stack's gets a
        warning (``@cdk-appintegrations/KnowledgeBase:CrossEnvironment``). Required. Changing it, or replacing the
        DataIntegration, replaces the knowledge base.
    :param knowledge_base_name: The name (``Name``): 1 to 255 characters, the first a letter, digit, blank or one of
        ``_.,-``. Default: generated from the construct path. Changing it replaces the knowledge base.
    :param description: A description (``Description``): 1 to 255 characters, the first as for the name. Default:
        none. Changing it replaces the knowledge base.
    :param object_fields: The source fields agents see (``ObjectFields``): 1 to 100, each of 1 to 4,096
        characters; a field the DataIntegration does not pull, where both are literal, gets a warning
        (``@cdk-appintegrations/KnowledgeBase:ObjectFields``). Default: none rendered; Amazon Q in Connect then
        takes the fields of the DataIntegration's ``ObjectConfiguration`` (``DataIntegration.object_fields``).
        Changing them, from none included, replaces the knowledge base.
    :param kms_key: The key that encrypts the knowledge base's content (``ServerSideEncryptionConfiguration``): a
        ``kms.IKey`` or a key ARN. Default: the DataIntegration's key (``IDataIntegration.kms_key``); required for a
        DataIntegration referenced without one. Changing it replaces the knowledge base.
    :param assistant: An assistant, associated with the knowledge base: ``AssistantOptions``. Default: none. When
        its key is a ``kms.Key`` of this app, the key policy lets Amazon Connect use it (chats, tasks and emails
        need it). Changing its options replaces the assistant, not the knowledge base.
    :param connect_instance_arn: The ARN of an Amazon Connect instance to attach the knowledge base (and the
        assistant) to, through ``AWS::Connect::IntegrationAssociation``, at most 100 characters. Default: none.
        Changing it replaces the associations only.
    :param removal_policy: What happens to the knowledge base and the assistant when they leave the stack or are
        replaced (``DeletionPolicy`` and ``UpdateReplacePolicy``). Default: CloudFormation's own, delete.
        ``apply_removal_policy`` and ``RemovalPolicies.of(scope)`` set it too. Changing it replaces nothing.
    :param tags: Tags of the knowledge base, the assistant and the associations (``Tags.of(self)``): keys of 1 to
        128 characters matching ``^(?!aws:)[a-zA-Z+-=._:/]+$``, values of 1 to 256. Default: none. The tags of a
        knowledge base and an assistant are create-only: changing them replaces both.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        data_integration: IDataIntegration,
        knowledge_base_name: str | None = None,
        description: str | None = None,
        object_fields: Sequence[str] | None = None,
        kms_key: kms.IKey | str | None = None,
        assistant: AssistantOptions | None = None,
        connect_instance_arn: str | None = None,
        removal_policy: RemovalPolicy | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        props = {name: value for name, value in locals().items() if name in _PROP_TYPES}  # as given
        super().__init__(scope, construct_id)
        wrong_types = types.problems(_PROP_TYPES, props)
        if wrong_types:
            raise TypeError(f"KnowledgeBase {self.node.path}: " + "; ".join(wrong_types))
        found = _problems(knowledge_base_name, description, object_fields, assistant, connect_instance_arn)
        key = self._claim(data_integration, kms_key, found + tag_problems(tags))
        self._warn(data_integration, object_fields)

        name = knowledge_base_name or Names.unique_resource_name(self, max_length=TEXT_MAX, separator="-")
        self._resource = self._add_knowledge_base(data_integration, name, description, object_fields, key)
        self._assistant = None if assistant is None else self._add_assistant(assistant, name, key)
        if connect_instance_arn is not None:
            self._attach(connect_instance_arn)
        if removal_policy is not None:
            self.apply_removal_policy(removal_policy)
        for key_name, value in (tags or {}).items():
            Tags.of(self).add(key_name, value)

    def _claim(
        self, data_integration: IDataIntegration, kms_key: kms.IKey | str | None, found: list[str]
    ) -> kms.IKey | str:
        """The key, the data integration's unless given; raise on any problem, else take the data integration."""
        if kms_key is None:
            kms_key = data_integration.kms_key
        source = (
            data_integration.node.path
            if isinstance(data_integration, DataIntegration)
            else data_integration.data_integration_arn
        )
        associations = Associations.of(self.node.root)
        if kms_key is None:
            found.append(
                "kms_key: needed for a DataIntegration whose key is not known here; give it, or reference the "
                "DataIntegration with DataIntegration.from_data_integration_attributes(..., kms_key=...)"
            )
        other = associations.taken_by(source)
        if other is not None:
            found.append(
                f"data_integration: it feeds knowledge base {other.node.path} already; "
                "AppIntegrations associates a DataIntegration once"
            )
        if found or kms_key is None:
            raise ValueError(f"KnowledgeBase {self.node.path}: " + "; ".join(found))
        associations.take(source, self)
        return kms_key

    def _add_knowledge_base(
        self,
        data_integration: IDataIntegration,
        name: str,
        description: str | None,
        object_fields: Sequence[str] | None,
        kms_key: kms.IKey | str,
    ) -> wisdom.CfnKnowledgeBase:
        """The knowledge base on the data integration; one of this app learns which knowledge base reads it."""
        resource = wisdom.CfnKnowledgeBase(
            self,
            "Resource",
            name=name,
            description=description,
            knowledge_base_type="EXTERNAL",
            source_configuration=data_integration.knowledge_base_source(object_fields),
            server_side_encryption_configuration=wisdom.CfnKnowledgeBase.ServerSideEncryptionConfigurationProperty(
                kms_key_id=_key_arn(kms_key)
            ),
        )
        if isinstance(data_integration, DataIntegration):
            data_integration._read_by_knowledge_base(Lazy.uncached_string(_Binding(resource)))
        return resource

    @classmethod
    def from_knowledge_base_arn(cls, scope: Construct, construct_id: str, knowledge_base_arn: str) -> IKnowledgeBase:
        """Reference a knowledge base made elsewhere, by its ARN.

        :param scope: The scope in which to define the reference.
        :param construct_id: The id of the reference, unique in its scope.
        :param knowledge_base_arn: An Amazon Q in Connect knowledge-base ARN,
            ``arn:<partition>:wisdom:<region>:<account>:knowledge-base/<id>``, or a token, whose Id is then split
            out at deploy. Any other literal is refused.
        :return: the knowledge base, which also implements ``IKnowledgeBaseRef``.
        """
        return ImportedKnowledgeBase.of(scope, construct_id, knowledge_base_arn)

    @classmethod
    def from_knowledge_base_attributes(
        cls, scope: Construct, construct_id: str, *, knowledge_base_arn: str, knowledge_base_id: str | None = None
    ) -> IKnowledgeBase:
        """Reference a knowledge base made elsewhere, by its ARN and Id.

        :param scope: The scope in which to define the reference.
        :param construct_id: The id of the reference, unique in its scope.
        :param knowledge_base_arn: Its ARN, as for ``from_knowledge_base_arn``.
        :param knowledge_base_id: Its Id. Default: the Id in the ARN.
        :return: the knowledge base, which also implements ``IKnowledgeBaseRef``.
        """
        return ImportedKnowledgeBase.of(scope, construct_id, knowledge_base_arn, knowledge_base_id)

    def apply_removal_policy(self, policy: RemovalPolicy) -> None:
        """Set what happens to the knowledge base and the assistant when they leave the stack or are replaced.

        :param policy: ``RemovalPolicy.DESTROY`` deletes them (CloudFormation's default), ``RemovalPolicy.RETAIN``
            leaves them in the account.
        """
        self._resource.apply_removal_policy(policy)
        if self._assistant is not None:
            self._assistant.apply_removal_policy(policy)

    def _warn(self, data_integration: IDataIntegration, object_fields: Sequence[str] | None) -> None:
        """The warnings of rules the service may not enforce: fields the DataIntegration does not pull, and a
        DataIntegration of another account or region."""
        annotations = Annotations.of(self)
        if isinstance(data_integration, DataIntegration):
            pulled = data_integration.object_fields
            for warning in object_fields_warnings(object_fields, pulled, data_integration.node.path):
                annotations.add_warning_v2(f"{WARNING_ID}:ObjectFields", warning)
        if isinstance(data_integration, Construct):
            here, there = Environment.of(Stack.of(self)), Environment.of(Stack.of(data_integration))
            for warning in environment_warnings(data_integration.data_integration_arn, there, here):
                annotations.add_warning_v2(f"{WARNING_ID}:CrossEnvironment", warning)

    def _add_assistant(self, options: AssistantOptions, name: str, default_key: kms.IKey | str) -> wisdom.CfnAssistant:
        """The assistant, its association with the knowledge base, and Amazon Connect's use of its key."""
        key = options.kms_key if options.kms_key is not None else default_key
        assistant = wisdom.CfnAssistant(
            self,
            "Assistant",
            name=options.assistant_name or name,
            description=options.description,
            type="AGENT",
            server_side_encryption_configuration=wisdom.CfnAssistant.ServerSideEncryptionConfigurationProperty(
                kms_key_id=_key_arn(key)
            ),
        )
        wisdom.CfnAssistantAssociation(
            self,
            "AssistantAssociation",
            assistant_id=assistant.attr_assistant_id,
            association_type="KNOWLEDGE_BASE",
            association=wisdom.CfnAssistantAssociation.AssociationDataProperty(
                knowledge_base_id=self._resource.attr_knowledge_base_id
            ),
        )
        added = None if isinstance(key, str) else key.add_to_resource_policy(connect_statement())
        if added is None or not added.statement_added:
            Annotations.of(self).add_warning_v2(
                f"{WARNING_ID}:ImportedKey",
                "assistant: its key is not a kms.Key of this app, so its policy is not managed here; for chats, "
                f"tasks and emails, allow {CONNECT_PRINCIPAL} {', '.join(CONNECT_KEY_ACTIONS)} on it",
            )
        return assistant

    def _attach(self, instance_arn: str) -> None:
        """Integration associations of the knowledge base and the assistant with the Amazon Connect instance."""
        connect.CfnIntegrationAssociation(
            self,
            "KnowledgeBaseIntegration",
            instance_id=instance_arn,
            integration_type="WISDOM_KNOWLEDGE_BASE",
            integration_arn=self.knowledge_base_arn,
        )
        if self._assistant is not None:
            connect.CfnIntegrationAssociation(
                self,
                "AssistantIntegration",
                instance_id=instance_arn,
                integration_type="WISDOM_ASSISTANT",
                integration_arn=self._assistant.attr_assistant_arn,
            )

    @property
    def knowledge_base_arn(self) -> str:
        """The ARN (Fn::GetAtt KnowledgeBaseArn)."""
        return self._resource.attr_knowledge_base_arn

    @property
    def knowledge_base_id(self) -> str:
        """The Id (Fn::GetAtt KnowledgeBaseId)."""
        return self._resource.attr_knowledge_base_id

    @property
    def knowledge_base_ref(self) -> KnowledgeBaseReference:
        """A reference to this knowledge base, for CDK APIs that take IKnowledgeBaseRef."""
        return KnowledgeBaseReference(
            knowledge_base_arn=self.knowledge_base_arn, knowledge_base_id=self.knowledge_base_id
        )

    @property
    def assistant_arn(self) -> str | None:
        """The assistant's ARN (Fn::GetAtt AssistantArn); None without an assistant."""
        return None if self._assistant is None else self._assistant.attr_assistant_arn

    @property
    def assistant_id(self) -> str | None:
        """The assistant's Id (Fn::GetAtt AssistantId); None without an assistant."""
        return None if self._assistant is None else self._assistant.attr_assistant_id


@jsii.implements(IStringProducer)
class _Binding:
    """The digest of a knowledge base's create-only values, as its template renders them.

    Produced at synth, after aspects (Tags.of), and resolved in the knowledge base's stack, so it is the same
    on every synth and a literal in the DataIntegration's template, of whatever stack: a reference from the
    DataIntegration to the knowledge base would make a dependency cycle.
    """

    def __init__(self, resource: wisdom.CfnKnowledgeBase) -> None:
        self._resource = resource

    def produce(self, context: IResolveContext) -> str:
        # CfnResource renders its template the same way: its properties resolved, then rendered.
        resolved = Stack.of(self._resource).resolve(self._resource._cfn_properties)
        rendered = self._resource._render_properties(resolved)
        values = {name: rendered.get(name) for name in CREATE_ONLY}
        return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()[:BINDING_CHARS]


def _problems(
    name: str | None,
    description: str | None,
    object_fields: Sequence[str] | None,
    assistant: AssistantOptions | None,
    instance_arn: str | None,
) -> list[str]:
    """Every property CloudFormation would refuse, each named."""
    found = text_problems("knowledge_base_name", name) + text_problems("description", description)
    found += object_fields_problems(object_fields)
    if assistant is not None:
        found += text_problems("assistant.assistant_name", assistant.assistant_name)
        found += text_problems("assistant.description", assistant.description)
    return found + instance_arn_problems(instance_arn)


def _key_arn(key: kms.IKey | str) -> str:
    return key if isinstance(key, str) else key.key_arn
