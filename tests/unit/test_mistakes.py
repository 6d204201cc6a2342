"""A new user's mistakes, each with its exact message: an error where the service refuses it, else a warning.

One row a mistake; the README's "Mistakes caught at synth" lists the same. The rules themselves are tested
further in test_validation.py, test_prop_types.py, test_keys.py and test_knowledge_base.py.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_kms as kms
from aws_cdk.assertions import Annotations, Match, Template
from constants import KEY_ARN
from stacks import data_integration, new_stack

from cdk_appintegrations import DataIntegration, DataIntegrationSource, FileConfiguration, KnowledgeBase, ScheduleConfig

PATH = "DataIntegration TestStack/Articles: "
KB_PATH = "KnowledgeBase TestStack/KnowledgeBase: "
SALESFORCE_FIELDS = ["Id", "ArticleNumber", "VersionNumber", "Title", "PublishStatus", "IsDeleted"]
ARTICLES = {"Knowledge__kav": {"fields": SALESFORCE_FIELDS}}
OTHER_REGION_ARN = (
    "arn:aws:app-integrations:eu-west-1:123456789012:data-integration/0f6a6c9e-2d4b-4c1a-9f3e-8b7a6c5d4e3f"
)


@dataclass(frozen=True)
class Mistake:
    """What the user wrote, and what they are told."""

    make: Callable[[cdk.Stack], Any]
    error: type[Exception]
    message: str


def key_id(stack: cdk.Stack) -> DataIntegration:
    return data_integration(stack, kms_key=kms.Key(stack, "Key").key_id)


def unpulled_fields(stack: cdk.Stack) -> KnowledgeBase:
    di = data_integration(stack, object_configuration=ARTICLES)
    return KnowledgeBase(stack, "KnowledgeBase", data_integration=di, object_fields=["Id", "Summary"])


def other_region(stack: cdk.Stack) -> KnowledgeBase:
    imported = DataIntegration.from_data_integration_attributes(
        stack, "Imported", data_integration_arn=OTHER_REGION_ARN, kms_key=KEY_ARN
    )
    return KnowledgeBase(stack, "KnowledgeBase", data_integration=imported)


ERRORS: dict[str, Mistake] = {
    "folders as a str": Mistake(
        lambda stack: FileConfiguration(folders="/sites/hr"),
        TypeError,
        "file_configuration.folders: expected a sequence of str, got str",
    ),
    "an object's fields as a str": Mistake(
        lambda stack: data_integration(stack, object_configuration={"Knowledge__kav": {"fields": "Id"}}),
        TypeError,
        PATH + "object_configuration['Knowledge__kav']['fields']: expected a sequence of str, got str",
    ),
    "a dict as schedule_config": Mistake(
        lambda stack: data_integration(stack, schedule_config={"schedule_expression": "rate(1 hour)"}),
        TypeError,
        PATH + "schedule_config: expected ScheduleConfig, got dict",
    ),
    "kms_key=None": Mistake(
        lambda stack: data_integration(stack, kms_key=None),
        TypeError,
        PATH + "kms_key: expected a kms.IKey or a key ARN str, got None",
    ),
    "a list as an object's field map": Mistake(
        lambda stack: data_integration(stack, object_configuration={"Knowledge__kav": ["Id"]}),
        TypeError,
        PATH + "object_configuration['Knowledge__kav']: expected a mapping of str to a sequence of str, got list",
    ),
    "kms_key=key.key_id": Mistake(
        key_id,
        ValueError,
        PATH + "kms_key: a key ARN or a kms.IKey of a key is needed, got the key id of TestStack/Key/Resource "
        "(key.key_id), which AppIntegrations does not take; pass the key itself (kms_key=key) or its ARN "
        "(key.key_arn)",
    ),
    "an empty AppFlow profile": Mistake(
        lambda stack: data_integration(stack, source_uri=DataIntegrationSource.appflow("Salesforce", profile="")),
        ValueError,
        PATH + "source_uri: names no AppFlow connector profile, got 'Salesforce://AppFlow/'",
    ),
    "a schedule expression AppFlow does not document": Mistake(
        lambda stack: data_integration(stack, schedule_config=ScheduleConfig(schedule_expression="every hour")),
        ValueError,
        PATH + "schedule_config.schedule_expression: must be rate(<n> <minutes|hours|days|weeks|months>) or "
        "cron(<6 fields>), got 'every hour'",
    ),
    "object_configuration={}": Mistake(
        lambda stack: data_integration(stack, object_configuration={}),
        ValueError,
        PATH + "object_configuration: names no object; name at least one, or leave it out",
    ),
    "201 tags": Mistake(
        lambda stack: data_integration(stack, tags={f"k{i}": "v" for i in range(201)}),
        ValueError,
        PATH + "tags: must have at most 199 entries, besides the handler's owner tag",
    ),
}
WARNINGS: dict[str, Mistake] = {
    "a schedule object object_configuration does not name": Mistake(
        lambda stack: data_integration(
            stack, schedule_config=ScheduleConfig("rate(1 hour)", object="Account"), object_configuration=ARTICLES
        ),
        Warning,
        "schedule_config.object: 'Account' is not an object of object_configuration (Knowledge__kav), which "
        "configures no field of what the schedule pulls [ack: @cdk-appintegrations/DataIntegration:ScheduleObject]",
    ),
    "object_fields the DataIntegration does not pull": Mistake(
        unpulled_fields,
        Warning,
        "object_fields: the DataIntegration TestStack/Articles does not pull Summary; its object_configuration has "
        + ", ".join(SALESFORCE_FIELDS)
        + " [ack: @cdk-appintegrations/KnowledgeBase:ObjectFields]",
    ),
    "a knowledge base reading a DataIntegration of another region": Mistake(
        other_region,
        Warning,
        "data_integration: it is in account 123456789012, region eu-west-1, the knowledge base in account "
        "123456789012, region us-east-1; the Amazon Q in Connect documentation does not say a knowledge base may "
        "read a DataIntegration of another account or region [ack: @cdk-appintegrations/KnowledgeBase:"
        "CrossEnvironment]",
    ),
}


def pinned_stack() -> cdk.Stack:
    return cdk.Stack(cdk.App(), "TestStack", env=cdk.Environment(account="123456789012", region="us-east-1"))


@pytest.mark.parametrize("mistake", ERRORS.values(), ids=ERRORS.keys())
def test_each_mistake_is_refused_with_its_message(mistake: Mistake) -> None:
    with pytest.raises(mistake.error) as raised:
        mistake.make(pinned_stack())
    assert str(raised.value) == mistake.message


@pytest.mark.parametrize("mistake", WARNINGS.values(), ids=WARNINGS.keys())
def test_each_mistake_the_service_may_take_is_one_warning(mistake: Mistake) -> None:
    stack = pinned_stack()
    mistake.make(stack)
    warnings = Annotations.from_stack(stack).find_warning("*", Match.any_value())
    assert [w.entry.data for w in warnings] == [mistake.message]


def test_tags_of_past_the_limit_is_one_error_under_the_data_integrations_path() -> None:
    stack = new_stack()
    data_integration(stack)
    for i in range(200):
        cdk.Tags.of(stack).add(f"k{i}", "v")
    with pytest.raises(RuntimeError) as raised:
        Template.from_stack(stack)
    errors = str(raised.value).split("\n")[1:]
    assert errors == [
        f"  [TestStack/Articles] {PATH}tags: must have at most 199 entries, besides the handler's owner tag"
    ]
