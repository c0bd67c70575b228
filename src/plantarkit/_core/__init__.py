"""Shared vocabulary: sides, pain, evidence and the error family.

The names below load on first use (see :mod:`plantarkit._lazy`), so importing
one module of this package, such as the small :mod:`plantarkit._core.registry`
that plantarkit's hypothesis entry point reads, does not import the others.
"""

from plantarkit._lazy import attach

__getattr__, __dir__, __all__ = attach(__name__, __file__)
