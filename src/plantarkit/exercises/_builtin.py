"""The built-in catalogue: every exercise, advice item and ladder from the sources.

Instructions and cues are written in plantarkit's own words; doses and
progressions follow the source named in each entry's ``sources``. Where a
ladder needs a step the sources do not quantify (how much heavier, how much
higher), the ladder's ``note`` says that the step is illustrative. Where a
source names an exercise without a dose, the default dose is plantarkit's own
conservative choice and its ``note`` says so.
"""

import functools
from collections.abc import Mapping

import attrs

from plantarkit._core.evidence import BUILTIN_SOURCES
from plantarkit.exercises._catalogue import Catalogue
from plantarkit.exercises._dose import (
    BandResistance,
    Frequency,
    Hold,
    Load,
    Prescription,
    Reps,
    RunWalk,
    Tempo,
    Timed,
)
from plantarkit.exercises._ladder import Ladder, LadderStep
from plantarkit.exercises._model import (
    Advice,
    AdviceTopic,
    Equipment,
    Exercise,
    PlantarLoad,
    Position,
    Region,
)

__all__ = ["catalogue"]

_EXAKT_REST = 60
"""exakt-2021 rests 60 s between sets for all of its exercises."""

_OWN_DOSE = "dose not given by the source; conservative plantarkit default"
"""Prescription note for exercises whose source publishes no dose."""

_STRENGTH_DAYS = Frequency.weekly(3, non_consecutive=True)
"""plantarkit's default rhythm for strength work whose source gives none."""

# Doses that ladders reuse, so a rung and an exercise's default compare equal.
_HIGH_LOAD_TEMPO = Tempo(up=3, top=2, down=3)
_HIGH_LOAD_DOSE = Prescription(
    sets=3,
    work=Reps(count=12),
    rm=12,
    tempo=_HIGH_LOAD_TEMPO,
    frequency=Frequency.every_other_day(),
)
_HIGH_LOAD_BACKPACK_DOSE = attrs.evolve(
    _HIGH_LOAD_DOSE,
    load=Load.backpack(),
    note="put books or water bottles in a backpack once all 12 repetitions feel within reach",
)
_ISOMETRIC_FREQUENCY = Frequency.daily(1, up_to=3)
_SLOW_LOWERING = Tempo(down=5)
_CALF_RAISE_NOTE = "number of sets not given by the source; 3 is plantarkit's default"


def _isometric(sets: int, seconds: float) -> Prescription:
    return Prescription(sets=sets, work=Hold(seconds=seconds), frequency=_ISOMETRIC_FREQUENCY)


def _hip_exercises() -> tuple[Exercise, ...]:
    return (
        Exercise(
            id="clam",
            name="Clam",
            region=Region.HIP,
            position=Position.SIDE_LYING,
            plantar_load=PlantarLoad.NONE,
            purpose=(
                "Strengthens the deep hip rotators and gluteus medius without loading the foot."
            ),
            targets=("gluteus medius", "deep hip external rotators"),
            instructions=(
                "Lie on your side with hips bent to about 60 degrees, knees bent to 90 degrees"
                " and feet together.",
                "Brace your trunk so the pelvis stays still.",
                "Keeping the feet touching, turn the top knee up towards the ceiling.",
                "Hold the top position for 2 seconds, then lower the knee slowly.",
            ),
            cues=(
                "Only the leg moves: the top hip must not roll backwards.",
                "Build up to the repetitions over sessions; do not force them.",
            ),
            dose=Prescription(
                sets=3,
                work=Reps(count=15, build_up=True),
                tempo=Tempo(top=2, down=2),
                rest_seconds=_EXAKT_REST,
                each_side=True,
            ),
            sources=("exakt-2021",),
            tags=("glute_med", "hip_strength", "off_feet", "early_phase"),
        ),
        Exercise(
            id="banded_clam",
            name="Clam with a band",
            region=Region.HIP,
            position=Position.SIDE_LYING,
            plantar_load=PlantarLoad.NONE,
            purpose="Makes the clam harder once the plain version is easy, still off the feet.",
            equipment=(Equipment.BAND,),
            targets=("gluteus medius", "deep hip external rotators"),
            instructions=(
                "Put a loop band around both thighs, just above the knees.",
                "Lie on your side with hips bent to about 60 degrees, knees bent to 90 degrees"
                " and feet together.",
                "Tighten your stomach muscles so the pelvis cannot move.",
                "Open the top knee against the band while the feet stay in contact.",
                "Pause for 2 seconds at the top and let the knee come back down under control.",
            ),
            cues=(
                "If the top hip tips backwards, use a lighter band or fewer repetitions.",
                "Move on to the band only when the plain clam feels easy for all sets.",
            ),
            dose=Prescription(
                sets=3,
                work=Reps(count=15, build_up=True),
                tempo=Tempo(top=2, down=2),
                rest_seconds=_EXAKT_REST,
                each_side=True,
                load=Load.elastic_band(BandResistance.LIGHT),
            ),
            sources=("exakt-2021",),
            tags=("glute_med", "hip_strength", "off_feet", "band", "early_phase"),
        ),
        Exercise(
            id="side_lying_hip_abduction",
            name="Side-lying leg lift (hip abduction)",
            region=Region.HIP,
            position=Position.SIDE_LYING,
            plantar_load=PlantarLoad.NONE,
            purpose=(
                "Builds gluteus medius strength and pelvic control while the painful foot rests."
            ),
            targets=("gluteus medius", "gluteus minimus"),
            instructions=(
                "Lie on your side with your legs stacked; you may bend the bottom knee for"
                " balance.",
                "Keep the pelvis steady, as if your back and bottom were against a wall.",
                "Raise the top leg slowly, leading with the heel.",
                "Lower it slowly back onto the bottom leg.",
            ),
            cues=(
                "The leg must not swing forwards and the hip must not roll back.",
                "Go slowly both ways: speed lets other muscles take over.",
                "Build up to the repetitions over sessions; do not force them.",
            ),
            dose=Prescription(
                sets=3,
                work=Reps(count=15, build_up=True),
                rest_seconds=_EXAKT_REST,
                each_side=True,
            ),
            sources=("exakt-2021", "akmi-chain"),
            tags=("glute_med", "hip_strength", "off_feet", "early_phase", "hip_restoration"),
        ),
        Exercise(
            id="hip_internal_rotation_mobility",
            name="Hip internal rotation mobility",
            region=Region.HIP,
            position=Position.LYING,
            plantar_load=PlantarLoad.NONE,
            purpose=(
                "Restores inward turning of the hip so the foot does not have to make up for it."
            ),
            targets=("hip joint capsule", "hip internal rotators"),
            instructions=(
                "Lie on your back with knees and hips bent and both feet flat on a wall.",
                "Take five slow breaths, breathing out fully each time, to settle the pelvis.",
                "Bring your feet to the floor a little wider than your hips.",
                "Let one knee fall inwards towards the other foot as far as it comfortably goes.",
                "At the end of the range, actively press the knee a little further in, then"
                " return.",
            ),
            cues=(
                "Keep the pelvis flat on the floor while the knee moves.",
                "Work at a firm stretch, never pinching pain in the hip or groin.",
            ),
            dose=Prescription(
                sets=2,
                work=Reps(count=10),
                each_side=True,
                note=_OWN_DOSE,
            ),
            sources=("akmi-chain",),
            tags=("mobility", "hip_mobility", "breathing", "off_feet", "hip_restoration"),
        ),
        Exercise(
            id="single_leg_stance",
            name="Single-leg stance",
            region=Region.HIP,
            position=Position.STANDING_SINGLE_LEG,
            plantar_load=PlantarLoad.MODERATE,
            purpose="Trains the hip to hold the pelvis level while standing on one leg.",
            targets=("gluteus medius", "hip stabilisers"),
            instructions=(
                "Stand tall next to a wall or worktop you can touch if needed.",
                "Shift your weight onto one leg and lift the other foot just off the floor.",
                "Keep both hip bones level and the standing knee over the middle of the foot.",
                "Hold for the set time, then change legs.",
            ),
            cues=(
                "If the hip of the lifted leg drops, the hold is over: rest and try again.",
                "Keep the standing knee soft, not locked.",
            ),
            dose=Prescription(
                sets=3,
                work=Hold(seconds=30),
                each_side=True,
                note=_OWN_DOSE,
            ),
            sources=("akmi-chain",),
            tags=("balance", "hip_control", "glute_med", "hip_restoration"),
        ),
        Exercise(
            id="banded_lateral_walk",
            name="Banded side steps",
            region=Region.HIP,
            position=Position.MOVING,
            plantar_load=PlantarLoad.MODERATE,
            purpose="Strengthens the side of the hip and teaches the thigh not to turn inwards.",
            equipment=(Equipment.BAND,),
            targets=("gluteus medius", "hip external rotators"),
            instructions=(
                "Place a loop band around both legs, just above the knees or around the ankles.",
                "Stand with feet hip-width apart and bend hips and knees slightly.",
                "Step sideways with one foot against the band, then bring the other foot"
                " partway after it.",
                "Take the steps in one direction, then the same number back the other way.",
            ),
            cues=(
                "Keep the knees pointing over the toes: do not let them cave in.",
                "Stay at the same height and keep the trunk upright throughout.",
            ),
            dose=Prescription(
                sets=2,
                work=Reps(count=10, each_direction=True),
                load=Load.elastic_band(BandResistance.LIGHT),
                frequency=_STRENGTH_DAYS,
                note=_OWN_DOSE,
            ),
            sources=("akmi-chain",),
            tags=("glute_med", "hip_strength", "band", "knee_control", "hip_restoration"),
        ),
        Exercise(
            id="single_leg_deadlift",
            name="Single-leg deadlift",
            region=Region.HIP,
            position=Position.STANDING_SINGLE_LEG,
            plantar_load=PlantarLoad.MODERATE,
            purpose="Links hip, knee and foot control while balancing and hinging on one leg.",
            targets=("gluteus maximus", "hamstrings", "hip stabilisers", "foot stabilisers"),
            instructions=(
                "Stand on one leg with the knee slightly bent; touch a wall if you need to.",
                "Hinge forwards at the hip, reaching your hands towards the floor while the"
                " free leg moves back.",
                "Go only as far as you can keep the back straight and the pelvis level.",
                "Push through the standing foot to come back up tall.",
            ),
            cues=(
                "The hips stay square to the floor: do not let the free hip open up.",
                "The standing knee stays over the middle of the foot.",
            ),
            dose=Prescription(
                sets=2,
                work=Reps(count=8),
                each_side=True,
                frequency=_STRENGTH_DAYS,
                note=_OWN_DOSE,
            ),
            sources=("akmi-chain",),
            tags=("hip_strength", "balance", "chain_integration"),
        ),
    )


