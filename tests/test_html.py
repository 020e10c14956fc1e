"""The HTML export as a document: self-contained, reproducible, strict, escaped, and readable.

What the page does in a browser (filters agree with ``timeline list``, no request, anchors,
screenshots, speed) is in tests/test_html_browser.py; this module reads the page as text, with the
standard library's HTML parser, as a browser would build its tree.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from clirun import run
from hypothesis import given, settings
from hypothesis import strategies as st
from test_markdown import HOSTILE, hostile_yaml

from timeline import LoadError, bundled_path, load
from timeline.dates import Span, parse_date
from timeline.filters import FilterSpec
from timeline.interop import foldtable
from timeline.interop.formats import EXPORTS, FORMATS
from timeline.interop.html import (
    _computed_fold_table,
    _fold_table,
    css_text,
    live_url,
    machine_date,
    script_text,
    to_html,
)
from timeline.markdown import anchor, to_markdown
from timeline.model import Account, Actor, Era, Event, Link, Quote, Source, Timeline, split_paragraphs

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_DIR = Path(__file__).parent / "hostile"

#: Every element the page is made of: anything else would have come from the data.
TAGS = frozenset(
    [
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "a",
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "p",
        "nav",
        "figure",
        "svg",
        "g",
        "rect",
        "text",
        "line",
        "circle",
        "figcaption",
        "section",
        "ul",
        "ol",
        "li",
        "b",
        "span",
        "time",
        "div",
        "details",
        "summary",
        "fieldset",
        "legend",
        "label",
        "input",
        "button",
        "main",
        "article",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "cite",
        "footer",
        "script",
    ]
)
#: Every attribute the page uses: no event handler, no style, no src, from any data.
ATTRIBUTES = frozenset(
    [
        "lang",
        "charset",
        "http-equiv",
        "content",
        "name",
        "class",
        "href",
        "id",
        "aria-labelledby",
        "aria-label",
        "aria-describedby",
        "aria-hidden",
        "aria-live",
        "role",
        "hidden",
        "tabindex",
        "width",
        "height",
        "x",
        "y",
        "x1",
        "x2",
        "y1",
        "y2",
        "cx",
        "cy",
        "r",
        "visibility",
        "datetime",
        "value",
        "rel",
        "type",
        "for",
        "autocomplete",
        "spellcheck",
        "min",
        "max",
        "checked",
        "open",
    ]
)
#: Where the HTML spec allows ``<time datetime>``: a year, month, date, or local or global date and time.
DATETIME = re.compile(r"\d{4}(-\d\d(-\d\d(T\d\d:\d\d(:\d\d)?(Z|[+-]\d\d:\d\d)?)?)?)?")


@dataclass
class Page(HTMLParser):
    """The page as a tree builder sees it: each element with its attributes, and its text."""

    elements: list[tuple[str, dict[str, str | None]]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    #: The text of each element whose name is asked for, by that name (script, style, h1...).
    inner: dict[str, list[str]] = field(default_factory=dict)
    headings: list[int] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    _open: list[tuple[str, list[str]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag in ("script", "style", "h1", "h2", "h3", "title", "figcaption", "blockquote", "li", "time"):
            self._open.append((tag, []))
        elif tag == "p" and dict(attrs).get("class") == "h":
            self._open.append(("p-h", []))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] in (tag, f"{tag}-h"):
            name, parts = self._open.pop()
            self.inner.setdefault(name, []).append("".join(parts))

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for _, parts in self._open:
            parts.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def attrs(self, name: str) -> list[str]:
        return [a[name] or "" for _, a in self.elements if name in a]


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def bundled() -> Timeline:
    return load([bundled_path()]).timeline


@pytest.fixture(scope="module")
def page(bundled: Timeline) -> str:
    return to_html(bundled)


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# -- one format of the registry ---------------------------------------------------------------


def test_html_is_an_export_format_of_the_registry() -> None:
    assert "html" in EXPORTS
    assert FORMATS["html"].file_name("talks") == "talks.html"


def test_the_command_writes_the_page_and_writes_it_the_same_every_time(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, page: str
) -> None:
    out = tmp_path / "talks.html"
    code, _, err = run(capsys, "export", "-f", "html", "-o", out)
    assert code == 0, err
    first = out.read_bytes()
    code, _, err = run(capsys, "export", "-f", "html", "-o", out)  # an earlier export: replaced
    assert code == 0, err
    assert out.read_bytes() == first == page.encode("utf-8")
    code, stdout, _ = run(capsys, "export", "-f", "html")
    assert code == 0 and stdout == page


# -- self-contained and strict ---------------------------------------------------------------


def test_the_policy_allows_only_the_pages_own_style_and_script_by_their_hashes(page: str) -> None:
    doc = parse(page)
    metas = [
        a for tag, a in doc.elements if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert len(metas) == 1
    policy = dict((d.split()[0], d.split()[1:]) for d in (metas[0]["content"] or "").split(";") if d.strip())
    assert policy["default-src"] == ["'none'"]
    assert policy["img-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'none'"]
    (style,) = doc.inner["style"]
    assert style == css_text() and policy["style-src"] == [_hash(style)]
    scripts = [a for tag, a in doc.elements if tag == "script"]
    assert [s.get("type") for s in scripts] == ["application/json", None]
    assert doc.inner["script"][1] == script_text() and policy["script-src"] == [_hash(script_text())]
    # The CSP must come before anything it governs.
    assert page.index("Content-Security-Policy") < page.index("<style>")


def test_nothing_in_the_page_is_fetched(page: str) -> None:
    doc = parse(page)
    assert not doc.attrs("src") and not doc.attrs("srcset") and not doc.attrs("style")
    for href in doc.attrs("href"):
        assert href.startswith("#") or live_url(href), href
    assert not [a for tag, a in doc.elements if tag == "link"]
    for text in (css_text(), script_text()):
        for what in ("url(", "@import", "fetch(", "XMLHttpRequest", "import(", "eval(", "innerHTML", "src"):
            assert what not in text, what


def test_the_same_page_for_the_same_input(bundled: Timeline, page: str) -> None:
    again = load([bundled_path()]).timeline
    assert to_html(again) == page
    rows = FilterSpec(actors=("Russia",)).resolve(bundled).apply(bundled)
    flt = FilterSpec(actors=("Russia",)).resolve(bundled)
    assert to_html(bundled, rows, flt) == to_html(again, rows, flt)


# -- a document ----------------------------------------------------------------------------


def test_it_reads_as_a_document(bundled: Timeline, page: str) -> None:
    doc = parse(page)
    assert doc.inner["title"][0] == bundled.title and doc.inner["h1"] == [bundled.title]
    # headings never skip a level
    assert doc.headings[0] == 1
    assert all(b <= a + 1 for a, b in zip(doc.headings, doc.headings[1:], strict=False))
    landmarks = [tag for tag, _ in doc.elements if tag in ("header", "nav", "main", "footer")]
    assert landmarks == ["header", "nav", "main", "footer"]
    text = "".join(doc.text)
    assert f"All {len(bundled.events)} events." in text
    for era in bundled.eras:
        assert era.name in doc.inner["h2"] or era.name in text
    assert "Eras" in doc.inner["h2"]
    assert "Filter the events" in doc.inner["h2"]
    years = sorted({str(e.when.first_year) for e in bundled.events})
    assert [h for h in doc.inner["h2"] if h.isdigit()] == years
    titles = doc.inner["h3"]
    assert titles == [f"{e.when.display()} · {e.title}" for e in bundled.events]


def test_anchors_are_the_markdown_exports(bundled: Timeline, page: str) -> None:
    doc = parse(page)
    articles = [a["id"] for tag, a in doc.elements if tag == "article"]
    markdown_ids = re.findall(r'<a id="([^"]+)"></a>', to_markdown(bundled))
    assert articles == markdown_ids == [anchor(e.id) for e in bundled.events]
    ids = set(doc.attrs("id"))
    assert len(ids) == len(doc.attrs("id"))  # no id twice
    for href in doc.attrs("href"):
        if href.startswith("#"):
            assert href[1:] in ids, href  # every in-page link lands


def test_every_event_has_its_facts_quotes_accounts_links_and_numbered_sources(
    bundled: Timeline, page: str
) -> None:
    doc = parse(page)
    quotes = [q for e in bundled.events for q in e.quotes]
    assert len(doc.inner["blockquote"]) == len(quotes)
    assert [c.removeprefix("— ") for c in doc.inner["figcaption"][1:]] == [q.by for q in quotes]
    assert page.count("<h4>Accounts</h4>") == sum(1 for e in bundled.events if e.accounts)
    assert page.count("<h4>Sources</h4>") == sum(1 for e in bundled.events if e.sources)
    items = doc.inner["li"]
    for event in bundled.events:
        for source_id in event.sources:
            src = bundled.sources[source_id]
            line = next(li for li in items if src.title in li and src.publisher in li)
            for author in src.authors:
                assert author in line
            if src.date is not None:
                assert src.date.display() in line
    # listed in order, an ordered list numbering them; where the event's accounts cite its sources,
    # each has an id, event-ID~sN, which the citation [N] links to
    plain = next(e for e in bundled.events if len(e.sources) > 1 and not e.accounts)
    listed = article(page, plain.id).split("<h4>Sources</h4>")[1]
    assert listed.count("\n<li>") == len(plain.sources) and "~s1" not in listed and "value=" not in listed
    cited = next(e for e in bundled.events if len(e.sources) > 1 and e.accounts)
    listed = article(page, cited.id)
    for n, _ in enumerate(cited.sources, 1):
        assert f'\n<li id="{anchor(cited.id)}~s{n}">' in listed
    assert f'class="cite" href="#{anchor(cited.id)}~s' in listed
    # links to other events are in-page links, both ways
    linked = next(i for i, e in enumerate(bundled.events) if e.links)
    for link in bundled.links_of(linked):
        assert f'href="#{anchor(bundled.events[link.target].id)}"' in page


def article(page: str, event_id: str) -> str:
    """The ``<article>`` of the event ``event_id`` in ``page``."""
    start = page.index(f'<article class="event" id="{anchor(event_id)}"')
    return page[start : page.index("</article>", start)]


def test_a_source_the_timeline_lacks_is_left_out_and_the_others_keep_their_numbers() -> None:
    """(A timeline built by hand may cite a source it lacks: the loader refuses one.)"""
    known = Source(id="known", title="Known", publisher="P", date=None, url="https://example.org/k")
    also = Source(id="also", title="Also", publisher="P", date=None, url="")
    accounts = (Account(text="Said so.", by="Someone", source="also"),)
    events = tuple(
        Event(
            id=f"e{n}",
            when=Span(parse_date("2023")),
            title="t",
            kind="meeting",
            actors=(),
            sources=("known", "missing", "also"),
            summary="s",
            accounts=told,
        )
        for n, told in enumerate(((), accounts))
    )
    page = to_html(Timeline(title="T", actors={}, sources={"known": known, "also": also}, events=events))
    assert '\n<li><a href="https://example.org/k"><cite>Known</cite></a>, P</li>\n<li value="3">' in page
    assert "missing" not in page
    cited = article(page, "e1")
    assert '\n<li id="event-e1~s1"><a href' in cited and '\n<li id="event-e1~s3" value="3">' in cited
    assert '<a class="cite" href="#event-e1~s3" aria-label="source 3">[3]</a>' in cited


def listed_links(page: str, event_id: str) -> list[tuple[str, str | None, str]]:
    """The event's links as its article lists them: each line's lead (``Responds to``), the event it
    links to (its anchor; None where it is text), and the rest of its text."""
    art = article(page, event_id)
    if '<ul class="links">' not in art:
        return []
    block = art.split('<ul class="links">\n', 1)[1].split("\n</ul>", 1)[0]
    lines = [re.fullmatch(r'<li>([^:<]+): (?:<a href="#([^"]+)">)?(.*)</li>', li) for li in block.split("\n")]
    assert all(lines), block
    return [(m[1], m[2], m[3]) for m in lines if m]


def linked_timeline() -> Timeline:
    """Events linking both ways, one to an event the timeline lacks (only a timeline built by hand can),
    with notes that need escaping."""

    def event(ident: str, *links: Link) -> Event:
        return Event(
            id=ident,
            when=Span(parse_date("2023")),
            title=f"T <{ident}>",
            kind="meeting",
            actors=(),
            sources=(),
            summary="s",
            links=links,
        )

    events = (
        event("a", Link("b", "responds-to", "a & b"), Link("gone", "leads-to"), Link("c", "leads-to")),
        event("b"),
        event("c", Link("a", "follows-up"), Link("b", "responds-to", "<b>")),
    )
    return Timeline(title="T", actors={}, sources={}, events=events)


@pytest.mark.parametrize("shape", ["bundled", "bundled, every third", "by hand", "by hand, one"])
def test_every_events_links_are_the_models_both_ways(bundled: Timeline, shape: str) -> None:
    """Each shown event lists :meth:`Timeline.links_of` in its order: a link to a shown event is an
    in-page link, to another its date and title as text, with the link's note."""
    timeline = bundled if shape.startswith("bundled") else linked_timeline()
    rows = list(range(len(timeline.events)))
    rows = rows[::3] if shape.endswith("third") else rows[:1] if shape.endswith("one") else rows
    page = to_html(timeline, rows)
    shown = {timeline.events[i].id for i in rows}
    checked = 0
    for i in rows:
        event = timeline.events[i]
        expected = []
        for link in timeline.links_of(i):
            target = timeline.events[link.target]
            note = f": {escape(link.note, quote=False)}" if link.note else ""
            expected.append(
                (link.lead, anchor(target.id) if target.id in shown else None, note, target.title)
            )
        listed = listed_links(page, event.id)
        assert [(lead, to) for lead, to, _ in listed] == [(lead, to) for lead, to, _, _ in expected]
        for (_, _, text), (_, _, note, title) in zip(listed, expected, strict=True):
            assert escape(title, quote=False) in text and text.endswith(note)
        checked += len(listed)
    assert checked >= (3 if shape.startswith("by hand") else 10)


