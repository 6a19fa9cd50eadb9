"""From raw pages to classified units: body, heading, note, table of contents, header, table.

:func:`group_units` cuts each page's lines into units; :func:`classify` gives every unit its
kind in a fixed order of passes, each in the module named for what it decides: the contents list
and page furniture (:mod:`extractor.layout.furniture`), notes (:mod:`extractor.layout.note_lines`),
headings and the title (:mod:`extractor.layout.heading_units`), heading levels
(:mod:`extractor.layout.heading_levels`). The unit and its kinds are :mod:`extractor.layout.units`.
"""
from __future__ import annotations

import re
import unicodedata

from extractor import line_shapes as L
from extractor.layout.furniture import (
    mark_contents_pages,
    mark_headers,
    mark_leader_rows,
    mark_repeated_headings,
    mark_toc,
)
from extractor.layout.heading_levels import assign_levels
from extractor.layout.heading_lines import DumpLines, read_dump
from extractor.layout.heading_units import confirm_headings, heading_of, mark_title, merge_split_headings
from extractor.layout.headings import is_contents_title
from extractor.layout.hyphenation import Vocabulary, join_broken
from extractor.note_markers import DIGIT_NOTE_LINE, NOTE_LINE
from extractor.layout.note_lines import (
    CARET_NOTE,
    accept_digit_notes,
    mark_endnotes,
    mark_note,
    mark_note_continuations,
    starts_digit_note,
)
from extractor.layout.units import BODY, HEADING, TABLE, Unit
from extractor.model import RawLine, RawPage

#: a contents title atop a page ("Contents", "List of Tables") among its first lines is a unit of
#: its own, so that the entries under it are read as the contents (furniture.mark_contents_pages)
_TITLE_LINES = 3
# "## 2.1 Water tariffs": a heading the dump marks itself
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
    spaced = [False]  # does a line of the unit being read hold cells set apart by runs of spaces?

    def close(page_no: int, current: list[str], flags: dict[str, bool], printed: list[str],
              at_blank: bool = False) -> None:
        if opened_alone[0] and at_blank:
            flags["between_blanks"] = True  # a unit of its own in the dump, not cut out of running lines
        if spaced[0]:
            flags["cells"] = True  # a table's row, names beside their roles: "Agriculture     J. Smith"
            spaced[0] = False
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
        contents_page = False  # a contents title opens the page ("Tables", "List of Figures")
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
            # a contents entry, or a table's row led to its cells by dots: a unit of its own
            contents_title = bool(text) and len(page_text) < _TITLE_LINES and is_contents_title(text)
            contents_page = contents_page or contents_title
            # (on a page a contents title opens, a line ending in a page number ends its entry:
            # "Table 1: Comparison of ... IGCC" / "Technologies 21")
            toc_entry = bool(text) and (L.is_toc_entry(text) or L.is_leader_line(text) or contents_title
                                        or contents_page and bool(L.PAGE_AT_END.search(text)))
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
                spaced[0] = spaced[0] or L.has_spaced_cells(line.text)
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
    """Give every unit its kind, in passes; order matters: each pass sees the kinds given before it."""
    mark_toc(units)  # first: contents entries would read as headings and notes
    mark_contents_pages(units, pages_explicit)  # the rest of a contents page, its entries read or not
    mark_leader_rows(units)  # lines with leaders outside the contents run: table rows, never body
    mark_headers(units, pages_explicit)  # running heads, footers, page numbers: out of the text before it is read
    if pages_explicit:
        mark_repeated_headings(units)  # a chapter title again atop its later pages is a running head
    typeset = any(u.size for u in units)
    for u in units:
        _kind_alone(u, typeset)  # what a unit is by itself: a table row, a note by its marker, a heading
    accept_digit_notes(units, pages_explicit)  # lines numbered 1, 2, 3 are notes only as a footnote block
    mark_endnotes(units)  # numbered lines under a "Notes" heading are notes, even those taken for headings
    if pages_explicit:
        mark_note_continuations(units)  # a note run over a page goes on above the next page's notes
    merge_split_headings(units)  # a heading cut in two ("Chapter One:" / its title) is one heading
    mark_title(units)  # the report's first unit is its title, not a heading
    confirm_headings(units, typeset)  # a heading stays where it heads text, after the front matter
    assign_levels(units, typeset)  # last: levels rank only the headings that stayed
    return units


def _kind_alone(u: Unit, typeset: bool) -> None:
    """A body unit's kind by itself: a table row, a note by its marker or the input's flag, or a
    heading by its look and wording; a line numbered with plain digits is marked a candidate note."""
    if u.kind != BODY:
        return
    if u.flags.get("is_table"):
        u.kind = TABLE
        return
    if mark_note(u):
        return
    if DIGIT_NOTE_LINE.match(u.text):
        u.digit_candidate = True
    h = heading_of(u, typeset)
    if h:
        u.kind, u.heading = HEADING, h
