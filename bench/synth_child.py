"""One synth measurement, in its own process: python synth_child.py VARIANT N OUTDIR.

VARIANT is ours (DataIntegration), floor (a bare CfnResource of the custom resource's type, the properties ours
renders and a literal service token), l1 (CfnDataIntegration) or acr (AwsCustomResource).
Prints one JSON line: build-and-synth wall seconds, CPU seconds of this process and of every process under it
(the jsii runtime's Node.js), template bytes, Lambda functions, asset bytes.
"""

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import aws_cdk as cdk
from aws_cdk import aws_appintegrations as appintegrations
from aws_cdk import custom_resources as cr

from cdk_appintegrations import DataIntegration, ScheduleConfig

KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
SOURCE = "Salesforce://AppFlow/salesforce-knowledge"
SCHEDULE = {"ScheduleExpression": "rate(1 hour)", "Object": "Knowledge__kav", "FirstExecutionFrom": "1700000000000"}
# A Q in Connect knowledge base's Salesforce object, with the fields it needs.
OBJECT = "Knowledge__kav"
OBJECTS = {OBJECT: {"fields": ["Id", "ArticleNumber", "VersionNumber", "Title", "PublishStatus", "IsDeleted"]}}
# The floor's shared provider, a literal: no function, role or asset behind it.
SERVICE_TOKEN = "arn:aws:lambda:us-east-1:123456789012:function:AppIntegrationsDataIntegrationProvider"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def ours(stack: cdk.Stack, i: int) -> None:
    DataIntegration(
        stack,
        f"DI{i}",
        kms_key=KEY_ARN,
        source_uri=SOURCE,
        description=f"Articles {i}",
        schedule_config=ScheduleConfig("rate(1 hour)", object=OBJECT, first_execution_from="1700000000000"),
        object_configuration=OBJECTS,
    )


def floor(stack: cdk.Stack, i: int) -> None:
    cdk.CfnResource(
        stack,
        f"DI{i}",
        type="Custom::AppIntegrationsDataIntegration",
        properties={
            "ServiceToken": SERVICE_TOKEN,
            "ServiceTimeout": "300",
            "Description": f"Articles {i}",
            "KmsKey": KEY_ARN,
            "SourceURI": SOURCE,
            "ScheduleConfig": SCHEDULE,
            "ObjectConfiguration": OBJECTS,
        },
    )


def l1(stack: cdk.Stack, i: int) -> None:
    appintegrations.CfnDataIntegration(
        stack,
        f"DI{i}",
        name=f"articles-{i}",
        kms_key=KEY_ARN,
        source_uri=SOURCE,
        description=f"Articles {i}",
        schedule_config=appintegrations.CfnDataIntegration.ScheduleConfigProperty(
            schedule_expression="rate(1 hour)", object=OBJECT, first_execution_from="1700000000000"
        ),
        object_configuration=OBJECTS,
    )


def acr(stack: cdk.Stack, i: int) -> None:
    request = {
        "Name": f"articles-{i}",
        "KmsKey": KEY_ARN,
        "SourceURI": SOURCE,
        "Description": f"Articles {i}",
        "ScheduleConfig": SCHEDULE,
        "ObjectConfiguration": OBJECTS,
    }
    cr.AwsCustomResource(
        stack,
        f"DI{i}",
        on_create=cr.AwsSdkCall(
            service="AppIntegrations",
            action="createDataIntegration",
            parameters=request,
            physical_resource_id=cr.PhysicalResourceId.from_response("Id"),
        ),
        on_delete=cr.AwsSdkCall(
            service="AppIntegrations",
            action="deleteDataIntegration",
            parameters={"DataIntegrationIdentifier": cr.PhysicalResourceIdReference()},
        ),
        policy=cr.AwsCustomResourcePolicy.from_sdk_calls(resources=cr.AwsCustomResourcePolicy.ANY_RESOURCE),
        install_latest_aws_sdk=False,
    )


def build_and_synth(add: Callable[[cdk.Stack, int], None], count: int, outdir: Path) -> None:
    app = cdk.App(outdir=str(outdir))
    stack = cdk.Stack(app, "Bench")
    for i in range(count):
        add(stack, i)
    app.synth()


def descendant_ticks() -> dict[int, int]:
    """User plus system clock ticks of every live process below this one, by pid, found through /proc ppids."""
    stats: dict[int, tuple[int, int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # Fields after the command name, which is in parentheses and may hold spaces: state, ppid, ...
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        stats[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    below, ticks = {os.getpid()}, {}
    while True:
        found = {pid for pid, (ppid, _) in stats.items() if ppid in below and pid not in below}
        if not found:
            return ticks
        below |= found
        ticks.update({pid: stats[pid][1] for pid in found})


def main() -> None:
    variant, count, outdir = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    add = {"ours": ours, "floor": floor, "l1": l1, "acr": acr}[variant]
    with tempfile.TemporaryDirectory() as warm_up:  # the first construct of a kind loads its code into jsii
        build_and_synth(add, 1, Path(warm_up))
    ticks_before, cpu_before, started = descendant_ticks(), time.process_time(), time.perf_counter()
    build_and_synth(add, count, outdir)
    seconds, cpu, ticks_after = time.perf_counter() - started, time.process_time() - cpu_before, descendant_ticks()
    cpu += sum(ticks - ticks_before.get(pid, 0) for pid, ticks in ticks_after.items()) / CLOCK_TICKS
    template = (outdir / "Bench.template.json").read_text()
    resources = json.loads(template)["Resources"].values()
    assets = [p for p in outdir.glob("asset.*") if p.is_dir()]
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu,
                "template_bytes": len(template.encode()),
                "functions": sum(r["Type"] == "AWS::Lambda::Function" for r in resources),
                "asset_bytes": sum(f.stat().st_size for a in assets for f in a.rglob("*") if f.is_file()),
            }
        )
    )


if __name__ == "__main__":
    main()
