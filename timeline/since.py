"""What is new since a git revision: the explorer's ``--since REV``, as words and marks.

A :class:`Since` holds the revision as written, the commit it named and the
:class:`timeline.history.TimelineDiff` from the timeline at that commit to the one shown. It says,
for the app to draw and nothing else to decide:

* the mark of each event (:data:`MARKS`: ``+`` new, ``~`` changed or renamed; no mark, unchanged),
  a character, so that it reads without colour;
* the ids of the events that are new or changed (the filter "changed since REV" keeps those:
  :class:`timeline.filters.Among`);
* the status line's words (``since HEAD~3 (a1b2c3d): 4 new, 7 changed, 1 removed``), with how
  the files were read at the revision as ``timeline diff REV`` reads them (``(b.yaml was a.yaml)``
  for one renamed since, ``(b.yaml was not there)`` for one that did not exist: its events are new);
* what changed in one event, as lines of the detail (:class:`timeline.detail.Line`, with the
  roles ``old`` and ``new``; :meth:`Since.lines`): the field, then its old and its new value as
  the diff displays them, a changed text word by word.

Nothing here knows about terminals or Textual.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from .detail import Line, Piece
from .history import EventChange, FieldChange, TimelineDiff, marked_words
from .load import DEFAULT_MAX_BYTES
from .model import Timeline
from .sanitize import clean

__all__ = ["MARKS", "Since", "compare", "field_lines"]

#: The mark of an event, by the status of its change: a glyph that reads without colour.
MARKS: Mapping[str, str] = {"added": "+", "changed": "~", "renamed": "~"}
#: What the mark says, for a legend and the help.
MARK_WORDS: Mapping[str, str] = {"+": "new", "~": "changed"}


@dataclass(frozen=True)
class Since:
    """The changes from the timeline at ``rev`` (commit ``commit``) to the one shown."""

    rev: str
    commit: str
    diff: TimelineDiff = field(default_factory=TimelineDiff)
    #: ``(name now, name at rev)`` of each file renamed since; the files not there at ``rev``
    renamed: tuple[tuple[str, str], ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def short(self) -> str:
        """The commit's hash as people write it: its first seven digits."""
        return self.commit[:7]

    @property
    def label(self) -> str:
        """``HEAD~3 (a1b2c3d)``; the hash alone when the revision was written as one."""
        return self.short if self.commit.startswith(self.rev) else f"{self.rev} ({self.short})"

    @cached_property
    def tally(self) -> tuple[int, int, int]:
        """How many events are new, changed (renamed ones among them) and removed."""
        counts = self.diff.counts()
        return counts["added"], counts["changed"] + counts["renamed"], counts["removed"]

    def summary(self) -> str:
        """The status line's words: ``since HEAD~3 (a1b2c3d): 4 new, 7 changed, 1 removed``."""
        new, changed, removed = self.tally
        return f"since {self.label}: {new} new, {changed} changed, {removed} removed{self._files_note()}"

    def _files_note(self) -> str:
        """`` (b.yaml was a.yaml; c.yaml was not there)``: how the files were found at the revision."""
        notes = [f"{now} was {then}" for now, then in self.renamed]
        if self.missing:
            notes.append(f"{', '.join(self.missing)} {'was' if len(self.missing) == 1 else 'were'} not there")
        return f" ({clean('; '.join(notes))[0]})" if notes else ""

    def short_summary(self) -> str:
        """The same in few cells, for a narrow status line: ``since HEAD~3: +4 ~7 -1``."""
        new, changed, removed = self.tally
        return f"since {self.rev}: +{new} ~{changed} -{removed}"

    @cached_property
    def ids(self) -> frozenset[str]:
        """The ids (now) of the events that are new or changed: what "changed since REV" keeps."""
        return frozenset(self.diff.by_new_id)

    def condition(self) -> tuple[str, frozenset[str]]:
        """The filter's condition "changed since REV": its words and the ids it keeps."""
        return f"changed since {self.rev}", self.ids

    def marks(self, timeline: Timeline) -> dict[int, str]:
        """Index (into ``timeline.events``) → mark of each new or changed event of ``timeline``."""
        by_id = timeline.by_id
        return {
            by_id[c.new_id]: MARKS[c.status]
            for c in self.diff.events
            if c.new_id is not None and c.new_id in by_id and c.status in MARKS
        }

    def change_of(self, event_id: str) -> EventChange | None:
        return self.diff.of(event_id)

    def lines(self, event_id: str) -> list[Line]:
        """What changed in the event ``event_id`` since the revision, as lines of the detail (see
        :mod:`timeline.detail`); none when it did not change."""
        change = self.diff.of(event_id)
        if change is None:
            return []
        head = "New" if change.status == "added" else "Changed"
        out = [Line((Piece(f"{head} since {self.label}", ("heading",)),))]
        if change.status == "renamed":
            old_id, new_id = change.old_id or "", change.new_id or ""
            out.append(_changed("id", Piece(old_id, ("old",)), Piece(" → "), Piece(new_id, ("new",))))
        for fc in change.fields:
            out.extend(field_lines(fc))
        return out


