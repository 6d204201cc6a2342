"""The contract shared by the construct and the handler: type, properties, attributes."""

from typing import Final

RESOURCE_TYPE: Final = "Custom::AppIntegrationsDataIntegration"

# ResourceProperties: the CreateDataIntegration request member names. CloudFormation adds
# ServiceToken and ServiceTimeout itself; the handler never sends them to the API.
NAME: Final = "Name"
DESCRIPTION: Final = "Description"
KMS_KEY: Final = "KmsKey"
SOURCE_URI: Final = "SourceURI"
SCHEDULE_CONFIG: Final = "ScheduleConfig"
TAGS: Final = "Tags"
CLIENT_TOKEN: Final = "ClientToken"
FILE_CONFIGURATION: Final = "FileConfiguration"
OBJECT_CONFIGURATION: Final = "ObjectConfiguration"
# Not an API member: "true" lets a Create adopt an existing DataIntegration of the same name.
ADOPT_EXISTING: Final = "AdoptExisting"
# Not an API member: a digest of the create-only values of the knowledge base that reads the
# DataIntegration, set by KnowledgeBase. Q in Connect associates a DataIntegration with one knowledge
# base, once, so a new digest (a replaced knowledge base) replaces the DataIntegration too.
KNOWLEDGE_BASE: Final = "KnowledgeBase"

# The tag the handler writes on each DataIntegration it creates or takes over, proving that this
# stack's logical resource owns it. Never part of Tags: users have the model's 200 tags less this one.
OWNER_TAG: Final = "cdk-appintegrations:owner"
# The tag that records KNOWLEDGE_BASE on the DataIntegration itself, so that an Update compares the
# requested binding with the resource's, not with OldResourceProperties.
KNOWLEDGE_BASE_TAG: Final = "cdk-appintegrations:knowledge-base"
HANDLER_TAGS: Final = (OWNER_TAG, KNOWLEDGE_BASE_TAG)
USER_TAGS_MAX: Final = 199
# A DataIntegration a knowledge base reads carries both handler tags.
READ_USER_TAGS_MAX: Final = USER_TAGS_MAX - 1

# Properties no API can change: a change to any of them replaces the resource.
CREATE_ONLY: Final = (KMS_KEY, SOURCE_URI, SCHEDULE_CONFIG, FILE_CONFIGURATION, OBJECT_CONFIGURATION)
# What a generated name's digest covers besides the stack id, the logical id and a binding: frozen
# apart from CREATE_ONLY, since a change here would rename every deployed DataIntegration.
NAME_DIGEST_MEMBERS: Final = (KMS_KEY, SOURCE_URI, SCHEDULE_CONFIG, FILE_CONFIGURATION, OBJECT_CONFIGURATION)

# Response Data keys, read with Fn::GetAtt.
ATTR_ARN: Final = "Arn"
ATTR_ID: Final = "Id"
ATTR_NAME: Final = "Name"

# Lambda entry point inside the asset: <package>.<module>.<function>.
ASSET_PACKAGE: Final = "cdk_appintegrations_handler"
ENTRY_POINT: Final = f"{ASSET_PACKAGE}.entry.handler"