def test_times_are_machine_readable(bundled: Timeline, page: str) -> None:
    doc = parse(page)
    values = doc.attrs("datetime")
    assert len(values) > len(bundled.events)
    for value in values:
        assert DATETIME.fullmatch(value), value
    ranged = next(e for e in bundled.events if e.when.end is not None)
    start, end = machine_date(ranged.when.start), machine_date(ranged.when.end)  # type: ignore[arg-type]
    assert f'<time datetime="{start}">' in page and f'<time datetime="{end}">' in page


@pytest.mark.parametrize(
    ("written", "zone", "machine"),
    [
        ("2023", None, "2023"),
        ("2023-07", None, "2023-07"),
        ("2023-07-05", None, "2023-07-05"),
        ("early 2023-07", None, "2023-07"),
        ("late 2023", None, "2023"),
        ("summer 2023", None, "2023"),
        ("2023-07-05~", None, "2023-07-05"),
        ("2023-09-20T13:00", None, "2023-09-20T13:00"),  # a local time, no zone: floating
        ("2023-09-20T13:00", "Asia/Baku", "2023-09-20T13:00+04:00"),
        ("2023-09-20T09:00Z", "Asia/Baku", "2023-09-20T13:00+04:00"),  # shown in the zone
        ("2023-09-20T09:00+02:00", None, "2023-09-20T09:00+02:00"),
        ("2023-01-15T12:00", "Europe/Paris", "2023-01-15T12:00+01:00"),
        ("2023-07-15T12:00", "Europe/Paris", "2023-07-15T12:00+02:00"),
        ("1990s", None, None),  # HTML has no decade
        ("300 BC", None, None),  # nor a year before 1
    ],
)
def test_machine_dates(written: str, zone: str | None, machine: str | None) -> None:
    date = parse_date(written)
    if zone is not None:
        date = date.in_zone(zone)
    assert machine_date(date) == machine


