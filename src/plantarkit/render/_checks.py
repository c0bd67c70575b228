"""Argument checks shared by the renderers: each names the path of a wrong argument."""

import importlib
import typing
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from plantarkit._core.checks import expected
from plantarkit._core.errors import InvalidValueError, MissingDependencyError

__all__ = ["each", "import_pandas", "items", "need"]


T = TypeVar("T")


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'AEIOU' else 'a'} {noun}"


def need(value: object, cls: type[T], path: str = "$") -> T:
    """Return ``value`` if it is a ``cls``; else raise with ``path`` and what was expected."""
    if not isinstance(value, cls):
        raise InvalidValueError(path, expected(_a(cls.__name__), value))
    return value


def _is_collection(values: object) -> bool:
    """Whether ``values`` is an iterable of items (a string or a mapping is not)."""
    return isinstance(values, Iterable) and not isinstance(values, str | bytes | Mapping)


def items(values: object, what: str, path: str = "$") -> tuple[object, ...]:
    """The items of an iterable that is not a string or a mapping, else raise."""
    if not _is_collection(values):
        raise InvalidValueError(path, expected(what, values))
    return tuple(typing.cast(Iterable[object], values))


def each(values: object, cls: type[T], path: str = "$") -> tuple[T, ...]:
    """The items of an iterable of ``cls`` values, each checked."""
    what = "strings" if cls is str else f"{cls.__name__} values"
    return tuple(
        need(item, cls, f"{path}[{i}]")
        for i, item in enumerate(items(values, f"a sequence of {what}", path))
    )


def import_pandas(feature: str) -> Any:
    """Import pandas, or say which extra to install for ``feature``."""
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise MissingDependencyError("pandas", "pandas", feature) from None
