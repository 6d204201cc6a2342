"""CloudFormation's side of one custom resource: the events it sends through a stack's life, and what it holds.

It follows CloudFormation's documented sequences. A Create that fails is rolled back with a Delete of
the physical id it answered. An Update that answers a new physical id replaces: the old one is deleted
in the cleanup once the stack operation completes. An Update that fails keeps the physical id it had.
A rollback sends an Update with the previous properties as ResourceProperties, the attempted ones as
OldResourceProperties, and the physical id last answered; if it answers another id, the cleanup
deletes the one the failed operation left.

When another resource fails while a Create runs, CloudFormation stops waiting for it: the resource shows
CREATE_FAILED, then DELETE_IN_PROGRESS, and gets a Delete with a physical id CloudFormation made up (aws/aws-cdk
PR 36951; aws-cloudformation/cloudformation-coverage-roadmap issue 1814). What the resource shows through all
this is what DescribeStackResource answers (cloudformation_double.py).

CloudFormation invokes the function asynchronously, so Lambda runs an event whose invocation failed or timed
out again, one and then two minutes later, as often as the function's MaximumRetryAttempts allows and while the
event is younger than its MaximumEventAgeInSeconds
(https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html). Those later runs answer
a ResponseURL CloudFormation no longer reads.
"""

import random
import string
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from cloudformation_double import StackResources
from constants import LOGICAL_ID, STACK_ID
from events import create_event, delete_event, update_event
from lambda_artifact import DEFAULT_MAX_EVENT_AGE_S, DEFAULT_RETRY_ATTEMPTS
from lambda_harness import Invocation

Invoke = Callable[..., Invocation]
# How long after the failed invocation Lambda runs retry 1 and retry 2.
RETRY_AGES_S = (60, 180)


