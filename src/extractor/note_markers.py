"""Footnote markers as reports print them: circled glyphs, carets, superscript digits.

Text dumps lose the superscript, so a marker is often glued to the word it follows:
``"capacities.4"``, ``"in 202222"`` (the year 2022 followed by note 22). Circled glyphs and
carets are unambiguous; bare digits are only taken as markers when the same page prints a note
with that number (see :func:`find_body_markers`). The functions read strings and notes only,
so ingestion, layout repair and note resolution share them, each importing downwards.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from extractor.model import Note

CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474))  # ① .. ⑳
CIRCLED_EXTRA = "".join(chr(c) for c in range(0x3251, 0x3260)) + "".join(chr(c) for c in range(0x32B1, 0x32C0))
CIRCLED_ALL = CIRCLED + CIRCLED_EXTRA
SUPERSCRIPT_DIGITS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
_SUP_TO_DIGIT = {c: str(i) for i, c in enumerate(SUPERSCRIPT_DIGITS)}

# A note line: marker at the start, then the note text.
NOTE_LINE = re.compile(
    rf"^\s*(?:\^\s*)?(?P<marker>[{CIRCLED_ALL}]|\[\d{{1,3}}\]|[{SUPERSCRIPT_DIGITS}]+)\s*(?P<text>\S.*)$"
)
# A note line numbered with plain digits ("4 World Bank ...", "4. World Bank ...", "^4 ...").
DIGIT_NOTE_LINE = re.compile(r"^\s*(?P<caret>\^\s*)?(?P<marker>\d{1,3})(?:[.)]\s*|\s+)(?P<text>[^\s\d].*)$")

# Unambiguous markers in running text. (Every match opens with a caret, a space, a bracket, a
# circled glyph or a superscript digit: the lookahead rejects any other position at once.)
_GLYPH_MARKER = re.compile(rf"(?=[\^\s\[{CIRCLED_ALL}{SUPERSCRIPT_DIGITS}])"
                           rf"(?:\^?\s?[{CIRCLED_ALL}]|\^\s?\[?\d{{1,3}}\]?|\[\^?\d{{1,3}}\]|[{SUPERSCRIPT_DIGITS}]+)")
# A character every marker of _GLYPH_MARKER holds: searching for it first is much faster than
# trying the alternation at every position of a paragraph that has no marker.
_GLYPH_MARKER_CHAR = re.compile(rf"[\^\[{CIRCLED_ALL}{SUPERSCRIPT_DIGITS}]")


def normalise_marker(raw: str) -> str:
    """``"^①"`` -> ``"①"``; ``"^4"``, ``"[4]"``, ``"⁴"`` -> ``"4"``."""
    s = raw.replace("^", "").replace("[", "").replace("]", "").strip()
    return "".join(_SUP_TO_DIGIT.get(c, c) for c in s)


def marker_number(marker: str) -> int | None:
    """The ordinal a marker stands for: ``"③"`` -> 3, ``"12"`` -> 12.

    (``str.isdigit`` is True for circled glyphs too, hence the ASCII test.)
    """
    if marker.isascii() and marker.isdigit():
        return int(marker)
    if len(marker) == 1:
        cp = ord(marker)
        if 0x2460 <= cp <= 0x2473:
            return cp - 0x2460 + 1
        if 0x3251 <= cp <= 0x325F:
            return cp - 0x3251 + 21
        if 0x32B1 <= cp <= 0x32BF:
            return cp - 0x32B1 + 36
    return None


@dataclass(frozen=True)
class FoundMarker:
    start: int  # span of the marker in the text it was found in
    end: int
    raw: str
    marker: str


def find_body_markers(text: str, note_numbers: set[str]) -> list[FoundMarker]:
    """Markers in a body paragraph.

    ``note_numbers`` are the digit markers of the notes printed on the same page; a bare number
    glued to a word or to closing punctuation counts as a marker only if it is one of them, so
    that "reached 90%" is never read as note 90 and "202222" splits into 2022 and note 22 only
    where note 22 exists.
    """
    # every marker holds one of these characters, at most one space after its start: the search
    # starts just before the first
    first = _GLYPH_MARKER_CHAR.search(text)
    glyphs = _GLYPH_MARKER.finditer(text, max(0, first.start() - 1)) if first else iter(())
    found = [
        FoundMarker(m.start(), m.end(), m.group(), normalise_marker(m.group())) for m in glyphs
        if not _is_exponent(text, m.start(), m.group())
    ]
    if note_numbers:
        found.extend(_glued_digit_markers(text, note_numbers, {(f.start, f.end) for f in found}))
    found.sort(key=lambda f: f.start)
    return found


# Each pattern below opens with a digit (or the space before one), not with a lookbehind, so
# that the regex engine skips ahead to where it can match instead of trying every position of a
# paragraph (the lookbehinds are tested after the first characters are matched).

# digits glued to a letter, closing quote/bracket or sentence punctuation, at a word's end;
# never the decimals or thousands of a number ("1.8 million", "3,5"), even where the dump set a
# space inside it ("Strategic Objective 1 .1:"), nor a time or a chart's period label ("10:42",
# "1Q:42")
_GLUED = re.compile(r"(\d(?<=[A-Za-z\.,;:\)\"\u201d\u2019'%]\d)(?<!\d[.,]\d)(?<!\d\s[.,]\d)(?<!\d:\d)(?<!\d[A-Za-z]:\d)"
                    r"\d{0,2})(?=[\s\.,;:\)]|$)")
# a superscript digit that is a power, not a marker: after a digit ("10⁶") or a unit ("km²", "m³")
_EXPONENT_BASE = re.compile(r"(?:\d|(?<![A-Za-z])(?:[kcmd]?m|ft|in|mi|yd))$")
# a note number after a whole number's full stop, before the next sentence or the end: "in
# 2022.4 The next", "fewer than 30.31" at a paragraph end
# (the number may follow a hyphen or a dash, "USA-4.95 For", "2014-2018.32", or "FY": "FY2030.249 How")
_NUMBER_STOP_GLUED = re.compile(
    r"(?:\s|[-\u2013]|FY ?)(?:\d{1,3}(?:,\d{3})+|\d+)[.](\d{1,3})(?=\s+(?:[\"\u201c(]?(?:[A-Z][a-z]|[AI]\s))|\s*$)")
# ... or after a year's comma: "since 2019,16 when", "through 2027,139 and" (after a year only:
# "3,5" may be a decimal comma)
_YEAR_COMMA_GLUED = re.compile(r"(?:19|20)(?<![\d.,]\d\d)\d\d,(\d{1,3})(?=\s)")
# a four-digit year immediately followed by a note number: "in 202222"
_YEAR_GLUED = re.compile(r"((?:19|20)(?<![\d,.]\d\d)\d\d)(\d{1,2})(?=[\s\.,;:\)]|$)")
# a note number the dump set apart after a sentence's full stop, before the next sentence:
# "other forms of generating electricity. 29 Both studies" (the superscript's lost raise; a
# sentence does not open with a bare count followed by a capitalised word that often, and the
# number must be one of the page's notes)
_SPACED_AFTER_STOP = re.compile(r"[.!?](?<=[a-z\u00df-\u00ff][.!?])[\"\u201d\u2019)]?\s(\d{1,3})(?=\s[A-Z\u00c0-\u00de][a-z\u00df-\u00ff])")
# ... or glued to both the full stop and the next sentence, where the dump lost the space too:
# "found lower breastfeeding rates.17Mothers receiving"
_STOP_GLUED_BOTH = re.compile(r"[.!?](?<=[a-z\u00df-\u00ff)][.!?])[\"\u201d\u2019)]?(\d{1,3})(?=[A-Z\u00c0-\u00de][a-z\u00df-\u00ff])")
# a typewriter's note marker, the number and a slash: "of GDP 1/ and", "in 1981,1/" (never a
# fraction or a date: no digit on either side)
_SLASH_MARKER = re.compile(r"(?<![\d/])(\d{1,2})/(?![\d/])")
# a fiscal year with a note number glued to it: "in FY241" (FY24 + note 1), "FY20241" (FY2024 +
# note 1); the digits are split in :func:`_fiscal_year_end`
_FISCAL_GLUED = re.compile(r"(?<![A-Za-z])FY ?(\d{3,6})(?=[\s\.,;:\)]|$)")
# a range of years with a note number glued to it: "2023-2410" (2023-24 + note 10),
# "2019-20205" (2019-2020 + note 5)
_RANGE_GLUED = re.compile(r"(?<![\d.,])((?:19|20)\d\d)[-\u2013/](\d{3,6})(?=[\s\.,;:\)]|$)")


def _is_exponent(text: str, start: int, raw: str) -> bool:
    if raw[:1] not in SUPERSCRIPT_DIGITS:
        return False
    return bool(_EXPONENT_BASE.search(text[max(0, start - 4):start]))


def _glued_digit_markers(text: str, note_numbers: set[str], taken: set[tuple[int, int]]) -> list[FoundMarker]:
    out: list[FoundMarker] = []
    for m in _GLUED.finditer(text):
        digits = m.group(1)
        if digits not in note_numbers:
            continue
        before = text[max(0, m.start(1) - 1)]
        if before.isalpha() and not _word_end_plausible(text, m.start(1)):
            continue
        out.append(FoundMarker(m.start(1), m.end(1), digits, digits))
    for pattern in (_NUMBER_STOP_GLUED, _YEAR_COMMA_GLUED, _SPACED_AFTER_STOP, _STOP_GLUED_BOTH):  # they never overlap
        for m in pattern.finditer(text):
            digits = m.group(1)
            if digits in note_numbers and not digits.startswith("0"):
                out.append(FoundMarker(m.start(1), m.end(1), digits, digits))
    for m in _YEAR_GLUED.finditer(text):
        digits = m.group(2)
        if digits in note_numbers and digits != "0" and not digits.startswith("0"):
            out.append(FoundMarker(m.start(2), m.end(2), digits, digits))
    for m in _SLASH_MARKER.finditer(text):
        digits = m.group(1)
        if digits in note_numbers and not digits.startswith("0"):
            out.append(FoundMarker(m.start(1), m.end(), m.group(), digits))
    for m in _FISCAL_GLUED.finditer(text):
        _add_after_year(out, m, m.group(1), _fiscal_year_end(m.group(1)), note_numbers)
    for m in _RANGE_GLUED.finditer(text):
        _add_after_year(out, m, m.group(2), _range_end(m.group(1), m.group(2)), note_numbers)
    for m in _DOTTED_GLUED.finditer(text):
        _add_after_year(out, m, m.group(2), _dotted_end(m.group(1), m.group(2)), note_numbers)
    out.extend(_listed_markers(text, out, note_numbers))
    found: dict[tuple[int, int], FoundMarker] = {}
    for f in out:  # a year's patterns may find the same marker twice ("FY20241")
        if (f.start, f.end) not in taken:
            found.setdefault((f.start, f.end), f)
    return list(found.values())


# a section number of three parts or more with a note number glued to its last part: "the
# requirement in 1.2.2.160 that" (1.2.2.1 + note 60); the digits are split in :func:`_dotted_end`
_DOTTED_GLUED = re.compile(r"(?<![\d.])((?:\d{1,2}\.){2,})(\d{3,4})(?=[\s\.,;:\)]|$)")


def _dotted_end(parts: str, run: str) -> int | None:
    """How many digits of a section number's last run are its last part: as many as its longest
    other part has ("1.2.2." + "160": one, note 60), when digits are left over."""
    width = max(len(p) for p in parts.split(".") if p)
    return width if len(run) > width else None


# the next number of a list of markers after a comma: "panel 5).10,11 they" (notes 10 and 11);
# or after a space, where it is the very next note and punctuation follows: "operations13 14."
_LISTED = re.compile(r",(\d{1,3})(?=[\s\.,;:\)]|$)")
_SPACED_NEXT = re.compile(r"\s(\d{1,3})(?=[\.,;:\)]|$)")


def _listed_markers(text: str, found: list[FoundMarker], note_numbers: set[str]) -> list[FoundMarker]:
    """The markers listed after a marker found, each after a comma and numbered higher than the
    one before ("10,11"; "3,5,8"), or after a space and numbered the next ("13 14."):
    superscript lists a dump sets flat. The number must be a note of the page, so that a
    figure's thousands ("1,500") never pass."""
    out: list[FoundMarker] = []
    for f in found:
        last, end = int(f.marker), f.end
        while m := _LISTED.match(text, end) or _SPACED_NEXT.match(text, end):
            digits = m.group(1)
            if digits not in note_numbers or digits.startswith("0") or int(digits) <= last \
                    or m.re is _SPACED_NEXT and int(digits) != last + 1:
                break
            out.append(FoundMarker(m.start(), m.end(1), m.group(), digits))  # the comma goes with it
            last, end = int(digits), m.end(1)
    return out


