"""The detail pane: everything about the selected event."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from timeline import Timeline

from ..palette import actor_colours
from .event_list import OUTCOME_MARKS


def _label(text: str) -> tuple[str, str]:
    return (f"{text:<9}", "bold $text-muted")


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
    parts.append(_label("Actors"))
    for n, actor_id in enumerate(event.actors):
        actor = timeline.actors.get(actor_id)
        if actor is None:
            continue
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
    if event.sources:
        parts += ["\n", ("Sources", "bold"), "\n"]
        for n, source_id in enumerate(event.sources, 1):
            src = timeline.sources.get(source_id)
            if src is None:
                continue
            parts += [f" {n}. ", (src.title, "bold"), f" — {src.publisher}, {src.date.display()}", "\n"]
            parts += ["    ", (src.url, "underline $text-accent"), "\n"]
    prev, next_ = timeline.related(index)
    if prev is not None or next_ is not None:
        parts += ["\n", ("Same actors", "bold"), "\n"]
        for arrow, other in (("←", prev), ("→", next_)):
            if other is not None:
                e = timeline.events[other]
                parts += [f" {arrow} ", (e.when.display(), "$text-muted"), "  ", e.title, "\n"]
    return Content.assemble(*parts)


class DetailPane(VerticalScroll, can_focus=False):
    """Shows one event; takes the model and the selected index."""

    def compose(self) -> ComposeResult:
        yield Static(Content("Loading…"), id="detail-body")

    _shown: tuple[Timeline | None, int | None, bool] | None = None

    def show(self, timeline: Timeline | None, index: int | None) -> None:
        key = (timeline, index, self.app.current_theme.dark)
        if self._shown is not None and self._shown[0] is timeline and self._shown[1:] == key[1:]:
            return  # already showing it (a reload or a refilter that keeps the selection)
        self._shown = key
        body = self.query_one("#detail-body", Static)
        if timeline is None or index is None:
            body.update(
                Content("No event is shown: press c to clear the filters." if timeline else "Loading…")
            )
            return
        colours = actor_colours(timeline, self.app.current_theme.dark)
        body.update(event_detail(timeline, index, colours))
        self.scroll_home(animate=False)
