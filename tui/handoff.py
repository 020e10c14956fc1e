"""Handing text and links to the world outside the terminal, saying honestly how it went.

A terminal app cannot know whether the terminal took an OSC 52 clipboard request (many refuse it,
some only over a setting), nor whether ``webbrowser`` reached a browser. So:

- :func:`copy_text` first tries a system clipboard tool (``wl-copy``, ``xclip``, ``xsel``, ``pbcopy``,
  ``clip.exe``), whose exit status says whether it worked; otherwise it saves the text to a file
  the user can open, and the caller also sends OSC 52, saying it *asked* the terminal.
- :func:`open_link` starts a graphical browser only: a console browser (``lynx``, ``w3m``…)
  would draw over the explorer. When none starts, the caller shows the URL whole and copies it.

Nothing here imports Textual; the app turns a :class:`Delivery` into a notification.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import webbrowser
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from timeline.atomic import WriteError, write_atomic
from timeline.cache import cache_dir

__all__ = ["Delivery", "clipboard_tools", "copy_text", "open_link", "own_command", "shell_word", "shown_path"]

#: How long a clipboard tool may take before it counts as failed, in seconds.
TOOL_TIMEOUT = 2.0

#: Browsers that run inside the terminal: starting one would take over the explorer's screen.
CONSOLE_BROWSERS = frozenset({"www-browser", "links", "elinks", "lynx", "w3m", "links2", "browsh"})


@dataclass(frozen=True)
class Delivery:
    """How a piece of text left the app.

    ``tool``: the system clipboard tool that took it (the text is on the clipboard), else "".
    ``saved``: the file it was saved to when no tool took it, else None.
    ``terminal``: whether the caller should also ask the terminal (OSC 52), which can't confirm.
    """

    tool: str = ""
    saved: Path | None = None
    terminal: bool = False
    error: str = ""

    def describe(self, what: str) -> str:
        """One honest sentence: ``Copied the event to the clipboard (xclip).``; a file it was
        saved to comes whole on a line of its own, as :func:`shown_path` writes it."""
        if self.tool:
            return f"Copied {what} to the clipboard ({self.tool})."
        parts = []
        if self.terminal:
            parts.append(f"Asked the terminal to copy {what} (OSC 52; not every terminal allows it)")
        if self.saved is not None:
            parts.append(
                ("and saved it to:" if parts else f"Saved {what} to:") + "\n" + shown_path(self.saved)
            )
            return " ".join(parts)
        if self.error:
            parts.append(("but " if parts else f"Could not copy {what}: ") + self.error)
        return " ".join(parts) + "."


def shown_path(path: Path, cwd: Path | None = None, home: Path | None = None) -> str:
    """``path`` as a message shows it, short and usable in the shell the app was started from:
    relative to the working folder when inside it, else from ``~`` when inside the home folder."""
    try:
        cwd = cwd or Path.cwd()
        home = home or Path.home()
    except (OSError, RuntimeError, KeyError):
        return str(path)
    if path.is_relative_to(cwd):
        return str(path.relative_to(cwd))
    if path.is_relative_to(home):
        return str(Path("~") / path.relative_to(home))
    return str(path)


def shell_word(text: str) -> str:
    """``text`` quoted for a POSIX shell where it needs it, a leading ``~/`` left for the shell."""
    if text.startswith("~/"):
        return "~/" + shlex.quote(text[2:])
    return shlex.quote(text)


def own_command(
    argv0: str | None = None, which: Callable[[str], str | None] = shutil.which, python: str | None = None
) -> str:
    """The command that runs this program again, as the user can type it: ``timeline`` when that
    is on the PATH and is this program, else the path it was started by (``.venv/bin/timeline``
    after the README's quick start), else ``python -m timeline`` with this interpreter."""
    argv0 = sys.argv[0] if argv0 is None else argv0
    python = sys.executable if python is None else python
    name = os.path.basename(argv0)
    if name and name != "__main__.py" and not name.startswith(("pytest", "python")):
        found = which(name)
        if found and os.path.exists(argv0) and os.path.samefile(found, argv0):
            return name
        if os.path.exists(argv0):
            return shell_word(argv0 if os.sep in argv0 else f".{os.sep}{argv0}")
    return f"{shell_word(shown_path(Path(python))) if python else 'python3'} -m timeline"


def clipboard_tools(
    env: dict[str, str] | None = None,
    platform: str = sys.platform,
    which: Callable[[str], str | None] = shutil.which,
) -> list[list[str]]:
    """The clipboard commands that can work here, best first (each reads the text on stdin)."""
    env = dict(os.environ) if env is None else env
    candidates: list[list[str]] = []
    if platform == "darwin":
        candidates.append(["pbcopy"])
    if platform.startswith("win") or env.get("WSL_DISTRO_NAME"):
        candidates.append(["clip.exe"])
    if env.get("WAYLAND_DISPLAY"):
        candidates.append(["wl-copy"])
    if env.get("DISPLAY"):
        candidates += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    return [c for c in candidates if which(c[0])]


def _run_tool(command: Sequence[str], text: str) -> bool:
    try:
        done = subprocess.run(
            list(command),
            input=text.encode("utf-8"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=TOOL_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def copy_text(
    text: str,
    *,
    name: str = "copied.md",
    tools: Sequence[Sequence[str]] | None = None,
    folder: Path | None = None,
    run: Callable[[Sequence[str], str], bool] = _run_tool,
) -> Delivery:
    """Put ``text`` on the system clipboard if a tool takes it; else save it to ``folder/name``."""
    for command in clipboard_tools() if tools is None else tools:
        if run(command, text):
            return Delivery(tool=command[0])
    folder = folder if folder is not None else cache_dir()
    if folder is None:
        return Delivery(terminal=True, error="there is no folder to save it in")
    target = folder / name
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text, overwrite=True)
    except (OSError, WriteError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return Delivery(terminal=True, error=f"saving it failed ({reason})")
    return Delivery(terminal=True, saved=target)


def open_link(url: str, get: Callable[[], webbrowser.BaseBrowser] = webbrowser.get) -> str:
    """Start a graphical browser on ``url``; return its name, or "" when none could be started."""
    if not url.lower().startswith(("http://", "https://")):
        return ""
    try:
        browser = get()
    except webbrowser.Error:
        return ""
    name = getattr(browser, "name", "") or type(browser).__name__
    # Console browsers are registered as plain GenericBrowser (graphical ones run in the background).
    if type(browser) is webbrowser.GenericBrowser or os.path.basename(name) in CONSOLE_BROWSERS:
        return ""
    try:
        started = browser.open(url, new=2)
    except (OSError, webbrowser.Error):
        return ""
    return name if started else ""
