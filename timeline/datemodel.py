"""What a date is: :class:`FuzzyDate` and :class:`Span`, their days, order, display and lengths.

A :class:`FuzzyDate` is what one written date says, with every part its writer
gave and nothing more: a millennium, a century or a decade (a ``period`` of 1000, 100 or 10
years from its first year), a year, a quarter or season, a month, a day, a time of day with its
offset, an ``early``/``mid``/``late`` qualifier (or, for a period, ``first half``/``second half``),
and the EDTF markers for approximate (``~``) and uncertain (``?``).  It covers an
interval of days (``2023`` is the whole year, ``early 2023-07`` is 1–10 July)
and orders by that interval, so the order is total and stable whatever the
precision.  A :class:`Span` is one date or a range from a start to an end.

Years follow ISO 8601's astronomical numbering, as EDTF does: ``0000`` is
1 BC and ``-0299`` is 300 BC.  ``dt.date`` cannot hold those years, so days are
counted by :func:`day_number` (the proleptic Gregorian calendar, the same count
as ``dt.date.toordinal`` for the years 1–9999, extended backwards), and nothing
here hands out a ``dt.date``.

This module reads no text: the grammar (:mod:`timeline.dategrammar`) and the ranges
(:mod:`timeline.dateranges`) build on it, never the other way round.  Everything a
date displays, they read back.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass, field, replace
from enum import IntEnum
from functools import lru_cache

__all__ = [
    "ISO_SIDE",
    "MAX_YEAR",
    "MIN_YEAR",
    "MONTH_ABBR",
    "MONTH_NAME",
    "WEEKDAYS",
    "DateError",
    "FuzzyDate",
    "Precision",
    "Span",
    "check_zone",
    "day_number",
    "from_day_number",
    "month_days",
    "ordinal",
    "part_name",
    "year_text",
    "zone_dependent",
    "zone_info",
    "zoneinfo_covers",
]


class DateError(ValueError):
    """A date string that cannot be read; the message is one line for the user."""


class Precision(IntEnum):
    MILLENNIUM = -2
    CENTURY = -1
    DECADE = 0
    YEAR = 1
    SEASON = 2  # a quarter or a season
    MONTH = 3
    DAY = 4
    TIME = 5  # a day with a time of day


#: Oldest and newest astronomical years (ISO 8601 four-digit years; -9999 is 10000 BC).
MIN_YEAR, MAX_YEAR = -9999, 9999

MONTH_ABBR = [""] + [calendar.month_abbr[i] for i in range(1, 13)]
MONTH_NAME = [""] + [calendar.month_name[i] for i in range(1, 13)]
WEEKDAYS = [calendar.day_name[i] for i in range(7)]

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


def part_name(part: int) -> str:
    """A season or quarter by name: ``spring`` for EDTF's 21, ``Q3`` for 35."""
    return _SEASON_NAME.get(part) or f"Q{part - 32}"


#: The named periods a date can be (``period``, in years), by their word.
PERIOD_WORD = {10: "decade", 100: "century", 1000: "millennium"}

#: The years of a decade, century or millennium each qualifier covers, counted from its first
#: year (in time: the early 3rd century BC is its first third, 300–268 BC).  Thirds for
#: early/mid/late (a decade 4+3+3, as it always was; a century 33+34+33, a millennium
#: 333+334+333, so that ``mid`` is centred), halves for ``first half``/``second half``.
_PERIOD_PARTS = {
    10: {
        None: (0, 9),
        "early": (0, 3),
        "mid": (4, 6),
        "late": (7, 9),
        "first half": (0, 4),
        "second half": (5, 9),
    },
    100: {
        None: (0, 99),
        "early": (0, 32),
        "mid": (33, 66),
        "late": (67, 99),
        "first half": (0, 49),
        "second half": (50, 99),
    },
    1000: {
        None: (0, 999),
        "early": (0, 332),
        "mid": (333, 666),
        "late": (667, 999),
        "first half": (0, 499),
        "second half": (500, 999),
    },
}


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``21st``, ``112th``."""
    if n % 100 in (11, 12, 13):
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def period_number(year: int, period: int) -> int:
    """Which century (or millennium) starting at astronomical ``year`` it is: 801 is the 9th,
    -299 (300 BC) the 3rd BC; the number counts back from 1 BC for BC periods."""
    return (year - 1) // period + 1 if year >= 1 else (-year) // period + 1


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


def month_days(year: int, month: int) -> int:
    """How many days the month has (any year: 1 BC, the year 0, was a leap year)."""
    return calendar.monthrange(year + 400 * _shift(year), month)[1]


def plain_year(date: FuzzyDate) -> bool:
    """Whether ``date`` is a year and nothing more: no month, season, period, time or mark."""
    return (
        date.month is None
        and date.part is None
        and not date.period
        and not (date.qualifier or date.approximate or date.uncertain)
    )


def year_text(year: int) -> str:
    """A year as displayed: ``2023``, ``602``, ``50 AD``, ``300 BC`` (astronomical ``-299``)."""
    if year >= 100:
        return str(year)
    if year >= 1:
        return f"{year} AD"
    return f"{1 - year} BC"


# -- time zones -----------------------------------------------------------------------


@lru_cache(maxsize=64)
def zone_info(name: str) -> zoneinfo.ZoneInfo:
    """The IANA zone ``name``; zoneinfo's errors if there is none (see :func:`check_zone`)."""
    return zoneinfo.ZoneInfo(name)


