"""Properties of assess(): determinism, symmetry, monotonicity, safety, no lost findings."""

from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

import plantarkit
from plantarkit import Bilateral, Side
from plantarkit.chain import (
    Assessment,
    ChainNorms,
    ChainReport,
    Finding,
    FindingKind,
    Severity,
    assess,
)
from plantarkit.testing import assessments, chain_norms, red_flag_screens


def worst(report: ChainReport, kind: FindingKind, side: Side) -> int:
    """Highest severity level of a kind on a side (0: no finding)."""
    return max(
        (f.severity.level for f in report.findings if f.kind is kind and f.side is side), default=0
    )


def with_field(a: Assessment, name: str, value: Any) -> Assessment:
    changes: dict[str, Any] = {name: value}
    return attrs.evolve(a, **changes)


def keyed(findings: tuple[Finding, ...]) -> dict[tuple[FindingKind, Side | None, str], Severity]:
    return {(f.kind, f.side, f.measure): f.severity for f in findings}


@given(assessments(red_flags=None), chain_norms())
def test_same_input_same_output(a: Assessment, norms: ChainNorms) -> None:
    assert assess(a, norms) == assess(a, norms)
    assert plantarkit.dumps(assess(a, norms)) == plantarkit.dumps(assess(a, norms))


@given(assessments(red_flags=None))
def test_mirroring_mirrors_the_findings(a: Assessment) -> None:
    report, mirrored = assess(a), assess(a.mirrored())
    assert sorted(map(str, mirrored.findings)) == sorted(str(f.mirrored()) for f in report.findings)
    assert keyed(mirrored.findings) == {
        (k, s.opposite if s else None, m): v for (k, s, m), v in keyed(report.findings).items()
    }
    assert mirrored.asymmetric == report.asymmetric
    assert (mirrored.primary_driver is None) == (report.primary_driver is None)
    if report.primary_driver is not None and mirrored.primary_driver is not None:
        assert mirrored.primary_driver.link is report.primary_driver.link
        assert mirrored.primary_driver.severity is report.primary_driver.severity
    assert mirrored.not_assessed == report.not_assessed
    assert a.mirrored().mirrored() == a


@given(assessments(red_flags=True))
def test_any_red_flag_refers(a: Assessment) -> None:
    report = assess(a)
    assert report.referral is not None
    assert not report.program_allowed
    positive = {name for name in plantarkit.chain.RED_FLAGS if getattr(a.red_flags, name)}
    assert {flag.item for flag in report.referral.flags} == positive


@given(assessments(red_flags=False))
def test_no_red_flag_no_referral(a: Assessment) -> None:
    assert assess(a).referral is None


# Measurements where a lower value is worse, and where a higher value is worse.
LOWER_IS_WORSE: dict[str, tuple[FindingKind, float]] = {
    "hip_internal_rotation_deg": (FindingKind.HIP_INTERNAL_ROTATION_DEFICIT, 0.0),
    "lunge_cm": (FindingKind.REDUCED_DORSIFLEXION, 0.0),
    "heel_raise_reps": (FindingKind.PLANTAR_FLEXOR_ENDURANCE_DEFICIT, 0),
}
HIGHER_IS_WORSE: dict[str, tuple[FindingKind, float]] = {
    "navicular_drop_mm": (FindingKind.EXCESSIVE_PRONATION, 40.0),
    "foot_posture_index": (FindingKind.EXCESSIVE_PRONATION, 12),
}


def _worse(
    a: Assessment, name: str, side: Side, toward: float, fraction: float
) -> Assessment | None:
    values: Bilateral[Any] = getattr(a, name)
    current = values.get(side)
    if current is None:
        return None
    new = current + (toward - current) * fraction
    new = round(new) if isinstance(current, int) else new
    return with_field(a, name, values.replace(side, new))


@given(
    assessments(),
    st.sampled_from(sorted({**LOWER_IS_WORSE, **HIGHER_IS_WORSE})),
    st.sampled_from(Side),
    st.floats(0, 1),
)
def test_a_worse_measurement_never_gives_a_milder_finding(
    a: Assessment, name: str, side: Side, fraction: float
) -> None:
    kind, toward = {**LOWER_IS_WORSE, **HIGHER_IS_WORSE}[name]
    worse = _worse(a, name, side, toward, fraction)
    if worse is None:
        return
    assert worst(assess(worse), kind, side) >= worst(assess(a), kind, side)


