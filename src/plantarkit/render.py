"""Plain-text views of plantarkit values for terminals and logs.

Nothing here prints: each function returns a string.
"""

from collections.abc import Iterable, Sequence

from plantarkit.exercises import Catalogue, Exercise

__all__ = ["exercise_card", "exercise_table", "table"]


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], *, max_width: int = 48) -> str:
    """Lay out rows as a fixed-width text table with a header rule.

    Cells longer than ``max_width`` are cut with an ellipsis.
    """

    def cut(cell: str) -> str:
        return cell if len(cell) <= max_width else cell[: max_width - 1] + "…"

    body = [[cut(c) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in body:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in body
    ]
    return "\n".join(lines)


def exercise_table(exercises: Iterable[Exercise]) -> str:
    """A table of exercises: id, region, position, plantar load and default dose."""
    rows = [
        (
            e.id,
            e.region.value,
            e.position.value.replace("_", " "),
            e.plantar_load.value,
            e.dose.brief(),
        )
        for e in exercises
    ]
    return table(("id", "region", "position", "foot load", "default dose"), rows, max_width=60)


def exercise_card(exercise: Exercise, catalogue: Catalogue | None = None) -> str:
    """A full description of one exercise: dose, how to do it, cues, ladders, sources."""
    e = exercise
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
