"""Provenance to the page: where a span of the repaired text stands on its PDF page.

Ingestion keeps every PDF page's words with their boxes (:attr:`Document.page_words`, in reading
order). A span of ``Document.text`` is found among its page's words by its letters and digits:
both sides are read as one stream of them (NFKC, case-folded), so what layout repair changed
between the page and the text (white space, a hyphen at a line end, a marker lifted out, a
quote) does not stop the match. Where the span's letters occur more than once on the page, the
occurrence whose surroundings agree longest with the text around the span wins; a span that
starts (ends) a word of the text must start (end) a word on the page.

The box is the union of the span's characters' boxes. A span over a line break gets the union
of its lines when they follow each other in one column, else the box of its first line; a span
that runs on to the next page gets the box of its part on its own page. Text input has no words:
every box is None, every column null.

Extractors call :meth:`PageIndex.columns` (or :meth:`PageIndex.marker_columns`) when they build
a row; :class:`extractor.analysis.Analysis` holds one index per document (``analysis.provenance``).
"""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from extractor.model import Document, Marker, PageWord

#: A box in PDF points, pdfplumber's coordinates: (x0, top, x1, bottom).
Box = tuple[float, float, float, float]
#: The columns a box fills in a table row, in this order.
BOX_COLUMNS = ("x0", "top", "x1", "bottom")
#: Raw characters of text on either side of a span compared with the page around a candidate.
CONTEXT = 60
#: A span's part on its page (it runs on to the next page) is boxed when it covers the span's
#: first word and at least this many letters, ends a line, and either the text before the span
#: agrees with the page for SURE_CONTEXT letters or the part has LONG_PART letters or more.
MIN_PART = 3
SURE_CONTEXT = 8
LONG_PART = 20
#: A word broken at a line end: its part before the break may be all a page shows of a span.
HYPHENS = ("-", "\u00ad", "\u2010")
#: Two lines follow each other in one column when the gap between them is less than this share
#: of the first one's height and their extents overlap.
LINE_GAP = 1.6
#: How many words after the one a marker follows are searched for the raised marker.
MARKER_REACH = 3
#: Punctuation printed around a marker ("1)", "[2]", "3,").
_MARKER_PUNCTUATION = ".,;:()[]"


@functools.lru_cache(maxsize=8192)
def fold(ch: str) -> str:
    """A character's letters and digits as compared: NFKC, case-folded; "" for anything else."""
    return "".join(c for c in unicodedata.normalize("NFKC", ch).casefold() if c.isalnum())


def folded(text: str) -> str:
    return "".join(map(fold, text))


def cased_letters(text: str) -> str:
    """``folded(text)`` with each letter in its printed case (one character per folded one)."""
    return "".join(_cased(ch) for ch in text)


@functools.lru_cache(maxsize=8192)
def _cased(ch: str) -> str:
    f = fold(ch)
    return ch * len(f) if len(f) == 1 or not f else f


