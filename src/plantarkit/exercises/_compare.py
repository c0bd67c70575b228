"""Comparing doses, one dimension at a time: which parts of a dose ask more than another's.

Safety rules are stated over these dimensions: a dose eased off for pain is no
harder than the dose it came from in *any* of them, and building back up undoes
one easing at a time. The rules and the tests use this one comparison.

Two doses compare in a dimension only where the comparison means something:
repetitions with repetitions, a hold with a hold; a load on the same scale
(added kg with added kg, a band with a band). Moving from body weight to any
load, or between a band and added kg, counts as harder (a different, unknown
resistance is never taken as easier), and so does a weight to choose ("kg to
choose") replacing a known lighter one.
"""

import enum
from typing import Any

import attrs

from plantarkit._core.errors import InvalidValueError
from plantarkit._core.registry import public
from plantarkit.exercises._dose import (
    BandResistance,
    Hold,
    Load,
    LoadKind,
    Prescription,
    Reps,
    RunWalk,
    Timed,
)

__all__ = ["Dimension", "capped", "harder_in"]

_BANDS = tuple(BandResistance)
_BODY_WEIGHT, _BAND = LoadKind.BODY_WEIGHT, LoadKind.BAND


@public()
class Dimension(enum.StrEnum):
    """A part of a dose that can ask more or less of a person."""

    SETS = "sets"
    """How many sets (or up to how many)."""
    WORK = "work"
    """The work in a set: repetitions, seconds held or of a bout, run/walk intervals."""
    TEMPO = "tempo"
    """Seconds per repetition."""
    LOAD = "load"
    """Added weight, a band's resistance, or a heavier repetition maximum (8RM over 12RM)."""
    HEIGHT = "height"
    """A step's or box's height."""
    FREQUENCY = "frequency"
    """Sessions a week (and times a day)."""


def _work_harder(work: object, than: object) -> bool:
    if isinstance(work, Reps) and isinstance(than, Reps):
        return work.count > than.count or (work.minimum or work.count) > (
            than.minimum or than.count
        )
    if isinstance(work, Hold) and isinstance(than, Hold):
        return work.seconds > than.seconds or work.reps > than.reps
    if isinstance(work, Timed) and isinstance(than, Timed):
        return work.seconds > than.seconds
    if isinstance(work, RunWalk) and isinstance(than, RunWalk):
        return (
            work.rounds > than.rounds
            or work.run_seconds > than.run_seconds
            or work.walk_seconds < than.walk_seconds
        )
    return False  # different kinds of work (another exercise): not comparable


def _load_harder(load: Load, than: Load) -> bool:
    if load == than or load.kind is _BODY_WEIGHT:
        return False
    if than.kind is _BODY_WEIGHT:
        return True  # any load over none
    if load.kind is _BAND and than.kind is _BAND:
        return _BANDS.index(load.band or _BANDS[0]) > _BANDS.index(than.band or _BANDS[0])
    if (load.kind is _BAND) != (than.kind is _BAND):
        return True  # a band for a weight, or a weight for a band: resistance unknown
    if load.kg is None:
        return than.kg is not None  # a weight to choose for a known one
    return than.kg is not None and load.kg > than.kg


def _per_rep(dose: Prescription) -> float:
    return dose.tempo.seconds_per_rep if dose.tempo is not None else 0.0


def harder_in(dose: Prescription, than: Prescription) -> tuple[Dimension, ...]:
    """The dimensions in which ``dose`` asks more than ``than`` (empty: no harder in any).

    Args:
        dose: The dose judged.
        than: The dose it is compared with.
    """
    found: list[Dimension] = []
    if dose.sets > than.sets or (dose.max_sets or dose.sets) > (than.max_sets or than.sets):
        found.append(Dimension.SETS)
    if _work_harder(dose.work, than.work):
        found.append(Dimension.WORK)
    if (
        isinstance(dose.work, Reps)
        and isinstance(than.work, Reps)
        and _per_rep(dose) > _per_rep(than)
    ):
        found.append(Dimension.TEMPO)
    heavier_rm = dose.rm is not None and than.rm is not None and dose.rm < than.rm
    if (
        _load_harder(dose.load, than.load)
        or heavier_rm
        or (dose.rm is not None and than.rm is None)
    ):
        found.append(Dimension.LOAD)
    if (dose.height_cm or 0) > (than.height_cm or 0):
        found.append(Dimension.HEIGHT)
    if (
        dose.frequency.sessions_per_week > than.frequency.sessions_per_week
        or dose.frequency.times_per_day > than.frequency.times_per_day
    ):
        found.append(Dimension.FREQUENCY)
    return tuple(found)


def capped(dose: Prescription, at: Prescription) -> Prescription:
    """``dose`` with every dimension in which it asks more than ``at`` taken from ``at``.

    What an easing off gives when the easier exercise's usual dose would ask
    more of the person than they are doing now (one rung down the ladder with
    an ankle weight, when the weight had already been taken off): the easier
    exercise, at no more than the current dose in any dimension.
    """
    over = harder_in(dose, at)
    if not over:
        return dose
    changes: dict[str, Any] = {}
    if Dimension.SETS in over:
        changes["sets"] = at.sets
        changes["max_sets"] = at.max_sets
    if Dimension.WORK in over or Dimension.TEMPO in over:
        changes["work"] = at.work
        changes["tempo"] = at.tempo
    if Dimension.LOAD in over:
        changes["load"] = at.load
        changes["rm"] = at.rm
    if Dimension.HEIGHT in over:
        changes["height_cm"] = at.height_cm
    if Dimension.FREQUENCY in over:
        changes["frequency"] = at.frequency
    try:
        return attrs.evolve(dose, **changes)
    except InvalidValueError:  # parts of two doses that do not go together: the current one
        return at
