"""How well what is typed matches a row, for the command palette and the pickers alike."""

from __future__ import annotations

from collections.abc import Iterable

from textual.fuzzy import Matcher

__all__ = ["match_score"]


def match_score(matcher: Matcher, name: str, other_names: Iterable[str] = ()) -> float:
    """How well what is typed matches a row: its name, or a little less, its best other name.

    The one rule for the command palette and the pickers (0: no match). Each name is matched on
    its own: Textual's fuzzy search takes time exponential in the length of what it searches, and
    an actor's aliases joined in one string took half a minute for "filter by actor r".
    """
    return max([matcher.match(name)] + [matcher.match(other) * 0.9 for other in other_names])
