"""What people see: text tables, exercise cards and notebook displays."""

import html as html_module
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import attrs
import pytest
from hypothesis import given

import plantarkit
import plantarkit.render
from plantarkit import Pain
from plantarkit.chain import RedFlagScreen
from plantarkit.exercises import Hold, Reps, Timed
from plantarkit.plans import Program
from plantarkit.progression import (
    Action,
    Advance,
    ExerciseLog,
    PainReport,
    ProgramState,
    Reason,
    SessionLog,
    advance,
    start,
)
from plantarkit.render import (
    advance_html,
    advance_markdown,
    advance_text,
    chain_report_text,
    decision_html,
    decision_markdown,
    exercise_card,
    exercise_table,
    history_frame,
    table,
)
from plantarkit.testing import advances


def test_table_pads_and_cuts() -> None:
    text = table(("a", "bee"), [("x", "y" * 10), ("long cell", "z")], max_width=5)
    assert text.splitlines() == [
        "a      bee",
        "-----  -----",
        "x      yyyy…",
        "long…  z",
    ]


def test_exercise_table_lists_every_exercise() -> None:
    cat = plantarkit.catalogue()
    text = exercise_table(cat)
    for exercise in cat:
        assert exercise.id in text


def test_card_without_a_catalogue_names_source_keys() -> None:
    exercise = plantarkit.catalogue()["toe_yoga"]
    card = exercise_card(exercise)
    assert card.splitlines()[0] == f"{exercise.name} ({exercise.id})"
    assert "Ladder" not in card
    for key in exercise.sources:
        assert f"[{key}]" in card


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_chain_report_notebook_displays() -> None:
    report = plantarkit.assess(plantarkit.example_assessment())
    markdown = report._repr_markdown_()
    assert markdown.splitlines()[0].startswith("| # | link | side |")
    assert markdown.count("\n| ") >= len(report.findings)
    assert f"**Primary driver:** {report.primary_driver}" in markdown
    parser = _Collect()
    parser.feed(report._repr_html_())
    assert parser.tags.count("tr") == len(report.findings) + 1
    assert "Primary driver:" in "".join(parser.text)


def test_referral_is_shown_first_everywhere() -> None:
    a = plantarkit.Assessment(
        red_flags=plantarkit.RedFlagScreen(fever_or_hot_swollen_heel=True),
        lunge_cm=plantarkit.Bilateral(left=8.0, right=8.0),
    )
    report = plantarkit.assess(a)
    assert chain_report_text(report).startswith("!! REFER")
    assert report._repr_markdown_().startswith("> **Refer")
    assert report._repr_html_().startswith('<div style="border:2px solid #b00')
    assert "Exercises that address" not in chain_report_text(report)


def test_html_escapes_user_text() -> None:
    report = plantarkit.assess(plantarkit.Assessment(pelvis_level=False))
    finding = report.findings[0]
    odd = attrs.evolve(report, findings=(attrs.evolve(finding, value="<b>&</b>"),))
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in odd._repr_html_()
    assert "<b>&</b>" not in odd._repr_html_()


# --- tables that wrap ----------------------------------------------------------------------------


def test_table_can_wrap_long_cells_instead_of_cutting() -> None:
    text = table(
        ("a", "why"), [("x", "one two three-four five"), ("y", "z")], max_width=9, wrap=True
    )
    assert text.splitlines() == [
        "a  why",
        "-  ----------",
        "x  one two",
        "   three-four",
        "   five",
        "y  z",
    ]


def test_table_keeps_line_breaks_when_wrapping() -> None:
    text = table(("a", "b"), [("x\ny", "z")], wrap=True)
    assert text.splitlines()[2:] == ["x  z", "y"]


# --- decisions: reasons in full, with sources ----------------------------------------------------


def squashed(text: str) -> str:
    return " ".join(text.split())


def html_text(html: str) -> str:
    parser = _Collect()
    parser.feed(html)
    return squashed(" ".join(parser.text))


def cited(reason: Reason) -> str:
    c = reason.citation
    return reason.text if c is None else f"{reason.text} [{c.source}, grade {c.grade.value}]"


