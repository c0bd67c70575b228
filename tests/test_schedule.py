"""The schedule is respected: the prescription's frequency, outlier sets, the side, a stop.

And today's session: what ``today`` lists as due is exactly what the engine counts.
"""

import datetime

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import plantarkit
from plantarkit import InvalidValueError, Pain, Program, Side
from plantarkit.chain import RedFlagScreen
from plantarkit.exercises import Frequency
from plantarkit.plans import day_number, week_and_weekday
from plantarkit.progression import (
    Action,
    Advance,
    EngineRules,
    ExerciseLog,
    PainReport,
    ProgramState,
    ReasonKind,
    SessionLog,
    Today,
    advance,
    start,
    today,
)
from plantarkit.progression.rules import due_today, off_schedule


def calm(day: int) -> PainReport:
    return PainReport(
        day=day,
        first_step=Pain(2),
        during=Pain(1),
        after=Pain(1),
        next_morning=Pain(2),
        settled_minutes=1,
    )


def high_load() -> tuple[Program, ProgramState]:
    program = plantarkit.build_program(plantarkit.example_assessment(), "high_load", weeks=12)
    return program, start(program)


def heel_raise_log(state: ProgramState, day: int, **kw: object) -> SessionLog:
    dose = state.exercise("high_load_heel_raise").dose
    fields: dict[str, object] = {"sets": (12.0,) * dose.sets, **kw}
    done = ExerciseLog(exercise="high_load_heel_raise", **fields)  # type: ignore[arg-type]  # keyword fields of a test
    return SessionLog(day=day, exercises=(done,), pain=(calm(day),))


def decision_of(result: Advance, exercise: str) -> tuple[Action, tuple[str, ...]]:
    d = next(d for d in result.decisions if d.exercise == exercise)
    return d.action, tuple(r.rule for r in d.reasons)


# -- the frequency as a rule ----------------------------------------------------------------


def test_an_every_other_day_exercise_logged_the_next_day_is_held_and_not_counted() -> None:
    program, state = high_load()
    first = advance(program, state, heel_raise_log(state, 1))
    counted = first.state.exercise("high_load_heel_raise").good_sessions
    assert counted == 1
    second = advance(program, first.state, heel_raise_log(first.state, 2))
    action, kinds = decision_of(second, "high_load_heel_raise")
    assert action is Action.HOLD
    assert kinds == (ReasonKind.SCHEDULE,)
    reason = second.decisions[0].reasons[0]
    assert "a rest day is due between sessions" in reason.text
    assert (reason.value, reason.threshold) == (1, 2)
    after = second.state.exercise("high_load_heel_raise")
    assert after.good_sessions == counted  # neither counted nor reset
    assert after.last_done_day == 2  # it was done: the next rest day counts from today


def test_the_rule_can_be_turned_off() -> None:
    program, state = high_load()
    rules = EngineRules(respect_schedule=False)
    first = advance(program, state, heel_raise_log(state, 1), rules=rules)
    second = advance(program, first.state, heel_raise_log(first.state, 2), rules=rules)
    assert decision_of(second, "high_load_heel_raise")[0] is Action.PROGRESS  # counted: 2 of 2


def test_more_sessions_a_week_than_prescribed_do_not_count() -> None:
    weekly = Frequency.weekly(2)
    assert off_schedule(weekly, None, 0, 1) is None
    assert off_schedule(weekly, 1, 1, 2) is None
    third = off_schedule(weekly, 2, 2, 3)
    assert third is not None
    assert (third.measure, third.value, third.threshold) == ("week_sessions", 3, 2)
    assert off_schedule(weekly, 7, 2, 8) is None  # a new programme week: counting restarts


def test_a_non_consecutive_exercise_the_next_day_is_flagged() -> None:
    rule = Frequency.weekly(3, non_consecutive=True)
    found = off_schedule(rule, 4, 1, 5)
    assert found is not None
    assert "never two days in a row" in found.text
    assert off_schedule(rule, 4, 1, 6) is None


frequencies = st.one_of(
    st.builds(Frequency, every_n_days=st.integers(1, 14)),
    st.integers(1, 7).flatmap(
        lambda k: st.builds(
            Frequency.weekly,
            st.just(k),
            non_consecutive=st.booleans() if k <= 4 else st.just(False),
        )
    ),
)


