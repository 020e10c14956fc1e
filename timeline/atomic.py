"""Write a file so that it is either wholly the old content or wholly the new.

The data goes to a temporary file in the target's own folder, is flushed and
fsynced, then renamed over the target, and the folder is fsynced.  A crash or
kill at any point leaves the old file untouched; the temporary files such a
crash leaves behind carry the writer's pid and are removed by the next write
to the same target once that process is gone.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

__all__ = ["WriteError", "write_atomic"]


class WriteError(OSError):
    """The target cannot be written; the message is one line for the user."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _temp_prefix(target: Path) -> str:
    return f".{target.name}."


def cleanup_stale(target: Path) -> list[Path]:
    """Remove temporary files left next to ``target`` by writers that died."""
    removed = []
    prefix = _temp_prefix(target)
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        middle = name[len(prefix) : -len(".tmp")]
        pid_text = middle.split(".", 1)[0]
        if not pid_text.isdigit() or _pid_alive(int(pid_text)):
            continue
        with contextlib.suppress(OSError):
            entry.unlink()
            removed.append(entry)
    return removed


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, overwrite: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically; raise :class:`WriteError` with a clear message."""
    target = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if target.is_dir():
        raise WriteError(f"{target}: is a directory; give a file name")
    folder = target.parent
    if not folder.is_dir():
        raise WriteError(f"{target}: folder {str(folder)!r} does not exist")
    existing_mode = None
    try:
        existing_mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise WriteError(f"{target}: {exc.strerror}") from exc
    if existing_mode is not None and not overwrite:
        raise WriteError(f"{target}: already exists")
    cleanup_stale(target)
    mode = existing_mode if existing_mode is not None else 0o666 & ~_umask()
    tmp = folder / f"{_temp_prefix(target)}{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise WriteError(f"{target}: cannot write in {str(folder)!r}: {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            os.fchmod(fh.fileno(), mode)
        if not overwrite:
            # Refuse to replace a file that appeared meanwhile.
            os.link(tmp, target)
            os.unlink(tmp)
        else:
            os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, FileExistsError):
            raise WriteError(f"{target}: already exists") from exc
        raise WriteError(f"{target}: {exc.strerror or exc}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    return target
