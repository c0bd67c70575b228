"""Plain-text views of plantarkit values for terminals and logs.

Nothing here prints: each function returns a string.
"""

import textwrap
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from plantarkit.exercises import Catalogue, Exercise

if TYPE_CHECKING:
    from plantarkit.chain import ChainReport

__all__ = [
    "chain_report_html",
    "chain_report_markdown",
    "chain_report_text",
    "exercise_card",
    "exercise_table",
    "table",
]


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


# --- kinetic-chain reports ------------------------------------------------------------------------


def _finding_rows(report: "ChainReport") -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for i, f in enumerate(report.findings, start=1):
        mark = "▶" if f == report.primary_driver else ""
        rows.append(
            (
                f"{mark}{i}",
                f.link.value,
                f.side.value if f.side is not None else "-",
                f.kind.label,
                f.severity.value,
                f.value,
            )
        )
    return rows


_HEADERS = ("#", "link", "side", "finding", "severity", "measured")


def _reasons(report: "ChainReport") -> list[str]:
    return [
        f"{i}. {f.explanation} Reference: {f.reference} [{f.citation}]"
        for i, f in enumerate(report.findings, start=1)
    ]


def chain_report_text(report: "ChainReport") -> str:
    """The chain report for a terminal: referral first, then findings top-down."""
    lines: list[str] = []
    if report.referral is not None:
        lines += ["!! REFER — no self-managed programme", f"   {report.referral.advice}"]
        lines += [
            f"   - {flag.finding}: may suggest {flag.suggests}" for flag in report.referral.flags
        ]
        lines.append("")
    painful = ", ".join(s.value for s in report.assessment.symptoms.painful_sides) or "not recorded"
    lines.append(f"Kinetic-chain assessment (painful side: {painful})")
    lines.append("")
    if report.findings:
        lines.append(table(_HEADERS, _finding_rows(report), max_width=70))
        lines += ["", "Why:"]
        for reason in _reasons(report):
            lines += textwrap.wrap(
                reason, width=100, initial_indent="  ", subsequent_indent="     "
            )
    else:
        lines.append("No findings in the links that were assessed.")
    lines.append("")
    if report.primary_driver is not None:
        lines.append(f"▶ Primary driver: {report.primary_driver}")
    if report.asymmetric:
        lines.append("One-sided symptoms line up with a one-sided finding higher up the chain.")
    if report.not_assessed:
        lines.append("Not assessed: " + ", ".join(link.value for link in report.not_assessed))
    if report.emphasis and report.programme_allowed:
        lines += ["", "Exercises that address the findings:"]
        for e in report.emphasis:
            side = f" ({e.side.value})" if e.side is not None else ""
            lines.append(f"  {e.kind.label}{side}: {', '.join(e.exercises)}")
    return "\n".join(lines)


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def chain_report_markdown(report: "ChainReport") -> str:
    """The chain report as Markdown (used for notebook display)."""
    lines: list[str] = []
    if report.referral is not None:
        lines.append(f"> **Refer — no self-managed programme.** {report.referral.advice}")
        lines += [f"> - {f.finding}: may suggest {f.suggests}" for f in report.referral.flags]
        lines.append("")
    lines.append("| " + " | ".join(_HEADERS) + " |")
    lines.append("|" + "---|" * len(_HEADERS))
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in _finding_rows(report)]
    if report.findings:
        lines += [""] + [f"{reason}" for reason in _reasons(report)]
    if report.primary_driver is not None:
        lines += ["", f"**Primary driver:** {report.primary_driver}"]
    if report.not_assessed:
        lines += ["", "Not assessed: " + ", ".join(link.value for link in report.not_assessed)]
    return "\n".join(lines)


def chain_report_html(report: "ChainReport") -> str:
    """The chain report as an HTML fragment (used for notebook display)."""
    from html import escape

    parts: list[str] = []
    if report.referral is not None:
        items = "".join(
            f"<li>{escape(f.finding)}: may suggest {escape(f.suggests)}</li>"
            for f in report.referral.flags
        )
        parts.append(
            '<div style="border:2px solid #b00;padding:6px"><strong>Refer — no self-managed'
            f" programme.</strong> {escape(report.referral.advice)}<ul>{items}</ul></div>"
        )
    head = "".join(f"<th>{escape(h)}</th>" for h in _HEADERS)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>"
        for row in _finding_rows(report)
    )
    parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    if report.findings:
        reasons = "".join(f"<li>{escape(r.split('. ', 1)[1])}</li>" for r in _reasons(report))
        parts.append(f"<ol>{reasons}</ol>")
    if report.primary_driver is not None:
        parts.append(
            f"<p><strong>Primary driver:</strong> {escape(str(report.primary_driver))}</p>"
        )
    return "\n".join(parts)
