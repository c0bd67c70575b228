"""Gates: declarative conditions for entering or leaving a phase, and how to check them.

A gate is a value (so it can be shown, stored and compared); its ``check``
judges it against :class:`Evidence` and says passed, failed or unknown
(evidence missing), always with a reason.
"""

import enum
from typing import ClassVar, Literal

import attrs

from plantarkit._core.checks import LAST_DAY, EnumCheck, Instance, Number, Text, TupleOf
from plantarkit._core.errors import InvalidValueError
from plantarkit._core.evidence import Citation, citation_field
from plantarkit._core.pain import Pain
from plantarkit._core.registry import public
from plantarkit._core.side import Bilateral, BilateralOf, Side
from plantarkit._core.trusted import maker
from plantarkit.progression.records import TestKind, TestResult


@public()
class PainMeasure(enum.Enum):
    """When pain was rated."""

    FIRST_STEP = "first_step"
    """On the first steps in the morning."""
    DURING = "during"
    """During the exercise or activity."""
    AFTER = "after"
    """Right after it."""
    NEXT_MORNING = "next_morning"
    """The next morning."""


@public()
class GateStatus(enum.Enum):
    """The outcome of checking a gate."""

    PASSED = "passed"
    FAILED = "failed"
    UNKNOWN = "unknown"
    """The evidence the gate needs is missing."""


@public()
@attrs.frozen(kw_only=True)
class PainRecord:
    """One pain rating on one day.

    Attributes:
        day: Day number of the programme (1 is the first day).
        measure: When the pain was rated.
        pain: The rating.
    """

    day: int = attrs.field(validator=Number(ge=1, le=LAST_DAY))
    measure: PainMeasure = attrs.field(validator=EnumCheck(PainMeasure))
    pain: Pain = attrs.field(validator=Instance((Pain,)))


@public()
@attrs.frozen(kw_only=True)
class Evidence:
    """What is known when gates are checked; every part may be missing.

    Attributes:
        pain: Pain ratings, any order.
        tests: Test results.
        trendelenburg: Trendelenburg sign per side.
        mastered: Whether the current exercises are mastered.
        weeks_in_phase: Whole weeks spent in the current phase.
        red_flags: Whether any red flag is positive.
        painful_sides: Painful side(s), for tests judged on the painful side.
    """

    pain: tuple[PainRecord, ...] = attrs.field(
        default=(), validator=TupleOf(Instance((PainRecord,)))
    )
    tests: tuple[TestResult, ...] = attrs.field(
        default=(), validator=TupleOf(Instance((TestResult,)))
    )
    trendelenburg: Bilateral[bool | None] = attrs.field(
        factory=lambda: Bilateral(left=None, right=None),
        validator=BilateralOf(Instance((bool,), optional=True)),
    )
    mastered: bool | None = attrs.field(default=None, validator=Instance((bool,), optional=True))
    weeks_in_phase: int | None = attrs.field(
        default=None, validator=Number(ge=0, le=520, optional=True)
    )
    red_flags: bool | None = attrs.field(default=None, validator=Instance((bool,), optional=True))
    painful_sides: tuple[Side, ...] = attrs.field(
        default=(), validator=TupleOf(EnumCheck(Side), unique=True)
    )


@public("gate")
@attrs.frozen(kw_only=True)
class PainAtMost:
    """Pain on one measure at most ``at_most`` on each of the last ``days`` rated days."""

    measure: PainMeasure = attrs.field(validator=EnumCheck(PainMeasure))
    at_most: int = attrs.field(validator=Number(ge=0, le=10))
    days: int = attrs.field(default=1, validator=Number(ge=1, le=90))
    citation: Citation | None = citation_field()

    kind: ClassVar[Literal["pain_at_most"]] = "pain_at_most"
    """The tag of this gate kind in JSON documents."""

    def pain_measures(self) -> tuple[PainMeasure, ...]:
        """The pain measures this gate reads (the engine gathers only those)."""
        return (self.measure,)

    def __str__(self) -> str:
        measure = self.measure.value.replace("_", " ")
        days = "" if self.days == 1 else f" on each of the last {self.days} days"
        return f"{measure} pain at most {self.at_most}/10{days}"

    def check(self, evidence: "Evidence") -> "GateResult":
        """Check this gate against the evidence: passed, failed or unknown, with the reason.

        Raises:
            InvalidValueError: ``evidence`` is not :class:`Evidence`.
        """
        _check_evidence(evidence)
        records = sorted(
            (r for r in evidence.pain if r.measure is self.measure), key=lambda r: r.day
        )
        days = sorted({r.day for r in records})[-self.days :]
        if len(days) < self.days:
            return _result(
                self,
                GateStatus.UNKNOWN,
                f"needs {self.days} day(s) of {self.measure.value} ratings, has {len(days)}",
            )
        worst = max(r.pain.value for r in records if r.day in days)
        if worst <= self.at_most:
            return _result(
                self, GateStatus.PASSED, f"highest was {worst}/10, limit {self.at_most}/10"
            )
        return _result(
            self, GateStatus.FAILED, f"rated {worst}/10, above the limit of {self.at_most}/10"
        )


