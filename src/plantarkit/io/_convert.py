"""The converter: plantarkit values to plain JSON data and back, with path-precise errors.

One cattrs converter for every public type, strict about JSON types (no
``"3"`` for an int, no NaN), with tagged unions for the work, gate and rule
kinds (tags from the registry: each class's ``kind``). cattrs is imported on
first use, so ``import plantarkit`` stays cheap.
"""

import datetime
import enum
import functools
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from plantarkit._core.checks import expected
from plantarkit._core.errors import DocumentError, InvalidValueError, Problem, ValidationError
from plantarkit._core.pain import PAIN_SCALE, Pain
from plantarkit._core.side import SIDE_DEPTH, SIDE_VALUE
from plantarkit.io._types import CALLABLE_UNIONS, TAG, TAG_OF, TAGGED_UNIONS
from plantarkit.progression.engine import EngineRules

if TYPE_CHECKING:
    from cattrs import Converter

__all__ = [
    "a_noun",
    "converter",
    "is_enum",
    "problems_from",
    "structure",
    "unstructure",
    "whole",
]

T = TypeVar("T")


# --- error translation -------------------------------------------------------------------------


def _field_names(cls: type | None) -> str:
    if cls is None or not attrs.has(cls):
        return ""
    return ", ".join(a.name for a in attrs.fields(cls) if a.init)


def problems_from(exc: BaseException, path: str = "$") -> list[Problem]:
    """Translate an exception raised while structuring into plantarkit problems."""
    from cattrs.errors import (
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
        IterableValidationNote,
    )

    if isinstance(exc, ValidationError):
        return [p.under(path) for p in exc.problems]
    if isinstance(exc, ForbiddenExtraKeysError):
        expected = _field_names(exc.cl)
        return [
            Problem(f"{path}.{key}", f"unknown field; expected one of: {expected}")
            for key in sorted(exc.extra_fields)
        ]
    if isinstance(exc, ClassValidationError | IterableValidationError):
        found: list[Problem] = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            sub_path = (
                f"{path}[{note.index}]"
                if isinstance(note, IterableValidationNote)
                else f"{path}.{note.name}"
            )
            if isinstance(sub, KeyError) and not isinstance(sub, ValidationError):
                found.append(Problem(sub_path, "required field missing"))
            else:
                found.extend(problems_from(sub, sub_path))
        for sub in without:
            found.extend(problems_from(sub, path))
        return found
    return [Problem(path, str(exc) or type(exc).__name__)]


# --- the converter -----------------------------------------------------------------------------


def _type_error(what: str, value: object) -> InvalidValueError:
    return InvalidValueError("$", expected(what, value))


def _structure_side(value: Any, _: Any) -> Any:
    """A value of no declared type (a side of a bare ``Bilateral``): JSON data, made immutable.

    Arrays become tuples, so the value read is the one written (equal, hashable, and
    written again as the same text); objects are refused, as a side cannot hold a dict.
    The side's own check (:func:`~plantarkit._core.side.check_side_value`) then
    refuses what else a side may not hold: NaN, numbers out of bounds, lone surrogates.
    """
    return _frozen(value, "$", 0)


