"""The progression engine: record a session, get the next step for each exercise and why.

``start(program)`` makes the first :class:`ProgramState`; ``advance(state,
log)`` returns an :class:`Advance` with the new state and one
:class:`Decision` per exercise (progress, hold, regress, stop) plus one for
the phase, each with its reasons. It is pure and deterministic.

Safety comes first, in this order: a positive red flag stops everything until
a clinician clears it (:func:`clear_referral`); a long gap steps every
exercise back; a pain rule that is broken regresses the exercise and one that
cannot be judged holds it; only then may an exercise progress, by at most one
step per session. A phase is entered only when its gates pass.
"""

import bisect
import enum
import functools
import itertools
import typing
from typing import Any

import attrs

from plantarkit._core.checks import LAST_DAY, EnumCheck, Instance, Number, Text, TupleOf
from plantarkit._core.errors import InvalidValueError, Problem, UnknownIdError
from plantarkit._core.evidence import Citation, Grade
from plantarkit._core.pain import Pain
from plantarkit._core.side import Bilateral, Side
from plantarkit._core.trusted import evolve, maker
from plantarkit.chain import Referral, referral_for
from plantarkit.chain._assessment import BilateralOf
from plantarkit.exercises import Catalogue, Hold, Prescription, Reps, Timed, catalogue
from plantarkit.progression._gates import (
    Evidence,
    GateStatus,
    PainAtMost,
    PainMeasure,
    PainRecord,
    TestKind,
    TestResult,
    check,
)
from plantarkit.progression._log import ExerciseLog, SessionLog, no_signs
from plantarkit.progression._pain import (
    PAIN_RULE_TYPES,
    IsometricRule,
    PainModel,
    PainReport,
    PainRule,
    Verdict,
    evaluate,
    quick_verdict,
    verdict,
)
from plantarkit.progression._program import Program, ReferralRequiredError
from plantarkit.progression._rules import (
    PROGRESSION_TYPES,
    REGRESSION_TYPES,
    AnyProgression,
    AnyRegression,
    ExerciseState,
    FewerSets,
    LadderDown,
    LadderUp,
    LessLoad,
    LessWork,
    Proposal,
    RuleContext,
    WeeklyTable,
    built_back,
    misplaced,
    propose,
    with_load_kept,
)

__all__ = [
    "Action",
    "Advance",
    "Decision",
    "EngineRules",
    "ExerciseLog",
    "ExerciseState",
    "ProgramState",
    "Reason",
    "SessionLog",
    "advance",
    "clear_referral",
    "start",
]


class Action(enum.Enum):
    """What happens next to an exercise, or to the phase."""

    PROGRESS = "progress"
    HOLD = "hold"
    REGRESS = "regress"
    STOP = "stop"
    """Stop and refer: a red flag is positive."""


_OPTIONAL_NUMBER = Number(ge=-1e9, le=1e9, integer=False, optional=True)


@attrs.frozen(kw_only=True)
class Reason:
    """Why a decision was made: which rule, on which measurement, against which threshold.

    Attributes:
        rule: The rule that fired (``"pain_model"``, ``"ladder_up"``, ``"gap"``, ...).
        text: The reason in words.
        measure: What was measured, if anything.
        value: The measured value.
        threshold: The threshold it was judged against.
        citation: Where the rule comes from.
    """

    rule: str = attrs.field(validator=Text(non_empty=True))
    text: str = attrs.field(validator=Text(non_empty=True))
    measure: str = attrs.field(default="", validator=Text())
    value: float | None = attrs.field(default=None, validator=_OPTIONAL_NUMBER)
    threshold: float | None = attrs.field(default=None, validator=_OPTIONAL_NUMBER)
    citation: Citation | None = attrs.field(
        default=None, validator=Instance((Citation,), optional=True)
    )


@attrs.frozen(kw_only=True)
class Decision:
    """The next step for one exercise (or, with ``exercise=None``, for the phase).

    Attributes:
        exercise: The exercise id; ``None`` for the phase decision.
        action: Progress, hold, regress or stop.
        reasons: Why (at least one).
        dose: The dose from now on (exercise decisions), of ``next_exercise``
            when the decision moves to another exercise.
        phase: The phase from now on (phase decisions).
        next_exercise: The exercise from now on, when the decision moves to
            another one (a rung up or down its ladder); ``None`` when it stays
            the same exercise, and for the phase decision.
    """

    exercise: str | None = attrs.field(validator=Text(optional=True))
    action: Action = attrs.field(validator=EnumCheck(Action))
    reasons: tuple[Reason, ...] = attrs.field(validator=TupleOf(Instance((Reason,)), min_length=1))
    dose: Prescription | None = attrs.field(
        default=None, validator=Instance((Prescription,), optional=True)
    )
    phase: str | None = attrs.field(default=None, validator=Text(optional=True))
    next_exercise: str | None = attrs.field(default=None, validator=Text(optional=True))

    def __attrs_post_init__(self) -> None:
        if self.next_exercise is None:
            return
        if self.exercise is None:
            raise InvalidValueError("$.next_exercise", "a phase decision has no next exercise")
        if self.next_exercise == self.exercise:
            raise InvalidValueError(
                "$.next_exercise",
                f"expected another exercise than {self.exercise!r}, or null when it stays",
            )

    def __str__(self) -> str:
        what = self.exercise or f"phase {self.phase}"
        to = f" to {self.next_exercise}" if self.next_exercise is not None else ""
        why = "; ".join(r.text for r in self.reasons)
        return f"{what}: {self.action.value}{to} ({why})"

    def _repr_markdown_(self) -> str:
        from plantarkit.render import decision_markdown

        return decision_markdown(self)

    def _repr_html_(self) -> str:
        from plantarkit.render import decision_html

        return decision_html(self)


def _rule_tuple(types: tuple[type, ...], what: str) -> Any:
    """Validator: a tuple of rule values of ``types`` or plain callables."""

    def check(_: object, attribute: "attrs.Attribute[object]", value: object) -> None:
        path = f"$.{attribute.name}"
        if not isinstance(value, tuple):
            raise InvalidValueError(path, f"expected a tuple of {what}, got {type(value).__name__}")
        for i, rule in enumerate(typing.cast(tuple[object, ...], value)):
            if isinstance(rule, type) or not (isinstance(rule, types) or callable(rule)):
                got = (
                    f"the class {rule.__name__}" if isinstance(rule, type) else type(rule).__name__
                )
                raise InvalidValueError(
                    f"{path}[{i}]", f"expected a {what} or a function, got {got}"
                )

    return check


DEFAULT_PROGRESSION: tuple[AnyProgression, ...] = (WeeklyTable(), LadderUp())
"""The engine's default progression: the protocol's weekly dose table, then the ladder."""

DEFAULT_REGRESSION: tuple[AnyRegression, ...] = (
    LadderDown(),
    LessLoad(),
    FewerSets(),
    LessWork(),
)
"""The engine's default regression: a rung down, else less load, a set fewer, less work."""


