"""The Lambda entry point: a thin crhelper edge over the pure planning functions."""

import logging
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from crhelper import CfnResource

from .plan import Call, Event, PlanError, created, plan
from .reasons import cut, reason

logger = logging.getLogger(__name__)

# INFO keeps crhelper from logging the event, whose ResponseURL is a pre-signed secret.
# A Delete answers at once instead of sleeping 120 s.
helper = CfnResource(log_level="INFO", sleep_on_delete=0)
_client = boto3.client(
    "appintegrations",
    config=Config(retries={"mode": "standard", "total_max_attempts": 5}, connect_timeout=5, read_timeout=20),
)


class HandlerError(Exception):
    """A failure whose message is the reason CloudFormation shows."""


def _run(call: Call) -> Any:
    try:
        return getattr(_client, call.operation)(**call.params)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "Unknown")
        if code in call.tolerate:
            logger.info("%s: %s counts as done", call.operation, code)
            return {}
        message = error.response.get("Error", {}).get("Message", "")
        raise HandlerError(reason(call.operation, call.params, code, message)) from error
    except BotoCoreError as error:
        raise HandlerError(cut(f"{call.operation}: {error}")) from error


@helper.create
@helper.update
@helper.delete
def _handle(event: Event, _context: Any) -> str:
    try:
        steps = plan(event)
    except PlanError as error:
        raise HandlerError(cut(str(error))) from error
    logger.info(
        "%s %s: %s",
        event["RequestType"],
        event["LogicalResourceId"],
        [call.operation for call in steps.calls] or "no API call",
    )
    results = [_run(call) for call in steps.calls]
    response = steps.response or created(results[0])
    helper.Data.update(response.data)
    return response.physical_id


def handler(event: Event, context: Any) -> None:
    """Lambda handler named by the function's Handler setting."""
    helper(event, context)
