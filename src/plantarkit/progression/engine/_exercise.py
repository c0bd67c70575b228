"""One exercise's decision in a session: safety first, then the rules' next step."""

import functools
from collections.abc import Mapping
from collections.abc import Set as AbstractSet

import attrs

from plantarkit._core.side import Side
from plantarkit._core.trusted import evolve, maker
from plantarkit.exercises import (
    Catalogue,
    Hold,
    Prescription,
    Reps,
    Timed,
    built_back,
    capped,
    harder_in,
)
from plantarkit.progression.engine._intake import highest_ratings, late_for
from plantarkit.progression.engine._values import (
    HOLD,
    PROGRESS,
    REGRESS,
    VERDICT_HOLD,
    VERDICT_OK,
    VERDICT_REDUCE,
    Action,
    Decision,
    EngineRules,
    Reason,
    ReasonKind,
    new_decision,
    new_exercise_state,
    new_reason,
)
from plantarkit.progression.records import ExerciseLog, PainReport
from plantarkit.progression.rules import (
    ExerciseState,
    PainRule,
    Proposal,
    RuleContext,
    Verdict,
    done_on,
    off_schedule,
    propose,
)


def _quick(
    rules: tuple[PainRule, ...], report: PainReport, history: tuple[PainReport, ...]
) -> Verdict:
    """The most cautious verdict of several rules on one report."""
    if len(rules) == 1:
        return rules[0].judge_unchecked(report, history, False).verdict
    return max(
        (r.judge_unchecked(report, history, False).verdict for r in rules), key=lambda v: v.level
    )


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


# Reasons that never change (values are immutable, so every decision may share them).
_NOT_DONE = Reason(rule=ReasonKind.ATTENDANCE, text="not done this session: no progress")


def was_done(done: ExerciseLog) -> bool:
    """Whether a log says the exercise was done: not skipped, and some work in a set."""
    return not done.skipped and any(done.sets)


def _counted(ex: ExerciseState, good: int) -> ExerciseState:
    """The same exercise state with a new count of good sessions."""
    if good == ex.good_sessions:
        return ex
    return new_exercise_state(
        exercise=ex.exercise,
        dose=ex.dose,
        ladder=ex.ladder,
        rung=ex.rung,
        good_sessions=good,
        progression=ex.progression,
        row=ex.row,
        eased_from=ex.eased_from,
        last_done_day=ex.last_done_day,
        week_sessions=ex.week_sessions,
    )


def _building_back(
    ex: ExerciseState, target: Prescription, good: int, need: int, how: str
) -> tuple[Decision, ExerciseState]:
    """An eased-off exercise's step back towards the dose it was eased from, when it is due."""
    if good < need:
        why = new_reason(
            rule=ReasonKind.BUILD_BACK,
            text=f"{how}; {good} of {need} good sessions before building back up to"
            f" {target.brief()}",
            measure="good_sessions",
            value=good,
            threshold=need,
        )
        kept = _counted(ex, good)
        return _decision(ex, HOLD, (why,), kept.dose), kept
    dose = built_back(ex.dose, target)
    back = dose == target
    why = new_reason(
        rule=ReasonKind.BUILD_BACK,
        text=f"{how}; {good} good session{'s' if good != 1 else ''}: "
        + ("back to the dose eased off from" if back else f"building back up to {target.brief()}")
        + f": {dose.brief()}",
        measure="good_sessions",
        value=good,
        threshold=need,
    )
    moved = new_exercise_state(
        exercise=ex.exercise,
        dose=dose,
        ladder=ex.ladder,
        rung=ex.rung,
        good_sessions=0,
        progression=ex.progression,
        row=ex.row,
        eased_from=None if back else target,
        last_done_day=ex.last_done_day,
        week_sessions=ex.week_sessions,
    )
    return _decision(ex, PROGRESS, (why,), dose), moved


def _decision(
    ex: ExerciseState, action: Action, reasons: tuple[Reason, ...], dose: Prescription
) -> Decision:
    return new_decision(exercise=ex.exercise, action=action, reasons=reasons, dose=dose)


