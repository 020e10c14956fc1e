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

Below these lists, the corpus ``tests/data/dates_corpus.tsv``: nearly four hundred more strings from
chronologies of every kind (news timelines, encyclopedias, museum and auction catalogues,
archaeology, war diaries, financial calendars, public data files), each with the interval of days
it denotes or the reason to refuse it; that file's header gives its columns and conventions.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from timeline.datemodel import WEEKDAYS
from timeline.dates import DateError, Span, day_number, parse_when

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
    ("the late 1980s", "late 1980s"),  # ibid., with its article (refused before issue 25)
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


# -- the corpus file: real strings with their careful readings ------------------------------------
#
# tests/data/dates_corpus.tsv holds a few hundred date strings copied exactly from public chronologies
# (its header gives the columns and the conventions).  It is the yardstick: nothing may be read wrongly,
# ever, and at least three in four of the strings a careful reader can read must be read.

CORPUS = Path(__file__).parent / "data" / "dates_corpus.tsv"
READ_SHARE_WANTED = 0.75

_DAY = r"(-?\d{4})-(\d{2})-(\d{2})"
_INTERVAL = re.compile(rf"{_DAY}\.\.{_DAY}([~?]*)(?:; qualifier=(\S+))?")
_INSTANT = re.compile(rf"@{_DAY}T(\d{{2}}):(\d{{2}})(?::(\d{{2}}))?(Z|[+-]\d{{2}}:\d{{2}})?")


@dataclass(frozen=True)
class Row:
    line: int
    text: str
    expect: str
    source: str

    @property
    def refused(self) -> bool:
        return self.expect.startswith("REFUSE:")


def corpus_rows(path: Path = CORPUS) -> list[Row]:
    rows = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line or line.startswith("#") or line == "text\texpect\tsource":
            continue
        text, expect, source = line.split("\t")
        rows.append(Row(number, text, expect, source))
    return rows


def _day(year: str, month: str, day: str) -> int:
    return day_number(int(year), int(month), int(day))


def _offset_minutes(text: str | None) -> int | None:
    if text is None:
        return None
    if text == "Z":
        return 0
    sign = -1 if text[0] == "-" else 1
    return sign * (int(text[1:3]) * 60 + int(text[4:6]))


def misreading(row: Row, span: Span) -> str | None:
    """Why ``span`` is not what ``row`` says (None when it is)."""
    if row.refused:
        return f"read as {span.iso()}, but must be refused ({row.expect[7:].strip()})"
    instant = _INSTANT.fullmatch(row.expect)
    if instant:
        y, mo, d, h, mi, s, off = instant.groups()
        at = span.start
        wanted = (int(y), int(mo), int(d), int(h), int(mi), int(s or 0), _offset_minutes(off))
        have = (at.year, at.month, at.day, at.hour, at.minute, at.second or 0, at.offset)
        if span.end is not None or have != wanted:
            return f"read as {span.iso()}, but it is {row.expect[1:]}"
        return None
    interval = _INTERVAL.fullmatch(row.expect)
    assert interval, f"line {row.line}: malformed expectation {row.expect!r}"
    first, last = _day(*interval.group(1, 2, 3)), _day(*interval.group(4, 5, 6))
    marks, qualifier = interval.group(7), interval.group(8)
    got = (span.first_day, span.last_day)
    if qualifier is None and got != (first, last):
        return f"read as {span.iso()}, but it is {row.expect}"
    # A part is narrower than the whole, unless its words reach both ends ("early 9th–late 8th
    # century BC" runs from the first day of the one to the last day of the other).
    reaches_ends = qualifier is not None and re.fullmatch(
        r"(early|first-\S+)\.\.(late|second-\S+)", qualifier
    )
    if qualifier is not None and not (
        first <= got[0] <= got[1] <= last and (got != (first, last) or reaches_ends)
    ):
        return f"read as {span.iso()}, but it is a part ({qualifier}) of {row.expect.split(';')[0]}"
    ends = [span.start] if span.end is None else [span.start, span.end]
    if any(e.approximate for e in ends) != ("~" in marks):
        return f"read as {span.iso()}: approximate is {'~' in marks} in the source"
    if any(e.uncertain for e in ends) != ("?" in marks):
        return f"read as {span.iso()}: uncertain is {'?' in marks} in the source"
    return None


