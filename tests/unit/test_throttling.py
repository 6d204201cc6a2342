"""Throttling outlasted: full-jitter backoff within the deadline (on the asset: test_throttling_on_asset.py)."""

import time
from typing import Any

import pytest
from botocore.exceptions import ClientError

from cdk_appintegrations_handler.throttling import CAP_S, ROUND_S, full_jitter, outlasting


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
