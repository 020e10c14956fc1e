"""With 16 colours (TERM=xterm, no COLORTERM) the accent is not red and the actors stay apart."""

from __future__ import annotations

import itertools

import pytest
from pilot import started, until
from rich.color import Color, ColorSystem
from textual.content import Content

from timeline import bundled_path, load
from tui.app import TimelineApp
from tui.palette import ANSI, actor_colours
from tui.rows import EVENT, YEAR
from tui.widgets.event_list import EventList

BUNDLED = load([bundled_path()]).timeline
RED = {1, 9}


def ansi(colour: str | Color) -> int:
    """The ANSI colour a 16-colour terminal shows for ``colour`` (as Rich sends it)."""
    parsed = Color.parse(colour) if isinstance(colour, str) else colour
    number = parsed.downgrade(ColorSystem.STANDARD).number
    assert number is not None
    return number


def test_each_ansi_colour_is_sent_as_itself() -> None:
    assert [ansi(c) for c in ANSI] == list(range(16))


@pytest.mark.parametrize("dark", [True, False])
def test_actor_colours_are_distinct_among_the_16(dark: bool) -> None:
    colours = list(actor_colours(BUNDLED, dark, "standard").values())
    numbers = [ansi(c) for c in colours]
    distinct = len(set(numbers))
    assert distinct >= min(len(colours), 11)
    # Neighbours in the order actors are declared never share a colour.
    assert all(a != b for a, b in itertools.pairwise(numbers))
    # The truecolour palette, sent to the same terminal, falls on a few colours (the bug).
    assert len({ansi(c) for c in actor_colours(BUNDLED, dark).values()}) < distinct


@pytest.fixture
def xterm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TEXTUAL_COLOR_SYSTEM", raising=False)


@pytest.mark.usefixtures("xterm")
async def test_at_16_colours_year_separators_are_not_red_and_tags_differ() -> None:
    app = TimelineApp([bundled_path()], watch=False)
    assert app.console.color_system == "standard"
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        event_list = app.query_one(EventList)
        tag_colours: dict[str, int] = {}
        years = 0
        for y in range(event_list.scrollable_content_region.height):
            row = y + event_list.scroll_offset.y
            if row >= len(event_list.rows):
                break
            kind = event_list.rows.kinds[row]
            strip = event_list.render_line(y)
            if kind == YEAR:
                years += 1
                colours = {ansi(s.style.color) for s in strip if s.style and s.style.color and s.text.strip()}
                assert colours and not colours & RED, colours
            elif kind == EVENT and row != event_list.rows.event_rows[event_list.cursor]:
                text = strip.text
                for segment in strip:
                    word = segment.text.strip()
                    if word and word.isupper() and segment.style and segment.style.color:
                        tag_colours[word] = ansi(segment.style.color)
                assert text
        assert years >= 1
        # Two tags share a colour only where the colours ran out (more actors than colours):
        # the tags' letters tell them apart there.
        order = {BUNDLED.actors[a].short: n for n, a in enumerate(BUNDLED.actors)}
        palette = len(set(actor_colours(BUNDLED, True, "standard").values()))
        assert len(tag_colours) >= 4 and palette >= 11
        for a, b in itertools.combinations(tag_colours, 2):
            if tag_colours[a] == tag_colours[b]:
                assert (order[a] - order[b]) % palette == 0, (a, b)
        # The accent the whole app draws with (focus edges, dialog titles) is not red either.
        assert ansi(app.theme_variables["accent"]) not in RED
        assert ansi(app.theme_variables["warning"]) not in RED


def _lane_segments(app: TimelineApp, y: int) -> list[tuple[str, Color | None]]:
    strip = app.query_one(EventList).render_line(y)
    return [(s.text, s.style.color if s.style else None) for s in strip if s.text.strip()]


@pytest.mark.usefixtures("xterm")
async def test_at_16_colours_a_lanes_header_and_its_marks_share_the_pickers_colour() -> None:
    """Each lane's tag in the header is in the colour of its ● marks, the picker's colour for the
    actor; on the cursor row the marks take the cursor's own foreground (cyan on cyan hides)."""
    from tui.widgets.lanes import LaneHeader

    app = TimelineApp([bundled_path()], watch=False, view="march-august-2023")  # type: ignore[arg-type]
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        event_list = app.query_one(EventList)
        lanes = event_list.lanes
        assert lanes is not None and len(lanes.actors) >= 4
        picker = {c.key: c.style for c in app.state.actor_choices(app.actor_colours())}
        header = app.query_one(LaneHeader).render()
        assert isinstance(header, Content)
        tag_colour = {}
        for span in header.spans:
            text = header.plain[span.start : span.end]
            if text in lanes.tags:
                tag_colour[text] = str(span.style)
        for tag, actor in zip(lanes.tags, lanes.actors, strict=True):
            assert tag_colour[tag] == picker[actor], (tag, tag_colour[tag], picker[actor])
        # The marks, lane by lane, on rows other than the cursor's.
        seen: dict[str, set[int]] = {}
        cursor_row = event_list.rows.event_rows[event_list.cursor] - event_list.scroll_offset.y
        for y in range(event_list.scrollable_content_region.height):
            row = y + event_list.scroll_offset.y
            if row >= len(event_list.rows) or event_list.rows.kinds[row] != EVENT or y == cursor_row:
                continue
            marks = [s for s in _lane_segments(app, y) if s[0].strip() in ("●", "○")]
            index = event_list.rows.values[row]
            roles = lanes.roles(BUNDLED, index)
            lit = [a for a, r in zip(lanes.actors, roles, strict=True) if r]
            for (_, colour), actor in zip(marks[: len(lit)], lit, strict=True):  # (then the outcome's)
                assert colour is not None
                seen.setdefault(actor, set()).add(ansi(colour))
        for actor, colours in seen.items():
            assert colours == {ansi(picker[actor].split()[-1])}, actor
        # The cursor row: every mark in the colour of the title beside it (the cursor's foreground).
        cursor = _lane_segments(app, cursor_row)
        title = BUNDLED.events[event_list.selected].title[:10]  # type: ignore[index]
        fg = next(c for t, c in cursor if title in t)
        assert all(c == fg for t, c in cursor if t.strip() in ("●", "○", "·")), cursor


async def test_without_colour_the_cursor_row_draws_its_marks_in_its_own_foreground(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """NO_COLOR turns every colour a grey: a mark in its own grey on the cursor's grey vanished
    (✗ 240 on 241). On the cursor row, rows and lanes, every mark is in the row's foreground."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = TimelineApp([bundled_path()], watch=False, at="bratislava-meeting-proposal")  # type: ignore[arg-type]
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        assert app.no_color
        event_list = app.query_one(EventList)
        for lanes in (False, True):
            if lanes:
                await pilot.press("s")
                assert await until(pilot, lambda: event_list.lanes is not None)
            y = event_list.rows.event_rows[event_list.cursor] - event_list.scroll_offset.y
            cursor = _lane_segments(app, y)
            fg = next(c for t, c in cursor if t.startswith("Petrosyan disc"))
            marks = [(t, c) for t, c in cursor if t.strip() in ("●", "○", "·", "✗", "◔")]
            assert any(t.strip() == "✗" for t, _ in marks) or lanes
            assert marks and all(c == fg for _, c in marks), marks
