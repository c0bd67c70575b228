"""What people see of a programme: text, Markdown, the HTML handout, DataFrames, the CLI."""

import datetime
import json
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest

import plantarkit
from plantarkit.plans import Program, build_program
from plantarkit.render import program_html, program_markdown, program_text, session_groups


@pytest.fixture(scope="module")
def program() -> Program:
    return build_program(
        plantarkit.example_assessment(), "top_down", weeks=8, start_date=datetime.date(2027, 1, 4)
    )


def test_text_has_one_table_per_week(program: Program) -> None:
    text = program_text(program)
    for week in program.weeks:
        assert f"Week {week.number} — " in text
    assert text.count("days  ") == len(program.weeks)  # one header row per week
    assert "Starts 2027-01-04" in text
    assert "Personalised for: hip: hip internal rotation deficit (right)" in text
    for source in program.sources:
        assert f"[{source.key}]" in text
    for exercise in program.exercises:
        assert exercise.name in text


def test_session_groups_cover_every_session(program: Program) -> None:
    for week in program.weeks:
        groups = session_groups(week)
        covered = [s for s in week.sessions if any(s.items == g.items for _, g in groups)]
        assert covered == list(week.sessions)
        assert len({g.items for _, g in groups}) == len(groups)


def test_markdown(program: Program) -> None:
    md = program_markdown(program)
    assert md.startswith(f"# {program.protocol.name}")
    assert md.count("\n## Week ") == len(program.weeks)
    assert "| Days | Exercise | Dose | Side | Rest | Addresses |" in md


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_handout_is_a_complete_page(program: Program) -> None:
    page = program_html(program)
    assert page.startswith("<!DOCTYPE html>")
    assert "<style>" in page
    assert "@media print" in page
    assert "http" not in page.split("<body>")[0]  # self-contained: nothing fetched
    parser = _Page()
    parser.feed(page)
    text = " ".join(parser.text)
    exercise = program.exercises[0]
    assert exercise.instructions[0] in text
    assert "Pain rule" in text
    assert "Sources" in text
    assert parser.tags.count("h2") == len(program.weeks) + 1  # weeks + sources


def test_html_fragment_for_notebooks(program: Program) -> None:
    fragment = program._repr_html_()
    assert fragment.startswith("<div>")
    assert "<html" not in fragment
    assert len(fragment) < len(program_html(program))


def test_to_frame(program: Program) -> None:
    frame = program.to_frame()
    assert len(frame) == sum(len(s.items) for s in program.sessions())
    assert {"week", "day", "exercise", "sets", "reps", "tempo", "side", "minutes"} <= set(
        frame.columns
    )
    first = program.sessions()[0]
    row = frame.iloc[0]
    assert (row["week"], row["day"], row["exercise"]) == (
        first.week,
        first.day,
        first.items[0].exercise,
    )


def test_to_frame_without_pandas_says_what_to_install() -> None:
    code = (
        "import sys; sys.modules['pandas'] = None\n"
        "import plantarkit\n"
        "from plantarkit.plans import build_program\n"
        "try:\n"
        "    build_program(None, 'staged', weeks=1).to_frame()\n"
        "except plantarkit.MissingDependencyError as e:\n"
        "    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'plantarkit[pandas]'" in out.stdout


def test_plan_with_no_arguments_is_the_main_job(cli: Callable[..., tuple[int, str, str]]) -> None:
    code, out, _ = cli("plan")
    assert code == 0
    expected = program_text(build_program(plantarkit.example_assessment(), "staged", weeks=12))
    assert out.rstrip("\n") == expected


@pytest.mark.parametrize("fmt", ["markdown", "html", "json"])
def test_plan_formats_and_output_file(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Any, fmt: str
) -> None:
    path = tmp_path / f"plan.{fmt}"
    code, out, err = cli(
        "plan",
        "--protocol",
        "high_load",
        "--weeks",
        "4",
        "--start-date",
        "2027-01-04",
        "--format",
        fmt,
        "--output",
        str(path),
    )
    assert code == 0
    assert out == ""
    assert f"wrote {path}" in err
    content = path.read_text(encoding="utf-8")
    if fmt == "json":
        loaded = plantarkit.loads(content, Program)
        assert loaded.start_date == datetime.date(2027, 1, 4)
        assert len(loaded.weeks) == 4
    elif fmt == "html":
        assert content.startswith("<!DOCTYPE html>")
    else:
        assert content.startswith("# ")


def test_plan_from_an_assessment_file(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Any
) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"symptoms": {"painful_sides": ["left"]}}), encoding="utf-8")
    code, out, _ = cli("plan", "--assessment", str(path), "--weeks", "1")
    assert code == 0
    assert "Week 1 — " in out


