"""Example tests that kill mutants of the rules and the engine (see CONTRIBUTING.md).

Expected values come from the dose rule (every set reaches the prescribed work; to
fatigue means more than the count) and the mastery rule (``sessions_to_progress``
good sessions, no more), worked out by hand, exactly at the threshold and one short.
"""

import attrs
import pytest

import plantarkit
from plantarkit.exercises import Prescription, Reps
from plantarkit.plans import build_program
from plantarkit.progression import ExerciseLog, ProgramState, RuleContext, start
from plantarkit.progression.engine._exercise import Outcome, _met
from plantarkit.progression.engine._phase import _mastered
from plantarkit.progression.rules._base import not_yet


@pytest.fixture
def state() -> ProgramState:
    return start(build_program(plantarkit.example_assessment(), "staged", weeks=12))


@pytest.mark.parametrize(
    ("sets", "met"),
    [
        ((12.0, 12.0, 12.0), True),  # exactly the dose
        ((12.0, 11.0, 12.0), False),  # one set one repetition short
        ((11.0, 11.0, 11.0), False),
    ],
)
def test_a_set_one_repetition_short_does_not_meet_the_dose(
    sets: tuple[float, ...], met: bool
) -> None:
    dose = Prescription(sets=3, work=Reps(count=12))
    assert _met(dose, ExerciseLog(exercise="x", sets=sets))[0] is met


@pytest.mark.parametrize(("reps", "met"), [(12.0, False), (13.0, True)])
def test_to_fatigue_means_more_than_the_count(reps: float, met: bool) -> None:
    dose = Prescription(sets=2, work=Reps(count=12, to_fatigue=True))
    assert _met(dose, ExerciseLog(exercise="x", sets=(reps, reps)))[0] is met


@pytest.mark.parametrize(("good", "mastered"), [(1, False), (2, True), (3, True)])
def test_mastery_needs_exactly_the_needed_good_sessions(
    state: ProgramState, good: int, mastered: bool
) -> None:
    ex = attrs.evolve(state.exercises[0], good_sessions=good, eased_from=None, row=None)
    outcome = Outcome(decision=None, state=ex, verdict=None, stepped=False)  # type: ignore[arg-type]  # unused here
    assert _mastered(ex, outcome, 2, {}) is mastered


@pytest.mark.parametrize(("good", "waits"), [(1, True), (2, False)])
def test_a_step_waits_for_exactly_the_needed_good_sessions(good: int, waits: bool) -> None:
    ctx = RuleContext(
        day=1, good_sessions=good, sessions_to_progress=2, catalogue=plantarkit.catalogue()
    )
    assert (not_yet("a step", None, ctx, None) is not None) is waits
    assert (not_yet("a step", 3, ctx, None) is not None) is True  # an own count of 3 wins
