"""The view chooser (`v`): the views the file names, each with its filters in words, to open one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from timeline import Timeline
from timeline.views import NamedView, spec_of

__all__ = ["ViewPicker"]


def view_words(timeline: Timeline, view: NamedView) -> str:
    """What a view shows, in words: its filters as the status line says them, its event, its lanes."""
    try:
        words = spec_of(view).resolve(timeline).describe(timeline)
    except LookupError:  # (a view checked at load always resolves)
        words = ""
    parts = [words or "every event"]
    if view.at is not None and view.at in timeline.by_id:
        parts.append(f"at: {timeline.events[timeline.by_id[view.at]].title}")
    if view.lanes:
        parts.append("lanes")
    return " · ".join(parts)


class ViewPicker(ModalScreen[NamedView | None]):
    """Returns the chosen view, or None when cancelled."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, timeline: Timeline) -> None:
        super().__init__()
        self.timeline = timeline

    def compose(self) -> ComposeResult:
        tl = self.timeline
        options = []
        for n, view in enumerate(tl.views):
            prompt = Content.assemble(
                (view.name, "bold"),
                ("  " + view.description) if view.description else "",  # plain text: never markup
                ("\n  " + view_words(tl, view), "$text-muted"),
            )
            options.append(Option(prompt, id=str(n)))
        with Vertical(classes="date-dialog", id="views"):
            yield Static(Content("Open a view"), classes="dialog-title")
            yield OptionList(*options, id="view-options")
            yield Static(
                Content.assemble(
                    ("enter", "bold"), " open (esc on the timeline undoes) · ", ("esc", "bold"), " cancel"
                ),
                classes="dialog-help",
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.timeline.views[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        self.dismiss(None)
