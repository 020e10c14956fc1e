"""The overview strip: label placement, ticks, the selection marker, clicks, and one renderer."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pilot import started

from timeline import Timeline, bundled_path, load, load_text
from tui import compat
from tui.app import TimelineApp
from tui.widgets.event_list import EventList
from tui.widgets.overview import (
    BREAK_WIDTH,
    LABEL_GAP,
    MARKER,
    MONTHS,
    Overview,
    TimeScale,
    place_labels,
    place_ticks,
)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from generate import generate

BUNDLED = load([bundled_path()]).timeline
WIDTHS = (40, 78, 118, 200)


def _load(text: str) -> Timeline:
    return load_text([("t.yaml", text.encode())]).timeline


@pytest.fixture(scope="module")
def one_year(timeline_text_module: Callable[..., str]) -> Timeline:
    return _load(timeline_text_module)


@pytest.fixture(scope="module")
def timeline_text_module() -> str:
    from tests.conftest import _event_text, _timeline_text

    events = [
        _event_text(f"e{n}", date=f"2023-{month:02d}-{day:02d}", title=f"Event {n}")
        for n, (month, day) in enumerate([(1, 5), (2, 9), (3, 1), (3, 20), (6, 2), (8, 1), (8, 15), (11, 30)])
    ]
    events.append(_event_text("span", date="2023-04-01", end="2023-09-30", title="A long summer of talks"))
    return _timeline_text(*events)


@pytest.fixture(scope="module")
def huge() -> Timeline:
    return _load("".join(generate(100_000)))


def _timelines(request: pytest.FixtureRequest) -> list[tuple[str, Timeline]]:
    return [("bundled", BUNDLED), ("one year", request.getfixturevalue("one_year"))]


def test_labels_never_overlap_are_shortened_then_dropped() -> None:
    bands = [
        (0, 30, "A rather long first era name"),
        (10, 20, "Inner"),
        (25, 60, "Second era"),
        (61, 63, "Tiny"),
    ]
    placed = place_labels(bands, 64)
    _assert_apart(placed, bands, 64)
    texts = {bands[i][2]: text for _, text, i in placed}
    assert texts["Second era"] == "Second era"
    assert texts["A rather long first era name"].endswith("…")  # cut to what was left of its band
    assert "Tiny" not in texts  # three cells of band at the strip's end: no room, dropped
    # With empty cells after it, the label runs on over them; with another band there, it cannot.
    assert "Tiny" in {t for _, t, _ in place_labels(bands, 71)}
    assert "Tiny" not in {t for _, t, _ in place_labels([*bands, (64, 70, "After")], 71)}
    # The widest band chooses first and takes its leftmost room; the narrow one inside it gets none.
    assert placed[0][0] == 1


def _assert_apart(placed: list[tuple[int, str, int]], bands: list[tuple[int, int, str]], width: int) -> None:
    spans = sorted((x, x + len(text)) for x, text, _ in placed)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end + LABEL_GAP <= start, placed
    covered = {c for a, b, _ in bands for c in range(max(0, a), min(width - 1, b) + 1)}
    for x, text, i in placed:
        a, b, label = bands[i]
        # In its band, or run on past its end over cells no band covers.
        assert max(0, a) <= x, (x, text, bands[i])
        assert all(c <= b or c not in covered for c in range(x, x + len(text))), (x, text, bands[i])
        assert text == label or (text.endswith("…") and label.startswith(text[:-1].rstrip()))


def _lines(overview: Overview, timeline: Timeline, width: int, selected: int | None) -> list[str]:
    overview.timeline, overview.shown = timeline, list(range(len(timeline.events)))
    scale = overview._ensure_scale(width)
    assert scale is not None
    overview.selected = selected
    density = overview._marked(overview._density(width))
    return [overview._bands(scale, width).plain, density.plain, "".join(overview._axis_base(scale, width))]


def _check_strip(timeline: Timeline, width: int) -> None:
    overview = Overview()
    overview.timeline = timeline
    scale = TimeScale.build(timeline, width)
    bands = [(a, b, label) for a, b, label, _ in overview.bands(scale)]
    placed = place_labels(bands, width)
    _assert_apart(placed, bands, width)
    # Every event selected in turn (a sample of a large one): the marker is on the density line, alone
    # in its cell, and the labels and ticks are drawn whole, untouched by it.
    step = max(1, len(timeline.events) // 50)
    plain = _lines(overview, timeline, width, None)
    for index in range(0, len(timeline.events), step):
        bands_line, density, axis = _lines(overview, timeline, width, index)
        assert (bands_line, axis) == (plain[0], plain[2])
        assert density.count(MARKER) == 1 and density.index(MARKER) == overview._column_of(index)
        assert MARKER not in bands_line + axis
        for x, text, _ in placed:
            assert bands_line[x : x + len(text)] == text
    # The ticks: whole labels, apart from each other and from the breaks.
    axis = plain[2]
    covered = [False] * width
    placed_ticks = [(x, label) for x, label, _, _ in scale.ticks() if axis[x : x + len(label)] == label]
    for x, label in placed_ticks:
        assert not any(covered[max(0, x - LABEL_GAP) : x + len(label)]), (label, axis)  # apart
        covered[x : x + len(label)] = [True] * len(label)
    assert placed_ticks, axis
    assert all(covered[x] for x, ch in enumerate(axis) if ch not in " ≈"), axis  # nothing else written
    for x in scale.breaks():
        assert axis[x : x + BREAK_WIDTH] == "≈" * BREAK_WIDTH


@pytest.mark.parametrize("width", WIDTHS)
def test_the_strip_of_the_bundled_and_a_one_year_timeline(width: int, request: pytest.FixtureRequest) -> None:
    for _, timeline in _timelines(request):
        _check_strip(timeline, width)


def test_the_strip_of_a_100000_event_timeline(huge: Timeline) -> None:
    for width in (78, 118):
        _check_strip(huge, width)


def _imported(name: str) -> Timeline:
    """One of TimelineJS's own examples (tests/data/timelinejs), imported."""
    from timeline.interop.importer import import_text

    data = Path(__file__).parent / "data" / "timelinejs" / name
    text, _, _ = import_text(name, data.read_bytes())
    return _load(text)


