"""Dates shown shorter in the timeline pane's date column: still true, never cut mid-number."""

from __future__ import annotations

import re

import pytest

from timeline import bundled_path, load
from timeline.dates import parse_when
from timeline.dateshort import MORE, date_in, shortened

BUNDLED = load([bundled_path()]).timeline
WRITTEN = [
    "c. early 2022 to Aug 2023?",
    "2020-09-27/2020-11-10",
    "2023-03-01T11:00/2023-03-02T09:30",
    "1991/1994-05-12",
    "early July 2023",
    "-0149/-0146",
    "1990s",
    "2023-07-29~",
]
SPANS = [e.when for e in BUNDLED.events] + [parse_when(w) for w in WRITTEN]


@pytest.mark.parametrize("span", SPANS, ids=lambda s: s.display())
def test_every_shorter_form_holds_the_span_written(span) -> None:  # type: ignore[no-untyped-def]
    forms = shortened(span)
    assert forms[0][1] == span.display().replace(" – ", "–")  # first: nothing left out
    for shown, text in forms:
        assert shown.first_day <= span.first_day and shown.last_day >= span.last_day, text
        assert text == shown.display().replace(" – ", "–") + (MORE if shown != span else "")
        # The marks of an approximate or uncertain date stay with it.
        if span.start.approximate:
            assert text.startswith("c. ")
        if span.display().endswith("?"):
            assert text.removesuffix(MORE).endswith("?")


@pytest.mark.parametrize("span", SPANS, ids=lambda s: s.display())
def test_a_date_fits_its_cells_and_no_number_is_cut(span) -> None:  # type: ignore[no-untyped-def]
    whole = span.display()
    numbers = set(re.findall(r"\d+", whole))
    for cells in range(1, len(whole) + 2):
        text = date_in(span, cells)
        assert len(text) <= cells, (cells, text)
        assert text == whole or text.endswith(MORE) or text == whole.replace(" – ", "–"), text
        assert set(re.findall(r"\d+", text)) <= numbers, (cells, text)


def test_the_long_span_of_the_issue() -> None:
    span = parse_when("c. early 2022 to Aug 2023?")
    assert span.display() == "c. early 2022 – Aug 2023?"
    assert date_in(span, 25) == "c. early 2022 – Aug 2023?"
    assert date_in(span, 23) == "c. early 2022–Aug 2023?"
    assert date_in(span, 20) == "c. early 2022–2023?…"
    assert date_in(span, 14) == "c. 2022–2023?…"
    assert date_in(span, 10) == "c. 2022–…"
