"""What a clinician measured: the input of the kinetic-chain assessment.

Every measurement is optional. ``None`` means "not assessed", which is not
the same as normal: an unmeasured link produces no finding, and the report
lists it as not assessed.
"""

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from plantarkit._core.checks import EnumCheck, Instance, Number, TupleOf
from plantarkit._core.pain import Pain
from plantarkit._core.registry import public
from plantarkit._core.side import Bilateral, BilateralOf, Side

__all__ = [
    "RED_FLAGS",
    "ArchHeight",
    "Assessment",
    "FirstRayMobility",
    "LegLength",
    "LegLengthKind",
    "RedFlagScreen",
    "Sex",
    "SquatQuality",
    "Symptoms",
    "TibialRotation",
    "ToeGrip",
]


@public()
class Sex(enum.Enum):
    """Sex, used only to pick reference norms (heel-raise endurance)."""

    FEMALE = "female"
    MALE = "male"


@public()
class SquatQuality(enum.Enum):
    """How well the knee stays over the foot in a single-leg squat."""

    GOOD = "good"
    FAIR = "fair"
    """Some inward drift of the knee."""
    POOR = "poor"
    """The knee collapses inwards (dynamic valgus)."""


@public()
class TibialRotation(enum.Enum):
    """Position of the tibial tuberosity in standing."""

    NEUTRAL = "neutral"
    INTERNAL = "internal"
    EXTERNAL = "external"