def _leg_exercises() -> tuple[Exercise, ...]:
    squat_tip = (
        "Tight calves? Stand with your heels on a rolled towel or a thin book so you can sit"
        " deeper."
    )
    return (
        Exercise(
            id="bodyweight_squat",
            name="Body-weight squat",
            region=Region.KNEE,
            position=Position.STANDING_DOUBLE_LEG,
            plantar_load=PlantarLoad.MODERATE,
            purpose="Builds thigh and hip strength in standing with only body weight.",
            targets=("quadriceps", "gluteus maximus"),
            instructions=(
                "Stand with feet about hip-width apart and stretch your arms out in front.",
                "Push the hips back and bend the knees, as if sitting onto a chair.",
                "Go down until the knees are bent to about 90 degrees and pause there briefly.",
                "Drive back up to standing.",
            ),
            cues=(
                "Keep the arches up: the feet must not roll inwards.",
                "Knees point over the middle of the feet.",
                squat_tip,
                "Build up to the repetitions over sessions; do not force them.",
            ),
            dose=Prescription(
                sets=3,
                work=Reps(count=15, build_up=True),
                rest_seconds=_EXAKT_REST,
            ),
            sources=("exakt-2021",),
            tags=("leg_strength", "squat", "early_phase"),
        ),
        Exercise(
            id="weighted_squat",
            name="Squat holding weights",
            region=Region.KNEE,
            position=Position.STANDING_DOUBLE_LEG,
            plantar_load=PlantarLoad.MODERATE,
            purpose="Adds load to the squat once body weight alone is easy.",
            equipment=(Equipment.DUMBBELL,),
            targets=("quadriceps", "gluteus maximus"),
            instructions=(
                "Hold light dumbbells at your shoulders or by your sides, or a single dumbbell"
                " or kettlebell against your chest.",
                "Stand with feet about hip-width apart.",
                "Sit the hips back and down until the knees reach about 90 degrees.",
                "Pause, then stand back up.",
            ),
            cues=(
                "Start light: the form must look the same as without weights.",
                "Knees track over the middle of the feet and the arches stay up.",
                squat_tip,
                "Once all sets feel easy, pick a heavier weight.",
            ),
            dose=Prescription(
                sets=3,
                work=Reps(count=15, build_up=True),
                rest_seconds=_EXAKT_REST,
                load=Load.external(),
            ),
            sources=("exakt-2021",),
            tags=("leg_strength", "squat", "middle_phase"),
        ),
        Exercise(
            id="split_squat",
            name="Split squat, back foot raised",
            region=Region.KNEE,
            position=Position.STANDING_DOUBLE_LEG,
            plantar_load=PlantarLoad.MODERATE,
            purpose="Works one leg at a time for strength and knee control.",
            equipment=(Equipment.STEP,),
            targets=("quadriceps", "gluteus maximus", "gluteus medius"),
            instructions=(
                "Stand a long stride in front of a low step and rest the top of the back foot"
                " on it.",
                "Lower straight down, bringing the back knee towards the floor.",
                "Keep the front knee in line with the middle of the front foot.",
                "Press through the front foot to rise, finish the set, then switch legs.",
            ),
            cues=(
                "Most of your weight stays on the front leg.",
                "Do not let the front knee drift inwards.",
            ),
            dose=Prescription(
                sets=3,
                work=Reps(count=10),
                rest_seconds=_EXAKT_REST,
                each_side=True,
            ),
            sources=("exakt-2021",),
            tags=("leg_strength", "single_leg", "knee_control", "middle_phase"),
        ),
        Exercise(
            id="step_down",
            name="Step-down",
            region=Region.KNEE,
            position=Position.STANDING_SINGLE_LEG,
            plantar_load=PlantarLoad.MODERATE,
            purpose="Teaches the knee to track straight over the foot while lowering on one leg.",
            equipment=(Equipment.STEP,),
            targets=("quadriceps", "gluteus medius"),
            instructions=(
                "Stand sideways on a low step on one leg, the other foot hanging off the edge.",
                "Bend the standing knee slowly to lower the free heel towards the floor.",
                "Lightly touch the floor with the heel, without putting weight on it.",
                "Straighten back up and repeat, then change legs.",
            ),
            cues=(
                "Watch the standing knee: it stays over the second toe and does not cave in.",
                "Keep the pelvis level the whole time.",
            ),
            dose=Prescription(
                sets=2,
                work=Reps(count=8),
                each_side=True,
                height_cm=10,
                frequency=_STRENGTH_DAYS,
                note=_OWN_DOSE + " (10 cm step)",
            ),
            sources=("akmi-chain",),
            tags=("knee_control", "single_leg", "eccentric", "chain_integration"),
        ),
        Exercise(
            id="walking_lunge",
            name="Walking lunge",
            region=Region.KNEE,
            position=Position.MOVING,
            plantar_load=PlantarLoad.MODERATE,
            purpose=(
                "Trains the leg in a pattern close to walking, with the hip kept over the foot."
            ),
            targets=("quadriceps", "gluteus maximus", "gluteus medius"),
            instructions=(
                "Stand tall with feet together and room to walk forwards.",
                "Take a long step and lower the back knee towards the floor.",
                "Keep the front hip and knee lined up over the front foot.",
                "Push off and bring the back leg through into the next step.",
            ),
            cues=(
                "Step as if on two rails, not on a tightrope, so the knee stays in line.",
                "Shorten the step if the front heel lifts or the knee caves in.",
            ),
            dose=Prescription(
                sets=2,
                work=Reps(count=8),
                each_side=True,
                frequency=_STRENGTH_DAYS,
                note=_OWN_DOSE,
            ),
            sources=("akmi-chain",),
            tags=("leg_strength", "gait", "knee_control", "chain_integration"),
        ),
        Exercise(
            id="box_jump",
            name="Box jump",
            region=Region.WHOLE_BODY,
            position=Position.MOVING,
            plantar_load=PlantarLoad.HIGH,
            purpose="Brings back springy, impact loading before running again.",
            equipment=(Equipment.BOX,),
            targets=("calf", "quadriceps", "gluteus maximus", "plantar fascia"),
            instructions=(
                "Stand facing a low, stable box.",
                "Jump up onto the box and land quietly on the front of both feet.",
                "Step or hop back down and go straight into the next jump.",
                "Count one repetition for every jump up plus the way back down.",
            ),
            cues=(
                "Land softly on the balls of the feet with knees over the middle of the feet.",
                "Only start once standing strength work no longer stirs up heel pain.",
            ),
            dose=Prescription(
                sets=3,
                work=Reps(count=5),
                rest_seconds=_EXAKT_REST,
                height_cm=20,
                note="a low box: 20 cm is plantarkit's example height; the source gives none",
            ),
            sources=("exakt-2021",),
            tags=("plyometric", "impact", "middle_phase"),
        ),
        Exercise(
            id="run_walk",
            name="Run/walk intervals",
            region=Region.WHOLE_BODY,
            position=Position.MOVING,
            plantar_load=PlantarLoad.HIGH,
            purpose="Returns to running in small doses, treated like strength training.",
            targets=("calf", "plantar fascia", "whole leg"),
            instructions=(
                "Warm up with a few minutes of brisk walking.",
                "Run gently for 1 minute, then walk for 2 minutes.",
                "Repeat the pair ten times.",
                "Leave at least a day between run/walk days.",
            ),
            cues=(
                "Start only once 30 minutes of brisk walking is easy.",
                "Step up only after two sessions with pain at most 2/10 during the"
                " run, back to normal within 24 hours and no limp the next morning.",
                "Add running time a little at a time; avoid a single run much longer than your"
                " longest run of the last month.",
                "The popular '10% a week' rule was not shown to prevent injuries: let the pain"
                " rules guide you instead.",
            ),
            dose=Prescription(
                work=RunWalk(rounds=10, run_seconds=60, walk_seconds=120),
                frequency=Frequency.weekly(3, non_consecutive=True),
                note="clinic run/walk scheme (grade B, not tested in a trial)",
            ),
            sources=("exakt-2021", "clinic-run-walk", "buist-2008", "single-run-2025"),
            tags=("running", "return_to_running", "impact", "later_phase"),
        ),
    )


