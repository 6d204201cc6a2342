"""Typed sources and the source-aware rules: AppFlow profiles, S3 buckets and their policy, knowledge-base fields."""

import re
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_appflow as appflow
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from aws_cdk.assertions import Annotations, Match, Template
from constants import KEY_ARN
from stacks import actions_on, data_integration, new_stack, properties_of

from cdk_appintegrations import DataIntegrationSource, FileConfiguration, ScheduleConfig
from cdk_appintegrations_handler.contract import RESOURCE_TYPE
from cdk_appintegrations_handler.source_uri import SourceKind, parse

# What the handler's role may do on an S3 source's bucket: AppIntegrations' set-up, and the pre-flight's location.
BUCKET_ACTIONS = {
    "s3:GetBucketNotification",
    "s3:PutBucketNotification",
    "s3:GetEncryptionConfiguration",
    "s3:GetBucketLocation",
}


def salesforce_profile(stack: cdk.Stack) -> appflow.CfnConnectorProfile:
    return appflow.CfnConnectorProfile(
        stack, "Profile", connector_profile_name="kb-profile", connector_type="Salesforce", connection_mode="Public"
    )


def test_appflow_by_name_renders_the_uri() -> None:
    stack = new_stack()
    data_integration(stack, source_uri=DataIntegrationSource.appflow(connector="ServiceNow", profile="itsm"))
    assert properties_of(stack)[0]["SourceURI"] == "ServiceNow://AppFlow/itsm"


def test_appflow_by_profile_depends_on_it() -> None:
    stack = new_stack()
    profile = salesforce_profile(stack)
    data_integration(stack, source_uri=DataIntegrationSource.appflow(connector="Salesforce", profile=profile))
    template = Template.from_stack(stack)
    ((_, resource),) = template.find_resources(RESOURCE_TYPE).items()
    assert resource["Properties"]["SourceURI"] == "Salesforce://AppFlow/kb-profile"
    assert resource["DependsOn"] == [stack.get_logical_id(profile)]


def test_appflow_connector_must_be_a_word() -> None:
    with pytest.raises(ValueError, match="source_uri: connector must be a word"):
        DataIntegrationSource.appflow(connector="Sales force", profile="p")


def test_s3_source_adds_the_bucket_policy_and_scoped_grants() -> None:
    stack = new_stack()
    bucket = s3.Bucket(stack, "Bucket", enforce_ssl=True)
    data_integration(stack, source_uri=DataIntegrationSource.s3(bucket))
    template = Template.from_stack(stack)
    bucket_id = stack.get_logical_id(bucket.node.default_child)  # type: ignore[arg-type]
    (resource,) = template.find_resources(RESOURCE_TYPE).values()
    assert resource["Properties"]["SourceURI"] == {"Fn::Join": ["", ["s3://", {"Ref": bucket_id}]]}
    (policy_id,) = template.find_resources("AWS::S3::BucketPolicy")
    assert policy_id in resource["DependsOn"]
    template.has_resource_properties(
        "AWS::S3::BucketPolicy",
        {
            "PolicyDocument": {
                "Statement": Match.array_with(
                    [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "app-integrations.amazonaws.com"},
                            "Action": ["s3:ListBucket", "s3:GetObject", "s3:GetBucketLocation"],
                            "Resource": [
                                {"Fn::GetAtt": [bucket_id, "Arn"]},
                                {"Fn::Join": ["", [{"Fn::GetAtt": [bucket_id, "Arn"]}, "/*"]]},
                            ],
                            "Condition": {
                                "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}},
                                "ArnLike": {
                                    "aws:SourceArn": {
                                        "Fn::Join": [
                                            "",
                                            [
                                                "arn:",
                                                {"Ref": "AWS::Partition"},
                                                ":app-integrations:",
                                                {"Ref": "AWS::Region"},
                                                ":",
                                                {"Ref": "AWS::AccountId"},
                                                ":data-integration/*",
                                            ],
                                        ]
                                    }
                                },
                            },
                        }
                    ]
                )
            }
        },
    )
    assert actions_on(template, {"Fn::GetAtt": [bucket_id, "Arn"]}) == BUCKET_ACTIONS


