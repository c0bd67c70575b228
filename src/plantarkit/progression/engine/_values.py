"""The engine's values: where a person is, what was decided and why."""

import enum
import typing
from typing import Any

import attrs

from plantarkit._core import display
from plantarkit._core.checks import LAST_DAY, EnumCheck, Instance, Number, Text, TupleOf
from plantarkit._core.errors import InvalidValueError, UnknownIdError
from plantarkit._core.evidence import Citation
from plantarkit._core.fingerprint import FINGERPRINT_PATTERN
from plantarkit._core.ids import ID
from plantarkit._core.registry import public
from plantarkit._core.side import Bilateral, BilateralOf
from plantarkit._core.trusted import maker
from plantarkit.chain import Referral
from plantarkit.exercises import Prescription
from plantarkit.progression.records import PainReport, TestResult, no_signs
from plantarkit.progression.rules import (
    PAIN_RULE_TYPES,
    PROGRESSION_TYPES,
    REGRESSION_TYPES,
    AnyProgression,
    AnyRegression,
    ExerciseState,
    FewerSets,
    IsometricRule,
    LadderDown,
    LadderUp,
    LessLoad,
    LessWork,
    PainModel,
    PainRule,
    Verdict,
    WeeklyTable,
)


@public()
class ReasonKind(enum.StrEnum):
    """The kind of rule behind a reason, for every reason the built-in engine and rules give.

    A :class:`Reason`'s ``rule`` holds one of these (a ``StrEnum`` member is
    its own string, so it compares equal to the text it reads as in JSON), or
    the name of a custom rule.
    """

    RED_FLAG = "red_flag"
    """A red flag is positive: stop and refer."""
    GAP = "gap"
    """Back after a long gap: a step back."""
    ATTENDANCE = "attendance"
    """The exercise was not done this session."""
    DOSE = "dose"
    """The dose was not met."""
    PROGRESSION = "progression"
    """No progression rule applies."""
    REGRESSION = "regression"
    """No regression rule applies: already at the easiest dose."""
    BUILD_BACK = "build_back"
    """Building an eased-off exercise back up to the dose it was eased from."""
    PHASE = "phase"
    """The phase's timing: days in the phase, the usual week, the last phase."""
    GATE = "gate"
    """A phase gate."""
    FLARE = "flare"
    """Pain flared in a maintenance phase: back a phase."""
    PAIN_MODEL = "pain_model"
    ISOMETRIC = "isometric"
    NEXT_DAY = "next_day"
    CAUTIOUS = "cautious"
    WEEKLY_TABLE = "weekly_table"
    LADDER_UP = "ladder_up"
    LOAD_UP = "load_up"
    DOUBLE_PROGRESSION = "double_progression"
    VOLUME_UP = "volume_up"
    RUN_WALK_UP = "run_walk_up"
    ONLY = "only"
    LADDER_DOWN = "ladder_down"
    LESS_LOAD = "less_load"
    FEWER_SETS = "fewer_sets"
    LESS_WORK = "less_work"
    SCHEDULE = "schedule"
    """Logged against the prescription's frequency: held, not counted."""
    OUTLIER = "outlier"
    """A set far beyond the dose: taken for a mistake in the log, not counted."""
    SIDE = "side"
    """The other side than the programme's was trained: not counted."""
    STOPPED = "stopped"
    """Work logged while a red-flag stop is in force: not taken."""


@public()
class Action(enum.Enum):
    """What happens next to an exercise, or to the phase."""

    PROGRESS = "progress"
    HOLD = "hold"
    REGRESS = "regress"
    STOP = "stop"
    """Stop and refer: a red flag is positive."""


_OPTIONAL_ID = Text(pattern=ID.pattern, what=ID.what, optional=True)
_OPTIONAL_NUMBER = Number(ge=-1e9, le=1e9, integer=False, optional=True)


