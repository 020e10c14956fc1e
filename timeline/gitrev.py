"""Timelines at git revisions, read through git's own command line.

A timeline at a revision is loaded by the normal loader from the blob's bytes, under the name
``REV:PATH`` (so a problem is located ``REV:PATH:LINE:COL``), and through the parse cache like a
file: a revision already loaded is read back, not parsed again. Every failure of git (not a
repository, an unknown revision, a file missing at a revision, git not installed) is a
:class:`GitError` with a one-line message.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .history import TimelineDiff, diff_timelines
from .load import DEFAULT_MAX_BYTES, Loaded, _through_cache, load_text
from .model import Timeline
from .problems import LoadError, Problem
from .yamlsrc import too_large

__all__ = [
    "AtRevision",
    "Commit",
    "GitError",
    "NotAtRevision",
    "changes_since",
    "file_history",
    "load_blobs",
    "load_found",
    "marked_files",
    "read_at",
    "read_blob",
    "read_files_at",
    "renamed_since",
    "split_rev_path",
    "toplevel",
    "verify",
]


class GitError(Exception):
    """git could not give what was asked; the message is one line, for people."""


class NotAtRevision(GitError):
    """The file is not in the revision (the revision itself exists)."""


def _git(args: Sequence[str], cwd: str | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_PAGER": "cat", "LC_ALL": "C"}
    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=off", *args], capture_output=True, cwd=cwd, env=env, check=False
        )
    except FileNotFoundError:
        raise GitError("git is not installed: only files can be compared") from None


def toplevel(cwd: str | None = None) -> Path | None:
    """The root of the work tree holding ``cwd`` (the current folder); None outside a repository."""
    done = _git(["rev-parse", "--show-toplevel"], cwd)
    if done.returncode != 0:
        return None
    return Path(os.fsdecode(done.stdout.rstrip(b"\n")))


def _root(cwd: str | None = None) -> Path:
    root = toplevel(cwd)
    if root is None:
        raise GitError("not in a git repository: revisions need one (two files can be compared anywhere)")
    return root


def verify(rev: str, cwd: str | None = None) -> str:
    """The commit ``rev`` names (its full hash); :class:`GitError` if it names none."""
    _root(cwd)
    if rev.startswith("-"):
        raise GitError(f"unknown revision {rev!r}")
    done = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], cwd)
    if done.returncode != 0:
        raise GitError(f"unknown revision {rev!r}")
    return done.stdout.decode().strip()


def split_rev_path(text: str) -> tuple[str, str] | None:
    """``("HEAD~1", "events.yaml")`` for ``HEAD~1:events.yaml``; None for a plain file name.

    A name that is an existing file is a file even with a colon in it.
    """
    rev, colon, path = text.partition(":")
    if not colon or not rev or not path or os.path.exists(text):
        return None
    return rev, path


def _in_repo(path: str, root: Path) -> str:
    """``path`` (as given, relative to the current folder) relative to the repository's root."""
    full = Path(os.path.abspath(path))
    try:
        return full.relative_to(root.resolve()).as_posix()
    except ValueError:
        try:
            return full.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            raise GitError(f"{path} is outside the repository at {root}") from None


def read_at(rev: str, path: str, max_bytes: int = DEFAULT_MAX_BYTES, cwd: str | None = None) -> bytes:
    """The bytes of ``path`` (a file name as given, relative to the current folder) at ``rev``."""
    root = _root(cwd)
    commit = verify(rev, cwd)
    inside = _in_repo(path if cwd is None else os.path.join(cwd, path), root)
    spec = f"{commit}:{inside}"
    size = _git(["cat-file", "-s", spec], cwd)
    if size.returncode != 0:
        raise NotAtRevision(f"{rev}:{path}: no such file at {rev}")
    if int(size.stdout.strip() or 0) > max_bytes:
        raise LoadError([Problem(f"{rev}:{path}", 1, 1, too_large(int(size.stdout.strip()), max_bytes))])
    done = _git(["cat-file", "blob", spec], cwd)
    if done.returncode != 0:
        raise GitError(f"{rev}:{path}: cannot read it at {rev}")
    return done.stdout


