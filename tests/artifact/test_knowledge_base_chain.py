"""A DataIntegration and the knowledge base that reads it, through two versions of an app, end to end.

Each version is synthesized; CloudFormation's side (`StackDeployment`) resolves its template, drives the
DataIntegration's custom resource through the synthesized handler and the knowledge base through the Q in Connect
model, which refuses a DataIntegration that a knowledge base used before. A change that replaces the knowledge
base must replace its DataIntegration first, in the same deploy; the cleanup deletes the old knowledge base, then
the old DataIntegration; a rollback returns to the old pair. Nothing else replaces a DataIntegration, and an
upgrade from the previous release replaces and renames nothing, also when the old handler rolls it back.
"""

import copy
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from appintegrations_double import AppIntegrationsDouble
from chain_app import SUMMARY, Spec, synthesize
from cloudformation import create_only
from constants import KEY_ARN, OTHER_KEY_ARN
from knowledge_bases import KnowledgeBases
from lambda_artifact import Artifact
from lambda_harness import Lambda
from moto_services import Moto
from releases import PREVIOUS_RELEASE, PREVIOUS_VERSION, extract, synthesize_chain, synthesize_example
from response_server import ResponseServer
from stack_deployment import KNOWLEDGE_BASE_TYPE, StackDeployment, Version

from cdk_appintegrations.provider import PROVIDER_ID
from cdk_appintegrations_handler import contract
from cdk_appintegrations_handler.contract import KNOWLEDGE_BASE, KNOWLEDGE_BASE_TAG, OWNER_TAG

BASE = Spec()
# What replaces the knowledge base, and so its DataIntegration.
REPLACING = {
    "object fields": replace(BASE, object_fields=(*BASE.object_fields, SUMMARY)),
    "Tags.of the stack": replace(BASE, stack_tag="prod"),
    "name": replace(BASE, knowledge_base_name="salesforce-articles-v2"),
    "description": replace(BASE, description="Articles for agents"),
    "key": replace(BASE, own_key=True),
}
# What replaces nothing.
DESCRIBED = replace(BASE, data_integration_description="Salesforce knowledge articles, v2")

Synthesized = Callable[..., Artifact]


@pytest.fixture(scope="session")
def synthesized(tmp_path_factory: pytest.TempPathFactory) -> Synthesized:
    """Synthesize a version once per worker: with the installed code, or with the code under a directory."""
    done: dict[tuple[Spec, Path | None], Artifact] = {}

    def synth(spec: Spec, code: Path | None = None) -> Artifact:
        if (spec, code) not in done:
            outdir = tmp_path_factory.mktemp("chain")
            template = synthesize(spec, outdir) if code is None else synthesize_chain(code, spec, outdir)
            done[spec, code] = Artifact(outdir, template)
        return done[spec, code]

    return synth


@pytest.fixture(scope="session")
def previous_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The previous release's packages and example app, from git."""
    code = extract(PREVIOUS_RELEASE, tmp_path_factory.mktemp("previous-release"))
    version = (code / "constructs" / "cdk_appintegrations" / "__init__.py").read_text()
    assert f'__version__ = "{PREVIOUS_VERSION}"' in version
    return code


@pytest.fixture
def version_of(
    synthesized: Synthesized, runtime: Path, double: AppIntegrationsDouble, responses: ResponseServer, moto: Moto
) -> Callable[..., Version]:
    """A version of the app: its template, and its handler function wired to the doubles."""

    def version(spec: Spec, code: Path | None = None) -> Version:
        artifact = synthesized(spec, code)
        (logical_id, *_) = artifact.data_integrations()
        endpoint = double.url  # type: ignore[attr-defined]
        function = Lambda(artifact.handler_of(logical_id), runtime, endpoint, responses, moto.url)
        return Version(artifact.template, function)

    return version


@pytest.fixture
def stack(double: AppIntegrationsDouble, synthesized: Synthesized) -> Iterator[StackDeployment]:
    template = synthesized(BASE).template
    keys = {
        logical_id: OTHER_KEY_ARN if logical_id.startswith("KnowledgeBaseKey") else KEY_ARN
        for logical_id, resource in template["Resources"].items()
        if resource["Type"] == "AWS::KMS::Key"
    }
    yield StackDeployment(KnowledgeBases(double), keys, create_only(KNOWLEDGE_BASE_TYPE))


