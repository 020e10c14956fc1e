"""HTML export: one self-contained page that reads as a document and filters like the explorer.

Everything is inline: the style sheet and the script (``page.css`` and ``page.js`` beside this
module, package data) and the data the script filters on, so the page makes no request of any
kind when opened.  A Content-Security-Policy in the page itself allows nothing but that one style
sheet and that one script, each named by its SHA-256 hash (computed here, at export): a mistake in
escaping could not load or run anything foreign.  The output depends only on the timeline, the rows
and the filter (no clock), so an export diffs cleanly and is byte-for-byte reproducible.

All text from the data file goes through :func:`html.escape` (text and attribute values alike);
only ``http`` and ``https`` source addresses become links.  The data the script needs is JSON
in a ``<script type="application/json">`` block, with ``<``, ``>`` and ``&`` written as
``\\u`` escapes, so nothing in it can close the block.

The page's filters mirror :mod:`timeline.filters` (:meth:`~timeline.filters.Filter.apply`): the
script only compares what the model computed: each event's actors as :attr:`Timeline.event_actors`
has them, its first and last day (:attr:`Timeline.day_bounds`), its kind, outcome and tags, and
the casefolded text that free-text search looks in (:attr:`Timeline.actor_haystacks` in the data;
the text of each event, :attr:`Timeline.text_haystacks`, is not written twice: it is the text of
the event's elements marked ``class="h"`` — title, summary, place, quotes and who said them,
accounts and who gave them — with its kind, id and tags from the data, which the script folds
with :func:`_fold_table` as ``str.casefold`` does; tests/test_html.py checks that these hold the
same words as the model's).  It never reads a date.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import sys
import unicodedata
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from html import escape
from importlib.resources import files
from operator import attrgetter
from typing import Any

from ..datemodel import zone_info, zoneinfo_covers
from ..dates import FuzzyDate, Span, day_number, from_day_number, year_text
from ..filters import Filter
from ..gcpause import gc_paused
from ..markdown import anchors
from ..model import (
    KINDS,
    LINK_LEADS,
    LINK_TYPES,
    OUTCOMES,
    Account,
    Event,
    Timeline,
    paragraph_blocks,
    split_paragraphs,
)
from . import foldtable

__all__ = ["GENERATOR", "css_text", "html_page", "machine_date", "script_text", "to_html"]

#: The page's ``<meta name="generator">``: how ``export -o`` knows an earlier export it may replace.
GENERATOR = '<meta name="generator" content="timeline-explorer">'
#: Events are laid out in runs of this many (``<div class="chunk">``): a run off the screen is
#: not laid out at all (``content-visibility``), so a page of 10,000 events opens and filters quickly.
CHUNK = 25
#: How many bars the overview strip's density has.
BINS = 120
#: The overview strip's height in pixels; across, every position is a percentage of its width, so
#: the strip fills any width and its text keeps its size.
STRIP_H = 64
#: The strip's width in pixels on the widest page (the style sheet's 60rem, less the padding), and
#: about how wide a character of an era's name (11px) or an axis year (10px) is: an era's name is
#: drawn where it fits on the widest page, a year at the edge is drawn inside the strip at 390px.
WIDEST = 928
NAME_PX = 6.5
NARROWEST = 370
YEAR_PX = 6.2


@lru_cache(maxsize=1)
def css_text() -> str:
    """The page's style sheet, as inlined (and hashed for the Content-Security-Policy)."""
    return files(__package__).joinpath("page.css").read_text("utf-8")


