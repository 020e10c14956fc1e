"""A source may have no date: the model holds None, and everything that shows or writes a source
says nothing rather than a date it was not given (the loader, the schema, the parse cache, the
detail pane, the Markdown, TimelineJS and JSON exports)."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from timeline import LoadError, Timeline, load_text
from timeline import cache as tcache
from timeline.format import SECTIONS
from timeline.interop.jsonout import to_json_data
from timeline.interop.sheet import to_csv
from timeline.interop.timelinejs import to_timelinejs
from timeline.markdown import event_markdown, to_markdown
from timeline.schema import schema

UNDATED = """\
title: T
sources:
  video:
    title: The minister's interview
    publisher: YouTube
    url: https://www.youtube.com/watch?v=abc
  dated:
    title: A report
    publisher: Eurasianet
    date: 2023-08
    url: https://example.com/r
events:
  - id: interview
    date: 1939-09-01
    title: An interview
    kind: interview
    summary: He spoke.
    sources: [video, dated]
"""


def loaded(text: str = UNDATED) -> Timeline:
    return load_text([("t.yaml", text.encode())]).timeline


def test_the_table_makes_a_sources_date_optional() -> None:
    assert not SECTIONS["source"]["date"].required
    assert "date" not in SECTIONS["source"].required


def test_an_undated_source_loads_with_no_date() -> None:
    tl = loaded()
    assert tl.sources["video"].date is None
    assert tl.sources["dated"].date is not None and tl.sources["dated"].date.iso() == "2023-08"


def test_a_date_that_is_given_is_still_checked_at_its_place() -> None:
    text = UNDATED.replace("date: 2023-08", "date: 2023-13")
    with pytest.raises(LoadError) as info:
        loaded(text)
    (error,) = info.value.errors
    line = text.splitlines().index("    date: 2023-13") + 1
    assert (error.line, error.col) == (line, 11) and "month 13" in error.message


def test_the_schema_accepts_an_undated_source() -> None:
    document = yaml.load(UNDATED, Loader=yaml.BaseLoader)
    jsonschema.Draft202012Validator(schema()).validate(document)  # raises if the source needed a date


def test_the_detail_pane_shows_no_date_for_an_undated_source() -> None:
    from tui.widgets.detail import event_detail

    tl = loaded()
    plain = event_detail(tl, 0, {}).plain
    assert " 1. The minister's interview — YouTube\n" in plain
    assert " 2. A report — Eurasianet, Aug 2023\n" in plain
    assert "1939" not in plain.split("Sources", 1)[1]  # not the event's date, nor any other


def test_the_markdown_export_gives_an_undated_source_no_date() -> None:
    tl = loaded()
    md = to_markdown(tl)
    assert "1. [The minister's interview](<https://www.youtube.com/watch?v=abc>), YouTube\n" in md
    assert "2. [A report](<https://example.com/r>), Eurasianet, Aug 2023\n" in md
    assert event_markdown(tl, tl.events[0]).endswith(
        "1. [The minister's interview](<https://www.youtube.com/watch?v=abc>), YouTube\n"
        "2. [A report](<https://example.com/r>), Eurasianet, Aug 2023\n"
    )


def test_the_json_export_writes_null_for_an_undated_source() -> None:
    data = to_json_data(loaded())
    assert data["sources"]["video"]["date"] is None
    assert data["sources"]["dated"]["date"]["written"] == "2023-08"


def test_the_timelinejs_and_sheet_exports_cite_an_undated_source_without_a_date() -> None:
    video = '<a href="https://www.youtube.com/watch?v=abc">The minister\'s interview</a>'
    text = to_timelinejs(loaded())["events"][0]["text"]["text"]
    cited = text.split("<p>Sources: ", 1)[1]
    assert cited.startswith(f"{video}, YouTube; ")
    assert "1939" not in cited
    sheet = to_csv(loaded())  # the sheet's Text column holds the same HTML, its quotes doubled
    cited = sheet.split("<p>Sources: ", 1)[1].split("</p>", 1)[0]
    assert cited.startswith(video.replace('"', '""') + ", YouTube; ") and "1939" not in cited


def test_an_undated_source_survives_the_parse_cache(tmp_path: Path) -> None:
    tl = loaded()
    entry = tmp_path / "entry.json"
    assert tcache.write(entry, "d" * 64, tl, [])
    back = tcache.read(entry, "d" * 64)
    assert back is not None
    assert back[0].sources == tl.sources and back[0].sources["video"].date is None
