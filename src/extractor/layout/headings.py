"""Recognise headings by their wording, and build section ids.

What a heading's *text* can say, whatever the house style: its numbering ("Chapter Two: Title",
"Part III", "2.1 Title", "II. Title", "A. Title", "1. Title"), the front and back matter every
report has (Preface, Executive Summary, Introduction, Conclusion, References...: the words are
data, ``data/lexicons/headings.toml``), and what it is not: a caption ("Figure 3:", "Table 2.",
"Source:"; the layout lexicon's words), a date ("16 June 2025", "Updated April 20, 2026"), a
run of chart figures, a sentence. Typography (size, weight) and position, which decide most headings of a typeset
report, are read in :mod:`extractor.layout.heading_units`; headings among the running lines of a
text dump are found in :mod:`extractor.layout.heading_lines`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractor.ingest.text_zones import is_contents_title
from extractor.line_shapes import ends_sentence
from extractor.months import MONTHS
from extractor.numbers import TENS, UNITS
from extractor.registry import lexicon

_LEXICON = lexicon("headings")


def _alternatives(words: list[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any white space."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(set(words), key=len, reverse=True))


_NUMBER_WORDS = [w for w in list(UNITS) + list(TENS)]
_NUMBER = rf"(?:{_alternatives(_NUMBER_WORDS)}|[IVXLC]{{1,6}}|\d{{1,2}}(?:\.\d{{1,2}})*|[A-Z])"
_DIVISION = re.compile(
    rf"^(?P<kind>{_alternatives(_LEXICON['divisions']['words'])})\s+(?P<num>{_NUMBER})\b\.?\s*[:.\-\u2013\u2014]?\s*"
    rf"(?P<title>.*)$",
    re.IGNORECASE,
)
_DECIMAL = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?P<title>[A-Z\"\u201c'\u2018].*)$")
_DIGIT = re.compile(r"^(?P<num>\d{1,2})(?P<dot>[.)])?\s+(?P<title>[A-Z\"\u201c'\u2018][A-Za-z\u00c0-\u024f].*)$")
# Roman numerals up to XXXIX: a report has fewer chapters than that, and "C." or "D." is a letter
_ROMAN = re.compile(r"^(?P<num>(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3}))[.)]\s+(?P<title>[A-Z\"\u201c'\u2018].*)$")
_LETTER = re.compile(r"^(?P<num>[A-H])[.)]\s+(?P<title>[A-Z\"\u201c'\u2018][a-z\u00e0-\u024f].*)$")
# A label, its number and a colon before the title: "Pathway 1: Increasing economic ...",
# "Strategic Objective 2.3: Streamline ...", "GOAL 4: OPTIMIZE ...": one to three capitalised
# words, a number (digits, "2.1", "2 .1" as some text layers space it, a Roman numeral), a colon.
# A caption's label ("Figure 3:", "Box 1:") is not a heading (:func:`not_a_heading`).
LABELLED = re.compile(
    r"^(?P<label>[A-Z][A-Za-z\-]+(?:\s+[A-Z][A-Za-z\-]+){0,2})\s+(?P<num>\d{1,2}(?:\s?\.\d{1,2}){0,2}|[IVX]{1,5})\s?:"
    r"\s+(?P<title>[A-Z\"\u201c'\u2018].*)$"
)
_MATTER = re.compile(rf"^(?P<word>{_alternatives(_LEXICON['matter']['words'] + _LEXICON['back_matter']['titles'])})"
                     r"(?![\w\-])", re.IGNORECASE)
# ... glued before its text ("Acknowledgments The authors thank ..."): a back-matter title of
# several words may open a longer one ("Order by Mail or Phone"), so only the one-word ones
_LEADING_MATTER = re.compile(
    rf"^(?P<word>{_alternatives(_LEXICON['matter']['words'] + [t for t in _LEXICON['back_matter']['titles'] if ' ' not in t])})"
    r"(?![\w\-])", re.IGNORECASE)
_LAYOUT = lexicon("layout")
_CAPTION_WORDS = [w.rstrip(".") for w in _LAYOUT["caption_openers"] + _LAYOUT["source_openers"] + _LAYOUT["inset_openers"]]
# a caption, source line or inset's title: its word, then a number or a colon ("Figure 3:",
# "Table A-1.", "Box 1.1.", "Source:", "Source :")
_CAPTION = re.compile(
    rf"^(?:{_alternatives(_CAPTION_WORDS)})\.?\s*(?:[A-Z]{{0,2}}[.\-]?[\dIVX]+[A-Za-z]?(?:[.\-]\d+)*\b|[:.])",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_NUMERIC_TOKEN = re.compile(r"^[\-\u2212+(]?[$\u20ac\u00a3]?\d[\d,.]*%?\)?[,;]?$")
_WORD = re.compile(r"[^\W\d_][\w'\u2019\-]*")
MAX_HEADING_CHARS = 220
#: A heading is a short line: at most this many words (a long title wraps over two or three
#: lines of a heading's size; a sentence of running text is longer).
MAX_HEADING_WORDS = 30
SMALL_WORDS = frozenset(_LEXICON["small_words"]["words"])


# an ellipsis that carries a title on into the headings under it ("What's the Difference
# Between . . ." / ". . . Deficit and Debt?"), at either end of a heading
_ELLIPSIS = re.compile(r"^(?:\.\s?){3}\s*|\s*(?:\.\s?){3}$|^\u2026\s*|\s*\u2026$")


def without_ellipsis(text: str) -> str:
    """The heading's wording without an ellipsis that opens or ends it, for the tests of its
    shape (the title keeps it, as printed)."""
    return _ELLIPSIS.sub("", text.strip())


def carries_on(text: str) -> bool:
    """Does the heading end with an ellipsis that the headings under it carry on ("What's the
    Difference Between . . .")?"""
    t = text.rstrip()
    return t != without_ellipsis(t) and not _ELLIPSIS.match(t)


def ends_open(line: str) -> bool:
    """Does the line end on a word that cannot end a title ("of", "and", "the", "to")? A heading
    broken there goes on, on the next line."""
    words = line.split()
    return bool(words) and (words[-1].lower() in SMALL_WORDS or words[-1] in ("&", "\u2013", "\u2014", "-"))


@dataclass(frozen=True)
class HeadingMatch:
    number: str  # "2.1", "Two", "II", "A", "" for unnumbered
    title: str
    level: int
    kind: str  # "chapter", "section", "matter"; "typeset" (set apart by typography), "plain"
    scheme: str = ""  # the numbering: "division", "decimal", "roman", "letter", "digit", "" (none)


def match_heading(text: str) -> HeadingMatch | None:
    """Classify a unit as a heading by its wording alone, or return None.

    A heading is short and does not end like a sentence (a trailing colon is allowed, as in
    "Chapter One:"). Numbered sections take their level from the depth of the number; the
    document's own order of numbering schemes refines it later (:func:`scheme_levels`).
    """
    t = text.strip()
    if not t or len(t) > MAX_HEADING_CHARS or not_a_heading(t):
        return None
    body = t.rstrip(":").strip()
    numbered_question = t.endswith("?") and bool(_DECIMAL.match(body))  # "1.1 Why compare these countries?"
    if t.endswith((".", "!", "?", ";", ",")) and not _DIVISION.match(t[:20]) and not numbered_question:
        return None
    m = _DIVISION.match(body)
    if m and (m.group("title") == "" or m.group("title")[:1].isupper() or m.group("title")[:1] in "\"\u201c"):
        return HeadingMatch(m.group("num"), m.group("title").strip(" :"), 1, "chapter", "division")
    m = _DECIMAL.match(body)
    if m and (title_like(m.group("title")) or len(body) <= 120 and not t.endswith((".", ";", ",", ":"))):
        # "2.1 Grants, council tax and business rates": numbered, short, not a sentence; many
        # publishers set headings in sentence case
        return HeadingMatch(m.group("num"), m.group("title").strip(), m.group("num").count(".") + 1, "section", "decimal")
    for pattern, scheme in ((_ROMAN, "roman"), (_LETTER, "letter")):
        m = pattern.match(body)
        if m and len(body) <= 120 and _short_title(m.group("title")):
            # "II. South Sudan", "A. Key development issues": a numeral with its full stop, a short title
            return HeadingMatch(m.group("num"), m.group("title").strip(), 1, "section", scheme)
    m = LABELLED.match(body)
    if m and len(body.split()) <= MAX_HEADING_WORDS and not re.search(r"[.;!?]\s", m.group("title")) \
            and not t.endswith((".", ";", ",")):
        return _label_match(m)
    m = _DIGIT.match(body)
    if m and len(body) < 100 and not re.search(r"\d", m.group("title")[:3]) \
            and (m.group("dot") or len(m.group("title").split()) <= 10) \
            and (title_like(m.group("title")) or len(body) <= 80 and not ends_sentence(t) and t == body):
        # "3. Water for Every Village", "1 Introduction"; a number without its full stop opens notes
        # too ("24 Data from Institut National ..."): such a title is short, and layout repair
        # keeps it only where the numbers follow each other
        return HeadingMatch(m.group("num"), m.group("title").strip(), 1, "chapter", "digit")
    m = _MATTER.match(body)
    if m and m.end() == len(body) and body[:1].isupper():
        return HeadingMatch("", body, 1, "matter")  # the matter word alone, in sentence case too: "Selected bibliography"
    if m and (len(body.split()) <= 14) and (":" in t or not ends_sentence(t)) and title_like(body.split(":")[0]):
        # "Introduction" alone or "Preface: New Mission ..." but not "Introduction of new rules was ..."
        first_clause = body.split(":")[0]
        if len(first_clause.split()) <= 4 or ":" not in body and title_like(body, strict=True):
            return HeadingMatch("", body, 1, "matter")
    return None


def heading_parts(text: str) -> HeadingMatch:
    """Any heading's number, title and numbering scheme, whatever told us it is a heading (its
    typography, its place on the page): "2.1 Prices" -> ("2.1", "Prices"), "II. South Sudan" ->
    ("II", "South Sudan"), "Prices" -> ("", "Prices")."""
    t = " ".join(text.split()).rstrip(":").strip()
    m = _DIVISION.match(t)
    if m and (m.group("title") == "" or not m.group("title")[:1].islower()):
        return HeadingMatch(m.group("num"), m.group("title").strip(" :") or t, 1, "chapter", "division")
    m = _DECIMAL.match(t)
    if m:
        return HeadingMatch(m.group("num"), m.group("title").strip(), m.group("num").count(".") + 1, "section", "decimal")
    for pattern, scheme in ((_ROMAN, "roman"), (_LETTER, "letter")):
        m = pattern.match(t)
        if m:
            return HeadingMatch(m.group("num"), m.group("title").strip(), 1, "section", scheme)
    m = _DIGIT.match(t)
    if m and m.group("dot"):
        return HeadingMatch(m.group("num"), m.group("title").strip(), 1, "section", "digit")
    m = LABELLED.match(t)
    if m:
        return _label_match(m)
    kind = "matter" if _MATTER.match(t) else "plain"
    return HeadingMatch("", t, 1, kind)


def _label_match(m: re.Match[str]) -> HeadingMatch:
    """A labelled heading: its number ("2.1" for "2 .1"), the whole heading as its title (the
    label is part of the title: "Pathway 1: ..."), and a scheme of its own per label, so that
    "Goal 1:" and "Objective 1.1:" nest in the order the document first uses them."""
    number = re.sub(r"\s+", "", m.group("num"))
    label = " ".join(m.group("label").lower().split())
    return HeadingMatch(number, m.group(0).strip(), 1, "section", f"label:{label}")


def leading_matter(text: str) -> int | None:
    """Where a front or back matter word that opens the text ends, when the text goes on with a
    capital after it ("Background For the past several decades ..."), else None."""
    m = _LEADING_MATTER.match(text)
    if m and text[m.end():m.end() + 1] == " " and text[m.end() + 1:m.end() + 2].isupper() and not _DIVISION.match(text):
        return m.end()  # (not "Appendix II Scope and Methodology": a numbered division)
    return None


def is_matter(text: str) -> bool:
    """Front or back matter by its title: "Foreword", "References", "Preface: New Mission ..."."""
    m = _MATTER.match(text.strip())
    return bool(m) and (len(text.split()) <= len(m.group("word").split()) or text.strip()[m.end():m.end() + 1] == ":")


def not_a_heading(text: str) -> bool:
    """Text that is never a heading, however it is set: a caption or a figure's source line, a
    date, a run of figures or codes (a chart's axis or data labels), a table row, a contents
    title or entry, no word at all."""
    t = " ".join(text.split())
    return is_caption(t) or is_date_line(t) or is_figures(t) or is_contents_title(t) or not _WORD.search(t) \
        or _repeats_words(t) or _codes(t) or bool(_LEADER.search(t))


_LEADER = re.compile(r"(?:\.\s?){4,}|\u2026{2,}")  # a contents entry's leader dots: "Goals . . . . .20"
_CODE = re.compile(r"^(?:[A-Z]{3}|[A-Z]{1,4}\d+[A-Z\d]*)$")  # "DEU", "TR33", "LVA10"


def _codes(text: str) -> bool:
    """A chart's axis of codes, not a title: four or more words, each a three-letter code in
    capitals ("AUS DEU GBR JPN USA"), or two or more codes with figures ("TR33 TRB1")."""
    tokens = text.split()
    codes = [t for t in tokens if _CODE.match(t)]
    with_digits = [t for t in codes if any(c.isdigit() for c in t)]
    return len(codes) == len(tokens) and (len(tokens) >= 4 or len(with_digits) >= 2)


def _repeats_words(text: str) -> bool:
    """A word other than a small one three times or more, a quarter of the words or more: a table
    row ("Guam NA NA NA"), not a title (a long title may name its subject three times: "DOE's
    Nuclear R&D Goals ... the U.S. Nuclear Power Industry, Reprocessing Spent Nuclear Fuel ...")
    or one that lists kinds of a thing ("Cash Accounting, Accrual Accounting, and Fair-Value
    Accounting": a table's cells have no commas between them)."""
    if "," in text:
        return False
    counts: dict[str, int] = {}
    words = _WORD.findall(text.lower())
    for w in words:
        if w not in SMALL_WORDS:
            counts[w] = counts.get(w, 0) + 1
    return any(n >= 3 and 4 * n >= len(words) for n in counts.values())


def is_caption(text: str) -> bool:
    """ "Figure 3:", "Table 2. Bridge Conditions", "Box 1.1. Global ...", "Source: ...", "Notes:"."""
    return bool(_CAPTION.match(text.strip()))


def is_date_line(text: str) -> bool:
    """A line that is a date and little else: "16 June 2025", "November 2024", "April 10, 2026",
    "Updated April 20, 2026", "2 Septembre 2015": a year, a day at most, one or two words of
    which one names a month (or, beside a day, any one word: a month in another language)."""
    tokens = text.replace(",", " ").split()
    if not 2 <= len(tokens) <= 5 or not any(_YEAR.match(t) for t in tokens):
        return False
    days = [t for t in tokens if t.isdigit() and not _YEAR.match(t)]
    words = [t for t in tokens if not t.isdigit()]
    if len(days) > 1 or any(int(d) > 31 for d in days) or not 1 <= len(words) <= 2 or not all(w.isalpha() for w in words):
        return False
    # a month's name, or a day with one word beside the year (a month in another language)
    return any(w.lower().rstrip(".") in MONTHS for w in words) or bool(days) and len(words) == 1


def is_figures(text: str) -> bool:
    """A chart's labels or a table row, not a title: two or more bare figures other than years
    ("0 50 100 150", "20 Overall 150"), as many digits as letters, or a figure other than a year
    at the end ("Total SDA 2.8"). A year or a number inside a title is fine ("Looking Ahead: 2021 Annual Update", "COVID-19
    Impact on First-Quarter 2021 GDP", "Outlook for 2025")."""
    label = LABELLED.match(text)
    if label:  # "Strategic Objective 1 .4: ... with 75 percent of ...": the label's number is no figure
        text = label.group("title")
    tokens = text.split()
    numbering = 1 if tokens and re.match(r"^\d{1,2}(?:\.\d{1,2})*[.)]?$", tokens[0]) else 0
    figures = sum(1 for t in tokens[numbering:] if _NUMERIC_TOKEN.match(t) and not _YEAR.match(t.strip("()[],;.")))
    letters = sum(c.isalpha() for c in text)
    digits = sum(c.isdigit() for c in text)
    # a row of a table ends with its figure: "Total SDA 2.8", "IV. Liquid liabilities 46.7"
    last_figure = len(tokens) > numbering + 1 and _NUMERIC_TOKEN.match(tokens[-1]) and not _YEAR.match(tokens[-1].strip("()[],;."))
    return figures >= 2 or digits >= letters or bool(last_figure)


def _short_title(title: str) -> bool:
    """A numbered title that reads as a heading: short, not a sentence (no full stop inside)."""
    words = title.split()
    return 1 <= len(words) <= 16 and not re.search(r"[.;!?]\s", title) and not title.rstrip().endswith((".", ";", ","))


def title_like(title: str, strict: bool = False) -> bool:
    """Most content words capitalised, as headings are typeset (or the whole title in capitals)."""
    words = _WORD.findall(title)
    if not words:
        return False
    content = [w for w in words if w.lower() not in SMALL_WORDS]
    if not content:
        return False
    caps = sum(1 for w in content if w[0].isupper())
    return caps / len(content) >= (0.8 if strict else 0.6)


def is_all_caps(text: str) -> bool:
    """Every letter a capital, and at least two words of letters ("EXECUTIVE SUMMARY", "SUMMARY")."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def section_id_for(number: str, title: str, level: int) -> str:
    """A stable id from the heading itself: ``"s2.1"``, ``"ch-two"``, ``"preface"``."""
    if number and level > 1:
        return f"s{number}"
    if number:
        return f"ch-{number.lower()}"
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:40] or "untitled"
