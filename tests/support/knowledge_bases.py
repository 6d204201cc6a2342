"""Amazon Q in Connect's external knowledge bases, as far as the DataIntegrations they read are concerned.

The CreateKnowledgeBase reference says: "When using this API, you cannot reuse Amazon AppIntegrations
DataIntegrations with external knowledge bases such as Salesforce and ServiceNow. If you do, you'll get an
InvalidRequestException error." To change the fields a knowledge base ingests, it says to delete the knowledge
base and the DataIntegration, then create both again
(https://docs.aws.amazon.com/amazon-q-connect/latest/APIReference/API_CreateKnowledgeBase.html, the
SourceConfiguration's AppIntegrations member). So this model refuses a DataIntegration that any knowledge base
has used, also one whose knowledge base is gone.

It knows nothing of the construct's binding or names: it goes by the DataIntegration ARN that the knowledge
base's properties resolve to, and by what the AppIntegrations double holds. A knowledge base holds an
association with its DataIntegration, as the service lists it, until it is deleted; the double refuses to delete
a DataIntegration while it has one.
"""

import uuid
from dataclasses import dataclass, field
from typing import Any

from appintegrations_double import AppIntegrationsDouble
from constants import ACCOUNT, REGION


class KnowledgeBaseError(Exception):
    """What CreateKnowledgeBase answers instead of a knowledge base: the code and the message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code


@dataclass
class KnowledgeBases:
    """The knowledge bases of one account and region, by Id, and every DataIntegration ARN ever associated."""

    double: AppIntegrationsDouble
    held: dict[str, dict[str, Any]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    def create(self, properties: dict[str, Any]) -> str:
        """CreateKnowledgeBase of type EXTERNAL from CloudFormation's resolved properties: the new Id."""
        source = properties["SourceConfiguration"]["AppIntegrations"]["AppIntegrationArn"]
        found = [di for di in self.double.state.integrations.values() if di["Arn"] == source]
        if not found:
            raise KnowledgeBaseError("ValidationException", f"DataIntegration {source} does not exist")
        if source in self.used:
            raise KnowledgeBaseError(
                "InvalidRequestException", f"DataIntegration {source} is already used by a knowledge base"
            )
        self.used.add(source)
        knowledge_base_id = str(uuid.uuid4())
        self.double.associate(found[0]["Id"], self.arn(knowledge_base_id))
        self.held[knowledge_base_id] = {**properties, "DataIntegrationId": found[0]["Id"]}
        return knowledge_base_id

    def delete(self, knowledge_base_id: str) -> None:
        """DeleteKnowledgeBase: its association with the DataIntegration goes with it."""
        deleted = self.held.pop(knowledge_base_id)
        self.double.dissociate(deleted["DataIntegrationId"], self.arn(knowledge_base_id))

    def reading(self, data_integration_id: str) -> list[str]:
        """The knowledge bases that read this DataIntegration."""
        return [kb_id for kb_id, kb in self.held.items() if kb["DataIntegrationId"] == data_integration_id]

    @staticmethod
    def arn(knowledge_base_id: str) -> str:
        """A knowledge base's ARN, which is the ClientId of its association."""
        return f"arn:aws:wisdom:{REGION}:{ACCOUNT}:knowledge-base/{knowledge_base_id}"
