"""Line-level clean-up and classification of text units: what one line's shape says (a
contents entry, a page number, a sentence's end, a heading's numbering).

A *unit* is what a text dump separates by blank lines (one paragraph, heading or note), or
what a PDF backend hands over as one line. Functions here look at one unit at a time. They read
strings only, so ingestion (``ingest.text_zones``) and layout repair share them without
ingestion importing layout.
"""
from __future__ import annotations

import re
import unicodedata

# Markdown emphasis that text dumps carry over (**bold**, *italic*, __bold__).
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")

# Table-of-contents entry: dotted/bulleted leader or tab, then a page number at the end.
_TOC_LEADER = re.compile(r"(?:\.{2,}|(?:\.\s){3,}|\u2026+|[\u00b7\u2022\u22c5]{2,}|\t|\s{3,})\s*\d{1,4}\s*$")
# Dots set as a leader, spaced or not, ending the line: "Foreword . . . . . . ."
_DOT_LEADER_END = re.compile(r"(?:\.\s?){6,}$")
# A leader anywhere in a line: five dots or more, spaced or not, an ellipsis character counting
# as three ("Credit ....... 13 4 ---", "retention credit…... 1,166"). Running text never
# sets so many: an ellipsis ending a sentence is four dots at most.
_LEADER = re.compile(r"(?:[.\u2026]\s?){2,}")
# A heading glued to its page number, as a PDF's TOC often dumps: "... Amid Challenges5".
_TOC_GLUED = re.compile(r"[A-Za-z\)\"\u201d]\d{1,3}\s*$")
_TABLE_RULE = re.compile(r"^[\s\-\u2013\u2014|+=:_]+$")
_CONTENTS = re.compile(r"^\s*(?:table\s+of\s+)?contents\s*$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-\u2013\u2014]\s*)?(?:page\s*)?(?:\d{1,4}|[ivxlc]{1,7})(?:\s*(?:/|of)\s*\d{1,4})?(?:\s*[-\u2013\u2014])?\s*$",
    re.IGNORECASE,
)  # "7", "- 7 -", "Page 7", "Page7" (a text layer without spaces), "7 of 12", "iv"


def clean_unit(text: str) -> str:
    """Normalise one unit: NFC, markdown emphasis removed, whitespace collapsed.

    Soft hyphens are dropped; nothing else is changed (dashes and quotes stay as printed).
    """
    if not text.isascii():  # (an ASCII line is NFC and holds no soft hyphen)
        text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    if "*" in text or "_" in text:  # no emphasis without its marks (the regexes are slow)
        text = _EMPHASIS.sub(lambda m: m.group(2) if m.group(2) is not None else m.group(3), text)
        text = re.sub(r"^(\*\*|__)(?=\S)|(?<=\S)(\*\*|__)$", "", text.strip())  # emphasis spanning lines
    text = text.replace("\\$", "$")  # markdown-escaped dollar signs
    return collapse_spaces(text)


def collapse_spaces(text: str) -> str:
    """Runs of spaces, tabs and no-break or thin spaces as one space; the ends stripped."""
    # Most lines hold single spaces only: testing for anything else _SPACES would change (two
    # spaces, another kind of space) is a few substring scans in C, while the substitution
    # rebuilds the string at every space (and a regex search tries each position).
    if "  " in text or "\t" in text or "\u00a0" in text or "\u2009" in text or "\u202f" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


#: A title, then a page number of one to three digits at the line's end ("Appendix II Scope and
#: Methodology 58", "Technologies 21"): how a contents entry without a leader ends.
PAGE_AT_END = re.compile(r"[A-Za-z\u00c0-\u024f),]\s+\d{1,3}$")


def is_toc_entry(text: str) -> bool:
    """A contents entry: a leader and a page number, or a long dotted leader alone (the page
    number set apart, in its own column, where a PDF's text layer drops or moves it)."""
    if len(text) >= 400:
        return False
    t = text.rstrip()
    if t[-1:].isdigit():  # test the cheap condition first: the regex backtracks on long lines
        # a leader's last characters (six at most: ". . . "), spaces (three or more are a
        # leader themselves) and a page number of four digits at most: the line's last 16
        return bool(_TOC_LEADER.search(t[-16:]))
    # the leader's last six dots (and a space after each at most) end the line: search its tail
    return t.endswith(".") and bool(_DOT_LEADER_END.search(t[-12:]))


