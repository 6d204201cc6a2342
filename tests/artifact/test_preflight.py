"""Pre-flight: the key and the source are checked before anything is created.

The pure checks first, then each failure on the synthesized handler: KMS and S3 are moto's (its server
on loopback), AppFlow's DescribeConnectorProfiles is the AppIntegrations double's, since moto 5.2.5 has
no AppFlow. Each failure answers FAILED naming the property, and creates nothing.
"""

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from appintegrations_double import AppIntegrationsDouble
from constants import ACCOUNT, KEY_ARN, PROFILE
from events import create_event, delete_event, properties, update_event
from lambda_harness import Invocation, create
from moto_services import Moto

from cdk_appintegrations_handler.calls import Call
from cdk_appintegrations_handler.errors import PlanError
from cdk_appintegrations_handler.preflight import bucket_problem, checks, key_problem, profile_problem

Invoke = Callable[..., Invocation]
DENY_DESCRIBE = {"Statement": [{"Effect": "Deny", "Principal": "*", "Action": ["kms:DescribeKey"], "Resource": "*"}]}
# An S3 source takes no schedule or object configuration.
S3_ONLY = {"ScheduleConfig": None, "ObjectConfiguration": None}
ENABLED = {"KeyState": "Enabled", "KeySpec": "SYMMETRIC_DEFAULT", "KeyUsage": "ENCRYPT_DECRYPT"}


def calls_of(props: dict[str, Any]) -> list[Call]:
    return [check.call for check in checks(create_event(props), props)]


def test_a_create_describes_the_key_and_the_sources_bucket_or_profile_once_each() -> None:
    key = Call("describe_key", {"KeyId": KEY_ARN}, frozenset({"NotFoundException"}), service="kms")
    profile = Call("describe_connector_profiles", {"connectorProfileNames": [PROFILE]}, service="appflow")
    assert calls_of(properties()) == [key, profile]
    bucket = Call("get_bucket_location", {"Bucket": "kb"}, frozenset({"NoSuchBucket"}), service="s3")
    assert calls_of(properties(SourceURI="s3://kb/articles/2026")) == [key, bucket]
    assert calls_of(properties(SourceURI="S3://kb")) == [key, bucket]
    assert calls_of(properties(SourceURI="ServiceNow://appflow/itsm/prod"))[1].params == {
        "connectorProfileNames": ["itsm/prod"]
    }
    assert calls_of(properties(SourceURI="Salesforce://elsewhere/p")) == [key]
    assert calls_of(properties(KmsKey=None, SourceURI="Salesforce://elsewhere/p")) == []


def test_a_key_of_another_region_fails_without_a_call() -> None:
    other = KEY_ARN.replace("us-east-1", "eu-west-1")
    with pytest.raises(PlanError) as raised:
        calls_of(properties(KmsKey=other))
    assert str(raised.value).startswith(f"KmsKey: the key {other} is in eu-west-1, the stack in us-east-1;")


@pytest.mark.parametrize(
    ("described", "problem"),
    [
        ({}, f"KmsKey: no KMS key {KEY_ARN} in this account and region; create it"),
        ({**ENABLED, "KeyState": "Disabled"}, f"KmsKey: the key {KEY_ARN} is Disabled, not Enabled; enable it"),
        ({**ENABLED, "KeyState": "PendingDeletion"}, f"KmsKey: the key {KEY_ARN} is pending deletion; cancel"),
        (
            {**ENABLED, "KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"},
            f"KmsKey: the key {KEY_ARN} is RSA_2048 for SIGN_VERIFY; AppIntegrations needs a symmetric encryption key",
        ),
        ({**ENABLED, "KeySpec": "HMAC_256", "KeyUsage": "GENERATE_VERIFY_MAC"}, f"KmsKey: the key {KEY_ARN} is HMAC"),
        ({"KeyState": "Enabled", "KeySpec": "RSA_2048"}, f"KmsKey: the key {KEY_ARN} is RSA_2048; AppIntegrations"),
        ({"KeyState": "Enabled", "KeyUsage": "SIGN_VERIFY"}, f"KmsKey: the key {KEY_ARN} is for SIGN_VERIFY;"),
    ],
)
def test_key_problems_name_the_property_and_what_to_do(described: dict[str, Any], problem: str) -> None:
    found = key_problem(KEY_ARN, {"KeyMetadata": described} if described else {})
    assert found is not None and found.startswith(problem) and len(found) <= 256


@pytest.mark.parametrize("left_out", [(), ("KeyUsage",), ("KeySpec",), ("KeySpec", "KeyUsage")])
def test_an_enabled_symmetric_key_passes_and_what_is_left_out_is_not_judged(left_out: tuple[str, ...]) -> None:
    metadata = {k: v for k, v in ENABLED.items() if k not in left_out}
    assert key_problem(KEY_ARN, {"KeyMetadata": metadata}) is None


