"""Example tests that kill mutants of the progression and regression rules (see CONTRIBUTING.md).

Each test pins a rule's whole proposal (the step, its reason text, the numbers behind it
and the citation) or the exact error a bad argument gets. Expected values are worked out
by hand from the rule's docstring, exactly at a threshold and one past it.
"""

from collections.abc import Callable
from typing import Any

import attrs
import pytest

import plantarkit
from plantarkit import Grade, InvalidValueError
from plantarkit._core.errors import Problem
from plantarkit._core.evidence import cite
from plantarkit.exercises import BANDS, Hold, Load, LoadKind, Prescription, Reps, RunWalk
from plantarkit.progression import (
    DoubleProgression,
    ExerciseLog,
    ExerciseState,
    FewerSets,
    LadderUp,
    LessWork,
    LoadUp,
    Only,
    PainModel,
    PainReport,
    Proposal,
    RuleContext,
    RunWalkUp,
    Verdict,
    VolumeUp,
    WeeklyTable,
    evaluate,
    verdict,
)
from plantarkit.progression.rules import propose
from plantarkit.progression.rules._base import sessions_field

CAT = plantarkit.catalogue()
CITE = cite("exakt-2021", Grade.U, "a citation of the test's own")


def ctx(good: int = 2, day: int = 1, **kwargs: Any) -> RuleContext:
    return RuleContext(day=day, good_sessions=good, sessions_to_progress=2, catalogue=CAT, **kwargs)


def state(exercise: str = "clam", dose: Prescription | None = None, **kwargs: Any) -> ExerciseState:
    return ExerciseState(
        exercise=exercise, dose=dose if dose is not None else CAT[exercise].dose, **kwargs
    )


def reps(
    count: int, minimum: int | None = None, load: Load | None = None, **kw: Any
) -> Prescription:
    return Prescription(sets=3, work=Reps(count=count, minimum=minimum), load=load or Load(), **kw)


def keep(text: str, value: float, need: float, citation: Any = CITE) -> Proposal:
    """The keep proposal of a rule still waiting for its good sessions."""
    return Proposal(
        to=None,
        text=text,
        measure="good_sessions",
        value=value,
        threshold=need,
        citation=citation,
    )


# --- what every rule shares ------------------------------------------------------------------


def test_the_sessions_field_takes_1_to_50_or_none() -> None:
    @attrs.frozen
    class Probe:  # the field helper's own check, as each rule's ``sessions`` uses it
        sessions: int | None = sessions_field()

    assert Probe().sessions is None  # None: the engine's sessions_to_progress
    assert Probe(None).sessions is None
    assert Probe(1).sessions == 1
    assert Probe(50).sessions == 50
    for bad in (0, 51):
        with pytest.raises(InvalidValueError, match=r"\$\.sessions"):
            Probe(bad)


def test_a_rule_names_the_argument_of_the_wrong_type() -> None:
    with pytest.raises(InvalidValueError) as ex_error:
        LadderUp().propose("clam", ctx())  # type: ignore[arg-type]  # on purpose
    assert ex_error.value.problems == (Problem("$.ex", "expected an ExerciseState, got str"),)
    with pytest.raises(InvalidValueError) as ctx_error:
        LadderUp().propose(state(), 3)  # type: ignore[arg-type]  # on purpose
    assert ctx_error.value.problems == (Problem("$.ctx", "expected a RuleContext, got int"),)


def test_a_nested_rule_may_switch_exercise_unless_the_new_one_is_in_the_phase() -> None:
    rule = Only(rules=(LadderUp(),))
    on_ladder = state(ladder="clam", rung=0)  # the next rung is another exercise: banded_clam
    up = rule.propose(on_ladder, ctx(in_phase=frozenset({"clam"})))
    assert up is not None
    assert up.to is not None
    assert (up.to.exercise, up.rule) == ("banded_clam", "ladder_up")
    assert rule.propose(on_ladder, ctx(in_phase=frozenset({"clam", "banded_clam"}))) is None


# --- WeeklyTable -----------------------------------------------------------------------------

HEEL = "high_load_heel_raise"


def row(sets: int, count: int) -> Prescription:
    return Prescription(sets=sets, work=Reps(count=count))


RATHLEFF = (row(3, 12), row(4, 10), row(5, 8))  # the weekly table, every row reached


