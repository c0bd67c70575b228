"""Example tests written against the mutants that survived a mutation run of ``plantarkit.chain``.

Each test pins something a reader of the report sees or relies on: the text of a
finding (measure, value, reference, citation), the order of findings, which finding
is the primary driver, the messages of refused input. Numbers come from the fact
sheet (FACTS.md §5, §6) or are worked out by hand in the comments; texts are the
ones the docs (docs/chain.md) show. How to run the mutation run: CONTRIBUTING.md.
"""

import json
import re
from typing import Any

import attrs
import jsonschema
import pytest

import plantarkit
from plantarkit import Bilateral, Citation, Grade, InvalidValueError, Pain, Side
from plantarkit.chain import (
    ArchHeight,
    Assessment,
    ChainNorms,
    ChainReport,
    Finding,
    FindingKind,
    FirstRayMobility,
    HeelRaiseNorm,
    LegLength,
    LegLengthKind,
    Link,
    RedFlagScreen,
    Severity,
    Sex,
    SquatQuality,
    Symptoms,
    Threshold,
    TibialRotation,
    ToeGrip,
    assess,
    example_assessment,
)

FK = FindingKind


def right(value: Any) -> Bilateral[Any]:
    return Bilateral(left=None, right=value)


def left(value: Any) -> Bilateral[Any]:
    return Bilateral(left=value, right=None)


def only(report: ChainReport, kind: FindingKind, side: Side | None) -> Finding:
    (finding,) = [f for f in report.findings if f.kind is kind and f.side is side]
    return finding


def found(report: ChainReport) -> list[tuple[FindingKind, Side | None, Severity]]:
    return [(f.kind, f.side, f.severity) for f in report.findings]


# --- what each finding says ------------------------------------------------------------------

_ACRONYMS = {"FPI", "OR"}


def _well_cased(text: str) -> bool:
    """Every word is lower case, Capitalised, or a known acronym (no stray capitals)."""
    words = re.findall(r"[A-Za-z]+", text)
    return all(w.islower() or w.istitle() or w in _ACRONYMS for w in words)


def _is_sentence(text: str) -> bool:
    return text[:1].isupper() and text.endswith(".") and _well_cased(text)


@attrs.frozen
class Shown:
    """What the report shows for one finding."""

    kind: FindingKind
    side: Side | None
    severity: Severity
    measure: str
    value: str
    reference: str
    citation: str
    measured: float | None


AKMI = "akmi-chain (grade U, "
LUNGE_REF = "normal ≥ 12 cm; side-to-side differences over 1.9 cm are beyond measurement error"
WOMEN_REF = "median 21 reps for women; differences of up to 6 reps are measurement error"
MEN_REF = "median 24 reps for men; differences of up to 6 reps are measurement error"
FPI_REF = "+6 or more pronated, +10 or more highly pronated"
JUDGED = "judged in the context of the chain above"

