"""JSON documents: one converter for every public type, versioned, with path-precise errors.

A document wraps a value with its type name and schema version::

    {"type": "Exercise", "schema_version": 1, "data": {...}}

:func:`dumps` / :func:`loads` work with JSON text, :func:`to_document` /
:func:`from_document` with plain dicts, and :func:`unstructure` /
:func:`structure` with bare values (no envelope). Every problem in a bad
document is reported at once as a :class:`~plantarkit.DocumentError` whose
problems carry JSON paths such as ``$.data.exercises[3].dose.sets``.

cattrs is imported on first use, so ``import plantarkit`` stays cheap.
"""

import datetime
import enum
import functools
import json
import math
import types
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, overload

import attrs

from plantarkit._core.checks import Instance, TupleOf, expected
from plantarkit._core.errors import DocumentError, InvalidValueError, Problem, ValidationError
from plantarkit._core.evidence import Citation, Grade, Source, SourceKind
from plantarkit._core.pain import PAIN_SCALE, Pain
from plantarkit._core.side import Bilateral, Side
from plantarkit.chain import (
    AmplificationModel,
    ArchHeight,
    Assessment,
    ChainNorms,
    ChainReport,
    Emphasis,
    Finding,
    FindingKind,
    FirstRayMobility,
    HeelRaiseNorm,
    LegLength,
    LegLengthKind,
    Link,
    RedFlag,
    RedFlagScreen,
    Referral,
    Severity,
    Sex,
    SquatQuality,
    Symptoms,
    Threshold,
    TibialRotation,
    ToeGrip,
)
from plantarkit.exercises import (
    Advice,
    AdviceTopic,
    BandResistance,
    Catalogue,
    Equipment,
    Exercise,
    Frequency,
    Hold,
    Ladder,
    LadderStep,
    Load,
    LoadKind,
    PlantarLoad,
    Position,
    Prescription,
    Region,
    Reps,
    RunWalk,
    Tempo,
    Timed,
    Variant,
    Work,
)
from plantarkit.plans import (
    DoseStep,
    Evidence,
    ExercisesMastered,
    Gate,
    GateStatus,
    NoRedFlags,
    NoTrendelenburg,
    PainAtMost,
    PainMeasure,
    PainRecord,
    Phase,
    Program,
    ProgramItem,
    Protocol,
    Session,
    SideRule,
    SideScope,
    Slot,
    TestAtLeast,
    Week,
    WeeksInPhase,
)
from plantarkit.progression import TestKind, TestResult
from plantarkit.progression.engine import (
    Action,
    Advance,
    Decision,
    EngineRules,
    ProgramState,
    Reason,
)
from plantarkit.progression.records import ExerciseLog, PainReport, SessionLog
from plantarkit.progression.rules import (
    AnyProgression,
    AnyRegression,
    CautiousRule,
    DoubleProgression,
    ExerciseState,
    FewerSets,
    IsometricRule,
    LadderDown,
    LadderUp,
    LessLoad,
    LessWork,
    LoadUp,
    NextDayRule,
    Only,
    PainCheck,
    PainModel,
    PainRule,
    ProgressionRule,
    RegressionRule,
    RunWalkUp,
    Verdict,
    VolumeUp,
    WeeklyTable,
)

if TYPE_CHECKING:
    from cattrs import Converter

__all__ = [
    "SCHEMA_VERSION",
    "document_types",
    "dumps",
    "from_document",
    "json_schema",
    "loads",
    "migrate",
    "structure",
    "to_document",
    "unstructure",
]

T = TypeVar("T")
JSONDict = dict[str, Any]

SCHEMA_VERSION = 1
"""The version of the document format this plantarkit writes."""

MIGRATIONS: Mapping[int, Callable[[JSONDict], JSONDict]] = types.MappingProxyType({})
"""The upgrade steps, by version. ``MIGRATIONS[n]`` turns a version-``n`` document into ``n + 1``.

Version 1 is the first format, so there is nothing to upgrade yet; when the
format changes, add the step here and every older document keeps loading.
"""

