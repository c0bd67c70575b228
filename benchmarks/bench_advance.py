"""Throughput of the progression engine: advance() for a typical 8-exercise session.

Target (issue 5): at least 20,000 sessions per second on one core. Two
measurements, side by side in one run:

- typical: the 36 sessions of a 12-week programme (three a week), each
  exercise done in full with calm pain. The rules step up the ladder, then
  add volume, then load, so most decisions count a session towards a step,
  some take one and a few find nothing left to do (the mix is printed); the
  rate is sessions per second over the run;
- every exercise steps up: the heaviest session, where each of the 8
  exercises moves one rung (reason texts, new states and doses for all).

Each figure is the best of several repeats: the least disturbed by other
work on the machine.

    PYTHONPATH=src python benchmarks/bench_advance.py           # prints sessions/s
    PYTHONPATH=src python benchmarks/bench_advance.py --check   # exit 1 below target
"""

import argparse
import collections
import timeit

import plantarkit
from plantarkit import Pain, PlantarLoad
from plantarkit.exercises import Hold, LoadKind, Reps, Timed
from plantarkit.plans import Phase, Program, Protocol, Slot, build_program
from plantarkit.progression import (
    Advance,
    EngineRules,
    ExerciseLog,
    LadderUp,
    LoadUp,
    PainReport,
    ProgramState,
    SessionLog,
    VolumeUp,
    WeeklyTable,
    advance,
    start,
)

TARGET = 20_000
EXERCISES = (
    "clam",
    "side_lying_hip_abduction",
    "bodyweight_squat",
    "split_squat",
    "isometric_calf_raise",
    "calf_raise",
    "toe_yoga",
    "single_leg_balance",
)


def session_for(state: ProgramState, day: int) -> SessionLog:
    logs = []
    for e in state.exercises:
        work = e.dose.work
        if isinstance(work, Reps):
            per: float = work.count + 1
        elif isinstance(work, Hold | Timed):
            per = work.seconds
        else:
            per = work.rounds
        load = e.dose.load
        chosen = load.kind not in (LoadKind.BODY_WEIGHT, LoadKind.BAND) and load.kg is None
        logs.append(
            ExerciseLog(
                exercise=e.exercise,
                sets=(float(per),) * e.dose.sets,
                load_kg=10.0 if chosen else None,  # a weight to choose: the app logs the kg used
            )
        )
    pain = PainReport(
        day=day,
        first_step=Pain(3),
        during=Pain(2),
        after=Pain(2),
        next_morning=Pain(3),
        settled_minutes=1,
    )
    return SessionLog(day=day, exercises=tuple(logs), pain=(pain,))


RULES = EngineRules(progression=(WeeklyTable(), LadderUp(), VolumeUp(), LoadUp(max_kg=40)))
"""Up the ladder, then more volume, then more load: something is always left to work for."""


def typical_run() -> tuple[Program, ProgramState, list[tuple[ProgramState, SessionLog]]]:
    """A programme, its first state and the (state, log) pairs of its 36 sessions."""
    phase = Phase(
        id="all",
        name="All",
        start_week=1,
        end_week=None,
        max_plantar_load=PlantarLoad.HIGH,
        slots=tuple(Slot(item=i) for i in EXERCISES),
    )
    protocol = Protocol(id="bench", name="Bench", phases=(phase,))
    program = build_program(plantarkit.example_assessment(), protocol, weeks=4, max_added=0)
    state = start(program)
    state = advance(program, state, session_for(state, 1), rules=RULES).state  # some history
    run = []
    current = state
    for day in range(3, 3 + 2 * 36, 2):  # every other day: pairs of (state, log) to replay
        session = session_for(current, day)
        run.append((current, session))
        current = advance(program, current, session, rules=RULES).state
    return program, state, run


def mix(results: list[Advance]) -> str:
    """How the decisions of a run split: counting towards a step, stepping, nothing to do."""
    kinds: collections.Counter[str] = collections.Counter()
    for result in results:
        for d in result.decisions:
            if d.action.value == "progress":
                kinds["step"] += 1
            elif d.reasons[0].rule == "progression":
                kinds["nothing left"] += 1
            else:
                kinds["counting"] += 1
    total = sum(kinds.values())
    return ", ".join(f"{kinds[k] / total:.0%} {k}" for k in ("counting", "step", "nothing left"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 below the target")
    parser.add_argument("--number", type=int, default=2000)
    args = parser.parse_args()
    program, state, run = typical_run()
    log = session_for(state, 3)

    def replay() -> None:
        for before, session in run:
            advance(program, before, session, rules=RULES)

    number = max(1, args.number // len(run) // 4)
    typical = len(run) * number / min(timeit.repeat(replay, number=number, repeat=20))
    single = max(1, args.number // 4)
    worst = single / min(
        timeit.repeat(lambda: advance(program, state, log), number=single, repeat=20)
    )
    verdict = "met" if typical >= TARGET else "MISSED"
    print(
        f"advance(): {len(state.exercises)} exercises; typical session {1e6 / typical:.1f} µs, "
        f"{typical:,.0f} sessions/s (target ≥ {TARGET:,}: {verdict}); "
        f"every exercise stepping up {1e6 / worst:.1f} µs, {worst:,.0f} sessions/s\n"
        f"typical decisions: {mix([advance(program, b, s, rules=RULES) for b, s in run])}"
    )
    return 1 if args.check and typical < TARGET else 0


if __name__ == "__main__":
    raise SystemExit(main())
