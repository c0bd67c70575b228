"""A worked example assessment, used by the docs, the CLI and tests."""

from plantarkit._core.pain import Pain
from plantarkit._core.side import Bilateral, Side
from plantarkit.chain._assessment import (
    ArchHeight,
    Assessment,
    RedFlagScreen,
    Sex,
    SquatQuality,
    Symptoms,
    TibialRotation,
    ToeGrip,
)

__all__ = ["example_assessment"]


def example_assessment() -> Assessment:
    """A 42-year-old recreational runner with right heel pain for 10 weeks.

    Her right hip turns in less than her left, the right hip drops on
    single-leg stance, the right ankle is stiff and the right calf tires
    early; the red-flag screen is clear. The values are made up for the
    example, not taken from a real person.
    """
    return Assessment(
        symptoms=Symptoms(
            painful_sides=(Side.RIGHT,),
            first_step_pain=Pain(7),
            duration_weeks=10,
            age=42,
            sex=Sex.FEMALE,
        ),
        hip_internal_rotation_deg=Bilateral(left=38.0, right=27.0),
        trendelenburg=Bilateral(left=False, right=True),
        single_leg_squat=Bilateral(left=SquatQuality.GOOD, right=SquatQuality.FAIR),
        hip_abduction_strength=Bilateral(left=180.0, right=150.0),
        pelvis_level=True,
        pelvis_rotated=False,
        tibial_rotation=Bilateral(left=TibialRotation.NEUTRAL, right=TibialRotation.NEUTRAL),
        lunge_cm=Bilateral(left=12.5, right=9.5),
        heel_raise_reps=Bilateral(left=22, right=13),
        arch_height=Bilateral(left=ArchHeight.NORMAL, right=ArchHeight.NORMAL),
        foot_posture_index=Bilateral(left=4, right=5),
        toe_grip=Bilateral(left=ToeGrip.NORMAL, right=ToeGrip.NORMAL),
        red_flags=RedFlagScreen(
            heel_squeeze_pain=False,
            rest_or_night_pain=False,
            nerve_symptoms=False,
            fever_or_hot_swollen_heel=False,
            cannot_bear_weight_after_trauma=False,
            worsening_numbness_or_weakness=False,
            sudden_pop_with_bruising=False,
            central_heel_pain_without_first_step_pattern=False,
            both_heels_with_systemic_signs=False,
        ),
    )
