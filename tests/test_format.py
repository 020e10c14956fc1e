"""The format's additions: eras, require, optional actors and sources, links and accounts.

Each validation error is checked at its ``FILE:LINE:COL``; the model's views of links
(both ways, chains) and accounts (search, actor filter) are checked on small timelines.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from timeline import Filter, FuzzyDate, LoadError, Problem, Timeline, bundled_path, load, load_text
from timeline.model import CHAIN_TYPES, LINK_TYPES, Account, Link

Write = Callable[..., Path]
Locate = Callable[..., tuple[int, int]]
EventText = Callable[..., str]
TimelineText = Callable[..., str]


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(LoadError) as info:
        load_text([("t.yaml", text.encode())])
    return [p for p in info.value.problems if not p.warning]


def only_error(text: str) -> Problem:
    errors = problems_of(text)
    assert len(errors) == 1, "\n".join(map(str, errors))
    return errors[0]


def loads(text: str) -> Timeline:
    return load_text([("t.yaml", text.encode())]).timeline


#: Five events in a chain and one beside it (file order differs from chronological order).
LINKED = """\
title: Linked
actors:
  az: {name: Azerbaijan}
  nk: {name: Nagorno-Karabakh, aliases: [Stepanakert]}
  am: {name: Armenia}
sources:
  s1: {title: A source, publisher: P, date: 2023-08, url: "https://example.com/a"}
events:
  - id: refusal
    date: 2023-03-15
    title: The refusal
    kind: statement
    actors: [nk]
    summary: Stepanakert refused.
    sources: [s1]
    links:
      - {to: invitation, type: responds-to, note: the same week}
  - id: invitation
    date: 2023-03-13
    title: The invitation
    kind: proposal
    outcome: declined
    declined_by: [nk]
    actors: [az, nk]
    summary: Baku invited.
    sources: [s1]
    links:
      - {to: second-invitation, type: follows-up}
  - id: second-invitation
    date: 2023-03-27
    title: The second invitation
    kind: statement
    actors: [az]
    summary: Baku invited again.
    sources: [s1]
    links:
      - {to: offensive, type: leads-to}
      - {to: aside, type: see-also}
  - id: offensive
    date: 2023-09-19
    title: The offensive
    kind: offensive
    actors: [az]
    summary: An offensive.
    sources: [s1]
  - id: aside
    date: 2023-01-01
    title: Something aside
    kind: report
    summary: A report, with neither actors nor sources.
    links:
      - {to: offensive, type: contradicts}
  - id: bratislava
    date: 2023-07-29
    title: Bratislava meeting called off
    kind: meeting
    outcome: not-held
    actors: [az, nk]
    summary: The meeting did not take place.
    sources: [s1]
    accounts:
      - by: Karabakh Foreign Ministry
        actor: nk
        text: Baku refused the agreed venue.
        source: s1
      - by: Hikmet Hajiyev
        text: The Karabakh side withdrew from the meeting.
        source: s1
      - actor: am
        text: Yerevan blamed the blockade.
        source: s1
