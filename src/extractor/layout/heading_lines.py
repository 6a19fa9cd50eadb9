"""Headings, running heads and the contents list inside the running lines of a text dump.

A text dump made page by page (pdfplumber's ``extract_text()``, ``pdftotext``) keeps every line
but no typography and, often, no blank line around a heading: "Introduction" sits between the
page's running head and the first line of a paragraph. What still shows is the shape of the
lines around it. A heading is

- short: shorter than most of the text's lines (a paragraph's first line runs the full width);
- worded as a heading: in title case or capitals, or numbered ("II. South Sudan", "A. Key
  development issues", "2.1 Prices"), or one of the front and back matter words, or listed
  in the report's table of contents (then in any case: "The new consensus on industrial
  policy"); not a sentence, caption, date or run of figures (:mod:`extractor.layout.headings`);
- standing alone: the line before it ends its paragraph (a sentence's end, a line short of the
  full width, the page's start, a running head, a blank line, another heading) and the line
  after it opens a paragraph (a full line, or a sentence, starting with a capital);
- one line, or two (three, numbered or in capitals) when the title wraps: each line short, the
  first the longest.

:func:`read_dump` finds them, the running heads and footers at the edges of the dump's pages
(a shape, digits folded, that recurs on three pages or more) and a contents list that no
leader dots mark; layout repair makes each heading and running head a unit of its own.
Which of those units stay headings is decided with the others' in
:mod:`extractor.layout.heading_units`; what a heading's wording says is
:mod:`extractor.layout.headings`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractor.ingest.text_zones import is_contents_title
from extractor import line_shapes as L
from extractor.layout.headings import (
    LABELLED,
    MAX_HEADING_WORDS,
    ends_open,
    is_all_caps,
    is_matter,
    leading_matter,
    match_heading,
    not_a_heading,
    carries_on,
    title_like,
    without_ellipsis,
)
from extractor.layout.side_lines import find_side_headings
from extractor.model import RawPage

#: A heading line is at most this share of the text's full line length (its 90th percentile).
SHORT_SHARE = 0.72
#: A paragraph's first line that does not end a sentence is at least this share of a full line.
FULL_SHARE = 0.8
#: A heading wraps over at most this many lines (three for a numbered title or one in capitals).
MAX_LINES = 3
MAX_WORDS = 16
_BARE_NUMBER = re.compile(r"^\d{1,3}\s")  # "24 Data from ...": a note's number, not a heading's
_MARKED_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\^?\d{1,3}$")
_OPENS = re.compile(r"^[A-Z\u00c0-\u00de\"\u201c'\u2018\u2022(\d#]")  # ("#1. Environmental Impact Report": a numbered step)
_FULL_STOP = re.compile(r"[.!?][\"'\u201d\u2019)]*$")
_PAGE_AT_EDGE = re.compile(r"^(\d{1,3})\s+\S|\S\s+(\d{1,3})$")
_LEADER_TAIL = re.compile(r"(?:\s*(?:\.\s?){2,}|\s*\u2026+|\s{2,}|\t)\s*\d{1,4}\s*$|\s+\d{1,4}\s*$")


@dataclass
class DumpLines:
    """What the lines of a text dump show, by ``(page index, line index)``."""

    headings: dict[tuple[int, int], int] = field(default_factory=dict)  # first line -> lines
    listed: set[tuple[int, int]] = field(default_factory=set)  # headings the contents list gives
    glued: dict[tuple[int, int], int] = field(default_factory=dict)  # line -> its heading's length
    running: set[tuple[int, int]] = field(default_factory=set)  # running heads and footers
    contents: set[tuple[int, int]] = field(default_factory=set)  # a contents list without leaders
    # a side heading whose lines the dump scattered among its text's lines: its first line ->
    # the title as printed; and each later line -> how many characters of it are the heading's
    side_titles: dict[tuple[int, int], str] = field(default_factory=dict)
    side_parts: dict[tuple[int, int], int] = field(default_factory=dict)


def read_dump(pages: list[RawPage]) -> DumpLines:
    """Headings, running heads and a leaderless contents list among a text dump's lines (for
    input without typography: a PDF's are found from its type and position)."""
    texts = [[L.clean_unit(ln.text) for ln in page.lines] for page in pages]
    lengths = sorted(len(t) for page in texts for t in page if t)
    if not lengths:
        return DumpLines()
    full = full_line_length(lengths)
    running = _running_lines(texts, [page.explicit for page in pages])
    contents = _contents_lines(texts)
    complete: set[str] = set()
    titles = _listed_titles(texts, contents, complete)
    running -= _first_listed_divisions(texts, running, titles)
    # a line of cells set apart by runs of spaces (a table's row, names beside their roles) is
    # no heading's: a title is never spaced out so
    cells = {(p, i) for p, page in enumerate(pages) for i, ln in enumerate(page.lines) if L.has_spaced_cells(ln.text)}
    recurring = _recurring_lines(texts, running)
    candidates: dict[tuple[int, int], tuple[int, bool, bool]] = {}
    for p, page in enumerate(texts):
        for i in range(len(page)):
            if (p, i) not in contents and (p, i) not in running:
                found = _block_at(page, i, full, titles, complete, recurring)
                if found and not any((p, i + j) in cells for j in range(found[0])):
                    candidates[(p, i)] = found
    headings: dict[tuple[int, int], int] = {}
    for _ in range(3):  # a heading directly above a subheading: accept the chain from its ends
        before = len(headings)
        for (p, i), (k, listed, strong) in candidates.items():
            if (p, i) in headings:
                continue
            page = texts[p]
            prev = page[i - 1] if i else ""
            # the line before ends its paragraph: a sentence's end, a running head, a heading;
            # or, above a heading its wording marks (numbered, listed, a matter word, capitals),
            # any line short of the full width (a paragraph's last line, a label)
            prev_ok = not prev or _ends_sentence(prev) or (p, i - 1) in running or _ends_block(headings, p, i - 1) \
                or strong and len(prev) <= SHORT_SHARE * full
            nxt = _text_from(page, i + k)  # (a blank line under a heading: the paragraph after it)
            after = page[nxt] if nxt < len(page) else ""
            # the line after opens a paragraph, or a subheading its wording marks (names and
            # roles printed one a line under each other are not a heading and its subheading)
            below = headings.get((p, nxt))
            # (a heading its wording marks may stand above one that only its shape marks:
            # "Overview" above a subheading in sentence case)
            next_ok = bool(after) and (_opens_paragraph(page, nxt, full)
                                       or below is not None and (candidates[(p, nxt)][2] or strong)) \
                or listed and (not after or (p, nxt) in running or bool(_OPENS.match(after))) \
                or _opens_page(page, p, i, running) and is_matter(" ".join(page[i:i + k]))
            if prev_ok and next_ok:
                headings[(p, i)] = k
        if len(headings) == before:
            break
    # a line inside a longer heading's block, after a line that cannot end a title ("... OF") or
    # in a block set in capitals, is part of that heading, not one of its own
    covered = {(p, i + k) for (p, i), n in headings.items() for k in range(1, n)
               if ends_open(texts[p][i + k - 1]) or is_all_caps(" ".join(texts[p][i:i + n]))}
    headings = {where: n for where, n in headings.items() if where not in covered}
    listed = {where for where in headings if candidates[where][1]}
    glued = _glued_headings(texts, full, titles, running, contents, headings)
    side_titles, side_parts = _scattered_side_headings(texts, complete, running, contents, headings, glued)
    taken = running | contents | set(headings) | set(glued) | set(side_parts) | set(side_titles)
    margin_titles, margin_parts = find_side_headings(texts, taken, running | contents)
    for where in margin_parts:
        headings.pop(where, None)  # a heading's line alone among its text's lines is the side heading's
        listed.discard(where)
    side_titles.update(margin_titles)
    side_parts.update(margin_parts)
    for where, title in side_titles.items():
        glued[where] = side_parts.pop(where)
    return DumpLines(headings, listed, glued, running, contents, side_titles=side_titles, side_parts=side_parts)