def test_a_filtered_page_says_which_filters_made_it(bundled: Timeline) -> None:
    flt = FilterSpec(actors=("Russia",)).resolve(bundled)
    rows = flt.apply(bundled)
    page = to_html(bundled, rows, flt)
    doc = parse(page)
    assert f"{len(rows)} of {len(bundled.events)} events, filtered by actor: Russia." in "".join(doc.text)
    assert [a["id"] for tag, a in doc.elements if tag == "article"] == [
        anchor(bundled.events[i].id) for i in rows
    ]
    shown = {anchor(bundled.events[i].id) for i in rows}
    for href in doc.attrs("href"):
        if href.startswith("#event-"):
            assert href.split("~")[0][1:] in shown  # a link to an event left out is plain text


def test_without_script_everything_is_there_and_the_controls_are_out_of_the_way(page: str) -> None:
    doc = parse(page)
    for tag, attrs in doc.elements:
        if tag in ("article", "main") or (tag == "section" and attrs.get("class") == "year"):
            assert "hidden" not in attrs
    (filters,) = [a for tag, a in doc.elements if a.get("id") == "filters"]
    assert "hidden" in filters  # the script shows them
    for tag, attrs in doc.elements:  # every control has its label
        if tag in ("input", "button") and attrs.get("type") != "radio":
            ident = attrs.get("id")
            assert tag == "button" or any(a.get("for") == ident for t, a in doc.elements if t == "label")


