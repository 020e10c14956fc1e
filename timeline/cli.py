"""The ``timeline`` command: open the explorer, list, export or check timelines."""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import shutil
import stat
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, NoReturn, TextIO

from .atomic import WriteError, same_file, write_atomic
from .dates import DateError, FuzzyDate, from_day_number, parse_date, year_text
from .detail import event_lines, plain_text, wrap
from .filters import Filter, FilterSpec, UnknownNameError
from .interop import ImportFailed
from .interop.export import export_bytes, replace_refusal
from .interop.formats import DEFAULT_EXPORT, EXPORTS, FORMATS, IMPORTS, export_format_of, spoken
from .interop.importer import detect, import_text
from .interop.roundtrip import export_losses
from .lanes import lanes_for, lanes_text
from .load import DEFAULT_MAX_BYTES, Loaded, bundled_path, load, load_text
from .model import (
    CHAIN_TYPES,
    KINDS,
    LINK_TYPES,
    OUTCOMES,
    Timeline,
    UnknownActorError,
    UnknownEventError,
)
from .names import did_you_mean, suggest, unknown
from .problems import LoadError
from .sanitize import clean
from .version import __version__
from .views import NamedView, UnknownViewError, find_view, over
from .yamlsrc import too_large

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["main"]

COMMANDS = ("open", "list", "show", "export", "check", "schema", "import", "diff", "log")
PROG = "timeline"

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _UsageError(Exception):
    """A refusal once the command line has been read (a file that would be replaced, say): one
    line, which says what to do; the command's usage would add nothing."""


class _Parser(argparse.ArgumentParser):
    """argparse's parser, saying a usage error in two lines: the short usage of the command that
    failed (:meth:`format_usage`; ``--help`` still gives the whole of it) and the error, with
    "did you mean" (:mod:`timeline.names`) for a mistyped choice."""

    def format_usage(self) -> str:
        words = [self.prog]
        positionals = []
        for action in self._actions:
            if action.option_strings:
                continue
            if isinstance(action, argparse._SubParsersAction):
                positionals = ["[COMMAND]", "[OPTION ...]", "[FILE ...]"]  # 'open' when none
                break
            name = action.metavar if isinstance(action.metavar, str) else action.dest.upper()
            forms = {"?": f"[{name}]", "*": f"[{name} ...]", "+": f"{name} [{name} ...]"}
            positionals.append(name if action.nargs is None else forms.get(str(action.nargs), f"{name} ..."))
        if positionals[:1] != ["[COMMAND]"] and any(a.option_strings for a in self._actions):
            words.append("[OPTION ...]")
        words += positionals
        return f"usage: {' '.join(words)}   (more: {self.prog} --help)\n"

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # what was typed (or a name from a file) is said with its control characters made visible
        super()._print_message(clean(message)[0], file)

    def _check_value(self, action: argparse.Action, value: object) -> None:
        choices = action.choices
        if choices is not None and value not in choices:
            what = action.metavar.lower() if isinstance(action.metavar, str) else "value"
            known = [str(c) for c in choices]
            raise argparse.ArgumentError(action, unknown(what, str(value), known))

    def refuse_extras(self, extras: Sequence[str]) -> NoReturn:
        """The error for the words of the command line this command has no place for: an unknown
        option (with the options it may have meant) before anything else, then more files (or
        other words) than it takes."""
        options = [word.split("=", 1)[0] for word in extras if word.startswith("-") and word != "-"]
        if options:
            # without the dashes, which every option has and would make any two look alike
            known = {o.lstrip("-"): o for a in self._actions for o in a.option_strings}
            tip = did_you_mean(suggest(options[0].lstrip("-"), known, meaning=known))
            self.error(f"unknown option {options[0]!r}" + (f"; {tip}" if tip else ""))
        positionals = [a for a in self._actions if not a.option_strings]
        command = self.prog.removeprefix(f"{PROG} ")
        if not positionals:
            self.error(f"{command} takes no arguments (got {' '.join(map(repr, extras))})")
        if all(a.nargs is None for a in positionals):  # each takes one word: count them
            name = "/".join(a.metavar if isinstance(a.metavar, str) else a.dest for a in positionals)
            taken = len(positionals) + len(extras)
            wanted = "one" if len(positionals) == 1 else str(len(positionals))
            self.error(f"{command} takes {wanted} {name} (got {taken})")
        self.error(f"unrecognized arguments: {' '.join(extras)}")


