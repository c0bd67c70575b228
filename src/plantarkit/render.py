"""Plain-text views of plantarkit values for terminals and logs.

Nothing here prints: each function returns a string.
"""

import importlib
import textwrap
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from plantarkit._core.checks import expected
from plantarkit._core.errors import InvalidValueError
from plantarkit.exercises import Catalogue, Exercise

if TYPE_CHECKING:
    from plantarkit.chain import ChainReport
    from plantarkit.exercises import Prescription
    from plantarkit.plans import Program, ProgramItem, Session, Week
    from plantarkit.progression import Advance, Decision, Reason

__all__ = [
    "advance_html",
    "advance_markdown",
    "advance_text",
    "chain_report_html",
    "chain_report_markdown",
    "chain_report_text",
    "decision_html",
    "decision_markdown",
    "exercise_card",
    "exercise_table",
    "history_frame",
    "program_frame",
    "program_html",
    "program_markdown",
    "program_text",
    "session_groups",
    "table",
]


T = TypeVar("T")


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'AEIOU' else 'a'} {noun}"


def _need(value: object, cls: type[T], path: str = "$") -> T:
    """Return ``value`` if it is a ``cls``; else raise with ``path`` and what was expected."""
    if not isinstance(value, cls):
        raise InvalidValueError(path, expected(_a(cls.__name__), value))
    return value


def _is_collection(values: object) -> bool:
    """Whether ``values`` is an iterable of items (a string or a mapping is not)."""
    return isinstance(values, Iterable) and not isinstance(values, str | bytes | Mapping)


def _items(values: object, what: str, path: str = "$") -> tuple[object, ...]:
    """The items of an iterable that is not a string or a mapping, else raise."""
    if not _is_collection(values):
        raise InvalidValueError(path, expected(what, values))
    return tuple(typing.cast(Iterable[object], values))


