"""Every prop of every public construct and struct is checked for its type where it enters, with tokens passing
where a string is taken and a str never taken for a sequence of strings."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_s3 as s3
from constants import KEY_ARN
from stacks import data_integration, new_stack

from cdk_appintegrations import (
    AssistantOptions,
    DataIntegration,
    DataIntegrationSource,
    FileConfiguration,
    KnowledgeBase,
    ScheduleConfig,
)
from cdk_appintegrations.prop_types import is_text

DI = "DataIntegration TestStack/Articles: "
KB = "KnowledgeBase TestStack/KnowledgeBase: "
DI_ARN = "arn:aws:app-integrations:us-east-1:123456789012:data-integration/0f6a6c9e-2d4b-4c1a-9f3e-8b7a6c5d4e3f"


def knowledge_base(**props: Any) -> KnowledgeBase:
    stack = new_stack()
    props.setdefault("data_integration", data_integration(stack))
    return KnowledgeBase(stack, "KnowledgeBase", **props)


def imported(stack: cdk.Stack, **props: Any) -> Any:
    return DataIntegration.from_data_integration_attributes(stack, "Imported", **props)


CASES: dict[str, tuple[Callable[[], Any], str]] = {
    "DataIntegration.kms_key": (
        lambda: data_integration(kms_key=42),
        DI + "kms_key: expected a kms.IKey or a key ARN str, got int",
    ),
    "DataIntegration.source_uri": (
        lambda: data_integration(source_uri=["s3://bucket"]),
        DI + "source_uri: expected a DataIntegrationSource or a source URI str, got list",
    ),
    "DataIntegration.data_integration_name": (
        lambda: data_integration(data_integration_name=7),
        DI + "data_integration_name: expected str, got int",
    ),
    "DataIntegration.description": (
        lambda: data_integration(description=b"x"),
        DI + "description: expected str, got bytes",
    ),
    "DataIntegration.file_configuration": (
        lambda: data_integration(file_configuration={"folders": ["/kb"]}),
        DI + "file_configuration: expected FileConfiguration, got dict",
    ),
    "DataIntegration.object_configuration": (
        lambda: data_integration(object_configuration=[("Knowledge__kav", {"fields": ["Id"]})]),
        DI + "object_configuration: expected a mapping of str to a mapping of str to a sequence of str, got list",
    ),
    "DataIntegration.object_configuration keys": (
        lambda: data_integration(object_configuration={1: {"fields": ["Id"]}}),
        DI + "object_configuration: expected str keys, got int 1",
    ),
    "DataIntegration.object_configuration fields": (
        lambda: data_integration(object_configuration={"Knowledge__kav": {"fields": ["Id", 2]}}),
        DI + "object_configuration['Knowledge__kav']['fields'][1]: expected str, got int",
    ),
    "DataIntegration.tags": (
        lambda: data_integration(tags=["team"]),
        DI + "tags: expected a mapping of str to str, got list",
    ),
    "DataIntegration.tags values": (
        lambda: data_integration(tags={"team": 1}),
        DI + "tags['team']: expected str, got int",
    ),
    "DataIntegration.client_token": (
        lambda: data_integration(client_token=1.5),
        DI + "client_token: expected str, got float",
    ),
    "DataIntegration.removal_policy": (
        lambda: data_integration(removal_policy="retain"),
        DI + "removal_policy: expected RemovalPolicy, got str",
    ),
    "DataIntegration.adopt_existing": (
        lambda: data_integration(adopt_existing="yes"),
        DI + "adopt_existing: expected bool, got str",
    ),
    "DataIntegration, all at once": (
        lambda: data_integration(description=1, tags={"team": None}),
        DI + "description: expected str, got int; tags['team']: expected str, got None",
    ),
    "from_data_integration_attributes.data_integration_arn": (
        lambda: imported(new_stack(), data_integration_arn=None),
        "data_integration_arn: expected str, got None",
    ),
    "from_data_integration_attributes.kms_key": (
        lambda: imported(new_stack(), data_integration_arn=DI_ARN, kms_key=1),
        "kms_key: expected a kms.IKey or a key ARN str, got int",
    ),
    "from_data_integration_attributes.data_integration_name": (
        lambda: imported(new_stack(), data_integration_arn=DI_ARN, data_integration_name=["a"]),
        "data_integration_name: expected str, got list",
    ),
    "from_data_integration_id": (
        lambda: DataIntegration.from_data_integration_id(new_stack(), "ById", 5),
        "data_integration_id: expected str, got int",
    ),
    "DataIntegrationSource.of": (
        lambda: DataIntegrationSource.of(None),
        "source_uri: expected a DataIntegrationSource or a source URI str, got None",
    ),
    "DataIntegrationSource.appflow connector": (
        lambda: DataIntegrationSource.appflow(connector=None, profile="p"),
        "source_uri.connector: expected str, got None",
    ),
    "DataIntegrationSource.appflow profile": (
        lambda: DataIntegrationSource.appflow(connector="Salesforce", profile=3),
        "source_uri.profile: expected str or an appflow.CfnConnectorProfile, got int",
    ),
    "DataIntegrationSource.s3 bucket name": (
        lambda: DataIntegrationSource.s3("my-bucket"),
        "source_uri.bucket: expected an s3.IBucket, got str",
    ),
    "ScheduleConfig.schedule_expression": (
        lambda: ScheduleConfig(schedule_expression=None),
        "schedule_config.schedule_expression: expected str, got None",
    ),
    "ScheduleConfig.object": (
        lambda: ScheduleConfig("rate(1 hour)", object=["Account"]),
        "schedule_config.object: expected str, got list",
    ),
    "ScheduleConfig.first_execution_from": (
        lambda: ScheduleConfig("rate(1 hour)", first_execution_from=1700000000000),
        "schedule_config.first_execution_from: expected str, got int",
    ),
    "ScheduleConfig.rate every": (
        lambda: ScheduleConfig.rate(3600),
        "schedule_config.every: expected Duration, got int",
    ),
    "ScheduleConfig.rate first_execution_from": (
        lambda: ScheduleConfig.rate(cdk.Duration.hours(1), first_execution_from="2026-01-01"),
        "schedule_config.first_execution_from: expected datetime, got str",
    ),
    "FileConfiguration.folders": (
        lambda: FileConfiguration(folders=None),
        "file_configuration.folders: expected a sequence of str, got None",
    ),
    "FileConfiguration.filters": (
        lambda: FileConfiguration(folders=["/kb"], filters={"ext": "pdf"}),
        "file_configuration.filters['ext']: expected a sequence of str, got str",
    ),
    "KnowledgeBase.data_integration": (
        lambda: knowledge_base(data_integration=DI_ARN),
        KB + "data_integration: expected an IDataIntegration, got str",
    ),
    "KnowledgeBase.knowledge_base_name": (
        lambda: knowledge_base(knowledge_base_name=1),
        KB + "knowledge_base_name: expected str, got int",
    ),
    "KnowledgeBase.description": (
        lambda: knowledge_base(description=["d"]),
        KB + "description: expected str, got list",
    ),
    "KnowledgeBase.object_fields": (
        lambda: knowledge_base(object_fields="Id"),
        KB + "object_fields: expected a sequence of str, got str",
    ),
    "KnowledgeBase.kms_key": (
        lambda: knowledge_base(kms_key={"arn": KEY_ARN}),
        KB + "kms_key: expected a kms.IKey or a key ARN str, got dict",
    ),
    "KnowledgeBase.assistant": (
        lambda: knowledge_base(assistant={}),
        KB + "assistant: expected AssistantOptions, got dict",
    ),
    "KnowledgeBase.connect_instance_arn": (
        lambda: knowledge_base(connect_instance_arn=0),
        KB + "connect_instance_arn: expected str, got int",
    ),
    "KnowledgeBase.removal_policy": (
        lambda: knowledge_base(removal_policy="destroy"),
        KB + "removal_policy: expected RemovalPolicy, got str",
    ),
    "KnowledgeBase.tags": (
        lambda: knowledge_base(tags="team=cx"),
        KB + "tags: expected a mapping of str to str, got str",
    ),
    "AssistantOptions.assistant_name": (
        lambda: AssistantOptions(assistant_name=1),
        "assistant.assistant_name: expected str, got int",
    ),
    "AssistantOptions.description": (
        lambda: AssistantOptions(description=True),
        "assistant.description: expected str, got bool",
    ),
    "AssistantOptions.kms_key": (
        lambda: AssistantOptions(kms_key=[KEY_ARN]),
        "assistant.kms_key: expected a kms.IKey or a key ARN str, got list",
    ),
    "KnowledgeBase.from_knowledge_base_arn": (
        lambda: KnowledgeBase.from_knowledge_base_arn(new_stack(), "Imported", None),
        "knowledge_base_arn: expected str, got None",
    ),
    "KnowledgeBase.from_knowledge_base_attributes": (
        lambda: KnowledgeBase.from_knowledge_base_attributes(
            new_stack(),
            "Imported",
            knowledge_base_arn="arn:aws:wisdom:us-east-1:123456789012:knowledge-base/x",
            knowledge_base_id=1,
        ),
        "knowledge_base_id: expected str, got int",
    ),
}


@pytest.mark.parametrize(("make", "message"), CASES.values(), ids=CASES.keys())
def test_a_prop_of_the_wrong_type_is_refused_naming_it(make: Callable[[], Any], message: str) -> None:
    with pytest.raises(TypeError) as raised:
        make()
    assert str(raised.value) == message


def test_tokens_pass_where_strings_and_lists_of_strings_are_taken() -> None:
    stack = new_stack()
    text = cdk.CfnParameter(stack, "Text").value_as_string
    texts = cdk.CfnParameter(stack, "Texts", type="CommaDelimitedList").value_as_list
    di = data_integration(
        stack,
        description=text,
        client_token=text,
        schedule_config=ScheduleConfig(schedule_expression=text, object=text, first_execution_from=text),
        file_configuration=FileConfiguration(folders=texts, filters={text: texts}),
        object_configuration={"Knowledge__kav": {"fields": texts}},
        tags={"team": text},
    )
    KnowledgeBase(stack, "KnowledgeBase", data_integration=di, object_fields=texts, knowledge_base_name=text)
    AssistantOptions(assistant_name=text, kms_key=text)


def test_an_unresolved_jsii_object_is_text_and_a_stack_is_not() -> None:
    stack = new_stack()
    assert is_text(cdk.Fn.get_att("Resource", "Arn"))
    assert not is_text(stack)
    assert not is_text(s3.Bucket(stack, "Bucket"))
    assert not is_text(datetime(2026, 1, 1))
