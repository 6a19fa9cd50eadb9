"""Two columns of a page laid out with spaces, into reading order.

A text dump made with the page layout kept (``pdftotext -layout``, or a converter that keeps
columns apart) prints a two-column page line by line across both columns: each line holds the
left column's line, a run of spaces, then the right column's line. Read as it stands, every
sentence of the page is cut in two and spliced with the other column's. What is left of the
page's geometry is the character grid: the gutter between the columns is a strip of character
positions that is blank on every line of running text, with text on both sides on most of them.

:func:`split_columns` finds that strip on one page and rewrites the page as the left column's
lines followed by the right column's, band by band: a line that crosses the strip (a title set
across the page, a centred footer, a table row) ends a band and stays where it is, so a page
with a one-column head and two columns under it reads head, left, right. A strip is a gutter
only where both sides hold running text (words, most of them letters), the right column starts
at one position as a column's lines do, and many lines leave it blank with text to its left and
many with text to its right (the columns side by side, or one under another where their
baselines differ: then only a blank line breaks a column's paragraph): a table's columns of
figures are left as they are (:mod:`extractor.ingest.text_zones` zones them). The
notes printed at the foot of each column go after both columns' text (the left column's notes,
then the right's), at the page foot where the zoning of a text dump looks for them.

A dump that writes single spaces between words (pdfplumber's ``extract_text()``) has no strip
to find, and its pages are returned unchanged. The work is linear in the page's characters.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extractor.ingest.text_zones import note_start


@dataclass(frozen=True)
class ColumnSettings:
    """Every threshold of the column split, in one place."""

    #: the narrowest gutter, in characters (pdftotext sets a column gap as three or more spaces)
    min_gutter: int = 2
    #: a page has two columns when at least this many lines leave the strip blank with text to
    #: its left, and as many with text to its right ...
    min_side_lines: int = 6
    #: ... and they are at least this share of the page's lines of text, on either side
    side_share: float = 0.25
    #: the gutter lies between these shares of the page's width
    gutter_from: float = 0.2
    gutter_to: float = 0.8
    #: both sides hold running text: lines of at least this many words (median) ...
    min_words: int = 4
    #: ... most of whose characters are letters
    min_letter_share: float = 0.6
    #: the right column's lines start at one position (within one character) on this share of them
    aligned_share: float = 0.4
    #: a band of lines is read column by column when this many of its lines have text left of
    #: the strip, and this many right of it
    band_side_lines: int = 2
    #: pages wider than this (characters) are not searched: no page of a report is
    max_width: int = 400


SETTINGS = ColumnSettings()

# A run of spaces before or inside a line's text: the mark of a dump laid out with spaces.
_SPACED = re.compile(r"(?:^|\S) {3,}\S")
# The spaces between two characters of text.
_INNER_SPACES = re.compile(r"(?<=\S) +(?=\S)")


def split_columns(lines: list[str], settings: ColumnSettings = SETTINGS) -> list[str]:
    """``lines`` of one page, their two columns (where a gutter is found) read one after the other."""
    gutter = find_gutter(lines, settings)
    if gutter is None:
        return lines
    start, end = gutter
    out: list[str] = []
    band: list[str] = []
    for line in lines:
        if line[start:end].strip():  # crosses the gutter: a line set across the page
            out += _read_band(band, start, end, settings)
            band = []
            out.append(line)
        else:
            band.append(line)
    return out + _read_band(band, start, end, settings)


def find_gutter(lines: list[str], settings: ColumnSettings = SETTINGS) -> tuple[int, int] | None:
    """The character positions ``[start, end)`` of the strip between two columns of running
    text on this page, or None.

    A position is a gutter's when many lines leave it blank with text to its left and many with
    text to its right: the lines of two columns set side by side (text on both sides) or, where
    the columns' baselines differ, one under another (the right column's lines indented to it).
    """
    texts = [s.rstrip() for s in lines]
    if not any(_SPACED.search(s) for s in texts):
        return None
    width = max((len(s) for s in texts), default=0)
    if width > settings.max_width:
        return None
    n_text = sum(1 for s in texts if s.strip())
    # for each x, the lines blank on [x, x + g) with text to the left, and with text to the
    # right: difference arrays over each line's blank stretches, linear in the page's characters
    g = settings.min_gutter
    left, right = [0] * (width + 2), [0] * (width + 2)
    for s in texts:
        first = len(s) - len(s.lstrip())
        if not s:
            continue
        if first >= g:  # blank before its text: text to the right of x for x <= first - g
            right[0] += 1
            right[first - g + 1] -= 1
        left[len(s)] += 1  # blank after its end: text to the left
        for gap in _INNER_SPACES.finditer(s):
            if gap.end() - gap.start() >= g:
                for counts in (left, right):
                    counts[gap.start()] += 1
                    counts[gap.end() - g + 1] -= 1
    # the best x has most lines on its weaker side, then most lines blank at it (fewest cross it)
    best, best_x, n_left, n_right = (0, 0), -1, 0, 0
    lo, hi = int(width * settings.gutter_from), int(width * settings.gutter_to)
    for x in range(hi + 1):
        n_left += left[x]
        n_right += right[x]
        if x >= lo and (min(n_left, n_right), n_left + n_right) > best:
            best, best_x = (min(n_left, n_right), n_left + n_right), x
    if best[0] < max(settings.min_side_lines, settings.side_share * n_text):
        return None
    x, y = best_x, best_x + g
    lefts = [s[:x] for s in texts if s[:x].strip() and not s[x:y].strip()]
    rights = [s[y:] for s in texts if s[y:].strip() and not s[x:y].strip()]
    # the strip widened to what every line beside it leaves blank
    start = max(len(s.rstrip()) for s in lefts)
    indents = [len(s) - len(s.lstrip()) for s in rights]
    end = y + min(indents)
    if not _running_text(lefts, settings) or not _running_text(rights, settings):
        return None
    # the right column's lines start at one position, as a column's do
    starts = Counter(indents)
    mode = max(starts, key=lambda k: (starts[k], -k))
    if sum(starts[k] for k in (mode - 1, mode, mode + 1)) < settings.aligned_share * len(rights):
        return None
    return start, end


def _running_text(parts: list[str], settings: ColumnSettings) -> bool:
    words = sorted(len(p.split()) for p in parts)
    chars = "".join(parts).replace(" ", "")
    letters = sum(c.isalpha() for c in chars)
    return bool(words) and words[len(words) // 2] >= settings.min_words and letters >= settings.min_letter_share * len(chars)


def _read_band(band: list[str], start: int, end: int, settings: ColumnSettings) -> list[str]:
    """A run of lines that no line crosses the gutter in: the left column's lines, then the
    right column's, each column's blank lines (its paragraph breaks) kept, one at most in a row."""
    if sum(1 for s in band if s[:start].strip()) < settings.band_side_lines \
            or sum(1 for s in band if s[end:].strip()) < settings.band_side_lines:
        return band
    texts = [s for s in band if s.strip()]
    two_sided = sum(1 for s in texts if s[:start].strip() and s[end:].strip())
    if two_sided < (len(texts) - two_sided) / 3:
        # the columns' lines set one under another (their baselines differ): a column's line is
        # missing from every other line, and only a blank line breaks its paragraphs
        left = _dedent([s[:start].rstrip() for s in band if s[:start].strip() or not s.strip()])
        right = _dedent([s[end:].rstrip() for s in band if s[end:].strip() or not s.strip()])
    else:
        left = _dedent([s[:start].rstrip() for s in band])
        right = _dedent([s[end:].rstrip() for s in band])
    # the notes at each column's foot go after both columns' text, where a page's notes stand
    lk, rk = notes_from(left), notes_from(right)
    return _squeeze(left[:lk]) + _squeeze(right[:rk]) + _squeeze(left[lk:]) + _squeeze(right[rk:])


def notes_from(column: list[str]) -> int:
    """Where the notes at the foot of one column's lines open: the first line that opens a note
    (:func:`~extractor.ingest.text_zones.note_start`) from which every note opening below is
    numbered one more than the one above; the column's length when there is none."""
    starts = [n for n in (note_start(column, i) for i in range(len(column))) if n is not None]
    for k, first in enumerate(starts):
        if all(b.number == a.number + 1 for a, b in zip(starts[k:], starts[k + 1:])):
            return first.index
    return len(column)


def _dedent(lines: list[str]) -> list[str]:
    indent = min((len(s) - len(s.lstrip()) for s in lines if s.strip()), default=0)
    return [s[indent:] for s in lines]


def _squeeze(lines: list[str]) -> list[str]:
    """``lines`` without blank lines at either end or two in a row."""
    out: list[str] = []
    for s in lines:
        if s.strip() or (out and out[-1].strip()):
            out.append(s)
    while out and not out[-1].strip():
        out.pop()
    return out
