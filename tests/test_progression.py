"""Programme building: safety and shape properties, gates at their boundaries, scheduling."""

import datetime
import itertools
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import plantarkit
from plantarkit import Bilateral, InvalidValueError, Pain, PlantarLoad, Side
from plantarkit.chain import Assessment, RedFlagScreen, Symptoms
from plantarkit.exercises import Frequency
from plantarkit.plans import (
    Evidence,
    ExercisesMastered,
    GateStatus,
    NoRedFlags,
    NoTrendelenburg,
    PainAtMost,
    PainMeasure,
    PainRecord,
    Phase,
    Program,
    Protocol,
    ProtocolError,
    ReferralRequiredError,
    SideRule,
    SideScope,
    Slot,
    TestAtLeast,
    WeeksInPhase,
    build_program,
    check,
    protocols,
    training_days,
)
from plantarkit.progression import SessionLog, TestKind, TestResult
from plantarkit.testing import assessments, evidences, gates, programs, rehab_protocols

# --- properties of every programme ----------------------------------------------------------


@given(programs())
def test_every_session_respects_its_phases_foot_load(program: Program) -> None:
    for session in program.sessions():
        for item in session.items:
            phase = program.protocol.phase(item.phase)
            assert program.exercise(item.exercise).plantar_load <= phase.max_plantar_load


@given(programs())
def test_every_exercise_exists_in_the_catalogue(program: Program) -> None:
    catalogue = plantarkit.catalogue()
    for session in program.sessions():
        for item in session.items:
            assert catalogue[item.exercise] == program.exercise(item.exercise)
    for week in program.weeks:
        for advice_id in week.advice:
            assert catalogue.advice_item(advice_id) == program.advice_item(advice_id)


@given(programs())
def test_weeks_are_covered_without_gaps_and_phases_follow_the_protocol(program: Program) -> None:
    assert [w.number for w in program.weeks] == list(range(1, len(program.weeks) + 1))
    order = [p.id for p in program.protocol.phases]
    first_seen: list[str] = []
    for week in program.weeks:
        assert week.phases
        assert [order.index(p) for p in week.phases] == sorted(order.index(p) for p in week.phases)
        first_seen += [p for p in week.phases if p not in first_seen]
        for session in week.sessions:
            assert session.week == week.number
            assert session.items
    assert [order.index(p) for p in first_seen] == sorted(order.index(p) for p in first_seen)


@given(programs())
def test_sessions_have_dates_exactly_when_a_start_date_is_given(program: Program) -> None:
    for session in program.sessions():
        if program.start_date is None:
            assert session.date is None
        else:
            expected = program.start_date + datetime.timedelta(days=session.day_number - 1)
            assert session.date == expected


@given(assessments(red_flags=True), rehab_protocols())
def test_a_red_flag_never_yields_a_programme(a: Assessment, protocol: Protocol) -> None:
    with pytest.raises(ReferralRequiredError) as info:
        build_program(a, protocol)
    assert info.value.referral == plantarkit.assess(a).referral
    with pytest.raises(ReferralRequiredError):
        build_program(plantarkit.assess(a), protocol)


@given(assessments(), rehab_protocols(), st.integers(1, 6))
def test_build_is_deterministic(a: Assessment, protocol: Protocol, weeks: int) -> None:
    assert build_program(a, protocol, weeks=weeks) == build_program(a, protocol, weeks=weeks)


@given(programs(max_weeks=4))
def test_programmes_round_trip_through_json(program: Program) -> None:
    assert plantarkit.loads(plantarkit.dumps(program), Program) == program


@given(assessments(), st.sampled_from(protocols()))
def test_findings_put_their_exercises_first(a: Assessment, protocol: Protocol) -> None:
    program = build_program(a, protocol, weeks=2)
    for session in program.sessions():
        flags = [bool(item.addresses) for item in session.items]
        by_phase: dict[str, list[bool]] = {}
        for item, flag in zip(session.items, flags, strict=True):
            by_phase.setdefault(item.phase, []).append(flag)
        for marks in by_phase.values():
            assert marks == sorted(marks, reverse=True)  # addressed items lead each phase


