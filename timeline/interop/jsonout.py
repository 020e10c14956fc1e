"""``timeline export --format json``: the timeline as loaded, for programs (jq, pandas).

The shape is stable and versioned (``"version": 1``; a field is only ever added, and a
change to what a field means comes with a new version):

```
{"format": "timeline-explorer", "version": 1,
 "title": str, "description": str, "timezone": str|null (IANA; times are shown in it),
 "date-order": str|null ("day-first" or "month-first": how numeric dates were read),
 "require": [str] (per-event fields the files insist on),
 "filter": str (what filtered the events; "" for none),
 "eras": [{"name", "description", "start": DATE, "end": DATE}],
 "actors": {id: {"name", "short", "aliases": [str], "description"}},
 "sources": {id: {"title", "publisher", "authors": [str], "date": DATE|null (null: undated), "url"}},
 "events": [{"id", "title", "kind", "outcome": str|null, "declined_by": [id],
             "date": DATE, "end": DATE|null, "first": "YYYY-MM-DD", "last": "YYYY-MM-DD",
             "display": str, "actors": [id], "location", "tags": [str], "summary",
             "quotes": [{"text", "by", "actor", "source"}], "sources": [id],
             "links": [{"to", "type", "note"}], "accounts": [{"text", "by", "actor", "source"}]}],
 "views": [{"name", "description", "actors": [id], "match", "tags": [str], "kinds": [str],
            "outcomes": [str], "from": DATE, "to": DATE, "search", "at": id, "lanes": bool}]
            (the keys set only; in an export of the whole timeline, else [])}
DATE = {"written": str (reads back in a timeline file), "display": str,
        "first": "YYYY-MM-DD", "last": "YYYY-MM-DD"}   (first/last: the days it may mean)
```
Events are in the timeline's order; ``actors`` and ``sources`` hold those the exported
events refer to, in the order they first do, and all of them in an export of the whole timeline
(every event, no filter), so that ``timeline import`` gives the timeline back whole
(:mod:`.jsonin`).  Keys are written in a fixed order, so an export is the same bytes each time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..dates import FuzzyDate, from_day_number
from ..model import Timeline
from ..views import view_fields

__all__ = ["FORMAT_NAME", "VERSION", "to_json", "to_json_data"]

#: The value of ``"format"``, which says a JSON file is ours (and :mod:`.jsonin` recognises).
FORMAT_NAME = "timeline-explorer"
VERSION = 1


def _iso_day(n: int) -> str:
    """Day number ``n`` (``date.toordinal()``, extended before year 1) as ISO 8601: ``-0299-03-15``."""
    y, m, d = from_day_number(n)
    return (f"-{-y:04d}" if y < 0 else f"{y:04d}") + f"-{m:02d}-{d:02d}"


def _first(d: FuzzyDate) -> str:
    return _iso_day(d.first_day)


def _last(d: FuzzyDate) -> str:
    return _iso_day(d.last_day)


def _date(d: FuzzyDate) -> dict[str, str]:
    return {"written": d.iso(), "display": d.display(), "first": _first(d), "last": _last(d)}


def is_whole(timeline: Timeline, rows: Sequence[int] | None, filter_text: str = "") -> bool:
    """Whether an export of the events at ``rows`` is of the whole timeline (every event, no
    filter): such an export carries every actor and source, those no event refers to as well."""
    return not filter_text and (rows is None or len(set(rows)) == len(timeline.events))


def to_json_data(
    timeline: Timeline, rows: Sequence[int] | None = None, filter_text: str = ""
) -> dict[str, Any]:
    """The events at ``rows`` (all when None), with what they refer to, as plain data."""
    indexes: Iterable[int] = range(len(timeline.events)) if rows is None else rows
    events = [timeline.events[i] for i in indexes]
    actor_ids: dict[str, None] = {}
    source_ids: dict[str, None] = {}
    out_events = []
    for e in events:
        for a in (*e.actors, *e.declined_by, *(q.actor for q in e.quotes if q.actor)):
            actor_ids[a] = None
        for s in (*e.sources, *(q.source for q in e.quotes if q.source)):
            source_ids[s] = None
        accounts = e.accounts
        for acc in accounts:
            if acc.actor:
                actor_ids[acc.actor] = None
            if acc.source:
                source_ids[acc.source] = None
        out_events.append(
            {
                "id": e.id,
                "title": e.title,
                "kind": e.kind,
                "outcome": e.outcome,
                "declined_by": list(e.declined_by),
                "date": _date(e.when.start),
                "end": _date(e.when.end) if e.when.end is not None else None,
                "first": _first(e.when.start),
                "last": _last(e.when.end or e.when.start),
                "display": e.when.display(),
                "actors": list(e.actors),
                "location": e.location,
                "tags": list(e.tags),
                "summary": e.summary,
                "quotes": [
                    {"text": q.text, "by": q.by, "actor": q.actor, "source": q.source} for q in e.quotes
                ],
                "sources": list(e.sources),
                "links": [{"to": ln.to, "type": ln.type, "note": ln.note} for ln in e.links],
                "accounts": [
                    {"text": a.text, "by": a.by, "actor": a.actor, "source": a.source} for a in accounts
                ],
            }
        )
    whole = is_whole(timeline, rows, filter_text)
    if whole:
        # The whole timeline: all of them, in the order the events first refer to them (as every
        # export that carries them does, so a round trip through any door gives the same bytes),
        # then those no event refers to, in the file's order.
        actor_ids = dict.fromkeys([*actor_ids, *timeline.actors])
        source_ids = dict.fromkeys([*source_ids, *timeline.sources])
    actors = {
        a.id: {"name": a.name, "short": a.short, "aliases": list(a.aliases), "description": a.description}
        for a in (timeline.actors[i] for i in actor_ids if i in timeline.actors)
    }
    sources = {
        s.id: {
            "title": s.title,
            "publisher": s.publisher,
            "authors": list(s.authors),
            "date": _date(s.date) if s.date is not None else None,
            "url": s.url,
        }
        for s in (timeline.sources[i] for i in source_ids if i in timeline.sources)
    }
    eras = [
        {
            "name": era.name,
            "description": era.description,
            "start": _date(era.start),
            "end": _date(era.end),
        }
        for era in timeline.eras
    ]
    return {
        "format": FORMAT_NAME,
        "version": VERSION,
        "title": timeline.title,
        "description": timeline.description,
        "timezone": timeline.timezone,
        "date-order": timeline.date_order,
        "require": sorted(timeline.require),
        "filter": filter_text,
        "eras": eras,
        "actors": actors,
        "sources": sources,
        "events": out_events,
        # (a part of the timeline may lack what a view names: its views come with the whole)
        "views": [view_fields(v, _date) for v in timeline.views] if whole else [],
    }


def to_json(timeline: Timeline, rows: Sequence[int] | None = None, filter_text: str = "") -> str:
    """:func:`to_json_data` as JSON text (UTF-8, two-space indent, a newline at the end)."""
    return json.dumps(to_json_data(timeline, rows, filter_text), ensure_ascii=False, indent=2) + "\n"
