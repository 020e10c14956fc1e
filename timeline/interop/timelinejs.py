"""TimelineJS's JSON format, in (:func:`read`) and out (:func:`to_timelinejs`).

The format is documented at https://timeline.knightlab.com/docs/json-format.html: a
``title`` slide, ``events`` and ``eras`` with ``start_date``/``end_date`` objects
(year, month, day, hour, minute, second, millisecond, display_date), ``text`` with an
HTML ``headline`` and ``text``, ``media``, ``group``, ``display_date``, ``unique_id``.
TimelineJS writes years before 1 CE as negative numbers and shows ``-300`` as 300 BCE;
so does this module (``-300`` ↔ ``300 BC``; there is no year 0).  TimelineJS 2's format is read
too (see :mod:`.convert`).  An export also carries, under ``timeline_explorer`` (a key TimelineJS
ignores), what TimelineJS has no place for (:mod:`.carried`), so that importing it gives the
timeline back.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..dates import FuzzyDate, Span
from ..model import Event, Source, Timeline, split_paragraphs
from . import carried, jsonpos
from .convert import Where, convert
from .jsonout import is_whole
from .report import ImportReport
from .textin import decode as decode  # where importers found it before textin.py
from .textin import load_json

__all__ = ["read", "timelinejs_text", "to_timelinejs"]


# -- in ----------------------------------------------------------------------------------


def _where(name: str, text: str) -> Where:
    """Where a path of the document starts, as ``FILE:LINE:COL`` (the document is parsed again,
    with positions, the first time a message needs one; ``FILE:1:1`` where they cannot be had)."""
    parsed: list[Any] = []

    def where(path: tuple[Any, ...]) -> str:
        if not parsed:
            parsed.append(jsonpos.parse(text))
        node, pos = parsed[0], 0
        if node is None:
            return f"{name}:1:1"
        for key in path:
            pos = getattr(node, "pos", pos)
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                break
        pos = getattr(node, "pos", pos)
        line, col = jsonpos.line_col(text, pos)
        return f"{name}:{line}:{col}"

    return where


def read(name: str, data: bytes, report: ImportReport, default_title: str) -> dict[str, Any]:
    """The timeline YAML mapping for a TimelineJS JSON file; :class:`ImportFailed` if it is not one."""
    text, doc = load_json(name, data)  # the encodings read, and duplicate keys refused: see textin
    return convert(doc, name, _where(name, text), report, default_title)


# -- out ---------------------------------------------------------------------------------


def _date_object(d: FuzzyDate) -> dict[str, str]:
    """A TimelineJS date object at the precision ``d`` was written with."""
    # As shown: a time is converted into the timeline's zone where it is shown so.
    y, month, day, hour, minute, second = d.shown_fields()
    year = y if y > 0 else y - 1  # ISO year 0 is 1 BC, which TimelineJS writes -1
    out = {"year": str(year)}
    if month is not None:
        out["month"] = str(month)
    if day is not None:
        out["day"] = str(day)
    for part, value in (("hour", hour), ("minute", minute), ("second", second)):
        if value is not None:
            out[part] = str(value)
    return out


def _needs_display(d: FuzzyDate | None) -> bool:
    """Whether TimelineJS's date object alone says less than ``d`` (early, c., ?, a period, season, zone)."""
    if d is None:
        return False
    vague = d.qualifier or d.approximate or d.uncertain
    return bool(vague or d.period or d.part or d.offset is not None)


def _p(text: str) -> str:
    return f"<p>{html.escape(text, quote=False)}</p>"


def _link(url: str, label: str) -> str:
    return f'<a href="{html.escape(url)}">{html.escape(label, quote=False)}</a>'


