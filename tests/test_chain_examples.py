"""Example tests for every threshold of the chain assessment, at and just past each boundary.

Expected numbers come from the project's fact sheet (FACTS.md §5, §6) and
SOURCES.md §3, written out here independently of the code.
"""

from typing import Any

import attrs
import pytest

import plantarkit
from plantarkit import Bilateral, InvalidValueError, Pain, Side
from plantarkit.chain import (
    DEFAULT_EMPHASIS,
    RED_FLAGS,
    ArchHeight,
    Assessment,
    ChainNorms,
    FindingKind,
    FirstRayMobility,
    LegLength,
    Link,
    RedFlagScreen,
    Severity,
    Sex,
    SquatQuality,
    Symptoms,
    TibialRotation,
    ToeGrip,
    assess,
    example_assessment,
)


def right(value: Any) -> Bilateral[Any]:
    return Bilateral(left=None, right=value)


def severity_of(
    assessment: Assessment, kind: FindingKind, side: Side | None = Side.RIGHT
) -> Severity | None:
    found = [f.severity for f in assess(assessment).findings if f.kind is kind and f.side is side]
    return max(found) if found else None


@pytest.mark.parametrize(
    ("degrees", "expected"),
    [
        (45.0, None),
        (35.0, None),
        (34.9, Severity.MILD),
        (30.0, Severity.MILD),
        (29.9, Severity.MODERATE),
    ],
)
def test_hip_internal_rotation(degrees: float, expected: Severity | None) -> None:
    a = Assessment(hip_internal_rotation_deg=right(degrees))
    assert severity_of(a, FindingKind.HIP_INTERNAL_ROTATION_DEFICIT) is expected


@pytest.mark.parametrize(
    ("cm", "expected"),
    [(12.0, None), (11.9, Severity.MILD), (10.0, Severity.MILD), (9.9, Severity.MODERATE)],
)
def test_lunge_absolute(cm: float, expected: Severity | None) -> None:
    assert severity_of(Assessment(lunge_cm=right(cm)), FindingKind.REDUCED_DORSIFLEXION) is expected


@pytest.mark.parametrize(("other", "expected"), [(15.9, None), (16.0, Severity.MILD)])
def test_lunge_side_to_side_uses_the_measurement_error(
    other: float, expected: Severity | None
) -> None:
    # 14 cm is normal on its own; a gap must exceed 1.9 cm (Powden 2015) to count.
    a = Assessment(lunge_cm=Bilateral(left=other, right=14.0))
    assert severity_of(a, FindingKind.REDUCED_DORSIFLEXION) is expected
    assert severity_of(a, FindingKind.REDUCED_DORSIFLEXION, Side.LEFT) is None


@pytest.mark.parametrize(
    ("sex", "reps", "expected"),
    [
        # women: median 21, error 6 (Hébert-Losier 2017)
        (Sex.FEMALE, 15, None),
        (Sex.FEMALE, 14, Severity.MILD),
        (Sex.FEMALE, 9, Severity.MILD),
        (Sex.FEMALE, 8, Severity.MODERATE),
        # men: median 24
        (Sex.MALE, 18, None),
        (Sex.MALE, 17, Severity.MILD),
        (Sex.MALE, 11, Severity.MODERATE),
        # sex unknown: the lower (women's) median, to avoid false findings
        (None, 15, None),
        (None, 14, Severity.MILD),
    ],
)
def test_heel_raise_norms_depend_on_sex(
    sex: Sex | None, reps: int, expected: Severity | None
) -> None:
    a = Assessment(symptoms=Symptoms(sex=sex), heel_raise_reps=right(reps))
    assert severity_of(a, FindingKind.PLANTAR_FLEXOR_ENDURANCE_DEFICIT) is expected


@pytest.mark.parametrize(("other", "expected"), [(26, None), (27, Severity.MILD)])
def test_heel_raise_side_to_side_uses_the_measurement_error(
    other: int, expected: Severity | None
) -> None:
    a = Assessment(symptoms=Symptoms(sex=Sex.MALE), heel_raise_reps=Bilateral(left=other, right=20))
    assert severity_of(a, FindingKind.PLANTAR_FLEXOR_ENDURANCE_DEFICIT) is expected


