"""What an import reads as text: encodings, the separators of a sheet, duplicate JSON keys, and
one numbering of events in its messages (see timeline/interop/textin.py and naming.py)."""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.interop import ImportFailed
from timeline.interop.formats import IMPORTS
from timeline.interop.importer import detect, import_text
from timeline.interop.jsonpos import duplicate_key, line_col
from timeline.interop.naming import path_label
from timeline.load import load_text

ROOT = Path(__file__).resolve().parent.parent

TIMELINEJS = (
    '{"title": {"text": {"headline": "Café talks"}},\n'
    ' "events": [\n'
    '  {"start_date": {"year": 2023, "month": 8}, "text": {"headline": "Talks; at last", "text": "Ça va"}},\n'
    '  {"start_date": {"year": 2023, "month": 9, "day": 19}, "text": {"headline": "Zürich", "text": "€5"}}\n'
    " ]}\n"
)
SHEET_ROWS = [
    ["Year", "Month", "Day", "Headline", "Text", "Type"],
    ["", "", "", "Café talks", "", "title"],
    ["2023", "8", "", "Talks; at last", "Ça va, then; more", ""],
    ["2023", "9", "19", "Zürich", "€5", ""],
]


def sheet(delimiter: str = ",") -> str:
    """The sheet with ``delimiter`` between cells, quoted where a cell holds it (as Excel does)."""

    def cell(value: str) -> str:
        return f'"{value}"' if delimiter in value or '"' in value else value

    return "".join(delimiter.join(cell(v) for v in row) + "\r\n" for row in SHEET_ROWS)


def yaml_of(name: str, data: bytes) -> str:
    text, _report, _count = import_text(name, data, detect(name, data))
    load_text([(name, text.encode())])  # what an import writes passes check
    return text


def refusal(name: str, data: bytes, fmt: str | None = None) -> str:
    with pytest.raises(ImportFailed) as caught:
        import_text(name, data, fmt or detect(name, data))
    message = str(caught.value)
    assert "\n" not in message
    return message


# -- encodings ------------------------------------------------------------------------------------

UTF16 = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}


@pytest.mark.parametrize("codec", sorted(UTF16))
@pytest.mark.parametrize(("name", "text"), [("in.json", TIMELINEJS), ("in.csv", sheet())])
def test_utf16_with_a_byte_order_mark_is_read_as_utf8_is(codec: str, name: str, text: str) -> None:
    utf8 = yaml_of(name, text.encode("utf-8"))
    assert yaml_of(name, UTF16[codec] + text.encode(codec)) == utf8
    assert "Zürich" in utf8 and "€5" in utf8


@pytest.mark.parametrize(("name", "text"), [("in.json", TIMELINEJS), ("in.csv", sheet())])
def test_a_mark_carried_over_by_a_conversion_is_no_part_of_the_text(name: str, text: str) -> None:
    # `iconv -f utf-8 -t utf-16` of a file with its UTF-8 mark (as the sheet export writes one):
    # UTF-16's own mark, then the old one as a character
    data = ("\ufeff" + text).encode("utf-16")
    assert detect(name, data) == ("timelinejs" if name.endswith(".json") else "csv")
    assert yaml_of(name, data) == yaml_of(name, text.encode("utf-8"))


def test_excels_unicode_text_is_read_utf16_and_tab_separated() -> None:
    # Excel's "Unicode Text (*.txt)": UTF-16 little-endian with its mark, cells between tabs.
    data = codecs.BOM_UTF16_LE + sheet("\t").encode("utf-16-le")
    assert detect("in.txt", data) == "csv"
    assert yaml_of("in.csv", data) == yaml_of("in.csv", sheet().encode())


@pytest.mark.parametrize(("codec", "order"), [("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")])
@pytest.mark.parametrize(("name", "text"), [("in.json", TIMELINEJS), ("in.csv", sheet())])
def test_utf16_without_a_mark_is_named_not_guessed(codec: str, order: str, name: str, text: str) -> None:
    data = text.encode(codec)
    for fmt in (None, *IMPORTS):  # recognised or not, given --format or not: the same refusal
        assert refusal(name, data, fmt) == (
            f"{name}:1:1: this looks like UTF-16 ({order}) text without a byte order mark, which "
            "cannot be read without guessing; save it again as UTF-8"
        )


