"""The strategies by type: one table, filled by decorators where the strategies are defined.

Each strategy function of this package that builds a public type says so with
:func:`provides` (or :func:`provides_family` for a tagged union's members,
:func:`provides_generic` for a generic type), as hypothesis marks its public
strategies with ``@defines_strategy``. ``tests/test_registry.py`` checks the
table against :func:`plantarkit._core.registry.entries`: every public attrs
type has a strategy, and nothing else has one.
"""

import enum
import functools
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from plantarkit._core import registry
from plantarkit._core.errors import InvalidValueError

__all__ = [
    "lookup",
    "provides",
    "provides_family",
    "provides_generic",
    "register",
    "registered_types",
    "strategy_for",
]

F = TypeVar("F", bound=Callable[..., Any])

_FACTORIES: dict[type, Callable[[], SearchStrategy[Any]]] = {}
_GENERIC: dict[type, Callable[[Any], SearchStrategy[Any]]] = {}
_FAMILIES: dict[str, Callable[[], Mapping[type[Any], SearchStrategy[Any]]]] = {}


def provides(cls: type, **kwargs: Any) -> Callable[[F], F]:
    """Mark a strategy function as the one for ``cls``: ``f(**kwargs)``, built on first use."""

    def mark(f: F) -> F:
        _FACTORIES[cls] = lambda: typing.cast(SearchStrategy[Any], f(**kwargs))
        return f

    return mark


def provides_family(name: str) -> Callable[[F], F]:
    """Mark a function returning a strategy per member type as the one for a registry family."""

    def mark(f: F) -> F:
        _FAMILIES[name] = f
        return f

    return mark


def provides_generic(cls: type) -> Callable[[F], F]:
    """Mark a function of the type asked for (``Bilateral[float]``) as the one for ``cls``."""

    def mark(f: F) -> F:
        _GENERIC[cls] = f
        return f

    return mark


@functools.cache
def _members(name: str) -> Mapping[type[Any], SearchStrategy[Any]]:
    members = _FAMILIES[name]()
    expected, given = set(registry.family(name)), set(members)
    if given != expected:  # pragma: no cover - a developer error, caught by tests/test_registry
        missing = sorted(c.__name__ for c in expected - given)
        extra = sorted(c.__name__ for c in given - expected)
        raise RuntimeError(f"strategies for the {name!r} family: missing {missing}, extra {extra}")
    return members


def _family_of(cls: type) -> str | None:
    return next((n for n in _FAMILIES if cls in registry.family(n)), None)


@functools.cache
def lookup(cls: Any) -> SearchStrategy[Any] | None:
    """This package's strategy for a public type (not generic), or ``None``."""
    factory = _FACTORIES.get(cls)
    if factory is not None:
        return factory()
    name = _family_of(cls) if isinstance(cls, type) else None
    return None if name is None else _members(name)[cls]


def registered_types() -> tuple[type[Any], ...]:
    """The public types with a strategy here (the ones :func:`register` gives hypothesis)."""
    return tuple(
        e.cls
        for e in registry.entries()
        if e.cls in _FACTORIES or e.cls in _GENERIC or _family_of(e.cls) is not None
    )


def strategy_for(thing: Any) -> SearchStrategy[Any]:
    """The strategy this module uses for a plantarkit type (``Bilateral[T]`` included).

    A public enum draws its members.

    Raises:
        InvalidValueError: ``thing`` is not a type this module has a strategy for.
    """
    origin = typing.get_origin(thing) or thing
    generic = _GENERIC.get(origin)
    if generic is not None:
        return generic(thing)
    strategy = lookup(thing)
    if strategy is not None:
        return strategy
    public = any(e.cls is thing for e in registry.entries())
    if public and isinstance(thing, type) and issubclass(thing, enum.Enum):
        return st.sampled_from(thing)
    raise InvalidValueError("$", f"no plantarkit strategy for {thing!r}")


def register() -> None:
    """Register these strategies with hypothesis, so ``st.from_type`` uses them.

    Hypothesis does this itself through its entry point when plantarkit is
    installed; call it yourself only when running from a source tree.
    Calling it again is harmless.
    """
    for cls in registered_types():
        st.register_type_strategy(cls, strategy_for)
