"""Programmes as text, Markdown, a printable HTML handout and a pandas DataFrame."""

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from plantarkit.render._checks import import_pandas, need
from plantarkit.render._tables import md_table, md_text, table

if TYPE_CHECKING:
    from plantarkit.exercises import Prescription
    from plantarkit.plans import Program, ProgramItem, Session, Week

__all__ = [
    "program_fragment",
    "program_frame",
    "program_html",
    "program_markdown",
    "program_text",
    "session_groups",
]


def _need_program(program: object) -> None:
    from plantarkit.plans import Program

    need(program, Program)


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

    need(week, Week)
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
    lines = [f"# {md_text(program.protocol.name)}", ""]
    if program.protocol.summary:
        lines += [md_text(program.protocol.summary), ""]
    headers = ("Days", "Exercise", "Dose", "Side", "Rest", "Addresses")
    for week in program.weeks:
        rows = [
            (days if i == 0 else "", *_item_row(program, item))
            for days, session in session_groups(week)
            for i, item in enumerate(session.items)
        ]
        lines += [f"## {md_text(_week_title(program, week))}", "", *md_table(headers, rows)]
        if week.advice:
            names = ", ".join(program.advice_item(a).name for a in week.advice)
            lines += ["", md_text(f"Advice: {names}")]
        lines.append("")
    rules = [(p.name, p.pain_rule) for p in program.protocol.phases if p.pain_rule]
    if rules:
        lines += ["## Pain rules", ""]
        lines += [f"- **{md_text(n)}**: {md_text(str(r))}" for n, r in rules] + [""]
    if program.sources:
        lines += ["## Sources", ""] + [f"- {md_text(f'[{s.key}] {s}')}" for s in program.sources]
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
    need(fragment, bool, "$.fragment")

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


def program_frame(program: "Program") -> Any:
    """A pandas DataFrame with one row per exercise per session.

    Raises:
        InvalidValueError: ``program`` is not a Program.
        MissingDependencyError: pandas is not installed.
    """
    _need_program(program)
    pd = import_pandas("Program.to_frame()")
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


def program_fragment(program: "Program") -> str:
    """The programme as a notebook fragment (``Program._repr_html_``)."""
    return program_html(program, fragment=True)
