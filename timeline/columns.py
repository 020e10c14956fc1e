"""The column sizes the explorer's rows (``tui/rows.py``) and lanes (:mod:`timeline.lanes`,
``timeline list --lanes`` too) share, so both show a date and a title the same way.

The date column is as wide as nine dates in ten need (the rest are shown shorter, still true:
:func:`timeline.dateshort.date_in`); the title gets :data:`TITLE_WANTED` cells before the tags
or the lanes get any.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["DATE_MAX", "DATE_SHARE", "MARK", "OUTCOME_MARKS", "TITLE_WANTED", "date_width", "outcome_mark"]

DATE_MAX = 26  #: the date column grows to this at most; a longer date is shown shorter
DATE_SHARE = 0.9  #: the date column is as wide as this share of the dates need (the rest: shorter)
TITLE_WANTED = 46  #: cells the title gets before the tags (or lanes) get any: 45 characters and "…"
MARK = 1  #: the outcome mark before the title (●, ✗, ○, ◔)
#: The mark of each outcome (glyphs that differ, so colour is never the only cue).
OUTCOME_MARKS: dict[str, str] = {"held": "●", "declined": "✗", "not-held": "○", "pending": "◔"}


def date_width(cells: Sequence[int], share: float = DATE_SHARE) -> int:
    """The cells that ``share`` of the things of ``cells`` cells need (the widest, for one)."""
    if not cells:
        return 0
    ordered = sorted(cells)
    return ordered[min(len(ordered), max(1, math.ceil(share * len(ordered) - 1e-9))) - 1]


def outcome_mark(outcome: str | None) -> str:
    """The mark before a title for ``outcome`` (a blank for none)."""
    return OUTCOME_MARKS.get(outcome or "", " ")