@given(gates(), evidences())
def test_gate_checks_always_explain(gate: Any, evidence: Evidence) -> None:
    result = check(gate, evidence)
    assert result.gate == gate
    assert result.reason
    assert str(gate)


# --- examples -----------------------------------------------------------------------------------


def _phase(**kw: Any) -> Phase:
    fields: dict[str, Any] = {
        "id": "p1",
        "name": "P1",
        "start_week": 1,
        "end_week": None,
        "slots": (Slot(item="clam"),),
        "max_plantar_load": PlantarLoad.NONE,
    }
    fields.update(kw)
    return Phase(**fields)


def test_protocol_exceeding_a_phases_foot_load_is_rejected_with_a_path() -> None:
    bad = Protocol(
        id="bad", name="Bad", phases=(_phase(slots=(Slot(item="clam"), Slot(item="box_jump"))),)
    )
    with pytest.raises(ProtocolError) as info:
        build_program(None, bad)
    assert info.value.path == "$.phases[0].slots[1].item"
    assert "loads the foot high, above the phase's limit (none)" in info.value.reason


def test_protocol_with_unknown_items_suggests_close_ids() -> None:
    bad = Protocol(id="bad", name="Bad", phases=(_phase(slots=(Slot(item="clams"),)),))
    with pytest.raises(
        ProtocolError, match=r"unknown exercise or advice 'clams'; did you mean 'clam'"
    ):
        build_program(None, bad)


def test_advice_slots_take_no_dose() -> None:
    dose = plantarkit.catalogue()["clam"].dose
    bad = Protocol(
        id="bad", name="Bad", phases=(_phase(slots=(Slot(item="supportive_shoes", dose=dose),)),)
    )
    with pytest.raises(ProtocolError, match="an advice item takes no dose"):
        build_program(None, bad)


def test_painful_side_slots_target_the_painful_side() -> None:
    protocol = Protocol(
        id="one", name="One", phases=(_phase(slots=(Slot(item="clam", sides=SideRule.PAINFUL),)),)
    )
    right = Assessment(symptoms=Symptoms(painful_sides=(Side.RIGHT,)))
    item = build_program(right, protocol, weeks=1).sessions()[0].items[0]
    assert item.side is Side.RIGHT
    assert not item.dose.each_side  # one side only
    both = Assessment(symptoms=Symptoms(painful_sides=(Side.RIGHT, Side.LEFT)))
    item = build_program(both, protocol, weeks=1).sessions()[0].items[0]
    assert item.side is None
    assert item.dose.each_side


def test_findings_add_exercises_within_the_phase_limit() -> None:
    protocol = Protocol(id="one", name="One", phases=(_phase(slots=(Slot(item="ankle_pumps"),)),))
    hips = Assessment(hip_internal_rotation_deg=Bilateral(left=25.0, right=25.0))
    program = build_program(hips, protocol, weeks=1)
    first = program.sessions()[0].items[0]
    assert first.exercise == "hip_internal_rotation_mobility"
    assert first.addresses == (plantarkit.FindingKind.HIP_INTERNAL_ROTATION_DEFICIT,)
    calf = Assessment(heel_raise_reps=Bilateral(left=2, right=2))
    program = build_program(calf, protocol, weeks=1, max_added=5)
    added = [i.exercise for i in program.sessions()[0].items if i.addresses]
    assert "high_load_heel_raise" not in added  # too much foot load for this phase
    assert build_program(calf, protocol, weeks=1, max_added=0).sessions()[0].items[0].exercise == (
        "ankle_pumps"
    )


def test_schedule_changes_the_dose_by_week() -> None:
    clam = plantarkit.catalogue()["clam"]
    later = attrs.evolve(clam.dose, sets=5)
    protocol = Protocol(
        id="one",
        name="One",
        phases=(
            _phase(
                slots=(
                    Slot(
                        item="clam",
                        schedule=(plantarkit.plans.DoseStep(from_week=3, dose=later),),
                    ),
                )
            ),
        ),
    )
    doses = [
        dose.sets
        for _, dose in build_program(None, protocol, weeks=4).prescriptions_of("clam")
        if _.day == 1
    ]
    assert doses == [3, 3, 5, 5]


