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

import enum

import attrs

from plantarkit._core.checks import EnumCheck, Instance, Number, Text, TupleOf
from plantarkit._core.errors import InvalidValueError, Problem
from plantarkit._core.evidence import Citation
from plantarkit._core.side import Side
from plantarkit.chain import RedFlagScreen, Referral, referral_for
from plantarkit.exercises import Catalogue, Hold, Prescription, Reps, Timed, catalogue
from plantarkit.exercises._model import ID
from plantarkit.progression._gates import Evidence, GateStatus, PainMeasure, PainRecord, check
from plantarkit.progression._pain import (
    IsometricRule,
    PainModel,
    PainReport,
    PainRule,
    Verdict,
    evaluate,
    verdict,
)
from plantarkit.progression._program import Program

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


@attrs.frozen(kw_only=True)
class ExerciseLog:
    """What was done of one prescribed exercise.

    Attributes:
        exercise: The exercise id.
        sets: Per set: repetitions done; seconds for hold and timed work;
            intervals completed for run/walk work.
        skipped: Not done at all (then ``sets`` is empty).
        load_kg: Added weight used, if any.
        side: The side trained, when only one was.
        effort: Effort rating 0-10, if recorded.
        note: Anything else (needed when more sets were done than prescribed).
    """

    exercise: str = attrs.field(validator=ID)
    sets: tuple[float, ...] = attrs.field(
        default=(), validator=TupleOf(Number(ge=0, le=3600, integer=False))
    )
    skipped: bool = attrs.field(default=False, validator=Instance((bool,)))
    load_kg: float | None = attrs.field(
        default=None, validator=Number(ge=0, le=500, integer=False, optional=True)
    )
    side: Side | None = attrs.field(default=None, validator=EnumCheck(Side, optional=True))
    effort: int | None = attrs.field(default=None, validator=Number(ge=0, le=10, optional=True))
    note: str = attrs.field(default="", validator=Text())

    def __attrs_post_init__(self) -> None:
        if self.skipped and self.sets:
            raise InvalidValueError("$.sets", "a skipped exercise has no sets")


@attrs.frozen(kw_only=True)
class SessionLog:
    """One session as it happened: what was done, how it felt, any new red flags.

    Attributes:
        day: Programme day (1 is the first); days must increase from log to log.
        exercises: What was done of each exercise (absent ones count as not done).
        pain: Pain reports for the session and/or single exercises.
        red_flags: Red-flag answers, if asked this time.
    """

    day: int = attrs.field(validator=Number(ge=1, le=3650))
    exercises: tuple[ExerciseLog, ...] = attrs.field(
        default=(), validator=TupleOf(Instance((ExerciseLog,)))
    )
    pain: tuple[PainReport, ...] = attrs.field(
        default=(), validator=TupleOf(Instance((PainReport,)))
    )
    red_flags: RedFlagScreen | None = attrs.field(
        default=None, validator=Instance((RedFlagScreen,), optional=True)
    )


@attrs.frozen(kw_only=True)
class Reason:
    """Why a decision was made: which rule, on which measurement, against which threshold.

    Attributes:
        rule: The rule that fired (``"pain_model"``, ``"progression"``, ``"gap"``, ...).
        text: The reason in words.
        measure: What was measured, if anything.
        value: The measured value.
        threshold: The threshold it was judged against.
        citation: Where the rule comes from.
    """

    rule: str
    text: str
    measure: str = ""
    value: float | None = None
    threshold: float | None = None
    citation: Citation | None = None


@attrs.frozen(kw_only=True)
class Decision:
    """The next step for one exercise (or, with ``exercise=None``, for the phase).

    Attributes:
        exercise: The exercise id; ``None`` for the phase decision.
        action: Progress, hold, regress or stop.
        reasons: Why.
        dose: The dose from now on (exercise decisions).
        phase: The phase from now on (phase decisions).
    """

    exercise: str | None
    action: Action
    reasons: tuple[Reason, ...]
    dose: Prescription | None = None
    phase: str | None = None

    def __str__(self) -> str:
        what = self.exercise or f"phase {self.phase}"
        why = "; ".join(r.text for r in self.reasons)
        return f"{what}: {self.action.value} ({why})"