SHOWN: list[tuple[str, Assessment, Shown]] = [
    (
        # 35 - 27 = 8° of deficit; the source's model puts 3 × 8 = 24° at the subtalar joint.
        "hip rotation 27 deg, below 30",
        Assessment(hip_internal_rotation_deg=right(27.0)),
        Shown(
            FK.HIP_INTERNAL_ROTATION_DEFICIT,
            Side.RIGHT,
            Severity.MODERATE,
            "hip internal rotation (prone, knee 90°)",
            "27°",
            "normal ≥ 35°; below 30° the foot is likely compensating",
            AKMI + "below 30° on the painful side)",
            27.0,
        ),
    ),
    (
        "hip rotation 32.5 deg, under the normal range",
        Assessment(hip_internal_rotation_deg=left(32.5)),
        Shown(
            FK.HIP_INTERNAL_ROTATION_DEFICIT,
            Side.LEFT,
            Severity.MILD,
            "hip internal rotation (prone, knee 90°)",
            "32.5°",
            "normal ≥ 35°; below 30° the foot is likely compensating",
            AKMI + "normal range 35-45°)",
            32.5,
        ),
    ),
    (
        "Trendelenburg and knee drift",
        Assessment(trendelenburg=right(True), single_leg_squat=right(SquatQuality.FAIR)),
        Shown(
            FK.GLUTE_MED_INSUFFICIENCY,
            Side.RIGHT,
            Severity.MODERATE,
            "single-leg stance and single-leg squat",
            "Trendelenburg sign positive; knee drifts in on single-leg squat",
            "pelvis stays level and knee stays over the foot",
            AKMI + "observed sign, no numeric cut-off)",
            None,
        ),
    ),
    (
        "knee collapse",
        Assessment(single_leg_squat=left(SquatQuality.POOR)),
        Shown(
            FK.GLUTE_MED_INSUFFICIENCY,
            Side.LEFT,
            Severity.MODERATE,
            "single-leg stance and single-leg squat",
            "knee collapses in on single-leg squat",
            "pelvis stays level and knee stays over the foot",
            AKMI + "observed sign, no numeric cut-off)",
            None,
        ),
    ),
    (
        # (100 - 60) / 100 = 40% weaker, over the 32.5% of the runners' study.
        "left hip abductors 40% weaker",
        Assessment(hip_abduction_strength=Bilateral(left=60.0, right=100.0)),
        Shown(
            FK.HIP_ABDUCTOR_WEAKNESS,
            Side.LEFT,
            Severity.MILD,
            "hip abduction strength, side to side",
            "40% weaker than the other side",
            "difference over 32.5%",
            "hip-abduction-runners (grade A, OR 3.65; weak evidence, 12 cases)",
            0.4,
        ),
    ),
    (
        "pelvis not level",
        Assessment(pelvis_level=False),
        Shown(
            FK.PELVIC_ASYMMETRY,
            None,
            Severity.MILD,
            "pelvis level in standing",
            "not level",
            "level",
            AKMI + "observed in standing)",
            None,
        ),
    ),
    (
        "pelvis rotated",
        Assessment(pelvis_rotated=True),
        Shown(
            FK.PELVIC_ASYMMETRY,
            None,
            Severity.MILD,
            "pelvic rotation in standing",
            "rotated",
            "not rotated",
            AKMI + "observed in standing)",
            None,
        ),
    ),
    (
        "true leg-length difference of 12.5 mm",
        Assessment(
            leg_length=LegLength(difference_mm=12.5, shorter=Side.RIGHT, kind=LegLengthKind.TRUE)
        ),
        Shown(
            FK.PELVIC_ASYMMETRY,
            Side.RIGHT,
            Severity.MILD,
            "leg-length difference (true)",
            "12.5 mm shorter",
            "difference ≥ 10 mm",
            AKMI + "no verified cut-off; plantarkit default)",
            12.5,
        ),
    ),
    (
        "tibia turned in",
        Assessment(tibial_rotation=left(TibialRotation.INTERNAL)),
        Shown(
            FK.TIBIAL_INTERNAL_ROTATION,
            Side.LEFT,
            Severity.MILD,
            "tibial tuberosity position in standing",
            "internal",
            "neutral",
            AKMI + "observed, no numeric cut-off)",
            None,
        ),
    ),
    (
        # the worked example's ankles: 12.5 - 9.5 = 3 cm between the sides
        "lunge 9.5 cm, 3 cm less than the other side",
        Assessment(lunge_cm=Bilateral(left=12.5, right=9.5)),
        Shown(
            FK.REDUCED_DORSIFLEXION,
            Side.RIGHT,
            Severity.MODERATE,
            "weight-bearing lunge test (knee to wall)",
            "9.5 cm (under 10 cm; 3 cm less than the other side)",
            LUNGE_REF,
            AKMI + "under 10 cm forces pronation)",
            9.5,
        ),
    ),
    (
        "lunge 11 cm, under the normal 12",
        Assessment(lunge_cm=left(11.0)),
        Shown(
            FK.REDUCED_DORSIFLEXION,
            Side.LEFT,
            Severity.MILD,
            "weight-bearing lunge test (knee to wall)",
            "11 cm (under 12 cm)",
            LUNGE_REF,
            AKMI + "10-12 cm; healthy mean about 12)",
            11.0,
        ),
    ),
    (
        # 14 cm is normal; 16 - 14 = 2 cm is more than the 1.9 cm error (Powden 2015).
        "lunge 2 cm less than the other side only",
        Assessment(lunge_cm=Bilateral(left=16.0, right=14.0)),
        Shown(
            FK.REDUCED_DORSIFLEXION,
            Side.RIGHT,
            Severity.MILD,
            "weight-bearing lunge test (knee to wall)",
            "14 cm (2 cm less than the other side)",
            LUNGE_REF,
            "powden-2015 (grade A, smallest real change, same tester)",
            14.0,
        ),
    ),
    (
        # 14.26 - 12 = 2.26 cm, shown to the millimetre.
        "lunge gap shown to the millimetre",
        Assessment(lunge_cm=Bilateral(left=14.26, right=12.0)),
        Shown(
            FK.REDUCED_DORSIFLEXION,
            Side.RIGHT,
            Severity.MILD,
            "weight-bearing lunge test (knee to wall)",
            "12 cm (2.3 cm less than the other side)",
            LUNGE_REF,
            "powden-2015 (grade A, smallest real change, same tester)",
            12.0,
        ),
    ),
    (
        # the worked example's calves: 21 - 13 = 8 below the women's median, 22 - 13 = 9 fewer
        "heel raises 13 for a woman, 9 fewer than the other side",
        Assessment(symptoms=Symptoms(sex=Sex.FEMALE), heel_raise_reps=Bilateral(left=22, right=13)),
        Shown(
            FK.PLANTAR_FLEXOR_ENDURANCE_DEFICIT,
            Side.RIGHT,
            Severity.MILD,
            "single-leg heel raises to fatigue",
            "13 reps (8 below the reference of 21; 9 fewer than the other side)",
            WOMEN_REF,
            "hebert-losier-2017 (grade A, median, n=566)",
            13,
        ),
    ),
    (
        # 24 - 17 = 7 below the men's median: more than the 6-rep error, not more than 12.
        "heel raises 17 for a man",
        Assessment(symptoms=Symptoms(sex=Sex.MALE), heel_raise_reps=left(17)),
        Shown(
            FK.PLANTAR_FLEXOR_ENDURANCE_DEFICIT,
            Side.LEFT,
            Severity.MILD,
            "single-leg heel raises to fatigue",
            "17 reps (7 below the reference of 24)",
            MEN_REF,
            "hebert-losier-2017 (grade A, median, n=566)",
            17,
        ),
    ),
    (
        # 20 is within 6 of the men's 24; 27 - 20 = 7 fewer than the other side.
        "heel raises 7 fewer than the other side only",
        Assessment(symptoms=Symptoms(sex=Sex.MALE), heel_raise_reps=Bilateral(left=27, right=20)),
        Shown(
            FK.PLANTAR_FLEXOR_ENDURANCE_DEFICIT,
            Side.RIGHT,
            Severity.MILD,
            "single-leg heel raises to fatigue",
            "20 reps (7 fewer than the other side)",
            MEN_REF,
            "hebert-losier-2017 (grade A, between-day agreement)",
            20,
        ),
    ),
    (
        "navicular drop 12 mm",
        Assessment(navicular_drop_mm=right(12.0)),
        Shown(
            FK.EXCESSIVE_PRONATION,
            Side.RIGHT,
            Severity.MILD,
            "navicular drop",
            "12 mm",
            f"over 10 mm is excessive ({JUDGED})",
            "foot-posture-summaries (grade B, reliability only fair)",
            12.0,
        ),
    ),
    (
        "FPI +7, pronated",
        Assessment(foot_posture_index=right(7)),
        Shown(
            FK.EXCESSIVE_PRONATION,
            Side.RIGHT,
            Severity.MILD,
            "Foot Posture Index (FPI-6)",
            "+7",
            FPI_REF,
            "redmond-2008 (grade B, FPI-6 +6 to +9 pronated)",
            7.0,
        ),
    ),
    (
        "FPI +10, highly pronated",
        Assessment(foot_posture_index=left(10)),
        Shown(
            FK.EXCESSIVE_PRONATION,
            Side.LEFT,
            Severity.MODERATE,
            "Foot Posture Index (FPI-6)",
            "+10",
            FPI_REF,
            "redmond-2008 (grade B, FPI-6 +10 to +12)",
            10.0,
        ),
    ),
    (
        "FPI -6, highly supinated",
        Assessment(foot_posture_index=right(-6)),
        Shown(
            FK.SUPINATED_FOOT,
            Side.RIGHT,
            Severity.MILD,
            "Foot Posture Index (FPI-6)",
            "-6",
            "-5 or less is highly supinated",
            "redmond-2008 (grade B, FPI-6 -5 to -12)",
            -6.0,
        ),
    ),
    (
        "low arch",
        Assessment(arch_height=right(ArchHeight.LOW)),
        Shown(
            FK.EXCESSIVE_PRONATION,
            Side.RIGHT,
            Severity.MILD,
            "arch height",
            "low",
            f"normal arch ({JUDGED})",
            AKMI + "clinician's classification)",
            None,
        ),
    ),
    (
        "stiff first ray",
        Assessment(first_ray_mobility=left(FirstRayMobility.HYPOMOBILE)),
        Shown(
            FK.FIRST_RAY_DYSFUNCTION,
            Side.LEFT,
            Severity.MILD,
            "first-ray mobility",
            "hypomobile",
            "normal mobility",
            AKMI + "clinician's classification)",
            None,
        ),
    ),
    (
        "weak toe grip",
        Assessment(toe_grip=right(ToeGrip.WEAK)),
        Shown(
            FK.INTRINSIC_FOOT_WEAKNESS,
            Side.RIGHT,
            Severity.MILD,
            "toe grip strength",
            "weak",
            "normal grip",
            "pogo-intrinsic (grade B, cites Cheung 2016)",
            None,
        ),
    ),
]


