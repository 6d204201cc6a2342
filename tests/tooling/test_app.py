"""The example app: real `cdk synth`, `python app.py`, cfn-lint and cdk-nag v3."""

import contextlib
import json
import re
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_appflow as appflow
from aws_cdk import aws_iam as iam
from aws_cdk import aws_kms as kms
from aws_cdk import aws_s3 as s3
from cdk_nag import AwsSolutionsChecks
from constants import OTHER_KEY_ARN
from lambda_artifact import Artifact
from stacks import data_integration
from tools import cfn_lint, run, template

import app as example
from cdk_appintegrations import (
    AssistantOptions,
    DataIntegration,
    DataIntegrationSource,
    FileConfiguration,
    KnowledgeBase,
    ScheduleConfig,
)
from cdk_appintegrations_handler.contract import RESOURCE_TYPE

INSTANCE_ARN = "arn:aws:connect:us-east-1:123456789012:instance/5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d"


@pytest.fixture(scope="module")
def cli_out(artifact: Artifact) -> Path:
    """The example app as `cdk synth` (the CLI) writes it: the session's artifact."""
    return artifact.outdir


def test_cdk_synth_prints_nothing_to_act_on(artifact: Artifact) -> None:
    """No warning, notice, unset feature flag or end-of-life banner: cdk.json holds what `cdk init` writes."""
    lines = artifact.output.splitlines()
    assert [line for line in lines if re.search(r"warn|notice|flag|deprecat|end-of-life|acknowledge", line, re.I)] == []
    assert any(line.startswith("Successfully synthesized") for line in lines)


def of_type(resources: dict[str, Any], resource_type: str) -> dict[str, Any]:
    return {k: v for k, v in resources.items() if v["Type"] == resource_type}


def test_cdk_synth_builds_the_example_stack(cli_out: Path) -> None:
    resources = template(cli_out)["Resources"]
    (key,) = of_type(resources, "AWS::KMS::Key").values()
    assert key["Properties"]["EnableKeyRotation"] is True
    ((di_id, di),) = of_type(resources, RESOURCE_TYPE).items()
    assert di["Properties"]["SourceURI"] == "Salesforce://AppFlow/salesforce-knowledge"
    assert di["Properties"]["ScheduleConfig"] == {
        "ScheduleExpression": "rate(1 hour)",
        "Object": "Knowledge__kav",
        "FirstExecutionFrom": "1700000000000",
    }
    outputs = template(cli_out)["Outputs"]
    assert outputs["DataIntegrationArn"]["Value"] == {"Fn::GetAtt": [di_id, "Arn"]}
    assert outputs["DataIntegrationId"]["Value"] == {"Fn::GetAtt": [di_id, "Id"]}


def test_the_knowledge_base_stack_imports_the_data_integration_arn(cli_out: Path) -> None:
    ((di_id, _),) = of_type(template(cli_out)["Resources"], RESOURCE_TYPE).items()
    ((key_id, _),) = of_type(template(cli_out)["Resources"], "AWS::KMS::Key").items()
    exports = {o["Export"]["Name"]: o["Value"] for o in template(cli_out)["Outputs"].values() if "Export" in o}
    consumer = template(cli_out, "AppIntegrationsKnowledgeBase")
    (kb,) = of_type(consumer["Resources"], "AWS::Wisdom::KnowledgeBase").values()
    assert kb["Properties"]["KnowledgeBaseType"] == "EXTERNAL"
    source = kb["Properties"]["SourceConfiguration"]["AppIntegrations"]
    assert source["ObjectFields"] == example.SALESFORCE_FIELDS
    imported = source["AppIntegrationArn"]["Fn::ImportValue"]
    imported_key = kb["Properties"]["ServerSideEncryptionConfiguration"]["KmsKeyId"]["Fn::ImportValue"]
    assert exports == {imported: {"Fn::GetAtt": [di_id, "Arn"]}, imported_key: {"Fn::GetAtt": [key_id, "Arn"]}}


def test_the_knowledge_base_stack_has_an_assistant_that_amazon_connect_may_use(cli_out: Path) -> None:
    resources = template(cli_out, "AppIntegrationsKnowledgeBase")["Resources"]
    ((assistant_id, assistant),) = of_type(resources, "AWS::Wisdom::Assistant").items()
    (kb,) = of_type(resources, "AWS::Wisdom::KnowledgeBase").values()
    assert assistant["Properties"]["Type"] == "AGENT"
    assert (
        assistant["Properties"]["ServerSideEncryptionConfiguration"]
        == kb["Properties"]["ServerSideEncryptionConfiguration"]
    )
    (association,) = of_type(resources, "AWS::Wisdom::AssistantAssociation").values()
    assert association["Properties"]["AssistantId"] == {"Fn::GetAtt": [assistant_id, "AssistantId"]}
    assert of_type(resources, "AWS::Connect::IntegrationAssociation") == {}
    (key,) = of_type(template(cli_out)["Resources"], "AWS::KMS::Key").values()
    principals = [s["Principal"] for s in key["Properties"]["KeyPolicy"]["Statement"]]
    assert {"Service": "connect.amazonaws.com"} in principals


def with_instance(app: cdk.App) -> cdk.Stack:
    """The example app, attached to an Amazon Connect instance through its context."""
    app.node.set_context("connect_instance_arn", INSTANCE_ARN)
    return example.build(app)


def test_connect_instance_comes_from_context(tmp_path: Path) -> None:
    app = cdk.App(outdir=str(tmp_path))
    with_instance(app)
    app.synth()
    resources = template(tmp_path, "AppIntegrationsKnowledgeBase")["Resources"]
    associations = of_type(resources, "AWS::Connect::IntegrationAssociation").values()
    assert sorted((a["Properties"]["InstanceId"], a["Properties"]["IntegrationType"]) for a in associations) == [
        (INSTANCE_ARN, "WISDOM_ASSISTANT"),
        (INSTANCE_ARN, "WISDOM_KNOWLEDGE_BASE"),
    ]


