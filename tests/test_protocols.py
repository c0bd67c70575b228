"""Example tests for the built-in protocols.

Expected values are written out here from the fact sheet, not copied from the
protocol data, so a typo in either place shows up as a failure.
"""

from collections.abc import Callable

import pytest

import plantarkit
from plantarkit import Pain, io
from plantarkit._core.errors import UnknownIdError
from plantarkit._core.evidence import BUILTIN_SOURCES, Grade
from plantarkit._core.side import Side
from plantarkit.exercises import Frequency, Hold, Load, Reps, Tempo, Timed, catalogue
from plantarkit.exercises._dose import LoadKind
from plantarkit.exercises._model import PlantarLoad
from plantarkit.plans import (
    PainAtMost,
    PainMeasure,
    Protocol,
    TestAtLeast,
    build_program,
    protocol,
    protocols,
)
from plantarkit.progression import (
    Action,
    ExerciseLog,
    NextDayRule,
    PainReport,
    ProgramState,
    SessionLog,
    TestKind,
    advance,
    start,
)

PROTOCOL_IDS = ("staged", "top_down", "high_load", "high_load_daily", "heel_pain_basics")


def test_builtin_ids_in_order() -> None:
    assert tuple(p.id for p in protocols()) == PROTOCOL_IDS


def test_lookup_by_id() -> None:
    for protocol_id in PROTOCOL_IDS:
        assert protocol(protocol_id).id == protocol_id


def test_unknown_id_suggests_close_match() -> None:
    with pytest.raises(UnknownIdError) as info:
        protocol("stagged")
    assert "staged" in info.value.suggestions
    assert "staged" in str(info.value)


@pytest.mark.parametrize("protocol_id", PROTOCOL_IDS)
def test_builds_for_example_assessment_and_for_none(protocol_id: str) -> None:
    for source in (plantarkit.example_assessment(), None):
        program = build_program(source, protocol_id, weeks=12)
        assert len(program.weeks) == 12
        assert program.total_sessions > 0
        assert program.protocol.id == protocol_id


@pytest.mark.parametrize("protocol_id", PROTOCOL_IDS)
def test_every_phase_has_goals_pain_rule_and_sources(protocol_id: str) -> None:
    p = protocol(protocol_id)
    assert p.sources
    assert p.summary
    for phase in p.phases:
        assert phase.pain_rule.strip(), phase.id
        assert phase.sources, phase.id
        assert phase.goals, phase.id


@pytest.mark.parametrize("protocol_id", PROTOCOL_IDS)
def test_every_source_key_is_known(protocol_id: str) -> None:
    p = protocol(protocol_id)
    keys = set(p.sources)
    for phase in p.phases:
        keys |= set(phase.sources)
        for gate in (*phase.entry_gates, *phase.exit_gates):
            assert gate.citation is not None, f"{phase.id}: {gate}"
            keys.add(gate.citation.source)
    assert keys <= set(BUILTIN_SOURCES)


@pytest.mark.parametrize("protocol_id", PROTOCOL_IDS)
def test_first_phase_screens_red_flags(protocol_id: str) -> None:
    first = protocol(protocol_id).phases[0]
    assert any(gate.kind == "no_red_flags" for gate in first.entry_gates)


@pytest.mark.parametrize("protocol_id", PROTOCOL_IDS)
def test_round_trips_through_json(protocol_id: str) -> None:
    p = protocol(protocol_id)
    assert io.loads(io.dumps(p), Protocol) == p


def test_slots_respect_phase_load_limits() -> None:
    cat = catalogue()
    for p in protocols():
        for phase in p.phases:
            for slot in phase.slots:
                if slot.item in cat.ids:
                    assert cat[slot.item].plantar_load <= phase.max_plantar_load


# --- high_load: the published dose table -------------------------------------------------------


def _expected_high_load(week: int) -> tuple[int, int]:
    """(sets, RM) of the published table: weeks 1-2 3 × 12RM, 3-4 4 × 10RM, 5-12 5 × 8RM."""
    if week <= 2:
        return 3, 12
    if week <= 4:
        return 4, 10
    return 5, 8


def test_high_load_weekly_dose_table() -> None:
    program = build_program(None, "high_load", weeks=12)
    doses = program.prescriptions_of("high_load_heel_raise")
    assert doses
    seen_weeks = set()
    for session, dose in doses:
        sets, rm = _expected_high_load(session.week)
        assert dose.sets == sets, session.week
        assert dose.rm == rm, session.week
        assert isinstance(dose.work, Reps)
        assert dose.work.count == rm
        assert dose.tempo == Tempo(up=3, top=2, down=3)
        assert dose.frequency == Frequency.every_other_day()
        seen_weeks.add(session.week)
    assert seen_weeks == set(range(1, 13))


