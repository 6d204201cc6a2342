"""The app the knowledge-base chain tests synthesize in versions: one stack, a DataIntegration, the knowledge base.

A version is a Spec: the knowledge base's fields, name, description and key, a tag on the stack, the
DataIntegration's description and fixed name. The stack holds two keys in every version, so that a change of
the knowledge base's key changes only what it references.

The upgrade test runs this module with the previous release's packages on PYTHONPATH, in a process of its own:
`python chain_app.py SPEC_JSON OUTDIR` synthesizes there and prints where its packages came from. So it uses
only what that release has too.
"""

import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_kms as kms
from constants import PROFILE

from cdk_appintegrations import DataIntegration, DataIntegrationSource, KnowledgeBase

STACK = "ChainStack"
SALESFORCE_FIELDS = ["Id", "ArticleNumber", "VersionNumber", "Title", "PublishStatus", "IsDeleted"]
# A field the DataIntegration pulls that the first version's knowledge base leaves out.
SUMMARY = "Summary"


@dataclass(frozen=True)
class Spec:
    """One version of the app."""

    object_fields: tuple[str, ...] = tuple(SALESFORCE_FIELDS)
    knowledge_base_name: str = "salesforce-articles"
    description: str | None = None
    # The knowledge base's key: the DataIntegration's ("Key") or its own ("KnowledgeBaseKey").
    own_key: bool = False
    stack_tag: str | None = None
    data_integration_description: str = "Salesforce knowledge articles"
    data_integration_name: str | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "Spec":
        values: dict[str, Any] = json.loads(text)
        return cls(**{**values, "object_fields": tuple(values["object_fields"])})


def build(app: cdk.App, spec: Spec) -> cdk.Stack:
    """The stack of one version."""
    stack = cdk.Stack(app, STACK)
    key = kms.Key(stack, "Key", enable_key_rotation=True)
    own_key = kms.Key(stack, "KnowledgeBaseKey", enable_key_rotation=True)
    articles = DataIntegration(
        stack,
        "Articles",
        kms_key=key,
        source_uri=DataIntegrationSource.appflow(connector="Salesforce", profile=PROFILE),
        data_integration_name=spec.data_integration_name,
        description=spec.data_integration_description,
        object_configuration={"Knowledge__kav": {"fields": [*SALESFORCE_FIELDS, SUMMARY]}},
        tags={"team": "cx"},
    )
    KnowledgeBase(
        stack,
        "KnowledgeBase",
        data_integration=articles,
        knowledge_base_name=spec.knowledge_base_name,
        description=spec.description,
        object_fields=list(spec.object_fields),
        kms_key=own_key if spec.own_key else None,
    )
    if spec.stack_tag is not None:
        cdk.Tags.of(stack).add("stage", spec.stack_tag)
    return stack


def synthesize(spec: Spec, outdir: Path) -> dict[str, Any]:
    """Synthesize one version into outdir, with asset paths in the metadata as `cdk synth` writes them: its template."""
    app = cdk.App(outdir=str(outdir), context={"aws:cdk:enable-asset-metadata": True})
    build(app, spec)
    app.synth()
    template: dict[str, Any] = json.loads((outdir / f"{STACK}.template.json").read_text())
    return template


if __name__ == "__main__":
    synthesize(Spec.from_json(sys.argv[1]), Path(sys.argv[2]))
    import cdk_appintegrations
    import cdk_appintegrations_handler

    print(json.dumps([cdk_appintegrations.__file__, cdk_appintegrations_handler.__file__]))