@pytest.mark.parametrize(
    ("frequency", "week", "days"),
    [
        (Frequency.daily(), 1, (1, 2, 3, 4, 5, 6, 7)),
        (Frequency.every_other_day(), 1, (1, 3, 5, 7)),
        (Frequency.every_other_day(), 2, (2, 4, 6)),
        (Frequency.every_other_day(), 3, (1, 3, 5, 7)),
        (Frequency(every_n_days=3), 2, (3, 6)),
        (Frequency.weekly(3, non_consecutive=True), 5, (1, 3, 5)),
        (Frequency.weekly(2), 1, (1, 4)),
        (Frequency.weekly(1), 1, (1,)),
    ],
)
def test_training_days(frequency: Frequency, week: int, days: tuple[int, ...]) -> None:
    assert training_days(frequency, week) == days


def test_every_other_day_never_trains_two_days_in_a_row() -> None:
    days = [
        (w - 1) * 7 + d for w in range(1, 5) for d in training_days(Frequency.every_other_day(), w)
    ]
    assert all(b - a == 2 for a, b in itertools.pairwise(days))


@pytest.mark.parametrize(
    ("records", "status"),
    [
        ((), GateStatus.UNKNOWN),
        (((1, 3),), GateStatus.UNKNOWN),  # needs two days
        (((1, 3), (2, 3)), GateStatus.PASSED),
        (((1, 3), (2, 4)), GateStatus.FAILED),
        (((1, 9), (2, 3), (3, 3)), GateStatus.PASSED),  # only the last two days count
    ],
)
def test_pain_gate(records: tuple[tuple[int, int], ...], status: GateStatus) -> None:
    gate = PainAtMost(measure=PainMeasure.FIRST_STEP, at_most=3, days=2)
    evidence = Evidence(
        pain=tuple(
            PainRecord(day=d, measure=PainMeasure.FIRST_STEP, pain=Pain(p)) for d, p in records
        )
    )
    assert check(gate, evidence).status is status


def test_test_gate_on_the_painful_side() -> None:
    gate = TestAtLeast(test=TestKind.HEEL_RAISE_REPS, at_least=20)
    results = (
        TestResult(test=TestKind.HEEL_RAISE_REPS, side=Side.LEFT, value=25),
        TestResult(test=TestKind.HEEL_RAISE_REPS, side=Side.RIGHT, value=19),
    )
    assert check(gate, Evidence(tests=results, painful_sides=(Side.LEFT,))).passed
    assert (
        check(gate, Evidence(tests=results, painful_sides=(Side.RIGHT,))).status
        is GateStatus.FAILED
    )
    assert check(gate, Evidence(tests=results)).status is GateStatus.FAILED  # no side recorded: all
    each = attrs.evolve(gate, sides=SideScope.EACH)
    assert (
        check(each, Evidence(tests=results, painful_sides=(Side.LEFT,))).status is GateStatus.FAILED
    )
    assert check(gate, Evidence()).status is GateStatus.UNKNOWN
    walk = TestAtLeast(test=TestKind.BRISK_WALK_MINUTES, at_least=30)
    assert check(
        walk, Evidence(tests=(TestResult(test=TestKind.BRISK_WALK_MINUTES, value=30),))
    ).passed


