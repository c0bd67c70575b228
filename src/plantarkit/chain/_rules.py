"""The kinetic-chain rules: one function per link, each turning measurements into findings.

Each rule reads an :class:`Assessment` and the :class:`ChainNorms` and yields
:class:`Finding` values, each with the measurement, the threshold it was judged
against and its source. :data:`RULES` lists them in the order a report shows them.
"""

import enum
import typing
from collections.abc import Callable, Iterator

from plantarkit._core.evidence import Citation, Grade
from plantarkit._core.side import Bilateral, Side
from plantarkit._core.text import number
from plantarkit.chain._assessment import (
    ArchHeight,
    Assessment,
    FirstRayMobility,
    SquatQuality,
    TibialRotation,
    ToeGrip,
)
from plantarkit.chain._norms import ChainNorms
from plantarkit.chain._report import (
    Finding,
    FindingKind,
    Link,
    Severity,
)

__all__ = ["RULES", "Rule"]

E = typing.TypeVar("E", bound=enum.Enum)

Rule = Callable[[Assessment, ChainNorms], Iterator[Finding]]


_EPSILON = 1e-9
"""Differences are compared with this tolerance, so 15.9 - 14.0 is not "more than 1.9"."""


def _exceeds(value: float, limit: float) -> bool:
    return value - limit > _EPSILON


def _finding(
    link: Link,
    kind: FindingKind,
    side: Side | None,
    severity: Severity,
    measure: str,
    value: str,
    reference: str,
    citation: Citation,
    explanation: str,
    measured: float | None = None,
) -> Finding:
    return Finding(
        link=link,
        kind=kind,
        side=side,
        severity=severity,
        measure=measure,
        value=value,
        reference=reference,
        citation=citation,
        explanation=explanation,
        measured=measured,
    )


def _sides(
    values: Bilateral[float | None] | Bilateral[int | None],
) -> Iterator[tuple[Side, float, float | None]]:
    """Yield (side, value, other side's value) for each measured side."""
    for side, value in values.items():
        if value is not None:
            yield side, value, values.get(side.opposite)


def _observed(
    values: "Bilateral[E | None]",
    found: tuple[E, ...],
    link: Link,
    kind: FindingKind,
    measure: str,
    reference: str,
    citation: Citation,
    explanation: str,
) -> Iterator[Finding]:
    """A mild finding on each side whose observed class is one of ``found``."""
    for side, value in values.items():
        if value is not None and value in found:
            yield _finding(
                link,
                kind,
                side,
                Severity.MILD,
                measure,
                value.value.replace("_", " "),
                reference,
                citation,
                explanation,
            )


def hip_rotation(a: Assessment, n: ChainNorms) -> Iterator[Finding]:
    """Hip internal rotation below the normal range."""
    for side, deg, _ in _sides(a.hip_internal_rotation_deg):
        if deg >= n.hip_ir_normal_min.value:
            continue
        marked = deg < n.hip_ir_marked_below.value
        deficit = n.hip_ir_normal_min.value - deg
        _, subtalar = n.amplification.distal(deficit)
        threshold = n.hip_ir_marked_below if marked else n.hip_ir_normal_min
        yield _finding(
            Link.HIP,
            FindingKind.HIP_INTERNAL_ROTATION_DEFICIT,
            side,
            Severity.MODERATE if marked else Severity.MILD,
            "hip internal rotation (prone, knee 90°)",
            f"{number(deg)}°",
            f"normal ≥ {number(n.hip_ir_normal_min.value)}°; below "
            f"{number(n.hip_ir_marked_below.value)}° the foot is likely compensating",
            threshold.citation,
            f"The hip turns in {number(deficit)}° less than the normal range, so the foot may be "
            f"rotating for it (the source's chain model would put about {number(subtalar)}° of "
            "extra motion at the subtalar joint; a claim, not a measurement).",
            deg,
        )


def glute_med(a: Assessment, n: ChainNorms) -> Iterator[Finding]:
    """A positive Trendelenburg sign or knee collapse in the single-leg squat."""
    cite = Citation(source="akmi-chain", grade=Grade.U, detail="observed sign, no numeric cut-off")
    for side in Side:
        trend = a.trendelenburg.get(side)
        squat = a.single_leg_squat.get(side)
        severities: list[Severity] = []
        seen: list[str] = []
        if trend:
            severities.append(Severity.MILD)
            seen.append("Trendelenburg sign positive")
        if squat is SquatQuality.FAIR:
            severities.append(Severity.MILD)
            seen.append("knee drifts in on single-leg squat")
        elif squat is SquatQuality.POOR:
            severities.append(Severity.MODERATE)
            seen.append("knee collapses in on single-leg squat")
        if not severities:
            continue
        severity = max(severities)
        if len(severities) > 1:
            severity = severity.raised()
        yield _finding(
            Link.HIP,
            FindingKind.GLUTE_MED_INSUFFICIENCY,
            side,
            severity,
            "single-leg stance and single-leg squat",
            "; ".join(seen),
            "pelvis stays level and knee stays over the foot",
            cite,
            "The hip abductors do not hold the pelvis and knee steady on this leg, which "
            "lets the arch collapse under load.",
        )


