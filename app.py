#!/usr/bin/env python3
"""Example app: a Salesforce DataIntegration, and in a second stack the Amazon Q in Connect knowledge base it feeds,
with an assistant, attached to an Amazon Connect instance when `-c connect_instance_arn=...` names one."""

from datetime import UTC, datetime

import aws_cdk as cdk
from aws_cdk import aws_kms as kms
from constructs import Construct

from cdk_appintegrations import AssistantOptions, DataIntegration, DataIntegrationSource, KnowledgeBase, ScheduleConfig

DEFAULT_CONNECTOR_PROFILE = "salesforce-knowledge"
ARTICLE_OBJECT = "Knowledge__kav"
# The fields a Q in Connect knowledge base needs from Salesforce articles.
SALESFORCE_FIELDS = ["Id", "ArticleNumber", "VersionNumber", "Title", "PublishStatus", "IsDeleted"]
FIRST_PULL = datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)


class DataIntegrationStack(cdk.Stack):
    """A KMS key and a DataIntegration from a Salesforce AppFlow connector profile."""

    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        profile = self.node.try_get_context("connector_profile") or DEFAULT_CONNECTOR_PROFILE
        key = kms.Key(self, "Key", enable_key_rotation=True, description="Encrypts the knowledge articles")
        self.articles = DataIntegration(
            self,
            "Articles",
            kms_key=key,
            source_uri=DataIntegrationSource.appflow(connector="Salesforce", profile=profile),
            description="Salesforce knowledge articles",
            schedule_config=ScheduleConfig.rate(
                cdk.Duration.hours(1), object=ARTICLE_OBJECT, first_execution_from=FIRST_PULL
            ),
            object_configuration={ARTICLE_OBJECT: {"fields": SALESFORCE_FIELDS}},
            tags={"team": "cx"},
        )
        cdk.CfnOutput(self, "DataIntegrationArn", value=self.articles.data_integration_arn)
        cdk.CfnOutput(self, "DataIntegrationId", value=self.articles.data_integration_id)


class KnowledgeBaseStack(cdk.Stack):
    """A Q in Connect knowledge base and assistant, fed by a DataIntegration of another stack, encrypted by its key."""

    def __init__(self, scope: Construct, construct_id: str, *, articles: DataIntegration) -> None:
        super().__init__(scope, construct_id)
        KnowledgeBase(
            self,
            "KnowledgeBase",
            data_integration=articles,
            knowledge_base_name="salesforce-articles",
            object_fields=SALESFORCE_FIELDS,
            assistant=AssistantOptions(assistant_name="salesforce-assistant"),
            connect_instance_arn=self.node.try_get_context("connect_instance_arn"),
        )


def build(app: cdk.App) -> DataIntegrationStack:
    """Add the example's two stacks to an app; return the DataIntegration's."""
    data = DataIntegrationStack(app, "AppIntegrationsExample")
    KnowledgeBaseStack(app, "AppIntegrationsKnowledgeBase", articles=data.articles)
    return data


if __name__ == "__main__":
    example = cdk.App()
    build(example)
    example.synth()
