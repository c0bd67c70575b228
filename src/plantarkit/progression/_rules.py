"""Progression and regression rules as values: how an exercise moves once it may.

The engine decides *whether* an exercise may move (the pain rule holds, the
dose was met, no gap, no red flag); a rule decides *how*. Each rule is a small
frozen value with its numbers as parameters, so it can be shown, stored in
JSON and simulated. Rules are tried in order and the first that applies wins:

- a rule that does not apply to this exercise returns ``None`` (a ladder rule
  for an exercise on no ladder, a hold rule for repetitions);
- a rule that applies returns a :class:`Proposal`: a new exercise state (one
  step, never more), or ``to=None`` to keep the dose for now, with the reason.

Progression rules (:data:`ProgressionRule`): :class:`WeeklyTable`,
:class:`LadderUp`, :class:`DoubleProgression`, :class:`VolumeUp`,
:class:`LoadUp`, :class:`RunWalkUp`, and :class:`Only` to scope rules to some
exercises. Regression rules (:data:`RegressionRule`): :class:`LadderDown`,
:class:`LessLoad`, :class:`FewerSets`, :class:`LessWork`. Anywhere a rule is
accepted by :class:`~plantarkit.progression.EngineRules`, a plain callable
``(ExerciseState, RuleContext) -> Proposal | None`` is accepted too.
"""

import math
import typing
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import Any, ClassVar, Literal

import attrs

from plantarkit._core.checks import LAST_DAY, EnumCheck, Instance, Number, Text, TupleOf
from plantarkit._core.errors import InvalidValueError, PlantarkitError
from plantarkit._core.evidence import Citation, Grade
from plantarkit._core.trusted import evolve as _evolve
from plantarkit._core.trusted import maker
from plantarkit.exercises import Catalogue
from plantarkit.exercises._dose import (
    MAX_HOLD_SECONDS,
    MAX_KG,
    MAX_TIMED_SECONDS,
    BandResistance,
    Hold,
    Load,
    LoadKind,
    Prescription,
    Reps,
    RunWalk,
    Timed,
)
from plantarkit.exercises._model import ID
from plantarkit.progression._log import ExerciseLog
from plantarkit.progression._pain import PainReport

__all__ = [
    "PROGRESSION_TYPES",
    "REGRESSION_TYPES",
    "AnyProgression",
    "AnyRegression",
    "CustomRule",
    "DoubleProgression",
    "ExerciseState",
    "FewerSets",
    "LadderDown",
    "LadderUp",
    "LessLoad",
    "LessWork",
    "LoadUp",
    "Only",
    "ProgressionRule",
    "Proposal",
    "RegressionRule",
    "RuleContext",
    "RunWalkUp",
    "VolumeUp",
    "WeeklyTable",
    "propose",
]

_NONE: frozenset[str] = frozenset()
_MAX_KG = MAX_KG
"""The most added load a dose records (``Load.kg``)."""
_MAX_SECONDS = {"hold": MAX_HOLD_SECONDS, "timed": MAX_TIMED_SECONDS}
"""The longest hold and timed bout a dose records."""
_WORK_KINDS = ("reps", "hold", "timed", "run_walk")
_BANDS = tuple(BandResistance)


def _sessions() -> Any:
    return attrs.field(default=None, validator=Number(ge=1, le=50, optional=True))


def _citation() -> Any:
    return attrs.field(default=None, validator=Instance((Citation,), optional=True))


def _cited(source: str, grade: Grade, detail: str) -> Any:
    """A citation field whose default names the rule's source."""
    return attrs.field(
        factory=lambda: Citation(source=source, grade=grade, detail=detail),
        validator=Instance((Citation,), optional=True),
    )


@attrs.frozen(kw_only=True)
class ExerciseState:
    """Where one exercise stands.

    Attributes:
        exercise: The exercise id.
        dose: The current dose.
        ladder: The ladder it moves on, if any.
        rung: Its rung on that ladder.
        good_sessions: Sessions in a row that met the dose within the pain rule.
        progression: How this exercise progresses (from the protocol's slot);
            empty: the engine's rules (:attr:`EngineRules.progression`).
        row: For an exercise on its protocol's weekly dose table, the row of
            the table it has reached (0 is the first); ``None`` otherwise.
        eased_from: The dose it was eased off from, in place (less load,
            fewer sets, less work), which it builds back up to, a step at a
            time, before any progression rule moves it on; ``None`` when it
            is not eased off.
    """

    exercise: str = attrs.field(validator=ID)
    dose: Prescription = attrs.field(validator=Instance((Prescription,)))
    ladder: str | None = attrs.field(default=None, validator=Text(optional=True))
    rung: int | None = attrs.field(default=None, validator=Number(ge=0, le=100, optional=True))
    good_sessions: int = attrs.field(default=0, validator=Number(ge=0, le=10_000))
    progression: "tuple[ProgressionRule, ...]" = attrs.field(default=())
    row: int | None = attrs.field(default=None, validator=Number(ge=0, le=520, optional=True))
    eased_from: Prescription | None = attrs.field(
        default=None, validator=Instance((Prescription,), optional=True)
    )

    def __attrs_post_init__(self) -> None:
        if (self.ladder is None) != (self.rung is None):
            raise InvalidValueError("$.rung", "a ladder and a rung go together (both or neither)")
        _check_rules(self.progression, "$.progression")
        if self.eased_from is not None and self.eased_from == self.dose:
            raise InvalidValueError(
                "$.eased_from", "is the current dose: null when the exercise is not eased off"
            )


