"""Page zones of a text dump, read from the text alone: page furniture, the footnote block, charts.

A PDF backend sees where a line sits and how large it is set (:mod:`extractor.ingest.pdf_zones`);
a text dump has only its lines. What stays of the page is their order: running heads and page
numbers are a page's first and last lines, notes follow the body at the page foot, numbered and
pointed to by markers glued into the body above them. Each page of a dump (a form feed, or the
blank line a pdfplumber dump puts between pages, see :func:`pages_from_blank_lines`) becomes
lines flagged as a PDF page's are:

- ``is_header``: a page's outer lines (its first and last few) whose shape, digits folded,
  recurs at the same edge of several pages, or that are nothing but a page number ("- 3 -",
  "Page10", "iv", "6 OVERVIEW 7");
- ``is_note``: the footnote block, a run of lines at the page foot that opens with a numbered
  line ("12 United Nations ...", "2All historical ...", "1/ For a description ...", "4 - In
  2014 ...", or the number alone with the note on the next line) whose numbers go up by one and
  whose markers stand in the body above (``"rate1"``, ``"2019,16"``); each note's first line is
  written with a caret marker (``^12 United Nations ...``), as the PDF backend writes them, so
  that layout repair reads every note the same way;
- ``is_table``: the text of a chart or a table set between body lines: axis ticks, data labels
  and legends, rows of figures, numbers side by side, labels and their values (see
  :func:`line_class` and :func:`find_charts`), and the cells of a table's row set at the end of
  a line of running text (a table beside the text, see :func:`split_row_tail`). Chart and
  table lines that cut a sentence of the body are set after the line that ends it, so that the
  sentence joins again.

The thresholds are named in :class:`TextZoneSettings`; the words that open a caption or a source
line come from the ``layout`` lexicon.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from extractor.line_shapes import is_toc_entry
from extractor.note_markers import find_body_markers
from extractor.model import RawLine
from extractor.registry import lexicon


@dataclass(frozen=True)
class TextZoneSettings:
    """Every threshold the zoning of a text dump uses, in one place."""

    #: a dump whose blank-line-separated chunks hold at least this many lines (median) is a dump
    #: of pages joined by a blank line, as pdfplumber's text of each page joined by users is; a
    #: dump of paragraphs has chunks of one to a few lines
    page_chunk_lines: int = 12
    #: lines at a page's top and at its foot that may be running heads, footers or page numbers
    edge_lines: int = 3
    #: a shape (digits folded) is a running head when it recurs at the same edge of this many
    #: pages (of all pages, when the document has fewer)
    running_head_pages: int = 3
    #: a note block holds at most this many lines per note it numbers (a long note runs to ten
    #: lines or so; more means body text was taken in)
    note_lines_per_note: int = 14
    #: lines of the previous page's body searched for the markers of notes printed a page late
    previous_page_lines: int = 12
    #: a line that opens with a number, as a note does, is a running head only where its shape
    #: recurs on this share of the pages ("12 Back to index"); a note printed again on a few pages
    #: recurs less
    note_like_head_share: float = 0.25
    #: a run of chart or table lines is a chart when it holds this many lines of figures (one,
    #: with a caption or a source line to bound it)
    chart_figure_lines: int = 2
    #: a run of this many short lines one under another, each a label and a figure ("Wafers 367
    #: GW"), is a chart's data labels or a table's column, never running text
    labelled_figure_lines: int = 3
    #: lines above a chart's first line of figures searched for its caption
    caption_lines_above: int = 6
    #: most lines of a figure's title printed above its bare label ("Figure 1")
    title_lines_above: int = 2
    #: most lines a source or note paragraph under a chart runs to
    source_lines: int = 12
    #: most lines of a note that the page before broke off, printed above the page's first note
    continued_note_lines: int = 4
    #: a source or note paragraph, set smaller than the body, has lines longer than this share
    #: of the upper quartile of the body's line lengths
    long_line_ratio: float = 1.05
    #: a line of running text that goes on past its end fills the column: a line of a few words
    #: (``short_line_words`` at most) shorter than this share of the upper quartile of the body's
    #: line lengths that ends no sentence is a label, a heading or a table's cell
    short_line_ratio: float = 0.5
    short_line_words: int = 6
    #: a run of this many numbers side by side ("4.62 4.33 4.70 4.88"), with no word, comma or
    #: "and" between them, is a table's row or a chart's ticks, never running text
    row_numbers: int = 3
    #: a row with this many numbers side by side is a table's on its own, between body lines
    lone_row_numbers: int = 4
    #: running text before a table's row on one line ("... access to piped natural gas Cell
    #: phone 99 99 99 99") runs to this many characters at least; a row's label is shorter
    prose_before_row: int = 45
    #: a caption and the source or note line under it bound a figure or a table, whatever is
    #: between them, when they are at most this many lines apart and at most this share of the
    #: lines between reads as running text (a panel's subtitle)
    caption_source_lines: int = 60
    caption_source_prose: float = 0.34


SETTINGS = TextZoneSettings()

# ---------------------------------------------------------------------------------------------
# Pages


def pages_from_blank_lines(lines: list[str], settings: TextZoneSettings = SETTINGS) -> list[list[str]] | None:
    """The pages of a dump that joins pages by a blank line and has none inside a page, or None.

    Such a dump (pdfplumber's ``extract_text()`` of each page, joined by a blank line) has chunks
    of page length between blank lines; a dump of paragraphs has chunks of a few lines. A page
    with no text leaves two blank lines more (its empty text between two separators), so a run of
    ``k`` blank lines stands for ``(k + 1) // 2`` page breaks.
    """
    chunks: list[list[str]] = [[]]
    breaks: list[int] = []  # page breaks before each chunk after the first
    blank = 0
    leading = 0  # pages with no text before the first
    for line in lines:
        if line.strip():
            if blank and chunks[-1]:
                breaks.append((blank + 1) // 2)
                chunks.append([])
            elif blank:
                leading = (blank + 1) // 2
            blank = 0
            chunks[-1].append(line)
        else:
            blank += 1
    chunks = [c for c in chunks if c]
    if len(chunks) < 2:
        return None
    sizes = sorted(len(c) for c in chunks)
    if sizes[len(sizes) // 2] < settings.page_chunk_lines:
        return None
    pages: list[list[str]] = [[] for _ in range(leading)] + [chunks[0]]
    for chunk, n in zip(chunks[1:], breaks):
        pages.extend([] for _ in range(n - 1))  # pages with no text
        pages.append(chunk)
    return pages


# ---------------------------------------------------------------------------------------------
# Running heads, footers and page numbers

_ROMAN = re.compile(r"^(?=[ivxlcdm])m{0,3}(?:c[md]|d?c{0,3})(?:x[cl]|l?x{0,3})(?:i[xv]|v?i{0,3})$")
# a page number as printed alone: "7", "- 7 -", "Page 7", "Page7", "page 7 of 12", "7/17", "iv"
# (roman page numbers of front matter run to a few dozen: i, v and x only)
_PAGE_NUMBER = re.compile(
    r"^[\s\-\u2013\u2014\[\(|]*(?:page\s*)?(?:\d{1,4}|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))(?:\s*(?:of|/)\s*\d{1,4})?"
    r"[\s\-\u2013\u2014\]\)|]*$",
    re.IGNORECASE,
)


def shape_key(text: str) -> str:
    """A line's shape: lower case, numbers (digits or roman) folded, spaces collapsed."""
    words = re.sub(r"\d+", "#", text.lower()).split()
    return " ".join("#" if _ROMAN.match(w) else w for w in words)


def is_page_number(text: str) -> bool:
    """A line that is nothing but page numbers: "7", "- 7 -", "Page10", "iv", "6 7" (a spread)."""
    t = text.strip()
    if _PAGE_NUMBER.match(t):
        return bool(t)
    words = t.split()
    return 1 < len(words) <= 2 and all(_PAGE_NUMBER.match(w) for w in words)


def mark_furniture(pages: list[list[str]], notes_from: list[int | None] | None = None,
                   settings: TextZoneSettings = SETTINGS, printed: list[int] | None = None) -> list[set[int]]:
    """The indices of each page's running heads, footers and page numbers.

    A page's first and last lines (``edge_lines`` of each) are candidates, taken from the edge
    inwards while each is furniture: its shape recurs at the same edge of ``running_head_pages``
    pages, or it is a page number. A footer with a page counter ("10 International Monetary Fund
    | October 2025") whose shape so recurs is furniture wherever it stands on a page (a chart's
    text may follow it). A line that opens with a number as a note does ("12 Back to index",
    "6 OVERVIEW 7", but also "62 Requirement 1.2.1.1.", a note printed again on several pages)
    is a running head only where it recurs on ``note_like_head_share`` of the pages and stands
    outside the page's note block, or keeps in step with the pages (a page counter: "4
    International Monetary Fund" on the fourth page, "10 ..." on the tenth): ``notes_from`` gives
    where each page's block starts (None: no block found; without ``notes_from`` such lines are
    never running heads). Where ``printed`` gives each page's printed number, a line that is
    that number alone is furniture wherever it stands (inside a chart's text, say).
    """
    nonblank = [[i for i, s in enumerate(p) if s.strip()] for p in pages]
    seen: Counter[tuple[str, str]] = Counter()
    # (shape, the leading number less the page's index): a page counter keeps one difference
    counters: Counter[tuple[str, int]] = Counter()
    for k, (page, idx) in enumerate(zip(pages, nonblank)):
        top, bottom = idx[:settings.edge_lines], idx[-settings.edge_lines:]
        shapes = {("top", shape_key(page[i])) for i in top} | {("bottom", shape_key(page[i])) for i in bottom}
        seen.update(shapes)
        counters.update({(shape_key(page[i]), _leading_number(page[i]) - k) for i in top + bottom
                         if _leading_number(page[i]) >= 0})
    with_text = sum(1 for p in nonblank if p)
    need = max(2, min(settings.running_head_pages, with_text))
    need_note_like = max(need, settings.note_like_head_share * with_text)

    def recurs(page: list[str], k: int, i: int, edges: tuple[str, ...]) -> bool:
        shape = shape_key(page[i])
        count = max(seen[(edge, shape)] for edge in edges)
        if note_start(page, i) is None:
            return count >= need
        start = notes_from[k] if notes_from is not None else -1
        outside = start is None or start is not None and 0 <= i < start
        counter = counters[(shape, _leading_number(page[i]) - k)] >= need_note_like
        return (outside or counter) and count >= need_note_like

    out: list[set[int]] = []
    for k, (page, idx) in enumerate(zip(pages, nonblank)):
        found: set[int] = set()
        for edge, order in (("top", idx[:settings.edge_lines]), ("bottom", idx[::-1][:settings.edge_lines])):
            for i in order:
                if i in found or not (is_page_number(page[i]) or recurs(page, k, i, (edge,))):
                    break
                found.add(i)
        for i in idx:
            shape = shape_key(page[i])
            if i not in found and "#" in shape and _WORD.search(shape) and recurs(page, k, i, ("top", "bottom")):
                found.add(i)
            elif printed is not None and page[i].strip() == str(printed[k]):
                found.add(i)
        out.append(found)
    return out


def printed_numbers(pages: list[list[str]], furniture: list[set[int]], settings: TextZoneSettings = SETTINGS,
                    ) -> list[int] | None:
    """Each page's printed number, where the furniture found says how printed numbers follow
    the pages (the same difference between a number in the furniture and the page's index on
    ``running_head_pages`` pages and on half the pages with furniture at least); else None."""
    differences: Counter[int] = Counter()
    for k, (page, skip) in enumerate(zip(pages, furniture)):
        differences.update({int(n) - k for i in skip for n in re.findall(r"(?<![\d-])\d{1,4}(?![\d-])", page[i])})
    if not differences:
        return None
    offset, count = differences.most_common(1)[0]
    with_furniture = sum(1 for skip in furniture if skip)
    if count < max(settings.running_head_pages, with_furniture / 2):
        return None
    return [k + offset for k in range(len(pages))]


def split_stuck_page_numbers(pages: list[list[str]], furniture: list[set[int]], printed: list[int],
                             ) -> list[list[str]]:
    """The pages with a page number that the dump glued to the end of a page's last line ("...
    in 2021. 7", a note's last line and the number beside it on one baseline) set on a line of
    its own, on the pages whose furniture does not hold their printed number already."""
    out: list[list[str]] = []
    for page, skip, number in zip(pages, furniture, printed):
        idx = [i for i, s in enumerate(page) if s.strip() and i not in skip]
        if not idx or any(re.search(rf"(?<![\d-]){number}(?![\d-])", page[i]) for i in skip):
            out.append(page)
            continue
        last = idx[-1]
        m = re.match(rf"^(.*\S)\s+{number}$", page[last].strip())
        out.append(page[:last] + [m.group(1), str(number)] + page[last + 1:] if m else page)
    return out


def _leading_number(text: str) -> int:
    """The number a line opens with, or -1."""
    m = re.match(r"\s*(\d{1,4})\b", text)
    return int(m.group(1)) if m else -1


# ---------------------------------------------------------------------------------------------
# The footnote block at the page foot


@dataclass(frozen=True)
class NoteStart:
    """A line that may open a note: its number, the note's first words and how it is set."""

    index: int  # of the line in the page
    number: int
    text: str
    style: str  # "space", "point" ("4." "4)"), "slash" ("4/"), "dash" ("4 - "), "glued", "alone"
    column: int = 0  # where in the line the note opens: > 0 for a note of a page's second column


_NOTE_STARTS = (
    ("dash", re.compile(r"^(\d{1,3})\s+[-\u2013\u2014]\s+(\S.*)$")),
    ("slash", re.compile(r"^-?(\d{1,3})/\s*(\S.*)$")),
    ("point", re.compile(r"^(\d{1,3})[.)]\s+(\S.*)$")),
    ("space", re.compile(r"^(\d{1,3})\s+(\S.*)$")),
    # "2All historical ...", "11See discussion ...", "12ArticleV": a capital or an opening quote
    ("glued", re.compile(r"^(\d{1,3})([A-Z\u00c0-\u00de\"\u201c\u2018(\[].*)$")),
    ("alone", re.compile(r"^(\d{1,3})[.)]?$")),
)


_WORD = re.compile(r"[^\W\d_]")  # a letter, in any script
# a note of a page's second column, opening inside a line where the dump joined the columns'
# lines: its number glued to a capitalised word after the first column's text ("... leading to
# pass-through 7After a brief period of outflows"); only this glued shape, which running text
# does not take
_SECOND_COLUMN_NOTE = re.compile(r"(?<=\S\s)(\d{1,3})([A-Z\u00c0-\u00de][a-z\u00df-\u00ff]+\b.*)$")


def second_column_note_start(lines: list[str], i: int) -> NoteStart | None:
    """Does a note of the page's second column open inside line ``i`` (see
    :data:`_SECOND_COLUMN_NOTE`)? Its words must read as text, not figures."""
    line = lines[i].rstrip()
    m = _SECOND_COLUMN_NOTE.search(line)
    if not m or int(m.group(1)) == 0:
        return None
    _, figures, words, _ = _tokens(m.group(2))
    if figures > words:
        return None
    return NoteStart(i, int(m.group(1)), m.group(2).strip(), "glued", m.start(1))


def note_start(lines: list[str], i: int) -> NoteStart | None:
    """Does line ``i`` open a note? The number must not run into a larger one ("2019 ..."), the
    text must hold a word and not be mostly figures (a chart's or a table's row opens no note),
    and not open in lower case unless with a web address (a wrapped line "4 percentage points."
    goes on a sentence)."""
    line = lines[i].strip()
    if is_toc_entry(line):
        return None  # "1 Introduction ........ 1"
    for style, pattern in _NOTE_STARTS:
        m = pattern.match(line)
        if not m:
            continue
        number = int(m.group(1))
        if style == "alone":
            nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
            if not nxt or nxt[:1].isdigit() or not _WORD.search(nxt):
                return None
            return NoteStart(i, number, nxt, style)
        text = m.group(2).strip()
        if not _WORD.search(text) or number == 0 or text[:1].islower() and not _URLISH.match(text):
            return None  # a note opens with a capital, a quote, a figure or a web address
        _, figures, words, _ = _tokens(text)
        if figures >= 3 and figures > 2 * words:
            return None  # a table's numbered row ("8 Total 13 189 6126 3359 ...")
        return NoteStart(i, number, text, style)
    return None


def _note_above(chain: list[NoteStart], starts: list[NoteStart], consumed: set[int]) -> NoteStart | None:
    """The note numbered one less than the chain's first, nearest above the chain's notes of its
    own column (a page's second column's notes, opening inside the lines, or the notes at the
    lines' start): the dump joins the columns' lines, so a column's notes go down the page in
    order, but a second column's note may stand beside or above the first column's."""
    number = chain[0].number - 1
    for s in reversed(starts):
        own = [c.index for c in chain if bool(c.column) == bool(s.column)]
        if s.number == number and s.index not in consumed and (not own or s.index < min(own)):
            return s
    return None


@dataclass(frozen=True)
class NoteBlock:
    start: int  # first line of the block (its first note's line)
    notes: tuple[NoteStart, ...]


def find_note_block(lines: list[str], skip: set[int], before: str, after: int = 0, style: str = "",
                    settings: TextZoneSettings = SETTINGS) -> NoteBlock | None:
    """The footnote block at the foot of a page, or None.

    ``lines`` are the page's lines, ``skip`` the indices of its furniture, ``before`` the end of
    the previous page's body (where the marker of a note printed a page late stands), ``after``
    the number of the last note of the pages before, ``style`` how they were set.

    The block is a chain of note lines numbered up by one that reaches the page foot; lines
    between them continue the note above. It is read from the foot up: the last note line, then
    the one numbered one less above it, and so on. A line so numbered is taken into the block
    only when its marker stands in the body above it (glued to a word or a number, as
    :func:`~extractor.note_markers.find_body_markers` reads markers, or set apart after a
    punctuation mark: "electricity. 29 Both"), or when it is set like the notes already taken
    and the block has evidence of its own; a block with no marker found in the body at all is
    no block (a numbered list at a page foot), unless it goes on from the last note of the pages
    before, set as those were (its marker lost in the dump: "in 2030 33."). Notes are numbered
    through the document or restart at 1: a block opens with note 1 or with a number above
    ``after``.
    """
    idx = [i for i, s in enumerate(lines) if s.strip() and i not in skip]
    if not idx:
        return None
    starts = [s for s in (note_start(lines, i) for i in idx) if s is not None]
    if not starts:
        return None
    # a page set in two columns: its second column's notes open inside the joined lines
    starts = sorted(starts + [s for s in (second_column_note_start(lines, i) for i in idx) if s is not None],
                    key=lambda s: (s.index, s.column))
    consumed = {s.index + 1 for s in starts if s.style == "alone"}
    # the foot's last numbered line may be a note's wrapped line that opens with a figure, and on
    # a page set in two columns the foot's last note may be the first column's: the chains that
    # end at each of the last few numbered lines are tried, from the foot up, as long as what
    # follows the chain's last note is no longer than a note; the first found stands, unless a
    # chain tried later holds its notes and more, or goes on with the next numbers (the notes of
    # a page's two columns, or of a spread's two pages, each in order down the page)
    found: NoteBlock | None = None
    for last in starts[::-1][:3]:
        if sum(1 for i in idx if i > last.index) > settings.note_lines_per_note:
            break
        chain = [last]
        while s := _note_above(chain, starts, consumed):
            chain.insert(0, s)
        if chain[0].number != 1:  # numbered through the document: the notes after the last one
            chain = [s for s in chain if s.number > after]
        block = _trim(chain, lines, idx, skip, before, after, style, settings) if chain else None
        if block and (found is None or set(found.notes) < set(block.notes)):
            found = block
        elif block and found and _numbered_on(found, block):
            found = NoteBlock(min(found.start, block.start), tuple(sorted({*found.notes, *block.notes},
                                                                           key=lambda s: s.number)))
    return found


def _numbered_on(block: NoteBlock, other: NoteBlock) -> bool:
    """Do two blocks' notes, found on one page, together number on by one, each number once?"""
    numbers = sorted(s.number for s in (*block.notes, *other.notes))
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _trim(chain: list[NoteStart], lines: list[str], idx: list[int], skip: set[int], before: str, after: int,
          style: str, settings: TextZoneSettings) -> NoteBlock | None:
    """The chain cut from the top to what the body's markers support (see :func:`find_note_block`)."""
    starts = {s.index for s in chain if not s.column}

    def marked(s: NoteStart) -> bool:
        above = " ".join([before] + [lines[j].strip() for j in idx if j < s.index and j not in starts])
        number = str(s.number)
        return (number in {f.marker for f in find_body_markers(above, {number})}
                or re.search(rf"[.,;:)\"\u201d\u2019]\s{number}\s", above) is not None)

    evidence = [marked(s) for s in chain]
    if not any(evidence):
        if not (after and chain[0].number == after + 1 and style and all(s.style == style for s in chain)):
            return None
        evidence[0] = True  # the next note of the document, set as the notes before
    # the notes below the first evidenced one are the block's core; a note above it is kept when
    # it is set the same way (a list's "9." above notes "10 ...", "11 ..." is not)
    first = evidence.index(True)
    styles = Counter(s.style for s in chain[first:] if s.style != "alone")
    set_as = styles.most_common(1)[0][0] if styles else "alone"
    while first > 0 and (evidence[first - 1] or chain[first - 1].style in (set_as, "alone")):
        first -= 1
    chain = chain[first:]
    # after the first note, a run of unnumbered lines longer than any note holds is body text
    # wrapped around a numbered line, not a note block
    # on a page set in two columns, the block starts where both columns hold notes: above it, the
    # other column's lines are body (the first notes there are lifted out of their lines)
    firsts = [min((s.index for s in chain if bool(s.column) == second), default=-1) for second in (False, True)]
    start = max(firsts)
    n_lines = sum(1 for i in idx if i >= start)
    if n_lines > settings.note_lines_per_note * len(chain):
        return None
    return NoteBlock(start, tuple(chain))


# ---------------------------------------------------------------------------------------------
# Charts and tables set between body lines

_LAYOUT = lexicon("layout")
# "Figure 1.5.", "Table A-1.", "Figure 2", "Gráfico 3:", "FIGURE 0.2": an opener, then a number
_CAPTION = re.compile(
    r"^(?:" + "|".join(re.escape(w) for w in _LAYOUT["caption_openers"]) + r")"
    r"\s*(?:[A-Z]{1,2}[-.\u2013]?)?\d+(?:[.\-\u2013]\d+)*\s*[.:]?(?=\s|$)", re.IGNORECASE)
# "Source:", "Sources:", "Notes:", "Source :"
_SOURCE = re.compile(r"^(?:" + "|".join(re.escape(w) for w in _LAYOUT["source_openers"]) + r")\s?:",
                     re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;:][\"'\u201d\u2019)\]]*$")
# a sentence's end, a note's marker after it or not: "in 2013.", "in 2013.9", "in 2013. 9", "term.^74"
_ENDS_PARAGRAPH = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?:\s?\^?\d{1,3})?\s*$")


