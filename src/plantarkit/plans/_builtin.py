"""The built-in protocols, as data, each citing its sources.

Every protocol here is a plain :class:`Protocol` value: phases with their
exercises, doses, gates and pain rules. Text is plantarkit's own wording; the
facts (exercises, phases, doses, thresholds) come from the sources named on
each protocol and phase. Where a number is plantarkit's own choice (most often
the weeks of a phase the source gives no weeks for, or a gate threshold), the
phase ``note`` or the gate's citation (grade ``U``) says so.
"""

import functools

import attrs

from plantarkit._core.errors import UnknownIdError
from plantarkit._core.evidence import Grade, cite
from plantarkit._core.text import similar
from plantarkit.exercises import (
    Frequency,
    Hold,
    Load,
    LoadKind,
    PlantarLoad,
    Prescription,
    Region,
    Reps,
    Tempo,
)
from plantarkit.plans._gates import (
    ExercisesMastered,
    NoRedFlags,
    NoTrendelenburg,
    PainAtMost,
    PainMeasure,
    TestAtLeast,
)
from plantarkit.plans._protocol import DoseStep, Phase, Protocol, SideRule, Slot
from plantarkit.progression.records import TestKind
from plantarkit.progression.rules import (
    CautiousRule,
    LadderUp,
    LoadUp,
    NextDayRule,
    PainModel,
    WeeklyTable,
)

__all__ = ["protocol", "protocols"]


# The top-down plan trains the chain above the foot first: chain findings may
# only add exercises for these regions before the foot resilience phase.
_ABOVE_THE_FOOT = (Region.HIP, Region.PELVIS, Region.KNEE, Region.CORE, Region.WHOLE_BODY)


def _no_red_flags() -> NoRedFlags:
    return NoRedFlags(
        citation=cite(
            "differential-summaries", Grade.B, "a positive red flag stops the programme: refer"
        )
    )


# --- shared pain rules ------------------------------------------------------------------------

_PAIN_MONITORING = (
    "Pain-monitoring model: heel pain during the exercise may reach 5/10 but no more; pain"
    " afterwards may also reach 5/10 but must have calmed down by the next morning; pain and"
    " morning stiffness must not creep up from one week to the next. If any of these is"
    " broken, ease the load off. (Silbernagel 2007; the thresholds are grade B and can be"
    " changed.)"
)

_EXAKT_PAIN = (
    "An exercise that brings on heel pain while you do it or afterwards is the wrong one for"
    " now: go back a level or leave it out, and only move up once the current level feels"
    " easy and pain-free."
)

_RUN_WALK_STEPS = LadderUp(
    sessions=2,
    max_pain_during=2,
    citation=cite(
        "clinic-run-walk",
        Grade.B,
        "clinic run/walk scheme: step up after 2 sessions with pain at most 2/10 during"
        " (not trial-tested)",
    ),
)
"""Run/walk moves up its ladder after two sessions with pain at most 2/10 while running."""

_EXAKT_LIMITS = (CautiousRule(), PainModel())
"""The early phase's rules: exakt-2021's cautious rule (pain above 2/10 during or after means
an easier level, U), with the pain-monitoring model for the next morning and the weekly trend."""

_MONITORING_LIMITS = (PainModel(),)
"""Once the heel has settled, the pain-monitoring model alone (Silbernagel 2007)."""

_RUN_WALK_PAIN = (
    " For run/walk: pain at most 2/10 while running, back to your usual level within 24 hours"
    " and no limp the next morning; step up only after two sessions like that (a clinic"
    " scheme, grade B, not tested in a trial)."
)


# --- staged (exakt-2021) ---------------------------------------------------------------------

_STAGED_WEEKS = (
    "The source gives no weeks: these are plantarkit's assumption of a usual timeline. Move on"
    " when the gates pass, not by the calendar."
)
_MASTERED_EXAKT = ExercisesMastered(
    citation=cite(
        "exakt-2021", Grade.U, "move up only once the current level is mastered (no number)"
    )
)
_EXAKT_REST = 60
"""exakt-2021 rests 60 s between sets for all of its exercises."""

