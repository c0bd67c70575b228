"""Build and render a 12-week programme: plantarkit against streprogen, side by side in one run.

Target (issue): assess + build + render to text of a 12-week plantarkit programme is at
least 10x faster than streprogen building and rendering a comparable 12-week, 6-exercise
programme. The ratio printed is streprogen time / plantarkit time (medians).

What each side does, every repetition, from plain inputs to a finished text:

* plantarkit: ``example_assessment()`` -> ``assess()`` -> ``build_program(report, protocol,
  weeks=12)`` (``--protocol``, default ``staged``) -> ``plantarkit.render.program_text()``.
  The programme is laid out day by day (every session of every week, each item with its
  dose, side and the findings it addresses), then rendered as one table per week plus pain
  rules and sources.
* streprogen (PyPI, the Python strength program generator): ``Program(duration=12)`` with
  three days of two ``DynamicExercise`` each (six exercises, start and goal weights), then
  ``program.render()`` (per-week rep schemes and loads) and ``program.to_txt()``.

Why it is comparable: both turn a short description into a week-by-week, 12-week exercise
programme with a dose for every exercise in every session, and both produce the terminal
text a person would read. streprogen runs with its own defaults (reps per exercise,
intensity, rep range, rounding); only the length, days and exercises are set, and its input
validation passes without warnings. Each side constructs its inputs inside the timed region
and nothing is reused between repetitions except what the library itself keeps (plantarkit
builds its built-in catalogue and protocols once per process; a streprogen ``Program``
compiles its Jinja2 text template on each ``to_txt()``, which is how its API works). The
shape of both programmes is printed so the comparison can be judged; plantarkit's is the
larger one (daily sessions). Imports and one warm-up call per side are outside the timing
(see ``bench_import.py`` for import cost). For reference only, a second streprogen figure
reuses one already-compiled template across programmes; it is not the gated number.

Timing: samples alternate between the two workloads (ABBA order, so drift hits both alike),
each sample times enough back-to-back calls to last about 20 ms, the garbage collector
stays enabled (as in real use) and is run before each sample. Medians and minima of the
per-call times are reported.

    pip install streprogen
    PYTHONPATH=src python benchmarks/bench_plan.py            # 40 samples per side
    PYTHONPATH=src python benchmarks/bench_plan.py --quick    # 10 samples per side (CI)
    PYTHONPATH=src python benchmarks/bench_plan.py --check    # exit 1 when the target is missed
    PYTHONPATH=src python benchmarks/bench_plan.py --profile  # cProfile plantarkit's side too

Exit status: 0, or 1 with ``--check`` when the target is missed, or 2 with ``--check`` when
streprogen is not installed (without ``--check`` a missing streprogen is a hint and 0).
"""

import argparse
import cProfile
import gc
import importlib
import importlib.metadata
import io
import math
import pstats
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from types import ModuleType
from typing import Any

import plantarkit
import plantarkit.render
from plantarkit.plans import Program, build_program

TARGET_RATIO = 10.0
WEEKS = 12
SAMPLE_SECONDS = 0.02
INSTALL_HINT = "streprogen is not installed; to compare, run: python -m pip install streprogen"

# Three training days of two exercises: a strength block for the calf, foot and hip, with
# a 1RM (kg) at the start and the goal after 12 weeks.
STREPROGEN_DAYS: tuple[tuple[str, tuple[tuple[str, float, float], ...]], ...] = (
    ("Day 1", (("Standing calf raise", 60, 75), ("Split squat", 40, 50))),
    ("Day 2", (("Single-leg Romanian deadlift", 30, 40), ("Hip thrust", 60, 75))),
    ("Day 3", (("Seated calf raise", 40, 50), ("Step-down", 20, 27.5))),
)


# --- the two workloads ---------------------------------------------------------------------


def plantarkit_program(protocol: str) -> Program:
    report = plantarkit.assess(plantarkit.example_assessment())
    return build_program(report, protocol, weeks=WEEKS)


def plantarkit_run(protocol: str) -> str:
    return plantarkit.render.program_text(plantarkit_program(protocol))


def streprogen_program(sp: ModuleType) -> Any:
    program = sp.Program(name="Calf, foot and hip strength", duration=WEEKS, units="kg")
    for day, exercises in STREPROGEN_DAYS:
        with program.Day(day):
            for name, start, goal in exercises:
                program.DynamicExercise(name=name, start_weight=start, final_weight=goal)
    program.render()
    return program


def streprogen_run(sp: ModuleType) -> str:
    text: str = streprogen_program(sp).to_txt()
    return text


def streprogen_run_template_reused(sp: ModuleType, environment: Any) -> str:
    program = streprogen_program(sp)
    program.jinja2_environment = environment  # compiled template cached in this environment
    text: str = program.to_txt()
    return text


# --- shapes, so the comparison can be judged ----------------------------------------------


def plantarkit_shape(protocol: str) -> str:
    program = plantarkit_program(protocol)
    sessions = [s for w in program.weeks for s in w.sessions]
    items = [i for s in sessions for i in s.items]
    exercises = {i.exercise for i in items}
    text = plantarkit.render.program_text(program)
    return (
        f"{len(program.weeks)} weeks, {len(sessions)} sessions, {len(items)} prescribed items,"
        f" {len(exercises)} exercises, {len(text.splitlines())} lines of text"
    )


