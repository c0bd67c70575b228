"""Examples for the shared vocabulary and the error family."""

import pickle
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import plantarkit
from plantarkit import (
    BUILTIN_SOURCES,
    Bilateral,
    Citation,
    Grade,
    InvalidValueError,
    MissingDependencyError,
    Pain,
    PlantarkitError,
    Problem,
    Side,
    Source,
    SourceKind,
    UnknownIdError,
    ValidationError,
    testing,
)
from plantarkit._core.checks import EnumCheck, Instance, Number, Text


def test_side_opposite() -> None:
    assert Side.LEFT.opposite is Side.RIGHT
    assert Side.RIGHT.opposite is Side.LEFT


def test_bilateral_access_and_mirroring() -> None:
    rom = Bilateral(left=38.0, right=27.0)
    assert rom.get(Side.LEFT) == 38.0
    assert rom.get(Side.RIGHT) == 27.0
    assert rom.mirrored() == Bilateral(left=27.0, right=38.0)
    assert rom.difference() == 11.0
    assert rom.asymmetry() == pytest.approx(11 / 38)
    assert rom.replace(Side.RIGHT, 30.0) == Bilateral(left=38.0, right=30.0)
    assert rom.replace(Side.LEFT, 1.0) == Bilateral(left=1.0, right=27.0)
    assert rom.map(int) == Bilateral(left=38, right=27)
    assert Bilateral.both(0.0).asymmetry() == 0.0
    assert rom.items() == ((Side.LEFT, 38.0), (Side.RIGHT, 27.0))


@pytest.mark.parametrize(
    ("value", "path"),
    [(Bilateral(left=None, right=3.0), "$.left"), (Bilateral(left=1.0, right="x"), "$.right")],
)
def test_bilateral_arithmetic_needs_numbers(value: Bilateral[Any], path: str) -> None:
    with pytest.raises(InvalidValueError) as info:
        value.difference()
    assert info.value.path == path
    with pytest.raises(InvalidValueError):
        value.asymmetry()
    with pytest.raises(InvalidValueError, match="finite values ≥ 0"):
        Bilateral(left=-1.0, right=2.0).asymmetry()


@pytest.mark.parametrize("value", [0, 5, 10])
def test_pain_accepts_the_scale(value: int) -> None:
    assert int(Pain(value)) == value
    assert str(Pain(value)) == f"{value}/10"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-1, "must be ≥ 0, got -1"),
        (11, "must be ≤ 10, got 11"),
        (3.5, "expected an integer, got a number 3.5"),
        ("3", "expected an integer, got a string '3'"),
        (True, "expected an integer, got a boolean True"),
        (None, "expected an integer, got null"),
    ],
)
def test_pain_rejects_values_off_the_scale(value: object, message: str) -> None:
    with pytest.raises(InvalidValueError) as info:
        Pain(value)  # type: ignore[arg-type]  # deliberately wrong input
    assert info.value.path == "$.value"
    assert info.value.reason == message


def test_pain_orders_like_numbers() -> None:
    assert Pain(2) < Pain(3) <= Pain(3) < Pain(10)
    assert sorted([Pain(7), Pain(0), Pain(4)]) == [Pain(0), Pain(4), Pain(7)]


def test_every_error_is_a_value_error_named_from_the_package() -> None:
    for cls in (ValidationError, InvalidValueError, UnknownIdError, MissingDependencyError):
        assert issubclass(cls, PlantarkitError)
        assert issubclass(cls, ValueError)
        assert cls.__module__ == "plantarkit"


def test_validation_error_lists_every_problem() -> None:
    err = ValidationError([Problem("$.a", "bad"), Problem("$.b[0]", "worse")])
    assert err.path == "$.a"
    assert err.reason == "bad"
    assert str(err) == "2 problems:\n  $.a: bad\n  $.b[0]: worse"
    moved = err.under("$.data")
    assert [p.path for p in moved.problems] == ["$.data.a", "$.data.b[0]"]
    assert type(moved) is ValidationError


