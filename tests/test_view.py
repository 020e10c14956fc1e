"""The explorer's state and rules (tui.view), without a terminal: filter, undo, search, selection,
date range, go to date, link history, and what the pickers and status line say."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from timeline import Filter, FilterSpec, Timeline, UnknownActorError, bundled_path, load, parse_date
from timeline.filters import UnknownNameError
from tui.view import ExplorerState, View

# SAMPLE (tests/conftest.py) in order: 0 first-war, 1 ceasefire-1994, 2 peacekeeper-talks,
# 3 brussels-meeting, 4 yevlakh-proposal, 5 statement-aug, 6 pending-offer.


def ids(state: ExplorerState) -> list[str]:
    assert state.timeline is not None
    return [state.timeline.events[i].id for i in state.shown]


def selected_id(state: ExplorerState) -> str | None:
    event = state.selected_event
    return event.id if event is not None else None


def opened(timeline: Timeline, spec: FilterSpec | None = None) -> ExplorerState:
    state = ExplorerState(spec)
    state.set_timeline(timeline, initial=True)
    return state


def test_before_the_first_load_nothing_is_shown(sample: Timeline) -> None:
    state = ExplorerState()
    assert state.timeline is None and state.shown == [] and state.selected is None
    assert state.counts_text() == "" and state.filter_words() == ""
    assert state.goto(parse_date("2023")) is None
    assert not state.follow(0) and state.back() is None
    state.set_timeline(sample, initial=True)
    assert state.shown == list(range(7)) and state.selected == 0
    assert state.counts_text() == "7 of 7 events"


def test_a_change_is_undone_and_an_equal_filter_is_no_change(sample: Timeline) -> None:
    state = opened(sample)
    assert state.set_actors({"ru"})
    assert ids(state) == ["ceasefire-1994", "peacekeeper-talks", "pending-offer"]
    assert not state.set_actors({"ru"})  # the same filter: nothing to undo
    assert state.set_facets({"kind:meeting", "tag:talks", "outcome:not-held"})
    assert state.filter.kinds == {"meeting"} and state.filter.tags == {"talks"}
    assert state.filter.outcomes == {"not-held"}
    assert ids(state) == ["peacekeeper-talks"]
    assert state.facet_keys() == {"kind:meeting", "tag:talks", "outcome:not-held"}
    assert state.undo()
    assert ids(state) == ["ceasefire-1994", "peacekeeper-talks", "pending-offer"]
    assert state.undo() and len(state.shown) == 7
    assert not state.undo()


def test_clear_keeps_any_or_all_and_is_undone(sample: Timeline) -> None:
    state = opened(sample)
    state.set_actors({"az", "ru"})
    assert state.match_hint() == "m: match all"
    state.toggle_match()
    assert state.filter.match == "all" and state.match_hint() == "m: match any"
    assert ids(state) == ["ceasefire-1994", "peacekeeper-talks"]
    state.clear()
    assert state.filter == Filter(match="all") and len(state.shown) == 7
    state.undo()
    assert ids(state) == ["ceasefire-1994", "peacekeeper-talks"]


def test_adding_an_actor_keeps_those_chosen(sample: Timeline) -> None:
    state = opened(sample)
    state.add_actor("ru")
    state.add_actor("eu")
    assert state.filter.actors == {"ru", "eu"}
    state.undo()
    assert state.filter.actors == {"ru"}


def test_command_line_filters_apply_on_open_and_are_undone_like_any_change(sample: Timeline) -> None:
    state = opened(sample, FilterSpec(actors=("Moscow",), text="  talks  "))
    assert state.filter == Filter(actors=frozenset({"ru"}), text="talks")
    assert ids(state) == ["peacekeeper-talks"]
    assert state.filter_words() == 'actor: Russia · search: "talks"'
    assert state.undo()
    assert state.filter == Filter() and len(state.shown) == 7
    assert not state.undo()


def test_no_command_line_filter_leaves_nothing_to_undo(sample: Timeline) -> None:
    state = opened(sample, FilterSpec(match="all"))
    assert state.filter == Filter(match="all") and not state.undo()


def test_what_is_typed_while_loading_is_kept_with_the_command_line_filter(sample: Timeline) -> None:
    state = ExplorerState(FilterSpec(actors=("az",), text="talks"))
    assert state.begin_search() == "talks"
    state.search_changed("brussels")
    state.keep_search("brussels")
    state.set_timeline(sample, initial=True)
    assert state.filter == Filter(actors=frozenset({"az"}), text="brussels")
    assert ids(state) == ["brussels-meeting"]
    state.undo()  # the search typed while loading
    assert state.filter == Filter(actors=frozenset({"az"}), text="talks")
    state.undo()  # the command line's filters
    assert state.filter == Filter() and not state.undo()


def test_a_search_open_while_loading_goes_on_after_it(sample: Timeline) -> None:
    state = ExplorerState(FilterSpec(actors=("ru",)))
    state.begin_search()
    state.search_changed("talks")
    state.set_timeline(sample, initial=True)
    assert state.searching and ids(state) == ["peacekeeper-talks"]
    state.cancel_search()
    assert state.filter == Filter(actors=frozenset({"ru"}))


@pytest.mark.parametrize(
    ("spec", "error"),
    [
        (FilterSpec(actors=("Atlantis",)), UnknownActorError),
        (FilterSpec(tags=("nope",)), UnknownNameError),
        (FilterSpec(kinds=("banana",)), UnknownNameError),
    ],
)
def test_unknown_names_on_the_command_line_are_refused(
    sample: Timeline, spec: FilterSpec, error: type
) -> None:
    state = ExplorerState(spec)
    with pytest.raises(error):
        state.set_timeline(sample, initial=True)
    assert state.timeline is None and state.history == []


def test_search_filters_as_typed_enter_keeps_escape_cancels(sample: Timeline) -> None:
    state = opened(sample)
    state.set_actors({"az"})
    assert state.begin_search() == ""
    assert state.searching
    state.search_changed("tal")
    assert ids(state) == ["peacekeeper-talks", "brussels-meeting", "yevlakh-proposal"]
    state.search_changed("  talks   proposed ")
    assert state.filter.text == "talks proposed" and ids(state) == ["yevlakh-proposal"]
    state.keep_search("talks")  # the field's last text wins
    assert not state.searching and state.filter.text == "talks"
    assert state.filter.actors == {"az"}
    # A second search, cancelled: back to the kept one, with no undo step.
    assert state.begin_search() == "talks"
    state.search_changed("zzz")
    assert state.shown == []
    state.cancel_search()
    assert state.filter.text == "talks" and len(state.shown) == 3
    state.undo()  # the kept search, in one step
    assert state.filter == Filter(actors=frozenset({"az"}))


def test_a_search_kept_unchanged_adds_no_undo_step(sample: Timeline) -> None:
    state = opened(sample)
    state.begin_search()
    state.keep_search("")
    assert state.history == []
    state.search_changed("x")  # no search open: nothing happens
    assert state.filter.text == ""


def test_the_selection_stays_on_its_event_across_a_refilter_an_undo_and_a_reload(
    sample: Timeline, sample_path: Path, sample_text: str
) -> None:
    state = opened(sample)
    assert state.select(3)  # brussels-meeting
    state.set_actors({"az"})  # still shown
    assert selected_id(state) == "brussels-meeting"
    state.set_actors({"ru"})  # hidden: the next shown event after it
    assert selected_id(state) == "pending-offer"
    state.set_filter(Filter(text="ceasefire"))  # nothing after it shown: the last shown
    assert selected_id(state) == "ceasefire-1994"
    state.undo()
    assert selected_id(state) == "ceasefire-1994" and len(state.shown) == 3
    state.undo()
    state.select(3)
    assert selected_id(state) == "brussels-meeting"
    # A reload where an earlier event comes in: the selection follows its event, not its place.
    extra = (
        "  - {id: early, date: 1980, title: Early, kind: other, actors: [az], summary: S., sources: [s1]}\n"
    )
    sample_path.write_text(sample_text + extra, encoding="utf-8")
    state.set_timeline(load([sample_path]).timeline, initial=False)
    assert state.selected == 4 and selected_id(state) == "brussels-meeting"
    assert state.position == 4


def test_nothing_shown_means_nothing_selected(sample: Timeline) -> None:
    state = opened(sample)
    state.set_filter(Filter(text="no-such-word"))
    assert state.shown == [] and state.selected is None and state.selected_event is None
    assert state.position == -1
    assert state.select(None) and not state.select(2)
    state.undo()
    assert state.selected == 0


def test_select_refuses_an_event_that_is_not_shown(sample: Timeline) -> None:
    state = opened(sample)
    state.set_actors({"ru"})
    assert not state.select(0) and state.selected == 1
    assert not state.select(None)  # something is shown: something stays selected


def test_the_keys_move_the_selection_by_steps_and_to_places_stopping_at_the_ends(sample: Timeline) -> None:
    state = opened(sample)
    assert state.move(1) and state.selected == 1
    assert state.move(10) and state.selected == 6  # a page past the end: the last
    assert state.move(1) and state.selected == 6
    assert state.move(-2) and state.selected == 4
    assert state.move(-10) and state.selected == 0  # and never wraps round to the end
    assert state.select_at(-1) and state.selected == 6  # End
    assert state.select_at(0) and state.selected == 0  # Home
    assert state.select_at(-20) and state.selected == 0
    state.set_actors({"ru"})
    assert state.shown == [1, 2, 6]  # positions are among the shown events
    assert state.select_at(1) and state.selected == 2 and state.position == 1
    assert state.move(1) and state.selected == 6
    state.set_filter(Filter(text="no-such-word"))
    assert not state.move(1) and not state.select_at(0) and state.selected is None


def test_a_jump_goes_to_the_next_start_or_back_to_this_one_or_the_one_before(sample: Timeline) -> None:
    state = opened(sample)
    starts = [0, 2, 5]  # where the timeline pane's years start, say
    assert state.jump(starts, forward=True) and state.position == 2
    assert state.jump(starts, forward=True) and state.position == 5
    assert not state.jump(starts, forward=True) and state.position == 5  # none after: no change
    state.move(1)
    assert state.jump(starts, forward=False) and state.position == 5  # the start of this one
    assert state.jump(starts, forward=False) and state.position == 2  # at a start: the one before
    assert state.jump(starts, forward=False) and state.position == 0
    assert not state.jump(starts, forward=False) and state.position == 0
    state.set_filter(Filter(text="no-such-word"))
    assert not state.jump(starts, forward=True)


def test_each_change_hands_on_one_view_of_what_the_panes_show(sample: Timeline) -> None:
    """The state is the selection's one owner: every change (a move, a filter, a followed link)
    reaches the panes as exactly one view, and asking for no change sends none."""
    views: list[View] = []
    state = ExplorerState(on_change=views.append)
    state.set_timeline(sample, initial=True)
    assert len(views) == 1 and views[-1] == state.view
    assert (views[-1].selected, views[-1].position, views[-1].counts) == (0, 0, "7 of 7 events")

    def one_view(change: Callable[[], object]) -> View:
        views.clear()
        change()
        assert len(views) == 1, views
        assert views[0] is state.view
        assert (views[0].shown, views[0].selected) == (state.shown, state.selected)
        return views[0]

    assert one_view(lambda: state.move(3)).selected == 3
    assert one_view(lambda: state.select_at(-1)).position == 6
    view = one_view(lambda: state.set_actors({"eu"}))  # the selection moves with the filter
    assert (view.shown, view.selected, view.words) == ([3], 3, "actor: European Union")
    assert one_view(state.undo).selected == 3  # still shown: kept
    assert one_view(lambda: state.goto(parse_date("2020"))).selected == 2
    assert one_view(lambda: state.select(5)).selected == 5
    assert one_view(lambda: state.begin_search() or state.search_changed("talks")).highlight == "talks"
    assert one_view(state.cancel_search).highlight == ""
    # Following a link the filter hides clears the filter and selects the target: one change.
    state.set_actors({"ru"})
    view = one_view(lambda: state.follow(3))
    assert (len(view.shown), view.selected, view.words) == (7, 3, "")
    assert one_view(state.back).selected == 6
    views.clear()
    state.select(6)  # already selected
    state.move(1)  # already the last
    state.set_actors({"ru"})
    state.set_actors({"ru"})  # no change
    state.select(0)  # not shown: refused
    assert len(views) == 1 and views[0].words == "actor: Russia"


def test_a_view_once_made_never_changes(sample: Timeline) -> None:
    state = opened(sample)
    before = state.view
    state.set_actors({"eu"})
    state.move(1)
    assert (list(before.shown), before.selected, before.counts) == (list(range(7)), 0, "7 of 7 events")
    assert state.view is not before and state.view is state.view  # made once per change
    with pytest.raises(AttributeError):
        before.selected = 2  # type: ignore[misc]


def test_a_reload_keeps_the_filter_less_what_the_file_no_longer_has(
    sample: Timeline, sample_path: Path, sample_text: str
) -> None:
    state = opened(sample)
    state.set_filter(Filter(actors=frozenset({"eu", "ru"}), tags=frozenset({"war", "blockade"})))
    without_eu = sample_text.replace(
        "  eu:\n    name: European Union\n    short: EU\n    aliases: [Brussels]\n", ""
    )
    without_eu = without_eu.replace("actors: [az, eu]", "actors: [az]").replace("        actor: eu\n", "")
    without_eu = without_eu.replace("tags: [blockade]", "tags: []")
    sample_path.write_text(without_eu, encoding="utf-8")
    state.set_timeline(load([sample_path]).timeline, initial=False)
    assert state.filter.actors == {"ru"} and state.filter.tags == {"war"}
    assert len(state.history) == 1  # a reload is not a change to undo


def test_the_date_range_is_a_change_like_any_other(sample: Timeline) -> None:
    state = opened(sample)
    assert state.set_range(parse_date("2023-07"), parse_date("2023-08"))
    assert ids(state) == ["brussels-meeting", "yevlakh-proposal", "statement-aug"]
    assert state.filter_words() == "dates: Jul 2023 – Aug 2023"
    assert state.set_range(parse_date("1993"), None)  # open-ended; partial dates count whole
    assert ids(state)[0] == "first-war" and len(state.shown) == 7
    state.undo()
    assert len(state.shown) == 3
    with pytest.raises(ValueError, match="ends before it starts"):
        state.set_range(parse_date("2023-08"), parse_date("2023-07"))
    assert len(state.shown) == 3
    assert state.set_range(None, None)
    assert state.filter.date_from is None and len(state.shown) == 7


def test_going_to_a_date_selects_the_first_shown_event_on_or_after_it(sample: Timeline) -> None:
    state = opened(sample)
    assert state.goto(parse_date("2023-04")) == 3 and selected_id(state) == "brussels-meeting"
    assert state.goto(parse_date("1994")) == 1  # the war began before 1994: not on or after it
    assert state.goto(parse_date("1 Jan 1900")) == 0
    assert state.goto(parse_date("2023-08")) == 4  # early Aug 2023 is on or after August's first day
    state.select(2)
    assert state.goto(parse_date("2024")) is None and state.selected == 2  # nothing that late
    state.set_actors({"ru"})
    assert state.goto(parse_date("2023-04")) == 6  # among the shown events only
    assert state.goto(sample.day_bounds[0][2]) == 2  # a day number works too


def test_going_to_a_date_in_a_timeline_out_of_order() -> None:
    from timeline import Event, Span

    def event(n: int, date: str) -> Event:
        return Event(
            id=f"e{n}",
            when=Span(parse_date(date)),
            title="t",
            kind="other",
            actors=(),
            summary="s",
            sources=(),
        )

    tl = Timeline(
        title="t", actors={}, sources={}, events=(event(0, "2020"), event(1, "2010"), event(2, "2030"))
    )
    state = opened(tl)
    assert not tl.in_order
    assert state.goto(parse_date("2015")) == 0


def test_following_links_goes_back_and_forward_like_a_browser(
    sample: Timeline, sample_path: Path, sample_text: str
) -> None:
    state = opened(sample)
    assert not state.can_go_back and state.back() is None
    assert state.follow(4)
    assert state.follow(6)
    assert state.can_go_back and not state.can_go_forward
    assert state.back() == 4 and state.selected == 4
    assert state.can_go_forward
    assert state.forward() == 6 and state.forward() is None
    assert state.back() == 4 and state.back() == 0 and state.back() is None
    assert state.forward() == 4
    assert state.follow(2)  # a new way: forward is forgotten
    assert not state.can_go_forward
    assert state.follow(2)  # already there: no step
    assert state.back() == 4
    assert not state.follow(99) and not state.follow(-1)
    assert state.index_of("pending-offer") == 6 and state.index_of("nope") is None
    assert state.follow(state.index_of("pending-offer") or 0) and selected_id(state) == "pending-offer"


def test_following_a_link_to_a_hidden_event_clears_the_filter_undoably(sample: Timeline) -> None:
    state = opened(sample)
    state.set_actors({"ru"})
    assert state.follow(3)  # brussels-meeting: Russia is not in it
    assert selected_id(state) == "brussels-meeting" and len(state.shown) == 7
    state.undo()
    assert state.filter.actors == {"ru"} and selected_id(state) == "pending-offer"
    assert state.back() == 1  # back where the link was followed from
    assert state.back() is None


def test_the_link_history_follows_events_by_id_across_a_reload(
    sample: Timeline, sample_path: Path, sample_text: str
) -> None:
    state = opened(sample)
    state.follow(3)  # from first-war
    state.follow(5)  # from brussels-meeting
    # Reloaded: an event comes first, and brussels-meeting is gone.
    text = sample_text.replace("  - id: brussels-meeting ", "  - id: brussels-renamed ")
    text += (
        "  - {id: early, date: 1980, title: Early, kind: other, actors: [az], summary: S., sources: [s1]}\n"
    )
    sample_path.write_text(text, encoding="utf-8")
    state.set_timeline(load([sample_path]).timeline, initial=False)
    assert selected_id(state) == "statement-aug"
    assert state.back() == 1 and selected_id(state) == "first-war"  # the removed one passed over


def test_the_pickers_count_what_adding_each_choice_would_show(sample: Timeline) -> None:
    state = opened(sample)
    counts = {c.key: c.count for c in state.actor_choices()}
    assert counts == {"az": 5, "nk": 5, "ru": 3, "eu": 1}
    assert [c.key for c in state.actor_choices()][:2] == ["az", "nk"]  # most events first, then by name
    state.set_actors({"ru"})
    counts = {c.key: c.count for c in state.actor_choices()}
    assert counts == {"az": 6, "nk": 6, "ru": 3, "eu": 4}  # any of them: Russia's events and its own
    state.toggle_match()
    counts = {c.key: c.count for c in state.actor_choices({"ru": "#ff0000"})}
    assert counts == {"az": 2, "nk": 2, "ru": 3, "eu": 0}  # all of them: the shown ones that have it too
    russia = next(c for c in state.actor_choices({"ru": "#ff0000"}) if c.key == "ru")
    assert russia.style == "bold #ff0000" and "Moscow" in russia.hint
    state.clear()
    state.set_facets({"kind:meeting"})
    facets = {c.key: c.count for c in state.facet_choices()}

    def kept(**conditions: frozenset[str]) -> int:
        return len(Filter(**conditions).apply(sample))  # type: ignore[arg-type]

    meetings = frozenset({"meeting"})
    assert facets["kind:meeting"] == kept(kinds=meetings) == len(state.shown)  # chosen: what is shown
    assert facets["kind:war"] == kept(kinds=meetings | {"war"}) > kept(kinds=frozenset({"war"}))  # any kind
    assert facets["tag:talks"] == kept(kinds=meetings, tags=frozenset({"talks"})) > 0  # tags narrow them
    assert facets["tag:war"] == kept(kinds=meetings, tags=frozenset({"war"})) == 0
    assert facets["outcome:held"] == kept(kinds=meetings, outcomes=frozenset({"held"})) > 0
    assert facets["outcome:pending"] == kept(kinds=meetings, outcomes=frozenset({"pending"})) == 0


def test_export_name_says_the_timeline_and_the_filter(sample: Timeline) -> None:
    state = opened(sample)
    assert state.export_name() == "sample-talks.md"
    state.set_actors({"ru"})
    assert state.export_name() == "sample-talks-actor-russia.md"
    # Each format proposes its own name: TimelineJS JSON and JSON for programs are told apart.
    assert state.export_name("timelinejs") == "sample-talks-actor-russia.timelinejs.json"
    assert state.export_name("json") == "sample-talks-actor-russia.json"
    assert state.export_name("csv") == "sample-talks-actor-russia.csv"


def test_each_change_to_what_is_shown_is_reported(sample: Timeline) -> None:
    changes: list[list[int]] = []
    state = ExplorerState(on_change=lambda view: changes.append(list(view.shown)))
    state.set_timeline(sample, initial=True)
    state.set_actors({"eu"})
    state.set_actors({"eu"})  # no change
    state.undo()
    assert changes == [list(range(7)), [3], list(range(7))]


def test_the_bundled_timeline_works_as_the_app_uses_it() -> None:
    tl = load([bundled_path()]).timeline
    state = opened(tl, FilterSpec(actors=("Baku",), text="talks"))
    assert state.filter_words() == 'actor: Azerbaijan · search: "talks"'
    assert 0 < len(state.shown) < len(tl.events)
    assert state.undo() and len(state.shown) == len(tl.events)


def test_going_to_a_date_before_the_common_era(
    write_timeline: Callable[..., Path], timeline_text: Callable[..., str], event_text: Callable[..., str]
) -> None:
    text = timeline_text(
        event_text("troy", date="1184 BC"),
        event_text("marathon", date="490 BC"),
        event_text("actium", date="31 BC"),
        event_text("hastings", date="1066"),
    )
    state = opened(load([write_timeline(text)]).timeline)
    assert ids(state) == ["troy", "marathon", "actium", "hastings"]
    assert state.goto(parse_date("500 BC")) == 1
    assert state.goto(parse_date("1 BC")) == 3
    assert state.set_range(parse_date("500 BC"), parse_date("1 BC"))
    assert ids(state) == ["marathon", "actium"]


def test_following_the_bundled_timelines_links_and_back() -> None:
    tl = load([bundled_path()]).timeline
    state = opened(tl)
    start = next(i for i, e in enumerate(tl.events) if e.links)
    state.select(start)
    target = state.index_of(tl.events[start].links[0].to)
    assert target is not None and state.follow(target)
    assert state.selected == target
    linking = [tl.by_id[e.id] for e, _ in tl.linked_from(tl.events[target].id)]
    assert start in linking  # the way back is also a derived reverse link
    assert state.back() == start


def test_a_range_ending_earlier_the_same_day_is_refused_as_on_the_command_line() -> None:
    from timeline.dates import parse_date
    from tui.view import ExplorerState

    state = ExplorerState()
    lo, hi = parse_date("2023-07-05T14:00"), parse_date("2023-07-05T13:00")
    with pytest.raises(ValueError, match="ends before it starts"):
        state.set_range(lo, hi)
    assert state.filter.date_from is None


def test_the_actor_picker_names_each_alias_once() -> None:
    """The bundled United States has the short tag US and the alias US: the picker's hint says
    it once (``US U.S. USA …``, not ``US US U.S. USA …``), and the tag still matches."""
    state = opened(load([bundled_path()]).timeline)
    us = next(c for c in state.actor_choices() if c.key == "united-states")
    assert us.hint.startswith("US U.S. USA ")
    assert len(us.names) == len({n.casefold() for n in us.names})
    assert "United States" not in us.names  # its label: already shown