def test_weekly_table_moves_to_the_row_after_the_one_its_dose_is_on() -> None:
    # No row recorded (or one past the rows reached): the dose says which row it is on.
    for recorded in (None, 3):
        ex = state(HEEL, dose=row(4, 10), row=recorded)
        assert WeeklyTable(citation=CITE).propose(ex, ctx(day=29, schedule=RATHLEFF)) == Proposal(
            to=state(HEEL, dose=row(5, 8), row=2),
            text="the protocol's next dose (table of week 5): 5 × 8",
            measure="row",
            value=2,
            citation=CITE,
        )
    # a dose on two rows is on the later one (the table came back to it)
    again = (row(3, 12), row(4, 10), row(3, 12), row(5, 8))
    proposal = WeeklyTable().propose(state(HEEL, dose=row(3, 12)), ctx(schedule=again))
    assert proposal is not None
    assert (proposal.to, proposal.value) == (state(HEEL, dose=row(5, 8), row=3), 3)


def test_weekly_table_takes_a_dose_on_no_row_back_to_the_first() -> None:
    below = state(HEEL, dose=row(2, 12))  # a set short of every row: eased off below row 0
    assert WeeklyTable(citation=CITE).propose(below, ctx(schedule=RATHLEFF)) == Proposal(
        to=state(HEEL, dose=row(3, 12), row=0),
        text="back to the protocol's dose: 3 × 12",
        measure="row",
        value=0,
        citation=CITE,
    )


def test_weekly_table_waits_before_going_back_to_its_row() -> None:
    eased = state(HEEL, dose=row(3, 10), row=1)  # a set fewer than row 1
    rows = RATHLEFF[:2]
    text = "{} of {} good sessions before going back to the table's dose"
    table = WeeklyTable(citation=CITE)
    assert table.propose(eased, ctx(good=1, schedule=rows)) == keep(text.format(1, 2), 1, 2)
    own = WeeklyTable(sessions=3, citation=CITE)
    assert own.propose(eased, ctx(good=2, schedule=rows)) == keep(text.format(2, 3), 2, 3)


def test_weekly_table_at_its_last_row_keeps_the_dose_and_says_the_week() -> None:
    heel = state(HEEL, dose=row(3, 12), row=0)
    proposal = WeeklyTable(citation=CITE).propose(heel, ctx(day=8, schedule=(row(3, 12),)))
    assert proposal == Proposal(
        to=None,
        text="following the protocol's weekly dose table (week 2)",
        measure="week",
        value=2,
        citation=CITE,
    )


# --- LadderUp --------------------------------------------------------------------------------

_EXAKT = LadderUp().citation


def test_ladder_up_names_the_rung_and_how_often_when_only_that_changes() -> None:
    toes = CAT.ladder("toe_yoga")
    first = state("toe_yoga", dose=CAT["toe_yoga"].dose, ladder="toe_yoga", rung=0)
    up = toes.steps[1].dose
    assert up is not None
    assert up.brief() == first.dose.brief()  # the same sets and repetitions, how often differs
    assert LadderUp().propose(first, ctx()) == Proposal(
        to=state("toe_yoga", dose=up, ladder="toe_yoga", rung=1),
        text=f"2 good sessions in a row: next rung of 'toe_yoga' (toe_yoga, {up.brief()},"
        f" {up.frequency})",
        measure="good_sessions",
        value=2,
        threshold=2,
        citation=_EXAKT,
    )


def test_ladder_up_waits_for_its_sessions_and_a_pain_rating() -> None:
    ex = state(ladder="clam", rung=0)
    text = "{} of {} good sessions before the next rung"
    assert LadderUp().propose(ex, ctx(good=1)) == keep(text.format(1, 2), 1, 2, _EXAKT)
    own = LadderUp(sessions=3).propose(ex, ctx(good=3))
    assert own is not None
    assert own.to is not None
    assert (own.value, own.threshold) == (3, 3)
    assert LadderUp(max_pain_during=2).propose(ex, ctx()) == Proposal(
        to=None,
        text="pain during not rated (a step up needs at most 2/10): this session does not"
        " count towards one",
        counts=False,
        measure="during",
        value=None,
        threshold=2,
        citation=_EXAKT,
    )


# --- LoadUp ----------------------------------------------------------------------------------


