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

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.errors import (
    CorruptPdfError,
    EncryptedPdfError,
    InputError,
    LimitExceededError,
    NoTextLayerError,
)
from extractor.ingest.pdf_geometry import Line, Word, font_weight, modal_size, modal_weight, reading_order
from extractor.ingest.pdf_words import char_edges, page_words
from extractor.ingest.pdf_zones import (
    Rule,
    mark_note_zone,
    mark_running_heads,
    note_label,
    paragraph_breaks,
    pitch_ratio,
    render_line,
)
from extractor.ingest.text_zones import find_charts, long_line_length
from extractor.limits import Deadline
from extractor.model import RawLine, RawPage

# Characters closer than this share of their size belong to one word.
X_TOLERANCE_RATIO = 0.15
# A page whose words read so are letter-spaced (an OCR text layer that sets each letter apart, a
# heading set with wide tracking): this share of its words or more are single letters (ordinary
# text: "a", "I", initials, 2-6%), at the tolerance above. Its words are read again at the
# wider tolerances, the one that leaves fewest single letters without joining words.
SPACED_LETTERS_SHARE = 0.3
SPACED_TOLERANCE_RATIOS = (0.3, 0.5)
_LETTERS = re.compile(r"[^\W\d_]+")


def _single_letters(words: list[dict[str, Any]]) -> tuple[float, int]:
    """The share of a page's words of letters that are one letter long, and how many there are."""
    lettered = [w["text"] for w in words if _LETTERS.fullmatch(w["text"])]
    return (sum(len(t) == 1 for t in lettered) / len(lettered) if lettered else 0.0), len(lettered)


#: Characters drawn a second time over themselves (the same glyph within a point) that make a page
#: one set in "fake bold": a few may be a stray duplicate.
OVERPRINTED_CHARS = 10