@given(advances())
def test_every_reason_is_shown_in_full_with_its_source(advance: Advance) -> None:
    text = squashed(advance_text(advance))
    # Markdown escapes HTML ("> 173" is "&gt; 173" in the source): read it as shown
    markdown = squashed(html_module.unescape(advance_markdown(advance)))
    html = html_text(advance_html(advance))
    for d in advance.all_decisions:
        for r in d.reasons:
            for shown in (text, markdown.replace("\\|", "|").replace("<br>", " "), html):
                assert squashed(cited(r)) in shown
        for shown in (
            squashed(html_module.unescape(decision_markdown(d))),
            html_text(decision_html(d)),
        ):
            for r in d.reasons:
                assert squashed(r.text) in shown.replace("\\|", "|").replace("<br>", " ")
                if r.citation is not None:
                    assert f"{r.citation.source} ({r.citation.grade.value})" in shown


def staged_program() -> Program:
    return plantarkit.build_program(plantarkit.example_assessment(), "staged", weeks=12)


def first_session() -> tuple[Program, Advance]:
    """The staged programme and its first session, done in full."""
    program = staged_program()
    state = start(program)
    return program, advance(program, state, full_log(state, 1))


def in_full(work: object) -> float:
    """What doing one set in full records: repetitions, or seconds."""
    if isinstance(work, Reps):
        return work.count
    assert isinstance(work, Hold | Timed)
    return work.seconds


def full_log(state: ProgramState, day: int, *, during: int = 2, **extra: Any) -> SessionLog:
    done = tuple(
        ExerciseLog(
            exercise=e.exercise,
            sets=(in_full(e.dose.work),) * e.dose.sets,
        )
        for e in state.exercises
    )
    pain = PainReport(
        day=day, first_step=Pain(1), during=Pain(during), after=Pain(1), next_morning=Pain(1)
    )
    return SessionLog(day=day, exercises=done, pain=(pain,), **extra)


def test_advance_text_shows_the_step_taken_and_its_source() -> None:
    program, first = first_session()
    second = advance(program, first.state, full_log(first.state, 3))
    (clam,) = [d for d in second.decisions if d.exercise == "clam"]
    assert clam.action is Action.PROGRESS
    step = clam.reasons[-1]
    assert len(step.text) > 90  # the old table cut this
    assert step.citation is not None
    text = advance_text(second)
    assert "…" not in text
    assert squashed(f"{step.text} [{step.citation.source}, grade {step.citation.grade.value}]") in (
        squashed(text)
    )
    assert all(len(line) <= 100 for line in text.splitlines())


def test_advance_text_names_the_red_flag() -> None:
    program = staged_program()
    stop = advance(
        program, start(program), SessionLog(day=1, red_flags=RedFlagScreen(rest_or_night_pain=True))
    )
    text = advance_text(stop)
    assert text.startswith("Stop: a red flag is positive.")
    assert "pain at rest or at night" in squashed(text)
    assert squashed(str(stop.state.referral)) in squashed(text)
    # Every exercise stops for the same reason: it is given once, not once per row.
    assert squashed(text).count(squashed(str(stop.state.referral))) == 1


def test_markdown_cells_keep_line_breaks() -> None:
    _, first = first_session()
    reason = attrs.evolve(first.phase.reasons[0], text="line one\nline two | more")
    odd = attrs.evolve(first, phase=attrs.evolve(first.phase, reasons=(reason,)))
    (row,) = [line for line in advance_markdown(odd).splitlines() if line.startswith("| phase")]
    assert "line one<br>line two \\| more" in row


# --- history: the phase a decision was made in ---------------------------------------------------


def test_history_rows_carry_the_phase_the_session_was_done_in() -> None:
    program = plantarkit.build_program(plantarkit.example_assessment(), "heel_pain_basics")
    state = start(program)
    history: list[Advance] = []
    day = 1
    while not history or history[-1].phase.action is not Action.PROGRESS:
        assert day < 60, "no phase change: the test needs a protocol that moves on"
        history.append(advance(program, state, full_log(state, day, during=1)))
        state, day = history[-1].state, day + 2
    frame = history_frame(history)
    assert list(frame.columns) == [
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
    ]
    before = history[-2].state.phase_id
    after = history[-1].state.phase_id
    assert before != after
    assert history[-1].session_phase == before  # the Advance names it
    moved = frame[frame["day"] == history[-1].state.day]
    assert set(moved["phase"]) == {before}  # the phase being left, for every decision made
    assert set(moved["phase_after"]) == {after}
    assert set(moved["exercise"].dropna()) == {e.exercise for e in history[-2].state.exercises}
    earlier = frame[frame["day"] < history[-1].state.day]
    assert set(earlier["phase"]) == set(earlier["phase_after"]) == {before}


