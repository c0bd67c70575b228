"""Field checks of the public types (issue 12, items 6 and 7).

What a ``Bilateral`` side may hold, and how it survives a document; the fields of
``Advance``, ``PainCheck`` and ``Variant``; and a property over every registered type:
a field given a wrong-typed value is refused with a plantarkit error, or the value it
makes is written and read back equal.
"""

import decimal
import enum
import json
import math
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import plantarkit
from plantarkit import (
    Bilateral,
    InvalidValueError,
    PlantarkitError,
    Side,
    ValidationError,
    testing,
)
from plantarkit._core import registry
from plantarkit.chain import SquatQuality
from plantarkit.io import dumps, from_document, loads, structure, unstructure
from plantarkit.progression.rules import PainCheck, evaluate


def _document(left: object, right: object = 1) -> dict[str, Any]:
    return {"type": "Bilateral", "schema_version": 2, "data": {"left": left, "right": right}}


def _id(value: object) -> str:
    """A short test id for a parameter (10**400 would make a 400-character one)."""
    text = repr(value)
    return text if len(text) <= 16 else text[:13] + "..."


def _evolve(value: Any, /, **changes: Any) -> Any:
    """``attrs.evolve``, for values given wrong-typed fields on purpose."""
    return attrs.evolve(value, **changes)


def _raised(build: Any) -> InvalidValueError:
    with pytest.raises(InvalidValueError) as info:
        build()
    return info.value


# --- item 6: what a side may hold --------------------------------------------------------------


def test_a_loaded_bilateral_of_tuples_is_the_value_that_was_saved() -> None:
    saved = Bilateral(left=(1, 2), right=(3, (4.5, "x", None, True)))
    loaded = loads(dumps(saved))
    assert loaded == saved
    assert isinstance(loaded.left, tuple)
    assert isinstance(loaded.right[1], tuple)
    assert hash(loaded) == hash(saved)
    assert dumps(loaded) == dumps(saved)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ([1, 2], "got an array [1, 2]"),
        ({"a": 1}, "got an object {'a': 1}"),
        ({None: 1}, "got an object {None: 1}"),
        ({1, 2}, "got set {1, 2}"),
        (decimal.Decimal("1.5"), "got Decimal Decimal('1.5')"),
        (object(), "got object <object object"),
        (math.nan, "expected a finite number, got nan"),
        (math.inf, "expected a finite number, got inf"),
        (10**400, "must be ≤ 1000000000"),
        (-1e10, "must be ≥ -1000000000"),
        ("\ud800", "lone surrogate"),
    ],
    ids=_id,
)
def test_a_side_holds_an_immutable_json_value(value: object, expected: str) -> None:
    error = _raised(lambda: Bilateral(left=value, right=1))
    assert error.path == "$.left"
    assert expected in error.reason
    error = _raised(lambda: Bilateral(left=1, right=(0, value)))
    assert error.path == "$.right[1]"


def test_a_side_refuses_what_a_document_could_not_hold_back() -> None:
    error = _raised(lambda: Bilateral(left=(1, [2]), right=None))
    assert error.path == "$.left[1]"
    assert "a tuple" in error.reason  # a list's hint: a side is immutable
    deep: object = 1
    for _ in range(5):
        deep = (deep,)
    error = _raised(lambda: Bilateral(left=1, right=deep))
    assert error.path == "$.right[0][0][0][0]"
    assert "nested at most 4 deep" in error.reason


def test_evolve_cannot_skip_the_side_check() -> None:
    both = Bilateral(left=1, right=2)
    assert _raised(lambda: _evolve(both, right=[3])).path == "$.right"


def test_a_side_may_hold_plantarkit_enums_and_values() -> None:
    cited = plantarkit.Citation(source="rathleff-2015", grade=plantarkit.Grade.B)
    both = Bilateral(left=SquatQuality.GOOD, right=cited)
    assert both.mirrored().left is cited
    assert Bilateral(left=Side.LEFT, right=plantarkit.Pain(3)) == Bilateral(
        left=Side.LEFT, right=plantarkit.Pain(3)
    )
    # a document does not say what type a side holds: give it to read enums back
    squats = Bilateral(left=SquatQuality.GOOD, right=None)
    assert loads(dumps(squats), Bilateral[SquatQuality | None]) == squats


class _Colour(enum.Enum):
    RED = "red"


def test_a_side_refuses_other_enums_and_classes() -> None:
    assert "got _Colour" in _raised(lambda: Bilateral(left=_Colour.RED, right=1)).reason

    @attrs.frozen
    class Mine:
        x: int

    assert _raised(lambda: Bilateral(left=1, right=Mine(1))).path == "$.right"