def _opens_page(page: list[str], p: int, i: int, running: set[tuple[int, int]]) -> bool:
    """Is line ``i`` the page's first, running heads and blank lines aside? A front or back
    matter title there ("About the authors", "References") heads the page whatever follows it
    (names one a line, a reference list)."""
    return all(not page[j] or (p, j) in running for j in range(i))


#: A side heading's lines lie among the next lines of text, this many at most after its last part.
SIDE_WINDOW = 12
_TOKEN = re.compile(r"\S+")


def _scattered_side_headings(texts: list[list[str]], titles: set[str], running: set[tuple[int, int]],
                             contents: set[tuple[int, int]], headings: dict[tuple[int, int], int],
                             glued: dict[tuple[int, int], int]
                             ) -> tuple[dict[tuple[int, int], str], dict[tuple[int, int], int]]:
    """Side headings of several lines, scattered among the lines of their text: set in the
    margin level with the text, a heading's first line comes out glued to the start of the
    text's first line, and each of its next lines glued to the start of a later line of text, or
    alone between two ("DOE's Budget DOE's budget authority ..." / "dropped from ..." /
    "Authority for" / "in fiscal year 2005 ..." / "Renewable, Fossil, authority peaked ...").
    Only a title the contents list gives is put together again: a line, after a paragraph's
    end, that opens with its first two words or more, then text opening with a capital; its next
    words open later lines, in order, each within a few lines of the last, to its end. Returns
    the title as printed by its first line, and for each of its lines how many characters are
    the heading's (the first line's included)."""
    by_words = sorted((t.split() for t in titles if len(t.split()) >= 3), key=len, reverse=True)
    side_titles: dict[tuple[int, int], str] = {}
    parts: dict[tuple[int, int], int] = {}
    for p, page in enumerate(texts):
        for i, text in enumerate(page):
            where = (p, i)
            if not text or where in running or where in contents or where in headings or where in glued \
                    or where in parts or L.is_toc_entry(text):
                continue
            prev = page[i - 1] if i else ""
            if prev and not (_ends_sentence(prev) or (p, i - 1) in running):
                continue
            tokens = [_norm(t) for t in _TOKEN.findall(text)]
            for words in by_words:
                m = 0
                while m < len(words) and m < len(tokens) and tokens[m] == words[m]:
                    m += 1
                if m < 2 or m == len(words) or m >= len(tokens) or not _TOKEN.findall(text)[m][:1].isupper():
                    continue
                found = _side_parts(page, p, i, words, m)
                if found is None:
                    continue
                pieces = {where: _prefix_chars(text, m), **found}
                side_titles[where] = " ".join(
                    page[j][:n] for (_, j), n in sorted(((k, v) for k, v in pieces.items()), key=lambda kv: kv[0][1]))
                parts.update(pieces)
                break
    return side_titles, parts


