"""Benchmark DataIntegration against the floor, the L1 and AwsCustomResource; write docs/benchmarks.md and its plot.

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

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "support"))

from appintegrations_double import AppIntegrationsDouble  # noqa: E402
from events import create_event, delete_event, properties, update_event  # noqa: E402
from lambda_artifact import Handler, runtime_dir  # noqa: E402
from lambda_harness import Lambda  # noqa: E402
from moto_services import moto_services  # noqa: E402
from response_server import ResponseServer, response_server  # noqa: E402

from cdk_appintegrations.provider import HANDLER_TIMEOUT  # noqa: E402
from cdk_appintegrations_handler.contract import ENTRY_POINT  # noqa: E402

VARIANTS = ("ours", "floor", "l1", "acr")
NAMES = {
    "ours": "DataIntegration",
    "floor": "floor (bare CfnResource)",
    "l1": "CfnDataIntegration (L1)",
    "acr": "AwsCustomResource",
}
SHORT = {"ours": "ours", "floor": "floor", "l1": "L1", "acr": "ACR"}
COUNTS = (1, 10, 100, 400)
SYNTH_REPS = int(os.environ.get("BENCH_SYNTH_REPS", "5"))
COLD_REPS = int(os.environ.get("BENCH_COLD_REPS", "15"))
HANDLER_REPS = int(os.environ.get("BENCH_HANDLER_REPS", "10"))
# A stack of LOAD_CONCURRENCY DataIntegrations created at once, against a service that allows LOAD_RATE
# requests a second with bursts of LOAD_BURST; each invocation gets the function's timeout.
LOAD_CONCURRENCY = int(os.environ.get("BENCH_LOAD_CONCURRENCY", "50"))
LOAD_RATE, LOAD_BURST = 5.0, 5
# Read from the provider, so that the load run gives each invocation what the deployed function gets.
FUNCTION_TIMEOUT_S = int(HANDLER_TIMEOUT.to_seconds())
COLD_MODES = ("boto3", "handler", "crhelper-default")
OUTPUT = ROOT / "docs" / "benchmarks.md"
PLOT = ROOT / "docs" / "benchmarks-synth-cpu.png"


@dataclass
class Synth:
    """One synth sample, or why it failed."""

    seconds: float = 0.0
    cpu_seconds: float = 0.0
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
        order = VARIANTS[rep % len(VARIANTS) :] + VARIANTS[: rep % len(VARIANTS)]
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


Samples = dict[tuple[str, int], list[Synth]]


def median(samples: list[Synth], field: str) -> float | None:
    values = [getattr(s, field) for s in samples if not s.error]
    return statistics.median(values) if values else None


def marginal(samples: Samples, variant: str, field: str, low: int, high: int) -> float | None:
    """What one more resource costs: the median's growth from `low` to `high` resources, per resource."""
    top, bottom = median(samples[(variant, high)], field), median(samples[(variant, low)], field)
    return (top - bottom) / (high - low) if top is not None and bottom is not None else None


def plot(samples: Samples) -> None:
    """Synth CPU seconds against N, log-log: a line through each variant's medians, its runs as dots."""
    figure = Figure(figsize=(8, 5), dpi=120)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    for variant in VARIANTS:
        runs = [(c, s.cpu_seconds) for c in COUNTS for s in samples[(variant, c)] if not s.error]
        counts = sorted({c for c, _ in runs})
        if not counts:
            continue
        failed = [str(c) for c in COUNTS if c not in counts]
        label = NAMES[variant] + (f" (fails at N={', '.join(failed)})" if failed else "")
        medians = [median(samples[(variant, c)], "cpu_seconds") for c in counts]
        (line,) = axes.plot(counts, medians, marker="o", label=label)
        axes.scatter([c for c, _ in runs], [cpu for _, cpu in runs], color=line.get_color(), alpha=0.3, s=12)
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xticks(COUNTS, [str(c) for c in COUNTS])
    axes.set_xlabel("resources in the stack, N")
    axes.set_ylabel("CPU seconds, Python + Node.js")
    axes.set_title(f"Synth CPU time: building the app and app.synth() (medians of {SYNTH_REPS}, runs as dots)")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(PLOT, metadata={"Software": None})