def _frozen(value: object, path: str, depth: int) -> object:
    if isinstance(value, list | tuple):  # a tuple: a document built in Python
        if depth >= SIDE_DEPTH:  # stop before the nesting can exhaust the stack
            raise InvalidValueError(
                path, f"arrays in a side's value may be nested at most {SIDE_DEPTH} deep"
            )
        items = typing.cast("list[object] | tuple[object, ...]", value)
        return tuple(_frozen(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(items))
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise InvalidValueError(path, expected(SIDE_VALUE, value))


def whole(value: object) -> object:
    """``3`` for ``3.0``: JSON (and its Schema) do not tell them apart, so neither does the loader.

    Anything else is returned as it is, for the field's own check to judge.
    """
    if type(value) is float and value.is_integer():
        return int(value)
    return value


def _structure_int(value: Any, _: Any) -> int:
    value = whole(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _type_error("an integer", value)
    return value


def _structure_float(value: Any, _: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _type_error("a number", value)
    return value


def _structure_str(value: Any, t: Any) -> str:
    if t is not str and is_enum(t):  # a StrEnum (ReasonKind, Dimension) is a str too
        member = _enum_hook(t)(value, t)
        assert isinstance(member, str)
        return member
    if not isinstance(value, str):
        raise _type_error("a string", value)
    return value


def _structure_bool(value: Any, _: Any) -> bool:
    if not isinstance(value, bool):
        raise _type_error("true or false", value)
    return value


_PAINS = tuple(Pain(i) for i in range(11))
"""Every rating, made once: a state's pain history holds hundreds, and a Pain is immutable."""


def _structure_pain(value: Any, _: Any) -> Pain:
    if type(value) is int and 0 <= value <= 10:
        return _PAINS[value]
    value = whole(value)
    PAIN_SCALE.check("$", value)
    assert isinstance(value, int)
    return Pain(value)


def _optional(structure: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    def structure_optional(value: Any, t: Any) -> Any:
        return None if value is None else structure(value, t)

    return structure_optional


def _structure_date(value: Any, _: Any) -> datetime.date:
    if not isinstance(value, str):
        raise _type_error("a date as a string (YYYY-MM-DD)", value)
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise _type_error("a date (YYYY-MM-DD)", value) from None


def _object_hook(converter: "Converter", t: Any) -> Callable[[Any, Any], Any]:
    """Structure an attrs class (or a generic one, such as ``Bilateral[float]``) from a dict.

    cattrs' own code assumes a mapping and fails with Python's wording ("argument of type
    'NoneType' is not iterable") on anything else; this says what was expected instead.
    """
    inner = converter.gen_structure_attrs_fromdict(t)
    what = f"an object ({a_noun((typing.get_origin(t) or t).__name__)})"
    tag = TAG_OF.get(typing.get_origin(t) or t)

    def hook(value: Any, cls: Any) -> Any:
        if not isinstance(value, dict):
            raise _type_error(what, value)
        given = typing.cast(dict[str, Any], value)
        if tag is not None and TAG in given:  # a union member on its own may name its kind
            if given[TAG] != tag:
                raise InvalidValueError(f"$.{TAG}", f"expected {tag!r}, got {given[TAG]!r}")
            given = {k: v for k, v in given.items() if k != TAG}
        return inner(given, cls)

    return hook


def is_enum(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


def _is_tuple(t: Any) -> bool:
    return typing.get_origin(t) is tuple


def _enum_hook(t: type[enum.Enum]) -> Callable[[Any, Any], enum.Enum]:
    allowed = ", ".join(repr(m.value) for m in t)

    def hook(value: Any, _: Any) -> enum.Enum:
        try:
            return t(value)
        except (ValueError, TypeError):
            raise InvalidValueError(
                "$", f"expected a {t.__name__}: one of {allowed}; got {value!r}"
            ) from None

    return hook


def _tuple_hook(converter: "Converter", t: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
    args = typing.get_args(t)
    if len(args) == 2 and args[1] is Ellipsis:
        item_types: Callable[[int], Any] = lambda _i: args[0]  # noqa: E731
        fixed = None
    else:
        item_types = lambda i: args[i]  # noqa: E731
        fixed = len(args)

    # The items' hook, looked up on first use (not now: a type may hold tuples of itself).
    found: list[Callable[[Any, Any], Any]] = []

    def hook(value: Any, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise _type_error("an array", value)
        given = typing.cast(Sequence[Any], value)
        if fixed is not None and len(given) != fixed:
            raise InvalidValueError("$", f"expected an array of {fixed} items, got {len(given)}")
        items: list[Any] = []
        problems: list[Problem] = []
        if fixed is None:  # one type for every item: its hook once, not a lookup per item
            if not found:
                found.append(converter.get_structure_hook(args[0]))
            each, item_type = found[0], args[0]
            for i, item in enumerate(given):
                try:
                    items.append(each(item, item_type))
                except Exception as exc:  # translated to problems with this item's path
                    problems.extend(problems_from(exc, f"$[{i}]"))
            if problems:
                raise InvalidValueError(problems)
            return tuple(items)
        for i, item in enumerate(given):
            try:
                items.append(converter.structure(item, item_types(i)))
            except Exception as exc:  # translated to problems with this item's path
                problems.extend(problems_from(exc, f"$[{i}]"))
        if problems:
            raise InvalidValueError(problems)
        return tuple(items)

    return hook


def _union_hooks(converter: "Converter", union: Any, tag: str, members: Mapping[str, type]) -> None:
    names = {cls: name for name, cls in members.items()}
    allowed = ", ".join(repr(n) for n in members)

    def structure_union(value: Any, _: Any) -> Any:
        if not isinstance(value, dict):
            raise _type_error(f"an object with a {tag!r} of {allowed}", value)
        given = typing.cast(dict[str, Any], value)
        name = given.get(tag)
        if not isinstance(name, str) or name not in members:
            raise InvalidValueError(f"$.{tag}", f"expected one of {allowed}, got {name!r}")
        rest = {k: v for k, v in given.items() if k != tag}
        return typing.cast(Any, converter.structure(rest, members[name]))

    def unstructure_union(value: Any) -> Any:
        kind = typing.cast(type[object], type(value))
        name = names.get(kind)
        if name is None:
            what = getattr(value, "__name__", type(value).__name__)
            raise InvalidValueError(
                "$",
                f"{what} is not one of {allowed} and cannot be written to JSON"
                " (a custom rule is a Python callable: keep it in code)",
            )
        return {tag: name, **converter.unstructure(value, kind)}

    def structure_optional(value: Any, _: Any) -> Any:
        return None if value is None else structure_union(value, _)

    def unstructure_optional(value: Any) -> Any:
        return None if value is None else unstructure_union(value)

    converter.register_structure_hook(union, structure_union)
    converter.register_unstructure_hook(union, unstructure_union)
    converter.register_structure_hook(union | None, structure_optional)
    converter.register_unstructure_hook(union | None, unstructure_optional)
    for wider, narrower in CALLABLE_UNIONS.items():
        if narrower == union:  # equal unions, built apart
            converter.register_structure_hook(wider, structure_union)
            converter.register_unstructure_hook(wider, unstructure_union)


@functools.cache
def converter() -> "Converter":
    """Return the shared converter (created on first use)."""
    import cattrs.preconf.json

    conv = cattrs.preconf.json.make_converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook_func(lambda t: t is Any, _structure_side)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(datetime.date, _structure_date)
    conv.register_structure_hook_factory(attrs.has, functools.partial(_object_hook, conv))
    conv.register_structure_hook(Pain, _structure_pain)
    # The optional fields of every pain report and dose, without cattrs' generic union path.
    for plain, structure_plain in (
        (Pain, _structure_pain),
        (int, _structure_int),
        (float, _structure_float),
        (bool, _structure_bool),
    ):
        conv.register_structure_hook(plain | None, _optional(structure_plain))
    conv.register_unstructure_hook(Pain, lambda p: p.value)
    conv.register_structure_hook_factory(is_enum, _enum_hook)
    conv.register_structure_hook_factory(_is_tuple, functools.partial(_tuple_hook, conv))
    for union, members in TAGGED_UNIONS.items():
        _union_hooks(conv, union, TAG, members)
    return conv


# --- bare values -------------------------------------------------------------------------------


def unstructure(value: Any, cls: Any = None) -> Any:
    """Turn a plantarkit value into plain JSON-ready data (dicts, lists, strings, numbers).

    Raises:
        InvalidValueError: The value holds a custom rule (a Python function),
            which JSON cannot carry; the path names it.
    """
    if isinstance(value, EngineRules):
        for name in ("progression", "regression"):
            for i, rule in enumerate(getattr(value, name)):
                if callable(rule):
                    what = getattr(rule, "__name__", type(rule).__name__)
                    raise InvalidValueError(
                        f"$.{name}[{i}]",
                        f"{what} is a custom rule (a Python function) and cannot be written to"
                        " JSON: keep it in code, or use the built-in rule values",
                    )
    return converter().unstructure(value, cls if cls is not None else type(value))


def structure(data: Any, cls: type[T], *, path: str = "$") -> T:
    """Build a plantarkit value of type ``cls`` from plain data, checking every field.

    Raises:
        DocumentError: With one problem per bad field, each with its JSON path.
    """
    target: Any = cls
    params = getattr(cls, "__parameters__", ())
    if params and not typing.get_args(cls):  # a bare generic such as Bilateral: Any inside
        target = target[tuple(Any for _ in params) if len(params) > 1 else Any]
    try:
        return typing.cast(T, converter().structure(data, target))
    except Exception as exc:
        raise DocumentError(problems_from(exc, path)) from None


def a_noun(noun: str) -> str:
    """``noun`` with its indefinite article (``an Exercise``, ``a Program``)."""
    return f"{'an' if noun[:1] in 'AEIOU' else 'a'} {noun}"
