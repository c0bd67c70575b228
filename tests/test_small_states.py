"""Small states (issue 13): a state carries its programme's fingerprint, not the programme."""

import json
import os
import pathlib
import subprocess
import sys

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import plantarkit
from plantarkit import InvalidValueError, Pain, Program
from plantarkit.io import split_state
from plantarkit.plans import build_program, training_days
from plantarkit.progression import (
    MAX_DAYS_AHEAD,
    MAX_DAYS_PAST_PLAN,
    MAX_LOG_REPORTS,
    PAIN_MAX_REPORTS,
    Advance,
    PainReport,
    ProgramState,
    SessionLog,
    advance,
    start,
)
from plantarkit.testing import programs

DATA = pathlib.Path(__file__).parent / "data"


def test_equal_programmes_have_equal_fingerprints_and_others_differ() -> None:
    one = build_program(plantarkit.example_assessment(), "staged", weeks=12)
    again = build_program(plantarkit.example_assessment(), "staged", weeks=12)
    assert one is not again
    assert one.fingerprint == again.fingerprint
    others = {
        build_program(plantarkit.example_assessment(), "staged", weeks=11).fingerprint,
        build_program(None, "staged", weeks=12).fingerprint,
        build_program(plantarkit.example_assessment(), "top_down", weeks=12).fingerprint,
    }
    assert one.fingerprint not in others
    assert len(others) == 3


def test_equal_values_of_int_and_float_fields_have_one_fingerprint() -> None:
    assessment = plantarkit.example_assessment()
    rotation = assessment.hip_internal_rotation_deg
    assert rotation.left is not None
    assert rotation.right is not None
    ints = attrs.evolve(rotation, left=int(rotation.left), right=int(rotation.right))
    floats = attrs.evolve(rotation, left=float(rotation.left), right=float(rotation.right))
    one = build_program(attrs.evolve(assessment, hip_internal_rotation_deg=ints), "top_down")
    other = build_program(attrs.evolve(assessment, hip_internal_rotation_deg=floats), "top_down")
    assert one == other
    assert one.fingerprint == other.fingerprint


def test_the_fingerprint_does_not_depend_on_the_hash_seed() -> None:
    code = (
        "import plantarkit;"
        "print(plantarkit.build_program(plantarkit.example_assessment(), 'top_down').fingerprint)"
    )
    seen = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        seen.add(out.stdout.strip())
    assert len(seen) == 1
    assert seen == {build_program(plantarkit.example_assessment(), "top_down").fingerprint}


@settings(max_examples=25, deadline=None)
@given(program=programs(max_weeks=3), other=programs(max_weeks=3))
def test_a_state_works_only_with_its_own_programme(program: Program, other: Program) -> None:
    state = start(program)
    assert state.program_fingerprint == program.fingerprint
    assert state.phase_id == program.protocol.phases[0].id
    advance(program, state, SessionLog(day=1))  # its own: fine
    if other.fingerprint != program.fingerprint:
        with pytest.raises(InvalidValueError, match=r"another|not of this one") as info:
            advance(other, state, SessionLog(day=1))
        assert info.value.problems[0].path == "$.state.program_fingerprint"


def test_a_state_whose_phase_is_not_the_programmes_is_refused() -> None:
    program = build_program(None, "staged", weeks=4)
    state = start(program)
    wrong = attrs.evolve(state, phase_id="middle")
    with pytest.raises(InvalidValueError) as info:
        advance(program, wrong, SessionLog(day=1))
    assert info.value.problems[0].path == "$.state.phase_id"
    past = attrs.evolve(state, phase_index=9)
    with pytest.raises(InvalidValueError) as info:
        advance(program, past, SessionLog(day=1))
    assert info.value.problems[0].path == "$.state.phase_index"
    with pytest.raises(InvalidValueError, match="expected a Program"):
        advance(state, state, SessionLog(day=1))  # type: ignore[arg-type]  # on purpose


def test_an_advance_names_the_phase_its_session_was_in() -> None:
    program = build_program(None, "staged", weeks=4)
    result = advance(program, start(program), SessionLog(day=1))
    assert result.session_phase == result.state.phase_id == "early"
    with pytest.raises(InvalidValueError) as info:
        attrs.evolve(result, session_phase="middle")  # a hold keeps the phase
    assert info.value.problems[0].path == "$.session_phase"


