"""Strict JSON text: no NaN or infinity, no key given twice in an object."""

import json
import typing
from collections.abc import Iterator, Sequence
from typing import Any

from plantarkit._core.checks import expected
from plantarkit._core.errors import DocumentError, Problem

__all__ = ["JSONDict", "parse_json"]

JSONDict = dict[str, Any]


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not allowed in plantarkit documents")


class _KeysTwice(dict[str, Any]):
    """A JSON object that gave some keys more than once (the last one kept)."""

    twice: tuple[str, ...] = ()


def _keys_twice(node: Any, path: str = "$") -> Iterator[Problem]:
    """A problem for each key given twice in an object, anywhere in ``node``."""
    if isinstance(node, dict):
        items = typing.cast(dict[str, Any], node)
        if isinstance(items, _KeysTwice):
            for key in items.twice:
                yield Problem(
                    f"{path}.{key}",
                    f"duplicate key {key!r}: each key may appear only once in an object",
                )
        for key, child in items.items():
            yield from _keys_twice(child, f"{path}.{key}")
    elif isinstance(node, list):
        for i, child in enumerate(typing.cast(Sequence[Any], node)):
            yield from _keys_twice(child, f"{path}[{i}]")


def parse_json(text: str | bytes) -> Any:
    """Parse JSON text as plantarkit reads documents: strictly.

    ``NaN`` and ``Infinity`` are refused, and so is a key given twice in an
    object (JSON readers differ on which one counts).

    Raises:
        DocumentError: The text is not valid JSON (with line and column), or
            repeats a key (each with its JSON path).
    """
    if not isinstance(text, str | bytes):
        raise DocumentError([Problem("$", expected("JSON text", text))])
    repeated = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        obj = dict(items)
        if len(obj) == len(items):
            return obj
        repeated = True
        seen: set[str] = set()
        again: dict[str, None] = {}  # in order, each once
        for key, _ in items:
            if key in seen:
                again[key] = None
            seen.add(key)
        twice = _KeysTwice(obj)
        twice.twice = tuple(again)
        return twice

    try:
        parsed = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise DocumentError(
            [Problem("$", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")]
        ) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise DocumentError([Problem("$", f"not valid JSON: {exc}")]) from None
    if repeated:
        raise DocumentError(_keys_twice(parsed))
    return parsed
