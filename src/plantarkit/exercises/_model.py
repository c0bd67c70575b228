"""Exercises and advice items: what a programme is made of."""

import enum
import functools
from typing import Any

import attrs

from plantarkit._core.checks import EnumCheck, Instance, Text, TupleOf
from plantarkit._core.ids import ID, SOURCE_KEYS
from plantarkit._core.registry import public
from plantarkit.exercises._dose import Prescription

__all__ = [
    "Advice",
    "AdviceTopic",
    "Equipment",
    "Exercise",
    "PlantarLoad",
    "Position",
    "Region",
]

_TEXTS = TupleOf(Text(non_empty=True))
_TAGS = TupleOf(ID, unique=True)


@public()
class Region(enum.Enum):
    """The body link or region an exercise mainly works."""

    HIP = "hip"
    PELVIS = "pelvis"
    KNEE = "knee"
    ANKLE = "ankle"
    CALF = "calf"
    FOOT = "foot"
    CORE = "core"
    WHOLE_BODY = "whole_body"


@public()
class Position(enum.Enum):
    """The body position an exercise is done in."""

    LYING = "lying"
    SIDE_LYING = "side_lying"
    SITTING = "sitting"
    KNEELING = "kneeling"
    STANDING_DOUBLE_LEG = "standing_double_leg"
    STANDING_SINGLE_LEG = "standing_single_leg"
    MOVING = "moving"


@public()
@functools.total_ordering
class PlantarLoad(enum.Enum):
    """How much an exercise loads the painful foot's plantar fascia.

    Members are ordered: ``NONE < LOW < MODERATE < HIGH``.
    """

    NONE = "none"
    """Done off the foot (lying, side-lying, or seated without weight through the foot)."""
    LOW = "low"
    """Light loading, such as seated or supported foot work."""
    MODERATE = "moderate"
    """Standing, functional work through the foot."""
    HIGH = "high"
    """Heavy or impact loading, such as heel raises under load, jumps and running."""

    @property
    def level(self) -> int:
        """0 for none up to 3 for high."""
        return _LOAD_LEVELS[self]

    def __lt__(self, other: Any) -> bool:
        if not isinstance(other, PlantarLoad):
            return NotImplemented
        return self.level < other.level


_LOAD_LEVELS = {
    PlantarLoad.NONE: 0,
    PlantarLoad.LOW: 1,
    PlantarLoad.MODERATE: 2,
    PlantarLoad.HIGH: 3,
}


@public()
class Equipment(enum.Enum):
    """Equipment an exercise needs."""

    BAND = "band"
    DUMBBELL = "dumbbell"
    KETTLEBELL = "kettlebell"
    ANKLE_WEIGHT = "ankle_weight"
    BACKPACK = "backpack"
    BOX = "box"
    STEP = "step"
    CHAIR = "chair"
    TOWEL = "towel"
    WALL = "wall"
    MASSAGE_TOOL = "massage_tool"
    """A massage stick, percussion device or foam roller."""


@public()
@attrs.frozen(kw_only=True)
class Exercise:
    """One exercise, described so an app can show it and a patient can do it.

    Attributes:
        id: Short snake_case id (``"split_squat"``).
        name: Name shown to people.
        region: The body link it mainly works.
        position: The position it is done in.
        plantar_load: How much it loads the painful foot.
        dose: The default prescription (the source's dose).
        purpose: Why it is in a programme, in a sentence.
        equipment: What is needed (empty: nothing).
        targets: Muscles or structures it works.
        instructions: Steps to do it, in order.
        cues: Short coaching cues and safety points.
        sources: Keys of the sources it comes from.
        tags: Free labels for filtering ("isometric", "glute_med", ...).
    """

    id: str = attrs.field(validator=ID)
    name: str = attrs.field(validator=Text(non_empty=True))
    region: Region = attrs.field(validator=EnumCheck(Region))
    position: Position = attrs.field(validator=EnumCheck(Position))
    plantar_load: PlantarLoad = attrs.field(validator=EnumCheck(PlantarLoad))
    dose: Prescription = attrs.field(validator=Instance((Prescription,)))
    purpose: str = attrs.field(default="", validator=Text())
    equipment: tuple[Equipment, ...] = attrs.field(
        default=(), validator=TupleOf(EnumCheck(Equipment), unique=True)
    )
    targets: tuple[str, ...] = attrs.field(default=(), validator=_TEXTS)
    instructions: tuple[str, ...] = attrs.field(default=(), validator=_TEXTS)
    cues: tuple[str, ...] = attrs.field(default=(), validator=_TEXTS)
    sources: tuple[str, ...] = attrs.field(default=(), validator=SOURCE_KEYS)
    tags: tuple[str, ...] = attrs.field(default=(), validator=_TAGS)

    def __str__(self) -> str:
        return f"{self.name} ({self.id}): {self.dose}"


@public()
class AdviceTopic(enum.Enum):
    """What an advice item is about."""

    FOOTWEAR = "footwear"
    ORTHOTICS = "orthotics"
    SURFACE = "surface"
    WEIGHT = "weight"
    CROSS_TRAINING = "cross_training"
    STRETCHING = "stretching"
    ACTIVITY = "activity"


@public()
@attrs.frozen(kw_only=True)
class Advice:
    """Guidance that is not an exercise (footwear, surfaces, weight, cross-training).

    Advice items sit in programmes beside exercises but have no dose.

    Attributes:
        id: Short snake_case id, unique among exercises and advice.
        name: Title shown to people.
        topic: What the advice is about.
        points: The advice, one point per item.
        sources: Keys of the sources it comes from.
        tags: Free labels for filtering.
    """

    id: str = attrs.field(validator=ID)
    name: str = attrs.field(validator=Text(non_empty=True))
    topic: AdviceTopic = attrs.field(validator=EnumCheck(AdviceTopic))
    points: tuple[str, ...] = attrs.field(validator=TupleOf(Text(non_empty=True), min_length=1))
    sources: tuple[str, ...] = attrs.field(default=(), validator=SOURCE_KEYS)
    tags: tuple[str, ...] = attrs.field(default=(), validator=_TAGS)

    def __str__(self) -> str:
        return f"{self.name} ({self.id})"