def test_heel_raise_norms_by_age_band_are_a_parameter() -> None:
    cite = plantarkit.Citation(source="my-clinic", grade=plantarkit.Grade.U)
    norms = attrs.evolve(
        ChainNorms(),
        heel_raise_norms=(
            plantarkit.chain.HeelRaiseNorm(reps=30, citation=cite, max_age=39),
            plantarkit.chain.HeelRaiseNorm(reps=15, citation=cite, min_age=40),
        ),
    )
    young = Assessment(symptoms=Symptoms(age=30), heel_raise_reps=right(20))
    old = Assessment(symptoms=Symptoms(age=70), heel_raise_reps=right(20))
    assert [f.kind for f in assess(young, norms).findings] == [
        FindingKind.PLANTAR_FLEXOR_ENDURANCE_DEFICIT
    ]
    assert assess(old, norms).findings == ()


@pytest.mark.parametrize(("weaker", "expected"), [(67.5, False), (67.4, True)])
def test_hip_abduction_asymmetry_over_32_5_percent(weaker: float, expected: bool) -> None:
    a = Assessment(hip_abduction_strength=Bilateral(left=100.0, right=weaker))
    found = assess(a).findings
    assert (severity_of(a, FindingKind.HIP_ABDUCTOR_WEAKNESS) is Severity.MILD) is expected
    assert all(f.side is Side.RIGHT for f in found)


@pytest.mark.parametrize(
    ("trend", "squat", "expected"),
    [
        (None, None, None),
        (False, SquatQuality.GOOD, None),
        (True, None, Severity.MILD),
        (None, SquatQuality.FAIR, Severity.MILD),
        (None, SquatQuality.POOR, Severity.MODERATE),
        (True, SquatQuality.FAIR, Severity.MODERATE),
        (True, SquatQuality.POOR, Severity.MARKED),
    ],
)
def test_glute_med(
    trend: bool | None, squat: SquatQuality | None, expected: Severity | None
) -> None:
    a = Assessment(trendelenburg=right(trend), single_leg_squat=right(squat))
    assert severity_of(a, FindingKind.GLUTE_MED_INSUFFICIENCY) is expected


def test_pelvis() -> None:
    assert (
        severity_of(Assessment(pelvis_level=False), FindingKind.PELVIC_ASYMMETRY, None)
        is Severity.MILD
    )
    assert (
        severity_of(Assessment(pelvis_rotated=True), FindingKind.PELVIC_ASYMMETRY, None)
        is Severity.MILD
    )
    assert assess(Assessment(pelvis_level=True, pelvis_rotated=False)).findings == ()
    short = Assessment(leg_length=LegLength(difference_mm=10, shorter=Side.LEFT))
    assert severity_of(short, FindingKind.PELVIC_ASYMMETRY, Side.LEFT) is Severity.MILD
    assert (
        assess(Assessment(leg_length=LegLength(difference_mm=9.9, shorter=Side.LEFT))).findings
        == ()
    )


def test_tibia_and_foot_observations() -> None:
    assert (
        severity_of(
            Assessment(tibial_rotation=right(TibialRotation.INTERNAL)),
            FindingKind.TIBIAL_INTERNAL_ROTATION,
        )
        is Severity.MILD
    )
    assert assess(Assessment(tibial_rotation=right(TibialRotation.EXTERNAL))).findings == ()
    assert severity_of(
        Assessment(arch_height=right(ArchHeight.LOW)), FindingKind.EXCESSIVE_PRONATION
    )
    assert severity_of(
        Assessment(first_ray_mobility=right(FirstRayMobility.HYPERMOBILE)),
        FindingKind.FIRST_RAY_DYSFUNCTION,
    )
    assert severity_of(
        Assessment(toe_grip=right(ToeGrip.WEAK)), FindingKind.INTRINSIC_FOOT_WEAKNESS
    )
    assert (
        assess(
            Assessment(toe_grip=right(ToeGrip.NORMAL), arch_height=right(ArchHeight.HIGH))
        ).findings
        == ()
    )


@pytest.mark.parametrize(("mm", "expected"), [(10.0, None), (10.1, Severity.MILD)])
def test_navicular_drop_over_10_mm(mm: float, expected: Severity | None) -> None:
    assert (
        severity_of(Assessment(navicular_drop_mm=right(mm)), FindingKind.EXCESSIVE_PRONATION)
        is expected
    )


