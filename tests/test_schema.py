"""``timeline schema``: a JSON Schema that accepts what the loader accepts and rejects the shape mistakes.

Files are read with ``yaml.safe_load`` as an editor's YAML support would read them; PyYAML
(YAML 1.1) turns unquoted dates into ``date`` objects, which yaml-language-server (YAML 1.2)
and the loader both read as text, so they are turned back into their ISO text first.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from timeline import LoadError, bundled_path, load_text
from timeline.cli import main
from timeline.format import keys_of
from timeline.schema import REQUIRED, URL_PATTERN, schema

HOSTILE = Path(__file__).parent / "hostile"
load_module = importlib.import_module("timeline.load")  # the module, not the function the package exports

VALIDATOR = jsonschema.Draft202012Validator(schema())


def as_yaml12(value: Any) -> Any:
    """``value`` from ``yaml.safe_load`` with dates as the text they were written as."""
    if isinstance(value, dict):
        return {k: as_yaml12(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_yaml12(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def errors_of(text: str) -> list[str]:
    return [e.message for e in VALIDATOR.iter_errors(as_yaml12(yaml.safe_load(text)))]


def loader_accepts(name: str, data: bytes) -> bool:
    try:
        load_text([(name, data)])
    except LoadError:
        return False
    return True


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_command_prints_the_schema_as_json() -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["schema"]) == 0
    assert json.loads(out.getvalue()) == schema()
    assert out.getvalue().endswith("}\n")


def test_the_bundled_timeline_is_valid() -> None:
    text = bundled_path().read_text(encoding="utf-8")
    assert errors_of(text) == []


def test_the_format_additions_are_valid(sample_text: str) -> None:
    from test_format import LINKED

    assert errors_of(LINKED) == []
    assert errors_of(sample_text) == []
    text = (
        "title: T\nrequire: [actors]\neras:\n  - {name: War, start: 1988-02, end: 1994-05-12}\n"
        "actors: {az: {name: A}}\nevents:\n  - {id: a, date: 2023, title: T, kind: report, summary: S, "
        "actors: [az], links: [{to: b, type: see-also, note: n}]}\n"
    )
    assert errors_of(text) == []


# The corpus files whose mistake is one of shape, which the schema must catch.
SHAPE_MISTAKES = [
    "unknown_key",
    "control_in_key",
    "title_list",
    "title_mapping",
    "title_null",
    "events_empty",
    "events_null",
    "events_mapping",
    "events_scalar",
    "null_event",
    "scalar_event",
    "top_list",
    "top_scalar",
    "no_events",
    "url_javascript",
    "url_file",
    "url_data",
    "url_ftp",
    "url_relative",
    "unknown_kind",
    "require_missing",
    "link_type_unknown",
    "account_no_source",
]


@pytest.mark.parametrize("name", SHAPE_MISTAKES)
def test_the_corpus_shape_mistakes_are_rejected(name: str) -> None:
    data = (HOSTILE / f"{name}.yaml").read_bytes()
    assert not loader_accepts(name, data)
    assert errors_of(data.decode("utf-8")), f"the schema accepts {name}.yaml"


def test_every_corpus_file_the_loader_accepts_is_valid() -> None:
    accepted = []
    for path in sorted(HOSTILE.glob("*.yaml")):
        data = path.read_bytes()
        if not loader_accepts(path.name, data):
            continue
        accepted.append(path.stem)
        assert errors_of(data.decode("utf-8")) == [], path.name
    assert {"base", "yaml11_words", "id_007", "date_unquoted"} <= set(accepted)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("kind: war", "kind: battle"), "'battle' is not one of"),
        (("    outcome: held\n", ""), "'outcome' is a required property"),
        (("kind: war", "kind: war\n    outcome: held"), "'held' is not one of ['', None]"),
        (("title: The first war", "title: [a, b]"), "is not of type"),
        (("title: The first war", "title:"), "None is not of type"),
        (("    summary: The two sides fought.\n", ""), "'summary' is a required property"),
        (("short: N", "short: Northerner"), "'Northerner' does not match"),
        (("date: 1994-05-12", "dates: 1994-05-12"), "Additional properties are not allowed ('dates'"),
        (("tags: [talks, mediation]", "tags: [Talks]"), "does not match"),
        (("tags: [talks, mediation]", "tags: talks"), "is not of type 'array'"),
    ],
)
def test_shape_mistakes_in_the_base_file_are_rejected(change: tuple[str, str], message: str) -> None:
    text = (HOSTILE / "base.yaml").read_text(encoding="utf-8")
    assert change[0] in text
    bad = text.replace(change[0], change[1], 1)
    assert not loader_accepts("bad.yaml", bad.encode())
    assert any(message in e for e in errors_of(bad)), errors_of(bad)


LINK_BASE = (
    "title: T\nactors: {{az: {{name: A}}}}\n"
    "sources: {{s1: {{title: S, publisher: P, date: 2023, url: 'https://e.org'}}}}\n"
    "events:\n  - id: a\n    date: 2023\n    title: A\n    kind: report\n    summary: S\n{}"
    "  - {{id: b, date: 2023, title: B, kind: report, summary: S}}\n"
)


@pytest.mark.parametrize(
    "extra",
    [
        "    links: [{to: b, type: answers}]\n",
        "    links: [{to: b}]\n",
        "    links: [{to: b, type: leads-to, why: x}]\n",
        "    links: b\n",
        "    accounts: [{text: T, source: s1}]\n",
        "    accounts: [{by: X, source: s1}]\n",
        "    accounts: [{by: X, text: T, source: s1, quote: Q}]\n",
    ],
)
def test_link_and_account_shape_mistakes_are_rejected(extra: str) -> None:
    text = LINK_BASE.format(extra)
    assert not loader_accepts("t.yaml", text.encode())
    assert errors_of(text), extra


def test_eras_and_require_shape_mistakes_are_rejected() -> None:
    good = "title: T\nevents:\n  - {id: a, date: 2023, title: A, kind: report, summary: S}\n"
    assert errors_of(good) == []
    for head in (
        "require: [actors, sourcs]\n",
        "require: [actors]\n",
        "eras: [{name: War, start: 1988}]\n",
        "eras: [{name: War, start: 1988, end: 1994, until: 1995}]\n",
        "eras: War\n",
    ):
        text = good.replace("events:", head + "events:")
        assert not loader_accepts("t.yaml", text.encode()), head
        assert errors_of(text), head


def test_required_keys_are_those_the_loader_requires() -> None:
    """Each key the schema requires is one the loader reports missing, and no other key is."""
    text = (
        "title: T\nrequire: []\n"
        "eras: [{name: W, start: 1988, end: 1994, description: D}]\n"
        "actors: {az: {name: A, short: AZ, aliases: [X], description: D}}\n"
        "sources: {s1: {title: S, publisher: P, authors: [W], date: 2023, url: 'https://e.org'}}\n"
        "events:\n"
        "  - {id: b, date: 2023, title: B, kind: report, summary: S}\n"
        "  - id: a\n    date: 2023\n    end: 2024\n    title: A\n    kind: proposal\n    outcome: declined\n"
        "    declined_by: [az]\n    actors: [az]\n    location: L\n    tags: [t]\n    summary: S\n"
        "    quotes: [{text: Q, by: X, actor: az, source: s1}]\n    sources: [s1]\n"
        "    links: [{to: b, type: see-also, note: N}]\n"
        "    accounts: [{by: X, actor: az, text: T, source: s1}]\n"
    )
    assert loader_accepts("t.yaml", text.encode())
    # Where each part sits in the file, and the keys the loader allows there.
    parts: dict[str, tuple[Callable[[Any], dict[str, Any]], tuple[str, ...]]] = {
        "timeline": (lambda r: r, keys_of("timeline")),
        "actor": (lambda r: r["actors"]["az"], keys_of("actor")),
        "source": (lambda r: r["sources"]["s1"], keys_of("source")),
        "era": (lambda r: r["eras"][0], keys_of("era")),
        "event": (lambda r: r["events"][1], keys_of("event")),
        "quote": (lambda r: r["events"][1]["quotes"][0], keys_of("quote")),
        "link": (lambda r: r["events"][1]["links"][0], keys_of("link")),
        "account": (lambda r: r["events"][1]["accounts"][0], keys_of("account")),
    }
    checked = 0
    for what, (find, keys) in parts.items():
        for key in keys:
            root = yaml.safe_load(text)
            mapping = find(root)
            if key not in mapping:
                continue  # timezone: the dates helper's key, not written in this file
            del mapping[key]
            if what == "account" and key == "by":
                del mapping["actor"]  # by or actor: either alone is enough
            if what == "event" and key == "outcome":
                mapping["kind"] = "report"  # only meetings and proposals need one
                del mapping["declined_by"]
            dumped = yaml.safe_dump(as_yaml12(root), sort_keys=False)
            accepted = loader_accepts("t.yaml", dumped.encode())
            schema_ok = not list(VALIDATOR.iter_errors(as_yaml12(root)))
            checked += 1
            if (what, key) in {("timeline", "actors"), ("timeline", "sources")}:
                # the events refer to them: a reference problem, which 'timeline check' reports
                assert schema_ok and not accepted
                continue
            assert accepted == schema_ok, (what, key, accepted)
            if (what, key) not in {("account", "by"), ("event", "outcome"), ("event", "declined_by")}:
                assert accepted == (key not in REQUIRED[what]), (what, key)
    assert checked >= 40


def test_a_key_added_to_the_format_table_is_in_the_schema_and_the_loader() -> None:
    """One change in one place: a key added to the table (in a fresh interpreter, before anything
    reads it) is described by the schema and read by the loader, which refused it before."""
    script = """
