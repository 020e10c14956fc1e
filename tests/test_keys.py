"""The explorer's chronology keys, driven as a person would: d, :, n/N, l and Backspace, E, the
export dialog's failures, the footer at 80 columns, search highlights and keys typed in a burst."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest
from pilot import notifications, started
from textual.widgets import Input, Static

from timeline import bundled_path, load
from timeline.dates import parse_date
from tui.app import TimelineApp
from tui.screens.dates import GotoDialog, RangeDialog
from tui.screens.export import ExportDialog
from tui.screens.links import LinkPicker
from tui.widgets.detail import MATCH_STYLE, DetailPane
from tui.widgets.event_list import EventList
from tui.widgets.footer import Footer

BUNDLED = load([bundled_path()]).timeline


def make_app(paths: list[Path] | None = None) -> TimelineApp:
    return TimelineApp(paths or [bundled_path()], watch=False)


def status(app: TimelineApp) -> str:
    return str(app.query_one("#status", Static).render())


def index_of(event_id: str) -> int:
    return next(i for i, e in enumerate(BUNDLED.events) if e.id == event_id)


# -- d: a date range -------------------------------------------------------------------------
async def test_d_shows_a_range_in_the_status_line_and_escape_undoes_it() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        everything = len(app.shown)
        await pilot.press("d", *"March 2023", "tab", *"2023-04", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, RangeDialog)
        assert app.filter.date_from == parse_date("2023-03") and app.filter.date_to == parse_date("2023-04")
        kept = [BUNDLED.events[i] for i in app.shown]
        assert kept and all(e.when.last_day >= parse_date("2023-03").first_day for e in kept)
        assert all(e.when.first_day <= parse_date("2023-04").last_day for e in kept)
        assert len(kept) < everything
        assert "Mar 2023" in status(app) and "Apr 2023" in status(app)
        await pilot.press("escape")  # on the timeline: undo, like any filter
        await pilot.pause()
        assert len(app.shown) == everything and app.filter.date_from is None


async def test_d_refuses_a_range_that_ends_before_it_starts() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("d", *"2023", "tab", *"2020", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RangeDialog)
        assert "ends before it starts" in str(app.screen.query_one("#date-help", Static).render())
        assert app.filter.date_from is None


# -- : go to a date ------------------------------------------------------------------------------
async def test_colon_goes_to_the_first_event_on_or_after_a_date() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("colon", *"2023-07", "enter")
        await pilot.pause()
        chosen = app.query_one(EventList).selected
        assert chosen is not None
        day = parse_date("2023-07").first_day
        assert BUNDLED.events[chosen].when.first_day >= day
        assert all(BUNDLED.events[i].when.first_day < day for i in app.shown if i < chosen)


async def test_colon_past_the_last_event_says_so_and_stays() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        before = app.query_one(EventList).selected
        await pilot.press("colon", *"2090", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GotoDialog)
        assert "No shown event on or after 2090" in str(app.screen.query_one("#date-help", Static).render())
        await pilot.press("escape")
        assert app.query_one(EventList).selected == before


# -- n / N ------------------------------------------------------------------------------------------
async def test_n_and_shift_n_move_through_the_shown_events() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("slash", *"brussels", "enter")
        await pilot.pause()
        shown = list(app.shown)
        assert len(shown) >= 3
        await pilot.press("n", "n")
        assert app.query_one(EventList).selected == shown[2]
        await pilot.press("N")
        assert app.query_one(EventList).selected == shown[1]


# -- l and Backspace --------------------------------------------------------------------------------
async def test_l_follows_a_link_and_backspace_comes_back() -> None:
    start = index_of("baku-invitation-march-27")
    links = BUNDLED.links_of(start)
    assert links
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        app.state.select(start)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LinkPicker)
        await pilot.press("enter")  # the first link listed
        await pilot.pause()
        assert app.query_one(EventList).selected == links[0].target
        assert BUNDLED.events[links[0].target].title in app.query_one(DetailPane).content.plain
        await pilot.press("backspace")
        await pilot.pause()
        assert app.query_one(EventList).selected == start
        await pilot.press("L")  # forward again, as a browser does
        await pilot.pause()
        assert app.query_one(EventList).selected == links[0].target


async def test_following_a_link_the_filter_hides_clears_it_undoably(monkeypatch: pytest.MonkeyPatch) -> None:
    start = index_of("baku-invitation-march-27")
    target = BUNDLED.links_of(start)[0].target
    app = make_app()
    notes = notifications(app, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        # A search that keeps the start but not the target.
        app.set_filter(app.filter.with_(text="renews"))
        await pilot.pause()
        assert start in app.shown and target not in app.shown
        app.state.select(start)
        await pilot.press("l", "enter")
        await pilot.pause()
        assert app.query_one(EventList).selected == target
        assert any("filter hid that event" in n for n in notes)
        await pilot.press("escape")  # the cleared filter comes back
        await pilot.pause()
        assert app.filter.text == "renews"


async def test_l_on_an_event_without_links(monkeypatch: pytest.MonkeyPatch) -> None:
    lonely = next(i for i in range(len(BUNDLED.events)) if not BUNDLED.links_of(i))
    app = make_app()
    notes = notifications(app, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        app.state.select(lonely)
        await pilot.press("l")
        await pilot.pause()
        assert not isinstance(app.screen, LinkPicker)
        assert "This event has no links." in notes
        await pilot.press("backspace")
        assert "No link was followed: nothing to go back to." in notes


# -- E: the editor ----------------------------------------------------------------------------------
def fake_editor(tmp_path: Path, script: str) -> Path:
    editor = tmp_path / "fake-editor"
    editor.write_text(f"#!{sys.executable}\nimport sys, pathlib\n{script}\n", encoding="utf-8")
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    return editor


async def test_E_opens_the_editor_at_the_event_and_shows_what_was_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(bundled_path().read_text(encoding="utf-8"), encoding="utf-8")
    loaded = load([path]).timeline
    chosen = index_of("trilateral-statement")
    event = loaded.events[chosen]
    record = tmp_path / "args"
    # The editor records its arguments, then renames the event as a person would.
    editor = fake_editor(
        tmp_path,
        f"pathlib.Path({str(record)!r}).write_text(repr(sys.argv[1:]))\n"
        "p = pathlib.Path(sys.argv[2])\n"
        f"p.write_text(p.read_text().replace({event.title!r}, 'Renamed in the editor'))",
    )
    monkeypatch.setenv("VISUAL", str(editor))
    app = make_app([path])
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        app.state.select(chosen)
        await pilot.press("E")
        await started(app, pilot)
        assert record.read_text() == repr([f"+{event.line}", str(path)])
        assert path.read_text().splitlines()[event.line - 1].lstrip().startswith("- id: trilateral-statement")
        selected = app.query_one(EventList).selected
        assert selected is not None and app.timeline is not None
        assert app.timeline.events[selected].id == "trilateral-statement"  # the selection kept
        assert app.timeline.events[selected].title == "Renamed in the editor"


async def test_E_without_an_editor_says_how_to_set_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "no-such-editor-here")
    path = tmp_path / "t.yaml"  # a file of the user's (the installed bundled one is refused)
    path.write_text(bundled_path().read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app([path])
    notes = notifications(app, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("E")
        await pilot.pause()
    assert any("no-such-editor-here" in n and "PATH" in n for n in notes)


# -- the export dialog's failures -----------------------------------------------------------------
@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux's /proc")
async def test_a_failed_export_keeps_the_dialog_open_with_the_real_reason(tmp_path: Path) -> None:
    app = TimelineApp([bundled_path()], watch=False, folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        field = dialog.query_one("#export-path", Input)
        field.value = "/proc/timeline-export.md"
        await pilot.press("enter")
        await started(app, pilot)
        assert app.screen is dialog  # still open, with the path to correct
        said = str(dialog.query_one("#export-help", Static).render())
        assert "does not take new files" in said and "No such file" not in said
        field.value = str(tmp_path / "fixed.md")
        await pilot.press("enter")
        await started(app, pilot)
        assert not isinstance(app.screen, ExportDialog)
    assert (tmp_path / "fixed.md").read_text(encoding="utf-8").startswith("# ")


# -- the footer ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("width", [60, 70, 80, 100, 120])
@pytest.mark.parametrize("in_detail", [False, True])
async def test_the_footer_keeps_help_and_quit(width: int, in_detail: bool) -> None:
    app = make_app()
    async with app.run_test(size=(width, 24)) as pilot:
        await started(app, pilot)
        if in_detail:  # the detail pane's own keys come first in the footer
            await pilot.press("tab")
            await pilot.pause()
            assert isinstance(app.focused, DetailPane)
        # Queried by the widget's type name, which Textual's CSS uses too (the class is private).
        keys = {key.key: key for key in app.screen.query("FooterKey")}  # type: ignore[attr-defined]
        for key in ("question_mark", "q"):
            assert key in keys, sorted(keys)
            assert keys[key].region.right <= width and keys[key].region.width > 0
        # Below 70 columns the palette's key gives way to them (Ctrl+P still opens the palette).
        assert ("ctrl+p" in keys) == (width >= Footer.PALETTE_FROM), sorted(keys)


# -- search highlights ---------------------------------------------------------------------------
async def test_search_words_are_marked_in_the_rows_and_the_detail_pane() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        # a word near the start of titles, so the rows show it whole ("Brussels meeting of …")
        await pilot.press("slash", *"brussels", "enter")
        await pilot.pause()
        events = app.query_one(EventList)
        marked = []
        for y in range(events.size.height):
            strip = events.render_line(y)
            for segment in strip:
                if (
                    segment.style is not None
                    and segment.style.underline
                    and "brussels" in segment.text.lower()
                ):
                    marked.append(segment.text)
        assert marked and all(m.lower() == "brussels" for m in marked)
        content = app.query_one(DetailPane).content
        spans = [content.plain[s.start : s.end] for s in content.spans if s.style == MATCH_STYLE]
        assert spans and {s.lower() for s in spans} == {"brussels"}
        await pilot.press("c")  # no search: nothing marked
        await pilot.pause()
        content = app.query_one(DetailPane).content
        assert not [s for s in content.spans if s.style == MATCH_STYLE]


# -- keys typed in one burst ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("key", "dialog", "field"),
    [
        ("d", RangeDialog, "#range-from"),
        ("colon", GotoDialog, "#goto-date"),
        ("e", ExportDialog, "#export-path"),
    ],
)
async def test_keys_right_behind_a_dialog_key_reach_its_field(key: str, dialog: type, field: str) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press(key, *"1991")  # no pause between them
        await pilot.pause()
        assert isinstance(app.screen, dialog)
        assert "1991" in app.screen.query_one(field, Input).value


# -- a whole burst at once (a paste, a slow link): keys posted with no pause between them ----------
async def burst(app: TimelineApp, pilot, keys: list[str]) -> None:  # type: ignore[no-untyped-def]
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else {"space": " "}.get(key)))
    await pilot.pause()
    await pilot.pause()


async def test_a_burst_through_the_range_dialog_fills_both_fields() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await burst(app, pilot, ["d", *"2023", "tab", *"2024", "enter"])
        assert not isinstance(app.screen, RangeDialog)
        assert app.filter.date_from == parse_date("2023") and app.filter.date_to == parse_date("2024")


@pytest.mark.parametrize(
    ("keys", "actor"),
    [
        (["a", *"united", "tab", "enter"], "united-states"),
        (["a", *"united", "space", *"states", "enter"], "united-states"),
        (["a", *"russia", "enter"], "russia"),
    ],
)
async def test_a_burst_through_the_picker_takes_the_row_the_text_picks(keys: list[str], actor: str) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await burst(app, pilot, keys)
        assert app.filter.actors == frozenset({actor})


async def test_E_on_the_installed_bundled_timeline_says_to_copy_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tui.app.installed_copy", lambda path: True)
    monkeypatch.setenv("VISUAL", "no-such-editor-here")
    app = make_app()
    notes = notifications(app, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("E")
        await pilot.pause()
    assert any(n.startswith("This is the copy of the bundled timeline") and "cp " in n for n in notes)
    assert not any("no-such-editor-here" in n for n in notes)  # no editor was tried
