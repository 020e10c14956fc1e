"""The detail pane: everything about the selected event."""

from __future__ import annotations

import re

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style

from timeline import Timeline
from timeline.matches import match_spans

from .. import compat
from ..palette import actor_colours
from ..view import View
from .event_list import OUTCOME_MARKS
from .scrolling import set_virtual_size

LABEL_WIDTH = 9  #: the labels ("When", "Kind", …) and the values after them, which wrap under the value
LABEL_STYLE = "bold $text-muted"
LONGEST_LABEL = 24  #: a longer label does not make what follows it hang
URL_STYLE = "underline $text-accent"
MATCH_STYLE = "bold underline $warning"  #: the words of the search, where they stand
URL_BREAKS = "/-_?&=."  #: a URL wider than the pane breaks after one of these
NARROWEST_HANG = 12  #: a wrapped line keeps at least this many cells beside its hanging indent


def _label(text: str) -> tuple[str, str]:
    return (f"{text:<{LABEL_WIDTH}}", LABEL_STYLE)


def url_line(url: str, indent: str = "    ") -> Content:
    """A URL on a line of its own, a terminal hyperlink (OSC 8) where the terminal supports it."""
    return Content(indent) + Content.styled(url, URL_STYLE).stylize(Style(link=url))


def authors_text(authors: tuple[str, ...]) -> str:
    """``A``, ``A and B``, ``A, B and C``: the names as the file writes them."""
    if len(authors) <= 1:
        return "".join(authors)
    return f"{', '.join(authors[:-1])} and {authors[-1]}"


def event_detail(timeline: Timeline, index: int, colours: dict[str, str]) -> Content:
    """The selected event as Content; every piece of file text is plain text, never markup."""
    event = timeline.events[index]
    parts: list[Content | tuple[str, str] | str] = [(event.title, "bold $text"), "\n\n"]
    parts += [_label("When"), event.when.long(), "\n"]
    kind_line: list[Content | tuple[str, str] | str] = [event.kind]
    if event.outcome:
        mark, style = OUTCOME_MARKS[event.outcome]
        kind_line += [" · ", (f"{mark} {timeline.outcome_text(event)}", style)]
    parts += [_label("Kind"), *kind_line, "\n"]
    actors = [(a, timeline.actors[a]) for a in event.actors if a in timeline.actors]
    if actors:  # optional: an imported timeline's events often name none
        parts.append(_label("Actors"))
        for n, (actor_id, actor) in enumerate(actors):
            if n:
                parts.append(", ")
            parts.append((f"{actor.short}", f"bold {colours.get(actor_id, '')}"))
            parts.append(f" {actor.name}")
        parts.append("\n")
    if event.location:
        parts += [_label("Place"), event.location, "\n"]
    if event.tags:
        parts += [_label("Tags"), ", ".join(event.tags), "\n"]
    for paragraph in event.paragraphs:
        parts += ["\n", paragraph, "\n"]
    for quote in event.quotes:
        parts += ["\n", ("“" + quote.text + "”", "italic"), "\n", ("    — " + quote.by, "$text-muted"), "\n"]
    if event.accounts:
        parts += ["\n", ("Accounts", "bold"), "\n"]
        for account in event.accounts:
            parts += [" ", (timeline.speaker(account), "bold"), "\n", "    ", account.text, "\n"]
            src = timeline.sources.get(account.source)
            if src is not None:
                parts += [("    — " + src.title, "$text-muted"), "\n"]
    links = timeline.links_of(index)
    if links:
        parts += ["\n", ("Links", "bold"), "\n"]
        for link in links:
            linked = timeline.events[link.target]
            wording = link.wording[0].upper() + link.wording[1:] + ": "
            parts += [" ", (wording, "bold $text-muted"), (linked.when.display(), "$text-muted"), "  "]
            parts += [linked.title, "\n"]
            if link.note:
                parts += [("    " + link.note, "italic $text-muted"), "\n"]
    if event.sources:
        parts += ["\n", ("Sources", "bold"), "\n"]
        for n, source_id in enumerate(event.sources, 1):
            src = timeline.sources.get(source_id)
            if src is None:
                continue
            dated = src.date.display() if src.date is not None else ""  # undated: nothing, not a guess
            by = ", ".join(x for x in (authors_text(src.authors), src.publisher, dated) if x)
            parts += [f" {n}. ", (src.title, "bold"), f" — {by}", "\n"]
            if src.url:
                parts += [url_line(src.url), "\n"]
    prev, next_ = timeline.related(index)
    if prev is not None or next_ is not None:
        parts += ["\n", ("Same actors", "bold"), "\n"]
        for arrow, other in (("←", prev), ("→", next_)):
            if other is not None:
                e = timeline.events[other]
                parts += [f" {arrow} ", (e.when.display(), "$text-muted"), "  ", e.title, "\n"]
    return Content.assemble(*parts)


