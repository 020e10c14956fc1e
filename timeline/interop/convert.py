"""TimelineJS slides (from its JSON or its sheet) → the mapping of a timeline YAML file.

Both importers hand this module the same shape, TimelineJS's own (a title slide, events,
eras, date objects): the sheet reader builds it row by row, and a TimelineJS 2 document
(``timeline.date[]``, ``era[]``, ``"YYYY,MM,DD"`` dates, ``asset``, ``tag``) is first read into it
(:func:`_from_v2`).  What an export of ours carried for itself (:mod:`.carried`) is read back
with it; what TimelineJS shows (headline, text, date objects) wins where the two disagree.
Everything read is checked, and a value that cannot be kept exactly is refused with its place
(``where(path)`` gives ``FILE:LINE:COL``); what has no place in our format is counted in the report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from typing import Any, overload
from urllib.parse import urlsplit

from ..dates import DateError, FuzzyDate, parse_date, parse_when
from ..format import DATE_KINDS, SECTIONS, TEXT_KINDS, TEXTS_KINDS, keys_of
from ..model import split_paragraphs
from ..sanitize import clean
from ..text import slugify
from . import carried
from .htmltext import HtmlText, html_to_text, quote_parts, web_address
from .naming import path_label
from .report import ImportFailed, ImportReport

__all__ = ["MAX_YEAR", "Where", "convert"]

#: Where a value was read, as ``FILE:LINE:COL``, from its path in the document.
Where = Callable[[tuple[Any, ...]], str]

#: The largest year, either side of year 1, that a timeline holds.
MAX_YEAR = 9999

_EVENT_KEYS = frozenset(
    (
        "start_date",
        "end_date",
        "text",
        "media",
        "group",
        "display_date",
        "background",
        "autolink",
        "unique_id",
    )
)
_DATE_KEYS = ("year", "month", "day", "hour", "minute", "second", "millisecond")
_MEDIA_KEYS = ("url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target")
_TITLE_MAX = 80
#: Whether the format insists on a source's date (TimelineJS has none): then an imported source
#: is dated with its event's date, and the summary says so; otherwise it stays undated.
_SOURCE_DATE_REQUIRED = any(k.name == "date" and k.required for k in SECTIONS["source"].keys)


@dataclass
class _DateParts:
    year: int  # as written in TimelineJS: -300 is 300 BC
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None

    def written(self) -> str:
        """Our date syntax: ``2023-09-20T13:00:05``, ``0622-08``, ``300 BC``, ``-0299-03-15``."""
        if self.year < 0 and self.month is None:
            return f"{-self.year} BC"
        y = self.year if self.year > 0 else self.year + 1  # ISO years: 0 is 1 BC
        text = f"-{-y:04d}" if y < 0 else f"{y:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.hour is not None:
            text += f"T{self.hour:02d}:{self.minute or 0:02d}"
            if self.second is not None:
                text += f":{self.second:02d}"
        return text

    def day_only(self) -> str:
        return _DateParts(self.year, self.month, self.day).written()

    def parsed(self) -> FuzzyDate:
        """The date as the date model reads it back (it is written so that it always can)."""
        return parse_date(self.written())

    def said_by(self, d: FuzzyDate, zone: str | None) -> bool:
        """Whether ``d`` is this date in other words: the same year, month, day and time (as
        written, or as shown in ``zone``), with maybe a qualifier, ``~``, ``?``, a season or a decade."""
        mine = _fields(self.year, self.month, self.day, self.hour, self.minute, self.second)
        return any(
            _fields(y if y > 0 else y - 1, m, day, h, mi, sec) == mine
            for y, m, day, h, mi, sec in (d.shown_fields(), d.in_zone(zone).shown_fields())
        )


def _fields(
    year: int, month: int | None, day: int | None, hour: int | None, minute: int | None, second: int | None
) -> tuple[int | None, ...]:
    timed = hour is not None
    return (year, month, day, hour, (minute or 0) if timed else None, (second or 0) if timed else None)


@dataclass
class _Converter:
    file: str
    where: Where
    report: ImportReport
    sources: dict[str, dict[str, str]] = field(default_factory=dict)
    source_by_url: dict[str, str] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    ids_tried: dict[str, int] = field(default_factory=dict)  # see _unique
    source_ids_tried: dict[str, int] = field(default_factory=dict)
    group_tags: dict[str, str] = field(default_factory=dict)
    #: sources made from a slide, by (address, title, publisher) as given: one per distinct caption/credit
    source_by_given: dict[tuple[str, str, str], str] = field(default_factory=dict)
    #: the time zone the export carried (see :mod:`.carried`)
    timezone: str | None = None

    # -- reading values ----------------------------------------------------------------
    def fail(self, path: tuple[Any, ...], message: str) -> ImportFailed:
        return ImportFailed(clean(f"{self.where(path)}: {message}")[0])

    def string(self, value: Any, path: tuple[Any, ...]) -> str:
        if value is None:
            return ""
        if isinstance(value, str):
            text, bad = clean(value.replace("\r\n", "\n").replace("\r", "\n"))
            if bad:
                self.report.change("control characters replaced by \N{REPLACEMENT CHARACTER}")
            return text
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(int(value)) if float(value).is_integer() else str(value)
        raise self.fail(path, f"{_label(path)} must be text, not {_json_kind(value)}")

    def mapping(self, value: Any, path: tuple[Any, ...]) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(path, f"{_label(path)} must be an object {{...}}, not {_json_kind(value)}")
        return value

    def html(self, value: Any, path: tuple[Any, ...]) -> HtmlText:
        found = html_to_text(self.string(value, path))
        for what, n in found.dropped.items():
            self.report.lose(what, n)
        return found

    def integer(self, value: Any, path: tuple[Any, ...]) -> int | None:
        text = self.string(value, path).strip()
        if not text:
            return None
        if not re.fullmatch(r"[+-]?\d{1,18}", text):  # (no date needs more digits)
            shown = text if len(text) <= 40 else text[:37] + "..."
            raise self.fail(path, f"{_label(path)} {shown!r} is not a whole number of 18 digits or fewer")
        return int(text)

    # -- dates -------------------------------------------------------------------------
    def date(self, value: Any, path: tuple[Any, ...], what: str) -> _DateParts:
        obj = self.mapping(value, path)
        get = {k: self.integer(obj.get(k), (*path, k)) for k in _DATE_KEYS}
        year = get["year"]
        if year is None:
            raise self.fail(path, f"{what} has no year")
        if abs(year) > MAX_YEAR:
            raise self.fail(
                (*path, "year"),
                f"{what}: year {year} is beyond the years a timeline holds "
                f"({MAX_YEAR} BC to {MAX_YEAR}); TimelineJS's cosmological scale cannot be imported",
            )
        if year == 0:
            raise self.fail(
                (*path, "year"), f"{what}: there is no year 0 (TimelineJS shows -1 as 1 BCE, 1 as 1 CE)"
            )
        month, day = get["month"], get["day"]
        hour, minute, second = get["hour"], get["minute"], get["second"]
        if month is not None and not 1 <= month <= 12:
            raise self.fail((*path, "month"), f"{what}: month {month} does not exist")
        if day is not None:
            if month is None:
                raise self.fail((*path, "day"), f"{what}: a day is given without its month")
            try:
                parse_date(_DateParts(year, month, day).written())
            except DateError:
                raise self.fail((*path, "day"), f"{what}: day {day} does not exist in that month") from None
        if (hour, minute, second) != (None, None, None):
            if day is None:
                raise self.fail((*path, "hour"), f"{what}: a time is given without its day")
            if hour is None:
                raise self.fail((*path, "minute"), f"{what}: minutes are given without the hour")
            for name, v, top in (("hour", hour, 23), ("minute", minute, 59), ("second", second, 59)):
                if v is not None and not 0 <= v <= top:
                    raise self.fail((*path, name), f"{what}: {name} {v} does not exist")
        if get["millisecond"]:
            self.report.lose("milliseconds of times")
        for key in ("display_date", "display_text"):
            if self.string(obj.get(key), (*path, key)).strip():
                self.report.lose("display texts of dates")
        if self.string(obj.get("format"), (*path, "format")).strip():
            self.report.lose("date formats")
        for key in obj:
            if key not in (*_DATE_KEYS, "display_date", "display_text", "format"):
                self.report.lose(f"unknown date fields ({key})")
        return _DateParts(year, month, day, hour, minute, second)

    # -- sources -----------------------------------------------------------------------
    def source(
        self, url: str, title: str, publisher: str, date: _DateParts, base_id: str, *, headline: str = ""
    ) -> str:
        """The id of the source at ``url`` titled ``title`` (a caption, a link's text) and published
        by ``publisher`` (a credit): one source per distinct title and publisher at an address,
        unless the file carried its sources (then the address finds the carried one).  A title or
        publisher the file does not give is made (from ``headline`` or the address, its host) and
        counted under ``changed:``."""
        carried_id = self.source_by_url.get(url)
        if carried_id:
            return carried_id
        title, publisher = " ".join(title.split()), " ".join(publisher.split())
        found = self.source_by_given.get((url, title, publisher))
        if found:
            return found
        source_id = _unique(base_id, self.sources.keys(), self.source_ids_tried)
        self.source_by_given[(url, title, publisher)] = source_id
        made: dict[str, str] = {}
        if not title and headline:
            made["title"] = headline
            self.report.change("source titles taken from their event's headline (no caption)")
        elif not title:
            made["title"] = url
            self.report.change("source titles made from their address (no caption or link text)")
        if not publisher:
            made["publisher"] = urlsplit(url).hostname or url
            self.report.change("source publishers made from their address's host (no credit)")
        entry = {"title": title or made["title"], "publisher": publisher or made["publisher"]}
        if _SOURCE_DATE_REQUIRED:
            entry["date"] = date.day_only()
            self.report.change("source dates taken from their event's date (TimelineJS has none)")
        entry["url"] = url
        self.sources[source_id] = entry
        return source_id

    # -- what rides along ----------------------------------------------------------------
    def carried(
        self, value: Any, path: tuple[Any, ...], allowed: tuple[str, ...], section: str
    ) -> dict[str, Any]:
        """The fields an export of ours carried (see :mod:`.carried`), their shape checked: each
        the shape its key has in the format table's ``section``, or refused at its place."""
        if value is None:
            return {}
        try:
            found = carried.plain(self.mapping(value, path), path, lambda t: self.string(t, path))
        except carried.NotPlain as exc:
            raise self.fail(exc.path, f"{_label(exc.path)} {exc}") from None
        for key in list(found):
            if key not in allowed:
                self.report.lose(f"unknown {carried.KEY} fields ({key})")
                del found[key]
        for key in found:
            spec = SECTIONS[section][key]
            self.shaped(found[key], spec.kind, spec.of, (*path, key))
        return dict(found)

    def shaped(self, value: Any, kind: str, of: str | None, path: tuple[Any, ...]) -> None:
        """Refuse, at its place, a carried value whose shape is not its key's in the format table
        (what is inside it is checked when the timeline made is checked, as any input is)."""
        if kind in TEXT_KINDS or kind in DATE_KINDS:
            want, ok = "text", isinstance(value, str)
        elif kind in TEXTS_KINDS:
            want, ok = "a list of texts", isinstance(value, list) and all(isinstance(v, str) for v in value)
        elif kind == "bool":
            want, ok = "true or false", isinstance(value, bool)
        elif kind == "list":
            want, ok = (
                "a list of objects",
                isinstance(value, list) and all(isinstance(v, dict) for v in value),
            )
        else:  # "map": id → object
            want, ok = (
                "an object of objects",
                isinstance(value, dict) and all(isinstance(v, dict) for v in value.values()),
            )
        if value is not None and not ok:
            raise self.fail(path, f"{_label(path)} must be {want}, not {_json_kind(value)}")

    def carried_timeline(self, value: Any, out: dict[str, Any]) -> None:
        """The timeline's carried fields into ``out``; the carried sources become known by address."""
        found = self.carried(value, (carried.KEY,), carried.TIMELINE_KEYS, "timeline")
        description = found.pop("description", None)
        if isinstance(description, str) and split_paragraphs(description) == split_paragraphs(
            out.get("description", "")
        ):
            out["description"] = description  # as written (TimelineJS folds its lines)
        for key in carried.PLAIN_TIMELINE_KEYS:
            if key in found:
                out[key] = found[key]
        if isinstance(found.get("timezone"), str):
            self.timezone = found["timezone"]
        sources = found.get("sources")
        if isinstance(sources, dict):
            allowed = keys_of("source")
            for sid, entry in sources.items():
                if isinstance(entry, dict):
                    for key in [k for k in entry if k not in allowed]:
                        self.report.lose(f"unknown {carried.KEY} fields ({key})")
                        del entry[key]
                    if isinstance(entry.get("url"), str):
                        self.source_by_url.setdefault(entry["url"], sid)
                self.sources[sid] = entry

    @overload
    def when(
        self, start: _DateParts, end: _DateParts, display: str, ride: dict[str, Any]
    ) -> tuple[str, str]: ...
    @overload
    def when(
        self, start: _DateParts, end: _DateParts | None, display: str, ride: dict[str, Any]
    ) -> tuple[str, str | None]: ...
    def when(
        self,
        start: _DateParts,
        end: _DateParts | None,
        display: str,
        ride: dict[str, Any],
    ) -> tuple[str, str | None]:
        """The event's date and end as written: as the export carried them, or as ``display_date``
        says them in the date grammar (``early Jul 2023``, ``c. 1991?``), when either says the same
        dates as the date objects; otherwise the date objects alone (and ``display_date`` counted)."""
        plain = (start.written(), end.written() if end is not None else None)
        tries: list[tuple[str, str | None, bool]] = []
        if isinstance(ride.get("date"), str):
            ride_end = ride.get("end")
            tries.append((ride["date"], ride_end if isinstance(ride_end, str) else None, False))
        if display:
            try:
                span = parse_when(display)
            except DateError:
                pass
            else:
                tries.append((span.start.iso(), span.end.iso() if span.end is not None else None, True))
        for date_text, end_text, displayed in tries:
            try:
                d = parse_date(date_text)
                e = parse_date(end_text) if end_text is not None else None
            except DateError:
                continue
            if not start.said_by(d, self.timezone):
                continue
            if (e is None) != (end is None) or (
                e is not None and end is not None and not end.said_by(e, self.timezone)
            ):
                continue
            if displayed and (date_text, end_text) != plain:
                self.report.change("dates read with their qualifier from display_date")
            return date_text, end_text
        if display:
            self.report.lose("display dates (display_date) that are not the dates in other words")
        if tries and not tries[0][2]:
            self.report.change("carried dates that no longer agree with the date objects (these win)")
        return plain

    # -- slides ------------------------------------------------------------------------
    def event(self, slide: Any, path: tuple[Any, ...], n: int) -> dict[str, Any]:
        slide = self.mapping(slide, path)
        for key in slide:
            if key not in _EVENT_KEYS and key != carried.KEY:
                self.report.lose(f"unknown event fields ({key})")
        if "start_date" not in slide:
            raise self.fail(path, f"event {n} has no start_date")
        start = self.date(slide["start_date"], (*path, "start_date"), f"event {n}: start_date")
        end = None
        if slide.get("end_date") not in (None, {}, ""):
            end = self.date(slide["end_date"], (*path, "end_date"), f"event {n}: end_date")
            if end.parsed().last_tick < start.parsed().first_tick:
                raise self.fail((*path, "end_date"), f"event {n} ends before it starts")
        ride = self.carried(slide.get(carried.KEY), (*path, carried.KEY), carried.EVENT_KEYS, "event")
        text = self.mapping(slide.get("text"), (*path, "text"))
        headline = self.html(text.get("headline"), (*path, "text", "headline"))
        body = self.html(text.get("text"), (*path, "text", "text"))
        title = " ".join(headline.text.split())
        summary = body.text
        media = self.mapping(slide.get("media"), (*path, "media"))
        m = {k: self.string(media.get(k), (*path, "media", k)) for k in _MEDIA_KEYS}
        caption = html_to_text(m["caption"]).text if m["caption"] else ""
        if not title:
            title = _title_from(summary or caption)
            if title:
                self.report.change("titles made from the text (empty headline)", title)
            else:
                title = "Untitled"
                self.report.change("events with neither headline nor text, titled 'Untitled'")
        ride_summary = ride.pop("summary", None)
        if isinstance(ride_summary, str) and _starts_with(
            split_paragraphs(summary), split_paragraphs(ride_summary)
        ):
            summary = ride_summary  # as written; the rest of the text is what the export added
        elif not summary:
            summary = title
            self.report.change("summaries missing (the title stands in)")
        # the id
        raw_id = self.string(slide.get("unique_id"), (*path, "unique_id")).strip()
        if not raw_id and isinstance(ride.get("id"), str):
            raw_id = ride["id"]
        event_id = slugify(raw_id) or slugify(title) or f"event-{n}"
        if event_id in self.ids:
            event_id = _unique(event_id, self.ids, self.ids_tried)
        if raw_id and raw_id != event_id:
            self.report.change("ids made unique and valid", f"{raw_id!r} → {event_id}")
        self.ids.add(event_id)
        # sources: the media, then the links of headline and text
        sources: list[str] = []
        quotes: list[dict[str, str]] = []
        url = m["url"].strip()
        if url.startswith("<"):
            # TimelineJS shows HTML given as media (a blockquote, mostly) as it is: keep it as text.
            said, by = quote_parts(url)
            for what, k in said.dropped.items():
                self.report.lose(what, k)
            if said.text and by:
                quotes.append({"text": " ".join(said.text.split()), "by": by})
            elif said.text:
                summary = f"{summary}\n\n{said.text}" if summary != title else said.text
            for k, (label, address) in enumerate(said.links, 1):
                sources.append(self.source(address, label, "", start, f"{event_id}-quote-{k}"))
        elif url:
            media_url = web_address(url)
            if media_url is None:
                self.report.lose("media that is not a web address")
                if m["caption"] or m["credit"]:
                    self.report.lose("captions and credits of media that is not a web address")
            else:
                credit = html_to_text(m["credit"]) if m["credit"] else HtmlText("")
                if credit.links:
                    self.report.lose("links in media credits", len(credit.links))
                sources.append(
                    self.source(media_url, caption, credit.text, start, f"{event_id}-media", headline=title)
                )
        elif m["caption"] or m["credit"]:
            self.report.lose("media captions and credits without media")
        for key in ("thumbnail", "alt", "title", "link", "link_target"):
            if m[key].strip():
                self.report.lose(f"media {key}s")
        for k, (label, address) in enumerate(headline.links + body.links, 1):
            sources.append(self.source(address, label, "", start, f"{event_id}-link-{k}"))
        display = self.string(slide.get("display_date"), (*path, "display_date")).strip()
        date_text, end_text = self.when(start, end, display, ride)
        out: dict[str, Any] = {"id": event_id, "date": date_text}
        if end_text is not None:
            out["end"] = end_text
        out["title"] = title
        out["kind"] = "other"
        group = self.string(slide.get("group"), (*path, "group")).strip()
        if group and not ride:  # with what rides along, the tags are carried (the group shows the actors)
            out["tags"] = [self.tag(group)]
        out["summary"] = summary
        if quotes:
            out["quotes"] = quotes
        if sources:
            out["sources"] = list(dict.fromkeys(sources))
        if ride:
            # What the export carried; the sources the text links to that it does not cite are added.
            for key in carried.EVENT_KEYS:
                if key in ride and key not in ("id", "date", "end"):
                    out[key] = ride[key]
            cited = {
                *_ids(ride.get("sources")),
                *(q.get("source") for q in ride.get("quotes", ()) if isinstance(q, dict)),
                *(a.get("source") for a in ride.get("accounts", ()) if isinstance(a, dict)),
            }
            extra = [s for s in dict.fromkeys(sources) if s not in cited]
            if extra or "sources" in ride:
                out["sources"] = [*_ids(ride.get("sources")), *extra]
            out = {k: out[k] for k in (*keys_of("event"),) if k in out}
        background = self.mapping(slide.get("background"), (*path, "background"))
        if any(self.string(v, (*path, "background", k)).strip() for k, v in background.items()):
            self.report.lose("backgrounds")
        if "autolink" in slide:
            self.report.lose("autolink settings")
        return out

    def tag(self, group: str) -> str:
        known = self.group_tags.get(group)
        if known is not None:
            return known
        found = slugify(group)
        if not found or found in self.group_tags.values():
            found = _unique(found or "group", set(self.group_tags.values()) | {found or "group"})
        if found != group:
            self.report.change("groups made into tags", f"{group!r} → {found}")
        self.group_tags[group] = found
        return found

    def era(self, slide: Any, path: tuple[Any, ...], n: int) -> dict[str, Any]:
        slide = self.mapping(slide, path)
        if "start_date" not in slide or slide.get("end_date") in (None, {}, ""):
            raise self.fail(path, f"era {n} needs a start_date and an end_date")
        start = self.date(slide["start_date"], (*path, "start_date"), f"era {n}: start_date")
        end = self.date(slide["end_date"], (*path, "end_date"), f"era {n}: end_date")
        if end.parsed().last_tick < start.parsed().first_tick:
            raise self.fail((*path, "end_date"), f"era {n} ends before it starts")
        text = self.mapping(slide.get("text"), (*path, "text"))
        name = " ".join(self.html(text.get("headline"), (*path, "text", "headline")).text.split())
        if not name:
            name = f"Era {n}"
            self.report.change("eras without a headline, named 'Era N'")
        ride = self.carried(slide.get(carried.KEY), (*path, carried.KEY), carried.ERA_KEYS, "era")
        start_text, end_text = self.when(start, end, "", {"date": ride.get("start"), "end": ride.get("end")})
        out: dict[str, Any] = {"name": name, "start": start_text, "end": end_text}
        description = self.html(text.get("text"), (*path, "text", "text"))
        written = ride.get("description")
        if isinstance(written, str) and split_paragraphs(written) == split_paragraphs(description.text):
            out["description"] = written  # as written (TimelineJS folds its lines)
        elif description.text:
            out["description"] = description.text
        if description.links:
            self.report.lose("links in era texts", len(description.links))
        for key in slide:
            if key not in ("start_date", "end_date", "text", carried.KEY):
                self.report.lose(f"era {key}s")
        return out


def convert(doc: Any, file: str, where: Where, report: ImportReport, default_title: str) -> dict[str, Any]:
    """The timeline YAML mapping for the TimelineJS document ``doc``."""
    c = _Converter(file, where, report)
    if not isinstance(doc, dict):
        raise c.fail((), "a TimelineJS timeline is an object with 'events'")
    root: dict[str, Any] = doc
    scale = c.string(root.get("scale"), ("scale",)).strip()
    if scale and scale != "human":
        raise c.fail(
            ("scale",),
            f"scale {scale!r} is not supported: a timeline holds the years {MAX_YEAR} BC to {MAX_YEAR}",
        )
    if "events" not in root and isinstance(root.get("timeline"), dict):
        root = _from_v2(c, root)  # TimelineJS 2's format, read as the same slides
        c.where = _v2_where(where)
    events_in = root.get("events")
    if not isinstance(events_in, list) or not events_in:
        raise c.fail(("events",) if "events" in root else (), "a TimelineJS timeline needs a list of events")
    for key in root:
        if key not in ("title", "events", "eras", "scale", carried.KEY):
            report.lose(f"unknown top-level fields ({key})")
    out: dict[str, Any] = {}
    title_slide = c.mapping(root.get("title"), ("title",))
    text = c.mapping(title_slide.get("text"), ("title", "text"))
    headline = c.html(text.get("headline"), ("title", "text", "headline"))
    body = c.html(text.get("text"), ("title", "text", "text"))
    out["title"] = " ".join(headline.text.split()) or default_title
    if not headline.text:
        report.change("timeline titled after the file (no title slide headline)", out["title"])
    description = body.text
    if body.links:
        # The timeline has no sources of its own: the addresses stay visible in the description.
        description += "\n\n" + "\n\n".join(f"{label}: {url}" for label, url in body.links)
    if description:
        out["description"] = description
    media = c.mapping(title_slide.get("media"), ("title", "media"))
    if any(c.string(v, ("title", "media", k)).strip() for k, v in media.items()):
        report.lose("title slide media")
    background = c.mapping(title_slide.get("background"), ("title", "background"))
    if any(c.string(v, ("title", "background", k)).strip() for k, v in background.items()):
        report.lose("backgrounds")
    for key in title_slide:
        if key not in ("text", "media", "background"):
            report.lose(f"title slide {key}s")
    c.carried_timeline(root.get(carried.KEY), out)
    eras_in = root.get("eras") or []
    if not isinstance(eras_in, list):
        raise c.fail(("eras",), "eras must be a list")
    out["eras"] = [c.era(e, ("eras", i), i + 1) for i, e in enumerate(eras_in)]
    events = [c.event(e, ("events", i), i + 1) for i, e in enumerate(events_in)]
    out["sources"] = c.sources
    out["events"] = events
    order = keys_of("timeline")
    return {k: out[k] for k in order if k in out}


# -- TimelineJS 2 -------------------------------------------------------------------------

#: A TimelineJS 2 date: ``YYYY``, ``YYYY,MM``, ``YYYY,MM,DD`` or ``YYYY,MM,DD,HH,MM,SS`` (years may be < 0).
_V2_DATE = re.compile(r"\s*[+-]?\d+\s*(?:,\s*\d+\s*){0,5}")
_V2_ITEM_KEYS = ("startDate", "endDate", "headline", "text", "asset", "tag", "classname")


def _v2_date(c: _Converter, value: Any, path: tuple[Any, ...], what: str) -> dict[str, str] | None:
    """A TimelineJS 2 date (``"2011,12,10"``, ``"1963"``, ``"2012,1,26,13,05,00"``) as a date object."""
    text = c.string(value, path).strip()
    if not text:
        return None
    if not _V2_DATE.fullmatch(text):
        raise c.fail(
            path, f"{what} {text!r} is not a TimelineJS 2 date (YYYY, YYYY,MM, YYYY,MM,DD[,HH,MM,SS])"
        )
    parts = [p.strip() for p in text.split(",")]
    return dict(zip(("year", "month", "day", "hour", "minute", "second"), parts, strict=False))


def _from_v2(c: _Converter, root: dict[str, Any]) -> dict[str, Any]:
    """TimelineJS 2's document (``{"timeline": {"headline", "text", "asset", "date": [...],
    "era": [...]}}``) as TimelineJS 3's; what has no place in 3 is counted in the report."""
    for key in root:
        if key != "timeline":
            c.report.lose(f"unknown top-level fields ({key})")
    tl = c.mapping(root["timeline"], ("timeline",))
    title: dict[str, Any] = {"text": {"headline": tl.get("headline"), "text": tl.get("text")}}
    if tl.get("asset") is not None:
        title["media"] = _v2_asset(c.mapping(tl["asset"], ("timeline", "asset")))
    if c.string(tl.get("startDate"), ("timeline", "startDate")).strip():
        c.report.lose("title slide dates (startDate)")
    kind = c.string(tl.get("type"), ("timeline", "type")).strip()
    if kind not in ("", "default"):
        c.report.lose(f"timeline types other than default ({kind})")
    charts = tl.get("chart")
    if charts:
        c.report.lose("charts (chart)", len(charts) if isinstance(charts, list) else 1)
    for key in tl:
        if key not in ("headline", "text", "asset", "startDate", "type", "date", "era", "chart"):
            c.report.lose(f"unknown timeline fields ({key})")
    doc: dict[str, Any] = {"title": title}

    def slides(key: str, what: str) -> list[dict[str, Any]]:
        items = tl.get(key) or []
        if not isinstance(items, list):
            raise c.fail(("timeline", key), f"timeline.{key} must be a list")
        out = []
        for i, item in enumerate(items):
            path = ("timeline", key, i)
            item = c.mapping(item, path)
            slide: dict[str, Any] = {"text": {"headline": item.get("headline"), "text": item.get("text")}}
            for v2, v3 in (("startDate", "start_date"), ("endDate", "end_date")):
                found = _v2_date(c, item.get(v2), (*path, v2), f"{what} {i + 1}: {v2}")
                if found is not None:
                    slide[v3] = found
            if "start_date" not in slide:
                raise c.fail(path, f"{what} {i + 1} has no startDate")
            if item.get("asset") is not None:
                slide["media"] = _v2_asset(c.mapping(item["asset"], (*path, "asset")))
            tag = c.string(item.get("tag"), (*path, "tag")).strip()
            if tag and key == "date":
                slide["group"] = tag
            elif tag:
                c.report.lose("era tags")
            if c.string(item.get("classname"), (*path, "classname")).strip():
                c.report.lose("classnames")
            for k in item:
                if k not in _V2_ITEM_KEYS:
                    c.report.lose(f"unknown {what} fields ({k})")
            out.append(slide)
        return out

    if not isinstance(tl.get("date"), list) or not tl["date"]:
        where = ("timeline", "date") if "date" in tl else ("timeline",)
        raise c.fail(where, "a TimelineJS 2 timeline needs a list of dates (timeline.date)")
    doc["events"] = slides("date", "event")
    doc["eras"] = slides("era", "era")
    return doc


def _v2_asset(asset: dict[str, Any]) -> dict[str, Any]:
    """TimelineJS 2's ``asset`` as TimelineJS 3's ``media`` (``media`` is 3's ``url``)."""
    return {("url" if k == "media" else k): v for k, v in asset.items()}


def _v2_where(where: Where) -> Where:
    """Where a path of the TimelineJS 3 form of a TimelineJS 2 document was read in the file."""
    media = {k: ("asset", "media" if k == "url" else k) for k in _MEDIA_KEYS}

    def rest(path: tuple[Any, ...]) -> tuple[Any, ...]:
        head = path[:1]
        if head in (("start_date",), ("end_date",)):
            return ("startDate",) if head == ("start_date",) else ("endDate",)
        if path[:2] == ("text", "headline"):
            return ("headline",)
        if path[:2] == ("text", "text"):
            return ("text",)
        if head == ("media",):
            return media.get(path[1], ("asset",)) if len(path) > 1 else ("asset",)
        if head == ("group",):
            return ("tag",)
        return ()

    def v2(path: tuple[Any, ...]) -> str:
        if path[:1] == ("events",) and len(path) > 1:
            return where(("timeline", "date", path[1], *rest(path[2:])))
        if path[:1] == ("eras",) and len(path) > 1:
            return where(("timeline", "era", path[1], *rest(path[2:])))
        if path[:1] == ("title",):
            return where(("timeline", *rest(path[1:])))
        return where(("timeline", *path))

    return v2


def _ids(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _starts_with(paragraphs: list[str], start: list[str]) -> bool:
    return bool(start) and paragraphs[: len(start)] == start


def _unique(base: str, taken: Container[str], tried: dict[str, int] | None = None) -> str:
    """``base``, or ``base-2``, ``base-3``… the first not ``taken``.  ``tried`` remembers where
    each base's count got to, so that many items of one name (slides all headed "a") cost one
    step each, not a count from 2 every time."""
    if base not in taken:
        return base
    n = tried.get(base, 2) if tried is not None else 2
    while f"{base}-{n}" in taken:
        n += 1
    if tried is not None:
        tried[base] = n + 1
    return f"{base}-{n}"


def _title_from(text: str) -> str:
    """A title made from the start of ``text``: its first sentence, cut at a word if too long."""
    first = " ".join(text.split("\n\n", 1)[0].split())
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    if len(sentence) <= _TITLE_MAX:
        return sentence
    cut = sentence[:_TITLE_MAX].rsplit(" ", 1)[0]
    return cut + "…"


def _label(path: tuple[Any, ...]) -> str:
    return path_label(path)  # events and eras numbered from 1, as everywhere (see naming)


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return "a number"
    return "text" if isinstance(value, str) else type(value).__name__
