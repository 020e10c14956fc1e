"""Which events to show: a composable filter over a :class:`Timeline`."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import compress, filterfalse, repeat
from operator import contains, not_
from typing import Literal

from .dates import FuzzyDate, Span
from .dateshort import shortened
from .model import KINDS, OUTCOMES, Timeline
from .names import suggest, unknown

__all__ = ["Among", "Facet", "Filter", "FilterSpec", "Match", "UnknownNameError", "command_args"]

Match = Literal["any", "all"]
#: The conditions on an event's own labels (the tag, kind and outcome picker's): any one name is enough.
Facet = Literal["kinds", "outcomes", "tags"]
#: The short words of a search (see :meth:`Filter.described`) keep this many characters of it,
#: and its shortest words this many.
SHORT_SEARCH = 24
TINY_SEARCH = 12


@dataclass(frozen=True)
class Among:
    """Events named by id, with words for them: those new or changed since a git revision
    (``label`` "changed since HEAD~3"; see :meth:`timeline.since.Since.condition`)."""

    label: str
    ids: frozenset[str]

    def rows(self, timeline: Timeline) -> list[int]:
        """The indexes of the events of ``timeline`` whose ids are among these, in order."""
        by_id = timeline.by_id
        return sorted(by_id[i] for i in self.ids if i in by_id)


@dataclass(frozen=True)
class Filter:
    """Conditions an event must meet; an empty filter keeps every event.

    Each condition narrows the result (they compose with *and*); within
    ``actors`` the ``match`` says whether an event needs any or all of them;
    within ``tags``, ``kinds`` and ``outcomes`` any one is enough.  ``text``
    is split into words and each word must appear (case-insensitive) in the
    event's title, summary, quotes, accounts, location, tags or its actors' names
    (with those giving its accounts).
    """

    actors: frozenset[str] = frozenset()
    match: Match = "any"
    tags: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    outcomes: frozenset[str] = frozenset()
    date_from: FuzzyDate | None = None
    date_to: FuzzyDate | None = None
    text: str = ""
    #: only the events with these ids (None: no such condition)
    among: Among | None = None

    @property
    def empty_range(self) -> bool:
        """Whether ``date_to`` ends before ``date_from`` starts, so that no event can match."""
        lo, hi = self.date_from, self.date_to
        return lo is not None and hi is not None and lo.first_tick > hi.last_tick

    @property
    def active(self) -> bool:
        return self != Filter(match=self.match)

    def with_(self, **changes: object) -> Filter:
        return replace(self, **changes)  # type: ignore[arg-type]

    def with_actor(self, actor_id: str) -> Filter:
        """This filter with ``actor_id`` added to its actors (the actor picker's and palette's "add")."""
        return replace(self, actors=self.actors | {actor_id})

    def counts_if_added(self, timeline: Timeline, shown: Sequence[int] | None = None) -> dict[str, int]:
        """Actor id → how many events this filter would keep with that actor added (:meth:`with_actor`).

        For every actor of ``timeline``, equal to ``len(self.with_actor(a).apply(timeline))``, but
        counted in one pass: with "all", the kept events the actor is also an actor of; with
        "any", the kept events plus the actor's events that only the chosen actors kept out
        (see :func:`_if_added`). ``shown`` is :meth:`apply`'s result when the caller has it
        already. What the actor picker and the command palette show.
        """
        if shown is None:
            shown = self.apply(timeline)
        # With "all", an actor is one more condition every kept event must meet, as is the first one.
        others = None if self.match == "all" or not self.actors else self.with_(actors=frozenset())
        return _if_added(timeline, shown, timeline.actors, others, timeline.actor_counts)

    def with_facet(self, facet: Facet, name: str) -> Filter:
        """This filter with ``name`` added to its kinds, outcomes or tags (as ``facet`` says)."""
        if facet == "kinds":
            return replace(self, kinds=self.kinds | {name})
        if facet == "outcomes":
            return replace(self, outcomes=self.outcomes | {name})
        return replace(self, tags=self.tags | {name})

    def facet_counts_if_added(
        self, timeline: Timeline, shown: Sequence[int] | None = None
    ) -> dict[Facet, dict[str, int]]:
        """Facet → name → how many events this filter would keep with it added (:meth:`with_facet`).

        For every kind (of :data:`KINDS`), outcome (of :data:`OUTCOMES`) and tag of ``timeline``,
        equal to ``len(self.with_facet(facet, name).apply(timeline))``, counted in one pass per
        facet. Within a facet any one name is enough, and the facets narrow each other (and the
        other conditions): so with none of its facet chosen, a name counts the kept events that
        have it; with some chosen, the kept events plus its events that only its facet kept out
        (see :func:`_if_added`). ``shown`` is :meth:`apply`'s result when the caller has it
        already. What the tag, kind and outcome picker shows.
        """
        if shown is None:
            shown = self.apply(timeline)
        kinds = self.with_(kinds=frozenset()) if self.kinds else None
        outcomes = self.with_(outcomes=frozenset()) if self.outcomes else None
        tags = self.with_(tags=frozenset()) if self.tags else None
        return {
            "kinds": _if_added(timeline, shown, KINDS, kinds, timeline.kind_counts),
            "outcomes": _if_added(timeline, shown, OUTCOMES, outcomes, timeline.outcome_counts),
            "tags": _if_added(timeline, shown, timeline.tags, tags, timeline.tag_counts),
        }

    # -- applying -------------------------------------------------------------
    def apply(self, timeline: Timeline) -> list[int]:
        """Indexes (into ``timeline.events``) of the events this filter keeps, in order.

        Built to stay within a frame at 100,000 events: each condition is read from an
        index of the timeline (events by actor, kind, tag, outcome, their days), the
        cheap ones first, and the rows are narrowed in C-level passes; a search word
        is looked for only in the events that can still hold it (see :func:`_word_rows`).
        """
        n = len(timeline.events)
        rows: Sequence[int] | None = None  # None: every event
        if self.actors:
            lists = [timeline.by_actor.get(a, []) for a in self.actors]
            rows = _intersect(lists) if self.match == "all" else _union(lists)
        if self.kinds:
            rows = _narrow(rows, _union([timeline.by_kind.get(k, []) for k in self.kinds]))
        if self.outcomes:
            rows = _narrow(rows, _union([timeline.by_outcome.get(o, []) for o in self.outcomes]))
        if self.tags:
            rows = _narrow(rows, _union([timeline.by_tag.get(t, []) for t in self.tags]))
        if self.among is not None:
            rows = _narrow(rows, self.among.rows(timeline))
        if self.date_from or self.date_to:
            first, last = timeline.day_bounds
            if rows is None:
                rows = list(range(n))
            if self.date_to is not None:
                date_to = self.date_to.in_zone(timeline.timezone)
                hi = date_to.last_day
                if timeline.in_order:  # those starting after the end are a tail
                    rows = rows[: bisect.bisect_left(rows, bisect.bisect_right(first, hi))]
                else:
                    rows = list(compress(rows, map(hi.__ge__, map(first.__getitem__, rows))))
                if date_to.timed:  # on its last day, only what starts by that time
                    events, tick = timeline.events, date_to.last_tick
                    rows = [i for i in rows if first[i] < hi or events[i].when.sort_key[0] <= tick]
            if self.date_from is not None:
                date_from = self.date_from.in_zone(timeline.timezone)
                lo = date_from.first_day
                rows = list(compress(rows, map(lo.__le__, map(last.__getitem__, rows))))
                if date_from.timed:  # on its first day, only what ends at that time or later
                    events, tick = timeline.events, date_from.first_tick
                    rows = [i for i in rows if last[i] > lo or events[i].when.sort_key[1] >= tick]
        for word in sorted({w.casefold() for w in self.text.split()}, key=len, reverse=True):
            if rows is not None and not rows:
                break
            rows = _word_rows(timeline, word, rows)
        return list(range(n)) if rows is None else list(rows)  # a copy: never an index itself

    # -- describing -----------------------------------------------------------
    def describe(self, timeline: Timeline) -> str:
        """The filter in words, e.g. ``actor: Russia · search: "talks"``; empty when none."""
        return " · ".join(forms[0] for forms in self.described(timeline))

    def described(self, timeline: Timeline) -> list[tuple[str, ...]]:
        """Each condition of the filter in words, in the order of :meth:`describe`: its forms,
        the longest first, each no longer than the one before and still saying which condition
        it is (a status line too narrow for the long words uses shorter ones), e.g.
        ``("actors: Azerbaijan or Russia", "2 actors (any)", "2 actors")``,
        ``("dates: Mar 2023 – Aug 2023", "Mar – Aug 2023", "Mar–Aug 2023")``,
        ``('search: "talks"', 'search "talks"', '"talks"')``."""
        parts: list[tuple[str, ...]] = []
        if self.actors:
            names = sorted(timeline.actor_names(self.actors))
            joiner = " and " if self.match == "all" else " or "
            if len(names) == 1:
                parts.append((f"actor: {names[0]}", names[0]))
            else:
                many = f"{len(names)} actors"
                parts.append((f"actors: {joiner.join(names)}", f"{many} ({self.match})", many))
        for label, plural, chosen in (
            ("kind", "kinds", sorted(self.kinds)),
            ("tag", "tags", sorted(self.tags)),
            ("outcome", "outcomes", [OUTCOMES.get(o, o) for o in sorted(self.outcomes)]),
        ):
            if chosen:
                short = chosen[0] if len(chosen) == 1 else f"{len(chosen)} {plural}"
                parts.append((f"{label}: " + " or ".join(chosen), short))
        lo, hi = self.date_from, self.date_to
        if lo and hi:
            span = Span(lo) if lo == hi else Span(lo, hi)
            parts.append(_shorter(f"dates: {lo.display()} – {hi.display()}", "", span))
        elif lo:
            parts.append(_shorter(f"from: {lo.display()}", "from ", Span(lo)))
        elif hi:
            parts.append(_shorter(f"to: {hi.display()}", "to ", Span(hi)))
        if self.text:
            parts.append(
                _shorter(
                    f'search: "{self.text}"',
                    "",
                    None,
                    f'search "{_cut(self.text, SHORT_SEARCH)}"',
                    f'"{_cut(self.text, SHORT_SEARCH)}"',
                    f'"{_cut(self.text, TINY_SEARCH)}"',
                )
            )
        if self.among is not None:
            parts.append(_shorter(self.among.label, "", None, "changed"))
        return parts


def _cut(text: str, cells: int) -> str:
    """``text`` in at most ``cells`` characters: whole words where there is more than one, ``…``
    where something was left out."""
    if len(text) <= cells:
        return text
    cut = text[:cells]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut[:-1]).rstrip() + "…"


def _shorter(long: str, lead: str, span: Span | None, *more: str) -> tuple[str, ...]:
    """``long``, then ``span`` displayed after ``lead`` (whole, then each of its true shorter
    forms, :func:`timeline.dateshort.shortened`), then ``more``: each form shorter than the last
    kept, none repeated."""
    forms = [long]
    if span is not None:
        forms.append(lead + span.display())
        forms += [lead + text for _, text in shortened(span)]
    forms += more
    out = [forms[0]]
    for form in forms[1:]:
        if len(form) < len(out[-1]):
            out.append(form)
    return tuple(out)


def _union(lists: Sequence[list[int]]) -> list[int]:
    if len(lists) == 1:
        return lists[0]
    merged: set[int] = set()
    for rows in lists:
        merged.update(rows)
    return sorted(merged)


def _intersect(lists: Sequence[list[int]]) -> list[int]:
    if len(lists) == 1:
        return lists[0]
    lists = sorted(lists, key=len)
    common = set(lists[0]).intersection(*lists[1:])
    return sorted(common)


def _narrow(rows: Sequence[int] | None, keep: Sequence[int]) -> Sequence[int]:
    """``rows`` (None: all) that are in ``keep``, in order."""
    if rows is None:
        return keep
    if len(keep) < len(rows):
        rows, keep = keep, rows
    wanted = set(keep)
    return list(compress(rows, map(wanted.__contains__, rows)))


def _if_added(
    timeline: Timeline,
    shown: Sequence[int],
    names: Iterable[str],
    others: Filter | None,
    count: Callable[[Iterable[int]], Counter[str]] | Callable[[Iterable[int]], Counter[str | None]],
) -> dict[str, int]:
    """Each of ``names`` → how many events a filter that keeps ``shown`` would keep with it added to
    a condition of which any one name is enough (actors with "any", kinds, outcomes, tags).

    ``others`` is the filter without that condition, or None when none of its names is chosen;
    ``count`` counts each name's events among some rows (e.g. :meth:`Timeline.kind_counts`).
    With none chosen, adding a name keeps the shown events that have it; with some, the shown ones
    and its events that only the condition kept out (a name already chosen adds none of those).
    """
    if others is None:
        base, counts = 0, count(shown)
    else:
        kept = set(shown)
        base, counts = len(shown), count(filterfalse(kept.__contains__, others.apply(timeline)))
    return {name: base + counts.get(name, 0) for name in names}


#: Search words whose results are remembered, per timeline.
SEARCH_MEMO = 32


def _word_rows(timeline: Timeline, word: str, rows: Sequence[int] | None) -> Sequence[int]:
    """The events among ``rows`` (None: all) whose haystack holds ``word``.

    The result over all events is remembered for the last few words.  Typing one more
    letter makes a word that holds the previous one, so only the events that held the
    previous word are searched again (any remembered word inside this one will do); so
    is deleting one, from the memo.  Once the timeline has a word index
    (:meth:`Timeline.build_search_index`), it answers instead of a scan, unless the word
    is in so many rare words that scanning is as quick.  When the other conditions have
    already kept few events, those alone are searched.
    """
    memo = timeline.search_memo
    found = memo.get(word)
    if found is not None:
        memo.move_to_end(word)
        return found if rows is None else _narrow(rows, found)
    base: Sequence[int] | None = None  # a superset of the events holding the word
    for other, other_rows in memo.items():
        if other in word and (base is None or len(other_rows) < len(base)):
            base = other_rows
    n = len(timeline.events)
    if rows is not None and len(rows) * 4 < (n if base is None else len(base)):
        return _search(timeline, word, rows)  # few events left: search just those
    index = timeline.search_index
    # Marking an event found through the index costs about a quarter of looking in its text.
    budget = 4 * (n if base is None else len(base))
    found_now = index.find(word, budget) if index is not None else None
    if found_now is None:
        found_now = _search(timeline, word, base)
    found = memo[word] = tuple(found_now)
    if len(memo) > SEARCH_MEMO:
        memo.popitem(last=False)
    return found if rows is None else _narrow(rows, found)


def _search(timeline: Timeline, word: str, rows: Sequence[int] | None) -> list[int]:
    """The events among ``rows`` (None: all) whose text or actors' names hold ``word``."""
    hay = timeline.text_haystacks
    candidates: Sequence[int] = range(len(hay)) if rows is None else rows
    texts = hay if rows is None else map(hay.__getitem__, rows)
    hits = list(map(contains, texts, repeat(word)))
    found = list(compress(candidates, hits))
    actors = {a for a, names in timeline.actor_haystacks.items() if word in names}
    if not actors or len(found) == len(candidates):
        return found
    # Events whose text lacks the word but one of whose actors is named by it.
    misses = list(compress(candidates, map(not_, hits)))
    actors_of = map(timeline.event_actors.__getitem__, misses)
    extra = list(compress(misses, map(not_, map(actors.isdisjoint, actors_of))))
    return sorted(found + extra) if extra else found


