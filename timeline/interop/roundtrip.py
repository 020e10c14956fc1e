"""What an export cannot carry back to ``timeline import``: said by the export, proved by reading back.

``timeline export -f timelinejs|csv`` prints :func:`export_losses` on standard error, as
``timeline import`` prints what it could not keep (``-f ics`` prints there what a calendar cannot
hold, :attr:`.formats.Format.losses`).  Everything of the exported events rides along
(:mod:`.carried`) but their links to events the export leaves out (a filtered export): a link
needs its target in the same file.  That is computed from the timeline, at no cost.

:func:`readback_losses` finds the same by doing it: it reads the export back with the format's own
importer and the loader, and compares the timeline that comes back with the one exported
(:func:`~.jsonout.to_json_data` of each), field by field.  It costs a whole import, so the export
does not run it; the tests run both, on the bundled timeline, on every real file and on generated
timelines, and require the same lines.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..load import load_text
from ..model import Timeline
from ..problems import LoadError
from ..sanitize import clean
from .formats import FORMATS
from .jsonout import to_json_data
from .report import ImportFailed, ImportReport
from .yamlout import dump

__all__ = ["export_losses", "readback_losses"]

#: Fields of the JSON shape that are computed from others (compared through them) or not data.
_DERIVED = frozenset(("first", "last", "display", "filter"))


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _compare(kind: str, want: dict[str, Any], got: dict[str, Any] | None, lost: Counter[str]) -> None:
    if got is None:
        lost[f"{kind}"] += 1
        return
    for key, value in want.items():
        if key in _DERIVED:
            continue
        if not _same(value, got.get(key)):
            lost[f"{kind}' {key}"] += 1


def export_losses(fmt: str, timeline: Timeline, rows: Sequence[int]) -> list[str]:
    """What the export in ``fmt`` of the events at ``rows`` does not give back when imported,
    one ``not kept: WHAT: N`` line each (N: events); for a format that is not imported, what it
    says it cannot hold (:attr:`~.formats.Format.losses`), if anything."""
    said = FORMATS[fmt].losses if fmt in FORMATS else None
    if said is not None:
        return said(timeline, rows)
    if fmt not in FORMATS or FORMATS[fmt].read is None:
        return []
    exported = {timeline.events[i].id for i in rows}
    outside = sum(1 for i in rows if any(ln.to not in exported for ln in timeline.events[i].links))
    return [f"not kept: events' links: {outside}"] if outside else []


def readback_losses(fmt: str, timeline: Timeline, rows: Sequence[int], text: str) -> list[str]:
    """What ``text`` (the export in ``fmt`` of the events at ``rows``) does not give back when
    imported, one ``not kept: WHAT: N`` line each; none for a format that is not imported."""
    read = FORMATS[fmt].read if fmt in FORMATS else None
    if read is None:
        return []
    name = "export" + FORMATS[fmt].extension
    try:
        doc = read(name, text.encode("utf-8"), ImportReport(), timeline.title)
        back = load_text(
            [("export.yaml", dump(doc).encode("utf-8"))], max_bytes=len(text) * 4 + 10**6
        ).timeline
    except (ImportFailed, LoadError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return [clean(f"not kept: the export does not import back ({first})")[0]]
    want, got = to_json_data(timeline, rows), to_json_data(back)
    lost: Counter[str] = Counter()
    for key in ("title", "description", "timezone", "require", "eras"):
        if not _same(want[key], got[key]):
            lost[f"the timeline's {key}"] += 1
    for kind in ("actors", "sources"):
        for item_id, item in want[kind].items():
            _compare(kind, item, got[kind].get(item_id), lost)
    events = got["events"]
    by_id = {e["id"]: e for e in events}
    for i, event in enumerate(want["events"]):
        other = by_id.get(event["id"]) or (events[i] if i < len(events) else None)
        _compare("events", event, other, lost)
    return [clean(f"not kept: {what}: {n}")[0] for what, n in sorted(lost.items())]
