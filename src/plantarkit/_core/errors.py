"""The plantarkit exception family.

Every error a public entry point raises on bad input is a
:class:`PlantarkitError`, which subclasses :class:`ValueError`. Errors about a
value or a document carry one or more :class:`Problem` values, each with a
JSON path (``$.phases[1].slots[0].sets``) and a readable reason.
"""

from collections.abc import Iterable, Sequence

import attrs

from plantarkit._core.registry import public

__all__ = [
    "CatalogueError",
    "DocumentError",
    "InvalidValueError",
    "MissingDependencyError",
    "NoFormatterError",
    "PlantarkitError",
    "Problem",
    "UnknownIdError",
    "ValidationError",
    "join_path",
]


class PlantarkitError(ValueError):
    """Base class of every error plantarkit raises on bad input."""


@public(document=False, reason="an error's detail (DocumentError.problems): reported, not stored")
@attrs.frozen
class Problem:
    """One thing wrong with a value or document.

    Attributes:
        path: JSON path of the offending field, rooted at ``$``.
        message: What was wrong and what was expected.
    """

    path: str = attrs.field(validator=lambda _, a, v: _text(a.name, v))
    message: str = attrs.field(validator=lambda _, a, v: _text(a.name, v))

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def under(self, prefix: str) -> "Problem":
        """Return this problem with its path re-rooted below ``prefix``."""
        return Problem(join_path(prefix, self.path), self.message)


def _text(name: str, value: object) -> None:
    """A Problem's field holds a string (any string: a path may name a document's bad key).

    Not a :class:`~plantarkit._core.checks.Text` check, which would refuse a lone
    surrogate: the checks build problems, and this module is below them.
    """
    if not isinstance(value, str):
        from plantarkit._core.checks import expected  # the checks import this module

        raise InvalidValueError(f"$.{name}", expected("a string", value))


def join_path(prefix: str, path: str) -> str:
    """Join a JSON path prefix (``$.a``) and a relative path (``$.b[0]``)."""
    rest = path[1:] if path.startswith("$") else path
    if rest and not rest.startswith((".", "[")):
        rest = "." + rest
    return prefix + rest


class ValidationError(PlantarkitError):
    """A value or document broke one or more rules.

    Attributes:
        problems: Every problem found, in document order.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        if not self.problems:  # pragma: no cover - programming error guard
            raise ValueError("a ValidationError needs at least one problem")
        super().__init__(self._describe(self.problems))

    @staticmethod
    def _describe(problems: Sequence[Problem]) -> str:
        if len(problems) == 1:
            return str(problems[0])
        lines = "\n".join(f"  {p}" for p in problems)
        return f"{len(problems)} problems:\n{lines}"

    @property
    def path(self) -> str:
        """The JSON path of the first problem."""
        return self.problems[0].path

    @property
    def reason(self) -> str:
        """The message of the first problem."""
        return self.problems[0].message

    def under(self, prefix: str) -> "ValidationError":
        """Return the same error with every path re-rooted below ``prefix``."""
        return type(self)(p.under(prefix) for p in self.problems)


class InvalidValueError(ValidationError):
    """A constructor was given a value outside its rules (``$.sets: must be ≥ 1``)."""

    def __init__(self, path: str | Iterable[Problem], message: str = "") -> None:
        if isinstance(path, str):
            super().__init__([Problem(path, message)])
        else:
            super().__init__(path)


class CatalogueError(ValidationError):
    """A catalogue is inconsistent: duplicate ids, dangling ladder steps, cycles."""


class DocumentError(ValidationError):
    """A JSON document could not be read: syntax, type, version or content."""


class UnknownIdError(PlantarkitError, KeyError):
    """An id was looked up that does not exist; the message suggests close matches.

    Attributes:
        kind: What was looked up (``"exercise"``, ``"ladder"``, ...).
        key: The id that was asked for.
        suggestions: Existing ids that are spelled similarly.
    """

    def __init__(
        self, kind: str, key: object, suggestions: Sequence[str] = (), hint: str = ""
    ) -> None:
        self.kind = kind
        self.key = key
        self.suggestions = tuple(suggestions)
        self.hint = hint
        super().__init__(key)

    def __str__(self) -> str:
        text = f"unknown {self.kind} id {self.key!r}"
        if self.suggestions:
            text += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        if self.hint:
            text += f" ({self.hint})"
        return text


class MissingDependencyError(PlantarkitError, ImportError):
    """An optional dependency is not installed; the message says which extra to install."""

    def __init__(self, module: str, extra: str, feature: str) -> None:
        self.module = module
        self.extra = extra
        message = (
            f"{feature} needs the optional dependency {module!r}; "
            f"install it with: pip install 'plantarkit[{extra}]'"
        )
        super().__init__(message)
        self.msg = message

    def __str__(self) -> str:
        return self.msg


class NoFormatterError(PlantarkitError, LookupError):
    """A value was asked for a view (Markdown, HTML, DataFrame) that no formatter is registered for.

    The built-in views are registered by :mod:`plantarkit.render`, which loads
    on first display; see :mod:`plantarkit._core.display`.

    Attributes:
        view: The view asked for (``"markdown"``, ``"html"`` or ``"frame"``).
        cls: The type of the value.
    """

    def __init__(self, view: str, cls: type) -> None:
        self.view = view
        self.cls = cls
        super().__init__(
            f"no {view} formatter is registered for {cls.__name__} values"
            " (formatters are registered with plantarkit._core.display.register;"
            " plantarkit.render registers the built-in ones)"
        )


# Tracebacks name the public home of each error (``plantarkit.InvalidValueError``),
# not the private module that defines it.
for _cls in (
    PlantarkitError,
    ValidationError,
    InvalidValueError,
    CatalogueError,
    DocumentError,
    UnknownIdError,
    MissingDependencyError,
    NoFormatterError,
):
    _cls.__module__ = "plantarkit"
