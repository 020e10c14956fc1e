"""What changed between two versions of a timeline: a semantic diff of the model, not of the text.

:func:`diff_timelines` pairs events by id and compares, field by field, the keys of the format
table (:data:`timeline.format.SECTIONS`): a key added to the table is compared with no change
here (its value is read from the model attribute of the same name, ``-`` read as ``_``). Values
are compared as the model holds them, so whitespace, key order, comments and quoting in the file
are never differences; they are shown with the model's own display functions (dates as
``Span.display``, outcomes in words, actors by name).

Decisions, each once:

* an id that vanished and a new id whose content is otherwise equal is **renamed**; one whose
  date and title are equal but some other field changed is renamed *and* changed (the fields
  say what); so is, among those left, one with the same sources and the same or nearly the same
  summary (:data:`SUMMARY_ALIKE`): re-dated or retitled as it was renamed, as ids embed dates;
  anything else is removed plus added;
* ``end`` is part of an event's ``date`` (one field: the date as displayed);
* lists of ids, tags and lines (``actors``, ``sources``, ``tags``, aliases) are sets: only what
  was added or removed is a change, not their order;
* lists of sub-sections (quotes, links, accounts, eras) are matched item by item: equal items
  are unchanged wherever they moved, a removed and an added item alike enough (same speaker, or
  more than half the words equal) are one changed item with a word-level difference;
* texts of the ``text`` kind (summaries, descriptions, quotes) carry a word-level difference.

Nothing here knows about terminals, Markdown or git: :mod:`timeline.historyout` writes a
:class:`TimelineDiff` out, :mod:`timeline.gitrev` reads timelines at revisions.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from typing import Any

from .datemodel import Precision
from .dates import FuzzyDate, Span
from .format import DATE_KINDS, SECTIONS, TEXTS_KINDS, Key, Section
from .model import OUTCOMES, Event, Timeline

__all__ = [
    "STATUSES",
    "EventChange",
    "FieldChange",
    "TimelineDiff",
    "canonical_text",
    "date_note",
    "diff_timelines",
    "word_diff",
]

#: What can have happened to an event, in the order a diff lists them for one date.
STATUSES = ("removed", "renamed", "changed", "added")

#: Keys of a section compared as part of another one: an event's ``end`` is in its ``date``.
_PART_OF = {("event", "end"): "date"}
#: Keys not compared as fields: the event's id pairs events; the top level's events are the events.
_NOT_FIELDS = {("event", "id"), ("timeline", "events")}
#: Model attributes read for a key whose attribute has another name.
_ATTRIBUTE = {("event", "date"): "when"}

Words = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: its format-table key, its old and new value as displayed."""

    #: the key as the format table names it (``date``, ``title``, ``quotes``…); for a top-level
    #: actor, source or era, ``actors.ID``, ``sources.ID`` or ``eras``, and ``actors.ID.KEY`` for one
    #: of its keys
    field: str
    #: the value as displayed; None when absent (an added quote has no old value)
    old: str | None
    new: str | None
    #: a word on the change: ``later, more precise``, ``added: Russia``, ``changed``…
    note: str = ""
    #: for texts: the word-level difference, runs of ``("=", words)``, ``("-", words)``, ``("+", words)``
    words: Words = ()
    #: what is shown before and after ``words``: for a changed quote or account whose speaker did not
    #: change, ``("“", "” — A spokesman")`` or ``("Armenia: ", "")`` (``words`` is then its text's)
    around: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class EventChange:
    """What happened to one event: ``added``, ``removed``, ``renamed`` (maybe with changes) or ``changed``."""

    status: str
    old_id: str | None
    new_id: str | None
    #: the event's date and title as displayed (the new version's, the old one's for a removed event)
    date: str
    title: str
    fields: tuple[FieldChange, ...] = ()
    #: where it sorts (the first and last tick of its date): the order of the diff
    sort_key: tuple[int, int] = field(default=(0, 0), compare=False, repr=False)

    @property
    def id(self) -> str:
        """The event's id now (its old id if it was removed)."""
        return self.new_id or self.old_id or ""

    def field(self, name: str) -> FieldChange | None:
        """The change of the field ``name``, if it changed."""
        return next((f for f in self.fields if f.field == name), None)