def _calf_exercises() -> tuple[Exercise, ...]:
    isometric_pain = (
        "Some pain is fine, but keep it below 6/10 and it must settle within a few minutes."
    )
    to_fatigue = (
        "Keep going until you cannot do another good repetition; if you could do more than 15,"
        " move on to the harder version."
    )
    return (
        Exercise(
            id="isometric_calf_raise",
            name="Calf raise hold",
            region=Region.CALF,
            position=Position.STANDING_DOUBLE_LEG,
            plantar_load=PlantarLoad.MODERATE,
            purpose="Loads the calf and foot without moving: a gentle first way to load the heel.",
            targets=("calf", "plantar fascia"),
            instructions=(
                "Stand on both feet with your fingertips on a wall for balance.",
                "Rise part of the way up onto the balls of both feet.",
                "Hold still at that height for the full time.",
                "Lower slowly and rest before the next hold.",
            ),
            cues=(
                isometric_pain,
                "Work towards 5 holds of 45 seconds, then try it on one leg.",
            ),
            dose=_isometric(3, 30),
            sources=("inhome-pt",),
            tags=("isometric", "calf_strength", "pain_relief"),
        ),
        Exercise(
            id="single_leg_isometric_calf_raise",
            name="Single-leg calf raise hold",
            region=Region.CALF,
            position=Position.STANDING_SINGLE_LEG,
            plantar_load=PlantarLoad.HIGH,
            purpose="The harder, one-leg version of the calf raise hold.",
            targets=("calf", "plantar fascia"),
            instructions=(
                "Stand on one leg, fingertips on a wall for balance.",
                "Rise part of the way up onto the ball of the foot.",
                "Hold still for the full time, then lower slowly.",
                "Do the holds on one leg, then on the other.",
            ),
            cues=(
                isometric_pain,
                "Move to one leg only after five 45-second holds on two legs feel easy.",
            ),
            dose=Prescription(
                sets=3,
                work=Hold(seconds=30),
                each_side=True,
                frequency=_ISOMETRIC_FREQUENCY,
                note="single-leg dose not given by the source; restarts at 3 × 30 s",
            ),
            sources=("inhome-pt",),
            tags=("isometric", "calf_strength", "single_leg", "pain_relief"),
        ),
        Exercise(
            id="calf_raise",
            name="Calf raise with slow lowering",
            region=Region.CALF,
            position=Position.STANDING_DOUBLE_LEG,
            plantar_load=PlantarLoad.MODERATE,
            purpose="Strengthens the calf through its full range, stressing the lowering phase.",
            targets=("calf", "achilles tendon", "plantar fascia"),
            instructions=(
                "Stand on both feet, lightly touching a wall or chair for balance.",
                "Rise as high as you can onto the balls of the feet.",
                "Take a full 5 seconds to lower the heels back to the floor.",
                "Repeat until you tire.",
            ),
            cues=(to_fatigue, "Never rush the lowering: count five seconds every time."),
            dose=Prescription(
                sets=3,
                work=Reps(count=15, to_fatigue=True),
                tempo=_SLOW_LOWERING,
                note=_CALF_RAISE_NOTE,
            ),
            sources=("inhome-pt",),
            tags=("eccentric", "calf_strength"),
        ),
        Exercise(
            id="calf_raise_two_up_one_down",
            name="Calf raise, up on two, down on one",
            region=Region.CALF,
            position=Position.STANDING_SINGLE_LEG,
            plantar_load=PlantarLoad.HIGH,
            purpose="Puts the slow lowering on one leg while both legs share the lift.",
            targets=("calf", "achilles tendon", "plantar fascia"),
            instructions=(
                "Stand on both feet with a hand on a wall or chair.",
                "Rise onto the balls of both feet.",
                "Lift one foot off the floor and lower the other heel over 5 seconds.",
                "Put both feet down and repeat; then work the other leg.",
            ),
            cues=(to_fatigue, "The lowering always takes five seconds."),
            dose=Prescription(
                sets=3,
                work=Reps(count=15, to_fatigue=True),
                tempo=_SLOW_LOWERING,
                each_side=True,
                note=_CALF_RAISE_NOTE,
            ),
            sources=("inhome-pt",),
            tags=("eccentric", "calf_strength"),
        ),
        Exercise(
            id="single_leg_calf_raise",
            name="Single-leg calf raise",
            region=Region.CALF,
            position=Position.STANDING_SINGLE_LEG,
            plantar_load=PlantarLoad.HIGH,
            purpose="The full one-leg calf raise, up and down on the same leg.",
            targets=("calf", "achilles tendon", "plantar fascia"),
            instructions=(
                "Stand on one leg, fingertips on a wall for balance.",
                "Rise as high as you can onto the ball of the foot.",
                "Lower the heel over 5 seconds.",
                "Repeat until tired, then change legs.",
            ),
            cues=(to_fatigue, "Keep the ankle straight: do not roll out onto the little toe."),
            dose=Prescription(
                sets=3,
                work=Reps(count=15, to_fatigue=True),
                tempo=_SLOW_LOWERING,
                each_side=True,
                note=_CALF_RAISE_NOTE,
            ),
            sources=("inhome-pt",),
            tags=("eccentric", "calf_strength", "single_leg"),
        ),
        Exercise(
            id="double_leg_high_load_heel_raise",
            name="Two-leg heel raise with towel under the toes",
            region=Region.FOOT,
            position=Position.STANDING_DOUBLE_LEG,
            plantar_load=PlantarLoad.MODERATE,
            purpose=(
                "Starting point for high-load training when a one-leg raise is not yet possible."
            ),
            equipment=(Equipment.TOWEL,),
            targets=("plantar fascia", "calf", "intrinsic foot muscles"),
            instructions=(
                "Roll up a towel and place it under the toes of both feet, heels on the floor.",
                "Rise onto the balls of both feet over 3 seconds.",
                "Hold at the top for 2 seconds.",
                "Take 3 seconds to lower the heels.",
            ),
            cues=(
                "The rolled towel bends the toes up and puts the stretch into the sole.",
                "Switch to the one-leg version as soon as you can do it.",
            ),
            dose=Prescription(
                sets=3,
                work=Reps(count=12),
                tempo=_HIGH_LOAD_TEMPO,
                frequency=Frequency.every_other_day(),
                note="start here if one leg is not yet possible (no RM target on two legs)",
            ),
            sources=("pogo-intrinsic", "rathleff-2015"),
            tags=("high_load", "plantar_fascia", "calf_strength"),
        ),
        Exercise(
            id="high_load_heel_raise",
            name="High-load heel raise with towel under the toes",
            region=Region.FOOT,
            position=Position.STANDING_SINGLE_LEG,
            plantar_load=PlantarLoad.HIGH,
            purpose=(
                "Strengthens the plantar fascia under heavy, slow loading (the Rathleff protocol)."
            ),
            equipment=(Equipment.TOWEL,),
            targets=("plantar fascia", "calf", "intrinsic foot muscles"),
            instructions=(
                "Roll up a towel and put it under the toes of the painful foot.",
                "Stand on that foot only, fingertips on a wall for balance.",
                "Rise onto the ball of the foot over 3 seconds.",
                "Hold at the top for 2 seconds, then take 3 seconds to lower.",
            ),
            cues=(
                "Train the painful side only; the other foot stays off the floor.",
                "Every other day, not daily: the rest days are part of the programme.",
                "Pick a load where 12 repetitions are the most you can do well; once all 12"
                " feel within reach, carry extra weight in a backpack.",
                "In the published protocol, sets go up and repetitions down over the weeks:"
                " 4 × 10RM from week 3, 5 × 8RM from week 5.",
            ),
            dose=_HIGH_LOAD_DOSE,
            sources=("pogo-intrinsic", "rathleff-2015"),
            tags=("high_load", "plantar_fascia", "calf_strength", "single_leg"),
        ),
        Exercise(
            id="calf_eccentric",
            name="Calf lowering off a step",
            region=Region.CALF,
            position=Position.STANDING_SINGLE_LEG,
            plantar_load=PlantarLoad.HIGH,
            purpose="Builds the calf's and foot's tolerance to load through slow lowering.",
            equipment=(Equipment.STEP,),
            targets=("calf", "achilles tendon", "plantar fascia"),
            instructions=(
                "Stand with the balls of both feet on the edge of a step, holding a rail.",
                "Rise up using both legs.",
                "Take the weight onto the painful leg and slowly lower its heel just below the"
                " step.",
                "Put the other foot back down and rise on both legs again.",
            ),
            cues=(
                "Lower over about 4 seconds; the lifting is shared by both legs.",
                "Work the painful side; train both if both heels hurt.",
                "Start this only once the hip and knee work higher up the leg is going well.",
            ),
            dose=Prescription(
                sets=2,
                max_sets=3,
                work=Reps(count=10),
                tempo=Tempo(up=2, down=4),
                frequency=_STRENGTH_DAYS,
                note=_OWN_DOSE,
            ),
            sources=("akmi-chain",),
            tags=("eccentric", "calf_strength", "foot_resilience"),
        ),
    )


