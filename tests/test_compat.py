"""Each assumption tui/compat.py makes about Textual, checked: a failure here names the shim to fix.

Run this first when moving Textual to a new series (see the README, "Textual versions").
"""

from __future__ import annotations

from typing import Any

import pytest
import textual
from pilot import until
from textual import events
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Footer, Input, Static

from tui import compat


def broken(shim: str, what: str) -> str:
    return (
        f"tui/compat.py {shim}: {what} (checked against Textual {compat.CHECKED_AGAINST}, "
        f"running {textual.__version__})"
    )


def test_the_pin_and_the_checked_version_agree() -> None:
    """pyproject.toml pins the series the shims were checked against."""
    from importlib.metadata import requires

    pins = [r for r in requires("timeline-explorer") or [] if r.startswith("textual")]
    major, minor, _ = compat.CHECKED_AGAINST.split(".")
    assert pins == [f"textual<{major}.{int(minor) + 1},>={major}.{minor}"] or pins == [
        f"textual>={major}.{minor},<{major}.{int(minor) + 1}"
    ], pins
    assert textual.__version__.split(".")[:2] == [major, minor], broken("CHECKED_AGAINST", "another series")


class Lines(ScrollView):
    def render_line(self, y: int) -> Strip:
        return Strip.blank(self.size.width)


class Breakpoints(App[None]):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def compose(self) -> ComposeResult:
        yield Lines(id="lines")
        yield Static("x", id="static")
        yield Footer()


@pytest.mark.parametrize("width", [40, 99, 100, 101, 150])
async def test_breakpoint_class_is_the_class_the_screen_gives_itself(width: int) -> None:
    app = Breakpoints()
    async with app.run_test(size=(width, 20)) as pilot:
        names = {name for _, name in app.HORIZONTAL_BREAKPOINTS}
        await until(pilot, lambda: names & set(app.screen.classes))  # once the screen is resized
        expected = compat.breakpoint_class(app.HORIZONTAL_BREAKPOINTS, width)
        assert {c for c in app.screen.classes if c in names} == {expected}, broken(
            "breakpoint_class", f"the screen chose other classes at width {width}"
        )


def layout_requests(*widgets: Widget) -> list[Widget]:
    """A list that grows by the widget each time one of ``widgets`` is asked for a layout.

    ``Widget.refresh(layout=True)`` is how a widget asks (a reactive declared with
    ``layout=True`` calls it too); the layout itself comes later, after a few hops of messages.
    """
    asked: list[Widget] = []
    for widget in widgets:
        real = widget.refresh

        def refresh(*regions: Any, _real: Any = real, _widget: Widget = widget, **kwargs: Any) -> Any:
            if kwargs.get("layout"):
                asked.append(_widget)
            return _real(*regions, **kwargs)

        widget.refresh = refresh  # type: ignore[method-assign]
    return asked


async def test_set_virtual_size_quietly_updates_the_scrollbar_without_a_layout() -> None:
    """What the call does, it does at once, and it asks no widget for a layout.

    Checked when the call returns, before the app runs on: layouts the app still has to do
    (its footer fills in its keys after the first frames, later on a busy machine) are not
    the call's, and counting the layouts a moment later would count them too.
    """
    assert callable(getattr(ScrollView, "_scroll_update", None)), broken(
        "set_virtual_size_quietly", "Widget._scroll_update is gone (the fallback lays out the screen)"
    )
    app = Breakpoints()
    async with app.run_test(size=(80, 20)) as pilot:
        view = app.query_one(Lines)
        view.virtual_size = Size(10, 200)  # scrollable: the vertical scrollbar shows, once laid out
        assert await until(pilot, lambda: view.vertical_scrollbar.window_virtual_size == 200)
        assert view.show_vertical_scrollbar
        screen = app.screen
        asked = layout_requests(screen, *screen.walk_children(Widget), view.vertical_scrollbar)
        layouts = compat.count_layouts(screen)
        compat.set_virtual_size_quietly(view, Size(10, 300))
        assert view.virtual_size == Size(10, 300)
        assert view.vertical_scrollbar.window_virtual_size == 300, broken(
            "set_virtual_size_quietly", "the scrollbar did not follow the new size"
        )
        assert view.max_scroll_y == 300 - view.scrollable_content_region.height
        view.scroll_to(y=250, animate=False, immediate=True)
        assert view.scroll_offset.y == 250
        assert layouts == [] and asked == [], broken(
            "set_virtual_size_quietly", f"the screen was laid out or asked for a layout by {asked}"
        )
        await pilot.pause()  # the layouts still to come keep the new size
        assert view.vertical_scrollbar.window_virtual_size == 300 and view.scroll_offset.y == 250