@pytest.mark.parametrize(("case", "assessment", "shown"), SHOWN, ids=[c[0] for c in SHOWN])
def test_what_a_finding_shows(case: str, assessment: Assessment, shown: Shown) -> None:
    report = assess(assessment)
    assert [(f.kind, f.side) for f in report.findings] == [(shown.kind, shown.side)], case
    f = report.findings[0]
    got = Shown(
        f.kind, f.side, f.severity, f.measure, f.value, f.reference, str(f.citation), f.measured
    )
    assert got == shown
    for text in (f.measure, f.value, f.reference, f.citation.detail):
        assert _well_cased(text), text
    assert _is_sentence(f.explanation), f.explanation


def test_the_worked_example_shows_its_numbers() -> None:
    report = assess(example_assessment())
    assert [f.value for f in report.findings] == [
        "27°",
        "Trendelenburg sign positive; knee drifts in on single-leg squat",
        "9.5 cm (under 10 cm; 3 cm less than the other side)",
        "13 reps (8 below the reference of 21; 9 fewer than the other side)",
    ]
    assert [f.measured for f in report.findings] == [27.0, None, 9.5, 13]
    # 35 - 27 = 8° of deficit; the source's model: 8 × 3 = 24° at the subtalar joint
    explanation = report.findings[0].explanation
    assert "8° less than the normal range" in explanation
    assert "about 24° of extra motion" in explanation


