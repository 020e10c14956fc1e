"""Markdown export: a timeline (or a filtered view of it) as a GitHub-flavoured document.

All text from the data file goes through :func:`escape`, so it renders
literally: it can never open a heading, a list, a link, an emphasis, a table
cell, an autolink or raw HTML.  The output depends only on the input and the
filter (no clock), so an export diffs cleanly.
"""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from .dates import Span, year_text
from .filters import Filter
from .model import Event, Timeline, split_paragraphs

__all__ = ["anchor", "escape", "event_markdown", "safe_url", "to_markdown"]

# Every ASCII punctuation character may be backslash-escaped in CommonMark/GFM,
# and an escaped one is always literal.  These few are left alone because they
# start nothing anywhere: commas, semicolons, question marks, quotes, percent.
_KEEP = set(",;?'\"%")
_ESCAPE = re.compile("[" + re.escape("".join(c for c in string.punctuation if c not in _KEEP)) + "]")


def escape(text: str) -> str:
    """``text`` as Markdown that renders exactly as written, on one line."""
    return _ESCAPE.sub(_backslash, " ".join(text.split()))


def _backslash(match: re.Match[str]) -> str:
    return "\\" + match.group()


def safe_url(url: str) -> str:
    """A link destination that cannot break out of ``[...](...)``."""
    return quote(url, safe=":/?#@!$&'*+,;=%-._~")


#: Event ids as the loader accepts them: safe as they are in an HTML attribute and a URL fragment.
_SAFE_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")


def anchor(event_id: str) -> str:
    """The HTML id of an event's heading (``event-`` and the id), for links within the document.

    A loaded event's id is always safe in an attribute and a fragment; any other id (a timeline
    built by hand) is replaced by a digest of it, so no text of the file becomes HTML.
    """
    if _SAFE_ID.fullmatch(event_id):
        return f"event-{event_id}"
    return "event-" + hashlib.sha256(event_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]


class _Parts:
    """The escaped pieces events share (dates, actors, places, sources), each made once per export."""

    def __init__(self, timeline: Timeline, shown: set[str] | None = None) -> None:
        self.timeline = timeline
        #: The ids of the events in the document: links to them are links within it.
        self.shown: set[str] = shown or set()
        self.escaped: dict[str, str] = {}
        self.when: dict[Span, tuple[str, str]] = {}
        self.actors: dict[tuple[str, ...], str] = {}
        self.tags: dict[tuple[str, ...], str] = {}
        self.outcome: dict[tuple[str | None, tuple[str, ...]], str] = {}
        self.source: dict[str, str | None] = {}

    def escape(self, text: str) -> str:
        """:func:`escape`, remembered (for short texts that repeat: places, kinds, speakers)."""
        found = self.escaped.get(text)
        if found is None:
            found = escape(text)
            if len(self.escaped) < 100_000:
                self.escaped[text] = found
        return found

    def dates(self, when: Span) -> tuple[str, str]:
        found = self.when.get(when)
        if found is None:
            found = self.when[when] = (escape(when.display()), escape(when.long()))
        return found

    def actor_names(self, actors: tuple[str, ...]) -> str:
        found = self.actors.get(actors)
        if found is None:
            found = self.actors[actors] = escape(", ".join(self.timeline.actor_names(actors)))
        return found

    def tag_list(self, tags: tuple[str, ...]) -> str:
        found = self.tags.get(tags)
        if found is None:
            found = self.tags[tags] = escape(", ".join(tags))
        return found

    def outcome_text(self, event: Event) -> str:
        key = (event.outcome, event.declined_by)
        found = self.outcome.get(key)
        if found is None:
            found = self.outcome[key] = escape(self.timeline.outcome_text(event))
        return found

    def source_line(self, source_id: str) -> str | None:
        """``[title](<url>), publisher, date`` (None for an unknown source)."""
        if source_id in self.source:
            return self.source[source_id]
        src = self.timeline.sources.get(source_id)
        line = None
        if src is not None:
            link = f"[{escape(src.title)}](<{safe_url(src.url)}>)" if src.url else escape(src.title)
            line = f"{link}, {escape(src.publisher)}, {escape(src.date.display())}"
        self.source[source_id] = line
        return line