def test_unknown_id_error_suggests_and_hints() -> None:
    err = UnknownIdError("exercise", "clams", ["clam"], hint="see catalogue()")
    assert isinstance(err, KeyError)
    assert str(err) == "unknown exercise id 'clams'; did you mean 'clam'? (see catalogue())"
    assert str(UnknownIdError("ladder", "x")) == "unknown ladder id 'x'"


def test_missing_dependency_error_names_the_extra() -> None:
    err = MissingDependencyError("pandas", "pandas", "to_frame()")
    assert isinstance(err, ImportError)
    assert "pip install 'plantarkit[pandas]'" in str(err)


def test_errors_pickle() -> None:
    err = InvalidValueError("$.sets", "must be ≥ 1, got 0")
    again = pickle.loads(pickle.dumps(err))
    assert again.problems == err.problems


def test_builtin_sources_cover_the_five_articles() -> None:
    for key in ("exakt-2021", "akmi-chain", "pogo-intrinsic", "foodnourish-stretch", "inhome-pt"):
        assert BUILTIN_SOURCES[key].kind is SourceKind.ARTICLE
    rathleff = BUILTIN_SOURCES["rathleff-2015"]
    assert rathleff.year == 2015
    assert "25(3):e292-300" in rathleff.venue
    assert str(rathleff).startswith("Rathleff MS, et al. (2015). ")


def test_source_and_citation_validate() -> None:
    with pytest.raises(InvalidValueError, match=r"\$\.key: expected a source key"):
        Source(key="Bad Key", kind=SourceKind.STUDY, title="t")
    with pytest.raises(InvalidValueError, match=r"\$\.year: must be ≥ 1800"):
        Source(key="x-1", kind=SourceKind.STUDY, title="t", year=12)
    cite = Citation(source="rathleff-2015", grade=Grade.B, detail="dose table")
    assert str(cite) == "rathleff-2015 (grade B, dose table)"
    assert str(Citation(source="x", grade=Grade.A)) == "x (grade A)"
    web = Source(key="web", kind=SourceKind.ARTICLE, title="T", venue="Site")
    assert str(web) == "Site. T"


def test_top_level_is_lazy_and_complete() -> None:
    for name in plantarkit.__all__:
        assert getattr(plantarkit, name) is not None
    assert set(plantarkit.__all__) <= set(dir(plantarkit))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        getattr(plantarkit, "nope")  # noqa: B009  (what an untyped caller does)


# --- unchecked makers (engine-internal construction) -------------------------------------------


@given(testing.values())
def test_a_maker_builds_what_the_constructor_builds(value: object) -> None:
    import attrs

    from plantarkit._core.trusted import maker

    cls = type(value)
    if not attrs.has(cls):
        return
    fields = {f.name: getattr(value, f.name) for f in attrs.fields(cls)}
    made = maker(cls)(**fields)
    assert type(made) is cls
    assert made == value
    assert hash(made) == hash(value)  # a cached hash starts empty, so it is computed


def test_a_maker_has_the_constructors_defaults() -> None:
    from plantarkit._core.trusted import maker
    from plantarkit.progression import EngineRules, Reason

    assert maker(Reason)(rule="r", text="t") == Reason(rule="r", text="t")
    assert maker(EngineRules)() == EngineRules()  # factory defaults are called
    with pytest.raises(TypeError):
        maker(Reason)(rule="r")  # type: ignore[call-arg]  # on purpose: text is required
    dose = plantarkit.Prescription(sets=3, work=plantarkit.exercises.Reps(count=10))
    made = maker(plantarkit.Prescription)(sets=3, work=plantarkit.exercises.Reps(count=10))
    assert made == dose
    assert hash(made) == hash(dose)  # the hash cache starts empty


