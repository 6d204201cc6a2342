"""CloudFormation's side of one custom resource: the events it sends through a stack's life, and what it holds.

It follows CloudFormation's documented sequences. A Create that fails is rolled back with a Delete of
the physical id it answered. An Update that answers a new physical id replaces: the old one is deleted
in the cleanup once the stack operation completes. An Update that fails keeps the physical id it had.
A rollback sends an Update with the previous properties as ResourceProperties, the attempted ones as
OldResourceProperties, and the physical id last answered; if it answers another id, the cleanup
deletes the one the failed operation left.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from constants import LOGICAL_ID, STACK_ID
from events import create_event, delete_event, update_event
from lambda_harness import Invocation

Invoke = Callable[..., Invocation]


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

    def create(self, props: dict[str, Any], remaining_ms: int | None = None) -> Invocation:
        """Create; a failed one before (a disabled rollback kept it) is deleted in the cleanup."""
        if self.physical_id is not None:
            self.cleanup.append((self.physical_id, dict(self.props or {})))
        run = self._send(create_event(props, logical_id=self.logical_id, stack_id=self.stack_id), remaining_ms)
        self.operation, self.previous, self.props = "Create", None, props
        self.physical_id = run.response["PhysicalResourceId"]
        return run

    def update(self, props: dict[str, Any], remaining_ms: int | None = None) -> Invocation:
        """Update to props; a new physical id replaces, and the old one waits for the cleanup."""
        assert self.physical_id is not None and self.props is not None
        event = update_event(self.physical_id, props, self.props, logical_id=self.logical_id, stack_id=self.stack_id)
        run = self._send(event, remaining_ms)
        self.operation, self.previous = "Update", self.props
        if run.response["Status"] == "SUCCESS":
            if run.response["PhysicalResourceId"] != self.physical_id:
                self.cleanup = [(self.physical_id, self.props)]
            self.physical_id = run.response["PhysicalResourceId"]
        self.props = props
        return run

    def rollback(self, remaining_ms: int | None = None) -> Invocation:
        """Roll the operation in progress back: a Create is deleted, an Update goes back to what it had."""
        assert self.physical_id is not None and self.props is not None
        if self.operation == "Create":
            run = self._send(self._delete_event(self.physical_id, self.props), remaining_ms)
            self.physical_id = None if run.response["Status"] == "SUCCESS" else self.physical_id
            return run
        assert self.previous is not None
        event = update_event(
            self.physical_id, self.previous, self.props, logical_id=self.logical_id, stack_id=self.stack_id
        )
        run = self._send(event, remaining_ms)
        if run.response["Status"] == "SUCCESS":
            answered = run.response["PhysicalResourceId"]
            self.cleanup = [(self.physical_id, self.props)] if answered != self.physical_id else []
            self.physical_id, self.props = answered, self.previous
        return run

    def complete(self) -> list[Invocation]:
        """The stack operation is done: CloudFormation deletes what it replaced."""
        runs = [self._send(self._delete_event(physical_id, props), None) for physical_id, props in self.cleanup]
        self.cleanup = []
        return runs

    def delete(self, remaining_ms: int | None = None) -> Invocation:
        """Delete, with the stack or when the resource leaves the template."""
        assert self.physical_id is not None and self.props is not None
        run = self._send(self._delete_event(self.physical_id, self.props), remaining_ms)
        if run.response["Status"] == "SUCCESS":
            self.physical_id = None
        return run

    def redeliver(self) -> Invocation:
        """The last event once more, with the same RequestId."""
        return self._send(self.last_event, None)

    def _delete_event(self, physical_id: str, props: dict[str, Any]) -> dict[str, Any]:
        return delete_event(physical_id, props, logical_id=self.logical_id, stack_id=self.stack_id)

    def _send(self, event: dict[str, Any], remaining_ms: int | None) -> Invocation:
        self.last_event = event
        return self.invoke(event) if remaining_ms is None else self.invoke(event, remaining_ms=remaining_ms)
