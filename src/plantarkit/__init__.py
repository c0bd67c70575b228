"""plantarkit: typed, immutable building blocks for plantar heel pain rehabilitation.

The most used names are available from the top level::

    import plantarkit

    cat = plantarkit.catalogue()
    text = plantarkit.dumps(cat["clam"])
    same = plantarkit.loads(text, plantarkit.Exercise)

Every public name is loaded on first use (PEP 562), so ``import plantarkit``
costs about as much as ``import attrs``; the first attribute access pays for
the part of the library it needs.
"""

from plantarkit._lazy import attach
from plantarkit._version import __version__ as __version__

__getattr__, __dir__, __all__ = attach(__name__, __file__)
