"""How values show themselves in a notebook: one table of views, filled by the edge.

A value class that displays in a notebook asks this module for its view
instead of importing the code that draws it::

    def _repr_html_(self) -> str:
        return display.html(self)

The edge (:mod:`plantarkit.render`) registers, when it is imported, one
formatter per type and view with :func:`register`. The core never imports the
edge, so the package root (``plantarkit/__init__.py``, above every layer)
installs a loader with :func:`set_loader`: a callback that imports the edge.
The first time a view is asked for that no formatter is registered for, the
loader runs, once, and the lookup is tried again; a view still missing then
raises :class:`~plantarkit.NoFormatterError`. So ``import plantarkit`` and
importing a layer stay cheap (the edge loads on first display), and no value
class imports upward.

This follows pint, whose quantities format through their registry's
formatter (``self._REGISTRY.formatter``) and never import the formatter
modules; here the table is one per process, as there is one edge.

Like :mod:`plantarkit._core.registry`, the table is filled once, as modules
are imported, and describes the code, not a run: no hidden state in the sense
of the design's "no globals" rule. A formatter registered for a class serves
its subclasses too (the lookup walks the class's MRO).
"""

from collections.abc import Callable, Mapping
from typing import Any, Literal, TypeVar

__all__ = ["View", "frame", "html", "markdown", "register", "set_loader", "views"]

T = TypeVar("T")
F = TypeVar("F")

View = Literal["markdown", "html", "frame"]
"""The views a value can have: Markdown and HTML for notebooks, a pandas DataFrame."""

_MARKDOWN: dict[type, Callable[[Any], str]] = {}
_HTML: dict[type, Callable[[Any], str]] = {}
_FRAME: dict[type, Callable[[Any], Any]] = {}


class _Loader:
    """The callback that loads the edge, and whether it has run (one per process)."""

    def __init__(self) -> None:
        self.load: Callable[[], object] | None = None
        self.done = False


_LOADER = _Loader()


def register(
    cls: type[T],
    *,
    markdown: Callable[[T], str] | None = None,
    html: Callable[[T], str] | None = None,
    frame: Callable[[T], Any] | None = None,
) -> None:
    """Register the formatters of a type's views (the edge calls this when imported).

    Args:
        cls: The value type (its subclasses use the same formatters).
        markdown: Returns the value as Markdown (``_repr_markdown_``).
        html: Returns the value as an HTML fragment (``_repr_html_``).
        frame: Returns the value as a pandas DataFrame (``to_frame``).
    """
    for table, formatter in ((_MARKDOWN, markdown), (_HTML, html), (_FRAME, frame)):
        if formatter is not None:
            table[cls] = formatter


def set_loader(load: Callable[[], object] | None) -> Callable[[], object] | None:
    """Install the callback that loads the edge on first display; return the one it replaces.

    The package root installs one that imports :mod:`plantarkit.render`. It
    runs at most once, successfully: when it raises (the edge cannot be
    imported), that error reaches the caller and the next display tries again.
    """
    previous = _LOADER.load
    _LOADER.load = load
    _LOADER.done = False
    return previous


def _lookup(table: Mapping[type, F], cls: type) -> F | None:
    """The formatter registered for ``cls`` or its nearest base class, if any."""
    for base in cls.__mro__:
        formatter = table.get(base)
        if formatter is not None:
            return formatter
    return None


def _find(table: Mapping[type, F], value: object, view: View) -> F:
    """The formatter of ``value``'s type for ``view``, loading the edge first if need be."""
    formatter = _lookup(table, type(value))
    if formatter is None and _LOADER.load is not None and not _LOADER.done:
        _LOADER.load()
        _LOADER.done = True
        formatter = _lookup(table, type(value))
    if formatter is None:
        # Imported here: the errors module imports attrs, and the root imports this module.
        from plantarkit._core.errors import NoFormatterError

        raise NoFormatterError(view, type(value))
    return formatter


def markdown(value: object) -> str:
    """The value as Markdown, from the formatter registered for its type.

    Raises:
        NoFormatterError: No Markdown formatter is registered for its type.
    """
    return _find(_MARKDOWN, value, "markdown")(value)


def html(value: object) -> str:
    """The value as an HTML fragment, from the formatter registered for its type.

    Raises:
        NoFormatterError: No HTML formatter is registered for its type.
    """
    return _find(_HTML, value, "html")(value)


def frame(value: object) -> Any:
    """The value as a pandas DataFrame, from the formatter registered for its type.

    Raises:
        NoFormatterError: No DataFrame formatter is registered for its type.
        MissingDependencyError: pandas is not installed (from the formatter).
    """
    return _find(_FRAME, value, "frame")(value)


def views(cls: type) -> frozenset[View]:
    """The views registered for a type so far (its own or a base class's); nothing is loaded."""
    tables: tuple[tuple[View, Mapping[type, object]], ...] = (
        ("markdown", _MARKDOWN),
        ("html", _HTML),
        ("frame", _FRAME),
    )
    return frozenset(view for view, table in tables if _lookup(table, cls) is not None)