def _tokens(text: str) -> tuple[int, int, int, int]:
    """(tokens, figures, words, lower-case words) of a line. A figure is a token with a digit and
    at most three letters ("1,73%", "2019-20", "FY2022", "3Q:4202", "(2019)"); a word has two
    letters or more and no digit."""
    toks = text.split()
    figures = words = lower = 0
    for t in toks:
        letters = sum(1 for c in t if c.isalpha())
        if any(c.isdigit() for c in t):
            figures += letters <= 3
        elif letters >= 2:
            words += 1
            lower += t.strip(".,;:()[]\"'\u201c\u201d\u2018\u2019").islower()
    return len(toks), figures, words, lower


# a number as a table's cell or a chart's tick holds it: "37", "4.62", "−15.4", "(2.1)", "$90",
# "58.4%", "2019-20"; a number that a comma or a point ends ("2019,", "2021.") is one of a sentence
_BARE_NUMBER = re.compile(r"^[(\[]?[-+\u2212\u2013]?[$\u20ac\u00a3]?\d(?:[\d,.\-\u2013]*\d)?%?[)\]]?$")
_THOUSANDS_GROUP = re.compile(r"^\d{3}$")


def number_runs(text: str) -> list[tuple[int, int, int]]:
    """The runs of numbers set side by side in a line: (first token, end token, numbers) for
    each run of bare numbers (see ``_BARE_NUMBER``) with no word or punctuation between them.
    A group of three digits after a number of one to three digits goes on that number ("1 500
    000", thousands grouped with spaces as French and Spanish print them)."""
    toks = text.split()
    runs: list[tuple[int, int, int]] = []
    start, count = -1, 0
    for i, t in enumerate(toks + [""]):
        if t and _BARE_NUMBER.match(t):
            if start < 0:
                start, count = i, 1
            elif not (_THOUSANDS_GROUP.match(t) and re.fullmatch(r"\d{1,3}", toks[i - 1])):
                count += 1
            continue
        if start >= 0:
            runs.append((start, i, count))
        start, count = -1, 0
    return runs


