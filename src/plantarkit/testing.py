"""Hypothesis strategies for every public plantarkit value.

Each strategy builds valid values directly: it respects every bound and
cross-field rule of the constructors (a repetition range never has its
minimum above its count, a tempo only comes with repetition work, a
catalogue's ladders only name its own exercises and never loop), so nothing
is thrown away by filtering and tests stay fast::

    from hypothesis import given
    from plantarkit import testing

    @given(testing.prescriptions())
    def test_minutes_are_not_negative(p):
        assert p.estimated_minutes() >= 0

The strategies are also registered for :func:`hypothesis.strategies.from_type`
through hypothesis' entry point (``plantarkit[testing]`` installs it), so
``st.from_type(plantarkit.Prescription)`` and ``st.builds(f)`` for functions
annotated with plantarkit types just work. Without the installed entry point,
call :func:`register` once. (The entry point lives in a separate module that
imports nothing from here until a strategy is needed, so importing this
module first and hypothesis second cannot form an import cycle.)

Texts are kept short and drawn from a small alphabet that still includes
quotes, backslashes, a newline and non-ASCII letters, so values stay cheap to
build while exercising JSON escaping. Numbers are finite, mixing whole numbers
and floats, so every value round-trips through JSON.
"""

import enum
import functools
import typing
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from plantarkit._core import (
    Bilateral,
    Citation,
    Grade,
    InvalidValueError,
    Pain,
    Side,
    Source,
    SourceKind,
)
from plantarkit.chain import (
    RED_FLAGS,
    AmplificationModel,
    ArchHeight,
    Assessment,
    ChainNorms,
    ChainReport,
    Emphasis,
    Finding,
    FindingKind,
    FirstRayMobility,
    HeelRaiseNorm,
    LegLength,
    LegLengthKind,
    Link,
    RedFlag,
    RedFlagScreen,
    Referral,
    Severity,
    Sex,
    SquatQuality,
    Symptoms,
    Threshold,
    TibialRotation,
    ToeGrip,
    assess,
)
from plantarkit.exercises import (
    Advice,
    AdviceTopic,
    BandResistance,
    Catalogue,
    Equipment,
    Exercise,
    Frequency,
    Hold,
    Ladder,
    LadderStep,
    Load,
    LoadKind,
    PlantarLoad,
    Position,
    Prescription,
    Region,
    Reps,
    RunWalk,
    Tempo,
    Timed,
    Variant,
    Work,
)
from plantarkit.exercises import catalogue as builtin_catalogue
from plantarkit.plans import (
    DoseStep,
    Evidence,
    ExercisesMastered,
    Gate,
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
)
from plantarkit.plans import protocols as builtin_protocols
from plantarkit.progression import (
    Action,
    Advance,
    CautiousRule,
    Decision,
    DoubleProgression,
    EngineRules,
    ExerciseLog,
    ExerciseState,
    FewerSets,
    IsometricRule,
    LadderDown,
    LadderUp,
    LessLoad,
    LessWork,
    LoadUp,
    NextDayRule,
    Only,
    PainCheck,
    PainModel,
    PainReport,
    PainRule,
    ProgramState,
    ProgressionRule,
    Reason,
    RegressionRule,
    RunWalkUp,
    SessionLog,
    TestKind,
    TestResult,
    VolumeUp,
    WeeklyTable,
    advance,
    evaluate,
    start,
)

__all__ = [
    "advances",
    "advice_items",
    "amplification_models",
    "assessments",
    "bilaterals",
    "catalogues",
    "chain_norms",
    "chain_reports",
    "citations",
    "decisions",
    "dose_steps",
    "emphases",
    "engine_rules",
    "enum_members",
    "evidences",
    "exercise_logs",
    "exercise_states",
    "exercises",
    "findings",
    "frequencies",
    "gates",
    "grades",
    "heel_raise_norms",
    "holds",
    "ids",
    "ladder_steps",
    "ladders",
    "leg_lengths",
    "loads",
    "measured_tests",
    "pain_checks",
    "pain_records",
    "pain_reports",
    "pain_rules",
    "pains",
    "phases",
    "prescriptions",
    "program_items",
    "program_sessions",
    "program_states",
    "program_weeks",
    "programs",
    "progression_rules",
    "reasons",
    "red_flag_screens",
    "red_flags",
    "referrals",
    "register",
    "registered_types",
    "regression_rules",
    "rehab_protocols",
    "reps",
    "run_walks",
    "session_logs",
    "sides",
    "slots",
    "source_keys",
    "sources",
    "strategy_for",
    "symptoms",
    "tempos",
    "texts",
    "thresholds",
    "timeds",
    "values",
    "variants",
    "works",
]

T = TypeVar("T")

_LOWER = "abcdefghijklmnopqrstuvwxyz"
_ALNUM = _LOWER + "0123456789"
_VISIBLE = 'aZé0ß–×≤🦶"\\/'
_ALPHABET = _VISIBLE + " \n"

_ENUMS: tuple[type[enum.Enum], ...] = (
    Side,
    Grade,
    SourceKind,
    Region,
    Position,
    PlantarLoad,
    Equipment,
    AdviceTopic,
    LoadKind,
    BandResistance,
    Sex,
    SquatQuality,
    TibialRotation,
    ArchHeight,
    FirstRayMobility,
    ToeGrip,
    LegLengthKind,
    Link,
    Severity,
    FindingKind,
    PainMeasure,
    TestKind,
    SideScope,
    SideRule,
    Action,
)


# --- building blocks ---------------------------------------------------------------------------


