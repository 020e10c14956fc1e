"""Named views: a name for a set of filters (and an event to open at, and lanes), kept in the file.

A timeline file may list views at its top level (``views:``, see :mod:`.format`), each a name and
the filters of the command line, an event to select (``at``) and whether to show lanes: the
model holds them as written (:class:`~.model.NamedView`), and :func:`spec_of` makes their
:class:`~.filters.FilterSpec`, the one filter of the command line and the explorer.
``timeline --view NAME`` opens one, ``timeline list --view NAME`` lists it, and the explorer
chooses one from a list. Options given on the command line beside
``--view`` take the place of the view's own for the same filter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import fields, replace
from typing import Any

from .dates import FuzzyDate
from .filters import FilterSpec
from .model import NamedView, Timeline, UnknownEventError
from .names import did_you_mean, suggest

__all__ = [
    "NamedView",
    "UnknownEventError",
    "UnknownViewError",
    "event_index",
    "find_view",
    "over",
    "spec_of",
    "view_fields",
]


def spec_of(view: NamedView) -> FilterSpec:
    """The view's filters as the one filter of the command line and the explorer (a
    :class:`~.filters.FilterSpec`: its actors are ids, which every actor filter takes)."""
    return FilterSpec(
        actors=view.actors,
        match="all" if view.match == "all" else "any",
        tags=view.tags,
        kinds=view.kinds,
        outcomes=view.outcomes,
        date_from=view.date_from,
        date_to=view.date_to,
        text=view.search,
    )


def over(view: NamedView, given: FilterSpec) -> FilterSpec:
    """The view's filters with those ``given`` (on the command line) in place of its own: a
    condition set in ``given`` (not its default) replaces the view's."""
    blank = FilterSpec()
    changes = {f.name: getattr(given, f.name) for f in fields(FilterSpec)}
    return replace(spec_of(view), **{k: v for k, v in changes.items() if v != getattr(blank, k)})


def view_fields(view: NamedView, date: Callable[[FuzzyDate], Any] = FuzzyDate.iso) -> dict[str, Any]:
    """The view as its timeline file writes it (the keys of the format table's ``view``, those
    set only), each date as ``date`` gives it (by default its written form): what the exports
    carry and the import writes back."""
    spec = spec_of(view)
    found: dict[str, Any] = {
        "name": view.name,
        "description": view.description,
        "actors": list(spec.actors),
        "match": spec.match if spec.match != "any" else None,
        "tags": list(spec.tags),
        "kinds": list(spec.kinds),
        "outcomes": list(spec.outcomes),
        "from": date(spec.date_from) if spec.date_from is not None else None,
        "to": date(spec.date_to) if spec.date_to is not None else None,
        "search": spec.text,
        "at": view.at,
        "lanes": view.lanes or None,
    }
    return {k: v for k, v in found.items() if v not in (None, "", [])}


def tip(name: str, known: Iterable[str]) -> str:
    """``; did you mean 'X'?`` for the known names ``name`` may have meant (:mod:`.names`), or ""."""
    said = did_you_mean(suggest(name, known))
    return f"; {said}" if said else ""


class UnknownViewError(LookupError):
    """``--view NAME`` names no view of the timeline."""

    def __init__(self, name: str, known: Iterable[str]) -> None:
        known = list(known)
        self.name = name
        if not known:
            message = f"unknown view {name!r}: the timeline names no views (views: in the file)"
        else:
            message = f"unknown view {name!r}" + (tip(name, known) or f"; the views are: {', '.join(known)}")
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.args[0])


def find_view(timeline: Timeline, name: str) -> NamedView:
    """The view called ``name``; :class:`UnknownViewError` when there is none."""
    for view in timeline.views:
        if view.name == name:
            return view
    raise UnknownViewError(name, [v.name for v in timeline.views])


def event_index(timeline: Timeline, event_id: str) -> int:
    """The index of the event ``event_id``; :class:`~.model.UnknownEventError` when there is none."""
    return timeline.event_index(event_id)
