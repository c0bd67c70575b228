"""A person's history read back: adherence (done against prescribed) and alerts an app can sort.

Both read a programme, the state it started from, the session logs and the :class:`Advance`
each log produced, in order. What was *prescribed* on a day is what :func:`~plantarkit.today`
would have listed as due (each exercise's frequency, from the state of that day); what was
*done* is what the log says was done (not skipped, some work in a set), except under a
red-flag stop, when nothing is taken. A day without a log prescribes what was due as if it
had been done on time, so a missed every-other-day exercise is missed every other day, not
every day.
"""

import enum
import itertools
import statistics
import typing
from collections.abc import Sequence
from typing import Any, ClassVar, Literal

import attrs

from plantarkit._core import display
from plantarkit._core.checks import LAST_DAY, EnumCheck, Instance, Number, Text, TupleOf
from plantarkit._core.days import week_and_weekday
from plantarkit._core.errors import InvalidValueError
from plantarkit._core.evidence import Citation, Grade, citation_field, cite
from plantarkit._core.ids import ID
from plantarkit._core.registry import family, public
from plantarkit.plans import Program
from plantarkit.progression.engine._advance import fits
from plantarkit.progression.engine._exercise import was_done
from plantarkit.progression.engine._start import start
from plantarkit.progression.engine._values import Action, Advance, ProgramState
from plantarkit.progression.records import SessionLog
from plantarkit.progression.rules import done_on, due_today

__all__ = [
    "ALERT_RULE_TYPES",
    "DEFAULT_ALERTS",
    "Adherence",
    "Alert",
    "AlertRule",
    "AlertSeverity",
    "ExerciseAdherence",
    "LongGap",
    "MissedSessions",
    "MorningPainRising",
    "PainAboveLimit",
    "RedFlagStop",
    "WeekAdherence",
    "adherence",
    "alerts",
]

_COUNT = Number(ge=0, le=LAST_DAY * 20)
_OPTIONAL_NUMBER = Number(ge=-1e9, le=1e9, integer=False, optional=True)


def _check_done(done: int, prescribed: int) -> None:
    if done > prescribed:
        raise InvalidValueError("$.done", f"must be at most prescribed ({prescribed})")


def _rate(done: int, prescribed: int) -> float | None:
    return done / prescribed if prescribed else None


@public()
@attrs.frozen(kw_only=True)
class ExerciseAdherence:
    """One exercise's sessions: prescribed (due), done of those, and done when not due.

    Attributes:
        exercise: The exercise id (one a ladder step reached has a row of its own).
        prescribed: Days it was due.
        done: Days it was due and done.
        extra: Days it was done though not due (flagged by the schedule rule).
    """

    exercise: str = attrs.field(validator=ID)
    prescribed: int = attrs.field(validator=_COUNT)
    done: int = attrs.field(validator=_COUNT)
    extra: int = attrs.field(default=0, validator=_COUNT)

    def __attrs_post_init__(self) -> None:
        _check_done(self.done, self.prescribed)

    @property
    def rate(self) -> float | None:
        """Done over prescribed (``None`` when nothing was prescribed)."""
        return _rate(self.done, self.prescribed)