@attrs.frozen(kw_only=True)
class EngineRules:
    """The engine's parameters (plantarkit's defaults are grade U unless cited).

    Attributes:
        sessions_to_progress: Good sessions in a row before a step up (for
            rules with ``sessions=None``) and for an exercise to count as mastered.
        min_days_in_phase: The fewest days a phase lasts before the next may begin.
        gap_days: A gap longer than this between sessions steps every exercise back.
        pain_rule: The pain rule for dynamic work (default: the pain-monitoring
            model) in phases that do not name their own (``Phase.pain_limits``).
        hold_rule: The pain rule for isometric loading (exercises the catalogue
            tags ``"isometric"``; default: the inhome-pt rule), applied with the
            phase's pain rules (the most cautious verdict wins).
        progression: How exercises move on when they may, tried in order (the
            first rule that applies wins); a protocol slot's own rules replace these.
            Rule values or plain callables ``(ExerciseState, RuleContext) -> Proposal | None``.
        regression: How exercises ease off when a pain rule is broken or after
            a long gap, tried in order; values or callables as above.
        flare_steps_back: Whether a flare of pain in a maintenance phase steps
            back to the phase before it.
        protocol_rules: Whether a protocol's own rules (a phase's
            ``pain_limits``, a slot's ``progression``) come before these;
            ``False`` applies these rules everywhere.
        next_morning_later: Whether next-morning ratings arrive with a later
            log (a report dated the session's day). Then a session is judged
            on the ratings given that day, as if the morning settles, and a
            late next-morning rating that breaks a rule eases the exercises
            off at the session it arrives with. By default a session is
            judged whole: without its next-morning rating it holds.
    """

    sessions_to_progress: int = attrs.field(default=2, validator=Number(ge=1, le=50))
    min_days_in_phase: int = attrs.field(default=7, validator=Number(ge=1, le=365))
    gap_days: int = attrs.field(default=7, validator=Number(ge=1, le=365))
    pain_rule: PainRule = attrs.field(factory=PainModel, validator=Instance(PAIN_RULE_TYPES))
    hold_rule: PainRule = attrs.field(factory=IsometricRule, validator=Instance(PAIN_RULE_TYPES))
    progression: tuple[AnyProgression, ...] = attrs.field(
        default=DEFAULT_PROGRESSION,
        validator=_rule_tuple(PROGRESSION_TYPES, "progression rule"),
    )
    regression: tuple[AnyRegression, ...] = attrs.field(
        default=DEFAULT_REGRESSION,
        validator=_rule_tuple(REGRESSION_TYPES, "regression rule"),
    )
    flare_steps_back: bool = attrs.field(default=True, validator=Instance((bool,)))
    protocol_rules: bool = attrs.field(default=True, validator=Instance((bool,)))
    next_morning_later: bool = attrs.field(default=False, validator=Instance((bool,)))


_DEFAULT_RULES = EngineRules()

PAIN_HISTORY_DAYS = 90
"""How many rated days of pain reports a state keeps at least (days with a report, not
calendar days: the longest pain gate looks back over 90 rated days)."""

_PAIN_KEPT_REPORTS = 3 * PAIN_HISTORY_DAYS
"""Up to this many reports are kept whole; past it the oldest days go."""


@attrs.frozen(kw_only=True)
class ProgramState:
    """Where a person is in their programme.

    Attributes:
        program: The programme followed.
        phase: Index of the current phase in the protocol.
        phase_start_day: The day the current phase began.
        day: The last logged day (0 before the first session).
        last_trained_day: The last day any exercise was done (0 before then):
            the gap rule counts from it, so logs with nothing done do not hide a gap.
        exercises: The state of each current exercise.
        pain: The pain reports of at least the last :data:`PAIN_HISTORY_DAYS`
            days with a report (for week-on-week rules and gates), in order of day.
        tests: The newest result of each test and side (from the assessment,
            then from session logs), for phase gates.
        trendelenburg: The newest Trendelenburg sign per side.
        referral: Set while a red flag stops the programme.
        cleared_by: Who lifted each red-flag stop so far, in order
            (:func:`clear_referral`).
    """

    program: Program = attrs.field(validator=Instance((Program,)))
    phase: int = attrs.field(validator=Number(ge=0, le=100))
    exercises: tuple[ExerciseState, ...] = attrs.field(
        validator=TupleOf(Instance((ExerciseState,)))
    )
    day: int = attrs.field(default=0, validator=Number(ge=0, le=LAST_DAY))
    last_trained_day: int = attrs.field(default=0, validator=Number(ge=0, le=LAST_DAY))
    phase_start_day: int = attrs.field(default=1, validator=Number(ge=1, le=LAST_DAY + 1))
    pain: tuple[PainReport, ...] = attrs.field(
        default=(), validator=TupleOf(Instance((PainReport,)))
    )
    tests: tuple[TestResult, ...] = attrs.field(
        default=(), validator=TupleOf(Instance((TestResult,)))
    )
    trendelenburg: Bilateral[bool | None] = attrs.field(
        factory=no_signs, validator=BilateralOf(Instance((bool,), optional=True))
    )
    referral: Referral | None = attrs.field(
        default=None, validator=Instance((Referral,), optional=True)
    )
    cleared_by: tuple[str, ...] = attrs.field(default=(), validator=TupleOf(Text(non_empty=True)))

    def __attrs_post_init__(self) -> None:
        phases = self.program.protocol.phases
        if self.phase >= len(phases):
            raise InvalidValueError(
                "$.phase", f"the protocol has {len(phases)} phases (0-{len(phases) - 1})"
            )
        if self.last_trained_day > self.day:
            raise InvalidValueError(
                "$.last_trained_day", f"must be at most the last logged day ({self.day})"
            )
        if self.phase_start_day > self.day + 1:
            raise InvalidValueError(
                "$.phase_start_day",
                f"must be at most the day after the last logged day ({self.day + 1})",
            )
        for i in range(1, len(self.pain)):
            if self.pain[i].day < self.pain[i - 1].day:
                raise InvalidValueError(f"$.pain[{i}].day", "pain reports must be in order of day")
        if self.pain and self.pain[-1].day > self.day:
            raise InvalidValueError(
                f"$.pain[{len(self.pain) - 1}].day",
                f"must be at most the last logged day ({self.day}), got {self.pain[-1].day}",
            )
        seen: set[str] = set()
        for i, e in enumerate(self.exercises):
            if e.exercise in seen:
                raise InvalidValueError(f"$.exercises[{i}].exercise", f"{e.exercise!r} twice")
            seen.add(e.exercise)

    @property
    def phase_id(self) -> str:
        """The id of the current phase."""
        return self.program.protocol.phases[self.phase].id

    def exercise(self, exercise_id: str) -> ExerciseState:
        """The state of one current exercise."""
        for e in self.exercises:
            if e.exercise == exercise_id:
                return e
        raise UnknownIdError("exercise", exercise_id, [e.exercise for e in self.exercises])


