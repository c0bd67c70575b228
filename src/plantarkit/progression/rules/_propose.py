"""Asking a list of rules for the next step: the first that applies wins, custom rules checked."""

from collections.abc import Callable
from typing import Literal

from plantarkit._core.errors import InvalidValueError, PlantarkitError
from plantarkit.exercises import Catalogue, harder_in
from plantarkit.progression.rules._base import clashes
from plantarkit.progression.rules._progress import ProgressionRule
from plantarkit.progression.rules._regress import RegressionRule
from plantarkit.progression.rules._values import ExerciseState, Proposal, RuleContext

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
        if clashes(proposal, ex, ctx):
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
    over = harder_in(new, old)
    if over:
        return (
            f"made the dose harder to ease off ({', '.join(over)}: {old.brief()} → {new.brief()})"
        )
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