@given(assessments(), st.sampled_from(Side), st.floats(0, 1))
def test_weaker_hip_abductors_never_give_a_milder_finding(
    a: Assessment, side: Side, fraction: float
) -> None:
    worse = _worse(a, "hip_abduction_strength", side, 0.0, fraction)
    if worse is None:
        return
    kind = FindingKind.HIP_ABDUCTOR_WEAKNESS
    assert worst(assess(worse), kind, side) >= worst(assess(a), kind, side)


MEASUREMENTS = [f.name for f in attrs.fields(Assessment) if f.name not in ("symptoms", "red_flags")]


@given(assessments(), assessments(), st.sampled_from(MEASUREMENTS))
def test_adding_a_measurement_never_removes_a_finding(
    a: Assessment, source: Assessment, name: str
) -> None:
    current = getattr(a, name)
    extra = getattr(source, name)
    if isinstance(current, Bilateral):
        merged: object = Bilateral(
            left=current.left if current.left is not None else extra.left,
            right=current.right if current.right is not None else extra.right,
        )
    elif current is None:
        merged = extra
    else:
        return
    before = keyed(assess(a).findings)
    after = keyed(assess(with_field(a, name, merged)).findings)
    for key, severity in before.items():
        assert key in after, key
        assert after[key] >= severity


@given(assessments(), st.sampled_from(MEASUREMENTS))
def test_removing_a_measurement_never_adds_a_finding(a: Assessment, name: str) -> None:
    unmeasured = (
        Bilateral(left=None, right=None) if isinstance(getattr(a, name), Bilateral) else None
    )
    fewer = with_field(a, name, unmeasured)
    assert set(keyed(assess(fewer).findings)) <= set(keyed(assess(a).findings))


@given(assessments(red_flags=None))
def test_report_shape(a: Assessment) -> None:
    report = assess(a)
    orders = [f.link.order for f in report.findings]
    assert orders == sorted(orders)  # top-down
    if report.primary_driver is not None:
        assert report.primary_driver in report.findings
        painful = a.symptoms.painful_sides
        assert not painful or report.primary_driver.side in (*painful, None)
        upstream = [
            f.link.order for f in report.findings if not painful or f.side in (*painful, None)
        ]
        assert report.primary_driver.link.order == min(upstream)
    if report.asymmetric:
        assert len(a.symptoms.painful_sides) == 1
    catalogue = plantarkit.catalogue()
    for exercise_id in report.exercise_ids():
        assert exercise_id in catalogue.ids
    kinds = {f.kind for f in report.findings}
    assert {e.kind for e in report.emphasis} == kinds


@given(red_flag_screens(positive=True))
def test_red_flags_win_over_everything(screen: plantarkit.RedFlagScreen) -> None:
    a = attrs.evolve(plantarkit.example_assessment(), red_flags=screen)
    report = assess(a)
    assert report.referral is not None
    assert report.findings == assess(plantarkit.example_assessment()).findings


@given(red_flag_screens())
def test_the_report_lists_exactly_the_questions_not_asked(screen: plantarkit.RedFlagScreen) -> None:
    report = assess(Assessment(red_flags=screen))
    asked = {name: getattr(screen, name) for name in plantarkit.chain.RED_FLAGS}
    assert report.red_flags_not_asked == tuple(n for n, v in asked.items() if v is None)
    # Only a positive answer stops a programme; one not asked is noted instead.
    assert report.program_allowed == (True not in asked.values())
    assert bool(report.notes) == (report.program_allowed and None in asked.values())


@given(
    assessments(red_flags=None),
    st.dictionaries(
        st.sampled_from(FindingKind),
        st.lists(st.sampled_from(plantarkit.catalogue().ids), unique=True, max_size=3),
    ),
)
def test_emphasis_by_kind_or_by_its_value_gives_the_same_report(
    a: Assessment, table: dict[FindingKind, list[str]]
) -> None:
    by_member = assess(a, emphasis={k: tuple(v) for k, v in table.items()})
    assert assess(a, emphasis={k.value: v for k, v in table.items()}) == by_member
    for e in by_member.emphasis:
        assert e.exercises == tuple(table[e.kind])
