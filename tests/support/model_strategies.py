"""Hypothesis strategies for valid AppIntegrations requests, drawn from the botocore model's constraints.

Sizes of lists and maps are capped so examples stay small; the largest legal input has its own test.
Text is what UTF-8 can carry: no lone surrogates.
"""

import re
from typing import Any

from botocore.model import ListShape, MapShape, Shape, StructureShape
from hypothesis import strategies as st

from cdk_appintegrations.model import input_shape

MAX_ITEMS = 3
TEXT = st.characters(codec="utf-8")
KMS_KEY_ARN = st.uuids().map(lambda u: f"arn:aws:kms:us-east-1:123456789012:key/{u}")
# The construct takes the schedule syntax AppFlow documents, where the model takes any non-blank text.
SCHEDULE_EXPRESSION = st.one_of(
    st.from_regex(r"rate\([1-9][0-9]{0,3} ?(minute|hour|day|week|month)s?\)", fullmatch=True),
    st.just("cron(0 12 * * ? *)"),
)


def strategy(shape: Shape, complete: bool = False) -> st.SearchStrategy[Any]:
    """Values that meet every constraint of the shape; complete ones set every member and fill every collection."""
    if isinstance(shape, StructureShape):
        members = {name: strategy(member, complete) for name, member in shape.members.items()}
        required = {name: s for name, s in members.items() if complete or name in shape.required_members}
        optional = {name: s for name, s in members.items() if name not in required}
        return st.fixed_dictionaries(required, optional=optional)
    low, high = shape.metadata.get("min", 0), shape.metadata.get("max")
    if complete:
        low = max(low, 1)
    if isinstance(shape, ListShape):
        return st.lists(strategy(shape.member, complete), min_size=low, max_size=_capped(low, high))
    if isinstance(shape, MapShape):
        keys, values = strategy(shape.key, complete), strategy(shape.value, complete)
        return st.dictionaries(keys, values, min_size=low, max_size=_capped(low, high))
    pattern = shape.metadata.get("pattern")
    text = st.from_regex(pattern, alphabet=TEXT) if pattern else st.text(TEXT, min_size=low, max_size=high)
    return text.filter(lambda s: low <= len(s) <= (high or len(s)))


def create_request(complete: bool = False) -> st.SearchStrategy[dict[str, Any]]:
    """CreateDataIntegration requests the construct takes: a KMS key ARN, no s3:// source and none naming no
    AppFlow profile, a schedule of AppFlow's syntax, objects with fields, no aws: tag keys."""
    members = {name: strategy(shape, complete) for name, shape in input_shape("CreateDataIntegration").members.items()}
    members["KmsKey"] = KMS_KEY_ARN
    members["SourceURI"] = members["SourceURI"].filter(
        lambda uri: not re.match("s3://", uri, re.IGNORECASE) and not re.fullmatch(r"\w+://AppFlow/?", uri, re.I)
    )
    members["ScheduleConfig"] = members["ScheduleConfig"].flatmap(
        lambda schedule: SCHEDULE_EXPRESSION.map(lambda expression: {**schedule, "ScheduleExpression": expression})
    )
    members["ObjectConfiguration"] = members["ObjectConfiguration"].filter(
        lambda objects: bool(objects) and all(objects.values())
    )
    members["Tags"] = members["Tags"].filter(lambda tags: not any(k.lower().startswith("aws:") for k in tags))
    required = {name: s for name, s in members.items() if complete or name in ("KmsKey", "SourceURI")}
    optional = {name: s for name, s in members.items() if name not in required}
    return st.fixed_dictionaries(required, optional=optional)


def _capped(low: int, high: int | None) -> int:
    return max(low, min(high if high is not None else MAX_ITEMS, MAX_ITEMS))
