"""A JSON Schema (draft 2020-12) of the timeline YAML format, for editors (``timeline schema``).

Editors with YAML language support (VS Code, Neovim, Helix, through yaml-language-server)
read it to complete keys and flag mistakes while a curator types. It is built from the
key lists and the closed vocabularies the loader itself checks against (:mod:`.load`,
:mod:`.model`), so a key added there without a description here fails :func:`schema`
(and its test) rather than silently drifting.

The schema catches the shape of a file: unknown keys, wrong types, missing required
fields, values outside a closed list (kinds, outcomes, link types). What needs the whole
file or the date grammar (references between ids, impossible dates, an end before its
start) is left to ``timeline check``: a date is described, not matched by a regex, as the
date grammar is richer than one.
"""

from __future__ import annotations

from typing import Any

from .load import (
    _ACCOUNT_KEYS,
    _ACTOR_KEYS,
    _ERA_KEYS,
    _EVENT_KEYS,
    _ID,
    _LINK_KEYS,
    _QUOTE_KEYS,
    _SOURCE_KEYS,
    _TOP_KEYS,
)
from .model import KINDS, LINK_TYPES, OUTCOME_KINDS, OUTCOMES, REQUIRABLE

__all__ = ["REQUIRED", "SCHEMA_URI", "schema"]

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"

Spec = dict[str, Any]

#: The keys each part of the file must have (the loader reports each one missing).
REQUIRED: dict[str, tuple[str, ...]] = {
    "timeline": ("title", "events"),
    "actor": ("name",),
    "source": ("title", "publisher", "date", "url"),
    "era": ("name", "start", "end"),
    "event": ("id", "date", "title", "kind", "summary"),
    "quote": ("text", "by"),
    "link": ("to", "type"),
    "account": ("text", "source"),
}

#: A URL the loader accepts (``load._URL``, whose IGNORECASE flag a JSON Schema pattern cannot carry).
URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+[^\s]*$"

# YAML (1.1 in PyYAML, 1.2 in yaml-language-server) reads some unquoted words as numbers or
# booleans (``1e3``, ``NO``); the loader reads every value as it is written, so they are text too.
_SCALAR = ["string", "number", "boolean"]

_DATE_HELP = (
    "A date at the precision its source gives: 2023-07-05, 2023-07, 2023, 5 July 2023, Jul 2023, "
    "early/mid/late 2023-07, c. 1988, 1990s, Q3 2023, spring 2023, 300 BC (ISO -0299), 602, "
    "a time (2023-09-20T13:00+04:00, 20 September 2023, 1 pm), with ~ for approximate (2023-07~) "
    "or ? for uncertain (2023?); an event's date may be a range (27 Sep – 10 Nov 2020, 1991–1994). "
    "Checked by 'timeline check', which knows every form."
)


def _text(description: str, *, optional: bool = False, one_line: bool = False) -> Spec:
    spec: Spec = {
        "type": [*_SCALAR, "null"] if optional else _SCALAR,
        "description": description + (" One line." if one_line else ""),
    }
    if not optional:
        spec["minLength"] = 1  # for strings only: an empty text is missing
    return spec


def _date(description: str) -> Spec:
    return {"type": ["string", "integer"], "description": f"{description}. {_DATE_HELP}"}


def _id(description: str) -> Spec:
    return {
        "type": ["string", "integer"],
        "pattern": _ID.pattern,
        "description": f"{description}: lowercase letters, digits, '-', '_' or '.'.",
    }


def _list(items: Spec, description: str, *, min_items: int = 0) -> Spec:
    spec: Spec = {"type": ["array", "null"], "items": items, "description": description}
    if min_items:
        spec["type"] = "array"
        spec["minItems"] = min_items
    return spec


def _enum(values: Any, description: str, *, optional: bool = False) -> Spec:
    options = list(values)
    return {"enum": [*options, None] if optional else options, "description": description}


def _object(what: str, keys: tuple[str, ...], specs: dict[str, Spec], description: str) -> Spec:
    """A mapping with exactly ``keys`` (the loader's list of them), each described in ``specs``."""
    missing = [key for key in keys if key not in specs]
    if missing:
        raise KeyError(f"the schema does not describe the {what} key(s) {', '.join(missing)}")
    return {
        "type": "object",
        "description": description,
        "properties": {key: specs[key] for key in keys},
        "required": list(REQUIRED[what]),
        "additionalProperties": False,
    }


def _requires(field: str) -> Spec:
    """``require: [field, ...]`` makes ``field`` a non-empty list on every event."""
    return {
        "if": {
            "required": ["require"],
            "properties": {"require": {"type": "array", "contains": {"const": field}}},
        },
        "then": {
            "properties": {"events": {"items": {"required": [field], "properties": {field: {"minItems": 1}}}}}
        },
    }


