"""DataIntegrations made elsewhere, referenced by ARN or Id."""

import re
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import jsii
from aws_cdk import Arn, ArnFormat, Resource, Stack
from aws_cdk import aws_wisdom as wisdom
from aws_cdk.interfaces.aws_appintegrations import DataIntegrationReference, IDataIntegrationRef

from constructs import Construct

from .validation import is_unresolved

SERVICE = "app-integrations"
RESOURCE = "data-integration"
_ARN = re.compile(r"arn:[\w-]+:app-integrations:[\w-]+:\d{12}:data-integration/[\w-]+")


@runtime_checkable
class IDataIntegration(Protocol):
    """A DataIntegration, made in this stack or referenced: its ARN, Id and CDK reference."""

    @property
    def data_integration_arn(self) -> str: ...

    @property
    def data_integration_id(self) -> str: ...

    @property
    def data_integration_ref(self) -> DataIntegrationReference: ...

    def knowledge_base_source(
        self, object_fields: Sequence[str] | None = None
    ) -> wisdom.CfnKnowledgeBase.SourceConfigurationProperty: ...


@jsii.implements(IDataIntegrationRef)
class ImportedDataIntegration(Resource):
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

    @property
    def data_integration_ref(self) -> DataIntegrationReference:
        """A reference for CDK APIs that take IDataIntegrationRef."""
        return DataIntegrationReference(data_integration_arn=self._arn, data_integration_id=self._id)

    def knowledge_base_source(
        self, object_fields: Sequence[str] | None = None
    ) -> wisdom.CfnKnowledgeBase.SourceConfigurationProperty:
        """The source configuration of a Q in Connect knowledge base fed by this DataIntegration."""
        return knowledge_base_source(self._arn, object_fields)


def knowledge_base_source(
    arn: str, object_fields: Sequence[str] | None
) -> wisdom.CfnKnowledgeBase.SourceConfigurationProperty:
    """A Q in Connect (Wisdom) knowledge base's source configuration for the DataIntegration at arn.

    A DataIntegration can be associated once: replacing the knowledge base means replacing it too.
    """
    return wisdom.CfnKnowledgeBase.SourceConfigurationProperty(
        app_integrations=wisdom.CfnKnowledgeBase.AppIntegrationsConfigurationProperty(
            app_integration_arn=arn, object_fields=list(object_fields) if object_fields is not None else None
        )
    )
