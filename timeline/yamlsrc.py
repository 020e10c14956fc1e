"""Read a YAML file into a small tree of located nodes, refusing what a timeline never needs.

The tree is built straight from the parser's event stream (libyaml's when it
is available), not from PyYAML's composer and constructor, so that:

* every value keeps its line and column, for error messages, at no cost until one is needed:
  a scalar *is* the parser's event (with its mark), and a mapping or a list notes where it starts;
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
from dataclasses import dataclass
from typing import TypeAlias

import yaml
from yaml.reader import ReaderError

from .problems import MAX_PROBLEMS, Problem

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_DEPTH",
    "NULLS",
    "Mapping",
    "Node",
    "Refused",
    "Scalar",
    "Sequence",
    "SourceText",
    "compose",
    "is_null",
    "read_source",
    "too_large",
    "where",
]

try:  # libyaml's parser when PyYAML was built with it, the pure one otherwise
    _Parser: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Parser = yaml.SafeLoader

#: Deepest nesting a timeline needs is about 5 (events / event / quotes / quote / text).
MAX_DEPTH = 16
#: Files larger than this are refused unless the caller raises the limit.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024

#: What a plain scalar that means "nothing" is written as.
NULLS = frozenset(("", "~", "null", "Null", "NULL"))


#: An accepted scalar is the parser's own event: its ``value``, ``style`` (empty or None when
#: plain), ``tag`` and ``start_mark``. No object is made for it; its place is read from the
#: mark only when a message needs it.
Scalar = yaml.ScalarEvent


class Refused:
    """Stands in for something the reader refused (an alias, a tagged or anchored value, a list
    used as a key, a mapping with a merge key); that is already reported, so nothing more is said."""

    __slots__ = ("col", "line", "value")

    def __init__(self, line: int, col: int, value: str | None = None) -> None:
        self.line, self.col = line, col
        #: for a refused scalar, its text (a refused key still names its value); else None
        self.value = value


class Mapping(dict[str, "Node"]):
    """A mapping: its keys (text, in the order written, the first of a repeated key) to their values.

    ``key_events`` holds the keys' own events in the same order, for messages about a key.
    """

    __slots__ = ("key_events", "start_mark")
    key_events: list[yaml.ScalarEvent | Refused]
    start_mark: yaml.Mark | None

    @classmethod
    def at(cls, start_mark: yaml.Mark | None) -> Mapping:
        """An empty mapping that starts at ``start_mark`` (made without a Python ``__init__``: one
        is made for every event read)."""
        made = cls()
        made.start_mark = start_mark
        made.key_events = []
        return made

    def pairs(self) -> Iterator[tuple[yaml.ScalarEvent | Refused, Node]]:
        """Each key's event with its value, in the order written."""
        return zip(self.key_events, self.values(), strict=True)

    def key_event(self, key: str) -> yaml.ScalarEvent | Refused | None:
        for ev in self.key_events:
            if ev.value == key:
                return ev
        return None


class Sequence(list["Node"]):
    """A list, with where it starts."""

    __slots__ = ("start_mark",)
    start_mark: yaml.Mark | None


Node: TypeAlias = "yaml.ScalarEvent | Refused | Mapping | Sequence"


def where(node: Node) -> tuple[int, int]:
    """A node's line and column (1-based)."""
    if node.__class__ is Refused:
        return node.line, node.col
    mark = node.start_mark  # type: ignore[union-attr]
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def is_null(node: Node | None) -> bool:
    """Not written, or written as nothing (``~``, ``null``, an empty plain value)."""
    if node is None:
        return True
    return node.__class__ is Scalar and not node.style and node.tag is None and node.value in NULLS


@dataclass(slots=True)
class SourceText:
    """A file's bytes once they are known to be UTF-8 text within the size limit.

    The parser reads the bytes (libyaml decodes them itself, a little faster); the decoded
    text, as large again, is made only to word an error.
    """

    name: str
    data: bytes  # without a byte-order mark
    #: No value read from this text can hold a character that :func:`timeline.sanitize.clean`
    #: replaces: none is written raw, and there is no backslash, so no escape makes one.
    clean: bool = False

    @property
    def text(self) -> str:
        return self.data.decode("utf-8")


