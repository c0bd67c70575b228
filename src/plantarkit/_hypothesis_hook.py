"""Hypothesis' entry point for plantarkit (``[project.entry-points.hypothesis]``).

Hypothesis runs this on every ``import hypothesis``, which may itself be
happening inside ``import plantarkit.testing``. So it imports nothing of the
library: it subscribes to the registry of public types
(:mod:`plantarkit._core.registry`, standard library only), and each public
attrs type gets a resolver with hypothesis as soon as it is defined, at once
for the types defined already (plantarkit imported first), later for the
others (hypothesis imported first). A resolver imports
:mod:`plantarkit.testing` only when a test first asks ``st.from_type`` for a
plantarkit type. ``benchmarks/bench_hypothesis_import.py`` measures what the
hook adds to ``import hypothesis``.
"""

import enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from plantarkit._core.registry import Entry

__all__ = ["types"]


def _resolve(thing: Any) -> Any:
    from plantarkit.testing import strategy_for

    return strategy_for(thing)


def _registers(cls: type) -> bool:
    """Whether the hook gives ``cls`` a resolver (hypothesis draws enum members itself)."""
    return not issubclass(cls, enum.Enum)


def _on_public(entry: "Entry") -> None:
    if _registers(entry.cls):
        from hypothesis import strategies as st

        st.register_type_strategy(entry.cls, _resolve)


def types() -> tuple[type[Any], ...]:
    """The types the hook registers, of those defined so far: every public type but the enums.

    They come from the registry of public types, so a new public type needs a
    strategy in :mod:`plantarkit.testing` (a test checks they match).
    """
    from plantarkit._core import registry

    return tuple(e.cls for e in registry.entries() if _registers(e.cls))


def _hypothesis_setup_hook() -> None:  # pyright: ignore[reportUnusedFunction]  # entry point
    from plantarkit._core import registry

    registry.subscribe(_on_public)
