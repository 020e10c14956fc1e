"""What the loading worker tells the app: a timeline loaded or failed, and progress."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from textual.message import Message

from timeline import Loaded, Problem


@dataclass
class TimelineLoaded(Message):
    loaded: Loaded
    initial: bool  # the first load (else a reload after the files changed)
    #: Set once the app has drawn the new timeline (or will not): a load worker waits for it
    #: before its background work (the cache entry, the search index), which would slow that frame.
    shown: threading.Event = field(default_factory=threading.Event)


@dataclass
class TimelineFailed(Message):
    problems: list[Problem]
    initial: bool


@dataclass
class LoadProgress(Message):
    fraction: float  # of the bytes read so far
