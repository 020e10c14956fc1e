"""Partial and uncertain dates: parsing, display and ordering.

A :class:`FuzzyDate` is an interval of days that keeps the precision it was
written with: ``2023`` is the whole year, ``early 2023-07`` is 1–10 July,
``2023-07-05~`` is about 5 July.  Ordering uses the interval's bounds, so the
order is total and stable whatever the precision.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import IntEnum

from dateutil import parser as du_parser
from dateutil.relativedelta import relativedelta

__all__ = [
    "DateError",
    "FuzzyDate",
    "Precision",
    "Span",
    "parse_date",
]


class DateError(ValueError):
    """A date string that cannot be read; the message is one line for the user."""


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


_QUALIFIERS = ("early", "mid", "late")
_MONTH_ABBR = [""] + [calendar.month_abbr[i] for i in range(1, 13)]
_MONTH_NAME = [""] + [calendar.month_name[i] for i in range(1, 13)]

_ISO = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<mark>[~?%])?$")
_QUAL = re.compile(r"^(?P<q>early|mid|late)\s+(?P<rest>.+)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A date written at year, month or day precision, maybe qualified or uncertain."""

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: str | None = None  # "early" | "mid" | "late" (year or month precision)
    approximate: bool = False  # EDTF "~"
    uncertain: bool = False  # EDTF "?"

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    # -- bounds ---------------------------------------------------------
    @property
    def earliest(self) -> dt.date:
        lo, _ = self._bounds()
        return lo

    @property
    def latest(self) -> dt.date:
        _, hi = self._bounds()
        return hi

    def _bounds(self) -> tuple[dt.date, dt.date]:
        y, m, d = self.year, self.month, self.day
        if d is not None and m is not None:
            day = dt.date(y, m, d)
            return day, day
        if m is not None:
            last = calendar.monthrange(y, m)[1]
            if self.qualifier == "early":
                return dt.date(y, m, 1), dt.date(y, m, 10)
            if self.qualifier == "mid":
                return dt.date(y, m, 11), dt.date(y, m, 20)
            if self.qualifier == "late":
                return dt.date(y, m, 21), dt.date(y, m, last)
            return dt.date(y, m, 1), dt.date(y, m, last)
        if self.qualifier == "early":
            return dt.date(y, 1, 1), dt.date(y, 4, 30)
        if self.qualifier == "mid":
            return dt.date(y, 5, 1), dt.date(y, 8, 31)
        if self.qualifier == "late":
            return dt.date(y, 9, 1), dt.date(y, 12, 31)
        return dt.date(y, 1, 1), dt.date(y, 12, 31)

    @property
    def sort_key(self) -> tuple[int, int]:
        """Earliest day first; at the same earliest day the shorter period first (1 July before July)."""
        return (self.earliest.toordinal(), self.latest.toordinal())

    # -- display --------------------------------------------------------
    def _core(self, long: bool, with_year: bool = True) -> str:
        names = _MONTH_NAME if long else _MONTH_ABBR
        parts: list[str] = []
        if self.qualifier:
            parts.append(self.qualifier)
        if self.day is not None:
            parts.append(str(self.day))
        if self.month is not None:
            parts.append(names[self.month])
        if with_year:
            parts.append(str(self.year))
        return " ".join(parts)

    def _marked(self, core: str) -> str:
        if self.approximate:
            core = "c. " + core
        if self.uncertain:
            core = core + "?"
        return core

    def display(self) -> str:
        """Short form for lists: ``early Jul 2023``, ``5 Aug 2023``, ``c. 1991?``."""
        return self._marked(self._core(long=False))

    def long(self) -> str:
        """Full wording: ``early July 2023``, ``about 5 August 2023 (uncertain)``."""
        text = self._core(long=True)
        if self.approximate:
            text = "about " + text
        if self.uncertain:
            text += " (uncertain)"
        return text

    def iso(self) -> str:
        """The canonical written form, which :func:`parse_date` reads back."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
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


@dataclass(frozen=True, slots=True)
class Span:
    """When an event happened: a single fuzzy date, or a span from ``start`` to ``end``."""

    start: FuzzyDate
    end: FuzzyDate | None = None

    @property
    def earliest(self) -> dt.date:
        return self.start.earliest

    @property
    def latest(self) -> dt.date:
        return (self.end or self.start).latest

    @property
    def sort_key(self) -> tuple[int, int]:
        """Earliest day first; at the same earliest day the shorter period first (1 July before July)."""
        return (self.earliest.toordinal(), self.latest.toordinal())

    def overlaps(self, lo: dt.date | None, hi: dt.date | None) -> bool:
        if lo is not None and self.latest < lo:
            return False
        return not (hi is not None and self.earliest > hi)

    def display(self) -> str:
        """``5 Aug 2023``, ``1991–1994``, ``27 Sep – 10 Nov 2020``."""
        if self.end is None:
            return self.start.display()
        s, e = self.start, self.end
        if (
            s.precision == Precision.YEAR
            and e.precision == Precision.YEAR
            and not (s.qualifier or e.qualifier)
        ):
            return f"{s.display()}–{e.display()}"
        same_year = s.year == e.year and not s.uncertain and not s.approximate and s.month is not None
        left = s._marked(s._core(long=False, with_year=not same_year))
        return f"{left} – {e.display()}"

    def long(self) -> str:
        if self.end is None:
            return self.start.long()
        text = f"{self.start.long()} – {self.end.long()}"
        duration = self.duration()
        return f"{text} ({duration})" if duration else text

    def length(self) -> tuple[int, str, bool] | None:
        """The span's length as (count, unit, approximate), unit being day, month or year."""
        if self.end is None:
            return None
        s, e = self.start, self.end
        precision = min(s.precision, e.precision)
        if precision == Precision.DAY:
            days = (e.earliest - s.earliest).days + 1
            if days < 62:
                return (days, "day", False)
        about = bool(s.qualifier or e.qualifier or s.approximate or e.approximate)
        if precision == Precision.YEAR:
            years = e.year - s.year
            return (years, "year", about) if years else None
        delta = relativedelta(e.latest + dt.timedelta(days=1), s.earliest)
        months = delta.years * 12 + delta.months + (1 if delta.days >= 15 else 0)
        about = about or precision == Precision.DAY
        if months >= 24:
            return (round(months / 12), "year", about)
        return (max(months, 1), "month", about)

    def duration(self) -> str:
        """The span's length in words, at the precision the dates allow: ``3 years``, ``about 9 months``."""
        length = self.length()
        if length is None:
            return ""
        n, unit, about = length
        return ("about " if about else "") + _plural(n, unit)

    def short_duration(self) -> str:
        """The same length in a few cells, for narrow columns: ``3y``, ``~9mo``, ``44d``."""
        length = self.length()
        if length is None:
            return ""
        n, unit, about = length
        return ("~" if about else "") + f"{n}{ {'day': 'd', 'month': 'mo', 'year': 'y'}[unit] }"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _build(
    year: int,
    month: int | None,
    day: int | None,
    qualifier: str | None,
    mark: str | None,
    text: str,
) -> FuzzyDate:
    if not 1 <= year <= 9999:
        raise DateError(f"year {year} is out of range in date {text!r}")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"month {month} does not exist in date {text!r}")
    if day is not None and month is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError(f"day {day} does not exist in {_MONTH_NAME[month]} {year} (date {text!r})")
    if qualifier and day is not None:
        raise DateError(f"{qualifier!r} applies to a year or a month, not a day (date {text!r})")
    return FuzzyDate(
        year,
        month,
        day,
        qualifier.lower() if qualifier else None,
        approximate=mark in ("~", "%"),
        uncertain=mark in ("?", "%"),
    )