_TAGGED_UNIONS: Mapping[Any, tuple[str, Mapping[str, type]]] = {
    Work: ("kind", {"reps": Reps, "hold": Hold, "timed": Timed, "run_walk": RunWalk}),
    Gate: (
        "kind",
        {
            "pain_at_most": PainAtMost,
            "test_at_least": TestAtLeast,
            "no_trendelenburg": NoTrendelenburg,
            "exercises_mastered": ExercisesMastered,
            "weeks_in_phase": WeeksInPhase,
            "no_red_flags": NoRedFlags,
        },
    ),
    PainRule: (
        "kind",
        {
            "pain_model": PainModel,
            "isometric": IsometricRule,
            "next_day": NextDayRule,
            "cautious": CautiousRule,
        },
    ),
    ProgressionRule: (
        "kind",
        {
            "weekly_table": WeeklyTable,
            "ladder_up": LadderUp,
            "load_up": LoadUp,
            "double_progression": DoubleProgression,
            "volume_up": VolumeUp,
            "run_walk_up": RunWalkUp,
            "only": Only,
        },
    ),
    RegressionRule: (
        "kind",
        {
            "ladder_down": LadderDown,
            "less_load": LessLoad,
            "fewer_sets": FewerSets,
            "less_work": LessWork,
        },
    ),
}

_CALLABLE_UNIONS: Mapping[Any, Any] = {
    AnyProgression: ProgressionRule,
    AnyRegression: RegressionRule,
}
"""Rule fields that also take plain callables: in JSON only the built-in rule values."""

_DOCUMENT_TYPES: tuple[type, ...] = (
    # core
    Side,
    Pain,
    Bilateral,
    Grade,
    SourceKind,
    Source,
    Citation,
    # exercises
    Region,
    Position,
    PlantarLoad,
    Equipment,
    AdviceTopic,
    LoadKind,
    BandResistance,
    Tempo,
    Reps,
    Hold,
    Timed,
    RunWalk,
    Load,
    Frequency,
    Prescription,
    Exercise,
    Advice,
    LadderStep,
    Ladder,
    Variant,
    Catalogue,
    # chain
    Sex,
    SquatQuality,
    TibialRotation,
    ArchHeight,
    FirstRayMobility,
    ToeGrip,
    LegLengthKind,
    Link,
    Severity,
    FindingKind,
    Symptoms,
    LegLength,
    RedFlagScreen,
    Assessment,
    Threshold,
    HeelRaiseNorm,
    AmplificationModel,
    ChainNorms,
    Finding,
    RedFlag,
    Referral,
    Emphasis,
    ChainReport,
    # progression
    PainMeasure,
    TestKind,
    GateStatus,
    SideScope,
    SideRule,
    PainRecord,
    TestResult,
    Evidence,
    PainAtMost,
    TestAtLeast,
    NoTrendelenburg,
    ExercisesMastered,
    WeeksInPhase,
    NoRedFlags,
    DoseStep,
    Slot,
    Phase,
    Protocol,
    ProgramItem,
    Session,
    Week,
    Program,
    Verdict,
    PainReport,
    PainCheck,
    PainModel,
    IsometricRule,
    NextDayRule,
    CautiousRule,
    Action,
    ExerciseLog,
    SessionLog,
    Reason,
    Decision,
    ExerciseState,
    WeeklyTable,
    LadderUp,
    LoadUp,
    DoubleProgression,
    VolumeUp,
    RunWalkUp,
    Only,
    LadderDown,
    LessLoad,
    FewerSets,
    LessWork,
    EngineRules,
    ProgramState,
    Advance,
)


def document_types() -> Mapping[str, type]:
    """Return every type that can be written as a document, by its document name."""
    return {t.__name__: t for t in _DOCUMENT_TYPES}


def _document_class(cls: object) -> type:
    """Return the document type ``cls`` names (``Bilateral`` for ``Bilateral[float]``).

    Raises:
        InvalidValueError: At ``$.cls``: ``cls`` is not a document type (a
            type's name, ``int``, ...), a mistake in the calling code.
    """
    origin = typing.get_origin(cls) or cls
    if isinstance(origin, type) and any(origin is t for t in _DOCUMENT_TYPES):
        return origin
    what = "a plantarkit document type such as ProgramState"
    if isinstance(cls, str):
        hint = " (pass the class, not its name)" if cls in document_types() else ""
        message = f"expected {what}, got str {cls!r}{hint}"
    elif isinstance(cls, type):
        message = f"expected {what}, got the class {cls.__qualname__}"
    elif typing.get_origin(cls) is not None:
        message = f"expected {what}, got {cls!r}"
    else:
        message = expected(what, cls)
    raise InvalidValueError("$.cls", message)


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


def _structure_any(value: Any, _: Any) -> Any:
    """A value of any type (inside ``Bilateral[Any]``, say): JSON data, so no NaN or infinity."""
    _finite(value)
    return value


