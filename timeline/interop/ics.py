"""``timeline export -f ics``: the events as an iCalendar file (RFC 5545) for calendar programs.

One ``VEVENT`` per event, in the timeline's order, in a ``VCALENDAR`` with ``VERSION``, ``PRODID``
and ``CALSCALE``.  Lines end in CRLF and are folded at 75 octets, never inside a UTF-8 character;
text values are escaped (``\\``, ``;``, ``,`` and newlines) and cleaned of control characters
(:func:`timeline.sanitize.clean`), so nothing from the file can end a line or a property.

**When.**  A date without a time of day is an all-day span covering every day the model says it
may mean (:attr:`Span.first_day <timeline.dates.Span.first_day>` to :attr:`~timeline.dates.Span.last_day`,
never recomputed here): ``DTSTART;VALUE=DATE`` its first day, ``DTEND;VALUE=DATE`` the day after
its last (RFC 5545's end is exclusive), so July 2023 is 1 July to 1 August, ``early 2023-07`` 1 to
11 July, the 1990s 1990-01-01 to 2000-01-01.  A range takes the first day of its start and the
last of its end.  A time of day is written in UTC (``…Z``), converted from the offset written or the
timeline's zone, as the model converts it: every calendar program reads UTC and shows it in its
reader's zone, where a ``TZID`` would need a ``VTIMEZONE`` with the zone's rules spelt out
(which Python's zoneinfo does not expose, and which programs handle unevenly).  The zone, and
the time as the timeline shows it, stay in the description's first line.  A time with no offset in
a timeline with no zone is a floating time (no ``Z``), as it was written.  A range with a time at
one end only is all-day, as is one whose ends cannot both be placed in UTC.

**What a calendar cannot hold** is said by :func:`losses`, printed by ``timeline export`` on
standard error like every export's ``not kept`` lines: an event before 1 AD or after 9999 (an
iCalendar date has four digits and no era) is left out; an approximate (``~``) or uncertain
(``?``) date is written as the span it may mean, and its mark is said in the event's title
(``… (c. 1988?)``) and description, which is all a calendar can show of it; the timeline's eras are
named in the calendar's description only.

**Byte-stable.**  Nothing comes from the clock or the machine: ``DTSTAMP`` (which RFC 5545 requires)
is midnight UTC of the newest day the event's record refers to, its own last day or the publication
date of its newest dated source, whichever is later (the record cannot be older than either).
``UID`` is the event id, ``@``, and a digest of the timeline's title under ``.timeline-explorer``:
an event keeps its UID across exports, filtered or not, so a calendar that imports a newer export
updates its events rather than doubling them, and two timelines with an event id in common (with
different titles) do not replace each other's events.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from ..datemodel import zoneinfo_covers
from ..dates import FuzzyDate, Span, day_number, from_day_number
from ..filters import Filter
from ..markdown import safe_url
from ..model import Event, Timeline, split_paragraphs
from ..sanitize import clean

__all__ = ["PRODID", "fold", "is_export", "losses", "text_value", "to_ics"]

#: Who wrote the file, without a version: the same input gives the same bytes whatever the release.
PRODID = "-//timeline-explorer//timeline export -f ics//EN"

#: An iCalendar line is at most 75 octets before its CRLF (RFC 5545, 3.1).
LINE_OCTETS = 75

#: The first and last days a ``DATE`` value can hold (its year has four digits, from 0001).
_FIRST_DAY = day_number(1, 1, 1)
_LAST_DAY = day_number(9999, 12, 31)

#: What TEXT escapes (RFC 5545, 3.3.11): a backslash, a semicolon, a comma and a newline.
_TEXT_ESCAPES = {"\\": "\\\\", ";": "\\;", ",": "\\,", "\n": "\\n"}
_TEXT_SPECIAL = re.compile(r"[\\;,\n]")


def text_value(text: str, *, one_line: bool = True) -> str:
    """``text`` as an iCalendar TEXT value: control characters replaced (:func:`clean`: tabs and
    newlines are kept, every other C0, DEL and C1 character is not), whitespace folded to single
    spaces when ``one_line``, else only newlines kept (each line's spaces folded), then escaped."""
    cleaned = clean(text)[0]
    if one_line:
        cleaned = " ".join(cleaned.split())
    else:
        cleaned = "\n".join(" ".join(line.split()) for line in cleaned.split("\n"))
    return _TEXT_SPECIAL.sub(lambda m: _TEXT_ESCAPES[m.group()], cleaned)


def fold(line: str) -> str:
    """``line`` folded (RFC 5545, 3.1): at most 75 octets a line, each continuation starting with
    a space (counted in its 75), split between UTF-8 characters, never inside one; CRLF after each."""
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return line + "\r\n"
    parts: list[str] = []
    start = 0
    limit = LINE_OCTETS
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: the cut would split a character
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start = end
        limit = LINE_OCTETS - 1  # the leading space of a continuation line is one of its octets
    parts.append(data[start:].decode("utf-8"))
    return "\r\n ".join(parts) + "\r\n"


def _date(day: int) -> str:
    y, m, d = from_day_number(day)
    return f"{y:04d}{m:02d}{d:02d}"


def _representable(when: Span) -> bool:
    """Whether an iCalendar date can hold the span's days (the day after its last one too)."""
    return when.first_day >= _FIRST_DAY and when.last_day < _LAST_DAY


def _shown(timeline: Timeline, event: Event) -> Span:
    """The event's dates, their times in the timeline's zone (as the loader already has them)."""
    return event.when.in_zone(timeline.timezone) if timeline.timezone else event.when


def _in_utc(date: FuzzyDate) -> bool:
    """Whether the model places ``date``'s time in UTC: by its written offset, or by the zone in
    the years zoneinfo covers (the same cases as the model's own conversion)."""
    return date.offset is not None or (date.zone is not None and zoneinfo_covers(date.year))


def _utc_value(date: FuzzyDate) -> str | None:
    """``YYYYMMDDTHHMMSSZ``, the moment the model gives ``date``; None beyond the years 1–9999."""
    days, seconds = divmod(date._utc_seconds(), 86400)  # the model's conversion, not redone here
    if not _FIRST_DAY <= days <= _LAST_DAY:
        return None
    h, rest = divmod(seconds, 3600)
    return f"{_date(days)}T{h:02d}{rest // 60:02d}{rest % 60:02d}Z"


def _floating_value(date: FuzzyDate) -> str:
    y, m, d, h, mi, s = date.shown_fields()
    return f"{y:04d}{m or 1:02d}{d or 1:02d}T{h or 0:02d}{mi or 0:02d}{s or 0:02d}"


def _when_lines(when: Span) -> list[str]:
    """``DTSTART`` and ``DTEND``: times as UTC (or floating), anything else an all-day span."""
    ends = [when.start] if when.end is None else [when.start, when.end]
    if all(d.timed for d in ends):
        values: list[str | None] = []
        if all(_in_utc(d) for d in ends):
            values = [_utc_value(d) for d in ends]
        elif not any(_in_utc(d) for d in ends):
            values = [_floating_value(d) for d in ends]
        if values and all(values):
            # an end at the very moment of the start is no end (RFC 5545 wants DTEND later)
            return [f"DTSTART:{values[0]}"] + [f"DTEND:{v}" for v in values[1:] if v != values[0]]
    return [f"DTSTART;VALUE=DATE:{_date(when.first_day)}", f"DTEND;VALUE=DATE:{_date(when.last_day + 1)}"]


def _marked(when: Span) -> bool:
    """Whether a date of the span is approximate (``~``) or uncertain (``?``)."""
    return any(d is not None and (d.approximate or d.uncertain) for d in (when.start, when.end))


def _event_sources(event: Event) -> list[str]:
    """The ids of the sources the event cites, then those of its quotes and accounts, once each."""
    ids = [*event.sources, *(q.source for q in event.quotes if q.source), *(a.source for a in event.accounts)]
    return list(dict.fromkeys(i for i in ids if i))


def _stamp(timeline: Timeline, event: Event) -> str:
    """``DTSTAMP``: midnight UTC of the later of the event's last day and its newest source's date."""
    days = [event.when.last_day]
    for source_id in _event_sources(event):
        source = timeline.sources.get(source_id)
        if source is not None and source.date is not None and _FIRST_DAY <= source.date.last_day <= _LAST_DAY:
            days.append(source.date.last_day)
    return f"{_date(max(days))}T000000Z"


def _uid_domain(timeline: Timeline) -> str:
    digest = hashlib.sha256(timeline.title.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{digest}.timeline-explorer"


def _source_text(timeline: Timeline, source_id: str) -> str:
    """``authors, title, publisher, date, URL``, as the Markdown export cites a source."""
    src = timeline.sources.get(source_id)
    if src is None:
        return source_id
    parts = [src.byline] if src.authors else []
    parts += [src.title, src.publisher]
    if src.date is not None:
        parts.append(src.date.display())
    if src.url:
        parts.append(src.url)
    return ", ".join(p for p in parts if p)


def _description(timeline: Timeline, event: Event, when: Span) -> str:
    lines = [f"When: {when.long()}"]
    if _marked(when):
        lines.append("(The calendar shows every day this date may mean.)")
    facts = [f"Kind: {event.kind}"]
    if event.outcome:
        facts.append(f"Outcome: {timeline.outcome_text(event)}")
    lines.append(" · ".join(facts))
    if event.actors:
        lines.append("Actors: " + ", ".join(timeline.actor_names(event.actors)))
    if event.location:
        lines.append(f"Place: {event.location}")
    if event.tags:
        lines.append("Tags: " + ", ".join(event.tags))
    for paragraph in split_paragraphs(event.summary):
        lines.extend(["", paragraph])
    for quote in event.quotes:
        lines.extend(["", f"“{quote.text}” — {quote.by}"])
    if event.accounts:
        lines.extend(["", "Accounts:"])
        for account in event.accounts:
            cited = f" (source: {_source_text(timeline, account.source)})" if account.source else ""
            lines.append(f"- {timeline.speaker(account)}: {account.text}{cited}")
    index = timeline.by_id.get(event.id)
    links = timeline.links_of(index) if index is not None and timeline.events[index] is event else []
    if links:
        lines.extend(["", "Links:"])
        for link in links:
            other = timeline.events[link.target]
            note = f": {link.note}" if link.note else ""
            lines.append(f"- {link.lead}: {other.when.display()} · {other.title}{note}")
    if event.sources:
        lines.extend(["", "Sources:"])
        for n, source_id in enumerate(event.sources, 1):
            lines.append(f"{n}. {_source_text(timeline, source_id)}")
    # each line one line, whatever its pieces hold (control characters replaced first, as in titles)
    return "\n".join(" ".join(clean(line)[0].split()) for line in lines)


def _first_url(timeline: Timeline, event: Event) -> str:
    """The address of the event's first source that has a web address (http or https), or ""."""
    for source_id in event.sources:
        src = timeline.sources.get(source_id)
        if src is not None and src.url.lower().startswith(("https://", "http://")):
            return safe_url(clean(src.url)[0])
    return ""


def _event_lines(timeline: Timeline, event: Event, domain: str) -> list[str]:
    when = _shown(timeline, event)
    summary = event.title + (f" ({when.display()})" if _marked(when) else "")
    lines = [
        "BEGIN:VEVENT",
        f"UID:{text_value(event.id)}@{domain}",
        f"DTSTAMP:{_stamp(timeline, event)}",
        *_when_lines(when),
        f"SUMMARY:{text_value(summary)}",
        f"DESCRIPTION:{text_value(_description(timeline, event, when), one_line=False)}",
    ]
    if event.location:
        lines.append(f"LOCATION:{text_value(event.location)}")
    lines.append("CATEGORIES:" + ",".join(text_value(c) for c in dict.fromkeys((event.kind, *event.tags))))
    url = _first_url(timeline, event)
    if url:
        lines.append(f"URL:{url}")
    # A chronology's events are not the reader's busy time.
    lines.extend(["TRANSP:TRANSPARENT", "END:VEVENT"])
    return lines


def _calendar_description(timeline: Timeline, shown: int, flt: Filter | None) -> str:
    lines = split_paragraphs(timeline.description)
    words = flt.describe(timeline) if flt is not None else ""
    count = f"{shown} of {len(timeline.events)} events" + (f", filtered by {words}" if words else "")
    lines.append(count + ".")
    if timeline.eras:
        eras = "; ".join(f"{era.name} ({era.when.display()})" for era in timeline.eras)
        lines.append(f"Eras: {eras}.")
    return "\n\n".join(lines)


def kept(timeline: Timeline, rows: Sequence[int]) -> list[int]:
    """The rows whose events an iCalendar date can hold (1 AD to 9999): those the export writes."""
    return [i for i in rows if _representable(_shown(timeline, timeline.events[i]))]


def to_ics(timeline: Timeline, rows: Sequence[int], flt: Filter | None = None) -> str:
    """The events at ``rows`` as one iCalendar file (CRLF line ends, folded); those an iCalendar
    date cannot hold are left out (:func:`losses` counts them)."""
    held = [timeline.events[i] for i in kept(timeline, rows)]
    name = text_value(timeline.title)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"NAME:{name}",  # RFC 7986
        f"X-WR-CALNAME:{name}",  # the same, for the programs that only know Apple's name for it
        f"DESCRIPTION:{text_value(_calendar_description(timeline, len(held), flt), one_line=False)}",
    ]
    domain = _uid_domain(timeline)
    for event in held:
        lines.extend(_event_lines(timeline, event, domain))
    lines.append("END:VCALENDAR")
    return "".join(map(fold, lines))


def losses(timeline: Timeline, rows: Sequence[int]) -> list[str]:
    """What the iCalendar export of the events at ``rows`` cannot keep, one ``not kept: WHAT: N``
    line each (N: events, or eras)."""
    events = [timeline.events[i] for i in rows]
    out = []
    whens = [_shown(timeline, e) for e in events]
    outside = sum(1 for when in whens if not _representable(when))
    if outside:
        out.append(f"not kept: events before 1 AD or after 9999 (left out): {outside}")
    if outside == len(events):  # RFC 5545 asks for one component at least; calendar programs take none
        out.append("not kept: a calendar with no event is not strictly iCalendar (no event to write): 1")
    marked = sum(1 for when in whens if _representable(when) and _marked(when))
    if marked:
        out.append(f"not kept: approximate or uncertain dates (said in the title): {marked}")
    if timeline.eras:
        eras = len(timeline.eras)
        out.append(f"not kept: the timeline's eras (named in the calendar's description): {eras}")
    return [clean(line)[0] for line in out]


def is_export(data: bytes) -> bool:
    """Whether ``data`` is an earlier export of ours: a calendar whose ``PRODID`` is ours."""
    head = data[:4096]
    return head.startswith(b"BEGIN:VCALENDAR\r\n") and f"\r\nPRODID:{PRODID}\r\n".encode() in head
