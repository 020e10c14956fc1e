"""Refusals that teach: what a refused date may have meant, spelled in the project's forms.

When a date is refused, :func:`teach` adds to the message the readings python-dateutil finds
(month first, day first, year first) as the exact spellings to write instead ("did you mean
3 March 2011?"); where it finds none, the refusal's own reason says why (``31 February 1999``,
a zone with two meanings), and a refusal the grammar could only call unreadable says why
dateutil suggests nothing either.  A dateutil reading is never accepted: it is only
offered, and only when it keeps everything the text says:

* only the fields the text gives count: each convention is parsed twice, with two different
  default dates, and a field that differs between the two came from the default, not the text;
* a year must be written with three or four digits (dateutil gives ``11`` a century: a guess);
* a reading is dropped when dateutil skipped a zone it does not know (``IST``), when the text
  has a fraction of a second (the model keeps whole seconds), or when a weekday written in the
  text does not match it;
* every suggestion is read back by :func:`~timeline.dategrammar.parse_date` to the same fields.

dateutil is imported here, when a message is built, and not before: loading a valid timeline
never imports it.  For a text the grammar cannot read at all, the words dateutil did not
understand either are named.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings

from .datemodel import MONTH_ABBR, MONTH_NAME, WEEKDAYS, DateError
from .datezones import offset_text
from .names import did_you_mean, suggest

__all__ = ["suggestions", "teach"]

_CONVENTIONS: tuple[tuple[str, bool, bool], ...] = (
    ("month first", False, False),
    ("day first", True, False),
    ("year first", False, True),
)
#: Two defaults that differ in every field: a field equal in both readings was written.
_DEFAULTS = (dt.datetime(2000, 1, 1, 0, 0, 0), dt.datetime(2001, 2, 2, 1, 1, 1))
_WEEKDAY = r"\b(" + "|".join(w[:3] for w in WEEKDAYS) + r")[a-z]*\.?\b"
_KNOWN_WORDS = frozenset(("on", "at", "of", "the", "in", "and", "hours", "hrs", "a", "m", "p", "am", "pm"))
#: Texts longer than this get no suggestion (a date is short; this bounds the work).
_MAX = 80


def _spelling(values: dict[str, int], offset: int | None) -> str:
    """A reading's fields in the project's natural form: ``3 March 2011 14:30 +05:00``."""
    year = values["year"]
    if "month" not in values:
        return str(year)
    if "day" not in values:
        return f"{MONTH_NAME[values['month']]} {year}"
    text = f"{values['day']} {MONTH_NAME[values['month']]} {year}"
    if "hour" in values:
        text += f" {values['hour']:02d}:{values.get('minute', 0):02d}"
        if "second" in values:
            text += f":{values['second']:02d}"
        if offset is not None:
            text += " UTC" if offset == 0 else f" {offset_text(offset)}"
    return text


def _reading(text: str, dayfirst: bool, yearfirst: bool) -> tuple[str | None, str]:
    """(spelling, "") of dateutil's reading of ``text`` in one convention, or (None, why not)."""
    from dateutil import parser  # only when a message is built: see the module's docstring

    results = []
    for default in _DEFAULTS:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                results.append(parser.parse(text, default=default, dayfirst=dayfirst, yearfirst=yearfirst))
            except (ValueError, OverflowError, TypeError):
                return None, "python-dateutil reads no date in it either"
        if caught:
            return None, "python-dateutil would drop a time zone it does not know either"
    one, two = results
    given = {
        name: getattr(one, name)
        for name in ("year", "month", "day", "hour", "minute", "second")
        if getattr(one, name) == getattr(two, name)
    }
    if one.microsecond:
        return None, "the model keeps whole seconds"
    if "year" not in given or not re.search(rf"(?<!\d){given['year']}(?!\d)", text):
        return None, (
            "the year python-dateutil reads is not written as one in the text "
            "(a two-digit year, whose century would be a guess, or digits run together)"
        )
    if "day" in given and "month" not in given:
        return None, "python-dateutil's reading would take the month from nowhere"
    if "hour" in given and "day" not in given:
        return None, "a time of day needs a full date"
    delta = one.utcoffset()
    offset = None if delta is None else int(delta.total_seconds()) // 60
    spelling = _spelling(given, offset)
    weekday = re.search(_WEEKDAY, text, re.I)
    if weekday:
        spelling = f"{weekday.group(0).rstrip('.').capitalize()} {spelling}"
    return spelling, ""


