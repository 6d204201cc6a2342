"""The made-up deployment of a template: physical ids and Arns, stable per logical id."""

from cloudformation import deployed_for, resolve
from constants import STACK_ID

from cdk_appintegrations_handler.contract import RESOURCE_TYPE

TEMPLATE = {
    "Resources": {
        "Key": {"Type": "AWS::KMS::Key"},
        "Bucket": {"Type": "AWS::S3::Bucket"},
        "Profile": {"Type": "AWS::AppFlow::ConnectorProfile", "Properties": {"ConnectorProfileName": "kb"}},
        "Articles": {"Type": RESOURCE_TYPE},
        "Role": {"Type": "AWS::IAM::Role"},
    }
}


def test_every_resource_gets_a_physical_id_and_an_arn_of_its_kind() -> None:
    deployed = deployed_for(TEMPLATE, {"KeyArn": "arn:aws:kms:us-east-1:123456789012:key/p"})
    key_id = deployed.refs["Key"]
    assert deployed.attributes[("Key", "Arn")] == f"arn:aws:kms:us-east-1:123456789012:key/{key_id}"
    bucket = deployed.refs["Bucket"]
    assert bucket.startswith("examplestack-bucket-") and len(bucket) <= 63
    assert deployed.attributes[("Bucket", "Arn")] == f"arn:aws:s3:::{bucket}"
    assert deployed.attributes[("Profile", "Arn")] == "arn:aws:appflow:us-east-1:123456789012:connectorprofile/kb"
    di_id = deployed.refs["Articles"]
    assert (
        deployed.attributes[("Articles", "Arn")]
        == f"arn:aws:app-integrations:us-east-1:123456789012:data-integration/{di_id}"
    )
    assert deployed.attributes[("Role", "Arn")].startswith("arn:aws:")
    assert resolve({"Ref": "KeyArn"}, deployed) == "arn:aws:kms:us-east-1:123456789012:key/p"


def test_ids_are_stable_per_logical_id_and_differ_between_resources() -> None:
    first, second = deployed_for(TEMPLATE), deployed_for(TEMPLATE)
    assert first == second
    assert first.refs["Key"] != first.refs["Articles"]
    other_stack = deployed_for(TEMPLATE, stack_id=STACK_ID.replace("us-east-1", "eu-west-1"))
    assert other_stack.attributes[("Key", "Arn")].startswith("arn:aws:kms:eu-west-1:")