def logical_ids(stack: StackDeployment) -> tuple[str, str]:
    """The logical ids of the DataIntegration and of the knowledge base."""
    assert stack.version is not None
    resources = stack.version.template["Resources"]
    (di,) = [k for k, r in resources.items() if r["Type"] == contract.RESOURCE_TYPE]
    (kb,) = [k for k, r in resources.items() if r["Type"] == KNOWLEDGE_BASE_TYPE]
    return di, kb


def held(stack: StackDeployment, double: AppIntegrationsDouble) -> tuple[dict[str, Any], str]:
    """The one DataIntegration and the one knowledge base that exist: those CloudFormation holds, the one on the
    other. Returns the DataIntegration's record and the knowledge base's Id."""
    di, kb = logical_ids(stack)
    assert list(double.state.integrations) == [stack.physical_id(di)]
    assert list(stack.knowledge_bases.held) == [stack.physical_id(kb)]
    assert stack.knowledge_bases.reading(stack.physical_id(di)) == [stack.physical_id(kb)]
    record = copy.deepcopy(double.state.integrations[stack.physical_id(di)])  # as it is now
    # Whose it is, without the request that wrote it: a rollback that reclaims one writes its own.
    record["Tags"][OWNER_TAG] = record["Tags"][OWNER_TAG].split(":")[0]
    props = stack.custom[di].props
    assert props is not None
    assert record["Tags"].get(KNOWLEDGE_BASE_TAG) == props.get(KNOWLEDGE_BASE)
    assert record["Description"] == props["Description"]
    return record, stack.physical_id(kb)


def steps_since(stack: StackDeployment, start: int) -> list[tuple[str, str, str]]:
    """The steps taken since start, each with the kind of resource rather than its logical id."""
    di, _ = logical_ids(stack)
    return [(s.action, "DI" if s.logical_id == di else "KB", s.physical_id) for s in stack.steps[start:]]


@pytest.mark.parametrize("outcome", ["complete", "rollback"])
@pytest.mark.parametrize("change", REPLACING.values(), ids=REPLACING.keys())
def test_what_replaces_the_knowledge_base_replaces_its_data_integration_first_and_a_rollback_returns_to_the_old_pair(
    change: Spec,
    outcome: str,
    stack: StackDeployment,
    version_of: Callable[..., Version],
    double: AppIntegrationsDouble,
) -> None:
    stack.create(version_of(BASE))
    (old, old_kb), start = held(stack, double), len(stack.steps)
    assert stack.update(version_of(change)) is None
    di, kb = (stack.physical_id(k) for k in logical_ids(stack))
    assert di != old["Id"] and kb != old_kb
    assert double.state.integrations[di]["Name"] != old["Name"]
    # The new DataIntegration, before the knowledge base that reads it.
    replaced = [("update", "DI", di), ("create", "KB", kb)]
    if outcome == "complete":
        stack.complete()  # the cleanup: the old knowledge base, then its DataIntegration
        assert steps_since(stack, start) == [*replaced, ("delete", "KB", old_kb), ("delete", "DI", old["Id"])]
        new, _ = held(stack, double)
        assert new["Tags"][KNOWLEDGE_BASE_TAG] != old["Tags"][KNOWLEDGE_BASE_TAG]
    else:
        stack.rollback()  # a later resource failed: the old DataIntegration; the cleanup deletes the new pair
        rolled_back = [("update", "DI", old["Id"]), ("delete", "KB", kb), ("delete", "DI", di)]
        assert steps_since(stack, start) == [*replaced, *rolled_back]
        assert held(stack, double) == (old, old_kb)


def test_a_change_of_the_data_integrations_description_alone_replaces_nothing(
    stack: StackDeployment, version_of: Callable[..., Version], double: AppIntegrationsDouble
) -> None:
    stack.create(version_of(BASE))
    (old, old_kb), start = held(stack, double), len(stack.steps)
    assert stack.update(version_of(DESCRIBED)) is None
    stack.complete()
    assert steps_since(stack, start) == [("update", "DI", old["Id"])]
    new, kb = held(stack, double)
    assert (new["Id"], new["Name"], kb) == (old["Id"], old["Name"], old_kb)
    assert new["Description"] == DESCRIBED.data_integration_description


