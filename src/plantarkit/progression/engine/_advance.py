"""The progression engine: record a session, get the next step for each exercise and why."""

import bisect
import types
from collections.abc import Mapping

import attrs

from plantarkit._core.errors import InvalidValueError
from plantarkit._core.side import Side
from plantarkit._core.trusted import evolve
from plantarkit.chain import referral_for
from plantarkit.exercises import Catalogue
from plantarkit.plans import Program
from plantarkit.progression.engine._exercise import (
    SessionContext,
    decide,
    new_context,
    new_report,
    was_done,
)
from plantarkit.progression.engine._intake import (
    awaited,
    check_log,
    completed_reports,
    late_reports,
    newest_signs,
    newest_tests,
    pain_reports,
    recent_pain,
    report_day,
)
from plantarkit.progression.engine._phase import decide_phase, table_rows
from plantarkit.progression.engine._start import catalogue_or_builtin
from plantarkit.progression.engine._values import (
    DEFAULT_RULES,
    HOLD,
    MAX_DAYS_AHEAD,
    MAX_DAYS_PAST_PLAN,
    PROGRESS,
    REGRESS,
    Action,
    Advance,
    Decision,
    EngineRules,
    PhaseDecision,
    ProgramState,
    Reason,
    ReasonKind,
    new_program_state,
    new_reason,
)
from plantarkit.progression.records import SessionLog
from plantarkit.progression.rules import PainRule, misplaced

_STOP_ADVICE = "Stop the programme and see a clinician before going on."
"""What a red flag during the programme means (before one, no programme is built at all)."""


def fits(program: Program, state: ProgramState, path: str = "$.state") -> None:
    """Check that ``state`` is a state of ``program``: its fingerprint and its phase.

    Raises:
        InvalidValueError: It is not a :class:`Program` and a
            :class:`ProgramState`, or the state belongs to another programme
            (another patient's, or one built anew since), or its phase is not
            the programme's.
    """
    if not isinstance(program, Program):
        raise InvalidValueError("$.program", f"expected a Program, got {type(program).__name__}")
    if not isinstance(state, ProgramState):
        raise InvalidValueError(path, f"expected a ProgramState, got {type(state).__name__}")
    if state.program_fingerprint != program.fingerprint:
        raise InvalidValueError(
            f"{path}.program_fingerprint",
            f"the state is of programme {state.program_fingerprint}, not of this one"
            f" ({program.fingerprint}, {program.protocol.id!r}): pass the programme the"
            " state was started from",
        )
    phases = program.protocol.phases
    if state.phase_index >= len(phases):
        raise InvalidValueError(
            f"{path}.phase_index",
            f"the protocol has {len(phases)} phases (0-{len(phases) - 1})",
        )
    if phases[state.phase_index].id != state.phase_id:
        raise InvalidValueError(
            f"{path}.phase_id",
            f"phase {state.phase_index} of {program.protocol.id!r} is"
            f" {phases[state.phase_index].id!r}, not {state.phase_id!r}",
        )


_NO_SIDES: Mapping[str, Side] = types.MappingProxyType({})


