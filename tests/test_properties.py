"""Property tests over the strategies of :mod:`plantarkit.testing`."""

import copy
import json
import re
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import plantarkit
from plantarkit import (
    Advice,
    Bilateral,
    Catalogue,
    CatalogueError,
    Citation,
    Equipment,
    Exercise,
    Frequency,
    Grade,
    Hold,
    InvalidValueError,
    Ladder,
    LadderStep,
    Load,
    Pain,
    PlantarLoad,
    Position,
    Prescription,
    Problem,
    Region,
    Reps,
    RunWalk,
    Side,
    Source,
    Tempo,
    Timed,
    Variant,
    Work,
)
from plantarkit.io import structure, unstructure
from plantarkit.testing import (
    advice_items,
    bilaterals,
    catalogues,
    exercises,
    grades,
    ids,
    ladders,
    pains,
    prescriptions,
    register,
    sides,
    source_keys,
    texts,
    values,
    works,
)

register()  # the entry point does this once plantarkit is installed

# --- round trips ---------------------------------------------------------------------------------


@given(values())
def test_json_text_round_trip(value: Any) -> None:
    text = plantarkit.dumps(value)
    loaded = plantarkit.loads(text)
    assert loaded == value
    assert type(loaded) is type(value)
    assert plantarkit.loads(text, type(value)) == value
    assert plantarkit.dumps(loaded) == text  # ints stay ints, floats stay floats


@given(values())
def test_document_round_trip(value: Any) -> None:
    document = plantarkit.to_document(value)
    assert json.loads(json.dumps(document, allow_nan=False)) == document  # plain JSON data
    assert plantarkit.from_document(document) == value
    assert plantarkit.from_document(document, type(value)) == value


@given(values())
def test_bare_round_trip(value: Any) -> None:
    assert structure(unstructure(value), type(value)) == value


def test_bare_generic_structures_with_any_inside() -> None:
    # Once failed with "Missing type for generic argument T" (from_document read it).
    value = Bilateral(left=38, right=27.5)
    assert structure(unstructure(value), Bilateral) == value


@given(values())
def test_dumps_is_deterministic(value: Any) -> None:
    assert plantarkit.dumps(value) == plantarkit.dumps(value)
    assert plantarkit.dumps(copy.deepcopy(value)) == plantarkit.dumps(value)
    assert plantarkit.dumps(value, indent=None) == plantarkit.dumps(value, indent=None)


@given(values())
def test_str_is_never_empty(value: Any) -> None:
    assert str(value).strip()


# --- the strategies themselves -------------------------------------------------------------------

FROM_TYPE = [
    Pain, Bilateral, Source, Citation, Tempo, Reps, Hold, Timed, RunWalk, Load, Frequency,
    Prescription, Exercise, Advice, LadderStep, Ladder, Variant, Catalogue,
]  # fmt: skip


@pytest.mark.parametrize("cls", FROM_TYPE, ids=lambda c: c.__name__)
@settings(max_examples=10)
@given(data=st.data())
def test_from_type_uses_registered_strategies(cls: type, data: st.DataObject) -> None:
    assert isinstance(data.draw(st.from_type(cls)), cls)


@settings(max_examples=10)
@given(
    work=st.from_type(Work),  # type: ignore[arg-type]  # a union alias, not a class
    sides=st.from_type(Bilateral[Pain]),
)
def test_from_type_handles_unions_and_generic_arguments(work: Work, sides: Bilateral[Pain]) -> None:
    assert isinstance(work, Reps | Hold | Timed | RunWalk)
    assert isinstance(sides.left, Pain)
    assert isinstance(sides.right, Pain)


@given(
    ids(),
    source_keys(),
    texts(non_empty=True),
    texts(max_size=3),
    sides(),
    grades(),
    works(),
)
def test_building_blocks(
    id_: str, key: str, name: str, short: str, side: Side, grade: Grade, work: Work
) -> None:
    assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", id_)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key)
    assert name.strip()
    assert len(short) <= 3
    assert isinstance(side, Side)
    assert isinstance(grade, Grade)
    assert isinstance(work, Reps | Hold | Timed | RunWalk)