def test_load_up_adds_its_step_and_says_so() -> None:
    ex = state(dose=reps(10, load=Load.backpack(5)))
    assert LoadUp(citation=CITE).propose(ex, ctx()) == Proposal(
        to=state(dose=reps(10, load=Load.backpack(7.5))),
        text="2 good sessions in a row: add load (backpack 7.5 kg)",
        measure="good_sessions",
        value=2,
        threshold=2,
        citation=CITE,
    )
    once = LoadUp(sessions=1).propose(ex, ctx(good=1))
    assert once is not None
    assert once.text == "1 good session: add load (backpack 7.5 kg)"
    assert (once.value, once.threshold) == (1, 1)


def test_load_up_goes_up_to_its_max_and_no_further() -> None:
    ex = state(dose=reps(10, load=Load.backpack(5)))
    at_max = LoadUp(max_kg=7.5).propose(ex, ctx())  # 5 + 2.5 is the max: allowed
    assert at_max is not None
    assert at_max.to == state(dose=reps(10, load=Load.backpack(7.5)))
    assert LoadUp(max_kg=7.4).propose(ex, ctx()) is None
    # a band has no kg: from body weight the first band, whatever max_kg says
    band = LoadUp(carrier=LoadKind.BAND, step_kg=5, max_kg=2).propose(state(dose=reps(10)), ctx())
    assert band is not None
    assert band.to == state(dose=reps(10, load=Load.elastic_band(BANDS[0])))


def test_load_up_waits_for_its_sessions_and_asks_for_the_kg() -> None:
    ex = state(dose=reps(10, load=Load.backpack(5)))
    text = "{} of {} good sessions before adding load"
    assert LoadUp(citation=CITE).propose(ex, ctx(good=1)) == keep(text.format(1, 2), 1, 2)
    own = LoadUp(sessions=3, citation=CITE)
    assert own.propose(ex, ctx(good=2)) == keep(text.format(2, 3), 2, 3)
    chosen = state(dose=reps(10, load=Load.external()))
    assert LoadUp(citation=CITE).propose(chosen, ctx()) == Proposal(
        to=None,
        text="the weight (choose) has no weight in kg: log the kg used so the next step can be set",
        citation=CITE,
    )


# --- pain rules ------------------------------------------------------------------------------


def morning(day: int, first_step: int) -> PainReport:
    return PainReport(day=day, first_step=plantarkit.Pain(first_step))


@pytest.mark.parametrize(
    ("this_week", "found"),
    [((3, 3), Verdict.OK), ((3, 4), Verdict.REDUCE)],
    ids=["at-tolerance", "past-tolerance"],
)
def test_a_weekly_rise_is_judged_on_the_means_past_the_tolerance(
    this_week: tuple[int, int], found: Any
) -> None:
    # Last week one morning at 2; this week two mornings. With a tolerance of 1 point a
    # rise is a mean above 3: (3 + 3) / 2 = 3 is not one, (3 + 4) / 2 = 3.5 is.
    history = (morning(1, 2), morning(8, this_week[0]))
    checks = evaluate(PainModel(weekly_tolerance=1), morning(9, this_week[1]), history)
    (weekly,) = [c for c in checks if c.measure == "weekly_first_step"]
    assert (weekly.verdict, weekly.value, weekly.threshold) == (found, sum(this_week) / 2, 3)


def test_pain_rules_name_the_argument_of_the_wrong_type() -> None:
    report = PainReport(day=1)
    with pytest.raises(InvalidValueError) as bad_report:
        PainModel().judge("a report")  # type: ignore[arg-type]  # on purpose
    assert bad_report.value.problems == (Problem("$.report", "expected a PainReport, got str"),)
    with pytest.raises(InvalidValueError) as bad_history:
        PainModel().judge(report, ("a report",))  # type: ignore[arg-type]  # on purpose
    assert [p.path for p in bad_history.value.problems] == ["$.history[0]"]
    with pytest.raises(InvalidValueError) as bad_rule:
        evaluate("a rule", report)  # type: ignore[arg-type]  # on purpose
    assert bad_rule.value.problems == (Problem("$.rule", "expected a pain rule, got str"),)
    with pytest.raises(InvalidValueError) as bad_checks:
        verdict(("a check",))  # type: ignore[arg-type]  # on purpose
    assert [p.path for p in bad_checks.value.problems] == ["$.checks[0]"]


# --- DoubleProgression -----------------------------------------------------------------------


def double(**kw: Any) -> DoubleProgression:
    return DoubleProgression(low=8, high=12, citation=CITE, **kw)


