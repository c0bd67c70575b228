"""The plantarkit command: output people read, JSON, and one-line errors."""

import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import attrs
import pytest

import plantarkit
import plantarkit.io
from plantarkit.cli import main


def test_catalogue_table(cli: Callable[..., tuple[int, str, str]]) -> None:
    code, out, _ = cli("catalogue")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "region", "position", "foot", "load", "default", "dose"]
    ids = [line.split()[0] for line in lines[2:] if line.strip()]
    for exercise in plantarkit.catalogue():
        assert exercise.id in ids
    assert f"{len(plantarkit.catalogue())} of {len(plantarkit.catalogue())} exercises" in out


def test_catalogue_filters(cli: Callable[..., tuple[int, str, str]]) -> None:
    code, out, _ = cli("catalogue", "--region", "hip", "--max-plantar-load", "none")
    assert code == 0
    expected = plantarkit.catalogue().filter(region="hip", max_plantar_load="none")
    rows = [line.split()[0] for line in out.splitlines()[2:] if line.strip()][: len(expected)]
    assert rows == [e.id for e in expected]
    assert f"{len(expected)} of" in out


def test_catalogue_json_is_a_loadable_document(cli: Callable[..., tuple[int, str, str]]) -> None:
    code, out, _ = cli("catalogue", "--no-equipment", "--json")
    assert code == 0
    sub = plantarkit.loads(out, plantarkit.Catalogue)
    assert sub.exercises == plantarkit.catalogue().filter(equipment=())


def test_show(cli: Callable[..., tuple[int, str, str]]) -> None:
    code, out, _ = cli("show", "high_load_heel_raise")
    assert code == 0
    exercise = plantarkit.catalogue()["high_load_heel_raise"]
    assert out.startswith(exercise.name)
    assert "How to do it:" in out
    assert exercise.instructions[0] in out
    assert "[rathleff-2015] Rathleff MS" in out
    code, out, _ = cli("show", "clam", "--json")
    assert plantarkit.loads(out, plantarkit.Exercise) == plantarkit.catalogue()["clam"]


def test_schema(cli: Callable[..., tuple[int, str, str]]) -> None:
    code, out, _ = cli("schema", "--type", "Exercise")
    assert code == 0
    schema = json.loads(out)
    assert schema["properties"]["type"] == {"const": "Exercise"}
    code, _, err = cli("schema", "--type", "Exercize")
    assert code == 2
    assert err.startswith("error: unknown document type id 'Exercize'; did you mean 'Exercise'")
    assert err.count("\n") == 1


def test_schema_of_an_unknown_type_lists_the_types_when_nothing_is_close(
    cli: Callable[..., tuple[int, str, str]],
) -> None:
    code, out, err = cli("schema", "--type", "int")
    assert (code, out) == (2, "")
    assert "did you mean" not in err  # not 'Variant', which shares three letters
    known = ", ".join(sorted(plantarkit.io.document_types()))
    assert err == f"error: unknown document type id 'int' (known: {known})\n"


def test_unknown_id_is_one_line_exit_2(cli: Callable[..., tuple[int, str, str]]) -> None:
    code, out, err = cli("show", "clams")
    assert code == 2
    assert out == ""
    assert err == "error: unknown exercise id 'clams'; did you mean 'clam'?\n"


def test_bad_option_value_exits_2(cli: Callable[..., tuple[int, str, str]]) -> None:
    code, _, err = cli("catalogue", "--region", "neck")
    assert code == 2
    assert "Invalid value for '--region'" in err
    assert "Traceback" not in err


def test_debug_shows_the_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(plantarkit.UnknownIdError):
        main(["--debug", "show", "clams"])


def test_version(cli: Callable[..., tuple[int, str, str]]) -> None:
    code, out, _ = cli("--version")
    assert code == 0
    assert out.strip() == f"plantarkit, version {plantarkit.__version__}"


def test_missing_click_gives_an_install_hint() -> None:
    code = (
        "import sys; sys.modules['click'] = None\n"
        "from plantarkit.cli import main\n"
        "main(['catalogue'])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (
        "error: The plantarkit command needs the optional dependency 'click'; "
        "install it with: pip install 'plantarkit[cli]'"
    )


def test_main_is_the_click_group_with_every_command() -> None:
    import click

    assert isinstance(main, click.Group)
    assert sorted(main.commands) == [
        "adherence",
        "assess",
        "catalogue",
        "clear-referral",
        "plan",
        "progress",
        "protocols",
        "schema",
        "show",
        "start",
        "today",
    ]