# --- sides ---------------------------------------------------------------------------------------

non_negative = st.one_of(st.integers(0, 10**9), st.floats(0, 1e9))


@given(bilaterals(st.integers(-(10**9), 10**9) | texts(max_size=3)))
def test_mirrored_twice_is_identity(value: Bilateral[Any]) -> None:
    assert value.mirrored().mirrored() == value
    assert value.mirrored().left == value.right


@given(bilaterals(non_negative))
def test_difference_and_asymmetry(value: Bilateral[float]) -> None:
    assert value.difference() >= 0
    assert value.difference() == value.mirrored().difference()
    assert 0 <= value.asymmetry() <= 1
    assert value.asymmetry() == value.mirrored().asymmetry()


@given(bilaterals(non_negative), st.sampled_from(Side), st.floats(-1e9, -1e-300))
def test_asymmetry_refuses_negative_sides(
    value: Bilateral[float], side: Side, negative: float
) -> None:
    with pytest.raises(InvalidValueError) as info:
        value.replace(side, negative).asymmetry()
    assert info.value.path == f"$.{side.value}"


# --- pain ----------------------------------------------------------------------------------------


@given(pains(), pains())
def test_pain_orders_like_its_number(a: Pain, b: Pain) -> None:
    assert (a < b) == (int(a) < int(b))
    assert (a <= b) == (int(a) <= int(b))
    assert (a > b) == (int(a) > int(b))
    assert (a == b) == (int(a) == int(b))


@given(st.lists(pains()))
def test_pains_sort_like_numbers(ratings: list[Pain]) -> None:
    assert [int(p) for p in sorted(ratings)] == sorted(int(p) for p in ratings)


@given(st.one_of(st.integers(max_value=-1), st.integers(min_value=11)))
def test_pain_rejects_out_of_range(value: int) -> None:
    with pytest.raises(InvalidValueError) as info:
        Pain(value)
    assert info.value.path == "$.value"
    assert ("≥ 0" if value < 0 else "≤ 10") in info.value.reason


@pytest.mark.parametrize("value", [3.0, True, "3", None])
def test_pain_rejects_non_integers(value: Any) -> None:
    with pytest.raises(InvalidValueError, match="expected an integer") as info:
        Pain(value)
    assert info.value.path == "$.value"


# --- prescriptions -------------------------------------------------------------------------------


def _one_more_set(p: Prescription) -> tuple[Prescription, Prescription]:
    fewer = p if p.sets < 20 else attrs.evolve(p, sets=19)
    sets = fewer.sets + 1
    max_sets = None if fewer.max_sets is None else max(fewer.max_sets, sets)
    return fewer, attrs.evolve(fewer, sets=sets, max_sets=max_sets)


@given(prescriptions(), st.floats(0, 10), st.floats(0, 300))
def test_prescription_derived_values(p: Prescription, per_rep: float, rest: float) -> None:
    assert p.total_reps >= 0
    tut = p.time_under_tension(per_rep)
    assert tut >= 0
    assert p.estimated_minutes(per_rep, rest) >= tut / 60
    fewer, more = _one_more_set(p)
    assert more.time_under_tension(per_rep) >= fewer.time_under_tension(per_rep)
    assert more.total_reps >= fewer.total_reps
    one, both = attrs.evolve(p, each_side=False), attrs.evolve(p, each_side=True)
    assert both.total_reps == 2 * one.total_reps
    assert both.time_under_tension(per_rep) == 2 * one.time_under_tension(per_rep)


def test_estimated_minutes_never_below_time_under_tension_exactly() -> None:
    # Once one rounding step below, when run and walk seconds were summed in another order.
    p = Prescription(
        work=RunWalk(rounds=12, run_seconds=684.7652167921918, walk_seconds=0),
        sets=18,
        rest_seconds=0,
    )
    assert p.estimated_minutes() >= p.time_under_tension() / 60


# --- catalogues ----------------------------------------------------------------------------------


def _reports(info: pytest.ExceptionInfo[CatalogueError], path: str, fragment: str) -> bool:
    return any(p.path == path and fragment in p.message for p in info.value.problems)


