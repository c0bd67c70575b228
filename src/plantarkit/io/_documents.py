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
from plantarkit.plans import Program
from plantarkit.progression.engine import PAIN_MAX_REPORTS, ProgramState

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "document_class",
    "document_types",
    "dumps",
    "from_document",
    "loads",
    "migrate",
    "split_state",
    "to_document",
]

T = TypeVar("T")

# Both documented where they are public, in plantarkit.io (Sphinx reads their docstrings there).
SCHEMA_VERSION = 3


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


def _program_of(data: JSONDict, path: str) -> Program:
    """The programme a version-2 state's data carries (its errors at their paths)."""
    program: Program = structure(data["program"], Program, path=f"{path}.program")
    return program


def _state_without_program(state: object, path: str) -> object:
    """A version-2 ProgramState's data with its programme's fingerprint instead of the programme.

    Also names the current phase (``phase_id``), which a state now carries.
    """
    if not isinstance(state, dict):
        return state
    given = typing.cast(JSONDict, state)
    if "program" not in given:
        return given
    program = _program_of(given, path)
    out = {k: v for k, v in given.items() if k != "program"}
    out["program_fingerprint"] = program.fingerprint
    pain: object = given.get("pain")
    if (
        isinstance(pain, list) and len(typing.cast(list[object], pain)) > PAIN_MAX_REPORTS
    ):  # unbounded before version 3
        out["pain"] = pain[-PAIN_MAX_REPORTS:]  # the newest, as the engine now keeps them
    index = given.get("phase_index")
    phases = program.protocol.phases
    if isinstance(index, int) and 0 <= index < len(phases) and "phase_id" not in given:
        out["phase_id"] = phases[index].id
    return out


def _session_phase(advance: JSONDict, path: str) -> str | None:
    """The phase a version-2 Advance's session was in, worked out as version 2 did."""
    state, phase = advance.get("state"), advance.get("phase")
    if not isinstance(state, dict) or "program" not in state or not isinstance(phase, dict):
        return None
    program = _program_of(typing.cast(JSONDict, state), f"{path}.state")
    index = typing.cast(JSONDict, state).get("phase_index")
    action = typing.cast(JSONDict, phase).get("action")
    if not isinstance(index, int):
        return None
    moved = {"progress": -1, "regress": 1}.get(action if isinstance(action, str) else "", 0)
    phases = program.protocol.phases
    return phases[index + moved].id if 0 <= index + moved < len(phases) else None


def _to_3(document: JSONDict) -> JSONDict:
    """Version 2 to 3 (issue 13): a state no longer carries its programme.

    ``ProgramState.program`` became ``program_fingerprint`` (the programme's
    :attr:`~plantarkit.Program.fingerprint`) and the state names its phase
    (``phase_id``); an ``Advance`` names the phase its session was in
    (``session_phase``). The programme itself is not in the new document: read
    it out of the old one with :func:`split_state` to store it on its own.
    """
    kind, data = document.get("type"), document.get("data")
    if kind == "ProgramState":
        data = _state_without_program(data, "$.data")
    elif kind == "Advance" and isinstance(data, dict):
        given = typing.cast(JSONDict, data)
        session = _session_phase(given, "$.data")
        data = dict(given)
        if "state" in data:
            data["state"] = _state_without_program(data["state"], "$.data.state")
        if session is not None and "session_phase" not in data:
            data["session_phase"] = session
    return {**document, "type": kind, "schema_version": 3, "data": data}


MIGRATIONS: Mapping[int, Callable[[JSONDict], JSONDict]] = types.MappingProxyType(
    {1: _to_2, 2: _to_3}
)


def split_state(text: str | bytes) -> tuple[Program, ProgramState]:
    """Read a state document of schema version 1 or 2 as its programme and a current state.

    Until version 3 a :class:`~plantarkit.ProgramState` carried its whole
    programme. :func:`loads` migrates such a document to a state that carries
    only the programme's fingerprint; this gives the programme too, so an app
    can store it once before it drops the old documents.

    Raises:
        DocumentError: The text is not a ProgramState document of version 1 or
            2 (a version-3 state has no programme in it), or is wrong.
    """
    parsed = parse_json(text)
    if not isinstance(parsed, dict):
        raise DocumentError(
            [Problem("$", expected("a JSON object (a plantarkit document)", parsed))]
        )
    document = typing.cast(JSONDict, parsed)
    version = whole(document.get("schema_version"))
    if document.get("type") != "ProgramState" or version not in (1, 2):
        raise DocumentError(
            [
                Problem(
                    "$",
                    "expected a ProgramState document of schema version 1 or 2 (one that"
                    " carries its programme), got "
                    f"{document.get('type')!r} of version {document.get('schema_version')!r}",
                )
            ]
        )
    problems = json_problems(document)
    if problems:
        raise DocumentError(problems)
    older = MIGRATIONS[1]({**document, "schema_version": 1}) if version == 1 else document
    data = older.get("data")
    if not isinstance(data, dict) or "program" not in data:
        raise DocumentError([Problem("$.data.program", "required field missing")])
    program = _program_of(typing.cast(JSONDict, data), "$.data")
    state: ProgramState = _checked_document(document, ProgramState)
    return program, state


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
