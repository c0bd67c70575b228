"""Progression ladders: ordered steps from easier to harder."""

import attrs

from plantarkit._core.checks import Instance, Number, Text, TupleOf
from plantarkit._core.ids import ID, SOURCE_KEYS
from plantarkit._core.registry import public
from plantarkit.exercises._dose import Prescription
from plantarkit.exercises._model import Exercise

__all__ = ["MAX_RUNGS", "Ladder", "LadderStep", "Variant"]

MAX_RUNGS = 100
"""The most rungs a ladder may have (published ladders have a handful), so a
:class:`Variant`'s position is bounded too."""


@public()
@attrs.frozen(kw_only=True)
class LadderStep:
    """One rung of a ladder: an exercise, optionally at a dose other than its default.

    Attributes:
        exercise: Id of the exercise.
        dose: The dose at this rung; ``None`` means the exercise's default dose.
        note: What changes at this rung, or when to take it.
    """

    exercise: str = attrs.field(validator=ID)
    dose: Prescription | None = attrs.field(
        default=None, validator=Instance((Prescription,), optional=True)
    )
    note: str = attrs.field(default="", validator=Text())


@public()
@attrs.frozen(kw_only=True)
class Ladder:
    """An ordered progression, easiest rung first.

    Going up a rung is a progression; going down is a regression. Rungs may
    change the exercise (clam → banded clam) or only its dose (3 × 30 s →
    5 × 45 s holds).

    Attributes:
        id: Short snake_case id.
        name: Name shown to people.
        steps: The rungs, easiest first (at least two, at most :data:`MAX_RUNGS`).
        criterion: When to move up, in words (the rule engine decides in code).
        sources: Keys of the sources the ladder comes from.
        note: Caveats, e.g. which steps are illustrative rather than published.
    """

    id: str = attrs.field(validator=ID)
    name: str = attrs.field(validator=Text(non_empty=True))
    steps: tuple[LadderStep, ...] = attrs.field(
        validator=TupleOf(Instance((LadderStep,)), min_length=2, max_length=MAX_RUNGS)
    )
    criterion: str = attrs.field(default="", validator=Text())
    sources: tuple[str, ...] = attrs.field(default=(), validator=SOURCE_KEYS)
    note: str = attrs.field(default="", validator=Text())

    def exercises(self) -> tuple[str, ...]:
        """Distinct exercise ids on the ladder, in order of first appearance."""
        return tuple(dict.fromkeys(step.exercise for step in self.steps))

    def index(
        self,
        exercise: str,
        dose: Prescription | None = None,
        *,
        default: Prescription | None = None,
    ) -> int | None:
        """Return the position of a rung, or ``None`` if the exercise is not on the ladder.

        Args:
            exercise: The exercise id.
            dose: The dose to find. The rung with exactly that exercise and
                dose wins; if there is none (or no dose is given), the
                exercise's first rung.
            default: The exercise's default dose, which rungs without a dose
                of their own stand for (so that both spellings of a rung match).
        """
        first: int | None = None
        for i, step in enumerate(self.steps):
            if step.exercise != exercise:
                continue
            rung_dose = step.dose if step.dose is not None else default
            if dose is not None and rung_dose == dose:
                return i
            if first is None:
                first = i
        return first


@public()
@attrs.frozen(kw_only=True)
class Variant:
    """A resolved ladder rung: the exercise, the dose to use and where it sits.

    Attributes:
        ladder: Id of the ladder.
        index: Position on the ladder (0 is the easiest rung).
        exercise: The exercise.
        dose: The dose at this rung (the rung's own, or the exercise's default).
        note: The rung's note.
    """

    ladder: str = attrs.field(validator=ID)
    index: int = attrs.field(validator=Number(ge=0, le=MAX_RUNGS - 1))
    exercise: Exercise = attrs.field(validator=Instance((Exercise,)))
    dose: Prescription = attrs.field(validator=Instance((Prescription,)))
    note: str = attrs.field(default="", validator=Text())

    def __str__(self) -> str:
        return f"{self.exercise.name}: {self.dose} [{self.ladder} #{self.index}]"