def _moved_to(
    ex: ExerciseState, action: Action, reasons: tuple[Reason, ...], to: ExerciseState
) -> Decision:
    """A decision that takes ``ex`` to the state ``to``: its dose, and its exercise if new."""
    name = ex.exercise
    return new_decision(
        exercise=name,
        action=action,
        reasons=reasons,
        dose=to.dose,
        next_exercise=None if to.exercise == name else to.exercise,
    )


def _from_proposal(proposal: Proposal, rule: str) -> Reason:
    return new_reason(
        rule=rule,
        text=proposal.text,
        measure=proposal.measure,
        value=proposal.value,
        threshold=proposal.threshold,
        citation=proposal.citation,
    )


new_context = maker(RuleContext)


new_report = maker(PainReport)


def _context(
    base: RuleContext,
    good: int,
    done: ExerciseLog | None,
    pain: PainReport | None,
    how: str,
    rows: tuple[Prescription, ...],
) -> RuleContext:
    return new_context(
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
    painful: bool = True,
) -> tuple[Decision, ExerciseState]:
    """One step easier by the regression rules, or easing off in place at the easiest dose.

    ``painful``: a pain rule was broken (else only a long gap asks for the step back).
    """
    found = propose(rules.regression, ex, ctx, path="$.rules.regression", direction="down")
    if found is None or found[0].to is None:
        reason = (
            _from_proposal(*found)
            if found is not None
            else new_reason(
                rule=ReasonKind.REGRESSION,
                text="already at the easiest dose: do less or rest, and see a clinician"
                " if pain persists"
                if painful
                else "already at the easiest dose: start again gently at it",
            )
        )
        return _decision(ex, REGRESS, (*why, reason), ex.dose), _counted(ex, 0)
    proposal, name = found
    assert proposal.to is not None
    moved = _counted(proposal.to, 0)
    reason = _from_proposal(proposal, name)
    usual = moved.dose
    dose = capped(usual, ex.dose)  # easing off never asks more in any dimension
    if dose != usual:
        over = ", ".join(harder_in(usual, ex.dose))
        moved = evolve(moved, dose=dose)
        reason = evolve(reason, text=f"{reason.text}; kept at no more than now ({over})")
    if moved.exercise == ex.exercise and moved.rung == ex.rung and moved.dose != ex.dose:
        # eased off in place: remember the dose to build back up to (the first, if eased again)
        moved = evolve(moved, eased_from=ex.eased_from or ex.dose)
    elif dose != usual:  # on the easier rung below its usual dose: build up to that first
        moved = evolve(moved, eased_from=usual)
    taken.add(moved.exercise)
    return _moved_to(ex, REGRESS, (*why, reason), moved), moved


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
    if _quick(applied, report, history) is VERDICT_OK:
        judgement = judged[key] = (VERDICT_OK, ())
        return judgement
    judgements = [rule.judge_unchecked(report, history, True) for rule in applied]
    checks = tuple(c for j in judgements for c in j.checks)
    reasons = tuple(
        new_reason(
            rule=c.rule,
            text=f"{lead}{c.reason}",
            measure=c.measure,
            value=c.value,
            threshold=c.threshold,
            citation=c.citation,
        )
        for c in checks
        if c.verdict is not VERDICT_OK
    )
    worst = max((j.verdict for j in judgements), key=lambda v: v.level)
    judgement = judged[key] = (worst, reasons)
    return judgement


@attrs.frozen(kw_only=True, eq=False)
class SessionContext:
    """What every exercise's decision in one session shares, built once per :func:`advance`.

    Attributes:
        rules: The engine's rules.
        pain_rules: The pain rules of the phase (or the engine's one).
        base: The rule context every exercise's own is built from.
        history: Earlier pain reports, as far back as weekly rules look.
        gap: Days since the last day trained, when training resumes today (else 0).
        done: Today's exercise logs, by exercise.
        reports: Today's reports, completed, by exercise (those with reports of their own).
        fallback: The reports an exercise without its own is judged on.
        late: Late reports (dated before today), completed.
        isometric: The exercises the hold rule judges too.
        tables: Per exercise on a weekly dose table, the rows reached this week.
        catalogue: Where ladders come from.
        taken: The exercises in the phase: a step may not switch to one of them, and a
            step to a new exercise adds it (so it grows as the session is decided).
        judged: Verdicts already worked out, by (isometric, report identity): exercises
            that share a report and rules are judged once.
        sides: The side the programme trains, by exercise, for those it trains on one
            side only this week (read only for a log that names a side).
    """

    rules: EngineRules
    pain_rules: tuple[PainRule, ...]
    base: RuleContext
    history: tuple[PainReport, ...]
    gap: int
    done: Mapping[str, ExerciseLog]
    reports: Mapping[str, tuple[PainReport, ...]]
    fallback: tuple[PainReport, ...]
    late: tuple[PainReport, ...]
    isometric: AbstractSet[str]
    tables: Mapping[str, tuple[Prescription, ...]]
    catalogue: Catalogue
    taken: set[str]
    judged: dict[tuple[bool, int], tuple[Verdict, tuple[Reason, ...]]]
    sides: Mapping[str, Side]


