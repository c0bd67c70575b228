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

from plantarkit._core.checks import EnumCheck, Instance, Number, Text, TupleOf
from plantarkit._core.errors import InvalidValueError
from plantarkit._core.evidence import Citation, Grade, citation_field, cite
from plantarkit._core.pain import Pain
from plantarkit._core.registry import public
from plantarkit._core.trusted import maker
from plantarkit.progression.records import PainReport

WEEKLY_NOISE = 1.0
"""The default ``weekly_tolerance`` of :class:`PainModel`: a rise of this week's average
morning pain over last week's counts only when it is more than 1 point. Day-to-day ratings
wobble by a point; the NPRS's minimal important change is about 2 points or 30%
(Farrar 2001, grade A). Treating a rise of more than 1 point as "rising" is plantarkit's
reading of the model's "no rise" (grade U)."""


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


_MEASURED = Number(ge=-1e9, le=1e9, integer=False, optional=True)
"""A check's value or threshold: the bounds of a Reason's."""


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

    rule: str = attrs.field(validator=Text(non_empty=True))
    verdict: Verdict = attrs.field(validator=EnumCheck(Verdict))
    measure: str = attrs.field(validator=Text(non_empty=True))
    reason: str = attrs.field(validator=Text(non_empty=True))
    citation: Citation = attrs.field(validator=Instance((Citation,)))
    value: float | None = attrs.field(default=None, validator=_MEASURED)
    threshold: float | None = attrs.field(default=None, validator=_MEASURED)


# A rule builds its checks from its own checked parameters and a checked report, without a
# second round of field checks; the tests rebuild them with the checking constructor.
_new_pain_check = maker(PainCheck)


_CHECKS = TupleOf(Instance((PainCheck,)))


@public(document=False, reason="a pain rule's answer, shown at once; its checks are documents")
@attrs.frozen(kw_only=True)
class Judgement:
    """What a pain rule made of a report: its verdict, and the checks behind it.

    Attributes:
        verdict: The most cautious verdict of the checks (OK when there are none).
        checks: Each check with its reason; empty when the rule was asked for
            its verdict only (``explain=False``).
    """

    verdict: Verdict = attrs.field(validator=EnumCheck(Verdict))
    checks: tuple[PainCheck, ...] = attrs.field(default=(), validator=_CHECKS)


_new_judgement = maker(Judgement)


class _PainRule:
    """What every built-in pain rule shares: :meth:`judge`, the checked entry point."""

    __slots__ = ()

    def judge(
        self, report: PainReport, history: tuple[PainReport, ...] = (), *, explain: bool = True
    ) -> Judgement:
        """Judge a report (``history``: earlier reports, for rules that compare weeks).

        With ``explain=False`` only the verdict is worked out (no checks are written).

        Raises:
            InvalidValueError: ``report`` is not a PainReport or ``history`` not a
                tuple of them.
        """
        _check_args(report, history)
        return self.judge_unchecked(report, history, explain)

    def judge_unchecked(
        self, report: PainReport, history: tuple[PainReport, ...], explain: bool
    ) -> Judgement:
        """:meth:`judge` without the argument checks (for engines that built both)."""
        raise NotImplementedError  # pragma: no cover - every rule defines it


_LIMIT = Number(ge=0, le=10)


