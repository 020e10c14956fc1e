"""Issue 24, lanes: the model's one layout (timeline.lanes), `timeline list --lanes`, and the command
line that reopens a view (timeline.filters.command_args) read back by the real parser."""

from __future__ import annotations

import sys

import pytest
from clirun import run
from hypothesis import given
from hypothesis import strategies as st

from timeline import Filter, FilterSpec, Timeline, bundled_path, load, parse_date
from timeline.cli import _build_parser, _normalise_argv, _spec
from timeline.filters import command_args
from timeline.lanes import ACCOUNT, MARKS, NONE, PART, lane_order, lanes_for, lanes_text
from timeline.model import KINDS, OUTCOMES
from tui.rows import plan_row, row_text

BUNDLED = load([bundled_path()]).timeline


@pytest.fixture
def bundled() -> Timeline:
    return BUNDLED


def between(tl: Timeline, lo: str, hi: str) -> list[int]:
    return Filter(date_from=parse_date(lo), date_to=parse_date(hi)).apply(tl)


# -- the layout ----------------------------------------------------------------------------------


def test_a_lane_marks_the_events_an_actor_names_and_those_it_only_gives_an_account_of(
    bundled: Timeline,
) -> None:
    index = bundled.by_id["bratislava-meeting-proposal"]
    event = bundled.events[index]
    account_only = [a for a in bundled.event_actors[index] if a not in event.actors]
    assert account_only, "the Bratislava proposal has accounts by actors it does not name"
    lanes = lanes_for(bundled, [index], (*event.actors, *account_only, "russia"))
    roles = dict(zip(lanes.actors, lanes.roles(bundled, index), strict=True))
    assert all(roles[a] == PART for a in event.actors)
    assert all(roles[a] == ACCOUNT for a in account_only)
    assert roles["russia"] == NONE
    marks = {actor: cells.strip() for cells, actor in lanes.marks(bundled, index)}
    assert marks["russia"] == MARKS[NONE] == "·" and marks[event.actors[0]] == "●"
    assert marks[account_only[0]] == "○"


