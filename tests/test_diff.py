"""``timeline diff``: a semantic diff of two versions of a timeline, in real git repositories."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from clirun import run
from gitrepo import BASE, Repo, repo_fixture  # noqa: F401  (the fixture 'repo')

from timeline.history import FieldChange

ROOT = Path(__file__).resolve().parent.parent


def test_nothing_changed_is_exit_0(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit(BASE, "first")
    code, out, err = run(capsys, "diff", "HEAD", "timeline.yaml")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "no differences"


def test_reordered_file_comments_quoting_and_whitespace_are_no_difference(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(BASE, "first")
    head, events = BASE.split("events:\n")
    blocks = ["  - id:" + b for b in events.split("  - id:")[1:]]
    reordered = (
        "# a comment the curator added\n"
        + head.replace("title: Test chronology", 'title: "Test chronology"  # quoted now')
        + "events:\n"
        + "".join(reversed(blocks))
    )
    reordered = reordered.replace(
        "    summary: The leaders met in Brussels", "    summary: >-\n      The leaders met in Brussels"
    )
    reordered = reordered.replace("actors: [arm, aze]", "actors:\n      - arm\n      - aze")
    # key order within an event
    reordered = reordered.replace(
        "    title: A report on the region\n    kind: report\n",
        "    kind: report\n    title: A report on the region\n",
    )
    repo.commit(reordered, "reorder, comment, requote")
    code, out, err = run(capsys, "diff", "HEAD~1", "timeline.yaml")
    assert (code, err) == (0, ""), out
    assert "no differences" in out
    assert repo.git("diff", "--stat", "HEAD~1").strip()  # (the text did change)


def test_rename_is_reported_as_a_rename(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit(BASE, "first")
    repo.write(BASE.replace("id: statement-one", "id: corridor-statement"))
    code, out, _ = run(capsys, "diff", "HEAD")
    assert code == 1
    lines = out.splitlines()
    assert any(
        line.startswith("> renamed") and "[statement-one → corridor-statement]" in line for line in lines
    ), out
    assert "removed" not in out and "added" not in out.replace("renamed", "")
    assert lines[-1] == "1 event: 1 renamed"


def test_renamed_and_changed_keeps_the_pair(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit(BASE, "first")
    repo.write(
        BASE.replace("id: statement-one", "id: corridor-statement").replace(
            "would stay open.", "would stay open to trucks."
        )
    )
    code, out, _ = run(capsys, "diff", "HEAD", "--color", "never")
    assert code == 1
    assert "[statement-one → corridor-statement]" in out
    assert "summary: … corridor would stay open{+to trucks.+} [-open.-]" not in out
    assert "[-open.-] {+open to trucks.+}" in out


def test_redate_says_old_and_new_and_the_direction(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit(BASE, "first")
    repo.write(BASE.replace("date: 2023-07-05", "date: 2023-08"))
    code, out, _ = run(capsys, "diff", "HEAD")
    assert code == 1
    assert "    date: 5 Jul 2023 → Aug 2023 (later, less precise)" in out.splitlines()
    repo.write(BASE.replace("date: 2023-09\n", "date: 2023-09-14\n"))
    code, out, _ = run(capsys, "diff", "HEAD")
    assert "    date: Sep 2023 → 14 Sep 2023 (more precise)" in out.splitlines()
    repo.write(BASE.replace("date: 2023-08-10", "date: 2023-06-10"))
    code, out, _ = run(capsys, "diff", "HEAD")
    assert "    date: 10 Aug 2023 → 10 Jun 2023 (earlier)" in out.splitlines()


def test_quote_edit_is_a_word_level_change(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit(BASE, "first")
    repo.commit(BASE.replace("keep talking about the border", "keep talking about the borders"), "fix quote")
    code, out, _ = run(capsys, "diff", "HEAD~1..HEAD")
    assert code == 1
    quote = [line for line in out.splitlines() if line.startswith("    quotes changed:")]
    words = "“We agreed to keep talking about the [-border-] {+borders+} next month.” — A spokesman"
    assert quote == [f"    quotes changed: {words}"]


def test_fields_retitle_outcome_actors_sources_and_summary(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(BASE, "first")
    changed = (
        BASE.replace("title: Talks in Brussels", "title: Talks in Brussels, then Granada")
        .replace("outcome: held", "outcome: declined\n    declined_by: [aze]")
        .replace("actors: [arm, aze]", "actors: [arm]")
        .replace("sources: [s1]", "sources: [s1, s2]")
        .replace("spoke about the border.", "spoke about the border and the corridor.")
    )
    repo.write(changed)
    code, out, _ = run(capsys, "diff", "HEAD")
    assert code == 1
    lines = out.splitlines()
    assert "~ changed  5 Jul 2023  Talks in Brussels, then Granada  [talks-july]" in lines
    assert "    title: Talks in Brussels → Talks in Brussels, then Granada" in lines
    assert "    outcome: held → declined" in lines
    assert "    declined_by added: Azerbaijan" in lines
    assert "    actors: Armenia, Azerbaijan → Armenia (removed: Azerbaijan)" in lines
    assert "    sources: s1 → s1, s2 (added: s2)" in lines
    # (the unchanged words before a change are cut to the last six)
    assert "    summary: … in Brussels and spoke about the [-border.-] {+border and the corridor.+}" in lines


def test_top_level_changes(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit(BASE, "first")
    changed = (
        BASE.replace("title: Test chronology", "title: Test chronology\ntimezone: Asia/Baku")
        .replace("aze: {name: Azerbaijan}", "aze: {name: Republic of Azerbaijan, aliases: [AZ]}")
        .replace('url: "https://example.org/2"', 'url: "https://example.org/two", date: 2023-08')
    )
    repo.write(changed)
    code, out, _ = run(capsys, "diff", "HEAD", "-f", "json")
    doc = json.loads(out)
    top = {f["field"]: (f["old"], f["new"], f["note"]) for f in doc["top"]}
    assert top == {
        "timezone": (None, "Asia/Baku", "added"),
        "actors.aze.name": ("Azerbaijan", "Republic of Azerbaijan", ""),
        "actors.aze.aliases": (None, "AZ", "added"),
        "actors.aze.short": ("Azerba", "ROA", ""),  # (the initials of its name, by default)
        "sources.s2.date": (None, "Aug 2023", "added"),
        "sources.s2.url": ("https://example.org/2", "https://example.org/two", ""),
    }
    assert code == 1


def test_added_and_removed_events_and_json_schema(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit(BASE, "first")
    head, events = BASE.split("events:\n")
    blocks = ["  - id:" + b for b in events.split("  - id:")[1:]]
    new_event = (
        "  - id: new-one\n    date: 2023-10-01\n    title: Something new\n    kind: statement\n"
        "    summary: New.\n"
    )
    repo.write(head + "events:\n" + blocks[0] + blocks[2] + new_event)
    code, out, err = run(capsys, "diff", "HEAD", "--format", "json")
    assert (code, err) == (1, "")
    doc = json.loads(out)
    assert doc["format"] == "timeline-diff" and doc["version"] == 1
    assert doc["old"] == "HEAD:timeline.yaml" and doc["new"] == "timeline.yaml"
    assert doc["counts"] == {"removed": 1, "renamed": 0, "changed": 0, "added": 1}
    assert [(e["status"], e["old_id"], e["new_id"], e["date"], e["title"]) for e in doc["events"]] == [
        ("removed", "statement-one", None, "10 Aug 2023", "A statement on the corridor"),
        ("added", None, "new-one", "1 Oct 2023", "Something new"),
    ]
    for event in doc["events"]:
        assert set(event) == {"status", "old_id", "new_id", "date", "title", "fields"}
    assert doc["top"] == []


def test_json_field_shape_with_words(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit(BASE, "first")
    repo.write(BASE.replace("said the corridor", "said that the corridor"))
    _, out, _ = run(capsys, "diff", "HEAD", "-f", "json")
    (event,) = json.loads(out)["events"]
    (field,) = event["fields"]
    assert field == {
        "field": "summary",
        "old": "Azerbaijan said the corridor would stay open.",
        "new": "Azerbaijan said that the corridor would stay open.",
        "note": "",
        "words": [
            {"op": "=", "text": "Azerbaijan said"},
            {"op": "+", "text": "that"},
            {"op": "=", "text": "the corridor would stay open."},
        ],
    }


def test_two_files_and_rev_paths(repo: Repo, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    repo.commit(BASE, "first")
    other = tmp_path / "other.yaml"
    other.write_text(BASE.replace("title: A report on the region", "title: A report"), encoding="utf-8")
    code, out, _ = run(capsys, "diff", "HEAD:timeline.yaml", other)
    assert code == 1
    assert "    title: A report on the region → A report" in out.splitlines()
    code, out, _ = run(capsys, "diff", other, "timeline.yaml")
    assert code == 1 and "    title: A report → A report on the region" in out.splitlines()


def test_filters_narrow_to_events_matching_either_side(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(BASE, "first")
    changed = BASE.replace("title: Talks in Brussels", "title: Talks").replace(
        "actors: [aze]\n    summary: Azerbaijan said", "actors: [arm]\n    summary: Azerbaijan said"
    )
    repo.write(changed)
    _, out, _ = run(capsys, "diff", "HEAD", "--actor", "Azerbaijan", "-f", "json")
    # talks-july has Azerbaijan on both sides; statement-one had it before only: both kept
    assert [e["new_id"] for e in json.loads(out)["events"]] == ["talks-july", "statement-one"]
    code, out, _ = run(capsys, "diff", "HEAD", "--kind", "meeting", "-f", "json")
    assert [e["new_id"] for e in json.loads(out)["events"]] == ["talks-july"]
    code, out, _ = run(capsys, "diff", "HEAD", "--from", "2024")
    assert code == 0 and "no differences" in out
    code, _, err = run(capsys, "diff", "HEAD", "--actor", "Nobody")
    assert code == 2 and "unknown actor 'Nobody'" in err


def test_invalid_timeline_at_a_revision_is_located(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    broken = BASE.replace("kind: report", "kind: rumour")
    repo.commit(broken, "broken")
    repo.commit(BASE, "fixed")
    code, out, err = run(capsys, "diff", "HEAD~1")
    assert code == 2 and out == ""
    (line,) = err.splitlines()
    line_no = broken.splitlines().index("    kind: rumour") + 1
    assert line.startswith(f"HEAD~1:timeline.yaml:{line_no}:11: "), line
    assert "rumour" in line


def test_unknown_revision_and_missing_file_exit_2(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.commit(BASE, "first")
    code, out, err = run(capsys, "diff", "no-such-branch", "timeline.yaml")
    assert (code, out) == (2, "")
    assert err == "timeline: unknown revision 'no-such-branch'\n"
    code, out, err = run(capsys, "diff", "HEAD:missing.yaml", "timeline.yaml")
    assert (code, err) == (2, "timeline: HEAD:missing.yaml: no such file at HEAD\n")
    code, out, err = run(capsys, "diff", "HEAD~5..HEAD", "timeline.yaml")
    assert (code, err) == (2, "timeline: unknown revision 'HEAD~5'\n")
    code, out, err = run(capsys, "diff", "typo.yaml")
    assert (code, err) == (2, "timeline: typo.yaml: no such file\n")
    code, out, err = run(capsys, "diff", "typo")
    assert (code, err) == (2, "timeline: 'typo' is neither a file nor a known revision\n")


def test_outside_a_repository_only_files_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (folder / "a.yaml").write_text(BASE, encoding="utf-8")
    (folder / "b.yaml").write_text(BASE.replace("Talks in Brussels", "Talks"), encoding="utf-8")
    code, out, _ = run(capsys, "diff", "a.yaml", "b.yaml")
    assert code == 1 and "    title: Talks in Brussels → Talks" in out.splitlines()
    code, out, err = run(capsys, "diff", "HEAD", "a.yaml")
    assert code == 2
    assert err.startswith("timeline: not in a git repository: revisions need one")
    code, out, err = run(capsys, "diff")
    assert code == 2 and err.startswith("timeline: not in a git repository")


def test_the_default_files_are_those_marked_in_gitattributes(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write("*.yaml diff=timeline\n", ".gitattributes")
    repo.commit(BASE, "first", name="chronology.yaml")
    repo.write(BASE.replace("Talks in Brussels", "Talks"), "chronology.yaml")
    code, out, _ = run(capsys, "diff", "HEAD")
    assert code == 1 and out.startswith("timeline diff HEAD:chronology.yaml → chronology.yaml\n")
    code, out, _ = run(capsys, "diff")  # HEAD against the working tree
    assert code == 1 and out.startswith("timeline diff HEAD:chronology.yaml → chronology.yaml\n")


def test_several_files_are_one_timeline(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    head, events = BASE.split("events:\n")
    blocks = ["  - id:" + b for b in events.split("  - id:")[1:]]
    repo.write(head + "events:\n" + blocks[0], "a.yaml")
    repo.commit(
        "title: B\nevents:\n"
        + blocks[1].replace("    actors: [aze]\n", "")
        + blocks[2].replace("    actors: [arm]\n", ""),
        "two files",
        name="b.yaml",
    )
    # an event moves from one file to the other: no difference
    repo.write(head + "events:\n" + blocks[0] + blocks[1].replace("    actors: [aze]\n", ""), "a.yaml")
    repo.write("title: B\nevents:\n" + blocks[2].replace("    actors: [arm]\n", ""), "b.yaml")
    code, out, _ = run(capsys, "diff", "HEAD", "a.yaml", "b.yaml")
    assert code == 0 and "no differences" in out
    assert out.startswith("timeline diff HEAD:a.yaml, HEAD:b.yaml → a.yaml, b.yaml")


# -- colour ------------------------------------------------------------------------------------


def _on_a_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """The output of ``timeline ARGS`` run with a pseudo-terminal as its standard output."""
    main, child = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "timeline", *args], stdout=child, stderr=subprocess.PIPE, cwd=cwd, env=env
    )
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the child closed its end
            break
        if not data:
            break
        chunks.append(data)
    proc.wait()
    os.close(main)
    return b"".join(chunks).decode()


def test_colour_on_a_terminal_plain_in_a_pipe_and_with_no_color(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(BASE, "first")
    repo.write(BASE.replace("Talks in Brussels", "Talks"))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    coloured = _on_a_terminal(["diff", "HEAD", "timeline.yaml"], repo.path, env)
    assert "\x1b[31mTalks in Brussels\x1b[0m → \x1b[32mTalks\x1b[0m" in coloured
    plain = _on_a_terminal(["diff", "HEAD", "timeline.yaml"], repo.path, {**env, "NO_COLOR": "1"})
    assert "\x1b" not in plain and "title: Talks in Brussels → Talks" in plain
    _, piped, _ = run(capsys, "diff", "HEAD")
    assert "\x1b" not in piped
    _, forced, _ = run(capsys, "diff", "HEAD", "--color", "always")
    assert "\x1b[32mTalks\x1b[0m" in forced


# -- Markdown ------------------------------------------------------------------------------------


HOSTILE = (
    "<script>alert(1)</script> [click](javascript:alert(1)) ![i](https://e.org/x.png) "
    "https://evil.example **b**"
)


def test_markdown_is_safe_under_githubs_renderer(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    from test_markdown import _gfm

    repo.commit(BASE, "first")
    repo.write(
        BASE.replace("title: Talks in Brussels", f"title: '{HOSTILE}'").replace(
            "spoke about the border.", f"spoke about {HOSTILE} the border."
        )
    )
    code, out, _ = run(capsys, "diff", "HEAD", "--format", "markdown")
    assert code == 1
    html = _gfm(out)
    for bad in ("<script", "<a ", "<img", "<strong>b</strong>"):
        assert bad not in html, (bad, html)
    assert "&lt;script&gt;" in html
    # what is ours renders: the heading, the strike-through of the old title, the inserted words
    assert "<h2>What changed: HEAD:timeline.yaml → timeline.yaml</h2>" in html
    assert "<del>Talks in Brussels</del>" in html
    assert html.count("<h3>") == 1


# -- the format table is the one list of fields ---------------------------------------------------


def test_every_key_of_the_format_table_is_compared() -> None:
    from timeline.format import SECTIONS
    from timeline.history import _NOT_FIELDS, _PART_OF, compared_keys

    for section in SECTIONS.values():
        compared = {k.name for k in compared_keys(section)}
        for key in section.keys:
            spot = (section.name, key.name)
            assert key.name in compared or spot in _NOT_FIELDS or _PART_OF.get(spot) in compared, spot


def test_a_new_key_in_the_table_is_diffed_with_no_change_to_the_differ(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dataclasses

    from timeline import history
    from timeline.format import SECTIONS, Key, Section
    from timeline.load import load_text

    tl = load_text([("t.yaml", BASE.encode())]).timeline
    event = SECTIONS["event"]
    extended = Section(event.name, event.help, (*event.keys, Key("mood", "line", False, "How it felt.")))
    monkeypatch.setattr(history, "_EVENT", extended)

    @dataclasses.dataclass(frozen=True)
    class MoodEvent(type(tl.events[0])):  # type: ignore[misc]
        mood: str = ""

    def with_mood(t: object, mood: str) -> object:
        events = tuple(
            MoodEvent(
                **{f.name: getattr(e, f.name) for f in dataclasses.fields(e)}, mood=mood if i == 0 else ""
            )
            for i, e in enumerate(t.events)  # type: ignore[attr-defined]
        )
        return dataclasses.replace(t, events=events)  # type: ignore[type-var]

    diff = history.diff_timelines(with_mood(tl, "calm"), with_mood(tl, "tense"))  # type: ignore[arg-type]
    (change,) = diff.events
    assert change.fields == (history.FieldChange("mood", "calm", "tense"),)


@pytest.mark.parametrize(
    ("old", "new", "note"),
    [
        ("2023-07-05", "2023-08", "later, less precise"),
        ("2023-09", "2023-09-14", "more precise"),
        ("2023-08-10", "2023-06-10", "earlier"),
        ("2023-07-05", "2023-07-05T10:00", "more precise"),
        ("2023", "2022-12-31", "earlier, more precise"),
        ("27 Sep – 10 Nov 2020", "27 Sep – 12 Nov 2020", "ends later"),
        ("1991–1994", "1991-02 – 1994-05", "starts later, ends earlier, more precise"),
        ("2023-07", "2023-07 – 2023-09", "ends later, now a span"),
        ("2020-09-27 – 2020-11-10", "2020-09-27", "ends earlier, no longer a span"),
    ],
)
def test_date_note_says_the_direction_and_the_precision(old: str, new: str, note: str) -> None:
    from timeline.dates import parse_when
    from timeline.history import date_note

    assert date_note(parse_when(old), parse_when(new)) == note


def test_text_from_hostile_files_never_reaches_the_terminal_raw(capsys: pytest.CaptureFixture[str]) -> None:
    from timeline import load
    from timeline.problems import LoadError
    from timeline.sanitize import is_clean

    corpus = ROOT / "tests" / "hostile"
    base = corpus / "base.yaml"
    tried = 0
    for path in sorted(corpus.glob("*.yaml")):
        try:
            load([path], cache=False)
        except LoadError:
            continue
        for fmt in ("text", "markdown", "json"):
            code, out, err = run(capsys, "diff", base, path, "-f", fmt, "--color", "never")
            assert code in (0, 1), err
            assert is_clean(out.replace("\n", "")), (path.name, fmt)
        tried += 1
    assert tried >= 3  # (the corpus's valid files, control characters replaced at load)


def test_changes_since_is_the_model_level_call_for_the_explorer(repo: Repo) -> None:
    from timeline import load
    from timeline.gitrev import GitError, changes_since

    repo.commit(BASE, "first")
    repo.write(BASE.replace("Talks in Brussels", "Talks"))
    now = load([repo.path / "timeline.yaml"]).timeline
    diff, found = changes_since("HEAD", ["timeline.yaml"], now)
    assert [(f.name, f.before, f.note()) for f in found] == [("HEAD:timeline.yaml", None, None)]
    change = diff.of("talks-july")
    assert change is not None and change.status == "changed"
    assert change.field("title") == FieldChange("title", "Talks in Brussels", "Talks")
    assert diff.of("report-one") is None and diff.removed == ()
    with pytest.raises(GitError, match="unknown revision 'nope'"):
        changes_since("nope", ["timeline.yaml"], now)


def test_an_actor_id_renamed_everywhere_is_one_top_level_rename(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.commit(BASE, "first")
    repo.write(
        BASE.replace("arm: {name", "armenia: {name")
        .replace("[arm, aze]", "[armenia, aze]")
        .replace("[arm]", "[armenia]")
    )
    code, out, _ = run(capsys, "diff", "HEAD", "-f", "json")
    doc = json.loads(out)
    assert code == 1 and doc["events"] == []
    assert doc["top"] == [
        {"field": "actors.armenia", "old": "arm", "new": "armenia", "note": "renamed", "words": []}
    ]