_HIP_ABDUCTION_WEIGHTED = Prescription(
    sets=3,
    work=Reps(count=15, build_up=True),
    rest_seconds=_EXAKT_REST,
    each_side=True,
    load=Load.ankle_weight(),
    note="the source's progression: an ankle weight or a heavy boot",
)
_SPLIT_SQUAT_WEIGHTED = Prescription(
    sets=3,
    work=Reps(count=10),
    rest_seconds=_EXAKT_REST,
    each_side=True,
    load=Load.external(),
    note="the source's progression: hold weights",
)
_MAINTENANCE_DAYS = Frequency.weekly(2, non_consecutive=True)
"""Twice a week for the maintenance routine: plantarkit's assumption (the source gives none)."""


def _maintenance(dose: Prescription) -> Prescription:
    note = "twice a week is plantarkit's assumption; the source gives no frequency"
    return attrs.evolve(
        dose, frequency=_MAINTENANCE_DAYS, note=f"{dose.note}; {note}" if dose.note else note
    )


def _staged() -> Protocol:
    early = Phase(
        id="early",
        name="Early: settle the heel, keep heavy load off the foot",
        start_week=1,
        end_week=4,
        goals=(
            "Let the heel pain calm down by keeping heavy and impact load off the foot.",
            "Build hip strength while lying down, so the painful foot can rest.",
            "Start gentle leg strength with body weight only.",
        ),
        slots=(
            Slot(item="clam"),
            Slot(item="side_lying_hip_abduction"),
            Slot(
                item="bodyweight_squat",
                note=(
                    "The only standing exercise in this phase. If it stirs up heel pain, leave"
                    " it until the middle phase."
                ),
            ),
        ),
        max_plantar_load=PlantarLoad.MODERATE,
        entry_gates=(_no_red_flags(),),
        exit_gates=(_MASTERED_EXAKT,),
        pain_rule=_EXAKT_PAIN
        + " Pain must also have settled by the next morning and must not creep up from one"
        " week to the next (pain-monitoring model, Silbernagel 2007).",
        pain_limits=_EXAKT_LIMITS,
        sources=("exakt-2021",),
        note=(
            "The source puts the body-weight squat (standing, moderate foot load) in this"
            " phase, so the limit is 'no high load' rather than 'off the foot only'. "
            + _STAGED_WEEKS
        ),
    )
    middle = Phase(
        id="middle",
        name="Middle: heavier, standing, functional work",
        start_week=5,
        end_week=8,
        goals=(
            "Load the legs more heavily now that the foot has settled.",
            "Train one leg at a time and control the knee over the foot.",
            "Bring back springy, impact loading with low box jumps.",
        ),
        slots=(
            Slot(item="weighted_squat"),
            Slot(item="split_squat"),
            Slot(
                item="box_jump",
                note="Start with the low box and few jumps; add jumps, then height.",
            ),
            Slot(item="banded_clam", note="The clam made harder with a band."),
            Slot(item="side_lying_hip_abduction", dose=_HIP_ABDUCTION_WEIGHTED),
        ),
        max_plantar_load=PlantarLoad.HIGH,
        entry_gates=(
            PainAtMost(
                measure=PainMeasure.FIRST_STEP,
                at_most=3,
                days=7,
                citation=cite(
                    "exakt-2021",
                    Grade.U,
                    "the source says 'once foot pain has settled'; at most 3/10 on each of"
                    " 7 days is plantarkit's threshold",
                ),
            ),
        ),
        exit_gates=(_MASTERED_EXAKT,),
        pain_rule=_PAIN_MONITORING,
        pain_limits=_MONITORING_LIMITS,
        sources=("exakt-2021",),
        note=_STAGED_WEEKS,
    )
    later = Phase(
        id="later",
        name="Later: back to running",
        start_week=9,
        end_week=12,
        goals=(
            "Return to running in small doses of run/walk, treated like strength training.",
            "Keep the hip and leg strength work going alongside the running.",
        ),
        slots=(
            Slot(
                item="run_walk",
                progression=(_RUN_WALK_STEPS,),
                note=(
                    "Add running and cut walking a little at a time; avoid any single run much"
                    " longer than your longest of the past month."
                ),
            ),
            Slot(item="split_squat", dose=_SPLIT_SQUAT_WEIGHTED),
            Slot(item="banded_clam"),
            Slot(item="side_lying_hip_abduction", dose=_HIP_ABDUCTION_WEIGHTED),
        ),
        max_plantar_load=PlantarLoad.HIGH,
        entry_gates=(
            TestAtLeast(
                test=TestKind.BRISK_WALK_MINUTES,
                at_least=30,
                citation=cite(
                    "clinic-run-walk",
                    Grade.B,
                    "clinic run/walk scheme: start once 30 min of brisk walking is easy"
                    " (not trial-tested; exakt-2021 gives no number)",
                ),
            ),
            PainAtMost(
                measure=PainMeasure.DURING,
                at_most=2,
                days=2,
                citation=cite(
                    "clinic-run-walk",
                    Grade.B,
                    "clinic run/walk scheme's limit of 2/10 during activity over 2 sessions;"
                    " using it to start running is plantarkit's reading",
                ),
            ),
        ),
        exit_gates=(_MASTERED_EXAKT,),
        pain_rule=_PAIN_MONITORING + _RUN_WALK_PAIN,
        pain_limits=_MONITORING_LIMITS,
        sources=("exakt-2021", "clinic-run-walk", "buist-2008", "single-run-2025"),
        note=_STAGED_WEEKS,
    )
    maintenance = Phase(
        id="maintenance",
        name="Maintenance: keep a routine",
        start_week=13,
        end_week=None,
        maintenance=True,
        goals=(
            "Keep the strength gained, so the heel copes with running and daily life.",
            "Spot a return of heel pain early and step back a level if it comes.",
        ),
        slots=(
            Slot(item="split_squat", dose=_maintenance(_SPLIT_SQUAT_WEIGHTED)),
            Slot(item="side_lying_hip_abduction", dose=_maintenance(_HIP_ABDUCTION_WEIGHTED)),
            Slot(
                item="banded_clam",
                dose=_maintenance(
                    Prescription(
                        sets=3,
                        work=Reps(count=15, build_up=True),
                        tempo=Tempo(top=2, down=2),
                        rest_seconds=_EXAKT_REST,
                        each_side=True,
                        load=Load.elastic_band(),
                    )
                ),
            ),
        ),
        max_plantar_load=PlantarLoad.HIGH,
        entry_gates=(
            PainAtMost(
                measure=PainMeasure.FIRST_STEP,
                at_most=1,
                days=14,
                citation=cite(
                    "exakt-2021",
                    Grade.U,
                    "the source says 'after pain has gone'; at most 1/10 on each of 14 days"
                    " is plantarkit's threshold",
                ),
            ),
        ),
        pain_rule=(
            "If heel pain comes back during or after the routine, drop back to the level"
            " that was last pain-free and build up again from there."
        ),
        pain_limits=_MONITORING_LIMITS,
        sources=("exakt-2021",),
        note="Ongoing. Two sessions a week is plantarkit's assumption. " + _STAGED_WEEKS,
    )
    return Protocol(
        id="staged",
        name="Staged hip and leg strengthening",
        summary=(
            "Hip and leg strength in three stages plus maintenance: off-the-foot hip work"
            " while the heel settles, then heavier standing and jumping work, then a gradual"
            " return to running, then a lasting routine."
        ),
        phases=(early, middle, later, maintenance),
        sources=("exakt-2021",),
        note=(
            "Start at the stage that fits the person's severity, how long the pain has lasted"
            " and their current strength, not always at the first. " + _STAGED_WEEKS
        ),
    )