"""


# -- optional actors and sources; require -----------------------------------------------------


def test_events_without_actors_or_sources_load(event_text: EventText) -> None:
    tl = loads("title: Bare\nevents:\n  - {id: a, date: 2023, title: T, kind: report, summary: S}\n")
    assert tl.actors == {} and tl.sources == {} and tl.require == frozenset()
    assert tl.events[0].actors == () and tl.events[0].sources == ()
    assert Filter(actors=frozenset()).apply(tl) == [0]


def test_require_makes_a_missing_field_an_error_at_the_event(locate: Locate) -> None:
    text = (
        "title: Strict\nrequire: [actors, sources]\nactors: {az: {name: Azerbaijan}}\n"
        "events:\n"
        "  - id: no-actors\n    date: 2023\n    title: T\n    kind: report\n    summary: S\n"
        "  - id: empty-sources\n    date: 2023\n    title: T\n    kind: report\n    summary: S\n"
        "    actors: [az]\n    sources: []\n"
    )
    errors = problems_of(text)
    assert [(p.line, p.col) for p in errors] == [
        locate(text, "id: no-actors"),
        locate(text, "id: no-actors"),
        locate(text, "[]"),
    ]
    assert "event 'no-actors': actors is missing" in errors[0].message
    assert "event 'no-actors': sources is missing" in errors[1].message
    assert "event 'empty-sources': sources is missing" in errors[2].message
    assert all("'require:' setting lists" in p.message for p in errors)


def test_require_applies_to_the_file_that_sets_it() -> None:
    strict = (
        "title: A\nrequire: [actors]\nactors: {az: {name: A}}\nevents:\n"
        "  - {id: a, date: 2023, title: T, kind: report, summary: S, actors: [az]}\n"
    )
    loose = "title: B\nevents:\n  - {id: b, date: 2023, title: T, kind: report, summary: S}\n"
    tl = load_text([("a.yaml", strict.encode()), ("b.yaml", loose.encode())]).timeline
    assert tl.require == {"actors"} and len(tl.events) == 2


def test_unknown_require_value_is_located_with_a_suggestion(locate: Locate) -> None:
    text = (
        "title: T\nrequire: [actors, sourcs]\nevents:\n"
        "  - {id: a, date: 2023, title: T, kind: report, summary: S, actors: [x]}\n"
    )
    errors = problems_of(text)
    assert (errors[0].line, errors[0].col) == locate(text, "sourcs")
    assert (
        "require: 'sourcs' is not a field a timeline can require; did you mean 'sources'?"
        in errors[0].message
    )
    assert "unknown actor id 'x'" in errors[1].message  # no actors section: references are still checked


def test_bundled_timeline_requires_actors_and_sources() -> None:
    assert load([bundled_path()], cache=False).timeline.require == {"actors", "sources"}


# -- eras ------------------------------------------------------------------------------------------

ERAS_HEAD = "title: T\neras:\n{}events:\n  - {{id: a, date: 2023, title: T, kind: report, summary: S}}\n"


def test_eras_load_in_order_of_their_start() -> None:
    tl = loads(
        ERAS_HEAD.format(
            "  - {name: Blockade, start: 2022-12-12, end: 2023-09-19, description: The Lachin corridor.}\n"
            "  - {name: First war, start: 1988-02, end: 1994-05-12}\n"
            "  - {name: Same day, start: 1 March 2023, end: 1 March 2023}\n"
        )
    )
    assert [e.name for e in tl.eras] == ["First war", "Blockade", "Same day"]
    assert tl.eras[0].start == FuzzyDate(1988, 2) and tl.eras[0].end == FuzzyDate(1994, 5, 12)
    assert tl.eras[1].description == "The Lachin corridor."
    assert tl.eras[0].when.display() == "Feb 1988 – 12 May 1994"
    assert [e.name for e in tl.eras_at(0)] == ["Blockade", "Same day"]  # the event is all of 2023


@pytest.mark.parametrize(
    ("eras", "needle", "message"),
    [
        (
            "  - {name: War, start: 1994, end: 1988}\n",
            "1988",
            "era 'War' ends (1988) before it starts (1994)",
        ),
        ("  - {start: 1988, end: 1994}\n", "{start", "the era's name is missing"),
        ("  - {name: War, end: 1994}\n", "{name", "era 'War': start is missing"),
        ("  - {name: War, start: 1988, end: 1994-02-30}\n", "1994-02-30", "day 30 does not exist"),
        ("  - {name: War, start: 1988, end: 1994, until: 1995}\n", "until", "unknown key 'until' in an era"),
        ('  - {name: "Two\\nlines", start: 1988, end: 1994}\n', '"Two', "the era's name must be one line"),
        ("  - Just a name\n", "Just", "an era must be a mapping with name, start and end"),
        (
            "  - {name: War, start: 27 Sep – 10 Nov 2020, end: 2021}\n",
            "27 Sep",
            "era 'War': start must be one date, not a range",
        ),
        ("  - {name: Old, start: 300 BC, end: 200 BC}\n", None, None),
        ("  {name: War}\n", "{name", "eras must be a list"),
    ],
)
def test_era_errors_are_located(eras: str, needle: str | None, message: str | None, locate: Locate) -> None:
    text = ERAS_HEAD.format(eras)
    if needle is None:  # a valid era, beside the invalid ones
        assert loads(text).eras[0].when.display() == "300–200 BC"
        return
    assert message is not None
    problem = only_error(text)
    assert (problem.line, problem.col) == locate(text, needle)
    assert message in problem.message


# -- links ---------------------------------------------------------------------------------------


def test_links_load_with_their_type_and_note() -> None:
    tl = loads(LINKED)
    refusal = tl.events[tl.by_id["refusal"]]
    assert refusal.links == (Link("invitation", "responds-to", "the same week"),)
    assert refusal.links[0].wording == "responds to"
    assert refusal.links[0].reverse_wording == "responded to by"


def test_every_link_type_has_both_wordings_and_see_also_reads_the_same_both_ways() -> None:
    assert set(LINK_TYPES) == {"responds-to", "follows-up", "leads-to", "contradicts", "see-also"}
    assert LINK_TYPES["leads-to"] == ("leads to", "follows from")
    assert LINK_TYPES["see-also"][0] == LINK_TYPES["see-also"][1]
    assert {"leads-to", "follows-up", "responds-to"} == CHAIN_TYPES


def test_linked_from_derives_the_reverse_direction() -> None:
    tl = loads(LINKED)
    back = tl.linked_from("invitation")
    assert [(e.id, link.type, link.reverse_wording) for e, link in back] == [
        ("refusal", "responds-to", "responded to by")
    ]
    assert [e.id for e, _ in tl.linked_from("offensive")] == ["aside", "second-invitation"]
    assert tl.linked_from("bratislava") == []


def test_links_of_lists_both_ways_with_wording_and_target() -> None:
    tl = loads(LINKED)
    at = tl.by_id
    rows = tl.links_of(at["invitation"])
    assert [(r.wording, tl.events[r.target].id, r.outgoing, r.note) for r in rows] == [
        ("follows up", "second-invitation", True, ""),
        ("responded to by", "refusal", False, "the same week"),
    ]
    assert [(r.wording, tl.events[r.target].id) for r in tl.links_of(at["offensive"])] == [
        ("contradicted by", "aside"),
        ("follows from", "second-invitation"),
    ]
    assert [(r.wording, tl.events[r.target].id) for r in tl.links_of(at["aside"])] == [
        ("contradicts", "offensive"),
        ("see also", "second-invitation"),
    ]


def test_chain_follows_leads_to_follows_up_and_responds_to_both_ways_in_order() -> None:
    tl = loads(LINKED)
    at = tl.by_id
    chain = ["invitation", "refusal", "second-invitation", "offensive"]
    for event_id in chain:
        assert [tl.events[i].id for i in tl.chain(at[event_id])] == chain
    # see-also and contradicts are not steps of a chain
    assert [tl.events[i].id for i in tl.chain(at["aside"])] == ["aside"]
    assert tl.chain(at["bratislava"]) == [at["bratislava"]]
    assert [tl.events[i].id for i in tl.chain(at["aside"], types=LINK_TYPES)] == [
        "aside",
        "invitation",
        "refusal",
        "second-invitation",
        "offensive",
    ]


LINK_EVENTS = (
    "title: T\nevents:\n"
    "  - id: a\n    date: 2023\n    title: A\n    kind: report\n    summary: S\n    links:\n{}"
    "  - id: bee\n    date: 2023\n    title: B\n    kind: report\n    summary: S\n"
)


@pytest.mark.parametrize(
    ("links", "needle", "message"),
    [
        (
            "      - {to: be, type: leads-to}\n",
            "be,",
            "link to an unknown event id 'be'; did you mean 'bee'?",
        ),
        ("      - {to: a, type: leads-to}\n", "a,", "event 'a' links to itself"),
        (
            "      - {to: bee, type: lead-to}\n",
            "lead-to",
            "event 'a': link type 'lead-to' is not one of the types; did you mean 'leads-to'? "
            "types: responds-to, follows-up, leads-to, contradicts, see-also",
        ),
        (
            "      - {to: bee, type: leads-to}\n      - {to: bee, type: leads-to, note: again}\n",
            "bee, type: leads-to, note",
            "event 'a': link leads-to 'bee' is given twice (first on line 9)",
        ),
        (
            "      - {type: leads-to}\n",
            "{type",
            "event 'a': a link's 'to' (the event it points at) is missing",
        ),
        ("      - {to: bee}\n", "{to", "event 'a': a link's type is missing"),
        ("      - {to: bee, type: leads-to, why: x}\n", "why", "unknown key 'why' in a link"),
        ("      - bee\n", "bee\n", "event 'a': a link must be a mapping with to and type"),
        ("      {to: bee}\n", "{to", "event 'a': links must be a list"),
        ("      - {to: Bee, type: leads-to}\n", "Bee", "is not a valid id"),
    ],
)
def test_link_errors_are_located(links: str, needle: str, message: str, locate: Locate) -> None:
    text = LINK_EVENTS.format(links)
    problem = only_error(text)
    assert (problem.line, problem.col) == locate(text, needle)
    assert message in problem.message


def test_the_same_target_with_another_type_is_not_a_duplicate() -> None:
    tl = loads(
        LINK_EVENTS.format("      - {to: bee, type: leads-to}\n      - {to: bee, type: contradicts}\n")
    )
    assert [link.type for link in tl.events[0].links] == ["leads-to", "contradicts"]


def test_a_link_may_point_into_another_file() -> None:
    one = (
        "title: A\nevents:\n"
        "  - {id: a, date: 2023, title: A, kind: report, summary: S, links: [{to: b, type: see-also}]}\n"
    )
    two = "title: B\nevents:\n  - {id: b, date: 2022, title: B, kind: report, summary: S}\n"
    tl = load_text([("one.yaml", one.encode()), ("two.yaml", two.encode())]).timeline
    assert [(r.wording, tl.events[r.target].id) for r in tl.links_of(tl.by_id["b"])] == [("see also", "a")]


# -- accounts ------------------------------------------------------------------------------------


def test_accounts_load_with_their_speakers() -> None:
    tl = loads(LINKED)
    event = tl.events[tl.by_id["bratislava"]]
    assert event.accounts == (
        Account("Baku refused the agreed venue.", "Karabakh Foreign Ministry", "nk", "s1"),
        Account("The Karabakh side withdrew from the meeting.", "Hikmet Hajiyev", None, "s1"),
        Account("Yerevan blamed the blockade.", "", "am", "s1"),
    )
    assert [tl.speaker(a) for a in event.accounts] == [
        "Karabakh Foreign Ministry (Nagorno-Karabakh)",
        "Hikmet Hajiyev",
        "Armenia",
    ]


ACCOUNT_EVENT = (
    "title: T\nactors: {{az: {{name: A}}}}\n"
    "sources: {{s1: {{title: S, publisher: P, date: 2023, url: 'https://e.org'}}}}\n"
    "events:\n  - id: a\n    date: 2023\n    title: A\n    kind: report\n    summary: S\n    accounts:\n{}"
)


@pytest.mark.parametrize(
    ("accounts", "needle", "message"),
    [
        (
            "      - {text: T, source: s1}\n",
            "{text",
            "event 'a': an account needs 'by' (who gives it) or 'actor'",
        ),
        ("      - {by: X, source: s1}\n", "{by", "event 'a': an account's text is missing"),
        ("      - {by: X, text: T}\n", "{by", "event 'a': an account's source is missing"),
        ("      - {by: X, text: T, source: s2}\n", "s2", "unknown source id 's2'"),
        ("      - {actor: zz, text: T, source: s1}\n", "zz", "unknown actor id 'zz'"),
        ("      - {by: X, text: T, source: s1, quote: Q}\n", "quote", "unknown key 'quote' in an account"),
        ("      - {by: [X], text: T, source: s1}\n", "[X]", "an account's 'by' (who gives it) must be text"),
        ("      - ZZ\n", "ZZ", "event 'a': an account must be a mapping with by or actor, text and source"),
        ("      ZZ\n", "ZZ", "event 'a': accounts must be a list"),
    ],
)
def test_account_errors_are_located(accounts: str, needle: str, message: str, locate: Locate) -> None:
    text = ACCOUNT_EVENT.format(accounts)
    errors = problems_of(text)
    assert errors, text
    problem = errors[0]
    assert (problem.line, problem.col) == locate(text, needle)
    assert message in problem.message


def test_search_reaches_account_text_and_speakers() -> None:
    tl = loads(LINKED)
    at = tl.by_id["bratislava"]
    for words in ("agreed venue", "hajiyev", "withdrew", "blamed blockade"):
        assert Filter(text=words).apply(tl) == [at], words
    tl.build_search_index()  # the word index answers the same
    for words in ("agreed venue", "hajiyev", "withdrew", "armenia"):
        assert Filter(text=words).apply(tl) == [at], words


def test_actor_filter_reaches_account_actors() -> None:
    tl = loads(LINKED)
    at = tl.by_id
    assert Filter(actors=frozenset({"am"})).apply(tl) == [at["bratislava"]]
    assert at["bratislava"] in Filter(actors=frozenset({"nk"})).apply(tl)
    assert tl.events[at["bratislava"]].involved == ("az", "nk", "am")


# -- timeline list --links ---------------------------------------------------------------------


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from timeline.cli import main

    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def linked_path(write_timeline: Write) -> str:
    return str(write_timeline(LINKED, "linked.yaml"))


def test_list_links_prints_the_links_both_ways_then_the_chain(
    capsys: pytest.CaptureFixture[str], linked_path: str
) -> None:
    code, out, err = run_cli(capsys, "list", linked_path, "--links", "invitation")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "13 Mar 2023\tThe invitation\t[invitation]",
        "  follows up:\t27 Mar 2023\tThe second invitation\t[second-invitation]",
        "  responded to by:\t15 Mar 2023\tThe refusal\t[refusal]\tthe same week",
        "chain (responds to, follows up, leads to; either way):",
        "> 13 Mar 2023\tThe invitation\t[invitation]",
        "  15 Mar 2023\tThe refusal\t[refusal]",
        "  27 Mar 2023\tThe second invitation\t[second-invitation]",
        "  19 Sep 2023\tThe offensive\t[offensive]",
    ]


def test_list_links_of_an_event_outside_any_chain(
    capsys: pytest.CaptureFixture[str], linked_path: str
) -> None:
    code, out, _ = run_cli(capsys, "list", linked_path, "--links", "aside")
    assert code == 0
    assert out.splitlines() == [
        "1 Jan 2023\tSomething aside\t[aside]",
        "  contradicts:\t19 Sep 2023\tThe offensive\t[offensive]",
        "  see also:\t27 Mar 2023\tThe second invitation\t[second-invitation]",
    ]
    code, out, _ = run_cli(capsys, "list", linked_path, "--links", "bratislava")
    assert out.splitlines() == ["29 Jul 2023\tBratislava meeting called off\t[bratislava]", "  (no links)"]


def test_list_links_with_filters_narrows_the_linked_events(
    capsys: pytest.CaptureFixture[str], linked_path: str
) -> None:
    code, out, _ = run_cli(capsys, "list", linked_path, "--links", "invitation", "--actor", "nk")
    assert code == 0
    assert "[refusal]" in out and "[second-invitation]" not in out and "[offensive]" not in out
    assert out.splitlines()[0] == "13 Mar 2023\tThe invitation\t[invitation]"


def test_list_links_of_an_unknown_id_is_a_usage_error_with_suggestions(
    capsys: pytest.CaptureFixture[str], linked_path: str
) -> None:
    code, out, err = run_cli(capsys, "list", linked_path, "--links", "invitaton")
    assert code == 2 and out == ""
    assert "no event has the id 'invitaton'; did you mean 'invitation'" in err
    code, _, err = run_cli(capsys, "list", linked_path, "--links", "zzz")
    assert code == 2 and err.rstrip().endswith("no event has the id 'zzz'")


# -- the Markdown export -----------------------------------------------------------------------


def rendered(markdown: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("gfm-like").render(markdown)


def test_markdown_anchors_and_links_both_ways_work_in_markdown_it() -> None:
    import re

    from timeline import to_markdown

    tl = loads(LINKED)
    md = to_markdown(tl)
    html = rendered(md)
    ids = re.findall(r'<a id="([^"]+)"></a>', html)
    assert ids == [f"event-{e.id}" for e in tl.events]
    hrefs = re.findall(r'<a href="#([^"]+)">', html)
    assert hrefs and set(hrefs) <= set(ids)  # every internal link lands on an anchor
    assert (
        "\nLinks:\n\n- Responds to: [13 Mar 2023 · The invitation](#event-invitation): the same week\n" in md
    )
    assert "- Responded to by: [15 Mar 2023 · The refusal](#event-refusal): the same week\n" in md
    assert "- Follows from: [27 Mar 2023 · The second invitation](#event-second-invitation)\n" in md
    assert "- Contradicted by: [1 Jan 2023 · Something aside](#event-aside)\n" in md
    assert "- See also: [1 Jan 2023 · Something aside](#event-aside)\n" in md


def test_markdown_links_to_events_left_out_are_plain_text() -> None:
    from timeline import to_markdown

    tl = loads(LINKED)
    at = tl.by_id
    md = to_markdown(tl, [at["refusal"]])
    assert "- Responds to: 13 Mar 2023 · The invitation: the same week\n" in md
    assert "](#" not in md


def test_markdown_accounts_under_their_speakers_and_eras_in_the_header() -> None:
    from timeline import to_markdown

    text = LINKED.replace(
        "actors:\n  az:",
        "eras:\n  - {name: The blockade, start: 2022-12-12, end: 2023-09-19, description: Lachin closed.}\n"
        "actors:\n  az:",
        1,
    )
    tl = loads(text)
    md = to_markdown(tl)
    assert md.startswith(
        "# Linked\n\nEras:\n\n- **The blockade** (12 Dec 2022 – 19 Sep 2023): Lachin closed.\n\n"
    )
    source = "(source: [A source](<https://example.com/a>), P, Aug 2023)"
    assert (
        "\nAccounts:\n\n"
        "- **Karabakh Foreign Ministry (Nagorno-Karabakh):** "
        f"Baku refused the agreed venue. {source}\n"
        f"- **Hikmet Hajiyev:** The Karabakh side withdrew from the meeting. {source}\n"
        f"- **Armenia:** Yerevan blamed the blockade. {source}\n"
    ) in md


HOSTILE_TEXT = "*em* [x](http://e.org) <b>b</b> `c` foo@example.com"


def test_markdown_escapes_link_titles_notes_accounts_and_eras() -> None:
    from timeline import to_markdown

    q = '"' + HOSTILE_TEXT.replace('"', '\\"') + '"'
    text = (
        f"title: T\neras: [{{name: {q}, start: 2020, end: 2021, description: {q}}}]\n"
        "sources: {s1: {title: S, publisher: P, date: 2023, url: 'https://e.org'}}\n"
        "events:\n"
        f"  - {{id: a, date: 2023, title: {q}, kind: report, summary: S, "
        f"links: [{{to: b, type: see-also, note: {q}}}], accounts: [{{by: {q}, text: {q}, source: s1}}]}}\n"
        f"  - {{id: b, date: 2022, title: {q}, kind: report, summary: S}}\n"
    )
    html = rendered(to_markdown(loads(text)))
    for tag in ("<em>", "<b>", "<code>", 'href="http://e.org"', "mailto:"):
        assert tag not in html, tag
    assert html.count('href="#event-') == 2  # the link, both ways; nothing else became a link


def test_markdown_anchor_of_an_unsafe_id_is_a_digest() -> None:
    from timeline.markdown import anchor

    assert anchor("talks-2023.1_b") == "event-talks-2023.1_b"
    unsafe = anchor('x" onmouseover="alert(1)')
    assert unsafe.startswith("event-") and '"' not in unsafe and " " not in unsafe


def test_markdown_anchors_and_links_work_in_cmark_gfm() -> None:
    """GitHub renders with cmark-gfm (raw HTML kept, then sanitised): the anchors and links survive."""
    cmarkgfm = pytest.importorskip("cmarkgfm")
    from cmarkgfm.cmark import Options

    from timeline import to_markdown

    tl = loads(LINKED)
    html = cmarkgfm.github_flavored_markdown_to_html(to_markdown(tl), options=Options.CMARK_OPT_UNSAFE)
    for e in tl.events:
        assert f'<a id="event-{e.id}"></a>' in html
    assert '<a href="#event-invitation">' in html


# -- the detail pane -----------------------------------------------------------------------------


def test_detail_lists_links_both_ways_and_accounts_under_their_speakers() -> None:
    from tui.widgets.detail import event_detail

    tl = loads(LINKED)
    at = tl.by_id
    plain = event_detail(tl, at["invitation"], {}).plain
    assert "\nLinks\n" in plain
    assert " Follows up: 27 Mar 2023  The second invitation\n" in plain
    assert " Responded to by: 15 Mar 2023  The refusal\n    the same week\n" in plain
    plain = event_detail(tl, at["refusal"], {}).plain
    assert " Responds to: 13 Mar 2023  The invitation\n" in plain
    plain = event_detail(tl, at["bratislava"], {}).plain
    assert (
        "\nAccounts\n"
        " Karabakh Foreign Ministry (Nagorno-Karabakh)\n    Baku refused the agreed venue.\n    — A source\n"
        " Hikmet Hajiyev\n    The Karabakh side withdrew from the meeting.\n    — A source\n"
        " Armenia\n    Yerevan blamed the blockade.\n    — A source\n"
    ) in plain
    assert "Links" not in plain


def test_detail_shows_markup_in_links_and_accounts_as_text() -> None:
    from tui.widgets.detail import event_detail

    hostile = "[bold red]x[/] [/ $text [link=https://e.org]y[/link]"
    q = '"' + hostile + '"'
    text = (
        "title: T\nsources: {s1: {title: " + q + ", publisher: P, date: 2023, url: 'https://e.org'}}\n"
        "events:\n"
        f"  - {{id: a, date: 2023, title: {q}, kind: report, summary: S, "
        f"links: [{{to: b, type: leads-to, note: {q}}}], accounts: [{{by: {q}, text: {q}, source: s1}}]}}\n"
        f"  - {{id: b, date: 2022, title: {q}, kind: report, summary: S}}\n"
    )
    tl = loads(text)
    content = event_detail(tl, tl.by_id["a"], {})
    plain = content.plain
    assert plain.count(hostile) == 6  # title, account speaker, text and source, linked title, note
    for span in content.spans:
        assert "e.org" not in str(span.style) and "red" not in str(span.style)


def test_every_link_in_the_bundled_timeline_points_at_another_event_that_exists() -> None:
    tl = load([bundled_path()], cache=False).timeline
    for event in tl.events:
        for link in event.links:
            assert link.to in tl.by_id and link.to != event.id, (event.id, link)
        for account in event.accounts:
            assert account.source in tl.sources and (account.actor is None or account.actor in tl.actors)
    # every reverse link is derived from a written one
    assert sum(len(tl.links_of(i)) for i in range(len(tl))) == 2 * sum(len(e.links) for e in tl.events)