@pytest.mark.parametrize(
    ("value", "path", "expected"),
    [
        ({1, 2}, "$.data.left", "got set {1, 2}"),
        (decimal.Decimal("1.5"), "$.data.left", "got Decimal"),
        (object(), "$.data.left", "got object"),
        ({None: 1}, "$.data.left", "expected string keys"),  # not JSON data at all
        ([1, [2, {"a": 1}]], "$.data.left[1][1]", "got an object"),
        ([[[[[1]]]]], "$.data.left[0][0][0][0]", "nested at most 4 deep"),
        (math.nan, "$.data.left", "finite"),
        ((1, [2, {3}]), "$.data.left[1][1]", "got set"),  # a document built in Python
    ],
)
def test_a_document_side_holds_json_values_only(value: object, path: str, expected: str) -> None:
    with pytest.raises(plantarkit.DocumentError) as info:
        from_document(_document(value))
    assert info.value.path == path
    assert expected in info.value.reason


def test_deep_arrays_in_a_side_are_refused_not_a_recursion_error() -> None:
    text = json.dumps(_document(json.loads("[" * 500 + "]" * 500)))
    with pytest.raises(plantarkit.DocumentError) as info:
        loads(text)
    assert "nested more than" in str(info.value)  # the document's own limit comes first


def test_typed_bilateral_fields_still_load() -> None:
    report = plantarkit.assess(plantarkit.example_assessment())
    assert loads(dumps(report)) == report
    both = Bilateral(left=1.5, right=2.0)
    assert loads(dumps(both), Bilateral[float]) == both


# --- item 7: Advance, PainCheck, Variant ---------------------------------------------------------


def _pain_check() -> PainCheck:
    report = plantarkit.progression.PainReport(day=1, during=plantarkit.Pain(2))
    return evaluate(plantarkit.progression.PainModel(), report)[0]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("rule", None, "expected a string, got null"),
        ("rule", "", "must not be empty"),
        ("verdict", "ok", "expected a Verdict"),
        ("measure", 5, "expected a string, got an integer 5"),
        ("reason", "", "must not be empty"),
        ("citation", None, "expected Citation"),
        ("value", math.nan, "expected a finite number, got nan"),
        ("value", "3", "expected a number or null"),
        ("threshold", 10**400, "must be ≤ 1000000000"),
        ("threshold", True, "expected a number or null, got a boolean True"),
    ],
    ids=_id,
)
def test_pain_check_fields_are_checked(field: str, value: object, expected: str) -> None:
    check = _pain_check()
    error = _raised(lambda: _evolve(check, **{field: value}))
    assert error.path == f"$.{field}"
    assert expected in error.reason


def _variant() -> plantarkit.Variant:
    catalogue = plantarkit.catalogue()
    return catalogue.variant(catalogue.ladders[0].id, 0)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("ladder", None, "expected a string, got null"),
        ("ladder", "Not An Id", "snake_case"),
        ("index", -1, "must be ≥ 0"),
        ("index", 1.0, "expected an integer"),
        ("index", True, "expected an integer, got a boolean"),
        ("index", 10**400, "must be ≤ 99"),
        ("exercise", "heel_raise", "expected Exercise"),
        ("dose", None, "expected Prescription"),
        ("note", 5, "expected a string"),
    ],
    ids=_id,
)
def test_variant_fields_are_checked(field: str, value: object, expected: str) -> None:
    variant = _variant()
    error = _raised(lambda: _evolve(variant, **{field: value}))
    assert error.path == f"$.{field}"
    assert expected in error.reason


def test_a_ladder_has_at_most_as_many_rungs_as_a_variant_can_name() -> None:
    ladder = plantarkit.catalogue().ladders[0]
    error = _raised(lambda: _evolve(ladder, steps=ladder.steps * 50))
    assert error.path == "$.steps"
    assert "at most 100" in error.reason


def _advance() -> plantarkit.Advance:
    program = plantarkit.build_program(None, "high_load", weeks=2)
    return plantarkit.advance(program, plantarkit.start(program), plantarkit.SessionLog(day=1))


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("state", None, "expected ProgramState"),
        ("session_phase", None, "expected a string, got null"),
        ("session_phase", "Not An Id", "expected a snake_case id"),
        ("session_phase", "other", "a phase hold keeps the phase"),
        ("decisions", None, "expected a tuple"),
        ("decisions", [], "expected a tuple, got an array"),
        ("decisions", ("x",), "expected Decision"),
        ("phase", None, "expected PhaseDecision"),
        ("summary", 5, "expected a string, got an integer 5"),
        ("summary", "", "must not be empty"),
    ],
)
def test_advance_fields_are_checked(field: str, value: object, expected: str) -> None:
    result = _advance()
    error = _raised(lambda: _evolve(result, **{field: value}))
    assert error.path.startswith(f"$.{field}")
    assert expected in error.reason


