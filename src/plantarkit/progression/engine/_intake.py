"""Taking in a session log: checks against the state, same-day reports completed, history kept."""

import bisect
import itertools
from typing import Any

import attrs

from plantarkit._core.errors import InvalidValueError, Problem
from plantarkit._core.pain import Pain
from plantarkit._core.side import Bilateral, Side
from plantarkit._core.trusted import evolve
from plantarkit.exercises import Catalogue
from plantarkit.progression.engine._values import (
    PAIN_HISTORY_DAYS,
    PAIN_KEPT_REPORTS,
    PAIN_MAX_REPORTS,
    EngineRules,
    ProgramState,
)
from plantarkit.progression.records import ExerciseLog, PainReport, SessionLog, TestKind, TestResult
from plantarkit.progression.rules import ExerciseState


def check_log(
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


def late_for(
    ex: ExerciseState, late: tuple[PainReport, ...], cat: Catalogue
) -> tuple[PainReport, ...]:
    """The late reports about ``ex``: the session's, its own, and its ladder's other rungs'."""
    rungs = _rungs(ex, cat)
    return tuple(r for r in late if r.exercise in (None, ex.exercise) or r.exercise in rungs)


def pain_reports(
    log: SessionLog,
) -> tuple[dict[str, tuple[PainReport, ...]], tuple[PainReport, ...], tuple[PainReport, ...]]:
    """Today's reports per exercise, today's whole-session reports, and late reports.

    An exercise with its own report is judged on it and on the session's
    (each completed with the ratings the others agree on, then the most
    cautious wins); with none at all, on an empty report (never good news).
    Late reports (dated before the session: a next-morning rating sent with
    the next log, say) join the history for weekly rules and gates, and can
    only ease today's exercises off: see :func:`late_reports`.
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


def late_reports(
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
        completed.append(completed_reports((*partners, report))[-1] if partners else report)
    return tuple(completed)


_CONFLICT: Any = object()
"""Marks a rating that two same-day reports give differently."""


_RATINGS = tuple(f.name for f in attrs.fields(PainReport) if f.name not in {"day", "exercise"})
"""The ratings of a pain report (all but its day and exercise)."""


def completed_reports(reports: tuple[PainReport, ...]) -> tuple[PainReport, ...]:
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


def highest_ratings(reports: tuple[PainReport, ...]) -> PainReport:
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


def awaited(reports: tuple[PainReport, ...], rules: EngineRules) -> tuple[PainReport, ...]:
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


def recent_pain(old: tuple[PainReport, ...], log: SessionLog) -> tuple[PainReport, ...]:
    """The history with the log's reports added, in order of day, cut to its last days.

    At least the last :data:`PAIN_HISTORY_DAYS` rated days are kept, so every
    pain gate can be met however often the person trains, and a long
    simulation's states stay small; never more than :data:`PAIN_MAX_REPORTS`
    reports (the newest).
    """
    new = log.pain
    if not new:
        return old
    if (old and new[0].day < old[-1].day) or any(a.day > b.day for a, b in itertools.pairwise(new)):
        pain = tuple(sorted((*old, *new), key=report_day))  # a late report: keep days in order
    else:
        pain = old + new
    if len(pain) <= PAIN_KEPT_REPORTS:
        return pain
    days = sorted({p.day for p in pain})
    if len(days) > PAIN_HISTORY_DAYS:
        pain = pain[bisect.bisect_left(pain, days[-PAIN_HISTORY_DAYS], key=report_day) :]
    return pain[-PAIN_MAX_REPORTS:]


def report_day(report: PainReport) -> int:
    return report.day


def newest_tests(
    old: tuple[TestResult, ...], new: tuple[TestResult, ...]
) -> tuple[TestResult, ...]:
    """The newest result of each test and side."""
    if not new:
        return old
    latest: dict[tuple[TestKind, Side | None], TestResult] = {}
    for result in (*old, *new):
        latest[(result.test, result.side)] = result
    return tuple(latest.values())


def newest_signs(
    old: Bilateral[bool | None], new: Bilateral[bool | None]
) -> Bilateral[bool | None]:
    left = old.left if new.left is None else new.left
    right = old.right if new.right is None else new.right
    if left is old.left and right is old.right:
        return old
    return Bilateral(left=left, right=right)
