"""Whether a value is a CDK token, known only at deploy time: the synth-time checks skip those."""

import re
from collections.abc import Mapping
from typing import Any

from aws_cdk import Token

# An encoded string or list token, as aws-cdk-lib writes one: ${Token[KEY]} or #{Token[KEY]}.
_TOKEN = re.compile(r"[$#]\{Token\[[a-zA-Z0-9:._-]+\]\}")


def is_unresolved(value: Any) -> bool:
    """True for a CDK token, whose value is known only at deploy time."""
    if isinstance(value, str):
        return _TOKEN.search(value) is not None
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return Token.is_unresolved(value)
    return not isinstance(value, list | tuple | Mapping)