class Marked(HTMLParser):
    """Per event (``<article>``), the text of its elements marked ``class="h"`` (which hold text only)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[list[str]] = []
        self._in = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.events.append([])
        if ("class", "h") in attrs:
            self._in = True
            self.events[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        self._in = False

    def handle_data(self, data: str) -> None:
        if self._in:
            self.events[-1][-1] += data


def search_texts(page: str) -> list[str]:
    """Each event's text as the page's script makes it for search (page.js, ``haystacks``): its
    marked elements' text, its kind, id and tags from the data, folded as the script folds."""
    data = json.loads(parse(page).inner["script"][0])
    marked = Marked()
    marked.feed(page)
    marked.close()
    rows = script_rows(data)
    assert len(marked.events) == len(rows)
    out = []
    for row, texts in zip(rows, marked.events, strict=True):
        text = "\n".join([row[1], row[6], *texts, *(data["tags"][t] for t in row[3])])
        out.append(script_fold(text, data["fold"]))
    return out


def script_rows(data: dict[str, Any]) -> list[list[Any]]:
    """The events' rows as the page's script makes them from the data's columns (page.js, ``rows``):
    [actors, kind, outcome, tags, first day, last day, id]."""
    ev = data["events"]
    columns = [ev[name] for name in ("actors", "kind", "outcome", "tags", "first", "last", "id")]
    assert len({len(c) for c in columns}) == 1
    return [
        [data["actorLists"][acts], kind, outcome, data["tagLists"][tags], first, last, ident]
        for acts, kind, outcome, tags, first, last, ident in zip(*columns, strict=True)
    ]