import dataclasses, json, sys
import timeline.format as f
link = f.SECTIONS["link"]
weight = f.Key("weight", "line", False, "How strong the link is.")
if sys.argv[1] == "added":
    f.SECTIONS["link"] = dataclasses.replace(link, keys=(*link.keys, weight))
from timeline import LoadError, load_text
from timeline.schema import schema
props = schema()["properties"]["events"]["items"]["properties"]["links"]["items"]["properties"]
text = open(sys.argv[2], "rb").read()
try:
    load_text([("t.yaml", text)])
    said = ""
except LoadError as exc:
    said = str(exc.problems[0])
print(json.dumps({"described": props.get("weight", {}).get("description", ""), "said": said}))
"""
    text = (
        "title: T\nevents:\n  - {id: a, date: 2023, title: A, kind: report, summary: S}\n"
        "  - {id: b, date: 2023, title: B, kind: report, summary: S,"
        " links: [{to: a, type: see-also, weight: strong}]}\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.yaml"
        path.write_text(text, encoding="utf-8")
        outcomes = {}
        for how in ("as it is", "added"):
            result = subprocess.run(
                [sys.executable, "-c", script, how, str(path)],
                capture_output=True,
                text=True,
                check=True,
                cwd=Path(__file__).resolve().parent.parent,
                env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
            )
            outcomes[how] = json.loads(result.stdout)
    assert "unknown key 'weight' in a link" in outcomes["as it is"]["said"]
    assert outcomes["as it is"]["described"] == ""
    assert outcomes["added"] == {"described": "How strong the link is. One line.", "said": ""}


def test_a_kind_of_value_the_schema_has_no_rule_for_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    import timeline.format as format_module

    link = format_module.SECTIONS["link"]
    odd = format_module.Key("weight", "line", False, "How strong.")
    object.__setattr__(odd, "kind", "colour")  # past the table's own check of its kinds
    monkeypatch.setitem(
        format_module.SECTIONS, "link", format_module.Section("link", link.help, (*link.keys, odd))
    )
    with pytest.raises(ValueError, match="weight"):
        schema()


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/a",
        "HTTP://EXAMPLE.ORG",
        "http://e.org/x?q=1#top",
        "javascript:alert(1)",
        "ftp://example.org",
        "example.org/report",
        "https:// spaced",
        "file:///etc/passwd",
    ],
)
def test_the_url_pattern_agrees_with_the_loader(url: str) -> None:
    import re

    assert bool(re.match(URL_PATTERN, url)) == bool(load_module._URL.match(url))


def test_a_file_with_the_readme_modeline_still_loads(tmp_path: Path) -> None:
    out = io.StringIO()
    with redirect_stdout(out):
        main(["schema"])
    (tmp_path / "timeline.schema.json").write_text(out.getvalue(), encoding="utf-8")
    text = "# yaml-language-server: $schema=./timeline.schema.json\n" + bundled_path().read_text(
        encoding="utf-8"
    )
    assert loader_accepts("t.yaml", text.encode())
    assert errors_of(text) == []
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=./timeline.schema.json" in readme
    assert "timeline schema > timeline.schema.json" in readme
