"""Pre-flight: what a create needs outside the template, judged from what KMS, S3 and AppFlow describe.

Before CreateDataIntegration the handler describes the key, and the source's bucket or connector profile,
one call per service. Each check is that call and a pure judge of its answer: None, or the reason to fail,
which names the property and what to do. The edge makes the calls; a call that fails checks nothing.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .calls import Call
from .contract import KMS_KEY, PROPERTY_NAMES, SOURCE_URI
from .errors import PlanError
from .event import Event, Props
from .source_uri import SourceKind, parse

_KEY_PROP, _SOURCE_PROP = PROPERTY_NAMES[KMS_KEY], PROPERTY_NAMES[SOURCE_URI]
# What AppIntegrations encrypts with: a symmetric encryption key.
SYMMETRIC = ("SYMMETRIC_DEFAULT", "ENCRYPT_DECRYPT")
# A profile of an AppFlow custom connector (SharePoint is one) carries a label, not the URI's connector.
CUSTOM_CONNECTOR = "CustomConnector"
# GetBucketLocation's answers for buckets made before regions had names of their own.
_LEGACY_LOCATIONS = {"": "us-east-1", "EU": "eu-west-1"}


@dataclass(frozen=True)
class Check:
    """One pre-flight call, and what its answer means: None when it passes, else the reason to fail."""

    call: Call
    judge: Callable[[Mapping[str, Any]], str | None]


def checks(event: Event, props: Props) -> tuple[Check, ...]:
    """The checks a create of these properties needs; a key of another region fails at once, with no call."""
    region = str(event["StackId"]).split(":")[3]
    found = []
    kms_key = str(props.get(KMS_KEY) or "")
    if kms_key:
        found.append(key_check(kms_key, region))
    source = parse(str(props.get(SOURCE_URI) or ""))
    # A URI that names no bucket or profile has nothing to describe; the service judges it.
    if source.kind is SourceKind.S3 and source.bucket:
        found.append(bucket_check(source.bucket, region))
    elif source.kind is SourceKind.APPFLOW and source.profile:
        found.append(profile_check(source.connector, source.profile))
    return tuple(found)


def key_check(kms_key: str, region: str) -> Check:
    """DescribeKey: the key exists, is enabled and encrypts symmetrically; its ARN names the stack's region."""
    key_region = kms_key.split(":")[3] if kms_key.startswith("arn:") and kms_key.count(":") >= 5 else region
    if key_region != region:
        raise PlanError(
            f"{KMS_KEY}: the key {kms_key} is in {key_region}, the stack in {region}; "
            f"AppIntegrations needs a key of its own region: set {_KEY_PROP} to a key in {region}"
        )
    call = Call("describe_key", {"KeyId": kms_key}, frozenset({"NotFoundException"}), service="kms")
    return Check(call, lambda described: key_problem(kms_key, described))


def key_problem(kms_key: str, described: Mapping[str, Any]) -> str | None:
    """What is wrong with the key as DescribeKey describes it ({} when there is none), if anything."""
    metadata = described.get("KeyMetadata")
    if not metadata:
        return (
            f"{KMS_KEY}: no KMS key {kms_key} in this account and region; "
            f"create it, or set {_KEY_PROP} to a key that exists"
        )
    state = metadata.get("KeyState")
    if state == "PendingDeletion":
        return (
            f"{KMS_KEY}: the key {kms_key} is pending deletion; cancel its deletion and enable it, "
            f"or set {_KEY_PROP} to another key"
        )
    if state != "Enabled":
        return f"{KMS_KEY}: the key {kms_key} is {state}, not Enabled; enable it, or set {_KEY_PROP} to another key"
    # Only what DescribeKey answered is judged: a field it left out is the service's to judge.
    spec, usage = metadata.get("KeySpec"), metadata.get("KeyUsage")
    if spec not in (None, SYMMETRIC[0]) or usage not in (None, SYMMETRIC[1]):
        kind = " ".join(part for part in (spec, f"for {usage}" if usage else None) if part)
        return (
            f"{KMS_KEY}: the key {kms_key} is {kind}; AppIntegrations needs a symmetric "
            f"encryption key ({', '.join(SYMMETRIC)}): set {_KEY_PROP} to one"
        )
    return None


def bucket_check(bucket: str, region: str) -> Check:
    """GetBucketLocation: the source's bucket exists, in the stack's region."""
    call = Call("get_bucket_location", {"Bucket": bucket}, frozenset({"NoSuchBucket"}), service="s3")
    return Check(call, lambda described: bucket_problem(bucket, region, described))


def bucket_problem(bucket: str, region: str, described: Mapping[str, Any]) -> str | None:
    """What is wrong with the bucket as GetBucketLocation answers ({} when there is none), if anything."""
    if "LocationConstraint" not in described:
        return f"{SOURCE_URI}: no S3 bucket named {bucket!r}; create it, or set {_SOURCE_PROP} to a bucket that exists"
    constraint = described["LocationConstraint"] or ""
    location = _LEGACY_LOCATIONS.get(constraint, constraint)
    if location != region:
        return (
            f"{SOURCE_URI}: the S3 bucket {bucket!r} is in {location}, the stack in {region}; "
            f"AppIntegrations reads buckets of its own region: use a bucket in {region}"
        )
    return None


def profile_check(connector: str, profile: str) -> Check:
    """DescribeConnectorProfiles: the profile exists and is of the URI's connector."""
    call = Call("describe_connector_profiles", {"connectorProfileNames": [profile]}, service="appflow")
    return Check(call, lambda described: profile_problem(connector, profile, described))


def profile_problem(connector: str, profile: str, described: Mapping[str, Any]) -> str | None:
    """What is wrong with the profile as DescribeConnectorProfiles describes it, if anything."""
    details = described.get("connectorProfileDetails") or []
    found = [p for p in details if p.get("connectorProfileName") == profile]
    if not found:
        return (
            f"{SOURCE_URI}: no AppFlow connector profile named {profile!r} in this account and region; "
            f"create it, or set {_SOURCE_PROP} to a profile that exists"
        )
    kind = str(found[0].get("connectorType", ""))
    if kind in (CUSTOM_CONNECTOR, "") or kind.lower() == connector.lower():
        return None
    return (
        f"{SOURCE_URI}: the connector profile {profile!r} is a {kind} profile, not {connector}; "
        f"use a {connector} profile, or write {kind}://AppFlow/{profile}"
    )