@dataclass
class PageStream:
    """A page's words as one stream of folded letters and digits, and where each came from."""

    words: tuple[PageWord, ...]
    chars: str = ""
    cased: str = ""  # the same letters in their printed case (a tie-break)
    where: list[tuple[int, int]] = field(default_factory=list)  # (word index, char index in its text)
    starts: set[int] = field(default_factory=set)  # stream positions where a word's letters start
    ends: set[int] = field(default_factory=set)  # stream positions (exclusive) where they end
    lines: dict[int, Box] = field(default_factory=dict)  # each line's extent
    line_ends: set[int] = field(default_factory=set)  # stream positions (exclusive) where a line's letters end

    def ends_line(self, q: int) -> bool:
        return q in self.line_ends

    def ends_word(self, q: int, glued: str = "") -> bool:
        """Does a word end at stream position ``q``, or after ``glued`` there (the number of a
        note marker layout repair lifted off the word's end)?"""
        if q in self.ends:
            return True
        return bool(glued) and self.chars.startswith(glued, q) and q + len(glued) in self.ends

    @classmethod
    def of(cls, words: tuple[PageWord, ...]) -> PageStream:
        chars: list[str] = []
        cased: list[str] = []
        where: list[tuple[int, int]] = []
        stream = cls(words)
        for wi, w in enumerate(words):
            box = stream.lines.get(w.line)
            stream.lines[w.line] = (w.x0, w.top, w.x1, w.bottom) if box is None else _union(box, (w.x0, w.top, w.x1, w.bottom))
            first = len(chars)
            if not w.marker:  # the text has no marker: layout repair lifted it out
                for ci, ch in enumerate(w.text):
                    if ch.isspace() and len(chars) > first:  # a space inside a pdfplumber word
                        stream.ends.add(len(chars))
                        stream.starts.add(len(chars))
                    for c in fold(ch):
                        chars.append(c)
                        where.append((wi, ci))
                    cased.append(_cased(ch))
            if len(chars) > first:
                stream.starts.add(first)
                stream.ends.add(len(chars))
            if wi + 1 == len(words) or words[wi + 1].line != w.line:
                stream.line_ends.add(len(chars))
        stream.chars = "".join(chars)
        stream.cased = "".join(cased)
        stream.where = where
        return stream


