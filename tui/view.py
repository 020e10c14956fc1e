"""The explorer's state and its rules, apart from any widget: a plain class the app draws.

:class:`ExplorerState` holds what the explorer shows and how it changes: the filter and
its undo history (the command line's filters included), the search as it is typed, kept
or cancelled, the shown events and the selected one (kept across refilters, reloads and
undo), the date range, going to a date, and a browser-like history of followed links.
It imports no Textual, so all of it is tested in milliseconds with plain pytest; the app
(:class:`tui.app.TimelineApp`) maps keys and messages onto it and draws what it says.

The state is the one owner of the selection: a key, a click or a followed link asks it to
move (:meth:`ExplorerState.move`, :meth:`~ExplorerState.select_at`, :meth:`~ExplorerState.select`,
…), and after each change it hands ``on_change`` one :class:`View`, which the app gives every
pane. No pane keeps a selection of its own, nor tells the state what it shows.

Events are named by their index into ``timeline.events`` (what the model's filters
return); the link history keeps event ids, so it survives a reload that moves them.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from timeline import Event, Filter, FilterSpec, FuzzyDate, Span, Timeline
from timeline.filters import Among, command_args
from timeline.interop.formats import DEFAULT_EXPORT, FORMATS
from timeline.model import OUTCOMES
from timeline.since import Since
from timeline.text import slugify
from timeline.views import NamedView, event_index, find_view, over, spec_of

__all__ = ["Choice", "ExplorerState", "View", "normal_text"]


def normal_text(text: str) -> str:
    """Search text as the filter keeps it: words separated by single spaces."""
    return " ".join(text.split())


#: A date as the explorer's date keys take it: a date or a range of the model, or a day number.
When = FuzzyDate | Span | int


def _first_day(date: When) -> int:
    return date if isinstance(date, int) else date.first_day


def _last_day(date: When) -> int:
    return date if isinstance(date, int) else date.last_day


@dataclass(frozen=True)
class Choice:
    """One row of a picker: ``key`` is what the picker returns, ``label`` what it shows.

    ``count`` is the number shown beside it (what it counts: see :meth:`ExplorerState.actor_choices`
    and :meth:`ExplorerState.facet_choices`).
    """

    key: str
    label: str
    count: int
    style: str = ""
    names: tuple[str, ...] = ()  # other names it answers to (short tag, aliases): matched, shown dim

    @property
    def hint(self) -> str:
        return " ".join(self.names)


@dataclass(frozen=True)
class View:
    """What the panes show at one moment: made by :class:`ExplorerState` after each change and
    given to every pane, which draws it and keeps nothing else of the state.

    Never changed once made (``shown`` is never changed in place either: a refilter makes a new
    list), so a pane may keep it, and tell by identity whether the shown events changed.
    """

    timeline: Timeline | None = None
    #: The indexes of the shown events, in order.
    shown: Sequence[int] = ()
    #: The index of the selected event (None when nothing is shown).
    selected: int | None = None
    #: Where the selected event is among the shown ones (-1: none).
    position: int = -1
    #: The search text, whose words the panes mark.
    highlight: str = ""
    #: The status line's words: ``<shown> of <total> events``, the filter, how ``m`` switches.
    counts: str = ""
    words: str = ""
    hint: str = ""
    #: Whether the timeline pane shows lanes (a column per actor) rather than rows.
    lanes: bool = False
    #: The chosen actors (the filter's): the lanes, when there are any.
    actors: frozenset[str] = frozenset()
    #: Each condition of the filter in words, its forms longest first (:meth:`timeline.Filter.described`).
    filters: tuple[tuple[str, ...], ...] = ()
    #: With ``--since REV``: what changed since it (None: not asked for, or not worked out yet),
    #: the mark of each new or changed event by index (None: no marks to show), and the status
    #: line's words on it (``since HEAD~3 (a1b2c3d): 4 new, 7 changed, 1 removed``).
    since: Since | None = None
    marks: Mapping[int, str] | None = None
    since_words: str = ""
    since_short: str = ""


class ExplorerState:
    """What the explorer shows, and the rules by which it changes.

    ``timeline`` is None until the first load; meanwhile filters and searches are kept and
    applied once it arrives.  ``shown`` holds the indexes of the shown events, in order, and
    ``selected`` the index of the selected one (None when nothing is shown).

    ``on_change`` (if given) is called with the new :attr:`view` once after each change to what
    is shown or selected (a change made of several, such as following a link that the filter
    hid, is one change).
    """

    def __init__(
        self,
        spec: FilterSpec | None = None,
        on_change: Callable[[View], object] | None = None,
        *,
        at: str | None = None,
        view: str | None = None,
        lanes: bool = False,
        since: str | None = None,
    ) -> None:
        self.spec = spec or FilterSpec()
        #: The event to select at the first load (``--at``), the named view to open (``--view``).
        self.at = at
        self.view_name = view
        #: Whether the timeline pane shows lanes (``--lanes``, the lanes key, a view's ``lanes``).
        self.lanes = lanes
        self.timeline: Timeline | None = None
        self.filter = Filter(match=self.spec.match, text=normal_text(self.spec.text))
        #: Earlier filters, the latest last: what undo goes back to.
        self.history: list[Filter] = []
        self.shown: list[int] = []
        self.selected: int | None = None
        self.on_change = on_change
        self._view: View | None = None  # made when first asked for after a change
        self._depth = 0  # how many changes are under way (see _changing)
        self._pending = False  # a change under way touched what is shown
        self._search_base: Filter | None = None  # the filter when the search began (None: no search)
        self._back: list[str] = []  # ids of the events followed away from, the latest last
        self._forward: list[str] = []
        #: ``--since REV``: the revision (None: not asked for), what changed since it (None until
        #: worked out), and the marks of the events of the timeline shown.
        self.since_rev = since
        self.since: Since | None = None
        self._marks: dict[int, str] | None = None

    # -- the timeline -----------------------------------------------------------------
    def set_timeline(self, timeline: Timeline, *, initial: bool) -> None:
        """Show ``timeline`` (the first load when ``initial``, else a reload of the files).

        The first load resolves the command line's filters (raising
        :class:`timeline.UnknownActorError` or :class:`timeline.filters.UnknownNameError`
        for a name the timeline does not have), keeping what was typed meanwhile; they are a
        change like any other, which undo takes back.  A reload keeps the filter (less the
        actors and tags the new version lacks) and the selected event, found by its id.
        """
        old = self.selected_event
        at = None
        if initial:
            if self.view_name is not None:  # raises UnknownViewError for a name the file lacks
                named = find_view(timeline, self.view_name)
                self.spec = over(named, self.spec)
                self.at = self.at or named.at
                self.lanes = self.lanes or named.lanes
            if self.at is not None:  # raises UnknownEventError for an id the file lacks
                at = event_index(timeline, self.at)
            resolved = self.spec.resolve(timeline)

            def merged(typed: Filter) -> Filter:  # the command line's filter, with what was typed
                return resolved.with_(text=typed.text, match=typed.match)

            oldest = merged(self.history[0] if self.history else self.filter)
            self.history = [merged(f) for f in self.history]
            if oldest.active:
                self.history.insert(0, Filter(match=oldest.match))  # as if opened without them
            self.filter = merged(self.filter)
            if self._search_base is not None:
                self._search_base = merged(self._search_base)
        else:
            self.filter = self.filter.with_(
                actors=frozenset(a for a in self.filter.actors if a in timeline.actors),
                tags=frozenset(t for t in self.filter.tags if t in timeline.tags),
            )
        self.timeline = timeline
        self._marks = self.since.marks(timeline) if self.since is not None else {}
        # The selected event, found by its id; if it is gone, whatever is now at its place.
        keep = self.index_of(old.id) if old is not None else at
        self._refilter(keep)

    # -- telling the app ----------------------------------------------------------------
    @property
    def view(self) -> View:
        """What the panes show now."""
        if self._view is None:
            self._view = View(
                self.timeline,
                self.shown,
                self.selected,
                self.position,
                self.filter.text,
                self.counts_text(),
                self.filter_words(),
                self.match_hint(),
                lanes=self.lanes,
                actors=self.filter.actors,
                filters=(tuple(self.filter.described(self.timeline)) if self.timeline is not None else ()),
                since=self.since,
                marks=self._marks if self.since_rev is not None else None,
                since_words=self.since_text(),
                since_short=self.since.short_summary() if self.since is not None else self.since_text(),
            )
        return self._view

    def _touched(self) -> None:
        """What is shown or selected changed: tell ``on_change`` (at the end of a change under way)."""
        self._view = None
        if self._depth:
            self._pending = True
        elif self.on_change is not None:
            self.on_change(self.view)

    @contextmanager
    def _changing(self) -> Iterator[None]:
        """Make the changes inside one: ``on_change`` hears of them once, at the end."""
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if not self._depth and self._pending:
                self._pending = False
                self._touched()

    def index_of(self, event_id: str) -> int | None:
        """The index of the event with id ``event_id`` (a link's target, say); None if there is none."""
        return None if self.timeline is None else self.timeline.by_id.get(event_id)

    # -- what is shown ------------------------------------------------------------------
    def _refilter(self, keep: int | None = None) -> None:
        """Show what the filter keeps; keep the selection on ``keep`` (default: the selected event).

        When that event is no longer shown, the selection moves to the first shown event after
        it (or the last shown, if none comes after).
        """
        if keep is None:
            keep = self.selected
        if self.timeline is None:
            self.shown = []
            self.selected = None
        else:
            self.shown = self.filter.apply(self.timeline)
            self.selected = self._nearest(keep)
        self._touched()

    def _nearest(self, keep: int | None) -> int | None:
        if not self.shown:
            return None
        if keep is None:
            return self.shown[0]
        position = min(bisect.bisect_left(self.shown, keep), len(self.shown) - 1)
        return self.shown[position]

    @property
    def selected_event(self) -> Event | None:
        if self.timeline is None or self.selected is None:
            return None
        return self.timeline.events[self.selected]

    @property
    def position(self) -> int:
        """Where the selected event is among the shown ones (-1: none)."""
        if self.selected is None:
            return -1
        at = bisect.bisect_left(self.shown, self.selected)
        return at if at < len(self.shown) and self.shown[at] == self.selected else -1

    def _set_selected(self, index: int | None) -> None:
        if index != self.selected:
            self.selected = index
            self._touched()

    def select(self, index: int | None) -> bool:
        """Select event ``index`` (clicked in the overview, say); False, and no change, if it is not shown."""
        if index is None:
            return not self.shown
        at = bisect.bisect_left(self.shown, index)
        if at < len(self.shown) and self.shown[at] == index:
            self._set_selected(index)
            return True
        return False

    def select_at(self, position: int) -> bool:
        """Select the shown event at ``position`` (counted from the end when negative, as Python
        indexes: -1 is the last); past either end, the event at that end.  False, and no change,
        when nothing is shown."""
        if not self.shown:
            return False
        if position < 0:
            position += len(self.shown)
        self._set_selected(self.shown[max(0, min(len(self.shown) - 1, position))])
        return True

    def move(self, by: int) -> bool:
        """Select the shown event ``by`` places after the selected one (before it when negative),
        stopping at the first and the last.  False, and no change, when nothing is shown."""
        return bool(self.shown) and self.select_at(max(0, self.position + by))

    def jump(self, positions: Sequence[int], forward: bool) -> bool:
        """Select the shown event at the first of ``positions`` (in order) after the selected
        one's position, or (not ``forward``) the last before it: the start of the next year, say,
        or of this year or the previous.  False, and no change, when there is none."""
        here = self.position
        if here < 0:
            return False
        at = bisect.bisect_right(positions, here) if forward else bisect.bisect_left(positions, here) - 1
        if not 0 <= at < len(positions):
            return False
        return self.select_at(positions[at])

    # -- the filter and its history --------------------------------------------------------
    def set_filter(self, new: Filter, *, remember: bool = True) -> bool:
        """Apply ``new``; remember the old filter for undo.  False when nothing changed."""
        if new == self.filter:
            return False
        if remember:
            self.history.append(self.filter)
        self.filter = new
        self._refilter()
        return True

    def undo(self) -> bool:
        """Go back to the filter before the last change; False when there is none."""
        if not self.history:
            return False
        self.filter = self.history.pop()
        self._refilter()
        return True

    def clear(self) -> bool:
        """Drop every condition (keeping any/all for actors)."""
        return self.set_filter(Filter(match=self.filter.match))

    def toggle_match(self) -> bool:
        return self.set_filter(self.filter.with_(match="all" if self.filter.match == "any" else "any"))

    def set_actors(self, actors: Iterable[str]) -> bool:
        return self.set_filter(self.filter.with_(actors=frozenset(actors)))

    def add_actor(self, actor_id: str) -> bool:
        """Add one actor to those chosen (the command palette's "Filter by actor: …")."""
        return self.set_filter(self.filter.with_actor(actor_id))

    def set_facets(self, keys: Iterable[str]) -> bool:
        """Set the kinds, outcomes and tags from picker keys (``kind:x``, ``outcome:x``, ``tag:x``)."""
        keys = list(keys)

        def pick(prefix: str) -> frozenset[str]:
            return frozenset(k.split(":", 1)[1] for k in keys if k.startswith(prefix + ":"))

        return self.set_filter(
            self.filter.with_(kinds=pick("kind"), tags=pick("tag"), outcomes=pick("outcome"))
        )

    def facet_keys(self) -> frozenset[str]:
        """The current kinds, outcomes and tags as picker keys."""
        f = self.filter
        return frozenset(
            [f"kind:{k}" for k in f.kinds]
            + [f"tag:{t}" for t in f.tags]
            + [f"outcome:{o}" for o in f.outcomes]
        )

    # -- lanes and named views ------------------------------------------------------------
    def toggle_lanes(self) -> None:
        """Switch the timeline pane between rows and lanes."""
        self.lanes = not self.lanes
        self._touched()

    def apply_view(self, named: NamedView) -> bool:
        """Show the named view: its filters as one change undo takes back, its event selected
        (when shown), lanes if it asks for them. Raises for a name the timeline lacks (as the
        command line's filters do). False when nothing changed."""
        if self.timeline is None:
            return False
        flt = spec_of(named).resolve(self.timeline)
        lanes = self.lanes or named.lanes
        at = self.index_of(named.at) if named.at is not None else None
        before = (self.filter, self.selected, self.lanes)
        with self._changing():
            self.set_filter(flt)
            if at is not None:
                self.select(at)
            if lanes != self.lanes:
                self.toggle_lanes()
        return before != (self.filter, self.selected, self.lanes)

    def command_args(self) -> list[str]:
        """The command-line words (after the files) that reopen this view: its filters, the
        selected event, the lanes and ``--since`` (the model's :func:`timeline.filters.command_args`)."""
        event = self.selected_event
        at = event.id if event is not None else None
        return command_args(self.filter, at=at, lanes=self.lanes, since=self.since_rev)

    # -- what changed since a revision (--since REV) ----------------------------------------
    def set_since(self, since: Since) -> None:
        """Show what changed since the revision (worked out after a load or a reload): the marks,
        and a filter "changed since REV" (now or in the undo history) keeps the events that are
        new or changed now. Not a change of the filter of its own: no undo step."""
        self.since_rev = since.rev
        self.since = since
        self._marks = since.marks(self.timeline) if self.timeline is not None else {}
        label, ids = since.condition()

        def fresh(f: Filter) -> Filter:
            if f.among is None or f.among.label != label:
                return f
            return f.with_(among=Among(label, ids))

        self.history = [fresh(f) for f in self.history]
        if self._search_base is not None:
            self._search_base = fresh(self._search_base)
        self.filter = fresh(self.filter)
        self._refilter()

    def toggle_changed(self) -> bool:
        """Show only the events new or changed since the revision, or (when that filter is on)
        take it off: undoably. False, and no change, before the changes are known."""
        if self.filter.among is not None:
            return self.set_filter(self.filter.with_(among=None))
        if self.since is None:
            return False
        return self.set_filter(self.filter.with_(among=Among(*self.since.condition())))

    def since_text(self) -> str:
        """The status line's words on ``--since`` (empty without it)."""
        if self.since is not None:
            return self.since.summary()
        if self.since_rev is not None:
            return f"since {self.since_rev}: comparing…"
        return ""

    # -- the date range and going to a date -------------------------------------------------
    def set_range(self, lo: FuzzyDate | None, hi: FuzzyDate | None) -> bool:
        """Show the events that overlap ``lo``–``hi`` (None: open at that end), undoably.

        Raises ValueError when the range ends before it starts.
        """
        new = self.filter.with_(date_from=lo, date_to=hi)
        if new.empty_range:
            raise ValueError("the range ends before it starts")
        return self.set_filter(new)

    def goto(self, date: When) -> int | None:
        """Select the first shown event on or after ``date`` (a date or range of the model, or a
        day number as in ``Timeline.day_bounds``) and return its index; None, and no change,
        when no shown event is that late.

        An event is on or after a date when the first day it can fall on is not before the
        date's first day: going to ``2023-04`` finds the first event that starts in April 2023
        or later.
        """
        if self.timeline is None or not self.shown:
            return None
        day = _first_day(date)
        first_days = self.timeline.day_bounds[0]
        if self.timeline.in_order:
            at = bisect.bisect_left(self.shown, bisect.bisect_left(first_days, day))
            target = self.shown[at] if at < len(self.shown) else None
        else:
            target = next((i for i in self.shown if first_days[i] >= day), None)
        if target is not None:
            self._set_selected(target)
        return target

    # -- search ---------------------------------------------------------------------------
    @property
    def searching(self) -> bool:
        return self._search_base is not None

    def begin_search(self) -> str:
        """Start (or go on with) a search; returns the text the search field starts with."""
        if self._search_base is None:
            self._search_base = self.filter
        return self.filter.text

    def search_changed(self, text: str) -> None:
        """The search field now reads ``text``: show what it finds (no undo step yet)."""
        if self._search_base is None:
            return
        new = self._search_base.with_(text=normal_text(text))
        if new != self.filter:
            self.filter = new
            self._refilter()

    def keep_search(self, text: str) -> None:
        """Keep the search for ``text`` (the field's text: its last keys may not have been applied
        yet): one undo step takes it back."""
        base = self._search_base
        if base is not None:
            self.search_changed(text)
        self._search_base = None
        if base is not None and base != self.filter:
            self.history.append(base)

    def cancel_search(self) -> None:
        """Drop the search: back to the filter it began from."""
        base = self._search_base
        self._search_base = None
        if base is not None and base != self.filter:
            self.filter = base
            self._refilter()

    # -- link history ------------------------------------------------------------------------
    def follow(self, target: int) -> bool:
        """Select event ``target`` (say, the other end of a link), as a browser follows a link:
        the event left can be gone back to.  If the filter hides the target, the filter is
        cleared first (a change undo takes back).  False when there is no such event.
        """
        tl = self.timeline
        if tl is None or not 0 <= target < len(tl.events):
            return False
        here = self.selected_event
        if target == self.selected:
            return True
        with self._changing():  # the cleared filter and the new selection: one change
            if not self.select(target):
                self.set_filter(Filter(match=self.filter.match))
                if not self.select(target):
                    return False
        if here is not None:
            self._back.append(here.id)
        self._forward.clear()
        return True

    def back(self) -> int | None:
        """Go back to the event followed away from last; its index, or None when there is none
        (events since removed from the file, or hidden by the filter, are passed over)."""
        return self._travel(self._back, self._forward)

    def forward(self) -> int | None:
        """Undo a :meth:`back`; its index, or None."""
        return self._travel(self._forward, self._back)

    @property
    def can_go_back(self) -> bool:
        return bool(self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def _travel(self, source: list[str], other: list[str]) -> int | None:
        here = self.selected
        while source:
            index = self.index_of(source.pop())
            if index is not None and index != here and self.select(index):
                if here is not None:
                    other.append(self.timeline.events[here].id)  # type: ignore[union-attr]
                return index
        return None

    # -- words for the screen ----------------------------------------------------------------
    def counts_text(self) -> str:
        """``<shown> of <total> events``; empty before the first load."""
        if self.timeline is None:
            return ""
        return f"{len(self.shown)} of {len(self.timeline.events)} events"

    def filter_words(self) -> str:
        """The filter in words (``actor: Russia · search: "talks"``); empty when there is none."""
        return self.filter.describe(self.timeline) if self.timeline is not None else ""

    def match_hint(self) -> str:
        """With several actors chosen: how ``m`` switches between any and all of them."""
        if len(self.filter.actors) > 1:
            return "m: match " + ("any" if self.filter.match == "all" else "all")
        return ""

    def export_name(self, fmt: str = DEFAULT_EXPORT) -> str:
        """A file name for exporting the view in ``fmt``: the timeline's title and the filter in words."""
        assert self.timeline is not None
        words = self.filter_words()
        stem = slugify(self.timeline.title) or "timeline"
        if words:
            stem = f"{stem}-{slugify(words)}"[:80].strip("-")
        return FORMATS[fmt].file_name(stem)

    # -- picker rows ---------------------------------------------------------------------------
    def actor_choices(self, colours: dict[str, str] | None = None) -> list[Choice]:
        """A row per actor, the highest count first, each counting the events the view would show
        with it added to the chosen actors (the model's :meth:`timeline.Filter.counts_if_added`)."""
        tl = self.timeline
        if tl is None:
            return []
        colours = colours or {}
        counts = self.filter.counts_if_added(tl, self.shown)
        return [
            Choice(
                a.id,
                a.name,
                counts.get(a.id, 0),
                f"bold {colours.get(a.id, '')}".strip(),
                _distinct((a.short, *a.aliases), a.name),
            )
            for a in sorted(tl.actors.values(), key=lambda a: (-counts.get(a.id, 0), a.name.casefold()))
        ]

    def facet_choices(self) -> list[Choice]:
        """A row per kind (of the timeline), outcome and tag, each counting the events the view would
        show with it added to those chosen (the model's :meth:`timeline.Filter.facet_counts_if_added`)."""
        tl = self.timeline
        if tl is None:
            return []
        counts = self.filter.facet_counts_if_added(tl, self.shown)
        kinds, outcomes, tags = counts["kinds"], counts["outcomes"], counts["tags"]
        choices = [Choice(f"kind:{k}", f"kind: {k}", kinds[k], "$accent") for k in tl.kinds]
        choices += [
            Choice(f"outcome:{o}", f"outcome: {w}", outcomes[o], "$warning") for o, w in OUTCOMES.items()
        ]
        choices += [Choice(f"tag:{t}", f"tag: {t}", tags[t]) for t in tl.tags]
        return choices


def _distinct(names: tuple[str, ...], label: str) -> tuple[str, ...]:
    """``names`` without repeats (``US`` as the short tag and again as an alias) nor the label
    itself, letter case aside: each shown once in the picker's hint."""
    seen = {label.casefold()}
    out = []
    for name in names:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return tuple(out)