@pytest.mark.parametrize("width", (58, 78, 118))
def test_real_sparse_timelines_break_only_at_long_silences_and_label_their_first_year(width: int) -> None:
    # A century of world history, 602-698, in 20 events: gaps of up to 13 years, none long
    # beside the whole, so no break (the strip once read "≈≈≈604  ≈≈≈ ≈≈≈626≈≈≈≈≈≈632 ...").
    century = _imported("eras.json")
    assert TimeScale.build(century, width).breaks() == []
    # Houston, 1963-2012: one event in 1963, then none until 1978: a break, and the lone first
    # event's stretch is wide enough to show its year before it.
    houston = _imported("houston.json")
    scale = TimeScale.build(houston, width)
    assert len(scale.breaks()) == 1
    line = [" "] * width
    for x in scale.breaks():
        line[x : x + BREAK_WIDTH] = ["≈"] * BREAK_WIDTH
    place_ticks(scale.ticks(), line)
    axis = "".join(line)
    assert axis.startswith("1963") and "≈≈≈1978" in axis.replace(" ", ""), axis
    for timeline in (century, houston):
        _check_strip(timeline, width)


def test_a_one_year_timeline_has_month_ticks(one_year: Timeline) -> None:
    scale = TimeScale.build(one_year, 118)
    assert scale.monthly
    line = [" "] * 118
    place_ticks(scale.ticks(), line)
    axis = "".join(line)
    assert axis.startswith("Jan 2023")
    assert sum(month in axis.split() for month in MONTHS) >= 6


def test_busy_years_get_room_and_quiet_ones_compress() -> None:
    scale = TimeScale.build(BUNDLED, 118)
    import datetime as dt

    def cells(year: int) -> int:
        return scale.column(dt.date(year, 12, 31).toordinal()) - scale.column(dt.date(year, 1, 1).toordinal())

    # 2023 holds 28 of the 36 events: it gets more room than the war of 1991–1994 (one event).
    assert cells(2023) > 3 * cells(1992)
    assert scale.breaks(), "the 26 quiet years between the wars are a break"


