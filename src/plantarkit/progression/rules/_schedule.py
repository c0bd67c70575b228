"""The prescription's frequency as a rule: does a session today keep to it, is an exercise due.

Both read the same three numbers, kept in each :class:`ExerciseState`: the last day the
exercise was done, how many times it was done in that day's programme week, and today.
Programme weeks run from day 1 (days 1-7 are week 1), as in the programme's plan.

The engine holds and flags a session that breaks the schedule (it does not count towards
a step); :func:`plantarkit.progression.today` lists an exercise as due exactly when a
session of it today would keep to the schedule, so an app that follows ``today`` is never
flagged.
"""

from typing import NamedTuple

from plantarkit._core.days import week_and_weekday
from plantarkit.exercises import Frequency

__all__ = ["OffSchedule", "done_on", "due_today", "off_schedule"]


class OffSchedule(NamedTuple):
    """Why a session today breaks the schedule, with the number compared and its limit."""

    text: str
    measure: str
    value: int
    threshold: int


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _this_week(last_done_day: int | None, week_sessions: int, day: int) -> int:
    """Sessions done before today in today's programme week."""
    if last_done_day is None or (last_done_day - 1) // 7 != (day - 1) // 7:
        return 0
    return week_sessions


def done_on(last_done_day: int | None, week_sessions: int, day: int) -> tuple[int, int]:
    """The last day done and that week's count after a session on ``day`` (at most 7)."""
    return day, min(7, _this_week(last_done_day, week_sessions, day) + 1)


def off_schedule(
    frequency: Frequency, last_done_day: int | None, week_sessions: int, day: int
) -> OffSchedule | None:
    """Why doing the exercise on ``day`` breaks its frequency, or ``None`` when it keeps to it.

    Broken: fewer than ``every_n_days`` days since it was last done (a rest day is
    due); with ``non_consecutive``, the day after it was last done; with
    ``days_per_week``, a session past that many in one programme week.
    """
    if last_done_day is None:
        return None
    since = day - last_done_day
    every = frequency.every_n_days
    if every is not None and every > 1 and since < every:
        return OffSchedule(
            f"a rest day is due between sessions: every {every} days, and it was last done"
            f" on day {last_done_day} ({_plural(since, 'day')} ago); not counted",
            "days_since_last",
            since,
            every,
        )
    per_week = frequency.days_per_week
    if per_week is None:
        return None
    if frequency.non_consecutive and since == 1:
        return OffSchedule(
            f"a rest day is due between sessions: never two days in a row, and it was done"
            f" yesterday (day {last_done_day}); not counted",
            "days_since_last",
            since,
            2,
        )
    done = _this_week(last_done_day, week_sessions, day)
    if done >= per_week:
        week, _ = week_and_weekday(day)
        return OffSchedule(
            f"already done {_plural(done, 'time')} in week {week}, and {per_week} a week are"
            " prescribed; not counted",
            "week_sessions",
            done + 1,
            per_week,
        )
    return None


def due_today(
    frequency: Frequency, last_done_day: int | None, week_sessions: int, day: int
) -> tuple[bool, str]:
    """Whether the exercise is due on ``day``, and why (or why not) in words.

    Due means a session today keeps to the schedule (:func:`off_schedule` finds
    nothing) and, for a number of days a week, that it is time for the next one:
    sessions are spread over the week (at least ``7 // days_per_week`` days apart,
    two with ``non_consecutive``) unless the days left in the week are no more
    than the sessions still owed.
    """
    off = off_schedule(frequency, last_done_day, week_sessions, day)
    if off is not None:
        return False, off.text.removesuffix("; not counted")
    every = frequency.every_n_days
    if every is not None:
        if every == 1:
            return True, "every day"
        if last_done_day is None:
            return True, f"every {every} days: not done yet"
        return True, f"every {every} days: last done on day {last_done_day}"
    per_week = frequency.days_per_week
    assert per_week is not None  # a Frequency has exactly one of the two
    done = _this_week(last_done_day, week_sessions, day)
    owed = per_week - done
    _, weekday = week_and_weekday(day)
    left = 8 - weekday  # days left in the programme week, today included
    spacing = max(2 if frequency.non_consecutive else 1, 7 // per_week)
    said = f"{per_week} days a week, {done} done this week"
    if last_done_day is not None and day - last_done_day < spacing and left > owed:
        wait = spacing - (day - last_done_day)
        return False, f"{said}: the next one in {_plural(wait, 'day')}"
    return True, said