async def test_count_layouts_counts_the_screens_layouts() -> None:
    assert callable(getattr(Screen, "_refresh_layout", None)), broken(
        "count_layouts", "no Screen._refresh_layout"
    )
    app = Breakpoints()
    async with app.run_test(size=(80, 20)) as pilot:
        layouts = compat.count_layouts(app.screen)
        app.query_one("#static").styles.height = 5
        assert await until(pilot, lambda: layouts), broken(
            "count_layouts", "a change of height laid out nothing it saw"
        )


async def test_footer_bindings_ready_and_the_shape_of_active_bindings() -> None:
    assert hasattr(Footer, "_bindings_ready"), broken(
        "footer_bindings_ready", "Footer._bindings_ready is gone"
    )
    assert ActiveBinding._fields == ("node", "binding", "enabled", "tooltip"), broken(
        "footer_bindings_ready", "ActiveBinding changed shape (tui/widgets/footer.py reads its fields)"
    )
    app = Breakpoints()
    async with app.run_test(size=(80, 20)) as pilot:
        footer = app.query_one(Footer)
        assert await until(pilot, lambda: compat.footer_bindings_ready(footer) is True), broken(
            "footer_bindings_ready", "never ready while the app runs"
        )
        assert all(isinstance(a, ActiveBinding) for a in app.screen.active_bindings.values())


async def test_parse_style_reads_the_themes_variables() -> None:
    app = Breakpoints()
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        assert callable(getattr(app.stylesheet, "parse_style", None)), broken(
            "parse_style", "App.stylesheet.parse_style is gone (falling back to Style.parse)"
        )
        style = compat.parse_style(app, "bold $accent")
        assert style.bold
        accent = app.get_css_variables()["accent"]
        assert style.foreground is not None and style.foreground.hex.lower() == accent.lower()[:7], broken(
            "parse_style", "the theme's $accent was not applied"
        )


class Drawn(Widget):
    def render(self) -> Content:
        return Content("")


async def test_content_strips_wraps_and_styles_as_the_widget_would() -> None:
    class One(App[None]):
        def compose(self) -> ComposeResult:
            with Vertical():
                yield Drawn()

    app = One()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        widget = app.query_one(Drawn)
        strips = compat.content_strips(widget, Content("hello world again"), 6, None)
        assert [s.text.rstrip() for s in strips] == ["hello", "world", "again"], broken(
            "content_strips", "Visual.to_strips no longer wraps as before"
        )
        assert len(compat.content_strips(widget, Content("hello world again"), 6, 1)) == 1


async def test_on_each_frame_sees_every_frame() -> None:
    assert callable(getattr(App, "_display", None)), broken("on_each_frame", "App._display is gone")
    app = Breakpoints()
    frames: list[Any] = []
    compat.on_each_frame(app, frames.append)
    async with app.run_test(size=(80, 20)) as pilot:
        await until(pilot, lambda: frames)
        seen = len(frames)
        app.query_one("#static", Static).update("changed")
        await until(pilot, lambda: len(frames) > seen)
    assert seen >= 1 and len(frames) > seen, broken("on_each_frame", "no frame seen")
    assert all(isinstance(s, Screen) for s in frames)


async def test_a_subclass_on_key_runs_before_inputs_own_and_can_keep_a_key_from_it() -> None:
    """What tui/widgets/search_bar.py and tui/screens/picker.py rely on (public, but load-bearing)."""

    class NoX(Input):
        def on_key(self, event: events.Key) -> None:
            if event.key == "x":
                event.prevent_default()

    class One(App[None]):
        def compose(self) -> ComposeResult:
            yield NoX()

    app = One()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.press("a", "x", "b", "space", "c")
        assert app.query_one(NoX).value == "ab c", (
            "Input's key handling changed: see SearchBar and PickerField"
        )
