"""The command line between sessions: start, progress, clear-referral; output files and exits."""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import plantarkit
import plantarkit.io
from plantarkit import Pain
from plantarkit.chain import RedFlagScreen
from plantarkit.cli import main
from plantarkit.progression import ExerciseLog, PainReport, ProgramState, SessionLog, start


def first_state() -> ProgramState:
    return start(plantarkit.build_program(plantarkit.example_assessment(), "staged", weeks=12))


def good_log(state: ProgramState, day: int) -> SessionLog:
    done = tuple(
        ExerciseLog(exercise=e.exercise, sets=(15,) * e.dose.sets) for e in state.exercises
    )
    pain = PainReport(
        day=day, first_step=Pain(3), during=Pain(2), after=Pain(2), next_morning=Pain(3)
    )
    return SessionLog(day=day, exercises=done, pain=(pain,))


def red_flag_log(day: int) -> SessionLog:
    return SessionLog(day=day, red_flags=RedFlagScreen(rest_or_night_pain=True))


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """A first state, a good day-1 log (as a document and as bare data) and a red-flag log."""
    state = first_state()
    paths = {
        "state": tmp_path / "state.json",
        "log": tmp_path / "log.json",
        "bare": tmp_path / "bare.json",
        "flag": tmp_path / "flag.json",
    }
    paths["state"].write_text(plantarkit.dumps(state), encoding="utf-8")
    paths["log"].write_text(plantarkit.dumps(good_log(state, 1)), encoding="utf-8")
    bare = json.dumps(plantarkit.io.unstructure(good_log(state, 1)))
    paths["bare"].write_text(bare, encoding="utf-8")
    paths["flag"].write_text(plantarkit.dumps(red_flag_log(1)), encoding="utf-8")
    return paths


def read_state(path: Path) -> ProgramState:
    return plantarkit.loads(path.read_text(encoding="utf-8"), ProgramState)


# --- output files that cannot be written ---------------------------------------------------------


def progress_args(files: dict[str, Path], output: str) -> list[str]:
    return [
        "progress",
        "--state",
        str(files["state"]),
        "--log",
        str(files["log"]),
        "--output",
        output,
    ]


@pytest.mark.parametrize("command", ["progress", "start", "plan"])
def test_output_into_a_missing_folder_is_one_line_exit_2(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path], tmp_path: Path, command: str
) -> None:
    target = str(tmp_path / "missing" / "x.json")
    args = progress_args(files, target) if command == "progress" else [command, "--output", target]
    code, out, err = cli(*args)
    assert code == 2
    assert out == ""  # no decisions shown for a state that was not kept
    assert err == f"error: cannot write {target}: No such file or directory\n"
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda tmp: str(tmp), "Is a directory"),
        (lambda tmp: str(tmp / "a_file" / "x.json"), "Not a directory"),
    ],
)
def test_output_that_is_a_folder_or_under_a_file(
    cli: Callable[..., tuple[int, str, str]],
    files: dict[str, Path],
    tmp_path: Path,
    make: Any,
    reason: str,
) -> None:
    (tmp_path / "a_file").write_text("", encoding="utf-8")
    target = make(tmp_path)
    code, out, err = cli(*progress_args(files, target))
    assert (code, out) == (2, "")
    assert err == f"error: cannot write {target}: {reason}\n"


