"""Synth-time validation: each rule fails with a message naming the property and the rule."""

import re
from typing import Any

import aws_cdk as cdk
import pytest
from stacks import data_integration, new_stack

from cdk_appintegrations import FileConfiguration, ScheduleConfig
from cdk_appintegrations.validation import property_path

SCHEDULE = ScheduleConfig(schedule_expression="rate(1 hour)", object="Knowledge__kav")
FILES = FileConfiguration(folders=["/kb"])

CASES: list[tuple[dict[str, Any], str]] = [
    ({"data_integration_name": "bad name"}, r"data_integration_name: must match ^[a-zA-Z0-9/\._\-]+$, got 'bad name'"),
    ({"data_integration_name": ""}, "data_integration_name: must have at least 1 character, got ''"),
    ({"data_integration_name": "n" * 256}, "data_integration_name: must have at most 255 characters"),
    ({"description": "d" * 1001}, "description: must have at most 1000 characters"),
    ({"kms_key": " "}, r"kms_key: must match .*\S.*, got ' '"),
    ({"kms_key": "k" * 256}, "kms_key: must have at most 255 characters"),
    ({"kms_key": "alias/articles"}, "kms_key: a key ARN or a kms.IKey of a key is needed, got 'alias/articles'"),
    ({"source_uri": "not a uri"}, "source_uri: must match ^((\\w+\\:"),
    ({"source_uri": "Salesforce://AppFlow/" + "p" * 1000}, "source_uri: must have at most 1000 characters"),
    (
        {"schedule_config": ScheduleConfig(schedule_expression=" ")},
        "schedule_config.schedule_expression: must match .*\\S.*",
    ),
    (
        {"schedule_config": ScheduleConfig(schedule_expression="rate(1 hour)", object="bad object")},
        "schedule_config.object: must match",
    ),
    (
        {"schedule_config": ScheduleConfig(schedule_expression="rate(1 hour)", object="o" * 256)},
        "schedule_config.object: must have at most 255",
    ),
    (
        {"schedule_config": ScheduleConfig(schedule_expression="rate(1 hour)", first_execution_from="")},
        "schedule_config.first_execution_from: must have at least 1 character",
    ),
    (
        {"file_configuration": FileConfiguration(folders=[])},
        "file_configuration.folders: must have at least 1 item, got []",
    ),
    (
        {"file_configuration": FileConfiguration(folders=["/f"] * 11)},
        "file_configuration.folders: must have at most 10 items",
    ),
    (
        {"file_configuration": FileConfiguration(folders=["f" * 201])},
        "file_configuration.folders[0]: must have at most 200 characters",
    ),
    ({"file_configuration": FileConfiguration(folders=[" "])}, "file_configuration.folders[0]: must match .*\\S.*"),
    (
        {"file_configuration": FileConfiguration(folders=["/kb"], filters={"ext": []})},
        "file_configuration.filters['ext']: must have at least 1 item",
    ),
    (
        {"file_configuration": FileConfiguration(folders=["/kb"], filters={"ext": ["*.pdf"]})},
        "file_configuration.filters['ext'][0]: must match",
    ),
    (
        {"file_configuration": FileConfiguration(folders=["/kb"], filters={" ": ["pdf"]})},
        "file_configuration.filters[' ']: key must match",
    ),
    (
        {"object_configuration": {"Knowledge__kav": {"fields": ["Id", "bad field"]}}},
        "object_configuration['Knowledge__kav']['fields'][1]: must match",
    ),
    (
        {"object_configuration": {"Knowledge__kav": {"fields": ["f" * 256]}}},
        "object_configuration['Knowledge__kav']['fields'][0]: must have at most 255",
    ),
    (
        {"object_configuration": {"": {"fields": ["Id"]}}},
        "object_configuration['']: key must have at least 1 character",
    ),
    (
        {"object_configuration": {"Knowledge__kav": {"fields": []}}},
        "object_configuration['Knowledge__kav']['fields']: must have at least 1 item",
    ),
    ({"tags": {"k" * 129: "v"}}, "tags['kkkk"),
    ({"tags": {"": "v"}}, "tags['']: key must have at least 1 character"),
    ({"tags": {"aws:team": "cx"}}, "tags['aws:team']: key must not start with aws:"),
    ({"tags": {f"k{i}": "v" for i in range(200)}}, "tags: must have at most 199 entries, besides the handler's"),
    ({"tags": {"cdk-appintegrations:owner": "me"}}, "tags['cdk-appintegrations:owner']: the handler writes this tag"),
    (
        {"tags": {"cdk-appintegrations:knowledge-base": "me"}},
        "tags['cdk-appintegrations:knowledge-base']: the handler writes this tag",
    ),
    ({"tags": {"team": "v" * 257}}, "tags['team']: must have at most 256 characters"),
    ({"client_token": "t" * 2049}, "client_token: must have at most 2048 characters"),
    ({"client_token": ""}, "client_token: must have at least 1 character"),
    (
        {"object_configuration": {"Knowledge__kav": {}}},
        "object_configuration['Knowledge__kav']: names no field; give it at least one key with its fields",
    ),
    (
        {"source_uri": "ServiceNow://appflow"},
        "source_uri: names no AppFlow connector profile, got 'ServiceNow://appflow'",
    ),
    (
        {"source_uri": "s3://bucket", "schedule_config": SCHEDULE},
        "schedule_config: an S3 source takes no schedule_config",
    ),
    (
        {"source_uri": "s3://bucket", "file_configuration": FILES},
        "file_configuration: an S3 source takes no file_configuration",
    ),
    (
        {"source_uri": "s3://bucket", "object_configuration": {"o": {"f": ["Id"]}}},
        "object_configuration: an S3 source takes no object_configuration",
    ),
]


