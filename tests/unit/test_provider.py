"""The stack's one handler function: its defaults, and the settings a user may give it."""

from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from aws_cdk.assertions import Template
from stacks import data_integration, new_stack

from cdk_appintegrations import DataIntegrationProvider


def handler_of(stack: cdk.Stack) -> tuple[dict[str, Any], dict[str, Any]]:
    """The function and its log group, as synthesized."""
    template = Template.from_stack(stack)
    (function,) = template.find_resources("AWS::Lambda::Function").values()
    (log_group_id, log_group), *others = template.find_resources("AWS::Logs::LogGroup").items()
    assert not others and function["Properties"]["LoggingConfig"] == {"LogGroup": {"Ref": log_group_id}}
    return function, log_group


def test_the_defaults_are_pinned_arm64_python_3_14_256_mib_and_a_retained_one_year_log_group() -> None:
    stack = new_stack()
    data_integration(stack)
    function, log_group = handler_of(stack)
    props = function["Properties"]
    assert (props["Runtime"], props["Architectures"], props["MemorySize"]) == ("python3.14", ["arm64"], 256)
    assert props["Handler"] == "cdk_appintegrations_handler.entry.handler"
    assert "DependsOn" not in function
    assert log_group["Properties"]["RetentionInDays"] == 365
    assert (log_group["DeletionPolicy"], log_group["UpdateReplacePolicy"]) == ("Retain", "Retain")
    assert Template.from_stack(stack).find_resources("Custom::LogRetention") == {}


def test_lambda_never_runs_an_event_again_nor_one_older_than_the_service_timeout() -> None:
    """CloudFormation invokes asynchronously: without this, Lambda retries a timed-out event twice, hours late."""
    stack = new_stack()
    data_integration(stack)
    template = Template.from_stack(stack)
    (function_id,) = template.find_resources("AWS::Lambda::Function")
    (config,) = template.find_resources("AWS::Lambda::EventInvokeConfig").values()
    (resource,) = template.find_resources("Custom::AppIntegrationsDataIntegration").values()
    assert config["Properties"] == {
        "FunctionName": {"Ref": function_id},
        "Qualifier": "$LATEST",
        "MaximumRetryAttempts": 0,
        "MaximumEventAgeInSeconds": int(resource["Properties"]["ServiceTimeout"]),
    }


def test_configure_sets_runtime_memory_log_retention_and_removal() -> None:
    stack = new_stack()
    DataIntegrationProvider.configure(
        stack,
        runtime=lambda_.Runtime.PYTHON_3_13,
        memory_size=512,
        log_retention=logs.RetentionDays.ONE_MONTH,
        log_removal_policy=cdk.RemovalPolicy.DESTROY,
    )
    data_integration(stack)
    data_integration(stack, "Other")
    function, log_group = handler_of(stack)
    assert (function["Properties"]["Runtime"], function["Properties"]["MemorySize"]) == ("python3.13", 512)
    assert log_group["Properties"]["RetentionInDays"] == 30
    assert log_group["DeletionPolicy"] == "Delete"


def test_configure_keeps_the_logical_ids() -> None:
    default, configured = new_stack(), new_stack()
    DataIntegrationProvider.configure(configured, memory_size=1024)
    for stack in (default, configured):
        data_integration(stack)
    ids = [sorted(Template.from_stack(stack).to_json()["Resources"]) for stack in (default, configured)]
    assert ids[0] == ids[1]


def test_configure_after_the_first_data_integration_is_refused() -> None:
    stack = new_stack()
    data_integration(stack)
    with pytest.raises(ValueError, match="TestStack already has its handler; configure it before the stack's first"):
        DataIntegrationProvider.configure(stack, memory_size=512)


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            {"runtime": lambda_.Runtime.NODEJS_22_X},
            "runtime: the handler is Python; give a Python runtime, got nodejs22.x",
        ),
        ({"memory_size": 64}, "memory_size: must be from 128 to 10240 MiB, got 64"),
        ({"memory_size": 10_241}, "memory_size: must be from 128 to 10240 MiB, got 10241"),
    ],
)
def test_settings_the_handler_cannot_take_are_refused(setting: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        DataIntegrationProvider.configure(new_stack(), **setting)
