"""Ownership tags and the placeholders of failed Creates."""

import pytest
from constants import NEW_STACK_ID
from events import create_event, properties

from cdk_appintegrations_handler.contract import OWNER_TAG, USER_TAGS_MAX
from cdk_appintegrations_handler.ownership import made_by, owned, owner_value, parse_placeholder, placeholder


def tagged(value: str) -> dict[str, dict[str, str]]:
    return {"Tags": {"team": "cx", OWNER_TAG: value}}


def test_the_owner_tag_names_stack_and_logical_id_then_the_request() -> None:
    event = create_event(properties())
    value = owner_value(event)
    digest, request_id = value.split(":")
    assert request_id == event["RequestId"] and len(digest) == 24
    assert len(OWNER_TAG) <= 128 and len(value) <= 256 and USER_TAGS_MAX == 199


def test_owned_holds_for_any_request_of_the_same_stack_and_logical_id() -> None:
    event = create_event(properties())
    assert owned(create_event(properties()), tagged(owner_value(event)))
    assert not owned(create_event(properties(), logical_id="Other"), tagged(owner_value(event)))
    other_stack = dict(event, StackId=NEW_STACK_ID)
    assert not owned(other_stack, tagged(owner_value(event)))
    assert not owned(event, {"Tags": {"team": "cx"}}) and not owned(event, {})


def test_made_by_holds_for_that_request_only() -> None:
    event = create_event(properties())
    later = create_event(properties())
    assert made_by(later, event["RequestId"], tagged(owner_value(event)))
    assert not made_by(later, later["RequestId"], tagged(owner_value(event)))


@pytest.mark.parametrize("name", ["articles", "a/b.c-d_e", None])
def test_a_placeholder_is_never_empty_and_parses_back(name: str | None) -> None:
    event = create_event(properties())
    physical_id = placeholder(event, name)
    assert physical_id and physical_id == placeholder(dict(event), name)
    parsed = parse_placeholder(physical_id)
    assert parsed is not None and parsed.request_id == event["RequestId"] and parsed.name == (name or "")


def test_anything_else_is_no_placeholder() -> None:
    assert parse_placeholder("ExampleStack_Articles_ABCD1234") is None
    assert parse_placeholder("0f6a6c9e-2d4b-4c1a-9f3e-8b7a6c5d4e3f") is None
