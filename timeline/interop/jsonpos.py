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
"""

from __future__ import annotations

import functools
import json
from json import decoder as _decoder
from json import scanner as _scanner
from typing import Any

__all__ = ["hooks_work", "line_col", "parse"]

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