def _each(values: object, cls: type[T], path: str = "$") -> tuple[T, ...]:
    """The items of an iterable of ``cls`` values, each checked."""
    what = "strings" if cls is str else f"{cls.__name__} values"
    return tuple(
        _need(item, cls, f"{path}[{i}]")
        for i, item in enumerate(_items(values, f"a sequence of {what}", path))
    )


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    max_width: int = 48,
    wrap: bool = False,
) -> str:
    """Lay out rows as a fixed-width text table with a header rule.

    Args:
        headers: The column headings.
        rows: The cells of each row, one string per heading.
        max_width: The widest a column may be.
        wrap: Wrap longer cells onto following lines (at spaces) instead of
            cutting them with an ellipsis.

    Raises:
        InvalidValueError: A heading or cell is not a string, a row has the
            wrong number of cells, or ``max_width`` is not an integer ≥ 2.
    """
    head = _each(headers, str, "$.headers")
    if isinstance(max_width, bool) or not isinstance(max_width, int) or max_width < 2:
        raise InvalidValueError("$.max_width", expected("an integer ≥ 2", max_width))
    _need(wrap, bool, "$.wrap")
    given = _items(rows, "a sequence of rows", "$.rows")
    body: list[list[list[str]]] = []  # rows of cells of lines
    for i, row in enumerate(given):
        cells = _each(row, str, f"$.rows[{i}]")
        if len(cells) != len(head):
            raise InvalidValueError(
                f"$.rows[{i}]", f"expected {len(head)} cells (one per heading), got {len(cells)}"
            )
        body.append([_fit(c, max_width, wrap) for c in cells])
    widths = [len(h) for h in head]
    for row in body:
        widths = [max(w, *(len(x) for x in c)) for w, c in zip(widths, row, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in body:
        for k in range(max(len(c) for c in row)):
            parts = (c[k] if k < len(c) else "" for c in row)
            lines.append("  ".join(x.ljust(w) for x, w in zip(parts, widths, strict=True)).rstrip())
    return "\n".join(lines)


def _fit(cell: str, width: int, wrap: bool) -> list[str]:
    """The lines of one table cell: cut to ``width`` with an ellipsis, or wrapped."""
    if not wrap:
        return [cell if len(cell) <= width else cell[: width - 1] + "…"]
    return [
        line
        for part in cell.split("\n")
        for line in (
            [part]
            if len(part) <= width
            else textwrap.wrap(part, width=width, break_long_words=False, break_on_hyphens=False)
        )
    ]


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
        for e in _each(exercises, Exercise)
    ]
    return table(("id", "region", "position", "foot load", "default dose"), rows, max_width=60)


def exercise_card(exercise: Exercise, catalogue: Catalogue | None = None) -> str:
    """A full description of one exercise: dose, how to do it, cues, ladders, sources.

    Raises:
        InvalidValueError: ``exercise`` is not an Exercise, or ``catalogue``
            not a Catalogue.
    """
    e = _need(exercise, Exercise)
    if catalogue is not None:
        _need(catalogue, Catalogue, "$.catalogue")
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


def _need_report(report: object) -> None:
    from plantarkit.chain import ChainReport

    _need(report, ChainReport)


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
    if not (report.emphasis and report.programme_allowed):
        return []
    return [
        f"{e.kind.label}{f' ({e.side.value})' if e.side is not None else ''}:"
        f" {', '.join(e.exercises)}"
        for e in report.emphasis
    ]


def _md_text(text: str) -> str:
    """Text for Markdown that notebooks render: HTML's special characters escaped.

    A name or reason holding ``<script>`` or ``<b>`` is shown as written,
    never run or rendered as markup.
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _md_cell(text: str) -> str:
    """A Markdown table cell: HTML escaped, pipes escaped, line breaks kept as ``<br>``."""
    return _md_text(text).replace("|", "\\|").replace("\n", "<br>")


def _md_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """The lines of a Markdown table (cells escaped)."""
    return [
        "| " + " | ".join(headers) + " |",
        "|" + "---|" * len(headers),
        *("| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows),
    ]


def _html_table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """An HTML table (cells escaped)."""
    from html import escape

    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def chain_report_markdown(report: "ChainReport") -> str:
    """The chain report as Markdown (used for notebook display).

    Raises:
        InvalidValueError: ``report`` is not a ChainReport.
    """
    _need_report(report)
    lines: list[str] = []
    if report.referral is not None:
        advice = _md_text(report.referral.advice)
        lines.append(f"> **Refer — no self-managed programme.** {advice}")
        lines += [
            f"> - {_md_text(f'{f.finding}: may suggest {f.suggests}')}"
            for f in report.referral.flags
        ]
        lines.append("")
    for note in report.notes:
        lines += [f"> **Note:** {_md_text(note)}", ""]
    if report.findings:
        lines += _md_table(_HEADERS, _finding_rows(report))
        lines += [""] + [_md_text(reason) for reason in _reasons(report)]
    else:
        lines.append(_NO_FINDINGS)
    if report.primary_driver is not None:
        lines += ["", f"**Primary driver:** {_md_text(str(report.primary_driver))}"]
    lines += [line for note in _report_notes(report) for line in ("", _md_text(note))]
    emphasis = _emphasis_lines(report)
    if emphasis:
        lines += ["", f"**{_EMPHASIS_TITLE}**", "", *(f"- {_md_text(e)}" for e in emphasis)]
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
        parts.append(_html_table(_HEADERS, _finding_rows(report)))
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


# --- programmes -----------------------------------------------------------------------------------


def _need_program(program: object) -> None:
    from plantarkit.plans import Program

    _need(program, Program)


def _item_row(program: "Program", item: "ProgramItem") -> tuple[str, ...]:
    exercise = program.exercise(item.exercise)
    side = item.side.value if item.side is not None else ""
    why = ", ".join(k.label for k in item.addresses)
    return (exercise.name, item.dose.brief(), side, _rest(item.dose), why)


def _rest(dose: "Prescription") -> str:
    return f"{dose.rest_seconds} s" if dose.rest_seconds is not None else ""


def _days_label(days: Sequence[int]) -> str:
    if len(days) == 1:
        return f"Day {days[0]}"
    if list(days) == list(range(days[0], days[-1] + 1)):
        return f"Days {days[0]}-{days[-1]}"
    return "Days " + ", ".join(str(d) for d in days)


def session_groups(week: "Week") -> list[tuple[str, "Session"]]:
    """Sessions of a week grouped by identical content: (days label, first such session).

    Dates are left out of the label; a week of daily sessions becomes one
    group "Days 1-7".

    Raises:
        InvalidValueError: ``week`` is not a Week.
    """
    from plantarkit.plans import Week

    _need(week, Week)
    groups: dict[tuple[Any, ...], list[Session]] = {}
    for session in week.sessions:
        groups.setdefault(session.items, []).append(session)
    return [(_days_label([s.day for s in group]), group[0]) for group in groups.values()]


def _week_title(program: "Program", week: "Week", minutes: float | None = None) -> str:
    names = ", ".join(program.protocol.phase(p).name for p in week.phases)
    total = week.minutes() if minutes is None else minutes
    return f"Week {week.number} — {names} (~{total:.0f} min)"


def program_text(program: "Program") -> str:
    """The programme for a terminal: a header, then one table per week, then advice and sources.

    Raises:
        InvalidValueError: ``program`` is not a Program.
    """
    _need_program(program)
    n = len(program.weeks)
    lines = [f"{program.protocol.name} ({program.protocol.id}), {n} week{'s' if n != 1 else ''}"]
    if program.protocol.summary:
        lines += textwrap.wrap(program.protocol.summary, width=100)
    report = program.report
    if report is not None and report.primary_driver is not None:
        lines.append(f"Personalised for: {report.primary_driver} (primary driver)")
    if program.start_date is not None:
        lines.append(f"Starts {program.start_date.isoformat()}")
    headers = ("days", "exercise", "dose", "side", "rest", "addresses")
    minutes = program.minutes_per_week()
    tables: dict[tuple[tuple[str, tuple[Any, ...]], ...], str] = {}
    for week in program.weeks:
        lines += ["", _week_title(program, week, minutes[week.number - 1])]
        groups = session_groups(week)
        key = tuple((days, session.items) for days, session in groups)
        if key not in tables:  # weeks laid out alike are rendered once
            rows: list[tuple[str, ...]] = []
            for days, session in groups:
                for i, item in enumerate(session.items):
                    rows.append((days if i == 0 else "", *_item_row(program, item)))
            tables[key] = table(headers, rows, max_width=60)
        lines.append(tables[key])
        if week.advice:
            names = ", ".join(program.advice_item(a).name for a in week.advice)
            lines.append(f"Advice: {names}")
    rules = [(p.name, p.pain_rule) for p in program.protocol.phases if p.pain_rule]
    if rules:
        lines += ["", "Pain rules:"]
        for name, rule in rules:
            lines += textwrap.wrap(
                f"{name}: {rule}", width=100, initial_indent="  ", subsequent_indent="    "
            )
    if program.sources:
        lines += ["", "Sources:"] + [f"  [{s.key}] {s}" for s in program.sources]
    return "\n".join(lines)


def program_markdown(program: "Program") -> str:
    """The programme as Markdown: one table per week.

    Raises:
        InvalidValueError: ``program`` is not a Program.
    """
    _need_program(program)
    lines = [f"# {_md_text(program.protocol.name)}", ""]
    if program.protocol.summary:
        lines += [_md_text(program.protocol.summary), ""]
    headers = ("Days", "Exercise", "Dose", "Side", "Rest", "Addresses")
    for week in program.weeks:
        rows = [
            (days if i == 0 else "", *_item_row(program, item))
            for days, session in session_groups(week)
            for i, item in enumerate(session.items)
        ]
        lines += [f"## {_md_text(_week_title(program, week))}", "", *_md_table(headers, rows)]
        if week.advice:
            names = ", ".join(program.advice_item(a).name for a in week.advice)
            lines += ["", _md_text(f"Advice: {names}")]
        lines.append("")
    rules = [(p.name, p.pain_rule) for p in program.protocol.phases if p.pain_rule]
    if rules:
        lines += ["## Pain rules", ""]
        lines += [f"- **{_md_text(n)}**: {_md_text(str(r))}" for n, r in rules] + [""]
    if program.sources:
        lines += ["## Sources", ""] + [f"- {_md_text(f'[{s.key}] {s}')}" for s in program.sources]
    return "\n".join(lines)


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:52rem;
margin:2rem auto;padding:0 1rem;color:#1d1d1f;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;border-bottom:2px solid #2a6f97;
padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
.lead{color:#444}.exercise{border:1px solid #d0d7de;border-radius:6px;padding:.6rem .8rem;
margin:.5rem 0;break-inside:avoid}.exercise h4{margin:0 0 .2rem;font-size:1rem}
.dose{font-weight:600;color:#2a6f97}.why{font-size:.85rem;color:#6b4f00}
.pain{background:#fff4e5;border-left:4px solid #e69500;padding:.5rem .8rem;margin:.8rem 0}
.advice{background:#eef6ee;border-left:4px solid #3c8d40;padding:.5rem .8rem;margin:.8rem 0}
.refs{font-size:.85rem;color:#444}ol,ul{margin:.2rem 0 .2rem 1.2rem;padding:0}
.note{font-size:.85rem;color:#555}
@media print{body{margin:0;max-width:none}h2{break-before:page}h2:first-of-type{break-before:auto}
a{color:inherit}}
"""


def _exercise_card_html(program: "Program", item: "ProgramItem", escape: Any) -> str:
    e = program.exercise(item.exercise)
    d = item.dose
    parts = [d.brief()]
    if d.rest_seconds is not None:
        parts.append(f"rest {d.rest_seconds} s")
    parts.append(str(d.frequency))
    dose = escape(", ".join(parts))
    side = f" — {escape(item.side.value)} side only" if item.side is not None else ""
    steps = "".join(f"<li>{escape(s)}</li>" for s in e.instructions)
    cues = "".join(f"<li>{escape(c)}</li>" for c in e.cues)
    why = ""
    if item.addresses:
        why = (
            '<div class="why">Chosen for: '
            + escape(", ".join(k.label for k in item.addresses))
            + "</div>"
        )
    notes = [n for n in (item.note, d.note) if n]
    note = "".join(f'<div class="note">{escape(n)}</div>' for n in notes)
    return (
        f'<div class="exercise"><h4>{escape(e.name)}</h4>'
        f'<div class="dose">{dose}{side}</div>{why}'
        + (f"<ol>{steps}</ol>" if steps else "")
        + (f"<ul>{cues}</ul>" if cues else "")
        + note
        + "</div>"
    )


def _same_as(program: "Program", week: "Week") -> int | None:
    """The earliest week in an unbroken run of weeks with the same sessions, if any."""
    number = week.number
    while number > 1 and [(s.day, s.items) for s in program.week(number - 1).sessions] == [
        (s.day, s.items) for s in week.sessions
    ]:
        number -= 1
    return number if number != week.number else None


def _advice_html(program: "Program", week: "Week", escape: Any) -> list[str]:
    out: list[str] = []
    for advice_id in week.advice:
        a = program.advice_item(advice_id)
        points = "".join(f"<li>{escape(p)}</li>" for p in a.points)
        out.append(f'<div class="advice"><strong>{escape(a.name)}</strong><ul>{points}</ul></div>')
    return out


def program_html(program: "Program", *, fragment: bool = False) -> str:
    """A printable, self-contained HTML handout (or, with ``fragment``, a notebook fragment).

    Per session, each exercise with its dose, tempo, rest, instructions and
    cues in plain words; the pain rule to follow; the advice; sources last.

    Raises:
        InvalidValueError: ``program`` is not a Program, or ``fragment`` not
            true or false.
    """
    from html import escape

    _need_program(program)
    _need(fragment, bool, "$.fragment")

    parts: list[str] = [f"<h1>{escape(program.protocol.name)}</h1>"]
    lead = [f"{len(program.weeks)}-week programme"]
    if program.start_date is not None:
        lead.append(f"starting {program.start_date.isoformat()}")
    report = program.report
    if report is not None and report.primary_driver is not None:
        lead.append(f"personalised for {escape(str(report.primary_driver))}")
    parts.append(f'<p class="lead">{escape(", ".join(lead))}.</p>')
    if program.protocol.summary:
        parts.append(f"<p>{escape(program.protocol.summary)}</p>")
    parts.append(
        '<p class="note">This handout supports, and does not replace, the advice of your '
        "clinician. Stop and seek care for numbness, pain at rest or at night, fever, a hot "
        "swollen heel, or a sudden pop.</p>"
    )
    shown_rules: set[str] = set()
    for week in program.weeks:
        parts.append(f"<h2>{escape(_week_title(program, week))}</h2>")
        for phase_id in week.phases:
            phase = program.protocol.phase(phase_id)
            if phase.pain_rule and phase_id not in shown_rules:
                shown_rules.add(phase_id)
                parts.append(
                    f'<div class="pain"><strong>Pain rule ({escape(phase.name)}):</strong> '
                    f"{escape(phase.pain_rule)}</div>"
                )
        if fragment and week.number > 1:
            parts.append(f"<p>{len(week.sessions)} sessions.</p>")
            continue
        same = _same_as(program, week)
        if same is not None:
            moved = " (dates move on by a week)" if program.start_date else ""
            parts.append(f"<p>Same sessions as week {same}{moved}.</p>")
            parts += _advice_html(program, week, escape)
            continue
        for days, session in session_groups(week):
            title = days
            if program.start_date is not None:
                dates = [s.date for s in week.sessions if s.items == session.items and s.date]
                shown = [d.strftime("%a %d %b") for d in dates]
                if "-" in days and len(shown) > 2:  # a run of consecutive days
                    shown = [f"{shown[0]} to {shown[-1]}"]
                title += " (" + ", ".join(shown) + ")"
            parts.append(f"<h3>{escape(title)} — about {session.minutes():.0f} min a session</h3>")
            parts += [_exercise_card_html(program, item, escape) for item in session.items]
        parts += _advice_html(program, week, escape)
    if program.sources:
        refs = "".join(f"<li>[{escape(s.key)}] {escape(str(s))}</li>" for s in program.sources)
        parts.append(f'<h2>Sources</h2><ul class="refs">{refs}</ul>')
    body = "\n".join(parts)
    if fragment:
        return f"<div>{body}</div>"
    title = escape(program.protocol.name)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title>"
        f"<style>{_CSS}</style></head><body>\n{body}\n</body></html>\n"
    )