def check_zone(name: str) -> str:
    """``name`` if it is an IANA time zone (``Asia/Baku``, ``UTC``); else a :class:`DateError`."""
    try:
        zone_info(name)
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
    qualifier: str | None = (
        None  # "early" | "mid" | "late" (a period, year or month); "first half" | "second half" (a period)
    )
    approximate: bool = False  # EDTF "~"
    uncertain: bool = False  # EDTF "?"
    period: int = 0  # years in the decade (10), century (100) or millennium (1000) starting at ``year``
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
            last = month_days(y, m)
            lo, hi = {None: (1, last), "early": (1, 10), "mid": (11, 20), "late": (21, last)}[q]
            return day_number(y, m, lo), day_number(y, m, hi)
        if self.part is not None:
            first, last_month = _PART_MONTHS[self.part]
            end_y, end_m = (y + 1, last_month - 12) if last_month > 12 else (y, last_month)
            return day_number(y, first, 1), day_number(end_y, end_m, month_days(end_y, end_m))
        if self.period:
            lo_y, hi_y = _PERIOD_PARTS[self.period][q]
            return day_number(y + lo_y, 1, 1), day_number(y + hi_y, 12, 31)
        lo_m, hi_m = {None: (1, 12), "early": (1, 4), "mid": (5, 8), "late": (9, 12)}[q]
        return day_number(y, lo_m, 1), day_number(y, hi_m, month_days(y, hi_m))

    def _wall_seconds(self) -> int:
        assert self.month is not None and self.day is not None and self.hour is not None
        return day_number(self.year, self.month, self.day) * 86400 + (
            self.hour * 3600 + (self.minute or 0) * 60 + (self.second or 0)
        )

    @property
    def _converted(self) -> bool:
        """Whether this time is shown converted into the zone (zoneinfo covers the years 2–9998)."""
        return self.zone is not None and self.offset is not None and zoneinfo_covers(self.year)

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
        if self.zone is None or not zoneinfo_covers(self.year):
            return utc
        instant = _EPOCH + dt.timedelta(seconds=utc - _EPOCH_SECONDS)
        local = instant.astimezone(zone_info(self.zone))
        off = local.utcoffset()
        return utc + int(off.total_seconds()) if off is not None else utc

    def _utc_seconds(self) -> int:
        """The moment of a time, in seconds, as nearly as what was written tells (for lengths)."""
        wall = self._wall_seconds()
        if self.offset is not None:
            return wall - self.offset * 60
        if self.zone is not None and zoneinfo_covers(self.year):
            assert self.month is not None and self.day is not None and self.hour is not None
            local = dt.datetime(
                self.year, self.month, self.day, self.hour, self.minute or 0, self.second or 0
            ).replace(tzinfo=zone_info(self.zone))
            off = local.utcoffset()
            return wall - int(off.total_seconds()) if off is not None else wall
        return wall

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
        if self.period:
            return {10: Precision.DECADE, 100: Precision.CENTURY}.get(self.period, Precision.MILLENNIUM)
        return Precision.YEAR

    @property
    def decade(self) -> bool:
        """Whether this is a decade (``1990s``, ``420s BC``)."""
        return self.period == 10

    def period_text(self) -> str:
        """A period in words, with its qualifier: ``1990s``, ``420s BC``, ``9th century``,
        ``early 3rd century BC``, ``first half of the 2nd millennium BC``."""
        y, n = self.year, self.period
        if n == 10:
            core = f"{y}s" if y > 0 else f"{1 - y - 9}s BC"
        else:
            core = f"{ordinal(period_number(y, n))} {PERIOD_WORD[n]}" + (" BC" if y < 1 else "")
        q = self.qualifier
        if q is None:
            return core
        if q.endswith("half"):
            return f"{q} of the {core}"
        return f"{q} {core}"

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
        names = MONTH_NAME if long else MONTH_ABBR
        y, m, d, _, _, _ = self.shown_fields()
        parts: list[str] = []
        if self.period:
            return self.period_text()
        if self.qualifier:
            parts.append(self.qualifier)
        if self.part is not None:
            parts.append(part_name(self.part))
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
            text = ("about the " if self.period >= 100 else "about ") + text  # about the 9th century
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
        if self.period:  # no ISO 8601 form: the period in words (which reads back)
            return self.period_text() + (
                "%"
                if self.approximate and self.uncertain
                else "~"
                if self.approximate
                else "?"
                if self.uncertain
                else ""
            )
        text = f"{y:04d}" if y >= 0 else f"-{-y:04d}"
        if self.part is not None and y >= 0 and self.part == (y + 1) % 100:
            # "2022-23" would read as two years: the season or quarter by name (see dategrammar.TwoWays).
            text = f"{part_name(self.part)} {text}"
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