@attrs.frozen(kw_only=True)
class RuleContext:
    """What a rule sees besides the exercise's state (the engine makes one per exercise).

    Attributes:
        day: The session's programme day (its week is :attr:`week`).
        good_sessions: Good sessions in a row, this one included (progression),
            or as they were (regression).
        sessions_to_progress: The engine's default number of good sessions
            before a step up (rules with ``sessions=None`` use it).
        catalogue: Where ladders and default doses come from.
        done: What was done of the exercise this session (``None`` if nothing).
        pain: Today's pain ratings for the exercise: its report, or, when
            several applied (its own and the session's), each rating at its
            highest over them.
        how: How the session went, in words (for reasons).
        schedule: The rows of the protocol's weekly dose table reached by this
            week, in order (the last is :attr:`table`), when the exercise
            follows one; else empty.
        in_phase: The exercises in the phase: a proposal that switches to one
            of them does not apply (two states of one exercise would clash).
    """

    day: int = attrs.field(validator=Number(ge=1, le=LAST_DAY))
    good_sessions: int = attrs.field(validator=Number(ge=0, le=10_000))
    sessions_to_progress: int = attrs.field(validator=Number(ge=1, le=50))
    catalogue: Catalogue = attrs.field(validator=Instance((Catalogue,)))
    done: ExerciseLog | None = attrs.field(
        default=None, validator=Instance((ExerciseLog,), optional=True)
    )
    pain: PainReport | None = attrs.field(
        default=None, validator=Instance((PainReport,), optional=True)
    )
    how: str = attrs.field(default="", validator=Text())
    schedule: tuple[Prescription, ...] = attrs.field(
        default=(), validator=TupleOf(Instance((Prescription,)))
    )
    in_phase: AbstractSet[str] = attrs.field(default=_NONE, validator=Instance((frozenset, set)))

    @property
    def week(self) -> int:
        """The programme week of :attr:`day` (days 1-7 are week 1)."""
        return (self.day - 1) // 7 + 1

    @property
    def table(self) -> Prescription | None:
        """This week's row of the protocol's weekly dose table (``None``: no table)."""
        return self.schedule[-1] if self.schedule else None


@attrs.frozen(kw_only=True)
class Proposal:
    """What a rule proposes for an exercise: one step, or keeping the dose for now.

    Attributes:
        to: The exercise's new state; ``None`` keeps the current dose.
        text: Why, in words.
        counts: Whether this session counts as a good one; ``False`` starts
            the count again (e.g. run/walk pain above its stricter limit).
        measure: What was measured, if anything.
        value: The measured value.
        threshold: The threshold it was judged against.
        citation: Where the rule comes from.
        rule: The rule that made the proposal, when a rule passes on
            another's (``WeeklyTable(within=...)``, ``Only``): the reason then
            names the rule that decided (``"load_up"``), not the one asked.
            Empty: the rule asked made it. A custom rule may set it to name
            a part of itself.
    """

    to: ExerciseState | None = attrs.field(validator=Instance((ExerciseState,), optional=True))
    text: str = attrs.field(validator=Text(non_empty=True))
    counts: bool = attrs.field(default=True, validator=Instance((bool,)))
    measure: str = attrs.field(default="", validator=Text())
    value: float | None = attrs.field(
        default=None, validator=Number(ge=-1e9, le=1e9, integer=False, optional=True)
    )
    threshold: float | None = attrs.field(
        default=None, validator=Number(ge=-1e9, le=1e9, integer=False, optional=True)
    )
    citation: Citation | None = attrs.field(
        default=None, validator=Instance((Citation,), optional=True)
    )
    rule: str = attrs.field(default="", validator=Text())


# --- helpers ----------------------------------------------------------------------------------

_new_proposal = maker(Proposal)
_new_state = maker(ExerciseState, defaults=False)


_proposal = _new_proposal
"""Build a proposal of a built-in rule (its parts are checked values already)."""


def _state(
    ex: ExerciseState,
    exercise: str,
    dose: Prescription,
    ladder: str | None,
    rung: int | None,
    row: int | None,
) -> ExerciseState:
    """A new state for ``ex`` (count of good sessions restarted, its rules kept)."""
    return _new_state(
        exercise=exercise,
        dose=dose,
        ladder=ladder,
        rung=rung,
        good_sessions=0,
        progression=ex.progression,
        row=row,
        eased_from=None,
    )


def _check_rules(rules: object, path: str) -> None:
    """Raise unless ``rules`` is a tuple of built-in progression rule values."""
    if not isinstance(rules, tuple):
        raise InvalidValueError(path, f"expected a tuple of rules, got {type(rules).__name__}")
    for i, rule in enumerate(typing.cast(tuple[object, ...], rules)):
        if not isinstance(rule, PROGRESSION_TYPES):
            raise InvalidValueError(
                f"{path}[{i}]", f"expected a progression rule value, got {type(rule).__name__}"
            )


def _needed(sessions: int | None, ctx: RuleContext) -> int:
    return ctx.sessions_to_progress if sessions is None else sessions


def _stepped(
    to: ExerciseState, text: str, sessions: int | None, ctx: RuleContext, citation: Citation | None
) -> Proposal:
    """A step taken after enough good sessions: the count and the number needed as its numbers."""
    return _proposal(
        to=to,
        text=f"{_lead(ctx)}{text}",
        measure="good_sessions",
        value=ctx.good_sessions,
        threshold=_needed(sessions, ctx),
        citation=citation,
    )


def _not_yet(
    what: str, sessions: int | None, ctx: RuleContext, citation: Citation | None
) -> Proposal | None:
    """A keep proposal while fewer than the needed good sessions are done, else ``None``."""
    need = _needed(sessions, ctx)
    if ctx.good_sessions >= need:
        return None
    return _proposal(
        to=None,
        text=f"{_lead(ctx)}{ctx.good_sessions} of {need} good sessions before {what}",
        measure="good_sessions",
        value=ctx.good_sessions,
        threshold=need,
        citation=citation,
    )


