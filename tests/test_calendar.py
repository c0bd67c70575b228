"""A programme as an iCalendar file: one all-day event per session, stable ids, clear errors."""

import datetime
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import plantarkit
from plantarkit import InvalidValueError, MissingDependencyError, render

icalendar = pytest.importorskip("icalendar")

START = datetime.date(2026, 3, 2)


def test_every_session_is_an_all_day_event_on_its_date() -> None:
    program = plantarkit.build_program(None, "staged", weeks=4, start_date=START)
    calendar = icalendar.Calendar.from_ical(render.program_ics(program))
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == program.total_sessions
    sessions = program.sessions()
    for event, session in zip(events, sessions, strict=True):
        assert event.decoded("dtstart") == session.date
        assert event.decoded("dtend") == session.date + datetime.timedelta(days=1)
        description = str(event.get("description"))
        for item in session.items:
            assert f"{program.exercise(item.exercise).name}: {item.dose.brief()}" in description
    assert len({str(e.get("uid")) for e in events}) == len(events)


def test_the_same_programme_gives_the_same_file() -> None:
    one = plantarkit.build_program(None, "high_load", weeks=2, start_date=START)
    two = plantarkit.build_program(None, "high_load", weeks=2, start_date=START)
    assert render.program_ics(one) == render.program_ics(two)
    moved = plantarkit.build_program(None, "high_load", weeks=2, start_date=START.replace(day=9))
    assert render.program_ics(moved) != render.program_ics(one)


def test_a_programme_without_dates_cannot_be_a_calendar() -> None:
    program = plantarkit.build_program(None, "high_load", weeks=1)
    with pytest.raises(InvalidValueError, match=r"\$\.start_date: a calendar needs dates"):
        render.program_ics(program)
    with pytest.raises(InvalidValueError, match=r"\$: expected a Program"):
        render.program_ics("programme")  # type: ignore[arg-type]  # on purpose


def test_without_icalendar_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)  # import icalendar now fails
    program = plantarkit.build_program(None, "high_load", weeks=1, start_date=START)
    with pytest.raises(MissingDependencyError, match=r"plantarkit\[ics\]"):
        render.program_ics(program)


def test_plan_writes_an_ics_file(cli: Callable[..., tuple[int, str, str]], tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    code, _, err = cli(
        "plan",
        "--format",
        "ics",
        "--start-date",
        "2026-03-02",
        "--weeks",
        "2",
        "--output",
        str(target),
    )
    assert code == 0, err
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert len([c for c in calendar.walk() if c.name == "VEVENT"]) > 0
    code, out, err = cli("plan", "--format", "ics")
    assert (code, out) == (2, "")
    assert err == "error: --format ics needs --start-date (a calendar needs dates)\n"
