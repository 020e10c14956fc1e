"""Textual's footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from collections.abc import Hashable

from textual import events
from textual.widgets import Footer as TextualFooter

from .. import compat


class Footer(TextualFooter):
    """The footer, without the rebuild when the keys stay the same.

    Textual rebuilds the footer (a widget for each key) each time the screen's bindings may have
    changed: when the footer is ready, on each change of focus, after some actions. Most of these
    leave the keys as they were: at start, four rebuilds (some 10 ms each) where one is enough.
    """

    _keys: Hashable = None

    #: Narrower than this, the keys lose their padding; narrower than PALETTE_FROM, the command
    #: palette's key leaves the footer (Ctrl+P still opens it, and ? lists it): so Help and Quit
    #: stay on the line down to 60 columns.
    COMPACT_BELOW = 80
    PALETTE_FROM = 70

    def on_resize(self, event: events.Resize) -> None:
        width = event.size.width
        self.compact = width < self.COMPACT_BELOW
        palette = width >= self.PALETTE_FROM
        if palette != self.show_command_palette:
            self.show_command_palette = palette
            self.call_after_refresh(self.recompose)

    def _shown_keys(self) -> Hashable:
        """What :meth:`compose` shows: the bindings, whether each is enabled, their tooltips."""
        if not compat.footer_bindings_ready(self):
            return None
        active = self.screen.active_bindings
        keys = tuple((a.binding, a.enabled, a.tooltip) for a in active.values() if a.binding.show)
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        return (
            keys,
            palette and palette[1:],
            self.show_command_palette,
            self.app.ENABLE_COMMAND_PALETTE,
        )

    async def recompose(self) -> None:
        keys = self._shown_keys()
        if keys is not None and keys == self._keys:
            return
        self._keys = keys
        await super().recompose()