@public("pain_rule")
@attrs.frozen(kw_only=True)
class PainModel(_PainRule):
    """The pain-monitoring model (Silbernagel et al. 2007).

    Pain during the activity at most ``during_max``; right after at most
    ``after_max``; by the next morning back to the morning's baseline; and
    morning pain (or stiffness) not rising from one week to the next. Breaking
    any part means easing the load. Zones for display: up to ``safe_max`` is
    safe, up to ``during_max`` acceptable, above it high risk. The thresholds
    are grade B (one summary uses 3 rather than 2 for the safe zone).

    ``weekly_tolerance`` is how far this week's average may sit above last
    week's before it counts as a rise: by default :data:`WEEKLY_NOISE` (1
    point), so a 1-point wobble of a 0-10 rating is noise, and a rise towards
    the scale's minimal important change of about 2 points (Farrar 2001,
    grade A) counts. The model itself says "no rise" (0): plantarkit reads
    "rise" as a rise beyond noise (grade U). A rise counts once: the session
    at which this week first sits above last week eases off, and the rest of
    that week's sessions are not eased off again for the same rise.
    """

    during_max: int = attrs.field(default=5, validator=_LIMIT)
    after_max: int = attrs.field(default=5, validator=_LIMIT)
    safe_max: int = attrs.field(default=2, validator=_LIMIT)
    weekly_rise: bool = attrs.field(default=True, validator=Instance((bool,)))
    weekly_tolerance: float = attrs.field(
        default=WEEKLY_NOISE, validator=Number(ge=0, le=10, integer=False)
    )
    citation: Citation = citation_field(
        cite("silbernagel-2007", Grade.B, "pain-monitoring model thresholds"), required=True
    )

    def __attrs_post_init__(self) -> None:
        if self.safe_max > min(self.during_max, self.after_max):
            raise InvalidValueError(
                "$.safe_max",
                f"must be at most during_max and after_max"
                f" ({min(self.during_max, self.after_max)}), got {self.safe_max}",
            )

    kind: ClassVar[Literal["pain_model"]] = "pain_model"
    """The tag of this rule kind in JSON documents."""

    def judge_unchecked(
        self, report: PainReport, history: tuple[PainReport, ...], explain: bool
    ) -> Judgement:
        """:meth:`judge` without the argument checks (for engines that built both)."""
        out = _Checks(self, explain)
        out.at_most("during", report.during, self.during_max)
        out.at_most("after", report.after, self.after_max)
        out.settled(report, 0)
        if self.weekly_rise:
            out.weekly(report, history, self.weekly_tolerance)
        return out.judgement()

    def zone(self, pain: Pain) -> str:
        """``"safe"``, ``"acceptable"`` or ``"high risk"`` for a pain rating."""
        if pain.value <= self.safe_max:
            return "safe"
        return "acceptable" if pain.value <= self.during_max else "high risk"


@public("pain_rule")
@attrs.frozen(kw_only=True)
class IsometricRule(_PainRule):
    """The isometric hold rule (inhome-pt): pain below ``below``, settling within minutes.

    ``settle_minutes`` says how many minutes "within a few minutes" means; the
    source gives no number, so it is plantarkit's parameter (grade U).
    """

    below: int = attrs.field(default=6, validator=Number(ge=1, le=11))
    settle_minutes: float = attrs.field(default=5, validator=Number(ge=0, le=120, integer=False))
    citation: Citation = citation_field(
        cite("inhome-pt", Grade.U, "below 6/10, settles within minutes"), required=True
    )

    kind: ClassVar[Literal["isometric"]] = "isometric"
    """The tag of this rule kind in JSON documents."""

    def judge_unchecked(
        self, report: PainReport, history: tuple[PainReport, ...], explain: bool
    ) -> Judgement:
        """:meth:`judge` without the argument checks (for engines that built both)."""
        out = _Checks(self, explain)
        out.at_most("during", report.during, self.below - 1)
        out.settle_time(report.settled_minutes, self.settle_minutes)
        return out.judgement()


@public("pain_rule")
@attrs.frozen(kw_only=True)
class NextDayRule(_PainRule):
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
    citation: Citation = citation_field(
        cite("caratun-2018", Grade.B, "pain worse the next day: reduce"), required=True
    )
    ceiling_citation: Citation = citation_field(
        cite(
            "silbernagel-2007",
            Grade.U,
            "plantarkit's ceiling on pain during and after (the daily source gives none);"
            " the default 5/10 is the pain-monitoring model's acceptable limit",
        ),
        required=True,
    )

    kind: ClassVar[Literal["next_day"]] = "next_day"
    """The tag of this rule kind in JSON documents."""

    def judge_unchecked(
        self, report: PainReport, history: tuple[PainReport, ...], explain: bool
    ) -> Judgement:
        """:meth:`judge` without the argument checks (for engines that built both)."""
        out = _Checks(self, explain)
        if self.ceiling is not None:
            out.at_most("during", report.during, self.ceiling, self.ceiling_citation)
            out.at_most("after", report.after, self.ceiling, self.ceiling_citation)
        out.settled(report, self.tolerance)
        return out.judgement()


