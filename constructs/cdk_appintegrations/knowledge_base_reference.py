"""Knowledge bases made elsewhere, referenced by ARN: what KnowledgeBase.from_knowledge_base_* return."""

import re

import jsii
from aws_cdk import Arn, ArnFormat, Resource
from aws_cdk.interfaces.aws_wisdom import IKnowledgeBaseRef, KnowledgeBaseReference
from constructs import Construct
from typing_extensions import Protocol, runtime_checkable

from . import prop_types as types
from .tokens import is_unresolved

# KnowledgeBaseArn of the AWS::Wisdom::KnowledgeBase registry schema; tests/unit/test_knowledge_base.py compares them.
KNOWLEDGE_BASE_ARN_PATTERN = (
    r"^arn:[a-z-]*?:wisdom:[a-z0-9-]*?:[0-9]{12}:[a-z-]*?/[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}"
    r"(?:/[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})?$"
)


@runtime_checkable
class IKnowledgeBase(IKnowledgeBaseRef, Protocol):
    """An Amazon Q in Connect knowledge base, made in this app or referenced: its ARN and Id.

    ``KnowledgeBase`` and what ``KnowledgeBase.from_knowledge_base_arn`` and ``from_knowledge_base_attributes``
    return implement it. It extends ``aws_cdk.interfaces.aws_wisdom.IKnowledgeBaseRef``, so its
    ``knowledge_base_ref`` serves every CDK API that takes a knowledge base.
    """

    @property
    def knowledge_base_arn(self) -> str:
        """The ARN of the knowledge base."""

    @property
    def knowledge_base_id(self) -> str:
        """The Id of the knowledge base."""


@jsii.implements(IKnowledgeBaseRef)
class ImportedKnowledgeBase(Resource):
    """A knowledge base this app does not manage, referenced by its ARN and Id.

    Made by ``KnowledgeBase.from_knowledge_base_arn`` and ``KnowledgeBase.from_knowledge_base_attributes``.
    """

    def __init__(self, scope: Construct, construct_id: str, *, arn: str, knowledge_base_id: str) -> None:
        """
        :param scope: The scope in which to define the reference.
        :param construct_id: The id of the reference, unique in its scope.
        :param arn: The ARN of the knowledge base, taken as it is: ``of`` checks it.
        :param knowledge_base_id: The Id of the knowledge base, taken as it is.
        """
        super().__init__(scope, construct_id)
        self._arn = arn
        self._id = knowledge_base_id

    @classmethod
    def of(
        cls, scope: Construct, construct_id: str, arn: str, knowledge_base_id: str | None = None
    ) -> "ImportedKnowledgeBase":
        """Reference a knowledge base by its ARN, and its Id: by default the ARN's resource name, split at deploy
        from a token.

        :param scope: The scope in which to define the reference.
        :param construct_id: The id of the reference, unique in its scope.
        :param arn: An Amazon Q in Connect knowledge-base ARN, or a token; any other literal is refused.
        :param knowledge_base_id: The Id. Default: the Id in the ARN.
        """
        found = types.problems(
            {"knowledge_base_arn": types.text, "knowledge_base_id": types.optional(types.text)},
            {"knowledge_base_arn": arn, "knowledge_base_id": knowledge_base_id},
        )
        if found:
            raise TypeError("; ".join(found))
        if not is_unresolved(arn) and not re.search(KNOWLEDGE_BASE_ARN_PATTERN, arn):
            raise ValueError(f"knowledge_base_arn: must be an Amazon Q in Connect knowledge-base ARN, got {arn!r}")
        if knowledge_base_id is None:
            resource_name = Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME).resource_name
            assert resource_name is not None, "a knowledge-base ARN has a resource name"
            knowledge_base_id = resource_name
        return cls(scope, construct_id, arn=arn, knowledge_base_id=knowledge_base_id)

    @property
    def knowledge_base_arn(self) -> str:
        """The ARN of the knowledge base, as given."""
        return self._arn

    @property
    def knowledge_base_id(self) -> str:
        """The Id of the knowledge base, as given or split out of its ARN."""
        return self._id

    @property
    def knowledge_base_ref(self) -> KnowledgeBaseReference:
        """A reference to this knowledge base, for CDK APIs that take ``IKnowledgeBaseRef``."""
        return KnowledgeBaseReference(knowledge_base_arn=self._arn, knowledge_base_id=self._id)
