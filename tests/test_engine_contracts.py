"""The engine's contracts in full: exact errors, the limits at their edge, what rules are shown.

Example tests written against mutants that survived ``mutmut run`` over
``progression/engine`` (see CONTRIBUTING.md): each names a behaviour an app relies on
(the path and words of an error, a limit exactly at and one past its value, the context a
custom rule is given, the numbers a reason carries) and checks it exactly.
"""

from typing import Any

import attrs
import pytest

import plantarkit
from plantarkit import InvalidValueError, Pain, UnknownIdError
from plantarkit.plans import Program
from plantarkit.progression import (
    MAX_DAYS_AHEAD,
    MAX_DAYS_PAST_PLAN,
    PAIN_HISTORY_DAYS,
    PAIN_MAX_REPORTS,
    Action,
    Advance,
    Decision,
    EngineRules,
    ExerciseLog,
    ExerciseState,
    PainReport,
    PhaseDecision,
    ProgramState,
    Proposal,
    Reason,
    ReasonKind,
    RuleContext,
    SessionLog,
    advance,
    start,
)
from plantarkit.progression.engine._values import PAIN_KEPT_REPORTS


def staged() -> Program:
    return plantarkit.build_program(plantarkit.example_assessment(), "staged", weeks=12)


def in_full(state: ProgramState, name: str) -> ExerciseLog:
    dose = state.exercise(name).dose
    work: Any = dose.work
    count = getattr(work, "count", None) or getattr(work, "seconds", None) or work.rounds
    return ExerciseLog(exercise=name, sets=(float(count),) * dose.sets)


def report(day: int, during: int = 1, morning: int = 2) -> PainReport:
    return PainReport(
        day=day,
        first_step=Pain(morning),
        during=Pain(during),
        after=Pain(1),
        next_morning=Pain(morning),
        settled_minutes=1,
    )


def error_of(call: Any) -> str:
    with pytest.raises(InvalidValueError) as info:
        call()
    return str(info.value)


# -- wrong arguments and logs that do not fit -----------------------------------------------


def test_wrong_arguments_name_the_argument_and_what_was_given() -> None:
    program = staged()
    state = start(program)
    log = SessionLog(day=1)
    call: Any = advance  # wrong types on purpose
    assert error_of(lambda: call("p", state, log)) == "$.program: expected a Program, got str"
    assert error_of(lambda: call(program, 1, log)) == "$.state: expected a ProgramState, got int"
    assert error_of(lambda: call(program, state, None)) == "$: expected a SessionLog, got NoneType"


def test_a_log_that_does_not_fit_the_state_says_each_problem_exactly() -> None:
    program = staged()
    state = advance(program, start(program), SessionLog(day=3)).state
    names = ", ".join(e.exercise for e in state.exercises)
    clam = in_full(state, "clam")
    log = SessionLog(
        day=3,
        exercises=(
            ExerciseLog(exercise="toe_yoga", sets=(10.0,)),
            clam,
            clam,
            attrs.evolve(clam, exercise="bodyweight_squat", sets=(15.0,) * 4),
        ),
    )
    with pytest.raises(InvalidValueError) as info:
        advance(program, state, log)
    problems = [str(p) for p in info.value.problems]
    assert problems == [
        "$.day: must be after the last logged day (3), got 3",
        f"$.exercises[0].exercise: 'toe_yoga' is not in the current phase ({names})",
        "$.exercises[2].exercise: 'clam' logged twice",
        "$.exercises[3].sets: 4 sets done of 3 prescribed; add a note to log extra sets",
    ]


def test_a_day_exactly_max_days_ahead_is_taken_and_one_more_is_refused() -> None:
    program = staged()
    state = start(program)
    assert advance(program, state, SessionLog(day=MAX_DAYS_AHEAD)).state.day == MAX_DAYS_AHEAD
    message = error_of(lambda: advance(program, state, SessionLog(day=MAX_DAYS_AHEAD + 1)))
    assert message == (
        f"$.day: at most {MAX_DAYS_AHEAD} days after the last logged day (0), got"
        f" {MAX_DAYS_AHEAD + 1}: is the day right? (a longer break: log the days in between)"
    )


