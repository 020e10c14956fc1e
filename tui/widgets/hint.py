"""Words that fit: a dialog's hint or a field's examples in the longest of their forms that fits
the width they are given (shorter words at 60 columns than at 120), never cut mid-word."""

from __future__ import annotations

from collections.abc import Sequence

from textual import events
from textual.content import Content
from textual.widgets import Static

__all__ = ["Hint", "fitting", "whole_items"]


def fitting(forms: Sequence[Content], width: int) -> Content:
    """The first of ``forms`` (longest first) at most ``width`` cells wide; the last if none is."""
    return next((form for form in forms if form.cell_length <= width), forms[-1])


def whole_items(items: Sequence[str], more: str = "…", sep: str = ", ") -> list[Content]:
    """The forms of a list of examples, longest first: all of ``items``, then fewer and fewer, each
    ending with a whole item and ``more`` (``2023, 2023-07…``)."""
    return [Content(sep.join(items[:n]) + more) for n in range(len(items), 0, -1)]


class Hint(Static):
    """One line of words in the longest of its ``forms`` that fits its width, fitted again when
    the width changes (a dialog's key hint: ``esc cancel`` always in sight). Its CSS keeps it to
    one line (``text-wrap: nowrap``, in the stylesheet of the screens that use it)."""

    def __init__(self, *forms: Content, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(forms[0], id=id, classes=classes)
        self.forms = forms

    def on_resize(self, event: events.Resize) -> None:
        self.update(fitting(self.forms, self.content_region.width), layout=False)