def _date_arg(text: str) -> FuzzyDate:
    try:
        return parse_date(text)
    except DateError as exc:
        from .datesuggest import teach  # (only for a refusal)

        raise argparse.ArgumentTypeError(teach(str(exc), text)) from exc


def _size_arg(text: str) -> int:
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    t = text.strip().lower().removesuffix("b")
    mult = units.get(t[-1:], 1)
    if t[-1:] in units:
        t = t[:-1]
    try:
        value = int(float(t) * mult)
    except (ValueError, OverflowError):  # "abc", "nan"; "inf", "1e400"
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 300M)") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"size must be positive: {text!r}")
    return value


def _choice(fmt: str) -> str:
    """An export format as the help names it: ``csv``, and ``markdown, the default``."""
    return f"{fmt}, the default" if fmt == DEFAULT_EXPORT else fmt


def _build_parser() -> _Parser:
    files = _Parser(add_help=False)
    files.add_argument(
        "files",
        nargs="*",
        default=[],  # (argparse counts a "*" positional with no default as required in its errors)
        metavar="FILE",
        help="timeline YAML files (default: the bundled Azerbaijan–Nagorno-Karabakh timeline)",
    )
    files.add_argument(
        "--max-size",
        type=_size_arg,
        default=DEFAULT_MAX_BYTES,
        metavar="SIZE",
        help=f"refuse files larger than this (default {DEFAULT_MAX_BYTES // 2**20}M)",
    )
    files.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="parse the files afresh: do not read or write the parse cache "
        "($XDG_CACHE_HOME/timeline-explorer, used for large timelines)",
    )
    filters = _Parser(add_help=False)
    g = filters.add_argument_group("filters (they combine)")
    g.add_argument(
        "--actor",
        action="append",
        default=[],
        metavar="NAME",
        help="events involving this actor (id, name or alias, any case); repeatable",
    )
    g.add_argument(
        "--match",
        choices=("any", "all"),
        default="any",
        help="with several --actor: events involving any of them (default) or all of them",
    )
    g.add_argument(
        "--tag", action="append", default=[], metavar="TAG", help="events with this tag; repeatable"
    )
    g.add_argument(
        "--kind",
        action="append",
        default=[],
        choices=KINDS,
        metavar="KIND",
        help=f"events of this kind; repeatable ({', '.join(KINDS)})",
    )
    g.add_argument(
        "--outcome",
        action="append",
        default=[],
        choices=list(OUTCOMES),
        metavar="OUTCOME",
        help=f"meetings and proposals with this outcome; repeatable ({', '.join(OUTCOMES)})",
    )
    g.add_argument(
        "--from",
        dest="date_from",
        type=_date_arg,
        metavar="DATE",
        help="events that end on or after DATE (e.g. 2023, 2023-03, early 2023-07)",
    )
    g.add_argument(
        "--to", dest="date_to", type=_date_arg, metavar="DATE", help="events that start on or before DATE"
    )
    g.add_argument(
        "--search", default="", metavar="TEXT", help="events whose text contains every word of TEXT"
    )
    g.add_argument(
        "--view",
        metavar="NAME",
        help="start from the file's named view NAME (its filters; the options above change them)",
    )

    parser = _Parser(
        prog=PROG,
        description=(
            "Explore a chronology kept as a YAML timeline: in the terminal, as a list, or as Markdown."
        ),
        epilog="With no command, 'open' is meant: 'timeline --actor Russia' opens the explorer filtered.",
    )
    version = {"action": "version", "version": f"{PROG} {__version__}", "help": "print the version and exit"}
    parser.add_argument("--version", **version)  # type: ignore[arg-type]
    files.add_argument("--version", **version)  # type: ignore[arg-type]
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    opn = sub.add_parser(
        "open",
        parents=[files, filters],
        help="open the interactive explorer (the default)",
        description="Open the interactive explorer, with the filters already applied.",
    )
    opn.add_argument("--at", metavar="ID", help="open with the event ID selected")
    opn.add_argument("--lanes", action="store_true", help="open with a lane per actor (the key s)")
    opn.add_argument(
        "--since",
        metavar="REV",
        help="mark the events new (+) or changed (~) since the git revision REV (HEAD~3, main, a tag); "
        "the detail says what changed, C shows only those",
    )
    lst = sub.add_parser(
        "list",
        parents=[files, filters],
        help="print one event per line: date, title, actors (tab-separated)",
        description=(
            "Print the events in chronological order, one per line: "
            "date, a tab, the title, a tab, the actors."
        ),
    )
    lst.add_argument(
        "--ids",
        action="store_true",
        help="begin each line with the event's id (for show, --links, --at and links: - to:)",
    )
    lst.add_argument(
        "--links",
        metavar="ID",
        help="print the event ID, its links both ways, then its chain: the events linked to it by "
        f"{', '.join(sorted(CHAIN_TYPES))} (either way, step after step), in chronological order; "
        "the filters narrow the linked events",
    )
    lst.add_argument(
        "--lanes",
        action="store_true",
        help="a column per actor before each event: ● takes part, ○ gives an account only, · neither "
        "(the chosen --actor, else the most active that fit $COLUMNS)",
    )
    event_id = _Parser(add_help=False)
    event_id.add_argument("id", metavar="ID", help="the event's id (timeline list --ids lists them)")
    sub.add_parser(
        "show",
        parents=[event_id, files],
        help="print one event's whole detail as text",
        description=(
            "Print everything about the event ID, as the explorer's detail pane says it, in "
            "reading order: a linear text, for a pipe or a screen reader. Wrapped to the "
            "terminal's width on a terminal; one line a paragraph in a pipe."
        ),
    )
    exp = sub.add_parser(
        "export",
        parents=[files, filters],
        help=f"write the (filtered) timeline as {spoken([FORMATS[f].title for f in EXPORTS])}",
        description=(
            "Write the timeline, or the filtered part of it, as "
            f"{spoken([f'{FORMATS[f].help} (-f {_choice(f)})' for f in EXPORTS])}."
        ),
    )
    exp.add_argument(
        "-o", "--output", metavar="PATH", help="write to PATH (atomically) instead of standard output"
    )
    exp.add_argument(
        "--force",
        action="store_true",
        help="replace PATH even if it is not an earlier export in this format (a timeline, say)",
    )
    exp.add_argument(
        "-f",
        "--format",
        choices=EXPORTS,
        default=None,
        help="; ".join(f"{_choice(f)}: {FORMATS[f].help}" for f in EXPORTS)
        + " (without -f: the format PATH's extension names, "
        f"{spoken([x for f in EXPORTS for x in FORMATS[f].extensions])}; "
        f"else {DEFAULT_EXPORT})",
    )
    readable = spoken([FORMATS[f].title for f in IMPORTS])
    imp = sub.add_parser(
        "import",
        help=f"turn a {readable} file into a timeline YAML file",
        description=(
            f"Read a {readable} file and write it as a timeline YAML file. "
            "What has no place in a timeline is listed on standard error."
        ),
    )
    imp.add_argument("file", metavar="FILE", help=f"the {readable} file")
    imp.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT (atomically) instead of standard output"
    )
    imp.add_argument(
        "--format",
        choices=IMPORTS,
        help="the format of FILE (default: recognised from its content)",
    )
    imp.add_argument("--force", action="store_true", help="replace OUT if it exists")
    imp.add_argument(
        "--strict", action="store_true", help="fail (writing nothing) if anything would not be kept"
    )
    imp.add_argument(
        "--max-size",
        type=_size_arg,
        default=DEFAULT_MAX_BYTES,
        metavar="SIZE",
        help=f"refuse files larger than this (default {DEFAULT_MAX_BYTES // 2**20}M)",
    )
    sub.add_parser(
        "schema",
        help="print a JSON Schema of the timeline format, for editors",
        description=(
            "Print a JSON Schema (draft 2020-12) of the timeline YAML format. Save it "
            "(timeline schema > timeline.schema.json) and point an editor at it with the modeline "
            "'# yaml-language-server: $schema=./timeline.schema.json' as a timeline file's first line."
        ),
    )
    sub.add_parser(
        "check",
        parents=[files],
        help="validate timeline files and report every problem",
        description="Validate timeline files: one FILE:LINE:COL: message line per problem, exit 1 if any.",
    )
    from .historycli import add_parsers  # timeline diff, timeline log

    add_parsers(sub, filters, _size_arg)
    return parser


