"""Strategies for gates, protocols and programmes (built by :func:`plantarkit.build_program`)."""

from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from plantarkit._core import (
    Side,
)
from plantarkit.exercises import (
    PlantarLoad,
)
from plantarkit.exercises import catalogue as builtin_catalogue
from plantarkit.plans import (
    DoseStep,
    Evidence,
    ExercisesMastered,
    Gate,
    GateResult,
    NoRedFlags,
    NoTrendelenburg,
    PainAtMost,
    PainMeasure,
    PainRecord,
    Phase,
    Program,
    ProgramItem,
    Protocol,
    Session,
    SideRule,
    SideScope,
    Slot,
    TestAtLeast,
    Week,
    WeeksInPhase,
    build_program,
    check,
)
from plantarkit.plans import protocols as builtin_protocols
from plantarkit.progression import (
    TestKind,
)
from plantarkit.testing._base import BOOLS, IDS, LINES, NAMES, TEXTS, reals, unique_tuples
from plantarkit.testing._chain import assessments
from plantarkit.testing._core import maybe_citations, optional_bilaterals, pains
from plantarkit.testing._exercises import PRESCRIPTIONS
from plantarkit.testing._records import measured_tests
from plantarkit.testing._rules import pain_rules, progression_rules
from plantarkit.testing._table import provides, provides_family


@provides_family("gate")
def _gate_members() -> dict[type[Any], SearchStrategy[Any]]:
    return {
        PainAtMost: st.builds(
            PainAtMost,
            measure=st.sampled_from(PainMeasure),
            at_most=st.integers(0, 10),
            days=st.integers(1, 14),
            citation=maybe_citations(),
        ),
        TestAtLeast: st.builds(
            TestAtLeast,
            test=st.sampled_from(TestKind),
            at_least=reals(0, 60),
            sides=st.sampled_from(SideScope),
            citation=maybe_citations(),
        ),
        NoTrendelenburg: st.builds(NoTrendelenburg, citation=maybe_citations()),
        ExercisesMastered: st.builds(ExercisesMastered, citation=maybe_citations()),
        WeeksInPhase: st.builds(
            WeeksInPhase, at_least=st.integers(0, 12), citation=maybe_citations()
        ),
        NoRedFlags: st.builds(NoRedFlags, citation=maybe_citations()),
    }


def gates() -> SearchStrategy[Gate]:
    """Any kind of gate, with in-range thresholds."""
    return st.one_of(*_gate_members().values())


@provides(PainRecord)
def pain_records() -> SearchStrategy[PainRecord]:
    """One pain rating on one day."""
    return st.builds(
        PainRecord, day=st.integers(1, 60), measure=st.sampled_from(PainMeasure), pain=pains()
    )


@provides(DoseStep)
def dose_steps() -> SearchStrategy[DoseStep]:
    """A dose from a programme week on."""
    return st.builds(DoseStep, from_week=st.integers(1, 12), dose=PRESCRIPTIONS)


@provides(Evidence)
@st.composite
def evidences(draw: st.DrawFn) -> Evidence:
    """Evidence for gate checks, with any part missing."""
    records = draw(st.lists(pain_records(), max_size=8))
    tests = draw(st.lists(measured_tests(), max_size=4))
    return Evidence(
        pain=tuple(records),
        tests=tuple(tests),
        trendelenburg=draw(optional_bilaterals(BOOLS)),
        mastered=draw(st.one_of(st.none(), BOOLS)),
        weeks_in_phase=draw(st.one_of(st.none(), st.integers(0, 20))),
        red_flags=draw(st.one_of(st.none(), BOOLS)),
        painful_sides=draw(unique_tuples(st.sampled_from(Side), max_size=2)),
    )


@provides(Slot)
@st.composite
def slots(draw: st.DrawFn, *, max_load: PlantarLoad = PlantarLoad.HIGH) -> Slot:
    """A slot naming a built-in exercise (foot load at most ``max_load``) or advice item."""
    cat = builtin_catalogue()
    allowed = [e.id for e in cat.filter(max_plantar_load=max_load)]
    if draw(st.integers(0, 5)) == 0:
        return Slot(item=draw(st.sampled_from([a.id for a in cat.advice])), note=draw(TEXTS))
    schedule = draw(st.lists(st.integers(1, 12), max_size=2, unique=True).map(sorted))
    return Slot(
        item=draw(st.sampled_from(allowed)),
        dose=draw(st.one_of(st.none(), PRESCRIPTIONS)),
        schedule=tuple(DoseStep(from_week=w, dose=draw(PRESCRIPTIONS)) for w in schedule),
        sides=draw(st.sampled_from(SideRule)),
        progression=tuple(draw(st.lists(progression_rules(), max_size=2))),
        note=draw(TEXTS),
    )


