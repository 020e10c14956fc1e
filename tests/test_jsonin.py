"""Our JSON is a door both ways: ``timeline import`` reads what ``timeline export -f json`` writes,
and YAML → JSON → YAML gives back the same timeline, field for field (the bundled one and
generated ones); a problem in the JSON is given at its ``FILE:LINE:COL``."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from clirun import run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_dates import any_dates  # every form of date the model holds

from timeline import Timeline, load_text
from timeline.dates import FuzzyDate
from timeline.format import SECTIONS
from timeline.interop import ImportFailed
from timeline.interop.importer import detect, import_text
from timeline.interop.jsonout import to_json, to_json_data
from timeline.interop.jsonpos import find, line_col, parse
from timeline.interop.yamlout import dump
from timeline.load import bundled_path
from timeline.model import KINDS, LINK_TYPES, OUTCOME_KINDS, OUTCOMES, REQUIRABLE

# -- helpers -------------------------------------------------------------------------------------


def loaded(name: str, text: str) -> Timeline:
    return load_text([(name, text.encode())]).timeline


def same_model(timeline: Timeline) -> Timeline:
    """``timeline`` without what says where it was read from (file names and lines)."""
    events = tuple(dataclasses.replace(e, file="", line=0) for e in timeline.events)
    return dataclasses.replace(timeline, events=events, files=(), _names={})


def through_json(timeline: Timeline, name: str = "b.json") -> tuple[Timeline, str]:
    """``timeline`` exported as our JSON, imported (its format recognised) and loaded again."""
    data = to_json(timeline).encode()
    assert detect(name, data) == "json"
    text, report, count = import_text(name, data)
    assert count == len(timeline.events)
    assert not report.lost, report.lines()
    return loaded("back.yaml", text), text


#: What says where a timeline was read from, or is worked out from the rest: not its content.
NOT_CONTENT = {"file", "line", "files", "_names", "search_index"}


def fields(a: Any, b: Any, where: str = "timeline") -> tuple[int, list[str]]:
    """How many fields ``a`` holds (dataclass fields, list items and mapping values, all the way down
    to each string, number and date part), and where ``b`` differs from it."""
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        if type(b) is not type(a):
            return 1, [where]
        n, lost = 0, []
        for f in dataclasses.fields(a):
            if f.name in NOT_CONTENT or not f.init:
                continue
            k, diff = fields(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
            n, lost = n + k, lost + diff
        return n, lost
    if isinstance(a, dict):
        n, lost = 0, [f"{where}[{k!r}]" for k in a if not isinstance(b, dict) or k not in b]
        for key, value in a.items():
            k, diff = fields(value, b.get(key) if isinstance(b, dict) else None, f"{where}[{key!r}]")
            n += k
            lost += [] if key not in (b or {}) else diff
        return n, lost
    if isinstance(a, (tuple, list, frozenset)):
        items_a, items_b = (
            sorted(a) if isinstance(a, frozenset) else a,
            sorted(b) if isinstance(b, frozenset) else b,
        )
        if not isinstance(items_b, (tuple, list)) or len(items_b) != len(items_a):
            return max(len(items_a), 1), [where]
        n, lost = 0, []
        for i, (x, y) in enumerate(zip(items_a, items_b, strict=True)):
            k, diff = fields(x, y, f"{where}[{i}]")
            n, lost = n + k, lost + diff
        return max(n, 1), lost
    return 1, ([] if a == b else [where])


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    path = bundled_path()
    return load_text([(str(path), path.read_bytes())]).timeline


# -- the bundled timeline ----------------------------------------------------------------------------


def test_the_bundled_timeline_comes_back_whole_through_json(bundled: Timeline) -> None:
    back, _ = through_json(bundled)
    assert same_model(back) == same_model(bundled)
    assert to_json(back) == to_json(bundled)
    # Field for field, all the way down (each date's parts included): nothing differs.
    count, lost = fields(bundled, back)
    assert lost == [] and count > 3000


def test_the_command_line_round_trip_gives_the_same_list_and_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bundled: Timeline
) -> None:
    exported, imported = tmp_path / "b.json", tmp_path / "b.yaml"
    assert run(capsys, "export", "-f", "json", "-o", exported)[0] == 0
    code, out, err = run(capsys, "import", exported, "-o", imported)
    assert (code, out) == (0, "")
    n = len(bundled.events)  # every event of the bundled file: nothing lost, nothing changed
    assert err == f"timeline: imported {n} events from JSON to {imported}\n"
    assert run(capsys, "check", imported)[0] == 0
    assert run(capsys, "list", imported)[1] == run(capsys, "list")[1]
    assert run(capsys, "export", imported, "-f", "json")[1] == exported.read_text("utf-8")
    for fmt in ("markdown", "timelinejs", "csv"):  # and so is every other export of it
        assert run(capsys, "export", imported, "-f", fmt)[1] == run(capsys, "export", "-f", fmt)[1], fmt
    # --format json reads it too, and so does a file whose keys a tool sorted (format no longer first)
    assert run(capsys, "import", exported, "--format", "json")[1] == imported.read_text("utf-8")
    resorted = tmp_path / "sorted.json"
    resorted.write_text(json.dumps(json.loads(exported.read_text("utf-8")), sort_keys=True), "utf-8")
    code, out, _ = run(capsys, "import", resorted, "--format", "json")
    again = loaded("b.yaml", imported.read_text("utf-8"))
    assert code == 0 and same_model(loaded("a.yaml", out)) == same_model(again)


def test_the_json_export_carries_the_timezone_and_require(bundled: Timeline) -> None:
    data = to_json_data(bundled)
    assert (data["timezone"], data["require"]) == ("Asia/Baku", ["actors", "sources"])
    back, text = through_json(bundled)
    assert 'timezone: "Asia/Baku"' in text
    assert (back.timezone, back.require) == ("Asia/Baku", frozenset({"actors", "sources"}))
    timed = [e for e in back.events if e.when.start.timed]
    assert timed and all(e.when.start.zone == "Asia/Baku" for e in timed)


def test_a_timelinejs_file_is_still_recognised_as_timelinejs(bundled: Timeline) -> None:
    from timeline.interop.timelinejs import timelinejs_text

    assert detect("t.json", timelinejs_text(bundled).encode()) == "timelinejs"
    assert detect("t.json", b'{"events": [], "note": "format: timeline-explorer"}') == "timelinejs"


# -- what the whole timeline holds, and a filter's part of it --------------------------------------

SMALL = """\
title: Small
description: |-
  First paragraph.

  Second paragraph.