# --- top_down (akmi-chain) -------------------------------------------------------------------

_NO_TRENDELENBURG = NoTrendelenburg(
    citation=cite(
        "akmi-chain",
        Grade.U,
        "the pelvis held level in single-leg stance; using it as a gate is plantarkit's reading",
    )
)


def _top_down() -> Protocol:
    hip = Phase(
        id="hip_restoration",
        name="1. Hip restoration",
        start_week=1,
        end_week=3,
        goals=(
            "Get back the hip's inward turning range, so the foot stops making up for it.",
            "Strengthen the side of the hip so it holds the pelvis level on one leg.",
            "Stop the thigh turning inwards when standing and stepping.",
        ),
        slots=(
            Slot(item="hip_internal_rotation_mobility"),
            Slot(item="side_lying_hip_abduction", note="Keep the pelvis still as the leg lifts."),
            Slot(item="single_leg_stance"),
            Slot(item="banded_lateral_walk"),
        ),
        max_plantar_load=PlantarLoad.MODERATE,
        addable_regions=_ABOVE_THE_FOOT,  # foot work waits for foot resilience
        entry_gates=(_no_red_flags(),),
        exit_gates=(
            TestAtLeast(
                test=TestKind.HIP_INTERNAL_ROTATION_DEG,
                at_least=35,
                citation=cite("akmi-chain", Grade.U, "lower end of the normal range, 35-45°"),
            ),
            ExercisesMastered(
                citation=cite("akmi-chain", Grade.U, "plantarkit's gate; the source gives none")
            ),
        ),
        pain_rule=_PAIN_MONITORING,
        sources=("akmi-chain", "silbernagel-2007"),
        note="Weeks 1-3 as published.",
    )
    chain = Phase(
        id="chain_integration",
        name="2. Chain integration",
        start_week=3,
        end_week=6,
        goals=(
            "Link hip, knee and foot control in single-leg and walking-like movements.",
            "Keep the knee tracking over the foot under load.",
        ),
        slots=(
            Slot(item="single_leg_deadlift"),
            Slot(item="step_down", note="Watch the knee: it stays over the second toe."),
            Slot(item="walking_lunge", note="Keep the hip over the foot on every step."),
        ),
        max_plantar_load=PlantarLoad.MODERATE,
        addable_regions=_ABOVE_THE_FOOT,  # foot work waits for foot resilience
        entry_gates=(_NO_TRENDELENBURG,),
        exit_gates=(
            ExercisesMastered(
                citation=cite("akmi-chain", Grade.U, "plantarkit's gate; the source gives none")
            ),
        ),
        pain_rule=_PAIN_MONITORING,
        sources=("akmi-chain", "silbernagel-2007"),
        note="Weeks 3-6 as published; it overlaps the hip restoration in week 3.",
    )
    foot = Phase(
        id="foot_resilience",
        name="3. Foot resilience",
        start_week=4,
        end_week=8,
        goals=(
            "Now that the chain above works, build the calf's and foot's tolerance to load.",
            "Strengthen and control the small muscles inside the foot.",
            "Bring back spring and impact with small hops.",
        ),
        slots=(
            Slot(item="calf_eccentric", sides=SideRule.PAINFUL),
            Slot(item="short_foot"),
            Slot(item="toe_yoga"),
            Slot(item="single_leg_balance"),
            Slot(
                item="plyometric_hops",
                note="Add these last, once the calf lowering no longer stirs up heel pain.",
            ),
        ),
        max_plantar_load=PlantarLoad.HIGH,
        entry_gates=(
            _NO_TRENDELENBURG,
            TestAtLeast(
                test=TestKind.HIP_INTERNAL_ROTATION_DEG,
                at_least=30,
                citation=cite(
                    "akmi-chain",
                    Grade.U,
                    "below 30° on the painful side means the foot compensates; direct foot"
                    " work only once the chain above works",
                ),
            ),
        ),
        pain_rule=_PAIN_MONITORING,
        sources=("akmi-chain", "silbernagel-2007"),
        note="Weeks 4-8 as published. Direct foot work is in this phase only.",
    )
    footwear = Phase(
        id="footwear_and_surface",
        name="4. Footwear and surfaces",
        start_week=8,
        end_week=None,
        goals=(
            "Come off insoles or orthotics step by step as the foot gets stronger.",
            "Wear shoes that let the foot move naturally and change shoes or surfaces slowly.",
        ),
        slots=(Slot(item="footwear_and_surface"),),
        max_plantar_load=PlantarLoad.NONE,
        pain_rule=(
            "Make changes to shoes, insoles and surfaces one at a time and slowly; if heel pain"
            " rises over the following days, go back to the last setup that was comfortable."
        ),
        sources=("akmi-chain", "koc-2023"),
        note=(
            "Ongoing. The source gives no start week; week 8 (the last week of foot"
            " resilience) is plantarkit's choice. This phase is advice only: with no other"
            " phase running after week 8, those weeks have no exercise sessions."
        ),
    )
    return Protocol(
        id="top_down",
        name="Top-down kinetic-chain plan",
        summary=(
            "Works from the hip down: restore hip range and strength first, then join hip,"
            " knee and foot together, then load the foot directly, then keep up footwear and"
            " surface guidance."
        ),
        phases=(hip, chain, foot, footwear),
        sources=("akmi-chain",),
        note=(
            "The phases overlap in time as published (weeks 1-3, 3-6, 4-8, then ongoing)."
            " The source treats heel pain as overload from hip and knee mechanics; that is its"
            " view, not a settled fact."
        ),
    )