def _pandas(feature: str) -> Any:
    """Import pandas, or say which extra to install for ``feature``."""
    try:
        return importlib.import_module("pandas")
    except ImportError:
        from plantarkit._core.errors import MissingDependencyError

        raise MissingDependencyError("pandas", "pandas", feature) from None


def program_frame(program: "Program") -> Any:
    """A pandas DataFrame with one row per exercise per session.

    Raises:
        InvalidValueError: ``program`` is not a Program.
        MissingDependencyError: pandas is not installed.
    """
    _need_program(program)
    pd = _pandas("Program.to_frame()")
    rows: list[dict[str, Any]] = []
    for session in program.sessions():
        for order, item in enumerate(session.items, start=1):
            dose = item.dose
            work = dose.work
            rows.append(
                {
                    "week": session.week,
                    "day": session.day,
                    "day_number": session.day_number,
                    "date": session.date,
                    "order": order,
                    "phase": item.phase,
                    "exercise": item.exercise,
                    "name": program.exercise(item.exercise).name,
                    "sets": dose.sets,
                    "work": work.kind,
                    "reps": getattr(work, "count", None),
                    "seconds": getattr(work, "seconds", None),
                    "rm": dose.rm,
                    "tempo": str(dose.tempo) if dose.tempo is not None else None,
                    "rest_seconds": dose.rest_seconds,
                    "load": str(dose.load),
                    "each_side": dose.each_side,
                    "side": item.side.value if item.side is not None else None,
                    "total_reps": dose.total_reps,
                    "minutes": dose.estimated_minutes(),
                    "addresses": ", ".join(k.value for k in item.addresses),
                }
            )
    return pd.DataFrame(rows)


