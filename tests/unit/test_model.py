"""The model walker: each kind of constraint of the botocore model, found where it is broken."""

from typing import Any

import pytest

from cdk_appintegrations.model import Violation, input_shape, pattern_text, violations

CREATE = input_shape("CreateDataIntegration")
LIST = input_shape("ListDataIntegrations")
VALID = {"Name": "n", "KmsKey": "k", "SourceURI": "Salesforce://AppFlow/p"}


def found(shape: Any, value: Any) -> list[tuple[tuple[Any, ...], str]]:
    return [(v.path, v.rule) for v in violations(shape, value)]


def test_a_valid_request_breaks_nothing() -> None:
    assert found(CREATE, VALID) == []


@pytest.mark.parametrize(
    ("change", "path", "rule"),
    [
        ({"Name": None}, ("Name",), "is required"),
        ({"Name": "a b"}, ("Name",), r"must match ^[a-zA-Z0-9/\._\-]+$"),
        ({"Name": "n" * 256}, ("Name",), "must have at most 255 characters"),
        ({"ClientToken": ""}, ("ClientToken",), "must have at least 1 character"),
        ({"KmsKey": 7}, ("KmsKey",), "must be a string"),
        ({"ScheduleConfig": {}}, ("ScheduleConfig", "ScheduleExpression"), "is required"),
        ({"ScheduleConfig": []}, ("ScheduleConfig",), "must be an object"),
        ({"FileConfiguration": {"Folders": "x"}}, ("FileConfiguration", "Folders"), "must be a list"),
        ({"Tags": {}}, ("Tags",), "must have at least 1 entry"),
        ({"Tags": []}, ("Tags",), "must be a map"),
        ({"Tags": {"": "v"}}, ("Tags", ("",)), "key must have at least 1 character"),
    ],
)
def test_each_kind_of_constraint(change: dict[str, Any], path: tuple[Any, ...], rule: str) -> None:
    request = {k: v for k, v in {**VALID, **change}.items() if v is not None}
    assert found(CREATE, request) == [(path, rule)]


def test_integers_and_their_range() -> None:
    assert found(LIST, {"MaxResults": 0}) == [(("MaxResults",), "must be at least 1")]
    assert found(LIST, {"MaxResults": 51}) == [(("MaxResults",), "must be at most 50")]
    assert found(LIST, {"MaxResults": "5"}) == [(("MaxResults",), "must be an integer")]


def test_skip_passes_the_values_it_names() -> None:
    request = {**VALID, "Name": "SKIP me"}
    assert list(violations(CREATE, request, skip=lambda v: v == "SKIP me")) == []
    assert list(violations(CREATE, request)) == [Violation(("Name",), r"must match ^[a-zA-Z0-9/\._\-]+$", "SKIP me")]


def test_pattern_text_unescapes_slashes_only() -> None:
    assert pattern_text(r"^[a-z\/\.]$") == r"^[a-z/\.]$"
