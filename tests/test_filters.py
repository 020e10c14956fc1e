"""Filters over the sample timeline (tests/conftest.py: SAMPLE): each alone, composed, described."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from timeline import Filter, FilterSpec, Timeline, UnknownActorError, load, parse_date
from timeline.filters import UnknownNameError


def ids(tl: Timeline, flt: Filter | FilterSpec) -> list[str]:
    if isinstance(flt, FilterSpec):
        flt = flt.resolve(tl)
    return [tl.events[i].id for i in flt.apply(tl)]


def test_sample_is_in_chronological_order(sample: Timeline, sample_order: list[str]) -> None:
    assert [e.id for e in sample.events] == sample_order


def test_empty_filter_keeps_everything(sample: Timeline, sample_order: list[str]) -> None:
    assert ids(sample, Filter()) == sample_order
    assert ids(sample, FilterSpec()) == sample_order
    assert not Filter().active
    assert not Filter(match="all").active
    assert Filter(text="x").active


# -- actors ---------------------------------------------------------------------------------


def test_actors_any(sample: Timeline) -> None:
    assert ids(sample, Filter(actors=frozenset({"eu", "ru"}))) == [
        "ceasefire-1994",
        "peacekeeper-talks",
        "brussels-meeting",
        "pending-offer",
    ]


def test_actors_all(sample: Timeline) -> None:
    assert ids(sample, Filter(actors=frozenset({"az", "ru"}), match="all")) == [
        "ceasefire-1994",
        "peacekeeper-talks",
    ]
    assert ids(sample, Filter(actors=frozenset({"eu", "nk"}), match="all")) == []


def test_single_actor_any_and_all_agree(sample: Timeline) -> None:
    expected = ["first-war", "ceasefire-1994", "peacekeeper-talks", "brussels-meeting", "yevlakh-proposal"]
    assert ids(sample, Filter(actors=frozenset({"az"}))) == expected
    assert ids(sample, Filter(actors=frozenset({"az"}), match="all")) == expected


@pytest.mark.parametrize(
    ("name", "actor_id"),
    [
        ("az", "az"),  # id
        ("AZ", "az"),  # short tag / id, any case
        ("azerbaijan", "az"),  # display name
        ("BAKU", "az"),  # alias
        ("european union", "eu"),
        ("  European   Union ", "eu"),  # spacing does not matter
        ("Brussels", "eu"),
        ("artsakh", "nk"),
        ("kremlin", "ru"),
    ],
)
def test_resolve_actor_names(sample: Timeline, name: str, actor_id: str) -> None:
    assert FilterSpec(actors=(name,)).resolve(sample).actors == frozenset({actor_id})


def test_a_short_tag_never_hides_another_actors_id_or_name(
    write_timeline: Callable[..., Path], head_text: str, timeline_text: Callable[..., str]
) -> None:
    # Azerbaijan's short tag is written "RU" (a curator's slip, which the file format allows):
    # "ru" is still Russia's id and "Russia" its name; only unclaimed short tags resolve to it.
    head = head_text.replace("short: AZ", "short: RU").replace("aliases: [Moscow, Kremlin]", "short: NK")
    tl = load([write_timeline(timeline_text(head=head))]).timeline
    assert tl.actors["az"].short == "RU" and tl.actors["ru"].short == "NK"
    for name, actor_id in [("ru", "ru"), ("RU", "ru"), ("russia", "ru"), ("nk", "nk"), ("Baku", "az")]:
        assert FilterSpec(actors=(name,)).resolve(tl).actors == frozenset({actor_id}), name


def test_resolve_several_names_for_one_actor(sample: Timeline) -> None:
    flt = FilterSpec(actors=("Baku", "Azerbaijan", "az"), match="all").resolve(sample)
    assert flt.actors == frozenset({"az"})
    assert flt.match == "all"


def test_resolve_unknown_actor_names_it_and_lists_known_actors(sample: Timeline) -> None:
    with pytest.raises(UnknownActorError) as info:
        FilterSpec(actors=("Baku", "Turkey")).resolve(sample)
    err = info.value
    assert err.name == "Turkey"
    assert err.known == ["Azerbaijan", "European Union", "Nagorno-Karabakh", "Russia"]
    message = str(err)
    assert "'Turkey'" in message
    for name in err.known:
        assert name in message
    assert "\n" not in message


def test_resolve_unknown_tag(sample: Timeline) -> None:
    with pytest.raises(UnknownNameError) as info:
        FilterSpec(tags=("talkz",)).resolve(sample)
    assert "'talkz'" in str(info.value)
    assert "talks" in str(info.value) and "blockade" in str(info.value)


# -- tags, kinds, outcomes --------------------------------------------------------------


def test_tags(sample: Timeline) -> None:
    assert ids(sample, Filter(tags=frozenset({"talks"}))) == [
        "peacekeeper-talks",
        "brussels-meeting",
        "yevlakh-proposal",
    ]
    assert ids(sample, Filter(tags=frozenset({"war", "blockade"}))) == [
        "first-war",
        "ceasefire-1994",
        "statement-aug",
    ]


def test_kinds(sample: Timeline) -> None:
    assert ids(sample, Filter(kinds=frozenset({"meeting"}))) == ["peacekeeper-talks", "brussels-meeting"]
    assert ids(sample, Filter(kinds=frozenset({"proposal", "war"}))) == [
        "first-war",
        "yevlakh-proposal",
        "pending-offer",
    ]
    assert ids(sample, Filter(kinds=frozenset({"decree"}))) == []


def test_outcomes(sample: Timeline) -> None:
    assert ids(sample, Filter(outcomes=frozenset({"declined"}))) == ["yevlakh-proposal"]
    assert ids(sample, Filter(outcomes=frozenset({"held", "pending"}))) == [
        "brussels-meeting",
        "pending-offer",
    ]
    assert ids(sample, Filter(outcomes=frozenset({"not-held"}))) == ["peacekeeper-talks"]


# -- dates ----------------------------------------------------------------------------------


def dates(date_from: str | None, date_to: str | None) -> Filter:
    return Filter(
        date_from=parse_date(date_from) if date_from else None,
        date_to=parse_date(date_to) if date_to else None,
    )


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        # the 1991-1994 war overlaps 1993 although it neither starts nor ends then
        ("1993", "1993", ["first-war"]),
        ("1994-05", "1994-05", ["first-war", "ceasefire-1994"]),
        ("1995", "2022", []),
        # partial dates: early Aug (1-10) and Aug (1-31) both may fall on 5 August
        ("2023-08-05", "2023-08-05", ["yevlakh-proposal", "statement-aug"]),
        ("2023-08-15", "2023-08-15", ["statement-aug"]),
        ("mid 2023-07", "mid 2023-07", ["brussels-meeting"]),
        ("late 2023-07", "late 2023-07", []),
        # open-ended
        ("2023-08", None, ["yevlakh-proposal", "statement-aug", "pending-offer"]),
        (None, "2023-03", ["first-war", "ceasefire-1994", "peacekeeper-talks"]),
        # --to a year includes its whole last day; --from a year its first
        (None, "1991", ["first-war"]),
        ("late 2023", None, ["pending-offer"]),
    ],
)
def test_date_range(
    sample: Timeline, date_from: str | None, date_to: str | None, expected: list[str]
) -> None:
    assert ids(sample, dates(date_from, date_to)) == expected


# -- free text --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bishkek", ["ceasefire-1994"]),  # title and location
        ("Yevlakh", ["yevlakh-proposal"]),  # location only (and the id)
        ("YEVLAKH", ["yevlakh-proposal"]),  # any case
        ("truce", ["ceasefire-1994"]),  # summary
        ("paragraph", ["yevlakh-proposal"]),  # the summary's second paragraph
        ("constructive", ["brussels-meeting"]),  # quote text
        ("charles", ["brussels-meeting"]),  # who was quoted
        # an actor alias reaches every event of that actor
        (
            "artsakh",
            ["first-war", "ceasefire-1994", "peacekeeper-talks", "yevlakh-proposal", "statement-aug"],
        ),
        ("kremlin", ["ceasefire-1994", "peacekeeper-talks", "pending-offer"]),
        # several words must all appear, anywhere in the event
        ("truce fighting", []),
        ("fighting", ["first-war"]),
        ("stepanakert refused", ["yevlakh-proposal"]),
        ("refused   stepanakert", ["yevlakh-proposal"]),
        ("auspices charles", ["brussels-meeting"]),
        ("nothing-like-this", []),
    ],
)
def test_free_text(sample: Timeline, text: str, expected: list[str]) -> None:
    assert ids(sample, Filter(text=text)) == expected


def test_free_text_is_normalised_by_resolve(sample: Timeline) -> None:
    assert FilterSpec(text="  Stepanakert \t refused ").resolve(sample).text == "Stepanakert refused"


# -- composition ------------------------------------------------------------------------------


def test_filters_compose_with_and(sample: Timeline) -> None:
    spec = FilterSpec(actors=("baku",), kinds=("meeting", "proposal"), date_from=parse_date("2023"))
    assert ids(sample, spec) == ["peacekeeper-talks", "brussels-meeting", "yevlakh-proposal"]
    assert ids(sample, replace(spec, text="brussels")) == ["brussels-meeting"]
    assert ids(sample, replace(spec, outcomes=("declined",))) == ["yevlakh-proposal"]
    assert ids(sample, replace(spec, tags=("mediation",))) == [
        "peacekeeper-talks",
        "brussels-meeting",
    ]


def test_all_actors_with_a_date_range(sample: Timeline) -> None:
    spec = FilterSpec(actors=("Russia", "Artsakh"), match="all", date_to=parse_date("2000"))
    assert ids(sample, spec) == ["ceasefire-1994"]


def test_with_changes_one_condition(sample: Timeline) -> None:
    flt = Filter(kinds=frozenset({"meeting"}))
    narrowed = flt.with_(text="brussels")
    assert ids(sample, narrowed) == ["brussels-meeting"]
    assert ids(sample, flt) == ["peacekeeper-talks", "brussels-meeting"]  # unchanged


# -- describe -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        (FilterSpec(), ""),
        (FilterSpec(actors=("kremlin",)), "actor: Russia"),
        (FilterSpec(actors=("ru", "baku")), "actors: Azerbaijan or Russia"),
        (FilterSpec(actors=("ru", "baku"), match="all"), "actors: Azerbaijan and Russia"),
        (FilterSpec(kinds=("proposal", "meeting")), "kind: meeting or proposal"),
        (FilterSpec(tags=("talks",)), "tag: talks"),
        (FilterSpec(outcomes=("not-held",)), "outcome: did not take place"),
        (FilterSpec(date_from=parse_date("1993")), "from: 1993"),
        (FilterSpec(date_to=parse_date("2023-07-05")), "to: 5 Jul 2023"),
        (
            FilterSpec(date_from=parse_date("1993"), date_to=parse_date("early 2023-08")),
            "dates: 1993 – early Aug 2023",
        ),
        (FilterSpec(text="peace  talks"), 'search: "peace talks"'),
        (
            FilterSpec(actors=("Moscow",), kinds=("meeting",), date_from=parse_date("2023"), text="talks"),
            'actor: Russia · kind: meeting · from: 2023 · search: "talks"',
        ),
    ],
)
def test_describe(sample: Timeline, spec: FilterSpec, words: str) -> None:
    assert spec.resolve(sample).describe(sample) == words


@pytest.mark.parametrize(
    ("spec", "short"),
    [
        (FilterSpec(actors=("kremlin",)), ["Russia"]),
        (FilterSpec(actors=("ru", "baku"), match="all"), ["2 actors (all)"]),
        (FilterSpec(kinds=("proposal", "meeting")), ["2 kinds"]),
        (FilterSpec(tags=("talks",)), ["talks"]),
        (FilterSpec(outcomes=("not-held", "held")), ["2 outcomes"]),
        (FilterSpec(date_from=parse_date("2023"), date_to=parse_date("2023")), ["2023"]),
        (FilterSpec(date_from=parse_date("2023-03"), date_to=parse_date("2023-08")), ["Mar – Aug 2023"]),
        (FilterSpec(date_from=parse_date("1993")), ["from 1993"]),
        (FilterSpec(text="a very long search of many words"), ['search "a very long search of…"']),
        (FilterSpec(text="x" * 40), [f'search "{"x" * 23}…"']),
    ],
)
def test_each_condition_has_short_words_for_a_narrow_status_line(
    sample: Timeline, spec: FilterSpec, short: list[str]
) -> None:
    flt = spec.resolve(sample)
    described = flt.described(sample)
    assert [forms[1] for forms in described] == short
    assert " · ".join(forms[0] for forms in described) == flt.describe(sample)
    # Each form shorter than the one before it.
    assert all(len(a) > len(b) for forms in described for a, b in itertools.pairwise(forms))


@pytest.mark.parametrize(
    ("spec", "shorter"),
    [
        (FilterSpec(actors=("ru", "baku")), ["2 actors (any)", "2 actors"]),
        (
            FilterSpec(date_from=parse_date("2023-03"), date_to=parse_date("2023-08")),
            ["Mar – Aug 2023", "Mar–Aug 2023", "2023…"],
        ),
        (
            FilterSpec(date_from=parse_date("1 Mar 2023"), date_to=parse_date("14 Aug 2023")),
            ["1 Mar – 14 Aug 2023", "1 Mar–14 Aug 2023", "Mar–Aug 2023…", "2023…"],
        ),
        (FilterSpec(date_from=parse_date("1 Mar 2023")), ["from 1 Mar 2023", "from Mar 2023…", "from 2023…"]),
        (FilterSpec(text="talks"), ['search "talks"', '"talks"']),
        (
            FilterSpec(text="a very long search of many words"),
            ['search "a very long search of…"', '"a very long search of…"', '"a very long…"'],
        ),
    ],
)
def test_each_condition_has_still_shorter_words_that_still_name_it(
    sample: Timeline, spec: FilterSpec, shorter: list[str]
) -> None:
    """For a status line with no room even for the short words (issue 24's follow-up): ``2
    actors``, ``Mar–Aug 2023``, ``"talks"`` — true (``…`` where a date was made coarser)."""
    [forms] = spec.resolve(sample).described(sample)
    assert list(forms[1:]) == shorter
