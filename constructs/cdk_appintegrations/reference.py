"""What every DataIntegration has, made here or elsewhere; and DataIntegrations referenced by ARN or Id."""

import re
from abc import abstractmethod
from collections.abc import Sequence

import jsii
from aws_cdk import Arn, ArnFormat, Resource, Stack
from aws_cdk import aws_kms as kms
from aws_cdk import aws_wisdom as wisdom
from aws_cdk.interfaces.aws_appintegrations import DataIntegrationReference, IDataIntegrationRef
from constructs import Construct
from typing_extensions import Protocol, runtime_checkable

from . import prop_types as types
from .tokens import is_unresolved

SERVICE = "app-integrations"
RESOURCE = "data-integration"
_ARN = re.compile(r"arn:[\w-]+:app-integrations:[\w-]+:\d{12}:data-integration/[\w-]+")


@runtime_checkable
class IDataIntegration(IDataIntegrationRef, Protocol):
    """A DataIntegration, made in this app or referenced: its ARN, its Id and its knowledge-base source.

    ``DataIntegration`` and what ``DataIntegration.from_data_integration_arn``, ``from_data_integration_id`` and
    ``from_data_integration_attributes`` return implement it. It extends
    ``aws_cdk.interfaces.aws_appintegrations.IDataIntegrationRef``, so its ``data_integration_ref`` serves every CDK
    API that takes a DataIntegration.
    """

    @property
    def data_integration_arn(self) -> str:
        """The ARN of the DataIntegration."""

    @property
    def data_integration_id(self) -> str:
        """The Id of the DataIntegration."""

    @property
    def kms_key(self) -> kms.IKey | str | None:
        """The key that encrypts the DataIntegration's data, when known here; None otherwise."""

    def knowledge_base_source(
        self, object_fields: Sequence[str] | None = None
    ) -> wisdom.CfnKnowledgeBase.SourceConfigurationProperty:
        """The source configuration of an Amazon Q in Connect (Wisdom) knowledge base fed by this DataIntegration.

        :param object_fields: The fields of the source objects that the knowledge base takes. Default: the
            fields of the DataIntegration's object configuration where they are known here, else none given.
        :return: the ``source_configuration`` of an ``aws_wisdom.CfnKnowledgeBase``.
        """


@jsii.implements(IDataIntegrationRef)
class DataIntegrationBase(Resource):
    """What a DataIntegration made in this app and a referenced one have in common: ``IDataIntegration``.

    Extended by ``DataIntegration`` and the references its ``from_data_integration_*`` methods return, as
    aws-cdk-lib's ``BucketBase`` is by ``Bucket`` and the imported buckets; not meant to be extended elsewhere.
    """

    def __init__(self, scope: Construct, construct_id: str) -> None:
        """
        :param scope: The scope in which to define the construct.
        :param construct_id: The id of the construct, unique in its scope.
        """
        super().__init__(scope, construct_id)

    @property
    @abstractmethod
    def data_integration_arn(self) -> str:
        """The ARN of the DataIntegration."""

    @property
    @abstractmethod
    def data_integration_id(self) -> str:
        """The Id of the DataIntegration."""

    @property
    @abstractmethod
    def kms_key(self) -> kms.IKey | str | None:
        """The key that encrypts the DataIntegration's data, when known here; None otherwise."""

    @property
    def data_integration_ref(self) -> DataIntegrationReference:
        """The ARN and Id of the DataIntegration, for CDK APIs that take an ``IDataIntegrationRef``."""
        return DataIntegrationReference(
            data_integration_arn=self.data_integration_arn, data_integration_id=self.data_integration_id
        )

    def knowledge_base_source(
        self, object_fields: Sequence[str] | None = None
    ) -> wisdom.CfnKnowledgeBase.SourceConfigurationProperty:
        """The source configuration of an Amazon Q in Connect (Wisdom) knowledge base fed by this DataIntegration.

        A DataIntegration can be associated once: replacing the knowledge base means replacing it too.

        :param object_fields: The fields of the source objects that the knowledge base takes. Default: none
            rendered; Amazon Q in Connect then takes those of the DataIntegration's object configuration.
        :return: the ``source_configuration`` of an ``aws_wisdom.CfnKnowledgeBase``.
        """
        # No default is rendered: SourceConfiguration is create-only, so fields appearing in a deployed
        # knowledge base's template would replace it, and its DataIntegration with it, on an upgrade alone.
        return wisdom.CfnKnowledgeBase.SourceConfigurationProperty(
            app_integrations=wisdom.CfnKnowledgeBase.AppIntegrationsConfigurationProperty(
                app_integration_arn=self.data_integration_arn,
                object_fields=list(object_fields) if object_fields is not None else None,
            )
        )


