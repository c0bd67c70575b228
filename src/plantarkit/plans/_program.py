"""A programme: a person's weeks of sessions, built from a protocol and their assessment."""

import datetime
import functools
from collections.abc import Iterable
from typing import Any

import attrs

from plantarkit._core import display
from plantarkit._core.checks import (
    LAST_DAY,
    DateOnly,
    EnumCheck,
    Instance,
    Number,
    Text,
    TupleOf,
    date_problem,
)
from plantarkit._core.days import week_and_weekday
from plantarkit._core.errors import (
    InvalidValueError,
    PlantarkitError,
    Problem,
    UnknownIdError,
    ValidationError,
)
from plantarkit._core.evidence import Source
from plantarkit._core.fingerprint import fingerprint
from plantarkit._core.ids import ID
from plantarkit._core.registry import public
from plantarkit._core.side import Side
from plantarkit._core.text import did_you_mean, similar
from plantarkit.chain import ChainReport, FindingKind, Referral
from plantarkit.exercises import Advice, Exercise, Prescription
from plantarkit.plans._protocol import Protocol


class ReferralRequiredError(PlantarkitError):
    """A red flag is positive: no programme may be built; see :attr:`referral`.

    Attributes:
        referral: What was positive and what it may suggest.
    """

    def __init__(self, referral: Referral) -> None:
        self.referral = referral
        super().__init__(f"no programme: {referral}")


class ProtocolError(ValidationError):
    """A protocol does not fit the catalogue (unknown items, too much foot load)."""


@public()
@attrs.frozen(kw_only=True, cache_hash=True)
class ProgramItem:
    """One exercise in one session, with its full dose.

    Attributes:
        exercise: The exercise id.
        dose: The dose for this session.
        phase: The id of the phase it comes from.
        side: The side to train when only one is (``None``: as the dose says).
        addresses: The chain findings it was chosen or put first for.
        note: The slot's note.
    """

    exercise: str = attrs.field(validator=ID)
    dose: Prescription = attrs.field(validator=Instance((Prescription,)))
    phase: str = attrs.field(validator=ID)
    side: Side | None = attrs.field(default=None, validator=EnumCheck(Side, optional=True))
    addresses: tuple[FindingKind, ...] = attrs.field(
        default=(), validator=TupleOf(EnumCheck(FindingKind), unique=True)
    )
    note: str = attrs.field(default="", validator=Text())


class _Problems:
    """Problems found by a cross-field check, each kind reported once, where it first occurs.

    An inconsistent programme tends to repeat one mistake in every session (an exercise
    renamed, a start date moved); one line per mistake, saying how often, reads better
    than a line per session.
    """

    def __init__(self) -> None:
        self._first: dict[tuple[object, ...], Problem] = {}
        self._count: dict[tuple[object, ...], int] = {}

    def add(self, key: tuple[object, ...], path: str, message: str) -> None:
        """Record a problem; one of a kind already recorded only counts."""
        self._first.setdefault(key, Problem(path, message))
        self._count[key] = self._count.get(key, 0) + 1

    def raise_any(self) -> None:
        """Raise :class:`InvalidValueError` with every problem recorded, if any."""
        if not self._first:
            return
        problems = [
            p if self._count[key] == 1 else Problem(p.path, f"{p.message} (first of {n} places)")
            for key, p in self._first.items()
            for n in (self._count[key],)
        ]
        raise InvalidValueError(problems)


def _unknown(what: str, key: str, known: Iterable[str], where: str) -> str:
    return f"unknown {what} {key!r}: not in {where}{did_you_mean(key, known)}"


def _unique_ids(
    values: Iterable[Exercise | Advice], path: str, problems: _Problems
) -> frozenset[str]:
    ids: set[str] = set()
    for i, value in enumerate(values):
        if value.id in ids:
            problems.add((path, value.id), f"{path}[{i}].id", f"duplicate id {value.id!r}")
        ids.add(value.id)
    return frozenset(ids)