def script_fold(text: str, fold: dict[str, str]) -> str:
    """The script's casefold (page.js): the lower case, then the table's folding of its characters."""
    return "".join(fold.get(c, c) for c in text.lower())


def same_words(page_text: str, model_text: str) -> bool:
    """Whether a search word (never holding whitespace) is in one text exactly when in the other."""
    return sorted(page_text.split()) == sorted(model_text.split())


def test_the_scripts_data_is_the_models(bundled: Timeline, page: str) -> None:
    doc = parse(page)
    data = json.loads(doc.inner["script"][0])
    ids = [a for a, _ in data["actors"]]
    first, last = bundled.day_bounds
    rows = script_rows(data)
    assert len(rows) == len(bundled.events)
    for i, row in enumerate(rows):
        assert [ids[a] for a in row[0]] == list(bundled.event_actors[i])
        assert row[1:3] == [bundled.events[i].kind, bundled.events[i].outcome]
        assert [data["tags"][t] for t in row[3]] == list(bundled.events[i].tags)
        assert row[4:7] == [first[i], last[i], bundled.events[i].id]
    assert dict(data["actors"]) == bundled.actor_haystacks
    for char, folded in data["fold"].items():
        assert char.casefold() == folded != char.lower()
    everywhere = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    assert {c for c in everywhere if c.casefold() != c.lower()} == set(data["fold"])
    assert data["fold"]["ß"] == "ss"
    # the script's folding (lower case, then the table) is str.casefold, character by character,
    # and where a lower case depends on what follows (a final sigma)
    assert [script_fold(c, data["fold"]) for c in everywhere] == [c.casefold() for c in everywhere]
    assert script_fold("ΟΔΟΣ ΣΑΣ", data["fold"]) == "ΟΔΟΣ ΣΑΣ".casefold() == "οδοσ σασ"


def test_the_fold_tables_copy_is_what_unicode_computes() -> None:
    """The page's fold table is a copy kept in the source (computing it costs every export a few
    milliseconds) for the Unicode versions it was checked for; anywhere else it is computed. Both
    are what ``str.casefold`` does, here."""
    everywhere = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    computed = _computed_fold_table()
    assert computed == {c: c.casefold() for c in everywhere if c.casefold() != c.lower()}
    if unicodedata.unidata_version in foldtable.UNICODE_VERSIONS:
        assert _fold_table() is foldtable.FOLD
        assert computed == foldtable.FOLD, "the copy differs: remake timeline/interop/foldtable.py"
    else:
        assert _fold_table() == computed


