"""Lanes: one narrow column per actor beside the events, a mark where the actor takes part.

The one layout both the explorer's lanes (``tui``) and ``timeline list --lanes`` draw:
which actors get a lane, in which order, and the mark of each event in each lane. An
event's actors are the model's (:attr:`Event.actors`, the actors it names, and
:attr:`Timeline.event_actors`, those with the actors giving its accounts): an actor the
event names *takes part*; one that only gives one of its accounts *gives an account*.

Lanes go in the order of the actor picker when nothing is chosen: the actors with the
most shown events first, then by name. With actors chosen (``--actor``, the picker), those
are the lanes; otherwise the most active actors of the shown events that fit the width.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .model import Timeline

__all__ = [
    "ACCOUNT",
    "MARKS",
    "NONE",
    "PART",
    "Lanes",
    "lane_order",
    "lanes_for",
    "lanes_text",
]

#: What an event is to an actor: one of its actors, only giving one of its accounts, or neither.
PART, ACCOUNT, NONE = "part", "account", ""

#: The mark of each, told apart by shape, not colour alone.
MARKS: dict[str, str] = {PART: "●", ACCOUNT: "○", NONE: "·"}

#: What the marks mean, in words (the legend of the text form and the help).
LEGEND = "● takes part · ○ gives an account only · · neither"

LEAD = 1  #: blank cell before the first lane
GUTTER = 1  #: blank cell between two columns
TITLE_MIN = 30  #: cells the title keeps before another lane is given a column (a third of a narrow row)
DATE_MAX = 26  #: the date column grows to this at most (a longer date is cut with "…")
DATE_SHARE = 5  #: in a row of limited width, the date column takes at most a fifth of it…
DATE_MIN = 16  #: …but never less than this (the width of "1 Mar 2023 11:00", of most day dates)
LANE_SHARE = 0.4  #: the lanes take at most this share of a row


@dataclass(frozen=True, slots=True)
class Lanes:
    """The lanes of a view: the actors given a column (in order), their tags, and how many of
    the view's actors were left without one for want of room."""

    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    left_out: int = 0
    #: the cells of the date column: the widest date of the shown events, at most DATE_MAX
    date: int = 0

    @property
    def widths(self) -> tuple[int, ...]:
        """Each lane's cells: its tag's (at least one)."""
        return tuple(max(1, len(tag)) for tag in self.tags)

    @property
    def cells(self) -> int:
        """The cells the lanes take side by side, one blank apart."""
        return sum(self.widths) + max(0, len(self.tags) - 1)

    @property
    def title_x(self) -> int:
        """The cell where the title begins."""
        lanes = self.cells + GUTTER if self.tags else 0
        return LEAD + lanes + self.date + GUTTER

    def roles(self, timeline: Timeline, index: int) -> tuple[str, ...]:
        """Per lane, what event ``index`` is to its actor: :data:`PART`, :data:`ACCOUNT` or :data:`NONE`."""
        named = timeline.events[index].actors
        involved = timeline.event_actors[index]
        return tuple(PART if a in named else ACCOUNT if a in involved else NONE for a in self.actors)

    def marks(self, timeline: Timeline, index: int) -> list[tuple[str, str]]:
        """Per lane, (the lane's cells with the mark in them, actor id): ``("●", "az")``."""
        return [
            (_centred(MARKS[role], width), actor)
            for role, width, actor in zip(self.roles(timeline, index), self.widths, self.actors, strict=True)
        ]


def _centred(mark: str, width: int) -> str:
    before = (width - 1) // 2
    return " " * before + mark + " " * (width - 1 - before)


def lane_order(timeline: Timeline, shown: Sequence[int], actors: Iterable[str] | None = None) -> list[str]:
    """``actors`` (default: every actor with a shown event) in the picker's order: the most
    shown events first (:meth:`Timeline.actor_counts`), then by name."""
    if len(shown) == len(timeline.events):  # every event: the index has the counts
        counts = Counter({a: len(rows) for a, rows in timeline.by_actor.items() if rows})
    else:
        counts = timeline.actor_counts(shown)
    pool = [a for a in counts if a in timeline.actors] if actors is None else list(actors)
    return sorted(
        dict.fromkeys(pool),
        key=lambda a: (-counts.get(a, 0), timeline.actors[a].name.casefold() if a in timeline.actors else a),
    )


def lanes_for(
    timeline: Timeline, shown: Sequence[int], chosen: Iterable[str] = (), width: int | None = None
) -> Lanes:
    """The lanes of the events ``shown`` in a row of ``width`` cells (None: no limit).

    The ``chosen`` actors when there are any (all of them, even past the width), else the most
    active actors of the shown events, as many as fit while the title keeps :data:`TITLE_MIN`
    cells (a third of a narrower row), and they take at most :data:`LANE_SHARE` of it. The date
    column is as wide as the widest shown date (at most :data:`DATE_MAX`; in a row of ``width``,
    a fifth of it, a longer date cut with "…", whole in the detail pane), so the columns stay
    put while the rows scroll.
    """
    cap = DATE_MAX if width is None else min(DATE_MAX, max(DATE_MIN, width // DATE_SHARE))
    spans = {timeline.events[i].when for i in _sample(shown)}
    date = min(cap, max((len(when.display()) for when in spans), default=0))
    chosen = [a for a in chosen if a in timeline.actors]
    order = lane_order(timeline, shown, chosen or None)
    if chosen or width is None:
        actors = order
    else:
        title = min(TITLE_MIN, width // 3)
        room = min(width - LEAD - date - GUTTER - title, int(width * LANE_SHARE))
        actors, used = [], -1
        for actor in order:
            need = max(1, len(timeline.actors[actor].short)) + 1
            if used + need > room:
                break
            actors.append(actor)
            used += need
    tags = tuple(timeline.actors[a].short for a in actors)
    return Lanes(tuple(actors), tags, len(order) - len(actors), date)


#: The most dates looked at to size the date column (a view of 100,000 events is sized by a
#: sample spread over it, which holds its widest forms: they repeat).
DATE_SAMPLE = 1000


def _sample(shown: Sequence[int]) -> Sequence[int]:
    if len(shown) <= DATE_SAMPLE:
        return shown
    step = len(shown) / DATE_SAMPLE
    return [shown[int(k * step)] for k in range(DATE_SAMPLE)]


def lanes_text(timeline: Timeline, shown: Sequence[int], lanes: Lanes) -> Iterable[str]:
    """``timeline list --lanes``: a header of the lane tags, then a line per event (its mark in
    each lane, its date and its title), as the explorer's lanes show them; a pipe has room, so
    every date is whole (the date column as wide as the widest)."""
    header = " " * LEAD + " ".join(lanes.tags)
    if lanes.left_out:
        header += f"  (+{lanes.left_out} more actors: --actor chooses the lanes)"
    yield header.rstrip()
    dates = [timeline.events[i].when.display() for i in shown]
    width = max(map(len, dates), default=0)
    for i, date in zip(shown, dates, strict=True):
        marks = " ".join(cells for cells, _ in lanes.marks(timeline, i))
        lead = " " * LEAD + (marks + " " * GUTTER if lanes.tags else "")
        yield f"{lead}{date.ljust(width)}{' ' * GUTTER}{timeline.events[i].title}"
