"""Loading timeline files: YAML reading, every validation error at its place, merging, order."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from timeline import FuzzyDate, LoadError, Problem, bundled_path, load, load_text

Write = Callable[..., Path]
Locate = Callable[..., tuple[int, int]]
EventText = Callable[..., str]
TimelineText = Callable[..., str]


@pytest.fixture
def errors_in(write_timeline: Write) -> Callable[[str], list[Problem]]:
    """Load ``text`` from a file, expect it to fail, and return the problems found."""

    def run(text: str) -> list[Problem]:
        path = write_timeline(text)
        with pytest.raises(LoadError) as info:
            load([path])
        assert all(p.file == str(path) for p in info.value.problems)
        return info.value.problems

    return run


def only_error(problems: list[Problem]) -> Problem:
    errors = [p for p in problems if not p.warning]
    assert len(errors) == 1, "\n".join(map(str, problems))
    return errors[0]


# -- a valid file -------------------------------------------------------------------


def test_minimal_timeline_loads(write_timeline: Write, timeline_text: TimelineText, locate: Locate) -> None:
    text = timeline_text()
    loaded = load([write_timeline(text)])
    tl = loaded.timeline
    assert loaded.warnings == []
    assert tl.title == "Test timeline"
    assert [e.id for e in tl.events] == ["only-event"]
    event = tl.events[0]
    assert event.when.start == FuzzyDate(2023, 7, 5) and event.when.end is None
    assert event.actors == ("az",) and event.sources == ("s1",)
    assert set(tl.actors) == {"az", "nk", "ru"}
    assert tl.actors["az"].aliases == ("Baku",)
    assert tl.sources["s2"].date == FuzzyDate(2023, 9, 20)
    assert event.line == locate(text, "id: only-event")[0]


def test_load_text_takes_names_and_bytes(timeline_text: TimelineText) -> None:
    loaded = load_text([("memory.yaml", timeline_text().encode())])
    assert loaded.timeline.files == ("memory.yaml",)
    assert loaded.timeline.events[0].file == "memory.yaml"


# -- YAML conversions: the schema decides, not YAML 1.1 guessing ---------------------


def test_unquoted_scalars_are_read_as_written(
    write_timeline: Write, event_text: EventText, timeline_text: TimelineText
) -> None:
    titles = ["NO", "yes", "off", "1:30", "0x1F", "1e3", ".inf", "12:30:00", "2023-08-01"]
    unquoted = timeline_text(
        event_text("007", date="2023", title=titles[0]),
        *(event_text(f"e{i}", date="2023-08-01", title=t) for i, t in enumerate(titles[1:], 1)),
    )
    quoted = timeline_text(
        event_text('"007"', date='"2023"', title=f'"{titles[0]}"'),
        *(event_text(f"e{i}", date='"2023-08-01"', title=f'"{t}"') for i, t in enumerate(titles[1:], 1)),
    )
    plain = load([write_timeline(unquoted, "plain.yaml")]).timeline
    marked = load([write_timeline(quoted, "quoted.yaml")]).timeline
    assert [e.id for e in plain.events] == ["007", *(f"e{i}" for i in range(1, len(titles)))]
    assert [e.title for e in plain.events] == titles
    assert [(e.id, e.title, e.when) for e in plain.events] == [(e.id, e.title, e.when) for e in marked.events]
    assert plain.events[0].when.start == FuzzyDate(2023)
    assert plain.events[1].when.start == FuzzyDate(2023, 8, 1)


# -- each validation error, at its place ---------------------------------------------


def test_missing_field_is_reported_at_the_event(
    errors_in: Callable[[str], list[Problem]], head_text: str, locate: Locate
) -> None:
    text = head_text + (
        "  - id: no-title\n"
        "    date: 2023-07-05\n"
        "    kind: statement\n"
        "    actors: [az]\n"
        "    summary: Text.\n"
        "    sources: [s1]\n"
    )
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == locate(text, "id: no-title")
    assert "title is missing" in problem.message
    assert "no-title" in problem.message


def test_list_where_text_is_expected(
    errors_in: Callable[[str], list[Problem]],
    event_text: EventText,
    timeline_text: TimelineText,
    locate: Locate,
) -> None:
    text = timeline_text(event_text("e1", title="[one, two]"))
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == locate(text, "[one, two]")
    assert "title must be text, not a list" in problem.message


def test_text_where_a_list_is_expected(
    errors_in: Callable[[str], list[Problem]],
    event_text: EventText,
    timeline_text: TimelineText,
    locate: Locate,
) -> None:
    text = timeline_text(event_text("e1", tags="talks"))
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == locate(text, "talks")
    assert "tags must be a list" in problem.message


def test_unknown_key_with_suggestion(
    errors_in: Callable[[str], list[Problem]],
    event_text: EventText,
    timeline_text: TimelineText,
    locate: Locate,
) -> None:
    text = timeline_text(event_text("e1", actros="[az]"))
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == locate(text, "actros")
    assert "unknown key 'actros'" in problem.message
    assert "did you mean 'actors'?" in problem.message


def test_unknown_top_level_key(
    errors_in: Callable[[str], list[Problem]], timeline_text: TimelineText
) -> None:
    text = "titel: Oops\n" + timeline_text()
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == (1, 1)
    assert "unknown key 'titel'" in problem.message and "'title'" in problem.message


def test_impossible_date(
    errors_in: Callable[[str], list[Problem]],
    event_text: EventText,
    timeline_text: TimelineText,
    locate: Locate,
) -> None:
    text = timeline_text(event_text("e1", date="2023-02-30"))
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == locate(text, "2023-02-30")
    assert "February 2023" in problem.message


def test_impossible_source_date(
    errors_in: Callable[[str], list[Problem]], head_text: str, locate: Locate
) -> None:
    text = head_text.replace("date: 2023-09-20", "date: 2023-13") + "".join(
        line + "\n"
        for line in [
            "  - id: e1",
            "    date: 2023",
            "    title: T",
            "    kind: other",
            "    actors: [az]",
            "    summary: S.",
            "    sources: [s1]",
        ]
    )
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == locate(text, "2023-13")
    assert "month 13" in problem.message


def test_end_before_start(
    errors_in: Callable[[str], list[Problem]],
    event_text: EventText,
    timeline_text: TimelineText,
    locate: Locate,
) -> None:
    text = timeline_text(event_text("e1", date="2023-08-01", end="2023-07"))
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == locate(text, "2023-07")
    assert "before it starts" in problem.message


def test_end_inside_start_month_is_accepted(
    write_timeline: Write, event_text: EventText, timeline_text: TimelineText
) -> None:
    # 2023-07 may end on 31 July, after 5 July: not an end before the start.
    tl = load([write_timeline(timeline_text(event_text("e1", date="2023-07-05", end="2023-07")))]).timeline
    assert tl.events[0].when.end == FuzzyDate(2023, 7)


def test_unknown_actor_id(
    errors_in: Callable[[str], list[Problem]],
    event_text: EventText,
    timeline_text: TimelineText,
    locate: Locate,
) -> None:
    text = timeline_text(event_text("e1", actors="[az, turkey]"))
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == locate(text, "turkey")
    assert "unknown actor id 'turkey'" in problem.message


def test_actor_name_instead_of_id_names_the_id(
    errors_in: Callable[[str], list[Problem]],
    event_text: EventText,
    timeline_text: TimelineText,
    locate: Locate,
) -> None:
    text = timeline_text(event_text("e1", actors="[Moscow]"))
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == locate(text, "Moscow", nth=2)
    assert "'ru'" in problem.message


def test_unknown_source_id(
    errors_in: Callable[[str], list[Problem]],
    event_text: EventText,
    timeline_text: TimelineText,
    locate: Locate,
) -> None:
    text = timeline_text(event_text("e1", sources="[s1, s9]"))
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == locate(text, "s9")
    assert "unknown source id 's9'" in problem.message


def test_unknown_actor_and_source_in_a_quote(
    errors_in: Callable[[str], list[Problem]], event_text: EventText, timeline_text: TimelineText
) -> None:
    quotes = "\n      - text: Words.\n        by: Someone\n        actor: zz\n        source: nope"
    text = timeline_text(event_text("e1", quotes=quotes))
    problems = errors_in(text)
    assert len(problems) == 2
    assert "unknown actor id 'zz'" in problems[0].message
    assert "unknown source id 'nope'" in problems[1].message
    assert problems[1].line == problems[0].line + 1


def test_duplicate_event_id_names_both_lines(
    errors_in: Callable[[str], list[Problem]],
    event_text: EventText,
    timeline_text: TimelineText,
    locate: Locate,
) -> None:
    text = timeline_text(event_text("dup"), event_text("other"), event_text("dup", date="2023-09"))
    problem = only_error(errors_in(text))
    first_line, _ = locate(text, "id: dup")
    assert (problem.line, problem.col) == locate(text, "dup", nth=2)
    assert "'dup'" in problem.message
    assert f"line {first_line}" in problem.message
    assert f"line {problem.line}" in problem.message
    assert first_line != problem.line


def test_duplicate_key_in_a_mapping_names_both_lines(
    errors_in: Callable[[str], list[Problem]],
    event_text: EventText,
    timeline_text: TimelineText,
    locate: Locate,
) -> None:
    text = timeline_text(event_text("e1").replace("    kind:", "    title: Again\n    kind:"))
    problem = only_error(errors_in(text))
    first_line, _ = locate(text, "title: Something")
    assert (problem.line, problem.col) == locate(text, "title: Again")
    assert "'title'" in problem.message
    assert f"line {first_line}" in problem.message
    assert f"line {problem.line}" in problem.message


def test_unknown_kind_with_suggestion(
    errors_in: Callable[[str], list[Problem]],
    event_text: EventText,
    timeline_text: TimelineText,
    locate: Locate,
) -> None:
    text = timeline_text(event_text("e1", kind="statment"))
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == locate(text, "statment")
    assert "'statment'" in problem.message
    assert "did you mean 'statement'?" in problem.message


def test_outcome_on_a_non_meeting(
    errors_in: Callable[[str], list[Problem]],
    event_text: EventText,
    timeline_text: TimelineText,
    locate: Locate,
) -> None:
    text = timeline_text(event_text("e1", kind="report", outcome="held"))
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == locate(text, "held")
    assert "only meetings and proposals have an outcome" in problem.message


def test_missing_outcome_on_a_meeting(
    errors_in: Callable[[str], list[Problem]],
    event_text: EventText,
    timeline_text: TimelineText,
    locate: Locate,
) -> None:
    text = timeline_text(event_text("talks", kind="meeting"))
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == locate(text, "id: talks")
    assert "needs an outcome" in problem.message


@pytest.mark.parametrize("kind", ["meeting", "proposal"])
@pytest.mark.parametrize("outcome", ["held", "declined", "not-held", "pending"])
def test_every_outcome_is_accepted_on_meetings_and_proposals(
    write_timeline: Write, event_text: EventText, timeline_text: TimelineText, kind: str, outcome: str
) -> None:
    extra = {"declined_by": "[nk]"} if outcome == "declined" else {}
    text = timeline_text(event_text("e1", kind=kind, outcome=outcome, **extra))
    tl = load([write_timeline(text)]).timeline
    assert tl.events[0].outcome == outcome


@pytest.mark.parametrize("declined_by", [None, "[]", "~"])
def test_a_declined_event_says_who_declined(
    errors_in: Callable[[str], list[Problem]],
    event_text: EventText,
    timeline_text: TimelineText,
    locate: Locate,
    declined_by: str | None,
) -> None:
    """The README's rule: `declined` comes with `declined_by`, as `check` and the schema both say."""
    extra = {"declined_by": declined_by} if declined_by is not None else {}
    text = timeline_text(event_text("e1", kind="proposal", outcome="declined", **extra))
    problem = only_error(errors_in(text))
    assert "say who declined it in declined_by" in problem.message
    at = "declined_by: []" if declined_by == "[]" else "declined\n"
    line, col = locate(text, at)
    assert (problem.line, problem.col) == (line, col + (len("declined_by: ") if declined_by == "[]" else 0))


