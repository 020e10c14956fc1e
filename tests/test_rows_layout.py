"""The columns of the timeline pane's rows, and what the rows show at the sizes people use."""

from __future__ import annotations

import itertools
import math

import pytest
from pilot import started

from timeline import Span, bundled_path, load
from tui.app import TimelineApp
from tui.rows import (
    EVENT,
    GUTTER,
    LEAD,
    MARK,
    MORE,
    PLANNED_FROM,
    TAG_SHARE,
    TITLE_FLOOR,
    TITLE_WANTED,
    TRAIL,
    RowText,
    date_cell,
    fit_tags,
    layout,
    plan_row,
    planned_from,
    row_text,
)
from tui.widgets.event_list import EventList

BUNDLED = load([bundled_path()]).timeline


def text(
    date: str = "1 Aug 2023",
    title: str = "A title",
    tags: tuple[str, ...] = ("AZ",),
    duration: str = "",
    when: Span | None = None,
) -> RowText:
    short = duration.replace("about ", "~")[:4]
    return RowText(date, duration, short, title, tuple((t, t.lower()) for t in tags), when)


def columns_add_up(planned) -> int:  # type: ignore[no-untyped-def]
    duration = planned.duration + GUTTER if planned.duration else 0
    tags = planned.tags + GUTTER if planned.tags else 0
    return LEAD + planned.date + GUTTER + duration + MARK + GUTTER + planned.title + tags + TRAIL


