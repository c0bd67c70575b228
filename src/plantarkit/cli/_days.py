"""The commands of a patient's days: today's session, adherence and alerts."""

import datetime
from typing import IO

import click

import plantarkit
from plantarkit._core.errors import ValidationError
from plantarkit.cli._common import in_files, input_file
from plantarkit.cli._support import (
    EXIT_REFERRAL,
    CommandError,
    FileError,
    exit_codes,
    read,
    read_many,
)

__all__ = ["adherence_cmd", "today_cmd"]


@click.command("today", epilog=exit_codes())
@click.option(
    "--program",
    "program_file",
    type=input_file(),
    required=True,
    help="The Program JSON the state was started from.",
)
@click.option(
    "--state",
    "state_file",
    type=input_file(),
    required=True,
    help="The current ProgramState JSON ('-' reads stdin).",
)
@click.option(
    "--day",
    type=click.IntRange(1),
    help="The programme day (default: the day after the last one logged).",
)
@click.option(
    "--date",
    "on_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The calendar date instead of --day (the programme needs a start date).",
)
@click.option("--rules", "rules_file", type=input_file(), help="EngineRules JSON.")
@click.option("--json", "as_json", is_flag=True, help="Print the Today document.")
def today_cmd(
    program_file: IO[str],
    state_file: IO[str],
    day: int | None,
    on_date: datetime.datetime | None,
    rules_file: IO[str] | None,
    as_json: bool,
) -> None:
    """Show one day's session: the exercises due at their current doses, and why.

    Read from the state, not from the programme's plan: doses moved on or eased
    off by 'progress' are what it shows. On a rest day nothing is due and each
    exercise says why; after a red flag nothing is due (exit status 3).
    """
    from plantarkit import EngineRules, Program, ProgramState
    from plantarkit.progression import today
    from plantarkit.render import today_text

    if day is not None and on_date is not None:
        raise CommandError("give --day or --date, not both")
    program = read(program_file, Program)[0]
    state, state_root = read(state_file, ProgramState)
    rules = None if rules_file is None else read(rules_file, EngineRules)[0]
    try:
        if on_date is not None:
            day = program.day_of(on_date.date())
        result = today(program, state, state.day + 1 if day is None else day, rules=rules)
    except ValidationError as exc:
        raise in_files(exc, state=(state_file, state_root)) from None
    click.echo(plantarkit.dumps(result) if as_json else today_text(result))
    if result.stopped is not None:
        raise SystemExit(EXIT_REFERRAL)


@click.command("adherence", epilog=exit_codes())
@click.option(
    "--program",
    "program_file",
    type=input_file(),
    required=True,
    help="The Program JSON the sessions were logged against.",
)
@click.option(
    "--history",
    "history_file",
    type=input_file(),
    required=True,
    help=(
        "A JSON array of the person's SessionLog documents (or bare data objects), in"
        " order of day ('-' reads stdin)."
    ),
)
@click.option(
    "--first",
    "first_file",
    type=input_file(),
    help="The ProgramState the first log was recorded against (default: the first state).",
)
@click.option(
    "--through-day",
    type=click.IntRange(1),
    help="Count up to this day (default: the last logged day); pass today's day.",
)
@click.option("--rules", "rules_file", type=input_file(), help="EngineRules JSON.")
@click.option("--json", "as_json", is_flag=True, help="Print the Adherence document.")
def adherence_cmd(
    program_file: IO[str],
    history_file: IO[str],
    first_file: IO[str] | None,
    through_day: int | None,
    rules_file: IO[str] | None,
    as_json: bool,
) -> None:
    """Adherence and alerts: what was prescribed and done, per week and exercise.

    The logs are replayed from the first state (as 'progress' recorded them), so
    the history file needs only the logs. Alerts (missed sessions, a long gap,
    pain above the limit, morning pain rising, a red-flag stop) follow the tables.
    """
    from plantarkit import (
        Advance,
        EngineRules,
        Program,
        ProgramState,
        SessionLog,
        advance,
        start,
    )
    from plantarkit.progression import adherence, alerts
    from plantarkit.render import adherence_text

    program = read(program_file, Program)[0]
    first = start(program) if first_file is None else read(first_file, ProgramState)[0]
    rules = None if rules_file is None else read(rules_file, EngineRules)[0]
    logs = read_many(history_file, SessionLog)
    state = first
    advances: list[Advance] = []
    for log, root in logs:
        try:
            result = advance(program, state, log, rules=rules)
        except ValidationError as exc:
            raise in_files(exc, log=(history_file, root)) from None
        advances.append(result)
        state = result.state
    sessions = [log for log, _ in logs]
    try:
        kept = adherence(program, sessions, advances, first=first, through_day=through_day)
        found = alerts(program, sessions, advances, first=first, through_day=through_day)
    except ValidationError as exc:
        raise FileError((None, p) for p in exc.problems) from None
    if as_json:
        click.echo(plantarkit.dumps(kept))
        return
    click.echo(adherence_text(kept))
    click.echo("\nAlerts:" if found else "\nNo alerts.")
    for alert in found:
        click.echo(f"- {alert}")
