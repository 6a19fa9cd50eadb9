"""The document model every stage shares.

Ingestion (``extractor.ingest``) turns a report file into :class:`RawPage` objects; layout
repair (``extractor.layout``) turns those into a :class:`Document`. Nothing after layout repair
knows which file format a report came in.

The :class:`Document` keeps one repaired text, ``Document.text``: the body blocks (headings and
paragraphs, in reading order, separated by a blank line), followed by the footnotes, then the
text of charts and tables (read for the places it names, never for claims). Every block, note,
marker and sentence carries a character span into that text, so every extracted row can point
back to the exact characters it came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class BlockKind(str, Enum):
    """What a block of text is on the page."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    FOOTNOTE = "footnote"
    TOC = "toc"
    HEADER = "header"  # running header or footer, page number
    TABLE = "table"


@dataclass(frozen=True)
class RawLine:
    """One line of text as ingestion found it, before any repair.

    An empty line separates paragraphs. Backends that see typography (PDF) write a superscript
    footnote marker as a caret marker (``"^1"``), set ``is_note`` on lines of the footnote zone,
    ``is_header`` on running headers, footers and page numbers they recognised from position,
    and ``is_table`` on lines of a table.

    Backends that see typography also say how the line is set, so that layout repair can tell a
    heading from body text: ``size`` is the line's type size relative to the body text's
    (1.0 = body size, 1.6 = a heading set 60% larger; 0.0 = not known, as in a text dump) and
    ``bold`` is True when every word of the line is set in a heavier weight than the body text.
    ``is_side`` marks a line set in the margin beside the text column, larger than the text: a
    side heading's line (GAO's house style), set apart by its place whatever its size.
    """

    text: str
    is_note: bool = False
    is_header: bool = False
    is_table: bool = False
    size: float = 0.0
    bold: bool = False
    is_side: bool = False


@dataclass(frozen=True, slots=True)
class PageWord:
    """A word as printed on a PDF page, with its box in PDF points in pdfplumber's coordinates
    (``x0``/``x1`` from the page's left edge, ``top``/``bottom`` from its top edge).

    ``line`` numbers the page's lines in reading order; ``marker`` is True for a raised footnote
    marker (the text has it as a caret marker, layout repair lifts it out); ``edges`` are the
    left edge of each character of ``text`` and then the right edge of the last (empty where the
    characters do not map one to one on ``text``, e.g. an expanded ligature).
    """

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    line: int
    marker: bool = False
    edges: tuple[float, ...] = ()


@dataclass(frozen=True)
class RawPage:
    """A page of lines as read from the input. ``number`` is 1-based.

    ``explicit`` is True when the input itself marks the page (a PDF page, a form feed in a text
    dump); False when ingestion could not see page breaks and layout repair must infer them.
    ``words``: a PDF page's body and note words with their boxes, in reading order (empty for
    text input); they take no part in layout repair and travel to :attr:`Document.page_words`.
    """

    number: int
    lines: tuple[RawLine, ...]
    explicit: bool = True
    words: tuple[PageWord, ...] = ()


@dataclass
class Section:
    """A node of the section tree: a chapter (level 1) or a numbered section (level 2+)."""

    section_id: str  # stable: derived from number or title
    number: str  # "2.1", "One", "" for unnumbered (Preface, Conclusion)
    title: str
    level: int
    parent_id: str | None
    page: int
    char_start: int
    char_end: int = -1
    heading: str = ""  # the heading as printed: "Chapter Two: China's Practice ...", "2.1 Mechanisms ..."

    @property
    def label(self) -> str:
        """Human label used in table rows, e.g. ``2.1 Mechanisms Guarding ...``."""
        if self.heading:
            return self.heading
        return f"{self.number} {self.title}" if self.number else self.title


@dataclass
class Block:
    """A contiguous piece of text of one kind.

    A paragraph that a page break split in two is one block; ``page`` is where it starts and
    ``page_breaks`` says where it goes on to the next page.
    """

    kind: BlockKind
    text: str
    page: int
    section_id: str | None
    char_start: int = -1
    char_end: int = -1
    # (offset into ``text``, page) for every page the block continues on after its first
    page_breaks: list[tuple[int, int]] = field(default_factory=list)

    def page_at(self, rel: int) -> int:
        """The page of the character at ``rel`` (an offset into this block's text)."""
        page = self.page
        for off, p in self.page_breaks:
            if rel >= off:
                page = p
        return page


@dataclass
class Note:
    """A footnote printed at the foot of ``page``, introduced by ``marker``."""

    note_id: str
    page: int
    marker: str  # normalised glyph or digits: "①", "4"
    text: str  # without the marker
    char_start: int = -1
    char_end: int = -1
    ordinal: int = 0  # position of the note on its page (1-based)


@dataclass
class Marker:
    """A footnote marker in the body text.

    Markers are removed from the repaired text; ``offset`` is the character position in
    ``Document.text`` where the marker stood (right after the word or punctuation it follows).
    """

    page: int
    marker: str
    offset: int
    raw: str  # as printed: "^①", "①", "4"


@dataclass(slots=True)
class Sentence:
    """A sentence of the body or of a note, with its span into ``Document.text``."""

    sentence_id: int
    text: str
    char_start: int
    char_end: int
    page: int
    section_id: str | None
    block_index: int
    in_note: bool = False


@dataclass
class Document:
    """A report after layout repair."""

    doc_id: str
    source_path: str
    source_format: str  # "text" or "pdf"
    sha256: str
    title: str
    text: str
    blocks: list[Block] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    n_pages: int = 0
    pages_inferred: bool = False
    removed_lines: list[tuple[int, str]] = field(default_factory=list)  # (page, text) of headers/footers
    #: PDF input: each page's words with their boxes (``RawPage.words``), by page number; empty
    #: for text input. ``extractor.provenance`` finds a span's box on its page from them.
    page_words: dict[int, tuple[PageWord, ...]] = field(default_factory=dict)

    def body_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.TITLE)]

    def section(self, section_id: str | None) -> Section | None:
        if section_id is None:
            return None
        for s in self.sections:
            if s.section_id == section_id:
                return s
        return None

    def section_label(self, section_id: str | None) -> str:
        s = self.section(section_id)
        return s.label if s else ""

    def page_at(self, offset: int) -> int:
        """The page of the body character at ``offset`` (pages are tracked per block)."""
        for b in self.blocks:
            if b.char_start <= offset <= b.char_end:
                return b.page_at(offset - b.char_start)
        return 0
