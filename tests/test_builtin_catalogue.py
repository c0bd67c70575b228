"""Example tests: the built-in catalogue against the published numbers.

The expected values are typed in here from the project's fact sheets
(SOURCES.md, FACTS.md), not read from the catalogue code, so a slip in either
place shows up as a failure.
"""

import pytest

from plantarkit.exercises import (
    Advice,
    Exercise,
    Frequency,
    Hold,
    Ladder,
    LoadKind,
    PlantarLoad,
    Prescription,
    Reps,
    RunWalk,
    Timed,
    catalogue,
)

REQUIRED_EXERCISES = (
    "clam",
    "banded_clam",
    "side_lying_hip_abduction",
    "bodyweight_squat",
    "weighted_squat",
    "split_squat",
    "box_jump",
    "run_walk",
    "hip_internal_rotation_mobility",
    "single_leg_stance",
    "banded_lateral_walk",
    "single_leg_deadlift",
    "step_down",
    "walking_lunge",
    "calf_eccentric",
    "short_foot",
    "toe_yoga",
    "single_leg_balance",
    "plyometric_hops",
    "high_load_heel_raise",
    "foot_doming",
    "supported_heel_raise",
    "ankle_circles",
    "toe_walking",
    "towel_toe_curls",
    "banded_ankle_dorsiflexion",
    "ankle_pumps",
    "calf_soft_tissue",
    "ankle_dorsiflexion_rocking",
    "isometric_calf_raise",
    "single_leg_isometric_calf_raise",
    "calf_raise",
    "calf_raise_two_up_one_down",
    "single_leg_calf_raise",
    "double_leg_high_load_heel_raise",
)

REQUIRED_ADVICE = (
    "footwear_and_surface",
    "supportive_shoes",
    "cross_training",
    "healthy_weight",
    "softer_surfaces",
    "regular_stretching",
)

# Plantar load as SOURCES.md §1 states it (exakt-2021, akmi-chain, pogo-intrinsic).
PUBLISHED_PLANTAR_LOAD = {
    "clam": "none",
    "banded_clam": "none",
    "side_lying_hip_abduction": "none",
    "bodyweight_squat": "moderate",
    "weighted_squat": "moderate",
    "split_squat": "moderate",
    "box_jump": "high",
    "run_walk": "high",
    "hip_internal_rotation_mobility": "none",
    "single_leg_stance": "moderate",
    "banded_lateral_walk": "moderate",
    "single_leg_deadlift": "moderate",
    "step_down": "moderate",
    "walking_lunge": "moderate",
    "calf_eccentric": "high",
    "short_foot": "low",
    "toe_yoga": "low",
    "single_leg_balance": "moderate",
    "plyometric_hops": "high",
    "high_load_heel_raise": "high",
    "foot_doming": "low",
}

# Exercises the akmi-chain article names without any dose.
AKMI_ONLY = (
    "hip_internal_rotation_mobility",
    "single_leg_stance",
    "banded_lateral_walk",
    "single_leg_deadlift",
    "step_down",
    "walking_lunge",
    "calf_eccentric",
    "short_foot",
    "single_leg_balance",
    "plyometric_hops",
)


def _reps(dose: Prescription) -> Reps:
    assert isinstance(dose.work, Reps)
    return dose.work


def _hold(dose: Prescription) -> Hold:
    assert isinstance(dose.work, Hold)
    return dose.work


def _rungs(ladder: Ladder) -> list[tuple[str, Prescription]]:
    cat = catalogue()
    return [
        (step.exercise, step.dose if step.dose is not None else cat[step.exercise].dose)
        for step in ladder.steps
    ]


# --- presence -------------------------------------------------------------------------


def test_every_required_exercise_exists() -> None:
    cat = catalogue()
    missing = [i for i in REQUIRED_EXERCISES if cat.get(i) is None]
    assert missing == []


def test_every_required_advice_item_exists() -> None:
    cat = catalogue()
    for advice_id in REQUIRED_ADVICE:
        assert isinstance(cat.advice_item(advice_id), Advice)


@pytest.mark.parametrize(("exercise_id", "load"), sorted(PUBLISHED_PLANTAR_LOAD.items()))
def test_plantar_load_matches_the_sources(exercise_id: str, load: str) -> None:
    assert catalogue()[exercise_id].plantar_load is PlantarLoad(load)


def test_off_feet_work_does_not_load_the_foot() -> None:
    cat = catalogue()
    for exercise in cat.filter(tag="off_feet"):
        assert exercise.plantar_load is PlantarLoad.NONE, exercise.id


# --- exakt-2021 ------------------------------------------------------------------------


def test_clam_is_three_sets_of_fifteen_with_a_minute_rest() -> None:
    dose = catalogue()["clam"].dose
    reps = _reps(dose)
    assert (dose.sets, reps.count, reps.build_up) == (3, 15, True)
    assert dose.rest_seconds == 60
    assert dose.each_side