def plan_sides(program: Program, day: int) -> dict[str, Side]:
    """The side the programme trains, by exercise, where one side only is trained.

    Read from the programme week of ``day`` (the last week's, past the plan).
    """
    week = program.weeks[min((day - 1) // 7, len(program.weeks) - 1)]
    return {
        item.exercise: item.side
        for session in week.sessions
        for item in session.items
        if item.side is not None
    }


def _sides(program: Program, log: SessionLog) -> Mapping[str, Side]:
    if all(e.side is None for e in log.exercises):
        return _NO_SIDES  # nothing to compare
    return plan_sides(program, log.day)


def engine_rules(rules: object) -> EngineRules:
    """The engine rules given, or the defaults for ``None``."""
    if rules is None:
        return DEFAULT_RULES
    if not isinstance(rules, EngineRules):
        raise InvalidValueError("$.rules", f"expected EngineRules, got {type(rules).__name__}")
    return rules


def phase_pain_rules(
    program: Program, state: ProgramState, rules: EngineRules
) -> tuple[PainRule, ...]:
    """The pain rules a session in the state's phase is judged by.

    The engine's own, when the phase names none or ``protocol_rules`` is off.
    """
    limits: tuple[PainRule, ...] = program.protocol.phases[state.phase_index].pain_limits
    if not limits or not rules.protocol_rules:
        return (rules.pain_rule,)
    return limits


def _stopped(state: ProgramState, log: SessionLog, why: Reason) -> tuple[Decision, ...]:
    """Stop for every exercise; work logged while a stop was already in force is said so."""
    logged: set[str] = (
        {e.exercise for e in log.exercises if was_done(e)} if state.referral else set()
    )
    not_taken = new_reason(
        rule=ReasonKind.STOPPED,
        text="logged as done while the programme is stopped for a red flag: not taken;"
        " see a clinician before training on",
    )
    return tuple(
        Decision(
            exercise=e.exercise,
            action=Action.STOP,
            reasons=(why, not_taken) if e.exercise in logged else (why,),
            dose=e.dose,
        )
        for e in state.exercises
    )


def _check_day(program: Program, state: ProgramState, log: SessionLog) -> None:
    """Refuse a log too far ahead: after it, every real log would be "before the last day"."""
    planned = len(program.weeks) * 7
    if log.day > state.day + MAX_DAYS_AHEAD:
        raise InvalidValueError(
            "$.day",
            f"at most {MAX_DAYS_AHEAD} days after the last logged day ({state.day}), got"
            f" {log.day}: is the day right? (a longer break: log the days in between)",
        )
    if log.day > planned + MAX_DAYS_PAST_PLAN:
        raise InvalidValueError(
            "$.day",
            f"at most {MAX_DAYS_PAST_PLAN} days past the programme's {planned} planned days"
            f" (day {planned + MAX_DAYS_PAST_PLAN}), got {log.day}: build a longer programme",
        )


def advance(
    program: Program,
    state: ProgramState,
    log: SessionLog,
    *,
    rules: EngineRules | None = None,
    catalogue: Catalogue | None = None,
) -> Advance:
    """Record one session and decide the next step for each exercise and for the phase.

    A state does not carry its programme: pass the programme it was started
    from (:func:`start`) with it; store the programme once and the state after
    each session. Keep the state you passed in to undo this step: ``advance``
    changes nothing, so the previous state *is* the undo.

    Args:
        program: The programme followed (the one the state was started from).
        state: Where the person is (from :func:`start` or a previous advance).
        log: The session as it happened.
        rules: The engine's parameters, pain rules and progression rules.
        catalogue: Where ladders come from; the built-in catalogue by default.

    Raises:
        InvalidValueError: The state is not of this programme (its fingerprint or phase),
            the log does not fit the state (unknown exercise,
            more sets than prescribed without a note, a day not after the
            last, more than ``MAX_DAYS_AHEAD`` days after it or ``MAX_DAYS_PAST_PLAN``
            past the programme's weeks), or a custom rule returned something other than a
            :class:`Proposal` or ``None``.
    """
    fits(program, state)
    current = {e.exercise: e for e in state.exercises}
    cat = catalogue_or_builtin(catalogue)
    for i, e in enumerate(state.exercises):  # a state read from a file may not fit
        if not cat.fits(e.exercise, e.ladder, e.rung):
            raise InvalidValueError(f"$.state.exercises[{i}]", misplaced(cat, e))
    done = check_log(state, log, current, cat)
    _check_day(program, state, log)
    rules = engine_rules(rules)
    isometric = cat.tagged("isometric")  # the exercises the hold rule judges too
    # Rules that look back compare this week with the last: older reports need not be read.
    first = min((p.day for p in log.pain), default=log.day)
    since = ((first - 1) // 7 - 1) * 7 + 1
    history = state.pain[bisect.bisect_left(state.pain, since, key=report_day) :]
    # Keep the last PAIN_HISTORY_DAYS rated days of reports: enough for weekly rules and
    # pain gates, and long simulations stay linear in time.
    pain = recent_pain(state.pain, log)
    tests = newest_tests(state.tests, log.tests)
    signs = newest_signs(state.trendelenburg, log.trendelenburg)
    referral = state.referral
    report = program.report
    if referral is None and report is not None and report.referral is not None:
        referral = report.referral  # a programme's report that refers stops it (never built so)
    if referral is None and log.red_flags is not None:
        found = referral_for(log.red_flags)  # the same logic as assess()
        referral = None if found is None else attrs.evolve(found, advice=_STOP_ADVICE)
    if referral is not None:
        why = (Reason(rule=ReasonKind.RED_FLAG, text=str(referral)),)
        stopped = attrs.evolve(
            state, day=log.day, pain=pain, tests=tests, trendelenburg=signs, referral=referral
        )
        decisions = _stopped(state, log, why[0])
        phase = PhaseDecision(phase=state.phase_id, action=Action.STOP, reasons=why)
        return Advance(
            state=stopped,
            session_phase=state.phase_id,
            decisions=decisions,
            phase=phase,
            summary="Stop: a red flag is positive. See a clinician before going on.",
        )
    last = state.last_trained_day
    trained = any(was_done(e) for e in log.exercises)
    # Missed or empty sessions never close a gap; when training resumes after one, every
    # exercise steps back once (done this time or not).
    gap = log.day - last if last and trained else 0
    tables = table_rows(program, state, log.day)
    taken = set(current)
    base = new_context(  # its parts are checked: the log, the rules, the catalogue
        day=log.day,
        good_sessions=0,
        sessions_to_progress=rules.sessions_to_progress,
        catalogue=cat,
        in_phase=taken,  # grows as exercises step to new ones
    )
    limits = phase_pain_rules(program, state, rules)
    own_pain, session_pain, late_pain = pain_reports(log)
    # An exercise with no report of its own is judged on the session's; with none at all,
    # on an empty report (no rating is never good news). Built once per call: the verdict
    # cache above is keyed by the reports' identity.
    session_pain = awaited(completed_reports(session_pain), rules)
    fallback = session_pain or (new_report(day=log.day),)
    reports = {
        name: awaited(completed_reports(own + session_pain), rules)
        for name, own in own_pain.items()
    }
    late = late_reports(late_pain, state.pain) if late_pain else ()
    session = SessionContext(
        rules=rules,
        pain_rules=limits,
        base=base,
        history=history,
        gap=gap,
        done=done,
        reports=reports,
        fallback=fallback,
        late=late,
        isometric=isometric,
        tables=tables,
        catalogue=cat,
        taken=taken,
        judged={},
        sides=_sides(program, log),
    )
    outcomes = tuple(decide(session, ex) for ex in state.exercises)
    decisions = tuple(o.decision for o in outcomes)
    new_state = new_program_state(
        program_fingerprint=state.program_fingerprint,
        phase_index=state.phase_index,
        phase_id=state.phase_id,
        exercises=tuple(o.state for o in outcomes),
        day=log.day,
        last_trained_day=log.day if trained else last,
        phase_start_day=state.phase_start_day,
        pain=pain,
        tests=tests,
        trendelenburg=signs,
        referral=None,
        cleared_by=state.cleared_by,
    )
    phase_decision, new_state = decide_phase(program, new_state, log, outcomes, cat, rules)
    if phase_decision.action is REGRESS:  # stepped back a phase: say so on each
        decisions = tuple(
            evolve(d, reasons=(*d.reasons, *phase_decision.reasons)) for d in decisions
        )
    progress = hold = regress = 0
    for d in decisions:
        if d.action is PROGRESS:
            progress += 1
        elif d.action is HOLD:
            hold += 1
        elif d.action is REGRESS:
            regress += 1
    summary = f"Day {log.day}: {progress} to progress, {hold} to hold, {regress} to ease off."
    if phase_decision.action is PROGRESS:
        summary += f" Moving on to phase '{phase_decision.phase}'."
    elif phase_decision.action is REGRESS:
        summary += f" Pain flared: back to phase '{phase_decision.phase}'."
    return Advance(
        state=new_state,
        session_phase=state.phase_id,
        decisions=decisions,
        phase=phase_decision,
        summary=summary,
    )