def schema() -> Spec:
    """The JSON Schema of a timeline file, as a JSON-ready dict."""
    actor = _object(
        "actor",
        _ACTOR_KEYS,
        {
            "name": _text("The actor's display name.", one_line=True),
            "short": {**_text("A short tag of up to 8 characters (default: initials).", optional=True)}
            | {"maxLength": 8},
            "aliases": _list(_text("Another name.", one_line=True), "Other names search and --actor know."),
            "description": _text("Who the actor is.", optional=True),
        },
        "An actor: a party, a state, an organisation or a person.",
    )
    source = _object(
        "source",
        _SOURCE_KEYS,
        {
            "title": _text("The source's title.", one_line=True),
            "publisher": _text("Who published it.", one_line=True),
            "authors": _list(_text("An author.", one_line=True), "The authors."),
            "date": _date("When it was published"),
            "url": {
                "type": "string",
                "pattern": URL_PATTERN,
                "description": "An http:// or https:// address.",
            },
        },
        "A public source the events cite.",
    )
    era = _object(
        "era",
        _ERA_KEYS,
        {
            "name": _text("The era's name, such as 'First Karabakh war'.", one_line=True),
            "start": _date("When the era starts"),
            "end": _date("When the era ends (not before it starts)"),
            "description": _text("What the era was.", optional=True),
        },
        "A named period, such as a war or a blockade.",
    )
    quote = _object(
        "quote",
        _QUOTE_KEYS,
        {
            "text": _text("The exact words."),
            "by": _text("Who said them.", one_line=True),
            "actor": _id("The speaker's actor id") | {"type": ["string", "integer", "null"]},
            "source": _id("The source id it comes from") | {"type": ["string", "integer", "null"]},
        },
        "A short, exact, attributed quote.",
    )
    wordings = "; ".join(f"{t}: '{w}' (reverse: '{r}')" for t, (w, r) in LINK_TYPES.items())
    link = _object(
        "link",
        _LINK_KEYS,
        {
            "to": _id("The id of the event linked to (not this event)"),
            "type": _enum(LINK_TYPES, f"The link's type; the reverse direction is derived. {wordings}."),
            "note": _text("A short note on the link.", optional=True, one_line=True),
        },
        "A typed link to another event.",
    )
    account = _object(
        "account",
        _ACCOUNT_KEYS,
        {
            "by": _text("Who gives this account (a named speaker).", optional=True, one_line=True),
            "actor": _id("The actor id of who gives it") | {"type": ["string", "integer", "null"]},
            "text": _text("What they say happened, in the curator's words or a short quote."),
            "source": _id("The source id it comes from"),
        },
        "One side's version of what happened: 'by' or 'actor' (or both) says whose.",
    )
    account["anyOf"] = [{"required": ["by"]}, {"required": ["actor"]}]
    ids = _id("An id")
    event = _object(
        "event",
        _EVENT_KEYS,
        {
            "id": _id("The event's id, unique in the timeline"),
            "date": _date("When it happened (or started; a range in one value such as 27 Sep - 10 Nov 2020)"),
            "end": _date("When it ended, for a span") | {"type": ["string", "integer", "null"]},
            "title": _text("A short title.", one_line=True),
            "kind": _enum(KINDS, "What kind of event it is."),
            "outcome": _enum(
                OUTCOMES,
                f"For {' and '.join(sorted(OUTCOME_KINDS))} (required there): "
                + ", ".join(f"{k} ({v})" for k, v in OUTCOMES.items())
                + ".",
                optional=True,
            ),
            "declined_by": _list(ids, "With outcome 'declined': the actor ids that declined."),
            "actors": _list(
                ids, "The actor ids involved (required if the timeline's require: lists actors)."
            ),
            "location": _text("Where it happened.", optional=True, one_line=True),
            "tags": _list(_id("A tag"), "Tags to filter by."),
            "summary": _text("What happened, in the curator's words; blank lines separate paragraphs."),
            "quotes": _list(quote, "Short, exact, attributed quotes."),
            "sources": _list(ids, "The source ids (required if the timeline's require: lists sources)."),
            "links": _list(link, "Typed links to other events."),
            "accounts": _list(account, "Each side's version of what happened."),
        },
        "One event of the chronology.",
    )
    event["allOf"] = [
        {
            "if": {"required": ["kind"], "properties": {"kind": {"enum": sorted(OUTCOME_KINDS)}}},
            "then": {"required": ["outcome"], "properties": {"outcome": {"enum": list(OUTCOMES)}}},
            "else": {"properties": {"outcome": {"type": "null"}}},
        }
    ]
    top = _object(
        "timeline",
        _TOP_KEYS,
        {
            "title": _text("The timeline's title.", one_line=True),
            "description": _text("What the timeline covers.", optional=True),
            "timezone": {
                "type": ["string", "null"],
                "description": "The IANA time zone of the times in the file, such as Asia/Baku: "
                "times without an offset are in it, and times are shown in it.",
            },
            "require": _list(
                _enum(REQUIRABLE, "A per-event field every event must have."),
                "The per-event fields this timeline insists on, e.g. [actors, sources].",
            ),
            "eras": _list(era, "Named periods, such as the wars."),
            "actors": {
                "type": ["object", "null"],
                "description": "The actors, by id.",
                "propertyNames": {"pattern": _ID.pattern},
                "additionalProperties": actor,
            },
            "sources": {
                "type": ["object", "null"],
                "description": "The sources, by id.",
                "propertyNames": {"pattern": _ID.pattern},
                "additionalProperties": source,
            },
            "events": _list(event, "The events, in any order (they are shown by date).", min_items=1),
        },
        "A timeline: a curated chronology of events with their actors and sources.",
    )
    top["allOf"] = [_requires(field) for field in REQUIRABLE]
    return {"$schema": SCHEMA_URI, "title": "Timeline file", **top}