def test_double_progression_adds_a_repetition_below_the_top() -> None:
    # 8-10 reps at 10 kg: 10 is below the top (12), so one more repetition a set (11, a
    # single number: the range is left behind), the load kept.
    ex = state(dose=reps(10, minimum=8, load=Load.external(10)))
    assert double().propose(ex, ctx()) == Proposal(
        to=state(dose=reps(11, load=Load.external(10))),
        text="double progression: 11 repetitions a set",
        measure="reps",
        value=10,
        threshold=12,
        citation=CITE,
    )


def test_double_progression_at_the_top_adds_load_and_goes_back_to_low() -> None:
    ex = state(dose=reps(12, minimum=10, load=Load.external(10)))  # at high: 10 + 2.5 kg
    assert double().propose(ex, ctx()) == Proposal(
        to=state(dose=reps(8, load=Load.external(12.5))),
        text="double progression: add load (weight 12.5 kg) and go back to 8 repetitions",
        measure="reps",
        value=12,
        threshold=12,
        citation=CITE,
    )


def test_double_progression_waits_for_its_good_sessions() -> None:
    ex = state(dose=reps(10, load=Load.external(10)))
    text = "{} of {} good sessions before the next step"
    assert double().propose(ex, ctx(good=1)) == keep(text.format(1, 2), 1, 2)
    # its own count (3) wins over the engine's (2): two good sessions are one short
    assert double(sessions=3).propose(ex, ctx(good=2)) == keep(text.format(2, 3), 2, 3)


def test_double_progression_stays_within_the_rm() -> None:
    # A 10RM load allows 10 repetitions: 10 is the top (not 12), so load goes on.
    at_rm = state(dose=reps(10, load=Load.external(20), rm=10))
    proposal = double().propose(at_rm, ctx())
    assert proposal is not None
    assert proposal.to == state(dose=reps(8, load=Load.external(22.5), rm=10))
    assert (proposal.value, proposal.threshold) == (10, 10)
    # A 6RM load: the range 8-12 becomes 6-6, so after the load step it is 6 again, not 8.
    six = state(dose=reps(6, load=Load.external(20), rm=6))
    proposal = double().propose(six, ctx())
    assert proposal is not None
    assert proposal.to == state(dose=reps(6, load=Load.external(22.5), rm=6))
    assert (
        proposal.text
        == "double progression: add load (weight 22.5 kg) and go back to 6 repetitions"
    )


def test_double_progression_steps_from_the_logged_weight_and_carries_it_as_told() -> None:
    chosen = state(dose=reps(12, load=Load.external()))  # "choose a weight": 10 kg logged
    proposal = double().propose(chosen, ctx(done=ExerciseLog(exercise="clam", load_kg=10)))
    assert proposal is not None
    assert proposal.to == state(dose=reps(8, load=Load.external(12.5)))
    assert double().propose(chosen, ctx()) is None  # nothing logged: no kg to add to
    body = state(dose=reps(12))
    proposal = double(carrier=LoadKind.BACKPACK).propose(body, ctx())
    assert proposal is not None
    assert proposal.to == state(dose=reps(8, load=Load.backpack(2.5)))


# --- VolumeUp --------------------------------------------------------------------------------

_INHOME = VolumeUp().citation


def hold(sets: int, seconds: float) -> Prescription:
    return Prescription(sets=sets, work=Hold(seconds=seconds))


def test_volume_up_lengthens_a_hold_towards_the_goal() -> None:
    ex = state("isometric_calf_raise", dose=hold(3, 30))
    assert VolumeUp().propose(ex, ctx()) == Proposal(
        to=state("isometric_calf_raise", dose=hold(3, 35)),
        text="longer: 35 s (goal 5 x 45 s)",
        measure="good_sessions",
        value=2,
        threshold=2,
        citation=_INHOME,
    )


def test_volume_up_adds_a_set_of_repetitions() -> None:
    assert VolumeUp(citation=CITE).propose(state(dose=reps(10)), ctx()) == Proposal(
        to=state(dose=attrs.evolve(reps(10), sets=4)),
        text="another set: 4 sets (goal 5 sets)",
        measure="good_sessions",
        value=2,
        threshold=2,
        citation=CITE,
    )


