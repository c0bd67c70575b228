"""Bad documents: generated mutations of valid ones, exact messages, and the JSON Schema."""

import copy
import json
import math
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import plantarkit
from plantarkit import (
    Catalogue,
    DocumentError,
    Exercise,
    Pain,
    PlantarLoad,
    Position,
    Prescription,
    Problem,
    Region,
    Reps,
)
from plantarkit.io import SCHEMA_VERSION, document_types
from plantarkit.testing import catalogues, ids, program_states, session_logs, values

JSON = Any
Path = tuple[str | int, ...]


class _Delete:
    def __repr__(self) -> str:
        return "DELETE"


DELETE = _Delete()  # a replacement that deletes the value instead

# --- helpers -------------------------------------------------------------------------------------


_VALIDATORS: dict[type | None, Any] = {}


def validator(cls: type | None = None) -> Any:
    """A (cached) JSON Schema validator for documents of ``cls`` (``None``: any)."""
    if cls not in _VALIDATORS:
        schema = plantarkit.json_schema(cls)
        jsonschema.Draft202012Validator.check_schema(schema)
        _VALIDATORS[cls] = jsonschema.Draft202012Validator(schema)
    return _VALIDATORS[cls]


def locations(node: JSON, path: Path = ()) -> Iterator[Path]:
    """Every place in a JSON tree, the root first."""
    yield path
    if isinstance(node, dict):
        for key, child in node.items():
            yield from locations(child, (*path, key))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from locations(child, (*path, i))


def get(node: JSON, path: Path) -> JSON:
    for step in path:
        node = node[step]
    return node


def json_kind(value: JSON) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


SAMPLES: list[JSON] = [None, True, False, 0, 1, -1, 2.5, "", "x", "3", [], [1], {}, {"x": 1}]
ODD_NUMBERS: list[JSON] = [
    -1, 0, 11, 501, 10**9, -(10**9), 0.5, -0.5, 1e300, math.nan, math.inf, -math.inf,
]  # fmt: skip


@st.composite
def replacements(draw: st.DrawFn, target: JSON, has_parent: bool) -> JSON:
    """What to put in place of ``target`` in a document (or DELETE it)."""
    choices: list[st.SearchStrategy[JSON]] = [
        st.sampled_from([v for v in SAMPLES if json_kind(v) != json_kind(target)]),
        st.sampled_from(ODD_NUMBERS),
        st.text(max_size=5),
        st.just([target]),  # wrapped in a list
    ]
    if has_parent:
        choices.append(st.just(DELETE))
    if json_kind(target) == "number":
        choices.append(st.just(str(target)))
    if isinstance(target, dict):
        key = st.sampled_from(["colour", "kind", "id", "sets", ""]) | st.text(max_size=4)
        choices.append(key.map(lambda k: {**target, k: 1}))  # an unknown (or changed) key
    if isinstance(target, list) and target:
        choices.append(st.just(target[0]))
        choices.append(st.integers(0, len(target) - 1).map(lambda i: target[:i] + target[i + 1 :]))
    return draw(st.one_of(choices))


def apply(root: JSON, path: Path, new: JSON) -> JSON:
    """Return a copy of ``root`` with the value at ``path`` replaced by ``new`` (or deleted)."""
    if not path:
        return new
    root = copy.deepcopy(root)
    parent = get(root, path[:-1])
    if new is DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = new
    return root


