"""Benchmark DataIntegration against the L1 CfnDataIntegration and AwsCustomResource; write docs/benchmarks.md.

Run: make bench. Every figure is measured in this run, each sample in its own process, the variants
interleaved; medians are reported with the ratio to the baseline measured alongside.
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "support"))

from appintegrations_double import AppIntegrationsDouble  # noqa: E402
from cdk_appintegrations_handler.contract import ENTRY_POINT  # noqa: E402
from events import create_event, delete_event, properties, update_event  # noqa: E402
from lambda_artifact import Handler, runtime_dir  # noqa: E402
from lambda_harness import Lambda  # noqa: E402
from moto_services import moto_services  # noqa: E402
from response_server import ResponseServer, response_server  # noqa: E402

VARIANTS = ("ours", "l1", "acr")
NAMES = {"ours": "DataIntegration", "l1": "CfnDataIntegration (L1)", "acr": "AwsCustomResource"}
COUNTS = (1, 10, 100, 400)
SYNTH_REPS = int(os.environ.get("BENCH_SYNTH_REPS", "5"))
COLD_REPS = int(os.environ.get("BENCH_COLD_REPS", "15"))
HANDLER_REPS = int(os.environ.get("BENCH_HANDLER_REPS", "10"))
# A stack of LOAD_CONCURRENCY DataIntegrations created at once, against a service that allows LOAD_RATE
# requests a second with bursts of LOAD_BURST; each invocation gets the function's timeout.
LOAD_CONCURRENCY = int(os.environ.get("BENCH_LOAD_CONCURRENCY", "50"))
LOAD_RATE, LOAD_BURST = 5.0, 5
FUNCTION_TIMEOUT_S = 120
COLD_MODES = ("boto3", "handler", "crhelper-default")
OUTPUT = ROOT / "docs" / "benchmarks.md"


@dataclass
class Synth:
    """One synth sample, or why it failed."""

    seconds: float = 0.0
    template_bytes: int = 0
    functions: int = 0
    asset_bytes: int = 0
    error: str = ""


def synth(variant: str, count: int, outdir: Path) -> Synth:
    """Build and synthesize `count` resources of a variant in a fresh process."""
    process = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "synth_child.py"), variant, str(count), str(outdir)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION": "1"},
    )
    if process.returncode != 0:
        lines = [line for line in process.stderr.splitlines() if "Error" in line]
        return Synth(error=(lines[-1] if lines else process.stderr[-300:]).split(": ", 1)[-1])
    return Synth(**json.loads(process.stdout.splitlines()[-1]))


def synth_samples(work: Path) -> dict[tuple[str, int], list[Synth]]:
    """Every variant at every count, SYNTH_REPS times, in rotating order."""
    samples: dict[tuple[str, int], list[Synth]] = {}
    for rep in range(SYNTH_REPS):
        order = VARIANTS[rep % 3 :] + VARIANTS[: rep % 3]
        for count in COUNTS:
            for variant in order:
                outdir = work / f"{variant}-{count}-{rep}"
                samples.setdefault((variant, count), []).append(synth(variant, count, outdir))
                print(f"synth {variant} N={count} rep {rep}: {samples[(variant, count)][-1]}", flush=True)
    return samples


def cold_init(runtime: Path, code_dir: Path, env: dict[str, str]) -> dict[str, float]:
    """Median seconds of each cold-init mode, interleaved, each in a fresh python -I -S process."""
    times: dict[str, list[float]] = {mode: [] for mode in COLD_MODES}
    child = str(ROOT / "bench" / "cold_init_child.py")
    for _ in range(COLD_REPS):
        for mode in COLD_MODES:
            command = [sys.executable, "-I", "-S", child, str(runtime), str(code_dir), mode]
            process = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
            times[mode].append(float(process.stdout.strip()))
    return {mode: statistics.median(values) for mode, values in times.items()}


def handler_runs(function: Lambda, double: AppIntegrationsDouble, responses: ResponseServer) -> dict[str, Any]:
    """Median seconds from invoke to the ResponseURL PUT, and API calls, per request type, warm."""
    seconds: dict[str, list[float]] = {}
    calls: dict[str, int] = {}

    def timed(label: str, invoke: Callable[[dict[str, Any]], Any], event: dict[str, Any]) -> dict[str, Any]:
        url = responses.url_for(event["StackId"], event["LogicalResourceId"], event["RequestId"])
        before = len(double.state.calls)
        started = time.perf_counter()
        body: dict[str, Any] = invoke(event).response
        seconds.setdefault(label, []).append(responses.arrived_at(url)[-1] - started)
        calls[label] = len(double.state.calls) - before
        assert body["Status"] == "SUCCESS", body
        return body

    with function.warm() as invoke:
        for rep in range(HANDLER_REPS):
            props = properties(Tags={"team": "cx", "old": "x"})
            created = timed("Create", invoke, create_event(props, logical_id=f"Bench{rep}"))
            di_id = created["PhysicalResourceId"]
            described = {**props, "Description": "Articles, v2"}
            timed("Update: description", invoke, update_event(di_id, described, props, logical_id=f"Bench{rep}"))
            tagged = {**described, "Tags": {"team": "cx", "new": "y"}}
            timed(
                "Update: tags added and removed",
                invoke,
                update_event(di_id, tagged, described, logical_id=f"Bench{rep}"),
            )
            timed("Delete", invoke, delete_event(di_id, tagged, logical_id=f"Bench{rep}"))
    return {label: (statistics.median(values), calls[label]) for label, values in seconds.items()}


@dataclass
class Load:
    """The outcome of one burst of concurrent Creates against a throttling service."""

    seconds: float
    succeeded: int
    data_integrations: int
    throttled: int
    calls: int


def load_run(handler: Handler, runtime: Path, responses: ResponseServer, moto_url: str) -> Load:
    """LOAD_CONCURRENCY Creates at once, each in its own process as Lambda runs them; time to the last answer."""
    double = AppIntegrationsDouble()
    double.throttle(LOAD_RATE, LOAD_BURST)
    with double.serve() as url:
        function = Lambda(handler, runtime, url, responses, moto_url)
        events = [create_event(properties(), logical_id=f"Load{i}") for i in range(LOAD_CONCURRENCY)]
        started = time.perf_counter()
        with ThreadPoolExecutor(LOAD_CONCURRENCY) as pool:
            runs = list(pool.map(lambda e: function.invoke(e, remaining_ms=FUNCTION_TIMEOUT_S * 1000), events))
        seconds = time.perf_counter() - started
    succeeded = sum(run.response["Status"] == "SUCCESS" for run in runs)
    return Load(seconds, succeeded, len(double.state.integrations), double.state.throttled, len(double.state.calls))


def median(samples: list[Synth], field: str) -> float | None:
    values = [getattr(s, field) for s in samples if not s.error]
    return statistics.median(values) if values else None


def report(
    samples: dict[tuple[str, int], list[Synth]], cold: dict[str, float], handler: dict[str, Any], load: Load
) -> str:
    """The Markdown page."""

    def cell(variant: str, count: int, field: str, fmt: str) -> str:
        value = median(samples[(variant, count)], field)
        if value is None:
            return "fails: " + samples[(variant, count)][0].error[:120]
        return format(value, fmt)

    def ratio(variant: str, count: int, field: str) -> float | None:
        ours, base = median(samples[(variant, count)], field), median(samples[("l1", count)], field)
        return ours / base if ours is not None and base else None

    def per_resource(variant: str) -> float | None:
        high, low = median(samples[(variant, 100)], "template_bytes"), median(samples[(variant, 10)], "template_bytes")
        return (high - low) / 90 if high is not None and low is not None else None

    def verdict(met: bool) -> str:
        return "met" if met else "**missed**"

    lines = [
        "# Benchmarks",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `make bench` ({Path(__file__).relative_to(ROOT)}).",
        "",
        _environment(),
        "",
        f"Synth: medians of {SYNTH_REPS} runs, each in its own process, variants interleaved; the time covers",
        "building the app and `app.synth()`, after the jsii runtime has started. Every variant sets the same",
        "properties: key, Salesforce source, description, schedule, and the object configuration of a Q in Connect",
        "knowledge base (Knowledge__kav with the six fields it needs).",
        "",
        "## Synth wall time (seconds) and ratio to the L1",
        "",
        "| N | " + " | ".join(NAMES[v] for v in VARIANTS) + " | ours / L1 | ACR / L1 |",
        "|---|---|---|---|---|---|",
    ]
    for count in COUNTS:
        ratios = [ratio(v, count, "seconds") for v in ("ours", "acr")]
        lines.append(
            f"| {count} | "
            + " | ".join(cell(v, count, "seconds", ".2f") for v in VARIANTS)
            + " | "
            + " | ".join(f"{r:.2f}x" if r else "—" for r in ratios)
            + " |"
        )
    synth_ratio = ratio("ours", 100, "seconds")
    marginal = {v: _marginal(samples, v) for v in VARIANTS}
    bytes_ours, bytes_l1, bytes_acr = per_resource("ours"), per_resource("l1"), per_resource("acr")
    asset_ours, asset_acr = median(samples[("ours", 1)], "asset_bytes"), median(samples[("acr", 1)], "asset_bytes")
    functions = {v: sorted({s.functions for c in COUNTS for s in samples[(v, c)] if not s.error}) for v in VARIANTS}
    init_ratio = cold["handler"] / cold["boto3"]
    lines += [
        "",
        "## Against the targets",
        "",
        "| figure | DataIntegration | L1 | AwsCustomResource | target for us | |",
        "|---|---|---|---|---|---|",
        f"| synth wall time at N=100, ratio to L1 | {synth_ratio:.2f}x | 1.00x | "
        f"{(ratio('acr', 100, 'seconds') or 0):.2f}x | ≤ 1.15x | {verdict(synth_ratio <= 1.15)} |",
        f"| synth time per added resource, (N=400 - N=100) / 300 | {_ms(marginal['ours'])} "
        f"({_ratio_text(marginal['ours'], marginal['l1'])}) | {_ms(marginal['l1'])} | {_ms(marginal['acr'])} | — | |",
        f"| template bytes per resource, (N=100 - N=10) / 90 | {bytes_ours:.0f} B ({bytes_ours / bytes_l1:.2f}x) | "
        f"{bytes_l1:.0f} B | {bytes_acr:.0f} B ({bytes_acr / bytes_l1:.2f}x) | ≤ 1.3x L1 | "
        f"{verdict(bytes_ours / bytes_l1 <= 1.3)} |",
        f"| Lambda functions in the template, at N = {', '.join(map(str, COUNTS))} | {functions['ours']} | "
        f"{functions['l1']} | {functions['acr']} | exactly 1 | {verdict(functions['ours'] == [1])} |",
        f"| asset size | {asset_ours / 1024:.1f} KiB | — | {(asset_acr or 0) / 1024:.1f} KiB | ≤ 64 KiB | "
        f"{verdict(asset_ours <= 64 * 1024)} |",
        f'| handler cold init, ratio to `boto3.client("appintegrations")` alone ({cold["boto3"] * 1000:.0f} ms) | '
        f"{cold['handler'] * 1000:.0f} ms ({init_ratio:.2f}x) | — | — | ≤ 1.2x | {verdict(init_ratio <= 1.2)} |",
        f"| crhelper's default init plus one client, for comparison | {cold['crhelper-default'] * 1000:.0f} ms "
        f"({cold['crhelper-default'] / cold['boto3']:.2f}x) | — | — | — | |",
    ]
    # An Update first reads the DataIntegration behind its physical id (GetDataIntegration), then changes it.
    expected_calls = {"Create": 1, "Update: description": 2, "Update: tags added and removed": 3, "Delete": 1}
    for label, (seconds, count) in handler.items():
        target = "≤ 2 s" if label == "Delete" else "—"
        met = seconds <= 2 if label == "Delete" else True
        lines.append(
            f"| handler wall time, {label}: invoke to ResponseURL PUT, warm | {seconds * 1000:.0f} ms | — | — | "
            f"{target} | {verdict(met) if target != '—' else ''} |"
        )
        lines.append(
            f"| API calls, {label} | {count} | — | — | {expected_calls[label]} | "
            f"{verdict(count == expected_calls[label])} |"
        )
    lines += [
        "",
        f"Cold init: medians of {COLD_REPS} fresh `python -I -S` processes per mode, interleaved, each seeing only",
        "the standard library, boto3 and the asset, timed from the first import to a ready client.",
        f"Handler: medians of {HANDLER_REPS} runs per request type in one warm process against the AppIntegrations",
        "double on loopback, timed from writing the event to the PUT's arrival at the HTTPS ResponseURL server.",
        "The update with tags changes one tag and removes another: one TagResource, one UntagResource.",
        "API calls count AppIntegrations' only: a Create also makes the pre-flight's DescribeKey (moto's KMS) and",
        "DescribeConnectorProfiles (the double's AppFlow), which its wall time includes.",
        "",
        "## Under throttling",
        "",
        f"{LOAD_CONCURRENCY} Creates at once, as CloudFormation sends them for a stack of {LOAD_CONCURRENCY}",
        "DataIntegrations: each in its own process running the synthesized asset, against the double throttling",
        f"beyond {LOAD_RATE:g} requests a second with bursts of {LOAD_BURST} (ThrottlingException). Each invocation",
        f"has the function's {FUNCTION_TIMEOUT_S} s.",
        "",
        "| figure | value | target | |",
        "|---|---|---|---|",
        f"| answered SUCCESS | {load.succeeded} of {LOAD_CONCURRENCY} | all | "
        f"{verdict(load.succeeded == LOAD_CONCURRENCY)} |",
        f"| DataIntegrations made | {load.data_integrations} | {LOAD_CONCURRENCY} | "
        f"{verdict(load.data_integrations == LOAD_CONCURRENCY)} |",
        f"| time to the last answer | {load.seconds:.1f} s | < {FUNCTION_TIMEOUT_S} s | "
        f"{verdict(load.seconds < FUNCTION_TIMEOUT_S)} |",
        f"| requests throttled (each retried) | {load.throttled} of {load.calls} | — | |",
        "",
    ]
    return "\n".join(lines)


def _marginal(samples: dict[tuple[str, int], list[Synth]], variant: str) -> float | None:
    high, low = median(samples[(variant, 400)], "seconds"), median(samples[(variant, 100)], "seconds")
    return (high - low) / 300 if high is not None and low is not None else None


def _ms(seconds: float | None) -> str:
    return f"{seconds * 1000:.2f} ms" if seconds is not None else "fails at N=400"


def _ratio_text(value: float | None, base: float | None) -> str:
    return f"{value / base:.2f}x" if value is not None and base else "—"


def _environment() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    node = subprocess.run([os.environ["JSII_NODE"], "--version"], capture_output=True, text=True, check=True).stdout
    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("aws-cdk-lib", "constructs", "jsii", "crhelper", "boto3")
    )
    return (
        f"Machine: {platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} CPUs; "
        f"Python {platform.python_version()}, Node.js {node.strip()}.  \nVersions: {versions}."
    )


def main() -> None:
    os.environ.setdefault("JSII_NODE", str(Path(sys.executable).parent / "node"))
    with tempfile.TemporaryDirectory(prefix="bench-") as work_dir:
        work = Path(work_dir)
        samples = synth_samples(work)
        code_dir = next((work / "ours-1-0").glob("asset.*"))
        runtime = runtime_dir(work / "runtime" / "python")
        double = AppIntegrationsDouble()
        with response_server(work) as responses, double.serve() as url, moto_services() as moto:
            handler = Handler("Bench", code_dir, ENTRY_POINT, 120)
            function = Lambda(handler, runtime, url, responses, moto.url)
            cold = cold_init(runtime, code_dir, function.environment())
            print(f"cold init: {cold}", flush=True)
            timings = handler_runs(function, double, responses)
            print(f"handler: {timings}", flush=True)
            load = load_run(handler, runtime, responses, moto.url)
            print(f"load: {load}", flush=True)
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(report(samples, cold, timings, load))
    print(f"Wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