# --- progression ---------------------------------------------------------------------------------


def _need_advance(advance: object, path: str = "$") -> "Advance":
    from plantarkit.progression import Advance

    return _need(advance, Advance, path)


def _need_decision(decision: object) -> "Decision":
    from plantarkit.progression import Decision

    return _need(decision, Decision)


def _cited(reason: "Reason") -> str:
    """A reason in words, with its source and evidence grade when it cites one."""
    c = reason.citation
    return reason.text if c is None else f"{reason.text} [{c.source}, grade {c.grade.value}]"


def _what(decision: "Decision") -> str:
    return decision.exercise if decision.exercise is not None else f"phase: {decision.phase}"


def _from_now_on(decision: "Decision") -> str:
    """The dose from now on, after the new exercise's id when the decision moves to one."""
    dose = decision.dose.brief() if decision.dose is not None else ""
    return dose if decision.next_exercise is None else f"{decision.next_exercise}: {dose}"


def _decision_rows(advance: "Advance", *, why: bool = True) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for d in (*advance.decisions, advance.phase):
        row = (_what(d), d.action.value, _from_now_on(d))
        rows.append((*row, "; ".join(_cited(r) for r in d.reasons)) if why else row)
    return rows


_DECISION_HEADERS = ("exercise", "next", "dose from now on", "why")