# --- high_load (Rathleff 2015 via pogo-intrinsic) --------------------------------------------

_RATHLEFF_TEMPO = Tempo(up=3, top=2, down=3)


_RATHLEFF_PROGRESSION = WeeklyTable(
    within=(
        LoadUp(
            step_kg=2.5,
            carrier=LoadKind.BACKPACK,
            citation=cite(
                "rathleff-2015",
                Grade.B,
                "add books to a backpack once the repetitions are manageable; the 2.5 kg"
                " step is plantarkit's",
            ),
        ),
    ),
    citation=cite("rathleff-2015", Grade.B, "3 x 12RM, then 4 x 10RM, then 5 x 8RM"),
)
"""Rathleff: the weekly dose table, and backpack load added within a week once manageable."""


def _rathleff(sets: int, rm: int) -> Prescription:
    return Prescription(
        sets=sets,
        work=Reps(count=rm),
        rm=rm,
        tempo=_RATHLEFF_TEMPO,
        frequency=Frequency.every_other_day(),
        note="add books to a backpack once the repetitions become manageable",
    )


def _high_load() -> Protocol:
    phase = Phase(
        id="high_load_training",
        name="High-load heel raises",
        start_week=1,
        end_week=12,
        goals=(
            "Strengthen the plantar fascia and calf with heavy, slow heel raises.",
            "Raise the load over the weeks: more sets of fewer, heavier repetitions.",
        ),
        slots=(
            Slot(
                item="high_load_heel_raise",
                progression=(_RATHLEFF_PROGRESSION,),
                schedule=(
                    DoseStep(from_week=1, dose=_rathleff(3, 12)),
                    DoseStep(from_week=3, dose=_rathleff(4, 10)),
                    DoseStep(from_week=5, dose=_rathleff(5, 8)),
                ),
                sides=SideRule.PAINFUL,
                note=(
                    "On the painful foot, every other day, 3 s up, 2 s at the top, 3 s down."
                    " 'RM' is the most repetitions you can do well: once the target number"
                    " gets manageable, put books or bottles in a backpack. If you cannot yet"
                    " rise on one leg, start with the two-leg version"
                    " (double_leg_high_load_heel_raise) and move to one leg as soon as you"
                    " can. Dose table and tempo are grade B (secondary summaries; some give"
                    " 3-3-3)."
                ),
            ),
        ),
        max_plantar_load=PlantarLoad.HIGH,
        entry_gates=(_no_red_flags(),),
        pain_rule=_PAIN_MONITORING,
        sources=("rathleff-2015", "pogo-intrinsic", "silbernagel-2007"),
        note=(
            "Weeks 1-2: 3 sets of 12RM; weeks 3-4: 4 sets of 10RM; weeks 5-12: 5 sets of 8RM"
            " (grade B). The trial gave no pain rule; the pain-monitoring model is"
            " plantarkit's choice."
        ),
    )
    return Protocol(
        id="high_load",
        name="High-load strength training (Rathleff)",
        summary=(
            "One exercise: a slow single-leg heel raise with a rolled towel under the toes,"
            " every other day for 12 weeks, getting heavier as the weeks go by."
        ),
        phases=(phase,),
        sources=("rathleff-2015", "pogo-intrinsic"),
        note=(
            "In the trial everyone also wore shoe inserts; plantarkit's catalogue has no"
            " insert item, so discuss inserts separately. The trial found a better Foot"
            " Function Index at 3 months than stretching, but no difference at 1, 6 or 12"
            " months."
        ),
    )