@public()
@attrs.frozen(kw_only=True)
class Reason:
    """Why a decision was made: which rule, on which measurement, against which threshold.

    Attributes:
        rule: The rule that fired (``"pain_model"``, ``"ladder_up"``, ``"gap"``, ...).
        text: The reason in words.
        measure: What was measured, if anything.
        value: The measured value.
        threshold: The threshold it was judged against.
        citation: Where the rule comes from.
    """

    rule: str = attrs.field(validator=Text(non_empty=True))
    text: str = attrs.field(validator=Text(non_empty=True))
    measure: str = attrs.field(default="", validator=Text())
    value: float | None = attrs.field(default=None, validator=_OPTIONAL_NUMBER)
    threshold: float | None = attrs.field(default=None, validator=_OPTIONAL_NUMBER)
    citation: Citation | None = attrs.field(
        default=None, validator=Instance((Citation,), optional=True)
    )


@public()
@attrs.frozen(kw_only=True)
class Decision:
    """The next step for one exercise after a session.

    Attributes:
        exercise: The exercise id.
        action: Progress, hold, regress or stop.
        reasons: Why (at least one).
        dose: The dose from now on, of ``next_exercise`` when the decision
            moves to another exercise.
        next_exercise: The exercise from now on, when the decision moves to
            another one (a rung up or down its ladder); ``None`` when it stays
            the same exercise.
    """

    exercise: str = attrs.field(validator=ID)
    action: Action = attrs.field(validator=EnumCheck(Action))
    reasons: tuple[Reason, ...] = attrs.field(validator=TupleOf(Instance((Reason,)), min_length=1))
    dose: Prescription = attrs.field(validator=Instance((Prescription,)))
    next_exercise: str | None = attrs.field(default=None, validator=_OPTIONAL_ID)

    def __attrs_post_init__(self) -> None:
        if self.next_exercise is not None and self.next_exercise == self.exercise:
            raise InvalidValueError(
                "$.next_exercise",
                f"expected another exercise than {self.exercise!r}, or null when it stays",
            )

    def __str__(self) -> str:
        to = f" to {self.next_exercise}" if self.next_exercise is not None else ""
        why = "; ".join(r.text for r in self.reasons)
        return f"{self.exercise}: {self.action.value}{to} ({why})"

    def _repr_markdown_(self) -> str:
        return display.markdown(self)

    def _repr_html_(self) -> str:
        return display.html(self)


@public()
@attrs.frozen(kw_only=True)
class PhaseDecision:
    """The phase's next step after a session: move on, hold, step back a phase, or stop.

    Attributes:
        phase: The id of the phase from now on (the next one after a move on,
            the one before after a step back).
        action: Progress (to the next phase), hold, regress (back a phase) or stop.
        reasons: Why (at least one): the gates checked, the days in the phase, a flare.
    """

    phase: str = attrs.field(validator=ID)
    action: Action = attrs.field(validator=EnumCheck(Action))
    reasons: tuple[Reason, ...] = attrs.field(validator=TupleOf(Instance((Reason,)), min_length=1))

    def __str__(self) -> str:
        why = "; ".join(r.text for r in self.reasons)
        return f"phase {self.phase}: {self.action.value} ({why})"

    def _repr_markdown_(self) -> str:
        return display.markdown(self)

    def _repr_html_(self) -> str:
        return display.html(self)


def _rule_tuple(types: tuple[type, ...], what: str) -> Any:
    """Validator: a tuple of rule values of ``types`` or plain callables."""

    def check(_: object, attribute: "attrs.Attribute[object]", value: object) -> None:
        path = f"$.{attribute.name}"
        if not isinstance(value, tuple):
            raise InvalidValueError(path, f"expected a tuple of {what}, got {type(value).__name__}")
        for i, rule in enumerate(typing.cast(tuple[object, ...], value)):
            if isinstance(rule, type) or not (isinstance(rule, types) or callable(rule)):
                got = (
                    f"the class {rule.__name__}" if isinstance(rule, type) else type(rule).__name__
                )
                raise InvalidValueError(
                    f"{path}[{i}]", f"expected a {what} or a function, got {got}"
                )

    return check