def _foot_exercises() -> tuple[Exercise, ...]:
    return (
        Exercise(
            id="short_foot",
            name="Short foot",
            region=Region.FOOT,
            position=Position.SITTING,
            plantar_load=PlantarLoad.LOW,
            purpose="Wakes up the small muscles inside the foot that hold up the arch.",
            targets=("intrinsic foot muscles", "arch"),
            instructions=(
                "Sit with both feet flat on the floor.",
                "Without curling the toes, draw the ball of the foot towards the heel so the"
                " arch lifts.",
                "Hold the raised arch, breathing normally.",
                "Relax fully before the next repetition.",
            ),
            cues=(
                "The toes stay long and relaxed on the floor.",
                "Once easy sitting, try it standing, then on one leg.",
            ),
            dose=Prescription(
                sets=2,
                work=Reps(count=10),
                tempo=Tempo(top=5),
                note=_OWN_DOSE,
            ),
            sources=("akmi-chain",),
            tags=("intrinsic", "arch", "foot_resilience"),
        ),
        Exercise(
            id="foot_doming",
            name="Foot doming",
            region=Region.FOOT,
            position=Position.SITTING,
            plantar_load=PlantarLoad.LOW,
            purpose=(
                "An occasional extra for the intrinsic foot muscles, with less evidence behind"
                " it than high-load training."
            ),
            targets=("intrinsic foot muscles", "arch"),
            instructions=(
                "Sit with the foot flat on the floor.",
                "Keep the toes and heel on the floor and lift the arch into a dome.",
                "Hold for a few seconds.",
                "Let the arch down slowly.",
            ),
            cues=(
                "Do not claw the toes: the lift comes from inside the sole.",
                "Treat this as an extra beside heavier loading, not a replacement for it.",
            ),
            dose=Prescription(
                sets=2,
                work=Reps(count=10),
                tempo=Tempo(top=5),
                frequency=Frequency.weekly(2),
                note=_OWN_DOSE + " (the source calls doming an occasional extra)",
            ),
            sources=("pogo-intrinsic",),
            tags=("intrinsic", "arch"),
        ),
        Exercise(
            id="toe_yoga",
            name="Toe yoga",
            region=Region.FOOT,
            position=Position.SITTING,
            plantar_load=PlantarLoad.LOW,
            purpose="Improves control of the big toe and the small toes separately.",
            targets=("intrinsic foot muscles", "toe flexors", "toe extensors"),
            instructions=(
                "Sit with your feet flat on the floor.",
                "Press the big toe down while lifting the other four toes.",
                "Swap: press the four small toes down and lift the big toe.",
                "That swap back and forth counts as one repetition.",
            ),
            cues=(
                "Use your hands to help hold toes in place at first.",
                "Build up to several sets spread across the day.",
            ),
            dose=Prescription(sets=2, work=Reps(count=10)),
            sources=("inhome-pt", "akmi-chain"),
            tags=("intrinsic", "foot_control", "foot_resilience"),
        ),
        Exercise(
            id="single_leg_balance",
            name="Single-leg balance",
            region=Region.ANKLE,
            position=Position.STANDING_SINGLE_LEG,
            plantar_load=PlantarLoad.MODERATE,
            purpose="Trains the foot and ankle to steady the body on one leg.",
            targets=("ankle stabilisers", "intrinsic foot muscles", "calf"),
            instructions=(
                "Stand barefoot on one leg near a wall or worktop.",
                "Keep the arch lifted and the toes relaxed on the floor.",
                "Balance for the set time, touching the support only if you must.",
                "Change legs.",
            ),
            cues=(
                "Small wobbles at the ankle are the point of the exercise.",
                "Make it harder only when the hold is steady.",
            ),
            dose=Prescription(
                sets=3,
                work=Hold(seconds=30),
                each_side=True,
                note=_OWN_DOSE,
            ),
            sources=("akmi-chain",),
            tags=("balance", "foot_control", "foot_resilience"),
        ),
        Exercise(
            id="plyometric_hops",
            name="Small hops",
            region=Region.FOOT,
            position=Position.MOVING,
            plantar_load=PlantarLoad.HIGH,
            purpose="Builds spring and impact tolerance in the foot.",
            targets=("calf", "achilles tendon", "plantar fascia"),
            instructions=(
                "Stand on both feet with knees slightly bent.",
                "Make small, quick hops in place, staying on the balls of the feet.",
                "Land quietly and bounce straight into the next hop.",
                "Stop the set when the hops lose their rhythm.",
            ),
            cues=(
                "Only start once calf and foot strength work no longer causes heel pain.",
                "Quiet landings: knees over the middle of the feet.",
            ),
            dose=Prescription(
                sets=3,
                work=Reps(count=10),
                rest_seconds=60,
                frequency=Frequency.weekly(2, non_consecutive=True),
                note=_OWN_DOSE,
            ),
            sources=("akmi-chain",),
            tags=("plyometric", "impact", "foot_resilience"),
        ),
    )