def test_excels_windows_csv_is_refused_at_its_byte_with_the_way_to_fix_it() -> None:
    data = sheet().encode("cp1252")  # Excel's "CSV (Comma delimited)" in Western Europe
    assert detect("in.csv", data) == "csv"
    first = data.index(b"\xe9")  # the é of Café, on line 2 after three empty cells: ",,,Caf"
    line, col = line_col(data.decode("cp1252"), first)
    assert (line, col) == (2, 7)
    assert refusal("in.csv", data) == (
        f"in.csv:{line}:{col}: not UTF-8 text (byte 0xe9); if Excel saved it as "
        '"CSV (Comma delimited)", which writes the Windows code page, save it again as '
        '"CSV UTF-8 (Comma delimited)"'
    )


def test_json_that_is_not_utf8_is_refused_with_the_fix() -> None:
    column = TIMELINEJS.index("é") + 1  # on the first line
    assert refusal("in.json", TIMELINEJS.encode("cp1252")) == (
        f"in.json:1:{column}: not UTF-8 text (byte 0xe9); save it again as UTF-8"
    )


def test_a_broken_utf16_file_is_refused_where_it_breaks() -> None:
    data = codecs.BOM_UTF16_LE + TIMELINEJS.encode("utf-16-le") + b"\x00\xd8"  # a lone surrogate
    assert refusal("in.json", data, "timelinejs").startswith(
        "in.json:6:1: not UTF-16-LE text, as its byte order mark says"
    )


# -- separators -----------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_a_sheet_separated_by_semicolons_or_tabs_is_read_as_by_commas(delimiter: str) -> None:
    data = sheet(delimiter).encode("utf-8")
    assert detect("in.csv", data) == "csv"
    assert yaml_of("in.csv", data) == yaml_of("in.csv", sheet().encode())


def test_semicolons_in_a_comma_sheet_stay_in_their_cells() -> None:
    text = yaml_of("in.csv", sheet().encode())
    assert 'title: "Talks; at last"' in text
    assert 'summary: "Ça va, then; more"' in text


def test_semicolons_in_the_header_of_a_comma_sheet_do_not_decide() -> None:
    # The header's own cells may hold a semicolon: the commas still separate the columns.
    rows = [["Year", "Headline", "Text", "Notes; internal"], ["2023", "A; b", "c;d;e", "x;y"]]
    data = "".join(",".join(f'"{v}"' if ";" in v else v for v in row) + "\n" for row in rows).encode()
    text, report, _ = import_text("in.csv", data, detect("in.csv", data))
    assert 'title: "A; b"' in text and 'summary: "c;d;e"' in text
    assert report.lost == {"unknown columns (Notes; internal)": 1}


def test_a_sheet_with_no_template_header_under_any_separator_is_not_a_sheet() -> None:
    data = b"Jahr;Titel;Text\n2023;a;b\n"
    message = refusal("in.csv", data, "csv")
    assert message.startswith("in.csv:1:1: not a TimelineJS sheet: no 'Year', 'Headline', 'Text' column")


# -- duplicate keys -------------------------------------------------------------------------------


def test_a_duplicate_key_is_refused_at_its_second_place() -> None:
    lines = [
        '{"events": [',
        '  {"start_date": {"year": 2023}, "text": {"headline": "A"}},',
        '  {"start_date": {"year": 2023, "month": 8, "year": 2024}, "text": {"headline": "B"}}',
        "]}",
    ]
    first, second = lines[2].index('"year"') + 1, lines[2].rindex('"year"') + 1
    assert refusal("in.json", "\n".join(lines).encode()) == (
        f"in.json:3:{second}: key 'year' appears twice in one object (first at line 3, column {first}); "
        "JSON readers disagree on which one counts, so keep one of them"
    )


def test_the_same_key_in_different_objects_is_no_duplicate() -> None:
    doc = json.loads(TIMELINEJS)
    assert duplicate_key(TIMELINEJS) is None
    assert yaml_of("in.json", json.dumps(doc).encode())


json_scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=4)
keys = st.sampled_from(["a", "b", "ä", 'q"', "\\", ""])


