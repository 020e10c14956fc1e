"""The timeline file format as data: each section, each key, whether it is required, its kind, its help.

This table is the one description of the format. The loader (:mod:`.load`) reads each
section's keys from it (an unknown key is an error with a suggestion from this list), the
JSON Schema (:mod:`.schema`) is built from it, and tests check the README's reference of the
format and the writers against it. Adding a key is one entry here, then the reader of its
value in the loader; every other place either follows or fails a test.

Rules that tie keys together (an outcome only for meetings and proposals, ``declined_by``
with a declined outcome, an account's ``by`` or ``actor``, the file's ``require:``) are the
``rules`` of their section: one sentence each, read by the schema's help and the README check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .datenumeric import DATE_ORDERS
from .model import KINDS, LINK_TYPES, OUTCOME_KINDS, OUTCOMES, REQUIRABLE

__all__ = [
    "ID_HELP",
    "ID_PATTERN",
    "SECTIONS",
    "URL_PATTERN",
    "Key",
    "Section",
    "keys_of",
]

#: An id (of an actor, a source, an event) and a tag: lowercase letters, digits, '-', '_' or '.',
#: starting with a letter or a digit.
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
ID_HELP = "lowercase letters, digits, '-', '_' or '.'"
#: An address the loader accepts as a source's url (any case of http or https).
URL_PATTERN = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)

#: The kinds of value a key holds. ``line``: one line of text; ``text``: text, blank lines
#: separate paragraphs; ``id``: an id; ``ids``: a list of ids (of actors, sources…); ``lines``:
#: a list of one-line texts; ``tags``: a list of tags; ``date``: one date; ``when``: a date or
#: a range written in one value; ``url``: an http(s) address; ``zone``: an IANA time zone;
#: ``enum``: one of ``choices``; ``enums``: a list of ``choices``; ``bool``: true or false
#: (unquoted); ``list``: a list of the
#: section ``of``; ``map``: a mapping of id to the section ``of``.
VALUE_KINDS = frozenset(
    (
        "line",
        "text",
        "id",
        "ids",
        "lines",
        "tags",
        "date",
        "when",
        "url",
        "zone",
        "enum",
        "enums",
        "bool",
        "list",
        "map",
    )
)

#: The kinds by the shape of their value in a file (YAML or JSON): one text, a list of texts, a
#: date written as text, a list of sections, a mapping of id to a section.
TEXT_KINDS = frozenset(("line", "text", "id", "url", "zone", "enum"))
TEXTS_KINDS = frozenset(("ids", "lines", "tags", "enums"))
DATE_KINDS = frozenset(("date", "when"))


@dataclass(frozen=True)
class Key:
    """One key of a section."""

    name: str
    kind: str
    required: bool
    help: str
    #: for ``list`` and ``map``: the section its items are
    of: str = ""
    #: for ``enum`` and ``enums``: the values allowed
    choices: tuple[str, ...] = ()
    #: for ``line`` and ``text``: at most this many characters (0: no limit)
    max_length: int = 0

    def __post_init__(self) -> None:
        if self.kind not in VALUE_KINDS:
            raise ValueError(f"key {self.name!r}: unknown kind {self.kind!r}")


@dataclass(frozen=True)
class Section:
    """A part of the file: the top level, an actor, a source, an era, an event, a quote, a link…"""

    name: str
    help: str
    keys: tuple[Key, ...]
    #: the rules that tie its keys together, one sentence each
    rules: tuple[str, ...] = field(default=())

    @property
    def names(self) -> tuple[str, ...]:
        """The section's keys, in the order they are written."""
        return tuple(key.name for key in self.keys)

    @property
    def required(self) -> tuple[str, ...]:
        """The keys every instance of the section must have."""
        return tuple(key.name for key in self.keys if key.required)

    def __getitem__(self, name: str) -> Key:
        for key in self.keys:
            if key.name == name:
                return key
        raise KeyError(name)


