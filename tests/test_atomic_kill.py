"""Exports are atomic: killed mid-write, the old file is intact; what the crash left is cleaned up.

The writer runs in a child process that is killed with SIGKILL at chosen
moments (while the data is being written, before the rename) or at random
ones while it rewrites the target over and over; the target must always hold
one whole version, byte for byte.  Also: modes, and clear one-line errors.
"""

from __future__ import annotations

import os
import random
import select
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from timeline.atomic import WriteError, write_atomic
from timeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
BASE = Path(__file__).parent / "hostile" / "base.yaml"

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

# The child writes ``size`` bytes of ``fill`` to the target through write_atomic, slowed
# down so that the parent can kill it at a known point: "write" (after the first chunk of
# data reached the temporary file) or "rename" (all data written and fsynced, not renamed).
CHILD = r"""
import os, signal, sys
sys.path.insert(0, sys.argv[1])
import timeline.atomic as atomic

target, point, size = sys.argv[2], sys.argv[3], int(sys.argv[4])
real_fdopen, real_replace = os.fdopen, os.replace

class SlowFile:
    def __init__(self, fh):
        self.fh = fh
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return self.fh.__exit__(*exc)
    def write(self, data):
        chunk = 1 << 16
        for i in range(0, len(data), chunk):
            self.fh.write(data[i : i + chunk])
            self.fh.flush()
            if i == 0 and point == "write":
                print("ready", flush=True)
                signal.pause()  # held here until the parent kills it, however long that takes
    def flush(self):
        self.fh.flush()
    def fileno(self):
        return self.fh.fileno()

def paused_replace(src, dst):
    print("ready", flush=True)
    signal.pause()  # held here until the parent kills it, however long that takes
    real_replace(src, dst)

atomic.os.fdopen = lambda fd, mode: SlowFile(real_fdopen(fd, mode))
atomic.os.replace = paused_replace
atomic.write_atomic(target, b"n" * size)
"""

# Rewrites the target with A and B payloads, forever, until killed.
LOOP = r"""
import sys
sys.path.insert(0, sys.argv[1])
from timeline.atomic import write_atomic
target, size = sys.argv[2], int(sys.argv[3])
payloads = [b"A" * size, b"B" * size]
print("ready", flush=True)
i = 0
while True:
    write_atomic(target, payloads[i % 2])
    i += 1
    print("wrote", flush=True)
"""


def _wait_ready(proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    assert ready, "the writer did not start"
    assert proc.stdout.readline() == b"ready\n"


def _kill(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)  # reaped: its pid no longer names a live process


def _temps(folder: Path, name: str) -> list[Path]:
    return sorted(folder.glob(f".{name}.*.tmp"))


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.parametrize("point", ["write", "rename"])
def test_kill_mid_write_keeps_the_old_file(point: str, tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    old = os.urandom(1 << 20)
    target.write_bytes(old)
    target.chmod(0o640)
    size = 8 << 20
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(ROOT), str(target), point, str(size)], stdout=subprocess.PIPE
    )
    try:
        _wait_ready(proc)
        (tmp,) = _temps(tmp_path, "out.md")
        written = tmp.stat().st_size
        assert (0 < written < size) if point == "write" else written == size
        # not readable by others while incomplete; the target's mode once complete
        assert stat.S_IMODE(tmp.stat().st_mode) == (0o600 if point == "write" else 0o640)
    finally:
        _kill(proc)
        assert proc.stdout is not None
        proc.stdout.close()
    assert target.read_bytes() == old
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert tmp.exists()  # what the crash left...
    write_atomic(target, "new\n")
    assert not tmp.exists()  # ...is removed by the next write to the same target
    assert _temps(tmp_path, "out.md") == []
    assert target.read_bytes() == b"new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_killed_at_random_moments_the_target_is_always_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    size = 4 << 20
    whole = {b"A" * size, b"B" * size}
    rng = random.Random(1234)
    for _ in range(4):
        proc = subprocess.Popen(
            [sys.executable, "-c", LOOP, str(ROOT), str(target), str(size)], stdout=subprocess.PIPE
        )
        try:
            _wait_ready(proc)
            # A moment told by the writer's progress, not by a clock: after a random number of
            # whole writes, it is somewhere in the next one when the kill lands.
            assert proc.stdout is not None
            for _ in range(rng.randint(1, 4)):
                assert proc.stdout.readline() == b"wrote\n"
        finally:
            _kill(proc)
            assert proc.stdout is not None
            proc.stdout.close()
        assert target.read_bytes() in whole
    write_atomic(target, "done\n")
    assert target.read_bytes() == b"done\n"
    assert _temps(tmp_path, "out.md") == []


def test_temp_files_of_live_or_foreign_writers_are_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    # a live writer for as long as the test needs one (killed below), however busy the machine
    sleeper = subprocess.Popen([sys.executable, "-c", "import signal; signal.pause()"])
    try:
        live = tmp_path / f".out.md.{sleeper.pid}.0a0b0c0d.tmp"
        huge_pid = tmp_path / ".out.md.99999999999999999999999.0a0b0c0d.tmp"
        not_a_pid = tmp_path / ".out.md.notes.tmp"
        other_target = tmp_path / ".other.md.1.0a0b0c0d.tmp"
        for path in (live, huge_pid, not_a_pid, other_target):
            path.write_text("x")
        write_atomic(target, "ok\n")
        assert all(p.exists() for p in (live, huge_pid, not_a_pid, other_target))
    finally:
        sleeper.kill()
        sleeper.wait()
    write_atomic(target, "again\n")
    assert not live.exists()  # its writer is gone now


