"""Numeric dates: ``31/12/1999``, ``12/31/1999``, ``31.12.1999``, ``31-12-1999``.

A numeric date is read when its fields can be read only one way: a field above 12 is the day
(``31/12/1999``, ``4/25/2011``), and ``05/05/2011`` is the same day both ways.  One that reads
as two different days (``03/04/2011``) is refused with both readings, unless the file says
which order it writes (``date-order: day-first`` or ``month-first`` at its top): then it is read
in that order, and a date that can only be read the other way (``12/31/1999`` in a day-first
file) is refused, as a sign that the file mixes conventions.  The three fields are joined by the
same ``/``, ``.`` or ``-`` and the year has four digits: a two-digit year (``3/4/11``) is refused,
since its century is a guess.  A hyphenated one is read only as a whole value (``31-12-1999``),
never split as a range, and a range of two numeric dates takes an en dash or ``to``.

:func:`in_order` rewrites the numeric dates of a value into ISO 8601 in a file's order before
the grammar reads it; :func:`without_order` does it where no order is declared.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from .datemodel import MONTH_NAME, DateError, month_days

__all__ = ["DATE_ORDERS", "NUMERIC", "in_order", "read_in_order", "without_order"]

_T = TypeVar("_T")

#: The values of the top-level ``date-order:`` key.
DATE_ORDERS = ("day-first", "month-first")

#: A numeric date inside a value: the same separator twice, not part of a longer number run.
#: (A pattern, compiled by ``re`` on first use: most timelines never need it.)
NUMERIC = r"(?<![\w/.\-])(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{1,5})(?![\w/\-]|\.\d)"


def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def _day_text(year: int, month: int, day: int) -> str:
    return f"{day} {MONTH_NAME[month]} {year}"


def _exists(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= month_days(year, month)


def _reading(m: re.Match[str], text: str, order: str | None) -> str:
    """The ISO form of the numeric date ``m`` in ``text``, read in ``order`` (None: none declared)."""
    token, digits = m.group(0), m.group("y")
    where = f"numeric date {token!r}" + (f" in {text!r}" if token != text else "")
    a, b = int(m.group("a")), int(m.group("b"))
    if len(digits) != 4:
        if len(digits) == 2:
            raise DateError(
                f"the year in {where} has two digits, so its century is a guess "
                f"(19{digits}? 20{digits}?): write the year with four digits"
            )
        raise DateError(
            f"cannot tell the year in {where}: a numeric date's year has "
            "four digits; write it as YYYY-MM-DD or with the month's name"
        )
    year = int(digits)
    day_first = _exists(year, b, a)
    month_first = _exists(year, a, b)
    if not day_first and not month_first:
        if 1 <= b <= 12 and a > 12:
            why = f"{MONTH_NAME[b]} {year} has {month_days(year, b)} days"
        elif 1 <= a <= 12 and b > 12:
            why = f"{MONTH_NAME[a]} {year} has {month_days(year, a)} days"
        else:
            why = "neither field is a month (01 to 12)"
        raise DateError(f"{where} is no day either way: {why}")
    if day_first and month_first and a != b:
        if order is None:
            raise DateError(
                f"{where} reads two ways: did you mean {_iso(year, b, a)} ({_day_text(year, b, a)}, "
                f"day first) or {_iso(year, a, b)} ({_day_text(year, a, b)}, month first)? write the "
                "ISO form or the month's name (or, in a timeline file that uses one order throughout, "
                "set date-order: day-first or month-first at its top)"
            )
        return _iso(year, b, a) if order == "day-first" else _iso(year, a, b)
    if day_first:
        if order == "month-first" and a != b:
            raise DateError(
                f"{where} can only be read day first "
                f"({_day_text(year, b, a)}: {a} is no month), but the file says date-order: "
                f"month-first; write {_iso(year, b, a)}"
            )
        return _iso(year, b, a)
    if order == "day-first":
        raise DateError(
            f"{where} can only be read month first "
            f"({_day_text(year, a, b)}: {b} is no month), but the file says date-order: "
            f"day-first; write {_iso(year, a, b)}"
        )
    return _iso(year, a, b)


def _rewrite(text: str, order: str | None) -> str:
    if not re.search(NUMERIC, text):
        return text
    return re.sub(NUMERIC, lambda m: _reading(m, text, order), text)


def in_order(text: str, order: str) -> str:
    """``text`` with each numeric date written as ISO 8601, read in ``order`` (one of
    :data:`DATE_ORDERS`); :class:`DateError` for one that reads only the other way."""
    if order not in DATE_ORDERS:
        raise ValueError(f"date order {order!r} is not one of {DATE_ORDERS}")
    return _rewrite(text, order)


def without_order(text: str) -> str:
    """``text`` with each numeric date that reads one way written as ISO 8601;
    :class:`DateError` for one that reads two ways (both are offered)."""
    return _rewrite(text, None)


def read_in_order(text: str, order: str, read: Callable[[str], _T]) -> _T:
    """``read(text)`` with the numeric dates of ``text`` read in ``order`` first; a value without
    any is read as it is (so a value read before, in any file, is remembered)."""
    rewritten = in_order(text, order)
    if rewritten == text:
        return read(text)
    try:
        return read(rewritten)
    except DateError as exc:
        raise DateError(f"{exc} (with date-order: {order}, {text!r} reads as {rewritten!r})") from None
