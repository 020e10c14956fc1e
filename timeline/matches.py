"""Where the words of a search fall in a piece of text, for highlighting what search found.

Search keeps an event when every casefolded word of the query is inside its casefolded text
(see :mod:`timeline.filters`); this finds the same words in one displayed string, as spans of
that string. Casefolding may change a text's length (``ß`` becomes ``ss``), so each folded
character is mapped back to the character it came from.
"""

from __future__ import annotations

__all__ = ["match_spans"]


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ``(start, end)`` spans of ``text`` holding a word of ``query``."""
    words = {w.casefold() for w in query.split()}
    if not words or not text:
        return []
    folded: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        f = ch.casefold()
        folded.append(f)
        origin.extend([i] * len(f))
    hay = "".join(folded)
    spans: list[tuple[int, int]] = []
    for word in words:
        start = hay.find(word)
        while start != -1:
            spans.append((origin[start], origin[start + len(word) - 1] + 1))
            start = hay.find(word, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
