"""What a rule sees and says: an exercise's state, the session's context, a proposal."""

import typing
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

import attrs

from plantarkit._core.checks import LAST_DAY, Instance, Number, Text, TupleOf
from plantarkit._core.errors import InvalidValueError
from plantarkit._core.evidence import Citation
from plantarkit._core.ids import ID
from plantarkit._core.registry import family, public
from plantarkit._core.trusted import maker
from plantarkit.exercises import Catalogue, Prescription
from plantarkit.progression.records import ExerciseLog, PainReport

if TYPE_CHECKING:
    from plantarkit.progression.rules._progress import ProgressionRule


_NONE: frozenset[str] = frozenset()


def check_rules(rules: object, path: str) -> None:
    """Raise unless ``rules`` is a tuple of built-in progression rule values."""
    if not isinstance(rules, tuple):
        raise InvalidValueError(path, f"expected a tuple of rules, got {type(rules).__name__}")
    for i, rule in enumerate(typing.cast(tuple[object, ...], rules)):
        if not isinstance(rule, family("progression_rule")):
            raise InvalidValueError(
                f"{path}[{i}]", f"expected a progression rule value, got {type(rule).__name__}"
            )


@public()
@attrs.frozen(kw_only=True)
class ExerciseState:
    """Where one exercise stands.

    Attributes:
        exercise: The exercise id.
        dose: The current dose.
        ladder: The ladder it moves on, if any.
        rung: Its rung on that ladder.
        good_sessions: Sessions in a row that met the dose within the pain rule.
        progression: How this exercise progresses (from the protocol's slot);
            empty: the engine's rules (:attr:`EngineRules.progression`).
        row: For an exercise on its protocol's weekly dose table, the row of
            the table it has reached (0 is the first); ``None`` otherwise.
        eased_from: The dose it was eased off from, in place (less load,
            fewer sets, less work), which it builds back up to, a step at a
            time, before any progression rule moves it on; ``None`` when it
            is not eased off.
        last_done_day: The last day it was done (``None``: not yet), which the
            engine reads to tell a rest day due (see :attr:`EngineRules.respect_schedule`).
        week_sessions: How many times it was done in the programme week of
            ``last_done_day`` (days 1-7 are week 1), for a prescribed number a week.
    """

    exercise: str = attrs.field(validator=ID)
    dose: Prescription = attrs.field(validator=Instance((Prescription,)))
    ladder: str | None = attrs.field(default=None, validator=Text(optional=True))
    rung: int | None = attrs.field(default=None, validator=Number(ge=0, le=100, optional=True))
    good_sessions: int = attrs.field(default=0, validator=Number(ge=0, le=10_000))
    progression: "tuple[ProgressionRule, ...]" = attrs.field(default=())
    row: int | None = attrs.field(default=None, validator=Number(ge=0, le=520, optional=True))
    eased_from: Prescription | None = attrs.field(
        default=None, validator=Instance((Prescription,), optional=True)
    )
    last_done_day: int | None = attrs.field(
        default=None, validator=Number(ge=1, le=LAST_DAY, optional=True)
    )
    week_sessions: int = attrs.field(default=0, validator=Number(ge=0, le=7))

    def __attrs_post_init__(self) -> None:
        if (self.last_done_day is None) != (self.week_sessions == 0):
            raise InvalidValueError(
                "$.week_sessions",
                "counts the sessions in the week of last_done_day: at least 1 when that"
                " day is given, 0 when it is null",
            )
        if (self.ladder is None) != (self.rung is None):
            raise InvalidValueError("$.rung", "a ladder and a rung go together (both or neither)")
        check_rules(self.progression, "$.progression")
        if self.eased_from is not None and self.eased_from == self.dose:
            raise InvalidValueError(
                "$.eased_from", "is the current dose: null when the exercise is not eased off"
            )


