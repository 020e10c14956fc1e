"""git shows the semantic diff by itself once configured as the README says (real git, a temporary folder)."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

from gitrepo import BASE, Repo, repo_fixture  # noqa: F401  (the fixture 'repo')

#: The command the README configures, with this interpreter (the package is installed in it).
TIMELINE = f"{shlex.quote(sys.executable)} -m timeline"
README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _readme(pattern: str) -> str:
    """The one line of the README's "Git shows it by itself" that matches ``pattern``: what to run."""
    (found,) = re.findall(pattern, README, re.MULTILINE)
    return str(found)


def _configure(repo: Repo, *, textconv: bool = False) -> None:
    """What the README's "git shows it by itself" says to do (its lines, read from it)."""
    attribute = _readme(r"^echo '([^']*)' >> \.gitattributes")
    assert attribute == "events.yaml diff=timeline"
    repo.write(attribute.replace("events.yaml", "timeline.yaml") + "\n", ".gitattributes")
    key = "textconv" if textconv else "command"
    command = _readme(rf'^git config diff\.timeline\.{key} "([^"]*)"')
    # the Quick start's command, by its absolute path (git does not know the virtual environment)
    assert command.startswith("$(pwd)/.venv/bin/timeline ")
    repo.git("config", f"diff.timeline.{key}", TIMELINE + command.removeprefix("$(pwd)/.venv/bin/timeline"))


def test_git_diff_show_and_log_print_the_semantic_diff(repo: Repo) -> None:
    _configure(repo)
    repo.commit(BASE, "first")
    redated = BASE.replace("date: 2023-07-05", "date: 2023-08").replace("id: statement-one", "id: statement")
    repo.write(redated)
    out = repo.git("diff")
    assert out.splitlines() == [
        "timeline diff a/timeline.yaml → b/timeline.yaml",
        "~ changed  Aug 2023  Talks in Brussels  [talks-july]",
        "    date: 5 Jul 2023 → Aug 2023 (later, less precise)",
        "> renamed  10 Aug 2023  A statement on the corridor  [statement-one → statement]",
        "2 events: 1 changed, 1 renamed",
    ]
    repo.commit(None, "re-date")
    show = repo.git("show", "--ext-diff", "HEAD")
    assert "re-date" in show and "    date: 5 Jul 2023 → Aug 2023 (later, less precise)" in show
    log = repo.git("log", "-p", "--ext-diff")
    assert "    date: 5 Jul 2023 → Aug 2023 (later, less precise)" in log
    assert "+    date: 2023-08" not in log  # not the YAML's lines


def test_git_diff_of_a_comment_only_change_shows_no_difference(repo: Repo) -> None:
    _configure(repo)
    repo.commit(BASE, "first")
    repo.write("# a comment\n" + BASE.replace("title: Test chronology", "title: 'Test chronology'"))
    assert repo.git("diff").splitlines()[-1] == "no differences"


def test_git_diff_of_a_version_that_does_not_load_falls_back_to_text(repo: Repo) -> None:
    _configure(repo)
    repo.commit(BASE, "first")
    repo.write(BASE.replace("kind: report", "kind: rumour"))
    out = repo.git("diff")  # (git stops at a driver that fails: this one does not)
    lines = out.splitlines()
    assert lines[0] == "timeline: a version of timeline.yaml is not a valid timeline; its text differs so:"
    assert lines[1].startswith("  b/timeline.yaml:") and "rumour" in lines[1]
    assert "-    kind: report" in lines and "+    kind: rumour" in lines


def test_a_new_file_diffs_against_nothing(repo: Repo) -> None:
    _configure(repo)
    repo.commit("", "empty", name="README")
    repo.write(BASE)
    repo.git("add", "timeline.yaml")
    out = repo.git("diff", "--cached")
    assert out.splitlines()[-1] == "3 events: 3 added; top level: actors, sources, title"


def test_textconv_makes_git_log_and_show_read_the_model(repo: Repo) -> None:
    _configure(repo, textconv=True)
    repo.commit(BASE, "first")
    moved = BASE.replace("date: 2023-07-05", "date: 2023-08").replace(
        "actors: [arm, aze]", "actors: [aze, arm]"
    )
    repo.commit("# reordered and commented\n" + moved, "re-date")
    for out in (repo.git("log", "-p", "-1"), repo.git("show", "HEAD")):
        changed = [
            line for line in out.splitlines() if line[:1] in ("+", "-") and line[:3] not in ("+++", "---")
        ]
        assert changed == ["-  date: 5 Jul 2023", "+  date: Aug 2023"], out
