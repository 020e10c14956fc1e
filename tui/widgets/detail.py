"""The detail pane: everything about the selected event.

What the detail says, and where its lines break, is the model's (:mod:`timeline.detail`, which
``timeline show`` prints too); the pane gives each piece's roles their styles and draws it.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style

from timeline import Timeline
from timeline.detail import Line, Piece, event_lines, plain_text, wrap

from .. import compat
from ..palette import actor_colours
from ..view import View
from .event_list import OUTCOME_MARKS
from .scrolling import set_virtual_size

LABEL_STYLE = "bold $text-muted"
URL_STYLE = "underline $text-accent"
MATCH_STYLE = "bold underline $warning"  #: the words of the search, where they stand

#: The style of each role of a piece of the detail (see :data:`timeline.detail.ROLES`); an actor's
#: and an outcome's come from the palette and the outcome marks, a URL's link from its ``ref``.
ROLE_STYLES: dict[str, str] = {
    "title": "bold $text",
    "label": LABEL_STYLE,
    "muted": "$text-muted",
    "heading": "bold",
    "quote": "italic",
    "speaker": "$text-muted",
    "name": "bold",
    "note": "italic $text-muted",
    "source": "bold",
    "url": URL_STYLE,
    "match": MATCH_STYLE,
    "old": "$text-error",  # --since: a value before the change
    "new": "$text-success",  # and after it
}

#: The outcome marks, as the detail puts them before an outcome's words.
MARKS = {outcome: mark for outcome, (mark, _) in OUTCOME_MARKS.items()}


def _piece(piece: Piece, colours: dict[str, str]) -> Content:
    """One piece of the detail: its text as plain text (never markup), styled by its roles."""
    content = Content(piece.text)
    for role in piece.roles:
        if role == "actor":
            style = f"bold {colours.get(piece.ref, '')}".strip()
        elif role == "outcome":
            style = OUTCOME_MARKS[piece.ref][1] if piece.ref in OUTCOME_MARKS else ""
        else:
            style = ROLE_STYLES.get(role, "")
        if style:
            content = content.stylize(style)
        if role == "url":  # a terminal hyperlink (OSC 8) where the terminal supports it
            content = content.stylize(Style(link=piece.ref))
    return content


def line_content(line: Line, colours: dict[str, str]) -> Content:
    """A line of the detail as Content."""
    return Content.assemble(*(_piece(piece, colours) for piece in line.pieces if piece.text))


def event_detail(timeline: Timeline, index: int, colours: dict[str, str], highlight: str = "") -> Content:
    """The detail of event ``index`` (:func:`timeline.detail.event_lines`) as Content, unwrapped,
    each line ended by a newline; every piece of file text is plain text, never markup."""
    lines = event_lines(timeline, index, highlight, MARKS)
    return Content.assemble(*(part for line in lines for part in (line_content(line, colours), "\n")))


class DetailPane(ScrollView, can_focus=True):
    """Shows the selected event of the :class:`tui.view.View` the app gives it.

    Tab moves the focus here (and back), where the arrow keys, PgUp, PgDn, Home and End scroll.

    Drawn line by line, like the timeline pane: another event changes the lines and the
    scrollable height, not the layout of the screen (a Static in a scrolling container would
    lay out the whole screen twice for each cursor move, as its height changes). Text can be
    selected with the mouse, as in a Static.
    """

    BINDINGS = [
        Binding(
            "tab", "app.focus_next", "Back to the timeline", show=False
        ),  # the footer keeps Help and Quit
        Binding("down,j", "scroll_down", "Scroll down", show=False),
        Binding("up,k", "scroll_up", "Scroll up", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home,g", "scroll_home", "To the top", show=False),
        Binding("end,G", "scroll_end", "To the end", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._detail: list[Line] = [Line((Piece("Loading…"),))]  # what the pane says, unwrapped
        self._colours: dict[str, str] = {}
        self._lines: list[Strip] = []  # the detail drawn at _width
        self._width = -1
        self._wrapped = Content("Loading…")  # the detail wrapped to the pane, as drawn
        self._shown: tuple[Timeline | None, int | None, bool, str, object] | None = None

    @property
    def content(self) -> Content:
        """What the pane shows, unwrapped."""
        return Content("\n").join(line_content(line, self._colours) for line in self._detail)

    def show(self, view: View) -> None:
        """Show the selected event of ``view``, marking the words of its search."""
        timeline, index, highlight = view.timeline, view.selected, view.highlight
        key = (timeline, index, self.app.current_theme.dark, highlight, view.since)
        old = self._shown
        if old is not None and old[0] is timeline and old[4] is view.since and old[1:4] == key[1:4]:
            return  # already showing it (a reload or a refilter that keeps the selection)
        self._shown = key
        if timeline is None or index is None:
            text = "No event is shown: press c to clear the filters." if timeline else "Loading…"
            self._set_detail([Line((Piece(text),))], {})
            return
        colours = actor_colours(timeline, self.app.current_theme.dark, self.app.console.color_system)
        lines = event_lines(timeline, index, highlight, MARKS)
        if view.since is not None:  # --since: what changed in it, under its title (why it is marked)
            changed = view.since.lines(timeline.events[index].id)
            if changed:
                lines[2:2] = [*changed, Line()]
        self._set_detail(lines, colours)

    def _set_detail(self, detail: list[Line], colours: dict[str, str]) -> None:
        self._detail = detail
        self._colours = colours
        self._width = -1  # draw it afresh
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._fit()
        self.refresh()

    def _fit(self) -> None:
        """Draw the content at the pane's width, and make that the scrollable size."""
        self._draw(self.scrollable_content_region.width)
        # No width: the lines are wrapped to the pane, so there is nothing to scroll sideways,
        # and a scrollbar coming or going (which narrows the lines) needs no second layout.
        set_virtual_size(self, Size(0, len(self._lines)))

    def _draw(self, width: int) -> None:
        if width != self._width and width > 0:
            self._width = width
            lines = wrap(self._detail, width, cell_len)
            self._wrapped = Content("\n").join(line_content(line, self._colours) for line in lines)
            self._lines = compat.content_strips(self, self._wrapped, width, None)

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._width = -1  # colours come from the theme and the styles

    def selection_updated(self, selection: Selection | None) -> None:
        self._width = -1  # the selected text is drawn highlighted
        super().selection_updated(selection)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        if selection.start is None and selection.end is None:
            return plain_text(self._detail).rstrip("\n"), "\n"  # all of it: as written, not as wrapped
        return selection.extract(self._wrapped.plain), "\n"  # offsets on screen: in the wrapped lines

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._width:  # a scrollbar came or went: draw at the new width, size to it after
            self._draw(width)
            self.call_later(self._fit)
        row = y + self.scroll_offset.y
        if row >= len(self._lines):
            return Strip.blank(width, self.visual_style.rich_style)
        line = self._lines[row]
        if line.cell_length == width:
            return line  # as it is: crop_extend would keep the line in its own cache (a cycle)
        return line.crop_extend(0, width, self.visual_style.rich_style)