def test_volume_up_waits_for_its_good_sessions() -> None:
    ex = state("isometric_calf_raise", dose=hold(3, 30))
    text = "{} of {} good sessions before more volume"
    assert VolumeUp().propose(ex, ctx(good=1)) == keep(text.format(1, 2), 1, 2, _INHOME)
    assert VolumeUp(sessions=3).propose(ex, ctx(good=2)) == keep(text.format(2, 3), 2, 3, _INHOME)
    done = VolumeUp(sessions=3).propose(ex, ctx(good=3))
    assert done is not None
    assert (done.value, done.threshold) == (3, 3)


# --- RunWalkUp -------------------------------------------------------------------------------

_CLINIC = RunWalkUp().citation


def run_walk(rounds: int, run: float, walk: float) -> Prescription:
    return Prescription(work=RunWalk(rounds=rounds, run_seconds=run, walk_seconds=walk))


def sore(during: int) -> PainReport:
    return PainReport(day=1, during=plantarkit.Pain(during))


def test_run_walk_up_keeps_the_session_length() -> None:
    # 10 x (1 min run / 2 min walk) is 30 min; runs of 2 min: 1800 / 240 = 7.5, rounded to 8.
    ex = state("run_walk", dose=run_walk(10, 60, 120))
    work = RunWalk(rounds=8, run_seconds=120, walk_seconds=120)
    assert RunWalkUp().propose(ex, ctx(pain=sore(2))) == Proposal(
        to=state("run_walk", dose=run_walk(8, 120, 120)),
        text=f"more running: {work}",
        measure="good_sessions",
        value=2,
        threshold=2,
        citation=_CLINIC,
    )
    # without keep_minutes the rounds stay; one round of 1 + 1 min becomes 2 + 1 min:
    # 120 / 180 rounds to 1 (at least one round, never 2)
    kept = RunWalkUp(keep_minutes=False).propose(ex, ctx(pain=sore(0)))
    assert kept is not None
    assert kept.to == state("run_walk", dose=run_walk(10, 120, 120))
    one = RunWalkUp().propose(state("run_walk", dose=run_walk(1, 60, 60)), ctx(pain=sore(0)))
    assert one is not None
    assert one.to == state("run_walk", dose=run_walk(1, 120, 60))


def test_run_walk_up_stops_exactly_at_its_longest_run() -> None:
    rule = RunWalkUp(max_run_seconds=120)
    assert rule.propose(state("run_walk", dose=run_walk(5, 120, 60)), ctx(pain=sore(0))) is None
    below = rule.propose(state("run_walk", dose=run_walk(5, 119, 60)), ctx(pain=sore(0)))
    assert below is not None
    assert below.to == state("run_walk", dose=run_walk(5, 120, 60))  # capped at 120, not 179


def test_run_walk_up_waits_for_pain_and_sessions() -> None:
    ex = state("run_walk", dose=run_walk(10, 60, 120))
    assert RunWalkUp().propose(ex, ctx(pain=sore(3))) == Proposal(
        to=None,
        text="pain during 3/10 (a step up needs at most 2/10): this session does not count"
        " towards one",
        counts=False,
        measure="during",
        value=3,
        threshold=2,
        citation=_CLINIC,
    )
    text = "{} of {} good sessions before more running"
    assert RunWalkUp().propose(ex, ctx(good=1, pain=sore(2))) == keep(
        text.format(1, 2), 1, 2, _CLINIC
    )
    rule = RunWalkUp(sessions=3)  # its own count, not the engine's 2
    assert rule.propose(ex, ctx(good=2, pain=sore(2))) == keep(text.format(2, 3), 2, 3, _CLINIC)
    done = rule.propose(ex, ctx(good=3, pain=sore(2)))
    assert done is not None
    assert (done.value, done.threshold) == (3, 3)


# --- LessWork --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (Reps(count=10, minimum=9), Reps(count=8, minimum=8)),  # the range's low end follows
        (Reps(count=10, minimum=6), Reps(count=8, minimum=6)),  # still below the new count
        (Hold(seconds=10), Hold(seconds=7.5)),  # 10 x 0.75, to a tenth of a second
        (Hold(seconds=2), Hold(seconds=1.5)),  # above the one-second floor
        (Hold(seconds=1.2), Hold(seconds=1)),  # 0.9: at least one second is left
    ],
    ids=["range-low-end", "range-kept", "hold-tenths", "hold-short", "hold-floor"],
)
def test_less_work_takes_its_fraction_off(before: Reps | Hold, after: Reps | Hold) -> None:
    ex = state("isometric_calf_raise", dose=Prescription(sets=3, work=before))
    new = Prescription(sets=3, work=after)
    assert LessWork(citation=CITE).propose(ex, ctx()) == Proposal(
        to=state("isometric_calf_raise", dose=new),
        text=f"less work per set: {new.brief()}",
        citation=CITE,
    )