def test_history_phase_after_a_step_back() -> None:
    # After a step back (a flare in maintenance) the state is in the phase before the one
    # the session was done in.
    program, first = first_session()
    phases = program.protocol.phases
    back = attrs.evolve(
        first,
        session_phase=phases[1].id,
        phase=attrs.evolve(first.phase, action=Action.REGRESS),
    )
    (row,) = history_frame([back]).query("exercise.isnull()").to_dict("records")
    assert (row["phase"], row["phase_after"]) == (phases[1].id, phases[0].id)


def test_history_refuses_a_move_on_from_nowhere() -> None:
    # A move on whose session was in the phase it moves to came from nowhere: an Advance
    # names the phase its session was in, and refuses one that does not fit its decision.
    _, first = first_session()
    with pytest.raises(plantarkit.InvalidValueError) as info:
        attrs.evolve(first, phase=attrs.evolve(first.phase, action=Action.PROGRESS))
    assert info.value.path == "$.session_phase"
    assert "changes the phase" in info.value.reason


def test_empty_history_has_the_columns() -> None:
    assert list(history_frame([]).columns)[:3] == ["day", "phase", "phase_after"]


# --- wrong arguments -----------------------------------------------------------------------------

R: Any = plantarkit.render  # called through Any: these calls are wrong on purpose

WRONG: list[tuple[str, Callable[[], object], str, str]] = [
    ("table", lambda: R.table("ab", [("x", "y")]), "$.headers", "expected a sequence of strings"),
    ("table", lambda: R.table(("a",), [("x", "y")]), "$.rows[0]", "expected 1 cells"),
    ("table", lambda: R.table(("a",), [(1,)]), "$.rows[0][0]", "expected a str, got an integer 1"),
    ("table", lambda: R.table(("a",), ["x"]), "$.rows[0]", "expected a sequence of strings"),
    ("table", lambda: R.table(("a",), 5), "$.rows", "expected a sequence of rows"),
    ("table", lambda: R.table(("a",), [], max_width=1), "$.max_width", "expected an integer ≥ 2"),
    ("table", lambda: R.table(("a",), [], wrap=1), "$.wrap", "expected a bool"),
    ("exercise_table", lambda: R.exercise_table([1]), "$[0]", "expected an Exercise"),
    ("exercise_card", lambda: R.exercise_card("clam"), "$", "expected an Exercise"),
    (
        "exercise_card",
        lambda: R.exercise_card(plantarkit.catalogue()["clam"], "x"),
        "$.catalogue",
        "expected a Catalogue",
    ),
    ("chain_report_text", lambda: R.chain_report_text(None), "$", "expected a ChainReport"),
    ("chain_report_markdown", lambda: R.chain_report_markdown(1), "$", "expected a ChainReport"),
    ("chain_report_html", lambda: R.chain_report_html("x"), "$", "expected a ChainReport"),
    ("program_text", lambda: R.program_text("x"), "$", "expected a Program, got a string 'x'"),
    ("program_markdown", lambda: R.program_markdown(None), "$", "expected a Program, got null"),
    ("program_html", lambda: R.program_html({}), "$", "expected a Program"),
    ("program_html", lambda: R.program_html(a_program(), fragment=1), "$.fragment", "a bool"),
    ("program_frame", lambda: R.program_frame([]), "$", "expected a Program"),
    ("program_ics", lambda: R.program_ics(None), "$", "expected a Program, got null"),
    ("session_groups", lambda: R.session_groups(1), "$", "expected a Week"),
    ("advance_text", lambda: R.advance_text("x"), "$", "expected an Advance, got a string 'x'"),
    ("advance_markdown", lambda: R.advance_markdown(None), "$", "expected an Advance, got null"),
    ("advance_html", lambda: R.advance_html(3), "$", "expected an Advance"),
    ("decision_markdown", lambda: R.decision_markdown("x"), "$", "expected a Decision"),
    ("decision_html", lambda: R.decision_html(None), "$", "expected a Decision"),
    ("history_frame", lambda: R.history_frame("x"), "$", "expected a sequence of Advance values"),
    (
        "history_frame",
        lambda: R.history_frame([1]),
        "$[0]",
        "expected an Advance, got an integer 1",
    ),
    ("history_frame", lambda: R.history_frame(None), "$", "got null"),
    ("today_text", lambda: R.today_text("x"), "$", "expected a Today, got a string 'x'"),
    ("adherence_text", lambda: R.adherence_text(None), "$", "expected an Adherence, got null"),
    ("adherence_frame", lambda: R.adherence_frame(1), "$", "expected an Adherence"),
]


