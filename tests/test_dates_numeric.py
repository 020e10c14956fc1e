"""Issue 25, the numeric side: numeric dates, date-order, times in natural order, zones in words,
fractions of a second, weekdays and the Julian calendar, and refusals that suggest a spelling."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.datecalendar import julian_weekday
from timeline.dates import DateError, parse_date, parse_when
from timeline.datesuggest import teach

ROOT = Path(__file__).resolve().parent.parent


def refusal(text: str, order: str | None = None) -> str:
    with pytest.raises(DateError) as info:
        parse_when(text) if order is None else parse_when(text, order)
    message = str(info.value)
    assert "\n" not in message
    return message


# -- numeric dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("31/12/1999", "1999-12-31"),  # a field above 12 is the day
        ("12/31/1999", "1999-12-31"),
        ("31.12.1999", "1999-12-31"),
        ("4/25/2011", "2011-04-25"),
        ("25/4/2011", "2011-04-25"),
        ("31-12-1999", "1999-12-31"),
        ("05/05/2011", "2011-05-05"),  # the same day both ways
        ("c. 31/12/1999", "1999-12-31~"),
        ("31/12/1999 14:30", "1999-12-31T14:30"),
        ("Friday 31/12/1999", "1999-12-31"),
        ("13/12/1999 – 31/12/1999", "1999-12-13/1999-12-31"),
    ],
)
def test_a_numeric_date_that_reads_one_way_is_read(written: str, iso: str) -> None:
    assert parse_when(written).iso() == iso


@pytest.mark.parametrize(
    ("written", "day_first", "month_first"),
    [("03/04/2011", "2011-04-03", "2011-03-04"), ("1/2/1945", "1945-02-01", "1945-01-02")],
)
def test_an_ambiguous_numeric_date_is_refused_with_both_readings(
    written: str, day_first: str, month_first: str
) -> None:
    message = refusal(written)
    assert f"{day_first} (" in message and f"{month_first} (" in message
    assert "day first" in message and "month first" in message and "date-order: day-first" in message
    assert parse_when(written, "day-first").iso() == day_first
    assert parse_when(written, "month-first").iso() == month_first


def test_a_numeric_date_that_contradicts_the_files_order_is_refused() -> None:
    message = refusal("12/31/1999", "day-first")
    assert "only be read month first" in message and "date-order: day-first" in message
    assert "1999-12-31" in message
    assert "only be read day first" in refusal("31/12/1999", "month-first")
    # the same day both ways contradicts nothing
    assert parse_when("05/05/2011", "month-first").iso() == "2011-05-05"


@pytest.mark.parametrize("written", ["31/12/99", "3/4/11", "12.31.99"])
def test_a_two_digit_year_is_refused_saying_why(written: str) -> None:
    message = refusal(written)
    assert "two digits" in message and "century" in message and "four digits" in message


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("31/06/2011", ["June 2011 has 30 days"]),
        ("29/02/2011", ["February 2011 has 28 days"]),
        ("13/13/2011", ["neither field is a month"]),
        ("1/2/194", ["four digits"]),
    ],
)
def test_a_numeric_date_that_is_no_day_is_refused(written: str, words: list[str]) -> None:
    message = refusal(written)
    assert all(word in message for word in words), message


def test_the_order_is_part_of_the_memo_and_a_date_seen_stays_a_hit() -> None:
    first = parse_when("5 July 2023")
    assert parse_when("5 July 2023", "day-first") is first  # no numeric date: the same entry
    assert parse_when("03/04/2011", "day-first") != parse_when("03/04/2011", "month-first")
    with pytest.raises(ValueError):
        parse_when("03/04/2011", "sideways")


# -- times in natural order, zones in words, fractions --------------------------------------------


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("14:30 on 3 March 2011", "2011-03-03T14:30"),
        ("9.15pm on 3 March 2011", "2011-03-03T21:15"),
        ("Mar. 3, 2011, 2:30 p.m.", "2011-03-03T14:30"),
        ("2:30 p.m. EST, March 3, 2011", "2011-03-03T14:30-05:00"),
        ("22:00 GMT on 3 March 2011", "2011-03-03T22:00Z"),
        ("1800 hours, 3 March 2011", "2011-03-03T18:00"),
        ("Thursday 3 March 2011 - 14:30", "2011-03-03T14:30"),
        ("2011-03-03T14:30:00.000Z", "2011-03-03T14:30:00Z"),
        ("3 March 2011 14:30 CEST", "2011-03-03T14:30+02:00"),
        ("3 March 2011 14:30 PDT", "2011-03-03T14:30-07:00"),
        ("2011-03-03 14:30 GMT+4", "2011-03-03T14:30+04:00"),
        ("14:30 Asia/Baku on 3 March 2011", "2011-03-03T14:30+04:00"),
        ("3 March 2011 14:30 EST (19:30 GMT)", "2011-03-03T14:30-05:00"),
        ("3 March 2011 at 2 pm", "2011-03-03T14:00"),
        ("1:07 PM - 13 Nov 2020", "2020-11-13T13:07"),
        ("April 5, 2024, 00:00 hours CEST", "2024-04-05T00:00+02:00"),
        ("Monday, March 28, 2005 at 16:09:37 (UTC)", "2005-03-28T16:09:37Z"),
        ("2.41 a.m. on 7 May 1945", "1945-05-07T02:41"),
        ("23.01 hours Central European time on 8 May 1945", "1945-05-08T23:01+01:00"),
        ("23.01, Central European Time, on May 8th, 1945", "1945-05-08T23:01+01:00"),
        ("14:30 local time on 3 March 2011", "2011-03-03T14:30"),
        ("c. 14:30 on 3 March 2011", None),  # a mark before the time: not a form (refused below)
    ],
)
def test_a_time_in_natural_order_is_read(written: str, iso: str | None) -> None:
    if iso is None:
        refusal(written)
    else:
        assert parse_when(written).iso() == iso


def test_msk_is_read_through_moscows_zone_at_that_moment() -> None:
    assert parse_date("3 March 2012 14:30 MSK").offset == 4 * 60  # 2011–2014: +04:00
    assert parse_date("3 March 2015 14:30 MSK").offset == 3 * 60
    assert "MSD" in refusal("3 March 2015 14:30 MSD")  # not Moscow's name for its time then


@pytest.mark.parametrize(
    ("written", "offsets"),
    [
        ("14:30 IST on 3 March 2011", ["+05:30", "+01:00", "+02:00"]),
        ("3 March 2011 14:30 CST", ["-06:00", "+08:00"]),
        ("2023-09-20 13:00 AMT", ["+04:00", "-04:00"]),
        ("3 March 2011 14:30 BST", ["+01:00", "+06:00"]),
    ],
)
def test_an_ambiguous_zone_is_refused_with_the_offsets_to_choose_from(
    written: str, offsets: list[str]
) -> None:
    message = refusal(written)
    assert "ambiguous" in message and all(o in message for o in offsets), message


def test_a_time_given_in_two_zones_that_disagree_is_refused() -> None:
    message = refusal("3 March 2011 14:30 EST (20:30 GMT)")
    assert "two zones that disagree" in message and "19:30" in message and "20:30" in message
    # across midnight, the same moment
    assert parse_when("3 March 2011 19:30 EST (00:30 GMT)").iso() == "2011-03-03T19:30-05:00"


def test_a_fraction_of_a_second_that_is_not_zero_is_refused_not_dropped() -> None:
    message = refusal("2011-03-03T14:30:00.250Z")
    assert ".250" in message and "not kept" in message and "14:30:00" in message


@pytest.mark.parametrize(
    "written", ["14:30 XYZ on 3 March 2011", "25:00 on 3 March 2011", "13 pm on 3 March 2011"]
)
def test_a_time_in_natural_order_that_is_wrong_is_refused(written: str) -> None:
    refusal(written)


# -- weekdays and the Julian calendar -------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["Thursday 3 March 2011", "Thursday, March 3, 2011", "July 14, 1789 (Tuesday)", "3 March 2011 (Thu)"],
)
def test_weekday_placements(written: str) -> None:
    assert parse_date(written).day in (3, 14)


def test_julian_weekdays_agree_with_the_calendars_known_offset() -> None:
    """Julian dates run 10 days behind Gregorian ones in 1583–1699 and 6 days in 1001–1099: the
    Julian weekday of a date is the Gregorian weekday of the date that many days later."""
    for start, days_behind in ((dt.date(1583, 1, 1), 10), (dt.date(1001, 3, 1), 6)):
        for n in range(0, 36000, 97):  # (both offsets hold for 98 years)
            julian = start + dt.timedelta(days=n)
            gregorian = julian + dt.timedelta(days=days_behind)
            assert julian_weekday(julian.year, julian.month, julian.day) == gregorian.weekday()
    assert julian_weekday(1582, 10, 4) == 3  # the last Julian day was a Thursday


def test_a_weekday_in_the_julian_calendar_is_accepted_before_1582() -> None:
    assert parse_date("Monday 25 September 1066") == parse_date("25 September 1066")  # Stamford Bridge
    assert parse_date("Tuesday 25 September 1066") == parse_date("25 September 1066")  # proleptic Gregorian
    message = refusal("Friday 25 September 1066")
    assert "Gregorian calendar" in message and "Julian calendar" in message
    # after the reform only the Gregorian weekday is; the message says the Julian one would match
    message = refusal("Monday 14 September 1752")  # 14 September 1752 was a Thursday
    assert "Gregorian calendar" in message and "Thursday" in message


# -- refusals that teach --------------------------------------------------------------------------

#: Refused strings, and the spelling suggested, or (None) the words that say why there is none.
TAUGHT = [
    ("2011.03.04", "4 March 2011", None),
    ("2011/03/04", "4 March 2011", None),
    ("1999 March 3", "3 March 1999", None),
    ("3-Mar-1999", "3 March 1999", None),
    ("Thu Mar 3 14:30:00 2011", "Thu 3 March 2011 14:30:00", None),
    ("3 March, 1999 at 14h30", "3 March 1999 14:30", None),
    ("03/04/2011", "2011-04-03", None),  # the grammar offers both readings itself
    # the refusal's own reason says why: dateutil's reading would be a guess or lose something
    ("3/4/11", None, "century is a guess"),
    ("2011-03-03T14:30:00.250Z", None, "not kept"),
    ("14:30 IST on 3 March 2011", None, "ambiguous"),
    ("Friday 25 September 1066", None, "Julian calendar"),
    ("31 February 1999", None, "does not exist"),
    # the grammar can only call it unreadable: why dateutil suggests nothing either
    ("foo bar 2011", None, "no reading to suggest: python-dateutil reads no date"),
    ("20110303", None, "no reading to suggest: the year python-dateutil reads is not written as one"),
    ("3 Marhc 2011 at noon", None, "no reading to suggest"),
]


@pytest.mark.parametrize(("written", "suggested", "why"), TAUGHT)
def test_every_refusal_suggests_a_spelling_or_says_why_not(
    written: str, suggested: str | None, why: str | None
) -> None:
    message = teach(refusal(written), written)
    assert "\n" not in message
    if suggested is None:
        assert why is not None and why in message and "did you mean" not in message, message
    else:
        assert "did you mean" in message and suggested in message, message
        offered = message.split("did you mean ", 1)[1].split("?", 1)[0]
        if "(" not in offered:  # one dateutil reading: it reads back
            assert parse_date(offered)


def test_a_refusal_names_the_words_not_understood() -> None:
    assert "not understood: foo, bar" in teach(refusal("foo bar 2011"), "foo bar 2011")
    assert "Marhc" in teach(refusal("3 Marhc 2011"), "3 Marhc 2011")


def test_in_a_file_with_an_order_only_that_reading_is_suggested() -> None:
    text = "2011.03.04"
    assert "4 March 2011" in teach(refusal(text), text, "day-first")  # year first: no other order


_PROBE = """
import json, sys
from timeline import load_text
from timeline.dates import DateError, parse_when
load_text([("t.yaml", open(sys.argv[1], "rb").read())])
before = "dateutil" in sys.modules
try:
    load_text([("t.yaml", open(sys.argv[1], "rb").read().replace(b"2023-07-05", b"3 Marhc 2011"))])