def check(document: JSON, *, inside_data: bool) -> DocumentError | None:
    """Read a (possibly bad) document: a valid value or a DocumentError, nothing else."""
    try:
        value = plantarkit.from_document(document)
    except DocumentError as exc:
        error = exc
    except Exception as exc:  # the catch-all: any other exception is a bug
        pytest.fail(f"from_document raised {type(exc).__name__}: {exc!r}")
    else:
        # Accepted: the value is a real one of the named type, writes and reads back,
        # and the published schema agrees that the document was valid.
        assert isinstance(value, document_types()[document["type"]])
        assert plantarkit.from_document(plantarkit.to_document(value)) == value
        validator().validate(document)
        return None
    assert isinstance(error, ValueError)
    assert error.problems
    for problem in error.problems:
        assert problem.path.startswith("$"), problem
        if inside_data:
            assert problem.path == "$.data" or problem.path.startswith(("$.data.", "$.data[")), (
                problem
            )
        assert problem.message.strip(), problem
        assert not python_wording(problem.message), problem
    return error


PYTHON_WORDING = (
    "NoneType",
    "object has no attribute",
    "not iterable",
    "not subscriptable",
    "argument must be",
    "isoformat",
    "Traceback",
)


def python_wording(message: str) -> list[str]:
    """The phrases of Python's own error messages that a message leaks."""
    return [w for w in PYTHON_WORDING if w in message]


# --- generated bad documents ---------------------------------------------------------------------


@given(values(), st.data())
def test_mutated_data_reads_or_fails_cleanly(value: Any, data: st.DataObject) -> None:
    document = plantarkit.to_document(value)
    path = data.draw(st.sampled_from(list(locations(document["data"]))), label="path")
    new = data.draw(replacements(get(document["data"], path), bool(path)), label="new")
    check(apply(document, ("data", *path), new), inside_data=True)


WRONG_TYPES: list[JSON] = [None, True, 0, 2.5, "x", "2026-13-01", [], [None], [5], {}, {"x": 1}]


@given(st.one_of(values(), session_logs(), program_states()), st.data())
def test_wrong_json_types_say_what_was_expected(value: Any, data: st.DataObject) -> None:
    # A value of another JSON type anywhere inside the data (an object where an array is
    # due, null for a nested record, ...): a plantarkit error with the path, in plain words.
    document = plantarkit.to_document(value)
    path = data.draw(st.sampled_from(list(locations(document["data"]))), label="path")
    target = get(document["data"], path)
    new = data.draw(
        st.sampled_from([v for v in WRONG_TYPES if json_kind(v) != json_kind(target)]),
        label="new",
    )
    error = check(apply(document, ("data", *path), new), inside_data=True)
    if error is not None:
        assert isinstance(error, plantarkit.PlantarkitError)
        assert all(not python_wording(p.message) for p in error.problems), error


@pytest.mark.parametrize(
    ("field", "given", "expected"),
    [
        ("pain", [None], Problem("$.data.pain[0]", "expected an object (a PainReport), got null")),
        (
            "exercises",
            [5],
            Problem("$.data.exercises[0]", "expected an object (an ExerciseLog), got an integer 5"),
        ),
        (
            "red_flags",
            True,
            Problem("$.data.red_flags", "expected an object (a RedFlagScreen), got a boolean True"),
        ),
        (
            "trendelenburg",
            True,
            Problem("$.data.trendelenburg", "expected an object (a Bilateral), got a boolean True"),
        ),
        (
            "tests",
            ["x"],
            Problem("$.data.tests[0]", "expected an object (a TestResult), got a string 'x'"),
        ),
    ],
)
def test_a_session_log_with_a_wrong_type_inside(field: str, given: JSON, expected: Problem) -> None:
    document = plantarkit.to_document(plantarkit.SessionLog(day=1))
    document["data"][field] = given
    assert problems(document) == [expected]


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (20260302, "expected a date as a string (YYYY-MM-DD), got an integer 20260302"),
        ("2026-02-30", "expected a date (YYYY-MM-DD), got a string '2026-02-30'"),
    ],
)
def test_a_bad_date(given: JSON, message: str) -> None:
    program = plantarkit.build_program(None, "high_load", weeks=1, start_date=date(2026, 3, 2))
    document = plantarkit.to_document(program)
    document["data"]["start_date"] = given
    assert problems(document) == [Problem("$.data.start_date", message)]


