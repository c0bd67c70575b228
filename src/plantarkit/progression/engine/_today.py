"""Today's session: what is due on a day, at the doses the state has reached, and why.

The static plan of a :class:`~plantarkit.Program` says what was planned before any
session was logged; once :func:`~plantarkit.advance` has moved exercises on (or eased
them off), the state is what counts. :func:`today` reads the state with the programme: the
exercises due on a day with their current doses, the side to train, the week's advice and
the pain rules to follow.
"""

import datetime

import attrs

from plantarkit._core.checks import (
    LAST_DAY,
    DateOnly,
    EnumCheck,
    Instance,
    Number,
    Text,
    TupleOf,
)
from plantarkit._core.days import week_and_weekday
from plantarkit._core.errors import InvalidValueError
from plantarkit._core.ids import ID
from plantarkit._core.registry import public
from plantarkit._core.side import Side
from plantarkit.chain import Referral
from plantarkit.exercises import Advice, Catalogue, Exercise, Prescription, Reps
from plantarkit.plans import Program
from plantarkit.progression.engine._advance import (
    engine_rules,
    fits,
    phase_pain_rules,
    plan_sides,
)
from plantarkit.progression.engine._exercise import work_per_set
from plantarkit.progression.engine._start import catalogue_or_builtin
from plantarkit.progression.engine._values import (
    MAX_DAYS_AHEAD,
    EngineRules,
    ProgramState,
)
from plantarkit.progression.records import ExerciseLog, PainReport, SessionLog
from plantarkit.progression.rules import PAIN_RULE_TYPES, PainRule, due_today

__all__ = ["Today", "TodayItem", "today"]


@public()
@attrs.frozen(kw_only=True)
class TodayItem:
    """One exercise of the current phase on one day: its current dose, and whether it is due.

    Attributes:
        exercise: The exercise, whole (instructions, cues, sources), whether or not the
            programme listed it (a ladder step may have reached it since).
        dose: The dose the state has reached.
        side: The side to train when only one is (``None``: as the dose says).
        due: Whether to do it today.
        why: Why it is due, or why not (a rest day due, done enough this week, ...).
    """

    exercise: Exercise = attrs.field(validator=Instance((Exercise,)))
    dose: Prescription = attrs.field(validator=Instance((Prescription,)))
    due: bool = attrs.field(validator=Instance((bool,)))
    why: str = attrs.field(validator=Text(non_empty=True))
    side: Side | None = attrs.field(default=None, validator=EnumCheck(Side, optional=True))

    def __str__(self) -> str:
        side = f" ({self.side.value} side)" if self.side is not None else ""
        mark = "due" if self.due else "not today"
        return f"{self.exercise.name}{side}: {self.dose.brief()} [{mark}: {self.why}]"


@public()
@attrs.frozen(kw_only=True)
class Today:
    """What to do on one programme day, read from the state (not from the static plan).

    Attributes:
        day: The programme day (1 is the first); :attr:`week` and :attr:`weekday` follow.
        date: Its calendar date, when the programme has a start date.
        phase: The id of the phase the state is in.
        items: Every exercise of the phase, due today or not, in the programme's order.
        advice: The advice of the programme week (the last week's past the plan).
        pain_rules: The pain rules the session is judged by (with the hold rule when
            an isometric exercise is due).
        stopped: The referral in force, when a red flag has stopped the programme
            (then nothing is due until a clinician clears it).
        note: Why nothing is due, or what the next log will change (a long gap).
    """

    day: int = attrs.field(validator=Number(ge=1, le=LAST_DAY))
    phase: str = attrs.field(validator=ID)
    items: tuple[TodayItem, ...] = attrs.field(validator=TupleOf(Instance((TodayItem,))))
    advice: tuple[Advice, ...] = attrs.field(default=(), validator=TupleOf(Instance((Advice,))))
    pain_rules: tuple[PainRule, ...] = attrs.field(
        default=(), validator=TupleOf(Instance(PAIN_RULE_TYPES))
    )
    date: datetime.date | None = attrs.field(default=None, validator=DateOnly(optional=True))
    stopped: Referral | None = attrs.field(
        default=None, validator=Instance((Referral,), optional=True)
    )
    note: str = attrs.field(default="", validator=Text())

    def __attrs_post_init__(self) -> None:
        if self.stopped is not None and any(i.due for i in self.items):
            raise InvalidValueError("$.items", "nothing is due while a red-flag stop is in force")

    @property
    def week(self) -> int:
        """The programme week of the day (days 1-7 are week 1)."""
        return week_and_weekday(self.day)[0]

    @property
    def weekday(self) -> int:
        """The day of its programme week, 1 to 7."""
        return week_and_weekday(self.day)[1]

    @property
    def due(self) -> tuple[TodayItem, ...]:
        """The exercises to do today."""
        return tuple(i for i in self.items if i.due)

    @property
    def rest_day(self) -> bool:
        """Nothing is due today, and the programme is not stopped."""
        return self.stopped is None and not self.due

    def log_in_full(self, pain: tuple[PainReport, ...] = ()) -> SessionLog:
        """A log of this day with every due exercise done in full, as prescribed.

        Each set reaches the dose's work (one repetition more for work to
        fatigue), on the side to train, at the prescribed load. For a quick
        "done as planned" button, for tests and for simulations.
        """
        logs: list[ExerciseLog] = []
        for item in self.due:
            dose = item.dose
            fatigue = isinstance(dose.work, Reps) and dose.work.to_fatigue  # more than the count
            per = work_per_set(dose) + (1 if fatigue else 0)
            logs.append(
                ExerciseLog(exercise=item.exercise.id, sets=(per,) * dose.sets, side=item.side)
            )
        return SessionLog(day=self.day, exercises=tuple(logs), pain=pain)

    def __str__(self) -> str:
        when = f" ({self.date.isoformat()})" if self.date is not None else ""
        head = f"Day {self.day}{when}, week {self.week} day {self.weekday}, phase '{self.phase}'"
        lines = [head]
        if self.note:
            lines.append(self.note)
        lines += [f"- {i}" for i in self.items]
        return "\n".join(lines)


