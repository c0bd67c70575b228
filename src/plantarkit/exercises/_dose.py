"""Doses: how much of an exercise to do, how, and how often."""

import enum
import functools
from typing import ClassVar, Literal, NoReturn

import attrs

from plantarkit._core.checks import EnumCheck, Instance, Number, Text, ensure, upper_bound
from plantarkit._core.errors import InvalidValueError
from plantarkit._core.registry import public

__all__ = [
    "MAX_HOLD_SECONDS",
    "MAX_KG",
    "MAX_TIMED_SECONDS",
    "BandResistance",
    "Frequency",
    "Hold",
    "Load",
    "LoadKind",
    "Prescription",
    "Reps",
    "RunWalk",
    "Tempo",
    "Timed",
    "Work",
]

_SECONDS = Number(gt=0, le=24 * 3600, integer=False)
_PHASE_SECONDS = Number(ge=0, le=60, integer=False)
_ASSUMED_SECONDS = Number(ge=0, le=3600, integer=False)


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _duration(seconds: float) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        return f"{int(seconds // 60)} min"
    return f"{_n(seconds)} s"


@public()
@attrs.frozen(kw_only=True, cache_hash=True)
class Tempo:
    """Seconds for each part of one repetition.

    ``Tempo(up=3, top=2, down=3)`` is the "3-2-3" of the high-load heel raise:
    three seconds up, two held at the top, three down. ``Tempo(down=5)`` is a
    five-second lowering.

    Attributes:
        up: Seconds for the lifting (concentric) part.
        top: Seconds held at the top.
        down: Seconds for the lowering (eccentric) part.
        bottom: Seconds paused at the bottom.
    """

    up: float = attrs.field(default=1, validator=_PHASE_SECONDS)
    top: float = attrs.field(default=0, validator=_PHASE_SECONDS)
    down: float = attrs.field(default=1, validator=_PHASE_SECONDS)
    bottom: float = attrs.field(default=0, validator=_PHASE_SECONDS)

    def __attrs_post_init__(self) -> None:
        ensure(self.seconds_per_rep > 0, "$", "a repetition must take some time")

    @property
    def seconds_per_rep(self) -> float:
        """Seconds one repetition takes."""
        return self.up + self.top + self.down + self.bottom

    def __str__(self) -> str:
        parts = [self.up, self.top, self.down] + ([self.bottom] if self.bottom else [])
        return "-".join(_n(p) for p in parts)


@public("work")
@attrs.frozen(kw_only=True, cache_hash=True)
class Reps:
    """Work counted in repetitions per set.

    Attributes:
        count: Repetitions per set: the aim. With ``to_fatigue`` it is the
            ceiling: being able to do more means the exercise is too easy.
        minimum: The low end of a range ("10-15 reps" is ``minimum=10,
            count=15``); ``None`` for a single number.
        build_up: The count is an aim to build up to over sessions, not to
            force from the start.
        to_fatigue: Repeat until the muscles tire (no more good repetitions).
        each_direction: The count applies to each direction (ankle circles).
    """

    count: int = attrs.field(validator=Number(ge=1, le=500))
    minimum: int | None = attrs.field(default=None, validator=Number(ge=1, le=500, optional=True))
    build_up: bool = attrs.field(default=False, validator=Instance((bool,)))
    to_fatigue: bool = attrs.field(default=False, validator=Instance((bool,)))
    each_direction: bool = attrs.field(default=False, validator=Instance((bool,)))

    def __attrs_post_init__(self) -> None:
        if self.minimum is not None:
            ensure(
                self.minimum <= self.count,
                "$.minimum",
                f"must be ≤ count ({self.count}), got {self.minimum}",
            )

    kind: ClassVar[Literal["reps"]] = "reps"
    """The tag of this kind of work in JSON documents."""

    def __str__(self) -> str:
        text = f"{self.minimum}-{self.count}" if self.minimum is not None else str(self.count)
        if self.to_fatigue:
            text = f"to fatigue (harder once > {self.count})"
        elif self.build_up:
            text = f"build up to {text}"
        if self.each_direction:
            text += " each direction"
        return text


