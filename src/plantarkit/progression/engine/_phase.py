"""The phase's decision in a session: stay, move on through the gates, or step back on a flare."""

import functools

import attrs

from plantarkit._core.evidence import Citation, Grade
from plantarkit._core.trusted import maker
from plantarkit.exercises import Catalogue, Prescription, with_load_kept
from plantarkit.plans import Evidence, GateStatus, PainMeasure, PainRecord, Program
from plantarkit.progression.engine._exercise import Outcome
from plantarkit.progression.engine._start import phase_exercises
from plantarkit.progression.engine._values import (
    HOLD,
    PROGRESS,
    REGRESS,
    VERDICT_REDUCE,
    Action,
    Decision,
    EngineRules,
    PhaseDecision,
    ProgramState,
    Reason,
    ReasonKind,
    new_phase_decision,
    new_reason,
)
from plantarkit.progression.records import SessionLog
from plantarkit.progression.rules import ExerciseState

_LAST_PHASE = Reason(rule=ReasonKind.PHASE, text="last phase: keep the routine going")


def table_rows(
    program: Program, state: ProgramState, day: int
) -> dict[str, tuple[Prescription, ...]]:
    """For exercises on a weekly dose table: the table's rows reached by ``day``'s week.

    Rows are the distinct doses the programme gives the exercise, week after
    week, in this phase (so they carry the programme's personalisation). A
    phase begun before its usual weeks starts on its first row.
    """
    phase = program.protocol.phases[state.phase_index]
    if not any(slot.schedule for slot in phase.slots):
        return {}
    last_week = min(len(program.weeks), (day - 1) // 7 + 1)
    rows: dict[str, tuple[Prescription, ...]] = {}
    for exercise, changes in table_plan(program, phase.id):
        reached = tuple(dose for week, dose in changes if week <= last_week)
        rows[exercise] = reached or (changes[0][1],)
    return rows


@attrs.frozen(eq=False)
class _Keyed:
    """A programme as a memo's key, hashed by its fingerprint.

    The fingerprint is worked out once per programme object, so a look-up does not hash
    the whole programme on every session.
    """

    program: Program

    def __hash__(self) -> int:
        return hash(self.program.fingerprint)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Keyed) and (
            other.program is self.program or other.program == self.program
        )


def table_plan(
    program: Program, phase_id: str
) -> tuple[tuple[str, tuple[tuple[int, Prescription], ...]], ...]:
    """Per exercise on a weekly dose table in the phase: each week its dose changes, and to what."""
    return _table_plan(_Keyed(program), phase_id)


@functools.lru_cache(maxsize=64)
def _table_plan(
    keyed: _Keyed, phase_id: str
) -> tuple[tuple[str, tuple[tuple[int, Prescription], ...]], ...]:
    """Per exercise on a weekly dose table in the phase: each week its dose changes, and to what.

    Worked out once per programme and phase (a programme is an immutable
    value, so this is a memo of a pure function, not state): without it each
    session would read every week of the programme up to its own.
    """
    program = keyed.program
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
    program: Program,
    state: ProgramState,
    log: SessionLog,
    mastered: bool,
    measures: set[PainMeasure],
) -> Evidence:
    """What the gates see; pain records only for the ``measures`` a gate asks about."""
    report = program.report
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


def _phase_verdict(action: Action, reasons: tuple[Reason, ...], phase: str) -> PhaseDecision:
    return new_phase_decision(phase=phase, action=action, reasons=reasons)


def _step_back(
    program: Program,
    state: ProgramState,
    log: SessionLog,
    decisions: tuple[Decision, ...],
    flares: list[Decision],
    cat: Catalogue,
) -> tuple[PhaseDecision, ProgramState]:
    """A flare in a maintenance phase: back to the phase before, at its programme doses."""
    protocol = program.protocol
    back = protocol.phases[state.phase_index - 1]
    names = ", ".join(d.exercise for d in flares)
    why = new_reason(
        rule=ReasonKind.FLARE,
        text=(
            f"pain flared in maintenance ({names}): back to '{back.id}' to build up again"
            " from a level that was pain-free"
        ),
        citation=_FLARE_CITATION,
    )
    # Keep what was just eased off; add the earlier phase's other exercises.
    eased = {e.exercise for e in state.exercises} | {d.exercise for d in decisions}
    added = tuple(e for e in phase_exercises(program, back.id, cat) if e.exercise not in eased)
    moved = attrs.evolve(
        state,
        phase_index=state.phase_index - 1,
        phase_id=back.id,
        phase_start_day=log.day + 1,
        exercises=(*state.exercises, *added),
    )
    return _phase_verdict(action=REGRESS, reasons=(why,), phase=back.id), moved