def report(samples: Samples, cold: dict[str, float], handler: dict[str, Any], load: Load) -> str:
    """The Markdown page."""
    lines = [
        *_introduction(),
        *_synth_table(samples),
        *_ratios(samples),
        *_targets(samples, cold),
        *_handler(handler),
        *_throttling(load),
    ]
    return "\n".join(lines)


def _introduction() -> list[str]:
    """The page's title, the machine, and what is measured on which variants."""
    return [
        "# Benchmarks",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `make bench` ({Path(__file__).relative_to(ROOT)}).",
        "",
        _environment(),
        "",
        f"Synth: medians of {SYNTH_REPS} runs, each in its own process, variants interleaved; the time covers",
        "building the app and `app.synth()`, after the jsii runtime has started. Wall is elapsed time; CPU is the",
        "Python process's CPU time plus that of every process under it (the jsii runtime's two Node.js processes),",
        "user and system, read from /proc. Every variant sets the same properties: key, Salesforce source,",
        "description, schedule, and the object configuration of a Q in Connect knowledge base (Knowledge__kav",
        "with the six fields it needs). The variants:",
        "",
        "- ours: `DataIntegration`, whose first one in a stack also builds the handler's role, log group, function",
        "  and asset;",
        "- floor: a bare `CfnResource` of type `Custom::AppIntegrationsDataIntegration` with the properties a",
        "  DataIntegration renders and a literal service token: the custom resource with no construct around it",
        "  and no provider;",
        "- L1: `CfnDataIntegration`;",
        "- ACR: `AwsCustomResource` calling CreateDataIntegration and DeleteDataIntegration.",
        "",
        f"![Synth CPU seconds against N, one line per variant]({PLOT.name})",
        "",
    ]


def _synth_table(samples: Samples) -> list[str]:
    """Wall and CPU seconds of every variant at every N, and the runs that failed."""
    lines = [
        "## Synth time (seconds): wall and CPU",
        "",
        "| N | " + " | ".join(f"{SHORT[v]} wall | {SHORT[v]} CPU" for v in VARIANTS) + " |",
        "|---" * (1 + 2 * len(VARIANTS)) + "|",
    ]
    for count in COUNTS:
        cells = [f"{_cell(samples, v, count, 'seconds')} | {_cell(samples, v, count, 'cpu_seconds')}" for v in VARIANTS]
        lines.append(f"| {count} | " + " | ".join(cells) + " |")
    failures = [
        f"{NAMES[v]} at N={c}: {samples[(v, c)][0].error[:200]}"
        for v in VARIANTS
        for c in COUNTS
        if all(s.error for s in samples[(v, c)])
    ]
    return lines + (["", *(f"- fails: {failure}" for failure in failures), ""] if failures else [""])


def _ratios(samples: Samples) -> list[str]:
    """Ours against the floor and the L1, and ACR against the L1, at every N."""
    pairs = (("ours", "floor"), ("ours", "l1"), ("acr", "l1"))
    lines = [
        "## Ratios at each N",
        "",
        "| N | " + " | ".join(f"{SHORT[a]} / {SHORT[b]}, CPU | {SHORT[a]} / {SHORT[b]}, wall" for a, b in pairs) + " |",
        "|---" * (1 + 2 * len(pairs)) + "|",
    ]
    for count in COUNTS:
        cells = [
            f"{_times(_at(samples, count, 'cpu_seconds', a, b))} | {_times(_at(samples, count, 'seconds', a, b))}"
            for a, b in pairs
        ]
        lines.append(f"| {count} | " + " | ".join(cells) + " |")
    return lines


def _targets(samples: Samples, cold: dict[str, float]) -> list[str]:
    """The table of targets: its heading, the synth rows, then the cold-init rows."""
    return [
        "",
        "## Against the targets",
        "",
        "Per added resource: (N=400 - N=100) / 300 of the medians for time, (N=100 - N=10) / 90 for template",
        "bytes, what one more resource costs once a stack's one-time parts are paid; in brackets, the ratio to the",
        "floor. The per-resource target is on CPU time; wall time, which the shared machine's other load moves,",
        "is shown beside it.",
        "",
        "| figure | " + " | ".join(NAMES[v] for v in VARIANTS) + " | target for us | |",
        "|---" * (3 + len(VARIANTS)) + "|",
        *_synth_targets(samples),
        *_cold_init_targets(cold),
    ]


