"""The import rules that import-linter cannot state (issue 11), checked on the source text.

``lint-imports`` checks the layers and the forbidden third-party packages (the contracts in
``pyproject.toml``). This file reads every module of ``plantarkit`` with :mod:`ast` and checks
two rules that contract types cannot say. Every import statement counts: at module level,
inside functions, under ``TYPE_CHECKING``; and so do the ``__init__.pyi`` stubs, which
:mod:`plantarkit._lazy` reads at run time as the table of where each public name lives.

**1. No cross-package import of a private name.**

- A *package* is a folder with an ``__init__.py``. A module belongs to the package that holds
  it; a package's ``__init__`` belongs to the package itself. Subpackages are packages of their
  own: ``plantarkit.progression.rules`` is not part of ``plantarkit.progression``, and the
  top-level modules (``plantarkit.io``, ``plantarkit.cli``, ``plantarkit._cli_support``) belong
  to ``plantarkit``.
- A dotted name is private where one of its parts starts with a single underscore
  (``_report``, ``_dose``, ``_x``; dunders such as ``__version__`` are not private). The
  private item belongs to the package that holds it: ``plantarkit.chain._report`` to
  ``plantarkit.chain``, ``plantarkit.exercises._dose.Hold`` to ``plantarkit.exercises``,
  ``plantarkit._core.checks._x`` to ``plantarkit._core``.
- A module may import a private item only if it belongs to the package that holds the item,
  or lies inside the item (``plantarkit._core.side`` imports ``plantarkit._core.checks``).
  Every private part of a name is checked, so a ``_name`` inside a shared module stays private.
- Shared internals, listed in :data:`SHARED`: ``plantarkit._core`` is the vocabulary layer
  under every package, so any module may import ``plantarkit._core`` and its modules
  (``plantarkit._core.checks``), but not the ``_private`` names inside them.
  ``plantarkit._lazy`` is the namespace machinery, imported only by the lazy namespaces'
  ``__init__`` modules.

So another package imports what a package exports from its ``__init__``
(``from plantarkit.exercises import Prescription``), never from its private modules. The
violations left in files being edited elsewhere are listed, one (module, private item) each,
in :data:`KNOWN_PRIVATE_IMPORTS`; the list may only shrink.

**2. No dynamic import of a plantarkit module** (``importlib.import_module``, ``__import__``),
which ``lint-imports`` cannot see, outside the places listed in :data:`DYNAMIC_IMPORTS`. A
module name that is not a string constant counts as a plantarkit name. (The other way past the
contracts, ``from plantarkit import Program`` below the edge, is caught by the
``no-namespace-dodge`` contract.)
"""

import ast
import pathlib

import pytest

import plantarkit

SRC = pathlib.Path(plantarkit.__file__).parent
ROOT = "plantarkit"

EVERYONE = "every module"

# Private items that other packages may import: every module, or the packages listed.
SHARED: dict[str, str | frozenset[str]] = {
    # the vocabulary layer: sides, pain, citations, errors, shared checks, the registry
    "plantarkit._core": EVERYONE,
    # the PEP 562 loader behind the lazy namespaces (their __init__ modules call attach())
    "plantarkit._lazy": frozenset({"plantarkit", "plantarkit._core", "plantarkit.progression"}),
}

# The only modules that may load a plantarkit module by a name computed at run time.
DYNAMIC_IMPORTS: dict[str, str] = {
    "plantarkit._lazy": "the lazy namespaces' __getattr__ loads the module a stub names",
    # The display-hook change (h-render) adds its display loader here, with its reason.
}


# Violations of rule 1 waiting for a fix, as (module, private module) pairs: none left. An
# entry must go with its fix (test_each_known_private_import_is_still_there fails when one is
# stale).
KNOWN_PRIVATE_IMPORTS: frozenset[tuple[str, str]] = frozenset()


