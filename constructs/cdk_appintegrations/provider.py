"""The one handler Lambda per stack that every DataIntegration in it shares."""

import re
import weakref
from collections.abc import Sequence
from functools import cache
from typing import cast

import jsii
from aws_cdk import Acknowledgment, Aws, CfnResource, Duration, Stack, TagManager, Validations
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs

from constructs import Construct, IValidation

from .asset import handler_asset_dir
from .handler.contract import ENTRY_POINT, TAGS
from .validation import problems

PROVIDER_ID = "AppIntegrationsDataIntegrationProvider"
HANDLER_TIMEOUT = Duration.minutes(2)
# Longer than the handler's timeout, so CloudFormation waits for the handler, but a
# lost response fails the stack in minutes rather than the default hour.
SERVICE_TIMEOUT_S = 300


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
        stack = scope if isinstance(scope, Stack) else Stack.of(scope)
        provider = _PROVIDERS.get(stack)
        if provider is None:
            provider = _PROVIDERS[stack] = cls(stack, PROVIDER_ID)
        return provider

    def __init__(self, scope: Construct, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        self._granted: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
        self.tag_rules = TagRules()
        self.node.add_validation(self.tag_rules)
        self.policy = iam.PolicyDocument()
        self.role = iam.Role(
            self,
            "Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description="Handler of Custom::AppIntegrationsDataIntegration resources",
            inline_policies={"DataIntegrations": self.policy},
        )
        self._validations = Validations.of(self.role)
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
        self.service_token: str = self.function.function_arn
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
                self._validations.acknowledge(Acknowledgment(id=finding, reason=wildcard))

    @staticmethod
    def arn(service: str, resource: str) -> str:
        """An ARN in the stack's partition, region and account."""
        pseudo = pseudo_parameters()
        return f"arn:{pseudo['Partition']}:{service}:{pseudo['Region']}:{pseudo['AccountId']}:{resource}"


@jsii.implements(IValidation)
class TagRules:
    """Checks the final tags of every DataIntegration of a stack, Tags.of() included, at synth."""

    def __init__(self) -> None:
        self._watched: list[tuple[str, TagManager]] = []

    def watch(self, construct_id: str, tags: TagManager) -> None:
        """Check these tags too."""
        self._watched.append((construct_id, tags))

    def validate(self) -> list[str]:
        found = []
        for construct_id, tags in self._watched:
            values = tags.tag_values()
            found += [f"DataIntegration {construct_id}: {problem}" for problem in problems({TAGS: values}) if values]
        return found


# One provider per stack; a dict lookup instead of jsii round trips for every DataIntegration.
_PROVIDERS: "weakref.WeakKeyDictionary[Stack, DataIntegrationProvider]" = weakref.WeakKeyDictionary()


@cache
def pseudo_parameters() -> dict[str, str]:
    """The tokens of AWS::Partition, AWS::Region and AWS::AccountId, read from jsii once per process."""
    return {"Partition": Aws.PARTITION, "Region": Aws.REGION, "AccountId": Aws.ACCOUNT_ID}


def _nag_form(resource: str) -> str:
    """A resource as cdk-nag names it in a finding: pseudo parameters become <AWS::Name>."""
    for name, token in pseudo_parameters().items():
        resource = resource.replace(token, f"<AWS::{name}>")
    return resource
