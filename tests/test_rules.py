"""Progression and regression rules: each rule's steps and limits, and their invariants."""

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import plantarkit
from plantarkit import InvalidValueError, Pain, testing
from plantarkit.exercises import (
    BandResistance,
    Hold,
    Load,
    LoadKind,
    Prescription,
    Reps,
    RunWalk,
)
from plantarkit.plans import Program, build_program
from plantarkit.progression import (
    DEFAULT_REGRESSION,
    DoubleProgression,
    EngineRules,
    ExerciseLog,
    ExerciseState,
    FewerSets,
    LadderDown,
    LadderUp,
    LessLoad,
    LessWork,
    LoadUp,
    Only,
    PainReport,
    ProgramState,
    Proposal,
    RuleContext,
    RunWalkUp,
    SessionLog,
    VolumeUp,
    WeeklyTable,
    advance,
    start,
)
from plantarkit.progression.rules import propose

CAT = plantarkit.catalogue()


def ctx(good: int = 2, week: int = 1, **kwargs: Any) -> RuleContext:
    day = (week - 1) * 7 + 1  # the week's first day
    return RuleContext(day=day, good_sessions=good, sessions_to_progress=2, catalogue=CAT, **kwargs)


def state(exercise: str = "clam", dose: Prescription | None = None, **kwargs: Any) -> ExerciseState:
    return ExerciseState(
        exercise=exercise, dose=dose if dose is not None else CAT[exercise].dose, **kwargs
    )


def reps(sets: int, count: int, load: Load | None = None) -> Prescription:
    return Prescription(sets=sets, work=Reps(count=count), load=load or Load())


def calm(during: int = 1) -> PainReport:
    return PainReport(day=1, during=Pain(during))


# --- progression rules, one by one -----------------------------------------------------------


def test_ladder_up_waits_for_its_sessions_then_takes_one_rung() -> None:
    on_ladder = state(ladder="clam", rung=0)
    waiting = LadderUp().propose(on_ladder, ctx(good=1))
    assert waiting is not None
    assert waiting.to is None
    assert "1 of 2 good sessions" in waiting.text
    up = LadderUp().propose(on_ladder, ctx(good=2))
    assert up is not None
    assert up.to is not None
    assert (up.to.exercise, up.to.rung, up.to.ladder) == ("banded_clam", 1, "clam")
    assert LadderUp(sessions=3).propose(on_ladder, ctx(good=2)).to is None  # type: ignore[union-attr]


def test_ladder_up_does_not_apply_off_a_ladder_or_at_its_top() -> None:
    assert LadderUp().propose(state(), ctx()) is None
    top = len(CAT.ladder("clam").steps) - 1
    assert LadderUp().propose(state("banded_clam", ladder="clam", rung=top), ctx()) is None


@pytest.mark.parametrize(("during", "counts"), [(2, True), (3, False), (None, False)])
def test_ladder_up_with_a_pain_limit(during: int | None, counts: bool) -> None:
    # The clinic run/walk scheme: only sessions with pain at most 2/10 while running count.
    rule = LadderUp(max_pain_during=2)
    pain = PainReport(day=1, during=None if during is None else Pain(during))
    proposal = rule.propose(state("run_walk", ladder="run_walk", rung=0), ctx(pain=pain))
    assert proposal is not None
    assert (proposal.to is not None) is counts
    assert proposal.counts is counts


def test_weekly_table_moves_one_row_at_a_time_and_keeps_built_up_load() -> None:
    rows = (reps(3, 12), reps(4, 10), reps(5, 8))  # Rathleff's table, all rows reached
    heel = state("high_load_heel_raise", dose=reps(3, 12, Load.backpack(5)), row=0)
    moved = WeeklyTable().propose(heel, ctx(schedule=rows, week=5))
    assert moved is not None
    assert moved.to is not None
    assert (moved.to.dose.sets, moved.to.dose.work, moved.to.row) == (4, Reps(count=10), 1)
    assert moved.to.dose.load == Load.backpack(5)  # the weight built up stays
    assert "week 5" in moved.text
    own_kg = (reps(3, 12), reps(4, 10, Load.backpack(2)))  # a row that sets its own kg wins
    lighter = WeeklyTable().propose(heel, ctx(schedule=own_kg))
    assert lighter is not None
    assert lighter.to is not None
    assert lighter.to.dose.load.kg == 2


