"""What a session log holds: what was done of each exercise, pain, tests and red flags."""

import attrs

from plantarkit._core.checks import LAST_DAY, EnumCheck, Instance, Number, Text, TupleOf
from plantarkit._core.errors import InvalidValueError
from plantarkit._core.side import Bilateral, Side
from plantarkit.chain import RedFlagScreen
from plantarkit.chain._assessment import BilateralOf
from plantarkit.exercises._model import ID
from plantarkit.progression._gates import TestResult
from plantarkit.progression._pain import PainReport

__all__ = ["ExerciseLog", "SessionLog"]


def no_signs() -> Bilateral[bool | None]:
    """Trendelenburg not checked on either side."""
    return Bilateral(left=None, right=None)


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
        default=(), validator=TupleOf(Instance((ExerciseLog,)))
    )
    pain: tuple[PainReport, ...] = attrs.field(
        default=(), validator=TupleOf(Instance((PainReport,)))
    )
    tests: tuple[TestResult, ...] = attrs.field(
        default=(), validator=TupleOf(Instance((TestResult,)))
    )
    trendelenburg: Bilateral[bool | None] = attrs.field(
        factory=no_signs, validator=BilateralOf(Instance((bool,), optional=True))
    )
    red_flags: RedFlagScreen | None = attrs.field(
        default=None, validator=Instance((RedFlagScreen,), optional=True)
    )
