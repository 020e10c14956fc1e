"""A word index for free-text search, so that a search key stays within a frame at 100,000 events.

Search looks for each typed word *inside* the events' text (``lac`` finds "Lachin").
The index splits each event's text into *tokens*, its runs of word characters
(letters, digits, ``_``: regular expression ``\\w``), and keeps each distinct token
once, with the events holding it.  A typed word made of word characters alone is in an
event's text exactly when it is in one of the text's tokens, as a run of word
characters cannot cross a character that is not one; so a search looks through the
tokens (about a hundred thousand short strings, where the text is tens of megabytes),
and only those that hold the word's rarest character, and joins their events.  A word
holding other characters too (``trend-desk``, ``talks.``) is looked up by its runs of
word characters, and the events found are then checked for the whole word.

A token held by many events keeps them as a bit set (a Python ``int``, one bit per
event), as it is smaller than a list from one event in 64 on and joins in one C-level
operation; a rarer token keeps a list, and a token held by one event (a number in an
event's id, a rare name) just that event.  When a word is in so many rare tokens that
marking their events one by one would take longer than scanning the events' text, or
holds no word character at all, the index says so (:meth:`SearchIndex.find` returns
None) and the caller scans.
"""

from __future__ import annotations

import bisect
import re
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import reduce
from itertools import chain, compress, repeat
from operator import contains, or_, sub

__all__ = ["SearchIndex", "bits_from_rows", "rows_from_bits"]

#: Remembered token matches, for typing one more letter of a word.
TOKEN_MEMO = 8

#: A token: a run of word characters.
_TOKEN = re.compile(r"\w+")

_ZERO_ONE = bytes.maketrans(b"01", b"\x00\x01")


def bits_from_rows(rows: Iterable[int], n: int) -> int:
    """A bit set of ``n`` bits with the bits at ``rows`` set."""
    digits = bytearray(b"0") * n
    for i in rows:
        digits[i] = 49  # "1"
    digits.reverse()  # the lowest bit is the last digit
    return int(digits, 2) if n else 0


def rows_from_bits(bits: int, n: int) -> list[int]:
    """The set bits of ``bits`` (fewer than ``n`` bits), in order."""
    return list(compress(range(n), _mask(bits, n)))


def _rows_with(bits: int, rows: Iterable[int], n: int) -> list[int]:
    """The events set in ``bits`` or listed in ``rows`` (fewer than ``n``), in order, once each."""
    mask = _mask(bits, n)
    deque(map(mask.__setitem__, rows, repeat(1)), maxlen=0)
    return list(compress(range(n), mask))


def _mask(bits: int, n: int) -> bytearray:
    """``n`` bytes, 1 where ``bits`` has a bit set and 0 elsewhere."""
    digits = format(bits, "b").zfill(n)[::-1] if bits else "0" * n
    return bytearray(digits.encode("ascii").translate(_ZERO_ONE))