@public("pain_rule")
@attrs.frozen(kw_only=True)
class CautiousRule(_PainRule):
    """The early-phase rule (exakt-2021): an exercise that provokes pain is not the right one now.

    Pain during or after the exercise above ``at_most`` means reduce (an
    easier variant). The source gives no number; plantarkit reads "causes
    pain" as above the pain model's safe zone (2/10), a grade U parameter.
    """

    at_most: int = attrs.field(default=2, validator=_LIMIT)
    citation: Citation = citation_field(
        cite("exakt-2021", Grade.U, "painful exercise is not the right one"), required=True
    )

    kind: ClassVar[Literal["cautious"]] = "cautious"
    """The tag of this rule kind in JSON documents."""

    def judge_unchecked(
        self, report: PainReport, history: tuple[PainReport, ...], explain: bool
    ) -> Judgement:
        """:meth:`judge` without the argument checks (for engines that built both)."""
        out = _Checks(self, explain)
        out.at_most("during", report.during, self.at_most)
        out.at_most("after", report.after, self.at_most)
        return out.judgement()


PainRule = PainModel | IsometricRule | NextDayRule | CautiousRule
"""Every kind of pain rule."""


PAIN_RULE_TYPES: tuple[type, ...] = (PainModel, IsometricRule, NextDayRule, CautiousRule)


_HISTORY = TupleOf(Instance((PainReport,)))


# Plain names for the verdicts compared on every call: faster than ``Verdict.OK`` on 3.11.
_OK, _HOLD, _REDUCE = Verdict.OK, Verdict.HOLD, Verdict.REDUCE


class _Checks:
    """What a rule's checks found: the most cautious verdict and, when explaining, each check.

    A rule is written once, as a series of checks on this object. Asked for
    its verdict only (``explain=False``, the engine's first question), the
    same comparisons run and no reason text is written.
    """

    __slots__ = ("checks", "explain", "rule", "worst")

    def __init__(self, rule: "PainRule", explain: bool) -> None:
        self.rule = rule
        self.explain = explain
        self.worst = _OK
        self.checks: list[PainCheck] = []

    def add(
        self,
        found: Verdict,
        measure: str,
        reason: str,
        value: float | None = None,
        threshold: float | None = None,
        citation: Citation | None = None,
    ) -> None:
        self._note(found)
        self.checks.append(
            _new_pain_check(
                rule=self.rule.kind,
                verdict=found,
                measure=measure,
                reason=reason,
                citation=self.rule.citation if citation is None else citation,
                value=value,
                threshold=threshold,
            )
        )

    def at_most(
        self, measure: str, pain: Pain | None, limit: int, citation: Citation | None = None
    ) -> None:
        """``pain`` at most ``limit``; ``citation`` overrides the rule's own."""
        found = _HOLD if pain is None else _OK if pain.value <= limit else _REDUCE
        if not self.explain:
            self._note(found)
            return
        name = measure.replace("_", " ")
        if pain is None:
            self.add(found, measure, f"no {name} rating: hold", citation=citation)
        elif found is _OK:
            self.add(found, measure, f"{name} {pain} ≤ {limit}/10", pain.value, limit, citation)
        else:
            self.add(
                found, measure, f"{name} {pain} is above {limit}/10", pain.value, limit, citation
            )

    def settled(self, report: PainReport, tolerance: int) -> None:
        """Next-morning pain back to the morning's baseline, give or take ``tolerance``."""
        base, morning = report.first_step, report.next_morning
        if morning is None or base is None:
            found = _HOLD
            limit = 0
        else:
            limit = base.value + tolerance
            found = _OK if morning.value <= limit else _REDUCE
        if not self.explain:
            self._note(found)
            return
        if morning is None or base is None:
            self.add(
                found, "next_morning", "next-morning and baseline morning ratings needed: hold"
            )
        elif found is _OK:
            self.add(
                found,
                "next_morning",
                f"next morning {morning}, back to the baseline of {base}",
                morning.value,
                limit,
            )
        else:
            self.add(
                found,
                "next_morning",
                f"next morning {morning} is still above the baseline of {base}",
                morning.value,
                limit,
            )

    def settle_time(self, minutes: float | None, limit: float) -> None:
        """Pain settled within ``limit`` minutes after the exercise."""
        found = _HOLD if minutes is None else _OK if minutes <= limit else _REDUCE
        if not self.explain:
            self._note(found)
        elif minutes is None:
            self.add(found, "settled_minutes", "time to settle not rated: hold")
        elif found is _OK:
            self.add(found, "settled_minutes", f"settled in {minutes:g} min", minutes, limit)
        else:
            self.add(
                found,
                "settled_minutes",
                f"took {minutes:g} min to settle, over {limit:g}",
                minutes,
                limit,
            )

    def weekly(self, report: PainReport, history: tuple[PainReport, ...], tolerance: float) -> None:
        """Morning pain and stiffness not rising from last week to this week."""
        allowed = f" (more than {tolerance:g} counts)" if tolerance else ""
        for measure, (now_sum, now_n, before_sum, before_n) in zip(
            _WEEKLY, _weekly_sums(report, history), strict=True
        ):
            if not now_n or not before_n:
                continue
            rose = _rise(now_sum, now_n, before_sum, before_n, tolerance)
            already = rose and _rose_earlier(measure, report, history, tolerance)
            found = _REDUCE if rose and not already else _OK
            if not self.explain:
                self._note(found)
                continue
            mean_now, mean_before = now_sum / now_n, before_sum / before_n
            name = measure.replace("_", " ")
            if already:
                text = (
                    f"{name} rose from {mean_before:.1f} last week to {mean_now:.1f} this"
                    f" week{allowed}; eased off for it already this week"
                )
            elif rose:
                text = (
                    f"{name} rose from {mean_before:.1f} last week "
                    f"to {mean_now:.1f} this week{allowed}"
                )
            else:
                text = (
                    f"{name} did not rise week on week ({mean_before:.1f} → {mean_now:.1f})"
                    f"{allowed}"
                )
            self.add(found, f"weekly_{measure}", text, mean_now, mean_before + tolerance)

    def _note(self, found: Verdict) -> None:
        if found is _REDUCE or (found is _HOLD and self.worst is _OK):
            self.worst = found

    def judgement(self) -> "Judgement":
        return _new_judgement(verdict=self.worst, checks=tuple(self.checks))


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


