"""Strategies for what a session records: pain reports, test results, exercise and session logs."""

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from plantarkit._core import (
    Side,
)
from plantarkit.progression import (
    ExerciseLog,
    PainReport,
    SessionLog,
    TestKind,
    TestResult,
)
from plantarkit.testing._base import BOOLS, IDS, TEXTS, reals
from plantarkit.testing._chain import red_flag_screens
from plantarkit.testing._core import optional_bilaterals, pains
from plantarkit.testing._table import provides


@provides(PainReport)
@st.composite
def pain_reports(draw: st.DrawFn, *, day: int | None = None) -> PainReport:
    """A pain report with any ratings missing."""
    maybe = st.one_of(st.none(), pains())
    return PainReport(
        day=day if day is not None else draw(st.integers(1, 90)),
        exercise=draw(st.one_of(st.none(), IDS)),
        first_step=draw(maybe),
        during=draw(maybe),
        after=draw(maybe),
        next_morning=draw(maybe),
        stiffness=draw(maybe),
        settled_minutes=draw(st.one_of(st.none(), reals(0, 60))),
    )


@provides(TestResult)
def measured_tests() -> SearchStrategy[TestResult]:
    """A test result on one side or for the whole person."""
    return st.builds(
        TestResult,
        test=st.sampled_from(TestKind),
        value=reals(0, 60),
        side=st.one_of(st.none(), st.sampled_from(Side)),
    )


@provides(ExerciseLog)
@st.composite
def exercise_logs(draw: st.DrawFn, *, exercise: str | None = None) -> ExerciseLog:
    """What was done of one exercise (skipped, or some sets)."""
    skipped = draw(BOOLS)
    return ExerciseLog(
        exercise=exercise if exercise is not None else draw(IDS),
        sets=() if skipped else tuple(draw(st.lists(reals(0, 60), max_size=5))),
        skipped=skipped,
        load_kg=draw(st.one_of(st.none(), reals(0, 40))),
        side=draw(st.one_of(st.none(), st.sampled_from(Side))),
        effort=draw(st.one_of(st.none(), st.integers(0, 10))),
        note=draw(TEXTS),
    )


@provides(SessionLog)
@st.composite
def session_logs(draw: st.DrawFn, *, day: int | None = None) -> SessionLog:
    """A session log (not tied to any state: use it for JSON and validation tests)."""
    when = day if day is not None else draw(st.integers(1, 90))
    exercises = draw(st.lists(exercise_logs(), max_size=3, unique_by=lambda e: e.exercise))
    return SessionLog(
        day=when,
        exercises=tuple(exercises),
        pain=tuple(draw(st.lists(pain_reports(day=when), max_size=2))),
        tests=tuple(draw(st.lists(measured_tests(), max_size=2))),
        trendelenburg=draw(optional_bilaterals(BOOLS)),
        red_flags=draw(st.one_of(st.none(), red_flag_screens())),
    )