def longest_number_run(text: str) -> int:
    """How many numbers the longest run of numbers side by side in ``text`` holds."""
    return max((c for _, _, c in number_runs(text)), default=0)


# "Flight time: 11423 hours", "Total area: 1,250 km2", "Population (2020): 4.5 million": a short
# label, a colon and a quantity, as a fact sheet, a data box or a table of two columns sets them
_LABEL_VALUE = re.compile(r"^(?P<label>[A-Z\u00c0-\u00de][^:]{0,48}?)\s?:\s*(?P<value>[-+\u2212(]?[$\u20ac\u00a3]?\d\S*"
                          r"(?:\s+\S+){0,3})$")


def is_label_value(text: str) -> bool:
    """A line that is a label and its value ("Flight time: 11423 hours"), not a sentence."""
    m = _LABEL_VALUE.match(text.strip())
    return bool(m) and len(m.group("label").split()) <= 6 and not _SENTENCE_END.search(m.group("value"))


def line_class(text: str) -> str:
    """What a line of a dump reads as: ``contents`` (an entry of a table of contents),
    ``caption``, ``source``, ``prose``, ``figures`` (a row of a table or a chart's ticks and data
    labels: as many figures as words, or numbers side by side, or a label and its value) or
    ``other`` (a label, a legend, a heading, a table's header)."""
    t = text.strip()
    if is_toc_entry(t):
        return "contents"  # a contents entry ("Introduction ....... 1") is layout repair's to read
    if _CAPTION.match(t):
        return "caption"
    if _SOURCE.match(t):
        return "source"
    n, figures, words, lower = _tokens(t)
    if figures and figures >= words or longest_number_run(t) >= SETTINGS.row_numbers or is_label_value(t):
        return "figures"
    if n >= 4 and lower * 2 >= n or n >= 6 and _SENTENCE_END.search(t) and lower * 10 >= 3 * n:
        return "prose"
    return "other"


