"""Which units are notes: footnotes by their markers, a footnote block numbered with plain
digits, endnotes under a "Notes" heading, a note that runs over a page.

A marker that cannot be anything else (a circled digit, "[3]", superscript digits:
:mod:`extractor.note_markers`), or the input's own note zone, makes a note at once
(:func:`mark_note`). A line numbered with plain digits or a caret ("2 Bank of Spain, ...",
"^2 ...") may as well be a list item or a wrapped line that starts with a count: it is a
candidate, and a note where the candidates behave like a footnote block
(:func:`accept_digit_notes`) or stand under an endnotes heading (:func:`mark_endnotes`). Where
the markers stand in the body text, and lifting them out, is :mod:`extractor.note_markers` and
layout repair, not here.
"""
from __future__ import annotations

import re

from extractor import line_shapes as L
from extractor.layout.headings import HeadingMatch
from extractor.note_markers import DIGIT_NOTE_LINE, NOTE_LINE, find_body_markers, marker_number, normalise_marker
from extractor.layout.units import BODY, HEADER, HEADING, NOTE, TOC, Unit

# a note line with a caret-digit marker ("^3 Ministry of ...") is unambiguous, even inside wrapped text
CARET_NOTE = re.compile(r"^\^\s?\d{1,3}\s+\S")
_CARET_NOTE_LINE = re.compile(r"^\^\s?(?P<marker>\d{1,3})\s+(?P<text>\S.*)$")


_DIGIT_NOTE_START = re.compile(r"^\^?\d{1,3}[.)]?\s+[A-Z\"\u201c*]")


def starts_digit_note(text: str, current: list[str], page_text: list[str] | None = None) -> bool:
    """Does a line numbered with plain digits start a new unit inside wrapped text?

    Yes when it reads like a note ("2 Bank of Spain, ...": a number, then a capital) and the
    lines before are a note of the same kind, end a sentence, or the page's text so far
    (``page_text``) carries its number as a marker; a wrapped line that merely starts with a
    count ("12 regions joined ...") does not.
    """
    if not current or not _DIGIT_NOTE_START.match(text):
        return False
    if _DIGIT_NOTE_START.match(current[0]) or L.ends_sentence(current[-1]):
        return True
    # the page's last line of text breaks off mid-sentence above its notes: the note's number
    # glued to a word of the text above ("... for much of the world6.") marks the note
    number = re.match(r"^\^?(\d{1,3})", text)
    return bool(number) and bool(find_body_markers(" ".join(page_text or current), {number.group(1)}))


def _note_text(u: Unit, pattern: re.Pattern[str], cleaned: str) -> str:
    """A note's text as printed (emphasis kept) when the printed line parses the same way;
    ``cleaned``: the text ``pattern`` finds in ``u.text``, stripped."""
    if u.printed == u.text:
        return cleaned  # printed without emphasis: the same line, parsed the same way
    m = pattern.match(u.printed) if u.printed else None
    if m and L.clean_unit(m.group("text")) == cleaned:
        return m.group("text").strip()
    return cleaned


def mark_note(u: Unit) -> bool:
    """Is the unit a note by its own marker (a circled digit, "[3]", superscript digits) or by
    the input's flag (a PDF's note zone)? If so it becomes one, with its marker and its text."""
    m = NOTE_LINE.match(u.text)
    if not (m or u.flags.get("is_note")):
        return False
    u.kind = NOTE
    if m:
        u.marker = normalise_marker(m.group("marker"))
        u.text = _note_text(u, NOTE_LINE, m.group("text").strip())
    else:
        # "^35 46 U.S.C. §53103(d).": after a caret marker, a note may open with a figure
        d = DIGIT_NOTE_LINE.match(u.text) or _CARET_NOTE_LINE.match(u.text)
        if d:
            pattern = DIGIT_NOTE_LINE if d.re is DIGIT_NOTE_LINE else _CARET_NOTE_LINE
            u.marker, u.text = d.group("marker"), _note_text(u, pattern, d.group("text").strip())
    return True


def accept_digit_notes(units: list[Unit], pages_explicit: bool) -> None:
    """Accept lines numbered with plain digits as notes where they behave like a footnote block.

    A run of candidate lines numbered consecutively that ends a page (explicit pages) or is
    followed by a page break signal counts as a note block when every number in it appears as a
    marker glued into the body text of the page (or of the page before: a note can be printed a
    page late). On explicit pages a run at the page foot whose numbering starts at 1 or continues
    the document's previous notes needs only one of its markers found in the body.
    """
    i = 0
    n = len(units)
    last_number = 0
    while i < n:
        if not units[i].digit_candidate or units[i].kind not in (BODY, HEADING):
            if units[i].kind == NOTE and units[i].marker.isascii() and units[i].marker.isdigit():
                last_number = int(units[i].marker)
            i += 1
            continue
        j = i
        nums: list[int] = []
        while j < n and units[j].digit_candidate and units[j].kind in (BODY, HEADING) and units[j].page == units[i].page:
            d = DIGIT_NOTE_LINE.match(units[j].text)
            assert d
            num = int(d.group("marker"))
            if nums and num != nums[-1] + 1:
                break
            nums.append(num)
            j += 1
        at_page_end = j >= n or units[j].page != units[i].page or units[j].kind in (HEADER, NOTE)
        if not pages_explicit:
            at_page_end = True
        elif nums and not _leads_into(nums[-1], units, j):
            at_page_end = False
        page = units[i].page
        pages = {page, page - 1} if pages_explicit else {page}
        body_before = " ".join(u.text for u in units[max(0, i - 60):i] if u.kind == BODY and u.page in pages)
        wanted = {str(k) for k in nums}
        seen = {f.marker for f in find_body_markers(body_before, wanted)}
        continues = bool(nums) and nums[0] in (1, last_number + 1)
        strong = pages_explicit and continues and bool(seen & wanted)
        if nums and at_page_end and (wanted <= seen or strong):
            for u in units[i:j]:
                d = DIGIT_NOTE_LINE.match(u.text)
                assert d
                text = _note_text(u, DIGIT_NOTE_LINE, d.group("text").strip())
                u.kind, u.heading, u.marker, u.text = NOTE, None, d.group("marker"), text
            last_number = nums[-1]
        i = max(j, i + 1)