class PageIndex:
    """Boxes of a document's spans on its PDF pages (see the module's docstring)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._streams: dict[int, PageStream] = {}
        #: offset -> folded number of a body marker lifted out there ("FY24" + "1")
        self._markers = {m.offset: folded(m.marker) for m in document.markers if document.page_words}

    def _stream(self, page: int | None) -> PageStream | None:
        if page is None or page not in self.document.page_words:
            return None
        stream = self._streams.get(page)
        if stream is None:
            stream = self._streams[page] = PageStream.of(self.document.page_words[page])
        return stream

    # --- spans ------------------------------------------------------------------------------

    def box(self, start: int, end: int, page: int | None) -> Box | None:
        """The box of ``Document.text[start:end]`` on ``page``; None where it is not found (or
        the input was text)."""
        stream = self._stream(page)
        if stream is None or end <= start:
            return None
        found = self._find(stream, start, end)
        if found is None:
            return None
        p, q, lead, trail = found
        return _box(stream, p, q, lead, trail)

    def columns(self, start: int, end: int, page: int | None) -> dict[str, float | None]:
        """The box of a span as a row's ``x0, top, x1, bottom`` (nulls where there is none)."""
        return _columns(self.box(start, end, page))

    def _find(self, stream: PageStream, start: int, end: int) -> tuple[int, int, int, int] | None:
        """The stream range ``[p, q)`` of the span's letters, and how many of its own leading
        and trailing non-letters (``$``, ``%``, brackets) to add on the page."""
        text = self.document.text
        surface = text[start:end]
        core = folded(surface)
        if not core:
            return None
        lead = _count_unfolded(surface)
        trail = _count_unfolded(reversed(surface))
        left = folded(text[max(0, start - CONTEXT):start])
        right = folded(text[end:end + CONTEXT])
        at_start = _word_edge(text, start - 1, -1)
        at_end = _word_edge(text, end, 1)
        chars = stream.chars

        glued = self._markers.get(end, "")

        def fits(p: int) -> bool:
            """A word edge of the text is one on the page (a word of the text is never found
            inside a word of the page); at the end, the number of a marker lifted off may follow."""
            return (not at_start or p in stream.starts) and (not at_end or stream.ends_word(p + len(core), glued))

        hits = [p for p in _occurrences(chars, core) if fits(p)]
        if len(hits) == 1:
            return hits[0], hits[0] + len(core), lead, trail
        if hits:
            cased = cased_letters(surface)
            ranked = sorted(((stream.cased[p:p + len(core)] == cased,
                              _suffix(left, chars, p) + _prefix(right, chars, p + len(core)), -p) for p in hits),
                            reverse=True)
            best, second = ranked[0], ranked[1]
            if best[:2] == second[:2] and best[1] < 2 * SURE_CONTEXT:
                return None  # as likely one as the other: no box rather than a wrong one
            return -best[2], -best[2] + len(core), lead, trail
        first_word = len(folded(surface.split()[0])) if surface.split() else len(core)
        return self._find_part(stream, core, left, at_start, lead, max(MIN_PART, first_word))

    def _find_part(self, stream: PageStream, core: str, left: str, at_start: bool, lead: int,
                   least: int) -> tuple[int, int, int, int] | None:
        """The longest head of the span (at least ``least`` letters: its first word) that ends a
        line of the page: a span that runs on to the next page. Its surroundings must agree, or
        the head be long (a note's text follows its marker on the page, another note in the text)."""
        chars = stream.chars
        best: tuple[int, int, int] | None = None  # (score, p, matched)
        for p in _occurrences(chars, core[:MIN_PART]):
            if at_start and p not in stream.starts:
                continue
            m = _prefix(core, chars, p)
            while m > 0 and not stream.ends_line(p + m):
                m -= 1
            before = _suffix(left, chars, p)
            broken = m > 0 and stream.words[stream.where[p + m - 1][0]].text.endswith(HYPHENS)  # "Yun-" / "nan"
            if (m < least and not broken) or (m < LONG_PART and before < min(len(left), SURE_CONTEXT)):
                continue
            if best is None or m + before > best[0]:
                best = (m + before, p, m)
        if best is None:
            return None
        _, p, m = best
        return p, p + m, lead, 0

    # --- footnote markers -------------------------------------------------------------------

    def marker_box(self, marker: Marker) -> Box | None:
        """The box of a body marker as printed: the raised marker after the word it follows
        (or the marker's digits glued to that word's end)."""
        stream = self._stream(marker.page)
        if stream is None:
            return None
        text = self.document.text
        end = marker.offset
        while end > 0 and text[end - 1].isspace():
            end -= 1
        start = end
        while start > 0 and (not text[start - 1].isspace() or not folded(text[start:end])):
            start -= 1  # back to the start of the last word with a letter or digit before the marker
        found = self._find(stream, start, end) if start < end else None
        if found is None:
            return None
        q = found[1]
        wi, ci = stream.where[q - 1]
        words = stream.words
        after = text[marker.offset:marker.offset + 12].split()
        for wj in range(wi + 1, min(len(words), wi + 1 + MARKER_REACH)):
            w = words[wj]
            if w.text.strip(_MARKER_PUNCTUATION) != marker.marker:
                continue
            # a marker the page sets as a word of its own: raised, or the text goes on without it
            if w.marker or not after or after[0].strip(_MARKER_PUNCTUATION) != marker.marker:
                return (w.x0, w.top, w.x1, w.bottom)
        w = words[wi]
        glued = w.text.find(marker.marker, ci + 1)
        if glued >= 0 and not folded(w.text[ci + 1:glued]):
            return _word_part(w, glued, glued + len(marker.marker) - 1)
        return None

    def marker_columns(self, marker: Marker) -> dict[str, float | None]:
        return _columns(self.marker_box(marker))


# --- helpers ---------------------------------------------------------------------------------

def _columns(box: Box | None) -> dict[str, float | None]:
    if box is None:
        return dict.fromkeys(BOX_COLUMNS)
    return {k: round(float(v), 2) for k, v in zip(BOX_COLUMNS, box)}


def _count_unfolded(chars: Any) -> int:
    """How many characters a span starts (ends) with that the stream does not carry, before
    its first (last) letter or digit; white space stops the count."""
    n = 0
    for ch in chars:
        if fold(ch) or ch.isspace():
            break
        n += 1
    return n