def test_simple_gates() -> None:
    assert check(NoTrendelenburg(), Evidence()).status is GateStatus.UNKNOWN
    assert check(
        NoTrendelenburg(), Evidence(trendelenburg=Bilateral(left=False, right=None))
    ).passed
    assert not check(
        NoTrendelenburg(), Evidence(trendelenburg=Bilateral(left=False, right=True))
    ).passed
    assert check(ExercisesMastered(), Evidence(mastered=True)).passed
    assert check(ExercisesMastered(), Evidence()).status is GateStatus.UNKNOWN
    assert check(WeeksInPhase(at_least=2), Evidence(weeks_in_phase=2)).passed
    assert not check(WeeksInPhase(at_least=2), Evidence(weeks_in_phase=1)).passed
    assert check(NoRedFlags(), Evidence(red_flags=False)).passed
    assert check(NoRedFlags(), Evidence(red_flags=True)).status is GateStatus.FAILED
    with pytest.raises(InvalidValueError):
        check(NoRedFlags(), "evidence")  # type: ignore[arg-type]  # wrong on purpose


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"weeks": 0}, "$.weeks"),
        ({"weeks": "12"}, "$.weeks"),
        ({"start_date": "2026-01-01"}, "$.start_date"),
        ({"max_added": -1}, "$.max_added"),
    ],
)
def test_build_program_arguments_are_checked(kwargs: dict[str, Any], path: str) -> None:
    with pytest.raises(InvalidValueError) as info:
        build_program(None, "staged", **kwargs)
    assert info.value.path == path


def test_build_program_rejects_other_sources_and_protocols() -> None:
    with pytest.raises(InvalidValueError, match="expected an Assessment or a ChainReport"):
        build_program("me", "staged")  # type: ignore[arg-type]  # wrong on purpose
    with pytest.raises(InvalidValueError, match="expected a Protocol or its id"):
        build_program(None, 3)  # type: ignore[arg-type]  # wrong on purpose
    with pytest.raises(plantarkit.UnknownIdError, match="did you mean 'staged'"):
        build_program(None, "stagged")


def test_program_lookups() -> None:
    program = build_program(plantarkit.example_assessment(), "staged", weeks=3)
    assert program.week(1).number == 1
    with pytest.raises(InvalidValueError, match="weeks run from 1 to 3"):
        program.week(4)
    with pytest.raises(plantarkit.UnknownIdError):
        program.exercise("nope")
    with pytest.raises(plantarkit.UnknownIdError):
        program.advice_item("nope")
    assert program.total_sessions == len(program.sessions())
    assert len(program.minutes_per_week()) == 3
    assert all(m > 0 for m in program.minutes_per_week())
    day = program.sessions()[0]
    assert program.sessions_on(1, day.day) == (day,)
    assert repr(program).startswith("<Program 'staged': 3 weeks")


def test_red_flag_screen_example() -> None:
    flagged = Assessment(red_flags=RedFlagScreen(heel_squeeze_pain=True))
    with pytest.raises(ReferralRequiredError, match="no programme: REFER"):
        build_program(flagged, "staged")


# --- dates, not datetimes; days a log can have -----------------------------------------------

START = datetime.date(2026, 1, 1)
NOON = datetime.datetime(2026, 1, 1, 12, 30)


def test_build_program_refuses_a_datetime_start() -> None:
    with pytest.raises(InvalidValueError) as info:
        build_program(None, "high_load", weeks=2, start_date=NOON)
    assert info.value.path == "$.start_date"
    assert info.value.reason == (
        "expected a date, got a datetime (2026-01-01T12:30:00): use .date()"
    )


def test_a_programme_or_session_cannot_hold_a_datetime() -> None:
    program = build_program(None, "high_load", weeks=2, start_date=START)
    with pytest.raises(InvalidValueError, match=r"^\$\.start_date: .*use \.date\(\)"):
        attrs.evolve(program, start_date=NOON)
    session = program.sessions()[0]
    with pytest.raises(InvalidValueError, match=r"^\$\.date: .*use \.date\(\)"):
        attrs.evolve(session, date=NOON)


def test_day_of_refuses_a_datetime() -> None:
    program = build_program(None, "high_load", weeks=2, start_date=START)
    with pytest.raises(InvalidValueError) as info:
        program.day_of(datetime.datetime(2026, 1, 5, 8, 0))
    assert info.value.path == "$.date"
    assert "use .date()" in info.value.reason
    assert program.day_of(datetime.datetime(2026, 1, 5, 8, 0).date()) == 5


