"""Where each object and list of a JSON document starts, so an import's messages can name a line.

The standard library's ``json`` gives values, not positions. Its pure-Python scanner,
``json.scanner.py_make_scanner(context)``, reads ``context.parse_object`` and
``context.parse_array`` and calls them with ``((text, offset just past the bracket), ...)``;
hooks put there wrap ``json.decoder.JSONObject`` and ``JSONArray`` and note each offset. None of
those three names is documented API (typeshed leaves them out), so every reach into them is here.

Checked against CPython 3.10, 3.11, 3.12 and 3.13 (the same names and call signatures in each,
and in the main branch in 2025). :func:`hooks_work` tries them once on a known document; where
they are missing or place it wrongly, :func:`parse` gives None and the importer places its
messages at ``FILE:1:1`` (a message still names the event and the field). The tests fail loudly
when that happens on a Python the project supports (tests/test_interop.py).

:func:`find` places any value, scalars too, by its path, with ``json``'s documented
``raw_decode`` alone (the reader of our own JSON, :mod:`.jsonin`, uses it).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from json import decoder as _decoder
from json import scanner as _scanner
from typing import Any

__all__ = ["duplicate_key", "find", "hooks_work", "line_col", "parse"]

# The private names, or None where a Python no longer has them.
_JSON_OBJECT: Any = getattr(_decoder, "JSONObject", None)
_JSON_ARRAY: Any = getattr(_decoder, "JSONArray", None)
_PY_MAKE_SCANNER: Any = getattr(_scanner, "py_make_scanner", None)


class Located(dict):  # type: ignore[type-arg]
    """A JSON object that knows the offset of its ``{`` in the text."""

    pos = 0


class LocatedList(list):  # type: ignore[type-arg]
    """A JSON list that knows the offset of its ``[`` in the text."""

    pos = 0


def _parse(text: str) -> Any:
    dec = json.JSONDecoder()

    def parse_object(s_and_end: tuple[str, int], *args: Any, **kw: Any) -> tuple[Any, int]:
        obj, end = _JSON_OBJECT(s_and_end, *args, **kw)
        found = Located(obj)
        found.pos = s_and_end[1] - 1
        return found, end

    def parse_array(s_and_end: tuple[str, int], *args: Any, **kw: Any) -> tuple[Any, int]:
        arr, end = _JSON_ARRAY(s_and_end, *args, **kw)
        found = LocatedList(arr)
        found.pos = s_and_end[1] - 1
        return found, end

    setattr(dec, "parse_object", parse_object)  # noqa: B010  (read by the scanner made next)
    setattr(dec, "parse_array", parse_array)  # noqa: B010
    setattr(dec, "scan_once", _PY_MAKE_SCANNER(dec))  # noqa: B010
    return dec.decode(text)


#: A document and where its objects and lists start: (path, offset).
_PROBE = '{"a": [1, {"b": []}],\n "c": {}}'
_PROBE_AT = [((), 0), (("a",), 6), (("a", 1), 10), (("a", 1, "b"), 16), (("c",), 28)]


@functools.cache
def hooks_work() -> bool:
    """Whether this Python's private JSON hooks are there and place the known document right."""
    if _JSON_OBJECT is None or _JSON_ARRAY is None or _PY_MAKE_SCANNER is None:
        return False
    try:
        doc = _parse(_PROBE)
        found = []
        for path, _ in _PROBE_AT:
            node = doc
            for key in path:
                node = node[key]
            found.append((path, node.pos))
    except Exception:  # any way the private API may have changed: no positions, not a crash
        return False
    return found == _PROBE_AT and doc == json.loads(_PROBE)


def parse(text: str) -> Any | None:
    """Valid JSON ``text`` parsed again, each object and list a :class:`Located` or
    :class:`LocatedList` knowing where it starts; None when positions cannot be had (the hooks do
    not work on this Python, or the document is nested deeper than the pure-Python scanner goes)."""
    if not hooks_work():
        return None
    try:
        return _parse(text)
    except RecursionError:
        return None


def line_col(text: str, pos: int) -> tuple[int, int]:
    """The 1-based line and column of offset ``pos`` in ``text``."""
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


_WS = re.compile(r"[ \t\n\r]*")


def _skip(text: str, i: int) -> int:
    """Where the JSON whitespace at ``i`` ends."""
    found = _WS.match(text, i)
    return found.end() if found else i


def find(text: str, path: Sequence[str | int]) -> int:
    """The offset in valid JSON ``text`` where the value at ``path`` (object keys and list
    indexes) starts, or, where the path leaves the document, where the deepest value on it starts.

    Unlike :func:`parse` this places scalars too, and needs nothing private: it steps over each
    member before the one wanted with :meth:`json.JSONDecoder.raw_decode`, without recursion. When
    a key is repeated, the last one counts, as in :func:`json.loads`.
    """
    decoder = json.JSONDecoder()
    pos = _skip(text, 0)
    for step in path:
        found = _member(decoder, text, pos, step)
        if found is None:
            break
        pos = found
    return pos


def _member(decoder: json.JSONDecoder, text: str, pos: int, step: str | int) -> int | None:
    """Where the member ``step`` of the object or list starting at ``pos`` starts (None: it has none)."""
    opening = text[pos : pos + 1]
    if (opening, isinstance(step, str)) not in (("{", True), ("[", False)):
        return None
    i = _skip(text, pos + 1)
    if text[i : i + 1] in ("}", "]"):
        return None
    found, n = None, 0
    while True:
        if opening == "{":
            key, i = decoder.raw_decode(text, i)
            i = _skip(text, _skip(text, i) + 1)  # past the ':'
            if key == step:
                found = i  # and on: a later repeat of the key is the one json.loads keeps
        elif n == step:
            return i
        _, i = decoder.raw_decode(text, i)
        i = _skip(text, i)
        n += 1
        if text[i : i + 1] != ",":
            return found
        i = _skip(text, i + 1)


def duplicate_key(text: str) -> tuple[str, int, int] | None:
    """The first key (in reading order) written twice in one object of the JSON ``text``, with
    the offsets of its first and second ``"``; None when there is none, or the text is not JSON.

    A walk over the text with the public ``JSONDecoder.raw_decode`` for keys and plain values,
    a stack rather than recursion (any depth ``json`` itself reads)."""
    dec = json.JSONDecoder()
    # One entry per open container: the keys of an object and where each is, None for a list.
    stack: list[dict[str, int] | None] = []
    i = _skip(text, 0)
    try:
        while True:
            if text[i] in "{[":  # a container opens: read its first member, if any
                close = "}" if text[i] == "{" else "]"
                j = _skip(text, i + 1)
                if text[j] == close:
                    i = j + 1
                else:
                    stack.append({} if close == "}" else None)
                    i = j
                    if close == "]":
                        continue
                    first = _key(text, i, stack[-1], dec)
                    if isinstance(first, tuple):
                        return first
                    i = first
                    continue
            else:
                _, i = dec.raw_decode(text, i)
            # a value is read: the next member, or the end of as many containers as close here
            while True:
                if not stack:
                    return None
                i = _skip(text, i)
                if text[i] == ",":
                    i = _skip(text, i + 1)
                    seen = stack[-1]
                    if seen is not None:
                        found = _key(text, i, seen, dec)
                        if isinstance(found, tuple):
                            return found
                        i = found
                    break
                stack.pop()
                i += 1
    except (ValueError, IndexError):
        return None


def _key(text: str, i: int, seen: dict[str, int] | None, dec: json.JSONDecoder) -> int | tuple[str, int, int]:
    """Read the key at ``i`` and its colon: where its value starts, or the duplicate found."""
    key, end = dec.raw_decode(text, i)
    if not isinstance(key, str) or seen is None:
        raise ValueError("not a key")
    if key in seen:
        return key, seen[key], i
    seen[key] = i
    end = _skip(text, end)
    if text[end] != ":":
        raise ValueError("no colon")
    return _skip(text, end + 1)
