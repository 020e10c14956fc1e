"""Kinds, outcomes and tags (the facets) have one rule: any one name of a facet is enough, and the
facets narrow each other and the other conditions. The filter applies it, and the tag, kind and
outcome picker's counts (:meth:`timeline.Filter.facet_counts_if_added`) follow it: each row counts
the events the view would show with that name added to those chosen, as the actor picker does."""

from __future__ import annotations

from functools import cache
from typing import get_args

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import Filter, Timeline, bundled_path, load, parse_date
from timeline.dates import FuzzyDate, Span
from timeline.filters import Facet
from timeline.model import KINDS, OUTCOMES, Actor, Event
from tui.view import ExplorerState

FACETS: tuple[Facet, ...] = get_args(Facet)


@cache
def bundled() -> Timeline:
    return load([bundled_path()]).timeline


def opened(tl: Timeline, flt: Filter) -> ExplorerState:
    state = ExplorerState()
    state.set_timeline(tl, initial=True)
    state.set_filter(flt)
    return state


def picker_counts(state: ExplorerState) -> dict[str, int]:
    """What the tag, kind and outcome picker shows beside each row (it reads these rows)."""
    return {choice.key: choice.count for choice in state.facet_choices()}


def shown_once_added(state: ExplorerState, key: str) -> int:
    """How many events the explorer shows with picker key ``key`` added to those chosen (then undone)."""
    before = state.filter
    if state.set_facets(state.facet_keys() | {key}):
        shown = len(state.shown)
        assert state.undo()
    else:
        shown = len(state.shown)
    assert state.filter == before
    return shown


def keeps(flt: Filter, event: Event) -> bool:
    """The rule, written out, for the facets alone."""
    return (
        (not flt.kinds or event.kind in flt.kinds)
        and (not flt.outcomes or event.outcome in flt.outcomes)
        and (not flt.tags or not flt.tags.isdisjoint(event.tags))
    )


# -- the bundled timeline ---------------------------------------------------------------------------


def test_with_a_kind_chosen_another_kind_counts_both() -> None:
    """With meetings chosen, the picker said 5 for proposals (their own events) where adding them
    shows the meetings too; a tag counts the meetings that carry it."""
    tl = bundled()
    meetings = Filter(kinds=frozenset({"meeting"}))
    state = opened(tl, meetings)
    both = len(Filter(kinds=frozenset({"meeting", "proposal"})).apply(tl))
    assert picker_counts(state)["kind:proposal"] == both == shown_once_added(state, "kind:proposal")
    assert both > len(Filter(kinds=frozenset({"proposal"})).apply(tl))  # the old, wrong number
    assert picker_counts(state)["kind:meeting"] == len(state.shown)  # chosen: what is shown now
    eu_track = len(meetings.with_(tags=frozenset({"eu-track"})).apply(tl))
    assert picker_counts(state)["tag:eu-track"] == eu_track < len(state.shown)  # facets narrow each other


@cache
def bundled_strategies() -> dict[str, st.SearchStrategy[frozenset[str]]]:
    tl = bundled()
    return {
        "actors": st.frozensets(st.sampled_from(sorted(tl.actors)), max_size=3),
        "kinds": st.frozensets(st.sampled_from(tl.kinds), max_size=3),
        "outcomes": st.frozensets(st.sampled_from(sorted(OUTCOMES)), max_size=2),
        "tags": st.frozensets(st.sampled_from(tl.tags), max_size=3),
    }


DATES = [None, parse_date("1994"), parse_date("2020"), parse_date("2023-09"), parse_date("2023-09-20")]


@st.composite
def bundled_filters(draw: st.DrawFn) -> Filter:
    sets = bundled_strategies()
    return Filter(
        actors=draw(sets["actors"]),
        match=draw(st.sampled_from(["any", "all"])),
        kinds=draw(sets["kinds"]),
        outcomes=draw(sets["outcomes"]),
        tags=draw(sets["tags"]),
        text=draw(st.sampled_from(["", "talks", "baku", "peace treaty", "a"])),
        date_from=draw(st.sampled_from(DATES[:4])),
        date_to=draw(st.sampled_from([None, *DATES[3:]])),
    )


