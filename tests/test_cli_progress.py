"""The command line between sessions: start, progress, clear-referral; output files and exits."""

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import plantarkit
import plantarkit.io
from plantarkit import InvalidValueError, Pain
from plantarkit.chain import RedFlagScreen
from plantarkit.cli import main
from plantarkit.plans import Program
from plantarkit.progression import ExerciseLog, PainReport, ProgramState, SessionLog, start


def first_program() -> Program:
    return plantarkit.build_program(plantarkit.example_assessment(), "staged", weeks=12)


def first_state() -> ProgramState:
    return start(first_program())


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
    """A programme and its first state, a good day-1 log (as a document and as bare data) and
    a red-flag log."""
    state = first_state()
    paths = {
        "program": tmp_path / "program.json",
        "state": tmp_path / "state.json",
        "log": tmp_path / "log.json",
        "bare": tmp_path / "bare.json",
        "flag": tmp_path / "flag.json",
    }
    paths["program"].write_text(plantarkit.dumps(first_program()), encoding="utf-8")
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
        "--program",
        str(files["program"]),
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
    program = tmp_path / "new_program.json"  # start writes the programme too: not this time
    if command == "progress":
        args = progress_args(files, target)
    elif command == "start":
        args = [command, "--program-output", str(program), "--output", target]
    else:
        args = [command, "--output", target]
    code, out, err = cli(*args)
    assert code == 2
    assert out == ""  # no decisions shown for a state that was not kept
    assert err == f"error: cannot write {target}: No such file or directory\n"
    assert not (tmp_path / "missing").exists()
    assert not program.exists()


def test_start_with_its_programme_output_into_a_missing_folder_writes_nothing(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    target = str(tmp_path / "missing" / "program.json")
    state = tmp_path / "state.json"
    code, out, err = cli("start", "--program-output", target, "--output", str(state))
    assert (code, out) == (2, "")
    assert err == f"error: cannot write {target}: No such file or directory\n"
    assert not state.exists()


def test_start_needs_its_programme_output_apart_from_the_state(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    code, out, err = cli("start", "--output", str(state))
    assert (code, out) == (2, "")
    assert "Missing option '--program-output'" in err
    code, out, err = cli("start", "--program-output", str(state), "--output", str(state))
    assert (code, out) == (2, "")
    assert err == "error: --output and --program-output must be different files\n"
    assert not state.exists()


def test_start_writes_the_programme_and_its_first_state(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    program_file, state_file = tmp_path / "program.json", tmp_path / "state.json"
    code, out, err = cli(
        "start",
        "--protocol",
        "staged",
        "--program-output",
        str(program_file),
        "--output",
        str(state_file),
    )
    assert (code, out) == (0, "")
    assert err.splitlines() == [
        f"wrote {program_file} (Program)",
        f"wrote {state_file} (ProgramState)",
    ]
    program = plantarkit.loads(program_file.read_text(encoding="utf-8"), Program)
    assert program == first_program()
    assert read_state(state_file) == start(program)
    assert read_state(state_file).program_fingerprint == program.fingerprint


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
        main(
            [
                "--debug",
                "start",
                "--program-output",
                str(tmp_path / "p.json"),
                "--output",
                str(tmp_path / "missing" / "s.json"),
            ]
        )


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
        "--program",
        str(files["program"]),
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
        "progress",
        "--program",
        str(files["program"]),
        "--state",
        str(stopped),
        "--log",
        str(tmp_path / "next.json"),
        "--json",
        "--dry-run",
    )
    assert code == 3
    assert plantarkit.loads(out, plantarkit.progression.Advance).phase.action.value == "stop"


def test_progress_exits_0_without_a_red_flag(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path], tmp_path: Path
) -> None:
    code, out, _ = cli(*progress_args(files, str(tmp_path / "new.json")))
    assert code == 0
    assert out.startswith("Day 1: 0 to progress, 5 to hold, 0 to ease off.")


# --- without --output: refused, or a dry run that says it wrote nothing ---------------------------


def test_progress_without_output_is_refused_and_changes_nothing(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path]
) -> None:
    # It used to print the decisions and keep the new state nowhere: the next session
    # read the old state, as if this one (or its red flag) had never been.
    for log in ("log", "flag"):
        code, out, err = cli(
            "progress",
            "--program",
            str(files["program"]),
            "--state",
            str(files["state"]),
            "--log",
            str(files[log]),
        )
        assert (code, out) == (2, "")
        assert err == (
            "error: progress needs --output FILE to keep the new state (it may be the --state"
            " file), or --dry-run to only print the decisions\n"
        )
        assert read_state(files["state"]) == first_state()