def test_output_without_write_permission(
    cli: Callable[..., tuple[int, str, str]],
    files: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("os.access", lambda path, mode: False)  # as for a read-only folder
    target = str(tmp_path / "x.json")
    code, out, err = cli(*progress_args(files, target))
    assert (code, out) == (2, "")
    assert err == f"error: cannot write {target}: Permission denied\n"


def test_a_failed_write_shows_nothing_and_keeps_the_old_state(
    cli: Callable[..., tuple[int, str, str]],
    files: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The early check can miss a failure (a full disk, a folder removed meanwhile): the
    # state is written before anything is printed, so a failed write shows no decisions.
    monkeypatch.setattr("plantarkit.cli._check_output", lambda path: None)
    target = str(tmp_path / "gone" / "x.json")
    code, out, err = cli(*progress_args(files, target))
    assert (code, out) == (2, "")
    assert err == f"error: cannot write {target}: No such file or directory\n"
    assert read_state(files["state"]) == first_state()


def test_debug_shows_the_traceback_of_an_output_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(plantarkit.PlantarkitError, match="cannot write"):
        main(["--debug", "start", "--output", str(tmp_path / "missing" / "s.json")])


def test_output_may_be_the_state_file(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path]
) -> None:
    code, out, err = cli(*progress_args(files, str(files["state"])))
    assert code == 0
    assert out.startswith("Day 1: ")
    assert err == f"wrote {files['state']} (ProgramState)\n"
    assert read_state(files["state"]).day == 1


# --- a red flag: exit 3, and clearing it ---------------------------------------------------------


def test_a_red_flag_stop_exits_3_and_still_writes_the_state(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path], tmp_path: Path
) -> None:
    stopped = tmp_path / "stopped.json"
    code, out, err = cli(
        "progress",
        "--state",
        str(files["state"]),
        "--log",
        str(files["flag"]),
        "--output",
        str(stopped),
    )
    assert code == 3
    assert out.startswith("Stop: a red flag is positive.")
    assert "pain at rest or at night" in out
    assert f"plantarkit clear-referral --state {stopped} --by NAME" in err
    assert read_state(stopped).referral is not None
    # The stop holds at every later session until it is cleared.
    (tmp_path / "next.json").write_text(plantarkit.dumps(good_log(first_state(), 3)), "utf-8")
    code, out, _ = cli(
        "progress", "--state", str(stopped), "--log", str(tmp_path / "next.json"), "--json"
    )
    assert code == 3
    assert plantarkit.loads(out, plantarkit.progression.Advance).phase.action.value == "stop"


def test_progress_exits_0_without_a_red_flag(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path]
) -> None:
    code, out, _ = cli("progress", "--state", str(files["state"]), "--log", str(files["log"]))
    assert code == 0
    assert out.startswith("Day 1: 0 to progress, 5 to hold, 0 to ease off.")


def test_clear_referral_writes_the_cleared_state_and_says_so(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path], tmp_path: Path
) -> None:
    stopped = tmp_path / "stopped.json"
    stopped.write_text(
        plantarkit.dumps(plantarkit.progression.advance(first_state(), red_flag_log(1)).state),
        encoding="utf-8",
    )
    cleared = tmp_path / "cleared.json"
    code, out, err = cli(
        "clear-referral",
        "--state",
        str(stopped),
        "--by",
        "Dr A. Example",
        "--output",
        str(cleared),
    )
    assert (code, out) == (0, "")
    assert err.splitlines() == [
        f"wrote {cleared} (ProgramState)",
        "referral cleared by Dr A. Example (red flag: pain at rest or at night)",
    ]
    state = read_state(cleared)
    assert state.referral is None
    assert state.cleared_by == ("Dr A. Example",)
    assert state == plantarkit.clear_referral(read_state(stopped), cleared_by="Dr A. Example")
    # Training goes on from the cleared state.
    (tmp_path / "next.json").write_text(plantarkit.dumps(good_log(state, 3)), "utf-8")
    code, out, _ = cli("progress", "--state", str(cleared), "--log", str(tmp_path / "next.json"))
    assert code == 0
    assert out.startswith("Day 3: ")


def test_clear_referral_prints_the_state_without_output(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path]
) -> None:
    code, out, err = cli("clear-referral", "--state", str(files["state"]), "--by", "Dr B")
    assert code == 0
    assert read_state(files["state"]) == plantarkit.loads(out, ProgramState)  # unchanged
    assert err == "no red-flag referral in this state: nothing to clear\n"