def hip_abduction(a: Assessment, n: ChainNorms) -> Iterator[Finding]:
    """One side's hip abduction much weaker than the other's."""
    left, right = a.hip_abduction_strength.left, a.hip_abduction_strength.right
    if left is None or right is None or left == right:
        return
    weaker = Side.LEFT if left < right else Side.RIGHT
    strong = max(left, right)
    gap = (strong - min(left, right)) / strong
    if not _exceeds(gap, n.hip_abduction_asymmetry.value):
        return
    yield _finding(
        Link.HIP,
        FindingKind.HIP_ABDUCTOR_WEAKNESS,
        weaker,
        Severity.MILD,
        "hip abduction strength, side to side",
        f"{gap:.0%} weaker than the other side",
        f"difference over {n.hip_abduction_asymmetry.value:.1%}",
        n.hip_abduction_asymmetry.citation,
        "This side's hip abductors are much weaker than the other side's, a difference "
        "linked (weakly) with plantar fasciitis in runners.",
        gap,
    )


def pelvis(a: Assessment, n: ChainNorms) -> Iterator[Finding]:
    """Pelvis not level, rotated, or a leg-length difference."""
    cite = Citation(source="akmi-chain", grade=Grade.U, detail="observed in standing")
    if a.pelvis_level is False:
        yield _finding(
            Link.PELVIS,
            FindingKind.PELVIC_ASYMMETRY,
            None,
            Severity.MILD,
            "pelvis level in standing",
            "not level",
            "level",
            cite,
            "An uneven pelvis loads one leg differently and can explain one-sided heel pain.",
        )
    if a.pelvis_rotated is True:
        yield _finding(
            Link.PELVIS,
            FindingKind.PELVIC_ASYMMETRY,
            None,
            Severity.MILD,
            "pelvic rotation in standing",
            "rotated",
            "not rotated",
            cite,
            "A rotated pelvis changes how each foot meets the ground.",
        )
    length = a.leg_length
    if length is not None and length.difference_mm >= n.leg_length_mm.value:
        yield _finding(
            Link.PELVIS,
            FindingKind.PELVIC_ASYMMETRY,
            length.shorter,
            Severity.MILD,
            f"leg-length difference ({length.kind.value})",
            f"{number(length.difference_mm)} mm shorter",
            f"difference ≥ {number(n.leg_length_mm.value)} mm",
            n.leg_length_mm.citation,
            "A shorter leg shifts load between the feet and can explain one-sided symptoms.",
            length.difference_mm,
        )


def tibia(a: Assessment, n: ChainNorms) -> Iterator[Finding]:
    """Tibial tuberosity rotated inwards in standing."""
    yield from _observed(
        a.tibial_rotation,
        (TibialRotation.INTERNAL,),
        Link.KNEE,
        FindingKind.TIBIAL_INTERNAL_ROTATION,
        "tibial tuberosity position in standing",
        "neutral",
        Citation(source="akmi-chain", grade=Grade.U, detail="observed, no numeric cut-off"),
        "The shin bone sits turned in, which is passed down to the foot as extra pronation.",
    )


def dorsiflexion(a: Assessment, n: ChainNorms) -> Iterator[Finding]:
    """Weight-bearing lunge below normal, or clearly below the other side."""
    for side, cm, other in _sides(a.lunge_cm):
        gap = (other - cm) if other is not None else 0.0
        severity: Severity | None = None
        reasons: list[str] = []
        cite = n.lunge_normal_min.citation
        if cm < n.lunge_marked_below.value:
            severity, cite = Severity.MODERATE, n.lunge_marked_below.citation
            reasons.append(f"under {number(n.lunge_marked_below.value)} cm")
        elif cm < n.lunge_normal_min.value:
            severity = Severity.MILD
            reasons.append(f"under {number(n.lunge_normal_min.value)} cm")
        if _exceeds(gap, n.lunge_error_cm.value):
            severity = severity or Severity.MILD
            if not reasons:
                cite = n.lunge_error_cm.citation
            reasons.append(f"{number(round(gap, 1))} cm less than the other side")
        if severity is None:
            continue
        yield _finding(
            Link.ANKLE,
            FindingKind.REDUCED_DORSIFLEXION,
            side,
            severity,
            "weight-bearing lunge test (knee to wall)",
            f"{number(cm)} cm ({'; '.join(reasons)})",
            f"normal ≥ {number(n.lunge_normal_min.value)} cm; side-to-side differences over "
            f"{number(n.lunge_error_cm.value)} cm are beyond measurement error",
            cite,
            "The ankle bends too little under load, so the midfoot flattens to make up the "
            "range and strains the plantar fascia.",
            cm,
        )


