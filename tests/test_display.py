"""Notebook display: values reach the edge's formatters through ``_core.display`` only."""

import ast
import json
import pathlib
import subprocess
import sys
from collections.abc import Callable, Iterator

import pytest
from hypothesis import given, settings

import plantarkit
import plantarkit.render as render
import plantarkit.testing
from plantarkit import testing
from plantarkit._core import display
from plantarkit.chain import ChainReport
from plantarkit.plans import Program
from plantarkit.progression import Adherence, Advance, Decision, PhaseDecision

SRC = pathlib.Path(plantarkit.__file__).parent

_SetLoader = Callable[[Callable[[], object] | None], Callable[[], object] | None]

# --- each value that displays gets its view from the edge, unchanged -----------------------------


@given(testing.chain_reports())
def test_a_chain_report_displays_as_render_draws_it(report: ChainReport) -> None:
    assert report._repr_markdown_() == render.chain_report_markdown(report)
    assert report._repr_html_() == render.chain_report_html(report)


@settings(max_examples=10)
@given(testing.programs())
def test_a_programme_displays_as_render_draws_it(program: Program) -> None:
    assert program._repr_html_() == render.program_html(program, fragment=True)
    assert program.to_frame().equals(render.program_frame(program))


@settings(max_examples=20)
@given(testing.advances())
def test_an_advance_and_its_decisions_display_as_render_draws_them(result: Advance) -> None:
    assert result._repr_markdown_() == render.advance_markdown(result)
    assert result._repr_html_() == render.advance_html(result)
    for decision in result.all_decisions:
        assert decision._repr_markdown_() == render.decision_markdown(decision)
        assert decision._repr_html_() == render.decision_html(decision)


_VIEWS = {"_repr_markdown_": "markdown", "_repr_html_": "html", "to_frame": "frame"}


def _displaying_types() -> Iterator[tuple[type, str]]:
    """Every plantarkit class (of the modules loaded, which plantarkit.testing loads all of)."""
    classes = {
        value
        for name, module in list(sys.modules.items())
        if name.startswith("plantarkit.")
        for value in vars(module).values()
        if isinstance(value, type) and value.__module__.startswith("plantarkit.")
    }
    for cls in classes:
        for method, view in _VIEWS.items():
            if hasattr(cls, method):
                yield cls, view


def test_every_public_type_that_displays_has_its_formatter_registered() -> None:
    found = list(_displaying_types())
    assert {cls for cls, _ in found} == {
        ChainReport,
        Program,
        Decision,
        PhaseDecision,
        Advance,
        Adherence,
    }
    for cls, view in found:
        assert view in display.views(cls), f"{cls.__name__} has no {view} formatter"


# --- no layer imports the edge; the edge loads on first display ---------------------------------


def _run(code: str) -> dict[str, object]:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(proc.stdout)
    return result


def test_import_plantarkit_loads_neither_the_edge_nor_the_rest_of_the_core() -> None:
    loaded = _run(
        "import json, sys, plantarkit\nprint(json.dumps({'modules': sorted(sys.modules)}))"
    )["modules"]
    assert isinstance(loaded, list)
    assert "plantarkit.render" not in loaded
    assert "attrs" not in loaded  # only _core.display, which is stdlib only
    assert "plantarkit._core.errors" not in loaded


_FIRST_DISPLAY = {
    "plantarkit.chain": (
        "from plantarkit.chain import assess, example_assessment\n"
        "value = assess(example_assessment())\n"
        "views = [value._repr_markdown_(), value._repr_html_()]\n"
    ),
    "plantarkit.plans": (
        "from plantarkit.plans import build_program\n"
        "value = build_program(None, 'high_load', weeks=1)\n"
        "views = [value._repr_html_()]\n"
    ),
    "plantarkit.progression.engine": (
        "from plantarkit.plans import build_program\n"
        "from plantarkit.progression.engine import advance, start\n"
        "from plantarkit.progression.records import SessionLog\n"
        "program = build_program(None, 'high_load', weeks=1)\n"
        "value = advance(program, start(program), SessionLog(day=1))\n"
        "views = [value._repr_markdown_(), value._repr_html_(),\n"
        "         value.phase._repr_markdown_(), value.phase._repr_html_()]\n"
    ),
}


