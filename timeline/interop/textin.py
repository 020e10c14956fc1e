"""The text of an imported file: its encoding, its JSON, the delimiter of its sheet.

Every importer reads its bytes through here, so they all accept the same encodings and refuse
the same way, at ``FILE:LINE:COL``:

- UTF-8, with or without a byte order mark; UTF-16 (little- or big-endian) with its mark, as
  Excel's "Unicode Text" and some Windows tools write. UTF-16 without a mark is named as such
  and refused: which byte order it is would be a guess.
- Anything else is refused at its first byte that is not UTF-8, with the way to fix it: Excel's
  "CSV (Comma delimited)" writes the Windows code page (cp1252 in Western Europe), and "CSV
  UTF-8 (Comma delimited)" in the same Save As list writes what is read here.
- JSON with a key twice in one object is refused at the second: readers disagree on which one
  counts (Python's keeps the last, others the first), so either guess could lose the other.
- A sheet separated by ``;`` (what Excel writes where the decimal mark is a comma) or by tabs
  is read like one separated by ``,``: the header row says which (see :func:`sheet_delimiter`).
"""

from __future__ import annotations

import codecs
import json
from typing import Any

from . import jsonpos
from .report import ImportFailed

__all__ = ["DELIMITERS", "decode", "head_text", "load_json", "refuse_unmarked_utf16", "sheet_delimiter"]

#: The byte order marks read, longest first, and the codec each means.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: The separators a sheet may use, in the order tried: the comma first.
DELIMITERS = (",", ";", "\t")

#: What to do about text that is not UTF-8, by the kind of file.
CSV_FIX = (
    'if Excel saved it as "CSV (Comma delimited)", which writes the Windows code page, '
    'save it again as "CSV UTF-8 (Comma delimited)"'
)
JSON_FIX = "save it again as UTF-8"


def _encoding(data: bytes) -> tuple[str, int]:
    """The codec of ``data`` and the length of its byte order mark (UTF-8 and 0 without one)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return "utf-8", 0


def _utf16_without_bom(data: bytes) -> str:
    """``"little-endian"`` or ``"big-endian"`` when ``data`` looks like UTF-16 text with no mark
    (every other byte zero, as Latin text is in UTF-16); "" otherwise."""
    head = data[:512]
    if len(head) < 4 or head.count(0) < len(head) // 3:
        return ""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd >= 0.9 * len(head[1::2]) and even < len(head[0::2]) // 2:
        return "little-endian"
    if even >= 0.9 * len(head[0::2]) and odd < len(head[1::2]) // 2:
        return "big-endian"
    return ""


def _at(text: str) -> tuple[int, int]:
    """Line and column just after ``text`` (in characters, as an editor counts)."""
    return jsonpos.line_col(text, len(text))


def refuse_unmarked_utf16(name: str, data: bytes) -> None:
    """:class:`ImportFailed` naming UTF-16 when ``data`` looks like UTF-16 without its mark."""
    codec, skip = _encoding(data)
    order = _utf16_without_bom(data) if codec == "utf-8" and not skip else ""
    if order:
        raise ImportFailed(
            f"{name}:1:1: this looks like UTF-16 ({order}) text without a byte order mark, "
            "which cannot be read without guessing; save it again as UTF-8"
        )


def decode(name: str, data: bytes, fix: str = JSON_FIX) -> str:
    """``data`` as text (see the module's help for the encodings read), or a located refusal
    ending with ``fix``, what to do about it."""
    refuse_unmarked_utf16(name, data)
    codec, skip = _encoding(data)
    body = data[skip:]
    try:
        # a second mark, left by a conversion of marked text (iconv of a UTF-8 file with its mark
        # to UTF-16), is no more the text's than the first
        return body.decode(codec).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line, col = _at(body[: exc.start].decode(codec, "replace"))
        if codec == "utf-8":
            what = f"not UTF-8 text (byte 0x{body[exc.start]:02x})"
        else:
            what = f"not {codec.upper()} text, as its byte order mark says ({exc.reason})"
        raise ImportFailed(f"{name}:{line}:{col}: {what}; {fix}") from None


def head_text(data: bytes, size: int = 4096) -> str:
    """The start of ``data`` as text, for recognising its format: decoded as :func:`decode`
    would, what cannot be decoded replaced, the byte order mark left out."""
    codec, skip = _encoding(data)
    return data[skip : skip + size].decode(codec, "replace").removeprefix("\ufeff")


class _Duplicate(Exception):
    pass


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        raise _Duplicate
    return found


def load_json(name: str, data: bytes) -> tuple[str, Any]:
    """The text of a JSON file and its value; :class:`ImportFailed`, located, when it is not
    text, not JSON, nested too deeply, or has a key twice in one object."""
    text = decode(name, data, JSON_FIX)
    try:
        return text, json.loads(text, object_pairs_hook=_refuse_duplicates)
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise ImportFailed(f"{name}:1:1: not a timeline: nested too deeply") from None
    except ValueError as exc:  # a number of more digits than Python turns into one (4,300)
        raise ImportFailed(f"{name}:1:1: not a timeline: {str(exc).split(';')[0]}") from None
    except _Duplicate:
        pass
    found = jsonpos.duplicate_key(text)
    if found is None:  # positions cannot be had (see jsonpos): the key, at least
        raise ImportFailed(f"{name}:1:1: a key appears twice in one object; keep one of them")
    key, first, second = found
    line, col = jsonpos.line_col(text, second)
    first_line, first_col = jsonpos.line_col(text, first)
    raise ImportFailed(
        f"{name}:{line}:{col}: key {key!r} appears twice in one object (first at line {first_line}, "
        f"column {first_col}); JSON readers disagree on which one counts, so keep one of them"
    )


def sheet_delimiter(header: str) -> str | None:
    """The separator of a sheet whose first line is ``header``: the first of :data:`DELIMITERS`
    that splits it into columns naming both Year and Headline (the template's), so that a
    comma-separated sheet whose cells hold semicolons is still read by its commas; None if none
    does."""
    for delimiter in DELIMITERS:
        names = {" ".join(c.strip().strip('"').split()).casefold() for c in header.split(delimiter)}
        if {"year", "headline"} <= names:
            return delimiter
    return None
