"""Adherence and alerts: a person's history read back, as an app shows it."""

from collections.abc import Callable

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import plantarkit
from plantarkit import InvalidValueError, Pain, Program
from plantarkit.chain import RedFlagScreen
from plantarkit.progression import (
    DEFAULT_ALERTS,
    Advance,
    AlertSeverity,
    LongGap,
    MissedSessions,
    MorningPainRising,
    PainAboveLimit,
    PainReport,
    SessionLog,
    adherence,
    advance,
    alerts,
    start,
    today,
)


def calm(day: int, morning: int = 2, during: int = 1) -> PainReport:
    return PainReport(
        day=day,
        first_step=Pain(morning),
        during=Pain(during),
        after=Pain(1),
        next_morning=Pain(morning),
        settled_minutes=1,
    )


History = tuple[list[SessionLog], list[Advance]]


def run(program: Program, days: list[int], pain: Callable[[int], PainReport] = calm) -> History:
    """Log every due exercise in full on each of ``days``: the logs and their advances."""
    state = start(program)
    logs, history = [], []
    for day in days:
        log = today(program, state, day).log_in_full((pain(day),))
        result = advance(program, state, log)
        logs.append(log)
        history.append(result)
        state = result.state
    return logs, history


def staged() -> Program:
    return plantarkit.build_program(plantarkit.example_assessment(), "staged", weeks=12)


def high_load() -> Program:
    return plantarkit.build_program(plantarkit.example_assessment(), "high_load", weeks=12)