@settings(max_examples=40, deadline=None)
@given(bundled_filters())
def test_the_picker_counts_what_adding_each_facet_shows_on_the_bundled_timeline(flt: Filter) -> None:
    state = opened(bundled(), flt)
    counts = picker_counts(state)
    assert counts == {key: shown_once_added(state, key) for key in counts}


# -- small generated timelines -----------------------------------------------------------------------

ACTORS = {
    "al": Actor("al", "Alpha", "AL"),
    "br": Actor("br", "Bravo", "BR"),
    "ch": Actor("ch", "Charlie", "CH"),
}
KIND_LIST = ["meeting", "proposal", "statement", "war"]
TAG_LIST = ["talks", "war", "aid", "border"]


@st.composite
def events(draw: st.DrawFn, index: int) -> Event:
    return Event(
        id=f"e{index}",
        when=Span(
            parse_date(str(2000 + draw(st.integers(0, 4)))), draw(st.sampled_from([None, parse_date("2004")]))
        ),
        title=draw(st.sampled_from(["talks", "peace talks", "a blockade", "statement"])),
        kind=draw(st.sampled_from(KIND_LIST)),
        actors=tuple(draw(st.lists(st.sampled_from(sorted(ACTORS)), max_size=2, unique=True))),
        summary="what happened",
        sources=(),
        outcome=draw(st.one_of(st.none(), st.sampled_from(sorted(OUTCOMES)))),
        tags=tuple(draw(st.lists(st.sampled_from(TAG_LIST), max_size=3, unique=True))),
    )


@st.composite
def timelines(draw: st.DrawFn) -> Timeline:
    n = draw(st.integers(0, 10))
    drawn = sorted((draw(events(i)) for i in range(n)), key=lambda e: e.when.first_day)
    return Timeline("generated", dict(ACTORS), {}, tuple(drawn))


def years(draw: st.DrawFn) -> FuzzyDate | None:
    return draw(st.one_of(st.none(), st.integers(2000, 2004).map(lambda y: parse_date(str(y)))))


@st.composite
def small_filters(draw: st.DrawFn) -> Filter:
    return Filter(
        actors=draw(st.frozensets(st.sampled_from(sorted(ACTORS)), max_size=2)),
        match=draw(st.sampled_from(["any", "all"])),
        kinds=draw(st.frozensets(st.sampled_from(KIND_LIST), max_size=3)),
        outcomes=draw(st.frozensets(st.sampled_from(sorted(OUTCOMES)), max_size=2)),
        tags=draw(st.frozensets(st.sampled_from(TAG_LIST), max_size=3)),
        text=draw(st.sampled_from(["", "talks", "a"])),
        date_from=years(draw),
        date_to=years(draw),
    )


@settings(max_examples=200)
@given(timelines(), small_filters())
def test_the_model_counts_what_adding_each_facet_keeps(tl: Timeline, flt: Filter) -> None:
    counts = flt.facet_counts_if_added(tl)
    names = {"kinds": set(KINDS), "outcomes": set(OUTCOMES), "tags": set(tl.tags)}
    assert {facet: set(counts[facet]) for facet in FACETS} == names
    for facet in FACETS:
        for name, count in counts[facet].items():
            assert count == len(flt.with_facet(facet, name).apply(tl)), (facet, name)


@settings(max_examples=150)
@given(timelines(), small_filters())
def test_the_picker_counts_what_adding_each_facet_shows(tl: Timeline, flt: Filter) -> None:
    state = opened(tl, flt)
    counts = picker_counts(state)
    expected_keys = (
        {f"kind:{k}" for k in tl.kinds} | {f"outcome:{o}" for o in OUTCOMES} | {f"tag:{t}" for t in tl.tags}
    )
    assert set(counts) == expected_keys
    assert counts == {key: shown_once_added(state, key) for key in counts}


@settings(max_examples=150)
@given(timelines(), small_filters())
def test_any_name_of_a_facet_is_enough_and_the_facets_narrow_each_other(tl: Timeline, flt: Filter) -> None:
    facets_only = Filter(kinds=flt.kinds, outcomes=flt.outcomes, tags=flt.tags)
    assert facets_only.apply(tl) == [i for i, e in enumerate(tl.events) if keeps(flt, e)]
    others = set(flt.with_(kinds=frozenset(), outcomes=frozenset(), tags=frozenset()).apply(tl))
    assert flt.apply(tl) == [i for i in facets_only.apply(tl) if i in others]
