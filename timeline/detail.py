"""What an event's detail says, and how its lines wrap: one definition for every reader.

:func:`event_lines` gives the sections and lines of one event (title, when, kind and outcome,
actors, place, tags, id, summary, quotes, accounts, links, sources, the events of the same actors) as
plain :class:`Line` objects made of :class:`Piece` objects, each with its semantic roles
(``"title"``, ``"label"``, ``"date"``, ``"url"``, ``"match"``, …), never styles. The detail pane
(``tui/widgets/detail.py``) gives the roles their styles; ``timeline show ID`` prints the plain
text: a linear reading of one event, for a pipe or a screen reader.

:func:`wrap` breaks the lines to a width, by the same rules for both: at spaces; inside a word
(after a hyphen) only where the word is wider than the line; never inside a date (``2 Aug 216 BC``
stays whole, as far as the width allows); a URL on its own line, indented under its source, whole
wherever it fits and broken only at its own break characters (``/``, ``-``, …) where it does not.
Each wrapped part of a line hangs under the line's value (``When     ...``: under the value, not the
label). Nothing here imports the app or Textual.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate, pairwise

from .matches import match_spans
from .model import Timeline

__all__ = [
    "LABEL_WIDTH",
    "URL_BREAKS",
    "URL_INDENT",
    "Line",
    "Piece",
    "authors_text",
    "cell_width",
    "event_lines",
    "plain_text",
    "wrap",
]

LABEL_WIDTH = 9  #: the labels ("Id", "When", "Kind", …) and the values after them, which wrap under the value
URL_INDENT = 4  #: a source's URL, on a line of its own, under the source
URL_BREAKS = "/-_?&=."  #: a URL wider than the line breaks after one of these
NARROWEST_HANG = 12  #: a wrapped line keeps at least this many cells beside its hanging indent

#: Every role a piece can have (a piece has one or more; the pane styles each).
ROLES = frozenset(
    {
        "title",  # the event's title
        "id",  # the event's id (as the file and the command line write it)
        "label",  # "When", "Kind", …, and a link's wording ("Leads to:")
        "date",  # a date or a span of dates
        "outcome",  # a meeting's outcome; ``ref`` is the outcome ("held", "declined", …)
        "actor",  # an actor's short name; ``ref`` is the actor's id
        "heading",  # "Accounts", "Links", "Sources", "Same actors"
        "quote",  # a quotation
        "speaker",  # who said a quote, or the source an account is from
        "name",  # who gives an account
        "note",  # a link's note
        "muted",  # a date or a wording in the background
        "source",  # a source's title
        "url",  # a source's URL; ``ref`` is the whole URL (also on each part of a broken one)
        "match",  # a word of the search
        "old",  # what a field was before a change (the explorer's --since; see timeline.since)
        "new",  # what it is now
    }
)


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text with its roles; ``ref`` names what the roles point at (an actor, a URL)."""

    text: str
    roles: tuple[str, ...] = ()
    ref: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the detail; ``hang`` is where its wrapped parts start, ``url`` whether the line
    holds a URL alone (after its indent)."""

    pieces: tuple[Piece, ...] = ()
    hang: int = 0
    url: bool = False

    @property
    def plain(self) -> str:
        return "".join(piece.text for piece in self.pieces)


def plain_text(lines: Iterable[Line]) -> str:
    """The lines as text, one a line (each ended by a newline)."""
    return "".join(line.plain + "\n" for line in lines)


def authors_text(authors: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``: the names as the file writes them."""
    if len(authors) <= 1:
        return "".join(authors)
    return f"{', '.join(authors[:-1])} and {authors[-1]}"


def _p(text: str, *roles: str, ref: str = "") -> Piece:
    return Piece(text, roles, ref)


def _labelled(label: str, *value: Piece) -> Line:
    return Line((_p(f"{label:<{LABEL_WIDTH}}", "label"), *value), hang=LABEL_WIDTH)