def test_a_key_as_motos_kms_describes_it_passes(invoke: Invoke, double: AppIntegrationsDouble, moto: Moto) -> None:
    """moto describes a key made without KeyUsage without one; the pre-flight lets it through."""
    key = moto.key()
    assert "KeyUsage" not in moto.client("kms").describe_key(KeyId=key)["KeyMetadata"]
    run = invoke(create_event(properties(KmsKey=key)))
    assert run.response["Status"] == "SUCCESS", run.response
    assert double.operations() == ["CreateDataIntegration"]


@pytest.mark.parametrize(
    ("location", "region", "problem"),
    [
        (None, "us-east-1", None),
        ("", "us-east-1", None),
        ("eu-west-1", "eu-west-1", None),
        ("EU", "eu-west-1", None),
        ("EU", "us-east-1", "SourceURI: the S3 bucket 'kb' is in eu-west-1, the stack in us-east-1;"),
        (None, "eu-west-1", "SourceURI: the S3 bucket 'kb' is in us-east-1, the stack in eu-west-1;"),
    ],
)
def test_a_bucket_is_judged_by_its_location(location: str | None, region: str, problem: str | None) -> None:
    found = bucket_problem("kb", region, {"LocationConstraint": location})
    assert found == problem or (found and problem and found.startswith(problem))


def test_a_missing_bucket_fails() -> None:
    assert bucket_problem("kb", "us-east-1", {}) == (
        "SourceURI: no S3 bucket named 'kb'; create it, or set source_uri to a bucket that exists"
    )


@pytest.mark.parametrize(
    ("profiles", "problem"),
    [
        ([], "SourceURI: no AppFlow connector profile named 'kb' in this account and region; create it"),
        ([{"connectorProfileName": "kb-2", "connectorType": "Salesforce"}], "SourceURI: no AppFlow connector profile"),
        (
            [{"connectorProfileName": "kb", "connectorType": "Zendesk"}],
            "SourceURI: the connector profile 'kb' is a Zendesk profile, not ServiceNow; use a ServiceNow profile, "
            "or write Zendesk://AppFlow/kb",
        ),
        ([{"connectorProfileName": "kb", "connectorType": "Servicenow"}], None),
        ([{"connectorProfileName": "kb", "connectorType": "CustomConnector", "connectorLabel": "x"}], None),
    ],
)
def test_a_profile_must_exist_and_be_of_the_uris_connector(profiles: list[dict[str, str]], problem: str | None) -> None:
    found = profile_problem("ServiceNow", "kb", {"connectorProfileDetails": profiles})
    assert found == problem or (found and problem and found.startswith(problem))


# --- on the synthesized handler -------------------------------------------------------------------


def refused(invoke: Invoke, double: AppIntegrationsDouble, props: dict[str, Any], reason: str) -> dict[str, Any]:
    """Create with these properties: it must fail with this reason, having created nothing."""
    body = invoke(create_event(props)).response
    assert body["Status"] == "FAILED", body
    assert body["Reason"].startswith(reason) and len(body["Reason"]) <= 256, body["Reason"]
    assert double.state.integrations == {} and "CreateDataIntegration" not in double.operations()
    return body


def missing_key() -> str:
    return f"arn:aws:kms:us-east-1:{ACCOUNT}:key/{uuid.uuid4()}"


