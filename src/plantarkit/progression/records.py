"""Session records: what a person did and felt, as the engine and the gates read it.

A :class:`SessionLog` holds what was done of each exercise
(:class:`ExerciseLog`), pain ratings (:class:`PainReport`), test results
(:class:`TestResult`) and red-flag answers. Records are plain values: they say
what happened, never what it means (that is the rules' job).
"""

import enum
from typing import Any

import attrs

from plantarkit._core.checks import LAST_DAY, EnumCheck, Instance, Number, Text, TupleOf
from plantarkit._core.errors import InvalidValueError
from plantarkit._core.ids import ID
from plantarkit._core.pain import Pain
from plantarkit._core.registry import public
from plantarkit._core.side import Bilateral, BilateralOf, Side
from plantarkit.chain import RedFlagScreen

__all__ = [
    "MAX_LOG_ENTRIES",
    "MAX_LOG_REPORTS",
    "ExerciseLog",
    "PainReport",
    "SessionLog",
    "TestKind",
    "TestResult",
    "no_signs",
]


@public()
class TestKind(enum.Enum):
    """A test whose result a gate can ask for (higher is better for each)."""

    __test__ = False  # not a pytest test class

    HEEL_RAISE_REPS = "heel_raise_reps"
    LUNGE_CM = "lunge_cm"
    HIP_INTERNAL_ROTATION_DEG = "hip_internal_rotation_deg"
    BRISK_WALK_MINUTES = "brisk_walk_minutes"
    """Minutes of brisk walking that are easy (before run/walk)."""


@public()
@attrs.frozen(kw_only=True)
class TestResult:
    """A test result on one side.

    Attributes:
        test: Which test.
        side: Which side (``None`` for a test of the whole person, such as walking).
        value: The result.
    """

    __test__ = False  # not a pytest test class

    test: TestKind = attrs.field(validator=EnumCheck(TestKind))
    value: float = attrs.field(validator=Number(ge=0, le=10_000, integer=False))
    side: Side | None = attrs.field(default=None, validator=EnumCheck(Side, optional=True))


_OPTIONAL_ID = Text(pattern=ID.pattern, what=ID.what, optional=True)


def _pain() -> Any:
    return attrs.field(default=None, validator=Instance((Pain,), optional=True))


@public()
@attrs.frozen(kw_only=True, cache_hash=True)
class PainReport:
    """Pain around one session (or one exercise of it), each rating optional.

    Attributes:
        day: Programme day of the session (1 is the first day).
        exercise: The exercise the ratings are for; ``None`` for the whole session.
        first_step: Pain on the first steps that morning, before the session (the baseline).
        during: Highest pain during the exercise or session.
        after: Pain right after it.
        next_morning: Pain on the first steps the next morning.
        stiffness: Morning stiffness, 0-10.
        settled_minutes: Minutes until pain after the exercise had settled.
    """

    day: int = attrs.field(validator=Number(ge=1, le=LAST_DAY))
    exercise: str | None = attrs.field(default=None, validator=_OPTIONAL_ID)
    first_step: Pain | None = _pain()
    during: Pain | None = _pain()
    after: Pain | None = _pain()
    next_morning: Pain | None = _pain()
    stiffness: Pain | None = _pain()
    settled_minutes: float | None = attrs.field(
        default=None, validator=Number(ge=0, le=24 * 60, integer=False, optional=True)
    )


def no_signs() -> Bilateral[bool | None]:
    """Trendelenburg not checked on either side."""
    return Bilateral(left=None, right=None)


@public()
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
        default=(), validator=TupleOf(Number(ge=0, le=24 * 3600, integer=False))
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


MAX_LOG_REPORTS = 50
"""The most pain reports one session log may carry (plantarkit's own limit, grade U).

A session has a handful (one for the session, one per exercise, a late next-morning
one); past this a log is refused with a clear error instead of slowing every later
session and growing the stored state."""

MAX_LOG_ENTRIES = 100
"""The most exercises or test results one session log may carry (plantarkit's own limit)."""


@public()
@attrs.frozen(kw_only=True)
class SessionLog:
    """One session as it happened: what was done, how it felt, tests and red flags.

    Attributes:
        day: Programme day (1 is the first); days must increase from log to log.
        exercises: What was done of each exercise (absent ones count as not done).
        pain: Pain reports for the session and/or single exercises.
        tests: Test results taken at this session (heel raises, lunge, ...);
            the newest result of each test and side is what phase gates see.
        trendelenburg: Trendelenburg sign per side, if checked this time.
        red_flags: Red-flag answers, if asked this time.
    """

    day: int = attrs.field(validator=Number(ge=1, le=LAST_DAY))
    exercises: tuple[ExerciseLog, ...] = attrs.field(
        default=(), validator=TupleOf(Instance((ExerciseLog,)), max_length=MAX_LOG_ENTRIES)
    )
    pain: tuple[PainReport, ...] = attrs.field(
        default=(), validator=TupleOf(Instance((PainReport,)), max_length=MAX_LOG_REPORTS)
    )
    tests: tuple[TestResult, ...] = attrs.field(
        default=(), validator=TupleOf(Instance((TestResult,)), max_length=MAX_LOG_ENTRIES)
    )
    trendelenburg: Bilateral[bool | None] = attrs.field(
        factory=no_signs, validator=BilateralOf(Instance((bool,), optional=True))
    )
    red_flags: RedFlagScreen | None = attrs.field(
        default=None, validator=Instance((RedFlagScreen,), optional=True)
    )