class SearchIndex:
    """Events by the tokens of their text, and by their actors.

    ``texts`` are the events' casefolded texts (without actors' names); ``actor_names``
    maps each actor to its casefolded names; ``by_actor`` gives each actor's events;
    ``check``, if given, is called every few thousand events while the index is built.

    :attr:`tokens` come in three runs: the first ``common`` are held by many events
    (:attr:`bits`: a bit set each), those up to ``single`` by a few (:attr:`lists`), and
    the rest by one event each (:attr:`ones`: its index).  :attr:`by_char` gives, for
    each character, the positions in :attr:`tokens` of the tokens holding it.
    """

    def __init__(
        self,
        texts: Sequence[str],
        actor_names: Mapping[str, str],
        by_actor: Mapping[str, Sequence[int]],
        check: Callable[[], object] | None = None,
    ) -> None:
        n = self.size = len(texts)
        self.texts = texts
        postings: dict[str, list[int]] = {}
        get = postings.get
        tokens_of = _TOKEN.findall
        for i, text in enumerate(texts):
            if check is not None and not i % 4096:
                check()  # may raise, to stop building (say, when the app quits)
            for token in set(tokens_of(text)):
                rows = get(token)
                if rows is None:
                    postings[token] = [i]
                else:
                    rows.append(i)
        # A bit set costs n/8 bytes, a list 8 bytes an event: the smaller one is kept.
        common = [t for t, rows in postings.items() if len(rows) * 64 >= n]
        few = [t for t, rows in postings.items() if len(rows) > 1 and len(rows) * 64 < n]
        one = [t for t, rows in postings.items() if len(rows) == 1 and n > 64]
        self.tokens: list[str] = common + few + one
        self.common = len(common)
        self.single = len(common) + len(few)
        self.bits: list[int] = [bits_from_rows(postings[t], n) for t in common]
        self.lists: list[list[int]] = [postings[t] for t in few]
        self.ones: list[int] = [postings[t][0] for t in one]
        del postings
        by_char: dict[str, list[int]] = {}
        for position, token in enumerate(self.tokens):
            if check is not None and not position % 16384:
                check()
            for char in set(token):
                positions = by_char.get(char)
                if positions is None:
                    by_char[char] = [position]
                else:
                    positions.append(position)
        self.by_char = by_char
        self.actor_names = dict(actor_names)
        self.actor_bits = {a: bits_from_rows(by_actor.get(a, ()), n) for a in actor_names}
        self._memo: OrderedDict[str, list[int]] = OrderedDict()

    def forget(self) -> None:
        """Drop the remembered token matches (a benchmark's fresh start)."""
        self._memo.clear()

    def _matching_tokens(self, word: str) -> list[int]:
        """The positions in :attr:`tokens` of the tokens that hold ``word``, in order."""
        memo = self._memo
        found = memo.get(word)
        if found is not None:
            memo.move_to_end(word)
            return found
        # The tokens holding the word's rarest character, or a shorter word this one holds.
        by_char = self.by_char
        base: list[int] = min((by_char.get(char, []) for char in set(word)), key=len)
        for other, other_found in memo.items():
            if other in word and len(other_found) < len(base):
                base = other_found
        if len(word) == 1:
            found = base
        else:
            tokens = self.tokens
            found = list(compress(base, map(contains, map(tokens.__getitem__, base), repeat(word))))
        memo[word] = found
        if len(memo) > TOKEN_MEMO:
            memo.popitem(last=False)
        return found

    def find(self, word: str, budget: int | None = None) -> list[int] | None:
        """The events whose text or actors' names hold ``word`` (casefolded, no whitespace).

        None when ``word`` holds no word character, or when more than ``budget`` (default:
        twice the number of events) single events would be marked one by one: scanning the
        events' text is then as quick.
        """
        if _TOKEN.fullmatch(word):
            return self._find_token_part(word, budget)
        # Every run of word characters in the word is in an event that holds the word.
        rows: list[int] | None = None
        for part in sorted(set(_TOKEN.findall(word)), key=len, reverse=True):
            found = self._find_token_part(part, budget)
            if found is None:
                return None
            rows = found if rows is None else _within(rows, found)
            if not rows:
                return []
        if rows is None:
            return None  # no word character to look up
        hits = compress(rows, map(contains, map(self.texts.__getitem__, rows), repeat(word)))
        return _rows_with(self._actor_bits(word), hits, self.size)

    def _actor_bits(self, word: str) -> int:
        """The events of the actors one of whose names holds ``word``, as a bit set."""
        bits = 0
        for actor, names in self.actor_names.items():
            if word in names:
                bits |= self.actor_bits[actor]
        return bits

    def _find_token_part(self, word: str, budget: int | None) -> list[int] | None:
        """:meth:`find` for a word of word characters alone: from the tokens that hold it."""
        n = self.size
        matches = self._matching_tokens(word)
        a = bisect.bisect_left(matches, self.common)
        b = bisect.bisect_left(matches, self.single, a)
        few = [self.lists[t - self.common] for t in matches[a:b]]
        marks = len(matches) - b + sum(map(len, few))
        if marks > (2 * n if budget is None else budget):
            return None
        bits = reduce(or_, map(self.bits.__getitem__, matches[:a]), self._actor_bits(word))
        if not marks:
            return list(range(n)) if bits.bit_count() == n else rows_from_bits(bits, n)
        ones = map(self.ones.__getitem__, map(sub, matches[b:], repeat(self.single)))
        return _rows_with(bits, chain(ones, chain.from_iterable(few)), n)


def _within(rows: list[int], keep: list[int]) -> list[int]:
    """``rows`` that are in ``keep``, in order."""
    wanted = set(keep)
    return list(compress(rows, map(wanted.__contains__, rows)))
