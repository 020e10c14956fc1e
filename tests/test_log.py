"""``timeline log ID``: the commits that changed one event, following its id and its file across renames."""

from __future__ import annotations

import json

import pytest
from clirun import run
from gitrepo import BASE, Repo, repo_fixture  # noqa: F401  (the fixture 'repo')


def _history(repo: Repo) -> dict[str, str]:
    """Six commits: the event is added, re-dated, left alone, renamed, its file renamed, then edited."""
    shas = {"added": repo.commit(BASE, "first version")}
    text = BASE.replace("date: 2023-08-10", "date: 2023-08-11").replace("A report on the region", "A report")
    shas["redated"] = repo.commit(text, "re-date the statement")
    text = text.replace("described the situation", "described the whole situation")
    shas["other"] = repo.commit(text, "another event only")
    text = text.replace("id: statement-one", "id: corridor-statement")
    shas["renamed"] = repo.commit(text, "a better id")
    repo.git("mv", "timeline.yaml", "chronology.yaml")
    shas["moved"] = repo.commit(None, "rename the file")
    text = text.replace("would stay open.", "would stay open to all traffic.")
    shas["edited"] = repo.commit(text, "quote the statement better", name="chronology.yaml")
    return shas


def test_log_follows_the_id_and_the_file(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    shas = _history(repo)
    code, out, err = run(capsys, "log", "corridor-statement", "chronology.yaml")
    assert (code, err) == (0, "")
    heads = [line for line in out.splitlines() if not line.startswith(" ")]
    assert [h.split()[0] for h in heads] == [shas[k][:10] for k in ("edited", "renamed", "redated", "added")]
    assert all("Tess Tester" in h for h in heads)
    assert heads[0].endswith("quote the statement better")
    assert (
        "    renamed: 11 Aug 2023  A statement on the corridor  [statement-one → corridor-statement]" in out
    )
    assert "        date: 10 Aug 2023 → 11 Aug 2023 (later)" in out.splitlines()
    assert (
        "        summary: Azerbaijan said the corridor would stay [-open.-] {+open to all traffic.+}" in out
    )
    assert "    added: 10 Aug 2023  A statement on the corridor  [statement-one]" in out


def test_log_as_json(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    shas = _history(repo)
    code, out, _ = run(capsys, "log", "corridor-statement", "chronology.yaml", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["format"] == "timeline-log" and doc["version"] == 1 and doc["id"] == "corridor-statement"
    commits = doc["commits"]
    assert [c["commit"] for c in commits] == [shas[k] for k in ("edited", "renamed", "redated", "added")]
    assert [c["path"] for c in commits] == [
        "chronology.yaml",
        "timeline.yaml",
        "timeline.yaml",
        "timeline.yaml",
    ]
    assert [c["change"]["status"] for c in commits] == ["changed", "renamed", "changed", "added"]
    assert commits[2]["change"]["fields"] == [
        {"field": "date", "old": "10 Aug 2023", "new": "11 Aug 2023", "note": "later", "words": []}
    ]
    assert set(commits[0]) == {"commit", "date", "author", "subject", "path", "change"}
    assert commits[0]["author"] == "Tess Tester" and commits[0]["date"][:4].isdigit()


def test_log_of_an_unknown_id_is_exit_2(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit(BASE, "first")
    code, out, err = run(capsys, "log", "no-such-event")
    assert (code, out) == (2, "")
    assert err == "timeline: no commit of timeline.yaml has an event with the id 'no-such-event'\n"


def test_log_of_a_removed_event_shows_its_removal(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    first = repo.commit(BASE, "first")
    head, events = BASE.split("events:\n")
    blocks = ["  - id:" + b for b in events.split("  - id:")[1:]]
    gone = repo.commit(head + "events:\n" + blocks[0] + blocks[2], "drop the statement")
    code, out, _ = run(capsys, "log", "statement-one", "-f", "json")
    assert code == 0
    commits = json.loads(out)["commits"]
    assert [(c["commit"], c["change"]["status"]) for c in commits] == [(gone, "removed"), (first, "added")]