@pytest.mark.parametrize(
    ("fpi", "kind", "expected"),
    [
        (5, FindingKind.EXCESSIVE_PRONATION, None),
        (6, FindingKind.EXCESSIVE_PRONATION, Severity.MILD),
        (9, FindingKind.EXCESSIVE_PRONATION, Severity.MILD),
        (10, FindingKind.EXCESSIVE_PRONATION, Severity.MODERATE),
        (-4, FindingKind.SUPINATED_FOOT, None),
        (-5, FindingKind.SUPINATED_FOOT, Severity.MILD),
    ],
)
def test_foot_posture_index_bands(fpi: int, kind: FindingKind, expected: Severity | None) -> None:
    assert severity_of(Assessment(foot_posture_index=right(fpi)), kind) is expected


@pytest.mark.parametrize("item", sorted(RED_FLAGS))
def test_each_red_flag_refers(item: str) -> None:
    report = assess(Assessment(red_flags=RedFlagScreen(**{item: True})))
    assert report.referral is not None
    assert [f.item for f in report.referral.flags] == [item]
    assert not report.program_allowed
    assert "clinician" in report.referral.advice


def test_answered_no_is_not_a_red_flag() -> None:
    screen = RedFlagScreen(**dict.fromkeys(RED_FLAGS, False))
    report = assess(Assessment(red_flags=screen))
    assert report.referral is None
    assert report.program_allowed


def test_red_flag_screen_covers_the_fact_sheet() -> None:
    suggestions = " ".join(s for _, s in RED_FLAGS.values())
    for condition in (
        "stress fracture",
        "tarsal tunnel",
        "infection",
        "rupture",
        "fat pad",
        "gout",
    ):
        assert condition in suggestions


def test_empty_assessment_assesses_nothing() -> None:
    report = assess(Assessment())
    assert report.findings == ()
    assert report.primary_driver is None
    assert report.not_assessed == tuple(Link)
    assert not report.asymmetric


def test_worked_example() -> None:
    report = assess(example_assessment())
    assert [(f.link, f.kind, f.side, f.severity) for f in report.findings] == [
        (Link.HIP, FindingKind.HIP_INTERNAL_ROTATION_DEFICIT, Side.RIGHT, Severity.MODERATE),
        (Link.HIP, FindingKind.GLUTE_MED_INSUFFICIENCY, Side.RIGHT, Severity.MODERATE),
        (Link.ANKLE, FindingKind.REDUCED_DORSIFLEXION, Side.RIGHT, Severity.MODERATE),
        (Link.ANKLE, FindingKind.PLANTAR_FLEXOR_ENDURANCE_DEFICIT, Side.RIGHT, Severity.MILD),
    ]
    assert report.primary_driver == report.findings[0]
    assert report.asymmetric
    assert report.program_allowed
    assert report.not_assessed == ()
    assert "hip_internal_rotation_mobility" in report.exercise_ids()


def test_primary_driver_is_the_most_upstream_on_the_painful_side() -> None:
    a = Assessment(
        symptoms=Symptoms(painful_sides=(Side.LEFT,)),
        hip_internal_rotation_deg=Bilateral(
            left=40.0, right=20.0
        ),  # right hip: not the painful side
        lunge_cm=Bilateral(left=8.0, right=12.0),
        toe_grip=Bilateral(left=ToeGrip.WEAK, right=None),
    )
    report = assess(a)
    assert report.primary_driver is not None
    assert (report.primary_driver.kind, report.primary_driver.side) == (
        FindingKind.REDUCED_DORSIFLEXION,
        Side.LEFT,
    )
    assert not report.asymmetric  # the upstream finding is on the other side


def test_pelvis_wide_findings_count_for_either_painful_side() -> None:
    a = Assessment(
        symptoms=Symptoms(painful_sides=(Side.LEFT,)),
        pelvis_level=False,
        lunge_cm=Bilateral(left=8.0, right=None),
    )
    driver = assess(a).primary_driver
    assert driver is not None
    assert driver.link is Link.PELVIS


def test_emphasis_only_names_catalogue_exercises() -> None:
    catalogue = plantarkit.catalogue()
    for kind in FindingKind:
        assert DEFAULT_EMPHASIS[kind], kind
        for exercise_id in DEFAULT_EMPHASIS[kind]:
            assert exercise_id in catalogue.ids, (kind, exercise_id)


