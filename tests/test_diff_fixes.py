"""``timeline diff`` and ``timeline log`` as a new user tried them: every filter (``--view`` too),
options among the files, timelines split or renamed, other YAML in the repository, and the
messages and exit codes of what goes wrong (real git repositories in temporary folders)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import run
from gitrepo import BASE, Repo, repo_fixture  # noqa: F401  (the fixture 'repo')

VIEWS = """\
views:
  - name: baku-only
    actors: [aze]
"""


def _ids(out: str) -> list[str]:
    return [e["new_id"] or e["old_id"] for e in json.loads(out)["events"]]


def _every_event_changed(repo: Repo) -> None:
    repo.commit(BASE + VIEWS, "first")
    repo.write(
        BASE.replace("Talks in Brussels", "Talks")
        .replace("A statement on the corridor", "A statement")
        .replace("A report on the region", "A report")
        + VIEWS
    )


def test_view_filters_the_diff_as_list_does(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    _every_event_changed(repo)
    code, out, _ = run(capsys, "diff", "HEAD", "-f", "json")
    assert code == 1 and _ids(out) == ["talks-july", "statement-one", "report-one"]
    code, out, _ = run(capsys, "diff", "HEAD", "--view", "baku-only", "-f", "json")
    assert code == 1 and _ids(out) == ["talks-july", "statement-one"]  # the report is Armenia's only
    # the options given narrow the view further, as for list
    code, out, _ = run(capsys, "diff", "HEAD", "--view", "baku-only", "--kind", "meeting", "-f", "json")
    assert _ids(out) == ["talks-july"]
    code, out, err = run(capsys, "diff", "HEAD", "--view", "baku-onl")
    assert (code, out) == (2, "")
    assert err == "timeline: unknown view 'baku-onl'; did you mean 'baku-only'?\n"


def test_every_filter_diff_help_lists_narrows_the_diff(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    _every_event_changed(repo)
    cases = {
        ("--actor", "Armenia"): ["talks-july", "report-one"],
        ("--actor", "arm", "--actor", "aze", "--match", "all"): ["talks-july"],
        ("--kind", "statement"): ["statement-one"],
        ("--outcome", "held"): ["talks-july"],
        ("--from", "2023-08"): ["statement-one", "report-one"],
        ("--to", "2023-07"): ["talks-july"],
        ("--search", "corridor"): ["statement-one"],
        ("--view", "baku-only"): ["talks-july", "statement-one"],
    }
    _, out, _ = run(capsys, "diff", "--help")
    for options, ids in cases.items():
        assert options[0] in out
        code, out_json, err = run(capsys, "diff", "HEAD", *options, "-f", "json")
        assert (code, err, _ids(out_json)) == (1, "", ids), options


def test_tag_filter(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    tagged = BASE.replace("    kind: report\n", "    kind: report\n    tags: [survey]\n")
    repo.commit(tagged, "first")
    repo.write(tagged.replace("A report on the region", "A report").replace("Talks in Brussels", "Talks"))
    code, out, _ = run(capsys, "diff", "HEAD", "--tag", "survey", "-f", "json")
    assert code == 1 and _ids(out) == ["report-one"]


def test_options_may_come_between_the_files_and_revisions(
    repo: Repo, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    repo.commit(BASE, "first")
    repo.commit(BASE.replace("Talks in Brussels", "Talks"), "second")
    repo.git("tag", "v1", "HEAD~1")
    repo.git("tag", "v2", "HEAD")
    code, out, err = run(capsys, "diff", "v1..v2", "-f", "markdown", "timeline.yaml")
    assert (code, err) == (1, "") and "Talks in Brussels" in out and out.startswith("#")
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(BASE, encoding="utf-8")
    new.write_text(BASE.replace("A report on the region", "A report").replace("Talks in", "Talk in"), "utf-8")
    code, out, err = run(capsys, "diff", old, "--actor", "Azerbaijan", new, "-f", "json")
    assert (code, err, _ids(out)) == (1, "", ["talks-july"])


def test_an_unknown_actor_is_refused_as_list_refuses_it(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(BASE, "first")
    repo.write(BASE.replace("Talks in Brussels", "Talks"))
    code, _, list_err = run(capsys, "list", "timeline.yaml", "--actor", "Nobody")
    code, out, err = run(capsys, "diff", "HEAD", "--actor", "Nobody")
    assert (code, out) == (2, "")
    usage, message = err.splitlines()
    assert usage.startswith("usage: timeline diff ") and message == list_err.splitlines()[-1].replace(
        "timeline list", "timeline diff"
    )