class _ImportedDataIntegration(DataIntegrationBase):
    """A DataIntegration this app does not manage, referenced by its ARN and Id, and maybe its key and name.

    Made by ``DataIntegration.from_data_integration_arn``, ``from_data_integration_id`` and
    ``from_data_integration_attributes``.
    """

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        arn: str,
        data_integration_id: str,
        kms_key: kms.IKey | str | None = None,
        data_integration_name: str | None = None,
    ) -> None:
        """
        :param scope: The scope in which to define the reference.
        :param construct_id: The id of the reference, unique in its scope.
        :param arn: The ARN of the DataIntegration, taken as it is: ``from_arn`` checks it.
        :param data_integration_id: The Id of the DataIntegration, taken as it is.
        :param kms_key: The key that encrypts its data, which a knowledge base on it then uses. Default: unknown.
        :param data_integration_name: Its name. Default: unknown.
        """
        super().__init__(scope, construct_id)
        self._arn = arn
        self._id = data_integration_id
        self._kms_key = kms_key
        self._name = data_integration_name

    @classmethod
    def from_arn(
        cls,
        scope: Construct,
        construct_id: str,
        arn: str,
        *,
        kms_key: kms.IKey | str | None = None,
        data_integration_name: str | None = None,
    ) -> "_ImportedDataIntegration":
        """Reference a DataIntegration by its ARN; the Id is its resource name, split out at deploy from a token.

        :param scope: The scope in which to define the reference.
        :param construct_id: The id of the reference, unique in its scope.
        :param arn: An AppIntegrations data-integration ARN, or a token; any other literal is refused.
        :param kms_key: The key that encrypts its data: a kms.IKey or a key ARN. Default: unknown.
        :param data_integration_name: Its name, a str. Default: unknown.
        """
        found = _reference_types(arn, kms_key, data_integration_name)
        if found:
            raise TypeError("; ".join(found))
        if not is_unresolved(arn) and not _ARN.fullmatch(arn):
            raise ValueError(f"data_integration_arn: must be an AppIntegrations data-integration ARN, got {arn!r}")
        resource_name = Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME).resource_name
        assert resource_name is not None, "a data-integration ARN has a resource name"
        return cls(
            scope,
            construct_id,
            arn=arn,
            data_integration_id=resource_name,
            kms_key=kms_key,
            data_integration_name=data_integration_name,
        )

    @classmethod
    def from_id(cls, scope: Construct, construct_id: str, data_integration_id: str) -> "_ImportedDataIntegration":
        """Reference a DataIntegration by its Id, in the stack's partition, account and region.

        :param scope: The scope in which to define the reference.
        :param construct_id: The id of the reference, unique in its scope.
        :param data_integration_id: The Id of the DataIntegration, a literal or a token.
        """
        found = types.text("data_integration_id", data_integration_id)
        if found:
            raise TypeError(found[0])
        arn = Stack.of(scope).format_arn(service=SERVICE, resource=RESOURCE, resource_name=data_integration_id)
        return cls(scope, construct_id, arn=arn, data_integration_id=data_integration_id)

    @property
    def data_integration_arn(self) -> str:
        """The ARN of the DataIntegration, as given or built from its Id."""
        return self._arn

    @property
    def data_integration_id(self) -> str:
        """The Id of the DataIntegration, as given or split out of its ARN."""
        return self._id

    @property
    def kms_key(self) -> kms.IKey | str | None:
        """The key that encrypts the DataIntegration's data, as given; None when not given."""
        return self._kms_key

    @property
    def data_integration_name(self) -> str | None:
        """The name of the DataIntegration, as given; None when not given."""
        return self._name


def _reference_types(arn: object, kms_key: object, name: object) -> list[str]:
    """The type checks of a reference's ARN, key and name."""
    return types.problems(
        {
            "data_integration_arn": types.text,
            "kms_key": types.optional(types.key),
            "data_integration_name": types.optional(types.text),
        },
        {"data_integration_arn": arn, "kms_key": kms_key, "data_integration_name": name},
    )