def test_an_imported_bucket_gets_a_warning_naming_the_statement() -> None:
    stack = new_stack()
    bucket = s3.Bucket.from_bucket_name(stack, "Imported", "team-articles")
    data_integration(stack, source_uri=DataIntegrationSource.s3(bucket))
    warnings = Annotations.from_stack(stack).find_warning("*", Match.string_like_regexp("source_uri: the bucket"))
    assert len(warnings) == 1 and "app-integrations.amazonaws.com" in warnings[0].entry.data
    assert actions_on(Template.from_stack(stack), stack.resolve(bucket.bucket_arn)) == BUCKET_ACTIONS


@pytest.mark.parametrize(
    ("props", "message"),
    [
        ({"schedule_config": ScheduleConfig("rate(1 hour)")}, "schedule_config: an S3 source takes no schedule_config"),
        (
            {"file_configuration": FileConfiguration(folders=["/kb"])},
            "file_configuration: an S3 source takes no file_configuration",
        ),
        (
            {"object_configuration": {"o": {"f": ["Id"]}}},
            "object_configuration: an S3 source takes no object_configuration",
        ),
    ],
)
def test_a_typed_s3_source_takes_no_configuration(props: dict[str, Any], message: str) -> None:
    stack = new_stack()
    bucket = s3.Bucket(stack, "Bucket")
    with pytest.raises(ValueError, match=re.escape(message)):
        data_integration(stack, source_uri=DataIntegrationSource.s3(bucket), **props)


@pytest.mark.parametrize("source", ["SharePoint://AppFlow/sp", DataIntegrationSource.appflow("SharePoint", "sp")])
def test_a_sharepoint_source_needs_a_file_configuration(source: Any) -> None:
    with pytest.raises(ValueError, match="file_configuration: a SharePoint source needs one"):
        data_integration(new_stack(), source_uri=source)
    data_integration(new_stack(), source_uri=source, file_configuration=FileConfiguration(folders=["/kb"]))


@pytest.mark.parametrize(
    ("connector", "fields", "missing"),
    [
        ("Salesforce", ["Id", "Title"], "ArticleNumber, VersionNumber, PublishStatus, IsDeleted"),
        ("ServiceNow", ["number", "short_description", "active"], "sys_mod_count, workflow_state"),
        ("Zendesk", ["id", "title"], "updated_at, draft"),
    ],
)
def test_missing_knowledge_base_fields_warn_naming_the_property(
    connector: str, fields: list[str], missing: str
) -> None:
    stack = new_stack()
    source = DataIntegrationSource.appflow(connector, "profile")
    data_integration(stack, source_uri=source, object_configuration={"Articles": {"fields": fields}})
    (warning,) = Annotations.from_stack(stack).find_warning("*", Match.any_value())
    assert warning.entry.data.startswith(f"object_configuration['Articles']: a {connector} knowledge base needs")
    assert warning.entry.data.endswith(
        f"missing {missing} [ack: @cdk-appintegrations/DataIntegration:KnowledgeBaseFields]"
    )


def test_complete_knowledge_base_fields_do_not_warn() -> None:
    stack = new_stack()
    fields = ["Id", "ArticleNumber", "VersionNumber", "Title", "PublishStatus", "IsDeleted", "Summary"]
    data_integration(stack, object_configuration={"Knowledge__kav": {"fields": fields}})
    assert Annotations.from_stack(stack).find_warning("*", Match.any_value()) == []


@pytest.mark.parametrize(
    ("uri", "kind", "bucket", "profile"),
    [
        ("s3://kb-articles/prefix/", SourceKind.S3, "kb-articles", None),
        ("S3://kb-articles", SourceKind.S3, "kb-articles", None),
        ("Salesforce://AppFlow/kb", SourceKind.APPFLOW, None, "kb"),
        ("SharePoint://AppFlow/sp/sites", SourceKind.APPFLOW, None, "sp/sites"),
    ],
)
def test_a_uri_string_is_parsed_once_into_kind_bucket_and_profile(
    uri: str, kind: SourceKind, bucket: str | None, profile: str | None
) -> None:
    source = DataIntegrationSource.of(uri)
    assert (source.uri, source._parsed.kind, source._parsed.profile) == (uri, kind, profile)
    stack = new_stack()
    expected = {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, f":s3:::{bucket}"]]} if bucket else None
    assert stack.resolve(source._bucket_arn) == expected


