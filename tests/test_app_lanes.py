"""Issue 24, lanes and views in the explorer: the lanes key, --at, --view, the view chooser and the
key that copies the command line reopening the view."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from pilot import closed, notifications, started, until
from textual.widgets import Static

from timeline import Filter, bundled_path, load, parse_date
from timeline.cache import cache_dir
from timeline.cli import _build_parser, _normalise_argv, _spec
from timeline.columns import TITLE_WANTED
from timeline.dateshort import date_in
from timeline.lanes import lanes_for
from timeline.views import spec_of
from tui.app import TimelineApp
from tui.rows import EVENT, plan_row, row_text
from tui.screens.views import ViewPicker
from tui.view import ExplorerState
from tui.widgets.detail import DetailPane
from tui.widgets.event_list import EventList
from tui.widgets.lanes import LaneHeader, lane_title_cells

BUNDLED = load([bundled_path()]).timeline
BRATISLAVA = "bratislava-meeting-proposal"


def make(**kwargs: object) -> TimelineApp:
    return TimelineApp([bundled_path()], watch=False, folder=Path("/tmp"), **kwargs)  # type: ignore[arg-type]


def header(app: TimelineApp) -> str:
    return str(app.query_one(LaneHeader).render())


def line(app: TimelineApp, y: int) -> str:
    return app.query_one(EventList).render_line(y).text


def selected_id(app: TimelineApp) -> str | None:
    event = app.state.selected_event
    return event.id if event is not None else None


# -- the state, without a terminal -----------------------------------------------------------------


def test_lanes_are_the_states_and_in_every_view_it_makes() -> None:
    seen = []
    state = ExplorerState(on_change=seen.append)
    state.set_timeline(BUNDLED, initial=True)
    assert not state.view.lanes
    state.toggle_lanes()
    assert state.lanes and seen[-1].lanes and seen[-1].actors == frozenset()
    state.set_actors({"russia"})
    assert seen[-1].lanes and seen[-1].actors == {"russia"}
    state.toggle_lanes()
    assert not seen[-1].lanes


def test_a_named_view_is_one_change_that_undo_takes_back() -> None:
    state = ExplorerState()
    state.set_timeline(BUNDLED, initial=True)
    seen = []
    state.on_change = seen.append
    view = next(v for v in BUNDLED.views if v.name == "march-august-2023")
    assert state.apply_view(view)
    assert len(seen) == 1  # one change: filter, selection and lanes together
    assert state.filter == Filter(date_from=parse_date("2023-03"), date_to=parse_date("2023-08"))
    assert state.selected == BUNDLED.by_id[BRATISLAVA] and state.lanes
    assert state.undo() and state.filter == Filter() and not state.undo()


def test_the_states_command_line_reads_back_as_the_same_state() -> None:
    state = ExplorerState()
    state.set_timeline(BUNDLED, initial=True)
    state.set_actors({"azerbaijan"})
    state.set_range(parse_date("2023-03"), None)
    state.select(BUNDLED.by_id[BRATISLAVA])
    words = state.command_args()
    assert words == ["--actor", "azerbaijan", "--from", "2023-03", "--at", BRATISLAVA]
    args = _build_parser().parse_args(_normalise_argv(words))
    again = ExplorerState(_spec(args), at=args.at, lanes=args.lanes)
    again.set_timeline(BUNDLED, initial=True)
    assert (again.filter, again.selected, again.lanes) == (state.filter, state.selected, state.lanes)


# -- the app ---------------------------------------------------------------------------------------


async def test_the_lanes_key_shows_a_column_per_actor_and_the_selection_moves_as_in_rows() -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        assert not app.query_one(LaneHeader).display
        await pilot.press("s")
        assert await until(pilot, lambda: app.query_one(LaneHeader).display)
        lanes = app.query_one(EventList).lanes
        assert lanes is not None and lanes.actors[:2] == ("azerbaijan", "nagorno-karabakh")
        assert header(app).startswith(" AZ NK ") and "● part ○ account · none" in header(app)
        first = BUNDLED.events[app.state.shown[0]]
        row = line(app, 1)  # under the year heading
        assert row.rstrip().endswith(first.title[:10]) or first.title[:10] in row
        assert row[1] in "●○·"  # a mark in the first lane, readable without colour
        for _ in range(3):
            await pilot.press("j")
        assert app.state.position == 3
        title = BUNDLED.events[app.state.selected].title  # type: ignore[index]
        assert await until(pilot, lambda: title.split()[0] in app.query_one(DetailPane).content.plain)
        await pilot.press("s")
        assert await until(pilot, lambda: not app.query_one(LaneHeader).display)
        assert app.state.position == 3 and not app.state.lanes


async def test_lanes_for_the_chosen_actors() -> None:
    app = make(lanes=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await started(app, pilot)
        await pilot.press("a", *"russia", "enter")
        await closed(pilot)
        assert await until(
            pilot,
            lambda: (
                app.query_one(EventList).lanes is not None
                and app.query_one(EventList).lanes.actors == ("russia",)
            ),
        )  # type: ignore[union-attr]
        assert header(app).startswith(" RU ")
        for y in range(1, 6):
            text = line(app, y)
            if not text.startswith("──") and "┊" not in text:  # an event, not a year or a gap
                assert text[1] in "●○"  # every shown event involves Russia


async def test_at_opens_with_that_event_selected() -> None:
    app = make(at=BRATISLAVA)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        assert selected_id(app) == BRATISLAVA


async def test_at_an_unknown_event_ends_with_the_one_line_error() -> None:
    app = make(at="bratislava-meeting-proposl")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        assert await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 2
    assert app.exit_message == (
        "timeline: no event has the id 'bratislava-meeting-proposl'; "
        "did you mean 'bratislava-meeting-proposal'?"
    )


async def test_view_opens_a_named_view_with_its_lanes_and_event() -> None:
    app = make(view="march-august-2023")
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        assert app.state.lanes and selected_id(app) == BRATISLAVA
        expected = Filter(date_from=parse_date("2023-03"), date_to=parse_date("2023-08")).apply(BUNDLED)
        assert app.state.shown == expected


async def test_the_view_chooser_applies_a_view_as_one_undoable_change() -> None:
    app = make()
    async with app.run_test(size=(60, 15)) as pilot:
        await started(app, pilot)
        await pilot.press("v")
        assert await until(pilot, lambda: isinstance(app.screen, ViewPicker))
        hint = app.screen.query_one(".dialog-help", Static)
        assert hint.region.bottom <= 15 and hint.region.height >= 1  # its hint in sight at 60×15
        await pilot.press("down", "enter")  # the second view: declined meetings and proposals
        await closed(pilot)
        declined = next(v for v in BUNDLED.views if v.name == "declined")
        assert app.filter == spec_of(declined).resolve(BUNDLED)
        await pilot.press("escape")
        assert app.filter == Filter()


async def test_the_copy_key_gives_the_command_line_that_reopens_the_view(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        shown = notifications(app, monkeypatch)
        app.state.set_actors({"azerbaijan"})
        app.state.set_range(parse_date("2023-03"), None)
        app.state.select(BUNDLED.by_id[BRATISLAVA])
        await pilot.press("s", "p")
        assert await until(pilot, lambda: bool(shown))
        copied = (cache_dir() / "view-command.txt").read_text(encoding="utf-8")
        assert copied == f"timeline --actor azerbaijan --from 2023-03 --at {BRATISLAVA} --lanes"
        args = _build_parser().parse_args(_normalise_argv(shlex.split(copied)[1:]))
        assert _spec(args).resolve(BUNDLED) == app.filter and args.at == BRATISLAVA and args.lanes


def test_the_lanes_shown_are_the_models_layout() -> None:
    """(what the pane draws is lanes_for: no second definition in the app)"""
    shown = Filter(date_from=parse_date("2023-03"), date_to=parse_date("2023-08")).apply(BUNDLED)
    lanes = lanes_for(BUNDLED, shown, (), 80)
    assert lanes.actors and all(
        BUNDLED.actors[a].short == t for a, t in zip(lanes.actors, lanes.tags, strict=True)
    )


# -- lanes keep what the rows show (outcome, dates, title room, a legend that fits) -------------


async def test_lanes_show_the_outcome_the_rows_dates_and_the_rows_title_room() -> None:
    app = make(lanes=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        event_list = app.query_one(EventList)
        assert await until(pilot, lambda: event_list.lanes is not None)
        lanes = event_list.lanes
        assert lanes is not None
        width = event_list.scrollable_content_region.width
        # The title gets the cells the rows give it before the lanes get any.
        assert lane_title_cells(lanes, width) >= TITLE_WANTED
        # Every date as the rows show it: the rows' date column, the rows' shorter forms.
        planned = plan_row(width, [row_text(BUNDLED, i) for i in app.shown])
        assert lanes.date == planned.date
        war = BUNDLED.by_id[
            next(e.id for e in BUNDLED.events if e.title.startswith("Second Karabakh War ends"))
        ]
        text = event_list.draw_row(EVENT, war, width, False, lanes).text
        assert date_in(BUNDLED.events[war].when, planned.date) in text
        assert "27 Sep – 10 Nov…" not in text and text[lanes.title_x - 2 :].startswith("  Second")
        # The outcome mark before the title, as in the rows.
        declined = BUNDLED.by_id[BRATISLAVA]
        text = event_list.draw_row(EVENT, declined, width, False, lanes).text
        assert text[lanes.title_x - 2 : lanes.title_x] == "✗ "
        assert text[lanes.title_x :].startswith(BUNDLED.events[declined].title[:40])


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (60, 15)])
async def test_the_lanes_legend_fits_beside_the_tags(size: tuple[int, int]) -> None:
    app = make(lanes=True)
    async with app.run_test(size=size) as pilot:
        await started(app, pilot)
        head = app.query_one(LaneHeader)
        assert await until(pilot, lambda: head.display and "AZ" in header(app))
        for chosen in (set(), {"azerbaijan", "armenia", "russia", "nagorno-karabakh"}):
            app.state.set_actors(chosen)
            await pilot.pause()
            text = header(app).rstrip()
            assert len(text) <= head.size.width, text
            assert "● part ○ account · none" in text and "· ·" not in text