@dataclass(frozen=True)
class TimelineDiff:
    """The events that differ (in date order) and the top-level changes, between two versions."""

    events: tuple[EventChange, ...] = ()
    top: tuple[FieldChange, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.events or self.top)

    @cached_property
    def by_new_id(self) -> dict[str, EventChange]:
        """Event id in the new version → what changed in it (added, renamed or changed events)."""
        return {c.new_id: c for c in self.events if c.new_id is not None}

    def of(self, new_id: str) -> EventChange | None:
        """What changed in the event that is now ``new_id``; None if nothing did."""
        return self.by_new_id.get(new_id)

    @property
    def removed(self) -> tuple[EventChange, ...]:
        return tuple(c for c in self.events if c.status == "removed")

    def counts(self) -> dict[str, int]:
        """How many events were removed, renamed, changed and added (every status, 0 included)."""
        found = dict.fromkeys(STATUSES, 0)
        for c in self.events:
            found[c.status] += 1
        return found

    def narrowed(self, keep: Callable[[EventChange], bool], *, top: bool = True) -> TimelineDiff:
        """The diff of the events ``keep`` says yes to (and the top-level changes, if ``top``)."""
        return TimelineDiff(tuple(c for c in self.events if keep(c)), self.top if top else ())


# -- reading the fields the format table lists ----------------------------------------------


def _attribute(section: str, key: str) -> str:
    return _ATTRIBUTE.get((section, key), key.replace("-", "_"))


def compared_keys(section: Section) -> tuple[Key, ...]:
    """The keys of ``section`` compared as fields of their own (all but ids and parts of others)."""
    return tuple(
        k
        for k in section.keys
        if (section.name, k.name) not in _PART_OF and (section.name, k.name) not in _NOT_FIELDS
    )


def _getter(section: Section, keys: Sequence[Key]) -> Callable[[Any], tuple[Any, ...]]:
    names = [_attribute(section.name, k.name) for k in keys]
    if not names:
        return lambda _obj: ()
    get = attrgetter(*names)
    return (lambda obj: (get(obj),)) if len(names) == 1 else get


class _Shower:
    """Values as displayed, with the names of the timeline they come from."""

    def __init__(self, timeline: Timeline) -> None:
        self.tl = timeline

    def value(self, section: str, key: Key, value: Any) -> str | None:
        if value is None or value == "" or value == () or value == frozenset():
            return None
        if isinstance(value, Span | FuzzyDate):
            return value.display()
        if key.kind in TEXTS_KINDS:
            return ", ".join(self.items(section, key, value))
        if section == "event" and key.name == "outcome":
            return str(OUTCOMES.get(value, value))
        if key.kind in ("list", "map"):
            return "; ".join(self.item(key.of, v) for v in value)
        return " ".join(str(value).split())

    def items(self, section: str, key: Key, value: Iterable[str]) -> list[str]:
        values = sorted(value) if isinstance(value, frozenset) else list(value)
        if key.name in ("actors", "declined_by") and section == "event":
            return [self.tl.actors[v].name if v in self.tl.actors else v for v in values]
        return values

    def item(self, section: str, obj: Any) -> str:
        """One quote, link, account or era, on one line."""
        if section == "quote":
            return f"“{' '.join(obj.text.split())}” — {obj.by}"
        if section == "account":
            return f"{self.tl.speaker(obj)}: {' '.join(obj.text.split())}"
        if section == "link":
            note = f" ({obj.note})" if obj.note else ""
            return f"{obj.wording} {obj.to}{note}"
        if section == "era":
            return f"{obj.name} ({obj.when.display()})"
        sec = SECTIONS[section]
        parts = []
        for k in sec.keys:
            shown = self.value(section, k, getattr(obj, _attribute(section, k.name), None))
            if shown is not None:
                parts.append(f"{k.name}: {shown}")
        return "; ".join(parts)


def marked_words(op: str, text: str) -> str:
    """A run of a word-level difference as plain text: ``[-removed-]``, ``{+added+}`` (as ``git diff
    --word-diff`` writes them), an equal run as it is; the one spelling the diff and the explorer use."""
    return f"[-{text}-]" if op == "-" else f"{{+{text}+}}" if op == "+" else text


def word_diff(old: str, new: str) -> Words:
    """The word-level difference of two texts: runs of equal, removed and added words."""
    a, b = old.split(), new.split()
    runs: list[tuple[str, str]] = []

    def add(op: str, words: list[str]) -> None:
        if words:
            runs.append((op, " ".join(words)))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("=", a[i1:i2])
        else:
            add("-", a[i1:i2])
            add("+", b[j1:j2])
    return tuple(runs)