@public(document=False, reason="what a rule sees during one session; never stored")
@attrs.frozen(kw_only=True)
class RuleContext:
    """What a rule sees besides the exercise's state (the engine makes one per exercise).

    Attributes:
        day: The session's programme day (its week is :attr:`week`).
        good_sessions: Good sessions in a row, this one included (progression),
            or as they were (regression).
        sessions_to_progress: The engine's default number of good sessions
            before a step up (rules with ``sessions=None`` use it).
        catalogue: Where ladders and default doses come from.
        done: What was done of the exercise this session (``None`` if nothing).
        pain: Today's pain ratings for the exercise: its report, or, when
            several applied (its own and the session's), each rating at its
            highest over them.
        how: How the session went, in words (for reasons).
        schedule: The rows of the protocol's weekly dose table reached by this
            week, in order (the last is :attr:`table`), when the exercise
            follows one; else empty.
        in_phase: The exercises in the phase: a proposal that switches to one
            of them does not apply (two states of one exercise would clash).
    """

    day: int = attrs.field(validator=Number(ge=1, le=LAST_DAY))
    good_sessions: int = attrs.field(validator=Number(ge=0, le=10_000))
    sessions_to_progress: int = attrs.field(validator=Number(ge=1, le=50))
    catalogue: Catalogue = attrs.field(validator=Instance((Catalogue,)))
    done: ExerciseLog | None = attrs.field(
        default=None, validator=Instance((ExerciseLog,), optional=True)
    )
    pain: PainReport | None = attrs.field(
        default=None, validator=Instance((PainReport,), optional=True)
    )
    how: str = attrs.field(default="", validator=Text())
    schedule: tuple[Prescription, ...] = attrs.field(
        default=(), validator=TupleOf(Instance((Prescription,)))
    )
    in_phase: AbstractSet[str] = attrs.field(default=_NONE, validator=Instance((frozenset, set)))

    @property
    def week(self) -> int:
        """The programme week of :attr:`day` (days 1-7 are week 1)."""
        return (self.day - 1) // 7 + 1

    @property
    def table(self) -> Prescription | None:
        """This week's row of the protocol's weekly dose table (``None``: no table)."""
        return self.schedule[-1] if self.schedule else None


@public(document=False, reason="a rule's answer inside advance(); its Decision is stored")
@attrs.frozen(kw_only=True)
class Proposal:
    """What a rule proposes for an exercise: one step, or keeping the dose for now.

    Attributes:
        to: The exercise's new state; ``None`` keeps the current dose.
        text: Why, in words.
        counts: Whether this session counts as a good one; ``False`` starts
            the count again (e.g. run/walk pain above its stricter limit).
        measure: What was measured, if anything.
        value: The measured value.
        threshold: The threshold it was judged against.
        citation: Where the rule comes from.
        rule: The rule that made the proposal, when a rule passes on
            another's (``WeeklyTable(within=...)``, ``Only``): the reason then
            names the rule that decided (``"load_up"``), not the one asked.
            Empty: the rule asked made it. A custom rule may set it to name
            a part of itself.
    """

    to: ExerciseState | None = attrs.field(validator=Instance((ExerciseState,), optional=True))
    text: str = attrs.field(validator=Text(non_empty=True))
    counts: bool = attrs.field(default=True, validator=Instance((bool,)))
    measure: str = attrs.field(default="", validator=Text())
    value: float | None = attrs.field(
        default=None, validator=Number(ge=-1e9, le=1e9, integer=False, optional=True)
    )
    threshold: float | None = attrs.field(
        default=None, validator=Number(ge=-1e9, le=1e9, integer=False, optional=True)
    )
    citation: Citation | None = attrs.field(
        default=None, validator=Instance((Citation,), optional=True)
    )
    rule: str = attrs.field(default="", validator=Text())


_new_proposal = maker(Proposal)


_new_state = maker(ExerciseState, defaults=False)


make_proposal = _new_proposal
"""Build a proposal of a built-in rule (its parts are checked values already)."""


def state_of(
    ex: ExerciseState,
    exercise: str,
    dose: Prescription,
    ladder: str | None,
    rung: int | None,
    row: int | None,
) -> ExerciseState:
    """A new state for ``ex`` (count of good sessions restarted, its rules kept)."""
    return _new_state(
        exercise=exercise,
        dose=dose,
        ladder=ladder,
        rung=rung,
        good_sessions=0,
        progression=ex.progression,
        row=row,
        eased_from=None,
        last_done_day=ex.last_done_day,
        week_sessions=ex.week_sessions,
    )