@attrs.frozen(kw_only=True)
class ExerciseState:
    """Where one exercise stands.

    Attributes:
        exercise: The exercise id.
        dose: The current dose.
        ladder: The ladder it moves on, if any.
        rung: Its rung on that ladder.
        good_sessions: Sessions in a row that met the dose within the pain rule.
    """

    exercise: str = attrs.field(validator=ID)
    dose: Prescription = attrs.field(validator=Instance((Prescription,)))
    ladder: str | None = attrs.field(default=None)
    rung: int | None = attrs.field(default=None)
    good_sessions: int = attrs.field(default=0, validator=Number(ge=0, le=10_000))


@attrs.frozen(kw_only=True)
class EngineRules:
    """The engine's parameters (plantarkit's defaults are grade U unless cited).

    Attributes:
        sessions_to_progress: Good sessions in a row before a step up (and for
            an exercise to count as mastered).
        min_days_in_phase: The fewest days a phase lasts before the next may begin.
        gap_days: A gap longer than this between sessions steps every exercise back.
        pain_rule: The pain rule for dynamic work (default: the pain-monitoring model).
        hold_rule: The pain rule for isometric holds (default: the inhome-pt rule).
    """

    sessions_to_progress: int = attrs.field(default=2, validator=Number(ge=1, le=50))
    min_days_in_phase: int = attrs.field(default=7, validator=Number(ge=1, le=365))
    gap_days: int = attrs.field(default=7, validator=Number(ge=1, le=365))
    pain_rule: PainRule = attrs.field(factory=PainModel)
    hold_rule: PainRule = attrs.field(factory=IsometricRule)


_DEFAULT_RULES = EngineRules()

PAIN_HISTORY_DAYS = 90
"""How many days of pain reports a state keeps (the longest pain gate looks back 90 days)."""


@attrs.frozen(kw_only=True)
class ProgramState:
    """Where a person is in their programme.

    Attributes:
        program: The programme followed.
        phase: Index of the current phase in the protocol.
        phase_start_day: The day the current phase began.
        day: The last logged day (0 before the first session).
        exercises: The state of each current exercise.
        pain: Every pain report so far (for week-on-week rules and gates).
        referral: Set while a red flag stops the programme.
    """

    program: Program
    phase: int
    exercises: tuple[ExerciseState, ...]
    day: int = 0
    phase_start_day: int = 1
    pain: tuple[PainReport, ...] = ()
    referral: Referral | None = None

    @property
    def phase_id(self) -> str:
        """The id of the current phase."""
        return self.program.protocol.phases[self.phase].id

    def exercise(self, exercise_id: str) -> ExerciseState:
        """The state of one current exercise."""
        for e in self.exercises:
            if e.exercise == exercise_id:
                return e
        from plantarkit._core.errors import UnknownIdError

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
    for ladder in cat.ladders:
        default = cat[exercise_id].dose if exercise_id in cat.ids else None
        index = ladder.index(exercise_id, dose, default=default)
        if index is not None:
            return ladder.id, index
    return None, None


def _phase_exercises(program: Program, phase_id: str, cat: Catalogue) -> tuple[ExerciseState, ...]:
    states: dict[str, ExerciseState] = {}
    for session in program.sessions():
        for item in session.items:
            if item.phase == phase_id and item.exercise not in states:
                ladder, rung = _locate(cat, item.exercise, item.dose)
                states[item.exercise] = ExerciseState(
                    exercise=item.exercise, dose=item.dose, ladder=ladder, rung=rung
                )
    return tuple(states.values())


def start(program: Program, *, catalogue_: Catalogue | None = None) -> ProgramState:
    """The first state of a programme: its first phase, each exercise at its programme dose."""
    if not isinstance(program, Program):
        raise InvalidValueError("$", f"expected a Program, got {type(program).__name__}")
    cat = catalogue() if catalogue_ is None else catalogue_
    first = program.protocol.phases[0].id
    return ProgramState(program=program, phase=0, exercises=_phase_exercises(program, first, cat))


