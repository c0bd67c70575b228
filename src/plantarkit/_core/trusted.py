"""Building frozen attrs values without re-running their checks, for engine-internal values.

The progression engine builds thousands of small values per second (reasons,
decisions, exercise states) from parts that were already checked: the
state's own fields, a validated log, built-in rule parameters. Running every
field validator again on those parts costs more than the engine's own logic,
so the engine builds them with a maker from :func:`maker`. The public
constructors still check everything, and the test suite rebuilds what the
engine returns through them (so a value that would fail its checks is caught
there).

Only for classes made with ``attrs.frozen`` (slotted) without ``cache_hash``.
"""

import functools
import typing
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

__all__ = ["maker"]

T = TypeVar("T")


def maker(cls: type[T]) -> Callable[..., T]:
    """A function taking every field of ``cls`` and returning an unchecked instance.

    Fields are passed by keyword. It runs no validators, converters or ``__attrs_post_init__``;
    a missing or unknown field is a ``TypeError`` as for any Python call.
    """
    return typing.cast(Callable[..., T], _maker(typing.cast(type, cls)))


@functools.cache
def _maker(cls: type) -> Callable[..., Any]:
    if "_attrs_cached_hash" in getattr(cls, "__slots__", ()):
        raise TypeError(f"{cls.__name__} caches its hash: build it with its constructor")
    names = [a.name for a in attrs.fields(cls)]
    for name in names:
        if not name.isidentifier():  # pragma: no cover - attrs field names always are
            raise TypeError(f"{cls.__name__}: field {name!r} is not an identifier")
    lines = [f"def make(*, {', '.join(names)}):", "    inst = new(cls)"]
    lines += [f"    put(inst, {name!r}, {name})" for name in names]
    lines.append("    return inst")
    namespace: dict[str, Any] = {"new": object.__new__, "put": object.__setattr__, "cls": cls}
    exec("\n".join(lines), namespace)
    make: Callable[..., Any] = namespace["make"]
    make.__qualname__ = f"maker({cls.__name__})"
    return make
