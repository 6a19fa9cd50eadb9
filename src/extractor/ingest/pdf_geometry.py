"""Page geometry: words into lines, lines into columns, columns into reading order.

Everything here is decided from positions and sizes, never from the words themselves: a line is
the words whose vertical centres agree (a raised marker still sits inside its line's box), a
superscript is a word clearly smaller than its line and raised above the line's baseline, and
a page has two columns when a vertical strip near its middle is crossed by almost none of the
body-size words while both sides carry text.
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from extractor.registry import lexicon


_NUMERIC = re.compile(r"^[-+(]?[$\u20ac\u00a3\u20b9]?\d[\d,.]*%?\)?$")
# A word counts as smaller than its line below this share of the line's size.
SMALL_RATIO = 0.85
# A smaller word is raised when its bottom sits this share of the line size above the baseline.
RAISE_RATIO = 0.18


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    #: each character's left edge, then the last one's right edge (``PageWord.edges``)
    edges: tuple[float, ...] = ()
    weight: int = 4  # the font's weight, as :func:`font_weight` reads its name (4 = regular)

    @property
    def center(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    """Words on one baseline, left to right, with the line's dominant size and baseline."""

    words: list[Word]
    size: float = 0.0
    baseline: float = 0.0  # bottom of the dominant-size words
    column: str = "full"  # "full", "left", "right" or "span"
    kind: str = "body"  # "body", "header", "note", "table"
    table_rows: list[list[str]] = field(default_factory=list)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words) if self.words else 0.0

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words) if self.words else 0.0

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words) if self.words else 0.0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words) if self.words else 0.0

    def is_raised(self, w: Word) -> bool:
        """A superscript: clearly smaller than the line and sitting above its baseline."""
        return w.size < self.size * SMALL_RATIO and w.bottom < self.baseline - RAISE_RATIO * self.size

    def is_bold(self, body_weight: int) -> bool:
        """Is every word of the line that has a letter (raised markers aside) set heavier than
        the body text? Figures and punctuation may be set in any weight."""
        words = [w for w in self.words if not self.is_raised(w) and any(c.isalpha() for c in w.text)]
        return bool(words) and all(w.weight > body_weight for w in words)

    def plain_text(self) -> str:
        return " ".join(w.text for w in self.words)

    def looks_tabular(self) -> bool:
        """A row of a table set without rules: cells apart by wide gaps, several of them numbers.

        Prose has word spaces of about a third of the type size; a table row has at least two gaps
        wider than twice the size and at least two numeric cells.
        """
        if len(self.words) < 3:
            return False
        gaps = sum(1 for a, b in zip(self.words, self.words[1:]) if b.x0 - a.x1 > 2.0 * self.size)
        numeric = sum(1 for w in self.words if _NUMERIC.match(w.text))
        return gaps >= 2 and numeric >= 2


@functools.cache
def font_weight(fontname: str) -> int:
    """The weight a font's name gives (``"ABCDEF+Calibri-Bold"`` -> 7), from the lexicon's list
    (``data/lexicons/headings.toml``, ``[weights]``): the first weight word found in the name,
    without its subset prefix; regular when the name has none."""
    weights = lexicon("headings")["weights"]
    name = fontname.rsplit("+", 1)[-1].lower()
    for key, weight in weights["order"]:
        if key in name:
            return int(weight)
    return int(weights["regular"])


def modal_weight(words: list[Word]) -> int:
    """The weight most characters are set in (the body text's weight)."""
    counts: Counter[int] = Counter()
    for w in words:
        counts[w.weight] += len(w.text)
    return counts.most_common(1)[0][0] if counts else int(lexicon("headings")["weights"]["regular"])


def modal_size(words: list[Word]) -> float:
    """The size most characters are set in (the body size), rounded to a tenth of a point."""
    counts: Counter[float] = Counter()
    for w in words:
        counts[round(w.size, 1)] += len(w.text)
    return counts.most_common(1)[0][0] if counts else 0.0


def build_lines(words: list[Word]) -> list[Line]:
    """Group words into lines by vertical centre; a line's reference is its largest word.

    Sorting by centre and comparing each word with the running line's largest word keeps raised
    markers (whose centre is a little higher) in the line they belong to, while the next line,
    a full line pitch away, starts a new one.
    """
    lines = [part for line in _bands(words) for part in _split_sizes(line)]
    for line in lines:
        _finish(line)
    return lines


