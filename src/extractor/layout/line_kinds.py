"""From raw pages to classified units: body, heading, note, table of contents, header, table."""
from __future__ import annotations

import re
import unicodedata

from extractor.layout import lines as L
from extractor.layout.furniture import cover_end, front_matter_end, mark_headers, mark_repeated_headings, mark_toc
from extractor.layout.heading_levels import assign_levels
from extractor.layout.heading_lines import DumpLines, read_dump
from extractor.layout.headings import (
    MAX_HEADING_CHARS,
    HeadingMatch,
    ends_open,
    heading_parts,
    is_all_caps,
    is_caption,
    is_matter,
    match_heading,
    not_a_heading,
    title_like,
)
from extractor.layout.hyphenation import Vocabulary, join_broken
from extractor.layout.markers import DIGIT_NOTE_LINE, NOTE_LINE
from extractor.layout.note_lines import (
    CARET_NOTE,
    accept_digit_notes,
    mark_endnotes,
    mark_note,
    mark_note_continuations,
    starts_digit_note,
)
from extractor.layout.units import BODY, HEADER, HEADING, LARGER, NOTE, TABLE, TITLE, Unit, set_apart
from extractor.model import RawLine, RawPage

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")


def group_units(pages: list[RawPage], vocab_texts: list[str] | None = None) -> list[Unit]:
    """Group each page's lines into units separated by blank lines.

    Lines of one unit are joined with a space, or without the hyphen where a word was broken at
    the line end. A line that starts with a footnote marker always starts a unit of its own.
    """
    raw_units: list[tuple[int, list[str], dict[str, bool]]] = []
    printed_units: list[list[str]] = []  # the same units' lines with emphasis kept
    typeset = any(line.size for page in pages for line in page.lines)
    # a text dump's headings inside its running lines (a PDF's are found from their type)
    dump = DumpLines() if typeset else read_dump(pages)
    typography: list[tuple[float, bool, int]] = []  # per unit: smallest size, all bold, lines
    sizes: list[float] = []
    bolds: list[bool] = []

    opened_alone = [False]  # did the unit being read open after a blank line or at the page's top?

    def close(page_no: int, current: list[str], flags: dict[str, bool], printed: list[str],
              at_blank: bool = False) -> None:
        if opened_alone[0] and at_blank:
            flags["between_blanks"] = True  # a unit of its own in the dump, not cut out of running lines
        raw_units.append((page_no, current, flags))
        printed_units.append(printed)
        typography.append((min(sizes) if sizes and all(sizes) else 0.0, bool(bolds) and all(bolds), len(current)))
        sizes.clear()
        bolds.clear()

    for p_index, page in enumerate(pages):
        current: list[str] = []
        printed: list[str] = []
        flags: dict[str, bool] = {}
        block_end = -1
        listed = False
        after_blank = True
        page_text: list[str] = []  # the page's lines so far
        for l_index, line in enumerate(page.lines):
            text = cleaned = L.clean_unit(line.text)
            line_flags = {"is_note": line.is_note, "is_header": line.is_header, "is_table": line.is_table}
            if line.is_side:
                line_flags["is_side"] = True  # a side heading's line: a unit of its own
            where = (p_index, l_index)
            if where in dump.side_parts:
                # a later line of a side heading scattered among its text's lines: the heading
                # took it whole, or the text goes on after it
                text = cleaned = cleaned[dump.side_parts[where]:].strip()
                if not text:
                    continue
                line = RawLine(cleaned, is_note=line.is_note, is_header=line.is_header, is_table=line.is_table)
            if where in dump.glued:
                # a side heading the dump glued to the start of its paragraph's first line
                end = dump.glued[where]
                head = dump.side_titles.get(where, cleaned[:end])
                if current:
                    close(page.number, current, flags, printed)
                current, printed, flags = [head], [head], {**line_flags, "heading_line": True, "listed": True}
                close(page.number, current, flags, printed)
                current, printed, flags = [], [], {}
                text = cleaned = cleaned[end + 1:]
                line = RawLine(cleaned, is_note=line.is_note, is_header=line.is_header, is_table=line.is_table)
            if where in dump.headings:
                block_end = l_index + dump.headings[where] - 1
                if current:  # a heading found among running lines: a unit of its own
                    close(page.number, current, flags, printed)
                    current, printed, flags = [], [], {}
            if where in dump.headings:
                listed = where in dump.listed
            if l_index <= block_end:
                line_flags["heading_line"] = True
                if listed:
                    line_flags["listed"] = True
            if where in dump.contents:
                line_flags["contents"] = True
            if where in dump.running:
                line_flags["running"] = True
            md = _MD_HEADING.match(line.text)
            if md and text:
                # "## 2.1 Water tariffs": a heading the dump marks itself; a unit of its own
                text = L.clean_unit(md.group(2))
                line_flags["md_heading"] = len(md.group(1))  # type: ignore[assignment]
                if current:
                    close(page.number, current, flags, printed)
                    current, printed, flags = [], [], {}
            if text and L.is_table_rule(text):
                text = ""  # a markdown table rule or separator line: ends the unit, carries no text
            if text and (L.is_pipe_table_row(text) or L.is_aligned_table_row(line.text)):
                line_flags["is_table"] = True  # "| a | b |": a table row, kept out of the running text
            starts_note = bool(text) and (bool(NOTE_LINE.match(text)) or bool(CARET_NOTE.match(text))
                                          or line.is_note and not flags.get("is_note"))
            toc_entry = bool(text) and L.is_toc_entry(text)
            starts_item = bool(text) and (L.is_list_item(text) or toc_entry
                                          or starts_digit_note(text, current, page_text))
            # where type is known, a line set in another size starts a unit of its own (a
            # heading in capitals above a subheading: "KEY FUNCTIONS" / "Human Capital ...")
            resized = typeset and bool(current) and bool(sizes) and line.size > 0 and sizes[-1] > 0 \
                and abs(line.size - sizes[-1]) > 0.04 * max(line.size, sizes[-1]) and not line.is_note
            if not text or starts_note or starts_item or resized \
                    or (current and line_flags != flags and not line.is_note):
                if current:
                    close(page.number, current, flags, printed, at_blank=not text)
                current, printed, flags = [], [], {}
            if text:
                if not current:
                    flags = line_flags
                    opened_alone[0] = after_blank
                current.append(text)
                sizes.append(line.size)
                bolds.append(line.bold)
                # without emphasis marks the printed form is the cleaned line
                emphasis = "*" in line.text or "_" in line.text
                printed.append(_keep_emphasis(line.text) if emphasis else cleaned)
                if toc_entry:  # a contents entry is one line: it ends its unit too
                    close(page.number, current, flags, printed)
                    current, printed, flags = [], [], {}
            after_blank = not text
            if text:
                page_text.append(text)
        if current:
            close(page.number, current, flags, printed, at_blank=True)
    vocab = Vocabulary(vocab_texts or [" ".join(ls) for _, ls, _ in raw_units])
    units: list[Unit] = []
    for (page_no, unit_lines, flags), printed_lines, (size, bold, n_lines) in zip(raw_units, printed_units, typography):
        text, shown = unit_lines[0], printed_lines[0]
        for nxt in unit_lines[1:]:
            joined = join_broken(text, nxt, vocab)
            text = joined[0] if joined else f"{text} {nxt}"
        for nxt in printed_lines[1:]:
            joined = join_broken(shown, nxt, vocab)
            shown = joined[0] if joined else f"{shown} {nxt}"
        units.append(Unit(text=text, page=page_no, flags=dict(flags), printed=shown, size=size, bold=bold,
                          n_lines=n_lines))
    return units


