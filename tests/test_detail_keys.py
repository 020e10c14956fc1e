"""The detail pane by keyboard, its wrapping and links; wrapped titles; where notifications go."""

from __future__ import annotations

from functools import partial

from pilot import settled, started, until
from textual.content import Content
from textual.geometry import Region
from textual.widgets import Static

from timeline import bundled_path, load
from tui.app import TimelineApp
from tui.rows import MORE
from tui.widgets.detail import LABEL_WIDTH, DetailPane, authors_text, event_detail, url_line, wrap_hanging
from tui.widgets.event_list import EventList

BUNDLED = load([bundled_path()]).timeline


def test_wrapped_values_hang_under_their_value_column() -> None:
    detail = event_detail(BUNDLED, 0, {})
    lines = [line.plain for line in wrap_hanging(detail, 36)]
    place = next(n for n, line in enumerate(lines) if line.startswith("Place"))
    assert lines[place + 1].startswith(" " * LABEL_WIDTH) and lines[place + 1][LABEL_WIDTH] != " "
    assert all(len(line) <= 36 for line in lines)
    # A numbered source wraps under its text, not under its number.
    source = next(n for n, line in enumerate(lines) if line.startswith(" 1. "))
    assert lines[source + 1].startswith("    ") and lines[source + 1][4] != " "


def test_a_link_line_hangs_under_what_follows_its_wording() -> None:
    from tui.widgets.detail import LABEL_STYLE, hanging_indent

    line = Content.assemble(" ", ("Leads to: ", LABEL_STYLE), ("1994–2020", "$text-muted"), "  A long title")
    assert hanging_indent(line) == len(" Leads to: ")
    wrapped = [part.plain for part in wrap_hanging(line, 24)]
    assert all(part.startswith(" " * len(" Leads to: ")) for part in wrapped[1:]), wrapped
    assert hanging_indent(Content.assemble(("When     ", LABEL_STYLE), "1991")) == LABEL_WIDTH
    assert hanging_indent(Content("A paragraph of the summary")) == 0


def test_urls_stay_whole_on_their_own_line_and_are_links() -> None:
    url = "https://eurasianet.org/more-false-starts-in-azerbaijan-karabakh-talks"
    detail = event_detail(BUNDLED, 0, {})
    for width in (40, 60, len(url) + 4, 120):
        lines = wrap_hanging(detail, width)
        at = next(n for n, line in enumerate(lines) if "eurasianet.org" in line.plain)
        holding = [lines[at]]
        while sum(len(line.plain.strip()) for line in holding) < len(url):
            holding.append(lines[at + len(holding)])
        if len(url) <= width:
            assert [line.plain.strip() for line in holding] == [url], width
        else:  # wider than the pane: broken between the URL's words, never inside one
            assert "".join(line.plain.strip() for line in holding) == url
            assert all(line.plain.strip()[-1] in "/-" for line in holding[:-1])
    spans = [span for span in url_line(url).spans if not isinstance(span.style, str)]
    assert spans and all(span.style.link == url for span in spans)  # type: ignore[union-attr]
    # And what the pane draws carries the link (OSC 8), on exactly the URL's cells.
    assert any(not isinstance(span.style, str) and span.style.link == url for span in detail.spans), (
        "the detail's URL is a terminal hyperlink"
    )


def test_sources_name_their_authors() -> None:
    assert authors_text(("Heydar Isayev", "Lilit Shahverdyan")) == "Heydar Isayev and Lilit Shahverdyan"
    assert authors_text(("A", "B", "C")) == "A, B and C"
    assert authors_text(()) == ""
    assert "Heydar Isayev and Lilit Shahverdyan" in event_detail(BUNDLED, 0, {}).plain


def test_hanging_wrap_never_treats_file_text_as_markup() -> None:
    lines = wrap_hanging(Content("[bold]x[/] " * 20), 30)
    assert "".join(line.plain for line in lines).count("[bold]") == 20


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
