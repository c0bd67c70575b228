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
    """The types the hook registers: every attrs class that can be a document, and ``Bilateral``.

    Derived from :func:`plantarkit.io.document_types`, so a new document type
    needs a strategy in :mod:`plantarkit.testing` (a test checks they match).
    """
    import attrs

    from plantarkit._core import Bilateral
    from plantarkit.io import document_types

    documents = [t for t in document_types().values() if attrs.has(t) and t is not Bilateral]
    return (*documents, Bilateral)


def _hypothesis_setup_hook() -> None:  # pyright: ignore[reportUnusedFunction]  # entry point
    from hypothesis import strategies as st

    for cls in types():
        st.register_type_strategy(cls, _resolve)