def test_weekly_table_goes_back_to_its_row_after_easing_off() -> None:
    rows = (reps(3, 12), reps(4, 10))
    eased = state("high_load_heel_raise", dose=reps(3, 10), row=1)  # a set fewer than row 1
    waiting = WeeklyTable().propose(eased, ctx(good=1, schedule=rows))
    assert waiting is not None
    assert waiting.to is None
    back = WeeklyTable().propose(eased, ctx(good=2, schedule=rows))
    assert back is not None
    assert back.to is not None
    assert (back.to.dose, back.to.row) == (reps(4, 10), 1)  # its row, not past it


def test_weekly_table_keeps_the_dose_or_hands_over_to_its_within_rules() -> None:
    heel = state("high_load_heel_raise", dose=reps(3, 12), row=0)
    assert WeeklyTable().propose(heel, ctx()) is None  # no table: not this rule's exercise
    kept = WeeklyTable().propose(heel, ctx(schedule=(reps(3, 12),)))
    assert kept is not None
    assert kept.to is None
    assert kept.rule == ""  # the table itself decided
    loaded = WeeklyTable(within=(LoadUp(step_kg=2),)).propose(heel, ctx(schedule=(reps(3, 12),)))
    assert loaded is not None
    assert loaded.to is not None
    assert loaded.to.dose.load == Load.backpack(2)
    assert loaded.to.row == 0
    assert loaded.rule == "load_up"  # the reason names the rule that added the load


def test_composite_rules_name_the_rule_that_decided() -> None:
    clam = state("clam", dose=reps(3, 10))
    for rule in (
        Only(rules=(LoadUp(),)),
        Only(rules=(VolumeUp(max_sets=3), LoadUp())),  # at 3 sets already: the next rule
        Only(rules=(Only(rules=(LoadUp(),)),)),  # nested: the innermost rule
    ):
        found = propose((rule,), clam, ctx(), path="$")
        assert found is not None
        assert found[0].to is not None
        assert found[1] == "load_up"
    alone = propose((LoadUp(),), clam, ctx(), path="$")
    assert alone is not None
    assert alone[1] == "load_up"


def test_a_custom_rule_may_name_the_part_that_decided() -> None:
    def mine(ex: ExerciseState, c: RuleContext) -> Proposal | None:
        return Proposal(to=None, text="wait", rule="my_wait")

    def plain(ex: ExerciseState, c: RuleContext) -> Proposal | None:
        return Proposal(to=None, text="wait")

    clam = state("clam", dose=reps(3, 10))
    assert propose((mine,), clam, ctx(), path="$") == (
        Proposal(to=None, text="wait", rule="my_wait"),
        "my_wait",
    )
    found = propose((plain,), clam, ctx(), path="$")
    assert found is not None
    assert found[1] == "plain"


def test_an_exercise_on_a_table_does_not_ladder_down() -> None:
    heel = state("high_load_heel_raise", ladder="calf_raise", rung=3, row=0)
    assert LadderDown().propose(heel, ctx(schedule=(reps(3, 12),))) is None
    assert LadderDown().propose(heel, ctx()) is not None


def test_rules_check_their_arguments() -> None:
    with pytest.raises(InvalidValueError, match=r"\$\.ctx"):
        LadderUp().propose(state(), None)  # type: ignore[arg-type]  # on purpose
    with pytest.raises(InvalidValueError, match=r"\$\.ex"):
        LadderUp().propose("clam", ctx())  # type: ignore[arg-type]  # on purpose
    with pytest.raises(InvalidValueError, match=r"\$\.catalogue"):
        RuleContext(day=1, good_sessions=0, sessions_to_progress=2, catalogue=None)  # type: ignore[arg-type]  # on purpose


