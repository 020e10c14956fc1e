"""The search field: filters as you type; Enter keeps the search, Escape cancels it."""

from __future__ import annotations

from typing import Protocol, cast

from textual import events
from textual.binding import Binding
from textual.widgets import Input


class SearchHost(Protocol):
    """What the search field tells (the app): the search is kept, or cancelled."""

    def keep_search(self, text: str) -> None: ...

    def cancel_search(self) -> None: ...


class SearchBar(Input):
    """The search field: filters as you type; Enter keeps the search, Escape cancels it.

    Textual hands each key to the focused widget as it arrives, and runs key bindings later, once
    the key has bubbled up to the app. So the field takes Enter and Escape itself, in the order it
    was typed, and hands the keys already queued behind them (typed quickly, pasted, or arriving
    together over a slow link) on to what has the focus then, instead of taking them as text.
    (``on_key`` runs before Input's own key handler, and ``prevent_default`` skips that one.)
    """

    BINDINGS = [
        Binding("enter", "submit", "Keep the search", show=False),
        Binding("escape", "cancel", "Cancel search"),
    ]

    @property
    def host(self) -> SearchHost:
        return cast(SearchHost, self.app)

    async def action_submit(self) -> None:
        self.host.keep_search(self.value)

    def action_cancel(self) -> None:
        self.host.cancel_search()

    async def on_key(self, event: events.Key) -> None:
        closing = event.key in ("enter", "escape")
        behind = self.screen.focused is not self  # typed behind Enter or Escape
        if closing or behind:
            event.stop()
            event.prevent_default()  # not Input's handler: not text
        if behind:
            self.app.post_message(events.Key(event.key, event.character))
        elif closing:
            await self.run_action("submit" if event.key == "enter" else "cancel")