_HANG = re.compile(r" *(?:\d+\. |— |[←→] |“)?")
_URL = re.compile(r" *https?://\S+")


def hanging_indent(line: Content) -> int:
    """Where the wrapped parts of ``line`` start: under the value after a label (a span in
    LABEL_STYLE that begins the line: "When", or a link's "Leads to:"), under the text of a
    numbered source, a quote or its speaker, else under the line's own first character."""
    match = _HANG.match(line.plain)
    indent = match.end() if match else 0
    # A label ("When", "Leads to:") begins the line: what follows it hangs under its value.
    lead = len(line.plain) - len(line.plain.lstrip(" "))
    for span in line.spans:
        if span.style == LABEL_STYLE and span.start == lead and span.end - lead <= LONGEST_LABEL:
            return max(indent, span.end)
    return indent


def wrap_hanging(content: Content, width: int) -> list[Content]:
    """``content``'s lines wrapped to ``width``, each wrapped part hanging under its value.

    A line that holds only a URL is never broken inside it where it fits: it moves to the left
    edge if it must; a URL wider than the pane breaks between its words (after ``/`` or ``-``).
    """
    out: list[Content] = []
    for line in content.split("\n"):
        if line.cell_length <= width:
            out.append(line)
            continue
        if _URL.fullmatch(line.plain):
            out += _fold_url(line, width)
            continue
        indent = hanging_indent(line)
        if width - indent < NARROWEST_HANG:
            indent = 0
        first = line.wrap(width)[0]
        out.append(first)
        rest = line.divide([len(first.plain)])[1]
        spaces = len(rest.plain) - len(rest.plain.lstrip(" "))
        if spaces:
            rest = rest.divide([spaces])[1]
        pad = Content(" " * indent)
        out += [pad + part for part in rest.wrap(width - indent)]
    return out


def _fold_url(line: Content, width: int) -> list[Content]:
    spaces = len(line.plain) - len(line.plain.lstrip(" "))
    url = line.divide([spaces])[1] if spaces else line
    out = []
    while url.cell_length > width:
        # After the last "/", "-" (or the like) that fits, between the URL's words; else where it must.
        cut = max(url.plain.rfind(mark, 0, width) for mark in URL_BREAKS) + 1
        if cut <= width // 3:
            cut = width
        head, url = url.divide([cut])
        out.append(head)
    out.append(url)
    return out


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
        self._content = Content("Loading…")
        self._lines: list[Strip] = []  # the content drawn at _width
        self._width = -1
        self._wrapped = self._content  # the content wrapped to the pane, as drawn
        self._shown: tuple[Timeline | None, int | None, bool, str] | None = None

    @property
    def content(self) -> Content:
        """What the pane shows."""
        return self._content

    def show(self, view: View) -> None:
        """Show the selected event of ``view``, marking the words of its search."""
        timeline, index, highlight = view.timeline, view.selected, view.highlight
        key = (timeline, index, self.app.current_theme.dark, highlight)
        if self._shown is not None and self._shown[0] is timeline and self._shown[1:] == key[1:]:
            return  # already showing it (a reload or a refilter that keeps the selection)
        self._shown = key
        if timeline is None or index is None:
            text = "No event is shown: press c to clear the filters." if timeline else "Loading…"
            self._set_content(Content(text))
            return
        colours = actor_colours(timeline, self.app.current_theme.dark, self.app.console.color_system)
        content = event_detail(timeline, index, colours)
        for start, end in match_spans(content.plain, highlight) if highlight else ():
            content = content.stylize(MATCH_STYLE, start, end)
        self._set_content(content)

    def _set_content(self, content: Content) -> None:
        self._content = content
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
            self._wrapped = Content("\n").join(wrap_hanging(self._content, width))
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
            return self._content.plain.rstrip("\n"), "\n"  # all of it: as written, not as wrapped
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
