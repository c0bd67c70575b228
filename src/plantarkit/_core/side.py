"""Sides of the body and values held per side."""

import enum
import math
import typing
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import attrs

from plantarkit._core import registry
from plantarkit._core.checks import EnumCheck, Instance, Number, Text, ensure, expected
from plantarkit._core.errors import InvalidValueError, Problem
from plantarkit._core.registry import public

__all__ = ["SIDE_DEPTH", "SIDE_VALUE", "Bilateral", "BilateralOf", "Side", "check_side_value"]

T = TypeVar("T")
U = TypeVar("U")


@public()
class Side(enum.Enum):
    """A side of the body."""

    LEFT = "left"
    RIGHT = "right"

    @property
    def opposite(self) -> "Side":
        """The other side."""
        return Side.RIGHT if self is Side.LEFT else Side.LEFT


SIDE_DEPTH = 4
"""How deeply tuples may nest in a side's value: ``(1, (2, (3, (4,))))`` is as deep as it goes."""

SIDE_VALUE = (
    "a side's value: null, true or false, a number, a string, a plantarkit enum member"
    " or value, or a tuple of these"
)
"""What a side may hold, for error messages."""

_LOW, _HIGH = -1e9, 1e9  # the bounds of a Reason's value
_SIDE_NUMBER = Number(ge=_LOW, le=_HIGH, integer=False)
_SIDE_TEXT = Text()


def _plain(value: object) -> bool:
    """Whether ``value`` is a side's value known at a glance (None, a bool, a number in bounds)."""
    kind = type(value)
    if kind is int or kind is float:
        return _LOW <= typing.cast(float, value) <= _HIGH  # NaN compares false
    return value is None or kind is bool


def check_side_value(path: str, value: object, depth: int = 0) -> None:
    """Raise :class:`InvalidValueError` at ``path`` unless ``value`` may be a side's value.

    A side holds an immutable value that a document can carry and give back:
    ``None``, a bool, an integer or a finite number from -10⁹ to 10⁹, a string
    (valid Unicode), a member of a plantarkit enum, a plantarkit value (of a
    document type: frozen, and written as JSON), or a tuple of these nested at
    most :data:`SIDE_DEPTH` deep. Lists, dicts, sets, ``Decimal`` and other
    objects are refused: they are mutable, unhashable or not JSON.
    """
    kind = type(value)
    if value is None or kind is bool:
        return
    if isinstance(value, enum.Enum) or attrs.has(kind):
        if not registry.is_document(kind):
            raise InvalidValueError(path, expected(SIDE_VALUE, value))
    elif isinstance(value, int | float) and not isinstance(value, bool):
        _SIDE_NUMBER.check(path, value)
    elif isinstance(value, str):
        _SIDE_TEXT.check(path, value)
    elif kind is tuple:
        if depth >= SIDE_DEPTH:
            raise InvalidValueError(
                path, f"tuples in a side's value may be nested at most {SIDE_DEPTH} deep"
            )
        for i, item in enumerate(typing.cast(tuple[object, ...], value)):
            check_side_value(f"{path}[{i}]", item, depth + 1)
    else:
        hint = " (use a tuple: a side's value is immutable)" if kind is list else ""
        raise InvalidValueError(path, expected(SIDE_VALUE, value) + hint)