def _minutes(
    items: tuple[ProgramItem, ...], cache: dict[Prescription, float] | None = None
) -> float:
    """Sum of the items' estimated minutes, each distinct dose computed once."""
    memo: dict[Prescription, float] = {} if cache is None else cache
    total = 0.0
    for item in items:
        minutes = memo.get(item.dose)
        if minutes is None:
            minutes = memo[item.dose] = item.dose.estimated_minutes()
        total += minutes
    return total


@public()
@attrs.frozen(kw_only=True, cache_hash=True)
class Session:
    """The exercises of one training day.

    Attributes:
        week: Programme week (1 is the first).
        day: Day of that week, 1 to 7.
        date: The calendar date, when the programme has a start date.
        items: The exercises, in the order to do them.
    """

    week: int = attrs.field(validator=Number(ge=1, le=520))
    day: int = attrs.field(validator=Number(ge=1, le=7))
    items: tuple[ProgramItem, ...] = attrs.field(
        validator=TupleOf(Instance((ProgramItem,)), min_length=1)
    )
    date: datetime.date | None = attrs.field(default=None, validator=DateOnly(optional=True))

    @property
    def day_number(self) -> int:
        """Day of the programme, counting from 1."""
        return (self.week - 1) * 7 + self.day

    def minutes(self) -> float:
        """Estimated minutes for the whole session (see ``Prescription.estimated_minutes``)."""
        return _minutes(self.items)


@public()
@attrs.frozen(kw_only=True)
class Week:
    """One programme week.

    Its sessions must carry its number, run in day order (one a day), and hold
    only items of the phases running this week; anything else raises
    :class:`~plantarkit.InvalidValueError` with the path of the field.

    Attributes:
        number: The week (1 is the first).
        phases: Ids of the phases running this week.
        sessions: The training days, in order.
        advice: Ids of the advice items for this week.
    """

    number: int = attrs.field(validator=Number(ge=1, le=520))
    phases: tuple[str, ...] = attrs.field(validator=TupleOf(ID, min_length=1, unique=True))
    sessions: tuple[Session, ...] = attrs.field(validator=TupleOf(Instance((Session,))))
    advice: tuple[str, ...] = attrs.field(default=(), validator=TupleOf(ID, unique=True))

    def __attrs_post_init__(self) -> None:
        # Sessions carry this week's number, in day order, and their items' phases run this
        # week. This runs for every week built: the problems are only worked out on failure.
        number, phases, last_day, checked = self.number, self.phases, 0, None
        for session in self.sessions:
            if session.week != number or session.day <= last_day:
                _raise_week_problems(self)
            last_day = session.day
            items = session.items
            if items is not checked:  # days alike share their items
                checked = items
                for item in items:
                    if item.phase not in phases:
                        _raise_week_problems(self)

    def minutes(self) -> float:
        """Estimated minutes of exercise this week."""
        cache: dict[Prescription, float] = {}
        return sum(_minutes(s.items, cache) for s in self.sessions)