def test_following_today_every_day_is_full_adherence() -> None:
    program = staged()
    history = run(program, list(range(1, 29)))
    kept = adherence(program, *history)
    assert kept.through_day == 28
    assert kept.rate == 1.0
    assert kept.missed_days == ()
    assert kept.streak == kept.longest_streak == 28
    assert kept.last_session_day == 28
    assert kept.days_since_last_session == 0
    assert all(e.extra == 0 for e in kept.exercises)
    assert [w.week for w in kept.weeks] == [1, 2, 3, 4]
    # what today() listed as due, day by day, is what counts as prescribed
    listed: dict[str, int] = {}
    state = start(program)
    for log, result in zip(*history, strict=True):
        for item in today(program, state, log.day).due:
            listed[item.exercise.id] = listed.get(item.exercise.id, 0) + 1
        state = result.state
    assert {e.exercise: e.prescribed for e in kept.exercises} == listed
    walk = next(e for e in kept.exercises if e.exercise == "banded_lateral_walk")
    assert walk.prescribed < 7 * len({(d - 1) // 7 for d in range(1, 29)})  # not daily


def test_a_missed_every_other_day_exercise_is_missed_every_other_day() -> None:
    program = high_load()
    history = run(program, [1])
    kept = adherence(program, *history, through_day=6)
    heel = next(e for e in kept.exercises if e.exercise == "high_load_heel_raise")
    assert (heel.prescribed, heel.done) == (3, 1)  # due on days 1, 3 and 5
    daily = next(e for e in kept.exercises if e.exercise == "clam")
    assert (daily.prescribed, daily.done) == (6, 1)
    assert kept.missed_days == (2, 3, 4, 5, 6)
    assert kept.streak == 0
    assert kept.longest_streak == 1
    assert kept.days_since_last_session == 5


@settings(max_examples=15, deadline=None)
@given(st.lists(st.booleans(), min_size=21, max_size=21))
def test_missed_days_are_the_days_not_logged(logged: list[bool]) -> None:
    program = staged()  # daily exercises: something is due every day
    days = [d for d, yes in enumerate(logged, start=1) if yes]
    kept = adherence(program, *run(program, days), through_day=21)
    assert kept.missed_days == tuple(d for d in range(1, 22) if d not in days)
    assert kept.done <= kept.prescribed
    assert 0 <= (kept.rate or 0) <= 1
    assert sum(w.missed_days for w in kept.weeks) == len(kept.missed_days)
    assert kept.last_session_day == (days[-1] if days else None)
    longest = run_length = 0
    for d in range(1, 22):
        run_length = run_length + 1 if d in days else 0
        longest = max(longest, run_length)
    assert kept.longest_streak == longest
    assert kept.streak == run_length


def test_adherence_refuses_a_bad_history() -> None:
    program = staged()
    logs, history = run(program, [1, 2])
    with pytest.raises(InvalidValueError, match=r"\$\.logs\[1\]\.day: must be after"):
        adherence(program, [logs[1], logs[1]], [history[1], history[1]])
    with pytest.raises(
        InvalidValueError, match=r"\$\.history\[0\]\.state\.day: is day 2, but its log"
    ):
        adherence(program, [logs[0]], [history[1]])
    with pytest.raises(InvalidValueError, match=r"\$\.history: one advance per log: 2 logs, 1"):
        adherence(program, logs, history[:1])
    with pytest.raises(InvalidValueError, match=r"\$\.history\[0\]: expected an Advance, got str"):
        adherence(program, logs[:1], ["day 1"])  # type: ignore[list-item]  # a wrong item on purpose
    with pytest.raises(InvalidValueError, match=r"\$\.logs: expected a sequence"):
        adherence(program, "logs", history)  # type: ignore[arg-type]  # on purpose
    with pytest.raises(InvalidValueError, match=r"\$\.through_day: expected a day from the last"):
        adherence(program, logs, history, through_day=1)
    with pytest.raises(InvalidValueError, match=r"\$\.history\[0\]\.state\.program_fingerprint"):
        adherence(high_load(), logs, history)


def test_adherence_to_frame_has_a_row_per_week() -> None:
    pd = pytest.importorskip("pandas")
    program = staged()
    frame = adherence(program, *run(program, [1, 2, 9])).to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["week", "prescribed", "done", "rate", "missed_days"]
    assert list(frame["week"]) == [1, 2]
    assert frame["missed_days"].tolist() == [5, 1]  # days 3-7, then day 8


def test_adherence_round_trips_through_json() -> None:
    program = staged()
    kept = adherence(program, *run(program, [1, 3]), through_day=9)
    assert plantarkit.loads(plantarkit.dumps(kept), type(kept)) == kept


# -- alerts -----------------------------------------------------------------------------------


def test_a_calm_history_raises_no_alert() -> None:
    program = staged()
    assert alerts(program, *run(program, list(range(1, 22)))) == ()


def test_a_red_flag_is_the_first_alert() -> None:
    program = staged()
    logs, history = run(program, [1, 2])
    state = history[-1].state
    flag = SessionLog(day=3, red_flags=RedFlagScreen(fever_or_hot_swollen_heel=True))
    stopped = advance(program, state, flag)
    found = alerts(program, [*logs, flag], [*history, stopped], through_day=20)
    assert found[0].severity is AlertSeverity.URGENT
    assert found[0].rule == "red_flag_stop"
    assert [a.severity.level for a in found] == sorted(
        (a.severity.level for a in found), reverse=True
    )


def test_pain_above_the_limit_three_sessions_in_a_row_warns() -> None:
    program = staged()
    history = run(program, [1, 2, 3, 4], pain=lambda d: calm(d, during=6 if d > 1 else 1))
    found = alerts(program, *history, rules=(PainAboveLimit(),))
    assert [a.rule for a in found] == ["pain_above_limit"]
    assert found[0].citation is not None
    assert found[0].citation.source == "silbernagel-2007"
    two = run(program, [1, 2, 3], pain=lambda d: calm(d, during=6 if d > 1 else 1))
    assert alerts(program, *two, rules=(PainAboveLimit(),)) == ()  # only two above


def test_morning_pain_rising_two_weeks_by_two_points_warns() -> None:
    program = staged()
    week = {1: 1, 2: 2, 3: 3}
    history = run(
        program, list(range(1, 22)), pain=lambda d: calm(d, morning=week[(d - 1) // 7 + 1])
    )
    found = alerts(program, *history, rules=(MorningPainRising(),))
    assert [a.rule for a in found] == ["morning_pain_rising"]
    assert (found[0].value, found[0].threshold) == (2.0, 2.0)
    assert found[0].citation is not None
    assert found[0].citation.source == "farrar-2001"
    small = {1: 2, 2: 2.5, 3: 3}
    wobble = run(
        program,
        list(range(1, 22)),
        pain=lambda d: calm(d, morning=round(small[(d - 1) // 7 + 1] + (d % 2) * 0.5)),
    )
    assert alerts(program, *wobble, rules=(MorningPainRising(),)) == ()


def test_missed_sessions_and_a_long_gap_are_notices() -> None:
    program = staged()
    history = run(program, [1, 2])
    found = alerts(program, *history, through_day=12)
    by_rule = {a.rule: a for a in found}
    assert set(by_rule) == {"missed_sessions", "long_gap"}
    assert by_rule["missed_sessions"].value == 10
    assert by_rule["long_gap"].value == 10
    assert all(a.severity is AlertSeverity.NOTICE for a in found)
    assert alerts(program, *history, through_day=4, rules=(MissedSessions(count=3),)) == ()
    assert alerts(program, *history, through_day=9, rules=(LongGap(),)) == ()


def test_alerts_refuses_what_is_not_an_alert_rule() -> None:
    program = staged()
    with pytest.raises(InvalidValueError, match=r"\$\.rules\[1\]: expected an alert rule, got str"):
        alerts(program, [], [], rules=(DEFAULT_ALERTS[0], "pain"))  # type: ignore[arg-type]  # on purpose


def test_an_exercise_due_on_a_logged_day_but_not_done_is_not_due_again_the_next_day() -> None:
    program = staged()
    state = start(program)
    clam_only = today(program, state, 1).log_in_full((calm(1),))
    log = attrs.evolve(clam_only, exercises=clam_only.exercises[:1])
    result = advance(program, state, log)
    kept = adherence(program, [log], [result], through_day=14)
    walk = next(e for e in kept.exercises if e.exercise == "banded_lateral_walk")
    assert (walk.prescribed, walk.done) == (6, 0)  # 3 days a week, as if kept to