def _bands(words: list[Word]) -> list[Line]:
    lines: list[Line] = []
    ref: Word | None = None
    for w in sorted(words, key=lambda w: (w.center, w.x0)):
        if ref is not None and abs(w.center - ref.center) <= 0.5 * max(w.size, ref.size):
            lines[-1].words.append(w)
            if w.size > ref.size:
                ref = w
            continue
        lines.append(Line([w]))
        ref = w
    return lines


#: Words on one band whose sizes differ this much or more are two lines printed level with each
#: other (a display title beside a running head set small), not one line and its markers.
APART_RATIO = 2.5


def _split_sizes(line: Line) -> list[Line]:
    """A band's words as one line, or as two where a run of words set far smaller than the
    band's largest shares it (a running head level with a display title): the large words and
    the small ones in lines of their own (a display line spans several of theirs). A lone small
    word stays (a raised note marker)."""
    top = max(w.size for w in line.words)
    small = [w for w in line.words if w.size * APART_RATIO <= top]
    if len(small) < 2:
        return [line]
    large = [w for w in line.words if w.size * APART_RATIO > top]
    return [Line(large), *_bands(small)]


def _finish(line: Line) -> None:
    line.words.sort(key=lambda w: w.x0)
    sizes: Counter[float] = Counter()
    for w in line.words:
        sizes[round(w.size, 1)] += len(w.text)
    line.size = max(sizes.items(), key=lambda kv: (kv[1], kv[0]))[0]
    main = [w.bottom for w in line.words if w.size >= line.size * SMALL_RATIO]
    line.baseline = max(main) if main else line.bottom


def find_gutter(words: list[Word], body_size: float, page_width: float) -> tuple[float, float] | None:
    """The vertical strip between two columns, or None for a one-column page.

    Only body-size words vote (notes, headings and running heads are often full width). The
    strip must lie in the middle third of the text, be at least half an em wide, be crossed by
    at most 2% of the body words, and have at least three lines of body text on each side.
    """
    body = [w for w in words if abs(w.size - body_size) <= 0.1 * body_size]
    return _strip(body, body_size, min_rows=3)


def _strip(body: list[Word], body_size: float, min_rows: int) -> tuple[float, float] | None:
    """The gutter between the body-size words ``body`` (see :func:`find_gutter`), with at least
    ``min_rows`` lines of them on each side."""
    if len(body) < 40:
        return None
    left, right = min(w.x0 for w in body), max(w.x1 for w in body)
    width = right - left
    if width <= 0:
        return None
    step = 1.0
    n_bins = int(width / step) + 1
    # how many words cross each bin of the text's width (a difference array, summed up)
    change = np.zeros(n_bins + 1, dtype=np.int64)
    np.add.at(change, [int((w.x0 - left) / step) for w in body], 1)
    np.add.at(change, [min(n_bins, int((w.x1 - left) / step) + 1) for w in body], -1)
    cover = np.cumsum(change)[:n_bins].tolist()
    lo_bin, hi_bin = int(n_bins / 3), int(2 * n_bins / 3)
    # the strip is where the fewest words cross (a short last column is crossed by few words too,
    # so take the least-crossed run, not every run under the limit)
    least = min(cover[lo_bin:hi_bin], default=len(body))
    if least > max(1, int(0.02 * len(body))):
        return None
    allowed = least
    best: tuple[int, int] | None = None
    b = lo_bin
    while b < hi_bin:
        if cover[b] <= allowed:
            e = b
            while e + 1 < n_bins and cover[e + 1] <= allowed:
                e += 1
            if best is None or e - b > best[1] - best[0]:
                best = (b, e)
            b = e + 1
        else:
            b += 1
    if best is None or (best[1] - best[0] + 1) * step < 0.5 * body_size:
        return None
    g0, g1 = left + best[0] * step, left + (best[1] + 1) * step
    # each side must carry several lines of its own (a short last column is fine)
    rows_left = {round(w.bottom) for w in body if w.x1 <= g0}
    rows_right = {round(w.bottom) for w in body if w.x0 >= g1}
    if min(len(rows_left), len(rows_right)) < min_rows:
        return None
    return g0, g1


#: Lines of body text each column holds at least, where only part of a page is set in two.
STRETCH_ROWS = 6
#: ... the share of its column's width its lines fill, at the median (a table's cells are short:
#: a gap between them is no gutter) ...
STRETCH_FILL = 0.7
#: ... the words its lines hold, at the median, and the share of its words that are words, not
#: figures (a table's label and its row of figures are no two columns of text).
STRETCH_WORDS = 5
STRETCH_WORDY = 0.7


