"""Load timeline files: read, validate against the schema, and build a :class:`Timeline`.

Every problem is collected with its place (``FILE:LINE:COL: message``), so a
curator sees all of them at once; loading either returns a whole, valid
timeline or raises :class:`LoadError` with the list.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import os
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from . import cache as _cache
from .dates import DateError, FuzzyDate, Span, check_zone, parse_when
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
    Quote,
    Source,
    Timeline,
)
from .problems import MAX_PROBLEMS, LoadError, Problem
from .sanitize import clean, is_clean
from .yamlsrc import (
    DEFAULT_MAX_BYTES,
    NULLS,
    Mapping,
    Node,
    Scalar,
    Sequence,
    SimpleValue,
    compose,
    read_source,
    too_large,
)

__all__ = ["DEFAULT_MAX_BYTES", "Loaded", "bundled_path", "load", "load_text"]

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)

_TOP_KEYS = ("title", "description", "timezone", "require", "eras", "actors", "sources", "events")
_ACTOR_KEYS = ("name", "short", "aliases", "description")
_SOURCE_KEYS = ("title", "publisher", "authors", "date", "url")
_EVENT_KEYS = (
    "id",
    "date",
    "end",
    "title",
    "kind",
    "outcome",
    "declined_by",
    "actors",
    "location",
    "tags",
    "summary",
    "quotes",
    "sources",
    "links",
    "accounts",
)
_QUOTE_KEYS = ("text", "by", "actor", "source")
_LINK_KEYS = ("to", "type", "note")
_ACCOUNT_KEYS = ("by", "actor", "text", "source")
_ERA_KEYS = ("name", "start", "end", "description")

#: Whether an event of the usual shape is read by the quick path (tests turn it off to compare).
QUICK = True
#: The keys the quick path reads (an event with links or accounts is read through the tree).
_QUICK_EVENT_KEYS = frozenset(_EVENT_KEYS) - {"links", "accounts"}
_QUOTE_KEY_SET = frozenset(_QUOTE_KEYS)
_KIND_SET = frozenset(KINDS)
_Scalar = yaml.ScalarEvent


def bundled_path() -> Path:
    """The curated timeline shipped with the package (or beside it, in a checkout)."""
    packaged = resources.files("timeline") / "events.yaml"
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "events.yaml"


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
    return "an empty value" if node.is_null else f"{node.value!r}"


def _null_hint(node: Node | None) -> str:
    """For a value YAML reads as nothing although something is written (``~``, ``null``)."""
    if isinstance(node, Scalar) and node.value:
        return f" (YAML reads {node.value!r} as nothing; put it in quotes if it is meant as text)"
    return ""


class _Builder:
    """Turns located nodes of one or more files into model objects, collecting problems."""

    def __init__(self, *, quick: bool = False) -> None:
        #: whether events of the usual shape are read by the quick path (see quick_event)
        self.quick = quick
        self.problems: list[Problem] = []
        self.file = ""
        self.actors: dict[str, Actor] = {}
        self.actor_at: dict[str, tuple[str, int, object]] = {}
        self.names: dict[str, tuple[str, str, int]] = {}  # casefolded name -> actor id, file, line
        self.sources: dict[str, Source] = {}
        self.source_at: dict[str, tuple[str, int, object]] = {}
        self.events: list[Event] = []
        self.event_at: dict[str, tuple[str, int]] = {}
        # references to check once every file is read: (kind, id, file, line, col)
        self.refs: list[tuple[str, str, str, int, int]] = []
        self.titles: list[str] = []
        self.descriptions: list[str] = []
        # a file could not be read whole: ids it declares may be missing, so references are not checked
        self.broken = False
        self.timezone: str | None = None  # the timeline's IANA zone, and where it was declared
        self.timezone_at = ""
        self.timed = False  # whether any event date has a time of day (then the zone applies)
        self.order_checks: list[tuple[int, Node, str]] = []  # (event index, where, label)
        self.eras: list[Era] = []
        self.require: set[str] = set()  # what every file together insists on
        # per file, what its events lack of the REQUIRABLE fields: (field, line, col, label);
        # checked against the file's own `require:` once its top level is read (after its events)
        self.lacking: list[tuple[str, int, int, str]] = []
        self.file_require: set[str] = set()
        # ids the quick path saw referred to, without their places (kept only in the rare case
        # that one is unknown, by reading the files again through the tree: see load_text)
        self.quick_refs: dict[str, set[str]] = {"actor": set(), "source": set()}
        self.unplaced_unknown = False

    # -- reporting -----------------------------------------------------------
    def error(self, node: Node | Scalar, message: str) -> None:
        if isinstance(node, Scalar) and node.refused:
            return  # the reader has already said why this value was refused
        self.problems.append(Problem(self.file, node.line, node.col, message))
        if sum(1 for p in self.problems if not p.warning) >= MAX_PROBLEMS:
            raise _TooMany

    def warn(self, node: Scalar, message: str) -> None:
        self.problems.append(Problem(self.file, node.line, node.col, message, warning=True))

    # -- typed readers -----------------------------------------------------
    def keys(self, node: Mapping, allowed: tuple[str, ...], what: str) -> dict[str, Node]:
        out: dict[str, Node] = {}
        for key, value in node.items:
            if key.value not in allowed:
                hint = difflib.get_close_matches(key.value, allowed, n=1)
                tip = f"; did you mean {hint[0]!r}?" if hint else f"; allowed: {', '.join(allowed)}"
                self.error(key, f"unknown key {key.value!r} in {what}{tip}")
                continue
            out[key.value] = value
        return out

    def text(self, node: Node | None, where: Node, what: str, *, required: bool = True) -> str:
        if node is None or (isinstance(node, Scalar) and node.is_null):
            if required:
                self.error(node or where, f"{what} is missing" + _null_hint(node))
            return ""
        if not isinstance(node, Scalar):
            self.error(
                node,
                f"{what} must be text, not {_kind_of(node)}; if this is text, put the whole value in quotes",
            )
            return ""
        value, bad = clean(node.value)
        if bad:
            self.warn(
                node,
                f"{what} holds control or bidi characters ({', '.join(bad)}); "
                "shown as \N{REPLACEMENT CHARACTER}",
            )
        value = value.strip()
        if required and not value:
            self.error(node, f"{what} is empty")
        return value

    def line_text(self, node: Node | None, where: Node, what: str, *, required: bool = True) -> str:
        value = self.text(node, where, what, required=required)
        if "\n" in value:
            assert node is not None
            self.error(node, f"{what} must be one line")
        return " ".join(value.split())

    def ident(self, node: Node | None, where: Node, what: str) -> str:
        value = self.text(node, where, what)
        if value and not _ID.match(value):
            assert node is not None
            self.error(
                node,
                f"{what} {value!r} is not a valid id: use lowercase letters, digits, '-', '_' or '.'",
            )
        return value

    def text_list(
        self, node: Node | None, where: Node, what: str, *, required: bool = False
    ) -> list[tuple[str, Scalar]]:
        if node is None or (isinstance(node, Scalar) and node.is_null):
            if required:
                self.error(node or where, f"{what} is missing (a list, e.g. [a, b])")
            return []
        if not isinstance(node, Sequence):
            example = " ".join(clean(node.value)[0].split()) if isinstance(node, Scalar) else ""
            example = example if 0 < len(example) < 40 else "a, b"
            self.error(node, f"{what} must be a list, e.g. [{example}]")
            return []
        out = []
        for item in node.items:
            value = self.line_text(item, item, f"an item of {what}")
            if value and isinstance(item, Scalar):
                out.append((value, item))
        if required and not out and not node.items:
            self.error(node, f"{what} is empty")
        return out

    def date(self, node: Node | None, where: Node, what: str, *, required: bool = True) -> FuzzyDate | None:
        when = self.when(node, where, what, required=required)
        if when is None:
            return None
        if when.end is not None:
            assert node is not None
            self.error(node, f"{what} must be one date, not a range ({when.display()})")
            return None
        return when.start

    def when(self, node: Node | None, where: Node, what: str, *, required: bool = True) -> Span | None:
        """A date, or a range written in one value (``27 Sep – 10 Nov 2020``)."""
        if node is None or (isinstance(node, Scalar) and node.is_null):
            if required:
                self.error(node or where, f"{what} is missing")
            return None
        if not isinstance(node, Scalar):
            self.error(node, f"{what} must be a date such as 2023-07-05, not {_kind_of(node)}")
            return None
        try:
            when = parse_when(node.value)
        except DateError as exc:
            self.error(node, str(exc))
            return None
        if when.start.timed or (when.end is not None and when.end.timed):
            self.timed = True
        return when

    def ref(self, kind: str, value: str, node: Scalar) -> None:
        if node.refused:
            return
        self.refs.append((kind, value, self.file, node.line, node.col))

    # -- sections ------------------------------------------------------------
    def file_root(self, root: Node) -> dict[str, Node] | None:
        if not isinstance(root, Mapping):
            if isinstance(root, Scalar) and root.refused:
                self.broken = True
            self.error(
                root,
                "a timeline file must be a mapping with title, actors, sources and events, "
                f"not {_kind_of(root)}",
            )
            return None
        return self.keys(root, _TOP_KEYS, "the timeline")

    def top(self, root: Mapping, top: dict[str, Node]) -> None:
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
        actors = self.section(root, top.get("actors"), "actors")
        for key, value in actors.items if actors else ():
            self.actor(key, value)
        sources = self.section(root, top.get("sources"), "sources")
        for key, value in sources.items if sources else ():
            self.source(key, value)

    def section(self, root: Mapping, node: Node | None, what: str) -> Mapping | None:
        """The ``actors`` or ``sources`` mapping; when it is unusable, references are not checked."""
        if isinstance(node, Mapping):
            return node
        if node is None or (isinstance(node, Scalar) and node.is_null):
            return None  # none declared (optional): references to it are reported
        self.error(node, f"{what!r} must be a mapping of id → {what[:-1]}")
        self.broken = True
        return None

    def declared_again(
        self, kind: str, key: Scalar, node: Node, seen: dict[str, tuple[str, int, object]]
    ) -> bool:
        """Whether ``key`` was declared before; an identical declaration in another file is fine."""
        shape = _shape(node)
        if key.value in seen:
            file, line, first_shape = seen[key.value]
            if file == self.file:
                return True  # a key repeated in one mapping: the reader has reported it
            if shape != first_shape:
                self.error(
                    key,
                    f"{kind} id {key.value!r} is declared differently in {file}:{line}; "
                    "declare it once, or identically in every file",
                )
            return True
        seen[key.value] = (self.file, key.line, shape)
        return False

    def actor(self, key: Scalar, node: Node) -> None:
        if key.refused:
            return
        actor_id = self.ident(key, key, "actor id")
        if not actor_id or self.declared_again("actor", key, node, self.actor_at):
            return
        if not isinstance(node, Mapping):
            self.error(node, f"actor {actor_id!r} must be a mapping with at least a name")
            return
        fields = self.keys(node, _ACTOR_KEYS, f"actor {actor_id!r}")
        name = self.line_text(fields.get("name"), node, f"actor {actor_id!r}: name")
        short = self.line_text(fields.get("short"), node, f"actor {actor_id!r}: short tag", required=False)
        if len(short) > 8:
            self.error(
                fields["short"], f"actor {actor_id!r}: short tag {short!r} is longer than 8 characters"
            )
        aliases = self.text_list(fields.get("aliases"), node, f"actor {actor_id!r}: aliases")
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
                self.names[folded] = (actor_id, self.file, at.line)
        self.actors[actor_id] = Actor(
            actor_id, name or actor_id, short, tuple(a for a, _ in aliases), description
        )

    def source(self, key: Scalar, node: Node) -> None:
        if key.refused:
            return
        source_id = self.ident(key, key, "source id")
        if not source_id or self.declared_again("source", key, node, self.source_at):
            return
        if not isinstance(node, Mapping):
            self.error(node, f"source {source_id!r} must be a mapping with title, publisher, date and url")
            return
        fields = self.keys(node, _SOURCE_KEYS, f"source {source_id!r}")
        title = self.line_text(fields.get("title"), node, f"source {source_id!r}: title")
        publisher = self.line_text(fields.get("publisher"), node, f"source {source_id!r}: publisher")
        authors = self.text_list(fields.get("authors"), node, f"source {source_id!r}: authors")
        date = self.date(fields.get("date"), node, f"source {source_id!r}: date")
        url = self.line_text(fields.get("url"), node, f"source {source_id!r}: url")
        if url and not _URL.match(url):
            self.error(
                fields["url"], f"source {source_id!r}: url {url!r} must be an http:// or https:// address"
            )
            url = ""
        if date is not None:
            self.sources[source_id] = Source(
                source_id, title, publisher, date, url, tuple(a for a, _ in authors)
            )

    def event(self, node: Node) -> None:
        if not isinstance(node, Mapping):
            self.error(node, f"an event must be a mapping (id, date, title, ...), not {_kind_of(node)}")
            return
        fields = self.keys(node, _EVENT_KEYS, "the event")
        event_id = self.ident(fields.get("id"), node, "the event's id")
        label = f"event {event_id!r}" if event_id else "the event"
        if event_id:
            id_node = fields["id"]
            if event_id in self.event_at:
                file, line = self.event_at[event_id]
                where = f"line {line}" if file == self.file else f"{file}:{line}"
                self.error(
                    id_node,
                    f"event id {event_id!r} is used twice (first at {where}, again at line {id_node.line})",
                )
            else:
                self.event_at[event_id] = (self.file, id_node.line)
        when = self.when(fields.get("date"), node, f"{label}: date")
        start, end = (when.start, when.end) if when else (None, None)
        end_node = end_at = fields.get("end")
        if end_node is not None and not (isinstance(end_node, Scalar) and end_node.is_null) and end:
            self.error(
                end_node,
                f"{label} has a range in date ({when.display() if when else ''}) and an end: "
                "write the range in date, or the start in date and the end in end",
            )
            end = None
        elif end is not None:
            end_at = fields.get("date")  # the range in date (its order is checked when read)
        elif when is not None:
            end = self.date(end_node, node, f"{label}: end", required=False)
        order_at = None  # an order that depends on the timeline's zone is checked once it is known
        if start and end and end_at is not None:
            if (start.offset is None) != (end.offset is None):  # see dates.zone_dependent
                order_at = end_at
            elif end.last_tick < start.first_tick:
                self.error(end_at, f"{label} ends ({end.display()}) before it starts ({start.display()})")
                end = None
        title = self.line_text(fields.get("title"), node, f"{label}: title")
        kind = self.text(fields.get("kind"), node, f"{label}: kind")
        if kind and kind not in KINDS:
            hint = difflib.get_close_matches(kind, KINDS, n=1)
            tip = f"did you mean {hint[0]!r}? " if hint else ""
            self.error(
                fields["kind"],
                f"{label}: kind {kind!r} is not one of the kinds; {tip}kinds: {', '.join(KINDS)}",
            )
        outcome_node = fields.get("outcome")
        outcome = self.text(outcome_node, node, f"{label}: outcome", required=False) or None
        if outcome and outcome not in OUTCOMES:
            assert outcome_node is not None
            self.error(outcome_node, f"{label}: outcome {outcome!r} is not one of: {', '.join(OUTCOMES)}")
        if kind in OUTCOME_KINDS and not outcome:
            self.error(
                outcome_node or node, f"{label} is a {kind} and needs an outcome ({', '.join(OUTCOMES)})"
            )
        elif outcome and kind and kind not in OUTCOME_KINDS:
            assert outcome_node is not None
            self.error(outcome_node, f"{label} is a {kind}; only meetings and proposals have an outcome")
        declined = self.text_list(fields.get("declined_by"), node, f"{label}: declined_by")
        if declined and outcome != "declined":
            self.error(fields["declined_by"], f"{label} has declined_by but its outcome is not 'declined'")
        actors = self.text_list(fields.get("actors"), node, f"{label}: actors")
        if not actors:
            self.lacking_field("actors", fields.get("actors"), node, label)
        location = self.line_text(fields.get("location"), node, f"{label}: location", required=False)
        tags = self.text_list(fields.get("tags"), node, f"{label}: tags")
        for tag, at in tags:
            if not _ID.match(tag):
                self.error(at, f"tag {tag!r} is not valid: use lowercase letters, digits and '-'")
        summary = self.text(fields.get("summary"), node, f"{label}: summary")
        quotes = self.quotes(fields.get("quotes"), node, label)
        sources = self.text_list(fields.get("sources"), node, f"{label}: sources")
        if not sources:
            self.lacking_field("sources", fields.get("sources"), node, label)
        links = self.links(fields.get("links"), node, label, event_id)
        accounts = self.accounts(fields.get("accounts"), node, label)
        for value, at in actors + declined:
            self.ref("actor", value, at)
        for value, at in sources:
            self.ref("source", value, at)
        if not (event_id and start and title and kind and summary):
            return
        self.events.append(
            Event(
                id=event_id,
                when=Span(start, end),
                title=title,
                kind=kind,
                actors=_unique(a for a, _ in actors),
                summary=summary,
                sources=_unique(s for s, _ in sources),
                outcome=outcome,
                declined_by=_unique(a for a, _ in declined),
                location=location,
                tags=_unique(t for t, _ in tags),
                quotes=tuple(quotes),
                file=self.file,
                line=node.line,
                links=tuple(links),
                accounts=tuple(accounts),
            )
        )
        if order_at is not None:
            self.order_checks.append((len(self.events) - 1, order_at, label))

    def quotes(self, node: Node | None, where: Node, label: str) -> list[Quote]:
        if node is None or (isinstance(node, Scalar) and node.is_null):
            return []
        if not isinstance(node, Sequence):
            self.error(node, f"{label}: quotes must be a list of mappings with text and by")
            return []
        out = []
        for item in node.items:
            if not isinstance(item, Mapping):
                self.error(item, "a quote must be a mapping with text and by")
                continue
            fields = self.keys(item, _QUOTE_KEYS, "a quote")
            text = self.text(fields.get("text"), item, "the quote's text")
            by = self.line_text(fields.get("by"), item, "the quote's 'by' (who said it)")
            actor = self.text(fields.get("actor"), item, "the quote's actor", required=False) or None
            source = self.text(fields.get("source"), item, "the quote's source", required=False) or None
            if actor:
                self.ref("actor", actor, fields["actor"])  # type: ignore[arg-type]
            if source:
                self.ref("source", source, fields["source"])  # type: ignore[arg-type]
            if text and by:
                out.append(Quote(" ".join(text.split()), by, actor, source))
        return out

    def lacking_field(self, field: str, node: Node | None, where: Node, label: str) -> None:
        """Note that the event at ``where`` lacks ``field`` (an error if its file's ``require:`` lists it)."""
        at = node if node is not None and not (isinstance(node, Scalar) and node.is_null) else where
        if isinstance(at, Scalar) and at.refused:
            return
        self.lacking.append((field, at.line, at.col, label))

    def read_require(self, node: Node | None, root: Node) -> None:
        """The top-level ``require:`` list: which per-event fields this file's events must all have."""
        self.file_require = set()
        for value, at in self.text_list(node, root, "require"):
            if value in REQUIRABLE:
                self.file_require.add(value)
                continue
            hint = difflib.get_close_matches(value, REQUIRABLE, n=1)
            tip = f"did you mean {hint[0]!r}? " if hint else ""
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
                if sum(1 for p in self.problems if not p.warning) >= MAX_PROBLEMS:
                    raise _TooMany
        self.lacking = []
        self.file_require = set()

    def read_eras(self, node: Node | None, root: Node) -> None:
        """The top-level ``eras:`` list of named periods."""
        if node is None or (isinstance(node, Scalar) and node.is_null):
            return
        if not isinstance(node, Sequence):
            self.error(node, "eras must be a list of mappings with name, start and end")
            return
        for item in node.items:
            if not isinstance(item, Mapping):
                self.error(item, f"an era must be a mapping with name, start and end, not {_kind_of(item)}")
                continue
            fields = self.keys(item, _ERA_KEYS, "an era")
            name = self.line_text(fields.get("name"), item, "the era's name")
            label = f"era {name!r}" if name else "the era"
            start = self.date(fields.get("start"), item, f"{label}: start")
            end = self.date(fields.get("end"), item, f"{label}: end")
            description = self.text(fields.get("description"), item, f"{label}: description", required=False)
            if start and end and end.sort_key[1] < start.sort_key[0]:
                self.error(
                    fields["end"], f"{label} ends ({end.display()}) before it starts ({start.display()})"
                )
                continue
            if name and start and end:
                self.eras.append(Era(name, start, end, description))

    def links(self, node: Node | None, where: Node, label: str, event_id: str) -> list[Link]:
        """An event's ``links:``: each to another event, of one of :data:`LINK_TYPES`, once."""
        if node is None or (isinstance(node, Scalar) and node.is_null):
            return []
        if not isinstance(node, Sequence):
            self.error(node, f"{label}: links must be a list of mappings with to and type")
            return []
        out: list[Link] = []
        seen: dict[tuple[str, str], int] = {}
        for item in node.items:
            if not isinstance(item, Mapping):
                self.error(item, f"{label}: a link must be a mapping with to and type, not {_kind_of(item)}")
                continue
            fields = self.keys(item, _LINK_KEYS, "a link")
            to = self.ident(fields.get("to"), item, f"{label}: a link's 'to' (the event it points at)")
            kind = self.text(fields.get("type"), item, f"{label}: a link's type")
            note = self.line_text(fields.get("note"), item, f"{label}: a link's note", required=False)
            if kind and kind not in LINK_TYPES:
                hint = difflib.get_close_matches(kind, LINK_TYPES, n=1)
                tip = f"did you mean {hint[0]!r}? " if hint else ""
                self.error(
                    fields["type"],
                    f"{label}: link type {kind!r} is not one of the types; {tip}"
                    f"types: {', '.join(LINK_TYPES)}",
                )
                kind = ""
            to_node = fields.get("to")
            if not (to and kind and isinstance(to_node, Scalar) and _ID.match(to)):
                continue
            if to == event_id:
                self.error(to_node, f"{label} links to itself; a link points at another event")
                continue
            if (to, kind) in seen:
                self.error(
                    to_node,
                    f"{label}: link {kind} {to!r} is given twice (first on line {seen[to, kind]})",
                )
                continue
            seen[to, kind] = to_node.line
            self.ref("event", to, to_node)
            out.append(Link(to, kind, note))
        return out

    def accounts(self, node: Node | None, where: Node, label: str) -> list[Account]:
        """An event's ``accounts:``: each side's version, with who gives it and its source."""
        if node is None or (isinstance(node, Scalar) and node.is_null):
            return []
        if not isinstance(node, Sequence):
            self.error(
                node, f"{label}: accounts must be a list of mappings with by or actor, text and source"
            )
            return []
        out = []
        for item in node.items:
            if not isinstance(item, Mapping):
                self.error(
                    item,
                    f"{label}: an account must be a mapping with by or actor, text and source, "
                    f"not {_kind_of(item)}",
                )
                continue
            fields = self.keys(item, _ACCOUNT_KEYS, "an account")
            before = len(self.problems)
            by = self.line_text(
                fields.get("by"), item, f"{label}: an account's 'by' (who gives it)", required=False
            )
            actor = self.text(fields.get("actor"), item, f"{label}: an account's actor", required=False)
            said = len(self.problems) > before  # a 'by' or 'actor' that is not text: already reported
            text = self.text(fields.get("text"), item, f"{label}: an account's text")
            source = self.text(fields.get("source"), item, f"{label}: an account's source")
            if not by and not actor and not said:
                self.error(
                    item, f"{label}: an account needs 'by' (who gives it) or 'actor' (an actor id), or both"
                )
            if actor:
                self.ref("actor", actor, fields["actor"])  # type: ignore[arg-type]
            if source:
                self.ref("source", source, fields["source"])  # type: ignore[arg-type]
            if text and source and (by or actor):
                out.append(Account(" ".join(text.split()), by, actor or None, source))
        return out

    # -- the quick path --------------------------------------------------------
    # An event of the usual shape with nothing to say about it is read here, straight from the
    # parser's events, without located nodes: the same checks as event() and its readers, each
    # answering only "fine" or "not sure". On "not sure" nothing has changed, and event() reads
    # the event from its nodes and reports what is wrong. tests/test_scale.py proves both paths
    # give the same timelines and the same problems.

    def quick_when(self, value: object) -> Span | None:
        """A date or a range as :meth:`when` reads it when it has nothing to say, else None."""
        if type(value) is not _Scalar or (not value.style and value.value in NULLS):
            return None
        try:
            return parse_when(value.value)
        except DateError:
            return None

    def quick_event(self, item: dict[str, SimpleValue], line: int, checked: bool) -> bool:
        """Read an event as :meth:`event` would if it has nothing to report, and say True; else False.

        ``checked``: no value of the file holds a character that needs cleaning (see SourceText.clean).
        """
        if not _QUICK_EVENT_KEYS.issuperset(item):
            return False
        id_node = item.get("id")
        event_id = _quick_text(id_node, checked)
        if not event_id or not _ID.match(event_id) or event_id in self.event_at:
            return False
        when = self.quick_when(item.get("date"))
        if when is None:
            return False
        start, end = when.start, when.end
        if not _quick_absent(end_node := item.get("end")):
            written_end = self.quick_when(end_node)
            if end is not None or written_end is None or written_end.end is not None:
                return False  # a range in date and an end; an end that is no date or a range
            end = written_end.start
        if end is not None and (
            (start.offset is None) != (end.offset is None)  # (checked once the zone is known)
            or end.last_tick < start.first_tick
        ):
            return False
        title = _quick_line(item.get("title"), checked)
        kind = _quick_text(item.get("kind"), checked)
        if not title or kind is None or kind not in _KIND_SET:
            return False
        outcome = None
        if not _quick_absent(outcome_node := item.get("outcome")):
            outcome = _quick_text(outcome_node, checked, required=False)
            if outcome is None:
                return False
            outcome = outcome or None
        if not ((outcome in OUTCOMES) if kind in OUTCOME_KINDS else outcome is None):
            return False
        declined_node, actors_node = item.get("declined_by"), item.get("actors")
        tags_node, sources_node = item.get("tags"), item.get("sources")
        declined = _quick_list(declined_node, checked, required=False)
        actors = _quick_list(actors_node, checked, required=True)
        tags = _quick_list(tags_node, checked, required=False)
        sources = _quick_list(sources_node, checked, required=True)
        if declined is None or actors is None or tags is None or sources is None:
            return False
        if declined and outcome != "declined":
            return False
        for tag in tags:
            if not _ID.match(tag):
                return False
        location = ""
        if not _quick_absent(location_node := item.get("location")):
            found = _quick_line(location_node, checked, required=False)
            if found is None:
                return False
            location = found
        summary = _quick_text(item.get("summary"), checked)
        if not summary:
            return False
        quotes: list[Quote] = []
        quoted: list[tuple[str, str]] = []  # the quotes' references
        if not _quick_absent(quotes_node := item.get("quotes")):
            if type(quotes_node) is not list:
                return False
            for fields in quotes_node:
                if type(fields) is not dict or not _QUOTE_KEY_SET.issuperset(fields):
                    return False
                text = _quick_text(fields.get("text"), checked)
                by = _quick_line(fields.get("by"), checked)
                if not text or not by:
                    return False
                said: list[str | None] = []
                for key in ("actor", "source"):
                    written = fields.get(key)
                    value = "" if _quick_absent(written) else _quick_text(written, checked, required=False)
                    if value is None:
                        return False
                    if value:
                        quoted.append((key, value))
                    said.append(value or None)
                quotes.append(Quote(" ".join(text.split()), by, said[0], said[1]))
        # Nothing to report: take the event.
        if start.timed or (end is not None and end.timed):
            self.timed = True
        file = self.file
        mark = id_node.start_mark if type(id_node) is _Scalar else None
        assert mark is not None
        self.event_at[event_id] = (file, mark.line + 1)
        quick_refs = self.quick_refs
        quick_refs["actor"].update(actors)
        quick_refs["actor"].update(declined)
        quick_refs["source"].update(sources)
        for kind_of_ref, value in quoted:
            quick_refs[kind_of_ref].add(value)
        self.events.append(
            Event(
                id=event_id,
                when=when if end is when.end else Span(start, end),
                title=title,
                kind=kind,
                actors=_unique_list(actors),
                summary=summary,
                sources=_unique_list(sources),
                outcome=outcome,
                declined_by=_unique_list(declined),
                location=location,
                tags=_unique_list(tags),
                quotes=tuple(quotes),
                file=file,
                line=line,
            )
        )
        return True

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
                hint = difflib.get_close_matches(value, list(table), n=1)
                tip = f"; did you mean {hint[0]!r}?" if hint else ""
                msg = f"unknown {kind} id {value!r}{tip}"
                if kind == "event":
                    msg = f"link to an {msg}"
            self.problems.append(Problem(file, line, col, msg))
        quick = self.quick_refs
        self.unplaced_unknown = not (
            quick["actor"] <= self.actor_at.keys() and quick["source"] <= self.source_at.keys()
        )


def _unique_list(values: list[str]) -> tuple[str, ...]:
    return tuple(values) if len(values) < 2 else tuple(dict.fromkeys(values))


def _quick_absent(value: object) -> bool:
    """Not written, or written as nothing (``~``, ``null``, an empty plain value)."""
    return value is None or (type(value) is _Scalar and not value.style and value.value in NULLS)


def _quick_text(value: object, checked: bool, *, required: bool = True) -> str | None:
    """A value as :meth:`_Builder.text` reads it when it has nothing to say, else None."""
    if type(value) is not _Scalar:
        return None
    raw = value.value
    if required and not value.style and raw in NULLS:
        return None
    if not checked and not is_clean(raw):
        return None
    text = raw.strip()
    return text if text or not required else None


def _quick_line(value: object, checked: bool, *, required: bool = True) -> str | None:
    """A value as :meth:`_Builder.line_text` reads it when it has nothing to say, else None."""
    text = _quick_text(value, checked, required=required)
    if text is None or "\n" in text:
        return None
    return " ".join(text.split())


def _quick_list(value: object, checked: bool, *, required: bool) -> list[str] | None:
    """A list as :meth:`_Builder.text_list` reads it when it has nothing to say, else None.

    Its items are those of ``value``, one for one (no item is left out without a word).
    """
    if type(value) is not list:
        return [] if not required and _quick_absent(value) else None
    texts = []
    for item in value:
        if type(item) is not _Scalar:
            return None
        raw = item.value
        if not item.style and raw in NULLS:
            return None
        if not checked and not is_clean(raw):
            return None
        text = raw.strip()
        if not text or "\n" in text:
            return None
        texts.append(" ".join(text.split()))
    return texts if texts or not required else None


def _shape(node: Node) -> object:
    """A node's content without its positions, to compare two declarations."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Sequence):
        return tuple(_shape(item) for item in node.items)
    return tuple(sorted((k.value, repr(_shape(v))) for k, v in node.items))


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


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
    builder.lacking = []
    src = read_source(name, data, builder.problems, max_bytes=max_bytes)
    if src is None:
        builder.broken = True
        return
    seen_events = 0
    first_event = len(builder.events)

    def on_event(node: Node) -> None:
        nonlocal seen_events
        seen_events += 1
        builder.event(node)
        if report is not None and seen_events % PROGRESS_EVERY == 0:
            report(node.line)  # how far into the file the parser is

    def on_simple(item: dict[str, SimpleValue], line: int) -> bool:
        nonlocal seen_events
        if not builder.quick_event(item, line, src.clean):
            return False
        seen_events += 1
        if report is not None and seen_events % PROGRESS_EVERY == 0:
            report(line)
        return True

    root = compose(
        src,
        builder.problems,
        stream_key="events",
        on_item=on_event,
        on_simple=on_simple if builder.quick else None,
    )
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
        for i in range(first_event, len(built)):
            when = built[i].when.in_zone(zone)
            if when is not built[i].when:
                built[i] = dataclasses.replace(built[i], when=when)
        for i in range(first_era, len(builder.eras)):
            era = builder.eras[i]
            builder.eras[i] = dataclasses.replace(
                era, start=era.start.in_zone(zone), end=era.end.in_zone(zone)
            )
    for i, at, label in builder.order_checks:
        when = builder.events[i].when
        if when.end is not None and when.end.last_tick < when.start.first_tick:
            s, e = when.start.display(), when.end.display()
            builder.error(at, f"{label} ends ({e}) before it starts ({s})")
    builder.order_checks.clear()
    events = top.get("events")
    if events is None:
        builder.error(root, "the timeline has no 'events' list")
    elif not isinstance(events, Sequence) and not (isinstance(events, Scalar) and events.is_null):
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
    files: list[tuple[str, bytes]], max_bytes: int, progress: Callable[[float], None] | None, *, quick: bool
) -> tuple[_Builder, list[str]]:
    """A builder holding what ``files`` declare, and the files' names; see :func:`load_text`."""
    builder = _Builder(quick=quick)
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
    builder, names = _build(files, max_bytes, progress, quick=QUICK)
    if builder.unplaced_unknown:
        # The quick path met an id that is declared nowhere, and kept no place to report it at:
        # read the files again through the tree, which reports it where it is (a timeline that
        # loads never comes here).
        builder, names = _build(files, max_bytes, None, quick=False)
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
        eras=tuple(sorted(builder.eras, key=lambda era: era.start.sort_key)),
        require=frozenset(builder.require),
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
