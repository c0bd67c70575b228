"""Progression rules: how an exercise moves on once it may (a table row, a rung, load, volume)."""

import math
import typing
from typing import ClassVar, Literal

import attrs

from plantarkit._core.checks import EnumCheck, Instance, Number, Text, TupleOf
from plantarkit._core.errors import InvalidValueError
from plantarkit._core.evidence import Citation, Grade, citation_field, cite
from plantarkit._core.ids import ID
from plantarkit._core.registry import public
from plantarkit._core.trusted import evolve as _evolve
from plantarkit.exercises import (
    BANDS,
    MAX_KG,
    MAX_SECONDS,
    Load,
    LoadKind,
    Prescription,
    Reps,
    RunWalk,
    harder_in,
    heavier,
    next_kg,
    with_load_kept,
)
from plantarkit.progression.rules._base import (
    TIMED_WORK,
    WORK_KINDS,
    Rule,
    ask,
    in_a_row,
    lead,
    moved,
    not_yet,
    rung,
    sessions_field,
    stepped,
    too_painful,
)
from plantarkit.progression.rules._values import (
    ExerciseState,
    Proposal,
    RuleContext,
    check_rules,
    make_proposal,
    state_of,
)

# Plain names for the load kinds compared on every call: on Python 3.11 looking up an enum
# member (LoadKind.BAND) runs a descriptor hook.
_BODY_WEIGHT, _BAND = LoadKind.BODY_WEIGHT, LoadKind.BAND


