"""Shared helpers: write YAML timelines to a temporary folder and build small valid ones.

The helpers are handed out as fixtures (``event_text``, ``timeline_text``, ``locate``,
``write_timeline``, ``sample_text``...) rather than imported, so they never depend on
which ``conftest`` module is current.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from timeline import Timeline, load

# The suite runs in several processes on few cores (see pyproject.toml), so no property test has
# a per-example deadline, and none fails because drawing its examples is slow: speed is the
# benchmark's to measure, not a unit test's. In CI they also draw the same examples every run, so
# a run is repeatable; elsewhere they draw new ones, to keep finding cases.
settings.register_profile("busy", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", parent=settings.get_profile("busy"), derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "busy")


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook: without it, "-n auto" is one per core
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """One test process more than the cores: the app's tests mostly wait, so an extra one fills the gaps.

    PYTEST_XDIST_AUTO_NUM_WORKERS, or ``-n logical``, still decide when given (None: xdist's own rule).
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS") or config.getoption("numprocesses", None) == "logical":
        return None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores + 1


@pytest.fixture(autouse=True, scope="session")
def _pauses_drain() -> Iterator[None]:
    """Every ``pilot.pause()`` (and ``pilot.press``, which pauses after each key) waits for the
    messages already sent to be handled, not only for the process to look idle (see ``pilot.draining``)."""
    from pilot import counting, draining
    from textual.message_pump import MessagePump
    from textual.pilot import Pilot

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(MessagePump, "_dispatch_message", counting(MessagePump._dispatch_message))
        patch.setattr(Pilot, "pause", draining(Pilot.pause))
        yield


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes the parse cache into the real ~/.cache: each gets its own XDG_CACHE_HOME."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    # Nor onto the real clipboard: with no display, no clipboard tool is tried (see tui.handoff).
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "WSL_DISTRO_NAME"):
        monkeypatch.delenv(name, raising=False)
    # The app draws with fewer colours on a terminal that has 16 (TERM=xterm, no COLORTERM): the
    # tests see one with all of them, whatever terminal runs them (tests/test_colours.py: 16).
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.delenv("NO_COLOR", raising=False)


#: The head of a minimal valid timeline: title, three actors, two sources, then ``events:``.
HEAD = """\
title: Test timeline
actors:
  az:
    name: Azerbaijan
    short: AZ
    aliases: [Baku]
  nk:
    name: Nagorno-Karabakh
    aliases: [Stepanakert, Artsakh]
  ru:
    name: Russia
    aliases: [Moscow, Kremlin]
sources:
  s1:
    title: A first source
    publisher: Eurasianet
    date: 2023-08
    url: https://example.com/first
  s2:
    title: A second source
    publisher: Reuters
    date: 2023-09-20
    url: https://example.com/second
events:
"""


def _event_text(
    event_id: str,
    *,
    date: str = "2023-07-05",
    title: str = "Something happened",
    kind: str = "statement",
    actors: str = "[az]",
    summary: str = "What happened, in the curator's words.",
    sources: str = "[s1]",
    **extra: str,
) -> str:
    """One item of the ``events:`` list; ``extra`` adds keys (``end``, ``outcome``...) verbatim."""
    fields = {
        "id": event_id,
        "date": date,
        "title": title,
        "kind": kind,
        **extra,
        "actors": actors,
        "summary": summary,
        "sources": sources,
    }
    lines = [f"{'  - ' if i == 0 else '    '}{key}: {value}" for i, (key, value) in enumerate(fields.items())]
    return "\n".join(lines) + "\n"


def _timeline_text(*events: str, head: str = HEAD) -> str:
    """A whole timeline file: ``head`` followed by the given event items."""
    return head + "".join(events or (_event_text("only-event"),))