def _high_load_daily() -> Protocol:
    tempo = Tempo(up=5, top=3, down=5)

    def daily(load: Load, note: str) -> Prescription:
        return Prescription(
            sets=1,
            work=Reps(count=10, build_up=True),
            tempo=tempo,
            load=load,
            frequency=Frequency.daily(),
            note=note,
        )

    phase = Phase(
        id="daily_training",
        name="Daily heel raises",
        start_week=1,
        end_week=12,
        goals=(
            "Strengthen the plantar fascia with one slow set a day.",
            "Add weight in a backpack for the second half of the programme.",
        ),
        slots=(
            Slot(
                item="high_load_heel_raise",
                schedule=(
                    DoseStep(
                        from_week=1,
                        dose=daily(Load.body_weight(), "as many as you can do well, up to 10"),
                    ),
                    DoseStep(
                        from_week=5,
                        dose=daily(
                            Load.backpack(),
                            "as many as you can do well, up to 10, with a loaded backpack",
                        ),
                    ),
                ),
                sides=SideRule.PAINFUL,
                note=(
                    "One set a day on the painful foot: 5 s up, 3 s at the top, 5 s down; body"
                    " weight in weeks 1-4, a loaded backpack from week 5 (grade B)."
                ),
            ),
        ),
        max_plantar_load=PlantarLoad.HIGH,
        entry_gates=(_no_red_flags(),),
        pain_rule=(
            "Heel pain may be worse later the same day, but it should be back to usual by the"
            " next day. If it is still worse the next day, use less weight or fewer"
            " repetitions. (Caratun 2018, grade B.) Pain while you do the set, and right"
            " after it, should stay at 5/10 or below; if it goes higher, ease off in the same"
            " way. (The source sets no such limit: this one is plantarkit's, borrowed from"
            " the pain-monitoring model's 5/10, grade U.)"
        ),
        pain_limits=(NextDayRule(ceiling=5),),
        sources=("caratun-2018", "silbernagel-2007"),
        note="Weeks 1-4 body weight, weeks 5-12 backpack, as published (grade B).",
    )
    return Protocol(
        id="high_load_daily",
        name="Daily high-load heel raise",
        summary=(
            "A daily variant of the high-load heel raise: one slow set of up to 10 every day,"
            " body weight first, then with a backpack."
        ),
        phases=(phase,),
        sources=("caratun-2018", "rathleff-2015"),
        note="A variant of the Rathleff protocol, described in a secondary summary (grade B).",
    )


