"""One entry point for every export format, used by the command line and the app alike."""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence

from ..filters import Filter
from ..model import Timeline
from .formats import EXPORTS, FORMATS

__all__ = ["export_bytes", "export_text", "replace_refusal"]


def _made(fmt: str, timeline: Timeline, rows: Sequence[int], flt: Filter | None) -> str | bytearray:
    """The events at ``rows`` in format ``fmt`` (one of :data:`~.formats.EXPORTS`), as its writer
    makes it: text, or UTF-8 bytes (the web page, made in bytes as it goes)."""
    write = FORMATS[fmt].write if fmt in FORMATS else None
    if write is None:
        raise ValueError(f"unknown export format {fmt!r}; formats: {', '.join(EXPORTS)}")
    return write(timeline, rows, flt)


def export_bytes(
    fmt: str, timeline: Timeline, rows: Sequence[int], flt: Filter | None = None
) -> bytes | bytearray:
    """The export as a file gets it (UTF-8), and standard output too, whatever its encoding."""
    made = _made(fmt, timeline, rows, flt)
    return made.encode("utf-8") if isinstance(made, str) else made


def export_text(fmt: str, timeline: Timeline, rows: Sequence[int], flt: Filter | None = None) -> str:
    """The export as text."""
    made = _made(fmt, timeline, rows, flt)
    return made if isinstance(made, str) else made.decode("utf-8")


def replace_refusal(fmt: str, path: str | os.PathLike[str]) -> str:
    """Why an export in ``fmt`` must not replace ``path`` without being told to (``--force``);
    "" when it may: there is no file there (or an empty one, or a device such as /dev/null),
    or the file is an earlier export in the same format (:attr:`~.formats.Format.earlier_export`).
    Anything else, a timeline above all, is not the export's to replace."""
    try:
        found = os.stat(path)  # through a symbolic link: the file that would be replaced
    except FileNotFoundError:
        return ""
    except OSError as exc:
        return f"cannot be examined ({exc.strerror or exc})"
    if not stat.S_ISREG(found.st_mode) or found.st_size == 0:
        return ""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    ours = FORMATS[fmt].earlier_export
    if ours is not None and ours(data):
        return ""
    others = [
        f.title for name, f in FORMATS.items() if name != fmt and f.earlier_export and f.earlier_export(data)
    ]
    if others:
        return f"is {_a(others[0])} {others[0]} export"
    return f"is not an earlier {FORMATS[fmt].title} export"


def _a(word: str) -> str:
    """``a`` or ``an`` before ``word``, as it sounds: an iCalendar, an HTML (said letter by letter),
    a JSON, a CSV sheet, a Markdown."""
    first = word[:1]
    spelt = word[:2].isupper() and first in "FHLMNRSX"  # an initialism whose letter sounds a vowel
    return "an" if first.lower() in "aeiou" or spelt else "a"