def test_a_date_subclass_that_is_no_datetime_is_a_date() -> None:
    class Day(datetime.date):
        pass

    program = build_program(None, "high_load", weeks=1, start_date=Day(2026, 1, 1))
    assert program.day_of(Day(2026, 1, 3)) == 3
    assert plantarkit.loads(plantarkit.dumps(program), Program) == program


def test_a_programme_with_a_start_date_round_trips_through_json() -> None:
    program = build_program(None, "high_load", weeks=2, start_date=START)
    assert plantarkit.loads(plantarkit.dumps(program), Program) == program


def test_day_of_goes_no_further_than_a_session_log() -> None:
    program = build_program(None, "high_load", weeks=2, start_date=START)
    last = SessionLog(day=program.day_of(START + datetime.timedelta(days=3649))).day
    assert last == 3650
    with pytest.raises(InvalidValueError):
        SessionLog(day=last + 1)  # the limit day_of follows
    with pytest.raises(InvalidValueError) as info:
        program.day_of(START + datetime.timedelta(days=3650))
    assert info.value.path == "$.date"
    assert info.value.reason == (
        "2035-12-30 would be programme day 3651; session logs go up to day 3650 (2035-12-29)"
    )


def test_a_start_date_too_late_for_the_calendar_is_refused() -> None:
    late = datetime.date(9999, 12, 25)
    assert build_program(None, "high_load", weeks=1, start_date=late).weeks[-1].sessions
    with pytest.raises(InvalidValueError) as info:
        build_program(None, "high_load", weeks=2, start_date=late)
    assert info.value.path == "$.start_date"
    assert "would end after 9999-12-31" in info.value.reason


def test_week_numbers_are_integers_not_booleans() -> None:
    program = build_program(None, "high_load", weeks=2)
    with pytest.raises(InvalidValueError, match="weeks run from 1 to 2"):
        program.week(True)


# --- a programme's parts agree -----------------------------------------------------------------


@pytest.fixture(scope="module")
def dated() -> Program:
    """Nine weeks of the top-down plan (advice from week 8 on), dated from START."""
    return build_program(plantarkit.example_assessment(), "top_down", weeks=9, start_date=START)


def _edit(program: Program, path: tuple[Any, ...], **changes: Any) -> Program:
    """``program`` with the fields of the value at ``path`` changed (rebuilt bottom-up)."""

    def rebuild(value: Any, rest: tuple[Any, ...]) -> Any:
        if not rest:
            return attrs.evolve(value, **changes)
        name, index, *more = rest
        items = list(getattr(value, name))
        items[index] = rebuild(items[index], tuple(more))
        return attrs.evolve(value, **{name: tuple(items)})

    edited: Program = rebuild(program, path)
    return edited


def _raises(build: Callable[[], object]) -> InvalidValueError:
    with pytest.raises(InvalidValueError) as info:
        build()
    return info.value


def test_weeks_are_numbered_one_to_n_in_order(dated: Program) -> None:
    weeks = dated.weeks
    renumbered = tuple(
        attrs.evolve(
            w,
            number=7 if i == 1 else w.number,
            sessions=tuple(attrs.evolve(s, week=7) for s in w.sessions) if i == 1 else w.sessions,
        )
        for i, w in enumerate(weeks)
    )
    error = _raises(lambda: attrs.evolve(dated, weeks=renumbered))
    assert [str(p) for p in error.problems] == [
        "$.weeks[1].number: expected 2 (weeks are numbered 1 to 9, in order), got 7"
    ]
    error = _raises(lambda: attrs.evolve(dated, weeks=weeks[1:]))
    assert error.path == "$.weeks[0].number"


def test_a_renumbered_week_is_named_not_its_sessions(dated: Program) -> None:
    error = _raises(lambda: attrs.evolve(dated.weeks[1], number=7))
    assert str(error) == "$.number: expected 2, the week its sessions are in, got 7"