def find_charts(lines: list[str], body: list[int], long_line: float, settings: TextZoneSettings = SETTINGS,
                ) -> set[int]:
    """The indices (of ``body``, the page's body lines in order) that are a chart's or a table's.

    A chart is a run of figure rows, labels and legends between body lines: it starts at a
    caption or at a row of figures, goes on over rows of figures and labels (never over prose),
    and takes the source and note lines under it (see :func:`_source_end`). A run that holds
    ``chart_figure_lines`` rows of figures is a chart, and so is one with a caption and a row
    of figures or a source line, and one row of ``lone_row_numbers`` numbers side by side;
    labels after its last row of figures are its own only when a source line follows them, or
    when they hold figures themselves. Its caption, when printed a few lines above, is taken
    too. A caption and a source line a few dozen lines under it bound a figure whatever lies
    between (panels' subtitles read as prose), unless much of it is prose. A source or note
    paragraph standing alone (under a picture, which a dump does not show, or a box) is a
    chart's too: it is never running text, and so is a number alone on its line next to running
    text (a tick set beside it). A line that ends the sentence the prose line above
    left open is prose, whatever it holds (a paragraph's last words, "de 1 à 6) en 2013."); a
    short line that ends no sentence ("Average number of days to", a table's label wrapped over
    lines) is no running text, whatever its words.
    """
    read = [line_class(lines[i]) for i in body]
    classes = list(read)
    short = settings.short_line_ratio * long_line / settings.long_line_ratio
    for k in range(len(body)):
        text = lines[body[k]].strip()
        if read[k] == "prose" and len(text) < short and len(text.split()) <= settings.short_line_words \
                and not _ENDS_PARAGRAPH.search(text):
            classes[k] = "other"
    for k in _labelled_figure_runs(lines, body, read, settings):
        classes[k] = "figures"
    for k in range(len(body)):  # running text with a table's row set beside it
        if read[k] == "figures" and _carries_sentence(lines, body, read, k, settings):
            classes[k] = "prose"
    for k in range(1, len(body)):  # a paragraph's last words ("de 1 à 6) en 2013.9") go on its prose
        if read[k] in ("figures", "other") and read[k - 1] == "prose" and _ENDS_PARAGRAPH.search(lines[body[k]]) \
                and not _SENTENCE_END.search(lines[body[k - 1]].strip()) \
                and longest_number_run(lines[body[k]]) < settings.row_numbers:  # (a row: "3.9 4.2")
            classes[k] = "prose"
    out: set[int] = set()
    k = 0
    n = len(body)
    while k < n:
        if classes[k] == "source":  # a source or note paragraph of its own (under a picture, a box)
            stop = _source_end(lines, body, classes, k, long_line, settings)
            out.update(body[k:stop])
            k = stop
            continue
        if classes[k] == "caption":
            bracket = _caption_to_source(lines, body, classes, k, long_line, settings)
            if bracket:
                out.update(body[k:bracket])
                k = bracket
                continue
        if classes[k] not in ("caption", "figures"):
            k += 1
            continue
        start, end, last_figures, figures = k, k, -1, 0
        captioned = classes[k] == "caption"
        strong = False
        while end < n and classes[end] in ("caption", "figures", "other"):
            if classes[end] == "figures":
                figures, last_figures = figures + 1, end
                strong |= longest_number_run(lines[body[end]]) >= settings.lone_row_numbers
            elif read[end] == "other" and _tokens(lines[body[end]])[1] >= 2:
                last_figures = end  # a label line with figures of its own ("Gold holdings 5.9 Receivables 0.6")
            captioned |= classes[end] == "caption"
            end += 1
        sourced = end < n and classes[end] == "source"
        if sourced:
            stop = _source_end(lines, body, classes, end, long_line, settings)
        else:
            stop = max(last_figures + 1, start + 1) if figures else end
        if figures >= settings.chart_figure_lines or captioned and (figures or sourced) or strong:
            if classes[start] == "caption" and _bare_caption(lines[body[start]]):
                start = _title_above(lines, body, classes, start, out, settings)
            if not captioned:  # the caption printed above the chart's first row of figures
                for up in range(start - 1, max(-1, start - 1 - settings.caption_lines_above), -1):
                    if classes[up] == "caption":
                        start = up
                        break
                    if classes[up] not in ("other", "prose") or _SENTENCE_END.search(lines[body[up]].strip()):
                        break  # (a subtitle under the caption reads as prose but ends no sentence)
                # label lines with figures of their own right above the first row ("Assets 42.2")
                while start > 0 and read[start - 1] == "other" and _tokens(lines[body[start - 1]])[1] >= 2 \
                        and body[start - 1] not in out:
                    start -= 1
            out.update(body[start:stop])
        k = max(stop, k + 1)
    # a number alone on its line between lines of running text is a chart's tick or data label
    # set beside the text ("launched / 70 / in 2003"): running text fills its line, and a
    # paragraph's last word ends a sentence ("1,200."); but a year a line or two under a short
    # line in title case ends a side heading the dump scattered among the text ("Substantially
    # Fallen Since" / "percent in fiscal year 2006, ..." / "1978")
    for k in range(1, n - 1):
        words = lines[body[k]].split()
        if classes[k] == "figures" and len(words) == 1 and _BARE_NUMBER.match(words[0]) \
                and "prose" in (classes[k - 1], classes[k + 1]) \
                and not (_YEAR.match(words[0]) and any(_heading_line(lines[body[j]]) for j in range(max(0, k - 2), k))):
            out.add(body[k])
    return out