@dataclass
class CustomResource:
    """One logical resource of one stack, driven as CloudFormation drives it."""

    invoke: Invoke
    stack_id: str = STACK_ID
    logical_id: str = LOGICAL_ID
    physical_id: str | None = None
    props: dict[str, Any] | None = None
    # Before the operation in progress: its kind, the properties and the physical id it had.
    operation: str = ""
    previous: dict[str, Any] | None = None
    cleanup: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    last_event: dict[str, Any] = field(default_factory=dict)
    # What DescribeStackResource answers, kept up to date; and the function's asynchronous retries.
    stacks: StackResources | None = None
    retry_attempts: int = DEFAULT_RETRY_ATTEMPTS
    max_event_age_s: int = DEFAULT_MAX_EVENT_AGE_S
    # Events whose invocation failed or timed out, with the retries Lambda has run of each.
    failed: list[tuple[dict[str, Any], int]] = field(default_factory=list)

    def create(self, props: dict[str, Any], remaining_ms: int | None = None) -> Invocation:
        """Create; a failed one before (a disabled rollback kept it) is deleted in the cleanup."""
        if self.physical_id is not None:
            self.cleanup.append((self.physical_id, dict(self.props or {})))
        self._show("CREATE_IN_PROGRESS")
        run = self._send(create_event(props, logical_id=self.logical_id, stack_id=self.stack_id), remaining_ms)
        self.operation, self.previous, self.props = "Create", None, props
        self.physical_id = run.response["PhysicalResourceId"]
        self._show(self._ended("CREATE", run), self.physical_id)
        return run

    def start_create(self, props: dict[str, Any], remaining_ms: int | None = None) -> "Future[Invocation]":
        """Send a Create and go on without its answer: another resource is about to fail (see give_up)."""
        self._show("CREATE_IN_PROGRESS")
        self.operation, self.previous, self.props = "Create", None, props
        event = create_event(props, logical_id=self.logical_id, stack_id=self.stack_id)
        answer: Future[Invocation] = Future()

        def run() -> None:
            try:
                answer.set_result(self._send(event, remaining_ms))
            except BaseException as error:  # the test reads it from the future
                answer.set_exception(error)

        threading.Thread(target=run, daemon=True).start()
        return answer

    def give_up(self) -> Invocation:
        """Another resource failed while the Create runs: it is cancelled, and deleted by a made-up physical id."""
        assert self.props is not None and self.operation == "Create"
        self._show("CREATE_FAILED")
        stack_name = self.stack_id.split("/")[1]
        suffix = "".join(random.choices(string.ascii_uppercase + string.digits, k=12))
        made_up = f"{stack_name}-{self.logical_id}-{suffix}"
        self._show("DELETE_IN_PROGRESS", made_up)
        run = self._send(self._delete_event(made_up, self.props), None)
        self._show(self._ended("DELETE", run), made_up)
        self.physical_id = None
        return run

    def lambda_retries(self) -> list[Invocation]:
        """Lambda runs again what failed or timed out, as the function's asynchronous configuration allows."""
        runs = []
        while self.failed:
            event, retried = self.failed.pop(0)
            if retried < self.retry_attempts and RETRY_AGES_S[retried] <= self.max_event_age_s:
                runs.append(self._send(event, None, retried + 1))
        return runs

    def update(self, props: dict[str, Any], remaining_ms: int | None = None) -> Invocation:
        """Update to props; a new physical id replaces, and the old one waits for the cleanup."""
        assert self.physical_id is not None and self.props is not None
        event = update_event(self.physical_id, props, self.props, logical_id=self.logical_id, stack_id=self.stack_id)
        self._show("UPDATE_IN_PROGRESS", self.physical_id)
        run = self._send(event, remaining_ms)
        self.operation, self.previous = "Update", self.props
        if run.response["Status"] == "SUCCESS":
            if run.response["PhysicalResourceId"] != self.physical_id:
                self.cleanup = [(self.physical_id, self.props)]
            self.physical_id = run.response["PhysicalResourceId"]
        self.props = props
        self._show(self._ended("UPDATE", run), self.physical_id)
        return run

    def rollback(self, remaining_ms: int | None = None) -> Invocation:
        """Roll the operation in progress back: a Create is deleted, an Update goes back to what it had."""
        assert self.physical_id is not None and self.props is not None
        if self.operation == "Create":
            return self.delete(remaining_ms)
        assert self.previous is not None
        event = update_event(
            self.physical_id, self.previous, self.props, logical_id=self.logical_id, stack_id=self.stack_id
        )
        self._show("UPDATE_IN_PROGRESS", self.physical_id)
        run = self._send(event, remaining_ms)
        if run.response["Status"] == "SUCCESS":
            answered = run.response["PhysicalResourceId"]
            self.cleanup = [(self.physical_id, self.props)] if answered != self.physical_id else []
            self.physical_id, self.props = answered, self.previous
        self._show(self._ended("UPDATE", run), self.physical_id)
        return run

    def complete(self) -> list[Invocation]:
        """The stack operation is done: CloudFormation deletes what it replaced."""
        runs = [self._send(self._delete_event(physical_id, props), None) for physical_id, props in self.cleanup]
        self.cleanup = []
        return runs

    def delete(self, remaining_ms: int | None = None) -> Invocation:
        """Delete, with the stack or when the resource leaves the template."""
        assert self.physical_id is not None and self.props is not None
        self._show("DELETE_IN_PROGRESS", self.physical_id)
        run = self._send(self._delete_event(self.physical_id, self.props), remaining_ms)
        self._show(self._ended("DELETE", run), self.physical_id)
        if run.response["Status"] == "SUCCESS":
            self.physical_id = None
        return run

    def redeliver(self) -> Invocation:
        """The last event once more, with the same RequestId."""
        return self._send(self.last_event, None)

    def _delete_event(self, physical_id: str, props: dict[str, Any]) -> dict[str, Any]:
        return delete_event(physical_id, props, logical_id=self.logical_id, stack_id=self.stack_id)

    def _send(self, event: dict[str, Any], remaining_ms: int | None, retried: int = 0) -> Invocation:
        self.last_event = event
        run = self.invoke(event) if remaining_ms is None else self.invoke(event, remaining_ms=remaining_ms)
        if run.returncode != 0:  # Lambda counts a function error or a time-out as a failed invocation
            self.failed.append((event, retried))
        return run

    def _show(self, status: str, physical_id: str | None = None) -> None:
        if self.stacks is not None:
            self.stacks.show(self.stack_id, self.logical_id, status, physical_id)

    @staticmethod
    def _ended(operation: str, run: Invocation) -> str:
        return f"{operation}_COMPLETE" if run.response["Status"] == "SUCCESS" else f"{operation}_FAILED"
