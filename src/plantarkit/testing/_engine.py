"""Strategies for the engine's values: parameters, states, and what advancing a state gives."""

from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from plantarkit._core.side import Side
from plantarkit.progression import (
    Adherence,
    Advance,
    Alert,
    AlertSeverity,
    Decision,
    EngineRules,
    ExerciseAdherence,
    ExerciseLog,
    LongGap,
    MissedSessions,
    MorningPainRising,
    PainAboveLimit,
    PhaseDecision,
    ProgramState,
    Reason,
    RedFlagStop,
    SessionLog,
    Today,
    TodayItem,
    WeekAdherence,
    advance,
    start,
)
from plantarkit.testing._base import BOOLS, reals
from plantarkit.testing._chain import red_flag_screens, referrals
from plantarkit.testing._core import citations
from plantarkit.testing._exercises import advice_items, exercises, prescriptions
from plantarkit.testing._plans import programs
from plantarkit.testing._records import pain_reports
from plantarkit.testing._rules import pain_rules, progression_rules, regression_rules
from plantarkit.testing._table import provides, provides_family


@provides(EngineRules)
def engine_rules() -> SearchStrategy[EngineRules]:
    """Engine parameters with built-in rule values only (so they round-trip through JSON)."""
    return st.builds(
        EngineRules,
        sessions_to_progress=st.integers(1, 4),
        min_days_in_phase=st.integers(1, 21),
        gap_days=st.integers(1, 21),
        pain_rule=pain_rules(),
        hold_rule=pain_rules(),
        progression=st.lists(progression_rules(), min_size=1, max_size=3).map(tuple),
        regression=st.lists(regression_rules(), min_size=1, max_size=3).map(tuple),
        flare_steps_back=BOOLS,
        protocol_rules=BOOLS,
        next_morning_later=BOOLS,
        respect_schedule=BOOLS,
        outlier_factor=st.sampled_from((1.5, 3.0, 10.0)),
    )


@provides(ProgramState)
def program_states() -> SearchStrategy[ProgramState]:
    """The first state of a drawn programme (:func:`plantarkit.progression.start`)."""
    return st.builds(start, programs(max_weeks=3))


@provides(Advance)
@st.composite
def advances(draw: st.DrawFn) -> Advance:
    """The result of advancing a drawn programme's first state by a drawn session."""
    program = draw(programs(max_weeks=3))
    state = start(program)
    day = draw(st.integers(1, 14))
    logs: list[ExerciseLog] = []
    for e in state.exercises:
        if draw(BOOLS):
            most = e.dose.max_sets or e.dose.sets
            sets = draw(st.lists(reals(0, 60), max_size=most))
            logs.append(ExerciseLog(exercise=e.exercise, sets=tuple(sets)))
    pain = attrs.evolve(draw(pain_reports(day=day)), exercise=None)
    flags = draw(st.one_of(st.none(), red_flag_screens()))
    log = SessionLog(day=day, exercises=tuple(logs), pain=(pain,), red_flags=flags)
    return advance(program, state, log)


@provides(Decision)
def decisions() -> SearchStrategy[Decision]:
    """An exercise's decision in a drawn session."""
    return (
        advances()
        .filter(lambda a: bool(a.decisions))
        .flatmap(lambda a: st.sampled_from(a.decisions))
    )


@provides(PhaseDecision)
def phase_decisions() -> SearchStrategy[PhaseDecision]:
    """The phase's decision in a drawn session."""
    return advances().map(lambda a: a.phase)


@provides(Reason)
def reasons() -> SearchStrategy[Reason]:
    """A reason given for a decision (an exercise's or the phase's) of a drawn session."""
    return (
        advances()
        .flatmap(lambda a: st.sampled_from(a.all_decisions))
        .flatmap(lambda d: st.sampled_from(d.reasons))
    )


@provides(TodayItem)
def today_items() -> SearchStrategy[TodayItem]:
    """One exercise of a day: an exercise, a dose, due or not, and why."""
    return st.builds(
        TodayItem,
        exercise=exercises(),
        dose=prescriptions(),
        due=BOOLS,
        why=st.sampled_from(("every day", "a rest day is due", "3 days a week, 1 done")),
        side=st.none() | st.sampled_from(Side),
    )