@given(st.data())
def test_evolve_checks_like_attrs_evolve(data: st.DataObject) -> None:
    import attrs

    from plantarkit._core.trusted import evolve

    value = data.draw(testing.values())
    cls = type(value)
    if not attrs.has(cls) or any(not f.init or f.alias != f.name for f in attrs.fields(cls)):
        return  # evolve() is for plain fields only (a catalogue's indexes are derived)
    other = data.draw(st.from_type(cls))
    names = data.draw(st.sets(st.sampled_from([f.name for f in attrs.fields(cls)])))
    changes = {name: getattr(other, name) for name in names}
    for name in data.draw(st.sets(st.sampled_from(sorted(names)))) if names else ():
        changes[name] = -1  # wrong for most fields: the first error must be the same one
    try:
        expected = attrs.evolve(value, **changes)
    except PlantarkitError as exc:  # a combination the cross-field checks refuse
        refused: PlantarkitError | None = exc
    else:
        refused = None
    if refused is not None:
        with pytest.raises(type(refused), match=re.escape(str(refused))):  # the same error
            evolve(value, **changes)
        return
    got = evolve(value, **changes)
    assert type(got) is cls
    assert got == expected
    assert hash(got) == hash(expected)


def test_evolve_checks_the_changed_fields() -> None:
    import attrs

    from plantarkit._core.trusted import evolve
    from plantarkit.exercises import Reps

    dose = plantarkit.Prescription(sets=3, work=Reps(count=10))
    assert evolve(dose, sets=4).sets == 4
    with pytest.raises(InvalidValueError, match=r"\$\.sets: must be ≤ 20, got 21"):
        evolve(dose, sets=21)
    with pytest.raises(InvalidValueError, match=r"\$\.max_sets"):
        evolve(dose, max_sets=2)  # fewer than the 3 sets: the cross-field check runs
    with pytest.raises(TypeError, match="no field 'reps'"):
        evolve(dose, reps=4)
    with attrs.validators.disabled():  # as the constructor: no field checks
        assert evolve(dose, sets=99) == attrs.evolve(dose, sets=99)
    with pytest.raises(TypeError, match="not a plain field"):
        evolve(plantarkit.catalogue(), sources=())  # derived indexes: attrs.evolve's job


def test_generated_code_shows_in_getsource_and_tracebacks() -> None:
    import inspect
    import traceback

    from plantarkit._core.trusted import evolve, maker
    from plantarkit.exercises import Reps

    make = maker(plantarkit.Prescription)
    source = inspect.getsource(make)
    assert source.startswith("def make(*, work, sets=default_sets,")
    assert "    set_work(inst, work)\n" in source
    assert "_attrs" not in source  # no attrs private name, not even in the generated code
    assert "\n    set_extra_0(inst, None)" in source  # the (empty) hash cache, named neutrally
    filename = make.__code__.co_filename
    assert filename == "<plantarkit maker plantarkit.exercises._dose.Prescription>"
    assert inspect.getsource(maker(plantarkit.Prescription, defaults=False)).startswith(
        "def make(*, work, sets, max_sets,"  # its own file name: not the defaults' source
    )
    dose = plantarkit.Prescription(sets=3, work=Reps(count=10))
    with pytest.raises(InvalidValueError) as caught:
        evolve(dose, sets=21)
    frames = traceback.extract_tb(caught.value.__traceback__)
    generated = [f for f in frames if f.filename.startswith("<plantarkit evolve")]
    assert [(f.name, f.line) for f in generated] == [
        ("change", "check_sets(inst, field_sets, inst.sets)")
    ]


def test_generated_file_names_are_unique() -> None:
    import inspect

    import attrs

    from plantarkit._core.trusted import maker

    def twin(extra: bool) -> type:  # same module and qualname, different fields
        @attrs.frozen(kw_only=True)
        class Twin:
            a: int
            if extra:
                b: int = 0

        return Twin

    one, two = twin(extra=False), twin(extra=True)
    first, second = maker(one), maker(two)
    assert first.__code__.co_filename != second.__code__.co_filename
    assert second.__code__.co_filename.endswith("-2>")
    assert "b=default_b" not in inspect.getsource(first)
    assert "b=default_b" in inspect.getsource(second)
    assert maker(one)(a=1) == one(a=1)