def test_search_looks_in_the_text_the_model_searches(bundled: Timeline, page: str) -> None:
    """The page holds each event's search text once, as its text: what the script makes of it holds
    the same words as the model's (Timeline.text_haystacks), no more and no fewer, so a search word is
    found in the same events; nothing else of the page (labels, dates, sources, links) is searched."""
    texts = search_texts(page)
    assert len(texts) == len(bundled.events)
    for text, model in zip(texts, bundled.text_haystacks, strict=True):
        assert same_words(text, model), (text, model)


def test_print_styles_leave_out_the_controls() -> None:
    css = css_text()
    printed = css[css.index("@media print") :]
    assert ".filters" in printed and "display: none" in printed


# -- untrusted text stays text ------------------------------------------------------------------

#: Text that would be markup, script, a link or a break-out if it were not escaped.
HTML_HOSTILE = [
    *HOSTILE,
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</script><script>alert(1)</script>",
    "</style><style>*{}</style>",
    "<!--",
    "-->",
    "]]>",
    "<![CDATA[x]]>",
    "javascript:alert(1)",
    "&lt;b&gt;entity&lt;/b&gt;",
    "\u2028\u2029line separators",
    "<a href=javascript:alert(1)>x</a>",
    "{{ template }} ${x}",
]


def _hand_built() -> Timeline:
    """A timeline built without the loader (which refuses much of this): every text field hostile,
    sources at javascript:, data: and relative addresses, and an id that is not safe in an attribute."""
    actors = {
        f"a{n}": Actor(f"a{n}", f"Actor {t}", t[:3] or "x", (t,), t) for n, t in enumerate(HTML_HOSTILE)
    }
    urls = [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "/relative",
        " https://x.example/",
    ]
    sources = {
        f"s{n}": Source(f"s{n}", t, f"Pub {t}", parse_date("2023-08"), urls[n % len(urls)], (t,))
        for n, t in enumerate(HTML_HOSTILE)
    }
    events = []
    for n, t in enumerate(HTML_HOSTILE):
        events.append(
            Event(
                id=f"e{n}" if n % 2 else f'e{n}"><x {t}',
                when=Span(parse_date(f"{2000 + n}-07")),
                title=t,
                kind="statement",
                actors=(f"a{n}",),
                summary=f"{t}\n\n{t}",
                sources=(f"s{n}",),
                location=t,
                tags=(t,),
                quotes=(Quote(t, t, f"a{n}"),),
                accounts=(Account(t, t, f"a{n}", f"s{n}"),),
                links=(
                    Link(f"e{n - 1}" if n % 2 == 0 else f'e{n - 1}"><x {HTML_HOSTILE[n - 1]}', "see-also", t),
                )
                if n
                else (),
            )
        )
    return Timeline(
        title="Title " + HTML_HOSTILE[-5],
        description="\n\n".join(HTML_HOSTILE[-14:]),
        actors=actors,
        sources=sources,
        events=tuple(events),
        eras=(Era("</title><script>alert(1)</script>", parse_date("2000"), parse_date("2010"), "<b>x</b>"),),
    )


def _assert_only_ours(page: str, timeline: Timeline) -> Page:
    doc = parse(page)
    tags = Counter(tag for tag, _ in doc.elements)
    assert set(tags) <= TAGS, set(tags) - TAGS
    assert tags["script"] == 2 and tags["style"] == 1 and tags["html"] == 1
    names = {name for _, attrs in doc.elements for name in attrs}
    assert names <= ATTRIBUTES, names - ATTRIBUTES
    assert not doc.comments
    urls = {s.url for s in timeline.sources.values()}
    for href in doc.attrs("href"):
        if not href.startswith("#"):
            assert href in urls and re.match(r"https?://", href), href
        else:
            assert re.fullmatch(r"#(event-[a-z0-9._-]+(~s\d+)?|y-\d+|events)", href), href
    for ident in doc.attrs("id"):
        assert re.fullmatch(r"[a-z0-9._~-]+", ident), ident
    # the data block parses back to the model's text, and ends where ours ends
    assert doc.inner["script"][1] == script_text()
    json.loads(doc.inner["script"][0])
    return doc


