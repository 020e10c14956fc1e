"""The status line: how many events are shown, every condition of the filter, and (``--since``)
what the marks compare with.

It never hides a condition while there is room. Where the long words do not fit (``actors:
Azerbaijan and Russia and …``), the longest give way to shorter ones (``4 actors (all)``,
``4 actors``; ``Mar–Aug 2023``; ``"talks"``), the hint goes, and only when every condition's
shortest words do not fit are the last conditions counted (``… +2 filters``).
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


def fit_status(counts: str, parts: Sequence[Sequence[str]], hint: str, width: int) -> list[Piece]:
    """The status line's pieces in ``width`` cells: ``counts``, then each condition in the
    longest of its forms (``parts``: each condition's forms, longest first) that leaves room for
    the others, then the ``hint`` if it fits.

    Conditions are never dropped while room remains: the longest words give way to shorter ones,
    a step at a time, until every condition is in its shortest form; only when even those do not
    fit are the last ones counted after an ellipsis (``… +2 filters``).
    """
    forms = [list(p) for p in parts]
    step = [0] * len(forms)

    def words() -> list[str]:
        return [f[k] for f, k in zip(forms, step, strict=True)]

    def line(chosen: Sequence[str], hidden: int = 0, with_hint: bool = False) -> list[Piece]:
        pieces: list[Piece] = [(counts, "bold")]
        for text in chosen:
            pieces += [(SEP, ""), (text, "")]
        if hidden:
            pieces += [(SEP, ""), (f"… +{hidden} filter{'s' if hidden > 1 else ''}", "bold")]
        if with_hint and hint:
            pieces.append((f"  ({hint})", "$text-muted"))
        return pieces

    if _cells(line(words(), with_hint=True)) <= width:
        return line(words(), with_hint=True)
    # The longest words that have shorter ones give way to them, one step at a time.
    while _cells(line(words())) > width:
        shorter = [k for k in range(len(forms)) if step[k] + 1 < len(forms[k])]
        if not shorter:
            break
        at = max(shorter, key=lambda k: len(forms[k][step[k]]))
        step[at] += 1
    shown = len(forms)
    while shown and _cells(line(words()[:shown], len(forms) - shown)) > width:
        shown -= 1  # even the shortest words do not fit: the last conditions are counted
    # Room left over goes back to the words shortened more than they had to be, first first.
    grown = True
    while grown:
        grown = False
        for k in range(shown):
            if step[k]:
                step[k] -= 1
                if _cells(line(words()[:shown], len(forms) - shown)) <= width:
                    grown = True
                else:
                    step[k] += 1
    chosen = words()[:shown]
    if shown == len(forms) and _cells(line(chosen, with_hint=True)) <= width:
        return line(chosen, with_hint=True)
    return line(chosen, len(forms) - shown)  # cut at the edge when not even the count fits


class StatusLine(Static):
    """One line under the panes: the counts and the filter of the view it was last given, or a
    message (``Loading… 40%``) before there is one. Fitted again when its width changes."""

    def __init__(self, text: str = "", *, id: str | None = None) -> None:
        super().__init__(Content(text), id=id)
        self._said: tuple[str, tuple[tuple[str, ...], ...], str] | str = text

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
