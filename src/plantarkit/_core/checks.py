"""Validators for attrs fields that raise plantarkit errors and describe themselves.

Each validator is a small frozen value: calling it checks a field (raising
:class:`~plantarkit.InvalidValueError` with the field's path), and its
``json_schema()`` says the same rule in JSON Schema terms, so the schema the
library publishes and the checks it runs cannot drift apart.
"""

import datetime
import enum
import math
import re
import typing
from typing import Any, Protocol

import attrs

from plantarkit._core.errors import InvalidValueError, Problem, ValidationError
from plantarkit._core.text import number

__all__ = [
    "LAST_DAY",
    "MAGNITUDE",
    "Check",
    "DateOnly",
    "EnumCheck",
    "Instance",
    "Number",
    "Text",
    "TupleOf",
    "date_problem",
    "upper_bound",
]

JSON = dict[str, Any]

LAST_DAY = 3650
"""The last programme day a log, report or state may name (day 1 is the first): ten years."""


MAGNITUDE = 1e9
"""The largest size of any number in a plantarkit value, where a field sets no bound of its own.

No dose, measurement, threshold or count comes near it; the bound keeps a number that
arithmetic cannot use (a 400-digit integer overflows a float) from getting in at all.
"""


class Check(Protocol):
    """What every field check offers: validation and its JSON Schema fragment."""

    def __call__(self, inst: object, attribute: "attrs.Attribute[Any]", value: Any) -> None: ...

    def json_schema(self) -> JSON: ...


def _fail(path: str, message: str) -> InvalidValueError:
    return InvalidValueError(path, message)


def _describe(value: object) -> str:
    if isinstance(value, int) and value.bit_length() > 128:  # repr of a huge int is slow or fails
        return f"an integer of about {int(value.bit_length() * 0.30103) + 1} digits"
    try:
        text = repr(value)
    except (ValueError, RecursionError):  # a huge int inside, or nested past the limit
        return "(too large to show)"
    return text if len(text) <= 40 else text[:37] + "..."


_TYPE_NAMES: dict[type, str] = {
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    str: "a string",
    type(None): "null",
    list: "an array",
    tuple: "a tuple",
    dict: "an object",
}


def type_name(value: object) -> str:
    """Describe the type of ``value`` for an error message ("a string", "null", ...)."""
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def expected(what: str, value: object) -> str:
    """Return "expected WHAT, got TYPE VALUE" for an error message."""
    if value is None:
        return f"expected {what}, got null"
    return f"expected {what}, got {type_name(value)} {_describe(value)}"


