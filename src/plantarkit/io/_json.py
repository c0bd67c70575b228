"""Strict JSON: no NaN or infinity, no key given twice, nothing deeper or larger than any document.

Whatever reaches the converter has been through :func:`json_problems`: objects with string
keys, arrays, strings, booleans, null and numbers no plantarkit field could hold refused, and
no nesting deeper than :data:`MAX_DEPTH`. So the converter (which recurses, sorts keys and
formats numbers) never meets a value that would make Python raise something other than a
plantarkit error.
"""

import itertools
import json
import math
import re
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


_Where: typing.TypeAlias = "tuple[object, str | int] | None"
"""Where a node is: its parent's ``_Where`` and its key or index (``None`` at the root)."""


def json_problems(data: object, path: str = "$") -> list[Problem]:
    """The problems that make ``data`` something other than plain, bounded JSON data.

    Plain JSON data is what :func:`json.loads` gives: dicts with string keys, lists,
    strings, booleans, ``None``, integers and finite floats. Tuples count as arrays.
    Also refused: nesting deeper than :data:`MAX_DEPTH`, and numbers far too large for
    any plantarkit field (each field then checks its own bounds).

    The walk is iterative, so no document can exhaust Python's recursion limit here.
    """
    problems: list[Problem] = []
    # Each entry: a node, and where it is as (the parent's entry, key or index); the path
    # text is only built for a problem, so a sound document costs one pass and no strings.
    root: _Where = None
    stack: list[tuple[object, _Where, int]] = [(data, root, 0)]

    def path_of(where: _Where) -> str:
        parts: list[str] = []
        while where is not None:
            parent, key = where
            parts.append(f"[{key}]" if isinstance(key, int) else f".{key}")
            where = typing.cast(_Where, parent)
        return path + "".join(reversed(parts))

    while stack:
        node, where, depth = stack.pop()
        if node is None or isinstance(node, str | bool):
            continue
        if isinstance(node, int):
            if not -_LARGEST_INT <= node <= _LARGEST_INT:
                problems.append(Problem(path_of(where), _too_large(node)))
        elif isinstance(node, float):
            if not math.isfinite(node):
                problems.append(Problem(path_of(where), f"expected a finite number, got {node!r}"))
        elif isinstance(node, dict | list | tuple):
            if depth >= MAX_DEPTH:
                problems.append(
                    Problem(path_of(where), f"nested more than {MAX_DEPTH} levels deep")
                )
            elif isinstance(node, dict):
                for key, value in typing.cast(dict[object, object], node).items():
                    if not isinstance(key, str):
                        problems.append(Problem(path_of(where), expected("string keys", key)))
                    elif value is None or type(value) is str or type(value) is bool:
                        continue  # nothing to check: not pushed
                    else:
                        stack.append((value, (where, key), depth + 1))
            else:
                items = typing.cast(Sequence[object], node)
                stack.extend(
                    (item, (where, i), depth + 1)
                    for i, item in enumerate(items)
                    if not (item is None or type(item) is str or type(item) is bool)
                )
        elif isinstance(node, _TooLarge):
            problems.append(Problem(path_of(where), _too_large(node)))
        else:
            what = "JSON data (an object, array, string, number, true, false or null)"
            problems.append(Problem(path_of(where), expected(what, node)))
    problems.sort(key=lambda p: p.path)
    return problems


_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")
_QUOTED = re.compile(r'"[^"]*"')
_KEEP = dict.fromkeys(range(128))  # str.translate: every ASCII character but these goes
for _c in '"[]{}':
    del _KEEP[ord(_c)]


def _nesting(text: str) -> int:
    """How deeply the arrays and objects in JSON text nest (brackets in strings left out)."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return 0  # too few to nest too deeply: the common case of a small document
    if "\\" in text:  # an escaped quote may sit in a string: the full pattern finds strings
        brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    else:
        # No escapes (a stored state): keep only quotes and brackets (in C), then drop each
        # string's pair of quotes with what it holds. Outside strings JSON has only ASCII.
        kept = text.translate(_KEEP)
        brackets = kept.replace('""', "")  # strings without brackets in them, the usual
        if '"' in brackets:  # some string holds a bracket: drop strings one by one
            brackets = _QUOTED.sub("", kept)
    # Depth after each bracket; map, accumulate and max all loop in C.
    return max(itertools.accumulate(map(_STEP.__getitem__, brackets)), default=0)


_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}

_ZEROS = str.maketrans("123456789", "000000000")
_EXPONENTS = tuple(f"{e}{sign}000" for e in "eE" for sign in ("", "+", "-"))


def _may_be_large(text: str) -> bool:
    """Whether the text has the digits of a number too large for any field.

    That is 31 digits in a row (past :data:`_LARGEST_INT`) or an exponent of three
    digits. Only then are numbers parsed one by one; digits in a string only take that
    slower path. (A translation and substring searches, all in C: regular expressions
    are several times slower here.)
    """
    digits = text.translate(_ZEROS)
    return "0" * 31 in digits or any(e in digits for e in _EXPONENTS)


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
    # Decoded JSON has string keys and JSON types only: the walk that names problems is
    # needed only for a number too large or nesting too deep (found here without it).
    odd = isinstance(text, bytes) or _nesting(text) > MAX_DEPTH
    # Numbers are parsed by hooks that catch the too large only when the text has the
    # digits for one; a stored state has none, and json parses its numbers in C.
    hooked = odd or _may_be_large(typing.cast(str, text))

    def whole_number(digits: str) -> "int | _TooLarge":
        nonlocal odd
        value = _parse_int(digits)
        odd = odd or isinstance(value, _TooLarge)
        return value

    def real_number(digits: str) -> "float | _TooLarge":
        nonlocal odd
        value = _parse_float(digits)
        odd = odd or isinstance(value, _TooLarge)
        return value

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
        if hooked:
            parsed = json.loads(
                text,
                parse_constant=_reject_constant,
                object_pairs_hook=pairs,
                parse_int=whole_number,
                parse_float=real_number,
            )
        else:
            parsed = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=pairs)
    except RecursionError:  # the decoder recurses: far deeper than MAX_DEPTH
        raise DocumentError([Problem("$", f"nested more than {MAX_DEPTH} levels deep")]) from None
    except json.JSONDecodeError as exc:
        raise DocumentError(
            [Problem("$", f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")]
        ) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise DocumentError([Problem("$", f"not valid JSON: {exc}")]) from None
    problems = json_problems(parsed) if odd else []
    if problems:
        raise DocumentError(problems)
    if repeated:
        raise DocumentError(_keys_twice(parsed))
    return parsed