@pytest.mark.parametrize(
    ("load", "expected"),
    [
        (Load.body_weight(), Load.backpack(2.5)),
        (Load.backpack(5), Load.backpack(7.5)),
        (Load.elastic_band(BandResistance.LIGHT), Load.elastic_band(BandResistance.MEDIUM)),
    ],
)
def test_load_up_steps(load: Load, expected: Load) -> None:
    proposal = LoadUp().propose(state(dose=reps(3, 10, load)), ctx())
    assert proposal is not None
    assert proposal.to is not None
    assert proposal.to.dose.load == expected
    assert proposal.to.dose.work == Reps(count=10)  # only the load changes


def test_load_up_limits() -> None:
    assert LoadUp(max_kg=6).propose(state(dose=reps(3, 10, Load.backpack(5))), ctx()) is None
    strongest = state(
        dose=reps(3, 10, Load.elastic_band(BandResistance.HEAVY)), ladder="clam", rung=0
    )
    assert LoadUp().propose(strongest, ctx()) is None  # at its limit: a later rule may act
    then = propose((LoadUp(), LadderUp()), strongest, ctx(), path="$")
    assert then is not None
    assert then[1] == "ladder_up"
    chosen = state(dose=reps(3, 10, Load.external()))  # "choose a weight": no kg known
    unknown = LoadUp().propose(chosen, ctx())
    assert unknown is not None
    assert unknown.to is None
    assert "kg" in unknown.text
    logged = LoadUp().propose(chosen, ctx(done=ExerciseLog(exercise="clam", load_kg=4)))
    assert logged is not None
    assert logged.to is not None
    assert logged.to.dose.load == Load.external(6.5)
    with pytest.raises(InvalidValueError, match=r"\$\.carrier"):
        LoadUp(carrier=LoadKind.BODY_WEIGHT)


def test_double_progression_builds_reps_then_adds_load() -> None:
    rule = DoubleProgression(low=8, high=12, rep_step=2, load_step_kg=2.5)
    ex = state(dose=reps(3, 8, Load.external(10)))
    seen = []
    for _ in range(4):
        proposal = rule.propose(ex, ctx())
        assert proposal is not None
        assert proposal.to is not None
        ex = proposal.to
        seen.append((ex.dose.work.count, ex.dose.load.kg))  # type: ignore[union-attr]
    assert seen == [(10, 10), (12, 10), (8, 12.5), (10, 12.5)]


def test_double_progression_without_a_load_step_hands_over_at_the_top() -> None:
    rule = DoubleProgression(low=8, high=15, load_step_kg=None)
    at_aim = state(dose=reps(3, 15), ladder="clam", rung=0)
    assert rule.propose(at_aim, ctx()) is None
    # Composed with the ladder: build reps to the aim, then make it harder.
    found = propose((rule, LadderUp()), at_aim, ctx(), path="$")
    assert found is not None
    assert found[1] == "ladder_up"
    with pytest.raises(InvalidValueError, match=r"\$\.high"):
        DoubleProgression(low=12, high=8)


def test_volume_up_goes_from_the_published_start_to_the_published_goal() -> None:
    # inhome-pt: isometric calf raise holds from 3 × 30 s towards 5 × 45 s.
    ex = state("isometric_calf_raise", dose=Prescription(sets=3, work=Hold(seconds=30)))
    path = []
    while (proposal := VolumeUp().propose(ex, ctx())) is not None:
        assert proposal.to is not None
        ex = proposal.to
        path.append((ex.dose.sets, ex.dose.work.seconds))  # type: ignore[union-attr]
    assert path == [(3, 35), (3, 40), (3, 45), (4, 45), (5, 45)]


