"""The explorer driven as a person would: keys, mouse, dialogs, reload, hostile text."""

from __future__ import annotations

import gc
import textwrap
import threading
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pilot import closed, notifications, settled, started, until
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static

from timeline import Filter, FilterSpec, bundled_path, load
from timeline.cache import cache_dir
from timeline.markdown import to_markdown
from tui import compat
from tui.app import SearchBar, TimelineApp
from tui.screens.export import ExportDialog
from tui.screens.help import HelpScreen
from tui.screens.picker import Picker
from tui.widgets.detail import DetailPane
from tui.widgets.event_list import EventList
from tui.widgets.overview import Overview

BUNDLED = load([bundled_path()]).timeline

T = TypeVar("T")


def status(app: TimelineApp) -> str:
    return str(app.query_one("#status", Static).render())


def detail(app: TimelineApp) -> str:
    return app.query_one(DetailPane).content.plain


def event_list_line(app: TimelineApp, y: int) -> str:
    return app.query_one(EventList).render_line(y).text


def selected_title(app: TimelineApp) -> str:
    index = app.query_one(EventList).selected
    assert index is not None and app.timeline is not None
    return app.timeline.events[index].title


def small_timeline(tmp_path: Path, titles: list[str] | None = None, name: str = "t.yaml") -> Path:
    titles = titles or ["Alpha meeting", "Beta statement", "Gamma war"]
    events = []
    for n, title in enumerate(titles, 1):
        events.append(
            f"""
  - id: e{n}
    date: "{2000 + n * 5}-0{n}"
    title: {title!r}
    kind: statement
    actors: [{"az" if n % 2 else "nk"}]
    summary: Summary of event {n}.
    sources: [s1]
"""
        )
    text = textwrap.dedent(
        """\
        title: Small
        actors:
          az: {name: Azerbaijan, short: AZ, aliases: [Baku]}
          nk: {name: Nagorno-Karabakh, short: NK, aliases: [Stepanakert]}
        sources:
          s1: {title: Src, publisher: Pub, date: "2023", url: "https://example.org/src"}
        events:
        """
    ) + "".join(events)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def make_app(
    paths: list[Path] | None = None, spec: FilterSpec | None = None, folder: Path | None = None
) -> TimelineApp:
    return TimelineApp(paths or [bundled_path()], spec, watch=False, folder=folder)


