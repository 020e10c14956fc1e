"""Issue 25, loose ends: day ranges written with words, centuries written short or joined with
``&``, and the US zone words ET, CT, MT and PT read through their IANA zones at that moment."""

from __future__ import annotations

import pytest

from timeline.dates import DateError, parse_date, parse_when


def refusal(text: str) -> str:
    with pytest.raises(DateError) as info:
        parse_when(text)
    message = str(info.value)
    assert "\n" not in message
    return message


# -- day ranges written with words ------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "April 14 to 16, 2011",
        "April 14 through 16, 2011",
        "April 14 thru 16, 2011",
        "14 to 16 April 2011",
        "14 through 16 April 2011",
        "from April 14 to 16, 2011",
        "from 14 to 16 April 2011",
    ],
)
def test_a_range_of_days_written_with_words_covers_both_ends(written: str) -> None:
    span = parse_when(written)
    assert span.iso() == "2011-04-14/2011-04-16"
    assert parse_when(span.display()) == span  # shown in the project's form, which reads back


def test_through_joins_months_as_it_joins_days() -> None:
    assert parse_when("August 1914 through November 1918").iso() == "1914-08/1918-11"


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("April 16 to 14, 2011", "before it starts"),
        ("from 1990", "cannot read"),  # open-ended: "from" alone is no range
        ("from April 14", "cannot read"),
        ("April 14 to 16", "year"),  # as "April 14–16": the year is missing
    ],
)
def test_word_ranges_that_say_too_little_or_run_backwards_are_refused(written: str, words: str) -> None:
    assert words in refusal(written)


# -- centuries written short, or joined with & ------------------------------------------------


@pytest.mark.parametrize(
    ("written", "first", "last"),
    [
        ("8-7th century BC", -799, -600),  # 800 BC to 601 BC
        ("8–7th centuries BC", -799, -600),
        ("8th-7th centuries BC", -799, -600),
        ("3rd–2nd century BC", -299, -100),
        ("4th & 5th Century BC", -499, -300),
        ("4th & 5th centuries", 301, 500),
        ("15-16th century", 1401, 1600),
        ("5th through 4th centuries BC", -499, -300),
        ("12th and 11th centuries BC", -1199, -1000),
    ],
)
def test_two_centuries_with_the_unit_once(written: str, first: int, last: int) -> None:
    span = parse_when(written)
    assert span.end is not None
    assert (span.start.year, span.end.year + span.end.period - 1) == (first, last)
    assert parse_when(span.display()) == span


def test_there_is_no_0th_century() -> None:
    # read before as the 1st century BC
    assert "no 0th century" in refusal("0th century")
    assert "cannot read" in refusal("0-1st century")


# -- US zone words ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "offset"),
    [
        ("Aug 5, 2019, 8:00 a.m. ET", -4 * 60),  # EDT then
        ("Jan 5, 2019, 8:00 a.m. ET", -5 * 60),  # EST then
        ("8:00 a.m. ET, Aug 5, 2019", -4 * 60),
        ("Aug 5, 2019, 8:00 a.m. CT", -5 * 60),
        ("Jan 5, 2019, 8:00 a.m. CT", -6 * 60),
        ("Aug 5, 2019, 8:00 a.m. PT", -7 * 60),
        ("Jan 5, 2019, 8:00 a.m. PT", -8 * 60),
        ("Jan 5, 2019, 8:00 a.m. MT", -7 * 60),  # Denver and Phoenix agree in winter
        ("Jul 5, 1943, 8:00 a.m. ET", -4 * 60),  # Eastern War Time: Eastern time still
    ],
)
def test_us_zone_words_are_read_through_their_zone_at_that_moment(written: str, offset: int) -> None:
    date = parse_date(written)
    assert (date.hour, date.minute, date.offset) == (8, 0, offset)


def test_mt_in_summer_is_ambiguous_because_arizona_keeps_standard_time() -> None:
    message = refusal("Aug 5, 2019, 8:00 a.m. MT")
    assert "ambiguous" in message and "-06:00" in message and "-07:00" in message


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("Jan 5, 1850, 8:00 a.m. ET", "LMT"),  # before standard time: no Eastern time
        ("Nov 3, 2019, 1:30 a.m. ET", "came twice"),  # clocks went back: which 1:30?
        ("Mar 10, 2019, 2:30 a.m. ET", "did not exist"),  # clocks went forward
        ("Aug 5, 2019 ET", "cannot read"),  # a zone needs a time
    ],
)
def test_us_zone_words_refused_where_they_name_no_one_offset(written: str, words: str) -> None:
    assert words in refusal(written)


def test_a_us_zone_word_given_again_in_gmt_must_agree() -> None:
    assert parse_when("Aug 5, 2019, 8:00 a.m. ET (12:00 GMT)").iso() == "2019-08-05T08:00-04:00"
    assert "disagree" in refusal("Aug 5, 2019, 8:00 a.m. ET (13:00 GMT)")
