"""How a notification is laid out: a path or link whole on its line, the height it will take.

A notification (a toast) names files and links on lines of their own. Textual wraps a line at
the toast's edge, anywhere in a word (``…-russia.timeline`` / ``js.json``), so a line that is a
single word wider than the toast is shortened here in the middle, with ``…``, keeping its end
(a file's name and extension) and its start (where it is).
"""

from __future__ import annotations

from textual.content import Content

__all__ = ["TOAST_CHROME", "middle", "toast_lines", "toast_text_width", "whole_lines"]

#: Cells of a toast that hold no text: the notification rack's scrollbar gutter (2), the toast's
#: coloured left edge (1) and its padding (1 + 1). Checked by tests/test_toasts.py, which fails
#: when a path no longer fits the toast it is fitted to (Textual 8.2.8; see tui/app.tcss).
TOAST_CHROME = 5
#: A toast is at least this wide, where the screen allows (app.tcss: ``Toast { min-width }``).
TOAST_MIN_WIDTH = 60


def middle(word: str, cells: int) -> str:
    """``word`` in at most ``cells`` cells: whole if it fits, else its start, ``…`` and its end
    (the end given twice the room: a path's file name matters most)."""
    if len(word) <= cells:
        return word
    if cells <= 1:
        return "…"[:cells]
    head = (cells - 1) // 3
    tail = cells - 1 - head
    return word[:head] + "…" + word[len(word) - tail :]


def toast_text_width(screen_width: int, message: str) -> int:
    """The cells a line of ``message`` has in a toast on a screen ``screen_width`` wide: the toast
    is as wide as its longest line, at least :data:`TOAST_MIN_WIDTH`, at most the screen."""
    longest = max((len(line) for line in message.splitlines()), default=0)
    return max(1, min(screen_width, max(TOAST_MIN_WIDTH, longest + TOAST_CHROME)) - TOAST_CHROME)


def whole_lines(message: str, cells: int) -> str:
    """``message`` with each line that is one word (a path, a link) no wider than ``cells``:
    shortened in the middle where it is wider, never broken across lines."""
    return "\n".join(
        middle(line, cells) if line and " " not in line.strip() else line for line in message.splitlines()
    )


def toast_lines(message: str, cells: int) -> int:
    """How many lines ``message`` takes in a toast ``cells`` cells wide (its lines wrapped at
    spaces, as the toast wraps them)."""
    return sum(len(Content(line).wrap(cells)) or 1 for line in message.splitlines()) or 1