actors:
  az: {name: Azerbaijan, aliases: [Baku], description: A state.}
  nk: {name: Nagorno-Karabakh}
  unused: {name: Nobody cites me}
sources:
  s1: {title: A report, publisher: Eurasianet, authors: [A. Writer], date: early 2023-08, url: "https://example.com/r"}
  video: {title: A video, publisher: YouTube, url: "https://example.com/v"}
  spare: {title: Not cited, publisher: P, date: 2020, url: "https://example.com/s"}
eras:
  - {name: The talks, start: 2023, end: 2024, description: Talking.}
events:
  - id: a
    date: 2023-08?
    end: 2023-09
    title: Talks proposed
    kind: proposal
    outcome: declined
    declined_by: [nk]
    actors: [az]
    location: Brussels
    tags: [talks]
    summary: Offered.
    quotes: [{text: "No.", by: A minister, actor: nk, source: video}]
    sources: [s1]
    links: [{to: b, type: leads-to, note: next}]
    accounts: [{by: The ministry, actor: az, text: We offered., source: s1}]
  - id: b
    date: c. 2023-10
    title: Later
    kind: statement
    actors: [nk]
    summary: Said.
"""


def test_the_whole_timelines_export_holds_actors_and_sources_no_event_cites() -> None:
    tl = loaded("small.yaml", SMALL)
    assert set(to_json_data(tl)["actors"]) == {"az", "nk", "unused"}
    assert set(to_json_data(tl)["sources"]) == {"s1", "video", "spare"}
    back, _ = through_json(tl)
    assert same_model(back) == same_model(tl)
    # a filter's part holds only what its events refer to
    part = to_json_data(tl, [1], "actor nk")
    assert (set(part["actors"]), set(part["sources"])) == ({"nk"}, set())


def test_a_filtered_export_comes_back_without_links_to_what_it_left_out() -> None:
    tl = loaded("small.yaml", SMALL)
    data = to_json(tl, [0], "kind proposal").encode()
    text, report, count = import_text("part.json", data)
    assert count == 1
    assert report.lost == {"links to events the filter left out": 1}
    assert report.changed == {"events chosen by a filter when exported": 1}
    back = loaded("part.yaml", text)
    assert back.events[0].links == () and back.events[0].accounts == tl.events[0].accounts
    assert dataclasses.replace(back.events[0], links=(), file="", line=0) == dataclasses.replace(
        tl.events[0], links=(), file="", line=0
    )


def test_an_undated_source_comes_back_undated() -> None:
    back, text = through_json(loaded("small.yaml", SMALL))
    assert back.sources["video"].date is None
    assert '  video:\n    title: "A video"\n    publisher: "YouTube"\n    url:' in text


def test_a_date_given_as_text_is_read_as_written() -> None:
    data = to_json_data(loaded("small.yaml", SMALL))
    data["events"][1]["date"] = "mid 2023-10"
    text, _, _ = import_text("b.json", json.dumps(data).encode())
    assert loaded("b.yaml", text).by_id["b"] is not None
    assert loaded("b.yaml", text).events[1].when.start.iso() == "mid 2023-10"


def test_keys_the_format_does_not_have_are_counted_not_kept() -> None:
    data = to_json_data(loaded("small.yaml", SMALL))
    data["events"][0]["colour"] = "red"
    data["generator"] = "a program"
    data["eras"][0]["start"]["calendar"] = "julian"
    _, report, _ = import_text("b.json", json.dumps(data).encode())
    assert report.lost == {
        "unknown event fields (colour)": 1,
        "unknown timeline fields (generator)": 1,
        "unknown date fields (calendar)": 1,
    }


# -- problems, at their place in the JSON ------------------------------------------------------------


def refusal(data: dict[str, Any] | str, fmt: str | None = "json") -> str:
    text = data if isinstance(data, str) else json.dumps(data, indent=2, ensure_ascii=False)
    with pytest.raises(ImportFailed) as info:
        import_text("b.json", text.encode(), fmt)
    return str(info.value)


def place(text: str, needle: str) -> str:
    """``b.json:LINE:COL`` of the first ``needle`` in ``text`` (of its value, for ``"key": value``);
    ``after ... needle``: the first after ``after``."""
    after, _, needle = needle.rpartition(" ... ")
    at = text.index(needle, text.index(after) if after else 0)
    if needle.startswith('"') and '": ' in needle:
        at += needle.index('": ') + 3
    line, col = line_col(text, at)
    return f"b.json:{line}:{col}"


def small_json() -> dict[str, Any]:
    return to_json_data(loaded("small.yaml", SMALL))


@pytest.mark.parametrize(
    ("change", "needle", "message"),
    [
        (
            lambda d: d["events"][1].update(kind="meetting"),
            '"meetting"',
            "kind 'meetting' is not one of the kinds",
        ),
        (lambda d: d["events"][1]["date"].update(written="2023-13"), '"2023-13"', "month 13 does not exist"),
        (lambda d: d["events"][1].update(title=5), "5,", "event 2: title must be text, not a number"),
        (
            lambda d: d["events"][1].update(tags="talks"),
            '"tags": "talks"',
            "event 2: tags must be a list [...], not text",
        ),
        (
            lambda d: d["sources"]["s1"].update(url="ftp://x"),
            '"ftp://x"',
            "must be an http:// or https:// address",
        ),
        (lambda d: d["events"][0]["links"][0].update(to="c"), '"to": "c"', "link to an unknown event id 'c'"),
        (lambda d: d["events"][1].update(actors=["ru"]), '"ru"', "unknown actor"),
        (lambda d: d["events"][1].update(summary=""), '"summary": ""', "summary is missing"),
        (
            lambda d: d["events"][1]["date"].pop("written"),
            '"id": "b" ... "date": {',
            'event 2: date has no "written"',
        ),
        (
            lambda d: d["eras"][0].update(end=d["eras"][0]["start"] | {"written": "2022"}),
            '"2022"',
            "ends (2022)",
        ),
        (lambda d: d.update(version=2), '"version": 2', "written by a newer timeline (JSON version 2)"),
        (lambda d: d.update(version="1"), '"version": "1"', "version must be a whole number"),
        (lambda d: d.update(timezone="Mars/Olympus"), '"Mars/Olympus"', "unknown time zone 'Mars/Olympus'"),
    ],
)
def test_a_problem_is_given_at_its_place_in_the_json(change: Any, needle: str, message: str) -> None:
    data = small_json()
    change(data)
    text = json.dumps(data, indent=2, ensure_ascii=False)
    found = refusal(text)
    at = place(text, needle)
    if needle == '"summary": ""':  # a missing value: the place of the object that lacks it
        line, col = line_col(text, text.rindex("{", 0, text.index('"id": "b"')))
        at = f"b.json:{line}:{col}"
    assert found.startswith(f"{at}: "), (found, at)
    assert message in found
    assert "\n" not in found


def test_not_json_and_not_ours_are_refused_at_their_place() -> None:
    assert refusal('{"format": "timeline-explorer",\n "version": 1,,}').startswith(
        "b.json:2:15: not valid JSON"
    )
    said = 'no "format": "timeline-explorer"'
    assert (
        refusal('{"events": []}')
        == f"b.json:1:1: not timeline's JSON ({said}); give --format if it is another format"
    )
    assert refusal("[1, 2]").startswith("b.json:1:1: not timeline's JSON")


def test_a_problem_says_how_many_more_there_are() -> None:
    data = small_json()
    data["events"][0]["kind"] = "x"
    data["events"][1]["kind"] = "y"
    assert refusal(data).endswith("(and 1 more problem)")  # the other kind (its outcome is not blamed)


def test_the_command_line_refuses_in_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = small_json()
    data["events"][1]["date"]["written"] = "2023-02-30"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, indent=1), "utf-8")
    code, out, err = run(capsys, "import", path, "-o", tmp_path / "out.yaml")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"{path}:") and "day 30" in err.lower()
    assert not (tmp_path / "out.yaml").exists()


# -- positions -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("indent", [None, 2, "\t"])
def test_find_places_every_value_where_the_hooks_place_objects_and_lists(indent: int | str | None) -> None:
    text = json.dumps(small_json(), indent=indent, ensure_ascii=False)
    located = parse(text)
    assert located is not None
    decoder = json.JSONDecoder()

    def visit(node: Any, path: tuple[str | int, ...]) -> int:
        at = find(text, path)
        assert decoder.raw_decode(text, at)[0] == node, path
        if not isinstance(node, (dict, list)):
            return 1
        assert at == node.pos, path  # type: ignore[union-attr]
        items = node.items() if isinstance(node, dict) else enumerate(node)
        return 1 + sum(visit(value, (*path, key)) for key, value in items)

    assert visit(located, ()) > 100


def test_find_takes_the_last_of_a_repeated_key_and_stops_where_the_path_leaves() -> None:
    text = '{"a": 1, "b": {"c": [10, 20]}, "a": [true]}'
    assert text[find(text, ("a",)) :].startswith("[true]")
    assert text[find(text, ("b", "c", 1)) :].startswith("20")
    assert text[find(text, ("b", "x", 3)) :].startswith('{"c"')
    assert text[find(text, ("b", "c", 5)) :].startswith("[10")
    assert find(" \n [ ] ", (0,)) == 3


# -- generated timelines -------------------------------------------------------------------------------

WORDS = [
    "Baku",
    "NO",
    "null",
    "~",
    "2023",
    "a: b",
    "#x",
    "'q'",
    '"dq"',
    "Ünï",
    "–",
    "- i",
    "[x]",
    "&a",
    "*b",
    "!t",
]
TEXT = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join),
    st.text(
        st.characters(blacklist_categories=("Cs", "Zl", "Zp"), blacklist_characters="\n\r\x85\x0b\x0c"),
        max_size=12,
    ),
)
ZONES = [None, "Asia/Baku", "UTC"]


def line(draw: st.DrawFn, lead: str) -> str:
    return f"{lead} {draw(TEXT)}"


def later(draw: st.DrawFn, start: FuzzyDate, zone: str | None) -> FuzzyDate | None:
    end: FuzzyDate = draw(any_dates())
    a, b = start.in_zone(zone), end.in_zone(zone)
    return end if b.last_tick >= a.first_tick else None


@st.composite
def timeline_files(draw: st.DrawFn) -> dict[str, Any]:
    """The mapping of a valid timeline file that sets (or not) every key of the format table."""
    zone = draw(st.sampled_from(ZONES))
    n_actors, n_sources, n_events = draw(st.integers(0, 3)), draw(st.integers(0, 3)), draw(st.integers(1, 4))
    actor_ids = [f"a{i}{draw(st.sampled_from(['', '.x', '-2', '_y']))}" for i in range(n_actors)]
    source_ids = [f"s{i}" for i in range(n_sources)]
    event_ids = [f"e{i}" for i in range(n_events)]
    require = [r for r in REQUIRABLE if draw(st.booleans()) and (actor_ids if r == "actors" else source_ids)]
    doc: dict[str, Any] = {"title": line(draw, "T")}
    if draw(st.booleans()):
        doc["description"] = "\n\n".join(line(draw, "P") for _ in range(draw(st.integers(1, 3))))
    if zone:
        doc["timezone"] = zone
    if draw(st.booleans()):
        doc["date-order"] = draw(st.sampled_from(["day-first", "month-first"]))
    doc["require"] = require
    eras = []
    for i in range(draw(st.integers(0, 2))):
        start = draw(any_dates())
        end = later(draw, start, zone) or start
        era = {"name": line(draw, f"Era {i}"), "start": start.iso(), "end": end.iso()}
        if draw(st.booleans()):
            era["description"] = line(draw, "D")
        eras.append(era)
    doc["eras"] = eras
    actors = {}
    for i, actor_id in enumerate(actor_ids):
        actor: dict[str, Any] = {"name": f"Actor {i}"}
        if draw(st.booleans()):
            actor["short"] = draw(st.sampled_from(["X", "AB", "Ünï", "12345678"]))
        actor["aliases"] = [f"Alias {i}.{k}" for k in range(draw(st.integers(0, 2)))]
        if draw(st.booleans()):
            actor["description"] = line(draw, "D")
        actors[actor_id] = actor
    doc["actors"] = actors
    sources = {}
    for source_id in source_ids:
        source: dict[str, Any] = {"title": line(draw, "S"), "publisher": line(draw, "P")}
        source["authors"] = [line(draw, "W") for _ in range(draw(st.integers(0, 2)))]
        if draw(st.booleans()):
            source["date"] = draw(any_dates()).iso()
        source["url"] = f"https://example.com/{source_id}?q={draw(st.integers(0, 9))}"
        sources[source_id] = source
    doc["sources"] = sources
    events = []
    for event_id in event_ids:
        start = draw(any_dates())
        event: dict[str, Any] = {"id": event_id, "date": start.iso()}
        end = later(draw, start, zone) if draw(st.booleans()) else None
        if end is not None:
            event["end"] = end.iso()
        kind = draw(st.sampled_from(KINDS) | st.sampled_from(sorted(OUTCOME_KINDS)))
        event.update(title=line(draw, "E"), kind=kind)
        named = (
            draw(st.lists(st.sampled_from(actor_ids), unique=True, min_size=1 if "actors" in require else 0))
            if actor_ids
            else []
        )
        if kind in OUTCOME_KINDS:
            outcome = draw(st.sampled_from([o for o in OUTCOMES if o != "declined" or actor_ids]))
            event["outcome"] = outcome
            if outcome == "declined":
                event["declined_by"] = draw(st.lists(st.sampled_from(actor_ids), unique=True, min_size=1))
        event["actors"] = named
        if draw(st.booleans()):
            event["location"] = line(draw, "L")
        event["tags"] = draw(
            st.lists(st.sampled_from(["talks", "war", "a.b", "x-1", "y_2"]), unique=True, max_size=3)
        )
        event["summary"] = "\n\n".join(line(draw, "S") for _ in range(draw(st.integers(1, 2))))
        quotes = []
        for _ in range(draw(st.integers(0, 2))):
            quote: dict[str, Any] = {"text": line(draw, "Q"), "by": line(draw, "B")}
            if actor_ids and draw(st.booleans()):
                quote["actor"] = draw(st.sampled_from(actor_ids))
            if source_ids and draw(st.booleans()):
                quote["source"] = draw(st.sampled_from(source_ids))
            quotes.append(quote)
        event["quotes"] = quotes
        min_sources = 1 if "sources" in require else 0
        event["sources"] = (
            draw(st.lists(st.sampled_from(source_ids), unique=True, min_size=min_sources))
            if source_ids
            else []
        )
        others = [e for e in event_ids if e != event_id]
        targets = (
            draw(
                st.lists(
                    st.tuples(st.sampled_from(others), st.sampled_from(list(LINK_TYPES))),
                    unique=True,
                    max_size=2,
                )
            )
            if others
            else []
        )
        event["links"] = [
            {"to": to, "type": t, **({"note": line(draw, "N")} if draw(st.booleans()) else {})}
            for to, t in targets
        ]
        accounts = []
        for _ in range(draw(st.integers(0, 2)) if source_ids else 0):
            account: dict[str, Any] = {}
            speaker = draw(st.sampled_from(["by", "actor", "both"] if actor_ids else ["by"]))
            if speaker in ("by", "both"):
                account["by"] = line(draw, "B")
            if speaker in ("actor", "both"):
                account["actor"] = draw(st.sampled_from(actor_ids))
            account.update(text=line(draw, "A"), source=draw(st.sampled_from(source_ids)))
            accounts.append(account)
        event["accounts"] = accounts
        events.append(event)
    doc["events"] = events
    views = []
    tags = sorted({t for e in events for t in e["tags"]})
    for i in range(draw(st.integers(0, 2))):
        view: dict[str, Any] = {"name": f"view-{i}"}
        if draw(st.booleans()):
            view["description"] = line(draw, "V")
        view["actors"] = draw(st.lists(st.sampled_from(actor_ids), unique=True)) if actor_ids else []
        if draw(st.booleans()):
            view["match"] = draw(st.sampled_from(["any", "all"]))
        view["tags"] = draw(st.lists(st.sampled_from(tags), unique=True)) if tags else []
        view["kinds"] = draw(st.lists(st.sampled_from(KINDS), unique=True, max_size=2))
        view["outcomes"] = draw(st.lists(st.sampled_from(list(OUTCOMES)), unique=True, max_size=2))
        if draw(st.booleans()):
            lo = draw(any_dates())
            view["from"] = lo.iso()
            hi = later(draw, lo, zone) if draw(st.booleans()) else None
            if hi is not None:
                view["to"] = hi.iso()
        if draw(st.booleans()):
            view["search"] = line(draw, "W")
        if draw(st.booleans()):
            view["at"] = draw(st.sampled_from(event_ids))
        if draw(st.booleans()):
            view["lanes"] = draw(st.booleans())
        views.append(view)
    doc["views"] = views
    return doc


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(timeline_files())
def test_a_generated_timeline_comes_back_whole_through_json(document: dict[str, Any]) -> None:
    original = loaded("gen.yaml", dump(document))
    back, _ = through_json(original)
    assert same_model(back) == same_model(original)
    assert to_json(back) == to_json(original)


def test_the_generated_timelines_set_every_key_of_the_table() -> None:
    """The strategy above is no weaker than the table: some example sets each key of each section."""
    seen: dict[str, set[str]] = {name: set() for name in SECTIONS}

    @settings(max_examples=60, deadline=None, database=None, derandomize=True)
    @given(timeline_files())
    def collect(document: dict[str, Any]) -> None:
        seen["timeline"].update(k for k, v in document.items() if v)
        for era in document["eras"]:
            seen["era"].update(era)
        for actor in document["actors"].values():
            seen["actor"].update(k for k, v in actor.items() if v)
        for source in document["sources"].values():
            seen["source"].update(k for k, v in source.items() if v)
        for view in document["views"]:
            seen["view"].update(k for k, v in view.items() if v or v is False)
        for event in document["events"]:
            seen["event"].update(k for k, v in event.items() if v)
            for name, section in (("quotes", "quote"), ("links", "link"), ("accounts", "account")):
                for item in event[name]:
                    seen[section].update(item)

    collect()
    for name, section in SECTIONS.items():
        assert seen[name] == set(section.names), name


def test_what_check_warns_of_is_kept_and_said_at_its_place_in_the_json() -> None:
    data = small_json()
    data["events"][1]["title"] = "Bell\u0007 here"
    text = json.dumps(data, indent=2)
    yaml_text, report, _ = import_text("b.json", text.encode())
    assert '    title: "Bell\\x07 here"\n' in yaml_text  # as written: nothing lost
    (line,) = report.lines()
    at = place(text, '"title": "Bell')
    assert line.startswith(f"changed: warnings of 'timeline check': 1 (e.g. {at}: event 'b': title")


def test_noncharacters_yaml_refuses_raw_are_written_escaped_and_come_back() -> None:
    """Text may hold U+FFFE and U+FFFF (escaped in a timeline file); the YAML written keeps them,
    escaped, so that what an import writes loads."""
    data = small_json()
    data["title"] = "Odd \ufffe and \uffff"
    data["description"] = "First.\n\nSecond \ufffe."
    text, _, _ = import_text("b.json", json.dumps(data, ensure_ascii=False).encode())
    assert '"Odd \\ufffe and \\uffff"' in text and "\ufffe" not in text
    back = loaded("b.yaml", text)
    assert (back.title, back.description) == (data["title"], data["description"])