def _finite(value: object) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise _type_error("a finite number (JSON has no NaN or infinity)", value)
    if isinstance(value, list | tuple):
        for item in typing.cast("list[object] | tuple[object, ...]", value):
            _finite(item)
    elif isinstance(value, dict):
        for item in typing.cast("dict[object, object]", value).values():
            _finite(item)


def _structure_int(value: Any, _: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _type_error("an integer", value)
    return value


def _structure_float(value: Any, _: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _type_error("a number", value)
    return value


def _structure_str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise _type_error("a string", value)
    return value


def _structure_bool(value: Any, _: Any) -> bool:
    if not isinstance(value, bool):
        raise _type_error("true or false", value)
    return value


def _structure_pain(value: Any, _: Any) -> Pain:
    PAIN_SCALE.check("$", value)
    return Pain(value)


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
    what = f"an object ({_a((typing.get_origin(t) or t).__name__)})"

    def hook(value: Any, cls: Any) -> Any:
        if not isinstance(value, dict):
            raise _type_error(what, value)
        return inner(typing.cast(dict[str, Any], value), cls)

    return hook


def _is_enum(t: Any) -> bool:
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

    def hook(value: Any, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise _type_error("an array", value)
        given = typing.cast(Sequence[Any], value)
        if fixed is not None and len(given) != fixed:
            raise InvalidValueError("$", f"expected an array of {fixed} items, got {len(given)}")
        items: list[Any] = []
        problems: list[Problem] = []
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
    for wider, narrower in _CALLABLE_UNIONS.items():
        if narrower is union:
            converter.register_structure_hook(wider, structure_union)
            converter.register_unstructure_hook(wider, unstructure_union)


@functools.cache
def converter() -> "Converter":
    """Return the shared converter (created on first use)."""
    import cattrs.preconf.json

    conv = cattrs.preconf.json.make_converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook_func(lambda t: t is Any, _structure_any)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(datetime.date, _structure_date)
    conv.register_structure_hook_factory(attrs.has, functools.partial(_object_hook, conv))
    conv.register_structure_hook(Pain, _structure_pain)
    conv.register_unstructure_hook(Pain, lambda p: p.value)
    conv.register_structure_hook_factory(_is_enum, _enum_hook)
    conv.register_structure_hook_factory(_is_tuple, functools.partial(_tuple_hook, conv))
    for union, (tag, members) in _TAGGED_UNIONS.items():
        _union_hooks(conv, union, tag, members)
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


# --- documents ---------------------------------------------------------------------------------


def _type_name(value: object) -> str:
    cls = type(value)
    if cls.__name__ not in document_types():
        raise InvalidValueError("$", f"{cls.__name__} is not a plantarkit document type")
    return cls.__name__


def to_document(value: object) -> JSONDict:
    """Wrap a value as a versioned document (a plain dict)."""
    return {
        "type": _type_name(value),
        "schema_version": SCHEMA_VERSION,
        "data": unstructure(value),
    }


def dumps(value: object, *, indent: int | None = 2) -> str:
    """Write a value as a JSON document."""
    return json.dumps(to_document(value), indent=indent, ensure_ascii=False, allow_nan=False)


def migrate(document: JSONDict) -> JSONDict:
    """Upgrade a document to the current schema version (a new dict; the input is not changed).

    Raises:
        DocumentError: The version is missing, not an integer, or newer than
            this plantarkit understands.
    """
    version = document.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise DocumentError([Problem("$.schema_version", f"expected an integer, got {version!r}")])
    if version > SCHEMA_VERSION:
        raise DocumentError(
            [
                Problem(
                    "$.schema_version",
                    f"document is version {version}, this plantarkit reads up to {SCHEMA_VERSION};"
                    " upgrade plantarkit",
                )
            ]
        )
    if version < 1:
        raise DocumentError([Problem("$.schema_version", f"must be ≥ 1, got {version}")])
    upgraded = dict(document)
    while upgraded["schema_version"] < SCHEMA_VERSION:
        step = MIGRATIONS[upgraded["schema_version"]]
        upgraded = step(upgraded)
    return upgraded


@overload
def from_document(document: Any, cls: type[T]) -> T: ...
@overload
def from_document(document: Any, cls: None = None) -> Any: ...
def from_document(document: Any, cls: Any = None) -> Any:
    """Read a value from a document (a plain dict), checking its type, version and content.

    Args:
        document: The document, e.g. from :func:`json.load`.
        cls: The type expected; ``None`` accepts any document type and uses
            the document's own ``type``.

    Raises:
        DocumentError: Every problem found, with JSON paths.
        InvalidValueError: ``cls`` is not a document type (at ``$.cls``).
    """
    if cls is not None:
        _document_class(cls)
    if not isinstance(document, dict):
        raise DocumentError(
            [Problem("$", expected("a JSON object (a plantarkit document)", document))]
        )
    document = typing.cast(JSONDict, document)
    missing = [k for k in ("type", "schema_version", "data") if k not in document]
    extra = sorted(set(document) - {"type", "schema_version", "data"})
    problems = [Problem(f"$.{k}", "required field missing") for k in missing]
    problems += [
        Problem(f"$.{k}", "unknown field; expected type, schema_version, data") for k in extra
    ]
    if problems:
        raise DocumentError(problems)
    document = migrate(document)
    known = document_types()
    name = document["type"]
    if not isinstance(name, str) or name not in known:
        close = ", ".join(sorted(known))
        raise DocumentError([Problem("$.type", f"unknown document type {name!r}; known: {close}")])
    target: Any = cls if cls is not None else known[name]
    origin = typing.get_origin(target) or target
    if name != getattr(origin, "__name__", None):
        raise DocumentError(
            [
                Problem(
                    "$.type",
                    f"expected {_a(getattr(origin, '__name__', str(target)))} document,"
                    f" got {name!r}",
                )
            ]
        )
    value: Any = structure(document["data"], target, path="$.data")
    return value


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'AEIOU' else 'a'} {noun}"


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not allowed in plantarkit documents")


@overload
def loads(text: str | bytes, cls: type[T]) -> T: ...
@overload
def loads(text: str | bytes, cls: None = None) -> Any: ...
def loads(text: str | bytes, cls: Any = None) -> Any:
    """Read a value from JSON document text.

    Raises:
        DocumentError: The text is not valid JSON (with line and column), has
            a key twice in an object, or the document is wrong (every
            problem, with JSON paths).
        InvalidValueError: ``cls`` is not a document type (at ``$.cls``).
    """
    if cls is not None:
        _document_class(cls)
    return from_document(parse_json(text), cls)


class _KeysTwice(dict[str, Any]):
    """A JSON object that gave some keys more than once (the last one kept)."""

    twice: tuple[str, ...] = ()


def _keys_twice(node: Any, path: str = "$") -> Iterator[Problem]:
    """A problem for each key given twice in an object, anywhere in ``node``."""
    if isinstance(node, dict):
        items = typing.cast(dict[str, Any], node)
        if isinstance(items, _KeysTwice):
            for key in items.twice:
                yield Problem(
                    f"{path}.{key}",
                    f"duplicate key {key!r}: each key may appear only once in an object",
                )
        for key, child in items.items():
            yield from _keys_twice(child, f"{path}.{key}")
    elif isinstance(node, list):
        for i, child in enumerate(typing.cast(Sequence[Any], node)):
            yield from _keys_twice(child, f"{path}[{i}]")


def parse_json(text: str | bytes) -> Any:
    """Parse JSON text as plantarkit reads documents: strictly.

    ``NaN`` and ``Infinity`` are refused, and so is a key given twice in an
    object (JSON readers differ on which one counts).

    Raises:
        DocumentError: The text is not valid JSON (with line and column), or
            repeats a key (each with its JSON path).
    """
    if not isinstance(text, str | bytes):
        raise DocumentError([Problem("$", expected("JSON text", text))])
    repeated = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        obj = dict(items)
        if len(obj) == len(items):
            return obj
        repeated = True
        seen: set[str] = set()
        again: dict[str, None] = {}  # in order, each once
        for key, _ in items:
            if key in seen:
                again[key] = None
            seen.add(key)
        twice = _KeysTwice(obj)
        twice.twice = tuple(again)
        return twice

    try:
        parsed = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise DocumentError(
            [Problem("$", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")]
        ) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise DocumentError([Problem("$", f"not valid JSON: {exc}")]) from None
    if repeated:
        raise DocumentError(_keys_twice(parsed))
    return parsed


# --- JSON Schema -------------------------------------------------------------------------------


class _SchemaBuilder:
    def __init__(self) -> None:
        self.defs: dict[str, JSONDict] = {}

    def for_type(self, t: Any) -> JSONDict:
        if t is Any:
            return {}
        if t is bool:
            return {"type": "boolean"}
        if t is int:
            return {"type": "integer"}
        if t is float:
            return {"type": "number"}
        if t is str:
            return {"type": "string"}
        if t is type(None):
            return {"type": "null"}
        if t is datetime.date:
            return {"type": "string", "format": "date"}
        if t is Pain:
            return PAIN_SCALE.json_schema()
        t = _CALLABLE_UNIONS.get(t, t)
        if t in _TAGGED_UNIONS:
            tag, members = _TAGGED_UNIONS[t]
            return {
                "oneOf": [
                    {"allOf": [self.for_type(cls), {"required": [tag]}]} for cls in members.values()
                ]
            }
        if _is_enum(t):
            return {"enum": [m.value for m in t]}
        origin = typing.get_origin(t)
        args = typing.get_args(t)
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.for_type(args[0])}
            return {
                "type": "array",
                "prefixItems": [self.for_type(a) for a in args],
                "minItems": len(args),
                "maxItems": len(args),
            }
        if origin in (types.UnionType, typing.Union):
            return {"anyOf": [self.for_type(a) for a in args]}
        if attrs.has(origin or t):
            return self.for_class(t)
        raise TypeError(f"no JSON Schema for {t!r}")  # pragma: no cover - developer error

    def for_class(self, t: Any) -> JSONDict:
        origin = typing.get_origin(t) or t
        args = typing.get_args(t)
        name = origin.__name__ + "".join(f"_{getattr(a, '__name__', 'Any')}" for a in args)
        ref = {"$ref": f"#/$defs/{name}"}
        if name in self.defs:
            return ref
        self.defs[name] = {}
        # the fields' resolved types (forward references, such as an exercise state's rules,
        # are resolved where the types are defined)
        hints = {f.name: f.type for f in attrs.fields(attrs.resolve_types(origin))}
        params = getattr(origin, "__parameters__", ())
        bindings: dict[Any, Any] = dict(zip(params, args, strict=False))
        properties: JSONDict = {}
        required: list[str] = []
        for field in attrs.fields(origin):
            if not field.init:
                continue
            ftype: Any = hints.get(field.name, Any)
            if isinstance(ftype, TypeVar):
                ftype = bindings.get(ftype, Any)
            properties[field.name] = self.for_field(ftype, field.validator)
            if field.default is attrs.NOTHING:
                required.append(field.name)
        for union_tag, members in _TAGGED_UNIONS.values():
            for tag_value, cls in members.items():
                if cls is origin:
                    properties[union_tag] = {"const": tag_value}
        doc = (origin.__doc__ or "").strip().splitlines()
        schema: JSONDict = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        if doc:
            schema["description"] = doc[0]
        if required:
            schema["required"] = required
        self.defs[name] = schema
        return ref

    def for_field(self, ftype: Any, validator: Any) -> JSONDict:
        if isinstance(validator, Instance) or not hasattr(validator, "json_schema"):
            return self.for_type(ftype)
        if isinstance(validator, TupleOf):
            args = typing.get_args(ftype)
            item = args[0] if args else Any
            schema = validator.json_schema()
            if isinstance(validator.item, Instance):
                schema["items"] = self.for_type(item)
            return schema
        return typing.cast(JSONDict, validator.json_schema())


def json_schema(cls: type | None = None) -> JSONDict:
    """Return the JSON Schema (draft 2020-12) of plantarkit documents.

    Args:
        cls: Describe documents of this type only; ``None`` describes any
            plantarkit document.

    Raises:
        InvalidValueError: ``cls`` is not a document type (at ``$.cls``).
    """
    if cls is not None:
        _document_class(cls)
    builder = _SchemaBuilder()
    chosen = [cls] if cls is not None else list(_DOCUMENT_TYPES)
    variants: list[JSONDict] = []
    for t in chosen:
        origin = typing.get_origin(t) or t
        variants.append(
            {
                "type": "object",
                "properties": {
                    "type": {"const": origin.__name__},
                    "schema_version": {"const": SCHEMA_VERSION},
                    "data": builder.for_type(
                        t if origin is not Bilateral or typing.get_args(t) else Bilateral[Any]
                    ),
                },
                "required": ["type", "schema_version", "data"],
                "additionalProperties": False,
            }
        )
    top: JSONDict = variants[0] if len(variants) == 1 else {"oneOf": variants}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "plantarkit document",
        **top,
        "$defs": builder.defs,
    }
