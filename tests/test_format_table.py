"""The format table (``timeline/format.py``) against every place that describes the format.

* the loader and the JSON Schema give the same verdict on every variant of a valid file
  that the table's kinds of value suggest (a key missing, empty, blank, on two lines, of the
  wrong type, outside its choices, not an id…), section by section;
* the README's reference of the format names exactly the table's keys, and says "required"
  where the table does.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from test_schema import as_yaml12  # the schema reads a file as YAML 1.2 does: its dates stay text

from timeline import LoadError, load_text
from timeline.format import ID_PATTERN, SECTIONS, Key
from timeline.schema import schema

ROOT = Path(__file__).resolve().parent.parent
VALIDATOR = jsonschema.Draft202012Validator(schema())

#: A valid file that sets every key of every section once.
BASE: dict[str, Any] = {
    "title": "T",
    "description": "What it covers.",
    "timezone": "Asia/Baku",
    "date-order": "day-first",
    "require": ["actors"],
    "eras": [{"name": "War", "start": "1988", "end": "1994", "description": "D"}],
    "actors": {
        "az": {"name": "Azerbaijan", "short": "AZ", "aliases": ["Baku"], "description": "D"},
        "nk": {"name": "Nagorno-Karabakh"},
    },
    "sources": {
        "s1": {
            "title": "S",
            "publisher": "P",
            "authors": ["W"],
            "date": "2023-08",
            "url": "https://example.org/s",
        }
    },
    "events": [
        {
            "id": "b",
            "date": "2023-07",
            "title": "B",
            "kind": "report",
            "actors": ["az"],
            "tags": ["talks"],
            "summary": "S",
        },
        {
            "id": "a",
            "date": "2023-08-01",
            "end": "2023-08-02",
            "title": "A",
            "kind": "proposal",
            "outcome": "declined",
            "declined_by": ["nk"],
            "actors": ["az", "nk"],
            "location": "Yevlakh",
            "tags": ["talks"],
            "summary": "S",
            "quotes": [{"text": "Q", "by": "X", "actor": "az", "source": "s1"}],
            "sources": ["s1"],
            "links": [{"to": "b", "type": "follows-up", "note": "N"}],
            "accounts": [{"by": "X", "actor": "az", "text": "T", "source": "s1"}],
        },
    ],
    "views": [
        {
            "name": "the-talks",
            "description": "D",
            "actors": ["az", "nk"],
            "match": "all",
            "tags": ["talks"],
            "kinds": ["proposal"],
            "outcomes": ["declined"],
            "from": "2023-07",
            "to": "2023-08",
            "search": "S",
            "at": "b",
            "lanes": True,
        }
    ],
}

#: Where one instance of each section is in BASE.
WHERE: dict[str, tuple[Any, ...]] = {
    "timeline": (),
    "era": ("eras", 0),
    "actor": ("actors", "az"),
    "source": ("sources", "s1"),
    "event": ("events", 1),
    "quote": ("events", 1, "quotes", 0),
    "link": ("events", 1, "links", 0),
    "account": ("events", 1, "accounts", 0),
    "view": ("views", 0),
}

_GONE = object()


def _variants(key: Key) -> Iterator[tuple[str, object]]:
    """Values a curator could write for ``key``, right or wrong, by its kind of value."""
    yield "missing", _GONE
    yield "null", None
    kind = key.kind
    if kind in ("line", "text", "id", "enum", "url", "zone", "date", "when"):
        yield "empty", ""
        yield "blank", "   "
        yield "a list", ["x"]
        yield "a mapping", {"x": "y"}
    if kind in ("line", "text"):
        yield "two lines", "one\ntwo"
        yield "spaced", "  padded words  "
        yield "a number", 7
    if key.max_length:
        yield "at the limit", "x" * key.max_length
        yield "over the limit", "x" * (key.max_length + 1)
        yield "at the limit with spaces around", "  " + "x" * key.max_length + "  "
        yield "runs of spaces inside", "a    b    c"
    if kind == "id":
        yield "not an id", "Bad Id"
        yield "an id with dots", "a.b_c"
        yield "an id with spaces around", "  az  "
        yield "a negative number", -7
        yield "a number", 7
        yield "a decimal number", 1.5
        yield "a boolean", True
    if kind in ("enum", "enums"):
        yield "not a choice", "nonsense" if kind == "enum" else ["nonsense"]
        yield (
            "a choice with spaces around",
            f" {key.choices[0]} " if kind == "enum" else [f" {key.choices[0]} "],
        )
    if kind in ("ids", "tags", "lines", "enums", "list"):
        yield "empty list", []
        yield "a text", "x"
        yield "a null item", [None]
        yield "an empty item", [""]
    if kind in ("ids", "tags", "lines"):
        yield "an item on two lines", ["a\nb"]
        yield "a list item", [["a"]]
    if kind == "tags":
        yield "a tag with dots and underscores", ["a.b_c"]
        yield "not a tag", ["Bad Tag"]
    if kind == "url":
        yield "not http", "ftp://example.org"
    if kind == "bool":
        yield "false", False
        yield "true in quotes", "true"
        yield "a word", "yes"
        yield "a number", 1
        yield "empty", ""


#: Variants of the rules that tie keys together (format.Section.rules): (section, changes, name).
COMBINED: list[tuple[str, dict[str, object], str]] = [
    ("account", {"by": _GONE, "actor": _GONE}, "neither by nor actor"),
    ("account", {"by": None, "actor": _GONE}, "by null, no actor"),
    ("account", {"by": "", "actor": _GONE}, "by empty, no actor"),
    ("account", {"by": "  ", "actor": _GONE}, "by blank, no actor"),
    ("account", {"by": _GONE, "actor": ""}, "no by, actor empty"),
    ("account", {"by": _GONE, "actor": None}, "no by, actor null"),
    ("account", {"by": _GONE}, "actor alone"),
    ("account", {"actor": _GONE}, "by alone"),
    ("event", {"kind": "report", "outcome": "held", "declined_by": _GONE}, "an outcome on a report"),
    ("event", {"kind": "report", "outcome": "", "declined_by": _GONE}, "an empty outcome on a report"),
    ("event", {"kind": "report", "outcome": None, "declined_by": _GONE}, "a null outcome on a report"),
    ("event", {"kind": "report", "outcome": "declined"}, "declined on a report"),
    ("event", {"kind": "meeting", "outcome": "", "declined_by": _GONE}, "an empty outcome on a meeting"),
    ("event", {"outcome": "held"}, "declined_by with another outcome"),
    ("event", {"outcome": "held", "declined_by": []}, "an empty declined_by with another outcome"),
    ("event", {"declined_by": "nk"}, "declined_by not a list"),
    ("event", {"date": "27 Sep – 10 Nov 2020", "end": _GONE}, "a range in date"),
]


def _cases() -> Iterator[Any]:
    for section, where in WHERE.items():
        for key in SECTIONS[section].keys:
            for name, value in _variants(key):
                yield pytest.param(section, where, {key.name: value}, id=f"{section}.{key.name}: {name}")
    for section, changes, name in COMBINED:
        yield pytest.param(section, WHERE[section], changes, id=f"{section}: {name}")


def _verdicts(document: dict[str, Any]) -> tuple[bool, bool, str]:
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    try:
        load_text([("t.yaml", text.encode("utf-8"))])
        check, said = True, ""
    except LoadError as exc:
        check, said = False, " | ".join(p.message for p in exc.problems if not p.warning)
    errors = list(VALIDATOR.iter_errors(as_yaml12(yaml.safe_load(text))))
    return check, not errors, said or "; ".join(e.message for e in errors[:2])


def test_the_base_file_is_valid_both_ways() -> None:
    assert _verdicts(BASE)[:2] == (True, True)


@pytest.mark.parametrize(("section", "where", "changes"), _cases())
def test_check_and_the_schema_agree(section: str, where: tuple[Any, ...], changes: dict[str, object]) -> None:
    document = copy.deepcopy(BASE)
    holder: Any = document
    for step in where:
        holder = holder[step]
    for key, value in changes.items():
        if value is _GONE:
            holder.pop(key, None)
        else:
            holder[key] = value
    ((key, value),) = list(changes.items())[:1]
    check, schema_ok, said = _verdicts(document)
    kind = SECTIONS[section][key].kind
    if kind in ("date", "when") and isinstance(value, str) and value.strip() and not check:
        pytest.skip("a date is read by the date grammar, which the schema describes but does not match")
    if SECTIONS[section][key].max_length and isinstance(value, (int, float)):
        pytest.skip("the length of a number: the schema sees the number, the loader the text written")
    if section == "timeline" and key in ("actors", "sources") and value in (_GONE, None, {}):
        # the events refer to them: a reference problem only 'timeline check' can see
        assert schema_ok and not check
        return
    reference = r"(link to an )?unknown \w+ id |view '[^']*': (unknown \w+ |no event has the id )"
    if not check and all(re.match(reference, m) for m in said.split(" | ")):
        # a reference to an id declared nowhere: only 'timeline check', which reads the whole file,
        # sees it; the schema still refuses what is not an id at all
        values = value if isinstance(value, list) else [value]
        written = [str(v).lower() if isinstance(v, bool) else str(v) for v in values]
        assert schema_ok == all(ID_PATTERN.match(v.strip()) for v in written), said
        return
    assert check == schema_ok, f"check says {check}, the schema says {schema_ok}: {said}"


# -- the README's reference of the format ------------------------------------------------------

#: In the README's example file: the path of keys down to each section.
_SECTION_AT = {
    (): "timeline",
    ("eras",): "era",
    ("actors", "*"): "actor",
    ("sources", "*"): "source",
    ("events",): "event",
    ("events", "quotes"): "quote",
    ("events", "links"): "link",
    ("events", "accounts"): "account",
    ("views",): "view",
}
_KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- )?(?P<key>[a-z0-9_.-]+):(?P<rest>.*)$")


def readme_reference() -> dict[str, dict[str, str]]:
    """Each section's keys as the README's example file writes them, with each key's comment."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## The timeline file", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    found: dict[str, dict[str, str]] = {}
    stack: list[tuple[int, str]] = []  # (indent of the key, key)
    for line in block.splitlines():
        match = _KEY_LINE.match(line)
        if not match:
            continue
        indent = len(match["indent"]) + (2 if match["dash"] else 0)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        path = tuple(key for _, key in stack)
        parents = tuple(
            "*" if len(path) == 2 and path[0] in ("actors", "sources") and i == 1 else p
            for i, p in enumerate(path)
        )
        section = _SECTION_AT.get(parents)
        comment = match["rest"].split("#", 1)[1].strip() if "#" in match["rest"] else ""
        if section is not None:
            found.setdefault(section, {})[match["key"]] = comment
        stack.append((indent, match["key"]))
    return found


