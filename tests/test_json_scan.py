"""The strict JSON reader's fast scans: nesting depth and large numbers, against the slow truth."""

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plantarkit import DocumentError
from plantarkit.io import parse_json
from plantarkit.io._json import MAX_DEPTH, _nesting

# Strings full of what could fool a scan: brackets, quotes, backslashes, non-ASCII.
tricky = st.text(alphabet='[]{}"\\ aé×\n', max_size=6)
leaves = st.none() | st.booleans() | st.integers(-(10**6), 10**6) | tricky
values = st.recursive(
    leaves,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(tricky, inner, max_size=3),
    max_leaves=40,
)


def depth(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    return 0


def nest(value: Any, levels: int) -> Any:
    for i in range(levels):
        value = [value] if i % 2 else {"k[": value}
    return value


@given(values, st.integers(0, 80), st.booleans())
def test_the_nesting_scan_finds_the_depth_whatever_the_strings_hold(
    value: Any, extra: int, ascii_only: bool
) -> None:
    document = nest(value, extra)
    text = json.dumps(document, ensure_ascii=ascii_only)
    found = _nesting(text)
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        assert found == 0  # too few brackets to be too deep: not scanned
    else:
        assert found == depth(document)


@given(values)
def test_the_fast_path_reads_what_json_reads(value: Any) -> None:
    text = json.dumps(value)
    assert parse_json(text) == json.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        '{"a": ' + "9" * 31 + "}",
        '{"a": 1e999}',
        '{"a": -1E+400}',
        "[" + "1" * 5000 + "]",
    ],
)
def test_numbers_too_large_are_still_refused(text: str) -> None:
    with pytest.raises(DocumentError, match="too large"):
        parse_json(text)


def test_deep_nesting_is_still_refused() -> None:
    with pytest.raises(DocumentError, match=f"nested more than {MAX_DEPTH} levels deep"):
        parse_json("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert parse_json("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
