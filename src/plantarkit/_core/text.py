"""Words shared by every layer: numbers as people read them, and "did you mean" hints."""

import difflib
from collections.abc import Iterable

__all__ = ["did_you_mean", "number", "similar"]


def number(value: float, digits: int | None = None) -> str:
    """A number as people read it: ``3`` not ``3.0``, ``2.5``, ``0.3`` not ``0.30000000000000004``.

    Args:
        value: The number.
        digits: Round to this many decimals first (``3.33`` for an average of 10/3).
    """
    if float(value).is_integer():
        return str(int(value))
    return f"{round(value, digits):g}" if digits is not None else f"{value:g}"


def similar(key: object, known: Iterable[str], *, n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The known ids spelled most like ``key``, best first (none for a key that is no text)."""
    if not isinstance(key, str):
        return []
    return difflib.get_close_matches(key, sorted(known), n=n, cutoff=cutoff)


def did_you_mean(key: object, known: Iterable[str]) -> str:
    """A hint naming the known id closest to ``key`` (``"; did you mean 'clam'?"``), or ``""``."""
    close = similar(key, known, n=1)
    return f"; did you mean {close[0]!r}?" if close else ""
