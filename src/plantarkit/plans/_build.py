"""Building a programme: a protocol's phases laid out over weeks for one person."""

import datetime
from collections.abc import Iterable

import attrs

from plantarkit._core.checks import LAST_DAY, Number, date_problem, expected
from plantarkit._core.errors import (
    InvalidValueError,
    Problem,
)
from plantarkit._core.evidence import BUILTIN_SOURCES, Source
from plantarkit._core.side import Side
from plantarkit._core.text import did_you_mean
from plantarkit.chain import Assessment, ChainNorms, ChainReport, FindingKind, assess
from plantarkit.exercises import Advice, Catalogue, Exercise, Frequency, Prescription
from plantarkit.exercises import catalogue as builtin_catalogue
from plantarkit.plans._program import (
    Program,
    ProgramItem,
    ProtocolError,
    ReferralRequiredError,
    Session,
    Week,
)
from plantarkit.plans._protocol import Phase, Protocol, SideRule

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

    Raises:
        InvalidValueError: ``frequency`` is not a :class:`Frequency`, or ``week``
            not a whole number of at least 1.
    """
    if not isinstance(frequency, Frequency):
        raise InvalidValueError("$.frequency", expected("a Frequency", frequency))
    Number(ge=1, le=LAST_DAY // 7 + 1).check("$.week", week)
    if frequency.days_per_week is not None:
        return _WEEKLY_DAYS[frequency.days_per_week]
    step = frequency.every_n_days or 1
    first = (week - 1) * 7 + 1
    return tuple(d - first + 1 for d in range(first, first + 7) if (d - 1) % step == 0)


def _check_protocol(protocol: Protocol, cat: Catalogue) -> None:
    problems: list[Problem] = []
    for i, phase in enumerate(protocol.phases):
        for j, slot in enumerate(phase.slots):
            path = f"$.phases[{i}].slots[{j}]"
            if slot.item not in cat:
                hint = did_you_mean(slot.item, [*cat.ids, *(a.id for a in cat.advice)])
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
    catalogue: Catalogue | None = None,
    norms: ChainNorms | None = None,
    max_added: int = 2,
) -> Program:
    """Lay a protocol out week by week for one person, personalised by their chain report.

    Args:
        source: An assessment (assessed with ``norms``), its report, or ``None``
            for the protocol as written.
        protocol: A :class:`Protocol`, or the id of a built-in one.
        weeks: How many weeks to lay out (1 to 104).
        start_date: The date of day 1 (a date, not a datetime); sessions then carry dates.
        catalogue: Where exercises come from; the built-in catalogue by default.
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
    from plantarkit.plans import protocol as builtin_protocol

    _Number(ge=1, le=104).check("$.weeks", weeks)
    _Number(ge=0, le=20).check("$.max_added", max_added)
    problem = date_problem(start_date, optional=True)
    if problem is not None:
        raise InvalidValueError("$.start_date", problem)
    if start_date is not None and (datetime.date.max - start_date).days < weeks * 7 - 1:
        raise InvalidValueError(
            "$.start_date",
            f"a {weeks}-week programme starting {start_date.isoformat()} would end after"
            f" {datetime.date.max.isoformat()}",
        )
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
    cat = builtin_catalogue() if catalogue is None else catalogue
    _check_protocol(protocol, cat)

    painful = report.assessment.symptoms.painful_sides if report is not None else ()
    wanted: dict[str, tuple[FindingKind, ...]] = {}
    for emphasis in report.emphasis if report is not None else ():
        for exercise_id in emphasis.exercises:
            if cat.get(exercise_id) is not None:
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