def test_fewer_sets_drops_the_range_of_sets_too() -> None:
    ex = state(dose=Prescription(sets=3, max_sets=4, work=Reps(count=10)))  # 3-4 sets
    two = Prescription(sets=2, work=Reps(count=10))
    assert FewerSets(citation=CITE).propose(ex, ctx()) == Proposal(
        to=state(dose=two), text="fewer sets: 2", citation=CITE
    )


def test_a_reason_leads_with_how_the_session_went() -> None:
    ex = state(dose=reps(10, load=Load.backpack(5)))
    how = "lowest set 10 reps (at least 10 needed)"
    proposal = LoadUp().propose(ex, ctx(how=how))
    assert proposal is not None
    assert proposal.text == f"{how}; 2 good sessions in a row: add load (backpack 7.5 kg)"
    waiting = LoadUp().propose(ex, ctx(good=1, how=how))
    assert waiting is not None
    assert waiting.text == f"{how}; 1 of 2 good sessions before adding load"


# --- what a custom rule may propose ----------------------------------------------------------


def to(target: ExerciseState) -> Callable[[ExerciseState, RuleContext], Proposal]:
    def custom(ex: ExerciseState, ctx: RuleContext) -> Proposal:
        return Proposal(to=target, text="custom")

    return custom


HIP = "side_lying_hip_abduction"  # one exercise on rungs 0, 1 and 2 of its own ladder


def hip(rung: int | None) -> ExerciseState:
    if rung is None:
        return state(HIP)
    dose = CAT.ladder(HIP).steps[rung].dose or CAT[HIP].dose
    return state(HIP, dose=dose, ladder=HIP, rung=rung)


def clam(rung: int) -> ExerciseState:
    name = "clam" if rung == 0 else "banded_clam"
    dose = CAT.ladder("clam").steps[rung].dose or CAT[name].dose
    return state(name, dose=dose, ladder="clam", rung=rung)


def refused(ex: ExerciseState, target: ExerciseState, direction: Any) -> str:
    """The error a custom rule's step gets ("" when it is taken)."""
    try:
        found = propose((to(target),), ex, ctx(), path="$", direction=direction)
    except InvalidValueError as error:
        (problem,) = error.problems
        assert problem.path == "$[0]"
        return problem.message
    assert found is not None
    assert found[0].to == target
    return ""


@pytest.mark.parametrize(
    ("ex", "target", "direction", "error"),
    [
        (clam(0), clam(1), None, ""),  # no direction: any catalogue state
        (clam(0), clam(1), "up", ""),
        (hip(0), hip(1), "up", ""),
        (hip(0), hip(2), "up", "moved 2 rungs: a step up is one rung at most"),
        (hip(2), hip(None), "up", ""),  # off the ladder: no rungs moved
        (
            clam(0),
            clam(2),
            "up",
            "switched from 'clam' to 'banded_clam': only the next rung may",
        ),
        (clam(1), clam(0), "down", ""),
        (
            clam(2),
            clam(0),
            "down",
            "switched from 'banded_clam' to 'clam' to ease off: only the rung below may",
        ),
        (hip(0), hip(1), "down", "moved up a rung to ease off"),
        (hip(2), hip(1), "down", ""),
        (hip(1), hip(None), "down", ""),  # off the ladder, to the lighter catalogue dose
        (
            state("clam", dose=reps(10)),
            state("clam", dose=attrs.evolve(reps(12), sets=4)),
            "down",
            "made the dose harder to ease off (sets, work: 3 × 10 → 4 × 12)",
        ),
    ],
    ids=[
        "any",
        "up-next-rung",
        "up-same-exercise",
        "up-two-rungs",
        "up-off-ladder",
        "up-switch-two",
        "down-rung-below",
        "down-switch-two",
        "down-up-a-rung",
        "down-same-exercise",
        "down-off-ladder",
        "down-harder",
    ],
)
def test_a_custom_rule_steps_as_the_built_in_rules_do(
    ex: ExerciseState, target: ExerciseState, direction: Any, error: str
) -> None:
    expected = f"the rule custom {error}" if error else ""
    assert refused(ex, target, direction) == expected
