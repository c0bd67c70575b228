"""Helpers of the ``plantarkit`` command (:mod:`plantarkit.cli`) that need no click.

Exit statuses and their help text, the command's one-line errors, and reading
a document from an input file with each problem named by its file. Still the
edge of the library: nothing but the command imports this module.
"""

import os
import sys
import typing
from collections.abc import Iterable
from typing import IO, NoReturn, TypeVar

from plantarkit._core.errors import (
    DocumentError,
    PlantarkitError,
    Problem,
    ValidationError,
)

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_CODES",
    "EXIT_REFERRAL",
    "MAX_FILE_CHARS",
    "CommandError",
    "FileError",
    "cannot_write",
    "exit_codes",
    "fail",
    "file_name",
    "read",
    "read_many",
    "write_atomically",
]

T = TypeVar("T")

EXIT_BAD_INPUT = 2
EXIT_REFERRAL = 3


def exit_codes(three: str | None = None) -> str:
    """The exit statuses, for a command's help (``three``: what status 3 means there)."""
    text = (
        "\b\nExit status:\n  0  done\n"
        "  2  bad input, or an output file that cannot be written (nothing is written)"
    )
    return text if three is None else f"{text}\n  3  {three}"


EXIT_CODES = exit_codes(
    "a red flag is positive: 'assess' reports it, 'plan' and 'start' make no programme;"
    " 'progress' stops it"
)
"""The exit statuses of the whole command, for the group's help."""


class CommandError(PlantarkitError):
    """A problem with the command's options or files, told in one line."""


class FileError(PlantarkitError):
    """Problems found in the command's input files: each line names its file.

    Attributes:
        problems: Each problem with the file it is in (``None``: in no one file).
    """

    def __init__(self, problems: Iterable[tuple[str | None, Problem]]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(_in_file(file, p) for file, p in self.problems))


def _in_file(file: str | None, problem: Problem) -> str:
    return str(problem) if file is None else f"{file}: {problem}"


def file_name(file: object) -> str:
    """How an error names an input file: its path as given, ``<stdin>`` for ``-``."""
    name = str(getattr(file, "name", "-"))
    return "<stdin>" if name in ("-", "<stdin>") else name


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all: to a temporary file beside it, then renamed.

    A failure part-way (a full disk, a size limit) leaves the old file as it was, so
    ``--output`` may name the very ``--state`` file that was read. An existing file's
    permissions are kept.

    Raises:
        CommandError: The file cannot be written, and why.
    """
    import tempfile

    folder = os.path.dirname(os.path.abspath(path))
    try:
        data = (text if text.endswith("\n") else text + "\n").encode("utf-8")
    except UnicodeEncodeError:
        raise cannot_write(path, "the text is not valid Unicode") from None
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if os.path.exists(path):
            os.chmod(temporary, os.stat(path).st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
        temporary = None
    except OSError as exc:
        raise cannot_write(path, exc.strerror or str(exc)) from None
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)


def cannot_write(path: str, reason: str) -> CommandError:
    """The error for an output file that cannot be written."""
    return CommandError(f"cannot write {path}: {reason}")


MAX_FILE_CHARS = 32 * 2**20
"""The longest file the command reads (32 Mi characters; a programme is well under 1 Mi)."""


def fail(exc: PlantarkitError) -> NoReturn:
    """Print ``exc`` to stderr, one ``error:`` line per problem, and exit with status 2."""
    if isinstance(exc, FileError):
        lines = [_in_file(file, problem) for file, problem in exc.problems]
    elif isinstance(exc, ValidationError):
        lines = [str(problem) for problem in exc.problems]
    else:
        lines = [str(exc)]
    for line in lines:
        print(f"error: {line}", file=sys.stderr)
    raise SystemExit(EXIT_BAD_INPUT)


def _text_of(file: IO[str]) -> str:
    try:
        text = file.read(MAX_FILE_CHARS + 1)
    except UnicodeDecodeError as exc:
        raise DocumentError(
            [Problem("$", f"not UTF-8 text: {exc.reason} at byte {exc.start}")]
        ) from None
    if len(text) > MAX_FILE_CHARS:
        raise DocumentError(
            [Problem("$", f"the file is larger than {MAX_FILE_CHARS:,} characters")]
        )
    return text


def read_many(file: IO[str], cls: type[T]) -> list[tuple[T, str]]:
    """Read a JSON array of documents (or bare data objects) of one type from a file.

    Returns:
        Each value with the JSON path of its data in the file (``$[2].data``).

    Raises:
        FileError: What is wrong, each problem named with the file and the item's path.
    """
    from plantarkit._core.checks import expected
    from plantarkit.io import from_document, parse_json, structure

    try:
        data = parse_json(_text_of(file))
        if not isinstance(data, list):
            raise DocumentError(
                [Problem("$", expected(f"an array of {cls.__name__} documents", data))]
            )
        values: list[tuple[T, str]] = []
        problems: list[Problem] = []
        for i, item in enumerate(typing.cast(list[object], data)):
            try:
                if isinstance(item, dict) and "type" not in item and "schema_version" not in item:
                    values.append((structure(item, cls), f"$[{i}]"))
                else:
                    values.append((from_document(item, cls), f"$[{i}].data"))
            except ValidationError as exc:
                problems += (p.under(f"$[{i}]") for p in exc.problems)
        if problems:
            raise DocumentError(problems)
        return values
    except ValidationError as exc:
        raise FileError((file_name(file), p) for p in exc.problems) from exc


def read(file: IO[str], cls: type[T], *, bare: bool = True) -> tuple[T, str]:
    """Read a value from a file holding a document, or (if ``bare``) its bare data object.

    Returns:
        The value, and the JSON path of its data in the file (``$.data`` in a
        document, ``$`` for bare data), to name problems found later.

    Raises:
        FileError: What is wrong, each problem named with the file.
    """
    from plantarkit.io import from_document, parse_json, structure

    try:
        data = parse_json(_text_of(file))
        if bare and isinstance(data, dict) and "type" not in data and "schema_version" not in data:
            return structure(data, cls), "$"
        return from_document(data, cls), "$.data"
    except ValidationError as exc:
        raise FileError((file_name(file), p) for p in exc.problems) from exc
