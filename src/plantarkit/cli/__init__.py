"""The ``plantarkit`` command: a thin shell around the library.

Needs the ``cli`` extra (click): ``pip install 'plantarkit[cli]'``; without it,
:func:`main` prints that hint and exits with status 2. Bad input, or an output
file that cannot be written, prints one line per problem to stderr (a problem
in an input file names the file, then the JSON path in it:
``log.json: $.data.day: ...``) and exits with status 2, without a traceback
(``--debug`` shows it). A positive red flag exits with status 3: ``assess``
reports it, ``plan`` and ``start`` make no programme, ``progress`` stops it.

As in hypothesis' ``hypothesis.extra.cli``, :func:`main` is the click group
itself when click is installed. The commands import the parts of the library
they use when they run, so ``plantarkit --help`` stays quick.
"""

import datetime
import os
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any, NoReturn, TypeVar

import plantarkit
from plantarkit._core.errors import (
    InvalidValueError,
    MissingDependencyError,
    ValidationError,
)
from plantarkit.cli._support import (
    EXIT_CODES,
    EXIT_REFERRAL,
    CommandError,
    exit_codes,
    fail,
    file_name,
    read,
)

if TYPE_CHECKING:
    from plantarkit import Program

__all__ = ["main"]

_F = TypeVar("_F", bound=Callable[..., Any])


try:
    import click
except ImportError:  # pragma: no cover - run in a subprocess by tests/test_cli.py
    # Type checkers run with click installed: for them ``main`` is the group below.
    if not TYPE_CHECKING:

        def main(*args: object, **kwargs: object) -> NoReturn:
            """Without click: say what to install, and exit with status 2."""
            fail(MissingDependencyError("click", "cli", "The plantarkit command"))

