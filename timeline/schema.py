"""A JSON Schema (draft 2020-12) of the timeline YAML format, for editors (``timeline schema``).

Editors with YAML language support (VS Code, Neovim, Helix, through yaml-language-server)
read it to complete keys and flag mistakes while a curator types. It is built from the
format table (:mod:`.format`), the one description of the format that the loader reads
too: each key's kind gives its schema here, so a key added there is in the schema at once,
and a kind of value the schema has no rule for fails :func:`schema` (and its test).

The schema catches the shape of a file: unknown keys, wrong types, missing required
fields, values outside a closed list (kinds, outcomes, link types), and the rules that tie
an event's keys together. It reads values as the loader does: spaces around a text or an id
do not count, a choice such as a kind is read as written, a blank optional value is no value.
``tests/test_format_table.py`` checks that it and ``timeline check`` agree on variants of
every key. Left to ``timeline check``, which reads the whole file and the date grammar:
references between ids (unknown actors, sources and link targets, an id used twice, a name
shared by two actors), dates (described, not matched by a regex: the grammar is richer than
one), an end before its start, a link to the event itself or given twice, whether a time zone
name exists, and the length of a short tag written as a number.
"""

from __future__ import annotations

from typing import Any

from .format import ID_HELP, ID_PATTERN, SECTIONS, Key
from .model import OUTCOME_KINDS, REQUIRABLE

__all__ = ["REQUIRED", "SCHEMA_URI", "URL_PATTERN", "schema"]

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"

Spec = dict[str, Any]

#: The keys each part of the file must have (the loader reports each one missing): the format table's.
REQUIRED: dict[str, tuple[str, ...]] = {name: section.required for name, section in SECTIONS.items()}

#: A URL the loader accepts (``format.URL_PATTERN``, whose IGNORECASE flag a schema pattern cannot carry).
URL_PATTERN = r"^\s*[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+[^\s]*\s*$"

#: The loader reads a value stripped of the spaces around it: so do these patterns.
_ID = r"^\s*" + ID_PATTERN.pattern[1:-1] + r"\s*$"
#: An optional id may be left blank (the loader reads it as not given).
_ID_OR_BLANK = r"^\s*(?:" + ID_PATTERN.pattern[1:-1] + r")?\s*$"
#: Text that holds something besides spaces (the loader calls a blank value empty).
_NOT_BLANK = r"\S"
#: One line, with something on it, or (optional) with nothing: spaces around it do not count.
_ONE_LINE = r"^\s*\S[^\n]*\s*$"
_ONE_LINE_OR_BLANK = r"^\s*[^\n]*\s*$"

# YAML (1.1 in PyYAML, 1.2 in yaml-language-server) reads some unquoted words as numbers or
# booleans (``1e3``, ``NO``); the loader reads every value as it is written, so they are text too.
_SCALAR = ["string", "number", "boolean"]


def _text(description: str, *, optional: bool = False, one_line: bool = False, max_length: int = 0) -> Spec:
    spec: Spec = {
        "type": [*_SCALAR, "null"] if optional else _SCALAR,
        "description": description + (" One line." if one_line else ""),
    }
    if one_line:
        spec["pattern"] = _ONE_LINE_OR_BLANK if optional else _ONE_LINE
    elif not optional:
        spec["pattern"] = _NOT_BLANK  # for strings only: a blank text is missing
    if max_length:
        # as the loader counts: spaces around it aside, and each run of spaces inside as one
        counted = rf"^\s*(?:(?:\S|\s+(?=\S)){{1,{max_length}}})?\s*$"
        patterns = [spec.pop("pattern")] if "pattern" in spec else []
        spec["allOf"] = [{"pattern": pattern} for pattern in (*patterns, counted)]
    return spec


def _date(description: str, *, optional: bool = False) -> Spec:
    # Described, not matched: the date grammar is richer than a pattern ('timeline check' reads it).
    return {
        "type": ["string", "integer", *(["null"] if optional else [])],
        "pattern": _NOT_BLANK,
        "description": description,
    }


def _id(description: str, *, optional: bool = False) -> Spec:
    # YAML 1.2 reads some ids as numbers or booleans (2023, 1.5, true); the loader reads the text,
    # which is an id unless it has a sign.
    return {
        "type": ["string", "integer", "number", "boolean", *(["null"] if optional else [])],
        "pattern": _ID_OR_BLANK if optional else _ID,
        "minimum": 0,
        "description": f"{description.rstrip('.')}: {ID_HELP}.",
    }


