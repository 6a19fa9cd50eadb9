"""Side headings of a margin column in a text dump that keeps the page's layout.

Some house styles (GAO's) set each section's heading in a narrow column left of the text, beside
the top of its paragraph. A layout-keeping dump (``pdftotext -layout``) prints the heading's
lines at the start of the text's lines, where its baseline falls (the paragraph's first line or
the second), each followed by spaces up to the text column: "Conclusions   current energy
policies will be ...". Read as it stands, the heading splits a sentence of its paragraph.

:func:`find_margin` finds such a column on one page: the text column's lines start at one
position, and lines hold a few words before it, then spaces up to it, beside running text;
margin lines one under another are one heading, ended by a blank line or by text beside that
opens a paragraph or a table's row. :func:`recurring_labels` finds, over the whole dump, the
margin's words that recur page after page: the labels of a table set as a definition list
("Data Source   Agency records"), no headings. :func:`lift_margin` sets each heading's lines
before the paragraph they stand beside and says which lines they are, for the zoning to flag
``is_side``, as the PDF backend flags a side heading's lines.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extractor.line_shapes import has_spaced_cells


@dataclass(frozen=True)
class MarginSettings:
    """The thresholds of :func:`find_margin`, in one place."""

    #: the text column's lines start at one position on at least this share of the page's lines
    aligned_share: float = 0.5
    #: ... which lies at least this many characters in, and within this share of the page's width
    min_indent: int = 5
    max_indent_share: float = 0.45
    #: a side heading's line in the margin holds at most this many words
    max_words: int = 6
    #: lines of text beside no side heading's line that may stand between two lines of one
    #: side heading (the heading and the text wrap differently)
    max_skip: int = 1
    #: a paragraph's last line is shorter than this share of the text column's full lines
    short_share: float = 0.85
    #: a margin line that recurs on this many pages is a table's label, not a side heading
    label_pages: int = 3


MARGIN = MarginSettings()
# The end of a sentence, a note's number after it or not: "... generating electricity.", "... 2005.17"
_ENDS_SENTENCE = re.compile(r"[.!?][\"'\u201d\u2019)]*\d{0,3}$")


@dataclass(frozen=True)
class Margin:
    """A page's margin column: where the text column starts (``edge``), and the side
    headings beside the text, each its lines' indices in the page and their words."""

    edge: int
    blocks: list[list[int]]
    words: dict[int, str]

    def titles(self) -> list[str]:
        return [" ".join(self.words[i] for i in block).lower() for block in self.blocks]


def find_margin(lines: list[str], settings: MarginSettings = MARGIN) -> Margin | None:
    """The side headings of a margin column on one page (GAO's house style: a heading set in a
    narrow column left of the text, beside its paragraph), or None: the text column's lines
    start at one position, and a line holding a few words before it, then spaces up to it,
    stands beside running text."""
    texts = [s.rstrip() for s in lines]
    indents = Counter(len(s) - len(s.lstrip()) for s in texts if s.strip())
    n_text = sum(indents.values())
    if not n_text:
        return None
    edge, count = max(indents.items(), key=lambda kv: (kv[1], -kv[0]))
    count += indents.get(edge - 1, 0) + indents.get(edge + 1, 0)
    width = max(len(s) for s in texts)
    if edge < settings.min_indent or edge > settings.max_indent_share * width or count < settings.aligned_share * n_text:
        return None
    words: dict[int, str] = {}
    for i, s in enumerate(texts):
        head, beside = s[:edge - 1], s[edge - 1:]
        if head.strip() and not head.startswith(" ") and not s[edge - 2:edge].strip() \
                and len(head.split()) <= settings.max_words \
                and not has_spaced_cells(head) and not has_spaced_cells(beside):  # (a table's first column)
            words[i] = head.strip()
    blocks = [b for b in _side_blocks(texts, sorted(words), edge, settings)
              if _stands_beside_text(texts, b, edge, settings)]
    if not blocks:
        return None
    return Margin(edge, blocks, {i: words[i] for b in blocks for i in b})