_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_TITLE_SMALL = frozenset(lexicon("headings")["small_words"]["words"]) | frozenset(
    lexicon("headings")["side_headings"]["more_small_words"])


def _heading_line(text: str) -> bool:
    """A short line in title case of two words or more, ending no sentence: a heading's line."""
    words = text.split()
    return 2 <= len(words) <= 8 and not text.rstrip().endswith((".", ":", ";", ",")) \
        and words[0][:1].isupper() and all(w[:1].isupper() or w.lower() in _TITLE_SMALL for w in words)


def _is_labelled_figure(text: str, settings: TextZoneSettings) -> bool:
    """A short line of a label and a figure ("Wafers 367 GW", "Net income 175.5"): a few words
    (``short_line_words`` at most), then a figure, then its unit at most, ending no sentence. A
    line that opens with its number ("4.1 Polluted sources") or goes on in words after it
    ("CHAPTER 4: RIVERS AND FLOODS") is a heading's numbering, not a label's value."""
    toks = text.split()
    figures = [i for i, t in enumerate(toks) if _tokens(t)[1]]
    if not figures or figures[0] == 0 or len(toks) - figures[-1] > 2 or _SENTENCE_END.search(text.strip()):
        return False
    return _tokens(text)[2] <= settings.short_line_words and not toks[figures[-1]].endswith(":")


