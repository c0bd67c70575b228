"""Pain rules as values: how pain reports decide whether loading may go on, hold or ease off.

Each rule is a small frozen value with its thresholds as parameters and a
citation; :func:`evaluate` applies it to a pain report (and, for rules that
look across weeks, earlier reports) and returns checks with reasons. Missing
ratings never count as good news: a rule that needs a rating it does not have
says hold.
"""

import enum
import functools
from typing import Any, ClassVar, Literal

import attrs

from plantarkit._core.checks import Instance, Number, TupleOf
from plantarkit._core.errors import InvalidValueError
from plantarkit._core.evidence import Citation, Grade
from plantarkit._core.pain import Pain
from plantarkit._core.registry import public
from plantarkit.progression.records import PainReport


@public()
@functools.total_ordering
class Verdict(enum.Enum):
    """What a pain rule allows. Ordered ``OK < HOLD < REDUCE``."""

    OK = "ok"
    """Within the rule: loading may go on (and progress, if the exercise rules allow)."""
    HOLD = "hold"
    """Do not progress: keep the current dose (also when a needed rating is missing)."""
    REDUCE = "reduce"
    """The rule is broken: ease the load (fewer reps or sets, less weight, an easier rung)."""

    @property
    def level(self) -> int:
        """0 for ok, 1 for hold, 2 for reduce."""
        return _VERDICT_LEVELS[self._value_]  # not .value: a descriptor call on Python 3.11

    def __lt__(self, other: Any) -> bool:
        if not isinstance(other, Verdict):
            return NotImplemented
        return self.level < other.level


_VERDICT_LEVELS = {"ok": 0, "hold": 1, "reduce": 2}


@public()
@attrs.frozen(kw_only=True)
class PainCheck:
    """One judgement a pain rule made, with the numbers behind it.

    Attributes:
        rule: The rule's kind (``"pain_model"``, ``"isometric"``, ...).
        verdict: What it allows.
        measure: What was judged (``"during"``, ``"next_morning"``, ``"weekly_first_step"``).
        value: The value judged, when there is one.
        threshold: The limit it was judged against.
        reason: Why, in words.
        citation: Where the rule comes from.
    """

    rule: str
    verdict: Verdict
    measure: str
    reason: str
    citation: Citation
    value: float | None = None
    threshold: float | None = None


def _cite(source: str, grade: Grade, detail: str) -> Any:
    return attrs.field(
        factory=lambda: Citation(source=source, grade=grade, detail=detail),
        validator=Instance((Citation,)),
    )


_LIMIT = Number(ge=0, le=10)


@public("pain_rule")
@attrs.frozen(kw_only=True)
class PainModel:
    """The pain-monitoring model (Silbernagel et al. 2007).

    Pain during the activity at most ``during_max``; right after at most
    ``after_max``; by the next morning back to the morning's baseline; and
    morning pain (or stiffness) not rising from one week to the next. Breaking
    any part means easing the load. Zones for display: up to ``safe_max`` is
    safe, up to ``during_max`` acceptable, above it high risk. The thresholds
    are grade B (one summary uses 3 rather than 2 for the safe zone).

    ``weekly_tolerance`` is how far this week's average may sit above last
    week's before it counts as a rise. The model says "no rise" (0, the
    default); a tolerance below about 2 points keeps within what a 0-10 scale
    can tell apart from noise (Farrar 2001's clinically important change is
    about 2 points), a plantarkit reading, grade U.
    """

    during_max: int = attrs.field(default=5, validator=_LIMIT)
    after_max: int = attrs.field(default=5, validator=_LIMIT)
    safe_max: int = attrs.field(default=2, validator=_LIMIT)
    weekly_rise: bool = attrs.field(default=True, validator=Instance((bool,)))
    weekly_tolerance: float = attrs.field(default=0, validator=Number(ge=0, le=10, integer=False))
    citation: Citation = _cite("silbernagel-2007", Grade.B, "pain-monitoring model thresholds")

    def __attrs_post_init__(self) -> None:
        if self.safe_max > min(self.during_max, self.after_max):
            raise InvalidValueError(
                "$.safe_max",
                f"must be at most during_max and after_max"
                f" ({min(self.during_max, self.after_max)}), got {self.safe_max}",
            )

    kind: ClassVar[Literal["pain_model"]] = "pain_model"
    """The tag of this rule kind in JSON documents."""

    def zone(self, pain: Pain) -> str:
        """``"safe"``, ``"acceptable"`` or ``"high risk"`` for a pain rating."""
        if pain.value <= self.safe_max:
            return "safe"
        return "acceptable" if pain.value <= self.during_max else "high risk"