def _changed(name: str, *value: Piece) -> Line:
    """``name: value``, its wrapped parts hanging under the value."""
    label = f"{name}: "
    return Line((Piece(name, ("label",)), Piece(": "), *value), hang=min(len(label), 16))


def field_lines(fc: FieldChange) -> list[Line]:
    """One field's change: ``date: 5 Jul 2023 → Aug 2023 (later, less precise)``; a text's change
    word by word (then the old text whole), an added or removed item alone."""
    if fc.old is None:
        return [_changed(fc.field, Piece("+ ", ("note",)), Piece(fc.new or "", ("new",)))]
    if fc.new is None:
        return [_changed(fc.field, Piece("- ", ("note",)), Piece(fc.old, ("old",)))]
    if fc.words:
        was = Line((Piece("was: ", ("note",)), Piece(fc.old, ("old",))), hang=len("was: "))
        return [_changed(fc.field, *words_pieces(fc.words)), was]
    note = (Piece(f" ({fc.note})", ("note",)),) if fc.note and fc.note not in ("added", "removed") else ()
    return [_changed(fc.field, Piece(fc.old, ("old",)), Piece(" → "), Piece(fc.new, ("new",)), *note)]


def words_pieces(words: Sequence[tuple[str, str]]) -> list[Piece]:
    """A word-level difference as pieces: ``[-old-]`` and ``{+new+}`` marked (as ``git diff
    --word-diff`` writes them), so that it reads without colour too."""
    out: list[Piece] = []
    for n, (op, text) in enumerate(words):
        if n:
            out.append(Piece(" "))
        roles = {"-": ("old",), "+": ("new",)}.get(op, ())
        out.append(Piece(marked_words(op, text), roles))
    return out


def compare(
    rev: str,
    paths: Sequence[str],
    current: Timeline,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cache: bool = True,
    cwd: str | None = None,
) -> Since:
    """What changed in ``current`` (the timeline of ``paths``) since ``rev``, each file read there as
    ``timeline diff REV`` reads it (followed across a rename; not there, empty). Raises
    :class:`timeline.gitrev.GitError` or :class:`timeline.problems.LoadError` (located
    ``REV:FILE:LINE:COL``), as :func:`timeline.gitrev.changes_since` does."""
    from .gitrev import changes_since, verify  # git only when asked for

    commit = verify(rev, cwd)
    diff, found = changes_since(rev, paths, current, max_bytes=max_bytes, cache=cache, cwd=cwd)
    renamed = tuple((f.path, f.before) for f in found if f.data is not None and f.before is not None)
    missing = tuple(f.path for f in found if f.data is None)
    return Since(rev, commit, diff, renamed, missing)