async def _app_at(size: tuple[int, int], path: Path | str) -> TimelineApp:
    return TimelineApp([path], watch=False)


async def test_clicking_the_strip_selects_the_nearest_shown_event() -> None:
    app = TimelineApp([bundled_path()], watch=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        overview = app.query_one(Overview)
        event_list = app.query_one(EventList)
        assert event_list.selected == 0
        target = len(BUNDLED.events) - 1
        x = overview._column_of(target)
        await pilot.click(Overview, offset=(x + 1, 1))  # +1: the strip's left padding
        await pilot.pause()
        chosen = event_list.selected
        assert chosen is not None and chosen != 0
        assert abs(overview._column_of(chosen) - x) <= 1
        assert overview.marker_column() == overview._column_of(chosen)


@pytest.mark.parametrize("which", ["bundled", "generated"])
async def test_render_and_render_line_draw_the_same_cells(which: str, tmp_path: Path) -> None:
    if which == "bundled":
        path: Path | str = bundled_path()
    else:
        path = tmp_path / "g.yaml"
        path.write_text("".join(generate(800, seed=5)))
    for width in (60, 100, 140):
        app = TimelineApp([path], watch=False)
        async with app.run_test(size=(width, 30)) as pilot:
            await started(app, pilot)
            overview = app.query_one(Overview)
            event_list = app.query_one(EventList)
            for position in (0, len(event_list.shown) // 2):
                app.state.select_at(position)
                await pilot.pause()
                lines = [overview.render_line(y) for y in range(3)]
                whole = overview.render()
                strips = compat.content_strips(overview, whole, overview.size.width, 3)
                assert _cells(strips) == _cells(lines), (which, width, position)


def _cells(strips: list) -> list[list[tuple[str, object]]]:  # type: ignore[type-arg]
    """Each line's cells: character and style (without the offsets a line carries for selection)."""
    out = []
    for strip in strips:
        cells = []
        for segment in strip:
            style = segment.style.clear_meta_and_links() if segment.style else None
            cells += [(ch, style) for ch in segment.text]
        out.append(cells)
    return out


def test_named_eras_are_the_bands_with_their_names() -> None:
    from tests.conftest import HEAD, _event_text, _timeline_text

    head = HEAD.replace(
        "sources:",
        "eras:\n"
        "  - {name: First Karabakh war, start: 1988-02, end: 1994-05-12}\n"
        "  - {name: Talks between the wars, start: 1994-05-12, end: 2020-09-27}\n"
        "  - {name: Blockade and exodus, start: 2022-12-12, end: 2023-09-30}\n"
        "sources:",
    )
    dates = ["1992-03", "2020-11-10", "2023-08-01"]
    events = [_event_text(f"e{n}", date=date) for n, date in enumerate(dates)]
    timeline = _load(_timeline_text(*events, head=head))
    assert [era.name for era in timeline.eras] == [
        "First Karabakh war",
        "Talks between the wars",
        "Blockade and exodus",
    ]
    for width in WIDTHS:
        overview = Overview()
        overview.timeline = timeline
        scale = TimeScale.build(timeline, width)
        bands = overview.bands(scale)
        assert [label for _, _, label, _ in bands] == [era.name for era in timeline.eras]
        assert bands[0][3] != bands[1][3], "neighbouring eras differ in colour"
        _check_strip(timeline, width)
    line = _lines(Overview(), timeline, 118, None)[0]
    assert "First Karabakh war" in line and "Blockade and exodus" in line


def test_labels_are_placed_by_terminal_cells_not_characters() -> None:
    import itertools

    from rich.cells import cell_len

    from tui.widgets.overview import place_labels

    wide = "第一次战争第一次战争"  # 10 characters, 20 cells
    placed = place_labels([(0, 30, wide), (31, 60, "Second")], 61)
    ends = sorted((x, x + cell_len(text)) for x, text, _ in placed)
    assert all(end <= start for (_, end), (start, _) in itertools.pairwise(ends))
    assert all(end <= 61 for _, end in ends)
    # Cut to fit: a band of 6 cells takes a label of at most 6 cells, wide characters counted twice.
    ((_, text, _),) = place_labels([(0, 6, wide)], 7)
    assert cell_len(text) <= 6 and text.endswith("…")