Change = Callable[[dict[str, JSON]], JSON]


def setting(key: str, value: JSON) -> Change:
    return lambda document: {**document, key: value}


def without(key: str) -> Change:
    return lambda document: {k: v for k, v in document.items() if k != key}


BAD_VERSIONS: list[JSON] = [0, -1, SCHEMA_VERSION + 1, 99, "1", None, True, 1.5, [1]]
BAD_TYPES: list[JSON] = ["Nope", "", "exercise", None, 1, [], {}, ["Exercise"]]
ENVELOPE_CHANGES: list[tuple[str, Change, str]] = [
    ("top level is a list", lambda d: [d], "$"),
    ("top level is a string", lambda d: "document", "$"),
    ("top level is a number", lambda d: 1, "$"),
    ("top level is null", lambda d: None, "$"),
    *(
        (f"schema_version {v!r}", setting("schema_version", v), "$.schema_version")
        for v in BAD_VERSIONS
    ),
    *((f"{key} missing", without(key), f"$.{key}") for key in ("type", "schema_version", "data")),
    ("unknown envelope key", setting("comment", "hi"), "$.comment"),
    *((f"type {t!r}", setting("type", t), "$.type") for t in BAD_TYPES),
]


@pytest.mark.parametrize(
    ("change", "path"),
    [pytest.param(c, p, id=name) for name, c, p in ENVELOPE_CHANGES],
)
@settings(max_examples=5)  # many cases, each with a few values
@given(value=values())
def test_bad_envelopes_fail_at_their_path(change: Change, path: str, value: Any) -> None:
    error = check(change(plantarkit.to_document(value)), inside_data=False)
    assert error is not None
    assert [p.path for p in error.problems] == [path]


@given(values(), st.sampled_from(sorted(document_types())))
def test_changed_type_reads_or_fails_cleanly(value: Any, name: str) -> None:
    document = {**plantarkit.to_document(value), "type": name}
    check(document, inside_data=False)
    if name != type(value).__name__:
        with pytest.raises(DocumentError) as info:
            plantarkit.from_document(document, type(value))
        assert [p.path for p in info.value.problems] == ["$.type"]


@given(values(), st.data())
def test_truncated_json_is_not_valid_json(value: Any, data: st.DataObject) -> None:
    text = plantarkit.dumps(value, indent=data.draw(st.sampled_from([2, None])))
    for cut in (text, text.encode()):
        k = data.draw(st.integers(0, len(cut) - 1))
        with pytest.raises(DocumentError, match="not valid JSON") as info:
            plantarkit.loads(cut[:k])
        assert [p.path for p in info.value.problems] == ["$"]


@given(catalogues(min_ladders=1), st.data())
def test_dangling_rung_in_a_catalogue_document(cat: Catalogue, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(cat.ladders) - 1))
    j = data.draw(st.integers(0, len(cat.ladders[i].steps) - 1))
    missing = data.draw(ids().filter(lambda x: x not in cat))
    document = plantarkit.to_document(cat)
    document["data"]["ladders"][i]["steps"][j]["exercise"] = missing
    with pytest.raises(DocumentError) as info:
        plantarkit.from_document(document)
    assert any(
        p.path == f"$.data.ladders[{i}].steps[{j}].exercise"
        and f"unknown exercise {missing!r}" in p.message
        for p in info.value.problems
    )


# --- exact messages ------------------------------------------------------------------------------

HEEL_RAISE = Exercise(
    id="heel_raise",
    name="Heel raise",
    region=Region.CALF,
    position=Position.STANDING_DOUBLE_LEG,
    plantar_load=PlantarLoad.HIGH,
    dose=Prescription(work=Reps(count=12), sets=3, rest_seconds=60),
    tags=("calf",),
)


def exercise_document() -> dict[str, JSON]:
    return plantarkit.to_document(HEEL_RAISE)