DEFAULT_PROGRESSION: tuple[AnyProgression, ...] = (WeeklyTable(), LadderUp())
"""The engine's default progression: the protocol's weekly dose table, then the ladder."""


DEFAULT_REGRESSION: tuple[AnyRegression, ...] = (
    LadderDown(),
    LessLoad(),
    FewerSets(),
    LessWork(),
)
"""The engine's default regression: a rung down, else less load, a set fewer, less work."""


OUTLIER_FACTOR = 3.0
"""A logged set above this many times the prescribed work is taken for a mistake in the log
(plantarkit's own limit, grade U): a 12-rep set logged as 80,000, or 36 for 12, is far
past what the rules can read as effort. Set ``EngineRules.outlier_factor`` to change it."""


@public()
@attrs.frozen(kw_only=True)
class EngineRules:
    """The engine's parameters (plantarkit's defaults are grade U unless cited).

    Attributes:
        sessions_to_progress: Good sessions in a row before a step up (for
            rules with ``sessions=None``) and for an exercise to count as mastered.
        min_days_in_phase: The fewest days a phase lasts before the next may begin.
        gap_days: A gap longer than this between sessions steps every exercise back.
        pain_rule: The pain rule for dynamic work (default: the pain-monitoring
            model) in phases that do not name their own (``Phase.pain_limits``).
        hold_rule: The pain rule for isometric loading (exercises the catalogue
            tags ``"isometric"``; default: the inhome-pt rule), applied with the
            phase's pain rules (the most cautious verdict wins).
        progression: How exercises move on when they may, tried in order (the
            first rule that applies wins); a protocol slot's own rules replace these.
            Rule values or plain callables ``(ExerciseState, RuleContext) -> Proposal | None``.
        regression: How exercises ease off when a pain rule is broken or after
            a long gap, tried in order; values or callables as above.
        flare_steps_back: Whether a flare of pain in a maintenance phase steps
            back to the phase before it.
        protocol_rules: Whether a protocol's own rules (a phase's
            ``pain_limits``, a slot's ``progression``) come before these;
            ``False`` applies these rules everywhere.
        next_morning_later: Whether next-morning ratings arrive with a later
            log (a report dated the session's day). Then a session is judged
            on the ratings given that day, as if the morning settles, and a
            late next-morning rating that breaks a rule eases the exercises
            off at the session it arrives with. By default a session is
            judged whole: without its next-morning rating it holds.
        respect_schedule: Whether a session logged against the prescription's
            frequency (a rest day due between sessions, two days in a row of a
            non-consecutive exercise, more sessions in a programme week than
            prescribed) is held and flagged instead of counting towards a step.
        outlier_factor: A set logged above this many times the dose's work
            (reps, seconds or intervals) is taken for a mistake in the log: the
            session is held and flagged, never counted as a good one.
    """

    sessions_to_progress: int = attrs.field(default=2, validator=Number(ge=1, le=50))
    min_days_in_phase: int = attrs.field(default=7, validator=Number(ge=1, le=365))
    gap_days: int = attrs.field(default=7, validator=Number(ge=1, le=365))
    pain_rule: PainRule = attrs.field(factory=PainModel, validator=Instance(PAIN_RULE_TYPES))
    hold_rule: PainRule = attrs.field(factory=IsometricRule, validator=Instance(PAIN_RULE_TYPES))
    progression: tuple[AnyProgression, ...] = attrs.field(
        default=DEFAULT_PROGRESSION,
        validator=_rule_tuple(PROGRESSION_TYPES, "progression rule"),
    )
    regression: tuple[AnyRegression, ...] = attrs.field(
        default=DEFAULT_REGRESSION,
        validator=_rule_tuple(REGRESSION_TYPES, "regression rule"),
    )
    flare_steps_back: bool = attrs.field(default=True, validator=Instance((bool,)))
    protocol_rules: bool = attrs.field(default=True, validator=Instance((bool,)))
    next_morning_later: bool = attrs.field(default=False, validator=Instance((bool,)))
    respect_schedule: bool = attrs.field(default=True, validator=Instance((bool,)))
    outlier_factor: float = attrs.field(
        default=OUTLIER_FACTOR, validator=Number(ge=1.5, le=100, integer=False)
    )


