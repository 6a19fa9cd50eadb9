"""Side headings a text dump scattered among the lines of the text beside them, found from the
shape of the lines alone.

Many reports set their headings in a margin column, level with the text. A dump made line by
line (pdfplumber's ``extract_text()``) writes each of the heading's lines at the start of the
text line it stands level with, or alone between two text lines where the heading's leading
puts it between them::

    DOE's Budget DOE's budget authority for renewable, fossil, and nuclear energy R&D
    dropped from $5.5 billion (in real terms) in fiscal year 1978 to $793 million
    Authority for
    in fiscal year 2005 ...
    Renewable, Fossil, authority peaked in the late 1970s in response to ...

What still shows, without the contents list's help (:mod:`extractor.layout.heading_lines` puts
together the titles the contents list gives):

- the heading's first line opens a paragraph: after a line that ends one, a few words in title
  case, then a sentence's start (a capital) running a full line of text;
- its next lines, within a line or two of each other: a short line in title case alone in the
  middle of a paragraph, or title-case words glued before a full line of text, which makes the
  line wider than the text column;
- a document that sets its headings so does it for many of them: only where several side
  headings wrapped over lines show so are any believed; then a one-line heading beside a line
  of ordinary width ("Wind DOE's wind R&D program ...") too, where a word of it recurs in its
  paragraph (a heading names its text's subject; a sentence's first words do not come again).
"""
from __future__ import annotations

import re
import statistics

from extractor import line_shapes as L
from extractor.layout.headings import SMALL_WORDS, is_caption, title_like
from extractor.registry import lexicon

Where = tuple[int, int]

_LEXICON = lexicon("headings")["side_headings"]
#: Words title case sets in lower case.
SMALL = SMALL_WORDS | frozenset(_LEXICON["more_small_words"])
#: Small words title case capitalises; any other capitalised after a heading's first word opens a sentence.
CAPITALISED = frozenset(_LEXICON["capitalised"])
#: A side heading's first line holds at most this many of its words.
MAX_HEAD_WORDS = 8
#: A one-line side heading beside a line of ordinary width holds at most this many words.
WEAK_HEAD_WORDS = 4
#: Lines of text at most between two lines of one side heading.
PART_GAP = 2
#: A line of text runs at least this share of the text column's width (a paragraph's first line).
FULL = 0.85
#: A line with a heading's words glued before a full line of text is at least this share of it;
#: the text beside the heading at most (wider, two columns of text were read as one line).
WIDE = 1.1
#: A heading's line alone is at most this share of the text column's width.
SHORT = 0.6
#: Side headings wrapped over lines the text's lines scattered before any is believed.
MIN_SHOWN = 3
#: A one-line heading's words recur in this many lines of its paragraph (its subject).
RECUR_LINES = 4
#: Characters a cut that leaves the text opening with a capital counts against it (the text goes
#: on from the line above, in lower case, unless a name goes on).
CAPITAL_COST = 4
#: ... and one that leaves it opening with a small word ("on increasing ..."): a title's line
#: ends on one as often as not
SMALL_COST = 3
#: ... and one that leaves it opening with a number: a line of running text seldom does
NUMBER_COST = 8
_NUMBER = re.compile(r"^[\d,.%]+[;,]?$")
_OPEN_QUOTE = "\"\u201c'\u2018("
_PARAGRAPH_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?:\^?\d{1,3})?$")
_WORD = re.compile(r"[^\W\d_][\w&]*")


def text_width(texts: list[list[str]]) -> float:
    """The width of the text column in characters: the median length of the lines a paragraph
    runs on from (the next line goes on in lower case, the line ends no sentence), which a
    justified or ragged column fills to about the same length; 0 for too few lines to tell."""
    runs = [len(page[i]) for page in texts for i in range(len(page) - 1)
            if page[i] and page[i + 1][:1].islower() and not L.ends_sentence(page[i])]
    return float(statistics.median(runs)) if len(runs) >= 20 else 0.0


def _ends_paragraph(text: str) -> bool:
    """A sentence's end (a note's number after it or not): where a paragraph may end."""
    return not text or bool(_PARAGRAPH_END.search(text.rstrip()))


def _kind(token: str) -> str:
    """'title' for a capitalised word or a number, 'small' for a small word in lower case
    ("of", "and", "in"), '' for any other word: what a title-case heading may hold."""
    t = token.lstrip(_OPEN_QUOTE)
    if not t:
        return ""
    if t[0].isupper() or _NUMBER.match(t) or t == "&":
        return "title"
    return "small" if t.lower().rstrip(",") in SMALL else ""


