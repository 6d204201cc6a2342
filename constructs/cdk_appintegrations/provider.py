"""The one handler Lambda per stack that every DataIntegration in it shares."""

import weakref
from typing import cast

import jsii
from aws_cdk import Acknowledgment, CfnResource, Duration, RemovalPolicy, Stack, TagManager, Validations
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_logs as logs
from constructs import Construct, IValidation

from cdk_appintegrations_handler.contract import ENTRY_POINT, TAGS

from .arns import pseudo_parameters
from .asset import handler_asset_dir
from .environment import Environment
from .names import Names
from .permissions import BUCKET_ACTIONS, Grant, handler_grants
from .registry import once_per
from .validation import problems

PROVIDER_ID = "AppIntegrationsDataIntegrationProvider"
HANDLER_TIMEOUT = Duration.minutes(2)
# Longer than the handler's timeout, so CloudFormation waits for the handler, but a
# lost response fails the stack in minutes rather than the default hour.
SERVICE_TIMEOUT_S = 300


DEFAULT_MEMORY_MIB = 256
MEMORY_MIB = range(128, 10_241)


class DataIntegrationProvider(Construct):
    """The role, log group and handler function that every DataIntegration of a stack shares.

    Created with the defaults on a stack's first DataIntegration; ``configure`` sets it up otherwise.
    """

    @classmethod
    def of(cls, scope: Construct) -> "DataIntegrationProvider":
        """The provider of scope's stack, created with the defaults on first use.

        :param scope: any construct of the stack.
        """
        stack = scope if isinstance(scope, Stack) else Stack.of(scope)
        return once_per(_PROVIDERS, stack, lambda: cls(stack, PROVIDER_ID))

    @classmethod
    def configure(
        cls,
        scope: Construct,
        *,
        runtime: lambda_.Runtime | None = None,
        memory_size: int | None = None,
        log_retention: logs.RetentionDays | None = None,
        log_removal_policy: RemovalPolicy | None = None,
    ) -> "DataIntegrationProvider":
        """Set up the handler of scope's stack; call it before the stack's first DataIntegration.

        Changing the runtime or the memory updates the function in place; no DataIntegration is replaced.

        :param scope: any construct of the stack, or the stack.
        :param runtime: the Lambda runtime. Default: ``Runtime.PYTHON_3_14``. A Python runtime.
        :param memory_size: MiB. Default: 256. From 128 to 10,240.
        :param log_retention: how long the log group keeps events. Default: ``RetentionDays.ONE_YEAR``.
        :param log_removal_policy: what happens to the log group when it leaves the stack. Default:
            ``RemovalPolicy.RETAIN`` (the log group outlives the stack; delete it by hand).
        """
        stack = scope if isinstance(scope, Stack) else Stack.of(scope)
        if stack in _PROVIDERS:
            raise ValueError(
                f"DataIntegrationProvider.configure: {stack.node.path} already has its handler; "
                "configure it before the stack's first DataIntegration"
            )
        provider = _PROVIDERS[stack] = cls(
            stack,
            PROVIDER_ID,
            runtime=runtime,
            memory_size=memory_size,
            log_retention=log_retention,
            log_removal_policy=log_removal_policy,
        )
        return provider

    def __init__(
        self,
        scope: Stack,
        construct_id: str,
        *,
        runtime: lambda_.Runtime | None = None,
        memory_size: int | None = None,
        log_retention: logs.RetentionDays | None = None,
        log_removal_policy: RemovalPolicy | None = None,
    ) -> None:
        """Use ``of`` or ``configure``: a stack has one provider, under the construct id they give it.

        :param scope: the stack.
        :param construct_id: the provider's construct id.
        :param runtime: see ``configure``.
        :param memory_size: see ``configure``.
        :param log_retention: see ``configure``.
        :param log_removal_policy: see ``configure``.
        """
        runtime = runtime or lambda_.Runtime.PYTHON_3_14
        if runtime.family != lambda_.RuntimeFamily.PYTHON:
            raise ValueError(f"runtime: the handler is Python; give a Python runtime, got {runtime.name}")
        memory_size = memory_size or DEFAULT_MEMORY_MIB
        if memory_size not in MEMORY_MIB:
            raise ValueError(f"memory_size: must be from 128 to 10240 MiB, got {memory_size}")
        super().__init__(scope, construct_id)
        self.environment = Environment.of(scope)
        self.names = Names.of(scope.node.root)
        self.policy = iam.PolicyDocument()
        self.role = iam.Role(
            self,
            "Role",
            assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
            description="Handler of Custom::AppIntegrationsDataIntegration resources",
            inline_policies={"DataIntegrations": self.policy},
        )
        self._validations = Validations.of(self.role)
        self.log_group = logs.LogGroup(
            self,
            "Logs",
            retention=log_retention or logs.RetentionDays.ONE_YEAR,
            removal_policy=log_removal_policy or RemovalPolicy.RETAIN,
        )
        self.function = lambda_.Function(
            self,
            "Handler",
            runtime=runtime,
            architecture=lambda_.Architecture.ARM_64,
            handler=ENTRY_POINT,
            code=lambda_.Code.from_asset(str(handler_asset_dir())),
            timeout=HANDLER_TIMEOUT,
            memory_size=memory_size,
            role=self.role,
            log_group=self.log_group,
            description="Creates, updates and deletes Amazon AppIntegrations DataIntegrations",
            # CloudFormation invokes the function asynchronously. Lambda would run a timed-out event twice more,
            # minutes later, after CloudFormation's rollback removed what it made, and could keep an event queued
            # for six hours: no retry, and no event older than the custom resource's ServiceTimeout.
            # https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
            retry_attempts=0,
            max_event_age=Duration.seconds(SERVICE_TIMEOUT_S),
        )
        # The function already references the role; with inline policies the DependsOn adds nothing.
        cast(CfnResource, self.function.node.default_child).add_deletion_override("DependsOn")
        self.service_token: str = self.function.function_arn
        self._grant(Grant(("logs:CreateLogStream", "logs:PutLogEvents"), (self.log_group.log_group_arn,)))
        for grant in handler_grants():
            self._grant(grant)
        self._buckets: set[str] = set()
        self._bucket_statement: iam.PolicyStatement | None = None

    def _grant(self, grant: Grant) -> None:
        """Add one statement to the role's inline policy.

        A resource that must stay a wildcard comes with the reason, which acknowledges
        cdk-nag's AwsSolutions-IAM5 finding for exactly that resource.

        :param grant: the statement, and the reason for a wildcard resource.
        """
        conditions = {op: dict(values) for op, values in grant.conditions.items()} if grant.conditions else None
        self.policy.add_statements(
            iam.PolicyStatement(actions=list(grant.actions), resources=list(grant.resources), conditions=conditions)
        )
        if grant.wildcard is not None:
            for resource in grant.resources:
                finding = f"AwsSolutions-IAM5[Resource::{_nag_form(resource)}]"
                self._validations.acknowledge(Acknowledgment(id=finding, reason=grant.wildcard))

    def _add_bucket(self, bucket_arn: str) -> None:
        """Let the handler set up an S3 source bucket; every bucket is a resource of one statement.

        :param bucket_arn: the bucket's ARN.
        """
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
    """Checks one DataIntegration's final tags, Tags.of() included, at synth, naming its path."""

    def __init__(self, path: str, tags: TagManager) -> None:
        self._path = path
        self._tags = tags

    def validate(self) -> list[str]:
        values = self._tags.tag_values()
        return [f"DataIntegration {self._path}: {problem}" for problem in problems({TAGS: values})] if values else []


# One provider per stack; a dict lookup instead of jsii round trips for every DataIntegration.
_PROVIDERS: "weakref.WeakKeyDictionary[Stack, DataIntegrationProvider]" = weakref.WeakKeyDictionary()


def _nag_form(resource: str) -> str:
    """A resource as cdk-nag names it in a finding: pseudo parameters become <AWS::Name>."""
    for name, token in pseudo_parameters().items():
        resource = resource.replace(token, f"<AWS::{name}>")
    return resource