def test_unknown_outcome(
    errors_in: Callable[[str], list[Problem]],
    event_text: EventText,
    timeline_text: TimelineText,
    locate: Locate,
) -> None:
    text = timeline_text(event_text("e1", kind="meeting", outcome="postponed"))
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == locate(text, "postponed")


def test_declined_by_names_actors(
    write_timeline: Write, event_text: EventText, timeline_text: TimelineText
) -> None:
    text = timeline_text(event_text("e1", kind="meeting", outcome="declined", declined_by="[nk, az]"))
    tl = load([write_timeline(text)]).timeline
    assert tl.outcome_text(tl.events[0]) == "declined by Nagorno-Karabakh, Azerbaijan"


def test_alias_colliding_between_actors(
    errors_in: Callable[[str], list[Problem]], head_text: str, timeline_text: TimelineText, locate: Locate
) -> None:
    # "baku" is already Azerbaijan's alias "Baku": names match in any case.
    text = timeline_text(head=head_text.replace("[Stepanakert, Artsakh]", "[Stepanakert, baku]"))
    problem = only_error(errors_in(text))
    first_line, _ = locate(text, "Baku")
    assert (problem.line, problem.col) == locate(text, "baku")
    assert "'az'" in problem.message and "'nk'" in problem.message
    assert f"line {first_line}" in problem.message


