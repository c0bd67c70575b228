"""Sides of the body and values held per side."""

import enum
import math
import typing
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import attrs

from plantarkit._core.checks import EnumCheck, Instance, Number, ensure
from plantarkit._core.errors import InvalidValueError, Problem
from plantarkit._core.registry import public

__all__ = ["Bilateral", "BilateralOf", "Side"]

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


@public()
@attrs.frozen
class Bilateral(Generic[T]):
    """One value for each side of the body, e.g. hip rotation in degrees.

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
