"""Page zones: running heads, the footnote zone, body paragraphs; and the lines' text with markers.

Decisions use typography and position only:
- a running header or footer is a line in the outer band of the page whose shape (digits
  folded) recurs in the same band on several pages, or a bare page number there;
- the footnote zone is what lies under a separator rule (short, or with a note marker under
  it) when everything under it is smaller than the body size, or else the part of a trailing
  run of smaller lines from its first line that opens with a note marker;
- a paragraph ends where the gap to the next line is clearly more than the line pitch, where
  the size changes, or where the next line is indented while this one is flush;
- a raised, smaller run of digits is a footnote marker (written ``^N``) when a note with that
  number exists; a circled glyph always is one.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extractor.ingest.pdf_geometry import Line, Word

CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474)) + "".join(chr(c) for c in range(0x3251, 0x3260))
_PAGE_NUMBER = re.compile(
    r"^[\s\-\u2013\u2014\[\(]*(?:page\s+)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|/)\s*\d{1,4})?[\s\-\u2013\u2014\]\)]*$",
    re.IGNORECASE,
)
_DIGIT_LABEL = re.compile(r"^(\d{1,3})[.)]?$")
BAND = 0.12  # share of the page height at top and bottom where running heads live
SMALLER = 0.95  # a note line is set smaller than this share of the body size
SEPARATOR_SHARE = 0.5  # a footnote separator rule is shorter than this share of the text's width


@dataclass(frozen=True)
class Rule:
    """A horizontal stroke drawn on the page (a candidate footnote separator)."""

    x0: float
    x1: float
    y: float


def shape_key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


#: A line set this much larger than the running head that repeats its words is a title.
DISPLAY_RATIO = 1.5


def mark_running_heads(pages: list[list[Line]], heights: list[float]) -> None:
    """Mark running headers and footers (``kind = "header"``) across the whole document.

    A shape must recur on at least three pages (two in a two-page document) in the same band,
    and never stand on two lines one above the other on one page: a page has one running head
    per band (a spread's two pages set theirs side by side), where notes of one wording ("50
    Requirement 2.1.1.1.", "51 Requirement 2.1.2.1.") stack at a page's foot. A bare page number is a page's first or last line (in reading order), wherever it stands.
    """
    where: Counter[tuple[str, str]] = Counter()
    smallest: dict[tuple[str, str], float] = {}  # the smallest size each shape is set in
    cands: list[list[tuple[Line, str]]] = []
    stacked: set[tuple[str, str]] = set()  # shapes one page sets on lines one above another
    for lines, h in zip(pages, heights):
        page_cands: list[tuple[Line, str]] = []
        for ln in lines:
            band = "top" if ln.bottom < BAND * h else "bottom" if ln.top > (1 - BAND) * h else ""
            if band:
                page_cands.append((ln, band))
                key = (shape_key(ln.plain_text()), band)
                smallest[key] = min(smallest.get(key, ln.size), ln.size)
        seen = {(shape_key(ln.plain_text()), band) for ln, band in page_cands}
        where.update(seen)
        stacked |= _stacked(page_cands)
        cands.append(page_cands)
    need = 3 if len(pages) > 2 else len(pages)
    for lines, page_cands in zip(pages, cands):
        outer = _outermost(lines)
        for ln, band in page_cands:
            text = ln.plain_text()
            key = (shape_key(text), band)
            # the copy set in display type, far larger than the running head that repeats its
            # words (an appendix's title above its own running head), is the title
            display = ln.size >= DISPLAY_RATIO * smallest[key]
            if where[key] >= need and need > 1 and not starts_with_marker(ln) and not display and key not in stacked:
                ln.kind = "header"
        # a bare page number is the page's first or last line, in the band or not (a page printed
        # smaller than the sheet, inside crop marks, sets it well above the sheet's foot)
        for ln in (lines[:1] + lines[-1:]) if lines else []:
            if _PAGE_NUMBER.match(ln.plain_text()) and ln in outer:
                ln.kind = "header"


def _stacked(page_cands: list[tuple[Line, str]]) -> set[tuple[str, str]]:
    """The shapes (and bands) of a page's lines that stand one above another, not side by side."""
    tops: dict[tuple[str, str], list[Line]] = {}
    for ln, band in page_cands:
        tops.setdefault((shape_key(ln.plain_text()), band), []).append(ln)
    return {key for key, lines in tops.items()
            if max(ln.top for ln in lines) - min(ln.top for ln in lines) > max(ln.size for ln in lines) / 2}


def _outermost(lines: list[Line]) -> list[Line]:
    by_top = sorted(lines, key=lambda ln: ln.top)
    return by_top[:2] + by_top[-2:]


def starts_with_marker(line: Line) -> bool:
    if not line.words:
        return False
    first = line.words[0]
    return first.text[:1] in CIRCLED or (line.is_raised(first) and first.text.isdigit())


def mark_note_zone(lines: list[Line], rules: list[Rule], body_size: float) -> None:
    """Mark the footnote zone at the foot of one page (``kind = "note"``)."""
    content = sorted((ln for ln in lines if ln.kind == "body"), key=lambda ln: ln.top)
    if not content:
        return
    small = [ln.size < SMALLER * body_size for ln in content]
    text_width = max(ln.x1 for ln in content) - min(ln.x0 for ln in content)
    for rule in sorted(rules, key=lambda r: r.y):
        below = [i for i, ln in enumerate(content) if ln.top >= rule.y - 0.5]
        if not below or any(ln.top < rule.y < ln.bottom for ln in content):
            continue
        # a footnote rule is short, or the notes under it open with a marker; a rule across the
        # text over smaller lines is a box's top edge (its text is set small too)
        separator = rule.x1 - rule.x0 < SEPARATOR_SHARE * text_width or starts_with_marker(content[below[0]])
        if separator and all(small[i] for i in below) and below[-1] == len(content) - 1:
            for i in below:
                content[i].kind = "note"
            return
    k = len(content)
    while k > 0 and small[k - 1]:
        k -= 1
    # the zone opens at the run's first line that starts with a marker, raised or a bare number
    # the body prints raised (small lines above it, a chart's labels or a margin note, are not
    # notes)
    raised = {w.text for ln in content[:k] for w in ln.words if w.text.isdigit() and ln.is_raised(w)}
    first = next((j for j in range(k, len(content)) if starts_with_marker(content[j]) or _numbered(content[j], raised)),
                 None)
    if first is not None and k > 0:
        for ln in content[first:]:
            ln.kind = "note"


def _numbered(line: Line, raised: set[str]) -> bool:
    """A line that opens with a bare number and goes on with a capital ("5 See for example ..."):
    a note set without a raised marker, when the body above prints that number raised."""
    if len(line.words) < 2:
        return False
    m = _DIGIT_LABEL.match(line.words[0].text)
    return bool(m) and m.group(1) in raised and line.words[1].text[:1].isupper()


def note_label(line: Line, previous: int | None) -> tuple[str, int] | None:
    """The marker a note line starts with, and how many words it takes; None if it continues a note.

    A bare number counts only if it follows the previous note's number (or opens the zone), so
    that a continuation line starting with a year or a page number is not read as a new note.
    """
    first = line.words[0]
    if first.text[:1] in CIRCLED:
        return first.text[:1], 1
    m = _DIGIT_LABEL.match(first.text)
    if m and (line.is_raised(first) or previous is None or int(m.group(1)) == previous + 1):
        if line.is_raised(first) or len(line.words) > 1:
            return m.group(1), 1
    return None


def render_line(line: Line, note_labels: set[str], skip: int = 0) -> str:
    """The text of a line, superscript note markers written as caret markers (``90%^1``).

    Words are joined with a space unless they touch (a size change inside a word or a marker
    glued to the word it follows). A raised number that is no note's label is kept as plain text
    glued to its word (``km2``), so it is never mistaken for a marker.
    """
    out: list[str] = []
    prev: Word | None = None
    for w in line.words[skip:]:
        raised = line.is_raised(w)
        text = w.text
        if raised and (text[:1] in CIRCLED or text in note_labels):
            token, glue = "^" + text, True
        elif raised:
            token, glue = text, True
        else:
            touching = prev is not None and w.x0 - prev.x1 < 0.08 * line.size
            token, glue = text, touching
        if out and not glue:
            out.append(" ")
        out.append(token)
        prev = w
    return "".join(out)


_BULLET = re.compile(r"^\s*[\u2022\u25aa\u25cf\u25e6\u2023\u2043\u00b7\-*\u2013]\s")


def paragraph_breaks(lines: list[Line], pitch_ratio: float, body_weight: int | None = None) -> list[bool]:
    """For each body line, whether a new paragraph starts at it (the first line always does).

    With ``body_weight`` (the body text's font weight), a line set wholly bold and short of the
    measure starts a new paragraph, and so does the line after it: a bold heading set in the
    body size, with no more space around it than between lines ("Issues for Congress" above
    its first paragraph), stands apart from the text it heads (:func:`_bold_turn`).
    """
    breaks: list[bool] = []
    col_left: dict[str, float] = {}
    col_right: dict[str, float] = {}
    for ln in lines:
        col_left[ln.column] = min(col_left.get(ln.column, ln.x0), ln.x0)
        col_right[ln.column] = max(col_right.get(ln.column, ln.x1), ln.x1)
    prev: Line | None = None
    for ln in lines:
        if prev is None:
            breaks.append(True)
            prev = ln
            continue
        size = max(ln.size, prev.size)
        indented = ln.x0 - col_left[ln.column] > 0.8 * ln.size
        prev_flush = prev.x0 - col_left[prev.column] <= 0.3 * prev.size
        if _BULLET.match(render_line(prev, set())) and ln.x0 > prev.x0 and not _BULLET.match(render_line(ln, set())):
            prev_flush = False  # a bulleted item's hanging indent goes on with the same item
        if ln.column != prev.column:
            # a column or segment change: a new paragraph only if the last one visibly ended
            short = prev.x1 < col_right[prev.column] - 2 * prev.size
            ended = bool(re.search(r"[.!?:\"\u201d)]$", render_line(prev, set())))
            brk = (short and ended) or indented or abs(ln.size - prev.size) > 0.08 * size
        else:
            gap = ln.baseline - prev.baseline
            brk = (
                abs(ln.size - prev.size) > 0.08 * size
                or gap > 1.3 * pitch_ratio * size
                or gap < 0  # went back up: something out of flow
                or (indented and prev_flush)
                or body_weight is not None and _bold_turn(prev, ln, body_weight, col_right)
            )
        breaks.append(brk)
        prev = ln
    return breaks


def _bold_turn(prev: Line, ln: Line, body_weight: int, col_right: dict[str, float]) -> bool:
    """A bold line set apart from its neighbours: a bold line short of the measure after which
    regular text goes on, or a bold line after a regular one that ended its paragraph. A bold
    lead-in sentence running the full measure into its paragraph is not set apart."""
    bold_prev, bold_now = prev.is_bold(body_weight), ln.is_bold(body_weight)
    if bold_prev == bold_now:
        return False
    prev_short = prev.x1 < col_right[prev.column] - 2 * prev.size
    if bold_prev:
        return prev_short
    return prev_short or bool(re.search(r"[.!?:\"\u201d)]$", render_line(prev, set())))


def pitch_ratio(pages: list[list[Line]], body_size: float) -> float:
    """The usual baseline-to-baseline distance of body lines, as a multiple of their size."""
    ratios: Counter[float] = Counter()
    for lines in pages:
        prev: Line | None = None
        for ln in lines:
            if ln.kind != "body" or abs(ln.size - body_size) > 0.1 * body_size:
                prev = None
                continue
            if prev is not None and prev.column == ln.column:
                r = (ln.baseline - prev.baseline) / ln.size
                if 0.9 < r < 2.5:
                    ratios[round(r * 20) / 20] += 1
            prev = ln
    return ratios.most_common(1)[0][0] if ratios else 1.2