def zoneinfo_covers(year: int) -> bool:
    """Whether zoneinfo can convert times in ``year`` (``dt.datetime`` with room for any offset)."""
    return 2 <= year <= 9998


def _plain_offset(delta: dt.timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    return f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def wall_time_problem(date: FuzzyDate, zone: str) -> str:
    """Why the time of day ``date`` gives, written without an offset, names no one moment in
    ``zone`` ("" when it does): the clocks skipped it (a spring-forward gap) or showed it twice
    (the hour repeated when they went back).  Outside the years zoneinfo covers: "" (the time is
    taken as written, local mean time and all, as for any time there)."""
    if date.hour is None or date.offset is not None or not zoneinfo_covers(date.year):
        return ""
    assert date.month is not None and date.day is not None
    wall = dt.datetime(date.year, date.month, date.day, date.hour, date.minute or 0, date.second or 0)
    tz = zone_info(zone)
    first, second = wall.replace(tzinfo=tz), wall.replace(tzinfo=tz, fold=1)
    a, b = first.utcoffset(), second.utcoffset()
    if a is None or b is None or a == b:
        return ""
    shown = f"{wall:%H:%M}" + (f":{wall:%S}" if date.second else "")
    day = f"{date.day} {MONTH_NAME[date.month]} {year_text(date.year)}"
    back = first.astimezone(dt.timezone.utc).astimezone(tz).replace(tzinfo=None)
    if back != wall:  # in a gap: the wall time maps to a moment whose clock says something else
        return (
            f"{shown} did not happen in {zone} on {day}: the clocks went forward over it; "
            f"write the offset meant (e.g. {_plain_offset(a)} or "
            f"{_plain_offset(b)})"
        )
    return (
        f"{shown} happened twice in {zone} on {day} (the clocks went back): write which, "
        f"{_plain_offset(a)} (the first) or "
        f"{_plain_offset(b)} (the second)"
    )


_EPOCH = dt.datetime(1, 1, 1, tzinfo=dt.timezone.utc)
_EPOCH_SECONDS = 1 * 86400  # day number 1 is 0001-01-01


# -- spans ----------------------------------------------------------------------------

#: How a side of an ISO 8601 / EDTF interval starts (``2020-09-27``, ``0602``, ``-0299``,
#: ``early 2023-07``): a range whose both ends start so is written, and read, with a ``/``.
ISO_SIDE = re.compile(r"(?:(?:early|mid|late) )?-?\d{3}")


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
        return from_day_number(start.first_day)[0] if start.period else start.year

    @property
    def heading(self) -> str:
        """The heading an event so dated goes under in a document (the Markdown export, the HTML
        page): the year it starts in, or, for a date that is a decade, a century or a millennium
        (``9th century``, ``early 1990s``, ``3rd millennium BC``), that period as the event shows
        it: the period is not filed under its first year (``801``)."""
        start = self.start
        return start.period_text() if start.period else year_text(self.first_year)

    @property
    def sort_key(self) -> tuple[int, int]:
        """First tick, then last (see :attr:`FuzzyDate.sort_key`)."""
        return (self.start.first_tick, (self.end or self.start).last_tick)

    def in_zone(self, zone: str | None) -> Span:
        start = self.start.in_zone(zone)
        end = self.end.in_zone(zone) if self.end is not None else None
        return self if start is self.start and end is self.end else Span(start, end)

    def display(self) -> str:
        """``5 Aug 2023``, ``1991–1994``, ``27 Sep – 10 Nov 2020``, ``300–200 BC``, ``2–3 Aug 216 BC``."""
        if self.end is None:
            return self.start.display()
        s, e = self.start, self.end
        if (
            s.precision == Precision.YEAR == e.precision
            and not (s.qualifier or e.qualifier or s.approximate or s.uncertain)
            and not (e.approximate or e.uncertain)
        ):
            if s.year >= 100 and e.year >= 100:
                return f"{s.display()}–{e.display()}"
            if e.year < 1:  # both BC (the start is not after the end): the era written once
                return f"{1 - s.year}–{e.display()}"  # 300–200 BC, 5–2 BC
        if (
            s.period == e.period >= 100
            and (s.year < 1) == (e.year < 1)
            and not (
                s.qualifier or e.qualifier or s.approximate or s.uncertain or e.approximate or e.uncertain
            )
        ):  # 15th–16th centuries, 3rd–2nd millennia BC
            word = "centuries" if s.period == 100 else "millennia"
            numbers = (ordinal(period_number(d.year, d.period)) for d in (s, e))
            return "–".join(numbers) + f" {word}" + (" BC" if s.year < 1 else "")
        same_year = (
            s.year == e.year
            and not (s.uncertain or s.approximate or s.timed or e.timed or s.period or e.period)
            and (s.month is not None or s.part is not None)
        )
        plain_end = not (e.timed or e.qualifier or e.approximate or e.uncertain)
        if same_year and s.day is not None and s.month == e.month and plain_end and not s.qualifier:
            return f"{s.day}–{e.display()}"  # 18–19 Jan 2006
        left = s._marked(s._core(long=False, with_year=not same_year))
        return f"{left} – {e.display()}{self._end_era()}"

    def _end_era(self) -> str:
        """`` AD`` after a plain year ending a range that starts BC (``500 BC – 400 AD``), which
        read without it could end in 400 BC (:func:`~timeline.dateranges.parse_when` refuses it)."""
        e = self.end
        return (
            " AD"
            if e is not None and self.start.year <= 0 < e.year and plain_year(e) and e.year >= 100
            else ""
        )

    def long(self) -> str:
        if self.end is None:
            return self.start.long()
        text = f"{self.start.long()} – {self.end.long()}{self._end_era()}"
        duration = self.duration()
        return f"{text} ({duration})" if duration else text

    def iso(self) -> str:
        """``2020-09-27/2020-11-10`` (an ISO 8601 / EDTF interval), or the one date."""
        if self.end is None:
            return self.start.iso()
        start, end = self.start.iso(), self.end.iso()
        # An interval joins two ISO dates; a season written by name (see FuzzyDate.iso) takes " to ".
        joint = "/" if ISO_SIDE.match(start) and ISO_SIDE.match(end) else " to "
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


def zone_dependent(span: Span) -> bool:
    """Whether the span's order and length depend on the timeline's zone: one end has a UTC
    offset and the other not (the loader checks such spans once it knows the zone)."""
    s, e = span.start, span.end
    return e is not None and (s.offset is None) != (e.offset is None)


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
    anchor = day_number(y, m + 1, min(d1, month_days(y, m + 1)))
    rest = after - anchor
    return months + (1 if rest >= 15 else 0), rest == 0


def _number(n: float) -> str:
    whole = int(n)
    if n == whole:
        return str(whole)
    return ("" if whole == 0 else str(whole)) + "½"


def _plural(n: float, word: str) -> str:
    return f"{_number(n)} {word}" if n == 1 else f"{_number(n)} {word}s"
