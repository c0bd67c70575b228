"""An app's request path: load a stored state, record a session, store the new state.

Goals (issue 13), all measured in one run and printed side by side:

- a typical 12-week state document (the staged protocol, sessions three days a week,
  as an app stores it: compact JSON) is at most 16 KB;
- the programme document of the biggest built-in protocol is at most 128 KB;
- the request path ``loads(state) + advance + dumps(state)`` costs at most 3x
  ``advance`` alone, the two timed in alternation on the same state and log;
- ``advance`` on a freshly loaded state costs what it costs on a warm one (the
  engine no longer hashes the whole programme: a state carries its fingerprint).

Each time is the best of several repeats (the least disturbed by other work).

    PYTHONPATH=src python benchmarks/bench_request.py           # prints the figures
    PYTHONPATH=src python benchmarks/bench_request.py --check   # exit 1 when a goal is missed
"""

import argparse
import timeit
from collections.abc import Callable

import plantarkit
from plantarkit import Pain
from plantarkit.plans import Program, build_program, protocols
from plantarkit.progression import (
    PainReport,
    ProgramState,
    SessionLog,
    advance,
    start,
    today,
)

STATE_GOAL = 16 * 1024
PROGRAM_GOAL = 128 * 1024
REQUEST_GOAL = 3.0
FRESH_GOAL = 1.5


def session_for(program: Program, state: ProgramState, day: int) -> SessionLog:
    """What an app logs from ``today``: every exercise due done in full, pain within the rules."""
    pain = PainReport(
        day=day, first_step=Pain(2), during=Pain(2), after=Pain(1), next_morning=Pain(2)
    )
    return today(program, state, day).log_in_full((pain,))


def twelve_weeks(program: Program) -> ProgramState:
    """The state after 12 weeks of sessions on Monday, Wednesday and Friday."""
    state = start(program)
    for week in range(12):
        for weekday in (1, 3, 5):
            day = week * 7 + weekday
            state = advance(program, state, session_for(program, state, day)).state
    return state


def best(fn: Callable[[], object], number: int) -> float:
    return min(timeit.repeat(fn, number=number, repeat=7)) / number


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    parser.add_argument("--number", type=int, default=50, help="calls per timing repeat")
    args = parser.parse_args()
    missed: list[str] = []

    print("programme documents (12 weeks, the example assessment):")
    sizes = {}
    for p in protocols():
        program = build_program(plantarkit.example_assessment(), p.id, weeks=12)
        sizes[p.id] = len(plantarkit.dumps(program, indent=None).encode())
        print(f"  {p.id:<18} {sizes[p.id] / 1024:8.1f} KB")
    biggest = max(sizes, key=sizes.__getitem__)
    ok = sizes[biggest] <= PROGRAM_GOAL
    print(f"  biggest: {biggest}, goal ≤ {PROGRAM_GOAL // 1024} KB: {'met' if ok else 'MISSED'}")
    if not ok:
        missed.append("programme size")

    program = build_program(plantarkit.example_assessment(), "staged", weeks=12)
    state = twelve_weeks(program)
    text = plantarkit.dumps(state, indent=None)
    size = len(text.encode())
    ok = size <= STATE_GOAL
    print(
        f"\nstate after 12 weeks (staged, 36 sessions): {size / 1024:.1f} KB compact,"
        f" {len(plantarkit.dumps(state).encode()) / 1024:.1f} KB indented;"
        f" goal ≤ {STATE_GOAL // 1024} KB: {'met' if ok else 'MISSED'}"
    )
    if not ok:
        missed.append("state size")

    log = session_for(program, state, state.day + 2)

    def warm() -> object:
        return advance(program, state, log)

    def fresh() -> object:
        return advance(program, plantarkit.loads(text, ProgramState), log)

    def load_only() -> object:
        return plantarkit.loads(text, ProgramState)

    def request() -> object:
        loaded = plantarkit.loads(text, ProgramState)
        return plantarkit.dumps(advance(program, loaded, log).state, indent=None)

    times: dict[str, list[float]] = {
        "advance": [],
        "loads": [],
        "advance on a loaded state": [],
        "request": [],
    }
    for _ in range(3):  # alternate, so machine noise hits them alike
        times["advance"].append(best(warm, args.number))
        times["loads"].append(best(load_only, args.number))
        times["advance on a loaded state"].append(best(fresh, args.number))
        times["request"].append(best(request, args.number))
    t = {k: min(v) for k, v in times.items()}
    fresh_cost = t["advance on a loaded state"] - t["loads"]
    print("\ntimes (best of repeats):")
    for name, value in t.items():
        print(f"  {name:<28} {value * 1e3:8.3f} ms")
    ratio = t["request"] / t["advance"]
    ok = ratio <= REQUEST_GOAL
    print(
        f"request path / advance: {ratio:.1f}x, goal ≤ {REQUEST_GOAL:g}x:"
        f" {'met' if ok else 'MISSED'}"
    )
    if not ok:
        missed.append("request path")
    fresh_ratio = fresh_cost / t["advance"]
    ok = fresh_ratio <= FRESH_GOAL
    print(
        f"advance on a freshly loaded state / on a warm one: {fresh_ratio:.2f}x,"
        f" goal ≤ {FRESH_GOAL:g}x: {'met' if ok else 'MISSED'}"
    )
    if not ok:
        missed.append("fresh advance")
    if missed:
        print(f"\nmissed: {', '.join(missed)}")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
