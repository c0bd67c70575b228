"""Example tests that kill mutants of the rules and the engine (see CONTRIBUTING.md).

Expected values come from the dose rule (every set reaches the prescribed work; to
fatigue means more than the count) and the mastery rule (``sessions_to_progress``
good sessions, no more), worked out by hand, exactly at the threshold and one short.
"""

from typing import Any

import attrs
import pytest

import plantarkit
from plantarkit import InvalidValueError
from plantarkit._core.errors import Problem
from plantarkit.exercises import Frequency, Load, Prescription, Reps
from plantarkit.plans import build_program
from plantarkit.progression import (
    EngineRules,
    ExerciseLog,
    ExerciseState,
    LadderUp,
    LessLoad,
    ProgramState,
    RuleContext,
    start,
)
from plantarkit.progression.engine._exercise import Outcome, _met
from plantarkit.progression.engine._phase import _entering, _mastered
from plantarkit.progression.engine._values import _rule_tuple
from plantarkit.progression.rules import PROGRESSION_TYPES
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


def _custom(ex: ExerciseState, ctx: RuleContext) -> None:
    return None


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ((LadderUp(), _custom), None),  # a built-in rule and a function
        ((), None),
        ([LadderUp()], Problem("$.progression", "expected a tuple of progression rule, got list")),
        (
            (LadderUp(), LadderUp),
            Problem(
                "$.progression[1]",
                "expected a progression rule or a function, got the class LadderUp",
            ),
        ),
        (
            (LessLoad(),),
            Problem("$.progression[0]", "expected a progression rule or a function, got LessLoad"),
        ),
        ((3,), Problem("$.progression[0]", "expected a progression rule or a function, got int")),
    ],
    ids=["rule-and-function", "empty", "a-list", "a-class", "a-regression-rule", "a-number"],
)
def test_the_engines_rule_lists_take_rule_values_or_functions(
    value: object, error: Problem | None
) -> None:
    # The validator EngineRules uses, built here (its fields' own copies are built at import).
    check = _rule_tuple(PROGRESSION_TYPES, "progression rule")
    field = attrs.fields(EngineRules).progression
    if error is None:
        check(None, field, value)
        return
    with pytest.raises(InvalidValueError) as raised:
        check(None, field, value)
    assert raised.value.problems == (error,)


# --- entering the next phase: the level reached is kept ---------------------------------------

CAT = plantarkit.catalogue()
DAILY, EVERY_OTHER_DAY = Frequency.daily(), Frequency.every_other_day()


def clam_at(
    rung: int, freq: Frequency = DAILY, eased: Prescription | None = None, **kw: Any
) -> ExerciseState:
    """The clam ladder: the clam on rung 0, the banded clam (light, medium band) on 1 and 2."""
    name = "clam" if rung == 0 else "banded_clam"
    dose = attrs.evolve(CAT.ladder("clam").steps[rung].dose or CAT[name].dose, frequency=freq)
    return ExerciseState(exercise=name, dose=dose, ladder="clam", rung=rung, eased_from=eased, **kw)


def test_a_new_phase_keeps_a_higher_rung_at_the_new_phases_frequency() -> None:
    eased = attrs.evolve(clam_at(2).dose, sets=4)  # eased off from 4 sets of the medium band
    climbed = clam_at(2, eased=eased, good_sessions=3)
    new = clam_at(0, EVERY_OTHER_DAY, progression=(LadderUp(),))
    kept = ExerciseState(
        exercise="banded_clam",
        dose=clam_at(2, EVERY_OTHER_DAY).dose,
        ladder="clam",
        rung=2,
        progression=(LadderUp(),),  # the new phase's slot rules
        eased_from=attrs.evolve(eased, frequency=EVERY_OTHER_DAY),
    )
    assert _entering((climbed,), (new,)) == ((kept,), (kept,))
    # the highest rung reached counts, whatever the order of the states
    lower = clam_at(1)
    for current in ((climbed, lower), (lower, climbed)):
        states, _ = _entering(current, (new,))
        assert [(e.exercise, e.rung) for e in states] == [("banded_clam", 2)]


def test_a_passed_rung_is_left_out_when_the_exercise_reached_enters_too() -> None:
    climbed = clam_at(2, good_sessions=3)
    entering = (clam_at(0, EVERY_OTHER_DAY), clam_at(1, EVERY_OTHER_DAY))
    kept = attrs.evolve(entering[1], dose=clam_at(2, EVERY_OTHER_DAY).dose, rung=2)
    assert _entering((climbed,), entering) == ((kept,), (kept,))


def test_a_new_phase_at_or_above_the_level_reached_takes_its_own_dose() -> None:
    new = clam_at(1, EVERY_OTHER_DAY)
    assert _entering((clam_at(1, good_sessions=3),), (new,)) == ((new,), ())  # same rung
    on_table = clam_at(0, row=0)  # a weekly dose table sets its own doses
    assert _entering((clam_at(2),), (on_table,)) == ((on_table,), ())


def test_a_new_phase_keeps_the_weight_and_the_easing_of_the_same_exercise() -> None:
    def clam(sets: int, count: int, load: Load | None = None, **kw: Any) -> Prescription:
        return Prescription(sets=sets, work=Reps(count=count), load=load or Load(), **kw)

    loaded = ExerciseState(exercise="clam", dose=clam(3, 10, Load.backpack(5)), good_sessions=2)
    new = ExerciseState(exercise="clam", dose=clam(3, 12, frequency=EVERY_OTHER_DAY))
    with_weight = attrs.evolve(new, dose=clam(3, 12, Load.backpack(5), frequency=EVERY_OTHER_DAY))
    assert _entering((loaded,), (new,)) == ((with_weight,), ())
    # eased off to 3 x 8 from 3 x 10: it stays at 3 x 8 and builds up to the new 3 x 12
    eased = ExerciseState(exercise="clam", dose=clam(3, 8), eased_from=clam(3, 10))
    stays = attrs.evolve(new, dose=clam(3, 8, frequency=EVERY_OTHER_DAY), eased_from=new.dose)
    assert _entering((eased,), (new,)) == ((stays,), ())
    # eased off to what the new phase asks anyway: not eased off any more
    at_new = ExerciseState(exercise="clam", dose=clam(3, 12), eased_from=clam(3, 15))
    assert _entering((at_new,), (new,)) == ((new,), ())
    # not eased, the same dose: the new phase's state as it is
    assert _entering((attrs.evolve(new, good_sessions=4),), (new,)) == ((new,), ())
