"""The overview strip: eras as bands, event density, a time axis and where the selection sits.

It draws what ``tui.overview_layout`` lays out (which cell shows what), in the theme's colours,
caching each line until what it shows changes: the bands and the axis depend only on the timeline
and the width, the density line on the shown events and the selection.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from timeline import Timeline

from .. import compat
from ..overview_layout import (
    BREAK_WIDTH,
    LABEL_GAP,
    MARKER,
    MONTHS,
    SPARK,
    Band,
    BandCell,
    OverviewLayout,
    TimeScale,
    axis_line,
    band_cells,
    bands,
    lay_out,
    place_labels,
    place_ticks,
)
from ..since import MARK_STYLES

# The widget, and the layout's names that code written before the layout had its own module
# (tests among it) imports from here.
__all__ = [
    "BREAK_WIDTH",
    "LABEL_GAP",
    "MARKER",
    "MONTHS",
    "SPARK",
    "Overview",
    "TimeScale",
    "place_labels",
    "place_ticks",
]

BAND_STYLES = {"war": "$error", "offensive": "$error", "measure": "$warning", "displacement": "$warning"}
ERA_STYLES = ("$primary", "$secondary")  # neighbouring eras alternate
BANDS, DENSITY, AXIS = 0, 1, 2  # the lines; the selection marker is drawn on the density line


def _band_style(band: Band, index: int) -> str:
    """The colour of band ``index``: an era's alternates with its neighbours', an event's follows its kind."""
    if band.kind is None:
        return ERA_STYLES[index % len(ERA_STYLES)]
    return BAND_STYLES.get(band.kind, "$primary")


def _cell_style(laid_out: list[Band], cell: BandCell) -> str:
    """The style of a cell of the band line: its band's colour; a label on its band reversed, a label
    run on past its band's end bold."""
    if cell.band is None:
        return ""
    style = _band_style(laid_out[cell.band], cell.band)
    if cell.look == "label":
        return f"{style} reverse"
    return f"bold {style}" if cell.look == "label past band" else style