def _locate_offset(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    col = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return line, col


def _locate_index(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


#: What may not appear raw in a timeline file: C0 controls but tab, newline and
#: the CR of a CRLF; DEL; C1 controls; a BOM past the start; the noncharacters
#: U+FFFE and U+FFFF (YAML refuses them); and the line breaks YAML 1.1 knows but
#: editors do not show as such (a lone CR, U+2028, U+2029), which would also
#: shift the line numbers of everything after them.
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|\r(?!\n)")

#: Bytes (besides those of characters beyond ASCII) that may appear in a timeline file as they are.
_ASCII_ALLOWED = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F), *range(0x80, 0x100)])
#: The UTF-8 of the characters beyond ASCII in _RAW_CONTROL: C1 controls, U+2028, U+2029,
#: U+FEFF, U+FFFE, U+FFFF. Each pattern starts with a literal byte, so its search is a fast scan
#: (one pattern with the three as alternatives is 25 times slower).
_RAW_CONTROL_UTF8 = (
    re.compile(rb"\xc2[\x80-\x9f]"),
    re.compile(rb"\xe2\x80[\xa8\xa9]"),
    re.compile(rb"\xef(?:\xbb\xbf|\xbf[\xbe\xbf])"),
)
#: The UTF-8 of the characters that :func:`timeline.sanitize.clean` replaces and that may still be
#: written raw once _RAW_CONTROL finds none: the bidi embeddings, overrides and isolates.
_UNSAFE_IN_VALUES = re.compile(rb"\xe2(?:\x80[\xaa-\xae]|\x81[\xa6-\xa9])")


_NOT_ASCII_SPACE = re.compile(rb"[^ \t\n\r\x0b\x0c]")


def _may_hold_raw_control(data: bytes) -> bool:
    """Whether _RAW_CONTROL could match ``data``'s text: a check on the bytes, some 20 times faster.

    False only when it certainly does not match, so the exact search and its messages are
    needed only for a file that holds something of the kind.
    """
    if data.translate(None, _ASCII_ALLOWED):  # a C0 control other than tab, LF or CR, or DEL
        return True
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):  # a CR without its LF
        return True
    return not data.isascii() and any(pattern.search(data) for pattern in _RAW_CONTROL_UTF8)


_OTHER_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)

_EMPTY = "file is empty: a timeline needs a title and events"