def _labelled_figure_runs(lines: list[str], body: list[int], read: list[str], settings: TextZoneSettings,
                          ) -> list[int]:
    """The indices (of ``body``) of runs of ``labelled_figure_lines`` lines or more, none of
    them prose, that are each a label and its figure: a chart's data labels or a table's column
    of labelled values, one a line. Running text never sets short lines of a figure each one
    under another; a heading with a number ("2.1 Methods") stands alone."""
    out: list[int] = []
    run: list[int] = []
    for k in [*range(len(body)), -1]:
        if k >= 0 and read[k] == "other" and _is_labelled_figure(lines[body[k]], settings):
            run.append(k)
            continue
        if len(run) >= settings.labelled_figure_lines:
            out.extend(run)
        run = []
    return out


_CONTENTS_TITLES = frozenset(lexicon("headings")["contents"]["titles"])


def is_contents_title(text: str) -> bool:
    """The title of a table of contents or a list of figures ("Contents", "List of Tables",
    "Contents:", "Contents."). A full stop is a title's only where it opens with a capital: in
    lower case, "index." is a sentence's last word wrapped onto a line of its own."""
    t = text.strip().rstrip(":").strip()
    if t[:1].isupper():
        t = t.rstrip(".").strip()
    return t.lower() in _CONTENTS_TITLES


def _bare_caption(text: str) -> bool:
    """A caption that is only its label ("Figure 1", "Table 2:"): the title is printed apart."""
    m = _CAPTION.match(text.strip())
    return m is not None and not text.strip()[m.end():].strip()


