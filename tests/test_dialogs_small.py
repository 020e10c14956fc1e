"""At 60×15, the smallest size the app supports, every dialog fits with its hint line on screen."""

from __future__ import annotations

import pytest
from pilot import started, until
from textual.widget import Widget

from timeline import bundled_path, load
from timeline.interop import formats
from tui.app import TimelineApp
from tui.screens import export
from tui.screens.dates import GotoDialog, RangeDialog
from tui.screens.export import ExportDialog
from tui.screens.help import HelpScreen
from tui.screens.links import LinkPicker
from tui.screens.picker import Picker

BUNDLED = load([bundled_path()]).timeline
#: The event with the most links: the tallest link list.
MOST_LINKED = max(range(len(BUNDLED.events)), key=lambda i: len(BUNDLED.links_of(i)))

DIALOGS = {
    "a": (Picker, "#picker-help"),
    "t": (Picker, "#picker-help"),
    "d": (RangeDialog, "#date-help"),
    "colon": (GotoDialog, "#date-help"),
    "question_mark": (HelpScreen, "#help-hint"),
    "e": (ExportDialog, "#export-help"),
    "l": (LinkPicker, "#links-help"),
}


def on_screen(widget: Widget, size: tuple[int, int]) -> bool:
    region = widget.region
    width, height = size
    return (
        region.height >= 1
        and region.width >= 1
        and region.x >= 0
        and region.y >= 0
        and (region.right <= width and region.bottom <= height)
    )


@pytest.mark.parametrize("key", list(DIALOGS))
async def test_every_dialog_fits_60_by_15_with_its_hint(key: str) -> None:
    kind, hint = DIALOGS[key]
    app = TimelineApp([bundled_path()], watch=False)
    size = (60, 15)
    async with app.run_test(size=size) as pilot:
        await started(app, pilot)
        app.state.select(MOST_LINKED)
        await pilot.press(key)
        assert await until(pilot, lambda: isinstance(app.screen, kind)), app.screen
        await pilot.pause()
        line = app.screen.query_one(hint)
        assert on_screen(line, size), (line.region, str(line.render()))
        assert str(line.render()).strip(), "the hint says something"
        # Its first words are within the dialog's width: not cut at the edge.
        assert line.content_region.width >= 20


async def test_the_export_dialog_fits_60_by_15_with_every_format() -> None:
    assert len(formats.EXPORTS) >= 6  # markdown, timelinejs, csv, json, ics, html
    app = TimelineApp([bundled_path()], watch=False)
    size = (60, 15)
    async with app.run_test(size=size) as pilot:
        await started(app, pilot)
        await pilot.press("e")
        assert await until(pilot, lambda: isinstance(app.screen, ExportDialog))
        await pilot.pause()
        dialog = app.screen
        choices = list(dialog.query(export.FormatChoice))
        assert [c.name for c in choices] == list(formats.EXPORTS)
        for widget in [*choices, dialog.query_one("#export-path"), dialog.query_one("#export-help")]:
            assert on_screen(widget, size), (widget, widget.region)
        # Every label whole: each choice is as wide as its mark and label need.
        assert all(c.region.width >= 5 + c.label.cell_length for c in choices)
