"""The engine's safety holds for every composition of rules and every caller (issue 12).

A random driver runs programmes of every built-in protocol through random
sessions with the built-in rules in random orders and with random parameters
(:func:`plantarkit.testing.engine_rules`), and checks after every ``advance``
what must hold whatever the rules:

- a red flag stops everything until a clinician clears it;
- easing off never asks more of the person in any dimension of the dose;
- building an eased-off exercise back up undoes one easing at a time;
- a broken pain rule never progresses, and no phase is entered in its session;
- at most one rung a session.

``check_step`` states these apart from the engine; ``drive`` is shared with
``scripts/long_run.py``, which runs the same driver for hundreds of thousands of
steps (the counts of the last long run are in the changelog's issue note).
"""

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

import plantarkit
from plantarkit import Pain, testing
from plantarkit.chain import RedFlagScreen
from plantarkit.exercises import Prescription, Reps, RunWalk, harder_in
from plantarkit.progression import (
    Action,
    Advance,
    EngineRules,
    ExerciseLog,
    PainReport,
    ProgramState,
    SessionLog,
    advance,
    clear_referral,
    evaluate,
    start,
    verdict,
)

PROTOCOLS = tuple(p.id for p in plantarkit.protocols())
REPORT = plantarkit.assess(plantarkit.example_assessment())


def _enough(dose: Prescription) -> float:
    """What a set must hold to meet the dose (a repetition more, for sets to fatigue)."""
    work = dose.work
    if isinstance(work, Reps):
        return work.count + 1
    if isinstance(work, RunWalk):
        return work.rounds
    return work.seconds


def random_log(state: ProgramState, day: int, rng: random.Random, calm: float) -> SessionLog:
    """A session as a person might log it: some exercises done, some not, any pain, rare flags.

    ``calm`` is how likely each rating is low (0-2) rather than anything from 0 to 8, so
    that some runs move through their phases and others flare.
    """
    done: list[ExerciseLog] = []
    for e in state.exercises:
        how = 1.0 if rng.random() < calm else rng.random()  # calm people do their sessions
        if how < 0.15:
            continue  # not logged
        if how < 0.25:
            done.append(ExerciseLog(exercise=e.exercise, skipped=True))
            continue
        most = e.dose.max_sets or e.dose.sets
        sets = rng.randint(1, most) if how < 0.35 else e.dose.sets
        amount = _enough(e.dose) if rng.random() < calm else rng.choice((1, 5, 10, 30, 60))
        done.append(ExerciseLog(exercise=e.exercise, sets=(float(amount),) * sets))

    def rating() -> Pain | None:
        if rng.random() < 0.05:
            return None
        return Pain(rng.choice((0, 1, 2) if rng.random() < calm else (0, 1, 2, 3, 4, 6, 8)))

    baseline = rating()
    settled = baseline if rng.random() < calm else rating()  # back to the baseline, or not
    pain = PainReport(
        day=day,
        first_step=baseline,
        during=rating(),
        after=rating(),
        next_morning=settled,
        stiffness=rating(),
    )
    flags = RedFlagScreen(rest_or_night_pain=True) if rng.random() < 0.01 else None
    return SessionLog(day=day, exercises=tuple(done), pain=(pain,), red_flags=flags)


def check_step(
    program: plantarkit.Program,
    before: ProgramState,
    log: SessionLog,
    result: Advance,
    rules: EngineRules,
) -> str:
    """Check one step's safety, stated apart from the engine; return what happened, for counts."""
    assert result.session_phase == before.phase_id  # the phase the session was done in
    if before.referral is not None or log.red_flags is not None:
        assert all(d.action is Action.STOP for d in result.all_decisions)
        assert result.state.referral is not None
        return "stop"
    limits = program.protocol.phases[before.phase_index].pain_limits
    applied = limits if limits and rules.protocol_rules else (rules.pain_rule,)
    report = log.pain[0]
    if rules.next_morning_later:  # the morning is awaited: its check cannot fail yet
        broke = any(
            c.verdict.value == "reduce" and c.measure != "next_morning"
            for rule in applied
            for c in evaluate(rule, report, before.pain)
        )
    else:
        broke = any(
            verdict(evaluate(rule, report, before.pain)).value == "reduce" for rule in applied
        )
    regressed = False
    for old, decision in zip(before.exercises, result.decisions, strict=True):
        new = decision.dose
        assert new is not None
        if decision.action is Action.REGRESS:
            regressed = True
            assert harder_in(new, old.dose) == (), (old.dose.brief(), new.brief())
        if decision.action is Action.PROGRESS:
            assert not (broke and old.exercise in {e.exercise for e in log.exercises}), decision
            if old.eased_from is not None and decision.next_exercise is None:
                assert len(harder_in(new, old.dose)) <= 1, (old.dose.brief(), new.brief())
    if result.state.phase_index == before.phase_index:
        for old, now in zip(before.exercises, result.state.exercises, strict=True):
            if old.ladder is not None and now.ladder == old.ladder:
                assert abs((now.rung or 0) - (old.rung or 0)) <= 1
    if result.phase.action is Action.PROGRESS:
        assert not regressed, "a phase entered in a session that eased off"
        return "phase"
    return "regress" if regressed else "step"


def drive(
    program: plantarkit.Program, rules: EngineRules, rng: random.Random, days: int
) -> Counter[str]:
    """Run ``program`` through ``days`` of random sessions, checking every step."""
    counts: Counter[str] = Counter()
    state = start(program)
    calm = rng.random() ** 0.3  # most runs fairly calm, some not
    day = 0
    for _ in range(days):
        day += rng.choice((1, 1, 2, 3)) if rng.random() < 0.97 else rng.randint(9, 20)  # gaps
        if day > 3650:
            break
        log = random_log(state, day, rng, calm)
        result = advance(program, state, log, rules=rules)
        counts[check_step(program, state, log, result, rules)] += 1
        state = result.state
        if state.referral is not None:
            state = clear_referral(state, cleared_by="clinician")
    return counts


@settings(max_examples=40, deadline=None)
@given(
    protocol=st.sampled_from(PROTOCOLS),
    rules=testing.engine_rules(),
    seed=st.integers(0, 2**32 - 1),
)
def test_safety_holds_for_any_composition_of_rules(
    protocol: str, rules: EngineRules, seed: int
) -> None:
    program = plantarkit.build_program(REPORT, protocol, weeks=12)
    counts = drive(program, rules, random.Random(seed), days=90)
    assert sum(counts.values()) > 0