@dataclass
class Tally:
    read: list[Row] = field(default_factory=list)
    refused_readable: list[Row] = field(default_factory=list)
    refused_rightly: list[Row] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def readable(self) -> int:
        return len(self.read) + len(self.refused_readable)

    def summary(self) -> str:
        n = self.readable or 1
        return (
            f"{len(self.read)}/{self.readable} readable strings read ({len(self.read) / n:.0%}), "
            f"{len(self.refused_readable)} refused though readable ({len(self.refused_readable) / n:.0%}), "
            f"{len(self.refused_rightly)} unsafe ones refused, {len(self.wrong)} wrong"
        )


def measure(rows: list[Row]) -> Tally:
    tally = Tally()
    for row in rows:
        try:
            span = parse_when(row.text)
        except DateError:
            (tally.refused_rightly if row.refused else tally.refused_readable).append(row)
            continue
        except Exception as exc:  # a crash on real input is as bad as a wrong reading
            tally.wrong.append(f"line {row.line}: {row.text!r} raised {exc!r}")
            continue
        why = misreading(row, span)
        if why is None:
            tally.read.append(row)
        else:
            tally.wrong.append(f"line {row.line}: {row.text!r} {why}")
    return tally


def test_the_corpus_file_is_well_formed() -> None:
    rows = corpus_rows()
    assert len(rows) >= 200
    assert len({r.text for r in rows}) == len(rows), "a string is listed twice"
    for row in rows:
        assert row.text and row.text == row.text.strip(), f"line {row.line}"
        assert row.source, f"line {row.line}: no source"
        if row.refused:
            assert row.expect[7:].strip(), f"line {row.line}: a refusal needs its reason"
            continue
        interval = _INTERVAL.fullmatch(row.expect)
        assert interval or _INSTANT.fullmatch(row.expect), f"line {row.line}: {row.expect!r}"
        if interval:
            first, last = _day(*interval.group(1, 2, 3)), _day(*interval.group(4, 5, 6))
            assert first <= last, f"line {row.line}: {row.expect}"


_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def test_the_corpus_weekdays_are_those_of_their_dates() -> None:
    """Every weekday in a string the corpus reads to one day is that day's (the Julian calendar's before
    15 October 1582), and every wrong one is marked for refusal: the corpus checks itself."""
    gregorian_start = day_number(1582, 10, 15)
    for row in corpus_rows():
        weekday = _WEEKDAY.search(row.text)
        one_day = re.fullmatch(rf"@?{_DAY}(?:T.*|\.\.\1-\2-\3)", row.expect)
        if weekday is None or one_day is None:
            continue
        y, m, d = (int(g) for g in one_day.groups())
        if day_number(y, m, d) >= gregorian_start:
            actual = dt.date(y, m, d).weekday()
        else:  # the Julian day number, whose remainder by 7 counts from Monday
            a = (14 - m) // 12
            yy, mm = y + 4800 - a, m + 12 * a - 3
            actual = (d + (153 * mm + 2) // 5 + 365 * yy + yy // 4 - 32083) % 7
        assert WEEKDAYS[actual] == weekday.group(1), f"line {row.line}: {row.text!r} is a {WEEKDAYS[actual]}"


def test_no_real_date_is_read_wrongly() -> None:
    tally = measure(corpus_rows())
    print(tally.summary())
    assert not tally.wrong, "\n".join([tally.summary(), *tally.wrong])


def test_three_in_four_readable_real_dates_are_read() -> None:
    tally = measure(corpus_rows())
    print(tally.summary())
    share = len(tally.read) / tally.readable
    refused = "\n".join(f"line {r.line}: {r.text!r} ({r.expect})" for r in tally.refused_readable)
    assert share >= READ_SHARE_WANTED, f"{tally.summary()}; refused though readable:\n{refused}"