def _title_above(lines: list[str], body: list[int], classes: list[str], k: int, out: set[int],
                 settings: TextZoneSettings) -> int:
    """Where a figure whose bare label is line ``k`` (of ``body``) starts: its title, when printed
    right above the label ("Total number of interventions (2010-2022)" / "Figure 1"), is one or
    two lines that end no sentence, after a line that ends one (a paragraph the figure does not
    break) or at the top of the page."""
    start = k
    while start > 0 and k - start < settings.title_lines_above and body[start - 1] not in out \
            and not _SENTENCE_END.search(lines[body[start - 1]].strip()) \
            and longest_number_run(lines[body[start - 1]]) < settings.row_numbers:
        start -= 1
    while start < k:  # the line before the title ends a sentence, or there is none
        if start == 0 or classes[start - 1] != "prose" or _ENDS_PARAGRAPH.search(lines[body[start - 1]].strip()):
            return start
        start += 1
    return k


_INNER_SENTENCE_END = re.compile(r"[^\W\d_][.!?;][\"'\u201d\u2019)]*\s+[A-Z\u00c0-\u00de]")


def _carries_sentence(lines: list[str], body: list[int], read: list[str], k: int,
                      settings: TextZoneSettings) -> bool:
    """Is line ``k`` (of ``body``) running text with a table's row or a chart's ticks set beside
    it (see :func:`split_row_tail`), rather than a row with a long label? Its running text goes
    on a sentence: it opens in lower case, or holds a sentence's end, or the line above is
    running text of ``prose_before_row`` characters that ends no sentence."""
    rest = split_row_tail(lines[body[k]], settings)[0] if read[k] == "figures" else ""
    if rest == lines[body[k]] or not rest:
        return False
    if rest[:1].islower() or _INNER_SENTENCE_END.search(rest) or _SENTENCE_END.search(rest):
        return True
    if k == 0:
        return False
    above = lines[body[k - 1]].strip()
    return read[k - 1] == "prose" and len(above) >= settings.prose_before_row and not _SENTENCE_END.search(above)


def _caption_to_source(lines: list[str], body: list[int], classes: list[str], k: int, long_line: float,
                       settings: TextZoneSettings) -> int:
    """Where a figure that a caption at ``k`` (of ``body``) opens ends, when a source or note
    line closes it within ``caption_source_lines`` lines, with ``chart_figure_lines`` rows of
    figures between and at most ``caption_source_prose`` of the lines between read as prose
    (and no other caption); else 0."""
    for end in range(k + 1, min(len(body), k + 1 + settings.caption_source_lines)):
        if classes[end] == "caption":
            return 0
        if classes[end] == "source":
            between = classes[k + 1:end]
            if between.count("figures") < settings.chart_figure_lines \
                    or between.count("prose") > settings.caption_source_prose * len(between):
                return 0
            return _source_end(lines, body, classes, end, long_line, settings)
    return 0


def _source_end(lines: list[str], body: list[int], classes: list[str], k: int, long_line: float,
                settings: TextZoneSettings) -> int:
    """Where the source and note lines that start at ``k`` (of ``body``) end.

    A source or note paragraph is set smaller than the body, so its lines hold more characters:
    it goes on over lines longer than ``long_line`` (see :func:`long_line_length`), and over a line
    that carries on a sentence the line above left open (in lower case); another source or note
    line goes on with it. A numbered note line ends it.
    """
    end = k + 1
    while end < len(body) and end - k < settings.source_lines:
        prev, nxt = lines[body[end - 1]].strip(), lines[body[end]].strip()
        carries_on = not _SENTENCE_END.search(prev) and nxt[:1].islower()
        if note_start(lines, body[end]) is not None:
            break  # a note, printed under the chart
        if classes[end] == "source" or classes[end] != "caption" and (len(nxt) > long_line or carries_on):
            end += 1
            continue
        break
    return end