def test_output_and_dry_run_together_are_refused(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path], tmp_path: Path
) -> None:
    target = tmp_path / "new.json"
    code, out, err = cli(*progress_args(files, str(target)), "--dry-run")
    assert (code, out) == (2, "")
    assert err == "error: give --output or --dry-run, not both\n"
    assert not target.exists()


@pytest.mark.parametrize("as_json", [False, True])
def test_a_dry_run_prints_the_decisions_and_says_nothing_was_written(
    cli: Callable[..., tuple[int, str, str]],
    files: dict[str, Path],
    tmp_path: Path,
    as_json: bool,
) -> None:
    before = sorted(tmp_path.iterdir())
    args = [
        "--program",
        str(files["program"]),
        "--state",
        str(files["state"]),
        "--log",
        str(files["log"]),
        "--dry-run",
    ]
    code, out, err = cli("progress", *args, *(["--json"] if as_json else []))
    assert code == 0
    expected = plantarkit.progression.advance(
        first_program(), first_state(), good_log(first_state(), 1)
    )
    if as_json:
        assert plantarkit.loads(out, plantarkit.progression.Advance) == expected
    else:
        assert out.startswith("Day 1: 0 to progress, 5 to hold, 0 to ease off.")
    assert err == (
        f"dry run: nothing written ({files['state']} is unchanged); to record this session,"
        " run again with --output\n"
    )
    assert sorted(tmp_path.iterdir()) == before
    assert read_state(files["state"]) == first_state()


def test_a_dry_run_with_a_red_flag_exits_3_and_says_the_stop_is_not_kept(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path]
) -> None:
    args = [
        "--program",
        str(files["program"]),
        "--state",
        str(files["state"]),
        "--log",
        str(files["flag"]),
        "--dry-run",
    ]
    code, out, err = cli("progress", *args)
    assert code == 3
    assert out.startswith("Stop: a red flag is positive.")
    assert err.splitlines() == [
        "stopped: a red flag is positive: see a clinician before going on",
        f"dry run: nothing written ({files['state']} is unchanged); to record this session,"
        " run again with --output",
    ]
    assert read_state(files["state"]).referral is None  # nothing kept, as it said


def test_help_tells_of_output_and_dry_run(cli: Callable[..., tuple[int, str, str]]) -> None:
    code, out, _ = cli("progress", "--help")
    assert code == 0
    # click may wrap a line at a hyphen ("--dry-" then "run"): join such words again
    words = re.sub(r"(\w)- (\w)", r"\1-\2", " ".join(out.split()))
    assert "--dry-run Only print the decisions: write no state" in words
    assert "needed unless --dry-run" in words
    assert "the state is written unless --dry-run" in words


