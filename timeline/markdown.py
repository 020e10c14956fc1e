"""Markdown export: a timeline (or a filtered view of it) as a GitHub-flavoured document.

All text from the data file goes through :func:`escape`, so it renders
literally: it can never open a heading, a list, a link, an emphasis, a table
cell, an autolink or raw HTML.  The output depends only on the input and the
filter (no clock), so an export diffs cleanly.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from .filters import Filter
from .model import Event, Timeline, split_paragraphs

__all__ = ["escape", "event_markdown", "safe_url", "to_markdown"]

# Every ASCII punctuation character may be backslash-escaped in CommonMark/GFM,
# and an escaped one is always literal.  These few are left alone because they
# start nothing anywhere: commas, semicolons, question marks, quotes, percent.
_KEEP = set(",;?'\"%")
_ESCAPE = re.compile("[" + re.escape("".join(c for c in string.punctuation if c not in _KEEP)) + "]")


def escape(text: str) -> str:
    """``text`` as Markdown that renders exactly as written, on one line."""
    return _ESCAPE.sub(lambda m: "\\" + m.group(), " ".join(text.split()))


def safe_url(url: str) -> str:
    """A link destination that cannot break out of ``[...](...)``."""
    return quote(url, safe=":/?#@!$&'*+,;=%-._~")


def _event_lines(timeline: Timeline, event: Event, heading: str) -> list[str]:
    when = event.when
    lines = [f"{heading} {escape(when.display())} · {escape(event.title)}", ""]
    facts = [("When", when.long())]
    facts.append(("Kind", event.kind))
    if event.outcome:
        facts.append(("Outcome", timeline.outcome_text(event)))
    facts.append(("Actors", ", ".join(timeline.actor_names(event.actors))))
    if event.location:
        facts.append(("Place", event.location))
    if event.tags:
        facts.append(("Tags", ", ".join(event.tags)))
    lines.extend(f"- **{label}:** {escape(value)}" for label, value in facts)
    lines.append("")
    for paragraph in event.paragraphs:
        lines.extend([escape(paragraph), ""])
    for q in event.quotes:
        lines.append(f"> {escape(q.text)}")
        lines.append(">")
        lines.append(f"> — {escape(q.by)}")
        lines.append("")
    if event.sources:
        lines.extend(["Sources:", ""])
        for n, source_id in enumerate(event.sources, 1):
            src = timeline.sources.get(source_id)
            if src is None:
                continue
            link = f"[{escape(src.title)}](<{safe_url(src.url)}>)" if src.url else escape(src.title)
            lines.append(f"{n}. {link}, {escape(src.publisher)}, {escape(src.date.display())}")
        lines.append("")
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
    out.extend([_summary_line(timeline, len(events), flt), ""])
    year = None
    for event in events:
        if event.when.start.year != year:
            year = event.when.start.year
            out.extend([f"## {year}", ""])
        out.extend(_event_lines(timeline, event, "###"))
    return "\n".join(out).rstrip() + "\n"