class UnknownNameError(LookupError):
    """A filter names a tag, kind or outcome the timeline does not have; the message names the
    ones it may have meant (:attr:`suggestions`), or lists them all when none is close."""

    def __init__(self, what: str, name: str, known: Sequence[str]) -> None:
        self.what = what
        self.name = name
        self.known = list(known)
        self.suggestions = suggest(name, self.known)
        super().__init__(unknown(what, name, self.known, suggestions=self.suggestions))


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


def command_args(
    flt: Filter, *, at: str | None = None, lanes: bool = False, since: str | None = None
) -> list[str]:
    """The command-line words that reopen a view: the filter ``flt`` (actor ids, which the
    command line takes as names), the event selected (``--at``), the lanes (``--lanes``) and
    the revision compared with (``--since``; its "changed since" condition is not a word of the
    command line: ``C`` turns it on again).

    The one mapping from a view to its command line (the explorer's "copy the command line");
    read back by ``timeline``'s parser, they give the same filter, selection and lanes. Dates are
    written in their canonical form (:meth:`FuzzyDate.iso`), which reads back as the same date;
    a value that begins with ``-`` (a BC year, ``-0299``) is joined to its option with ``=``, and a
    search for ``--`` alone gets a space the filter drops (argparse would drop the value itself).
    """

    def option(name: str, value: str) -> list[str]:
        if value == "--":  # argparse drops a value that is "--"; the filter drops the space
            value += " "
        return [f"{name}={value}"] if value.startswith("-") else [name, value]

    words: list[str] = []
    for actor in sorted(flt.actors):
        words += option("--actor", actor)
    if flt.match != "any":
        words += ["--match", flt.match]
    for name, values in (("--tag", flt.tags), ("--kind", flt.kinds), ("--outcome", flt.outcomes)):
        for value in sorted(values):
            words += option(name, value)
    if flt.date_from is not None:
        words += option("--from", flt.date_from.iso())
    if flt.date_to is not None:
        words += option("--to", flt.date_to.iso())
    if flt.text:
        words += option("--search", flt.text)
    if at is not None:
        words += option("--at", at)
    if lanes:
        words.append("--lanes")
    if since is not None:
        words += option("--since", since)
    return words
