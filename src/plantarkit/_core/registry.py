"""One registry of plantarkit's public value types.

Each public type is registered where it is defined, with the decorator
:func:`public` (above ``@attrs.frozen``, so the registered class is the final
one). Everything that must list the public types reads them from here instead
of keeping a list of its own: the tagged unions of rule, gate and work kinds
(each class's ``kind`` is its tag), the document types and JSON Schema of
:mod:`plantarkit.io`, the strategies of :mod:`plantarkit.testing` and the
types plantarkit's hypothesis entry point registers. ``tests/test_registry.py``
fails when a public attrs type is missing here, is neither a document nor
says why not, or lacks a strategy or a schema.

The registry describes the code, not a run: it is filled as the modules that
define the types are imported, and never changes after. Its order does not
depend on which module was imported first: types are listed by module name,
then in the order a module defines them.

This module imports nothing but the standard library, so that plantarkit's
hypothesis entry point can use it (:func:`subscribe`) without loading the
library: ``import hypothesis`` stays cheap.
"""

import itertools
from collections.abc import Callable
from typing import NamedTuple, TypeVar

__all__ = ["FAMILIES", "Entry", "entries", "family", "is_document", "public", "subscribe"]

T = TypeVar("T", bound=type)

FAMILIES = frozenset(
    {"alert_rule", "gate", "pain_rule", "progression_rule", "regression_rule", "work"}
)
"""The tagged unions: each member class has a ``kind`` class attribute, its tag in JSON."""


class Entry(NamedTuple):
    """A registered public type (a named tuple: this module does without attrs, see above).

    Attributes:
        cls: The type.
        family: The tagged union it belongs to, if any (see :data:`FAMILIES`).
        document: Whether it can be a top-level JSON document of its own.
        reason: Why it is not a document (empty for documents).
    """

    cls: type
    family: str | None
    document: bool
    reason: str


_ENTRIES: dict[type, tuple[tuple[str, int], Entry]] = {}
_ORDER = itertools.count()
_LISTENERS: list[Callable[[Entry], None]] = []
_SORTED: list[tuple[Entry, ...]] = []
_MEMBERS: dict[str, tuple[type, ...]] = {}
"""What :func:`entries` and :func:`family` return, kept until the next registration."""


def public(
    family: str | None = None, *, document: bool = True, reason: str = ""
) -> Callable[[T], T]:
    """Register a public type (a class decorator; put it above ``@attrs.frozen``).

    Args:
        family: The tagged union the type is a member of; its ``kind`` class
            attribute is then its tag.
        document: Whether the type can be written as a document of its own.
        reason: Why not, when ``document`` is false (required then).

    Raises:
        ValueError: An unknown family, or a non-document without a reason.
        TypeError: A family member without a ``kind`` tag.
    """
    if family is not None and family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}")
    if document == bool(reason):
        raise ValueError("give a reason exactly when a public type is not a document")

    def register(cls: T) -> T:
        if family is not None and not isinstance(getattr(cls, "kind", None), str):
            raise TypeError(f"{cls.__name__} needs a 'kind' tag")
        entry = Entry(cls=cls, family=family, document=document, reason=reason)
        _ENTRIES[cls] = ((cls.__module__, next(_ORDER)), entry)
        _SORTED.clear()
        _MEMBERS.clear()
        for listener in tuple(_LISTENERS):
            listener(entry)
        return cls

    return register


def entries() -> tuple[Entry, ...]:
    """Every registered type: by module name, then in the order each module defines them."""
    if not _SORTED:
        _SORTED.append(tuple(e for _, e in sorted(_ENTRIES.values(), key=lambda item: item[0])))
    return _SORTED[0]


def is_document(cls: type) -> bool:
    """Whether ``cls`` is a registered document type (the class itself, not a subclass)."""
    found = _ENTRIES.get(cls)
    return found is not None and found[1].document


def family(name: str) -> tuple[type, ...]:
    """The member types of a tagged union, in the order of :func:`entries`."""
    members = _MEMBERS.get(name)
    if members is None:
        members = _MEMBERS[name] = tuple(e.cls for e in entries() if e.family == name)
    return members


def subscribe(listener: Callable[[Entry], None]) -> None:
    """Call ``listener`` with every type registered so far, and with each one registered later.

    For tools that must learn about the types whichever is imported first
    (plantarkit's hypothesis entry point); the library itself only reads
    :func:`entries`.
    """
    _LISTENERS.append(listener)
    for entry in entries():
        listener(entry)
