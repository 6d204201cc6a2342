"""CloudFormation's side of a whole stack through versions of its template: create, update, cleanup, rollback.

It follows CloudFormation's documented order. A stack operation takes the resources in dependency order (Ref,
Fn::GetAtt, DependsOn), each one's properties resolved against what is deployed so far. A custom resource whose
resolved properties changed gets an Update, through the function of the template being deployed (CloudFormation
updates the function before the resource that names it); one that answers a new physical id is replaced. A
knowledge base one of whose create-only properties changed is replaced: the new one is created now, on what its
properties resolve to. When the operation completes, the cleanup deletes what it replaced, in reverse dependency
order: the old knowledge base, then the old DataIntegration. A failed operation is rolled back: each resource it
updated goes back to its previous properties, in dependency order, through the function of the previous template;
the cleanup then deletes, in reverse order, what the operation created.

DataIntegrations run through their handler (`CustomResource`), knowledge bases through the Q in Connect model
(`KnowledgeBases`); every other resource is made up (`deployed_for`) and kept, as the apps driven here change
none of their create-only properties.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from cloudformation import Deployed, deployed_for, resolve, resource_properties
from constants import STACK_ID
from custom_resource import CustomResource
from knowledge_bases import KnowledgeBaseError, KnowledgeBases
from lambda_harness import Invocation, Lambda

from cdk_appintegrations_handler.contract import ATTR_ARN, ATTR_ID, ATTR_NAME, RESOURCE_TYPE

KNOWLEDGE_BASE_TYPE = "AWS::Wisdom::KnowledgeBase"


@dataclass(frozen=True)
class Version:
    """One synthesized version of the stack: its template, and the function its handler runs in."""

    template: dict[str, Any]
    function: Lambda


@dataclass(frozen=True)
class Step:
    """What CloudFormation did to one resource: create, update or delete, and the physical id it then held."""

    action: str
    logical_id: str
    physical_id: str


class StepError(Exception):
    """A resource's step failed: the message is its reason."""


@dataclass
class _Touched:
    """A knowledge base the operation in progress changed: what it had before, and what it replaced."""

    properties: dict[str, Any]
    physical_id: str
    replaced: bool


