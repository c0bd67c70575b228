"""Kinetic-chain reports as text, Markdown and HTML: referral first, then findings."""

import textwrap
from typing import TYPE_CHECKING

from plantarkit.render._checks import need
from plantarkit.render._tables import html_table, md_table, md_text, table

if TYPE_CHECKING:
    from plantarkit.chain import ChainReport

__all__ = ["chain_report_html", "chain_report_markdown", "chain_report_text"]


def _need_report(report: object) -> None:
    from plantarkit.chain import ChainReport

    need(report, ChainReport)


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
    """The chain report for a terminal: referral first, then findings top-down.

    Raises:
        InvalidValueError: ``report`` is not a ChainReport.
    """
    _need_report(report)
    lines: list[str] = []
    if report.referral is not None:
        lines += ["!! REFER — no self-managed programme", f"   {report.referral.advice}"]
        lines += [
            f"   - {flag.finding}: may suggest {flag.suggests}" for flag in report.referral.flags
        ]
        lines.append("")
    for note in report.notes:
        lines += textwrap.wrap(f"!  {note}", width=100, subsequent_indent="   ")
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
        lines.append(_NO_FINDINGS)
    lines.append("")
    if report.primary_driver is not None:
        lines.append(f"▶ Primary driver: {report.primary_driver}")
    lines += _report_notes(report)
    emphasis = _emphasis_lines(report)
    if emphasis:
        lines += ["", _EMPHASIS_TITLE, *(f"  {e}" for e in emphasis)]
    return "\n".join(lines)


_NO_FINDINGS = "No findings in the links that were assessed."
_EMPHASIS_TITLE = "Exercises that address the findings:"


def _report_notes(report: "ChainReport") -> list[str]:
    """What a chain report says below its findings: one-sidedness and what was not assessed."""
    notes: list[str] = []
    if report.asymmetric:
        notes.append("One-sided symptoms line up with a one-sided finding higher up the chain.")
    if report.not_assessed:
        notes.append("Not assessed: " + ", ".join(link.value for link in report.not_assessed))
    return notes


def _emphasis_lines(report: "ChainReport") -> list[str]:
    """The exercises a programme gives weight to for each finding (none with a referral)."""
    if not (report.emphasis and report.program_allowed):
        return []
    return [
        f"{e.kind.label}{f' ({e.side.value})' if e.side is not None else ''}:"
        f" {', '.join(e.exercises)}"
        for e in report.emphasis
    ]


def chain_report_markdown(report: "ChainReport") -> str:
    """The chain report as Markdown (used for notebook display).

    Raises:
        InvalidValueError: ``report`` is not a ChainReport.
    """
    _need_report(report)
    lines: list[str] = []
    if report.referral is not None:
        advice = md_text(report.referral.advice)
        lines.append(f"> **Refer — no self-managed programme.** {advice}")
        lines += [
            f"> - {md_text(f'{f.finding}: may suggest {f.suggests}')}"
            for f in report.referral.flags
        ]
        lines.append("")
    for note in report.notes:
        lines += [f"> **Note:** {md_text(note)}", ""]
    if report.findings:
        lines += md_table(_HEADERS, _finding_rows(report))
        lines += [""] + [md_text(reason) for reason in _reasons(report)]
    else:
        lines.append(_NO_FINDINGS)
    if report.primary_driver is not None:
        lines += ["", f"**Primary driver:** {md_text(str(report.primary_driver))}"]
    lines += [line for note in _report_notes(report) for line in ("", md_text(note))]
    emphasis = _emphasis_lines(report)
    if emphasis:
        lines += ["", f"**{_EMPHASIS_TITLE}**", "", *(f"- {md_text(e)}" for e in emphasis)]
    return "\n".join(lines)


def chain_report_html(report: "ChainReport") -> str:
    """The chain report as an HTML fragment (used for notebook display).

    Raises:
        InvalidValueError: ``report`` is not a ChainReport.
    """
    from html import escape

    _need_report(report)

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
    parts += [
        f'<div style="border:2px solid #b80;padding:6px"><strong>Note:</strong> {escape(n)}</div>'
        for n in report.notes
    ]
    if report.findings:
        parts.append(html_table(_HEADERS, _finding_rows(report)))
        reasons = "".join(f"<li>{escape(r.split('. ', 1)[1])}</li>" for r in _reasons(report))
        parts.append(f"<ol>{reasons}</ol>")
    else:
        parts.append(f"<p>{escape(_NO_FINDINGS)}</p>")
    if report.primary_driver is not None:
        parts.append(
            f"<p><strong>Primary driver:</strong> {escape(str(report.primary_driver))}</p>"
        )
    parts += [f"<p>{escape(note)}</p>" for note in _report_notes(report)]
    emphasis = _emphasis_lines(report)
    if emphasis:
        items = "".join(f"<li>{escape(e)}</li>" for e in emphasis)
        parts.append(f"<p><strong>{escape(_EMPHASIS_TITLE)}</strong></p><ul>{items}</ul>")
    return "\n".join(parts)
