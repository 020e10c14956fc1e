"""How an import's messages name an event, an era or a value inside one: one way everywhere.

Events and eras are counted from 1, as a person counts the slides or rows of a file (the
message's ``FILE:LINE:COL`` says where it is): ``event 3: text.headline must be text``, never
``events[2].text.headline``. Every importer's messages name them through here.
"""

from __future__ import annotations

from typing import Any

__all__ = ["item_name", "path_label"]

#: The lists of a document whose items are events or eras, by their path in it: TimelineJS 3's
#: ``events`` and ``eras``, TimelineJS 2's ``timeline.date`` and ``timeline.era``.
_LISTS: dict[tuple[str, ...], str] = {
    ("events",): "event",
    ("eras",): "era",
    ("timeline", "date"): "event",
    ("timeline", "era"): "era",
}


def item_name(kind: str, index: int) -> str:
    """``event 1`` for the first event (``index`` 0) of a file: the one numbering of messages."""
    return f"{kind} {index + 1}"


def _dotted(path: tuple[Any, ...]) -> str:
    """``text.headline``; a list's items numbered from 1 too (``media.#2``)."""
    return ".".join(f"#{p + 1}" if isinstance(p, int) else str(p) for p in path)


def path_label(path: tuple[Any, ...]) -> str:
    """A value's path in a document, for a message: ``event 3: start_date.year``, ``era 1``,
    ``title.text``; ``the value`` for the document itself."""
    for prefix, kind in _LISTS.items():
        n = len(prefix)
        if path[:n] == prefix and len(path) > n and isinstance(path[n], int):
            rest = path[n + 1 :]
            name = item_name(kind, path[n])
            return f"{name}: {_dotted(rest)}" if rest else name
    return _dotted(path) or "the value"