def _why_lines(advance: "Advance", width: int = 100) -> list[str]:
    """Each decision's reasons in full, wrapped; decisions with the same reasons share them."""
    groups: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for d in (*advance.decisions, advance.phase):
        key = (d.action.value, tuple(_cited(r) for r in d.reasons))
        name = d.exercise if d.exercise is not None else f"phase {d.phase}"
        groups.setdefault(key, []).append(name)
    lines: list[str] = []
    for (action, reasons), names in groups.items():
        lines += textwrap.wrap(
            f"{', '.join(names)}: {action}",
            width=width,
            initial_indent="  ",
            subsequent_indent="    ",
            break_on_hyphens=False,
        )
        for reason in reasons:
            lines += textwrap.wrap(
                reason,
                width=width,
                initial_indent="    - ",
                subsequent_indent="      ",
                break_on_hyphens=False,
            )
    return lines


def advance_text(advance: "Advance") -> str:
    """The decisions of one session for a terminal: a summary, a table, then every reason.

    Reasons are never cut: each is printed in full below the table (wrapped),
    with its source and evidence grade when it cites one.

    Raises:
        InvalidValueError: ``advance`` is not an Advance.
    """
    _need_advance(advance)
    lines = [advance.summary, ""]
    lines.append(
        table(_DECISION_HEADERS[:3], _decision_rows(advance, why=False), max_width=60, wrap=True)
    )
    lines += ["", "Why:", *_why_lines(advance)]
    return "\n".join(lines)