def _side_parts(page: list[str], p: int, i: int, words: list[str], m: int) -> dict[tuple[int, int], int] | None:
    """Where the title's words after its first ``m`` open the lines after line ``i``: line ->
    characters of it that are the heading's; None unless every word is found so, in order."""
    found: dict[tuple[int, int], int] = {}
    j, last = i + 1, i
    while m < len(words):
        if j >= len(page) or j - last > SIDE_WINDOW or not page[j]:
            return None
        tokens = [_norm(t) for t in _TOKEN.findall(page[j])]
        k = 0
        while m + k < len(words) and k < len(tokens) and tokens[k] == words[m + k]:
            k += 1
        if k and (k == len(tokens) or m + k == len(words) or k >= 2):
            found[(p, j)] = _prefix_chars(page[j], k)
            m += k
            last = j
        j += 1
    return found


def _prefix_chars(text: str, n: int) -> int:
    """How many characters the first ``n`` words of ``text`` take."""
    spans = [mt.end() for mt in _TOKEN.finditer(text)]
    return spans[n - 1] if n else 0


def _glued_headings(texts: list[list[str]], full: int, titles: set[str], running: set[tuple[int, int]],
                    contents: set[tuple[int, int]], headings: dict[tuple[int, int], int]) -> dict[tuple[int, int], int]:
    """Side headings glued to the text beside them: a heading set in the margin, level with the
    first line of its paragraph, comes out of a dump at that line's start ("Results in Brief
    Despite growing dependence ..."). A line that opens with a title the contents list gives, or
    with a front or back matter word, followed by a sentence's start (a capital, five words or
    more), after a line that ends a paragraph (a sentence's end, a running head; not a heading),
    holds one: ``(page, line) -> its length``."""
    by_length = sorted((t for t in titles if len(t) >= 4), key=len, reverse=True)
    glued: dict[tuple[int, int], int] = {}
    for p, page in enumerate(texts):
        for i, text in enumerate(page):
            if not text or (p, i) in running or (p, i) in contents or (p, i) in headings or L.is_toc_entry(text):
                continue
            prev = page[i - 1] if i else ""
            if prev and not (_ends_sentence(prev) or (p, i - 1) in running) or _ends_block(headings, p, i - 1):
                continue  # a paragraph's end before it (a heading's own first line repeats its title)
            low = text.lower()
            end = next((len(t) for t in by_length if low.startswith(t + " ")), None)
            if end is None:
                end = leading_matter(text)
            if end is None:
                continue
            rest = text[end + 1:]
            if rest[:1].isupper() and len(rest.split()) >= 5 and not _reads_as_heading(rest):
                glued[(p, i)] = end
    return glued