@given(catalogues())
def test_every_rung_resolves(cat: Catalogue) -> None:
    for ladder in cat.ladders:
        for i, step in enumerate(ladder.steps):
            variant = cat.variant(ladder.id, i)
            assert variant.ladder == ladder.id
            assert variant.index == i
            assert variant.exercise == cat[step.exercise]
            assert variant.dose == (step.dose if step.dose is not None else variant.exercise.dose)
            assert variant.note == step.note


@given(catalogues(min_ladders=1, max_ladders=1))
def test_harder_then_easier_returns_to_the_same_rung(cat: Catalogue) -> None:
    (ladder,) = cat.ladders
    last = len(ladder.steps) - 1
    for i in range(len(ladder.steps)):
        here = cat.variant(ladder.id, i)
        up = cat.harder(here.exercise.id, here.dose)
        down = cat.easier(here.exercise.id, here.dose)
        assert (up is None) == (i == last)
        assert (down is None) == (i == 0)
        if up is not None:
            assert up == cat.variant(ladder.id, i + 1)
            assert cat.easier(up.exercise.id, up.dose) == here


def _two_exercises() -> tuple[Exercise, Exercise]:
    def make(exercise_id: str) -> Exercise:
        return Exercise(
            id=exercise_id, name=exercise_id, region=Region.HIP, position=Position.LYING,
            plantar_load=PlantarLoad.NONE, dose=Prescription(work=Reps(count=10)),
        )  # fmt: skip

    return make("a"), make("b")


def test_harder_from_a_default_rung_after_an_explicit_rung() -> None:
    # A rung without a dose stands for the default dose when rungs are looked up.
    a, b = _two_exercises()
    heavy = Prescription(work=Reps(count=10), sets=3)
    ladder = Ladder(
        id="l", name="L",
        steps=(LadderStep(exercise="a", dose=heavy), LadderStep(exercise="a"),
               LadderStep(exercise="b")),
    )  # fmt: skip
    cat = Catalogue(exercises=(a, b), ladders=(ladder,))
    here = cat.variant("l", 1)
    up = cat.harder(here.exercise.id, here.dose)
    assert up is not None
    assert up.index == 2


def test_catalogue_rejects_a_rung_repeated_with_its_default_dose_written_out() -> None:
    a, b = _two_exercises()
    ladder = Ladder(
        id="l", name="L",
        steps=(LadderStep(exercise="a"), LadderStep(exercise="a", dose=a.dose),
               LadderStep(exercise="b")),
    )  # fmt: skip
    with pytest.raises(CatalogueError) as info:
        Catalogue(exercises=(a, b), ladders=(ladder,))
    assert _reports(info, "$.ladders[0].steps[1]", "repeats step 0")


LOADS = sorted(PlantarLoad)


@given(catalogues())
def test_filter_by_plantar_load(cat: Catalogue) -> None:
    previous: tuple[Exercise, ...] = ()
    for level in LOADS:
        kept = cat.filter(max_plantar_load=level)
        assert kept == tuple(e for e in cat if e.plantar_load <= level)
        assert set(previous) <= set(kept)  # more load allowed never returns fewer
        assert cat.filter(max_plantar_load=level.value) == kept
        previous = kept
    assert previous == cat.exercises


@given(catalogues(), st.sets(st.sampled_from(Equipment)), st.sets(st.sampled_from(Equipment)))
def test_filter_by_equipment_is_monotone(
    cat: Catalogue, at_hand: set[Equipment], more: set[Equipment]
) -> None:
    few = cat.filter(equipment=at_hand)
    many = cat.filter(equipment=at_hand | more)
    assert all(set(e.equipment) <= at_hand for e in few)
    assert set(few) <= set(many)
    assert cat.filter(equipment=[]) == tuple(e for e in cat if not e.equipment)
    assert cat.filter(equipment=list(Equipment)) == cat.exercises


# --- catalogue consistency ------------------------------------------------------------------------