else:
    from plantarkit.cli._common import (
        Group as _Group,
    )
    from plantarkit.cli._common import (
        check_output as _check_output,
    )
    from plantarkit.cli._common import (
        in_files as _in_files,
    )
    from plantarkit.cli._common import (
        input_file as _input_file,
    )
    from plantarkit.cli._common import (
        make_program as _make_program,
    )
    from plantarkit.cli._common import (
        one_protocol as _one_protocol,
    )
    from plantarkit.cli._common import (
        program_options as _program_options,
    )
    from plantarkit.cli._common import (
        values as _values,
    )
    from plantarkit.cli._common import (
        write as _write,
    )
    from plantarkit.exercises import Equipment, PlantarLoad, Position, Region

    @click.group(
        cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES
    )
    @click.version_option(plantarkit.__version__, prog_name="plantarkit")
    @click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
    @click.pass_context
    def main(ctx: click.Context, debug: bool) -> None:
        """Plantar heel pain rehabilitation: exercises, doses and progressions."""
        ctx.obj = {"debug": debug}

    @main.command("catalogue")
    @click.option(
        "--region",
        type=click.Choice(_values(Region), case_sensitive=False),
        multiple=True,
        help="Body region (repeat).",
    )
    @click.option(
        "--max-plantar-load",
        type=click.Choice(_values(PlantarLoad), case_sensitive=False),
        help="Most foot load allowed.",
    )
    @click.option(
        "--equipment",
        type=click.Choice(_values(Equipment), case_sensitive=False),
        multiple=True,
        help="Equipment at hand (repeat); exercises needing anything else are left out.",
    )
    @click.option("--no-equipment", is_flag=True, help="Only exercises that need no equipment.")
    @click.option(
        "--position",
        type=click.Choice(_values(Position), case_sensitive=False),
        multiple=True,
        help="Position (repeat).",
    )
    @click.option("--tag", help="Only exercises with this tag.")
    @click.option("--source", help="Only exercises citing this source key.")
    @click.option("--json", "as_json", is_flag=True, help="Print a Catalogue JSON document.")
    def catalogue_cmd(
        region: tuple[str, ...],
        max_plantar_load: str | None,
        equipment: tuple[str, ...],
        no_equipment: bool,
        position: tuple[str, ...],
        tag: str | None,
        source: str | None,
        as_json: bool,
    ) -> None:
        """List the built-in exercises, optionally filtered."""
        cat = plantarkit.catalogue()
        chosen = cat.filter(
            region=region or None,
            max_plantar_load=max_plantar_load,
            equipment=() if no_equipment else (equipment or None),
            position=position or None,
            tag=tag,
            source=source,
        )
        if as_json:
            click.echo(plantarkit.dumps(cat.subset(e.id for e in chosen)))
            return
        from plantarkit.render import exercise_table

        click.echo(exercise_table(chosen))
        n_ladders = len(cat.subset(e.id for e in chosen).ladders)
        click.echo(
            f"\n{len(chosen)} of {len(cat)} exercises; {n_ladders} ladders."
            " Details: plantarkit show ID"
        )

    @main.command("show")
    @click.argument("exercise_id")
    @click.option("--json", "as_json", is_flag=True, help="Print an Exercise JSON document.")
    def show_cmd(exercise_id: str, as_json: bool) -> None:
        """Describe one exercise: dose, instructions, cues, ladders and sources."""
        cat = plantarkit.catalogue()
        exercise = cat[exercise_id]
        if as_json:
            click.echo(plantarkit.dumps(exercise))
            return
        from plantarkit.render import exercise_card

        click.echo(exercise_card(exercise, cat))

    @main.command(
        "assess",
        epilog=exit_codes("a red flag is positive: the report is printed, the referral first"),
    )
    @click.argument("file", type=_input_file(), required=False)
    @click.option("--example", is_flag=True, help="Assess the built-in example instead of FILE.")
    @click.option("--json", "as_json", is_flag=True, help="Print a ChainReport JSON document.")
    def assess_cmd(file: IO[str] | None, example: bool, as_json: bool) -> None:
        """Assess the kinetic chain from an Assessment JSON file ('-' reads stdin).

        FILE holds an Assessment document ({"type": "Assessment",
        "schema_version": 1, "data": {...}}) or just the data object. A
        positive red flag puts the referral first; the whole report is still
        printed, and the exit status is 3.
        """
        from plantarkit.chain import Assessment, assess, example_assessment

        if file is None and not example:
            raise CommandError("give an Assessment FILE ('-' reads stdin), or --example")
        if file is not None and example:
            raise CommandError("give an Assessment FILE or --example, not both")
        assessment = example_assessment() if file is None else read(file, Assessment)[0]
        report = assess(assessment)
        if as_json:
            click.echo(plantarkit.dumps(report))
        else:
            from plantarkit.render import chain_report_text

            click.echo(chain_report_text(report))
        if not report.program_allowed:
            raise SystemExit(EXIT_REFERRAL)

    @main.command(
        "plan", epilog=exit_codes("a red flag is positive: the referral is printed, no programme")
    )
    @_program_options
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "markdown", "html", "json", "ics"]),
        default="text",
        show_default=True,
        help="ics: an iCalendar file of the sessions (needs --start-date; plantarkit[ics]).",
    )
    @click.option(
        "--output",
        type=click.Path(),
        help="Write to this file instead of standard output (its folder must exist).",
    )
    def plan_cmd(
        assessment_file: IO[str] | None,
        protocol_id: str | None,
        protocol_file: IO[str] | None,
        weeks: int,
        start_date: datetime.datetime | None,
        fmt: str,
        output: str | None,
    ) -> None:
        """Build a week-by-week programme from an assessment and a protocol.

        With no options: the built-in example assessment and the 'staged'
        protocol. A positive red flag prints the referral and exits with 3:
        no programme is made.
        """
        from plantarkit import render

        _one_protocol(protocol_id, protocol_file)
        if fmt == "ics" and start_date is None:
            raise CommandError("--format ics needs --start-date (a calendar needs dates)")
        _check_output(output)
        program = _make_program(assessment_file, protocol_id, protocol_file, weeks, start_date)
        writers: dict[str, Callable[[Program], str]] = {
            "text": render.program_text,
            "markdown": render.program_markdown,
            "html": render.program_html,
            "json": plantarkit.dumps,
            "ics": render.program_ics,
        }
        _write(writers[fmt](program), output, f"{fmt}, {len(program.weeks)} weeks")

    @main.command(
        "start", epilog=exit_codes("a red flag is positive: the referral is printed, no state")
    )
    @_program_options
    @click.option(
        "--output",
        type=click.Path(),
        help="Write the state here instead of standard output (its folder must exist).",
    )
    @click.option(
        "--program-output",
        type=click.Path(),
        required=True,
        help=(
            "Write the Program (JSON) here: 'progress' needs it with the state"
            " (a state does not carry its programme)."
        ),
    )
    def start_cmd(
        assessment_file: IO[str] | None,
        protocol_id: str | None,
        protocol_file: IO[str] | None,
        weeks: int,
        start_date: datetime.datetime | None,
        output: str | None,
        program_output: str,
    ) -> None:
        """Write the Program and its first ProgramState (JSON), the programme chosen as for 'plan'.

        Store the programme once; pass it to 'progress' with the state after each session.
        """
        from plantarkit import start

        _one_protocol(protocol_id, protocol_file)
        _check_output(output)
        _check_output(program_output)
        if output is not None and os.path.realpath(output) == os.path.realpath(program_output):
            raise CommandError("--output and --program-output must be different files")
        program = _make_program(assessment_file, protocol_id, protocol_file, weeks, start_date)
        _write(plantarkit.dumps(program), program_output, "Program")
        _write(plantarkit.dumps(start(program)), output, "ProgramState")

    @main.command(
        "progress",
        epilog=exit_codes(
            "a red flag stopped the programme (the decisions are printed; the state is written"
            " unless --dry-run)"
        ),
    )
    @click.option(
        "--program",
        "program_file",
        type=_input_file(),
        required=True,
        help="The Program JSON the state was started from (from 'start --program-output').",
    )
    @click.option(
        "--state",
        "state_file",
        type=_input_file(),
        required=True,
        help="The current ProgramState JSON (from 'start' or 'progress').",
    )
    @click.option(
        "--log",
        "log_file",
        type=_input_file(),
        required=True,
        help="The SessionLog JSON of the session to record ('-' reads stdin).",
    )
    @click.option(
        "--output",
        type=click.Path(),
        help=(
            "Write the new ProgramState here (needed unless --dry-run; its folder must exist);"
            " may be the --state file."
        ),
    )
    @click.option(
        "--dry-run",
        is_flag=True,
        help="Only print the decisions: write no state, so the session is not recorded.",
    )
    @click.option(
        "--rules",
        "rules_file",
        type=_input_file(),
        help=(
            "EngineRules JSON: your own pain, progression and regression rules (a protocol's"
            " own rules come first unless the file sets protocol_rules to false)."
        ),
    )
    @click.option("--json", "as_json", is_flag=True, help="Print the Advance document.")
    def progress_cmd(
        program_file: IO[str],
        state_file: IO[str],
        log_file: IO[str],
        rules_file: IO[str] | None,
        output: str | None,
        dry_run: bool,
        as_json: bool,
    ) -> None:
        """Record a session: write the new state; print each decision with its reasons.

        Each file holds a document ({"type": "SessionLog", "schema_version": 1,
        "data": {...}}) or just the data object. The new state is written to
        --output (it may be the --state file) before anything is printed;
        --dry-run prints the decisions instead and writes nothing, so the
        session is not recorded. When a red flag stops the programme (this
        session or an earlier one not yet cleared), the decisions are printed
        and the exit status is 3; after a clinician's review, 'plantarkit
        clear-referral' lifts the stop.
        """
        from plantarkit import Action, EngineRules, Program, ProgramState, SessionLog, advance
        from plantarkit.render import advance_text

        if output is None and not dry_run:
            raise CommandError(
                "progress needs --output FILE to keep the new state (it may be the --state"
                " file), or --dry-run to only print the decisions"
            )
        if output is not None and dry_run:
            raise CommandError("give --output or --dry-run, not both")
        _check_output(output)
        program = read(program_file, Program)[0]
        state, state_root = read(state_file, ProgramState)
        log, log_root = read(log_file, SessionLog)
        rules = None if rules_file is None else read(rules_file, EngineRules)[0]
        try:
            result = advance(program, state, log, rules=rules)
        except ValidationError as exc:
            # advance() names the log's fields ($.day) and the state's ($.state.exercises):
            # name the file each is in, and its path there ($.data.day in a document).
            raise _in_files(exc, state=(state_file, state_root), log=(log_file, log_root)) from None
        if output is not None:  # saved first: nothing is shown that was not kept
            _write(plantarkit.dumps(result.state), output, "ProgramState")
        click.echo(plantarkit.dumps(result) if as_json else advance_text(result))
        stopped = result.phase.action is Action.STOP
        if output is None:
            if stopped:
                click.echo(
                    "stopped: a red flag is positive: see a clinician before going on", err=True
                )
            click.echo(
                f"dry run: nothing written ({file_name(state_file)} is unchanged); to record"
                " this session, run again with --output",
                err=True,
            )
        elif stopped:
            click.echo(
                "stopped: a red flag is positive. After a clinician's review:"
                f" plantarkit clear-referral --state {output} --by NAME",
                err=True,
            )
        if stopped:
            raise SystemExit(EXIT_REFERRAL)

    from plantarkit.cli._days import adherence_cmd, today_cmd

    main.add_command(today_cmd)
    main.add_command(adherence_cmd)

    @main.command("clear-referral", epilog=exit_codes())
    @click.option(
        "--state",
        "state_file",
        type=_input_file(),
        required=True,
        help="The ProgramState JSON that a red flag stopped ('-' reads stdin).",
    )
    @click.option(
        "--by",
        "cleared_by",
        required=True,
        help="Who cleared it after reviewing the person (kept in the state's cleared_by).",
    )
    @click.option(
        "--output",
        type=click.Path(),
        help="Write the cleared state here instead of standard output (may be the --state file).",
    )
    def clear_referral_cmd(state_file: IO[str], cleared_by: str, output: str | None) -> None:
        """Lift a red-flag stop after a clinician's review, recording who cleared it.

        Once a red flag is positive, 'progress' stops every exercise until the
        referral is cleared. Run this only after a clinician has seen the
        person and agreed that the programme may go on; the name given with
        --by is added to the state's cleared_by, so the state says who
        cleared it. A state with no referral is written unchanged.
        """
        from plantarkit import ProgramState, clear_referral

        _check_output(output)
        state, _ = read(state_file, ProgramState)
        try:
            cleared = clear_referral(state, cleared_by=cleared_by)
        except InvalidValueError as exc:
            raise CommandError(f"--by: {exc.reason}") from None
        _write(plantarkit.dumps(cleared), output, "ProgramState")
        if state.referral is None:
            click.echo("no red-flag referral in this state: nothing to clear", err=True)
        else:
            flags = ", ".join(f.finding for f in state.referral.flags)
            click.echo(f"referral cleared by {cleared_by} (red flag: {flags})", err=True)

    @main.command("protocols")
    def protocols_cmd() -> None:
        """List the built-in protocols with their phases and sources."""
        from plantarkit import protocols

        for p in protocols():
            click.echo(f"{p.id}: {p.name} [{', '.join(p.sources)}]")
            if p.summary:
                click.echo(f"    {p.summary}")
            for phase in p.phases:
                end = "ongoing" if phase.end_week is None else f"{phase.end_week}"
                weeks = (
                    f"weeks {phase.start_week}-{end}"
                    if end != "ongoing"
                    else f"from week {phase.start_week}"
                )
                click.echo(
                    f"  - {phase.id}: {phase.name} ({weeks}; foot load up to"
                    f" {phase.max_plantar_load.value}; {len(phase.slots)} items)"
                )
            click.echo("")

    @main.command("schema")
    @click.option("--type", "type_name", help="Only documents of this type (e.g. Catalogue).")
    def schema_cmd(type_name: str | None) -> None:
        """Print the JSON Schema of plantarkit documents."""
        import json

        from plantarkit.io import document_types

        types = document_types()
        if type_name is not None and type_name not in types:
            from plantarkit._core.text import similar

            close = similar(type_name, types, cutoff=0.75)
            known = "" if close else "known: " + ", ".join(sorted(types))
            raise plantarkit.UnknownIdError("document type", type_name, close, known)
        cls = types[type_name] if type_name is not None else None
        click.echo(json.dumps(plantarkit.json_schema(cls), indent=2, ensure_ascii=False))
