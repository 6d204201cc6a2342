"""Property-based: props -> construct -> template -> handler artifact -> the exact API request.

Valid props come from the model's constraints. Invalid ones break one constraint each, and the
construct must refuse them naming the property. A synth costs ~50 ms and the handler runs warm,
so each test keeps its examples bounded.
"""

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from appintegrations_double import AppIntegrationsDouble, State
from botocore import xform_name
from cloudformation import Deployed, resource_properties
from constants import STACK_NAME
from constraints import Constraint, broken, constraints
from events import create_event
from hypothesis import HealthCheck, given, settings
from lambda_artifact import Artifact
from lambda_harness import Invocation, Lambda
from model_strategies import create_request
from moto_services import Moto
from response_server import ResponseServer
from stacks import data_integration, new_stack, properties_of

from cdk_appintegrations import DataIntegration, FileConfiguration, ScheduleConfig
from cdk_appintegrations.validation import property_path
from cdk_appintegrations_handler.contract import OWNER_TAG, PROPERTY_NAMES
from cdk_appintegrations_handler.ownership import owner_value

SERVICE_TOKEN = "arn:aws:lambda:us-east-1:123456789012:function:TestStack-Handler"
EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# The construct generates a Name when none is given, and takes no Tags as no tags.
GENERATED_OR_OPTIONAL = {("Name",): "required", ("Tags",): "min"}
INVALID = [c for c in constraints("CreateDataIntegration") if GENERATED_OR_OPTIONAL.get(c.path) != c.rule]


def construct_props(request: dict[str, Any]) -> dict[str, Any]:
    """The DataIntegration keyword arguments that mean this CreateDataIntegration request."""
    props: dict[str, Any] = {PROPERTY_NAMES[member]: value for member, value in request.items()}
    if "ScheduleConfig" in request:
        props["schedule_config"] = ScheduleConfig(**{xform_name(k): v for k, v in request["ScheduleConfig"].items()})
    if "FileConfiguration" in request:
        file_configuration = {xform_name(k): v for k, v in request["FileConfiguration"].items()}
        props["file_configuration"] = FileConfiguration(**file_configuration)
    return {k: v for k, v in props.items() if v is not None}


@pytest.fixture(scope="module")
def warm_handler(
    artifact: Artifact, runtime: Path, responses: ResponseServer, moto: Moto
) -> Iterator[tuple[AppIntegrationsDouble, Moto, Any]]:
    """One double and one warm execution environment of the synthesized handler, for every example."""
    double = AppIntegrationsDouble()
    with double.serve() as url:
        (logical_id, _), *_ = artifact.data_integrations().items()
        with Lambda(artifact.handler_of(logical_id), runtime, url, responses, moto.url).warm() as invoke:
            yield double, moto, invoke


logical_ids = (f"Example{n}" for n in itertools.count())


@EXAMPLES
@given(request=create_request())
def test_valid_props_reach_the_api_exactly(
    request: dict[str, Any], warm_handler: tuple[AppIntegrationsDouble, Moto, Any]
) -> None:
    double, moto, invoke = warm_handler
    double.state = State()  # each example starts from an empty account
    moto.key(request["KmsKey"].rsplit("/", 1)[1])  # which the pre-flight finds
    stack = new_stack()
    data_integration(stack, **construct_props(request))
    (template_props,) = properties_of(stack)
    token_function = template_props["ServiceToken"]["Fn::GetAtt"][0]
    props = resource_properties(template_props, Deployed(attributes={(token_function, "Arn"): SERVICE_TOKEN}))

    event = create_event(props, logical_id=next(logical_ids))
    run: Invocation = invoke(event)
    assert run.response["Status"] == "SUCCESS", run.logs
    operation, sent = double.state.calls[-1]
    if "Name" not in request:
        assert re.fullmatch(rf"{STACK_NAME}-{event['LogicalResourceId']}-[0-9a-f]{{12}}", sent["Name"])
    client_token = request.get("ClientToken") or event["RequestId"]
    tags = {**request.get("Tags", {}), OWNER_TAG: owner_value(event)}
    assert operation == "CreateDataIntegration"
    assert sent == {"Name": sent["Name"], **request, "ClientToken": client_token, "Tags": tags}


@pytest.mark.parametrize("constraint", INVALID, ids=str)
@settings(max_examples=5, deadline=None)
@given(request=create_request(complete=True))
def test_invalid_props_are_refused_naming_the_property(constraint: Constraint, request: dict[str, Any]) -> None:
    with pytest.raises((ValueError, TypeError)) as raised:  # TypeError: a required argument is missing
        DataIntegration(new_stack(), "Articles", **construct_props(broken(request, constraint)))
    assert named_property(constraint) in str(raised.value)


def named_property(constraint: Constraint) -> str:
    """What the error must name: the property path down to the first list or map, or a missing argument."""
    named = tuple(itertools.takewhile(lambda step: not step.startswith(("[", "{")), constraint.path))
    if constraint.rule == "required" and len(named) > 1:
        return property_path(named).rsplit(".", 1)[1]  # a missing argument of ScheduleConfig or FileConfiguration
    return property_path(named)
