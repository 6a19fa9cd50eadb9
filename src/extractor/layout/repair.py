"""Layout repair: raw pages in, a :class:`Document` out.

Steps, each in its own module:
1. ``line_kinds``: lines grouped into units and classified (TOC, notes, headers, headings, body);
2. pages inferred from footnote blocks where the input did not mark them;
3. ``markers``: footnote markers lifted out of the body text and recorded with their offsets;
4. paragraphs that a page break (or a footnote block) split are joined again, hyphenation
   across the break repaired (``hyphenation``);
5. the section tree built from the headings; one repaired text with spans for everything: the
   body, then the notes, then the text of charts and tables.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from extractor.errors import LayoutError
from extractor import line_shapes as L
from extractor.layout.headings import section_id_for
from extractor.layout.hyphenation import Vocabulary, join_broken
from extractor.note_markers import find_body_markers, numbering_scheme, strip_markers
from extractor.layout.line_kinds import classify, group_units
from extractor.layout.units import BODY, HEADER, HEADING, NOTE, TABLE, TITLE, TOC, Unit
from extractor.model import Block, BlockKind, Document, Marker, Note, RawPage, Section

PARAGRAPH_SEP = "\n\n"
_ASCII_LETTERS = frozenset(string.ascii_letters)


@dataclass
class _Para:
    """A body paragraph being assembled from one or more units."""

    kind: BlockKind
    text: str
    page: int
    section_id: str | None
    page_breaks: list[tuple[int, int]] = field(default_factory=list)
    markers: list[tuple[int, int, str, str]] = field(default_factory=list)  # (rel offset, page, marker, raw)


def make_doc_id(stem: str, sha256: str) -> str:
    """Stable, readable document id: slug of the file name plus the first 8 hex of its hash."""
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:60] or "report"
    return f"{slug}-{sha256[:8]}"


def repair_layout(pages: list[RawPage], *, source_path: str, source_format: str, sha256: str,
                  stem: str | None = None) -> Document:
    """Turn raw pages into a repaired :class:`Document`."""
    if not pages:
        raise LayoutError(source_path, "the report has no pages")
    explicit = all(p.explicit for p in pages)
    units = classify(group_units(pages), pages_explicit=explicit)
    if not explicit:
        _infer_pages(units)
    if not any(u.kind in (BODY, HEADING) for u in units):
        raise LayoutError(source_path, "no body text found after removing the table of contents, notes and headers")

    doc_id = make_doc_id(stem or re.sub(r"\.[^.]+$", "", source_path.rsplit("/", 1)[-1]), sha256)
    notes = _collect_notes(units, doc_id)
    vocab = Vocabulary([u.text for u in units if u.kind in (BODY, HEADING, NOTE, TITLE)])
    endnotes = {u.marker for u in units if u.kind == NOTE and u.flags.get("endnote")}
    paras, sections_raw, tables = _assemble_body(units, notes, vocab, endnotes)
    document = _build_document(doc_id, source_path, source_format, sha256, units, paras, sections_raw, notes, tables,
                               n_pages=max(u.page for u in units), inferred=not explicit)
    document.page_words = {p.number: p.words for p in pages if p.words}  # PDF words, for provenance
    return document


def _infer_pages(units: list[Unit]) -> None:
    """Number pages when the input did not: a page ends after its footnote block.

    A page-number line or a running header/footer also ends a page. Several signals in a row
    (notes, then a page number) make one break.
    """
    page, pending = 1, False
    for u in units:
        if u.kind in (NOTE, HEADER):
            pending = True
        elif pending:
            page += 1
            pending = False
        u.page = page


def _collect_notes(units: list[Unit], doc_id: str) -> list[Note]:
    notes: list[Note] = []
    seen: dict[tuple[int, str], int] = {}
    ordinal: dict[int, int] = {}
    for u in units:
        if u.kind != NOTE:
            continue
        if not u.marker and notes:
            # a note continued from the page before: it belongs to the last note printed
            notes[-1].text = f"{notes[-1].text} {u.text}"
            continue
        key = (u.page, u.marker)
        seen[key] = seen.get(key, 0) + 1
        ordinal[u.page] = ordinal.get(u.page, 0) + 1
        suffix = f"-{seen[key]}" if seen[key] > 1 else ""
        notes.append(Note(note_id=f"{doc_id}-p{u.page}-n{u.marker}{suffix}", page=u.page, marker=u.marker,
                          text=u.text, ordinal=ordinal[u.page]))
    return notes


def _assemble_body(units: list[Unit], notes: list[Note], vocab: Vocabulary, endnotes: set[str] | None = None,
                   ) -> tuple[list[_Para], list[tuple[Unit, int]], list[tuple[Unit, str | None]]]:
    """Join body units into paragraphs, lift markers out, and collect headings in order, and the
    chart and table units with the section they stand in.

    ``endnotes`` are the numbers of notes printed in an endnotes section: a digit glued to a word
    may stand for one of them on any page.
    """
    note_numbers: dict[int, set[str]] = {}
    for n in notes:
        if n.marker.isascii() and n.marker.isdigit():
            note_numbers.setdefault(n.page, set()).add(n.marker)
    if numbering_scheme(notes) == "document":
        # numbered through the document, a note may be printed on the page after its marker
        printed_on = {page: set(nums) for page, nums in note_numbers.items()}
        for page, nums in printed_on.items():
            note_numbers.setdefault(page - 1, set()).update(nums)
    if endnotes:
        for page in {u.page for u in units}:
            note_numbers.setdefault(page, set()).update(endnotes)
    paras: list[_Para] = []
    headings: list[tuple[Unit, int]] = []  # (unit, index of its paragraph)
    section_id: str | None = None
    used_ids: dict[str, int] = {}
    last_body: _Para | None = None  # the paragraph a continuation could join
    tables: list[tuple[Unit, str | None]] = []
    for u in units:
        if u.kind == TABLE:
            tables.append((u, section_id))
            continue
        if u.kind in (HEADING, TITLE):
            text, found = _strip(u.text, note_numbers.get(u.page, set()))
            if u.kind == HEADING and u.heading:
                h = u.heading
                section_id = section_id_for(h.number, h.title, h.level)
                used_ids[section_id] = used_ids.get(section_id, 0) + 1
                if used_ids[section_id] > 1:  # the same heading twice: ids stay unique, stable by order
                    section_id = f"{section_id}-{used_ids[section_id]}"
                headings.append((u, len(paras)))
            para = _Para(BlockKind.HEADING if u.kind == HEADING else BlockKind.TITLE, text, u.page, section_id)
            para.markers = [(off, u.page, f.marker, f.raw) for off, f in found]
            paras.append(para)
            last_body = None
            continue
        if u.kind != BODY:
            continue
        text, found = _strip(u.text, note_numbers.get(u.page, set()))
        marks = [(off, u.page, f.marker, f.raw) for off, f in found]
        if last_body is not None and _continues(last_body, text, u.page):
            joined = join_broken(last_body.text, text, vocab)
            if joined is None:
                joined = (f"{last_body.text} {text}", len(last_body.text) + 1)
            new_text, shift = joined
            if u.page != last_body.page_breaks[-1][1] if last_body.page_breaks else u.page != last_body.page:
                last_body.page_breaks.append((shift, u.page))
            last_body.markers.extend((off + shift, pg, m, raw) for off, pg, m, raw in marks)
            last_body.text = new_text
            continue
        para = _Para(BlockKind.PARAGRAPH, text, u.page, section_id, markers=marks)
        paras.append(para)
        last_body = para
    return paras, headings, tables


def _strip(text: str, note_numbers: set[str]):
    found = find_body_markers(text, note_numbers)
    clean, positions = strip_markers(text, found)
    # a marker removed from between a word and the next word leaves no double space
    if "  " in clean:  # (a substitution would rebuild every paragraph)
        clean = re.sub(r"[ ]{2,}", " ", clean)
    return clean, positions


def _continues(prev: _Para, text: str, page: int) -> bool:
    """Does ``text`` continue the paragraph ``prev`` (split by a page break or a note block)?"""
    if not text:
        return False
    tail = prev.text.rstrip()
    if tail[-1:] in ("-", "\u2010") and tail[-2:-1] in _ASCII_LETTERS and text[:1].isalpha():
        return True
    if L.ends_sentence(tail):
        return False
    first = text.lstrip(" \"'\u201c\u2018(")[:1]  # an opening quote or bracket hides the first letter
    if first.islower():
        return True
    prev_page = prev.page_breaks[-1][1] if prev.page_breaks else prev.page
    # a paragraph cut mid-sentence at the foot of a page goes on at the top of the next one
    return page != prev_page and (first.isupper() or first.isdigit()) and len(tail) > 0


def _build_document(doc_id: str, source_path: str, source_format: str, sha256: str, units: list[Unit],
                    paras: list[_Para], headings: list[tuple[Unit, int]], notes: list[Note],
                    tables: list[tuple[Unit, str | None]], *, n_pages: int, inferred: bool) -> Document:
    parts: list[str] = []
    pos = 0
    blocks: list[Block] = []
    markers: list[Marker] = []
    for p in paras:
        if parts:
            parts.append(PARAGRAPH_SEP)
            pos += len(PARAGRAPH_SEP)
        blocks.append(Block(p.kind, p.text, p.page, p.section_id, pos, pos + len(p.text), list(p.page_breaks)))
        markers.extend(Marker(page=pg, marker=m, offset=pos + off, raw=raw) for off, pg, m, raw in p.markers)
        parts.append(p.text)
        pos += len(p.text)
    body_end = pos
    for n in notes:
        parts.append(PARAGRAPH_SEP)
        pos += len(PARAGRAPH_SEP)
        n.char_start, n.char_end = pos, pos + len(n.text)
        blocks.append(Block(BlockKind.FOOTNOTE, n.text, n.page, None, n.char_start, n.char_end))
        parts.append(n.text)
        pos += len(n.text)
    # chart and table text after the notes: no claim is read there, but a place named in a
    # table or on a chart's axis is a place the report names
    for u, section_id in tables:
        parts.append(PARAGRAPH_SEP)
        pos += len(PARAGRAPH_SEP)
        blocks.append(Block(BlockKind.TABLE, u.text, u.page, section_id, pos, pos + len(u.text)))
        parts.append(u.text)
        pos += len(u.text)
    for u in units:
        if u.kind in (TOC, HEADER):
            kind = {TOC: BlockKind.TOC, HEADER: BlockKind.HEADER}[u.kind]
            blocks.append(Block(kind, u.text, u.page, None))  # kept for reference, not in the text
    sections = _section_tree(headings, blocks, body_end)
    title = next((b.text for b in blocks if b.kind == BlockKind.TITLE), "")
    return Document(doc_id=doc_id, source_path=source_path, source_format=source_format, sha256=sha256, title=title,
                    text="".join(parts), blocks=blocks, notes=notes, markers=markers, sections=sections,
                    n_pages=n_pages, pages_inferred=inferred,
                    removed_lines=[(u.page, u.text) for u in units if u.kind == HEADER])


def _section_tree(headings: list[tuple[Unit, int]], blocks: list[Block], body_end: int) -> list[Section]:
    sections: list[Section] = []
    stack: list[Section] = []
    for unit, para_index in headings:
        h = unit.heading
        assert h is not None
        block = blocks[para_index]
        sid = block.section_id or section_id_for(h.number, h.title, h.level)
        while stack and stack[-1].level >= h.level:
            stack.pop().char_end = block.char_start
        parent = stack[-1].section_id if stack else None
        # a division's title as printed, its label and number with it ("Appendix I: Scope and
        # Methodology", "Part Two: ..."): without them it would read as another heading's title
        title = " ".join(block.text.split()) if h.scheme == "division" and block.text.strip() else h.title
        sec = Section(sid, h.number, title, h.level, parent, block.page, block.char_start, heading=block.text)
        sections.append(sec)
        stack.append(sec)
    for s in stack:
        s.char_end = body_end
    for s in sections:
        if s.char_end < 0:
            s.char_end = body_end
    return sections