def _locate(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """1-based line and column of the ``nth`` occurrence of ``needle`` in ``text``."""
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    col = at - (text.rfind("\n", 0, at) + 1) + 1
    return line, col


#: A richer timeline used by the filter, CLI and Markdown tests; the comment after each
#: event gives its place in chronological order (which differs from file order on purpose).
SAMPLE = """\
title: Sample talks
description: A small chronology for the tests.
actors:
  az:
    name: Azerbaijan
    short: AZ
    aliases: [Baku]
  nk:
    name: Nagorno-Karabakh
    short: NK
    aliases: [Stepanakert, Artsakh]
  ru:
    name: Russia
    aliases: [Moscow, Kremlin]
  eu:
    name: European Union
    short: EU
    aliases: [Brussels]
sources:
  s1:
    title: More false starts
    publisher: Eurasianet
    date: 2023-08
    url: https://example.com/false-starts
  s2:
    title: Ceasefire report
    publisher: Reuters
    date: 1994-05-12
    url: https://example.com/ceasefire
events:
  - id: statement-aug                       # 6th
    date: 2023-08
    title: Statement on the blockade
    kind: statement
    actors: [nk]
    tags: [blockade]
    summary: The blockade continues.
    quotes:
      - text: in no way contributes to dialogue
        by: Karabakh Foreign Ministry
        actor: nk
        source: s1
    sources: [s1]
  - id: first-war                           # 1st
    date: 1991
    end: 1994
    title: First war
    kind: war
    actors: [az, nk]
    tags: [war]
    summary: Fighting over the region.
    sources: [s2]
  - id: yevlakh-proposal                    # 5th
    date: early 2023-08
    title: Talks proposed
    kind: proposal
    outcome: declined
    declined_by: [nk]
    actors: [az, nk]
    location: Yevlakh
    tags: [talks]
    summary: |
      Baku proposed talks; Stepanakert refused.

      A second paragraph.
    sources: [s1]
  - id: ceasefire-1994                      # 2nd
    date: 1994-05-12
    title: Bishkek ceasefire
    kind: ceasefire
    actors: [az, nk, ru]
    location: Bishkek
    tags: [war, mediation]
    summary: A truce takes hold.
    sources: [s2, s1]
  - id: peacekeeper-talks                   # 3rd
    date: 2023-03
    title: Talks mediated by peacekeepers
    kind: meeting
    outcome: not-held
    actors: [az, nk, ru]
    tags: [talks, mediation]
    summary: Planned, then called off.
    sources: [s1]
  - id: brussels-meeting                    # 4th
    date: 2023-07-15
    title: Leaders meet in Brussels
    kind: meeting
    outcome: held
    actors: [az, eu]
    location: Brussels
    tags: [talks, mediation]
    summary: Talks under EU auspices.
    quotes:
      - text: constructive and substantive
        by: Charles Michel
        actor: eu
    sources: [s1]
  - id: pending-offer                       # 7th
    date: 2023-09-18
    title: Offer of a new round
    kind: proposal
    outcome: pending
    actors: [ru]
    summary: An offer awaiting an answer.
    sources: [s1]
"""

#: SAMPLE's event ids in chronological order.
SAMPLE_ORDER = [
    "first-war",
    "ceasefire-1994",
    "peacekeeper-talks",
    "brussels-meeting",
    "yevlakh-proposal",
    "statement-aug",
    "pending-offer",
]


@pytest.fixture
def event_text() -> Callable[..., str]:
    return _event_text


@pytest.fixture
def timeline_text() -> Callable[..., str]:
    return _timeline_text


@pytest.fixture
def head_text() -> str:
    return HEAD


@pytest.fixture
def locate() -> Callable[..., tuple[int, int]]:
    return _locate


@pytest.fixture
def sample_text() -> str:
    return SAMPLE


@pytest.fixture
def sample_order() -> list[str]:
    return list(SAMPLE_ORDER)


@pytest.fixture
def write_timeline(tmp_path: Path) -> Callable[..., Path]:
    """``write_timeline(text, name="timeline.yaml")`` writes ``text`` under tmp_path; returns the path."""

    def write(text: str | bytes, name: str = "timeline.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, str):
            text = text.encode("utf-8")
        path.write_bytes(text)
        return path

    return write


@pytest.fixture
def sample_path(write_timeline: Callable[..., Path]) -> Path:
    return write_timeline(SAMPLE, "sample.yaml")


@pytest.fixture
def sample(sample_path: Path) -> Timeline:
    loaded = load([sample_path])
    assert loaded.warnings == []
    return loaded.timeline