@public()
class ArchHeight(enum.Enum):
    """Arch height in standing, as a clinician classes it."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


@public()
class FirstRayMobility(enum.Enum):
    """Mobility of the first ray (first metatarsal and medial cuneiform)."""

    HYPOMOBILE = "hypomobile"
    NORMAL = "normal"
    HYPERMOBILE = "hypermobile"


@public()
class ToeGrip(enum.Enum):
    """Toe grip strength, as a clinician grades it."""

    WEAK = "weak"
    NORMAL = "normal"


@public()
class LegLengthKind(enum.Enum):
    """Whether a leg-length difference is structural or functional."""

    TRUE = "true"
    FUNCTIONAL = "functional"


def _unmeasured() -> Bilateral[Any]:
    return Bilateral(left=None, right=None)


# Runs only while a class body is built (at import), before mutmut can switch a mutant on.
def _side_field(check: Number | EnumCheck | Instance) -> Any:  # pragma: no mutate block
    return attrs.field(factory=_unmeasured, validator=BilateralOf(check))


# Runs only while a class body is built (at import), before mutmut can switch a mutant on.
def _flag() -> Any:  # pragma: no mutate block
    return attrs.field(default=None, validator=Instance((bool,), optional=True))


@public()
@attrs.frozen(kw_only=True)
class Symptoms:
    """Where and how it hurts, and what the norms need to know.

    Attributes:
        painful_sides: The side or sides with heel pain (empty: not recorded).
        first_step_pain: Pain on the first steps in the morning (0-10).
        duration_weeks: How long the symptoms have lasted.
        age: Age in years.
        sex: Sex, to choose reference norms.
    """

    painful_sides: tuple[Side, ...] = attrs.field(
        default=(), validator=TupleOf(EnumCheck(Side), unique=True)
    )
    first_step_pain: Pain | None = attrs.field(
        default=None, validator=Instance((Pain,), optional=True)
    )
    duration_weeks: float | None = attrs.field(
        default=None, validator=Number(ge=0, le=52 * 80, integer=False, optional=True)
    )
    age: int | None = attrs.field(default=None, validator=Number(ge=0, le=120, optional=True))
    sex: Sex | None = attrs.field(default=None, validator=EnumCheck(Sex, optional=True))

    def mirrored(self) -> "Symptoms":
        """The same symptoms on the other side(s)."""
        return attrs.evolve(self, painful_sides=tuple(s.opposite for s in self.painful_sides))


@public()
@attrs.frozen(kw_only=True)
class LegLength:
    """A leg-length difference.

    Attributes:
        difference_mm: How much shorter the shorter leg is, in millimetres.
        shorter: Which leg is shorter.
        kind: True (structural) or functional (from pelvis or foot position).
    """

    difference_mm: float = attrs.field(validator=Number(ge=0, le=200, integer=False))
    shorter: Side = attrs.field(validator=EnumCheck(Side))
    kind: LegLengthKind = attrs.field(
        default=LegLengthKind.FUNCTIONAL, validator=EnumCheck(LegLengthKind)
    )

    def mirrored(self) -> "LegLength":
        """The same difference with the other leg shorter."""
        return attrs.evolve(self, shorter=self.shorter.opposite)


RED_FLAGS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "heel_squeeze_pain": ("pain on squeezing the heel bone", "calcaneal stress fracture"),
        "rest_or_night_pain": ("pain at rest or at night", "fracture, infection or tumour"),
        "nerve_symptoms": (
            "burning, tingling, numbness or a positive Tinel sign",
            "tarsal tunnel syndrome or Baxter's nerve entrapment",
        ),
        "fever_or_hot_swollen_heel": ("fever or a hot, red, swollen heel", "infection"),
        "cannot_bear_weight_after_trauma": ("cannot bear weight after an injury", "fracture"),
        "worsening_numbness_or_weakness": (
            "rapidly worsening numbness or weakness",
            "nerve compression",
        ),
        "sudden_pop_with_bruising": ("a sudden pop with bruising", "plantar fascia rupture"),
        "central_heel_pain_without_first_step_pattern": (
            "central heel pain without the first-step pattern",
            "fat pad atrophy",
        ),
        "both_heels_with_systemic_signs": (
            "both heels painful with systemic signs",
            "inflammatory arthritis or gout",
        ),
    }
)
"""Each red-flag question: (the positive answer in words, what it may suggest)."""


@public()
@attrs.frozen(kw_only=True)
class RedFlagScreen:
    """Answers to the red-flag questions (``None``: not asked).

    Any ``True`` answer means the person needs a clinician's assessment
    before any self-managed programme (see FACTS.md §6 of the project).
    """

    heel_squeeze_pain: bool | None = _flag()
    """Pain when the heel bone is squeezed from both sides, after an overuse spike."""
    rest_or_night_pain: bool | None = _flag()
    """Pain at rest or at night."""
    nerve_symptoms: bool | None = _flag()
    """Burning or radiating pain, tingling, numbness, or a positive Tinel sign."""
    fever_or_hot_swollen_heel: bool | None = _flag()
    """Fever, or a hot, red, swollen heel."""
    cannot_bear_weight_after_trauma: bool | None = _flag()
    """Unable to take weight on the foot after an injury."""
    worsening_numbness_or_weakness: bool | None = _flag()
    """Numbness or weakness that is getting worse quickly."""
    sudden_pop_with_bruising: bool | None = _flag()
    """A sudden pop in the sole followed by bruising."""
    central_heel_pain_without_first_step_pattern: bool | None = _flag()
    """Pain in the centre of the heel, worse on hard ground, without first-step pain."""
    both_heels_with_systemic_signs: bool | None = _flag()
    """Both heels painful with other joints involved or long morning stiffness."""


@public()
@attrs.frozen(kw_only=True)
class Assessment:
    """A person's kinetic-chain measurements, hip first and foot last; all optional.

    Per-side measurements are :class:`~plantarkit.Bilateral` values whose
    sides may be ``None`` (not measured on that side).

    Attributes:
        symptoms: Painful side(s), first-step pain, duration, age, sex.
        hip_internal_rotation_deg: Hip internal rotation, prone, knee at 90°.
        trendelenburg: Single-leg stance: the opposite hip drops (positive sign).
        single_leg_squat: Knee control in a single-leg squat.
        hip_abduction_strength: Hip abduction strength in any one unit (N, kg).
        pelvis_level: Whether the pelvis is level in standing.
        pelvis_rotated: Whether the pelvis is rotated in standing.
        leg_length: A leg-length difference, if one was measured.
        tibial_rotation: Tibial tuberosity position in standing.
        lunge_cm: Weight-bearing lunge test, knee-to-wall distance.
        heel_raise_reps: Single-leg heel raises to fatigue.
        arch_height: Arch height class.
        navicular_drop_mm: Navicular drop.
        foot_posture_index: Foot Posture Index (FPI-6), -12 to +12.
        first_ray_mobility: First-ray mobility.
        toe_grip: Toe grip strength.
        red_flags: The red-flag screen.
    """

    symptoms: Symptoms = attrs.field(factory=Symptoms, validator=Instance((Symptoms,)))
    hip_internal_rotation_deg: Bilateral[float | None] = _side_field(
        Number(ge=0, le=90, integer=False, optional=True)
    )
    trendelenburg: Bilateral[bool | None] = _side_field(Instance((bool,), optional=True))
    single_leg_squat: Bilateral[SquatQuality | None] = _side_field(
        EnumCheck(SquatQuality, optional=True)
    )
    hip_abduction_strength: Bilateral[float | None] = _side_field(
        Number(ge=0, le=5000, integer=False, optional=True)
    )
    pelvis_level: bool | None = _flag()
    pelvis_rotated: bool | None = _flag()
    leg_length: LegLength | None = attrs.field(
        default=None, validator=Instance((LegLength,), optional=True)
    )
    tibial_rotation: Bilateral[TibialRotation | None] = _side_field(
        EnumCheck(TibialRotation, optional=True)
    )
    lunge_cm: Bilateral[float | None] = _side_field(
        Number(ge=0, le=30, integer=False, optional=True)
    )
    heel_raise_reps: Bilateral[int | None] = _side_field(Number(ge=0, le=200, optional=True))
    arch_height: Bilateral[ArchHeight | None] = _side_field(EnumCheck(ArchHeight, optional=True))
    navicular_drop_mm: Bilateral[float | None] = _side_field(
        Number(ge=0, le=40, integer=False, optional=True)
    )
    foot_posture_index: Bilateral[int | None] = _side_field(Number(ge=-12, le=12, optional=True))
    first_ray_mobility: Bilateral[FirstRayMobility | None] = _side_field(
        EnumCheck(FirstRayMobility, optional=True)
    )
    toe_grip: Bilateral[ToeGrip | None] = _side_field(EnumCheck(ToeGrip, optional=True))
    red_flags: RedFlagScreen = attrs.field(
        factory=RedFlagScreen, validator=Instance((RedFlagScreen,))
    )

    def mirrored(self) -> "Assessment":
        """The same assessment with left and right swapped everywhere."""
        changes: dict[str, Any] = {
            f.name: getattr(self, f.name).mirrored()
            for f in attrs.fields(Assessment)
            if isinstance(getattr(self, f.name), Bilateral)
        }
        changes["symptoms"] = self.symptoms.mirrored()
        if self.leg_length is not None:
            changes["leg_length"] = self.leg_length.mirrored()
        return attrs.evolve(self, **changes)