def long_line_length(pages: list[list[str]], settings: TextZoneSettings = SETTINGS) -> float:
    """A line longer than most lines of running text: ``long_line_ratio`` times the upper
    quartile of the lengths of the dump's prose lines."""
    lengths = sorted(len(s.strip()) for p in pages for s in p if s.strip() and line_class(s) == "prose")
    return settings.long_line_ratio * (lengths[3 * len(lengths) // 4] if lengths else 80.0)


# ---------------------------------------------------------------------------------------------
# The pages, zoned


def zone_pages(pages: list[list[str]], settings: TextZoneSettings = SETTINGS,
               side: list[set[int]] | None = None) -> list[list[RawLine]]:
    """Each page's lines, flagged: furniture ``is_header``, the note block ``is_note`` (each
    note's first line written ``^N text``), chart and table text ``is_table``, a side heading's
    line in a margin column ``is_side`` (the lines of each page that ``side`` lists), the rest
    as it was.

    Furniture first, without the lines that open with a number as notes do; the page numbers
    it shows tell each page's printed number, and where a page's number is missing from its
    furniture, it is looked for glued to the page's last line and alone on a line inside the
    page; then the note blocks; then furniture again, with the lines that open with a number
    where they recur outside the note blocks; and the note blocks of the pages whose furniture
    grew.
    """
    furniture = mark_furniture(pages, None, settings)
    printed = printed_numbers(pages, furniture, settings)
    if printed is not None:
        pages = split_stuck_page_numbers(pages, furniture, printed)
        furniture = mark_furniture(pages, None, settings, printed)
    blocks = note_blocks(pages, furniture, settings)
    more = mark_furniture(pages, [b.start if b else None for b in blocks], settings, printed)
    if more != furniture:
        furniture = more
        blocks = note_blocks(pages, furniture, settings)
    long = long_line_length(pages, settings)
    out: list[list[RawLine]] = []
    unfinished = False  # the last note of the page before breaks off mid-sentence
    for p, (lines, skip, block) in enumerate(zip(pages, furniture, blocks)):
        sides = side[p] if side else set()
        notes_from = block.start if block else len(lines)
        if block and unfinished:
            notes_from = _continued_note(lines, skip, block.start, long, settings)
        body = [i for i in range(notes_from) if lines[i].strip() and i not in skip]
        # a contents page's entries ("Figure 3: ...  12", titles and their page numbers) are no chart
        charts = set() if body and is_contents_title(lines[body[0]]) else find_charts(lines, body, long, settings)
        starts = {s.index: s for s in block.notes if not s.column} if block else {}
        columns = {s.index: s for s in block.notes if s.column} if block else {}
        consumed = {s.index + 1 for s in starts.values() if s.style == "alone"}
        if block:
            last = [s.strip() for i, s in enumerate(lines) if i >= block.start and s.strip() and i not in skip]
            unfinished = bool(last) and not _SENTENCE_END.search(last[-1])
        page: list[RawLine] = []
        # chart and table text that cuts a sentence of the body: set after the line that ends it
        pending: list[RawLine] = []
        open_sentence = False  # the last body line so far ends no sentence
        for i, text in enumerate(lines):
            if i == notes_from:
                page.extend(pending)
                pending = []
            if i in skip:
                page.append(RawLine(text, is_header=True))
            elif i < notes_from and (i in columns or i in starts and i + 1 not in consumed):
                # two columns: a note's first line beside the other column's body
                page.extend(_note_lines(text, starts.get(i), columns.get(i), body=True))
            elif i >= notes_from:
                if i in consumed:
                    continue
                s = starts.get(i)
                page.extend(_note_lines(text, s, columns.get(i)))
            elif i in sides:
                page.append(RawLine(text, is_side=True))
            elif i in charts:
                (pending if open_sentence else page).append(RawLine(text, is_table=True))
            elif text.strip():
                prose, cells = split_row_tail(text, settings)
                page.append(RawLine(prose))
                if cells:
                    pending.append(RawLine(cells, is_table=True))
                open_sentence = not _ENDS_PARAGRAPH.search(prose.strip())
                if not open_sentence:
                    page.extend(pending)
                    pending = []
            else:
                page.append(RawLine(text))
        page.extend(pending)
        out.append(page)
    return out


def _note_lines(text: str, start: NoteStart | None, second: NoteStart | None, body: bool = False,
                ) -> list[RawLine]:
    """A line of a page's note block as note lines: a note's first line written ``^N text``; a
    line where a second column's note opens (``second``) split there, the first column's part
    before it (``body``: the first column's text there is body, above the block)."""
    first = text[:second.column].rstrip() if second else text
    out: list[RawLine] = []
    if start:
        head = note_start([first], 0) if second else start
        out.append(RawLine(f"^{start.number} {head.text if head else start.text}", is_note=True))
    elif first.strip() or not second:
        out.append(RawLine(first, is_note=bool(first.strip()) and not body))
    if second:
        out.append(RawLine(f"^{second.number} {second.text}", is_note=True))
    return out


def split_row_tail(text: str, settings: TextZoneSettings = SETTINGS) -> tuple[str, str]:
    """A line of running text and the cells of a table's row or a chart's ticks the dump set at
    its end or at its start, split: ``row_numbers`` numbers side by side at the end ("... access
    to piped natural gas Cell phone 99 99 99 99 99 99 99", a table set beside the text) or at the
    start ("3,000 7,000 11,000 15,000 even though at 36 percent the rural ...") of a line whose
    rest reads as running text of ``prose_before_row`` characters at least; else the line and ""."""
    runs = [r for r in number_runs(text) if r[2] >= settings.row_numbers]
    toks = text.split()
    for start, end, _ in runs[-1:] + runs[:1]:
        if end == len(toks) and start > 0:
            rest, cells = " ".join(toks[:start]), " ".join(toks[start:])
        elif start == 0 and end < len(toks):
            rest, cells = " ".join(toks[end:]), " ".join(toks[:end])
        else:
            continue
        if len(rest) >= settings.prose_before_row and line_class(rest) == "prose":
            return rest, cells
    return text, ""


_URLISH = re.compile(r"https?://|www\.|\bdoi:|\bAvailable (?:at|from)\b", re.IGNORECASE)


def _continued_note(lines: list[str], skip: set[int], start: int, long_line: float,
                    settings: TextZoneSettings) -> int:
    """Where the end of a note that the page before broke off mid-sentence starts on this page:
    above the page's first note, or ``start`` (the first note's line) when it is not there.

    Where the dump sets paragraphs apart, it is the paragraph right above the first note, when
    that reads like a note's end (a web address, "Available at ...", or a lower-case start);
    where it does not, the lines right above the first note that are longer than body lines
    (set smaller, as notes are) or hold a web address, at most ``continued_note_lines``.
    """
    taken: list[int] = []
    i = start - 1
    while i >= 0 and i not in skip and len(taken) < settings.continued_note_lines:
        text = lines[i].strip()
        if not text:
            if taken:  # the blank line above a paragraph of its own
                top = lines[taken[-1]].strip()
                whole = " ".join(lines[j].strip() for j in reversed(taken))
                return taken[-1] if _URLISH.search(whole) or top[:1].islower() else start
            i -= 1
            continue
        taken.append(i)
        i -= 1
    # no blank line: the lines that read like a note's end, from the first note up
    end = start
    for j in taken:
        text = lines[j].strip()
        if len(text) > long_line or _URLISH.search(text):
            end = j
        else:
            break
    return end


def note_blocks(pages: list[list[str]], furniture: list[set[int]], settings: TextZoneSettings = SETTINGS,
                 ) -> list[NoteBlock | None]:
    """Each page's note block, in page order (a block's numbers follow the blocks before)."""
    out: list[NoteBlock | None] = []
    before = ""  # the end of the previous page's body
    after = 0  # the number of the last note so far
    styles: Counter[str] = Counter()  # how the notes so far are set
    for lines, skip in zip(pages, furniture):
        style = styles.most_common(1)[0][0] if styles else ""
        block = find_note_block(lines, skip, before, after, style, settings)
        if block:
            after = block.notes[-1].number
            styles.update(s.style for s in block.notes)
        end = block.start if block else len(lines)
        body = [s.strip() for i, s in enumerate(lines[:end]) if s.strip() and i not in skip]
        before = " ".join(body[-settings.previous_page_lines:])
        out.append(block)
    return out