def _morning_and_mobility_exercises() -> tuple[Exercise, ...]:
    return (
        Exercise(
            id="ankle_pumps",
            name="Morning ankle pumps",
            region=Region.ANKLE,
            position=Position.SITTING,
            plantar_load=PlantarLoad.NONE,
            purpose="Loosens the foot and calf before the painful first steps of the day.",
            targets=("calf", "ankle", "plantar fascia"),
            instructions=(
                "Before you stand up in the morning, sit on the edge of the bed.",
                "Point the feet down, then pull them up towards you, several times.",
                "Finish with a gentle stretch: pull the toes back with a hand for a few breaths.",
                "Then take your first steps.",
            ),
            cues=("Do this before putting weight on the feet.", "Keep it gentle and easy."),
            dose=Prescription(
                work=Reps(count=10),
                note="the source says 'a few'; 10 is plantarkit's default",
            ),
            sources=("inhome-pt",),
            tags=("morning", "mobility", "off_feet", "first_steps"),
        ),
        Exercise(
            id="ankle_circles",
            name="Ankle circles",
            region=Region.ANKLE,
            position=Position.LYING,
            plantar_load=PlantarLoad.NONE,
            purpose="Moves the ankle through its whole range to ease morning stiffness.",
            targets=("ankle", "calf", "foot"),
            instructions=(
                "Lie on your back and hug one knee towards your chest.",
                "Draw slow circles with that foot, moving only at the ankle.",
                "Do the circles one way, then the other way.",
                "Change legs.",
            ),
            cues=(
                "Make the circles as big as comfortable.",
                "Start with 5 each way if 10 is too many.",
            ),
            dose=Prescription(
                sets=5,
                work=Reps(count=10, minimum=5, each_direction=True),
                each_side=True,
            ),
            sources=("foodnourish-stretch",),
            tags=("morning", "mobility", "off_feet"),
        ),
        Exercise(
            id="supported_heel_raise",
            name="Supported heel raise",
            region=Region.CALF,
            position=Position.STANDING_SINGLE_LEG,
            plantar_load=PlantarLoad.MODERATE,
            purpose="Gently strengthens the calf while holding on for support.",
            equipment=(Equipment.CHAIR,),
            targets=("calf", "foot"),
            instructions=(
                "Stand behind a sturdy chair and hold its back.",
                "Bend the knees slightly and shift your weight onto one foot.",
                "Lift that heel and rise onto the ball of the foot.",
                "Lower under control; finish the set, then work the other leg.",
            ),
            cues=("Let your hands take as much weight as you need.", "Keep the knee soft."),
            dose=Prescription(
                sets=2,
                max_sets=3,
                work=Reps(count=15, minimum=10),
                each_side=True,
            ),
            sources=("foodnourish-stretch",),
            tags=("morning", "calf_strength", "supported"),
        ),
        Exercise(
            id="toe_walking",
            name="Walking on tiptoes",
            region=Region.CALF,
            position=Position.MOVING,
            plantar_load=PlantarLoad.MODERATE,
            purpose="Works the calf and foot muscles while walking.",
            targets=("calf", "intrinsic foot muscles"),
            instructions=(
                "Rise up onto the balls of both feet.",
                "Walk slowly forwards, staying up on your toes.",
                "Lower the heels and rest after each bout.",
            ),
            cues=(
                "Walk slowly and stay tall.",
                "Use a wall or worktop beside you if you feel unsteady.",
            ),
            dose=Prescription(sets=5, work=Timed(seconds=15)),
            sources=("foodnourish-stretch",),
            tags=("morning", "calf_strength"),
        ),
        Exercise(
            id="towel_toe_curls",
            name="Towel toe curls",
            region=Region.FOOT,
            position=Position.SITTING,
            plantar_load=PlantarLoad.LOW,
            purpose="Strengthens the muscles that bend the toes and support the arch.",
            equipment=(Equipment.TOWEL, Equipment.CHAIR),
            targets=("toe flexors", "intrinsic foot muscles"),
            instructions=(
                "Sit on a chair with a towel spread flat on the floor under your foot.",
                "Scrunch the toes to grip the towel and drag it towards you.",
                "Relax the toes, spread the towel out again and repeat.",
            ),
            cues=("Keep the heel on the floor.", "Start with 5 if 10 is too many."),
            dose=Prescription(sets=5, work=Reps(count=10, minimum=5)),
            sources=("foodnourish-stretch",),
            tags=("morning", "intrinsic"),
        ),
        Exercise(
            id="banded_ankle_dorsiflexion",
            name="Banded ankle pull-back",
            region=Region.ANKLE,
            position=Position.SITTING,
            plantar_load=PlantarLoad.NONE,
            purpose=(
                "Strengthens the muscles at the front of the shin (the source calls it 'tibialis')."
            ),
            equipment=(Equipment.BAND,),
            targets=("tibialis anterior", "toe extensors"),
            instructions=(
                "Sit on the floor with your legs straight out in front.",
                "Loop a band around the top of one foot and tie the other end to something"
                " ahead of you.",
                "Pull the toes and foot back towards you against the band.",
                "Hold for a few seconds, then let the foot return slowly.",
            ),
            cues=("Keep the knee straight and the heel on the floor.", "Move slowly both ways."),
            dose=Prescription(
                sets=2,
                max_sets=3,
                work=Reps(count=10),
                tempo=Tempo(top=3),
                each_side=True,
                load=Load.elastic_band(BandResistance.LIGHT),
            ),
            sources=("foodnourish-stretch",),
            tags=("morning", "band", "off_feet", "shin"),
        ),
        Exercise(
            id="calf_soft_tissue",
            name="Calf massage",
            region=Region.CALF,
            position=Position.SITTING,
            plantar_load=PlantarLoad.NONE,
            purpose="Eases calf tightness before mobility and strength work.",
            equipment=(Equipment.MASSAGE_TOOL,),
            targets=("calf", "soleus"),
            instructions=(
                "Sit with the leg supported and the calf relaxed.",
                "Work up and down the calf with a massage stick, massage gun or foam roller.",
                "Spend longer on tight spots, using firm but bearable pressure.",
            ),
            cues=(
                "Stop on any sharp or burning pain.",
                "Do the painful leg; the other too if it feels tight.",
            ),
            dose=Prescription(work=Timed(seconds=120)),
            sources=("inhome-pt",),
            tags=("soft_tissue", "mobility", "off_feet"),
        ),
        Exercise(
            id="ankle_dorsiflexion_rocking",
            name="Ankle rocking",
            region=Region.ANKLE,
            position=Position.KNEELING,
            plantar_load=PlantarLoad.LOW,
            purpose="Improves how far the shin can move forwards over the foot.",
            targets=("ankle", "calf", "soleus"),
            instructions=(
                "Half-kneel with the working foot flat in front (or stand with it on a step).",
                "Rock the knee forwards over the foot, keeping the heel down.",
                "Aim the knee over the big toe, then the middle toes, then the little toe.",
                "Rock back and repeat; then swap legs.",
            ),
            cues=(
                "The heel stays on the floor throughout.",
                "Feel the stretch in the calf or the front of the ankle, never a pinch.",
            ),
            dose=Prescription(
                sets=1,
                max_sets=2,
                work=Reps(count=10),
                each_side=True,
            ),
            sources=("inhome-pt",),
            tags=("mobility", "ankle_mobility"),
        ),
    )