_DATE = (
    "a date at the precision its source gives (2023-07-05, 2023-07, 2023, 5 July 2023, early 2023-07, "
    "c. 1988, 1990s, Q3 2023, spring 2023, 300 BC, 9th century, 3rd millennium BC, a time such as "
    "2023-09-20T13:00 or Aug 5, 2019, 8:00 a.m. ET, ~ for approximate, ? for uncertain; see the README's "
    "Dates)"
)

SECTIONS: dict[str, Section] = {
    section.name: section
    for section in (
        Section(
            "timeline",
            "A timeline: a curated chronology of events with their actors and sources.",
            (
                Key("title", "line", True, "The timeline's title."),
                Key("description", "text", False, "What the timeline covers."),
                Key(
                    "timezone",
                    "zone",
                    False,
                    "The IANA time zone of the times in the file, such as Asia/Baku: times without "
                    "an offset are in it, and times are shown in it.",
                ),
                Key(
                    "date-order",
                    "enum",
                    False,
                    "How the file writes numeric dates that read two ways (03/04/2011): day-first or "
                    "month-first; they are then read so, and one that reads only the other way is an "
                    "error. Written before the file's first date.",
                    choices=DATE_ORDERS,
                ),
                Key(
                    "require",
                    "enums",
                    False,
                    "The per-event fields every event of this file must have, e.g. [actors, sources].",
                    choices=REQUIRABLE,
                ),
                Key("eras", "list", False, "Named periods, such as the wars.", of="era"),
                Key("actors", "map", False, "The actors, by id.", of="actor"),
                Key("sources", "map", False, "The sources, by id.", of="source"),
                Key(
                    "events",
                    "list",
                    True,
                    "The events, in any order (they are shown by date); at least one.",
                    of="event",
                ),
                Key(
                    "views",
                    "list",
                    False,
                    "Named views: filters (and an event, and lanes) to open with --view NAME or the v key.",
                    of="view",
                ),
            ),
            rules=("require: lists per-event fields that every event of the file must then have, non-empty",),
        ),
        Section(
            "view",
            "A named view: the command line's filters under a name, opened with --view NAME.",
            (
                Key("name", "id", True, "The view's name, unique in the timeline (--view NAME)."),
                Key("description", "line", False, "What the view shows."),
                Key("actors", "ids", False, "Events involving these actors (ids), as --actor."),
                Key(
                    "match",
                    "enum",
                    False,
                    "With several actors: events involving any of them (the default) or all of them.",
                    choices=("any", "all"),
                ),
                Key("tags", "tags", False, "Events with any of these tags, as --tag."),
                Key("kinds", "enums", False, "Events of any of these kinds, as --kind.", choices=KINDS),
                Key(
                    "outcomes",
                    "enums",
                    False,
                    "Meetings and proposals with any of these outcomes, as --outcome.",
                    choices=tuple(OUTCOMES),
                ),
                Key(
                    "from", "date", False, "Events that end on or after this date, as --from: " + _DATE + "."
                ),
                Key("to", "date", False, "Events that start on or before this date, as --to."),
                Key("search", "line", False, "Events whose text holds every word of it, as --search."),
                Key("at", "id", False, "The id of the event to select, as --at."),
                Key("lanes", "bool", False, "true: show a lane per actor, as --lanes."),
            ),
            rules=("a view's from is not after its to",),
        ),
        Section(
            "actor",
            "An actor: a party, a state, an organisation or a person.",
            (
                Key("name", "line", True, "The actor's display name."),
                Key(
                    "short",
                    "line",
                    False,
                    "A short tag of up to 8 characters (default: initials).",
                    max_length=8,
                ),
                Key("aliases", "lines", False, "Other names, which search and --actor know."),
                Key("description", "text", False, "Who the actor is."),
            ),
        ),
        Section(
            "source",
            "A public source the events cite.",
            (
                Key("title", "line", True, "The source's title."),
                Key("publisher", "line", True, "Who published it."),
                Key("authors", "lines", False, "The authors."),
                Key(
                    "date",
                    "date",
                    False,
                    "When it was published, if the source says: " + _DATE + "; "
                    "left out for an undated source (nothing is shown rather than a guess).",
                ),
                Key("url", "url", True, "An http:// or https:// address."),
            ),
        ),
        Section(
            "era",
            "A named period, such as a war or a blockade.",
            (
                Key("name", "line", True, "The era's name, such as 'First Karabakh war'."),
                Key("start", "date", True, "When the era starts: " + _DATE + "."),
                Key("end", "date", True, "When the era ends, not before it starts: " + _DATE + "."),
                Key("description", "text", False, "What the era was."),
            ),
            rules=("an era's end is not before its start",),
        ),
        Section(
            "event",
            "One event of the chronology.",
            (
                Key("id", "id", True, "The event's id, unique in the timeline."),
                Key(
                    "date",
                    "when",
                    True,
                    "When it happened (or started): " + _DATE + "; or a range in one value such as "
                    "27 Sep – 10 Nov 2020, April 14 to 16, 2011 or 8th–7th centuries BC.",
                ),
                Key("end", "date", False, "When it ended, for a span (not with a range in date)."),
                Key("title", "line", True, "A short title."),
                Key("kind", "enum", True, "What kind of event it is.", choices=KINDS),
                Key(
                    "outcome",
                    "enum",
                    False,
                    f"For {' and '.join(sorted(OUTCOME_KINDS))} (required there): "
                    + ", ".join(f"{k} ({v})" for k, v in OUTCOMES.items())
                    + ".",
                    choices=tuple(OUTCOMES),
                ),
                Key(
                    "declined_by",
                    "ids",
                    False,
                    "With outcome 'declined' (required there): the actor ids that declined.",
                ),
                Key(
                    "actors",
                    "ids",
                    False,
                    "The actor ids involved (required if the file's require: lists actors).",
                ),
                Key("location", "line", False, "Where it happened."),
                Key("tags", "tags", False, "Tags to filter by: " + ID_HELP + "."),
                Key(
                    "summary",
                    "text",
                    True,
                    "What happened, in the curator's words; blank lines separate paragraphs.",
                ),
                Key("quotes", "list", False, "Short, exact, attributed quotes.", of="quote"),
                Key(
                    "sources", "ids", False, "The source ids (required if the file's require: lists sources)."
                ),
                Key("links", "list", False, "Typed links to other events.", of="link"),
                Key("accounts", "list", False, "Each side's version of what happened.", of="account"),
            ),
            rules=(
                "a meeting or a proposal has an outcome, and no other kind has one",
                "an outcome of 'declined' comes with declined_by, and declined_by only with it",
                "a range in date and an end are not both given; the end is not before the start",
            ),
        ),
        Section(
            "quote",
            "A short, exact, attributed quote.",
            (
                Key("text", "text", True, "The exact words."),
                Key("by", "line", True, "Who said them."),
                Key("actor", "id", False, "The speaker's actor id."),
                Key("source", "id", False, "The id of the source it comes from."),
            ),
        ),
        Section(
            "link",
            "A typed link to another event.",
            (
                Key("to", "id", True, "The id of the event linked to (not this event)."),
                Key(
                    "type",
                    "enum",
                    True,
                    "The link's type; the reverse direction is derived. "
                    + "; ".join(f"{t}: '{w}' (reverse: '{r}')" for t, (w, r) in LINK_TYPES.items())
                    + ".",
                    choices=tuple(LINK_TYPES),
                ),
                Key("note", "line", False, "A short note on the link."),
            ),
            rules=("a link points at another event, once per type",),
        ),
        Section(
            "account",
            "One side's version of what happened: 'by' or 'actor' (or both) says whose.",
            (
                Key("by", "line", False, "Who gives this account (a named speaker)."),
                Key("actor", "id", False, "The actor id of who gives it."),
                Key("text", "text", True, "What they say happened, in the curator's words or a short quote."),
                Key("source", "id", True, "The id of the source it comes from."),
            ),
            rules=("an account has 'by' or 'actor', or both",),
        ),
    )
}


def keys_of(section: str) -> tuple[str, ...]:
    """The keys of ``section``, in the order they are written (what the loader allows)."""
    return SECTIONS[section].names