def event_lines(
    timeline: Timeline, index: int, highlight: str = "", marks: Mapping[str, str] | None = None
) -> list[Line]:
    """What the detail of event ``index`` says, line by line, in reading order.

    ``highlight`` (a search) gives its words the role ``"match"``; ``marks`` puts a mark before
    an outcome (the pane's ``●``, ``✗``…; none in plain text, where the words say it).
    """
    event = timeline.events[index]
    blank = Line()
    lines = [Line((_p(event.title, "title"),)), blank]
    lines.append(_labelled("When", _p(event.when.long(), "date")))
    kind = [_p(event.kind)]
    if event.outcome:
        mark = (marks or {}).get(event.outcome, "")
        wording = f"{mark} {timeline.outcome_text(event)}" if mark else timeline.outcome_text(event)
        kind += [_p(" · "), _p(wording, "outcome", ref=event.outcome)]
    lines.append(_labelled("Kind", *kind))
    actors = [(a, timeline.actors[a]) for a in event.actors if a in timeline.actors]
    if actors:  # optional: an imported timeline's events often name none
        pieces: list[Piece] = []
        for n, (actor_id, actor) in enumerate(actors):
            if n:
                pieces.append(_p(", "))
            pieces += [_p(actor.short, "actor", ref=actor_id), _p(f" {actor.name}")]
        lines.append(_labelled("Actors", *pieces))
    if event.location:
        lines.append(_labelled("Place", _p(event.location)))
    if event.tags:
        lines.append(_labelled("Tags", _p(", ".join(event.tags))))
    # Last of the labelled lines: what a small pane shows first is when, what and who.
    lines.append(_labelled("Id", _p(event.id, "id")))
    for paragraph in event.paragraphs:
        lines += [blank, Line((_p(paragraph),))]
    for quote in event.quotes:
        lines += [blank, Line((_p("“" + quote.text + "”", "quote"),), hang=1)]
        lines.append(Line((_p("    — " + quote.by, "speaker"),), hang=6))
    if event.accounts:
        lines += [blank, Line((_p("Accounts", "heading"),))]
        for account in event.accounts:
            lines.append(Line((_p(" "), _p(timeline.speaker(account), "name")), hang=1))
            lines.append(Line((_p("    " + account.text),), hang=4))
            src = timeline.sources.get(account.source)
            if src is not None:
                lines.append(Line((_p("    — " + src.title, "speaker"),), hang=6))
    links = timeline.links_of(index)
    if links:
        lines += [blank, Line((_p("Links", "heading"),))]
        for link in links:
            linked = timeline.events[link.target]
            wording = link.lead + ": "
            lines.append(
                Line(
                    (
                        _p(" "),
                        _p(wording, "label"),
                        _p(linked.when.display(), "date", "muted"),
                        _p("  " + linked.title),
                    ),
                    hang=1 + len(wording),
                )
            )
            if link.note:
                lines.append(Line((_p("    " + link.note, "note"),), hang=4))
    if event.sources:
        lines += [blank, Line((_p("Sources", "heading"),))]
        for n, source_id in enumerate(event.sources, 1):
            src = timeline.sources.get(source_id)
            if src is None:
                continue
            number = f" {n}. "
            by = [
                _p(text, *roles)
                for text, roles in (
                    (authors_text(src.authors), ()),
                    (src.publisher, ()),
                    (src.date.display() if src.date is not None else "", ("date",)),  # undated: nothing
                )
                if text
            ]
            pieces = [_p(number), _p(src.title, "source")]
            for k, piece in enumerate(by):
                pieces += [_p(" — " if k == 0 else ", "), piece]
            lines.append(Line(tuple(pieces), hang=len(number)))
            if src.url:
                lines.append(Line((_p(" " * URL_INDENT), _p(src.url, "url", ref=src.url)), url=True))
    prev, next_ = timeline.related(index)
    if prev is not None or next_ is not None:
        lines += [blank, Line((_p("Same actors", "heading"),))]
        for arrow, other in (("←", prev), ("→", next_)):
            if other is not None:
                e = timeline.events[other]
                when = _p(e.when.display(), "date", "muted")
                lines.append(Line((_p(f" {arrow} "), when, _p("  " + e.title)), hang=3))
    return mark_matches(lines, highlight) if highlight else lines


