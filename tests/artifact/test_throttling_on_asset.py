"""Throttling outlasted on the synthesized asset: a burst of Creates against a throttled service, and one that never
lets up (the backoff itself: tests/unit/test_throttling.py)."""

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from appintegrations_double import AppIntegrationsDouble
from events import create_event, properties
from lambda_harness import Invocation

from cdk_appintegrations_handler.throttling import MARGIN_S, ROUND_S

Invoke = Callable[..., Invocation]
# The function's timeout: what a Create may take in all.
FUNCTION_TIMEOUT_MS = 120_000


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