def test_typed_sources_know_their_kind_bucket_and_profile() -> None:
    stack = new_stack()
    bucket = s3.Bucket(stack, "Bucket")
    typed = DataIntegrationSource.s3(bucket)
    assert (typed._parsed.kind, typed._bucket_arn, typed._parsed.profile) == (SourceKind.S3, bucket.bucket_arn, None)
    profile = salesforce_profile(stack)
    by_profile = DataIntegrationSource.appflow("Salesforce", profile)
    parsed = by_profile._parsed
    assert (parsed.kind, by_profile._bucket_arn, parsed.profile) == (SourceKind.APPFLOW, None, "kb-profile")


def test_an_s3_token_string_gets_the_grants_on_the_bucket_its_token_names() -> None:
    stack = new_stack()
    bucket = s3.Bucket(stack, "Bucket")
    data_integration(stack, source_uri=f"s3://{bucket.bucket_name}/articles")
    bucket_id = stack.get_logical_id(bucket.node.default_child)  # type: ignore[arg-type]
    arn = {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":s3:::", {"Ref": bucket_id}]]}
    assert actions_on(Template.from_stack(stack), arn) == BUCKET_ACTIONS


def test_an_s3_token_string_takes_no_schedule() -> None:
    stack = new_stack()
    bucket = s3.Bucket(stack, "Bucket")
    with pytest.raises(ValueError, match="schedule_config: an S3 source takes no schedule_config"):
        data_integration(stack, source_uri=f"s3://{bucket.bucket_name}", schedule_config=ScheduleConfig("rate(1 hour)"))


@pytest.mark.parametrize("template", ["{}", "{}://AppFlow/kb", "prefix-{}"])
def test_a_token_without_a_visible_scheme_is_refused_pointing_to_the_typed_sources(template: str) -> None:
    stack = new_stack()
    uri = template.format(cdk.CfnParameter(stack, "Uri").value_as_string)
    with pytest.raises(ValueError, match=r"^DataIntegration TestStack/Articles: source_uri: .*") as refused:
        data_integration(stack, source_uri=uri)
    assert "DataIntegrationSource.s3(bucket)" in str(refused.value)
    assert "DataIntegrationSource.appflow(connector=..., profile=...)" in str(refused.value)


def test_appflow_is_no_way_to_an_s3_source() -> None:
    with pytest.raises(ValueError, match=re.escape("source_uri: an S3 source is DataIntegrationSource.s3(bucket)")):
        DataIntegrationSource.appflow(connector="S3", profile="p")


BUCKET_KEY_STATEMENT = {
    "Sid": "AllowAppIntegrationsToReadTheBucket",
    "Effect": "Allow",
    "Principal": {"Service": "app-integrations.amazonaws.com"},
    "Action": "kms:Decrypt",
    "Resource": "*",
    "Condition": {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}},
}


@pytest.mark.parametrize("own_key", [True, False], ids=["a key of the app", "the key the bucket makes"])
def test_an_sse_kms_bucket_lets_appintegrations_decrypt_with_its_key(own_key: bool) -> None:
    stack = new_stack()
    key = kms.Key(stack, "BucketKey", enable_key_rotation=True) if own_key else None
    bucket = s3.Bucket(stack, "Bucket", encryption=s3.BucketEncryption.KMS, encryption_key=key)
    data_integration(stack, source_uri=DataIntegrationSource.s3(bucket))
    (key_resource,) = Template.from_stack(stack).find_resources("AWS::KMS::Key").values()
    assert BUCKET_KEY_STATEMENT in key_resource["Properties"]["KeyPolicy"]["Statement"]
    assert Annotations.from_stack(stack).find_warning("*", Match.any_value()) == []


