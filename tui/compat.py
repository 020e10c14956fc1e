"""Every place the app (and its tests and benchmark) leans on Textual beyond its documented API.

Textual is pinned to the minor series these were checked against (see ``pyproject.toml``); each
shim below names the version it was checked against, falls back where a fallback exists, and
has a test in ``tests/test_compat.py`` that fails loudly, naming the shim, when its assumption
stops holding. To move to a new Textual series: raise the pin, run ``pytest tests/test_compat.py``
and fix what it names, then run the whole suite (the snapshot tests show what moved on screen).

Nothing else in ``tui/`` (or the tests) may touch a private name of Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.app import App
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual, visualize
from textual.widget import Widget
from textual.widgets import Footer

#: The Textual version every shim here was checked against.
CHECKED_AGAINST = "8.2.8"


# -- the first frame's breakpoint class ------------------------------------------------------
def breakpoint_class(breakpoints: Sequence[tuple[int, str]], width: int) -> str | None:
    """The class the screen will give itself for ``width`` (from ``HORIZONTAL_BREAKPOINTS``).

    The screen sets its breakpoint class only when it is first resized, after the first frame;
    an app that creates its default screen with the class already set draws the right layout
    from the first frame, with no restyle of every widget after it. Textual does not expose its
    rule (``Screen._get_breakpoint_classes``: the last breakpoint whose width is at most the
    terminal's); this is a copy, checked against Textual 8.2.8, and a test compares the two.
    """
    widest = sorted(breakpoints, reverse=True)
    return next((name for least, name in widest if width >= least), None)


# -- setting a scrollable size without laying out the screen -----------------------------------
def set_virtual_size_quietly(view: ScrollView, size: Size) -> None:
    """Set ``view``'s scrollable size and update its scrollbar, without a layout of the screen.

    Setting ``virtual_size`` asks for a layout, which rearranges (and redraws) the whole screen;
    when the view's own size stays, updating the scrollbar and the scroll range, as the layout
    would, is enough. ``set_reactive`` (public) sets the size without its watcher, and
    ``Widget._scroll_update`` is what the layout calls for the rest. Checked against Textual
    8.2.8; without ``_scroll_update``, falls back to a plain assignment (a layout: slower, right).
    """
    update = getattr(view, "_scroll_update", None)
    if update is None:
        view.virtual_size = size
        return
    view.set_reactive(ScrollView.virtual_size, size)
    update(size)


# -- the footer ----------------------------------------------------------------------------------
def footer_bindings_ready(footer: Footer) -> bool:
    """Whether Textual's Footer would show keys now (its ``compose`` draws none before that).

    ``Footer._bindings_ready`` turns true once the screen first reports its bindings. Checked
    against Textual 8.2.8; without it, falls back to True (the footer then rebuilds as often as
    Textual asks, as the stock one does).
    """
    ready = getattr(footer, "_bindings_ready", True)
    return bool(ready)


# -- styles and drawing --------------------------------------------------------------------------
def parse_style(app: App[Any], spec: str) -> Style:
    """A style written as in markup (``"bold $accent"``), with the theme's variables, cached.

    ``App.stylesheet.parse_style`` is what ``Content.render`` is meant to be given (its own
    docstring says so) but is not in Textual's documented API. Checked against Textual 8.2.8;
    falls back to ``Style.parse`` with the app's CSS variables.
    """
    stylesheet_parse = getattr(getattr(app, "stylesheet", None), "parse_style", None)
    if stylesheet_parse is not None:
        style: Style = stylesheet_parse(spec)
        return style
    return Style.parse(spec, app.get_css_variables())


def content_strips(widget: Widget, content: Content, width: int, height: int | None) -> list[Strip]:
    """``content`` drawn as ``widget`` would draw it (its styles, links, text selection), wrapped
    to ``width``, at most ``height`` lines (None: as many as it takes).

    ``Visual.to_strips`` and ``visualize`` are what ``Widget.render_line`` uses; they are public
    names of ``textual.visual`` but not in the guide's API. Checked against Textual 8.2.8; no
    fallback (the test says what changed).
    """
    return Visual.to_strips(widget, visualize(widget, content), width, height, widget.visual_style)


# -- for the tests and the benchmark ---------------------------------------------------------------
def on_each_frame(app: App[Any], note: Callable[[Screen[Any]], object]) -> None:
    """Call ``note(screen)`` each time the app draws a frame (even headless), right after it.

    Wraps ``App._display``, which Textual calls once per frame it draws. Checked against Textual
    8.2.8; no fallback: no public hook tells when a frame is drawn.
    """
    display = app._display

    def recorded(screen: Screen[Any], renderable: Any) -> None:
        display(screen, renderable)
        note(screen)

    app._display = recorded  # type: ignore[method-assign]


def count_layouts(screen: Screen[Any]) -> list[int]:
    """A list that grows by one each time ``screen`` lays out its widgets (for tests).

    Wraps ``Screen._refresh_layout``, which Textual calls for each layout of the screen. Checked
    against Textual 8.2.8; no fallback.
    """
    layouts: list[int] = []
    real = screen._refresh_layout

    def counted(*args: Any, **kwargs: Any) -> Any:
        layouts.append(1)
        return real(*args, **kwargs)

    screen._refresh_layout = counted  # type: ignore[method-assign]
    return layouts