def _check_today(state: ProgramState, day: object) -> int:
    if not isinstance(day, int) or isinstance(day, bool) or not 1 <= day <= LAST_DAY:
        raise InvalidValueError(
            "$.day", f"expected a whole number from 1 to {LAST_DAY}, got {day!r}"
        )
    if day < state.day:
        raise InvalidValueError(
            "$.day", f"must not be before the last logged day ({state.day}), got {day}"
        )
    if day > state.day + MAX_DAYS_AHEAD:
        raise InvalidValueError(
            "$.day",
            f"at most {MAX_DAYS_AHEAD} days after the last logged day ({state.day}), got {day}",
        )
    return day


def today(
    program: Program,
    state: ProgramState,
    day: int,
    *,
    rules: EngineRules | None = None,
    catalogue: Catalogue | None = None,
) -> Today:
    """The session of ``day``: the exercises due, at the doses and sides the state has reached.

    An exercise is due when a session of it that day keeps to its prescribed
    frequency (the engine counts exactly those: a session logged as ``today``
    says is never flagged off schedule) and, for a number of days a week, when
    it is time for the next one. On a rest day nothing is due and each item says
    why; after a red flag nothing is due until a clinician clears it.

    Ask on the day itself before logging it (``day`` after ``state.day``), or for
    the day last logged (then what was done shows as done today).

    Args:
        program: The programme followed.
        state: Where the person is.
        day: The programme day (:meth:`Program.day_of` turns a date into one).
        rules: The engine's rules (their pain rule, and whether the schedule counts).
        catalogue: Where exercises reached by a ladder step are looked up.

    Raises:
        InvalidValueError: The state is not of this programme, or ``day`` is before the
            last logged day or more than ``MAX_DAYS_AHEAD`` days after it.
    """
    fits(program, state)
    day = _check_today(state, day)
    rules = engine_rules(rules)
    cat = catalogue_or_builtin(catalogue)
    week, _ = week_and_weekday(day)
    plan = program.weeks[min(week, len(program.weeks)) - 1]
    sides = plan_sides(program, day)
    listed = {e.id: e for e in program.exercises}
    referral = state.referral
    items: list[TodayItem] = []
    for ex in state.exercises:
        exercise = listed.get(ex.exercise) or cat.get(ex.exercise)
        if exercise is None:
            raise InvalidValueError(
                "$.state.exercises",
                f"{ex.exercise!r} is neither in the programme nor in the catalogue",
            )
        if referral is not None:
            due, why = False, "stopped for a red flag: see a clinician"
        elif ex.last_done_day == day:
            due, why = False, "done today"
        elif not rules.respect_schedule:
            due, why = True, "the schedule is not enforced (EngineRules.respect_schedule)"
        else:
            due, why = due_today(ex.dose.frequency, ex.last_done_day, ex.week_sessions, day)
        items.append(
            TodayItem(
                exercise=exercise, dose=ex.dose, due=due, why=why, side=sides.get(ex.exercise)
            )
        )
    limits = phase_pain_rules(program, state, rules)
    isometric = cat.tagged("isometric")
    if any(i.due and i.exercise.id in isometric for i in items):
        limits = (*limits, rules.hold_rule)
    note = ""
    if referral is not None:
        note = f"Stopped: {referral}. Nothing is due until a clinician clears it."
    elif not any(i.due for i in items):
        note = "A rest day: nothing is due today."
    elif state.last_trained_day and day - state.last_trained_day > rules.gap_days:
        note = (
            f"{day - state.last_trained_day} days since the last session (more than"
            f" {rules.gap_days}): each exercise steps back once when this session is logged."
        )
    return Today(
        day=day,
        date=None if program.start_date is None else program.date_of(day),
        phase=state.phase_id,
        items=tuple(items),
        advice=tuple(program.advice_item(a) for a in plan.advice),
        pain_rules=limits,
        stopped=referral,
        note=note,
    )
