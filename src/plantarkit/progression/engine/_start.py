"""Starting a programme, and a clinician clearing a referral."""

import attrs

from plantarkit._core.checks import Text
from plantarkit._core.errors import InvalidValueError
from plantarkit._core.side import Bilateral
from plantarkit.exercises import Catalogue, Prescription, catalogue
from plantarkit.plans import Program, ReferralRequiredError
from plantarkit.progression.engine._values import ProgramState
from plantarkit.progression.records import TestKind, TestResult, no_signs
from plantarkit.progression.rules import ExerciseState


def _locate(cat: Catalogue, exercise_id: str, dose: Prescription) -> tuple[str | None, int | None]:
    exercise = cat.get(exercise_id)
    default = exercise.dose if exercise is not None else None
    for ladder in cat.ladders:
        index = ladder.index(exercise_id, dose, default=default)
        if index is not None:
            return ladder.id, index
    return None, None


def phase_exercises(program: Program, phase_id: str, cat: Catalogue) -> tuple[ExerciseState, ...]:
    """Each exercise of a phase at its first programme dose, with its slot's rules.

    A phase the programme's weeks do not reach gets its slots' exercises at
    the doses the protocol gives (without the programme's personalisation).
    """
    slots = {slot.item: slot for slot in program.protocol.phase(phase_id).slots}
    states: dict[str, ExerciseState] = {}
    for session in program.sessions():
        for item in session.items:
            if item.phase == phase_id and item.exercise not in states:
                ladder, rung = _locate(cat, item.exercise, item.dose)
                slot = slots.get(item.exercise)
                states[item.exercise] = ExerciseState(
                    exercise=item.exercise,
                    dose=item.dose,
                    ladder=ladder,
                    rung=rung,
                    progression=slot.progression if slot is not None else (),
                    row=0 if slot is not None and slot.schedule else None,
                )
    if not states:  # the programme ends before this phase: take its slots as they stand
        phase = program.protocol.phase(phase_id)
        for slot in phase.slots:
            if cat.get(slot.item) is None or slot.item in states:
                continue  # advice items have no dose
            dose = slot.dose_for(phase.start_week) or cat[slot.item].dose
            ladder, rung = _locate(cat, slot.item, dose)
            states[slot.item] = ExerciseState(
                exercise=slot.item,
                dose=dose,
                ladder=ladder,
                rung=rung,
                progression=slot.progression,
                row=None,
            )
    return tuple(states.values())


_ASSESSED_TESTS = (
    (TestKind.HEEL_RAISE_REPS, "heel_raise_reps"),
    (TestKind.LUNGE_CM, "lunge_cm"),
    (TestKind.HIP_INTERNAL_ROTATION_DEG, "hip_internal_rotation_deg"),
)


def _assessed(program: Program) -> tuple[tuple[TestResult, ...], Bilateral[bool | None]]:
    """The test results and Trendelenburg signs of the programme's assessment, if any."""
    if program.report is None:
        return (), no_signs()
    assessment = program.report.assessment
    results = tuple(
        TestResult(test=kind, side=side, value=float(value))
        for kind, name in _ASSESSED_TESTS
        for side, value in getattr(assessment, name).items()
        if value is not None
    )
    return results, assessment.trendelenburg


def catalogue_or_builtin(given: object) -> Catalogue:
    if given is None:
        return catalogue()
    if not isinstance(given, Catalogue):
        raise InvalidValueError("$.catalogue", f"expected a Catalogue, got {type(given).__name__}")
    return given


def start(program: Program, *, catalogue: Catalogue | None = None) -> ProgramState:
    """The first state of a programme: its first phase, each exercise at its programme dose.

    Test results and Trendelenburg signs of the programme's assessment are
    carried into the state, so phase gates can use them until newer ones are logged.

    Raises:
        ReferralRequiredError: The programme's report has a positive red flag
            (:func:`build_program` refuses those; a programme edited or read
            from a file may still carry one).
    """
    if not isinstance(program, Program):
        raise InvalidValueError("$", f"expected a Program, got {type(program).__name__}")
    if program.report is not None and program.report.referral is not None:
        raise ReferralRequiredError(program.report.referral)
    cat = catalogue_or_builtin(catalogue)
    first = program.protocol.phases[0].id
    tests, signs = _assessed(program)
    return ProgramState(
        program_fingerprint=program.fingerprint,
        phase_index=0,
        phase_id=first,
        exercises=phase_exercises(program, first, cat),
        tests=tests,
        trendelenburg=signs,
    )


def clear_referral(state: ProgramState, *, cleared_by: str) -> ProgramState:
    """Lift a red-flag stop after a clinician's review; ``cleared_by`` names who cleared it."""
    if not isinstance(state, ProgramState):
        raise InvalidValueError("$", f"expected a ProgramState, got {type(state).__name__}")
    Text(non_empty=True).check("$.cleared_by", cleared_by)
    if state.referral is None:
        return state
    return attrs.evolve(state, referral=None, cleared_by=(*state.cleared_by, cleared_by))