def a_program() -> Program:
    return plantarkit.build_program(None, "high_load", weeks=1)


@pytest.mark.parametrize(
    ("name", "call", "path", "message"),
    WRONG,
    ids=[f"{name}-{path}" for name, _, path, _ in WRONG],
)
def test_wrong_arguments_are_invalid_values(
    name: str, call: Callable[[], object], path: str, message: str
) -> None:
    with pytest.raises(plantarkit.InvalidValueError) as info:
        call()
    assert isinstance(info.value, ValueError)
    assert info.value.path == path
    assert message in info.value.reason


def test_every_public_function_is_checked() -> None:
    assert {name for name, *_ in WRONG} == set(plantarkit.render.__all__)


# --- notebook views say what the text says -------------------------------------------------------


def test_a_chain_report_without_findings_says_so_in_every_view() -> None:
    nothing = plantarkit.Assessment(
        symptoms=plantarkit.Symptoms(painful_sides=(plantarkit.Side.LEFT,))
    )
    report = plantarkit.assess(nothing)
    assert not report.findings
    for view in (report._repr_markdown_(), report._repr_html_(), chain_report_text(report)):
        assert "No findings in the links that were assessed." in view
        assert "Not assessed: hip" in view
        assert "<table" not in view  # no empty table


def test_a_chain_reports_notebook_views_list_the_exercises_for_its_findings() -> None:
    report = plantarkit.assess(plantarkit.example_assessment())
    assert report.emphasis
    first = report.emphasis[0].exercises[0]
    assert "Exercises that address the findings" in report._repr_markdown_()
    assert first in report._repr_markdown_()
    assert first in report._repr_html_()


def test_markdown_shows_markup_in_names_and_reasons_as_text() -> None:
    _, first = first_session()
    reason = attrs.evolve(first.phase.reasons[0], text="<script>alert(1)</script> & <b>x</b>")
    odd = attrs.evolve(first, phase=attrs.evolve(first.phase, reasons=(reason,)))
    shown = advance_markdown(odd)
    assert "<script>" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;" in shown
    program = plantarkit.build_program(None, "high_load", weeks=1)
    named = attrs.evolve(program, protocol=attrs.evolve(program.protocol, name="<b>Mine</b>"))
    assert plantarkit.render.program_markdown(named).startswith("# &lt;b&gt;Mine&lt;/b&gt;")


def test_history_sets_are_whole_numbers_and_measures_are_rounded() -> None:
    _, first = first_session()
    frame = history_frame([first])
    assert str(frame["sets"].dtype) == "Int64"
    assert frame["sets"].isna().sum() == 1  # the phase decision
    reason = attrs.evolve(first.phase.reasons[0], measure="weekly_first_step", value=10 / 3)
    shown = decision_markdown(attrs.evolve(first.phase, reasons=(reason,)))
    assert "weekly_first_step 3.33" in shown
    assert "3.333" not in shown


def test_a_reason_with_angle_brackets_reads_the_same_in_markdown() -> None:
    from plantarkit.progression import Action, Decision, Reason

    text = "less work per set: 1 × to fatigue (harder once > 173) <b>"
    decision = Decision(
        exercise="clam",
        action=Action.REGRESS,
        reasons=(Reason(rule="less_work", text=text),),
        dose=a_program().weeks[0].sessions[0].items[0].dose,
    )
    shown = plantarkit.render.decision_markdown(decision)
    assert "<b>" not in shown  # escaped: Markdown renders HTML
    assert text in html_module.unescape(shown)
