"""Markdown export: document structure, and data text that must never turn into markup.

Besides checking the Markdown text, the output is rendered with markdown-it-py in its
GFM-like mode (tables, strikethrough, linkify) and the HTML is read back: every heading,
list item, link and emphasis must be one the exporter meant, and the text shown must be
the data's text exactly.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from timeline import Actor, Event, FilterSpec, Quote, Source, Span, Timeline, load, parse_date
from timeline.markdown import escape, event_markdown, safe_url, to_markdown

MD = MarkdownIt("gfm-like")

# -- reading rendered HTML back ------------------------------------------------------------------

_BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "td", "th", "pre"}
_VOID_TAGS = {"br", "hr", "img", "input"}


@dataclass
class Block:
    """One block element of the rendered HTML: its text and the inline tags inside it."""

    tag: str
    parents: tuple[str, ...]
    parts: list[str] = field(default_factory=list)
    inline: list[str] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts)


class Rendered(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.tags: list[str] = []
        self.blocks: list[Block] = []
        self._stack: list[str] = []
        self._open: list[Block] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in _BLOCK_TAGS:
            block = Block(tag, tuple(self._stack))
            self.blocks.append(block)
            self._open.append(block)
        elif self._open:
            self._open[-1].inline.append(tag)
            if tag == "a":
                self._open[-1].hrefs.append(dict(attrs).get("href") or "")
        if tag not in _VOID_TAGS:
            self._stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS:
            return
        assert self._stack and self._stack[-1] == tag, (tag, self._stack)
        self._stack.pop()
        if tag in _BLOCK_TAGS:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1].parts.append(data)
        else:
            assert not data.strip(), f"text outside any block: {data!r}"

    def of(self, tag: str) -> list[Block]:
        return [b for b in self.blocks if b.tag == tag]


def render(markdown: str) -> Rendered:
    return Rendered(MD.render(markdown))


def norm(text: str) -> str:
    return " ".join(text.split())


# -- structure ------------------------------------------------------------------------------------


def test_document_structure(sample: Timeline) -> None:
    md = to_markdown(sample)
    lines = md.splitlines()
    assert lines[:6] == ["# Sample talks", "", "A small chronology for the tests\\.", "", "All 7 events.", ""]
    assert [line for line in lines if line.startswith("#")] == [
        "# Sample talks",
        "## 1991",
        '### <a id="event-first-war"></a>1991–1994 · First war',
        "## 1994",
        '### <a id="event-ceasefire-1994"></a>12 May 1994 · Bishkek ceasefire',
        "## 2023",
        '### <a id="event-peacekeeper-talks"></a>Mar 2023 · Talks mediated by peacekeepers',
        '### <a id="event-brussels-meeting"></a>15 Jul 2023 · Leaders meet in Brussels',
        '### <a id="event-yevlakh-proposal"></a>early Aug 2023 · Talks proposed',
        '### <a id="event-statement-aug"></a>Aug 2023 · Statement on the blockade',
        '### <a id="event-pending-offer"></a>18 Sep 2023 · Offer of a new round',
    ]
    assert md.endswith("\n") and not md.endswith("\n\n")
    assert "\r" not in md and "\t" not in md


def test_one_event_section(sample: Timeline) -> None:
    event = next(e for e in sample.events if e.id == "brussels-meeting")
    assert event_markdown(sample, event) == (
        '### <a id="event-brussels-meeting"></a>15 Jul 2023 · Leaders meet in Brussels\n'
        "\n"
        "- **When:** 15 July 2023\n"
        "- **Kind:** meeting\n"
        "- **Outcome:** held\n"
        "- **Actors:** Azerbaijan, European Union\n"
        "- **Place:** Brussels\n"
        "- **Tags:** talks, mediation\n"
        "\n"
        "Talks under EU auspices\\.\n"
        "\n"
        "> constructive and substantive\n"
        ">\n"
        "> — Charles Michel\n"
        "\n"
        "Sources:\n"
        "\n"
        "1. [More false starts](<https://example.com/false-starts>), Eurasianet, Aug 2023\n"
    )


def test_span_paragraphs_outcome_and_numbered_sources(sample: Timeline) -> None:
    md = to_markdown(sample)
    assert "- **When:** 1991 – 1994 \\(4 years\\)\n" in md
    assert "- **Outcome:** declined by Nagorno\\-Karabakh\n" in md
    assert "- **Outcome:** did not take place\n" in md
    # a summary's blank line starts a new paragraph
    assert "Baku proposed talks; Stepanakert refused\\.\n\nA second paragraph\\.\n" in md
    # sources are numbered in the event's order (s2, then s1)
    assert (
        "1. [Ceasefire report](<https://example.com/ceasefire>), Reuters, 12 May 1994\n"
        "2. [More false starts](<https://example.com/false-starts>), Eurasianet, Aug 2023\n"
    ) in md


def test_blank_lines_holding_spaces_still_separate_paragraphs(
    write_timeline: Callable[..., Path], timeline_text: Callable[..., str], event_text: Callable[..., str]
) -> None:
    # An editor's trailing spaces on the "blank" line stay in a literal block scalar.
    summary = "|\n      First paragraph.\n        \n      Second\n      paragraph.\n"
    text = timeline_text(event_text("e1", summary=summary))
    text = text.replace(
        "title: Test timeline\n", "title: Test timeline\ndescription: |\n  One.\n   \n  Two.\n"
    )
    tl = load([write_timeline(text)]).timeline
    assert tl.events[0].paragraphs == ["First paragraph.", "Second paragraph."]
    md = to_markdown(tl)
    assert "\n\nFirst paragraph\\.\n\nSecond paragraph\\.\n\n" in md
    assert md.startswith("# Test timeline\n\nOne\\.\n\nTwo\\.\n\nAll 1 event.\n")


def test_rendered_structure(sample: Timeline) -> None:
    page = render(to_markdown(sample))
    headings = ["h1", "h2", "h3", "h2", "h3", "h2", "h3", "h3", "h3", "h3", "h3"]
    assert [b.tag for b in page.blocks if b.tag[0] == "h"] == headings
    assert [b.text for b in page.of("h2")] == ["1991", "1994", "2023"]
    assert page.tags.count("blockquote") == 2
    assert page.tags.count("a") == 8 + 7  # one link per listed source, one anchor per event
    assert page.tags.count("ol") == 7 and page.tags.count("ul") == 7


def test_summary_line_words(sample: Timeline) -> None:
    spec = FilterSpec(kinds=("meeting",), text="talks")
    flt = spec.resolve(sample)
    rows = flt.apply(sample)
    md = to_markdown(sample, rows, flt)
    assert '2 of 7 events, filtered by kind\\: meeting · search\\: "talks".\n' in md
    assert "\n1 of 7 events.\n" in to_markdown(sample, rows[:1])
    assert "\nAll 7 events.\n" in to_markdown(sample, None, FilterSpec().resolve(sample))
    assert "\n0 of 7 events.\n" in to_markdown(sample, [])


def test_export_is_deterministic(sample_path: Path) -> None:
    first = to_markdown(load([sample_path]).timeline)
    second = to_markdown(load([sample_path]).timeline)
    assert first == second


# -- hostile text ---------------------------------------------------------------------------------

HOSTILE = [
    "# heading",
    "- item",
    "1. item",
    "2) item",
    "+ plus",
    "> quoted",
    "[link](http://x)",
    "![image](http://x/i.png)",
    "[ref]: http://x",
    "<script>alert(1)</script>",
    "<b>bold</b>",
    "<!-- comment -->",
    "| a | b |",
    "*em*",
    "**strong**",
    "_em_",
    "`code`",
    "```",
    "~~~",
    "www.example.com",
    "https://example.com",
    "<https://example.com>",
    "foo@example.com",
    "~~strike~~",
    "$x$",
    "&amp;",
    "&#x41;",
    "\\",
    "back\\slash\\",
    "***",
    "---",
    "===",
    "a  b   c",
    "end with two spaces  ",
    "x\u00a0\u2003y",
]

#: A timeline with one event per hostile string, which fills every text field of that event.
#: JSON strings are valid YAML double-quoted strings, so any text can be written exactly.


def hostile_yaml() -> str:
    q = json.dumps
    lines = [
        f"title: {q('Title ' + HOSTILE[0] + ' ' + HOSTILE[6])}",
        f"description: {q(HOSTILE[9] + ' ' + HOSTILE[12])}",
        "actors:",
    ]
    for n, text in enumerate(HOSTILE):
        lines += [f"  a{n}:", f"    name: {q('Actor ' + text)}", "    short: A"]
    lines += ["sources:"]
    for n, text in enumerate(HOSTILE):
        lines += [
            f"  s{n}:",
            f"    title: {q(text)}",
            f"    publisher: {q('Pub ' + text)}",
            "    date: 2023-08",
            f"    url: {q('https://example.com/' + str(n) + '?q=)](<x>)')}",
        ]
    lines += ["events:"]
    for n, text in enumerate(HOSTILE):
        lines += [
            f"  - id: e{n}",
            f"    date: {2000 + n}-07",
            f"    title: {q(text)}",
            "    kind: statement",
            f"    actors: [a{n}]",
            f"    location: {q(text)}",
            f"    summary: {q(text)}",
            "    quotes:",
            f"      - text: {q(text)}",
            f"        by: {q(text)}",
            f"    sources: [s{n}]",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def hostile(write_timeline: Callable[..., Path]) -> Timeline:
    return load([write_timeline(hostile_yaml())]).timeline


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("1. item", "1\\. item"),
        ("[link](http://x)", "\\[link\\]\\(http\\:\\/\\/x\\)"),
        ("<script>alert(1)</script>", "\\<script\\>alert\\(1\\)\\<\\/script\\>"),
        ("| a | b |", "\\| a \\| b \\|"),
        ("*em*", "\\*em\\*"),
        ("_em_", "\\_em\\_"),
        ("`code`", "\\`code\\`"),
        ("www.example.com", "www\\.example\\.com"),
        ("https://example.com", "https\\:\\/\\/example\\.com"),
        ("foo@example.com", "foo\\@example\\.com"),
        ("~~strike~~", "\\~\\~strike\\~\\~"),
        ("$x$", "\\$x\\$"),
        ("&amp;", "\\&amp;"),
        ("\\", "\\\\"),
        ("it's 50%, right?", "it's 50%, right?"),  # these start nothing and are left alone
        ("  two\n\nlines\t here ", "two lines here"),  # whitespace folds to single spaces
    ],
)
def test_escape_text(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def test_hostile_text_is_escaped_in_the_markdown(hostile: Timeline) -> None:
    md = to_markdown(hostile)
    assert md.startswith("# Title \\# heading \\[link\\]\\(http\\:\\/\\/x\\)\n")
    assert '\n### <a id="event-e9"></a>Jul 2009 · \\<script\\>alert\\(1\\)\\<\\/script\\>\n' in md
    assert "\n- **Place:** \\| a \\| b \\|\n" in md
    assert "\n- **Actors:** Actor \\*em\\*\n" in md
    assert "\n> www\\.example\\.com\n" in md
    assert "\n> — foo\\@example\\.com\n" in md
    assert "\n\\~\\~strike\\~\\~\n" in md
    assert (
        "\n1. [\\`code\\`](<https://example.com/16?q=%29%5D%28%3Cx%3E%29>), Pub \\`code\\`, Aug 2023\n" in md
    )
    # nothing a data string holds reaches the page unescaped
    assert "<script>" not in md and "](http" not in md


def test_hostile_text_renders_literally(hostile: Timeline) -> None:
    page = render(to_markdown(hostile))
    html = page.html
    n = len(HOSTILE)
    for tag in (
        "<script",
        "<table",
        "<em>",
        "<del>",
        "<s>",
        "<code>",
        "<img",
        "<pre",
        "<hr",
        "<b>",
        "<!--",
        "<h4",
    ):
        assert tag not in html, tag
    # Only the headings, lists, quotes and links the exporter writes.
    assert [b.tag for b in page.blocks if b.tag[0] == "h"] == ["h1"] + ["h2", "h3"] * n
    assert page.tags.count("blockquote") == n
    assert page.tags.count("a") == 2 * n  # a source link and the heading's anchor
    assert page.tags.count("li") == n * 5  # When, Kind, Actors, Place; one source
    assert page.tags.count("strong") == n * 4
    assert page.tags.count("ul") == n and page.tags.count("ol") == n

    assert page.of("h1")[0].text == norm(hostile.title)
    assert page.of("h1")[0].inline == []
    headings = [b.text for b in page.of("h3")]
    assert headings == [f"{e.when.display()} · {norm(e.title)}" for e in hostile.events]

    for block in page.blocks:
        if block.tag == "li" and block.inline == ["strong"]:
            continue  # a fact: "**Label:** value"
        if block.tag == "li" and block.inline == ["a"]:
            continue  # a source link
        if block.tag == "h3" and block.inline == ["a"] and block.hrefs == [""]:
            continue  # the event's anchor (<a id=...>, no link)
        assert block.inline == [], (block.tag, block.text, block.inline)

    texts = [b.text for b in page.blocks]
    for event in hostile.events:
        text = norm(event.title)
        for expected in (
            text,  # summary paragraph
            text,  # quote text
            f"— {text}",  # quote by
            f"Place: {text}",
            f"Actors: Actor {text}",
            f"{text}, Pub {text}, Aug 2023",  # source title, publisher, date
        ):
            assert expected in texts, expected
    links = [(b.text, b.hrefs) for b in page.blocks if b.tag == "li" and b.inline == ["a"]]
    for (text, hrefs), event in zip(links, hostile.events, strict=True):
        source = hostile.sources[event.sources[0]]
        assert text.startswith(norm(source.title) + ", ")
        assert hrefs == [safe_url(source.url)]


# -- properties -------------------------------------------------------------------------------------

printable = st.text(st.characters(exclude_categories=("Cc", "Cs")))


@settings(max_examples=300, deadline=None)
@given(printable)
def test_escaped_text_renders_as_itself(text: str) -> None:
    page = render(escape(text))
    expected = " ".join(text.split())
    if not expected:
        assert page.blocks == []
        return
    assert [b.tag for b in page.blocks] == ["p"]
    assert page.blocks[0].inline == []
    assert page.blocks[0].text == expected
    assert page.tags == ["p"]


words = printable.filter(lambda s: bool(s.split()))


@settings(max_examples=60, deadline=None)
@given(title=words, summary=words, quote=words, by=words, place=words, name=words, source=words)
def test_any_event_text_renders_as_itself(
    title: str, summary: str, quote: str, by: str, place: str, name: str, source: str
) -> None:
    actor = Actor("a", name, "A")
    src = Source("s", source, "Pub", parse_date("2023-08"), "https://example.com/")
    event = Event(
        id="e",
        when=Span(parse_date("2023-07-05")),
        title=title,
        kind="statement",
        actors=("a",),
        summary=summary,
        sources=("s",),
        location=place,
        quotes=(Quote(quote, by),),
    )
    tl = Timeline(title=title, actors={"a": actor}, sources={"s": src}, events=(event,))
    page = render(to_markdown(tl))
    assert [b.tag for b in page.blocks if b.tag[0] == "h"] == ["h1", "h2", "h3"]
    assert page.of("h1")[0].text == norm(title)
    assert page.of("h3")[0].text == f"5 Jul 2023 · {norm(title)}"
    texts = [b.text for b in page.blocks]
    assert f"Actors: {norm(name)}" in texts
    assert f"Place: {norm(place)}" in texts
    assert norm(summary) in texts
    assert norm(quote) in texts and f"— {norm(by)}" in texts
    assert f"{norm(source)}, Pub, Aug 2023" in texts
    assert page.tags.count("a") == 2 and page.tags.count("li") == 5 and page.tags.count("blockquote") == 1
    for block in page.blocks:
        assert block.inline in ([], ["strong"], ["a"]), (block.text, block.inline)