def test_a_key_that_does_not_exist_fails(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    key = missing_key()
    refused(invoke, double, properties(KmsKey=key), f"KmsKey: no KMS key {key} in this account and region")


def test_a_disabled_key_fails(invoke: Invoke, double: AppIntegrationsDouble, moto: Moto) -> None:
    key = moto.key()
    moto.disable(key)
    refused(invoke, double, properties(KmsKey=key), f"KmsKey: the key {key} is Disabled, not Enabled; enable it")


def test_a_key_pending_deletion_fails(invoke: Invoke, double: AppIntegrationsDouble, moto: Moto) -> None:
    key = moto.key()
    moto.schedule_deletion(key)
    refused(invoke, double, properties(KmsKey=key), f"KmsKey: the key {key} is pending deletion; cancel its deletion")


def test_an_asymmetric_key_fails(invoke: Invoke, double: AppIntegrationsDouble, moto: Moto) -> None:
    key = moto.key(KeySpec="RSA_2048", KeyUsage="SIGN_VERIFY")
    refused(invoke, double, properties(KmsKey=key), f"KmsKey: the key {key} is RSA_2048 for SIGN_VERIFY;")


def test_a_key_of_another_region_fails(invoke: Invoke, double: AppIntegrationsDouble, moto: Moto) -> None:
    key = moto.key(region="eu-west-1")
    refused(invoke, double, properties(KmsKey=key), f"KmsKey: the key {key} is in eu-west-1, the stack in us-east-1;")


def test_a_bucket_that_does_not_exist_fails(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    props = properties(SourceURI="s3://no-such-bucket-of-articles/kb", **S3_ONLY)
    refused(invoke, double, props, "SourceURI: no S3 bucket named 'no-such-bucket-of-articles'; create it")


def test_a_bucket_of_another_region_fails(invoke: Invoke, double: AppIntegrationsDouble, moto: Moto) -> None:
    bucket = moto.bucket("eu-west-1")
    props = properties(SourceURI=f"s3://{bucket}", **S3_ONLY)
    refused(invoke, double, props, f"SourceURI: the S3 bucket '{bucket}' is in eu-west-1, the stack in us-east-1;")


def test_a_bucket_of_us_east_1_passes(invoke: Invoke, double: AppIntegrationsDouble, moto: Moto) -> None:
    """us-east-1 answers GetBucketLocation with no LocationConstraint."""
    bucket = moto.bucket("us-east-1")
    run = invoke(create_event(properties(SourceURI=f"s3://{bucket}/articles", **S3_ONLY)))
    assert run.response["Status"] == "SUCCESS"
    assert run.logs.count("Create Articles: get_bucket_location") == 1
    assert double.operations() == ["CreateDataIntegration"] and double.appflow.calls == []


def test_a_connector_profile_that_does_not_exist_fails(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    props = properties(SourceURI="Salesforce://AppFlow/no-such-profile")
    refused(invoke, double, props, "SourceURI: no AppFlow connector profile named 'no-such-profile'")


def test_a_connector_profile_of_another_connector_fails(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    double.appflow.profile("support", "Zendesk")
    props = properties(SourceURI="Salesforce://AppFlow/support")
    refused(invoke, double, props, "SourceURI: the connector profile 'support' is a Zendesk profile, not Salesforce;")


def test_a_create_describes_the_key_and_the_profile_once_each(invoke: Invoke, double: AppIntegrationsDouble) -> None:
    run = invoke(create_event(properties()))
    assert run.response["Status"] == "SUCCESS"
    called = [line.rsplit(": ", 1)[1] for line in run.logs.splitlines() if "\tCreate Articles: " in line]
    # Then the Create asks CloudFormation whether it still waits for it (stack.py).
    assert called == [
        "describe_key",
        "describe_connector_profiles",
        "create_data_integration",
        "describe_stack_resource",
    ]
    assert double.appflow.calls == [("DescribeConnectorProfiles", {"connectorProfileNames": [PROFILE]})]
    assert double.operations() == ["CreateDataIntegration"]


def test_a_refused_pre_flight_call_leaves_the_judgement_to_the_service(
    invoke: Invoke, double: AppIntegrationsDouble, moto: Moto
) -> None:
    """AccessDenied on DescribeKey (the key's policy) and on DescribeConnectorProfiles: logged, and created."""
    key = moto.key(Policy=json.dumps(DENY_DESCRIBE))
    double.appflow.fail("AccessDeniedException")
    run = invoke(create_event(properties(KmsKey=key)))
    assert run.response["Status"] == "SUCCESS", run.logs
    assert "Pre-flight describe_key not checked, the service will judge: AccessDenied on DescribeKey" in run.logs
    assert "Pre-flight describe_connector_profiles not checked" in run.logs
    assert double.operations() == ["CreateDataIntegration"]


def test_a_replacement_is_checked_and_refused_without_a_create(
    invoke: Invoke, double: AppIntegrationsDouble, moto: Moto
) -> None:
    created, record = create(invoke, double)
    key = moto.key()
    moto.disable(key)
    body = invoke(update_event(record["Id"], properties(KmsKey=key), created["ResourceProperties"])).response
    assert body["Status"] == "FAILED" and body["PhysicalResourceId"] == record["Id"]
    assert body["Reason"].startswith(f"KmsKey: the key {key} is Disabled")
    assert double.operations() == ["CreateDataIntegration", "GetDataIntegration", "ListDataIntegrations"]
    assert list(double.state.integrations) == [record["Id"]]


def test_in_place_updates_deletes_and_a_replacement_that_claims_are_not_checked(
    invoke: Invoke, double: AppIntegrationsDouble, moto: Moto
) -> None:
    """The key is disabled after each DataIntegration is made: only a create would be refused for it."""
    key = moto.key()
    created, record = create(invoke, double, KmsKey=key)
    moto.disable(key)
    described = properties(KmsKey=key, Description="Articles, v2")
    in_place = invoke(update_event(record["Id"], described, created["ResourceProperties"])).response
    assert in_place["Status"] == "SUCCESS" and in_place["PhysicalResourceId"] == record["Id"]

    other = moto.key()
    replace = update_event(record["Id"], properties(KmsKey=other), described)
    new_id = invoke(replace).response["PhysicalResourceId"]
    moto.disable(other)
    redelivered = invoke(replace).response
    assert redelivered["Status"] == "SUCCESS" and redelivered["PhysicalResourceId"] == new_id

    for data_integration_id, props in ((record["Id"], described), (new_id, properties(KmsKey=other))):
        assert invoke(delete_event(data_integration_id, props)).response["Status"] == "SUCCESS"
    assert double.state.integrations == {}
    assert double.operations().count("CreateDataIntegration") == 2 and len(double.appflow.calls) == 2
