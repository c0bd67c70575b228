"""Documents: a value wrapped with its type name and schema version, and their migrations."""

import json
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, overload

from plantarkit._core.checks import expected
from plantarkit._core.errors import DocumentError, InvalidValueError, Problem
from plantarkit.io._convert import a_noun, structure, unstructure, whole
from plantarkit.io._json import JSONDict, json_problems, parse_json
from plantarkit.io._types import DOCUMENT_TYPES

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "document_class",
    "document_types",
    "dumps",
    "from_document",
    "loads",
    "migrate",
    "to_document",
]

T = TypeVar("T")

# Both documented where they are public, in plantarkit.io (Sphinx reads their docstrings there).
SCHEMA_VERSION = 2


def _renamed_phase_index(state: Any) -> Any:
    """A version-1 ProgramState's data with its ``phase`` (an index) as ``phase_index``."""
    if not isinstance(state, dict):
        return state
    given = typing.cast(JSONDict, state)
    if "phase" in given and "phase_index" not in given:
        return {("phase_index" if k == "phase" else k): v for k, v in given.items()}
    return given


def _exercise_decision(decision: Any) -> Any:
    """A version-1 exercise Decision's data without its (always null) ``phase``."""
    if not isinstance(decision, dict):
        return decision
    given = typing.cast(JSONDict, decision)
    if given.get("phase", 0) is None:
        return {k: v for k, v in given.items() if k != "phase"}
    return given


def _phase_decision(decision: Any) -> Any:
    """A version-1 phase Decision's data (``exercise`` null) as a PhaseDecision's."""
    if not isinstance(decision, dict):
        return decision
    given = typing.cast(JSONDict, decision)
    if given.get("exercise", 0) is None:
        gone = ("exercise", "dose", "next_exercise")
        return {k: v for k, v in given.items() if k not in gone}
    return given


def _to_2(document: JSONDict) -> JSONDict:
    """Version 1 to 2 (issue 11): a phase index, and a type of its own for the phase's decision.

    ``ProgramState.phase`` became ``phase_index``, and the phase's decision became a
    ``PhaseDecision`` (a ``Decision`` is an exercise's: it no longer has a ``phase``,
    nor the phase an exercise).

    Anything that does not look like what version 1 wrote is left alone: the
    loader then says what is wrong with it, with its path.
    """
    kind, data = document.get("type"), document.get("data")
    if kind == "ProgramState":
        data = _renamed_phase_index(data)
    elif kind == "Decision" and isinstance(data, dict) and data.get("exercise", 0) is None:  # pyright: ignore[reportUnknownMemberType]  # JSON data
        kind, data = "PhaseDecision", _phase_decision(data)
    elif kind == "Decision":
        data = _exercise_decision(data)
    elif kind == "Advance" and isinstance(data, dict):
        data = dict(typing.cast(JSONDict, data))
        if "state" in data:
            data["state"] = _renamed_phase_index(data["state"])
        if "phase" in data:
            data["phase"] = _phase_decision(data["phase"])
        decisions: object = data.get("decisions")
        if isinstance(decisions, list):
            data["decisions"] = [
                _exercise_decision(d) for d in typing.cast(list[object], decisions)
            ]
    return {**document, "type": kind, "schema_version": 2, "data": data}


MIGRATIONS: Mapping[int, Callable[[JSONDict], JSONDict]] = types.MappingProxyType({1: _to_2})


def document_types() -> Mapping[str, type]:
    """Return every type that can be written as a document, by its document name."""
    return {t.__name__: t for t in DOCUMENT_TYPES}


def document_class(cls: object) -> type:
    """Return the document type ``cls`` names (``Bilateral`` for ``Bilateral[float]``).

    Raises:
        InvalidValueError: At ``$.cls``: ``cls`` is not a document type (a
            type's name, ``int``, ...), a mistake in the calling code.
    """
    origin = typing.get_origin(cls) or cls
    if isinstance(origin, type) and any(origin is t for t in DOCUMENT_TYPES):
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
    version = whole(document.get("schema_version"))
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
    upgraded = {**document, "schema_version": version}
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
        document: The document, e.g. from :func:`json.load`: plain JSON data
            (dicts with string keys, lists, strings, numbers, booleans, ``None``),
            nested at most 64 levels.
        cls: The type expected; ``None`` accepts any document type and uses
            the document's own ``type``.

    Raises:
        DocumentError: Every problem found, with JSON paths.
        InvalidValueError: ``cls`` is not a document type (at ``$.cls``).
    """
    if cls is not None:
        document_class(cls)
    if not isinstance(document, dict):
        raise DocumentError(
            [Problem("$", expected("a JSON object (a plantarkit document)", document))]
        )
    given = typing.cast(JSONDict, document)
    problems = json_problems(given)
    if problems:
        raise DocumentError(problems)
    return _checked_document(given, cls)


def _checked_document(document: JSONDict, cls: Any) -> Any:
    """:func:`from_document` for plain, bounded JSON data (:func:`json_problems` found none)."""
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
                    f"expected {a_noun(getattr(origin, '__name__', str(target)))} document,"
                    f" got {name!r}",
                )
            ]
        )
    value: Any = structure(document["data"], target, path="$.data")
    return value


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
        document_class(cls)
    parsed = parse_json(text)  # plain, bounded JSON data
    if not isinstance(parsed, dict):
        raise DocumentError(
            [Problem("$", expected("a JSON object (a plantarkit document)", parsed))]
        )
    return _checked_document(typing.cast(JSONDict, parsed), cls)