except Exception as exc:
    said = str(exc)
print(json.dumps([before, "dateutil" in sys.modules, said]))
"""


def test_loading_a_valid_file_never_imports_dateutil(write_timeline: object, timeline_text: object) -> None:
    path = write_timeline(timeline_text())  # type: ignore[operator]
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    before, after, said = json.loads(result.stdout.splitlines()[-1])
    assert not before and after
    assert "Marhc" in said


def _corpus_refusals() -> list[str]:
    """The strings the real-date corpus expects refused (tests/test_dates_corpus.py: its REFUSED
    list, and the rows of its corpus file where the test module reads one)."""
    import test_dates_corpus as corpus

    texts = [written for written, _ in corpus.REFUSED]
    rows = getattr(corpus, "corpus_rows", None)  # the corpus file, where the test module has it
    if rows is not None:
        texts += [row.text for row in rows() if row.refused]
    return texts


def test_every_corpus_refusal_suggests_a_spelling_or_says_why_not() -> None:
    texts = _corpus_refusals()
    assert len(texts) >= 10
    for text in texts:
        message = teach(refusal(text), text)
        assert "\n" not in message
        if "did you mean" in message:
            continue
        # a precise refusal is its own reason; the grammar's general one gets dateutil's
        assert not message.startswith("cannot read") or "no reading to suggest: " in message, message


@pytest.mark.parametrize(
    ("text", "fixes", "julian"),
    [
        (
            "Monday 1 August 2023",
            ["Tuesday 1 August 2023", "Monday 31 July 2023", "Monday 7 August 2023"],
            False,
        ),
        # 14 February 1918 is Russia's first Gregorian day: the Julian calendar is still worth a word
        ("Monday 1 February 1918", ["Friday 1 February 1918", "Monday 28 January 1918"], False),
        ("Thursday 1 February 1918", ["Friday 1 February 1918", "Thursday 31 January 1918"], True),
    ],
)
def test_a_wrong_weekday_offers_the_date_and_the_nearest_days_that_weekday(
    text: str, fixes: list[str], julian: bool
) -> None:
    with pytest.raises(DateError) as info:
        parse_date(text)
    message = str(info.value)
    assert all(fix in message for fix in fixes), message
    assert ("Julian" in message) == julian, message


@pytest.mark.parametrize(
    ("text", "meant"),
    [("3 Mrach 2011", "3 March 2011"), ("Febuary 2023", "February 2023"), ("3 Jnue 2011", "3 June 2011")],
)
def test_a_misspelt_month_is_offered_spelt_right(text: str, meant: str) -> None:
    from timeline.datesuggest import teach

    with pytest.raises(DateError) as info:
        parse_when(text)
    assert f"did you mean {meant}? Otherwise write e.g." in teach(str(info.value), text)
    assert parse_when(meant)  # and what is offered reads


def test_a_word_near_no_month_or_two_is_not_respelt() -> None:
    from timeline.datesuggest import teach

    for text in ("3 Xyz 2011", "3 Ju 2011"):  # nothing near; June and July alike
        with pytest.raises(DateError) as info:
            parse_when(text)
        assert "did you mean" not in teach(str(info.value), text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2023-03-26 01:30 Europe/London", "01:30 did not exist that night in Europe/London"),
        ("2023-10-29 01:30 Europe/London", "01:30 came twice that night in Europe/London"),
        ("26 October 2014 01:30 MSK", "01:30 MSK came twice that night in Europe/Moscow"),
        ("27 March 2011 02:30 MSK", "02:30 MSK did not exist that night in Europe/Moscow"),
    ],
)
def test_a_zone_written_in_the_date_must_name_one_moment(text: str, words: str) -> None:
    with pytest.raises(DateError, match=re.escape(words)):
        parse_when(text)