def test_a_day_exactly_max_days_past_the_plan_is_taken_and_one_more_is_refused() -> None:
    program = plantarkit.build_program(None, "high_load", weeks=2)
    last = 2 * 7 + MAX_DAYS_PAST_PLAN
    state = start(program)
    for day in range(100, last - 50, 100):
        state = advance(program, state, SessionLog(day=day)).state
    assert advance(program, state, SessionLog(day=last)).state.day == last
    message = error_of(lambda: advance(program, state, SessionLog(day=last + 1)))
    assert message == (
        f"$.day: at most {MAX_DAYS_PAST_PLAN} days past the programme's 14 planned days"
        f" (day {last}), got {last + 1}: build a longer programme"
    )


def test_an_unknown_exercise_of_a_state_is_an_unknown_id() -> None:
    state = start(staged())
    with pytest.raises(UnknownIdError) as info:
        state.exercise("toe_yoga")
    assert info.value.kind == "exercise"
    assert info.value.key == "toe_yoga"
    assert info.value.suggestions == tuple(e.exercise for e in state.exercises)
    assert str(info.value).startswith("unknown exercise id 'toe_yoga'")


# -- an Advance holds together --------------------------------------------------------------


def _an_advance() -> Advance:
    program = staged()
    state = start(program)
    return advance(program, state, SessionLog(day=1))


def test_an_advance_with_a_decision_twice_is_refused_exactly() -> None:
    a = _an_advance()
    twice = (*a.decisions, a.decisions[0])
    assert error_of(lambda: attrs.evolve(a, decisions=twice)) == (
        "$.decisions: one decision per exercise, each once"
    )


def test_an_advance_whose_phase_decision_names_another_phase_is_refused_exactly() -> None:
    a = _an_advance()
    other = PhaseDecision(phase="middle", action=Action.HOLD, reasons=a.phase.reasons)
    assert error_of(lambda: attrs.evolve(a, phase=other)) == (
        "$.phase.phase: the phase decision names 'middle', the state is in 'early'"
    )


def test_an_advance_whose_phase_action_does_not_match_its_phases_is_refused_exactly() -> None:
    a = _an_advance()
    moved = attrs.evolve(a.phase, action=Action.PROGRESS)
    assert error_of(lambda: attrs.evolve(a, phase=moved)) == (
        "$.session_phase: a phase progress changes the phase, but the session was in"
        " 'early' and the state is in 'early'"
    )
    later = attrs.evolve(a.state, phase_index=1, phase_id="middle")
    held = PhaseDecision(phase="middle", action=Action.HOLD, reasons=a.phase.reasons)
    assert error_of(lambda: attrs.evolve(a, state=later, phase=held)) == (
        "$.session_phase: a phase hold keeps the phase, but the session was in"
        " 'early' and the state is in 'middle'"
    )


def test_a_decision_reads_as_its_exercise_action_and_first_reason() -> None:
    decision = Decision(
        exercise="clam",
        action=Action.HOLD,
        reasons=(Reason(rule="dose", text="2 of 3 sets done: keep this dose"),),
        dose=start(staged()).exercise("clam").dose,
    )
    text = str(decision)
    assert text.startswith("clam: hold")
    assert "2 of 3 sets done: keep this dose" in text


# -- what custom rules are shown ------------------------------------------------------------