def load_blobs(
    contents: list[tuple[str, bytes]], *, max_bytes: int = DEFAULT_MAX_BYTES, cache: bool = True
) -> Loaded:
    """Load ``(name, bytes)`` pairs read from git, through the parse cache (see :mod:`timeline.cache`)."""
    if cache:
        return _through_cache(contents, max_bytes, None)
    return load_text(contents, max_bytes=max_bytes)


@dataclass(frozen=True)
class AtRevision:
    """One file of a timeline as it was at ``rev``: read under the name it had there (when git's
    rename detection says it was renamed since), or not there at all (it then counts as empty:
    its events are new since)."""

    rev: str
    #: the file's name as given (now), relative to the current folder
    path: str
    #: its bytes at ``rev``; None when it is not there
    data: bytes | None
    #: the name it had at ``rev`` when it was renamed since (relative to the current folder)
    before: str | None = None

    @property
    def name(self) -> str:
        """``REV:PATH``, PATH its name at the revision: what its problems are located by."""
        return f"{self.rev}:{self.before or self.path}"

    def note(self) -> str | None:
        """What a reader should know of how it was read (``b.yaml was a.yaml at HEAD~1``), or None."""
        if self.data is None:
            return f"{self.path} is not there at {self.rev}: its events count as added"
        if self.before is not None:
            return f"{self.path} was {self.before} at {self.rev}"
        return None


def read_files_at(
    rev: str,
    paths: Sequence[str],
    new_rev: str | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cwd: str | None = None,
) -> list[AtRevision]:
    """Each of ``paths`` as it was at ``rev``: followed to the name it had there when it was renamed
    since (up to ``new_rev``, or the working tree), not there (``data`` None) when it did not
    exist. ``timeline diff REV`` and ``--since REV`` read the earlier version so, alike."""
    found = []
    for path in paths:
        try:
            found.append(AtRevision(rev, path, read_at(rev, path, max_bytes, cwd)))
            continue
        except NotAtRevision:
            pass
        before = renamed_since(rev, path, new_rev, cwd)
        data = None if before is None else read_at(rev, before, max_bytes, cwd)
        found.append(AtRevision(rev, path, data, before))
    return found


def load_found(
    found: Sequence[AtRevision], *, max_bytes: int = DEFAULT_MAX_BYTES, cache: bool = True
) -> Loaded:
    """The timeline made of the files of ``found`` that are there (an empty one when none is)."""
    there = [(f.name, f.data) for f in found if f.data is not None]
    if not there:
        return Loaded(Timeline("", {}, {}, ()))
    return load_blobs(there, max_bytes=max_bytes, cache=cache)


def changes_since(
    rev: str,
    paths: Sequence[str],
    current: Timeline,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cache: bool = True,
    cwd: str | None = None,
) -> tuple[TimelineDiff, list[AtRevision]]:
    """What changed in ``current`` (the timeline of ``paths`` as loaded now) since ``rev``, and how
    each file was read there (:func:`read_files_at`: a renamed one followed, a missing one empty):
    for an app that marks what is new (``diff.of(event_id)``, ``diff.removed``). Raises
    :class:`GitError` (no repository, unknown revision) or :class:`LoadError` (located
    ``REV:FILE:LINE:COL``)."""
    found = read_files_at(rev, paths, max_bytes=max_bytes, cwd=cwd)
    return diff_timelines(load_found(found, max_bytes=max_bytes, cache=cache).timeline, current), found


@dataclass(frozen=True)
class Commit:
    """One commit of a file's history, with the file's name before and after it."""

    sha: str
    date: str  # ISO 8601, the author's date
    author: str
    subject: str
    #: the first parent ("" for a root commit)
    parent: str
    #: the file's name in the commit and in its parent ("" where it does not exist)
    path: str
    old_path: str
    #: the file's blob in the commit and in its parent ("" where it does not exist)
    blob: str = ""
    old_blob: str = ""