def test_clear_referral_writes_the_cleared_state_and_says_so(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path], tmp_path: Path
) -> None:
    stopped = tmp_path / "stopped.json"
    stopped.write_text(
        plantarkit.dumps(
            plantarkit.progression.advance(first_program(), first_state(), red_flag_log(1)).state
        ),
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
    args = [
        "--program",
        str(files["program"]),
        "--state",
        str(cleared),
        "--log",
        str(tmp_path / "next.json"),
        "--output",
        str(cleared),
    ]
    code, out, _ = cli("progress", *args)
    assert code == 0
    assert out.startswith("Day 3: ")
    assert read_state(cleared).day == 3


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


def dry_run(files: dict[str, Path], log: str) -> list[str]:
    return [
        "progress",
        "--program",
        str(files["program"]),
        "--state",
        str(files["state"]),
        "--log",
        str(files[log]),
        "--dry-run",
    ]


def test_progress_reads_a_bare_log_like_a_document(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path]
) -> None:
    code, from_document, _ = cli(*dry_run(files, "log"))
    assert code == 0
    code, from_bare, err = cli(*dry_run(files, "bare"))
    assert (code, err.startswith("dry run: nothing written")) == (0, True)
    assert from_bare == from_document


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        (
            {"pain": [None], "exercises": [5]},
            [
                "$.exercises[0]: expected an object (an ExerciseLog), got an integer 5",
                "$.pain[0]: expected an object (a PainReport), got null",
            ],
        ),
        ({"bogus": 1}, ["$.bogus: unknown field; expected one of: day, exercises, "]),
        ({"day": 0}, ["$.day: must be ≥ 1, got 0"]),
        ({"pain": [None]}, ["$.pain[0]: expected an object (a PainReport), got null"]),
        (
            {"exercises": [{"exercise": "box_jump", "sets": [5]}]},
            ["$.exercises[0].exercise: 'box_jump' is not in the current phase"],
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
    code, out, err = cli(*dry_run(files, "bare"))
    assert (code, out) == (2, "")
    lines = sorted(err.splitlines())
    assert len(lines) == len(errors)
    for line, expected in zip(lines, errors, strict=True):
        assert line.startswith(f"error: {files['bare']}: {expected}")  # the file, then the path


def test_a_bad_log_document_names_paths_under_data(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path]
) -> None:
    document = json.loads(files["log"].read_text(encoding="utf-8"))
    document["data"]["exercises"][0]["exercise"] = "box_jump"
    document["data"]["red_flags"] = True
    files["log"].write_text(json.dumps(document), encoding="utf-8")
    code, _, err = cli(*dry_run(files, "log"))
    assert code == 2
    assert err == (
        f"error: {files['log']}: $.data.red_flags: expected an object (a RedFlagScreen),"
        " got a boolean True\n"
    )
    document["data"]["red_flags"] = None
    files["log"].write_text(json.dumps(document), encoding="utf-8")
    code, _, err = cli(*dry_run(files, "log"))
    assert code == 2
    assert err.startswith(
        f"error: {files['log']}: $.data.exercises[0].exercise: 'box_jump' is not in the current"
    )
    assert err.count("\n") == 1


# --- each problem names its file ------------------------------------------------------------------


def test_a_problem_in_the_state_or_rules_file_names_that_file(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path], tmp_path: Path
) -> None:
    state = json.loads(files["state"].read_text(encoding="utf-8"))
    state["data"]["day"] = -1
    files["state"].write_text(json.dumps(state), encoding="utf-8")
    code, out, err = cli(*dry_run(files, "log"))
    assert (code, out) == (2, "")
    assert err == f"error: {files['state']}: $.data.day: must be ≥ 0, got -1\n"
    files["state"].write_text(plantarkit.dumps(first_state()), encoding="utf-8")
    rules = tmp_path / "rules.json"
    rules.write_text('{"gap_days": "7"}', encoding="utf-8")
    code, out, err = cli(*dry_run(files, "log"), "--rules", str(rules))
    assert (code, out) == (2, "")
    assert err == f"error: {rules}: $.gap_days: expected an integer, got a string '7'\n"


def test_a_state_that_does_not_fit_the_catalogue_names_the_state_file(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path]
) -> None:
    # advance() finds this one, not the reading: it says $.state.exercises[0], which is
    # $.data.exercises[0] in the state file.
    state = json.loads(files["state"].read_text(encoding="utf-8"))
    state["data"]["exercises"][0]["ladder"] = "no_such_ladder"
    files["state"].write_text(json.dumps(state), encoding="utf-8")
    code, out, err = cli(*dry_run(files, "log"))
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {files['state']}: $.data.exercises[0]: ")
    assert err.count("\n") == 1


def test_progress_needs_the_programme_the_state_was_started_from(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path]
) -> None:
    args = dry_run(files, "log")
    code, out, err = cli(*[a for a in args if a not in ("--program", str(files["program"]))])
    assert (code, out) == (2, "")
    assert "Missing option '--program'" in err
    # Another programme: advance() refuses the state ($.state.program_fingerprint), which is
    # $.data.program_fingerprint in the state file.
    other = plantarkit.build_program(None, "high_load", weeks=12)
    files["program"].write_text(plantarkit.dumps(other), encoding="utf-8")
    code, out, err = cli(*args)
    assert (code, out) == (2, "")
    assert err.startswith(f"error: {files['state']}: $.data.program_fingerprint: ")
    assert other.fingerprint in err
    assert err.count("\n") == 1
    assert read_state(files["state"]) == first_state()