@pytest.mark.parametrize(("props", "message"), CASES, ids=[m.split(":")[0] + f"-{i}" for i, (_, m) in enumerate(CASES)])
def test_each_rule_fails_with_property_and_rule(props: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        data_integration(**props)


def test_a_tag_key_too_long_is_named_with_its_rule() -> None:
    with pytest.raises(ValueError, match=r"tags\['k{129}'\]: key must have at most 128 characters"):
        data_integration(tags={"k" * 129: "v"})


def test_every_broken_rule_is_reported_at_once_with_the_construct_path() -> None:
    with pytest.raises(ValueError) as raised:
        data_integration(data_integration_name="bad name", description="d" * 1001)
    assert str(raised.value).startswith("DataIntegration TestStack/Articles: data_integration_name: must match")
    assert "; description: must have at most 1000 characters" in str(raised.value)


def test_valid_limits_pass() -> None:
    stack = new_stack()
    data_integration(
        stack,
        data_integration_name="n" * 255,
        description="d" * 1000,
        file_configuration=FileConfiguration(folders=["f" * 200] * 10, filters={"ext": ["pdf"] * 2048}),
        tags={f"{i:0128d}": "v" * 256 for i in range(199)},
        client_token="t" * 2048,
    )
    data_integration(stack, "S3", source_uri="s3://bucket")


def test_tokens_are_skipped_everywhere() -> None:
    stack = new_stack()
    token = cdk.CfnParameter(stack, "P").value_as_string
    folders = cdk.CfnParameter(stack, "F", type="CommaDelimitedList").value_as_list
    data_integration(
        stack,
        kms_key=token,
        description=token,
        schedule_config=ScheduleConfig(schedule_expression=token, object=token),
        file_configuration=FileConfiguration(folders=folders, filters={"ext": folders}),
        tags={"team": token},
    )


def test_text_that_only_looks_like_a_token_is_checked() -> None:
    with pytest.raises(ValueError, match="description: must have at most 1000 characters"):
        data_integration(description="{Token[" + "d" * 1000)


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (("Name",), "data_integration_name"),
        (("ScheduleConfig", "FirstExecutionFrom"), "schedule_config.first_execution_from"),
        (("FileConfiguration", "Folders", 3), "file_configuration.folders[3]"),
        (("Tags", ("team",)), "tags['team']"),
    ],
)
def test_property_path(path: tuple[Any, ...], text: str) -> None:
    assert property_path(path) == text


@pytest.mark.parametrize("tags", [201, 250])
def test_too_many_tags_is_one_message(tags: int) -> None:
    with pytest.raises(ValueError) as raised:
        data_integration(tags={f"k{i}": "v" for i in range(tags)})
    assert str(raised.value) == (
        "DataIntegration TestStack/Articles: tags: must have at most 199 entries, besides the handler's owner tag"
    )


@pytest.mark.parametrize(
    "expression",
    [
        "rate(1 hour)",
        "rate(5minutes)",
        "rate(90 minutes)",
        "rate(1 day)",
        "rate(2 weeks)",
        "rate(1 month)",
        "cron(0 12 * * ? *)",
    ],
)
def test_schedule_expressions_of_the_documented_syntax_are_taken(expression: str) -> None:
    data_integration(schedule_config=ScheduleConfig(schedule_expression=expression))


@pytest.mark.parametrize(
    "expression",
    ["every hour", "rate(0 hours)", "rate(1 second)", "rate(hour)", "rate(1 hour", "cron(0 12 * * ?)", "1h"],
)
def test_other_schedule_expressions_are_refused(expression: str) -> None:
    with pytest.raises(ValueError) as raised:
        data_integration(schedule_config=ScheduleConfig(schedule_expression=expression))
    assert str(raised.value) == (
        "DataIntegration TestStack/Articles: schedule_config.schedule_expression: must be "
        f"rate(<n> <minutes|hours|days|weeks|months>) or cron(<6 fields>), got {expression!r}"
    )