@pytest.mark.parametrize("by", ["", "   "])
def test_clear_referral_needs_a_name(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path], by: str
) -> None:
    code, out, err = cli("clear-referral", "--state", str(files["state"]), "--by", by)
    assert (code, out) == (2, "")
    assert err == "error: --by: must not be empty\n"


def test_clear_referral_needs_by(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path]
) -> None:
    code, _, err = cli("clear-referral", "--state", str(files["state"]))
    assert code == 2
    assert "Missing option '--by'" in err


@pytest.mark.parametrize(
    ("command", "three"),
    [
        ("progress", "3  a red flag stopped the programme"),
        ("plan", "3  a red flag is positive"),
        ("start", "3  a red flag is positive"),
        ("assess", "3  a red flag is positive: the report is printed"),
        ("clear-referral", None),
    ],
)
def test_help_lists_the_exit_statuses(
    cli: Callable[..., tuple[int, str, str]], command: str, three: str | None
) -> None:
    code, out, _ = cli(command, "--help")
    assert code == 0
    assert "Exit status:" in out
    assert "2  bad input, or an output file that cannot be written" in out
    if three is None:
        assert "\n  3  " not in out
    else:
        assert three in out


# --- the log file: a document or bare data -------------------------------------------------------


def test_progress_reads_a_bare_log_like_a_document(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path]
) -> None:
    state = str(files["state"])
    code, from_document, _ = cli("progress", "--state", state, "--log", str(files["log"]))
    assert code == 0
    code, from_bare, err = cli("progress", "--state", state, "--log", str(files["bare"]))
    assert (code, err) == (0, "")
    assert from_bare == from_document


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        (
            {"pain": [None], "exercises": [5]},
            [
                "error: $.exercises[0]: expected an object (an ExerciseLog), got an integer 5",
                "error: $.pain[0]: expected an object (a PainReport), got null",
            ],
        ),
        ({"bogus": 1}, ["error: $.bogus: unknown field; expected one of: day, exercises, "]),
        ({"day": 0}, ["error: $.day: must be ≥ 1, got 0"]),
        ({"pain": [None]}, ["error: $.pain[0]: expected an object (a PainReport), got null"]),
        (
            {"exercises": [{"exercise": "box_jump", "sets": [5]}]},
            ["error: $.exercises[0].exercise: 'box_jump' is not in the current phase"],
        ),
    ],
)
def test_a_bad_bare_log_is_one_line_per_problem(
    cli: Callable[..., tuple[int, str, str]],
    files: dict[str, Path],
    change: dict[str, Any],
    errors: list[str],
) -> None:
    data = {**json.loads(files["bare"].read_text(encoding="utf-8")), **change}
    files["bare"].write_text(json.dumps(data), encoding="utf-8")
    code, out, err = cli("progress", "--state", str(files["state"]), "--log", str(files["bare"]))
    assert (code, out) == (2, "")
    lines = sorted(err.splitlines())
    assert len(lines) == len(errors)
    for line, expected in zip(lines, errors, strict=True):
        assert line.startswith(expected)


def test_a_bad_log_document_names_paths_under_data(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path]
) -> None:
    document = json.loads(files["log"].read_text(encoding="utf-8"))
    document["data"]["exercises"][0]["exercise"] = "box_jump"
    document["data"]["red_flags"] = True
    files["log"].write_text(json.dumps(document), encoding="utf-8")
    code, _, err = cli("progress", "--state", str(files["state"]), "--log", str(files["log"]))
    assert code == 2
    assert (
        err == "error: $.data.red_flags: expected an object (a RedFlagScreen), got a boolean True\n"
    )
    document["data"]["red_flags"] = None
    files["log"].write_text(json.dumps(document), encoding="utf-8")
    code, _, err = cli("progress", "--state", str(files["state"]), "--log", str(files["log"]))
    assert code == 2
    assert err.startswith("error: $.data.exercises[0].exercise: 'box_jump' is not in the current")
    assert err.count("\n") == 1
