"""Every CloudFormation sequence, on the synthesized handler: rollbacks, time-outs, redeliveries, retries.

Each row is a sequence of steps that CloudFormation sends to one resource, with the faults the double
plays at each step, for generated names, fixed names, and a fixed client token. After every step the
physical id CloudFormation holds is a DataIntegration with the properties it was last given; at the
end the double holds exactly that one (or none) and whatever another made, untouched.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from appintegrations_double import AppIntegrationsDouble
from constants import KEY_ARN, NEW_STACK_ID, OTHER_KEY_ARN
from custom_resource import CustomResource
from events import api_properties, create_event, properties
from lambda_harness import Invocation, Lambda

from cdk_appintegrations_handler.contract import OWNER_TAG
from cdk_appintegrations_handler.naming import generated_name
from cdk_appintegrations_handler.reasons import TIMED_OUT

Invoke = Callable[..., Invocation]
# Short enough that a held answer times out quickly, long enough for a cold start.
TIMEOUT_MS = 1_500
HELD_S = 10.0
# Version A, A with a new description (in place), and B (a new key: a replacement).
FIXED_NAMES = {"A": "articles", "A'": "articles", "B": "articles-b"}
# What Amazon Connect writes on what a knowledge base attaches; the stack never wrote it.
FOREIGN_TAG = {"AmazonConnectEnabled": "True"}


@dataclass(frozen=True)
class Step:
    """One step: an action of CloudFormation, the properties it sends, the fault the double plays, the outcome."""

    action: str
    version: str = ""
    fault: str = ""
    status: str = "SUCCESS"
    # Whether the step may call CreateDataIntegration.
    creates: bool = True


@dataclass(frozen=True)
class Sequence:
    """A row of the matrix."""

    name: str
    steps: tuple[Step, ...]
    namings: tuple[str, ...] = ("generated", "fixed", "token")
    # A name another holds before the stack starts, by version.
    foreign: str = ""


def timed_out(action: str, version: str = "", operation: str = "") -> Step:
    """A step whose answer is held past the deadline after operation took effect, or, with none, stalled before."""
    return Step(action, version, f"hold:{operation}" if operation else "stall", "FAILED")


SEQUENCES = [
    Sequence("create, delete", (Step("create", "A"), Step("delete"))),
    Sequence("redelivered create", (Step("create", "A"), Step("redeliver"))),
    Sequence(
        "create timed out after taking effect, rolled back", (timed_out("create", "A", "Create"), Step("rollback"))
    ),
    Sequence("create timed out before taking effect, rolled back", (timed_out("create", "A"), Step("rollback"))),
    Sequence(
        "create timed out after taking effect, rolled back, then Lambda's retries",
        (timed_out("create", "A", "Create"), Step("rollback"), Step("lambda_retry")),
    ),
    # A fixed client token is spent once: the service refuses it with other parameters.
    Sequence(
        "create timed out, rolled back, the stack deployed again",
        (timed_out("create", "A", "Create"), Step("rollback"), Step("new_stack"), Step("create", "A")),
        ("generated", "fixed"),
    ),
    Sequence(
        "create timed out, rollback disabled, deployed again",
        (timed_out("create", "A", "Create"), Step("create", "A"), Step("complete")),
        ("generated", "fixed"),
    ),
    Sequence(
        "create under a name another holds, rolled back",
        (Step("create", "A", status="FAILED"), Step("rollback", creates=False)),
        ("fixed",),
        foreign="A",
    ),
    Sequence("in-place update, rolled back", (Step("create", "A"), Step("update", "A'"), Step("rollback"))),
    Sequence(
        "in-place update timed out after taking effect, rolled back",
        (Step("create", "A"), timed_out("update", "A'", "Update"), Step("rollback", creates=False)),
    ),
    Sequence(
        "redelivered in-place update",
        (Step("create", "A"), Step("update", "A'"), Step("redeliver", creates=False)),
    ),
    Sequence(
        "replacement, completed", (Step("create", "A"), Step("update", "B"), Step("complete")), ("generated", "fixed")
    ),
    Sequence(
        "replacement, rolled back after it succeeded",
        (Step("create", "A"), Step("update", "B"), Step("rollback", creates=False), Step("complete")),
        ("generated", "fixed"),
    ),
    Sequence(
        "replacement denied, rolled back",
        (Step("create", "A"), Step("update", "B", "deny:Create", "FAILED"), Step("rollback", creates=False)),
        ("generated", "fixed"),
    ),
    Sequence(
        "replacement timed out after its create took effect, rolled back",
        (Step("create", "A"), timed_out("update", "B", "Create"), Step("rollback", creates=False)),
        ("generated", "fixed"),
    ),
    Sequence(
        "replacement timed out before taking effect, rolled back",
        (Step("create", "A"), timed_out("update", "B"), Step("rollback", creates=False)),
        ("generated", "fixed"),
    ),
    Sequence(
        "redelivered replacement",
        (Step("create", "A"), Step("update", "B"), Step("redeliver", creates=False), Step("complete")),
        ("generated", "fixed"),
    ),
    Sequence(
        "rollback of a replacement timed out, then continued",
        (
            Step("create", "A"),
            Step("update", "B"),
            timed_out("rollback", operation="Tag"),
            Step("rollback", creates=False),
            Step("complete"),
        ),
        ("generated", "fixed"),
    ),
    Sequence(
        "replacement keeping its client token refused, rolled back",
        (Step("create", "A"), Step("update", "B", status="FAILED", creates=False), Step("rollback", creates=False)),
        ("token",),
    ),
    Sequence(
        "replacement to a name another holds refused, rolled back",
        (Step("create", "A"), Step("update", "B", status="FAILED", creates=False), Step("rollback", creates=False)),
        ("fixed",),
        foreign="B",
    ),
    Sequence(
        "delete timed out after taking effect, retried",
        (Step("create", "A"), timed_out("delete", "", "Delete"), Step("delete")),
    ),
    Sequence("redelivered delete", (Step("create", "A"), Step("delete"), Step("redeliver", creates=False))),
]


def version(name: str, naming: str) -> dict[str, Any]:
    """The ResourceProperties of a version under a naming."""
    members: dict[str, Any] = {
        "KmsKey": OTHER_KEY_ARN if name == "B" else KEY_ARN,
        "Description": "Articles, v2" if name == "A'" else "Articles",
        # A' drops a tag the stack wrote: removed in place, and back on a rollback.
        "Tags": {"team": "cx"} if name == "A'" else {"team": "cx", "stage": "dev"},
    }
    if naming == "fixed":
        members["Name"] = FIXED_NAMES[name]
    if naming == "token":
        members["ClientToken"] = "my-token"
    return properties(**members)


def arrange(double: AppIntegrationsDouble, fault: str) -> int | None:
    """Set the double up to play the fault; the remaining time the invocation gets."""
    kind, _, operation = fault.partition(":")
    if kind == "hold":
        double.hold(HELD_S, f"{operation}DataIntegration" if operation != "Tag" else "TagResource")
    elif kind == "stall":
        double.stall(HELD_S)
    elif kind == "deny":
        double.fail("AccessDeniedException", 1, f"{operation}DataIntegration")
    return TIMEOUT_MS if kind in ("hold", "stall") else None


def perform(resource: CustomResource, step: Step, naming: str, remaining_ms: int | None) -> Invocation | None:
    if step.action == "create":
        return resource.create(version(step.version, naming), remaining_ms)
    if step.action == "update":
        return resource.update(version(step.version, naming), remaining_ms)
    if step.action == "rollback":
        return resource.rollback(remaining_ms)
    if step.action == "delete":
        return resource.delete(remaining_ms)
    if step.action == "redeliver":
        return resource.redeliver()
    if step.action == "lambda_retry":
        assert resource.failed, "the step before it failed or timed out, so Lambda would run it again"
        assert resource.lambda_retries() == [], "the function's configuration let Lambda run an event again"
        return None
    if step.action == "complete":
        for run in resource.complete():
            assert run.response["Status"] == "SUCCESS", run.response
        return None
    assert step.action == "new_stack", step
    resource.stack_id, resource.physical_id, resource.props = NEW_STACK_ID, None, None
    return None


def as_deployed(function: Lambda, double: AppIntegrationsDouble) -> CustomResource:
    """The example's resource, driven by CloudFormation and retried by Lambda as its function is configured."""
    handler = function.handler
    return CustomResource(
        function.invoke,
        stacks=double.stacks,
        retry_attempts=handler.retry_attempts,
        max_event_age_s=handler.max_event_age_s,
    )


