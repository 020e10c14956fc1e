"""What the app's line-drawn panes share: setting their scrollable size without a layout."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView

from .. import compat


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Set ``view``'s scrollable size; skip the screen's layout when the view's own size stays.

    A layout rearranges (and redraws) the whole screen: only needed when the vertical scrollbar
    appears or goes, or the width changes. Otherwise updating the scrollbar and the scroll range,
    as the layout would, is enough. (This reaches into Textual: ``set_reactive`` sets the size
    without its watcher, which asks for the layout, and ``_scroll_update`` is what the layout
    would call: see :func:`tui.compat.set_virtual_size_quietly`.)
    """
    overflow = view.styles.overflow_y
    scrollbar = overflow == "scroll" or (overflow == "auto" and size.height > view.container_size.height)
    if not view.size or size.width != view.virtual_size.width or scrollbar != view.show_vertical_scrollbar:
        view.virtual_size = size
        return
    # The scrollbar's thumb and the scroll range, as a layout does.
    compat.set_virtual_size_quietly(view, size)