def test_a_version_2_state_document_migrates_and_split_state_keeps_its_programme() -> None:
    text = (DATA / "state_v2.json").read_text()
    old = json.loads(text)
    assert old["schema_version"] == 2
    assert "program" in old["data"]
    state = plantarkit.loads(text, ProgramState)
    program, same = split_state(text)
    assert same == state
    assert state.program_fingerprint == program.fingerprint
    assert state.phase_id == program.protocol.phases[state.phase_index].id
    # the programme it carried is the one the same inputs build today
    assert program == build_program(None, "high_load", weeks=2)
    assert plantarkit.loads(plantarkit.dumps(program), Program) == program
    result = advance(program, state, SessionLog(day=state.day + 1))
    assert result.state.program_fingerprint == program.fingerprint
    with pytest.raises(plantarkit.DocumentError, match="version 1 or 2"):
        split_state(plantarkit.dumps(state))  # a version-3 state has no programme in it


def test_a_version_2_state_with_a_long_pain_history_keeps_its_newest_reports() -> None:
    old = json.loads((DATA / "state_v2.json").read_text())
    reports = [{"day": 1, "first_step": i % 11} for i in range(PAIN_MAX_REPORTS + 7)]
    old["data"]["pain"] = reports
    old["data"]["day"] = max(old["data"]["day"], 1)
    state = plantarkit.loads(json.dumps(old), ProgramState)
    assert len(state.pain) == PAIN_MAX_REPORTS
    assert [int(p.first_step or 0) for p in state.pain] == [
        r["first_step"] for r in reports[-PAIN_MAX_REPORTS:]
    ]


def test_a_version_2_advance_document_names_its_session_phase() -> None:
    text = (DATA / "advance_v2.json").read_text()
    result = plantarkit.loads(text, Advance)
    _program, state = split_state((DATA / "state_v2.json").read_text())
    assert result.state == state
    assert result.session_phase == state.phase_id  # the session held the phase


def test_a_log_carries_at_most_max_log_reports() -> None:
    reports = tuple(PainReport(day=1, first_step=Pain(1)) for _ in range(MAX_LOG_REPORTS + 1))
    with pytest.raises(InvalidValueError) as info:
        SessionLog(day=1, pain=reports)
    assert info.value.problems[0].path == "$.pain"
    SessionLog(day=1, pain=reports[:MAX_LOG_REPORTS])  # at the limit: fine


def test_a_log_far_ahead_is_refused_and_the_timeline_stays_open() -> None:
    program = build_program(None, "staged", weeks=12)
    state = advance(program, start(program), SessionLog(day=1)).state
    with pytest.raises(InvalidValueError, match="days after the last logged day") as info:
        advance(program, state, SessionLog(day=1 + MAX_DAYS_AHEAD + 1))
    assert info.value.problems[0].path == "$.day"
    assert advance(program, state, SessionLog(day=1 + MAX_DAYS_AHEAD)).state.day == 121
    # past the programme's weeks, by steps each within MAX_DAYS_AHEAD
    last = 12 * 7 + MAX_DAYS_PAST_PLAN
    s = state
    for day in range(100, last + 1, 100):
        s = advance(program, s, SessionLog(day=day)).state
    s = advance(program, s, SessionLog(day=last)).state
    with pytest.raises(InvalidValueError, match="past the programme's 84 planned days"):
        advance(program, s, SessionLog(day=last + 1))


@settings(max_examples=10, deadline=None)
@given(per_day=st.integers(1, MAX_LOG_REPORTS), days=st.integers(1, 40))
def test_a_state_keeps_a_bounded_pain_history(per_day: int, days: int) -> None:
    program = build_program(None, "high_load", weeks=12)
    state = start(program)
    for day in range(1, 3 * days, 3):
        reports = tuple(PainReport(day=day, first_step=Pain(1)) for _ in range(per_day))
        state = advance(program, state, SessionLog(day=day, pain=reports)).state
        assert len(state.pain) <= PAIN_MAX_REPORTS
        assert state.pain[-1].day == day  # the newest are kept


def test_a_twelve_week_state_document_is_small() -> None:
    program = build_program(plantarkit.example_assessment(), "staged", weeks=12)
    state = start(program)
    for week in range(12):
        for weekday in (1, 3, 5):
            day = week * 7 + weekday
            pain = PainReport(day=day, first_step=Pain(2), during=Pain(2), after=Pain(1))
            state = advance(program, state, SessionLog(day=day, pain=(pain,))).state
    assert len(plantarkit.dumps(state, indent=None).encode()) <= 16 * 1024


def test_training_days_refuses_bad_arguments_clearly() -> None:
    with pytest.raises(InvalidValueError) as info:
        training_days(None, 1)  # type: ignore[arg-type]  # on purpose
    assert info.value.problems[0].path == "$.frequency"
    frequency = plantarkit.exercises.Frequency(every_n_days=2)
    with pytest.raises(InvalidValueError) as info:
        training_days(frequency, 0)
    assert info.value.problems[0].path == "$.week"
    assert training_days(frequency, 1) == (1, 3, 5, 7)