def tag_as_amazon_connect(resource: CustomResource, double: AppIntegrationsDouble, tagged: set[str]) -> None:
    """Tag what CloudFormation holds as Amazon Connect does; every DataIntegration so tagged keeps the tag."""
    if resource.physical_id in double.state.integrations and resource.physical_id not in tagged:
        double.tag_as_another(resource.physical_id, FOREIGN_TAG)
        tagged.add(resource.physical_id)
    for data_integration_id in tagged & set(double.state.integrations):
        tags = double.state.integrations[data_integration_id]["Tags"]
        assert tags.items() >= FOREIGN_TAG.items(), f"a tag the stack never wrote is gone: {tags}"


def check_held(resource: CustomResource, double: AppIntegrationsDouble) -> None:
    """What CloudFormation holds is a DataIntegration with the properties it last sent."""
    if resource.physical_id is None:
        return
    record = double.state.integrations.get(resource.physical_id)
    assert record is not None, f"CloudFormation holds {resource.physical_id}, which does not exist"
    assert resource.props is not None
    event = create_event(resource.props, stack_id=resource.stack_id)
    name = resource.props.get("Name") or generated_name(event, resource.props)
    assert (record["Name"], record["KmsKey"], record["Description"]) == (
        name,
        resource.props["KmsKey"],
        resource.props["Description"],
    )
    written = {k: v for k, v in record["Tags"].items() if k != OWNER_TAG and (k, v) not in FOREIGN_TAG.items()}
    assert written == resource.props["Tags"]


