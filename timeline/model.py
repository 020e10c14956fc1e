"""The timeline's objects: actors, sources, quotes, events and the ordered timeline."""

from __future__ import annotations

import bisect
import re
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from typing import Any, NamedTuple

from .dates import FuzzyDate, Span
from .names import did_you_mean, suggest, unknown
from .search import SearchIndex

__all__ = [
    "CHAIN_TYPES",
    "KINDS",
    "LINK_LEADS",
    "LINK_TYPES",
    "OUTCOMES",
    "OUTCOME_KINDS",
    "REQUIRABLE",
    "Account",
    "Actor",
    "Era",
    "Event",
    "EventLink",
    "Link",
    "NamedView",
    "Quote",
    "Source",
    "Timeline",
    "UnknownActorError",
    "UnknownEventError",
    "paragraph_blocks",
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

#: The types of link from one event to another, each with its wording from the linking event
#: and the wording of the derived reverse direction (from the event linked to). The reverse is
#: never written in the file: ``b`` ``responds-to`` ``a`` makes ``a`` "responded to by" ``b``.
LINK_TYPES: dict[str, tuple[str, str]] = {
    "responds-to": ("responds to", "responded to by"),
    "follows-up": ("follows up", "followed up by"),
    "leads-to": ("leads to", "follows from"),
    "contradicts": ("contradicts", "contradicted by"),
    "see-also": ("see also", "see also"),
}

#: The link types that make a chain of events (:meth:`Timeline.chain`): one leads to the next.
CHAIN_TYPES = frozenset(("leads-to", "follows-up", "responds-to"))

#: The per-event fields a timeline may insist on with its top-level ``require:`` setting.
REQUIRABLE: tuple[str, ...] = ("actors", "sources")


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
    #: When it was published; None for a source that does not say (a video, a page), never a guess.
    date: FuzzyDate | None
    url: str
    authors: tuple[str, ...] = ()

    @property
    def byline(self) -> str:
        """The authors as written, joined for a citation: ``A``, ``A and B``, ``A, B and C``."""
        names = self.authors
        if len(names) < 2:
            return "".join(names)
        return f"{', '.join(names[:-1])} and {names[-1]}"


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    by: str
    actor: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """A typed link from an event to another one (``to`` is the other event's id)."""

    to: str
    type: str
    note: str = ""

    @property
    def wording(self) -> str:
        """``responds to``, ``leads to``...: the link read from the event that holds it."""
        return LINK_TYPES[self.type][0]

    @property
    def reverse_wording(self) -> str:
        """``responded to by``, ``follows from``...: the link read from the event it points at."""
        return LINK_TYPES[self.type][1]


@dataclass(frozen=True, slots=True)
class Account:
    """One side's version of an event: who gives it (a named speaker, an actor, or both), and its source."""

    text: str
    by: str = ""
    actor: str | None = None
    source: str = ""


@dataclass(frozen=True, slots=True)
class Era:
    """A named period of the timeline, such as a war or a blockade."""

    name: str
    start: FuzzyDate
    end: FuzzyDate
    description: str = ""

    @property
    def when(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True, slots=True)
class NamedView:
    """A view the file names (``views:``): the filters as written under the format table's keys
    (actor ids, tags, kinds, outcomes, dates, search words), the event to select and whether to
    show lanes. :func:`timeline.views.spec_of` makes its :class:`~timeline.filters.FilterSpec`,
    the one filter of the command line, the explorer and the views."""

    name: str
    description: str = ""
    actors: tuple[str, ...] = ()
    match: str = "any"
    tags: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    date_from: FuzzyDate | None = None
    date_to: FuzzyDate | None = None
    search: str = ""
    at: str | None = None
    lanes: bool = False


#: Each link wording, either way, as a line listing links starts it: ``Responds to``, ``Led to by``.
LINK_LEADS: dict[str, str] = {w: w[0].upper() + w[1:] for pair in LINK_TYPES.values() for w in pair}


class EventLink(NamedTuple):
    """One link of an event, in either direction, as :meth:`Timeline.links_of` gives it.

    ``wording`` is read from the event asked about (``responds to`` for a link it holds,
    ``responded to by`` for one another event holds to it); ``target`` is the other event's
    place in :attr:`Timeline.events`.
    """

    wording: str
    target: int
    type: str
    outgoing: bool
    note: str = ""

    @property
    def lead(self) -> str:
        """The wording as a line listing links starts it (:data:`LINK_LEADS`): ``Responds to``."""
        return LINK_LEADS[self.wording]


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
    links: tuple[Link, ...] = ()
    accounts: tuple[Account, ...] = ()

    @property
    def involved(self) -> tuple[str, ...]:
        """The actors of the event: those it names, then those giving its accounts, once each.

        The one definition every "actors of an event" reads (through :attr:`Timeline.event_actors`):
        the actor filter (``--actor``, the picker), the picker's and the palette's counts, related
        events and search by actor names. A quote's speaker (``quotes[].actor``, often a commentator)
        and ``declined_by`` are not in it. Lists of events show :attr:`actors`, the actors named.
        """
        if not self.accounts:
            return self.actors
        return tuple(dict.fromkeys((*self.actors, *(a.actor for a in self.accounts if a.actor))))

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


def paragraph_blocks(text: str) -> list[str]:
    """``text``'s paragraphs (separated by blank lines) as written: each without whitespace at
    either end, the spaces and line breaks within it kept (an HTML page shows them as spaces)."""
    if "\n" not in text:  # (the usual summary of one line: no pattern needed)
        text = text.strip()
        return [text] if text else []
    return [b for b in map(str.strip, _BLANK_LINE.split(text)) if b]


def split_paragraphs(text: str) -> list[str]:
    """``text``'s paragraphs (:func:`paragraph_blocks`), each folded to one line."""
    return [" ".join(block.split()) for block in paragraph_blocks(text)]


class UnknownActorError(LookupError):
    """A name that matches no actor's id, name, short tag or alias.

    ``known`` are the actors' names; ``spellings`` every spelling accepted (id, name, short tag,
    aliases) → the actor's name, among which the names it may have meant are found
    (:func:`timeline.names.suggest`), in :attr:`suggestions` and in the message."""

    def __init__(self, name: str, known: Sequence[str], spellings: Mapping[str, str] | None = None) -> None:
        self.name = name
        self.known = list(known)
        self.suggestions = suggest(name, spellings or self.known, meaning=spellings)
        super().__init__(unknown("actor", name, self.known, suggestions=self.suggestions))


class UnknownEventError(LookupError):
    """An event id no event has; the message names the ids it may have meant."""

    def __init__(self, event_id: str, known: Iterable[str]) -> None:
        self.event_id = event_id
        self.suggestions = suggest(event_id, known)
        tip = did_you_mean(self.suggestions)
        super().__init__(f"no event has the id {event_id!r}" + (f"; {tip}" if tip else ""))


@dataclass
class Timeline:
    """Events in chronological order, with the actors and sources they refer to."""

    title: str
    actors: dict[str, Actor]
    sources: dict[str, Source]
    events: tuple[Event, ...]
    description: str = ""
    files: tuple[str, ...] = ()
    #: The IANA time zone times are shown and ordered in (``timezone:``); None: as written.
    timezone: str | None = None
    #: Named periods, in order of their start.
    eras: tuple[Era, ...] = ()
    #: The per-event fields (of :data:`REQUIRABLE`) the timeline's files insist on.
    require: frozenset[str] = frozenset()
    #: How the files' ambiguous numeric dates were read (``date-order:``): day-first, month-first or None.
    date_order: str | None = None
    #: The named views of the files (``views:``), in the order written.
    views: tuple[NamedView, ...] = ()
    _names: dict[str, str] = field(default_factory=dict, repr=False)
    #: The word index free-text search uses once built (:meth:`build_search_index`); until
    #: then search scans the events' text.
    search_index: SearchIndex | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Ids first, then display names and aliases, then short tags: a short tag (often
        # made from initials) never takes over another actor's id or name.  Within a rank, a
        # name two actors share is the one's with the smaller id, whatever the order they are
        # listed in (which an export through a door may change: the timeline stays the same).
        actors = sorted(self.actors.values(), key=lambda a: a.id)
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
                known = sorted(a.name for a in self.actors.values())
                spellings = {
                    spelling: a.name
                    for a in self.actors.values()
                    for spelling in (a.name, a.id, a.short, *a.aliases)
                    if spelling
                }
                raise UnknownActorError(name, known, spellings)
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
            for a in e.accounts:
                parts.append(a.text)
                parts.append(a.by)
            for actor_id in e.involved:
                actor = self.actors.get(actor_id)
                if actor:
                    parts.extend(actor.names)
            out.append("\n".join(parts).casefold())
        return out

    @cached_property
    def text_haystacks(self) -> list[str]:
        """Per event, :attr:`haystacks` without the actors' names (see :attr:`actor_haystacks`).

        A search word holds no whitespace, so it is in an event's haystack exactly when
        it is in this text or in the haystack of one of the event's actors; each actor's
        names are then searched once, not once per event.
        """
        out = []
        for e in self.events:
            parts = [e.title, e.summary, e.location, e.kind, e.id, *e.tags]
            for q in e.quotes:
                parts.append(q.text)
                parts.append(q.by)
            for a in e.accounts:
                parts.append(a.text)
                parts.append(a.by)
            out.append("\n".join(parts).casefold())
        return out

    @cached_property
    def actor_haystacks(self) -> dict[str, str]:
        """Actor id → the casefolded names that free-text search looks in."""
        return {a.id: "\n".join(a.names).casefold() for a in self.actors.values()}

    @cached_property
    def event_actors(self) -> list[tuple[str, ...]]:
        """Per event, the ids of its actors as :attr:`Event.involved` defines them (those it names,
        then those giving its accounts): what filtering, counting, related events and search read."""
        return [e.involved for e in self.events]

    @cached_property
    def by_actor(self) -> dict[str, list[int]]:
        """Actor id → indexes of the events it is an actor of (:attr:`event_actors`), in order."""
        index: dict[str, list[int]] = {a: [] for a in self.actors}
        for i, actors in enumerate(self.event_actors):
            for a in actors:
                index.setdefault(a, []).append(i)
        return index

    @cached_property
    def by_kind(self) -> dict[str, list[int]]:
        """Kind → indexes of the events of that kind, in order."""
        return _postings(e.kind for e in self.events)

    @cached_property
    def by_outcome(self) -> dict[str | None, list[int]]:
        """Outcome (None for none) → indexes of the events with it, in order."""
        return _postings(e.outcome for e in self.events)

    @cached_property
    def by_tag(self) -> dict[str, list[int]]:
        """Tag → indexes of the events that carry it, in order."""
        index: dict[str, list[int]] = {}
        for i, e in enumerate(self.events):
            for t in e.tags:
                index.setdefault(t, []).append(i)
        return index

    @cached_property
    def day_bounds(self) -> tuple[list[int], list[int]]:
        """Per event, the first and the last day it can fall on (day numbers: see ``dates.day_number``).

        The first days never decrease: events are in that order.
        """
        # (each date keeps its days: read, not computed, and five times quicker than a memo by span)
        whens = [e.when for e in self.events]
        return [w.start.first_day for w in whens], [(w.end or w.start).last_day for w in whens]

    @cached_property
    def in_order(self) -> bool:
        """Whether the events are in order of their first day (a loaded timeline always is)."""
        first = self.day_bounds[0]
        return all(map(int.__le__, first, first[1:]))

    @cached_property
    def years(self) -> list[int]:
        """Per event, the year it starts in (the year of its first day)."""
        return [e.when.first_year for e in self.events]

    @cached_property
    def search_memo(self) -> OrderedDict[str, tuple[int, ...]]:
        """Recent search words → the events whose haystack holds them (kept by :mod:`.filters`).

        Tuples, not lists: a tuple of numbers drops out of the cycle collector's sight once it
        has been seen, where a list of 100,000 numbers would be walked by every full pass.
        """
        return OrderedDict()

    def prepare(self) -> None:
        """Build the indexes the explorer needs (a second or so at 100,000 events), e.g. in a worker."""
        for name in ("day_bounds", "in_order", "years", "text_haystacks", "actor_haystacks", "by_actor"):
            getattr(self, name)

    def build_search_index(self, check: Callable[[], object] | None = None) -> SearchIndex:
        """Build the word index search uses (a second or so at 100,000 events), e.g. in a worker.

        Worth it when many searches follow, as in the explorer; one search scans faster.
        ``check`` is called now and then while it is built and may raise to stop it.
        """
        if self.search_index is None:
            self.search_index = SearchIndex(self.text_haystacks, self.actor_haystacks, self.by_actor, check)
        return self.search_index

    # -- counts over a view (the rows a filter kept) ---------------------------
    def actor_counts(self, rows: Iterable[int]) -> Counter[str]:
        """How many of the events at ``rows`` each actor is an actor of (:attr:`event_actors`)."""
        return _spread(Counter(map(self.event_actors.__getitem__, rows)))

    def tag_counts(self, rows: Iterable[int]) -> Counter[str]:
        return _spread(Counter(map(_TAGS, map(self.events.__getitem__, rows))))

    def kind_counts(self, rows: Iterable[int]) -> Counter[str]:
        return Counter(map(_KIND, map(self.events.__getitem__, rows)))

    def outcome_counts(self, rows: Iterable[int]) -> Counter[str | None]:
        return Counter(map(_OUTCOME, map(self.events.__getitem__, rows)))

    # -- accounts, links and eras ---------------------------------------------
    def speaker(self, account: Account) -> str:
        """Who gives ``account``: ``Armenian Foreign Ministry (Armenia)``, or either name alone."""
        actor = self.actors.get(account.actor) if account.actor else None
        if actor is None:
            return account.by or (account.actor or "")
        if not account.by or account.by == actor.name:
            return actor.name
        return f"{account.by} ({actor.name})"

    @cached_property
    def by_id(self) -> dict[str, int]:
        """Event id → its index in :attr:`events`."""
        return {e.id: i for i, e in enumerate(self.events)}

    def event_index(self, event_id: str) -> int:
        """The index of the event ``event_id``; :class:`UnknownEventError` (naming the closest
        ids) when no event has it."""
        index = self.by_id.get(event_id)
        if index is None:
            raise UnknownEventError(event_id, self.by_id)
        return index

    @cached_property
    def _incoming(self) -> dict[str, list[tuple[int, Link]]]:
        """Event id → the events linking to it (index of the linking event, its link), in order."""
        found: dict[str, list[tuple[int, Link]]] = {}
        for i, links in enumerate(map(_LINKS, self.events)):
            for link in links:  # (most events have none: no new list made for each link)
                into = found.get(link.to)
                if into is None:
                    found[link.to] = [(i, link)]
                else:
                    into.append((i, link))
        return found

    def linked_from(self, event_id: str) -> list[tuple[Event, Link]]:
        """The derived reverse links of ``event_id``: each event linking to it, with its link.

        Read them with :attr:`Link.reverse_wording` (``responded to by`` the event).
        """
        return [(self.events[i], link) for i, link in self._incoming.get(event_id, ())]

    def links_of(self, index: int) -> list[EventLink]:
        """Event ``index``'s links both ways: those it holds (in file order), then those to it.

        A link to an event the timeline lacks (only possible for a timeline built by hand) is left out.
        """
        event = self.events[index]
        by_id = self.by_id
        make = tuple.__new__  # (the named tuple's own __new__ is a Python call: a fifth of the time)
        out = []
        for link in event.links:
            other = by_id.get(link.to)
            if other is not None:
                out.append(make(EventLink, (LINK_TYPES[link.type][0], other, link.type, True, link.note)))
        for other, link in self._incoming.get(event.id, ()):
            out.append(make(EventLink, (LINK_TYPES[link.type][1], other, link.type, False, link.note)))
        return out

    def chain(self, index: int, types: Iterable[str] = CHAIN_TYPES) -> list[int]:
        """The chain event ``index`` belongs to, in chronological order (itself included).

        The chain is every event reachable from this one by links of ``types`` (by default
        ``leads-to``, ``follows-up`` and ``responds-to``) followed either way, again and again:
        what led to the event, what it led to, what answered it and what that led to.
        An event with no such link is a chain of one.
        """
        wanted = frozenset(types)
        seen = {index}
        todo = [index]
        while todo:
            at = todo.pop()
            for link in self.links_of(at):
                if link.type in wanted and link.target not in seen:
                    seen.add(link.target)
                    todo.append(link.target)
        return sorted(seen)

    def eras_at(self, index: int) -> list[Era]:
        """The eras event ``index`` falls in (overlaps), in order."""
        lo, hi = self.events[index].when.sort_key
        return [era for era in self.eras if era.start.sort_key[0] <= hi and lo <= era.end.sort_key[1]]

    # -- navigation ---------------------------------------------------------
    def related(self, index: int) -> tuple[int | None, int | None]:
        """The previous and next events sharing at least one actor with event ``index``
        (its actors and theirs as :attr:`event_actors` has them: those giving accounts too)."""
        prev = next_ = None
        for actor in self.event_actors[index]:
            rows = self.by_actor.get(actor, [])
            at = bisect.bisect_left(rows, index)
            if at > 0 and (prev is None or rows[at - 1] > prev):
                prev = rows[at - 1]
            after = at + 1 if at < len(rows) and rows[at] == index else at
            if after < len(rows) and (next_ is None or rows[after] < next_):
                next_ = rows[after]
        return prev, next_


_TAGS = attrgetter("tags")
_KIND = attrgetter("kind")
_OUTCOME = attrgetter("outcome")
_LINKS = attrgetter("links")


def _spread(lists: Counter[tuple[str, ...]]) -> Counter[str]:
    """Counts of each value, from counts of each list of values: events share a few lists of
    actors or tags, so each list is counted, not each of its values (half the time, on the bundled
    events repeated to 10,000)."""
    out: Counter[str] = Counter()
    for values, n in lists.items():
        for value in values:
            out[value] += n
    return out


def _postings(values: Iterable[str | None]) -> dict[Any, list[int]]:
    index: dict[Any, list[int]] = {}
    for i, value in enumerate(values):
        index.setdefault(value, []).append(i)
    return index
