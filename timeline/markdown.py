"""Markdown export: a timeline (or a filtered view of it) as a GitHub-flavoured document.

All text from the data file goes through :func:`escape`, so it renders
literally under CommonMark, under GitHub's cmark-gfm (autolinks,
strikethrough, tables, tag filter), under markdown-it with linkify (``www.``
in any case) and under pandoc's GitHub Markdown (emoji shortcodes, which
GitHub also replaces): it can never open a heading, a list, a link, an
emphasis, a code span, a table cell, an autolink, an emoji or raw HTML.  The
escaping is by context: a character gets a backslash only where, at that
position, it could open or close something, so the raw file reads as written.
The output depends only on the input and the filter (no clock), so an export
diffs cleanly.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from urllib.parse import quote

from .dates import Span
from .filters import Filter
from .model import Event, Timeline, split_paragraphs

__all__ = ["EMAIL_BREAK", "anchor", "escape", "event_markdown", "phrase", "safe_url", "to_markdown"]

#: Written before the ``@`` of anything cmark-gfm would turn into a mailto link.  GitHub's
#: renderer finds e-mail addresses in the text *after* resolving escapes and entities
#: (``user\@example\.com`` and ``user&#64;example.com`` are linked all the same), so only a
#: node that is not text can split one; an empty HTML comment shows nothing in either renderer.
#: Written after the opening colon of an emoji shortcode (``:smile:``) too: GitHub finds those
#: in the rendered page's text, where no escape is left, and pandoc's GitHub Markdown in the
#: Markdown, where a comment splits the name from its colon all the same.
EMAIL_BREAK = "<!-- -->"

# The inline rules, as one pattern.  Unnamed alternatives get a backslash before what they
# match; the named ones are decided in _inline.  Everything not matched is written as is.
_PUNCT = r"!-/:-@\[-`{-~"  # ASCII punctuation: what a backslash escapes
_INLINE_RULES = (
    rf"\\(?=[{_PUNCT}]|$)"  # a backslash before punctuation (or the end, where ours may follow)
    r"|`"  # code spans and fences
    r"|[\[\]]"  # links, images, footnotes, task boxes
    r"|\$"  # GitHub's math
    r"|<(?=[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-])"  # raw HTML, autolinks <scheme:...> and <user@host>
    r"|&(?=#?[A-Za-z0-9]+;)"  # an entity or character reference
    r"|(?<=[A-Za-z]):(?=//)"  # GFM autolink of scheme://
    r"|(?<![A-Za-z0-9:/])/(?=/[^\s/])"  # linkify-it's protocol-relative //host
    r"|(?:^|(?<= ))#+$"  # a heading's closing sequence
    r"|(?P<run>\*+|_+|~+)"  # emphasis and strikethrough delimiter runs
    # GFM autolink of www., and linkify-it's (markdown-it's linkify), which takes it in any case and
    # after more than GFM's space, *, _, ~ and (: after anything but a letter or a digit.
    r"|(?P<www>(?<![^\W_])[Ww][Ww][Ww]\.)"
    r"|(?P<at>(?<=[A-Za-z0-9.+_-])@(?=[A-Za-z0-9._/-]*\.[A-Za-z0-9]))"  # GFM autolink of e-mail
    # An emoji shortcode (:smile:, :+1:, :100:) for GitHub and pandoc's GitHub Markdown: a name of
    # letters, digits, _, + and -, with a letter in it (times such as 10:30:00 and 14:30-05:00
    # stay), or one of the four names without one; closed by a colon or by the end of the text,
    # where a colon of ours may follow ("**a:b:**").
    r"|(?P<emoji>:(?=(?:[A-Za-z0-9_+-]*[A-Za-z][A-Za-z0-9_+-]*|100|1234|\+1|-1)(?::|$)))"
)
_INLINE = re.compile(_INLINE_RULES)
_INLINE_CELL = re.compile(_INLINE_RULES + r"|\|")  # in a table cell a pipe ends the cell
#: A quick test that a text holds nothing the inline rules could match (most prose does not):
#: the rules' first characters but ``:`` and ``w``; then, in texts with a colon,
#: :data:`_TRIGGER_WORDS`, and in the others ``www.`` in any case (a third of the time of one
#: pattern with all of them, which scans for every w).
_TRIGGER = re.compile(r"[\\`\[\]$<&#*_~@|]")
_TRIGGER_WORDS = re.compile(r"[Ww][Ww][Ww]\.|:(?=//|[A-Za-z0-9_+-]+(?::|$))")


def _plain(text: str) -> bool:
    """Whether no inline rule can match in ``text`` (so it is written as it is)."""
    if _TRIGGER.search(text) is not None or "//" in text:
        return False
    if ":" in text:
        return _TRIGGER_WORDS.search(text) is None
    return "www." not in text.lower()


#: What can open a block where a line starts (the text after the whitespace folding).
_BLOCK_START = re.compile(
    r"[>]"  # block quote
    r"|#{1,6}(?: |$)"  # ATX heading
    r"|[-+*](?: |$)"  # bullet list item
    r"|([-*_])(?: *\1){2,} *$"  # thematic break
    r"|(?:=+|-+)$"  # setext heading underline
    r"|~~~"  # fence (``` is caught by the backtick rule)
    r"|(?P<ordered>\d{1,9})[.)](?: |$)"  # ordered list item: its . or ) gets the backslash
)
_BLOCK_FIRST = frozenset(">#-+*_=~0123456789")

_WS, _PUNCTUATION, _OTHER = 1, 2, 4
_EDGE = _WS | _PUNCTUATION | _OTHER
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _classes(char: str) -> int:
    """What a renderer may take ``char`` for, as bits: whitespace, punctuation, anything else.

    CommonMark 0.31 counts Unicode symbols as punctuation and earlier versions (cmark-gfm's)
    do not, so a symbol may be either; an edge of the text (``""``) may be any of the three,
    because what our own lines put beside it varies.
    """
    if not char:
        return _EDGE
    if char == " ":
        return _WS
    if char < "\x80":
        return _PUNCTUATION if char in _ASCII_PUNCTUATION else _OTHER
    group = unicodedata.category(char)[0]
    if group == "P":
        return _PUNCTUATION
    if group == "S":
        return _PUNCTUATION | _OTHER
    if group == "Z":
        return _WS
    if group == "C":  # format characters such as U+180E were whitespace in older Unicode
        return _EDGE
    return _OTHER


@lru_cache(maxsize=4096)
def _may_delimit(delim: str, before: str, after: str) -> bool:
    """Whether a run of ``delim`` between ``before`` and ``after`` could open or close emphasis
    or strikethrough: CommonMark's left- and right-flanking rules, under every reading of the
    neighbours that :func:`_classes` allows."""
    for b in (_WS, _PUNCTUATION, _OTHER):
        if not b & _classes(before):
            continue
        for a in (_WS, _PUNCTUATION, _OTHER):
            if not a & _classes(after):
                continue
            left = a != _WS and (a != _PUNCTUATION or b != _OTHER)
            right = b != _WS and (b != _PUNCTUATION or a != _OTHER)
            if delim == "_":  # no emphasis inside a word
                opens = left and (not right or b == _PUNCTUATION)
                closes = right and (not left or a == _PUNCTUATION)
            else:
                opens, closes = left, right
            if opens or closes:
                return True
    return False


def _inline(match: re.Match[str]) -> str:
    found = match.group()
    kind = match.lastgroup
    if kind is None:
        return "\\" + found
    if kind == "run":
        text = match.string
        start, end = match.span()
        if _may_delimit(found[0], text[start - 1 : start], text[end : end + 1]):
            return "\\" + "\\".join(found)
        return found
    if kind == "www":
        return found[:3] + "\\."
    if kind == "emoji":
        return found + EMAIL_BREAK  # like an e-mail address: GitHub finds emoji in the text itself
    return EMAIL_BREAK + found


def escape(text: str, *, line_start: bool = True, table_cell: bool = False) -> str:
    """``text`` as Markdown that renders exactly as written, on one line (whitespace folded).

    ``line_start``: the text may begin a line (a paragraph, a quote), so what would open a
    block there (``# ``, ``> ``, ``- ``, ``1. ``, ``---``, ``~~~``) is escaped too; pass False
    for text after something of ours on the same line (a heading, a list label, a link text).
    ``table_cell``: the text goes in a GFM table cell, where ``|`` must be escaped.
    """
    return _escape_line(" ".join(text.split()), line_start, table_cell)


def _escape_line(text: str, line_start: bool = True, table_cell: bool = False) -> str:
    """:func:`escape` of a text already folded to one line with single spaces."""
    out = text if _plain(text) else (_INLINE_CELL if table_cell else _INLINE).sub(_inline, text)
    if line_start and text[:1] in _BLOCK_FIRST:
        block = _BLOCK_START.match(text)
        if block is not None and not out.startswith("\\"):
            at = max(block.end("ordered"), 0)
            out = out[:at] + "\\" + out[at:]
    return out


def phrase(text: str) -> str:
    """:func:`escape` for text that follows something of ours on its line (``line_start=False``)."""
    return escape(text, line_start=False)


def safe_url(url: str) -> str:
    """A link destination that cannot break out of ``[...](...)``."""
    return quote(url, safe=":/?#@!$&'*+,;=%-._~")


#: Event ids as the loader accepts them: safe as they are in an HTML attribute and a URL fragment.
_SAFE_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")


def anchor(event_id: str) -> str:
    """The HTML id of an event's heading (``event-`` and the id), for links within the document.

    A loaded event's id is always safe in an attribute and a fragment; any other id (a timeline
    built by hand) is replaced by a digest of it, so no text of the file becomes HTML.
    """
    if _SAFE_ID.fullmatch(event_id):
        return f"event-{event_id}"
    return "event-" + hashlib.sha256(event_id.encode("utf-8", "surrogatepass")).hexdigest()[:16]


#: Event ids, one a line, all of which :func:`anchor` leaves as they are.
_SAFE_IDS = re.compile(f"(?:{_SAFE_ID.pattern}\n)*")


def anchors(event_ids: Iterable[str]) -> list[str]:
    """:func:`anchor` of each id, in one pass where all are safe (those of a loaded timeline are):
    one match over them all, where asking one by one was a twentieth of the HTML export."""
    ids = list(event_ids)
    lines = "\n".join(ids) + "\n"
    if lines.count("\n") == len(ids) and _SAFE_IDS.fullmatch(lines):  # (no id holds a line break)
        return list(map("event-".__add__, ids))
    return list(map(anchor, ids))


class _Parts:
    """The escaped pieces events share (dates, actors, places, sources), each made once per export."""

    def __init__(self, timeline: Timeline, shown: set[str] | None = None) -> None:
        self.timeline = timeline
        #: The ids of the events in the document: links to them are links within it.
        self.shown: set[str] = shown or set()
        self.escaped: dict[str, str] = {}
        self.when: dict[Span, tuple[str, str]] = {}
        self.actors: dict[tuple[str, ...], str] = {}
        self.tags: dict[tuple[str, ...], str] = {}
        self.outcome: dict[tuple[str | None, tuple[str, ...]], str] = {}
        self.source: dict[str, str | None] = {}

    def phrase(self, text: str) -> str:
        """:func:`phrase`, remembered (for short texts that repeat: places, kinds, speakers)."""
        found = self.escaped.get(text)
        if found is None:
            found = phrase(text)
            if len(self.escaped) < 100_000:
                self.escaped[text] = found
        return found

    def dates(self, when: Span) -> tuple[str, str]:
        found = self.when.get(when)
        if found is None:
            found = self.when[when] = (phrase(when.display()), phrase(when.long()))
        return found

    def actor_names(self, actors: tuple[str, ...]) -> str:
        found = self.actors.get(actors)
        if found is None:
            found = self.actors[actors] = phrase(", ".join(self.timeline.actor_names(actors)))
        return found

    def tag_list(self, tags: tuple[str, ...]) -> str:
        found = self.tags.get(tags)
        if found is None:
            found = self.tags[tags] = phrase(", ".join(tags))
        return found

    def outcome_text(self, event: Event) -> str:
        key = (event.outcome, event.declined_by)
        found = self.outcome.get(key)
        if found is None:
            found = self.outcome[key] = phrase(self.timeline.outcome_text(event))
        return found

    def source_line(self, source_id: str) -> str | None:
        """``authors, [title](<url>), publisher, date`` (None for an unknown source)."""
        if source_id in self.source:
            return self.source[source_id]
        src = self.timeline.sources.get(source_id)
        line = None
        if src is not None:
            # What comes first starts the list item's line: escaped as a line start.
            first = escape if not src.authors else phrase
            link = f"[{phrase(src.title)}](<{safe_url(src.url)}>)" if src.url else first(src.title)
            line = f"{link}, {phrase(src.publisher)}"
            if src.date is not None:  # an undated source says nothing rather than a wrong date
                line += f", {phrase(src.date.display())}"
            if src.authors:
                line = f"{escape(src.byline)}, {line}"
        self.source[source_id] = line
        return line


def _event_lines(timeline: Timeline, event: Event, heading: str, parts: _Parts | None = None) -> list[str]:
    parts = parts or _Parts(timeline)
    display, long = parts.dates(event.when)
    # The anchor is HTML we write: "event-" and an id of [a-z0-9._-] (see anchor()), never file text.
    title_line = f'{heading} <a id="{anchor(event.id)}"></a>{display} · {phrase(event.title)}'
    lines = [title_line, "", f"- **When:** {long}"]
    lines.append(f"- **Kind:** {parts.phrase(event.kind)}")
    if event.outcome:
        lines.append(f"- **Outcome:** {parts.outcome_text(event)}")
    if event.actors:
        lines.append(f"- **Actors:** {parts.actor_names(event.actors)}")
    if event.location:
        lines.append(f"- **Place:** {parts.phrase(event.location)}")
    if event.tags:
        lines.append(f"- **Tags:** {parts.tag_list(event.tags)}")
    lines.append("")
    for paragraph in split_paragraphs(event.summary):
        lines.append(_escape_line(paragraph))
        lines.append("")
    for q in event.quotes:
        lines.append(f"> {escape(q.text)}")
        lines.append(">")
        lines.append(f"> — {parts.phrase(q.by)}")
        lines.append("")
    if event.accounts:
        lines.extend(["Accounts:", ""])
        for account in event.accounts:
            speaker = parts.phrase(timeline.speaker(account))
            source = parts.source_line(account.source)
            cited = f" (source: {source})" if source else ""
            lines.append(f"- **{speaker}:** {phrase(account.text)}{cited}")
        lines.append("")
    links = _link_lines(timeline, event, parts)
    if links:
        lines.extend(["Links:", "", *links, ""])
    if event.sources:
        lines.append("Sources:")
        lines.append("")
        for n, source_id in enumerate(event.sources, 1):
            line = parts.source_line(source_id)
            if line is not None:
                lines.append(f"{n}. {line}")
        lines.append("")
    return lines


def _link_lines(timeline: Timeline, event: Event, parts: _Parts) -> list[str]:
    """``- Responds to: [date · title](#event-id): note``, both ways; plain text for an event not shown."""
    index = timeline.by_id.get(event.id)
    if index is None or timeline.events[index] is not event:
        return []
    lines = []
    for link in timeline.links_of(index):
        other = timeline.events[link.target]
        display, _ = parts.dates(other.when)
        label = f"{display} · {phrase(other.title)}"
        target = f"[{label}](#{anchor(other.id)})" if other.id in parts.shown else label
        note = f": {phrase(link.note)}" if link.note else ""
        lines.append(f"- {link.lead}: {target}{note}")
    return lines


def event_markdown(timeline: Timeline, event: Event) -> str:
    """One event as a Markdown section (used for copying a single event)."""
    return "\n".join(_event_lines(timeline, event, "###")).rstrip() + "\n"


def _summary_line(timeline: Timeline, count: int, flt: Filter | None) -> str:
    total = len(timeline.events)
    noun = "event" if count == 1 else "events"
    words = flt.describe(timeline) if flt is not None else ""
    if words:
        return f"{count} of {total} events, filtered by {phrase(words)}."
    if count == total:
        return f"All {count} {noun}."
    return f"{count} of {total} events."


def to_markdown(
    timeline: Timeline,
    rows: Sequence[int] | None = None,
    flt: Filter | None = None,
) -> str:
    """The events at ``rows`` (all when None) as one Markdown document, grouped by year."""
    indexes: Iterable[int] = range(len(timeline.events)) if rows is None else rows
    events = [timeline.events[i] for i in indexes]
    out = [f"# {phrase(timeline.title)}", ""]
    for paragraph in split_paragraphs(timeline.description):
        out.extend([_escape_line(paragraph), ""])
    if timeline.eras:
        out.extend(["Eras:", ""])
        for era in timeline.eras:
            about = f": {phrase(era.description)}" if era.description else ""
            out.append(f"- **{phrase(era.name)}** ({phrase(era.when.display())}){about}")
        out.append("")
    out.extend([_summary_line(timeline, len(events), flt), ""])
    heading = None
    parts = _Parts(timeline, {e.id for e in events})
    for event in _outline(events):
        title = _heading(event.when)
        if title != heading:
            heading = title
            out.extend([f"## {title}", ""])
        out.append("\n".join(_event_lines(timeline, event, "###", parts)))
    return "\n".join(out).rstrip() + "\n"


def _heading(when: Span) -> str:
    """The heading an event goes under (:attr:`Span.heading`), escaped all the same: words the
    model makes from numbers."""
    return phrase(when.heading)


def _outline(events: list[Event]) -> list[Event]:
    """``events`` (in the view's order, by date) with, among events that start on the same day, the
    periods first, the longest first: ``## 9th century`` comes before ``## 801``, whose events it
    encloses, as an outline reads, and the year's heading is not split around it."""
    out: list[Event] = []
    run: list[Event] = []
    for event in events:
        if run and event.when.first_day != run[0].when.first_day:
            out.extend(_periods_first(run))
            run = []
        run.append(event)
    out.extend(_periods_first(run))
    return out


def _periods_first(run: list[Event]) -> list[Event]:
    if len(run) < 2 or not any(e.when.start.period for e in run):
        return run
    return sorted(run, key=lambda e: (0, -e.when.last_day) if e.when.start.period else (1, 0))