def heel_raise(a: Assessment, n: ChainNorms) -> Iterator[Finding]:
    """Single-leg heel raises below the norm for sex and age, or below the other side."""
    norm = n.heel_raise_norm(a.symptoms.sex, a.symptoms.age)
    error = n.heel_raise_error_reps.value
    for side, reps, other in _sides(a.heel_raise_reps):
        shortfall = norm.reps - reps
        gap = (other - reps) if other is not None else 0.0
        severity: Severity | None = None
        reasons: list[str] = []
        cite = norm.citation
        if _exceeds(shortfall, 2 * error):
            severity = Severity.MODERATE
        elif _exceeds(shortfall, error):
            severity = Severity.MILD
        if severity is not None:
            reasons.append(f"{number(shortfall)} below the reference of {number(norm.reps)}")
        if _exceeds(gap, error):
            severity = severity or Severity.MILD
            if not reasons:
                cite = n.heel_raise_error_reps.citation
            reasons.append(f"{number(gap)} fewer than the other side")
        if severity is None:
            continue
        who = (
            {"female": "women", "male": "men"}.get(norm.sex.value, "adults")
            if norm.sex
            else "adults"
        )
        yield _finding(
            Link.ANKLE,
            FindingKind.PLANTAR_FLEXOR_ENDURANCE_DEFICIT,
            side,
            severity,
            "single-leg heel raises to fatigue",
            f"{number(reps)} reps ({'; '.join(reasons)})",
            f"median {number(norm.reps)} reps for {who}; differences of up to "
            f"{number(error)} reps are measurement error",
            cite,
            "The calf tires early, so the foot's arch loses its support late in each day's "
            "walking and the fascia takes more load.",
            reps,
        )


def foot_posture(a: Assessment, n: ChainNorms) -> Iterator[Finding]:
    """Pronation (navicular drop, FPI, low arch) or a highly supinated foot."""
    judged = "judged in the context of the chain above"
    for side, drop, _ in _sides(a.navicular_drop_mm):
        if drop > n.navicular_drop_mm.value:
            yield _finding(
                Link.FOOT,
                FindingKind.EXCESSIVE_PRONATION,
                side,
                Severity.MILD,
                "navicular drop",
                f"{number(drop)} mm",
                f"over {number(n.navicular_drop_mm.value)} mm is excessive ({judged})",
                n.navicular_drop_mm.citation,
                "The arch drops a lot under load; the test's reliability is only fair.",
                drop,
            )
    for side, fpi_value in a.foot_posture_index.items():
        if fpi_value is None:
            continue
        fpi = float(fpi_value)
        if fpi >= n.fpi_pronated.value:
            high = fpi >= n.fpi_highly_pronated.value
            yield _finding(
                Link.FOOT,
                FindingKind.EXCESSIVE_PRONATION,
                side,
                Severity.MODERATE if high else Severity.MILD,
                "Foot Posture Index (FPI-6)",
                f"{fpi_value:+d}",
                f"+{number(n.fpi_pronated.value)} or more pronated, "
                f"+{number(n.fpi_highly_pronated.value)} or more highly pronated",
                (n.fpi_highly_pronated if high else n.fpi_pronated).citation,
                "The foot rests in a pronated (flattened) posture.",
                fpi,
            )
        elif fpi <= n.fpi_highly_supinated.value:
            yield _finding(
                Link.FOOT,
                FindingKind.SUPINATED_FOOT,
                side,
                Severity.MILD,
                "Foot Posture Index (FPI-6)",
                f"{fpi_value:+d}",
                f"{number(n.fpi_highly_supinated.value)} or less is highly supinated",
                n.fpi_highly_supinated.citation,
                "A high-arched, rigid foot absorbs shock poorly.",
                fpi,
            )
    cite = Citation(source="akmi-chain", grade=Grade.U, detail="clinician's classification")
    yield from _observed(
        a.arch_height,
        (ArchHeight.LOW,),
        Link.FOOT,
        FindingKind.EXCESSIVE_PRONATION,
        "arch height",
        f"normal arch ({judged})",
        cite,
        "A low arch often goes with pronation; look above it for the cause.",
    )
    yield from _observed(
        a.first_ray_mobility,
        (FirstRayMobility.HYPOMOBILE, FirstRayMobility.HYPERMOBILE),
        Link.FOOT,
        FindingKind.FIRST_RAY_DYSFUNCTION,
        "first-ray mobility",
        "normal mobility",
        cite,
        "The big-toe ray moves too little or too much to lock the foot for push-off.",
    )
    yield from _observed(
        a.toe_grip,
        (ToeGrip.WEAK,),
        Link.FOOT,
        FindingKind.INTRINSIC_FOOT_WEAKNESS,
        "toe grip strength",
        "normal grip",
        Citation(source="pogo-intrinsic", grade=Grade.B, detail="cites Cheung 2016"),
        "The small muscles of the foot are weak; they help support the arch.",
    )


RULES: tuple[Rule, ...] = (
    hip_rotation,
    glute_med,
    hip_abduction,
    pelvis,
    tibia,
    dorsiflexion,
    heel_raise,
    foot_posture,
)
"""The rules :func:`assess` runs, top-down."""