def test_a_fixed_name_is_refused_naming_the_knowledge_base_change_and_rolled_back_in_place(
    stack: StackDeployment, version_of: Callable[..., Version], double: AppIntegrationsDouble
) -> None:
    fixed = replace(BASE, data_integration_name="articles")
    stack.create(version_of(fixed))
    (old, old_kb), start = held(stack, double), len(stack.steps)
    reason = stack.update(version_of(replace(REPLACING["object fields"], data_integration_name="articles")))
    assert reason == (
        "KnowledgeBase: its knowledge base is replaced (name, description, tags, fields or key changed), which "
        "replaces this data integration too, but data_integration_name 'articles' stays; leave "
        "data_integration_name unset or set a new one"
    )
    assert steps_since(stack, start) == [("update", "DI", old["Id"])]  # the rollback, in place
    assert held(stack, double) == (old, old_kb)


@pytest.fixture
def released(stack: StackDeployment, version_of: Callable[..., Version], previous_release: Path) -> StackDeployment:
    """The stack as the previous release deployed it."""
    stack.create(version_of(BASE, previous_release))
    return stack


def test_an_upgrade_replaces_and_renames_nothing_and_the_old_handler_rolls_it_back_in_place(
    released: StackDeployment, version_of: Callable[..., Version], double: AppIntegrationsDouble
) -> None:
    stack = released
    (old, old_kb), start = held(stack, double), len(stack.steps)
    assert KNOWLEDGE_BASE_TAG not in old["Tags"]
    upgrade = version_of(BASE)
    assert stack.update(upgrade) is None
    upgraded, kb = held(stack, double)
    assert (upgraded["Id"], upgraded["Name"], kb) == (old["Id"], old["Name"], old_kb)
    assert upgraded["Tags"][KNOWLEDGE_BASE_TAG]  # the binding, recorded in place
    stack.rollback()  # through the previous release's function
    assert steps_since(stack, start) == [("update", "DI", old["Id"]), ("update", "DI", old["Id"])]
    assert held(stack, double) == (old, old_kb)
    assert set(old["Tags"]) == {"team", OWNER_TAG}


@pytest.mark.parametrize("outcome", ["complete", "rollback"])
def test_after_an_upgrade_a_knowledge_base_change_replaces_the_data_integration_named_before(
    outcome: str, released: StackDeployment, version_of: Callable[..., Version], double: AppIntegrationsDouble
) -> None:
    stack = released
    assert stack.update(version_of(BASE)) is None
    stack.complete()
    (old, old_kb), start = held(stack, double), len(stack.steps)
    assert stack.update(version_of(REPLACING["object fields"])) is None
    di, kb = (stack.physical_id(k) for k in logical_ids(stack))
    assert di != old["Id"]
    getattr(stack, outcome)()
    if outcome == "rollback":  # the one named before the binding is found by that name, and kept
        assert steps_since(stack, start)[2:] == [
            ("update", "DI", old["Id"]),
            ("delete", "KB", kb),
            ("delete", "DI", di),
        ]
        assert held(stack, double) == (old, old_kb)
    else:
        assert steps_since(stack, start)[2:] == [("delete", "KB", old_kb), ("delete", "DI", old["Id"])]
        held(stack, double)


def test_an_upgrade_changes_no_knowledge_base_template_and_only_adds_the_binding(
    previous_release: Path, tmp_path: Path
) -> None:
    """The example app, whose knowledge base is in another stack: the upgrade's templates against the release's.

    The handler's own resources (its function, role and their settings) are updated in place and may change.
    """
    before = synthesize_example(previous_release, tmp_path / "before")
    after = synthesize_example(None, tmp_path / "after")
    assert before["AppIntegrationsKnowledgeBase"] == after["AppIntegrationsKnowledgeBase"]
    resources = {
        name: {
            k: r for k, r in template["AppIntegrationsExample"]["Resources"].items() if not k.startswith(PROVIDER_ID)
        }
        for name, template in (("before", before), ("after", after))
    }
    for logical_id, resource in resources["after"].items():
        previous = resources["before"][logical_id]
        if resource["Type"] == contract.RESOURCE_TYPE:
            binding = resource["Properties"].pop(KNOWLEDGE_BASE)
            assert re.fullmatch(r"[0-9a-f]{16}", binding)
        if resource["Type"] == "AWS::Lambda::Function":  # the new handler's code
            for r in (resource, previous):
                r["Properties"]["Code"].pop("S3Key")
                r.get("Metadata", {}).pop("aws:asset:path", None)
        assert resource == previous, logical_id
    assert set(resources["after"]) == set(resources["before"])