def drawn_twice(chars: list[dict[str, Any]]) -> bool:
    """Whether :data:`OVERPRINTED_CHARS` characters or more of a page are drawn again within a
    point of themselves (a heading in "fake bold": "DDeecceemmbbeerr")."""
    seen: set[tuple[str, int, int]] = set()
    again = 0
    for c in chars:
        text, x, y = c["text"], round(c["x0"]), round(c["top"])
        if not text.strip():
            continue
        if any((text, x + dx, y + dy) in seen for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
            again += 1
            if again >= OVERPRINTED_CHARS:
                return True
        seen.add((text, x, y))
    return False


def read_words(extract: Callable[[float], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """A page's words, ``extract(x_tolerance_ratio)`` read at :data:`X_TOLERANCE_RATIO`, or at a
    wider tolerance where the page's letters are spaced apart (:data:`SPACED_LETTERS_SHARE`):
    "o f f i c i a l c a p i t a l" is "official capital" (an IMF scan's OCR layer)."""
    words = extract(X_TOLERANCE_RATIO)
    share, _ = _single_letters(words)
    if share < SPACED_LETTERS_SHARE:
        return words
    # the tolerance that leaves the fewest single letters and still keeps the words apart (no
    # fewer words than the narrowest one less 3%), where it leaves few: single letters that no
    # tolerance joins are something else (a chart's letters turned on their side)
    best, best_share, narrowest = words, share, 0
    for ratio in SPACED_TOLERANCE_RATIOS:
        got = extract(ratio)
        got_share, count = _single_letters(got)
        narrowest = narrowest or count
        if count >= 0.97 * narrowest and got_share <= best_share:
            best, best_share = got, got_share
    return best if best_share < SPACED_LETTERS_SHARE / 3 else words


# A ruled table's cell holds a few words (a label, a figure, a short phrase): a "cell" of more
# words is a paragraph inside strokes drawn around the text, not a table.
TABLE_CELL_MAX_WORDS = 60


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


def read_pdf_report(path: str | Path, *, max_pages: int | None = None, timeout_s: float | None = None,
                    deadline: Deadline | None = None, password: str | None = None, ocr: bool = False) -> list[RawPage]:
    """Read a PDF report into raw pages, or raise an :class:`InputError` with a one-line reason.

    ``deadline``: the report's time limit, started by the caller (else ``timeout_s`` from now);
    ``password``: opens an encrypted PDF; ``ocr``: pages with no text but images are read by
    Tesseract (:func:`ocr_words`)."""
    path = Path(path)
    deadline = deadline or Deadline(path, timeout_s)
    _check_envelope(path)
    scans = _scan_document(path, max_pages, deadline, password, ocr)
    if not any(s.words for s in scans):
        if ocr:
            raise NoTextLayerError(path, "the PDF has no text layer and OCR found no text on its pages")
        how = "use --ocr" if ocr_available() else "run OCR on it first (or install Tesseract and use --ocr)"
        raise NoTextLayerError(path, f"the PDF has no text layer (scanned page images?); {how}")
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


def _scan_document(path: Path, max_pages: int | None, deadline: Deadline, password: str | None,
                   ocr: bool = False) -> list[PageScan]:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(path, password=password or "")
    except PdfminerException as exc:
        raise _open_error(path, exc.args[0] if exc.args else exc, password) from None
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        raise _open_error(path, exc, password) from None
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
            if deadline.expired():
                raise LimitExceededError(
                    path, f"reading took longer than the {deadline.limit_s:g} s limit (timeout_s, --timeout), "
                          f"stopped at page {page.page_number} of {n}")
            try:
                scans.append(scan_page(page))
            except Exception as exc:
                raise CorruptPdfError(path, f"page {page.page_number} cannot be read ({_why(exc)})") from None
            if ocr and not scans[-1].words and scans[-1].has_images:
                if not ocr_available():
                    raise NoTextLayerError(path, f"page {page.page_number} has no text layer and --ocr needs "
                                                 "Tesseract (Debian: apt-get install tesseract-ocr) and pytesseract")
                scans[-1].words = ocr_words(page)
        return scans
    finally:
        _close(pdf)


def _close(pdf) -> None:
    """Close a pdfplumber document, even one whose page tree is broken (pdfplumber's ``close``
    reads the pages again to close them, and would raise over the error being reported)."""
    try:
        pdf.close()
    except Exception:  # noqa: BLE001 - the document is being given up on
        try:
            pdf.stream.close()
        except Exception:  # noqa: BLE001
            pass


def _open_error(path: Path, exc: BaseException, password: str | None = None) -> InputError:
    name = type(exc).__name__
    if "Password" in name or "Encrypt" in name:
        if password:
            return EncryptedPdfError(path, "the PDF is encrypted and the password given (--password) does not open it")
        return EncryptedPdfError(path, "the PDF is encrypted and needs a password to open: give it with --password "
                                       "or REPORT_EXTRACTOR_PDF_PASSWORD")
    return CorruptPdfError(path, f"the PDF is damaged and cannot be parsed ({_why(exc)})")


def _why(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:120]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def scan_page(page) -> PageScan:
    """Words (with size and weight), thin horizontal rules and ruled tables of one pdfplumber page.

    A page whose text runs down or up the page, or upside down (a page drawn upright and saved
    with ``/Rotate``, or a landscape table turned on a portrait page), is read turned back: its
    characters, rules and size in the frame where that text is upright. A character drawn twice
    over itself (a heading in "fake bold", "DDeecceemmbbeerr") is read once (pdfplumber's
    ``dedupe_chars``, on a page that has such characters only)."""
    if drawn_twice(page.chars):
        page = page.dedupe_chars()  # (only then: it triples the time of reading a page)
    turn = text_turn(page.chars)
    if turn:
        return _scan_turned(page, turn)
    raw = read_words(lambda ratio: page.extract_words(x_tolerance_ratio=ratio, extra_attrs=["size", "fontname"],
                                                      return_chars=True))
    words = [Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], float(w["size"]), edges=char_edges(w),
                  weight=font_weight(w["fontname"]))
             for w in raw if w.get("upright", True)]
    rules: list[Rule] = []
    for obj in list(page.lines) + list(page.rects):
        if obj["bottom"] - obj["top"] <= 2.0 and obj["x1"] - obj["x0"] >= 20:
            rules.append(Rule(obj["x0"], obj["x1"], (obj["top"] + obj["bottom"]) / 2))
    tables: list[Table] = []
    if len(page.rects) + len(page.lines) >= 4:  # a ruled table needs a grid of strokes
        for t in page.find_tables():
            rows = [[" ".join((c or "").split()) for c in row] for row in t.extract()]
            if _frames_running_text(rows):
                continue
            if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
                x0, top, x1, bottom = t.bbox
                tables.append(Table(x0, top, x1, bottom, rows))
    if tables:
        words = [w for w in words if not any(_inside(w, t) for t in tables)]
        rules = [r for r in rules if not any(t.x0 - 1 <= r.x0 and r.x1 <= t.x1 + 1 and t.top - 1 <= r.y <= t.bottom + 1
                                              for t in tables)]
    return PageScan(page.page_number, float(page.width), float(page.height), words, rules, tables,
                    has_images=bool(page.images))


def _frames_running_text(rows: list[list[str]]) -> bool:
    """Strokes around running text (a page's frame or crop marks, a box's border) that
    pdfplumber reads as a table: a cell holds a paragraph, more words than a table's cell does."""
    return any(len(cell.split()) > TABLE_CELL_MAX_WORDS for row in rows for cell in row)


#: The direction a character's text advances on the page (its matrix's first column, y up), and
#: the clockwise turn, in degrees, that brings such text upright.
_TURNS = {"ltr": 0, "ttb": 90, "rtl": 180, "btt": 270}


def _advance(char: dict) -> str:
    a, b = char["matrix"][:2]
    if abs(a) >= abs(b):
        return "ltr" if a > 0 else "rtl"
    return "ttb" if b < 0 else "btt"


#: A page is read turned when this share of its text runs one other way: a page drawn upright and
#: saved turned (``/Rotate``) has all of it so. A page that also holds upright text (a chart whose
#: labels run up the page under an upright title, a cover with a stamp along its edge) is read
#: upright, its turned text left out, as before.
TURNED_SHARE = 0.9


def text_turn(chars: list[dict]) -> int:
    """The turn (90, 180 or 270 degrees) that brings a page's text upright, when nearly all of it
    runs one other way (:data:`TURNED_SHARE`); else 0."""
    counts: dict[str, int] = {}
    for c in chars:
        if c["text"].strip():
            d = _advance(c)
            counts[d] = counts.get(d, 0) + 1
    if not counts:
        return 0
    direction = max(counts, key=counts.__getitem__)
    if direction == "ltr" or counts[direction] < TURNED_SHARE * sum(counts.values()):
        return 0
    return _TURNS[direction]


def _turned_box(obj: dict, turn: int, width: float, height: float) -> tuple[float, float, float, float]:
    """``(x0, x1, top, bottom)`` of a box on a page of ``width`` x ``height`` (as displayed), in
    the frame turned by ``turn`` degrees (clockwise) where the page's text is upright."""
    x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
    if turn == 90:
        return top, bottom, width - x1, width - x0
    if turn == 270:
        return height - bottom, height - top, x0, x1
    return width - x1, width - x0, height - bottom, height - top  # 180


def _scan_turned(page, turn: int) -> PageScan:
    """:func:`scan_page` for a page whose text is turned: its characters of that direction and
    its rules, turned upright (ruled tables are not looked for; their rows read as lines)."""
    from pdfplumber.utils import extract_words

    width, height = float(page.width), float(page.height)
    direction = next(d for d, t in _TURNS.items() if t == turn)
    chars = []
    for c in page.chars:
        if _advance(c) != direction:
            continue  # text of another direction (a margin label) is left out, as on upright pages
        x0, x1, top, bottom = _turned_box(c, turn, width, height)
        # pdfminer gives a turned glyph the size of its box's height on the page, its advance:
        # turned upright, the size is the box's height in that frame, as for upright text
        chars.append({**c, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "upright": True,
                      "y0": -bottom, "y1": -top, "width": x1 - x0, "height": bottom - top, "size": bottom - top,
                      "matrix": (1, 0, 0, 1, x0, -bottom)})
    chars.sort(key=lambda c: (round(c["top"], 1), c["x0"]))
    raw = read_words(lambda ratio: extract_words(chars, x_tolerance_ratio=ratio, extra_attrs=["size", "fontname"]))
    words = [Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], float(w["size"]), weight=font_weight(w["fontname"]))
             for w in raw]
    turned_width, turned_height = (height, width) if turn in (90, 270) else (width, height)
    rules: list[Rule] = []
    for obj in list(page.lines) + list(page.rects):
        x0, x1, top, bottom = _turned_box(obj, turn, width, height)
        if bottom - top <= 2.0 and x1 - x0 >= 20:
            rules.append(Rule(x0, x1, (top + bottom) / 2))
    return PageScan(page.page_number, turned_width, turned_height, words, rules, [], has_images=bool(page.images))