def _keep_emphasis(line: str) -> str:
    """A line cleaned like :func:`lines.clean_unit` but with markdown emphasis kept.

    Notes keep their ``*italics*``: in a reference the italic part is the title (a book, a
    newspaper), and the note text is reported verbatim.
    """
    text = unicodedata.normalize("NFC", line).replace("\u00ad", "").replace("\\$", "$")
    return L.collapse_spaces(text)


def classify(units: list[Unit], pages_explicit: bool) -> list[Unit]:
    """Give every unit its kind. Order matters: TOC, notes, headers, headings, body."""
    mark_toc(units)
    mark_headers(units, pages_explicit)
    if pages_explicit:
        mark_repeated_headings(units)
    typeset = any(u.size for u in units)
    for u in units:
        if u.kind != BODY:
            continue
        if u.flags.get("is_table"):
            u.kind = TABLE
            continue
        if mark_note(u):
            continue
        if DIGIT_NOTE_LINE.match(u.text):
            u.digit_candidate = True
        h = _heading_of(u, typeset)
        if h:
            u.kind, u.heading = HEADING, h
    accept_digit_notes(units, pages_explicit)
    mark_endnotes(units)
    if pages_explicit:
        mark_note_continuations(units)
    _merge_split_headings(units)
    _mark_title(units)
    _confirm_headings(units, typeset)
    assign_levels(units, typeset)
    return units


