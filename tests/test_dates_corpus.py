"""Real date strings from public timelines, each with its expected reading or its expected refusal.

Sources (copied by hand, each line says where from):
- TimelineJS3, the public repository NUKnightLab/TimelineJS3: its example timelines
  (``compiled/examples/*.json``, whose structured dates are written here as the ISO strings a
  converter makes of them, e.g. year 1910, month 01, day 05, hour 6, minute 45, second 56) and
  its spreadsheet template ``src/template/my-own-timeline.csv`` (Year, Month, Day columns).
- markwhen's documentation of the date forms it reads,
  https://docs.markwhen.com/syntax/dates-and-ranges.html
- Chronologies of the Nagorno-Karabakh conflict:
  http://mountainous-karabakh.org/chronology_1991-94.html, http://nkrusa.org/nk_conflict/cease_fire.shtml,
  https://en.wikipedia.org/wiki/Bishkek_Protocol, https://www.islamtimes.org/en/news/1082841/ and
  https://babel.ua/en/news/98656 (the 2023 ceasefire "from 13:00 on September 20, 2023").

A reading is given as the span's ISO 8601 / EDTF form (``start/end`` for a range); a refusal as
words its message must hold.  Nothing here may be read as anything other than what it says.
"""

from __future__ import annotations

import pytest

from timeline.dates import DateError, parse_when

READ = [
    # TimelineJS3 compiled/examples/marktwain.json (start_date/end_date objects)
    ("1900-01-05", "1900-01-05"),
    ("2000-01", "2000-01"),
    ("1910-01-05 6:45:56", "1910-01-05T06:45:56"),  # misread as 1 May before (day-first)
    ("1915-01-05 6:45:56", "1915-01-05T06:45:56"),
    ("1940-01-05 6:45:56", "1940-01-05T06:45:56"),
    ("1920-01-05/1928", "1920-01-05/1928"),
    # ... and the text of its first slide
    ("November 30, 1835 – April 21, 1910", "1835-11-30/1910-04-21"),
    # TimelineJS3 compiled/examples/seventh_century.json
    ("602", "0602"),
    ("602/629", "0602/0629"),
    ("618-06-18/907-06-01", "0618-06-18/0907-06-01"),
    ("622-08-09/622-08-23", "0622-08-09/0622-08-23"),
    ("627-12-12", "0627-12-12"),
    ("632-06-08", "0632-06-08"),
    ("674/678", "0674/0678"),
    # TimelineJS3 src/template/my-own-timeline.csv (Year, Month, Day; End Year, ...)
    ("1815-12-10/1852-11-27", "1815-12-10/1852-11-27"),
    ("1948-03-14", "1948-03-14"),
    ("1943-07/1946", "1943-07/1946"),
    ("1951", "1951"),
    ("1956/1962", "1956/1962"),
    ("December 08, 2017", "2017-12-08"),  # from a caption: "originally published December 08, 2017"
    # markwhen, "Dates and Ranges": EDTF ranges and dates
    ("1964/2008", "1964/2008"),
    ("2004-06 / 2006-08", "2004-06/2006-08"),
    ("2004-02-01/ 2005-02-08", "2004-02-01/2005-02-08"),
    ("2004-02-01 /2005-02", "2004-02-01/2005-02"),
    ("2004-02-01/2005", "2004-02-01/2005"),
    ("2005/2006-02", "2005/2006-02"),
    ("1981", "1981"),
    ("2012-05", "2012-05"),
    ("2022-01-30", "2022-01-30"),
    ("2024", "2024"),
    ("2031-11-19T01:35:10Z-2099-08-04T18:22:48Z", "2031-11-19T01:35:10Z/2099-08-04T18:22:48Z"),
    # Nagorno-Karabakh chronologies
    ("1991-1994", "1991/1994"),  # mountainous-karabakh.org: "Independence, 1991-1994"
    ("1918-1920", "1918/1920"),  # ibid.: "independence from 1918-1920"
    ("1991-94", "1991/1994"),  # ibid., the page's address: chronology_1991-94.html
    ("May 5, 1994", "1994-05-05"),  # Bishkek Protocol, Wikipedia and nkrusa.org
    ("May 12, 1994", "1994-05-12"),  # nkrusa.org: "from midnight May 12, 1994"
    ("February 1988", "1988-02"),  # Wikipedia: "since February 1988 until May 1994"
    ("February 1988 – May 1994", "1988-02/1994-05"),
    ("late 1980s", "late 1980s"),  # Wikipedia: "in the late 1980s to May 1994"
    ("early 1994", "early 1994"),  # nkrusa.org: "In the early 1994"
    ("April 1994", "1994-04"),
    ("September 20, 2023", "2023-09-20"),
    ("20 September 2023", "2023-09-20"),
    ("2023-09-20", "2023-09-20"),  # islamtimes.org's date line
    ("Wednesday 20 September 2023", "2023-09-20"),  # islamtimes.org, without its time
    ("September 20, 2023, 1 pm", "2023-09-20T13:00"),  # vietnam.vn: "from 1pm on September 20"
    # read since issue 25 (numeric dates that read one way; a time before its date or after a dash)
    ("01/01/2024", "2024-01-01"),  # markwhen: the same day day-first and month-first
    ("11/11/2024-12/12/2024", "2024-11-11/2024-12-12"),  # markwhen: each side reads one way
    ("13:00 on September 20, 2023", "2023-09-20T13:00"),  # babel.ua
    ("Wednesday 20 September 2023 - 12:38", "2023-09-20T12:38"),  # islamtimes.org's date line
]

REFUSED = [
    # TimelineJS3 compiled/examples/cosmological.json: the Big Bang, and "now" as year 0
    ("-13798000000", ["beyond ±9999"]),
    ("0", ["cannot tell the year"]),
    # TimelineJS3 my-own-timeline.csv: "it wasn't until the mid-50's"
    ("mid-50's", ["cannot"]),
    # markwhen: numeric and relative forms
    ("04/1776", ["cannot read"]),
    ("2005/now", ["cannot read"]),
    ("2018/6 months", ["cannot read"]),
    # Nagorno-Karabakh chronologies: dates whose year is a heading elsewhere on the page
    ("January 14", ["no year"]),
    ("April 30 to May 15", ["no year"]),
    ("2 september", ["no year"]),
    ("midnight May 12, 1994", ["cannot read"]),
    ("Sept. 20", ["no year"]),
    ("1300 local time (0900 UTC)", ["cannot read"]),
    ("the late 1980s", ["cannot read"]),
]


@pytest.mark.parametrize(("written", "iso"), READ)
def test_real_dates_read_as_they_say(written: str, iso: str) -> None:
    span = parse_when(written)
    assert span.iso() == iso
    assert parse_when(span.display()) == span  # and what is shown reads back


@pytest.mark.parametrize(("written", "words"), REFUSED)
def test_real_dates_that_cannot_be_read_exactly_are_refused(written: str, words: list[str]) -> None:
    with pytest.raises(DateError) as info:
        parse_when(written)
    message = str(info.value)
    assert "\n" not in message
    for word in words:
        assert word in message, message
