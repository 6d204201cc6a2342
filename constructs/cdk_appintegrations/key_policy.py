"""The key-policy statement Amazon Connect needs on an assistant's key."""

from aws_cdk import aws_iam as iam

CONNECT_PRINCIPAL = "connect.amazonaws.com"
CONNECT_KEY_ACTIONS = ("kms:Decrypt", "kms:GenerateDataKey*", "kms:DescribeKey")
CONNECT_KEY_SID = "AllowAmazonConnectToUseTheAssistantKey"


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
