"""The one handler Lambda per stack that every DataIntegration in it shares."""

import re
import weakref
from typing import cast

import jsii
from aws_cdk import Acknowledgment, CfnResource, Duration, Stack, TagManager, Validations
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from cdk_appintegrations_handler.contract import ENTRY_POINT, TAGS

from constructs import Construct, IValidation

from .arns import pseudo_parameters
from .asset import handler_asset_dir
from .environment import Environment
from .names import Names
from .permissions import BUCKET_ACTIONS, Grant, handler_grants
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

    def __init__(self, scope: Stack, construct_id: str) -> None:
        super().__init__(scope, construct_id)
        self.environment = Environment.of(scope)
        self.names = Names.of(scope.node.root)
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
        self.grant(Grant(("logs:CreateLogStream", "logs:PutLogEvents"), (self.log_group.log_group_arn,)))
        for grant in handler_grants():
            self.grant(grant)
        self._buckets: set[str] = set()
        self._bucket_statement: iam.PolicyStatement | None = None

    def grant(self, grant: Grant) -> None:
        """Add one statement to the role's inline policy.

        A resource that must stay a wildcard comes with the reason, which acknowledges
        cdk-nag's AwsSolutions-IAM5 finding for exactly that resource.
        """
        conditions = {op: dict(values) for op, values in grant.conditions.items()} if grant.conditions else None
        self.policy.add_statements(
            iam.PolicyStatement(actions=list(grant.actions), resources=list(grant.resources), conditions=conditions)
        )
        if grant.wildcard is not None:
            for resource in grant.resources:
                finding = f"AwsSolutions-IAM5[Resource::{_nag_form(resource)}]"
                self._validations.acknowledge(Acknowledgment(id=finding, reason=grant.wildcard))

    def add_bucket(self, bucket_arn: str) -> None:
        """Let the handler set up an S3 source bucket; every bucket is a resource of one statement."""
        if bucket_arn in self._buckets:
            return
        self._buckets.add(bucket_arn)
        if self._bucket_statement is None:
            self._bucket_statement = iam.PolicyStatement(actions=list(BUCKET_ACTIONS), resources=[bucket_arn])
            self.policy.add_statements(self._bucket_statement)
        else:
            self._bucket_statement.add_resources(bucket_arn)


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


def _nag_form(resource: str) -> str:
    """A resource as cdk-nag names it in a finding: pseudo parameters become <AWS::Name>."""
    for name, token in pseudo_parameters().items():
        resource = resource.replace(token, f"<AWS::{name}>")
    return resource