def test_same_alias_twice_on_one_actor_is_fine(
    write_timeline: Write, head_text: str, timeline_text: TimelineText
) -> None:
    text = timeline_text(head=head_text.replace("[Baku]", "[Baku, BAKU, Azerbaijan]"))
    assert load([write_timeline(text)]).timeline.find_actor("baku") is not None


def test_invalid_ids_and_urls(
    errors_in: Callable[[str], list[Problem]], head_text: str, event_text: EventText, locate: Locate
) -> None:
    head = head_text.replace("https://example.com/first", "javascript:alert(1)")
    text = head + event_text("Bad Id")
    problems = errors_in(text)
    assert [(p.line, p.col) for p in problems] == [
        locate(text, "javascript:"),
        locate(text, "Bad Id"),
    ]
    assert "http" in problems[0].message
    assert "not a valid id" in problems[1].message


def test_a_file_with_three_errors_reports_three_problems(
    write_timeline: Write, event_text: EventText, timeline_text: TimelineText, locate: Locate
) -> None:
    text = timeline_text(
        event_text("e1", kind="statment"),
        event_text("e2", date="2023-02-30"),
        event_text("e3", sources="[nowhere]"),
    )
    path = write_timeline(text)
    with pytest.raises(LoadError) as info:
        load([path])
    problems = info.value.problems
    assert [(p.line, p.col) for p in problems] == [
        locate(text, "statment"),
        locate(text, "2023-02-30"),
        locate(text, "nowhere"),
    ]
    assert len(info.value.errors) == 3
    lines = [str(p) for p in problems]
    assert all(line.startswith(f"{path}:{p.line}:{p.col}: ") for line, p in zip(lines, problems, strict=True))
    assert str(info.value) == lines[0]


