"""Where the overview strip puts things, cell by cell, with no Textual: the columns of era bands,
labels and ticks, the ``≈`` breaks, the density's bins and the selection marker's column.

Most tests lay a strip out on a straight scale (:func:`straight`), where the column of a day is
worked out by hand; the property tests then hold the layout's promises on scales built from
random events.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from timeline import Era, Timeline, load_text
from timeline.dates import day_number, parse_date
from tui.overview_layout import (
    BAR,
    BREAK,
    BREAK_DAYS,
    BREAK_WIDTH,
    LABEL_GAP,
    MARKER,
    MIN_WIDTH,
    MONTHS,
    SPARK,
    Band,
    EventColumns,
    TimeScale,
    _opening_label,
    axis_line,
    band_cells,
    bands,
    era_bands,
    lay_out,
    place_labels,
    sparkline,
)

WIDE = "第一次战争"  # five characters, ten terminal cells


def straight(first: int, last: int, width: int) -> TimeScale:
    """A scale with no breaks on which days ``first``..``last`` are spread evenly over ``width``
    columns: day ``d`` is drawn in column ``(d - first) * width // (last + 1 - first)``."""
    return TimeScale([first, last + 1], [0.0, float(width)], width, [], False, False, [(first, last)])


def year_2023(width: int = 365) -> TimeScale:
    """2023 on a straight scale: at the default width, a column a day (1 January is column 0)."""
    return straight(day_number(2023, 1, 1), day_number(2023, 12, 31), width)


def era(name: str, start: str, end: str) -> Era:
    return Era(name, parse_date(start), parse_date(end))


def _load(text: str) -> Timeline:
    return load_text([("t.yaml", text.encode())]).timeline


def axis_labels(axis: str) -> list[tuple[int, str]]:
    """The labels on an axis line and the column each begins in (``300 BC`` and ``Jan 2023`` are one)."""
    label = r"(?:[A-Z][a-z]{2} )?[^ ≈]+(?: BC| AD)?"
    return [(m.start(), m.group()) for m in re.finditer(label, axis)]


# -- era bands: the columns each covers ------------------------------------------------------------


def test_an_era_from_march_to_september_covers_exactly_their_columns() -> None:
    # 1 March 2023 is day 59 of the year (31 + 28 days before it); 30 September is day 272.
    (band,) = era_bands([era("Talks", "2023-03", "2023-09")], year_2023())
    assert band == Band(59, 272, "Talks", None)
    # On 91 columns, day d of the year is in column d * 91 // 365: 59 -> 14, 272 -> 67.
    assert era_bands([era("Talks", "2023-03", "2023-09")], year_2023(91))[0][:2] == (14, 67)
    # On the band line, those columns and only those are the band's.
    cells = band_cells([band], 365)
    assert [x for x, cell in enumerate(cells) if cell.band == 0] == list(range(59, 273))
    assert {cell.look for cell in cells[:59] + cells[273:]} == {"blank"}


def test_an_era_of_whole_years_runs_from_the_start_of_its_first_to_the_end_of_its_last() -> None:
    # 2020 to 2024 a column a day: 2020 is a leap year, so 2021 begins in column 366, 2022 in 731,
    # 2023 in 1096. An era "2021 to 2022" covers 366..1095: its end is the END of 2022 (the last
    # day "2022" can mean), not its start, and its start the START of 2021.
    scale = straight(day_number(2020, 1, 1), day_number(2024, 12, 31), 1827)
    (band,) = era_bands([era("Two years", "2021", "2022")], scale)
    assert (band.first, band.last) == (366, 1095)
    # Ending in a year ends where the next year's first column begins...
    assert band.last + 1 == scale.column(day_number(2023, 1, 1))
    # ...and an era of one year covers the whole year, whichever end of it the other era stops at.
    assert era_bands([era("One", "2022", "2022")], scale)[0][:2] == (731, 1095)
    assert era_bands([era("Month", "2022-12", "2022-12")], scale)[0][:2] == (1065, 1095)


