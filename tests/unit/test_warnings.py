"""Every warning the library emits: its id, the README's entry for it, and both ways to acknowledge it."""

import re
from collections.abc import Callable

import aws_cdk as cdk
import pytest
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from aws_cdk.assertions import Annotations, Match
from constants import KEY_ARN
from constructs import Construct
from stacks import data_integration
from tools import ROOT

from cdk_appintegrations import AssistantOptions, DataIntegration, DataIntegrationSource, KnowledgeBase, ScheduleConfig

DI_ARN = "arn:aws:app-integrations:eu-west-1:123456789012:data-integration/0f6a6c9e-2d4b-4c1a-9f3e-8b7a6c5d4e3f"
FIELDS = ["Id", "ArticleNumber", "VersionNumber", "Title", "PublishStatus", "IsDeleted"]
# Where a warning id is emitted: add_warning_v2(f"{WARNING_ID}:<Name>", ...) in a module whose WARNING_ID is given.
_EMITTED = re.compile(r'add_warning_v2\(\s*f"\{WARNING_ID\}:(\w+)"')
_WARNING_ID = re.compile(r'^WARNING_ID = "(.+)"$', re.MULTILINE)


def imported_bucket(stack: cdk.Stack) -> Construct:
    return data_integration(stack, source_uri=DataIntegrationSource.s3(s3.Bucket.from_bucket_name(stack, "B", "b-1")))


def bucket_key(stack: cdk.Stack) -> Construct:
    key = kms.Key.from_key_arn(stack, "BucketKey", KEY_ARN)
    bucket = s3.Bucket(stack, "Bucket", encryption=s3.BucketEncryption.KMS, encryption_key=key)
    return data_integration(stack, source_uri=DataIntegrationSource.s3(bucket))


def knowledge_base(stack: cdk.Stack, **props: object) -> Construct:
    di = data_integration(stack, object_configuration={"Knowledge__kav": {"fields": FIELDS}})
    return KnowledgeBase(stack, "KnowledgeBase", data_integration=di, **props)


def cross_environment(stack: cdk.Stack) -> Construct:
    imported = DataIntegration.from_data_integration_attributes(
        stack, "Imported", data_integration_arn=DI_ARN, kms_key=KEY_ARN
    )
    return KnowledgeBase(stack, "KnowledgeBase", data_integration=imported)


WARNINGS: dict[str, Callable[[cdk.Stack], Construct]] = {
    "@cdk-appintegrations/DataIntegration:KnowledgeBaseFields": lambda stack: data_integration(
        stack, object_configuration={"Knowledge__kav": {"fields": ["Id"]}}
    ),
    "@cdk-appintegrations/DataIntegration:ScheduleObject": lambda stack: data_integration(
        stack,
        schedule_config=ScheduleConfig("rate(1 hour)", object="Account"),
        object_configuration={"Knowledge__kav": {"fields": FIELDS}},
    ),
    "@cdk-appintegrations/DataIntegration:ImportedBucket": imported_bucket,
    "@cdk-appintegrations/DataIntegration:BucketKey": bucket_key,
    "@cdk-appintegrations/KnowledgeBase:ImportedKey": lambda stack: knowledge_base(
        stack, kms_key=KEY_ARN, assistant=AssistantOptions()
    ),
    "@cdk-appintegrations/KnowledgeBase:ObjectFields": lambda stack: knowledge_base(stack, object_fields=["Body"]),
    "@cdk-appintegrations/KnowledgeBase:CrossEnvironment": cross_environment,
}


def pinned_stack() -> cdk.Stack:
    return cdk.Stack(cdk.App(), "TestStack", env=cdk.Environment(account="123456789012", region="us-east-1"))


def ids_of(stack: cdk.Stack) -> list[str]:
    warnings = Annotations.from_stack(stack).find_warning("*", Match.any_value())
    return [re.sub(r".*\[ack: (.+)\]$", r"\1", w.entry.data) for w in warnings]


def emitted_ids() -> set[str]:
    found = set()
    for module in (ROOT / "constructs" / "cdk_appintegrations").glob("*.py"):
        text = module.read_text()
        prefix = _WARNING_ID.search(text)
        found |= {f"{prefix[1] if prefix else '?'}:{name}" for name in _EMITTED.findall(text)}
    return found


def test_the_table_holds_every_warning_the_library_emits() -> None:
    assert emitted_ids() == set(WARNINGS)


@pytest.mark.parametrize("warning", WARNINGS)
def test_each_warning_is_emitted_alone(warning: str) -> None:
    stack = pinned_stack()
    WARNINGS[warning](stack)
    assert ids_of(stack) == [warning]


@pytest.mark.parametrize("warning", WARNINGS)
@pytest.mark.parametrize("way", ["Validations.acknowledge", "Annotations.acknowledge_warning"])
def test_each_warning_is_acknowledged_either_way(warning: str, way: str) -> None:
    stack = pinned_stack()
    construct = WARNINGS[warning](stack)
    if way == "Validations.acknowledge":
        cdk.Validations.of(construct).acknowledge(cdk.Acknowledgment(id=warning, reason="Known."))
    else:
        cdk.Annotations.of(construct).acknowledge_warning(warning)
    assert ids_of(stack) == []


def test_the_docs_acknowledge_with_an_acknowledgment_never_a_string() -> None:
    """Validations.acknowledge takes Acknowledgment objects: a string fails with a TypeError."""
    texts = [(ROOT / "README.md").read_text()]
    texts += [module.read_text() for module in (ROOT / "constructs" / "cdk_appintegrations").glob("*.py")]
    calls = [call for text in texts for call in re.findall(r"\.acknowledge\((?:\w+=)?[^)]{0,20}", text)]
    assert calls and [call for call in calls if "Acknowledgment(" not in call] == []


@pytest.mark.parametrize("warning", WARNINGS)
def test_the_readme_lists_each_warning_with_how_to_acknowledge_it(warning: str) -> None:
    rows = [line for line in (ROOT / "README.md").read_text().splitlines() if line.startswith(f"| `{warning}` |")]
    assert len(rows) == 1, f"README.md has no row for {warning}"
