"""A picker for actors, or for tags and kinds: type to narrow, Space to toggle, Enter to apply."""

from __future__ import annotations

import re

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..view import Choice


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


class Picker(ModalScreen[frozenset[str] | None]):
    """Returns the chosen keys, or None when cancelled."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS = [
        Binding("space", "toggle_choice", "Toggle", priority=True),
        Binding("enter", "apply", "Apply", priority=True),
        Binding("escape", "cancel", "Cancel", priority=True),
        Binding("backspace", "erase", "Erase", show=False, priority=True),
    ]

    def __init__(self, title: str, choices: list[Choice], chosen: frozenset[str], note: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.chosen = set(chosen)
        self.initial = frozenset(chosen)
        self.note = note
        self.query_text = ""
        self.matching: list[Choice] = []
        self.toggled = False

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(Content(self.title_text), id="picker-title")
            yield Static(Content(""), id="picker-query")
            yield OptionList(id="picker-options")
            yield Static(
                Content.assemble(
                    ("type", "bold"),
                    " to narrow · ",
                    ("space", "bold"),
                    " toggle · ",
                    ("enter", "bold"),
                    " apply · ",
                    ("esc", "bold"),
                    " cancel",
                    ("  " + self.note) if self.note else "",
                ),
                id="picker-help",
            )

    def on_mount(self) -> None:
        self._refill()
        self.query_one(OptionList).focus()

    def _matches(self, choice: Choice) -> bool:
        """Each typed word must begin a word of the label, key or other names ("russ" → Russia)."""
        words = re.findall(r"\w+", f"{choice.label} {choice.hint} {choice.key}".casefold())
        return all(
            any(w.startswith(q) for w in words) for q in re.findall(r"\w+", self.query_text.casefold())
        )

    def _refill(self, keep: str | None = None) -> None:
        options = self.query_one(OptionList)
        matching = [c for c in self.choices if self._matches(c)]
        # Matches on the name itself come before matches on other names.
        typed = re.findall(r"\w+", self.query_text.casefold())
        self.matching = sorted(
            matching,
            key=lambda c: (
                not all(any(w.startswith(q) for w in re.findall(r"\w+", c.label.casefold())) for q in typed)
            ),
        )
        options.set_options(self._option(c) for c in self.matching)
        if self.matching:
            keys = [c.key for c in self.matching]
            options.highlighted = keys.index(keep) if keep in keys else 0
        prompt = self.query_text or "…"
        self.query_one("#picker-query", Static).update(
            Content.assemble(
                ("filter: ", "$text-muted"), prompt, f"   {len(self.matching)} of {len(self.choices)}"
            )
        )

    def _option(self, choice: Choice) -> Option:
        mark = "[x]" if choice.key in self.chosen else "[ ]"
        label = Content.assemble(
            (mark, "bold $accent" if choice.key in self.chosen else "$text-muted"),
            " ",
            (choice.label, choice.style),
            (f"  {choice.count}", "$text-muted"),
            (f"  {_clip(choice.hint, 32)}", "dim") if choice.hint else "",
        )
        return Option(label, id=choice.key)

    def _highlighted(self) -> Choice | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not (0 <= index < len(self.matching)):
            return None
        return self.matching[index]

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character and event.character != " ":
            event.stop()
            event.prevent_default()
            self.query_text += event.character
            self._refill()

    def action_erase(self) -> None:
        if self.query_text:
            self.query_text = self.query_text[:-1]
            self._refill()

    def action_toggle_choice(self) -> None:
        choice = self._highlighted()
        if choice is None:
            return
        self.chosen.symmetric_difference_update({choice.key})
        self.toggled = True
        self._refill(keep=choice.key)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_apply()

    def action_apply(self) -> None:
        if not self.toggled:
            choice = self._highlighted()
            if choice is not None:
                self.chosen.symmetric_difference_update({choice.key})
        self.dismiss(frozenset(self.chosen))

    def action_cancel(self) -> None:
        self.dismiss(None)
