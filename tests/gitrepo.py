"""A real git repository in a temporary folder, for the tests of ``timeline diff`` and ``timeline log``."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

#: A small valid timeline: two actors, two sources, three events (one with a quote).
BASE = """\
title: Test chronology
actors:
  arm: {name: Armenia}
  aze: {name: Azerbaijan}
sources:
  s1: {title: First report, publisher: Agency, url: "https://example.org/1", date: 2023-07-06}
  s2: {title: Second report, publisher: Agency, url: "https://example.org/2"}
events:
  - id: talks-july
    date: 2023-07-05
    title: Talks in Brussels
    kind: meeting
    outcome: held
    actors: [arm, aze]
    summary: The leaders met in Brussels and spoke about the border.
    sources: [s1]
    quotes:
      - text: We agreed to keep talking about the border next month.
        by: A spokesman
        source: s1
  - id: statement-one
    date: 2023-08-10
    title: A statement on the corridor
    kind: statement
    actors: [aze]
    summary: Azerbaijan said the corridor would stay open.
    sources: [s2]
  - id: report-one
    date: 2023-09
    title: A report on the region
    kind: report
    actors: [arm]
    summary: A report described the situation in the region.
    sources: [s2]
"""


class Repo:
    """``git`` run in ``path`` with a clean configuration (no system or user settings)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Tess Tester")
        self.git("config", "user.email", "tess@example.org")

    def git(self, *args: str) -> str:
        done = subprocess.run(["git", *args], cwd=self.path, capture_output=True, text=True, check=True)
        return done.stdout

    def write(self, text: str, name: str = "timeline.yaml") -> Path:
        path = self.path / name
        path.write_text(text, encoding="utf-8")
        return path

    def commit(self, text: str | None, message: str, name: str = "timeline.yaml") -> str:
        if text is not None:
            self.write(text, name)
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)
        return self.git("rev-parse", "HEAD").strip()


@pytest.fixture(name="repo")
def repo_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """An empty repository (branch ``main``) that is the current folder, git configured for it alone."""
    home = tmp_path / "home"
    home.mkdir()
    folder = tmp_path / "repo"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "NO_COLOR", "GIT_PAGER_IN_USE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(folder)
    return Repo(folder)


def git_env() -> dict[str, str]:
    """The environment the fixture set up, for a child process."""
    return dict(os.environ)