def _synth_targets(samples: Samples) -> list[str]:
    """The rows of the synth targets: per added resource, at N=100, template bytes, functions, asset size."""
    cpu = {v: marginal(samples, v, "cpu_seconds", 100, 400) for v in VARIANTS}
    wall = {v: marginal(samples, v, "seconds", 100, 400) for v in VARIANTS}
    size = {v: marginal(samples, v, "template_bytes", 10, 100) for v in VARIANTS}
    cpu_100 = {v: _at(samples, 100, "cpu_seconds", v, "l1") for v in VARIANTS}
    wall_100 = {v: _at(samples, 100, "seconds", v, "l1") for v in VARIANTS}
    bytes_l1 = {v: _ratio(size[v], size["l1"]) for v in VARIANTS}
    functions = {v: sorted({s.functions for c in COUNTS for s in samples[(v, c)] if not s.error}) for v in VARIANTS}
    asset_ours, asset_acr = _value(samples, "ours", 1, "asset_bytes"), _value(samples, "acr", 1, "asset_bytes")
    return [
        f"| synth CPU per added resource | {_against_floor(cpu, _ms)} | ≤ 1.2x floor | "
        f"{_verdict(_within(_ratio(cpu['ours'], cpu['floor']), 1.2))} |",
        f"| synth wall time per added resource | {_against_floor(wall, _ms)} | — | |",
        "| synth CPU at N=100, ratio to L1 | " + " | ".join(_times(cpu_100[v]) for v in VARIANTS) + " | ≤ 1.3x | "
        f"{_verdict(_within(cpu_100['ours'], 1.3))} |",
        "| synth wall time at N=100, ratio to L1 | " + " | ".join(_times(wall_100[v]) for v in VARIANTS) + " | "
        f"≤ 1.15x | {_verdict(_within(wall_100['ours'], 1.15))} |",
        f"| template bytes per resource | {_against_floor(size, _bytes)} | ≤ 1.1x floor | "
        f"{_verdict(_within(_ratio(size['ours'], size['floor']), 1.1))} |",
        "| template bytes per resource, ratio to L1 | " + " | ".join(_times(bytes_l1[v]) for v in VARIANTS) + " | "
        f"≤ 1.3x | {_verdict(_within(bytes_l1['ours'], 1.3))} |",
        f"| Lambda functions in the template, at N = {', '.join(map(str, COUNTS))} | "
        + " | ".join(str(functions[v]) for v in VARIANTS)
        + f" | exactly 1 | {_verdict(functions['ours'] == [1])} |",
        f"| asset size | {_kib(asset_ours)} | — | — | {_kib(asset_acr)} | ≤ 64 KiB | "
        f"{_verdict(_within(asset_ours, 64 * 1024))} |",
    ]


def _cold_init_targets(cold: dict[str, float]) -> list[str]:
    """The handler's cold init against a bare boto3 client, and crhelper's default for comparison."""
    init_ratio = cold["handler"] / cold["boto3"]
    return [
        f'| handler cold init, ratio to `boto3.client("appintegrations")` alone ({cold["boto3"] * 1000:.0f} ms) | '
        f"{cold['handler'] * 1000:.0f} ms ({init_ratio:.2f}x) | — | — | — | ≤ 1.2x | "
        f"{_verdict(_within(init_ratio, 1.2))} |",
        f"| crhelper's default init plus one client, for comparison | {cold['crhelper-default'] * 1000:.0f} ms "
        f"({cold['crhelper-default'] / cold['boto3']:.2f}x) | — | — | — | — | |",
    ]