def test_high_load_is_every_other_day() -> None:
    program = build_program(None, "high_load", weeks=12)
    days = [s.day_number for s, _ in program.prescriptions_of("high_load_heel_raise")]
    assert days == list(range(1, 12 * 7 + 1, 2))


def test_high_load_trains_the_painful_side() -> None:
    assessment = plantarkit.example_assessment()
    assert assessment.symptoms.painful_sides == (Side.RIGHT,)
    program = build_program(assessment, "high_load", weeks=2)
    items = [i for s in program.sessions() for i in s.items if i.exercise == "high_load_heel_raise"]
    assert items
    assert all(i.side is Side.RIGHT for i in items)


def test_high_load_mentions_inserts_and_two_leg_start() -> None:
    p = protocol("high_load")
    assert "insert" in p.note
    assert set(p.sources) >= {"rathleff-2015", "pogo-intrinsic"}
    (slot,) = p.phases[0].slots
    assert "double_leg_high_load_heel_raise" in slot.note
    assert "backpack" in slot.note


# --- high_load_daily ---------------------------------------------------------------------------


def test_high_load_daily_dose() -> None:
    program = build_program(None, "high_load_daily", weeks=12)
    doses = program.prescriptions_of("high_load_heel_raise")
    assert len(doses) == 12 * 7
    for session, dose in doses:
        assert dose.sets == 1
        assert isinstance(dose.work, Reps)
        assert dose.work.count == 10
        assert dose.tempo == Tempo(up=5, top=3, down=5)
        assert dose.frequency == Frequency.daily()
        expected = LoadKind.BODY_WEIGHT if session.week <= 4 else LoadKind.BACKPACK
        assert dose.load.kind is expected, session.week
    assert doses[-1][1].load == Load.backpack()


def test_high_load_daily_pain_rule_allows_same_day_pain() -> None:
    rule = protocol("high_load_daily").phases[0].pain_rule
    assert "same day" in rule
    assert "next day" in rule
    assert "5/10" in rule  # plantarkit's ceiling on pain during and after, told to the patient


def test_high_load_daily_judges_with_the_next_day_rule_and_its_ceiling() -> None:
    (phase,) = protocol("high_load_daily").phases
    (rule,) = phase.pain_limits
    assert isinstance(rule, NextDayRule)
    assert (rule.tolerance, rule.ceiling) == (0, 5)
    assert rule.ceiling_citation.grade is Grade.U
    assert rule.ceiling_citation.source in phase.sources


def _full_log(state: ProgramState, report: PainReport) -> SessionLog:
    """Every exercise of the state done in full, with one whole-session pain report."""
    logs = []
    for e in state.exercises:
        dose = e.dose
        work = dose.work
        if isinstance(work, Reps):
            per = float(work.count + (1 if work.to_fatigue else 0))
        elif isinstance(work, Hold | Timed):
            per = work.seconds
        else:
            per = float(work.rounds)
        logs.append(ExerciseLog(exercise=e.exercise, sets=(per,) * dose.sets))
    return SessionLog(day=report.day, exercises=tuple(logs), pain=(report,))


def _daily(during: int, after: int) -> Callable[[int], PainReport]:
    def on(day: int) -> PainReport:
        return PainReport(
            day=day,
            first_step=Pain(3),
            during=Pain(during),
            after=Pain(after),
            next_morning=Pain(3),  # back to the baseline: the source's own rule is met
        )

    return on


@pytest.mark.parametrize("with_assessment", [False, True])
@pytest.mark.parametrize(("during", "after"), [(10, 10), (6, 0), (0, 6)])
def test_high_load_daily_never_progresses_on_pain_above_the_ceiling(
    with_assessment: bool, during: int, after: int
) -> None:
    # Before the ceiling, 10/10 every day still stepped the heel raise up to the backpack
    # (and, with an assessment, the clam up to the banded clam).
    source = plantarkit.example_assessment() if with_assessment else None
    program = build_program(source, "high_load_daily", weeks=12)
    state = start(program)
    report = _daily(during, after)
    for day in range(1, 12 * 7 + 1):
        result = advance(program, state, _full_log(state, report(day)))
        assert all(d.action is not Action.PROGRESS for d in result.decisions), (day, result)
        assert all(d.action is Action.REGRESS for d in result.decisions), (day, result)
        heel = next(d for d in result.decisions if d.exercise == "high_load_heel_raise")
        ceiling = heel.reasons[0]
        assert ceiling.rule == "next_day"
        assert ceiling.measure == ("during" if during > 5 else "after")
        assert (ceiling.value, ceiling.threshold) == (max(during, after), 5)
        assert ceiling.citation is not None
        assert ceiling.citation.grade is Grade.U
        state = result.state


