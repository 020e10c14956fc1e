"""Reading one written date: the grammar behind :func:`parse_date`, and :func:`make_date`.

Nothing is guessed.  The grammar is explicit (ISO 8601 and EDTF forms first,
then the natural forms listed in the README); anything else is refused with a
one-line :class:`DateError` that shows the accepted spelling.  Numeric forms
that could be read day-first or month-first (``12/7/1941``) are refused, a
weekday that does not match the date is refused, and so is a zone abbreviation
(``AMT`` is both Armenia and Amazon time).

Why a hand-written grammar and not the ``edtf`` or ``undate`` packages: both
read EDTF well, but a plain ``2023-07-05`` takes them milliseconds (about
5 ms and 2 ms, against microseconds here), which at 100,000 events is minutes
on the loader's hot path; neither reads the natural forms (``300 BC``,
``20 September 2023, 1 pm``) or displays dates that read back.

Ranges in one value (``1991–1994``) are read by :mod:`timeline.dateranges`, on top of this.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import zoneinfo
from dataclasses import replace
from functools import lru_cache
from typing import TypedDict

from .datecalendar import check_weekday
from .datemodel import (
    MAX_YEAR,
    MIN_YEAR,
    MONTH_ABBR,
    MONTH_NAME,
    WEEKDAYS,
    DateError,
    FuzzyDate,
    check_zone,
    month_days,
    ordinal,
    part_name,
    year_text,
    zone_info,
    zoneinfo_covers,
)
from .datenumeric import read_in_order
from .datereread import reread
from .datezones import one_moment

__all__ = ["MAX_LENGTH", "MEMO_SIZE", "NotARange", "TwoWays", "make_date", "parse_date", "too_long"]


class TwoWays(DateError):
    """A value two readings fit (``2022-23``: autumn 2022 in EDTF, or the years 2022–2023)."""


class NotARange(DateError):
    """A form in words read and refused as a whole (``winter 1941–43``): not to be split as a range."""


_SEASON_CODE = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}

#: How many spellings :func:`parse_date` (and :func:`~timeline.dateranges.parse_when`) remember:
#: a timeline repeats its dates, so each spelling is read once; the bound keeps a long-running
#: process that reads many timelines from growing without end.
MEMO_SIZE = 1 << 16


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
    period: int = 0,
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
        last = month_days(year, month)
        if not 1 <= day <= last:
            raise DateError(
                f"day {day} does not exist in {MONTH_NAME[month]} {year_text(year)} (date {text!r})"
            )
    if period:
        _check_period(text, year, period, qualifier)
    elif qualifier and qualifier.endswith("half"):
        raise DateError(
            f"{qualifier!r} applies to a decade, a century or a millennium (date {text!r}): "
            "for part of a year write its months, e.g. 2015-01/2015-06"
        )
    if qualifier and (day is not None or part is not None):
        what = "a day" if day is not None else "a season or quarter"
        raise DateError(
            f"{qualifier!r} applies to a decade, a year or a month, not {what} (date {text!r}): "
            f"write e.g. {qualifier} July 2023"
        )
    if part == 24 and year == MAX_YEAR:
        raise DateError(f"winter {year} runs into the year 10000 (date {text!r}): years end at 9999")
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
        period,
        part,
        hour,
        minute,
        second,
        offset,
    )


def _check_period(text: str, year: int, period: int, qualifier: str | None) -> None:
    """That a decade, century or millennium starts where one does, and ends by 9999."""
    if period == 10:  # the 1990s start in 1990; the 420s BC (429–420 BC) in -428
        ok = (year >= 10 and year % 10 == 0) or (year <= -8 and year % 10 == 2)
    elif period in (100, 1000):
        ok = year % period == 1  # the 9th century is 801-900; the 3rd century BC is -299..-200
    else:
        ok = False
    if not ok or year + period - 1 > MAX_YEAR or year < MIN_YEAR:
        raise DateError(
            f"cannot read date {text!r}: no decade, century or millennium starts in {year_text(year)}"
        )
    if qualifier not in (None, "early", "mid", "late", "first half", "second half"):
        raise DateError(f"cannot read date {text!r}: unknown qualifier {qualifier!r}")


_PLAIN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_ISO = re.compile(
    r"(?P<y>-?\d{3,})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?:(?:T|\s+(?:at\s+)?)(?P<time>\d.*))?", re.I
)
_CIRCA = re.compile(r"(?:c\.|ca\.|circa\b|about\b|around\b|approx\.|approximately\b|c\b|ca\b)\s*", re.I)
_QUALIFIER = re.compile(r"(early|mid|late)(?:\s+|-)(?=\S)", re.I)
_MONTHS = {name.lower(): n for n, name in enumerate(MONTH_NAME) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(MONTH_ABBR) if name})
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_NAMES = {name.lower(): n for n, name in enumerate(WEEKDAYS)}
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
                tz = zone_info(zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
                raise DateError(
                    f"unknown time zone {zone!r} in {text!r}: use an IANA name such as Asia/Baku, "
                    "or an offset such as +04:00"
                ) from None
            if not zoneinfo_covers(year):
                raise DateError(f"a named time zone needs a year from 2 to 9998 in {text!r}: write an offset")
            local = dt.datetime(year, month, day, hour, minute or 0, second or 0, tzinfo=tz)
            one_moment(local, zone, zone, text)  # not an hour the clocks skipped or showed twice
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
                "(AMT is Armenia and Amazon time): write the offset it meant (such as +04:00) or "
                "the IANA name of the place (such as Asia/Yerevan for Armenia)"
            )
    if ampm and minute is None:
        minute = 0
    return hour, minute or 0, second, offset


class _Marks(TypedDict):
    qualifier: str | None
    approximate: bool
    uncertain: bool


@lru_cache(maxsize=MEMO_SIZE)
def parse_date(text: str, order: str | None = None) -> FuzzyDate:
    """Read one date as written in a timeline file; :class:`DateError` with a one-line message.

    See the README's date table for every form.  Dates already read are remembered (up to
    :data:`MEMO_SIZE` spellings), so a timeline that repeats its dates (most do) reads each
    spelling once; a refusal is not remembered.  ``order`` is the file's ``date-order:``
    (``day-first`` or ``month-first``), for its numeric dates (:mod:`timeline.datenumeric`).
    A value the grammar refuses is read again in the forms of :mod:`timeline.datereread`.
    """
    plain = _PLAIN.fullmatch(text)
    if plain and (plain.group(2) or "0") < "13":  # 2023-21 is a season: the full grammar
        y, m, d = plain.groups()
        return make_date(text, int(y), int(m) if m else None, int(d) if d else None)
    if order is not None:
        return read_in_order(text, order, parse_date)
    try:
        return _parse(text)
    except DateError as exc:
        return reread(text, exc, parse_date, _parse)


_WRITTEN = re.compile(r"\s*\(written (?P<w>[^()]+)\)$")


#: No written date, nor any date or span the model shows, is longer than this. The longest shown
#: is a span's long form with a zone, what was written and the length on both sides (about 260
#: characters with the longest IANA names); a property test found one of 203 when this was 200.
MAX_LENGTH = 400


def too_long(text: str) -> DateError:
    """The refusal of a text longer than :data:`MAX_LENGTH`, quoting only its start."""
    head = " ".join(text[:40].split())
    return DateError(f"date {head!r}… is {len(text)} characters long: a date is at most {MAX_LENGTH}")


def _parse(raw: str) -> FuzzyDate:
    if len(raw) > MAX_LENGTH:
        raise too_long(raw)
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
        return _parse_words(raw, body, uncertain)
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
        check_weekday(weekday, date.year, date.month, date.day, raw)  # Julian too before 1582
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
            raise TwoWays(
                f"date {raw!r} can be read two ways: write {year}–{year + 1} for the two years, "
                f"or {part_name(part)} {year}"
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
        return make_date(raw, y, period=10, **marks)
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


# -- dates in words: centuries, ordinals, "the 1960s", "Autumn, 1972", "c1350" ------------------
#
# Read only once the forms above have refused a text (or, for a misspelt ordinal, after they
# accept it), so that the forms most files use pay nothing for them.

_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
_ORDINAL_WORDS = {word: n for n, word in enumerate(_ORDINALS, 1)}
_ORDINAL_WORDS.update(
    {f"twenty{sep}{word}": 20 + n for n, word in enumerate(_ORDINALS[:9], 1) for sep in "- "}
)
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUE = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_SUFFIX = re.compile(r"\b(\d+)(st|nd|rd|th)\b", re.I)
_BC = r"(?:BCE|BC|B\.C\.E\.|B\.C\.)"
_AD = r"(?:CE|AD|A\.D\.|C\.E\.)"
_PERIOD_NUMBER = r"(?P<n>\d{1,3}(?:st|nd|rd|th)|[A-Za-z]+(?:[- ][a-z]+)?)"
_PERIOD = re.compile(
    _PERIOD_NUMBER
    + r"[\s-]+(?P<unit>century|centuries|cent\.|c\.|millennium|millennia|millenium|milleniums?)"
    + r"(?:\s*(?:(?P<bc>"
    + _BC
    + r")|"
    + _AD
    + r"))?",
    re.I,
)
_DECADE_BC = re.compile(r"(?P<y>\d{2,4})'?s\s*" + _BC, re.I)
_SHORT_DECADE = re.compile(r"'?(?P<y>\d0)'?s(?:\s*" + _BC + r")?", re.I)
_TIGHT_CIRCA = re.compile(r"(?:c|ca|circa)\.?\s*(?=\d)", re.I)
_CIRCA_AFTER = re.compile(r"(?<=\d)\s*(?:c|ca|circa)\.?$", re.I)
#: "the" before what English writes it with (the 1960s, the 3rd of March, the 9th century, the
#: autumn of 1972), not before a plain year or month ("the 1941", "the March 1999" are no dates).
_THE = re.compile(
    r"the\s+(?=\d+(?:st|nd|rd|th|'?s)\b|'\d|(?!(?:" + _MONTH_RE + r"|AD|A\.D\.|CE|C\.E\.)\b)[a-z])", re.I
)
_HALF = re.compile(r"(?P<h>first|second|1st|2nd)\s+half\s+of\s+(?:the\s+)?", re.I)
_OF_DAY = re.compile(r"(?P<d>\d{1,2}(?:st|nd|rd|th))\s+of\s+", re.I)
_MONTH_THE = re.compile(r"(?P<mon>(?:" + _MONTH_RE + r")\.?)\s+the\s+(?=\d{1,2}(?:st|nd|rd|th)\b)", re.I)
_SEASON_COMMA = re.compile(r"(?P<s>spring|summer|autumn|fall|winter),?(?:\s+of)?,?\s+(?P<rest>\d.*)", re.I)
_WINTER_TWO = re.compile(
    r"winter(?:\s+of)?,?\s+(?P<a>\d{4})(?P<sep>\s*(?:[-–—/]|--)\s*)(?P<b>\d{2}|\d{4})", re.I
)
_QUARTER_WORDS = re.compile(
    r"(?:(?P<w>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter|Q(?P<q>[1-4])|(?P<q2>[1-4])Q)"
    r"(?:,|\s+of)?\s+(?P<rest>\d.*)",
    re.I,
)
_QUARTER_NUMBER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_THOUSANDS_BC = re.compile(r"(?P<a>\d{1,2}),(?P<b>\d{3})(?=\s*" + _BC + r"$)", re.I)


def _roman(text: str) -> int | None:
    """The value of a roman numeral written in capitals (``XIV`` is 14), or None."""
    if not text or not _ROMAN.fullmatch(text):
        return None
    values = [_ROMAN_VALUE[ch] for ch in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _check_suffixes(raw: str, body: str) -> None:
    """Every ordinal spelt as English spells it: ``3rd``, ``21st``, ``11th``; not ``3th``."""
    for m in _SUFFIX.finditer(body):
        n, suffix = int(m.group(1)), m.group(2).lower()
        right = ordinal(n)[len(str(n)) :]
        if suffix != right:
            raise DateError(
                f"cannot read date {raw!r}: the ordinal {m.group(0)!r} is misspelt, write {n}{right}"
            )


def _parse_words(raw: str, body: str, uncertain: bool) -> FuzzyDate:
    """:func:`_parse_body`, then, if it refuses the text, the forms in words (:func:`_words`)."""
    try:
        date = _parse_body(raw, body, uncertain)
    except TwoWays:
        raise
    except DateError:
        words = _words(raw, body, uncertain)
        if words is None:
            raise
        return words
    if date.day is not None and _SUFFIX.search(body):
        _check_suffixes(raw, body)
    return date


def _period_number(raw: str, written: str, unit: str) -> int:
    """The number of a century or millennium: ``9th``, ``ninth``, ``IX``."""
    if written[0].isdigit():
        _check_suffixes(raw, written)
        if int(written[:-2]) == 0:  # "0th century" would be read as the 1st century BC
            raise DateError(f"there is no {written} {unit} in {raw!r}: the first is the 1st {unit}")
        return int(written[:-2])
    n = _ORDINAL_WORDS.get(written.lower()) or _roman(written)
    if not n:
        raise DateError(
            f"cannot read {written!r} as the number of a {unit} in {raw!r}: "
            f"write e.g. 9th {unit}, ninth {unit} or IX {unit}"
        )
    return n


def _period(raw: str, text: str) -> tuple[int, int] | None:
    """(first astronomical year, years) of ``9th century``, ``III millennium BC``, ``420s BC``."""
    m = _PERIOD.fullmatch(text)
    if m:
        unit = m.group("unit").lower()
        length = 100 if unit.startswith(("cent", "c.")) else 1000
        word = "century" if length == 100 else "millennium"
        if unit in ("centuries", "millennia", "millenniums", "milleniums"):
            raise DateError(
                f"{unit!r} in {raw!r} needs two of them: write e.g. 15th–16th {unit}, or one {word}"
            )
        n = _period_number(raw, m.group("n"), word)
        if m.group("bc"):
            return -n * length + 1, length  # the 3rd century BC: 300 BC (-299) to 201 BC
        return (n - 1) * length + 1, length
    m = _DECADE.fullmatch(text)
    if m and int(m.group("y")) % 100:  # "the 1960s", "second half of the 1990s" (1900s: refused below)
        return int(m.group("y")), 10
    m = _DECADE_BC.fullmatch(text)
    if m:
        n = int(m.group("y"))
        if n % 10:
            raise DateError(f"cannot read date {raw!r}: a decade is written like 420s BC")
        if n % 100 == 0:
            raise DateError(
                f"{text!r} in {raw!r} can mean a decade or a century: write {n + 9}–{n} BC or {n + 99}–{n} BC"
            )
        return -n - 8, 10  # the 420s BC: 429 BC (-428) to 420 BC
    if _SHORT_DECADE.fullmatch(text):
        raise DateError(f"cannot read date {raw!r}: the century of {text!r} is not written, as in 1960s")
    return None


def _words(raw: str, body: str, uncertain: bool) -> FuzzyDate | None:
    """A date in words the forms of :func:`_parse_body` do not read, or None if ``body`` is none."""
    _check_suffixes(raw, body)
    text, tail, changed = body, "", False
    if "\u2019" in text:  # 1960’s, as word processors write the apostrophe
        text, changed = text.replace("\u2019", "'"), True
    if text and text[-1] in "~?%":
        tail, text = text[-1], text[:-1].rstrip()
    approximate = False
    m = _CIRCA.match(text) or _TIGHT_CIRCA.match(text)
    if m and m.end() < len(text):
        approximate, text, changed = True, text[m.end() :], True
    else:
        m = _CIRCA_AFTER.search(text)
        if m and m.start() > 0:
            approximate, text, changed = True, text[: m.start()], True
    m = _THE.match(text)
    if m:
        text, changed = text[m.end() :], True
    qualifier = None
    m = _QUALIFIER.match(text) or _HALF.match(text)
    if m:
        half = m.groupdict().get("h")
        changed = changed or bool(half)
        qualifier = (
            (half.lower().replace("1st", "first").replace("2nd", "second") + " half") if half else m.group(1)
        )
        qualifier, text = qualifier.lower(), text[m.end() :]
        m = _THE.match(text)
        if m:
            text, changed = text[m.end() :], True
    if tail:
        approximate = approximate or tail in "~%"
        uncertain = uncertain or tail in "?%"
    period = _period(raw, text)
    if period is not None:
        year, length = period
        return make_date(
            raw, year, qualifier=qualifier, approximate=approximate, uncertain=uncertain, period=length
        )
    reworded = _reword(raw, text)
    if reworded is not None:
        text, changed = reworded, True
    if not changed:
        return None
    if qualifier is not None and qualifier.endswith("half"):
        make_date(raw, 2000, qualifier=qualifier)  # the refusal of a half of anything else
    date = _parse_body(raw, f"{qualifier} {text}" if qualifier else text, uncertain)
    return replace(date, approximate=True) if approximate and not date.approximate else date


def _reword(raw: str, text: str) -> str | None:
    """``text`` in the spelling :func:`_parse_body` reads: ``3rd March 1999`` for ``3rd of March,
    1999``, ``Q2 2015`` for ``the second quarter of 2015``; None if it is no such form."""
    m = _WINTER_TWO.fullmatch(text)
    if m:
        a, b = int(m.group("a")), m.group("b")
        if len(b) == 4 and "/" not in m.group("sep"):
            if int(b) != a + 1 or " " in m.group("sep"):
                return None  # winter 1941–1945, winter 1941 – 1942: from a winter to a year
            raise TwoWays(
                f"date {raw!r} can be read two ways: write winter {a}–{b[2:]} (or winter {a}) for "
                f"December {a} to February {a + 1}, or winter {a} – Dec {b} for the range"
            )
        if int(b) != (a + 1) % 10 ** len(b):
            raise NotARange(
                f"cannot read date {raw!r}: a winter runs from December into the next year, "
                f"so it is written winter {a}–{str(a + 1)[-len(b) :]}"
            )
        return f"winter {a}"
    m = _SEASON_COMMA.fullmatch(text)
    if m:
        return f"{m.group('s').lower()} {m.group('rest')}"
    m = _QUARTER_WORDS.fullmatch(text)
    if m:
        q = m.group("q") or m.group("q2") or _QUARTER_NUMBER[m.group("w").lower()]
        return f"Q{q} {m.group('rest')}"
    m = _OF_DAY.match(text)
    if m:
        return f"{m.group('d')} {text[m.end() :]}"
    m = _MONTH_THE.match(text)
    if m:
        return f"{m.group('mon')} {text[m.end() :]}"
    m = _THOUSANDS_BC.search(text)
    if m:
        return text[: m.start()] + m.group("a") + m.group("b") + text[m.end() :]
    return None
