"""plantarkit: typed, immutable building blocks for plantar heel pain rehabilitation.

The most used names are available from the top level::

    import plantarkit

    cat = plantarkit.catalogue()
    text = plantarkit.dumps(cat["clam"])
    same = plantarkit.loads(text, plantarkit.Exercise)

Every public name is loaded on first use (PEP 562), so ``import plantarkit``
costs about as much as ``import attrs``; the first attribute access pays for
the part of the library it needs.

Notebook display: values ask :mod:`plantarkit._core.display` for their views,
and :mod:`plantarkit.render` registers the formatters when it is imported. The
package root is the one place above every layer, so it installs the loader
that imports the edge on first display (and only then).
"""

from plantarkit._core.display import set_loader as _set_loader
from plantarkit._lazy import attach
from plantarkit._version import __version__ as __version__


def _load_edge() -> object:
    """Import the edge module that registers the display formatters (on first display)."""
    from plantarkit import render

    return render


_set_loader(_load_edge)

__getattr__, __dir__, __all__ = attach(__name__, __file__)
