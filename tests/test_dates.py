"""Partial and uncertain dates: every written form, display wording, bounds, order and spans."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import DateError, FuzzyDate, Precision, Span, from_day_number, parse_date

D = dt.date


# -- every date form the README lists ------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected", "shown"),
    [
        ("2023", FuzzyDate(2023), "2023"),
        ("2023-07", FuzzyDate(2023, 7), "Jul 2023"),
        ("2023-07-05", FuzzyDate(2023, 7, 5), "5 Jul 2023"),
        ("early 2023-07", FuzzyDate(2023, 7, qualifier="early"), "early Jul 2023"),
        ("mid 2023-07", FuzzyDate(2023, 7, qualifier="mid"), "mid Jul 2023"),
        ("late 2023-07", FuzzyDate(2023, 7, qualifier="late"), "late Jul 2023"),
        ("early 2023", FuzzyDate(2023, qualifier="early"), "early 2023"),
        ("mid 2023", FuzzyDate(2023, qualifier="mid"), "mid 2023"),
        ("late 2023", FuzzyDate(2023, qualifier="late"), "late 2023"),
        ("2023-07~", FuzzyDate(2023, 7, approximate=True), "c. Jul 2023"),
        ("2023-07?", FuzzyDate(2023, 7, uncertain=True), "Jul 2023?"),
        ("2023-07%", FuzzyDate(2023, 7, approximate=True, uncertain=True), "c. Jul 2023?"),
        ("1991~", FuzzyDate(1991, approximate=True), "c. 1991"),
        ("2023-07-05%", FuzzyDate(2023, 7, 5, approximate=True, uncertain=True), "c. 5 Jul 2023?"),
        # natural forms keep the precision they were written with
        ("1 August 2023", FuzzyDate(2023, 8, 1), "1 Aug 2023"),
        ("August 2023", FuzzyDate(2023, 8), "Aug 2023"),
        ("early July 2023", FuzzyDate(2023, 7, qualifier="early"), "early Jul 2023"),
        ("late February 2024", FuzzyDate(2024, 2, qualifier="late"), "late Feb 2024"),
        ("Aug 5, 2023", FuzzyDate(2023, 8, 5), "5 Aug 2023"),
        ("5 August 2023?", FuzzyDate(2023, 8, 5, uncertain=True), "5 Aug 2023?"),
        # case and spacing do not matter
        ("Early 2023-07", FuzzyDate(2023, 7, qualifier="early"), "early Jul 2023"),
        ("  mid   2023 ", FuzzyDate(2023, qualifier="mid"), "mid 2023"),
    ],
)
def test_parse_each_written_form(written: str, expected: FuzzyDate, shown: str) -> None:
    date = parse_date(written)
    assert date == expected
    assert date.display() == shown
    assert str(date) == shown


@pytest.mark.parametrize(
    ("written", "precision"),
    [
        ("2023", Precision.YEAR),
        ("late 2023", Precision.YEAR),
        ("2023-07", Precision.MONTH),
        ("August 2023", Precision.MONTH),
        ("2023-07-05", Precision.DAY),
        ("1 August 2023", Precision.DAY),
    ],
)
def test_precision(written: str, precision: Precision) -> None:
    assert parse_date(written).precision is precision


@pytest.mark.parametrize(
    ("written", "long"),
    [
        ("2023", "2023"),
        ("2023-07", "July 2023"),
        ("2023-08-05", "5 August 2023"),
        ("early 2023-07", "early July 2023"),
        ("late 2023", "late 2023"),
        ("2023-08-05~", "about 5 August 2023"),
        ("2023-08?", "August 2023 (uncertain)"),
        ("1991%", "about 1991 (uncertain)"),
    ],
)
def test_long_wording(written: str, long: str) -> None:
    assert parse_date(written).long() == long


@pytest.mark.parametrize(
    "written",
    ["2023", "2023-07", "2023-07-05", "early 2023-07", "late 2023", "2023-07~", "2023-07?", "mid 2023%"],
)
def test_iso_is_the_canonical_written_form(written: str) -> None:
    assert parse_date(written).iso() == written


def test_natural_and_iso_forms_are_the_same_date() -> None:
    assert parse_date("1 August 2023") == parse_date("2023-08-01")
    assert parse_date("August 2023") == parse_date("2023-08")
    assert parse_date("early July 2023") == parse_date("early 2023-07")


def test_natural_form_keeps_a_year_below_100_as_written() -> None:
    # dateutil alone would read the year 0050 as 2050.
    assert parse_date("1 August 0050") == FuzzyDate(50, 8, 1)
    assert parse_date("1 August 0050") == parse_date("0050-08-01")


# -- bounds -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "first", "last"),
    [
        ("2023", (2023, 1, 1), (2023, 12, 31)),
        ("2023-07", (2023, 7, 1), (2023, 7, 31)),
        ("2023-06", (2023, 6, 1), (2023, 6, 30)),
        ("2023-07-05", (2023, 7, 5), (2023, 7, 5)),
        ("early 2023-07", (2023, 7, 1), (2023, 7, 10)),
        ("mid 2023-07", (2023, 7, 11), (2023, 7, 20)),
        ("late 2023-07", (2023, 7, 21), (2023, 7, 31)),
        ("late 2023-04", (2023, 4, 21), (2023, 4, 30)),
        ("early 2023", (2023, 1, 1), (2023, 4, 30)),
        ("mid 2023", (2023, 5, 1), (2023, 8, 31)),
        ("late 2023", (2023, 9, 1), (2023, 12, 31)),
        # February, leap years and not
        ("2024-02", (2024, 2, 1), (2024, 2, 29)),
        ("2023-02", (2023, 2, 1), (2023, 2, 28)),
        ("late 2024-02", (2024, 2, 21), (2024, 2, 29)),
        ("late 2023-02", (2023, 2, 21), (2023, 2, 28)),
        ("late 1900-02", (1900, 2, 21), (1900, 2, 28)),  # divisible by 100: not a leap year
        ("late 2000-02", (2000, 2, 21), (2000, 2, 29)),  # divisible by 400: a leap year
        ("2024-02-29", (2024, 2, 29), (2024, 2, 29)),
        # markers do not move the bounds
        ("2023-07~", (2023, 7, 1), (2023, 7, 31)),
        ("2023-07%", (2023, 7, 1), (2023, 7, 31)),
        # years before 1, which dt.date cannot hold: astronomical, 1 BC is the year 0 (a leap year)
        ("300 BC", (-299, 1, 1), (-299, 12, 31)),
        ("early 44 BC", (-43, 1, 1), (-43, 4, 30)),
        ("late February 1 BC", (0, 2, 21), (0, 2, 29)),
        ("15 March 44 BC", (-43, 3, 15), (-43, 3, 15)),
        ("10000 BC", (-9999, 1, 1), (-9999, 12, 31)),
    ],
)
def test_bounds(written: str, first: tuple[int, int, int], last: tuple[int, int, int]) -> None:
    date = parse_date(written)
    assert (from_day_number(date.first_day), from_day_number(date.last_day)) == (first, last)


# -- ordering ---------------------------------------------------------------------


def key(written: str) -> tuple[int, int]:
    return parse_date(written).sort_key


def test_month_sorts_before_a_later_day_inside_it() -> None:
    assert key("2023-07") < key("2023-07-05")


def test_month_and_its_first_day_order_by_latest_bound() -> None:
    # Same earliest day: the shorter period comes first (1 July, then early July, then July).
    assert key("2023-07-01") < key("early 2023-07") < key("2023-07") < key("2023-07-05")


def test_early_month_before_a_mid_month_day() -> None:
    assert key("early 2023-07") < key("2023-07-15")
    assert key("2023-07-15") < key("late 2023-07")


def test_year_parts_order() -> None:
    written = ["late 2023", "2023-05-01", "2023", "mid 2023", "early 2023", "2022-12-31", "2024"]
    ordered = sorted(written, key=key)
    # 2023-05-01 and mid 2023 both start on 1 May; the day ends first.
    assert ordered == ["2022-12-31", "early 2023", "2023", "2023-05-01", "mid 2023", "late 2023", "2024"]


def test_equal_keys_keep_their_given_order() -> None:
    # Markers do not change the key, so these tie and sorting must not reorder them.
    assert key("2023-07~") == key("2023-07?") == key("2023-07")
    for written in (["2023-07~", "2023-07?", "2023-07"], ["2023-07", "2023-07?", "2023-07~"]):
        assert sorted(written, key=key) == written


# -- impossible and unreadable dates ------------------------------------------------


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("2023-02-30", ["30", "February 2023"]),
        ("2023-02-29", ["29", "February 2023"]),
        ("2023-04-31", ["31", "April 2023"]),
        ("2023-13", ["month 13"]),
        ("2023-00", ["month 0"]),
        ("early 2023-07-05", ["early", "not a day"]),
        ("late 1 August 2023", ["late", "not a day"]),
        ("", ["empty"]),
        ("   ", ["empty"]),
        ("20\n23", ["cannot read", "'20 23'"]),  # the message stays on one line
        ("soon", ["no year"]),
        ("August", ["no year"]),
        ("2023/07", ["cannot read"]),
        ("07-2023", ["cannot read"]),
        ("2023-7", ["cannot read"]),
        ("30 February 2023", ["day 30", "February 2023"]),
        ("August 12", ["no year", "0050"]),  # a day or a year? refused, not guessed
    ],
)
def test_impossible_dates_raise_a_one_line_date_error(written: str, words: list[str]) -> None:
    with pytest.raises(DateError) as info:
        parse_date(written)
    message = str(info.value)
    assert "\n" not in message
    assert message
    for word in words:
        assert word in message
    assert isinstance(info.value, ValueError)


def test_date_error_quotes_the_text_as_written() -> None:
    with pytest.raises(DateError, match=r"'2023-02-30'"):
        parse_date("2023-02-30")


# -- spans --------------------------------------------------------------------------


def span(start: str, end: str | None = None) -> Span:
    return Span(parse_date(start), parse_date(end) if end else None)


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        ("1991", "1994", "1991–1994"),
        ("2020-09-27", "2020-11-10", "27 Sep – 10 Nov 2020"),
        ("2020-09-27", "2021-01-10", "27 Sep 2020 – 10 Jan 2021"),
        ("2023-07", "2023-09", "Jul – Sep 2023"),
        ("mid 2023-07", "2023-08-20", "mid Jul – 20 Aug 2023"),
        ("early 2023", "late 2023", "early 2023 – late 2023"),
        ("2020", "2023-05", "2020 – May 2023"),
        # an approximate or uncertain start keeps its own year, so the marker stays unambiguous
        ("2023-07~", "2023-08", "c. Jul 2023 – Aug 2023"),
        ("2023-07?", "2023-08", "Jul 2023? – Aug 2023"),
    ],
)
def test_span_display(start: str, end: str, shown: str) -> None:
    assert span(start, end).display() == shown


def test_single_date_span_shows_the_date() -> None:
    s = span("2023-08-05")
    assert s.display() == "5 Aug 2023"
    assert s.long() == "5 August 2023"
    assert s.duration() == ""


@pytest.mark.parametrize(
    ("start", "end", "duration"),
    [
        ("2023-07-05", "2023-07-05", "1 day"),
        ("2023-07-05", "2023-07-06", "2 days"),
        ("2020-09-27", "2020-11-10", "45 days"),  # 4 + 31 + 10, both ends counted
        ("2022-12-30", "2023-01-02", "4 days"),
        ("2023-07", "2023-09", "3 months"),  # July, August and September
        ("2023-01", "2023-12", "12 months"),
        ("2023-07~", "2023-08", "about 2 months"),
        # both ends count, as for months and days: 1991, 1992, 1993 and 1994
        ("1991", "1994", "4 years"),
        ("1991~", "1994", "about 4 years"),
        ("early 1991", "1994", "about 4 years"),
        ("2020-09-27", "2021-01-10", "about 4 months"),  # long day spans are rounded, and say so
    ],
)
def test_span_duration(start: str, end: str, duration: str) -> None:
    assert span(start, end).duration() == duration


def test_span_long_wording_includes_the_duration() -> None:
    assert span("2020-09-27", "2020-11-10").long() == "27 September 2020 – 10 November 2020 (45 days)"
    assert span("1991", "1994").long() == "1991 – 1994 (4 years)"


def test_span_bounds_and_key_use_start_and_end() -> None:
    s = span("early 2023-07", "2023-09")
    assert (s.first_day, s.last_day) == (D(2023, 7, 1).toordinal(), D(2023, 9, 30).toordinal())
    assert s.sort_key == (s.start.first_tick, s.end.last_tick if s.end else 0)


@pytest.mark.parametrize(
    ("when", "lo", "hi", "overlaps"),
    [
        ("1991–1994", "1993-01-01", "1993-12-31", True),  # inside
        ("1991–1994", "1980-01-01", "1991-01-01", True),  # touches the first day
        ("1991–1994", "1994-12-31", None, True),  # touches the last day
        ("1991–1994", "1995-01-01", None, False),
        ("1991–1994", None, "1990-12-31", False),
        ("1991–1994", None, None, True),
        # the same across the era boundary, where days are counted on as ever
        ("300–200 BC", "250 BC", "250 BC", True),
        ("300–200 BC", "1 January 300 BC", "1 January 300 BC", True),
        ("300–200 BC", "31 December 200 BC", None, True),
        ("300–200 BC", "199 BC", "AD 1", False),
        ("300–200 BC", None, "301 BC", False),
        ("1 BC – AD 1", "31 December 1 BC", "1 January 1 AD", True),
    ],
)
def test_a_date_range_keeps_the_spans_it_overlaps(
    when: str, lo: str | None, hi: str | None, overlaps: bool
) -> None:
    from timeline import Filter, load_text

    text = f"""\