@lru_cache(maxsize=1)
def script_text() -> str:
    """The page's script, as inlined (and hashed for the Content-Security-Policy)."""
    return files(__package__).joinpath("page.js").read_text("utf-8")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def policy() -> str:
    """The Content-Security-Policy: nothing at all, but the page's own style sheet and script."""
    return (
        f"default-src 'none'; style-src {_hash(css_text())}; script-src {_hash(script_text())}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _text(value: str) -> str:
    """Text from the file as the text of an element: ``&``, ``<`` and ``>`` escaped (all that can
    start markup there; a quote is just a quote). Most text has none of them, and is left as is."""
    if "&" in value or "<" in value or ">" in value:
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value


def _ascii(html: str) -> str:
    """``html`` in ASCII: any other character as a character reference (``–`` as ``&ndash;``).

    An event's own markup is ASCII (its dates, ``&middot;`` after them, ``&mdash;`` before who
    said a quote), so that an event whose text is ASCII is held in one byte a character rather
    than two: a page is tens of megabytes, and copying half as many bytes saves a quarter of the
    export's time. The text from the file is left as it is (a page in Armenian stays readable,
    and as small as UTF-8 makes it)."""
    if html.isascii():
        return html
    return html.replace("–", "&ndash;").encode("ascii", "xmlcharrefreplace").decode("ascii")


def _attr(value: str) -> str:
    """Text from the file as an attribute's value (always written in double quotes): quotes too."""
    return escape(value, quote=True)


def live_url(url: str) -> bool:
    """Whether a source address becomes a link: ``http`` and ``https`` only, nothing else."""
    head = url.strip()[:8].lower()
    return (head.startswith(("http://", "https://"))) and not any(c.isspace() or c < " " for c in url)


# -- dates as machines read them ----------------------------------------------------------


def machine_date(date: FuzzyDate) -> str | None:
    """``date`` as an HTML ``datetime`` value, or None where HTML has no form for it.

    A year, a month or a day as written (``2023``, ``2023-07``, ``2023-07-05``); a season,
    quarter or qualified month or year as its year or month (``early July 2023`` is ``2023-07``:
    the words stay in the text); a time as the local date and time as shown, with the zone's
    offset at that moment (or the offset written).  HTML has no form for a decade or a century
    (or a year before 1): None, and the text alone says it.
    """
    y, m, d, h, mi, s = date.shown_fields()
    if date.period or y < 1 or y > 9999:
        return None
    text = f"{y:04d}"
    if m is None:
        return text
    text += f"-{m:02d}"
    if d is None:
        return text
    text += f"-{d:02d}"
    if h is None:
        return text
    text += f"T{h:02d}:{mi or 0:02d}" + (f":{s:02d}" if s is not None else "")
    offset = _offset_minutes(date, (y, m, d, h, mi or 0, s or 0))
    if offset is None:
        return text
    sign = "+" if offset >= 0 else "-"
    return text + ("Z" if offset == 0 else f"{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}")


def _offset_minutes(date: FuzzyDate, shown: tuple[int, int, int, int, int, int]) -> int | None:
    """The UTC offset of the time as shown (:meth:`FuzzyDate.shown_fields`): with a zone that
    zoneinfo covers, the time is shown in the zone (converted into it, or written in it), so the
    zone's offset at that moment; otherwise the offset written, if any."""
    if date.zone is not None and zoneinfo_covers(date.year):
        off = dt.datetime(*shown, tzinfo=zone_info(date.zone)).utcoffset()
        return None if off is None else int(off.total_seconds()) // 60
    return date.offset


def _time(date: FuzzyDate, text: str) -> str:
    value = machine_date(date)
    if value is None:
        return f"<span>{_text(text)}</span>"
    return f'<time datetime="{value}">{_text(text)}</time>'


def _when(when: Span) -> str:
    """The span in words, each end a ``<time>``: ``<time datetime="2020-09-27">27 September
    2020</time> – <time datetime="2020-11-10">10 November 2020</time> (44 days)``."""
    if when.end is None:
        return _time(when.start, when.start.long())
    duration = when.duration()
    after = f" ({_text(duration)})" if duration else ""
    return f"{_time(when.start, when.start.long())} – {_time(when.end, when.end.long())}{after}"


def _headings(events: Sequence[tuple[int, Event]]) -> list[str]:
    """Each event's heading (:attr:`Span.heading`, as the Markdown export has it), made once a
    year (events of a year are many, its heading one)."""
    memo: dict[int, str] = {}
    out = []
    for _, e in events:
        start = e.when.start
        if start.period:
            out.append(start.period_text())
            continue
        heading = memo.get(start.year)
        if heading is None:
            heading = memo[start.year] = e.when.heading
        out.append(heading)
    return out


# -- the page ---------------------------------------------------------------------------


class _Page:
    """The pieces events share (dates, actors, sources), each made once per export.

    Texts are remembered where they repeat from event to event (a date, a place, a kind, a list of
    actors or tags, a speaker, a source's line, a list of sources), never an event's own text (its
    title, summary, quotes and accounts), which is escaped where it is written.
    """

    def __init__(self, timeline: Timeline, shown: set[str]) -> None:
        self.timeline = timeline
        self.shown = shown
        self.when: dict[Span, tuple[str, str]] = {}
        self.when_of: dict[int, tuple[str, str]] = {}
        self.actor_facts: dict[tuple[str, ...], str] = {}
        self.places: dict[str, str] = {}
        self.tag_facts: dict[tuple[str, ...], str] = {}
        self.source: dict[str, str | None] = {}
        self.escaped: dict[str, str] = {}
        self.source_numbers: dict[tuple[str, ...], dict[str, int]] = {}
        self.outcomes: dict[tuple[str | None, tuple[str, ...]], str] = {}
        self.speakers: dict[tuple[str, str | None], str] = {}
        self.source_lists: dict[tuple[str, ...], str] = {}
        self.source_item_pieces: dict[tuple[tuple[str, ...], bool], list[str]] = {}
        n = len(timeline.events)
        #: per event (by index): its anchor (:func:`~timeline.markdown.anchor`), and the label a link
        #: to it shows
        self.anchors = anchors(map(_ID, timeline.events))
        self.labels: list[str | None] = [None] * n

    def short(self, text: str) -> str:
        """:func:`_text`, remembered (for short texts that repeat: places, kinds, tags, speakers)."""
        found = self.escaped.get(text)
        if found is None:
            found = _text(text)
            if len(self.escaped) < 100_000:
                self.escaped[text] = found
        return found

    def dates(self, when: Span) -> tuple[str, str]:
        """The span as the heading shows it and in words (:func:`_when`), made once for each
        date: looked up by the object first (the loader shares one between events dated alike;
        the objects live as long as the export), then by its value (a span's hash is costly)."""
        found = self.when_of.get(id(when))
        if found is None:
            found = self.when.get(when)
            if found is None:
                found = self.when[when] = (_ascii(_text(when.display())), _ascii(_when(when)))
            self.when_of[id(when)] = found
        return found

    def tag_fact(self, tags: tuple[str, ...]) -> str:
        """The ``<dt>Tags</dt>`` line of events with these tags ("" for none)."""
        found = self.tag_facts.get(tags)
        if found is None:
            found = self.tag_facts[tags] = f"\n<dt>Tags</dt><dd>{_text(', '.join(tags))}</dd>" if tags else ""
        return found

    def place(self, location: str) -> str:
        """The ``<dt>Place</dt>`` line of events at ``location`` (its words marked for the search)."""
        found = self.places.get(location)
        if found is None:
            found = self.places[location] = (
                f'\n<dt>Place</dt><dd class="h">{_text(location)}</dd>' if location else ""
            )
        return found

    def link_label(self, target: int) -> str:
        """``date · title`` of the event at ``target``, a link to it where the page shows it."""
        found = self.labels[target]
        if found is None:
            other = self.timeline.events[target]
            display, _ = self.dates(other.when)
            found = f"{display} &middot; {_text(other.title)}"
            if other.id in self.shown:
                found = f'<a href="#{self.anchors[target]}">{found}</a>'
            self.labels[target] = found
        return found

    def numbers(self, sources: tuple[str, ...]) -> dict[str, int]:
        """Source id → its number in ``sources`` (an event's), for those the page can cite."""
        found = self.source_numbers.get(sources)
        if found is None:
            found = {s: n for n, s in enumerate(sources, 1) if self.source_line(s) is not None}
            self.source_numbers[sources] = found
        return found

    def outcome(self, event: Event) -> str:
        """``<dt>Outcome</dt>`` and its words (:meth:`Timeline.outcome_text`), or nothing."""
        key = (event.outcome, event.declined_by)
        found = self.outcomes.get(key)
        if found is None:
            words = _text(self.timeline.outcome_text(event))
            found = (
                f'\n<dt>Outcome</dt><dd><span class="outcome">{words}</span></dd>' if event.outcome else ""
            )
            self.outcomes[key] = found
        return found

    def actor_fact(self, actors: tuple[str, ...]) -> str:
        """The ``<dt>Actors</dt>`` line of events naming these actors ("" for none)."""
        found = self.actor_facts.get(actors)
        if found is None:
            names = _text(", ".join(self.timeline.actor_names(actors)))
            found = self.actor_facts[actors] = f"\n<dt>Actors</dt><dd>{names}</dd>" if actors else ""
        return found

    def speaker(self, account: Account) -> str:
        """Who gives ``account`` (:meth:`Timeline.speaker`), the name given (``by``) marked for
        the text search."""
        key = (account.by, account.actor)
        found = self.speakers.get(key)
        if found is None:
            speaker = self.timeline.speaker(account)
            by = account.by
            if by and speaker.startswith(by):  # (always, where there is a by: the text search looks in)
                found = f'<span class="h">{_text(by)}</span>{_text(speaker[len(by) :])}'
            else:
                found = _text(speaker)
            self.speakers[key] = found
        return found

    def source_line(self, source_id: str) -> str | None:
        """``authors, title (a link where http(s)), publisher, date``; None for an unknown source."""
        if source_id in self.source:
            return self.source[source_id]
        src = self.timeline.sources.get(source_id)
        line = None
        if src is not None:
            title = f"<cite>{_text(src.title)}</cite>"
            if src.url and live_url(src.url):
                # (no rel="noreferrer": the page's own referrer policy sends none, and no link
                # opens a window of its own, so "noopener" would change nothing)
                title = f'<a href="{_attr(src.url)}">{title}</a>'
            elif src.url:
                title += f' (<span class="url">{_text(src.url)}</span>)'
            parts = [title]
            if src.publisher:
                parts.append(_text(src.publisher))
            if src.date is not None:
                parts.append(_time(src.date, src.date.display()))
            line = ", ".join(parts)
            if src.authors:
                line = f"{_text(src.byline)}, {line}"
        self.source[source_id] = line
        return line

    def source_list(self, sources: tuple[str, ...], ident: str | None) -> str:
        """An event's numbered sources: ``<h4>Sources</h4>`` and the list, each source numbered by
        its place in ``sources``. Given ``ident`` (the event's anchor, for an event whose accounts
        cite its sources), each item has an id, ``ident~sN``, for a citation to land on; without
        it (most events), the list is the same for every event citing the same sources, and
        made once."""
        if ident is None:
            found = self.source_lists.get(sources)
            if found is None:
                found = self.source_lists[sources] = "".join(self.source_pieces(sources, False))
            return found
        return ident.join(self.source_pieces(sources, True))

    def source_pieces(self, sources: tuple[str, ...], cited: bool) -> list[str]:
        """The list, remembered, in pieces: where ``cited``, split where each item's id is to start
        with the event's anchor (which joins them); else one piece. An item's number is written only
        where one before it is left out (a source the timeline lacks): an ordered list counts."""
        key = (sources, cited)
        found = self.source_item_pieces.get(key)
        if found is None:
            found = []
            piece = '<h4>Sources</h4><ol class="sources">'
            shown = 0
            for n, source_id in enumerate(sources, 1):
                line = self.source_line(source_id)
                if line is None:
                    continue
                shown += 1
                number = "" if n == shown else f' value="{n}"'
                if cited:
                    found.append(piece + '\n<li id="')
                    piece = f'~s{n}"{number}>{line}</li>'
                else:
                    piece += f"\n<li{number}>{line}</li>"
            found.append(piece + "\n</ol>")
            self.source_item_pieces[key] = found
        return found


def _event(page: _Page, event: Event, links: str | None, ident: str, put: Callable[[str], None]) -> None:
    """The event as an ``<article>``, given to ``put`` in pieces (each a line or more) that the
    page joins by line breaks: its text is copied once, into the page, not first into a string of
    the event's own (a tenth of the export's time). ``links`` is its list of links (:func:`_links`)."""
    display, when = page.dates(event.when)
    short = page.short
    put(
        f'<article class="event" id="{ident}" aria-labelledby="{ident}~h">\n'
        f'<h3 id="{ident}~h"><a class="self" href="#{ident}">'
        f'<span class="date">{display}</span> &middot; <span class="h">{_text(event.title)}</span></a></h3>\n'
        f'<dl class="facts">\n<dt>When</dt><dd>{when}</dd>\n'
        f'<dt>Kind</dt><dd><span class="kind">{short(event.kind)}</span></dd>'
        f"{page.outcome(event)}{page.actor_fact(event.actors)}{page.place(event.location)}"
        f"{page.tag_fact(event.tags)}\n</dl>"
    )
    if event.summary:
        for paragraph in _paragraphs(_text(event.summary)):
            put(f'<p class="h">{paragraph}</p>')
    for q in event.quotes:
        paragraphs = _paragraphs(_text(q.text))
        text = '<p class="h">' + '</p><p class="h">'.join(paragraphs) + "</p>" if paragraphs else "<p></p>"
        put(
            f'<figure class="quote"><blockquote>{text}</blockquote>'
            f'<figcaption>&mdash; <span class="h">{short(q.by)}</span></figcaption></figure>'
        )
    if event.accounts:
        _accounts(page, event, ident, put)
    if links is not None:
        put(links)
    if event.sources:
        put(page.source_list(event.sources, ident if event.accounts else None))
    put("</article>")


#: The whitespace a browser does not fold (``\v`` and the separators \x1c-\x1f, which the loader
#: replaces but a timeline built by hand may hold); with any other character above ASCII, :func:`_shown`
#: folds the text itself.
_UNFOLDED = ("\x0b", "\x1c", "\x1d", "\x1e", "\x1f")


def _shown(text: str) -> str:
    """``text`` as the model folds it (``" ".join(text.split())``) once a browser shows it: ASCII
    text is left as written (a browser shows each run of spaces, tabs and line breaks as one
    space, and folding costs five times the split); text with other characters is folded here,
    since a browser keeps a no-break or ideographic space where the model folds it to a space."""
    if text.isascii() and not any(c in text for c in _UNFOLDED):
        return text
    return " ".join(text.split())


def _paragraphs(text: str) -> list[str]:
    """``text``'s paragraphs as the model splits them (:func:`paragraph_blocks`), each as
    :func:`_shown` leaves it: what a reader sees is the model's paragraph."""
    return [_shown(p) for p in paragraph_blocks(text)]


def _accounts(page: _Page, event: Event, ident: str, put: Callable[[str], None]) -> None:
    """Each side's account, with who gives it and its source: a link to the event's numbered
    source, or the source's line where the event does not list it."""
    numbers = page.numbers(event.sources)
    speaker = page.speaker
    put('<h4>Accounts</h4><ul class="accounts">')
    for account in event.accounts:
        n = numbers.get(account.source)
        if n is not None:
            cited = f' <a class="cite" href="#{ident}~s{n}" aria-label="source {n}">[{n}]</a>'
        else:
            line = page.source_line(account.source) if account.source else None
            cited = f" (source: {line})" if line else ""
        said = _shown(_text(account.text.strip()))
        put(f'<li><b>{speaker(account)}:</b> <span class="h">{said}</span>{cited}</li>')
    put("</ul>")


def _links(page: _Page, shown: Iterable[int]) -> list[str | None]:
    """Each event's links, both ways, as its article lists them (``Responds to: <a
    href="#event-id">date · title</a>: note``; text for an event the page does not show), or None
    for an event with none: in the order :meth:`Timeline.links_of` gives them, those the event
    holds (in file order), then those to it (in the order of the events holding them), a link to an
    event the timeline lacks left out. Only the events at ``shown`` (the page's) get theirs.

    Made in one pass over the timeline's links, each giving its line to both its events: asking
    :meth:`Timeline.links_of` event by event made two tuples a link, and was a tenth of the export.
    tests/test_html.py checks every event's list against :meth:`Timeline.links_of`."""
    events = page.timeline.events
    by_id = page.timeline.by_id
    labels = page.labels
    held: list[str | None] = [None] * len(events)  # the lines of the links each event holds
    given: list[list[str] | None] = [None] * len(events)  # the lines of links to it
    wanted = bytearray(len(events))
    for i in shown:
        wanted[i] = 1
    for i, event in enumerate(events):
        if not event.links:
            continue
        mine = ""
        label = None
        for link in event.links:
            j = by_id.get(link.to)
            if j is None:
                continue
            there, back = _LEADS[link.type]
            note = link.note and f": {_text(link.note)}"
            if wanted[i]:
                mine += f"\n<li>{there}: {labels[j] or page.link_label(j)}{note}</li>"
            if wanted[j]:
                if label is None:
                    label = labels[i] or page.link_label(i)
                line = f"\n<li>{back}: {label}{note}</li>"
                theirs = given[j]
                if theirs is None:
                    given[j] = [line]
                else:
                    theirs.append(line)
        if mine:
            held[i] = mine
    return [
        None
        if mine is None and theirs is None
        else f'<h4>Links</h4><ul class="links">{mine or ""}{"".join(theirs or ())}\n</ul>'
        for mine, theirs in zip(held, given, strict=True)
    ]


#: Per link type, how a line starts in the event holding the link and in the event it points at.
_LEADS = {kind: (LINK_LEADS[there], LINK_LEADS[back]) for kind, (there, back) in LINK_TYPES.items()}


def _summary(timeline: Timeline, count: int, flt: Filter | None) -> str:
    total = len(timeline.events)
    words = flt.describe(timeline) if flt is not None else ""
    if words:
        return f"{count} of {total} events, filtered by {_text(words)}."
    if count == total:
        return f"All {count} {'event' if count == 1 else 'events'}."
    return f"{count} of {total} events."


def _outline(events: list[tuple[int, Event]]) -> list[tuple[int, Event]]:
    """As the Markdown export orders them: among events starting on the same day, periods first."""
    out: list[tuple[int, Event]] = []
    run: list[tuple[int, Event]] = []

    def flush() -> None:
        if len(run) > 1 and any(e.when.start.period for _, e in run):
            run.sort(key=lambda r: (0, -r[1].when.last_day) if r[1].when.start.period else (1, 0))
        out.extend(run)

    if not any(e.when.start.period for _, e in events):  # (the usual: nothing to move)
        return list(events)
    for item in events:
        if run and item[1].when.first_day != run[0][1].when.first_day:
            flush()
            run = []
        run.append(item)
    flush()
    return out


def _days(timeline: Timeline, events: Sequence[tuple[int, Event]]) -> tuple[int, int] | None:
    """The events' first and last day (:attr:`Timeline.day_bounds`), None for no event."""
    if not events:
        return None
    first, last = timeline.day_bounds
    return min([first[i] for i, _ in events]), max([last[i] for i, _ in events])


def _scale(timeline: Timeline, days: tuple[int, int] | None) -> tuple[int, int]:
    """The first and last day the overview strip shows: the events' (``days``) and the eras'."""
    ends = [d for era in timeline.eras for d in (era.when.first_day, era.when.last_day)]
    ends += days or ()
    if not ends:
        return 0, 1
    lo, hi = min(ends), max(ends)
    return lo, max(hi, lo + 1)


def _x(day: int, lo: int, hi: int) -> float:
    """Where ``day`` is across the strip, in percent of its width."""
    return round((day - lo) / (hi - lo + 1) * 100, 3)


def _strip(timeline: Timeline, events: Sequence[tuple[int, Event]], lo: int, hi: int) -> str:
    """The overview strip: eras as bands (named), the events' density as bars, a year axis, and the
    selected event's mark (placed by the script; hidden without it)."""
    out = [
        f'<svg id="strip" width="100%" height="{STRIP_H}" role="img" aria-labelledby="strip-title">',
        '<title id="strip-title">Overview: the eras as bands and how many events fall in each '
        "stretch of time (bars)</title>",
        '<g class="eras">',
    ]
    eras = timeline.eras
    starts = sorted(_x(era.when.first_day, lo, hi) for era in eras)
    for n, era in enumerate(eras):
        x0, x1 = _x(era.when.first_day, lo, hi), _x(era.when.last_day + 1, lo, hi)
        width = max(round(x1 - x0, 3), 0.3)
        out.append(
            f'<rect class="era era{n % 2}" x="{x0}%" y="0" width="{width}%" height="{STRIP_H - 14}">'
            f"<title>{_text(era.name)} ({_text(era.when.display())})</title></rect>"
        )
        # Its name, where there is room: from its start to its end or the next era's start (eras may
        # overlap), so that no two names overlap; clipped to that room (a nested <svg>), and drawn
        # only if it fits there on the widest page (the script hides it where the page is narrower).
        # The list of eras names them all.
        later = [x for x in starts if x > x0]
        room = round(min([x1, *later[:1]]) - x0, 3)
        if room * WIDEST / 100 >= len(era.name) * NAME_PX + 6:
            out.append(
                f'<svg class="room" x="{x0}%" y="0" width="{room}%" height="16">'
                f'<text class="era-name" x="3" y="12">{_text(era.name)}</text></svg>'
            )
    out.append('</g><g class="bars">')
    counts = [0] * BINS
    first = timeline.day_bounds[0]
    for day, count in Counter([first[i] for i, _ in events]).items():  # (days repeat: each binned once)
        counts[_bin(day, lo, hi)] += count
    top = max(counts) or 1
    bar_w = 100 / BINS
    for b, count in enumerate(counts):
        height = round(count / top * (STRIP_H - 18), 2)
        out.append(
            f'<rect x="{round(b * bar_w, 3)}%" y="{round(STRIP_H - 14 - height, 2)}" '
            f'width="{round(bar_w * 0.8, 3)}%" height="{height}"/>'
        )
    out.append('</g><g class="axis">')
    first_year, last_year = from_day_number(lo)[0], from_day_number(hi)[0]
    step = next(
        s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10**9) if (last_year - first_year) / s <= 8
    )
    year = (first_year // step + 1) * step
    while year <= last_year:
        x = _x(day_number(year, 1, 1), lo, hi)
        out.append(f'<line x1="{x}%" x2="{x}%" y1="{STRIP_H - 14}" y2="{STRIP_H - 10}"/>')
        label = year_text(year)
        half = len(label) * YEAR_PX / 2 / NARROWEST * 100  # half the label, in percent at 390px
        anchor_at = ' class="start"' if x - half < 0 else ' class="end"' if x + half > 100 else ""
        out.append(f'<text{anchor_at} x="{x}%" y="{STRIP_H - 1}">{_text(label)}</text>')
        year += step
    out.append("</g>")
    out.append(
        f'<g id="mark" class="mark" visibility="hidden"><line x1="0" x2="0" y1="0" y2="{STRIP_H - 14}"/>'
        '<circle cx="0" cy="5" r="5"/></g>'
    )
    out.append("</svg>")
    return "\n".join(out)


def _bin(day: int, lo: int, hi: int) -> int:
    return min(BINS - 1, max(0, (day - lo) * BINS // (hi - lo + 1)))


#: Below this code point are all the characters whose casefolding is not their lower case (in
#: Unicode 15: tests/test_html.py checks the table against every code point).
_CASED_END = 0x10000


#: An array type code of four bytes (``I`` wherever Python runs, in practice).
_U32 = next(code for code in "IL" if array(code).itemsize == 4)


def _fold_table() -> dict[str, str]:
    """The characters whose casefolding is not their lower case (``ß`` → ``ss``, ``ς`` → ``σ``):
    the script folds text (what is typed, and the events' text) as ``str.casefold`` does by
    taking its lower case and then replacing these characters in it by the table's folding.

    The copy in :mod:`.foldtable` where the running Python's Unicode version is one it was checked
    for; else computed (:func:`_computed_fold_table`)."""
    if unicodedata.unidata_version in foldtable.UNICODE_VERSIONS:
        return foldtable.FOLD
    return _computed_fold_table()


@lru_cache(maxsize=1)
def _computed_fold_table() -> dict[str, str]:
    """:func:`_fold_table` as the running Python's Unicode has it: every character below
    :data:`_CASED_END` looked at."""
    table: dict[str, str] = {}
    # every character but the surrogates (made four times quicker than by chr)
    codec = f"utf-32-{sys.byteorder[0]}e"
    every = "".join(
        array(_U32, r).tobytes().decode(codec) for r in (range(0xD800), range(0xE000, _CASED_END))
    )
    # halving: a stretch that casefolds as it lowercases holds none of them (most do), so only
    # the few hundred characters that differ are looked at one by one
    stretches = [every]
    while stretches:
        chars = stretches.pop()
        if chars.casefold() == chars.lower():
            continue
        if len(chars) > 8:
            half = len(chars) // 2
            stretches += (chars[half:], chars[:half])
        else:
            table.update((c, c.casefold()) for c in chars if c.casefold() != c.lower())
    return dict(sorted(table.items()))


#: JSON as compact as it comes. The page's data is made here and holds no cycle, so the encoder is
#: not asked to look for one (it would note every list it enters: a fifth of its time).
_ENCODER = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"), check_circular=False)


def _json(data: Any) -> str:
    """JSON that cannot end the script block it sits in (nor open a comment or a CDATA section)."""
    text = _ENCODER.encode(data)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _data(timeline: Timeline, events: Sequence[tuple[int, Event]], lo: int, hi: int) -> dict[str, Any]:
    """What the script filters on, computed by the model (see the module's docstring); where an
    event is on the overview strip (its bar and its place across) the script works out from its
    first day and the strip's first and last (``lo`` and ``hi``), as :func:`_bin` and :func:`_x` do.

    The events' data is in columns, one list for each field (``events.first[n]`` is the n-th
    event's first day), each made in one pass; their actors and tags are numbers (places in
    ``actors`` and ``tags``), and each list of them is written once (in ``actorLists`` and
    ``tagLists``), each event giving its list's place. Rows of seven, the script's shape, it makes
    when the page opens: written as rows, the data took a sixth of the export's time."""
    actor_ids = sorted(timeline.actors)
    actor_at = {a: n for n, a in enumerate(actor_ids)}
    tags = list(timeline.tags)
    tag_at = {t: n for n, t in enumerate(tags)}
    first, last = timeline.day_bounds
    rows = [i for i, _ in events]
    shown = [e for _, e in events]
    actors = list(map(timeline.event_actors.__getitem__, rows))
    tagged = list(map(_TAGS, shown))
    # each list once, in the order the events first have it: its place in the page's lists
    actor_lists = {a: n for n, a in enumerate(dict.fromkeys(actors))}
    tag_lists = {t: n for n, t in enumerate(dict.fromkeys(tagged))}
    return {
        "actors": [[a, timeline.actor_haystacks[a]] for a in actor_ids],
        "tags": tags,
        "actorLists": [[actor_at[a] for a in listed if a in actor_at] for listed in actor_lists],
        "tagLists": [[tag_at[t] for t in listed] for listed in tag_lists],
        "events": {
            "actors": list(map(actor_lists.__getitem__, actors)),
            "kind": list(map(_KIND, shown)),
            "outcome": list(map(_OUTCOME, shown)),
            "tags": list(map(tag_lists.__getitem__, tagged)),
            "first": list(map(first.__getitem__, rows)),
            "last": list(map(last.__getitem__, rows)),
            "id": list(map(_ID, shown)),
        },
        "bins": BINS,
        "lo": lo,
        "hi": hi,
        # the day number of 1970-01-01: a date picked in the page is this many days after it
        "epoch": day_number(1970, 1, 1),
        "fold": _fold_table(),
    }


_TAGS = attrgetter("tags")
_KIND = attrgetter("kind")
_OUTCOME = attrgetter("outcome")
_ID = attrgetter("id")


def _checks(name: str, legend: str, items: Iterable[tuple[str, str, int]]) -> str:
    """A group of labelled checkboxes (value, label, count), or nothing where there are none. The
    count is of all the events of the page, whatever is ticked: it says so ("in all")."""
    rows = []
    for n, (value, label, count) in enumerate(items):
        ident = f"f-{name}-{n}"
        rows.append(
            f'<label for="{ident}"><input type="checkbox" id="{ident}" name="{name}" value="{_attr(value)}"> '
            f'{_text(label)} <span class="n">({count} in all)</span></label>'
        )
    if not rows:
        return ""
    return "\n".join(
        [f'<fieldset class="group" id="f-{name}"><legend>{legend}</legend>', *rows, "</fieldset>"]
    )


def _controls(timeline: Timeline, events: Sequence[tuple[int, Event]], first: int, last: int) -> str:
    """The filters, first after the title: the search field, the count (and, hidden until a link to
    an event the filters hide clears them, the button that puts them back) and the dates on a line or
    two, then the actors, the kinds and outcomes and the tags, each a <details> (the script opens the
    actors' on a wide screen). A group with nothing to choose is left out."""
    rows = [i for i, _ in events]
    kinds = timeline.kind_counts(rows)
    outcomes = timeline.outcome_counts(rows)
    tags = timeline.tag_counts(rows)
    out = [
        '<section id="filters" class="filters" aria-labelledby="filters-h" hidden>',
        '<h2 id="filters-h">Filter the events</h2>',
        '<div role="search" class="controls">',
        '<p class="field"><label for="f-text">Search</label> '
        '<input type="search" id="f-text" autocomplete="off" spellcheck="false" '
        'aria-describedby="f-text-help"> <span id="f-text-help" class="help">every word, '
        "in the text, places, tags or actors' names</span> "
        '<button type="button" id="f-clear">Clear the filters</button></p>',
        f'<p id="count" role="status" aria-live="polite">Showing all {len(events)} events.</p>',
        # shown by the script when following a link to an event the filters hide has cleared them
        '<button type="button" id="f-back" hidden>Put the filters back</button>',
        '<p class="field"><label for="f-from">From</label> '
        f'<input type="date" id="f-from" min="{_iso_day(first)}" max="{_iso_day(last)}"> '
        '<label for="f-to">to</label> '
        f'<input type="date" id="f-to" min="{_iso_day(first)}" max="{_iso_day(last)}"></p>',
        '<p id="f-dates" class="error" hidden></p>',
    ]
    if timeline.actors:
        actor_counts = timeline.actor_counts(rows)
        actors = sorted(timeline.actors.values(), key=lambda a: (a.name.casefold(), a.id))
        out += [
            f'<details id="f-actors"><summary>Actors ({len(actors)})</summary>',
            '<fieldset class="match"><legend>Events with</legend>'
            '<label for="f-any"><input type="radio" name="match" id="f-any" value="any" checked> '
            "any of the chosen actors</label> "
            '<label for="f-all"><input type="radio" name="match" id="f-all" value="all"> '
            "all of them</label></fieldset>",
            _checks("actor", "Actors", ((a.id, a.name, actor_counts.get(a.id, 0)) for a in actors)),
            "</details>",
        ]
    kind_checks = _checks("kind", "Kind", ((k, k, kinds[k]) for k in KINDS if kinds.get(k)))
    outcome_checks = _checks(
        "outcome", "Outcome", ((o, w, outcomes[o]) for o, w in OUTCOMES.items() if outcomes.get(o))
    )
    if kind_checks or outcome_checks:
        summary = "Kinds and outcomes" if outcome_checks else "Kinds"
        out += [f"<details><summary>{summary}</summary>", kind_checks, outcome_checks, "</details>"]
    if timeline.tags:
        tag_checks = _checks("tag", "Tag", ((t, t, tags[t]) for t in timeline.tags if tags.get(t)))
        if tag_checks:
            out += ["<details><summary>Tags</summary>", tag_checks, "</details>"]
    out.append("</div>")
    out.append("</section>")
    return "\n".join(x for x in out if x)


def _iso_day(day: int) -> str:
    y, m, d = from_day_number(day)
    y = min(max(y, 1), 9999)
    return f"{y:04d}-{m:02d}-{d:02d}"


def html_page(timeline: Timeline, rows: Sequence[int] | None = None, flt: Filter | None = None) -> bytearray:
    """The events at ``rows`` (all when None) as one self-contained HTML page, grouped by year, in
    UTF-8: the file ``export -f html`` writes.

    The page is encoded as it is made, a few events at a time, into one buffer. Held whole as a
    string, it took two bytes a character wherever one character needed them (most pages have a
    dash or a curly quotation mark), and was then encoded once more for the file, in fresh memory
    each time: at 10,000 events (31 megabytes), the export asked the system for 29,000 pages of
    memory, where it now asks for about 16,000 (half of them the page itself).

    The cycle collector is paused meanwhile: the page's pieces hold no reference cycles, and its
    full collections would walk every object of the timeline and free nothing (a sixth of the
    export's time at 10,000 events).
    """
    with gc_paused():
        return _page(timeline, rows, flt)


def to_html(timeline: Timeline, rows: Sequence[int] | None = None, flt: Filter | None = None) -> str:
    """:func:`html_page` as text."""
    return html_page(timeline, rows, flt).decode("utf-8")


#: The page is encoded every so many pieces (about ten events).
_FLUSH = 256
#: At most this many pieces with characters beyond ASCII are kept encoded (a source list that many
#: events cite is one piece, made once: it is encoded once).
_ENCODED = 10_000


def _encode(pieces: list[str], into: bytearray, encoded: dict[str, bytes]) -> None:
    """``pieces`` into the page's bytes (UTF-8), each followed by a line break.

    Runs of ASCII pieces are joined and copied as they are; a piece with other characters (a
    source's title in Armenian, a curly quotation mark) is encoded on its own, and a piece that
    comes again (the same source list, cited by many events) is encoded once. Joined with them, a
    run would be widened to two bytes a character and then encoded character by character: a tenth
    of the export's instructions, where one piece in twenty has such a character."""
    plain = list(map(str.isascii, pieces))
    start, end = 0, len(pieces)
    while start < end:
        try:
            other = plain.index(False, start)
        except ValueError:
            other = end
        if other > start:
            into += "\n".join(pieces[start:other]).encode("ascii")
            into += b"\n"
        if other < end:
            piece = pieces[other]
            found = encoded.get(piece)
            if found is None:
                found = (piece + "\n").encode("utf-8")
                if len(encoded) < _ENCODED:
                    encoded[piece] = found
            into += found
        start = other + 1


def _page(timeline: Timeline, rows: Sequence[int] | None, flt: Filter | None) -> bytearray:
    indexes: Iterable[int] = range(len(timeline.events)) if rows is None else rows
    events = [(i, timeline.events[i]) for i in indexes]
    page = _Page(timeline, {e.id for _, e in events})
    days = _days(timeline, events)
    lo, hi = _scale(timeline, days)
    first, last = days or (lo, hi)
    title = _text(timeline.title)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy()}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        GENERATOR,
        f"<title>{title}</title>",
        f"<style>{css_text()}</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#events">Skip to the events</a>',
        '<header class="top">',
        f"<h1>{title}</h1>",
    ]
    for paragraph in split_paragraphs(timeline.description):
        out.append(f'<p class="description">{_text(paragraph)}</p>')
    made = _summary(timeline, len(events), flt)
    # "All 70 events." is not printed when the page's filters show fewer: their count is (page.css)
    out.append(f'<p class="made{" all" if made.startswith("All ") else ""}" id="made">{made}</p>')
    if timeline.timezone:
        out.append(f'<p class="zone">Times are in {_text(timeline.timezone)}.</p>')
    out.append("</header>")
    out.append(_controls(timeline, events, first, last))
    out.append('<nav class="overview" aria-label="Overview">')
    out.append(f'<figure class="strip">{_strip(timeline, events, lo, hi)}')
    out.append(
        "<figcaption>Overview, "
        f"{_text(year_text(from_day_number(lo)[0]))}–{_text(year_text(from_day_number(hi)[0]))}: "
        "eras as bands, bars for how many events, a dot and line for the selected one.</figcaption></figure>"
    )
    ordered = _outline(events)
    headings = _headings(ordered)
    years = [h for n, h in enumerate(headings) if not n or headings[n - 1] != h]
    if years:
        out.append(
            '<p class="years">Years: '
            + " ".join(f'<a href="#y-{n}">{_text(y)}</a>' for n, y in enumerate(years))
            + "</p>"
        )
    out.append("</nav>")
    if timeline.eras:
        # open (without the script, and printed); the script closes it on a phone, so that the
        # events come soon after the filters
        n_eras = len(timeline.eras)
        out.append(
            '<section class="eras" aria-labelledby="eras-h"><h2 id="eras-h">Eras</h2>'
            f'<details id="eras-list" open><summary>{n_eras} {"era" if n_eras == 1 else "eras"}</summary><ul>'
        )
        for n, era in enumerate(timeline.eras):
            about = f": {_text(era.description)}" if era.description else ""
            out.append(
                f'<li><span class="swatch era{n % 2}" aria-hidden="true"></span>'
                f"<b>{_text(era.name)}</b>, {_when(era.when)}{about}</li>"
            )
        out.append("</ul></details></section>")
    out.append('<main id="events" tabindex="-1">')
    page_bytes = bytearray()
    encoded: dict[str, bytes] = {}

    def flush() -> None:
        _encode(out, page_bytes, encoded)
        out.clear()

    flush()
    links = _links(page, [i for i, _ in events])
    put = out.append
    heading: str | None = None
    by_id = timeline.by_id
    n = -1
    in_chunk = 0
    for (i, event), title_of in zip(ordered, headings, strict=True):
        if title_of != heading:
            if heading is not None:
                out.append("</div></section>")
            heading = title_of
            n += 1
            out.append(f'<section class="year" aria-labelledby="y-{n}"><h2 id="y-{n}">{_text(heading)}</h2>')
            out.append('<div class="chunk">')
            in_chunk = 0
        elif in_chunk == CHUNK:
            out.append('</div><div class="chunk">')
            in_chunk = 0
        # (a timeline built by hand may give two events one id: links are to the one by_id has)
        _event(page, event, links[i] if by_id.get(event.id) == i else None, page.anchors[i], put)
        in_chunk += 1
        if len(out) >= _FLUSH:
            flush()
    if heading is not None:
        out.append("</div></section>")
    if not events:
        out.append("<p>No events.</p>")
    out.append("</main>")
    out.append(
        '<footer class="bottom"><p>Exported by timeline-explorer from the timeline as it was; '
        "the page makes no request when opened (source links are plain links).</p></footer>"
    )
    # The data follows the events in the order the page shows them (_outline).
    data = _data(timeline, ordered, lo, hi)
    out.append(f'<script type="application/json" id="data">{_json(data)}</script>')
    out.append(f"<script>{script_text()}</script>")
    out.append("</body>")
    out.append("</html>")
    flush()  # (the page ends with a line break)
    return page_bytes
