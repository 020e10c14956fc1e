"""TimelineJS slides (from its JSON or its sheet) → the mapping of a timeline YAML file.

Both importers hand this module the same shape, TimelineJS's own (a title slide, events,
eras, date objects): the sheet reader builds it row by row.  Everything read is checked,
and a value that cannot be kept exactly is refused with its place (``where(path)`` gives
``FILE:LINE:COL``); what has no place in our format is counted in the report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..dates import DateError, FuzzyDate, parse_date
from ..sanitize import clean
from ..text import slugify
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


@dataclass
class _Converter:
    file: str
    where: Where
    report: ImportReport
    sources: dict[str, dict[str, str]] = field(default_factory=dict)
    source_by_url: dict[str, str] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    group_tags: dict[str, str] = field(default_factory=dict)

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
        if not re.fullmatch(r"[+-]?\d+", text):
            raise self.fail(path, f"{_label(path)} {text!r} is not a whole number")
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
    def source(self, url: str, title: str, publisher: str, date: _DateParts, base_id: str) -> str:
        found = self.source_by_url.get(url)
        if found:
            return found
        source_id = _unique(base_id, self.sources.keys())
        host = urlsplit(url).hostname or url
        self.sources[source_id] = {
            "title": " ".join(title.split()) or url,
            "publisher": " ".join(publisher.split()) or host,
            "date": date.day_only(),
            "url": url,
        }
        self.source_by_url[url] = source_id
        self.report.change("source dates taken from their event's date (TimelineJS has none)")
        return source_id

    # -- slides ------------------------------------------------------------------------
    def event(self, slide: Any, path: tuple[Any, ...], n: int) -> dict[str, Any]:
        slide = self.mapping(slide, path)
        for key in slide:
            if key not in _EVENT_KEYS:
                self.report.lose(f"unknown event fields ({key})")
        if "start_date" not in slide:
            raise self.fail(path, f"event {n} has no start_date")
        start = self.date(slide["start_date"], (*path, "start_date"), f"event {n}: start_date")
        end = None
        if slide.get("end_date") not in (None, {}, ""):
            end = self.date(slide["end_date"], (*path, "end_date"), f"event {n}: end_date")
            if end.parsed().last_tick < start.parsed().first_tick:
                raise self.fail((*path, "end_date"), f"event {n} ends before it starts")
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
        if not summary:
            summary = title
            self.report.change("summaries missing (the title stands in)")
        # the id
        raw_id = self.string(slide.get("unique_id"), (*path, "unique_id")).strip()
        event_id = slugify(raw_id) or slugify(title) or f"event-{n}"
        if event_id in self.ids:
            event_id = _unique(event_id, self.ids)
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
                    self.report.lose("media captions and credits without media")
            else:
                credit = html_to_text(m["credit"]) if m["credit"] else HtmlText("")
                if credit.links:
                    self.report.lose("links in media credits", len(credit.links))
                sources.append(
                    self.source(media_url, caption or title, credit.text, start, f"{event_id}-media")
                )
        elif m["caption"] or m["credit"]:
            self.report.lose("media captions and credits without media")
        for key in ("thumbnail", "alt", "title", "link", "link_target"):
            if m[key].strip():
                self.report.lose(f"media {key}s")
        for k, (label, address) in enumerate(headline.links + body.links, 1):
            sources.append(self.source(address, label, "", start, f"{event_id}-link-{k}"))
        out: dict[str, Any] = {"id": event_id, "date": start.written()}
        if end is not None:
            out["end"] = end.written()
        out["title"] = title
        out["kind"] = "other"
        group = self.string(slide.get("group"), (*path, "group")).strip()
        if group:
            out["tags"] = [self.tag(group)]
        out["summary"] = summary
        if quotes:
            out["quotes"] = quotes
        if sources:
            out["sources"] = list(dict.fromkeys(sources))
        if self.string(slide.get("display_date"), (*path, "display_date")).strip():
            self.report.lose("display dates (display_date)")
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
        out: dict[str, Any] = {"name": name, "start": start.written(), "end": end.written()}
        description = self.html(text.get("text"), (*path, "text", "text"))
        if description.text:
            out["description"] = description.text
        if description.links:
            self.report.lose("links in era texts", len(description.links))
        for key in slide:
            if key not in ("start_date", "end_date", "text"):
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
    events_in = root.get("events")
    if "events" not in root and isinstance(root.get("timeline"), dict):
        raise c.fail(
            ("timeline",),
            "this is TimelineJS 2's format (timeline.date); only TimelineJS 3's (events, eras) is read",
        )
    if not isinstance(events_in, list) or not events_in:
        raise c.fail(("events",) if "events" in root else (), "a TimelineJS timeline needs a list of events")
    for key in root:
        if key not in ("title", "events", "eras", "scale"):
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
    eras_in = root.get("eras") or []
    if not isinstance(eras_in, list):
        raise c.fail(("eras",), "eras must be a list")
    out["eras"] = [c.era(e, ("eras", i), i + 1) for i, e in enumerate(eras_in)]
    events = [c.event(e, ("events", i), i + 1) for i, e in enumerate(events_in)]
    out["sources"] = c.sources
    out["events"] = events
    return out


def _unique(base: str, taken: Container[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
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
    return type(value).__name__