def problems(document: JSON, cls: Any = None) -> list[Problem]:
    with pytest.raises(DocumentError) as info:
        plantarkit.from_document(document, cls)
    return list(info.value.problems)


def test_string_for_an_integer() -> None:
    document = exercise_document()
    document["data"]["dose"]["sets"] = "3"
    (problem,) = problems(document)
    assert problem.path == "$.data.dose.sets"
    assert problem.message.startswith("expected an integer")
    assert "'3'" in problem.message


def test_unknown_field() -> None:
    document = exercise_document()
    document["data"]["dose"]["colour"] = "red"
    (problem,) = problems(document)
    assert problem.path == "$.data.dose.colour"
    assert problem.message.startswith("unknown field")
    assert "sets" in problem.message  # names the fields it expected


def test_missing_field() -> None:
    document = exercise_document()
    del document["data"]["name"]
    assert problems(document) == [Problem("$.data.name", "required field missing")]


def test_every_problem_is_reported_at_once() -> None:
    document = exercise_document()
    document["data"]["dose"]["sets"] = "3"
    del document["data"]["name"]
    document["data"]["region"] = "toes"
    paths = {p.path for p in problems(document)}
    assert paths == {"$.data.dose.sets", "$.data.name", "$.data.region"}


def test_pain_above_the_scale() -> None:
    document = {"type": "Pain", "schema_version": 1, "data": 11}
    (problem,) = problems(document)
    assert problem.path == "$.data"
    assert "must be ≤ 10" in problem.message
    assert plantarkit.from_document({**document, "data": 10}) == Pain(10)


def test_unknown_enum_value_lists_the_allowed_values() -> None:
    document = exercise_document()
    document["data"]["region"] = "toes"
    (problem,) = problems(document)
    assert problem.path == "$.data.region"
    assert "'toes'" in problem.message
    for region in Region:
        assert repr(region.value) in problem.message


def test_unknown_work_kind() -> None:
    document = exercise_document()
    document["data"]["dose"]["work"]["kind"] = "swim"
    (problem,) = problems(document)
    assert problem.path == "$.data.dose.work.kind"
    assert "'swim'" in problem.message
    for kind in ("reps", "hold", "timed", "run_walk"):
        assert repr(kind) in problem.message


@pytest.mark.parametrize("top", [[], "Exercise", 3, None])
def test_top_level_must_be_an_object(top: JSON) -> None:
    (problem,) = problems(top)
    assert problem.path == "$"
    assert "JSON object" in problem.message


def test_newer_version() -> None:
    document = {**exercise_document(), "schema_version": 99}
    (problem,) = problems(document)
    assert problem.path == "$.schema_version"
    assert "99" in problem.message
    assert "upgrade" in problem.message


def test_unknown_document_type() -> None:
    document = {**exercise_document(), "type": "Workout"}
    (problem,) = problems(document)
    assert problem.path == "$.type"
    assert "'Workout'" in problem.message
    assert "Exercise" in problem.message  # lists the known types


def test_loads_checks_the_expected_type() -> None:
    text = plantarkit.dumps(Catalogue(exercises=(HEEL_RAISE,)))
    with pytest.raises(DocumentError) as info:
        plantarkit.loads(text, Exercise)
    (problem,) = info.value.problems
    assert problem.path == "$.type"
    assert "Exercise" in problem.message
    assert "'Catalogue'" in problem.message


def test_json_syntax_error_names_line_and_column() -> None:
    with pytest.raises(DocumentError, match="not valid JSON") as info:
        plantarkit.loads('{\n  "type": "Pain",\n  "schema_version": 1,\n  "data": 3,\n}')
    assert "line 5" in info.value.reason


def test_nan_is_not_json() -> None:
    with pytest.raises(DocumentError, match="not valid JSON"):
        plantarkit.loads('{"type": "Tempo", "schema_version": 1, "data": {"up": NaN}}')


