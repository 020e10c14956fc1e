"""A second reading of a date the grammar refused: the forms the world writes around it.

:func:`~timeline.dategrammar.parse_date` reads its own forms first; only a value it refuses is
handed here, so the forms below cost nothing on the way of a date it reads.  Each is read
exactly, by rewriting it into one of the grammar's forms and reading that, or refused with a
message that says why; nothing is guessed:

- numeric dates that read one way (``31/12/1999``, ``4/25/2011``: :mod:`timeline.datenumeric`);
- a time before its date or after a dash: ``14:30 on 3 March 2011``, ``9.15pm on 3 March 2011``,
  ``2:30 p.m. EST, March 3, 2011``, ``1800 hours, 3 March 2011``, ``Thursday 3 March 2011 - 14:30``,
  ``1:07 PM - 13 Nov 2020``, ``April 5, 2024, 00:00 hours CEST``, ``… at 16:09:37 (UTC)``;
- zones in words after a time (``EST``, ``CEST``, ``GMT+4``, ``MSK``: :mod:`timeline.datezones`),
  and a time given again in a second zone in brackets, which must be the same moment
  (``14:30 EST (19:30 GMT)``);
- fractions of a second that are zero (``2011-03-03T14:30:00.000Z``, as JavaScript writes
  it); a fraction that is not zero is refused, since the model keeps whole seconds and dropping
  it would change the time;
- a weekday after the date, in brackets: ``July 14, 1789 (Tuesday)``, checked as one before it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import replace

from .datemodel import DateError, FuzzyDate
from .datenumeric import without_order
from .datezones import ZONE_WORD, offset_text, zone_offset

__all__ = ["reread"]

_AMPM = r"(?P<ampm>[ap]\.?\s?m\.?)(?![A-Za-z])"
_TIME = (
    r"(?:(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\s*" + _AMPM + r"|\s*(?:hours|hrs)\b)?"
    r"|(?P<h2>\d{1,2})\s*(?P<ampm2>[ap]\.?\s?m\.?)(?![A-Za-z])"
    r"|(?P<hm>[012]\d[0-5]\d)\s*(?:hours|hrs)\b)"
)
_ZONE = (
    r"(?P<zone>(?-i:[A-Z]{1,5})(?:[+\-−]\d{1,2}(?::?\d{2})?)?"  # EST, GMT+4 (upper case: not "on")
    r"|[+\-−]\d{2}(?::?\d{2})?"  # +05:30
    r"|[A-Za-z_]+/[A-Za-z0-9_+/\-]+"  # Asia/Baku
    r"|(?i:(?:[a-z]+\s+){1,3}time))"  # Central European Time (datezones.NAMES), local time
)
_AGAIN = r"(?:\s*\((?P<again>[^()]+)\))?"
_CLOCK = _TIME + r"(?:\s*,?\s*" + _ZONE + r")?" + _AGAIN


class _Forms:
    """The patterns of the forms, compiled when the first refused value comes (a valid timeline
    may have none: compiling them at import would cost every start-up)."""

    def __init__(self) -> None:
        #: 14:30 on 3 March 2011; 2:30 p.m. EST, March 3, 2011; 1800 hours, 3 March 2011
        self.time_first = re.compile(
            r"(?:at\s+)?" + _CLOCK + r"(?:\s*,\s*(?:on\s+)?|\s+on\s+|\s+[-–—]\s+|\s+)(?P<date>.+)", re.I
        )
        #: Thursday 3 March 2011 - 14:30; 3 March 2011, 9.15pm; 2011-03-03 14:30 EST; 3 March 2011 at 2 pm
        self.time_last = re.compile(
            r"(?P<date>.*?\d)(?:\s*,\s*|\s+[-–—]\s+|\s*,?\s+at\s+|T|\s+)" + _CLOCK, re.I
        )
        self.clock = re.compile(_CLOCK, re.I)
        self.zone = re.compile(_ZONE)
        self.fraction = re.compile(r"(\d{1,2}:\d{2}:\d{2})[.,](\d+)(?!\d)")
        self.late_weekday = re.compile(
            r"(?P<body>.*\S)\s*\((?P<wd>(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)\.?\)",
            re.I,
        )


@functools.cache
def _forms() -> _Forms:
    return _Forms()


#: A reader of one written date: the grammar's :func:`~timeline.dategrammar.parse_date`, or the
#: grammar alone, without this second reading (the grammar hands them in: it builds on this module).
Reader = Callable[[str], FuzzyDate]


def reread(text: str, refused: DateError, read: Reader, grammar: Reader) -> FuzzyDate:
    """``text`` read in one of the forms above, or :class:`DateError`: ``refused`` (the grammar's
    reason) when it is in none of them, else the reason the form cannot be read.  ``read`` reads
    a part or a rewritten value (this included); ``grammar`` a value in the grammar's own forms."""
    forms = _forms()
    flat = " ".join(text.split())
    m = forms.late_weekday.fullmatch(flat)
    if m:
        return _again(f"{m.group('wd')} {m.group('body')}", text, refused, read)
    m = forms.fraction.search(flat)
    if m:
        if m.group(2).strip("0"):
            raise DateError(
                f"the time in {text!r} has a fraction of a second (.{m.group(2)}): fractions of a "
                f"second are not kept, and dropping it would change the time; write it to the second "
                f"({m.group(1)}) if that is meant"
            )
        return _again(flat[: m.end(1)] + flat[m.end() :], text, refused, read)
    numeric = without_order(flat)  # a DateError for a numeric date that reads two ways
    if numeric != flat:
        return _again(numeric, text, refused, read)
    for pattern in (forms.time_first, forms.time_last):
        m = pattern.fullmatch(flat)
        if m is None:
            continue
        try:
            date = read(m.group("date"))
        except DateError:
            continue
        if date.day is None or date.month is None or date.timed:
            continue
        return _at(date, m, text, grammar)
    raise refused