def _block_at(page: list[str], i: int, full: int, titles: set[str], complete: set[str] = frozenset(),
              recurring: set[str] = frozenset()) -> tuple[int, bool, bool] | None:
    """How many lines from ``i`` read as one heading, whether the contents list it, and whether
    its wording marks it (listed, numbered, a matter word, capitals); None if no heading starts
    there. A heading does not run on into the next line where its lines so far are a whole
    title of the contents list (``complete``) or the next line is one the report prints alone
    again and again (``recurring``: "Location and scope" under each of several headings): that
    line is a subheading under it."""
    first = page[i]
    if not first or not _OPENS.match(without_ellipsis(first)) or _BARE_NUMBER.match(first) or L.is_list_item(first):
        return None
    chained = None  # a one-line heading right above another heading
    # a title after a numbered label ("Pathway 2: Building human assets ... and") may run as
    # wide as the text: its label marks it
    width = full if LABELLED.match(first) else SHORT_SHARE * full
    for k in range(1, MAX_LINES + 1):
        block = page[i:i + k]
        if len(block) < k or not all(block) or any(len(t) > width for t in block):
            break
        if k > 1 and (not_a_heading(block[-1]) or _ends_sentence(block[-2])
                      or len(block[-1]) > len(block[-2]) and not ends_open(block[-2])):
            break  # a title wraps where its line is full: its first line is the longer one
        if k > 1 and not ends_open(block[-2]) and (_norm(" ".join(block[:-1])) in complete or _norm(block[-1]) in recurring):
            break
        if k > 2 and not (is_all_caps(" ".join(block)) or match_heading(" ".join(block))):
            break  # three lines: a long title its wording marks (numbered, in capitals)
        if ends_open(block[-1]):
            continue  # "... AND MODERNIZATION OF": the title goes on, on the next line
        text = " ".join(block)
        listed = _listed(text, titles) and _heading_words(text)
        if not (listed or _reads_as_heading(text)):
            continue
        nxt = page[i + k] if i + k < len(page) else ""
        strong = listed or bool(match_heading(text)) or is_all_caps(text) or carries_on(text)
        if not nxt or _opens_paragraph(page, i + k, full):
            return k, listed, strong
        if chained is None and (_reads_as_heading(nxt) or strong and _plain_block(page, i + k, full)):
            chained = (k, listed, strong)
    # the second line may be the title's end rather than a subheading: taken as a heading of
    # its own only where the two do not read as one title above a paragraph
    if chained is None:
        k = _plain_block(page, i, full)
        if k:
            return k, False, False
    return chained


#: A heading in sentence case, which only its shape marks, is at most this many lines and words.
PLAIN_LINES = 2
PLAIN_WORDS = 20
_INNER_STOP = re.compile(r"[a-z\d)][.!?;]\s+[A-Z]")


