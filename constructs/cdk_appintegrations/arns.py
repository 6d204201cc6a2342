"""ARNs in the stack's own partition, region and account, written with pseudo-parameter tokens."""

from functools import cache

from aws_cdk import Aws


@cache
def pseudo_parameters() -> dict[str, str]:
    """The tokens of AWS::Partition, AWS::Region, AWS::AccountId and AWS::StackId, read from jsii once per process."""
    return {"Partition": Aws.PARTITION, "Region": Aws.REGION, "AccountId": Aws.ACCOUNT_ID, "StackId": Aws.STACK_ID}


def arn(service: str, resource: str) -> str:
    """An ARN in the stack's partition, region and account."""
    pseudo = pseudo_parameters()
    return f"arn:{pseudo['Partition']}:{service}:{pseudo['Region']}:{pseudo['AccountId']}:{resource}"


def bucket_arn(bucket_name: str) -> str:
    """An S3 bucket's ARN in the stack's partition; bucket ARNs name no region or account."""
    return f"arn:{pseudo_parameters()['Partition']}:s3:::{bucket_name}"