@pytest.mark.parametrize("encryption", [s3.BucketEncryption.S3_MANAGED, s3.BucketEncryption.KMS_MANAGED])
def test_a_bucket_without_a_key_of_its_own_changes_no_key(encryption: s3.BucketEncryption) -> None:
    stack = new_stack()
    key = kms.Key(stack, "Key", enable_key_rotation=True)
    data_integration(
        stack, kms_key=key, source_uri=DataIntegrationSource.s3(s3.Bucket(stack, "B", encryption=encryption))
    )
    (key_resource,) = Template.from_stack(stack).find_resources("AWS::KMS::Key").values()
    assert BUCKET_KEY_STATEMENT not in key_resource["Properties"]["KeyPolicy"]["Statement"]


def test_an_imported_bucket_key_gets_a_warning_naming_the_statement() -> None:
    stack = new_stack()
    key = kms.Key.from_key_arn(stack, "Key", KEY_ARN)
    bucket = s3.Bucket.from_bucket_attributes(stack, "Imported", bucket_name="team-articles", encryption_key=key)
    data_integration(stack, source_uri=DataIntegrationSource.s3(bucket))
    warnings = [w.entry.data for w in Annotations.from_stack(stack).find_warning("*", Match.any_value())]
    assert warnings == [
        "source_uri: the bucket is imported, so its policy is not managed here; allow app-integrations.amazonaws.com "
        "s3:ListBucket, s3:GetObject, s3:GetBucketLocation on it, with aws:SourceAccount and aws:SourceArn ArnLike "
        "this account's and region's data-integration/* [ack: @cdk-appintegrations/DataIntegration:ImportedBucket]",
        "source_uri: the bucket's key is not a kms.Key of this app, so its policy is not managed here; allow "
        "app-integrations.amazonaws.com kms:Decrypt on it, with aws:SourceAccount "
        "[ack: @cdk-appintegrations/DataIntegration:BucketKey]",
    ]


def test_an_imported_bucket_of_unknown_key_gets_one_warning_naming_both_statements() -> None:
    stack = new_stack()
    data_integration(stack, source_uri=DataIntegrationSource.s3(s3.Bucket.from_bucket_name(stack, "B", "team-a")))
    (warning,) = Annotations.from_stack(stack).find_warning("*", Match.any_value())
    assert warning.entry.data.startswith("source_uri: the bucket is imported")
    assert "data-integration/*, and kms:Decrypt on its key if SSE-KMS [ack:" in warning.entry.data


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("s3://kb-articles/prefix/", ("s3", SourceKind.S3, "kb-articles", None, False)),
        ("S3://kb-articles", ("S3", SourceKind.S3, "kb-articles", None, False)),
        ("s3://", ("s3", SourceKind.S3, "", None, False)),
        ("s3://appflow", ("s3", SourceKind.S3, "appflow", None, True)),
        ("s3://${Token[TOKEN.1]}/x", ("s3", SourceKind.S3, "${Token[TOKEN.1]}", None, False)),
        ("Salesforce://AppFlow/kb", ("Salesforce", SourceKind.APPFLOW, None, "kb", False)),
        ("zendesk://appflow/kb", ("zendesk", SourceKind.APPFLOW, None, "kb", False)),
        ("SharePoint://AppFlow/sp/sites", ("SharePoint", SourceKind.APPFLOW, None, "sp/sites", False)),
        ("Salesforce://AppFlow/", ("Salesforce", SourceKind.APPFLOW, None, None, True)),
        ("Salesforce://AppFlow", ("Salesforce", SourceKind.APPFLOW, None, None, True)),
        ("Salesforce://other/kb", ("Salesforce", SourceKind.APPFLOW, None, None, False)),
        ("not a uri", ("", SourceKind.APPFLOW, None, None, False)),
        ("${Token[TOKEN.1]}", ("", SourceKind.APPFLOW, None, None, False)),
    ],
)
def test_the_parser_reads_connector_kind_bucket_and_profile(
    uri: str, expected: tuple[str, SourceKind, str | None, str | None, bool]
) -> None:
    parsed = parse(uri)
    assert (parsed.connector, parsed.kind, parsed.bucket, parsed.profile, parsed.no_profile) == expected
    assert parsed.uri == uri
