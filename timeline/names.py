"""A name that matches nothing: the known names it is closest to, and how to say so.

The one "did you mean": the command line's unknown actors, tags, kinds, outcomes, event ids,
commands, options and formats, the loader's unknown keys, kinds, link types and references, and
the dates' suggested spellings (:func:`timeline.datesuggest.teach`) all find and word their
suggestions here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from difflib import SequenceMatcher

__all__ = ["CUTOFF", "did_you_mean", "suggest", "unknown"]

#: How alike (difflib's ratio, 0 to 1) a known name must be to be suggested.
CUTOFF = 0.6
#: When no known name is alike as a whole, one of whose words is this alike to what was typed is
#: suggested: ``Aliev`` → ``Ilham Aliyev``, ``karabah`` → ``Nagorno-Karabakh``.
WORD_CUTOFF = 0.8
#: Suggested: the likeliest known name, and those at most this much less alike.
MARGIN = 0.1
#: The known names are listed beside a suggestion when they fit in this many characters (a few
#: outcomes, formats or commands); otherwise only when there is nothing to suggest.
SHORT_LIST = 60

_WORDS = re.compile(r"[\s\-_/.]+")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _likeness(matcher: SequenceMatcher[str], other: str, cutoff: float) -> float:
    """difflib's ratio of ``matcher``'s second sequence to ``other`` (0 when surely below ``cutoff``)."""
    matcher.set_seq1(other)
    if matcher.real_quick_ratio() < cutoff or matcher.quick_ratio() < cutoff:
        return 0.0
    return matcher.ratio()


def suggest(
    name: str,
    known: Iterable[str],
    *,
    meaning: Mapping[str, str] | None = None,
    n: int = 3,
    cutoff: float = CUTOFF,
) -> list[str]:
    """At most ``n`` of ``known`` that ``name`` may have meant, the likeliest first.

    Compared without regard to case or spacing: as a whole (difflib's ratio at least ``cutoff``)
    or, when no name is alike as a whole, by one of its words (at least :data:`WORD_CUTOFF`
    alike: ``Aliev`` → ``Ilham Aliyev``); only those nearly as alike as the likeliest
    (:data:`MARGIN`), so that ``Rusia`` suggests ``Russia`` and not ``USA`` as well. With
    ``meaning``, ``known`` are the spellings that would be accepted and ``meaning`` gives the name
    to suggest for each (an actor's id, name, short tag and aliases → its name), each name
    suggested once. ``name`` itself is never suggested.
    """
    target = _fold(name)
    if not target:
        return []
    pairs = [(k, k) for k in known] if meaning is None else [(k, meaning[k]) for k in known]
    matcher: SequenceMatcher[str] = SequenceMatcher(autojunk=False)
    matcher.set_seq2(target)
    whole = _scores(pairs, name, lambda folded: _likeness(matcher, folded, cutoff), cutoff)
    if not whole:

        def by_word(folded: str) -> float:
            words = [w for w in _WORDS.split(folded) if w]
            return (
                max((_likeness(matcher, w, WORD_CUTOFF) for w in words), default=0.0)
                if len(words) > 1
                else 0.0
            )

        whole = _scores(pairs, name, by_word, WORD_CUTOFF)
    if not whole:
        return []
    top = max(score for score, _ in whole.values())
    ranked = sorted(whole.items(), key=lambda item: (-item[1][0], item[1][1]))
    return [meant for meant, (score, _) in ranked[:n] if score >= top - MARGIN]


def _scores(
    pairs: Sequence[tuple[str, str]], name: str, score_of: Callable[[str], float], cutoff: float
) -> dict[str, tuple[float, int]]:
    """Each name meant (not ``name`` itself) → its best score of at least ``cutoff`` among its
    spellings, and where it was first met (for ties)."""
    best: dict[str, tuple[float, int]] = {}
    for order, (spelling, meant) in enumerate(pairs):
        if meant == name:
            continue
        score = score_of(_fold(spelling))
        if score < cutoff:
            continue
        if meant not in best:
            best[meant] = (score, order)
        elif score > best[meant][0]:
            best[meant] = (score, best[meant][1])
    return best


def did_you_mean(options: Sequence[str], *, quote: bool = True) -> str:
    """``did you mean 'a'?``, ``did you mean 'a' or 'b'?``; empty when there are no ``options``.
    ``quote=False`` for options that are text to copy as they stand (a date's spellings)."""
    if not options:
        return ""
    shown = [repr(o) for o in options] if quote else list(options)
    return f"did you mean {' or '.join(shown)}?"


def unknown(
    what: str,
    name: str,
    known: Sequence[str],
    *,
    suggestions: Sequence[str] | None = None,
    listing: bool = True,
) -> str:
    """``unknown tag 'talk'; did you mean 'talks'?``, or with nothing to suggest the known names:
    ``unknown actor 'Turkey'; known actors: Armenia, Azerbaijan, …``.

    ``suggestions`` default to :func:`suggest` of ``name`` among ``known``. The known names are
    listed beside a suggestion too when they are few (:data:`SHORT_LIST`); never with
    ``listing=False`` (thousands of event ids).
    """
    if suggestions is None:
        suggestions = suggest(name, known)
    message = f"unknown {what} {name!r}"
    listed = ", ".join(known)
    show_list = listing and bool(known) and (not suggestions or len(listed) <= SHORT_LIST)
    if suggestions:
        message += f"; {did_you_mean(suggestions)}"
        return message + (f" known {what}s: {listed}" if show_list else "")
    return message + (f"; known {what}s: {listed}" if show_list else "")
