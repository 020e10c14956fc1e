"""Weekdays against the calendar a source used.

Dates are counted in the proleptic Gregorian calendar (see the README's Dates), so a date
copied from a source before the Gregorian reform keeps its numbers.  Such sources use the Julian
calendar, in which the same numbers fall on another weekday (``Monday 25 September 1066`` is
the battle of Stamford Bridge; the proleptic Gregorian 25 September 1066 is a Tuesday).  So
before 15 October 1582, the first Gregorian day, a weekday that matches the date in either
calendar is accepted; after it only the Gregorian one is.  A mismatch says which calendars
were checked.
"""

from __future__ import annotations

from .datemodel import MONTH_NAME, WEEKDAYS, DateError, day_number, from_day_number, year_text

__all__ = ["REFORM", "check_weekday", "julian_weekday"]

#: The first day of the Gregorian calendar: 15 October 1582 (year, month, day).
REFORM = (1582, 10, 15)
#: The year after the last country to leave the Julian calendar left it (Greece, in 1923): later
#: than that, a weekday that happens to be the Julian one is no sign of that calendar.
LAST_JULIAN_YEAR = 1924


def julian_weekday(year: int, month: int, day: int) -> int:
    """The weekday (Monday 0) of a date in the Julian calendar (astronomical years: 0 is 1 BC)."""
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    jdn = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return jdn % 7  # the Julian day 0 was a Monday


def check_weekday(weekday: int, year: int, month: int, day: int, text: str) -> None:
    """:class:`DateError` unless ``weekday`` (Monday 0) is the day's, in ``text``."""
    gregorian = (day_number(year, month, day) - 1) % 7
    if weekday == gregorian:
        return
    julian = julian_weekday(year, month, day)
    said = f"{WEEKDAYS[weekday]} does not match {day} {MONTH_NAME[month]} {year_text(year)}"
    if (year, month, day) < REFORM:
        if weekday == julian:
            return
        raise DateError(
            f"{said}, which is a {WEEKDAYS[gregorian]} in the (proleptic) Gregorian calendar and a "
            f"{WEEKDAYS[julian]} in the Julian calendar (date {text!r})"
        )
    also = ""
    if weekday == julian and year < LAST_JULIAN_YEAR:
        also = (
            f"; it is a {WEEKDAYS[julian]} in the Julian calendar, which some countries kept after "
            "1582: write the date as the Gregorian calendar numbers it"
        )
    n = day_number(year, month, day)
    ahead = (weekday - gregorian) % 7  # the nearest days that are that weekday, before and after
    near = [from_day_number(n - (7 - ahead)), from_day_number(n + ahead)]
    choices = " or ".join(f"{WEEKDAYS[weekday]} {d} {MONTH_NAME[m]} {year_text(y)}" for y, m, d in near)
    raise DateError(
        f"{said}, which is a {WEEKDAYS[gregorian]} in the Gregorian calendar{also} (date {text!r}); "
        f"write {WEEKDAYS[gregorian]} {day} {MONTH_NAME[month]} {year_text(year)}, or {choices}"
    )