@st.composite
def histories(draw: st.DrawFn) -> tuple[Frequency, int | None, int, int]:
    """A frequency, the last day done and that week's count, and a later day."""
    frequency = draw(frequencies)
    last = draw(st.none() | st.integers(1, 300))
    day = draw(st.integers(1 if last is None else last + 1, 320))
    count = 0 if last is None else draw(st.integers(1, 7 - (last - 1) % 7))
    return frequency, last, count, day


@given(histories())
def test_what_is_due_keeps_to_the_schedule(case: tuple[Frequency, int | None, int, int]) -> None:
    frequency, last, count, day = case
    due, why = due_today(frequency, last, count, day)
    assert why
    if due:
        assert off_schedule(frequency, last, count, day) is None
    if last is None or day - last >= max(7, frequency.every_n_days or 1):
        assert due  # never done, or not for a week (and its interval): always due


@given(histories())
def test_a_week_of_following_due_today_meets_the_weekly_number(
    case: tuple[Frequency, int | None, int, int],
) -> None:
    frequency, _, _, _ = case
    last: int | None = None
    count = 0
    done_in: dict[int, int] = {}
    for day in range(1, 29):
        due, _ = due_today(frequency, last, count, day)
        if due:
            same = last is not None and (last - 1) // 7 == (day - 1) // 7
            count = count + 1 if same else 1
            last = day
            done_in[(day - 1) // 7] = done_in.get((day - 1) // 7, 0) + 1
    for week in range(4):
        done = done_in.get(week, 0)
        per_week = frequency.days_per_week
        if per_week is not None:
            # Four days a week, never two in a row, fits a week only as days 1, 3, 5, 7:
            # then the next week cannot start on its day 1, and has room for three.
            crowded = frequency.non_consecutive and per_week == 4 and week > 0
            assert done == per_week or (crowded and done == per_week - 1)
        else:
            assert frequency.every_n_days is not None
            every = frequency.every_n_days
            assert done >= min(7, 7 // every) if every <= 7 else done <= 1


# -- other things a log can get wrong ----------------------------------------------------------


def test_a_set_far_beyond_the_dose_is_a_flagged_outlier_not_a_good_session() -> None:
    program, state = high_load()
    log = heel_raise_log(state, 1, sets=(80_000.0, 12.0, 12.0))
    result = advance(program, state, log)
    action, kinds = decision_of(result, "high_load_heel_raise")
    assert (action, kinds) == (Action.HOLD, (ReasonKind.OUTLIER,))
    assert "80000" in result.decisions[0].reasons[0].text
    assert result.state.exercise("high_load_heel_raise").good_sessions == 0


def test_a_set_within_the_outlier_factor_still_counts() -> None:
    program, state = high_load()
    result = advance(program, state, heel_raise_log(state, 1, sets=(36.0, 12.0, 12.0)))
    assert ReasonKind.OUTLIER not in decision_of(result, "high_load_heel_raise")[1]
    assert result.state.exercise("high_load_heel_raise").good_sessions == 1


def _one_sided() -> tuple[Program, ProgramState, str, Side]:
    for protocol in ("staged", "top_down", "heel_pain_basics", "high_load"):
        program = plantarkit.build_program(plantarkit.example_assessment(), protocol, weeks=12)
        state = start(program)
        names = {e.exercise for e in state.exercises}
        for item in program.weeks[0].sessions[0].items:
            if item.side is not None and item.exercise in names:
                return program, state, item.exercise, item.side
    raise AssertionError("no built-in programme trains one side only")


def test_the_wrong_side_is_flagged() -> None:
    program, state, exercise, side = _one_sided()
    sets = next(i for i in today(program, state, 1).due if i.exercise.id == exercise).dose.sets
    per = today(program, state, 1).log_in_full().exercises
    work = next(e for e in per if e.exercise == exercise).sets[0]
    wrong = ExerciseLog(exercise=exercise, sets=(work,) * sets, side=side.opposite)
    result = advance(program, state, SessionLog(day=1, exercises=(wrong,), pain=(calm(1),)))
    action, kinds = decision_of(result, exercise)
    assert (action, kinds) == (Action.HOLD, (ReasonKind.SIDE,))
    right = ExerciseLog(exercise=exercise, sets=(work,) * sets, side=side)
    again = advance(program, state, SessionLog(day=1, exercises=(right,), pain=(calm(1),)))
    assert ReasonKind.SIDE not in decision_of(again, exercise)[1]


def test_work_logged_while_stopped_is_reported_back() -> None:
    program, state = high_load()
    stopped = advance(
        program, state, SessionLog(day=1, red_flags=RedFlagScreen(nerve_symptoms=True))
    )
    assert stopped.state.referral is not None
    later = advance(program, stopped.state, heel_raise_log(stopped.state, 3))
    action, kinds = decision_of(later, "high_load_heel_raise")
    assert (action, kinds) == (Action.STOP, (ReasonKind.RED_FLAG, ReasonKind.STOPPED))
    action, kinds = decision_of(later, "clam")  # not logged: only the stop
    assert (action, kinds) == (Action.STOP, (ReasonKind.RED_FLAG,))
    assert later.state.exercise("high_load_heel_raise").last_done_day is None


# -- today ------------------------------------------------------------------------------------


def test_today_lists_what_is_due_at_the_current_doses() -> None:
    program, state = high_load()
    first = today(program, state, 1)
    assert isinstance(first, Today)
    assert [i.exercise.id for i in first.due] == [e.exercise for e in state.exercises]
    result = advance(program, state, first.log_in_full((calm(1),)))
    assert result.state.exercise("high_load_heel_raise").good_sessions == 1
    second = today(program, result.state, 2)
    raise_item = next(i for i in second.items if i.exercise.id == "high_load_heel_raise")
    assert not raise_item.due
    assert "a rest day is due" in raise_item.why
    assert {i.exercise.id for i in second.due} == {"hip_internal_rotation_mobility", "clam"}
    assert today(program, result.state, 1).due == ()  # asked again on the day logged
    assert "done today" in today(program, result.state, 1).items[0].why


def test_today_follows_the_state_not_the_static_plan() -> None:
    program, state = high_load()
    for day in range(1, 22):
        result = advance(program, state, today(program, state, day).log_in_full((calm(day),)))
        state = result.state
    now = today(program, state, 23)
    by_id = {i.exercise.id: i for i in now.items}
    for e in state.exercises:
        assert by_id[e.exercise].dose == e.dose  # the state's dose, not the plan's
    planned = {i.exercise: i.dose for s in program.weeks[3].sessions for i in s.items}
    assert any(planned.get(e.exercise) != e.dose for e in state.exercises)


def test_an_exercise_the_programme_does_not_list_is_displayed_from_the_catalogue() -> None:
    program, state = high_load()
    listed = {e.id for e in program.exercises}
    other = next(e for e in plantarkit.catalogue() if e.id not in listed)
    first = state.exercises[0]
    moved = attrs.evolve(
        state,
        exercises=(
            attrs.evolve(first, exercise=other.id, ladder=None, rung=None),
            *state.exercises[1:],
        ),
    )
    item = today(program, moved, 1).items[0]
    assert item.exercise == other
    assert item.exercise.instructions


def test_a_stopped_programme_has_nothing_due_and_says_why() -> None:
    program, state = high_load()
    stopped = advance(
        program, state, SessionLog(day=1, red_flags=RedFlagScreen(nerve_symptoms=True))
    )
    now = today(program, stopped.state, 2)
    assert now.due == ()
    assert now.stopped is not None
    assert not now.rest_day
    assert "clinician" in now.note


def test_a_rest_day_says_so() -> None:
    program = plantarkit.build_program(None, "high_load", weeks=12)
    state = start(program)
    state = advance(program, state, today(program, state, 1).log_in_full((calm(1),))).state
    # every exercise of high_load without an assessment is every other day or daily: pick a
    # day on which the every-other-day ones rest and check the daily ones are still due
    now = today(program, state, 2)
    assert all(i.due == (i.dose.frequency.every_n_days == 1) for i in now.items), [
        str(i) for i in now.items
    ]


def test_today_carries_the_date_the_week_and_the_pain_rules() -> None:
    start_date = datetime.date(2026, 3, 2)
    program = plantarkit.build_program(None, "staged", weeks=4, start_date=start_date)
    now = today(program, start(program), 9)
    assert (now.week, now.weekday, now.date) == (2, 2, datetime.date(2026, 3, 10))
    assert now.pain_rules
    assert program.day_of(now.date) == 9 if now.date else False


def test_today_round_trips_through_json() -> None:
    program, state = high_load()
    now = today(program, state, 1)
    assert plantarkit.loads(plantarkit.dumps(now), Today) == now


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (0, r"\$\.day: expected a whole number from 1 to 3650, got 0"),
        ("1", r"\$\.day: expected a whole number"),
        (True, r"\$\.day: expected a whole number"),
        (500, r"\$\.day: at most 120 days after the last logged day \(0\), got 500"),
    ],
)
def test_today_refuses_a_bad_day(day: object, message: str) -> None:
    program, state = high_load()
    with pytest.raises(InvalidValueError, match=message):
        today(program, state, day)  # type: ignore[arg-type]  # a wrong argument on purpose