def test_connector_profile_comes_from_context() -> None:
    """In-process: the app reads -c connector_profile=... through the App's context, as the CLI passes it."""
    app = cdk.App(context={"connector_profile": "kb-prod"})
    example.build(app)
    (di,) = of_type(
        app.synth().get_stack_by_name("AppIntegrationsExample").template["Resources"], RESOURCE_TYPE
    ).values()
    assert di["Properties"]["SourceURI"] == "Salesforce://AppFlow/kb-prod"


def test_python_app_py_synthesizes(tmp_path: Path) -> None:
    run(["python", "app.py"], CDK_OUTDIR=str(tmp_path))
    assert of_type(template(tmp_path)["Resources"], RESOURCE_TYPE)


def kitchen_sink(app: cdk.App) -> cdk.Stack:
    """A stack using every kind of source and property."""
    stack = cdk.Stack(app, "KitchenSink")
    data_integration(
        stack, "Salesforce", tags={"team": "cx"}, object_configuration={"Knowledge__kav": {"fields": ["Id"]}}
    )
    data_integration(stack, "S3", source_uri="s3://my-bucket", description="files")
    data_integration(
        stack, "SharePoint", source_uri="SharePoint://AppFlow/sp", file_configuration=FileConfiguration(folders=["/kb"])
    )
    profile_name = cdk.CfnParameter(stack, "ProfileName").value_as_string
    data_integration(stack, "FromParameter", source_uri=f"ServiceNow://AppFlow/{profile_name}")
    bucket = s3.Bucket(stack, "Bucket", enforce_ssl=True)
    cdk.Validations.of(bucket).acknowledge(
        cdk.Acknowledgment(id="AwsSolutions-S1", reason="A test bucket: access logging is the user's choice.")
    )
    data_integration(stack, "TypedS3", source_uri=DataIntegrationSource.s3(bucket))
    data_integration(stack, "TokenS3", source_uri=f"s3://{bucket.bucket_name}/articles", kms_key=OTHER_KEY_ARN)
    profile = appflow.CfnConnectorProfile(
        stack, "Profile", connector_profile_name="zendesk", connector_type="Zendesk", connection_mode="Public"
    )
    data_integration(
        stack,
        "Adopted",
        data_integration_name="support-articles",
        source_uri=DataIntegrationSource.appflow(connector="Zendesk", profile=profile),
        schedule_config=ScheduleConfig.rate(cdk.Duration.minutes(30), object="articles"),
        object_configuration={"articles": {"fields": ["id", "title", "updated_at", "draft"]}},
        adopt_existing=True,
    )
    imported = DataIntegration.from_data_integration_id(stack, "Imported", "0f6a6c9e-2d4b-4c1a-9f3e-8b7a6c5d4e3f")
    KnowledgeBase(
        stack,
        "KnowledgeBase",
        data_integration=imported,
        kms_key=kms.Key(stack, "KnowledgeBaseKey", enable_key_rotation=True),
        description="Imported articles",
        assistant=AssistantOptions(description="Agents"),
        connect_instance_arn=INSTANCE_ARN,
    )
    return stack


def test_cfn_lint_finds_nothing(cli_out: Path, tmp_path: Path) -> None:
    app = cdk.App(outdir=str(tmp_path / "kitchen-sink"))
    kitchen_sink(app)
    app.synth()
    attached = cdk.App(outdir=str(tmp_path / "attached"))
    with_instance(attached)
    attached.synth()
    templates = [*cli_out.glob("*.template.json"), *(tmp_path / "attached").glob("*.template.json")]
    lint = cfn_lint(*templates, tmp_path / "kitchen-sink" / "KitchenSink.template.json")
    assert (lint.returncode, lint.stdout) == (0, ""), lint.stdout + lint.stderr


def test_cfn_lint_would_report_a_broken_template(tmp_path: Path) -> None:
    broken = tmp_path / "broken.template.json"
    broken.write_text(
        json.dumps({"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "python2.7"}}}})
    )
    assert cfn_lint(broken).returncode != 0


def nag_findings(build: Any, outdir: Path) -> list[str]:
    """cdk-nag v3 AwsSolutions findings of an app, as validation-report.json names them."""
    app = cdk.App(outdir=str(outdir))
    cdk.Validations.of(app).add_plugins(AwsSolutionsChecks(app))
    build(app)
    with contextlib.suppress(Exception):  # synth fails when there are findings; the report names them
        app.synth()
    report = json.loads((outdir / "validation-report.json").read_text())
    return [v["ruleName"] for plugin in report["pluginReports"] for v in plugin["violations"]]


def test_cdk_nag_aws_solutions_finds_nothing(tmp_path: Path) -> None:
    assert nag_findings(example.build, tmp_path / "example") == []
    assert nag_findings(kitchen_sink, tmp_path / "kitchen-sink") == []
    assert nag_findings(with_instance, tmp_path / "attached") == []


def test_cdk_nag_would_report_an_unacknowledged_wildcard(tmp_path: Path) -> None:
    def build(app: cdk.App) -> None:
        stack = example.build(app)
        role = iam.Role(stack, "Extra", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
        role.add_to_policy(iam.PolicyStatement(actions=["s3:GetObject"], resources=["arn:aws:s3:::bucket/*"]))

    assert "AwsSolutions-IAM5[Resource::arn:aws:s3:::bucket/*]" in nag_findings(build, tmp_path)