def date_note(old: Span, new: Span) -> str:
    """How a date moved: ``later``, ``earlier``, ``more precise``, ``less precise``, and ``now
    certain``, ``now uncertain`` (``?``), ``now exact``, ``now approximate`` (``~``), joined by commas."""
    return ", ".join(part for part in (_moved(old, new), _qualified(old, new)) if part)


def _qualified(old: Span, new: Span) -> str:
    def marks(span: Span, flag: str) -> bool:
        return any(getattr(d, flag) for d in (span.start, span.end) if d is not None)

    parts = []
    for flag, yes, no in (
        ("uncertain", "now uncertain", "now certain"),
        ("approximate", "now approximate", "now exact"),
    ):
        was, now = marks(old, flag), marks(new, flag)
        if was != now:
            parts.append(yes if now else no)
    return ", ".join(parts)


def _moved(old: Span, new: Span) -> str:
    o1, o2, n1, n2 = old.first_day, old.last_day, new.first_day, new.last_day
    if old.end is not None or new.end is not None:  # a span: where each end moved
        moved = [
            f"{side} {'earlier' if b < a else 'later'}"
            for side, a, b in (("starts", o1, n1), ("ends", o2, n2))
            if a != b
        ]
        if _precision(new) != _precision(old):
            moved.append("more precise" if _precision(new) > _precision(old) else "less precise")
        if (old.end is None) != (new.end is None):
            moved.append("now a span" if new.end is not None else "no longer a span")
        return ", ".join(moved)
    parts = []
    inside = o1 <= n1 and n2 <= o2 and (n1, n2) != (o1, o2)
    around = n1 <= o1 and o2 <= n2 and (n1, n2) != (o1, o2)
    if not (inside or around):
        if n1 > o1 or (n1 == o1 and n2 > o2):
            parts.append("later")
        elif n1 < o1 or (n1 == o1 and n2 < o2):
            parts.append("earlier")
    p_old, p_new = _precision(old), _precision(new)
    if p_new > p_old or (p_new == p_old and inside):
        parts.append("more precise")
    elif p_new < p_old or (p_new == p_old and around):
        parts.append("less precise")
    return ", ".join(parts)


def _precision(span: Span) -> Precision:
    return min(span.start.precision, span.end.precision) if span.end is not None else span.start.precision