def streprogen_shape(sp: ModuleType) -> str:
    program = streprogen_program(sp)
    text: str = program.to_txt()
    sessions = program.duration * len(program.days)
    per_week = sum(len(day.exercises) for day in program.days)
    exercises = {ex.name for day in program.days for ex in day.exercises}
    return (
        f"{program.duration} weeks, {sessions} sessions, {program.duration * per_week} prescribed"
        f" items, {len(exercises)} exercises, {len(text.splitlines())} lines of text"
    )


def streprogen_breakdown(sp: ModuleType, runs: int) -> tuple[float, float, float]:
    """Median seconds of building the ``Program``, ``render()`` and ``to_txt()``."""
    parts: list[tuple[float, float, float]] = []
    for _ in range(runs):
        t0 = time.perf_counter()
        program = sp.Program(name="Calf, foot and hip strength", duration=WEEKS, units="kg")
        for day, exercises in STREPROGEN_DAYS:
            with program.Day(day):
                for name, start, goal in exercises:
                    program.DynamicExercise(name=name, start_weight=start, final_weight=goal)
        t1 = time.perf_counter()
        program.render()
        t2 = time.perf_counter()
        program.to_txt()
        t3 = time.perf_counter()
        parts.append((t1 - t0, t2 - t1, t3 - t2))
    build, render, text = (statistics.median(p) for p in zip(*parts, strict=True))
    return build, render, text


# --- timing --------------------------------------------------------------------------------


def calls_per_sample(fn: Callable[[], object]) -> int:
    start = time.perf_counter()
    fn()
    once = time.perf_counter() - start
    return max(1, math.ceil(SAMPLE_SECONDS / max(once, 1e-9)))


def measure(workloads: dict[str, Callable[[], object]], samples: int) -> dict[str, list[float]]:
    """Per-call seconds, ``samples`` per workload, taken in alternating (ABBA) order."""
    numbers = {name: calls_per_sample(fn) for name, fn in workloads.items()}
    times: dict[str, list[float]] = {name: [] for name in workloads}
    names = list(workloads)
    for i in range(samples):
        for name in names if i % 2 == 0 else reversed(names):
            fn, number = workloads[name], numbers[name]
            gc.collect()
            start = time.perf_counter()
            for _ in range(number):
                fn()
            times[name].append((time.perf_counter() - start) / number)
    return times


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f} ms"


def profile_plantarkit(protocol: str, runs: int = 50, top: int = 20) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        plantarkit_run(protocol)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").partition("\n")[0])
    parser.add_argument("--quick", action="store_true", help="10 samples per side instead of 40")
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    parser.add_argument("--protocol", default="staged", help="plantarkit protocol (staged)")
    parser.add_argument("--profile", action="store_true", help="cProfile plantarkit's side")
    args = parser.parse_args()
    samples = 10 if args.quick else 40

    try:
        sp = importlib.import_module("streprogen")
    except ImportError as exc:
        detail = "" if exc.name == "streprogen" else f" (import failed: {exc})"
        print(INSTALL_HINT + detail)
        return 2 if args.check else 0

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pk_shape = plantarkit_shape(args.protocol)  # also the warm-up call
        sp_shape = streprogen_shape(sp)
    for warning in caught:
        print(f"warning during warm-up: {warning.message}".replace("\n", " "))

    environment = sp.Program(duration=WEEKS).jinja2_environment
    workloads: dict[str, Callable[[], object]] = {
        "plantarkit": lambda: plantarkit_run(args.protocol),
        "streprogen": lambda: streprogen_run(sp),
    }
    times = measure(workloads, samples)
    med = {name: statistics.median(ts) for name, ts in times.items()}
    low = {name: min(ts) for name, ts in times.items()}
    reused = measure({"reused": lambda: streprogen_run_template_reused(sp, environment)}, samples)
    reused_med = statistics.median(reused["reused"])
    build, render, text = streprogen_breakdown(sp, samples)

    versions = {
        "plantarkit": plantarkit.__version__,
        "streprogen": importlib.metadata.version("streprogen"),
    }
    print(
        f"12-week programme, from inputs to rendered text; per call, {samples} alternating"
        f" samples per side (Python {sys.version.split()[0]})"
    )
    print(f"  plantarkit {versions['plantarkit']}, protocol {args.protocol!r}: {pk_shape}")
    print(f"  streprogen {versions['streprogen']}, 3 days x 2 exercises: {sp_shape}")
    print(f"  {'':<22}{'median':>10}  {'min':>10}")
    for name in workloads:
        print(f"  {name:<22}{ms(med[name]):>10}  {ms(low[name]):>10}")
    ratio = med["streprogen"] / med["plantarkit"]
    ok = ratio >= TARGET_RATIO
    print(
        f"ratio streprogen / plantarkit: {ratio:.1f}x median,"
        f" {low['streprogen'] / low['plantarkit']:.1f}x min"
        f" (target >= {TARGET_RATIO:.0f}x: {'met' if ok else 'MISSED'})"
    )
    print(
        f"for reference: streprogen = Program+exercises {ms(build).strip()}"
        f" + render() {ms(render).strip()} + to_txt() {ms(text).strip()};"
        f" with its template compiled once and reused {ms(reused_med).strip()}"
        f" ({reused_med / med['plantarkit']:.1f}x plantarkit)"
    )
    if args.profile:
        print(profile_plantarkit(args.protocol))
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    raise SystemExit(main())