def _title_words(tokens: list[str]) -> bool:
    """Words a heading in title case may be: capitals, numbers, small words in lower case (a
    capitalised one after the first word opens a sentence: "... over 931 In 1994,"); no
    sentence's end."""
    if not tokens or not all(_kind(t) for t in tokens):
        return False
    if any(t.lower() in SMALL and t.lower() not in CAPITALISED and not t.islower() for t in tokens[1:]):
        return False
    return not any(t.endswith((":", ";", "!", "?")) for t in tokens) \
        and not (tokens[-1].endswith(".") and tokens[-1].count(".") == 1)


def _opening(text: str, width: float) -> int:
    """How many words at the start of ``text`` are a side heading's first line: the most words in
    title case, the first a word's, the last no capitalised small word ("In" opens the sentence),
    after which a sentence starts (a capital; not a label's number: "Appendix IV: ...") and runs
    a full line; 0 if none."""
    tokens = text.split()
    if not tokens or not tokens[0].lstrip(_OPEN_QUOTE)[:1].isalpha() or tokens[0].endswith(",") or is_caption(text):
        return 0  # (a name in a reference list, "Wright, Anne, ...", a figure's caption)
    for m in range(min(MAX_HEAD_WORDS, len(tokens) - 1), 0, -1):
        head, rest = tokens[:m], tokens[m:]
        if not _title_words(head) or _kind(head[0]) != "title" or len(rest) < 5:
            continue
        if head[-1].lower() in SMALL and not head[-1].islower():
            continue
        if not rest[0].lstrip(_OPEN_QUOTE)[:1].isupper() or rest[0].endswith(":"):
            continue
        if _text_beside(" ".join(rest), width):
            return m
    return 0


def _part(text: str, width: float, goes_on: bool = False, open_end: bool = False) -> int:
    """How many characters of a line inside the heading's paragraph are a later line of the
    heading: the whole of a short line in title case, or the title-case words glued before a
    full line of text (the line wider than the column). Of the ways to cut such a line, the one
    whose text comes nearest the column's width, a text opening with a capital or a small word
    counted a little further (it goes on from the line above, unless that line ends on a small
    word, ``goes_on``: "... in the" / "German electricity market"), a text opening with a
    number further still (a heading's line ends on a year or a figure: "Generate 10" /
    "Percent of Its Electricity"), the longer heading on a tie; 0 if none. Where the heading's
    line above ended open (``open_end``: "... Gasification Plant in"), its words may be glued
    before a line of text no wider than the column ("1997 Puertollano, Spain, to improve ...")."""
    tokens = text.split()
    if len(text) <= SHORT * width and _title_words(tokens) and not L.ends_sentence(text):
        return len(text)
    if len(text) < WIDE * width and not open_end:
        return 0
    cuts = []
    for k in range(1, min(MAX_HEAD_WORDS, len(tokens) - 1) + 1):
        head, rest = tokens[:k], " ".join(tokens[k:])
        if not _title_words(head) or not _text_beside(rest, width):
            continue
        if k > 1 and _kind(head[-1]) == _kind(head[-2]) == "small":
            continue  # a heading's line ends on one small word at most ("Solar, and")
        opens_small = rest.split()[0].lower() in SMALL and rest[:1].islower()
        opens_number = rest[:1].isdigit()
        opens_capital = rest[:1].isupper() and not goes_on
        cuts.append((abs(len(rest) - width) + CAPITAL_COST * opens_capital + NUMBER_COST * opens_number
                     + SMALL_COST * opens_small, -k))
    return len(" ".join(tokens[:-min(cuts)[1]])) if cuts else 0


def _text_beside(rest: str, width: float) -> bool:
    """Is ``rest`` a full line of the text column, neither short nor wider than the column?"""
    return FULL * width <= len(rest) <= WIDE * width


# a sentence's end, a quote, a bracket, a note's star, a word broken at the line's end, a code
# mixing capitals and digits ("TR22", a map's label)
_SENTENCE_TOKEN = re.compile(r"^[^.]*[a-z\d][.]$|[\u201c\u201d\"*]|^\(|-$|^[A-Z]+\d")


def _reads_as_title(title: str) -> bool:
    """Does the put-together heading read as a title: in title case, no sentence's end, quote or
    bracket in it (a reference's "Survey.", a caption's "1.8.", a table's "(PIPS)")?"""
    return title_like(title, strict=True) and not any(_SENTENCE_TOKEN.search(t) for t in title.split())