def test_an_era_of_a_year_on_a_built_scale_ends_where_the_next_year_is_ticked() -> None:
    from tests.conftest import HEAD, _event_text, _timeline_text

    head = HEAD.replace("sources:", "eras:\n  - {name: The middle year, start: 2022, end: 2022}\nsources:")
    dates = [f"{year}-{month:02d}-10" for year in (2021, 2022, 2023) for month in (1, 4, 7, 10)]
    timeline = _load(_timeline_text(*(_event_text(f"e{n}", date=d) for n, d in enumerate(dates)), head=head))
    for width in (40, 80, 160):
        layout = lay_out(timeline, width)
        assert layout is not None
        (band,) = layout.bands
        ticks = {label: x for x, label, rank, _ in layout.scale.ticks() if rank == 0}
        assert band.first == ticks["2022"], (width, band, ticks)
        assert band.last in (ticks["2023"] - 1, ticks["2023"]), (width, band, ticks)
        assert layout.axis[ticks["2022"] : ticks["2022"] + 4] == "2022"


def test_without_eras_the_longest_events_are_the_bands() -> None:
    from tests.conftest import _event_text, _timeline_text

    events = [
        _event_text("short", date="2023-02-01", end="2023-02-20", title="Too short for a band"),
        _event_text("long", date="2023-03-01", end="2023-09-30", title="A long summer", kind="war"),
        _event_text("point", date="2023-11-01", title="A day"),
    ]
    timeline = _load(_timeline_text(*events))
    scale = TimeScale.build(timeline, 100)
    (band,) = bands(timeline, scale)
    assert band == Band(
        scale.column(day_number(2023, 3, 1)), scale.column(day_number(2023, 9, 30)), "A long summer", "war"
    )


def test_wider_bands_are_drawn_first_and_narrower_ones_over_them() -> None:
    cells = band_cells([Band(0, 39, "Wide"), Band(10, 19, "Narrow")], 40)
    assert [cell.band for cell in cells[10:20]] == [1] * 10
    assert {cell.band for cell in cells[:10] + cells[20:]} == {0}
    assert "".join(cell.text for cell in cells) == BAR + "Wide" + BAR * 5 + BAR + "Narrow" + BAR * 23


# -- labels of bands -------------------------------------------------------------------------------


def test_a_label_sits_in_its_band_after_its_first_cell_and_runs_on_over_empty_cells() -> None:
    cells = band_cells([Band(5, 20, "Inside")], 30)
    assert "".join(cell.text for cell in cells[6:12]) == "Inside"
    assert {cell.look for cell in cells[6:12]} == {"label"}
    assert cells[5] == (BAR, 0, "bar")  # the band shows where it begins
    # A band too narrow for its name: the name runs on past its end (not over the next band).
    cells = band_cells([Band(5, 7, "Runs on")], 30)
    text = "".join(cell.text for cell in cells)
    assert text[5:15] == BAR + "Runs on" + "  "
    assert [cell.look for cell in cells[6:13]] == ["label", "label"] + ["label past band"] * 5


def test_wide_character_labels_are_measured_in_terminal_cells() -> None:
    width = 40
    cells = band_cells([Band(0, 15, WIDE), Band(16, 39, "Second")], width)
    assert len(cells) == width
    assert cell_len("".join(cell.text for cell in cells)) == width  # each cell is one terminal cell
    # The wide name takes two cells a character: the second is covered by the character before it.
    assert [cell.text for cell in cells[1:11]] == ["第", "", "一", "", "次", "", "战", "", "争", ""]
    assert {cell.band for cell in cells[1:11]} == {0}
    # The second band still begins on its own column, its label after its first cell.
    assert cells[16] == (BAR, 1, "bar")
    assert "".join(cell.text for cell in cells[17:23]) == "Second"
    # Cut to fit: a band of eight cells keeps a label of at most seven (after its first), with "…".
    ((x, text, _),) = place_labels([(0, 7, WIDE)], 8)
    assert (x, text) == (1, "第一次…") and cell_len(text) == 7


# -- the axis: ticks and breaks --------------------------------------------------------------------


def two_days(gap: int, width: int) -> TimeScale:
    a = day_number(2000, 1, 1)
    return TimeScale.of_days([a, a + gap], [a, a + gap], width)


def test_a_silence_of_two_years_is_a_break_a_shorter_one_is_not() -> None:
    assert BREAK_DAYS == 730
    assert two_days(729, 43).breaks() == []
    assert two_days(730, 43).breaks() != []


