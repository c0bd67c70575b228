"""Progression results: an advance's decisions and reasons, one decision, a history frame."""

import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from plantarkit.render._checks import each, import_pandas, need
from plantarkit.render._tables import html_table, md_cell, md_table, table

if TYPE_CHECKING:
    from plantarkit.exercises import Prescription
    from plantarkit.progression import (
        Adherence,
        Advance,
        Decision,
        PhaseDecision,
        Reason,
        Today,
    )

__all__ = [
    "advance_html",
    "advance_markdown",
    "advance_text",
    "decision_html",
    "decision_markdown",
    "history_frame",
]


def _need_advance(advance: object, path: str = "$") -> "Advance":
    from plantarkit.progression import Advance

    return need(advance, Advance, path)


def _need_decision(decision: object) -> "Decision | PhaseDecision":
    from plantarkit.progression import Decision, PhaseDecision

    if isinstance(decision, PhaseDecision):
        return decision
    return need(decision, Decision)


def _phase_of(decision: "Decision | PhaseDecision") -> "str | None":
    """The phase a phase decision names; ``None`` for an exercise's decision."""
    return getattr(decision, "phase", None)


def _cited(reason: "Reason") -> str:
    """A reason in words, with its source and evidence grade when it cites one."""
    c = reason.citation
    return reason.text if c is None else f"{reason.text} [{c.source}, grade {c.grade.value}]"


def _what(decision: "Decision | PhaseDecision", sep: str = ": ") -> str:
    phase = _phase_of(decision)
    return f"phase{sep}{phase}" if phase is not None else getattr(decision, "exercise", "")


def _from_now_on(decision: "Decision | PhaseDecision") -> str:
    """The dose from now on, after the new exercise's id when the decision moves to one."""
    dose: Prescription | None = getattr(decision, "dose", None)
    text = dose.brief() if dose is not None else ""
    after: str | None = getattr(decision, "next_exercise", None)
    return text if after is None else f"{after}: {text}"


def _decision_rows(advance: "Advance", *, why: bool = True) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for d in advance.all_decisions:
        row = (_what(d), d.action.value, _from_now_on(d))
        rows.append((*row, "; ".join(_cited(r) for r in d.reasons)) if why else row)
    return rows


_DECISION_HEADERS = ("exercise", "next", "dose from now on", "why")


def _why_lines(advance: "Advance", width: int = 100) -> list[str]:
    """Each decision's reasons in full, wrapped; decisions with the same reasons share them."""
    groups: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for d in advance.all_decisions:
        key = (d.action.value, tuple(_cited(r) for r in d.reasons))
        groups.setdefault(key, []).append(_what(d, " "))
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
        f"**{md_cell(advance.summary)}**",
        "",
        *md_table(_DECISION_HEADERS, _decision_rows(advance)),
    ]
    return "\n".join(lines)


def advance_html(advance: "Advance") -> str:
    """The decisions of one session as an HTML fragment (used for notebook display).

    Raises:
        InvalidValueError: ``advance`` is not an Advance.
    """
    from html import escape

    _need_advance(advance)
    table = html_table(_DECISION_HEADERS, _decision_rows(advance))
    return f"<p><strong>{escape(advance.summary)}</strong></p>{table}"


def _number(value: float) -> str:
    """A measured value as people read it: at most two decimals (an average of 3.33)."""
    return f"{round(value, 2):g}"


def _reason_rows(decision: "Decision | PhaseDecision") -> list[tuple[str, ...]]:
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


def _decision_title(decision: "Decision | PhaseDecision") -> str:
    after: str | None = getattr(decision, "next_exercise", None)
    to = f" to {after}" if after is not None else ""
    now: Prescription | None = getattr(decision, "dose", None)
    dose = f": {now.brief()}" if now is not None else ""
    return f"{_what(decision, ' ')}: {decision.action.value}{to}{dose}"


def decision_markdown(decision: "Decision | PhaseDecision") -> str:
    """One decision as Markdown: the action and dose, then each reason with its numbers.

    Raises:
        InvalidValueError: ``decision`` is not a Decision or a PhaseDecision.
    """
    _need_decision(decision)
    title = f"**{md_cell(_decision_title(decision))}**"
    return "\n".join([title, "", *md_table(_REASON_HEADERS, _reason_rows(decision))])