def _raw_message(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    if ch in "\r\u2028\u2029":
        what = (
            "carriage return (U+000D) without a newline" if ch == "\r" else f"{code} {unicodedata.name(ch)}"
        )
        return (
            f"raw {what}: YAML reads it as a line break that editors may not show; "
            "use ordinary line breaks (LF or CRLF)"
        )
    if ch == "\ufeff":
        return f"byte-order mark ({code}) in the middle of the file; remove it"
    if ch in "\ufffe\uffff":
        return f"noncharacter {code} is not allowed in a YAML file; remove it"
    return (
        f"raw control character {code} is not allowed in a timeline file; write it as an escape "
        'in a double-quoted string ("\\x1b") if it is really meant'
    )


def too_large(size: int | None, max_bytes: int) -> str:
    """The message for a file over the size limit (``size`` None when it is not known)."""
    what = f"file is {size:,} bytes, over" if size is not None else "file is larger than"
    return (
        f"{what} the limit of {max_bytes:,} bytes (raise it with --max-size if the file really is a timeline)"
    )


def read_source(
    name: str, data: bytes, problems: list[Problem], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> SourceText | None:
    """Check raw bytes are a plausible timeline (size, encoding, no control bytes)."""
    if len(data) > max_bytes:
        problems.append(Problem(name, 1, 1, too_large(len(data), max_bytes)))
        return None
    for bom, encoding in _OTHER_BOMS:
        if data.startswith(bom):
            problems.append(
                Problem(
                    name,
                    1,
                    1,
                    f"file is {encoding} text (it starts with a {encoding} byte-order mark); "
                    "save it as UTF-8",
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
        text = data.decode("utf-8") if not data.isascii() else ""
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
    if _may_hold_raw_control(data) and _RAW_CONTROL.search(text := data.decode("utf-8")):
        line, counted = 1, 0  # newlines are counted once, however many characters are reported
        for count, match in enumerate(_RAW_CONTROL.finditer(text)):
            at = match.start()
            line += text.count("\n", counted, at)
            counted = at
            col = at - text.rfind("\n", 0, at)
            if count == MAX_PROBLEMS:
                more = len(_RAW_CONTROL.findall(text, match.start()))
                problems.append(Problem(name, line, col, f"and {more:,} more raw control characters"))
                break
            problems.append(Problem(name, line, col, _raw_message(match.group())))
        return None
    del text  # checked: only the bytes are kept (see SourceText)
    first = _NOT_ASCII_SPACE.search(data)
    if first is None or (data[first.start()] >= 0x80 and data[first.start() :].decode("utf-8").isspace()):
        problems.append(Problem(name, 1, 1, _EMPTY))
        return None
    clean = b"\\" not in data and b"\r" not in data and not _UNSAFE_IN_VALUES.search(data)
    return SourceText(name, data, clean=clean)


_STD_TAG = "tag:yaml.org,2002:"

#: Characters that give a value a meaning other than plain text when they start it.
_SPECIAL_START = frozenset("[]{}\"'!&*|>@`%,")
_VALUE_START = re.compile(r"\s*(?:-\s+(?:[^:\s][^:]*:\s+)?|[^:\s][^:]*:\s+)(\S)")


def _line_at(text: str, line: int) -> str:
    parts = text.split("\n", line)
    return parts[line - 1] if 0 < line <= len(parts) else ""


#: The words of the parsers' messages that choose a hint or our own wording, by what they mean.
#: A parser's wording is no API: tests/test_hostile.py makes libyaml (0.2.6 when written) and
#: PyYAML's pure-Python parser (6.0.4) fail on a sample for each entry, and fails loudly, naming
#: the entry, if the words are gone; PARSER_WORDS_ONLY_IN_LIBYAML lists those the pure parser
#: never says (it has no nesting limit; a tab is found by its column instead).
PARSER_WORDS = {
    "mapping value": "mapping values are not allowed",
    "tab": "tab character",
    "sequence entry": "sequence entries are not allowed",
    "escape": "escape",
    "document start": "document start",
    "in a flow sequence": "flow sequence",
    "in a flow mapping": "flow mapping",
    "in a quoted value": "quoted scalar",
    "at the end": "end of stream",
    "too deep": "maximum nesting depth",
}
PARSER_WORDS_ONLY_IN_LIBYAML = frozenset(("tab", "too deep"))


def _says(message: str, what: str) -> bool:
    return PARSER_WORDS[what] in message.lower()


def _hint(problem: str, context: str, source_line: str, col: int) -> str:
    if _says(problem, "mapping value"):
        return "if this is text containing ': ', put the whole value in quotes"
    if _says(problem, "tab") or source_line[col - 1 : col] == "\t":
        return "indent with spaces: YAML does not allow tabs there"
    if _says(problem, "sequence entry"):
        return "a value starting with '- ' is read as a list; if this is text, put the whole value in quotes"
    if _says(problem, "escape"):
        return (
            "in double quotes a backslash starts an escape (\\n, \\x1b); "
            "write \\\\ for a backslash, or use single quotes"
        )
    if _says(problem, "document start"):
        return "a timeline file is one YAML document: remove the '...' or '---' line before this"
    if _says(context, "in a flow sequence"):
        return "is a ']' or a ',' missing?"
    if _says(context, "in a flow mapping"):
        return "is a '}' or a ',' missing?"
    m = _VALUE_START.match(source_line)
    if m and m.group(1) in _SPECIAL_START:
        return (
            f"a value starting with {m.group(1)!r} means something else than text in YAML; "
            "if this is text, put the whole value in quotes"
        )
    return ""


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str]:
    """Where and what a parser error is, in words for a curator, with a hint when one helps."""
    problem, context = exc.problem or "", exc.context or ""
    mark, cmark = exc.problem_mark or exc.context_mark, exc.context_mark
    if _says(context, "in a quoted value") and _says(problem, "at the end") and cmark is not None:
        return (
            cmark.line + 1,
            cmark.column + 1,
            "YAML syntax error: this quoted value is never closed; add the closing quote "
            "(inside the value, write \\\" in double quotes and '' in single quotes)",
        )
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if _says(problem, "too deep"):
        # libyaml 0.2.6 stops at 1,000 levels while scanning ahead, before the events reach our own
        # limit: the same error in our words, at libyaml's place on the same line.
        return line, col, f"nesting is deeper than {MAX_DEPTH} levels; a timeline never needs that"
    last = text.count("\n") + 1
    if line > last:  # libyaml can place the end of a file without a final newline on a line after it
        line, col = last, len(text) - text.rfind("\n")
    if context and cmark is not None and (cmark.line, cmark.column) != (line - 1, col - 1):
        context = f"{context} that starts at line {cmark.line + 1}, column {cmark.column + 1}"
    what = f"{problem} ({context})" if problem and context else problem or context or "syntax error"
    hint = _hint(problem, context, _line_at(text, line), col)
    return line, col, f"YAML syntax error: {what}" + (f"; {hint}" if hint else "")


_ScalarEv, _MapStart, _MapEnd = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.MappingEndEvent
_SeqStart, _SeqEnd, _Alias = yaml.SequenceStartEvent, yaml.SequenceEndEvent, yaml.AliasEvent
_DocStart, _StreamEnd = yaml.DocumentStartEvent, yaml.StreamEndEvent


class _Stop(Exception):
    """Too many problems in one file: stop reading it."""


class _Mark:
    """What an open collection awaits: the next item of a list, a mapping's next key, or the value
    of a key to drop (a key repeated, refused or not a plain value)."""


_ITEM, _KEY, _DROP = _Mark(), _Mark(), _Mark()


def _marks_at(a: yaml.Mark | None, b: yaml.Mark | None) -> bool:
    return a is not None and b is not None and (a.line, a.column) == (b.line, b.column)


def _at(ev: yaml.Event) -> tuple[int, int]:
    mark = ev.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def compose(
    src: SourceText,
    problems: list[Problem],
    *,
    stream_key: str | None = None,
    on_item: Callable[[Node], None] | None = None,
    on_top: Callable[[str, Node], None] | None = None,
) -> Node | None:
    """Build the located tree of ``src``'s single document, in one pass over the parser's events.

    When ``stream_key`` and ``on_item`` are given, each item of the list found under that key
    of the top-level mapping is passed to ``on_item`` as soon as it is complete, and not kept
    in the tree (which holds that key's list, empty). ``on_top``, when given, is called with
    each key of the top-level mapping and its value as soon as the value is complete (so the
    sections written before the streamed list are known while its items are read).
    Problems go to ``problems``; the result is None when the file could not be read to its end
    (a syntax error, too deep, too many problems). Refused values (aliases, anchored or tagged
    values, mappings with a merge key, lists or mappings used as keys) are reported here and
    appear in the tree as :class:`Refused`.
    """
    name = src.name
    #: for each open collection but the innermost, what it awaits: _ITEM (the next item of a
    #: list); for a mapping _KEY (its next key), the key (text) whose value comes next, or _DROP
    stack: list[tuple[Mapping | Sequence | None, object]] = []
    refused_ids: set[int] = set()  # open collections to replace by Refused when they close
    aliases_reported: set[str] = set()
    root: Node | None = None
    stream: Sequence | None = None
    item_problems: int | None = None  # how many problems there were before the last item streamed
    documents = 0
    errors = 0

    def err(line: int, col: int, message: str) -> None:
        nonlocal errors
        problems.append(Problem(name, line, col, message))
        errors += 1
        if errors >= MAX_PROBLEMS:
            problems.append(
                Problem(name, line, col, f"too many problems; stopped reading this file after {errors}")
            )
            raise _Stop

    def refuse_marked(ev: yaml.NodeEvent) -> None:
        """Report an anchor or a tag (but the non-specific ``!`` on a scalar)."""
        line, col = _at(ev)
        if ev.anchor is not None:
            err(
                line,
                col,
                f"anchors (&{ev.anchor}) are not allowed in a timeline; remove it, "
                f"and write the value out wherever *{ev.anchor} is used",
            )
        tag = getattr(ev, "tag", None)
        if tag is not None and not (ev.__class__ is _ScalarEv and tag == "!"):
            shown = "!!" + tag[len(_STD_TAG) :] if tag.startswith(_STD_TAG) else tag
            err(line, col, f"explicit tags ({shown!r}) are not allowed in a timeline")

    loader = _Parser(src.data)
    get = loader.get_event
    new_mapping, new_sequence = Mapping.at, Sequence
    # The open collection the next node goes into, and what it awaits; the ones around it, saved.
    parent: Mapping | Sequence | None = None
    awaited: object = None
    top: Mapping | None = None  # the document's top-level mapping
    dropped: str | None = None  # the text of the key whose value is dropped, if it has one
    node: Node
    try:
        while True:
            ev = get()
            cls = ev.__class__
            if cls is _ScalarEv:
                if ev.anchor is not None or (ev.tag is not None and ev.tag != "!"):
                    refuse_marked(ev)
                    node = Refused(*_at(ev), ev.value)
                else:
                    node = ev
            elif cls is _MapStart or cls is _SeqStart:
                if len(stack) >= MAX_DEPTH:
                    err(*_at(ev), f"nesting is deeper than {MAX_DEPTH} levels; a timeline never needs that")
                    return None
                stack.append((parent, awaited))
                if cls is _MapStart:
                    mapping = new_mapping(ev.start_mark)
                    opened: Mapping | Sequence = mapping
                    if parent is None:
                        top = mapping
                    awaited = _KEY
                else:
                    opened = new_sequence()
                    opened.start_mark = ev.start_mark
                    if (
                        parent is top
                        and parent is not None
                        and on_item is not None
                        and (awaited == stream_key or (awaited is _DROP and dropped == stream_key))
                    ):
                        stream = opened  # (a repeated key's list too, for the problems in it)
                    awaited = _ITEM
                if ev.anchor is not None or ev.tag is not None:
                    refuse_marked(ev)
                    refused_ids.add(id(opened))
                parent = opened
                continue
            elif cls is _MapEnd or cls is _SeqEnd:
                node = parent  # type: ignore[assignment]
                parent, awaited = stack.pop()
                if refused_ids and id(node) in refused_ids:
                    refused_ids.discard(id(node))
                    node = Refused(*where(node))
            elif cls is _Alias:
                line, col = _at(ev)
                anchor = ev.anchor or ""
                if anchor not in aliases_reported:
                    aliases_reported.add(anchor)
                    err(
                        line,
                        col,
                        f"aliases (*{anchor}) are not allowed in a timeline; write the value out at each use",
                    )
                node = Refused(line, col)
            elif cls is _DocStart:
                documents += 1
                if documents > 1:
                    err(
                        *_at(ev),
                        "file holds more than one YAML document (a second '---'); a timeline is one document",
                    )
                    break
                continue
            elif cls is _StreamEnd:
                break
            else:
                continue  # the stream's start, a document's end
            # Attach the node to the collection it is in.
            if awaited is _KEY:  # the node is a key of a mapping
                assert isinstance(parent, Mapping)
                if node.__class__ is not _ScalarEv:
                    if node.__class__ is Refused and node.value is not None:
                        # a tagged or anchored key, reported: its value is still read under its text
                        key = node.value
                        if key in parent:
                            awaited, dropped = _DROP, key
                        else:
                            parent.key_events.append(node)
                            awaited = key
                        continue
                    if node.__class__ is not Refused:
                        line, col = where(node)
                        err(line, col, "a mapping key must be a plain value, not a list or mapping")
                    awaited, dropped = _DROP, None
                    continue
                key = node.value
                if key == "<<" and not node.style and node.tag is None:
                    err(*_at(node), "merge keys (<<) are not allowed in a timeline; write the keys out")
                    refused_ids.add(id(parent))
                    awaited, dropped = _DROP, None
                elif key in parent:
                    first = parent.key_event(key)
                    line, col = _at(node)
                    err(
                        line,
                        col,
                        f"key {key!r} appears twice in this mapping "
                        f"(first on line {where(first)[0] if first else '?'}, again on line {line})",
                    )
                    awaited, dropped = _DROP, key  # (its value is still read, for what it holds)
                else:
                    parent.key_events.append(node)
                    awaited = key
            elif awaited is _ITEM:
                if parent is stream:
                    item_problems = len(problems)
                    on_item(node)  # type: ignore[misc]
                else:
                    parent.append(node)  # type: ignore[union-attr]
            elif awaited is _DROP:
                awaited = _KEY
            elif parent is None:
                root = node
            else:
                parent[awaited] = node  # type: ignore[index, call-overload]
                if parent is top and on_top is not None:
                    on_top(awaited, node)  # type: ignore[arg-type]
                awaited = _KEY
    except _Stop:
        return None
    except yaml.MarkedYAMLError as exc:
        if (
            item_problems is not None
            and stream is not None
            and _marks_at(exc.context_mark, stream.start_mark)
        ):
            # an error between two items of the list: the item just read was cut short by it (a line
            # indented wrong ends it), so what it lacks is the error's doing, not more problems
            del problems[item_problems:]
        problems.append(Problem(name, *_syntax_problem(exc, src.text)))
        return None
    except ReaderError as exc:  # the character checks in read_source should leave none
        text = src.text
        line, col = _locate_index(text, min(max(exc.position, 0), len(text)))
        problems.append(
            Problem(
                name, line, col, f"YAML error: character U+{exc.character:04X} is not allowed ({exc.reason})"
            )
        )
        return None
    except yaml.YAMLError as exc:  # anything else the parser refuses, without a mark
        problems.append(Problem(name, 1, 1, f"YAML error: {' '.join(str(exc).split())}"))
        return None
    finally:
        dispose = getattr(loader, "dispose", None)
        if dispose is not None:
            dispose()
    if documents == 0 or root is None:
        problems.append(
            Problem(name, 1, 1, "file is empty (nothing but comments): a timeline needs a title and events")
        )
        return None
    if is_null(root):
        problems.append(Problem(name, 1, 1, _EMPTY))
        return None
    return root