def file_history(path: str, cwd: str | None = None) -> list[Commit]:
    """The commits that changed ``path``, newest first, following it across renames (``git log --follow``)."""
    root = _root(cwd)
    inside = _in_repo(path if cwd is None else os.path.join(cwd, path), root)
    done = _git(
        [
            "log",
            "--follow",
            "-M",
            "--no-abbrev",
            "--raw",
            "--format=%x00%H%x1f%P%x1f%aI%x1f%an%x1f%s",
            "--",
            inside,
        ],
        str(root),
    )
    if done.returncode != 0:
        raise GitError(f"git log failed for {path}: {done.stderr.decode(errors='replace').strip()[:200]}")
    commits = []
    for chunk in done.stdout.decode("utf-8", "replace").split("\x00")[1:]:
        head, _, raw = chunk.partition("\n")
        sha, parents, date, author, subject = (head.split("\x1f") + [""] * 5)[:5]
        new_path = old_path = inside
        new_blob = old_blob = ""
        for line in raw.splitlines():
            if not line.startswith(":"):
                continue
            meta, _, names = line.partition("\t")
            fields = meta.split()
            status, old_blob, new_blob = fields[-1], fields[2], fields[3]
            parts = names.split("\t")
            if status.startswith(("R", "C")) and len(parts) == 2:
                old_path, new_path = parts
            else:
                old_path = new_path = parts[0]
            if status.startswith("A"):
                old_path, old_blob = "", ""
            elif status.startswith("D"):
                new_path, new_blob = "", ""
        parent = parents.split()[0] if parents.split() else ""
        if not parent:
            old_path, old_blob = "", ""
        commits.append(Commit(sha, date, author, subject, parent, new_path, old_path, new_blob, old_blob))
    return commits


def read_blob(blob: str, name: str, max_bytes: int = DEFAULT_MAX_BYTES, cwd: str | None = None) -> bytes:
    """The bytes of the blob ``blob`` (a hash from :func:`file_history`), called ``name`` in messages."""
    done = _git(["cat-file", "blob", blob], cwd)
    if done.returncode != 0:
        raise GitError(f"{name}: cannot read it from git")
    if len(done.stdout) > max_bytes:
        raise LoadError([Problem(name, 1, 1, too_large(len(done.stdout), max_bytes))])
    return done.stdout


def renamed_since(rev: str, path: str, new_rev: str | None = None, cwd: str | None = None) -> str | None:
    """The name ``path`` (now, or at ``new_rev``) had at ``rev``, when git's rename detection says it
    was renamed since (``git diff -M REV [NEW-REV]``); relative to the current folder like ``path``."""
    root = _root(cwd)
    inside = _in_repo(path if cwd is None else os.path.join(cwd, path), root)
    ends = [verify(rev, cwd)] + ([verify(new_rev, cwd)] if new_rev else [])
    done = _git(["diff", "-M", "--name-status", "-z", "--no-ext-diff", *ends, "--"], str(root))
    if done.returncode != 0:
        return None
    parts = os.fsdecode(done.stdout).split("\0")
    n = 0
    while n < len(parts) - 1:
        status = parts[n]
        if status.startswith(("R", "C")):
            old, new = parts[n + 1], parts[n + 2]
            if new == inside and status.startswith("R"):
                return os.path.relpath(root / old, os.path.abspath(cwd or os.curdir))
            n += 3
        else:
            n += 2
    return None


def marked_files(cwd: str | None = None) -> list[str]:
    """The tracked files marked ``diff=timeline`` in ``.gitattributes``, relative to the current folder."""
    root = _root(cwd)
    listed = _git(["ls-files", "-z", "--full-name"], str(root))
    if listed.returncode != 0 or not listed.stdout:
        return []
    env = {**os.environ, "GIT_PAGER": "cat"}
    try:
        done = subprocess.run(
            ["git", "check-attr", "-z", "--stdin", "diff"],
            input=listed.stdout,
            capture_output=True,
            cwd=str(root),
            env=env,
            check=False,
        )
    except FileNotFoundError:
        return []
    parts = done.stdout.split(b"\0")
    here = os.path.abspath(cwd or os.curdir)
    found = []
    for n in range(0, len(parts) - 2, 3):
        path, value = os.fsdecode(parts[n]), parts[n + 2].decode()
        if value == "timeline":
            found.append(os.path.relpath(root / path, here))
    return found
