"""PDF reports, read with pdfplumber into the same raw pages a text dump gives.

Two passes. The first reads every page once (words with their sizes, horizontal rules, ruled
tables) under the per-document limits. The second decides with document-wide evidence: the body
size (the size most characters are set in), the usual line pitch, the running heads that recur
across pages. Each page then becomes lines in reading order with paragraph breaks as empty
lines, running heads flagged ``is_header``, tables flagged ``is_table`` (one line per row), and
the footnote zone flagged ``is_note`` and split into notes that start with their marker. Body
markers are written as caret markers (``reached 90%^1``), so layout repair never reads a raised
"1" after "90%" as part of the number.

Every failure is one line naming the file and the reason: encrypted, no text layer (scanned),
truncated or corrupt, no pages, more pages than ``max_pages``, slower than ``timeout_s``.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import (
    CorruptPdfError,
    EncryptedPdfError,
    InputError,
    LimitExceededError,
    NoTextLayerError,
)
from extractor.ingest.pdf_geometry import Line, Word, font_weight, modal_size, modal_weight, reading_order
from extractor.ingest.pdf_zones import (
    Rule,
    mark_note_zone,
    mark_running_heads,
    note_label,
    paragraph_breaks,
    pitch_ratio,
    render_line,
)
from extractor.model import RawLine, RawPage

# Characters closer than this share of their size belong to one word.
X_TOLERANCE_RATIO = 0.15


@dataclass
class Table:
    x0: float
    top: float
    x1: float
    bottom: float
    rows: list[list[str]]


@dataclass
class PageScan:
    """What the first pass keeps of a page: enough to decide everything else without pdfplumber."""

    number: int
    width: float
    height: float
    words: list[Word]
    rules: list[Rule] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    has_images: bool = False


def read_pdf_report(path: str | Path, *, max_pages: int | None = None,
                    timeout_s: float | None = None) -> list[RawPage]:
    """Read a PDF report into raw pages, or raise an :class:`InputError` with a one-line reason."""
    path = Path(path)
    started = time.monotonic()
    _check_envelope(path)
    scans = _scan_document(path, max_pages, timeout_s, started)
    if not any(s.words for s in scans):
        raise NoTextLayerError(path, "the PDF has no text layer (scanned page images?); run OCR on it first")
    return assemble_pages(scans)


# ---------------------------------------------------------------------------------------------
# First pass: pdfplumber


def _check_envelope(path: Path) -> None:
    """Cheap structural checks before parsing: a PDF header at the start and an end-of-file marker.

    A download cut short loses the ``%%EOF`` trailer; pdfminer would otherwise try to recover
    and silently return fewer pages.
    """
    try:
        with path.open("rb") as f:
            head = f.read(1024)
            f.seek(0, 2)
            size = f.tell()
            f.seek(max(0, size - 2048))
            tail = f.read()
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if size == 0:
        raise InputError(path, "the file is empty")
    if b"%PDF-" not in head:
        raise CorruptPdfError(path, "not a PDF file (no %PDF header)")
    if b"%%EOF" not in tail:
        raise CorruptPdfError(path, "the PDF is truncated (no %%EOF at the end of the file)")


def _scan_document(path: Path, max_pages: int | None, timeout_s: float | None, started: float) -> list[PageScan]:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(path)
    except PdfminerException as exc:
        raise _open_error(path, exc.args[0] if exc.args else exc) from None
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        raise _open_error(path, exc) from None
    try:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise CorruptPdfError(path, f"the PDF's page tree cannot be read ({_why(exc)})") from None
        n = len(pages)
        if n == 0:
            raise InputError(path, "the PDF has no pages")
        if max_pages is not None and n > max_pages:
            raise LimitExceededError(path, f"the PDF has {n} pages, more than the limit of {max_pages} (max_pages)")
        scans: list[PageScan] = []
        for page in pages:
            if timeout_s is not None and time.monotonic() - started > timeout_s:
                raise LimitExceededError(
                    path, f"reading took longer than the {timeout_s:g} s limit (timeout_s), stopped at page "
                          f"{page.page_number} of {n}")
            try:
                scans.append(scan_page(page))
            except Exception as exc:
                raise CorruptPdfError(path, f"page {page.page_number} cannot be read ({_why(exc)})") from None
        return scans
    finally:
        pdf.close()


def _open_error(path: Path, exc: BaseException) -> InputError:
    name = type(exc).__name__
    if "Password" in name or "Encrypt" in name:
        return EncryptedPdfError(path, "the PDF is encrypted and needs a password to open")
    return CorruptPdfError(path, f"the PDF is damaged and cannot be parsed ({_why(exc)})")


def _why(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:120]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def scan_page(page) -> PageScan:
    """Words (with size), thin horizontal rules and ruled tables of one pdfplumber page."""
    raw = page.extract_words(x_tolerance_ratio=X_TOLERANCE_RATIO, extra_attrs=["size", "fontname"])
    words = [Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], float(w["size"]), font_weight(w["fontname"]))
             for w in raw if w.get("upright", True)]
    rules: list[Rule] = []
    for obj in list(page.lines) + list(page.rects):
        if obj["bottom"] - obj["top"] <= 2.0 and obj["x1"] - obj["x0"] >= 20:
            rules.append(Rule(obj["x0"], obj["x1"], (obj["top"] + obj["bottom"]) / 2))
    tables: list[Table] = []
    if len(page.rects) + len(page.lines) >= 4:  # a ruled table needs a grid of strokes
        for t in page.find_tables():
            rows = [[" ".join((c or "").split()) for c in row] for row in t.extract()]
            if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
                x0, top, x1, bottom = t.bbox
                tables.append(Table(x0, top, x1, bottom, rows))
    if tables:
        words = [w for w in words if not any(_inside(w, t) for t in tables)]
        rules = [r for r in rules if not any(t.x0 - 1 <= r.x0 and r.x1 <= t.x1 + 1 and t.top - 1 <= r.y <= t.bottom + 1
                                              for t in tables)]
    return PageScan(page.page_number, float(page.width), float(page.height), words, rules, tables,
                    has_images=bool(page.images))


def _inside(w: Word, t: Table) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, w.center
    return t.x0 <= cx <= t.x1 and t.top <= cy <= t.bottom


# ---------------------------------------------------------------------------------------------
# Second pass: geometry and typography into raw pages


def assemble_pages(scans: list[PageScan]) -> list[RawPage]:
    """Decide lines, running heads, notes and paragraphs with document-wide evidence."""
    body_size = modal_size([w for s in scans for w in s.words])
    pages = [reading_order(s.words, body_size, s.width) for s in scans]
    mark_running_heads(pages, [s.height for s in scans])
    for lines, scan in zip(pages, scans):
        mark_note_zone(lines, scan.rules, body_size)
    ratio = pitch_ratio(pages, body_size)
    # the running text's size and weight, what a heading is set apart from: measured on the body
    # zone only (a report with long notes has more characters in note size than in body size)
    body_words = [w for lines in pages for ln in lines if ln.kind == "body" for w in ln.words]
    typography = Typography(modal_size(body_words) or body_size, modal_weight(body_words))
    all_labels: set[str] = set()
    page_labels: list[set[str]] = []
    for lines in pages:
        labels = {lab for lab, _ in _notes(lines)}
        page_labels.append(labels)
        all_labels |= labels
    return [
        RawPage(number=scan.number, lines=tuple(page_lines(lines, scan.tables, labels or all_labels, ratio, typography)),
                explicit=True)
        for lines, scan, labels in zip(pages, scans, page_labels)
    ]


def _notes(lines: list[Line]) -> list[tuple[str, list[Line]]]:
    """The footnote zone split into notes: (label, lines); lines before any label get label ""."""
    notes: list[tuple[str, list[Line]]] = []
    previous: int | None = None
    for ln in (ln for ln in lines if ln.kind == "note"):
        found = note_label(ln, previous)
        if found:
            label = found[0]
            notes.append((label, [ln]))
            previous = int(label) if label.isascii() and label.isdigit() else None
        elif notes:
            notes[-1][1].append(ln)
        else:
            notes.append(("", [ln]))
    return notes


@dataclass(frozen=True)
class Typography:
    """How the running text of a document is set: its size and font weight."""

    size: float
    weight: int


def page_lines(lines: list[Line], tables: list[Table], labels: set[str], ratio: float,
               typography: Typography | None = None) -> list[RawLine]:
    """One page as raw lines: running heads, body with paragraph breaks and tables, then notes.

    Body lines carry their size relative to the body text and whether they are set bold
    (``typography``: the document's body size and weight; without it, no typography is given).
    """
    out: list[RawLine] = []
    heads = [ln for ln in lines if ln.kind == "header"]
    for ln in sorted(heads, key=lambda ln: ln.top):
        out += [RawLine(render_line(ln, set()), is_header=True), RawLine("")]
    body = [ln for ln in lines if ln.kind == "body"]
    weight = typography.weight if typography else None
    breaks = paragraph_breaks(body, ratio, weight)
    pending = sorted(tables, key=lambda t: t.top)
    for ln, brk in zip(body, breaks):
        while pending and _before(pending[0], ln):
            out += _table_lines(pending.pop(0))
            brk = True
        if brk and out and out[-1].text:
            out.append(RawLine(""))
        if typography:
            out.append(RawLine(render_line(ln, labels), is_table=ln.looks_tabular(),
                               size=round(ln.size / typography.size, 2), bold=ln.is_bold(typography.weight)))
        else:
            out.append(RawLine(render_line(ln, labels), is_table=ln.looks_tabular()))
    for t in pending:
        out += _table_lines(t)
    for label, note_lines in _notes(lines):
        out.append(RawLine(""))
        for k, ln in enumerate(note_lines):
            if k == 0 and label:
                rest = render_line(ln, labels, skip=1)
                marker = f"^{label}" if label.isascii() and label.isdigit() else label
                out.append(RawLine(f"{marker} {rest}".rstrip(), is_note=True))
            else:
                out.append(RawLine(render_line(ln, labels), is_note=True))
    return out


def _before(t: Table, ln: Line) -> bool:
    """Does the table come before this line in reading order (above it, in the same column)?"""
    overlaps = ln.x0 < t.x1 and t.x0 < ln.x1
    return overlaps and t.top < ln.top


def _table_lines(t: Table) -> list[RawLine]:
    return [RawLine("")] + [RawLine(" | ".join(row), is_table=True) for row in t.rows] + [RawLine("")]
