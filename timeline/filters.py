"""Which events to show: a composable filter over a :class:`Timeline`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from .dates import FuzzyDate
from .model import KINDS, OUTCOMES, Timeline

__all__ = ["Filter", "FilterSpec", "Match", "UnknownNameError"]

Match = Literal["any", "all"]


@dataclass(frozen=True)
class Filter:
    """Conditions an event must meet; an empty filter keeps every event.

    Each condition narrows the result (they compose with *and*); within
    ``actors`` the ``match`` says whether an event needs any or all of them;
    within ``tags``, ``kinds`` and ``outcomes`` any one is enough.  ``text``
    is split into words and each word must appear (case-insensitive) in the
    event's title, summary, quotes, location, tags or its actors' names.
    """

    actors: frozenset[str] = frozenset()
    match: Match = "any"
    tags: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    outcomes: frozenset[str] = frozenset()
    date_from: FuzzyDate | None = None
    date_to: FuzzyDate | None = None
    text: str = ""

    @property
    def active(self) -> bool:
        return self != Filter(match=self.match)

    def with_(self, **changes: object) -> Filter:
        return replace(self, **changes)  # type: ignore[arg-type]

    # -- applying -------------------------------------------------------------
    def apply(self, timeline: Timeline) -> list[int]:
        """Indexes (into ``timeline.events``) of the events this filter keeps, in order."""
        events = timeline.events
        rows: list[int] | range = range(len(events))
        if self.actors:
            rows = self._actor_rows(timeline)
        if self.text:
            words = [w.casefold() for w in self.text.split()]
            hay = timeline.haystacks
            rows = [i for i in rows if all(w in hay[i] for w in words)]
        if self.tags:
            rows = [i for i in rows if not self.tags.isdisjoint(events[i].tags)]
        if self.kinds:
            rows = [i for i in rows if events[i].kind in self.kinds]
        if self.outcomes:
            rows = [i for i in rows if events[i].outcome in self.outcomes]
        if self.date_from or self.date_to:
            lo: dt.date | None = self.date_from.earliest if self.date_from else None
            hi: dt.date | None = self.date_to.latest if self.date_to else None
            rows = [i for i in rows if events[i].when.overlaps(lo, hi)]
        return list(rows)

    def _actor_rows(self, timeline: Timeline) -> list[int]:
        lists = [timeline.by_actor.get(a, []) for a in self.actors]
        if self.match == "all":
            common = set(lists[0]).intersection(*lists[1:])
            return sorted(common)
        merged: set[int] = set()
        for rows in lists:
            merged.update(rows)
        return sorted(merged)

    # -- describing -----------------------------------------------------------
    def describe(self, timeline: Timeline) -> str:
        """The filter in words, e.g. ``actor: Russia · search: "talks"``; empty when none."""
        parts = []
        if self.actors:
            names = sorted(timeline.actor_names(self.actors))
            joiner = " and " if self.match == "all" else " or "
            label = "actor" if len(names) == 1 else "actors"
            parts.append(f"{label}: {joiner.join(names)}")
        if self.kinds:
            parts.append("kind: " + " or ".join(sorted(self.kinds)))
        if self.tags:
            parts.append("tag: " + " or ".join(sorted(self.tags)))
        if self.outcomes:
            parts.append("outcome: " + " or ".join(OUTCOMES.get(o, o) for o in sorted(self.outcomes)))
        if self.date_from and self.date_to:
            parts.append(f"dates: {self.date_from.display()} – {self.date_to.display()}")
        elif self.date_from:
            parts.append(f"from: {self.date_from.display()}")
        elif self.date_to:
            parts.append(f"to: {self.date_to.display()}")
        if self.text:
            parts.append(f'search: "{self.text}"')
        return " · ".join(parts)


class UnknownNameError(LookupError):
    """A filter names a tag or kind the timeline does not have."""

    def __init__(self, what: str, name: str, known: Sequence[str]) -> None:
        self.what = what
        self.name = name
        self.known = list(known)
        super().__init__(f"unknown {what} {name!r}; known {what}s: {', '.join(self.known)}")


@dataclass(frozen=True)
class FilterSpec:
    """A filter as a person wrote it (actor names, not ids), before a timeline is loaded."""

    actors: tuple[str, ...] = ()
    match: Match = "any"
    tags: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    date_from: FuzzyDate | None = None
    date_to: FuzzyDate | None = None
    text: str = ""

    def resolve(self, timeline: Timeline) -> Filter:
        """The :class:`Filter` for ``timeline``; raises for unknown actors, tags or kinds."""
        for tag in self.tags:
            if tag not in timeline.tags:
                raise UnknownNameError("tag", tag, timeline.tags)
        for kind in self.kinds:
            if kind not in KINDS:
                raise UnknownNameError("kind", kind, KINDS)
        for outcome in self.outcomes:
            if outcome not in OUTCOMES:
                raise UnknownNameError("outcome", outcome, list(OUTCOMES))
        return Filter(
            actors=timeline.resolve_actors(self.actors),
            match=self.match,
            tags=frozenset(self.tags),
            kinds=frozenset(self.kinds),
            outcomes=frozenset(self.outcomes),
            date_from=self.date_from,
            date_to=self.date_to,
            text=" ".join(self.text.split()),
        )