def _add_after_year(out: list[FoundMarker], m: re.Match[str], run: str, year_end: int | None,
                    note_numbers: set[str]) -> None:
    """The digits of ``run`` (the last group of ``m``) after its year's ``year_end`` digits are a
    marker when a note so numbered exists."""
    if year_end is None:
        return
    digits = run[year_end:]
    if digits in note_numbers and not digits.startswith("0"):
        start = m.end() - len(digits)
        out.append(FoundMarker(start, m.end(), digits, digits))


def _fiscal_year_end(run: str) -> int | None:
    """How many digits of a run after "FY" are the year: four for a year of the 1900s or 2000s
    with digits left over ("20241": FY2024), else two ("241": FY24)."""
    if len(run) >= 5 and run[:2] in ("19", "20"):
        return 4
    if len(run) == 4 and run[:2] in ("19", "20"):
        return None  # "FY2024": a year, nothing glued
    return 2 if len(run) <= 4 else None


def _range_end(first: str, run: str) -> int | None:
    """How many digits of the run after "2023-" are the range's second year: four when they read
    as a later year ("2024..."), else two when they read as a year within ten after the first
    ("24..."), else None."""
    if run[:2] in ("19", "20") and len(run) >= 4 and int(run[:4]) > int(first):
        return 4
    if 1 <= (int(run[:2]) - int(first[2:])) % 100 <= 10 and len(run) <= 4:
        return 2
    return None