def _plain_block(page: list[str], i: int, full: int) -> int:
    """How many lines from ``i`` make a heading set in sentence case ("Risks stemming from rapid
    credit growth and natural / resource degradation could affect economic sustainability"),
    which neither capitals nor a number mark: one or two lines, each short of the full width,
    with no sentence's end in them or at their end, opening with a
    capital, directly above a paragraph's first line (a full line, a capital first); 0 if none.
    (The line before it must end a paragraph too: :func:`read_dump` sees to that.)"""
    first = page[i] if i < len(page) else ""
    if not first or not first[:1].isupper() or L.is_list_item(first) or _BARE_NUMBER.match(first):
        return 0
    for k in range(1, PLAIN_LINES + 1):
        block = page[i:i + k]
        # (set larger than the text, a line of the heading holds fewer characters than a full
        # line of text, but may come closer to it than a title-case heading's short line)
        if len(block) < k or not all(block) or any(len(t) >= FULL_SHARE * full for t in block):
            return 0
        if k > 1 and (_ends_sentence(block[-2]) or block[-1][:1].isdigit()):
            return 0
        text = " ".join(block)
        if len(text.split()) > PLAIN_WORDS or _INNER_STOP.search(text) or not _heading_words(text, PLAIN_WORDS):
            continue
        nxt = _text_from(page, i + k)
        after = page[nxt] if nxt < len(page) else ""
        # the paragraph under it runs the full width: a heading is much shorter than its lines
        if after and _opens_paragraph(page, nxt, full) and len(after) >= FULL_SHARE * full \
                and len(block[-1]) <= FULL_SHARE * len(after):
            return k
    return 0


def _heading_words(text: str, max_words: int = MAX_WORDS) -> bool:
    """Not a sentence, caption, date, figures or contents entry; not too long (a title in
    capitals or after a numbered label may be longer: "STRATEGIC GOAL 2: LEAD THE ...")."""
    t = without_ellipsis(text)
    if max_words == MAX_WORDS and (is_all_caps(t) or LABELLED.match(t)):
        max_words = MAX_HEADING_WORDS
    if not t or len(t.split()) > max_words or not_a_heading(t) or L.is_toc_entry(t) or t.count("(") > t.count(")"):
        return False  # (a bracket left open: a sentence broken at the line's end, "... of 2010 (often")
    return not t.endswith((".", ";", ",", "!", "-")) and not (t.endswith(":") and not match_heading(t))


def _reads_as_heading(text: str) -> bool:
    """Worded as a heading: numbered, a matter word, title case or capitals; not a sentence."""
    if not _heading_words(text):
        return False
    return bool(match_heading(text)) or title_like(text, strict=True) or is_all_caps(text)


def _recurring_lines(texts: list[list[str]], running: set[tuple[int, int]]) -> set[str]:
    """Short lines (two to six words, a capital first, worded as a heading; not running heads)
    that the report prints under three different lines or more: a subheading that recurs under
    several headings, not a chart's labels ("1978") or a long title's last line printed again
    over each page of a table it heads (under the same first line, or doubled)."""
    above: dict[str, set[str]] = {}
    for p, page in enumerate(texts):
        for i, text in enumerate(page):
            if (p, i) not in running and 2 <= len(text.split()) <= 6 and text[:1].isupper() and _heading_words(text):
                key, before = _norm(text), _norm(page[i - 1]) if i else ""
                if before != key and (i + 1 >= len(page) or _norm(page[i + 1]) != key):
                    above.setdefault(key, set()).add(before)
    return {t for t, before in above.items() if len(before) >= 3}


def _listed(text: str, titles: set[str]) -> bool:
    """Is the text a title of the contents list (or the start of one, or one starts it: the
    list and the body may break a long title at different words)?"""
    t = _norm(text)
    if t in titles:
        return True
    return any(len(title.split()) >= 3 and (t.startswith(title) or len(t.split()) >= 3 and title.startswith(t))
               for title in titles)


