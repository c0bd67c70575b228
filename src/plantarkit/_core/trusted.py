"""Building frozen attrs values without re-running their checks, for engine-internal values.

:func:`maker` builds a value with no checks at all, from parts already
checked; :func:`evolve` copies a value with some fields changed and checks
only those fields (and the class's cross-field checks), since the others
passed when the original was built.

Validation policy
-----------------

Every value that enters plantarkit from outside is checked: the public
constructors run every field check and cross-field check, and the ``io``
loader builds values through those constructors, so a saved document is
checked again when it is read back. Only values that the engine itself
produces (reasons, decisions, proposals, exercise and programme states, pain
records, and the loads and doses a rule changes), from parts that were
already checked (the state's own fields, a validated log, a rule's validated
parameters), may be built unchecked, and only inside the engine
(``plantarkit.progression``): with a :func:`maker`, or with :func:`evolve`,
which checks only the fields that change. Nothing from outside goes
unchecked. The engine's own mistakes are caught by the test suite, which
rebuilds everything the engine returns through the checking constructors,
and at the ``io`` boundary: a value the engine got wrong fails when its
document is loaded. Limits the engine needs (the heaviest load, the longest
hold) are read from the field checks that enforce them
(:func:`plantarkit._core.checks.upper_bound`), not restated.

How the code is made
--------------------

Each maker and changer is straight-line code generated once per class (and
set of changed fields) and compiled with :func:`compile` under a unique
``<plantarkit ...>`` file name that is registered in :mod:`linecache`, as
attrs does for its own generated methods, so tracebacks, debuggers and
:func:`inspect.getsource` show the generated lines.

It uses only public attrs API: :func:`attrs.fields`, ``attrs.Factory``,
``Attribute.alias``, :func:`attrs.validators.get_disabled`. A class made with
``cache_hash=True`` keeps its hash cache in a slot whose name is private to
attrs; it must start empty in a new value. Rather than name that slot, the
generated code is told what a new value holds beyond its fields by the
class's own ``__setstate__`` (the pickle protocol, which attrs makes reset
the cache): once per class, an empty instance is set up from no field values
and every non-field slot it fills is filled the same way in each new value.
Building these classes with their constructors instead would cost too much:
the doses, loads and pain reports the engine builds and evolves are all
``cache_hash`` classes, their constructors (and ``attrs.evolve``) take two to
four times as long as the generated code, and a typical session of
``benchmarks/bench_advance.py`` took about a quarter longer that way. Only
empty (``None``) extra state is copied; a class whose ``__setstate__`` sets up
anything else is refused (:class:`TypeError`): it needs its constructor.

Only for classes made with ``attrs.frozen`` (slotted).
"""

import functools
import linecache
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
    body += _extra_state(cls, namespace)
    lines = [f"def make(*, {', '.join(params)}):", *body, "    return inst"]
    what = "maker" if defaults else "maker(defaults=False)"
    make: Callable[..., Any] = _compile(lines, f"{what} {_qualified(cls)}", namespace)["make"]
    make.__module__, make.__qualname__ = __name__, f"maker({cls.__name__})"
    return make


def _setter(cls: type, name: str) -> Callable[[object, Any], None]:
    """The fastest way to set a field on a new instance: its slot's own ``__set__``."""
    slot = _slots(cls).get(name)
    if slot is not None:
        return slot.__set__
    return functools.partial(_put, name=name)  # pragma: no cover - attrs classes are slotted


def _put(inst: object, value: Any, *, name: str) -> None:  # pragma: no cover - see _setter
    object.__setattr__(inst, name, value)


def _slots(cls: type) -> dict[str, types.MemberDescriptorType]:
    """The slots of ``cls`` and its bases, by name (the nearest class's, as attribute lookup)."""
    found: dict[str, types.MemberDescriptorType] = {}
    for klass in cls.__mro__:
        for name, slot in vars(klass).items():
            if isinstance(slot, types.MemberDescriptorType):
                found.setdefault(name, slot)
    return found


def _extra_state(cls: type, namespace: dict[str, Any]) -> list[str]:
    """Lines that set up what a new value holds beyond its fields (an empty hash cache).

    The class's ``__setstate__`` (the pickle protocol) says what that is: an
    instance set up from no field values has exactly those slots filled. Adds
    their setters to ``namespace``; the lines use neutral names, not attrs'.

    Raises:
        TypeError: The extra state is not empty (``None``): sharing it
            between values could be wrong, so such a class needs its constructor.
    """
    setstate = getattr(cls, "__setstate__", None)
    if setstate is None:  # pragma: no cover - attrs gives every slotted class one
        return []
    probe = object.__new__(typing.cast("type[object]", cls))  # (a bare type is type[Unknown])
    setstate(probe, {})
    fields = {field.name for field in attrs.fields(cls)}
    lines: list[str] = []
    for name, slot in _slots(cls).items():
        if name in fields:
            continue
        try:
            value = slot.__get__(probe, cls)
        except AttributeError:  # not set up by __setstate__: left empty, as the constructor does
            continue
        if value is not None:
            raise TypeError(
                f"{cls.__name__}: a new value holds {value!r} beyond its fields; build it"
                " with its constructor"
            )
        index = len(lines)
        namespace[f"set_extra_{index}"] = slot.__set__
        lines.append(f"    set_extra_{index}(inst, None)  # not a field: as __setstate__ leaves it")
    return lines


_FACTORY = typing.cast("type[Any]", attrs.Factory)
"""The class of ``attrs.Factory(...)`` defaults (its stubs call it a function, for the
``x: list[int] = Factory(list)`` idiom)."""


def _qualified(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _compile(lines: list[str], name: str, namespace: dict[str, Any]) -> dict[str, Any]:
    """Run generated code in ``namespace``, its source kept in :mod:`linecache` (as attrs does).

    The code is compiled under the file name ``<plantarkit NAME>`` (``-2``,
    ``-3``... if a different source already has it), so tracebacks, debuggers
    and :func:`inspect.getsource` find its lines. Returns ``namespace``.
    """
    source = "\n".join(lines) + "\n"
    base = filename = f"<plantarkit {name}>"
    count = 1
    while True:
        entry = (len(source), None, source.splitlines(keepends=True), filename)
        if linecache.cache.setdefault(filename, entry) == entry:
            break
        count += 1
        filename = f"{base[:-1]}-{count}>"
    exec(compile(source, filename, "exec"), namespace)  # code built from attrs field names only
    return namespace


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
    body += _extra_state(cls, namespace)
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
    what = f"evolve {_qualified(cls)}({', '.join(names)})"
    change: Callable[[Any, dict[str, Any]], Any] = _compile(lines, what, namespace)["change"]
    change.__module__, change.__qualname__ = __name__, f"evolve({cls.__name__}, {', '.join(names)})"
    return change
