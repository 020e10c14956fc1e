"""The parse cache stores the model by its dataclass fields: every field of every class comes back.

The fields are read from ``dataclasses.fields``, here as in ``timeline/cache.py``, so a field added
to the model fails :func:`test_every_field_of_the_model_is_set_in_the_sample` until the sample
sets it, and then :func:`test_every_field_survives_a_write_and_a_read` shows the cache keeps it,
with no change to the cache's code (:func:`test_fields_a_class_gains_are_stored_with_no_change_to_the_cache`).
"""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from timeline import cache as tcache
from timeline.dates import FuzzyDate, Span, parse_date
from timeline.model import Account, Actor, Era, Event, Link, NamedView, Quote, Source, Timeline
from timeline.problems import Problem

#: Fields that hold what their class works out from its other fields, so are not data to store.
DERIVED = {(Timeline, "_names"), (Timeline, "search_index")}


def every_field() -> tuple[Timeline, list[Problem]]:
    """A timeline (and its warnings) in which every field of every class is set, not left as its default."""
    zoned = parse_date("2023-09-20T13:07:05+04:00").in_zone("Asia/Baku")  # a time, its offset and zone
    decade = parse_date("early 1990s")  # a decade, qualified
    circa = parse_date("c. 1988?")  # approximate and uncertain
    spring = parse_date("spring 2023")  # a season (a part of the year)
    actor = Actor("az", "Azerbaijan", "AZ", aliases=("Baku",), description="A state.")
    source = Source("s1", "A report", "Eurasianet", circa, "https://example.com/a", authors=("A. Writer",))
    event = Event(
        id="e1",
        when=Span(decade, zoned),
        title="Talks",
        kind="meeting",
        actors=("az",),
        summary="They met.",
        sources=("s1",),
        outcome="declined",
        declined_by=("az",),
        location="Yevlakh",
        tags=("talks",),
        quotes=(Quote("We came.", "A minister", actor="az", source="s1"),),
        file="t.yaml",
        line=12,
        links=(Link("e2", "leads-to", note="and then"),),
        accounts=(Account("We offered.", by="The ministry", actor="az", source="s1"),),
    )
    later = Event("e2", Span(spring), "Later", "statement", ("az",), "Said.", ("s1",), file="t.yaml", line=30)
    timeline = Timeline(
        title="Every field",
        actors={"az": actor},
        sources={"s1": source},
        events=(event, later),
        description="All of them.",
        files=("t.yaml",),
        timezone="Asia/Baku",
        date_order="day-first",
        eras=(Era("The talks", spring, zoned, description="Talks."),),
        require=frozenset({"actors"}),
        views=(
            NamedView(
                "the-talks",
                description="The talks, in lanes.",
                actors=("az",),
                match="all",
                tags=("talks",),
                kinds=("meeting",),
                outcomes=("declined",),
                date_from=decade,
                date_to=spring,
                search="met",
                at="e1",
                lanes=True,
            ),
        ),
    )
    return timeline, [Problem("t.yaml", 3, 5, "a warning", warning=True)]


def model_classes(*roots: type) -> list[type]:
    """Every dataclass the fields of ``roots`` lead to (by their types), roots included."""
    found: list[type] = []

    def visit(hint: Any) -> None:
        if isinstance(hint, type) and dataclasses.is_dataclass(hint) and hint not in found:
            found.append(hint)
            hints = typing.get_type_hints(hint)
            for f in dataclasses.fields(hint):
                if (hint, f.name) not in DERIVED:
                    visit(hints[f.name])
        for arg in typing.get_args(hint):
            visit(arg)

    for root in roots:
        visit(root)
    return found


def instances(value: Any) -> Iterator[Any]:
    """Every dataclass value in ``value``, itself included, through fields, tuples and dicts."""
    if dataclasses.is_dataclass(value):
        yield value
        for f in dataclasses.fields(value):
            if (type(value), f.name) not in DERIVED:
                yield from instances(getattr(value, f.name))
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from instances(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from instances(item)


def default(f: dataclasses.Field[Any]) -> Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return dataclasses.MISSING


def assert_same(a: Any, b: Any, where: str) -> None:
    """``b`` is ``a`` field by field (every field, not only those equality compares), all the way down."""
    assert type(b) is type(a), where
    if dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            assert_same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, (tuple, list)):
        assert len(b) == len(a), where
        for n, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_same(x, y, f"{where}[{n}]")
    elif isinstance(a, dict):
        assert list(b) == list(a), where
        for key in a:
            assert_same(a[key], b[key], f"{where}[{key!r}]")
    else:
        assert b == a, where


