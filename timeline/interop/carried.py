"""What rides along in a TimelineJS export: the timeline's fields TimelineJS has no place for.

TimelineJS shows a headline, an HTML text, dates and a group; it ignores fields it does not
know.  The TimelineJS export (and the sheet, in one more column) therefore carries, under the key
:data:`KEY`, what it cannot show: for the whole timeline its time zone, ``require``, description as
written, actors and sources (titles, publishers, authors, dates, addresses, with their ids); for
each event its dates as written, kind, outcome, actors, place, tags, summary as written, quotes,
sources, links and accounts.  ``timeline import`` reads them back; what TimelineJS shows (the
headline, the dates) wins over them when the two disagree.

The values are the timeline file's own (the mapping a YAML file holds), so reading them back
is checking their shape here and letting the loader check the rest, as for any file.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from typing import Any

from ..dates import FuzzyDate
from ..format import keys_of
from ..model import Era, Event, Timeline
from ..views import view_fields

__all__ = [
    "ERA_KEYS",
    "EVENT_KEYS",
    "KEY",
    "PLAIN_TIMELINE_KEYS",
    "TIMELINE_KEYS",
    "era_fields",
    "event_fields",
    "plain",
    "timeline_fields",
]

#: The key (of the document and of each slide) and the sheet's column holding what rides along.
KEY = "timeline_explorer"
#: What rides along for the whole timeline, each event and each era: every key of the format
#: table (:mod:`timeline.format`) but those TimelineJS shows itself (the title, an era's name as
#: its headline) or holds in its own lists (eras, events).  A key added to the table travels.
TIMELINE_KEYS = tuple(k for k in keys_of("timeline") if k not in ("title", "eras", "events"))
EVENT_KEYS = tuple(k for k in keys_of("event") if k != "title")
ERA_KEYS = tuple(k for k in keys_of("era") if k != "name")
#: The timeline's keys whose carried value the import takes as it is (the description is
#: compared with what TimelineJS shows; the sources become known by address).
PLAIN_TIMELINE_KEYS = tuple(k for k in TIMELINE_KEYS if k not in ("description", "sources"))
_BUILT = ("require", "actors", "sources", "views")  # written by timeline_fields itself


def _written(d: FuzzyDate | None) -> str | None:
    return d.iso() if d is not None else None


def _drop_empty(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v not in (None, "", [], {})}


def timeline_fields(timeline: Timeline, events: list[Event], whole: bool = False) -> dict[str, Any]:
    """The timeline's fields TimelineJS cannot hold, with the actors and sources ``events`` use
    (and, when ``whole``, the rest of them after those, as the JSON export has them)."""
    actor_ids: dict[str, None] = {}
    source_ids: dict[str, None] = {}
    for e in events:
        for a in (*e.actors, *e.declined_by, *(q.actor for q in e.quotes), *(a.actor for a in e.accounts)):
            if a:
                actor_ids[a] = None
        for s in (*e.sources, *(q.source for q in e.quotes), *(a.source for a in e.accounts)):
            if s:
                source_ids[s] = None
    if whole:
        actor_ids = dict.fromkeys([*actor_ids, *timeline.actors])
        source_ids = dict.fromkeys([*source_ids, *timeline.sources])
    actors = {
        a.id: _drop_empty(
            {"name": a.name, "short": a.short, "aliases": list(a.aliases), "description": a.description}
        )
        for a in (timeline.actors[i] for i in actor_ids if i in timeline.actors)
    }
    sources = {
        s.id: _drop_empty(
            {
                "title": s.title,
                "publisher": s.publisher,
                "authors": list(s.authors),
                "date": _written(s.date),
                "url": s.url,
            }
        )
        for s in (timeline.sources[i] for i in source_ids if i in timeline.sources)
    }
    return _drop_empty(
        {
            **{k: getattr(timeline, k.replace("-", "_")) for k in TIMELINE_KEYS if k not in _BUILT},
            "require": sorted(timeline.require),
            "actors": actors,
            "sources": sources,
            "views": [view_fields(v) for v in timeline.views] if whole else [],
        }
    )


def era_fields(era: Era) -> dict[str, Any]:
    """The era's dates and description as its timeline file holds them."""
    fields = {k: getattr(era, k) for k in ERA_KEYS}
    return _drop_empty({k: v.iso() if isinstance(v, FuzzyDate) else v for k, v in fields.items()})


def event_fields(event: Event, exported: Container[str]) -> dict[str, Any]:
    """The event's fields as its timeline file holds them (all but the title, which is the
    headline); its links to events not ``exported`` are left out (they could not be read back)."""
    return _drop_empty(
        {
            "id": event.id,
            "date": _written(event.when.start),
            "end": _written(event.when.end),
            "kind": event.kind,
            "outcome": event.outcome,
            "declined_by": list(event.declined_by),
            "actors": list(event.actors),
            "location": event.location,
            "tags": list(event.tags),
            "summary": event.summary,
            "quotes": [
                _drop_empty({"text": q.text, "by": q.by, "actor": q.actor, "source": q.source})
                for q in event.quotes
            ],
            "sources": list(event.sources),
            "links": [
                _drop_empty({"to": ln.to, "type": ln.type, "note": ln.note})
                for ln in event.links
                if ln.to in exported
            ],
            "accounts": [
                _drop_empty({"by": a.by, "actor": a.actor, "text": a.text, "source": a.source})
                for a in event.accounts
            ],
        }
    )


class NotPlain(ValueError):
    """A value that is not text, a whole number, true/false, a list or an object of them."""

    def __init__(self, path: tuple[Any, ...], what: str) -> None:
        super().__init__(what)
        self.path = path


def plain(value: Any, path: tuple[Any, ...], text: Callable[[str], str], depth: int = 0) -> Any:
    """``value`` as the YAML writer takes it: text (through ``text``, which cleans it), whole
    numbers, lists and objects with text keys; nulls are left out; anything else is
    :class:`NotPlain` at its path."""
    if depth > 8:
        raise NotPlain(path, "is nested too deeply")
    if isinstance(value, str):
        return text(value)
    if isinstance(value, (bool, int)):
        return value
    if isinstance(value, list):
        return [plain(v, (*path, i), text, depth + 1) for i, v in enumerate(value) if v is not None]
    if isinstance(value, dict):
        return {
            text(str(k)): plain(v, (*path, k), text, depth + 1) for k, v in value.items() if v is not None
        }
    what = (
        "a number"
        if isinstance(value, (int, float)) and not isinstance(value, bool)
        else type(value).__name__
    )
    raise NotPlain(path, f"must be text, a list or an object, not {what}")
