"""Throttling outlasted: retry with exponential backoff and full jitter while the invocation has time.

CloudFormation creates independent resources in parallel, so a stack of many DataIntegrations calls
AppIntegrations many times at once. botocore's standard mode retries a throttled call a few times; past
that, the call is tried again after a random pause up to an exponentially growing cap, for as long as the
pause and another round of botocore's retries end before the deadline, which leaves time to answer FAILED
with a reason before the function's own time-out.
"""

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from botocore.exceptions import ClientError

logger = logging.getLogger(__name__)

THROTTLED = frozenset({"ThrottlingException", "TooManyRequestsException"})
BASE_S = 1.0
CAP_S = 20.0
# Kept free at the end of an invocation: the time to answer FAILED and deliver it.
MARGIN_S = 3.0
# The longest round of botocore's standard retries of a throttled call (5 attempts: pauses of up to 1, 2, 4
# and 8 s), and a second for the calls themselves.
ROUND_S = 16.0

T = TypeVar("T")


def full_jitter(attempt: int, draw: Callable[[float, float], float] = random.uniform) -> float:
    """The pause before retry number attempt (from 0): uniform between 0 and min(CAP_S, BASE_S * 2**attempt)."""
    return draw(0.0, min(CAP_S, BASE_S * 2**attempt))


def outlasting(call: Callable[[], T], deadline: float, name: str) -> T:
    """call(), tried again while it is throttled and the pause and one more round end before deadline.

    deadline is on time.monotonic().
    """
    attempt = 0
    while True:
        try:
            return call()
        except ClientError as error:
            pause = full_jitter(attempt)
            throttled = error.response.get("Error", {}).get("Code") in THROTTLED
            if not throttled or time.monotonic() + pause + ROUND_S > deadline:
                raise
            logger.warning("%s throttled after botocore's retries; again in %.1f s", name, pause)
            time.sleep(pause)
            attempt += 1