DEFAULT_RULES = EngineRules()


PAIN_HISTORY_DAYS = 90
"""How many rated days of pain reports a state keeps at least (days with a report, not
calendar days: the longest pain gate looks back over 90 rated days)."""


PAIN_KEPT_REPORTS = 3 * PAIN_HISTORY_DAYS
"""Up to this many reports are kept whole; past it the oldest days go."""


PAIN_MAX_REPORTS = 6 * PAIN_HISTORY_DAYS
"""The most pain reports a state keeps, whatever the days: past it the oldest go, so a
state stays small even for a person who sends many reports a day."""


MAX_DAYS_AHEAD = 120
"""How many days after the last logged day a log may be (plantarkit's own limit): a
mistyped day (3650 for 365) would otherwise move the timeline past every real log."""


MAX_DAYS_PAST_PLAN = 365
"""How many days past the programme's last planned day a log may be."""


@public()
@attrs.frozen(kw_only=True)
class ProgramState:
    """Where a person is in their programme.

    A state does not carry its programme: the engine takes both
    (``advance(program, state, log)``), and the state carries the programme's
    :attr:`~plantarkit.Program.fingerprint`, so a state used with another
    programme is refused. Store the programme once, and the state per session.

    Attributes:
        program_fingerprint: The :attr:`~plantarkit.Program.fingerprint` of the
            programme followed.
        phase_index: Index of the current phase in the protocol's phases (0 is the
            first).
        phase_id: The id of the current phase (checked against the programme by
            the engine).
        phase_start_day: The day the current phase began.
        day: The last logged day (0 before the first session).
        last_trained_day: The last day any exercise was done (0 before then):
            the gap rule counts from it, so logs with nothing done do not hide a gap.
        exercises: The state of each current exercise.
        pain: The pain reports of at least the last :data:`PAIN_HISTORY_DAYS`
            days with a report (for week-on-week rules and gates), in order of day.
        tests: The newest result of each test and side (from the assessment,
            then from session logs), for phase gates.
        trendelenburg: The newest Trendelenburg sign per side.
        referral: Set while a red flag stops the programme.
        cleared_by: Who lifted each red-flag stop so far, in order
            (:func:`clear_referral`).
    """

    program_fingerprint: str = attrs.field(
        validator=Text(pattern=FINGERPRINT_PATTERN, what="a programme's fingerprint")
    )
    phase_index: int = attrs.field(validator=Number(ge=0, le=100))
    phase_id: str = attrs.field(validator=ID)
    exercises: tuple[ExerciseState, ...] = attrs.field(
        validator=TupleOf(Instance((ExerciseState,)))
    )
    day: int = attrs.field(default=0, validator=Number(ge=0, le=LAST_DAY))
    last_trained_day: int = attrs.field(default=0, validator=Number(ge=0, le=LAST_DAY))
    phase_start_day: int = attrs.field(default=1, validator=Number(ge=1, le=LAST_DAY + 1))
    pain: tuple[PainReport, ...] = attrs.field(
        default=(), validator=TupleOf(Instance((PainReport,)), max_length=PAIN_MAX_REPORTS)
    )
    tests: tuple[TestResult, ...] = attrs.field(
        default=(), validator=TupleOf(Instance((TestResult,)), max_length=1000)
    )
    trendelenburg: Bilateral[bool | None] = attrs.field(
        factory=no_signs, validator=BilateralOf(Instance((bool,), optional=True))
    )
    referral: Referral | None = attrs.field(
        default=None, validator=Instance((Referral,), optional=True)
    )
    cleared_by: tuple[str, ...] = attrs.field(default=(), validator=TupleOf(Text(non_empty=True)))

    def __attrs_post_init__(self) -> None:
        if self.last_trained_day > self.day:
            raise InvalidValueError(
                "$.last_trained_day", f"must be at most the last logged day ({self.day})"
            )
        if self.phase_start_day > self.day + 1:
            raise InvalidValueError(
                "$.phase_start_day",
                f"must be at most the day after the last logged day ({self.day + 1})",
            )
        for i in range(1, len(self.pain)):
            if self.pain[i].day < self.pain[i - 1].day:
                raise InvalidValueError(f"$.pain[{i}].day", "pain reports must be in order of day")
        if self.pain and self.pain[-1].day > self.day:
            raise InvalidValueError(
                f"$.pain[{len(self.pain) - 1}].day",
                f"must be at most the last logged day ({self.day}), got {self.pain[-1].day}",
            )
        seen: set[str] = set()
        for i, e in enumerate(self.exercises):
            if e.exercise in seen:
                raise InvalidValueError(f"$.exercises[{i}].exercise", f"{e.exercise!r} twice")
            seen.add(e.exercise)

    def exercise(self, exercise_id: str) -> ExerciseState:
        """The state of one current exercise."""
        for e in self.exercises:
            if e.exercise == exercise_id:
                return e
        raise UnknownIdError("exercise", exercise_id, [e.exercise for e in self.exercises])