class Overview(Widget):
    """Three lines: era bands, a density sparkline of the shown events with the selection marked
    in it, and an axis of years (or months). Clicking it selects the shown event nearest there."""

    selected: reactive[int | None] = reactive(None, repaint=False)  # redraws the density line only

    @dataclass
    class Picked(Message):
        """The strip was clicked: select event ``index`` (the shown event nearest the click)."""

        index: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timeline: Timeline | None = None
        self.shown: Sequence[int] = []
        #: ``--since``: the marks of the new and changed events by index (None: none to show)
        self.marks: Mapping[int, str] | None = None
        self._layout: OverviewLayout | None = None  # for the current timeline and width
        self._bands_line = Content("")
        self._axis_line = Content("")
        self._density_of: tuple[Sequence[int], Content] | None = None  # for these shown events
        # Drawn lines by line number, with what they were drawn from: a refilter redraws only the
        # density line, a cursor move only the axis line.
        self._strips: dict[int, tuple[tuple[object, object, object], Strip]] = {}

    def show(
        self,
        timeline: Timeline,
        shown: Sequence[int],
        selected: int | None,
        marks: Mapping[int, str] | None = None,
    ) -> None:
        """Show ``shown`` (indexes of ``timeline``'s events, never changed in place) with event
        ``selected`` marked, and the columns of the new and changed events of ``marks``
        (``--since``) drawn reversed: what the app gives every pane after each change."""
        self.selected = selected  # redraws the density line when it changed
        if marks is not self.marks:
            self.marks = marks
            self._density_of = None
            self._strips.pop(DENSITY, None)
            self.refresh()
        if timeline is self.timeline and shown is self.shown:
            return
        if timeline is not self.timeline:
            self.timeline = timeline
            self._layout = None
            self.shown = shown
            self.refresh()
            return
        self.shown = shown
        self._refresh_line(DENSITY)  # only the density depends on the shown events

    def watch_selected(self) -> None:
        self._refresh_line(DENSITY)

    def _refresh_line(self, y: int) -> None:
        if y in self._strips:
            self.refresh(Region(0, y, self.size.width, 1))
        else:
            self.refresh()

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        self._strips.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        """One line (bands, density, axis) drawn alone and kept until what it shows changes."""
        width = self.size.width
        if y > 2 or self.text_selection is not None:
            return super().render_line(y)
        scale = self._ensure_scale(self.content_region.width)
        if scale is None or self.timeline is None:
            return super().render_line(y)
        # What the line shows: the scale (timeline and width), the shown events and the selection.
        key = (scale, self.shown if y == DENSITY else None, self.selected if y == DENSITY else None)
        cached = self._strips.get(y)
        if cached is not None:
            (old_scale, old_shown, old_selected), strip = cached
            if old_scale is scale and old_shown is key[1] and old_selected == key[2]:
                return strip
        content = self._line(y)
        strip = compat.content_strips(self, content, width, 1)[0]
        self._strips[y] = (key, strip)
        return strip

    def _line(self, y: int) -> Content:
        """The one renderer of each line: :meth:`render_line` and :meth:`render` both draw this."""
        if y == BANDS:
            return self._bands_line
        if y == DENSITY:
            if self._density_of is None or self._density_of[0] is not self.shown:
                self._density_of = (self.shown, self._density(self.content_region.width))
            return self._marked(self._density_of[1])
        return self._axis_line

    def _ensure_scale(self, width: int) -> TimeScale | None:
        """The scale of the strip at ``width`` (None: it shows nothing), laid out afresh when the
        timeline or the width changed, with its band and axis lines drawn."""
        if self.timeline is None:
            return None
        layout = self._layout
        if layout is None or layout.width != width:
            layout = self._layout = lay_out(self.timeline, width)
            if layout is None:
                return None
            self._bands_line = self._bands_content(layout.bands, layout.band_cells)
            self._axis_line = Content.styled(layout.axis, "$text-muted")
            self._density_of = None
        return layout.scale

    def _column_of(self, index: int) -> int:
        assert self._layout is not None
        return self._layout.columns.column(index)

    def render(self) -> Content:
        width = self.content_region.width
        scale = self._ensure_scale(width)
        if scale is None or self.timeline is None:
            return Content("")
        return Content("\n").join([self._line(y) for y in (BANDS, DENSITY, AXIS)])

    def bands(self, scale: TimeScale) -> list[tuple[int, int, str, str]]:
        """(first column, last column, label, style) of each band: the timeline's eras, or where it
        names none, its long events."""
        assert self.timeline is not None
        return [(*band[:3], _band_style(band, n)) for n, band in enumerate(bands(self.timeline, scale))]

    def _bands(self, scale: TimeScale, width: int) -> Content:
        """The band line of ``scale``, laid out and drawn afresh."""
        assert self.timeline is not None
        laid_out = bands(self.timeline, scale)
        return self._bands_content(laid_out, band_cells(laid_out, width))

    @staticmethod
    def _bands_content(laid_out: list[Band], cells: list[BandCell]) -> Content:
        """The band line: each cell as laid out, in its band's colour (a label on its band reversed,
        one run on past its band's end bold)."""
        return Content.assemble(*((cell.text, _cell_style(laid_out, cell)) for cell in cells))

    def _density(self, width: int) -> Content:
        """The density line of the shown events, at the width laid out (``width``)."""
        assert self._layout is not None
        line = Content.styled(self._layout.density(self.shown), "$accent")
        if self.marks:  # the columns of new and changed events, reversed (so without colour too)
            for column, mark in self._layout.columns.marked(self.shown, self.marks).items():
                if column < line.cell_length:
                    line = line.stylize(f"reverse {MARK_STYLES[mark]}", column, column + 1)
        return line

    def _axis_base(self, scale: TimeScale, width: int) -> list[str]:
        """The axis line of ``scale`` (``width`` is the scale's), laid out afresh, a character a cell."""
        return list(axis_line(scale))

    def marker_column(self) -> int | None:
        """The column of the selection's marker (on the density line), if an event is selected."""
        if self.timeline is None or self._layout is None:
            return None
        return self._layout.columns.marker(self.selected)

    def _marked(self, density: Content) -> Content:
        x = self.marker_column()
        if x is None or x >= density.cell_length:
            return density
        head, _, tail = density.divide([x, x + 1])
        return Content.assemble(head, (MARKER, "bold $warning"), tail)

    # -- clicks -------------------------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self._layout is None or self.timeline is None or not self.shown:
            return
        index = self.nearest_shown(offset.x)
        if index is not None:
            self.post_message(self.Picked(index))

    def nearest_shown(self, x: int) -> int | None:
        """The shown event drawn nearest column ``x``."""
        if self._layout is None or self.timeline is None:
            return None
        return self._layout.columns.nearest(self.shown, x)
