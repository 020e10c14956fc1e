"""What an import could not keep, and why an import was refused."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..sanitize import clean

__all__ = ["ImportFailed", "ImportReport"]


class ImportFailed(Exception):
    """The file is not a timeline we can read; ``str()`` is one located line for the user."""


@dataclass
class ImportReport:
    """Counts of what had no place (``lost``) and of what was changed to fit (``changed``)."""

    lost: Counter[str] = field(default_factory=Counter)
    changed: Counter[str] = field(default_factory=Counter)
    #: A few examples per changed item (ids renamed, titles made up), for the summary.
    examples: dict[str, list[str]] = field(default_factory=dict)

    def lose(self, what: str, n: int = 1) -> None:
        self.lost[what] += n

    def change(self, what: str, example: str = "") -> None:
        self.changed[what] += 1
        if example:
            found = self.examples.setdefault(what, [])
            if len(found) < 3:
                found.append(example)

    def lines(self) -> list[str]:
        """The summary, one line per item, losses first; safe to print on a terminal."""
        out = []
        for what, n in sorted(self.lost.items()):
            out.append(f"not kept: {what}: {n}")
        for what, n in sorted(self.changed.items()):
            ex = self.examples.get(what)
            more = f" (e.g. {'; '.join(ex)})" if ex else ""
            out.append(f"changed: {what}: {n}{more}")
        return [clean(line)[0] for line in out]