@public()
@attrs.frozen(kw_only=True)
class Advance:
    """The result of :func:`advance`: the new state and the decisions, explained.

    Attributes:
        state: The state after the session.
        session_phase: The id of the phase the session was done in (its decisions
            were made in); after a phase change, ``state.phase_id`` is the new one.
        decisions: One decision per current exercise.
        phase: The phase decision (progress to the next phase, or hold).
        summary: A plain-language summary an app can show.
    """

    state: ProgramState = attrs.field(validator=Instance((ProgramState,)))
    session_phase: str = attrs.field(validator=ID)
    decisions: tuple[Decision, ...] = attrs.field(validator=TupleOf(Instance((Decision,))))
    phase: PhaseDecision = attrs.field(validator=Instance((PhaseDecision,)))
    summary: str = attrs.field(validator=Text(non_empty=True))

    @property
    def all_decisions(self) -> tuple[Decision | PhaseDecision, ...]:
        """Every exercise's decision, then the phase's."""
        return (*self.decisions, self.phase)

    def __attrs_post_init__(self) -> None:
        made = [d.exercise for d in self.decisions]
        if len(set(made)) != len(made):
            raise InvalidValueError("$.decisions", "one decision per exercise, each once")
        if self.phase.phase != self.state.phase_id:
            raise InvalidValueError(
                "$.phase.phase",
                f"the phase decision names {self.phase.phase!r}, the state is in "
                f"{self.state.phase_id!r}",
            )
        moved = self.phase.action in (Action.PROGRESS, Action.REGRESS)
        if moved == (self.session_phase == self.state.phase_id):
            raise InvalidValueError(
                "$.session_phase",
                f"a phase {self.phase.action.value} "
                + ("changes the phase" if moved else "keeps the phase")
                + f", but the session was in {self.session_phase!r} and the state is in"
                f" {self.state.phase_id!r}",
            )

    def _repr_markdown_(self) -> str:
        return display.markdown(self)

    def _repr_html_(self) -> str:
        return display.html(self)


# The enum members compared on every call, as plain names: on Python 3.11 looking up a
# member such as ``Action.HOLD`` runs a descriptor, which long simulations notice.
PROGRESS, HOLD, REGRESS = Action.PROGRESS, Action.HOLD, Action.REGRESS


VERDICT_OK, VERDICT_HOLD, VERDICT_REDUCE = Verdict.OK, Verdict.HOLD, Verdict.REDUCE


# The engine builds its reasons, decisions and states from checked parts without a second
# round of field checks; the tests rebuild them with the checking constructors.
new_reason = maker(Reason)


new_decision = maker(Decision)
new_phase_decision = maker(PhaseDecision)


new_exercise_state = maker(ExerciseState, defaults=False)


new_program_state = maker(ProgramState, defaults=False)