@public()
@attrs.frozen(kw_only=True, repr=False)
class Program:
    """A personalised, week-by-week programme, self-contained for display and storage.

    It carries the protocol it follows, the chain report it was personalised
    from, and every exercise, advice item and source it uses, so an app can
    show it (instructions, cues, citations) without the catalogue.

    The parts must agree, so a programme read from JSON is as sound as one built:
    weeks are numbered 1 to n in order; each week's sessions carry its number, run
    in day order and, when there is a start date, carry the date of their day (none
    without one); every phase a week or item names is in the protocol (and an item's
    phase runs that week); every exercise and advice item named is in ``exercises`` or
    ``advice``, each id once. Anything else raises :class:`~plantarkit.InvalidValueError`
    with the path of the field (``$.weeks[0].sessions[2].items[1].exercise``).

    Attributes:
        protocol: The protocol followed.
        weeks: The weeks, in order, with no gaps.
        report: The chain report it was personalised from, if any.
        start_date: The date of day 1, if given.
        exercises: Every exercise used.
        advice: Every advice item used.
        sources: Every source cited by the protocol and the items.
    """

    protocol: Protocol = attrs.field(validator=Instance((Protocol,)))
    weeks: tuple[Week, ...] = attrs.field(validator=TupleOf(Instance((Week,)), min_length=1))
    report: ChainReport | None = attrs.field(
        default=None, validator=Instance((ChainReport,), optional=True)
    )
    start_date: datetime.date | None = attrs.field(default=None, validator=DateOnly(optional=True))
    exercises: tuple[Exercise, ...] = attrs.field(
        default=(), validator=TupleOf(Instance((Exercise,)))
    )
    advice: tuple[Advice, ...] = attrs.field(default=(), validator=TupleOf(Instance((Advice,))))
    sources: tuple[Source, ...] = attrs.field(default=(), validator=TupleOf(Instance((Source,))))

    def __attrs_post_init__(self) -> None:
        # The parts must agree, or the renderers and the engine fail later on a lookup. Each
        # Week has checked its sessions and that its items' phases run that week; here: weeks
        # numbered 1..n, sessions dated from start_date, every phase, exercise and advice item
        # the weeks name present, ids unique. This runs for every programme: the problems are
        # only worked out on failure.
        if self.report is not None and self.report.referral is not None:
            # a red flag stops before any programme: none can carry a report that refers
            raise InvalidValueError(
                "$.report.referral",
                "a programme cannot be built for a report with a referral: "
                + str(self.report.referral),
            )
        exercise_ids = {e.id for e in self.exercises}
        advice_ids = {a.id for a in self.advice}
        phase_ids = {p.id for p in self.protocol.phases}
        if len(exercise_ids) < len(self.exercises) or len(advice_ids) < len(self.advice):
            _raise_program_problems(self)
        day_0 = None if self.start_date is None else self.start_date.toordinal() - 1
        for w, week in enumerate(self.weeks):
            if (
                week.number != w + 1
                or not phase_ids.issuperset(week.phases)
                or not advice_ids.issuperset(week.advice)
            ):
                _raise_program_problems(self)
            checked = None
            for session in week.sessions:
                date = session.date
                if day_0 is None:
                    if date is not None:
                        _raise_program_problems(self)
                elif date is None or date.toordinal() - day_0 != w * 7 + session.day:
                    _raise_program_problems(self)
                items = session.items
                if items is not checked:  # days alike share their items
                    checked = items
                    for item in items:
                        if item.exercise not in exercise_ids:
                            _raise_program_problems(self)

    @functools.cached_property
    def fingerprint(self) -> str:
        """A short digest of the programme's content, stored in each of its states.

        :func:`~plantarkit.advance` refuses a state whose fingerprint is another
        programme's. Equal programmes have equal fingerprints (it is worked out
        once per programme object).
        """
        return fingerprint(self)

    def __repr__(self) -> str:
        return (
            f"<Program {self.protocol.id!r}: {len(self.weeks)} weeks,"
            f" {self.total_sessions} sessions, {len(self.exercises)} exercises>"
        )

    def week(self, number: int) -> Week:
        """Return programme week ``number`` (1 is the first)."""
        if (
            not isinstance(number, int)
            or isinstance(number, bool)
            or not 1 <= number <= len(self.weeks)
        ):
            raise InvalidValueError(
                "$.week", f"weeks run from 1 to {len(self.weeks)}, got {number!r}"
            )
        return self.weeks[number - 1]

    def day_of(self, date: datetime.date) -> int:
        """The programme day of a calendar date (day 1 is ``start_date``), for session logs.

        >>> import datetime
        >>> from plantarkit import build_program
        >>> start = datetime.date(2026, 3, 2)
        >>> program = build_program(None, "high_load", weeks=2, start_date=start)
        >>> program.day_of(datetime.date(2026, 3, 9))
        8

        Raises:
            InvalidValueError: The programme has no start date; ``date`` is not a date
                (a datetime is refused: pass its ``.date()``), is before the start, or is
                past the last day a :class:`SessionLog` can have.
        """
        problem = date_problem(date, optional=False)
        if problem is not None:
            raise InvalidValueError("$.date", problem)
        if self.start_date is None:
            raise InvalidValueError(
                "$.start_date", "the programme has no start date: log sessions by day number"
            )
        day = (date - self.start_date).days + 1
        if day < 1:
            raise InvalidValueError(
                "$.date", f"{date.isoformat()} is before the programme's start ({self.start_date})"
            )
        if day > LAST_DAY:
            last = self.start_date + datetime.timedelta(days=LAST_DAY - 1)
            raise InvalidValueError(
                "$.date",
                f"{date.isoformat()} would be programme day {day}; session logs go up to day"
                f" {LAST_DAY} ({last.isoformat()})",
            )
        return day

    def date_of(self, day: int) -> datetime.date:
        """The calendar date of a programme day (day 1 is ``start_date``), as :meth:`day_of` reads.

        >>> import datetime
        >>> from plantarkit import build_program
        >>> start = datetime.date(2026, 3, 2)
        >>> program = build_program(None, "high_load", weeks=2, start_date=start)
        >>> program.date_of(8)
        datetime.date(2026, 3, 9)

        Raises:
            InvalidValueError: The programme has no start date, or ``day`` is not a
                whole number from 1 to the last day a :class:`SessionLog` can have.
        """
        week_and_weekday(day)  # checks the day
        if self.start_date is None:
            raise InvalidValueError(
                "$.start_date", "the programme has no start date: it has day numbers only"
            )
        return self.start_date + datetime.timedelta(days=day - 1)

    def sessions(self) -> tuple[Session, ...]:
        """Every session, in order."""
        return tuple(s for w in self.weeks for s in w.sessions)

    def sessions_on(self, week: int, day: int) -> tuple[Session, ...]:
        """The session of one day (empty on a rest day)."""
        return tuple(s for s in self.week(week).sessions if s.day == day)

    @property
    def total_sessions(self) -> int:
        """How many training days the programme has."""
        return sum(len(w.sessions) for w in self.weeks)

    def minutes_per_week(self) -> tuple[float, ...]:
        """Estimated minutes of exercise in each week."""
        cache: dict[Prescription, float] = {}
        return tuple(sum(_minutes(s.items, cache) for s in w.sessions) for w in self.weeks)

    def exercise(self, exercise_id: str) -> Exercise:
        """The exercise with this id, as used in the programme."""
        for e in self.exercises:
            if e.id == exercise_id:
                return e

        ids = [e.id for e in self.exercises]
        raise UnknownIdError(
            "exercise",
            exercise_id,
            similar(exercise_id, ids),
            hint="not in this programme",
        )

    def advice_item(self, advice_id: str) -> Advice:
        """The advice item with this id, as used in the programme."""
        for a in self.advice:
            if a.id == advice_id:
                return a
        raise UnknownIdError("advice", advice_id)

    def prescriptions_of(self, exercise_id: str) -> tuple[tuple[Session, Prescription], ...]:
        """Every (session, dose) of one exercise over the programme, in order."""
        self.exercise(exercise_id)
        return tuple(
            (s, item.dose)
            for s in self.sessions()
            for item in s.items
            if item.exercise == exercise_id
        )

    def to_frame(self) -> Any:
        """A pandas DataFrame, one row per exercise per session (``plantarkit[pandas]``)."""
        return display.frame(self)

    def _repr_html_(self) -> str:
        return display.html(self)


