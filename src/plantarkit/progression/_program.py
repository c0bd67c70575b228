"""Programmes: a protocol laid out week by week and day by day for one person."""

import datetime
from collections.abc import Iterable
from typing import Any

import attrs

from plantarkit._core.checks import EnumCheck, Instance, Number, Text, TupleOf
from plantarkit._core.errors import (
    InvalidValueError,
    PlantarkitError,
    Problem,
    UnknownIdError,
    ValidationError,
)
from plantarkit._core.evidence import BUILTIN_SOURCES, Source
from plantarkit._core.side import Side
from plantarkit.chain import Assessment, ChainNorms, ChainReport, FindingKind, Referral, assess
from plantarkit.exercises import Advice, Catalogue, Exercise, Frequency, Prescription, catalogue
from plantarkit.exercises._model import ID
from plantarkit.progression._protocol import Phase, Protocol, SideRule

__all__ = [
    "Program",
    "ProgramItem",
    "ProtocolError",
    "ReferralRequiredError",
    "Session",
    "Week",
    "build_program",
    "training_days",
]


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


ReferralRequiredError.__module__ = ProtocolError.__module__ = "plantarkit"


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
    date: datetime.date | None = attrs.field(
        default=None, validator=Instance((datetime.date,), optional=True)
    )

    @property
    def day_number(self) -> int:
        """Day of the programme, counting from 1."""
        return (self.week - 1) * 7 + self.day

    def minutes(self) -> float:
        """Estimated minutes for the whole session (see ``Prescription.estimated_minutes``)."""
        return _minutes(self.items)


