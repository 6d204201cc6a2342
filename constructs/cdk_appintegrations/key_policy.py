"""The key-policy statements services need: Amazon Connect on an assistant's key, AppIntegrations on a bucket's."""

from aws_cdk import Aws
from aws_cdk import aws_iam as iam

CONNECT_PRINCIPAL = "connect.amazonaws.com"
CONNECT_KEY_ACTIONS = ("kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey")
CONNECT_KEY_SID = "AllowAmazonConnectToUseTheAssistantKey"
APP_INTEGRATIONS_PRINCIPAL = "app-integrations.amazonaws.com"
BUCKET_KEY_ACTIONS = ("kms:Decrypt",)
BUCKET_KEY_SID = "AllowAppIntegrationsToReadTheBucket"


def connect_statement() -> iam.PolicyStatement:
    """Amazon Connect may decrypt, generate data keys with and describe the assistant's key."""
    # To use an assistant with chats, tasks and emails, the key policy of the domain (the assistant) grants the
    # service principal connect.amazonaws.com kms:Decrypt, kms:GenerateDataKey* and kms:DescribeKey, on Resource
    # "*" and with no condition: https://docs.aws.amazon.com/connect/latest/adminguide/enable-q.html ("Use an
    # existing key", "Create an AWS KMS key") and
    # https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-wisdom-assistant-serversideencryptionconfiguration.html
    return iam.PolicyStatement(
        sid=CONNECT_KEY_SID,
        principals=[iam.ServicePrincipal(CONNECT_PRINCIPAL)],
        actions=list(CONNECT_KEY_ACTIONS),
        resources=["*"],
    )


def bucket_key_statement() -> iam.PolicyStatement:
    """AppIntegrations, for this account only, may decrypt what S3 read for it from an SSE-KMS source bucket."""
    # AppIntegrations reads an S3 source as its service principal, which the bucket policy must allow
    # (https://docs.aws.amazon.com/amazon-q-connect/latest/APIReference/API_AppIntegrationsConfiguration.html); an
    # SSE-KMS object is read only by a requester allowed kms:Decrypt on its key
    # (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html, "Permissions"). Neither the
    # AppIntegrations nor the Amazon Q in Connect documentation gives the key-policy statement: this one follows the
    # bucket policy's principal and aws:SourceAccount condition, as the statement CloudFront documents for its own
    # service principal on an SSE-KMS bucket's key does with aws:SourceArn
    # (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html).
    return iam.PolicyStatement(
        sid=BUCKET_KEY_SID,
        principals=[iam.ServicePrincipal(APP_INTEGRATIONS_PRINCIPAL)],
        actions=list(BUCKET_KEY_ACTIONS),
        resources=["*"],
        conditions={"StringEquals": {"aws:SourceAccount": Aws.ACCOUNT_ID}},
    )