def decision_html(decision: "Decision | PhaseDecision") -> str:
    """One decision as an HTML fragment (used for notebook display).

    Raises:
        InvalidValueError: ``decision`` is not a Decision or a PhaseDecision.
    """
    from html import escape

    _need_decision(decision)
    table = html_table(_REASON_HEADERS, _reason_rows(decision))
    return f"<p><strong>{escape(_decision_title(decision))}</strong></p>{table}"


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

    given = each(advances, Advance)
    before = [a.session_phase for a in given]
    pd = import_pandas("history_frame()")
    rows: list[dict[str, Any]] = []
    for a, phase in zip(given, before, strict=True):
        for d in a.all_decisions:
            dose: Prescription | None = getattr(d, "dose", None)
            rows.append(
                {
                    "day": a.state.day,
                    "phase": phase,
                    "phase_after": a.state.phase_id,
                    "exercise": getattr(d, "exercise", None),
                    "next_exercise": getattr(d, "next_exercise", None),
                    "action": d.action.value,
                    "sets": dose.sets if dose is not None else None,
                    "dose": dose.brief() if dose is not None else None,
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


def _rule_line(rule: object) -> str:
    doc = (type(rule).__doc__ or "").strip().splitlines()
    return f"{type(rule).__name__}: {doc[0]}" if doc else type(rule).__name__


def today_text(today: "Today") -> str:
    """One day's session for a terminal: what is due (dose, side), what is not and why.

    Raises:
        InvalidValueError: ``today`` is not a Today.
    """
    from plantarkit.progression import Today

    need(today, Today, "$")
    when = f" ({today.date.isoformat()})" if today.date is not None else ""
    lines = [
        f"Day {today.day}{when}: week {today.week}, day {today.weekday}; phase '{today.phase}'"
    ]
    if today.note:
        lines.append(today.note)
    due = today.due
    if due:
        rows = [
            [
                i.exercise.name,
                i.dose.brief(),
                "" if i.side is None else i.side.value,
            ]
            for i in due
        ]
        lines += [
            "",
            "Due today:",
            table(("exercise", "dose", "side"), rows, max_width=60, wrap=True),
        ]
    resting = [i for i in today.items if not i.due]
    if resting:
        lines += ["", "Not today:"]
        lines += [f"- {i.exercise.name}: {i.why}" for i in resting]
    if today.pain_rules and today.stopped is None:
        lines += ["", "Pain rules for this session:"]
        lines += [f"- {_rule_line(r)}" for r in today.pain_rules]
    if today.advice:
        lines += ["", "Advice this week:"]
        lines += [f"- {a.name}" for a in today.advice]
    return "\n".join(lines)


def adherence_frame(adherence: "Adherence") -> Any:
    """A pandas DataFrame of adherence: one row per programme week.

    Columns: ``week``, ``prescribed`` (exercise sessions due), ``done``,
    ``rate`` (done / prescribed, empty when nothing was due) and ``missed_days``.

    Raises:
        InvalidValueError: ``adherence`` is not an Adherence.
        MissingDependencyError: pandas is not installed.
    """
    from plantarkit.progression import Adherence

    need(adherence, Adherence, "$")
    pd = import_pandas("Adherence.to_frame()")
    rows = [
        {
            "week": w.week,
            "prescribed": w.prescribed,
            "done": w.done,
            "rate": w.rate,
            "missed_days": w.missed_days,
        }
        for w in adherence.weeks
    ]
    return pd.DataFrame(rows, columns=["week", "prescribed", "done", "rate", "missed_days"])


def adherence_text(adherence: "Adherence") -> str:
    """Adherence for a terminal: the overall rate, then a table per week and per exercise.

    Raises:
        InvalidValueError: ``adherence`` is not an Adherence.
    """
    from plantarkit.progression import Adherence

    need(adherence, Adherence, "$")

    def pct(rate: float | None) -> str:
        return "-" if rate is None else f"{rate:.0%}"

    since = adherence.days_since_last_session
    lines = [
        f"Through day {adherence.through_day}: {adherence.done} of {adherence.prescribed}"
        f" exercise sessions done ({pct(adherence.rate)}); streak {adherence.streak}"
        f" (longest {adherence.longest_streak}); "
        + ("no session yet" if since is None else f"last session {since} days ago"),
        "",
        table(
            ("week", "prescribed", "done", "rate", "missed days"),
            [
                [str(w.week), str(w.prescribed), str(w.done), pct(w.rate), str(w.missed_days)]
                for w in adherence.weeks
            ],
        ),
        "",
        table(
            ("exercise", "prescribed", "done", "rate", "extra"),
            [
                [e.exercise, str(e.prescribed), str(e.done), pct(e.rate), str(e.extra)]
                for e in adherence.exercises
            ],
        ),
    ]
    return "\n".join(lines)
