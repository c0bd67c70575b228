"""Thresholds the assessment judges against, each with its citation and grade.

Every number lives in :class:`ChainNorms`; the defaults follow the project's
fact sheet (FACTS.md §5) and the akmi-chain article. Pass your own
``ChainNorms`` to :func:`~plantarkit.assess` to change any of them.
"""

from typing import Any

import attrs

from plantarkit._core.checks import EnumCheck, Instance, Number, TupleOf
from plantarkit._core.evidence import Citation, Grade, cite
from plantarkit._core.registry import public
from plantarkit.chain._assessment import Sex

__all__ = ["AmplificationModel", "ChainNorms", "HeelRaiseNorm", "Threshold"]


@public()
@attrs.frozen(kw_only=True)
class Threshold:
    """A number a measurement is judged against, with where it comes from.

    Attributes:
        value: The threshold.
        citation: Its source and grade.
    """

    value: float = attrs.field(validator=Number(integer=False))
    citation: Citation = attrs.field(validator=Instance((Citation,)))

    def __str__(self) -> str:
        value = int(self.value) if float(self.value).is_integer() else self.value
        return f"{value} ({self.citation})"


# Runs only while a class body is built (at import), before mutmut can switch a mutant on.
def _t(value: float, source: str, grade: Grade, detail: str = "") -> Any:  # pragma: no mutate block
    return attrs.field(
        factory=lambda: Threshold(value=value, citation=cite(source, grade, detail)),
        validator=Instance((Threshold,)),
    )


@public()
@attrs.frozen(kw_only=True)
class HeelRaiseNorm:
    """A reference for single-leg heel raises to fatigue.

    Attributes:
        sex: Who it applies to (``None``: anyone).
        min_age: Youngest age it applies to (inclusive).
        max_age: Oldest age it applies to (inclusive).
        reps: The reference number of repetitions (a median).
        citation: Its source and grade.
    """

    reps: float = attrs.field(validator=Number(ge=0, le=200, integer=False))
    citation: Citation = attrs.field(validator=Instance((Citation,)))
    sex: Sex | None = attrs.field(default=None, validator=EnumCheck(Sex, optional=True))
    min_age: int = attrs.field(default=0, validator=Number(ge=0, le=120))
    max_age: int = attrs.field(default=120, validator=Number(ge=0, le=120))

    def applies(self, sex: Sex | None, age: int | None) -> bool:
        """Whether this norm is for a person of this sex and age."""
        if self.sex is not None and sex is not self.sex:
            return False
        return age is None or self.min_age <= age <= self.max_age


def _heel_raise_norms() -> tuple[HeelRaiseNorm, ...]:
    source = cite("hebert-losier-2017", Grade.A, "median, n=566")
    return (
        HeelRaiseNorm(sex=Sex.MALE, reps=24, citation=source),
        HeelRaiseNorm(sex=Sex.FEMALE, reps=21, citation=source),
    )


@public()
@attrs.frozen(kw_only=True)
class AmplificationModel:
    """The akmi-chain claim that a hip rotation control deficit grows down the chain.

    A claim, not a measurement: a 5° deficit at the hip is said to become
    about 10° at the tibia and 15° at the subtalar joint. plantarkit only
    uses it to phrase explanations, always as the source's model.

    Attributes:
        tibia_per_hip_degree: Degrees at the tibia per degree at the hip.
        subtalar_per_hip_degree: Degrees at the subtalar joint per degree at the hip.
        citation: Its source and grade (unverified).
    """

    tibia_per_hip_degree: float = attrs.field(
        default=2.0, validator=Number(ge=0, le=10, integer=False)
    )
    subtalar_per_hip_degree: float = attrs.field(
        default=3.0, validator=Number(ge=0, le=10, integer=False)
    )
    citation: Citation = attrs.field(
        factory=lambda: cite("akmi-chain", Grade.U, "distal amplification claim"),
        validator=Instance((Citation,)),
    )

    def distal(self, hip_degrees: float) -> tuple[float, float]:
        """Return the model's (tibia, subtalar) degrees for a hip deficit in degrees."""
        return hip_degrees * self.tibia_per_hip_degree, hip_degrees * self.subtalar_per_hip_degree


@public()
@attrs.frozen(kw_only=True)
class ChainNorms:
    """Every threshold :func:`~plantarkit.assess` uses, with citations.

    Attributes:
        hip_ir_normal_min: Hip internal rotation at or above this is normal (degrees).
        hip_ir_marked_below: Below this, on the painful side, the deficit is marked.
        hip_abduction_asymmetry: Weaker side below the other by more than this
            fraction is a finding.
        leg_length_mm: A leg-length difference at or above this is a finding.
        lunge_normal_min: Knee-to-wall distance at or above this is normal (cm).
        lunge_marked_below: Below this the dorsiflexion deficit is marked (cm).
        lunge_error_cm: Smallest real side-to-side change (measurement error).
        heel_raise_norms: Reference repetitions by sex and age.
        heel_raise_error_reps: Between-day measurement error of the heel-raise test.
        navicular_drop_mm: Navicular drop above this is excessive.
        fpi_pronated: Foot Posture Index at or above this is pronated.
        fpi_highly_pronated: At or above this it is highly pronated.
        fpi_highly_supinated: At or below this it is highly supinated.
        amplification: The source's distal amplification model.
    """

    hip_ir_normal_min: Threshold = _t(35, "akmi-chain", Grade.U, "normal range 35-45°")
    hip_ir_marked_below: Threshold = _t(30, "akmi-chain", Grade.U, "below 30° on the painful side")
    hip_abduction_asymmetry: Threshold = _t(
        0.325, "hip-abduction-runners", Grade.A, "OR 3.65; weak evidence, 12 cases"
    )
    leg_length_mm: Threshold = _t(
        10, "akmi-chain", Grade.U, "no verified cut-off; plantarkit default"
    )
    lunge_normal_min: Threshold = _t(12, "akmi-chain", Grade.U, "10-12 cm; healthy mean about 12")
    lunge_marked_below: Threshold = _t(10, "akmi-chain", Grade.U, "under 10 cm forces pronation")
    lunge_error_cm: Threshold = _t(1.9, "powden-2015", Grade.A, "smallest real change, same tester")
    heel_raise_norms: tuple[HeelRaiseNorm, ...] = attrs.field(
        factory=_heel_raise_norms, validator=TupleOf(Instance((HeelRaiseNorm,)), min_length=1)
    )
    heel_raise_error_reps: Threshold = _t(6, "hebert-losier-2017", Grade.A, "between-day agreement")
    navicular_drop_mm: Threshold = _t(
        10, "foot-posture-summaries", Grade.B, "reliability only fair"
    )
    fpi_pronated: Threshold = _t(6, "redmond-2008", Grade.B, "FPI-6 +6 to +9 pronated")
    fpi_highly_pronated: Threshold = _t(10, "redmond-2008", Grade.B, "FPI-6 +10 to +12")
    fpi_highly_supinated: Threshold = _t(-5, "redmond-2008", Grade.B, "FPI-6 -5 to -12")
    amplification: AmplificationModel = attrs.field(
        factory=AmplificationModel, validator=Instance((AmplificationModel,))
    )

    def heel_raise_norm(self, sex: Sex | None, age: int | None) -> HeelRaiseNorm:
        """The reference that applies; with several, the lowest (fewest false findings)."""
        fitting = [n for n in self.heel_raise_norms if n.applies(sex, age)]
        if not fitting:  # e.g. sex unknown and only sex-specific norms: take the lowest
            fitting = list(self.heel_raise_norms)
        return min(fitting, key=lambda n: n.reps)