def test_amplification_is_a_model_parameter() -> None:
    model = ChainNorms().amplification
    assert model.distal(5) == (10, 15)  # the source's claim: 5° hip ~ 10° tibia ~ 15° subtalar
    assert model.citation.grade is plantarkit.Grade.U
    bigger = attrs.evolve(
        ChainNorms(), amplification=attrs.evolve(model, subtalar_per_hip_degree=1)
    )
    text = assess(Assessment(hip_internal_rotation_deg=right(25.0)), bigger).findings[0].explanation
    assert "about 10° of extra motion at the subtalar joint" in text
    assert "a claim, not a measurement" in text


def test_every_threshold_has_a_citation() -> None:
    norms = ChainNorms()
    for field in attrs.fields(ChainNorms):
        value = getattr(norms, field.name)
        if isinstance(value, plantarkit.chain.Threshold):
            assert value.citation.source in plantarkit.BUILTIN_SOURCES, field.name


@pytest.mark.parametrize(
    ("build", "path"),
    [
        (lambda: Assessment(lunge_cm=Bilateral(left=-1.0, right=None)), "$.lunge_cm.left"),
        (
            lambda: Assessment(hip_internal_rotation_deg=right(200.0)),
            "$.hip_internal_rotation_deg.right",
        ),
        (lambda: Assessment(foot_posture_index=right(13)), "$.foot_posture_index.right"),
        (lambda: Symptoms(first_step_pain=11), "$.first_step_pain"),  # type: ignore[arg-type]
        (lambda: Symptoms(painful_sides=(Side.LEFT, Side.LEFT)), "$.painful_sides[1]"),
        (lambda: Assessment(lunge_cm=(1, 2)), "$.lunge_cm"),  # type: ignore[arg-type]
        (lambda: assess("not an assessment"), "$"),  # type: ignore[arg-type]
        (lambda: assess(Assessment(), norms=3), "$.norms"),  # type: ignore[arg-type]
    ],
)
def test_out_of_range_input_is_rejected_with_a_path(build: Any, path: str) -> None:
    with pytest.raises(InvalidValueError) as info:
        build()
    assert info.value.path == path


def test_pain_in_symptoms() -> None:
    assert Symptoms(first_step_pain=Pain(7)).first_step_pain == Pain(7)


# --- a caller's emphasis mapping -------------------------------------------------------------


def emphasised(report: plantarkit.ChainReport) -> dict[FindingKind, tuple[str, ...]]:
    return {e.kind: e.exercises for e in report.emphasis}


def test_emphasis_keys_may_be_the_kinds_string_values() -> None:
    # As a mapping read from JSON has them: the same report as with the enum's members.
    a = example_assessment()
    by_member = assess(a, emphasis={FindingKind.GLUTE_MED_INSUFFICIENCY: ("clam",)})
    by_value = assess(a, emphasis={"glute_med_insufficiency": ("clam",)})
    assert by_value == by_member
    assert emphasised(by_value) == {FindingKind.GLUTE_MED_INSUFFICIENCY: ("clam",)}


def test_emphasis_values_may_be_lists() -> None:
    a = example_assessment()
    report = assess(a, emphasis={"glute_med_insufficiency": ["clam", "banded_lateral_walk"]})
    assert emphasised(report) == {
        FindingKind.GLUTE_MED_INSUFFICIENCY: ("clam", "banded_lateral_walk")
    }


def test_emphasis_replaces_the_default_and_an_empty_tuple_emphasises_nothing() -> None:
    a = example_assessment()
    assert assess(a, emphasis={}).emphasis == ()
    report = assess(a, emphasis={FindingKind.GLUTE_MED_INSUFFICIENCY: ()})
    assert report.emphasis == ()


def test_emphasis_ids_are_checked_against_the_catalogue_given() -> None:
    a = example_assessment()
    mine = plantarkit.catalogue().subset(["short_foot", "toe_yoga"])
    table = {FindingKind.GLUTE_MED_INSUFFICIENCY: ("toe_yoga",)}
    assert emphasised(assess(a, emphasis=table, catalogue=mine)) == dict(table)
    with pytest.raises(InvalidValueError) as info:
        assess(a, emphasis={FindingKind.GLUTE_MED_INSUFFICIENCY: ("clam",)}, catalogue=mine)
    assert info.value.path == "$.emphasis['glute_med_insufficiency'][0]"
    with pytest.raises(InvalidValueError) as info:
        assess(a, catalogue="builtin")  # type: ignore[arg-type]  # wrong on purpose
    assert info.value.path == "$.catalogue"