def test_today_refuses_a_day_before_the_last_logged_one_and_a_wrong_programme() -> None:
    program, state = high_load()
    later = advance(program, state, SessionLog(day=5)).state
    with pytest.raises(InvalidValueError, match=r"\$\.day: must not be before the last logged"):
        today(program, later, 4)
    other = plantarkit.build_program(None, "staged", weeks=12)
    with pytest.raises(InvalidValueError, match=r"\$\.state\.program_fingerprint"):
        today(other, state, 1)
    with pytest.raises(InvalidValueError, match=r"\$\.rules: expected EngineRules"):
        today(program, state, 1, rules="strict")  # type: ignore[arg-type]  # on purpose


@pytest.mark.parametrize("protocol", ["staged", "top_down", "high_load", "heel_pain_basics"])
@settings(max_examples=5, deadline=None)
@given(skip=st.lists(st.booleans(), min_size=60, max_size=60))
def test_a_session_logged_as_today_says_is_never_off_schedule(
    protocol: str, skip: list[bool]
) -> None:
    program = plantarkit.build_program(plantarkit.example_assessment(), protocol, weeks=12)
    state = start(program)
    for day, rest in enumerate(skip, start=1):
        if rest:
            continue  # a day without a log: the person did not open the app
        result = advance(program, state, today(program, state, day).log_in_full((calm(day),)))
        for d in result.decisions:
            assert ReasonKind.SCHEDULE not in {r.rule for r in d.reasons}, (day, str(d))
        state = result.state