def _too_painful(
    max_pain_during: int | None, ctx: RuleContext, citation: Citation | None
) -> Proposal | None:
    """A keep proposal that does not count the session when pain during was above the limit."""
    if max_pain_during is None:
        return None
    during = ctx.pain.during if ctx.pain is not None else None
    if during is not None and during.value <= max_pain_during:
        return None
    rated = "not rated" if during is None else f"{during.value}/10"
    return _proposal(
        to=None,
        text=(
            f"{_lead(ctx)}pain during {rated} (a step up needs at most {max_pain_during}/10):"
            " this session does not count towards one"
        ),
        counts=False,
        measure="during",
        value=None if during is None else during.value,
        threshold=max_pain_during,
        citation=citation,
    )


def _moved(ex: ExerciseState, dose: Prescription) -> ExerciseState:
    """The same exercise (same ladder position and rules) at a new dose, count restarted."""
    return _state(ex, ex.exercise, dose, ex.ladder, ex.rung, ex.row)


def _rung(ex: ExerciseState, ctx: RuleContext, offset: int) -> ExerciseState | None:
    if ex.ladder is None or ex.rung is None:
        return None
    ladder = ctx.catalogue.ladder(ex.ladder)
    index = ex.rung + offset
    if not 0 <= index < len(ladder.steps):
        return None
    step = ladder.steps[index]
    dose = step.dose if step.dose is not None else ctx.catalogue[step.exercise].dose
    return _state(ex, step.exercise, dose, ladder.id, index, ex.row)


def _lead(ctx: RuleContext) -> str:
    return f"{ctx.how}; " if ctx.how else ""


def _in_a_row(good: int) -> str:
    return "1 good session" if good == 1 else f"{good} good sessions in a row"


def _check_call(ex: object, ctx: object) -> None:
    if not isinstance(ex, ExerciseState):
        raise InvalidValueError("$.ex", f"expected an ExerciseState, got {type(ex).__name__}")
    if not isinstance(ctx, RuleContext):
        raise InvalidValueError("$.ctx", f"expected a RuleContext, got {type(ctx).__name__}")


def _clashes(proposal: Proposal, ex: ExerciseState, ctx: RuleContext) -> bool:
    """Whether a proposal switches to an exercise already in the phase."""
    to = proposal.to
    return to is not None and to.exercise != ex.exercise and to.exercise in ctx.in_phase


class _Rule:
    """What every built-in rule shares: ``propose`` checks its arguments, then asks the rule."""

    __slots__ = ()

    def propose(self, ex: ExerciseState, ctx: RuleContext) -> "Proposal | None":
        """The rule's proposal for ``ex`` in ``ctx``, or ``None`` when the rule does not apply.

        Raises:
            InvalidValueError: ``ex`` or ``ctx`` is of the wrong type.
        """
        _check_call(ex, ctx)
        return self.propose_unchecked(ex, ctx)

    def propose_unchecked(self, ex: ExerciseState, ctx: RuleContext) -> "Proposal | None":
        """:meth:`propose` without the argument checks (for engines that built both)."""
        raise NotImplementedError  # pragma: no cover - every rule defines it


