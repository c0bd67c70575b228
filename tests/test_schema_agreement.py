"""The published JSON Schema and the loader agree, both ways (issue 12, item 10).

- Data the schema accepts loads, unless a rule between fields refuses it: JSON Schema cannot
  say "exactly one of every_n_days and days_per_week" or "the referral follows from the red-flag
  screen". Those rules are listed below, each by the words of its error; any other refusal
  means the schema promises what the loader refuses (``3.0`` for an integer was one).
- Whatever the loader accepts, its document validates against the schema: written documents in
  tests/test_documents.py, mutated ones in tests/test_fuzz_documents.py.
"""

import re
import typing
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

import plantarkit
from plantarkit import DocumentError, io
from schema_data import from_schema

CROSS_FIELD = tuple(
    re.compile(p)
    for p in (
        # doses (exercises/)
        r"give exactly one of every_n_days and days_per_week",
        r"band resistance only goes with kind 'band'",
        r"a band is graded by resistance, not kg",
        r"a tempo only goes with repetition work",
        r"an RM intensity only goes with repetition work",
        r"body-weight load takes no kg",
        r"added load cannot be carried as body weight",
        r"must be ≥ (sets|times_per_day|start_week|low) \(\d+\), got",
        r"must be ≤ (count|rm) \(\d+\), got",
        r"needs days_per_week of at most \d+",
        r"a ladder and a rung go together",
        r"counts the sessions in the week of last_done_day",
        r"nothing is due while a red-flag stop is in force",
        r"must be at most (prescribed \(\d+\)|longest_streak)",
        r"expected another exercise than .*, or null when it stays",
        r"a repetition must take some time",  # a tempo of all zeros
        r"is the current dose: null when the exercise is not eased off",
        # references inside a catalogue or programme
        r"unknown (exercise|source|phase) ",
        r"duplicate (phase|exercise|slot|ladder|source|rung|id) ",
        r"phase .* does not run in week \d+",
        r"the first phase must start in week",
        r"phases must be in order of their start weeks",
        r"weeks must rise strictly",
        r"expected \d+, the (number of the week it is in|week its sessions are in)",
        r"expected a day after day \d+",
        # rules and records
        r"must be at most during_max and after_max",
        r"a skipped exercise has no sets",
        r"must follow from the red-flag screen",
        r"nested at most \d+ deep",  # arrays in a bare Bilateral's side
        # a state's days and exercises, an advance's decisions and phases (a state no longer
        # carries its programme, so the schema's states now reach these checks)
        r"must be at most the (day after the )?last logged day",
        r"pain reports must be in order of day",
        r"^'.*' twice$",
        r"one decision per exercise, each once",
        r"the phase decision names .*, the state is in",
        r"a phase \w+ (changes|keeps) the phase, but the session was in",
    )
)
"""Errors of rules between fields, which JSON Schema cannot express (matched anywhere)."""


def _schema_level(message: str) -> bool:
    return not any(p.search(message) for p in CROSS_FIELD)


BIG = {"Program", "ProgramState", "Advance", "Protocol", "Catalogue", "Week", "Phase"}


@pytest.mark.parametrize("name", sorted(io.document_types()))
def test_what_the_schema_accepts_loads(name: str) -> None:
    cls = io.document_types()[name]
    examples = 8 if name in BIG else 25

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(from_schema(plantarkit.json_schema(cls)))
    def check(document: dict[str, Any]) -> None:
        try:
            value: object = io.from_document(document, cls)
        except DocumentError as exc:
            wrong = [p for p in exc.problems if _schema_level(p.message)]
            assert not wrong, f"the schema accepts what the loader refuses: {wrong}"
        else:
            assert isinstance(value, typing.get_origin(cls) or cls)

    check()


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"type": "Pain", "schema_version": 2, "data": 3.0}, plantarkit.Pain(3)),
        ({"type": "Pain", "schema_version": 2.0, "data": 3}, plantarkit.Pain(3)),
        (
            {"type": "Reps", "schema_version": 2, "data": {"count": 12.0, "minimum": 8.0}},
            plantarkit.Reps(count=12, minimum=8),
        ),
    ],
)
def test_a_whole_float_is_an_integer_as_json_schema_says(
    document: dict[str, Any], expected: object
) -> None:
    value = io.from_document(document)
    assert value == expected
    assert io.dumps(value) == io.dumps(expected)  # written back as an integer


@pytest.mark.parametrize("bad", [3.5, 1e-9, True])
def test_a_fraction_or_a_boolean_is_still_not_an_integer(bad: object) -> None:
    with pytest.raises(DocumentError, match=r"\$\.data: expected an integer"):
        io.from_document({"type": "Pain", "schema_version": 2, "data": bad})


def test_a_union_member_on_its_own_may_name_its_own_kind_and_no_other() -> None:
    rule = plantarkit.progression.LoadUp()
    data: dict[str, Any] = io.to_document(rule)["data"]
    tagged: dict[str, Any] = {
        "type": "LoadUp",
        "schema_version": 2,
        "data": {"kind": "load_up", **data},
    }
    assert io.from_document(tagged) == rule
    wrong = {**tagged, "data": {**tagged["data"], "kind": "ladder_up"}}
    with pytest.raises(DocumentError, match=r"\$\.data\.kind: expected 'load_up'"):
        io.from_document(wrong)


@pytest.mark.parametrize("blank", [" ", "\t\n", "\u3000"])
def test_blank_text_is_refused_by_the_loader_and_the_schema_alike(blank: str) -> None:
    exercise = plantarkit.catalogue().exercises[0]
    document = io.to_document(exercise)
    document["data"]["name"] = blank
    validator = jsonschema.Draft202012Validator(plantarkit.json_schema(plantarkit.Exercise))
    assert not validator.is_valid(document)
    with pytest.raises(DocumentError, match=r"\$\.data\.name: must not be empty"):
        io.from_document(document)
