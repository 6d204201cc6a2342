"""What every DataIntegration has, made here or elsewhere; and DataIntegrations referenced by ARN or Id."""

import re
from abc import abstractmethod
from collections.abc import Sequence

import jsii
from aws_cdk import Arn, ArnFormat, Resource, Stack
from aws_cdk import aws_wisdom as wisdom
from aws_cdk.interfaces.aws_appintegrations import DataIntegrationReference, IDataIntegrationRef
from typing_extensions import Protocol, runtime_checkable

from constructs import Construct

from .validation import is_unresolved

SERVICE = "app-integrations"
RESOURCE = "data-integration"
_ARN = re.compile(r"arn:[\w-]+:app-integrations:[\w-]+:\d{12}:data-integration/[\w-]+")


@runtime_checkable
class IDataIntegration(IDataIntegrationRef, Protocol):
    """A DataIntegration, made in this stack or referenced: its ARN, Id and CDK reference."""

    @property
    def data_integration_arn(self) -> str: ...

    @property
    def data_integration_id(self) -> str: ...

    def knowledge_base_source(
        self, object_fields: Sequence[str] | None = None
    ) -> wisdom.CfnKnowledgeBase.SourceConfigurationProperty: ...


@jsii.implements(IDataIntegrationRef)
class _DataIntegrationBase(Resource):
    """What a DataIntegration made in this app and one referenced have in common."""

    @property
    @abstractmethod
    def data_integration_arn(self) -> str:
        """The ARN."""

    @property
    @abstractmethod
    def data_integration_id(self) -> str:
        """The Id."""

    @property
    def data_integration_ref(self) -> DataIntegrationReference:
        """A reference for CDK APIs that take IDataIntegrationRef."""
        return DataIntegrationReference(
            data_integration_arn=self.data_integration_arn, data_integration_id=self.data_integration_id
        )

    def knowledge_base_source(
        self, object_fields: Sequence[str] | None = None
    ) -> wisdom.CfnKnowledgeBase.SourceConfigurationProperty:
        """The source configuration of an Amazon Q in Connect (Wisdom) knowledge base fed by this DataIntegration.

        A DataIntegration can be associated once: replacing the knowledge base means replacing it too.
        """
        return wisdom.CfnKnowledgeBase.SourceConfigurationProperty(
            app_integrations=wisdom.CfnKnowledgeBase.AppIntegrationsConfigurationProperty(
                app_integration_arn=self.data_integration_arn,
                object_fields=list(object_fields) if object_fields is not None else None,
            )
        )


class ImportedDataIntegration(_DataIntegrationBase):
    """A DataIntegration this app does not manage."""

    def __init__(self, scope: Construct, construct_id: str, *, arn: str, data_integration_id: str) -> None:
        super().__init__(scope, construct_id)
        self._arn = arn
        self._id = data_integration_id

    @classmethod
    def from_arn(cls, scope: Construct, construct_id: str, arn: str) -> "ImportedDataIntegration":
        """By ARN; the Id is its resource name, split out at deploy when the ARN is a token."""
        if not is_unresolved(arn) and not _ARN.fullmatch(arn):
            raise ValueError(f"data_integration_arn: must be an AppIntegrations data-integration ARN, got {arn!r}")
        resource_name = Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME).resource_name
        assert resource_name is not None, "a data-integration ARN has a resource name"
        return cls(scope, construct_id, arn=arn, data_integration_id=resource_name)

    @classmethod
    def from_id(cls, scope: Construct, construct_id: str, data_integration_id: str) -> "ImportedDataIntegration":
        """By Id, in the stack's partition, region and account."""
        arn = Stack.of(scope).format_arn(service=SERVICE, resource=RESOURCE, resource_name=data_integration_id)
        return cls(scope, construct_id, arn=arn, data_integration_id=data_integration_id)

    @property
    def data_integration_arn(self) -> str:
        """The ARN."""
        return self._arn

    @property
    def data_integration_id(self) -> str:
        """The Id."""
        return self._id
