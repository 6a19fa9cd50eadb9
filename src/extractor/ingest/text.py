"""Text dumps of reports (``.txt``, ``.md``): one file, pages marked by form feeds or not at all."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from extractor.errors import InputError
from extractor.ingest.text_columns import split_columns
from extractor.ingest.text_letters import repair_letters
from extractor.ingest.text_seams import unsplice_pages
from extractor.ingest.text_margin import find_margin, lift_margin, recurring_labels
from extractor.ingest.text_zones import pages_from_blank_lines, zone_pages
from extractor.limits import check_line_length, check_text_size
from extractor.model import RawLine, RawPage

# A line that is nothing but a page marker some converters write between pages.
_PAGE_MARKER = re.compile(
    r"^\s*(?:-{2,}|={2,}|\[)?\s*page\s+\d+(?:\s+of\s+\d+)?\s*(?:-{2,}|={2,}|\])?\s*$", re.IGNORECASE
)


# Control characters that are no text (a backspace a converter left after a running head):
# every C0 control but tab, line feed, form feed (a page break) and carriage return, and DEL.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


# A number glued to the word after it, as pdfplumber's text of a page typeset with tight word
# spacing writes it ("a 70percent majority", "($3.7billion)", "at 300basis points"): the number
# starts a token (after a currency sign at most; never inside a web address, "%2050", "/22") and
# a lower-case word of four letters or more follows it up to a non-letter. Typeset reports glue
# to a number only short unit symbols and endings ("5km", "10am", "3rd", "1990s", "CO2"), which
# are left alone; a longer word glued to it is the dump's lost space.
_GLUED_WORD = re.compile(r"(?<![\w.,$%/=&?#\u20ac\u00a3])([$\u20ac\u00a3]?\d(?:[\d.,]*\d)?)(?=[a-z\u00df-\u00ff]{4,}(?![^\W\d_]))")


def unglue_number_words(line: str) -> str:
    """``line`` with a space between a number and the word glued to it ("70percent" -> "70
    percent"): the claim rules read a number and its unit as two words, as the PDF backend,
    which places words by their gaps, writes them."""
    return _GLUED_WORD.sub(r"\1 ", line)


#: Byte-order marks and their encodings, longest first (UTF-32's LE mark starts like UTF-16's).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(data: bytes, path: str | Path) -> str:
    """Decode a text dump: by its byte-order mark (UTF-8, UTF-16 or UTF-32, as Windows editors
    save "Unicode" text), else UTF-8, else Windows-1252; refuse binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(path, f"the file starts as {encoding.upper()} text but is not") from None
            if not text.strip():
                raise InputError(path, "the file is empty")
            if "\x00" in text[:4096]:
                raise InputError(path, "the file is binary, not a text dump (NUL characters found)")
            return text
    if not data.strip():
        raise InputError(path, "the file is empty")
    if b"\x00" in data[:4096]:
        raise InputError(path, "the file is binary, not a text dump (NUL bytes found)")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(path, "the file is neither UTF-8 nor Windows-1252 text")


def _repaired(lines: list[str]) -> list[str]:
    """A page's lines with the letters the dump got wrong put right (overprinted, run together:
    :func:`~extractor.ingest.text_letters.repair_letters`) and numbers unglued from words."""
    return [unglue_number_words(line) for line in repair_letters(lines)]


def split_pages(text: str) -> list[RawPage]:
    """Split a text dump into pages, their lines flagged as page furniture, notes or chart text.

    Form feeds (as ``pdftotext`` writes them) and lines such as ``--- Page 3 ---`` mark pages
    explicitly; so does the blank line between pages of a dump that has none inside a page (a
    pdfplumber dump, see :func:`~extractor.ingest.text_zones.pages_from_blank_lines`). A page
    laid out in two columns with spaces is read column by column
    (:func:`~extractor.ingest.text_columns.split_columns`), as is one whose columns the dump
    spliced line by line with single spaces (:func:`~extractor.ingest.text_seams.unsplice_pages`),
    and the side headings of a margin
    column are lifted out of the text's lines (:func:`~extractor.ingest.text_margin.find_margin`). The lines of such pages are zoned (:func:`~extractor.ingest.text_zones.zone_pages`). Without either,
    the whole dump is one page with ``explicit=False`` and layout repair infers page breaks from
    the footnote blocks.
    """
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    chunks: list[list[str]] = [[]]
    explicit = False
    for line in text.split("\n"):
        parts = line.split("\f")
        for i, part in enumerate(parts):
            if i > 0:
                chunks.append([])
                explicit = True
            if _PAGE_MARKER.match(part):
                if chunks[-1]:
                    chunks.append([])
                explicit = True
                continue
            chunks[-1].append(part)
    if explicit:
        # (a page marker line followed by a form feed leaves an empty chunk between them)
        chunks = [c for c in chunks if any(s.strip() for s in c)]
    else:
        by_blank_lines = pages_from_blank_lines(chunks[0])
        if by_blank_lines is None:
            lines = _repaired(chunks[0])
            if not any(s.strip() for s in lines):
                return []
            return [RawPage(number=1, lines=tuple(RawLine(s) for s in lines), explicit=False)]
        chunks = by_blank_lines  # pages with no text keep their number (a scanned page without OCR)
    chunks = [_repaired(lines) for lines in chunks]
    chunks = [split_columns(lines) for lines in chunks]  # a page laid out in two columns, read in order
    chunks = unsplice_pages(chunks)  # two columns a dump spliced line by line with single spaces
    # side headings in a margin column, lifted out of the text's lines (not a table's labels)
    margins = [find_margin(lines) for lines in chunks]
    labels = recurring_labels(margins)
    lifted = [lift_margin(lines, margin, labels) for lines, margin in zip(chunks, margins)]
    chunks, side = [page[0] for page in lifted], [page[1] for page in lifted]
    return [RawPage(number=i + 1, lines=tuple(lines), explicit=True)
            for i, lines in enumerate(zone_pages(chunks, side=side))]


def read_text_report(path: Path, *, max_text_mb: float | None = None,
                     max_line_chars: int | None = None) -> list[RawPage]:
    """A text dump's pages, within the size and line-length limits (:mod:`extractor.limits`)."""
    try:
        check_text_size(path, path.stat().st_size, max_text_mb)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None
    text = decode_text(data, path)
    check_line_length(path, text, max_line_chars)
    pages = split_pages(text)
    if not pages:
        raise InputError(path, "the file has no text")
    return pages
