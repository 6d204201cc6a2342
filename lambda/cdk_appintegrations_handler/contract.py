"""The contract shared by the construct and the handler: type, properties, attributes."""

from dataclasses import dataclass
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


@dataclass(frozen=True)
class Member:
    """One CreateDataIntegration member, and what it is on every side."""

    name: str
    # The DataIntegration construct's prop.
    prop: str
    # Its key in GetDataIntegration's answer; None where the answer leaves it out.
    described_as: str | None
    # No API changes it: a change replaces the resource.
    create_only: bool = False
    # UpdateDataIntegration takes it. Tags are neither: TagResource and UntagResource change them.
    updatable: bool = False


# Every CreateDataIntegration member, in the order the handler and the construct list them.
MEMBERS: Final = (
    Member(NAME, "data_integration_name", NAME, updatable=True),
    Member(DESCRIPTION, "description", DESCRIPTION, updatable=True),
    Member(KMS_KEY, "kms_key", KMS_KEY, create_only=True),
    Member(SOURCE_URI, "source_uri", SOURCE_URI, create_only=True),
    Member(SCHEDULE_CONFIG, "schedule_config", "ScheduleConfiguration", create_only=True),
    Member(TAGS, "tags", TAGS),
    Member(CLIENT_TOKEN, "client_token", None),
    Member(FILE_CONFIGURATION, "file_configuration", FILE_CONFIGURATION, create_only=True),
    Member(OBJECT_CONFIGURATION, "object_configuration", OBJECT_CONFIGURATION, create_only=True),
)
# API member name -> the construct's prop name.
PROPERTY_NAMES: Final = {member.name: member.prop for member in MEMBERS}
# Create-only members -> their key in GetDataIntegration's answer.
CREATE_ONLY_DESCRIBED_AS: Final = {member.name: str(member.described_as) for member in MEMBERS if member.create_only}
# Members no API can change: a change to any of them replaces the resource.
CREATE_ONLY: Final = tuple(CREATE_ONLY_DESCRIBED_AS)
# Members UpdateDataIntegration takes.
UPDATABLE: Final = tuple(member.name for member in MEMBERS if member.updatable)
# What a generated name's digest covers besides the stack id, the logical id and a binding. Frozen, and
# never derived from MEMBERS: a new create-only member must not rename every deployed DataIntegration.
NAME_DIGEST_MEMBERS: Final = (KMS_KEY, SOURCE_URI, SCHEDULE_CONFIG, FILE_CONFIGURATION, OBJECT_CONFIGURATION)

# Response Data keys, read with Fn::GetAtt.
ATTR_ARN: Final = "Arn"
ATTR_ID: Final = "Id"
ATTR_NAME: Final = "Name"

# Lambda entry point inside the asset: <package>.<module>.<function>.
ASSET_PACKAGE: Final = "cdk_appintegrations_handler"
ENTRY_POINT: Final = f"{ASSET_PACKAGE}.entry.handler"