@provides(Today)
@st.composite
def todays(draw: st.DrawFn) -> Today:
    """A day's session: its day, items, advice and pain rules; stopped or not."""
    day = draw(st.integers(1, 3650))
    stopped = draw(st.none() | referrals())
    items = draw(st.lists(today_items(), max_size=3))
    if stopped is not None:
        items = [attrs.evolve(i, due=False) for i in items]
    return Today(
        day=day,
        phase=draw(st.sampled_from(("early", "middle", "later"))),
        items=tuple(items),
        advice=tuple(draw(st.lists(advice_items(), max_size=2))),
        pain_rules=tuple(draw(st.lists(pain_rules(), max_size=2))),
        date=draw(st.none() | st.dates()),
        stopped=stopped,
        note=draw(st.sampled_from(("", "A rest day: nothing is due today."))),
    )


@provides(ExerciseAdherence)
@st.composite
def exercise_adherences(draw: st.DrawFn) -> ExerciseAdherence:
    """One exercise's counts: done never above prescribed."""
    prescribed = draw(st.integers(0, 90))
    return ExerciseAdherence(
        exercise=draw(st.sampled_from(("clam", "high_load_heel_raise", "toe_yoga"))),
        prescribed=prescribed,
        done=draw(st.integers(0, prescribed)),
        extra=draw(st.integers(0, 10)),
    )


@provides(WeekAdherence)
@st.composite
def week_adherences(draw: st.DrawFn) -> WeekAdherence:
    """One week's counts: done never above prescribed."""
    prescribed = draw(st.integers(0, 60))
    return WeekAdherence(
        week=draw(st.integers(1, 52)),
        prescribed=prescribed,
        done=draw(st.integers(0, prescribed)),
        missed_days=draw(st.integers(0, 7)),
    )


@provides(Adherence)
@st.composite
def adherences(draw: st.DrawFn) -> Adherence:
    """Adherence up to a day: weeks, exercises, missed days and streaks that agree."""
    through = draw(st.integers(0, 400))
    longest = draw(st.integers(0, through))
    last = draw(st.none() | st.integers(1, through)) if through else None
    return Adherence(
        through_day=through,
        exercises=tuple(draw(st.lists(exercise_adherences(), max_size=3))),
        weeks=tuple(draw(st.lists(week_adherences(), max_size=3))),
        missed_days=tuple(draw(st.lists(st.integers(1, 3650), unique=True, max_size=4))),
        streak=draw(st.integers(0, longest)),
        longest_streak=longest,
        last_session_day=last,
    )


_ALERT_KINDS = (
    RedFlagStop.kind,
    PainAboveLimit.kind,
    MorningPainRising.kind,
    MissedSessions.kind,
    LongGap.kind,
)


@provides(Alert)
def alert_values() -> SearchStrategy[Alert]:
    """An alert of any severity, with or without numbers and a citation."""
    numbers = st.none() | st.integers(0, 100) | st.floats(0, 10, allow_nan=False)
    return st.builds(
        Alert,
        rule=st.sampled_from(
            [
                c.kind
                for c in (RedFlagStop, PainAboveLimit, MorningPainRising, MissedSessions, LongGap)
            ]
        ),
        severity=st.sampled_from(AlertSeverity),
        text=st.sampled_from(("3 training days in a row missed", "stopped: fever")),
        day=st.integers(0, 3650),
        value=numbers,
        threshold=numbers,
        citation=st.none() | citations(),
    )


@provides_family("alert_rule")
def _alert_rule_members() -> dict[type[Any], SearchStrategy[Any]]:
    return {
        RedFlagStop: st.just(RedFlagStop()),
        PainAboveLimit: st.builds(
            PainAboveLimit,
            limit=st.integers(0, 10),
            sessions=st.integers(1, 5),
            citation=citations(),
        ),
        MorningPainRising: st.builds(
            MorningPainRising,
            weeks=st.integers(1, 4),
            min_rise=st.sampled_from((0, 1, 2, 2.5)),
            citation=citations(),
        ),
        MissedSessions: st.builds(MissedSessions, count=st.integers(1, 10)),
        LongGap: st.builds(LongGap, days=st.integers(1, 30)),
    }
