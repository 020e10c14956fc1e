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


CI = "name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"


def test_other_yaml_marked_for_the_driver_is_not_taken_for_the_timeline(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write("*.yaml diff=timeline\n", ".gitattributes")
    (repo.path / ".github" / "workflows").mkdir(parents=True)
    repo.write(CI, ".github/workflows/ci.yaml")
    repo.write("tool: {name: x}\n", "settings.yaml")  # another YAML at the top, no timeline either
    repo.commit(BASE, "first")
    repo.write(BASE.replace("Talks in Brussels", "Talks"))
    code, out, err = run(capsys, "diff")
    assert (code, err) == (1, "") and "    title: Talks in Brussels → Talks" in out.splitlines()
    assert out.startswith("timeline diff HEAD:timeline.yaml → timeline.yaml")


def test_the_git_driver_gives_a_plain_diff_of_other_yaml_quietly(repo: Repo) -> None:
    import shlex
    import sys

    repo.write("*.yaml diff=timeline\n", ".gitattributes")
    repo.write(CI, "ci.yaml")
    repo.commit(BASE, "first")
    repo.git("config", "diff.timeline.command", f"{shlex.quote(sys.executable)} -m timeline diff --git")
    repo.write(CI.replace("make", "make test"), "ci.yaml")
    out = repo.git("diff")
    assert "timeline" not in out.replace("timeline.yaml", "")
    assert "-      - run: make\n+      - run: make test\n" in out


def _split(repo: Repo) -> None:
    """timeline.yaml committed alone; then a second file, more.yaml, with one more event."""
    repo.commit(BASE, "first")
    repo.write(
        "title: More\nevents:\n  - id: extra\n    date: 2023-10-01\n    title: One more\n"
        "    kind: statement\n    summary: One more event.\n",
        "more.yaml",
    )


def test_a_file_not_at_the_revision_counts_as_empty(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    _split(repo)
    code, out, err = run(capsys, "diff", "HEAD", "timeline.yaml", "more.yaml", "-f", "json")
    assert code == 1 and _ids(out) == ["extra"]
    assert json.loads(out)["events"][0]["status"] == "added"
    assert err == "timeline: note: more.yaml is not there at HEAD: its events count as added\n"
    # and one gone from the working tree: its events are removed
    repo.commit(None, "split")
    (repo.path / "more.yaml").unlink()
    code, out, err = run(capsys, "diff", "HEAD", "timeline.yaml", "more.yaml", "-f", "json")
    assert code == 1 and [e["status"] for e in json.loads(out)["events"]] == ["removed"]
    assert err == "timeline: note: more.yaml is not in the working tree: its events count as removed\n"
    # none of them anywhere is still trouble
    code, out, err = run(capsys, "diff", "HEAD", "nothing.yaml")
    assert (code, err) == (2, "timeline: HEAD:nothing.yaml: no such file at HEAD\n")


def test_diff_rev_follows_a_renamed_file(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit(BASE, "first")
    repo.commit(BASE.replace("Talks in Brussels", "Talks"), "retitle")
    repo.git("mv", "timeline.yaml", "chronology.yaml")
    repo.commit(None, "rename the file")
    code, out, err = run(capsys, "diff", "HEAD~2")  # the one YAML file: chronology.yaml
    assert code == 1 and "    title: Talks in Brussels → Talks" in out.splitlines()
    assert err == "timeline: note: chronology.yaml was timeline.yaml at HEAD~2\n"
    assert out.startswith("timeline diff HEAD~2:timeline.yaml → chronology.yaml")
    code, out, err = run(capsys, "diff", "HEAD~2..HEAD", "chronology.yaml", "-f", "json")
    assert code == 1 and _ids(out) == ["talks-july"]


def test_a_missing_file_is_no_such_file(
    repo: Repo, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    repo.commit(BASE, "first")
    missing = tmp_path / "nonexist.yaml"
    code, out, err = run(capsys, "diff", missing, "timeline.yaml")
    assert (code, out, err) == (2, "", f"timeline: {missing}: no such file\n")
    code, out, err = run(capsys, "diff", "timeline.yaml", missing)
    assert (code, out, err) == (2, "", f"timeline: {missing}: no such file\n")


def test_log_errors_speak_of_log(
    repo: Repo, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.commit(BASE, "first")
    repo.commit(BASE, "second", name="other.yaml")
    code, _, err = run(capsys, "log", "talks-july")
    assert code == 2 and "timeline log ID FILE" in err and "timeline diff" not in err
    outside = tmp_path / "plain"
    outside.mkdir()
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    code, _, err = run(capsys, "log", "talks-july")
    assert code == 2 and err == "timeline: not in a git repository: log reads a timeline's history from git\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_write_failure_is_trouble_exit_2_not_differences(repo: Repo) -> None:
    import subprocess
    import sys

    repo.commit(BASE, "first")
    repo.write(BASE.replace("Talks in Brussels", "Talks"))
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "timeline", "diff", "HEAD"], stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr == "timeline: cannot write to standard output: No space left on device\n"


def test_renamed_and_redated_in_one_commit_is_renamed_and_changed(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(BASE, "first")
    moved = (
        BASE.replace("id: statement-one", "id: statement-2023-08-12")
        .replace("date: 2023-08-10", "date: 2023-08-12")
        .replace("A statement on the corridor", "Baku on the corridor")
    )
    repo.commit(moved, "re-date the statement, its id with it")
    code, out, _ = run(capsys, "diff", "HEAD~1", "--color", "never")
    lines = out.splitlines()
    assert code == 1
    assert (
        "> renamed and changed 12 Aug 2023  Baku on the corridor  [statement-one → statement-2023-08-12]"
        in lines
    )
    assert "    date: 10 Aug 2023 → 12 Aug 2023 (later)" in lines
    assert lines[-1] == "1 event: 1 renamed"
    code, out, _ = run(capsys, "diff", "HEAD~1", "-f", "markdown")
    assert "### > renamed and changed: 12 Aug 2023 — Baku on the corridor" in out
    # other sources, or another summary: removed and added
    repo.commit(moved.replace("would stay open.", "was closed to every car for a week."), "reworded")
    _, out, _ = run(capsys, "diff", "HEAD~2", "-f", "json")
    assert sorted(e["status"] for e in json.loads(out)["events"]) == ["added", "removed"]
    # log follows the event through the commit that renamed and re-dated it
    code, out, _ = run(capsys, "log", "statement-2023-08-12", "timeline.yaml")
    heads = [line for line in out.splitlines() if not line.startswith(" ")]
    assert code == 0 and len(heads) == 3  # reworded, renamed and re-dated, added
    assert (
        "    renamed and changed: 12 Aug 2023  Baku on the corridor  [statement-one → statement-2023-08-12]"
        in out
    )
    assert "    added: 10 Aug 2023  A statement on the corridor  [statement-one]" in out


ACCOUNTS = BASE.replace(
    "    sources: [s2]\n  - id: report-one",
    "    sources: [s2]\n    accounts:\n      - actor: arm\n        by: Foreign Ministry\n"
    "        text: The ministry called the statement a step that is not conducive to dialogue at all.\n"
    "        source: s2\n"
    "  - id: report-one",
).replace("We agreed to keep talking", "We agreed, after long and careful talks, to keep talking")


def test_a_changed_quote_or_account_always_says_who(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit(ACCOUNTS, "first")
    repo.write(
        ACCOUNTS.replace("not conducive to dialogue at all.", "not conducive to dialogue.").replace(
            "the border next month.", "the borders next month."
        )
    )
    code, out, _ = run(capsys, "diff", "HEAD", "--color", "never")
    lines = out.splitlines()
    assert code == 1
    assert (
        "    quotes changed: “… talks, to keep talking about the [-border-] {+borders+} next month.”"
        " — A spokesman"
    ) in lines
    assert (
        "    accounts changed: Foreign Ministry (Armenia): … step that is not conducive to "
        "[-dialogue at all.-] {+dialogue.+}"
    ) in lines
    _, md, _ = run(capsys, "diff", "HEAD", "-f", "markdown")
    assert "— A spokesman" in md and "Foreign Ministry (Armenia):" in md


#: An event cut short by a line indented one space too little: the YAML syntax error is the problem.
MISINDENTED = BASE + "  - id: broken\n   date: 2023-10-01\n    title: Broken\n"


def test_a_yaml_syntax_error_is_said_alone_not_after_its_consequences(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    line = MISINDENTED.splitlines().index("   date: 2023-10-01") + 1
    repo.write(MISINDENTED, "bad.yaml")
    code, out, err = run(capsys, "check", "bad.yaml")
    assert code == 1
    assert out.splitlines()[0].startswith(f"bad.yaml:{line}:4: YAML syntax error: did not find expected '-'")
    assert "missing" not in out + err
    (repo.path / "bad.yaml").unlink()
    repo.commit(BASE, "first")
    repo.commit(MISINDENTED, "broken")
    repo.commit(BASE.replace("Talks in Brussels", "Talks"), "fixed")
    code, out, err = run(capsys, "diff", "HEAD~1")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"HEAD~1:timeline.yaml:{line}:4: YAML syntax error: did not find expected '-' indicator "
        "(while parsing a block collection that starts at line 9, column 3)"
    ]
    code, out, err = run(capsys, "log", "talks-july", "timeline.yaml")
    assert code == 0
    (warning,) = err.splitlines()
    assert warning.startswith(
        f"timeline: warning: {repo.git('rev-parse', 'HEAD~1')[:10]}:timeline.yaml:{line}:4: YAML"
    )
    assert warning.endswith("; that version is skipped")


def test_a_problem_in_an_earlier_complete_event_is_still_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MISINDENTED.replace("kind: report", "kind: rumour"), encoding="utf-8")
    code, out, _ = run(capsys, "check", bad)
    assert code == 1
    assert [("rumour" in p, "YAML syntax error" in p) for p in out.splitlines()[:2]] == [
        (True, False),
        (False, True),
    ]


@pytest.mark.parametrize(
    ("old", "new", "note"),
    [
        ("2023-03-14?", "2023-03-14", "now certain"),
        ("2023-03-14", "2023-03-14?", "now uncertain"),
        ("2023-03~", "2023-03-14", "more precise, now exact"),
        ("2023-03-14", "2023-03-20~", "later, now approximate"),
    ],
)
def test_date_note_says_a_date_made_certain_or_exact(old: str, new: str, note: str) -> None:
    from timeline.dates import parse_when
    from timeline.history import date_note

    assert date_note(parse_when(old), parse_when(new)) == note


def test_rev_path_is_relative_to_the_root_as_git_reads_it(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo.path / "sub").mkdir()
    repo.write(BASE.replace("Test chronology", "Sub chronology"), "sub/timeline.yaml")
    repo.commit(BASE, "first")
    repo.write(BASE.replace("Talks in Brussels", "Talks"))
    monkeypatch.chdir(repo.path / "sub")
    # HEAD:timeline.yaml is the one at the top, as for git show HEAD:timeline.yaml
    code, out, err = run(capsys, "diff", "HEAD:timeline.yaml", "../timeline.yaml", "-f", "json")
    assert (code, err, _ids(out), json.loads(out)["top"]) == (1, "", ["talks-july"], [])
    # HEAD:./timeline.yaml is the one in the current folder
    code, out, err = run(capsys, "diff", "HEAD:./timeline.yaml", "../timeline.yaml", "-f", "json")
    assert code == 1 and [c["field"] for c in json.loads(out)["top"]] == ["title"]


def test_log_compares_across_a_version_that_does_not_load(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(BASE, "first")
    renamed = BASE.replace("id: statement-one", "id: statement-2023-08-12").replace(
        "date: 2023-08-10", "date: 2023-08-12"
    )
    repo.commit(renamed + "  - id: broken\n   date: 2023-10-01\n", "rename, and break the file")
    fixed = repo.commit(renamed, "mend the file")
    code, out, err = run(capsys, "log", "statement-2023-08-12", "timeline.yaml", "--color", "never")
    assert code == 0 and err.endswith("; that version is skipped\n")
    assert next(line.split()[0] for line in out.splitlines() if not line.startswith(" ")) == fixed[:10]
    assert (
        "    renamed and changed: 12 Aug 2023  A statement on the corridor  "
        "[statement-one → statement-2023-08-12]"
    ) in out
    assert "    added: 10 Aug 2023  A statement on the corridor  [statement-one]" in out


def test_on_a_terminal_the_text_wraps_hanging_under_its_line(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    from test_diff import _on_a_terminal

    repo.commit(BASE, "first")
    repo.write(BASE.replace("Talks in Brussels", "Talks in Brussels about the border and the corridor, long"))
    env = {**os.environ, "COLUMNS": "50", "LINES": "20", "NO_COLOR": "1"}
    lines = _on_a_terminal(["diff", "HEAD"], repo.path, env).replace("\r\n", "\n").splitlines()
    assert max(map(len, lines)) <= 50, lines
    assert lines[1:3] == [
        "~ changed  5 Jul 2023  Talks in Brussels about the",
        "    border and the corridor, long  [talks-july]",
    ]
    # in a pipe (for programs and files), one line each, as before
    _, out, _ = run(capsys, "diff", "HEAD", "--color", "never")
    assert (
        "~ changed  5 Jul 2023  Talks in Brussels about the border and the corridor, long  [talks-july]"
        in out
    )