@public("progression_rule")
@attrs.frozen(kw_only=True)
class WeeklyTable(Rule):
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
    sessions: int | None = sessions_field()
    citation: Citation | None = citation_field()

    def __attrs_post_init__(self) -> None:
        check_rules(self.within, "$.within")

    kind: ClassVar[Literal["weekly_table"]] = "weekly_table"
    """The tag of this rule kind in JSON documents."""

    def propose_unchecked(self, ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        """Move to the table's next row, back to the current row, or apply ``within``."""
        rows = ctx.schedule
        if not rows:
            return None
        row = ex.row if ex.row is not None and ex.row < len(rows) else _row_of(ex.dose, rows)
        at_row = with_load_kept(rows[row], ex.dose)
        if at_row != ex.dose and not harder_in(ex.dose, at_row):  # eased off below its row: back up
            wait = not_yet("going back to the table's dose", self.sessions, ctx, self.citation)
            if wait is not None:
                return wait
            target, what = row, "back to the protocol's dose"
        elif row + 1 < len(rows):
            target, what = row + 1, f"the protocol's next dose (table of week {ctx.week})"
        else:
            for rule in self.within:
                proposal = ask(rule, ex, ctx)
                if proposal is not None:
                    return proposal
            return make_proposal(
                to=None,
                text=f"{lead(ctx)}following the protocol's weekly dose table (week {ctx.week})",
                measure="week",
                value=ctx.week,
                citation=self.citation,
            )
        dose = with_load_kept(rows[target], ex.dose)
        moved = state_of(ex, ex.exercise, dose, ex.ladder, ex.rung, target)
        return make_proposal(
            to=moved,
            text=f"{lead(ctx)}{what}: {dose.brief()}",
            measure="row",
            value=target,
            citation=self.citation,
        )


def _row_of(dose: Prescription, rows: tuple[Prescription, ...]) -> int:
    """The table row a dose belongs to (its load aside); the first when it matches none."""
    for i in range(len(rows) - 1, -1, -1):
        if with_load_kept(rows[i], dose) == dose:
            return i
    return 0


@public("progression_rule")
@attrs.frozen(kw_only=True)
class LadderUp(Rule):
    """Step up the exercise's ladder once the current rung is mastered.

    Mastered means ``sessions`` good sessions in a row (``None``: the engine's
    ``sessions_to_progress``). With ``max_pain_during``, only sessions with
    pain during at most that count (e.g. 2/10 for run/walk in the clinic
    scheme). Does not apply off a ladder or at its top.
    """

    sessions: int | None = sessions_field()
    max_pain_during: int | None = attrs.field(
        default=None, validator=Number(ge=0, le=10, optional=True)
    )
    citation: Citation | None = citation_field(
        cite("exakt-2021", Grade.U, "move up only once the current level is mastered")
    )

    kind: ClassVar[Literal["ladder_up"]] = "ladder_up"
    """The tag of this rule kind in JSON documents."""

    def propose_unchecked(self, ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        """The next rung, once mastered."""
        if ex.ladder is None or ex.rung is None:
            return None
        if ex.rung + 1 >= len(ctx.catalogue.ladder(ex.ladder).steps):
            return None
        painful = too_painful(self.max_pain_during, ctx, self.citation)
        if painful is not None:
            return painful
        wait = not_yet("the next rung", self.sessions, ctx, self.citation)
        if wait is not None:
            return wait
        up = rung(ex, ctx, +1)
        assert up is not None  # checked above
        dose = up.dose.brief()
        if dose == ex.dose.brief():  # the rung changes how often (or the cues) only: say so
            dose += f", {up.dose.frequency}"
        return stepped(
            up,
            f"{in_a_row(ctx.good_sessions)}: next rung of '{ex.ladder}' ({up.exercise}, {dose})",
            self.sessions,
            ctx,
            self.citation,
        )


@public("progression_rule")
@attrs.frozen(kw_only=True)
class LoadUp(Rule):
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
    sessions: int | None = sessions_field()
    citation: Citation | None = citation_field()

    def __attrs_post_init__(self) -> None:
        if self.carrier is _BODY_WEIGHT:
            raise InvalidValueError("$.carrier", "added load cannot be carried as body weight")

    kind: ClassVar[Literal["load_up"]] = "load_up"
    """The tag of this rule kind in JSON documents."""

    def propose_unchecked(self, ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        """One load step up once the dose is manageable."""
        load = ex.dose.load
        used = ctx.done.load_kg if ctx.done is not None else None
        kg = next_kg(load, self.step_kg, used, self.carrier)
        if (kg is not None and (kg > min(self.max_kg or MAX_KG, MAX_KG))) or (
            load.kind is _BAND and load.band is BANDS[-1]
        ):
            return None  # as heavy as this rule, or a dose, goes
        wait = not_yet("adding load", self.sessions, ctx, self.citation)
        if wait is not None:
            return wait
        up = heavier(load, kg, self.carrier)
        if up is None:  # a weight to choose, and none logged: the step needs its kg
            return make_proposal(
                to=None,
                text=f"{lead(ctx)}the {load} has no weight in kg: log the kg used so the next"
                " step can be set",
                citation=self.citation,
            )
        return stepped(
            moved(ex, _evolve(ex.dose, load=up)),
            f"{in_a_row(ctx.good_sessions)}: add load ({up})",
            self.sessions,
            ctx,
            self.citation,
        )


@public("progression_rule")
@attrs.frozen(kw_only=True)
class DoubleProgression(Rule):
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
    sessions: int | None = sessions_field()
    citation: Citation | None = citation_field()

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
        up: Load | None = None  # at the top of the range: the load to add
        rm = ex.dose.rm  # an RM load allows no more repetitions than its RM
        high = self.high if rm is None else min(self.high, rm)
        low = self.low if rm is None else min(self.low, rm)
        if work.count >= high:
            if self.load_step_kg is None:
                return None
            used = ctx.done.load_kg if ctx.done is not None else None
            load = ex.dose.load
            up = heavier(load, next_kg(load, self.load_step_kg, used, self.carrier), self.carrier)
            if up is None:
                return None
        wait = not_yet("the next step", self.sessions, ctx, self.citation)
        if wait is not None:
            return wait
        if up is None:
            count = min(high, work.count + self.rep_step)
            dose = _evolve(ex.dose, work=_evolve(work, count=count, minimum=None))
            what = f"{count} repetitions a set"
        else:
            dose = _evolve(ex.dose, work=_evolve(work, count=low, minimum=None), load=up)
            what = f"add load ({up}) and go back to {low} repetitions"
        return make_proposal(
            to=moved(ex, dose),
            text=f"{lead(ctx)}double progression: {what}",
            measure="reps",
            value=work.count,
            threshold=high,
            citation=self.citation,
        )


@public("progression_rule")
@attrs.frozen(kw_only=True)
class VolumeUp(Rule):
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
    sessions: int | None = sessions_field()
    citation: Citation | None = citation_field(
        cite("inhome-pt", Grade.U, "start 3 x 30 s, goal 5 x 45 s")
    )

    kind: ClassVar[Literal["volume_up"]] = "volume_up"
    """The tag of this rule kind in JSON documents."""

    def propose_unchecked(self, ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        """Longer holds first, then more sets."""
        dose, work = ex.dose, ex.dose.work
        if isinstance(work, RunWalk):
            return None
        limit = min(self.max_seconds, MAX_SECONDS[work.kind]) if work.kind in MAX_SECONDS else 0
        longer = isinstance(work, TIMED_WORK) and work.seconds < limit
        if not longer and dose.sets >= self.max_sets:
            return None  # at the goal
        wait = not_yet("more volume", self.sessions, ctx, self.citation)
        if wait is not None:
            return wait
        if isinstance(work, TIMED_WORK) and longer:  # (the isinstance narrows the type)
            seconds = min(limit, work.seconds + self.seconds_step)
            new = _evolve(dose, work=_evolve(work, seconds=seconds))
            what = f"longer: {seconds:g} s"
        else:
            sets = min(self.max_sets, dose.sets + self.set_step)
            new = _evolve(dose, sets=sets, max_sets=None)
            what = f"another set: {sets} sets"
        goal = (
            f"{self.max_sets} x {self.max_seconds:g} s"
            if isinstance(work, TIMED_WORK)
            else f"{self.max_sets} sets"
        )
        return stepped(moved(ex, new), f"{what} (goal {goal})", self.sessions, ctx, self.citation)


@public("progression_rule")
@attrs.frozen(kw_only=True)
class RunWalkUp(Rule):
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
    citation: Citation | None = citation_field(
        cite(
            "clinic-run-walk",
            Grade.B,
            "clinic run/walk scheme: step up after 2 sessions with pain at most 2/10",
        )
    )

    kind: ClassVar[Literal["run_walk_up"]] = "run_walk_up"
    """The tag of this rule kind in JSON documents."""

    def propose_unchecked(self, ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        """Longer runs in each interval, once the stricter pain limit held."""
        work = ex.dose.work
        if not isinstance(work, RunWalk) or work.run_seconds >= self.max_run_seconds:
            return None
        painful = too_painful(self.max_pain_during, ctx, self.citation)
        if painful is not None:
            return painful
        wait = not_yet("more running", self.sessions, ctx, self.citation)
        if wait is not None:
            return wait
        run = min(self.max_run_seconds, work.run_seconds + self.run_step_seconds)
        rounds = work.rounds
        if self.keep_minutes:
            total = work.rounds * (work.run_seconds + work.walk_seconds)
            rounds = max(1, math.floor(total / (run + work.walk_seconds) + 0.5))
        new = _evolve(ex.dose, work=_evolve(work, run_seconds=run, rounds=rounds))
        return stepped(
            moved(ex, new), f"more running: {new.work}", self.sessions, ctx, self.citation
        )


@public("progression_rule")
@attrs.frozen(kw_only=True)
class Only(Rule):
    """Apply ``rules`` (first that applies) only to some exercises or kinds of work.

    Attributes:
        rules: The rules, tried in order.
        exercises: Exercise ids it applies to; empty: any.
        work: Kinds of work it applies to (``"reps"``, ``"hold"``, ``"timed"``,
            ``"run_walk"``); empty: any.
    """

    rules: "tuple[ProgressionRule, ...]" = attrs.field(metadata={"json_schema": {"minItems": 1}})
    exercises: tuple[str, ...] = attrs.field(default=(), validator=TupleOf(ID, unique=True))
    work: tuple[str, ...] = attrs.field(
        default=(),
        validator=TupleOf(Text(pattern="|".join(WORK_KINDS), what="a kind of work"), unique=True),
    )

    def __attrs_post_init__(self) -> None:
        check_rules(self.rules, "$.rules")
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
            proposal = ask(rule, ex, ctx)
            if proposal is not None:
                return proposal
        return None


ProgressionRule = WeeklyTable | LadderUp | LoadUp | DoubleProgression | VolumeUp | RunWalkUp | Only
"""Every kind of built-in progression rule."""


PROGRESSION_TYPES: tuple[type, ...] = typing.get_args(ProgressionRule)
