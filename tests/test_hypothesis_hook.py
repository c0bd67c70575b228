"""The hypothesis entry point: complete, lazy, and free of import cycles."""

import ast
import importlib.metadata
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import plantarkit
from plantarkit import _hypothesis_hook, testing


def test_hook_and_testing_know_the_same_types() -> None:
    assert set(_hypothesis_hook.types()) == set(testing.registered_types())


def test_resolver_gives_the_module_strategies() -> None:
    assert _hypothesis_hook._resolve(plantarkit.Prescription) is testing.strategy_for(
        plantarkit.Prescription
    )


@given(_hypothesis_hook._resolve(plantarkit.Bilateral[plantarkit.Pain]))
def test_resolver_handles_generic_bilateral(value: plantarkit.Bilateral[plantarkit.Pain]) -> None:
    assert isinstance(value.left, plantarkit.Pain)
    assert isinstance(value.right, plantarkit.Pain)


def test_unknown_type_is_a_clear_error() -> None:
    with pytest.raises(plantarkit.InvalidValueError, match="no plantarkit strategy for"):
        testing.strategy_for(int)


testing.register()


@given(st.from_type(plantarkit.Assessment))
def test_register_makes_from_type_work(value: plantarkit.Assessment) -> None:
    assert isinstance(value, plantarkit.Assessment)


_INSTALLED = any(
    ep.value.startswith("plantarkit.") for ep in importlib.metadata.entry_points(group="hypothesis")
)


_NEEDS_HOOK = pytest.mark.skipif(
    not _INSTALLED, reason="plantarkit is not installed (entry point absent)"
)


def _run(code: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_NO_PLUGINS"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


@_NEEDS_HOOK
@pytest.mark.parametrize(
    "code",
    [
        # testing first, hypothesis second: the order that once formed an import cycle
        "import plantarkit.testing\nimport hypothesis",
        "import hypothesis\nimport plantarkit.testing",
    ],
)
def test_entry_point_works_in_any_import_order(code: str) -> None:
    _run(
        f"{code}\n"
        "import sys\n"
        "assert 'plantarkit.testing' in sys.modules\n"
        "from hypothesis import strategies as st\n"
        "import plantarkit\n"
        "assert isinstance(st.from_type(plantarkit.Exercise).example(), plantarkit.Exercise)\n"
    )


_FROM_TYPE = (
    "from hypothesis import strategies as st\n"
    "assert 'plantarkit.testing' not in sys.modules  # loaded on first use only\n"
    "assert isinstance(st.from_type(plantarkit.Program).example(), plantarkit.Program)\n"
    "pains = st.from_type(plantarkit.Bilateral[plantarkit.Pain]).example()\n"
    "assert isinstance(pains.left, plantarkit.Pain)\n"
)


@_NEEDS_HOOK
def test_types_defined_before_hypothesis_is_imported_are_registered() -> None:
    # the hook registers the types defined already when hypothesis runs it
    _run(
        "import sys, plantarkit\n"
        "plantarkit.Program, plantarkit.Assessment  # defines (nearly) every public type\n"
        "assert 'hypothesis' not in sys.modules\n"
        "import hypothesis\n" + _FROM_TYPE
    )


@_NEEDS_HOOK
def test_types_defined_after_hypothesis_is_imported_are_registered() -> None:
    # the registry tells the hook about each type as it is defined
    _run(
        "import sys, hypothesis\n"
        "assert 'plantarkit.plans' not in sys.modules\n"
        "import plantarkit\n"
        "plantarkit.Program\n" + _FROM_TYPE
    )


@_NEEDS_HOOK
def test_importing_hypothesis_does_not_load_the_library() -> None:
    # The hook may load the package, itself and the small registry; nothing else of plantarkit.
    # (The package's own __init__ loads _lazy, _version and the stdlib-only display hook, as a
    # plain 'import plantarkit' does.)
    allowed = {
        "plantarkit._core.display",
        "plantarkit",
        "plantarkit._lazy",
        "plantarkit._version",
        "plantarkit._hypothesis_hook",
        "plantarkit._core",
        "plantarkit._core.registry",
    }
    out = _run("import sys, hypothesis; print(sorted(m for m in sys.modules if 'plantarkit' in m))")
    loaded = set(ast.literal_eval(out))
    assert loaded <= allowed, sorted(loaded - allowed)
    assert "plantarkit._hypothesis_hook" in loaded


_DOCUMENTS = set(plantarkit.io.document_types().values())


@pytest.mark.parametrize(
    "cls", [t for t in testing.registered_types() if t is not plantarkit.Bilateral], ids=repr
)
def test_every_registered_strategy_draws_valid_round_tripping_values(cls: type) -> None:
    @settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck))
    @given(testing.strategy_for(cls))
    def round_trips(value: object) -> None:
        assert isinstance(value, cls)
        if cls in _DOCUMENTS:  # the others say why they are no documents (tests/test_registry.py)
            assert plantarkit.loads(plantarkit.dumps(value), cls) == value

    round_trips()