title: T
actors: {{az: {{name: A}}}}
sources: {{s: {{title: S, publisher: P, date: 2023, url: "https://example.com"}}}}
events:
  - {{id: e, date: {when}, title: E, kind: statement, actors: [az], summary: S, sources: [s]}}
"""
    timeline = load_text([("t.yaml", text.encode())]).timeline
    flt = Filter(date_from=parse_date(lo) if lo else None, date_to=parse_date(hi) if hi else None)
    assert flt.apply(timeline) == ([0] if overlaps else [])


# -- properties ---------------------------------------------------------------------


@st.composite
def fuzzy_dates(draw: st.DrawFn) -> FuzzyDate:
    year = draw(st.integers(1, 9999))
    month = draw(st.none() | st.integers(1, 12))
    day = None
    if month is not None:
        day = draw(st.none() | st.integers(1, calendar.monthrange(year, month)[1]))
    qualifier = None if day is not None else draw(st.sampled_from([None, "early", "mid", "late"]))
    return FuzzyDate(year, month, day, qualifier, draw(st.booleans()), draw(st.booleans()))


@settings(deadline=None)
@given(fuzzy_dates())
def test_iso_round_trips_and_bounds_are_ordered(date: FuzzyDate) -> None:
    assert parse_date(date.iso()) == date
    assert date.first_day <= date.last_day
    # The interval lies within what was written.
    (y1, m1, d1), (y2, m2, d2) = from_day_number(date.first_day), from_day_number(date.last_day)
    assert y1 == y2 == date.year
    if date.month is not None:
        assert m1 == m2 == date.month
    if date.day is not None:
        assert (m1, d1) == (m2, d2) == (date.month, date.day)
    assert "\n" not in date.display() and "\n" not in date.long()


@settings(deadline=None)
@given(fuzzy_dates())
def test_natural_forms_read_back(date: FuzzyDate) -> None:
    parts = [
        date.qualifier or "",
        str(date.day or ""),
        calendar.month_name[date.month or 0],
        f"{date.year:04d}",
    ]
    mark = {(True, True): "%", (True, False): "~", (False, True): "?"}.get(
        (date.approximate, date.uncertain), ""
    )
    written = " ".join(p for p in parts if p) + mark
    assert parse_date(written) == date


@pytest.mark.parametrize(
    ("start", "end", "words", "short"),
    [
        ("1991", "1994", "4 years", "4y"),
        ("2023-09-19", "2023-09-20", "2 days", "2d"),
        ("2022-12-12", "2023-09-30", "about 10 months", "~10mo"),
        ("late 2023-09", "2023-10", "about 1 month", "~1mo"),
        ("2023-07", "2023-07", "1 month", "1mo"),
    ],
)
def test_short_duration_says_the_same_as_the_words(start: str, end: str, words: str, short: str) -> None:
    s = span(start, end)
    assert s.duration() == words
    assert s.short_duration() == short


def test_single_dates_have_no_duration() -> None:
    s = Span(parse_date("2023-07-05"))
    assert s.duration() == s.short_duration() == ""


# == issue 11: dates as real chronologies write them =====================================

from timeline.dates import day_number, parse_when  # noqa: E402


@pytest.mark.parametrize(
    ("written", "shown", "long", "iso"),
    [
        # times of day: seconds, offsets, Z, natural forms
        ("2023-09-20T13:00", "20 Sep 2023 13:00", "20 September 2023 13:00", "2023-09-20T13:00"),
        ("2023-09-20 13:00", "20 Sep 2023 13:00", "20 September 2023 13:00", "2023-09-20T13:00"),
        ("2023-09-20T13:00:05", "20 Sep 2023 13:00:05", "20 September 2023 13:00:05", "2023-09-20T13:00:05"),
        (
            "2023-09-20T13:00+04:00",
            "20 Sep 2023 13:00 +04:00",
            "20 September 2023 13:00 +04:00",
            "2023-09-20T13:00+04:00",
        ),
        (
            "2023-12-07T00:00:00Z",
            "7 Dec 2023 00:00:00 UTC",
            "7 December 2023 00:00:00 UTC",
            "2023-12-07T00:00:00Z",
        ),
        ("1941-12-07 7:48", "7 Dec 1941 07:48", "7 December 1941 07:48", "1941-12-07T07:48"),
        ("2019-09-02 09:00", "2 Sep 2019 09:00", "2 September 2019 09:00", "2019-09-02T09:00"),
        ("20 September 2023, 1 pm", "20 Sep 2023 13:00", "20 September 2023 13:00", "2023-09-20T13:00"),
        ("20 September 2023 13:00", "20 Sep 2023 13:00", "20 September 2023 13:00", "2023-09-20T13:00"),
        ("7 December 1941, 7:48 a.m.", "7 Dec 1941 07:48", "7 December 1941 07:48", "1941-12-07T07:48"),
        ("20 September 2023, 12 am", "20 Sep 2023 00:00", "20 September 2023 00:00", "2023-09-20T00:00"),
        ("2023-09-20 13:00 UTC", "20 Sep 2023 13:00 UTC", "20 September 2023 13:00 UTC", "2023-09-20T13:00Z"),
        (
            "2023-09-20 13:00 Asia/Baku",
            "20 Sep 2023 13:00 +04:00",
            "20 September 2023 13:00 +04:00",
            "2023-09-20T13:00+04:00",
        ),
        ("Wednesday 20 September 2023", "20 Sep 2023", "20 September 2023", "2023-09-20"),
        ("Wed, 2023-09-20 13:00", "20 Sep 2023 13:00", "20 September 2023 13:00", "2023-09-20T13:00"),
        ("Fri 15 March 44 BC", "15 Mar 44 BC", "15 March 44 BC", "-0043-03-15"),  # proleptic Gregorian
        # the distant past
        ("602", "602", "602", "0602"),
        ("0602", "602", "602", "0602"),
        ("602-08-09", "9 Aug 602", "9 August 602", "0602-08-09"),
        ("9 Aug 602", "9 Aug 602", "9 August 602", "0602-08-09"),
        ("50 AD", "50 AD", "50 AD", "0050"),
        ("AD 50", "50 AD", "50 AD", "0050"),
        ("300 BC", "300 BC", "300 BC", "-0299"),
        ("300 BCE", "300 BC", "300 BC", "-0299"),
        ("-0299", "300 BC", "300 BC", "-0299"),
        ("0000", "1 BC", "1 BC", "0000"),
        ("15 March 44 BC", "15 Mar 44 BC", "15 March 44 BC", "-0043-03-15"),
        ("10000 BC", "10000 BC", "10000 BC", "-9999"),
        # approximate and coarse forms
        ("c. 1988", "c. 1988", "about 1988", "1988~"),
        ("circa 1988", "c. 1988", "about 1988", "1988~"),
        ("ca. 1988", "c. 1988", "about 1988", "1988~"),
        ("about 1988", "c. 1988", "about 1988", "1988~"),
        ("c. early 2022", "c. early 2022", "about early 2022", "early 2022~"),
        ("1990s", "1990s", "1990s", "1990s"),
        ("early 1990s", "early 1990s", "early 1990s", "early 1990s"),
        ("c. 1980s", "c. 1980s", "about 1980s", "1980s~"),
        ("Q3 2023", "Q3 2023", "Q3 2023", "2023-35"),
        ("2023-33", "Q1 2023", "Q1 2023", "2023-33"),
        ("spring 2023", "spring 2023", "spring 2023", "2023-21"),
        ("fall 2023", "autumn 2023", "autumn 2023", "2023-23"),
        ("2001-24", "winter 2001", "winter 2001", "2001-24"),
        ("mid-2023", "mid 2023", "mid 2023", "mid 2023"),
        ("mid-July 2023", "mid Jul 2023", "mid July 2023", "mid 2023-07"),
        ("early-2023-07", "early Jul 2023", "early July 2023", "early 2023-07"),
        ("August 0012", "Aug 12 AD", "August 12 AD", "0012-08"),
    ],
)
def test_each_new_written_form(written: str, shown: str, long: str, iso: str) -> None:
    date = parse_date(written)
    assert (date.display(), date.long(), date.iso()) == (shown, long, iso)
    for text in (shown, long, iso):
        assert parse_date(text) == date, text


@pytest.mark.parametrize(
    ("written", "first", "last"),
    [
        ("1990s", D(1990, 1, 1), D(1999, 12, 31)),
        ("early 1990s", D(1990, 1, 1), D(1993, 12, 31)),
        ("mid 1990s", D(1994, 1, 1), D(1996, 12, 31)),
        ("late 1990s", D(1997, 1, 1), D(1999, 12, 31)),
        ("Q1 2023", D(2023, 1, 1), D(2023, 3, 31)),
        ("Q4 2023", D(2023, 10, 1), D(2023, 12, 31)),
        # EDTF season codes 21-24, northern hemisphere, meteorological months
        ("spring 2023", D(2023, 3, 1), D(2023, 5, 31)),
        ("summer 2023", D(2023, 6, 1), D(2023, 8, 31)),
        ("autumn 2023", D(2023, 9, 1), D(2023, 11, 30)),
        ("winter 2023", D(2023, 12, 1), D(2024, 2, 29)),
        ("c. 1988", D(1988, 1, 1), D(1988, 12, 31)),
        ("2023-09-20T13:00", D(2023, 9, 20), D(2023, 9, 20)),
    ],
)
def test_bounds_of_the_new_forms(written: str, first: dt.date, last: dt.date) -> None:
    date = parse_date(written)
    assert (date.first_day, date.last_day) == (first.toordinal(), last.toordinal())


@pytest.mark.parametrize(
    ("written", "words"),
    [
        # numeric forms that read differently day-first and month-first, with or without a time
        ("12/7/1941", ["day-first", "1941-12-07", "7 December 1941"]),
        ("12/7/1941 8am", ["day-first", "1941-12-07"]),
        ("7.12.1941", ["day-first"]),
        # a weekday that does not match
        ("Tuesday 20 September 2023", ["Tuesday", "Wednesday"]),
        ("Tuesday 2023-09-20", ["Tuesday", "Wednesday"]),
        ("Tuesday September 2023", ["weekday needs a full date"]),
        # zone abbreviations: AMT is Armenia and Amazon time
        ("2023-09-20 13:00 AMT", ["AMT", "ambiguous", "+04:00", "Asia/Yerevan"]),
        ("2023-09-20 13:00 IST", ["IST", "ambiguous", "+05:30", "Asia/Kolkata", "+01:00"]),
        ("2023-09-20 13:00 Mars/Olympus", ["unknown time zone"]),
        # a time on a coarser date
        ("2023 13:00", ["time of day needs a full date", "2023-09-20 13:00"]),
        ("2023-09 13:00", ["time of day needs a full date"]),
        ("2023-09-20 25:00", ["does not exist"]),
        ("2023-09-20 13:00:05.25", ["fractions of a second"]),
        ("20 September 2023, 13 pm", ["am/pm"]),
        # beyond +-9999, and years that cannot be told
        ("10000", ["beyond ±9999"]),
        ("-10000", ["beyond ±9999"]),
        ("10001 BC", ["beyond ±9999"]),
        ("-300", ["-0299", "300 BC"]),
        ("0 BC", ["no year 0"]),
        ("Aug 20", ["no year"]),
        ("1900s", ["decade or a century"]),
        ("spring", ["no year"]),
        ("early 5 August 2023", ["not a day"]),
        ("early Q3 2023", ["season or quarter"]),
        ("winter 9999", ["10000"]),
    ],
)
def test_refusals_say_why_and_how(written: str, words: list[str]) -> None:
    with pytest.raises(DateError) as info:
        parse_date(written)
    message = str(info.value)
    assert "\n" not in message
    for word in words:
        assert word in message, message


def test_unknown_zone_warns_nothing(recwarn: pytest.WarningsRecorder) -> None:
    with pytest.raises(DateError):
        parse_date("2023-09-20 13:00 AMT")
    assert not recwarn.list


def test_iso_forms_never_read_day_first() -> None:
    # every one of these was misread day-first before (issue 11)
    assert parse_date("2023-12-07T00:00:00Z").iso()[:10] == "2023-12-07"
    assert parse_date("1941-12-07 7:48").iso()[:10] == "1941-12-07"
    assert parse_date("2023-09-10T13:00+04:00").iso()[:10] == "2023-09-10"
    assert parse_date("2019-09-02 09:00").iso()[:10] == "2019-09-02"


# -- order: instants, untimed before timed, BC ---------------------------------------------


def test_same_day_events_order_by_time_and_untimed_first() -> None:
    written = ["2023-09-20 13:00", "2023-09-20T06:00", "2023-09-20", "2023-09-19", "2023-09-21"]
    assert sorted(written, key=key) == [
        "2023-09-19",
        "2023-09-20",
        "2023-09-20T06:00",
        "2023-09-20 13:00",
        "2023-09-21",
    ]


def test_offsets_order_by_instant() -> None:
    # 10:00 in Baku (+04:00) is 06:00 UTC, before 07:00 UTC
    assert key("2023-09-20T10:00+04:00") < key("2023-09-20T07:00Z")


def test_bc_years_order_and_count_days() -> None:
    written = ["602", "300 BC", "1 BC", "50 AD", "-0400", "2023"]
    assert sorted(written, key=key) == ["-0400", "300 BC", "1 BC", "50 AD", "602", "2023"]
    # 1 BC (year 0) was a leap year in the proleptic Gregorian calendar
    assert parse_date("0000").last_day - parse_date("0000").first_day == 365
    assert parse_date("1 BC").last_day + 1 == parse_date("1 AD").first_day == 1


@settings(deadline=None)
@given(st.integers(-4_000_000, 4_000_000))
def test_day_numbers_round_trip(n: int) -> None:
    y, m, d = from_day_number(n)
    assert day_number(y, m, d) == n
    if 1 <= y <= 9999:
        assert dt.date(y, m, d).toordinal() == n


# -- time zones ------------------------------------------------------------------------------


def test_a_zone_converts_times_with_an_offset_and_says_what_was_written() -> None:
    date = parse_date("2023-09-20T09:00Z").in_zone("Asia/Baku")
    assert date.display() == "20 Sep 2023 13:00"
    assert date.long() == "20 September 2023 13:00 Asia/Baku (written 2023-09-20T09:00Z)"
    assert date.iso() == "2023-09-20T09:00Z"  # as written
    assert parse_date(date.long()) == date.in_zone(None)
    # a time without an offset is in the zone already
    naive = parse_date("2023-09-20 13:00").in_zone("Asia/Baku")
    assert naive.display() == "20 Sep 2023 13:00" and naive.sort_key == date.sort_key


def test_a_zone_can_move_the_day() -> None:
    date = parse_date("2023-09-20T01:00+04:00").in_zone("UTC")
    assert date.display() == "19 Sep 2023 21:00"
    assert date.first_day == D(2023, 9, 19).toordinal()


# -- ranges in one value -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "shown", "duration"),
    [
        ("27 Sep – 10 Nov 2020", "27 Sep – 10 Nov 2020", "45 days"),
        ("1991–1994", "1991–1994", "4 years"),
        ("1991-1994", "1991–1994", "4 years"),
        ("1991 to 1994", "1991–1994", "4 years"),
        ("2020-09-27/2020-11-10", "27 Sep – 10 Nov 2020", "45 days"),
        ("2004-06 / 2006-08", "Jun 2004 – Aug 2006", "about 2 years"),  # 27 months
        ("18-19 January 2006", "18–19 Jan 2006", "2 days"),
        ("c. early 2022 – Aug 2023", "c. early 2022 – Aug 2023", "about 1½ years"),
        ("300–200 BC", "300–200 BC", "101 years"),
        ("Jan-Mar 2020", "Jan – Mar 2020", "3 months"),
        ("1991–94", "1991–1994", "4 years"),  # the end year by its last two digits, after the start
        ("19 Sep 2023 13:00 – 20 Sep 2023 13:00", "19 Sep 2023 13:00 – 20 Sep 2023 13:00", "24 hours"),
        ("2023-09-19T13:00/2023-09-19T13:45", "19 Sep 2023 13:00 – 19 Sep 2023 13:45", "45 minutes"),
        ("2031-11-19T01:35:10Z-2099-08-04T18:22:48Z", None, "about 68 years"),
        ("spring – autumn 2023", "spring – autumn 2023", "9 months"),
        ("November 30, 1835 – April 21, 1910", "30 Nov 1835 – 21 Apr 1910", "about 74½ years"),
    ],
)
def test_ranges_in_one_value(written: str, shown: str | None, duration: str) -> None:
    span = parse_when(written)
    assert span.end is not None
    if shown is not None:
        assert span.display() == shown
    assert span.duration() == duration
    for text in (span.display(), span.long(), span.iso()):
        assert parse_when(text) == span, text


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        # Both ends BC: the era once, as AD spans show theirs (1991–1994), years under 100 too.
        ("149 BC – 146 BC", "149–146 BC"),
        ("-0148/-0145", "149–146 BC"),
        ("5 BC – 2 BC", "5–2 BC"),
        ("-0004/0000", "5–1 BC"),
        ("2 Aug 216 BC – 3 Aug 216 BC", "2–3 Aug 216 BC"),
        # Where one form for both ends would misread, each end keeps its own era or mark.
        ("1 BC – 1 AD", "1 BC – 1 AD"),
        ("500 BC – 400 AD", "500 BC – 400 AD"),
        ("c. 1200–1150 BC", "c. 1200 BC – 1150 BC"),  # c. for the start alone
        ("149 BC – 146 BC?", "149 BC – 146 BC?"),
        ("Aug 216 BC – Jan 215 BC", "Aug 216 BC – Jan 215 BC"),
        ("420s BC – 410s BC", "420s BC – 410s BC"),
    ],
)
def test_bc_spans_write_the_era_once_like_ad_spans(written: str, shown: str) -> None:
    span = parse_when(written)
    assert span.display() == shown
    assert parse_when(shown) == span  # and read back as the same span


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("1994–1991", ["ends", "before it starts"]),
        ("2005/now", ["cannot read"]),
        ("2020/..", ["open-ended"]),
        ("1991–1992–1993", ["one start and one end"]),
        ("27 Sep – 10 Novv 2020", ["10 Novv 2020"]),
        ("1991 – 1994 (3 years)", ["3 years", "4 years"]),
        # a hyphen is a range only when the end begins after the start: not mid July to all of 2023
        ("mid-July-2023", ["cannot read"]),
        ("Q3/2023", ["cannot read"]),
        (" – 2023", ["a start and an end"]),
        ("2023 to", ["cannot read"]),
        (
            "1994–91",
            ["cannot tell the year"],
        ),  # 91 is not a year after 1994  # '/' joins two ISO dates; nothing is borrowed across it
        ("20230705", ["2023-07-05"]),
    ],
)
def test_bad_ranges_are_refused(written: str, words: list[str]) -> None:
    with pytest.raises(DateError) as info:
        parse_when(written)
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        # a bare start year takes the end's era, also when the end is 1 BC (the year 0, not below it)
        ("300–1 BC", "-0299/0000"),
        ("300-1 BC", "-0299/0000"),
        ("300 to 1 BC", "-0299/0000"),
        ("0300–1 BC", "-0299/0000"),
        ("300–200 BC", "-0299/-0199"),
        # a start below 100 is refused alone (which century?), but the end's era says which
        ("10–1 BC", "-0009/0000"),
        ("5-1 BC", "-0004/0000"),
        # a start with its own era keeps it, across the boundary
        ("44 BC – AD 14", "-0043/0014"),
        ("44 BC – 14 AD", "-0043/0014"),
        ("300 BC – AD 14", "-0299/0014"),
        ("1 BC – 1 AD", "0000/0001"),
        ("0000–1 BC", "0000/0000"),  # the year 0 is 1 BC already: not 0 BC
        # the day, month or season and the year come from a BC end as from any other
        ("15 Mar – 1 Apr 44 BC", "-0043-03-15/-0043-04-01"),
        ("Mar–Apr 44 BC", "-0043-03/-0043-04"),
        ("spring–autumn 44 BC", "-0043-21/-0043-23"),
    ],
)
def test_a_range_start_takes_the_era_of_its_end(written: str, iso: str) -> None:
    span = parse_when(written)
    assert span.iso() == iso
    assert parse_when(span.display()) == span == parse_when(span.iso())


@pytest.mark.parametrize(
    ("written", "words"),
    [
        # an era is borrowed by the start from the end, never by the end from the start
        ("44 BC–14", ["cannot tell the year in '14'"]),
        ("300 BC – 1", ["cannot tell the year in '1'"]),
        ("AD 14 – 44 BC", ["ends (44 BC) before it starts (14 AD)"]),
        ("0–1 BC", ["no year 0"]),
    ],
)
def test_an_era_range_that_cannot_be_read_exactly_is_refused(written: str, words: list[str]) -> None:
    with pytest.raises(DateError) as info:
        parse_when(written)
    for word in words:
        assert word in str(info.value), str(info.value)


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("1991–94", "1991/1994"),
        ("1991 – 94", "1991/1994"),
        ("1991 to 94", "1991/1994"),
        ("1991–92", "1991/1992"),  # the very next year
        ("2000–01", "2000/2001"),
        ("2019-20", "2019/2020"),
        ("2011-12", "2011-12"),  # December 2011, as ISO 8601 reads it: not 2011–2012
    ],
)
def test_a_range_end_may_be_the_last_two_digits_of_a_later_year(written: str, iso: str) -> None:
    assert parse_when(written).iso() == iso


@pytest.mark.parametrize(
    ("written", "words"),
    [
        # the same year, an earlier one, or the next century is not "a later year in two digits"
        ("1991–91", ["cannot tell the year in '91'", "four digits"]),
        ("1991 to 91", ["cannot tell the year in '91'"]),
        ("1991-91", ["month 91 does not exist"]),  # ISO's year-month, read first
        ("1994–91", ["cannot tell the year in '91'"]),
        ("1999–00", ["cannot tell the year in '00'"]),
        # only two digits after a four-digit year
        ("1991–5", ["cannot tell the year in '5'"]),
        ("602–29", ["cannot tell the year in '29'"]),
        ("1991–091", ["ends (91 AD) before it starts (1991)"]),
    ],
)
def test_a_two_digit_range_end_that_is_not_a_later_year_is_refused(written: str, words: list[str]) -> None:
    with pytest.raises(DateError) as info:
        parse_when(written)
    for word in words:
        assert word in str(info.value), str(info.value)


@pytest.mark.parametrize(
    ("start", "end", "duration", "short"),
    [
        ("2023-09-19T13:00", "2023-09-20T13:00", "24 hours", "24h"),
        ("2023-09-19T13:00", "2023-09-19T13:30", "30 minutes", "30min"),
        ("2023-09-19T13:00", "2023-09-19T14:30", "about 2 hours", "~2h"),
        ("2023-09-19T13:00+04:00", "2023-09-19T10:00Z", "1 hour", "1h"),  # 09:00 to 10:00 UTC
        ("2023-09-19T13:00", "2023-09-25", "7 days", "7d"),
        ("2022-01", "2023-06", "18 months", "18mo"),
        ("c. 2022-01", "2023-06", "about 1½ years", "~1½y"),
        ("1988-02", "1994-05", "about 6½ years", "~6½y"),
        ("300 BC", "1 AD", "301 years", "301y"),
        ("1980s", "1990s", "20 years", "20y"),
    ],
)
def test_one_length_rule_everywhere(start: str, end: str, duration: str, short: str) -> None:
    s = span(start, end)
    assert (s.duration(), s.short_duration()) == (duration, short)


# -- every displayed date reads back to itself --------------------------------------------


ZONES = [None, "Asia/Baku", "UTC", "America/New_York"]


@st.composite
def any_dates(draw: st.DrawFn, zone: str | None = None) -> FuzzyDate:
    year = draw(st.integers(-9999, 9999))
    kind = draw(st.sampled_from(["decade", "period", "year", "part", "month", "day", "time"]))
    qualifier = draw(st.sampled_from([None, "early", "mid", "late"]))
    marks = {"approximate": draw(st.booleans()), "uncertain": draw(st.booleans())}
    if kind == "decade":
        decade = draw(st.integers(10, 999).filter(lambda n: n % 10)) * 10  # 1900s: refused
        return FuzzyDate(decade, qualifier=qualifier, period=10, **marks)
    if kind == "period":  # a decade BC, a century or a millennium, maybe halved
        qualifier = draw(st.sampled_from([None, "early", "mid", "late", "first half", "second half"]))
        length = draw(st.sampled_from([10, 100, 1000]))
        if length == 10:
            start = -draw(st.integers(1, 999).filter(lambda n: n % 10)) * 10 - 8  # the 420s BC: -428
        elif draw(st.booleans()):
            start = -draw(st.integers(1, 10_000 // length)) * length + 1  # BC
        else:
            start = (draw(st.integers(1, 9999 // length)) - 1) * length + 1
        return FuzzyDate(start, qualifier=qualifier, period=length, **marks)
    if kind == "year":
        return FuzzyDate(year, qualifier=qualifier, **marks)
    if kind == "part":
        part = draw(st.sampled_from([21, 22, 23, 24, 33, 34, 35, 36]))
        return FuzzyDate(min(year, 9998), part=part, **marks)
    month = draw(st.integers(1, 12))
    if kind == "month":
        return FuzzyDate(year, month, qualifier=qualifier, **marks)
    day = draw(
        st.integers(1, calendar.monthrange(2000 if year % 400 == 0 else 1999 + (year % 4 == 0), month)[1])
    )
    if year % 100 == 0 and year % 400 and month == 2:
        day = min(day, 28)
    if kind == "day":
        return FuzzyDate(year, month, day, **marks)
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    second = draw(st.none() | st.integers(0, 59))
    offset = draw(st.none() | st.integers(-14 * 4, 14 * 4).map(lambda q: q * 15))
    return FuzzyDate(year, month, day, None, hour=hour, minute=minute, second=second, offset=offset, **marks)


@settings(deadline=None, max_examples=400)
@given(any_dates(), st.sampled_from(ZONES))
def test_every_shown_date_reads_back(date: FuzzyDate, zone: str | None) -> None:
    date = date.in_zone(zone)
    for text in (date.display(), date.long(), date.iso()):
        assert "\n" not in text
        back = parse_date(text).in_zone(zone)
        if zone is None or not date.timed:
            assert back == date, text
        else:  # shown converted: the same moment, shown the same way
            assert back.sort_key == date.sort_key and back.display() == date.display(), text
    assert date.first_day <= date.last_day and date.first_tick <= date.last_tick


@settings(deadline=None, max_examples=300)
@given(any_dates(), any_dates(), st.sampled_from(ZONES))
def test_every_shown_span_reads_back(a: FuzzyDate, b: FuzzyDate, zone: str | None) -> None:
    a, b = a.in_zone(zone), b.in_zone(zone)
    if b.last_tick < a.first_tick:
        a, b = b, a
    if b.last_tick < a.first_tick:
        return  # each starts before the other ends: not a range
    s = Span(a, b)
    for text in (s.display(), s.long(), s.iso()):
        back = parse_when(text).in_zone(zone)
        if zone is None or not (a.timed or b.timed):
            assert back == s, text
        else:
            assert back.sort_key == s.sort_key and back.display() == s.display(), text


def test_the_overview_and_the_year_rows_work_across_the_era_boundary() -> None:
    from timeline.load import load_text
    from tui.rows import layout
    from tui.widgets.overview import Overview, TimeScale

    text = """\
