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

from .dategrammar import MAX_LENGTH, MEMO_SIZE, NotARange, TwoWays, parse_date, too_long
from .datemodel import (
    ISO_SIDE,
    MONTH_NAME,
    PERIOD_WORD,
    DateError,
    FuzzyDate,
    Span,
    ordinal,
    plain_year,
    year_text,
    zone_dependent,
)
from .datenumeric import NUMERIC, read_in_order

__all__ = ["parse_when"]

_DASHES = re.compile(r"\s*[–—]\s*|\s+-\s+|\s+to\s+|\s+until\s+|\s+through\s+|\s+thru\s+", re.I)
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
    except (TwoWays, NotARange):
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
    english = _english_range(flat)
    if english is not None:
        return english
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
    _one_era_reading(flat, span)
    return span


#: An era written out: BC, BCE, B.C., B.C.E., AD, A.D., CE, C.E.
_ERA_WORD = re.compile(r"(?<![A-Za-z])(?:B\.?C\.?(?:E\.?)?|A\.?D\.?|C\.?E\.?)(?![A-Za-z])", re.I)
_ISO_MONTH_ERA = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})\s*(?P<era>[A-Za-z.]+)")


def _one_era_reading(flat: str, span: Span) -> None:
    """:class:`TwoWays` for a range whose era a careful reader would doubt: ``500 BC–400`` (400 BC,
    or AD 400?), ``0044-03 BC`` (March of 44 BC, or the years 44–3 BC?)."""
    assert span.end is not None
    start, end = span.start, span.end
    month = _ISO_MONTH_ERA.fullmatch(flat)
    if month and _ERA_WORD.fullmatch(month.group("era")) and 1 <= int(month.group("m")) <= 12:
        raise TwoWays(
            f"{flat!r} reads two ways: the years {span.display()}, or a month of year {month.group('y')} "
            f"{month.group('era')}; write the range with an en dash ({month.group('y')}–{month.group('m')} "
            f"{month.group('era')}) or the month by its name"
        )
    eras = _ERA_WORD.findall(flat)
    bare_end = re.search(r"(?:^|[\s–—-])[1-9][\d,]*$", flat)  # not 0400, which ISO says is AD
    if (
        start.year <= 0 < end.year
        and len(eras) == 1
        and 1 - end.year >= start.year
        and plain_year(end)
        and bare_end
    ):
        first, shown = start.display(), end.display()
        raise TwoWays(
            f"{flat!r} reads two ways: its end, {shown}, may be BC or AD; write the era on both "
            f"sides ({first} – {shown} BC, or {first} – {shown} AD)"
        )


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
        # "300–200 BC", "c. 1200–1150 BC": a bare start year takes the end's era.
        if end.year <= 0 < start.year and _BARE_YEAR.fullmatch(left):
            return parse_date(f"{left} BC")
        return start
    if end.month is not None and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", left):
        return parse_date(f"{left} {MONTH_NAME[end.month]} {year_text(end.year)}")
    if end.year <= 0 and _BARE_YEAR.fullmatch(left):
        # "10–1 BC": alone, 10 is refused (which century?); the end's era says which.
        return parse_date(f"{left} BC")
    if re.fullmatch(r"\d{1,2}:\d{2}.*", left) and end.day is not None and end.month is not None:
        raise error
    if re.search(NUMERIC, left):  # a numeric date refused (it reads two ways): say so, of it alone
        raise error
    return parse_date(f"{left} {year_text(end.year)}")


# -- ranges as English writes them -----------------------------------------------------------