def _event_lines(timeline: Timeline, event: Event, heading: str, parts: _Parts | None = None) -> list[str]:
    parts = parts or _Parts(timeline)
    display, long = parts.dates(event.when)
    # The anchor is HTML we write: "event-" and an id of [a-z0-9._-] (see anchor()), never file text.
    title_line = f'{heading} <a id="{anchor(event.id)}"></a>{display} · {escape(event.title)}'
    lines = [title_line, "", f"- **When:** {long}"]
    lines.append(f"- **Kind:** {parts.escape(event.kind)}")
    if event.outcome:
        lines.append(f"- **Outcome:** {parts.outcome_text(event)}")
    lines.append(f"- **Actors:** {parts.actor_names(event.actors)}")
    if event.location:
        lines.append(f"- **Place:** {parts.escape(event.location)}")
    if event.tags:
        lines.append(f"- **Tags:** {parts.tag_list(event.tags)}")
    lines.append("")
    # Escaping adds backslashes and leaves whitespace alone, so the summary can be escaped whole
    # and then split: the paragraphs are those of escape(paragraph) for each paragraph.
    for paragraph in split_paragraphs(_ESCAPE.sub(_backslash, event.summary)):
        lines.append(paragraph)
        lines.append("")
    for q in event.quotes:
        lines.append(f"> {escape(q.text)}")
        lines.append(">")
        lines.append(f"> — {parts.escape(q.by)}")
        lines.append("")
    if event.accounts:
        lines.extend(["Accounts:", ""])
        for account in event.accounts:
            speaker = parts.escape(timeline.speaker(account))
            source = parts.source_line(account.source)
            cited = f" (source: {source})" if source else ""
            lines.append(f"- **{speaker}:** {escape(account.text)}{cited}")
        lines.append("")
    links = _link_lines(timeline, event, parts)
    if links:
        lines.extend(["Links:", "", *links, ""])
    if event.sources:
        lines.append("Sources:")
        lines.append("")
        for n, source_id in enumerate(event.sources, 1):
            line = parts.source_line(source_id)
            if line is not None:
                lines.append(f"{n}. {line}")
        lines.append("")
    return lines


def _link_lines(timeline: Timeline, event: Event, parts: _Parts) -> list[str]:
    """``- Responds to: [date · title](#event-id): note``, both ways; plain text for an event not shown."""
    index = timeline.by_id.get(event.id)
    if index is None or timeline.events[index] is not event:
        return []
    lines = []
    for link in timeline.links_of(index):
        other = timeline.events[link.target]
        display, _ = parts.dates(other.when)
        label = f"{display} · {escape(other.title)}"
        target = f"[{label}](#{anchor(other.id)})" if other.id in parts.shown else label
        note = f": {escape(link.note)}" if link.note else ""
        lines.append(f"- {link.wording[0].upper()}{link.wording[1:]}: {target}{note}")
    return lines


def event_markdown(timeline: Timeline, event: Event) -> str:
    """One event as a Markdown section (used for copying a single event)."""
    return "\n".join(_event_lines(timeline, event, "###")).rstrip() + "\n"


def _summary_line(timeline: Timeline, count: int, flt: Filter | None) -> str:
    total = len(timeline.events)
    noun = "event" if count == 1 else "events"
    words = flt.describe(timeline) if flt is not None else ""
    if words:
        return f"{count} of {total} events, filtered by {escape(words)}."
    if count == total:
        return f"All {count} {noun}."
    return f"{count} of {total} events."


def to_markdown(
    timeline: Timeline,
    rows: Sequence[int] | None = None,
    flt: Filter | None = None,
) -> str:
    """The events at ``rows`` (all when None) as one Markdown document, grouped by year."""
    indexes: Iterable[int] = range(len(timeline.events)) if rows is None else rows
    events = [timeline.events[i] for i in indexes]
    out = [f"# {escape(timeline.title)}", ""]
    for paragraph in split_paragraphs(timeline.description):
        out.extend([escape(paragraph), ""])
    if timeline.eras:
        out.extend(["Eras:", ""])
        for era in timeline.eras:
            about = f": {escape(era.description)}" if era.description else ""
            out.append(f"- **{escape(era.name)}** ({escape(era.when.display())}){about}")
        out.append("")
    out.extend([_summary_line(timeline, len(events), flt), ""])
    year = None
    parts = _Parts(timeline, {e.id for e in events})
    for event in events:
        if event.when.start.year != year:
            year = event.when.start.year
            out.extend([f"## {year_text(year)}", ""])
        out.append("\n".join(_event_lines(timeline, event, "###", parts)))
    return "\n".join(out).rstrip() + "\n"