def advance_markdown(advance: "Advance") -> str:
    """The decisions of one session as Markdown (used for notebook display).

    Raises:
        InvalidValueError: ``advance`` is not an Advance.
    """
    _need_advance(advance)
    lines = [
        f"**{_md_cell(advance.summary)}**",
        "",
        *_md_table(_DECISION_HEADERS, _decision_rows(advance)),
    ]
    return "\n".join(lines)


def advance_html(advance: "Advance") -> str:
    """The decisions of one session as an HTML fragment (used for notebook display).

    Raises:
        InvalidValueError: ``advance`` is not an Advance.
    """
    from html import escape

    _need_advance(advance)
    table = _html_table(_DECISION_HEADERS, _decision_rows(advance))
    return f"<p><strong>{escape(advance.summary)}</strong></p>{table}"


def _number(value: float) -> str:
    """A measured value as people read it: at most two decimals (an average of 3.33)."""
    return f"{round(value, 2):g}"


def _reason_rows(decision: "Decision") -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for r in decision.reasons:
        measured = ""
        if r.value is not None:
            value = _number(r.value)
            measured = f"{r.measure} {value}" if r.measure else value
            if r.threshold is not None:
                measured += f" (limit {_number(r.threshold)})"
        source = f"{r.citation.source} ({r.citation.grade.value})" if r.citation else ""
        rows.append((r.rule, r.text, measured, source))
    return rows


_REASON_HEADERS = ("rule", "why", "measured", "source (grade)")


def _decision_title(decision: "Decision") -> str:
    what = decision.exercise if decision.exercise is not None else f"phase {decision.phase}"
    to = f" to {decision.next_exercise}" if decision.next_exercise is not None else ""
    dose = f": {decision.dose.brief()}" if decision.dose is not None else ""
    return f"{what}: {decision.action.value}{to}{dose}"


def decision_markdown(decision: "Decision") -> str:
    """One decision as Markdown: the action and dose, then each reason with its numbers.

    Raises:
        InvalidValueError: ``decision`` is not a Decision.
    """
    _need_decision(decision)
    title = f"**{_md_cell(_decision_title(decision))}**"
    return "\n".join([title, "", *_md_table(_REASON_HEADERS, _reason_rows(decision))])


