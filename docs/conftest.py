"""Run the examples in the Markdown documentation as tests (with sybil).

Every ```` ```python ```` block in ``docs/*.md`` runs. Write examples as doctests:
each ``>>>`` line runs, and what it shows must match the lines below it (a block
without ``>>>`` would only be run, its output unchecked). The blocks of one page
share a namespace, top to bottom, like a notebook. A ``% skip: next`` comment
before a block skips it.

Every ```` ```console ```` block runs too, as a shell session in a temporary
folder that the console blocks of one page share, top to bottom (so a later
block can use a file an earlier one wrote). Each line starting with ``$ `` is a
command (split like a shell does, ``#`` starts a comment); the lines up to the
next ``$ `` are what it shows. Three commands run:

- ``$ plantarkit ARGS...`` runs the command in-process. What it shows is its
  standard output and error, interleaved as a terminal shows them, compared as
  doctest compares: ``...`` matches anything (several lines too) and runs of
  whitespace are equal. A command followed by no lines is run but its output is
  not checked. A trailing ``> FILE`` writes standard output to FILE instead.
  The command must exit with status 0 unless the next command is ``$ echo $?``.
- ``$ echo $?`` shows the exit status of the command before it.
- ``$ cat FILE`` creates FILE: the lines below it are its content (the page
  shows the file; the test writes it).

Any other command (``pip install``, say) fails the test: mark such a block
``% skip: next``, with a comment saying why.
"""

import doctest
import io
import shlex
import tempfile
from collections.abc import Iterator
from contextlib import chdir, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

from sybil import Example, Sybil
from sybil.parsers.myst import CodeBlockParser, PythonCodeBlockParser, SkipParser

OPTIONS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

# The HTML build copies the pages to _build/html/_sources/*.md.txt, and pytest's doctest
# plugin collects any test*.txt file (testing.md.txt) on its own.
collect_ignore_glob = ["_build/*"]

_FOLDER = "_console_folder"  # the page's temporary folder, kept in its namespace


def _register_strategies(namespace: dict[str, Any]) -> None:
    """Do what hypothesis' entry point does for an installed plantarkit.

    From a source checkout (``PYTHONPATH=src``) the entry point is not installed, and
    ``st.from_type(plantarkit.Exercise)`` in testing.md would not know the strategies.
    Registering them twice is harmless.
    """
    from plantarkit import testing

    testing.register()


def _remove_folder(namespace: dict[str, Any]) -> None:
    folder = namespace.pop(_FOLDER, None)
    if folder is not None:
        folder.cleanup()


def _steps(source: str) -> Iterator[tuple[str, list[str], str]]:
    """Each command of a console block: as written, split into words, and what it shows."""
    command: str | None = None
    shown: list[str] = []
    for line in [*source.splitlines(), "$ "]:  # a last, empty command ends the last one
        if line.startswith("$ "):
            if command is not None:
                yield command, shlex.split(command, comments=True), "\n".join(shown)
            command, shown = line[2:], []
        elif command is None:
            raise ValueError(f"console block: text before the first '$ ' command: {line!r}")
        else:
            shown.append(line)


def _plantarkit(args: list[str]) -> tuple[int, str]:
    """Run ``plantarkit ARGS [> FILE]``: its exit status, and what a terminal shows."""
    from plantarkit.cli import main

    target = args[-1] if len(args) >= 2 and args[-2] == ">" else None
    args = args[:-2] if target is not None else args
    shown = io.StringIO()
    out = shown if target is None else io.StringIO()
    with redirect_stdout(out), redirect_stderr(shown):
        try:
            main(args)
            status = 0
        except SystemExit as exit_:
            status = 0 if exit_.code is None else exit_.code if isinstance(exit_.code, int) else 1
    if target is not None:
        Path(target).write_text(out.getvalue(), encoding="utf-8")
    return status, shown.getvalue()


def _evaluate_console(example: Example) -> str | None:
    """Run a console block's commands; describe the first mismatch, if any."""
    if _FOLDER not in example.namespace:
        example.namespace[_FOLDER] = tempfile.TemporaryDirectory(prefix="plantarkit-docs-")
    checker = doctest.OutputChecker()
    steps = list(_steps(example.parsed))
    status = 0
    with chdir(example.namespace[_FOLDER].name):
        for i, (command, words, want) in enumerate(steps):
            if len(words) == 2 and words[0] == "cat":
                Path(words[1]).write_text(want.strip("\n") + "\n", encoding="utf-8")
                status = 0
                continue
            if words == ["echo", "$?"]:
                got, status = f"{status}\n", 0
            elif words[:1] == ["plantarkit"]:
                status, got = _plantarkit(words[1:])
                shows_status = i + 1 < len(steps) and steps[i + 1][1] == ["echo", "$?"]
                if status != 0 and not shows_status:
                    return f"$ {command}\nexited with status {status} (show it: $ echo $?)\n{got}"
                if not want.strip():
                    continue  # shown without output: only run
            else:
                return f"$ {command}\ncannot run this command here: mark the block % skip: next"
            want += "\n"
            if not checker.check_output(want, got, OPTIONS):
                return f"$ {command}\n" + checker.output_difference(
                    doctest.Example(command, want), got, OPTIONS
                )
    return None


pytest_collect_file = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=OPTIONS),
        CodeBlockParser("console", _evaluate_console),
        SkipParser(),
    ],
    patterns=["*.md"],
    setup=_register_strategies,
    teardown=_remove_folder,
).pytest()