@pytest.mark.parametrize(
    "run",
    [
        "from plantarkit.cli import main\nmain()",  # as the console script calls it
        "import runpy\nrunpy.run_module('plantarkit', run_name='__main__')",  # python -m
    ],
    ids=["console-script", "python-m"],
)
def test_without_click_main_prints_the_install_hint_and_exits_2(run: str) -> None:
    code = f"import sys; sys.modules['click'] = None\n{run}\n"
    proc = subprocess.run(
        [sys.executable, "-c", code, "--help"], capture_output=True, text=True, check=False
    )
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (
        "error: The plantarkit command needs the optional dependency 'click'; "
        "install it with: pip install 'plantarkit[cli]'\n"
    )


def test_python_dash_m_runs_the_command() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "plantarkit", "show", "clam"], capture_output=True, text=True
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("Clam (clam)")


def test_import_stays_light() -> None:
    code = (
        "import sys, plantarkit\n"
        "heavy = {'numpy', 'pandas', 'matplotlib', 'click', 'rich', 'cattrs'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


def test_assess_example(cli: Callable[..., tuple[int, str, str]]) -> None:
    code, out, _ = cli("assess", "--example")
    assert code == 0
    report = plantarkit.assess(plantarkit.example_assessment())
    assert out.startswith("Kinetic-chain assessment (painful side: right)")
    assert report.primary_driver is not None
    assert f"▶ Primary driver: {report.primary_driver}" in out
    for finding in report.findings:
        assert finding.kind.label in out
    assert "Why:" in out


def test_assess_file_document_and_bare_data(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Any
) -> None:
    a = plantarkit.example_assessment()
    document = tmp_path / "a.json"
    document.write_text(plantarkit.dumps(a), encoding="utf-8")
    code, out, _ = cli("assess", str(document), "--json")
    assert code == 0
    assert plantarkit.loads(out, plantarkit.ChainReport) == plantarkit.assess(a)
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(plantarkit.io.unstructure(a)), encoding="utf-8")
    code, out2, _ = cli("assess", str(bare), "--json")
    assert code == 0
    assert out2 == out


def test_assess_refers_on_red_flags(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Any
) -> None:
    a = plantarkit.Assessment(red_flags=plantarkit.RedFlagScreen(sudden_pop_with_bruising=True))
    path = tmp_path / "flag.json"
    path.write_text(plantarkit.dumps(a), encoding="utf-8")
    code, out, _ = cli("assess", str(path))
    assert code == 3
    assert out.startswith("!! REFER — no self-managed programme")
    assert "plantar fascia rupture" in out
    assert "Exercises that address" not in out
    assert "No findings in the links that were assessed." in out


def example_with_a_red_flag() -> plantarkit.Assessment:
    a = plantarkit.example_assessment()
    return attrs.evolve(a, red_flags=attrs.evolve(a.red_flags, rest_or_night_pain=True))


@pytest.mark.parametrize("as_json", [False, True])
def test_assess_exits_3_on_a_red_flag_after_the_whole_report(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Any, as_json: bool
) -> None:
    a = example_with_a_red_flag()
    path = tmp_path / "flag.json"
    path.write_text(plantarkit.dumps(a), encoding="utf-8")
    code, out, err = cli("assess", str(path), *(["--json"] if as_json else []))
    assert code == 3
    assert err == ""
    report = plantarkit.assess(a)
    if as_json:
        assert plantarkit.loads(out, plantarkit.ChainReport) == report
        return
    assert out.startswith("!! REFER — no self-managed programme")
    assert "pain at rest or at night" in out
    assert report.primary_driver is not None
    assert f"▶ Primary driver: {report.primary_driver}" in out
    for finding in report.findings:
        assert finding.kind.label in out