@public()
@attrs.frozen
class Bilateral(Generic[T]):
    """One value for each side of the body, e.g. hip rotation in degrees.

    A side holds an immutable value that a JSON document carries and gives back:
    ``None``, a bool, an integer or finite number from -10⁹ to 10⁹, a string, a
    plantarkit enum member or value, or a tuple of these nested at most four
    deep. Lists, dicts, sets, ``Decimal`` and other objects are refused with the
    side's path (``$.left[1]``), also by ``attrs.evolve``. A document does not
    say what type a side holds: read enum members and plantarkit values back
    with the type, ``loads(text, Bilateral[SquatQuality])``; without it, arrays
    come back as tuples and the rest as plain JSON values.

    >>> rom = Bilateral(left=38, right=27)
    >>> rom.get(Side.RIGHT)
    27
    >>> rom.difference()
    11
    >>> rom.mirrored()
    Bilateral(left=27, right=38)
    """

    left: T
    right: T

    def __attrs_post_init__(self) -> None:
        if not (_plain(self.left) and _plain(self.right)):  # the common case builds no path
            self._check_sides()

    def _check_sides(self) -> None:
        problems: list[Problem] = []
        for side, value in self.items():
            try:
                check_side_value(f"$.{side.value}", value)
            except InvalidValueError as exc:
                problems.extend(exc.problems)
        if problems:
            raise InvalidValueError(problems)

    @classmethod
    def both(cls, value: T) -> "Bilateral[T]":
        """Return the same value on both sides."""
        return cls(left=value, right=value)

    def get(self, side: Side) -> T:
        """Return the value for ``side``."""
        return self.left if side is Side.LEFT else self.right

    def items(self) -> tuple[tuple[Side, T], tuple[Side, T]]:
        """Return ``((Side.LEFT, left), (Side.RIGHT, right))``."""
        return ((Side.LEFT, self.left), (Side.RIGHT, self.right))

    def mirrored(self) -> "Bilateral[T]":
        """Return the values with left and right swapped."""
        return Bilateral(left=self.right, right=self.left)

    def map(self, f: Callable[[T], U]) -> "Bilateral[U]":
        """Apply ``f`` to each side's value."""
        return Bilateral(left=f(self.left), right=f(self.right))

    def replace(self, side: Side, value: T) -> "Bilateral[T]":
        """Return a copy with ``side`` set to ``value``."""
        if side is Side.LEFT:
            return Bilateral(left=value, right=self.right)
        return Bilateral(left=self.left, right=value)

    def difference(self: "Bilateral[float]") -> float:
        """Return the absolute side-to-side difference ``|left - right|``.

        Raises:
            InvalidValueError: A side is not a number (e.g. ``None``, not measured).
        """
        for side, value in self.items():
            ensure(
                isinstance(value, int | float) and not isinstance(value, bool),
                f"$.{side.value}",
                f"a difference needs numbers on both sides, got {value!r}",
            )
        return abs(self.left - self.right)

    def asymmetry(self: "Bilateral[float]") -> float:
        """Return the side-to-side difference as a fraction of the larger side (0 to 1).

        This is the usual limb-symmetry measure for quantities that cannot be
        negative (range of motion, distance, repetitions, strength). Returns
        0.0 when both sides are zero.

        Raises:
            InvalidValueError: A side is negative or not a finite number.
        """
        for side, value in self.items():
            ensure(
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and math.isfinite(value)
                and value >= 0,
                f"$.{side.value}",
                f"asymmetry needs finite values ≥ 0, got {value!r}",
            )
        larger = max(self.left, self.right)
        return 0.0 if larger == 0 else min(1.0, self.difference() / larger)


@attrs.frozen
class BilateralOf:
    """Validator for a ``Bilateral`` whose two sides each pass ``check``."""

    check: Number | EnumCheck | Instance

    def __call__(self, inst: object, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        path = f"$.{attribute.name}"
        if not isinstance(value, Bilateral):
            raise InvalidValueError(path, f"expected a Bilateral, got {value!r}")
        sides = typing.cast(Bilateral[object], value)
        problems: list[Problem] = []
        for side, item in sides.items():
            try:
                self.check.check(f"{path}.{side.value}", item)
            except InvalidValueError as exc:
                problems.extend(exc.problems)
        if problems:
            raise InvalidValueError(problems)

    def json_schema(self) -> dict[str, Any]:
        """JSON Schema: an object with a ``left`` and a ``right`` value."""
        side = self.check.json_schema()
        return {
            "type": "object",
            "properties": {"left": side, "right": side},
            "required": ["left", "right"],
            "additionalProperties": False,
        }