@functools.cache
def _valued() -> frozenset[str]:
    """The options of any command that take a value (the next word, unless written
    ``--opt=value``), as the parser declares them: a new option is known here too."""
    parser = _build_parser()
    parsers = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            parsers += action.choices.values()
    return frozenset(
        option
        for p in parsers
        for action in p._actions
        if action.nargs != 0
        for option in action.option_strings
    )


def _normalise_argv(argv: list[str]) -> list[str]:
    """Put the command first (``timeline --no-cache check`` is ``timeline check --no-cache``);
    without one, the command is ``open``."""
    if not argv:
        return ["open"]
    if argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version"):
        return argv
    at = _first_word(argv)
    if at < len(argv) and argv[at] in COMMANDS:
        return [argv[at], *argv[:at], *argv[at + 1 :]]
    return ["open", *argv]


def _first_word(argv: Sequence[str]) -> int:
    """Where the first word that is not an option (nor an option's value) is in ``argv``."""
    at = 0
    while at < len(argv):
        word = argv[at]
        if word == "--" or not word.startswith("-") or word == "-":
            break
        at += 2 if word in _valued() else 1
    return at


def _mistyped_command(argv: Sequence[str]) -> str | None:
    """The first word of a command line that names no command (``timeline lst``), when it is
    close to a command's name and no file has it: a command mistyped, not a file to open."""
    at = _first_word(argv)
    word = argv[at] if at < len(argv) else ""
    if word in COMMANDS or not re.fullmatch(r"[a-z]+", word) or os.path.lexists(word):
        return None
    return word if suggest(word, COMMANDS) else None


