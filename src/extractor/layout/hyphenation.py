"""Join words hyphenated across a line or page break, and keep real compounds.

The decision uses the report's own vocabulary first (the way careful de-hyphenators do):
if the joined word ("employment") occurs elsewhere in the report, join; if the hyphenated form
("five-year") occurs elsewhere, keep the hyphen. Without evidence either way, a right-hand part
that is a typical word ending (-ing, -tion, -ment, ...) or a very short left-hand part means a
broken word, and anything else is kept as a compound.
"""
from __future__ import annotations

import functools
import re
from collections import Counter

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019]*(?:[-\u2010][A-Za-z][A-Za-z'\u2019]*)*")
_SUFFIXES = (
    "ing", "ings", "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ities", "ies", "ed", "er",
    "ers", "est", "ly", "al", "ally", "ance", "ence", "ant", "ent", "able", "ible", "ive", "ous", "ism", "ist",
    "ists", "ize", "ise", "ized", "ised", "izing", "ising", "ure", "ures", "ship", "ful", "less", "age", "ages",
    "ary", "ery", "ory", "ic", "ical", "ics", "ian", "ians", "ate", "ated", "ating", "ation", "ations", "ty", "cy",
)
# Whole words that are commonly the first half of a real compound ("five-year", "self-reliance").
_COMPOUND_HEADS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty", "hundred",
    "well", "self", "cross", "long", "short", "high", "low", "large", "small", "full", "half", "year", "first",
    "second", "third", "top", "all", "so", "ex", "e", "x", "co", "non", "multi", "anti", "pro", "post", "sub",
    "inter", "intra", "semi", "counter", "mid", "cross",
}
# Bound prefixes mostly written solid ("remaintain", "undermine") unless a vowel follows ("re-elect").
_PREFIXES = {"re", "pre", "de", "un", "over", "under"}


class Vocabulary:
    """Word counts of a report, lower-cased, used as evidence for joining decisions.

    The texts are counted when a decision first needs them: many reports have few lines ending
    in a hyphen, and a text dump often none.
    """

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts

    @functools.cached_property
    def _counts(self) -> tuple[Counter[str], Counter[str]]:
        """(word counts, hyphenated compound counts)."""
        words: Counter[str] = Counter()
        compounds: Counter[str] = Counter()
        found: Counter[str] = Counter()
        for text in self._texts:
            found.update(_WORD.findall(text))
        for w, n in found.items():  # each distinct form once
            lw = w.lower().replace("\u2010", "-")
            if "-" in lw:
                compounds[lw] += n
                for part in lw.split("-"):
                    words[part] += n
            else:
                words[lw] += n
        return words, compounds

    @property
    def words(self) -> Counter[str]:
        return self._counts[0]

    @property
    def compounds(self) -> Counter[str]:
        return self._counts[1]

    def should_join(self, left: str, right: str) -> bool:
        """Is ``left`` + "-" + ``right`` a word broken by hyphenation (True) or a compound (False)?"""
        lw, rw = left.lower(), right.lower()
        joined, hyph = lw + rw, f"{lw}-{rw}"
        n_joined, n_hyph = self.words.get(joined, 0), self.compounds.get(hyph, 0)
        if n_joined or n_hyph:
            return n_joined >= n_hyph
        if right[:1].isupper():
            return False  # "Bouyei-" + "Miao": a compound of names
        if lw in _PREFIXES:
            return rw[:1] not in "aeiou"
        if lw in _COMPOUND_HEADS or lw.isdigit():
            return False
        if rw in _SUFFIXES or any(rw.endswith(s) and len(rw) <= len(s) + 2 for s in _SUFFIXES[:12]):
            return True
        # The report's vocabulary holds the broken halves themselves once each: discount that.
        n_left, n_right = self.words.get(lw, 0) - 1, self.words.get(rw, 0) - 1
        # A left part that is itself a frequent word of the report suggests a compound.
        if n_left >= 2 and n_right >= 2:
            return False
        return len(lw) <= 3 or n_left <= 0


_TRAILING_HYPHEN = re.compile(r"([A-Za-z]+)[-\u2010\u00ad]$")
_LEADING_WORD = re.compile(r"^([A-Za-z]+)")


def join_broken(left_text: str, right_text: str, vocab: Vocabulary) -> tuple[str, int] | None:
    """If ``left_text`` ends in a hyphenated word part, join it with ``right_text``.

    Returns the joined text and the offset in it where ``right_text``'s content begins, or None
    when ``left_text`` does not end with a hyphen.
    """
    lt = left_text.rstrip()
    m = _TRAILING_HYPHEN.search(lt)
    rt = right_text.lstrip()
    r = _LEADING_WORD.match(rt)
    if not m or not r:
        return None
    if vocab.should_join(m.group(1), r.group(1)):
        head = lt[:-1]
        return head + rt, len(head)
    head = lt if lt.endswith("-") else lt[:-1] + "-"
    return head + rt, len(head)
