"""Shared vocabulary: sides, pain, evidence and the error family.

The names below load on first use (see :mod:`plantarkit._lazy`), so importing
one module of the core, such as :mod:`plantarkit._core.display` (which the
package root imports to install its display loader), does not import the rest,
nor attrs.
"""

from plantarkit._lazy import attach

__getattr__, __dir__, __all__ = attach(__name__, __file__)
