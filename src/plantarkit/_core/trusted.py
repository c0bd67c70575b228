"""Building frozen attrs values without re-running their checks, for engine-internal values.

:func:`maker` builds a value with no checks at all, from parts already
checked; :func:`evolve` copies a value with some fields changed and checks
only those fields (and the class's cross-field checks), since the others
passed when the original was built.

The progression engine builds thousands of small values per second (reasons,
decisions, exercise states) from parts that were already checked: the
state's own fields, a validated log, built-in rule parameters. Running every
field validator again on those parts costs more than the engine's own logic,
so the engine builds them with a maker from :func:`maker`. The public
constructors still check everything, and the test suite rebuilds what the
engine returns through them (so a value that would fail its checks is caught
there).

Only for classes made with ``attrs.frozen`` (slotted); a class with
``cache_hash=True`` starts with an empty hash cache, as its constructor does.
"""

import functools
import types
import typing
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import attrs

__all__ = ["evolve", "maker"]

T = TypeVar("T")
P = ParamSpec("P")
A = TypeVar("A", bound=attrs.AttrsInstance)


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
_HASH_CACHE = "_attrs_cached_hash"
"""The slot where ``attrs`` caches the hash of a class made with ``cache_hash=True``."""


@functools.cache
def _maker(cls: type, defaults: bool) -> Callable[..., Any]:
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls, "missing": _MISSING}
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
        namespace[f"set_{name}"] = _setter(cls, name)
        body.append(f"    set_{name}(inst, {name})")
    if _has_hash_cache(cls):  # no hash yet
        namespace["set_hash"] = _setter(cls, _HASH_CACHE)
        body.append("    set_hash(inst, None)")
    lines = [f"def make(*, {', '.join(params)}):", *body, "    return inst"]
    exec("\n".join(lines), namespace)  # code built from attrs field names only
    make: Callable[..., Any] = namespace["make"]
    make.__qualname__ = f"maker({cls.__name__})"
    return make


def _setter(cls: type, name: str) -> Callable[[object, Any], None]:
    """The fastest way to set a field on a new instance: its slot's own ``__set__``."""
    for klass in cls.__mro__:
        slot = klass.__dict__.get(name)
        if isinstance(slot, types.MemberDescriptorType):
            return slot.__set__
    return functools.partial(_put, name=name)  # pragma: no cover - attrs classes are slotted


def _put(inst: object, value: Any, *, name: str) -> None:  # pragma: no cover - see _setter
    object.__setattr__(inst, name, value)


_FACTORY: Any = type(attrs.Factory(int))
"""The class of ``attrs.Factory(...)`` defaults."""


def evolve(inst: A, **changes: Any) -> A:
    """``attrs.evolve(inst, **changes)`` that checks only what changes.

    The changed fields run their validators, in field order, and then the
    class's ``__attrs_post_init__`` (cross-field checks) runs, as in the
    constructor; the unchanged fields passed their checks when ``inst`` was
    built. With validators switched off (``attrs.validators.disabled()``)
    only the post-init runs, as in the constructor. Much cheaper than the
    constructor for values with many fields (a dose). Only for classes whose
    fields are all plain: given to the constructor under their own names,
    with no converters.

    Raises:
        TypeError: ``changes`` names a field the class does not have, or the
            class has a field that is not plain.
        InvalidValueError: A changed field, or the new combination, is invalid.
    """
    changer: Callable[[A, dict[str, Any]], A] = _changer(type(inst), tuple(changes))
    return changer(inst, changes)


@functools.cache
def _changer(cls: type, names: tuple[str, ...]) -> Callable[[Any, dict[str, Any]], Any]:
    """``evolve`` for one class and one set of changed fields, as straight-line code."""
    fields: dict[str, attrs.Attribute[Any]] = attrs.fields_dict(cls)
    for name, field in fields.items():
        # A converted, derived (init=False) or private (aliased) field would need attrs.evolve's
        # own handling; the values the rules evolve (doses, work, loads) have none.
        if getattr(field, "converter", None) is not None or not field.init or field.alias != name:
            raise TypeError(f"{cls.__name__}.{name} is not a plain field: use attrs.evolve")
    for name in names:
        if name not in fields:
            raise TypeError(f"{cls.__name__} has no field {name!r}")
    namespace: dict[str, Any] = {
        "new": object.__new__,
        "cls": cls,
        "disabled": attrs.validators.get_disabled,
        "post_init": getattr(cls, "__attrs_post_init__", None),
    }
    body = ["    inst = new(cls)"]
    for name in fields:
        namespace[f"set_{name}"] = _setter(cls, name)
        source = f"changes[{name!r}]" if name in names else f"old.{name}"
        body.append(f"    set_{name}(inst, {source})")
    if _has_hash_cache(cls):
        namespace["set_hash"] = _setter(cls, _HASH_CACHE)
        body.append("    set_hash(inst, None)")
    checks = [
        (name, field) for name, field in fields.items() if name in names and field.validator
    ]  # in field order, as the constructor reports
    if checks:
        body.append("    if not disabled():")
        for name, field in checks:
            namespace[f"check_{name}"] = field.validator
            namespace[f"field_{name}"] = field
            body.append(f"        check_{name}(inst, field_{name}, inst.{name})")
    if namespace["post_init"] is not None:
        body.append("    post_init(inst)")
    lines = ["def change(old, changes):", *body, "    return inst"]
    exec("\n".join(lines), namespace)  # code built from attrs field names only
    change: Callable[[Any, dict[str, Any]], Any] = namespace["change"]
    change.__qualname__ = f"evolve({cls.__name__}, {', '.join(names)})"
    return change


def _has_hash_cache(cls: type) -> bool:
    """Whether ``cls`` caches its hash (``cache_hash=True``): a new value starts without one."""
    return any(_HASH_CACHE in vars(k).get("__slots__", ()) for k in cls.__mro__)