def test_trusted_names_no_attrs_internals() -> None:
    import inspect

    from plantarkit._core import trusted

    source = inspect.getsource(trusted)
    for private in ("_attrs_cached_hash", "attr._make", "attrs._make", "_make."):
        assert private not in source


def test_a_maker_refuses_extra_state_it_cannot_share() -> None:
    import attrs

    from plantarkit._core.trusted import maker

    class Base:
        __slots__ = ("cache",)

    @attrs.frozen(getstate_setstate=False)
    class Odd(Base):
        a: int

        def __setstate__(self, state: dict[str, Any]) -> None:
            object.__setattr__(self, "cache", [])  # a mutable list: each value needs its own
            for name, value in state.items():
                object.__setattr__(self, name, value)

    with pytest.raises(TypeError, match=r"Odd: a new value holds \[\] beyond its fields"):
        maker(Odd)


def test_upper_bound_reads_the_fields_check() -> None:
    import math

    import attrs

    from plantarkit._core.checks import upper_bound
    from plantarkit.exercises import Hold, Load, LoadKind, Reps, Timed
    from plantarkit.exercises._dose import MAX_HOLD_SECONDS, MAX_KG, MAX_TIMED_SECONDS

    assert upper_bound(Reps, "count") == 500.0
    assert (MAX_KG, MAX_HOLD_SECONDS, MAX_TIMED_SECONDS) == (500.0, 600.0, 24 * 3600.0)
    for build, limit in (
        (lambda x: Load(kind=LoadKind.EXTERNAL, kg=x), MAX_KG),
        (lambda x: Hold(seconds=x), MAX_HOLD_SECONDS),
        (lambda x: Timed(seconds=x), MAX_TIMED_SECONDS),
    ):
        build(limit)  # the limit itself is allowed; the next number up is not
        with pytest.raises(InvalidValueError, match="must be ≤"):
            build(math.nextafter(limit, math.inf))
    with pytest.raises(TypeError, match=r"Load\.kind has no Number check"):
        upper_bound(Load, "kind")  # an enum check
    with pytest.raises(TypeError, match=r"Hold\.nope has no Number check"):
        upper_bound(Hold, "nope")

    @attrs.frozen
    class Open:
        x: int = attrs.field(validator=Number(ge=0))

    with pytest.raises(TypeError, match=r"Open\.x has no Number check with an upper bound"):
        upper_bound(Open, "x")  # a Number with no le


_NUMBERS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-1000, 1000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=2),
)


_FIELD_CHECKS = st.one_of(
    st.builds(
        Number,
        ge=st.none() | st.integers(-5, 5),
        le=st.none() | st.integers(-5, 50),
        gt=st.none() | st.floats(-5, 5),
        integer=st.booleans(),
        optional=st.booleans(),
    ),
    st.builds(
        Text,
        pattern=st.sampled_from([None, "[a-z]+"]),
        non_empty=st.booleans(),
        optional=st.booleans(),
    ),
    st.builds(Instance, types=st.just((int,)), optional=st.booleans()),
    st.builds(EnumCheck, enum=st.just(Side), optional=st.booleans()),
)


@given(rule=_FIELD_CHECKS, value=_NUMBERS | st.sampled_from(Side))
def test_a_fields_quick_check_agrees_with_its_full_check(
    rule: Number | Text | Instance | EnumCheck, value: object
) -> None:
    import attrs

    field = attrs.fields(plantarkit.Prescription).sets  # any attribute: it names the path

    def outcome(run: Callable[[], None]) -> str | None:
        try:
            run()
        except InvalidValueError as exc:
            return str(exc)
        return None

    quick = outcome(lambda: rule(None, field, value))
    assert quick == outcome(lambda: rule.check("$.sets", value))