def mark_matches(lines: Sequence[Line], query: str) -> list[Line]:
    """``lines`` with the words of the search ``query`` given the role ``"match"`` where they
    stand (found in the whole text, as search finds them: see :func:`timeline.matches.match_spans`)."""
    spans = match_spans(plain_text(lines), query)
    if not spans:
        return list(lines)
    out = []
    at = 0  # where the line starts in the whole text
    for line in lines:
        end = at + len(line.plain)
        local = [(max(s, at) - at, min(e, end) - at) for s, e in spans if s < end and e > at]
        out.append(_with_role(line, local, "match") if local else line)
        at = end + 1
    return out


def _with_role(line: Line, spans: Sequence[tuple[int, int]], role: str) -> Line:
    """``line`` with ``role`` added to the text in ``spans`` (offsets in the line's plain text)."""
    cuts = sorted({c for span in spans for c in span})
    pieces: list[Piece] = []
    at = 0
    for piece in line.pieces:
        start, end = at, at + len(piece.text)
        bounds = [start, *(c for c in cuts if start < c < end), end]
        for a, b in pairwise(bounds):
            text = piece.text[a - start : b - start]
            inside = any(s <= a and b <= e for s, e in spans)
            roles = (*piece.roles, role) if inside else piece.roles
            pieces.append(replace(piece, text=text, roles=roles))
        at = end
    return replace(line, pieces=tuple(pieces))


# -- wrapping ------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def cell_width(ch: str) -> int:
    """The cells one character takes in a terminal: 2 for wide ones, 0 for combining marks."""
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