def _word_edge(text: str, i: int, step: int) -> bool:
    """Is there a word boundary at the span's edge: from ``i`` on (moving by ``step``), white
    space or the end of the text comes before any letter or digit?"""
    while 0 <= i < len(text):
        ch = text[i]
        if ch.isspace():
            return True
        if fold(ch):
            return False
        i += step
    return True


def _occurrences(chars: str, core: str) -> list[int]:
    hits: list[int] = []
    p = chars.find(core)
    while p >= 0:
        hits.append(p)
        p = chars.find(core, p + 1)
    return hits


def _suffix(left: str, chars: str, p: int) -> int:
    """How many letters before stream position ``p`` agree with the end of ``left``."""
    n = 0
    while n < len(left) and n < p and chars[p - 1 - n] == left[-1 - n]:
        n += 1
    return n


def _prefix(right: str, chars: str, q: int) -> int:
    """How many letters from stream position ``q`` on agree with the start of ``right``."""
    n, limit = 0, min(len(right), len(chars) - q)
    while n < limit and chars[q + n] == right[n]:
        n += 1
    return n


def _union(a: Box, b: Box) -> Box:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _edge(w: PageWord, i: int) -> float:
    """The x of the left edge of character ``i`` of a word (``i == len``: its right edge)."""
    if len(w.edges) == len(w.text) + 1:
        return w.edges[i]
    return w.x0 + (w.x1 - w.x0) * i / max(1, len(w.text))


def _word_part(w: PageWord, first: int, last: int) -> Box:
    return (_edge(w, first), w.top, _edge(w, last + 1), w.bottom)


def _box(stream: PageStream, p: int, q: int, lead: int, trail: int) -> Box:
    """The box of the stream range ``[p, q)``, widened by ``lead``/``trail`` characters of its
    first/last word; the union of its lines where they follow each other in one column, else
    its first line's box."""
    parts: dict[int, list[int]] = {}  # word index -> [first char, last char]
    for wi, ci in stream.where[p:q]:
        span = parts.setdefault(wi, [ci, ci])
        span[0], span[1] = min(span[0], ci), max(span[1], ci)
    order = sorted(parts)
    _widen(stream, parts, order, lead, -1)
    _widen(stream, parts, order, trail, 1)
    order = sorted(parts)
    first_w = stream.words[order[0]]
    by_line: dict[int, Box] = {}
    for wi in order:
        w = stream.words[wi]
        box = _word_part(w, *parts[wi])
        by_line[w.line] = _union(by_line[w.line], box) if w.line in by_line else box
    lines = list(by_line)
    result = by_line[lines[0]]
    for a, b in zip(lines, lines[1:]):
        if not _follows(stream.lines[a], stream.lines[b]):
            return by_line[first_w.line]
        result = _union(result, by_line[b])
    return result


def _widen(stream: PageStream, parts: dict[int, list[int]], order: list[int], n: int, step: int) -> None:
    """Add ``n`` characters the stream does not carry (``$``, ``%``) before (``step`` -1) or
    after (+1) the span's letters: from its own word, else from the word before (after) it on
    the same line when that word has no letters ("$ 4", "24.7 %")."""
    if n <= 0:
        return
    wi = order[0] if step < 0 else order[-1]
    w = stream.words[wi]
    first, last = parts[wi]
    room = first if step < 0 else len(w.text) - 1 - last
    if room > 0:
        if step < 0:
            parts[wi][0] = max(0, first - n)
        else:
            parts[wi][1] = min(len(w.text) - 1, last + n)
        return
    wj = wi + step
    if 0 <= wj < len(stream.words):
        other = stream.words[wj]
        if other.line == w.line and not other.marker and not folded(other.text):
            parts[wj] = [0, len(other.text) - 1]


def _follows(a: Box, b: Box) -> bool:
    """Does line ``b`` come right under line ``a`` in the same column?"""
    height = max(1.0, a[3] - a[1])
    below = b[1] >= a[1] and b[1] - a[3] < LINE_GAP * height
    overlap = b[0] < a[2] and a[0] < b[2]
    return below and overlap