def _leads_into(last: int, units: list[Unit], j: int) -> bool:
    """Can a run of numbered lines ending with number ``last``, right above unit ``j``, open the
    note block that starts there (the page's first notes, which the input's note zone or their
    markers already made)?

    Only when its numbers stay below the block's first numbered note: a report's numbered
    paragraphs ("63. The industrial sector ...", "64. Services ...") above a block that opens
    with note 64 share the notes' numbers but are no notes. (A note's unnumbered lines at the
    block's top are passed over; a note between may be lost, "74 ..." above note 76.) Anything
    else below (the page's end, a running footer) leaves the run to the other tests.
    """
    page = units[j].page if j < len(units) else None
    while j < len(units) and units[j].page == page and units[j].kind == NOTE:
        number = marker_number(units[j].marker)
        if number is not None:
            return number > last
        j += 1
    return True


_ENDNOTES_HEADING = re.compile(r"^\s*(?:end\s?notes|notes)\s*:?\s*$", re.IGNORECASE)


def mark_endnotes(units: list[Unit]) -> None:
    """Endnotes: a "Notes" (or "Endnotes") heading followed by numbered lines.

    Each numbered line under the heading is a note (flag ``endnote``), until another heading or
    an unnumbered paragraph that is not a note's continuation. Numbering may restart at 1 (notes
    grouped by chapter) but otherwise goes up by one.
    """
    i = 0
    while i < len(units):
        u = units[i]
        if u.kind not in (HEADING, BODY) or not _ENDNOTES_HEADING.match(u.text):
            i += 1
            continue
        u.kind, u.heading = HEADING, u.heading or HeadingMatch("", u.text.strip().rstrip(":"), 1, "matter")
        last = 0
        j = i + 1
        while j < len(units):
            v = units[j]
            if v.kind in (HEADER, TOC):
                j += 1
                continue
            if v.kind == NOTE and v.marker.isascii() and v.marker.isdigit() and int(v.marker) in (1, last + 1):
                last = int(v.marker)  # already taken for a footnote block: it is an endnote
                v.flags["endnote"] = True
                j += 1
                continue
            d = DIGIT_NOTE_LINE.match(v.text) if v.kind in (BODY, HEADING) else None
            if d is None or int(d.group("marker")) not in (1, last + 1):
                break
            last = int(d.group("marker"))
            v.kind, v.heading, v.marker = NOTE, None, d.group("marker")
            v.text = _note_text(v, DIGIT_NOTE_LINE, d.group("text").strip())
            v.flags["endnote"] = True
            j += 1
        i = j


_URLISH = re.compile(r"https?://|www\.|\bdoi:|\bAvailable (?:at|from)\b", re.IGNORECASE)


def mark_note_continuations(units: list[Unit]) -> None:
    """A note that runs over to the next page goes on, unnumbered, above that page's notes.

    On explicit pages, an unmarked unit directly before the first note of a page's block that
    reads like a reference (a URL, "Available at ...") or starts in lower case, when the page
    before ended with notes, is that continuation: it becomes a note with an empty marker, which
    layout repair appends to the previous note. Where the input flagged the note block (a PDF's
    note zone, a text dump's block found by ``ingest.text_zones``), the backend has already
    decided what the block holds, continuations included.
    """
    prev_page_had_notes = False
    current_page = None
    for k, u in enumerate(units):
        if u.page != current_page:
            current_page = u.page
            prev_page_had_notes = any(x.kind == NOTE for x in units[max(0, k - 40):k] if x.page == u.page - 1)
        if u.kind != NOTE or not prev_page_had_notes or k == 0 or u.flags.get("is_note"):
            continue  # (a note the input flagged: the backend placed the note zone and what it holds)
        before = units[k - 1]
        if before.page != u.page or before.kind != BODY:
            continue
        if any(x.kind == NOTE for x in units[max(0, k - 40):k - 1] if x.page == u.page):
            continue  # not the first note of the page
        if _URLISH.search(before.text) or before.text[:1].islower():
            before.kind, before.marker = NOTE, ""