def _spec(args: argparse.Namespace) -> FilterSpec:
    return FilterSpec(
        actors=tuple(args.actor),
        match=args.match,
        tags=tuple(args.tag),
        kinds=tuple(args.kind),
        outcomes=tuple(args.outcome),
        date_from=args.date_from,
        date_to=args.date_to,
        text=args.search,
    )


def _paths(args: argparse.Namespace) -> list[str]:
    return list(args.files) or [str(bundled_path())]


def _print_problems(problems: Sequence[object], out: TextIO) -> None:
    for p in problems:
        print(p, file=out)


def _load(args: argparse.Namespace) -> Loaded:
    loaded = load(_paths(args), max_bytes=args.max_size, cache=args.cache)
    _print_problems(loaded.warnings, sys.stderr)
    return loaded


def _named_view(tl: Timeline, args: argparse.Namespace) -> NamedView | None:
    """The view ``--view`` names (None without the option); :class:`UnknownViewError`, a usage
    error naming the closest view (see :func:`_main`), when there is none."""
    name = getattr(args, "view", None)
    return None if name is None else find_view(tl, name)


def _resolve(loaded: Loaded, args: argparse.Namespace) -> Filter:
    """The command line's filters, over the ``--view`` it names, for the loaded timeline (an
    unknown name: see :func:`_main`)."""
    view = _named_view(loaded.timeline, args)
    spec = _spec(args) if view is None else over(view, _spec(args))
    return spec.resolve(loaded.timeline)


def cmd_list(args: argparse.Namespace) -> int:
    loaded = _load(args)
    tl = loaded.timeline
    flt = _resolve(loaded, args)
    rows = flt.apply(tl)
    if args.links is not None:
        return _list_links(tl, args.links, rows)
    out = sys.stdout
    view = _named_view(tl, args)
    if args.lanes or (view is not None and view.lanes):
        # As many lanes as the terminal's width holds (COLUMNS in a pipe); on a terminal every
        # line fits it (a title cut with "…", a date shortened), in a pipe titles stay whole.
        width = shutil.get_terminal_size().columns - 1
        pad = max((len(tl.events[i].id) for i in rows), default=0) + 1 if args.ids else 0
        lanes = lanes_for(tl, rows, flt.actors, width - pad)
        for line in lanes_text(tl, rows, lanes, width if out.isatty() else None, ids=args.ids):
            out.write(line + "\n")
        return EXIT_OK
    # With --ids, the id first; on a terminal padded to the widest, so the dates line up.
    pad = max((len(tl.events[i].id) for i in rows), default=0) if args.ids and out.isatty() else 0
    for i in rows:
        e = tl.events[i]
        first = f"{e.id:<{pad}}\t" if args.ids else ""
        out.write(f"{first}{e.when.display()}\t{e.title}\t{', '.join(tl.actor_names(e.actors))}\n")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    """``show ID``: the event's detail (timeline/detail.py), as the detail pane says it."""
    tl = _load(args).timeline
    lines = event_lines(tl, _event_index(tl, args.id))
    out = sys.stdout
    if out.isatty():  # to be read there: wrapped to the terminal, as the pane wraps it
        lines = wrap(lines, shutil.get_terminal_size().columns, urls=False)  # a URL stays one
    out.write(plain_text(lines))
    return EXIT_OK