def _exercises() -> tuple[Exercise, ...]:
    return (
        *_hip_exercises(),
        *_leg_exercises(),
        *_calf_exercises(),
        *_foot_exercises(),
        *_morning_and_mobility_exercises(),
    )


def _advice() -> tuple[Advice, ...]:
    return (
        Advice(
            id="footwear_and_surface",
            name="Footwear, insoles and surfaces",
            topic=AdviceTopic.FOOTWEAR,
            points=(
                "If you rely on insoles or orthotics, cut down on them step by step rather than"
                " stopping all at once.",
                "Orthotics are not a proven fix on their own; this source sees them as moving"
                " load elsewhere rather than solving the cause.",
                "Choose shoes that let the foot bend and move as it naturally does.",
                "Change shoes or training surfaces gradually, so the foot has time to adapt.",
                "Keep this up alongside the exercises, not only once pain has gone.",
            ),
            sources=("akmi-chain", "koc-2023"),
            tags=("footwear", "orthotics", "surface"),
        ),
        Advice(
            id="supportive_shoes",
            name="Supportive, well-fitting shoes",
            topic=AdviceTopic.FOOTWEAR,
            points=(
                "Wear shoes that fit well and give the foot support.",
                "Replace shoes that are worn out or no longer fit.",
            ),
            sources=("foodnourish-stretch",),
            tags=("footwear",),
        ),
        Advice(
            id="cross_training",
            name="Cross-training",
            topic=AdviceTopic.CROSS_TRAINING,
            points=(
                "Keep fit with activities that go easy on the heel, such as swimming or cycling.",
                "Use them on days when walking or running makes the heel worse.",
            ),
            sources=("foodnourish-stretch",),
            tags=("cross_training", "swimming", "cycling"),
        ),
        Advice(
            id="healthy_weight",
            name="Healthy body weight",
            topic=AdviceTopic.WEIGHT,
            points=(
                "Aim for a healthy weight: every step puts body weight through the heel.",
                "In people who are not athletes, a high body mass index is a listed risk factor"
                " for plantar heel pain.",
            ),
            sources=("foodnourish-stretch", "martin-2014"),
            tags=("weight",),
        ),
        Advice(
            id="softer_surfaces",
            name="Softer running surfaces",
            topic=AdviceTopic.SURFACE,
            points=(
                "When you run, choose softer ground such as grass or trails over concrete when"
                " you can.",
            ),
            sources=("foodnourish-stretch",),
            tags=("surface", "running"),
        ),
        Advice(
            id="regular_stretching",
            name="Stretch regularly",
            topic=AdviceTopic.STRETCHING,
            points=(
                "Stretch the calf and the sole of the foot regularly, not only when it hurts.",
                "Clinical guidelines recommend stretching for plantar heel pain.",
            ),
            sources=("foodnourish-stretch", "koc-2023"),
            tags=("stretching", "mobility"),
        ),
    )