@attrs.frozen(kw_only=True)
class Advance:
    """The result of :func:`advance`: the new state and the decisions, explained.

    Attributes:
        state: The state after the session.
        decisions: One decision per current exercise.
        phase: The phase decision (progress to the next phase, or hold).
        summary: A plain-language summary an app can show.
    """

    state: ProgramState
    decisions: tuple[Decision, ...]
    phase: Decision
    summary: str

    def _repr_markdown_(self) -> str:
        from plantarkit.render import advance_markdown

        return advance_markdown(self)

    def _repr_html_(self) -> str:
        from plantarkit.render import advance_html

        return advance_html(self)


# --- starting ----------------------------------------------------------------------------------


def _locate(cat: Catalogue, exercise_id: str, dose: Prescription) -> tuple[str | None, int | None]:
    exercise = cat.get(exercise_id)
    default = exercise.dose if exercise is not None else None
    for ladder in cat.ladders:
        index = ladder.index(exercise_id, dose, default=default)
        if index is not None:
            return ladder.id, index
    return None, None


def _phase_exercises(program: Program, phase_id: str, cat: Catalogue) -> tuple[ExerciseState, ...]:
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


def _catalogue_or_builtin(given: object) -> Catalogue:
    if given is None:
        return catalogue()
    if not isinstance(given, Catalogue):
        raise InvalidValueError("$.catalogue_", f"expected a Catalogue, got {type(given).__name__}")
    return given


