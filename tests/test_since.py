"""``timeline --since REV``: the explorer marks what is new and changed since a git revision.

The model's part (marks, words, the filter's condition) with plain pytest; the app's with Pilot,
on real git repositories built in a temporary folder (tests/gitrepo.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from clirun import run
from gitrepo import BASE, Repo, repo_fixture  # noqa: F401  (the fixture 'repo')
from pilot import started, until
from rich.style import Style as RichStyle

import timeline.cli as cli
from timeline import Filter
from timeline.filters import Among
from timeline.history import diff_timelines
from timeline.load import load_text
from timeline.since import Since, compare
from tui.app import TimelineApp
from tui.view import ExplorerState
from tui.widgets.detail import DetailPane
from tui.widgets.event_list import EventList
from tui.widgets.overview import DENSITY, Overview

#: BASE with talks-july re-dated, statement-one's summary reworded, and an event added.
ADDED = """\
  - id: new-one
    date: 2023-08-20
    title: A new event [b]not markup[/b]
    kind: statement
    actors: [arm]
    summary: Something new.
    sources: [s1]
"""
CHANGED = (
    BASE.replace("date: 2023-07-05", "date: 2023-07-12")
    .replace("Azerbaijan said the corridor would stay open.", "Azerbaijan said the corridor would close.")
    .replace("  - id: report-one\n", ADDED + "  - id: report-one\n")
)


def _timeline(text: str) -> Any:
    return load_text([("t.yaml", text.encode())]).timeline


def _since() -> tuple[Since, Any]:
    old, new = _timeline(BASE), _timeline(CHANGED)
    return Since("HEAD~1", "a1b2c3d4e5f6", diff_timelines(old, new)), new


# -- the model -----------------------------------------------------------------------------


def test_since_says_what_is_new_and_changed() -> None:
    since, new = _since()
    assert since.summary() == "since HEAD~1 (a1b2c3d): 1 new, 2 changed, 0 removed"
    marks = {new.events[i].id: mark for i, mark in since.marks(new).items()}
    assert marks == {"talks-july": "~", "statement-one": "~", "new-one": "+"}
    assert since.ids == {"talks-july", "statement-one", "new-one"}
    assert since.lines("report-one") == []


def test_since_lines_give_old_and_new_and_texts_word_by_word() -> None:
    since, _ = _since()
    lines = [line.plain for line in since.lines("talks-july")]
    assert lines == ["Changed since HEAD~1 (a1b2c3d)", "date: 5 Jul 2023 → 12 Jul 2023 (later)"]
    words = [line.plain for line in since.lines("statement-one")]
    assert words[1] == "summary: Azerbaijan said the corridor would [-stay open.-] {+close.+}"
    assert words[2] == "was: Azerbaijan said the corridor would stay open."
    assert [line.plain for line in since.lines("new-one")] == ["New since HEAD~1 (a1b2c3d)"]


def test_the_filter_keeps_exactly_the_changed_ids() -> None:
    since, new = _since()
    flt = Filter(among=Among(*since.condition()))
    assert {new.events[i].id for i in flt.apply(new)} == {"talks-july", "statement-one", "new-one"}
    assert flt.describe(new) == "changed since HEAD~1"
    assert flt.with_(kinds=frozenset({"meeting"})).apply(new) == [new.by_id["talks-july"]]
    assert Filter(among=Among("x", frozenset({"gone"}))).apply(new) == []  # an id no longer there


def test_state_toggles_the_filter_undoably_and_a_new_diff_refreshes_its_ids() -> None:
    since, new = _since()
    state = ExplorerState(since="HEAD~1")
    state.set_timeline(new, initial=True)
    assert not state.toggle_changed()  # not worked out yet
    assert state.view.since_words == "since HEAD~1: comparing…"
    assert state.view.marks == {}
    state.set_since(since)
    assert state.toggle_changed()
    assert len(state.shown) == 3 and state.view.counts == "3 of 4 events"
    # A reload's new diff (say, report-one changed too) keeps the filter on, with the new ids.
    again = Since(
        "HEAD~1",
        since.commit,
        diff_timelines(_timeline(BASE), _timeline(CHANGED.replace("region.", "area."))),
    )
    state.set_since(again)
    assert len(state.shown) == 4 and not state.filter.among.ids ^ again.ids  # type: ignore[union-attr]
    assert state.undo() and state.filter.among is None and len(state.shown) == 4
    # The command line that reopens the view compares with the same revision.
    assert state.command_args()[-2:] == ["--since", "HEAD~1"]


# -- the app, with a real repository ----------------------------------------------------------


def _app(repo: Repo, since: str = "HEAD") -> TimelineApp:
    return TimelineApp([repo.path / "timeline.yaml"], watch=False, since=since)


async def _compared(app: TimelineApp, pilot: Any) -> None:
    await started(app, pilot)
    assert await until(pilot, lambda: app.state.since is not None), app.state.since_text()


def _row_text(app: TimelineApp, event_id: str) -> str:
    """The drawn line of the event ``event_id`` in the timeline pane."""
    pane = app.query_one(EventList)
    assert app.timeline is not None
    position = pane.shown.index(app.timeline.by_id[event_id])
    return pane.render_line(pane.rows.event_rows[position] - pane.scroll_offset.y).text


async def test_rows_detail_status_and_overview_show_what_changed(repo: Repo) -> None:
    repo.commit(BASE, "first")
    repo.write(CHANGED)
    app = _app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await _compared(app, pilot)
        assert " ~ Talks in Brussels " in _row_text(app, "talks-july")  # re-dated
        assert " ~ A statement on the corridor " in _row_text(app, "statement-one")  # reworded
        assert " + A new event [b]not markup[/b] " in _row_text(app, "new-one")  # added
        assert "   A report on the region " in _row_text(app, "report-one")  # unchanged: no mark
        await pilot.press("s")  # lanes: the marks before the titles too
        assert await until(pilot, lambda: app.state.view.lanes)
        await pilot.pause()
        assert "12 Jul 2023 ● ~ Talks in Brussels" in _row_text(app, "talks-july")  # held, changed
        assert " + A new event" in _row_text(app, "new-one")
        await pilot.press("s")
        short = repo.git("rev-parse", "--short=7", "HEAD").strip()
        status = str(app.query_one("#status").render())
        assert status.endswith(f"4 of 4 events · since HEAD ({short}): 1 new, 2 changed, 0 removed")
        # The detail: old → new, after the title.
        detail = app.query_one(DetailPane)
        assert app.timeline is not None
        app.state.select(app.timeline.by_id["talks-july"])
        await pilot.pause()
        lines = detail.content.plain.splitlines()
        assert lines[:4] == [
            "Talks in Brussels",
            "",
            f"Changed since HEAD ({short})",
            "date: 5 Jul 2023 → 12 Jul 2023 (later)",
        ]
        app.state.select(app.timeline.by_id["statement-one"])
        await pilot.pause()
        assert "summary: Azerbaijan said the corridor would [-stay open.-] {+close.+}" in detail.content.plain
        # The overview: the columns of the three are drawn reversed, the unchanged one's not
        # (the selection's marker, drawn over its column, on the unchanged one).
        app.state.select(app.timeline.by_id["report-one"])
        await pilot.pause()
        overview = app.query_one(Overview)
        density = overview._line(DENSITY)
        reversed_cells = {
            x for span in density.spans if "reverse" in str(span.style) for x in range(span.start, span.end)
        }
        assert overview._layout is not None
        columns = overview._layout.columns
        for event_id in ("talks-july", "statement-one", "new-one"):
            assert columns.column(app.timeline.by_id[event_id]) in reversed_cells
        assert columns.column(app.timeline.by_id["report-one"]) not in reversed_cells


async def test_the_changed_filter_narrows_to_exactly_the_changed_and_undo_restores(repo: Repo) -> None:
    repo.commit(BASE, "first")
    repo.write(CHANGED)
    app = _app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await _compared(app, pilot)
        assert app.timeline is not None
        await pilot.press("C")
        assert {app.timeline.events[i].id for i in app.shown} == {"talks-july", "statement-one", "new-one"}
        status = str(app.query_one("#status").render())
        assert status.startswith("3 of 4 events · changed since HEAD · since HEAD (")
        await pilot.press("escape")  # undo
        assert len(app.shown) == 4 and app.filter.among is None
        await pilot.press("C", "C")  # C again takes it off, as a step of its own
        assert len(app.shown) == 4 and len(app.state.history) == 2


async def test_a_reload_compares_again(repo: Repo) -> None:
    repo.commit(BASE, "first")
    app = _app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await _compared(app, pilot)
        assert app.state.since is not None and not app.state.since.diff
        assert str(app.query_one("#status").render()).endswith(": 0 new, 0 changed, 0 removed")
        repo.write(CHANGED)
        first = app.state.since
        app.load_timeline(initial=False)
        assert await until(pilot, lambda: app.state.since is not first and app.state.since is not None)
        assert app.state.since is not None and app.state.since.tally == (1, 2, 0)
        assert " + A new event" in _row_text(app, "new-one")


async def test_marks_read_without_colour(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    repo.commit(BASE, "first")
    repo.write(CHANGED)
    app = _app(repo)
    async with app.run_test(size=(60, 15)) as pilot:
        await _compared(app, pilot)
        assert app.no_color
        # A narrow status line says it in few cells.
        assert str(app.query_one("#status").render()).endswith("4 of 4 events · since HEAD: +1 ~2 -0")
        assert " ~ Talks in Brussels" in _row_text(app, "talks-july")
        assert " + A new event" in _row_text(app, "new-one")
        # The overview's marked cells are reversed: a cue with no colour.
        overview = app.query_one(Overview)
        strip = overview.render_line(DENSITY)
        assert any(isinstance(seg.style, RichStyle) and seg.style.reverse for seg in strip)


# -- the command line ----------------------------------------------------------------------------


def _opened(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []

    def explorer(*args: Any, **kwargs: Any) -> int:
        calls.append(kwargs)
        return 0

    monkeypatch.setattr(cli, "find_explorer", lambda: explorer)
    return calls


def test_cli_opens_with_since_after_checking_the_revision(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _opened(monkeypatch)
    repo.commit(BASE, "first")
    assert run(capsys, "--since", "HEAD", "timeline.yaml")[0] == 0
    assert calls[-1]["since"] == "HEAD"
    assert run(capsys, "open", "timeline.yaml")[0] == 0 and "since" not in calls[-1]


def test_cli_unknown_revision_is_one_line_exit_2(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _opened(monkeypatch)
    repo.commit(BASE, "first")
    code, out, err = run(capsys, "--since", "HEAD~5", "timeline.yaml")
    assert (code, out, err) == (2, "", "timeline: --since: unknown revision 'HEAD~5'\n")
    assert not calls


def test_cli_invalid_timeline_at_rev_is_located_exit_2(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _opened(monkeypatch)
    repo.commit(BASE.replace("kind: meeting", "kind: [meeting"), "broken")
    repo.commit(BASE, "fixed")
    code, out, err = run(capsys, "--since", "HEAD~1", "timeline.yaml")
    assert code == 2 and not calls and out == ""
    assert err.startswith("HEAD~1:timeline.yaml:") and len(err.splitlines()) == 1, err


def test_cli_outside_a_repository_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _opened(monkeypatch)
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "timeline.yaml").write_text(BASE, encoding="utf-8")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    code, _, err = run(capsys, "--since", "HEAD", "timeline.yaml")
    assert code == 2 and not calls
    assert err.startswith("timeline: --since: not in a git repository: revisions need one")


def test_compare_in_the_model(repo: Repo) -> None:
    repo.commit(BASE, "first")
    repo.write(CHANGED)
    since = compare("HEAD", ["timeline.yaml"], _timeline(CHANGED))
    assert since.tally == (1, 2, 0) and since.commit == repo.git("rev-parse", "HEAD").strip()


# -- a file renamed since the revision, or not there at it (read as 'timeline diff REV' reads it) --


def _renamed(repo: Repo) -> None:
    """timeline.yaml committed, then renamed chronology.yaml (committed), then changed (not committed)."""
    repo.commit(BASE, "first")
    repo.git("mv", "timeline.yaml", "chronology.yaml")
    repo.commit(None, "rename the file")
    repo.write(CHANGED, "chronology.yaml")


def test_compare_follows_a_file_renamed_since(repo: Repo) -> None:
    _renamed(repo)
    current = _timeline(CHANGED)
    since = compare("HEAD~1", ["chronology.yaml"], current)
    assert since.renamed == (("chronology.yaml", "timeline.yaml"),) and since.missing == ()
    marks = {current.events[i].id: mark for i, mark in since.marks(current).items()}
    assert marks == {"talks-july": "~", "statement-one": "~", "new-one": "+"}  # report-one: unchanged
    short = repo.git("rev-parse", "--short=7", "HEAD~1").strip()
    assert since.summary() == (
        f"since HEAD~1 ({short}): 1 new, 2 changed, 0 removed (chronology.yaml was timeline.yaml)"
    )


def test_compare_counts_a_file_not_there_at_the_revision_as_empty(repo: Repo) -> None:
    repo.commit("notes\n", "first", name="README")
    repo.commit(BASE, "the timeline")
    current = _timeline(BASE)
    since = compare("HEAD~1", ["timeline.yaml"], current)
    assert since.missing == ("timeline.yaml",) and since.renamed == ()
    assert since.tally == (3, 0, 0) and since.ids == {e.id for e in current.events}
    assert set(since.marks(current).values()) == {"+"} and len(since.marks(current)) == 3
    assert since.summary().endswith(": 3 new, 0 changed, 0 removed (timeline.yaml was not there)")


def test_cli_since_opens_on_a_renamed_file_and_on_one_not_there(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _opened(monkeypatch)
    _renamed(repo)
    assert run(capsys, "--since", "HEAD~1", "chronology.yaml") == (0, "", "")
    assert calls[-1]["since"] == "HEAD~1"
    repo.write(BASE, "later.yaml")  # not in any commit
    assert run(capsys, "--since", "HEAD", "later.yaml") == (0, "", "")
    assert calls[-1]["since"] == "HEAD" and len(calls) == 2


async def test_status_line_says_a_file_was_not_there(repo: Repo) -> None:
    repo.commit("notes\n", "first", name="README")
    repo.commit(BASE, "the timeline")
    app = TimelineApp(["timeline.yaml"], watch=False, since="HEAD~1")
    async with app.run_test(size=(160, 40)) as pilot:
        await _compared(app, pilot)
        short = repo.git("rev-parse", "--short=7", "HEAD~1").strip()
        status = str(app.query_one("#status").render())
        assert status.endswith(
            f"since HEAD~1 ({short}): 3 new, 0 changed, 0 removed (timeline.yaml was not there)"
        )
        assert " + A report on the region " in _row_text(app, "report-one")
