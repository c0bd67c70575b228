"""Dose arithmetic: a load one step heavier or lighter, a dose built back, weight kept.

Pure functions over :class:`~plantarkit.exercises.Prescription` and
:class:`~plantarkit.exercises.Load` that the progression and regression rules
share, so that one implementation decides what "heavier" and "easier" mean.
"""

import math

from plantarkit._core.trusted import evolve as _evolve
from plantarkit._core.trusted import maker
from plantarkit.exercises._compare import harder_in
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

_TIMED_WORK = (Hold, Timed)
"""Work measured in seconds."""

MAX_SECONDS = {"hold": MAX_HOLD_SECONDS, "timed": MAX_TIMED_SECONDS}
"""The longest hold and timed bout a dose records."""


BANDS = tuple(BandResistance)


# Plain names for the load kinds the rules compare on every call: on Python 3.11 looking up
# an enum member (LoadKind.BAND) runs a descriptor hook.
_BODY_WEIGHT, _BAND = LoadKind.BODY_WEIGHT, LoadKind.BAND


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


_new_load = maker(Load)
"""Build a load the rules worked out (a known kind, kg within bounds or a band): no checks."""


_FIRST_BAND = _new_load(kind=_BAND, kg=None, band=BANDS[0])


_NO_LOAD = Load.body_weight()


def next_kg(load: Load, step_kg: float, used: float | None, carrier: LoadKind) -> float | None:
    """The kg one load step up would carry (``None``: a band, or no known weight to add to).

    Cheap, so rules can tell whether they apply before building anything.
    """
    if load.kind is _BODY_WEIGHT:
        return None if carrier is _BAND else step_kg
    if load.kind is _BAND:
        return None
    base = load.kg if load.kg is not None else used
    return None if base is None else round(base + step_kg, 2)


def heavier(load: Load, kg: float | None, carrier: LoadKind) -> Load | None:
    """One load step up, given the kg :func:`next_kg` worked out for it.

    ``None`` past the strongest band or 500 kg, or with no kg to add to.
    """
    if load.kind is _BAND:
        index = BANDS.index(load.band or BANDS[0])
        if index + 1 >= len(BANDS):
            return None
        return _new_load(kind=_BAND, kg=None, band=BANDS[index + 1])
    if load.kind is _BODY_WEIGHT and carrier is _BAND:
        return _FIRST_BAND
    if kg is None or kg > MAX_KG:
        return None
    return _new_load(kind=carrier if load.kind is _BODY_WEIGHT else load.kind, kg=kg, band=None)


def lighter(load: Load, step_kg: float) -> Load | None:
    if load.kind is _BODY_WEIGHT:
        return None
    if load.kind is _BAND:
        index = BANDS.index(load.band or BANDS[0])
        return _new_load(kind=_BAND, kg=None, band=BANDS[index - 1]) if index > 0 else _NO_LOAD
    if load.kg is None:
        return None
    kg = round(load.kg - step_kg, 2)
    return _new_load(kind=load.kind, kg=kg, band=None) if kg > 0 else _NO_LOAD


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
        if count == aim.count:
            minimum = aim.minimum
        else:  # a range's low end never above the target's ("1-51" is not met by "2")
            lows = [m for m in (work.minimum, aim.minimum) if m is not None]
            minimum = min(*lows, count) if lows else None
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
    return target if new == target or not harder_in(target, new) else new