def test_duplicate_id_in_a_catalogue_document() -> None:
    document = plantarkit.to_document(Catalogue(exercises=(HEEL_RAISE,)))
    document["data"]["exercises"].append(document["data"]["exercises"][0])
    (problem,) = problems(document)
    assert problem.path == "$.data.exercises[1].id"
    assert "duplicate id 'heel_raise'" in problem.message


# --- JSON Schema ---------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", [None, *document_types().values()], ids=lambda c: str(c))
def test_json_schema_is_a_valid_draft_2020_12_schema(cls: type | None) -> None:
    schema = plantarkit.json_schema(cls)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@given(values())
def test_written_documents_validate_against_the_schema(value: Any) -> None:
    document = plantarkit.to_document(value)
    validator().validate(document)
    validator(type(value)).validate(document)


# --- the type asked for must be a document type --------------------------------------------------

NOT_DOCUMENT_TYPES: list[tuple[Any, str]] = [
    ("Tempo", "got str 'Tempo' (pass the class, not its name)"),
    ("Nope", "got str 'Nope'"),
    (int, "got the class int"),
    (dict, "got the class dict"),
    (DocumentError, "got the class DocumentError"),
    (tuple[Exercise, ...], f"got {tuple[Exercise, ...]!r}"),
    (5, "got an integer 5"),
]


@pytest.mark.parametrize(("cls", "got"), NOT_DOCUMENT_TYPES, ids=lambda x: repr(x))
def test_loads_and_from_document_refuse_a_class_that_is_no_document_type(
    cls: Any, got: str
) -> None:
    # A name instead of the class said "expected a Tempo document, got 'Tempo'"; int read
    # "expected a int document": a mistake in the calling code, told as one.
    message = f"expected a plantarkit document type such as ProgramState, {got}"
    text = plantarkit.dumps(plantarkit.Tempo())
    for read in (
        lambda: plantarkit.loads(text, cls),
        lambda: plantarkit.loads("{not json", cls),  # the argument is checked first
        lambda: plantarkit.from_document(plantarkit.to_document(plantarkit.Tempo()), cls),
        lambda: plantarkit.json_schema(cls),
    ):
        with pytest.raises(plantarkit.InvalidValueError) as info:
            read()
        assert not isinstance(info.value, DocumentError)
        assert info.value.problems == (Problem("$.cls", message),)


def test_a_generic_document_type_is_still_a_document_type() -> None:
    both = plantarkit.Bilateral(left=1.5, right=2.0)
    assert plantarkit.loads(plantarkit.dumps(both), plantarkit.Bilateral[float]) == both
    assert plantarkit.json_schema(plantarkit.Bilateral[float])["properties"]["type"] == {
        "const": "Bilateral"
    }


# --- a key twice ---------------------------------------------------------------------------------


def test_a_key_twice_is_refused_at_its_path() -> None:
    # json.loads keeps the last of two keys in silence: "sets": 3, "sets": 30 read as 30.
    text = plantarkit.dumps(HEEL_RAISE, indent=None).replace('"sets": 3', '"sets": 3, "sets": 30')
    with pytest.raises(DocumentError) as info:
        plantarkit.loads(text)
    assert info.value.problems == (
        Problem(
            "$.data.dose.sets", "duplicate key 'sets': each key may appear only once in an object"
        ),
    )


def test_keys_twice_everywhere_are_each_reported_once() -> None:
    text = (
        '{"type": "Catalogue", "type": "Catalogue", "schema_version": 1,'
        ' "data": {"exercises": [{"id": "a", "id": "b", "id": "c", "tags": [{"x": 1, "x": 1}]}]}}'
    )
    with pytest.raises(DocumentError) as info:
        plantarkit.loads(text, Catalogue)
    assert [p.path for p in info.value.problems] == [
        "$.type",
        "$.data.exercises[0].id",
        "$.data.exercises[0].tags[0].x",
    ]
    assert "duplicate key 'id'" in info.value.problems[1].message