GM = FindingKind.GLUTE_MED_INSUFFICIENCY
AT_GM = "$.emphasis['glute_med_insufficiency']"


@pytest.mark.parametrize(
    ("emphasis", "path", "says"),
    [
        ([1], "$.emphasis", "expected a mapping of FindingKind"),
        ("clam", "$.emphasis", "expected a mapping of FindingKind"),
        (
            {"glute_med_insuficiency": ("clam",)},
            "$.emphasis['glute_med_insuficiency']",
            "did you mean 'glute_med_insufficiency'",
        ),
        ({"GLUTE_MED": ("clam",)}, "$.emphasis['GLUTE_MED']", "expected a FindingKind"),
        ({3: ("clam",)}, "$.emphasis[3]", "expected a FindingKind"),
        ({GM: "clam"}, AT_GM, "expected a tuple of exercise ids, got a string"),
        ({GM: None}, AT_GM, "expected a tuple of exercise ids, got null"),
        ({GM: ("clams",)}, f"{AT_GM}[0]", "'clams' (not in the catalogue); did you mean 'clam'?"),
        ({GM: ("clam", 7)}, f"{AT_GM}[1]", "expected an exercise id, got an integer 7"),
        ({GM: ("clam", "clam")}, f"{AT_GM}[1]", "duplicate exercise 'clam'"),
        ({GM: ("supportive_shoes",)}, f"{AT_GM}[0]", "an advice item, not an exercise"),
        ({"glute_med_insufficiency": ("clam",), GM: ("clam",)}, AT_GM, "given twice"),
    ],
)
def test_bad_emphasis_is_refused_with_a_path(emphasis: Any, path: str, says: str) -> None:
    with pytest.raises(InvalidValueError) as info:
        assess(example_assessment(), emphasis=emphasis)
    assert info.value.path == path
    assert says in info.value.reason


def test_every_bad_emphasis_entry_is_reported_at_once() -> None:
    bad: Any = {"nope": ("clam",), FindingKind.REDUCED_DORSIFLEXION: ("clams", "toe_yoga", "x_y")}
    with pytest.raises(InvalidValueError) as info:
        assess(example_assessment(), emphasis=bad)
    assert [p.path for p in info.value.problems] == [
        "$.emphasis['nope']",
        "$.emphasis['reduced_dorsiflexion'][0]",
        "$.emphasis['reduced_dorsiflexion'][2]",
    ]


# --- a red-flag screen not done ----------------------------------------------------------------


def test_an_unanswered_screen_allows_a_programme_but_the_report_says_it_was_not_done() -> None:
    report = assess(Assessment())
    assert report.program_allowed  # not asked is not a positive answer
    assert report.red_flags_not_asked == tuple(RED_FLAGS)
    (note,) = report.notes
    assert note.startswith("Red-flag screen not done: ask about these before starting")
    for text, _ in RED_FLAGS.values():
        assert text in note


def test_a_screen_done_in_part_names_the_questions_still_to_ask() -> None:
    screen = RedFlagScreen(**{**dict.fromkeys(RED_FLAGS, False), "nerve_symptoms": None})
    report = assess(Assessment(red_flags=screen))
    assert report.program_allowed
    assert report.red_flags_not_asked == ("nerve_symptoms",)
    (note,) = report.notes
    assert note.startswith("Red-flag screen incomplete (1 of 9 questions not asked)")
    assert RED_FLAGS["nerve_symptoms"][0] in note
    assert RED_FLAGS["heel_squeeze_pain"][0] not in note


def test_a_screen_done_in_full_leaves_no_note() -> None:
    report = assess(example_assessment())
    assert report.red_flags_not_asked == ()
    assert report.notes == ()


def test_a_referral_needs_no_note_about_the_rest_of_the_screen() -> None:
    report = assess(Assessment(red_flags=RedFlagScreen(rest_or_night_pain=True)))
    assert not report.program_allowed
    assert len(report.red_flags_not_asked) == len(RED_FLAGS) - 1
    assert report.notes == ()