def recurring_labels(margins: list[Margin | None], settings: MarginSettings = MARGIN) -> set[str]:
    """The margin's words that recur on ``label_pages`` pages or more: the labels of a table
    set as a definition list ("Data Source", "Frequency" beside their values), no headings."""
    seen: Counter[str] = Counter()
    for m in margins:
        if m is not None:
            seen.update(set(m.titles()))
    return {title for title, n in seen.items() if n >= settings.label_pages}


def lift_margin(lines: list[str], margin: Margin | None, labels: set[str] = frozenset()) -> tuple[list[str], set[int]]:
    """``lines`` of one page with its side headings (but ``labels``) lifted out of the text's
    lines, each set before the paragraph it stands beside; and the indices, in the lines
    returned, of the side headings' lines."""
    if margin is None:
        return lines, set()
    blocks = [b for b, title in zip(margin.blocks, margin.titles()) if title not in labels]
    if not blocks:
        return lines, set()
    texts = [s.rstrip() for s in lines]
    lifted = {i for b in blocks for i in b}
    starts = {_paragraph_start(texts, block[0], lifted): block for block in blocks}
    out: list[str] = []
    side: set[int] = set()
    for i, s in enumerate(texts):
        if i in starts:
            if out and out[-1].strip():
                out.append("")
            for k in starts[i]:
                side.add(len(out))
                out.append(margin.words[k])
            out.append("")
        if i in lifted:
            body = s[margin.edge - 1:].strip()
            if body:
                out.append(" " * margin.edge + body)
        else:
            out.append(lines[i])
    return out, side


def _has_word(text: str) -> bool:
    """A word of three letters or more: not a figure, a list's number or a page number alone."""
    return any(sum(c.isalpha() for c in w) >= 3 for w in text.split())


def _side_blocks(texts: list[str], rows: list[int], edge: int, settings: MarginSettings) -> list[list[int]]:
    """The margin lines grouped into side headings: lines one under another, or with at most
    ``max_skip`` lines of text between them, that open with a word (a heading's last line may
    be a year: "... Since / 1978"); a blank line ends a heading, and so does a line beside
    which the text opens a paragraph (a capital, after a short line that ends a sentence:
    "Ethanol" after "... Deployment Barriers")."""
    lengths = sorted(len(s[edge - 1:].strip()) for s in texts if s[edge - 1:].strip())
    full = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
    blocks: list[list[int]] = []
    for i in rows:
        if blocks:
            last = blocks[-1][-1]
            between = texts[last + 1:i]
            above = _text_above(texts, i, edge)
            # the text beside opens a paragraph, or a table's row: a capital, after a line short
            # of the column that ends a sentence or a value ("Chief Human Capital Officers" above
            # "Annually" beside the label "Frequency")
            opens = texts[i][edge - 1:].strip()[:1].isupper() and len(above) < settings.short_share * full \
                and not above.endswith((",", ";", ":", "-", "\u2013", "\u2014", "("))
            if len(between) <= settings.max_skip and all(s.strip() for s in between) and not opens:
                blocks[-1].append(i)
                continue
        if _has_word(texts[i][:edge - 1]):
            blocks.append([i])
    return blocks


def _text_above(texts: list[str], i: int, edge: int) -> str:
    """The text column's last line of text above line ``i``, up to a blank line (empty there)."""
    for s in reversed(texts[:i]):
        if not s.strip():
            return ""
        if s[edge - 1:].strip():
            return s[edge - 1:].strip()
    return ""


def _stands_beside_text(texts: list[str], block: list[int], edge: int, settings: MarginSettings) -> bool:
    """A side heading stands beside running text (words, not a table's empty cells): some line
    of the text column from the line above the heading to the line after it holds a few words."""
    lo, hi = max(0, block[0] - 1), min(len(texts), block[-1] + 2)
    return any(len(s[edge - 1:].split()) >= settings.max_words - 2 and _has_word(s[edge - 1:]) for s in texts[lo:hi])


def _paragraph_start(texts: list[str], i: int, margin: set[int]) -> int:
    """The first line of the paragraph beside margin line ``i``: the line above it where that
    line goes on a paragraph (pdftotext sets a side heading on its paragraph's first line or,
    its baseline lower, on the second), else the line itself."""
    above = texts[i - 1].strip() if i > 0 else ""
    if above and (i - 1) not in margin and not _ENDS_SENTENCE.search(above):
        return i - 1
    return i
