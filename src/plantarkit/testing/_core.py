"""Strategies for the shared vocabulary: sides, pain, per-side values, sources, problems."""

import enum
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
from plantarkit.testing._base import IDS, KEYS, LINES, NAMES, TEXTS, T, draw_maybe
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
        elements: The strategy for each side's value.

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


_MEASURES: SearchStrategy[float] = st.one_of(
    st.integers(-(10**6), 10**6), st.floats(allow_nan=False, allow_infinity=False)
)


@provides_generic(Bilateral)
def _bilateral_from_type(thing: type[Bilateral[Any]]) -> SearchStrategy[Bilateral[Any]]:
    args = typing.get_args(thing)
    if not args:
        return bilaterals(_MEASURES)
    own = lookup(args[0])  # plantarkit's own types, registered with hypothesis or not
    return bilaterals(own if own is not None else st.from_type(args[0]))


_PATH_STEPS = st.one_of(IDS.map(".{}".format), st.integers(0, 20).map("[{}]".format))


@provides(Problem)
def problems() -> SearchStrategy[Problem]:
    """Problems, as errors carry them: a JSON path and a message.

    Returns:
        A strategy for :class:`~plantarkit.Problem` values.
    """
    paths = st.lists(_PATH_STEPS, max_size=4).map(lambda steps: "$" + "".join(steps))
    return st.builds(Problem, path=paths, message=NAMES)