def _again(rewritten: str, text: str, refused: DateError, read: Reader) -> FuzzyDate:
    """``rewritten`` read; its refusal quotes ``text``, as written."""
    if rewritten == text:
        raise refused
    try:
        return read(rewritten)
    except DateError as exc:
        message = str(exc)
        if repr(rewritten) in message:
            raise DateError(message.replace(repr(rewritten), repr(text))) from None
        raise DateError(f"{message} (in {text!r})") from None


def _clock(m: re.Match[str], text: str) -> tuple[int, int, int | None]:
    """(hour, minute, second) of a written time of day."""
    if m.group("hm"):
        hour, minute, second = int(m.group("hm")[:2]), int(m.group("hm")[2:]), None
        ampm = ""
    elif m.group("h2"):
        hour, minute, second = int(m.group("h2")), 0, None
        ampm = m.group("ampm2")
    else:
        hour, minute = int(m.group("h")), int(m.group("mi"))
        second = int(m.group("s")) if m.group("s") else None
        ampm = m.group("ampm") or ""
    ampm = ampm.replace(".", "").replace(" ", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            raise DateError(f"the time in {text!r} does not exist: with am/pm hours run from 1 to 12")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if not (0 <= hour <= 23 and 0 <= minute <= 59 and 0 <= (second or 0) <= 59):
        raise DateError(f"the time in {text!r} does not exist: times run from 00:00 to 23:59:59")
    return hour, minute, second


def _offset(zone: str, text: str, when: tuple[int, int, int, int, int]) -> int:
    if zone[0] in "+-−" and re.fullmatch(ZONE_WORD, zone) is None:
        digits = zone[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:] or 0)
        if minutes > 59:
            raise DateError(f"the UTC offset in {text!r} does not exist: write e.g. +04:00")
        return (hours * 60 + minutes) * (-1 if zone[0] in "-−" else 1)
    return zone_offset(zone, text, when)


def _at(date: FuzzyDate, m: re.Match[str], text: str, grammar: Reader) -> FuzzyDate:
    """``date`` at the time of day ``m`` gives, in its zone (read by the grammar alone: what it
    refuses here is refused)."""
    assert date.month is not None and date.day is not None
    hour, minute, second = _clock(m, text)
    y = date.year
    day = (f"-{-y:04d}" if y < 0 else f"{y:04d}") + f"-{date.month:02d}-{date.day:02d}"
    clock = f"{hour:02d}:{minute:02d}" + (f":{second:02d}" if second is not None else "")
    zone, again = m.group("zone"), m.group("again")
    if zone is None and again and _forms().zone.fullmatch(again.strip()):
        zone, again = again.strip(), None  # 16:09:37 (UTC): the zone in brackets
    local = (y, date.month, date.day, hour, minute)
    if zone is not None and zone.lower().split() == ["local", "time"]:
        zone = None  # a time without an offset is the local time
    if zone is None:
        written = f"{day}T{clock}"
    elif "/" in zone:
        written = f"{day}T{clock} {zone}"  # an IANA name: the grammar finds its offset then
    else:
        written = f"{day}T{clock}{offset_text(_offset(zone, text, local))}"
    try:
        read = grammar(written)
    except DateError as exc:
        if written == text:
            raise
        message = str(exc)
        if repr(written) in message:
            raise DateError(message.replace(repr(written), repr(text))) from None
        raise DateError(f"{message} (in {text!r})") from None
    if again:
        _same_moment(read, again, text, grammar)
    if date.approximate or date.uncertain:
        read = replace(read, approximate=date.approximate, uncertain=date.uncertain)
    return read


def _same_moment(read: FuzzyDate, again: str, text: str, grammar: Reader) -> None:
    """A time given again in another zone, in brackets, must be the same moment."""
    m = _forms().clock.fullmatch(again.strip())
    if m is None or m.group("zone") is None or m.group("again"):
        raise DateError(
            f"cannot read {again!r} in {text!r}: a time given again in brackets is written with its "
            "zone, e.g. (19:30 GMT)"
        )
    if read.offset is None:
        raise DateError(f"the time in {text!r} is given again in another zone but has none itself")
    assert read.month is not None and read.day is not None and read.hour is not None
    other = _at(read.__class__(read.year, read.month, read.day), m, text, grammar)
    assert other.hour is not None and other.offset is not None
    first = read.hour * 60 + (read.minute or 0) - read.offset
    # the second time may fall on the day before or after (19:30 EST is 00:30 GMT the next day)
    second = other.hour * 60 + (other.minute or 0) - other.offset
    if (first - second) % (24 * 60):
        raise DateError(
            f"the time in {text!r} is given in two zones that disagree: {_utc(first)} and "
            f"{_utc(second)} in UTC; give it once, with its zone"
        )


def _utc(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
