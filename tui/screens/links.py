"""The link picker (`l`): the selected event's links both ways, to follow one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from timeline import Timeline

from ..widgets.hint import Hint

__all__ = ["LinkPicker"]


class LinkPicker(ModalScreen[int | None]):
    """Returns the index of the event to go to, or None when cancelled."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, timeline: Timeline, index: int) -> None:
        super().__init__()
        self.timeline = timeline
        self.index = index

    def compose(self) -> ComposeResult:
        tl = self.timeline
        options = []
        for n, link in enumerate(tl.links_of(self.index)):
            other = tl.events[link.target]
            prompt = Content.assemble(
                (f"{link.wording[:1].upper()}{link.wording[1:]}: ", "bold"),
                (other.when.display(), "$text-muted"),
                "  ",
                other.title,  # plain text: never markup
            )
            if link.note:
                prompt = Content.assemble(prompt, ("\n    " + link.note, "$text-muted"))
            options.append(Option(prompt, id=str(n)))
        with Vertical(classes="date-dialog", id="links"):
            yield Static(Content(f"Follow a link of: {tl.events[self.index].title}"), classes="dialog-title")
            yield OptionList(*options, id="link-options")
            yield Hint(
                Content.assemble(
                    ("enter", "bold"),
                    " go there · ",
                    ("backspace", "bold"),
                    " later comes back · ",
                    ("esc", "bold"),
                    " cancel",
                ),
                Content.assemble(
                    ("enter", "bold"),
                    " go there (",
                    ("backspace", "bold"),
                    ": back) · ",
                    ("esc", "bold"),
                    " cancel",
                ),
                Content.assemble(("enter", "bold"), " go · ", ("esc", "bold"), " cancel"),
                classes="dialog-help",
                id="links-help",
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        links = self.timeline.links_of(self.index)
        self.dismiss(links[int(event.option.id or 0)].target)

    def action_cancel(self) -> None:
        self.dismiss(None)
