"""Lanes in the timeline pane: a column per actor, a mark where the actor takes part.

The layout is the model's (:func:`timeline.lanes.lanes_for`: which actors, in which order, each
event's mark in each lane), the same that ``timeline list --lanes`` prints. The timeline pane
draws its event rows with :func:`lane_pieces` when the view says lanes; :class:`LaneHeader`, a
line above the pane, names the lanes with the actors' short tags in the picker's colours.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from timeline import Timeline
from timeline.lanes import GUTTER, LEAD, LEGEND, MARKS, NONE, Lanes

__all__ = ["LaneHeader", "lane_pieces", "lane_title_cells"]


def lane_title_cells(lanes: Lanes, width: int) -> int:
    """The cells left for the title in a row of ``width`` cells (one blank at the right edge)."""
    return max(1, width - lanes.title_x - 1)


def lane_pieces(
    timeline: Timeline, index: int, lanes: Lanes, colours: dict[str, str], date: str
) -> list[tuple[str, str]]:
    """An event's row in lanes, up to its title: its mark in each lane (in the actor's colour),
    then its date in the date column; as (text, style) pieces."""
    pieces: list[tuple[str, str]] = [(" " * LEAD, "")]
    for n, (cells, actor) in enumerate(lanes.marks(timeline, index)):
        if n:
            pieces.append((" ", ""))
        none = cells.strip() == MARKS[NONE]  # neither: muted, the marks in the actor's colour
        style = "event-list--duration" if none else f"bold {colours.get(actor, '')}".strip()
        pieces.append((cells, style))
    if lanes.actors:
        pieces.append((" " * GUTTER, ""))
    pieces.append((_fit(date, lanes.date).ljust(lanes.date), ""))
    pieces.append((" " * GUTTER, ""))
    return pieces


def _fit(text: str, cells: int) -> str:
    return text if len(text) <= cells else text[: max(0, cells - 1)] + "…"


class LaneHeader(Static):
    """The lanes' tags above the timeline pane, each over its column; shown with the lanes.
    Beside them what the marks mean and how many actors have no lane, as much as the width
    holds (the legend before the count's words)."""

    _lanes: Lanes | None = None
    _colours: dict[str, str] = {}

    def show(self, timeline: Timeline | None, lanes: Lanes | None, colours: dict[str, str]) -> None:
        """Name ``lanes`` (None: hide the header)."""
        self.display = lanes is not None and timeline is not None
        self._lanes = lanes if timeline is not None else None
        self._colours = colours
        self.refresh()

    def render(self) -> Content:
        return self.content_for(self.size.width)

    def content_for(self, width: int) -> Content:
        """The header in ``width`` cells."""
        lanes, colours = self._lanes, self._colours
        if lanes is None:
            return Content("")
        parts: list[tuple[str, str] | str] = [" " * LEAD]
        for n, (tag, actor) in enumerate(zip(lanes.tags, lanes.actors, strict=True)):
            parts += [" " if n else "", (tag, f"bold {colours.get(actor, '')}".strip())]
        if not lanes.actors:
            parts.append(("no actor takes part in these events", "$text-muted"))
            return Content.assemble(*parts)
        room = width - LEAD - lanes.cells - GUTTER
        more = lanes.left_out
        for note in (
            f"+{more} more (a: choose)  {LEGEND}" if more else LEGEND,
            f"+{more} (a)  {LEGEND}" if more else "",
            LEGEND,
            f"+{more} (a)" if more else "",
            f"+{more}" if more else "",
        ):
            if note and len(note) <= room:
                parts += [" " * GUTTER, (note, "$text-muted")]
                break
        return Content.assemble(*parts)