@attrs.frozen
class Outcome:
    """One exercise's decision in a session, its new state, and what led to it.

    Attributes:
        decision: What happens next, and why.
        state: The exercise's new state.
        verdict: The pain rules' verdict (OK for an exercise not judged today).
        stepped: A progression rule took a step (not a step back up after easing off):
            the dose left counts as mastered, for the phase's gate.
    """

    decision: Decision
    state: ExerciseState
    verdict: Verdict
    stepped: bool = False


def work_per_set(dose: Prescription) -> float:
    """The work one set of the dose asks for: repetitions, seconds or intervals."""
    work = dose.work
    if isinstance(work, Reps):
        return work.count
    if isinstance(work, Hold | Timed):
        return work.seconds
    return work.rounds


def _flags(session: SessionContext, ex: ExerciseState, done: ExerciseLog) -> tuple[Reason, ...]:
    """Why a session of an exercise done today does not count: schedule, outlier, side."""
    flags: list[Reason] = []
    rules = session.rules
    day = session.base.day
    if rules.respect_schedule:
        off = off_schedule(ex.dose.frequency, ex.last_done_day, ex.week_sessions, day)
        if off is not None:
            flags.append(
                new_reason(
                    rule=ReasonKind.SCHEDULE,
                    text=off.text,
                    measure=off.measure,
                    value=off.value,
                    threshold=off.threshold,
                )
            )
    aim = work_per_set(ex.dose)
    most = max(done.sets)
    if most > rules.outlier_factor * aim:
        flags.append(
            new_reason(
                rule=ReasonKind.OUTLIER,
                text=f"a set of {most:g} logged for {aim:g} prescribed, more than"
                f" {rules.outlier_factor:g} times the dose: taken for a mistake in the log;"
                " not counted (correct the log)",
                measure="set_work",
                value=most,
                threshold=rules.outlier_factor * aim,
            )
        )
    side = session.sides.get(ex.exercise) if done.side is not None else None
    if side is not None and done.side is not side:
        assert done.side is not None
        flags.append(
            new_reason(
                rule=ReasonKind.SIDE,
                text=f"the {done.side.value} side was trained; the programme trains the"
                f" {side.value} side only: not counted",
            )
        )
    return tuple(flags)


def decide(session: SessionContext, ex: ExerciseState) -> Outcome:
    """One exercise's decision in a session: safety first, then the rules' next step.

    The new state remembers the day the exercise was done (and how often in
    that programme week), whatever rule made it, for the schedule check.
    """
    outcome = _decide(session, ex)
    done = session.done.get(ex.exercise)
    last: int | None
    if done is not None and was_done(done):
        last, count = done_on(ex.last_done_day, ex.week_sessions, session.base.day)
    else:
        last, count = ex.last_done_day, ex.week_sessions
    new = outcome.state
    if new.last_done_day == last and new.week_sessions == count:
        return outcome
    return attrs.evolve(outcome, state=evolve(new, last_done_day=last, week_sessions=count))