# --- heel_pain_basics (inhome-pt) ------------------------------------------------------------

_BASICS_WEEKS = (
    "The source gives no weeks: these are plantarkit's assumption. Move on when the gates"
    " pass, not by the calendar."
)


def _isometric(sets: int, seconds: float, note: str) -> Prescription:
    return Prescription(
        sets=sets,
        work=Hold(seconds=seconds),
        frequency=Frequency.daily(1, up_to=3),
        note=note,
    )


def _heel_pain_basics() -> Protocol:
    morning = Slot(item="ankle_pumps", note="Every morning before the first steps.")
    mobility = Phase(
        id="mobility",
        name="Mobility first",
        start_week=1,
        end_week=2,
        goals=(
            "Ease the painful first steps of the morning.",
            "Loosen the calf and ankle and wake up control of the toes.",
        ),
        slots=(
            morning,
            Slot(item="toe_yoga", note="Use your hands at first; build up to several sets a day."),
            Slot(item="calf_soft_tissue"),
            Slot(item="ankle_dorsiflexion_rocking"),
        ),
        max_plantar_load=PlantarLoad.LOW,
        entry_gates=(_no_red_flags(),),
        exit_gates=(
            ExercisesMastered(
                citation=cite("inhome-pt", Grade.U, "plantarkit's gate; the source gives none")
            ),
        ),
        pain_rule=(
            "Keep it gentle: a stretch or mild discomfort is fine, sharp pain or pain that"
            " lingers is not, so do less. (plantarkit's rule; the source gives none for this"
            " stage.)"
        ),
        sources=("inhome-pt",),
        note=_BASICS_WEEKS,
    )
    isometric = Phase(
        id="isometric",
        name="Isometric calf loading",
        start_week=3,
        end_week=6,
        goals=(
            "Load the calf and heel without movement, a gentle first step to strength.",
            "Build from 3 holds of 30 seconds to 5 holds of 45 seconds.",
        ),
        slots=(
            Slot(
                item="isometric_calf_raise",
                schedule=(
                    DoseStep(from_week=3, dose=_isometric(3, 30, "the published start")),
                    DoseStep(from_week=4, dose=_isometric(4, 30, "plantarkit's in-between step")),
                    DoseStep(from_week=5, dose=_isometric(4, 45, "plantarkit's in-between step")),
                    DoseStep(from_week=6, dose=_isometric(5, 45, "the published goal")),
                ),
                note=(
                    "On both legs, 1-3 times a day. Once 5 × 45 s is comfortable, the next"
                    " step is holding on one leg."
                ),
            ),
            morning,
        ),
        max_plantar_load=PlantarLoad.MODERATE,
        exit_gates=(
            ExercisesMastered(
                citation=cite("inhome-pt", Grade.U, "5 holds of 45 s reached within the pain rule")
            ),
        ),
        pain_rule=(
            "Some pain during the holds is fine, but keep it below 6/10, and it must calm down"
            " within a few minutes of finishing; if not, hold for less time or do fewer holds."
        ),
        sources=("inhome-pt",),
        note=(
            "Start (3 × 30 s) and goal (5 × 45 s) are published; the weekly steps between"
            " them and the weeks are plantarkit's assumption. Morning ankle pumps carry on"
            " from the mobility phase (plantarkit's choice)."
        ),
    )
    calf = Phase(
        id="calf_strength",
        name="Calf strength with slow lowering",
        start_week=7,
        end_week=12,
        goals=(
            "Strengthen the calf through its whole range, stressing a slow lowering.",
            "Make the raise harder whenever more than 15 repetitions are possible.",
        ),
        slots=(
            Slot(
                item="calf_raise",
                note=(
                    "Lower over 5 seconds every time and go until you tire. Can you do more"
                    " than 15? Make it harder: first up on two legs and down on one"
                    " (calf_raise_two_up_one_down), then fully on one leg"
                    " (single_leg_calf_raise), always with the 5-second lowering."
                ),
            ),
            morning,
        ),
        max_plantar_load=PlantarLoad.HIGH,
        entry_gates=(
            PainAtMost(
                measure=PainMeasure.DURING,
                at_most=5,
                days=3,
                citation=cite(
                    "inhome-pt",
                    Grade.U,
                    "holds done below 6/10; 3 days in a row is plantarkit's choice",
                ),
            ),
        ),
        pain_rule=_PAIN_MONITORING,
        sources=("inhome-pt", "silbernagel-2007"),
        note=(
            "The phase limit allows the harder one-leg rungs of the calf raise ladder. The"
            " source gives no pain rule for this stage; the pain-monitoring model is"
            " plantarkit's choice. " + _BASICS_WEEKS
        ),
    )
    return Protocol(
        id="heel_pain_basics",
        name="Heel pain basics: mobility, holds, then calf strength",
        summary=(
            "Mobility first to ease the morning, then calf raise holds within a pain limit,"
            " then full calf raises with a slow lowering that get harder step by step."
        ),
        phases=(mobility, isometric, calf),
        sources=("inhome-pt",),
        note=_BASICS_WEEKS,
    )


@functools.cache
def protocols() -> tuple[Protocol, ...]:
    """The built-in protocols, in a fixed order."""
    return (_staged(), _top_down(), _high_load(), _high_load_daily(), _heel_pain_basics())


def protocol(protocol_id: str) -> Protocol:
    """Return the built-in protocol with this id.

    Raises:
        UnknownIdError: No built-in protocol has this id (close ids are suggested).
    """
    for p in protocols():
        if p.id == protocol_id:
            return p

    ids = [p.id for p in protocols()]
    raise UnknownIdError("protocol", protocol_id, similar(protocol_id, ids))