#: A start year that takes the end's era: ``300``, ``c. 1200``, ``2,500`` (as in ``2,500–1,800 BC``).
_BARE_YEAR = re.compile(r"(?:(?:c\.?|ca\.?|circa)\s*)?(?:\d{1,4}|\d{1,2},\d{3})", re.I)
_MONTHS_RE = (
    "|".join(name for name in MONTH_NAME if name) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
_SFX = r"(?:st|nd|rd|th)?"
#: ``March 3-5, 2011``, ``April 14 to 16, 2011``: two days of one month, the month first.
_MONTH_DAYS = re.compile(
    r"(?P<mon>(?:" + _MONTHS_RE + r")\.?)\s+(?P<a>\d{1,2}" + _SFX + r")"
    r"(?:\s*(?:--|[-–—])\s*|\s+(?:to|through|thru|until)\s+)"
    r"(?P<b>\d{1,2}" + _SFX + r"),?\s+(?P<rest>\d.*)",
    re.I,
)
_NIGHT = re.compile(r"(?:the\s+)?night\s+of\s+(?P<rest>.+)", re.I)
#: The two days of a night: ``9/10 May 1945``, ``May 9/10, 1945`` (not a numeric date: ``9/10/1945``).
_NIGHT_DAYS = re.compile(
    r"(?P<head>(?:(?:"
    + _MONTHS_RE
    + r")\.?\s+)?\d{1,2}"
    + _SFX
    + r")\s*/\s*(?P<tail>\d{1,2}"
    + _SFX
    + r"(?![/\d.]))",
    re.I,
)
_ORDINAL_WORD = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
    "fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
)
_ORDINAL_START = (
    r"(?:(?:early|mid|late)[- ])?(?:\d{1,3}(?:st|nd|rd|th)|[IVXLCDM]+|(?:twenty[- ])?(?:"
    + _ORDINAL_WORD
    + "))"
)
#: ``15th–16th centuries``, ``XV–XVI century``, ``I–II millennia BC``, ``8-7th century BC`` (the
#: first number bare before a dash), ``4th & 5th Century BC``: two periods, the unit written once.
_PERIODS = re.compile(
    r"(?:the\s+)?(?P<left>"
    + _ORDINAL_START
    + r"|[1-9]\d?(?=\s*[-–—]\s*\d))\s*(?:--|[-–—/&]|\s+to\s+|\s+through\s+|\s+and\s+)\s*(?P<right>"
    + _ORDINAL_START
    + r"[\s-]+(?P<unit>centuries|century|millennia|millennium)\b.*)",
    re.I,
)
_SINGULAR = {"centuries": "century", "millennia": "millennium"}
#: ``from April 14 to 16, 2011``: "from" before a range written with a word or a dash.
_FROM = re.compile(r"from\s+(?P<rest>.+?(?:\s+(?:to|through|thru|until)\s+|\s*[–—]\s*|\s+-\s+).+)", re.I)


def _english_range(flat: str) -> Span | None:
    """A range as English prose writes it, or None: ``March 3-5, 2011``, ``the night of 9/10 May
    1945``, ``1914--1918``, ``XV–XVI centuries``."""
    m = _MONTH_DAYS.fullmatch(flat)
    if m:
        return parse_when(f"{m.group('a')} – {m.group('b')} {m.group('mon')} {m.group('rest')}")
    m = _FROM.fullmatch(flat)
    if m:
        return parse_when(m.group("rest"))
    m = _NIGHT.fullmatch(flat)
    if m:
        return _night(flat, m.group("rest"))
    m = _PERIODS.fullmatch(flat)
    if m:
        return _periods(flat, m.group("left"), m.group("right"), m.group("unit"))
    if "--" in flat and "---" not in flat:
        return parse_when(flat.replace("--", "–"))  # "1914--1918", as TeX writes an en dash
    return None


def _night(flat: str, rest: str) -> Span:
    """The two days a night joins: ``the night of 9/10 May 1945`` is 9–10 May 1945."""
    m = _NIGHT_DAYS.match(rest)
    if m:
        rest = f"{m.group('head')}–{m.group('tail')}{rest[m.end() :]}"
    try:
        span = parse_when(rest)
    except DateError:
        span = None
    if (
        span is None
        or span.end is None
        or span.start.precision != span.end.precision
        or (span.last_day - span.first_day != 1 or span.start.day is None)
    ):
        raise DateError(
            f"cannot read {flat!r}: a night joins two days in a row, written e.g. the night of 9/10 May 1945"
        )
    return span


def _periods(flat: str, left: str, right: str, unit: str) -> Span:
    """Two centuries or millennia with the unit written once, the span from the earlier to the
    later whichever order they are written in (``I–II millennia BC`` is 2000 BC to 1 BC)."""
    plural = unit.lower() in _SINGULAR
    end = parse_date(right.replace(unit, _SINGULAR.get(unit.lower(), unit), 1) if plural else right)
    if end.period < 100:
        raise DateError(f"cannot read {flat!r}: write e.g. 15th–16th centuries")
    if left.isdigit():  # "8-7th century BC": the first number written bare
        left = ordinal(int(left))
    start = parse_date(f"{left} {PERIOD_WORD[end.period]}" + (" BC" if end.year < 1 else ""))
    if end.first_day < start.first_day:
        start, end = end, start
    return Span(start, end)
