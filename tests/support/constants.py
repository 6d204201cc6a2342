"""The ids, ARNs and names the tests share: one account, one region, one stack, two keys."""

ACCOUNT = "123456789012"
REGION = "us-east-1"
STACK_NAME = "ExampleStack"
STACK_ID = f"arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/{STACK_NAME}/6f1c2a40-8d2b-11f0-9c1a-0a1b2c3d4e5f"
# The same stack deleted and deployed again: same name, new unique id.
NEW_STACK_ID = STACK_ID.replace("6f1c2a40", "9a8b7c6d")
SERVICE_TOKEN = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{STACK_NAME}-Handler"
KEY_ARN = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
OTHER_KEY_ARN = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/0987dcba-09fe-87dc-65ba-ab0987654321"
PROFILE = "salesforce-knowledge"  # an AppFlow connector profile for Salesforce, in the double
SOURCE_URI = f"Salesforce://AppFlow/{PROFILE}"
LOGICAL_ID = "Articles"