def test_gate_evidence_trendelenburg_holds_signs() -> None:
    error = _raised(
        lambda: plantarkit.plans.Evidence(trendelenburg=Bilateral[Any](left="positive", right=None))
    )
    assert error.path == "$.trendelenburg.left"
    assert "expected bool" in error.reason


# --- found by the property below: Problem, GateResult, Judgement ---------------------------------


def test_problem_fields_are_strings() -> None:
    assert _raised(lambda: plantarkit.Problem(None, "m")).problems == (  # type: ignore[arg-type]
        plantarkit.Problem("$.path", "expected a string, got null"),
    )
    assert _raised(lambda: plantarkit.Problem("$", 5)).path == "$.message"  # type: ignore[arg-type]
    # any string: an error's path may name a document's bad key, lone surrogate and all
    assert plantarkit.Problem("$.\ud800", "").path == "$.\ud800"


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("gate", None, "expected PainAtMost or"),
        ("status", "passed", "expected a GateStatus"),
        ("reason", "", "must not be empty"),
    ],
)
def test_gate_result_fields_are_checked(field: str, value: object, expected: str) -> None:
    result = plantarkit.plans.check(plantarkit.plans.NoRedFlags(), plantarkit.plans.Evidence())
    error = _raised(lambda: _evolve(result, **{field: value}))
    assert error.path == f"$.{field}"
    assert expected in error.reason


def test_judgement_fields_are_checked() -> None:
    judged = plantarkit.progression.PainModel().judge(
        plantarkit.progression.PainReport(day=1, during=plantarkit.Pain(2))
    )
    assert _raised(lambda: _evolve(judged, verdict=None)).path == "$.verdict"
    assert _raised(lambda: _evolve(judged, checks=[])).path == "$.checks"
    assert _raised(lambda: _evolve(judged, checks=(None,))).path == "$.checks[0]"


@given(testing.pain_rules(), testing.pain_reports(), testing.gates(), testing.evidences())
@settings(max_examples=20, deadline=None)
def test_what_rules_and_gates_build_unchecked_passes_the_checks(
    rule: Any, report: Any, gate: Any, evidence: Any
) -> None:
    judged = rule.judge(report)
    assert _evolve(judged, checks=tuple(_evolve(c) for c in judged.checks)) == judged
    result = plantarkit.plans.check(gate, evidence)
    assert _evolve(result) == result


# --- every registered type: a wrong-typed field is refused, or its value round-trips ------------


class _Thing:
    """An object of no plantarkit type."""

    def __repr__(self) -> str:
        return "<thing>"


_WRONG: tuple[object, ...] = (
    None,
    "x",
    "",
    "\ud800",
    [1],
    [],
    (),
    math.nan,
    math.inf,
    10**400,
    -(10**400),
    True,
    -1,
    {"a": 1},
    _Thing(),
)
"""Wrong-typed (or edge) values put in each field in turn."""

_CLASSES = [e.cls for e in registry.entries() if attrs.has(e.cls)]
_DOCUMENT = {e.cls for e in registry.entries() if e.document}


def _round_trips(value: Any) -> None:
    cls = type(value)
    if cls in _DOCUMENT:
        text = dumps(value)
        loaded = loads(text, cls)
        assert loaded == value
        assert dumps(loaded) == text
    else:  # not a document of its own: as a bare value
        data = unstructure(value)
        assert json.loads(json.dumps(data, allow_nan=False)) == data
        assert structure(data, cls) == value


def _changed(value: Any, name: str, wrong: object) -> Any:
    """``value`` with field ``name`` set to ``wrong``, or the plantarkit error that refused it."""
    try:
        return _evolve(value, **{name: wrong})
    except PlantarkitError as exc:
        return exc


@pytest.mark.parametrize("cls", _CLASSES, ids=lambda c: c.__name__)
def test_a_wrong_typed_field_is_refused_or_round_trips(cls: type) -> None:
    names = [f.alias for f in attrs.fields(cls) if f.init]

    @settings(
        max_examples=max(2, settings().max_examples // 25),
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(testing.strategy_for(cls))
    def check(value: Any) -> None:
        for name in names:
            for wrong in _WRONG:
                changed = _changed(value, name, wrong)
                if isinstance(changed, PlantarkitError):
                    # a plantarkit error is a ValueError, with a path (a cross-field rule's
                    # may name another field)
                    assert isinstance(changed, ValueError)
                    if isinstance(changed, ValidationError):
                        assert changed.path.startswith("$"), changed
                    continue
                try:
                    _round_trips(changed)
                except Exception as exc:
                    raise AssertionError(f"{cls.__name__}.{name} = {wrong!r}: {exc!r}") from exc

    check()
