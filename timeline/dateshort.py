"""A date in fewer cells, still true: for a column that has no room for the whole of a long span.

The list shows every date in one column, as wide as most dates need; the few longer ones (a
span with qualifiers, a time) are shown here in a shorter form that is still true, and marked
with ``…`` where something was left out (the detail pane shows them whole):

- the spaces around a span's dash go first (``27 Sep–10 Nov 2020``: nothing left out);
- then the ends are made coarser, the finer first, a step at a time (a time, then the day, then
  a qualifier, then the month or season): the coarser date holds the finer one (``early 2022``
  lies in ``2022``, ``14 Mar 2023`` in ``Mar 2023``), so the span shown holds the span written —
  ``c. early 2022 – Aug 2023?`` becomes ``c. early 2022–2023?…``, then ``c. 2022–2023?…``;
- the marks ``c.`` and ``?`` always stay with their date, and a number is never cut: when
  nothing fits, the start alone (``c. 2022–…``), else as many whole words as fit, then ``…``.
"""

from __future__ import annotations

from dataclasses import replace

from .datemodel import FuzzyDate, Span

__all__ = ["MORE", "coarser", "date_in", "shortened"]

#: Marks a date shown with something left out.
MORE = "…"


def coarser(date: FuzzyDate) -> FuzzyDate | None:
    """``date`` one step less precise, holding it; None when there is no coarser form.

    A time goes (the day shown is kept), then the day, then a qualifier (``early``), then the
    month or season; a decade, century or millennium keeps its number and loses its qualifier.
    """
    if date.hour is not None:
        y, m, d, _, _, _ = date.shown_fields()
        return FuzzyDate(y, m, d, approximate=date.approximate, uncertain=date.uncertain)
    if date.day is not None:
        return replace(date, day=None)
    if date.qualifier is not None:
        return replace(date, qualifier=None)
    if date.month is not None or date.part is not None:
        return replace(date, month=None, part=None)
    return None


def _steps(date: FuzzyDate) -> list[FuzzyDate]:
    """``date`` and each coarser form of it, finest first."""
    forms = [date]
    while (next_form := coarser(forms[-1])) is not None:
        forms.append(next_form)
    return forms


def _tight(text: str) -> str:
    return text.replace(" – ", "–")


def _fineness(date: FuzzyDate) -> int:
    """How fine ``date`` is, on one scale for both ends of a span (a time the finest)."""
    if date.hour is not None:
        return 8
    if date.day is not None:
        return 6
    if date.month is not None or date.part is not None:
        return 4 + (date.qualifier is not None)
    return 2 + (date.qualifier is not None)


def _to(forms: list[FuzzyDate], level: int) -> FuzzyDate:
    """The finest of ``forms`` (finest first) no finer than ``level``; the coarsest if none is."""
    return next((f for f in forms if _fineness(f) <= level), forms[-1])


def shortened(span: Span) -> list[tuple[Span, str]]:
    """The shorter true forms of ``span``, most precise first: (the span shown, its text).

    The first is the span itself without the spaces around its dash; each later one has its
    ends made coarser to the same precision (the finer end first), and its text ends in
    :data:`MORE`.
    """
    starts = _steps(span.start)
    ends = _steps(span.end) if span.end is not None else [None]
    levels = sorted({_fineness(f) for f in starts + [e for e in ends if e is not None]}, reverse=True)
    out: list[tuple[Span, str]] = []
    seen: set[str] = set()
    for level in [levels[0] + 1, *levels]:
        s = _to(starts, level)
        e = None if span.end is None else _to(ends, level)  # type: ignore[arg-type]
        shown = Span(s) if e is None or s == e else Span(s, e)
        text = _tight(shown.display()) + (MORE if shown != span else "")
        if text not in seen:
            seen.add(text)
            out.append((shown, text))
    return out


def date_in(span: Span, cells: int, text: str | None = None) -> str:
    """``span`` as displayed (``text``, if given, is that display) in at most ``cells`` cells:
    whole if it fits, else the first of its :func:`shortened` forms that fits, else its
    coarsest start and ``–…``, else whole words of it and ``…`` (a number is never cut)."""
    whole = span.display() if text is None else text
    if len(whole) <= cells:
        return whole
    forms = shortened(span)
    for _, form in forms:
        if len(form) <= cells:
            return form
    coarsest = forms[-1][1]
    if span.end is not None:
        start = _tight(_steps(span.start)[-1].display())
        if len(start) + 2 <= cells:
            return start + "–" + MORE
    words = coarsest.removesuffix(MORE).split(" ")
    while words and len(" ".join(words)) + 1 > cells:
        words.pop()
    if words in ([], ["c."]):  # a mark alone says nothing
        return MORE[:cells]
    return " ".join(words) + MORE