def test_a_key_twice_in_a_log_is_refused(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path]
) -> None:
    # A log that says day 1 and then day 5 is not read as day 5 in silence.
    files["bare"].write_text('{"day": 1, "day": 5}', encoding="utf-8")
    code, out, err = cli(*dry_run(files, "bare"))
    assert (code, out) == (2, "")
    assert err == (
        f"error: {files['bare']}: $.day: duplicate key 'day':"
        " each key may appear only once in an object\n"
    )


# --- writing: whole or not at all, and only valid text (issue 12) --------------------------------


def test_progress_may_write_over_the_state_it_read(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path]
) -> None:
    state_file, log_file = files["state"], files["log"]
    before = plantarkit.loads(state_file.read_text(encoding="utf-8"), ProgramState)
    code, _, err = cli(
        "progress",
        "--program",
        str(files["program"]),
        "--state",
        str(state_file),
        "--log",
        str(log_file),
        "--output",
        str(state_file),
    )
    assert code == 0, err
    after = plantarkit.loads(state_file.read_text(encoding="utf-8"), ProgramState)
    assert after.day == 1
    assert before.day == 0
    assert [p.name for p in state_file.parent.iterdir() if p.name.startswith(".")] == []


def test_a_failed_write_leaves_the_old_file_whole(
    cli: Callable[..., tuple[int, str, str]],
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    state_file, log_file = files["state"], files["log"]
    os.chmod(state_file, 0o640)
    old = state_file.read_text(encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, os.strerror(28))

    monkeypatch.setattr(os, "fsync", full_disk)
    code, _, err = cli(
        "progress",
        "--program",
        str(files["program"]),
        "--state",
        str(state_file),
        "--log",
        str(log_file),
        "--output",
        str(state_file),
    )
    assert code == 2
    assert err.strip().splitlines() == [f"error: cannot write {state_file}: {os.strerror(28)}"]
    assert state_file.read_text(encoding="utf-8") == old  # not truncated, not partial
    assert sorted(p.name for p in state_file.parent.iterdir()) == sorted(
        p.name for p in files.values()
    )
    monkeypatch.undo()
    code, _, err = cli(
        "progress",
        "--program",
        str(files["program"]),
        "--state",
        str(state_file),
        "--log",
        str(log_file),
        "--output",
        str(state_file),
    )
    assert code == 0, err
    assert oct(state_file.stat().st_mode & 0o777) == oct(0o640)  # the file's permissions kept


def test_text_that_is_not_unicode_is_refused_where_it_comes_in() -> None:
    state = first_state()
    with pytest.raises(InvalidValueError, match=r"lone surrogate"):
        plantarkit.clear_referral(state, cleared_by="Dr \udcff")
    with pytest.raises(InvalidValueError, match=r"\$\.note: must be valid Unicode"):
        plantarkit.progression.ExerciseLog(exercise="clam", sets=(1,), note="\ud800")


def test_clear_referral_by_a_name_that_is_not_text(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path]
) -> None:
    state_file = files["state"]
    code, _, err = cli(
        "clear-referral",
        "--state",
        str(state_file),
        "--by",
        "Dr \udcff",
        "--output",
        str(state_file),
    )
    assert code == 2
    assert "Traceback" not in err
    assert err.startswith("error: ")


# --- today -----------------------------------------------------------------------------------


def today_args(files: dict[str, Path], *more: str) -> list[str]:
    return ["today", "--program", str(files["program"]), "--state", str(files["state"]), *more]


def test_today_shows_the_next_days_session_from_the_state(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path]
) -> None:
    code, out, err = cli(*today_args(files))
    assert (code, err) == (0, "")
    assert out.startswith("Day 1: week 1, day 1; phase 'early'")
    state = first_state()
    for e in state.exercises:
        assert plantarkit.catalogue()[e.exercise].name in out
    assert "Pain rules for this session:" in out