#: a leader holds this many dots at least (see :func:`is_leader_line`)
LEADER_DOTS = 5


def leader_length(text: str) -> int:
    """The dots of the longest leader in ``text``, an ellipsis character counting as three."""
    if "." not in text and "\u2026" not in text:
        return 0
    return max((len(m.group().replace(" ", "")) + 2 * m.group().count("\u2026") for m in _LEADER.finditer(text)),
               default=0)


def is_leader_line(text: str) -> bool:
    """A line that holds a leader: dots that lead the eye across to a page number (a contents
    entry, a list of figures or tables) or to a table's cells ("(sunset 12/31/21)........ DOE
    -469 453 ---"). Leaders are a typesetting device of contents lists and tables only: such a
    line is never running text, and its figures are never claims."""
    return len(text) < 400 and leader_length(text) >= LEADER_DOTS



def is_toc_glued_entry(text: str) -> bool:
    """A TOC line whose page number is glued to the title (only meaningful inside a TOC)."""
    return bool(_TOC_GLUED.search(text)) and not text.rstrip()[-6:-1].replace(",", "").isdigit() and len(text) < 400


def is_table_rule(text: str) -> bool:
    return bool(_TABLE_RULE.match(text)) and any(c in text for c in "-\u2013\u2014|=_")


def is_contents_heading(text: str) -> bool:
    return bool(_CONTENTS.match(text))


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text))


def ends_sentence(text: str) -> bool:
    """Does the unit end a sentence (so that the next unit starts a new paragraph)?"""
    t = text.rstrip().rstrip("\"'\u201d\u2019)]*")  # closing quotes, brackets and emphasis
    return t.endswith((".", "!", "?", ":", ";", "\u3002")) or not t


def shape_key(text: str) -> str:
    """Text with digits folded, to find running headers/footers that differ only by page number."""
    return re.sub(r"\d+", "#", text.strip().lower())


_LIST_ITEM = re.compile(r"^(?:[\u2022\u25aa\u25cf\u25e6\u2023\u2043\u00b7\-*]|\(?[a-z]\)|\(?[ivx]{1,4}\))\s+\S")
_PIPE_ROW = re.compile(r"^\|.*\|$")


def is_list_item(text: str) -> bool:
    """A bulleted or lettered list item ("• ...", "- ...", "(a) ..."): it starts a unit of its own."""
    return bool(_LIST_ITEM.match(text))


def is_pipe_table_row(text: str) -> bool:
    """A row of a table rendered as text ("| Region | 2020 | 2024 |")."""
    return bool(_PIPE_ROW.match(text.strip())) and text.count("|") >= 3


_CELL_GAP = re.compile(r"\S(?: {2,}|\t+)(?=\S)")
_NUMERIC_CELL = re.compile(r"^[-+(]?[$\u20ac\u00a3]?\d[\d,.]*%?\)?$")


_SPACED_CELLS = re.compile(r"(?<=\S) {3,}(?=\S)")


def has_spaced_cells(raw_line: str) -> bool:
    """Text set apart by a run of three spaces or more inside the line, as a dump that keeps
    the page's layout prints a table's cells or names beside their roles ("Agriculture     J.
    Smith"); a title or a sentence is never spaced out so."""
    return "   " in raw_line and bool(_SPACED_CELLS.search(raw_line.strip()))


def is_aligned_table_row(raw_line: str) -> bool:
    """A table row set with runs of spaces between columns ("Spain    56.8    32.4    1,920").

    Needs at least two column gaps (two or more spaces or tabs) and two numeric cells; prose
    never has several multi-space gaps between numbers. Four cells or more set apart by runs
    of three spaces are a row whatever they hold ("Ecuador    0,2%    80 Mt    Basado en
    ...", as a dump that keeps the layout prints a table of words): no line of running text
    is spaced out so.
    """
    if "  " not in raw_line and "\t" not in raw_line:
        return False  # no column gap (the test is much faster than the regex on long lines)
    if len(_CELL_GAP.findall(raw_line.rstrip())) < 2:
        return False
    if len(_SPACED_CELLS.findall(raw_line.strip())) >= 3:
        return True
    cells = [c.strip() for c in re.split(r" {2,}|\t+", raw_line.strip()) if c.strip()]
    return sum(1 for c in cells if _NUMERIC_CELL.match(c)) >= 2
