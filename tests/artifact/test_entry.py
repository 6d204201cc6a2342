"""The handler end to end: crhelper in a Lambda-like process, the double, an HTTPS ResponseURL."""

import dataclasses
import inspect
import re
from collections.abc import Callable

import pytest
from appintegrations_double import AppIntegrationsDouble, arn
from constants import STACK_ID, STACK_NAME
from crhelper import CfnResource
from events import create_event, delete_event, expected, properties, update_event
from lambda_harness import Invocation, Lambda, create

from cdk_appintegrations_handler.contract import OWNER_TAG
from cdk_appintegrations_handler.naming import generated_name
from cdk_appintegrations_handler.ownership import owner_value, placeholder

Invoke = Callable[..., Invocation]
DI_ID = "0f6a6c9e-2d4b-4c1a-9f3e-8b7a6c5d4e3f"
INIT_FAILED = "The handler could not start, so nothing was changed: You must specify a region."


def test_create_calls_the_api_once_and_answers_with_arn_id_name(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    event = create_event(properties(Name="articles"))
    run = invoke(event)

    (record,) = double.state.integrations.values()
    assert run.response == expected(
        event, record["Id"], {"Arn": arn(record["Id"]), "Id": record["Id"], "Name": "articles"}
    )
    assert double.operations() == ["CreateDataIntegration"]
    _, request = double.state.calls[0]
    assert request == {
        "Name": "articles",
        "Description": "Knowledge articles",
        "KmsKey": event["ResourceProperties"]["KmsKey"],
        "SourceURI": "Salesforce://AppFlow/salesforce-knowledge",
        "ScheduleConfig": {
            "ScheduleExpression": "rate(1 hour)",
            "Object": "Knowledge__kav",
            "FirstExecutionFrom": "1700000000000",
        },
        "ObjectConfiguration": {"Knowledge__kav": {"fields": ["Id", "Title"]}},
        "Tags": {"team": "cx", OWNER_TAG: owner_value(event)},
        "ClientToken": event["RequestId"],
    }
    assert run.returncode == 0


def test_create_without_a_name_generates_a_valid_unique_one(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    _, first = create(invoke, double)
    event = create_event(properties(), logical_id="Other")
    invoke(event)
    names = sorted(di["Name"] for di in double.state.integrations.values())
    assert len(set(names)) == 2
    for name in names:
        assert re.fullmatch(r"[a-zA-Z0-9/._-]{1,255}", name) and name.startswith(STACK_NAME + "-")
    assert first["Name"].startswith(f"{STACK_NAME}-Articles-")


def test_user_client_token_is_sent(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    create(invoke, double, ClientToken="my-token")
    assert double.state.calls[0][1]["ClientToken"] == "my-token"


def test_update_of_description_is_in_place(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    created, record = create(invoke, double)
    event = update_event(record["Id"], properties(Description="Articles, v2"), created["ResourceProperties"])
    run = invoke(event)

    data = {"Arn": record["Arn"], "Id": record["Id"], "Name": record["Name"]}
    assert run.response == expected(event, record["Id"], data)
    assert double.operations()[1:] == ["GetDataIntegration", "UpdateDataIntegration"]
    assert double.state.integrations[record["Id"]]["Description"] == "Articles, v2"


def test_update_of_name_is_in_place(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    created, record = create(invoke, double, Name="articles")
    run = invoke(update_event(record["Id"], properties(Name="articles-v2"), created["ResourceProperties"]))
    assert run.response["Data"]["Name"] == "articles-v2"
    assert double.state.integrations[record["Id"]]["Name"] == "articles-v2"
    assert len(double.state.integrations) == 1


def test_update_of_tags_applies_exactly_the_difference(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    created, record = create(invoke, double, Tags={"team": "cx", "stage": "dev", "old": "x"})
    new_tags = {"team": "cx", "stage": "prod", "new": "y"}
    run = invoke(update_event(record["Id"], properties(Tags=new_tags), created["ResourceProperties"]))

    assert run.response["PhysicalResourceId"] == record["Id"]
    assert double.state.calls[1:] == [
        ("GetDataIntegration", {"Identifier": record["Id"]}),
        ("TagResource", {"resourceArn": record["Arn"], "tags": {"stage": "prod", "new": "y"}}),
        ("UntagResource", {"resourceArn": record["Arn"], "tagKeys": ["old"]}),
    ]
    assert double.state.integrations[record["Id"]]["Tags"] == {**new_tags, OWNER_TAG: owner_value(created)}


def test_update_with_nothing_to_change_calls_nothing(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    created, record = create(invoke, double)
    new = properties(ServiceTimeout="600")
    run = invoke(update_event(record["Id"], new, created["ResourceProperties"]))
    assert run.response["Status"] == "SUCCESS"
    assert double.operations() == ["CreateDataIntegration", "GetDataIntegration"]


def test_replacement_keeping_a_fixed_name_fails_fast(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    created, record = create(invoke, double, Name="articles")
    event = update_event(
        record["Id"], properties(Name="articles", SourceURI="Salesforce://AppFlow/other"), created["ResourceProperties"]
    )
    body = invoke(event).response

    assert body["Status"] == "FAILED" and body["PhysicalResourceId"] == record["Id"]
    assert body["Reason"].startswith("Name: SourceURI changed")
    assert "set a new data_integration_name" in body["Reason"]
    assert double.operations() == ["CreateDataIntegration", "GetDataIntegration"]


def test_service_validation_errors_name_the_member(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    body = invoke(create_event(properties(Name="bad name"))).response
    assert body["Status"] == "FAILED"
    assert body["Reason"].startswith("InvalidRequest on CreateDataIntegration: 1 validation error detected")
    assert "'name'" in body["Reason"] and len(body["Reason"]) <= 256


def test_quota_and_access_errors_give_short_reasons(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    double.fail("ResourceQuotaExceededException")
    quota = invoke(create_event(properties())).response
    double.fail("AccessDeniedException")
    denied = invoke(create_event(properties())).response
    assert quota["Reason"].startswith("ResourceQuotaExceeded: the account's data integration quota")
    assert denied["Reason"].startswith("AccessDenied on CreateDataIntegration: the handler role, or the KmsKey")


def test_logs_say_what_was_done_and_never_the_event(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    event = create_event(properties(Description="a-marker-only-the-event-holds"))
    run = invoke(event)
    assert "Create Articles: create_data_integration" in run.logs
    assert "a-marker-only-the-event-holds" not in run.logs
    assert STACK_ID not in run.logs


@pytest.mark.parametrize("kind", ["Create", "Update", "Delete"])
def test_a_failed_cold_start_answers_failed_with_a_physical_id(
    kind: str, function: Lambda, double: AppIntegrationsDouble
) -> None:
    """No region: the AppIntegrations client cannot be built at cold start, and crhelper answers its init failure."""
    cold = dataclasses.replace(function, overrides={"AWS_REGION": None, "AWS_DEFAULT_REGION": None})
    props = properties()
    events = {
        "Create": create_event(props),
        "Update": update_event(DI_ID, props, props),
        "Delete": delete_event(DI_ID, props),
    }
    event = events[kind]
    body = cold.invoke(event).response
    physical_id = placeholder(event, generated_name(event, props)) if kind == "Create" else DI_ID
    assert body == expected(event, physical_id, {}, "FAILED", INIT_FAILED)
    assert double.operations() == []


# The crhelper internals the handler's edge overrides or sets, as the installed crhelper defines them. An
# upgrade that renames or reshapes one fails here, not in a deploy.
CRHELPER_INTERNALS = {
    "_send": "(self, status=None, reason='', send_response=<function _send_response>)",
    "_timeout": "(self)",
    "_set_timeout": "(self)",
    "_get_func": "(self)",
    "_poll_enabled": "(self)",
    "_wrap_function": "(self, func)",
    "_crhelper_init": "(self, event, context)",
}


def test_the_crhelper_internals_the_edge_relies_on_are_as_pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    signatures = {
        name: re.sub(r" at 0x[0-9a-f]+", "", str(inspect.signature(getattr(CfnResource, name))))
        for name in CRHELPER_INTERNALS
    }
    assert signatures == CRHELPER_INTERNALS
    init = inspect.getsource(CfnResource._crhelper_init)
    # The physical id a failure answers is set in _set_timeout, so the timer must start before the handler runs,
    # and crhelper must reset the id before that.
    assert init.index('self.PhysicalResourceId = ""') < init.index("self._set_timeout()")
    assert init.index("self._set_timeout()") < init.index("self._wrap_function(self._get_func())")
    monkeypatch.setenv("AWS_SAM_LOCAL", "true")  # no polling clients
    helper = CfnResource(log_level="INFO", sleep_on_delete=0)
    assert {"PhysicalResourceId", "Data", "_event", "_response_url", "_ssl_verify"} <= set(vars(helper))
