"""Highlighting: the spans search words cover in a displayed string."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from timeline.matches import match_spans


def test_words_in_any_case_and_order() -> None:
    text = "Talks in Brussels; Brussels TALKS again"
    spans = match_spans(text, "talks brussels")
    assert [text[a:b] for a, b in spans] == ["Talks", "Brussels", "Brussels", "TALKS"]


def test_overlapping_words_merge() -> None:
    assert match_spans("Stepanakert", "step pana") == [(0, 7)]


def test_casefolding_that_changes_length() -> None:
    text = "Straße und STRASSE"
    spans = match_spans(text, "strasse")
    assert [text[a:b] for a, b in spans] == ["Straße", "STRASSE"]


def test_nothing_to_find() -> None:
    assert match_spans("abc", "") == []
    assert match_spans("", "a") == []
    assert match_spans("abc", "x") == []


@given(st.text(max_size=40), st.text(min_size=1, max_size=6).filter(lambda w: w.split() == [w]))
def test_a_word_is_highlighted_exactly_where_search_would_find_it(text: str, word: str) -> None:
    spans = match_spans(text, word)
    found = word.casefold() in text.casefold()
    assert bool(spans) == found
    for a, b in spans:
        assert 0 <= a < b <= len(text)
        assert word.casefold() in text[a:b].casefold()
    # Spans are sorted and do not overlap.
    assert all(b1 < a2 for (_, b1), (a2, _) in itertools.pairwise(spans))