def test_the_model_classes_are_found_from_the_timeline() -> None:
    found = set(model_classes(Timeline, Problem))
    assert found == {
        Timeline,
        Actor,
        Source,
        Event,
        Quote,
        Link,
        Account,
        Era,
        Span,
        FuzzyDate,
        Problem,
        NamedView,
    }


def test_every_field_of_the_model_is_set_in_the_sample() -> None:
    timeline, warnings = every_field()
    values = list(instances([timeline, warnings]))
    for cls in model_classes(Timeline, Problem):
        of_cls = [v for v in values if type(v) is cls]
        assert of_cls, f"the sample holds no {cls.__name__}"
        for f in dataclasses.fields(cls):
            if not f.init or (cls, f.name) in DERIVED:
                continue
            assert any(getattr(v, f.name) and getattr(v, f.name) != default(f) for v in of_cls), (
                f"{cls.__name__}.{f.name} is never set in every_field(): give it a value other than its "
                "default there, so that the tests show the parse cache keeps it"
            )


def test_every_field_survives_a_write_and_a_read(tmp_path: Path) -> None:
    timeline, warnings = every_field()
    entry = tmp_path / "entry.json"
    assert tcache.write(entry, "d" * 64, timeline, warnings)
    back = tcache.read(entry, "d" * 64)
    assert back is not None
    assert_same(timeline, back[0], "timeline")
    assert_same(warnings, back[1], "warnings")
    assert back == (timeline, warnings)


# -- a class that gains fields --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GrownEvent(Event):
    """An event as the model may grow it: one more field of each kind of type the model's fields have
    (named so as not to clash with a field the model gains)."""

    grown_number: int = 0
    grown_flag: bool = False
    grown_text: str | None = None
    grown_strings: tuple[str, ...] = ()
    grown_date: FuzzyDate | None = None
    grown_span: Span | None = None
    grown_quotes: tuple[Quote, ...] = ()
    grown_actors: dict[str, Actor] = field(default_factory=dict)
    grown_set: frozenset[str] = frozenset()


@dataclass
class GrownTimeline(Timeline):
    events: tuple[GrownEvent, ...] = ()
    grown_strings: tuple[str, ...] = ()


def test_fields_a_class_gains_are_stored_with_no_change_to_the_cache() -> None:
    timeline, _ = every_field()
    base = {f.name: getattr(timeline.events[0], f.name) for f in dataclasses.fields(Event)}
    grown = GrownEvent(
        **base,
        grown_number=3,
        grown_flag=True,
        grown_text="Karabakh",
        grown_strings=("A", "B"),
        grown_date=parse_date("2023-09-21"),
        grown_span=Span(parse_date("2024"), parse_date("2025")),
        grown_quotes=(Quote("No.", "B"),),
        grown_actors={"nk": Actor("nk", "Nagorno-Karabakh", "NK")},
        grown_set=frozenset({"x", "y"}),
    )
    new = [
        f for f in dataclasses.fields(GrownEvent) if f.name not in {g.name for g in dataclasses.fields(Event)}
    ]
    assert all(getattr(grown, f.name) != default(f) for f in new)
    plain = GrownEvent(**{**base, "id": "e3"})
    tl = GrownTimeline("Grown", {}, {}, events=(grown, plain), grown_strings=("me",))
    codec = tcache._Codec(GrownTimeline)
    ((back,),) = codec.decode(json.loads(json.dumps(codec.encode([tl]))))
    assert_same(tl, back, "timeline")


@dataclass(frozen=True)
class Unstorable:
    title: str
    seen: set[str]


def test_a_field_of_a_type_the_cache_cannot_store_is_named_at_once() -> None:
    with pytest.raises(TypeError, match=r"cannot store Unstorable\.seen"):
        tcache._Codec(Unstorable)


def test_a_model_the_cache_cannot_store_is_an_error_not_a_silent_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tcache, "Timeline", Unstorable)  # as if the timeline had gained such a field
    tcache._entry_codec.cache_clear()
    try:
        with pytest.raises(TypeError, match=r"Unstorable\.seen"):
            tcache.read(tmp_path / "entry.json", "d" * 64)
    finally:
        tcache._entry_codec.cache_clear()
