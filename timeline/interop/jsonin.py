"""``timeline import`` of our own JSON (``timeline export -f json``, :mod:`.jsonout`): the way back.

Each section's keys are read by their kind in the format table (:mod:`timeline.format`), so a
key added to the table and to the writer comes back with no change here. What the writer works
out for programs is not read: the ``display``, ``first`` and ``last`` of dates and events, and
``format``, ``version`` and ``filter``; a date is what was ``written`` (a string alone is read
as that too). Any other key is counted as not kept.

The mapping made is then loaded as a timeline file is, so every check of ``timeline check``
applies, and a problem is given at its place in the JSON: ``FILE:LINE:COL`` of the value (or of
the object that lacks it).
"""

from __future__ import annotations

import bisect
import re
from typing import Any

import yaml

from ..format import DATE_KINDS, SECTIONS, TEXT_KINDS, TEXTS_KINDS, Section
from ..load import DEFAULT_MAX_BYTES, load_text
from ..problems import LoadError
from ..sanitize import clean
from . import jsonpos, textin
from .jsonout import FORMAT_NAME, VERSION
from .naming import path_label
from .report import ImportFailed, ImportReport
from .yamlout import dump

__all__ = ["looks_like", "read", "recognise"]

looks_like = f'a JSON object with "format": "{FORMAT_NAME}"'

_MARK = re.compile(r'"format"\s*:\s*"' + re.escape(FORMAT_NAME) + '"')

#: What the writer adds for programs, by section: not read back.
_DERIVED: dict[str, frozenset[str]] = {
    "timeline": frozenset(("format", "version", "filter")),
    "event": frozenset(("first", "last", "display")),
}
_DATE_DERIVED = frozenset(("display", "first", "last"))

Path = tuple[str | int, ...]


def recognise(head: str) -> bool:
    """Whether the start of a file is our JSON: an object that says ``"format": "timeline-explorer"``
    (first, as the writer puts it, or anywhere in the first 4 KiB)."""
    return head.startswith("{") and _MARK.search(head) is not None


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"


def _shown(path: Path) -> str:
    """A path as every import names it (events and eras counted from 1): ``event 3: date``."""
    return path_label(tuple(path)) if path else "the document"


