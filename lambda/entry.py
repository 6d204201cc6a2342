"""The Lambda entry point: a thin crhelper edge over the pure planning functions."""

import logging
import os
from collections.abc import Callable
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from crhelper import CfnResource

from .adoption import adoption, named
from .delivery import deliver
from .plan import Call, Event, Plan, PlanError, created, plan
from .reasons import TIMED_OUT, cut, reason

logger = logging.getLogger(__name__)

# Without these an event cannot be answered: CloudFormation always sends them.
ENVELOPE = ("ResponseURL", "StackId", "RequestId", "LogicalResourceId")
_NO_POLLING_CLIENTS = "AWS_SAM_LOCAL"


class _Helper(CfnResource):
    """crhelper's CfnResource with four fixes: no polling clients at cold start; every RequestType
    reaches the planner, which fails an unknown one with a reason; a time-out says what to do; a response
    is retried until S3 takes it."""

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

    def _timeout(self) -> None:
        logger.error("Out of time before the API answered: sending FAILED")
        self._send("FAILED", TIMED_OUT)

    def _get_func(self) -> Callable[[Event, Any], str]:
        return _handle

    def _send(self, status: str | None = None, reason: str = "", send_response: object = None) -> None:
        CfnResource._send(self, status, reason, lambda url, body, _ssl: deliver(url, body))  # type: ignore[attr-defined]


helper = _Helper()
_client = boto3.client(
    "appintegrations",
    config=Config(retries={"mode": "standard", "total_max_attempts": 5}, connect_timeout=5, read_timeout=20),
)


class HandlerError(Exception):
    """A failure whose message is the reason CloudFormation shows; code is the API error code, if any."""

    def __init__(self, reason: str, code: str = "") -> None:
        super().__init__(reason)
        self.code = code


def _run(call: Call) -> Any:
    try:
        return getattr(_client, call.operation)(**call.params)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "Unknown")
        if code in call.tolerate:
            logger.info("%s: %s counts as done", call.operation, code)
            return {}
        message = error.response.get("Error", {}).get("Message", "")
        text = call.explained.get(code) or reason(call.operation, call.params, code, message)
        raise HandlerError(text, code) from error
    except BotoCoreError as error:
        raise HandlerError(cut(f"{call.operation}: {error}")) from error


def _handle(event: Event, _context: Any) -> str:
    steps = _planned(plan, event)
    try:
        results = _run_all(event, steps)
    except HandlerError as error:
        if steps.adopt is None or error.code != "DuplicateResourceException":
            raise
        steps = _planned(adoption, event, _existing(steps.adopt))
        results = _run_all(event, steps)
    response = steps.response or created(results[0])
    helper.Data.update(response.data)
    return response.physical_id


def _planned(planner: Callable[..., Plan], *args: Any) -> Plan:
    try:
        return planner(*args)
    except PlanError as error:
        raise HandlerError(cut(str(error))) from error


def _run_all(event: Event, steps: Plan) -> list[Any]:
    operations = [call.operation for call in steps.calls]
    logger.info("%s %s: %s", event["RequestType"], event["LogicalResourceId"], operations or "no API call")
    return [_run(call) for call in steps.calls]


def _existing(name: str) -> Any:
    """The DataIntegration of this name, as GetDataIntegration describes it."""
    request: dict[str, Any] = {}
    while True:
        page = _run(Call("list_data_integrations", request))
        found = named(page.get("DataIntegrations", []), name)
        if found is not None:
            return _run(Call("get_data_integration", {"Identifier": found}))
        if not page.get("NextToken"):
            raise HandlerError(cut(f"adopt_existing: {name!r} exists, says CreateDataIntegration, but is not listed"))
        request = {"NextToken": page["NextToken"]}


def handler(event: Event, context: Any) -> None:
    """Lambda handler named by the function's Handler setting."""
    missing = [key for key in ENVELOPE if not isinstance(event.get(key), str)]
    if missing:
        logger.error("Not a CloudFormation custom-resource event, so it cannot be answered: no %s", ", ".join(missing))
        return
    # crhelper reads RequestType before any handler runs; a missing one reaches the planner as None.
    helper({"RequestType": None, **event}, context)
