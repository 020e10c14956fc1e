"""The curated ``events.yaml``: it checks clean, and its links, sources and eras hold together.

Some checks read the raw YAML as well as the loaded timeline, so they keep their meaning even
if the loader were to drop a bad link or source quietly instead of refusing it.
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from timeline import Filter, bundled_path, load
from timeline.cli import main

PATH: Path = bundled_path()
RAW: dict[str, Any] = yaml.safe_load(PATH.read_text(encoding="utf-8"))
TIMELINE = load([PATH], cache=False).timeline
INDEX = {e.id: i for i, e in enumerate(TIMELINE.events)}

#: For each era, events that lie wholly inside it (the curation's own reading of the periods).
INSIDE: dict[str, list[str]] = {
    "First Karabakh war": ["first-war"],
    "Second Karabakh War": ["second-war", "trilateral-statement"],
    "The blockade": [
        "blockade-begins",
        "munich-2023-02-18",
        "icj-order-2023-02-22",
        "baku-stepanakert-2023-02-24",
        "march-2023-talks",
        "baku-invitation-march-13",
        "karabakh-refusal-march-14",
        "baku-invitation-march-27",
        "karabakh-refusal-march-28",
        "lachin-checkpoint",
        "hakari-bridge-2023-06-15",
        "icj-order-2023-07-06",
        "sofia-meeting-proposal",
        "global-media-forum-shusha",
        "bratislava-called-off",
        "bratislava-meeting-proposal",
        "yevlakh-meeting-proposal",
        "khachatryan-detained",
        "unsc-2023-08-16",
        "nersisian-call-2023-08-25",
    ],
    "The end of the Republic": [
        "azerbaijani-offensive",
        "ceasefire",
        "yevlakh-talks",
        "first-refugees-2023-09-24",
        "khojaly-talks-2023-09-25",
        "yevlakh-talks-third",
        "dissolution-decree",
        "exodus",
        "aliyev-withdraws-granada",
        "granada-2023-10-05",
    ],
}
#: Events that only overlap an era (they begin before it or end after it).
OVERLAP: dict[str, list[str]] = {
    "Between the wars": ["inter-war-peace-talks", "autonomy-status-offer"],
    "The blockade": ["azerbaijani-offensive"],
}


def test_the_bundled_file_checks_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(PATH)]) == 0
    out = capsys.readouterr().out
    assert "valid:" in out
    assert load([PATH], cache=False).warnings == []


def test_every_link_target_exists_and_no_link_points_to_its_own_event() -> None:
    ids = [e["id"] for e in RAW["events"]]
    assert len(ids) == len(set(ids))
    raw_links = [(e["id"], link["to"]) for e in RAW["events"] for link in e.get("links") or []]
    assert len(raw_links) >= 40  # the chronology is linked throughout, not token links
    for frm, to in raw_links:
        assert to in ids, f"{frm} links to an unknown event {to!r}"
        assert to != frm, f"{frm} links to itself"
    loaded = [(e.id, link.to) for e in TIMELINE.events for link in e.links]
    assert sorted(loaded) == sorted(raw_links)  # nothing was dropped on the way in


def test_the_named_chains_are_linked() -> None:
    def linked(a: str, b: str) -> bool:
        return any(link.to == b for link in TIMELINE.events[INDEX[a]].links) or any(
            link.to == a for link in TIMELINE.events[INDEX[b]].links
        )

    pairs = [
        ("karabakh-refusal-march-14", "baku-invitation-march-13"),
        ("karabakh-refusal-march-28", "baku-invitation-march-27"),
        ("global-media-forum-shusha", "lachin-checkpoint"),
        ("yevlakh-talks", "yevlakh-meeting-proposal"),
        ("azerbaijani-offensive", "ceasefire"),
        ("ceasefire", "dissolution-decree"),
        ("trilateral-statement", "russian-peacekeepers-deployed"),
        ("euronews-interview", "global-media-forum-shusha"),
        ("euronews-interview", "referendum-expectations"),
        ("khojaly-talks-2023-09-25", "yevlakh-talks"),
        ("yevlakh-talks-third", "khojaly-talks-2023-09-25"),
        ("petrosyan-facebook-live", "yevlakh-meeting-proposal"),
    ]
    for a, b in pairs:
        assert linked(a, b), f"{a} and {b} are not linked"
    # the wider meetings follow one another on their tracks, back to the first of each
    for last, first in [
        ("granada-2023-10-05", "brussels-2021-12-14"),
        ("arlington-2023-06", "washington-2022-11-07"),
        ("moscow-ministers-2023-07-25", "sochi-2022-10-31"),
    ]:
        at, seen = last, {last}
        while at != first:
            ups = [link.to for link in TIMELINE.events[INDEX[at]].links if link.type == "follows-up"]
            assert ups, f"the chain from {last} stops at {at} before reaching {first}"
            at = ups[0]
            assert at not in seen
            seen.add(at)


def test_every_event_has_a_source_and_every_source_is_declared() -> None:
    declared = set(RAW["sources"])
    used: set[str] = set()
    for event in RAW["events"]:
        assert event.get("sources"), f"{event['id']} has no source"
        used.update(event["sources"])
        for item in (event.get("quotes") or []) + (event.get("accounts") or []):
            assert item.get("source") in declared, f"{event['id']}: {item!r} cites no declared source"
            used.add(item["source"])
    assert used <= declared
    assert declared <= used, f"sources nothing cites: {sorted(declared - used)}"
    assert all(e.sources for e in TIMELINE.events)


def test_every_source_url_is_http() -> None:
    for source_id, source in RAW["sources"].items():
        assert re.match(r"https?://\S+$", source["url"]), f"{source_id}: {source['url']!r}"
        assert source.get("title") and source.get("publisher") and source.get("date"), source_id
    assert all(s.url.startswith(("http://", "https://")) for s in TIMELINE.sources.values())


def test_accounts_give_each_side_with_a_speaker_and_a_source() -> None:
    for event_id in ("sofia-meeting-proposal", "bratislava-meeting-proposal", "yevlakh-meeting-proposal"):
        accounts = TIMELINE.events[INDEX[event_id]].accounts
        assert len(accounts) >= 3, event_id
        assert all((a.by or a.actor) and a.text and a.source in TIMELINE.sources for a in accounts)
    sides = {a.actor for a in TIMELINE.events[INDEX["bratislava-meeting-proposal"]].accounts}
    assert {"armenia", "tigran-petrosyan"} <= sides
    # Baku did not comment on Bratislava: what unnamed sources told Caliber.az is nobody's account
    assert "azerbaijan" not in sides


def test_filtering_by_each_side_shows_its_own_position_on_the_blockade_and_the_checkpoint() -> None:
    for event_id in ("blockade-begins", "lachin-checkpoint"):
        event = TIMELINE.events[INDEX[event_id]]
        for side in ("azerbaijan", "armenia", "nagorno-karabakh"):
            assert [a for a in event.accounts if a.actor == side], f"{event_id}: no account of {side}"
            assert INDEX[event_id] in Filter(actors=frozenset({side})).apply(TIMELINE), (event_id, side)


#: Where ``by`` passes a speaker's words on (``X, citing Y``, ``X, to RFE/RL``, ``X quoted by Y``),
#: the speaker is what comes before: the outlet or person who relays them is not the speaker.
RELAYED = re.compile(r",? (?:quoted|cited|as reported|reported|interviewed) by |, to |, citing ")


#: A speaker who is nobody in particular: unnamed sources, a "side", officials not named, "official
#: Baku" (a newspaper's way of saying the government's position, not someone who spoke).
UNNAMED = re.compile(r"\b(?:sources?|side|officials)\b|^official\b|\bunnamed\b", re.IGNORECASE)
#: What a newspaper reports as a party's position, in its own words: the newspaper speaks, not the party.
INDIRECT = re.compile(r"\bas reported by\b|\bas relayed by\b|\bin its own voice\b", re.IGNORECASE)


def names_the_party(by: str, actor: str) -> bool:
    """Whether the speaker ``by`` names is of ``actor``, by its name or one of its aliases, and is
    someone who spoke: not unnamed sources, a "side" or officials left unnamed, and not a party's
    position as a newspaper reported it in its own words."""
    speaker = RELAYED.split(by, maxsplit=1)[0]
    if UNNAMED.search(speaker) or INDIRECT.search(by):
        return False
    known = TIMELINE.actors[actor]
    # a name at the start of a word, so that Azerbaijan names "Azerbaijani Foreign Ministry"
    return any(re.search(r"\b" + re.escape(name), speaker) for name in (known.name, *known.aliases))


def test_every_accounts_actor_is_the_party_that_spoke() -> None:
    """An account is filed under an actor only when its speaker is of that actor.

    The rule is checked against the file's own actors (their names and aliases): the speaker
    (``by``, before any ``quoted by``/``cited by``/``, to`` that says who relayed the words)
    names the actor, so filtering by an actor never shows a party speaking where only
    unnamed sources or a newspaper did.
    """
    checked = 0
    for event in TIMELINE.events:
        for account in event.accounts:
            assert account.by, f"{event.id}: an account without a speaker"
            if account.actor is not None:
                assert names_the_party(account.by, account.actor), (event.id, account.by, account.actor)
                checked += 1
    assert checked >= 40
    # the rule tells the cases apart (the audit's finding in the Bratislava event above all)
    assert not names_the_party("Unnamed sources quoted by Caliber.az", "azerbaijan")
    assert not names_the_party("Unnamed sources cited by Azerbaijan's state-run APA", "azerbaijan")
    assert names_the_party("Caliber.az, citing unnamed sources", "caliber-az")
    assert not names_the_party("Nikol Pashinyan", "armenia")
    assert not names_the_party("Sources in Stepanakert, to RFE/RL's Armenian Service", "armenia")
    # the second audit's cases: each named the party, and each is nobody who spoke for it
    for by, actor in [
        ("Sources in Stepanakert, to RFE/RL's Armenian Service", "nagorno-karabakh"),
        ("Karabakh sources, to RFE/RL's Armenian Service", "nagorno-karabakh"),
        ("Official Baku, as reported by Panorama.am", "azerbaijan"),
        ("Azerbaijani side, as reported by AzerNews", "azerbaijan"),
        ("Karabakh and Armenian officials", "nagorno-karabakh"),
    ]:
        assert not names_the_party(by, actor), by
    # while a named speaker, or an office that speaks, still does, also when an outlet relays the words
    assert names_the_party("Tigran Petrosyan, quoted by Western Armenia TV", "tigran-petrosyan")
    assert names_the_party("Arayik Harutyunyan, de facto president of Nagorno-Karabakh", "nagorno-karabakh")
    assert names_the_party("Azerbaijani readout cited by the APA news agency", "azerbaijan")
    assert names_the_party("Office of the President of Azerbaijan", "azerbaijan")


def test_every_proposal_is_dated_by_the_day_it_was_made_public() -> None:
    """The README's convention: a proposal's date is the day it was first made public, not the day
    planned for the meeting. So no source or statement that reports it comes before that day,
    a proposal made public by another event (a broadcast, a report), which links to it with
    a note ``made public …``, carries that event's date, and no statement, report or interview
    in the file names its place before that day (the first public mention the file knows of)."""
    proposals = [e for e in TIMELINE.events if e.kind == "proposal"]
    assert len(proposals) >= 5
    disclosed = 0
    for p in proposals:
        for source_id in p.sources:
            date = TIMELINE.sources[source_id].date
            assert date is not None and p.when.first_day <= date.last_day, (p.id, source_id)
        # the statements, reports and interviews linked with it, either way (its disclosure, the replies)
        reports = [e for e in TIMELINE.events for link in e.links if link.to == p.id] + [
            TIMELINE.events[INDEX[link.to]] for link in p.links
        ]
        reports = [r for r in reports if r.kind in {"statement", "report", "interview"}]
        for r in reports:
            assert p.when.first_day <= r.when.last_day, (p.id, "reported before it was made public by", r.id)
        made_public_by = [
            e
            for e in TIMELINE.events
            for link in e.links
            if link.to == p.id and link.note.startswith("made public")
        ]
        assert len(made_public_by) <= 1, p.id
        for e in made_public_by:
            assert (p.when.first_day, p.when.last_day) == (e.when.first_day, e.when.last_day), (p.id, e.id)
            disclosed += 1
    assert disclosed >= 3  # Sofia, Bratislava and Yevlakh (Petrosyan's broadcast)


def first_mention(proposal_id: str, first_day: int | None = None) -> str | None:
    """The id of the earliest statement, report or interview of the file that names the proposal's
    place before the proposal's date (or before ``first_day``, a proleptic ordinal); else None.

    The place is the location's first part (``Yevlakh`` of ``Yevlakh, Azerbaijan``); a place
    that names a party (Baku, an alias of Azerbaijan) says nothing about one proposal."""
    p = TIMELINE.events[INDEX[proposal_id]]
    day = p.when.first_day if first_day is None else first_day
    place = re.split(r"[,(]", p.location or "")[0].strip()
    party_names = {n for a in TIMELINE.actors.values() for n in (a.name, *a.aliases)}
    if not place or place in party_names:
        return None
    named = re.compile(r"\b" + re.escape(place) + r"\b")
    earlier = [
        e
        for e in TIMELINE.events
        if e.kind in {"statement", "report", "interview"}
        and e.when.last_day < day
        and named.search(" ".join([e.title, e.summary or "", *(a.text for a in e.accounts)]))
    ]
    return min(earlier, key=lambda e: e.when.first_day).id if earlier else None


def test_every_proposal_is_dated_by_its_first_public_mention_the_file_knows_of() -> None:
    for p in (e for e in TIMELINE.events if e.kind == "proposal"):
        assert first_mention(p.id) is None, (p.id, "named earlier by", first_mention(p.id))
    # the check catches the audit's case: Yevlakh dated by Caliber.az's report of 1 August, after
    # Petrosyan's broadcast of 31 July had named it
    old_day = date(2023, 8, 1).toordinal()
    assert first_mention("yevlakh-meeting-proposal", old_day) == "petrosyan-facebook-live"


def test_the_eras_are_in_order_and_cover_the_events_they_name() -> None:
    eras = {era.name: era for era in TIMELINE.eras}
    assert list(eras) == [
        "First Karabakh war",
        "Between the wars",
        "Second Karabakh War",
        "The blockade",
        "The end of the Republic",
    ]
    bounds = [(era.start.first_day, era.end.last_day) for era in TIMELINE.eras]
    for (_, hi), (lo, _) in itertools.pairwise(bounds):
        assert hi <= lo + 1  # one era ends where (or the day before) the next begins: no overlap
    for name, ids in INSIDE.items():
        lo, hi = eras[name].start.first_day, eras[name].end.last_day
        for event_id in ids:
            when = TIMELINE.events[INDEX[event_id]].when
            first, last = when.first_day, when.last_day
            assert lo <= first and last <= hi, f"{event_id} is not inside the era {name!r}"
    for name, ids in {**INSIDE, **OVERLAP}.items():
        for event_id in ids:
            assert name in [era.name for era in TIMELINE.eras_at(INDEX[event_id])], (name, event_id)


def test_the_dates_the_audit_corrected() -> None:
    def days(event_id: str) -> tuple[str, str]:
        when = TIMELINE.events[INDEX[event_id]].when
        return when.start.iso(), (when.end or when.start).iso()

    # signed on the night of 9-10 November, in force from 10 November: the date says both days
    assert days("trilateral-statement") == ("2020-11-09", "2020-11-10")
    assert days("first-war")[1] == "1994-05-12"  # the ceasefire's day, not the Bishkek Protocol's
    # the exodus starts with the first refugees
    assert days("exodus")[0] == days("first-refugees-2023-09-24")[0] == "2023-09-24"
    # Aliyev withdrew: the Granada meeting was four-way, Azerbaijan not among those who met
    assert "azerbaijan" not in TIMELINE.events[INDEX["granada-2023-10-05"]].actors


def test_dates_marked_uncertain_are_the_articles_month_only() -> None:
    article_month = [e for e in RAW["events"] if str(e["date"]) == "2023-08?"]
    assert len(article_month) >= 10
    assert all(e["sources"] == ["eurasianet-2023-08"] for e in article_month)
    assert not [e["id"] for e in RAW["events"] if str(e["date"]) == "2023-08"]