def test_high_load_daily_still_progresses_at_the_ceiling() -> None:
    # Pain worse the same day but at most 5/10 is fine (Caratun 2018): the programme goes on.
    program = build_program(None, "high_load_daily", weeks=12)
    state = start(program)
    report = _daily(5, 5)
    progressed = []
    for day in range(1, 12 * 7 + 1):
        result = advance(program, state, _full_log(state, report(day)))
        progressed += [day for d in result.decisions if d.action is Action.PROGRESS]
        state = result.state
    assert progressed  # the week-5 step up to the backpack, at least
    assert state.exercise("high_load_heel_raise").dose.load.kind is LoadKind.BACKPACK


# --- top_down: the published weeks -------------------------------------------------------------


def test_top_down_phase_weeks() -> None:
    p = protocol("top_down")
    assert [ph.id for ph in p.phases] == [
        "hip_restoration",
        "chain_integration",
        "foot_resilience",
        "footwear_and_surface",
    ]
    assert [(ph.start_week, ph.end_week) for ph in p.phases[:3]] == [(1, 3), (3, 6), (4, 8)]
    footwear = p.phases[3]
    assert footwear.end_week is None  # ongoing
    assert [s.item for s in footwear.slots] == ["footwear_and_surface"]


def test_top_down_foot_work_only_in_foot_resilience() -> None:
    cat = catalogue()
    p = protocol("top_down")
    for phase in p.phases:
        foot_items = [
            s.item for s in phase.slots if s.item in cat.ids and cat[s.item].region.value == "foot"
        ]
        if phase.id != "foot_resilience":
            assert foot_items == [], phase.id
    assert p.phase("foot_resilience").max_plantar_load is PlantarLoad.HIGH


def test_top_down_overlap_in_programme() -> None:
    program = build_program(None, "top_down", weeks=8)
    assert program.week(3).phases == ("hip_restoration", "chain_integration")
    assert program.week(4).phases == ("chain_integration", "foot_resilience")
    assert program.week(8).advice == ("footwear_and_surface",)


# --- staged ------------------------------------------------------------------------------------


def test_staged_phases_and_gates() -> None:
    p = protocol("staged")
    assert [ph.id for ph in p.phases] == ["early", "middle", "later", "maintenance"]
    assert p.phases[-1].end_week is None
    assert "assumption" in p.note
    early = p.phase("early")
    assert early.max_plantar_load < PlantarLoad.HIGH
    assert {s.item for s in early.slots} >= {"clam", "side_lying_hip_abduction"}
    later = p.phase("later")
    assert "run_walk" in {s.item for s in later.slots}
    walk = [g for g in later.entry_gates if isinstance(g, TestAtLeast)]
    assert [(g.test, g.at_least) for g in walk] == [(TestKind.BRISK_WALK_MINUTES, 30)]
    assert walk[0].citation is not None
    assert walk[0].citation.grade is Grade.B
    during = [g for g in later.entry_gates if isinstance(g, PainAtMost)]
    assert [(g.measure, g.at_most) for g in during] == [(PainMeasure.DURING, 2)]


def test_staged_own_thresholds_are_grade_u() -> None:
    middle = protocol("staged").phase("middle")
    (gate,) = middle.entry_gates
    assert isinstance(gate, PainAtMost)
    assert gate.citation is not None
    assert gate.citation.grade is Grade.U


# --- heel_pain_basics --------------------------------------------------------------------------


def test_heel_pain_basics_isometric_progression() -> None:
    program = build_program(None, "heel_pain_basics", weeks=12)
    doses = [d for _, d in program.prescriptions_of("isometric_calf_raise")]
    assert doses
    first, last = doses[0], doses[-1]
    assert (first.sets, first.work) == (3, Hold(seconds=30))
    assert (last.sets, last.work) == (5, Hold(seconds=45))
    seconds = [d.sets * d.work.seconds for d in doses if isinstance(d.work, Hold)]
    assert seconds == sorted(seconds)


def test_heel_pain_basics_isometric_pain_rule() -> None:
    rule = protocol("heel_pain_basics").phase("isometric").pain_rule
    assert "6/10" in rule
    assert "minutes" in rule
