"""Time zones written in words: ``UTC``, ``GMT``, ``Z``, ``EST``, ``CEST``, ``MSK``, ``GMT+4``…

An abbreviation is read only where it has one meaning.  Most have one fixed offset by
definition (``EST`` is five hours behind UTC all year; a summer date written ``EST`` is still
``-05:00``).  ``MSK`` is the one in the table whose offset changed over the years (+03:00, +04:00
from 2011 to 2014): it is read through the IANA zone Europe/Moscow, and only at a moment when
that zone called its time ``MSK``.  An abbreviation with several meanings (``IST``: India,
Ireland or Israel) is refused with the offsets to choose from; one not in either table is
refused as unknown.  Nothing here guesses from the writer's likely country.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo

from .datemodel import DateError, zone_info, zoneinfo_covers

__all__ = ["AMBIGUOUS", "FIXED", "ZONE_WORD", "offset_text", "zone_offset"]

#: Abbreviations with one meaning, and its offset from UTC in minutes.
FIXED: dict[str, int] = {
    "UTC": 0,
    "UT": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "WEST": 60,
    "CET": 60,
    "CEST": 120,
    "MET": 60,
    "MEST": 120,
    "EET": 120,
    "EEST": 180,
    "EST": -300,
    "EDT": -240,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
    "AKST": -540,
    "AKDT": -480,
    "HST": -600,
    "NST": -210,
    "NDT": -150,
    "JST": 540,
    "KST": 540,
    "HKT": 480,
    "AWST": 480,
    "ACST": 570,
    "ACDT": 630,
    "AEST": 600,
    "AEDT": 660,
    "NZST": 720,
    "NZDT": 780,
    "PKT": 300,
    "SAST": 120,
    "EAT": 180,
    "WAT": 60,
    "CAT": 120,
}

#: Abbreviations with several meanings: the meanings, each with its offset in minutes.
AMBIGUOUS: dict[str, tuple[tuple[str, int, str], ...]] = {
    "IST": (
        ("India", 330, "Asia/Kolkata"),
        ("Ireland", 60, "Europe/Dublin"),
        ("Israel", 120, "Asia/Jerusalem"),
    ),
    "CST": (
        ("US Central", -360, "America/Chicago"),
        ("China", 480, "Asia/Shanghai"),
        ("Cuba", -300, "America/Havana"),
    ),
    "CDT": (("US Central", -300, "America/Chicago"), ("Cuba", -240, "America/Havana")),
    "AMT": (("Armenia", 240, "Asia/Yerevan"), ("Amazon", -240, "America/Manaus")),
    "BST": (("British Summer", 60, "Europe/London"), ("Bangladesh", 360, "Asia/Dhaka")),
    "AST": (("Atlantic", -240, "America/Halifax"), ("Arabia", 180, "Asia/Riyadh")),
    "ADT": (("Atlantic", -180, "America/Halifax"), ("Arabia", 240, "Asia/Baghdad")),
    "GST": (("Gulf", 240, "Asia/Dubai"), ("South Georgia", -120, "Atlantic/South_Georgia")),
    "SST": (("Samoa", -660, "Pacific/Pago_Pago"), ("Singapore", 480, "Asia/Singapore")),
    "MST": (("US Mountain", -420, "America/Denver"), ("Malaysia", 480, "Asia/Kuala_Lumpur")),
    "ECT": (("Ecuador", -300, "America/Guayaquil"), ("Eastern Caribbean", -240, "America/Port_of_Spain")),
}
#: Zones written out in words, each with one meaning (any case): the offset in minutes.
NAMES: dict[str, int] = {
    "coordinated universal time": 0,
    "universal time": 0,
    "greenwich mean time": 0,
    "british summer time": 60,
    "irish standard time": 60,
    "western european time": 0,
    "western european summer time": 60,
    "central european time": 60,
    "central european summer time": 120,
    "eastern european time": 120,
    "eastern european summer time": 180,
    "eastern standard time": -300,
    "eastern daylight time": -240,
    "central standard time": -360,
    "central daylight time": -300,
    "mountain standard time": -420,
    "mountain daylight time": -360,
    "pacific standard time": -480,
    "pacific daylight time": -420,
    "india standard time": 330,
    "israel standard time": 120,
    "japan standard time": 540,
    "china standard time": 480,
}

#: Abbreviations whose offset changed over the years: read through this IANA zone, at a moment
#: when the zone itself used the abbreviation.
_THROUGH_ZONE = {"MSK": "Europe/Moscow", "MSD": "Europe/Moscow"}

#: US time-zone words without "standard" or "daylight" (``8:00 a.m. ET``): the time the zone kept
#: at that moment, read through its IANA zone, under any of the names the zone then used (EST or
#: EDT, and EWT/EPT in the Second World War); before standard time (1883) there is none.  ``MT``
#: is read only where Denver and Phoenix (Arizona keeps standard time all summer) agree.
US_WORDS: dict[str, tuple[str, ...]] = {
    "ET": ("America/New_York",),
    "CT": ("America/Chicago",),
    "MT": ("America/Denver", "America/Phoenix"),
    "PT": ("America/Los_Angeles",),
}

#: A zone written in words after a time: an abbreviation, or UTC/GMT with an offset (``GMT+4``,
#: ``UTC-05:30``).  Upper case only: ``at`` or ``on`` are words, not zones.
#: (A pattern, compiled by ``re`` on first use.)
ZONE_WORD = r"(?P<abbr>[A-Z]{1,5})(?:(?P<sign>[+\-−])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?)?"


def offset_text(minutes: int) -> str:
    """``+04:00``, ``-05:30``: an offset as ISO 8601 writes it."""
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _choices(abbr: str) -> str:
    return " or ".join(f"{offset_text(off)} ({place}, {zone})" for place, off, zone in AMBIGUOUS[abbr])


def zone_offset(word: str, text: str, when: tuple[int, int, int, int, int] | None = None) -> int:
    """The offset in minutes of a zone written in words (``EST``, ``GMT+4``), in date ``text``;
    ``when`` is the local (year, month, day, hour, minute), for an abbreviation read through an
    IANA zone.  :class:`DateError` for an ambiguous or unknown one."""
    named = NAMES.get(" ".join(word.lower().split()))
    if named is not None:
        return named
    m = re.fullmatch(ZONE_WORD, word)
    if m is None:
        raise DateError(f"time zone {word!r} in {text!r} is not understood: write an offset such as +04:00")
    abbr = m.group("abbr")
    if m.group("sign"):
        if abbr not in ("UTC", "GMT", "UT"):
            raise DateError(
                f"time zone {word!r} in {text!r} is not understood: an offset follows UTC or GMT "
                "(GMT+4), or is written alone (+04:00)"
            )
        hours, minutes = int(m.group("h")), int(m.group("m") or 0)
        if hours > 14 or minutes > 59 or hours * 60 + minutes > 14 * 60:  # UTC−12 to UTC+14
            raise DateError(f"the UTC offset in {text!r} does not exist: write e.g. +04:00")
        return (hours * 60 + minutes) * (-1 if m.group("sign") in "-−" else 1)
    if abbr in AMBIGUOUS:
        raise DateError(
            f"time zone {abbr} in {text!r} is ambiguous: {_choices(abbr)}; write the offset or the "
            "IANA name meant"
        )
    if abbr in FIXED:
        return FIXED[abbr]
    if abbr in _THROUGH_ZONE:
        zone = _THROUGH_ZONE[abbr]
        if when is None or not zoneinfo_covers(when[0]):
            raise DateError(f"{abbr} in {text!r} needs a full date and time to know its offset then")
        try:
            local = dt.datetime(*when, tzinfo=zone_info(zone))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            raise DateError(f"{abbr} in {text!r}: write the offset, e.g. +03:00") from None
        delta, name = local.utcoffset(), local.tzname()
        if delta is None or name != abbr or delta.total_seconds() % 60:
            raise DateError(
                f"{zone} did not call its time {abbr} then ({name}) in {text!r}: write the offset"
            )
        one_moment(local, abbr, zone, text)
        return int(delta.total_seconds()) // 60
    if abbr in US_WORDS:
        return _us_word(abbr, text, when)
    raise DateError(
        f"time zone {abbr!r} in {text!r} is not an abbreviation this reads: write the offset "
        "it meant (such as +04:00) or the IANA name of the place (such as Europe/Moscow)"
    )


def one_moment(local: dt.datetime, abbr: str, zone: str, text: str) -> None:
    """:class:`DateError` unless the wall time ``local`` in ``zone`` was one moment: not an hour
    the clocks went back over (it came twice that night) nor one they skipped."""
    if local.replace(fold=1 - local.fold).utcoffset() == local.utcoffset():
        return
    back = dt.datetime.fromtimestamp(local.timestamp(), local.tzinfo).replace(tzinfo=None)
    what = "came twice" if back == local.replace(tzinfo=None) else "did not exist"
    said = f"{local:%H:%M}" + (f" {abbr}" if abbr != zone else "")
    raise DateError(f"{said} {what} that night in {zone} ({text!r}): write the offset")


def _us_word(abbr: str, text: str, when: tuple[int, int, int, int, int] | None) -> int:
    """The offset of ``ET``, ``CT``, ``MT`` or ``PT`` at local time ``when`` (see :data:`US_WORDS`)."""
    if when is None or not zoneinfo_covers(when[0]):
        raise DateError(f"{abbr} in {text!r} needs a full date and time to know its offset then")
    found: dict[int, str] = {}
    for zone in US_WORDS[abbr]:
        try:
            local = dt.datetime(*when, tzinfo=zone_info(zone))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            raise DateError(f"{abbr} in {text!r}: write the offset, e.g. -05:00") from None
        delta, name = local.utcoffset(), local.tzname() or ""
        if delta is None or name[:1] != abbr[0] or not name.endswith("T") or delta.total_seconds() % 60:
            raise DateError(f"{zone} kept no standard time then ({name}) in {text!r}: write the offset")
        one_moment(local, abbr, zone, text)
        found.setdefault(int(delta.total_seconds()) // 60, zone)
    if len(found) > 1:
        options = " or ".join(f"{offset_text(off)} ({zone})" for off, zone in found.items())
        raise DateError(
            f"time zone {abbr} in {text!r} is ambiguous then: {options}; write the offset or the "
            "IANA name meant"
        )
    return next(iter(found))