@pytest.mark.parametrize(
    ("sequence", "naming"),
    [(s, n) for s in SEQUENCES for n in s.namings],
    ids=[f"{s.name} [{n}]" for s in SEQUENCES for n in s.namings],
)
def test_sequence(
    sequence: Sequence, naming: str, function: Lambda, double: AppIntegrationsDouble, invoke: Invoke
) -> None:
    foreign = {}
    if sequence.foreign:  # made elsewhere, alike in all but its description: only ownership tells them apart
        props = version(sequence.foreign, naming)
        request = api_properties(props)
        made = double.existing(**{**request, "Description": "someone else's"})
        foreign = {made["Id"]: copy.deepcopy(made)}
    resource = as_deployed(function, double)
    tagged: set[str] = set()
    for step in sequence.steps:
        remaining_ms = arrange(double, step.fault)
        calls_before = len(double.state.calls)
        run = perform(resource, step, naming, remaining_ms)
        if run is not None:
            body = run.response
            assert body["Status"] == step.status, (step, body, run.logs)
            assert (body["Reason"] == TIMED_OUT) == (remaining_ms is not None), (step, body)
            if body["Status"] == "SUCCESS":
                check_held(resource, double)
        if not step.creates:
            assert "CreateDataIntegration" not in double.operations()[calls_before:], step
        tag_as_amazon_connect(resource, double, tagged)
    held = {resource.physical_id} if resource.physical_id in double.state.integrations else set()
    assert resource.physical_id is None or held, "CloudFormation holds what does not exist"
    assert {k: v for k, v in double.state.integrations.items() if k not in held} == foreign