@provides(Phase)
@st.composite
def phases(draw: st.DrawFn, *, start_week: int | None = None, phase_id: str | None = None) -> Phase:
    """A phase of built-in exercises that respects its own foot-load limit."""
    max_load = draw(st.sampled_from(PlantarLoad))
    start = start_week if start_week is not None else draw(st.integers(1, 12))
    end = draw(st.one_of(st.none(), st.integers(start, start + 8)))
    drawn = draw(st.lists(slots(max_load=max_load), min_size=1, max_size=4))
    unique = tuple({slot.item: slot for slot in drawn}.values())
    return Phase(
        id=phase_id if phase_id is not None else draw(IDS),
        name=draw(NAMES),
        start_week=start,
        end_week=end,
        slots=unique,
        max_plantar_load=max_load,
        goals=draw(LINES),
        entry_gates=tuple(draw(st.lists(gates(), max_size=2))),
        exit_gates=tuple(draw(st.lists(gates(), max_size=2))),
        pain_rule=draw(TEXTS),
        pain_limits=tuple(draw(st.lists(pain_rules(), max_size=2))),
        maintenance=draw(BOOLS),
    )


@st.composite
def _custom_protocol(draw: st.DrawFn) -> Protocol:
    ids = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    starts = [
        1,
        *sorted(draw(st.lists(st.integers(1, 10), min_size=len(ids) - 1, max_size=len(ids) - 1))),
    ]
    return Protocol(
        id=draw(IDS),
        name=draw(NAMES),
        phases=tuple(
            draw(phases(start_week=w, phase_id=i)) for w, i in zip(starts, ids, strict=True)
        ),
        summary=draw(TEXTS),
    )


def _builtin_protocol(protocol_id: str) -> Protocol:
    return next(p for p in builtin_protocols() if p.id == protocol_id)


@provides(Protocol)
def rehab_protocols() -> SearchStrategy[Protocol]:
    """A built-in protocol, or a random one made of built-in exercises."""
    # Sampled by id: hypothesis writes a strategy's repr into its reports, and the repr of the
    # protocols themselves is large enough (over 30 kB) to raise a warning of its own.
    builtin = st.sampled_from(tuple(p.id for p in builtin_protocols())).map(_builtin_protocol)
    return st.one_of(builtin, _custom_protocol())


@provides(Program)
def programs(*, max_weeks: int = 8) -> SearchStrategy[Program]:
    """Programmes built by :func:`plantarkit.build_program` from drawn inputs (no red flags)."""
    return st.builds(
        build_program,
        st.one_of(st.none(), assessments(red_flags=False)),
        rehab_protocols(),
        weeks=st.integers(1, max_weeks),
        start_date=st.one_of(st.none(), st.dates()),
    )


@provides(Week)
def program_weeks() -> SearchStrategy[Week]:
    """A week of a drawn programme."""
    return programs(max_weeks=3).flatmap(lambda p: st.sampled_from(p.weeks))


@provides(Session)
def program_sessions() -> SearchStrategy[Session]:
    """A session of a drawn programme."""
    return (
        program_weeks()
        .filter(lambda w: bool(w.sessions))
        .flatmap(lambda w: st.sampled_from(w.sessions))
    )


@provides(ProgramItem)
def program_items() -> SearchStrategy[ProgramItem]:
    """One exercise of a session of a drawn programme."""
    return (
        program_sessions()
        .filter(lambda s: bool(s.items))
        .flatmap(lambda s: st.sampled_from(s.items))
    )


@provides(GateResult)
def gate_results() -> SearchStrategy[GateResult]:
    """The outcome of checking a drawn gate against drawn evidence (:func:`plantarkit.plans.check`).

    Returns:
        A strategy for :class:`~plantarkit.plans.GateResult` values.
    """
    return st.builds(check, gates(), evidences())