def _ladders() -> tuple[Ladder, ...]:
    # Rungs that only change the dose start from the exercise's default dose,
    # so a ladder cannot drift away from the catalogue entry it climbs.
    defaults = {e.id: e.dose for e in _exercises()}
    return (
        *_hip_ladders(defaults),
        *_leg_ladders(defaults),
        *_calf_ladders(),
        *_foot_ladders(defaults),
    )


def _hip_ladders(defaults: Mapping[str, Prescription]) -> tuple[Ladder, ...]:
    banded_clam = defaults["banded_clam"]
    abduction = defaults["side_lying_hip_abduction"]
    stance = defaults["single_leg_stance"]
    walk = defaults["banded_lateral_walk"]
    return (
        Ladder(
            id="clam",
            name="Clam",
            steps=(
                LadderStep(exercise="clam"),
                LadderStep(exercise="banded_clam", note="a light band around the thighs"),
                LadderStep(
                    exercise="banded_clam",
                    dose=attrs.evolve(banded_clam, load=Load.elastic_band(BandResistance.MEDIUM)),
                    note="a stronger band",
                ),
            ),
            criterion=(
                "Master the current level first: all 3 sets of 15 with good form and no pain"
                " during or after."
            ),
            sources=("exakt-2021",),
            note="The source only adds a band; the stronger-band rung is illustrative.",
        ),
        Ladder(
            id="side_lying_hip_abduction",
            name="Side-lying leg lift",
            steps=(
                LadderStep(exercise="side_lying_hip_abduction"),
                LadderStep(
                    exercise="side_lying_hip_abduction",
                    dose=attrs.evolve(abduction, load=Load.ankle_weight(1)),
                    note="an ankle weight or a heavy boot",
                ),
                LadderStep(
                    exercise="side_lying_hip_abduction",
                    dose=attrs.evolve(abduction, load=Load.ankle_weight(2)),
                    note="a heavier ankle weight",
                ),
            ),
            criterion=(
                "Master the current level first: all 3 sets of 15, slow and controlled, with no"
                " pain."
            ),
            sources=("exakt-2021",),
            note="The source says 'ankle weight or heavy boot'; 1 kg and 2 kg are illustrative.",
        ),
        Ladder(
            id="single_leg_stance",
            name="Single-leg stance",
            steps=(
                LadderStep(exercise="single_leg_stance"),
                LadderStep(
                    exercise="single_leg_stance",
                    dose=attrs.evolve(stance, work=Hold(seconds=45)),
                    note="longer holds",
                ),
                LadderStep(
                    exercise="single_leg_stance",
                    dose=attrs.evolve(stance, work=Hold(seconds=60)),
                    note="longer holds",
                ),
                LadderStep(exercise="single_leg_deadlift", note="add a hip hinge on one leg"),
            ),
            criterion=(
                "Move up once every hold is finished with the pelvis level and the knee over"
                " the foot."
            ),
            sources=("akmi-chain",),
            note="The source names a progression without steps; these rungs are illustrative.",
        ),
        Ladder(
            id="banded_lateral_walk",
            name="Banded side steps",
            steps=(
                LadderStep(exercise="banded_lateral_walk"),
                LadderStep(
                    exercise="banded_lateral_walk",
                    dose=attrs.evolve(walk, load=Load.elastic_band(BandResistance.MEDIUM)),
                    note="a stronger band",
                ),
                LadderStep(
                    exercise="banded_lateral_walk",
                    dose=attrs.evolve(walk, load=Load.elastic_band(BandResistance.HEAVY)),
                    note="the strongest band",
                ),
            ),
            criterion="Move up once the knees stay in line over the toes on every step.",
            sources=("akmi-chain",),
            note="The source gives no dose or progression; the band steps are illustrative.",
        ),
    )


def _leg_ladders(defaults: Mapping[str, Prescription]) -> tuple[Ladder, ...]:
    more_jumps = attrs.evolve(
        defaults["box_jump"],
        work=Reps(count=8),
        note="more repetitions: 8 is plantarkit's example",
    )
    step_down = defaults["step_down"]
    run_walk = defaults["run_walk"]

    def more_running(rounds: int, run_minutes: int, walk_minutes: int) -> Prescription:
        work = RunWalk(rounds=rounds, run_seconds=run_minutes * 60, walk_seconds=walk_minutes * 60)
        return attrs.evolve(run_walk, work=work, note="illustrative step (30 minutes a session)")

    return (
        Ladder(
            id="squat",
            name="Squat",
            steps=(
                LadderStep(exercise="bodyweight_squat"),
                LadderStep(exercise="weighted_squat", note="hold dumbbells or a kettlebell"),
                LadderStep(exercise="split_squat", note="one leg at a time, back foot raised"),
                LadderStep(
                    exercise="split_squat",
                    dose=attrs.evolve(defaults["split_squat"], load=Load.external()),
                    note="hold weights",
                ),
            ),
            criterion=(
                "Master the current level first: all sets with good form and no heel pain"
                " during or after."
            ),
            sources=("exakt-2021",),
        ),
        Ladder(
            id="box_jump",
            name="Box jump",
            steps=(
                LadderStep(exercise="box_jump"),
                LadderStep(exercise="box_jump", dose=more_jumps, note="more jumps"),
                LadderStep(
                    exercise="box_jump",
                    dose=attrs.evolve(
                        more_jumps,
                        height_cm=30,
                        note="a higher box: 30 cm is plantarkit's example",
                    ),
                    note="a higher box",
                ),
            ),
            criterion=(
                "Master the current level first: soft, controlled landings and no heel pain"
                " afterwards."
            ),
            sources=("exakt-2021",),
            note=(
                "The source adds repetitions and box height; 8 reps and 20/30 cm are illustrative."
            ),
        ),
        Ladder(
            id="step_down",
            name="Step-down",
            steps=(
                LadderStep(exercise="step_down"),
                LadderStep(
                    exercise="step_down",
                    dose=attrs.evolve(step_down, height_cm=15, note=_OWN_DOSE + " (15 cm step)"),
                    note="a higher step",
                ),
                LadderStep(
                    exercise="step_down",
                    dose=attrs.evolve(step_down, height_cm=20, note=_OWN_DOSE + " (20 cm step)"),
                    note="a higher step",
                ),
            ),
            criterion="Move up once the knee tracks over the foot on every repetition.",
            sources=("akmi-chain",),
            note="The source gives no heights; 10, 15 and 20 cm are illustrative.",
        ),
        Ladder(
            id="run_walk",
            name="Run/walk",
            steps=(
                LadderStep(exercise="run_walk"),
                LadderStep(exercise="run_walk", dose=more_running(10, 2, 1), note="more running"),
                LadderStep(exercise="run_walk", dose=more_running(6, 4, 1), note="more running"),
                LadderStep(exercise="run_walk", dose=more_running(3, 9, 1), note="more running"),
                LadderStep(
                    exercise="run_walk",
                    dose=more_running(1, 30, 0),
                    note="30 minutes of continuous running",
                ),
            ),
            criterion=(
                "Step up after 2 sessions with pain at most 2/10 during the run, back to"
                " baseline within 24 hours and no limp the next morning."
            ),
            sources=("exakt-2021",),
            note=(
                "The first rung and the step-up rule are a clinic scheme (grade B, not"
                " trial-tested); the later rungs are illustrative and keep 30 minutes a session."
            ),
        ),
    )


