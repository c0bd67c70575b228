"""Building blocks of the strategies: short texts, ids, source keys, numbers."""

import functools
from collections.abc import Sequence
from typing import TypeVar

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

T = TypeVar("T")
_LOWER = "abcdefghijklmnopqrstuvwxyz"
_ALNUM = _LOWER + "0123456789"
_VISIBLE = 'aZé0ß–×≤🦶"\\/'
_ALPHABET = _VISIBLE + " \n"


def texts(*, non_empty: bool = False, max_size: int = 20) -> SearchStrategy[str]:
    """Short texts, with quotes, backslashes, a newline and non-ASCII characters.

    Args:
        non_empty: Only texts with at least one non-blank character, as
            names, titles, points and instructions need.
        max_size: The longest text drawn.

    Returns:
        A strategy for strings.
    """
    if not non_empty:
        return st.text(_ALPHABET, max_size=max_size)
    half = max(0, (max_size - 1) // 2)
    return st.tuples(
        st.text(_ALPHABET, max_size=half),
        st.sampled_from(_VISIBLE),
        st.text(_ALPHABET, max_size=half),
    ).map("".join)


_ID_HEAD = st.sampled_from(_LOWER)
_ALNUMS = st.text(_ALNUM, max_size=6)
_ID_TAIL = st.lists(st.text(_ALNUM, min_size=1, max_size=4), max_size=2)
_KEY_PARTS = st.lists(st.text(_ALNUM, min_size=1, max_size=6), min_size=1, max_size=3)


@st.composite
def _snake_case(draw: st.DrawFn) -> str:
    return "_".join([draw(_ID_HEAD) + draw(_ALNUMS), *draw(_ID_TAIL)])


IDS = _snake_case()
KEYS = _KEY_PARTS.map("-".join)


def ids() -> SearchStrategy[str]:
    """Snake_case ids (``split_squat``) as exercises, advice, ladders and tags use.

    Returns:
        A strategy for strings matching ``[a-z][a-z0-9]*(_[a-z0-9]+)*``.
    """
    return IDS


def source_keys() -> SearchStrategy[str]:
    """Source keys (``rathleff-2015``) as sources and citations use.

    Returns:
        A strategy for strings matching ``[a-z0-9]+(-[a-z0-9]+)*``.
    """
    return KEYS


@functools.cache
def reals(low: int, high: int, *, above: bool = False) -> SearchStrategy[float]:
    """Finite numbers in ``[low, high]`` (``(low, high]`` with ``above``), whole or not."""
    return st.one_of(
        st.integers(low + 1 if above else low, high),
        st.floats(low, high, exclude_min=above, allow_nan=False, allow_infinity=False),
    )


BOOLS = st.booleans()


def draw_maybe(draw: st.DrawFn, strategy: SearchStrategy[T]) -> T | None:
    """Draw ``None`` or a value (shrinking towards ``None``)."""
    return draw(strategy) if draw(BOOLS) else None


def unique_tuples(strategy: SearchStrategy[T], max_size: int = 3) -> SearchStrategy[tuple[T, ...]]:
    return st.lists(strategy, unique=True, max_size=max_size).map(tuple)


_SOME_KEYS = unique_tuples(KEYS)
SOME_IDS = unique_tuples(IDS)
TEXTS = texts()
NAMES = texts(non_empty=True)
LINES = st.lists(NAMES, max_size=3).map(tuple)
POINTS = st.lists(NAMES, min_size=1, max_size=3).map(tuple)


def draw_cited(draw: st.DrawFn, cite: Sequence[str] | None) -> tuple[str, ...]:
    """Draw the source keys an item cites: any keys, or some of ``cite``."""
    if cite is None:
        return draw(_SOME_KEYS)
    if not cite:
        return ()
    return draw(unique_tuples(st.sampled_from(tuple(cite))))
