"""What every built-in progression and regression rule shares: fields, checks, reasons."""

from typing import TYPE_CHECKING, Any

import attrs

from plantarkit._core.checks import Number
from plantarkit._core.errors import InvalidValueError
from plantarkit._core.evidence import Citation
from plantarkit._core.trusted import evolve as _evolve
from plantarkit.exercises import Hold, Prescription, Timed
from plantarkit.progression.rules._values import (
    ExerciseState,
    Proposal,
    RuleContext,
    make_proposal,
    state_of,
)

WORK_KINDS = ("reps", "hold", "timed", "run_walk")


if TYPE_CHECKING:
    from plantarkit.progression.rules._progress import ProgressionRule


def sessions_field() -> Any:
    return attrs.field(default=None, validator=Number(ge=1, le=50, optional=True))


def _needed(sessions: int | None, ctx: RuleContext) -> int:
    return ctx.sessions_to_progress if sessions is None else sessions


def stepped(
    to: ExerciseState, text: str, sessions: int | None, ctx: RuleContext, citation: Citation | None
) -> Proposal:
    """A step taken after enough good sessions: the count and the number needed as its numbers."""
    return make_proposal(
        to=to,
        text=f"{lead(ctx)}{text}",
        measure="good_sessions",
        value=ctx.good_sessions,
        threshold=_needed(sessions, ctx),
        citation=citation,
    )


def not_yet(
    what: str, sessions: int | None, ctx: RuleContext, citation: Citation | None
) -> Proposal | None:
    """A keep proposal while fewer than the needed good sessions are done, else ``None``."""
    need = _needed(sessions, ctx)
    if ctx.good_sessions >= need:
        return None
    return make_proposal(
        to=None,
        text=f"{lead(ctx)}{ctx.good_sessions} of {need} good sessions before {what}",
        measure="good_sessions",
        value=ctx.good_sessions,
        threshold=need,
        citation=citation,
    )


def too_painful(
    max_pain_during: int | None, ctx: RuleContext, citation: Citation | None
) -> Proposal | None:
    """A keep proposal that does not count the session when pain during was above the limit."""
    if max_pain_during is None:
        return None
    during = ctx.pain.during if ctx.pain is not None else None
    if during is not None and during.value <= max_pain_during:
        return None
    rated = "not rated" if during is None else f"{during.value}/10"
    return make_proposal(
        to=None,
        text=(
            f"{lead(ctx)}pain during {rated} (a step up needs at most {max_pain_during}/10):"
            " this session does not count towards one"
        ),
        counts=False,
        measure="during",
        value=None if during is None else during.value,
        threshold=max_pain_during,
        citation=citation,
    )


def moved(ex: ExerciseState, dose: Prescription) -> ExerciseState:
    """The same exercise (same ladder position and rules) at a new dose, count restarted."""
    return state_of(ex, ex.exercise, dose, ex.ladder, ex.rung, ex.row)


def rung(ex: ExerciseState, ctx: RuleContext, offset: int) -> ExerciseState | None:
    if ex.ladder is None or ex.rung is None:
        return None
    ladder = ctx.catalogue.ladder(ex.ladder)
    index = ex.rung + offset
    if not 0 <= index < len(ladder.steps):
        return None
    step = ladder.steps[index]
    dose = step.dose if step.dose is not None else ctx.catalogue[step.exercise].dose
    return state_of(ex, step.exercise, dose, ladder.id, index, ex.row)


def lead(ctx: RuleContext) -> str:
    return f"{ctx.how}; " if ctx.how else ""


def in_a_row(good: int) -> str:
    return "1 good session" if good == 1 else f"{good} good sessions in a row"


def _check_call(ex: object, ctx: object) -> None:
    if not isinstance(ex, ExerciseState):
        raise InvalidValueError("$.ex", f"expected an ExerciseState, got {type(ex).__name__}")
    if not isinstance(ctx, RuleContext):
        raise InvalidValueError("$.ctx", f"expected a RuleContext, got {type(ctx).__name__}")


def clashes(proposal: Proposal, ex: ExerciseState, ctx: RuleContext) -> bool:
    """Whether a proposal switches to an exercise already in the phase."""
    to = proposal.to
    return to is not None and to.exercise != ex.exercise and to.exercise in ctx.in_phase


class Rule:
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


def ask(rule: "ProgressionRule", ex: ExerciseState, ctx: RuleContext) -> Proposal | None:
    """A nested rule's proposal, named after it, unless it switches to an exercise in the phase."""
    proposal = rule.propose_unchecked(ex, ctx)
    if proposal is None or clashes(proposal, ex, ctx):
        return None
    return proposal if proposal.rule else _evolve(proposal, rule=rule.kind)


TIMED_WORK = (Hold, Timed)
"""Work measured in seconds (a tuple: ``Hold | Timed`` would build a union on every test)."""
