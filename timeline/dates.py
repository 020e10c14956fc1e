"""Dates as chronologies write them: parsing, display, ordering and lengths.

A :class:`FuzzyDate` is what one written date says, with every part its writer
gave and nothing more: a decade, a year, a quarter or season, a month, a day,
a time of day with its offset, an ``early``/``mid``/``late`` qualifier, and
the EDTF markers for approximate (``~``) and uncertain (``?``).  It covers an
interval of days (``2023`` is the whole year, ``early 2023-07`` is 1–10 July)
and orders by that interval, so the order is total and stable whatever the
precision.  A :class:`Span` is one date or a range from a start to an end.

Nothing is guessed.  The grammar is explicit (ISO 8601 and EDTF forms first,
then the natural forms listed in the README); anything else is refused with a
one-line :class:`DateError` that shows the accepted spelling.  Numeric forms
that could be read day-first or month-first (``12/7/1941``) are refused, a
weekday that does not match the date is refused, and so is a zone abbreviation
(``AMT`` is both Armenia and Amazon time).

Years follow ISO 8601's astronomical numbering, as EDTF does: ``0000`` is
1 BC and ``-0299`` is 300 BC.  ``dt.date`` cannot hold those years, so days are
counted by :func:`day_number` (the proleptic Gregorian calendar, the same count
as ``dt.date.toordinal`` for the years 1–9999, extended backwards).

Why a hand-written grammar and not the ``edtf`` or ``undate`` packages: both
read EDTF well, but a plain ``2023-07-05`` takes them milliseconds (about
5 ms and 2 ms, against microseconds here), which at 100,000 events is minutes
on the loader's hot path; neither reads the natural forms (``300 BC``,
``20 September 2023, 1 pm``) or displays dates that read back.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass, field, replace
from enum import IntEnum
from functools import lru_cache
from typing import TypedDict

__all__ = [
    "DateError",
    "FuzzyDate",
    "Precision",
    "Span",
    "check_zone",
    "day_number",
    "from_day_number",
    "make_date",
    "parse_date",
    "parse_when",
    "year_text",
    "zone_dependent",
]


class DateError(ValueError):
    """A date string that cannot be read; the message is one line for the user."""


class _TwoWays(DateError):
    """A value two readings fit (``2022-23``: autumn 2022 in EDTF, or the years 2022–2023)."""


class Precision(IntEnum):
    DECADE = 0
    YEAR = 1
    SEASON = 2  # a quarter or a season
    MONTH = 3
    DAY = 4
    TIME = 5  # a day with a time of day


#: Oldest and newest astronomical years (ISO 8601 four-digit years; -9999 is 10000 BC).
MIN_YEAR, MAX_YEAR = -9999, 9999

_MONTH_ABBR = [""] + [calendar.month_abbr[i] for i in range(1, 13)]
_MONTH_NAME = [""] + [calendar.month_name[i] for i in range(1, 13)]
_WEEKDAYS = [calendar.day_name[i] for i in range(7)]

#: EDTF season codes (21–24) and sub-year groupings for quarters (33–36), with the months they
#: cover.  Seasons are the northern hemisphere's meteorological seasons; winter Y starts in
#: December of Y and runs into February of Y+1, as EDTF's code 24 starts in December.
_PART_MONTHS = {
    21: (3, 5),
    22: (6, 8),
    23: (9, 11),
    24: (12, 14),
    33: (1, 3),
    34: (4, 6),
    35: (7, 9),
    36: (10, 12),
}
_SEASON_NAME = {21: "spring", 22: "summer", 23: "autumn", 24: "winter"}
_SEASON_CODE = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}

#: Ticks: a day is 86,402 slots, so that a date without a time (slot 0 and slot 86,401) sorts
#: before and ends after every time on its day (slot 1 + seconds since midnight).
_SLOTS = 86402
_CYCLE_DAYS = 146097  # days in 400 Gregorian years
_MAX_ORDINAL = dt.date.max.toordinal()


# -- day numbers ----------------------------------------------------------------------


def _shift(year: int) -> int:
    """How many 400-year cycles to add to ``year`` to bring it into ``dt.date``'s range."""
    if year < 1:
        return (400 - year) // 400
    return 0 if year <= 9999 else -((year - 9999 + 399) // 400)


def day_number(year: int, month: int, day: int) -> int:
    """The proleptic Gregorian day number: ``dt.date(y, m, d).toordinal()``, for any year."""
    k = _shift(year)
    return dt.date(year + 400 * k, month, day).toordinal() - k * _CYCLE_DAYS


def from_day_number(n: int) -> tuple[int, int, int]:
    """The (astronomical year, month, day) of day number ``n``; the inverse of :func:`day_number`."""
    if n < 1:
        k = (-n) // _CYCLE_DAYS + 1
    elif n > _MAX_ORDINAL:
        k = -((n - _MAX_ORDINAL) // _CYCLE_DAYS + 1)
    else:
        k = 0
    d = dt.date.fromordinal(n + k * _CYCLE_DAYS)
    return d.year - 400 * k, d.month, d.day


def _month_days(year: int, month: int) -> int:
    return calendar.monthrange(year + 400 * _shift(year), month)[1]


def year_text(year: int) -> str:
    """A year as displayed: ``2023``, ``602``, ``50 AD``, ``300 BC`` (astronomical ``-299``)."""
    if year >= 100:
        return str(year)
    if year >= 1:
        return f"{year} AD"
    return f"{1 - year} BC"


# -- time zones -----------------------------------------------------------------------


@lru_cache(maxsize=64)
def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


def check_zone(name: str) -> str:
    """``name`` if it is an IANA time zone (``Asia/Baku``, ``UTC``); else a :class:`DateError`."""
    try:
        _zone(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise DateError(
            f"unknown time zone {name!r}: use an IANA name such as Asia/Baku, Europe/Moscow or UTC"
        ) from exc
    return name


def _offset_text(minutes: int) -> str:
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    h, m = divmod(abs(minutes), 60)
    return f"{sign}{h:02d}:{m:02d}"


def _iso_offset(minutes: int) -> str:
    return "Z" if minutes == 0 else _offset_text(minutes)


# -- the date -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A date as written: decade, year, quarter/season, month or day, maybe a time; maybe qualified.

    ``year`` is astronomical (0 is 1 BC).  ``part`` is an EDTF code: 21–24 the seasons, 33–36
    the quarters.  ``offset`` is the written UTC offset in minutes (None: none written);
    ``zone`` is the timeline's IANA zone (set by the loader), in which times are ordered and
    shown.  ``first_day``/``last_day`` are the interval's day numbers (see :func:`day_number`),
    ``first_tick``/``last_tick`` the same to the second, for ordering.
    """

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: str | None = None  # "early" | "mid" | "late" (decade, year or month precision)
    approximate: bool = False  # EDTF "~"
    uncertain: bool = False  # EDTF "?"
    decade: bool = False  # the decade starting at ``year``
    part: int | None = None  # EDTF season (21–24) or quarter (33–36)
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    offset: int | None = None  # minutes east of UTC, as written
    zone: str | None = None
    first_day: int = field(init=False, compare=False, repr=False)
    last_day: int = field(init=False, compare=False, repr=False)
    first_tick: int = field(init=False, compare=False, repr=False)
    last_tick: int = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        setattr_ = object.__setattr__
        if self.hour is None:
            lo, hi = self._day_bounds()
            setattr_(self, "first_day", lo)
            setattr_(self, "last_day", hi)
            setattr_(self, "first_tick", lo * _SLOTS)
            setattr_(self, "last_tick", hi * _SLOTS + _SLOTS - 1)
            return
        total = self._frame_seconds()
        day, sec = divmod(total, 86400)
        # The day is the one shown: as written, unless the time is shown converted into the
        # timeline's zone. The ticks order by the instant (a time with an offset, in UTC).
        shown = self._wall_seconds() // 86400 if self.offset is not None and not self._converted else day
        setattr_(self, "first_day", shown)
        setattr_(self, "last_day", shown)
        setattr_(self, "first_tick", day * _SLOTS + sec + 1)
        setattr_(self, "last_tick", day * _SLOTS + sec + 1)

    # -- bounds ---------------------------------------------------------
    def _day_bounds(self) -> tuple[int, int]:
        y, m, d, q = self.year, self.month, self.day, self.qualifier
        if d is not None and m is not None:
            n = day_number(y, m, d)
            return n, n
        if m is not None:
            last = _month_days(y, m)
            lo, hi = {None: (1, last), "early": (1, 10), "mid": (11, 20), "late": (21, last)}[q]
            return day_number(y, m, lo), day_number(y, m, hi)
        if self.part is not None:
            first, last_month = _PART_MONTHS[self.part]
            end_y, end_m = (y + 1, last_month - 12) if last_month > 12 else (y, last_month)
            return day_number(y, first, 1), day_number(end_y, end_m, _month_days(end_y, end_m))
        if self.decade:
            lo_y, hi_y = {None: (0, 9), "early": (0, 3), "mid": (4, 6), "late": (7, 9)}[q]
            return day_number(y + lo_y, 1, 1), day_number(y + hi_y, 12, 31)
        lo_m, hi_m = {None: (1, 12), "early": (1, 4), "mid": (5, 8), "late": (9, 12)}[q]
        return day_number(y, lo_m, 1), day_number(y, hi_m, _month_days(y, hi_m))

    def _wall_seconds(self) -> int:
        assert self.month is not None and self.day is not None and self.hour is not None
        return day_number(self.year, self.month, self.day) * 86400 + (
            self.hour * 3600 + (self.minute or 0) * 60 + (self.second or 0)
        )

    @property
    def _converted(self) -> bool:
        """Whether this time is shown converted into the zone (zoneinfo covers the years 2–9998)."""
        return self.zone is not None and self.offset is not None and _zone_ok(self.year)

    def _frame_seconds(self) -> int:
        """Seconds (day number × 86400 + time) in the frame times are ordered in.

        With a zone: local time there (a time without an offset is already in it).  Without
        (or outside the years zoneinfo covers): a time with an offset is taken to UTC; one
        without is ordered as written.
        """
        wall = self._wall_seconds()
        if self.offset is None:
            return wall
        utc = wall - self.offset * 60
        if self.zone is None or not _zone_ok(self.year):
            return utc
        instant = _EPOCH + dt.timedelta(seconds=utc - _EPOCH_SECONDS)
        local = instant.astimezone(_zone(self.zone))
        off = local.utcoffset()
        return utc + int(off.total_seconds()) if off is not None else utc

    def _utc_seconds(self) -> int:
        """The moment of a time, in seconds, as nearly as what was written tells (for lengths)."""
        wall = self._wall_seconds()
        if self.offset is not None:
            return wall - self.offset * 60
        if self.zone is not None and _zone_ok(self.year):
            assert self.month is not None and self.day is not None and self.hour is not None
            local = dt.datetime(
                self.year, self.month, self.day, self.hour, self.minute or 0, self.second or 0
            ).replace(tzinfo=_zone(self.zone))
            off = local.utcoffset()
            return wall - int(off.total_seconds()) if off is not None else wall
        return wall

    @property
    def earliest(self) -> dt.date:
        """The first day as a ``dt.date`` (years 1–9999 only; see :attr:`first_day`)."""
        return dt.date.fromordinal(self.first_day)

    @property
    def latest(self) -> dt.date:
        """The last day as a ``dt.date`` (years 1–9999 only; see :attr:`last_day`)."""
        return dt.date.fromordinal(self.last_day)

    @property
    def precision(self) -> Precision:
        if self.hour is not None:
            return Precision.TIME
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        if self.part is not None:
            return Precision.SEASON
        if self.decade:
            return Precision.DECADE
        return Precision.YEAR

    @property
    def sort_key(self) -> tuple[int, int]:
        """First tick, then last: at the same start the shorter period first (1 July before July)."""
        return (self.first_tick, self.last_tick)

    @property
    def timed(self) -> bool:
        return self.hour is not None

    def in_zone(self, zone: str | None) -> FuzzyDate:
        """This date, its time ordered and shown in ``zone`` (an IANA name; dates without a time
        are unchanged)."""
        if self.hour is None or zone == self.zone:
            return self
        return replace(self, zone=zone)

    # -- display --------------------------------------------------------
    def shown_fields(self) -> tuple[int, int | None, int | None, int | None, int | None, int | None]:
        """(year, month, day, hour, minute, second) as shown: converted into the zone if one is set."""
        if self.hour is not None and self._converted:
            day, sec = divmod(self.first_tick, _SLOTS)
            sec -= 1
            y, m, d = from_day_number(day)
            h, rest = divmod(sec, 3600)
            mi, s = divmod(rest, 60)
            return y, m, d, h, mi, (s if self.second is not None or s else None)
        return self.year, self.month, self.day, self.hour, self.minute, self.second

    def _time_text(self, long: bool) -> str:
        _, _, _, h, mi, s = self.shown_fields()
        if h is None:
            return ""
        text = f"{h:02d}:{mi or 0:02d}" + (f":{s:02d}" if s is not None else "")
        if self._converted:
            return text + (f" {self.zone}" if long else "")
        if self.zone is not None and self.offset is None:
            return text  # written without an offset: in the timeline's zone, as written
        if self.offset is not None:
            return f"{text} {_offset_text(self.offset)}"
        return text

    def _core(self, long: bool, with_year: bool = True) -> str:
        names = _MONTH_NAME if long else _MONTH_ABBR
        y, m, d, _, _, _ = self.shown_fields()
        parts: list[str] = []
        if self.qualifier:
            parts.append(self.qualifier)
        if self.decade:
            parts.append(f"{self.year}s")
            return " ".join(parts)
        if self.part is not None:
            parts.append(_SEASON_NAME.get(self.part) or f"Q{self.part - 32}")
        if d is not None:
            parts.append(str(d))
        if m is not None:
            parts.append(names[m])
        if with_year:
            parts.append(year_text(y))
        time = self._time_text(long)
        if time:
            parts.append(time)
        return " ".join(parts)

    def _marked(self, core: str) -> str:
        if self.approximate:
            core = "c. " + core
        if self.uncertain:
            core = core + "?"
        return core

    def display(self) -> str:
        """Short form for lists: ``early Jul 2023``, ``5 Aug 2023``, ``c. 1991?``, ``300 BC``."""
        return self._marked(self._core(long=False))

    def long(self) -> str:
        """Full wording: ``early July 2023``, ``about 5 August 2023 (uncertain)``.

        A time written with an offset in a timeline with a zone is shown in the zone, with what
        was written after it: ``20 September 2023 13:00 Asia/Baku (written 2023-09-20T09:00Z)``.
        """
        text = self._core(long=True)
        if self.approximate:
            text = "about " + text
        if self._converted:
            text += f" (written {self._written()})"
        if self.uncertain:
            text += " (uncertain)"
        return text

    def _written(self) -> str:
        """The date and time as written, without qualifier or markers (ISO 8601)."""
        return replace(self, approximate=False, uncertain=False, zone=None).iso()

    def iso(self) -> str:
        """The canonical written form (ISO 8601 / EDTF where they have one), as written."""
        y = self.year
        text = f"{y}s" if self.decade else f"{y:04d}" if y >= 0 else f"-{-y:04d}"
        if self.part is not None and y >= 0 and self.part == (y + 1) % 100:
            # "2022-23" would read as two years: the season or quarter by name (see _TwoWays).
            name = _SEASON_NAME[self.part] if self.part in _SEASON_NAME else f"Q{self.part - 32}"
            text = f"{name} {text}"
        elif self.part is not None:
            text += f"-{self.part}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.hour is not None:
            text += f"T{self.hour:02d}:{self.minute or 0:02d}"
            if self.second is not None:
                text += f":{self.second:02d}"
            if self.offset is not None:
                text += _iso_offset(self.offset)
        if self.qualifier:
            text = f"{self.qualifier} {text}"
        if self.approximate and self.uncertain:
            text += "%"
        elif self.approximate:
            text += "~"
        elif self.uncertain:
            text += "?"
        return text

    def __str__(self) -> str:
        return self.display()


def _zone_ok(year: int) -> bool:
    return 2 <= year <= 9998


_EPOCH = dt.datetime(1, 1, 1, tzinfo=dt.timezone.utc)
_EPOCH_SECONDS = 1 * 86400  # day number 1 is 0001-01-01


# -- spans ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """When an event happened: a single date, or a range from ``start`` to ``end``."""

    start: FuzzyDate
    end: FuzzyDate | None = None

    @property
    def first_day(self) -> int:
        return self.start.first_day

    @property
    def last_day(self) -> int:
        return (self.end or self.start).last_day

    @property
    def first_year(self) -> int:
        """The year of the first day (``late 1990s`` starts in 1997), under which the event is listed."""
        start = self.start
        return from_day_number(start.first_day)[0] if start.decade else start.year

    @property
    def earliest(self) -> dt.date:
        return self.start.earliest

    @property
    def latest(self) -> dt.date:
        return (self.end or self.start).latest

    @property
    def sort_key(self) -> tuple[int, int]:
        """First tick, then last (see :attr:`FuzzyDate.sort_key`)."""
        return (self.start.first_tick, (self.end or self.start).last_tick)

    def in_zone(self, zone: str | None) -> Span:
        start = self.start.in_zone(zone)
        end = self.end.in_zone(zone) if self.end is not None else None
        return self if start is self.start and end is self.end else Span(start, end)

    def overlaps(self, lo: dt.date | None, hi: dt.date | None) -> bool:
        if lo is not None and self.last_day < lo.toordinal():
            return False
        return not (hi is not None and self.first_day > hi.toordinal())

    def display(self) -> str:
        """``5 Aug 2023``, ``1991–1994``, ``27 Sep – 10 Nov 2020``, ``300 BC – 200 BC``."""
        if self.end is None:
            return self.start.display()
        s, e = self.start, self.end
        if (
            s.precision == Precision.YEAR == e.precision
            and not (s.qualifier or e.qualifier or s.approximate or s.uncertain)
            and not (e.approximate or e.uncertain)
            and s.year >= 100
            and e.year >= 100
        ):
            return f"{s.display()}–{e.display()}"
        same_year = (
            s.year == e.year
            and not (s.uncertain or s.approximate or s.timed or e.timed or s.decade or e.decade)
            and (s.month is not None or s.part is not None)
        )
        plain_end = not (e.timed or e.qualifier or e.approximate or e.uncertain)
        if same_year and s.day is not None and s.month == e.month and plain_end and not s.qualifier:
            return f"{s.day}–{e.display()}"  # 18–19 Jan 2006
        left = s._marked(s._core(long=False, with_year=not same_year))
        return f"{left} – {e.display()}"

    def long(self) -> str:
        if self.end is None:
            return self.start.long()
        text = f"{self.start.long()} – {self.end.long()}"
        duration = self.duration()
        return f"{text} ({duration})" if duration else text

    def iso(self) -> str:
        """``2020-09-27/2020-11-10`` (an ISO 8601 / EDTF interval), or the one date."""
        if self.end is None:
            return self.start.iso()
        start, end = self.start.iso(), self.end.iso()
        # An interval joins two ISO dates; a season written by name (see FuzzyDate.iso) takes " to ".
        joint = "/" if _ISO_SIDE.match(start) and _ISO_SIDE.match(end) else " to "
        return f"{start}{joint}{end}"

    def length(self) -> tuple[float, str, bool] | None:
        """The span's length as (count, unit, approximate).

        One rule for every precision: both ends count (1–3 July is 3 days, July–September is
        3 months, 1991–1994 is 4 years).  Spans under 62 days are counted in days (under 48
        hours, when both ends have a time, in hours or minutes); under a year in months; longer
        ones in years, to the half year when that is all the dates allow (``about 1½ years``).
        """
        if self.end is None:
            return None
        s, e = self.start, self.end
        about = bool(s.qualifier or e.qualifier or s.approximate or e.approximate)
        if s.timed and e.timed:
            seconds = max(0, e._utc_seconds() - s._utc_seconds())
            if seconds < 3600:
                return (seconds // 60, "minute", about or seconds % 60 != 0)
            if seconds < 48 * 3600:
                return (round(seconds / 3600), "hour", about or seconds % 3600 != 0)
            days = seconds / 86400
            if days < 62:
                return (round(days), "day", about or seconds % 86400 != 0)
        precision = min(s.precision, e.precision)
        if precision >= Precision.DAY:
            days_ = e.last_day - s.first_day + 1
            if days_ < 62:
                return (days_, "day", about)
            about = True
        months, whole = _months_between(s.first_day, e.last_day + 1)
        about = about or not whole
        if months < 12 or (months < 24 and not about):
            return (max(months, 1), "month", about)
        return (round(months / 6) / 2, "year", about or months % 12 != 0)

    def duration(self) -> str:
        """The span's length in words: ``4 years``, ``about 9 months``, ``about 1½ years``."""
        length = self.length()
        if length is None:
            return ""
        n, unit, about = length
        return ("about " if about else "") + _plural(n, unit)

    def short_duration(self) -> str:
        """The same length in a few cells, for narrow columns: ``4y``, ``~9mo``, ``44d``, ``24h``."""
        length = self.length()
        if length is None:
            return ""
        n, unit, about = length
        short = {"minute": "min", "hour": "h", "day": "d", "month": "mo", "year": "y"}[unit]
        return ("~" if about else "") + _number(n) + short


def _months_between(first: int, after: int) -> tuple[int, bool]:
    """Months from day ``first`` to day ``after`` (exclusive), to the nearest, and whether exact."""
    y1, m1, d1 = from_day_number(first)
    y2, m2, d2 = from_day_number(after)
    months = (y2 - y1) * 12 + (m2 - m1)
    if d2 < d1:
        months -= 1
    # the remainder in days, counted from the same day of the month `months` months on
    ym = y1 * 12 + (m1 - 1) + months
    y, m = divmod(ym, 12)
    anchor = day_number(y, m + 1, min(d1, _month_days(y, m + 1)))
    rest = after - anchor
    return months + (1 if rest >= 15 else 0), rest == 0


def _number(n: float) -> str:
    whole = int(n)
    if n == whole:
        return str(whole)
    return ("" if whole == 0 else str(whole)) + "½"


def _plural(n: float, word: str) -> str:
    return f"{_number(n)} {word}" if n == 1 else f"{_number(n)} {word}s"


# -- reading ----------------------------------------------------------------------------


def _hint(text: str, why: str = "") -> str:
    head = f"cannot read date {text!r}" + (f" ({why})" if why else "")
    return (
        f"{head}: write e.g. 2023-07-05, 5 July 2023, Jul 2023, 2023, early 2023, c. 1988, 1990s, "
        "Q3 2023, spring 2023, 300 BC or 2023-09-20T13:00+04:00"
    )


def make_date(
    text: str,
    year: int,
    month: int | None = None,
    day: int | None = None,
    qualifier: str | None = None,
    approximate: bool = False,
    uncertain: bool = False,
    decade: bool = False,
    part: int | None = None,
    hour: int | None = None,
    minute: int | None = None,
    second: int | None = None,
    offset: int | None = None,
) -> FuzzyDate:
    """A :class:`FuzzyDate` after checking every part exists; ``text`` is quoted in the error."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(
            f"year {year_text(year)} in date {text!r} is beyond ±9999: only years from "
            "10000 BC to 9999 are read (ISO 8601 four-digit years)"
        )
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"month {month} does not exist in date {text!r}: months are 01 to 12")
    if day is not None:
        if month is None:
            raise DateError(_hint(text, "a day needs a month"))
        last = _month_days(year, month)
        if not 1 <= day <= last:
            raise DateError(
                f"day {day} does not exist in {_MONTH_NAME[month]} {year_text(year)} (date {text!r})"
            )
    if qualifier and (day is not None or part is not None):
        what = "a day" if day is not None else "a season or quarter"
        raise DateError(
            f"{qualifier!r} applies to a decade, a year or a month, not {what} (date {text!r}): "
            f"write e.g. {qualifier} July 2023"
        )
    if part == 24 and year == MAX_YEAR:
        raise DateError(f"winter {year} runs into the year 10000 (date {text!r}): years end at 9999")
    if decade and (year < 10 or year % 10):
        raise DateError(_hint(text, "a decade is written like 1990s"))
    if hour is not None:
        if day is None:
            raise DateError(
                f"a time of day needs a full date (day, month and year) in {text!r}: "
                "write e.g. 2023-09-20 13:00"
            )
        if not (0 <= hour <= 23 and 0 <= (minute or 0) <= 59 and 0 <= (second or 0) <= 59):
            raise DateError(f"the time in {text!r} does not exist: times run from 00:00 to 23:59:59")
    if offset is not None and not -24 * 60 < offset < 24 * 60:
        raise DateError(f"the UTC offset in {text!r} is out of range: write e.g. +04:00")
    return FuzzyDate(
        year,
        month,
        day,
        qualifier.lower() if qualifier else None,
        approximate,
        uncertain,
        decade,
        part,
        hour,
        minute,
        second,
        offset,
    )


_PLAIN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_ISO = re.compile(
    r"(?P<y>-?\d{3,})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?:(?:T|\s+(?:at\s+)?)(?P<time>\d.*))?", re.I
)
_CIRCA = re.compile(r"(?:c\.|ca\.|circa\b|about\b|around\b|approx\.|approximately\b|c\b|ca\b)\s*", re.I)
_QUALIFIER = re.compile(r"(early|mid|late)(?:\s+|-)(?=\S)", re.I)
_MONTHS = {name.lower(): n for n, name in enumerate(_MONTH_NAME) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(_MONTH_ABBR) if name})
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_NAMES = {name.lower(): n for n, name in enumerate(_WEEKDAYS)}
_DAY_NAMES.update({name.lower(): n for n, name in enumerate(calendar.day_abbr)})
_DAY_NAMES.update({"tues": 1, "wednes": 2, "thur": 3, "thurs": 3})
_WEEKDAY = re.compile(r"(?P<wd>" + "|".join(sorted(_DAY_NAMES, key=len, reverse=True)) + r")\.?,?\s+", re.I)
_ERA = r"(?:\s*(?P<era>BCE|BC|B\.C\.E\.|B\.C\.|CE|AD|A\.D\.|C\.E\.))?"
_YEAR = r"(?P<y>\d{1,5})" + _ERA
_TIME_TAIL = r"(?:,?\s+(?:at\s+)?(?P<time>\d.*))?"
_NATURAL = [
    # 5 August 2023, 5th Aug. 2023, 5 August 2023 13:00
    re.compile(
        r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon>" + _MONTH_RE + r")\.?,?\s+" + _YEAR + _TIME_TAIL, re.I
    ),
    # August 5, 2023
    re.compile(
        r"(?P<mon>" + _MONTH_RE + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + _TIME_TAIL, re.I
    ),
    # August 2023
    re.compile(r"(?P<mon>" + _MONTH_RE + r")\.?,?\s+" + _YEAR, re.I),
    # 2023, 602, 300 BC, AD 50
    re.compile(_YEAR, re.I),
    re.compile(r"(?P<era>AD|A\.D\.)\s+(?P<y>\d{1,4})", re.I),
]
_DECADE = re.compile(r"(?P<y>\d{3,4})'?s", re.I)
_QUARTER = re.compile(r"Q(?P<q>[1-4])\s+" + _YEAR, re.I)
_SEASON = re.compile(r"(?P<s>spring|summer|autumn|fall|winter)(?:\s+of)?\s+" + _YEAR, re.I)
_ISO_PART = re.compile(r"(?P<y>-?\d{4})-(?P<p>2[1-4]|3[3-6])")
_TIME = re.compile(
    r"(?P<h>\d{1,2})(?::(?P<mi>\d{2})(?::(?P<s>\d{2})(?P<frac>[.,]\d+)?)?)?"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?(?![A-Za-z]))?"
    r"\s*(?P<zone>Z|[+-]\d{2}(?::?\d{2})?|[A-Za-z][A-Za-z_]*(?:/[A-Za-z0-9_+-]+)*)?",
    re.I,
)
_NO_YEAR = re.compile(
    r"(?:(?:"
    + _MONTH_RE
    + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+(?:"
    + _MONTH_RE
    + r")\.?)",
    re.I,
)
_AMBIGUOUS = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:\D.*)?")


def _year(match: re.Match[str], text: str) -> int:
    """The astronomical year of a natural-form year (``300 BC`` is -299)."""
    digits, era = match.group("y"), (match.group("era") or "").replace(".", "").upper()
    n = int(digits)
    if era in ("BC", "BCE"):
        if n == 0:
            raise DateError(f"there is no year 0 BC in {text!r}: 1 BC is followed by AD 1")
        return 1 - n
    if era:
        if n == 0:
            raise DateError(f"there is no year AD 0 in {text!r}: 1 BC is followed by AD 1")
        return n
    if len(digits) <= 2:
        raise DateError(
            f"cannot tell the year in {text!r}: write it with four digits (0050) or with AD/BC (50 AD)"
        )
    return n


def _time(raw: str, text: str, year: int, month: int, day: int) -> tuple[int, int, int | None, int | None]:
    """(hour, minute, second, offset) of a written time of day."""
    m = _TIME.fullmatch(raw.strip())
    if not m:
        raise DateError(_hint(text, "the time of day is not HH:MM"))
    if m.group("frac"):
        raise DateError(f"fractions of a second are not kept in {text!r}: write the time as HH:MM:SS")
    hour = int(m.group("h"))
    minute = int(m.group("mi")) if m.group("mi") else None
    second = int(m.group("s")) if m.group("s") else None
    ampm = (m.group("ampm") or "").replace(".", "").replace(" ", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            raise DateError(f"the time in {text!r} does not exist: with am/pm hours run from 1 to 12")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    elif minute is None:
        raise DateError(_hint(text, "a time of day is written HH:MM, or with am/pm"))
    offset = None
    zone = m.group("zone")
    if zone:
        if zone.upper() in ("Z", "UTC", "GMT"):
            offset = 0
        elif zone[0] in "+-":
            digits = zone[1:].replace(":", "")
            hh, mm = int(digits[:2]), int(digits[2:] or 0)
            if mm > 59:
                raise DateError(f"the UTC offset in {text!r} does not exist: write e.g. +04:00")
            offset = (hh * 60 + mm) * (1 if zone[0] == "+" else -1)
        elif "/" in zone:
            try:
                tz = _zone(zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
                raise DateError(
                    f"unknown time zone {zone!r} in {text!r}: use an IANA name such as Asia/Baku, "
                    "or an offset such as +04:00"
                ) from None
            if not _zone_ok(year):
                raise DateError(f"a named time zone needs a year from 2 to 9998 in {text!r}: write an offset")
            local = dt.datetime(year, month, day, hour, minute or 0, second or 0, tzinfo=tz)
            delta = local.utcoffset()
            seconds = int(delta.total_seconds()) if delta is not None else 0
            if seconds % 60:
                raise DateError(
                    f"{zone} was {seconds // 3600:+03d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d} "
                    f"from UTC then (local mean time) in {text!r}: write the offset"
                )
            offset = seconds // 60
        else:
            raise DateError(
                f"time zone {zone!r} in {text!r} is an abbreviation, which can be ambiguous "
                "(AMT is Armenia and Amazon time): write the offset (+04:00) or an IANA name "
                "(Asia/Yerevan)"
            )
    if ampm and minute is None:
        minute = 0
    return hour, minute or 0, second, offset


class _Marks(TypedDict):
    qualifier: str | None
    approximate: bool
    uncertain: bool


_MEMO: dict[str, FuzzyDate] = {}
_MEMO_MAX = 1 << 16


def parse_date(text: str) -> FuzzyDate:
    """Read one date as written in a timeline file; :class:`DateError` with a one-line message.

    See the README's date table for every form.  Dates already read are remembered, so a
    timeline that repeats its dates (most do) reads each spelling once.
    """
    found = _MEMO.get(text)
    if found is not None:
        return found
    plain = _PLAIN.fullmatch(text)
    if plain and (plain.group(2) or "0") < "13":  # 2023-21 is a season: the full grammar
        y, m, d = plain.groups()
        date = make_date(text, int(y), int(m) if m else None, int(d) if d else None)
    else:
        date = _parse(text)
    if len(_MEMO) >= _MEMO_MAX:
        _MEMO.clear()
    _MEMO[text] = date
    return date


_WRITTEN = re.compile(r"\s*\(written (?P<w>[^()]+)\)$")


#: No written date, nor any date or span this module shows, is longer than this. The longest shown
#: is a span's long form with a zone, what was written and the length on both sides (about 260
#: characters with the longest IANA names); a property test found one of 203 when this was 200.
MAX_LENGTH = 400


def _too_long(text: str) -> DateError:
    head = " ".join(text[:40].split())
    return DateError(f"date {head!r}… is {len(text)} characters long: a date is at most {MAX_LENGTH}")


def _parse(raw: str) -> FuzzyDate:
    if len(raw) > MAX_LENGTH:
        raise _too_long(raw)
    text = " ".join(raw.split())
    if not text:
        raise DateError("date is empty")
    if "\n" in raw:
        raw = text  # quote it on one line
    uncertain = False
    body = text
    if body.lower().endswith("(uncertain)"):
        uncertain, body = True, body[: -len("(uncertain)")].rstrip()
    m = _WRITTEN.search(body)
    if m is None:
        return _parse_body(raw, body, uncertain)
    # "13:00 Asia/Baku (written 2023-09-20T09:00Z)", as long() shows a converted time: the time
    # shown must be the time written, seen in that zone; the date is the one written.
    main = body[: m.start()]
    named = re.search(r"\s+([A-Za-z_]+(?:/[A-Za-z0-9_+-]+)+|UTC)$", main)
    written = parse_date(m.group("w"))
    if named is None or not written.timed or written.offset is None:
        raise DateError(_hint(raw, "'(written ...)' follows a time and its zone"))
    zone = check_zone(named.group(1))
    shown = _parse_body(raw, main[: named.start()], uncertain)
    if shown.offset is not None or written.in_zone(zone).first_tick != shown.in_zone(zone).first_tick:
        raise DateError(f"the time shown and the time written in {raw!r} are not the same moment")
    return replace(written, approximate=shown.approximate, uncertain=shown.uncertain)


def _parse_body(raw: str, body: str, uncertain: bool) -> FuzzyDate:
    m = _WEEKDAY.match(body)
    if m:  # "Tuesday 19 September 2023", "Wed, 2023-09-20": the weekday must match the date
        weekday = _DAY_NAMES[m.group("wd").lower()]
        date = _parse_body(raw, body[m.end() :], uncertain)
        if date.day is None or date.month is None:
            raise DateError(f"a weekday needs a full date in {raw!r}: write e.g. Tuesday 19 September 2023")
        actual = (day_number(date.year, date.month, date.day) - 1) % 7
        if actual != weekday:
            raise DateError(
                f"{_WEEKDAYS[weekday]} does not match {date.day} {_MONTH_NAME[date.month]} "
                f"{year_text(date.year)}, which is a {_WEEKDAYS[actual]} (date {raw!r})"
            )
        return date
    approximate = False
    if body and body[-1] in "~?%":
        mark, body = body[-1], body[:-1].rstrip()
        approximate = approximate or mark in "~%"
        uncertain = uncertain or mark in "?%"
    m = _CIRCA.match(body)
    if m and m.end() < len(body):
        approximate, body = True, body[m.end() :]
    qualifier = None
    m = _QUALIFIER.match(body)
    if m:
        qualifier, body = m.group(1).lower(), body[m.end() :]
    marks = _Marks(qualifier=qualifier, approximate=approximate, uncertain=uncertain)
    if not body:
        raise DateError(_hint(raw))

    if re.fullmatch(r"\d{8}", body):
        raise DateError(
            f"cannot read date {raw!r}: write it with hyphens, as {body[:4]}-{body[4:6]}-{body[6:]}"
        )
    m = _ISO_PART.fullmatch(body)
    if m:
        year, part = int(m.group("y")), int(m.group("p"))
        if year >= 0 and part == (year + 1) % 100:
            # "2022-23" is EDTF's autumn 2022, and as commonly a season or fiscal year 2022–2023.
            name = _SEASON_NAME[part] if part in _SEASON_NAME else f"Q{part - 32}"
            raise _TwoWays(
                f"date {raw!r} can be read two ways: write {year}–{year + 1} for the two years, "
                f"or {name} {year}"
            )
        return make_date(raw, year, part=part, **marks)
    iso = _ISO.fullmatch(body)
    if iso:
        y, mo, d = int(iso.group("y")), iso.group("m"), iso.group("d")
        if len(iso.group("y").lstrip("-")) > 4:
            raise DateError(
                f"year {iso.group('y')} in date {raw!r} is beyond ±9999: only years from "
                "10000 BC to 9999 are read (ISO 8601 four-digit years)"
            )
        if y < 0 and len(iso.group("y")) != 5:
            raise DateError(
                f"cannot tell the year in {raw!r}: ISO years before 1 are written with four digits "
                f"and count a year 0 (-0299 is 300 BC); or write {-y} BC"
            )
        month, day = int(mo) if mo else None, int(d) if d else None
        if iso.group("time"):
            if day is None or month is None:
                raise DateError(
                    f"a time of day needs a full date (day, month and year) in {raw!r}: "
                    "write e.g. 2023-09-20 13:00"
                )
            make_date(raw, y, month, day)  # the date exists before its time is read
            h, mi, s, off = _time(iso.group("time"), raw, y, month, day)
            return make_date(raw, y, month, day, **marks, hour=h, minute=mi, second=s, offset=off)
        return make_date(raw, y, month, day, **marks)
    m = _DECADE.fullmatch(body)
    if m:
        y = int(m.group("y"))
        if y % 100 == 0:
            raise DateError(
                f"{body!r} in {raw!r} can mean a decade or a century: write {y}–{y + 9} or {y}–{y + 99}"
            )
        return make_date(raw, y, decade=True, **marks)
    m = _QUARTER.fullmatch(body)
    if m:
        return make_date(raw, _year(m, raw), part=32 + int(m.group("q")), **marks)
    m = _SEASON.fullmatch(body)
    if m:
        return make_date(raw, _year(m, raw), part=_SEASON_CODE[m.group("s").lower()], **marks)

    if _NO_YEAR.fullmatch(body):  # "January 14": a day without its year, not the year 14
        raise DateError(
            _hint(raw, "it has no year; a year below 100 is written with four digits or AD, as 0050 or 50 AD")
        )
    for pattern in _NATURAL:
        m = pattern.fullmatch(body)
        if not m:
            continue
        groups = m.groupdict()
        y = _year(m, raw)
        month = _MONTHS[groups["mon"].lower()] if groups.get("mon") else None
        day = int(groups["d"]) if groups.get("d") else None
        date = make_date(raw, y, month, day, **marks)
        if groups.get("time"):
            assert month is not None and day is not None
            h, mi, s, off = _time(groups["time"], raw, y, month, day)
            return make_date(raw, y, month, day, **marks, hour=h, minute=mi, second=s, offset=off)
        return date
    if _AMBIGUOUS.fullmatch(body):
        raise DateError(
            f"numeric date {raw!r} is read day-first in some places and month-first in others: "
            "write it as YYYY-MM-DD (1941-12-07) or with the month's name (7 December 1941)"
        )
    if not re.search(r"\d", body):
        raise DateError(_hint(raw, "it has no year"))
    m = re.match(r"\d{4}(?:-\d{2})?\s+(\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?)$", body, re.I)
    if m:
        raise DateError(
            f"a time of day needs a full date (day, month and year) in {raw!r}: write e.g. 2023-09-20 13:00"
        )
    raise DateError(_hint(raw))


# -- ranges in one value ----------------------------------------------------------------

_DASHES = re.compile(r"\s*[–—]\s*|\s+-\s+|\s+to\s+|\s+until\s+", re.I)
_ISO_SIDE = re.compile(r"(?:(?:early|mid|late) )?-?\d{3}")
_DURATION = re.compile(r"(?P<body>.*\S)\s+\((?P<d>(?:about )?[\d½]+ \w+)\)")


def parse_when(text: str) -> Span:
    """Read a date or a range in one value: ``1991–1994``, ``27 Sep – 10 Nov 2020``,
    ``2020-09-27/2020-11-10``, ``18-19 January 2006``, ``c. early 2022 to Aug 2023``.

    The start may leave out what the end gives (the year, the month and year, the era).
    The wording :meth:`Span.long` adds in brackets (``(45 days)``) is read back and checked.
    """
    found = _WHEN_MEMO.get(text)
    if found is not None:
        return found
    span = _parse_when(text)
    if len(_WHEN_MEMO) >= _MEMO_MAX:
        _WHEN_MEMO.clear()
    _WHEN_MEMO[text] = span
    return span


_WHEN_MEMO: dict[str, Span] = {}


def _parse_when(text: str) -> Span:
    if len(text) > MAX_LENGTH:
        raise _too_long(text)
    try:
        return Span(parse_date(text))
    except _TwoWays:
        raise  # not to be read as a range instead
    except DateError as exc:
        first_error = exc
    flat = " ".join(text.split())
    m = _DURATION.fullmatch(flat)
    if m and not m.group("d").startswith("uncertain"):
        span = _parse_when(m.group("body"))
        # (a length that depends on the timeline's zone, unknown here, is read but not checked)
        if span.end is None or (span.duration() != m.group("d") and not zone_dependent(span)):
            raise DateError(
                f"the length written in {flat!r} ({m.group('d')}) is not the span's "
                f"({span.duration() or 'a single date'}): leave it out or correct it"
            )
        return span
    candidates: list[tuple[str, str]] = []
    explicit = None  # a split at an en dash, "to" or "/": the writer meant a range
    parts = _DASHES.split(flat)
    if len(parts) == 2:
        if not parts[0].strip() or not parts[1].strip():
            raise DateError(f"cannot read {flat!r}: a range has a start and an end, e.g. 1991–1994")
        explicit = (parts[0], parts[1])
    elif len(parts) > 2:
        raise DateError(f"cannot read {flat!r}: a range has one start and one end, e.g. 1991–1994")
    elif flat.count("/") == 1 and not re.search(r"\b[A-Z][A-Za-z]+/[A-Z]", flat):  # not Asia/Baku
        left, right = (side.strip() for side in flat.split("/"))
        if not left or not right or ".." in (left, right):
            raise DateError(
                f"open-ended range {flat!r}: give both a start and an end, e.g. 2020-09-27/2020-11-10"
            )
        if not (_ISO_SIDE.match(left) and _ISO_SIDE.match(right)):
            raise first_error  # an ISO 8601 / EDTF interval joins two ISO dates: not Q3/2023
        end = parse_date(right)
        interval = Span(parse_date(left), end)  # each side whole: nothing is borrowed
        if end.last_tick < interval.start.first_tick and not zone_dependent(interval):
            raise DateError(f"the range {flat!r} ends ({end.display()}) before it starts")
        return interval
    else:
        for i, ch in enumerate(flat):
            if ch == "-" and 0 < i < len(flat) - 1 and flat[i - 1] != " ":
                candidates.append((flat[:i], flat[i + 1 :]))
    if explicit is not None:
        left, right = explicit[0].strip(), _end_year(*explicit)
        end = parse_date(right)  # an error here names the part that cannot be read
        spans = [Span(_complete(left, end), end)]
    else:
        spans = list(filter(None, (_range(left, right) for left, right in candidates)))
    if len(set(spans)) > 1:
        raise DateError(
            f"cannot tell where the range {flat!r} splits: write it with an en dash, e.g. 1991–1994"
        )
    if not spans:
        raise first_error
    span = spans[0]
    assert span.end is not None
    if not zone_dependent(span) and span.end.last_tick < span.start.first_tick:
        raise DateError(
            f"the range {flat!r} ends ({span.end.display()}) before it starts ({span.start.display()})"
        )
    return span


def zone_dependent(span: Span) -> bool:
    """Whether the span's order and length depend on the timeline's zone: one end has a UTC
    offset and the other not (the loader checks such spans once it knows the zone)."""
    s, e = span.start, span.end
    return e is not None and (s.offset is None) != (e.offset is None)


def _range(left: str, right: str) -> Span | None:
    """A range split at a hyphen, if both sides read and the end begins after the start does
    (``mid-July-2023`` is not mid July to the whole of 2023)."""
    try:
        end = parse_date(_end_year(left, right))
        start = _complete(left.strip(), end)
    except DateError:
        return None
    return Span(start, end) if end.first_tick > start.first_tick else None


def _end_year(left: str, right: str) -> str:
    """The end of ``1991–94``, a year after the start written with its last two digits: 1994."""
    left, right = left.strip(), right.strip()
    if re.fullmatch(r"\d{2}", right) and re.fullmatch(r"\d{4}", left) and left[2:] < right:
        return left[:2] + right
    return right


def _complete(left: str, end: FuzzyDate) -> FuzzyDate:
    """The start of a range, which may leave out the era, the year or the month the end gives."""
    try:
        start = parse_date(left)
    except DateError as exc:
        error = exc
    else:
        # "300–200 BC": a bare start year takes the end's era.
        if end.year <= 0 < start.year and re.fullmatch(r"\d{1,4}", left):
            return parse_date(f"{left} BC")
        return start
    if end.month is not None and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", left):
        return parse_date(f"{left} {_MONTH_NAME[end.month]} {year_text(end.year)}")
    if re.fullmatch(r"\d{1,2}:\d{2}.*", left) and end.day is not None and end.month is not None:
        raise error
    return parse_date(f"{left} {year_text(end.year)}")
