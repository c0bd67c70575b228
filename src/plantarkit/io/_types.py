"""Which types documents hold, read from the registry of public types.

Nothing here lists a type by hand: the document types are the registered
types marked as documents, and each tagged union is a registry family whose
members' ``kind`` class attributes are their tags. The packages that define
the types are imported first, so the registry is complete whatever the user
imported before.
"""

import functools
from collections.abc import Mapping
from typing import Any

import plantarkit._core.errors
import plantarkit._core.evidence
import plantarkit._core.pain
import plantarkit._core.side
import plantarkit.chain
import plantarkit.exercises
import plantarkit.plans
import plantarkit.progression.engine
import plantarkit.progression.records
import plantarkit.progression.rules
from plantarkit._core import registry
from plantarkit.progression.rules import AnyProgression, AnyRegression

__all__ = ["CALLABLE_UNIONS", "DOCUMENT_TYPES", "TAG", "TAGGED_UNIONS", "TAG_OF", "union_of"]

_DEFINING = (
    plantarkit._core.errors,
    plantarkit._core.evidence,
    plantarkit._core.pain,
    plantarkit._core.side,
    plantarkit.exercises,
    plantarkit.chain,
    plantarkit.progression.records,
    plantarkit.progression.rules,
    plantarkit.plans,
    plantarkit.progression.engine,
)
"""The modules and packages that define (or import every module defining) the public types."""

TAG = "kind"
"""The field that names a tagged union member in JSON (each member's ``kind``)."""

DOCUMENT_TYPES: tuple[type, ...] = tuple(e.cls for e in registry.entries() if e.document)
"""Every type that can be a document, in the registry's order."""


def union_of(family: str) -> Any:
    """A family's members as a union, ``A | B | ...``: equal to the alias its module declares."""
    union: Any = functools.reduce(_or, registry.family(family))
    return union


def _or(a: Any, b: Any) -> Any:
    return a | b


def _tag(cls: type) -> str:
    tag: str = getattr(cls, TAG)
    return tag


TAGGED_UNIONS: Mapping[Any, Mapping[str, type]] = {
    union_of(name): {_tag(cls): cls for cls in registry.family(name)}
    for name in sorted(registry.FAMILIES)
}
"""Each tagged union (``Work``, ``Gate``, ``PainRule`` ...), with its members by tag."""

TAG_OF: Mapping[type, str] = {
    cls: tag for members in TAGGED_UNIONS.values() for tag, cls in members.items()
}
"""Each tagged union member's tag."""

CALLABLE_UNIONS: Mapping[Any, Any] = {
    AnyProgression: union_of("progression_rule"),
    AnyRegression: union_of("regression_rule"),
}
"""Rule fields that also take plain callables: in JSON only the built-in rule values."""