@public()
@attrs.frozen(kw_only=True)
class WeekAdherence:
    """One programme week: exercise sessions prescribed and done, over every exercise.

    Attributes:
        week: The programme week (days 1-7 are week 1).
        prescribed: Exercise sessions due that week.
        done: Of those, done.
        missed_days: Days with something due and nothing done.
    """

    week: int = attrs.field(validator=Number(ge=1, le=(LAST_DAY + 6) // 7))
    prescribed: int = attrs.field(validator=_COUNT)
    done: int = attrs.field(validator=_COUNT)
    missed_days: int = attrs.field(default=0, validator=Number(ge=0, le=7))

    def __attrs_post_init__(self) -> None:
        _check_done(self.done, self.prescribed)

    @property
    def rate(self) -> float | None:
        """Done over prescribed (``None`` when nothing was prescribed)."""
        return _rate(self.done, self.prescribed)


@public()
@attrs.frozen(kw_only=True)
class Adherence:
    """How closely a person kept to the programme, up to a day.

    Attributes:
        through_day: The last day counted.
        exercises: Per exercise, in the order first prescribed.
        weeks: Per programme week, in order.
        missed_days: Days with something due and nothing done, in order.
        streak: Training days in a row, up to ``through_day``, with something done
            (days with nothing due neither break nor extend it).
        longest_streak: The longest such run.
        last_session_day: The last day something was done (``None``: nothing yet).
    """

    through_day: int = attrs.field(validator=Number(ge=0, le=LAST_DAY))
    exercises: tuple[ExerciseAdherence, ...] = attrs.field(
        validator=TupleOf(Instance((ExerciseAdherence,)))
    )
    weeks: tuple[WeekAdherence, ...] = attrs.field(validator=TupleOf(Instance((WeekAdherence,))))
    missed_days: tuple[int, ...] = attrs.field(
        default=(), validator=TupleOf(Number(ge=1, le=LAST_DAY), unique=True)
    )
    streak: int = attrs.field(default=0, validator=Number(ge=0, le=LAST_DAY))
    longest_streak: int = attrs.field(default=0, validator=Number(ge=0, le=LAST_DAY))
    last_session_day: int | None = attrs.field(
        default=None, validator=Number(ge=1, le=LAST_DAY, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        if self.streak > self.longest_streak:
            raise InvalidValueError("$.streak", "must be at most longest_streak")

    @property
    def prescribed(self) -> int:
        """Exercise sessions prescribed, over every exercise and week."""
        return sum(w.prescribed for w in self.weeks)

    @property
    def done(self) -> int:
        """Exercise sessions prescribed and done."""
        return sum(w.done for w in self.weeks)

    @property
    def rate(self) -> float | None:
        """Overall: done over prescribed (``None`` when nothing was prescribed)."""
        return _rate(self.done, self.prescribed)

    @property
    def days_since_last_session(self) -> int | None:
        """Days from the last session to ``through_day`` (``None``: no session yet)."""
        if self.last_session_day is None:
            return None
        return self.through_day - self.last_session_day

    def to_frame(self) -> Any:
        """A pandas DataFrame, one row per week (``plantarkit[pandas]``)."""
        return display.frame(self)


def _sequence(value: object, path: str, what: str) -> Sequence[object]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InvalidValueError(path, f"expected a sequence of {what}, got {type(value).__name__}")
    return typing.cast(Sequence[object], value)


def _check_history(
    program: Program, logs: object, history: object, first: ProgramState | None
) -> tuple[ProgramState, tuple[tuple[SessionLog, Advance], ...]]:
    given_logs = _sequence(logs, "$.logs", "SessionLog values")
    given = _sequence(history, "$.history", "Advance values")
    if len(given_logs) != len(given):
        raise InvalidValueError(
            "$.history",
            f"one advance per log: {len(given_logs)} logs, {len(given)} advances",
        )
    state = start(program) if first is None else first
    fits(program, state, "$.first")
    pairs: list[tuple[SessionLog, Advance]] = []
    day = state.day
    for i, (log, item) in enumerate(zip(given_logs, given, strict=True)):
        if not isinstance(log, SessionLog):
            raise InvalidValueError(
                f"$.logs[{i}]", f"expected a SessionLog, got {type(log).__name__}"
            )
        if not isinstance(item, Advance):
            raise InvalidValueError(
                f"$.history[{i}]", f"expected an Advance, got {type(item).__name__}"
            )
        if item.state.program_fingerprint != program.fingerprint:
            raise InvalidValueError(
                f"$.history[{i}].state.program_fingerprint", "is another programme's state"
            )
        if item.state.day != log.day:
            raise InvalidValueError(
                f"$.history[{i}].state.day",
                f"is day {item.state.day}, but its log is of day {log.day}: one advance per"
                " log, in the same order",
            )
        if log.day <= day:
            raise InvalidValueError(
                f"$.logs[{i}].day", f"must be after the day before it ({day}), got {log.day}"
            )
        day = log.day
        pairs.append((log, item))
    return state, tuple(pairs)


def _through(day: object, last: int) -> int:
    if day is None:
        return last
    if not isinstance(day, int) or isinstance(day, bool) or not last <= day <= LAST_DAY:
        raise InvalidValueError(
            "$.through_day",
            f"expected a day from the last logged ({last}) to {LAST_DAY}, got {day!r}",
        )
    return day


def adherence(
    program: Program,
    logs: Sequence[SessionLog],
    history: Sequence[Advance],
    *,
    first: ProgramState | None = None,
    through_day: int | None = None,
) -> Adherence:
    """Adherence per exercise and per week, missed days, streaks and the last session.

    Args:
        program: The programme followed.
        logs: The person's session logs, in order of day.
        history: The advance each log produced, in the same order.
        first: The state the first log was recorded against (``start(program)`` by default).
        through_day: Count up to this day (default: the last logged day): pass today's
            day to count the days missed since.

    Raises:
        InvalidValueError: A state of another programme, logs out of order, an advance
            that is not its log's, or a ``through_day`` before the last logged day.
    """
    state, pairs = _check_history(program, logs, history, first)
    last_day = pairs[-1][0].day if pairs else state.day
    through = _through(through_day, last_day)
    by_day = {log.day: (log, a) for log, a in pairs}
    rows: dict[str, list[int]] = {}  # exercise -> [prescribed, done, extra]
    weeks: dict[int, list[int]] = {}  # week -> [prescribed, done, missed days]
    # The schedule as kept so far, per exercise: (last day done or due, sessions that week).
    kept = {e.exercise: (e.last_done_day, e.week_sessions) for e in state.exercises}
    missed: list[int] = []
    streak = longest = 0
    last_session = state.last_trained_day or None
    for day in range(state.day + 1, through + 1):
        week, _ = week_and_weekday(day)
        due: list[str] = []
        if state.referral is None:
            for e in state.exercises:
                last, count = kept.get(e.exercise, (e.last_done_day, e.week_sessions))
                if due_today(e.dose.frequency, last, count, day)[0]:
                    due.append(e.exercise)
        entry = by_day.get(day)
        result = None if entry is None else entry[1]
        done: set[str] = set()
        if entry is not None and entry[1].phase.action is not Action.STOP:
            done = {e.exercise for e in entry[0].exercises if was_done(e)}
        week_row = weeks.setdefault(week, [0, 0, 0])
        for name in due:
            row = rows.setdefault(name, [0, 0, 0])
            row[0] += 1
            week_row[0] += 1
            if name in done:
                row[1] += 1
                week_row[1] += 1
        for name in done.difference(due):
            rows.setdefault(name, [0, 0, 0])[2] += 1
        if done:
            last_session = day
        if due:
            if due and not done.intersection(due):
                missed.append(day)
                week_row[2] += 1
                streak = 0
            else:
                streak += 1
                longest = max(longest, streak)
        if result is not None:
            state = result.state
            kept = {e.exercise: (e.last_done_day, e.week_sessions) for e in state.exercises}
        # What was due and not done: the schedule moves on as if it had been done on time
        for name in due:
            if name not in done and (result is None or name in kept):
                kept[name] = done_on(*kept.get(name, (None, 0)), day)
    return Adherence(
        through_day=through,
        exercises=tuple(
            ExerciseAdherence(exercise=name, prescribed=p, done=d, extra=x)
            for name, (p, d, x) in rows.items()
        ),
        weeks=tuple(
            WeekAdherence(week=w, prescribed=p, done=d, missed_days=m)
            for w, (p, d, m) in sorted(weeks.items())
        ),
        missed_days=tuple(missed),
        streak=streak,
        longest_streak=longest,
        last_session_day=last_session,
    )


# -- alerts -----------------------------------------------------------------------------------


@public()
class AlertSeverity(enum.Enum):
    """How soon an alert needs someone's attention (sort by :attr:`level`, highest first)."""

    URGENT = "urgent"
    """Stop and see a clinician (a red flag)."""
    WARNING = "warning"
    """Pain is not settling: review the programme."""
    NOTICE = "notice"
    """The person is not training as planned: get in touch."""

    @property
    def level(self) -> int:
        """2 for urgent, 1 for a warning, 0 for a notice."""
        return {"urgent": 2, "warning": 1, "notice": 0}[self.value]


@public()
@attrs.frozen(kw_only=True)
class Alert:
    """Something in a person's history an app should show or act on, and why.

    Attributes:
        rule: The kind of the alert rule that raised it (its ``kind``).
        severity: How soon it needs attention.
        text: What was found, in words.
        day: The day it concerns (the last one counted).
        value: The number compared, if any.
        threshold: What it was compared with, if any.
        citation: The source of the threshold, where it has one.
    """

    rule: str = attrs.field(validator=Text(non_empty=True))
    severity: AlertSeverity = attrs.field(validator=EnumCheck(AlertSeverity))
    text: str = attrs.field(validator=Text(non_empty=True))
    day: int = attrs.field(validator=Number(ge=0, le=LAST_DAY))
    value: float | None = attrs.field(default=None, validator=_OPTIONAL_NUMBER)
    threshold: float | None = attrs.field(default=None, validator=_OPTIONAL_NUMBER)
    citation: Citation | None = attrs.field(
        default=None, validator=Instance((Citation,), optional=True)
    )

    def __str__(self) -> str:
        return f"[{self.severity.value}] {self.text}"


@attrs.frozen
class HistoryView:
    """What an alert rule reads: the last state, the adherence, and the day counted to."""

    state: ProgramState
    adherence: Adherence
    day: int


def _alert(
    rule: "AlertRule", severity: AlertSeverity, text: str, view: HistoryView, **kw: Any
) -> Alert:
    return Alert(rule=rule.kind, severity=severity, text=text, day=view.day, **kw)


@public("alert_rule")
@attrs.frozen(kw_only=True)
class RedFlagStop:
    """A red flag has stopped the programme and no clinician has cleared it yet."""

    kind: ClassVar[Literal["red_flag_stop"]] = "red_flag_stop"

    def check(self, view: HistoryView) -> Alert | None:
        """An urgent alert while the state's referral stands."""
        referral = view.state.referral
        if referral is None:
            return None
        return _alert(self, AlertSeverity.URGENT, f"stopped: {referral}", view)


@public("alert_rule")
@attrs.frozen(kw_only=True)
class PainAboveLimit:
    """Pain during exercise above a limit on several rated sessions in a row.

    Attributes:
        limit: The highest acceptable pain during exercise (the pain-monitoring
            model's 5 of 10, grade B).
        sessions: How many rated sessions in a row above it raise the alert.
    """

    kind: ClassVar[Literal["pain_above_limit"]] = "pain_above_limit"
    limit: int = attrs.field(default=5, validator=Number(ge=0, le=10))
    sessions: int = attrs.field(default=3, validator=Number(ge=1, le=30))
    citation: Citation = citation_field(
        cite("silbernagel-2007", Grade.B, "pain during activity up to 5/10 is acceptable"),
        required=True,
    )

    def check(self, view: HistoryView) -> Alert | None:
        """A warning when the newest ``sessions`` days rated during pain are all above ``limit``."""
        by_day: dict[int, int] = {}
        for report in view.state.pain:
            if report.during is not None:
                by_day[report.day] = max(by_day.get(report.day, 0), int(report.during))
        newest = [by_day[d] for d in sorted(by_day)][-self.sessions :]
        if len(newest) < self.sessions or min(newest) <= self.limit:
            return None
        return _alert(
            self,
            AlertSeverity.WARNING,
            f"pain during exercise above {self.limit}/10 at the last {self.sessions} rated"
            f" sessions (lowest {min(newest)})",
            view,
            value=min(newest),
            threshold=self.limit,
            citation=self.citation,
        )


@public("alert_rule")
@attrs.frozen(kw_only=True)
class MorningPainRising:
    """First-step pain in the morning rising week after week.

    Attributes:
        weeks: Rises in a row (each week's average above the last) that raise it.
        min_rise: How far the last week's average must sit above the week before
            the rises (default 2 points, the NPRS's minimal important change).
    """

    kind: ClassVar[Literal["morning_pain_rising"]] = "morning_pain_rising"
    weeks: int = attrs.field(default=2, validator=Number(ge=1, le=12))
    min_rise: float = attrs.field(default=2.0, validator=Number(ge=0, le=10, integer=False))
    citation: Citation = citation_field(
        cite("farrar-2001", Grade.A, "about 2 points (30%) is a meaningful change on the NPRS"),
        required=True,
    )

    def check(self, view: HistoryView) -> Alert | None:
        """A warning when the last ``weeks`` weekly averages each rose, by ``min_rise`` in all."""
        weekly: dict[int, list[int]] = {}
        for report in view.state.pain:
            if report.first_step is not None:
                weekly.setdefault(week_and_weekday(report.day)[0], []).append(
                    int(report.first_step)
                )
        numbers = sorted(weekly)
        if len(numbers) < self.weeks + 1 or numbers[-1] - numbers[-1 - self.weeks] != self.weeks:
            return None  # too few weeks, or not consecutive ones
        means = [statistics.fmean(weekly[w]) for w in numbers[-1 - self.weeks :]]
        rising = all(b > a for a, b in itertools.pairwise(means))
        rise = means[-1] - means[0]
        if not rising or rise < self.min_rise:
            return None
        return _alert(
            self,
            AlertSeverity.WARNING,
            f"morning first-step pain rose {self.weeks} weeks in a row, from"
            f" {means[0]:.1f} to {means[-1]:.1f} on average",
            view,
            value=round(rise, 2),
            threshold=self.min_rise,
            citation=self.citation,
        )


@public("alert_rule")
@attrs.frozen(kw_only=True)
class MissedSessions:
    """Several training days in a row with nothing done.

    Attributes:
        count: Missed training days in a row that raise it (plantarkit's own, grade U).
    """

    kind: ClassVar[Literal["missed_sessions"]] = "missed_sessions"
    count: int = attrs.field(default=3, validator=Number(ge=1, le=60))

    def check(self, view: HistoryView) -> Alert | None:
        """A notice when the newest ``count`` training days were all missed."""
        a = view.adherence
        last = a.last_session_day
        # Training days after the last session were all missed (a day done ends a run).
        run = sum(1 for day in a.missed_days if last is None or day > last)
        if run < self.count:
            return None
        return _alert(
            self,
            AlertSeverity.NOTICE,
            f"{run} training days in a row missed (since day {a.missed_days[-run]})",
            view,
            value=run,
            threshold=self.count,
        )


@public("alert_rule")
@attrs.frozen(kw_only=True)
class LongGap:
    """A long time since the last session: the next one steps every exercise back.

    Attributes:
        days: Days since the last session that raise it (the engine's ``gap_days``, 7).
    """

    kind: ClassVar[Literal["long_gap"]] = "long_gap"
    days: int = attrs.field(default=7, validator=Number(ge=1, le=365))

    def check(self, view: HistoryView) -> Alert | None:
        """A notice when more than ``days`` days have passed since the last session."""
        since = view.adherence.days_since_last_session
        if since is None or since <= self.days:
            return None
        return _alert(
            self,
            AlertSeverity.NOTICE,
            f"{since} days since the last session (more than {self.days}): the next session"
            " steps each exercise back",
            view,
            value=since,
            threshold=self.days,
        )


AlertRule = RedFlagStop | PainAboveLimit | MorningPainRising | MissedSessions | LongGap
"""The built-in alert rules."""

ALERT_RULE_TYPES: tuple[type, ...] = family("alert_rule")

DEFAULT_ALERTS: tuple[AlertRule, ...] = (
    RedFlagStop(),
    PainAboveLimit(),
    MorningPainRising(),
    MissedSessions(),
    LongGap(),
)
"""The alert rules :func:`alerts` applies by default, each at its default parameters."""


def alerts(
    program: Program,
    logs: Sequence[SessionLog],
    history: Sequence[Advance],
    *,
    first: ProgramState | None = None,
    through_day: int | None = None,
    rules: Sequence[AlertRule] = DEFAULT_ALERTS,
) -> tuple[Alert, ...]:
    """The alerts a person's history raises, most severe first (then in the rules' order).

    Args:
        program: The programme followed.
        logs: The person's session logs, in order of day.
        history: The advance each log produced, in the same order.
        first: The state the first log was recorded against (``start(program)`` by default).
        through_day: The day to look from (default: the last logged day); pass today's
            day so that missed days and a long gap since the last log count.
        rules: The alert rules to apply.

    Raises:
        InvalidValueError: As :func:`adherence`, or a rule that is not an alert rule.
    """
    given: object = rules
    if isinstance(given, str | bytes) or not isinstance(given, Sequence):
        raise InvalidValueError("$.rules", f"expected a sequence of alert rules, got {given!r}")
    for i, rule in enumerate(typing.cast(Sequence[object], given)):
        if not isinstance(rule, ALERT_RULE_TYPES):
            raise InvalidValueError(
                f"$.rules[{i}]", f"expected an alert rule, got {type(rule).__name__}"
            )
    first = start(program) if first is None else first
    kept = adherence(program, logs, history, first=first, through_day=through_day)
    state = history[-1].state if history else first
    view = HistoryView(state=state, adherence=kept, day=kept.through_day)
    found = [a for rule in rules if (a := rule.check(view)) is not None]
    return tuple(sorted(found, key=lambda a: -a.severity.level))