def suggestions(text: str) -> tuple[list[tuple[str, str]], str]:
    """([(spelling, convention)], why none): python-dateutil's readings of ``text`` that the
    grammar reads back, each once, with the conventions that give it."""
    from .dategrammar import parse_date

    if len(text) > _MAX:
        return [], "it is too long to be one date"
    found: dict[str, list[str]] = {}
    why = ""
    conventions = _CONVENTIONS
    if re.match(r"\d{3,4}\D", text):  # a year written first is read year first alone (2011.03.04)
        conventions = tuple(c for c in _CONVENTIONS if c[0] == "year first")
    for name, dayfirst, yearfirst in conventions:
        spelling, reason = _reading(text, dayfirst, yearfirst)
        if spelling is None:
            why = why or reason
            continue
        try:
            parse_date(spelling)
        except DateError:
            why = why or f"python-dateutil's reading ({spelling}) is refused too"
            continue
        found.setdefault(spelling, []).append(name)
    return [(s, " or ".join(names)) for s, names in found.items()], why


def _not_understood(text: str) -> list[str]:
    """The words of ``text`` python-dateutil's fuzzy reading skipped (and the grammar has none of)."""
    from dateutil import parser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            _, skipped = parser.parse(text, fuzzy_with_tokens=True, default=_DEFAULTS[0])
        except (ValueError, OverflowError, TypeError):
            return []
    words = re.findall(r"[^\W\d_][\w'.]*", " ".join(skipped))
    return [w for w in words if w.lower().strip(".") not in _KNOWN_WORDS]


def _respelt(text: str, unknown: list[str], order: str | None) -> list[tuple[str, str]]:
    """Readings of ``text`` with its misspelt month names (``Mrach``, ``Febuary``) spelt right:
    each word not understood that is close to one month's name, and the grammar reads the result."""
    from .dateranges import parse_when

    names = [n for n in (*MONTH_NAME[1:], *MONTH_ABBR[1:]) if n]
    fixed = text
    for word in dict.fromkeys(unknown):
        close = suggest(word.strip("."), names, n=2, cutoff=0.75)
        if len({MONTH_NAME.index(c) if c in MONTH_NAME else MONTH_ABBR.index(c) for c in close}) != 1:
            return []  # no month near it, or two (a guess either way)
        fixed = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", close[0], fixed)
    try:
        parse_when(fixed, order)
    except DateError:
        return []
    return [(fixed, "the month's name spelt right")]


#: Where the grammar's general refusal lists its examples (see ``dategrammar._hint``).
_EXAMPLES = ": write e.g. "


def teach(message: str, text: str, order: str | None = None) -> str:
    """``message`` (the refusal of date ``text``) with the spellings that may have been meant,
    or why none is offered.  ``order`` is the file's date-order, if it has one."""
    if "did you mean" in message:
        return message  # the grammar offers the readings itself (a numeric date read two ways)
    flat = " ".join(text.split())
    try:
        found, why = suggestions(flat)
    except Exception as exc:  # a suggestion must never hide the refusal itself
        found, why = [], f"python-dateutil failed ({type(exc).__name__})"
    if order is not None:
        # in a file that declares its order, only that convention's reading is offered
        wanted = "day first" if order == "day-first" else "month first"
        kept = [(s, c) for s, c in found if wanted in c or "year first" in c]
        found = kept or found
    if message.startswith("cannot read date"):
        unknown = _not_understood(flat)
        if unknown:
            note = f" (not understood: {', '.join(dict.fromkeys(unknown))})"
            # said of the text, before the general examples
            message = (
                message.replace(_EXAMPLES, note + _EXAMPLES, 1) if _EXAMPLES in message else message + note
            )
            found = found or _respelt(flat, unknown, order)
    if not found:
        if message.startswith("cannot read date"):  # the grammar's reason is general: add dateutil's
            return f"{message} (no reading to suggest: {why or 'none found'})"
        return message  # the refusal's own reason says why (31 February, a zone with two meanings…)
    meant = did_you_mean([found[0][0]] if len(found) == 1 else [f"{s} ({c})" for s, c in found], quote=False)
    # The readings first, where a narrow screen still shows them; the general examples after.
    head, examples = message.split(_EXAMPLES, 1) if _EXAMPLES in message else (message, "")
    if examples:
        return f"{head}: {meant} Otherwise {_EXAMPLES.removeprefix(': ')}{examples}"
    return f"{message}; {meant}"
