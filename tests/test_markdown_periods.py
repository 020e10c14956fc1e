"""Markdown export: an event dated by a period (a decade, a century, a millennium) goes under a
heading that names the period, not under its first year's heading; headings stay in order."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from timeline import load
from timeline.markdown import to_markdown


def _headings(markdown: str) -> list[str]:
    return re.findall(r"^## (.*)$", markdown, re.M)


def _export(
    dates: list[str],
    write_timeline: Callable[..., Path],
    timeline_text: Callable[..., str],
    event_text: Callable[..., str],
) -> str:
    items = [event_text(f"e{n}", date=f'"{d}"', title=f"Event {n}") for n, d in enumerate(dates)]
    return to_markdown(load([write_timeline(timeline_text(*items))]).timeline)


def test_a_period_date_has_its_own_heading_before_the_years_it_encloses(
    write_timeline: Callable[..., Path], timeline_text: Callable[..., str], event_text: Callable[..., str]
) -> None:
    dates = ["3rd millennium BC", "801", "9th century", "5 March 801", "early 9th century", "850", "1990s"]
    md = _export(dates, write_timeline, timeline_text, event_text)
    assert _headings(md) == [
        "3rd millennium BC",
        "9th century",
        "early 9th century",
        "801",
        "850",
        "1990s",
    ]
    assert "## 801\n" in md and md.count("## 801\n") == 1  # the year is not split around the century
    # the century's event is under its heading, shown as the period
    century = md.index("## 9th century\n")
    assert md.index("9th century · Event 2") > century
    assert md.index("9th century · Event 2") < md.index("## early 9th century")
    # the year's events stay together under it, in date order
    year = md[md.index("## 801\n") : md.index("## 850\n")]
    assert year.index("801 · Event 1") < year.index("5 Mar 801 · Event 3")


def test_periods_bc_and_spans_starting_with_a_period(
    write_timeline: Callable[..., Path], timeline_text: Callable[..., str], event_text: Callable[..., str]
) -> None:
    dates = ["8-7th century BC", "750 BC", "the 420s BC", "425 BC"]
    md = _export(dates, write_timeline, timeline_text, event_text)
    # a span goes under where it starts: the 8th century BC (800 BC)
    assert _headings(md) == ["8th century BC", "750 BC", "420s BC", "425 BC"]  # 429–420 BC, then 425 BC
    assert "8th–7th centuries BC · Event 0" in md


def test_years_alone_keep_their_headings(
    write_timeline: Callable[..., Path], timeline_text: Callable[..., str], event_text: Callable[..., str]
) -> None:
    md = _export(["1991", "2023-07-05", "2023-08"], write_timeline, timeline_text, event_text)
    assert _headings(md) == ["1991", "2023"]