def test_hostile_text_stays_text() -> None:
    timeline = _hand_built()
    page = to_html(timeline)
    doc = _assert_only_ours(page, timeline)
    text = _HTML_SPACE.sub(" ", "".join(doc.text))  # (as a browser shows it)
    for t in HTML_HOSTILE:
        folded = _HTML_SPACE.sub(" ", t).strip(" ")
        if folded:
            assert folded in text, t  # shown, as written
    assert "javascript:alert(1)" in text  # the address is shown, not linked
    for text, model in zip(search_texts(page), timeline.text_haystacks, strict=True):
        assert same_words(text, model), (text, model)


def test_hostile_text_from_a_loaded_file_stays_text(write_timeline: Callable[..., Path]) -> None:
    timeline = load([write_timeline(hostile_yaml())]).timeline
    _assert_only_ours(to_html(timeline), timeline)


@pytest.mark.parametrize("path", sorted(HOSTILE_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_hostile_corpus_exports_nothing_but_our_page(path: Path) -> None:
    try:
        timeline = load([path]).timeline
    except LoadError:
        return  # refused: nothing to export (tests/test_hostile.py checks the refusal)
    _assert_only_ours(to_html(timeline), timeline)


#: How a browser shows the text of a paragraph: each run of ASCII whitespace as one space.
_HTML_SPACE = re.compile(r"[ \t\n\f\r]+")


@settings(max_examples=300)
@given(st.text(alphabet="ab \n\t\r\x0b\x1f\xa0\u3000<&é", max_size=40))
def test_paragraphs_are_the_models_as_a_browser_shows_them(text: str) -> None:
    """A summary's paragraphs are split where the model splits them (blank lines); inside each,
    ASCII spaces and line breaks are left as written, and a browser shows each run as one space;
    other spaces (no-break, ideographic) are folded as the model folds them: what a reader sees
    is the model's paragraph, exactly."""
    event = Event(
        id="e", when=Span(parse_date("2023")), title="t", kind="meeting", actors=(), sources=(), summary=text
    )
    doc = parse(to_html(Timeline(title="T", actors={}, sources={}, events=(event,))))
    shown = [_HTML_SPACE.sub(" ", p).strip(" ") for p in doc.inner.get("p-h", [])]
    assert shown == split_paragraphs(text)


def test_an_event_of_ascii_text_is_written_in_ascii(bundled: Timeline, page: str) -> None:
    """The page's own marks in an event (``&middot;``, ``&ndash;``, ``&mdash;``) are character
    references, so that an event whose text is ASCII is ASCII on the page (a third of the export's
    time is copying text; ASCII is one byte a character). The text from the file is as written."""
    articles = re.findall(r'<article class="event" id="([^"]+)".*?</article>', page, re.S)
    bodies = dict(zip(articles, re.findall(r"<article .*?</article>", page, re.S), strict=True))
    ascii_events = [e for e in bundled.events if _all_text_ascii(bundled, e)]
    assert len(ascii_events) > len(bundled.events) // 3  # (the test looks at many)
    for event in ascii_events:
        assert bodies[anchor(event.id)].isascii(), event.id
    assert "–" in page and "“" in page  # (elsewhere, and in the file's text: as written)


def _all_text_ascii(timeline: Timeline, event: Event) -> bool:
    """Whether every text the event's article shows (its own, its sources', its links') is ASCII."""
    texts = [event.title, event.summary, event.location, *event.tags, event.kind]
    texts += [t for q in event.quotes for t in (q.text, q.by)]
    texts += [t for a in event.accounts for t in (a.text, timeline.speaker(a))]
    texts += timeline.actor_names(event.actors)
    for source_id in event.sources:
        src = timeline.sources[source_id]
        texts += [src.title, src.publisher, src.url, src.byline]
    for link in timeline.links_of(timeline.by_id[event.id]):
        texts += [timeline.events[link.target].title, link.note]
    return all(t.isascii() for t in texts)


def test_only_http_addresses_are_live() -> None:
    assert live_url("https://example.com/a?b=c") and live_url("http://example.com")
    for url in ("javascript:alert(1)", "JaVaScRiPt:x", "data:,x", "/x", "ftp://x", "file:///etc", "//x", ""):
        assert not live_url(url), url
    assert not live_url("https://x.example/\nx") and not live_url(" https://x.example/")


# -- the controls: groups with nothing to choose are left out, counts are totals ---------------------


#: A timeline whose last day is just after a year on the axis (1996, at 99.5% of the strip), and whose
#: first just before one (1991): drawn about their places, those years would run past its edges.
EDGES = """title: Edges
events:
  - id: first
    date: "1990-12-20"
    title: First
    kind: other
    summary: The first.
  - id: last
    date: "1996-01-10"
    title: Last
    kind: other
    summary: The last.
"""


def _kitchensink(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Timeline:
    """The TimelineJS kitchen sink, imported: no actors, no tags, eras that overlap."""
    data = Path(__file__).parent / "data" / "timelinejs" / "v2-kitchensink.json"
    code, _, err = run(capsys, "import", str(data), "-o", str(tmp_path / "k.yaml"))
    assert code == 0, err
    return load([tmp_path / "k.yaml"]).timeline


def test_a_timeline_without_actors_has_no_actors_section(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    timeline = _kitchensink(capsys, tmp_path)
    assert not timeline.actors and not timeline.tags
    doc = parse(to_html(timeline))
    ids = set(doc.attrs("id"))
    assert not {"f-actors", "f-actor", "f-any", "f-all", "f-tag"} & ids
    assert "Actors" not in "".join(doc.text) and "any of the chosen actors" not in "".join(doc.text)
    assert {"f-text", "f-from", "f-to", "f-kind", "count"} <= ids  # the rest is there
    # a group with nothing in it is never written (no empty fieldset)
    assert not re.search(r"<legend>[^<]*</legend>\s*</fieldset>", to_html(timeline))


def test_the_counts_beside_the_boxes_are_totals_and_say_so(bundled: Timeline, page: str) -> None:
    counts = bundled.actor_counts(range(len(bundled.events)))
    labels = re.findall(r'name="actor" value="([^"]+)"> [^<]* <span class="n">\(([^)]*)\)</span>', page)
    assert len(labels) == len(bundled.actors)
    assert {a: n for a, n in labels} == {a: f"{counts.get(a, 0)} in all" for a in bundled.actors}
    assert re.search(r'name="kind" value="meeting"> meeting <span class="n">\(\d+ in all\)', page)
    # the script strips the same words when it names the ticked boxes in the count line
    assert r"\(\d+ in all\)" in script_text()


def test_the_filters_come_first_after_the_title(page: str) -> None:
    doc = parse(page)
    order = [
        a.get("id") or tag
        for tag, a in doc.elements
        if tag in ("header", "nav", "main") or a.get("id") in ("filters", "eras-h")
    ]
    assert order == ["header", "filters", "nav", "eras-h", "events"]  # events: the main
    # the count follows the search field, before the dates and the groups
    ids = [a.get("id") for _, a in doc.elements if a.get("id")]
    assert ids.index("f-text") < ids.index("count") < ids.index("f-from") < ids.index("f-actors")


def test_era_names_on_the_strip_never_overlap_and_axis_years_stay_inside(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = to_html(_kitchensink(capsys, tmp_path))
    rooms = [
        (float(x), float(x) + float(w), name)
        for x, w, name in re.findall(
            r'<svg class="room" x="([\d.]+)%" y="0" width="([\d.]+)%" height="16"><text class="era-name"'
            r' x="3" y="12">([^<]*)</text></svg>',
            page,
        )
    ]
    assert [name for *_, name in rooms] == ["Georges Méliès", "Another Era", "Yet Another Era"]
    # each name in its room, from its era's start to the next era's start: "Another Era" (1980-1995)
    # ends where "Yet Another Era" (1990-2013) begins
    for (_, end, _), (start, _, _) in itertools.pairwise(rooms):
        assert end <= start + 0.001
    # a year near the strip's right edge is drawn leftwards from its place, so that it ends inside it,
    # and one near its left edge rightwards
    (tmp_path / "edges.yaml").write_text(EDGES, encoding="utf-8")
    edges = load([tmp_path / "edges.yaml"]).timeline
    years = re.findall(r'<text( class="(?:start|end)")? x="([\d.]+)%" y="63">(\d+)</text>', to_html(edges))
    assert years[0] == (' class="start"', years[0][1], "1991") and float(years[0][1]) < 2
    assert years[-1] == (' class="end"', years[-1][1], "1996") and float(years[-1][1]) > 98
    assert all(cls == "" for cls, _, _ in years[1:-1])