def clear_referral(state: ProgramState, *, cleared_by: str) -> ProgramState:
    """Lift a red-flag stop after a clinician's review; ``cleared_by`` names who cleared it."""
    Text(non_empty=True).check("$.cleared_by", cleared_by)
    return attrs.evolve(state, referral=None)


# --- advancing ---------------------------------------------------------------------------------


def _check_log(state: ProgramState, log: SessionLog) -> None:
    if not isinstance(log, SessionLog):
        raise InvalidValueError("$", f"expected a SessionLog, got {type(log).__name__}")
    problems: list[Problem] = []
    if log.day <= state.day:
        problems.append(
            Problem("$.day", f"must be after the last logged day ({state.day}), got {log.day}")
        )
    current = {e.exercise: e for e in state.exercises}
    seen: set[str] = set()
    for i, done in enumerate(log.exercises):
        path = f"$.exercises[{i}]"
        if done.exercise not in current:
            problems.append(
                Problem(
                    f"{path}.exercise",
                    f"{done.exercise!r} is not in the current phase "
                    f"({', '.join(current) or 'none'})",
                )
            )
            continue
        if done.exercise in seen:
            problems.append(Problem(f"{path}.exercise", f"{done.exercise!r} logged twice"))
        seen.add(done.exercise)
        dose = current[done.exercise].dose
        most = dose.max_sets or dose.sets
        if len(done.sets) > most and not done.note:
            problems.append(
                Problem(
                    f"{path}.sets",
                    f"{len(done.sets)} sets done of {most} prescribed; "
                    "add a note to log extra sets",
                )
            )
    if problems:
        raise InvalidValueError(problems)


def _reason(
    rule: str,
    text: str,
    *,
    measure: str = "",
    value: float | None = None,
    threshold: float | None = None,
    citation: Citation | None = None,
) -> Reason:
    return Reason(
        rule=rule, text=text, measure=measure, value=value, threshold=threshold, citation=citation
    )


def _pain_for(log: SessionLog, exercise_id: str, day: int) -> PainReport:
    own = [p for p in log.pain if p.exercise == exercise_id]
    whole = [p for p in log.pain if p.exercise is None]
    return (own or whole or [PainReport(day=day)])[0]


def _met(dose: Prescription, done: tuple[float, ...]) -> tuple[bool, str]:
    """Whether a logged exercise met its dose, and how it went in words."""
    work = dose.work
    if len(done) < dose.sets:
        return False, f"{len(done)} of {dose.sets} sets done"
    if isinstance(work, Reps):
        target = work.count + 1 if work.to_fatigue else work.count
        low = min(done)
        verb = "more than" if work.to_fatigue else "at least"
        ok = low >= target
        return ok, f"lowest set {low:g} reps ({verb} {work.count} needed)"
    if isinstance(work, Hold):
        low = min(done)
        return low >= work.seconds, f"shortest hold {low:g} s of {work.seconds:g} s"
    if isinstance(work, Timed):
        low = min(done)
        return low >= work.seconds, f"shortest bout {low:g} s of {work.seconds:g} s"
    low = min(done)
    return low >= work.rounds, f"fewest intervals {low:g} of {work.rounds}"


