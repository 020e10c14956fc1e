"""Write a timeline as YAML text that our loader reads back exactly.

Every string is written double-quoted (so ``NO``, ``2023``, ``null`` or ``a: b`` stay text),
with every character that could act on a terminal or that YAML would fold escaped; long
texts with paragraphs are written as literal blocks when that reads back unchanged.  No
anchors, aliases, tags or flow collections are ever written: the loader refuses them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..sanitize import clean

__all__ = ["dump", "quote"]

# C0 and C1 controls, DEL, line and paragraph separators, BOM, bidi controls, surrogates, and the
# noncharacters U+FFFE and U+FFFF (which YAML refuses raw).
_ESCAPE_ME = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}
# A literal block is used only for text made of these: printable, no tabs, no odd spaces.
_BLOCK_SAFE = re.compile(
    r"[^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff\u0085\u00a0]*"
)


def _escape_char(match: re.Match[str]) -> str:
    c = match.group()
    named = _NAMED.get(c)
    if named:
        return named
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def quote(text: str) -> str:
    """``text`` as a YAML double-quoted scalar."""
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _ESCAPE_ME.sub(_escape_char, body) + '"'


def _block_ok(text: str) -> bool:
    """Whether ``text`` survives a ``|-`` literal block unchanged."""
    if "\n" not in text or not _BLOCK_SAFE.fullmatch(text.replace("\n", "")):
        return False
    lines = text.split("\n")
    if lines[0][:1] == " " or text.endswith("\n") or text != text.strip():
        return False
    return all(line == line.rstrip() for line in lines)


def _scalar(value: Any, indent: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        if _block_ok(value):
            inner = indent + "  "
            return "|-\n" + "\n".join(inner + line if line else "" for line in value.split("\n"))
        return quote(value)
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


def _item(key: str, value: Any, lead: str, indent: str, out: list[str]) -> None:
    """Write ``key: value`` starting with ``lead`` (which holds the indentation)."""
    k = key if re.fullmatch(r"[a-z_][a-z0-9_]*", key) else quote(key)
    if isinstance(value, Mapping):
        out.append(f"{lead}{k}:")
        for kk, vv in value.items():
            _item(str(kk), vv, indent + "  ", indent + "  ", out)
    elif isinstance(value, Sequence) and not isinstance(value, str):
        out.append(f"{lead}{k}:")
        for element in value:
            if isinstance(element, Mapping):
                first = True
                for kk, vv in element.items():
                    _item(str(kk), vv, indent + "  - " if first else indent + "    ", indent + "    ", out)
                    first = False
            else:
                out.append(f"{indent}  - {_scalar(element, indent + '  ')}")
    else:
        out.append(f"{lead}{k}: {_scalar(value, indent)}")


def dump(document: Mapping[str, Any], header: Sequence[str] = ()) -> str:
    """``document`` (mappings, lists, strings, ints) as YAML text; ``header`` lines become comments."""
    # A header line holds the file's name: one line, with no control character, whatever it is.
    out = [f"# {clean(' '.join(line.split()))[0]}" for line in header]
    for key, value in document.items():
        if isinstance(value, Sequence) and not isinstance(value, str) and not value:
            continue
        if isinstance(value, Mapping) and not value:
            continue
        if not isinstance(value, str):
            out.append("")
        _item(key, value, "", "", out)
    return "\n".join(out) + "\n"
