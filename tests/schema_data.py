"""A hypothesis strategy for JSON data that a JSON Schema accepts: the keywords plantarkit uses.

hypothesis-jsonschema would be the tool, but its last release (0.23.1) fails against the
hypothesis this project needs (``'many' object has no attribute 'more'``) and does not follow
recursive references (``Only`` holds a rule, which may be an ``Only``). This covers the subset
of draft 2020-12 that :func:`plantarkit.json_schema` writes, and refuses any other keyword, so
a schema that grows a new rule cannot be generated from silently wrong.

Numbers follow JSON Schema, not Python: ``"integer"`` accepts ``3.0``, so integral floats are
drawn for integer fields too.
"""

import datetime
import json
import math
from collections.abc import Mapping
from typing import Any

from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

__all__ = ["from_schema"]

JSON = dict[str, Any]

_IGNORED = frozenset({"$schema", "title", "description", "$defs"})
_KNOWN = _IGNORED | {
    "type",
    "$ref",
    "required",
    "maximum",
    "minimum",
    "exclusiveMinimum",
    "properties",
    "additionalProperties",
    "anyOf",
    "oneOf",
    "allOf",
    "const",
    "enum",
    "items",
    "pattern",
    "minLength",
    "uniqueItems",
    "minItems",
    "maxItems",
    "format",
}


def from_schema(schema: JSON) -> SearchStrategy[Any]:
    """Data valid against ``schema`` (with its ``$defs``), integral floats for integers included."""
    return _Builder(schema.get("$defs", {})).build(schema)


class _Builder:
    def __init__(self, defs: Mapping[str, JSON]) -> None:
        self.defs = defs
        self.refs: dict[str, SearchStrategy[Any]] = {}

    def build(self, schema: JSON) -> SearchStrategy[Any]:
        unknown = set(schema) - _KNOWN
        if unknown:
            raise NotImplementedError(f"schema keywords not covered: {sorted(unknown)}")
        if "$ref" in schema:
            return self.ref(schema["$ref"])
        if "allOf" in schema:
            return self.all_of(schema["allOf"])
        if "anyOf" in schema or "oneOf" in schema:
            branches: list[JSON] = schema.get("anyOf") or schema["oneOf"]
            return st.one_of([self.build(s) for s in branches])
        if "const" in schema:
            return st.just(schema["const"])
        if "enum" in schema:
            return st.sampled_from(schema["enum"])
        kind = schema.get("type")
        if kind == "object":
            return self.object(schema)
        if kind == "array":
            return self.array(schema)
        if kind == "integer":
            return _integers(schema)
        if kind == "number":
            return _numbers(schema)
        if kind == "string":
            return _strings(schema)
        if kind == "boolean":
            return st.booleans()
        if kind == "null":
            return st.none()
        if kind is None and not set(schema) - _IGNORED:
            return _any_json()
        raise NotImplementedError(f"schema not covered: {schema}")

    def all_of(self, parts: list[JSON]) -> SearchStrategy[Any]:
        """A referenced object schema with more keys required (a tagged union's ``kind``).

        The reference stays a reference (a union member can hold the union again); each
        extra required key must be a ``const`` of the object's, and is added where missing.
        """
        refs = [p for p in parts if "$ref" in p]
        rest = _merged([p for p in parts if "$ref" not in p])
        if len(refs) != 1 or set(rest) - {"required"}:
            return self.build(_merged(parts))
        target = self.defs[refs[0]["$ref"].removeprefix("#/$defs/")]
        consts = {}
        for key in rest.get("required", ()):
            prop = target.get("properties", {}).get(key, {})
            if "const" not in prop:
                raise NotImplementedError(f"allOf requiring {key!r}, which is not a const")
            consts[key] = prop["const"]
        return self.build(refs[0]).map(lambda d: {**d, **consts})

    def ref(self, ref: str) -> SearchStrategy[Any]:
        name = ref.removeprefix("#/$defs/")
        if name not in self.refs:  # deferred: references may be recursive
            self.refs[name] = st.deferred(lambda: self.build(self.defs[name]))
        return self.refs[name]

    def object(self, schema: JSON) -> SearchStrategy[JSON]:
        properties: JSON = schema.get("properties", {})
        required = set(schema.get("required", ()))
        if schema.get("additionalProperties", True) is not False:
            raise NotImplementedError("objects with additional properties")
        fixed = {k: self.build(v) for k, v in properties.items() if k in required}
        optional = {k: self.build(v) for k, v in properties.items() if k not in required}
        return st.fixed_dictionaries(fixed, optional=optional)

    def array(self, schema: JSON) -> SearchStrategy[list[Any]]:
        items = self.build(schema.get("items", {}))
        most = min(4, schema.get("maxItems", 4))
        if schema.get("uniqueItems"):
            return st.lists(
                items,
                min_size=schema.get("minItems", 0),
                max_size=most,
                unique_by=lambda x: json.dumps(x, sort_keys=True),
            )
        return st.lists(items, min_size=schema.get("minItems", 0), max_size=most)


def _merged(schemas: list[JSON]) -> JSON:
    """``allOf`` of an object schema and ``{"required": [...]}`` parts, as one schema."""
    merged: JSON = {}
    for part in schemas:
        for key, value in part.items():
            if key == "required":
                merged["required"] = sorted({*merged.get("required", ()), *value})
            elif key in merged and merged[key] != value:
                raise NotImplementedError(f"allOf parts that disagree on {key!r}")
            else:
                merged[key] = value
    return merged


def _integers(schema: JSON) -> SearchStrategy[int | float]:
    low = schema.get("minimum")
    if "exclusiveMinimum" in schema:
        low = math.floor(schema["exclusiveMinimum"]) + 1
    high = schema.get("maximum")
    ints = st.integers(
        min_value=None if low is None else math.ceil(low),
        max_value=None if high is None else math.floor(high),
    )
    return st.one_of(ints, ints.map(float))  # JSON Schema: 3.0 is an integer


def _numbers(schema: JSON) -> SearchStrategy[int | float]:
    low = schema.get("exclusiveMinimum", schema.get("minimum"))
    high = schema.get("maximum")
    floats = st.floats(
        min_value=low,
        max_value=high,
        exclude_min="exclusiveMinimum" in schema,
        allow_nan=False,
        allow_infinity=False,
    )
    low_int = math.ceil(low) if low is not None else None
    if "exclusiveMinimum" in schema:
        low_int = math.floor(schema["exclusiveMinimum"]) + 1
    high_int = math.floor(high) if high is not None else None
    if low_int is not None and high_int is not None and low_int > high_int:
        return floats  # no whole number in range
    return st.one_of(floats, st.integers(min_value=low_int, max_value=high_int))


def _strings(schema: JSON) -> SearchStrategy[str]:
    if schema.get("format") == "date":
        return st.dates(datetime.date(1900, 1, 1), datetime.date(2200, 1, 1)).map(
            datetime.date.isoformat
        )
    if "format" in schema:
        raise NotImplementedError(f"string format {schema['format']!r}")
    size = schema.get("minLength", 0)
    if "pattern" in schema:
        pattern: str = schema["pattern"]
        return st.from_regex(pattern, fullmatch=True).filter(lambda s: len(s) >= size)
    return st.text(min_size=size, max_size=20)


def _any_json() -> SearchStrategy[Any]:
    scalars = st.none() | st.booleans() | st.integers(-1000, 1000) | st.text(max_size=5)
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
        ),
        max_leaves=5,
    )
