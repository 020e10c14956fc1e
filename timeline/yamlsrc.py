"""Read a YAML file into a small tree of located nodes, refusing what a timeline never needs.

The tree is built straight from the parser's event stream (libyaml's when it
is available), not from PyYAML's composer and constructor, so that:

* every value keeps its line and column, for error messages;
* no YAML 1.1 type guessing happens: a scalar stays the text it was written
  as (``NO`` is the string "NO", ``007`` is "007"); the schema decides what a
  value means;
* anchors, aliases and explicit tags are refused as they are met, so nothing
  is ever expanded (no "billion laughs") and no tag can construct an object;
* nesting is tracked without recursion and capped;
* the items of one chosen sequence (the ``events`` list) can be handed to a
  callback one by one and dropped, so a large file is never held whole.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Union

import yaml

from .problems import MAX_PROBLEMS, Problem

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_DEPTH",
    "Mapping",
    "Node",
    "Scalar",
    "Sequence",
    "SourceText",
    "compose",
    "read_source",
]

try:  # libyaml's parser when PyYAML was built with it, the pure one otherwise
    _Parser: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Parser = yaml.SafeLoader

#: Deepest nesting a timeline needs is about 5 (events / event / quotes / quote / text).
MAX_DEPTH = 16
#: Files larger than this are refused unless the caller raises the limit.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024

_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


@dataclass(slots=True)
class Scalar:
    value: str
    line: int
    col: int
    plain: bool = True

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in _NULLS


@dataclass(slots=True)
class Mapping:
    line: int
    col: int
    items: list[tuple[Scalar, Node]] = field(default_factory=list)

    def get(self, key: str) -> Node | None:
        for k, v in self.items:
            if k.value == key:
                return v
        return None


@dataclass(slots=True)
class Sequence:
    line: int
    col: int
    items: list[Node] = field(default_factory=list)
    streamed: int = 0  # items handed to a callback instead of kept


Node = Union[Scalar, Mapping, Sequence]


@dataclass(slots=True)
class SourceText:
    """A file's text once it is known to be UTF-8 text within the size limit."""

    name: str
    text: str


def _locate_offset(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    col = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return line, col


#: C0 controls but tab, newline and carriage return; DEL; C1 controls; a BOM past the start.
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]")


def read_source(
    name: str, data: bytes, problems: list[Problem], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> SourceText | None:
    """Check raw bytes are a plausible timeline (size, encoding, no control bytes)."""
    if len(data) > max_bytes:
        problems.append(
            Problem(
                name,
                1,
                1,
                f"file is {len(data):,} bytes, over the limit of {max_bytes:,} bytes "
                "(raise it with --max-size if this file really is a timeline)",
            )
        )
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _locate_offset(data, nul)
        problems.append(Problem(name, line, col, "file is binary (NUL byte), not a YAML text file"))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _locate_offset(data, exc.start)
        problems.append(
            Problem(
                name,
                line,
                col,
                f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
            )
        )
        return None
    if not text.strip():
        problems.append(Problem(name, 1, 1, "file is empty: a timeline needs title, actors, sources and events"))
        return None
    found = False
    for match in _RAW_CONTROL.finditer(text):
        ch = match.group()
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        label = unicodedata.name(ch, "") or "control character"
        problems.append(
            Problem(
                name,
                line,
                col,
                f"raw control character U+{ord(ch):04X} {label} is not allowed in a "
                'timeline file; write it as an escape in a double-quoted string ("\\x1b") '
                "if it is really meant",
            )
        )
        found = True
        if len(problems) >= MAX_PROBLEMS:
            break
    return None if found else SourceText(name, text)


def _events(text: str) -> Iterator[yaml.Event]:
    loader = _Parser(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


def compose(
    src: SourceText,
    problems: list[Problem],
    *,
    stream_key: str | None = None,
    on_item: Callable[[Node], None] | None = None,
) -> Node | None:
    """Build the located tree of ``src``'s single document.

    When ``stream_key`` and ``on_item`` are given, each item of the sequence
    found under that key of the top-level mapping is passed to ``on_item``
    as soon as it is complete, and not kept in the tree.
    Problems go to ``problems``; the result is None when nothing usable was read.
    """
    name = src.name
    stack: list[Node] = []
    pending_key: list[Scalar | None] = []  # for mappings: the key awaiting its value
    keys_seen: list[dict[str, int] | None] = []
    root: Node | None = None
    documents = 0

    def err(line: int, col: int, message: str) -> None:
        problems.append(Problem(name, line, col, message))

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, Sequence):
            if (
                on_item is not None
                and len(stack) == 2
                and isinstance(stack[0], Mapping)
                and (awaiting := pending_key[0]) is not None
                and awaiting.value == stream_key
            ):
                parent.streamed += 1
                on_item(node)
            else:
                parent.items.append(node)
            return
        assert isinstance(parent, Mapping)
        key = pending_key[-1]
        if key is None:
            if not isinstance(node, Scalar):
                err(node.line, node.col, "a mapping key must be a plain value, not a list or mapping")
                node = Scalar("?", node.line, node.col)
            seen = keys_seen[-1]
            assert seen is not None
            if node.value in seen:
                err(
                    node.line,
                    node.col,
                    f"key {node.value!r} appears twice in this mapping "
                    f"(first on line {seen[node.value]}, again on line {node.line})",
                )
            else:
                seen[node.value] = node.line
            pending_key[-1] = node
        else:
            parent.items.append((key, node))
            pending_key[-1] = None

    try:
        for ev in _events(src.text):
            line, col = ev.start_mark.line + 1, ev.start_mark.column + 1
            if len(problems) >= MAX_PROBLEMS:
                return None
            if isinstance(ev, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    err(line, col, "file holds more than one YAML document; a timeline is one document")
                    return None
                continue
            if isinstance(ev, yaml.AliasEvent):
                err(line, col, f"aliases (*{ev.anchor}) are not allowed in a timeline; write the value out")
                attach(Scalar("", line, col))
                continue
            if isinstance(ev, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if ev.anchor is not None:
                    err(line, col, f"anchors (&{ev.anchor}) are not allowed in a timeline; write the value out")
                if ev.tag is not None and not (isinstance(ev, yaml.ScalarEvent) and ev.tag == "!"):
                    err(line, col, f"explicit tags ({ev.tag}) are not allowed in a timeline")
            if isinstance(ev, yaml.ScalarEvent):
                attach(Scalar(ev.value, line, col, plain=not ev.style))
            elif isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if len(stack) >= MAX_DEPTH:
                    err(line, col, f"nesting is deeper than {MAX_DEPTH} levels; a timeline never needs that")
                    return None
                node: Node = Mapping(line, col) if isinstance(ev, yaml.MappingStartEvent) else Sequence(line, col)
                stack.append(node)
                pending_key.append(None)
                keys_seen.append({} if isinstance(node, Mapping) else None)
            elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                done = stack.pop()
                pending_key.pop()
                keys_seen.pop()
                attach(done)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "syntax error"
        if exc.context and exc.problem:
            what = f"{what} ({exc.context})"
        err(line, col, f"YAML syntax error: {what}")
        return None
    except yaml.YAMLError as exc:  # reader errors without a mark
        err(1, 1, f"YAML error: {' '.join(str(exc).split())}")
        return None
    if documents == 0 or root is None:
        err(1, 1, "file is empty: a timeline needs title, actors, sources and events")
        return None
    return root
