"""Strategies for doses, exercises, advice, ladders and catalogues."""

from collections.abc import Callable, Sequence

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

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
from plantarkit.testing._base import (
    BOOLS,
    IDS,
    KEYS,
    LINES,
    NAMES,
    POINTS,
    SOME_IDS,
    TEXTS,
    draw_cited,
    draw_maybe,
    reals,
    unique_tuples,
)
from plantarkit.testing._core import sources
from plantarkit.testing._table import provides


@provides(Tempo)
@st.composite
def tempos(draw: st.DrawFn) -> Tempo:
    """Repetition tempos: each phase 0-60 s, at least one phase longer than zero.

    Returns:
        A strategy for :class:`~plantarkit.Tempo` values.
    """
    timed = draw(st.integers(0, 3))
    up, top, down, bottom = (draw(reals(0, 60, above=i == timed)) for i in range(4))
    return Tempo(up=up, top=top, down=down, bottom=bottom)


@provides(Reps)
@st.composite
def reps(draw: st.DrawFn) -> Reps:
    """Repetition work: a count, optionally a range with a minimum up to the count.

    Returns:
        A strategy for :class:`~plantarkit.Reps` values.
    """
    count = draw(st.integers(1, 500))
    return Reps(
        count=count,
        minimum=draw_maybe(draw, st.integers(1, count)),
        build_up=draw(BOOLS),
        to_fatigue=draw(BOOLS),
        each_direction=draw(BOOLS),
    )


@provides(Hold)
def holds() -> SearchStrategy[Hold]:
    """Static holds: up to 600 s each, 1-100 per set.

    Returns:
        A strategy for :class:`~plantarkit.Hold` values.
    """
    return st.builds(Hold, seconds=reals(0, 600, above=True), reps=st.integers(1, 100))


@provides(Timed)
def timeds() -> SearchStrategy[Timed]:
    """Timed bouts of up to a day.

    Returns:
        A strategy for :class:`~plantarkit.Timed` values.
    """
    return st.builds(Timed, seconds=reals(0, 24 * 3600, above=True))


@provides(RunWalk)
def run_walks() -> SearchStrategy[RunWalk]:
    """Run/walk intervals.

    Returns:
        A strategy for :class:`~plantarkit.RunWalk` values.
    """
    return st.builds(
        RunWalk,
        rounds=st.integers(1, 100),
        run_seconds=reals(0, 4 * 3600, above=True),
        walk_seconds=reals(0, 3600),
        walk_first=BOOLS,
    )


def works() -> SearchStrategy[Work]:
    """Any kind of work: repetitions, holds, timed bouts or run/walk intervals.

    Returns:
        A strategy for :data:`~plantarkit.Work` values.
    """
    return _WORKS


@provides(Load)
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
        return Load(kind=kind, band=draw_maybe(draw, st.sampled_from(BandResistance)))
    return Load(kind=kind, kg=draw_maybe(draw, reals(0, 500)))


@provides(Frequency)
@st.composite
def frequencies(draw: st.DrawFn) -> Frequency:
    """Training frequencies: every n days or n days a week, once or several times a day.

    Returns:
        A strategy for :class:`~plantarkit.Frequency` values.
    """
    times = draw(st.integers(1, 12))
    up_to = draw_maybe(draw, st.integers(times, 12))
    if not draw(BOOLS):
        return Frequency(
            times_per_day=times, max_times_per_day=up_to, every_n_days=draw(st.integers(1, 14))
        )
    days = draw(st.integers(1, 7))
    return Frequency(
        times_per_day=times,
        max_times_per_day=up_to,
        every_n_days=None,
        days_per_week=days,
        non_consecutive=days <= 4 and draw(BOOLS),
    )


@provides(Prescription)
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
        max_sets=draw_maybe(draw, st.integers(sets, 20)),
        tempo=draw_maybe(draw, _TEMPOS) if is_reps else None,
        rest_seconds=draw_maybe(draw, st.integers(0, 900)),
        load=draw(_LOADS),
        # An RM load allows at most its RM in repetitions: never fewer RM than the count.
        rm=draw_maybe(draw, st.integers(drawn.count, 50))
        if isinstance(drawn, Reps) and drawn.count <= 50
        else None,
        each_side=draw(BOOLS),
        height_cm=draw_maybe(draw, reals(0, 150, above=True)),
        frequency=draw(_FREQUENCIES),
        note=draw(TEXTS),
    )


