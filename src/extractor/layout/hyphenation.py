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

    A word's count is the number of times it stands as a part of a :data:`_WORD` match (a
    compound's parts count as words too), a compound's the number of matches that are exactly
    it. A decision needs the counts of four words at most, and a report has few hyphens broken
    across lines, so each count is read from the report's text when asked for: a search for the
    word in the text, lower-cased once, instead of counting every word of the report.
    :meth:`counts` counts them all, the same way, for whoever needs the whole table.

    A search reads the whole text, and a longer report asks more questions: past
    :data:`SEARCH_BUDGET` searches (or occurrences read) the counts come from the whole table,
    built once, so the cost stays linear in the report's length (a 6.5 MB dump asked ~1,800
    questions, each a pass over the whole text).
    """

    #: Searches of the whole text before the table is cheaper: the table costs about as much as
    #: a few hundred searches of a rare word, so a report with a few dozen broken words never
    #: builds it.
    SEARCH_BUDGET = 64
    #: Occurrences of searched words read one by one, per byte of text, before the table is
    #: read instead: reading one costs about as much as counting 60 bytes into the table, so
    #: these cost at most a quarter of the table.
    OCCURRENCES_PER_BYTE = 1 / 256

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts
        self._searches = 0
        self._occurrences = 0

    def _searching(self) -> bool:
        """Count one more search; False once the budget is spent (then read the table)."""
        if self._searches >= self.SEARCH_BUDGET or \
                self._occurrences > self.OCCURRENCES_PER_BYTE * len(self._lowered):
            return False
        self._searches += 1
        return True

    @functools.cached_property
    def _lowered(self) -> bytes:
        """The texts, one per line, as UTF-8 with ASCII letters lower-cased (only ASCII letters
        make words, so offsets and every other character stay as they are)."""
        return "\n".join(self._texts).encode("utf-8").lower()

    def counts(self) -> tuple[Counter[str], Counter[str]]:
        """(word counts, hyphenated compound counts) of every word of the texts."""
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

    @functools.cached_property
    def _all_counts(self) -> tuple[Counter[str], Counter[str]]:
        return self.counts()

    def word_count(self, word: str) -> int:
        """How often ``word`` (lower case) stands as a whole word or a compound's part."""
        if not _PLAIN.fullmatch(word) or not self._searching():
            return self._all_counts[0].get(word, 0)
        data, needle = self._lowered, word.encode("ascii")
        n, i = 0, data.find(needle)
        while i >= 0:
            self._occurrences += 1
            if _part_starts(data, i) and not _part_continues(data, i + len(needle)):
                n += 1
            i = data.find(needle, i + 1)
        return n

    def compound_count(self, left: str, right: str) -> int:
        """How often ``left``-``right`` (lower case, either hyphen) is a whole compound."""
        if not (_PLAIN.fullmatch(left) and _PLAIN.fullmatch(right)) or not self._searching():
            return self._all_counts[1].get(f"{left}-{right}", 0)
        data, n = self._lowered, 0
        for hyphen in _HYPHENS:
            needle = left.encode("ascii") + hyphen + right.encode("ascii")
            i = data.find(needle)
            while i >= 0:
                self._occurrences += 1
                end = i + len(needle)
                if (_part_starts(data, i) and not _after_part(data, i) and not _part_continues(data, end)
                        and not _compound_continues(data, end)):
                    n += 1
                i = data.find(needle, i + 1)
        return n

    def join_counts(self, left: str, right: str) -> tuple[int, int]:
        """``(word_count(left + right), compound_count(left, right))`` in one search of the text.

        Every occurrence of the joined word or of a compound holds the longer part: its
        occurrences are found once and each is read on either side, instead of searching the
        whole text once for the word and once for each hyphen."""
        if not (_PLAIN.fullmatch(left) and _PLAIN.fullmatch(right)) or not self._searching():
            words, compounds = self._all_counts
            return words.get(left + right, 0), compounds.get(f"{left}-{right}", 0)
        data, lb, rb = self._lowered, left.encode("ascii"), right.encode("ascii")
        anchor_left = len(lb) > len(rb)
        anchor = lb if anchor_left else rb
        # each form, and where it starts relative to an occurrence of the anchor
        forms = [(lb + hyphen + rb, hyphen) for hyphen in (b"", *_HYPHENS)]
        checks = [(0 if anchor_left else len(rb) - len(form), form, hyphen) for form, hyphen in forms]
        n_joined = n_compound = 0
        i = data.find(anchor)
        while i >= 0:
            self._occurrences += 1
            for offset, form, hyphen in checks:
                start = i + offset
                if start < 0 or not data.startswith(form, start):
                    continue
                end = start + len(form)
                if not _part_starts(data, start) or _part_continues(data, end):
                    continue
                if not hyphen:
                    n_joined += 1
                elif not _after_part(data, start) and not _compound_continues(data, end):
                    n_compound += 1
            i = data.find(anchor, i + 1)
        return n_joined, n_compound

    def should_join(self, left: str, right: str) -> bool:
        """Is ``left`` + "-" + ``right`` a word broken by hyphenation (True) or a compound (False)?"""
        lw, rw = left.lower(), right.lower()
        n_joined, n_hyph = self.join_counts(lw, rw)
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
        n_left = self.word_count(lw) - 1
        # A left part that is itself a frequent word of the report suggests a compound (the
        # right part's count is only needed then).
        if n_left >= 2 and self.word_count(rw) - 1 >= 2:
            return False
        return len(lw) <= 3 or n_left <= 0