#: Resolution pages are rendered at for OCR (Tesseract reads body text best at 300 dpi).
OCR_DPI = 300


def ocr_available() -> bool:
    """Tesseract on the PATH and pytesseract importable (``--ocr`` needs both)."""
    import importlib.util
    import shutil

    return shutil.which("tesseract") is not None and importlib.util.find_spec("pytesseract") is not None


def ocr_words(page) -> list[Word]:
    """The words Tesseract reads on a page image, in page coordinates; each word's size is its
    line's height, as a text layer's words have their font's size."""
    import pytesseract

    image = page.to_image(resolution=OCR_DPI).original
    data = pytesseract.image_to_data(image, output_type=pytesseract.Output.DICT)
    scale = 72.0 / OCR_DPI
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, text in enumerate(data["text"]):
        if text.strip() and float(data["conf"][i]) >= 0:
            lines.setdefault((data["block_num"][i], data["par_num"][i], data["line_num"][i]), []).append(i)
    words = []
    for members in lines.values():
        size = max(data["height"][i] for i in members) * scale
        for i in members:
            x0, top = data["left"][i] * scale, data["top"][i] * scale
            words.append(Word(data["text"][i].strip(), x0, x0 + data["width"][i] * scale, top, top + size, size))
    return words


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
    long_line = long_line_length([[ln.plain_text() for ln in lines if ln.kind == "body"] for lines in pages])
    return [
        RawPage(number=scan.number,
                lines=tuple(page_lines(lines, scan.tables, labels or all_labels, ratio, long_line, typography)),
                explicit=True, words=page_words(lines, labels or all_labels))
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
               long_line: float = float("inf"), typography: Typography | None = None) -> list[RawLine]:
    """One page as raw lines: running heads, body with paragraph breaks and tables, then notes.

    A body line is a table's row when it is set as one (cells apart by wide gaps) or when it
    reads as a chart's or a table's text between body lines (its figures, labels, caption and
    source lines, :func:`~extractor.ingest.text_zones.find_charts`; ``long_line``: a line longer
    than most body lines). Body lines carry their size relative to the body text and whether
    they are set bold (``typography``: the document's body size and weight; without it, no
    typography is given).
    """
    out: list[RawLine] = []
    heads = [ln for ln in lines if ln.kind == "header"]
    for ln in sorted(heads, key=lambda ln: ln.top):
        out += [RawLine(render_line(ln, set()), is_header=True), RawLine("")]
    body = [ln for ln in lines if ln.kind == "body"]
    weight = typography.weight if typography else None
    breaks = paragraph_breaks(body, ratio, weight)
    plain = [ln.plain_text() for ln in body]
    # a side heading in the margin ("... Since" / "1978") is no chart's text, whatever its words
    charts = {k for k in find_charts(plain, list(range(len(plain))), long_line) if body[k].column != "side"}
    pending = sorted(tables, key=lambda t: t.top)
    for k, (ln, brk) in enumerate(zip(body, breaks)):
        while pending and _before(pending[0], ln):
            out += _table_lines(pending.pop(0))
            brk = True
        if brk and out and out[-1].text:
            out.append(RawLine(""))
        tabular = ln.looks_tabular() or k in charts
        if typography:
            out.append(RawLine(render_line(ln, labels), is_table=tabular,
                               size=round(ln.size / typography.size, 2), bold=ln.is_bold(typography.weight),
                               is_side=ln.column == "side"))
        else:
            out.append(RawLine(render_line(ln, labels), is_table=tabular))
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
