"""Partial and uncertain dates: every written form, display wording, bounds, order and spans."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import DateError, FuzzyDate, Precision, Span, parse_date

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
    ("written", "earliest", "latest"),
    [
        ("2023", D(2023, 1, 1), D(2023, 12, 31)),
        ("2023-07", D(2023, 7, 1), D(2023, 7, 31)),
        ("2023-06", D(2023, 6, 1), D(2023, 6, 30)),
        ("2023-07-05", D(2023, 7, 5), D(2023, 7, 5)),
        ("early 2023-07", D(2023, 7, 1), D(2023, 7, 10)),
        ("mid 2023-07", D(2023, 7, 11), D(2023, 7, 20)),
        ("late 2023-07", D(2023, 7, 21), D(2023, 7, 31)),
        ("late 2023-04", D(2023, 4, 21), D(2023, 4, 30)),
        ("early 2023", D(2023, 1, 1), D(2023, 4, 30)),
        ("mid 2023", D(2023, 5, 1), D(2023, 8, 31)),
        ("late 2023", D(2023, 9, 1), D(2023, 12, 31)),
        # February, leap years and not
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2023-02", D(2023, 2, 1), D(2023, 2, 28)),
        ("late 2024-02", D(2024, 2, 21), D(2024, 2, 29)),
        ("late 2023-02", D(2023, 2, 21), D(2023, 2, 28)),
        ("late 1900-02", D(1900, 2, 21), D(1900, 2, 28)),  # divisible by 100: not a leap year
        ("late 2000-02", D(2000, 2, 21), D(2000, 2, 29)),  # divisible by 400: a leap year
        ("2024-02-29", D(2024, 2, 29), D(2024, 2, 29)),
        # markers do not move the bounds
        ("2023-07~", D(2023, 7, 1), D(2023, 7, 31)),
        ("2023-07%", D(2023, 7, 1), D(2023, 7, 31)),
    ],
)
def test_bounds(written: str, earliest: dt.date, latest: dt.date) -> None:
    date = parse_date(written)
    assert (date.earliest, date.latest) == (earliest, latest)


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
        ("August 12", ["cannot tell the year"]),  # a day or a year? refused, not guessed
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
    assert (s.earliest, s.latest) == (D(2023, 7, 1), D(2023, 9, 30))
    assert (s.first_day, s.last_day) == (D(2023, 7, 1).toordinal(), D(2023, 9, 30).toordinal())
    assert s.sort_key == (s.start.first_tick, s.end.last_tick if s.end else 0)


@pytest.mark.parametrize(
    ("lo", "hi", "overlaps"),
    [
        (D(1993, 1, 1), D(1993, 12, 31), True),  # inside
        (D(1980, 1, 1), D(1991, 1, 1), True),  # touches the first day
        (D(1994, 12, 31), None, True),  # touches the last day
        (D(1995, 1, 1), None, False),
        (None, D(1990, 12, 31), False),
        (None, None, True),
    ],
)
def test_span_overlaps(lo: dt.date | None, hi: dt.date | None, overlaps: bool) -> None:
    assert span("1991", "1994").overlaps(lo, hi) is overlaps


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
    assert date.earliest <= date.latest
    # The interval lies within what was written.
    assert date.earliest.year == date.latest.year == date.year
    if date.month is not None:
        assert date.earliest.month == date.latest.month == date.month
    if date.day is not None:
        assert date.earliest == date.latest == D(date.year, date.month or 0, date.day)
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
