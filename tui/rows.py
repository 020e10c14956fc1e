"""The lines of the timeline pane: events, with year separators and gap markers between them.

The model says which events are shown (a list of indexes); this lays them out
as screen rows.  Two flat lists of ints keep it cheap at 100,000 events.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from timeline import Timeline

YEAR, GAP, EVENT = 0, 1, 2

#: A pause between consecutive shown events at least this long gets a gap marker.
GAP_DAYS = 2 * 365


@dataclass
class Rows:
    kinds: list[int] = field(default_factory=list)
    values: list[int] = field(default_factory=list)  # YEAR: the year; GAP: days; EVENT: event index
    event_rows: list[int] = field(default_factory=list)  # row number of each shown event, in order

    def __len__(self) -> int:
        return len(self.kinds)


def layout(timeline: Timeline, shown: list[int]) -> Rows:
    """Rows for the events at ``shown`` (indexes in chronological order)."""
    kinds: list[int] = []
    values: list[int] = []
    event_rows: list[int] = []
    events = timeline.events
    year = None
    prev_latest = None
    for i in shown:
        when = events[i].when
        start = when.earliest
        if prev_latest is not None and (start - prev_latest).days >= GAP_DAYS:
            kinds.append(GAP)
            values.append((start - prev_latest).days)
        if start.year != year:
            year = start.year
            kinds.append(YEAR)
            values.append(year)
        event_rows.append(len(kinds))
        kinds.append(EVENT)
        values.append(i)
        latest = when.latest
        if prev_latest is None or latest > prev_latest:
            prev_latest = latest
    return Rows(kinds, values, event_rows)


def gap_words(days: int) -> str:
    years = days / 365.25
    if years >= 2:
        return f"{round(years)} years pass"
    return f"{round(days / 30.4)} months pass"