def test_the_break_takes_its_cells_between_the_two_stretches() -> None:
    # Two single days ten years apart, equally busy: each stretch gets half of what the break
    # leaves (43 - 3 = 40 columns), so the break takes columns 20, 21 and 22.
    a = day_number(2000, 1, 1)
    b = day_number(2010, 1, 1)
    scale = TimeScale.of_days([a, b], [a, b], 43)
    assert scale.breaks() == [20]
    axis = axis_line(scale)
    assert axis[20:23] == BREAK * BREAK_WIDTH and axis.count(BREAK) == BREAK_WIDTH
    assert (scale.column(a), scale.column(b)) == (0, 23)
    assert axis.startswith("2000") and axis[23:27] == "2010"


def test_a_silence_short_beside_the_whole_is_no_break() -> None:
    # Four years without events in a timeline of thirty: less than a fifth of it, so no break.
    days = [day_number(year, 6, 1) for year in (*range(1990, 2000), *range(2004, 2020))]
    assert TimeScale.of_days(days, days, 100).breaks() == []
    # The same four years in a timeline of eight are a break.
    days = [day_number(year, 6, 1) for year in (1998, 1999, 2004, 2005)]
    assert len(TimeScale.of_days(days, days, 100).breaks()) == 1


def test_each_stretch_opens_with_its_year_even_when_it_holds_one_event() -> None:
    # One event in 1963, then many from 1978: the lone 1963 still gets room for its year.
    lone = day_number(1963, 5, 25)
    busy = [day_number(year, month, 1) for year in range(1978, 2013) for month in (2, 5, 8, 11)]
    days = [lone, *busy]
    for width in (40, 58, 78, 118):
        scale = TimeScale.of_days(days, days, width)
        axis = axis_line(scale)
        (x,) = scale.breaks()
        assert axis.startswith("1963") and axis[x : x + BREAK_WIDTH + 4] == BREAK * BREAK_WIDTH + "1978", axis


def test_ticks_never_overlap_and_keep_a_blank_between() -> None:
    days = [day_number(year, month, 15) for year in range(1900, 2000) for month in (3, 9)]
    for width in (10, 23, 40, 80, 200):
        axis = axis_line(TimeScale.of_days(days, days, width))
        words = axis_labels(axis)
        assert words, axis
        for (x, word), (y, _) in itertools.pairwise(words):
            assert x + len(word) + LABEL_GAP <= y, axis
        assert all(word.isdigit() for _, word in words), axis  # whole years, none cut


def test_a_short_timeline_ticks_months_after_its_opening_month_and_year() -> None:
    days = [day_number(2023, month, 1) for month in range(1, 13)]
    axis = axis_line(TimeScale.of_days(days, days, 120))
    assert [label for _, label in axis_labels(axis)] == ["Jan 2023", *MONTHS[1:]]
    # Narrower, the months that do not fit are left out, never squeezed or cut.
    axis = axis_line(TimeScale.of_days(days, days, 40))
    labels = [label for _, label in axis_labels(axis)]
    assert labels[0] == "Jan 2023" and 1 < len(labels) < 12 and set(labels[1:]) <= set(MONTHS), axis


def test_years_before_the_common_era_are_labelled_bc() -> None:
    # Astronomical year -299 is 300 BC; 0 is 1 BC.
    days = [day_number(-299, 3, 1), day_number(-298, 3, 1), day_number(0, 12, 31), day_number(1, 1, 1)]
    axis = axis_line(TimeScale.of_days(days, days, 80))
    assert axis.index("300 BC") < axis.index("299 BC") < axis.index("1 BC"), axis
    # A short timeline before the era opens with its month and its year.
    days = [day_number(-299, month, 1) for month in (3, 5, 7)]
    assert axis_line(TimeScale.of_days(days, days, 60)).startswith("Mar 300 BC")


def test_an_era_before_the_common_era_covers_its_years() -> None:
    # Astronomical years -300 to -298 (301 to 299 BC) a column a day: none is a leap year (-300
    # is a century not divisible by 400), so 300 BC is columns 365..729.
    scale = straight(day_number(-300, 1, 1), day_number(-298, 12, 31), 3 * 365)
    (band,) = era_bands([era("Old", "300 BC", "300 BC")], scale)
    assert (band.first, band.last) == (365, 729)


# -- events: their columns, the density and the marker ---------------------------------------------


