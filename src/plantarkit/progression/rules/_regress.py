"""Regression rules: how an exercise eases off when a pain rule is broken or after a gap."""

import math
import typing
from typing import ClassVar, Literal

import attrs

from plantarkit._core.checks import Number
from plantarkit._core.evidence import Citation, Grade, citation_field, cite
from plantarkit._core.registry import public
from plantarkit._core.trusted import evolve as _evolve
from plantarkit.exercises import Reps, lighter
from plantarkit.progression.rules._base import TIMED_WORK, Rule, moved, rung
from plantarkit.progression.rules._values import ExerciseState, Proposal, RuleContext, make_proposal


@public("regression_rule")
@attrs.frozen(kw_only=True)
class LadderDown(Rule):
    """Back down one rung of the exercise's ladder. Does not apply on the first rung."""

    citation: Citation | None = citation_field(
        cite(
            "exakt-2021",
            Grade.U,
            "an exercise that causes pain is not the right one now: go back a level",
        )
    )

    kind: ClassVar[Literal["ladder_down"]] = "ladder_down"
    """The tag of this rule kind in JSON documents."""

    def propose_unchecked(self, ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        """The rung below (not for an exercise on a weekly dose table: it stays on the table)."""
        if ctx.schedule:
            return None
        down = rung(ex, ctx, -1)
        if down is None:
            return None
        return make_proposal(
            to=down,
            text=f"back a rung of '{ex.ladder}': {down.exercise}, {down.dose.brief()}",
            citation=self.citation,
        )


@public("regression_rule")
@attrs.frozen(kw_only=True)
class LessLoad(Rule):
    """Take ``step_kg`` off the added weight (or use the next lighter band, then none).

    Does not apply to body-weight work or a weight given without kg.
    """

    step_kg: float = attrs.field(default=2.5, validator=Number(gt=0, le=50, integer=False))
    citation: Citation | None = citation_field()

    kind: ClassVar[Literal["less_load"]] = "less_load"
    """The tag of this rule kind in JSON documents."""

    def propose_unchecked(self, ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        """A lighter load."""
        down = lighter(ex.dose.load, self.step_kg)
        if down is None:
            return None
        return make_proposal(
            to=moved(ex, _evolve(ex.dose, load=down)),
            text=f"less load: {down}",
            citation=self.citation,
        )


@public("regression_rule")
@attrs.frozen(kw_only=True)
class FewerSets(Rule):
    """Drop ``step`` sets, down to ``min_sets``."""

    step: int = attrs.field(default=1, validator=Number(ge=1, le=10))
    min_sets: int = attrs.field(default=1, validator=Number(ge=1, le=20))
    citation: Citation | None = citation_field()

    kind: ClassVar[Literal["fewer_sets"]] = "fewer_sets"
    """The tag of this rule kind in JSON documents."""

    def propose_unchecked(self, ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
        """Fewer sets of the same work."""
        if ex.dose.sets <= self.min_sets:
            return None
        sets = max(self.min_sets, ex.dose.sets - self.step)
        return make_proposal(
            to=moved(ex, _evolve(ex.dose, sets=sets, max_sets=None)),
            text=f"fewer sets: {sets}",
            citation=self.citation,
        )


@public("regression_rule")
@attrs.frozen(kw_only=True)
class LessWork(Rule):
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
    citation: Citation | None = citation_field()

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
        elif isinstance(work, TIMED_WORK):
            seconds = max(1.0, round(work.seconds * self.seconds_fraction, 1))
            if seconds >= work.seconds:
                return None
            new = _evolve(dose, work=_evolve(work, seconds=seconds))
        else:
            rounds = max(1, work.rounds - self.rounds_step)
            if rounds == work.rounds:
                return None
            new = _evolve(dose, work=_evolve(work, rounds=rounds))
        return make_proposal(
            to=moved(ex, new), text=f"less work per set: {new.brief()}", citation=self.citation
        )


RegressionRule = LadderDown | LessLoad | FewerSets | LessWork
"""Every kind of built-in regression rule."""


REGRESSION_TYPES: tuple[type, ...] = typing.get_args(RegressionRule)
