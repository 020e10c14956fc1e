"""The ``timeline diff`` and ``timeline log`` commands (registered by :mod:`timeline.cli`).

``diff`` exits like ``diff``: 0 no difference, 1 differences, 2 trouble (a usage error, not a
repository, an unknown revision, a file missing at a revision, a timeline that does not load).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .detail import cell_width
from .filters import FilterSpec, UnknownNameError
from .gitrev import (
    GitError,
    NotAtRevision,
    file_history,
    load_blobs,
    load_found,
    marked_files,
    read_at,
    read_blob,
    read_files_at,
    split_rev_path,
    toplevel,
    verify,
)
from .history import EventChange, canonical_text, diff_timelines
from .historyout import (
    JSON_VERSION,
    _field_text,
    _json_event,
    _Paint,
    _status,
    to_json,
    to_markdown,
    to_text,
)
from .load import DEFAULT_MAX_BYTES, Loaded, bundled_path, load
from .model import Timeline, UnknownActorError
from .problems import LoadError
from .sanitize import clean
from .views import NamedView, UnknownViewError, find_view, over

__all__ = ["Refused", "add_parsers", "run_diff", "run_log"]


class Refused(Exception):
    """What was asked cannot be done (a usage error, not a repository, an unknown revision...):
    the command line says the message in one line and exits 2."""


def _print_problems(problems: Sequence[object]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


EXIT_SAME, EXIT_DIFFERENT, EXIT_TROUBLE = 0, 1, 2
DIFF_FORMATS = ("text", "markdown", "json")


def add_parsers(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    filters: argparse.ArgumentParser,
    size_arg: Callable[[str], int],
) -> None:
    """Add ``diff`` and ``log`` to the command line's sub-commands (with its ``filters`` options and
    its reader of sizes)."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--max-size",
        type=size_arg,
        default=DEFAULT_MAX_BYTES,
        metavar="SIZE",
        help=f"refuse files larger than this (default {DEFAULT_MAX_BYTES // 2**20}M)",
    )
    common.add_argument(
        "--no-cache", dest="cache", action="store_false", help="parse every version afresh (no parse cache)"
    )
    common.add_argument(
        "--color",
        "--colour",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text: auto (on a terminal, unless NO_COLOR is set), always or never",
    )
    diff = sub.add_parser(
        "diff",
        parents=[common, filters],
        help="what changed between two versions of a timeline (files or git revisions)",
        description=(
            "Compare two versions of a timeline event by event: added, removed, renamed, re-dated, "
            "retitled... 'timeline diff OLD NEW' compares two files or REV:PATH; 'timeline diff REV "
            "[FILE...]' compares the files at REV (or A..B) with the working tree; with nothing, HEAD "
            "with the working tree. The files default to the bundled timeline inside its repository, "
            "else to those marked 'diff=timeline' in .gitattributes, else to the one YAML file at the "
            "top of the repository (only YAML with events:, actors: or sources: at its top counts). "
            "A file not at REV (or not in the working tree) counts as empty; one renamed since is "
            "followed. REV:PATH is relative to the repository's top (./PATH: to the current folder). "
            "Filters narrow the diff to the events matching them in either version. "
            "Exit 0: no difference, 1: differences, 2: trouble."
        ),
    )
    diff.add_argument(
        "sides",
        nargs="*",
        metavar="WHAT",
        help="OLD NEW (files or REV:PATH), or REV [FILE ...] (a revision, or A..B, against the working tree)",
    )
    diff.add_argument(
        "-f", "--format", choices=DIFF_FORMATS, default="text", help="text (default), markdown, json"
    )
    diff.add_argument(
        "--git",
        action="store_true",
        help="run as git's external diff driver (git config diff.timeline.command 'timeline diff --git'): "
        "the arguments are git's seven (or nine); exit 0 unless git's files cannot be read",
    )
    diff.add_argument(
        "--textconv",
        action="store_true",
        help="print the one FILE as a line diff reads it (git config diff.timeline.textconv "
        "'timeline diff --textconv'): a field a line, events in date order; a file that does not "
        "load is printed as it is",
    )
    log = sub.add_parser(
        "log",
        parents=[common],
        help="the commits that changed one event, and what changed in each",
        description=(
            "List the commits that changed the event ID (newest first): date, author, subject, and "
            "what changed; the event is followed across changes of its id and of the file's name."
        ),
    )
    log.add_argument("id", metavar="ID", help="the event's id (now, or at the newest commit that has it)")
    log.add_argument("file", nargs="?", metavar="FILE", help="the timeline file (default: as for diff)")
    log.add_argument(
        "-f", "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )


# -- the sides of a diff --------------------------------------------------------------------


@dataclass
class _Side:
    label: str
    loaded: Loaded


#: The top-level keys of which a YAML file holds at least one to be taken for a timeline by default
#: (a split timeline's files each hold events, actors or sources): a CI workflow or a tool's
#: settings marked ``*.yaml diff=timeline`` alongside it is not.
_TIMELINE_KEYS = frozenset({"events", "actors", "sources"})
_TOP_KEY = re.compile(rb"^([A-Za-z_][\w-]*)[ \t]*:", re.MULTILINE)


def looks_like_timeline(data: bytes) -> bool:
    """Whether YAML text has ``events:``, ``actors:`` or ``sources:`` at its top level."""
    return any(m.group(1).decode() in _TIMELINE_KEYS for m in _TOP_KEY.finditer(data))


def _is_timeline_file(path: str | Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return looks_like_timeline(fh.read())
    except OSError:
        return True  # (said when it is read)


def _default_files(command: str = "diff") -> list[str]:
    """The timeline's files when none is named: the bundled one inside its own repository, else the
    files marked ``diff=timeline`` that look like timelines, else the one such YAML file at the top."""
    name = "timeline diff REV FILE" if command == "diff" else "timeline log ID FILE"
    root = toplevel()
    if root is None:
        if command == "diff":
            raise GitError("not in a git repository: give two files to compare (timeline diff OLD NEW)")
        raise GitError("not in a git repository: log reads a timeline's history from git")
    bundled = bundled_path()
    try:
        bundled.resolve().relative_to(root.resolve())
        return [os.path.relpath(bundled)]
    except ValueError:
        pass
    marked = [f for f in marked_files() if _is_timeline_file(f)]
    if marked:
        return marked
    top = sorted(p for p in root.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    top = [p for p in top if _is_timeline_file(p)]
    if len(top) == 1:
        return [os.path.relpath(top[0])]
    raise GitError(
        f"which timeline? name its file ({name}), or mark it in .gitattributes (events.yaml diff=timeline)"
    )


def _note(text: str) -> None:
    print(f"timeline: note: {text}", file=sys.stderr)


def _at(rev: str, files: Sequence[str], args: argparse.Namespace, new_rev: str | None = None) -> _Side:
    """The side made of ``files`` at ``rev`` (:func:`~timeline.gitrev.read_files_at`: a file renamed
    since is followed, one not there counts as empty), each with its note; none there is trouble."""
    found = read_files_at(rev, files, new_rev, max_bytes=args.max_size)
    if all(f.data is None for f in found):
        missing = files[0] if len(files) == 1 else ", ".join(files)
        raise GitError(f"{rev}:{missing}: no such file at {rev}")
    for f in sorted(found, key=lambda f: f.data is None):  # (the renamed first, then the missing)
        note = f.note()
        if note is not None:
            _note(note)
    loaded = load_found(found, max_bytes=args.max_size, cache=args.cache)
    return _Side(", ".join(f.name for f in found if f.data is not None), loaded)


def _files(files: Sequence[str], args: argparse.Namespace, several: bool = False) -> _Side:
    # the working tree is read through the cache but not written to it: it is about to change
    present = [f for f in files if os.path.exists(f)]
    if several and present != list(files):
        if not present:
            raise GitError(f"{', '.join(files)}: no such file in the working tree")
        for f in files:
            if f not in present:
                _note(f"{f} is not in the working tree: its events count as removed")
        files = present
    return _Side(", ".join(files), load(files, max_bytes=args.max_size, cache=args.cache, write_later=True))


def _side(text: str, args: argparse.Namespace) -> _Side:
    at = split_rev_path(text)
    if at is None:
        return _files([text], args)
    rev, path = at
    name = f"{rev}:{path}"  # (as typed, in its problems too)
    try:
        data = read_at(rev, _git_path(path), args.max_size)
    except NotAtRevision:
        raise GitError(f"{name}: no such file at {rev}") from None
    return _Side(name, load_blobs([(name, data)], max_bytes=args.max_size, cache=args.cache))


def _git_path(path: str) -> str:
    """A ``REV:PATH``'s path as git reads it: relative to the repository's root, or to the current
    folder when it starts ``./`` or ``../``; as a name relative to the current folder."""
    if path.startswith(("./", "../")):
        return path
    root = toplevel()
    if root is None:
        return path
    return os.path.relpath(root / path)


def _looks_like_side(text: str) -> bool:
    return os.path.exists(text) or split_rev_path(text) is not None


def _looks_like_path(text: str) -> bool:
    return "/" in text or os.sep in text or text.endswith((".yaml", ".yml"))


def _sides(args: argparse.Namespace) -> tuple[_Side, _Side]:
    given: list[str] = list(args.sides)
    if given and _looks_like_side(given[0]):
        if len(given) != 2 or not all(map(_looks_like_side, given)):
            missing = [g for g in given if not _looks_like_side(g)]
            if missing:
                raise GitError(f"{missing[0]}: no such file")
            raise Refused("give two timelines to compare (timeline diff OLD NEW), or a revision and files")
        return _side(given[0], args), _side(given[1], args)
    rev = given[0] if given else "HEAD"
    if given and _looks_like_path(rev) and ".." not in rev:
        raise GitError(f"{rev}: no such file")
    files = given[1:] or _default_files()
    old_rev, dots, new_rev = rev.partition("..")
    if dots and (not old_rev or not new_rev):
        raise Refused(f"{rev!r}: give both ends of a range (A..B)")
    if toplevel() is None:
        raise GitError("not in a git repository: revisions need one (two files can be compared anywhere)")
    try:
        verify(old_rev)
    except GitError:
        if len(given) == 1 and not dots:
            raise GitError(f"{rev!r} is neither a file nor a known revision") from None
        raise
    if dots:
        verify(new_rev)
        old = _at(old_rev, files, args, new_rev)
        return old, _at(new_rev, files, args)
    old = _at(old_rev, files, args)
    return old, _files(files, args, several=True)


def _with_view(
    spec: FilterSpec, name: str | None, old: Timeline, new: Timeline
) -> tuple[FilterSpec, FilterSpec]:
    """The filters given over the view ``--view`` names, in each version (as ``list --view`` reads
    them); a view one version lacks is the other's; one neither has is refused, with its "did you mean"."""
    if name is None:
        return spec, spec
    views: list[NamedView | None] = []
    for tl in (old, new):
        try:
            views.append(find_view(tl, name))
        except UnknownViewError:
            views.append(None)
    v_old, v_new = views
    if v_old is None and v_new is None:
        try:
            find_view(new, name)
        except UnknownViewError as exc:
            raise Refused(str(exc)) from exc
    v_old, v_new = v_old or v_new, v_new or v_old
    assert v_old is not None and v_new is not None
    return over(v_old, spec), over(v_new, spec)


def _wanted(spec: FilterSpec, tl: Timeline) -> set[str] | None:
    """The ids of the events of ``tl`` the filters keep; None when they name what ``tl`` lacks."""
    try:
        flt = spec.resolve(tl)
    except (UnknownActorError, UnknownNameError):
        return None
    return {tl.events[i].id for i in flt.apply(tl)}


def _colour(args: argparse.Namespace) -> bool:
    if args.color != "auto":
        return bool(args.color == "always")
    isatty = getattr(sys.stdout, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("NO_COLOR")


def _driver_side(name: str, file: str, args: argparse.Namespace) -> _Side:
    if file == os.devnull:
        return _Side(name, Loaded(Timeline("", {}, {}, ())))
    try:
        with open(file, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise GitError(f"{file}: cannot read file: {exc.strerror or exc}") from None
    return _Side(name, load_blobs([(name, data)], max_bytes=args.max_size, cache=args.cache))


def _as_text(file: str) -> list[str]:
    if file == os.devnull:
        return []
    with open(file, "rb") as fh:
        return fh.read().decode("utf-8", "replace").splitlines(keepends=True)


def run_driver(args: argparse.Namespace) -> int:
    """``timeline diff --git PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE [NEW-PATH INFO]``:
    what git gives an external diff driver. A version that does not load is shown as a text diff."""
    given = list(args.sides)
    if len(given) not in (7, 9):
        raise Refused("--git takes the seven (or nine) arguments git gives an external diff driver")
    path, old_file, new_file = given[0], given[1], given[4]
    new_path = given[7] if len(given) == 9 else path
    try:
        old = _driver_side(f"a/{path}", old_file, args)
        new = _driver_side(f"b/{new_path}", new_file, args)
    except GitError as exc:
        raise Refused(str(exc)) from exc
    except LoadError as exc:
        out = sys.stdout
        if any(_is_timeline_file(f) for f in (old_file, new_file) if f != os.devnull):
            out.write(f"timeline: a version of {path} is not a valid timeline; its text differs so:\n")
            for problem in exc.errors[:5]:
                out.write(f"  {problem}\n")
        # (else not a timeline at all, a CI workflow marked *.yaml diff=timeline: a plain diff, quietly)
        lines = difflib.unified_diff(_as_text(old_file), _as_text(new_file), f"a/{path}", f"b/{new_path}")
        for line in lines:  # (text from the files: made safe for the terminal)
            out.write(clean(line if line.endswith("\n") else line + "\n")[0])
        return EXIT_SAME
    diff = diff_timelines(old.loaded.timeline, new.loaded.timeline)
    # git runs its driver with the pager as standard output: colour when git says it uses one
    paged = (
        args.color == "auto" and bool(os.environ.get("GIT_PAGER_IN_USE")) and not os.environ.get("NO_COLOR")
    )
    colour = _colour(args) or paged
    sys.stdout.write(to_text(diff, old.label, new.label, colour=colour))
    return EXIT_SAME


def run_textconv(args: argparse.Namespace) -> int:
    """``timeline diff --textconv FILE``: :func:`~timeline.history.canonical_text` of FILE for git."""
    if len(args.sides) != 1:
        raise Refused("--textconv takes one file")
    name = args.sides[0]
    try:
        with open(name, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise Refused(f"{name}:1:1: cannot read file: {exc.strerror or exc}") from None
    try:
        text = canonical_text(load_blobs([(name, data)], max_bytes=args.max_size, cache=args.cache).timeline)
    except LoadError:
        text = clean(data.decode("utf-8", "replace"))[0]  # not a timeline (yet): git diffs its text
    sys.stdout.write(text)
    return EXIT_SAME


def run_diff(args: argparse.Namespace, spec: FilterSpec) -> int:
    """``timeline diff``; ``spec``: the filters given."""
    if args.git:
        return run_driver(args)
    if args.textconv:
        return run_textconv(args)
    try:
        old, new = _sides(args)
    except GitError as exc:
        raise Refused(str(exc)) from exc
    except LoadError as exc:
        _print_problems(exc.problems)
        return EXIT_TROUBLE
    for side in (old, new):
        _print_problems(side.loaded.warnings)
    diff = diff_timelines(old.loaded.timeline, new.loaded.timeline)
    spec_old, spec_new = _with_view(spec, args.view, old.loaded.timeline, new.loaded.timeline)
    if spec_old != FilterSpec() or spec_new != FilterSpec():
        keep_old, keep_new = _wanted(spec_old, old.loaded.timeline), _wanted(spec_new, new.loaded.timeline)
        if keep_old is None and keep_new is None:
            spec_new.resolve(new.loaded.timeline)  # a name neither has: said as 'list' says it
        ko, kn = keep_old or set(), keep_new or set()
        diff = diff.narrowed(lambda c: c.old_id in ko or c.new_id in kn, top=False)
    if args.format == "json":
        text = to_json(diff, old.label, new.label)
    elif args.format == "markdown":
        text = to_markdown(diff, old.label, new.label)
    else:
        text = to_text(diff, old.label, new.label, colour=_colour(args))
        isatty = getattr(sys.stdout, "isatty", None)
        if isatty and isatty():  # to be read there: wrapped to the terminal, as 'show' is
            text = wrapped(text, shutil.get_terminal_size().columns)
    sys.stdout.write(text)
    return EXIT_DIFFERENT if diff else EXIT_SAME


_SGR = re.compile(r"\x1b\[[0-9;]*m")


def _cells(text: str) -> int:
    plain = _SGR.sub("", text)
    return len(plain) if plain.isascii() else sum(map(cell_width, plain))


def wrapped(text: str, width: int) -> str:
    """The diff's text lines wrapped at spaces to ``width`` cells (colour codes take none), each
    wrapped part hanging four cells under its line's start; a word longer than a line is left whole."""
    width = max(20, width)
    out: list[str] = []
    for line in text.split("\n"):
        if _cells(line) <= width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip(" "))]
        hang = indent + "    "
        current = indent
        for word in line.lstrip(" ").split(" "):
            if current.strip() and _cells(current) + 1 + _cells(word) > width:
                out.append(current.rstrip(" "))
                current = hang + word
            else:
                current = f"{current} {word}" if current.strip() else current + word
        out.append(current)
    return "\n".join(out)


# -- one event's log ----------------------------------------------------------------------------


@dataclass
class _Entry:
    sha: str
    date: str
    author: str
    subject: str
    path: str
    change: EventChange


def run_log(args: argparse.Namespace) -> int:
    try:
        entries = _history(args)
    except GitError as exc:
        raise Refused(str(exc)) from exc
    except LoadError as exc:
        _print_problems(exc.problems)
        return EXIT_TROUBLE
    if args.format == "json":
        doc = {
            "format": "timeline-log",
            "version": JSON_VERSION,
            "id": args.id,
            "commits": [
                {
                    "commit": e.sha,
                    "date": e.date,
                    "author": e.author,
                    "subject": e.subject,
                    "path": e.path,
                    "change": _json_event(e.change),
                }
                for e in entries
            ],
        }
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return EXIT_SAME
    paint = _Paint(_colour(args))
    for e in entries:
        c = e.change
        head = f"{paint('33', e.sha[:10])}  {e.date[:10]}  {clean(e.author)[0]}  {clean(e.subject)[0]}"
        sys.stdout.write(head + "\n")
        what = f"[{c.old_id} → {c.new_id}]" if c.status == "renamed" else f"[{c.id}]"
        sys.stdout.write(f"    {_status(c)}: {c.date}  {c.title}  {what}\n")
        for f in c.fields:
            sys.stdout.write(f"        {_field_text(f, paint)}\n")
    return EXIT_SAME


def _history(args: argparse.Namespace) -> list[_Entry]:
    files = [args.file] if args.file else _default_files("log")
    if len(files) != 1:
        raise GitError(f"log follows one file; name it: timeline log {args.id} FILE")
    commits = file_history(files[0])
    if not commits:
        raise GitError(f"{files[0]}: no commit has it")
    parsed: dict[str, Timeline | None] = {}

    def at(blob: str, sha: str, path: str) -> Timeline | None:
        if not blob:
            return Timeline("", {}, {}, ())
        if blob not in parsed:
            name = f"{sha[:10]}:{path}"
            try:
                # every version in the history is parsed once; not cached (they would crowd the cache out)
                parsed[blob] = load_blobs(
                    [(name, read_blob(blob, name, args.max_size))], cache=False
                ).timeline
            except LoadError as exc:
                # the cause: a syntax error (what the loader found before it may be its doing)
                cause = next((p for p in exc.errors if p.message.startswith("YAML")), exc.errors[0])
                print(f"timeline: warning: {cause}; that version is skipped", file=sys.stderr)
                parsed[blob] = None
        return parsed[blob]

    current = args.id
    found = False
    entries = []
    for n, commit in enumerate(commits):
        new = at(commit.blob, commit.sha, commit.path)
        if new is None:
            continue
        old = at(commit.old_blob, commit.parent, commit.old_path)
        # the version before did not load: compare with the newest older one that does (what
        # changed in the commits between is said here, at the commit that mended the file)
        older = iter(commits[n + 1 :])
        while old is None:
            before = next(older, None)
            old = Timeline("", {}, {}, ()) if before is None else at(before.blob, before.sha, before.path)
        if not found and current not in new.by_id and current not in old.by_id:
            continue
        diff = diff_timelines(old, new)
        change = diff.of(current) or next((c for c in diff.removed if c.old_id == current), None)
        if change is None:
            found = found or current in new.by_id
            continue
        found = True
        entries.append(_Entry(commit.sha, commit.date, commit.author, commit.subject, commit.path, change))
        if change.status == "renamed" and change.old_id:
            current = change.old_id
        elif change.status == "added":
            break
    if not entries and not found:
        raise GitError(f"no commit of {files[0]} has an event with the id {args.id!r}")
    return entries