# -- several files ----------------------------------------------------------------------

PART_TWO = """\
title: Part two
actors:
  eu:
    name: European Union
    aliases: [Brussels]
sources: {}
events:
  - id: b-event
    date: 2023-07
    title: Uses actors and sources of part one
    kind: statement
    actors: [az, eu]
    summary: Merged.
    sources: [s1]
"""


@pytest.mark.parametrize("b_first", [False, True])
def test_files_are_merged(
    write_timeline: Write, event_text: EventText, timeline_text: TimelineText, b_first: bool
) -> None:
    a = write_timeline(timeline_text(event_text("a-event", date="2023-07")), "a.yaml")
    b = write_timeline(PART_TWO, "b.yaml")
    tl = load([b, a] if b_first else [a, b]).timeline
    assert set(tl.actors) == {"az", "nk", "ru", "eu"}
    b_event = next(e for e in tl.events if e.id == "b-event")
    assert b_event.actors == ("az", "eu") and b_event.file == str(b)
    assert tl.find_actor("brussels") is tl.actors["eu"]
    # Same dates: the order the files were given decides.
    assert [e.id for e in tl.events] == (["b-event", "a-event"] if b_first else ["a-event", "b-event"])
    expected_title = "Part two + Test timeline" if b_first else "Test timeline + Part two"
    assert tl.title == expected_title


