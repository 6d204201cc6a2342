#!/usr/bin/env python3
"""Example app: a Salesforce DataIntegration feeding an Amazon Q in Connect knowledge base."""

import aws_cdk as cdk
from aws_cdk import aws_kms as kms
from aws_cdk import aws_wisdom as wisdom
from cdk_appintegrations import DataIntegration, ScheduleConfig

from constructs import Construct

DEFAULT_CONNECTOR_PROFILE = "salesforce-knowledge"
ARTICLE_OBJECT = "Knowledge__kav"
# The fields a Q in Connect knowledge base needs from Salesforce articles.
SALESFORCE_FIELDS = ["Id", "ArticleNumber", "VersionNumber", "Title", "PublishStatus", "IsDeleted"]


class KnowledgeBaseStack(cdk.Stack):
    """A KMS key, a DataIntegration from a Salesforce AppFlow profile, and the knowledge base using it."""

    def __init__(self, scope: Construct, construct_id: str, **kwargs: object) -> None:
        super().__init__(scope, construct_id, **kwargs)  # type: ignore[arg-type]
        profile = self.node.try_get_context("connector_profile") or DEFAULT_CONNECTOR_PROFILE
        key = kms.Key(self, "Key", enable_key_rotation=True, description="Encrypts the knowledge articles")
        articles = DataIntegration(
            self,
            "Articles",
            kms_key=key,
            source_uri=f"Salesforce://AppFlow/{profile}",
            description="Salesforce knowledge articles",
            schedule_config=ScheduleConfig(
                schedule_expression="rate(1 hour)", object=ARTICLE_OBJECT, first_execution_from="1700000000000"
            ),
            object_configuration={ARTICLE_OBJECT: {"fields": SALESFORCE_FIELDS}},
            tags={"team": "cx"},
        )
        wisdom.CfnKnowledgeBase(
            self,
            "KnowledgeBase",
            name="salesforce-articles",
            knowledge_base_type="EXTERNAL",
            source_configuration=wisdom.CfnKnowledgeBase.SourceConfigurationProperty(
                app_integrations=wisdom.CfnKnowledgeBase.AppIntegrationsConfigurationProperty(
                    app_integration_arn=articles.data_integration_arn, object_fields=SALESFORCE_FIELDS
                )
            ),
        )
        cdk.CfnOutput(self, "DataIntegrationArn", value=articles.data_integration_arn)
        cdk.CfnOutput(self, "DataIntegrationId", value=articles.data_integration_id)


def build(app: cdk.App) -> KnowledgeBaseStack:
    """Add the example stack to an app."""
    return KnowledgeBaseStack(app, "AppIntegrationsExample")


if __name__ == "__main__":
    example = cdk.App()
    build(example)
    example.synth()