def test_plan_refuses_on_red_flags(cli: Callable[..., tuple[int, str, str]], tmp_path: Any) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"red_flags": {"rest_or_night_pain": True}}), encoding="utf-8")
    code, out, err = cli("plan", "--assessment", str(path))
    assert code == 3
    assert out == ""
    assert err.startswith("NO PROGRAMME: a red flag is positive.")
    assert "fracture, infection or tumour" in err


def test_plan_bad_protocol_is_one_line(cli: Callable[..., tuple[int, str, str]]) -> None:
    code, _out, err = cli("plan", "--protocol", "stagd")
    assert code == 2
    assert err == "error: unknown protocol id 'stagd'; did you mean 'staged'?\n"


def test_protocols_lists_phases_and_sources(cli: Callable[..., tuple[int, str, str]]) -> None:
    code, out, _ = cli("protocols")
    assert code == 0
    for p in plantarkit.protocols():
        assert f"{p.id}: {p.name}" in out
        for phase in p.phases:
            assert f"  - {phase.id}: {phase.name}" in out
        for key in p.sources:
            assert key in out


def test_plan_with_your_own_protocol_file(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Any
) -> None:
    mine = plantarkit.Protocol(
        id="mine",
        name="Mine",
        phases=(
            plantarkit.Phase(
                id="only",
                name="Only phase",
                start_week=1,
                end_week=None,
                slots=(plantarkit.Slot(item="toe_yoga"),),
                max_plantar_load=plantarkit.PlantarLoad.LOW,
            ),
        ),
    )
    path = tmp_path / "mine.json"
    path.write_text(plantarkit.dumps(mine), encoding="utf-8")
    code, out, _ = cli("plan", "--protocol-file", str(path), "--weeks", "1")
    assert code == 0
    assert out.startswith("Mine (mine), 1 week")
    path.write_text(
        '{"type": "Protocol", "schema_version": 1, "data": {"id": "x"}}', encoding="utf-8"
    )
    code, out, err = cli("plan", "--protocol-file", str(path))
    assert code == 2
    assert f"error: {path}: $.data.name: required field missing" in err


# --- a document whose parts disagree never reaches the renderers --------------------------------


def _edited(program: Program, edit: Callable[[dict[str, Any]], None]) -> str:
    document = json.loads(plantarkit.dumps(program))
    edit(document["data"])
    return json.dumps(document)


def _week(n: int) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        data["weeks"][1]["number"] = n
        for session in data["weeks"][1]["sessions"]:
            session["week"] = n

    return edit


def _item(field: str, value: str) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        data["weeks"][0]["sessions"][2]["items"][1][field] = value

    return edit


def _no_first_exercise(data: dict[str, Any]) -> None:
    first = data["weeks"][0]["sessions"][0]["items"][0]["exercise"]
    data["exercises"] = [e for e in data["exercises"] if e["id"] != first]


@pytest.mark.parametrize(
    ("edit", "path", "says"),
    [
        (_week(7), "$.data.weeks[1].number", "expected 2 (weeks are numbered 1 to 8, in order)"),
        (_item("exercise", "clamm"), "$.data.weeks[0].sessions[2].items[1].exercise", "'clam'?"),
        (_no_first_exercise, "$.data.weeks[0].sessions[0].items[0].exercise", "not in"),
        (_item("phase", "hip_restoratio"), "$.data.weeks[0].sessions[2].items[1].phase", "run"),
    ],
)
def test_a_document_whose_parts_disagree_does_not_load(
    program: Program, edit: Callable[[dict[str, Any]], None], path: str, says: str
) -> None:
    text = _edited(program, edit)
    with pytest.raises(plantarkit.DocumentError) as info:
        plantarkit.loads(text, Program)
    assert info.value.path == path
    assert says in info.value.reason


def test_a_document_with_a_phase_missing_from_its_protocol_does_not_load(program: Program) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["protocol"]["phases"] = [
            p for p in data["protocol"]["phases"] if p["id"] != "footwear_and_surface"
        ]

    with pytest.raises(plantarkit.DocumentError) as info:
        plantarkit.loads(_edited(program, edit), Program)
    assert info.value.path == "$.data.weeks[7].phases[1]"
    assert info.value.reason.startswith("unknown phase 'footwear_and_surface': not in the protocol")


def test_a_programme_that_loads_renders(program: Program) -> None:
    again = plantarkit.loads(plantarkit.dumps(program), Program)
    assert program_text(again) == program_text(program)