def _heading_of(u: Unit, typeset: bool) -> HeadingMatch | None:
    """The heading a body unit is, or None.

    Where the input gives typography (a PDF), a heading is a unit set apart from the body text:
    larger, or bold, or in capitals, short, not a sentence, caption, date or run of figures. Its
    wording (numbering, matter words) does not make a heading on its own there: numbered items
    of a list or a table, figure panels ("1. Twelve-Month-Forward P/E Ratios") are worded
    like headings too. In a text dump, the wording decides: a numbered or matter heading, a
    markdown heading, a line the dump sets apart (:mod:`extractor.layout.heading_lines`), or a
    short unit in title case or capitals between blank lines.
    """
    text = u.text
    if typeset:
        if not set_apart(u) or not _heading_shaped(text):
            return None
        h = match_heading(text) or heading_parts(text)
        return HeadingMatch(h.number, h.title, h.level, "typeset", h.scheme)
    h = match_heading(text)
    md_level = u.flags.get("md_heading")
    if md_level and not h:
        num = re.match(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(.*)$", text)
        number, title = (num.group(1), num.group(2)) if num else ("", text)
        return HeadingMatch(number, title, number.count(".") + 1 if number else int(md_level), "section",
                            "decimal" if number else "markdown")
    if h:
        return h
    if u.flags.get("heading_line") and _heading_shaped(text):
        return heading_parts(text)
    if u.flags.get("between_blanks") and u.n_lines == 1 and len(text.split()) <= 12 and _heading_shaped(text) \
            and (title_like(text, strict=True) or is_all_caps(text)) and not u.digit_candidate:
        return heading_parts(text)  # "Compilation Notes and Acknowledgments" between blank lines
    return None


def _heading_shaped(text: str) -> bool:
    """Short, opening with a capital or a number, not ending like a sentence (a short label may
    end with a full stop: "Appendix."), and not a caption, date or run of figures."""
    t = text.strip()
    words = t.split()
    if not words or len(t) > MAX_HEADING_CHARS or len(words) > 30 or not_a_heading(t):
        return False
    if not (t[0].isupper() or t[0].isdigit() or t[0] in "\"\u201c'\u2018\u00bf\u00a1"):
        return False
    if t.endswith((";", ",", "!", "-")) or t.endswith(".") and (len(words) > 2 or t.endswith("..") or _has_digit(t)):
        return False  # a sentence's end or a word broken at the line's end; a short label may end "."
    if t.endswith(":") and not match_heading(t):
        return False  # a label that opens a list ("Health benefits include:"), not "Chapter One:"
    if _SENTENCE_INSIDE.search(t):
        return False  # "... for Argentina. This quest translates into three missions:"
    return not L.is_toc_entry(t) and not L.is_list_item(t)


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


# a sentence's end inside the unit, or a reference's year ("Gill, I.S. and M. Raiser. 2012. Golden ...")
_SENTENCE_INSIDE = re.compile(r"[a-z]{2}[\"'\u201d\u2019]?[.!?][\"'\u201d\u2019]?\s+[\"'\u201c\u2018(]?[A-Z]|\b(?:19|20)\d\d[a-z]?\.\s")


def _confirm_headings(units: list[Unit], typeset: bool) -> None:
    """Keep the headings that head something, in the body of the report.

    A heading stands above text: the next unit (running heads aside) is a paragraph of body
    text, or a subheading that is. A figure's title stands above the chart's labels or its
    caption, a cover's lines above one another, and are not headings. Where a heading's style
    (its size and weight) is confirmed so by another heading of the document, a heading set the
    same way may stand above anything but a caption, a table or figures: back matter ("About
    the authors" above names and roles, "References" above a list set small).

    Headings before the end of the table of contents are the cover's and front matter's (title,
    imprint, "About us"), not the body's. A heading numbered with bare digits ("3 Water",
    "3. Water") must follow its predecessor (a 1, or the number before it already seen, as a
    heading or as the first part of a section's number: "2" after "1.1"): notes and list items
    are numbered too.
    """
    front_end = front_matter_end(units)
    cover = cover_end(units)
    heads = [i for i, u in enumerate(units) if u.kind == HEADING and u.heading is not None
             and not u.flags.get("md_heading")]  # a markdown heading is marked so by the dump itself
    strict = {i for i in heads if _heads_text(units, i, typeset, chain=_may_chain(units[i], typeset))}
    confirmed = {_style_key(units[i]) for i in strict} if typeset else set()
    seen_digits: set[int] = set()
    for i in heads:
        u = units[i]
        h = u.heading
        assert h is not None
        # a heading its wording marks (numbered, a matter word) or a confirmed style may stand
        # above a list ("Abbreviations" above its entries), names, a small-set reference list
        worded = match_heading(u.text) is not None
        # a division or matter heading may stand above a table or figure's caption ("Appendix."
        # above "Table A-1. ..."): its wording names a part of the report, not a chart
        named = worded or is_matter(u.text.strip().rstrip(".:"))
        # a numbered division in display type ("Appendix I: ..." set three times the text's
        # size) is a title whatever stands under it (a table, a letter reproduced as an image)
        display_division = typeset and u.size >= DISPLAY and h.scheme == "division"
        keep = i in strict or (worded or _style_key(u) in confirmed) and _heads_text(units, i, typeset, relaxed=True) \
            or named and typeset and _heads_text(units, i, typeset, relaxed=True, caption_ok=True) or display_division
        # only its look marks it a heading and it stands on the cover, before any running text
        on_cover = i <= cover and not worded and not u.flags.get("listed") and _plain_look(u)
        if i <= front_end or on_cover or not keep:
            u.kind, u.heading = BODY, None
            continue
        if h.scheme == "digit" and h.number.isdigit():
            n = int(h.number)
            if n != 1 and n - 1 not in seen_digits:
                u.kind, u.heading = BODY, None
                continue
            seen_digits.add(n)
        elif h.scheme == "decimal":
            seen_digits.add(int(h.number.split(".")[0]))  # "1.1" is in chapter 1


def _style_key(u: Unit) -> tuple[float, bool, bool]:
    return (round(u.size, 1), u.bold, is_all_caps(u.text))


def _plain_look(u: Unit) -> bool:
    return u.heading is not None and u.heading.kind in ("typeset", "plain") and not u.heading.number


def _may_chain(u: Unit, typeset: bool) -> bool:
    """May a heading stand directly above another heading? Not a text dump's unit that only its
    title case or capitals mark (a running head above the first heading of a page)."""
    return typeset or u.heading is None or u.heading.kind != "plain" or bool(u.flags.get("heading_line"))


def _heads_text(units: list[Unit], i: int, typeset: bool, relaxed: bool = False, chain: bool = True,
                caption_ok: bool = False) -> bool:
    """Is the heading at ``i`` followed by body text (through at most three subheadings)?

    ``relaxed``: by anything but a caption, a table, figures or nothing. No heading stands at
    the foot of its page with nothing under it but the page's notes: a line there followed by
    the notes is the end of a paragraph the page break cut. Where pages are known, "notes" on
    the pages after a heading, with no text between, are its text (a reference list set small
    and read as notes). ``chain``: whether subheadings may stand between.
    """
    chained = 0
    j = i + 1
    while j < len(units):
        v = units[j]
        if v.kind in (HEADER, "merged"):
            j += 1
            continue
        if v.kind == HEADING:
            chained += 1
            if not chain or chained > 3 or typeset and v.size > units[i].size * 1.04:
                return False  # a larger heading next: this one heads nothing
            j += 1
            continue
        if v.kind not in (BODY, NOTE):
            return False
        if v.text[:1].islower():
            return False  # the text goes on from it: the first line of a paragraph, not a heading
        if v.kind == NOTE and not (typeset and v.page != units[i].page):
            return False  # the foot of its page: no heading stands there with nothing under it
        if relaxed:
            small = typeset and v.kind == BODY and v.size < PROSE_SIZE
            return not small and (caption_ok or not is_caption(v.text)) and not _mostly_figures(v.text)
        return _is_prose(v, typeset and v.kind == BODY)
    return False


def _mostly_figures(text: str) -> bool:
    return sum(c.isdigit() for c in text) >= sum(c.isalpha() for c in text)


#: Running text is set at least this share of the body size (a reference list, a box's text
#: set a little smaller count).
PROSE_SIZE = 0.75


def _is_prose(u: Unit, typeset: bool) -> bool:
    """Running text: not larger than the body, several words or a sentence, not a caption."""
    if typeset and not PROSE_SIZE <= u.size < LARGER:
        return False
    words = u.text.split()
    if is_caption(u.text) or _mostly_figures(u.text):
        return False
    return len(words) >= 6 or L.ends_sentence(u.text) and len(words) >= 3


def _merge_split_headings(units: list[Unit]) -> None:
    """ "Chapter One:" on a line of its own takes the title printed on the next line; a display
    title the layout cut in two goes on in the next unit set the same way.

    Where type is known, a heading unit directly followed by another in the same size and weight,
    on the same page, is one title broken in two ("Appendix IV: Three States' Initiatives ...
    Renewable Energy" / "Technologies") when the second is not worded as a heading of its own
    and the first does not end a sentence. A line set small that repeats the title's opening
    words between the two (a running head printed level with the title) is skipped."""
    _merge_broken_titles(units)
    for i, u in enumerate(units[:-1]):
        if u.kind == HEADING and u.heading and u.heading.kind == "chapter" and not u.heading.title:
            nxt = units[i + 1]
            by_look = nxt.kind == HEADING and nxt.heading is not None and nxt.heading.kind in ("typeset", "plain")
            if (nxt.kind == BODY or by_look) and len(nxt.text) < 200 and not L.ends_sentence(nxt.text):
                u.text = f"{u.text.rstrip()} {nxt.text}"
                u.heading = HeadingMatch(u.heading.number, nxt.text, 1, "chapter", u.heading.scheme)
                nxt.kind, nxt.heading = "merged", None


def _merge_broken_titles(units: list[Unit]) -> None:
    i = 0
    while i < len(units) - 1:
        u = units[i]
        if u.kind != HEADING or not u.size or u.heading is None or L.ends_sentence(u.text):
            i += 1
            continue
        j = i + 1
        while j < len(units) - 1 and units[j].kind == HEADER:
            j += 1  # the page's running head and footer, over a page turn
        between = units[j]
        if between.kind == BODY and between.size and between.size * 1.5 < u.size and between.page == u.page \
                and _words(between.text)[:3] == _words(u.text)[:3]:
            j += 1  # the running head beside the title, repeating its words
        if j >= len(units):
            break
        v = units[j]
        # in display type (a title's size) or where the first part cannot end a title ("... of"),
        # or the second goes on in lower case; a display title may go on over a page turn
        display = u.size >= DISPLAY
        pages = (u.page, u.page + 1) if display else (u.page,)
        alike = v.page in pages and v.bold == u.bold and abs(v.size - u.size) <= 0.03 * u.size
        # the running head beside the title spells the whole of it: the title goes on in ``v``
        spelled = between is not v and _words(between.text) == _words(u.text) + _words(v.text)
        same = alike and (spelled and v.kind in (HEADING, BODY)
                          or v.kind == HEADING and v.heading is not None and match_heading(v.text) is None
                          and (display or v.text[:1].islower() or ends_open(u.text))
                          or v.kind == BODY and display and v.text[:1].islower() and len(v.text.split()) <= 6)
        if not same or len(u.text) + len(v.text) > MAX_HEADING_CHARS:
            i += 1
            continue
        u.text = f"{u.text.rstrip()} {v.text.strip()}"
        h = u.heading
        u.heading = HeadingMatch(h.number, f"{h.title} {v.text.strip()}", h.level, h.kind, h.scheme)
        v.kind, v.heading = "merged", None
        if between is not v:
            between.kind = HEADER  # the running head: out of the text
        # (the next unit may go on with the title as well)


#: A heading set this much larger than the body text is in display type (a title's size).
DISPLAY = 1.8


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _mark_title(units: list[Unit]) -> None:
    """The first unit of the report, if short and not a sentence, is its title."""
    for u in units:
        if u.kind in (HEADER, "merged"):
            continue
        # a title set in display type was taken for a heading by its look: it is the title
        by_look = u.kind == HEADING and u.heading is not None and u.heading.kind in ("typeset", "plain")
        if (u.kind == BODY or by_look) and len(u.text) < 300 and not L.ends_sentence(u.text) \
                and u.page == units[0].page:
            u.kind, u.heading = TITLE, None
        return