def test_the_hip_explanation_shows_fractions_of_a_degree() -> None:
    # 35 - 32.5 = 2.5° of deficit; 2.5 × 3 = 7.5° at the subtalar joint.
    (f,) = assess(Assessment(hip_internal_rotation_deg=right(32.5))).findings
    assert "2.5° less than the normal range" in f.explanation
    assert "about 7.5° of extra motion" in f.explanation


def test_heel_raise_norm_without_a_sex_is_for_adults() -> None:
    cite = Citation(source="my-clinic", grade=Grade.U)
    norms = attrs.evolve(ChainNorms(), heel_raise_norms=(HeelRaiseNorm(reps=20, citation=cite),))
    (f,) = assess(Assessment(heel_raise_reps=right(10)), norms).findings
    assert (
        f.reference
        == "median 20 reps for adults; differences of up to 6 reps are measurement error"
    )
    assert f.value == "10 reps (10 below the reference of 20)"


# --- thresholds: exactly at and one past --------------------------------------------------------


def test_a_leg_length_difference_of_exactly_10_mm_counts() -> None:
    at = assess(Assessment(leg_length=LegLength(difference_mm=10, shorter=Side.RIGHT)))
    assert found(at) == [(FK.PELVIC_ASYMMETRY, Side.RIGHT, Severity.MILD)]
    assert at.findings[0].measure == "leg-length difference (functional)"
    assert at.findings[0].value == "10 mm shorter"


@pytest.mark.parametrize(
    ("strength", "weaker"),
    [
        (Bilateral(left=60.0, right=100.0), Side.LEFT),
        (Bilateral(left=100.0, right=60.0), Side.RIGHT),
    ],
)
def test_hip_abduction_finding_is_on_the_weaker_side(
    strength: Bilateral[float | None], weaker: Side
) -> None:
    assert found(assess(Assessment(hip_abduction_strength=strength))) == [
        (FK.HIP_ABDUCTOR_WEAKNESS, weaker, Severity.MILD)
    ]


@pytest.mark.parametrize(
    "strength",
    [left(10.0), right(10.0), Bilateral(left=50.0, right=50.0), Bilateral(left=0.0, right=0.0)],
)
def test_hip_abduction_needs_two_different_sides(strength: Bilateral[float | None]) -> None:
    assert assess(Assessment(hip_abduction_strength=strength)).findings == ()


