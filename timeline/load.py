"""Load timeline files: read, validate against the schema, and build a :class:`Timeline`.

Every problem is collected with its place (``FILE:LINE:COL: message``), so a
curator sees all of them at once; loading either returns a whole, valid
timeline or raises :class:`LoadError` with the list.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from . import cache as _cache
from .datemodel import wall_time_problem
from .datenumeric import DATE_ORDERS
from .dates import DateError, FuzzyDate, Span, check_zone, parse_when
from .format import ID_HELP, ID_PATTERN, SECTIONS, URL_PATTERN
from .gcpause import gc_paused
from .model import (
    KINDS,
    LINK_TYPES,
    OUTCOME_KINDS,
    OUTCOMES,
    REQUIRABLE,
    Account,
    Actor,
    Era,
    Event,
    Link,
    NamedView,
    Quote,
    Source,
    Timeline,
)
from .names import did_you_mean, suggest
from .problems import MAX_PROBLEMS, LoadError, Problem
from .sanitize import clean
from .views import tip
from .yamlsrc import (
    DEFAULT_MAX_BYTES,
    NULLS,
    Mapping,
    Node,
    Refused,
    Scalar,
    Sequence,
    compose,
    is_null,
    read_source,
    too_large,
)
from .yamlsrc import where as locate

__all__ = ["DEFAULT_MAX_BYTES", "Loaded", "bundled_path", "load", "load_text"]

_ID = ID_PATTERN
_URL = URL_PATTERN

_KIND_SET = frozenset(KINDS)
_TOP_NOW = frozenset(("actors", "sources", "date-order"))  # top-level keys read as soon as complete


def bundled_path() -> Path:
    """The curated timeline shipped with the package (or beside it, in a checkout)."""
    packaged = resources.files("timeline") / "events.yaml"
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "events.yaml"


#: How YAML 1.2 writes true and false (a plain value; quoted, it is text).
_BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


@dataclass
class _ReadView:
    """A view as read, with the places of the names checked once the timeline is built."""

    view: NamedView
    file: str
    label: str
    #: the actor ids, then the tags, each with its node (in the view's order)
    names: list[tuple[str, Node]]
    at: Node | None


def _check_views(builder: _Builder) -> list[Problem]:
    """The views' actors, tags and events, against every file's: each unknown one at its place,
    with the closest known one."""
    problems = []
    tags = sorted({t for e in builder.events for t in e.tags})
    for item in builder.views:
        view = item.view
        wanted = [("actor", a, list(builder.actors)) for a in view.actors]
        wanted += [("tag", t, tags) for t in view.tags]
        for (what, value, known), (_, node) in zip(wanted, item.names, strict=True):
            if value not in known:
                line, col = locate(node)
                problems.append(
                    Problem(
                        item.file,
                        line,
                        col,
                        f"{item.label}: unknown {what} {value!r}{tip(value, known)}",
                    )
                )
        event = item.view.at
        if event is not None and event not in builder.event_at and item.at is not None:
            line, col = locate(item.at)
            problems.append(
                Problem(
                    item.file,
                    line,
                    col,
                    f"{item.label}: no event has the id {event!r}{tip(event, builder.event_at)}",
                )
            )
    return problems


@dataclass
class Loaded:
    """A loaded timeline and the warnings found on the way."""

    timeline: Timeline
    warnings: list[Problem] = field(default_factory=list)
    #: The parse-cache entry that ``load(..., write_later=True)`` left to write.
    pending_write: Callable[[], object] | None = field(default=None, compare=False, repr=False)

    def write_cache(self) -> None:
        """Write the parse-cache entry left pending, if any (once)."""
        pending, self.pending_write = self.pending_write, None
        if pending is not None:
            pending()


class _TooMany(Exception):
    pass


def _kind_of(node: Node) -> str:
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    return "an empty value" if is_null(node) else f"{node.value!r}"


def _null_hint(node: Node | None) -> str:
    """For a value YAML reads as nothing although something is written (``~``, ``null``)."""
    if node is not None and node.__class__ is Scalar and node.value:
        return f" (YAML reads {node.value!r} as nothing; put it in quotes if it is meant as text)"
    return ""


def _subject(label: str, what: str) -> str:
    return f"{label}: {what}" if label else what


class _Builder:
    """Turns located nodes of one or more files into model objects, collecting problems.

    Each value is read once, by one reader per kind of value; a place is looked up only for a
    message. References to actors and sources declared earlier are settled as they are read;
    the others are kept with their places and checked once every file is read.
    """

    def __init__(self) -> None:
        #: each section's keys, read from the format table when a load begins: (as a set, in order)
        self.allowed = {name: (frozenset(section.names), section.names) for name, section in SECTIONS.items()}
        self.problems: list[Problem] = []
        self.file = ""
        #: no value of the current file holds a character that needs cleaning (SourceText.clean)
        self.checked = False
        self.actors: dict[str, Actor] = {}
        self.actor_at: dict[str, tuple[str, int, object]] = {}
        self.names: dict[str, tuple[str, str, int]] = {}  # casefolded name -> actor id, file, line
        self.sources: dict[str, Source] = {}
        self.source_at: dict[str, tuple[str, int, object]] = {}
        self.events: list[Event] = []
        self.event_at: dict[str, tuple[str, int]] = {}
        # references not settled when read, to check once every file is read: (kind, id, file, line, col)
        self.refs: list[tuple[str, str, str, int, int]] = []
        self.titles: list[str] = []
        self.descriptions: list[str] = []
        # a file could not be read whole: ids it declares may be missing, so references are not checked
        self.broken = False
        self.timezone: str | None = None  # the timeline's IANA zone, and where it was declared
        self.timezone_at = ""
        self.timed = False  # whether any event date has a time of day (then the zone applies)
        self.wall_times: list[tuple[Node, FuzzyDate]] = []  # this file's times without an offset
        self.date_order: str | None = None  # the timeline's date-order, and where it was declared
        self.date_order_at = ""
        self.file_order: str | None = None  # the current file's date-order (its numeric dates)
        self.dated = False  # whether a date of the current file has been read (date-order comes first)
        self.order_checks: list[tuple[int, Node, str]] = []  # (event index, where, label)
        self.eras: list[Era] = []
        #: the named views, each with the places of what is checked once the timeline is built
        self.views: list[_ReadView] = []
        self.require: set[str] = set()  # what every file together insists on
        # per file, what its events lack of the REQUIRABLE fields: (field, line, col, label);
        # checked against the file's own `require:` once its top level is read (after its events)
        self.lacking: list[tuple[str, int, int, str]] = []
        self.file_require: set[str] = set()

    # -- reporting -----------------------------------------------------------
    def error(self, node: Node, message: str) -> None:
        if node.__class__ is Refused:
            return  # the reader has already said why this value was refused
        line, col = locate(node)
        self.problems.append(Problem(self.file, line, col, message))
        self._count()

    def _count(self) -> None:
        """Stop at MAX_PROBLEMS errors in all (the reader's and ours; warnings do not count)."""
        problems = self.problems
        if len(problems) >= MAX_PROBLEMS and sum(1 for p in problems if not p.warning) >= MAX_PROBLEMS:
            raise _TooMany

    def warn(self, node: Node, message: str) -> None:
        line, col = locate(node)
        self.problems.append(Problem(self.file, line, col, message, warning=True))

    # -- typed readers -----------------------------------------------------
    def keys(self, node: Mapping, section: str, what: str) -> Mapping:
        """``node`` itself when all its keys are the format table's for ``section``; else reports
        the others and leaves them out."""
        allowed, order = self.allowed[section]
        if allowed.issuperset(node):
            return node
        out = Mapping.at(node.start_mark)
        for key, value in node.pairs():
            name = key.value or ""
            if name not in allowed:
                tip = did_you_mean(suggest(name, order, n=1)) or f"allowed: {', '.join(order)}"
                tip = f"; {tip}"
                self.error(key, f"unknown key {name!r} in {what}{tip}")
                continue
            out[name] = value
            out.key_events.append(key)
        return out

    def text(
        self, node: Node | None, where: Node, what: str, label: str = "", *, required: bool = True
    ) -> str:
        """A text value, stripped; "" (and a problem if ``required``) when it is missing or not text."""
        if node.__class__ is Scalar and self.checked:  # the usual case, first
            value: str = node.value.strip()
            if value and node.value not in NULLS:
                return value
        return self._text(node, where, what, label, required)

    def _text(self, node: Node | None, where: Node, what: str, label: str, required: bool) -> str:
        if node.__class__ is not Scalar:
            if node is None:
                if required:
                    self.error(where, f"{_subject(label, what)} is missing")
                return ""
            if node.__class__ is not Refused:
                self.error(
                    node,
                    f"{_subject(label, what)} must be text, not {_kind_of(node)}; "
                    "if this is text, put the whole value in quotes",
                )
            return ""
        value: str = node.value
        if value in NULLS and not node.style and node.tag is None:
            if required:
                self.error(node, f"{_subject(label, what)} is missing" + _null_hint(node))
            return ""
        if not self.checked:
            value, bad = clean(value)
            if bad:
                self.warn(
                    node,
                    f"{_subject(label, what)} holds control or bidi characters ({', '.join(bad)}); "
                    "shown as \N{REPLACEMENT CHARACTER}",
                )
        value = value.strip()
        if required and not value:
            self.error(node, f"{_subject(label, what)} is empty")
        return value

    def line_text(
        self, node: Node | None, where: Node, what: str, label: str = "", *, required: bool = True
    ) -> str:
        """One line of text, its runs of spaces made one."""
        if node.__class__ is Scalar and self.checked:  # the usual case, first
            raw: str = node.value
            value = raw.strip()
            if value and "\n" not in value and raw not in NULLS:
                return " ".join(value.split())
        value = self.text(node, where, what, label, required=required)
        if "\n" in value:
            assert node is not None
            self.error(node, f"{_subject(label, what)} must be one line")
        return " ".join(value.split())

    def choice(
        self, node: Node | None, where: Node, what: str, label: str = "", *, required: bool = True
    ) -> str:
        """A value from a closed list (a kind, an outcome, a link type): read as written, spaces
        and all, so that ' meeting ' is no kind (the schema's lists say the same)."""
        value = self.text(node, where, what, label, required=required)
        if node.__class__ is Scalar and node.value != value and not is_null(node):
            return node.value
        return value

    def ident(self, node: Node | None, where: Node, what: str, label: str = "") -> str:
        value = self.text(node, where, what, label)
        if value and not _ID.match(value):
            assert node is not None
            self.error(node, f"{_subject(label, what)} {value!r} is not a valid id: use {ID_HELP}")
        return value

    def text_list(
        self, node: Node | None, where: Node, what: str, label: str = "", *, required: bool = False
    ) -> list[tuple[str, Node]]:
        """A list of one-line texts, each with its node; items that are not are reported and left out."""
        if node.__class__ is not Sequence:
            if node is None or is_null(node):
                if required:
                    self.error(node or where, f"{_subject(label, what)} is missing (a list, e.g. [a, b])")
                return []
            if node.__class__ is Refused:
                return []
            example = " ".join(clean(node.value)[0].split()) if node.__class__ is Scalar else ""
            example = example if 0 < len(example) < 40 else "a, b"
            self.error(node, f"{_subject(label, what)} must be a list, e.g. [{example}]")
            return []
        out: list[tuple[str, Node]] = []
        item_what = f"an item of {_subject(label, what)}"
        for item in node:
            value = self.line_text(item, item, item_what)
            if value and item.__class__ is Scalar:
                out.append((value, item))
        if required and not out and not node:
            self.error(node, f"{_subject(label, what)} is empty")
        return out

    def id_list(
        self, node: Node | None, where: Node, what: str, label: str, kind: str, known: Collection[str]
    ) -> tuple[str, ...]:
        """A list of references to ids of ``kind`` (each once, in order); those not in ``known``
        yet are kept with their places, to check once every file is read."""
        found = self.text_list(node, where, what, label)
        for value, at in found:
            if value not in known:
                self.ref(kind, value, at, known)
        return _unique(found)

    def date(
        self, node: Node | None, where: Node, what: str, label: str = "", *, required: bool = True
    ) -> FuzzyDate | None:
        when = self.when(node, where, what, label, required=required)
        if when is None:
            return None
        if when.end is not None:
            assert node is not None
            self.error(node, f"{_subject(label, what)} must be one date, not a range ({when.display()})")
            return None
        return when.start

    def when(
        self, node: Node | None, where: Node, what: str, label: str = "", *, required: bool = True
    ) -> Span | None:
        """A date, or a range written in one value (``27 Sep – 10 Nov 2020``)."""
        if node.__class__ is Scalar and node.value not in NULLS:
            pass  # the usual case
        elif node is None or is_null(node):
            if required:
                self.error(node or where, f"{_subject(label, what)} is missing")
            return None
        if node.__class__ is not Scalar:
            if node.__class__ is not Refused:
                self.error(
                    node, f"{_subject(label, what)} must be a date such as 2023-07-05, not {_kind_of(node)}"
                )
            return None
        self.dated = True
        try:
            order = self.file_order
            when = parse_when(node.value) if order is None else parse_when(node.value, order)
        except DateError as exc:
            from .datesuggest import teach  # (only for a refusal: it is not needed otherwise)

            self.error(node, teach(str(exc), node.value, self.file_order))
            return None
        if when.start.timed or (when.end is not None and when.end.timed):
            self.timed = True
            for side in (when.start, when.end):
                if side is not None and side.hour is not None and side.offset is None:
                    self.wall_times.append((node, side))  # checked against the zone, once known
        return when

    def ref(self, kind: str, value: str, node: Node, known: Collection[str]) -> None:
        """A reference to an id: settled now if ``known`` has it, else kept to check at the end."""
        if value in known or node.__class__ is Refused:
            return
        line, col = locate(node)
        self.refs.append((kind, value, self.file, line, col))

    # -- sections ------------------------------------------------------------
    def file_root(self, root: Node) -> Mapping | None:
        if not isinstance(root, Mapping):
            if root.__class__ is Refused:
                self.broken = True
            self.error(
                root,
                "a timeline file must be a mapping with title, actors, sources and events, "
                f"not {_kind_of(root)}",
            )
            return None
        return self.keys(root, "timeline", "the timeline")

    def top_now(self, key: str, value: Node) -> None:
        """A top-level section, as soon as it is complete: actors and sources are read here (the
        rest once the file is read), so that the events after them find their ids declared."""
        if key not in _TOP_NOW:
            return
        if key == "date-order":
            self.read_date_order(value)
            return
        mapping = self.section(value, key)
        if mapping is None:
            return
        reader = self.actor if key == "actors" else self.source
        for k, v in mapping.pairs():
            reader(k, v)

    def top(self, root: Mapping, top: Mapping) -> None:
        title = self.line_text(top.get("title"), root, "the timeline's title")
        if title:
            self.titles.append(title)
        description = self.text(top.get("description"), root, "the description", required=False)
        if description:
            self.descriptions.append(description)
        zone_node = top.get("timezone")
        zone = self.line_text(zone_node, root, "the timezone", required=False)
        if zone and zone_node is not None:
            try:
                check_zone(zone)
            except DateError as exc:
                self.error(zone_node, str(exc))
            else:
                if self.timezone is not None and zone != self.timezone:
                    self.error(
                        zone_node,
                        f"timezone {zone!r} differs from {self.timezone!r} declared in {self.timezone_at}; "
                        "the files of one timeline share one timezone",
                    )
                else:
                    self.timezone, self.timezone_at = zone, self.file
        self.read_require(top.get("require"), root)
        self.read_eras(top.get("eras"), root)
        self.read_views(top.get("views"))

    def read_date_order(self, node: Node) -> None:
        """``date-order:``, read as soon as it is complete: it applies to the file's dates after it."""
        value = self.choice(node, node, "the date-order", required=False)
        if not value:
            return
        if value not in DATE_ORDERS:
            tip = did_you_mean(suggest(value.replace("_", "-"), DATE_ORDERS, n=1))
            tip = f"; {tip}" if tip else ""
            self.error(node, f"date-order {value!r} is not one of: {', '.join(DATE_ORDERS)}{tip}")
        elif self.dated:
            self.error(
                node,
                "date-order comes after a date of this file: write it before the file's first date "
                "(at the top), so that it applies to every date of the file",
            )
        elif self.date_order is not None and value != self.date_order:
            self.error(
                node,
                f"date-order {value!r} differs from {self.date_order!r} declared in {self.date_order_at}; "
                "the files of one timeline share one date-order",
            )
        else:
            self.file_order = self.date_order = value
            self.date_order_at = self.file

    def section(self, node: Node, what: str) -> Mapping | None:
        """The ``actors`` or ``sources`` mapping; when it is unusable, references are not checked."""
        if isinstance(node, Mapping):
            return node
        if is_null(node):
            return None  # none declared (optional): references to it are reported
        self.error(node, f"{what!r} must be a mapping of id → {what[:-1]}")
        self.broken = True
        return None

    def declared_again(
        self, kind: str, key: Node, ident: str, node: Node, seen: dict[str, tuple[str, int, object]]
    ) -> bool:
        """Whether id ``ident`` (written at ``key``) was declared before; an identical declaration
        in another file is fine."""
        shape = _shape(node)
        if ident in seen:
            file, first_line, first_shape = seen[ident]
            if file == self.file:  # (written apart: a key repeated to the letter is dropped by the reader)
                self.error(key, f"{kind} id {ident!r} is declared twice (first on line {first_line})")
                return True
            if shape != first_shape:
                self.error(
                    key,
                    f"{kind} id {ident!r} is declared differently in {file}:{first_line}; "
                    "declare it once, or identically in every file",
                )
            return True
        seen[ident] = (self.file, locate(key)[0], shape)
        return False

    def actor(self, key: Scalar | Refused, node: Node) -> None:
        actor_id = self.ident(key, key, "actor id")
        if not actor_id or self.declared_again("actor", key, actor_id, node, self.actor_at):
            return
        if not isinstance(node, Mapping):
            self.error(node, f"actor {actor_id!r} must be a mapping with at least a name")
            return
        label = f"actor {actor_id!r}"
        fields = self.keys(node, "actor", label)
        name = self.line_text(fields.get("name"), node, "name", label)
        short = self.line_text(fields.get("short"), node, "short tag", label, required=False)
        limit = SECTIONS["actor"]["short"].max_length
        if len(short) > limit:
            self.error(fields["short"], f"{label}: short tag {short!r} is longer than {limit} characters")
        aliases = self.text_list(fields.get("aliases"), node, "aliases", label)
        description = self.text(fields.get("description"), node, "the description", required=False)
        if not short:
            short = _default_short(name or actor_id)
        for value, at in [(actor_id, key), (name, fields.get("name") or key), *aliases]:
            if not value:
                continue
            folded = " ".join(value.split()).casefold()
            other = self.names.get(folded)
            if other and other[0] != actor_id:
                self.error(
                    at,
                    f"name {value!r} of actor {actor_id!r} already names actor {other[0]!r} "
                    f"(line {other[2]}); every name must point at one actor",
                )
            elif not other:
                self.names[folded] = (actor_id, self.file, locate(at)[0])
        self.actors[actor_id] = Actor(
            actor_id, name or actor_id, short, tuple(a for a, _ in aliases), description
        )

    def source(self, key: Scalar | Refused, node: Node) -> None:
        source_id = self.ident(key, key, "source id")
        if not source_id or self.declared_again("source", key, source_id, node, self.source_at):
            return
        if not isinstance(node, Mapping):
            self.error(node, f"source {source_id!r} must be a mapping with title, publisher, url")
            return
        label = f"source {source_id!r}"
        fields = self.keys(node, "source", label)
        title = self.line_text(fields.get("title"), node, "title", label)
        publisher = self.line_text(fields.get("publisher"), node, "publisher", label)
        authors = self.text_list(fields.get("authors"), node, "authors", label)
        date = self.date(fields.get("date"), node, "date", label, required=False)  # None: undated
        url = self.line_text(fields.get("url"), node, "url", label)
        if url and not _URL.match(url):
            self.error(fields["url"], f"{label}: url {url!r} must be an http:// or https:// address")
            url = ""
        self.sources[source_id] = Source(source_id, title, publisher, date, url, tuple(a for a, _ in authors))

    def event(self, node: Node) -> None:
        if not isinstance(node, Mapping):
            self.error(node, f"an event must be a mapping (id, date, title, ...), not {_kind_of(node)}")
            return
        fields = self.keys(node, "event", "the event")
        get = fields.get
        id_node = get("id")
        event_id = self.ident(id_node, node, "the event's id")
        label = f"event {event_id!r}" if event_id else "the event"
        line = node.start_mark.line + 1 if node.start_mark is not None else 1
        if event_id:
            assert id_node is not None
            first = self.event_at.get(event_id)
            if first is not None:
                file, first_line = first
                again = locate(id_node)[0]
                place = f"line {first_line}" if file == self.file else f"{file}:{first_line}"
                self.error(
                    id_node, f"event id {event_id!r} is used twice (first at {place}, again at line {again})"
                )
            else:
                self.event_at[event_id] = (self.file, locate(id_node)[0])
        date_node = get("date")
        when = self.when(date_node, node, "date", label)
        start, end = (when.start, when.end) if when else (None, None)
        end_node = end_at = get("end")
        if end_node is not None and end is not None and not is_null(end_node):
            self.error(
                end_node,
                f"{label} has a range in date ({when.display() if when else ''}) and an end: "
                "write the range in date, or the start in date and the end in end",
            )
            end = None
        elif end is not None:
            end_at = date_node  # the range in date (its order is checked when read)
        elif when is not None and end_node is not None:
            end = self.date(end_node, node, "end", label, required=False)
        order_at = None  # an order that depends on the timeline's zone is checked once it is known
        if start and end and end_at is not None:
            if (start.offset is None) != (end.offset is None):  # see dates.zone_dependent
                order_at = end_at
            elif end.last_tick < start.first_tick:
                self.error(end_at, f"{label} ends ({end.display()}) before it starts ({start.display()})")
                end = None
        title = self.line_text(get("title"), node, "title", label)
        kind_node = get("kind")
        kind = self.choice(kind_node, node, "kind", label)
        if kind and kind not in _KIND_SET:
            tip = did_you_mean(suggest(kind, KINDS, n=1))
            tip = f"{tip} " if tip else ""
            self.error(
                kind_node,  # type: ignore[arg-type]
                f"{label}: kind {kind!r} is not one of the kinds; {tip}kinds: {', '.join(KINDS)}",
            )
        outcome_node = get("outcome")
        outcome = None
        if outcome_node is not None:
            outcome = self.choice(outcome_node, node, "outcome", label, required=False) or None
            if outcome and outcome not in OUTCOMES:
                self.error(outcome_node, f"{label}: outcome {outcome!r} is not one of: {', '.join(OUTCOMES)}")
        if kind in OUTCOME_KINDS and not outcome:
            self.error(
                outcome_node or node, f"{label} is a {kind} and needs an outcome ({', '.join(OUTCOMES)})"
            )
        elif outcome and kind in _KIND_SET and kind not in OUTCOME_KINDS:  # (an unknown kind: said above)
            assert outcome_node is not None
            self.error(outcome_node, f"{label} is a {kind}; only meetings and proposals have an outcome")
        declined_node = get("declined_by")
        declined = (
            self.id_list(declined_node, node, "declined_by", label, "actor", self.actor_at)
            if declined_node is not None
            else ()
        )
        if declined and outcome != "declined":
            self.error(declined_node, f"{label} has declined_by but its outcome is not 'declined'")  # type: ignore[arg-type]
        elif (
            outcome == "declined"
            and kind in OUTCOME_KINDS
            and not declined
            and (is_null(declined_node) or (isinstance(declined_node, Sequence) and not declined_node))
        ):
            self.error(
                declined_node if isinstance(declined_node, Sequence) else outcome_node,  # type: ignore[arg-type]
                f"{label} was declined: say who declined it in declined_by "
                "(actor ids, e.g. declined_by: [a])",
            )
        actors_node = get("actors")
        actors = self.id_list(actors_node, node, "actors", label, "actor", self.actor_at)
        if not actors:
            self.lacking_field("actors", actors_node, node, label)
        location_node = get("location")
        location = (
            self.line_text(location_node, node, "location", label, required=False)
            if location_node is not None
            else ""
        )
        tags_node = get("tags")
        tags: tuple[str, ...] = ()
        if tags_node is not None:
            found = self.text_list(tags_node, node, "tags", label)
            for tag, at in found:
                if not _ID.match(tag):
                    self.error(at, f"tag {tag!r} is not valid: use {ID_HELP}")
            tags = _unique(found)
        summary = self.text(get("summary"), node, "summary", label)
        quotes_node = get("quotes")
        quotes = self.quotes(quotes_node, node, label) if quotes_node is not None else ()
        sources_node = get("sources")
        sources = self.id_list(sources_node, node, "sources", label, "source", self.source_at)
        if not sources:
            self.lacking_field("sources", sources_node, node, label)
        links_node = get("links")
        links = self.links(links_node, node, label, event_id) if links_node is not None else ()
        accounts_node = get("accounts")
        accounts = self.accounts(accounts_node, node, label) if accounts_node is not None else ()
        if not (event_id and start and title and kind and summary):
            return
        self.events.append(
            Event(
                id=event_id,
                when=when if when is not None and end is when.end else Span(start, end),
                title=title,
                kind=kind,
                actors=actors,
                summary=summary,
                sources=sources,
                outcome=outcome,
                declined_by=declined,
                location=location,
                tags=tags,
                quotes=tuple(quotes),
                file=self.file,
                line=line,
                links=tuple(links),
                accounts=tuple(accounts),
            )
        )
        if order_at is not None:
            self.order_checks.append((len(self.events) - 1, order_at, label))

    def quotes(self, node: Node, where: Node, label: str) -> list[Quote]:
        if is_null(node) or node.__class__ is Refused:
            return []
        if not isinstance(node, Sequence):
            self.error(node, f"{label}: quotes must be a list of mappings with text and by")
            return []
        out = []
        for item in node:
            if not isinstance(item, Mapping):
                self.error(item, "a quote must be a mapping with text and by")
                continue
            fields = self.keys(item, "quote", "a quote")
            text = self.text(fields.get("text"), item, "the quote's text")
            by = self.line_text(fields.get("by"), item, "the quote's 'by' (who said it)")
            actor_node, source_node = fields.get("actor"), fields.get("source")
            actor = source = None
            if actor_node is not None:
                actor = self.text(actor_node, item, "the quote's actor", required=False) or None
                if actor:
                    self.ref("actor", actor, actor_node, self.actor_at)
            if source_node is not None:
                source = self.text(source_node, item, "the quote's source", required=False) or None
                if source:
                    self.ref("source", source, source_node, self.source_at)
            if text and by:
                out.append(Quote(" ".join(text.split()), by, actor, source))
        return out

    def lacking_field(self, field: str, node: Node | None, where: Node, label: str) -> None:
        """Note that the event at ``where`` lacks ``field`` (an error if its file's ``require:`` lists it)."""
        at = node if node is not None and not is_null(node) else where
        if at.__class__ is Refused:
            return
        line, col = locate(at)
        self.lacking.append((field, line, col, label))

    def read_require(self, node: Node | None, root: Node) -> None:
        """The top-level ``require:`` list: which per-event fields this file's events must all have."""
        self.file_require = set()
        for value, at in self.text_list(node, root, "require"):
            value = self.choice(at, at, "an item of require")
            if value in REQUIRABLE:
                self.file_require.add(value)
                continue
            tip = did_you_mean(suggest(value, REQUIRABLE, n=1))
            tip = f"{tip} " if tip else ""
            self.error(
                at,
                f"require: {value!r} is not a field a timeline can require; {tip}"
                f"it can require: {', '.join(REQUIRABLE)}",
            )
        self.require |= self.file_require

    def check_lacking(self) -> None:
        """Report this file's events lacking a field its ``require:`` setting lists (read after them)."""
        for name, line, col, label in self.lacking:
            if name in self.file_require:
                self.problems.append(
                    Problem(
                        self.file,
                        line,
                        col,
                        f"{label}: {name} is missing (this timeline's 'require:' setting lists {name}; "
                        f"give it a list, e.g. {name}: [a, b])",
                    )
                )
                self._count()
        self.lacking = []
        self.file_require = set()

    def read_eras(self, node: Node | None, root: Node) -> None:
        """The top-level ``eras:`` list of named periods."""
        if node is None or is_null(node) or node.__class__ is Refused:
            return
        if not isinstance(node, Sequence):
            self.error(node, "eras must be a list of mappings with name, start and end")
            return
        for item in node:
            if not isinstance(item, Mapping):
                self.error(item, f"an era must be a mapping with name, start and end, not {_kind_of(item)}")
                continue
            fields = self.keys(item, "era", "an era")
            name = self.line_text(fields.get("name"), item, "the era's name")
            label = f"era {name!r}" if name else "the era"
            start = self.date(fields.get("start"), item, "start", label)
            end = self.date(fields.get("end"), item, "end", label)
            description = self.text(fields.get("description"), item, "description", label, required=False)
            if start and end and end.sort_key[1] < start.sort_key[0]:
                self.error(
                    fields["end"], f"{label} ends ({end.display()}) before it starts ({start.display()})"
                )
                continue
            if name and start and end:
                self.eras.append(Era(name, start, end, description))

    def read_views(self, node: Node | None) -> None:
        """The top-level ``views:`` list: each a name and the command line's filters (see
        :mod:`.views`). Names are checked here; the actors, tags and event they name, once the
        whole timeline is read (:func:`_check_views`)."""
        if node is None or is_null(node) or node.__class__ is Refused:
            return
        if not isinstance(node, Sequence):
            self.error(node, "views must be a list of mappings, each with a name and filters")
            return
        for item in node:
            if not isinstance(item, Mapping):
                self.error(item, f"a view must be a mapping with a name and filters, not {_kind_of(item)}")
                continue
            fields = self.keys(item, "view", "a view")
            name_node = fields.get("name")
            name = self.ident(name_node, item, "the view's name")
            label = f"view {name!r}" if name else "the view"
            if name and any(v.view.name == name for v in self.views):
                assert name_node is not None
                self.error(name_node, f"{label} is named twice: a view's name is unique in the timeline")
                continue
            actors = self.text_list(fields.get("actors"), item, "actors", label)
            for value, at in actors:
                if not _ID.match(value):
                    self.error(at, f"{label}: actor {value!r} is not a valid id: use {ID_HELP}")
            tags = self.text_list(fields.get("tags"), item, "tags", label)
            kinds = self._choices(fields.get("kinds"), item, "kinds", label, KINDS)
            outcomes = self._choices(fields.get("outcomes"), item, "outcomes", label, tuple(OUTCOMES))
            match = self.choice(fields.get("match"), item, "match", label, required=False) or "any"
            if match not in ("any", "all"):
                self.error(fields["match"], f"{label}: match {match!r} is not one of: any, all")
            lo = self.date(fields.get("from"), item, "from", label, required=False)
            hi = self.date(fields.get("to"), item, "to", label, required=False)
            if lo is not None and hi is not None and lo.first_tick > hi.last_tick:
                self.error(fields["to"], f"{label}: from ({lo.display()}) is after to ({hi.display()})")
            at_node = fields.get("at")
            event = self.text(at_node, item, "at", label, required=False)
            if event and not _ID.match(event):
                assert at_node is not None
                self.error(at_node, f"{label}: at {event!r} is not a valid id: use {ID_HELP}")
                event = ""
            lanes = self.flag(fields.get("lanes"), label, "lanes")
            if not name:
                continue
            view = NamedView(
                name,
                description=self.line_text(
                    fields.get("description"), item, "description", label, required=False
                ),
                actors=tuple(a for a, _ in actors),
                match="all" if match == "all" else "any",
                tags=tuple(t for t, _ in tags),
                kinds=kinds,
                outcomes=outcomes,
                date_from=lo,
                date_to=hi,
                search=self.line_text(fields.get("search"), item, "search", label, required=False),
                at=event or None,
                lanes=lanes,
            )
            self.views.append(_ReadView(view, self.file, label, [*actors, *tags], at_node if event else None))

    def _choices(
        self, node: Node | None, where: Node, what: str, label: str, choices: tuple[str, ...]
    ) -> tuple[str, ...]:
        """A list of values from a closed list (a view's kinds or outcomes), those outside it reported."""
        out = []
        for value, at in self.text_list(node, where, what, label):
            value = self.choice(at, at, f"an item of {what}", label)
            if value in choices:
                out.append(value)
            else:
                said = tip(value, choices) or f"; one of: {', '.join(choices)}"
                self.error(at, f"{label}: {what[:-1]} {value!r} is not known{said}")
        return tuple(out)

    def flag(self, node: Node | None, label: str, what: str) -> bool:
        """``true`` or ``false``, written plain (not quoted: YAML reads a quoted one as text)."""
        if node is None or is_null(node) or node.__class__ is Refused:
            return False
        said = _kind_of(node)
        if isinstance(node, Scalar) and node.value in _BOOLEANS:
            if not node.style:
                return _BOOLEANS[node.value]
            said = f"{node.value!r} in quotes (text)"
        self.error(node, f"{label}: {what} must be true or false, not {said}")
        return False

    def links(self, node: Node, where: Node, label: str, event_id: str) -> list[Link]:
        """An event's ``links:``: each to another event, of one of :data:`LINK_TYPES`, once."""
        if is_null(node) or node.__class__ is Refused:
            return []
        if not isinstance(node, Sequence):
            self.error(node, f"{label}: links must be a list of mappings with to and type")
            return []
        out: list[Link] = []
        seen: dict[tuple[str, str], Node] = {}
        for item in node:
            if not isinstance(item, Mapping):
                self.error(item, f"{label}: a link must be a mapping with to and type, not {_kind_of(item)}")
                continue
            fields = self.keys(item, "link", "a link")
            to_node = fields.get("to")
            to = self.ident(to_node, item, "a link's 'to' (the event it points at)", label)
            kind_node = fields.get("type")
            kind = self.choice(kind_node, item, "a link's type", label)
            note_node = fields.get("note")
            note = (
                ""
                if note_node is None
                else self.line_text(note_node, item, "a link's note", label, required=False)
            )
            if kind and kind not in LINK_TYPES:
                tip = did_you_mean(suggest(kind, LINK_TYPES, n=1))
                tip = f"{tip} " if tip else ""
                self.error(
                    kind_node,  # type: ignore[arg-type]
                    f"{label}: link type {kind!r} is not one of the types; {tip}"
                    f"types: {', '.join(LINK_TYPES)}",
                )
                kind = ""
            if not (to and kind and to_node.__class__ is Scalar and _ID.match(to)):
                continue
            assert to_node is not None
            if to == event_id:
                self.error(to_node, f"{label} links to itself; a link points at another event")
                continue
            if (to, kind) in seen:
                self.error(
                    to_node,
                    f"{label}: link {kind} {to!r} is given twice (first on line {locate(seen[to, kind])[0]})",
                )
                continue
            seen[to, kind] = to_node
            self.ref("event", to, to_node, self.event_at)
            out.append(Link(to, kind, note))
        return out

    def accounts(self, node: Node, where: Node, label: str) -> list[Account]:
        """An event's ``accounts:``: each side's version, with who gives it and its source."""
        if is_null(node) or node.__class__ is Refused:
            return []
        if not isinstance(node, Sequence):
            self.error(
                node, f"{label}: accounts must be a list of mappings with by or actor, text and source"
            )
            return []
        out = []
        for item in node:
            if not isinstance(item, Mapping):
                self.error(
                    item,
                    f"{label}: an account must be a mapping with by or actor, text and source, "
                    f"not {_kind_of(item)}",
                )
                continue
            fields = self.keys(item, "account", "an account")
            before = len(self.problems)
            by_node, actor_node, source_node = fields.get("by"), fields.get("actor"), fields.get("source")
            by = (
                ""
                if by_node is None
                else self.line_text(by_node, item, "an account's 'by' (who gives it)", label, required=False)
            )
            actor = (
                ""
                if actor_node is None
                else self.text(actor_node, item, "an account's actor", label, required=False)
            )
            said = len(self.problems) > before  # a 'by' or 'actor' that is not text: already reported
            text = self.text(fields.get("text"), item, "an account's text", label)
            source = self.text(source_node, item, "an account's source", label)
            if not by and not actor and not said:
                self.error(
                    item, f"{label}: an account needs 'by' (who gives it) or 'actor' (an actor id), or both"
                )
            if actor:
                self.ref("actor", actor, actor_node, self.actor_at)  # type: ignore[arg-type]
            if source:
                self.ref("source", source, source_node, self.source_at)  # type: ignore[arg-type]
            if text and source and (by or actor):
                out.append(Account(" ".join(text.split()), by, actor or None, source))
        return out

    def check_refs(self) -> None:
        if self.broken:
            return
        known: dict[str, Collection[str]] = {
            "actor": self.actor_at,
            "source": self.source_at,
            "event": self.event_at,  # link targets
        }
        for kind, value, file, line, col in self.refs:
            table = known[kind]
            if value in table:
                continue
            if kind == "actor" and (folded := " ".join(value.split()).casefold()) in self.names:
                actor_id = self.names[folded][0]
                msg = f"unknown actor id {value!r}: write the actor's id {actor_id!r}"
            else:
                tip = did_you_mean(suggest(value, table, n=1))
                tip = f"; {tip}" if tip else ""
                msg = f"unknown {kind} id {value!r}{tip}"
                if kind == "event":
                    msg = f"link to an {msg}"
            self.problems.append(Problem(file, line, col, msg))


def _shape(node: Node) -> object:
    """A node's content without its positions, to compare two declarations."""
    if isinstance(node, Mapping):
        return tuple(sorted((k, repr(_shape(v))) for k, v in node.items()))
    if isinstance(node, Sequence):
        return tuple(_shape(item) for item in node)
    return node.value


def _unique(values: list[tuple[str, Node]]) -> tuple[str, ...]:
    if len(values) < 2:
        return (values[0][0],) if values else ()
    return tuple(dict.fromkeys(v for v, _ in values))


def _default_short(name: str) -> str:
    words = [w for w in re.split(r"[\s\-–]+", name) if w]
    if len(words) > 1:
        return "".join(w[0] for w in words)[:4].upper()
    return name[:6]


#: With a progress callback, it is called after every this many events (and at the end of each file).
PROGRESS_EVERY = 1000


def _load_one(
    builder: _Builder, name: str, data: bytes, max_bytes: int, report: Callable[[int], None] | None = None
) -> None:
    builder.file = name
    builder.file_order, builder.dated = None, False
    builder.lacking = []
    builder.order_checks.clear()  # (a file before that stopped early may have left some)
    src = read_source(name, data, builder.problems, max_bytes=max_bytes)
    if src is None:
        builder.broken = True
        return
    seen_events = 0
    first_event = len(builder.events)
    builder.checked = src.clean

    def on_event(node: Node) -> None:
        nonlocal seen_events
        seen_events += 1
        builder.event(node)
        if report is not None and seen_events % PROGRESS_EVERY == 0:
            report(locate(node)[0])  # how far into the file the parser is

    root = compose(src, builder.problems, stream_key="events", on_item=on_event, on_top=builder.top_now)
    if root is None:
        builder.broken = True
        return
    top = builder.file_root(root)
    if top is None:
        return
    assert isinstance(root, Mapping)
    first_era = len(builder.eras)
    builder.top(root, top)
    builder.check_lacking()
    if builder.timed and builder.timezone is not None and builder.timezone_at == name:
        # Times in this file are in its timezone (known only once the whole file is read).
        zone, built = builder.timezone, builder.events
        for node, side in builder.wall_times:  # a time the clocks skipped, or showed twice
            problem = wall_time_problem(side, zone)
            if problem:
                builder.error(
                    node, f"{problem} (date {node.value!r})" if isinstance(node, Scalar) else problem
                )
        for i in range(first_event, len(built)):
            when = built[i].when.in_zone(zone)
            if when is not built[i].when:
                built[i] = dataclasses.replace(built[i], when=when)
        for i in range(first_era, len(builder.eras)):
            era = builder.eras[i]
            builder.eras[i] = dataclasses.replace(
                era, start=era.start.in_zone(zone), end=era.end.in_zone(zone)
            )
    builder.wall_times.clear()  # (the next file's times are in the next file's zone)
    for i, at, label in builder.order_checks:
        when = builder.events[i].when
        if when.end is not None and when.end.last_tick < when.start.first_tick:
            s, e = when.start.display(), when.end.display()
            builder.error(at, f"{label} ends ({e}) before it starts ({s})")
    builder.order_checks.clear()
    events = top.get("events")
    if events is None:
        builder.error(root, "the timeline has no 'events' list")
    elif not isinstance(events, Sequence) and not is_null(events):
        builder.error(events, "'events' must be a list of events")
    elif not seen_events:
        builder.error(events, "'events' is empty: a timeline needs at least one event")


def _load_all(
    builder: _Builder,
    files: Iterable[tuple[str, bytes]],
    names: list[str],
    max_bytes: int,
    progress: Callable[[float], None] | None,
) -> None:
    """Read ``files`` into ``builder``, noting their names in ``names``; see :func:`load_text`."""
    if progress is not None:
        files = list(files)
        total, done = max(1, sum(len(data) for _, data in files)), 0
    for name, data in files:
        names.append(name)
        report = None
        if progress is not None:
            lines = data.count(b"\n") + 1

            def report(line: int, size: int = len(data), lines: int = lines, done: int = done) -> None:
                progress(min(1.0, (done + size * line / lines) / total))

        _load_one(builder, name, data, max_bytes, report)
        if progress is not None:
            done += len(data)
            progress(done / total)
    builder.check_refs()


def _build(
    files: list[tuple[str, bytes]], max_bytes: int, progress: Callable[[float], None] | None
) -> tuple[_Builder, list[str]]:
    """A builder holding what ``files`` declare, and the files' names; see :func:`load_text`."""
    builder = _Builder()
    names: list[str] = []
    try:
        with gc_paused():  # events, dates and nodes hold no cycles: nothing for the collector to do
            _load_all(builder, files, names, max_bytes, progress)
    except _TooMany:
        last = builder.problems[-1]
        builder.problems.append(
            Problem(last.file, last.line, last.col, f"too many problems; stopped after {MAX_PROBLEMS}")
        )
    return builder, names


def _mixed_offsets(events: Iterable[Event]) -> list[Problem]:
    """A warning at the first event whose UTC offset differs from an earlier one, when the timeline
    declares no ``timezone:``: its times are then shown and counted on the day as written but
    ordered by their instant, so the two can disagree (23:30 -05:00 on the 31st comes after the
    1st at 01:00 +04:00)."""
    first: tuple[int, Event] | None = None
    for event in events:
        for date in (event.when.start, event.when.end):
            if date is None or date.offset is None:
                continue
            if first is None:
                first = (date.offset, event)
            elif date.offset != first[0]:
                return [
                    Problem(
                        event.file,
                        event.line,
                        1,
                        f"event {event.id!r} has a time at another UTC offset than event "
                        f"{first[1].id!r}: with no 'timezone:' each is shown as written but ordered "
                        "by its instant; declare the timeline's timezone (e.g. timezone: Asia/Baku) "
                        "to show them all in one zone",
                        warning=True,
                    )
                ]
    return []


def load_text(
    files: Iterable[tuple[str, bytes]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Callable[[float], None] | None = None,
) -> Loaded:
    """Load timelines from ``(name, content)`` pairs; raise :class:`LoadError` on any error.

    ``progress``, when given, is called now and then with the fraction (0 to 1) of the bytes read.
    """
    files = list(files)
    builder, names = _build(files, max_bytes, progress)
    if not builder.broken:
        builder.problems += _check_views(builder)
    errors = [p for p in builder.problems if not p.warning]
    if errors:
        raise LoadError(sorted(builder.problems, key=lambda p: p.sort_key))
    events = sorted(builder.events, key=lambda e: e.when.sort_key)
    if builder.timezone is None and builder.timed:
        builder.problems.extend(_mixed_offsets(events))
    timeline = Timeline(
        title=" + ".join(dict.fromkeys(builder.titles)) or "Timeline",
        actors=builder.actors,
        sources=builder.sources,
        events=tuple(events),
        description="\n\n".join(builder.descriptions),
        files=tuple(names),
        timezone=builder.timezone,
        date_order=builder.date_order,
        eras=tuple(sorted(builder.eras, key=lambda era: era.start.sort_key)),
        require=frozenset(builder.require),
        views=tuple(v.view for v in builder.views),
    )
    return Loaded(timeline, sorted(builder.problems, key=lambda p: p.sort_key))


def _through_cache(
    contents: list[tuple[str, bytes]],
    max_bytes: int,
    progress: Callable[[float], None] | None,
    write_later: bool = False,
) -> Loaded:
    """:func:`load_text` through the parse cache: an unchanged large timeline is read back, not parsed."""
    path = None
    if sum(len(data) for _, data in contents) >= _cache.MIN_BYTES:
        path = _cache.entry_path([name for name, _ in contents])
    if path is None:
        return load_text(contents, max_bytes=max_bytes, progress=progress)
    expected = _cache.digest(contents)
    found = _cache.read(path, expected)
    if found is not None:
        return Loaded(*found)
    loaded = load_text(contents, max_bytes=max_bytes, progress=progress)
    loaded.pending_write = functools.partial(_cache.write, path, expected, loaded.timeline, loaded.warnings)
    if not write_later:
        loaded.write_cache()
    return loaded


def load(
    paths: Iterable[str | os.PathLike[str]],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cache: bool = True,
    progress: Callable[[float], None] | None = None,
    write_later: bool = False,
) -> Loaded:
    """Load one or more timeline files; raise :class:`LoadError` listing every problem.

    With ``cache`` (the default) a large timeline loaded before, unchanged, is read back from
    the parse cache (see :mod:`timeline.cache`); ``progress`` is as for :func:`load_text`.
    A fresh parse writes its cache entry before returning, or, with ``write_later``, when the
    caller calls :meth:`Loaded.write_cache` (an app shows the timeline first: at 10,000 events
    the entry takes about as long to write as the file to load).
    """
    contents = []
    problems = []
    seen: set[str] = set()
    for path in paths:
        name = os.fspath(path)
        real = os.path.realpath(name)
        if real in seen:
            continue  # the same file given twice is one file
        seen.add(real)
        try:
            if Path(name).is_dir():
                problems.append(Problem(name, 1, 1, "is a directory, not a timeline file"))
                continue
            with open(name, "rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                # Read no more than the limit allows, whatever stat says (a device, a pipe).
                data = b"" if size > max_bytes else fh.read(max_bytes + 1)
        except OSError as exc:
            problems.append(Problem(name, 1, 1, f"cannot read file: {exc.strerror or exc}"))
            continue
        if size > max_bytes or len(data) > max_bytes:
            problems.append(Problem(name, 1, 1, too_large(size if size > max_bytes else None, max_bytes)))
            continue
        contents.append((name, data))
    if not problems:
        if cache:
            return _through_cache(contents, max_bytes, progress, write_later)
        return load_text(contents, max_bytes=max_bytes, progress=progress)
    # Some files could not be read: still check the others, so every problem shows at once.
    try:
        loaded = load_text(contents, max_bytes=max_bytes) if contents else None
    except LoadError as exc:
        raise LoadError(problems + exc.problems) from None
    raise LoadError(problems + (loaded.warnings if loaded else []))
