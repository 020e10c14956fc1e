"""What an event's detail says (timeline/detail.py), and how its lines wrap, on the bundled events."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from timeline import bundled_path, load, load_text
from timeline.detail import (
    LABEL_WIDTH,
    NARROWEST_HANG,
    URL_BREAKS,
    URL_INDENT,
    Line,
    Piece,
    authors_text,
    cell_width,
    event_lines,
    plain_text,
    wrap,
)

BUNDLED = load([bundled_path()]).timeline
WIDTHS = (12, 13, 16, 20, 23, 27, 31, 36, 40, 44, 52, 60, 67, 75, 88, 100, 120)


def cells(text: str) -> int:
    return sum(map(cell_width, text))


def room(line: Line, width: int) -> int:
    """The cells a wrapped part of ``line`` has (beside its hanging indent)."""
    return width - line.hang if width - line.hang >= NARROWEST_HANG else width


def parts(line: Line, width: int) -> list[str]:
    return [part.plain for part in wrap([line], width)]


def every_line() -> list[tuple[str, Line]]:
    return [(e.id, line) for i, e in enumerate(BUNDLED.events) for line in event_lines(BUNDLED, i)]


LINES = every_line()


def test_the_detail_says_everything_in_reading_order() -> None:
    index = BUNDLED.by_id["bratislava-meeting-proposal"]
    text = plain_text(event_lines(BUNDLED, index))
    lines = text.splitlines()
    assert lines[0] == BUNDLED.events[index].title and lines[1] == ""
    assert lines[2] == "When     31 July 2023"
    assert lines[3] == "Kind     proposal · declined by Azerbaijan"  # words, no mark, in plain text
    order = [
        "Actors",
        "Place",
        "Tags",
        "Id       bratislava-meeting-proposal\n",
        "Baku and Stepanakert",
        "\nAccounts\n",
        "\nLinks\n",
        "\nSources\n",
    ]
    at = [text.index(words) for words in [*order, "\nSame actors\n"]]
    assert at == sorted(at)
    assert (
        " 1. More false starts in Azerbaijan-Karabakh talks — Heydar Isayev and Lilit Shahverdyan, " in text
    )
    assert "\n    https://eurasianet.org/more-false-starts-in-azerbaijan-karabakh-talks\n" in text
    # The app's marks go before the outcome's words, where it asks for them.
    marked = plain_text(event_lines(BUNDLED, index, marks={"declined": "✗"}))
    assert "Kind     proposal · ✗ declined by Azerbaijan\n" in marked


def test_each_piece_has_its_role() -> None:
    index = BUNDLED.by_id["bratislava-meeting-proposal"]
    pieces = [piece for line in event_lines(BUNDLED, index) for piece in line.pieces]
    roles = ("title", "id", "url", "outcome", "actor")
    by_role = {role: [p for p in pieces if role in p.roles] for role in roles}
    assert [p.text for p in by_role["id"]] == ["bratislava-meeting-proposal"]
    assert by_role["title"][0].text == BUNDLED.events[index].title
    event = BUNDLED.events[index]
    addresses = [BUNDLED.sources[s].url for s in event.sources if BUNDLED.sources[s].url]
    assert all(p.ref == p.text for p in by_role["url"]) and [p.text for p in by_role["url"]] == addresses
    assert [p.ref for p in by_role["outcome"]] == ["declined"]
    assert [p.ref for p in by_role["actor"]] == list(BUNDLED.events[index].actors)
    dates = [p.text for p in pieces if "date" in p.roles]
    assert "31 July 2023" in dates and "Aug 2023" in dates and "31 Jul 2023" in dates


def test_the_words_of_a_search_are_marked_where_they_stand() -> None:
    index = BUNDLED.by_id["bratislava-meeting-proposal"]
    lines = event_lines(BUNDLED, index, highlight="bratislava")
    assert plain_text(lines) == plain_text(event_lines(BUNDLED, index))  # the same text
    marked = [p.text for line in lines for p in line.pieces if "match" in p.roles]
    assert marked and {text.casefold() for text in marked} == {"bratislava"}
    # in a title, a URL, the id: each keeps its own roles too
    both = [p for line in lines for p in line.pieces if "match" in p.roles and "id" in p.roles]
    assert [p.text for p in both] == ["bratislava"]


def test_sources_name_their_authors() -> None:
    assert authors_text(("Heydar Isayev", "Lilit Shahverdyan")) == "Heydar Isayev and Lilit Shahverdyan"
    assert authors_text(("A", "B", "C")) == "A, B and C"
    assert authors_text(()) == ""


@pytest.mark.parametrize("width", WIDTHS)
def test_no_line_is_wider_than_the_pane_and_no_text_is_lost(width: int) -> None:
    for event_id, line in LINES:
        wrapped = parts(line, width)
        assert all(cells(part) <= width for part in wrapped), (event_id, width, wrapped)
        assert "".join("".join(wrapped).split()) == "".join(line.plain.split()), (event_id, wrapped)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_word_narrower_than_the_pane_is_never_broken(width: int) -> None:
    for event_id, line in LINES:
        if line.url:
            continue
        words = Counter(w for w in line.plain.split() if cells(w) <= room(line, width))
        kept = Counter(w for part in parts(line, width) for w in part.split())
        assert not words - kept, (event_id, width, words - kept)


def test_nagorno_karabakh_breaks_after_its_hyphen_only_where_it_is_wider_than_the_line() -> None:
    line = Line((Piece("Actors   NK Nagorno-Karabakh, AZ Azerbaijan"),), hang=LABEL_WIDTH)
    for width in range(LABEL_WIDTH + len("Nagorno-Karabakh,"), 60):
        wrapped = parts(line, width)
        assert any("Nagorno-Karabakh" in part for part in wrapped), (width, wrapped)
    # Wider than the line: after the hyphen, not inside a word.
    assert parts(Line((Piece("Nagorno-Karabakh"),)), 10) == ["Nagorno-", "Karabakh"]
    assert parts(Line((Piece("territorial-integrity, and"),)), 14) == ["territorial-", "integrity, and"]
    # With no hyphen, a word wider than the line breaks where it must.
    assert parts(Line((Piece("Supercalifragilistic"),)), 8) == ["Supercal", "ifragili", "stic"]


def dated_lines() -> list[tuple[str, Line, list[str]]]:
    """Each line of the bundled events with the dates in it (from the model, not a pattern),
    each with what is written against it (``21 July 2023,``): the run that must stay whole."""
    out = []
    for i, e in enumerate(BUNDLED.events):
        # each end as the When line words it, without its marks: "(uncertain)" may go to the next line
        dates = [d.long().split(" (")[0] for d in (e.when.start, e.when.end) if d is not None]
        spans = [BUNDLED.events[link.target].when.display() for link in BUNDLED.links_of(i)]
        dates += [end for span in spans for end in span.split(" – ")]  # a span may break at its dash
        dates += [BUNDLED.sources[s].date.display() for s in e.sources if BUNDLED.sources[s].date is not None]
        for line in event_lines(BUNDLED, i):
            found = [m.group() for d in dates for m in re.finditer(rf"\S*{re.escape(d)}\S*", line.plain)]
            if found:
                out.append((e.id, line, found))
    return out


DATED = dated_lines()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_date_is_never_split_where_it_fits(width: int) -> None:
    for event_id, line, dates in DATED:
        wrapped = parts(line, width)
        for date in dates:
            if cells(date) <= room(line, width):
                assert any(date in part for part in wrapped), (event_id, width, date, wrapped)


def test_a_bc_date_stays_whole() -> None:
    text = (
        "title: T\nevents:\n"
        "  - {id: cannae, date: 2 Aug 216 BC, title: Cannae, kind: other,"
        " summary: 'Hannibal and the Roman armies fought at Cannae on 2 Aug 216 BC, and Rome lost.'}\n"
    )
    tl = load_text([("t.yaml", text.encode())]).timeline
    lines = event_lines(tl, 0)
    for width in range(LABEL_WIDTH + len("2 August 216 BC"), 40):
        wrapped = [part.plain for part in wrap(lines, width)]
        assert any("2 August 216 BC" in part for part in wrapped), (width, wrapped)
        assert any("2 Aug 216 BC" in part for part in wrapped), (width, wrapped)


@pytest.mark.parametrize("width", WIDTHS)
def test_urls_are_indented_under_their_source_and_whole_where_they_fit(width: int) -> None:
    for event_id, line in LINES:
        if not line.url:
            continue
        url = line.plain.strip()
        wrapped = parts(line, width)
        if URL_INDENT + cells(url) <= width:
            assert wrapped == [" " * URL_INDENT + url], (event_id, width)
        elif cells(url) <= width:  # whole, nearer the edge
            assert [part.strip() for part in wrapped] == [url], (event_id, width)
        else:  # wider than the pane: broken at its own break characters, every part indented
            assert "".join(part.strip() for part in wrapped) == url
            indent = URL_INDENT if width - URL_INDENT >= NARROWEST_HANG else 0
            assert all(part.startswith(" " * indent) and part[indent] != " " for part in wrapped)
            for part in wrapped[:-1]:
                assert part[-1] in URL_BREAKS or cells(part) == width, (event_id, width, wrapped)
        # every part carries the whole URL as its link
        for part in wrap([line], width):
            assert [p.ref for p in part.pieces if "url" in p.roles] == [url]


def test_wrapped_values_hang_under_their_value() -> None:
    index = BUNDLED.by_id["bratislava-meeting-proposal"]
    wrapped = [line.plain for line in wrap(event_lines(BUNDLED, index), 40)]
    actors = next(n for n, line in enumerate(wrapped) if line.startswith("Actors"))
    assert wrapped[actors + 1].startswith(" " * LABEL_WIDTH) and wrapped[actors + 1][LABEL_WIDTH] != " "
    source = next(n for n, line in enumerate(wrapped) if line.startswith(" 1. "))
    assert wrapped[source + 1].startswith("    ") and wrapped[source + 1][4] != " "
    # (its link from the withdrawal is see-also since the second audit: a withdrawal leads to no plan)
    link = next(n for n, line in enumerate(wrapped) if line.startswith(" See also: "))
    assert wrapped[link + 1].startswith(" " * len(" See also: "))


def test_wide_characters_are_measured_in_cells() -> None:
    line = Line((Piece("東京 で 会談 が 開かれた " * 4),))
    for width in (10, 15, 21):
        assert all(cells(part) <= width for part in parts(line, width))


def test_file_text_is_kept_as_text() -> None:
    hostile = "[bold red]x[/] \x1b[31m"
    line = Line((Piece(hostile + " " + hostile),))
    assert "".join(parts(line, 1000)) == hostile + " " + hostile


def test_every_role_given_is_one_the_model_names() -> None:
    from timeline.detail import ROLES

    used = {role for _, line in LINES for piece in line.pieces for role in piece.roles}
    assert used <= ROLES
    assert used >= ROLES - {"match", "old", "new"}  # every role but a search's and --since's


@pytest.mark.parametrize("width", [w for w in WIDTHS if w >= 36])  # where a tag and name fit a line
def test_an_actors_tag_stays_with_its_name(width: int) -> None:
    """``AZ Azerbaijan`` is never split as ``… AZ`` / ``Azerbaijan``: the tag marks the name after it."""
    for index, event in enumerate(BUNDLED.events):
        tags = {BUNDLED.actors[a].short for a in event.actors if a in BUNDLED.actors}
        for line in wrap(event_lines(BUNDLED, index), width):
            last = line.plain.rstrip().rsplit(" ", 1)[-1]
            ends_with_tag = bool(line.pieces) and "actor" in line.pieces[-1].roles and last in tags
            assert not ends_with_tag, (event.id, line.plain)