def test_a_side_to_side_rule_needs_both_sides() -> None:
    # With a tiny measurement error, one measured side must still not be compared with nothing.
    tiny = Threshold(value=0.5, citation=Citation(source="my-clinic", grade=Grade.U))
    norms = attrs.evolve(ChainNorms(), lunge_error_cm=tiny, heel_raise_error_reps=tiny)
    a = Assessment(
        symptoms=Symptoms(sex=Sex.FEMALE),
        lunge_cm=right(14.0),  # normal on its own (≥ 12 cm)
        heel_raise_reps=right(25),  # above the women's median of 21
    )
    assert assess(a, norms).findings == ()


@pytest.mark.parametrize(
    ("age", "applies"), [(39, False), (40, True), (60, True), (61, False), (None, True)]
)
def test_heel_raise_norm_age_band_is_inclusive(age: int | None, applies: bool) -> None:
    cite = Citation(source="my-clinic", grade=Grade.U)
    norm = HeelRaiseNorm(reps=20, citation=cite, min_age=40, max_age=60)
    assert norm.applies(None, age) is applies
    assert norm.applies(Sex.MALE, age) is applies


def test_heel_raise_norm_for_one_sex() -> None:
    cite = Citation(source="my-clinic", grade=Grade.U)
    norm = HeelRaiseNorm(reps=20, citation=cite, sex=Sex.FEMALE)
    assert norm.applies(Sex.FEMALE, 50)
    assert not norm.applies(Sex.MALE, 50)
    assert not norm.applies(None, 50)


def test_default_norms_follow_the_fact_sheet() -> None:
    n = ChainNorms()
    table = {
        # FACTS.md §5: value, source, grade
        "hip_ir_normal_min": (35, "akmi-chain", Grade.U),
        "hip_ir_marked_below": (30, "akmi-chain", Grade.U),
        "hip_abduction_asymmetry": (0.325, "hip-abduction-runners", Grade.A),
        "leg_length_mm": (10, "akmi-chain", Grade.U),
        "lunge_normal_min": (12, "akmi-chain", Grade.U),
        "lunge_marked_below": (10, "akmi-chain", Grade.U),
        "lunge_error_cm": (1.9, "powden-2015", Grade.A),
        "heel_raise_error_reps": (6, "hebert-losier-2017", Grade.A),
        "navicular_drop_mm": (10, "foot-posture-summaries", Grade.B),
        "fpi_pronated": (6, "redmond-2008", Grade.B),
        "fpi_highly_pronated": (10, "redmond-2008", Grade.B),
        "fpi_highly_supinated": (-5, "redmond-2008", Grade.B),
    }
    for name, (value, source, grade) in table.items():
        threshold = getattr(n, name)
        assert (threshold.value, threshold.citation.source, threshold.citation.grade) == (
            value,
            source,
            grade,
        ), name
        assert threshold.citation.detail, name
    assert [(h.sex, h.reps, str(h.citation)) for h in n.heel_raise_norms] == [
        (Sex.MALE, 24, "hebert-losier-2017 (grade A, median, n=566)"),
        (Sex.FEMALE, 21, "hebert-losier-2017 (grade A, median, n=566)"),
    ]
    assert str(n.amplification.citation) == "akmi-chain (grade U, distal amplification claim)"


def test_a_threshold_reads_as_its_value_and_source() -> None:
    n = ChainNorms()
    assert str(n.hip_ir_normal_min) == "35 (akmi-chain (grade U, normal range 35-45°))"
    assert str(n.lunge_error_cm) == "1.9 (powden-2015 (grade A, smallest real change, same tester))"
    # A whole number given as a float (12.0) reads as 12, as the defaults do.
    mine = Threshold(value=12.0, citation=Citation(source="my-clinic", grade=Grade.U))
    assert str(mine) == "12 (my-clinic (grade U))"


# --- order of findings and the primary driver ---------------------------------------------------


def test_findings_at_one_link_go_pelvis_wide_then_left_then_right() -> None:
    a = Assessment(
        hip_internal_rotation_deg=right(32.0),
        single_leg_squat=left(SquatQuality.FAIR),
        pelvis_level=False,
        leg_length=LegLength(difference_mm=15, shorter=Side.LEFT),
    )
    assert found(assess(a)) == [
        (FK.GLUTE_MED_INSUFFICIENCY, Side.LEFT, Severity.MILD),
        (FK.HIP_INTERNAL_ROTATION_DEFICIT, Side.RIGHT, Severity.MILD),
        (FK.PELVIC_ASYMMETRY, None, Severity.MILD),
        (FK.PELVIC_ASYMMETRY, Side.LEFT, Severity.MILD),
    ]


