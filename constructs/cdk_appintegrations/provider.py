"""The one handler Lambda per stack that every DataIntegration in it shares."""

import re
from collections.abc import Sequence
from typing import cast

from aws_cdk import Acknowledgment, Aws, CfnResource, Duration, Stack, Validations
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs

from constructs import Construct

from .asset import handler_asset_dir
from .handler.contract import ENTRY_POINT

PROVIDER_ID = "AppIntegrationsDataIntegrationProvider"
HANDLER_TIMEOUT = Duration.minutes(2)
# Longer than the handler's timeout, so CloudFormation waits for the handler, but a
# lost response fails the stack in minutes rather than the default hour.
SERVICE_TIMEOUT = Duration.minutes(5)


def newest_python_runtime() -> lambda_.Runtime:
    """The newest Python runtime the installed aws-cdk-lib knows."""
    names = [n for n in dir(lambda_.Runtime) if re.fullmatch(r"PYTHON_3_\d+", n)]
    newest = max(names, key=lambda n: int(n.rsplit("_", 1)[1]))
    runtime: lambda_.Runtime = getattr(lambda_.Runtime, newest)
    return runtime


class DataIntegrationProvider(Construct):
    """Role, log group and handler function of Custom::AppIntegrationsDataIntegration."""

    @classmethod
    def of(cls, scope: Construct) -> "DataIntegrationProvider":
        """The stack's provider, created on first use."""
        stack = Stack.of(scope)
        existing = stack.node.try_find_child(PROVIDER_ID)
        if isinstance(existing, DataIntegrationProvider):
            return existing
        return cls(stack, PROVIDER_ID)

    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        self._granted: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
        self.policy = iam.PolicyDocument()
        self.role = iam.Role(
            self,
            "Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description="Handler of Custom::AppIntegrationsDataIntegration resources",
            inline_policies={"DataIntegrations": self.policy},
        )
        self.log_group = logs.LogGroup(self, "Logs", retention=logs.RetentionDays.ONE_YEAR)
        self.function = lambda_.Function(
            self,
            "Handler",
            runtime=newest_python_runtime(),
            architecture=lambda_.Architecture.ARM_64,
            handler=ENTRY_POINT,
            code=lambda_.Code.from_asset(str(handler_asset_dir())),
            timeout=HANDLER_TIMEOUT,
            memory_size=256,
            role=self.role,
            log_group=self.log_group,
            description="Creates, updates and deletes Amazon AppIntegrations DataIntegrations",
        )
        # The function already references the role; with inline policies the DependsOn adds nothing.
        cast(CfnResource, self.function.node.default_child).add_deletion_override("DependsOn")
        self.grant(["logs:CreateLogStream", "logs:PutLogEvents"], [self.log_group.log_group_arn])
        self.grant(
            [
                "app-integrations:CreateDataIntegration",
                "app-integrations:UpdateDataIntegration",
                "app-integrations:DeleteDataIntegration",
                "app-integrations:TagResource",
                "app-integrations:UntagResource",
            ],
            [self.arn("app-integrations", "data-integration/*")],
            wildcard="Ids are assigned by AppIntegrations at create time; scoped to this account and region.",
        )

    @property
    def service_token(self) -> str:
        """The handler's ARN, for a custom resource's ServiceToken."""
        return self.function.function_arn

    def grant(self, actions: Sequence[str], resources: Sequence[str], wildcard: str | None = None) -> None:
        """Add one statement to the role's inline policy, once.

        A resource that must stay a wildcard comes with the reason, which acknowledges
        cdk-nag's AwsSolutions-IAM5 finding for exactly that resource.
        """
        key = (tuple(actions), tuple(resources))
        if key in self._granted:
            return
        self._granted.add(key)
        self.policy.add_statements(iam.PolicyStatement(actions=list(actions), resources=list(resources)))
        if wildcard is not None:
            for resource in resources:
                finding = f"AwsSolutions-IAM5[Resource::{_nag_form(resource)}]"
                Validations.of(self.role).acknowledge(Acknowledgment(id=finding, reason=wildcard))

    @staticmethod
    def arn(service: str, resource: str) -> str:
        """An ARN in the stack's partition, region and account."""
        return f"arn:{Aws.PARTITION}:{service}:{Aws.REGION}:{Aws.ACCOUNT_ID}:{resource}"


def _nag_form(resource: str) -> str:
    """A resource as cdk-nag names it in a finding: pseudo parameters become <AWS::Name>."""
    for pseudo in ("Partition", "Region", "AccountId"):
        resource = resource.replace(getattr(Aws, _PSEUDO[pseudo]), f"<AWS::{pseudo}>")
    return resource


_PSEUDO = {"Partition": "PARTITION", "Region": "REGION", "AccountId": "ACCOUNT_ID"}