class _Reader:
    def __init__(self, name: str, text: str, report: ImportReport) -> None:
        self.name = name
        self.text = text
        self.report = report
        #: where a value of the mapping made came from in the JSON, where the two paths differ
        self.origin: dict[Path, Path] = {}
        #: where each value of the YAML checked starts, once a message needs it
        self.starts: dict[tuple[int, int], Path] = {}
        self.places: list[tuple[int, int]] = []

    def at(self, path: Path) -> str:
        line, col = jsonpos.line_col(self.text, jsonpos.find(self.text, path))
        return f"{self.name}:{line}:{col}"

    def fail(self, path: Path, message: str) -> ImportFailed:
        return ImportFailed(clean(f"{self.at(path)}: {message}")[0])

    def expect(self, value: Any, kind: type, path: Path, what: str) -> Any:
        if not isinstance(value, kind) or isinstance(value, bool):
            raise self.fail(path, f"{_shown(path)} must be {what}, not {_kind(value)}")
        return value

    # -- values by their kind in the table -------------------------------------------------
    def section(self, obj: Any, name: str, path: Path) -> dict[str, Any]:
        section: Section = SECTIONS[name]
        obj = self.expect(obj, dict, path, "an object {...}")
        derived = _DERIVED.get(name, frozenset())
        for key in obj:
            if key not in section.names and key not in derived:
                self.report.lose(f"unknown {name} fields ({key})")
        out: dict[str, Any] = {}
        for key in section.keys:
            value = obj.get(key.name)
            if value is None:
                continue
            at = (*path, key.name)
            read = self.value(value, key.kind, key.of, at)
            if read not in ("", [], {}):
                out[key.name] = read
        return out

    def value(self, value: Any, kind: str, of: str, path: Path) -> Any:
        if kind in TEXT_KINDS:
            return self.expect(value, str, path, "text")
        if kind in TEXTS_KINDS:
            items = self.expect(value, list, path, "a list [...]")
            return [self.expect(item, str, (*path, n), "text") for n, item in enumerate(items)]
        if kind in DATE_KINDS:
            return self.date(value, path)
        if kind == "bool":
            if not isinstance(value, bool):
                raise self.fail(path, f"{_shown(path)} must be true or false, not {_kind(value)}")
            return value
        if kind == "list":
            items = self.expect(value, list, path, "a list [...]")
            return [self.section(item, of, (*path, n)) for n, item in enumerate(items)]
        if kind == "map":
            items = self.expect(value, dict, path, "an object {...}")
            return {key: self.section(item, of, (*path, key)) for key, item in items.items()}
        raise AssertionError(f"a kind of value with no reader: {kind}")  # the table's kinds are all above

    def date(self, value: Any, path: Path) -> str:
        if isinstance(value, str):
            return value
        obj = self.expect(value, dict, path, 'a date {"written": ...} or text')
        for key in obj:
            if key != "written" and key not in _DATE_DERIVED:
                self.report.lose(f"unknown date fields ({key})")
        if "written" not in obj:
            raise self.fail(path, f'{_shown(path)} has no "written": the date as the timeline file writes it')
        self.origin[path] = (*path, "written")
        return self.expect(obj["written"], str, (*path, "written"), "text")  # type: ignore[no-any-return]

    # -- the document ------------------------------------------------------------------------
    def document(self, doc: Any) -> dict[str, Any]:
        if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
            said = f'no "format": "{FORMAT_NAME}"'
            raise self.fail((), f"not timeline's JSON ({said}); give --format if it is another format")
        version = doc.get("version")
        if type(version) is not int or version < 1:
            shown = version if type(version) is int else _kind(version)
            raise self.fail(("version",), f"version must be a whole number from 1, not {shown}")
        if version > VERSION:
            raise self.fail(
                ("version",),
                f"written by a newer timeline (JSON version {version}); this one reads version {VERSION}: "
                "upgrade timeline to import it",
            )
        out = self.section(doc, "timeline", ())
        flt = doc.get("filter")
        if isinstance(flt, str) and flt.strip():
            self.report.change("events chosen by a filter when exported", flt.strip())
            self.dangling_links(out)
        return out

    def dangling_links(self, doc: dict[str, Any]) -> None:
        """A filtered export keeps links to events it left out: they cannot be kept."""
        ids = {e.get("id") for e in doc.get("events", [])}
        for event in doc.get("events", []):
            links = event.get("links", [])
            kept = [link for link in links if link.get("to") in ids]
            if len(kept) < len(links):
                self.report.lose("links to events the filter left out", len(links) - len(kept))
                if kept:
                    event["links"] = kept
                else:
                    del event["links"]

    # -- checking it as a timeline file --------------------------------------------------------
    def check(self, doc: dict[str, Any]) -> None:
        """Load ``doc`` as a timeline file; its first error, if any, at its place in the JSON."""
        text = dump(doc)
        data = text.encode()
        try:
            loaded = load_text([(self.name, data)], max_bytes=max(DEFAULT_MAX_BYTES, len(data) + 1))
        except LoadError as exc:
            first, more = exc.errors[0], len(exc.errors) - 1
            tail = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
            where = self.at(self.json_path(text, first.line, first.col))
            raise ImportFailed(clean(f"{where}: {first.message}{tail}")[0]) from None
        for warning in loaded.warnings:
            where = self.at(self.json_path(text, warning.line, warning.col))
            self.report.change("warnings of 'timeline check'", f"{where}: {warning.message}")

    def json_path(self, text: str, line: int, col: int) -> Path:
        """The path in the JSON of what the YAML ``text`` holds at ``line``:``col``."""
        if not self.starts:
            self.starts = _node_starts(text)
            self.places = sorted(self.starts)
        n = bisect.bisect_right(self.places, (line, col)) - 1
        path = self.starts[self.places[max(n, 0)]]
        return self.origin.get(path, path)


def _node_starts(text: str) -> dict[tuple[int, int], Path]:
    """Where each value of YAML ``text`` (the writer's, so plain YAML) starts, and its path; where a
    mapping and its first key start together, the mapping's; a key stands for its value."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    root = yaml.compose(text, Loader=loader)
    starts: dict[tuple[int, int], Path] = {}
    stack: list[tuple[yaml.Node, Path]] = [(root, ())] if root is not None else []
    while stack:
        node, path = stack.pop()
        starts.setdefault((node.start_mark.line + 1, node.start_mark.column + 1), path)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                inner = (*path, key.value)
                starts.setdefault((key.start_mark.line + 1, key.start_mark.column + 1), inner)
                stack.append((value, inner))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*path, n)) for n, item in enumerate(node.value))
    return starts


def read(name: str, data: bytes, report: ImportReport, default_title: str) -> dict[str, Any]:
    """The timeline YAML mapping for our JSON; :class:`ImportFailed` if it is not ours or not valid."""
    # Read as every JSON importer reads text (UTF-8 or UTF-16 with its mark; a key twice refused).
    text, doc = textin.load_json(name, data)
    reader = _Reader(name, text, report)
    out = reader.document(doc)
    reader.check(out)
    return out