def test_of_one_kind_on_one_side_the_more_severe_comes_first() -> None:
    a = Assessment(navicular_drop_mm=right(12.0), foot_posture_index=right(10))
    report = assess(a)
    assert [(f.measure, f.severity) for f in report.findings] == [
        ("Foot Posture Index (FPI-6)", Severity.MODERATE),
        ("navicular drop", Severity.MILD),
    ]


def test_primary_driver_at_one_link_is_the_more_severe() -> None:
    a = Assessment(
        symptoms=Symptoms(painful_sides=(Side.RIGHT,)),
        hip_internal_rotation_deg=right(32.0),  # mild
        single_leg_squat=right(SquatQuality.POOR),  # moderate
    )
    driver = assess(a).primary_driver
    assert driver is not None
    assert (driver.kind, driver.severity) == (FK.GLUTE_MED_INSUFFICIENCY, Severity.MODERATE)


def test_primary_driver_of_equal_severity_follows_the_kinds_order() -> None:
    a = Assessment(
        symptoms=Symptoms(painful_sides=(Side.RIGHT,)),
        hip_internal_rotation_deg=right(32.0),  # mild
        trendelenburg=right(True),  # mild
    )
    driver = assess(a).primary_driver
    assert driver is not None
    assert driver.kind is FK.HIP_INTERNAL_ROTATION_DEFICIT


def test_emphasis_keeps_the_side_of_its_finding() -> None:
    a = Assessment(pelvis_level=False, lunge_cm=left(9.0), toe_grip=right(ToeGrip.WEAK))
    report = assess(a)
    assert [(e.kind, e.side) for e in report.emphasis] == [
        (FK.PELVIC_ASYMMETRY, None),
        (FK.REDUCED_DORSIFLEXION, Side.LEFT),
        (FK.INTRINSIC_FOOT_WEAKNESS, Side.RIGHT),
    ]


def test_a_link_measured_on_one_side_is_assessed() -> None:
    report = assess(Assessment(lunge_cm=left(14.0)))
    assert Link.ANKLE not in report.not_assessed
    assert report.not_assessed == (Link.HIP, Link.PELVIS, Link.KNEE, Link.FOOT)


# --- the report's helpers -----------------------------------------------------------------------


def test_findings_at_and_on() -> None:
    a = Assessment(
        pelvis_level=False,
        hip_internal_rotation_deg=Bilateral(left=32.0, right=28.0),
        toe_grip=left(ToeGrip.WEAK),
    )
    report = assess(a)
    assert [(f.kind, f.side) for f in report.findings_at(Link.HIP)] == [
        (FK.HIP_INTERNAL_ROTATION_DEFICIT, Side.LEFT),
        (FK.HIP_INTERNAL_ROTATION_DEFICIT, Side.RIGHT),
    ]
    assert report.findings_at(Link.KNEE) == ()
    assert [(f.kind, f.side) for f in report.findings_on(Side.LEFT)] == [
        (FK.HIP_INTERNAL_ROTATION_DEFICIT, Side.LEFT),
        (FK.PELVIC_ASYMMETRY, None),
        (FK.INTRINSIC_FOOT_WEAKNESS, Side.LEFT),
    ]
    assert [(f.kind, f.side) for f in report.findings_on(Side.RIGHT)] == [
        (FK.HIP_INTERNAL_ROTATION_DEFICIT, Side.RIGHT),
        (FK.PELVIC_ASYMMETRY, None),
    ]


def test_exercise_ids_are_each_emphasised_exercise_once_in_order() -> None:
    a = Assessment(
        toe_grip=right(ToeGrip.WEAK), first_ray_mobility=right(FirstRayMobility.HYPERMOBILE)
    )
    table = {
        FK.FIRST_RAY_DYSFUNCTION: ("toe_yoga", "short_foot"),
        FK.INTRINSIC_FOOT_WEAKNESS: ("short_foot", "towel_toe_curls"),
    }
    report = assess(a, emphasis=table)
    assert report.exercise_ids() == ("toe_yoga", "short_foot", "towel_toe_curls")


def test_a_report_shows_itself_in_a_notebook() -> None:
    report = assess(example_assessment())
    assert report._repr_markdown_() == plantarkit.render.chain_report_markdown(report)
    assert report._repr_html_() == plantarkit.render.chain_report_html(report)
    assert "hip internal rotation deficit" in report._repr_markdown_()