@st.composite
def pairs_documents(draw: st.DrawFn) -> tuple[str, tuple[str, int, int] | None]:
    """JSON text whose objects may hold a key twice (written by hand, as json.dumps cannot), and
    the duplicate that comes first in reading order: its key and the offsets of both places."""
    tree = draw(
        st.recursive(
            json_scalars,
            lambda inner: (
                st.lists(inner, max_size=3) | st.lists(st.tuples(keys, inner), max_size=3).map(tuple)
            ),
            max_leaves=12,
        )
    )
    out: list[str] = []
    at = 0
    duplicates: list[tuple[str, int, int]] = []

    def put(text: str) -> None:
        nonlocal at
        out.append(text)
        at += len(text)

    def write(value: Any) -> None:
        if isinstance(value, tuple):  # an object, as its pairs
            space = draw(st.sampled_from(["", " ", "\n  "]))
            seen: dict[str, int] = {}
            put("{")
            for n, (k, v) in enumerate(value):
                put(("," if n else "") + space)
                if k in seen:
                    duplicates.append((k, seen[k], at))
                else:
                    seen[k] = at
                put(f"{json.dumps(k)}{space}:")
                write(v)
            put("}")
        elif isinstance(value, list):
            put("[")
            for n, v in enumerate(value):
                put(", " if n else "")
                write(v)
            put("]")
        else:
            put(json.dumps(value))

    write(tree)
    first = min(duplicates, key=lambda d: d[2]) if duplicates else None
    return "".join(out), first


@given(pairs_documents())
def test_duplicate_keys_are_found_first_in_reading_order(
    case: tuple[str, tuple[str, int, int] | None],
) -> None:
    text, expected = case
    assert duplicate_key(text) == expected
    # And the import refuses exactly the documents that have one (a document that is an object).
    if text.startswith("{"):
        try:
            import_text("in.json", text.encode(), "timelinejs")
        except ImportFailed as exc:
            assert ("appears twice" in str(exc)) == (expected is not None), str(exc)
        else:
            assert expected is None


def test_a_duplicate_deep_in_the_document_is_found_without_recursion() -> None:
    text = '{"a":' * 5000 + '{"k": 1, "k": 2}' + "}" * 5000
    assert duplicate_key(text) == ("k", 5 * 5000 + 1, 5 * 5000 + 9)


# -- one numbering --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "label"),
    [
        (("events", 0, "text", "headline"), "event 1: text.headline"),
        (("events", 4), "event 5"),
        (("eras", 1, "start_date"), "era 2: start_date"),
        (("timeline", "date", 2, "startDate"), "event 3: startDate"),
        (("title", "text"), "title.text"),
        ((), "the value"),
    ],
)
def test_events_and_eras_are_counted_from_one(path: tuple[Any, ...], label: str) -> None:
    assert path_label(path) == label


def test_import_messages_count_events_from_one_whichever_message() -> None:
    events = '[{"start_date": {"year": 2023}, "text": {"headline": "A"}}, {"start_date": %s, "text": %s}]'
    for start, text, expected in [
        ('{"year": 2023}', '"x"', "event 2: text must be an object"),
        ('{"year": "x"}', "{}", "event 2: start_date.year 'x' is not a whole number"),
        ('{"year": 2023, "month": 13}', "{}", "event 2: start_date: month 13 does not exist"),
    ]:
        message = refusal("in.json", ('{"events": ' + events % (start, text) + "}").encode())
        assert expected in message, message
        assert "events[" not in message


# -- numbers too long, and many items of one name ----------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "place"),
    [
        ("n.json", b'{"events": [{"start_date": {"year": ' + b"9" * 5000 + b"}}]}", "n.json:1:1:"),
        ("s.json", b'{"events": [{"start_date": {"year": "' + b"9" * 5000 + b'"}}]}', "s.json:1:"),
        ("s.csv", b"Year,Month,Day,Headline,Text\r\n" + b"9" * 5000 + b",,,h,t\r\n", "s.csv:2:1:"),
    ],
)
def test_a_number_of_thousands_of_digits_is_refused_at_its_place(name: str, data: bytes, place: str) -> None:
    # (json and int() refuse over 4,300 digits with a ValueError: it once ended in a traceback)
    message = refusal(name, data)
    assert message.startswith(place) and len(message) < 300, message


def test_many_slides_of_one_headline_get_ids_in_turn() -> None:
    slides = [{"start_date": {"year": "2000"}, "text": {"headline": "a 3"}, "unique_id": "a-3"}]
    slides += [{"start_date": {"year": "2000"}, "text": {"headline": "a"}} for _ in range(4)]
    text, _, _ = import_text("m.json", json.dumps({"events": slides}).encode(), "timelinejs")
    ids = [line.split('"')[1] for line in text.splitlines() if line.startswith("  - id:")]
    assert ids == ["a-3", "a", "a-2", "a-4", "a-5"]  # a-3 taken: skipped, and the count goes on