@public("work")
@attrs.frozen(kw_only=True, cache_hash=True)
class Hold:
    """Work as static (isometric) holds, e.g. a 30-second calf raise hold.

    Attributes:
        seconds: Length of each hold.
        reps: Holds per set (usually one).
    """

    seconds: float = attrs.field(validator=Number(gt=0, le=600, integer=False))
    reps: int = attrs.field(default=1, validator=Number(ge=1, le=100))

    kind: ClassVar[Literal["hold"]] = "hold"
    """The tag of this kind of work in JSON documents."""

    def __str__(self) -> str:
        hold = f"{_duration(self.seconds)} hold"
        return hold if self.reps == 1 else f"{self.reps} × {hold}"


@public("work")
@attrs.frozen(kw_only=True, cache_hash=True)
class Timed:
    """Continuous work for a time, e.g. 15 s of toe walking or 2 min of soft-tissue work.

    Attributes:
        seconds: Length of each bout.
    """

    seconds: float = attrs.field(validator=_SECONDS)

    kind: ClassVar[Literal["timed"]] = "timed"
    """The tag of this kind of work in JSON documents."""

    def __str__(self) -> str:
        return _duration(self.seconds)


@public("work")
@attrs.frozen(kw_only=True, cache_hash=True)
class RunWalk:
    """Run/walk intervals, e.g. 10 × (1 min run / 2 min walk).

    Attributes:
        rounds: How many run + walk intervals.
        run_seconds: Running (or jogging) time per interval.
        walk_seconds: Walking time per interval.
        walk_first: Whether each interval starts with the walk
            ("4 min walk / 2 min jog").
    """

    rounds: int = attrs.field(validator=Number(ge=1, le=100))
    run_seconds: float = attrs.field(validator=Number(gt=0, le=4 * 3600, integer=False))
    walk_seconds: float = attrs.field(validator=Number(ge=0, le=3600, integer=False))
    walk_first: bool = attrs.field(default=False, validator=Instance((bool,)))

    kind: ClassVar[Literal["run_walk"]] = "run_walk"
    """The tag of this kind of work in JSON documents."""

    @property
    def total_seconds(self) -> float:
        """Seconds of running plus walking."""
        return self.rounds * (self.run_seconds + self.walk_seconds)

    def __str__(self) -> str:
        run = f"{_duration(self.run_seconds)} run"
        if not self.walk_seconds:
            return f"{self.rounds} × {run}"
        walk = f"{_duration(self.walk_seconds)} walk"
        pair = f"{walk} / {run}" if self.walk_first else f"{run} / {walk}"
        return f"{self.rounds} × ({pair})"


Work = Reps | Hold | Timed | RunWalk
"""The kinds of work a prescription can ask for."""

# Limits that code outside these classes must agree with, read from the fields' own checks.
MAX_HOLD_SECONDS = upper_bound(Hold, "seconds")
"""The longest hold a dose can record, in seconds (``Hold.seconds``' check)."""
MAX_TIMED_SECONDS = upper_bound(Timed, "seconds")
"""The longest bout of timed work a dose can record, in seconds (``Timed.seconds``' check)."""


@public()
class LoadKind(enum.Enum):
    """What provides the resistance."""

    BODY_WEIGHT = "body_weight"
    EXTERNAL = "external"
    """Dumbbells, kettlebells or another held weight."""
    BAND = "band"
    ANKLE_WEIGHT = "ankle_weight"
    BACKPACK = "backpack"
    """A backpack with books or bottles, as in the high-load heel raise."""


@public()
class BandResistance(enum.Enum):
    """How strong an elastic band is."""

    LIGHT = "light"
    MEDIUM = "medium"
    HEAVY = "heavy"