@public()
class SideScope(enum.Enum):
    """Which side a test gate is judged on."""

    PAINFUL = "painful"
    """The painful side(s); every measured side when none is recorded."""
    EACH = "each"
    """Every measured side."""


@public("gate")
@attrs.frozen(kw_only=True)
class TestAtLeast:
    """A test result of at least ``at_least`` (on the painful side, or each side)."""

    __test__ = False  # not a pytest test class

    test: TestKind = attrs.field(validator=EnumCheck(TestKind))
    at_least: float = attrs.field(validator=Number(ge=0, le=10_000, integer=False))
    sides: SideScope = attrs.field(default=SideScope.PAINFUL, validator=EnumCheck(SideScope))
    citation: Citation | None = citation_field()

    kind: ClassVar[Literal["test_at_least"]] = "test_at_least"
    """The tag of this gate kind in JSON documents."""

    def pain_measures(self) -> tuple[PainMeasure, ...]:
        """The pain measures this gate reads (the engine gathers only those)."""
        return ()

    def __str__(self) -> str:
        value = int(self.at_least) if float(self.at_least).is_integer() else self.at_least
        where = " on the painful side" if self.sides is SideScope.PAINFUL else " on each side"
        where = "" if self.test is TestKind.BRISK_WALK_MINUTES else where
        return f"{self.test.value.replace('_', ' ')} at least {value}{where}"

    def check(self, evidence: "Evidence") -> "GateResult":
        """Check this gate against the evidence: passed, failed or unknown, with the reason.

        Raises:
            InvalidValueError: ``evidence`` is not :class:`Evidence`.
        """
        _check_evidence(evidence)
        results = [t for t in evidence.tests if t.test is self.test]
        if self.test is not TestKind.BRISK_WALK_MINUTES:
            wanted = (
                evidence.painful_sides
                if self.sides is SideScope.PAINFUL and evidence.painful_sides
                else tuple({t.side for t in results if t.side is not None})
            )
            results = [t for t in results if t.side in wanted]
        if not results:
            return _result(self, GateStatus.UNKNOWN, f"no {self.test.value} result")
        lowest = min(results, key=lambda t: t.value)
        where = f" ({lowest.side.value})" if lowest.side is not None else ""
        if lowest.value >= self.at_least:
            return _result(
                self, GateStatus.PASSED, f"lowest {lowest.value:g}{where} ≥ {self.at_least:g}"
            )
        return _result(
            self, GateStatus.FAILED, f"{lowest.value:g}{where} is below {self.at_least:g}"
        )


@public("gate")
@attrs.frozen(kw_only=True)
class NoTrendelenburg:
    """No Trendelenburg sign on either side."""

    citation: Citation | None = citation_field()

    kind: ClassVar[Literal["no_trendelenburg"]] = "no_trendelenburg"
    """The tag of this gate kind in JSON documents."""

    def pain_measures(self) -> tuple[PainMeasure, ...]:
        """The pain measures this gate reads (the engine gathers only those)."""
        return ()

    def __str__(self) -> str:
        return "no Trendelenburg sign"

    def check(self, evidence: "Evidence") -> "GateResult":
        """Check this gate against the evidence: passed, failed or unknown, with the reason.

        Raises:
            InvalidValueError: ``evidence`` is not :class:`Evidence`.
        """
        _check_evidence(evidence)
        signs = [v for _, v in evidence.trendelenburg.items() if v is not None]
        if any(signs):
            return _result(self, GateStatus.FAILED, "Trendelenburg sign positive")
        if not signs:
            return _result(self, GateStatus.UNKNOWN, "Trendelenburg not tested")
        return _result(self, GateStatus.PASSED, "no Trendelenburg sign")


@public("gate")
@attrs.frozen(kw_only=True)
class ExercisesMastered:
    """The current phase's exercises are mastered (done at the full dose with good form)."""

    citation: Citation | None = citation_field()

    kind: ClassVar[Literal["exercises_mastered"]] = "exercises_mastered"
    """The tag of this gate kind in JSON documents."""

    def pain_measures(self) -> tuple[PainMeasure, ...]:
        """The pain measures this gate reads (the engine gathers only those)."""
        return ()

    def __str__(self) -> str:
        return "current exercises mastered"

    def check(self, evidence: "Evidence") -> "GateResult":
        """Check this gate against the evidence: passed, failed or unknown, with the reason.

        Raises:
            InvalidValueError: ``evidence`` is not :class:`Evidence`.
        """
        _check_evidence(evidence)
        return _flag(
            self,
            evidence.mastered,
            "exercises mastered",
            "exercises not yet mastered",
            "mastery not recorded",
        )


