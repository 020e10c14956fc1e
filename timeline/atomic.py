"""Write a file so that it is either wholly the old content or wholly the new.

The data goes to a temporary file in the target's own folder, is flushed and
fsynced, then renamed over the target, and the folder is fsynced.  A crash or
kill at any point leaves the old file untouched; the temporary files such a
crash leaves behind carry the writer's pid and are removed by the next write
to the same target once that process is gone.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

__all__ = ["WriteError", "same_file", "write_atomic"]


class WriteError(OSError):
    """The target cannot be written; the message is one line for the user."""


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name the same existing file (so an export would overwrite its own input)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # someone else's process, or no pid at all: not ours to clean up
    return True


def _temp_prefix(target: Path) -> str:
    return f".{target.name}."


def cleanup_stale(target: Path) -> list[Path]:
    """Remove temporary files left next to ``target`` by writers that died."""
    removed: list[Path] = []
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


def write_atomic(
    path: str | os.PathLike[str], data: str | bytes | bytearray, *, overwrite: bool = True
) -> Path:
    """Write ``data`` to ``path`` atomically; raise :class:`WriteError` with a clear message."""
    target = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if target.is_dir() or os.fspath(path).endswith(("/", os.sep)):
        raise WriteError(f"{target}: is a directory; give a file name")
    if target.is_symlink():
        # Write through the link, as editors do, rather than replace the link by a file.
        target = Path(os.path.realpath(target))
    folder = target.parent
    if not folder.is_dir():
        raise WriteError(f"{target}: folder {str(folder)!r} does not exist")
    existing = None
    try:
        existing = target.stat()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise WriteError(f"{target}: {exc.strerror}") from exc
    if existing is not None and not overwrite:
        raise WriteError(f"{target}: already exists")
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        # A device or a pipe (/dev/null, a FIFO): there is no file to replace, write to it.
        try:
            with open(target, "wb") as out:
                out.write(data)
        except OSError as exc:
            raise WriteError(f"{target}: {exc.strerror or exc}") from exc
        return target
    cleanup_stale(target)
    tmp = folder / f"{_temp_prefix(target)}{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        # A new file gets the usual permissions (0o666 less the umask, applied by the
        # system); a replaced one keeps its mode, set once the data is written.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if existing is not None else 0o666)
    except OSError as exc:
        reason = exc.strerror
        if exc.errno == errno.ENOENT and folder.is_dir():
            # The folder is there but refuses new files: a virtual one such as /proc or /sys.
            reason = "it does not take new files (a system folder)"
        raise WriteError(f"{target}: cannot write in {str(folder)!r}: {reason}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            if existing is not None:
                os.fchmod(fh.fileno(), stat.S_IMODE(existing.st_mode))
        if not overwrite:
            # Refuse to replace a file that appeared meanwhile: a hard link fails if the target exists.
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise
            except OSError:
                # No hard links here (FAT, some network shares): check, then rename.
                if os.path.lexists(target):
                    raise FileExistsError(target) from None
                os.replace(tmp, target)
            else:
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