def test_without_chosen_actors_the_most_active_that_fit_get_lanes_in_the_pickers_order(
    bundled: Timeline,
) -> None:
    shown = between(bundled, "2023-03", "2023-08")
    counts = bundled.actor_counts(shown)
    order = lane_order(bundled, shown)
    assert [counts[a] for a in order] == sorted((counts[a] for a in order), reverse=True)
    assert set(order) == {a for a, n in counts.items() if n}
    narrow, wide = lanes_for(bundled, shown, width=60), lanes_for(bundled, shown, width=120)
    assert narrow.actors == tuple(order[: len(narrow.actors)])  # the first ones, in order
    assert len(wide.actors) > len(narrow.actors) >= 1
    assert narrow.left_out == len(order) - len(narrow.actors)
    for lanes, width in ((narrow, 60), (wide, 120)):
        assert lanes.title_x + min(30, width // 3) <= width  # the title keeps its cells
        assert lanes.cells <= width * 0.4 and lanes.date <= max(16, width // 5)
    assert lanes_for(bundled, shown).actors == tuple(order)  # no width: every actor


def test_chosen_actors_are_the_lanes_whatever_the_width(bundled: Timeline) -> None:
    shown = between(bundled, "2023-03", "2023-08")
    lanes = lanes_for(bundled, shown, ["russia", "azerbaijan", "no-such-actor"], width=20)
    assert set(lanes.actors) == {"russia", "azerbaijan"}
    assert lanes.actors[0] == "azerbaijan"  # more events in the view: first, as in the picker
    assert lanes.tags == ("AZ", "RU") and lanes.left_out == 0


def test_the_date_column_is_as_wide_as_the_widest_shown_date(bundled: Timeline) -> None:
    shown = between(bundled, "2023-03", "2023-08")
    widest = max(len(bundled.events[i].when.display()) for i in shown)
    assert widest == len("c. early 2022 – Aug 2023?")
    assert lanes_for(bundled, shown).date == widest  # the text form: whole
    # A row: as wide as the explorer's rows plan their date column, the rest shown shorter.
    planned = plan_row(100, [row_text(bundled, i) for i in shown])
    assert lanes_for(bundled, shown, width=100).date == planned.date == 14
    assert lanes_for(bundled, []).date == 0 and lanes_for(bundled, []).actors == ()


def test_the_text_form_has_the_tags_over_their_marks(bundled: Timeline) -> None:
    shown = between(bundled, "2023-07", "2023-08")
    lanes = lanes_for(bundled, shown, ["azerbaijan", "nagorno-karabakh"])
    lines = list(lanes_text(bundled, shown, lanes))
    assert lines[0] == " AZ NK"
    assert len(lines) == len(shown) + 1
    for line, i in zip(lines[1:], shown, strict=True):
        event = bundled.events[i]
        assert line.endswith(event.title)
        assert line[1] == (
            "●" if "azerbaijan" in event.actors else "○" if "azerbaijan" in bundled.event_actors[i] else "·"
        )
        assert line[lanes.title_x :] == event.title  # every title in one column, every date whole
        assert event.when.display() in line


# -- timeline list --lanes -------------------------------------------------------------------------


def test_list_lanes_prints_the_layout(capsys: pytest.CaptureFixture[str], bundled: Timeline) -> None:
    code, out, err = run(
        capsys,
        "list",
        "--lanes",
        "--actor",
        "Baku",
        "--actor",
        "Stepanakert",
        "--from",
        "2023-07",
        "--to",
        "2023-08",
    )
    assert code == 0 and err == ""
    shown = Filter(
        actors=frozenset({"azerbaijan", "nagorno-karabakh"}),
        date_from=parse_date("2023-07"),
        date_to=parse_date("2023-08"),
    ).apply(bundled)
    expected = lanes_text(bundled, shown, lanes_for(bundled, shown, ["azerbaijan", "nagorno-karabakh"]))
    assert out.splitlines() == list(expected)


def test_list_lanes_without_actors_fits_the_columns_and_says_how_many_are_left_out(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "70")
    code, out, _ = run(capsys, "list", "--lanes", "--from", "2023-03", "--to", "2023-08")
    head = out.splitlines()[0]
    assert code == 0 and head.startswith(" AZ NK") and "more actors: --actor chooses the lanes" in head
    monkeypatch.setenv("COLUMNS", "200")
    _, wide, _ = run(capsys, "list", "--lanes", "--from", "2023-03", "--to", "2023-08")
    assert len(wide.splitlines()[0].split("(")[0].split()) > len(head.split("(")[0].split())


# -- the command line that reopens a view -----------------------------------------------------------


def parsed(words: list[str]) -> tuple[FilterSpec, str | None, bool]:
    args = _build_parser().parse_args(_normalise_argv(["events.yaml", *words]))
    assert args.command == "open" and args.files == ["events.yaml"]
    return _spec(args), args.at, args.lanes


def test_the_command_line_of_a_view_reads_back_as_the_same_view(bundled: Timeline) -> None:
    flt = Filter(
        actors=frozenset({"azerbaijan", "nagorno-karabakh"}),
        match="all",
        tags=frozenset({"talks"}),
        kinds=frozenset({"proposal", "meeting"}),
        outcomes=frozenset({"declined"}),
        date_from=parse_date("2023-03"),
        date_to=parse_date("early Aug 2023"),
        text="bratislava -meeting",
    )
    words = command_args(flt, at="bratislava-meeting-proposal", lanes=True)
    assert words[:4] == ["--actor", "azerbaijan", "--actor", "nagorno-karabakh"]
    spec, at, lanes = parsed(words)
    assert spec.resolve(bundled) == flt
    assert at == "bratislava-meeting-proposal" and lanes
    assert parsed(command_args(Filter())) == (FilterSpec(), None, False)


_dates = st.sampled_from(
    [
        "2023",
        "2023-03",
        "early 2023-07",
        "c. 1350?",
        "300 BC",
        "9th century",
        "Q3 2023",
        "2023-09-20T13:00",
        "-0299",
        "spring 2023",
    ]
)


@given(
    actors=st.frozensets(st.sampled_from(["azerbaijan", "russia", "armenia", "ilham-aliyev"])),
    match=st.sampled_from(["any", "all"]),
    kinds=st.frozensets(st.sampled_from(KINDS)),
    outcomes=st.frozensets(st.sampled_from(list(OUTCOMES))),
    lo=st.none() | _dates,
    hi=st.none() | _dates,
    text=st.text(st.sampled_from("ab -–\"'$*"), max_size=8).map(lambda t: " ".join(t.split())),
    lanes=st.booleans(),
)
def test_any_view_reads_back_from_its_command_line(
    actors: frozenset[str],
    match: str,
    kinds: frozenset[str],
    outcomes: frozenset[str],
    lo: str | None,
    hi: str | None,
    text: str,
    lanes: bool,
) -> None:
    tl = BUNDLED
    flt = Filter(
        actors=actors,
        match=match,  # type: ignore[arg-type]
        kinds=kinds,
        outcomes=outcomes,
        date_from=parse_date(lo) if lo else None,
        date_to=parse_date(hi) if hi else None,
        text=text,
    )
    spec, at, back_lanes = parsed(command_args(flt, at="ceasefire-1994" if lanes else None, lanes=lanes))
    assert spec.resolve(tl) == flt and back_lanes == lanes
    assert at == ("ceasefire-1994" if lanes else None)


def test_list_lanes_on_a_narrow_terminal_fits_it_and_a_pipe_keeps_titles_whole(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, bundled: Timeline
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    argv = ("list", "--lanes", "--view", "march-august-2023")
    code, piped, _ = run(capsys, *argv)
    assert code == 0
    titles = [bundled.events[i].title for i in between(bundled, "2023-03", "2023-08")]
    assert all(any(line.endswith(t) for line in piped.splitlines()) for t in titles)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, _ = run(capsys, *argv)
    lines = out.splitlines()
    assert code == 0 and len(lines) == len(piped.splitlines())
    assert all(len(line) < 60 for line in lines), max(lines, key=len)
    assert lines[0].startswith(" AZ NK") and "more actors" in lines[0]
    assert sum(line.endswith("…") for line in lines) > len(lines) // 2  # titles cut, marked
    assert "c. 2022–2023?…" in out  # a long date shortened as the explorer shows it


def test_list_ids_lanes_puts_each_events_id_first(
    capsys: pytest.CaptureFixture[str], bundled: Timeline
) -> None:
    code, out, _ = run(
        capsys, "list", "--ids", "--lanes", "--actor", "Baku", "--from", "2023-07", "--to", "2023-08"
    )
    lines = out.splitlines()
    shown = Filter(
        actors=frozenset({"azerbaijan"}), date_from=parse_date("2023-07"), date_to=parse_date("2023-08")
    ).apply(bundled)
    assert code == 0 and len(lines) == len(shown) + 1
    pad = max(len(bundled.events[i].id) for i in shown) + 1
    assert lines[0] == " " * (pad + 1) + "AZ"
    for line, i in zip(lines[1:], shown, strict=True):
        event = bundled.events[i]
        assert line.startswith(event.id.ljust(pad) + " ●") and line.endswith(event.title)
