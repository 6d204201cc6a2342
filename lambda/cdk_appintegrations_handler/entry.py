"""The Lambda entry point: a thin crhelper edge over the pure planning functions."""

import logging
import os
import time
from collections.abc import Callable
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from crhelper import CfnResource

from .calls import Call
from .delivery import deliver
from .errors import ApiError, PlanError
from .event import Event
from .lifecycle import fallback_id, respond
from .reasons import TIMED_OUT, cut, reason
from .throttling import MARGIN_S, outlasting

logger = logging.getLogger(__name__)

# Without these an event cannot be answered: CloudFormation always sends them.
ENVELOPE = ("ResponseURL", "StackId", "RequestId", "LogicalResourceId")
_NO_POLLING_CLIENTS = "AWS_SAM_LOCAL"


class _Helper(CfnResource):
    """crhelper's CfnResource with five fixes: no polling clients at cold start; every RequestType
    reaches the planner, which fails an unknown one with a reason; a failure, a time-out or a failed
    cold start answers a non-empty physical id; a time-out says what to do; a response is retried
    until S3 takes it."""

    def __init__(self) -> None:
        # crhelper builds lambda, events and logs clients for its polling mode unless AWS_SAM_LOCAL is
        # set. This handler never polls, and the three clients cost a third more cold-start time.
        saved = os.environ.get(_NO_POLLING_CLIENTS)
        os.environ[_NO_POLLING_CLIENTS] = "true"
        try:
            # INFO keeps crhelper from logging the event, whose ResponseURL is a pre-signed secret.
            # A Delete answers at once instead of sleeping 120 s.
            super().__init__(log_level="INFO", sleep_on_delete=0)
        finally:
            if saved is None:
                del os.environ[_NO_POLLING_CLIENTS]
            else:
                os.environ[_NO_POLLING_CLIENTS] = saved

    def _poll_enabled(self) -> bool:
        return False

    def _set_timeout(self) -> None:
        # What a failure or a time-out answers, set before the timer starts: crhelper would answer a
        # random id for a failed Create, and none at all on a time-out, which CloudFormation refuses.
        self.PhysicalResourceId = fallback_id(self._event)  # type: ignore[attr-defined]
        super()._set_timeout()  # type: ignore[misc]

    def _timeout(self) -> None:
        logger.error("Out of time before the API answered: sending FAILED")
        self._send("FAILED", TIMED_OUT)

    def _get_func(self) -> Callable[[Event, Any], str]:
        return _handle

    def _send(self, status: str | None = None, reason: str = "", send_response: object = None) -> None:
        if not self.PhysicalResourceId:  # a failed cold start answers before _set_timeout could set it
            self.PhysicalResourceId = fallback_id(self._event)  # type: ignore[attr-defined]
        CfnResource._send(self, status, reason, lambda url, body, _ssl: deliver(url, body))  # type: ignore[attr-defined]


helper = _Helper()
_clients: dict[str, Any] = {}
try:
    _clients["appintegrations"] = boto3.client(
        "appintegrations",
        config=Config(retries={"mode": "standard", "total_max_attempts": 5}, connect_timeout=5, read_timeout=20),
    )
except Exception as error:  # crhelper then answers every event FAILED with it, instead of nothing at all
    logger.exception("The handler could not start")
    helper.init_failure(RuntimeError(f"The handler could not start, so nothing was changed: {error}"))
# The pre-flight reads (kms, s3, appflow) give up sooner: a slow one delays the create by seconds at most.
_PREFLIGHT = Config(retries={"mode": "standard", "total_max_attempts": 3}, connect_timeout=5, read_timeout=10)


def _client(service: str) -> Any:
    """The service's client. Only AppIntegrations' is built at cold start; the others on first use."""
    if service not in _clients:
        _clients[service] = boto3.client(service, config=_PREFLIGHT)  # type: ignore[call-overload]
    return _clients[service]


def _call(call: Call) -> Any:
    client = _client(call.service)
    if call.paginated:
        return client.get_paginator(call.operation).paginate(**call.params).build_full_result()
    return getattr(client, call.operation)(**call.params)


def _run(call: Call, deadline: float) -> Any:
    try:
        return outlasting(lambda: _call(call), deadline, call.operation)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "Unknown")
        if code in call.tolerate:
            logger.info("%s: %s, which the plan expects (done, or absent)", call.operation, code)
            return {}
        message = error.response.get("Error", {}).get("Message", "")
        raise ApiError(reason(call.operation, call.params, code, message), code, message) from error
    except BotoCoreError as error:
        raise ApiError(cut(f"{call.operation}: {error}")) from error


def _logged(event: Event, deadline: float) -> Callable[[Call], Any]:
    def run(call: Call) -> Any:
        logger.info("%s %s: %s", event["RequestType"], event["LogicalResourceId"], call.operation)
        return _run(call, deadline)

    return run


def _handle(event: Event, context: Any) -> str:
    deadline = time.monotonic() + context.get_remaining_time_in_millis() / 1000 - MARGIN_S
    try:
        response = respond(event, _logged(event, deadline))
    except PlanError as error:
        raise PlanError(cut(str(error))) from error
    helper.Data.update(response.data)
    return response.physical_id


def handler(event: Event, context: Any) -> None:
    """Lambda handler named by the function's Handler setting."""
    missing = [key for key in ENVELOPE if not isinstance(event.get(key), str)]
    if missing:
        logger.error("Not a CloudFormation custom-resource event, so it cannot be answered: no %s", ", ".join(missing))
        return
    # crhelper reads RequestType before any handler runs; a missing one reaches the planner as None.
    helper({"RequestType": None, **event}, context)