def test_run_walk_up_adds_running_and_keeps_the_session_length() -> None:
    ex = state("run_walk")  # 10 × (1 min run / 2 min walk): 30 minutes
    proposal = RunWalkUp().propose(ex, ctx(pain=calm(2)))
    assert proposal is not None
    assert proposal.to is not None
    work = proposal.to.dose.work
    assert isinstance(work, RunWalk)
    assert (work.run_seconds, work.walk_seconds, work.rounds) == (120, 120, 8)  # ~32 minutes
    sore = RunWalkUp().propose(ex, ctx(pain=calm(3)))
    assert sore is not None
    assert sore.to is None
    assert not sore.counts
    assert RunWalkUp().propose(state(), ctx(pain=calm(0))) is None  # not run/walk work


def test_only_scopes_rules() -> None:
    rule = Only(rules=(LoadUp(),), exercises=("clam",), work=("reps",))
    assert rule.propose(state("clam", dose=reps(3, 10)), ctx()) is not None
    assert rule.propose(state("banded_clam", dose=reps(3, 10)), ctx()) is None
    with pytest.raises(InvalidValueError, match=r"\$\.rules"):
        Only(rules=())
    with pytest.raises(InvalidValueError, match=r"\$\.rules\[0\]"):
        Only(rules=(LessLoad(),))  # type: ignore[arg-type]  # a regression rule
    with pytest.raises(InvalidValueError, match=r"\$\.work\[0\]"):
        Only(rules=(LoadUp(),), work=("sprints",))


# --- regression rules -------------------------------------------------------------------------


def test_regression_rules() -> None:
    banded = state("banded_clam", ladder="clam", rung=1)
    down = LadderDown().propose(banded, ctx())
    assert down is not None
    assert down.to is not None
    assert down.to.exercise == "clam"
    assert LadderDown().propose(state(ladder="clam", rung=0), ctx()) is None
    lighter = LessLoad().propose(state(dose=reps(3, 10, Load.backpack(2))), ctx())
    assert lighter is not None
    assert lighter.to is not None
    assert lighter.to.dose.load == Load.body_weight()
    band = LessLoad().propose(state(dose=reps(3, 10, Load.elastic_band())), ctx())
    assert band is not None
    assert band.to is not None
    assert band.to.dose.load == Load.body_weight()
    fewer = FewerSets(min_sets=2).propose(state(dose=reps(3, 10)), ctx())
    assert fewer is not None
    assert fewer.to is not None
    assert fewer.to.dose.sets == 2
    assert FewerSets(min_sets=3).propose(state(dose=reps(3, 10)), ctx()) is None
    less = LessWork().propose(state(dose=reps(1, 10)), ctx())
    assert less is not None
    assert less.to is not None
    assert less.to.dose.work == Reps(count=8)
    assert LessWork().propose(state(dose=reps(1, 1)), ctx()) is None


# --- invariants -------------------------------------------------------------------------------


@given(testing.progression_rules(), testing.exercise_states())
def test_no_rule_steps_up_before_enough_good_sessions(rule: Any, ex: ExerciseState) -> None:
    # Every built-in rule waits for at least one good session (sessions >= 1), so with
    # none a rule may only keep the dose: stepping up is never free.
    proposal = rule.propose(ex, ctx(good=0, pain=calm(0)))
    assert proposal is None or proposal.to is None


@given(testing.regression_rules(), testing.exercise_states())
def test_regression_rules_never_make_the_work_harder(rule: Any, ex: ExerciseState) -> None:
    proposal = rule.propose(ex, ctx())
    if proposal is None or proposal.to is None:
        return
    new, old = proposal.to, ex
    if new.exercise != old.exercise or new.rung != old.rung:
        assert isinstance(rule, LadderDown)
        assert new.rung is not None
        assert old.rung is not None
        assert new.rung == old.rung - 1
        return
    assert new.dose != old.dose
    assert new.dose.sets <= old.dose.sets
    assert new.dose.time_under_tension() <= old.dose.time_under_tension()
    assert (new.dose.load.kg or 0) <= (old.dose.load.kg or 0)


