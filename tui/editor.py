"""Which editor to open on the timeline file, and with what arguments (no Textual here).

``$VISUAL`` wins over ``$EDITOR``; each may hold arguments (``code -w``, ``emacsclient -t``).
Most terminal editors take ``+LINE FILE`` (vi, vim, nvim, nano, emacs, micro, helix, kakoune,
joe, ne, mg); the few graphical ones that do not get their own spelling below. Without either
variable, the first of ``sensible-editor``, ``editor``, ``nano``, ``vi`` on the PATH is used.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sysconfig
from collections.abc import Callable, Mapping
from pathlib import Path

__all__ = ["EditorError", "editor_command", "installed_copy"]

FALLBACKS = ("sensible-editor", "editor", "nano", "vi")


class EditorError(Exception):
    """No editor can be started; the message is one line for the user."""


def _line_args(program: str, path: str, line: int) -> list[str]:
    name = os.path.basename(program).removesuffix(".exe")
    if name in ("code", "code-insiders", "codium", "cursor"):
        return ["--goto", f"{path}:{line}"]
    if name in ("subl", "sublime_text", "zed", "gedit", "mate"):
        return [f"{path}:{line}"] if name != "gedit" else [f"+{line}", path]
    return [f"+{line}", path]


def editor_command(
    path: str,
    line: int,
    env: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] = shutil.which,
) -> list[str]:
    """The command that opens ``path`` at ``line`` in the user's editor."""
    env = os.environ if env is None else env
    for variable in ("VISUAL", "EDITOR"):
        value = env.get(variable, "").strip()
        if not value:
            continue
        try:
            words = shlex.split(value)
        except ValueError as exc:
            raise EditorError(f"cannot read ${variable} ({value!r}): {exc}") from None
        if not words:
            continue
        if which(words[0]) is None:
            raise EditorError(f"${variable} names {words[0]!r}, which is not on the PATH")
        return [*words, *_line_args(words[0], path, max(line, 1))]
    for program in FALLBACKS:
        if which(program) is not None:
            return [program, *_line_args(program, path, max(line, 1))]
    raise EditorError("no editor found: set $VISUAL or $EDITOR (for example: export EDITOR=nano)")


def installed_copy(path: str, folders: tuple[str, ...] | None = None) -> bool:
    """Whether ``path`` lies inside the installed packages (the bundled timeline of an installed
    wheel), where an edit would be lost at the next install."""
    if folders is None:
        folders = tuple({sysconfig.get_path("purelib"), sysconfig.get_path("platlib")})
    try:
        resolved = Path(path).resolve()
    except OSError:
        return False
    return any(resolved.is_relative_to(Path(folder).resolve()) for folder in folders if folder)