def start(program: Program, *, catalogue_: Catalogue | None = None) -> ProgramState:
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
    cat = _catalogue_or_builtin(catalogue_)
    first = program.protocol.phases[0].id
    tests, signs = _assessed(program)
    return ProgramState(
        program=program,
        phase=0,
        exercises=_phase_exercises(program, first, cat),
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


# --- advancing ---------------------------------------------------------------------------------


def _check_log(
    state: ProgramState, log: SessionLog, current: dict[str, ExerciseState], cat: Catalogue
) -> dict[str, ExerciseLog]:
    """Raise unless ``log`` fits ``state``; return the logged exercises by id.

    ``current`` holds the state's exercises by id. A late report (dated
    before the session) may name an exercise the person has since moved on
    from along its ladder: it concerns the exercise now on that ladder.
    """
    if not isinstance(log, SessionLog):
        raise InvalidValueError("$", f"expected a SessionLog, got {type(log).__name__}")
    problems: list[Problem] = []
    if log.day <= state.day:
        problems.append(
            Problem("$.day", f"must be after the last logged day ({state.day}), got {log.day}")
        )
    seen: dict[str, ExerciseLog] = {}
    for i, done in enumerate(log.exercises):
        if done.exercise not in current:
            problems.append(
                Problem(
                    f"$.exercises[{i}].exercise",
                    f"{done.exercise!r} is not in the current phase "
                    f"({', '.join(current) or 'none'})",
                )
            )
            continue
        if done.exercise in seen:
            problems.append(
                Problem(f"$.exercises[{i}].exercise", f"{done.exercise!r} logged twice")
            )
        seen[done.exercise] = done
        dose = current[done.exercise].dose
        most = dose.max_sets or dose.sets
        if len(done.sets) > most and not done.note:
            problems.append(
                Problem(
                    f"$.exercises[{i}].sets",
                    f"{len(done.sets)} sets done of {most} prescribed; "
                    "add a note to log extra sets",
                )
            )
    for i, report in enumerate(log.pain):
        if report.day > log.day:
            problems.append(
                Problem(
                    f"$.pain[{i}].day",
                    f"must not be after the session's day ({log.day}), got {report.day}",
                )
            )
        if (
            report.exercise is not None
            and report.exercise not in current
            and not (report.day < log.day and _ladder_mate(report.exercise, current, cat))
        ):
            problems.append(
                Problem(
                    f"$.pain[{i}].exercise",
                    f"{report.exercise!r} is not in the current phase",
                )
            )
    if problems:
        raise InvalidValueError(problems)
    return seen


def _rungs(ex: ExerciseState, cat: Catalogue) -> frozenset[str]:
    """The exercises on the ladder ``ex`` moves on (none off a ladder)."""
    if ex.ladder is None:
        return frozenset()
    return frozenset(step.exercise for step in cat.ladder(ex.ladder).steps)


def _ladder_mate(exercise: str, current: dict[str, ExerciseState], cat: Catalogue) -> bool:
    """Whether one of the state's exercises is on a ladder that holds ``exercise``."""
    return any(exercise in _rungs(ex, cat) for ex in current.values())


def _late_for(
    ex: ExerciseState, late: tuple[PainReport, ...], cat: Catalogue
) -> tuple[PainReport, ...]:
    """The late reports about ``ex``: the session's, its own, and its ladder's other rungs'."""
    rungs = _rungs(ex, cat)
    return tuple(r for r in late if r.exercise in (None, ex.exercise) or r.exercise in rungs)


def _pain_reports(
    log: SessionLog,
) -> tuple[dict[str, tuple[PainReport, ...]], tuple[PainReport, ...], tuple[PainReport, ...]]:
    """Today's reports per exercise, today's whole-session reports, and late reports.

    An exercise with its own report is judged on it and on the session's
    (each completed with the ratings the others agree on, then the most
    cautious wins); with none at all, on an empty report (never good news).
    Late reports (dated before the session: a next-morning rating sent with
    the next log, say) join the history for weekly rules and gates, and can
    only ease today's exercises off: see :func:`_late_reports`.
    """
    own: dict[str, tuple[PainReport, ...]] = {}
    whole: tuple[PainReport, ...] = ()
    late: tuple[PainReport, ...] = ()
    for p in log.pain:
        if p.day != log.day:
            late += (p,)
        elif p.exercise is None:
            whole += (p,)
        else:
            own[p.exercise] = (*own.get(p.exercise, ()), p)
    return own, whole, late


def _late_reports(
    late: tuple[PainReport, ...], earlier: tuple[PainReport, ...]
) -> tuple[PainReport, ...]:
    """Late reports, each completed with the reports given on its own day before.

    A next-morning rating sent later is judged with the baseline and session
    ratings of the day it belongs to, so a morning that did not settle after
    a session is caught when the rating arrives.
    """
    completed: list[PainReport] = []
    for report in late:
        partners = tuple(
            p for p in earlier if p.day == report.day and p.exercise in (None, report.exercise)
        )
        completed.append(_completed((*partners, report))[-1] if partners else report)
    return tuple(completed)


# The enum members compared on every call, as plain names: on Python 3.11 looking up a
# member such as ``Action.HOLD`` runs a descriptor, which long simulations notice.
_PROGRESS, _HOLD, _REGRESS = Action.PROGRESS, Action.HOLD, Action.REGRESS
_VERDICT_OK, _VERDICT_HOLD, _VERDICT_REDUCE = Verdict.OK, Verdict.HOLD, Verdict.REDUCE


_CONFLICT: Any = object()
"""Marks a rating that two same-day reports give differently."""
_RATINGS = tuple(f.name for f in attrs.fields(PainReport) if f.name not in {"day", "exercise"})
"""The ratings of a pain report (all but its day and exercise)."""


def _completed(reports: tuple[PainReport, ...]) -> tuple[PainReport, ...]:
    """Same-day reports for one exercise, each given the ratings it lacks from the others.

    An app may send the ratings of one session in parts (during and after at
    the session, first-step pain in another report). Each part alone lacks a
    rating a rule needs, which would hold the exercise; completed, each is
    judged whole, and the most cautious verdict wins. A rating is only
    filled in where every report that gives it agrees: with two different
    baselines, say, a report without one stays without (and holds), since
    which of them to pair with its next-morning rating is unknown.
    """
    if len(reports) < 2:
        return reports
    given: dict[str, Any] = {}
    for report in reports:
        for name in _RATINGS:
            value = getattr(report, name)
            if value is not None:
                given[name] = value if given.get(name, value) == value else _CONFLICT
    given = {name: value for name, value in given.items() if value is not _CONFLICT}
    completed: list[PainReport] = []
    for report in reports:
        missing = {n: v for n, v in given.items() if getattr(report, n) is None}
        completed.append(evolve(report, **missing) if missing else report)
    return tuple(completed)


def _highest(reports: tuple[PainReport, ...]) -> PainReport:
    """One report with each rating at its highest over ``reports`` (what rules see of them)."""
    if len(reports) == 1:
        return reports[0]
    worst: dict[str, Any] = {}
    for report in reports:
        for name in _RATINGS:
            value = getattr(report, name)
            if value is not None and (name not in worst or _above(value, worst[name])):
                worst[name] = value
    return evolve(reports[0], **worst)


def _above(value: Any, than: Any) -> bool:
    """Whether a rating (a :class:`Pain` or minutes) is higher than another."""
    if isinstance(value, Pain):
        return bool(value.value > than.value)
    return bool(value > than)


def _quick(
    rules: tuple[PainRule, ...], report: PainReport, history: tuple[PainReport, ...]
) -> Verdict:
    """The most cautious verdict of several rules on one report."""
    if len(rules) == 1:
        return quick_verdict(rules[0], report, history)
    return max((quick_verdict(r, report, history) for r in rules), key=lambda v: v.level)


def _worst_report(
    rules: tuple[PainRule, ...], reports: tuple[PainReport, ...], history: tuple[PainReport, ...]
) -> PainReport:
    """Of several reports for one exercise and day, the one the rules judge most cautiously."""
    if len(reports) == 1:
        return reports[0]
    return max(reversed(reports), key=lambda r: _quick(rules, r, history).level)


def _met(dose: Prescription, log: ExerciseLog) -> tuple[bool, str]:
    """Whether a logged exercise met its dose, and how it went in words.

    The sets must reach the dose's work; a weight logged lighter than the
    dose's kg falls short too (a weight not logged is taken as prescribed).
    """
    kg, used = dose.load.kg, log.load_kg
    if kg is not None and used is not None and used < kg:
        return False, f"{used:g} kg used of {kg:g} kg prescribed"
    done = log.sets
    work = dose.work
    if len(done) < dose.sets:
        return False, f"{len(done)} of {dose.sets} sets done"
    low = min(done) + 0.0  # -0.0 is logged as 0 (and caches as one text with it)
    if isinstance(work, Reps):
        target = work.count + 1 if work.to_fatigue else work.count
        return low >= target, _how("reps", low, work.count, work.to_fatigue)
    if isinstance(work, Hold):
        return low >= work.seconds, _how("hold", low, work.seconds, False)
    if isinstance(work, Timed):
        return low >= work.seconds, _how("bout", low, work.seconds, False)
    return low >= work.rounds, _how("intervals", low, work.rounds, False)


@functools.lru_cache(maxsize=4096)
def _how(kind: str, low: float, aim: float, to_fatigue: bool) -> str:
    """How a logged exercise went, in words (the same few texts recur in every session)."""
    if kind == "reps":
        verb = "more than" if to_fatigue else "at least"
        return f"lowest set {low:g} reps ({verb} {aim:g} needed)"
    if kind == "intervals":
        return f"fewest intervals {low:g} of {aim:g}"
    return f"shortest {kind} {low:g} s of {aim:g} s"


# The engine builds its reasons, decisions and states from checked parts without a second
# round of field checks; the tests rebuild them with the checking constructors.
_reason = maker(Reason)
_new_decision = maker(Decision)
_new_exercise_state = maker(ExerciseState, defaults=False)
_new_state = maker(ProgramState, defaults=False)


_STOP_ADVICE = "Stop the programme and see a clinician before going on."
"""What a red flag during the programme means (before one, no programme is built at all)."""

# Reasons that never change (values are immutable, so every decision may share them).
_NOT_DONE = Reason(rule="attendance", text="not done this session: no progress")
_LAST_PHASE = Reason(rule="phase", text="last phase: keep the routine going")


def _did(done: ExerciseLog) -> bool:
    """Whether a log says the exercise was done: not skipped, and some work in a set."""
    return not done.skipped and any(done.sets)


def _counted(ex: ExerciseState, good: int) -> ExerciseState:
    """The same exercise state with a new count of good sessions."""
    if good == ex.good_sessions:
        return ex
    return _new_exercise_state(
        exercise=ex.exercise,
        dose=ex.dose,
        ladder=ex.ladder,
        rung=ex.rung,
        good_sessions=good,
        progression=ex.progression,
        row=ex.row,
        eased_from=ex.eased_from,
    )


def _building_back(
    ex: ExerciseState, target: Prescription, good: int, need: int, how: str
) -> tuple[Decision, ExerciseState]:
    """An eased-off exercise's step back towards the dose it was eased from, when it is due."""
    if good < need:
        why = _reason(
            rule="build_back",
            text=f"{how}; {good} of {need} good sessions before building back up to"
            f" {target.brief()}",
            measure="good_sessions",
            value=good,
            threshold=need,
        )
        kept = _counted(ex, good)
        return _decision(ex, _HOLD, (why,), kept.dose), kept
    dose = built_back(ex.dose, target)
    back = dose == target
    why = _reason(
        rule="build_back",
        text=f"{how}; {good} good session{'s' if good != 1 else ''}: "
        + ("back to the dose eased off from" if back else f"building back up to {target.brief()}")
        + f": {dose.brief()}",
        measure="good_sessions",
        value=good,
        threshold=need,
    )
    moved = _new_exercise_state(
        exercise=ex.exercise,
        dose=dose,
        ladder=ex.ladder,
        rung=ex.rung,
        good_sessions=0,
        progression=ex.progression,
        row=ex.row,
        eased_from=None if back else target,
    )
    return _decision(ex, _PROGRESS, (why,), dose), moved


def _decision(
    ex: ExerciseState, action: Action, reasons: tuple[Reason, ...], dose: Prescription
) -> Decision:
    return _new_decision(
        exercise=ex.exercise, action=action, reasons=reasons, dose=dose, phase=None
    )


def _moved_to(
    ex: ExerciseState, action: Action, reasons: tuple[Reason, ...], to: ExerciseState
) -> Decision:
    """A decision that takes ``ex`` to the state ``to``: its dose, and its exercise if new."""
    name = ex.exercise
    return _new_decision(
        exercise=name,
        action=action,
        reasons=reasons,
        dose=to.dose,
        phase=None,
        next_exercise=None if to.exercise == name else to.exercise,
    )


def _from_proposal(proposal: Proposal, rule: str) -> Reason:
    return _reason(
        rule=rule,
        text=proposal.text,
        measure=proposal.measure,
        value=proposal.value,
        threshold=proposal.threshold,
        citation=proposal.citation,
    )


_new_context = maker(RuleContext)
_new_report = maker(PainReport)


def _context(
    base: RuleContext,
    good: int,
    done: ExerciseLog | None,
    pain: PainReport | None,
    how: str,
    rows: tuple[Prescription, ...],
) -> RuleContext:
    return _new_context(
        day=base.day,
        good_sessions=good,
        sessions_to_progress=base.sessions_to_progress,
        catalogue=base.catalogue,
        done=done,
        pain=pain,
        how=how,
        schedule=rows,
        in_phase=base.in_phase,
    )


def _regress(
    rules: EngineRules,
    ex: ExerciseState,
    ctx: RuleContext,
    why: tuple[Reason, ...],
    taken: set[str],
) -> tuple[Decision, ExerciseState]:
    """One step easier by the regression rules, or easing off in place at the easiest dose."""
    found = propose(rules.regression, ex, ctx, path="$.rules.regression", direction="down")
    if found is None or found[0].to is None:
        reason = (
            _from_proposal(*found)
            if found is not None
            else _reason(
                rule="regression",
                text="already at the easiest dose: do less or rest, and see a clinician"
                " if pain persists"
                if any(r.rule != "gap" for r in why)
                else "already at the easiest dose: start again gently at it",
            )
        )
        return _decision(ex, _REGRESS, (*why, reason), ex.dose), _counted(ex, 0)
    proposal, name = found
    assert proposal.to is not None
    moved = _counted(proposal.to, 0)
    if moved.exercise == ex.exercise and moved.rung == ex.rung and moved.dose != ex.dose:
        # eased off in place: remember the dose to build back up to (the first, if eased again)
        moved = evolve(moved, eased_from=ex.eased_from or ex.dose)
    taken.add(moved.exercise)
    return _moved_to(ex, _REGRESS, (*why, _from_proposal(proposal, name)), moved), moved


def _judge(
    applied: tuple[PainRule, ...],
    report: PainReport,
    history: tuple[PainReport, ...],
    judged: dict[tuple[bool, int], tuple[Verdict, tuple[Reason, ...]]],
    isometric: bool,
    lead: str,
) -> tuple[Verdict, tuple[Reason, ...]]:
    """The verdict of the rules on one report and, when it is not OK, the reasons.

    Exercises sharing a report and rules are judged once (``judged`` is keyed
    by the report's identity: the reports live as long as the call).
    """
    key = (isometric, id(report))
    judgement = judged.get(key)
    if judgement is not None:
        return judgement
    if _quick(applied, report, history) is _VERDICT_OK:
        judgement = judged[key] = (_VERDICT_OK, ())
        return judgement
    checks = tuple(c for rule in applied for c in evaluate(rule, report, history))
    reasons = tuple(
        _reason(
            rule=c.rule,
            text=f"{lead}{c.reason}",
            measure=c.measure,
            value=c.value,
            threshold=c.threshold,
            citation=c.citation,
        )
        for c in checks
        if c.verdict is not _VERDICT_OK
    )
    judgement = judged[key] = (verdict(checks), reasons)
    return judgement


def _awaited(reports: tuple[PainReport, ...], rules: EngineRules) -> tuple[PainReport, ...]:
    """Today's reports as judged today: with ``next_morning_later``, no next morning yet.

    The next-morning check cannot fail before the morning comes, so a report
    without one is judged as if the morning settled back to its baseline;
    the real rating, sent later, eases the exercise off if it did not.
    """
    if not rules.next_morning_later:
        return reports
    return tuple(
        evolve(r, next_morning=r.first_step)
        if r.next_morning is None and r.first_step is not None
        else r
        for r in reports
    )


def _decide(
    rules: EngineRules,
    ex: ExerciseState,
    done: ExerciseLog | None,
    reports: tuple[PainReport, ...],
    late: tuple[PainReport, ...],
    isometric: bool,
    gap: int,
    history: tuple[PainReport, ...],
    judged: dict[tuple[bool, int], tuple[Verdict, tuple[Reason, ...]]],
    base: RuleContext,
    rows: tuple[Prescription, ...],
    taken: set[str],
    pain_rules: tuple[PainRule, ...],
) -> tuple[Decision, ExerciseState, Verdict]:
    """One exercise's decision, its new state, and the pain verdict behind it.

    ``rows`` are the rows of the protocol's weekly dose table reached by this
    week when the exercise follows one (a slot schedule), else empty.
    ``taken`` holds the exercises in the phase (``base.in_phase``: a step may
    not switch to one of them); a step to a new exercise adds it.
    """
    # Isometric holds are judged by the hold rule too (the most cautious verdict wins).
    applied = (*pain_rules, rules.hold_rule) if isometric else pain_rules
    did = done is not None and _did(done)
    if did:
        report = _worst_report(applied, reports, history)
        judgement = judged.get((isometric, id(report)))
        if judgement is None:
            judgement = _judge(applied, report, history, judged, isometric, "")
        outcome, pain_reasons = judgement
    else:  # today's ratings are not about an exercise not done today
        outcome, pain_reasons = _VERDICT_OK, ()
    for earlier in late:  # a late rating can only ease off: never hold or count a session
        if outcome is _VERDICT_REDUCE:
            break
        verdict_late, why_late = _judge(
            applied, earlier, history, judged, isometric, f"day {earlier.day}'s report: "
        )
        if verdict_late is _VERDICT_REDUCE:
            outcome, pain_reasons = verdict_late, why_late
    if gap > rules.gap_days:  # back after a long gap: a step back, and a flare said too
        why = _reason(
            rule="gap",
            text=f"{gap} days since the last session (more than {rules.gap_days})",
            measure="gap_days",
            value=gap,
            threshold=rules.gap_days,
        )
        flared = outcome is _VERDICT_REDUCE
        ctx = _context(base, ex.good_sessions, done, None, "", rows)
        return (
            *_regress(rules, ex, ctx, (why, *pain_reasons) if flared else (why,), taken),
            outcome if flared else _VERDICT_OK,
        )
    if not did:
        if outcome is _VERDICT_REDUCE:  # a late rating of an earlier session
            ctx = _context(base, ex.good_sessions, done, None, "", rows)
            return (*_regress(rules, ex, ctx, pain_reasons, taken), outcome)
        # Not done is no progress, and no setback: the count of good sessions stands, so
        # an exercise the programme gives every other day still builds towards a step.
        return _decision(ex, _HOLD, (_NOT_DONE,), ex.dose), ex, _VERDICT_OK
    assert done is not None  # did
    # Rules with pain limits of their own read each rating at its highest over today's reports.
    seen = _highest(reports)
    if outcome is _VERDICT_REDUCE:
        ctx = _context(base, ex.good_sessions, done, seen, "", rows)
        return (*_regress(rules, ex, ctx, pain_reasons, taken), outcome)
    if outcome is _VERDICT_HOLD:
        return _decision(ex, _HOLD, pain_reasons, ex.dose), _counted(ex, 0), outcome
    met, how = _met(ex.dose, done)
    if not met:
        why = _reason(rule="dose", text=f"{how}: keep this dose")
        return _decision(ex, _HOLD, (why,), ex.dose), _counted(ex, 0), outcome
    good = ex.good_sessions + 1
    if ex.eased_from is not None:  # eased off: build back up before anything moves it on
        need = rules.sessions_to_progress
        return (*_building_back(ex, ex.eased_from, good, need, how), outcome)
    ctx = _context(base, good, done, seen, how, rows)
    own = ex.progression if rules.protocol_rules else ()
    found = propose(
        own or rules.progression,
        ex,
        ctx,
        path="$.progression" if own else "$.rules.progression",
        direction="up",
    )
    if found is None:
        why = _reason(
            rule="progression", text=f"{how}; no progression rule applies: keep this dose"
        )
        kept = _counted(ex, good)
        return _decision(ex, _HOLD, (why,), kept.dose), kept, outcome
    proposal, name = found
    reason = _from_proposal(proposal, name)
    if proposal.to is None:
        kept = _counted(ex, good if proposal.counts else 0)
        return _decision(ex, _HOLD, (reason,), kept.dose), kept, outcome
    kept = _counted(proposal.to, 0)
    taken.add(kept.exercise)
    return _moved_to(ex, _PROGRESS, (reason,), kept), kept, outcome


def _tables(state: ProgramState, day: int) -> dict[str, tuple[Prescription, ...]]:
    """For exercises on a weekly dose table: the table's rows reached by ``day``'s week.

    Rows are the distinct doses the programme gives the exercise, week after
    week, in this phase (so they carry the programme's personalisation). A
    phase begun before its usual weeks starts on its first row.
    """
    program = state.program
    phase = program.protocol.phases[state.phase]
    if not any(slot.schedule for slot in phase.slots):
        return {}
    last_week = min(len(program.weeks), (day - 1) // 7 + 1)
    rows: dict[str, tuple[Prescription, ...]] = {}
    for exercise, changes in _table_plan(program, phase.id):
        reached = tuple(dose for week, dose in changes if week <= last_week)
        rows[exercise] = reached or (changes[0][1],)
    return rows


@functools.lru_cache(maxsize=64)
def _table_plan(
    program: Program, phase_id: str
) -> tuple[tuple[str, tuple[tuple[int, Prescription], ...]], ...]:
    """Per exercise on a weekly dose table in the phase: each week its dose changes, and to what.

    Worked out once per programme and phase (a programme is an immutable
    value, so this is a memo of a pure function, not state): without it each
    session would read every week of the programme up to its own.
    """
    phase = next(p for p in program.protocol.phases if p.id == phase_id)
    scheduled = {slot.item for slot in phase.slots if slot.schedule}
    changes: dict[str, list[tuple[int, Prescription]]] = {}
    for number, week in enumerate(program.weeks, start=1):
        seen: set[str] = set()
        for session in week.sessions:
            for item in session.items:
                if item.exercise in scheduled and item.phase == phase_id:
                    if item.exercise in seen:
                        continue
                    seen.add(item.exercise)
                    found = changes.setdefault(item.exercise, [])
                    if not found or found[-1][1] != item.dose:
                        found.append((number, item.dose))
    return tuple((exercise, tuple(found)) for exercise, found in changes.items())


_new_record = maker(PainRecord)
_new_evidence = maker(Evidence)
_MEASURES = (
    (PainMeasure.FIRST_STEP, "first_step"),
    (PainMeasure.DURING, "during"),
    (PainMeasure.AFTER, "after"),
    (PainMeasure.NEXT_MORNING, "next_morning"),
)


def _evidence(
    state: ProgramState, log: SessionLog, mastered: bool, measures: set[PainMeasure]
) -> Evidence:
    """What the gates see; pain records only for the ``measures`` a gate asks about."""
    report = state.program.report
    painful = report.assessment.symptoms.painful_sides if report is not None else ()
    wanted = [(m, name) for m, name in _MEASURES if m in measures]
    records = tuple(
        _new_record(day=p.day, measure=measure, pain=value)
        for p in state.pain
        for measure, name in wanted
        if (value := getattr(p, name)) is not None
    )
    return _new_evidence(
        pain=records,
        tests=state.tests,
        trendelenburg=state.trendelenburg,
        mastered=mastered,
        weeks_in_phase=min(520, (log.day - state.phase_start_day + 1) // 7),
        red_flags=False,
        painful_sides=painful,
    )


_FLARE_CITATION = Citation(
    source="exakt-2021",
    grade=Grade.U,
    detail="keep a routine after pain settles; stepping back a phase on a flare is plantarkit's",
)


def _phase_verdict(action: Action, reasons: tuple[Reason, ...], phase: str) -> Decision:
    return _new_decision(exercise=None, action=action, reasons=reasons, dose=None, phase=phase)


def _step_back(
    state: ProgramState,
    log: SessionLog,
    decisions: tuple[Decision, ...],
    flares: list[Decision],
    cat: Catalogue,
) -> tuple[Decision, ProgramState]:
    """A flare in a maintenance phase: back to the phase before, at its programme doses."""
    protocol = state.program.protocol
    back = protocol.phases[state.phase - 1]
    names = ", ".join(d.exercise or "" for d in flares)
    why = _reason(
        rule="flare",
        text=(
            f"pain flared in maintenance ({names}): back to '{back.id}' to build up again"
            " from a level that was pain-free"
        ),
        citation=_FLARE_CITATION,
    )
    # Keep what was just eased off; add the earlier phase's other exercises.
    eased = {e.exercise for e in state.exercises} | {d.exercise or "" for d in decisions}
    added = tuple(
        e for e in _phase_exercises(state.program, back.id, cat) if e.exercise not in eased
    )
    moved = attrs.evolve(
        state,
        phase=state.phase - 1,
        phase_start_day=log.day + 1,
        exercises=(*state.exercises, *added),
    )
    return _phase_verdict(action=_REGRESS, reasons=(why,), phase=back.id), moved


def _mastered(e: ExerciseState, d: Decision, need: int, last_rows: dict[str, int]) -> bool:
    """Whether an exercise is mastered, for the phase gate, after the session decided ``d``.

    Done well enough, often enough (``need`` good sessions), at its full dose:
    not eased off, and on a weekly dose table at the table's last row in this
    phase. A step the progression rules took just now masters the dose it
    left, so rules that always find a next step do not keep a phase from
    ending; a table row or a step back up after easing off does not.
    """
    if e.eased_from is not None:
        return False
    if e.row is not None:
        return e.row >= last_rows.get(e.exercise, 0) and e.good_sessions >= need
    stepped = d.action is _PROGRESS and d.reasons[-1].rule != "build_back"
    return stepped or e.good_sessions >= need


def _phase_decision(
    state: ProgramState,
    log: SessionLog,
    decisions: tuple[Decision, ...],
    flares: list[Decision],
    cat: Catalogue,
    rules: EngineRules,
) -> tuple[Decision, ProgramState]:
    protocol = state.program.protocol
    phase = protocol.phases[state.phase]
    if flares and phase.maintenance and state.phase > 0 and rules.flare_steps_back:
        return _step_back(state, log, decisions, flares, cat)
    if state.phase + 1 >= len(protocol.phases):
        return _phase_verdict(action=_HOLD, reasons=(_LAST_PHASE,), phase=phase.id), state
    nxt = protocol.phases[state.phase + 1]
    days_in = log.day - state.phase_start_day + 1
    if days_in < rules.min_days_in_phase:
        why = _reason(
            rule="phase",
            text=f"{days_in} of at least {rules.min_days_in_phase} days in '{phase.id}'",
            measure="days_in_phase",
            value=days_in,
            threshold=rules.min_days_in_phase,
        )
        return _phase_verdict(action=_HOLD, reasons=(why,), phase=phase.id), state
    last_rows = {name: len(changes) - 1 for name, changes in _table_plan(state.program, phase.id)}
    mastered = all(d.action is not _REGRESS for d in decisions) and all(
        _mastered(e, d, rules.sessions_to_progress, last_rows)
        for e, d in zip(state.exercises, decisions, strict=True)
    )
    gates = (*phase.exit_gates, *nxt.entry_gates)
    measures = {g.measure for g in gates if isinstance(g, PainAtMost)}
    evidence = _evidence(state, log, mastered, measures)
    results = [check(g, evidence) for g in gates]
    failing = [r for r in results if r.status is not GateStatus.PASSED]
    usual_start = (nxt.start_week - 1) * 7 + 1
    if failing or (not gates and log.day + 1 < usual_start):
        # Unknown counts as not passed: a phase is never entered on missing evidence.
        reasons = tuple(_reason(rule="gate", text=f"{r.gate}: {r.reason}") for r in failing) or (
            _reason(
                rule="phase",
                text=f"no gates: '{nxt.id}' starts in its usual week {nxt.start_week}",
            ),
        )
        return _phase_verdict(action=_HOLD, reasons=reasons, phase=phase.id), state
    reasons = tuple(_reason(rule="gate", text=f"{r.gate}: {r.reason}") for r in results) or (
        _reason(rule="phase", text=f"week {nxt.start_week}: '{nxt.id}' begins"),
    )
    entering, kept = _entering(state.exercises, _phase_exercises(state.program, nxt.id, cat))
    if kept:
        levels = ", ".join(f"{e.exercise} ({e.dose.brief()})" for e in kept)
        reasons += (
            _reason(
                rule="phase",
                text=f"kept at the level already reached, past where '{nxt.id}' starts: {levels}",
            ),
        )
    moved = attrs.evolve(
        state, phase=state.phase + 1, phase_start_day=log.day + 1, exercises=entering
    )
    return _phase_verdict(action=_PROGRESS, reasons=reasons, phase=nxt.id), moved


def _entering(
    current: tuple[ExerciseState, ...], entering: tuple[ExerciseState, ...]
) -> tuple[tuple[ExerciseState, ...], tuple[ExerciseState, ...]]:
    """The next phase's exercises, with the progress made so far kept; and those kept.

    Nobody goes back down a ladder at a phase change: where the person is
    already higher up an entering exercise's ladder, they stay at their
    exercise and dose (how often follows the new phase). Otherwise the new
    phase's dose applies, keeping any weight built up on the same exercise.
    An easier rung whose exercise the person has passed is left out when the
    exercise they are at enters too (two states on one ladder would clash).
    The count of good sessions starts again, and slot rules follow the new phase.
    """
    highest: dict[str, ExerciseState] = {}
    for e in current:
        if e.ladder is not None and e.rung is not None:
            top = highest.get(e.ladder)
            if top is None or top.rung is None or e.rung > top.rung:
                highest[e.ladder] = e
    now = {e.exercise: e for e in current}
    ids = {e.exercise for e in entering}
    states: dict[str, ExerciseState] = {}
    kept: list[ExerciseState] = []
    for new in entering:
        reached = highest.get(new.ladder) if new.ladder is not None else None
        if (
            new.row is None  # a weekly dose table sets its own doses
            and reached is not None
            and reached.rung is not None
            and new.rung is not None
            and reached.rung > new.rung
        ):
            if reached.exercise != new.exercise and reached.exercise in ids:
                continue  # passed: the exercise reached enters in its own right
            dose = attrs.evolve(reached.dose, frequency=new.dose.frequency)
            eased = reached.eased_from
            state = attrs.evolve(
                new,
                exercise=reached.exercise,
                dose=dose,
                rung=reached.rung,
                good_sessions=0,
                eased_from=None
                if eased is None
                else attrs.evolve(eased, frequency=new.dose.frequency),
            )
            kept.append(state)
        elif new.exercise in now and new.row is None:
            was = now[new.exercise]
            dose = with_load_kept(new.dose, was.dose)
            if was.eased_from is not None and was.dose != dose:
                # eased off: stays eased, and builds back up to the new phase's dose
                eased = attrs.evolve(was.dose, frequency=new.dose.frequency)
                state = attrs.evolve(new, dose=eased, eased_from=None if eased == dose else dose)
            else:
                state = new if dose == new.dose else attrs.evolve(new, dose=dose)
        else:
            state = new
        states.setdefault(state.exercise, state)
    return tuple(states.values()), tuple(kept)


def _recent_pain(old: tuple[PainReport, ...], log: SessionLog) -> tuple[PainReport, ...]:
    """The history with the log's reports added, in order of day, cut to its last days.

    At least the last :data:`PAIN_HISTORY_DAYS` rated days are kept, so every
    pain gate can be met however often the person trains, and a long
    simulation's states stay small.
    """
    new = log.pain
    if not new:
        return old
    if (old and new[0].day < old[-1].day) or any(a.day > b.day for a, b in itertools.pairwise(new)):
        pain = tuple(sorted((*old, *new), key=_day))  # a late report: keep days in order
    else:
        pain = old + new
    if len(pain) <= _PAIN_KEPT_REPORTS:
        return pain
    days = sorted({p.day for p in pain})
    if len(days) <= PAIN_HISTORY_DAYS:
        return pain
    return pain[bisect.bisect_left(pain, days[-PAIN_HISTORY_DAYS], key=_day) :]


def _day(report: PainReport) -> int:
    return report.day


def _newest_tests(
    old: tuple[TestResult, ...], new: tuple[TestResult, ...]
) -> tuple[TestResult, ...]:
    """The newest result of each test and side."""
    if not new:
        return old
    latest: dict[tuple[TestKind, Side | None], TestResult] = {}
    for result in (*old, *new):
        latest[(result.test, result.side)] = result
    return tuple(latest.values())


def _newest_signs(
    old: Bilateral[bool | None], new: Bilateral[bool | None]
) -> Bilateral[bool | None]:
    left = old.left if new.left is None else new.left
    right = old.right if new.right is None else new.right
    if left is old.left and right is old.right:
        return old
    return Bilateral(left=left, right=right)


def advance(
    state: ProgramState,
    log: SessionLog,
    *,
    rules: EngineRules | None = None,
    catalogue_: Catalogue | None = None,
) -> Advance:
    """Record one session and decide the next step for each exercise and for the phase.

    Args:
        state: Where the person is (from :func:`start` or a previous advance).
        log: The session as it happened.
        rules: The engine's parameters, pain rules and progression rules.
        catalogue_: Where ladders come from; the built-in catalogue by default.

    Raises:
        InvalidValueError: The log does not fit the state (unknown exercise,
            more sets than prescribed without a note, a day not after the
            last), or a custom rule returned something other than a
            :class:`Proposal` or ``None``.
    """
    if not isinstance(state, ProgramState):
        raise InvalidValueError("$", f"expected a ProgramState, got {type(state).__name__}")
    current = {e.exercise: e for e in state.exercises}
    cat = _catalogue_or_builtin(catalogue_)
    for i, e in enumerate(state.exercises):  # a state read from a file may not fit
        if not cat.fits(e.exercise, e.ladder, e.rung):
            raise InvalidValueError(f"$.state.exercises[{i}]", misplaced(cat, e))
    done = _check_log(state, log, current, cat)
    if rules is not None and not isinstance(rules, EngineRules):
        raise InvalidValueError("$.rules", f"expected EngineRules, got {type(rules).__name__}")
    rules = _DEFAULT_RULES if rules is None else rules
    isometric = cat.tagged("isometric")  # the exercises the hold rule judges too
    # Rules that look back compare this week with the last: older reports need not be read.
    first = min((p.day for p in log.pain), default=log.day)
    since = ((first - 1) // 7 - 1) * 7 + 1
    history = state.pain[bisect.bisect_left(state.pain, since, key=_day) :]
    # Keep the last PAIN_HISTORY_DAYS rated days of reports: enough for weekly rules and
    # pain gates, and long simulations stay linear in time.
    pain = _recent_pain(state.pain, log)
    tests = _newest_tests(state.tests, log.tests)
    signs = _newest_signs(state.trendelenburg, log.trendelenburg)
    referral = state.referral
    if referral is None and log.red_flags is not None:
        found = referral_for(log.red_flags)  # the same logic as assess()
        referral = None if found is None else attrs.evolve(found, advice=_STOP_ADVICE)
    if referral is not None:
        why = (Reason(rule="red_flag", text=str(referral)),)
        stopped = attrs.evolve(
            state, day=log.day, pain=pain, tests=tests, trendelenburg=signs, referral=referral
        )
        decisions = tuple(
            Decision(exercise=e.exercise, action=Action.STOP, reasons=why, dose=e.dose)
            for e in state.exercises
        )
        phase = Decision(exercise=None, action=Action.STOP, reasons=why, phase=state.phase_id)
        return Advance(
            state=stopped,
            decisions=decisions,
            phase=phase,
            summary="Stop: a red flag is positive. See a clinician before going on.",
        )
    last = state.last_trained_day
    trained = any(_did(e) for e in log.exercises)
    # Missed or empty sessions never close a gap; when training resumes after one, every
    # exercise steps back once (done this time or not).
    gap = log.day - last if last and trained else 0
    judged: dict[tuple[bool, int], tuple[Verdict, tuple[Reason, ...]]] = {}
    tables = _tables(state, log.day)
    taken = set(current)
    base = _new_context(  # its parts are checked: the log, the rules, the catalogue
        day=log.day,
        good_sessions=0,
        sessions_to_progress=rules.sessions_to_progress,
        catalogue=cat,
        in_phase=taken,  # grows as exercises step to new ones
    )
    limits = state.program.protocol.phases[state.phase].pain_limits
    if not limits or not rules.protocol_rules:
        limits = (rules.pain_rule,)
    own_pain, session_pain, late_pain = _pain_reports(log)
    # An exercise with no report of its own is judged on the session's; with none at all,
    # on an empty report (no rating is never good news). Built once per call: the verdict
    # cache above is keyed by the reports' identity.
    session_pain = _awaited(_completed(session_pain), rules)
    fallback = session_pain or (_new_report(day=log.day),)
    reports = {
        name: _awaited(_completed(own + session_pain), rules) for name, own in own_pain.items()
    }
    late = _late_reports(late_pain, state.pain) if late_pain else ()
    decided = [
        _decide(
            rules,
            ex,
            done.get(ex.exercise),
            reports.get(ex.exercise, fallback),
            _late_for(ex, late, cat) if late else (),
            ex.exercise in isometric,
            gap,
            history,
            judged,
            base,
            tables.get(ex.exercise, ()),
            taken,
            limits,
        )
        for ex in state.exercises
    ]
    decisions = tuple(d for d, _, _ in decided)
    flares = [d for d, _, outcome in decided if outcome is _VERDICT_REDUCE]
    new_state = _new_state(
        program=state.program,
        phase=state.phase,
        exercises=tuple(s for _, s, _ in decided),
        day=log.day,
        last_trained_day=log.day if trained else last,
        phase_start_day=state.phase_start_day,
        pain=pain,
        tests=tests,
        trendelenburg=signs,
        referral=None,
        cleared_by=state.cleared_by,
    )
    phase_decision, new_state = _phase_decision(new_state, log, decisions, flares, cat, rules)
    if phase_decision.action is _REGRESS:  # stepped back a phase: say so on each
        decisions = tuple(
            evolve(d, reasons=(*d.reasons, *phase_decision.reasons)) for d in decisions
        )
    progress = hold = regress = 0
    for d in decisions:
        if d.action is _PROGRESS:
            progress += 1
        elif d.action is _HOLD:
            hold += 1
        elif d.action is _REGRESS:
            regress += 1
    summary = f"Day {log.day}: {progress} to progress, {hold} to hold, {regress} to ease off."
    if phase_decision.action is _PROGRESS:
        summary += f" Moving on to phase '{phase_decision.phase}'."
    elif phase_decision.action is _REGRESS:
        summary += f" Pain flared: back to phase '{phase_decision.phase}'."
    return Advance(state=new_state, decisions=decisions, phase=phase_decision, summary=summary)