# -- days, weeks and dates --------------------------------------------------------------------


@given(st.integers(1, 3650))
def test_day_numbers_and_weeks_are_inverse(day: int) -> None:
    week, weekday = week_and_weekday(day)
    assert 1 <= weekday <= 7
    assert day_number(week, weekday) == day


@given(st.integers(1, 3650))
def test_dates_and_day_numbers_are_inverse(day: int) -> None:
    program = plantarkit.build_program(
        None, "high_load", weeks=2, start_date=datetime.date(2026, 1, 5)
    )
    assert program.day_of(program.date_of(day)) == day


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: week_and_weekday(0), r"\$\.day: expected a whole number from 1 to 3650"),
        (lambda: day_number(1, 8), r"\$\.weekday: expected a whole number from 1 to 7"),
        (
            lambda: day_number("1", 1),  # type: ignore[arg-type]  # a wrong type on purpose
            r"\$\.week: expected a whole number",
        ),
        (
            lambda: plantarkit.build_program(None, "high_load", weeks=2).date_of(3),
            r"\$\.start_date: the programme has no start date",
        ),
    ],
)
def test_day_helpers_refuse_bad_arguments(call: object, message: str) -> None:
    assert callable(call)
    with pytest.raises(InvalidValueError, match=message):
        call()


@pytest.mark.parametrize("protocol", [p.id for p in plantarkit.protocols()])
@pytest.mark.parametrize("assessed", [True, False])
def test_every_built_in_plan_keeps_to_the_schedule_the_engine_enforces(
    protocol: str, assessed: bool
) -> None:
    assessment = plantarkit.example_assessment() if assessed else None
    program = plantarkit.build_program(assessment, protocol, weeks=12)
    kept: dict[str, tuple[int | None, int]] = {}
    for session in program.sessions():
        day = session.day_number
        for item in session.items:
            last, count = kept.get(item.exercise, (None, 0))
            off = off_schedule(item.dose.frequency, last, count, day)
            assert off is None, (item.exercise, day, off)
            same_week = last is not None and (last - 1) // 7 == (day - 1) // 7
            kept[item.exercise] = (day, count + 1 if same_week else 1)