def _raise_week_problems(week: Week) -> None:
    """Raise with every way a week's sessions disagree with it (the rules of ``Week``)."""
    problems = _Problems()
    numbers = {s.week for s in week.sessions}
    renumbered = len(numbers) == 1 and week.number not in numbers
    if renumbered:  # every session agrees on another week: the week's number is wrong
        problems.add(
            ("number",),
            "$.number",
            f"expected {min(numbers)}, the week its sessions are in, got {week.number}",
        )
    last_day = 0
    for i, session in enumerate(week.sessions):
        if session.week != week.number and not renumbered:
            problems.add(
                ("week",),
                f"$.sessions[{i}].week",
                f"expected {week.number}, the number of the week it is in, got {session.week}",
            )
        if session.day <= last_day:
            problems.add(
                ("day", i),
                f"$.sessions[{i}].day",
                f"expected a day after day {last_day} (a week's sessions are in day order,"
                f" one a day), got {session.day}",
            )
        last_day = max(last_day, session.day)
        for j, item in enumerate(session.items):
            if item.phase not in week.phases:
                problems.add(
                    ("phase", item.phase),
                    f"$.sessions[{i}].items[{j}].phase",
                    f"phase {item.phase!r} does not run in week {week.number} (its phases:"
                    f" {', '.join(map(repr, week.phases))}){did_you_mean(item.phase, week.phases)}",
                )
    problems.raise_any()