def _calf_ladders() -> tuple[Ladder, ...]:
    return (
        Ladder(
            id="isometric_calf",
            name="Calf raise hold",
            steps=(
                LadderStep(exercise="isometric_calf_raise"),
                LadderStep(exercise="isometric_calf_raise", dose=_isometric(4, 30)),
                LadderStep(exercise="isometric_calf_raise", dose=_isometric(4, 45)),
                LadderStep(
                    exercise="isometric_calf_raise", dose=_isometric(5, 45), note="the goal"
                ),
                LadderStep(exercise="single_leg_isometric_calf_raise", note="on one leg"),
            ),
            criterion=(
                "Move up when the holds are done with pain below 6/10 that settles within a"
                " few minutes."
            ),
            sources=("inhome-pt",),
            note=(
                "The start (3 × 30 s) and the goal (5 × 45 s) are published; the steps between"
                " are illustrative."
            ),
        ),
        Ladder(
            id="calf_raise",
            name="Calf raise",
            steps=(
                LadderStep(exercise="calf_raise"),
                LadderStep(exercise="calf_raise_two_up_one_down"),
                LadderStep(exercise="single_leg_calf_raise"),
                LadderStep(exercise="high_load_heel_raise", note="towel under the toes"),
                LadderStep(
                    exercise="high_load_heel_raise",
                    dose=_HIGH_LOAD_BACKPACK_DOSE,
                    note="add weight in a backpack",
                ),
            ),
            criterion=(
                "If more than 15 repetitions with a 5-second lowering are possible, make it harder."
            ),
            sources=("inhome-pt", "pogo-intrinsic", "rathleff-2015"),
            note="The last two rungs join inhome-pt's calf ladder to the Rathleff protocol.",
        ),
        Ladder(
            id="high_load",
            name="High-load heel raise",
            steps=(
                LadderStep(exercise="double_leg_high_load_heel_raise"),
                LadderStep(exercise="high_load_heel_raise"),
                LadderStep(
                    exercise="high_load_heel_raise",
                    dose=_HIGH_LOAD_BACKPACK_DOSE,
                    note="add weight in a backpack",
                ),
            ),
            criterion=(
                "Go to one leg as soon as you can; add backpack weight once all 12 repetitions"
                " feel within reach."
            ),
            sources=("pogo-intrinsic", "rathleff-2015"),
            note=(
                "Sets and repetitions also change by week (3 × 12RM, 4 × 10RM, 5 × 8RM): that"
                " weekly plan belongs to a protocol, not to this ladder."
            ),
        ),
    )


def _foot_ladders(defaults: Mapping[str, Prescription]) -> tuple[Ladder, ...]:
    balance = defaults["single_leg_balance"]
    hops = defaults["plyometric_hops"]
    toe_yoga = defaults["toe_yoga"]

    def balance_rung(how: str) -> Prescription:
        return attrs.evolve(balance, note=f"{how}; {_OWN_DOSE}")

    return (
        Ladder(
            id="single_leg_balance",
            name="Single-leg balance",
            steps=(
                LadderStep(exercise="single_leg_balance"),
                LadderStep(
                    exercise="single_leg_balance",
                    dose=balance_rung("eyes closed"),
                    note="close the eyes",
                ),
                LadderStep(
                    exercise="single_leg_balance",
                    dose=balance_rung("on a folded towel or cushion"),
                    note="a soft surface, eyes open",
                ),
                LadderStep(
                    exercise="single_leg_balance",
                    dose=balance_rung("on a folded towel or cushion, eyes closed"),
                    note="a soft surface, eyes closed",
                ),
            ),
            criterion="Move up once every hold is steady without touching the support.",
            sources=("akmi-chain",),
            note="The source names a progression without steps; these rungs are illustrative.",
        ),
        Ladder(
            id="plyometric_hops",
            name="Hops",
            steps=(
                LadderStep(exercise="plyometric_hops"),
                LadderStep(
                    exercise="plyometric_hops",
                    dose=attrs.evolve(hops, work=Reps(count=20)),
                    note="more hops",
                ),
                LadderStep(
                    exercise="plyometric_hops",
                    dose=attrs.evolve(hops, each_side=True, note=f"on one leg; {_OWN_DOSE}"),
                    note="one leg at a time",
                ),
            ),
            criterion=(
                "Move up when landings stay quiet and the heel is no worse the next morning."
            ),
            sources=("akmi-chain",),
            note="The source gives no dose or progression; these rungs are illustrative.",
        ),
        Ladder(
            id="toe_yoga",
            name="Toe yoga",
            steps=(
                LadderStep(exercise="toe_yoga"),
                LadderStep(
                    exercise="toe_yoga",
                    dose=attrs.evolve(toe_yoga, frequency=Frequency.daily(2, up_to=3)),
                    note="spread the sets through the day",
                ),
            ),
            criterion="Move up once the toes move separately without help from the hands.",
            sources=("inhome-pt",),
            note=(
                "The source says 'several sets a day'; 2-3 sessions a day is plantarkit's reading."
            ),
        ),
    )


@functools.cache
def catalogue() -> Catalogue:
    """Return the built-in catalogue (built once, then shared: it is immutable).

    >>> cat = catalogue()
    >>> cat["clam"].plantar_load
    <PlantarLoad.NONE: 'none'>
    """
    exercises, advice, ladders = _exercises(), _advice(), _ladders()
    items: tuple[Exercise | Advice | Ladder, ...] = (*exercises, *advice, *ladders)
    cited = {key for item in items for key in item.sources}
    sources = tuple(s for key, s in BUILTIN_SOURCES.items() if key in cited)
    return Catalogue(exercises=exercises, advice=advice, ladders=ladders, sources=sources)