def _module_name(path: pathlib.Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_package(name: str) -> bool:
    root, _, rest = name.partition(".")
    folder = SRC.joinpath(*rest.split(".")) if rest else SRC
    return root == ROOT and (folder / "__init__.py").is_file()


def _package_of(path: pathlib.Path) -> str:
    module = _module_name(path)
    return module if path.stem == "__init__" else module.rpartition(".")[0]


def _is_private(part: str) -> bool:
    return part.startswith("_") and not (part.startswith("__") and part.endswith("__"))


def _is_ours(name: str) -> bool:
    return name == ROOT or name.startswith(ROOT + ".")


SOURCES = sorted(p for p in SRC.rglob("*") if p.suffix in (".py", ".pyi"))


def _tree(path: pathlib.Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _source_module(node: ast.ImportFrom, package: str) -> str:
    """The module a ``from ... import`` reads, for a module of ``package``."""
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    parts = parts[: len(parts) - (node.level - 1)]
    return ".".join([*parts, node.module] if node.module else parts)


def _imported_names(tree: ast.Module, package: str) -> list[tuple[int, str]]:
    """Each (line, dotted name) a module of ``package`` imports, relative imports resolved."""
    names: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _source_module(node, package)
            names.extend(
                (node.lineno, base if alias.name == "*" else f"{base}.{alias.name}")
                for alias in node.names
            )
    return [(line, name) for line, name in names if _is_ours(name)]


def private_violation(importer: str, name: str) -> str | None:
    """The private item ``name`` reaches that package ``importer`` may not import, if any."""
    parts = name.split(".")
    for i, part in enumerate(parts):
        if not _is_private(part):
            continue
        item = ".".join(parts[: i + 1])
        holder = ".".join(parts[:i])
        owner = holder if _is_package(holder) else holder.rpartition(".")[0]
        if importer in (owner, item) or importer.startswith(item + "."):
            continue
        shared = SHARED.get(item)
        if shared == EVERYONE or (isinstance(shared, frozenset) and importer in shared):
            continue
        return item
    return None


@pytest.mark.parametrize(
    ("importer", "name", "expected"),
    [
        ("plantarkit.chain", "plantarkit.chain._report.Severity", None),
        ("plantarkit.plans", "plantarkit.exercises.Prescription", None),
        ("plantarkit.plans", "plantarkit.exercises._dose.Hold", "plantarkit.exercises._dose"),
        ("plantarkit.plans", "plantarkit.exercises._dose", "plantarkit.exercises._dose"),
        ("plantarkit.plans", "plantarkit.exercises._helper", "plantarkit.exercises._helper"),
        # subpackages are packages of their own
        (
            "plantarkit.progression.engine",
            "plantarkit.progression.rules._pain.Verdict",
            "plantarkit.progression.rules._pain",
        ),
        (
            "plantarkit.progression",
            "plantarkit.progression.rules._pain",
            ("plantarkit.progression.rules._pain"),
        ),
        # the shared core: its modules for all, its private names for nobody outside it
        ("plantarkit.chain", "plantarkit._core.checks.Number", None),
        ("plantarkit.chain", "plantarkit._core.Side", None),
        ("plantarkit.chain", "plantarkit._core.checks._x", "plantarkit._core.checks._x"),
        ("plantarkit._core", "plantarkit._core.checks._x", None),
        # top-level private modules belong to plantarkit
        ("plantarkit", "plantarkit._cli_support.read", None),
        ("plantarkit.chain", "plantarkit._cli_support.read", "plantarkit._cli_support"),
        ("plantarkit.progression", "plantarkit._lazy.attach", None),
        ("plantarkit.chain", "plantarkit._lazy.attach", "plantarkit._lazy"),
        ("plantarkit", "plantarkit.__version__", None),
    ],
)
def test_the_private_name_rule(importer: str, name: str, expected: str | None) -> None:
    assert private_violation(importer, name) == expected


@pytest.mark.parametrize(
    ("source", "names"),
    [
        ("from plantarkit.exercises._dose import Hold", ["plantarkit.exercises._dose.Hold"]),
        ("import plantarkit.chain._report as r", ["plantarkit.chain._report"]),
        ("from . import _report", ["plantarkit.chain._report"]),
        ("from ._norms import Threshold", ["plantarkit.chain._norms.Threshold"]),
        ("from .._core.checks import Number", ["plantarkit._core.checks.Number"]),
        ("def f() -> None:\n    from plantarkit.render import x", ["plantarkit.render.x"]),
        ("import attrs\nfrom typing import Any", []),
    ],
)
def test_imported_names_resolves_every_form(source: str, names: list[str]) -> None:
    found = _imported_names(ast.parse(source), "plantarkit.chain")
    assert [name for _, name in found] == names


def _private_imports() -> dict[tuple[str, str], list[str]]:
    """(importing module, private item) -> where it happens, for every violation of rule 1."""
    found: dict[tuple[str, str], list[str]] = {}
    for path in SOURCES:
        package = _package_of(path)
        for line, name in _imported_names(_tree(path), package):
            private = private_violation(package, name)
            if private is not None:
                where = f"{path.relative_to(SRC.parent)}:{line}: imports {name}"
                found.setdefault((_module_name(path), private), []).append(where)
    return found


def test_no_cross_package_import_of_a_private_name() -> None:
    found = _private_imports()
    new = sorted(
        w for key, wheres in found.items() if key not in KNOWN_PRIVATE_IMPORTS for w in wheres
    )
    assert new == [], "import the name from its package's __init__ instead"


def test_each_known_private_import_is_still_there() -> None:
    """Delete an entry of KNOWN_PRIVATE_IMPORTS once its import goes through the package."""
    assert sorted(KNOWN_PRIVATE_IMPORTS - _private_imports().keys()) == []


def _is_dynamic_import(node: ast.Call) -> bool:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    return name in ("import_module", "__import__")


def _may_be_ours(node: ast.Call) -> bool:
    args = [*node.args[:1], *(k.value for k in node.keywords if k.arg == "name")]
    if not args:
        return True
    arg = args[0]
    if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
        return True  # computed at run time: it could name anything
    return _is_ours(arg.value) or arg.value.startswith(".")


def _dynamic_imports(path: pathlib.Path) -> list[str]:
    return [
        f"{path.relative_to(SRC.parent)}:{node.lineno}: {ast.unparse(node)}"
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.Call) and _is_dynamic_import(node) and _may_be_ours(node)
    ]


def test_no_dynamic_import_of_plantarkit_outside_the_listed_places() -> None:
    found = [
        hit
        for path in SOURCES
        if _module_name(path) not in DYNAMIC_IMPORTS
        for hit in _dynamic_imports(path)
    ]
    assert found == []


@pytest.mark.parametrize("module", sorted(DYNAMIC_IMPORTS))
def test_each_listed_dynamic_import_place_still_needs_it(module: str) -> None:
    paths = [p for p in SOURCES if _module_name(p) == module and p.suffix == ".py"]
    assert paths, f"{module} is listed in DYNAMIC_IMPORTS but does not exist"
    assert any(_dynamic_imports(p) for p in paths), f"{module} no longer imports dynamically"


def test_the_checks_read_the_whole_package() -> None:
    modules = {_module_name(p) for p in SOURCES}
    assert {
        "plantarkit",
        "plantarkit._core.checks",
        "plantarkit.progression.rules._pain",
        "plantarkit.io",
    } <= modules
    assert any(p.suffix == ".pyi" for p in SOURCES)
