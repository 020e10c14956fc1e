"""The timeline's objects: actors, sources, quotes, events and the ordered timeline."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from .dates import FuzzyDate, Span

__all__ = [
    "KINDS",
    "OUTCOMES",
    "OUTCOME_KINDS",
    "Actor",
    "Event",
    "Quote",
    "Source",
    "Timeline",
    "UnknownActorError",
    "split_paragraphs",
]

#: The kinds of event a timeline may hold (a closed list, so a typo is caught).
KINDS: tuple[str, ...] = (
    "war",
    "offensive",
    "ceasefire",
    "meeting",
    "proposal",
    "statement",
    "interview",
    "report",
    "analysis",
    "position",
    "measure",
    "forum",
    "decree",
    "displacement",
    "agreement",
    "other",
)

#: Outcomes of meetings and proposals, with their wording for people.
OUTCOMES: dict[str, str] = {
    "held": "held",
    "declined": "declined",
    "not-held": "did not take place",
    "pending": "pending",
}

#: The kinds that carry an outcome.
OUTCOME_KINDS = frozenset(("meeting", "proposal"))


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    short: str
    aliases: tuple[str, ...] = ()
    description: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Every name this actor answers to: id, display name, short tag and aliases."""
        return (self.id, self.name, self.short, *self.aliases)


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    publisher: str
    date: FuzzyDate
    url: str
    authors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    by: str
    actor: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    when: Span
    title: str
    kind: str
    actors: tuple[str, ...]
    summary: str
    sources: tuple[str, ...]
    outcome: str | None = None
    declined_by: tuple[str, ...] = ()
    location: str = ""
    tags: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    file: str = ""
    line: int = 0

    @property
    def outcome_text(self) -> str:
        """``declined by Azerbaijan``-style wording needs actor names: see Timeline.outcome_text."""
        return OUTCOMES.get(self.outcome or "", "")

    @property
    def paragraphs(self) -> list[str]:
        """The summary's paragraphs, each folded to one line."""
        return split_paragraphs(self.summary)


#: A blank line, even one holding spaces (a literal block keeps an editor's trailing spaces).
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def split_paragraphs(text: str) -> list[str]:
    """``text``'s paragraphs (separated by blank lines), each folded to one line."""
    blocks = [" ".join(block.split()) for block in _BLANK_LINE.split(text)]
    return [b for b in blocks if b]


class UnknownActorError(LookupError):
    """A name that matches no actor's id, name, short tag or alias."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        self.name = name
        self.known = list(known)
        super().__init__(f"unknown actor {name!r}; known actors: {', '.join(self.known)}")


@dataclass
class Timeline:
    """Events in chronological order, with the actors and sources they refer to."""

    title: str
    actors: dict[str, Actor]
    sources: dict[str, Source]
    events: tuple[Event, ...]
    description: str = ""
    files: tuple[str, ...] = ()
    _names: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # Ids first, then display names and aliases, then short tags: a short tag (often
        # made from initials) never takes over another actor's id or name.
        actors = self.actors.values()
        ranked = [(a.id, a.id) for a in actors]
        ranked += [(name, a.id) for a in actors for name in (a.name, *a.aliases)]
        ranked += [(a.short, a.id) for a in actors]
        for name, actor_id in ranked:
            self._names.setdefault(" ".join(name.split()).casefold(), actor_id)

    def __len__(self) -> int:
        return len(self.events)

    # -- actors -----------------------------------------------------------
    def find_actor(self, name: str) -> Actor | None:
        """The actor called ``name`` (id, display name, short tag or alias; any case)."""
        actor_id = self._names.get(" ".join(name.split()).casefold())
        return self.actors[actor_id] if actor_id else None

    def resolve_actors(self, names: Iterable[str]) -> frozenset[str]:
        """Actor ids for ``names``; raises :class:`UnknownActorError` for the first unknown one."""
        ids = []
        for name in names:
            actor = self.find_actor(name)
            if actor is None:
                raise UnknownActorError(name, sorted(a.name for a in self.actors.values()))
            ids.append(actor.id)
        return frozenset(ids)

    def actor_names(self, ids: Iterable[str]) -> list[str]:
        return [self.actors[i].name for i in ids if i in self.actors]

    def outcome_text(self, event: Event) -> str:
        """``held``, ``did not take place``, ``declined by Azerbaijan``..."""
        text = event.outcome_text
        if event.outcome == "declined" and event.declined_by:
            text += " by " + ", ".join(self.actor_names(event.declined_by))
        return text

    # -- tags and kinds -----------------------------------------------------
    @cached_property
    def tags(self) -> tuple[str, ...]:
        return tuple(sorted({t for e in self.events for t in e.tags}))

    @cached_property
    def kinds(self) -> tuple[str, ...]:
        present = {e.kind for e in self.events}
        return tuple(k for k in KINDS if k in present)

    # -- indexes used by filters (built once, on first use) -----------------
    @cached_property
    def haystacks(self) -> list[str]:
        """Per event, the casefolded text that free-text search looks in."""
        out = []
        for e in self.events:
            parts = [e.title, e.summary, e.location, e.kind, e.id]
            parts.extend(e.tags)
            for q in e.quotes:
                parts.append(q.text)
                parts.append(q.by)
            for actor_id in e.actors:
                actor = self.actors.get(actor_id)
                if actor:
                    parts.extend(actor.names)
            out.append("\n".join(parts).casefold())
        return out

    @cached_property
    def by_actor(self) -> dict[str, list[int]]:
        """Actor id → indexes of the events that involve it, in order."""
        index: dict[str, list[int]] = {a: [] for a in self.actors}
        for i, e in enumerate(self.events):
            for a in e.actors:
                index.setdefault(a, []).append(i)
        return index

    # -- counts over a view (the rows a filter kept) ---------------------------
    def actor_counts(self, rows: Iterable[int]) -> Counter[str]:
        """How many of the events at ``rows`` involve each actor."""
        events = self.events
        return Counter(a for i in rows for a in events[i].actors)

    def tag_counts(self, rows: Iterable[int]) -> Counter[str]:
        events = self.events
        return Counter(t for i in rows for t in events[i].tags)

    def kind_counts(self, rows: Iterable[int]) -> Counter[str]:
        events = self.events
        return Counter(events[i].kind for i in rows)

    # -- navigation ---------------------------------------------------------
    def related(self, index: int) -> tuple[int | None, int | None]:
        """The previous and next events sharing at least one actor with event ``index``."""
        actors = set(self.events[index].actors)
        prev = next_ = None
        for i in range(index - 1, -1, -1):
            if actors.intersection(self.events[i].actors):
                prev = i
                break
        for i in range(index + 1, len(self.events)):
            if actors.intersection(self.events[i].actors):
                next_ = i
                break
        return prev, next_
