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

from .columns import DATE_MAX, MARK, TITLE_WANTED, date_width, outcome_mark
from .dateshort import date_in
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

#: What the marks mean, in words (the legend of the lanes' header and of the text form): short,
#: so that it fits beside the tags.
LEGEND = "● part ○ account · none"

LEAD = 1  #: blank cell before the first lane
GUTTER = 1  #: blank cell between two columns
TRAIL = 1  #: blank cell at the right edge of a row
TITLE_MIN = 30  #: the title gives up cells for the lanes down to this (a third of a narrow row)
LANES_MIN = 8  #: the lanes get at least this many cells (three short tags) where the row is narrow
LANE_SHARE = 0.4  #: the lanes take at most this share of a row


@dataclass(frozen=True, slots=True)
class Lanes:
    """The lanes of a view: the actors given a column (in order), their tags, and how many of
    the view's actors were left without one for want of room."""

    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    left_out: int = 0
    #: the cells of the date column: as the explorer's rows plan theirs (nine dates in ten whole,
    #: at most DATE_MAX; the others shorter, see :meth:`date`); in a pipe the widest date
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
        return LEAD + lanes + self.date + GUTTER + MARK + GUTTER

    def date_of(self, timeline: Timeline, index: int) -> str:
        """Event ``index``'s date in the date column: whole where it fits, else shorter and still
        true, as the rows show it (:func:`timeline.dateshort.date_in`)."""
        when = timeline.events[index].when
        return date_in(when, self.date)

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
    active actors of the shown events, as many as fit once the title has the cells the rows give
    it (:data:`~timeline.columns.TITLE_WANTED`; in a narrow row down to :data:`TITLE_MIN`), and
    they take at most :data:`LANE_SHARE` of it. The date column is planned as the rows plan
    theirs (:func:`~timeline.columns.date_width`: a longer date shown shorter and still true,
    whole in the detail pane; with no width, the widest), so the columns stay put while the
    rows scroll.
    """
    sample = _sample(shown)
    dates = [len(timeline.events[i].when.display()) for i in sample]
    if width is None:  # a pipe: every date whole
        date = max(dates, default=0)
    else:  # as the rows plan their date column (tui/rows.py plan_row)
        fixed = LEAD + GUTTER + MARK + GUTTER + TRAIL
        date = min(DATE_MAX, date_width(dates), max(0, width - fixed) // 2)
    chosen = [a for a in chosen if a in timeline.actors]
    order = lane_order(timeline, shown, chosen or None)
    if chosen or width is None:
        actors = order
    else:
        # The title gets what the rows give it before the lanes get any (TITLE_WANTED, or what
        # its longest needs); in a narrow row it gives up cells, down to TITLE_MIN (a third of
        # the row), for LANES_MIN cells of lanes; the lanes take at most LANE_SHARE of the row.
        longest = max((len(timeline.events[i].title) for i in sample), default=0)
        free = width - LEAD - date - GUTTER - MARK - GUTTER - TRAIL
        title = min(TITLE_WANTED, longest)
        room = free - GUTTER - title
        if room < LANES_MIN:
            room = min(LANES_MIN, free - GUTTER - min(title, TITLE_MIN, width // 3))
        room = min(room, int(width * LANE_SHARE))
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


def lanes_text(
    timeline: Timeline, shown: Sequence[int], lanes: Lanes, width: int | None = None, ids: bool = False
) -> Iterable[str]:
    """``timeline list --lanes``: a header of the lane tags, then a line per event (its mark in
    each lane, its date, its outcome's mark and its title), as the explorer's lanes show them.
    In ``width`` cells (a terminal) each line fits, a long title cut with "…" and a long date
    shortened as the explorer shows it; with no width (a pipe) every date and title is whole.
    ``ids``: each line begins with the event's id, padded to the widest."""
    pad = max((len(timeline.events[i].id) for i in shown), default=0) + GUTTER if ids else 0
    header = " " * (pad + LEAD) + " ".join(lanes.tags)
    if lanes.left_out:
        header += f"  (+{lanes.left_out} more actors: --actor chooses the lanes)"
    yield _cut(header.rstrip(), width)
    if width is None:
        dates = [timeline.events[i].when.display() for i in shown]
    else:
        dates = [lanes.date_of(timeline, i) for i in shown]
    cells = max(map(len, dates), default=0)
    for i, date in zip(shown, dates, strict=True):
        marks = " ".join(cells for cells, _ in lanes.marks(timeline, i))
        first = timeline.events[i].id.ljust(pad) if ids else ""
        lead = first + " " * LEAD + (marks + " " * GUTTER if lanes.tags else "")
        event = timeline.events[i]
        mark = outcome_mark(event.outcome) + " " * GUTTER
        yield _cut(f"{lead}{date.ljust(cells)}{' ' * GUTTER}{mark}{event.title}", width)


def _cut(line: str, width: int | None) -> str:
    """``line`` in ``width`` cells at most (None: whole), cut with "…"."""
    if width is None or len(line) <= width:
        return line
    return line[: max(0, width - 1)] + "…"
