"""The detail pane by keyboard, its wrapping and links; wrapped titles; where notifications go."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from pilot import notifications, settled, started, until
from textual.geometry import Region
from textual.widgets import Static

from timeline import bundled_path, load
from timeline.detail import Line, Piece, event_lines, plain_text
from tui.app import TimelineApp
from tui.rows import MORE
from tui.widgets.detail import MARKS, DetailPane, event_detail, line_content
from tui.widgets.event_list import EventList

BUNDLED = load([bundled_path()]).timeline


def test_the_pane_draws_urls_as_links_and_file_text_never_as_markup() -> None:
    url = "https://eurasianet.org/more-false-starts-in-azerbaijan-karabakh-talks"
    detail = event_detail(BUNDLED, 0, {})
    # What the pane draws carries the link (OSC 8), on exactly the URL's cells.
    linked = [
        detail.plain[span.start : span.end]
        for span in detail.spans
        if not isinstance(span.style, str) and span.style.link == url
    ]
    assert linked == [url]
    line = Line((Piece("[bold]x[/] " * 20),))
    assert line_content(line, {}).plain == "[bold]x[/] " * 20


def test_the_pane_shows_the_detail_as_the_model_says_it() -> None:
    for index in range(len(BUNDLED.events)):
        assert event_detail(BUNDLED, index, {}).plain == plain_text(event_lines(BUNDLED, index, "", MARKS))


async def test_tab_moves_to_the_detail_pane_where_the_keys_scroll_it_and_back() -> None:
    app = TimelineApp([bundled_path()], watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        pane = app.query_one(DetailPane)
        event_list = app.query_one(EventList)
        assert app.focused is event_list
        await pilot.press("tab")
        assert app.focused is pane
        assert pane.max_scroll_y > 0, "at 80×24 the detail is longer than its pane"
        await pilot.press("down", "down")
        assert pane.scroll_offset.y == 2
        await pilot.press("end")
        assert pane.scroll_offset.y == pane.max_scroll_y
        await pilot.press("home")
        assert pane.scroll_offset.y == 0
        await pilot.press("pagedown")
        assert pane.scroll_offset.y > 2
        await pilot.press("g", "j")
        assert pane.scroll_offset.y == 1
        await pilot.press("k")
        assert pane.scroll_offset.y == 0
        assert event_list.cursor == 0, "the keys scroll the pane, not the list"
        # The focused pane is marked: tinted, and the line above it in the accent colour.
        assert pane.styles.background_tint.a > 0
        accent = pane.styles.border_top[1]
        await pilot.press("tab")
        assert app.focused is event_list
        await pilot.pause()
        assert pane.styles.background_tint.a == 0
        assert pane.styles.border_top[1] != accent


async def test_side_by_side_the_focused_detail_pane_has_a_coloured_edge() -> None:
    app = TimelineApp([bundled_path()], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        pane = app.query_one(DetailPane)
        assert pane.styles.border_left[0] != "vkey"
        await pilot.press("tab")
        assert app.focused is pane and pane.styles.border_left[0] == "vkey"


async def test_w_wraps_long_titles_onto_a_second_line() -> None:
    app = TimelineApp([bundled_path()], watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        event_list = app.query_one(EventList)
        rows_before = len(event_list.rows)
        title = BUNDLED.events[event_list.selected or 0].title
        await pilot.press("w")
        assert event_list.wrap
        rows = event_list.rows
        assert len(rows) > rows_before
        first = rows.row_of(0)
        assert rows.at(first + 1) == (MORE, event_list.shown[0])
        top = event_list.scroll_offset.y
        line1 = event_list.render_line(first - top).text
        line2 = event_list.render_line(first + 1 - top).text
        planned = event_list.row_layout()
        words = " ".join((line1[planned.title_x : planned.title_x + planned.title] + " " + line2).split())
        assert title in words, (line1, line2)
        # The second line starts under the title.
        assert line2.lstrip() and len(line2) - len(line2.lstrip()) == event_list.row_layout().title_x
        # Scrolling keeps the rows (the columns were planned once, not per screen).
        rows_wrapped = event_list.rows
        await pilot.press("G")
        assert event_list.rows is rows_wrapped
        await pilot.press("w")
        assert not event_list.wrap and len(event_list.rows) == rows_before


def toast_regions(app: TimelineApp) -> list[Region]:
    """Where the toasts are (found by their CSS type: the class is not public); empty till laid out."""
    return [toast.region for toast in app.screen.query("Toast")]


def laid_out_toasts(app: TimelineApp) -> list[Region]:
    return [region for region in toast_regions(app) if region.area]


async def test_a_notification_never_covers_the_status_line() -> None:
    app = TimelineApp([bundled_path()], watch=False)
    for size in ((120, 40), (60, 15)):
        async with app.run_test(size=size, notifications=True) as pilot:
            await started(app, pilot)
            # Shown until the test is done, however slowly it runs (the default is a few seconds).
            text = "Something to say, long enough to take a few lines of the toast " * 2
            app.notify(text, markup=False, timeout=600)
            assert await until(pilot, partial(laid_out_toasts, app))
            await settled(pilot, partial(toast_regions, app))
            status = app.query_one("#status", Static).region
            for region in toast_regions(app):
                assert not region.overlaps(status), (region, status)
        app = TimelineApp([bundled_path()], watch=False)


def test_source_urls_are_links_in_every_event_also_beside_typed_links() -> None:
    from tests.conftest import _event_text, _timeline_text
    from timeline import load_text

    text = _timeline_text(
        _event_text("e1", title="First"),
        _event_text("e2", date="2023-07-09", title="Second", links="[{to: e1, type: responds-to}]"),
    )
    timeline = load_text([("t.yaml", text.encode())]).timeline
    assert any(timeline.links_of(i) for i in range(len(timeline.events)))
    for timeline_ in (BUNDLED, timeline):
        for index, event in enumerate(timeline_.events):
            detail = event_detail(timeline_, index, {})
            links = {span.style.link for span in detail.spans if not isinstance(span.style, str)}
            sources = [timeline_.sources[s] for s in event.sources if s in timeline_.sources]
            assert {source.url for source in sources if source.url} <= links, event.id


async def test_help_lists_the_new_keys() -> None:
    from tui.screens.help import HelpScreen

    app = TimelineApp([bundled_path()], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-body", Static).render())
        expected = ("Wrap long titles", "Read the detail pane", "In the detail pane", "Back to the timeline")
        for words in expected:
            assert words in text, words


async def test_the_drawn_url_carries_its_link_to_the_terminal() -> None:
    app = TimelineApp([bundled_path()], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        pane = app.query_one(DetailPane)
        urls = {BUNDLED.sources[s].url for s in BUNDLED.events[0].sources}
        links = set()
        height = pane.scrollable_content_region.height
        for top in range(0, pane.virtual_size.height, height):  # the whole pane, a page at a time
            pane.scroll_to(y=top, animate=False)
            await pilot.pause()
            for y in range(height):
                for segment in pane.render_line(y):
                    if segment.style is not None and segment.style.link:
                        links.add(segment.style.link)
                        text = segment.text.strip()
                        assert text and text in segment.style.link  # only the URL's cells
        assert links == urls


def test_an_event_without_actors_has_no_empty_actors_line() -> None:
    from timeline.load import load_text

    text = "title: T\nevents:\n  - {id: e, date: 2023, title: Imported, kind: other, summary: S.}\n"
    bare = load_text([("t.yaml", text.encode())]).timeline
    plain = event_detail(bare, 0, {}).plain
    assert "Actors" not in plain and "Imported" in plain
    # and one with actors still names them
    assert "Actors" in event_detail(BUNDLED, 0, {}).plain


async def test_the_detail_shows_the_id_and_i_copies_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "clipboard"
    monkeypatch.setattr("tui.handoff.clipboard_tools", lambda: [["sh", "-c", f"cat > {out}"]])
    app = TimelineApp([bundled_path()], watch=False)
    notes = notifications(app, monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.press("j")
        event = BUNDLED.events[app.query_one(EventList).selected or 0]
        pane = app.query_one(DetailPane)
        assert f"\nId       {event.id}\n" in pane.content.plain
        drawn = [pane.render_line(y).text for y in range(pane.scrollable_content_region.height)]
        assert any(line.rstrip() == f"Id       {event.id}" for line in drawn), drawn
        await pilot.press("i")
        assert await until(pilot, lambda: out.exists() and out.read_text(encoding="utf-8") == event.id)
        assert f"Copied the id {event.id} to the clipboard (sh)." in notes
        await pilot.press("question_mark")
        assert "Copy the event's id" in str(app.screen.query_one("#help-body", Static).render())


def test_the_pane_styles_only_roles_the_model_names() -> None:
    from timeline.detail import ROLES
    from tui.widgets.detail import ROLE_STYLES

    assert set(ROLE_STYLES) <= ROLES