def hold_loading(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Make the app's loads run in the background and wait until the returned event is set."""
    import tui.loading as loading

    real_load = loading.load
    release = threading.Event()

    def held_load(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(10)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(loading, "load", held_load)
    monkeypatch.setattr(loading, "SYNC_LOAD_BYTES", 0)  # however small the file, load it in the background
    return release


def on_each_frame(app: TimelineApp, note: Callable[[Screen[Any]], T]) -> list[T]:
    """What ``note`` says of the screen at each frame the app draws, as it draws it."""
    noted: list[T] = []
    compat.on_each_frame(app, lambda screen: noted.append(note(screen)))
    return noted


async def test_opens_on_the_bundled_timeline_with_the_first_event_selected() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        total = len(BUNDLED.events)
        assert status(app).startswith(f"{total} of {total} events")
        assert selected_title(app) == BUNDLED.events[0].title
        assert BUNDLED.events[0].title in detail(app)
        assert app.focused is app.query_one(EventList)
    assert gc.get_freeze_count() == 0  # nothing is moved out of the collector's sight for good


async def test_moving_with_keys() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        events = BUNDLED.events
        await pilot.press("j", "j")
        assert selected_title(app) == events[2].title
        await pilot.press("k")
        assert selected_title(app) == events[1].title
        await pilot.press("down", "up", "down")
        assert selected_title(app) == events[2].title
        await pilot.press("G")
        assert selected_title(app) == events[-1].title
        assert events[-1].title in detail(app)
        await pilot.press("g")
        assert selected_title(app) == events[0].title
        await pilot.press("pagedown")
        assert app.query_one(EventList).cursor > 5
        await pilot.press("pageup")
        assert app.query_one(EventList).cursor == 0


async def test_year_jumps() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        years = [e.when.start.year for e in BUNDLED.events]
        await pilot.press("right_square_bracket")
        index = app.query_one(EventList).selected
        assert index is not None
        assert years[index] == sorted(set(years))[1]
        assert years[index - 1] != years[index]  # landed on the first event of that year
        await pilot.press("right_square_bracket", "left_square_bracket")
        assert app.query_one(EventList).selected == index


async def test_search_filters_as_you_type_enter_keeps_escape_cancels() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        total = len(BUNDLED.events)
        await pilot.press("slash")
        assert app.query_one(SearchBar).display
        await pilot.press(*"yevlakh")
        expected = [e for e in BUNDLED.events if "yevlakh" in (e.title + e.summary + e.location).casefold()]
        assert 0 < len(app.shown) < total
        assert len(app.shown) >= len(expected)
        assert 'search: "yevlakh"' in status(app)
        await pilot.press("enter")
        assert not app.query_one(SearchBar).display
        assert app.focused is app.query_one(EventList)
        kept = len(app.shown)
        await pilot.press("slash", "x", "escape")  # cancel restores the kept search
        assert len(app.shown) == kept
        assert 'search: "yevlakh"' in status(app)
        await pilot.press("escape")  # on the timeline: undo the search
        assert len(app.shown) == total


async def test_actor_picker_tab_toggles_enter_applies() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        picker = app.screen
        assert isinstance(picker, Picker)
        await pilot.press(*"russ")
        labels = [str(o.prompt) for o in picker.query_one(OptionList).options]
        assert "Russia" in labels[0]  # the best match first, as the command palette ranks it
        await pilot.press("tab")
        assert picker.chosen == {"russia"}
        await pilot.press("space", "x")  # typed: the field is not empty
        assert picker.query_text == "russ x" and picker.chosen == {"russia"}
        await pilot.press("enter")
        assert not isinstance(app.screen, Picker)
        assert app.filter.actors == {"russia"}
        assert all("russia" in BUNDLED.events[i].actors for i in app.shown)
        assert status(app).startswith(f"{len(app.shown)} of {len(BUNDLED.events)} events · actor: Russia")


async def test_a_chosen_actor_is_told_from_the_others_without_colour(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The picker's boxes: an X for a chosen row, empty for the others, not a shade alone."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("a")
        picker = app.screen
        assert isinstance(picker, Picker)
        await pilot.press(*"russ", "tab")
        assert await until(pilot, lambda: picker.chosen == {"russia"})
        rows = picker.query_one(OptionList)
        await pilot.press("ctrl+u")  # every actor again, Russia still chosen
        assert await until(pilot, lambda: len(rows.options) == len(BUNDLED.actors))
        lines = [rows.render_line(y).text for y in range(len(rows.options))]
        boxes = [line[:3] for line in lines]
        assert set(boxes) == {"▐X▌", "▐ ▌"} and boxes.count("▐X▌") == 1, lines
        assert "Russia" in lines[boxes.index("▐X▌")]


async def test_the_pickers_take_spaces_and_enter_alone_changes_nothing() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("a", *"united states", "enter")
        await closed(pilot)
        assert app.filter.actors == {"united-states"}
        await pilot.press("a", "enter")  # the checked actor stays checked
        await closed(pilot)
        assert app.filter.actors == {"united-states"} and len(app.state.history) == 1
        await pilot.press("t", *"tag: mediat", "enter")
        await closed(pilot)
        assert app.filter.tags == {"mediation"}
        await pilot.press("t", "enter")
        await closed(pilot)
        assert app.filter.tags == {"mediation"} and len(app.state.history) == 2
        # Space toggles only while the field is empty; once toggled, Enter applies just what is checked.
        # (Clear is the list's key, "a" the app's: typed together, "a" may be handled first.)
        await pilot.press("c")
        assert await until(pilot, lambda: not app.filter.actors and not app.filter.tags)
        await pilot.press("a", "space")
        picker = app.screen
        assert isinstance(picker, Picker) and picker.query_text == "" and len(picker.chosen) == 1
        first = next(iter(picker.chosen))
        await pilot.press("down", "enter")
        assert app.filter.actors == {first}


async def test_a_search_that_finds_nothing_shows_no_rows_and_the_keys_still_work() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        await pilot.press("slash", *"qqqzzz", "enter")
        await pilot.pause()
        assert status(app).startswith(f"0 of {len(BUNDLED.events)} events")
        await pilot.press("w", "j", "G", "bracketleft", "w")  # wrapped and not, moving: nothing to draw
        await pilot.pause()
        assert app.is_running and len(app.shown) == 0
        await pilot.press("escape")  # undo: every event again
        await pilot.pause()
        assert len(app.shown) == len(BUNDLED.events)


async def test_a_timeline_with_no_actors_says_so_instead_of_an_empty_picker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline.interop.importer import import_text

    data = Path(__file__).parent / "data" / "timelinejs" / "houston.json"  # TimelineJS's own example
    text, _, _ = import_text(data.name, data.read_bytes())
    path = tmp_path / "houston.yaml"
    path.write_text(text, encoding="utf-8")
    app = make_app([path])
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        shown = notifications(app, monkeypatch)
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, Picker)
        assert shown == ["This timeline names no actors: there is nothing to filter by."]
        await pilot.press("t")  # its groups became tags: that picker opens
        await pilot.pause()
        assert isinstance(app.screen, Picker)


async def test_actor_picker_enter_alone_picks_highlighted_and_escape_cancels() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("a", *"armenia", "enter")
        assert app.filter.actors == {"armenia"}
        await pilot.press("a", *"russia", "space", "escape")
        assert app.filter.actors == {"armenia"}


async def test_picker_counts_say_what_adding_each_would_show() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("a", *"russia", "enter")
        await closed(pilot)
        await pilot.press("a")
        picker = app.screen
        assert isinstance(picker, Picker)
        counts = {c.key: c.count for c in picker.choices}
        assert counts["russia"] == len(app.shown)
        # Adding Armenia to "any of" Russia would show Russia's events and Armenia's together.
        both = Filter(actors=frozenset({"russia", "armenia"})).apply(BUNDLED)
        assert counts["armenia"] == len(both) > len(app.shown)


async def test_match_any_or_all_actors() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("a", *"russia", "tab", *["backspace"] * 6, *"armenia", "tab", "enter")
        assert app.filter.actors == {"russia", "armenia"}
        any_count = len(app.shown)
        await pilot.press("m")
        assert app.filter.match == "all"
        all_count = len(app.shown)
        assert all_count < any_count
        for i in app.shown:
            assert {"russia", "armenia"} <= set(BUNDLED.events[i].actors)
        assert "Armenia and Russia" in status(app)
        if not app.shown:  # an empty view says so in the timeline pane
            assert "No event matches" in event_list_line(app, 0)


async def test_tags_and_kinds_picker() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("t", *"kind:meeting", "enter")
        assert app.filter.kinds == {"meeting"}
        assert app.shown and all(BUNDLED.events[i].kind == "meeting" for i in app.shown)
        assert "kind: meeting" in status(app)


async def test_clear_and_undo() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        total = len(BUNDLED.events)
        await pilot.press("a", *"russia", "enter")
        russia = len(app.shown)
        await pilot.press("t", *"kind:meeting", "enter")
        both = len(app.shown)
        assert both <= russia < total
        await pilot.press("escape")
        assert len(app.shown) == russia and not app.filter.kinds
        await pilot.press("c")
        assert len(app.shown) == total
        assert status(app) == f"{total} of {total} events"
        await pilot.press("escape")
        assert len(app.shown) == russia


async def test_command_line_filters_are_applied_on_open() -> None:
    app = make_app(spec=FilterSpec(actors=("Baku",), text="talks"))
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        assert app.filter.actors == {"azerbaijan"}
        assert app.filter.text == "talks"
        assert 'actor: Azerbaijan · search: "talks"' in status(app)
        await pilot.press("escape")  # undone like any other change
        assert not app.filter.active and len(app.shown) == len(BUNDLED.events)


async def test_unknown_actor_on_the_command_line_exits_with_a_message() -> None:
    app = make_app(spec=FilterSpec(actors=("Atlantis",)))
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
    assert app.return_code == 2
    assert "unknown actor 'Atlantis'" in app.exit_message
    assert "Azerbaijan" in app.exit_message


async def test_export_dialog_writes_the_view_and_confirms_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(folder=tmp_path)
    notes = notifications(app, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("a", *"russia", "enter")
        await closed(pilot)
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        proposed = dialog.query_one(Input).value
        assert proposed.endswith(".md") and "russia" in proposed
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = tmp_path / proposed
        assert written.read_text(encoding="utf-8") == to_markdown(BUNDLED, app.shown, app.filter)
        assert any(f"Exported {len(app.shown)} events" in n for n in notes)
        # Again: the file exists now, so the first Enter only asks.
        written.write_text("precious", encoding="utf-8")
        await pilot.press("e", "enter")
        assert isinstance(app.screen, ExportDialog)
        assert written.read_text(encoding="utf-8") == "precious"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert written.read_text(encoding="utf-8").startswith("# ")


async def test_export_dialog_escape_writes_nothing(tmp_path: Path) -> None:
    app = make_app(folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("e", "escape")
        await closed(pilot)
        await app.workers.wait_for_complete()
        assert list(tmp_path.iterdir()) == []
        assert not isinstance(app.screen, ExportDialog)


async def test_copy_event_and_view(monkeypatch: pytest.MonkeyPatch) -> None:
    copied: list[str] = []
    app = make_app()
    notes = notifications(app, monkeypatch)
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("j", "y")
        assert copied[-1].startswith("### ")
        assert BUNDLED.events[1].title.split()[0] in copied[-1]
        # No clipboard tool here: the claim is a request to the terminal, and the file it was saved to.
        saved = cache_dir() / f"{BUNDLED.events[1].id}.md"
        assert saved.read_text(encoding="utf-8") == copied[-1]
        assert not any(n.startswith("Copied") for n in notes)
        assert any("OSC 52" in n and str(saved) in n for n in notes)
        await pilot.press("a", *"russia", "enter")
        await closed(pilot)
        await pilot.press("Y")
        assert copied[-1] == to_markdown(BUNDLED, app.shown, app.filter)


async def test_copy_through_a_clipboard_tool_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    copied: list[str] = []
    out = tmp_path / "clipboard"
    monkeypatch.setattr("tui.handoff.clipboard_tools", lambda: [["sh", "-c", f"cat > {out}"]])
    app = make_app()
    notes = notifications(app, monkeypatch)
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("y")
        await pilot.pause()
    assert out.read_text(encoding="utf-8").startswith("### ")
    assert copied == []  # the tool took it: no OSC 52 request as well
    assert "Copied the event to the clipboard (sh)." in notes


async def test_open_source_opens_the_first_url(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []

    def browser(url: str) -> str:
        opened.append(url)
        return "firefox"

    monkeypatch.setattr("tui.app.open_link", browser)
    app = make_app()
    notes = notifications(app, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("o")
        first = BUNDLED.sources[BUNDLED.events[0].sources[0]].url
        assert opened == [first]
        assert f"Opened in firefox: {first}" in notes


async def test_open_source_without_a_browser_offers_the_link(monkeypatch: pytest.MonkeyPatch) -> None:
    copied: list[str] = []
    monkeypatch.setattr("tui.app.open_link", lambda url: "")
    app = make_app()
    notes = notifications(app, monkeypatch)
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("o")
        first = BUNDLED.sources[BUNDLED.events[0].sources[0]].url
    assert copied == [first]
    assert any(n.startswith("No browser could be started") and n.endswith(first) for n in notes)
    assert not any(n.startswith("Open") for n in notes)


async def test_help_lists_every_key() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-body", Static).render())
        for words in (
            "Search",
            "Actors",
            "Filter by tag, kind or outcome",
            "Show the events between two dates",
            "Go to a date",
            "Next shown event",
            "Follow a link of the event",
            "Back to where a link was followed from",
            "Edit the event in $VISUAL / $EDITOR",
            "Clear filters",
            "Export",
            "Copy the event as Markdown",
            "Copy the view as Markdown",
            "Open the event's first source",
            "Undo last filter",
            "Next year",
            "Start of this year, or of the previous",
            "First event",
            "Last event",
            "Toggle",
            "Apply",
            "Quit",
            "Keep the search",
            "Cancel search",
        ):
            assert words in text, words
        assert "esc or ? to close" in str(app.screen.query_one("#help-hint", Static).render())
        # It scrolls with j and k, as the detail pane does.
        scroll = app.screen.query_one("#help")
        await pilot.press("j", "j", "j")
        assert await until(pilot, lambda: scroll.scroll_offset.y == 3), scroll.scroll_offset
        await pilot.press("k")
        assert await until(pilot, lambda: scroll.scroll_offset.y == 2), scroll.scroll_offset
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


def searched_lengths(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of each string Textual's fuzzy matcher is asked to search, from now on."""
    from textual.fuzzy import Matcher

    lengths: list[int] = []
    real = Matcher.match

    def match(self: Matcher, candidate: str) -> float:
        lengths.append(len(candidate))
        return real(self, candidate)

    monkeypatch.setattr(Matcher, "match", match)
    return lengths


#: The longest name an actor of the bundled timeline answers to.
LONGEST_NAME = max(len(n) for a in BUNDLED.actors.values() for n in (a.name, a.short, *a.aliases))


def test_the_picker_matches_each_name_on_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fuzzy search takes time exponential in what it searches: an actor's aliases joined took
    half a minute for one key; each name alone takes microseconds."""
    from tui.view import ExplorerState

    state = ExplorerState()
    state.set_timeline(BUNDLED, initial=True)
    lengths = searched_lengths(monkeypatch)
    picker = Picker("Filter by actor", state.actor_choices(), frozenset())
    assert picker._matches("united states")[0].key == "united-states"
    assert picker._matches("stepanakert")[0].key == "nagorno-karabakh"  # an alias
    assert lengths and max(lengths) <= LONGEST_NAME


def highlighted_command(app: TimelineApp) -> str:
    """The first line of the command the open palette runs on Enter ("" while none is highlighted).

    The palette searches in a worker, filling its list in batches: a test presses Enter once
    the command it expects is there, however long the search took.
    """
    results = app.screen.query_one(OptionList)  # the palette's list of commands
    if results.highlighted is None:
        return ""
    return str(results.get_option_at_index(results.highlighted).prompt).split("\n")[0]


async def test_command_palette_offers_filter_by_actor(monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app()
    lengths = searched_lengths(monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"filter by actor russia")
        assert await until(pilot, lambda: highlighted_command(app) == "Filter by actor: Russia")
        await pilot.press("enter")
        await pilot.pause()
        assert app.filter.actors == {"russia"}
        await pilot.press("ctrl+p", *"filter by actor yerevan")  # an alias; added to those chosen
        assert await until(pilot, lambda: highlighted_command(app) == "Filter by actor: Armenia")
        await pilot.press("enter")
        await pilot.pause()
        assert app.filter.actors == {"russia", "armenia"}
        await pilot.press("escape")
        assert app.filter.actors == {"russia"}
    assert lengths and max(lengths) <= len("Filter by actor: ") + LONGEST_NAME


async def test_the_palette_runs_the_commands_of_the_keys() -> None:
    """Each key's command in the palette does what the key does, on the app or on the list."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        commands = {command.title: command.callback for command in app.get_system_commands(app.screen)}
        await commands["Next event"]()
        await pilot.pause()
        assert app.query_one(EventList).cursor == 1
        await commands["Search"]()
        await pilot.pause()
        assert app.focused is app.query_one(SearchBar)
        await pilot.press("escape")
        await commands["Actors"]()
        await pilot.pause()
        assert isinstance(app.screen, Picker)
        await pilot.press("escape")
        await commands["Export"]()
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)


async def test_mouse_click_selects_an_event() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        event_list = app.query_one(EventList)
        row = event_list.rows.event_rows[3]
        await pilot.click(EventList, offset=(10, row))
        assert event_list.cursor == 3
        assert selected_title(app) == BUNDLED.events[3].title


async def test_narrow_terminal_stacks_the_panes() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        event_list, pane = app.query_one(EventList), app.query_one(DetailPane)
        assert pane.region.y > event_list.region.y
        assert event_list.region.width >= 78
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        event_list, pane = app.query_one(EventList), app.query_one(DetailPane)
        assert pane.region.x > event_list.region.x


async def test_reload_on_change_and_keep_last_good_on_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = small_timeline(tmp_path)
    app = make_app([path])
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        shown = notifications(app, monkeypatch)
        assert len(app.shown) == 3
        small_timeline(tmp_path, ["Alpha meeting", "Beta statement", "Gamma war", "Delta talks"])
        app._check_files()
        await started(app, pilot)
        assert len(app.shown) == 4
        path.write_text(
            path.read_text(encoding="utf-8").replace("kind: statement", "kind: banana", 1), encoding="utf-8"
        )
        app._check_files()
        await started(app, pilot)
        assert len(app.shown) == 4  # the last good version stays
        problems = str(app.query_one("#problems", Static).render())
        assert problems.startswith("Showing the last good version; the file on disk has problems:")
        assert f"{path}:" in problems and "banana" in problems
        assert shown == ["Reloaded: 4 events."]  # no toast over the panel, saying it again


async def test_the_selection_stays_on_its_event_across_a_refilter_an_undo_and_a_reload(
    tmp_path: Path,
) -> None:
    path = small_timeline(tmp_path, ["Alpha meeting", "Beta statement", "Gamma war"])
    app = make_app([path])
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        event_list = app.query_one(EventList)
        await pilot.press("G")
        assert selected_title(app) == "Gamma war" and app.state.selected == 2
        await pilot.press("a", *"azerbaijan", "enter")  # Alpha and Gamma
        assert len(app.shown) == 2 and selected_title(app) == "Gamma war" and event_list.cursor == 1
        await pilot.press("escape")
        assert len(app.shown) == 3 and selected_title(app) == "Gamma war" and event_list.cursor == 2
        # Reloaded with an event before it: the selection follows the event, not its place.
        text = path.read_text(encoding="utf-8")
        text += (
            "  - {id: e0, date: '1990', title: Zero, kind: other, actors: [az], summary: S., sources: [s1]}\n"
        )
        path.write_text(text, encoding="utf-8")
        app._check_files()
        await started(app, pilot)
        assert len(app.shown) == 4 and selected_title(app) == "Gamma war" and event_list.cursor == 3
        assert "Gamma war" in detail(app)


async def test_going_to_a_date_and_following_links_move_the_cursor() -> None:
    from timeline import parse_date

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        event_list = app.query_one(EventList)
        assert app.go_to_date(parse_date("2023-08"))
        first = next(
            i for i, e in enumerate(BUNDLED.events) if e.when.first_day >= parse_date("2023-08").first_day
        )
        assert event_list.selected == first and BUNDLED.events[first].title in detail(app)
        assert not app.go_to_date(parse_date("2100")) and event_list.selected == first
        await pilot.press("a", *"russia", "enter")
        hidden = next(i for i, e in enumerate(BUNDLED.events) if "russia" not in e.actors)
        here = event_list.selected
        assert app.follow_event(hidden)  # hidden by the filter: the filter is cleared
        await pilot.pause()
        assert event_list.selected == hidden and len(app.shown) == len(BUNDLED.events)
        assert app.go_back() and event_list.selected == here
        assert app.go_forward() and event_list.selected == hidden
        await pilot.press("escape")  # undo the cleared filter
        assert app.filter.actors == {"russia"}


async def test_invalid_file_at_start_exits_with_the_problems(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("title: [unclosed\n", encoding="utf-8")
    app = make_app([path])
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
    assert app.return_code == 1
    assert app.problems and str(app.problems[0]).startswith(f"{path}:")


HOSTILE = [
    "[@click=app.screenshot()]shot[/]",
    "deploy [/] done",
    "[@click=app.quit]quit[/]",
    "x [/bold] y",
    '[link="https://evil.example"]Official source[/]',
    "[not a tag]",
]


async def test_hostile_titles_show_literally_and_clicks_do_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = small_timeline(tmp_path, HOSTILE)
    monkeypatch.chdir(tmp_path)  # where app.screenshot() would write
    app = make_app([path])
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        event_list = app.query_one(EventList)
        shown_titles = []
        for n in range(len(HOSTILE)):
            app.state.select_at(n)
            await pilot.pause()
            shown_titles.append(selected_title(app))
            assert selected_title(app) in detail(app)
            row = event_list.rows.event_rows[n]
            line = event_list.render_line(row - event_list.scroll_offset.y).text
            assert selected_title(app)[:20] in line
            await pilot.click(EventList, offset=(35, row))
            await pilot.click(DetailPane, offset=(3, 0))
            await pilot.pause()
        assert sorted(shown_titles) == sorted(HOSTILE)
        assert app.is_running
    assert not list(tmp_path.glob("*.svg"))  # the [@click=app.screenshot()] title did nothing


async def test_the_title_bar_centres_the_file_title_literally_and_its_icon_opens_the_palette(
    tmp_path: Path,
) -> None:
    from textual.command import CommandPalette

    from tui.widgets.title_bar import ICON_CELLS, ICON_WIDTH, RIGHT_WIDTH, TitleBar

    path = small_timeline(tmp_path)
    title = "[@click=app.quit]Talks[/] [b]"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Small", f"title: '{title}'", 1))
    app = make_app([path])
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        bar = app.query_one(TitleBar)
        assert len(bar.render()) == 80  # the line is as wide as the bar, not wider
        line = bar.render_line(0).text
        shown = f"{title} — 3 events"
        middle = 80 - ICON_WIDTH - RIGHT_WIDTH
        assert len(line) == 80
        assert line[:ICON_WIDTH] == " ◷".ljust(ICON_WIDTH)
        assert line.index(shown) == ICON_WIDTH + (middle - len(shown)) // 2
        assert line.endswith(" " * RIGHT_WIDTH)

        counted = app.sub_title
        app.sub_title = "x" * 40  # too long to centre: it takes the icon's spare cells and the right margin
        await pilot.pause()
        line = bar.render_line(0).text
        longer = f"{title} — {'x' * 40}"
        assert len(line) == 80 and line.startswith(" ◷ ") and line.endswith(" ")
        assert line.index(longer) == ICON_CELLS + (80 - ICON_CELLS - 1 - len(longer)) // 2 < ICON_WIDTH
        assert bar._on_icon(ICON_CELLS - 1) and not bar._on_icon(
            ICON_CELLS
        )  # a click on the text is no click on the icon
        app.sub_title = "x" * 100  # too long for the line: cut with an ellipsis, the icon kept
        await pilot.pause()
        line = bar.render_line(0).text
        assert len(line) == 80 and line[ICON_CELLS:].rstrip().endswith("…")
        assert line.startswith(" ◷ ") and line.endswith("… ")
        app.sub_title = counted
        await pilot.pause()

        def background(x: int) -> object:
            segments = list(bar.render_line(0))
            at = 0
            for segment in segments:
                if at <= x < at + len(segment.text):
                    return segment.style and segment.style.bgcolor
                at += len(segment.text)
            raise AssertionError(x)

        plain = background(1)
        await pilot.hover(TitleBar, offset=(40, 0))
        assert bar.tooltip is None and background(1) == plain
        await pilot.hover(TitleBar, offset=(ICON_WIDTH, 0))  # just right of the icon
        assert bar.tooltip is None and background(1) == plain
        await pilot.hover(TitleBar, offset=(ICON_WIDTH - 1, 0))
        assert bar.tooltip == "Open the command palette"
        # The icon's cells light up, alone.
        assert all(background(x) != plain for x in range(ICON_WIDTH))
        assert background(ICON_WIDTH) == plain and background(40) == plain
        await pilot.click(TitleBar, offset=(40, 0))
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        await pilot.click(TitleBar, offset=(2, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.is_running  # the title's [@click=app.quit] did nothing


async def test_keys_pressed_while_loading_are_not_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    release = hold_loading(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"yevlakh")
        assert app.timeline is None  # still loading
        assert "Loading" in status(app)
        await pilot.press("enter")
        release.set()
        await started(app, pilot)
        assert app.filter.text == "yevlakh"
        assert 0 < len(app.shown) < len(BUNDLED.events)
        assert all("yevlakh" in app.timeline.haystacks[i] for i in app.shown)  # type: ignore[union-attr]


async def test_the_spinner_shows_only_when_loading_takes_a_while(monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.app as app_module

    monkeypatch.setattr(app_module, "SPINNER_DELAY", 5.0)  # however slow this machine is
    app = make_app()  # the bundled timeline loads at once: no frame shows a spinner
    spun = on_each_frame(app, lambda screen: app.query_one(EventList).loading)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await until(pilot, lambda: spun)
    assert spun and not any(spun)
    monkeypatch.setattr(app_module, "SPINNER_DELAY", 0.25)

    release = hold_loading(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        event_list = app.query_one(EventList)
        assert not event_list.loading
        await until(pilot, lambda: event_list.loading)  # once the timer runs, late on a busy machine
        assert event_list.loading and "Loading" in status(app)
        release.set()
        await started(app, pilot)
        assert not event_list.loading


async def test_search_works_before_and_after_the_word_index_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline import Filter, Timeline

    real_build = Timeline.build_search_index
    release = threading.Event()

    def held_build(self, check=None):  # type: ignore[no-untyped-def]
        while not release.wait(0.01):
            if check is not None:
                check()
        return real_build(self, check)

    monkeypatch.setattr(Timeline, "build_search_index", held_build)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert await until(pilot, lambda: app.timeline is not None)
        assert app.timeline is not None
        assert app.timeline.search_index is None  # the events show before the index is ready
        await pilot.press("slash", *"talks")
        expected = Filter(text="talks").apply(BUNDLED)
        assert 0 < len(expected) < len(BUNDLED.events)
        assert app.shown == expected
        await pilot.press("escape")
        release.set()
        await started(app, pilot)
        assert app.timeline.search_index is not None
        app.timeline.search_memo.clear()
        await pilot.press("slash", *"talks")
        assert app.shown == expected


async def test_quitting_while_the_word_index_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from timeline import Timeline

    checks: list[float] = []
    stopped = threading.Event()

    def endless_build(self, check=None):  # type: ignore[no-untyped-def]
        try:
            while True:  # until the app quits and the check raises
                checks.append(time.monotonic())
                check()
                stopped.wait(
                    0.01
                )  # the pace of the pretended work (never set here): the test waits on `stopped`
        finally:
            stopped.set()

    monkeypatch.setattr(Timeline, "build_search_index", endless_build)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert await until(pilot, lambda: checks)  # the build runs
        await pilot.press("q")
    assert app.return_code == 0
    # The thread ends on its own once it sees the app gone: wait for that, however slowly it is
    # scheduled (the timeout only keeps a build that never stops from hanging the suite).
    assert stopped.wait(timeout=60), "the word index was still being built after the app quit"


async def test_an_empty_view_says_how_to_get_back() -> None:
    app = make_app(spec=FilterSpec(text="zzzz-no-such-word"))
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        assert app.shown == []
        assert "No event matches" in event_list_line(app, 0)
        assert "No event is shown" in detail(app)
        await pilot.press("c")
        assert len(app.shown) == len(BUNDLED.events)
        assert "No event matches" not in event_list_line(app, 0)


async def test_export_refuses_to_overwrite_the_timeline_being_explored(tmp_path: Path) -> None:
    path = small_timeline(tmp_path)
    before = path.read_bytes()
    app = make_app([path], folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one(Input).value = path.name
        await pilot.press("enter", "enter")
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, ExportDialog)  # still open, saying why
        assert "being explored" in str(dialog.query_one("#export-help", Static).render())
    assert path.read_bytes() == before


async def test_a_narrow_terminal_is_narrow_from_the_first_frame() -> None:
    """The first frame at 80 columns already stacks the panes: no wide frame, then a jump."""
    app = make_app()

    def stacked(screen: Screen[Any]) -> tuple[bool, bool]:
        event_list, pane = app.query_one(EventList), app.query_one(DetailPane)
        return screen.has_class("-narrow"), pane.region.y > event_list.region.y

    frames = on_each_frame(app, stacked)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
    assert frames[0] == (True, True)


def footer_keys(app: TimelineApp) -> list[str]:
    return [key.description for key in app.query("FooterKey")]  # type: ignore[attr-defined]


async def test_the_footer_follows_the_keys_of_what_has_focus() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        keys = footer_keys(app)
        assert "Search" in keys and "Cancel search" not in keys
        await pilot.press("slash")
        await pilot.pause()
        assert "Cancel search" in footer_keys(app)
        await pilot.press("escape")
        await pilot.pause()
        assert footer_keys(app) == keys


async def test_the_overview_redraws_in_the_colours_of_a_new_theme() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        overview = app.query_one(Overview)
        before = [overview.render_line(y) for y in range(3)]
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        kept = [overview.render_line(y) for y in range(3)]
        overview._strips.clear()  # what it draws afresh
        assert kept == [overview.render_line(y) for y in range(3)]
        assert kept != before


async def test_each_change_shows_the_detail_pane_once_and_every_pane_the_same_event(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The state owns the selection: a key, a click, a search or an undo asks it, and the panes
    hear of the change once (not once from the list's cursor and again from the state), each
    showing the event the state selected."""
    shows: list[object] = []
    real = DetailPane.show

    def show(pane: DetailPane, *args: Any, **kwargs: Any) -> None:
        shows.append(args)
        real(pane, *args, **kwargs)

    monkeypatch.setattr(DetailPane, "show", show)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        event_list, overview = app.query_one(EventList), app.query_one(Overview)

        async def once(ask: Callable[[], Awaitable[object]], what: str) -> None:
            shows.clear()
            await ask()
            await settled(pilot, lambda: len(shows))
            assert len(shows) == 1, what
            index = app.state.selected
            assert index is not None and app.timeline is not None
            assert event_list.selected == index and event_list.cursor == app.shown.index(index), what
            assert overview.selected == index, what
            assert detail(app).startswith(app.timeline.events[index].title), what

        for key in ["j", "G", "pageup", "home", "]", "]", "[", "k", "n", "N"]:
            await once(partial(pilot.press, key), key)
        await pilot.press("slash")
        await once(lambda: pilot.press("t"), "a search, as typed")
        await once(lambda: pilot.press("a"), "a search, as typed")
        await once(lambda: pilot.press("escape"), "a search cancelled")
        await pilot.press("a", *"azerbaijan")
        await once(lambda: pilot.press("enter"), "an actor chosen")
        await once(lambda: pilot.press("escape"), "the filter undone")
        row = event_list.rows.event_rows[3] - event_list.scroll_offset.y
        await once(lambda: pilot.click(EventList, offset=(10, row)), "a click on an event")
        await once(lambda: pilot.click(Overview, offset=(2, 1)), "a click on the overview")


async def test_moving_the_cursor_redraws_the_detail_pane_without_laying_out_the_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A new event changes the pane's lines, not the screen's layout (unless a scrollbar comes or goes)."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        pane = app.query_one(DetailPane)
        layouts = compat.count_layouts(app.screen)
        steady = 0
        for _ in range(8):
            await settled(pilot, lambda: (len(layouts), pane.show_vertical_scrollbar))
            scrollbar, title = pane.show_vertical_scrollbar, selected_title(app)
            layouts.clear()
            await pilot.press("j")
            await settled(pilot, lambda: (len(layouts), pane.show_vertical_scrollbar))
            assert selected_title(app) != title and selected_title(app) in detail(app)
            if pane.show_vertical_scrollbar == scrollbar:
                assert layouts == [], selected_title(app)
                steady += 1
        assert steady >= 4  # most of these details fit the pane


async def test_the_detail_pane_wraps_to_its_width_and_starts_each_event_at_the_top() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:  # the pane is under the list, and short
        await started(app, pilot)
        pane = app.query_one(DetailPane)
        region = pane.scrollable_content_region
        assert pane.virtual_size.height > region.height  # the first event's detail needs scrolling
        lines = [pane.render_line(y).text for y in range(region.height)]
        assert all(len(line) == region.width for line in lines)
        assert lines[0].strip() and lines[0].strip() in detail(app)
        pane.scroll_end(animate=False)
        await pilot.pause()
        assert pane.scroll_offset.y == pane.virtual_size.height - region.height > 0
        shown = [pane.render_line(y).text.strip() for y in range(region.height)]
        assert detail(app).rstrip().endswith([line for line in shown if line][-1])  # the end shows
        await pilot.press("j")
        await pilot.pause()
        assert pane.scroll_offset.y == 0
        assert pane.render_line(0).text.strip() in detail(app)
        await pilot.resize_terminal(120, 40)  # wider: the same text in fewer, longer lines
        await pilot.pause()
        wide = pane.scrollable_content_region
        text = " ".join(
            pane.render_line(y).text.strip() for y in range(min(wide.height, pane.virtual_size.height))
        )
        assert " ".join(detail(app).split())[:200] in " ".join(text.split())


async def test_text_in_the_detail_pane_can_be_selected() -> None:
    from textual.selection import Selection

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        pane = app.query_one(DetailPane)
        assert pane.get_selection(Selection(None, None)) == (detail(app).rstrip("\n"), "\n")
        before = pane.render_line(0)
        await pilot.mouse_down(DetailPane, offset=(1, 0))  # a drag along the title's first words
        await pilot.hover(DetailPane, offset=(15, 0))
        await pilot.mouse_up(DetailPane, offset=(15, 0))
        await pilot.pause()
        chosen = app.screen.get_selected_text()
        assert chosen and len(chosen) >= 10 and BUNDLED.events[0].title.startswith(chosen)
        assert pane.render_line(0) != before  # drawn highlighted


async def test_the_timeline_pane_keeps_a_few_screens_of_drawn_lines(tmp_path: Path) -> None:
    """Enough for a refilter to find its lines again; few enough that collecting stays quick."""
    from tui.widgets import event_list as event_list_module

    events = "".join(
        f"  - {{id: e{n}, date: '{1900 + n // 12}-{n % 12 + 1:02d}', title: Event {n}, kind: statement,"
        f" actors: [az], summary: Summary {n}., sources: [s1]}}\n"
        for n in range(300)
    )
    head = small_timeline(tmp_path).read_text(encoding="utf-8").split("events:")[0]
    path = tmp_path / "many.yaml"
    path.write_text(head + "events:\n" + events, encoding="utf-8")
    app = make_app([path])
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        pane = app.query_one(EventList)
        most = 0
        for _ in range(15):
            await pilot.press("pagedown")
            await pilot.pause()
            most = max(most, len(pane._cache))
        assert app.timeline is not None and len(app.timeline.events) == 300
        limit = event_list_module.CACHED_SCREENS * pane.size.height
        assert pane.size.height * 2 < most <= limit + 1


async def test_keys_typed_right_after_a_key_that_opens_a_field_go_to_that_field() -> None:
    """Keys that arrive together (a fast typist, a paste, a slow link) are not lost or taken as commands."""
    from textual import events

    def typed(app: TimelineApp, keys: str) -> None:
        names = {"/": "slash", "\x1b": "escape", "\r": "enter"}
        for char in keys:  # all queued before any is handled
            app.post_message(events.Key(names.get(char, char), char))

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        for time in ("mounts the field", "reuses it"):
            typed(app, "/yevl")
            await pilot.pause()
            assert app.query_one(SearchBar).value == "yevl", time
            assert app.screen is app.screen_stack[0]  # no export dialog from the "e"
            typed(app, "a/")  # inside the field these are letters
            await pilot.pause()
            assert app.query_one(SearchBar).value == "yevla/"
            typed(app, "\x1b")
            await pilot.pause()
            assert not app.query_one(SearchBar).display and app.focused is app.query_one(EventList)
        typed(app, "jj")  # the list has the focus back
        await pilot.pause()
        assert app.query_one(EventList).cursor == 2
        typed(app, "/yevl\rjk")  # Enter keeps the search; j and k move in what it found
        await pilot.pause()
        assert app.filter.text == "yevl" and app.focused is app.query_one(EventList)
        assert app.query_one(EventList).cursor == 0 and not app.query_one(SearchBar).display
        selected = app.shown[0]  # the first event found, which the cursor stays on from here
        typed(app, "\x1b/kara\x1bjj")  # Escape undoes it; in the field, Escape cancels; j moves
        await pilot.pause()
        assert app.filter.text == "" and len(app.shown) == len(BUNDLED.events)
        assert app.query_one(EventList).cursor == selected + 2
        typed(app, "arus")
        await pilot.pause()
        assert isinstance(app.screen, Picker) and app.screen.query_text == "rus"
        typed(app, "ate")  # in a dialog, these keys filter it instead of opening another
        await pilot.pause()
        assert isinstance(app.screen, Picker) and app.screen.query_text == "rusate"
        await pilot.press("escape")
        typed(app, "tkind meet")  # the tag picker too, spaces included
        await pilot.pause()
        assert isinstance(app.screen, Picker) and app.screen.query_text == "kind meet"
        typed(app, "\r")
        await pilot.pause()
        assert app.filter.kinds == {"meeting"}
        typed(app, "e/tmp/x")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.query_one(Input).value.startswith("/tmp/x")
        # Every key handled and the dialog closed before the test ends: a key still on its way
        # when the app shuts down would find no screen.
        await pilot.press("escape")
        assert await until(pilot, lambda: app.screen is app.screen_stack[0])


@pytest.mark.parametrize("widen", ["c", "escape"])
async def test_widening_the_view_scrolls_the_list_to_the_selected_event(widen: str) -> None:
    """After a search, c (clear) or Escape (undo) shows every event again: the selected one, far
    down the list, is scrolled into sight on its row, as the detail pane and the overview show it."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("g", "slash", *"sofia", "enter", "j")
        chosen = app.state.selected
        assert chosen is not None and len(app.shown) < len(BUNDLED.events)
        await pilot.press(widen)
        assert len(app.shown) == len(BUNDLED.events) and app.state.selected == chosen
        listing = app.query_one(EventList)
        row = listing.rows.event_rows[listing.cursor]
        await settled(pilot, lambda: listing.scroll_offset.y)
        top, height = listing.scroll_offset.y, listing.scrollable_content_region.height
        assert listing.selected == chosen
        assert top <= row < top + height, (top, row, height)