def test_new_file_gets_the_usual_permissions(tmp_path: Path, umask_022: None) -> None:
    target = write_atomic(tmp_path / "new.md", "text\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    os.umask(0o077)
    private = write_atomic(tmp_path / "private.md", "text\n")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664, 0o755])
def test_existing_file_keeps_its_mode(mode: int, tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "out.md"
    target.write_text("old\n")
    target.chmod(mode)
    write_atomic(target, "new\n")
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == mode


def test_symlink_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old\n")
    real.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomic(link, "new\n")
    assert link.is_symlink()
    assert real.read_text() == "new\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_fifo_is_written_to_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_atomic(fifo, "through the pipe\n")
    reader.join()  # (the write above has ended: the reader has its end of file)
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def _one_line_error(call: object, *args: object) -> str:
    with pytest.raises(WriteError) as info:
        call(*args)  # type: ignore[operator]
    message = str(info.value)
    assert "\n" not in message
    return message


def test_directory_and_missing_folder_are_clear_errors(tmp_path: Path) -> None:
    assert _one_line_error(write_atomic, tmp_path, "x") == f"{tmp_path}: is a directory; give a file name"
    assert "is a directory" in _one_line_error(write_atomic, f"{tmp_path}/new-folder/", "x")
    missing = tmp_path / "nope" / "out.md"
    assert (
        _one_line_error(write_atomic, missing, "x")
        == f"{missing}: folder {str(missing.parent)!r} does not exist"
    )
    assert list(tmp_path.iterdir()) == []


def test_existing_file_is_not_replaced_without_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old\n")
    assert (
        _one_line_error(lambda: write_atomic(target, "new\n", overwrite=False)) == f"{target}: already exists"
    )
    assert target.read_text() == "old\n"
    assert _temps(tmp_path, "out.md") == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        message = _one_line_error(write_atomic, folder / "out.md", "x")
    finally:
        folder.chmod(0o700)
    assert message.endswith("Permission denied")


@pytest.mark.parametrize("where", ["directory", "missing"])
def test_export_to_a_bad_target_is_one_line(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path if where == "directory" else tmp_path / "nope" / "out.md"
    with pytest.raises(SystemExit) as info:
        main(["export", "-o", str(target), str(BASE)])
    assert info.value.code == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"timeline: cannot write: {target}: ")


def test_no_overwrite_works_where_hard_links_do_not(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a filesystem without hard links (FAT, some shares) a new file is still written, atomically."""

    def no_links(src: object, dst: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "new.md"
    write_atomic(target, "fresh", overwrite=False)
    assert target.read_text(encoding="utf-8") == "fresh"
    assert [p.name for p in tmp_path.iterdir()] == ["new.md"]  # no temporary file left
    with pytest.raises(WriteError, match="already exists"):
        write_atomic(target, "again", overwrite=False)
    assert target.read_text(encoding="utf-8") == "fresh"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_a_folder_that_takes_no_new_files_is_named_as_such(tmp_path: Path) -> None:
    # /proc is a folder, but creating a file there fails with "No such file or directory",
    # which would wrongly suggest the folder is missing.
    with pytest.raises(WriteError) as caught:
        write_atomic(Path("/proc/timeline-export.md"), "x", overwrite=False)
    message = str(caught.value)
    assert "does not take new files" in message
    assert "No such file" not in message


@pytest.mark.parametrize("overwrite", [True, False])
def test_the_data_is_synced_before_the_rename_and_the_folder_after(
    overwrite: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the first fsync a crash can leave the renamed file empty; without the second, unnamed."""
    import timeline.atomic as atomic

    calls: list[tuple[str, str]] = []
    real_fsync, real_replace, real_link = os.fsync, os.replace, os.link

    def what(fd: int) -> str:
        return "folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"

    def fsync(fd: int) -> None:
        kind = what(fd)
        if kind == "file":  # what is synced is the whole new content
            kind += f":{os.fstat(fd).st_size} bytes"
        calls.append(("fsync", kind))
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        calls.append(("rename", Path(dst).name))
        real_replace(src, dst)

    def link(src: str, dst: str) -> None:
        calls.append(("rename", Path(dst).name))  # a link then an unlink: the no-overwrite rename
        real_link(src, dst)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    monkeypatch.setattr(atomic.os, "replace", replace)
    monkeypatch.setattr(atomic.os, "link", link)
    target = tmp_path / "out.md"
    if overwrite:
        target.write_text("old", encoding="utf-8")
    write_atomic(target, "new content", overwrite=overwrite)
    assert calls == [("fsync", "file:11 bytes"), ("rename", "out.md"), ("fsync", "folder")]
    assert target.read_text(encoding="utf-8") == "new content"