@public("pain_rule")
@attrs.frozen(kw_only=True)
class IsometricRule:
    """The isometric hold rule (inhome-pt): pain below ``below``, settling within minutes.

    ``settle_minutes`` says how many minutes "within a few minutes" means; the
    source gives no number, so it is plantarkit's parameter (grade U).
    """

    below: int = attrs.field(default=6, validator=Number(ge=1, le=11))
    settle_minutes: float = attrs.field(default=5, validator=Number(ge=0, le=120, integer=False))
    citation: Citation = _cite("inhome-pt", Grade.U, "below 6/10, settles within minutes")

    kind: ClassVar[Literal["isometric"]] = "isometric"
    """The tag of this rule kind in JSON documents."""


@public("pain_rule")
@attrs.frozen(kw_only=True)
class NextDayRule:
    """The daily heel-raise rule (Caratun 2018): worse the same day is fine, not the next day.

    Next-morning pain above the morning's baseline by more than ``tolerance``
    means reduce the load or repetitions.

    The source lets pain be worse on the day of the session and names no
    upper limit; plantarkit adds one so that severe pain never counts as a
    good session. Pain during or right after above ``ceiling`` means reduce,
    and a missing during or after rating holds, as in the pain-monitoring
    model. The default of 5/10 is the pain-monitoring model's acceptable
    limit (Silbernagel 2007); using it here is plantarkit's own safety limit
    (grade U, cited by ``ceiling_citation``). ``None`` turns the ceiling off,
    leaving the source's next-morning rule alone.

    Attributes:
        tolerance: How many points next-morning pain may sit above the baseline.
        ceiling: Highest pain during or after that is still fine; ``None``: no ceiling.
        citation: Where the next-morning rule comes from.
        ceiling_citation: Where the ceiling comes from (the checks it makes cite it).
    """

    tolerance: int = attrs.field(default=0, validator=_LIMIT)
    ceiling: int | None = attrs.field(default=5, validator=Number(ge=0, le=10, optional=True))
    citation: Citation = _cite("caratun-2018", Grade.B, "pain worse the next day: reduce")
    ceiling_citation: Citation = _cite(
        "silbernagel-2007",
        Grade.U,
        "plantarkit's ceiling on pain during and after (the daily source gives none);"
        " the default 5/10 is the pain-monitoring model's acceptable limit",
    )

    kind: ClassVar[Literal["next_day"]] = "next_day"
    """The tag of this rule kind in JSON documents."""


@public("pain_rule")
@attrs.frozen(kw_only=True)
class CautiousRule:
    """The early-phase rule (exakt-2021): an exercise that provokes pain is not the right one now.

    Pain during or after the exercise above ``at_most`` means reduce (an
    easier variant). The source gives no number; plantarkit reads "causes
    pain" as above the pain model's safe zone (2/10), a grade U parameter.
    """

    at_most: int = attrs.field(default=2, validator=_LIMIT)
    citation: Citation = _cite("exakt-2021", Grade.U, "painful exercise is not the right one")

    kind: ClassVar[Literal["cautious"]] = "cautious"
    """The tag of this rule kind in JSON documents."""


PainRule = PainModel | IsometricRule | NextDayRule | CautiousRule
"""Every kind of pain rule."""


PAIN_RULE_TYPES: tuple[type, ...] = (PainModel, IsometricRule, NextDayRule, CautiousRule)


_HISTORY = TupleOf(Instance((PainReport,)))


_CHECKS = TupleOf(Instance((PainCheck,)))


def _check(
    rule: PainRule,
    verdict: Verdict,
    measure: str,
    reason: str,
    value: float | None = None,
    threshold: float | None = None,
    citation: Citation | None = None,
) -> PainCheck:
    return PainCheck(
        rule=rule.kind,
        verdict=verdict,
        measure=measure,
        reason=reason,
        citation=rule.citation if citation is None else citation,
        value=value,
        threshold=threshold,
    )


def _at_most(
    rule: PainRule,
    measure: str,
    pain: Pain | None,
    limit: int,
    citation: Citation | None = None,
) -> PainCheck:
    """A check that ``pain`` is at most ``limit``; ``citation`` overrides the rule's own."""
    name = measure.replace("_", " ")
    if pain is None:
        return _check(rule, Verdict.HOLD, measure, f"no {name} rating: hold", citation=citation)
    if pain.value <= limit:
        return _check(
            rule, Verdict.OK, measure, f"{name} {pain} ≤ {limit}/10", pain.value, limit, citation
        )
    return _check(
        rule,
        Verdict.REDUCE,
        measure,
        f"{name} {pain} is above {limit}/10",
        pain.value,
        limit,
        citation,
    )


