"""A fuzz target per document type (issue 12): only plantarkit errors escape the loader.

Each run takes a valid document of one type (from plantarkit.testing's strategies), breaks it
in a few random places (a value replaced by any JSON value, a huge number, a deep nest, a key
dropped or added, a mixed-type key) and loads it. Whatever happens:

- only a plantarkit error (a ``ValueError``) may escape, never ``TypeError``, ``KeyError``,
  ``RecursionError``, ``OverflowError`` ...;
- whatever loads is a value that hashes, validates against the published schema, round-trips
  equal, and re-dumps to the same text.

The suite runs a few examples per type; ``scripts/fuzz_documents.py`` is the long run.
"""

import json
import typing
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import plantarkit
from plantarkit import PlantarkitError, io

JSON_VALUES: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.sampled_from([10**400, 3.0, -0.0, 1e308, 2**63])
    | st.builds(lambda: -(10**5000))  # a repr of over 4,300 digits fails: not in a list
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
    | st.sampled_from(["\ud800", "", " ", "left", "reps", "null"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(document: Any) -> list[tuple[Any, ...]]:
    """Every place in ``document`` (iteratively, and not inside a nest already made deep)."""
    found: list[tuple[Any, ...]] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(document, ())]
    while stack:
        node, path = stack.pop()
        found.append(path)
        if len(path) > 20:
            continue
        if isinstance(node, dict):
            items = typing.cast(dict[str, Any], node).items()
            stack.extend((child, (*path, key)) for key, child in items)
        elif isinstance(node, list):
            items_ = enumerate(node)
            stack.extend((child, (*path, i)) for i, child in items_)
    return found


def _nest(depth: int) -> Any:
    value: Any = 0
    for _ in range(depth):
        value = [value]
    return value


@st.composite
def broken(draw: st.DrawFn, cls: type) -> Any:
    """A valid document of ``cls`` with one to three random breaks."""
    document: Any = json.loads(io.dumps(draw(st.from_type(cls)), indent=None))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(document)
        path = draw(st.sampled_from(paths))
        how = draw(st.sampled_from(["replace", "drop", "add", "nest", "key"]))
        parent: Any = document
        for step in path[:-1]:
            parent = parent[step]
        if not path:
            document = draw(JSON_VALUES) if how == "replace" else document
            continue
        last = path[-1]
        if how == "replace":
            parent[last] = draw(JSON_VALUES)
        elif how == "drop":
            del parent[last]
        elif how == "nest":
            parent[last] = _nest(draw(st.sampled_from([2, 63, 65, 500, 5000])))
        elif how == "add" and isinstance(parent, dict):
            parent[draw(st.text(max_size=6))] = draw(JSON_VALUES)
        elif how == "key" and isinstance(parent, dict):
            parent[draw(st.sampled_from([1, None, 2.5, ("t",)]))] = 0
    return document


def check_loading(document: Any, validator: jsonschema.Draft202012Validator) -> bool:
    """Load ``document`` (a dict or its JSON text); return whether it loaded. Fail on a leak."""
    try:
        value = io.loads(document) if isinstance(document, str) else io.from_document(document)
    except PlantarkitError:
        return False
    hash(value)
    text = io.dumps(value)
    assert validator.is_valid(json.loads(text)), "loaded, but its document breaks the schema"
    again = io.loads(text)
    assert again == value
    assert io.dumps(again) == text
    return True


_VALIDATORS: dict[str, jsonschema.Draft202012Validator] = {}


def validator_for(name: str) -> jsonschema.Draft202012Validator:
    if name not in _VALIDATORS:
        schema = plantarkit.json_schema(io.document_types()[name])
        _VALIDATORS[name] = jsonschema.Draft202012Validator(schema)
    return _VALIDATORS[name]


def as_text(document: Any) -> str | None:
    """The document as JSON text, where it can be written (a mixed-type key cannot)."""
    try:
        return json.dumps(document)
    except (TypeError, ValueError, RecursionError):
        return None


@pytest.mark.parametrize("name", sorted(io.document_types()))
def test_only_plantarkit_errors_escape_and_what_loads_round_trips(name: str) -> None:
    cls = io.document_types()[name]
    validator = validator_for(name)

    @settings(
        max_examples=6,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(broken(cls))
    def run(document: Any) -> None:
        check_loading(document, validator)
        text = as_text(document)
        if text is not None:
            check_loading(text, validator)

    run()


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000, '{"a":' * 5000 + "1" + "}" * 5000, "1" * 5000, "-" + "9" * 4400, "1e999"],
)
def test_text_too_deep_or_too_large_is_a_plantarkit_error(text: str) -> None:
    with pytest.raises(plantarkit.DocumentError):
        io.loads(text)


def test_python_data_that_is_not_json_is_refused_with_its_path() -> None:
    document = {"type": "Pain", "schema_version": 2, "data": {1: 2, "x": {3}}}
    with pytest.raises(plantarkit.DocumentError) as caught:
        io.from_document(document)
    paths = {p.path for p in caught.value.problems}
    assert paths == {"$.data", "$.data.x"}


def test_huge_numbers_are_refused_where_they_are_given() -> None:
    # a 400-digit number loaded, then str() or assess() overflowed converting it to a float
    with pytest.raises(plantarkit.InvalidValueError, match="an integer of about 5001 digits"):
        plantarkit.Pain(10**5000)
    finding = plantarkit.assess(plantarkit.example_assessment()).findings[0]
    with pytest.raises(plantarkit.InvalidValueError, match=r"\$\.measured: must be ≤ 1000000000"):
        attrs.evolve(finding, measured=10**400)
    document = io.to_document(finding)
    document["data"]["measured"] = 10**400
    with pytest.raises(plantarkit.DocumentError, match=r"\$\.data\.measured: .* too large"):
        io.from_document(document)