def _recurs(head: str, page: list[str], i: int) -> bool:
    """Does a word of a one-line heading recur in the first lines of its paragraph ("Wind DOE's
    wind R&D program ...")? A heading names its text's subject; a sentence's first words
    ("While", "Currently,") do not come again."""
    words = {w.lower() for w in _WORD.findall(head.replace("\u2019s", "").replace("'s", ""))} - SMALL
    rest = " ".join(page[i:i + RECUR_LINES])[len(head):].lower()
    return bool(words & {w.lower() for w in _WORD.findall(rest)})


def _parts(page: list[str], p: int, i: int, head: str, width: float, stops: set[Where]) -> dict[Where, int]:
    """The lines of the side heading whose first line is ``i``: line -> characters of it that
    are the heading's; a line or two of text at most between two of them, up to a blank line,
    a running head or the next side heading (a line opening one after a paragraph's end or a
    heading's line alone)."""
    parts = {(p, i): len(head)}
    j, last = i + 1, i
    while j < len(page) and j - last <= PART_GAP + 1 and page[j] and (p, j) not in stops:
        prev_alone = parts.get((p, j - 1)) == len(page[j - 1])
        piece = page[last][:parts[(p, last)]]
        if _opening(page[j], width) and (_ends_paragraph(page[j - 1]) or prev_alone) and not _ends_open(piece):
            break  # (a heading's line ending on "and" or a comma goes on, whatever its text does)
        above = page[j - 1][parts.get((p, j - 1), 0):].split()
        n = _part(page[j], width, goes_on=bool(above) and above[-1].lower() in SMALL, open_end=_ends_open(piece))
        if n:
            parts[(p, j)] = n
            last = j
        j += 1
    return parts


Found = tuple[bool, bool, str, dict[Where, int]]  # shown, wrapped, title, parts


def _heading_at(page: list[str], p: int, i: int, width: float, stops: set[Where]) -> Found | None:
    """The side heading whose first line is line ``i`` (after a paragraph's end), or None:
    whether its width or lines show it, whether it wraps over lines, its title, its lines."""
    m = _opening(page[i], width)
    if not m:
        return None
    head = " ".join(page[i].split()[:m])
    parts = _parts(page, p, i, head, width, stops)
    if len(parts) == 1 and _ends_open(head):
        return None  # no heading ends on "of" or a comma
    title = " ".join(page[j][:n] for (_, j), n in sorted(parts.items()))
    # wider than the column: a heading of two words or more glued before a full line
    # (one word may open a note's line set smaller, and wider: "Excludes DOE ...")
    shown = len(parts) > 1 or len(page[i]) >= WIDE * width and m > 1
    if not _reads_as_title(title) or not (shown or _recurs(head, page, i)):
        return None
    return shown, len(parts) > 1, title, parts


def find_side_headings(texts: list[list[str]], taken: set[Where], stops: set[Where]
                       ) -> tuple[dict[Where, str], dict[Where, int]]:
    """Side headings scattered among a dump's lines: each heading's first line -> its title, and
    each of its lines -> how many characters of it are the heading's (the first line's included).
    ``taken``: lines another rule has read already (running heads, contents, headings found
    otherwise), where no side heading opens; ``stops``: lines a side heading does not run over."""
    width = text_width(texts)
    if not width:
        return {}, {}
    found: list[Found] = []
    seen: set[Where] = set()
    for p, page in enumerate(texts):
        i = 0
        while i < len(page):
            prev = page[i - 1] if i else ""
            # (a figure's title follows its caption's label: "FIGURE 1.8" / "Middle Class in ...")
            after_end = not prev or _ends_paragraph(prev) and not is_caption(prev) or (p, i - 1) in stops \
                or (p, i - 1) in seen
            heading = _heading_at(page, p, i, width, stops) if page[i] and (p, i) not in taken and after_end else None
            if heading is None:
                i += 1
                continue
            found.append(heading)
            seen.update(heading[3])
            i = max(j for _, j in heading[3]) + 1
    # the document sets headings so: several of them wrapped over lines scattered among the text's
    believed = sum(1 for _, wrapped, _, _ in found if wrapped) >= MIN_SHOWN
    titles: dict[Where, str] = {}
    chars: dict[Where, int] = {}
    for shown, _, title, parts in found:
        if believed and (shown or len(title.split()) <= WEAK_HEAD_WORDS):
            titles[min(parts)] = title
            chars.update(parts)
    return titles, chars


def _ends_open(text: str) -> bool:
    """Does a heading's line end where its title goes on: on a small word or a comma?"""
    words = text.split()
    return not words or words[-1].lower() in SMALL or text.endswith((",", "&"))
