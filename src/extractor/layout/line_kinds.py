"""From raw pages to classified units: body, heading, note, table of contents, header, table."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from extractor.layout import lines as L
from extractor.layout.headings import HeadingMatch, match_heading
from extractor.layout.hyphenation import Vocabulary, join_broken
from extractor.layout.markers import DIGIT_NOTE_LINE, NOTE_LINE, normalise_marker
from extractor.model import RawPage

# a note line with a caret-digit marker ("^3 Ministry of ...") is unambiguous, even inside wrapped text
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_CARET_NOTE = re.compile(r"^\^\s?\d{1,3}\s+\S")
_CARET_NOTE_LINE = re.compile(r"^\^\s?(?P<marker>\d{1,3})\s+(?P<text>\S.*)$")

BODY, HEADING, NOTE, TOC, HEADER, TABLE, TITLE = "body", "heading", "note", "toc", "header", "table", "title"


@dataclass
class Unit:
    text: str
    page: int
    kind: str = BODY
    heading: HeadingMatch | None = None
    marker: str = ""  # for notes
    digit_candidate: bool = False  # a line that may be a note numbered with plain digits
    printed: str = ""  # the text with markdown emphasis kept: a note's italics mark its title
    flags: dict[str, bool] = field(default_factory=dict)


def group_units(pages: list[RawPage], vocab_texts: list[str] | None = None) -> list[Unit]:
    """Group each page's lines into units separated by blank lines.

    Lines of one unit are joined with a space, or without the hyphen where a word was broken at
    the line end. A line that starts with a footnote marker always starts a unit of its own.
    """
    raw_units: list[tuple[int, list[str], dict[str, bool]]] = []
    printed_units: list[list[str]] = []  # the same units' lines with emphasis kept
    for page in pages:
        current: list[str] = []
        printed: list[str] = []
        flags: dict[str, bool] = {}
        for line in page.lines:
            text = cleaned = L.clean_unit(line.text)
            line_flags = {"is_note": line.is_note, "is_header": line.is_header, "is_table": line.is_table}
            md = _MD_HEADING.match(line.text)
            if md and text:
                # "## 2.1 Water tariffs": a heading the dump marks itself; a unit of its own
                text = L.clean_unit(md.group(2))
                line_flags["md_heading"] = len(md.group(1))  # type: ignore[assignment]
                if current:
                    raw_units.append((page.number, current, flags))
                    printed_units.append(printed)
                    current, printed, flags = [], [], {}
            if text and L.is_table_rule(text):
                text = ""  # a markdown table rule or separator line: ends the unit, carries no text
            if text and (L.is_pipe_table_row(text) or L.is_aligned_table_row(line.text)):
                line_flags["is_table"] = True  # "| a | b |": a table row, kept out of the running text
            starts_note = bool(text) and (bool(NOTE_LINE.match(text)) or bool(_CARET_NOTE.match(text))
                                          or line.is_note and not flags.get("is_note"))
            toc_entry = bool(text) and L.is_toc_entry(text)
            starts_item = bool(text) and (L.is_list_item(text) or toc_entry or _starts_digit_note(text, current))
            if not text or starts_note or starts_item or (current and line_flags != flags and not line.is_note):
                if current:
                    raw_units.append((page.number, current, flags))
                    printed_units.append(printed)
                current, printed, flags = [], [], {}
            if text:
                if not current:
                    flags = line_flags
                current.append(text)
                # without emphasis marks the printed form is the cleaned line
                emphasis = "*" in line.text or "_" in line.text
                printed.append(_keep_emphasis(line.text) if emphasis else cleaned)
                if toc_entry:  # a contents entry is one line: it ends its unit too
                    raw_units.append((page.number, current, flags))
                    printed_units.append(printed)
                    current, printed, flags = [], [], {}
        if current:
            raw_units.append((page.number, current, flags))
            printed_units.append(printed)
    vocab = Vocabulary(vocab_texts or [" ".join(ls) for _, ls, _ in raw_units])
    units: list[Unit] = []
    for (page_no, unit_lines, flags), printed_lines in zip(raw_units, printed_units):
        text, shown = unit_lines[0], printed_lines[0]
        for nxt in unit_lines[1:]:
            joined = join_broken(text, nxt, vocab)
            text = joined[0] if joined else f"{text} {nxt}"
        for nxt in printed_lines[1:]:
            joined = join_broken(shown, nxt, vocab)
            shown = joined[0] if joined else f"{shown} {nxt}"
        units.append(Unit(text=text, page=page_no, flags=dict(flags), printed=shown))
    return units


_DIGIT_NOTE_START = re.compile(r"^\^?\d{1,3}[.)]?\s+[A-Z\"\u201c*]")


def _starts_digit_note(text: str, current: list[str]) -> bool:
    """Does a line numbered with plain digits start a new unit inside wrapped text?

    Yes when it reads like a note ("2 Bank of Spain, ...": a number, then a capital) and the
    lines before are a note of the same kind or end a sentence; a wrapped line that merely starts
    with a count ("12 regions joined ...") does not.
    """
    if not current or not _DIGIT_NOTE_START.match(text):
        return False
    return bool(_DIGIT_NOTE_START.match(current[0])) or L.ends_sentence(current[-1])


def _keep_emphasis(line: str) -> str:
    """A line cleaned like :func:`lines.clean_unit` but with markdown emphasis kept.

    Notes keep their ``*italics*``: in a reference the italic part is the title (a book, a
    newspaper), and the note text is reported verbatim.
    """
    text = unicodedata.normalize("NFC", line).replace("\u00ad", "").replace("\\$", "$")
    return L.collapse_spaces(text)


def _note_text(u: Unit, pattern: re.Pattern[str], cleaned: str) -> str:
    """A note's text as printed (emphasis kept) when the printed line parses the same way;
    ``cleaned``: the text ``pattern`` finds in ``u.text``, stripped."""
    if u.printed == u.text:
        return cleaned  # printed without emphasis: the same line, parsed the same way
    m = pattern.match(u.printed) if u.printed else None
    if m and L.clean_unit(m.group("text")) == cleaned:
        return m.group("text").strip()
    return cleaned


def classify(units: list[Unit], pages_explicit: bool) -> list[Unit]:
    """Give every unit its kind. Order matters: TOC, notes, headers, headings, body."""
    _mark_toc(units)
    _mark_headers(units, pages_explicit)
    if pages_explicit:
        _mark_repeated_headings(units)
    for u in units:
        if u.kind != BODY:
            continue
        if u.flags.get("is_table"):
            u.kind = TABLE
            continue
        m = NOTE_LINE.match(u.text)
        if m or u.flags.get("is_note"):
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
            continue
        if DIGIT_NOTE_LINE.match(u.text):
            u.digit_candidate = True
        h = match_heading(u.text)
        md_level = u.flags.get("md_heading")
        if md_level and not h:
            num = re.match(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(.*)$", u.text)
            number, title = (num.group(1), num.group(2)) if num else ("", u.text)
            h = HeadingMatch(number, title, number.count(".") + 1 if number else int(md_level), "section")
        if h:
            u.kind, u.heading = HEADING, h
    _accept_digit_notes(units, pages_explicit)
    _mark_endnotes(units)
    if pages_explicit:
        _mark_note_continuations(units)
    _merge_split_headings(units)
    _mark_title(units)
    return units


def _mark_toc(units: list[Unit]) -> None:
    """Find the table of contents: a run of entries with leaders and page numbers near the start.

    The run may start at a "Contents" heading and may contain bare chapter lines ("Chapter One:")
    and table rules between entries; it ends at the last entry before running prose resumes.
    """
    n = len(units)
    limit = max(40, n // 3)
    start = next((i for i, u in enumerate(units[:limit]) if L.is_contents_heading(u.text)), None)
    entries = [i for i, u in enumerate(units[:limit]) if L.is_toc_entry(u.text)]
    if start is None and len(entries) < 3:
        return
    if start is None:
        start = entries[0]
    i = start + 1 if L.is_contents_heading(units[start].text) else start
    last = start
    misses = 0
    while i < n and misses <= 3:
        t = units[i].text
        if L.is_toc_entry(t) or L.is_toc_glued_entry(t) or L.is_table_rule(t):
            last, misses = i, 0
        elif match_heading(t) or len(t) < 120 and not L.ends_sentence(t):
            misses += 1  # a chapter line of the TOC, or a title broken over lines
        else:
            break
        i += 1
    for j in range(start, last + 1):
        units[j].kind = TOC


def _mark_headers(units: list[Unit], pages_explicit: bool) -> None:
    """Running headers/footers and page numbers.

    A short line whose shape (digits folded) recurs on at least three pages is a running header
    or footer; a line that is only a page number is one too. Both are removed from the text.
    Where pages are explicit, only the first and last two units of a page are candidates, as
    headers and footers are printed there.
    """
    edge: set[int] = set()
    if pages_explicit:
        by_page: dict[int, list[int]] = {}
        for i, u in enumerate(units):
            by_page.setdefault(u.page, []).append(i)
        for idx in by_page.values():
            edge.update(idx[:2] + idx[-2:])
    shapes: Counter[str] = Counter()
    pages_of: dict[str, set[int]] = {}
    for i, u in enumerate(units):
        if u.kind == BODY and len(u.text) <= 120 and (not pages_explicit or i in edge):
            key = L.shape_key(u.text)
            pages_of.setdefault(key, set()).add(u.page)
            shapes[key] += 1
    for i, u in enumerate(units):
        if u.kind != BODY:
            continue
        if u.flags.get("is_header") or L.is_page_number(u.text):
            u.kind = HEADER
            continue
        if pages_explicit and i not in edge or len(u.text) > 120:
            continue
        key = L.shape_key(u.text)
        if shapes[key] >= 3 and (len(pages_of[key]) >= 3 or not pages_explicit):
            if not NOTE_LINE.match(u.text) and not match_heading(u.text):
                u.kind = HEADER


_ENDNOTES_HEADING = re.compile(r"^\s*(?:end\s?notes|notes)\s*:?\s*$", re.IGNORECASE)


def _mark_endnotes(units: list[Unit]) -> None:
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


def _mark_repeated_headings(units: list[Unit]) -> None:
    """A chapter title printed again at the top of the chapter's later pages is a running head.

    On explicit pages, a heading-shaped unit among the first two of its page whose text was
    already seen as a heading is a running header, not a second section.
    """
    seen: set[str] = set()
    first_of_page: dict[int, list[int]] = {}
    for i, u in enumerate(units):
        if u.kind not in (HEADER,):
            first_of_page.setdefault(u.page, []).append(i)
    top = {i for idx in first_of_page.values() for i in idx[:2]}
    for i, u in enumerate(units):
        if u.kind != BODY or not match_heading(u.text):
            continue
        key = L.shape_key(u.text)
        if key in seen and i in top:
            u.kind = HEADER
        seen.add(key)


def _accept_digit_notes(units: list[Unit], pages_explicit: bool) -> None:
    """Accept lines numbered with plain digits as notes where they behave like a footnote block.

    A run of candidate lines numbered consecutively that ends a page (explicit pages) or is
    followed by a page break signal counts as a note block when every number in it appears as a
    marker glued into the body text of the page (or of the page before: a note can be printed a
    page late). On explicit pages a run at the page foot whose numbering starts at 1 or continues
    the document's previous notes needs only one of its markers found in the body.
    """
    from extractor.layout.markers import find_body_markers

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


_URLISH = re.compile(r"https?://|www\.|\bdoi:|\bAvailable (?:at|from)\b", re.IGNORECASE)


def _mark_note_continuations(units: list[Unit]) -> None:
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


def _merge_split_headings(units: list[Unit]) -> None:
    """ "Chapter One:" on a line of its own takes the title printed on the next line."""
    for i, u in enumerate(units[:-1]):
        if u.kind == HEADING and u.heading and u.heading.kind == "chapter" and not u.heading.title:
            nxt = units[i + 1]
            if nxt.kind == BODY and len(nxt.text) < 200 and not L.ends_sentence(nxt.text):
                u.text = f"{u.text.rstrip()} {nxt.text}"
                u.heading = HeadingMatch(u.heading.number, nxt.text, 1, "chapter")
                nxt.kind = "merged"


def _mark_title(units: list[Unit]) -> None:
    """The first unit of the report, if short and not a sentence, is its title."""
    for u in units:
        if u.kind in (HEADER, "merged"):
            continue
        if u.kind == BODY and len(u.text) < 300 and not L.ends_sentence(u.text) and u.page == units[0].page:
            u.kind = TITLE
        return