@pytest.mark.parametrize(
    "exercise_id", ["banded_clam", "side_lying_hip_abduction", "bodyweight_squat", "weighted_squat"]
)
def test_exakt_aims_are_three_by_fifteen(exercise_id: str) -> None:
    dose = catalogue()[exercise_id].dose
    reps = _reps(dose)
    assert (dose.sets, reps.count, reps.build_up) == (3, 15, True)


def test_exakt_rests_sixty_seconds_between_sets() -> None:
    for exercise in catalogue().filter(source="exakt-2021"):
        if exercise.dose.sets > 1:
            assert exercise.dose.rest_seconds == 60, exercise.id


def test_split_squat_is_three_by_ten_each_side() -> None:
    dose = catalogue()["split_squat"].dose
    assert (dose.sets, _reps(dose).count, dose.each_side) == (3, 10, True)


def test_box_jump_is_three_by_five() -> None:
    dose = catalogue()["box_jump"].dose
    assert (dose.sets, _reps(dose).count) == (3, 5)


def test_side_lying_hip_abduction_cites_both_sources() -> None:
    assert set(catalogue()["side_lying_hip_abduction"].sources) == {"exakt-2021", "akmi-chain"}


def test_run_walk_starts_with_the_clinic_scheme() -> None:
    dose = catalogue()["run_walk"].dose
    assert dose.work == RunWalk(rounds=10, run_seconds=60, walk_seconds=120)
    assert dose.frequency.days_per_week == 3
    assert dose.frequency.non_consecutive
    cues = " ".join(catalogue()["run_walk"].cues)
    assert "30 minutes" in cues
    assert "2/10" in cues


# --- Rathleff high-load (pogo-intrinsic) -------------------------------------------------


def test_high_load_heel_raise_follows_rathleff() -> None:
    exercise = catalogue()["high_load_heel_raise"]
    dose = exercise.dose
    assert dose.tempo is not None
    assert (dose.tempo.up, dose.tempo.top, dose.tempo.down) == (3, 2, 3)
    assert dose.rm == 12
    assert (dose.sets, _reps(dose).count) == (3, 12)
    assert dose.frequency.every_n_days == 2
    assert not dose.each_side
    assert {"pogo-intrinsic", "rathleff-2015"} <= set(exercise.sources)


def test_high_load_ladder_starts_on_two_legs_and_ends_with_a_backpack() -> None:
    rungs = _rungs(catalogue().ladder("high_load"))
    assert [ex for ex, _ in rungs] == [
        "double_leg_high_load_heel_raise",
        "high_load_heel_raise",
        "high_load_heel_raise",
    ]
    assert rungs[1][1].load.kind is LoadKind.BODY_WEIGHT
    assert rungs[2][1].load.kind is LoadKind.BACKPACK


# --- inhome-pt -----------------------------------------------------------------------


def test_isometric_calf_raise_starts_at_three_thirty_second_holds() -> None:
    dose = catalogue()["isometric_calf_raise"].dose
    assert (dose.sets, _hold(dose).seconds) == (3, 30)
    assert (dose.frequency.times_per_day, dose.frequency.max_times_per_day) == (1, 3)
    assert any("6/10" in cue for cue in catalogue()["isometric_calf_raise"].cues)


def test_isometric_ladder_peaks_at_five_by_forty_five_then_single_leg() -> None:
    rungs = _rungs(catalogue().ladder("isometric_calf"))
    first_exercise, first_dose = rungs[0]
    assert first_exercise == "isometric_calf_raise"
    assert (first_dose.sets, _hold(first_dose).seconds) == (3, 30)
    top_exercise, top_dose = rungs[-2]
    assert top_exercise == "isometric_calf_raise"
    assert (top_dose.sets, _hold(top_dose).seconds) == (5, 45)
    assert rungs[-1][0] == "single_leg_isometric_calf_raise"


def test_calf_raise_goes_to_fatigue_with_a_five_second_lowering() -> None:
    dose = catalogue()["calf_raise"].dose
    reps = _reps(dose)
    assert reps.to_fatigue
    assert reps.count == 15
    assert dose.tempo is not None
    assert dose.tempo.down == 5


def test_calf_raise_ladder_order() -> None:
    rungs = _rungs(catalogue().ladder("calf_raise"))
    assert [ex for ex, _ in rungs] == [
        "calf_raise",
        "calf_raise_two_up_one_down",
        "single_leg_calf_raise",
        "high_load_heel_raise",
        "high_load_heel_raise",
    ]
    assert rungs[-1][1].load.kind is LoadKind.BACKPACK
    for _, dose in rungs[:3]:
        assert dose.tempo is not None
        assert dose.tempo.down == 5


def test_toe_yoga_is_two_by_ten() -> None:
    dose = catalogue()["toe_yoga"].dose
    assert (dose.sets, _reps(dose).count) == (2, 10)


def test_calf_soft_tissue_lasts_two_minutes() -> None:
    assert catalogue()["calf_soft_tissue"].dose.work == Timed(seconds=120)


def test_ankle_rocking_is_one_to_two_sets_of_ten_each_side() -> None:
    dose = catalogue()["ankle_dorsiflexion_rocking"].dose
    assert (dose.sets, dose.max_sets, _reps(dose).count, dose.each_side) == (1, 2, 10, True)