def find_column_stretch(words: list[Word], body_size: float) -> tuple[float, float, float, float] | None:
    """A page set partly in two columns: full-width text above them (a table, a goal's
    statement) or under them. The gutter ``(g0, g1)`` and the stretch's top and bottom, of the
    longest run of lines, from the page's first line or down to its last, whose body-size words
    leave a gutter (see :func:`find_gutter`) between two columns of running text; None if none."""
    body = [w for w in words if abs(w.size - body_size) <= 0.1 * body_size]
    rows = sorted({round(w.top) for w in body})
    best: tuple[float, float, float, float, int] | None = None  # (g0, g1, top, bottom, words)
    for cut in range(1, len(rows)):
        for below in (True, False):
            part = [w for w in body if (round(w.top) >= rows[cut]) is below]
            if best is not None and len(part) <= best[4]:
                continue
            gutter = _strip(part, body_size, STRETCH_ROWS)
            if gutter is None:
                continue
            # the stretch starts (or ends) at its first line that leaves the gutter clear
            inside = sorted({round(w.top) for w in part}, reverse=not below)
            crossing = {round(w.top) for w in part if w.x1 > gutter[0] and w.x0 < gutter[1]}
            edge = next((row for row in inside if row not in crossing), None)
            if edge is None:
                continue
            part = [w for w in part if (round(w.top) >= edge) is below or round(w.top) == edge]
            if _columns_of_text(part, *gutter):
                best = (*gutter, min(w.top for w in part), max(w.bottom for w in part), len(part))
    return best[:4] if best else None