@pytest.mark.parametrize("width", [20, 40, 60, 69, 82, 100, 140, 200])
def test_columns_add_up_to_the_width_and_the_date_column_fits_nine_dates_in_ten(width: int) -> None:
    rows = [row_text(BUNDLED, i) for i in range(len(BUNDLED.events))]
    planned = plan_row(width, rows)
    assert columns_add_up(planned) == width
    lengths = sorted(len(r.date) for r in rows)
    ninety = lengths[math.ceil(0.9 * len(lengths)) - 1]
    assert planned.date == min(ninety, (width - LEAD - GUTTER - MARK - GUTTER - TRAIL) // 2)
    assert sum(n > ninety for n in lengths) <= len(lengths) // 10
    assert planned.tags <= width // TAG_SHARE
    # Every row's date cell fits the column: the long ones shorter, marked.
    for r in rows:
        cell = date_cell(r, planned)
        assert len(cell) <= planned.date or planned.date < 2, (r.date, cell)
        assert cell == r.date or cell.endswith("…") or cell == r.date.replace(" – ", "–"), (r.date, cell)


def test_the_date_column_follows_the_shown_dates_not_one_long_span() -> None:
    narrow = plan_row(100, [text("Aug 2023"), text("1 Aug 2023")])
    wide = plan_row(100, [text("c. early 2022 – Aug 2023")])
    assert narrow.date == len("1 Aug 2023")
    assert wide.date == len("c. early 2022 – Aug 2023")  # one event shown: its date whole
    # One long span among ten: the column keeps to the others, the span is shown shorter.
    span = next(e for e in BUNDLED.events if e.when.display().startswith("c. early"))
    rows = [text("1 Aug 2023")] * 9 + [text(span.when.display(), when=span.when)]
    planned = plan_row(100, rows)
    assert planned.date == len("1 Aug 2023")
    assert date_cell(rows[-1], planned) == "c. 2022–…"  # whole in the detail pane


def test_the_title_gets_its_share_before_tags_and_durations() -> None:
    long_title = "x" * 80
    rows = [text(title=long_title, tags=("AZ", "AM", "NK"), duration="about 1 year")]
    # 60 cells: 5 for the gutters, 10 for the date; the title gives up cells down to its floor
    # (35 characters and "…") for a tag column, and keeps the rest.
    assert (lambda p: (p.title, p.tags, p.duration))(plan_row(60, rows)) == (TITLE_FLOOR, 8, 0)
    # Too narrow for the tags even then: the title keeps every cell.
    assert (lambda p: (p.title, p.tags, p.duration))(plan_row(52, rows)) == (37, 0, 0)
    planned = plan_row(5 + 10 + TITLE_WANTED + 1 + 8, rows)
    assert (planned.title, planned.tags, planned.duration) == (TITLE_WANTED, 8, 0)  # 45 characters and …
    roomy = plan_row(120, rows)
    assert roomy.tags == len("AZ AM NK") and roomy.duration == len("about 1 year") and roomy.long_durations
    assert roomy.title > 45


def test_durations_in_words_where_there_is_room_else_short_else_after_the_date() -> None:
    rows = [text(title="t" * 50, duration="about 18 months", tags=())]
    assert plan_row(90, rows).long_durations
    short = plan_row(5 + 10 + TITLE_WANTED + 5, rows)
    assert short.duration == 4 and not short.long_durations
    none = plan_row(60, rows)
    assert none.duration == 0
    # With no duration column, a span says its length after the date when the column has room.
    wide_dates = [text("c. early 2022 – Aug 2023", title="t" * 45), text("1991–1994", duration="3 years")]
    planned = plan_row(60, wide_dates)
    assert date_cell(wide_dates[1], planned) == "1991–1994 (3 years)"
    assert date_cell(wide_dates[0], planned) == "c. early 2022 – Aug 2023"


def test_tags_collapse_to_a_count() -> None:
    tags = [("ALIYEV", "a"), ("AZ", "b"), ("EURONW", "c"), ("NK", "d")]
    assert fit_tags(tags, 40) == (tags, 0)
    assert fit_tags(tags, 12) == (tags[:2], 2)  # "ALIYEV AZ +2"
    # The first does not fit beside its +N: the shortest that does is named, not a bare count.
    assert fit_tags(tags, 5) == ([("AZ", "b")], 3)  # "AZ +3"
    assert fit_tags(tags, 3) == ([], 4)  # "+4"
    assert fit_tags(tags, 1) == ([], 0)


def test_no_tag_column_too_narrow_to_name_a_tag_on_every_row() -> None:
    """A bare count ("+3") says nothing: the column is left out unless each row can name a tag."""
    rows = [text(title="t" * 80, tags=("AM", "AZ", "US", "EU")), text(title="t" * 80, tags=("NK",))]
    base = LEAD + 10 + GUTTER + MARK + GUTTER + TITLE_FLOOR + GUTTER + TRAIL
    for extra in range(0, len("AM +3")):
        assert plan_row(base + extra, rows).tags == 0, extra
    planned = plan_row(base + len("AM +3"), rows)
    assert planned.tags == len("AM +3")
    assert fit_tags(rows[0].tags, planned.tags) == ([("AM", "am")], 3)
    assert plan_row(base, []).tags == 0  # no rows on screen (a search that finds nothing)


def test_second_rows_of_wrapped_titles() -> None:
    shown = list(range(len(BUNDLED.events)))
    rows = layout(BUNDLED, shown, tall=[1, 2])
    plain = layout(BUNDLED, shown)
    assert len(rows) == len(plain) + 2
    kinds = [rows.at(r) for r in range(len(rows))]
    assert kinds.count((MORE, shown[1])) == 1 and kinds.count((MORE, shown[2])) == 1
    for p in shown:
        assert rows.at(rows.row_of(p)) == (EVENT, p)
        assert rows.position_at(rows.row_of(p)) == p
    assert rows.at(rows.row_of(1) + 1) == (MORE, 1)
    assert rows.position_at(rows.row_of(1) + 1) == 1
    # Headers keep their place before the event they introduce.
    assert [k for k, _ in kinds if k not in (MORE,)] == [
        k for k, _ in (plain.at(r) for r in range(len(plain)))
    ]


async def _rows_on_screen(size: tuple[int, int]) -> dict[str, str]:
    """The line of every bundled event, selected in turn, in the app at ``size``."""
    app = TimelineApp([bundled_path()], watch=False)
    lines: dict[str, str] = {}
    async with app.run_test(size=size) as pilot:
        await started(app, pilot)
        event_list = app.query_one(EventList)
        for position, index in enumerate(event_list.shown):
            app.state.select_at(position)
            await pilot.pause()
            y = event_list.rows.event_rows[position] - event_list.scroll_offset.y
            lines[BUNDLED.events[index].title] = event_list.render_line(y).text
    return lines


@pytest.mark.parametrize(("size", "least"), [((120, 40), 45), ((100, 30), 35)])
async def test_every_bundled_title_shows_enough_to_tell_it_apart(size: tuple[int, int], least: int) -> None:
    lines = await _rows_on_screen(size)
    assert len(lines) == len(BUNDLED.events)
    for title, line in lines.items():
        assert title[:least] in line, (title, line)


async def test_rows_on_one_screen_line_up_their_tags() -> None:
    app = TimelineApp([bundled_path()], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        event_list = app.query_one(EventList)
        planned = event_list.row_layout()
        assert planned.tags, "at 120 columns the rows have a tag column"
        starts = {}
        for y in range(event_list.scrollable_content_region.height):
            row = y + event_list.scroll_offset.y
            if row >= len(event_list.rows) or event_list.rows.kinds[row] != EVENT:
                continue
            line = event_list.render_line(y).text
            text = row_text(BUNDLED, event_list.rows.values[row])
            tags, left_out = fit_tags(text.tags, planned.tags)
            expected = " ".join([t for t, _ in tags] + ([f"+{left_out}"] if left_out else []))
            assert line[planned.tags_x : planned.tags_x + len(expected)] == expected, line
            starts.setdefault(text.tags, set()).add(line.index(expected, planned.title_x + planned.title))
        assert all(len(xs) == 1 for xs in starts.values())


SIZES = [(60, 15), (80, 24), (100, 30), (120, 40)]


async def _scroll_through(size: tuple[int, int]) -> tuple[set[int], dict[int, set[str]]]:
    """Scroll the bundled timeline from its first event to its last with the down key, at
    ``size``; the cells where the titles began on screen, and the actor tags each event's row
    showed."""
    app = TimelineApp([bundled_path()], watch=False)
    title_xs: set[int] = set()
    tags_seen: dict[int, set[str]] = {}
    async with app.run_test(size=size) as pilot:
        await started(app, pilot)
        event_list = app.query_one(EventList)
        assert event_list.cursor == 0
        for step in range(len(event_list.shown)):
            if step:
                await pilot.press("down")
            assert event_list.cursor == step
            top = event_list.scroll_offset.y
            for y in range(event_list.scrollable_content_region.height):
                row = top + y
                if row >= len(event_list.rows) or event_list.rows.kinds[row] != EVENT:
                    continue
                index = event_list.rows.values[row]
                line = event_list.render_line(y).text
                title = BUNDLED.events[index].title
                title_xs.add(line.index(title[:12]))
                words = set(line[line.index(title[:12]) :].split())
                tags_seen[index] = {tag for tag, _ in row_text(BUNDLED, index).tags if tag in words}
    return title_xs, tags_seen


async def test_scrolling_top_to_bottom_never_moves_the_title_column_and_wider_shows_no_fewer_tags() -> None:
    seen = {size: await _scroll_through(size) for size in SIZES}
    for size, (title_xs, tags_seen) in seen.items():
        assert len(title_xs) == 1, (size, title_xs)
        assert len(tags_seen) == len(BUNDLED.events), size
    for narrower, wider in itertools.pairwise(SIZES):
        for index, tags in seen[narrower][1].items():
            assert tags <= seen[wider][1][index], (narrower, wider, BUNDLED.events[index].title)
    assert any(seen[(100, 30)][1].values()), "at 100 columns the rows name actors"


def test_the_columns_of_a_long_list_are_planned_from_an_even_spread_of_it() -> None:
    shown = list(range(0, 30_000, 3))
    spread = planned_from(shown)
    assert len(spread) == PLANNED_FROM and spread[0] == shown[0] and set(spread) <= set(shown)
    assert spread == planned_from(list(shown))  # the same events each time: the columns stay put
    gaps = {b - a for a, b in itertools.pairwise(spread)}
    assert max(gaps) - min(gaps) <= 3
    assert planned_from(shown[:PLANNED_FROM]) == shown[:PLANNED_FROM]  # a short list: all of it
