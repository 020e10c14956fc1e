"""Located problems in timeline files, reported as ``FILE:LINE:COL: message``."""

from __future__ import annotations

from dataclasses import dataclass

from .sanitize import clean

__all__ = ["MAX_PROBLEMS", "LoadError", "Problem"]

#: Past this many errors, loading stops and says how many more there may be.
MAX_PROBLEMS = 100


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or worth a warning) at a place in a file; line and column are 1-based."""

    file: str
    line: int
    col: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        # Messages quote what was written; make sure none of it acts on a terminal.
        return clean(f"{self.file}:{self.line}:{self.col}: {kind}{self.message}")[0]

    @property
    def sort_key(self) -> tuple[str, int, int]:
        return (self.file, self.line, self.col)


class LoadError(Exception):
    """Loading failed; ``problems`` lists every error found (and any warnings)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if not p.warning]
        super().__init__(str(errors[0]) if errors else "invalid timeline")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]
