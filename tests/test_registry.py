"""One registry of public types: every public attrs type is registered, a document (or says why
not), has a strategy and, as a document, a JSON Schema its drawn values meet."""

import enum
import importlib
import subprocess
import sys
import types
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

import plantarkit
from plantarkit import _hypothesis_hook, testing
from plantarkit._core import registry
from plantarkit.io import _types, document_types, json_schema, to_document

_PUBLIC_MODULES = (
    "plantarkit",
    "plantarkit.progression",
    "plantarkit.progression.records",
    "plantarkit.progression.rules",
    "plantarkit.progression.engine",
    "plantarkit.plans",
    "plantarkit.exercises",
    "plantarkit.chain",
)


def _public_types() -> dict[type, str]:
    """Every class reachable from the public API that is an attrs class or an enum, by home."""
    found: dict[type, str] = {}
    for name in _PUBLIC_MODULES:
        module = importlib.import_module(name)
        for attr in module.__all__:
            value = getattr(module, attr)
            if isinstance(value, type) and (attrs.has(value) or issubclass(value, enum.Enum)):
                found.setdefault(value, f"{name}.{attr}")
    return found


_PUBLIC = _public_types()
_ATTRS = sorted((c for c in _PUBLIC if attrs.has(c)), key=lambda c: c.__name__)
_ENTRIES = {e.cls: e for e in registry.entries()}
_DOCUMENTS = set(document_types().values())


def test_the_walk_finds_the_public_types() -> None:
    assert plantarkit.Program in _PUBLIC
    assert plantarkit.progression.RuleContext in _PUBLIC
    assert len(_ATTRS) > 70


@pytest.mark.parametrize("cls", _ATTRS, ids=lambda c: c.__name__)
def test_every_public_attrs_type_is_registered_a_document_or_says_why_not(cls: type) -> None:
    entry = _ENTRIES.get(cls)
    assert entry is not None, f"{_PUBLIC[cls]}: decorate it with @public(...)"
    assert entry.document == (cls in _DOCUMENTS)
    if not entry.document:
        assert entry.reason, f"{_PUBLIC[cls]}: say why it is no document"


@pytest.mark.parametrize("cls", _ATTRS, ids=lambda c: c.__name__)
def test_every_public_attrs_type_has_a_strategy(cls: type) -> None:
    assert cls in testing.registered_types(), f"{_PUBLIC[cls]}: mark a strategy with @provides"


def test_strategies_exist_only_for_public_types() -> None:
    assert set(testing.registered_types()) == {c for c in _ENTRIES if attrs.has(c)}
    assert set(_hypothesis_hook.types()) == set(testing.registered_types())


def test_every_registered_type_is_public_and_the_final_class() -> None:
    # '@public' above '@attrs.frozen': the class registered is the one the module exports.
    for cls in _ENTRIES:
        assert cls in _PUBLIC, f"{cls.__qualname__} is registered but not public"
        assert getattr(sys.modules[cls.__module__], cls.__name__) is cls


_ENUMS = sorted((c for c in _PUBLIC if issubclass(c, enum.Enum)), key=lambda c: c.__name__)


@pytest.mark.parametrize("cls", _ENUMS, ids=lambda c: c.__name__)
def test_public_enums_are_registered_documents_with_a_strategy(cls: type[enum.Enum]) -> None:
    assert _ENTRIES[cls].document

    @settings(max_examples=5)
    @given(testing.strategy_for(cls))
    def drawn(member: enum.Enum) -> None:
        assert isinstance(member, cls)

    drawn()


def test_document_types_are_the_registered_documents() -> None:
    assert tuple(document_types().values()) == tuple(e.cls for e in _ENTRIES.values() if e.document)


def test_tagged_unions_are_the_families_with_their_own_tags() -> None:
    aliases = {
        "alert_rule": plantarkit.progression.AlertRule,
        "work": plantarkit.exercises.Work,
        "gate": plantarkit.plans.Gate,
        "pain_rule": plantarkit.progression.PainRule,
        "progression_rule": plantarkit.progression.ProgressionRule,
        "regression_rule": plantarkit.progression.RegressionRule,
    }
    assert set(aliases) == registry.FAMILIES
    for name, alias in aliases.items():
        assert _types.union_of(name) == alias
        members: Any = registry.family(name)
        assert _types.TAGGED_UNIONS[alias] == {cls.kind: cls for cls in members}


_DOCUMENT_ENTRIES = [e.cls for e in registry.entries() if e.document and attrs.has(e.cls)]


@pytest.mark.parametrize("cls", _DOCUMENT_ENTRIES, ids=lambda c: c.__name__)
def test_every_document_type_has_a_schema_its_drawn_values_meet(cls: type) -> None:
    schema = json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    @settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
    @given(testing.strategy_for(cls))
    def meets(value: object) -> None:
        validator.validate(to_document(value))

    meets()


_LISTING = (
    "from plantarkit._core import registry; import plantarkit.io; "
    "print([e.cls.__qualname__ for e in registry.entries()])"
)


def test_registry_order_and_content_do_not_depend_on_what_was_imported_first() -> None:
    def listing(first: str) -> str:
        code = f"import {first}; {_LISTING}"
        return subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout

    # importing plantarkit.io alone registers every public type (it imports their modules)
    expected = str([e.cls.__qualname__ for e in registry.entries()]) + "\n"
    assert listing("plantarkit.plans") == listing("plantarkit.chain") == expected


@pytest.mark.parametrize(
    ("decorator", "error"),
    [
        (lambda: registry.public("no_such_family"), ValueError),
        (lambda: registry.public(document=False), ValueError),
        (lambda: registry.public(reason="a document needs no reason"), ValueError),
        (lambda: registry.public("gate")(types.new_class("NoKind")), TypeError),
    ],
)
def test_public_refuses_developer_mistakes(decorator: Any, error: type[Exception]) -> None:
    before = registry.entries()
    with pytest.raises(error):
        decorator()
    assert registry.entries() == before


def test_subscribe_replays_then_follows() -> None:
    # The entry point's mechanism, on a private registry state (restored afterwards).
    seen: list[type] = []
    saved = (dict(registry._ENTRIES), list(registry._LISTENERS))
    try:
        registry.subscribe(lambda e: seen.append(e.cls))
        assert seen == [e.cls for e in registry.entries()]
        late = registry.public(document=False, reason="a test's own type")(types.new_class("Late"))
        assert seen[-1] is late
    finally:
        registry._ENTRIES.clear()
        registry._ENTRIES.update(saved[0])
        registry._LISTENERS[:] = saved[1]
        registry._SORTED.clear()
        registry._MEMBERS.clear()
    assert all(e.cls.__name__ != "Late" for e in registry.entries())