def _listed_titles(texts: list[list[str]], contents: set[tuple[int, int]], complete: set[str] | None = None) -> set[str]:
    """The titles a contents list gives, without page numbers and leaders: from its entries
    with leaders ("Introduction ....... 1") anywhere in the first third of the dump, and from
    a leaderless list (:func:`_contents_lines`); a title wrapped over lines both as a whole and
    line by line. ``complete``: filled with the whole titles only (an entry's own line, or its
    lines joined up to the one with the page number)."""
    titles: set[str] = set()
    complete = set() if complete is None else complete
    total = sum(1 for page in texts for t in page if t)
    seen = 0
    pending: list[str] = []  # a long entry's lines before the one that ends with its page number
    for p, page in enumerate(texts):
        for i, text in enumerate(page):
            if not text:
                pending = []
                continue
            seen += 1
            entry = (p, i) in contents and not is_contents_title(text) or seen <= max(60, total // 3) and L.is_toc_entry(text)
            if not entry:
                pending = []
                continue
            title = _norm(_LEADER_TAIL.sub("", re.sub(r"^\d{1,3}\s+", "", text)))
            if sum(c.isalpha() for c in title) >= 4:
                titles.add(title)
            # an entry wrapped over lines: the lines up to the one with the page number are one title
            if _PAGE_AT_EDGE.search(text) and not _PAGE_AT_EDGE.match(text) or L.is_toc_entry(text):
                whole = _norm(" ".join([*pending, title]))
                titles.add(whole)
                complete.add(whole)
                pending = []
            elif (p, i) in contents:
                pending.append(title)
    return titles


def _norm(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .:")


def _contents_lines(texts: list[list[str]]) -> set[tuple[int, int]]:
    """The lines of a contents list that no leader dots mark: a contents title ("Contents",
    "Index") alone on a line in the first third of the dump, and the lines after it up to the
    next blank line or sentence of running text, when at least three of them carry a page
    number at either end ("6 The different eras of industrial", "Introduction 5") and the
    numbers go up (but for a stray one); the list ends with its last numbered line."""
    total = sum(1 for page in texts for t in page if t)
    seen = 0
    for p, page in enumerate(texts):
        for i, text in enumerate(page):
            if not text:
                continue
            seen += 1
            if seen > max(60, total // 3):
                return set()
            if not is_contents_title(text):
                continue
            # the list runs to the next blank line or sentence of running text (a page's
            # copyright notice under it), and ends with its last numbered entry
            end = next((j for j in range(i + 1, len(page))
                        if not page[j] or _FULL_STOP.search(page[j]) and len(page[j].split()) >= 8), len(page))
            numbered = [(j, int(m.group(1) or m.group(2))) for j in range(i + 1, end)
                        if (m := _PAGE_AT_EDGE.search(page[j]))]
            numbers = [n for _, n in numbered]
            descents = sum(1 for a, b in zip(numbers, numbers[1:]) if b < a)
            if len(numbers) >= 3 and descents * 4 <= len(numbers):
                return {(p, j) for j in range(i, numbered[-1][0] + 1)}
    return set()


#: The width, in characters, of the window that holds most of a text's full lines ...
FULL_WINDOW = 15
#: ... at least this share of the longer half of its lines, where the dump wraps its lines
FULL_SHARE_OF_LONGER = 0.5


def full_line_length(lengths: list[int]) -> int:
    """The length of a full line of the text (``lengths``: its lines', sorted): the upper end
    (90th percentile) of the longer half's densest stretch of :data:`FULL_WINDOW` characters,
    where the lines of a paragraph's body cluster. Lines set smaller (notes) and lines a dump
    did not wrap run longer, and a plain upper percentile of every line would take theirs. A
    dump that writes a paragraph a line has no such stretch: its 90th percentile, then."""
    longer = lengths[len(lengths) // 2:]
    best, lo = (0, 0), 0
    for hi, n in enumerate(longer):
        while n - longer[lo] >= FULL_WINDOW:
            lo += 1
        best = max(best, (hi - lo + 1, -lo))
    if best[0] < FULL_SHARE_OF_LONGER * len(longer):
        return lengths[int(0.9 * (len(lengths) - 1))]  # lines not wrapped at one width: a paragraph a line
    start = -best[1]
    dense = longer[start:start + best[0]]
    return dense[int(0.9 * (len(dense) - 1))]


def _text_from(page: list[str], j: int) -> int:
    """The first line of text at or after line ``j``: a dump that keeps the page's vertical
    space (``pdftotext -layout``) sets blank lines between a heading and its paragraph."""
    while j < len(page) and not page[j]:
        j += 1
    return j


def _ends_sentence(text: str) -> bool:
    """A sentence's end, a note's number glued after it or not ("... top supplier.22")."""
    return L.ends_sentence(text) or bool(_MARKED_END.search(text))


def _ends_block(headings: dict[tuple[int, int], int], p: int, i: int) -> bool:
    return any(headings.get((p, i - k + 1)) == k for k in range(1, MAX_LINES + 1))


def _opens_paragraph(page: list[str], j: int, full: int) -> bool:
    """Does line ``j`` open a paragraph: a capital (or figure, quote, bullet) first, and a full
    line or a whole sentence? A full line runs as wide as the document's lines (``full``) or,
    where the lines after it are long ones, as they do (the paragraph it opens: notes set
    smaller make the widest lines of a dump wider than its body's)."""
    text = page[j] if j < len(page) else ""
    if not text or not _OPENS.match(text):
        return False
    words = text.split()
    if _ends_sentence(text) and len(words) >= 4:
        return True
    after = [len(t) for t in page[j + 1:j + 4] if t]
    width = min(full, max(after)) if after and max(after) >= SHORT_SHARE * full else full
    return len(text) >= FULL_SHARE * width and len(words) >= 5


def _running_lines(texts: list[list[str]], explicit: list[bool]) -> set[tuple[int, int]]:
    """Running heads and footers: the lines among the first and last two of a page whose shape
    (digits folded) recurs there on three pages or more. Where the dump does not mark its
    pages, a run of lines between blank lines stands for a page (a dump joins its pages with a
    blank line); where it does (form feeds), a blank line is the page's vertical space. Facing
    pages may print the head's parts in mirrored order (:func:`_running_shape`)."""
    edges: list[list[tuple[int, int]]] = []
    for p, page in enumerate(texts):
        chunks: list[list[int]] = [[]]
        for i, t in enumerate(page):
            if t:
                chunks[-1].append(i)
            elif chunks[-1] and not explicit[p]:
                chunks.append([])
        edges.extend([(p, i) for i in dict.fromkeys(lines[:2] + lines[-2:])] for lines in chunks if lines)
    pages_of: dict[str, set[int]] = {}
    for c, chunk in enumerate(edges):
        for p, i in chunk:
            pages_of.setdefault(_running_shape(texts[p][i]), set()).add(c)
    recurring = {shape for shape, seen in pages_of.items() if len(seen) >= 3}
    return {(p, i) for chunk in edges if len(chunk) > 1 for p, i in chunk if _running_shape(texts[p][i]) in recurring}


def _first_listed_divisions(texts: list[list[str]], running: set[tuple[int, int]], titles: set[str]
                            ) -> set[tuple[int, int]]:
    """The first copy of each running line that is a numbered division the contents list gives
    ("Appendix II: Scope and Methodology", printed again atop the appendix's later pages): the
    division's heading, on the page it opens."""
    first: dict[str, tuple[int, int]] = {}
    for p, i in sorted(running):
        first.setdefault(_running_shape(texts[p][i]), (p, i))
    found: set[tuple[int, int]] = set()
    for p, i in first.values():
        if (m := match_heading(texts[p][i])) is not None and m.scheme == "division" \
                and _listed(texts[p][i].replace(":", ""), titles):
            found.add((p, i))
            while (p, i + 1) in running:  # (the title's next lines, printed again under it)
                i += 1
                found.add((p, i))
    return found


def _running_shape(text: str) -> str:
    """A running line's shape, digits folded and its words in any order: facing pages print
    the same head mirrored ("December 2021 Common Budgetary Terms" on the left-hand page,
    "Common Budgetary Terms December 2021" on the right)."""
    return " ".join(sorted(L.shape_key(text).split()))
