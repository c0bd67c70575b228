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
from typing import Any, ParamSpec, TypeVar

import attrs

__all__ = ["maker"]

T = TypeVar("T")
P = ParamSpec("P")


def maker(cls: Callable[P, T], *, defaults: bool = True) -> Callable[P, T]:
    """A function with the signature of ``cls`` that returns an unchecked instance.

    It takes the same keyword arguments with the same defaults (factories
    are called for each instance), but runs no validators, converters or
    ``__attrs_post_init__``. With ``defaults=False`` every field must be
    given (at run time): use it where a forgotten field would silently reset
    a value carried from one state to the next.
    """
    return typing.cast(Callable[P, T], _maker(typing.cast(type, cls), defaults))


_MISSING = object()


@functools.cache
def _maker(cls: type, defaults: bool) -> Callable[..., Any]:
    if "_attrs_cached_hash" in getattr(cls, "__slots__", ()):
        raise TypeError(f"{cls.__name__} caches its hash: build it with its constructor")
    namespace: dict[str, Any] = {
        "new": object.__new__,
        "put": object.__setattr__,
        "cls": cls,
        "missing": _MISSING,
    }
    params: list[str] = []
    body = ["    inst = new(cls)"]
    for field in attrs.fields(cls):
        name = field.name
        if not name.isidentifier():  # pragma: no cover - attrs field names always are
            raise TypeError(f"{cls.__name__}: field {name!r} is not an identifier")
        default: Any = field.default
        if default is attrs.NOTHING or not defaults:
            params.append(name)
        elif isinstance(default, _FACTORY):
            if default.takes_self:  # pragma: no cover - plantarkit uses none
                raise TypeError(f"{cls.__name__}.{name}: factories taking self are not supported")
            namespace[f"factory_{name}"] = default.factory
            params.append(f"{name}=missing")
            body.append(f"    if {name} is missing: {name} = factory_{name}()")
        else:
            namespace[f"default_{name}"] = default
            params.append(f"{name}=default_{name}")
        body.append(f"    put(inst, {name!r}, {name})")
    lines = [f"def make(*, {', '.join(params)}):", *body, "    return inst"]
    exec("\n".join(lines), namespace)  # code built from attrs field names only
    make: Callable[..., Any] = namespace["make"]
    make.__qualname__ = f"maker({cls.__name__})"
    return make


_FACTORY: Any = type(attrs.Factory(int))
"""The class of ``attrs.Factory(...)`` defaults."""
