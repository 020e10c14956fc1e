"""``timeline show ID`` (one event's detail as text) and ``timeline list --ids``."""

from __future__ import annotations

import sys

import pytest
from clirun import run

from timeline import bundled_path, load
from timeline.detail import event_lines, plain_text

BUNDLED = load([bundled_path()]).timeline
ID = "bratislava-meeting-proposal"


def on_a_terminal(monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    """Standard output as a terminal ``columns`` wide (the captured stream says it is one)."""
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("COLUMNS", str(columns))


def test_show_prints_the_detail_as_the_pane_says_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", ID)
    assert (code, err) == (0, "")
    assert out == plain_text(event_lines(BUNDLED, BUNDLED.by_id[ID]))
    lines = out.splitlines()
    assert lines[:3] == [BUNDLED.events[BUNDLED.by_id[ID]].title, "", "When     31 July 2023"]
    assert f"Id       {ID}" in lines
    assert "Kind     proposal · declined by Azerbaijan" in lines  # words, not a mark
    # In a pipe, a paragraph is one line (for the reader's own wrapping), a URL its own line.
    assert any(
        line.startswith("Baku and Stepanakert") and line.endswith("did not immediately react to them.")
        for line in lines
    )
    assert "    https://eurasianet.org/more-false-starts-in-azerbaijan-karabakh-talks" in lines


def test_show_wraps_to_the_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    on_a_terminal(monkeypatch, 50)
    code, out, _ = run(capsys, "show", ID)
    assert code == 0
    lines = out.splitlines()
    assert max(len(line) for line in lines if "https://" not in line) <= 50
    assert max(map(len, lines)) > 40
    assert "Nagorno-Karabakh," in out and "31 July 2023" in out  # words and dates whole
    whole = plain_text(event_lines(BUNDLED, BUNDLED.by_id[ID]))
    assert "".join(out.split()) == "".join(whole.split())  # all of it
    # A URL wider than the terminal stays one line, which the terminal wraps: one link to copy.
    assert "    https://eurasianet.org/more-false-starts-in-azerbaijan-karabakh-talks" in lines


def test_show_an_unknown_id_says_which_was_meant(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "bratislava-meeting-propsal")
    assert (code, out) == (2, "")
    assert err.count("\n") == 2  # the command's usage, then the error
    assert err.startswith("usage: timeline show ")
    assert "timeline show: error: no event has the id 'bratislava-meeting-propsal'; did you mean " in err
    assert f"'{ID}'" in err


def test_show_reads_the_files_named(capsys: pytest.CaptureFixture[str], sample_path: object) -> None:
    code, out, _ = run(capsys, "show", ID, bundled_path())
    assert code == 0 and out.startswith(BUNDLED.events[BUNDLED.by_id[ID]].title)
    code, _, err = run(capsys, "show", ID, sample_path)
    assert code == 2 and "no event has the id" in err


def test_list_ids_begins_each_line_with_the_id(capsys: pytest.CaptureFixture[str]) -> None:
    _, plain, _ = run(capsys, "list", "--actor", "russia")
    code, out, _ = run(capsys, "list", "--actor", "russia", "--ids")
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert [row[1:] for row in rows] == [line.split("\t") for line in plain.splitlines()]
    assert all(row[0] in BUNDLED.by_id for row in rows)  # in a pipe: the id alone, for cut -f1
    assert [BUNDLED.by_id[row[0]] for row in rows] == sorted(BUNDLED.by_id[row[0]] for row in rows)


def test_list_ids_on_a_terminal_lines_the_dates_up(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    on_a_terminal(monkeypatch, 120)
    code, out, _ = run(capsys, "list", "--ids")
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert len({len(row[0]) for row in rows}) == 1  # padded to the widest: the tab stops agree
    assert {row[0].rstrip() for row in rows} == set(BUNDLED.by_id)


def test_help_names_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "show" in out
    code, out, _ = run(capsys, "show", "--help")
    assert code == 0 and "screen reader" in out


def test_show_without_an_id_asks_for_the_id_alone(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show")
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == "timeline show: error: the following arguments are required: ID"
