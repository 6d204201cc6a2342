"""Creates CloudFormation stops waiting for, on the synthesized handler: nothing of theirs is left.

When another resource fails while a Create runs, CloudFormation sends a Delete with a physical id it made up
(tests/support/custom_resource.py, `give_up`). The Create's DataIntegration may land before that Delete looks,
while it runs, or after it answered; and Lambda may run a failed Create again after the rollback, where its
configuration allows. Each way, what the Create made is deleted, and nothing CloudFormation holds or another
resource owns is touched.
"""

import time
from typing import Any

import pytest
from appintegrations_double import AppIntegrationsDouble, Gate
from constants import LOGICAL_ID, STACK_ID
from custom_resource import CustomResource
from events import api_properties, create_event, delete_event, properties
from lambda_harness import Lambda

from cdk_appintegrations_handler.stack import GAVE_UP_REASON

HELD_S = 4.0
WAIT_S = 30.0


def props_for(naming: str) -> dict[str, Any]:
    return properties(Name="articles") if naming == "fixed" else properties()


def resource_of(function: Lambda, double: AppIntegrationsDouble, retry_attempts: int = 0) -> CustomResource:
    return CustomResource(function.invoke, stacks=double.stacks, retry_attempts=retry_attempts)


def wait_for(condition: Any) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        assert time.monotonic() < deadline, "the Create never got that far"
        time.sleep(0.05)


def gated(double: AppIntegrationsDouble, until: str | None) -> Gate:
    return double.gate("CreateDataIntegration", until)


@pytest.mark.parametrize("naming", ["generated", "fixed"])
@pytest.mark.parametrize("lands", ["before the Delete", "while the Delete runs", "after the Delete answered"])
def test_a_create_cloudformation_gave_up_on_leaves_nothing(
    lands: str, naming: str, function: Lambda, double: AppIntegrationsDouble
) -> None:
    resource = resource_of(function, double)
    gate: Gate | None = None
    if lands == "before the Delete":
        double.hold(HELD_S, "CreateDataIntegration")  # it takes effect at once; its answer comes later
    else:
        gate = gated(double, "ListDataIntegrations" if lands == "while the Delete runs" else None)
    pending = resource.start_create(props_for(naming))
    if gate is None:
        wait_for(lambda: double.state.integrations)
    else:
        wait_for(lambda: gate.waiting)

    deleted = resource.give_up()
    assert deleted.response["Status"] == "SUCCESS", deleted.logs
    if lands == "before the Delete":  # the Delete removed it; the Create has not heard back yet
        assert double.state.integrations == {} and not pending.done()
    if gate is not None:
        gate.opened.set()
    create = pending.result(timeout=WAIT_S)

    assert create.response["Status"] == "FAILED" and create.response["Reason"] == GAVE_UP_REASON, create.logs
    assert double.operations().count("CreateDataIntegration") == 1
    assert double.state.integrations == {}


def test_lambda_running_a_timed_out_create_again_after_the_rollback_leaves_nothing(
    function: Lambda, double: AppIntegrationsDouble
) -> None:
    """Were the function configured to let Lambda retry, the retried Create would find its stack gone by."""
    resource = resource_of(function, double, retry_attempts=2)
    double.hold(10.0, "CreateDataIntegration")
    assert resource.create(properties(), remaining_ms=1_500).timed_out
    assert resource.rollback().response["Status"] == "SUCCESS"
    assert double.state.integrations == {}

    (retry,) = resource.lambda_retries()
    assert retry.response["Reason"] == GAVE_UP_REASON, retry.logs
    assert double.operations().count("CreateDataIntegration") == 2
    assert double.state.integrations == {}


def test_a_made_up_id_delete_leaves_what_cloudformation_holds(function: Lambda, double: AppIntegrationsDouble) -> None:
    """An id neither ours nor a DataIntegration's (an older release's failed Create, say) while the stack holds one."""
    resource = resource_of(function, double)
    props = properties()
    held = resource.create(props).response["PhysicalResourceId"]
    body = function.invoke(delete_event("ExampleStack_Articles_AbCdEfGh", props)).response
    assert body["Status"] == "SUCCESS"
    assert list(double.state.integrations) == [held]


def test_a_made_up_id_delete_leaves_another_ones_data_integration(
    function: Lambda, double: AppIntegrationsDouble
) -> None:
    props = properties(Name="articles")
    request = api_properties(props)
    other = double.existing(**request)
    double.stacks.show(STACK_ID, LOGICAL_ID, "DELETE_IN_PROGRESS", "ExampleStack-Articles-MADEUP123456")
    body = function.invoke(delete_event("ExampleStack-Articles-MADEUP123456", props)).response
    assert body["Status"] == "SUCCESS"
    assert list(double.state.integrations) == [other["Id"]]
    assert "DeleteDataIntegration" not in double.operations()


def test_a_create_that_cannot_ask_cloudformation_goes_ahead(function: Lambda, double: AppIntegrationsDouble) -> None:
    double.stacks.denied = True
    run = function.invoke(create_event(properties()))
    assert run.response["Status"] == "SUCCESS"
    assert "DescribeStackResource not read, so nothing is decided by it: AccessDenied" in run.logs
    assert len(double.state.integrations) == 1
