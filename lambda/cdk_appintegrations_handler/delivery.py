"""Delivering the response to CloudFormation's pre-signed ResponseURL, with retries.

crhelper counts any HTTP answer as delivered, so an S3 500 or 503 would leave the stack
waiting until its service timeout. Here a connection error or a 5xx is retried with backoff.
The URL is a secret: no log line holds it.
"""

import json
import logging
import ssl
import time
from collections.abc import Mapping
from http.client import HTTPSConnection
from typing import Any
from urllib.parse import urlsplit

logger = logging.getLogger(__name__)

ATTEMPTS = 6
FIRST_BACKOFF_S = 0.5
CONNECTION_TIMEOUT_S = 10


def deliver(url: str, body: Mapping[str, Any]) -> bool:
    """PUT the body to the URL, retrying connection errors and 5xx; True once it is accepted."""
    data = json.dumps(body).encode()
    parts = urlsplit(url)
    target = f"{parts.path}?{parts.query}" if parts.query else parts.path
    headers = {"Content-Type": "", "Content-Length": str(len(data))}
    for attempt in range(1, ATTEMPTS + 1):
        connection = HTTPSConnection(parts.netloc, timeout=CONNECTION_TIMEOUT_S, context=ssl.create_default_context())
        try:
            connection.request("PUT", target, body=data, headers=headers)
            status = connection.getresponse().status
        except OSError as error:  # ssl.SSLError and timeouts included
            outcome = type(error).__name__
        else:
            if status < 500:
                level = logging.INFO if status < 300 else logging.ERROR
                logger.log(level, "Response %s: HTTP %s", body["Status"], status)
                return status < 300
            outcome = f"HTTP {status}"
        finally:
            connection.close()
        logger.warning("Response %s, attempt %d of %d: %s", body["Status"], attempt, ATTEMPTS, outcome)
        if attempt < ATTEMPTS:
            time.sleep(FIRST_BACKOFF_S * 2 ** (attempt - 1))
    logger.error("Response %s not delivered after %d attempts", body["Status"], ATTEMPTS)
    return False