class _Differ:
    def __init__(self, old: Timeline, new: Timeline) -> None:
        self.old, self.new = _Shower(old), _Shower(new)

    def fields(
        self, section: Section, keys: Sequence[Key], a: Any, b: Any, prefix: str = ""
    ) -> list[FieldChange]:
        out: list[FieldChange] = []
        for key in keys:
            attr = _attribute(section.name, key.name)
            va, vb = getattr(a, attr, None), getattr(b, attr, None)
            if va == vb:
                continue
            out.extend(self.field(section, key, va, vb, prefix + key.name))
        return out

    def field(self, section: Section, key: Key, va: Any, vb: Any, name: str) -> list[FieldChange]:
        s = section.name
        if key.kind in TEXTS_KINDS:
            sa, sb = set(va or ()), set(vb or ())
            if sa == sb:
                return []  # only their order changed
            added = self.new.items(s, key, [v for v in (vb or ()) if v not in sa])
            removed = self.old.items(s, key, [v for v in (va or ()) if v not in sb])
            if sorted(added) == sorted(removed):
                return []  # the same as displayed: actors' ids renamed (the top level says so)
            old, new = self.old.value(s, key, va), self.new.value(s, key, vb)
            note = "; ".join(
                part
                for part in (
                    f"added: {', '.join(added)}" if added else "",
                    f"removed: {', '.join(removed)}" if removed else "",
                )
                if part
            )
            if old is None or new is None:
                note = "added" if old is None else "removed"
            return [FieldChange(name, old, new, note)]
        if key.kind == "list":
            return self.items(key.of, name, va or (), vb or ())
        if key.kind == "map":
            return self.entries(key.of, name, va or {}, vb or {})
        old, new = self.old.value(s, key, va), self.new.value(s, key, vb)
        if old == new:
            return []  # the same as displayed (a value folded the same way)
        note = ""
        if key.kind in DATE_KINDS and isinstance(va, Span | FuzzyDate) and isinstance(vb, Span | FuzzyDate):
            note = date_note(_span(va), _span(vb))
        elif old is None or new is None:
            note = "added" if old is None else "removed"
        words = word_diff(old, new) if key.kind == "text" and old and new else ()
        return [FieldChange(name, old, new, note, words)]

    def items(self, section: str, name: str, a: Sequence[Any], b: Sequence[Any]) -> list[FieldChange]:
        """Quotes, links, accounts or eras: equal ones matched wherever they are, then alike ones paired."""
        left = list(a)
        gone: list[Any] = []
        added: list[Any] = []
        for item in b:
            if item in left:
                left.remove(item)
            else:
                added.append(item)
        gone = left
        out: list[FieldChange] = []
        shown_old = [self.old.item(section, x) for x in gone]
        shown_new = [self.new.item(section, x) for x in added]
        paired: dict[int, int] = {}
        for j, (item, text) in enumerate(zip(added, shown_new, strict=True)):
            best, score = -1, 0.5
            for i, (other, old_text) in enumerate(zip(gone, shown_old, strict=True)):
                if i in paired.values():
                    continue
                same_speaker = getattr(item, "by", None) and getattr(item, "by", None) == getattr(
                    other, "by", None
                )
                ratio = difflib.SequenceMatcher(None, old_text.split(), text.split(), autojunk=False).ratio()
                if same_speaker:
                    ratio = max(ratio, 0.51)
                if ratio > score:
                    best, score = i, ratio
            if best >= 0:
                paired[j] = best
        for i, text in enumerate(shown_old):
            if i not in paired.values():
                out.append(FieldChange(name, text, None, "removed"))
        for j, text in enumerate(shown_new):
            if j in paired:
                old_text = shown_old[paired[j]]
                around = self.around(section, gone[paired[j]], added[j])
                if around is None:
                    words = word_diff(old_text, text)
                    around = ("", "")
                else:  # the same speaker: the text's words, the speaker always shown (never cut)
                    words = word_diff(gone[paired[j]].text, added[j].text)
                out.append(FieldChange(name, old_text, text, "changed", words, around))
            else:
                out.append(FieldChange(name, None, text, "added"))
        return out

    def around(self, section: str, old: Any, new: Any) -> tuple[str, str] | None:
        """What goes around the words of a changed quote or account whose speaker is the same."""
        if section == "quote" and old.by == new.by:
            return "“", f"” — {new.by}"
        if section == "account" and (old.actor, old.by) == (new.actor, new.by):
            return f"{self.new.tl.speaker(new)}: ", ""
        return None

    def entries(self, section: str, name: str, a: dict[str, Any], b: dict[str, Any]) -> list[FieldChange]:
        """Actors or sources by id: added, removed, renamed (the same content), or changed key by key."""
        sec = SECTIONS[section]
        keys = compared_keys(sec)
        get = _getter(sec, keys)
        gone = {i: get(v) for i, v in a.items() if i not in b}
        came = [i for i in b if i not in a]
        renamed: dict[str, str] = {}
        by_content: dict[tuple[Any, ...], list[str]] = {}
        for i, content in gone.items():
            by_content.setdefault(content, []).append(i)
        for i in came:
            olds = by_content.get(get(b[i]))
            if olds:
                renamed[i] = olds.pop(0)
        out: list[FieldChange] = []
        for i in a:
            if i in b:
                out.extend(self.fields(sec, keys, a[i], b[i], f"{name}.{i}."))
            elif i not in renamed.values():
                out.append(FieldChange(f"{name}.{i}", self.old.item(section, a[i]), None, "removed"))
        for i in came:
            if i in renamed:
                out.append(FieldChange(f"{name}.{i}", renamed[i], i, "renamed"))
            else:
                out.append(FieldChange(f"{name}.{i}", None, self.new.item(section, b[i]), "added"))
        return out


def _span(value: Span | FuzzyDate) -> Span:
    return value if isinstance(value, Span) else Span(value)


_EVENT = SECTIONS["event"]
_TOP = SECTIONS["timeline"]


