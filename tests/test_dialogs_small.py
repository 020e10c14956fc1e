"""At 60×15, the smallest size the app supports, every dialog fits with its hint line on screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pilot import closed, notifications, settled, started, until
from textual.widget import Widget
from textual.widgets import Input, Static

from timeline import bundled_path, load
from timeline.filters import FilterSpec
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


async def test_the_arrows_on_the_formats_choose_what_enter_writes(tmp_path: Path) -> None:
    """At 60×15 with an actor chosen: ``e``, Tab, → names TimelineJS everywhere (title, ``(•)``,
    the file's extension) and Enter writes TimelineJS: what is highlighted is what is chosen."""
    app = TimelineApp([bundled_path()], FilterSpec(actors=("Russia",)), watch=False, folder=tmp_path)
    async with app.run_test(size=(60, 15)) as pilot:
        await started(app, pilot)
        await pilot.press("e")
        assert await until(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        field = dialog.query_one(Input)
        await pilot.press("tab")
        assert await until(pilot, lambda: isinstance(app.focused, export.FormatSet)), app.focused
        for key, fmt in [("right", "timelinejs"), ("right", "csv"), ("left", "timelinejs")]:
            await pilot.press(key)
            label = formats.FORMATS[fmt].label
            assert await until(pilot, lambda fmt=fmt: dialog.format == fmt), (key, dialog.format)
            highlighted = [c.name for c in dialog.query(export.FormatChoice) if c.has_class("-selected")]
            chosen = [c.name for c in dialog.query(export.FormatChoice) if c.value]
            assert highlighted == chosen == [fmt]
            assert str(dialog.query_one("#export-title", Static).render()).endswith(f"as {label}")
            assert field.value == app.state.export_name(fmt)
        await pilot.press("enter")
        await closed(pilot)
        written = tmp_path / app.state.export_name("timelinejs")
        assert json.loads(written.read_text("utf-8"))["events"], "TimelineJS's JSON"


async def test_the_file_name_field_shows_the_end_of_the_name() -> None:
    """A name wider than the field shows its end (the extension, the part that changes with the
    format), whichever format is chosen."""
    app = TimelineApp([bundled_path()], FilterSpec(actors=("Russia",)), watch=False)
    async with app.run_test(size=(60, 15)) as pilot:
        await started(app, pilot)
        await pilot.press("e")
        assert await until(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        field = dialog.query_one(Input)
        assert len(field.value) > field.content_region.width, "the name is wider than the field"

        def shown() -> str:
            return field.render_line(0).text.strip()

        assert await until(pilot, lambda: shown().endswith(".md")), shown()
        await pilot.press("tab", "right")
        assert await until(pilot, lambda: dialog.format == "timelinejs")
        assert await until(pilot, lambda: shown().endswith(".timelinejs.json")), shown()
        await pilot.press("right")
        assert await until(pilot, lambda: shown().endswith(".csv")), shown()
        # Back in the field, the stem is still selected to be typed over; the end still shows.
        await pilot.press("tab")
        assert await until(pilot, lambda: app.focused is field)
        assert shown().endswith(".csv"), shown()


@pytest.mark.parametrize("size", [(60, 15), (120, 40)])
async def test_the_link_hint_fits_on_one_line_and_names_every_key(size: tuple[int, int]) -> None:
    """At 60×15 the link list's hint is one line within the dialog, ``esc cancel`` included
    (shorter words than at 120 columns, never cut)."""
    app = TimelineApp([bundled_path()], watch=False)
    async with app.run_test(size=size) as pilot:
        await started(app, pilot)
        app.state.select(MOST_LINKED)
        await pilot.press("l")
        assert await until(pilot, lambda: isinstance(app.screen, LinkPicker))
        hint = app.screen.query_one("#links-help")
        await settled(pilot, lambda hint=hint: str(hint.render()))
        words = str(hint.render())
        assert hint.region.height == 1 and on_screen(hint, size), (size, hint.region, words)
        assert len(words) <= hint.content_region.width, (size, words)
        assert "enter go" in words and words.endswith("esc cancel"), (size, words)
        if size == (120, 40):
            assert "backspace later comes back" in words, words


@pytest.mark.parametrize("size", [(60, 15), (120, 40)])
async def test_the_date_fields_examples_end_with_a_whole_example(size: tuple[int, int]) -> None:
    """The date fields' examples, cut to the field's width, end with a whole example and ``…``."""
    examples = {"2023", "2023-07", "1 Aug 2023", "early July 2023", "c. 1988", "300 BC"}
    app = TimelineApp([bundled_path()], watch=False)
    async with app.run_test(size=size) as pilot:
        await started(app, pilot)
        await pilot.press("d")
        assert await until(pilot, lambda: isinstance(app.screen, RangeDialog))
        for field in app.screen.query(Input):
            await settled(pilot, lambda field=field: field.render_line(0).text)
            shown = field.render_line(0).text.strip()
            assert shown.endswith("…"), (size, shown)
            assert all(e in examples for e in shown.removesuffix("…").split(", ")), (size, shown)
            if size == (120, 40):
                assert "300 BC" in shown, shown


async def test_enter_right_behind_the_arrow_writes_the_format_the_arrow_chose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys typed fast (``Tab → Enter`` in one burst): Enter arrives before the format set's
    message that → chose TimelineJS. The file is still TimelineJS, named so, and the toast
    says what was written."""
    app = TimelineApp([bundled_path()], FilterSpec(actors=("Russia",)), watch=False, folder=tmp_path)
    shown = notifications(app, monkeypatch)
    async with app.run_test(size=(60, 15)) as pilot:
        await started(app, pilot)
        await pilot.press("e")
        assert await until(pilot, lambda: isinstance(app.screen, ExportDialog))
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        formats_set = dialog.query_one(export.FormatSet)
        formats_set.focus()
        formats_set.action_move(1)  # → and Enter in the same moment: no message handled between
        dialog.action_write()
        await closed(pilot)
        name = app.state.export_name("timelinejs")
        assert sorted(p.name for p in tmp_path.iterdir()) == [name]
        assert json.loads((tmp_path / name).read_text("utf-8"))["events"]
        assert any("TimelineJS" in n and n.endswith(name) for n in shown), shown