# --- foodnourish-stretch -------------------------------------------------------------------


def test_morning_routine_doses() -> None:
    cat = catalogue()
    toe_walking = cat["toe_walking"].dose
    assert (toe_walking.sets, toe_walking.work) == (5, Timed(seconds=15))
    circles = cat["ankle_circles"].dose
    assert circles.sets == 5
    assert circles.each_side
    assert circles.work == Reps(count=10, minimum=5, each_direction=True)
    curls = cat["towel_toe_curls"].dose
    assert (curls.sets, curls.work) == (5, Reps(count=10, minimum=5))
    pull = cat["banded_ankle_dorsiflexion"].dose
    assert (pull.sets, pull.max_sets, _reps(pull).count, pull.each_side) == (2, 3, 10, True)
    heel = cat["supported_heel_raise"].dose
    assert (_reps(heel).minimum, _reps(heel).count, heel.each_side) == (10, 15, True)


# --- akmi-chain ----------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", AKMI_ONLY)
def test_akmi_doses_are_marked_as_plantarkit_defaults(exercise_id: str) -> None:
    exercise = catalogue()[exercise_id]
    assert exercise.sources == ("akmi-chain",)
    assert "not given by the source" in exercise.dose.note


# --- ladders -------------------------------------------------------------------------


def test_harder_than_clam_is_banded_clam() -> None:
    variant = catalogue().harder("clam")
    assert variant is not None
    assert variant.exercise.id == "banded_clam"


def test_squat_ladder_order() -> None:
    rungs = _rungs(catalogue().ladder("squat"))
    assert [ex for ex, _ in rungs] == [
        "bodyweight_squat",
        "weighted_squat",
        "split_squat",
        "split_squat",
    ]
    assert rungs[2][1].load.kind is LoadKind.BODY_WEIGHT
    assert rungs[3][1].load.kind is LoadKind.EXTERNAL


def test_box_jump_ladder_adds_reps_then_height() -> None:
    rungs = _rungs(catalogue().ladder("box_jump"))
    counts = [_reps(dose).count for _, dose in rungs]
    heights = [dose.height_cm or 0 for _, dose in rungs]
    assert counts[0] == 5
    assert counts[1] > counts[0]
    assert heights[2] > heights[1]


def test_side_lying_ladder_adds_ankle_weight() -> None:
    rungs = _rungs(catalogue().ladder("side_lying_hip_abduction"))
    assert rungs[0][1].load.kind is LoadKind.BODY_WEIGHT
    assert all(dose.load.kind is LoadKind.ANKLE_WEIGHT for _, dose in rungs[1:])
    kgs = [dose.load.kg or 0.0 for _, dose in rungs[1:]]
    assert all(kg > 0 for kg in kgs)
    assert kgs == sorted(kgs)


def test_heel_raise_between_two_ladders() -> None:
    cat = catalogue()
    harder = cat.harder("high_load_heel_raise")
    assert harder is not None
    assert harder.dose.load.kind is LoadKind.BACKPACK
    easier = cat.easier("high_load_heel_raise", ladder="high_load")
    assert easier is not None
    assert easier.exercise.id == "double_leg_high_load_heel_raise"


def test_every_ladder_rung_resolves_and_has_a_criterion() -> None:
    cat = catalogue()
    for ladder in cat.ladders:
        assert ladder.criterion, ladder.id
        assert ladder.sources, ladder.id
        for i in range(len(ladder.steps)):
            assert cat.variant(ladder.id, i).exercise.id == ladder.steps[i].exercise


# --- completeness --------------------------------------------------------------------


def test_every_exercise_is_fully_described() -> None:
    for exercise in catalogue():
        assert isinstance(exercise, Exercise)
        assert exercise.purpose, exercise.id
        assert len(exercise.instructions) >= 2, exercise.id
        assert exercise.cues, exercise.id
        assert exercise.sources, exercise.id
        assert exercise.tags, exercise.id


def test_every_advice_item_has_a_source() -> None:
    for item in catalogue().advice:
        assert item.sources, item.id
        assert item.points, item.id


def test_every_cited_source_resolves() -> None:
    cat = catalogue()
    items: list[Exercise | Advice | Ladder] = [*cat.exercises, *cat.advice, *cat.ladders]
    for item in items:
        for key in item.sources:
            assert cat.source(key).key == key


def test_all_five_articles_are_cited() -> None:
    cited = {s.key for s in catalogue().sources}
    assert {
        "exakt-2021",
        "akmi-chain",
        "pogo-intrinsic",
        "foodnourish-stretch",
        "inhome-pt",
    } <= cited


def test_orthotics_and_ten_percent_rule_are_not_sold_as_proven() -> None:
    cat = catalogue()
    footwear = " ".join(cat.advice_item("footwear_and_surface").points)
    assert "not a proven" in footwear
    ten_percent = [cue for cue in cat["run_walk"].cues if "10%" in cue]
    assert ten_percent
    assert all("not" in cue for cue in ten_percent)


def test_frequency_helpers_match_sources() -> None:
    assert catalogue()["high_load_heel_raise"].dose.frequency == Frequency.every_other_day()