def test_the_marker_is_in_the_column_of_the_selected_events_first_day() -> None:
    firsts = [day_number(2023, 1, 1), day_number(2023, 7, 1), day_number(2023, 12, 31)]
    for in_order in (True, False):
        columns = EventColumns(year_2023(), firsts, in_order)
        # 1 July is day 181 of 2023 (31 + 28 + 31 + 30 + 31 + 30 days before it).
        assert [columns.marker(i) for i in range(3)] == [0, 181, 364]
        assert columns.marker(None) is None and columns.marker(3) is None and columns.marker(-1) is None


def test_the_density_counts_the_shown_events_per_column() -> None:
    firsts = [day_number(2023, 1, 1)] * 3 + [day_number(2023, 1, 5), day_number(2023, 12, 31)]
    scale = year_2023(73)  # five days a column
    for in_order in (True, False):
        columns = EventColumns(scale, firsts, in_order)
        counts = columns.counts([0, 1, 2, 3, 4])
        assert (counts[0], counts[72], sum(counts)) == (4, 1, 5)
        assert columns.counts([3]) == [1] + [0] * 72
        line = sparkline(counts)
        assert len(line) == 73 and line[0] == SPARK[-1] and line[72] == SPARK[2] and set(line[1:72]) == {" "}


def test_a_click_finds_the_nearest_shown_event() -> None:
    firsts = [day_number(2023, 1, 1), day_number(2023, 6, 1), day_number(2023, 12, 1)]
    for in_order in (True, False):
        columns = EventColumns(year_2023(), firsts, in_order)
        assert columns.nearest([0, 1, 2], 140) == 1
        assert columns.nearest([0, 2], 140) == 0  # 140 columns from one, 194 from the other
        assert columns.nearest([], 140) is None


def test_nothing_is_laid_out_for_no_events_or_too_few_columns() -> None:
    from tests.conftest import _timeline_text

    timeline = _load(_timeline_text())
    assert lay_out(timeline, MIN_WIDTH - 1) is None
    assert lay_out(Timeline("T", {}, {}, ()), 80) is None
    layout = lay_out(timeline, MIN_WIDTH)
    assert layout is not None and len(layout.axis) == MIN_WIDTH and MARKER not in layout.axis


# -- properties ------------------------------------------------------------------------------------

FIRST_DAY = day_number(-400, 1, 1)
LAST_DAY = day_number(2200, 12, 31)
spans = st.lists(
    st.tuples(st.integers(FIRST_DAY, LAST_DAY), st.integers(0, 40 * 365) | st.just(0)),
    min_size=1,
    max_size=40,
)
widths = st.integers(MIN_WIDTH, 240)


def scale_of(events: Sequence[tuple[int, int]], width: int) -> tuple[TimeScale, list[int]]:
    firsts = sorted(a for a, _ in events)
    lasts = [a + n for a, (_, n) in zip(firsts, sorted(events), strict=True)]
    return TimeScale.of_days(firsts, lasts, width), firsts


@settings(max_examples=150)
@given(spans, widths, st.lists(st.integers(FIRST_DAY - 1000, LAST_DAY + 1000), max_size=30))
def test_columns_are_in_the_strip_and_grow_with_time(
    events: list[tuple[int, int]], width: int, days: list[int]
) -> None:
    scale, firsts = scale_of(events, width)
    assert all(0 <= scale.column(day) < width for day in [*days, *firsts])
    after_the_end = scale.days[-1]  # the day after the last day of the last event
    columns = [scale.column(day) for day in sorted([*days, *firsts, after_the_end, after_the_end + 400])]
    assert columns == sorted(columns)
    assert scale.column(after_the_end) == scale.column(after_the_end + 400) == width - 1  # the edge's
    for x in scale.breaks():
        assert 0 <= x < width


def test_an_era_running_past_the_last_event_reaches_the_strips_last_column() -> None:
    from timeline import bundled_path, load

    timeline = load([bundled_path()]).timeline
    layout = lay_out(timeline, 78)
    assert layout is not None
    last_era = layout.bands[-1]
    assert timeline.eras[-1].end.last_day > timeline.day_bounds[1][-1]  # it ends after the last event
    assert layout.columns.column(len(timeline.events) - 1) == 77
    assert last_era.last == 77  # not 76, with a blank cell after it at the strip's end