@provides(Exercise)
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
        id=draw(ids if ids is not None else IDS),
        name=draw(NAMES),
        region=draw(st.sampled_from(Region)),
        position=draw(st.sampled_from(Position)),
        plantar_load=draw(st.sampled_from(PlantarLoad)),
        dose=draw(PRESCRIPTIONS),
        purpose=draw(TEXTS),
        equipment=draw(_EQUIPMENT),
        targets=draw(LINES),
        instructions=draw(LINES),
        cues=draw(LINES),
        sources=draw_cited(draw, cite),
        tags=draw(SOME_IDS),
    )


@provides(Advice)
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
        id=draw(ids if ids is not None else IDS),
        name=draw(NAMES),
        topic=draw(st.sampled_from(AdviceTopic)),
        points=draw(POINTS),
        sources=draw_cited(draw, cite),
        tags=draw(SOME_IDS),
    )


@provides(LadderStep)
@st.composite
def ladder_steps(draw: st.DrawFn, *, exercise_ids: Sequence[str] | None = None) -> LadderStep:
    """Single ladder rungs, with the exercise's default dose or their own.

    Args:
        exercise_ids: Exercise ids the rung may name; ``None`` draws any id.

    Returns:
        A strategy for :class:`~plantarkit.LadderStep` values.
    """
    exercise = draw(st.sampled_from(tuple(exercise_ids)) if exercise_ids else IDS)
    return LadderStep(exercise=exercise, dose=draw_maybe(draw, PRESCRIPTIONS), note=draw(TEXTS))


def _resolved_by(
    default: Prescription | None,
) -> Callable[[Prescription | None], Prescription | None]:
    """Key a rung's dose by the dose it stands for (``None``: the default dose)."""
    return lambda dose: default if dose is None else dose


@provides(Ladder)
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
        steps.extend(LadderStep(exercise=exercise, dose=d, note=draw(TEXTS)) for d in draw(doses))
    return Ladder(
        id=draw(ids if ids is not None else IDS),
        name=draw(NAMES),
        steps=tuple(steps),
        criterion=draw(TEXTS),
        sources=draw_cited(draw, cite),
        note=draw(TEXTS),
    )


@provides(Catalogue)
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
    keys = draw(st.lists(KEYS, unique=True, max_size=max_sources))
    n_exercises = draw(st.integers(max(min_exercises, min(min_ladders, 1)), max_exercises))
    n_advice = draw(st.integers(0, max_advice))
    n_items = n_exercises + n_advice
    item_ids = draw(st.lists(IDS, unique=True, min_size=n_items, max_size=n_items))
    drills = tuple(draw(exercises(ids=st.just(i), cite=keys)) for i in item_ids[:n_exercises])
    n_ladders = draw(st.integers(min_ladders, max_ladders)) if drills else 0
    ladder_ids = draw(st.lists(IDS, unique=True, min_size=n_ladders, max_size=n_ladders))
    return Catalogue(
        exercises=drills,
        advice=tuple(draw(advice_items(ids=st.just(i), cite=keys)) for i in item_ids[n_exercises:]),
        ladders=tuple(
            draw(ladders(ids=st.just(i), exercises=drills, cite=keys)) for i in ladder_ids
        ),
        sources=tuple(draw(sources(keys=st.just(k))) for k in keys),
    )


@provides(Variant)
@st.composite
def variants(draw: st.DrawFn) -> Variant:
    """Resolved ladder rungs: a ladder id, a position, an exercise and a dose.

    Returns:
        A strategy for :class:`~plantarkit.Variant` values.
    """
    exercise = draw(_EXERCISES)
    return Variant(
        ladder=draw(IDS),
        index=draw(st.integers(0, 20)),
        exercise=exercise,
        dose=draw(st.one_of(st.just(exercise.dose), PRESCRIPTIONS)),
        note=draw(TEXTS),
    )


_TEMPOS = tempos()
_WORKS: SearchStrategy[Work] = st.one_of(reps(), holds(), timeds(), run_walks())
_LOADS = loads()
_FREQUENCIES = frequencies()
PRESCRIPTIONS = prescriptions()
_EQUIPMENT = unique_tuples(st.sampled_from(Equipment))
_EXERCISES = exercises()
_FRESH_ORDER = st.lists(IDS, unique=True, min_size=1, max_size=4)
_MAYBE_PRESCRIPTIONS = st.one_of(st.none(), PRESCRIPTIONS)