def _handler(handler: dict[str, Any]) -> list[str]:
    """The handler's rows of the targets, wall time and API calls per request type, and how they were timed."""
    # An Update first reads the DataIntegration behind its physical id (GetDataIntegration), then changes it.
    expected_calls = {"Create": 1, "Update: description": 2, "Update: tags added and removed": 3, "Delete": 1}
    lines: list[str] = []
    for label, (seconds, count) in handler.items():
        target, met = ("≤ 2 s", _verdict(_within(seconds, 2))) if label == "Delete" else ("—", "")
        lines.append(
            f"| handler wall time, {label}: invoke to ResponseURL PUT, warm | {seconds * 1000:.0f} ms | — | — | — | "
            f"{target} | {met} |"
        )
        lines.append(
            f"| API calls, {label} | {count} | — | — | — | {expected_calls[label]} | "
            f"{_verdict(count == expected_calls[label])} |"
        )
    return [
        *lines,
        "",
        f"Cold init: medians of {COLD_REPS} fresh `python -I -S` processes per mode, interleaved, each seeing only",
        "the standard library, boto3 and the asset, timed from the first import to a ready client.",
        f"Handler: medians of {HANDLER_REPS} runs per request type in one warm process against the AppIntegrations",
        "double on loopback, timed from writing the event to the PUT's arrival at the HTTPS ResponseURL server.",
        "The update with tags changes one tag and removes another: one TagResource, one UntagResource.",
        "API calls count AppIntegrations' only: a Create also makes the pre-flight's DescribeKey (moto's KMS) and",
        "DescribeConnectorProfiles (the double's AppFlow), which its wall time includes.",
        "",
    ]


def _throttling(load: Load) -> list[str]:
    """The burst of concurrent Creates against a throttling service."""
    return [
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
        f"{_verdict(load.succeeded == LOAD_CONCURRENCY)} |",
        f"| DataIntegrations made | {load.data_integrations} | {LOAD_CONCURRENCY} | "
        f"{_verdict(load.data_integrations == LOAD_CONCURRENCY)} |",
        f"| time to the last answer | {load.seconds:.1f} s | < {FUNCTION_TIMEOUT_S} s | "
        f"{_verdict(load.seconds < FUNCTION_TIMEOUT_S)} |",
        f"| requests throttled (each retried) | {load.throttled} of {load.calls} | — | |",
        "",
    ]


def _value(samples: Samples, variant: str, count: int, field: str) -> float | None:
    return median(samples[(variant, count)], field)


def _cell(samples: Samples, variant: str, count: int, field: str) -> str:
    found = _value(samples, variant, count, field)
    return "fails" if found is None else f"{found:.2f}"


def _ratio(top: float | None, bottom: float | None) -> float | None:
    return top / bottom if top is not None and bottom else None


def _at(samples: Samples, count: int, field: str, variant: str, base: str) -> float | None:
    """A variant's median over the base's, at one N."""
    return _ratio(_value(samples, variant, count, field), _value(samples, base, count, field))


def _times(figure: float | None) -> str:
    return "—" if figure is None else f"{figure:.2f}x"


def _verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def _within(figure: float | None, target: float) -> bool:
    return figure is not None and figure <= target


def _against_floor(figures: dict[str, float | None], unit: Callable[[float | None], str]) -> str:
    """Each variant's figure in `unit`, with its ratio to the floor's in brackets."""
    return " | ".join(
        unit(figures[v]) + ("" if v == "floor" else f" ({_times(_ratio(figures[v], figures['floor']))})")
        for v in VARIANTS
    )


def _ms(seconds: float | None) -> str:
    return "fails" if seconds is None else f"{seconds * 1000:.2f} ms"


def _bytes(size: float | None) -> str:
    return "fails" if size is None else f"{size:.0f} B"


def _kib(size: float | None) -> str:
    return "—" if size is None else f"{size / 1024:.1f} KiB"


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
            handler = Handler("Bench", code_dir, ENTRY_POINT, FUNCTION_TIMEOUT_S)
            function = Lambda(handler, runtime, url, responses, moto.url)
            cold = cold_init(runtime, code_dir, function.environment())
            print(f"cold init: {cold}", flush=True)
            timings = handler_runs(function, double, responses)
            print(f"handler: {timings}", flush=True)
            load = load_run(handler, runtime, responses, moto.url)
            print(f"load: {load}", flush=True)
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(report(samples, cold, timings, load))
    plot(samples)
    print(f"Wrote {OUTPUT.relative_to(ROOT)} and {PLOT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