@attrs.frozen
class Number:
    """A number field: an integer (default) or a real, within optional bounds.

    Attributes:
        ge: Inclusive lower bound.
        le: Inclusive upper bound.
        gt: Exclusive lower bound.
        integer: Whether only whole numbers are allowed.
        optional: Whether ``None`` is allowed.
    """

    ge: float | None = None
    le: float | None = None
    gt: float | None = None
    integer: bool = True
    optional: bool = False

    def check(self, path: str, value: object) -> None:
        """Raise if ``value`` breaks this rule; ``path`` names it in the error."""
        if value is None and self.optional:
            return
        ok_type = isinstance(value, int) and not isinstance(value, bool)
        if not self.integer:
            ok_type = ok_type or isinstance(value, float)
        if not ok_type:
            what = "an integer" if self.integer else "a number"
            raise _fail(path, expected(what + (" or null" if self.optional else ""), value))
        assert isinstance(value, int | float)
        if isinstance(value, float) and not math.isfinite(value):
            raise _fail(path, f"expected a finite number, got {value!r}")
        if self.ge is not None and value < self.ge:
            raise _fail(path, f"must be ≥ {number(self.ge)}, got {_describe(value)}")
        if self.gt is not None and value <= self.gt:
            raise _fail(path, f"must be > {number(self.gt)}, got {_describe(value)}")
        if self.le is not None and value > self.le:
            raise _fail(path, f"must be ≤ {number(self.le)}, got {_describe(value)}")
        if self.le is None and value > MAGNITUDE:
            raise _fail(
                path,
                f"must be ≤ {number(MAGNITUDE)} (no plantarkit number is larger),"
                f" got {_describe(value)}",
            )
        if self.ge is None and self.gt is None and value < -MAGNITUDE:
            raise _fail(
                path,
                f"must be ≥ {number(-MAGNITUDE)} (no plantarkit number is larger),"
                f" got {_describe(value)}",
            )

    def __call__(self, inst: object, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        # Values check() would pass anyway return early: most constructions take this path,
        # and the field's path is only worth building for an error.
        kind: type[object] = type(typing.cast(object, value))
        if kind is int or (kind is float and not self.integer and math.isfinite(value)):
            if (
                (self.ge is None or value >= self.ge)
                and (self.gt is None or value > self.gt)
                and (self.le is None or value <= self.le)
                and -MAGNITUDE <= value <= MAGNITUDE
            ):
                return
        elif value is None and self.optional:
            return
        self.check(f"$.{attribute.name}", value)

    def json_schema(self) -> JSON:
        """Return the JSON Schema fragment for this rule."""
        schema: JSON = {"type": "integer" if self.integer else "number"}
        if self.ge is not None:
            schema["minimum"] = self.ge
        if self.gt is not None:
            schema["exclusiveMinimum"] = self.gt
        schema["maximum"] = self.le if self.le is not None else MAGNITUDE
        if self.ge is None and self.gt is None:
            schema["minimum"] = -MAGNITUDE
        if self.optional:
            return {"anyOf": [schema, {"type": "null"}]}
        return schema


def _unicode(text: str) -> bool:
    """Whether ``text`` is valid Unicode: no lone surrogate (from bad JSON or bad bytes).

    Such a string cannot be written as UTF-8, so a value holding one could never be
    saved; it is refused where it comes in.
    """
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_BLANK = re.compile(r"\s*")
"""A blank string: the schema's ``"pattern": "\\S"`` refuses exactly these."""


@attrs.frozen
class Text:
    """A string field, optionally matching a pattern and not empty.

    Attributes:
        pattern: A regular expression the whole string must match.
        what: How to describe the pattern in an error ("a snake_case id").
        non_empty: Whether the empty (or blank) string is refused.
        optional: Whether ``None`` is allowed.
    """

    pattern: str | None = None
    what: str = ""
    non_empty: bool = False
    optional: bool = False

    def check(self, path: str, value: object) -> None:
        """Raise if ``value`` breaks this rule; ``path`` names it in the error."""
        if value is None and self.optional:
            return
        if not isinstance(value, str):
            raise _fail(path, expected("a string or null" if self.optional else "a string", value))
        if not _unicode(value):
            raise _fail(path, "must be valid Unicode text (it holds a lone surrogate)")
        if self.non_empty and _BLANK.fullmatch(value):
            raise _fail(path, "must not be empty")
        if self.pattern is not None and re.fullmatch(self.pattern, value) is None:
            raise _fail(
                path, f"expected {self.what or 'a string matching ' + self.pattern}, got {value!r}"
            )

    def __call__(self, inst: object, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if type(value) is str and self.pattern is None and not self.non_empty and _unicode(value):
            return  # any text passes; the common case skips building the path
        self.check(f"$.{attribute.name}", value)

    def json_schema(self) -> JSON:
        """Return the JSON Schema fragment for this rule."""
        schema: JSON = {"type": "string"}
        if self.pattern is not None:
            schema["pattern"] = f"^(?:{self.pattern})$"
        if self.non_empty:
            schema["minLength"] = 1
            if self.pattern is None:
                schema["pattern"] = r"\S"  # not blank: one character that is not a space
        if self.optional:
            return {"anyOf": [schema, {"type": "null"}]}
        return schema


@attrs.frozen
class EnumCheck:
    """A field that must hold a member of an enum."""

    enum: type[enum.Enum]
    optional: bool = False

    def check(self, path: str, value: object) -> None:
        """Raise if ``value`` is not a member of the enum."""
        if value is None and self.optional:
            return
        if not isinstance(value, self.enum):
            allowed = ", ".join(repr(m.value) for m in self.enum)
            raise _fail(
                path, f"expected a {self.enum.__name__} (one of {allowed}), got {_describe(value)}"
            )

    def __call__(self, inst: object, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if not isinstance(value, self.enum):  # a member passes without building the path
            self.check(f"$.{attribute.name}", value)

    def json_schema(self) -> JSON:
        """Return the JSON Schema fragment for this rule."""
        schema: JSON = {"enum": [m.value for m in self.enum]}
        if self.optional:
            schema["enum"].append(None)
        return schema


@attrs.frozen
class Instance:
    """A field that must hold an instance of one of some classes (nested values)."""

    types: tuple[type, ...]
    optional: bool = False

    def check(self, path: str, value: object) -> None:
        """Raise if ``value`` is not an instance of the expected classes."""
        if value is None and self.optional:
            return
        if not isinstance(value, self.types):
            names = " or ".join(t.__name__ for t in self.types)
            raise _fail(path, f"expected {names}, got {type(value).__name__} {_describe(value)}")

    def __call__(self, inst: object, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        if not isinstance(value, self.types):  # an instance passes without building the path
            self.check(f"$.{attribute.name}", value)

    def json_schema(self) -> JSON:
        """Nested values take their schema from their type; nothing to add."""
        return {}


ItemCheck = Number | Text | EnumCheck | Instance


@attrs.frozen
class TupleOf:
    """A tuple field whose items each pass ``item``; optionally unique, non-empty, bounded."""

    item: ItemCheck
    min_length: int = 0
    unique: bool = False
    max_length: int | None = None

    def check(self, path: str, value: object) -> None:
        """Raise if ``value`` is not a tuple of valid items."""
        if not isinstance(value, tuple):
            raise _fail(path, expected("a tuple", value))
        items = typing.cast(tuple[object, ...], value)
        if not self._all_of_type(items):  # the fast path covers the common, valid case
            problems: list[Problem] = []
            for i, item in enumerate(items):
                try:
                    self.item.check(f"{path}[{i}]", item)
                except ValidationError as exc:
                    problems.extend(exc.problems)
            if problems:
                raise InvalidValueError(problems)
        if len(items) < self.min_length:
            raise _fail(path, f"needs at least {self.min_length} item(s), got {len(items)}")
        if self.max_length is not None and len(items) > self.max_length:
            raise _fail(path, f"may have at most {self.max_length} item(s), got {len(items)}")
        if self.unique:
            seen: set[object] = set()
            for i, item in enumerate(items):
                if item in seen:
                    raise _fail(f"{path}[{i}]", f"duplicate item {_describe(item)}")
                seen.add(item)

    def _all_of_type(self, items: tuple[object, ...]) -> bool:
        """Whether every item is known valid by type alone (nested values, enum members)."""
        item = self.item
        if isinstance(item, Instance):
            types = item.types
        elif isinstance(item, EnumCheck):
            types = (item.enum,)
        else:
            return False
        return all(isinstance(x, types) for x in items)

    def __call__(self, inst: object, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        self.check(f"$.{attribute.name}", value)

    def json_schema(self) -> JSON:
        """Return the JSON Schema fragment for this rule."""
        schema: JSON = {"type": "array", "items": self.item.json_schema()}
        if self.min_length:
            schema["minItems"] = self.min_length
        if self.max_length is not None:
            schema["maxItems"] = self.max_length
        if self.unique:
            schema["uniqueItems"] = True
        return schema


def upper_bound(cls: type[attrs.AttrsInstance], name: str) -> float:
    """The inclusive upper bound (``le``) that the :class:`Number` check of a field enforces.

    For a limit code elsewhere must agree with (the heaviest load a rule may
    step to), so that the number is written once, in the field's check:
    ``upper_bound(Load, "kg")`` is 500.0 because ``Load.kg`` is checked with
    ``Number(..., le=500)``.

    Raises:
        TypeError: ``cls`` has no field ``name``, or its check is not a
            :class:`Number` with an ``le`` bound.
    """
    field = attrs.fields_dict(cls).get(name)
    check = None if field is None else field.validator
    if not isinstance(check, Number) or check.le is None:
        raise TypeError(f"{cls.__name__}.{name} has no Number check with an upper bound (le)")
    return float(check.le)


def ensure(condition: bool, path: str, message: str) -> None:
    """Raise :class:`InvalidValueError` at ``path`` unless ``condition`` holds."""
    if not condition:
        raise InvalidValueError(path, message)


def date_problem(value: object, optional: bool) -> str | None:
    """Why ``value`` is not a calendar date (``None`` when it is one)."""
    if type(value) is datetime.date or (value is None and optional):
        return None  # the common cases first
    if isinstance(value, datetime.datetime):
        return f"expected a date, got a datetime ({value.isoformat()}): use .date()"
    if isinstance(value, datetime.date):
        return None
    return expected("a date or null" if optional else "a date", value)


@attrs.frozen
class DateOnly:
    """A field holding a calendar date, never a datetime (a datetime is a date subclass).

    A datetime would pass ``isinstance(value, date)`` and then break JSON round trips
    (written with its time, read back as a date) and date arithmetic.
    """

    optional: bool = False

    def __call__(self, inst: object, attribute: "attrs.Attribute[Any]", value: Any) -> None:
        problem = date_problem(value, self.optional)
        if problem is not None:
            raise InvalidValueError(f"$.{attribute.name}", problem)
