"""What the ``plantarkit`` commands share: one-line errors, input files, output, programme options.

Imported by :mod:`plantarkit.cli` only when click is installed.
"""

import datetime
import errno
import os
import sys
from collections.abc import Callable, Sequence
from enum import Enum
from typing import IO, TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from plantarkit._core.errors import PlantarkitError, Problem, ValidationError, join_path
from plantarkit.cli._support import (
    EXIT_REFERRAL,
    CommandError,
    FileError,
    cannot_write,
    fail,
    file_name,
    read,
    write_atomically,
)

if TYPE_CHECKING:
    from plantarkit import Program

_F = TypeVar("_F", bound=Callable[..., Any])

__all__ = [
    "Group",
    "check_output",
    "in_files",
    "input_file",
    "make_program",
    "one_protocol",
    "program_options",
    "usage_error",
    "values",
    "write",
]


NOT_THE_LOG = ("$.state", "$.program", "$.rules", "$.catalogue")
"""Paths of an engine error that name an argument other than the session log."""


def in_files(
    exc: ValidationError,
    *,
    state: tuple[IO[str], str] | None = None,
    log: tuple[IO[str], str] | None = None,
) -> FileError:
    """The engine's problems, each named with the file it is in and its path there.

    ``state`` and ``log`` are a file and the JSON path of its data (``$.data`` in a
    document): ``$.state...`` problems go to the state's file, the log's fields
    (anything not about another argument) to the log's; the rest name no file.
    """
    where: list[tuple[str | None, Problem]] = []
    for p in exc.problems:
        if state is not None and p.path.startswith("$.state"):
            path = join_path(state[1], p.path.removeprefix("$.state"))
            where.append((file_name(state[0]), Problem(path, p.message)))
        elif log is not None and not p.path.startswith(NOT_THE_LOG):
            where.append((file_name(log[0]), p.under(log[1])))
        else:
            where.append((None, p))
    return FileError(where)


def check_output(path: str | None) -> None:
    """Fail before any work is done if ``path`` clearly cannot be written.

    The folder must exist and be writable, and the path must not be a folder.
    Writing can still fail later (a full disk): ``write`` reports that too.
    """
    if path is None:
        return
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        code = errno.EISDIR
    elif not os.path.exists(folder):
        code = errno.ENOENT
    elif not os.path.isdir(folder):
        code = errno.ENOTDIR
    elif not os.access(path if os.path.exists(path) else folder, os.W_OK):
        code = errno.EACCES
    else:
        return
    raise cannot_write(path, os.strerror(code))


class Group(click.Group):
    """The ``plantarkit`` group: its errors are told in one line each.

    It is named ``plantarkit`` in usage lines however it is run (``python
    -m plantarkit``, a test), and a :class:`~plantarkit.PlantarkitError`
    from a command prints one ``error:`` line per problem and exits with
    status 2; with ``--debug`` it propagates, with its traceback.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command with ``args`` (default: ``sys.argv[1:]``)."""
        argv = list(sys.argv[1:] if args is None else args)
        if not standalone_mode:  # a caller that handles click's exceptions itself
            return super().main(argv, prog_name or "plantarkit", complete_var, False, **extra)
        try:
            super().main(argv, prog_name or "plantarkit", complete_var, False, **extra)
        except PlantarkitError as exc:
            if "--debug" in argv:
                raise
            fail(exc)
        except click.exceptions.Exit as done:
            raise SystemExit(done.exit_code) from None
        except click.Abort:
            click.echo("Aborted!", err=True)
            raise SystemExit(1) from None
        except click.ClickException as exc:  # a bad option, a missing file: one line
            usage_error(exc)
        raise SystemExit(0)


def usage_error(exc: click.ClickException) -> NoReturn:
    """Say what is wrong with the command line in one line, and where help is."""
    message = exc.format_message()
    context = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and context is not None:
        message += f" (see '{context.command_path} --help')"
    click.echo(f"error: {message}", err=True)
    raise SystemExit(exc.exit_code)


def values(enum: type[Enum]) -> list[str]:
    """The values of ``enum``, for a ``click.Choice``."""
    return [m.value for m in enum]


def input_file() -> click.File:
    """An input file option's type: UTF-8 text, opened when read; ``-`` is stdin."""
    return click.File("r", encoding="utf-8", lazy=True)


def write(text: str, output: str | None, what: str) -> None:
    """Print ``text``, or write it to ``output`` and say so on stderr."""
    if output is None:
        click.echo(text)
        return
    write_atomically(output, text)
    click.echo(f"wrote {output} ({what})", err=True)


def program_options(f: _F) -> _F:
    """The options that choose a programme (shared by plan and start)."""
    options = (
        click.option(
            "--assessment",
            "assessment_file",
            type=input_file(),
            help="Assessment JSON file ('-' reads stdin); default: the built-in example.",
        ),
        click.option(
            "--protocol",
            "protocol_id",
            help="Protocol id (see: plantarkit protocols); default: staged.",
        ),
        click.option(
            "--protocol-file",
            type=input_file(),
            help="Your own Protocol JSON document (instead of --protocol).",
        ),
        click.option("--weeks", type=click.IntRange(1, 104), default=12, show_default=True),
        click.option(
            "--start-date",
            type=click.DateTime(formats=["%Y-%m-%d"]),
            help="Date of day 1 (YYYY-MM-DD); sessions then show dates.",
        ),
    )
    for option in reversed(options):
        f = option(f)
    return f


def one_protocol(protocol_id: str | None, protocol_file: IO[str] | None) -> None:
    """Refuse --protocol with --protocol-file (one of them would be ignored)."""
    if protocol_id is not None and protocol_file is not None:
        raise CommandError("give --protocol or --protocol-file, not both")


def make_program(
    assessment_file: IO[str] | None,
    protocol_id: str | None,
    protocol_file: IO[str] | None,
    weeks: int,
    start_date: datetime.datetime | None,
) -> "Program":
    from plantarkit import Protocol, ProtocolError, ReferralRequiredError, build_program
    from plantarkit.chain import Assessment, example_assessment

    assessment = (
        example_assessment() if assessment_file is None else read(assessment_file, Assessment)[0]
    )
    protocol: Protocol | str = protocol_id or "staged"
    protocol_root = "$.data"
    if protocol_file is not None:
        protocol, protocol_root = read(protocol_file, Protocol, bare=False)
    try:
        return build_program(
            assessment,
            protocol,
            weeks=weeks,
            start_date=None if start_date is None else start_date.date(),
        )
    except ProtocolError as exc:
        if protocol_file is None:
            raise
        name = file_name(protocol_file)
        raise FileError((name, p.under(protocol_root)) for p in exc.problems) from exc
    except ReferralRequiredError as exc:
        click.echo("NO PROGRAMME: a red flag is positive.", err=True)
        click.echo(str(exc.referral), err=True)
        raise SystemExit(EXIT_REFERRAL) from None