def _word_end_plausible(text: str, pos: int) -> bool:
    """A marker glued to letters: accept it when the word before is a plain word, in lower case
    or capitalised ("rate1", "Defense33").

    Codes such as "G20", "COVID19", "H1N1" or "5G" are upper-case or mixed, so they are kept.
    """
    i = pos
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    word = text[i:pos]
    return len(word) >= 3 and (word.islower() or word[0].isupper() and word[1:].islower())


def strip_markers(text: str, markers: list[FoundMarker]) -> tuple[str, list[tuple[int, FoundMarker]]]:
    """Remove markers from ``text``; return the clean text and each marker's offset in it."""
    out: list[str] = []
    positions: list[tuple[int, FoundMarker]] = []
    last = 0
    length = 0
    for f in markers:
        if f.start < last:
            continue
        chunk = text[last:f.start]
        out.append(chunk)
        length += len(chunk)
        positions.append((length, f))
        last = f.end
    out.append(text[last:])
    clean = "".join(out)
    return clean, positions


#: How a report numbers its notes: restarting on every page, or through the document.
Scheme = Literal["page", "document"]


def numbering_scheme(notes: Sequence[Note]) -> Scheme:
    """``"page"`` when note numbering restarts on each page, ``"document"`` otherwise.

    Each page with notes after the first either restarts the numbering (its first note is 1) or
    continues it (its first note follows the previous page's last). Numbering restarts per page
    when more pages restart than continue; in a tie (endnotes collected on two pages after a
    stray number: 1 ... 22, then 23 ...) it runs through the document, the reading that still
    finds a per-page report's notes on the marker's own page."""
    numbers_on_page: dict[int, list[int]] = {}
    for n in sorted(notes, key=lambda n: (n.page, n.ordinal)):
        num = marker_number(n.marker)
        if num is not None:
            numbers_on_page.setdefault(n.page, []).append(num)
    pages = [numbers_on_page[p] for p in sorted(numbers_on_page)]
    if len(pages) < 2:
        return "document" if notes else "page"
    restarts = sum(1 for page in pages[1:] if page[0] == 1)
    continues = sum(1 for before, page in zip(pages, pages[1:]) if page[0] != 1 and page[0] == before[-1] + 1)
    return "page" if restarts > continues else "document"
