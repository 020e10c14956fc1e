"""A word index for free-text search, so that a search key stays within a frame at 100,000 events.

Search looks for each typed word *inside* the events' text (``lac`` finds "Lachin"),
and a typed word holds no whitespace, so it is in an event's text exactly when it
is in one of the text's whitespace-separated tokens.  The index keeps each distinct
token once, with the events holding it; a search scans the tokens (about a hundred
thousand short strings, where the events' text is tens of megabytes) and joins the
events of those that hold the word.

A token held by many events keeps them as a bit set (a Python ``int``, one bit per
event), as it is smaller than a list from one event in 64 on and joins in one C-level
operation; a rarer token keeps a list, and a token held by one event (an event's id,
a number) just that event.  When a word is in so many rare tokens that marking their
events one by one would take longer than scanning the events' text, the index says so
(:meth:`SearchIndex.find` returns None) and the caller scans.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import reduce
from itertools import chain, compress, repeat
from operator import contains, or_, sub

__all__ = ["SearchIndex", "bits_from_rows", "rows_from_bits"]

#: Remembered token matches, for typing one more letter of a word.
TOKEN_MEMO = 8

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
    the rest by one event each (:attr:`ones`: its index).
    """

    def __init__(
        self,
        texts: Sequence[str],
        actor_names: Mapping[str, str],
        by_actor: Mapping[str, Sequence[int]],
        check: Callable[[], object] | None = None,
    ) -> None:
        n = self.size = len(texts)
        postings: dict[str, list[int]] = {}
        get = postings.get
        for i, text in enumerate(texts):
            if check is not None and not i % 4096:
                check()  # may raise, to stop building (say, when the app quits)
            for token in set(text.split()):
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
        base: list[int] | None = None  # tokens holding a shorter word this one holds
        for other, other_found in memo.items():
            if other in word and (base is None or len(other_found) < len(base)):
                base = other_found
        tokens = self.tokens
        if base is None or len(base) * 3 > len(tokens) * 2:  # picking them out costs a third
            found = list(compress(range(len(tokens)), map(contains, tokens, repeat(word))))
        else:
            found = list(compress(base, map(contains, map(tokens.__getitem__, base), repeat(word))))
        memo[word] = found
        if len(memo) > TOKEN_MEMO:
            memo.popitem(last=False)
        return found

    def find(self, word: str, budget: int | None = None) -> list[int] | None:
        """The events whose text or actors' names hold ``word`` (casefolded, no whitespace).

        None when more than ``budget`` (default: twice the number of events) single events
        would be marked one by one: scanning the events' text is then as quick.
        """
        n = self.size
        matches = self._matching_tokens(word)
        a = bisect.bisect_left(matches, self.common)
        b = bisect.bisect_left(matches, self.single, a)
        few = [self.lists[t - self.common] for t in matches[a:b]]
        marks = len(matches) - b + sum(map(len, few))
        if marks > (2 * n if budget is None else budget):
            return None
        bits = reduce(or_, map(self.bits.__getitem__, matches[:a]), 0)
        for actor, names in self.actor_names.items():
            if word in names:
                bits |= self.actor_bits[actor]
        if not marks:
            return rows_from_bits(bits, n)
        mask = _mask(bits, n)
        ones = map(self.ones.__getitem__, map(sub, matches[b:], repeat(self.single)))
        deque(map(mask.__setitem__, chain(ones, chain.from_iterable(few)), repeat(1)), maxlen=0)
        return list(compress(range(n), mask))