@pytest.mark.parametrize("layer", sorted(_FIRST_DISPLAY))
def test_a_layer_alone_does_not_import_the_edge_until_a_value_displays(layer: str) -> None:
    code = (
        f"import json, sys\nimport {layer}\n"
        "before = 'plantarkit.render' in sys.modules\n"
        + _FIRST_DISPLAY[layer]
        + "print(json.dumps({'before': before, 'after': 'plantarkit.render' in sys.modules,"
        " 'views': all(isinstance(v, str) and v for v in views)}))"
    )
    assert _run(code) == {"before": False, "after": True, "views": True}


_EDGE = {"render", "cli", "io", "testing", "_hypothesis_hook", "__main__"}


def _imports_of(path: pathlib.Path) -> Iterator[str]:
    """Every module a file imports, at module level or inside a function."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_no_module_below_the_edge_imports_render() -> None:
    below = [
        p
        for p in SRC.rglob("*.py")
        if p.relative_to(SRC).parts[0].removesuffix(".py") not in _EDGE | {"__init__"}
    ]
    assert len(below) > 20
    for path in below:
        wrong = [m for m in _imports_of(path) if m.startswith("plantarkit.render")]
        assert not wrong, f"{path.relative_to(SRC)} imports {wrong}"


# --- the mechanism itself -----------------------------------------------------------------------


class _Shown:
    """A value type for these tests, with no formatter of its own."""


class _Base:
    pass


class _Child(_Base):
    pass


@pytest.fixture
def loader() -> Iterator[_SetLoader]:
    """Install a loader for one test; the package's own comes back afterwards."""
    previous = display.set_loader(None)
    yield display.set_loader
    display.set_loader(previous)


def test_a_missing_formatter_is_a_plantarkit_error_naming_the_view_and_type() -> None:
    for view in (display.markdown, display.html, display.frame):
        with pytest.raises(plantarkit.NoFormatterError) as info:
            view(_Shown())
        assert isinstance(info.value, plantarkit.PlantarkitError)
        assert isinstance(info.value, LookupError)
        assert not isinstance(info.value, AttributeError)
        assert info.value.cls is _Shown
        assert "_Shown values" in str(info.value)
    with pytest.raises(plantarkit.NoFormatterError, match="no html formatter"):
        display.html(_Shown())
    assert display.views(_Shown) == frozenset()


def test_a_subclass_uses_its_base_class_formatter() -> None:
    display.register(_Base, html=lambda v: f"<b>{type(v).__name__}</b>")
    assert display.html(_Child()) == "<b>_Child</b>"
    assert display.views(_Child) == {"html"}
    with pytest.raises(plantarkit.NoFormatterError, match="no markdown formatter"):
        display.markdown(_Child())


def test_the_loader_runs_once_on_the_first_missing_view(
    loader: _SetLoader,
) -> None:
    calls: list[int] = []

    class Late:
        pass

    def load() -> None:
        calls.append(1)
        display.register(Late, markdown=lambda _: "late")

    loader(load)
    assert display.markdown(Late()) == "late"
    assert display.markdown(Late()) == "late"
    with pytest.raises(plantarkit.NoFormatterError):
        display.html(Late())  # loaded already: not loaded again
    assert calls == [1]


def test_a_loader_that_fails_raises_its_own_error_and_is_tried_again(
    loader: _SetLoader,
) -> None:
    calls: list[int] = []

    def load() -> None:
        calls.append(1)
        raise ImportError("the edge is broken")

    loader(load)
    for _ in range(2):
        with pytest.raises(ImportError, match="the edge is broken"):
            display.html(_Shown())
    assert calls == [1, 1]


def test_the_package_installs_a_loader_that_imports_render() -> None:
    previous = display.set_loader(None)
    try:
        assert previous is not None
        assert previous() is render
    finally:
        display.set_loader(previous)
