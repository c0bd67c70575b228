"""Exercises for a terminal: the catalogue as a table, one exercise as a card."""

from collections.abc import Iterable

from plantarkit.exercises import Catalogue, Exercise
from plantarkit.render._checks import each, need
from plantarkit.render._tables import table

__all__ = ["exercise_card", "exercise_table"]


def exercise_table(exercises: Iterable[Exercise]) -> str:
    """A table of exercises: id, region, position, plantar load and default dose.

    Raises:
        InvalidValueError: ``exercises`` is not a sequence of exercises.
    """
    rows = [
        (
            e.id,
            e.region.value,
            e.position.value.replace("_", " "),
            e.plantar_load.value,
            e.dose.brief(),
        )
        for e in each(exercises, Exercise)
    ]
    return table(("id", "region", "position", "foot load", "default dose"), rows, max_width=60)


def exercise_card(exercise: Exercise, catalogue: Catalogue | None = None) -> str:
    """A full description of one exercise: dose, how to do it, cues, ladders, sources.

    Raises:
        InvalidValueError: ``exercise`` is not an Exercise, or ``catalogue``
            not a Catalogue.
    """
    e = need(exercise, Exercise)
    if catalogue is not None:
        need(catalogue, Catalogue, "$.catalogue")
    lines = [f"{e.name} ({e.id})", "=" * len(f"{e.name} ({e.id})")]
    if e.purpose:
        lines += [e.purpose, ""]
    lines.append(f"Region: {e.region.value}   Position: {e.position.value.replace('_', ' ')}")
    lines.append(f"Load on the painful foot: {e.plantar_load.value}")
    equipment = ", ".join(x.value.replace("_", " ") for x in e.equipment) or "none"
    lines.append(f"Equipment: {equipment}")
    if e.targets:
        lines.append(f"Works: {', '.join(e.targets)}")
    lines += ["", f"Default dose: {e.dose}"]
    if e.instructions:
        lines += ["", "How to do it:"]
        lines += [f"  {i}. {step}" for i, step in enumerate(e.instructions, start=1)]
    if e.cues:
        lines += ["", "Cues:"]
        lines += [f"  - {cue}" for cue in e.cues]
    if catalogue is not None:
        for ladder in catalogue.ladders_of(e.id):
            rungs = " → ".join(dict.fromkeys(s.exercise for s in ladder.steps))
            lines += ["", f"Ladder {ladder.id!r}: {rungs}"]
            if ladder.criterion:
                lines.append(f"  Move up when: {ladder.criterion}")
    if e.sources:
        lines += ["", "Sources:"]
        for key in e.sources:
            if catalogue is not None and any(s.key == key for s in catalogue.sources):
                lines.append(f"  [{key}] {catalogue.source(key)}")
            else:
                lines.append(f"  [{key}]")
    return "\n".join(lines)
