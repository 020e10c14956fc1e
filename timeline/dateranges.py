"""Reading a date or a range in one value: :func:`parse_when`.

``1991–1994``, ``27 Sep – 10 Nov 2020``, ``2020-09-27/2020-11-10``, ``18-19 January 2006``,
``300–200 BC``: a range is split at an en dash, ``to``, a hyphen (only where the end begins
after the start) or a ``/`` between two whole ISO dates; each side is read by the grammar
(:mod:`timeline.dategrammar`), the start completed from what the end gives (its year, month
or era), and the end must not come before the start.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .dategrammar import MAX_LENGTH, MEMO_SIZE, TwoWays, parse_date, too_long
from .datemodel import ISO_SIDE, MONTH_NAME, DateError, FuzzyDate, Span, year_text, zone_dependent
from .datenumeric import NUMERIC, read_in_order

__all__ = ["parse_when"]

_DASHES = re.compile(r"\s*[–—]\s*|\s+-\s+|\s+to\s+|\s+until\s+", re.I)
_DURATION = re.compile(r"(?P<body>.*\S)\s+\((?P<d>(?:about )?[\d½]+ \w+)\)")


@lru_cache(maxsize=MEMO_SIZE)
def parse_when(text: str, order: str | None = None) -> Span:
    """Read a date or a range in one value: ``1991–1994``, ``27 Sep – 10 Nov 2020``,
    ``2020-09-27/2020-11-10``, ``18-19 January 2006``, ``c. early 2022 to Aug 2023``.

    The start may leave out what the end gives (the year, the month and year, the era).
    The wording :meth:`Span.long` adds in brackets (``(45 days)``) is read back and checked.
    Values already read are remembered, as :func:`parse_date` remembers dates; ``order`` is
    as for :func:`parse_date`.
    """
    if len(text) > MAX_LENGTH:
        raise too_long(text)
    if order is not None:  # the file's date-order: its numeric dates are read so first
        return read_in_order(text, order, parse_when)
    try:
        return Span(parse_date(text))
    except TwoWays:
        raise  # not to be read as a range instead
    except DateError as exc:
        first_error = exc
    flat = " ".join(text.split())
    m = _DURATION.fullmatch(flat)
    if m and not m.group("d").startswith("uncertain"):
        span = parse_when(m.group("body"))
        # (a length that depends on the timeline's zone, unknown here, is read but not checked)
        if span.end is None or (span.duration() != m.group("d") and not zone_dependent(span)):
            raise DateError(
                f"the length written in {flat!r} ({m.group('d')}) is not the span's "
                f"({span.duration() or 'a single date'}): leave it out or correct it"
            )
        return span
    candidates: list[tuple[str, str]] = []
    explicit = None  # a split at an en dash, "to" or "/": the writer meant a range
    parts = _DASHES.split(flat)
    if len(parts) == 2:
        if not parts[0].strip() or not parts[1].strip():
            raise DateError(f"cannot read {flat!r}: a range has a start and an end, e.g. 1991–1994")
        explicit = (parts[0], parts[1])
    elif len(parts) > 2:
        raise DateError(f"cannot read {flat!r}: a range has one start and one end, e.g. 1991–1994")
    elif flat.count("/") == 1 and not re.search(r"\b[A-Z][A-Za-z]+/[A-Z]", flat):  # not Asia/Baku
        left, right = (side.strip() for side in flat.split("/"))
        if not left or not right or ".." in (left, right):
            raise DateError(
                f"open-ended range {flat!r}: give both a start and an end, e.g. 2020-09-27/2020-11-10"
            )
        if not (ISO_SIDE.match(left) and ISO_SIDE.match(right)):
            raise first_error  # an ISO 8601 / EDTF interval joins two ISO dates: not Q3/2023
        end = parse_date(right)
        interval = Span(parse_date(left), end)  # each side whole: nothing is borrowed
        if end.last_tick < interval.start.first_tick and not zone_dependent(interval):
            raise DateError(f"the range {flat!r} ends ({end.display()}) before it starts")
        return interval
    else:
        for i, ch in enumerate(flat):
            if ch == "-" and 0 < i < len(flat) - 1 and flat[i - 1] != " ":
                candidates.append((flat[:i], flat[i + 1 :]))
    if explicit is not None:
        left, right = explicit[0].strip(), _end_year(*explicit)
        end = parse_date(right)  # an error here names the part that cannot be read
        spans = [Span(_complete(left, end), end)]
    else:
        spans = list(filter(None, (_range(left, right) for left, right in candidates)))
    if len(set(spans)) > 1:
        raise DateError(
            f"cannot tell where the range {flat!r} splits: write it with an en dash, e.g. 1991–1994"
        )
    if not spans:
        raise first_error
    span = spans[0]
    assert span.end is not None
    if not zone_dependent(span) and span.end.last_tick < span.start.first_tick:
        raise DateError(
            f"the range {flat!r} ends ({span.end.display()}) before it starts ({span.start.display()})"
        )
    return span


def _range(left: str, right: str) -> Span | None:
    """A range split at a hyphen, if both sides read and the end begins after the start does
    (``mid-July-2023`` is not mid July to the whole of 2023)."""
    try:
        end = parse_date(_end_year(left, right))
        start = _complete(left.strip(), end)
    except DateError:
        return None
    return Span(start, end) if end.first_tick > start.first_tick else None


def _end_year(left: str, right: str) -> str:
    """The end of ``1991–94``, a year after the start written with its last two digits: 1994."""
    left, right = left.strip(), right.strip()
    if re.fullmatch(r"\d{2}", right) and re.fullmatch(r"\d{4}", left) and left[2:] < right:
        return left[:2] + right
    return right


def _complete(left: str, end: FuzzyDate) -> FuzzyDate:
    """The start of a range, which may leave out the era, the year or the month the end gives."""
    try:
        start = parse_date(left)
    except DateError as exc:
        error = exc
    else:
        # "300–200 BC": a bare start year takes the end's era.
        if end.year <= 0 < start.year and re.fullmatch(r"\d{1,4}", left):
            return parse_date(f"{left} BC")
        return start
    if end.month is not None and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", left):
        return parse_date(f"{left} {MONTH_NAME[end.month]} {year_text(end.year)}")
    if end.year <= 0 and re.fullmatch(r"\d{1,4}", left):
        # "10–1 BC": alone, 10 is refused (which century?); the end's era says which.
        return parse_date(f"{left} BC")
    if re.fullmatch(r"\d{1,2}:\d{2}.*", left) and end.day is not None and end.month is not None:
        raise error
    if re.search(NUMERIC, left):  # a numeric date refused (it reads two ways): say so, of it alone
        raise error
    return parse_date(f"{left} {year_text(end.year)}")