@given(testing.progression_rules(), testing.exercise_states(), st.integers(0, 6))
def test_rules_are_deterministic_and_take_at_most_one_step(
    rule: Any, ex: ExerciseState, good: int
) -> None:
    first = rule.propose(ex, ctx(good=good, pain=calm(0)))
    assert first == rule.propose(ex, ctx(good=good, pain=calm(0)))
    if first is not None and first.to is not None:
        assert first.to.exercise == ex.exercise or first.to.rung == (ex.rung or 0) + 1
        assert first.to.progression == ex.progression  # the exercise keeps its rules


def test_default_regression_always_eases_a_catalogue_dose() -> None:
    for exercise in CAT:
        found = propose(DEFAULT_REGRESSION, state(exercise.id), ctx(), path="$")
        assert found is not None, exercise.id
        assert found[0].to is not None, exercise.id


# --- the engine with rules --------------------------------------------------------------------


def _program(protocol: str = "staged") -> Program:
    return build_program(plantarkit.example_assessment(), protocol, weeks=12)


def _program_state(protocol: str = "staged") -> tuple[Program, ProgramState]:
    program = _program(protocol)
    return program, start(program)


def _full(s: Any, day: int, during: int = 1) -> SessionLog:
    logs = tuple(ExerciseLog(exercise=e.exercise, sets=_sets(e.dose)) for e in s.exercises)
    pain = PainReport(
        day=day,
        first_step=Pain(2),
        during=Pain(during),
        after=Pain(1),
        next_morning=Pain(2),
        settled_minutes=1,
    )
    return SessionLog(day=day, exercises=logs, pain=(pain,))


def _sets(dose: Prescription) -> tuple[float, ...]:
    work = dose.work
    if isinstance(work, Reps):
        per: float = work.count + (1 if work.to_fatigue else 0)
    elif isinstance(work, RunWalk):
        per = work.rounds
    else:
        per = work.seconds
    return (per,) * dose.sets


def test_engine_uses_custom_callables_and_names_them() -> None:
    def add_a_set(ex: ExerciseState, context: RuleContext) -> Proposal | None:
        if context.good_sessions < 1 or ex.dose.sets >= 5:
            return None
        more = attrs.evolve(ex.dose, sets=ex.dose.sets + 1)
        return Proposal(to=attrs.evolve(ex, dose=more), text="one more set")

    rules = EngineRules(progression=(add_a_set,))
    program, s = _program_state()
    result = advance(program, s, _full(s, 1), rules=rules)
    clam = next(d for d in result.decisions if d.exercise == "clam")
    assert clam.reasons[0].rule == "add_a_set"
    assert clam.dose is not None
    assert clam.dose.sets == s.exercise("clam").dose.sets + 1
    with pytest.raises(InvalidValueError, match=r"\$\.progression\[0\]: add_a_set .*JSON"):
        plantarkit.dumps(rules)


def test_a_custom_rule_returning_garbage_is_a_clear_error() -> None:
    def broken(ex: ExerciseState, context: RuleContext) -> Any:
        return "harder please"

    program, s = _program_state()
    with pytest.raises(InvalidValueError, match=r"\$\.rules\.progression\[1\].*broken.*str"):
        advance(program, s, _full(s, 1), rules=EngineRules(progression=(WeeklyTable(), broken)))
    with pytest.raises(InvalidValueError, match=r"\$\.progression\[0\]"):
        EngineRules(progression=(42,))  # type: ignore[arg-type]


def test_a_greedy_custom_rule_cannot_beat_the_pain_rule() -> None:
    def always_harder(ex: ExerciseState, context: RuleContext) -> Proposal:
        more = attrs.evolve(ex.dose, sets=min(20, ex.dose.sets + 1))
        return Proposal(to=attrs.evolve(ex, dose=more), text="more")

    program, s = _program_state()
    result = advance(
        program, s, _full(s, 1, during=8), rules=EngineRules(progression=(always_harder,))
    )
    assert all(d.action.value == "regress" for d in result.decisions)


