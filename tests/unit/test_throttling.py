"""Throttling outlasted: full-jitter backoff within the deadline, and a burst of Creates against a throttled service."""

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from appintegrations_double import AppIntegrationsDouble
from botocore.exceptions import ClientError
from events import create_event, properties
from lambda_harness import Invocation

from cdk_appintegrations_handler.throttling import CAP_S, MARGIN_S, ROUND_S, full_jitter, outlasting

Invoke = Callable[..., Invocation]
# The function's timeout: what a Create may take in all.
FUNCTION_TIMEOUT_MS = 120_000


def throttled() -> ClientError:
    return ClientError({"Error": {"Code": "ThrottlingException", "Message": "Rate exceeded"}}, "CreateDataIntegration")


def test_full_jitter_draws_up_to_a_doubling_capped_bound() -> None:
    bounds = [full_jitter(attempt, lambda low, high: high) for attempt in range(7)]
    assert bounds == [1.0, 2.0, 4.0, 8.0, 16.0, CAP_S, CAP_S]
    assert all(full_jitter(attempt, lambda low, high: low) == 0.0 for attempt in range(7))


def test_outlasting_retries_throttling_until_it_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "sleep", lambda _: None)
    answers: list[Any] = [throttled(), throttled(), "done"]

    def call() -> str:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return str(answer)

    assert outlasting(call, time.monotonic() + 3600, "CreateDataIntegration") == "done"


def test_outlasting_gives_up_when_no_round_fits_before_the_deadline() -> None:
    calls = []

    def call() -> None:
        calls.append(1)
        raise throttled()

    with pytest.raises(ClientError):
        outlasting(call, time.monotonic() + ROUND_S - 1, "CreateDataIntegration")
    assert calls == [1]


def test_outlasting_leaves_other_errors_alone() -> None:
    def call() -> None:
        raise ClientError({"Error": {"Code": "AccessDeniedException", "Message": "no"}}, "CreateDataIntegration")

    with pytest.raises(ClientError, match="AccessDenied"):
        outlasting(call, time.monotonic() + 3600, "CreateDataIntegration")


def test_a_burst_of_creates_against_a_throttled_service_all_succeed(
    invoke: Invoke, double: AppIntegrationsDouble
) -> None:
    double.throttle(rate=1, burst=1)
    events = [create_event(properties(), logical_id=f"Articles{i}") for i in range(10)]
    with ThreadPoolExecutor(len(events)) as pool:
        runs = list(pool.map(lambda event: invoke(event, remaining_ms=FUNCTION_TIMEOUT_MS), events))
    assert [run.response["Status"] for run in runs] == ["SUCCESS"] * len(events)
    assert sorted(run.response["PhysicalResourceId"] for run in runs) == sorted(double.state.integrations)
    assert len(double.state.integrations) == len(events) and double.state.throttled > 0


def test_a_service_throttling_to_the_end_gets_failed_in_time(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    double.throttle(rate=0.001, burst=0)
    event = create_event(properties())
    run = invoke(event, remaining_ms=int((ROUND_S + MARGIN_S + 6) * 1000))
    assert not run.timed_out, run.logs
    assert run.response["Status"] == "FAILED" and run.response["PhysicalResourceId"]
    assert run.response["Reason"].startswith("Throttling: CreateDataIntegration was still throttled after retries")
    assert double.state.integrations == {}