@public("gate")
@attrs.frozen(kw_only=True)
class WeeksInPhase:
    """At least ``at_least`` whole weeks in the current phase."""

    at_least: int = attrs.field(validator=Number(ge=0, le=520))
    citation: Citation | None = citation_field()

    kind: ClassVar[Literal["weeks_in_phase"]] = "weeks_in_phase"
    """The tag of this gate kind in JSON documents."""

    def pain_measures(self) -> tuple[PainMeasure, ...]:
        """The pain measures this gate reads (the engine gathers only those)."""
        return ()

    def __str__(self) -> str:
        return f"at least {self.at_least} week{'s' if self.at_least != 1 else ''} in the phase"

    def check(self, evidence: "Evidence") -> "GateResult":
        """Check this gate against the evidence: passed, failed or unknown, with the reason.

        Raises:
            InvalidValueError: ``evidence`` is not :class:`Evidence`.
        """
        _check_evidence(evidence)
        if evidence.weeks_in_phase is None:
            return _result(self, GateStatus.UNKNOWN, "weeks in phase not known")
        ok = evidence.weeks_in_phase >= self.at_least
        return _result(
            self,
            GateStatus.PASSED if ok else GateStatus.FAILED,
            f"{evidence.weeks_in_phase} of {self.at_least} week(s)",
        )


@public("gate")
@attrs.frozen(kw_only=True)
class NoRedFlags:
    """No positive red flag."""

    citation: Citation | None = citation_field()

    kind: ClassVar[Literal["no_red_flags"]] = "no_red_flags"
    """The tag of this gate kind in JSON documents."""

    def pain_measures(self) -> tuple[PainMeasure, ...]:
        """The pain measures this gate reads (the engine gathers only those)."""
        return ()

    def __str__(self) -> str:
        return "no red flags"

    def check(self, evidence: "Evidence") -> "GateResult":
        """Check this gate against the evidence: passed, failed or unknown, with the reason.

        Raises:
            InvalidValueError: ``evidence`` is not :class:`Evidence`.
        """
        _check_evidence(evidence)
        flagged = None if evidence.red_flags is None else not evidence.red_flags
        return _flag(
            self,
            flagged,
            "red-flag screen clear",
            "a red flag is positive",
            "red-flag screen not done",
        )


Gate = PainAtMost | TestAtLeast | NoTrendelenburg | ExercisesMastered | WeeksInPhase | NoRedFlags
"""Every kind of gate."""


GATE_TYPES: tuple[type, ...] = (
    PainAtMost,
    TestAtLeast,
    NoTrendelenburg,
    ExercisesMastered,
    WeeksInPhase,
    NoRedFlags,
)


@public(document=False, reason="a gate check's outcome, shown at once; not stored")
@attrs.frozen(kw_only=True)
class GateResult:
    """The outcome of checking one gate, with the reason.

    Attributes:
        gate: The gate checked.
        status: Passed, failed or unknown.
        reason: Why, in words.
    """

    gate: Gate = attrs.field(validator=Instance(GATE_TYPES))
    status: GateStatus = attrs.field(validator=EnumCheck(GateStatus))
    reason: str = attrs.field(validator=Text(non_empty=True))

    @property
    def passed(self) -> bool:
        """Whether the gate passed."""
        return self.status is GateStatus.PASSED


# A gate's result is built from the gate itself and its own reason, without a second round
# of field checks; the tests rebuild results with the checking constructor.
_new_result = maker(GateResult)


def _result(gate: Gate, status: GateStatus, reason: str) -> GateResult:
    return _new_result(gate=gate, status=status, reason=reason)


def _check_evidence(evidence: object) -> None:
    if not isinstance(evidence, Evidence):
        raise InvalidValueError("$.evidence", f"expected Evidence, got {type(evidence).__name__}")


def check(gate: Gate, evidence: Evidence) -> GateResult:
    """Check one gate against the evidence (the same as ``gate.check(evidence)``).

    Returns:
        A :class:`GateResult`: passed, failed, or unknown when the evidence
        the gate needs is missing; always with a reason.

    Raises:
        InvalidValueError: ``gate`` or ``evidence`` is not of the right type.
    """
    if not isinstance(gate, GATE_TYPES):
        raise InvalidValueError("$.gate", f"expected a gate, got {type(gate).__name__}")
    return gate.check(evidence)


def _flag(gate: Gate, value: bool | None, yes: str, no: str, unknown: str) -> GateResult:
    if value is None:
        return _result(gate, GateStatus.UNKNOWN, unknown)
    return _result(gate, GateStatus.PASSED if value else GateStatus.FAILED, yes if value else no)


def check_all(gates: tuple[Gate, ...], evidence: Evidence) -> tuple[GateResult, ...]:
    """Check several gates; all must pass for a phase to be entered or left."""
    return tuple(check(g, evidence) for g in gates)
