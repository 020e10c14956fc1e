"""The status line never hides a condition of the filter: short words, then a count (issue 24)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from pilot import closed, settled, started, until

from timeline import bundled_path, load
from timeline.dates import parse_date
from timeline.filters import FilterSpec
from tui.app import TimelineApp
from tui.screens.dates import RangeDialog
from tui.widgets.status import StatusLine, fit_status

BUNDLED = load([bundled_path()]).timeline
FOUR = ["armenia", "azerbaijan", "nagorno-karabakh", "russia"]
PARTS = [
    ("actors: Armenia and Azerbaijan and Nagorno-Karabakh and Russia", "4 actors (all)"),
    ("dates: 2023 – 2023", "2023"),
    ('search: "talks"', 'search "talks"'),
]


def shows_every_condition(line: str, parts: Sequence[Sequence[str]]) -> bool:
    """Each condition is on the line in one of its forms, or counted as hidden."""
    shown = [any(form in line for form in forms) for forms in parts]
    hidden = len(parts) - sum(shown)
    counted = f"… +{hidden} filter" in line if hidden else "… +" not in line
    return counted and shown == sorted(shown, reverse=True)  # the hidden ones are the last


@pytest.mark.parametrize("width", range(10, 140))
def test_the_line_fits_and_shows_or_counts_every_condition(width: int) -> None:
    pieces = fit_status("12 of 69 events", PARTS, "m: match any", width)
    line = "".join(text for text, _ in pieces)
    assert shows_every_condition(line, PARTS), (width, line)
    if len("12 of 69 events · … +3 filters") <= width:
        assert len(line) <= width, (width, line)


def test_long_words_where_they_fit_short_ones_then_a_count() -> None:
    def line(width: int) -> str:
        return "".join(text for text, _ in fit_status("12 of 69 events", PARTS, "m: match any", width))

    roomy = line(200)
    assert roomy.startswith("12 of 69 events · actors: Armenia and Azerbaijan") and "(m: match any)" in roomy
    assert line(58) == '12 of 69 events · 4 actors (all) · 2023 · search: "talks"'
    assert line(40) == "12 of 69 events · … +3 filters"


async def _status_at(width: int, height: int) -> tuple[str, list[tuple[str, ...]], int]:
    app = TimelineApp([bundled_path()], watch=False)
    async with app.run_test(size=(width, height)) as pilot:
        await started(app, pilot)
        state = app.state
        state.set_actors(FOUR)
        state.toggle_match()  # all of them
        state.toggle_match()  # any of them: more events, the same words but "or"
        state.set_range(parse_date("2023"), parse_date("2023"))
        state.begin_search()
        state.search_changed("talks")
        state.keep_search("talks")
        status = app.query_one(StatusLine)
        await settled(pilot, lambda: str(status.render()))
        assert app.timeline is not None
        parts = app.filter.described(app.timeline)
        return str(status.render()), parts, status.content_region.width


@pytest.mark.parametrize("size", [(60, 15), (80, 24)])
async def test_four_actors_a_search_and_a_range_all_on_the_status_line(size: tuple[int, int]) -> None:
    line, parts, width = await _status_at(*size)
    assert len(parts) == 3 and len(line) <= width, line
    assert shows_every_condition(line, parts), line
    # At these widths every condition is named, none only counted.
    assert "… +" not in line and "4 actors" in line and '"talks"' in line and "2023" in line, line


def _line(parts: Sequence[Sequence[str]], width: int, counts: str = "27 of 72 events") -> str:
    return "".join(text for text, _ in fit_status(counts, parts, "m: match all", width))


#: Four actors, a range as the date dialog sets it and a search: issue 24's follow-up.
SPEC = FilterSpec(
    actors=tuple(FOUR), date_from=parse_date("2023-03"), date_to=parse_date("2023-08"), text="talks"
)


@pytest.mark.parametrize("width", range(40, 121))
def test_every_condition_is_named_whenever_the_shortest_words_fit(width: int) -> None:
    parts = SPEC.resolve(BUNDLED).described(BUNDLED)
    line = _line(parts, width)
    assert len(line) <= width, line
    assert shows_every_condition(line, parts), line
    shortest = " · ".join(["27 of 72 events", *(forms[-1] for forms in parts)])
    if len(shortest) <= width:
        assert "… +" not in line, (width, line)
        assert all(any(form in line for form in forms) for forms in parts), (width, line)
        # Never shorter words than needed: one step longer for any condition would not fit.
        chosen = [next(k for k, form in enumerate(forms) if form in line) for forms in parts]
        for at, k in enumerate(chosen):
            if k:
                longer = [forms[j] for forms, j in zip(parts, chosen, strict=True)]
                longer[at] = parts[at][k - 1]
                assert len(" · ".join(["27 of 72 events", *longer])) > width, (width, line)


@pytest.mark.parametrize("size", [(60, 15), (80, 24)])
async def test_a_range_set_with_d_leaves_the_search_named(size: tuple[int, int]) -> None:
    """At 60 and 80 columns, four actors, a search and a range typed into the date dialog are
    all named on the status line: ``4 actors``, ``Mar–Aug 2023``, ``"talks"`` fit."""
    app = TimelineApp([bundled_path()], FilterSpec(actors=tuple(FOUR), text="talks"), watch=False)
    async with app.run_test(size=size) as pilot:
        await started(app, pilot)
        await pilot.press("d")
        assert await until(pilot, lambda: isinstance(app.screen, RangeDialog))
        await pilot.press(*"2023-03", "tab", *"2023-08", "enter")
        await closed(pilot)
        status = app.query_one(StatusLine)
        assert await until(pilot, lambda: "Aug 2023" in str(status.render())), str(status.render())
        line = str(status.render())
        assert "… +" not in line and len(line) <= status.content_region.width, line
        assert "4 actors" in line and "Mar" in line and "Aug 2023" in line and '"talks"' in line, line