def texts(*, non_empty: bool = False, max_size: int = 20) -> SearchStrategy[str]:
    """Short texts, with quotes, backslashes, a newline and non-ASCII characters.

    Args:
        non_empty: Only texts with at least one non-blank character, as
            names, titles, points and instructions need.
        max_size: The longest text drawn.

    Returns:
        A strategy for strings.
    """
    if not non_empty:
        return st.text(_ALPHABET, max_size=max_size)
    half = max(0, (max_size - 1) // 2)
    return st.tuples(
        st.text(_ALPHABET, max_size=half),
        st.sampled_from(_VISIBLE),
        st.text(_ALPHABET, max_size=half),
    ).map("".join)


_ID_HEAD = st.sampled_from(_LOWER)
_ALNUMS = st.text(_ALNUM, max_size=6)
_ID_TAIL = st.lists(st.text(_ALNUM, min_size=1, max_size=4), max_size=2)
_KEY_PARTS = st.lists(st.text(_ALNUM, min_size=1, max_size=6), min_size=1, max_size=3)


@st.composite
def _snake_case(draw: st.DrawFn) -> str:
    return "_".join([draw(_ID_HEAD) + draw(_ALNUMS), *draw(_ID_TAIL)])


_IDS = _snake_case()
_KEYS = _KEY_PARTS.map("-".join)


def ids() -> SearchStrategy[str]:
    """Snake_case ids (``split_squat``) as exercises, advice, ladders and tags use.

    Returns:
        A strategy for strings matching ``[a-z][a-z0-9]*(_[a-z0-9]+)*``.
    """
    return _IDS


def source_keys() -> SearchStrategy[str]:
    """Source keys (``rathleff-2015``) as sources and citations use.

    Returns:
        A strategy for strings matching ``[a-z0-9]+(-[a-z0-9]+)*``.
    """
    return _KEYS


@functools.cache
def _reals(low: int, high: int, *, above: bool = False) -> SearchStrategy[float]:
    """Finite numbers in ``[low, high]`` (``(low, high]`` with ``above``), whole or not."""
    return st.one_of(
        st.integers(low + 1 if above else low, high),
        st.floats(low, high, exclude_min=above, allow_nan=False, allow_infinity=False),
    )


_BOOLS = st.booleans()


def _maybe(draw: st.DrawFn, strategy: SearchStrategy[T]) -> T | None:
    """Draw ``None`` or a value (shrinking towards ``None``)."""
    return draw(strategy) if draw(_BOOLS) else None


def _unique(strategy: SearchStrategy[T], max_size: int = 3) -> SearchStrategy[tuple[T, ...]]:
    return st.lists(strategy, unique=True, max_size=max_size).map(tuple)


_SOME_KEYS = _unique(_KEYS)
_SOME_IDS = _unique(_IDS)
_TEXTS = texts()
_NAMES = texts(non_empty=True)
_LINES = st.lists(_NAMES, max_size=3).map(tuple)
_POINTS = st.lists(_NAMES, min_size=1, max_size=3).map(tuple)


def _cited(draw: st.DrawFn, cite: Sequence[str] | None) -> tuple[str, ...]:
    """Draw the source keys an item cites: any keys, or some of ``cite``."""
    if cite is None:
        return draw(_SOME_KEYS)
    if not cite:
        return ()
    return draw(_unique(st.sampled_from(tuple(cite))))


# --- core --------------------------------------------------------------------------------------


def sides() -> SearchStrategy[Side]:
    """Sides of the body.

    Returns:
        A strategy for :class:`~plantarkit.Side` members.
    """
    return st.sampled_from(Side)


def pains() -> SearchStrategy[Pain]:
    """Pain ratings from 0 to 10.

    Returns:
        A strategy for :class:`~plantarkit.Pain` values.
    """
    return st.integers(0, 10).map(Pain)


def bilaterals(elements: SearchStrategy[T]) -> SearchStrategy[Bilateral[T]]:
    """Values held per side, each side drawn from ``elements``.

    Args:
        elements: The strategy for each side's value.

    Returns:
        A strategy for :class:`~plantarkit.Bilateral` values.
    """
    return st.builds(Bilateral, left=elements, right=elements)


def grades() -> SearchStrategy[Grade]:
    """Evidence grades (A, B, U).

    Returns:
        A strategy for :class:`~plantarkit.Grade` members.
    """
    return st.sampled_from(Grade)


def enum_members() -> SearchStrategy[enum.Enum]:
    """Members of every public plantarkit enum (sides, regions, loads, ...).

    Returns:
        A strategy for enum members, each a document type of its own.
    """
    return st.one_of([st.sampled_from(e) for e in _ENUMS])


@st.composite
def sources(draw: st.DrawFn, *, keys: SearchStrategy[str] | None = None) -> Source:
    """Bibliographic sources.

    Args:
        keys: The strategy for the source's key; ``None`` draws any valid key.

    Returns:
        A strategy for :class:`~plantarkit.Source` values.
    """
    return Source(
        key=draw(keys if keys is not None else _KEYS),
        kind=draw(st.sampled_from(SourceKind)),
        title=draw(_NAMES),
        authors=draw(_LINES),
        year=_maybe(draw, st.integers(1800, 2100)),
        venue=draw(_TEXTS),
    )


@st.composite
def citations(draw: st.DrawFn, *, keys: SearchStrategy[str] | None = None) -> Citation:
    """Citations: a source key with an evidence grade and a detail.

    Args:
        keys: The strategy for the cited key; ``None`` draws any valid key.

    Returns:
        A strategy for :class:`~plantarkit.Citation` values.
    """
    return Citation(
        source=draw(keys if keys is not None else _KEYS),
        grade=draw(st.sampled_from(Grade)),
        detail=draw(_TEXTS),
    )


# --- doses -------------------------------------------------------------------------------------


@st.composite
def tempos(draw: st.DrawFn) -> Tempo:
    """Repetition tempos: each phase 0-60 s, at least one phase longer than zero.

    Returns:
        A strategy for :class:`~plantarkit.Tempo` values.
    """
    timed = draw(st.integers(0, 3))
    up, top, down, bottom = (draw(_reals(0, 60, above=i == timed)) for i in range(4))
    return Tempo(up=up, top=top, down=down, bottom=bottom)


@st.composite
def reps(draw: st.DrawFn) -> Reps:
    """Repetition work: a count, optionally a range with a minimum up to the count.

    Returns:
        A strategy for :class:`~plantarkit.Reps` values.
    """
    count = draw(st.integers(1, 500))
    return Reps(
        count=count,
        minimum=_maybe(draw, st.integers(1, count)),
        build_up=draw(_BOOLS),
        to_fatigue=draw(_BOOLS),
        each_direction=draw(_BOOLS),
    )


def holds() -> SearchStrategy[Hold]:
    """Static holds: up to 600 s each, 1-100 per set.

    Returns:
        A strategy for :class:`~plantarkit.Hold` values.
    """
    return st.builds(Hold, seconds=_reals(0, 600, above=True), reps=st.integers(1, 100))


def timeds() -> SearchStrategy[Timed]:
    """Timed bouts of up to a day.

    Returns:
        A strategy for :class:`~plantarkit.Timed` values.
    """
    return st.builds(Timed, seconds=_reals(0, 24 * 3600, above=True))


def run_walks() -> SearchStrategy[RunWalk]:
    """Run/walk intervals.

    Returns:
        A strategy for :class:`~plantarkit.RunWalk` values.
    """
    return st.builds(
        RunWalk,
        rounds=st.integers(1, 100),
        run_seconds=_reals(0, 4 * 3600, above=True),
        walk_seconds=_reals(0, 3600),
        walk_first=_BOOLS,
    )


def works() -> SearchStrategy[Work]:
    """Any kind of work: repetitions, holds, timed bouts or run/walk intervals.

    Returns:
        A strategy for :data:`~plantarkit.Work` values.
    """
    return _WORKS


@st.composite
def loads(draw: st.DrawFn) -> Load:
    """Resistances: body weight, a band of some resistance, or a weight (kg or to choose).

    Returns:
        A strategy for :class:`~plantarkit.Load` values.
    """
    kind = draw(st.sampled_from(LoadKind))
    if kind is LoadKind.BODY_WEIGHT:
        return Load()
    if kind is LoadKind.BAND:
        return Load(kind=kind, band=_maybe(draw, st.sampled_from(BandResistance)))
    return Load(kind=kind, kg=_maybe(draw, _reals(0, 500)))


@st.composite
def frequencies(draw: st.DrawFn) -> Frequency:
    """Training frequencies: every n days or n days a week, once or several times a day.

    Returns:
        A strategy for :class:`~plantarkit.Frequency` values.
    """
    times = draw(st.integers(1, 12))
    up_to = _maybe(draw, st.integers(times, 12))
    if not draw(_BOOLS):
        return Frequency(
            times_per_day=times, max_times_per_day=up_to, every_n_days=draw(st.integers(1, 14))
        )
    days = draw(st.integers(1, 7))
    return Frequency(
        times_per_day=times,
        max_times_per_day=up_to,
        every_n_days=None,
        days_per_week=days,
        non_consecutive=days <= 4 and draw(_BOOLS),
    )


@st.composite
def prescriptions(draw: st.DrawFn, *, work: SearchStrategy[Work] | None = None) -> Prescription:
    """Full doses; a tempo and an RM intensity only come with repetition work.

    Args:
        work: The strategy for the work per set; ``None`` draws any kind.

    Returns:
        A strategy for :class:`~plantarkit.Prescription` values.
    """
    drawn = draw(work if work is not None else _WORKS)
    sets = draw(st.integers(1, 20))
    is_reps = isinstance(drawn, Reps)
    return Prescription(
        work=drawn,
        sets=sets,
        max_sets=_maybe(draw, st.integers(sets, 20)),
        tempo=_maybe(draw, _TEMPOS) if is_reps else None,
        rest_seconds=_maybe(draw, st.integers(0, 900)),
        load=draw(_LOADS),
        # An RM load allows at most its RM in repetitions: never fewer RM than the count.
        rm=_maybe(draw, st.integers(drawn.count, 50))
        if isinstance(drawn, Reps) and drawn.count <= 50
        else None,
        each_side=draw(_BOOLS),
        height_cm=_maybe(draw, _reals(0, 150, above=True)),
        frequency=draw(_FREQUENCIES),
        note=draw(_TEXTS),
    )


# --- exercises, advice, ladders ----------------------------------------------------------------


@st.composite
def exercises(
    draw: st.DrawFn,
    *,
    ids: SearchStrategy[str] | None = None,
    cite: Sequence[str] | None = None,
) -> Exercise:
    """Exercises with a valid dose, unique equipment, tags and sources.

    Args:
        ids: The strategy for the exercise's id; ``None`` draws any snake_case id.
        cite: Source keys the exercise may cite; ``None`` draws any keys.

    Returns:
        A strategy for :class:`~plantarkit.Exercise` values.
    """
    return Exercise(
        id=draw(ids if ids is not None else _IDS),
        name=draw(_NAMES),
        region=draw(st.sampled_from(Region)),
        position=draw(st.sampled_from(Position)),
        plantar_load=draw(st.sampled_from(PlantarLoad)),
        dose=draw(_PRESCRIPTIONS),
        purpose=draw(_TEXTS),
        equipment=draw(_EQUIPMENT),
        targets=draw(_LINES),
        instructions=draw(_LINES),
        cues=draw(_LINES),
        sources=_cited(draw, cite),
        tags=draw(_SOME_IDS),
    )


@st.composite
def advice_items(
    draw: st.DrawFn,
    *,
    ids: SearchStrategy[str] | None = None,
    cite: Sequence[str] | None = None,
) -> Advice:
    """Advice items with at least one point.

    Args:
        ids: The strategy for the item's id; ``None`` draws any snake_case id.
        cite: Source keys the item may cite; ``None`` draws any keys.

    Returns:
        A strategy for :class:`~plantarkit.Advice` values.
    """
    return Advice(
        id=draw(ids if ids is not None else _IDS),
        name=draw(_NAMES),
        topic=draw(st.sampled_from(AdviceTopic)),
        points=draw(_POINTS),
        sources=_cited(draw, cite),
        tags=draw(_SOME_IDS),
    )


@st.composite
def ladder_steps(draw: st.DrawFn, *, exercise_ids: Sequence[str] | None = None) -> LadderStep:
    """Single ladder rungs, with the exercise's default dose or their own.

    Args:
        exercise_ids: Exercise ids the rung may name; ``None`` draws any id.

    Returns:
        A strategy for :class:`~plantarkit.LadderStep` values.
    """
    exercise = draw(st.sampled_from(tuple(exercise_ids)) if exercise_ids else _IDS)
    return LadderStep(exercise=exercise, dose=_maybe(draw, _PRESCRIPTIONS), note=draw(_TEXTS))


def _resolved_by(
    default: Prescription | None,
) -> Callable[[Prescription | None], Prescription | None]:
    """Key a rung's dose by the dose it stands for (``None``: the default dose)."""
    return lambda dose: default if dose is None else dose


@st.composite
def ladders(
    draw: st.DrawFn,
    *,
    ids: SearchStrategy[str] | None = None,
    exercises: Sequence[Exercise] | None = None,
    cite: Sequence[str] | None = None,
) -> Ladder:
    """Progression ladders that never loop.

    The rungs visit some of ``exercises`` in the given order, each in one run
    of one to three rungs whose doses differ once a rung without a dose is
    read as the exercise's default dose. Ladders drawn over the same
    ``exercises`` therefore never repeat a rung, never return to an exercise
    and never form a cycle between them.

    Args:
        ids: The strategy for the ladder's id; ``None`` draws any snake_case id.
        exercises: Exercises the rungs may use, easiest first; ``None`` (or
            empty) names fresh exercise ids, which a catalogue would lack.
        cite: Source keys the ladder may cite; ``None`` draws any keys.

    Returns:
        A strategy for :class:`~plantarkit.Ladder` values.
    """
    order: list[tuple[str, Prescription | None]] = (
        [(e.id, e.dose) for e in exercises]
        if exercises
        else [(i, None) for i in draw(_FRESH_ORDER)]
    )
    picked = sorted(
        draw(
            st.lists(
                st.integers(0, len(order) - 1), unique=True, min_size=1, max_size=min(4, len(order))
            )
        )
    )
    steps: list[LadderStep] = []
    for i in picked:
        exercise, default = order[i]
        doses = st.lists(
            _MAYBE_PRESCRIPTIONS,
            unique_by=_resolved_by(default),
            min_size=1 if len(picked) > 1 else 2,
            max_size=3,
        )
        steps.extend(LadderStep(exercise=exercise, dose=d, note=draw(_TEXTS)) for d in draw(doses))
    return Ladder(
        id=draw(ids if ids is not None else _IDS),
        name=draw(_NAMES),
        steps=tuple(steps),
        criterion=draw(_TEXTS),
        sources=_cited(draw, cite),
        note=draw(_TEXTS),
    )


@st.composite
def catalogues(
    draw: st.DrawFn,
    *,
    min_exercises: int = 0,
    max_exercises: int = 4,
    max_advice: int = 2,
    min_ladders: int = 0,
    max_ladders: int = 2,
    max_sources: int = 3,
) -> Catalogue:
    """Consistent catalogues.

    Ids are unique across exercises and advice, every ladder rung names an
    exercise of the catalogue, ladders follow the exercises' order (so they
    never loop, alone or together) and every cited source is included.

    Args:
        min_exercises: Fewest exercises drawn.
        max_exercises: Most exercises drawn.
        max_advice: Most advice items drawn.
        min_ladders: Fewest ladders drawn; more than zero implies at least
            one exercise.
        max_ladders: Most ladders drawn (none when there is no exercise).
        max_sources: Most sources drawn.

    Returns:
        A strategy for :class:`~plantarkit.Catalogue` values.
    """
    keys = draw(st.lists(_KEYS, unique=True, max_size=max_sources))
    n_exercises = draw(st.integers(max(min_exercises, min(min_ladders, 1)), max_exercises))
    n_advice = draw(st.integers(0, max_advice))
    n_items = n_exercises + n_advice
    item_ids = draw(st.lists(_IDS, unique=True, min_size=n_items, max_size=n_items))
    drills = tuple(draw(exercises(ids=st.just(i), cite=keys)) for i in item_ids[:n_exercises])
    n_ladders = draw(st.integers(min_ladders, max_ladders)) if drills else 0
    ladder_ids = draw(st.lists(_IDS, unique=True, min_size=n_ladders, max_size=n_ladders))
    return Catalogue(
        exercises=drills,
        advice=tuple(draw(advice_items(ids=st.just(i), cite=keys)) for i in item_ids[n_exercises:]),
        ladders=tuple(
            draw(ladders(ids=st.just(i), exercises=drills, cite=keys)) for i in ladder_ids
        ),
        sources=tuple(draw(sources(keys=st.just(k))) for k in keys),
    )


@st.composite
def variants(draw: st.DrawFn) -> Variant:
    """Resolved ladder rungs: a ladder id, a position, an exercise and a dose.

    Returns:
        A strategy for :class:`~plantarkit.Variant` values.
    """
    exercise = draw(_EXERCISES)
    return Variant(
        ladder=draw(_IDS),
        index=draw(st.integers(0, 20)),
        exercise=exercise,
        dose=draw(st.one_of(st.just(exercise.dose), _PRESCRIPTIONS)),
        note=draw(_TEXTS),
    )


# --- kinetic-chain assessment ------------------------------------------------------------------


def _opt_bilateral(elements: SearchStrategy[T]) -> SearchStrategy[Bilateral[T | None]]:
    return bilaterals(st.one_of(st.none(), elements))


@st.composite
def symptoms(draw: st.DrawFn) -> Symptoms:
    """Symptoms: painful side(s), first-step pain, duration, age and sex, each maybe missing."""
    return Symptoms(
        painful_sides=draw(_unique(st.sampled_from(Side), max_size=2)),
        first_step_pain=draw(st.one_of(st.none(), pains())),
        duration_weeks=draw(st.one_of(st.none(), _reals(0, 520))),
        age=draw(st.one_of(st.none(), st.integers(0, 120))),
        sex=draw(st.one_of(st.none(), st.sampled_from(Sex))),
    )


@st.composite
def leg_lengths(draw: st.DrawFn) -> LegLength:
    """A leg-length difference of 0 to 40 mm on either side."""
    return LegLength(
        difference_mm=draw(_reals(0, 40)),
        shorter=draw(st.sampled_from(Side)),
        kind=draw(st.sampled_from(LegLengthKind)),
    )


def red_flag_screens(*, positive: bool | None = None) -> SearchStrategy[RedFlagScreen]:
    """Red-flag screens.

    Args:
        positive: ``True`` draws screens with at least one positive answer,
            ``False`` screens with none, ``None`` (default) either.
    """
    answers = (
        st.sampled_from([None, False])
        if positive is False
        else st.sampled_from([None, False, True])
    )
    screen = st.fixed_dictionaries(dict.fromkeys(RED_FLAGS, answers))
    if positive:
        screen = st.tuples(screen, st.sampled_from(sorted(RED_FLAGS))).map(
            lambda pair: {**pair[0], pair[1]: True}
        )
    return screen.map(lambda answers: RedFlagScreen(**answers))


@st.composite
def assessments(draw: st.DrawFn, *, red_flags: bool | None = False) -> Assessment:
    """Assessments with any mix of measured and missing values, within each test's range.

    Args:
        red_flags: ``False`` (default) draws a screen with no positive answer,
            ``True`` at least one positive answer, ``None`` either.
    """
    return Assessment(
        symptoms=draw(symptoms()),
        hip_internal_rotation_deg=draw(_opt_bilateral(_reals(0, 90))),
        trendelenburg=draw(_opt_bilateral(_BOOLS)),
        single_leg_squat=draw(_opt_bilateral(st.sampled_from(SquatQuality))),
        hip_abduction_strength=draw(_opt_bilateral(_reals(0, 500))),
        pelvis_level=draw(st.one_of(st.none(), _BOOLS)),
        pelvis_rotated=draw(st.one_of(st.none(), _BOOLS)),
        leg_length=draw(st.one_of(st.none(), leg_lengths())),
        tibial_rotation=draw(_opt_bilateral(st.sampled_from(TibialRotation))),
        lunge_cm=draw(_opt_bilateral(_reals(0, 30))),
        heel_raise_reps=draw(_opt_bilateral(st.integers(0, 60))),
        arch_height=draw(_opt_bilateral(st.sampled_from(ArchHeight))),
        navicular_drop_mm=draw(_opt_bilateral(_reals(0, 40))),
        foot_posture_index=draw(_opt_bilateral(st.integers(-12, 12))),
        first_ray_mobility=draw(_opt_bilateral(st.sampled_from(FirstRayMobility))),
        toe_grip=draw(_opt_bilateral(st.sampled_from(ToeGrip))),
        red_flags=draw(red_flag_screens(positive=red_flags)),
    )


@st.composite
def thresholds(draw: st.DrawFn) -> Threshold:
    """A threshold value with a citation."""
    return Threshold(value=draw(_reals(-20, 100)), citation=draw(citations()))


def chain_norms() -> SearchStrategy[ChainNorms]:
    """The default norms, or norms with one threshold moved (as a clinician might)."""
    moved = st.tuples(
        st.sampled_from(
            [
                "hip_ir_normal_min",
                "lunge_normal_min",
                "lunge_error_cm",
                "heel_raise_error_reps",
                "navicular_drop_mm",
                "leg_length_mm",
            ]
        ),
        _reals(0, 40),
    ).map(lambda change: _moved_norms(*change))
    extras = st.builds(
        _other_norms,
        amplification_models(),
        st.lists(heel_raise_norms(), min_size=1, max_size=3).map(tuple),
    )
    return st.one_of(st.just(ChainNorms()), moved, extras)


def amplification_models() -> SearchStrategy[AmplificationModel]:
    """The distal amplification model with any factors."""
    return st.builds(
        AmplificationModel,
        tibia_per_hip_degree=_reals(0, 10),
        subtalar_per_hip_degree=_reals(0, 10),
        citation=citations(),
    )


def heel_raise_norms() -> SearchStrategy[HeelRaiseNorm]:
    """A heel-raise reference value for a sex and age band."""
    return st.builds(
        HeelRaiseNorm,
        reps=_reals(0, 60),
        citation=citations(),
        sex=st.one_of(st.none(), st.sampled_from(Sex)),
        min_age=st.integers(0, 60),
        max_age=st.integers(60, 120),
    )


def _other_norms(model: AmplificationModel, norms: tuple[HeelRaiseNorm, ...]) -> ChainNorms:
    return ChainNorms(amplification=model, heel_raise_norms=norms)


def _moved_norms(name: str, value: float) -> ChainNorms:
    norms = ChainNorms()
    old: Threshold = getattr(norms, name)
    changes: dict[str, Any] = {name: Threshold(value=value, citation=old.citation)}
    return attrs.evolve(norms, **changes)


def chain_reports(*, red_flags: bool | None = None) -> SearchStrategy[ChainReport]:
    """Reports made by :func:`plantarkit.assess` from drawn assessments and norms."""
    return st.builds(assess, assessments(red_flags=red_flags), chain_norms())


@st.composite
def findings(draw: st.DrawFn) -> Finding:
    """A finding with any link, kind, side and severity (not necessarily one assess() makes)."""
    return Finding(
        link=draw(st.sampled_from(Link)),
        kind=draw(st.sampled_from(FindingKind)),
        side=draw(st.one_of(st.none(), st.sampled_from(Side))),
        severity=draw(st.sampled_from(Severity)),
        measure=draw(_NAMES),
        value=draw(_NAMES),
        reference=draw(_NAMES),
        citation=draw(citations()),
        explanation=draw(_NAMES),
        measured=draw(st.one_of(st.none(), _reals(-100, 100))),
    )


@st.composite
def red_flags(draw: st.DrawFn, *, item: str | None = None) -> RedFlag:
    """A positive red flag of the screen (``item`` chosen, or drawn)."""
    chosen = item if item is not None else draw(st.sampled_from(sorted(RED_FLAGS)))
    return RedFlag(
        item=chosen,
        finding=RED_FLAGS[chosen][0],
        suggests=RED_FLAGS[chosen][1],
        citation=draw(citations()),
    )


@st.composite
def referrals(draw: st.DrawFn) -> Referral:
    """A referral with one or more red flags."""
    items = draw(st.lists(st.sampled_from(sorted(RED_FLAGS)), min_size=1, max_size=3, unique=True))
    flags = tuple(draw(red_flags(item=item)) for item in items)
    return Referral(flags=flags, advice=draw(_NAMES))


@st.composite
def emphases(draw: st.DrawFn) -> Emphasis:
    """Exercises for one finding kind (ids need not exist in a catalogue)."""
    return Emphasis(
        kind=draw(st.sampled_from(FindingKind)),
        side=draw(st.one_of(st.none(), st.sampled_from(Side))),
        exercises=draw(st.lists(_IDS, min_size=1, max_size=3, unique=True).map(tuple)),
    )


# --- protocols and programmes ------------------------------------------------------------------


def _maybe_citation() -> SearchStrategy[Citation | None]:
    return st.one_of(st.none(), citations())


def _gate_members() -> dict[type[Any], SearchStrategy[Any]]:
    return {
        PainAtMost: st.builds(
            PainAtMost,
            measure=st.sampled_from(PainMeasure),
            at_most=st.integers(0, 10),
            days=st.integers(1, 14),
            citation=_maybe_citation(),
        ),
        TestAtLeast: st.builds(
            TestAtLeast,
            test=st.sampled_from(TestKind),
            at_least=_reals(0, 60),
            sides=st.sampled_from(SideScope),
            citation=_maybe_citation(),
        ),
        NoTrendelenburg: st.builds(NoTrendelenburg, citation=_maybe_citation()),
        ExercisesMastered: st.builds(ExercisesMastered, citation=_maybe_citation()),
        WeeksInPhase: st.builds(
            WeeksInPhase, at_least=st.integers(0, 12), citation=_maybe_citation()
        ),
        NoRedFlags: st.builds(NoRedFlags, citation=_maybe_citation()),
    }


def gates() -> SearchStrategy[Gate]:
    """Any kind of gate, with in-range thresholds."""
    return st.one_of(*_gate_members().values())


def measured_tests() -> SearchStrategy[TestResult]:
    """A test result on one side or for the whole person."""
    return st.builds(
        TestResult,
        test=st.sampled_from(TestKind),
        value=_reals(0, 60),
        side=st.one_of(st.none(), st.sampled_from(Side)),
    )


def pain_records() -> SearchStrategy[PainRecord]:
    """One pain rating on one day."""
    return st.builds(
        PainRecord, day=st.integers(1, 60), measure=st.sampled_from(PainMeasure), pain=pains()
    )


def dose_steps() -> SearchStrategy[DoseStep]:
    """A dose from a programme week on."""
    return st.builds(DoseStep, from_week=st.integers(1, 12), dose=_PRESCRIPTIONS)


@st.composite
def evidences(draw: st.DrawFn) -> Evidence:
    """Evidence for gate checks, with any part missing."""
    records = draw(st.lists(pain_records(), max_size=8))
    tests = draw(st.lists(measured_tests(), max_size=4))
    return Evidence(
        pain=tuple(records),
        tests=tuple(tests),
        trendelenburg=draw(_opt_bilateral(_BOOLS)),
        mastered=draw(st.one_of(st.none(), _BOOLS)),
        weeks_in_phase=draw(st.one_of(st.none(), st.integers(0, 20))),
        red_flags=draw(st.one_of(st.none(), _BOOLS)),
        painful_sides=draw(_unique(st.sampled_from(Side), max_size=2)),
    )


@st.composite
def slots(draw: st.DrawFn, *, max_load: PlantarLoad = PlantarLoad.HIGH) -> Slot:
    """A slot naming a built-in exercise (foot load at most ``max_load``) or advice item."""
    cat = builtin_catalogue()
    allowed = [e.id for e in cat.filter(max_plantar_load=max_load)]
    if draw(st.integers(0, 5)) == 0:
        return Slot(item=draw(st.sampled_from([a.id for a in cat.advice])), note=draw(_TEXTS))
    schedule = draw(st.lists(st.integers(1, 12), max_size=2, unique=True).map(sorted))
    return Slot(
        item=draw(st.sampled_from(allowed)),
        dose=draw(st.one_of(st.none(), _PRESCRIPTIONS)),
        schedule=tuple(DoseStep(from_week=w, dose=draw(_PRESCRIPTIONS)) for w in schedule),
        sides=draw(st.sampled_from(SideRule)),
        progression=tuple(draw(st.lists(progression_rules(), max_size=2))),
        note=draw(_TEXTS),
    )


@st.composite
def phases(draw: st.DrawFn, *, start_week: int | None = None, phase_id: str | None = None) -> Phase:
    """A phase of built-in exercises that respects its own foot-load limit."""
    max_load = draw(st.sampled_from(PlantarLoad))
    start = start_week if start_week is not None else draw(st.integers(1, 12))
    end = draw(st.one_of(st.none(), st.integers(start, start + 8)))
    drawn = draw(st.lists(slots(max_load=max_load), min_size=1, max_size=4))
    unique = tuple({slot.item: slot for slot in drawn}.values())
    return Phase(
        id=phase_id if phase_id is not None else draw(_IDS),
        name=draw(_NAMES),
        start_week=start,
        end_week=end,
        slots=unique,
        max_plantar_load=max_load,
        goals=draw(_LINES),
        entry_gates=tuple(draw(st.lists(gates(), max_size=2))),
        exit_gates=tuple(draw(st.lists(gates(), max_size=2))),
        pain_rule=draw(_TEXTS),
        pain_limits=tuple(draw(st.lists(pain_rules(), max_size=2))),
        maintenance=draw(_BOOLS),
    )


@st.composite
def _custom_protocol(draw: st.DrawFn) -> Protocol:
    ids = draw(st.lists(_IDS, min_size=1, max_size=3, unique=True))
    starts = [
        1,
        *sorted(draw(st.lists(st.integers(1, 10), min_size=len(ids) - 1, max_size=len(ids) - 1))),
    ]
    return Protocol(
        id=draw(_IDS),
        name=draw(_NAMES),
        phases=tuple(
            draw(phases(start_week=w, phase_id=i)) for w, i in zip(starts, ids, strict=True)
        ),
        summary=draw(_TEXTS),
    )


def _builtin_protocol(protocol_id: str) -> Protocol:
    return next(p for p in builtin_protocols() if p.id == protocol_id)


def rehab_protocols() -> SearchStrategy[Protocol]:
    """A built-in protocol, or a random one made of built-in exercises."""
    # Sampled by id: hypothesis writes a strategy's repr into its reports, and the repr of the
    # protocols themselves is large enough (over 30 kB) to raise a warning of its own.
    builtin = st.sampled_from(tuple(p.id for p in builtin_protocols())).map(_builtin_protocol)
    return st.one_of(builtin, _custom_protocol())


def programs(*, max_weeks: int = 8) -> SearchStrategy[Program]:
    """Programmes built by :func:`plantarkit.build_program` from drawn inputs (no red flags)."""
    return st.builds(
        build_program,
        st.one_of(st.none(), assessments(red_flags=False)),
        rehab_protocols(),
        weeks=st.integers(1, max_weeks),
        start_date=st.one_of(st.none(), st.dates()),
    )


# --- pain rules ------------------------------------------------------------------------------


@st.composite
def pain_reports(draw: st.DrawFn, *, day: int | None = None) -> PainReport:
    """A pain report with any ratings missing."""
    maybe = st.one_of(st.none(), pains())
    return PainReport(
        day=day if day is not None else draw(st.integers(1, 90)),
        exercise=draw(st.one_of(st.none(), _IDS)),
        first_step=draw(maybe),
        during=draw(maybe),
        after=draw(maybe),
        next_morning=draw(maybe),
        stiffness=draw(maybe),
        settled_minutes=draw(st.one_of(st.none(), _reals(0, 60))),
    )


def _pain_rule_members() -> dict[type[Any], SearchStrategy[Any]]:
    limit = st.integers(0, 10)
    return {
        PainModel: st.tuples(limit, limit).flatmap(
            lambda limits: st.builds(
                PainModel,
                during_max=st.just(limits[0]),
                after_max=st.just(limits[1]),
                safe_max=st.integers(0, min(limits)),  # the safe zone sits below both limits
                weekly_rise=_BOOLS,
                weekly_tolerance=st.sampled_from([0, 0.5, 1, 2]),
                citation=citations(),
            )
        ),
        IsometricRule: st.builds(
            IsometricRule,
            below=st.integers(1, 11),
            settle_minutes=_reals(0, 60),
            citation=citations(),
        ),
        NextDayRule: st.builds(
            NextDayRule,
            tolerance=limit,
            ceiling=st.one_of(st.none(), limit),
            citation=citations(),
            ceiling_citation=citations(),
        ),
        CautiousRule: st.builds(CautiousRule, at_most=limit, citation=citations()),
    }


def pain_rules() -> SearchStrategy[PainRule]:
    """Any pain rule, with in-range parameters."""
    return st.one_of(*_pain_rule_members().values())


@st.composite
def pain_checks(draw: st.DrawFn) -> PainCheck:
    """One check a pain rule made on a drawn report."""
    checks = evaluate(draw(pain_rules()), draw(pain_reports()))
    return draw(st.sampled_from(checks))


# --- progression rules and the engine ---------------------------------------------------------


def _base_progression_members() -> dict[type[Any], SearchStrategy[Any]]:
    sessions = st.one_of(st.none(), st.integers(1, 5))
    kg = _reals(1, 10, above=True)
    carrier = st.sampled_from([k for k in LoadKind if k is not LoadKind.BODY_WEIGHT])
    return {
        LadderUp: st.builds(
            LadderUp,
            sessions=sessions,
            max_pain_during=st.one_of(st.none(), st.integers(0, 10)),
            citation=_maybe_citation(),
        ),
        LoadUp: st.builds(
            LoadUp,
            step_kg=kg,
            max_kg=st.one_of(st.none(), _reals(10, 100, above=True)),
            carrier=carrier,
            sessions=sessions,
            citation=_maybe_citation(),
        ),
        DoubleProgression: st.integers(1, 20).flatmap(
            lambda low: st.builds(
                DoubleProgression,
                low=st.just(low),
                high=st.integers(low, low + 10),
                rep_step=st.integers(1, 3),
                load_step_kg=st.one_of(st.none(), kg),
                carrier=carrier,
                sessions=sessions,
                citation=_maybe_citation(),
            )
        ),
        VolumeUp: st.builds(
            VolumeUp,
            seconds_step=_reals(1, 15, above=True),
            max_seconds=_reals(10, 120, above=True),
            set_step=st.integers(1, 2),
            max_sets=st.integers(1, 8),
            sessions=sessions,
            citation=_maybe_citation(),
        ),
        RunWalkUp: st.builds(
            RunWalkUp,
            run_step_seconds=_reals(10, 120, above=True),
            max_run_seconds=_reals(60, 3600, above=True),
            keep_minutes=_BOOLS,
            max_pain_during=st.integers(0, 10),
            sessions=sessions,
            citation=_maybe_citation(),
        ),
    }


def _progression_members() -> dict[type[Any], SearchStrategy[Any]]:
    members = _base_progression_members()
    base = st.one_of(*members.values())
    work_kinds = _unique(st.sampled_from(["reps", "hold", "timed", "run_walk"]), max_size=2)
    return {
        **members,
        WeeklyTable: st.builds(
            WeeklyTable, within=st.lists(base, max_size=2).map(tuple), citation=_maybe_citation()
        ),
        Only: st.builds(
            Only,
            rules=st.lists(base, min_size=1, max_size=2).map(tuple),
            exercises=_unique(_IDS, max_size=2),
            work=work_kinds,
        ),
    }


def progression_rules() -> SearchStrategy[ProgressionRule]:
    """Any built-in progression rule, with in-range parameters (nested one level deep)."""
    return st.one_of(*_progression_members().values())


def _regression_members() -> dict[type[Any], SearchStrategy[Any]]:
    fractions = st.sampled_from([0.5, 0.75, 0.8, 0.9])
    return {
        LadderDown: st.builds(LadderDown, citation=_maybe_citation()),
        LessLoad: st.builds(
            LessLoad, step_kg=_reals(1, 10, above=True), citation=_maybe_citation()
        ),
        FewerSets: st.builds(
            FewerSets,
            step=st.integers(1, 3),
            min_sets=st.integers(1, 3),
            citation=_maybe_citation(),
        ),
        LessWork: st.builds(
            LessWork,
            reps_fraction=fractions,
            seconds_fraction=fractions,
            rounds_step=st.integers(1, 3),
            citation=_maybe_citation(),
        ),
    }


def regression_rules() -> SearchStrategy[RegressionRule]:
    """Any built-in regression rule, with in-range parameters."""
    return st.one_of(*_regression_members().values())


def engine_rules() -> SearchStrategy[EngineRules]:
    """Engine parameters with built-in rule values only (so they round-trip through JSON)."""
    return st.builds(
        EngineRules,
        sessions_to_progress=st.integers(1, 4),
        min_days_in_phase=st.integers(1, 21),
        gap_days=st.integers(1, 21),
        pain_rule=pain_rules(),
        hold_rule=pain_rules(),
        progression=st.lists(progression_rules(), min_size=1, max_size=3).map(tuple),
        regression=st.lists(regression_rules(), min_size=1, max_size=3).map(tuple),
        flare_steps_back=_BOOLS,
        protocol_rules=_BOOLS,
        next_morning_later=_BOOLS,
    )


@st.composite
def exercise_states(draw: st.DrawFn) -> ExerciseState:
    """An exercise's state: a built-in exercise, maybe placed on one of its ladders."""
    cat = builtin_catalogue()
    exercise = draw(st.sampled_from([e.id for e in cat]))
    placed = cat.ladders_of(exercise)
    ladder = draw(st.one_of(st.none(), st.sampled_from(placed))) if placed else None
    rung = None
    if ladder is not None:
        rung = next(i for i, s in enumerate(ladder.steps) if s.exercise == exercise)
    return ExerciseState(
        exercise=exercise,
        dose=draw(_PRESCRIPTIONS),
        ladder=None if ladder is None else ladder.id,
        rung=rung,
        good_sessions=draw(st.integers(0, 5)),
        progression=tuple(draw(st.lists(progression_rules(), max_size=2))),
    )


@st.composite
def exercise_logs(draw: st.DrawFn, *, exercise: str | None = None) -> ExerciseLog:
    """What was done of one exercise (skipped, or some sets)."""
    skipped = draw(_BOOLS)
    return ExerciseLog(
        exercise=exercise if exercise is not None else draw(_IDS),
        sets=() if skipped else tuple(draw(st.lists(_reals(0, 60), max_size=5))),
        skipped=skipped,
        load_kg=draw(st.one_of(st.none(), _reals(0, 40))),
        side=draw(st.one_of(st.none(), st.sampled_from(Side))),
        effort=draw(st.one_of(st.none(), st.integers(0, 10))),
        note=draw(_TEXTS),
    )


@st.composite
def session_logs(draw: st.DrawFn, *, day: int | None = None) -> SessionLog:
    """A session log (not tied to any state: use it for JSON and validation tests)."""
    when = day if day is not None else draw(st.integers(1, 90))
    exercises = draw(st.lists(exercise_logs(), max_size=3, unique_by=lambda e: e.exercise))
    return SessionLog(
        day=when,
        exercises=tuple(exercises),
        pain=tuple(draw(st.lists(pain_reports(day=when), max_size=2))),
        tests=tuple(draw(st.lists(measured_tests(), max_size=2))),
        trendelenburg=draw(_opt_bilateral(_BOOLS)),
        red_flags=draw(st.one_of(st.none(), red_flag_screens())),
    )


def program_states() -> SearchStrategy[ProgramState]:
    """The first state of a drawn programme (:func:`plantarkit.progression.start`)."""
    return st.builds(start, programs(max_weeks=3))


@st.composite
def advances(draw: st.DrawFn) -> Advance:
    """The result of advancing a drawn programme's first state by a drawn session."""
    state = draw(program_states())
    day = draw(st.integers(1, 14))
    logs: list[ExerciseLog] = []
    for e in state.exercises:
        if draw(_BOOLS):
            most = e.dose.max_sets or e.dose.sets
            sets = draw(st.lists(_reals(0, 60), max_size=most))
            logs.append(ExerciseLog(exercise=e.exercise, sets=tuple(sets)))
    pain = attrs.evolve(draw(pain_reports(day=day)), exercise=None)
    flags = draw(st.one_of(st.none(), red_flag_screens()))
    log = SessionLog(day=day, exercises=tuple(logs), pain=(pain,), red_flags=flags)
    return advance(state, log)


def decisions() -> SearchStrategy[Decision]:
    """A decision (for an exercise or the phase) of a drawn session."""
    return advances().flatmap(lambda a: st.sampled_from((*a.decisions, a.phase)))


def reasons() -> SearchStrategy[Reason]:
    """A reason given for a decision of a drawn session."""
    return decisions().flatmap(lambda d: st.sampled_from(d.reasons))


def program_weeks() -> SearchStrategy[Week]:
    """A week of a drawn programme."""
    return programs(max_weeks=3).flatmap(lambda p: st.sampled_from(p.weeks))


def program_sessions() -> SearchStrategy[Session]:
    """A session of a drawn programme."""
    return (
        program_weeks()
        .filter(lambda w: bool(w.sessions))
        .flatmap(lambda w: st.sampled_from(w.sessions))
    )


def program_items() -> SearchStrategy[ProgramItem]:
    """One exercise of a session of a drawn programme."""
    return (
        program_sessions()
        .filter(lambda s: bool(s.items))
        .flatmap(lambda s: st.sampled_from(s.items))
    )


def values() -> SearchStrategy[Any]:
    """Any public plantarkit value that can be written as a document.

    Returns:
        A strategy drawing from every strategy of this module (enums, pain,
        per-side numbers, sources, doses, exercises, ladders, catalogues ...).
    """
    return _VALUES


# --- strategies shared by the composites above, built once --------------------------------------

_TEMPOS = tempos()
_WORKS: SearchStrategy[Work] = st.one_of(reps(), holds(), timeds(), run_walks())
_LOADS = loads()
_FREQUENCIES = frequencies()
_PRESCRIPTIONS = prescriptions()
_EQUIPMENT = _unique(st.sampled_from(Equipment))
_EXERCISES = exercises()
_FRESH_ORDER = st.lists(_IDS, unique=True, min_size=1, max_size=4)
_MAYBE_PRESCRIPTIONS = st.one_of(st.none(), _PRESCRIPTIONS)
_MEASURES: SearchStrategy[float] = st.one_of(
    st.integers(-(10**6), 10**6), st.floats(allow_nan=False, allow_infinity=False)
)
_VALUES: SearchStrategy[Any] = st.one_of(
    enum_members(),
    pains(),
    bilaterals(_MEASURES),
    sources(),
    citations(),
    _TEMPOS,
    reps(),
    holds(),
    timeds(),
    run_walks(),
    _LOADS,
    _FREQUENCIES,
    _PRESCRIPTIONS,
    _EXERCISES,
    advice_items(),
    ladder_steps(),
    ladders(),
    variants(),
    catalogues(),
    symptoms(),
    leg_lengths(),
    red_flag_screens(),
    assessments(red_flags=None),
    thresholds(),
    chain_norms(),
    chain_reports(),
    findings(),
    referrals(),
    emphases(),
    gates(),
    evidences(),
    rehab_protocols(),
    programs(max_weeks=3),
    pain_reports(),
    pain_rules(),
    measured_tests(),
    progression_rules(),
    regression_rules(),
    engine_rules(),
    exercise_states(),
    session_logs(),
    program_states(),
    advances(),
    dose_steps(),
)


# --- registration ------------------------------------------------------------------------------


def _bilateral_from_type(thing: type[Bilateral[Any]]) -> SearchStrategy[Bilateral[Any]]:
    args = typing.get_args(thing)
    if not args:
        return bilaterals(_MEASURES)
    own = _registry().get(args[0])  # plantarkit's own types, registered with hypothesis or not
    return bilaterals(own if own is not None else st.from_type(args[0]))


@functools.cache
def _registry() -> dict[type[Any], SearchStrategy[Any]]:
    return {
        Pain: pains(),
        Source: sources(),
        Citation: citations(),
        Tempo: _TEMPOS,
        Reps: reps(),
        Hold: holds(),
        Timed: timeds(),
        RunWalk: run_walks(),
        Load: _LOADS,
        Frequency: _FREQUENCIES,
        Prescription: _PRESCRIPTIONS,
        Exercise: _EXERCISES,
        Advice: advice_items(),
        LadderStep: ladder_steps(),
        Ladder: ladders(),
        Variant: variants(),
        Catalogue: catalogues(),
        Symptoms: symptoms(),
        LegLength: leg_lengths(),
        RedFlagScreen: red_flag_screens(),
        Assessment: assessments(red_flags=None),
        Threshold: thresholds(),
        ChainNorms: chain_norms(),
        ChainReport: chain_reports(),
        Finding: findings(),
        Referral: referrals(),
        Emphasis: emphases(),
        Evidence: evidences(),
        Slot: slots(),
        Phase: phases(),
        Protocol: rehab_protocols(),
        Program: programs(),
        PainReport: pain_reports(),
        TestResult: measured_tests(),
        EngineRules: engine_rules(),
        ExerciseState: exercise_states(),
        ExerciseLog: exercise_logs(),
        SessionLog: session_logs(),
        ProgramState: program_states(),
        HeelRaiseNorm: heel_raise_norms(),
        AmplificationModel: amplification_models(),
        RedFlag: red_flags(),
        PainRecord: pain_records(),
        DoseStep: dose_steps(),
        ProgramItem: program_items(),
        Session: program_sessions(),
        Week: program_weeks(),
        PainCheck: pain_checks(),
        Reason: reasons(),
        Decision: decisions(),
        Advance: advances(),
        **_gate_members(),
        **_pain_rule_members(),
        **_progression_members(),
        **_regression_members(),
    }


def registered_types() -> tuple[type[Any], ...]:
    """The classes :func:`register` gives strategies for (``Bilateral`` as well)."""
    return (*_registry(), Bilateral)


def strategy_for(thing: Any) -> SearchStrategy[Any]:
    """The strategy this module uses for a plantarkit type (``Bilateral[T]`` included).

    Raises:
        InvalidValueError: ``thing`` is not a type this module has a strategy for.
    """
    origin = typing.get_origin(thing) or thing
    if origin is Bilateral:
        return _bilateral_from_type(thing)
    strategy = _registry().get(thing)
    if strategy is None:
        raise InvalidValueError("$", f"no plantarkit strategy for {thing!r}")
    return strategy


def register() -> None:
    """Register these strategies with hypothesis, so ``st.from_type`` uses them.

    Hypothesis does this itself through its entry point when plantarkit is
    installed; call it yourself only when running from a source tree.
    Calling it again is harmless.
    """
    for cls in registered_types():
        st.register_type_strategy(cls, strategy_for)
