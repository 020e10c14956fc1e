"""Hostile and broken timeline files: each is refused (or warned about) with located, useful problems.

The corpus lives in ``tests/hostile/``: every file there is a minimal valid
timeline with one defect, named after it.  ``EXPECTED`` below is the one place
that says what loading each file must report, as ``LINE:COL: text`` entries
(``text`` is a substring of the message; warnings start with ``warning: ``).
The entries are in file order and are all the problems the file may produce:
an extra, missing or misplaced problem fails the test.  An empty list means
the file loads, with no warning.

Files whose bytes cannot sensibly be kept in the repository (binary, another
encoding, raw control bytes, huge lines) are built by ``GENERATED`` below and
checked the same way.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

import timeline.yamlsrc
from timeline import LoadError, Problem, load, load_text
from timeline.cli import main
from timeline.problems import MAX_PROBLEMS

HOSTILE = Path(__file__).parent / "hostile"

ANCHOR = "anchors (&{}) are not allowed in a timeline"
ALIAS = "aliases (*{}) are not allowed in a timeline; write the value out at each use"
QUOTE_HINT = "if this is text, put the whole value in quotes"
EMPTY = "file is empty: a timeline needs a title and events"
NOT_HTTP = "must be an http:// or https:// address"
UNCLOSED = "YAML syntax error: this quoted value is never closed; add the closing quote"
CONTROL = "holds control or bidi characters"

EXPECTED: dict[str, list[str]] = {
    # -- anchors, aliases, merge keys: refused where they stand, never expanded ---------------
    "billion_laughs": [
        f"3:14: {ANCHOR.format('lol0')}",
        f"4:6: {ANCHOR.format('a')}",
        *[
            entry
            for n, (prev, this) in enumerate(zip("abcdefgh", "bcdefghi", strict=True), start=5)
            for entry in (f"{n}:6: {ANCHOR.format(this)}", f"{n}:10: {ALIAS.format(prev)}")
        ],
    ],
    "alias_self": [f"20:11: {ANCHOR.format('a')}", f"20:22: {ALIAS.format('a')}"],
    "alias_value": [f"19:13: {ANCHOR.format('both')}", f"26:13: {ALIAS.format('both')}"],
    "anchor_only": [f"2:8: {ANCHOR.format('t')}; remove it, and write the value out wherever *t is used"],
    "merge_key": [
        f"15:5: {ANCHOR.format('base')}",
        "23:5: merge keys (<<) are not allowed in a timeline; write the keys out",
        f"23:9: {ALIAS.format('base')}",
    ],
    # -- explicit tags: refused, nothing constructed ----------------------------------------
    "tag_python_apply": ["17:12: explicit tags ('!!python/object/apply:os.system') are not allowed"],
    "tag_python_name": ["20:14: explicit tags ('!!python/name:os.system') are not allowed"],
    "tag_binary": ["20:14: explicit tags ('!!binary') are not allowed in a timeline"],
    "tag_str": ["15:9: explicit tags ('!!str') are not allowed in a timeline"],
    "tag_local": ["18:11: explicit tags ('!kind') are not allowed in a timeline"],
    "tag_directive": ["19:12: explicit tags ('tag:evil.example,2000:payload') are not allowed"],
    # -- repeated keys and ids: both lines named ----------------------------------------------
    "dup_key": ["19:5: key 'title' appears twice in this mapping (first on line 17, again on line 19)"],
    "dup_key_top": ["8:1: key 'actors' appears twice in this mapping (first on line 3, again on line 8)"],
    "dup_actor": ["8:3: key 'north' appears twice in this mapping (first on line 4, again on line 8)"],
    "dup_event_id": ["22:9: event id 'first' is used twice (first at line 15, again at line 22)"],
    # -- not one timeline document ------------------------------------------------------------
    "two_documents": ["22:1: file holds more than one YAML document (a second '---'); a timeline is one"],
    "document_end_then_more": [
        "23:1: YAML syntax error: did not find expected <document start>; a timeline file is one YAML"
    ],
    "yaml_version": ["2:1: YAML syntax error: found incompatible YAML document"],
    "empty": [f"1:1: {EMPTY}"],
    "whitespace_only": [f"1:1: {EMPTY}"],
    "comments_only": ["1:1: file is empty (nothing but comments)"],
    "dashes_only": [f"1:1: {EMPTY}"],
    "null_document": [f"1:1: {EMPTY}"],
    "top_list": ["2:1: a timeline file must be a mapping with title, actors, sources and events, not a list"],
    "top_scalar": [
        "2:1: a timeline file must be a mapping with title, actors, sources and events, not 'Just"
    ],
    "no_events": ["2:1: the timeline has no 'events' list"],
    "events_empty": ["14:9: 'events' is empty: a timeline needs at least one event"],
    "events_null": ["14:8: 'events' is empty: a timeline needs at least one event"],
    "events_mapping": ["15:3: 'events' must be a list of events"],
    "events_scalar": ["14:9: 'events' must be a list of events"],
    "null_event": ["15:4: an event must be a mapping (id, date, title, ...), not an empty value"],
    "scalar_event": ["15:5: an event must be a mapping (id, date, title, ...), not 'The war started'"],
    # -- too deep -----------------------------------------------------------------------------
    "deep_seq": ["20:27: nesting is deeper than 16 levels; a timeline never needs that"],
    "deep_map": ["20:66: nesting is deeper than 16 levels; a timeline never needs that"],
    # -- values the schema refuses --------------------------------------------------------------
    "url_javascript": [f"13:10: source 'src': url 'javascript:alert(document.cookie)' {NOT_HTTP}"],
    "url_file": [f"13:10: source 'src': url 'file:///etc/passwd' {NOT_HTTP}"],
    "url_data": ["13:10: source 'src': url 'data:text/html;base64,"],
    "url_ftp": [f"13:10: source 'src': url 'ftp://example.org/report.txt' {NOT_HTTP}"],
    "url_relative": [f"13:10: source 'src': url 'example.org/report' {NOT_HTTP}"],
    "date_impossible": ["16:11: day 30 does not exist in February 2023 (date '2023-02-30')"],
    "date_month_13": ["12:11: month 13 does not exist in date '2023-13'"],
    "end_before_start": ["17:10: event 'first' ends (Jun 2023) before it starts (1 Jul 2023)"],
    "unknown_actor": ["19:21: unknown actor id 'east'"],
    "unknown_source": ["21:20: unknown source id 'rumour'"],
    "unknown_kind": [
        "18:11: event 'first': kind 'statment' is not one of the kinds; did you mean 'statement'?"
    ],
    "unknown_key": ["19:5: unknown key 'actros' in the event; did you mean 'actors'?"],
    # -- the format's additions: require, links, accounts, eras --------------------------------
    "require_missing": [
        "16:5: event 'first': actors is missing (this timeline's 'require:' setting lists actors"
    ],
    "link_type_unknown": [
        "24:15: event 'first': link type 'answers' is not one of the types; "
        "types: responds-to, follows-up, leads-to, contradicts, see-also"
    ],
    "link_unknown_target": ["23:13: link to an unknown event id 'secnd'; did you mean 'second'?"],
    "account_no_source": ["23:9: event 'first': an account's source is missing"],
    "era_end_before_start": ["6:10: era 'The war' ends (1988) before it starts (1991)"],
    "control_in_key": ["19:5: unknown key '\\x1b[2J\\x1b]52;c;cHduZWQ=\\x07' in the event"],
    "key_list": ["19:7: a mapping key must be a plain value, not a list or mapping"],
    "key_mapping": ["4:5: a mapping key must be a plain value, not a list or mapping"],
    # -- text YAML reads as something else: say so, with the fix --------------------------------
    "title_list": [f"17:12: event 'first': title must be text, not a list; {QUOTE_HINT}"],
    "title_mapping": [f"17:12: event 'first': title must be text, not a mapping; {QUOTE_HINT}"],
    "title_null": ["17:12: event 'first': title is missing (YAML reads 'null' as nothing; put it in quotes"],
    "title_flow_then_text": [
        "17:20: YAML syntax error: did not find expected key (while parsing a block mapping that starts at "
        f"line 15, column 5); a value starting with '[' means something else than text in YAML; {QUOTE_HINT}"
    ],
    "title_quoted_then_text": ["17:18: YAML syntax error: did not find expected key (while parsing a block"],
    "title_dash": [
        "17:12: YAML syntax error: block sequence entries are not allowed in this context; "
        f"a value starting with '- ' is read as a list; {QUOTE_HINT}"
    ],
    "title_at": ["17:12: YAML syntax error: found character that cannot start any token"],
    "colon_in_plain": [
        "17:17: YAML syntax error: mapping values are not allowed in this context; "
        "if this is text containing ': ', put the whole value in quotes"
    ],
    "backslash_escape": [
        "17:24: YAML syntax error: found unknown escape character (while parsing a quoted scalar that starts "
        "at line 17, column 12); in double quotes a backslash starts an escape"
    ],
    # -- plain syntax errors ------------------------------------------------------------------------
    "tab_indent": ["18:1: YAML syntax error: found a tab character that violates indentation"],
    "unclosed_quote": [f"20:14: {UNCLOSED}"],
    "unclosed_single_quote": [f"20:14: {UNCLOSED}"],
    "unclosed_flow": [
        "20:12: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence "
        "that starts at line 19, column 13); is a ']' or a ',' missing?"
    ],
    "unclosed_flow_map": [
        "17:10: YAML syntax error: did not find expected ',' or '}' (while parsing a flow mapping "
        "that starts at line 15, column 5); is a '}' or a ',' missing?"
    ],
    "long_key": ["19:1105: YAML syntax error: could not find expected ':' (while scanning a simple key"],
    "surrogate_escape": ["17:19: YAML syntax error: found invalid Unicode character escape code"],
    # -- loads, maybe with warnings --------------------------------------------------------------
    "yaml11_words": [],
    "id_007": [],
    "date_unquoted": [],
    "escapes_control": [
        f"17:12: warning: event 'first': title {CONTROL} (U+001B); shown as \N{REPLACEMENT CHARACTER}",
        f"20:14: warning: event 'first': summary {CONTROL} (U+0000, U+0007, U+000D, U+0085, U+009B)",
    ],
    "osc52": [f"20:14: warning: event 'first': summary {CONTROL} (U+0007, U+001B)"],
    "bidi_override": [f"17:12: warning: event 'first': title {CONTROL} (U+202C, U+202E, U+2066, U+2069)"],
    "carriage_return": [f"17:12: warning: event 'first': title {CONTROL} (U+000D)"],
    "backslash_escape_warning": [f"17:12: warning: event 'first': title {CONTROL} (U+000C, U+000D)"],
}

# -- generated files ----------------------------------------------------------------------------

MIN = (
    (HOSTILE / "url_file.yaml")
    .read_text(encoding="utf-8")
    .replace("file:///etc/passwd", "https://example.org/")
)
TITLE = "title: The first event"  # line 17, the value at column 12


def _with_title(raw: str) -> bytes:
    return MIN.replace(TITLE, f"title: {raw}").encode("utf-8")


def _raw(value: bytes) -> bytes:
    return MIN.encode("utf-8").replace(b"title: The first event", b"title: The " + value + b" event")


# One-line events appended to MIN (from line 22 on); {0} is a number.
_EVENT = (
    "  - {{{{id: e{{0}}, date: 2023, title: {}, kind: {}, actors: [north], {}summary: s, sources: [src]}}}}\n"
)
BAD_KIND_EVENT = _EVENT.format("t", "bad", "")
ESCAPED_EVENT = _EVENT.format('"\\e"', "statement", "")
ANCHORED_EVENT = _EVENT.format("t", "statement", "tags: &t{0} [a], ")
RAW_CONTROL = "raw control character {} is not allowed in a timeline file; write it as an escape"


def _deep_column() -> int:
    """Where a 100,000-deep flow list is refused: at our limit (16), or at libyaml's own (1,000 levels,
    from libyaml 0.2.6 on), which it hits while scanning ahead, before our limit sees the events."""
    version_text = getattr(yaml, "_yaml", None) and yaml._yaml.get_version_string()
    version = tuple(int(p) for p in version_text.split(".")) if version_text else (0,)
    return 9 + 1000 if yaml.__with_libyaml__ and version >= (0, 2, 6) else 9 + 16


GENERATED: dict[str, tuple[Callable[[], bytes], list[str]]] = {
    "latin1": (
        lambda: MIN.replace(TITLE, "title: Café talks").encode("latin-1"),
        ["17:15: file is not valid UTF-8 (byte 0xe9); save it as UTF-8"],
    ),
    "lone_c1_byte": (lambda: _raw(b"\x9b"), ["17:16: file is not valid UTF-8 (byte 0x9b)"]),
    "utf16_bom": (
        lambda: "\ufeff".encode("utf-16-le") + MIN.encode("utf-16-le"),
        ["1:1: file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8"],
    ),
    "utf16_be_bom": (lambda: b"\xfe\xff" + MIN.encode("utf-16-be"), ["1:1: file is UTF-16 text"]),
    "utf32_bom": (lambda: MIN.encode("utf-32"), ["1:1: file is UTF-32 text"]),
    "utf16_no_bom": (
        lambda: MIN.encode("utf-16-le"),
        ["1:2: file is binary (NUL byte), not a YAML text file"],
    ),
    "binary_nul": (lambda: _raw(b"\x00"), ["17:16: file is binary (NUL byte), not a YAML text file"]),
    "binary_png": (
        lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        ["3:1: file is binary (NUL byte), not a YAML text file"],
    ),
    "raw_esc": (lambda: _raw(b"\x1b[2J"), [f"17:16: {RAW_CONTROL.format('U+001B')}"]),
    "raw_osc52": (
        lambda: _raw(b"\x1b]52;c;cm0gLXJmIH4K\x07"),
        [f"17:16: {RAW_CONTROL.format('U+001B')}", f"17:35: {RAW_CONTROL.format('U+0007')}"],
    ),
    "raw_c1": (lambda: _raw("\x9b".encode()), [f"17:16: {RAW_CONTROL.format('U+009B')}"]),
    "raw_nel": (lambda: _raw("\x85".encode()), [f"17:16: {RAW_CONTROL.format('U+0085')}"]),
    "raw_del": (lambda: _raw(b"\x7f"), [f"17:16: {RAW_CONTROL.format('U+007F')}"]),
    "raw_lone_cr": (
        lambda: _raw(b"\r"),
        ["17:16: raw carriage return (U+000D) without a newline: YAML reads it as a line break"],
    ),
    "raw_line_separator": (
        lambda: _raw("\u2028".encode()),
        ["17:16: raw U+2028 LINE SEPARATOR: YAML reads it as a line break that editors may not show"],
    ),
    "raw_bom_in_middle": (lambda: _raw("\ufeff".encode()), ["17:16: byte-order mark (U+FEFF) in the middle"]),
    "raw_noncharacter": (lambda: _raw("\ufffe".encode()), ["17:16: noncharacter U+FFFE is not allowed"]),
    "raw_bidi": (  # raw (not escaped) bidi overrides load, replaced and warned about like escaped ones
        lambda: _raw("\u202e".encode()),
        [f"17:12: warning: event 'first': title {CONTROL} (U+202E)"],
    ),
    "raw_many_controls": (
        lambda: _raw(b"\x01" * (MAX_PROBLEMS + 50)),
        [f"17:{16 + i}: {RAW_CONTROL.format('U+0001')}" for i in range(MAX_PROBLEMS)]
        + [f"17:{16 + MAX_PROBLEMS}: and 50 more raw control characters"],
    ),
    "many_warnings": (  # warnings do not count towards the cap on problems
        lambda: (MIN + "".join(ESCAPED_EVENT.format(i) for i in range(MAX_PROBLEMS + 20))).encode(),
        [
            f"{22 + i}:{32 + len(str(i))}: warning: event 'e{i}': title {CONTROL}"
            for i in range(MAX_PROBLEMS + 20)
        ],
    ),
    "many_anchors": (
        lambda: (MIN + "".join(ANCHORED_EVENT.format(i) for i in range(MAX_PROBLEMS + 20))).encode(),
        [f"{22 + i}:{75 + len(str(i))}: {ANCHOR.format(f't{i}')}" for i in range(MAX_PROBLEMS)]
        + [f"{21 + MAX_PROBLEMS}:77: too many problems; stopped reading this file"],
    ),
    "crlf": (lambda: MIN.replace("\n", "\r\n").encode(), []),
    "utf8_bom": (lambda: b"\xef\xbb\xbf" + MIN.encode(), []),
    "crlf_escape_warning": (
        lambda: _with_title('"a\\rb"').replace(b"\n", b"\r\n"),
        [f"17:12: warning: event 'first': title {CONTROL} (U+000D)"],
    ),
    "long_line": (lambda: _with_title("word " * 40_000), []),
    "deep_seq_100k": (
        lambda: _with_title("[" * 100_000),
        [f"17:{_deep_column()}: nesting is deeper than 16 levels"],
    ),
    "many_errors": (
        lambda: (MIN + "".join(BAD_KIND_EVENT.format(i) for i in range(MAX_PROBLEMS + 20))).encode(),
        [f"{22 + i}:{41 + len(str(i))}: event 'e{i}': kind 'bad' is not one" for i in range(MAX_PROBLEMS)]
        + [f"{21 + MAX_PROBLEMS}:43: too many problems; stopped after {MAX_PROBLEMS}"],
    ),
}

# -- helpers ----------------------------------------------------------------------------------------

UNSAFE_OUTPUT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _problems(load_call: Callable[[], object]) -> list[Problem]:
    try:
        loaded = load_call()
    except LoadError as exc:
        return exc.problems
    return list(loaded.warnings)  # type: ignore[attr-defined]


def _entry(p: Problem) -> str:
    return f"{p.line}:{p.col}: {'warning: ' if p.warning else ''}{p.message}"


def _check(problems: list[Problem], expected: list[str], file: str) -> None:
    got = [_entry(p) for p in problems]
    assert all(p.file == file for p in problems), got
    assert len(got) == len(expected), "\n".join(["got:", *got, "expected:", *expected])
    for g, e in zip(got, expected, strict=True):
        where, _, text = e.partition(": ")
        assert g.startswith(where + ": "), f"{g!r} is not at {where}"
        assert text in g, f"{g!r} does not say {text!r}"


def _corpus_names() -> list[str]:
    return sorted(p.stem for p in HOSTILE.glob("*.yaml") if p.name != "base.yaml")


# -- the corpus -----------------------------------------------------------------------------------


def test_every_corpus_file_has_an_expectation() -> None:
    assert sorted(EXPECTED) == _corpus_names()
    assert len(EXPECTED) + len(GENERATED) >= 40


def test_base_fixture_is_valid() -> None:
    loaded = load([HOSTILE / "base.yaml"])
    assert len(loaded.timeline.events) == 10
    assert loaded.warnings == []


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_load(name: str) -> None:
    path = HOSTILE / f"{name}.yaml"
    _check(_problems(lambda: load([path])), EXPECTED[name], str(path))


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_load(name: str) -> None:
    make, expected = GENERATED[name]
    _check(_problems(lambda: load_text([("gen.yaml", make())])), expected, "gen.yaml")


def _run_check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _assert_clean_output(out: str, err: str) -> None:
    assert "Traceback" not in out + err
    assert not UNSAFE_OUTPUT.search(out + err), "raw control characters reached the terminal"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_check_command(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(HOSTILE / f"{name}.yaml")
    code, out, err = _run_check(capsys, path)
    _assert_clean_output(out, err)
    expected = EXPECTED[name]
    errors = [e for e in expected if ": warning: " not in e]
    assert code == (1 if errors else 0), out + err
    lines = out.splitlines()
    for e in expected:
        where, _, text = e.partition(": ")
        assert any(line.startswith(f"{path}:{where}: ") and text in line for line in lines), (e, out)
    if not errors:
        assert lines[-1].startswith(f"{path}: valid: ")


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_check_command(name: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    make, expected = GENERATED[name]
    path = tmp_path / "gen.yaml"
    path.write_bytes(make())
    code, out, err = _run_check(capsys, str(path))
    _assert_clean_output(out, err)
    assert code == (1 if any(": warning: " not in e for e in expected) else 0), out + err
    for e in expected:
        where, _, text = e.partition(": ")
        assert f"{path}:{where}: " in out and text in out, (e, out)


# -- what loading must never do ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["billion_laughs", "alias_self", "merge_key"])
@pytest.mark.parametrize("parser", ["libyaml", "pure"])
def test_aliases_are_refused_fast(name: str, parser: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if parser == "pure":
        monkeypatch.setattr(timeline.yamlsrc, "_Parser", yaml.SafeLoader)
    start = time.process_time()  # CPU time: other processes on the machine do not count
    with pytest.raises(LoadError):
        load([HOSTILE / f"{name}.yaml"])
    assert time.process_time() - start < 0.5


def test_deep_nesting_is_refused_fast_with_the_pure_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline.yamlsrc, "_Parser", yaml.SafeLoader)
    start = time.process_time()  # CPU time: other processes on the machine do not count
    problems = _problems(lambda: load_text([("deep.yaml", _with_title("[" * 200_000 + "]" * 200_000))]))
    assert [_entry(p) for p in problems] == [
        "17:25: nesting is deeper than 16 levels; a timeline never needs that"
    ]
    assert time.process_time() - start < 2


def test_python_tag_runs_nothing() -> None:
    marker = Path("/tmp/timeline-hostile-pwned")
    marker.unlink(missing_ok=True)
    with pytest.raises(LoadError):
        load([HOSTILE / "tag_python_apply.yaml"])
    assert not marker.exists()


def test_yaml11_words_stay_text() -> None:
    tl = load([HOSTILE / "yaml11_words.yaml"]).timeline
    assert tl.title == "NO"
    north = tl.actors["north"]
    assert (north.name, north.short, north.aliases) == ("Yes", "ON", ("off", "y", "n", "True"))
    event = tl.events[0]
    assert (event.title, event.summary, event.location) == ("off", "yes", "NULLISH")


def test_number_like_ids_and_titles_stay_text() -> None:
    tl = load([HOSTILE / "id_007.yaml"]).timeline
    event = tl.events[0]
    assert (event.id, event.title, event.location, event.tags) == ("007", "1:30", "1e3", ("08", "1_000"))
    assert event.actors == ("0x1f",)
    assert tl.actors["0x1f"].name == "0o17"


def test_unquoted_dates_equal_quoted_ones() -> None:
    first, second = load([HOSTILE / "date_unquoted.yaml"]).timeline.events
    assert first.when == second.when
    assert first.when.display() == "2023 – 1 Jul 2023"


def test_escapes_are_replaced_by_a_placeholder() -> None:
    loaded = load([HOSTILE / "escapes_control.yaml"])
    event = loaded.timeline.events[0]
    assert event.title == "The \ufffd[31mred\ufffd[0m event"
    assert not UNSAFE_OUTPUT.search(event.summary)
    for name in ("osc52", "bidi_override", "carriage_return", "backslash_escape_warning"):
        event = load([HOSTILE / f"{name}.yaml"]).timeline.events[0]
        assert not UNSAFE_OUTPUT.search(event.title + event.summary), name


def test_surrogate_escape_with_the_pure_parser_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    # libyaml refuses "\ud800"; the pure parser lets a lone surrogate through, which no terminal can print.
    monkeypatch.setattr(timeline.yamlsrc, "_Parser", yaml.SafeLoader)
    loaded = load([HOSTILE / "surrogate_escape.yaml"])
    assert loaded.timeline.events[0].title == "The \ufffd event"
    assert [_entry(p) for p in loaded.warnings] == [
        f"17:12: warning: event 'first': title {CONTROL} (U+D800); shown as \N{REPLACEMENT CHARACTER}"
    ]
    str(loaded.warnings[0]).encode("utf-8")  # printable


def test_syntax_error_late_in_the_file_reports_no_unknown_references() -> None:
    # Events before the error are checked, but the references they make cannot be: the file is cut short.
    base = (HOSTILE / "base.yaml").read_text(encoding="utf-8")
    broken = base.replace("    title: An agreement\n", "    title: An agreement: signed\n")
    problems = _problems(lambda: load_text([("b.yaml", broken.encode())]))
    assert [p.line for p in problems] == [131]
    assert "mapping values are not allowed" in problems[0].message


def test_file_over_the_size_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.yaml"
    data = (HOSTILE / "base.yaml").read_bytes()
    path.write_bytes(data)
    assert load([path], max_bytes=len(data)).timeline.events
    message = f"file is {len(data):,} bytes, over the limit of 1,024 bytes (raise it with --max-size"
    with pytest.raises(LoadError) as info:
        load([path], max_bytes=1024)
    assert [_entry(p) for p in info.value.problems] == [f"1:1: {message} if the file really is a timeline)"]
    problems = _problems(lambda: load_text([("big.yaml", data)], max_bytes=1024))
    assert [_entry(p) for p in problems] == [f"1:1: {message} if the file really is a timeline)"]
    code, out, err = _run_check(capsys, "--max-size", "1k", str(path))
    _assert_clean_output(out, err)
    assert code == 1
    assert out.startswith(f"{path}:1:1: {message}")
    code, out, err = _run_check(capsys, "--max-size", "1M", str(path))
    assert code == 0, out + err


def test_unbounded_special_file_is_cut_at_the_limit() -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    with pytest.raises(LoadError) as info:
        load(["/dev/zero"], max_bytes=4096)
    assert "file is larger than the limit of 4,096 bytes" in info.value.problems[0].message


@pytest.mark.parametrize("target", ["directory", "missing"])
def test_unreadable_paths(target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path if target == "directory" else tmp_path / "nope.yaml")
    code, out, err = _run_check(capsys, path)
    _assert_clean_output(out, err)
    assert code == 1
    assert out.startswith(f"{path}:1:1: ")


def test_problems_from_several_files_are_all_reported(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(HOSTILE / f"{name}.yaml") for name in ("dup_key", "top_scalar", "empty")]
    code, out, err = _run_check(capsys, *paths)
    _assert_clean_output(out, err)
    assert code == 1
    assert [line.split(": ")[0] for line in out.splitlines()] == [
        f"{paths[0]}:19:5",
        f"{paths[2]}:1:1",
        f"{paths[1]}:2:1",
    ]


# -- the pure-Python parser gives the same problems ------------------------------------------------

PURE_SAME = [
    "billion_laughs",
    "merge_key",
    "tag_python_apply",
    "dup_key",
    "dup_event_id",
    "two_documents",
    "deep_seq",
    "deep_map",
    "date_impossible",
    "colon_in_plain",
    "title_flow_then_text",
    "title_dash",
    "tab_indent",
    "unclosed_quote",
    "unclosed_flow",
    "key_list",
    "escapes_control",
    "yaml11_words",
]


@pytest.mark.parametrize("name", PURE_SAME)
def test_pure_parser_gives_the_same_problems(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = HOSTILE / f"{name}.yaml"
    with_libyaml = _problems(lambda: load([path]))
    monkeypatch.setattr(timeline.yamlsrc, "_Parser", yaml.SafeLoader)
    pure = _problems(lambda: load([path]))
    assert [(p.line, p.warning) for p in pure] == [(p.line, p.warning) for p in with_libyaml]
    for a, b in zip(pure, with_libyaml, strict=True):
        if "YAML syntax error" in b.message:
            # the two parsers word their errors differently; the hint is ours and the same
            assert a.message.partition("; ")[2] == b.message.partition("; ")[2]
        else:
            assert (a.col, a.message) == (b.col, b.message)
    if not any("YAML syntax error" in e for e in EXPECTED[name]):
        _check(pure, EXPECTED[name], str(path))


# -- the parsers' words our hints rely on ---------------------------------------------------------------

#: For each entry of yamlsrc.PARSER_WORDS: a document that makes the parsers say those words, whether
#: they are in the problem or the context, and a piece of the message (our hint or our wording) that
#: the words bring.
PARSER_SAMPLES = {
    "mapping value": ("a: b: c\n", "problem", "put the whole value in quotes"),
    "tab": ("a: b\n\tc: d\n", "problem", "indent with spaces"),
    "sequence entry": ("a: - b\n", "problem", "is read as a list"),
    "escape": ('a: "\\q"\n', "problem", "a backslash starts an escape"),
    "document start": ("a: b\n...\nc\n", "problem", "a timeline file is one YAML document"),
    "in a flow sequence": ("a: [b, c\nd: e\n", "context", "is a ']' or a ',' missing?"),
    "in a flow mapping": ("a: {b: c\nd: e\n", "context", "is a '}' or a ',' missing?"),
    "in a quoted value": ('a: "never closed\n', "context", "this quoted value is never closed"),
    "at the end": ('a: "never closed\n', "problem", "this quoted value is never closed"),
    "too deep": ("a: " + "[" * 1100 + "]" * 1100 + "\n", "problem", "nesting is deeper than 16 levels"),
}


def test_every_parser_word_has_a_sample() -> None:
    assert set(PARSER_SAMPLES) == set(timeline.yamlsrc.PARSER_WORDS)


@pytest.mark.parametrize("what", sorted(PARSER_SAMPLES))
@pytest.mark.parametrize("parser", ["libyaml", "pure"])
def test_the_parsers_still_say_the_words_our_hints_look_for(what: str, parser: str) -> None:
    """If a new libyaml or PyYAML words its errors differently, this fails, naming the entry of
    yamlsrc.PARSER_WORDS to update, instead of a hint silently disappearing."""
    doc, part, brought = PARSER_SAMPLES[what]
    loader = yaml.CSafeLoader if parser == "libyaml" else yaml.SafeLoader
    if parser == "libyaml" or what not in timeline.yamlsrc.PARSER_WORDS_ONLY_IN_LIBYAML:
        with pytest.raises(yaml.MarkedYAMLError) as caught:
            for _ in yaml.parse(doc, Loader=loader):
                pass
        said = (caught.value.problem if part == "problem" else caught.value.context) or ""
        words = timeline.yamlsrc.PARSER_WORDS[what]
        assert words in said.lower(), (
            f"{parser} no longer says {words!r} ({part}: {said!r}); update PARSER_WORDS[{what!r}] in "
            "timeline/yamlsrc.py so that its hint still shows"
        )
    # Either way, the curator gets the hint (for the pure parser's tab, from its column; nesting
    # too deep, from our own limit).
    problems: list[Problem] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(timeline.yamlsrc, "_Parser", loader)
        src = timeline.yamlsrc.read_source("w.yaml", doc.encode(), problems)
        assert src is not None
        assert timeline.yamlsrc.compose(src, problems) is None
    assert len(problems) == 1 and brought in problems[0].message, problems