def _event_index(tl: Timeline, event_id: str) -> int:
    """The index of the event ``event_id``; :class:`UnknownEventError`, a usage error naming the
    closest ids (see :func:`_main`), when there is none."""
    return tl.event_index(event_id)


def _list_links(tl: Timeline, event_id: str, rows: Sequence[int]) -> int:
    """``list --links ID``: the event, its links both ways, then its chain (see the option's help)."""
    index = _event_index(tl, event_id)
    kept = set(rows)
    out = sys.stdout

    def entry(i: int) -> str:
        e = tl.events[i]
        return f"{e.when.display()}\t{e.title}\t[{e.id}]"

    out.write(entry(index) + "\n")
    links = [link for link in tl.links_of(index) if link.target in kept]
    for link in links:
        note = f"\t{link.note}" if link.note else ""
        out.write(f"  {link.wording}:\t{entry(link.target)}{note}\n")
    if not tl.links_of(index):
        out.write("  (no links)\n")
    chain = tl.chain(index)
    if len(chain) > 1:
        wordings = ", ".join(LINK_TYPES[t][0] for t in LINK_TYPES if t in CHAIN_TYPES)
        out.write(f"chain ({wordings}; either way):\n")
        for i in chain:
            if i == index:
                out.write(f"> {entry(i)}\n")
            elif i in kept:
                out.write(f"  {entry(i)}\n")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import schema

    sys.stdout.write(json.dumps(schema(), indent=2) + "\n")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    if args.output and args.output != "-" and any(same_file(args.output, p) for p in _paths(args)):
        raise _UsageError(f"{args.output} is a timeline being exported; write the export to another file")
    to_file = args.output and args.output != "-"
    named = export_format_of(args.output) if to_file else None
    if args.format is None:  # the format the file's name asks for (talks.html: a web page)
        args.format = named or DEFAULT_EXPORT
    elif named is not None and named != args.format:
        _err(
            f"{PROG}: note: {args.output} is named for {FORMATS[named].title}; "
            f"writing {FORMATS[args.format].title}, as -f {args.format} asks"
        )
    refusal = replace_refusal(args.format, args.output) if to_file and not args.force else ""
    if refusal:
        raise _UsageError(f"{args.output} exists and {refusal}; give --force to replace it")
    loaded = _load(args)
    flt = _resolve(loaded, args)
    rows = flt.apply(loaded.timeline)
    data = export_bytes(args.format, loaded.timeline, rows, flt)
    for line in export_losses(args.format, loaded.timeline, rows):
        _err(f"{PROG}: {line}")  # what the export would not give back to 'timeline import'
    if args.output and args.output != "-":
        write_atomic(args.output, data)
        written = FORMATS[args.format].written(loaded.timeline, rows)  # those the format holds
        _err(f"{PROG}: wrote {_count(written, 'event')} to {args.output}")
    else:
        _write_bytes(data)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    paths = _paths(args)
    try:
        loaded = load(paths, max_bytes=args.max_size, cache=args.cache)
    except LoadError as exc:
        _print_problems(exc.problems, sys.stdout)
        n = len(exc.errors)
        _err(f"{n} problem{'s' if n != 1 else ''} found in {', '.join(paths)}")
        return EXIT_INVALID
    _print_problems(loaded.warnings, sys.stdout)
    tl = loaded.timeline
    first_year = from_day_number(min(e.when.first_day for e in tl.events))[0]
    last_year = from_day_number(max(e.when.last_day for e in tl.events))[0]
    span = (
        f"{year_text(first_year)}–{year_text(last_year)}"
        if first_year != last_year
        else year_text(first_year)
    )
    warn = f", {_count(len(loaded.warnings), 'warning')}" if loaded.warnings else ""
    print(
        f"{', '.join(paths)}: valid: {_count(len(tl.events), 'event')}, {_count(len(tl.actors), 'actor')}, "
        f"{_count(len(tl.sources), 'source')}, {span}{warn}"
    )
    return EXIT_OK


