"""Example tests that kill mutants of the rules and the engine (see CONTRIBUTING.md).

Expected values come from the dose rule (every set reaches the prescribed work; to
fatigue means more than the count) and the mastery rule (``sessions_to_progress``
good sessions, no more), worked out by hand, exactly at the threshold and one short.
"""

from typing import Any

import attrs
import pytest

import plantarkit
from plantarkit import Citation, Grade, InvalidValueError, Pain
from plantarkit._core.errors import Problem
from plantarkit.exercises import (
    Frequency,
    Hold,
    Load,
    PlantarLoad,
    Prescription,
    Reps,
    RunWalk,
    Timed,
)
from plantarkit.plans import Phase, Protocol, Slot, build_program
from plantarkit.progression import (
    Action,
    EngineRules,
    ExerciseLog,
    ExerciseState,
    LadderUp,
    LessLoad,
    PainReport,
    PhaseDecision,
    ProgramState,
    Reason,
    ReasonKind,
    RuleContext,
    SessionLog,
    advance,
    start,
)
from plantarkit.progression.engine._exercise import Outcome, _met
from plantarkit.progression.engine._phase import _entering, _mastered
from plantarkit.progression.engine._start import phase_exercises
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


# --- whether a session met its dose, and how it went in words --------------------------------


@pytest.mark.parametrize(
    ("dose", "log", "expected"),
    [
        (
            Prescription(sets=3, work=Reps(count=12), load=Load.external(10)),
            ExerciseLog(exercise="x", sets=(12.0, 12.0, 12.0), load_kg=9.5),
            (False, "9.5 kg used of 10 kg prescribed"),
        ),
        (
            Prescription(sets=3, work=Reps(count=12), load=Load.external(10)),
            ExerciseLog(exercise="x", sets=(12.0, 12.0, 12.0), load_kg=10),
            (True, "lowest set 12 reps (at least 12 needed)"),
        ),
        (
            Prescription(sets=3, work=Reps(count=12)),
            ExerciseLog(exercise="x", sets=(12.0, 12.0)),
            (False, "2 of 3 sets done"),
        ),
        (
            Prescription(sets=2, work=Reps(count=12, to_fatigue=True)),
            ExerciseLog(exercise="x", sets=(14.0, 13.0)),
            (True, "lowest set 13 reps (more than 12 needed)"),
        ),
        (
            Prescription(sets=2, work=Hold(seconds=30)),
            ExerciseLog(exercise="x", sets=(30.0, 30.0)),
            (True, "shortest hold 30 s of 30 s"),
        ),
        (
            Prescription(sets=2, work=Hold(seconds=30)),
            ExerciseLog(exercise="x", sets=(30.0, 29.5)),
            (False, "shortest hold 29.5 s of 30 s"),
        ),
        (
            Prescription(sets=1, work=Timed(seconds=60)),
            ExerciseLog(exercise="x", sets=(60.0,)),
            (True, "shortest bout 60 s of 60 s"),
        ),
        (
            Prescription(sets=1, work=Timed(seconds=60)),
            ExerciseLog(exercise="x", sets=(59.0,)),
            (False, "shortest bout 59 s of 60 s"),
        ),
        (
            Prescription(work=RunWalk(rounds=5, run_seconds=60, walk_seconds=60)),
            ExerciseLog(exercise="x", sets=(5.0,)),
            (True, "fewest intervals 5 of 5"),
        ),
        (
            Prescription(work=RunWalk(rounds=5, run_seconds=60, walk_seconds=60)),
            ExerciseLog(exercise="x", sets=(4.0,)),
            (False, "fewest intervals 4 of 5"),
        ),
    ],
    ids=[
        "lighter",
        "as-heavy",
        "a-set-short",
        "past-fatigue",
        "hold",
        "hold-short",
        "bout",
        "bout-short",
        "intervals",
        "an-interval-short",
    ],
)
def test_a_log_meets_its_dose_exactly_at_the_dose(
    dose: Prescription, log: ExerciseLog, expected: tuple[bool, str]
) -> None:
    assert _met(dose, log) == expected


# --- a flare in maintenance steps back a phase ------------------------------------------------


def _two_phases() -> Protocol:
    """Strength (the clam and toe yoga), then a maintenance phase of the clam alone."""
    first = Phase(
        id="strength",
        name="Strength",
        start_week=1,
        end_week=1,
        slots=(Slot(item="clam"), Slot(item="toe_yoga")),
        max_plantar_load=PlantarLoad.LOW,
    )
    keep = attrs.evolve(
        first,
        id="keep_going",
        name="Keep going",
        start_week=2,
        end_week=None,
        maintenance=True,
        slots=(Slot(item="clam"),),
    )
    return Protocol(id="two_step", name="Two steps", phases=(first, keep))


def _all_done(s: ProgramState, day: int, pain: PainReport) -> SessionLog:
    logs = []
    for e in s.exercises:
        work = e.dose.work
        assert isinstance(work, Reps)
        logs.append(ExerciseLog(exercise=e.exercise, sets=(float(work.count),) * e.dose.sets))
    return SessionLog(day=day, exercises=tuple(logs), pain=(pain,))


def _calm(day: int) -> PainReport:
    one = Pain(1)
    return PainReport(day=day, first_step=one, during=one, after=one, next_morning=one)


def test_a_flare_in_maintenance_goes_back_to_the_phase_before_with_its_exercises() -> None:
    rules = EngineRules(min_days_in_phase=1)
    program = build_program(None, _two_phases(), weeks=4)
    s, day = start(program), 1
    while s.phase_index == 0:
        day += 1
        s = advance(program, s, _all_done(s, day, _calm(day)), rules=rules).state
    assert s.phase_id == "keep_going"
    light = CAT.variant("clam", 1)  # on the rung above the clam: easing off goes back to it
    up = ExerciseState(exercise="banded_clam", dose=light.dose, ladder="clam", rung=1)
    s = attrs.evolve(s, exercises=(up,))
    sore = PainReport(day=day + 1, during=Pain(8), after=Pain(3), next_morning=Pain(3))
    result = advance(program, s, _all_done(s, day + 1, sore), rules=rules)
    flare = Reason(
        rule=ReasonKind.FLARE,
        text="pain flared in maintenance (banded_clam): back to 'strength' to build up again"
        " from a level that was pain-free",
        citation=Citation(
            source="exakt-2021",
            grade=Grade.U,
            detail="keep a routine after pain settles; stepping back a phase on a flare is"
            " plantarkit's",
        ),
    )
    assert result.phase == PhaseDecision(phase="strength", action=Action.REGRESS, reasons=(flare,))
    assert (result.state.phase_index, result.state.phase_start_day) == (0, day + 2)
    assert (result.session_phase, result.state.phase_id) == ("keep_going", "strength")
    (eased,) = [o for o in result.state.exercises if o.exercise == "clam"]
    (toes,) = phase_exercises(program, "strength", CAT)[1:]  # toe yoga comes back at its start
    assert result.state.exercises == (eased, toes)
    assert all(d.reasons[-1] == flare for d in result.decisions)
    assert result.summary.endswith(" Pain flared: back to phase 'strength'.")