class Spy:
    """A custom rule that proposes nothing and keeps every context it is shown."""

    def __init__(self) -> None:
        self.seen: list[tuple[ExerciseState, RuleContext]] = []

    def __call__(self, ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        self.seen.append((ex, ctx))
        return None


def test_a_progression_rule_sees_the_log_the_ratings_and_how_it_went() -> None:
    program = staged()
    state = start(program)
    spy = Spy()
    rules = EngineRules(progression=(spy,), protocol_rules=False)
    done = in_full(state, "clam")
    advance(program, state, SessionLog(day=1, exercises=(done,), pain=(report(1),)), rules=rules)
    ((ex, ctx),) = [(e, c) for e, c in spy.seen if e.exercise == "clam"]
    assert ctx.done == done
    assert ctx.pain is not None
    assert ctx.pain.during == Pain(1)
    assert ctx.good_sessions == ex.good_sessions + 1 == 1
    assert ctx.how == "lowest set 15 reps (at least 15 needed)"
    assert ctx.day == 1


def test_a_regression_rule_sees_the_log_and_the_highest_ratings_on_a_flare() -> None:
    program = staged()
    state = start(program)
    spy = Spy()
    rules = EngineRules(regression=(spy,), protocol_rules=False)
    done = in_full(state, "clam")
    log = SessionLog(day=1, exercises=(done,), pain=(report(1, during=3), report(1, during=8)))
    result = advance(program, state, log, rules=rules)
    assert next(d for d in result.decisions if d.exercise == "clam").action is Action.REGRESS
    ((_, ctx),) = [(e, c) for e, c in spy.seen if e.exercise == "clam"]
    assert ctx.done == done
    assert ctx.pain is not None
    assert ctx.pain.during == Pain(8)  # the highest of the day's reports
    assert ctx.how == ""


def test_a_regression_rule_after_a_long_gap_sees_the_log_but_no_ratings() -> None:
    program = staged()
    state = start(program)
    done = in_full(state, "clam")
    state = advance(program, state, SessionLog(day=1, exercises=(done,), pain=(report(1),))).state
    spy = Spy()
    rules = EngineRules(regression=(spy,), protocol_rules=False, gap_days=7)
    gap_log = SessionLog(day=10, exercises=(in_full(state, "clam"),), pain=(report(10),))
    result = advance(program, state, gap_log, rules=rules)
    decision = next(d for d in result.decisions if d.exercise == "clam")
    assert decision.action is Action.REGRESS
    gap = decision.reasons[0]
    assert (gap.rule, gap.measure, gap.value, gap.threshold) == (ReasonKind.GAP, "gap_days", 9, 7)
    assert gap.text == "9 days since the last session (more than 7)"
    ((_, ctx),) = [(e, c) for e, c in spy.seen if e.exercise == "clam"]
    assert ctx.done == gap_log.exercises[0]
    assert ctx.pain is None


def test_a_gap_exactly_gap_days_long_is_no_gap() -> None:
    program = staged()
    state = start(program)
    state = advance(
        program, state, SessionLog(day=1, exercises=(in_full(state, "clam"),), pain=(report(1),))
    ).state
    log = SessionLog(day=8, exercises=(in_full(state, "clam"),), pain=(report(8),))
    result = advance(program, state, log, rules=EngineRules(gap_days=7))
    clam = next(d for d in result.decisions if d.exercise == "clam")
    assert ReasonKind.GAP not in {r.rule for r in clam.reasons}


def test_at_the_easiest_dose_the_step_back_says_what_to_do() -> None:
    program = staged()
    state = start(program)
    rules = EngineRules(regression=(), protocol_rules=False)
    log = SessionLog(day=1, exercises=(in_full(state, "clam"),), pain=(report(1, during=8),))
    flare = next(
        d for d in advance(program, state, log, rules=rules).decisions if d.exercise == "clam"
    )
    assert flare.action is Action.REGRESS
    assert flare.reasons[-1].rule == ReasonKind.REGRESSION
    assert flare.reasons[-1].text == (
        "already at the easiest dose: do less or rest, and see a clinician if pain persists"
    )
    state = advance(
        program, state, SessionLog(day=1, exercises=(in_full(state, "clam"),), pain=(report(1),))
    ).state
    back = SessionLog(day=20, exercises=(in_full(state, "clam"),), pain=(report(20),))
    gap = next(
        d for d in advance(program, state, back, rules=rules).decisions if d.exercise == "clam"
    )
    assert gap.reasons[-1].text == "already at the easiest dose: start again gently at it"


# -- building back up after easing off in place ---------------------------------------------


def test_building_back_holds_until_the_good_sessions_then_steps_with_its_numbers() -> None:
    program = plantarkit.build_program(plantarkit.example_assessment(), "high_load", weeks=12)
    state = start(program)
    name = "high_load_heel_raise"
    before = state.exercise(name)
    eased_dose = attrs.evolve(before.dose, sets=before.dose.sets - 1)
    state = attrs.evolve(
        state,
        exercises=tuple(
            attrs.evolve(e, dose=eased_dose, eased_from=before.dose) if e.exercise == name else e
            for e in state.exercises
        ),
    )
    rules = EngineRules(sessions_to_progress=2)
    first = advance(
        program,
        state,
        SessionLog(day=1, exercises=(in_full(state, name),), pain=(report(1),)),
        rules=rules,
    )
    held = next(d for d in first.decisions if d.exercise == name)
    why = held.reasons[0]
    assert held.action is Action.HOLD
    assert (why.rule, why.measure, why.value, why.threshold) == (
        ReasonKind.BUILD_BACK,
        "good_sessions",
        1,
        2,
    )
    assert why.text.endswith(
        f"; 1 of 2 good sessions before building back up to {before.dose.brief()}"
    )
    kept = first.state.exercise(name)
    assert (kept.good_sessions, kept.eased_from, kept.row) == (1, before.dose, before.row)
    second = advance(
        program,
        first.state,
        SessionLog(day=3, exercises=(in_full(first.state, name),), pain=(report(3),)),
        rules=rules,
    )
    stepped = next(d for d in second.decisions if d.exercise == name)
    why = stepped.reasons[0]
    assert stepped.action is Action.PROGRESS
    assert (why.measure, why.value, why.threshold) == ("good_sessions", 2, 2)
    assert f"; 2 good sessions: back to the dose eased off from: {before.dose.brief()}" in why.text
    back = second.state.exercise(name)
    assert (back.dose, back.eased_from, back.good_sessions, back.row) == (
        before.dose,
        None,
        0,
        before.row,
    )


# -- how much pain history a state keeps ----------------------------------------------------


def _with_history(reports: tuple[PainReport, ...]) -> tuple[Program, ProgramState]:
    program = staged()
    state = attrs.evolve(start(program), pain=reports, day=reports[-1].day)
    return program, state


def test_up_to_pain_kept_reports_are_kept_whole() -> None:
    reports = tuple(report(d) for d in range(1, PAIN_KEPT_REPORTS))
    program, state = _with_history(reports)
    day = PAIN_KEPT_REPORTS
    kept = advance(program, state, SessionLog(day=day, pain=(report(day),))).state.pain
    assert len(kept) == PAIN_KEPT_REPORTS
    assert kept[0].day == 1


def test_past_pain_kept_reports_the_last_history_days_are_kept() -> None:
    reports = tuple(report(d) for d in range(1, PAIN_KEPT_REPORTS + 1))
    program, state = _with_history(reports)
    day = PAIN_KEPT_REPORTS + 1
    kept = advance(program, state, SessionLog(day=day, pain=(report(day),))).state.pain
    assert len(kept) == PAIN_HISTORY_DAYS
    assert kept[0].day == day - PAIN_HISTORY_DAYS + 1
    assert kept[-1].day == day


def test_many_reports_a_day_are_cut_to_the_newest_max_reports() -> None:
    per_day = 10
    reports = tuple(report(d) for d in range(1, 61) for _ in range(per_day))[:PAIN_MAX_REPORTS]
    program, state = _with_history(reports)
    day = reports[-1].day + 1
    kept = advance(program, state, SessionLog(day=day, pain=(report(day),) * 5)).state.pain
    assert len(kept) == PAIN_MAX_REPORTS
    assert kept[-1].day == day
    assert [r.day for r in kept] == sorted(r.day for r in kept)


# -- what the phase gates see ---------------------------------------------------------------


@pytest.mark.parametrize(("day", "weeks"), [(7, 1), (13, 1), (14, 2), (21, 3), (6, 0)])
def test_gates_see_whole_weeks_in_the_phase(day: int, weeks: int) -> None:
    from plantarkit.progression.engine._phase import _evidence

    program = staged()
    state = start(program)  # the phase started on day 1
    evidence = _evidence(program, state, SessionLog(day=day), True, set())
    assert evidence.weeks_in_phase == weeks
    later = attrs.evolve(state, day=7, phase_start_day=8)
    assert _evidence(program, later, SessionLog(day=day + 7), False, set()).weeks_in_phase == weeks


def test_gates_see_the_state_and_the_programme_as_they_are() -> None:
    from plantarkit.plans import PainMeasure
    from plantarkit.progression.engine._phase import _evidence

    program = staged()
    assert program.report is not None
    state = attrs.evolve(start(program), pain=(report(1, during=4, morning=3),), day=1)
    evidence = _evidence(
        program, state, SessionLog(day=2), False, {PainMeasure.DURING, PainMeasure.FIRST_STEP}
    )
    assert evidence.mastered is False
    assert evidence.red_flags is False
    assert evidence.tests == state.tests
    assert evidence.trendelenburg == state.trendelenburg
    assert evidence.painful_sides == program.report.assessment.symptoms.painful_sides
    assert {(r.measure, int(r.pain)) for r in evidence.pain} == {
        (PainMeasure.DURING, 4),
        (PainMeasure.FIRST_STEP, 3),
    }
    bare = plantarkit.build_program(None, "staged", weeks=12)
    assert _evidence(bare, start(bare), SessionLog(day=2), True, set()).painful_sides == ()


# -- the phase decision ---------------------------------------------------------------------


def test_a_phase_holds_for_its_days_with_the_numbers() -> None:
    program = staged()
    result = advance(program, start(program), SessionLog(day=1))
    (why,) = result.phase.reasons
    assert (why.rule, why.measure, why.value, why.threshold) == (
        ReasonKind.PHASE,
        "days_in_phase",
        1,
        7,
    )
    assert why.text == "1 of at least 7 days in 'early'"


def test_a_flare_names_every_exercise_that_flared_and_the_phase_waits() -> None:
    program = staged()
    state = attrs.evolve(start(program), day=9)
    done = tuple(in_full(state, e.exercise) for e in state.exercises[:2])
    result = advance(
        program, state, SessionLog(day=10, exercises=done, pain=(report(10, during=8),))
    )
    names = ", ".join(d.exercise for d in done)
    assert [r.text for r in result.phase.reasons] == [
        f"a pain rule was broken this session ({names}): the next phase waits"
    ]


@pytest.mark.parametrize(("day", "stale"), [(17, False), (18, True)])
def test_mastery_goes_stale_only_after_more_than_gap_days_without_training(
    day: int, stale: bool
) -> None:
    program = staged()
    state = attrs.evolve(
        start(program),
        exercises=tuple(attrs.evolve(e, good_sessions=5) for e in start(program).exercises),
        day=10,
        last_trained_day=10,
    )
    reasons = [r.text for r in advance(program, state, SessionLog(day=day)).phase.reasons]
    assert ("current exercises mastered: exercises not yet mastered" in reasons) is stale


def _in_foot_resilience() -> tuple[Program, ProgramState]:
    from plantarkit.exercises import catalogue
    from plantarkit.progression.engine._start import phase_exercises

    program = plantarkit.build_program(plantarkit.example_assessment(), "top_down", weeks=12)
    state = attrs.evolve(
        start(program),
        phase_index=2,
        phase_id="foot_resilience",
        exercises=phase_exercises(program, "foot_resilience", catalogue()),
        day=40,
        last_trained_day=40,
    )
    return program, state


def test_a_phase_without_gates_starts_in_its_usual_week() -> None:
    program, state = _in_foot_resilience()
    usual = (8 - 1) * 7 + 1  # footwear_and_surface starts in week 8, on day 50
    early = advance(program, state, SessionLog(day=usual - 2))
    assert early.phase.action is Action.HOLD
    assert [r.text for r in early.phase.reasons] == [
        "no gates: 'footwear_and_surface' starts in its usual week 8"
    ]
    assert early.phase.reasons[0].rule == ReasonKind.PHASE
    begins = advance(program, state, SessionLog(day=usual - 1))  # the next day is its first
    assert begins.phase.action is Action.PROGRESS
    assert (begins.phase.reasons[0].rule, begins.phase.reasons[0].text) == (
        ReasonKind.PHASE,
        "week 8: 'footwear_and_surface' begins",
    )
    assert begins.state.phase_start_day == usual
    assert begins.state.phase_id == "footwear_and_surface"


def test_a_custom_rules_numbers_and_citation_reach_the_decision() -> None:
    from plantarkit import Citation, Grade

    cited = Citation(source="rathleff-2015", grade=Grade.B, detail="a custom step")

    def step(ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        return Proposal(
            to=None,
            text="holding on purpose",
            measure="effort",
            value=6,
            threshold=7,
            citation=cited,
            rule="my_rule",
        )

    program = staged()
    state = start(program)
    rules = EngineRules(progression=(step,), protocol_rules=False)
    log = SessionLog(day=1, exercises=(in_full(state, "clam"),), pain=(report(1),))
    clam = next(
        d for d in advance(program, state, log, rules=rules).decisions if d.exercise == "clam"
    )
    (why,) = clam.reasons
    assert (why.text, why.measure, why.value, why.threshold, why.citation) == (
        "holding on purpose",
        "effort",
        6,
        7,
        cited,
    )


def test_a_set_logged_as_minus_zero_reads_as_zero() -> None:
    program = staged()
    state = start(program)
    sets = (-0.0,) * state.exercise("clam").dose.sets
    log = SessionLog(
        day=1, exercises=(ExerciseLog(exercise="clam", sets=(*sets[:-1], 1.0)),), pain=(report(1),)
    )
    clam = next(d for d in advance(program, state, log).decisions if d.exercise == "clam")
    assert clam.reasons[0].text.startswith("lowest set 0 reps (at least 15 needed)")


def test_a_custom_regression_rule_is_checked_as_a_step_down() -> None:
    program = staged()
    state = start(program)
    log = SessionLog(day=1, exercises=(in_full(state, "clam"),), pain=(report(1, during=8),))

    def wrong_type(ex: ExerciseState, ctx: RuleContext) -> Any:
        return "easier"

    def harder(ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        if ex.exercise != "clam":
            return None
        up = ctx.catalogue.ladder("clam").steps[1].exercise
        return Proposal(to=attrs.evolve(ex, exercise=up, rung=1), text="up to ease off")

    rules = EngineRules(regression=(wrong_type,), protocol_rules=False)
    assert error_of(lambda: advance(program, state, log, rules=rules)) == (
        "$.rules.regression[0]: the rule wrong_type returned str; expected a Proposal or None"
    )
    rules = EngineRules(regression=(harder,), protocol_rules=False)
    assert error_of(lambda: advance(program, state, log, rules=rules)) == (
        "$.rules.regression[0]: the rule harder switched from 'clam' to 'banded_clam' to ease"
        " off: only the rung below may"
    )
