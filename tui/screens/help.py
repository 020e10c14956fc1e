"""The help screen: every key, read from the bindings themselves so it never drifts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


def _bindings(items: Iterable[BindingType]) -> list[Binding]:
    return [b for b in items if isinstance(b, Binding)]


class HelpScreen(ModalScreen[None]):
    """Every key, by where it works."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close help"),
        # As in the detail pane (VerticalScroll has the arrows, PgUp/PgDn, Home and End).
        Binding("j", "scroll('down')", "Scroll down", show=False),
        Binding("k", "scroll('up')", "Scroll up", show=False),
    ]

    def __init__(self, sections: Sequence[tuple[str, Iterable[BindingType]]]) -> None:
        super().__init__()
        self.sections = [(title, _bindings(items)) for title, items in sections]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            # Above the keys, not among them: it stays in sight while they scroll.
            yield Static(
                Content.assemble(
                    ("Keys", "bold $accent"),
                    ("  esc or ? to close; ↓ ↑ j k PgDn PgUp to scroll", "$text-muted"),
                ),
                id="help-hint",
            )
            with VerticalScroll(id="help"):
                yield Static(self._content(), id="help-body")

    def _content(self) -> Content:
        parts: list[Content | tuple[str, str] | str] = []
        for n, (title, bindings) in enumerate(self.sections):
            parts += ["\n" if n else "", (title, "bold"), "\n"]
            for binding in bindings:
                keys = " ".join(
                    self.app.get_key_display(Binding(k.strip(), "")) for k in binding.key.split(",")
                )
                # The footer's short label, or the longer words of its tooltip where it has one.
                parts += [
                    (f"  {keys:<18}", "bold $text-accent"),
                    binding.tooltip or binding.description,
                    "\n",
                ]
        parts += [
            "\n",
            (
                "Ctrl+P opens the command palette: every action, and 'filter by actor' for each actor.",
                "$text-muted",
            ),
        ]
        return Content.assemble(*parts)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll(self, direction: str) -> None:
        # At once, not after the next refresh: each line is counted from where the last key
        # left it, so keys pressed faster than the screen refreshes (typed ahead, or on a busy
        # machine) each scroll a line rather than all scrolling the same one.
        scroll = self.query_one("#help", VerticalScroll)
        if direction == "down":
            scroll.scroll_down(animate=False, immediate=True)
        else:
            scroll.scroll_up(animate=False, immediate=True)