def _raise_program_problems(program: Program) -> None:
    """Raise with every way a programme's parts disagree (the rules of ``Program``)."""
    problems = _Problems()
    exercise_ids = _unique_ids(program.exercises, "$.exercises", problems)
    advice_ids = _unique_ids(program.advice, "$.advice", problems)
    phase_ids = frozenset(p.id for p in program.protocol.phases)
    in_protocol = f"the protocol {program.protocol.id!r}"
    start = program.start_date
    for w, week in enumerate(program.weeks):
        if week.number != w + 1:
            problems.add(
                ("number", w),
                f"$.weeks[{w}].number",
                f"expected {w + 1} (weeks are numbered 1 to {len(program.weeks)}, in order),"
                f" got {week.number}",
            )
        for k, phase_id in enumerate(week.phases):
            if phase_id not in phase_ids:
                problems.add(
                    ("phase", phase_id),
                    f"$.weeks[{w}].phases[{k}]",
                    _unknown("phase", phase_id, phase_ids, in_protocol),
                )
        for k, advice_id in enumerate(week.advice):
            if advice_id not in advice_ids:
                problems.add(
                    ("advice", advice_id),
                    f"$.weeks[{w}].advice[{k}]",
                    _unknown("advice item", advice_id, advice_ids, "$.advice"),
                )
        for s, session in enumerate(week.sessions):
            date = session.date
            if start is None:
                if date is not None:
                    problems.add(
                        ("date",),
                        f"$.weeks[{w}].sessions[{s}].date",
                        f"expected null (the programme has no start_date), got {date.isoformat()}",
                    )
            else:
                due = start.toordinal() + w * 7 + session.day - 1
                if date is None or date.toordinal() != due:
                    when = (
                        datetime.date.fromordinal(due).isoformat()
                        if due <= datetime.date.max.toordinal()
                        else f"a date after {datetime.date.max.isoformat()}"
                    )
                    problems.add(
                        ("date",),
                        f"$.weeks[{w}].sessions[{s}].date",
                        f"expected {when} (week {w + 1}, day {session.day} from"
                        f" start_date {start.isoformat()}),"
                        f" got {'null' if date is None else date.isoformat()}",
                    )
            for i, item in enumerate(session.items):
                if item.exercise not in exercise_ids:
                    problems.add(
                        ("exercise", item.exercise),
                        f"$.weeks[{w}].sessions[{s}].items[{i}].exercise",
                        _unknown("exercise", item.exercise, exercise_ids, "$.exercises"),
                    )
    problems.raise_any()


ReferralRequiredError.__module__ = ProtocolError.__module__ = "plantarkit"