def test_the_high_load_protocol_adds_backpack_load_within_a_week() -> None:
    program, s = _program_state("high_load")
    loads, added_by = [], set()
    for day in (1, 3, 5, 7, 9, 11, 13):
        result = advance(program, s, _full(s, day))
        before, s = s.exercise("high_load_heel_raise").dose.load, result.state
        loads.append(s.exercise("high_load_heel_raise").dose.load)
        if loads[-1] != before:
            (heel,) = [d for d in result.decisions if d.exercise == "high_load_heel_raise"]
            added_by |= {r.rule for r in heel.reasons}
    assert loads[0] == Load.body_weight()
    assert Load.backpack(2.5) in loads  # added after two manageable sessions
    assert added_by == {"load_up"}  # the rule inside the weekly table, named as such
    week3 = advance(program, s, _full(s, 15)).state.exercise("high_load_heel_raise").dose
    assert (week3.sets, week3.rm) == (4, 10)
    assert week3.load.kind is LoadKind.BACKPACK  # the weight built up is kept


def test_state_and_rules_round_trip_with_slot_rules() -> None:
    _, s = _program_state("high_load")
    heel = s.exercise("high_load_heel_raise")
    assert isinstance(heel.progression[0], WeeklyTable)
    text = plantarkit.dumps(s)
    assert '"kind": "weekly_table"' in text
    assert plantarkit.loads(text, type(s)) == s


def test_rules_stop_at_the_limits_a_dose_can_record() -> None:
    heavy = state(dose=reps(3, 10, Load.backpack(499)))
    assert LoadUp().propose(heavy, ctx()) is None  # 501.5 kg would not fit a dose
    assert LoadUp().propose(state(dose=reps(3, 10, Load.backpack(497))), ctx()) is not None
    long_hold = state("isometric_calf_raise", dose=Prescription(sets=3, work=Hold(seconds=600)))
    more = VolumeUp(max_seconds=900, max_sets=4).propose(long_hold, ctx())
    assert more is not None
    assert more.to is not None
    assert (more.to.dose.sets, more.to.dose.work) == (4, Hold(seconds=600))  # sets, not 605 s
    with pytest.raises(InvalidValueError, match=r"\$\.work"):
        Only(rules=(LoadUp(),), work=("reps", "reps"))


@given(testing.prescriptions(), st.data())
def test_building_back_moves_towards_the_target_and_never_past_it(
    target: Prescription, data: st.DataObject
) -> None:
    from plantarkit.exercises._arithmetic import built_back

    # an eased-off dose: what the regression rules make of the target, a few times over
    dose = target
    for _ in range(data.draw(st.integers(min_value=1, max_value=6))):
        found = propose(DEFAULT_REGRESSION, state("clam", dose=dose), ctx(), path="$")
        if found is None or found[0].to is None:
            break
        dose = found[0].to.dose
    steps = 0
    while dose != target:
        new = built_back(dose, target)
        assert new != dose  # always a step
        assert new.sets <= target.sets
        assert new.time_under_tension() <= target.time_under_tension() + 1e-9
        assert new.sets >= dose.sets
        assert new.time_under_tension() >= dose.time_under_tension() - 1e-9
        dose, steps = new, steps + 1
        assert steps <= 30


def test_a_rung_that_changes_only_how_often_says_how_often() -> None:
    rung = CAT.variant("toe_yoga", 0)
    toes = ExerciseState(exercise="toe_yoga", dose=rung.dose, ladder="toe_yoga", rung=0)
    up = LadderUp().propose(toes, ctx())
    assert up is not None
    assert up.to is not None
    assert up.to.dose.brief() == toes.dose.brief()  # the same sets and repetitions
    assert str(up.to.dose.frequency) in up.text
    assert up.to.dose.frequency != toes.dose.frequency
