"""Issue 24, named views: `views:` in the file, read and checked at load (FILE:LINE:COL with a
suggestion), `--view NAME` for list and export, and the view's filters under the command line's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from clirun import run

from timeline import Filter, FilterSpec, LoadError, bundled_path, load, load_text, parse_date
from timeline.model import NamedView
from timeline.views import UnknownViewError, find_view, spec_of

VIEWS = """\
views:
  - name: baku-talks
    description: Talks with Baku
    actors: [az]
    tags: [talks]
    from: 2023
    at: brussels-meeting
    lanes: true
  - name: all-of-them
    actors: [az, nk]
    match: all
    kinds: [meeting, proposal]
    outcomes: [declined, held]
    to: 2023-08
    search: talks
"""


@pytest.fixture
def with_views(write_timeline: Callable[..., Path], sample_text: str) -> Path:
    return write_timeline(sample_text + VIEWS, "views.yaml")


def test_views_are_read_into_the_timeline(with_views: Path) -> None:
    tl = load([with_views]).timeline
    assert [v.name for v in tl.views] == ["baku-talks", "all-of-them"]
    first, second = tl.views
    assert first == NamedView(
        "baku-talks",
        description="Talks with Baku",
        actors=("az",),
        tags=("talks",),
        date_from=parse_date("2023"),
        at="brussels-meeting",
        lanes=True,
    )
    assert spec_of(second) == FilterSpec(
        actors=("az", "nk"),
        match="all",
        kinds=("meeting", "proposal"),
        outcomes=("declined", "held"),
        date_to=parse_date("2023-08"),
        text="talks",
    )
    assert find_view(tl, "all-of-them") is second
    with pytest.raises(UnknownViewError, match="unknown view 'baku-talk'; did you mean 'baku-talks'"):
        find_view(tl, "baku-talk")


@pytest.mark.parametrize(
    ("old", "new", "message", "place"),
    [
        (
            "actors: [az]",
            "actors: [azz]",
            "view 'baku-talks': unknown actor 'azz'; did you mean 'az'?",
            "azz]",
        ),
        (
            "tags: [talks]",
            "tags: [talk]",
            "view 'baku-talks': unknown tag 'talk'; did you mean 'talks'?",
            "talk]",
        ),
        (
            "at: brussels-meeting",
            "at: brussels-meetin",
            "view 'baku-talks': no event has the id 'brussels-meetin'; did you mean 'brussels-meeting'?",
            "brussels-meetin",
        ),
        ("lanes: true", "lanes: yes", "view 'baku-talks': lanes must be true or false, not 'yes'", "yes"),
        (
            "lanes: true",
            'lanes: "true"',
            "view 'baku-talks': lanes must be true or false, not 'true' in",
            '"true"',
        ),
        (
            "from: 2023",
            "from: 2024\n    to: 2023",
            "view 'baku-talks': from (2024) is after to (2023)",
            "2023",
        ),
        (
            "kinds: [meeting,",
            "kinds: [meetin,",
            "view 'all-of-them': kind 'meetin' is not known; did you mean",
            "meetin,",
        ),
        (
            "description: Talks",
            "descriptio: Talks",
            "unknown key 'descriptio' in a view; did you mean 'description'?",
            "descriptio:",
        ),
    ],
)
def test_a_wrong_view_is_refused_at_its_place_with_a_suggestion(
    sample_text: str, old: str, new: str, message: str, place: str
) -> None:
    text = sample_text + VIEWS.replace(old, new, 1)
    with pytest.raises(LoadError) as caught:
        load_text([("v.yaml", text.encode())])
    (problem,) = [p for p in caught.value.problems if not p.warning]
    assert problem.file == "v.yaml" and problem.message.startswith(message)
    assert text.splitlines()[problem.line - 1][problem.col - 1 :].startswith(place)


def test_check_prints_a_views_problem_as_file_line_col(
    capsys: pytest.CaptureFixture[str], write_timeline: Callable[..., Path], sample_text: str
) -> None:
    path = write_timeline(sample_text + VIEWS.replace("actors: [az]", "actors: [azz]"), "bad.yaml")
    code, out, _ = run(capsys, "check", path)
    line = sample_text.count("\n") + 4
    assert (
        code == 1 and out == f"{path}:{line}:14: view 'baku-talks': unknown actor 'azz'; did you mean 'az'?\n"
    )


def test_list_view_lists_the_view_and_options_beside_it_replace_its_own(
    capsys: pytest.CaptureFixture[str], with_views: Path
) -> None:
    code, out, _ = run(capsys, "list", with_views, "--view", "baku-talks")
    tl = load([with_views]).timeline
    view = find_view(tl, "baku-talks")
    rows = spec_of(view).resolve(tl).apply(tl)
    assert code == 0 and out.splitlines()[0].startswith(" AZ")  # the view asks for lanes
    assert len(out.splitlines()) == len(rows) + 1
    _, plain, _ = run(capsys, "list", with_views, "--view", "all-of-them")
    other = spec_of(find_view(tl, "all-of-them")).resolve(tl).apply(tl)
    assert [line.split("\t")[1] for line in plain.splitlines()] == [tl.events[i].title for i in other]
    _, changed, _ = run(capsys, "list", with_views, "--view", "all-of-them", "--to", "2023-07")
    narrowed = Filter(
        actors=frozenset({"az", "nk"}),
        match="all",
        kinds=frozenset({"meeting", "proposal"}),
        outcomes=frozenset({"declined", "held"}),
        date_to=parse_date("2023-07"),
        text="talks",
    ).apply(tl)
    assert len(changed.splitlines()) == len(narrowed) < len(other) or narrowed == other


def test_an_unknown_view_is_a_usage_error_as_every_unknown_name_is(
    capsys: pytest.CaptureFixture[str], with_views: Path
) -> None:
    code, out, err = run(capsys, "list", with_views, "--view", "baku-talk")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "usage: timeline list [OPTION ...] [FILE ...]   (more: timeline list --help)",
        "timeline list: error: unknown view 'baku-talk'; did you mean 'baku-talks'?",
    ]
    code, _, err = run(capsys, "export", with_views, "--view", "nothing-like-it")
    assert code == 2
    assert err.splitlines()[-1] == (
        "timeline export: error: unknown view 'nothing-like-it'; the views are: baku-talks, all-of-them"
    )


def test_the_bundled_views_are_valid_and_show_events() -> None:
    tl = load([bundled_path()]).timeline
    assert {v.name for v in tl.views} >= {"march-august-2023"}
    for view in tl.views:
        assert spec_of(view).resolve(tl).apply(tl), view.name
        assert view.at is None or view.at in tl.by_id


def test_the_json_export_carries_the_views_of_the_whole_timeline_only(with_views: Path) -> None:
    from timeline.interop.jsonout import to_json_data

    tl = load([with_views]).timeline
    whole = to_json_data(tl)
    assert [v["name"] for v in whole["views"]] == ["baku-talks", "all-of-them"]
    assert whole["views"][0]["lanes"] is True and whole["views"][0]["from"]["written"] == "2023"
    assert to_json_data(tl, [0, 1], "actor: Russia")["views"] == []


@pytest.mark.parametrize("fmt", ["timelinejs", "csv", "json"])
def test_the_views_come_back_through_every_export_and_import(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    exported, imported = tmp_path / f"t.{fmt}", tmp_path / "back.yaml"
    assert run(capsys, "export", "-f", fmt, "-o", exported)[0] == 0
    assert run(capsys, "import", exported, "-o", imported)[0] == 0
    assert load([imported]).timeline.views == load([bundled_path()]).timeline.views