def test_finding_reads_as_link_kind_side_severity() -> None:
    report = assess(Assessment(pelvis_level=False, foot_posture_index=left(10)))
    assert [str(f) for f in report.findings] == [
        "pelvis: pelvic asymmetry, mild",
        "foot: excessive pronation (left), moderate",
    ]


def test_a_finding_mirrored() -> None:
    report = assess(Assessment(pelvis_level=False, lunge_cm=left(9.0)))
    pelvis, ankle = report.findings
    assert pelvis.mirrored() == pelvis
    assert ankle.mirrored() == attrs.evolve(ankle, side=Side.RIGHT)
    assert ankle.mirrored().mirrored() == ankle


def test_an_assessment_mirrored() -> None:
    a = Assessment(
        symptoms=Symptoms(painful_sides=(Side.RIGHT,), age=50),
        lunge_cm=Bilateral(left=12.0, right=9.0),
        leg_length=LegLength(difference_mm=12, shorter=Side.LEFT, kind=LegLengthKind.TRUE),
        pelvis_level=False,
    )
    m = a.mirrored()
    assert m.symptoms == Symptoms(painful_sides=(Side.LEFT,), age=50)
    assert m.lunge_cm == Bilateral(left=9.0, right=12.0)
    assert m.leg_length == LegLength(difference_mm=12, shorter=Side.RIGHT, kind=LegLengthKind.TRUE)
    assert m.pelvis_level is False
    assert Assessment().mirrored() == Assessment()


# --- severity -------------------------------------------------------------------------------


def test_severity_order() -> None:
    assert Severity.MILD < Severity.MODERATE < Severity.MARKED
    assert not Severity.MILD < Severity.MILD
    assert not Severity.MARKED < Severity.MODERATE
    assert Severity.MILD <= Severity.MILD
    assert max(Severity.MODERATE, Severity.MODERATE) is Severity.MODERATE


def test_raised_is_one_level_worse_and_marked_stays_marked() -> None:
    assert Severity.MILD.raised() is Severity.MODERATE
    assert Severity.MODERATE.raised() is Severity.MARKED
    assert Severity.MARKED.raised() is Severity.MARKED


# --- red flags ------------------------------------------------------------------------------


def test_a_referral_says_what_to_do_and_why() -> None:
    screen = RedFlagScreen(rest_or_night_pain=True, sudden_pop_with_bruising=True)
    referral = assess(Assessment(red_flags=screen)).referral
    assert referral is not None
    advice = "Do not start a self-managed programme; see a clinician for assessment first."
    assert referral.advice == advice
    assert str(referral) == (
        f"REFER: {advice} (pain at rest or at night → fracture, infection or tumour; "
        "a sudden pop with bruising → plantar fascia rupture)"
    )
    assert [str(f.citation) for f in referral.flags] == ["differential-summaries (grade B)"] * 2


def test_a_red_flag_answer_must_be_yes_no_or_not_asked() -> None:
    with pytest.raises(InvalidValueError) as info:
        RedFlagScreen(heel_squeeze_pain="yes")  # type: ignore[arg-type]  # wrong on purpose
    assert info.value.path == "$.heel_squeeze_pain"


# --- the worked example -------------------------------------------------------------------------


def test_the_worked_example_is_what_its_docstring_says() -> None:
    # "A 42-year-old recreational runner with right heel pain for 10 weeks [...]
    # the red-flag screen is clear."
    a = example_assessment()
    assert a.symptoms == Symptoms(
        painful_sides=(Side.RIGHT,),
        first_step_pain=a.symptoms.first_step_pain,
        duration_weeks=10,
        age=42,
        sex=Sex.FEMALE,
    )
    assert isinstance(a.symptoms.first_step_pain, Pain)
    assert all(getattr(a.red_flags, f.name) is False for f in attrs.fields(RedFlagScreen))
    # "Her right hip turns in less than her left"
    assert a.hip_internal_rotation_deg.right < a.hip_internal_rotation_deg.left  # type: ignore[operator]
    # standing, the pelvis was looked at: level and not rotated (no pelvis finding)
    assert (a.pelvis_level, a.pelvis_rotated) == (True, False)