def _rose_earlier(
    measure: str, report: PainReport, history: tuple[PainReport, ...], tolerance: float
) -> bool:
    """Whether this week already sat above last week, as judged at an earlier day this week.

    The rise was then acted on: a week-on-week rise counts once, not at each session.
    """
    this = _week(report.day)
    index = _WEEKLY.index(measure)
    earlier = sorted({r.day for r in history if _week(r.day) == this and r.day < report.day})
    for day in earlier:
        before = tuple(r for r in history if r.day <= day)
        now_sum, now_n, before_sum, before_n = _weekly_sums(before[-1], before[:-1])[index]
        if now_n and before_n and _rise(now_sum, now_n, before_sum, before_n, tolerance):
            return True
    return False


def _rise(now_sum: int, now_n: int, before_sum: int, before_n: int, tolerance: float) -> bool:
    """Whether this week's mean is above last week's by more than ``tolerance``.

    Compared without dividing, so that no rounding can tip a verdict.
    """
    return now_sum * before_n > before_sum * now_n + tolerance * now_n * before_n


def _check_args(report: object, history: object) -> None:
    if not isinstance(report, PainReport):
        raise InvalidValueError("$.report", f"expected a PainReport, got {type(report).__name__}")
    _HISTORY.check("$.history", history)


def evaluate(
    rule: PainRule, report: PainReport, history: tuple[PainReport, ...] = ()
) -> tuple[PainCheck, ...]:
    """Apply a pain rule to a report; ``history`` holds earlier reports for weekly comparisons.

    The same as ``rule.judge(report, history).checks``.

    Returns:
        The checks the rule made, each with a verdict and a reason. A missing
        rating the rule needs gives a HOLD check, never an OK one.

    Raises:
        InvalidValueError: ``rule`` or ``report`` is not of the right type.
    """
    if not isinstance(rule, PAIN_RULE_TYPES):
        raise InvalidValueError("$.rule", f"expected a pain rule, got {type(rule).__name__}")
    return rule.judge(report, history).checks


def verdict(checks: tuple[PainCheck, ...]) -> Verdict:
    """The overall verdict of several checks: the most cautious one (OK when there are none)."""
    _CHECKS.check("$.checks", checks)
    worst = Verdict.OK
    for c in checks:
        if _VERDICT_LEVELS[c.verdict.value] > _VERDICT_LEVELS[worst.value]:
            worst = c.verdict
    return worst