def test_today_after_a_session_says_what_rests(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path]
) -> None:
    code, _, _ = cli(*progress_args(files, str(files["state"])))
    assert code == 0
    code, out, _ = cli(*today_args(files))
    assert code == 0
    assert out.startswith("Day 2:")
    assert "Not today:" in out
    assert "never two days in a row" in out  # the banded side steps, done on day 1


def test_today_as_json_is_a_today_document(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path]
) -> None:
    code, out, _ = cli(*today_args(files, "--day", "3", "--json"))
    assert code == 0
    today = plantarkit.loads(out, plantarkit.progression.Today)
    assert today.day == 3
    assert today.due


def test_today_after_a_red_flag_has_nothing_due_and_exits_3(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path]
) -> None:
    args = progress_args(files, str(files["state"]))
    args[args.index(str(files["log"]))] = str(files["flag"])
    assert cli(*args)[0] == 3
    code, out, _ = cli(*today_args(files))
    assert code == 3
    assert "Nothing is due until a clinician clears it" in out
    assert "Due today:" not in out


@pytest.mark.parametrize(
    ("more", "message"),
    [
        (("--day", "500"), "error: $.day: at most 120 days after the last logged day (0), got 500"),
        (("--date", "2026-01-01"), "error: $.start_date: the programme has no start date"),
        (("--day", "2", "--date", "2026-01-01"), "error: give --day or --date, not both"),
    ],
)
def test_today_refuses_a_bad_day_in_one_line(
    cli: Callable[..., tuple[int, str, str]],
    files: dict[str, Path],
    more: tuple[str, ...],
    message: str,
) -> None:
    code, out, err = cli(*today_args(files, *more))
    assert (code, out) == (2, "")
    assert err.startswith(message)
    assert err.count("\n") == 1


# --- adherence -------------------------------------------------------------------------------


def history_file(tmp_path: Path, days: list[int]) -> Path:
    """The logs of ``days``, every due exercise done in full, as a JSON array of documents."""
    from plantarkit.progression import advance, today

    program = first_program()
    state = start(program)
    logs = []
    for day in days:
        pain = PainReport(
            day=day, first_step=Pain(2), during=Pain(1), after=Pain(1), next_morning=Pain(2)
        )
        log = today(program, state, day).log_in_full((pain,))
        state = advance(program, state, log).state
        logs.append(json.loads(plantarkit.dumps(log)))
    path = tmp_path / "history.json"
    path.write_text(json.dumps(logs), encoding="utf-8")
    return path


def test_adherence_replays_the_logs_and_prints_tables_and_alerts(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path], tmp_path: Path
) -> None:
    history = history_file(tmp_path, [1, 2, 3, 5])
    args = ["adherence", "--program", str(files["program"]), "--history", str(history)]
    code, out, err = cli(*args, "--through-day", "14")
    assert (code, err) == (0, "")
    assert out.startswith("Through day 14: ")
    assert "last session 9 days ago" in out
    assert "[notice] 9 training days in a row missed (since day 6)" in out
    code, out, _ = cli(*args)
    assert code == 0
    assert "No alerts." in out


def test_adherence_as_json_is_the_adherence_document(
    cli: Callable[..., tuple[int, str, str]], files: dict[str, Path], tmp_path: Path
) -> None:
    from plantarkit.progression import Adherence

    history = history_file(tmp_path, [1, 2])
    code, out, _ = cli(
        "adherence", "--program", str(files["program"]), "--history", str(history), "--json"
    )
    assert code == 0
    kept = plantarkit.loads(out, Adherence)
    assert (kept.through_day, kept.missed_days, kept.rate) == (2, (), 1.0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[{"day": 1}, {"day": 1}]', "$[1].day: must be after the last logged day (1), got 1"),
        ('[{"day": "x"}]', "$[0].day: expected an integer, got a string 'x'"),
        ("{}", "$: expected an array of SessionLog documents, got an object {}"),
    ],
)
def test_adherence_names_the_bad_log_in_the_history(
    cli: Callable[..., tuple[int, str, str]],
    files: dict[str, Path],
    tmp_path: Path,
    content: str,
    message: str,
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    code, out, err = cli("adherence", "--program", str(files["program"]), "--history", str(bad))
    assert (code, out) == (2, "")
    assert err == f"error: {bad}: {message}\n"