@attrs.frozen(kw_only=True)
class Week:
    """One programme week.

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

    def minutes(self) -> float:
        """Estimated minutes of exercise this week."""
        cache: dict[Prescription, float] = {}
        return sum(_minutes(s.items, cache) for s in self.sessions)


@attrs.frozen(kw_only=True, repr=False)
class Program:
    """A personalised, week-by-week programme, self-contained for display and storage.

    It carries the protocol it follows, the chain report it was personalised
    from, and every exercise, advice item and source it uses, so an app can
    show it (instructions, cues, citations) without the catalogue.

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
    start_date: datetime.date | None = attrs.field(
        default=None, validator=Instance((datetime.date,), optional=True)
    )
    exercises: tuple[Exercise, ...] = attrs.field(
        default=(), validator=TupleOf(Instance((Exercise,)))
    )
    advice: tuple[Advice, ...] = attrs.field(default=(), validator=TupleOf(Instance((Advice,))))
    sources: tuple[Source, ...] = attrs.field(default=(), validator=TupleOf(Instance((Source,))))

    def __repr__(self) -> str:
        return (
            f"<Program {self.protocol.id!r}: {len(self.weeks)} weeks,"
            f" {self.total_sessions} sessions, {len(self.exercises)} exercises>"
        )

    def week(self, number: int) -> Week:
        """Return programme week ``number`` (1 is the first)."""
        if not isinstance(number, int) or not 1 <= number <= len(self.weeks):
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
            InvalidValueError: The programme has no start date, or ``date`` is before it.
        """
        if not isinstance(date, datetime.date):
            raise InvalidValueError("$.date", f"expected a date, got {type(date).__name__}")
        if self.start_date is None:
            raise InvalidValueError(
                "$.start_date", "the programme has no start date: log sessions by day number"
            )
        day = (date - self.start_date).days + 1
        if day < 1:
            raise InvalidValueError(
                "$.date", f"{date.isoformat()} is before the programme's start ({self.start_date})"
            )
        return day

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
        import difflib

        ids = [e.id for e in self.exercises]
        raise UnknownIdError(
            "exercise",
            exercise_id,
            difflib.get_close_matches(str(exercise_id), ids, n=3),
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
        from plantarkit.render import program_frame

        return program_frame(self)

    def _repr_html_(self) -> str:
        from plantarkit.render import program_html

        return program_html(self, fragment=True)


# --- scheduling -----------------------------------------------------------------------------------

_WEEKLY_DAYS: dict[int, tuple[int, ...]] = {
    1: (1,),
    2: (1, 4),
    3: (1, 3, 5),
    4: (1, 3, 5, 7),
    5: (1, 2, 3, 4, 5),
    6: (1, 2, 3, 4, 5, 6),
    7: (1, 2, 3, 4, 5, 6, 7),
}


def training_days(frequency: Frequency, week: int) -> tuple[int, ...]:
    """Days (1-7) of programme week ``week`` on which a frequency trains.

    Every n-th day counts from day 1 of the programme, so "every other day"
    runs on days 1, 3, 5, 7 of week 1 and 2, 4, 6 of week 2. A number of days
    a week uses a fixed spread (3 days: days 1, 3 and 5), never two in a row
    when asked for and possible.
    """
    if frequency.days_per_week is not None:
        return _WEEKLY_DAYS[frequency.days_per_week]
    step = frequency.every_n_days or 1
    first = (week - 1) * 7 + 1
    return tuple(d - first + 1 for d in range(first, first + 7) if (d - 1) % step == 0)


# --- building -------------------------------------------------------------------------------------


def _check_protocol(protocol: Protocol, cat: Catalogue) -> None:
    problems: list[Problem] = []
    for i, phase in enumerate(protocol.phases):
        for j, slot in enumerate(phase.slots):
            path = f"$.phases[{i}].slots[{j}]"
            if slot.item not in cat:
                import difflib

                close = difflib.get_close_matches(
                    slot.item, [*cat.ids, *(a.id for a in cat.advice)], n=1
                )
                hint = f"; did you mean {close[0]!r}?" if close else ""
                problems.append(
                    Problem(f"{path}.item", f"unknown exercise or advice {slot.item!r}{hint}")
                )
                continue
            item = cat.item(slot.item)
            if isinstance(item, Advice):
                if slot.dose is not None or slot.schedule:
                    problems.append(Problem(f"{path}.dose", "an advice item takes no dose"))
            elif item.plantar_load > phase.max_plantar_load:
                problems.append(
                    Problem(
                        f"{path}.item",
                        f"{item.id!r} loads the foot {item.plantar_load.value}, above the phase's"
                        f" limit ({phase.max_plantar_load.value})",
                    )
                )
    if problems:
        raise ProtocolError(problems)


def _side_for(rule: SideRule, painful: tuple[Side, ...]) -> Side | None:
    return painful[0] if rule is SideRule.PAINFUL and len(painful) == 1 else None


def _used_sources(
    items: Iterable[Exercise | Advice], protocol: Protocol, cat: Catalogue
) -> tuple[Source, ...]:
    keys = dict.fromkeys(
        [
            *protocol.sources,
            *(k for p in protocol.phases for k in p.sources),
            *(k for i in items for k in i.sources),
        ]
    )
    known = {s.key: s for s in (*BUILTIN_SOURCES.values(), *cat.sources)}
    return tuple(known[k] for k in keys if k in known)


def _has_exercises(phase: Phase, cat: Catalogue) -> bool:
    return any(isinstance(cat.item(slot.item), Exercise) for slot in phase.slots)


def _phases_for_week(protocol: Protocol, week: int, cat: Catalogue) -> tuple[Phase, ...]:
    """The phases a programme week runs, in protocol order.

    The phases that usually run that week; past every phase's end, the last
    one started. When those hold only advice (an ongoing footwear phase),
    the last phase with exercises that has started keeps going beside them,
    so no week is left without exercise.
    """
    started = [p for p in protocol.phases if p.start_week <= week]
    phases = list(protocol.phases_in(week) or started[-1:])
    if not any(_has_exercises(p, cat) for p in phases):
        keep = [p for p in started if _has_exercises(p, cat)][-1:]
        phases = [p for p in protocol.phases if p in keep or p in phases]
    return tuple(phases)


def build_program(
    source: Assessment | ChainReport | None,
    protocol: Protocol | str,
    *,
    weeks: int = 12,
    start_date: datetime.date | None = None,
    catalogue_: Catalogue | None = None,
    norms: ChainNorms | None = None,
    max_added: int = 2,
) -> Program:
    """Lay a protocol out week by week for one person, personalised by their chain report.

    Args:
        source: An assessment (assessed with ``norms``), its report, or ``None``
            for the protocol as written.
        protocol: A :class:`Protocol`, or the id of a built-in one.
        weeks: How many weeks to lay out (1 to 104).
        start_date: The date of day 1; sessions then carry dates.
        catalogue_: Where exercises come from; the built-in catalogue by default.
        norms: Thresholds for assessing ``source`` when it is an assessment.
        max_added: The most exercises per phase added for chain findings.

    Returns:
        A :class:`Program`. Exercises that address the report's findings are
        put first (or added, up to ``max_added`` per phase, when the phase's
        foot-load limit allows); per-side slots target the painful side.

    Raises:
        ReferralRequiredError: The report has a positive red flag: no programme.
        ProtocolError: The protocol names unknown items or exceeds a phase's foot load.
        InvalidValueError: An argument is out of range.
    """
    from plantarkit._core.checks import Number as _Number
    from plantarkit._core.errors import InvalidValueError
    from plantarkit.progression._builtin import protocol as builtin_protocol

    _Number(ge=1, le=104).check("$.weeks", weeks)
    _Number(ge=0, le=20).check("$.max_added", max_added)
    if start_date is not None and not isinstance(start_date, datetime.date):
        raise InvalidValueError("$.start_date", f"expected a date, got {start_date!r}")
    if isinstance(protocol, str):
        protocol = builtin_protocol(protocol)
    if not isinstance(protocol, Protocol):
        raise InvalidValueError("$.protocol", f"expected a Protocol or its id, got {protocol!r}")
    if source is None or isinstance(source, ChainReport):
        report = source
    elif isinstance(source, Assessment):
        report = assess(source, norms)
    else:
        raise InvalidValueError(
            "$", f"expected an Assessment or a ChainReport, got {type(source).__name__}"
        )
    if report is not None and report.referral is not None:
        raise ReferralRequiredError(report.referral)
    cat = catalogue() if catalogue_ is None else catalogue_
    _check_protocol(protocol, cat)

    painful = report.assessment.symptoms.painful_sides if report is not None else ()
    wanted: dict[str, tuple[FindingKind, ...]] = {}
    for emphasis in report.emphasis if report is not None else ():
        for exercise_id in emphasis.exercises:
            if exercise_id in cat.ids:
                wanted[exercise_id] = tuple(
                    dict.fromkeys([*wanted.get(exercise_id, ()), emphasis.kind])
                )

    week_values: list[Week] = []
    made: dict[tuple[str, str, Prescription, Side | None, str], ProgramItem] = {}
    used: dict[str, Exercise | Advice] = {}
    for number in range(1, weeks + 1):
        phases = _phases_for_week(protocol, number, cat)
        items: list[ProgramItem] = []
        advice: list[str] = []
        seen: set[str] = set()
        for phase in phases:
            first: list[ProgramItem] = []
            rest: list[ProgramItem] = []
            for slot in phase.slots:
                entry = cat.item(slot.item)
                used[entry.id] = entry
                if isinstance(entry, Advice):
                    if entry.id not in advice:
                        advice.append(entry.id)
                    continue
                if entry.id in seen:
                    continue
                seen.add(entry.id)
                dose = slot.dose_for(number) or entry.dose
                side = _side_for(slot.sides, painful)
                if side is not None and dose.each_side:
                    dose = attrs.evolve(dose, each_side=False)
                key = (phase.id, entry.id, dose, side, slot.note)
                item = made.get(key)
                if item is None:  # weeks with the same dose share one (immutable) item
                    item = made[key] = ProgramItem(
                        exercise=entry.id,
                        dose=dose,
                        phase=phase.id,
                        side=side,
                        addresses=wanted.get(entry.id, ()),
                        note=slot.note,
                    )
                (first if item.addresses else rest).append(item)
            added = 0 if _has_exercises(phase, cat) else max_added  # none in advice-only phases
            for exercise_id, kinds in wanted.items():
                if added >= max_added or exercise_id in seen:
                    continue
                exercise = cat[exercise_id]
                if exercise.plantar_load > phase.max_plantar_load:
                    continue
                if phase.addable_regions and exercise.region not in phase.addable_regions:
                    continue
                seen.add(exercise_id)
                used[exercise_id] = exercise
                first.append(
                    ProgramItem(
                        exercise=exercise_id,
                        dose=exercise.dose,
                        phase=phase.id,
                        addresses=kinds,
                        note="added for the chain assessment's findings",
                    )
                )
                added += 1
            items += first + rest
        sessions: list[Session] = []
        days_of = [training_days(i.dose.frequency, number) for i in items]
        same_day: dict[tuple[int, ...], tuple[ProgramItem, ...]] = {}
        for day in range(1, 8):
            todays = tuple(i for i, days in zip(items, days_of, strict=True) if day in days)
            todays = same_day.setdefault(tuple(map(id, todays)), todays)  # share equal days
            if todays:
                date = (
                    None
                    if start_date is None
                    else start_date + datetime.timedelta(days=(number - 1) * 7 + day - 1)
                )
                sessions.append(Session(week=number, day=day, items=todays, date=date))
        week_values.append(
            Week(
                number=number,
                phases=tuple(p.id for p in phases),
                sessions=tuple(sessions),
                advice=tuple(advice),
            )
        )
    exercises = tuple(e for e in used.values() if isinstance(e, Exercise))
    advice_items = tuple(a for a in used.values() if isinstance(a, Advice))
    return Program(
        protocol=protocol,
        weeks=tuple(week_values),
        report=report,
        start_date=start_date,
        exercises=exercises,
        advice=advice_items,
        sources=_used_sources((*exercises, *advice_items), protocol, cat),
    )