def _read_limited(name: str, max_bytes: int) -> bytes:
    """The bytes of ``name``, or :class:`ImportFailed` (unreadable, a folder, larger than the limit)."""
    try:
        if os.path.isdir(name):
            raise ImportFailed(f"{name}:1:1: is a directory, not a file")
        with open(name, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            data = b"" if size > max_bytes else fh.read(max_bytes + 1)
    except OSError as exc:
        raise ImportFailed(f"{name}:1:1: cannot read file: {exc.strerror or exc}") from None
    if size > max_bytes or len(data) > max_bytes:
        raise ImportFailed(f"{name}:1:1: {too_large(size if size > max_bytes else None, max_bytes)}")
    return data


def _holds_data(path: str) -> bool:
    """Whether ``path`` is a file with something in it (not a device such as /dev/null, a pipe or
    an empty file), which an import must not replace unasked."""
    try:
        found = os.stat(path)
    except OSError:
        return True  # a dangling link, or one that cannot be looked at: not ours to replace
    return (stat.S_ISREG(found.st_mode) and found.st_size > 0) or stat.S_ISDIR(found.st_mode)


def cmd_import(args: argparse.Namespace) -> int:
    out = args.output if args.output and args.output != "-" else None
    if out and same_file(out, args.file):
        raise _UsageError(f"{out} is the file being imported; write the timeline to another file")
    # an empty file or a device (/dev/null, for a dry run with --strict) may be written over unasked
    replace = bool(args.force or (out and os.path.lexists(out) and not _holds_data(out)))
    if out and os.path.lexists(out) and not replace:
        raise _UsageError(f"{out} exists; give --force to replace it")
    try:
        data = _read_limited(args.file, args.max_size)
        fmt = args.format or detect(args.file, data)
        text, report, count = import_text(args.file, data, fmt)
    except ImportFailed as exc:
        _err(str(exc))
        return EXIT_INVALID
    for line in report.lines():
        _err(f"{PROG}: {line}")
    if args.strict and report.lost:
        n = sum(report.lost.values())
        print(f"{PROG}: --strict: {_count(n, 'thing')} would not be kept; nothing written", file=sys.stderr)
        return EXIT_INVALID
    try:  # what is written must pass 'timeline check'; say so at once if it does not
        load_text([(out or "<import>", text.encode())], max_bytes=max(args.max_size, len(text) * 4))
    except LoadError as exc:
        for p in exc.errors[:5]:
            print(f"{PROG}: warning: the result does not pass check yet: {p}", file=sys.stderr)
    if out:
        write_atomic(out, text, overwrite=replace)
        _err(f"{PROG}: imported {_count(count, 'event')} from {FORMATS[fmt].title} to {out}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from .historycli import Refused, run_diff

    try:
        return run_diff(args, _spec(args))  # (and its --view, read in each version)
    except Refused as exc:
        raise _UsageError(str(exc)) from exc


def cmd_log(args: argparse.Namespace) -> int:
    from .historycli import Refused, run_log

    try:
        return run_log(args)
    except Refused as exc:
        raise _UsageError(str(exc)) from exc


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


#: The entry-point group through which an interactive explorer registers itself (the tui package
#: does, in pyproject.toml): the model never imports the app, the app depends on the model.
EXPLORER_GROUP = "timeline.explorer"


def find_explorer() -> Callable[..., int] | None:
    """The installed explorer's ``run_app(paths, spec, *, max_bytes, cache, at, view, lanes)``, if one
    is installed."""
    for entry in entry_points(group=EXPLORER_GROUP):
        loaded: Callable[..., int] = entry.load()
        return loaded
    return None


def cmd_open(args: argparse.Namespace) -> int:
    explorer = find_explorer()
    if explorer is None:
        raise _UsageError(
            "no explorer is installed (install the package: pip install .); "
            "list, export and check work without it"
        )
    paths = _paths(args)
    # A file that cannot be opened at all is said before the screen is taken over (the explorer
    # would only open to close again); what is inside a file is the explorer's to read and check.
    missing = []
    for path in paths:
        try:
            with open(path, "rb"):
                pass
        except OSError as exc:
            missing.append(f"{path}:1:1: cannot read file: {exc.strerror or exc}")
    if missing:
        _err("\n".join(missing))
        return 1
    spec = _spec(args)
    if args.at is not None or args.view is not None or spec.actors or spec.tags:
        _check_names(paths, args)
    # (what only this explorer takes is handed over only when asked for)
    extra = {k: v for k, v in (("at", args.at), ("view", args.view), ("lanes", args.lanes)) if v}
    if args.since is not None:
        # The revision, and the timeline at it, are checked before the screen is taken over (read as
        # the explorer's comparison reads it, through the parse cache: the comparison reads it back).
        from .gitrev import GitError, load_found, read_files_at

        try:
            found = read_files_at(args.since, paths, max_bytes=args.max_size)
            load_found(found, max_bytes=args.max_size, cache=args.cache)
        except GitError as exc:
            _fail(f"--since: {exc}", EXIT_USAGE)
        except LoadError as exc:
            _err("\n".join(f"{problem}" for problem in exc.problems))
            return EXIT_USAGE
        extra["since"] = args.since
    return explorer(paths, spec, max_bytes=args.max_size, cache=args.cache, **extra)


def _check_names(paths: Sequence[str], args: argparse.Namespace) -> None:
    """Refuse ``--view NAME``, ``--actor``/``--tag`` names and ``--at ID`` naming what the
    timeline lacks before the explorer takes over the screen (it would only open to close
    again), as ``list`` and ``show`` refuse them (see :func:`_main`): a :class:`LoadError` first,
    then the view, the filter's names (:func:`_resolve`, as ``list`` resolves them), then
    :class:`UnknownEventError`. The load goes through the parse cache, which the explorer's own
    load then reads back; its warnings are the explorer's to show."""
    loaded = load(paths, max_bytes=args.max_size, cache=args.cache)
    _resolve(loaded, args)
    if args.at is not None:
        _event_index(loaded.timeline, args.at)


def _err(message: str) -> None:
    """Say ``message`` on standard error, with any control character in it (from a file name,
    say) made visible rather than sent to the terminal."""
    print(clean(message)[0], file=sys.stderr)


def _fail(message: str, code: int) -> NoReturn:
    _err(f"{PROG}: {message}")
    raise SystemExit(code)


class _OutputFailed(Exception):
    """Standard output (or error) could not be written: full, closed, failing, or in an encoding
    that has no way to write a character of the text."""

    def __init__(self, stream: str, error: OSError | UnicodeEncodeError | None) -> None:
        super().__init__(stream)
        self.stream = stream
        self.error = error

    @property
    def reader_left(self) -> bool:
        """The reader of a pipe went away (``timeline list | head -1``): not an error."""
        return isinstance(self.error, BrokenPipeError)

    def __str__(self) -> str:
        if self.error is None:
            return f"cannot write to standard {self.stream}: it is closed"
        if isinstance(self.error, UnicodeEncodeError):
            char = self.error.object[self.error.start : self.error.start + 1]
            return (
                f"cannot write to standard {self.stream}: its encoding ({self.error.encoding}) has no "
                f"{char!r} (U+{ord(char):04X}); set PYTHONIOENCODING=utf-8"
            )
        reason = self.error.strerror or str(self.error)
        return f"cannot write to standard {self.stream}: {reason}"


class _Guarded:
    """``sys.stdout`` or ``sys.stderr`` while a command runs: a write that fails (disk full,
    closed, an I/O error) raises :class:`_OutputFailed` instead of an ``OSError`` from anywhere,
    so that :func:`main` alone says it, in one line; everything else is the stream's own.

    Standard error is guarded with ``keep_going``: a message that cannot be said does not stop
    the command (the file it writes is still written), it is noted in :attr:`failed` and the
    command ends with exit 1, there being no place left to say why."""

    def __init__(self, stream: TextIO | None, name: str, *, keep_going: bool = False) -> None:
        self._stream = stream
        self._name = name
        self._keep_going = keep_going
        self.failed = False

    def _fail(self, error: OSError | UnicodeEncodeError | None) -> None:
        self.failed = True
        if not self._keep_going:
            raise _OutputFailed(self._name, error) from error

    def write(self, text: str) -> int:
        if self._stream is None:  # started with the descriptor closed (timeline list >&-)
            if text:
                self._fail(None)
            return len(text)
        try:
            return self._stream.write(text)
        except (OSError, ValueError) as exc:  # ValueError: "I/O operation on closed file"
            self._fail(exc if isinstance(exc, (OSError, UnicodeEncodeError)) else None)
            return len(text)

    def write_bytes(self, data: bytes | bytearray) -> None:
        """``data`` as it is, through the stream's own bytes where it has them (an export is a
        file's bytes: UTF-8, whatever the terminal's encoding); else as the text they hold."""
        buffer = getattr(self._stream, "buffer", None)
        if buffer is None:
            self.write(data.decode("utf-8"))
            return
        self.flush()  # what was written as text goes first
        try:
            buffer.write(data)
            buffer.flush()
        except (OSError, ValueError) as exc:
            self._fail(exc if isinstance(exc, OSError) else None)

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except (OSError, ValueError) as exc:
            self._fail(exc if isinstance(exc, OSError) else None)

    def __getattr__(self, name: str) -> object:
        if self._stream is None:
            raise AttributeError(name)
        return getattr(self._stream, name)


def _write_bytes(data: bytes | bytearray) -> None:
    """``data`` to standard output as it is (see :meth:`_Guarded.write_bytes`)."""
    out = sys.stdout
    if isinstance(out, _Guarded):
        out.write_bytes(data)
    else:
        _Guarded(out, "output").write_bytes(data)


def _silence_stdout(stream: TextIO | None) -> None:
    """Point the process's standard output at the null device, so that what is still buffered,
    and the interpreter's own flush at exit, go nowhere instead of failing again (only when
    ``stream`` is that standard output, not one put in its place by a caller or a test)."""
    real = sys.__stdout__
    if real is None or stream is not real:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, real.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; a write to standard output or error that fails (full, closed, an
    I/O error) ends it with one line on standard error and exit 1, never a traceback; a reader
    that went away (a closed pipe) ends it quietly with 0."""
    saved = sys.stdout, sys.stderr
    out, err = _Guarded(sys.stdout, "output"), _Guarded(sys.stderr, "error", keep_going=True)
    sys.stdout, sys.stderr = out, err
    try:
        try:
            code = _main(argv)
        except SystemExit as exc:  # argparse's --help, --version and usage errors write too
            out.flush()
            err.flush()
            if err.failed and exc.code in (0, None):
                raise SystemExit(EXIT_INVALID) from None
            raise
        out.flush()
        err.flush()
        return EXIT_INVALID if err.failed and code == EXIT_OK else code
    except _OutputFailed as exc:
        _silence_stdout(saved[0])
        if exc.reader_left:
            return EXIT_OK
        _err(f"{PROG}: {exc}")  # through the guard: where it cannot be said, it is not
        # diff's 1 means "differences": its trouble is 2, as for diff(1)
        given = list(sys.argv[1:] if argv is None else argv)
        return EXIT_USAGE if _normalise_argv(given)[:1] == ["diff"] else EXIT_INVALID
    finally:
        sys.stdout, sys.stderr = saved


def _command_parser(parser: _Parser, command: str) -> _Parser:
    """The parser of ``command`` (whose errors show that command's usage)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found: _Parser = action.choices[command]
            return found
    return parser


#: What a command refuses once the timeline is read, as a usage error (the command's usage, then
#: the message, which names what may have been meant): a name or id the timeline does not have.
_UNKNOWN_NAMES = (UnknownActorError, UnknownNameError, UnknownEventError, UnknownViewError)


def _main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    args_list = _normalise_argv(given)
    parser = _build_parser()
    if args_list[0] == "open" and given[:1] != ["open"] and (word := _mistyped_command(given)):
        parser.error(unknown("command", word, COMMANDS))
    args, extras = parser.parse_known_args(args_list)
    command = _command_parser(parser, args.command)
    if args.command == "diff":
        # its files and revisions may have options between them: 'diff v1..v2 -f markdown events.yaml'
        args, extras = command.parse_known_intermixed_args(args_list[1:], argparse.Namespace(command="diff"))
    if extras:
        command.refuse_extras(extras)
    lo, hi = getattr(args, "date_from", None), getattr(args, "date_to", None)
    if Filter(date_from=lo, date_to=hi).empty_range:
        assert lo is not None and hi is not None
        command.error(f"--from {lo.display()} is after --to {hi.display()}: no event can match")
    handler = {
        "open": cmd_open,
        "list": cmd_list,
        "show": cmd_show,
        "export": cmd_export,
        "check": cmd_check,
        "schema": cmd_schema,
        "import": cmd_import,
        "diff": cmd_diff,
        "log": cmd_log,
    }[args.command]
    try:
        return handler(args)
    except LoadError as exc:
        _print_problems(exc.problems, sys.stderr)
        return EXIT_INVALID
    except _UNKNOWN_NAMES as exc:
        command.error(str(exc))
    except _UsageError as exc:
        # a refusal once the command line has been read: the message says what to do, and the
        # command line's usage (of another command, or many lines of this one's) would bury it
        _fail(str(exc), EXIT_USAGE)
    except WriteError as exc:
        _fail(f"cannot write: {exc}", EXIT_INVALID)
    except KeyboardInterrupt:
        return 130