_MONTH = (
    "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    "Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
#: A date as the model writes it (``2 Aug 216 BC``, ``early July 2023``, ``c. 1991``, ``spring
#: 2023``, ``9th century BC``, ``13 Mar 2023 11:00``), or as a summary often does: its spaces
#: do not break a line, where the width allows.
DATE = re.compile(
    r"\b(?:c\. |about (?:the )?)?(?:(?:early|mid|late) )?"
    rf"(?:(?:\d{{1,2}} )?(?:{_MONTH})(?: \d{{1,4}})?"
    r"|(?:spring|summer|autumn|winter|Q[1-4]) \d{1,4}"
    r"|\d+(?:st|nd|rd|th) (?:century|millennium)"
    r"|AD \d{1,4}"
    r"|\d{1,4}s?)"
    r"(?: BC| AD)?(?: \d{1,2}:\d{2})?\b"
)


def _glued(text: str) -> set[int]:
    """The positions of the spaces inside dates in ``text``, where no line breaks."""
    glue: set[int] = set()
    for found in DATE.finditer(text):
        glue.update(i for i in range(found.start(), found.end()) if text[i] == " ")
    return glue


def _tagged(line: Line) -> set[int]:
    """The positions of the spaces after actors' short names: a tag stays with the name it marks."""
    glue: set[int] = set()
    at = 0
    for piece in line.pieces:
        at += len(piece.text)
        if "actor" in piece.roles and line.plain[at : at + 1] == " ":
            glue.add(at)
    return glue


def wrap(
    lines: Iterable[Line], width: int, cells: Callable[[str], int] = cell_width, *, urls: bool = True
) -> list[Line]:
    """``lines`` wrapped to ``width`` cells (as ``cells`` measures a character), each wrapped part
    hanging under its line's value; see the module's text for the rules. ``urls=False`` leaves a
    URL wider than ``width`` whole on its line (for a terminal, which wraps it itself and keeps it
    one link to click or copy; a pane cannot)."""
    width = max(1, width)
    out: list[Line] = []
    for line in lines:
        text = line.plain
        plain = text.isascii() and text.isprintable()  # the common case: a cell a character
        widths = [1] * len(text) if plain else [cells(ch) for ch in text]
        if sum(widths) <= width:
            out.append(line)
        elif line.url:
            out += _wrap_url(line, width, widths) if urls else [line]
        else:
            out += _wrap_text(line, width, widths)
    return out


def _slice(line: Line, start: int, end: int, pad: int = 0) -> Line:
    """The part ``start:end`` of ``line``'s text, after ``pad`` spaces, with the pieces' roles."""
    pieces = [Piece(" " * pad)] if pad else []
    at = 0
    for piece in line.pieces:
        a, b = max(start, at), min(end, at + len(piece.text))
        if a < b:
            pieces.append(replace(piece, text=piece.text[a - at : b - at]))
        at += len(piece.text)
    return Line(tuple(pieces))


def _wrap_url(line: Line, width: int, widths: list[int]) -> list[Line]:
    text = line.plain
    indent = len(text) - len(text.lstrip(" "))
    url = sum(widths[indent:])
    if url <= width:  # whole, nearer the edge: a URL copied from the screen is the whole URL
        return [_slice(line, indent, len(text), pad=width - url)]
    indent_cells = 0 if width - indent < NARROWEST_HANG else indent
    room = width - indent_cells
    out = []
    start = indent
    while sum(widths[start:]) > room:
        fits = _fitting(widths, start, room)
        cut = max(text.rfind(mark, start, fits - 1) for mark in URL_BREAKS) + 1
        if cut <= start + (fits - start) // 3:
            cut = fits  # no break character far enough along: where it must
        out.append(_slice(line, start, cut, pad=indent_cells))
        start = cut
    out.append(_slice(line, start, len(text), pad=indent_cells))
    return out


def _fitting(widths: Sequence[int], start: int, room: int) -> int:
    """The end of the longest run from ``start`` that fits in ``room`` cells (at least one character)."""
    used, end = 0, start
    while end < len(widths) and used + widths[end] <= room:
        used += widths[end]
        end += 1
    return max(end, start + 1)


def _words(text: str, start: int, end: int, glue: set[int]) -> list[tuple[int, int]]:
    """The words of ``text[start:end]``: runs between the spaces a line may break at."""
    words = []
    i = start
    while i < end:
        if text[i] == " " and i not in glue:
            i += 1
            continue
        j = i
        while j < end and not (text[j] == " " and j not in glue):
            j += 1
        words.append((i, j))
        i = j
    return words


def _parts(text: str, start: int, end: int, fits: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """A word wider than the line, in the parts it may break into: a date at the first of its
    spaces that leaves the rest whole on a line (``c.`` / ``29 Jul 2023``), else at each space;
    else after its hyphens (a URL's break characters, in a URL), else none (one part)."""
    spaces = [i for i in range(start, end) if text[i] == " "]
    for space in spaces:
        if fits(space + 1, end):
            return [(start, space), (space + 1, end)]
    if spaces:
        return _words(text, start, end, set())
    word = text[start:end]
    marks = URL_BREAKS if "://" in word else "-"
    cuts = [start + i + 1 for i, ch in enumerate(word[:-1]) if ch in marks]
    bounds = [start, *cuts, end]
    return list(pairwise(bounds))


def _wrap_text(line: Line, width: int, widths: list[int]) -> list[Line]:
    text = line.plain
    hang = line.hang if width - line.hang >= NARROWEST_HANG else 0
    lead = len(text) - len(text.lstrip(" "))
    pending = _words(text, lead, len(text), _glued(text) | _tagged(line))
    ranges: list[tuple[int, int]] = []  # the lines, as parts of the text
    start, end = 0, 0  # the line being filled (the first keeps the line's own indent)

    def room() -> int:
        return width if not ranges else width - hang

    total = [0, *accumulate(widths)]

    def cells(a: int, b: int) -> int:
        return total[b] - total[a]

    while pending:
        a, b = pending.pop(0)
        filled = end > (start if ranges else lead)  # the line holds a word already
        if cells(start, b) <= room():  # fits on this line
            end = b
            continue
        if not filled and cells(a, b) <= room():  # fits without the line's own indent: so
            start, end = a, b
            continue
        if filled and cells(a, b) <= width - hang:  # fits on a line of its own: there
            ranges.append((start, end))
            start, end = a, b
            continue
        parts = _parts(text, a, b, lambda a, b: cells(a, b) <= width - hang)
        if len(parts) > 1:  # wider than a line: in parts (its spaces, else after its hyphens)
            pending[:0] = parts
            continue
        if filled:  # one part, wider than a line: it starts one
            ranges.append((start, end))
            start = end = a
        cut = _fitting(widths, start, room())  # as much as fits, the rest on the next line
        ranges.append((start, cut))
        start = end = cut
        if cut < b:
            pending.insert(0, (cut, b))
    if end > start:
        ranges.append((start, end))
    return [_slice(line, a, b, pad=hang if n else 0) for n, (a, b) in enumerate(ranges)]