def _mastered(e: ExerciseState, outcome: Outcome, need: int, last_rows: dict[str, int]) -> bool:
    """Whether an exercise is mastered, for the phase gate, after the session's ``outcome``.

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
    return outcome.stepped or e.good_sessions >= need


def decide_phase(
    program: Program,
    state: ProgramState,
    log: SessionLog,
    outcomes: tuple[Outcome, ...],
    cat: Catalogue,
    rules: EngineRules,
) -> tuple[PhaseDecision, ProgramState]:
    """The phase's decision after the session's exercise ``outcomes``, and the state it leads to.

    A flare in a maintenance phase steps back a phase; otherwise the next phase
    is entered once its gates and the current phase's exit gates pass (never
    on missing evidence), or, with no gates, in its usual week.
    """
    decisions = tuple(o.decision for o in outcomes)
    flares = [o.decision for o in outcomes if o.verdict is VERDICT_REDUCE]
    protocol = program.protocol
    phase = protocol.phases[state.phase_index]
    if flares and phase.maintenance and state.phase_index > 0 and rules.flare_steps_back:
        return _step_back(program, state, log, decisions, flares, cat)
    if state.phase_index + 1 >= len(protocol.phases):
        return _phase_verdict(action=HOLD, reasons=(_LAST_PHASE,), phase=phase.id), state
    nxt = protocol.phases[state.phase_index + 1]
    days_in = log.day - state.phase_start_day + 1
    if days_in < rules.min_days_in_phase:
        why = new_reason(
            rule=ReasonKind.PHASE,
            text=f"{days_in} of at least {rules.min_days_in_phase} days in '{phase.id}'",
            measure="days_in_phase",
            value=days_in,
            threshold=rules.min_days_in_phase,
        )
        return _phase_verdict(action=HOLD, reasons=(why,), phase=phase.id), state
    if flares:  # eased off for pain today: the next phase waits for a session within the rules
        names = ", ".join(d.exercise for d in flares)
        why = new_reason(
            rule=ReasonKind.PHASE,
            text=f"a pain rule was broken this session ({names}): the next phase waits",
        )
        return _phase_verdict(action=HOLD, reasons=(why,), phase=phase.id), state
    last_rows = {name: len(changes) - 1 for name, changes in table_plan(program, phase.id)}
    # Mastery goes stale in a long gap: a session with nothing done, long after the last
    # one trained, masters nothing (when training resumes, the gap rule steps back anyway).
    last = state.last_trained_day
    stale = bool(last) and log.day - last > rules.gap_days
    mastered = (
        not stale
        and all(o.decision.action is not REGRESS for o in outcomes)
        and all(
            _mastered(e, o, rules.sessions_to_progress, last_rows)
            for e, o in zip(state.exercises, outcomes, strict=True)
        )
    )
    gates = (*phase.exit_gates, *nxt.entry_gates)
    measures = {m for g in gates for m in g.pain_measures()}
    evidence = _evidence(program, state, log, mastered, measures)
    results = [g.check(evidence) for g in gates]
    failing = [r for r in results if r.status is not GateStatus.PASSED]
    usual_start = (nxt.start_week - 1) * 7 + 1
    if failing or (not gates and log.day + 1 < usual_start):
        # Unknown counts as not passed: a phase is never entered on missing evidence.
        reasons = tuple(
            new_reason(rule=ReasonKind.GATE, text=f"{r.gate}: {r.reason}") for r in failing
        ) or (
            new_reason(
                rule=ReasonKind.PHASE,
                text=f"no gates: '{nxt.id}' starts in its usual week {nxt.start_week}",
            ),
        )
        return _phase_verdict(action=HOLD, reasons=reasons, phase=phase.id), state
    reasons = tuple(
        new_reason(rule=ReasonKind.GATE, text=f"{r.gate}: {r.reason}") for r in results
    ) or (new_reason(rule=ReasonKind.PHASE, text=f"week {nxt.start_week}: '{nxt.id}' begins"),)
    entering, kept = _entering(state.exercises, phase_exercises(program, nxt.id, cat))
    if kept:
        levels = ", ".join(f"{e.exercise} ({e.dose.brief()})" for e in kept)
        reasons += (
            new_reason(
                rule=ReasonKind.PHASE,
                text=f"kept at the level already reached, past where '{nxt.id}' starts: {levels}",
            ),
        )
    moved = attrs.evolve(
        state,
        phase_index=state.phase_index + 1,
        phase_id=nxt.id,
        phase_start_day=log.day + 1,
        exercises=entering,
    )
    return _phase_verdict(action=PROGRESS, reasons=reasons, phase=nxt.id), moved


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
        done = now.get(state.exercise)
        if done is not None and done.last_done_day is not None:  # the schedule carries over
            state = attrs.evolve(
                state, last_done_day=done.last_done_day, week_sessions=done.week_sessions
            )
        states.setdefault(state.exercise, state)
    return tuple(states.values()), tuple(kept)