def test_same_event_id_in_two_files_names_the_other_file(
    write_timeline: Write, event_text: EventText, timeline_text: TimelineText, locate: Locate
) -> None:
    a = write_timeline(timeline_text(event_text("b-event")), "a.yaml")
    b = write_timeline(PART_TWO, "b.yaml")
    with pytest.raises(LoadError) as info:
        load([a, b])
    problem = only_error(info.value.problems)
    a_line, _ = locate(timeline_text(event_text("b-event")), "id: b-event")
    assert problem.file == str(b)
    assert (problem.line, problem.col) == locate(PART_TWO, "b-event")
    assert f"{a}:{a_line}" in problem.message


def test_actor_declared_in_two_files(write_timeline: Write, timeline_text: TimelineText) -> None:
    a = write_timeline(timeline_text(), "a.yaml")
    b = write_timeline(PART_TWO.replace("  eu:\n", "  az:\n").replace("[az, eu]", "[az]"), "b.yaml")
    with pytest.raises(LoadError) as info:
        load([a, b])
    problem = only_error(info.value.problems)
    assert problem.file == str(b) and str(a) in problem.message
    assert "declared differently" in problem.message


def test_identical_declarations_in_several_files_are_one_actor(
    write_timeline: Write, event_text: EventText, timeline_text: TimelineText
) -> None:
    # Per-year files that each declare the same actors and sources merge cleanly.
    a = write_timeline(timeline_text(event_text("in-a")), "a.yaml")
    b = write_timeline(timeline_text(event_text("in-b", date="2024")), "b.yaml")
    tl = load([a, b]).timeline
    assert [e.id for e in tl.events] == ["in-a", "in-b"]
    assert tl.find_actor("Baku") is tl.actors["az"]


def test_an_unreadable_file_does_not_hide_the_others_problems(
    write_timeline: Write, event_text: EventText, timeline_text: TimelineText, tmp_path: Path
) -> None:
    bad = write_timeline(timeline_text(event_text("x", kind="banana")), "bad.yaml")
    missing = tmp_path / "missing.yaml"
    with pytest.raises(LoadError) as info:
        load([missing, bad])
    files = [p.file for p in info.value.errors]
    assert files == [str(missing), str(bad)]
    assert "banana" in info.value.errors[1].message


# -- order ---------------------------------------------------------------------------------


def test_events_are_sorted_chronologically_with_file_order_breaking_ties(
    write_timeline: Write, event_text: EventText, timeline_text: TimelineText
) -> None:
    text = timeline_text(
        event_text("sep", date="2023-09"),
        event_text("day-5", date="2023-07-05"),
        event_text("july-a", date="2023-07"),
        event_text("mid-july", date="mid 2023-07"),
        event_text("early-july", date="early 2023-07"),
        event_text("july-b", date="2023-07"),
        event_text("year", date="2023"),
        event_text("span", date="2021", end="2024"),
        event_text("july-c", date="2023-07~"),
    )
    tl = load([write_timeline(text)]).timeline
    assert [e.id for e in tl.events] == [
        "span",  # starts in 2021
        "year",  # 1 Jan 2023
        "early-july",  # 1-10 Jul
        "july-a",  # 1-31 Jul, in file order ...
        "july-b",
        "july-c",  # ... whatever the markers
        "day-5",
        "mid-july",
        "sep",
    ]


