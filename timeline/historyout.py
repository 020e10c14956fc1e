"""A :class:`~timeline.history.TimelineDiff` written out: text for a terminal, Markdown, JSON.

Text is plain (a pipe, ``NO_COLOR``) or coloured (a terminal); the words of a changed text are
marked ``[-removed-]{+added+}`` as ``git diff --word-diff`` does, or coloured. Markdown is for a
pull-request description: every value from the file goes through :func:`timeline.markdown.escape`,
so it renders as written under GitHub's renderer and never as a link, an image or HTML. JSON is
documented in the README (``"version": 1``): change :data:`JSON_VERSION` when its shape changes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from .history import STATUSES, EventChange, FieldChange, TimelineDiff, Words, marked_words
from .markdown import escape
from .sanitize import clean

__all__ = ["JSON_VERSION", "summary_line", "to_json", "to_markdown", "to_text"]

#: The version of the JSON output's shape (see the README's "timeline diff --format json").
JSON_VERSION = 1
#: Unchanged words kept on each side of a change inside a long text.
CONTEXT = 6

_MARK = {"added": "+", "removed": "-", "renamed": ">", "changed": "~"}
_COLOUR = {"added": "32", "removed": "31", "renamed": "36", "changed": "33"}


def summary_line(diff: TimelineDiff) -> str:
    """``2 events changed, 1 added, 1 removed; the title changed``, or ``no differences``."""
    counts = diff.counts()
    parts = [f"{counts[s]} {s}" for s in ("changed", "added", "removed", "renamed") if counts[s]]
    text = ""
    if parts:
        n = sum(counts.values())
        text = f"{n} event{'s' if n != 1 else ''}: " + ", ".join(parts)
    if diff.top:
        names = sorted({f.field.split(".")[0] for f in diff.top})
        top = "top level: " + ", ".join(names)
        text = f"{text}; {top}" if text else top
    return text or "no differences"


def _status(change: EventChange) -> str:
    """``renamed and changed`` for a renamed event whose fields changed too; else its status."""
    return "renamed and changed" if change.status == "renamed" and change.fields else change.status


def _trimmed(words: Words) -> Words:
    """``words`` with long runs of unchanged words cut to :data:`CONTEXT` words around each change."""
    out = []
    last = len(words) - 1
    for n, (op, text) in enumerate(words):
        if op == "=":
            ws = text.split()
            keep_head = CONTEXT if n > 0 else 0
            keep_tail = CONTEXT if n < last else 0
            if len(ws) > keep_head + keep_tail + 1:
                tail = ws[len(ws) - keep_tail :] if keep_tail else []
                text = " ".join([*ws[:keep_head], "…", *tail])
        out.append((op, text))
    return tuple(out)


# -- text ------------------------------------------------------------------------------------


class _Paint:
    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.colour and text else text

    def words(self, words: Words) -> str:
        parts = []
        for op, text in _trimmed(words):
            if op == "=":
                parts.append(text)
            elif self.colour:
                parts.append(self("31;9" if op == "-" else "32", text))
            else:
                parts.append(marked_words(op, text))
        return " ".join(parts)


def _field_text(f: FieldChange, paint: _Paint) -> str:
    note = f" ({f.note})" if f.note and f.note not in ("added", "removed", "changed") else ""
    if f.words:
        body = f"{f.around[0]}{paint.words(f.words)}{f.around[1]}"
    elif f.old is None:
        body = paint("32", f.new or "")
    elif f.new is None:
        body = paint("31", f.old)
    else:
        body = f"{paint('31', f.old)} → {paint('32', f.new)}"
    label = f.field
    if f.note in ("added", "removed", "changed", "renamed"):
        label = f"{f.field} {f.note}"
    return f"{label}: {body}{note}"


def to_text(diff: TimelineDiff, old: str, new: str, *, colour: bool = False) -> str:
    """The diff for a person reading a terminal or a pipe: a head line, each change, a summary."""
    paint = _Paint(colour)
    # (the names come from the command line or git: made safe for the terminal like the files' text)
    lines = [paint("1", clean(f"timeline diff {old} → {new}")[0])]
    for change in diff.events:
        mark = paint(_COLOUR[change.status], f"{_MARK[change.status]} {_status(change):<8}")
        ident = f"[{change.old_id} → {change.new_id}]" if change.status == "renamed" else f"[{change.id}]"
        lines.append(f"{mark} {change.date}  {paint('1', change.title)}  {paint('2', ident)}")
        lines.extend(f"    {_field_text(f, paint)}" for f in change.fields)
    if diff.top:
        lines.append(paint("1", "the timeline itself:"))
        lines.extend(f"    {_field_text(f, paint)}" for f in diff.top)
    lines.append(summary_line(diff))
    return "\n".join(lines) + "\n"


# -- Markdown ---------------------------------------------------------------------------------


def _md_words(words: Words) -> str:
    parts = []
    for op, text in _trimmed(words):
        shown = escape(text, line_start=False)
        if op == "=":
            parts.append(shown)
        elif op == "-":
            parts.append(f"~~{shown}~~")
        else:
            parts.append(f"**{shown}**")
    return " ".join(parts)


def _md_field(f: FieldChange) -> str:
    note = (
        f" ({escape(f.note, line_start=False)})"
        if f.note and f.note not in ("added", "removed", "changed")
        else ""
    )
    if f.words:
        before, after = (escape(a, line_start=False) if a else "" for a in f.around)
        body = f"{before}{_md_words(f.words)}{after}"
    elif f.old is None:
        body = escape(f.new or "", line_start=False)
    elif f.new is None:
        body = f"~~{escape(f.old, line_start=False)}~~"
    else:
        body = f"~~{escape(f.old, line_start=False)}~~ → {escape(f.new, line_start=False)}"
    label = f"{f.field} {f.note}" if f.note in ("added", "removed", "changed", "renamed") else f.field
    return f"- **{escape(label, line_start=False)}**: {body}{note}"


def to_markdown(diff: TimelineDiff, old: str, new: str) -> str:
    """The diff as Markdown for a pull-request description (GitHub-safe, see the module's help)."""
    lines = [
        f"## What changed: {escape(old, line_start=False)} → {escape(new, line_start=False)}",
        "",
        escape(summary_line(diff)),
    ]
    for change in diff.events:
        ident = f"`{change.old_id}` → `{change.new_id}`" if change.status == "renamed" else f"`{change.id}`"
        heading = escape(f"{change.date} — {change.title}", line_start=False)
        lines += ["", f"### {_MARK[change.status]} {_status(change)}: {heading} ({ident})"]
        if change.fields:
            lines.append("")
            lines += [_md_field(f) for f in change.fields]
    if diff.top:
        lines += ["", "### The timeline itself", ""]
        lines += [_md_field(f) for f in diff.top]
    return "\n".join(lines) + "\n"


# -- JSON -------------------------------------------------------------------------------------


def _json_field(f: FieldChange) -> dict[str, object]:
    return {
        "field": f.field,
        "old": f.old,
        "new": f.new,
        "note": f.note,
        "words": [{"op": op, "text": text} for op, text in f.words],
    }


def _json_event(c: EventChange) -> dict[str, object]:
    return {
        "status": c.status,
        "old_id": c.old_id,
        "new_id": c.new_id,
        "date": c.date,
        "title": c.title,
        "fields": [_json_field(f) for f in c.fields],
    }


def to_json(diff: TimelineDiff, old: str, new: str, extra: Iterable[tuple[str, object]] = ()) -> str:
    """The diff as one JSON document (``"format": "timeline-diff"``, ``"version"``: :data:`JSON_VERSION`)."""
    counts = diff.counts()
    doc = {
        "format": "timeline-diff",
        "version": JSON_VERSION,
        "old": old,
        "new": new,
        "counts": {s: counts[s] for s in STATUSES},
        "top": [_json_field(f) for f in diff.top],
        "events": [_json_event(c) for c in diff.events],
        **dict(extra),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