def _decide(session: SessionContext, ex: ExerciseState) -> Outcome:
    rules = session.rules
    done = session.done.get(ex.exercise)
    reports = session.reports.get(ex.exercise, session.fallback)
    late = late_for(ex, session.late, session.catalogue) if session.late else ()
    isometric = ex.exercise in session.isometric
    gap, history, judged = session.gap, session.history, session.judged
    base, taken, pain_rules = session.base, session.taken, session.pain_rules
    rows = session.tables.get(ex.exercise, ())
    # Isometric holds are judged by the hold rule too (the most cautious verdict wins).
    applied = (*pain_rules, rules.hold_rule) if isometric else pain_rules
    did = done is not None and was_done(done)
    if did:
        report = _worst_report(applied, reports, history)
        judgement = judged.get((isometric, id(report)))
        if judgement is None:
            judgement = _judge(applied, report, history, judged, isometric, "")
        outcome, pain_reasons = judgement
    else:  # today's ratings are not about an exercise not done today
        outcome, pain_reasons = VERDICT_OK, ()
    for earlier in late:  # a late rating can only ease off: never hold or count a session
        if outcome is VERDICT_REDUCE:
            break
        verdict_late, why_late = _judge(
            applied, earlier, history, judged, isometric, f"day {earlier.day}'s report: "
        )
        if verdict_late is VERDICT_REDUCE:
            outcome, pain_reasons = verdict_late, why_late
    if gap > rules.gap_days:  # back after a long gap: a step back, and a flare said too
        why = new_reason(
            rule=ReasonKind.GAP,
            text=f"{gap} days since the last session (more than {rules.gap_days})",
            measure="gap_days",
            value=gap,
            threshold=rules.gap_days,
        )
        flared = outcome is VERDICT_REDUCE
        ctx = _context(base, ex.good_sessions, done, None, "", rows)
        return Outcome(
            *_regress(
                rules, ex, ctx, (why, *pain_reasons) if flared else (why,), taken, painful=flared
            ),
            verdict=outcome if flared else VERDICT_OK,
        )
    if not did:
        if outcome is VERDICT_REDUCE:  # a late rating of an earlier session
            ctx = _context(base, ex.good_sessions, done, None, "", rows)
            return Outcome(*_regress(rules, ex, ctx, pain_reasons, taken), verdict=outcome)
        # Not done is no progress, and no setback: the count of good sessions stands, so
        # an exercise the programme gives every other day still builds towards a step.
        return Outcome(
            decision=_decision(ex, HOLD, (_NOT_DONE,), ex.dose), state=ex, verdict=VERDICT_OK
        )
    assert done is not None  # did
    # Rules with pain limits of their own read each rating at its highest over today's reports.
    seen = highest_ratings(reports)
    flags = _flags(session, ex, done)
    if outcome is VERDICT_REDUCE:
        ctx = _context(base, ex.good_sessions, done, seen, "", rows)
        return Outcome(*_regress(rules, ex, ctx, (*pain_reasons, *flags), taken), verdict=outcome)
    if outcome is VERDICT_HOLD:
        return Outcome(
            decision=_decision(ex, HOLD, (*pain_reasons, *flags), ex.dose),
            state=_counted(ex, 0),
            verdict=outcome,
        )
    if flags:  # not counted: the count of good sessions stands, as for a session not done
        return Outcome(decision=_decision(ex, HOLD, flags, ex.dose), state=ex, verdict=outcome)
    met, how = _met(ex.dose, done)
    if not met:
        why = new_reason(rule=ReasonKind.DOSE, text=f"{how}: keep this dose")
        return Outcome(
            decision=_decision(ex, HOLD, (why,), ex.dose), state=_counted(ex, 0), verdict=outcome
        )
    good = ex.good_sessions + 1
    if ex.eased_from is not None:  # eased off: build back up before anything moves it on
        need = rules.sessions_to_progress
        return Outcome(*_building_back(ex, ex.eased_from, good, need, how), verdict=outcome)
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
        why = new_reason(
            rule=ReasonKind.PROGRESSION, text=f"{how}; no progression rule applies: keep this dose"
        )
        kept = _counted(ex, good)
        return Outcome(decision=_decision(ex, HOLD, (why,), kept.dose), state=kept, verdict=outcome)
    proposal, name = found
    reason = _from_proposal(proposal, name)
    if proposal.to is None:
        kept = _counted(ex, good if proposal.counts else 0)
        return Outcome(
            decision=_decision(ex, HOLD, (reason,), kept.dose), state=kept, verdict=outcome
        )
    kept = _counted(proposal.to, 0)
    taken.add(kept.exercise)
    return Outcome(
        decision=_moved_to(ex, PROGRESS, (reason,), kept), state=kept, verdict=outcome, stepped=True
    )