# -- unsafe characters ----------------------------------------------------------------------


def test_control_and_bidi_characters_are_replaced_with_a_warning(
    write_timeline: Write, event_text: EventText, timeline_text: TimelineText, locate: Locate
) -> None:
    text = timeline_text(event_text("e1", title='"Safe\\u202eevil"', summary='"a\\x1bb\\u0007c"'))
    loaded = load([write_timeline(text)])
    event = loaded.timeline.events[0]
    assert event.title == "Safe\ufffdevil"
    assert event.summary == "a\ufffdb\ufffdc"
    assert [(w.line, w.col) for w in loaded.warnings] == [
        locate(text, '"Safe'),
        locate(text, '"a\\x1b'),
    ]
    assert all(w.warning for w in loaded.warnings)
    assert "U+202E" in loaded.warnings[0].message
    assert "U+0007" in loaded.warnings[1].message and "U+001B" in loaded.warnings[1].message
    assert ": warning: " in str(loaded.warnings[0])


def test_raw_control_character_in_the_file_is_an_error(
    errors_in: Callable[[str], list[Problem]],
    event_text: EventText,
    timeline_text: TimelineText,
    locate: Locate,
) -> None:
    text = timeline_text(event_text("e1", title="Bell\x07here"))
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == locate(text, "\x07")
    assert "U+0007" in problem.message


# -- the bundled timeline -----------------------------------------------------------------


def test_bundled_timeline_loads_if_present() -> None:
    path = bundled_path()
    if not path.is_file():
        pytest.skip("no bundled events.yaml yet")
    tl = load([path]).timeline
    assert len(tl.events) >= 1
    assert [e.when.sort_key for e in tl.events] == sorted(e.when.sort_key for e in tl.events)


# -- date-order: how a file's numeric dates read ------------------------------------------------


def test_date_order_reads_a_files_ambiguous_numeric_dates(
    write_timeline: Write, timeline_text: TimelineText, event_text: EventText, head_text: str
) -> None:
    text = timeline_text(
        event_text("a", date="03/04/2011"),
        event_text("b", date="31/12/1999"),
        head="date-order: day-first\n" + head_text,
    )
    timeline = load([write_timeline(text)]).timeline
    assert timeline.date_order == "day-first"
    assert {e.id: e.when.start.iso() for e in timeline.events} == {"a": "2011-04-03", "b": "1999-12-31"}


def test_a_date_that_contradicts_the_date_order_is_an_error_at_its_place(
    errors_in: Callable[[str], list[Problem]],
    timeline_text: TimelineText,
    event_text: EventText,
    head_text: str,
    locate: Locate,
) -> None:
    text = timeline_text(
        event_text("a", date="03/04/2011"),
        event_text("b", date="12/31/1999"),
        head="date-order: day-first\n" + head_text,
    )
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == locate(text, "12/31/1999")
    assert "only be read month first" in problem.message and "date-order: day-first" in problem.message


def test_without_a_date_order_an_ambiguous_numeric_date_is_an_error_with_both_readings(
    errors_in: Callable[[str], list[Problem]],
    timeline_text: TimelineText,
    event_text: EventText,
    locate: Locate,
) -> None:
    text = timeline_text(event_text("a", date="03/04/2011"), event_text("b", date="31/12/1999"))
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == locate(text, "03/04/2011")
    assert "2011-04-03" in problem.message and "2011-03-04" in problem.message