#: A word made of ASCII letters only (what the joining rules ask about).
_PLAIN = re.compile(r"[a-z]+")
_APOSTROPHE, _RIGHT_QUOTE = 0x27, "\u2019".encode()
_HYPHENS = (b"-", "\u2010".encode())


def _is_letter(byte: int) -> bool:
    return 0x61 <= byte <= 0x7A  # a-z: the text is lower-cased


def _part_starts(data: bytes, i: int) -> bool:
    """Does a part of a :data:`_WORD` match start at ``i`` (a letter)? Not when a letter stands
    before it, perhaps with apostrophes between ("o'clock": no part starts at "c")."""
    k = i
    while True:
        if k > 0 and data[k - 1] == _APOSTROPHE:
            k -= 1
        elif k >= 3 and data[k - 3:k] == _RIGHT_QUOTE:
            k -= 3
        else:
            break
    return k == 0 or not _is_letter(data[k - 1])


def _part_continues(data: bytes, end: int) -> bool:
    """Does the run of letters and apostrophes go on at ``end``?"""
    return end < len(data) and (_is_letter(data[end]) or data[end] == _APOSTROPHE
                                or data[end:end + 3] == _RIGHT_QUOTE)


def _hyphen_at(data: bytes, i: int) -> int:
    """The length of the hyphen at ``i`` (0 when there is none)."""
    return next((len(h) for h in _HYPHENS if data[i:i + len(h)] == h), 0)


def _compound_continues(data: bytes, end: int) -> bool:
    """Does a hyphen and a letter follow ``end`` (the match goes on with another part)?"""
    n = _hyphen_at(data, end)
    return bool(n) and end + n < len(data) and _is_letter(data[end + n])


def _after_part(data: bytes, i: int) -> bool:
    """Is the part at ``i`` the second or later part of a compound: a hyphen right before it,
    and a part (a run of letters and apostrophes holding a letter) right before the hyphen?"""
    for hyphen in _HYPHENS:
        k = i - len(hyphen)
        if k > 0 and data[k:i] == hyphen:
            while k > 0:
                if _is_letter(data[k - 1]):
                    return True
                if data[k - 1] == _APOSTROPHE:
                    k -= 1
                elif k >= 3 and data[k - 3:k] == _RIGHT_QUOTE:
                    k -= 3
                else:
                    return False
    return False


_LINE_END_HYPHENS = ("-", "\u2010", "\u00ad")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LEADING_WORD = re.compile(r"^([A-Za-z]+)")


def trailing_part(text: str) -> str | None:
    """The ASCII letters right before a hyphen that ends ``text`` ("... em-" -> "em"), or None.

    What ``re.search(r"([A-Za-z]+)[-\u2010\u00ad]$", text)`` finds for a text without a trailing
    newline, read back from the end: a search would try every position of a long paragraph.
    """
    if not text.endswith(_LINE_END_HYPHENS):
        return None
    start = end = len(text) - 1
    while start and text[start - 1] in _ASCII_LETTERS:
        start -= 1
    return text[start:end] if start < end else None


def join_broken(left_text: str, right_text: str, vocab: Vocabulary) -> tuple[str, int] | None:
    """If ``left_text`` ends in a hyphenated word part, join it with ``right_text``.

    Returns the joined text and the offset in it where ``right_text``'s content begins, or None
    when ``left_text`` does not end with a hyphen.
    """
    lt = left_text.rstrip()
    left = trailing_part(lt)
    if left is None:
        return None
    rt = right_text.lstrip()
    r = _LEADING_WORD.match(rt)
    if not r:
        return None
    if vocab.should_join(left, r.group(1)):
        head = lt[:-1]
        return head + rt, len(head)
    head = lt if lt.endswith("-") else lt[:-1] + "-"
    return head + rt, len(head)
