"""Running the command line in-process, as the tests of the commands do."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """``main(argv)`` as the shell would see it: exit code, stdout, stderr (never a traceback)."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err
