"""The app's export dialog lets the user pick the format; the file follows it (Pilot tests)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from pilot import closed, started, until
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, RadioButton, RadioSet, Static

from timeline import bundled_path
from timeline.interop.export import export_text
from timeline.interop.formats import DEFAULT_EXPORT, EXPORTS, FORMATS
from tui.app import TimelineApp
from tui.screens.export import ExportDialog


async def export_dialog(app: TimelineApp, pilot: Pilot[Any]) -> tuple[ExportDialog, Input]:
    """``e`` pressed: the export dialog, and its file name field."""
    await pilot.press("e")
    dialog = app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog, dialog.query_one(Input)


async def test_export_dialog_picks_the_format_and_the_extension_follows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = TimelineApp([bundled_path()], None, watch=False, folder=tmp_path)
    notes: list[str] = []
    notify = app.notify
    monkeypatch.setattr(
        app, "notify", lambda message, *a, **k: (notes.append(message), notify(message, *a, **k))
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("a", *"russia", "enter")
        await closed(pilot)
        dialog, field = await export_dialog(app, pilot)
        assert field.value.endswith(".md")
        # Focus the format choice, move to "TimelineJS" and choose it (Space: Enter would write).
        dialog.query_one(RadioSet).focus()
        await pilot.press("right", "space")
        await pilot.pause()
        assert dialog.format == "timelinejs"
        assert field.value == app.state.export_name("timelinejs") and "russia" in field.value
        assert "as TimelineJS" in str(dialog.query_one("#export-title", Static).render())
        await pilot.press("right", "space")  # CSV sheet
        await pilot.pause()
        assert dialog.format == "csv" and field.value.endswith(".csv")
        field.focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = tmp_path / field.value
        assert app.timeline is not None
        expected = export_text("csv", app.timeline, app.shown, app.filter)
        assert written.read_bytes() == expected.encode("utf-8")
        rows = list(csv.DictReader(io.StringIO(written.read_text("utf-8-sig"), newline="")))
        assert [r["Type"] for r in rows] == ["title"] + ["era"] * len(app.timeline.eras) + [""] * len(
            app.shown
        )
        assert any(f"Exported {len(app.shown)} events" in n for n in notes)


async def test_export_dialog_json_writes_the_view_as_json(tmp_path: Path) -> None:
    app = TimelineApp([bundled_path()], None, watch=False, folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        dialog, _ = await export_dialog(app, pilot)
        dialog.query_one(RadioSet).focus()
        await pilot.press("right", "right", "right", "space")
        await pilot.pause()
        field = dialog.query_one(Input)
        assert dialog.format == "json" and field.value.endswith(".json")
        field.focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        doc = json.loads((tmp_path / field.value).read_text("utf-8"))
        assert doc["version"] == 1 and len(doc["events"]) == len(app.shown)


async def test_export_dialog_offers_the_tables_formats_each_with_its_own_name(tmp_path: Path) -> None:
    app = TimelineApp([bundled_path()], None, watch=False, folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        dialog, _ = await export_dialog(app, pilot)
        buttons = list(dialog.query(RadioButton))
        # Every export format of the table, in its order and with its label, and nothing else.
        assert [b.name for b in buttons] == list(EXPORTS)
        assert [str(b.label) for b in buttons] == [FORMATS[f].label for f in EXPORTS]
        field = dialog.query_one(Input)
        assert dialog.format == DEFAULT_EXPORT and field.value == app.state.export_name()
        names: dict[str, str] = {}
        dialog.query_one(RadioSet).focus()
        for fmt in EXPORTS[1:]:
            await pilot.press("right", "space")
            await pilot.pause()
            assert dialog.format == fmt
            names[fmt] = field.value
            assert field.value == app.state.export_name(fmt)
        assert len(set(names.values())) == len(names)  # TimelineJS JSON and JSON are told apart


async def test_enter_on_the_format_row_chooses_the_highlighted_format_and_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the toast names the file as the shell started here would
    app = TimelineApp([bundled_path()], None, watch=False, folder=tmp_path)
    notes: list[str] = []
    notify = app.notify
    monkeypatch.setattr(
        app, "notify", lambda message, *a, **k: (notes.append(message), notify(message, *a, **k))
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        dialog, field = await export_dialog(app, pilot)
        dialog.query_one(RadioSet).focus()
        await pilot.press("right", "right")  # the CSV sheet: highlighted is chosen
        assert await until(pilot, lambda: dialog.format == "csv")
        await pilot.press("enter")
        await closed(pilot)
        written = tmp_path / app.state.export_name("csv")
        assert written.exists() and field.value == written.name
        assert app.timeline is not None
        assert written.read_bytes() == export_text("csv", app.timeline, app.shown, app.filter).encode()
        # The toast names the format and the file, the file whole on a line of its own.
        note = next(n for n in notes if n.startswith("Exported"))
        assert FORMATS["csv"].title in note and note.splitlines()[-1] == written.name, note


async def test_the_chosen_format_shows_without_colour(tmp_path: Path) -> None:
    app = TimelineApp([bundled_path()], None, watch=False, folder=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        dialog, _ = await export_dialog(app, pilot)

        def marks() -> list[str]:
            return [str(b.render())[:3] for b in dialog.query(RadioButton)]

        assert marks() == ["(•)"] + ["( )"] * (len(EXPORTS) - 1)
        dialog.query_one(RadioSet).focus()
        await pilot.press("right", "space")
        await pilot.pause()
        assert marks() == ["( )", "(•)"] + ["( )"] * (len(EXPORTS) - 2)


@pytest.mark.parametrize(
    ("typed", "fmt", "name"),
    [
        ("talks.html", "html", "talks.html"),  # over the stem: the extension typed, not .md behind it
        ("talks.md", "markdown", "talks.md"),  # not talks.md.md
        ("war.timelinejs.json", "timelinejs", "war.timelinejs.json"),
        ("plain", "markdown", "plain.md"),  # no extension typed: the chosen format's stays
    ],
)
async def test_a_name_typed_with_an_extension_chooses_its_format(
    tmp_path: Path, typed: str, fmt: str, name: str
) -> None:
    """The dialog selects the proposed name's stem, to type over: a whole name typed there,
    extension and all, is the file written, in the format its extension names, Enter right behind
    the last key included."""
    app = TimelineApp([bundled_path()], None, watch=False, folder=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        _, field = await export_dialog(app, pilot)
        await pilot.press(*typed, "enter")
        await closed(pilot)
        written = tmp_path / name
        assert sorted(p.name for p in tmp_path.iterdir()) == [name]
        assert app.timeline is not None
        assert written.read_bytes() == export_text(fmt, app.timeline, app.shown, app.filter).encode()
        assert field.value == name


async def test_changing_the_extension_chooses_the_format_and_the_next_export_offers_it(
    tmp_path: Path,
) -> None:
    app = TimelineApp([bundled_path()], None, watch=False, folder=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        dialog, field = await export_dialog(app, pilot)
        await pilot.press("end", "backspace", "backspace", *"ics")  # events.md -> events.ics
        assert await until(pilot, lambda: dialog.format == "ics")
        assert await until(pilot, lambda: [b.name for b in dialog.query(RadioButton) if b.value] == ["ics"])
        assert "as iCalendar" in str(dialog.query_one("#export-title", Static).render())
        await pilot.press("enter")
        await closed(pilot)
        assert (tmp_path / app.state.export_name("ics")).read_text("utf-8").startswith("BEGIN:VCALENDAR")
        assert field.value == app.state.export_name("ics")
        # the next export offers the format just written, with its name
        again, again_field = await export_dialog(app, pilot)
        assert again is not dialog
        assert again.format == "ics" and again_field.value == app.state.export_name("ics")
        assert [b.name for b in again.query(RadioButton) if b.value] == ["ics"]
        assert "as iCalendar" in str(again.query_one("#export-title", Static).render())


@pytest.mark.parametrize(
    ("first", "burst", "fmt", "name"),
    [
        ("markdown", "talks.html", "html", "talks.html"),
        # no format's extension at the end of what was typed: the chosen format's stays behind it
        ("markdown", "n1.html.txt", "markdown", "n1.html.txt.md"),
        ("html", "x.md.txt", "html", "x.md.txt.html"),
        ("json", "t.timelinejs", "timelinejs", "t.timelinejs.json"),
    ],
)
async def test_keys_typed_faster_than_the_dialog_follows_are_all_kept(
    tmp_path: Path, first: str, burst: str, fmt: str, name: str
) -> None:
    """A burst of keys (a paste, a fast typist) reaches the field before the dialog has looked at
    the name they make: none is lost or moved, and the file written is the name and the format
    the dialog shows."""
    app = TimelineApp([bundled_path()], None, watch=False, folder=tmp_path)
    app.export_format = first
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        dialog, field = await export_dialog(app, pilot)
        for char in burst:  # all queued at once: none waits for the one before to be handled
            field.post_message(events.Key(char, char))
        assert await until(pilot, lambda: field.value == name and dialog.format == fmt)
        assert await until(pilot, lambda: [b.name for b in dialog.query(RadioButton) if b.value] == [fmt])
        await pilot.press("enter")
        await closed(pilot)
        assert [p.name for p in tmp_path.iterdir()] == [name]
        assert app.timeline is not None
        expected = export_text(fmt, app.timeline, app.shown, app.filter)
        assert (tmp_path / name).read_bytes() == expected.encode()


async def test_the_dialog_opened_on_a_format_selects_the_stem_and_moves_on_from_it(tmp_path: Path) -> None:
    """Offered first (the last format written), TimelineJS's name has its whole extension left out
    of the selection (".timelinejs.json", not ".json"), and the arrows move on from it."""
    app = TimelineApp([bundled_path()], None, watch=False, folder=tmp_path)
    app.export_format = "timelinejs"
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        dialog, field = await export_dialog(app, pilot)
        assert field.value == app.state.export_name("timelinejs")
        assert field.selected_text + ".timelinejs.json" == field.value
        await pilot.press("u")
        assert await until(pilot, lambda: field.value == "u.timelinejs.json")
        assert dialog.format == "timelinejs"
        dialog.query_one(RadioSet).focus()
        await pilot.press("right")  # the format after TimelineJS, not the one after Markdown
        after = EXPORTS[EXPORTS.index("timelinejs") + 1]
        assert await until(pilot, lambda: dialog.format == after)
        assert field.value == "u" + FORMATS[after].extension