title: T
actors: {az: {name: A}}
sources: {s: {title: S, publisher: P, date: 2023, url: "https://example.com"}}
events:
  - {id: a, date: 300 BC, title: A, kind: statement, actors: [az], summary: S, sources: [s]}
  - {id: b, date: 299 BC, title: B, kind: statement, actors: [az], summary: S, sources: [s]}
  - {id: c, date: 1 BC – 1 AD, title: C, kind: statement, actors: [az], summary: S, sources: [s]}
"""
    timeline = load_text([("t.yaml", text.encode())]).timeline
    assert [e.when.display() for e in timeline.events] == ["300 BC", "299 BC", "1 BC – 1 AD"]
    overview = Overview()
    overview.timeline = timeline
    axis = "".join(overview._axis_base(TimeScale.build(timeline, 60), 60))
    assert axis.index("300 BC") < axis.index("299 BC") < axis.index("1 BC")
    assert layout(timeline, [0, 1, 2]).year_starts == [0, 1, 2]


@pytest.mark.parametrize("written", ["1" * 100_000, "1-" * 2000 + "1", "-" * 5000, "2023 " * 5000])
def test_hostile_lengths_are_refused_quickly_on_one_line(written: str) -> None:
    with pytest.raises(DateError) as info:
        parse_when(written)
    message = str(info.value)
    assert "\n" not in message and len(message) < 200 and "characters long" in message


@settings(deadline=None, max_examples=300)
@given(st.text(alphabet=st.sampled_from("0123456789-–/ :.,~?%()TZabceilmorstuyBCDAJFMNOSQ+"), max_size=40))
def test_any_text_is_read_or_refused_with_a_date_error(text: str) -> None:
    try:
        span = parse_when(text)
    except DateError as exc:
        assert "\n" not in str(exc)
    else:
        assert parse_when(span.display()) == span


@pytest.mark.parametrize(
    ("text", "seasonal"), [("2022-23", "autumn 2022"), ("2023-24", "winter 2023"), ("2033-34", "Q2 2033")]
)
def test_a_season_code_that_is_also_the_next_year_is_refused(text: str, seasonal: str) -> None:
    # EDTF reads 2022-23 as autumn 2022; people write it for the years 2022–2023. Neither is guessed.
    with pytest.raises(DateError, match="can be read two ways") as caught:
        parse_when(text)
    assert seasonal in str(caught.value)
    # The unambiguous spellings work, and the canonical form of that season reads back.
    assert parse_when(seasonal).start.iso() == seasonal
    assert parse_date(parse_date(seasonal).iso()) == parse_date(seasonal)
    assert parse_when(f"{text[:4]}–{int(text[:4]) + 1}").display() == f"{text[:4]}–{int(text[:4]) + 1}"


def test_season_codes_that_are_not_a_next_year_still_read() -> None:
    assert parse_date("2023-21").display() == "spring 2023"
    assert parse_date("2023-35").display() == "Q3 2023"
    assert parse_when("2019-20").display() == "2019–2020"


def test_the_longest_long_form_reads_back() -> None:
    # Found by the property test below: a span's long form in a zone, with what was written on
    # both sides and its length, ran past the length limit (203 characters against 200).
    a = FuzzyDate(2, 1, 1, approximate=True, uncertain=True, hour=0, minute=0, offset=15)
    b = FuzzyDate(2, 1, 1, approximate=True, uncertain=True, hour=0, minute=0, offset=0)
    span = Span(a, b).in_zone("America/Argentina/ComodRivadavia")
    text = span.long()
    assert len(text) > 200
    assert parse_when(text).in_zone("America/Argentina/ComodRivadavia") == span


# -- dates in words (issue 25): centuries, millennia, ordinals, seasons, circa, English ranges ----


def days(span: Span) -> tuple[str, str]:
    """The first and last day of ``span`` as (astronomical) ISO dates: ``-0299-01-01``."""

    def iso(n: int) -> str:
        y, m, d = from_day_number(n)
        return (f"-{-y:04d}" if y < 0 else f"{y:04d}") + f"-{m:02d}-{d:02d}"

    return iso(span.first_day), iso(span.last_day)


WORDS = [
    # written, precision, first day, last day, shown
    # ordinals
    ("3rd of March 1999", Precision.DAY, "1999-03-03", "1999-03-03", "3 Mar 1999"),
    ("March 3rd, 1999", Precision.DAY, "1999-03-03", "1999-03-03", "3 Mar 1999"),
    ("the 3rd of March, 1999", Precision.DAY, "1999-03-03", "1999-03-03", "3 Mar 1999"),
    ("March the 3rd, 1999", Precision.DAY, "1999-03-03", "1999-03-03", "3 Mar 1999"),
    ("21st of Sept. 1999", Precision.DAY, "1999-09-21", "1999-09-21", "21 Sep 1999"),
    # era words before or after
    ("AD 800", Precision.YEAR, "0800-01-01", "0800-12-31", "800"),
    ("A.D. 1066", Precision.YEAR, "1066-01-01", "1066-12-31", "1066"),
    ("800 CE", Precision.YEAR, "0800-01-01", "0800-12-31", "800"),
    ("800 C.E.", Precision.YEAR, "0800-01-01", "0800-12-31", "800"),
    ("300 BCE", Precision.YEAR, "-0299-01-01", "-0299-12-31", "300 BC"),
    ("300 B.C.", Precision.YEAR, "-0299-01-01", "-0299-12-31", "300 BC"),
    ("300 B.C.E.", Precision.YEAR, "-0299-01-01", "-0299-12-31", "300 BC"),
    ("2,500 BC", Precision.YEAR, "-2499-01-01", "-2499-12-31", "2500 BC"),
    # decades
    ("the 1960s", Precision.DECADE, "1960-01-01", "1969-12-31", "1960s"),
    ("1960's", Precision.DECADE, "1960-01-01", "1969-12-31", "1960s"),
    ("1960\u2019s", Precision.DECADE, "1960-01-01", "1969-12-31", "1960s"),
    ("the 420s BC", Precision.DECADE, "-0428-01-01", "-0419-12-31", "420s BC"),  # 429–420 BC
    ("early 420s BC", Precision.DECADE, "-0428-01-01", "-0425-12-31", "early 420s BC"),
    ("second half of the 1990s", Precision.DECADE, "1995-01-01", "1999-12-31", "second half of the 1990s"),
    # centuries: strict, 801–900; the 3rd century BC is 300–201 BC
    ("9th century", Precision.CENTURY, "0801-01-01", "0900-12-31", "9th century"),
    ("the 9th century", Precision.CENTURY, "0801-01-01", "0900-12-31", "9th century"),
    ("9th-century", Precision.CENTURY, "0801-01-01", "0900-12-31", "9th century"),
    ("9th c.", Precision.CENTURY, "0801-01-01", "0900-12-31", "9th century"),
    ("ninth century AD", Precision.CENTURY, "0801-01-01", "0900-12-31", "9th century"),
    ("third century BCE", Precision.CENTURY, "-0299-01-01", "-0200-12-31", "3rd century BC"),
    ("1st century BC", Precision.CENTURY, "-0099-01-01", "0000-12-31", "1st century BC"),
    ("1st century", Precision.CENTURY, "0001-01-01", "0100-12-31", "1st century"),
    ("twenty-first century", Precision.CENTURY, "2001-01-01", "2100-12-31", "21st century"),
    ("XIV century", Precision.CENTURY, "1301-01-01", "1400-12-31", "14th century"),
    ("XIX century", Precision.CENTURY, "1801-01-01", "1900-12-31", "19th century"),
    ("early 12th century", Precision.CENTURY, "1101-01-01", "1133-12-31", "early 12th century"),
    ("mid-12th century", Precision.CENTURY, "1134-01-01", "1167-12-31", "mid 12th century"),
    ("late 12th century", Precision.CENTURY, "1168-01-01", "1200-12-31", "late 12th century"),
    (
        "first half of the 12th century",
        Precision.CENTURY,
        "1101-01-01",
        "1150-12-31",
        "first half of the 12th century",
    ),
    (
        "2nd half of 12th century",
        Precision.CENTURY,
        "1151-01-01",
        "1200-12-31",
        "second half of the 12th century",
    ),
    ("c. 9th century", Precision.CENTURY, "0801-01-01", "0900-12-31", "c. 9th century"),
    ("9th century?", Precision.CENTURY, "0801-01-01", "0900-12-31", "9th century?"),
    # millennia: the 3rd millennium BC is 3000–2001 BC
    ("3rd millennium BC", Precision.MILLENNIUM, "-2999-01-01", "-2000-12-31", "3rd millennium BC"),
    ("III millennium BC", Precision.MILLENNIUM, "-2999-01-01", "-2000-12-31", "3rd millennium BC"),
    ("the second millennium", Precision.MILLENNIUM, "1001-01-01", "2000-12-31", "2nd millennium"),
    ("late 3rd millennium BC", Precision.MILLENNIUM, "-2332-01-01", "-2000-12-31", "late 3rd millennium BC"),
    (
        "second half of the 3rd millennium BC",
        Precision.MILLENNIUM,
        "-2499-01-01",
        "-2000-12-31",
        "second half of the 3rd millennium BC",
    ),
    # seasons and quarters in words
    ("Autumn, 1972", Precision.SEASON, "1972-09-01", "1972-11-30", "autumn 1972"),
    ("autumn of 1972", Precision.SEASON, "1972-09-01", "1972-11-30", "autumn 1972"),
    ("the autumn of 1972", Precision.SEASON, "1972-09-01", "1972-11-30", "autumn 1972"),
    ("winter of 1941–42", Precision.SEASON, "1941-12-01", "1942-02-28", "winter 1941"),
    ("winter 1941/42", Precision.SEASON, "1941-12-01", "1942-02-28", "winter 1941"),
    ("winter 1943/1944", Precision.SEASON, "1943-12-01", "1944-02-29", "winter 1943"),
    ("winter 1999–00", Precision.SEASON, "1999-12-01", "2000-02-29", "winter 1999"),
    ("the second quarter of 2015", Precision.SEASON, "2015-04-01", "2015-06-30", "Q2 2015"),
    ("Q2 of 2015", Precision.SEASON, "2015-04-01", "2015-06-30", "Q2 2015"),
    ("2Q 2015", Precision.SEASON, "2015-04-01", "2015-06-30", "Q2 2015"),
    ("first quarter 2015", Precision.SEASON, "2015-01-01", "2015-03-31", "Q1 2015"),
    ("4th quarter of 2015", Precision.SEASON, "2015-10-01", "2015-12-31", "Q4 2015"),
    # circa written tight, before or after
    ("c1350", Precision.YEAR, "1350-01-01", "1350-12-31", "c. 1350"),
    ("c.1350", Precision.YEAR, "1350-01-01", "1350-12-31", "c. 1350"),
    ("ca.1350", Precision.YEAR, "1350-01-01", "1350-12-31", "c. 1350"),
    ("ca 1350", Precision.YEAR, "1350-01-01", "1350-12-31", "c. 1350"),
    ("circa 1350", Precision.YEAR, "1350-01-01", "1350-12-31", "c. 1350"),
    ("1350c.", Precision.YEAR, "1350-01-01", "1350-12-31", "c. 1350"),
    ("1350 ca.", Precision.YEAR, "1350-01-01", "1350-12-31", "c. 1350"),
    ("c1350 BC", Precision.YEAR, "-1349-01-01", "-1349-12-31", "c. 1350 BC"),
]


@pytest.mark.parametrize(("written", "precision", "first", "last", "shown"), WORDS)
def test_dates_in_words_read_with_their_precision_and_span(
    written: str, precision: Precision, first: str, last: str, shown: str
) -> None:
    date = parse_date(written)
    assert date.precision == precision
    assert days(Span(date)) == (first, last)
    assert date.display() == shown
    # what is shown, its long form and its ISO form read back as the same date
    for text in (date.display(), date.long(), date.iso()):
        assert parse_date(text) == date, text
        assert parse_when(text) == Span(date), text


ENGLISH_RANGES = [
    # written, first day, last day, shown
    ("March 3-5, 2011", "2011-03-03", "2011-03-05", "3–5 Mar 2011"),
    ("March 3–5, 2011", "2011-03-03", "2011-03-05", "3–5 Mar 2011"),
    ("March 3rd–5th, 2011", "2011-03-03", "2011-03-05", "3–5 Mar 2011"),
    ("June 30 – July 2, 2011", "2011-06-30", "2011-07-02", "30 Jun – 2 Jul 2011"),
    ("the night of 9/10 May 1945", "1945-05-09", "1945-05-10", "9–10 May 1945"),
    ("night of 9–10 May 1945", "1945-05-09", "1945-05-10", "9–10 May 1945"),
    ("the night of May 9/10, 1945", "1945-05-09", "1945-05-10", "9–10 May 1945"),
    ("1914--1918", "1914-01-01", "1918-12-31", "1914–1918"),
    ("44 BC – AD 14", "-0043-01-01", "0014-12-31", "44 BC – 14 AD"),
    ("31–30 BC", "-0030-01-01", "-0029-12-31", "31–30 BC"),
    ("2,500 BC – 1,800 BC", "-2499-01-01", "-1799-12-31", "2500–1800 BC"),
    ("2,500–1,800 BC", "-2499-01-01", "-1799-12-31", "2500–1800 BC"),
    ("c. 1200–1150 BC", "-1199-01-01", "-1149-12-31", "c. 1200 BC – 1150 BC"),
    ("XV–XVI centuries", "1401-01-01", "1600-12-31", "15th–16th centuries"),
    ("15th–16th centuries", "1401-01-01", "1600-12-31", "15th–16th centuries"),
    ("15th-16th century", "1401-01-01", "1600-12-31", "15th–16th centuries"),
    ("the 3rd–2nd centuries BC", "-0299-01-01", "-0100-12-31", "3rd–2nd centuries BC"),
    ("I–II millennia BC", "-1999-01-01", "0000-12-31", "2nd–1st millennia BC"),
    ("9th and 10th centuries", "0801-01-01", "1000-12-31", "9th–10th centuries"),
    ("late 9th – early 10th century", "0868-01-01", "0933-12-31", "late 9th century – early 10th century"),
    ("1960s–1970s", "1960-01-01", "1979-12-31", "1960s – 1970s"),
    ("winter 1943 – 1944", "1943-12-01", "1944-12-31", "winter 1943 – 1944"),  # spaced: a range, as before
]


@pytest.mark.parametrize(("written", "first", "last", "shown"), ENGLISH_RANGES)
def test_ranges_as_english_writes_them(written: str, first: str, last: str, shown: str) -> None:
    span = parse_when(written)
    assert days(span) == (first, last)
    assert span.display() == shown
    for text in (span.display(), span.long(), span.iso()):
        assert parse_when(text) == span, text


@pytest.mark.parametrize("n", [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 24, 31])
def test_every_ordinal_suffix_is_read_and_a_wrong_one_refused(n: int) -> None:
    right = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(n, "th")
    assert parse_date(f"{n}{right} of January 2000") == FuzzyDate(2000, 1, n)
    assert parse_date(f"January {n}{right}, 2000") == FuzzyDate(2000, 1, n)
    for wrong in {"st", "nd", "rd", "th"} - {right}:
        for text in (
            f"{n}{wrong} January 2000",
            f"January {n}{wrong}, 2000",
            f"the {n}{wrong} of January 2000",
        ):
            with pytest.raises(DateError, match=f"ordinal '{n}{wrong}' is misspelt, write {n}{right}"):
                parse_date(text)


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_name_and_abbreviation_with_or_without_a_dot(month: int) -> None:
    names = {calendar.month_name[month], calendar.month_abbr[month], calendar.month_abbr[month] + "."}
    if month == 9:
        names |= {"Sept", "Sept."}
    for name in names:
        for text in (
            f"3rd of {name} 1999",
            f"{name} 3rd, 1999",
            f"the 3rd of {name}, 1999",
            f"3 {name} 1999",
        ):
            assert parse_date(text) == FuzzyDate(1999, month, 3), text
        assert parse_date(f"{name} 1999") == FuzzyDate(1999, month), name


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("AD 0", ["no year AD 0"]),
        ("0 BC", ["no year 0 BC"]),
        ("the '60s", ["'60s", "century", "not written"]),
        ("60s", ["century", "not written"]),
        ("the \u201960s", ["century", "not written"]),
        ("the 400s BC", ["decade or a century", "409–400 BC", "499–400 BC"]),
        ("the 1900s", ["decade or a century"]),
        ("3th century", ["'3th' is misspelt", "3rd"]),
        ("XV centuries", ["'centuries'", "needs two"]),
        ("xiv century", ["'xiv'", "number of a century"]),
        ("IIII century", ["'IIII'", "number of a century"]),
        ("fooish century", ["'fooish'"]),
        ("101st century", ["beyond ±9999"]),
        ("11th millennium", ["beyond ±9999"]),
        ("first half of 2015", ["'first half' applies to a decade, a century or a millennium"]),
        ("winter 1941–43", ["winter runs from December into the next year", "winter 1941–42"]),
        ("winter 1941/1943", ["winter 1941–1942"]),
        # a winter, or a range from a winter to the next year: both spellings offered
        ("winter 1943–1944", ["two ways", "winter 1943–44", "winter 1943 – Dec 1944"]),
        ("the 1941", ["cannot read date 'the 1941'"]),  # "the" goes before a decade, an ordinal...
        ("the March 1999", ["cannot read date"]),
        ("the night of 9/11 May 1945", ["a night joins two days in a row"]),
        ("night of May 1945", ["a night joins two days in a row"]),
        ("30th of February 2023", ["day 30 does not exist in February 2023"]),
        ("March 3–2, 2011", ["ends", "before it starts"]),
        ("03/04/2011", ["day-first"]),  # still refused: two readings
    ],
)
def test_word_forms_that_cannot_be_read_exactly_are_refused(written: str, words: list[str]) -> None:
    with pytest.raises(DateError) as info:
        parse_when(written)
    message = str(info.value)
    assert "\n" not in message
    for word in words:
        assert word in message, message


def test_centuries_sort_and_are_stored_like_any_date(tmp_path: Path) -> None:
    from timeline import cache as tcache
    from timeline.interop.jsonout import to_json_data
    from timeline.load import load_text

    dates = [
        "late 3rd millennium BC",
        "the 420s BC",
        "3rd century BC",
        "9th century",
        "first half of the 12th century",
        "early 12th century",
        "XV–XVI centuries",
    ]
    events = "".join(
        f"  - {{id: e{n}, date: '{d}', title: T, kind: statement, actors: [az], summary: S, sources: [s]}}\n"
        for n, d in enumerate(reversed(dates))
    )
    text = (
        "title: T\nactors: {az: {name: A}}\n"
        'sources: {s: {title: S, publisher: P, date: 9th century, url: "https://example.com"}}\n'
        f"events:\n{events}"
    )
    loaded = load_text([("t.yaml", text.encode())])
    timeline = loaded.timeline
    shown = [e.when.display() for e in timeline.events]
    # in order of their first day; at the same first day the shorter first
    assert shown == [
        "late 3rd millennium BC",
        "420s BC",
        "3rd century BC",
        "9th century",
        "early 12th century",
        "first half of the 12th century",
        "15th–16th centuries",
    ]
    assert timeline.sources["s"].date.precision == Precision.CENTURY
    entry = tmp_path / "entry.json"
    assert tcache.write(entry, "d" * 64, timeline, loaded.warnings)
    back = tcache.read(entry, "d" * 64)
    assert back is not None and back[0] == timeline
    assert [e.when for e in back[0].events] == [e.when for e in timeline.events]
    # the JSON export gives what was written (in words: a period has no ISO 8601 form) and its days
    exported = {e["display"]: e for e in to_json_data(timeline)["events"]}
    century = exported["9th century"]
    assert century["date"] == {
        "written": "9th century",
        "display": "9th century",
        "first": "0801-01-01",
        "last": "0900-12-31",
    }
    assert exported["420s BC"]["date"]["first"] == "-0428-01-01"  # 429 BC
    two = exported["15th–16th centuries"]
    assert (two["first"], two["last"], two["end"]["written"]) == ("1401-01-01", "1600-12-31", "16th century")
    assert all(
        parse_date(e["date"]["written"]) == parse_date(e["date"]["display"]) for e in exported.values()
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("0044-03 BC", "a month of year 0044 BC"),  # once read as the years 44–3 BC
        ("1999-12 BC", "a month of year 1999 BC"),
        ("500 BC–400", "400, may be BC or AD"),  # once read as 500 BC to AD 400
        ("1200 BC – 1000", "1000 BC, or 1200 BC – 1000 AD"),
    ],
)
def test_a_range_whose_era_a_reader_would_doubt_is_refused_with_both_readings(text: str, words: str) -> None:
    with pytest.raises(DateError, match=re.escape(words)):
        parse_when(text)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("300 BC – 2023", -299, 2023),  # 2023 BC would end before it starts: AD is the one reading
        ("44 BC – AD 14", -43, 14),
        ("500 BC – 400 BC", -499, -399),
        ("1999-13 BC", -1998, -12),  # 13 is no month
        ("500 BC – 400 AD", -499, 400),  # as the range is shown: the era on the end
    ],
)
def test_a_range_with_one_era_reading_is_read(text: str, first: int, last: int) -> None:
    span = parse_when(text)
    assert span.end is not None and (span.start.year, span.end.year) == (first, last)
