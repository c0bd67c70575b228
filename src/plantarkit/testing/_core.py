"""Strategies for the shared vocabulary: sides, pain, per-side values, sources, problems."""

import enum
import types
import typing
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from plantarkit._core import (
    Bilateral,
    Citation,
    Grade,
    Pain,
    Side,
    Source,
    SourceKind,
    registry,
)
from plantarkit._core.errors import Problem
from plantarkit.testing._base import IDS, KEYS, LINES, NAMES, TEXTS, T, draw_maybe, reals
from plantarkit.testing._table import lookup, provides, provides_generic


def sides() -> SearchStrategy[Side]:
    """Sides of the body.

    Returns:
        A strategy for :class:`~plantarkit.Side` members.
    """
    return st.sampled_from(Side)


@provides(Pain)
def pains() -> SearchStrategy[Pain]:
    """Pain ratings from 0 to 10.

    Returns:
        A strategy for :class:`~plantarkit.Pain` values.
    """
    return st.integers(0, 10).map(Pain)


def bilaterals(elements: SearchStrategy[T]) -> SearchStrategy[Bilateral[T]]:
    """Values held per side, each side drawn from ``elements``.

    Args:
        elements: The strategy for each side's value: values a side may hold
            (numbers from -10⁹ to 10⁹, valid text, tuples rather than lists;
            see :class:`~plantarkit.Bilateral`).

    Returns:
        A strategy for :class:`~plantarkit.Bilateral` values.
    """
    return st.builds(Bilateral, left=elements, right=elements)


def grades() -> SearchStrategy[Grade]:
    """Evidence grades (A, B, U).

    Returns:
        A strategy for :class:`~plantarkit.Grade` members.
    """
    return st.sampled_from(Grade)


def enum_members() -> SearchStrategy[enum.Enum]:
    """Members of every public plantarkit enum (sides, regions, loads, ...).

    Returns:
        A strategy for enum members, each a document type of its own.
    """
    enums = [e.cls for e in registry.entries() if issubclass(e.cls, enum.Enum)]
    return st.one_of([st.sampled_from(e) for e in enums])


@provides(Source)
@st.composite
def sources(draw: st.DrawFn, *, keys: SearchStrategy[str] | None = None) -> Source:
    """Bibliographic sources.

    Args:
        keys: The strategy for the source's key; ``None`` draws any valid key.

    Returns:
        A strategy for :class:`~plantarkit.Source` values.
    """
    return Source(
        key=draw(keys if keys is not None else KEYS),
        kind=draw(st.sampled_from(SourceKind)),
        title=draw(NAMES),
        authors=draw(LINES),
        year=draw_maybe(draw, st.integers(1800, 2100)),
        venue=draw(TEXTS),
    )


@provides(Citation)
@st.composite
def citations(draw: st.DrawFn, *, keys: SearchStrategy[str] | None = None) -> Citation:
    """Citations: a source key with an evidence grade and a detail.

    Args:
        keys: The strategy for the cited key; ``None`` draws any valid key.

    Returns:
        A strategy for :class:`~plantarkit.Citation` values.
    """
    return Citation(
        source=draw(keys if keys is not None else KEYS),
        grade=draw(st.sampled_from(Grade)),
        detail=draw(TEXTS),
    )


def maybe_citations() -> SearchStrategy[Citation | None]:
    return st.one_of(st.none(), citations())


def optional_bilaterals(elements: SearchStrategy[T]) -> SearchStrategy[Bilateral[T | None]]:
    return bilaterals(st.one_of(st.none(), elements))


_MEASURES: SearchStrategy[float] = reals(-(10**9), 10**9)
"""Numbers a side may hold: finite, from -10⁹ to 10⁹ (see ``check_side_value``)."""

_SIDE_SCALARS: dict[Any, SearchStrategy[Any]] = {
    type(None): st.none(),
    bool: st.booleans(),
    int: st.integers(-(10**9), 10**9),
    float: _MEASURES,
    str: TEXTS,
}
"""Side values of the plain types, within what a side may hold (no NaN, no lone surrogate)."""


def _side_values(t: Any) -> SearchStrategy[Any]:
    if t is Any:
        return _MEASURES
    if typing.get_origin(t) in (types.UnionType, typing.Union):
        return st.one_of([_side_values(a) for a in typing.get_args(t)])
    if t in _SIDE_SCALARS:
        return _SIDE_SCALARS[t]
    own = lookup(t)  # plantarkit's own types, registered with hypothesis or not
    return own if own is not None else st.from_type(t)


@provides_generic(Bilateral)
def _bilateral_from_type(thing: type[Bilateral[Any]]) -> SearchStrategy[Bilateral[Any]]:
    args = typing.get_args(thing)
    return bilaterals(_side_values(args[0] if args else Any))


_PATH_STEPS = st.one_of(IDS.map(".{}".format), st.integers(0, 20).map("[{}]".format))


@provides(Problem)
def problems() -> SearchStrategy[Problem]:
    """Problems, as errors carry them: a JSON path and a message.

    Returns:
        A strategy for :class:`~plantarkit.Problem` values.
    """
    paths = st.lists(_PATH_STEPS, max_size=4).map(lambda steps: "$" + "".join(steps))
    return st.builds(Problem, path=paths, message=NAMES)