@public()
@attrs.frozen(kw_only=True, cache_hash=True)
class Load:
    """The resistance for an exercise.

    ``kg`` is the added weight (``None``: "choose a weight that fits the
    rep target"); ``band`` is only for band work.

    >>> str(Load.backpack(5))
    'backpack 5 kg'
    """

    kind: LoadKind = attrs.field(default=LoadKind.BODY_WEIGHT, validator=EnumCheck(LoadKind))
    kg: float | None = attrs.field(
        default=None, validator=Number(ge=0, le=500, integer=False, optional=True)
    )
    band: BandResistance | None = attrs.field(
        default=None, validator=EnumCheck(BandResistance, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        kind = self.kind
        if kind is _BODY_WEIGHT:
            ensure(self.kg is None, "$.kg", "body-weight load takes no kg")
        if kind is _BAND:
            ensure(self.kg is None, "$.kg", "a band is graded by resistance, not kg")
        elif self.band is not None:
            ensure(False, "$.band", "band resistance only goes with kind 'band'")

    @classmethod
    def body_weight(cls) -> "Load":
        """Body weight only."""
        return cls()

    @classmethod
    def external(cls, kg: float | None = None) -> "Load":
        """A held weight (dumbbell, kettlebell) of ``kg``, or one to be chosen."""
        return cls(kind=LoadKind.EXTERNAL, kg=kg)

    @classmethod
    def elastic_band(cls, resistance: BandResistance = BandResistance.LIGHT) -> "Load":
        """An elastic band of the given resistance."""
        return cls(kind=LoadKind.BAND, band=resistance)

    @classmethod
    def ankle_weight(cls, kg: float | None = None) -> "Load":
        """An ankle weight (or a heavy boot) of ``kg``, or one to be chosen."""
        return cls(kind=LoadKind.ANKLE_WEIGHT, kg=kg)

    @classmethod
    def backpack(cls, kg: float | None = None) -> "Load":
        """A loaded backpack of ``kg``, or one to be chosen."""
        return cls(kind=LoadKind.BACKPACK, kg=kg)

    def __str__(self) -> str:
        kind = self.kind
        if kind is _BODY_WEIGHT:
            return "body weight"
        if kind is _BAND:
            return f"{self.band.value if self.band else 'light'} band"
        label = _LOAD_LABELS[kind]
        return f"{label} {_n(self.kg)} kg" if self.kg is not None else f"{label} (choose)"


MAX_KG = upper_bound(Load, "kg")
"""The most added weight a load can record, in kg (``Load.kg``'s check)."""


# Plain names for the members compared on every call: on Python 3.11 looking up an enum
# member (``LoadKind.BAND``) runs a descriptor hook, and rules build and describe loads often.
_BODY_WEIGHT, _BAND = LoadKind.BODY_WEIGHT, LoadKind.BAND
_LOAD_LABELS = {
    kind: "weight" if kind is LoadKind.EXTERNAL else kind.value.replace("_", " ")
    for kind in LoadKind
}
"""How a load of each kind with added weight is named."""


@public()
@attrs.frozen(kw_only=True, cache_hash=True)
class Frequency:
    """How often to do an exercise.

    Either every ``every_n_days`` days (1: daily, 2: every other day) or on
    ``days_per_week`` days of the week, never both.

    Attributes:
        times_per_day: Sessions on each training day.
        max_times_per_day: Upper end of a range ("1-3 times a day").
        every_n_days: Train every n-th day.
        days_per_week: Train on this many days a week instead.
        non_consecutive: With ``days_per_week``: never two days in a row.
    """

    times_per_day: int = attrs.field(default=1, validator=Number(ge=1, le=12))
    max_times_per_day: int | None = attrs.field(
        default=None, validator=Number(ge=1, le=12, optional=True)
    )
    every_n_days: int | None = attrs.field(default=1, validator=Number(ge=1, le=14, optional=True))
    days_per_week: int | None = attrs.field(
        default=None, validator=Number(ge=1, le=7, optional=True)
    )
    non_consecutive: bool = attrs.field(default=False, validator=Instance((bool,)))

    def __attrs_post_init__(self) -> None:
        ensure(
            (self.every_n_days is None) != (self.days_per_week is None),
            "$",
            "give exactly one of every_n_days and days_per_week",
        )
        if self.max_times_per_day is not None:
            ensure(
                self.max_times_per_day >= self.times_per_day,
                "$.max_times_per_day",
                f"must be ≥ times_per_day ({self.times_per_day}), got {self.max_times_per_day}",
            )
        if self.non_consecutive:
            ensure(
                self.days_per_week is not None and self.days_per_week <= 4,
                "$.non_consecutive",
                "needs days_per_week of at most 4",
            )

    @classmethod
    def daily(cls, times: int = 1, up_to: int | None = None) -> "Frequency":
        """Every day, ``times`` (up to ``up_to``) times a day."""
        return cls(times_per_day=times, max_times_per_day=up_to)

    @classmethod
    def every_other_day(cls) -> "Frequency":
        """Every second day."""
        return cls(every_n_days=2)

    @classmethod
    def weekly(cls, days: int, *, non_consecutive: bool = False) -> "Frequency":
        """On ``days`` days a week, optionally never two in a row."""
        return cls(every_n_days=None, days_per_week=days, non_consecutive=non_consecutive)

    @property
    def sessions_per_week(self) -> float:
        """Average sessions per week (using ``times_per_day``, the lower end)."""
        days = 7 / self.every_n_days if self.every_n_days is not None else self.days_per_week
        assert days is not None
        return self.times_per_day * days

    def __str__(self) -> str:
        times = {1: "once", 2: "twice"}.get(self.times_per_day, f"{self.times_per_day} times")
        if self.max_times_per_day is not None and self.max_times_per_day != self.times_per_day:
            times = f"{self.times_per_day}-{self.max_times_per_day} times"
        if self.days_per_week is not None:
            days = f"{self.days_per_week} day{'s' if self.days_per_week != 1 else ''} a week"
            if self.non_consecutive:
                days += ", not on consecutive days"
            once = self.times_per_day == 1 and self.max_times_per_day is None
            return days if once else f"{times} a day, {days}"
        if self.every_n_days == 1:
            return f"{times} a day"
        every = "every other day" if self.every_n_days == 2 else f"every {self.every_n_days} days"
        once = self.times_per_day == 1 and self.max_times_per_day is None
        return every if once else f"{times} a day, {every}"


def _sides(each_side: bool) -> int:
    return 2 if each_side else 1


def _more_than_rm(count: int, rm: int) -> NoReturn:
    """Refuse repetition work beyond its RM: a 12RM load allows at most 12 good repetitions."""
    reps = "repetition" if rm == 1 else "repetitions"
    raise InvalidValueError(
        "$.work.count",
        f"must be ≤ rm ({rm}), got {count}: {_article(rm)} {rm}RM load allows at most {rm}"
        f" good {reps}",
    )


def _rm_work(work: Work, rm: int) -> str:
    """The work of an RM dose: "12RM" when it is just the RM's repetitions, else both.

    A dose eased off to fewer repetitions at the same load (or a range, or a
    build-up) keeps its RM, so both are shown: "9 at a 12RM load".
    """
    reps = str(work)
    if reps == str(rm):
        return f"{rm}RM"
    return f"{reps} at {_article(rm)} {rm}RM load"


def _article(number: int) -> str:
    """The article before a number read aloud: "an 8RM load", "an 11RM load", "a 12RM load"."""
    return "an" if str(number).startswith("8") or number in (11, 18) else "a"


@public()
@attrs.frozen(kw_only=True, cache_hash=True)
class Prescription:
    """A full dose of one exercise: sets, work per set, tempo, rest, load and frequency.

    >>> p = Prescription(sets=3, work=Reps(count=15), rest_seconds=60)
    >>> p.total_reps
    45
    >>> str(p)
    '3 × 15, rest 60 s, once a day'

    Attributes:
        work: What one set is: repetitions, holds, a timed bout or run/walk intervals.
        sets: Sets per session (the lower end if ``max_sets`` is given).
        max_sets: Upper end of a range of sets ("1-2 sets").
        tempo: Seconds per part of each repetition (repetition work only).
        rest_seconds: Rest between sets; ``None`` when the source gives none.
        load: The resistance.
        rm: Intensity as a repetition maximum: ``12`` means a load that allows
            at most 12 good repetitions (repetition work only). The work's
            count may not exceed it; a count below it (a dose eased off to
            fewer repetitions at the same load) shows as "3 × 9 at a 12RM load".
        each_side: The sets are done on each side (left and right).
        height_cm: Box or step height, for jumps and step-downs.
        frequency: How often.
        note: Anything the fields cannot say.
    """

    work: Work = attrs.field(validator=Instance((Reps, Hold, Timed, RunWalk)))
    sets: int = attrs.field(default=1, validator=Number(ge=1, le=20))
    max_sets: int | None = attrs.field(default=None, validator=Number(ge=1, le=20, optional=True))
    tempo: Tempo | None = attrs.field(default=None, validator=Instance((Tempo,), optional=True))
    rest_seconds: int | None = attrs.field(
        default=None, validator=Number(ge=0, le=900, optional=True)
    )
    load: Load = attrs.field(factory=Load, validator=Instance((Load,)))
    rm: int | None = attrs.field(default=None, validator=Number(ge=1, le=50, optional=True))
    each_side: bool = attrs.field(default=False, validator=Instance((bool,)))
    height_cm: float | None = attrs.field(
        default=None, validator=Number(gt=0, le=150, integer=False, optional=True)
    )
    frequency: Frequency = attrs.field(factory=Frequency, validator=Instance((Frequency,)))
    note: str = attrs.field(default="", validator=Text())

    def __attrs_post_init__(self) -> None:
        # Checked without a call for the usual valid dose: rules build doses in inner loops.
        if self.max_sets is not None and self.max_sets < self.sets:
            ensure(False, "$.max_sets", f"must be ≥ sets ({self.sets}), got {self.max_sets}")
        work = self.work
        if not isinstance(work, Reps):
            ensure(self.tempo is None, "$.tempo", "a tempo only goes with repetition work")
            ensure(self.rm is None, "$.rm", "an RM intensity only goes with repetition work")
        elif self.rm is not None and work.count > self.rm:
            _more_than_rm(work.count, self.rm)

    @property
    def total_reps(self) -> int:
        """Repetitions (or holds) per session over all sets and sides; 0 for timed work."""
        work = self.work
        sides = _sides(self.each_side)
        if isinstance(work, Reps):
            return self.sets * work.count * (2 if work.each_direction else 1) * sides
        if isinstance(work, Hold):
            return self.sets * work.reps * sides
        return 0

    def time_under_tension(self, seconds_per_rep: float = 2.0) -> float:
        """Seconds of loaded work per session.

        Args:
            seconds_per_rep: Assumed length of a repetition when no tempo is
                given (a documented assumption, not a published number).

        Returns:
            Repetitions × seconds per repetition, hold seconds × holds, timed
            seconds × sets, or running seconds for run/walk, over all sides.
        """
        _ASSUMED_SECONDS.check("$.seconds_per_rep", seconds_per_rep)
        work = self.work
        sides = _sides(self.each_side)
        if isinstance(work, Reps):
            per = self.tempo.seconds_per_rep if self.tempo is not None else seconds_per_rep
            return float(self.total_reps * per)
        if isinstance(work, Hold):
            return float(self.total_reps * work.seconds)
        if isinstance(work, Timed):
            return float(self.sets * work.seconds * sides)
        return float(self.sets * work.rounds * work.run_seconds * sides)

    def estimated_minutes(self, seconds_per_rep: float = 2.0, rest_seconds: float = 30.0) -> float:
        """Estimated minutes one session of this exercise takes, rest included.

        Args:
            seconds_per_rep: Assumed repetition length when no tempo is given.
            rest_seconds: Assumed rest between sets when the prescription gives none.
        """
        _ASSUMED_SECONDS.check("$.rest_seconds", rest_seconds)
        work = self.work
        active = self.time_under_tension(seconds_per_rep)
        if isinstance(work, RunWalk):  # walking time is not under tension but takes time
            active += self.sets * work.rounds * work.walk_seconds * _sides(self.each_side)
        rest = self.rest_seconds if self.rest_seconds is not None else rest_seconds
        gaps = (self.sets - 1) * _sides(self.each_side)
        return (active + gaps * rest) / 60

    def brief(self) -> str:
        """The dose in a few words: sets × work, sides, tempo, load and height.

        An RM dose whose repetitions are its RM reads "3 × 12RM"; with fewer
        repetitions than its RM (eased off at the same load), both show.

        >>> tempo = Tempo(up=3, top=2, down=3)
        >>> Prescription(sets=3, work=Reps(count=12), rm=12, tempo=tempo).brief()
        '3 × 12RM, tempo 3-2-3'
        >>> Prescription(sets=3, work=Reps(count=9), rm=12, tempo=tempo).brief()
        '3 × 9 at a 12RM load, tempo 3-2-3'
        """
        return self._brief

    @functools.cached_property
    def _brief(self) -> str:
        # Worked out once per dose: reason texts and tables quote the same doses many times.
        sets = str(self.sets)
        if self.max_sets is not None and self.max_sets != self.sets:
            sets = f"{self.sets}-{self.max_sets}"
        rm = self.rm
        if rm is not None:
            text = f"{sets} × {_rm_work(self.work, rm)}"
        elif sets == "1" and not isinstance(self.work, Reps):
            text = str(self.work)
        else:
            text = f"{sets} × {self.work}"
        if self.each_side:
            text += " each side"
        parts = [text]
        if self.tempo is not None:
            parts.append(f"tempo {self.tempo}")
        if self.load.kind is not _BODY_WEIGHT:
            parts.append(str(self.load))
        if self.height_cm is not None:
            parts.append(f"height {_n(self.height_cm)} cm")
        return ", ".join(parts)

    def __str__(self) -> str:
        parts = [self.brief()]
        if self.rest_seconds is not None:
            parts.append(f"rest {self.rest_seconds} s")
        parts.append(str(self.frequency))
        if self.note:
            parts.append(self.note)
        return ", ".join(parts)
