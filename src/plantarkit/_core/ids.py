"""Shared checks for ids and source keys, used by every layer that names things."""

from plantarkit._core.checks import Text, TupleOf
from plantarkit._core.evidence import SOURCE_KEY

__all__ = ["ID", "SOURCE_KEYS"]

ID = Text(pattern=r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*", what="a snake_case id such as 'split_squat'")
"""A snake_case id: exercises, advice, ladders, phases, protocols."""
SOURCE_KEYS = TupleOf(SOURCE_KEY, unique=True)
"""Keys of sources (``exakt-2021``), each once."""
