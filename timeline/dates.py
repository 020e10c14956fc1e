"""Dates as chronologies write them: the one place the rest of the code imports them from.

Three modules hold the work, each named for its job, each building on the one before:

- :mod:`timeline.datemodel`: what a date is.  :class:`FuzzyDate` (a century, decade, year, season,
  month, day or time, maybe qualified, approximate or uncertain) and :class:`Span` (one date or
  a range), their days (:func:`day_number`, BC years too), order, display, lengths and zones.
- :mod:`timeline.dategrammar`: reading one written date, :func:`parse_date`; nothing is guessed,
  and anything else is refused with a one-line :class:`DateError` that shows how to write it.
- :mod:`timeline.dateranges`: reading a date or a range in one value, :func:`parse_when`
  (``1991–94``, ``27 Sep – 10 Nov 2020``, ``300–200 BC``).

The model reads no text, so it never imports the other two.
"""

from __future__ import annotations

from .dategrammar import MAX_LENGTH, make_date, parse_date
from .datemodel import (
    MAX_YEAR,
    MIN_YEAR,
    DateError,
    FuzzyDate,
    Precision,
    Span,
    check_zone,
    day_number,
    from_day_number,
    year_text,
    zone_dependent,
)
from .dateranges import parse_when

__all__ = [
    "MAX_LENGTH",
    "MAX_YEAR",
    "MIN_YEAR",
    "DateError",
    "FuzzyDate",
    "Precision",
    "Span",
    "check_zone",
    "day_number",
    "from_day_number",
    "make_date",
    "parse_date",
    "parse_when",
    "year_text",
    "zone_dependent",
]
