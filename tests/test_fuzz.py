"""Mutated timelines: loading ends in a Timeline or in located problems, never anything else.

A valid timeline (the fixture ``tests/hostile/base.yaml``, and the curated
``events.yaml`` whenever it loads) is damaged the way hands and tools damage
files: lines deleted, duplicated, swapped or re-indented, bytes flipped, YAML
indicators, tabs, control bytes and broken UTF-8 inserted.  Whatever comes
out, ``load_text`` must return a timeline or raise ``LoadError`` whose
problems all point inside the file, with text that is safe to print, and
must do so quickly, with libyaml's parser and with the pure-Python one.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import timeline.load
import timeline.yamlsrc
from timeline import LoadError, Problem, load_text
from timeline.load import bundled_path

tload = sys.modules["timeline.load"]  # the module (the package's `load` is the function)
HOSTILE = Path(__file__).parent / "hostile"
TIME_LIMIT = 2.0  # seconds of CPU for one load, whatever the input (a load takes milliseconds)


def _bases() -> list[bytes]:
    bases = [(HOSTILE / "base.yaml").read_bytes()]
    curated = bundled_path()
    try:
        data = curated.read_bytes()
        load_text([(str(curated), data)])
    except (OSError, LoadError):
        return bases  # still being written: fuzz the fixture alone
    return [*bases, data]


BASES = _bases()

SPECIAL = [
    b":",
    b": ",
    b" : ",
    b"&",
    b"&a ",
    b"*",
    b"*a",
    b"!",
    b"!!python/object/apply:os.system ",
    b"[",
    b"]",
    b"{",
    b"}",
    b",",
    b'"',
    b"'",
    b"\\",
    b"#",
    b"- ",
    b"? ",
    b"|",
    b">",
    b"%",
    b"@",
    b"`",
    b"<<: ",
    b"---\n",
    b"...\n",
    b"\t",
    b"\n",
    b"\r",
    b"\r\n",
    b"\x00",
    b"\x1b",
    b"\x07",
    b"\x7f",
    "\x85".encode(),
    "\x9b".encode(),
    "\u2028".encode(),
    "\u202e".encode(),
    "\ufeff".encode(),
    "\ufffe".encode(),
    b"\xff",
    b"\xc3",
    b"\xe2\x80",
    b"\xed\xa0\x80",  # an encoded surrogate: invalid UTF-8
    b'"\\e]52;c;cHduZWQ=\\a"',
    b'"\\ud800"',
    b"2023-02-30",
    b"9999999999",
    b"null",
]

_pos = st.integers(min_value=0, max_value=2**31)
MUTATION = st.one_of(
    st.tuples(st.just("delete"), _pos),
    st.tuples(st.just("duplicate"), _pos),
    st.tuples(st.just("swap"), _pos, _pos),
    st.tuples(st.just("indent"), _pos, st.sampled_from([b"", b" ", b"  ", b"   ", b"\t", b" \t"])),
    st.tuples(st.just("flip"), _pos, st.integers(min_value=0, max_value=7)),
    st.tuples(st.just("insert"), _pos, st.sampled_from(SPECIAL)),
    st.tuples(st.just("insert"), _pos, st.binary(min_size=1, max_size=4)),
    st.tuples(st.just("truncate"), _pos),
)


def _mutate(data: bytes, mutations: list[tuple[object, ...]]) -> bytes:
    for op, where, *args in mutations:
        assert isinstance(where, int)
        lines = data.splitlines(keepends=True)
        if op in ("delete", "duplicate", "swap", "indent") and lines:
            i = where % len(lines)
            if op == "delete":
                del lines[i]
            elif op == "duplicate":
                lines.insert(i, lines[i])
            elif op == "swap":
                j = args[0] % len(lines)  # type: ignore[operator]
                lines[i], lines[j] = lines[j], lines[i]
            else:
                assert isinstance(args[0], bytes)
                lines[i] = args[0] + lines[i].lstrip(b" \t")
            data = b"".join(lines)
        elif op == "flip" and data:
            i = where % len(data)
            data = data[:i] + bytes([data[i] ^ (1 << args[0])]) + data[i + 1 :]  # type: ignore[operator]
        elif op == "insert":
            assert isinstance(args[0], bytes)
            i = where % (len(data) + 1)
            data = data[:i] + args[0] + data[i:]
        elif op == "truncate":
            data = data[: where % (len(data) + 1)]
    return data


UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@contextmanager
def _parser(name: str) -> Iterator[None]:
    saved = timeline.yamlsrc._Parser
    if name == "pure":
        timeline.yamlsrc._Parser = yaml.SafeLoader
    try:
        yield
    finally:
        timeline.yamlsrc._Parser = saved


def _assert_located(p: Problem, data: bytes) -> None:
    lines = data.split(b"\n")
    assert p.file == "fuzz.yaml"
    assert p.message and "\n" not in p.message
    assert 1 <= p.line <= len(lines), (p, len(lines))
    assert 1 <= p.col <= len(lines[p.line - 1]) + 1, (p, lines[p.line - 1][:200])
    text = str(p)
    assert not UNSAFE.search(text), text
    text.encode("utf-8")  # printable on any UTF-8 terminal


def _check(data: bytes) -> None:
    start = time.process_time()  # CPU time: other processes on the machine do not count
    try:
        loaded = load_text([("fuzz.yaml", data)])
    except LoadError as exc:
        assert exc.errors, "LoadError without an error"
        problems = exc.problems
    else:
        assert loaded.timeline.events
        problems = loaded.warnings
        assert all(p.warning for p in problems)
    elapsed = time.process_time() - start
    assert elapsed < TIME_LIMIT, f"loading took {elapsed:.2f}s"
    for p in problems:
        _assert_located(p, data)


@settings(
    max_examples=200,
    deadline=None,  # no wall clock (see tests/conftest.py): _check limits the CPU time
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    base=st.sampled_from(range(len(BASES))),  # an index, so that failing examples print short
    mutations=st.lists(MUTATION, min_size=1, max_size=6),
    parser=st.sampled_from(["libyaml", "pure"]),
)
def test_mutated_timeline_loads_or_fails_located(
    base: int, mutations: list[tuple[object, ...]], parser: str
) -> None:
    with _parser(parser):
        _check(_mutate(BASES[base], mutations))


@settings(max_examples=100, deadline=None)  # _check limits the CPU time
@given(
    value=st.text(
        st.characters(codec="utf-8", exclude_categories=["Cs"])
        | st.sampled_from(list(":&*![]{}\"'#|>%@`- ~\t\\")),
        max_size=30,
    )
)
def test_any_title_or_date_text_is_handled(value: str) -> None:
    """Whatever a curator types as a value, written plain, quoted, or as a date."""
    base = (HOSTILE / "base.yaml").read_bytes()
    raw = value.encode("utf-8")
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').encode("utf-8")
    for old, new in (
        (b"title: The first war", b"title: " + raw),
        (b"title: The first war", b'title: "' + escaped + b'"'),
        (b"date: 1994-05-12", b"date: " + raw),
        (b"date: 1994-05-12", b'date: "' + escaped + b'"'),
    ):
        assert base.count(old) == 1
        _check(base.replace(old, new))


def test_the_bases_load() -> None:
    for data in BASES:
        assert load_text([("base.yaml", data)]).timeline.events