def test_a_key_twice_in_bytes_and_a_document_without_one() -> None:
    with pytest.raises(DocumentError, match=r"\$\.data\.up: duplicate key 'up'"):
        plantarkit.loads(b'{"type": "Tempo", "schema_version": 1, "data": {"up": 1, "up": 2}}')
    assert plantarkit.loads(plantarkit.dumps(plantarkit.catalogue())) == plantarkit.catalogue()


@pytest.mark.parametrize(
    ("bad", "where", "message"),
    [
        (math.nan, "left", "expected a finite number"),
        (math.inf, "left", "expected a finite number"),
        ([1.0, -math.inf], "left[1]", "expected a finite number"),
        ({"x": math.nan}, "left.x", "expected a finite number"),  # found before the side
    ],
)
def test_values_of_any_type_are_json_data_without_nan_or_infinity(
    bad: object, where: str, message: str
) -> None:
    # a Bilateral document holds values of any type; read from Python data they could be
    # NaN, which equals nothing, not even itself, so it could never round-trip
    document = {"type": "Bilateral", "schema_version": 1, "data": {"left": bad, "right": 0}}
    with pytest.raises(DocumentError) as info:
        plantarkit.from_document(document)
    assert info.value.path == f"$.data.{where}"
    assert info.value.reason.startswith(message)


# --- schema version 1 documents migrate forward -------------------------------------------------


def test_a_version_1_state_document_loads_with_its_phase_index() -> None:
    import attrs

    program = plantarkit.build_program(None, "staged", weeks=4)
    second = program.protocol.phases[1].id
    state = attrs.evolve(plantarkit.start(program), phase_index=1, phase_id=second)
    document = json.loads(plantarkit.dumps(state))
    assert document["schema_version"] == 3
    embedded = json.loads(plantarkit.dumps(program))["data"]

    def as_version_1(data: dict[str, Any]) -> dict[str, Any]:
        """A state's data as version 1 wrote it: its programme in it, and a phase index."""
        assert data["program_fingerprint"] == program.fingerprint
        assert data["phase_id"] == second
        kept = {k: v for k, v in data.items() if k not in ("program_fingerprint", "phase_id")}
        renamed = {("phase" if k == "phase_index" else k): v for k, v in kept.items()}
        return {"program": embedded, **renamed}

    old = {"type": "ProgramState", "schema_version": 1, "data": as_version_1(document["data"])}
    assert plantarkit.loads(json.dumps(old), plantarkit.ProgramState) == state
    result = plantarkit.advance(program, state, plantarkit.SessionLog(day=1))
    advanced = json.loads(plantarkit.dumps(result))
    advanced["schema_version"] = 1  # as version 1 wrote it: a phase index, decisions alike
    data = advanced["data"]
    data["state"] = as_version_1(data["state"])
    assert data.pop("session_phase") == second  # worked out from the embedded programme
    data["phase"] = {"exercise": None, **data["phase"], "dose": None, "next_exercise": None}
    for decision in data["decisions"]:
        decision["phase"] = None
    assert plantarkit.loads(json.dumps(advanced), plantarkit.Advance) == result
    phase_v1 = {"type": "Decision", "schema_version": 1, "data": data["phase"]}
    assert plantarkit.from_document(phase_v1) == result.phase
    exercise_v1 = {"type": "Decision", "schema_version": 1, "data": data["decisions"][0]}
    assert plantarkit.from_document(exercise_v1) == result.decisions[0]


def test_a_version_1_document_of_another_shape_is_reported_not_guessed() -> None:
    bad = {"type": "ProgramState", "schema_version": 1, "data": {"phase": 0, "phase_index": 0}}
    with pytest.raises(plantarkit.DocumentError, match=r"\$\.data"):
        plantarkit.from_document(bad, plantarkit.ProgramState)
