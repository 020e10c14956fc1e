"""The status line: how many events are shown, every condition of the filter, and (``--since``)
what the marks compare with.

It never hides a condition. Where the long words do not fit (``actors: Azerbaijan and Russia
and …``), the longest give way to their short words (``4 actors (all)``), the hint goes, and
at the last the conditions that do not fit are counted (``… +2 filters``).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.content import Content
from textual.widgets import Static

from ..view import View

__all__ = ["StatusLine", "fit_status"]

SEP = " · "

#: A piece of the line: (text, style).
Piece = tuple[str, str]


def _cells(pieces: Sequence[Piece]) -> int:
    return sum(len(text) for text, _ in pieces)


def fit_status(counts: str, parts: Sequence[tuple[str, str]], hint: str, width: int) -> list[Piece]:
    """The status line's pieces in ``width`` cells: ``counts``, then each condition (its long
    words, or its short ones where the long do not fit), then the ``hint`` if it fits.

    Conditions are never dropped silently: when even their short words do not fit, the last
    ones are counted after an ellipsis (``… +2 filters``).
    """
    words = [long for long, _ in parts]

    def line(chosen: Sequence[str], hidden: int = 0, with_hint: bool = False) -> list[Piece]:
        pieces: list[Piece] = [(counts, "bold")]
        for text in chosen:
            pieces += [(SEP, ""), (text, "")]
        if hidden:
            pieces += [(SEP, ""), (f"… +{hidden} filter{'s' if hidden > 1 else ''}", "bold")]
        if with_hint and hint:
            pieces.append((f"  ({hint})", "$text-muted"))
        return pieces

    if _cells(line(words, with_hint=True)) <= width:
        return line(words, with_hint=True)
    # The longest long words give way to their short ones, one at a time.
    for at in sorted(range(len(parts)), key=lambda k: -len(parts[k][0])):
        if _cells(line(words)) <= width:
            break
        words[at] = parts[at][1]
    if _cells(line(words, with_hint=True)) <= width:
        return line(words, with_hint=True)
    for shown in range(len(words), -1, -1):
        pieces = line(words[:shown], len(words) - shown)
        if _cells(pieces) <= width:
            return pieces
    return pieces  # not even the count fits: the line is cut at the edge


class StatusLine(Static):
    """One line under the panes: the counts and the filter of the view it was last given, or a
    message (``Loading… 40%``) before there is one. Fitted again when its width changes."""

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(Content(text), id=id)
        self._said: tuple[str, tuple[tuple[str, str], ...], str] | str = text

    def say(self, text: str) -> None:
        """Show ``text`` alone (while loading)."""
        self._said = text
        self.update(Content(text), layout=False)

    def show(self, view: View) -> None:
        """Show the counts and the filter of ``view``."""
        parts = tuple(view.filters)
        if view.since_words:  # --since: what it compares with, last (in few cells where narrow)
            parts += ((view.since_words, view.since_short),)
        self._said = (view.counts, parts, view.hint)
        self._draw()

    def _draw(self) -> None:
        said = self._said
        if isinstance(said, str):
            return
        width = self.content_region.width or self.app.size.width - 2
        self.update(Content.assemble(*fit_status(*said, width)), layout=False)

    def on_resize(self, event: events.Resize) -> None:
        self._draw()
