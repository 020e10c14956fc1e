"""Timeline model: load, validate, order, filter and export chronologies kept as YAML.

Pure Python: nothing here imports the terminal app, so the model can be used
from scripts, notebooks and the command line alone.
"""

from __future__ import annotations

from .dates import DateError, FuzzyDate, Span, parse_date, parse_when
from .filters import Filter, FilterSpec
from .load import Loaded, bundled_path, load, load_text
from .markdown import to_markdown
from .model import Account, Actor, Era, Event, EventLink, Link, Quote, Source, Timeline, UnknownActorError
from .problems import LoadError, Problem
from .version import __version__

__all__ = [
    "Account",
    "Actor",
    "DateError",
    "Era",
    "Event",
    "EventLink",
    "Filter",
    "FilterSpec",
    "FuzzyDate",
    "Link",
    "LoadError",
    "Loaded",
    "Problem",
    "Quote",
    "Source",
    "Span",
    "Timeline",
    "UnknownActorError",
    "__version__",
    "bundled_path",
    "load",
    "load_text",
    "parse_date",
    "parse_when",
    "to_markdown",
]