def _list(items: Spec, description: str, *, min_items: int = 0) -> Spec:
    spec: Spec = {"type": ["array", "null"], "items": items, "description": description}
    if min_items:
        spec["type"] = "array"
        spec["minItems"] = min_items
    return spec


def _enum(values: Any, description: str, *, optional: bool = False) -> Spec:
    """One of ``values``, as written (the loader reads a choice spaces and all); optional: or nothing."""
    options = list(values)
    return {"enum": [*options, "", None] if optional else options, "description": description}


def _value(key: Key, sections: dict[str, Spec]) -> Spec:
    """The schema of one key's value, from its kind in the format table."""
    optional = not key.required
    kind = key.kind
    if kind == "line":
        return _text(key.help, optional=optional, one_line=True, max_length=key.max_length)
    if kind == "text":
        return _text(key.help, optional=optional, max_length=key.max_length)
    if kind == "id":
        return _id(key.help, optional=optional)
    if kind in ("ids", "tags"):
        return _list(_id("An id" if kind == "ids" else "A tag"), key.help)
    if kind == "lines":
        return _list(_text("One of them.", one_line=True), key.help)
    if kind in ("date", "when"):
        return _date(key.help, optional=optional)
    if kind == "url":
        return {"type": "string", "pattern": URL_PATTERN, "description": key.help}
    if kind == "zone":
        return {"type": ["string", "null"], "description": key.help}
    if kind == "enum":
        return _enum(key.choices, key.help, optional=optional)
    if kind == "enums":
        return _list(_enum(key.choices, "One of them."), key.help)
    if kind == "bool":
        return {"type": ["boolean", "null"] if optional else "boolean", "description": key.help}
    if kind == "list":
        return _list(sections[key.of], key.help, min_items=1 if key.required else 0)
    if kind == "map":
        return {
            "type": ["object", "null"],
            "description": key.help,
            "propertyNames": {"pattern": ID_PATTERN.pattern},
            "additionalProperties": sections[key.of],
        }
    raise ValueError(f"the schema has no rule for a value of kind {kind!r} (key {key.name!r})")


def _object(name: str, sections: dict[str, Spec]) -> Spec:
    """A mapping with exactly the keys of the format table's section ``name``."""
    section = SECTIONS[name]
    return {
        "type": "object",
        "description": section.help,
        "properties": {key.name: _value(key, sections) for key in section.keys},
        "required": list(section.required),
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
            "properties": {
                "events": {
                    "items": {"required": [field], "properties": {field: {"type": "array", "minItems": 1}}}
                }
            }
        },
    }


#: The rules of the format table that tie keys together, as schema clauses (``format.Section.rules``);
#: what needs the date grammar (an end before its start) is left to ``timeline check``.
def _rules(name: str, spec: Spec) -> None:
    if name == "account":
        by = {"type": _SCALAR, "pattern": _NOT_BLANK}
        actor = {"type": ["string", "integer", "number", "boolean"], "pattern": _ID, "minimum": 0}
        spec["anyOf"] = [
            {"required": ["by"], "properties": {"by": by}},
            {"required": ["actor"], "properties": {"actor": actor}},
        ]
    elif name == "event":
        outcomes = SECTIONS["event"]["outcome"].choices
        spec["allOf"] = [
            {
                "if": {"required": ["kind"], "properties": {"kind": {"enum": sorted(OUTCOME_KINDS)}}},
                "then": {"required": ["outcome"], "properties": {"outcome": {"enum": list(outcomes)}}},
                "else": {"properties": {"outcome": {"enum": ["", None]}}},
            },
            {
                "if": {"required": ["outcome"], "properties": {"outcome": {"const": "declined"}}},
                "then": {
                    "required": ["declined_by"],
                    "properties": {"declined_by": {"type": "array", "minItems": 1}},
                },
                "else": {"properties": {"declined_by": {"type": ["array", "null"], "maxItems": 0}}},
            },
        ]
    elif name == "timeline":
        spec["allOf"] = [_requires(field) for field in REQUIRABLE]


#: The sections in an order where each one's parts come before it.
_ORDER = ("actor", "source", "era", "quote", "link", "account", "event", "view", "timeline")


def schema() -> Spec:
    """The JSON Schema of a timeline file, as a JSON-ready dict."""
    if set(_ORDER) != set(SECTIONS):
        raise KeyError(f"the schema does not place the section(s) {sorted(set(SECTIONS) ^ set(_ORDER))}")
    sections: dict[str, Spec] = {}
    for name in _ORDER:
        sections[name] = _object(name, sections)
        _rules(name, sections[name])
    return {"$schema": SCHEMA_URI, "title": "Timeline file", **sections["timeline"]}