def _settled(rule: PainRule, report: PainReport, tolerance: int) -> PainCheck:
    base, morning = report.first_step, report.next_morning
    if morning is None or base is None:
        return _check(
            rule,
            Verdict.HOLD,
            "next_morning",
            "next-morning and baseline morning ratings needed: hold",
        )
    limit = base.value + tolerance
    if morning.value <= limit:
        return _check(
            rule,
            Verdict.OK,
            "next_morning",
            f"next morning {morning}, back to the baseline of {base}",
            morning.value,
            limit,
        )
    return _check(
        rule,
        Verdict.REDUCE,
        "next_morning",
        f"next morning {morning} is still above the baseline of {base}",
        morning.value,
        limit,
    )


def _week(day: int) -> int:
    return (day - 1) // 7 + 1


_WEEKLY = ("first_step", "stiffness")


def _weekly_sums(report: PainReport, history: tuple[PainReport, ...]) -> list[list[int]]:
    """Per weekly measure: [sum, count] of this week's daily ratings, then of last week's.

    Each day counts once, at its highest rating: a day with a session report
    and an exercise's own report (the same morning, twice) weighs as much as
    any other day.
    """
    this = _week(report.day)
    days: dict[int, list[int | None]] = {}  # day: [first step, stiffness], highest given
    for r in (*history, report):
        if this - (r.day - 1) // 7 - 1 not in (0, 1):  # this week or last (older: skipped)
            continue
        highest = days.setdefault(r.day, [None, None])
        for i, pain in enumerate((r.first_step, r.stiffness)):
            before = highest[i]
            if pain is not None and (before is None or pain.value > before):
                highest[i] = pain.value
    first_step = [0, 0, 0, 0]
    stiffness = [0, 0, 0, 0]
    for day, (step, stiff) in days.items():
        offset = (this - (day - 1) // 7 - 1) * 2  # 0: this week, 2: last week
        if step is not None:
            first_step[offset] += step
            first_step[offset + 1] += 1
        if stiff is not None:
            stiffness[offset] += stiff
            stiffness[offset + 1] += 1
    return [first_step, stiffness]  # in the order of _WEEKLY


def _weekly(
    rule: PainModel, report: PainReport, history: tuple[PainReport, ...]
) -> list[PainCheck]:
    checks: list[PainCheck] = []
    for measure, (now_sum, now_n, before_sum, before_n) in zip(
        _WEEKLY, _weekly_sums(report, history), strict=True
    ):
        if not now_n or not before_n:
            continue
        mean_now, mean_before = now_sum / now_n, before_sum / before_n
        name = f"weekly_{measure}"
        tolerance = rule.weekly_tolerance
        allowed = f" (more than {tolerance:g} counts)" if tolerance else ""
        if _rise(now_sum, now_n, before_sum, before_n, tolerance):
            checks.append(
                _check(
                    rule,
                    Verdict.REDUCE,
                    name,
                    f"{measure.replace('_', ' ')} rose from {mean_before:.1f} last week "
                    f"to {mean_now:.1f} this week{allowed}",
                    mean_now,
                    mean_before + tolerance,
                )
            )
        else:
            checks.append(
                _check(
                    rule,
                    Verdict.OK,
                    name,
                    f"{measure.replace('_', ' ')} did not rise week on week "
                    f"({mean_before:.1f} → {mean_now:.1f}){allowed}",
                    mean_now,
                    mean_before + tolerance,
                )
            )
    return checks


def _rise(now_sum: int, now_n: int, before_sum: int, before_n: int, tolerance: float) -> bool:
    """Whether this week's mean is above last week's by more than ``tolerance``.

    Compared without dividing, so the explained and the quick checks agree exactly.
    """
    return now_sum * before_n > before_sum * now_n + tolerance * now_n * before_n


def evaluate(
    rule: PainRule, report: PainReport, history: tuple[PainReport, ...] = ()
) -> tuple[PainCheck, ...]:
    """Apply a pain rule to a report; ``history`` holds earlier reports for weekly comparisons.

    Returns:
        The checks the rule made, each with a verdict and a reason. A missing
        rating the rule needs gives a HOLD check, never an OK one.

    Raises:
        InvalidValueError: ``rule`` or ``report`` is not of the right type.
    """
    if not isinstance(report, PainReport):
        raise InvalidValueError("$.report", f"expected a PainReport, got {type(report).__name__}")
    _HISTORY.check("$.history", history)
    if isinstance(rule, PainModel):
        checks = [
            _at_most(rule, "during", report.during, rule.during_max),
            _at_most(rule, "after", report.after, rule.after_max),
            _settled(rule, report, 0),
        ]
        if rule.weekly_rise:
            checks += _weekly(rule, report, history)
        return tuple(checks)
    if isinstance(rule, IsometricRule):
        during = _at_most(rule, "during", report.during, rule.below - 1)
        minutes = report.settled_minutes
        if minutes is None:
            settle = _check(rule, Verdict.HOLD, "settled_minutes", "time to settle not rated: hold")
        elif minutes <= rule.settle_minutes:
            settle = _check(
                rule,
                Verdict.OK,
                "settled_minutes",
                f"settled in {minutes:g} min",
                minutes,
                rule.settle_minutes,
            )
        else:
            settle = _check(
                rule,
                Verdict.REDUCE,
                "settled_minutes",
                f"took {minutes:g} min to settle, over {rule.settle_minutes:g}",
                minutes,
                rule.settle_minutes,
            )
        return (during, settle)
    if isinstance(rule, NextDayRule):
        settled = _settled(rule, report, rule.tolerance)
        ceiling = rule.ceiling
        if ceiling is None:
            return (settled,)
        cite = rule.ceiling_citation
        return (
            _at_most(rule, "during", report.during, ceiling, cite),
            _at_most(rule, "after", report.after, ceiling, cite),
            settled,
        )
    if isinstance(rule, CautiousRule):
        return (
            _at_most(rule, "during", report.during, rule.at_most),
            _at_most(rule, "after", report.after, rule.at_most),
        )
    raise InvalidValueError("$.rule", f"expected a pain rule, got {type(rule).__name__}")


# Plain names for the members the quick verdict returns: faster than ``Verdict.OK`` on 3.11.
_OK, _HOLD, _REDUCE = Verdict.OK, Verdict.HOLD, Verdict.REDUCE


def _limit(pain: Pain | None, limit: int) -> Verdict:
    if pain is None:
        return _HOLD
    return _OK if pain.value <= limit else _REDUCE


def _back_to_baseline(report: PainReport, tolerance: int) -> Verdict:
    base, morning = report.first_step, report.next_morning
    if morning is None or base is None:
        return _HOLD
    return _OK if morning.value <= base.value + tolerance else _REDUCE


def _rose(rule: PainModel, report: PainReport, history: tuple[PainReport, ...]) -> bool:
    """Whether first-step pain or stiffness rose on average from last week to this week."""
    for now_sum, now_n, before_sum, before_n in _weekly_sums(report, history):
        if (
            now_n
            and before_n
            and _rise(now_sum, now_n, before_sum, before_n, rule.weekly_tolerance)
        ):
            return True
    return False


def _worst(*verdicts: Verdict) -> Verdict:
    worst = _OK
    for v in verdicts:
        if v is _REDUCE:
            return v
        if v is _HOLD:
            worst = v
    return worst


def quick_verdict(
    rule: PainRule, report: PainReport, history: tuple[PainReport, ...] = ()
) -> Verdict:
    """``verdict(evaluate(rule, report, history))`` without writing the reasons.

    The engine asks this first and writes the reasons only when the verdict
    is not OK; a property test keeps the two in step.
    """
    if isinstance(rule, PainModel):
        worst = _worst(
            _limit(report.during, rule.during_max),
            _limit(report.after, rule.after_max),
            _back_to_baseline(report, 0),
        )
        if rule.weekly_rise and worst is not _REDUCE and _rose(rule, report, history):
            return _REDUCE
        return worst
    if isinstance(rule, IsometricRule):
        minutes = report.settled_minutes
        settle = _HOLD if minutes is None else _OK if minutes <= rule.settle_minutes else _REDUCE
        return _worst(_limit(report.during, rule.below - 1), settle)
    if isinstance(rule, NextDayRule):
        settled = _back_to_baseline(report, rule.tolerance)
        ceiling = rule.ceiling
        if ceiling is None:
            return settled
        return _worst(_limit(report.during, ceiling), _limit(report.after, ceiling), settled)
    if isinstance(rule, CautiousRule):
        return _worst(_limit(report.during, rule.at_most), _limit(report.after, rule.at_most))
    raise InvalidValueError("$.rule", f"expected a pain rule, got {type(rule).__name__}")


def verdict(checks: tuple[PainCheck, ...]) -> Verdict:
    """The overall verdict of several checks: the most cautious one (OK when there are none)."""
    _CHECKS.check("$.checks", checks)
    worst = Verdict.OK
    for c in checks:
        if _VERDICT_LEVELS[c.verdict.value] > _VERDICT_LEVELS[worst.value]:
            worst = c.verdict
    return worst