@pytest.mark.parametrize("as_json", [False, True])
def test_assess_exits_0_without_a_red_flag(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Any, as_json: bool
) -> None:
    a = plantarkit.example_assessment()
    assert plantarkit.assess(a).program_allowed
    path = tmp_path / "a.json"
    path.write_text(plantarkit.dumps(a), encoding="utf-8")
    code, out, err = cli("assess", str(path), *(["--json"] if as_json else []))
    assert code == 0
    assert err == ""
    assert "REFER" not in out


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        (
            '{"lunge_cm": {"left": -2, "right": null}}',
            ["$.lunge_cm.left: must be ≥ 0, got -2"],
        ),
        ('{"lunge_cm": ', ["$: not valid JSON: Expecting value at line 1 column 14"]),
        ('{"bogus": 1}', ["$.bogus: unknown field; expected one of: symptoms, "]),
        (
            '{"type": "Exercise", "schema_version": 1, "data": {}}',
            ["$.type: expected an Assessment document, got 'Exercise'"],
        ),
        (  # a key twice, in bare data too: not the last one silently
            '{"red_flags": {"rest_or_night_pain": true, "rest_or_night_pain": false}}',
            ["$.red_flags.rest_or_night_pain: duplicate key 'rest_or_night_pain'"],
        ),
        (
            '{"type": "Assessment", "schema_version": 1, "data": {}, "data": {}}',
            ["$.data: duplicate key 'data'"],
        ),
    ],
)
def test_assess_bad_files(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Any, text: str, errors: list[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    code, out, err = cli("assess", str(path))
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == len(errors)
    for line, expected in zip(lines, errors, strict=True):
        assert line.startswith(f"error: {path}: {expected}")  # the file, then the path in it


def test_assess_a_file_that_is_not_utf8(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Any
) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"note": "café"}'.encode("latin-1"))
    code, out, err = cli("assess", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {path}: $: not UTF-8 text: invalid continuation byte")
    assert err.count("\n") == 1


def test_assess_names_stdin_in_its_errors() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "plantarkit", "assess", "-"],
        input='{"bogus": 1}',
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("error: <stdin>: $.bogus: unknown field")


def test_assess_needs_exactly_one_input(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Any
) -> None:
    code, out, err = cli("assess")
    assert (code, out) == (2, "")
    assert err == "error: give an Assessment FILE ('-' reads stdin), or --example\n"
    code, out, err = cli("assess", "--example", "-")
    assert (code, out) == (2, "")
    assert err == "error: give an Assessment FILE or --example, not both\n"


@pytest.mark.parametrize("command", ["plan", "start"])
def test_protocol_and_protocol_file_together_are_refused(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Any, command: str
) -> None:
    # Either would be ignored: the protocol file used to win over --protocol in silence.
    path = tmp_path / "mine.json"
    path.write_text(plantarkit.dumps(plantarkit.protocol("high_load")), encoding="utf-8")
    out_file = tmp_path / "out.txt"
    program_file = tmp_path / "program.json"  # start writes the programme too
    args = ["--protocol", "staged", "--protocol-file", str(path), "--output", str(out_file)]
    if command == "start":
        args += ["--program-output", str(program_file)]
    code, out, err = cli(command, *args)
    assert (code, out) == (2, "")
    assert err == "error: give --protocol or --protocol-file, not both\n"
    assert not out_file.exists()
    assert not program_file.exists()
    code, out, _ = cli("plan", "--protocol-file", str(path), "--weeks", "1")
    assert code == 0
    assert out.startswith(plantarkit.protocol("high_load").name)


def test_a_protocol_file_that_does_not_fit_the_catalogue_names_the_file(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Any
) -> None:
    document = plantarkit.to_document(plantarkit.protocol("high_load"))
    document["data"]["phases"][0]["slots"][0]["item"] = "no_such_exercise"
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    code, out, err = cli("plan", "--protocol-file", str(path))
    assert (code, out) == (2, "")
    where = "$.data.phases[0].slots[0].item"  # the path in the file, under its data
    assert err.startswith(f"error: {path}: {where}: unknown exercise or advice 'no_such_exercise'")
    assert err.count("\n") == 1


def test_assess_reads_stdin() -> None:
    text = plantarkit.dumps(plantarkit.example_assessment())
    proc = subprocess.run(
        [sys.executable, "-m", "plantarkit", "assess", "-"],
        input=text,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0
    assert "▶ Primary driver: hip: hip internal rotation deficit (right)" in proc.stdout


# --- command-line mistakes are one line each (issue 12) -----------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("assess", "/no/such/file.json"),
            "error: Invalid value for '[FILE]': '/no/such/file.json': No such file or directory"
            " (see 'plantarkit assess --help')",
        ),
        (
            ("plan", "--weeks", "abc"),
            "error: Invalid value for '--weeks': 'abc' is not a valid integer range."
            " (see 'plantarkit plan --help')",
        ),
        (("nosuch",), "error: No such command 'nosuch'. (see 'plantarkit --help')"),
    ],
)
def test_a_command_line_mistake_is_one_line(
    cli: Callable[..., tuple[int, str, str]], args: tuple[str, ...], expected: str
) -> None:
    code, out, err = cli(*args)
    assert (code, out) == (2, "")
    assert err.splitlines() == [expected]


def test_a_file_too_large_to_be_a_document_is_refused_before_it_is_parsed(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import plantarkit.cli._support as support

    monkeypatch.setattr(support, "MAX_FILE_CHARS", 10)
    big = tmp_path / "big.json"
    big.write_text('{"x": "' + "a" * 20 + '"}', encoding="utf-8")
    code, _, err = cli("assess", str(big))
    assert code == 2
    assert err.splitlines() == [f"error: {big}: $: the file is larger than 10 characters"]