def _easier(dose: Prescription) -> Prescription:
    """One step easier without changing the exercise: a set fewer, else less work per set."""
    if dose.sets > 1:
        return attrs.evolve(dose, sets=dose.sets - 1, max_sets=None)
    work = dose.work
    if isinstance(work, Reps):
        count = max(1, (work.count * 4) // 5)
        minimum = None if work.minimum is None else min(work.minimum, count)
        return attrs.evolve(dose, work=attrs.evolve(work, count=count, minimum=minimum))
    if isinstance(work, Hold | Timed):
        return attrs.evolve(dose, work=attrs.evolve(work, seconds=max(1.0, work.seconds * 0.75)))
    return attrs.evolve(dose, work=attrs.evolve(work, rounds=max(1, work.rounds - 1)))


def _with(ex: ExerciseState, *, dose: Prescription | None = None, good: int = 0) -> ExerciseState:
    """The same exercise state with a new dose and/or count of good sessions."""
    return ExerciseState(
        exercise=ex.exercise,
        dose=ex.dose if dose is None else dose,
        ladder=ex.ladder,
        rung=ex.rung,
        good_sessions=good,
    )


def _step(cat: Catalogue, state: ExerciseState, offset: int) -> ExerciseState | None:
    if state.ladder is None or state.rung is None:
        return None
    ladder = cat.ladder(state.ladder)
    index = state.rung + offset
    if not 0 <= index < len(ladder.steps):
        return None
    step = ladder.steps[index]
    dose = step.dose if step.dose is not None else cat[step.exercise].dose
    return ExerciseState(exercise=step.exercise, dose=dose, ladder=ladder.id, rung=index)


def _regress(
    cat: Catalogue, ex: ExerciseState, reasons: tuple[Reason, ...]
) -> tuple[Decision, ExerciseState]:
    """One step easier: down a rung, or the same exercise at a smaller dose."""
    down = _step(cat, ex, -1)
    if down is None:
        down = _with(ex, dose=_easier(ex.dose))
    decision = Decision(
        exercise=ex.exercise, action=Action.REGRESS, reasons=reasons, dose=down.dose
    )
    return decision, down


def _decide(
    cat: Catalogue,
    rules: EngineRules,
    ex: ExerciseState,
    log: SessionLog,
    gap: int,
    history: tuple[PainReport, ...],
    judged: dict[tuple[int, int], tuple[Verdict, tuple[Reason, ...]]],
    table: Prescription | None = None,
) -> tuple[Decision, ExerciseState]:
    """One exercise's decision.

    ``table`` is the protocol's dose for this week when the exercise follows a
    weekly dose table (a slot schedule), else ``None``.
    """
    done = next((e for e in log.exercises if e.exercise == ex.exercise), None)
    if gap > rules.gap_days:
        why = _reason(
            "gap",
            f"{gap} days since the last session (more than {rules.gap_days})",
            measure="gap_days",
            value=gap,
            threshold=rules.gap_days,
        )
        return _regress(cat, ex, (why,))
    if done is None or done.skipped:
        why = _reason("attendance", "not done this session: no progress")
        return Decision(exercise=ex.exercise, action=Action.HOLD, reasons=(why,), dose=ex.dose), ex
    rule = rules.hold_rule if isinstance(ex.dose.work, Hold) else rules.pain_rule
    report = _pain_for(log, ex.exercise, log.day)
    key = (id(rule), id(report))
    judgement = judged.get(key)
    if judgement is None:  # exercises sharing the session's report and rule are judged once
        checks = evaluate(rule, report, history)
        pain_reasons = tuple(
            _reason(
                c.rule,
                c.reason,
                measure=c.measure,
                value=c.value,
                threshold=c.threshold,
                citation=c.citation,
            )
            for c in checks
            if c.verdict is not Verdict.OK
        )
        judgement = judged[key] = (verdict(checks), pain_reasons)
    outcome, pain_reasons = judgement
    if outcome is Verdict.REDUCE:
        return _regress(cat, ex, pain_reasons)
    if outcome is Verdict.HOLD:
        return Decision(
            exercise=ex.exercise, action=Action.HOLD, reasons=pain_reasons, dose=ex.dose
        ), _with(ex)
    met, how = _met(ex.dose, done.sets)
    if not met:
        why = _reason("progression", f"{how}: keep this dose")
        return Decision(
            exercise=ex.exercise, action=Action.HOLD, reasons=(why,), dose=ex.dose
        ), _with(ex)
    good = ex.good_sessions + 1
    if table is not None:
        return _follow_table(ex, table, how, good, rules, log.day)
    if good < rules.sessions_to_progress:
        why = _reason(
            "progression",
            f"{how}; {good} of {rules.sessions_to_progress} good sessions before stepping up",
            measure="good_sessions",
            value=good,
            threshold=rules.sessions_to_progress,
        )
        return Decision(
            exercise=ex.exercise, action=Action.HOLD, reasons=(why,), dose=ex.dose
        ), _with(ex, good=good)
    up = _step(cat, ex, +1)
    if up is None:
        why = _reason("progression", f"{how}; top of its ladder: keep this dose")
        return Decision(
            exercise=ex.exercise, action=Action.HOLD, reasons=(why,), dose=ex.dose
        ), _with(ex, good=good)
    ladder = cat.ladder(up.ladder or "")
    why = _reason(
        "progression",
        f"{how} in {good} sessions within the pain rule: next rung of '{ladder.id}'",
        measure="good_sessions",
        value=good,
        threshold=rules.sessions_to_progress,
    )
    return Decision(exercise=ex.exercise, action=Action.PROGRESS, reasons=(why,), dose=up.dose), up


def _follow_table(
    ex: ExerciseState, table: Prescription, how: str, good: int, rules: EngineRules, day: int
) -> tuple[Decision, ExerciseState]:
    """Progress along the protocol's weekly dose table instead of a ladder."""
    week = (day - 1) // 7 + 1
    if table != ex.dose:
        why = _reason("dose_table", f"{how}; the protocol's dose for week {week}: {table.brief()}")
        moved = ExerciseState(exercise=ex.exercise, dose=table, ladder=ex.ladder, rung=ex.rung)
        return Decision(
            exercise=ex.exercise, action=Action.PROGRESS, reasons=(why,), dose=table
        ), moved
    if good >= rules.sessions_to_progress:
        text = (
            f"{how} in {good} sessions: the target is manageable, so add load "
            "(e.g. books in a backpack) as the protocol says; the dose table sets the rest"
        )
    else:
        text = f"{how}; following the protocol's weekly dose table"
    why = _reason(
        "dose_table",
        text,
        measure="good_sessions",
        value=good,
        threshold=rules.sessions_to_progress,
    )
    return Decision(exercise=ex.exercise, action=Action.HOLD, reasons=(why,), dose=ex.dose), _with(
        ex, good=good
    )


def _tables(state: ProgramState, day: int) -> dict[str, Prescription]:
    """For exercises that follow a weekly dose table: the protocol's dose for ``day``'s week."""
    program = state.program
    phase = program.protocol.phases[state.phase]
    scheduled = {slot.item for slot in phase.slots if slot.schedule}
    if not scheduled:
        return {}
    week = program.week(min(len(program.weeks), (day - 1) // 7 + 1))
    doses: dict[str, Prescription] = {}
    for session in week.sessions:
        for item in session.items:
            if item.exercise in scheduled and item.phase == phase.id:
                doses.setdefault(item.exercise, item.dose)
    return doses


def _phase_decision(
    state: ProgramState,
    log: SessionLog,
    decisions: tuple[Decision, ...],
    cat: Catalogue,
    rules: EngineRules,
) -> tuple[Decision, ProgramState]:
    protocol = state.program.protocol
    phase = protocol.phases[state.phase]
    if state.phase + 1 >= len(protocol.phases):
        why = _reason("phase", "last phase: keep the routine going")
        return Decision(exercise=None, action=Action.HOLD, reasons=(why,), phase=phase.id), state
    nxt = protocol.phases[state.phase + 1]
    days_in = log.day - state.phase_start_day + 1
    if days_in < rules.min_days_in_phase:
        why = _reason(
            "phase",
            f"{days_in} of at least {rules.min_days_in_phase} days in '{phase.id}'",
            measure="days_in_phase",
            value=days_in,
            threshold=rules.min_days_in_phase,
        )
        return Decision(exercise=None, action=Action.HOLD, reasons=(why,), phase=phase.id), state
    report = state.program.report
    painful = report.assessment.symptoms.painful_sides if report is not None else ()
    evidence = Evidence(
        pain=tuple(
            PainRecord(day=p.day, measure=measure, pain=value)
            for p in state.pain
            for measure, value in (
                (PainMeasure.FIRST_STEP, p.first_step),
                (PainMeasure.DURING, p.during),
                (PainMeasure.AFTER, p.after),
                (PainMeasure.NEXT_MORNING, p.next_morning),
            )
            if value is not None
        ),
        mastered=all(d.action is not Action.REGRESS for d in decisions)
        and all(e.good_sessions >= rules.sessions_to_progress for e in state.exercises),
        weeks_in_phase=(log.day - state.phase_start_day + 1) // 7,
        red_flags=False,
        painful_sides=painful,
    )
    gates = (*phase.exit_gates, *nxt.entry_gates)
    results = [check(g, evidence) for g in gates]
    failing = [r for r in results if r.status is not GateStatus.PASSED]
    usual_start = (nxt.start_week - 1) * 7 + 1
    if failing or (not gates and log.day + 1 < usual_start):
        # Unknown counts as not passed: a phase is never entered on missing evidence.
        reasons = tuple(_reason("gate", f"{r.gate}: {r.reason}") for r in failing) or (
            _reason("phase", f"no gates: '{nxt.id}' starts in its usual week {nxt.start_week}"),
        )
        return Decision(exercise=None, action=Action.HOLD, reasons=reasons, phase=phase.id), state
    reasons = tuple(_reason("gate", f"{r.gate}: {r.reason}") for r in results) or (
        _reason("phase", f"week {nxt.start_week}: '{nxt.id}' begins"),
    )
    moved = attrs.evolve(
        state,
        phase=state.phase + 1,
        phase_start_day=log.day + 1,
        exercises=_phase_exercises(state.program, nxt.id, cat),
    )
    return Decision(exercise=None, action=Action.PROGRESS, reasons=reasons, phase=nxt.id), moved


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
        rules: The engine's parameters and pain rules.
        catalogue_: Where ladders come from; the built-in catalogue by default.

    Raises:
        InvalidValueError: The log does not fit the state (unknown exercise,
            more sets than prescribed without a note, a day not after the last).
    """
    if not isinstance(state, ProgramState):
        raise InvalidValueError("$", f"expected a ProgramState, got {type(state).__name__}")
    _check_log(state, log)
    rules = _DEFAULT_RULES if rules is None else rules
    cat = catalogue() if catalogue_ is None else catalogue_
    history = state.pain
    # Keep the last PAIN_HISTORY_DAYS of reports: enough for weekly rules and pain gates,
    # and long simulations stay linear in time.
    pain = tuple(p for p in (*state.pain, *log.pain) if p.day > log.day - PAIN_HISTORY_DAYS)
    referral = state.referral
    if referral is None and log.red_flags is not None:
        referral = referral_for(log.red_flags)  # the same logic as assess()
    if referral is not None:
        why = (_reason("red_flag", str(referral)),)
        stopped = attrs.evolve(state, day=log.day, pain=pain, referral=referral)
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
    gap = log.day - state.day if state.day else 0
    judged: dict[tuple[int, int], tuple[Verdict, tuple[Reason, ...]]] = {}
    tables = _tables(state, log.day)
    decided = [
        _decide(cat, rules, ex, log, gap, history, judged, tables.get(ex.exercise))
        for ex in state.exercises
    ]
    decisions = tuple(d for d, _ in decided)
    new_state = ProgramState(
        program=state.program,
        phase=state.phase,
        exercises=tuple(s for _, s in decided),
        day=log.day,
        phase_start_day=state.phase_start_day,
        pain=pain,
        referral=None,
    )
    phase_decision, new_state = _phase_decision(new_state, log, decisions, cat, rules)
    counts = {a: sum(d.action is a for d in decisions) for a in Action}
    summary = (
        f"Day {log.day}: {counts[Action.PROGRESS]} to progress, {counts[Action.HOLD]} to hold, "
        f"{counts[Action.REGRESS]} to ease off."
    )
    if phase_decision.action is Action.PROGRESS:
        summary += f" Moving on to phase '{phase_decision.phase}'."
    return Advance(state=new_state, decisions=decisions, phase=phase_decision, summary=summary)