@given(catalogues(min_exercises=1), st.data())
def test_catalogue_rejects_duplicate_ids(cat: Catalogue, data: st.DataObject) -> None:
    where = {e.id: f"$.exercises[{i}].id" for i, e in enumerate(cat.exercises)}
    where.update({a.id: f"$.advice[{i}].id" for i, a in enumerate(cat.advice)})
    twin = data.draw(st.sampled_from(sorted(where)))
    keys = [s.key for s in cat.sources]
    if data.draw(st.booleans()):
        added = f"$.exercises[{len(cat.exercises)}].id"
        extra = data.draw(exercises(ids=st.just(twin), cite=keys))
        with pytest.raises(CatalogueError) as info:
            cat.extend(exercises=[extra])
    else:
        added = f"$.advice[{len(cat.advice)}].id"
        advice = data.draw(advice_items(ids=st.just(twin), cite=keys))
        with pytest.raises(CatalogueError) as info:
            cat.extend(advice=[advice])
    # Exercises are checked before advice: the later of the two places is reported.
    first, second = sorted([where[twin], added], key=lambda p: (p.startswith("$.advice"), p))
    assert info.value.problems == (
        Problem(second, f"duplicate id {twin!r} (also {first[2:].removesuffix('.id')})"),
    )


@given(catalogues(min_exercises=1), st.data())
def test_catalogue_rejects_dangling_rungs(cat: Catalogue, data: st.DataObject) -> None:
    ladder = data.draw(ladders(exercises=cat.exercises))
    missing = data.draw(ids().filter(lambda i: i not in cat))
    at = data.draw(st.integers(0, len(ladder.steps)))
    steps = (*ladder.steps[:at], LadderStep(exercise=missing), *ladder.steps[at:])
    broken = attrs.evolve(ladder, id="dangling", sources=(), steps=steps)
    with pytest.raises(CatalogueError) as info:
        cat.extend(ladders=[broken])
    path = f"$.ladders[{len(cat.ladders)}].steps[{at}].exercise"
    assert _reports(info, path, f"unknown exercise {missing!r}")


@given(catalogues(min_exercises=2, max_ladders=0), st.data())
def test_catalogue_rejects_a_ladder_returning_to_an_exercise(
    cat: Catalogue, data: st.DataObject
) -> None:
    a, b = data.draw(st.lists(st.sampled_from(cat.ids), unique=True, min_size=2, max_size=2))
    steps = (LadderStep(exercise=a), LadderStep(exercise=b), LadderStep(exercise=a))
    with pytest.raises(CatalogueError) as info:
        cat.extend(ladders=[Ladder(id="loop", name="Loop", steps=steps)])
    assert _reports(info, "$.ladders[0].steps[2].exercise", f"returns to {a!r}")


@given(catalogues(min_exercises=1), st.data())
def test_catalogue_rejects_a_repeated_rung(cat: Catalogue, data: st.DataObject) -> None:
    step = LadderStep(exercise=data.draw(st.sampled_from(cat.ids)))
    with pytest.raises(CatalogueError) as info:
        cat.extend(ladders=[Ladder(id="again", name="Again", steps=(step, step))])
    assert _reports(info, f"$.ladders[{len(cat.ladders)}].steps[1]", "repeats step 0")


@given(catalogues(min_exercises=2, min_ladders=1, max_ladders=2))
def test_catalogue_rejects_ladders_forming_a_cycle(cat: Catalogue) -> None:
    backwards = [
        attrs.evolve(lad, id=f"back_{i}", sources=(), steps=lad.steps[::-1])
        for i, lad in enumerate(cat.ladders)
        if len(lad.exercises()) > 1
    ]
    if not backwards:  # every ladder only changes the dose: reverse a two-exercise one
        a, b = cat.ids[:2]
        forth = (LadderStep(exercise=a), LadderStep(exercise=b))
        backwards = [Ladder(id="forth", name="F", steps=forth),
                     Ladder(id="back", name="B", steps=forth[::-1])]  # fmt: skip
    with pytest.raises(CatalogueError) as info:
        cat.extend(ladders=backwards)
    assert _reports(info, "$.ladders", "form a cycle")