def decision_html(decision: "Decision") -> str:
    """One decision as an HTML fragment (used for notebook display).

    Raises:
        InvalidValueError: ``decision`` is not a Decision.
    """
    from html import escape

    _need_decision(decision)
    table = _html_table(_REASON_HEADERS, _reason_rows(decision))
    return f"<p><strong>{escape(_decision_title(decision))}</strong></p>{table}"


def _phase_before(advance: "Advance", path: str) -> str:
    """The phase a session was done in (its decisions were made in), from its result.

    ``advance.state`` is the state *after* the session, and the phase decision
    names the phase from now on: after a move on (progress) the session was in
    the phase before it, after a step back (regress) in the phase after it;
    otherwise in the same phase.
    """
    from plantarkit.progression import Action

    phases = advance.state.program.protocol.phases
    moved = {Action.PROGRESS: -1, Action.REGRESS: 1}.get(advance.phase.action, 0)
    index = advance.state.phase + moved
    if not 0 <= index < len(phases):
        raise InvalidValueError(
            f"{path}.phase",
            f"a phase {advance.phase.action.value} to {advance.state.phase_id!r} with no phase"
            " to come from (not a result of advance())",
        )
    return phases[index].id


def history_frame(advances: Iterable["Advance"]) -> Any:
    """A pandas DataFrame of a person's history: one row per decision per session.

    Columns:

    - ``day``: the programme day of the session.
    - ``phase``: the phase the session was done in, where the decision was
      made (on the day a phase changes, the phase being left).
    - ``phase_after``: the phase from the next session on (differs from
      ``phase`` on the day the programme moves on or steps back).
    - ``exercise``: the exercise id (empty for the phase decision).
    - ``next_exercise``: the exercise from now on when the decision moves
      along a ladder to another one, else empty.
    - ``action``: progress, hold, regress or stop.
    - ``sets``, ``dose``: the dose from now on (exercise decisions).
    - ``rules``: the rules that gave reasons, in order, each once.
    - ``reasons``: every reason in full, separated by ``"; "``, each with its
      source and grade when it cites one.

    Raises:
        InvalidValueError: ``advances`` is not a sequence of Advance values
            (the path names the first wrong item).
        MissingDependencyError: pandas is not installed.
    """
    from plantarkit.progression import Advance

    given = _each(advances, Advance)
    before = [_phase_before(a, f"$[{i}]") for i, a in enumerate(given)]
    pd = _pandas("history_frame()")
    rows: list[dict[str, Any]] = []
    for a, phase in zip(given, before, strict=True):
        for d in (*a.decisions, a.phase):
            rows.append(
                {
                    "day": a.state.day,
                    "phase": phase,
                    "phase_after": a.state.phase_id,
                    "exercise": d.exercise,
                    "next_exercise": d.next_exercise,
                    "action": d.action.value,
                    "sets": d.dose.sets if d.dose is not None else None,
                    "dose": d.dose.brief() if d.dose is not None else None,
                    "rules": ", ".join(dict.fromkeys(r.rule for r in d.reasons)),
                    "reasons": "; ".join(_cited(r) for r in d.reasons),
                }
            )
    frame = pd.DataFrame(rows, columns=_HISTORY_COLUMNS)
    frame["sets"] = frame["sets"].astype("Int64")  # whole numbers; empty on phase rows
    return frame


_HISTORY_COLUMNS = (
    "day",
    "phase",
    "phase_after",
    "exercise",
    "next_exercise",
    "action",
    "sets",
    "dose",
    "rules",
    "reasons",
)


def _program_fragment(program: "Program") -> str:
    """The programme as a notebook fragment (``Program._repr_html_``)."""
    return program_html(program, fragment=True)


def _register_views() -> None:
    """Register the notebook views and frames of the values that display (see ``_core.display``)."""
    from plantarkit._core import display
    from plantarkit.chain import ChainReport
    from plantarkit.plans import Program
    from plantarkit.progression import Advance, Decision

    display.register(ChainReport, markdown=chain_report_markdown, html=chain_report_html)
    display.register(Program, html=_program_fragment, frame=program_frame)
    display.register(Decision, markdown=decision_markdown, html=decision_html)
    display.register(Advance, markdown=advance_markdown, html=advance_html)


_register_views()