def _ask(rule: "ProgressionRule", ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
    """A nested rule's proposal, named after it, unless it switches to an exercise in the phase."""
    proposal = rule.propose_unchecked(ex, ctx)
    if proposal is None or _clashes(proposal, ex, ctx):
        return None
    return proposal if proposal.rule else _evolve(proposal, rule=rule.kind)


# --- progression rules ------------------------------------------------------------------------


# Plain names for the load kinds the rules compare on every call: on Python 3.11 looking up
# an enum member (LoadKind.BAND) runs a descriptor hook.
_BODY_WEIGHT, _BAND = LoadKind.BODY_WEIGHT, LoadKind.BAND
_TIMED_WORK = (Hold, Timed)
"""Work measured in seconds (a tuple: ``Hold | Timed`` would build a union on every test)."""


def with_load_kept(row: Prescription, current: Prescription) -> Prescription:
    """A new dose (a table row, a new phase's), keeping the weight the person has built up.

    The weight is kept unless the new dose sets its own kg.
    """
    built_up = current.load.kind is not _BODY_WEIGHT and (
        current.load.kg is not None or row.load.kind is _BODY_WEIGHT
    )
    if row.load.kg is None and built_up:
        return _evolve(row, load=current.load)
    return row


@attrs.frozen(kw_only=True)
class WeeklyTable(_Rule):
    """Follow the protocol's weekly dose table (e.g. Rathleff: 3 x 12RM, 4 x 10RM, 5 x 8RM).

    Applies to exercises whose protocol slot has a ``schedule``. Once the
    calendar reaches the table's next row, a session within the pain rule that
    met the dose moves the exercise to that row: one row per session, never
    skipping one. An exercise eased off below its row goes back to the row's
    dose after ``sessions`` good sessions (``None``: the engine's
    ``sessions_to_progress``). Added weight the person has built up is kept
    unless the row sets its own weight in kg. Within a row, the ``within``
    rules may move the exercise on (e.g. :class:`LoadUp`: "add books to the
    backpack once the repetitions are manageable"); otherwise the dose is
    kept, so an exercise on a dose table never leaves it for a ladder.
    """

    within: "tuple[ProgressionRule, ...]" = attrs.field(default=())
    sessions: int | None = _sessions()
    citation: Citation | None = _citation()

    def __attrs_post_init__(self) -> None:
        _check_rules(self.within, "$.within")

    kind: ClassVar[Literal["weekly_table"]] = "weekly_table"
    """The tag of this rule kind in JSON documents."""

    def propose_unchecked(self, ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        """Move to the table's next row, back to the current row, or apply ``within``."""
        rows = ctx.schedule
        if not rows:
            return None
        row = ex.row if ex.row is not None and ex.row < len(rows) else _row_of(ex.dose, rows)
        at_row = with_load_kept(rows[row], ex.dose)
        if at_row != ex.dose and _easier(ex.dose, at_row):  # eased off below its row: back up
            wait = _not_yet("going back to the table's dose", self.sessions, ctx, self.citation)
            if wait is not None:
                return wait
            target, what = row, "back to the protocol's dose"
        elif row + 1 < len(rows):
            target, what = row + 1, f"the protocol's next dose (table of week {ctx.week})"
        else:
            for rule in self.within:
                proposal = _ask(rule, ex, ctx)
                if proposal is not None:
                    return proposal
            return _proposal(
                to=None,
                text=f"{_lead(ctx)}following the protocol's weekly dose table (week {ctx.week})",
                measure="week",
                value=ctx.week,
                citation=self.citation,
            )
        dose = with_load_kept(rows[target], ex.dose)
        moved = _state(ex, ex.exercise, dose, ex.ladder, ex.rung, target)
        return _proposal(
            to=moved,
            text=f"{_lead(ctx)}{what}: {dose.brief()}",
            measure="row",
            value=target,
            citation=self.citation,
        )


def _easier(dose: Prescription, than: Prescription) -> bool:
    """Whether ``dose`` is an eased-off ``than``: no more sets, work or load, and not the same."""
    return (
        dose.sets <= than.sets
        and dose.time_under_tension() <= than.time_under_tension()
        and (dose.load.kg or 0) <= (than.load.kg or 0)
    )


def _row_of(dose: Prescription, rows: tuple[Prescription, ...]) -> int:
    """The table row a dose belongs to (its load aside); the first when it matches none."""
    for i in range(len(rows) - 1, -1, -1):
        if with_load_kept(rows[i], dose) == dose:
            return i
    return 0


@attrs.frozen(kw_only=True)
class LadderUp(_Rule):
    """Step up the exercise's ladder once the current rung is mastered.

    Mastered means ``sessions`` good sessions in a row (``None``: the engine's
    ``sessions_to_progress``). With ``max_pain_during``, only sessions with
    pain during at most that count (e.g. 2/10 for run/walk in the clinic
    scheme). Does not apply off a ladder or at its top.
    """

    sessions: int | None = _sessions()
    max_pain_during: int | None = attrs.field(
        default=None, validator=Number(ge=0, le=10, optional=True)
    )
    citation: Citation | None = _cited(
        "exakt-2021", Grade.U, "move up only once the current level is mastered"
    )

    kind: ClassVar[Literal["ladder_up"]] = "ladder_up"
    """The tag of this rule kind in JSON documents."""

    def propose_unchecked(self, ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        """The next rung, once mastered."""
        if ex.ladder is None or ex.rung is None:
            return None
        if ex.rung + 1 >= len(ctx.catalogue.ladder(ex.ladder).steps):
            return None
        painful = _too_painful(self.max_pain_during, ctx, self.citation)
        if painful is not None:
            return painful
        wait = _not_yet("the next rung", self.sessions, ctx, self.citation)
        if wait is not None:
            return wait
        up = _rung(ex, ctx, +1)
        assert up is not None  # checked above
        dose = up.dose.brief()
        if dose == ex.dose.brief():  # the rung changes how often (or the cues) only: say so
            dose += f", {up.dose.frequency}"
        return _stepped(
            up,
            f"{_in_a_row(ctx.good_sessions)}: next rung of '{ex.ladder}' ({up.exercise}, {dose})",
            self.sessions,
            ctx,
            self.citation,
        )


_new_load = maker(Load)
"""Build a load the rules worked out (a known kind, kg within bounds or a band): no checks."""
_FIRST_BAND = _new_load(kind=_BAND, kg=None, band=_BANDS[0])
_NO_LOAD = Load.body_weight()


def _next_kg(load: Load, step_kg: float, used: float | None, carrier: LoadKind) -> float | None:
    """The kg one load step up would carry (``None``: a band, or no known weight to add to).

    Cheap, so rules can tell whether they apply before building anything.
    """
    if load.kind is _BODY_WEIGHT:
        return None if carrier is _BAND else step_kg
    if load.kind is _BAND:
        return None
    base = load.kg if load.kg is not None else used
    return None if base is None else round(base + step_kg, 2)


def _heavier(load: Load, kg: float | None, carrier: LoadKind) -> Load | None:
    """One load step up, given the kg :func:`_next_kg` worked out for it.

    ``None`` past the strongest band or 500 kg, or with no kg to add to.
    """
    if load.kind is _BAND:
        index = _BANDS.index(load.band or _BANDS[0])
        if index + 1 >= len(_BANDS):
            return None
        return _new_load(kind=_BAND, kg=None, band=_BANDS[index + 1])
    if load.kind is _BODY_WEIGHT and carrier is _BAND:
        return _FIRST_BAND
    if kg is None or kg > _MAX_KG:
        return None
    return _new_load(kind=carrier if load.kind is _BODY_WEIGHT else load.kind, kg=kg, band=None)


@attrs.frozen(kw_only=True)
class LoadUp(_Rule):
    """Add load by a step: ``step_kg`` more (or the next band), up to ``max_kg``.

    From body weight the first step is ``step_kg`` carried as ``carrier`` (a
    backpack by default, as in the high-load heel raise). A weight given as
    "choose" steps from the kg logged for the session; with none logged the
    rule keeps the dose and asks for it. Past ``max_kg``, the strongest band
    or the 500 kg a dose can record, the rule stops applying, so a later rule
    (a harder rung, say) can take over. The step size is plantarkit's
    parameter (grade U).
    """

    step_kg: float = attrs.field(default=2.5, validator=Number(gt=0, le=50, integer=False))
    max_kg: float | None = attrs.field(
        default=None, validator=Number(gt=0, le=500, integer=False, optional=True)
    )
    carrier: LoadKind = attrs.field(default=LoadKind.BACKPACK, validator=EnumCheck(LoadKind))
    sessions: int | None = _sessions()
    citation: Citation | None = _citation()

    def __attrs_post_init__(self) -> None:
        if self.carrier is _BODY_WEIGHT:
            raise InvalidValueError("$.carrier", "added load cannot be carried as body weight")

    kind: ClassVar[Literal["load_up"]] = "load_up"
    """The tag of this rule kind in JSON documents."""

    def propose_unchecked(self, ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        """One load step up once the dose is manageable."""
        load = ex.dose.load
        used = ctx.done.load_kg if ctx.done is not None else None
        kg = _next_kg(load, self.step_kg, used, self.carrier)
        if (kg is not None and (kg > min(self.max_kg or _MAX_KG, _MAX_KG))) or (
            load.kind is _BAND and load.band is _BANDS[-1]
        ):
            return None  # as heavy as this rule, or a dose, goes
        wait = _not_yet("adding load", self.sessions, ctx, self.citation)
        if wait is not None:
            return wait
        heavier = _heavier(load, kg, self.carrier)
        if heavier is None:  # a weight to choose, and none logged: the step needs its kg
            return _proposal(
                to=None,
                text=f"{_lead(ctx)}the {load} has no weight in kg: log the kg used so the next"
                " step can be set",
                citation=self.citation,
            )
        return _stepped(
            _moved(ex, _evolve(ex.dose, load=heavier)),
            f"{_in_a_row(ctx.good_sessions)}: add load ({heavier})",
            self.sessions,
            ctx,
            self.citation,
        )


@attrs.frozen(kw_only=True)
class DoubleProgression(_Rule):
    """Build repetitions up to ``high``, then add load and start again from ``low``.

    Each step adds ``rep_step`` repetitions per set. At ``high`` it adds
    ``load_step_kg`` (or the next band) and goes back to ``low`` repetitions;
    with ``load_step_kg=None`` it stops applying at ``high``, so the next rule
    (e.g. :class:`LadderUp`) takes over: "build reps up to the aim, then make
    it harder". Repetition work only (not sets to fatigue).
    """

    low: int = attrs.field(default=8, validator=Number(ge=1, le=100))
    high: int = attrs.field(default=12, validator=Number(ge=1, le=100))
    rep_step: int = attrs.field(default=1, validator=Number(ge=1, le=20))
    load_step_kg: float | None = attrs.field(
        default=2.5, validator=Number(gt=0, le=50, integer=False, optional=True)
    )
    carrier: LoadKind = attrs.field(default=LoadKind.EXTERNAL, validator=EnumCheck(LoadKind))
    sessions: int | None = _sessions()
    citation: Citation | None = _citation()

    def __attrs_post_init__(self) -> None:
        if self.high < self.low:
            raise InvalidValueError("$.high", f"must be ≥ low ({self.low}), got {self.high}")
        if self.carrier is _BODY_WEIGHT:
            raise InvalidValueError("$.carrier", "added load cannot be carried as body weight")

    kind: ClassVar[Literal["double_progression"]] = "double_progression"
    """The tag of this rule kind in JSON documents."""

    def propose_unchecked(self, ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        """More repetitions, or at the top more load and fewer repetitions."""
        work = ex.dose.work
        if not isinstance(work, Reps) or work.to_fatigue:
            return None
        heavier: Load | None = None  # at the top of the range: the load to add
        rm = ex.dose.rm  # an RM load allows no more repetitions than its RM
        high = self.high if rm is None else min(self.high, rm)
        low = self.low if rm is None else min(self.low, rm)
        if work.count >= high:
            if self.load_step_kg is None:
                return None
            used = ctx.done.load_kg if ctx.done is not None else None
            load = ex.dose.load
            heavier = _heavier(
                load, _next_kg(load, self.load_step_kg, used, self.carrier), self.carrier
            )
            if heavier is None:
                return None
        wait = _not_yet("the next step", self.sessions, ctx, self.citation)
        if wait is not None:
            return wait
        if heavier is None:
            count = min(high, work.count + self.rep_step)
            dose = _evolve(ex.dose, work=_evolve(work, count=count, minimum=None))
            what = f"{count} repetitions a set"
        else:
            dose = _evolve(ex.dose, work=_evolve(work, count=low, minimum=None), load=heavier)
            what = f"add load ({heavier}) and go back to {low} repetitions"
        return _proposal(
            to=_moved(ex, dose),
            text=f"{_lead(ctx)}double progression: {what}",
            measure="reps",
            value=work.count,
            threshold=high,
            citation=self.citation,
        )


@attrs.frozen(kw_only=True)
class VolumeUp(_Rule):
    """Lengthen holds, then add sets: e.g. 3 x 30 s towards 5 x 45 s (inhome-pt's goal).

    Holds and timed work grow by ``seconds_step`` up to ``max_seconds``, then
    sets grow by ``set_step`` up to ``max_sets``. Repetition work only gains
    sets. Stops applying at the goal. The steps between start and goal are
    plantarkit's parameters (grade U).
    """

    seconds_step: float = attrs.field(default=5, validator=Number(gt=0, le=600, integer=False))
    max_seconds: float = attrs.field(default=45, validator=Number(gt=0, le=3600, integer=False))
    set_step: int = attrs.field(default=1, validator=Number(ge=1, le=10))
    max_sets: int = attrs.field(default=5, validator=Number(ge=1, le=20))
    sessions: int | None = _sessions()
    citation: Citation | None = _cited("inhome-pt", Grade.U, "start 3 x 30 s, goal 5 x 45 s")

    kind: ClassVar[Literal["volume_up"]] = "volume_up"
    """The tag of this rule kind in JSON documents."""

    def propose_unchecked(self, ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        """Longer holds first, then more sets."""
        dose, work = ex.dose, ex.dose.work
        if isinstance(work, RunWalk):
            return None
        limit = min(self.max_seconds, _MAX_SECONDS[work.kind]) if work.kind in _MAX_SECONDS else 0
        longer = isinstance(work, _TIMED_WORK) and work.seconds < limit
        if not longer and dose.sets >= self.max_sets:
            return None  # at the goal
        wait = _not_yet("more volume", self.sessions, ctx, self.citation)
        if wait is not None:
            return wait
        if isinstance(work, _TIMED_WORK) and longer:  # (the isinstance narrows the type)
            seconds = min(limit, work.seconds + self.seconds_step)
            new = _evolve(dose, work=_evolve(work, seconds=seconds))
            what = f"longer: {seconds:g} s"
        else:
            sets = min(self.max_sets, dose.sets + self.set_step)
            new = _evolve(dose, sets=sets, max_sets=None)
            what = f"another set: {sets} sets"
        goal = (
            f"{self.max_sets} x {self.max_seconds:g} s"
            if isinstance(work, _TIMED_WORK)
            else f"{self.max_sets} sets"
        )
        return _stepped(_moved(ex, new), f"{what} (goal {goal})", self.sessions, ctx, self.citation)


@attrs.frozen(kw_only=True)
class RunWalkUp(_Rule):
    """More running per interval after ``sessions`` good sessions (the clinic scheme).

    Each step adds ``run_step_seconds`` to each run, up to ``max_run_seconds``;
    with ``keep_minutes`` the number of rounds shrinks so the session lasts
    about as long. A session counts only with pain during the run at most
    ``max_pain_during`` (2/10 in the clinic scheme, grade B); a missing rating
    does not count. Run/walk work only.
    """

    run_step_seconds: float = attrs.field(
        default=60, validator=Number(gt=0, le=3600, integer=False)
    )
    max_run_seconds: float = attrs.field(
        default=1800, validator=Number(gt=0, le=4 * 3600, integer=False)
    )
    keep_minutes: bool = attrs.field(default=True, validator=Instance((bool,)))
    max_pain_during: int = attrs.field(default=2, validator=Number(ge=0, le=10))
    sessions: int | None = attrs.field(default=2, validator=Number(ge=1, le=50, optional=True))
    citation: Citation | None = _cited(
        "clinic-run-walk",
        Grade.B,
        "clinic run/walk scheme: step up after 2 sessions with pain at most 2/10",
    )

    kind: ClassVar[Literal["run_walk_up"]] = "run_walk_up"
    """The tag of this rule kind in JSON documents."""

    def propose_unchecked(self, ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        """Longer runs in each interval, once the stricter pain limit held."""
        work = ex.dose.work
        if not isinstance(work, RunWalk) or work.run_seconds >= self.max_run_seconds:
            return None
        painful = _too_painful(self.max_pain_during, ctx, self.citation)
        if painful is not None:
            return painful
        wait = _not_yet("more running", self.sessions, ctx, self.citation)
        if wait is not None:
            return wait
        run = min(self.max_run_seconds, work.run_seconds + self.run_step_seconds)
        rounds = work.rounds
        if self.keep_minutes:
            total = work.rounds * (work.run_seconds + work.walk_seconds)
            rounds = max(1, math.floor(total / (run + work.walk_seconds) + 0.5))
        new = _evolve(ex.dose, work=_evolve(work, run_seconds=run, rounds=rounds))
        return _stepped(
            _moved(ex, new), f"more running: {new.work}", self.sessions, ctx, self.citation
        )


@attrs.frozen(kw_only=True)
class Only(_Rule):
    """Apply ``rules`` (first that applies) only to some exercises or kinds of work.

    Attributes:
        rules: The rules, tried in order.
        exercises: Exercise ids it applies to; empty: any.
        work: Kinds of work it applies to (``"reps"``, ``"hold"``, ``"timed"``,
            ``"run_walk"``); empty: any.
    """

    rules: "tuple[ProgressionRule, ...]" = attrs.field()
    exercises: tuple[str, ...] = attrs.field(default=(), validator=TupleOf(ID, unique=True))
    work: tuple[str, ...] = attrs.field(
        default=(),
        validator=TupleOf(Text(pattern="|".join(_WORK_KINDS), what="a kind of work"), unique=True),
    )

    def __attrs_post_init__(self) -> None:
        _check_rules(self.rules, "$.rules")
        if not self.rules:
            raise InvalidValueError("$.rules", "expected at least one rule")

    kind: ClassVar[Literal["only"]] = "only"
    """The tag of this rule kind in JSON documents."""

    def propose_unchecked(self, ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        """The first of ``rules`` that applies, for matching exercises."""
        if self.exercises and ex.exercise not in self.exercises:
            return None
        if self.work and ex.dose.work.kind not in self.work:
            return None
        for rule in self.rules:
            proposal = _ask(rule, ex, ctx)
            if proposal is not None:
                return proposal
        return None


ProgressionRule = WeeklyTable | LadderUp | LoadUp | DoubleProgression | VolumeUp | RunWalkUp | Only
"""Every kind of built-in progression rule."""

PROGRESSION_TYPES: tuple[type, ...] = typing.get_args(ProgressionRule)


# --- regression rules -------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class LadderDown(_Rule):
    """Back down one rung of the exercise's ladder. Does not apply on the first rung."""

    citation: Citation | None = _cited(
        "exakt-2021",
        Grade.U,
        "an exercise that causes pain is not the right one now: go back a level",
    )

    kind: ClassVar[Literal["ladder_down"]] = "ladder_down"
    """The tag of this rule kind in JSON documents."""

    def propose_unchecked(self, ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        """The rung below (not for an exercise on a weekly dose table: it stays on the table)."""
        if ctx.schedule:
            return None
        down = _rung(ex, ctx, -1)
        if down is None:
            return None
        return _proposal(
            to=down,
            text=f"back a rung of '{ex.ladder}': {down.exercise}, {down.dose.brief()}",
            citation=self.citation,
        )


def _lighter(load: Load, step_kg: float) -> Load | None:
    if load.kind is _BODY_WEIGHT:
        return None
    if load.kind is _BAND:
        index = _BANDS.index(load.band or _BANDS[0])
        return _new_load(kind=_BAND, kg=None, band=_BANDS[index - 1]) if index > 0 else _NO_LOAD
    if load.kg is None:
        return None
    kg = round(load.kg - step_kg, 2)
    return _new_load(kind=load.kind, kg=kg, band=None) if kg > 0 else _NO_LOAD


@attrs.frozen(kw_only=True)
class LessLoad(_Rule):
    """Take ``step_kg`` off the added weight (or use the next lighter band, then none).

    Does not apply to body-weight work or a weight given without kg.
    """

    step_kg: float = attrs.field(default=2.5, validator=Number(gt=0, le=50, integer=False))
    citation: Citation | None = _citation()

    kind: ClassVar[Literal["less_load"]] = "less_load"
    """The tag of this rule kind in JSON documents."""

    def propose_unchecked(self, ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        """A lighter load."""
        lighter = _lighter(ex.dose.load, self.step_kg)
        if lighter is None:
            return None
        return _proposal(
            to=_moved(ex, _evolve(ex.dose, load=lighter)),
            text=f"less load: {lighter}",
            citation=self.citation,
        )


@attrs.frozen(kw_only=True)
class FewerSets(_Rule):
    """Drop ``step`` sets, down to ``min_sets``."""

    step: int = attrs.field(default=1, validator=Number(ge=1, le=10))
    min_sets: int = attrs.field(default=1, validator=Number(ge=1, le=20))
    citation: Citation | None = _citation()

    kind: ClassVar[Literal["fewer_sets"]] = "fewer_sets"
    """The tag of this rule kind in JSON documents."""

    def propose_unchecked(self, ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        """Fewer sets of the same work."""
        if ex.dose.sets <= self.min_sets:
            return None
        sets = max(self.min_sets, ex.dose.sets - self.step)
        return _proposal(
            to=_moved(ex, _evolve(ex.dose, sets=sets, max_sets=None)),
            text=f"fewer sets: {sets}",
            citation=self.citation,
        )


@attrs.frozen(kw_only=True)
class LessWork(_Rule):
    """Less work per set: fewer repetitions, shorter holds or bouts, fewer intervals.

    Repetitions and seconds are multiplied by their fraction (at least one
    repetition or second is left); run/walk drops ``rounds_step`` intervals.
    Does not apply once nothing can be taken off.
    """

    reps_fraction: float = attrs.field(default=0.8, validator=Number(gt=0, le=0.99, integer=False))
    seconds_fraction: float = attrs.field(
        default=0.75, validator=Number(gt=0, le=0.99, integer=False)
    )
    rounds_step: int = attrs.field(default=1, validator=Number(ge=1, le=20))
    citation: Citation | None = _citation()

    kind: ClassVar[Literal["less_work"]] = "less_work"
    """The tag of this rule kind in JSON documents."""

    def propose_unchecked(self, ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        """A smaller amount of work per set."""
        dose, work = ex.dose, ex.dose.work
        if isinstance(work, Reps):
            count = max(1, math.floor(work.count * self.reps_fraction))
            if count == work.count:
                return None
            minimum = None if work.minimum is None else min(work.minimum, count)
            new = _evolve(dose, work=_evolve(work, count=count, minimum=minimum))
        elif isinstance(work, _TIMED_WORK):
            seconds = max(1.0, round(work.seconds * self.seconds_fraction, 1))
            if seconds >= work.seconds:
                return None
            new = _evolve(dose, work=_evolve(work, seconds=seconds))
        else:
            rounds = max(1, work.rounds - self.rounds_step)
            if rounds == work.rounds:
                return None
            new = _evolve(dose, work=_evolve(work, rounds=rounds))
        return _proposal(
            to=_moved(ex, new), text=f"less work per set: {new.brief()}", citation=self.citation
        )


RegressionRule = LadderDown | LessLoad | FewerSets | LessWork
"""Every kind of built-in regression rule."""


def built_back(dose: Prescription, target: Prescription) -> Prescription:
    """One step from an eased-off ``dose`` back towards ``target``: ``target`` once reached.

    The easing undone last first: more work per set (a quarter more
    repetitions, a third longer holds and bouts, an interval more: the
    inverse of :class:`LessWork`), then a set more, then the load back.
    Never past ``target``.
    """
    work, aim = dose.work, target.work
    new = dose
    if isinstance(work, Reps) and isinstance(aim, Reps) and work.count < aim.count:
        count = min(aim.count, max(work.count + 1, math.ceil(work.count * 1.25)))
        minimum = aim.minimum if count == aim.count else work.minimum
        new = _evolve(dose, work=_evolve(work, count=count, minimum=minimum))
    elif (
        isinstance(work, _TIMED_WORK)
        and isinstance(aim, _TIMED_WORK)
        and type(work) is type(aim)
        and work.seconds < aim.seconds
    ):
        seconds = min(aim.seconds, max(work.seconds + 1, round(work.seconds * 4 / 3, 1)))
        new = _evolve(dose, work=_evolve(work, seconds=seconds))
    elif isinstance(work, RunWalk) and isinstance(aim, RunWalk) and work.rounds < aim.rounds:
        new = _evolve(dose, work=_evolve(work, rounds=work.rounds + 1))
    elif dose.sets < target.sets:
        new = _evolve(dose, sets=dose.sets + 1, max_sets=None)
    if new == dose:  # nothing of those left: the rest (load, the kind of work) at once
        return target
    return target if _easier(target, new) or new == target else new


REGRESSION_TYPES: tuple[type, ...] = typing.get_args(RegressionRule)

CustomRule = Callable[[ExerciseState, RuleContext], Proposal | None]
"""A rule written as a plain function: it gets the exercise's state and the context."""

AnyProgression = ProgressionRule | CustomRule
"""A built-in progression rule or a custom one (a callable cannot be saved as JSON)."""

AnyRegression = RegressionRule | CustomRule
"""A built-in regression rule or a custom one (a callable cannot be saved as JSON)."""


def propose(
    rules: tuple[AnyProgression, ...] | tuple[AnyRegression, ...],
    ex: ExerciseState,
    ctx: RuleContext,
    *,
    path: str,
    direction: Literal["up", "down"] | None = None,
) -> tuple[Proposal, str] | None:
    """The proposal of the first rule in ``rules`` that applies, and that rule's name.

    The name is the proposal's own ``rule`` when set (the nested rule of a
    composite that decided), else a built-in rule's ``kind`` or a custom
    rule's function name.
    A proposal that would switch to an exercise already in the phase counts
    as not applying, so the next rule is asked. ``path`` says where the rules
    came from, for errors from custom rules.

    A custom rule's proposal is held to what the built-in rules keep by
    construction: it names a catalogue exercise with its own ladder position;
    going ``"up"`` it stays on the exercise or takes the next rung of its
    ladder; going ``"down"`` it is no harder (no more sets, work or weight),
    or the rung below.

    Raises:
        InvalidValueError: A custom rule failed, returned something other
            than a :class:`Proposal` or ``None``, or proposed a step that
            breaks the rules above.
    """
    for rule in rules:
        if not callable(rule):
            proposal = rule.propose_unchecked(ex, ctx)
            if proposal is None:
                continue
            name: str = rule.kind
        else:
            name = getattr(rule, "__name__", "") or type(rule).__name__
            where = f"{path}[{rules.index(rule)}]"
            try:
                result: object = rule(ex, ctx)  # user code: check what came back
            except PlantarkitError:
                raise
            except Exception as exc:
                raise InvalidValueError(
                    where, f"the rule {name} failed: {type(exc).__name__}: {exc}"
                ) from exc
            if result is None:
                continue
            if not isinstance(result, Proposal):
                raise InvalidValueError(
                    where,
                    f"the rule {name} returned {type(result).__name__}; "
                    "expected a Proposal or None",
                )
            proposal = result
            if proposal.to is not None:
                problem = _unsafe_step(ex, proposal.to, ctx, direction)
                if problem:
                    raise InvalidValueError(where, f"the rule {name} {problem}")
        if _clashes(proposal, ex, ctx):
            continue  # two states of one exercise in a phase would be ambiguous
        return proposal, proposal.rule or name
    return None


def _unsafe_step(
    ex: ExerciseState,
    to: ExerciseState,
    ctx: RuleContext,
    direction: Literal["up", "down"] | None,
) -> str:
    """What is wrong with a custom rule's step from ``ex`` to ``to`` ("" when nothing)."""
    problem = misplaced(ctx.catalogue, to)
    if problem:
        return f"proposed a state whose {problem}"
    if direction is None:
        return ""
    switch = to.exercise != ex.exercise
    moved = (to.rung or 0) - (ex.rung or 0) if to.ladder == ex.ladder else None
    if direction == "up":
        if switch and moved != 1:
            return f"switched from {ex.exercise!r} to {to.exercise!r}: only the next rung may"
        if moved is not None and moved not in (0, 1):
            return f"moved {moved} rungs: a step up is one rung at most"
        return ""
    if switch and moved != -1:
        return (
            f"switched from {ex.exercise!r} to {to.exercise!r} to ease off: only the rung below may"
        )
    if switch:
        return ""
    if moved is not None and moved > 0:
        return "moved up a rung to ease off"
    old, new = ex.dose, to.dose
    if (
        new.sets > old.sets
        or new.time_under_tension() > old.time_under_tension()
        or (new.load.kg or 0) > (old.load.kg or 0)
    ):
        return f"made the dose harder to ease off ({old.brief()} → {new.brief()})"
    return ""


def misplaced(cat: Catalogue, ex: ExerciseState) -> str:
    """What does not fit the catalogue in an exercise's state ("" when it all fits).

    The exercise must be in the catalogue and, on a ladder, sit on a rung of
    that ladder that holds it.
    """
    if cat.get(ex.exercise) is None:
        return f"exercise {ex.exercise!r} is not in the catalogue"
    if ex.ladder is None or ex.rung is None or cat.fits(ex.exercise, ex.ladder, ex.rung):
        return ""
    try:
        ladder = cat.ladder(ex.ladder)
    except PlantarkitError:
        return f"ladder {ex.ladder!r} is not in the catalogue"
    del ladder  # it exists, but the rung is not the exercise's
    return f"rung {ex.rung} of ladder {ex.ladder!r} does not hold {ex.exercise!r}"