_SENTINEL_A = dt.datetime(1, 1, 1)
_SENTINEL_B = dt.datetime(2, 2, 2)


class _ParserInfo(du_parser.parserinfo):
    """Years are read as written: ``0050`` is the year 50, not 2050."""

    def convertyear(self, year: int, century_specified: bool = False) -> int:
        return year


_INFO = _ParserInfo(dayfirst=True)


def _parse_natural(body: str, qualifier: str | None, mark: str | None, text: str) -> FuzzyDate:
    """Read forms such as ``1 August 2023`` or ``July 2023`` with dateutil.

    dateutil fills missing parts from a default; parsing against two different
    defaults tells which parts were actually written, so the precision is kept.
    """
    years = {int(y) for y in re.findall(r"\b\d{4}\b", body)}
    if not years:
        raise DateError(f"date {text!r} has no four-digit year")
    try:
        a = du_parser.parse(body, parserinfo=_INFO, default=_SENTINEL_A)
        b = du_parser.parse(body, parserinfo=_INFO, default=_SENTINEL_B)
    except (ValueError, OverflowError) as exc:
        raise DateError(_unreadable(text)) from exc
    if a.year != b.year or a.year not in years:
        # dateutil took the four-digit number for something else (a day, a time).
        raise DateError(f"cannot tell the year in date {text!r}: write it as YYYY-MM-DD")
    month = a.month if a.month == b.month else None
    day = a.day if a.day == b.day else None
    if day is not None and month is None:
        raise DateError(_unreadable(text))
    return _build(a.year, month, day, qualifier, mark, text)


def _unreadable(text: str) -> str:
    return (
        f"cannot read date {text!r}: use YYYY, YYYY-MM or YYYY-MM-DD, "
        "optionally with early/mid/late before it or ~ ? % after it"
    )


def parse_date(text: str) -> FuzzyDate:
    """Parse one date as written in a timeline file.

    Accepts ``2023``, ``2023-07``, ``2023-07-05``, ``early 2023-07``,
    ``mid 2023``, EDTF markers ``~`` (approximate), ``?`` (uncertain) and
    ``%`` (both), and natural forms such as ``1 August 2023`` or
    ``early July 2023``.  Raises :class:`DateError` with a one-line message.
    """
    raw = text
    text = " ".join(text.split())
    if not text:
        raise DateError("date is empty")
    qualifier = None
    m = _QUAL.match(text)
    if m:
        qualifier = m.group("q").lower()
        text = m.group("rest")
    iso = _ISO.match(text)
    if iso:
        return _build(
            int(iso.group("y")),
            int(iso.group("m")) if iso.group("m") else None,
            int(iso.group("d")) if iso.group("d") else None,
            qualifier,
            iso.group("mark"),
            raw,
        )
    mark = None
    if text[-1] in "~?%":
        mark, text = text[-1], text[:-1].rstrip()
    if re.fullmatch(r"[\d\-/.]+", text):
        # Digits only but not ISO: 2023/07, 07-2023, 2023-7... ambiguous, refuse.
        raise DateError(_unreadable(raw))
    return _parse_natural(text, qualifier, mark, raw)
