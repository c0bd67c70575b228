"""Programme days, weeks and weekdays: day 1 is the first day of week 1, weeks have 7 days.

Dates come in only through a programme's ``start_date`` (day 1):
:meth:`plantarkit.Program.day_of` and :meth:`plantarkit.Program.date_of`.
"""

from plantarkit._core.checks import LAST_DAY
from plantarkit._core.errors import InvalidValueError

__all__ = ["day_number", "week_and_weekday"]


def _whole(value: object, low: int, high: int, path: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise InvalidValueError(
            path, f"expected a whole number from {low} to {high}, got {value!r}"
        )
    return value


def week_and_weekday(day: int) -> tuple[int, int]:
    """The programme week and the day of that week (both counted from 1) of a programme day.

    >>> week_and_weekday(1), week_and_weekday(7), week_and_weekday(8)
    ((1, 1), (1, 7), (2, 1))

    Raises:
        InvalidValueError: ``day`` is not a whole number from 1 to ``LAST_DAY``.
    """
    _whole(day, 1, LAST_DAY, "$.day")
    return (day - 1) // 7 + 1, (day - 1) % 7 + 1


def day_number(week: int, weekday: int) -> int:
    """The programme day of a week's day (both counted from 1), as :func:`week_and_weekday` reads.

    >>> day_number(2, 1)
    8

    Raises:
        InvalidValueError: ``weekday`` is not 1 to 7, or the day is past ``LAST_DAY``.
    """
    _whole(week, 1, (LAST_DAY + 6) // 7, "$.week")
    _whole(weekday, 1, 7, "$.weekday")
    return _whole((week - 1) * 7 + weekday, 1, LAST_DAY, "$.day")