def _columns_of_text(words: list[Word], g0: float, g1: float) -> bool:
    """Are both sides of the gutter columns of running text: lines that fill the column's width
    and hold several words each, at the median, nearly all of them words rather than figures?"""
    left_edge, right_edge = min(w.x0 for w in words), max(w.x1 for w in words)
    for side, (lo, hi) in (("left", (left_edge, g0)), ("right", (g1, right_edge))):
        column = [w for w in words if (w.x1 <= g0 if side == "left" else w.x0 >= g1)]
        lines = build_lines(column)
        widths = sorted(ln.x1 - ln.x0 for ln in lines)
        counts = sorted(len(ln.words) for ln in lines)
        wordy = sum(any(c.isalpha() for c in w.text) for w in column)
        if not lines or widths[len(widths) // 2] < STRETCH_FILL * (hi - lo) \
                or counts[len(counts) // 2] < STRETCH_WORDS or wordy < STRETCH_WORDY * len(column):
            return False
    return True


def reading_order(words: list[Word], body_size: float, page_width: float) -> list[Line]:
    """Lines of a page in reading order, two-column stretches read column by column.

    The two-column band is the vertical extent of body-size words lying wholly on one side of
    the gutter. Lines above and below the band (title, running head, footnotes) are full width;
    inside the band a line crossing the gutter (a heading spanning both columns) splits the band
    into segments, and each segment is read left column first. Such a line is read whole, even
    where a gap between its words falls in the gutter (". . . Authorization Acts | and
    Appropriation Acts?"): a word of it crosses the gutter, and no gap along it is as wide as
    the gutter (two columns' lines level with each other are a gutter apart).
    """
    gutter = find_gutter(words, body_size, page_width)
    top, bottom = float("-inf"), float("inf")
    if gutter is None:
        stretch = find_column_stretch(words, body_size)
        if stretch is None:
            lines = build_lines(words)
            lines.sort(key=lambda ln: ln.top)
            return with_side_heads(lines, body_size)
        g0, g1, top, bottom = stretch
    else:
        g0, g1 = gutter
    sided = [w for w in words if abs(w.size - body_size) <= 0.1 * body_size and (w.x1 <= g0 or w.x0 >= g1)
             and top <= w.top and w.bottom <= bottom]
    band_top, band_bottom = min(w.top for w in sided), max(w.bottom for w in sided)
    spanning = _spanning_words([w for w in words if band_top <= w.center <= band_bottom], g0, g1, body_size)
    outside, left, right, span = [], [], [], []
    for w in words:
        if w.center < band_top or w.center > band_bottom:
            outside.append(w)
        elif id(w) in spanning:
            span.append(w)
        elif w.x1 <= g0 + 0.5:
            left.append(w)
        elif w.x0 >= g1 - 0.5:
            right.append(w)
        else:
            span.append(w)
    full = build_lines(outside)
    spans = build_lines(span)
    for ln in spans:
        ln.column = "span"
    cols = build_lines(left) + build_lines(right)
    for ln in cols:
        ln.column = "left" if ln.x1 <= g0 + 0.5 else "right"
    above = sorted((ln for ln in full if ln.top < band_top), key=lambda ln: ln.top)
    below = sorted((ln for ln in full if ln.top >= band_top), key=lambda ln: ln.top)
    cuts = sorted(spans, key=lambda ln: ln.top)
    ordered = list(above)
    bounds = [band_top - 1] + [ln.top for ln in cuts] + [band_bottom + 1]
    for k in range(len(bounds) - 1):
        if k > 0:
            ordered.append(cuts[k - 1])
        seg = [ln for ln in cols if bounds[k] <= ln.top < bounds[k + 1]]
        ordered.extend(sorted((ln for ln in seg if ln.column == "left"), key=lambda ln: ln.top))
        ordered.extend(sorted((ln for ln in seg if ln.column == "right"), key=lambda ln: ln.top))
    ordered.extend(below)
    return ordered


def _spanning_words(band: list[Word], g0: float, g1: float, body_size: float) -> set[int]:
    """The words (by ``id``) of the band's lines that run across the gutter: set in the body
    size or larger (a map's or chart's small labels are scattered across it), a word of the
    line crosses it, and no gap between its words is as wide as the gutter."""
    found: set[int] = set()
    for ln in build_lines(band):
        ws = ln.words
        if min(w.size for w in ws) < 0.9 * body_size:
            continue
        crosses = any(w.x1 > g0 + 0.5 and w.x0 < g1 - 0.5 for w in ws)
        if crosses and all(b.x0 - a.x1 < g1 - g0 for a, b in zip(ws, ws[1:])):
            found.update(id(w) for w in ws)
    return found


#: A side heading is set at least this much larger than the body text (12 pt beside 11 pt).
SIDE_HEAD_RATIO = 1.05


def with_side_heads(lines: list[Line], body_size: float) -> list[Line]:
    """Side headings set in the margin, left of the text column, in reading order.

    Some house styles (GAO's) set headings in a wide left margin, larger than the body text,
    level with the first lines of the text they head: each heading line then shares its baseline
    band with a line of text, and grouping words by band glues the two ("Results in Brief
    Despite growing dependence ..."). A line's words left of the text column, clearly apart
    from its words in the column and set larger than them, are a side heading's line; the side
    heading's lines (one block while they follow at a line's pitch) come before the line of
    text they stand beside. The text column's left edge is where most lines of body size start.
    """
    starts: Counter[int] = Counter(round(ln.x0) for ln in lines
                                   if abs(ln.size - body_size) <= 0.1 * body_size and len(ln.words) >= 5)
    if not starts:
        return lines
    col_left = starts.most_common(1)[0][0]
    main: list[Line] = []
    side: list[Line] = []
    for ln in lines:
        left = [w for w in ln.words if w.x1 <= col_left - 0.5 * body_size]
        right = [w for w in ln.words if w.x0 >= col_left - 1]
        larger = bool(left) and min(w.size for w in left) >= SIDE_HEAD_RATIO * body_size
        if larger and not right and len(left) == len(ln.words):
            side.append(ln)  # a side heading's line with no text beside it
        elif larger and right and len(left) + len(right) == len(ln.words) \
                and min(w.size for w in left) >= SIDE_HEAD_RATIO * max(w.size for w in right) \
                and right[0].x0 - max(w.x1 for w in left) >= body_size:
            head, text = Line(left), Line(right)
            _finish(head)
            _finish(text)
            side.append(head)
            main.append(text)
        else:
            main.append(ln)
    if not side:
        return lines
    for ln in side:
        ln.column = "side"
    blocks: list[list[Line]] = []
    for ln in sorted(side, key=lambda ln: ln.top):
        if blocks and ln.baseline - blocks[-1][-1].baseline <= 1.6 * ln.size:
            blocks[-1].append(ln)
        else:
            blocks.append([ln])
    main.sort(key=lambda ln: ln.top)
    ordered: list[Line] = []
    k = 0
    for ln in main:
        while k < len(blocks) and blocks[k][0].top <= ln.top + 0.5 * body_size:
            ordered.extend(blocks[k])
            k += 1
        ordered.append(ln)
    for block in blocks[k:]:
        ordered.extend(block)
    return ordered
