"""Write the bundled timeline's events repeated to N: real events as curators write them.

    python3 benchmarks/bundled_shaped.py 10000 out.yaml

The generated timelines (``generate.py``) have one shape; real events vary more (accounts,
links, multi-line summaries, quotes with actors and sources, ranges, times). This set keeps
every event of ``events.yaml`` as written, head included, and repeats the ``events:`` list
until it holds N events. Each copy's ids get a suffix (``-k2``, ``-k3``…), and so do the
targets of its links, so every copy links within itself and every id stays unique.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "events.yaml"

_ITEM = re.compile(r"^  - id: ", re.MULTILINE)
_REF = re.compile(r"^(\s*(?:- )?(?:id|to): )(\S+)$", re.MULTILINE)


def split(text: str) -> tuple[str, list[str]]:
    """The file's head (through ``events:``) and its events, each as written."""
    head, sep, body = text.partition("\nevents:\n")
    if not sep:
        raise ValueError("no top-level 'events:' list")
    starts = [m.start() for m in _ITEM.finditer(body)]
    if not starts or starts[0] != 0:
        raise ValueError("events are not written as '  - id: ...' items")
    items = [body[a:b] for a, b in zip(starts, [*starts[1:], len(body)], strict=True)]
    return head + sep, items


def shaped(n: int, text: str | None = None) -> str:
    """The bundled timeline with its events repeated to ``n`` (ids and link targets made unique)."""
    head, items = split(text if text is not None else BUNDLED.read_text(encoding="utf-8"))
    if n < len(items):
        raise ValueError(f"at least {len(items)} events (one whole copy, so that every link has its event)")
    ids = [_REF.search(item).group(2) for item in items]  # type: ignore[union-attr]
    last_copy, in_last = divmod(n, len(items))
    cut_off = set(ids[in_last:]) if in_last else set()  # events the last, partial copy lacks
    out = [head]
    for i in range(n):
        item = items[i % len(items)]
        copy = i // len(items)

        def renamed(m: re.Match[str], copy: int = copy) -> str:
            target = m.group(2)
            # in the partial copy, a link to an event it lacks points at the copy before it
            c = copy - 1 if copy == last_copy and target in cut_off and "to:" in m.group(1) else copy
            return f"{m.group(1)}{target}-k{c + 1}" if c else m.group(0).replace(m.group(2), target)

        if copy:
            item = _REF.sub(renamed, item)
        out.append(item if item.endswith("\n") else item + "\n")
    return "".join(out)


def write(n: int, path: str) -> int:
    data = shaped(n).encode("utf-8")
    Path(path).write_bytes(data)
    return len(data)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    size = write(int(args[0]), args[1])
    print(f"{args[1]}: {int(args[0]):,} events, {size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