def event_html(timeline: Timeline, event: Event) -> str:
    """The text of a TimelineJS slide: summary, quotes, actors, place, links, accounts and sources."""
    parts = [_p(p) for p in split_paragraphs(event.summary)]
    for q in event.quotes:
        parts.append(
            f"<blockquote>{html.escape(q.text, quote=False)} <cite>{html.escape(q.by, quote=False)}</cite>"
            "</blockquote>"
        )
    for account in event.accounts:
        by = account.by or ", ".join(timeline.actor_names([account.actor] if account.actor else []))
        parts.append(_p(f"{by}'s account: {account.text}"))
    facts = []
    if event.actors:
        facts.append("Actors: " + ", ".join(timeline.actor_names(event.actors)))
    if event.location:
        facts.append("Place: " + event.location)
    if event.outcome:
        facts.append("Outcome: " + timeline.outcome_text(event))
    if facts:
        parts.append(_p(" · ".join(facts)))
    index = timeline.by_id.get(event.id)
    for link in timeline.links_of(index) if index is not None else ():
        note = f" ({link.note})" if link.note else ""
        parts.append(_p(f"{link.wording}: {timeline.events[link.target].title}{note}"))
    cited = dict.fromkeys(
        [
            *event.sources,
            *(q.source for q in event.quotes if q.source),
            *(a.source for a in event.accounts if a.source),
        ]
    )
    sources = [timeline.sources[s] for s in cited if s in timeline.sources]
    if sources:
        items = [
            ", ".join(
                part
                for part in (
                    _link(s.url, s.title) if s.url else html.escape(s.title, quote=False),
                    html.escape(s.publisher, quote=False),
                    html.escape(_source_date(s), quote=False),
                )
                if part
            )
            for s in sources
        ]
        parts.append("<p>Sources: " + "; ".join(items) + "</p>")
    return "".join(parts)


def _source_date(source: Source) -> str:
    """When the source was published, shown; nothing for an undated source (never a made-up date)."""
    date: FuzzyDate | None = source.date
    return date.display() if date is not None else ""


def _slide_dates(when: Span) -> dict[str, Any]:
    out: dict[str, Any] = {"start_date": _date_object(when.start)}
    if when.end is not None:
        out["end_date"] = _date_object(when.end)
    if _needs_display(when.start) or _needs_display(when.end):
        out["display_date"] = when.display()
    return out


def to_timelinejs(timeline: Timeline, rows: Sequence[int] | None = None) -> dict[str, Any]:
    """The events at ``rows`` (all when None) as a TimelineJS document (a dict for ``json.dumps``)."""
    indexes: Iterable[int] = range(len(timeline.events)) if rows is None else rows
    doc: dict[str, Any] = {
        "title": {
            "text": {
                "headline": html.escape(timeline.title, quote=False),
                "text": "".join(_p(p) for p in split_paragraphs(timeline.description)),
            }
        }
    }
    events = []
    chosen = [timeline.events[i] for i in indexes]
    exported = {e.id for e in chosen}
    for e in chosen:
        slide: dict[str, Any] = _slide_dates(e.when)
        slide["text"] = {"headline": html.escape(e.title, quote=False), "text": event_html(timeline, e)}
        group = ", ".join(timeline.actor_names(e.actors)) or (e.tags[0] if e.tags else "")
        if group:
            slide["group"] = group
        slide["unique_id"] = e.id
        slide[carried.KEY] = carried.event_fields(e, exported)
        events.append(slide)
    doc["events"] = events
    eras = []
    for era in timeline.eras:
        eras.append(
            {
                "start_date": _date_object(era.start),
                "end_date": _date_object(era.end),
                "text": {
                    "headline": html.escape(era.name, quote=False),
                    "text": "".join(_p(p) for p in split_paragraphs(era.description or "")),
                },
                carried.KEY: carried.era_fields(era),
            }
        )
    if eras:
        doc["eras"] = eras
    doc[carried.KEY] = carried.timeline_fields(timeline, chosen, is_whole(timeline, rows))
    return doc


def timelinejs_text(timeline: Timeline, rows: Sequence[int] | None = None) -> str:
    """:func:`to_timelinejs` as JSON text: UTF-8, keys in a fixed order, the same bytes every time."""
    return json.dumps(to_timelinejs(timeline, rows), ensure_ascii=False, indent=2) + "\n"
