"""One registry of plantarkit's public value types.

Each public attrs type is registered where it is defined, with the decorator
:func:`public`. Everything that must list the public types reads them from
here instead of keeping a list of its own: the tagged unions of rule and gate
kinds (each class's ``kind`` is its tag), the document types and JSON Schema
of :mod:`plantarkit.io`, and the strategies of :mod:`plantarkit.testing`. A
test fails when a public attrs type is missing from the registry, or a
registered type lacks a strategy.

The registry is filled once, as the modules that define the types are
imported, and never changes after: it describes the code, not a run, so it is
no hidden state in the sense of the design's "no globals" rule.
"""

from collections.abc import Callable
from typing import TypeVar

import attrs

__all__ = ["Entry", "entries", "family", "public"]

T = TypeVar("T", bound=type)

FAMILIES = frozenset({"gate", "pain_rule", "progression_rule", "regression_rule", "work"})
"""The tagged unions: each member class has a ``kind`` class attribute, its tag in JSON."""


@attrs.frozen
class Entry:
    """A registered public type.

    Attributes:
        cls: The type.
        family: The tagged union it belongs to, if any (see :data:`FAMILIES`).
        document: Whether it can be a top-level JSON document of its own.
    """

    cls: type
    family: str | None
    document: bool


_ENTRIES: dict[type, Entry] = {}


def public(family: str | None = None, *, document: bool = True) -> Callable[[T], T]:
    """Register a public type (a class decorator; put it above ``@attrs.frozen``).

    Args:
        family: The tagged union the type is a member of; its ``kind`` class
            attribute is then its tag.
        document: Whether the type can be written as a document of its own.
    """
    if family is not None and family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}")  # pragma: no cover - developer error

    def register(cls: T) -> T:
        if family is not None and not isinstance(getattr(cls, "kind", None), str):
            raise TypeError(f"{cls.__name__} needs a 'kind' tag")  # pragma: no cover
        _ENTRIES[cls] = Entry(cls=cls, family=family, document=document)
        return cls

    return register


def entries() -> tuple[Entry, ...]:
    """Every registered type, in the order the types were defined."""
    return tuple(_ENTRIES.values())


def family(name: str) -> tuple[type, ...]:
    """The member types of a tagged union, in the order they were defined."""
    return tuple(e.cls for e in _ENTRIES.values() if e.family == name)