def test_the_worked_example_measures_both_sides() -> None:
    a = example_assessment()
    measured = {
        "hip_internal_rotation_deg",
        "trendelenburg",
        "single_leg_squat",
        "hip_abduction_strength",
        "tibial_rotation",
        "lunge_cm",
        "heel_raise_reps",
        "arch_height",
        "foot_posture_index",
        "toe_grip",
    }
    for field in attrs.fields(Assessment):
        value = getattr(a, field.name)
        if isinstance(value, Bilateral):
            sides = (value.left is not None, value.right is not None)
            assert sides == ((True, True) if field.name in measured else (False, False)), field.name


# --- input refused, with its message ------------------------------------------------------------


def reason(build: Any) -> str:
    with pytest.raises(InvalidValueError) as info:
        build()
    return info.value.reason


def test_wrong_types_are_named_in_the_message() -> None:
    wrong: Any = "builtin"  # each value below is of a wrong type on purpose
    assert reason(lambda: assess(wrong)) == "expected an Assessment, got str"
    assert reason(lambda: assess(Assessment(), norms=wrong)) == "expected ChainNorms, got str"
    assert reason(lambda: assess(Assessment(), catalogue=wrong)) == "expected a Catalogue, got str"
    pair: Any = (1, 2)
    assert reason(lambda: Assessment(lunge_cm=pair)) == "expected a Bilateral, got (1, 2)"


KINDS = (
    "(kinds: 'hip_internal_rotation_deficit', 'glute_med_insufficiency', 'hip_abductor_weakness',"
    " 'pelvic_asymmetry', 'tibial_internal_rotation', 'reduced_dorsiflexion',"
    " 'plantar_flexor_endurance_deficit', 'excessive_pronation', 'supinated_foot',"
    " 'first_ray_dysfunction', 'intrinsic_foot_weakness')"
)


def problems(emphasis: Any) -> list[str]:
    with pytest.raises(InvalidValueError) as info:
        assess(example_assessment(), emphasis=emphasis)
    return [str(p) for p in info.value.problems]


def test_bad_emphasis_messages() -> None:
    assert problems([1]) == [
        "$.emphasis: expected a mapping of FindingKind (or its value) to a tuple of exercise ids,"
        " got an array [1]"
    ]
    assert problems({3: ()}) == [f"$.emphasis[3]: expected a FindingKind, got 3 {KINDS}"]
    assert problems({"zzzzzz": ("zzzzzz",)}) == [
        f"$.emphasis['zzzzzz']: expected a FindingKind, got 'zzzzzz' {KINDS}",
        "$.emphasis['zzzzzz'][0]: unknown exercise 'zzzzzz' (not in the catalogue)",
    ]
    twice = problems({"glute_med_insufficiency": (), FK.GLUTE_MED_INSUFFICIENCY: ()})
    assert twice == [
        "$.emphasis['glute_med_insufficiency']: 'glute_med_insufficiency' is given twice:"
        " as 'glute_med_insufficiency' and"
        " <FindingKind.GLUTE_MED_INSUFFICIENCY: 'glute_med_insufficiency'>"
    ]


def test_a_bad_emphasis_value_does_not_stop_the_check_of_the_next() -> None:
    bad = {FK.GLUTE_MED_INSUFFICIENCY: "clam", FK.REDUCED_DORSIFLEXION: ("clams",)}
    assert [p.split(":")[0] for p in problems(bad)] == [
        "$.emphasis['glute_med_insufficiency']",
        "$.emphasis['reduced_dorsiflexion'][0]",
    ]


# --- the JSON Schema of an assessment -----------------------------------------------------------


def test_json_schema_of_a_per_side_measurement() -> None:
    validator = jsonschema.Draft202012Validator(plantarkit.json_schema(Assessment))
    document = json.loads(plantarkit.dumps(Assessment(lunge_cm=left(12.0))))
    assert validator.is_valid(document)

    def with_lunge(value: object) -> dict[str, Any]:
        changed: dict[str, Any] = json.loads(json.dumps(document))
        changed["data"]["lunge_cm"] = value
        return changed

    assert validator.is_valid(with_lunge({"left": None, "right": 30.0}))
    assert not validator.is_valid(with_lunge({"left": 12.0}))  # both sides are required
    assert not validator.is_valid(with_lunge({"right": 12.0}))
    assert not validator.is_valid(with_lunge({"left": 1.0, "right": 1.0, "middle": 1.0}))
    assert not validator.is_valid(with_lunge({"left": -1.0, "right": None}))  # under 0 cm
    assert not validator.is_valid(with_lunge({"left": None, "right": 31.0}))  # over 30 cm
    assert not validator.is_valid(with_lunge([12.0, 12.0]))