@dataclass
class StackDeployment:
    """One stack: its deployed resources, the operation in progress, and every step taken, in order.

    keys gives the key ARNs the made-up KMS keys resolve to, by logical id. create_only gives the create-only
    properties of the knowledge-base type, from its registry schema.
    """

    knowledge_bases: KnowledgeBases
    keys: Mapping[str, str]
    create_only: frozenset[str]
    steps: list[Step] = field(default_factory=list)
    version: Version | None = None
    previous: Version | None = None
    refs: dict[str, str] = field(default_factory=dict)
    attributes: dict[tuple[str, str], str] = field(default_factory=dict)
    custom: dict[str, CustomResource] = field(default_factory=dict)
    knowledge_base_props: dict[str, dict[str, Any]] = field(default_factory=dict)
    touched: dict[str, _Touched] = field(default_factory=dict)

    # --- operations -------------------------------------------------------------------------------
    def create(self, version: Version) -> None:
        """Create the stack; every resource must succeed."""
        made_up = deployed_for(version.template, stack_id=STACK_ID)
        self.refs.update(made_up.refs)
        self.attributes.update(made_up.attributes)
        for logical_id, key_arn in self.keys.items():
            self.refs[logical_id] = key_arn.rsplit("/", 1)[1]
            self.attributes[(logical_id, "Arn")] = key_arn
        self.version = version
        for logical_id, resource in self._resources(version):
            if resource["Type"] == RESOURCE_TYPE:
                custom = self.custom[logical_id] = CustomResource(
                    version.function.invoke, logical_id=logical_id, stack_id=STACK_ID
                )
                self._held(logical_id, "create", custom.create(self._custom_props(resource)))
            elif resource["Type"] == KNOWLEDGE_BASE_TYPE:
                self._create_knowledge_base(logical_id, resource)

    def update(self, version: Version) -> str | None:
        """Update the stack to version: None once every resource succeeded (then `complete` or `rollback`);
        else the reason of the step that failed, after CloudFormation's rollback and its cleanup."""
        # Resources this model does not drive (the handler's own, updated in place) may come and go.
        assert self.version is not None and _driven(version) == _driven(self.version), (
            "the versions driven here have the same DataIntegrations and knowledge bases"
        )
        self.previous, self.version, self.touched = self.version, version, {}
        for custom in self.custom.values():
            custom.operation = ""  # this operation has not touched it yet
        try:
            for logical_id, resource in self._resources(version):
                self._update_one(logical_id, resource, version)
        except StepError as failure:
            self.rollback()
            return str(failure)
        return None

    def complete(self) -> None:
        """The operation completed: the cleanup deletes what it replaced, in reverse dependency order."""
        assert self.previous is not None
        for logical_id, _ in reversed(list(self._resources(self.previous))):
            self._clean_up(logical_id)
        self.touched = {}

    def rollback(self) -> None:
        """Roll the operation back through the previous template's function; then the cleanup."""
        assert self.previous is not None
        for logical_id, _ in self._resources(self.previous):
            if logical_id in self.custom and self.custom[logical_id].operation == "Update":
                custom = self.custom[logical_id]
                custom.invoke = self.previous.function.invoke
                run = custom.rollback()
                assert run.response["Status"] == "SUCCESS", (run.response, run.logs)
                self._held(logical_id, "update", run)
            elif logical_id in self.touched:
                self._restore_knowledge_base(logical_id)
        self.version = self.previous
        for logical_id, _ in reversed(list(self._resources(self.previous))):
            self._clean_up(logical_id)
        self.touched = {}

    # --- what is held -------------------------------------------------------------------------------
    def physical_id(self, logical_id: str) -> str:
        """The physical id CloudFormation holds for a resource."""
        return self.refs[logical_id]

    def deployed(self) -> Deployed:
        """The stack as deployed so far, to resolve a template against."""
        return Deployed(refs=self.refs, attributes=self.attributes, stack_id=STACK_ID)

    # --- one resource -------------------------------------------------------------------------------
    def _update_one(self, logical_id: str, resource: dict[str, Any], version: Version) -> None:
        if resource["Type"] == RESOURCE_TYPE:
            custom = self.custom[logical_id]
            props = self._custom_props(resource)
            if props == custom.props:
                return
            custom.invoke = version.function.invoke
            run = custom.update(props)
            if run.response["Status"] != "SUCCESS":
                raise StepError(run.response["Reason"])
            self._held(logical_id, "update", run)
        elif resource["Type"] == KNOWLEDGE_BASE_TYPE:
            props = resolve(resource["Properties"], self.deployed())
            old = self.knowledge_base_props[logical_id]
            if props == old:
                return
            replaced = any(props.get(name) != old.get(name) for name in self.create_only)
            before = self.refs[logical_id]
            if replaced:  # a create that fails leaves nothing to roll back
                self._create_knowledge_base(logical_id, resource)
            self.touched[logical_id] = _Touched(old, before, replaced)
            self.knowledge_base_props[logical_id] = props

    def _create_knowledge_base(self, logical_id: str, resource: dict[str, Any]) -> None:
        props = resolve(resource["Properties"], self.deployed())
        try:
            knowledge_base_id = self.knowledge_bases.create(props)
        except KnowledgeBaseError as error:
            raise StepError(f"{logical_id}: {error}") from error
        self.knowledge_base_props[logical_id] = props
        self.refs[logical_id] = knowledge_base_id
        self.attributes[(logical_id, "KnowledgeBaseId")] = knowledge_base_id
        self.attributes[(logical_id, "KnowledgeBaseArn")] = self.knowledge_bases.arn(knowledge_base_id)
        self.steps.append(Step("create", logical_id, knowledge_base_id))

    def _restore_knowledge_base(self, logical_id: str) -> None:
        """Back to the knowledge base it had: a replacement's new one waits for the cleanup."""
        touched = self.touched[logical_id]
        if touched.replaced:
            touched.physical_id = self._swap_knowledge_base(logical_id, touched.physical_id)
        self.knowledge_base_props[logical_id] = touched.properties

    def _swap_knowledge_base(self, logical_id: str, physical_id: str) -> str:
        """Hold physical_id again; return the one held until now."""
        held = self.refs[logical_id]
        self.refs[logical_id] = physical_id
        self.attributes[(logical_id, "KnowledgeBaseId")] = physical_id
        self.attributes[(logical_id, "KnowledgeBaseArn")] = self.knowledge_bases.arn(physical_id)
        return held

    def _clean_up(self, logical_id: str) -> None:
        if logical_id in self.custom:
            for run in self.custom[logical_id].complete():
                assert run.response["Status"] == "SUCCESS", (run.response, run.logs)
                self.steps.append(Step("delete", logical_id, run.response["PhysicalResourceId"]))
        elif logical_id in self.touched and self.touched[logical_id].replaced:
            left = self.touched[logical_id].physical_id
            self.knowledge_bases.delete(left)
            self.steps.append(Step("delete", logical_id, left))

    def _held(self, logical_id: str, action: str, run: Invocation) -> None:
        """What a DataIntegration's handler answered: its physical id and attributes, as CloudFormation keeps them."""
        body = run.response
        assert body["Status"] == "SUCCESS", (body, run.logs)
        self.refs[logical_id] = body["PhysicalResourceId"]
        for attribute in (ATTR_ARN, ATTR_ID, ATTR_NAME):
            self.attributes[(logical_id, attribute)] = body["Data"][attribute]
        self.steps.append(Step(action, logical_id, body["PhysicalResourceId"]))

    def _custom_props(self, resource: dict[str, Any]) -> dict[str, Any]:
        return resource_properties(resource["Properties"], self.deployed())

    def _resources(self, version: Version) -> Iterator[tuple[str, dict[str, Any]]]:
        resources = version.template["Resources"]
        for logical_id in dependency_order(version.template):
            yield logical_id, resources[logical_id]


