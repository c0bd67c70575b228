"""Hypothesis' entry point for plantarkit (``[project.entry-points.hypothesis]``).

Hypothesis runs this while ``import hypothesis`` is still in progress, which
may itself be happening inside ``import plantarkit.testing``. So this module
must not import :mod:`plantarkit.testing` up front: it registers a small
resolver per type that imports the strategies only when a test first asks
``st.from_type`` for a plantarkit type.
"""

from typing import Any

__all__ = ["types"]


def _resolve(thing: Any) -> Any:
    from plantarkit.testing import strategy_for

    return strategy_for(thing)


def types() -> tuple[type[Any], ...]:
    """The types the hook registers: every public attrs class (``Bilateral`` included).

    Read from the registry of public types, so a new public type needs a
    strategy in :mod:`plantarkit.testing` (a test checks they match).
    """
    import attrs

    import plantarkit.io  # imports every module that defines a public type
    from plantarkit._core import registry

    assert plantarkit.io.document_types()
    return tuple(e.cls for e in registry.entries() if attrs.has(e.cls))


def _hypothesis_setup_hook() -> None:  # pyright: ignore[reportUnusedFunction]  # entry point
    from hypothesis import strategies as st

    for cls in types():
        st.register_type_strategy(cls, _resolve)