@settings(max_examples=100)
@given(spans, widths, st.data())
def test_the_density_equals_a_count_event_by_event(
    events: list[tuple[int, int]], width: int, data: st.DataObject
) -> None:
    scale, firsts = scale_of(events, width)
    shown = sorted(data.draw(st.sets(st.integers(0, len(firsts) - 1))))
    expected = [0] * width
    for i in shown:
        expected[scale.column(firsts[i])] += 1
    for in_order in (True, False):
        columns = EventColumns(scale, firsts, in_order)
        assert columns.counts(shown) == expected
        assert [columns.column(i) for i in range(len(firsts))] == [scale.column(day) for day in firsts]
        if shown:
            x = data.draw(st.integers(0, width - 1))
            near = columns.nearest(shown, x)
            assert near in shown
            assert abs(columns.column(near) - x) == min(abs(columns.column(i) - x) for i in shown)


@settings(max_examples=100)
@given(spans, widths)
def test_the_axis_holds_only_breaks_and_whole_ticks_apart(events: list[tuple[int, int]], width: int) -> None:
    scale, _ = scale_of(events, width)
    axis = axis_line(scale)
    assert len(axis) == width
    for x in scale.breaks():
        assert axis[x : x + BREAK_WIDTH] == BREAK * BREAK_WIDTH or x + BREAK_WIDTH > width
    placed = [(x, label) for x, label, _, _ in scale.ticks() if axis[x : x + len(label)] == label]
    written = [False] * width
    for x, label in sorted(placed):
        if any(written[x : x + len(label)]):
            continue  # a tick whose text happens to be inside a longer one ("Jan 2023" holds "2023")
        assert not any(written[max(0, x - LABEL_GAP) : x + len(label)]), axis
        written[x : x + len(label)] = [True] * len(label)
    assert all(written[x] for x, ch in enumerate(axis) if ch not in f" {BREAK}"), axis


@settings(max_examples=100)
@given(spans, widths)
def test_each_stretch_has_room_for_its_opening_label(events: list[tuple[int, int]], width: int) -> None:
    scale, _ = scale_of(events, width)
    labels = [_opening_label(a, scale.monthly) for a, _ in scale.segments]
    # Where the strip has room for every stretch's opening label, each one is on the axis.
    if sum(len(label) + LABEL_GAP + BREAK_WIDTH for label in labels) <= width:
        axis = axis_line(scale)
        for (a, _), label in zip(scale.segments, labels, strict=True):
            x = scale.column(a)
            assert axis[x : x + len(label)] == label, (axis, label)


names = st.text(st.sampled_from("Aab z第一次战争"), max_size=14)
months = st.tuples(st.integers(-300, 2100), st.integers(1, 12))


@settings(max_examples=150)
@given(spans, widths, st.lists(st.tuples(months, months, names), max_size=6))
def test_bands_and_their_labels_stay_in_the_strip(
    events: list[tuple[int, int]], width: int, eras: list[tuple[tuple[int, int], tuple[int, int], str]]
) -> None:
    scale, _ = scale_of(events, width)
    timeline_eras = []
    for start, end, name in eras:
        start, end = sorted([start, end])
        timeline_eras.append(era(name, _month_text(*start), _month_text(*end)))
    laid_out = era_bands(timeline_eras, scale)
    for band in laid_out:
        assert 0 <= band.first <= band.last < width
    cells = band_cells(laid_out, width)
    assert len(cells) == width and cell_len("".join(cell.text for cell in cells)) == width
    placed = place_labels([band[:3] for band in laid_out], width)
    spans_of_labels = sorted((x, x + cell_len(text)) for x, text, _ in placed)
    for (_, end), (start, _) in itertools.pairwise(spans_of_labels):
        assert end + LABEL_GAP <= start
    assert all(x >= 0 and end <= width for x, end in spans_of_labels)
    for x, text, n in placed:
        assert [cell.band for cell in cells[x : x + cell_len(text)]] == [n] * cell_len(text)


def _month_text(year: int, month: int) -> str:
    """A month as EDTF writes it (astronomical years: ``-0299-03`` is March 300 BC)."""
    return f"{year:05d}-{month:02d}" if year < 0 else f"{year:04d}-{month:02d}"


@pytest.mark.parametrize("width", [MIN_WIDTH, 57, 120])
def test_the_whole_layout_of_a_timeline_is_as_wide_as_the_strip(width: int) -> None:
    from timeline import bundled_path, load

    timeline = load([bundled_path()]).timeline
    layout = lay_out(timeline, width)
    assert layout is not None
    assert len(layout.axis) == len(layout.band_cells) == width
    assert len(layout.density(list(range(len(timeline.events))))) == width