def test_sessions_carry_their_weeks_number_in_day_order(dated: Program) -> None:
    week = dated.weeks[0]
    moved = (attrs.evolve(week.sessions[0], week=2), *week.sessions[1:])
    error = _raises(lambda: attrs.evolve(week, sessions=moved))
    assert str(error) == "$.sessions[0].week: expected 1, the number of the week it is in, got 2"
    swapped = (week.sessions[1], week.sessions[0], *week.sessions[2:])
    error = _raises(lambda: attrs.evolve(week, sessions=swapped))
    assert error.path == "$.sessions[1].day"
    assert "in day order" in error.reason
    twice = (week.sessions[0], *week.sessions)
    assert _raises(lambda: attrs.evolve(week, sessions=twice)).path == "$.sessions[1].day"


def test_sessions_carry_the_dates_of_their_days(dated: Program) -> None:
    error = _raises(lambda: attrs.evolve(dated, start_date=START + datetime.timedelta(days=1)))
    assert error.path == "$.weeks[0].sessions[0].date"
    assert error.reason.startswith("expected 2026-01-02 (week 1, day 1 from start_date 2026-01-02)")
    assert error.reason.endswith(f"(first of {dated.total_sessions} places)")
    error = _raises(lambda: attrs.evolve(dated, start_date=None))
    assert error.reason.startswith("expected null (the programme has no start_date)")
    error = _raises(lambda: _edit(dated, ("weeks", 3, "sessions", 2), date=None))
    assert str(error) == (
        "$.weeks[3].sessions[2].date: expected 2026-01-24 (week 4, day 3 from start_date"
        " 2026-01-01), got null"
    )
    undated = build_program(None, "high_load", weeks=1)
    error = _raises(lambda: _edit(undated, ("weeks", 0, "sessions", 0), date=START))
    assert error.path == "$.weeks[0].sessions[0].date"


def test_dates_past_the_calendars_end_are_reported_not_overflowed(dated: Program) -> None:
    error = _raises(lambda: attrs.evolve(dated, start_date=datetime.date(9999, 12, 30)))
    assert error.path == "$.weeks[0].sessions[0].date"  # an InvalidValueError, no OverflowError


def test_items_name_exercises_of_the_programme(dated: Program) -> None:
    error = _raises(lambda: _edit(dated, ("weeks", 0, "sessions", 2, "items", 1), exercise="clamm"))
    assert str(error) == (
        "$.weeks[0].sessions[2].items[1].exercise: unknown exercise 'clamm': not in $.exercises;"
        " did you mean 'clam'?"
    )
    gone = tuple(e for e in dated.exercises if e.id != "clam")
    error = _raises(lambda: attrs.evolve(dated, exercises=gone))
    assert error.reason.startswith("unknown exercise 'clam': not in $.exercises (first of ")
    twice = (*dated.exercises, dated.exercises[0])
    error = _raises(lambda: attrs.evolve(dated, exercises=twice))
    assert error.path == f"$.exercises[{len(dated.exercises)}].id"


def test_phases_exist_in_the_protocol_and_items_phases_run_that_week(dated: Program) -> None:
    error = _raises(lambda: _edit(dated, ("weeks", 0), phases=("hip_restoratio",)))
    assert error.path == "$.sessions[0].items[0].phase"
    assert "does not run in week 1 (its phases: 'hip_restoratio')" in error.reason
    first = dated.weeks[0]
    renamed = tuple(
        attrs.evolve(s, items=tuple(attrs.evolve(i, phase="hip_restoratio") for i in s.items))
        for s in first.sessions
    )
    error = _raises(
        lambda: _edit(dated, ("weeks", 0), phases=("hip_restoratio",), sessions=renamed)
    )
    assert str(error) == (
        "$.weeks[0].phases[0]: unknown phase 'hip_restoratio': not in the protocol 'top_down';"
        " did you mean 'hip_restoration'?"
    )


def test_advice_named_by_a_week_is_in_the_programme(dated: Program) -> None:
    assert dated.weeks[7].advice
    error = _raises(lambda: attrs.evolve(dated, advice=()))
    assert error.path == "$.weeks[7].advice[0]"
    assert "not in $.advice" in error.reason


@given(programs())
def test_every_built_programme_passes_its_own_checks(program: Program) -> None:
    changes = {a.name: getattr(program, a.name) for a in attrs.fields(Program)}
    assert Program(**changes) == program
