"""A programme's sessions as an iCalendar file, for the calendar apps people train with."""

import datetime
import importlib
from typing import TYPE_CHECKING, Any

from plantarkit._core.errors import InvalidValueError, MissingDependencyError
from plantarkit.render._checks import need

if TYPE_CHECKING:
    from plantarkit.plans import Program


def _import_icalendar() -> Any:
    try:
        return importlib.import_module("icalendar")
    except ImportError:
        raise MissingDependencyError("icalendar", "ics", "plan --format ics") from None


def program_ics(program: "Program") -> str:
    """The programme's sessions as iCalendar text: one all-day event per training day.

    Each event is named after the programme and the day's exercises; its
    description lists each exercise with its dose. Event ids are built from the
    programme's fingerprint, week and day, so writing the same programme again
    updates the events in a calendar rather than adding copies. The file is the
    same for the same programme (its time stamp is the start date, not the clock).

    Raises:
        InvalidValueError: ``program`` is not a Program, or has no start date.
        MissingDependencyError: icalendar is not installed (``plantarkit[ics]``).
    """
    from plantarkit.plans import Program

    need(program, Program, "$")
    if program.start_date is None:
        raise InvalidValueError(
            "$.start_date", "a calendar needs dates: build the programme with a start date"
        )
    ical = _import_icalendar()
    calendar = ical.Calendar()
    calendar.add("prodid", "-//plantarkit//programme//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"plantarkit: {program.protocol.name}")
    stamp = datetime.datetime.combine(program.start_date, datetime.time(), datetime.UTC)
    for session in program.sessions():
        assert session.date is not None  # a programme with a start date dates every session
        names = [program.exercise(item.exercise).name for item in session.items]
        event = ical.Event()
        event.add("uid", f"{program.fingerprint}-w{session.week}-d{session.day}@plantarkit")
        event.add("dtstamp", stamp)
        event.add("dtstart", session.date)
        event.add("dtend", session.date + datetime.timedelta(days=1))
        event.add("summary", f"Heel rehab, week {session.week}: {len(names)} exercises")
        lines = [
            f"{program.exercise(item.exercise).name}: {item.dose.brief()}"
            + (f" ({item.side.value} side)" if item.side is not None else "")
            for item in session.items
        ]
        event.add("description", "\n".join(lines))
        calendar.add_component(event)
    text: bytes = calendar.to_ical()
    return text.decode("utf-8")
