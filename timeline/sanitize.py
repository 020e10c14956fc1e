"""Make text from a timeline file safe to show in a terminal.

Control characters (C0, DEL, C1: escape sequences, OSC 52 clipboard writes,
carriage returns) and bidirectional overrides and isolates would act on the
terminal or reorder what is shown.  They are replaced, at load time, by a
visible placeholder, and the loader warns about each.
"""

from __future__ import annotations

import re

__all__ = ["PLACEHOLDER", "clean", "is_clean"]

#: What stands in for a removed character: visible, and harmless everywhere.
PLACEHOLDER = "\N{REPLACEMENT CHARACTER}"

# Tab and newline are kept (summaries have paragraphs); everything else below
# 0x20 (carriage return too: YAML turns real line breaks into newlines, so a
# CR left in a value was written as an escape), DEL, the C1 block, bidi
# embeddings/overrides/isolates and lone surrogates (from "\ud800" escapes,
# which the pure-Python parser lets through and no terminal can print) are replaced.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def clean(text: str) -> tuple[str, list[str]]:
    """``text`` with unsafe characters replaced, and the code points replaced (``U+001B``...)."""
    if not _UNSAFE.search(text):
        return text, []
    found = sorted({f"U+{ord(c):04X}" for c in _UNSAFE.findall(text)})
    return _UNSAFE.sub(PLACEHOLDER, text), found


def is_clean(text: str) -> bool:
    """Whether :func:`clean` would leave ``text`` as it is."""
    return _UNSAFE.search(text) is None
