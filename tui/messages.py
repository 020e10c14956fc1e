"""What the loading worker tells the app: a timeline loaded or failed, progress, the search index ready."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from timeline import Loaded, Problem, Timeline


@dataclass
class TimelineLoaded(Message):
    loaded: Loaded
    initial: bool  # the first load (else a reload after the files changed)


@dataclass
class TimelineFailed(Message):
    problems: list[Problem]
    initial: bool


@dataclass
class LoadProgress(Message):
    fraction: float  # of the bytes read so far


@dataclass
class SearchIndexReady(Message):
    timeline: Timeline