def _driven(version: Version) -> set[str]:
    """The logical ids of what this model drives: the DataIntegrations and the knowledge bases."""
    return {k for k, r in version.template["Resources"].items() if r["Type"] in (RESOURCE_TYPE, KNOWLEDGE_BASE_TYPE)}


def dependency_order(template: Mapping[str, Any]) -> list[str]:
    """The template's resources, each after those it references or depends on; otherwise in template order."""
    resources = template["Resources"]
    needs = {
        logical_id: _referenced(resource.get("Properties", {}), resources) | set(_depends_on(resource))
        for logical_id, resource in resources.items()
    }
    ordered: list[str] = []
    while len(ordered) < len(resources):
        ready = [lid for lid in resources if lid not in ordered and needs[lid] <= set(ordered)]
        assert ready, f"a dependency cycle among {sorted(set(resources) - set(ordered))}"
        ordered.extend(ready)
    return ordered


def _depends_on(resource: Mapping[str, Any]) -> list[str]:
    depends = resource.get("DependsOn", [])
    return [depends] if isinstance(depends, str) else list(depends)


def _referenced(value: Any, resources: Mapping[str, Any]) -> set[str]:
    """The resources a value references with Ref or Fn::GetAtt."""
    if isinstance(value, list):
        return set().union(*(_referenced(item, resources) for item in value))
    if not isinstance(value, Mapping):
        return set()
    found: set[str] = set()
    if isinstance(value.get("Ref"), str) and value["Ref"] in resources:
        found.add(value["Ref"])
    if isinstance(value.get("Fn::GetAtt"), list) and value["Fn::GetAtt"][0] in resources:
        found.add(value["Fn::GetAtt"][0])
    return found.union(*(_referenced(item, resources) for item in value.values()))
