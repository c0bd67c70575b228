"""Strict JSON: no NaN or infinity, no key given twice, nothing deeper or larger than any document.

Whatever reaches the converter has been through :func:`json_problems`: objects with string
keys, arrays, strings, booleans, null and numbers no plantarkit field could hold refused, and
no nesting deeper than :data:`MAX_DEPTH`. So the converter (which recurses, sorts keys and
formats numbers) never meets a value that would make Python raise something other than a
plantarkit error.
"""

import json
import math
import typing
from collections.abc import Iterator, Sequence
from typing import Any

from plantarkit._core.checks import MAGNITUDE, expected
from plantarkit._core.errors import DocumentError, Problem
from plantarkit._core.text import number

__all__ = ["MAX_DEPTH", "JSONDict", "json_problems", "parse_json"]

JSONDict = dict[str, Any]

MAX_DEPTH = 64
"""How deeply objects and arrays may nest in a document (the deepest plantarkit type, an
``Advance``, nests 14 levels)."""

_LARGEST_INT = 10**30
"""Integers beyond this are refused as data: far past :data:`MAGNITUDE`, cheap to compare."""


@typing.final
class _TooLarge:
    """A number in JSON text too large for any field (kept apart so its path can be named)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _parse_int(text: str) -> "int | _TooLarge":
    # Python refuses to convert more than 4,300 digits, with a message about its own limit.
    return _TooLarge(text) if len(text.lstrip("-")) > 30 else int(text)


def _parse_float(text: str) -> "float | _TooLarge":
    value = float(text)
    return value if math.isfinite(value) else _TooLarge(text)


def _too_large(node: "int | _TooLarge") -> str:
    if isinstance(node, int):
        digits = int(node.bit_length() * 0.30103) + 1  # str() of a huge int is slow, or fails
        shown = str(node) if digits <= 40 else f"an integer of about {digits} digits"
    else:
        digits = len(node.text.lstrip("-"))
        whole = node.text.lstrip("-").isdigit()
        shown = (
            node.text
            if digits <= 40
            else f"an integer of {digits} digits"
            if whole
            else f"a number of {digits} characters"
        )
    return f"{shown} is too large: no plantarkit number is beyond ±{number(MAGNITUDE)}"


def json_problems(data: object, path: str = "$") -> list[Problem]:
    """The problems that make ``data`` something other than plain, bounded JSON data.

    Plain JSON data is what :func:`json.loads` gives: dicts with string keys, lists,
    strings, booleans, ``None``, integers and finite floats. Tuples count as arrays.
    Also refused: nesting deeper than :data:`MAX_DEPTH`, and numbers far too large for
    any plantarkit field (each field then checks its own bounds).

    The walk is iterative, so no document can exhaust Python's recursion limit here.
    """
    problems: list[Problem] = []
    stack: list[tuple[object, str, int]] = [(data, path, 0)]
    while stack:
        node, where, depth = stack.pop()
        if node is None or isinstance(node, str | bool):
            continue
        if isinstance(node, int):
            if not -_LARGEST_INT <= node <= _LARGEST_INT:
                problems.append(Problem(where, _too_large(node)))
        elif isinstance(node, float):
            if not math.isfinite(node):
                problems.append(Problem(where, f"expected a finite number, got {node!r}"))
        elif isinstance(node, dict | list | tuple):
            if depth >= MAX_DEPTH:
                problems.append(Problem(where, f"nested more than {MAX_DEPTH} levels deep"))
            elif isinstance(node, dict):
                for key, value in typing.cast(dict[object, object], node).items():
                    if isinstance(key, str):
                        stack.append((value, f"{where}.{key}", depth + 1))
                    else:
                        problems.append(Problem(where, expected("string keys", key)))
            else:
                items = typing.cast(Sequence[object], node)
                stack.extend((item, f"{where}[{i}]", depth + 1) for i, item in enumerate(items))
        elif isinstance(node, _TooLarge):
            problems.append(Problem(where, _too_large(node)))
        else:
            what = "JSON data (an object, array, string, number, true, false or null)"
            problems.append(Problem(where, expected(what, node)))
    problems.sort(key=lambda p: p.path)
    return problems


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
        parsed = json.loads(
            text,
            parse_constant=_reject_constant,
            object_pairs_hook=pairs,
            parse_int=_parse_int,
            parse_float=_parse_float,
        )
    except RecursionError:  # the decoder recurses: far deeper than MAX_DEPTH
        raise DocumentError([Problem("$", f"nested more than {MAX_DEPTH} levels deep")]) from None
    except json.JSONDecodeError as exc:
        raise DocumentError(
            [Problem("$", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")]
        ) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise DocumentError([Problem("$", f"not valid JSON: {exc}")]) from None
    problems = json_problems(parsed)
    if problems:
        raise DocumentError(problems)
    if repeated:
        raise DocumentError(_keys_twice(parsed))
    return parsed