def test_the_readme_names_exactly_the_tables_keys() -> None:
    reference = readme_reference()
    assert set(reference) == set(SECTIONS)
    for name, section in SECTIONS.items():
        assert list(reference[name]) == list(section.names), name


def test_the_readme_says_required_where_the_table_does() -> None:
    for name, keys in readme_reference().items():
        for key, comment in keys.items():
            if not comment:
                continue
            said = comment.split(":", 1)[0].split(",", 1)[0].split()[0].lower()
            if said in ("required", "optional"):
                assert (said == "required") == SECTIONS[name][key].required, (name, key, comment)
    # and every required key says so
    for name, keys in readme_reference().items():
        for key in SECTIONS[name].required:
            assert keys[key].lower().startswith("required"), (name, key, keys[key])


# -- the writers -----------------------------------------------------------------------------------


def _every_part(document: dict[str, Any], holder: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each section's instances in a written document (our JSON or a timeline file read as YAML)."""
    yield "timeline", document
    for era in document.get("eras") or []:
        yield "era", era
    for view in document.get("views") or []:
        yield "view", view
    for actor in (document.get("actors") or {}).values():
        yield "actor", actor
    for source in (document.get("sources") or {}).values():
        yield "source", source
    for event in document.get(holder) or []:
        yield "event", event
        for name, section in (("quotes", "quote"), ("links", "link"), ("accounts", "account")):
            for item in event.get(name) or []:
                yield section, item


def test_the_json_export_carries_every_key_of_the_table(tmp_path: Path) -> None:
    """Our JSON for programs holds every key of every section, so a key added to the table and
    the loader but not to the writer fails here."""
    from timeline.interop.jsonout import to_json_data

    path = tmp_path / "full.yaml"
    path.write_text(yaml.safe_dump(BASE, sort_keys=False, allow_unicode=True), encoding="utf-8")
    data = to_json_data(load_text([(str(path), path.read_bytes())]).timeline)
    seen: set[str] = set()
    for section, written in _every_part(data, "events"):
        seen.add(section)
        missing = [key for key in SECTIONS[section].names if key not in written]
        assert not missing, (section, missing)
    assert seen == set(SECTIONS)


@pytest.mark.parametrize("example", sorted((ROOT / "tests" / "data" / "timelinejs").glob("*.json")), ids=str)
def test_imported_files_write_the_tables_keys_in_its_order(example: Path) -> None:
    """The YAML writer, fed by the importer, writes only keys of the table, in the table's order."""
    from timeline.interop.importer import import_text
    from timeline.interop.report import ImportFailed

    try:
        text, _report, _count = import_text(example.name, example.read_bytes())
    except ImportFailed:
        pytest.skip("an example the importer refuses (tests/test_interop.py says why)")
    document = yaml.load(text, Loader=yaml.BaseLoader)  # every value as the text written
    for section, written in _every_part(document, "events"):
        order = SECTIONS[section].names
        assert set(written) <= set(order), (section, sorted(set(written) - set(order)))
        assert list(written) == [key for key in order if key in written], section