def diff_timelines(old: Timeline, new: Timeline) -> TimelineDiff:
    """What changed from ``old`` to ``new``: each event that differs, and the top-level changes."""
    differ = _Differ(old, new)
    keys = compared_keys(_EVENT)
    get = _getter(_EVENT, keys)
    old_by_id = {e.id: e for e in old.events}
    new_ids = set()
    changes: list[EventChange] = []
    added: list[Event] = []
    for e in new.events:
        new_ids.add(e.id)
        before = old_by_id.get(e.id)
        if before is None:
            added.append(e)
        elif get(before) != get(e):
            fields = differ.fields(_EVENT, keys, before, e)
            if fields:
                changes.append(_change("changed", before, e, fields))
    gone = [e for e in old.events if e.id not in new_ids]
    # Renames: an added event with the same content as a removed one (or the same date and title).
    by_content: dict[tuple[Any, ...], list[Event]] = {}
    by_heading: dict[tuple[Span, str], list[Event]] = {}
    for e in gone:
        by_content.setdefault(get(e), []).append(e)
        by_heading.setdefault((e.when, e.title), []).append(e)
    taken: set[str] = set()
    still_added = []
    for e in added:
        match = _first_free(by_content.get(get(e), ()), taken) or _first_free(
            by_heading.get((e.when, e.title), ()), taken
        )
        if match is None:
            still_added.append(e)
            continue
        taken.add(match.id)
        changes.append(_change("renamed", match, e, tuple(differ.fields(_EVENT, keys, match, e))))
    # Then those left: the same sources and (nearly) the same summary, re-dated or retitled in the
    # commit that renamed them (ids often embed the date).
    unpaired = []
    for e in still_added:
        match = next((g for g in gone if g.id not in taken and _probably_renamed(g, e)), None)
        if match is None:
            unpaired.append(e)
            continue
        taken.add(match.id)
        changes.append(_change("renamed", match, e, tuple(differ.fields(_EVENT, keys, match, e))))
    still_added = unpaired
    changes.extend(_change("added", None, e) for e in still_added)
    changes.extend(_change("removed", e, None) for e in gone if e.id not in taken)
    order = {s: n for n, s in enumerate(STATUSES)}
    changes.sort(key=lambda c: (c.sort_key, order[c.status], c.id))
    top = differ.fields(_TOP, compared_keys(_TOP), old, new)
    return TimelineDiff(tuple(changes), tuple(top))


#: How alike two summaries' words must be (difflib's ratio) for a removed and an added event with
#: the same sources to be one event renamed and changed.
SUMMARY_ALIKE = 0.8


def _probably_renamed(old: Event, new: Event) -> bool:
    """The same sources (some) and the same or nearly the same summary (some)."""
    if not old.sources or set(old.sources) != set(new.sources) or not old.summary or not new.summary:
        return False
    a, b = old.summary.split(), new.summary.split()
    return a == b or difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= SUMMARY_ALIKE


def _first_free(events: Iterable[Event], taken: set[str]) -> Event | None:
    return next((e for e in events if e.id not in taken), None)


def _change(
    status: str, old: Event | None, new: Event | None, fields: Sequence[FieldChange] = ()
) -> EventChange:
    shown = new or old
    assert shown is not None
    return EventChange(
        status,
        old.id if old else None,
        new.id if new else None,
        shown.when.display(),
        shown.title,
        tuple(fields),
        shown.when.sort_key,
    )


def canonical_text(timeline: Timeline) -> str:
    """The timeline as lines a line-by-line diff reads well: the fields of the format table, one a
    line, as displayed; events in date order (then by id), each list item on a line of its own.

    What ``git diff`` shows through a textconv (``timeline diff --textconv``): the file's layout,
    comments, quoting and key order are gone, so only changes of the model are left.
    """
    show = _Shower(timeline)
    lines: list[str] = []

    def put(section: Section, obj: Any, indent: str) -> None:
        for key in compared_keys(section):
            value = getattr(obj, _attribute(section.name, key.name), None)
            if key.kind == "list":
                lines.extend(f"{indent}{key.name}: {show.item(key.of, item)}" for item in value or ())
            elif key.kind == "map":
                for ident, item in (value or {}).items():
                    lines.append(f"{indent}{key.name} {ident}:")
                    put(SECTIONS[key.of], item, indent + "  ")
            elif key.kind in TEXTS_KINDS:  # (a set: the order it is written in is not a change)
                if value:
                    lines.append(
                        f"{indent}{key.name}: {', '.join(sorted(show.items(section.name, key, value)))}"
                    )
            else:
                shown = show.value(section.name, key, value)
                if shown is not None:
                    lines.append(f"{indent}{key.name}: {shown}")

    put(_TOP, timeline, "")
    for event in sorted(timeline.events, key=lambda e: (e.when.sort_key, e.id)):
        lines.append("")
        lines.append(f"event {event.id}:")
        put(_EVENT, event, "  ")
    return "\n".join(lines) + "\n"
