"""Lazy public names for a package, from one table: the package's ``__init__.pyi`` stub.

The stub lists each public name once, as ``from plantarkit.x import Name as Name``
(the form type checkers read as a re-export). At run time
:func:`attach` reads the same stub to learn where each name lives, and loads
it on first use (PEP 562), so ``import plantarkit`` stays cheap and no second
list can drift from the first. This is the scientific Python ecosystem's
SPEC 1 pattern (``lazy_loader.attach_stub``), in a few lines.
"""

import ast
import importlib
import pathlib
from collections.abc import Callable
from typing import Any

__all__ = ["attach"]


def _table(package: str, stub: pathlib.Path) -> tuple[dict[str, str], frozenset[str]]:
    """Each name's home module, and the submodules, from the stub's imports.

    ``from package import sub as sub`` names a submodule (loaded on first use,
    never part of ``__all__``); any other ``from m import Name as Name`` a name.
    """
    homes: dict[str, str] = {}
    submodules: set[str] = set()
    for node in ast.parse(stub.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module is not None:
            for alias in node.names:
                if node.module == package:
                    submodules.add(alias.name)
                else:
                    homes[alias.asname or alias.name] = node.module
    return homes, frozenset(submodules)


def attach(
    package: str, init_file: str
) -> tuple[Callable[[str], Any], Callable[[], list[str]], list[str]]:
    """``__getattr__``, ``__dir__`` and ``__all__`` for ``package``, from its stub.

    Args:
        package: The package's name (``__name__``).
        init_file: Its ``__init__.py`` (``__file__``); the stub is beside it.
    """
    homes, submodules = _table(package, pathlib.Path(init_file).with_suffix(".pyi"))
    namespace = importlib.import_module(package).__dict__

    def module_getattr(name: str) -> Any:
        if name in submodules:
            return importlib.import_module(f"{package}.{name}")
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        namespace[name] = value
        return value

    def module_dir() -> list[str]:
        return sorted({*namespace, *homes})

    return module_getattr, module_dir, sorted(homes)