@pytest.mark.parametrize(
    ("where", "value", "words"),
    [
        ("top", "sideways", ["'sideways' is not one of: day-first, month-first"]),
        ("top", "[day-first]", ["must be text"]),
        ("after a date", "day-first", ["comes after a date", "before the file's first date"]),
    ],
)
def test_a_wrong_date_order_is_an_error_at_its_place(
    errors_in: Callable[[str], list[Problem]],
    timeline_text: TimelineText,
    head_text: str,
    locate: Locate,
    where: str,
    value: str,
    words: list[str],
) -> None:
    line = f"date-order: {value}\n"
    if where == "top":
        text = timeline_text(head=line + head_text)
    else:  # after the sources, whose dates were read as soon as they were complete
        text = timeline_text(head=head_text.replace("events:\n", line + "events:\n"))
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == locate(text, value)
    assert all(word in problem.message for word in words), problem.message


def test_the_files_of_a_timeline_share_one_date_order(
    write_timeline: Write, timeline_text: TimelineText, event_text: EventText, head_text: str
) -> None:
    one = write_timeline(timeline_text(head="date-order: day-first\n" + head_text), "one.yaml")
    other_head = "date-order: month-first\n" + head_text.replace("Test timeline", "Other")
    two = write_timeline(timeline_text(event_text("other-event"), head=other_head), "two.yaml")
    with pytest.raises(LoadError) as info:
        load([one, two])
    (problem,) = info.value.problems
    assert problem.file == str(two) and (problem.line, problem.col) == (1, 13)
    assert "differs from 'day-first'" in problem.message


@pytest.mark.parametrize("kind", ["meetng", "war\n      Talks began.\n\n      They went on."])
def test_an_unknown_kind_is_said_once_and_not_blamed_for_its_outcome(
    errors_in: Callable[[str], list[Problem]], kind: str
) -> None:
    """The kind's own error names it; the outcome rule, which needs a known kind, says nothing more
    (it once printed the kind as written, two lines of it, into a one-line message)."""
    text = (
        "title: T\nevents:\n  - id: a\n    date: 2023\n    title: A\n"
        f"    kind: {kind}\n    outcome: held\n    summary: S.\n"
    )
    problem = only_error(errors_in(text))
    assert "is not one of the kinds" in problem.message and "\n" not in str(problem)


@pytest.mark.parametrize(
    ("date", "words"),
    [
        ("2023-03-26 01:30", ["01:30 did not happen in Europe/London on 26 March 2023", "+00:00 or +01:00"]),
        ("29 October 2023, 1:30", ["01:30 happened twice", "+01:00 (the first) or +00:00 (the second)"]),
    ],
)
def test_a_time_the_clocks_skipped_or_showed_twice_is_refused_where_it_is(
    errors_in: Callable[[str], list[Problem]], date: str, words: list[str]
) -> None:
    text = (
        "title: T\ntimezone: Europe/London\nevents:\n"
        f"  - id: a\n    date: {date}\n    title: A\n    kind: other\n    summary: S.\n"
    )
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == (5, 11)
    assert all(w in problem.message for w in words), problem.message


@pytest.mark.parametrize(
    "date", ["2023-03-26 01:30 +00:00", "29 October 2023, 1:30 +01:00", "2023-07-01 01:30"]
)
def test_a_time_with_its_offset_or_on_an_ordinary_day_is_read(write_timeline: Write, date: str) -> None:
    text = (
        "title: T\ntimezone: Europe/London\nevents:\n"
        f"  - id: a\n    date: {date}\n    title: A\n    kind: other\n    summary: S.\n"
    )
    assert load([write_timeline(text)]).timeline.events[0].when.start.hour == 1


@pytest.mark.parametrize(("written", "meant"), [("dayfirst", "day-first"), ("Month First", "month-first")])
def test_a_misspelt_date_order_is_offered_spelt_right(
    errors_in: Callable[[str], list[Problem]], written: str, meant: str
) -> None:
    event = "{id: a, date: 2011, title: A, kind: other, summary: S.}"
    text = f"title: T\ndate-order: {written}\nevents:\n  - {event}\n"
    problem = only_error(errors_in(text))
    assert (problem.line, problem.col) == (2, 13) and problem.message.endswith(f"did you mean {meant!r}?")
