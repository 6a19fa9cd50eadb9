"""Typeset a report text dump as a realistic PDF, and make broken PDFs, for tests and benchmarks.

Real reports reach us as PDFs, but the only report we can ship is a text dump. This generator
turns the dump back into the kind of PDF the ingestion backend must read: justified body text
whose words are placed one by one (no space characters in the text layer, as many real PDFs),
footnote markers raised and in a smaller size, footnotes in a smaller font under a separator rule
at the foot of the page where their marker falls (numbered per page), a running header with a
rule, page numbers, words hyphenated at line ends, one two-column page and one ruled table.

Markers: ``markers="circled"`` keeps the report's own circled markers (①) in a small marker font
built here with fontTools (a dependency of fpdf2), so the text layer carries the real glyphs and
no system font is needed; ``markers="digits"`` prints superscript digits numbered per page with
the core Times font only. Output is deterministic: fixed dates, no random ids.

Also here: encrypted, scanned (image only), truncated, corrupt, zero-page and many-page PDFs.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474))
FIXED_DATE = datetime(2025, 1, 1, tzinfo=timezone.utc)

# Page geometry in points (A4).
PAGE_W, PAGE_H = 595.28, 841.89
LEFT, RIGHT, TOP, BOTTOM = 72.0, 72.0, 78.0, 86.0
TEXT_W = PAGE_W - LEFT - RIGHT
GUTTER = 20.0
BODY_SIZE, BODY_LEAD, PARA_GAP = 11.0, 14.0, 7.0
HEAD_SIZE, HEAD_LEAD = 13.0, 17.0
TITLE_SIZE, TITLE_LEAD = 20.0, 26.0
NOTE_SIZE, NOTE_LEAD, NOTE_GAP = 8.5, 10.5, 2.0
RULE_GAP = 8.0  # space above the notes, the separator rule sits in it
SUP_SCALE, SUP_RISE = 0.62, 0.38
HEADER_TEXT = "Striving for a Better Life for the People"


# --------------------------------------------------------------------------------------------
# The dump as a list of paragraphs with footnotes attached to words


@dataclass
class Word:
    text: str
    notes: list[tuple[str, str]] = field(default_factory=list)  # (glyph, note text) of markers after it
    page: int = 0  # the page of the dump the word was printed on


@dataclass
class Para:
    kind: str  # "title", "heading", "toc", "body"
    words: list[Word]
    orphan_notes: list[tuple[str, str]] = field(default_factory=list)  # notes without a body marker


_NOTE_START = re.compile(rf"^\^?([{CIRCLED}])\s*(.*)$")
_BODY_MARK = re.compile(rf"\^?([{CIRCLED}])")
_RULE = re.compile(r"^[-\s|:]+$")


def parse_dump(text: str) -> list[Para]:
    """Split a dump into paragraphs; attach each note to the word its marker follows.

    A run of note paragraphs ends a page of the dump; markers since the previous run point to
    the notes of this run by glyph. A paragraph that a note run interrupted mid-sentence (it
    starts lower-case, or the part before ends with a hyphen) is joined back.
    """
    chunks = [c.strip() for c in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if c.strip()]
    vocab = set(w.lower() for w in re.findall(r"[A-Za-z]+", text))
    paras: list[Para] = []
    pending: list[tuple[Word, str]] = []  # (word, glyph) markers waiting for their note run
    in_notes = False
    dump_page = 0
    broken = False  # the paragraph before the note run did not end
    for chunk in chunks:
        m = _NOTE_START.match(chunk)
        if m:
            glyph, note = m.group(1), m.group(2).strip()
            owners = [w for w, g in pending if g == glyph]
            if owners:
                owners[0].notes.append((glyph, note))
                pending = [(w, g) for w, g in pending if w is not owners[0]]
            elif paras:
                paras[-1].orphan_notes.append((glyph, note))
            in_notes = True
            continue
        if in_notes:
            pending, in_notes = [], False
            dump_page += 1
            broken = bool(paras) and paras[-1].kind == "body" and _unfinished(paras[-1], chunk)
        lines = [ln.strip().replace("\t", " ").replace("**", "") for ln in chunk.split("\n")]
        lines = [ln for ln in lines if ln and not _RULE.match(ln)]
        if not lines:
            continue
        words: list[Word] = []
        for token in " ".join(lines).split():
            glyphs = _BODY_MARK.findall(token)
            word = Word(_BODY_MARK.sub("", token), page=dump_page)
            if not word.text and words:
                word = words.pop()
            words.append(word)
            pending.extend((word, g) for g in glyphs)
        if broken and paras:
            _join(paras[-1], words, vocab)
            broken = False
            continue
        paras.append(Para("", words))
    for k, para in enumerate(paras):  # styles once joins are done: a joined paragraph is body text
        para.kind = _kind(" ".join(w.text for w in para.words), k == 0)
    return paras


def _unfinished(prev: Para, nxt: str) -> bool:
    tail = prev.words[-1].text if prev.words else ""
    unended = not re.search(r"[.!?:;\"\u201d)\]]$", tail)
    return nxt[:1].islower() or bool(re.search(r"[A-Za-z]-$", tail)) or (unended and nxt[:1].isdigit())


def _join(prev: Para, words: list[Word], vocab: set[str]) -> None:
    last = prev.words[-1]
    if last.text.endswith("-") and words and not last.notes:
        left = re.search(r"([A-Za-z]+)-$", last.text)
        right = re.match(r"[A-Za-z]+", words[0].text)
        if left and right and (left.group(1) + right.group(0)).lower() in vocab:
            last.text = last.text[:-1] + words[0].text
        else:
            last.text = last.text + words[0].text
        last.notes.extend(words[0].notes)
        words = words[1:]
    prev.words.extend(words)


def _kind(text: str, first: bool) -> str:
    """Typographic role, for styling only (the reader must not depend on it)."""
    if first:
        return "title"
    if re.search(r"(\.{3,}|\u00b7{3,})\s*\d*\s*$|\d\s*$", text) and len(text) < 260 and not text.endswith("."):
        return "toc"
    if len(text) <= 160 and not re.search(r"[.!?\"\u201d;,:]$", text) or len(text) <= 30 and text.endswith(":"):
        return "heading"
    return "body"


# --------------------------------------------------------------------------------------------
# A marker font: circled numbers drawn as a ring around seven-segment digits


def build_marker_font() -> bytes:
    """A TrueType font with glyphs for ① .. ⑳ only, made with fontTools, deterministic."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    def ring(pen: TTGlyphPen, cx: int, cy: int, r: int, clockwise: bool) -> None:
        import math

        pts = [(cx + round(r * math.cos(a)), cy + round(r * math.sin(a)))
               for a in [2 * math.pi * k / 16 for k in range(16)]]
        if clockwise:
            pts = pts[::-1]
        pen.moveTo(pts[0])
        for p in pts[1:]:
            pen.lineTo(p)
        pen.closePath()

    segs = {  # seven segments: a b c d e f g
        "a": (0, 2, 1, 2), "b": (1, 1, 1, 2), "c": (1, 0, 1, 1), "d": (0, 0, 1, 0),
        "e": (0, 0, 0, 1), "f": (0, 1, 0, 2), "g": (0, 1, 1, 1),
    }
    digit_segs = ["abcdef", "bc", "abged", "abgcd", "fgbc", "afgcd", "afgedc", "abc", "abcdefg", "abcdfg"]

    def digit(pen: TTGlyphPen, d: int, x0: int, y0: int, w: int, h: int, t: int) -> None:
        for s in digit_segs[d]:
            xa, ya, xb, yb = segs[s]
            ax, ay = x0 + xa * w, y0 + ya * h // 2
            bx, by = x0 + xb * w, y0 + yb * h // 2
            lo_x, hi_x = min(ax, bx) - t // 2, max(ax, bx) + t // 2
            lo_y, hi_y = min(ay, by) - t // 2, max(ay, by) + t // 2
            pen.moveTo((lo_x, lo_y))
            pen.lineTo((lo_x, hi_y))
            pen.lineTo((hi_x, hi_y))
            pen.lineTo((hi_x, lo_y))
            pen.closePath()

    names = [".notdef", "space"] + [f"circled{n}" for n in range(1, 21)]
    glyphs = {}
    empty = TTGlyphPen(None)
    glyphs[".notdef"] = empty.glyph()
    glyphs["space"] = TTGlyphPen(None).glyph()
    for n in range(1, 21):
        pen = TTGlyphPen(None)
        ring(pen, 500, 350, 460, clockwise=True)
        ring(pen, 500, 350, 400, clockwise=False)
        ds = [int(c) for c in str(n)]
        w = 150 if len(ds) == 1 else 110
        total = len(ds) * w + (len(ds) - 1) * 90
        x = 500 - total // 2
        for d in ds:
            digit(pen, d, x, 160, w, 380, 50)
            x += w + 90
        glyphs[f"circled{n}"] = pen.glyph()
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    cmap = {0x20: "space"}
    cmap.update({0x2460 + n - 1: f"circled{n}" for n in range(1, 21)})
    fb.setupCharacterMap(cmap)
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({name: (1000 if name.startswith("circled") else 300, 0) for name in names})
    fb.setupHorizontalHeader(ascent=900, descent=-200)
    fb.setupNameTable({"familyName": "ReportMarks", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=900, sTypoDescender=-200, usWinAscent=900, usWinDescent=200)
    fb.setupPost()
    fb.setupHead(unitsPerEm=1000)
    fb.font["head"].created = fb.font["head"].modified = 3_818_448_000  # fixed (2025, 1904 epoch): same bytes
    buf = io.BytesIO()
    fb.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------------------------
# Typesetting


def _cp1252(text: str) -> str:
    return text.encode("cp1252", "replace").decode("cp1252")


class _Typesetter:
    """Greedy line breaking and page filling with per-page footnotes."""

    def __init__(self, markers: str, font_dir: Path, hyphen_words: set[str]) -> None:
        self.markers = markers
        pdf = FPDF(unit="pt", format="A4")
        pdf.set_auto_page_break(False)
        pdf.core_fonts_encoding = "windows-1252"
        pdf.set_creation_date(FIXED_DATE)
        pdf.set_producer("report-extractor tests/pdfgen.py")
        pdf.set_title(HEADER_TEXT)
        if markers == "circled":
            font_path = font_dir / "ReportMarks.ttf"
            font_path.write_bytes(build_marker_font())
            pdf.add_font("Marks", "", str(font_path))
        self.pdf = pdf
        self.hyphen_words = hyphen_words
        self.page_no = 0
        self.notes_on_page: list[tuple[str, str]] = []  # (label, text)
        self.y = 0.0  # top of the next line
        self.limit = 0.0  # bottom of the text area, above the notes
        self.table_done = False
        self.dump_page = 0
        self.col_top = 0.0
        self.column_state: tuple[list[tuple[float, float]] | None, int, list[float]] = (None, 0, [])

    # -- pages ---------------------------------------------------------------------------------
    def new_page(self) -> None:
        if self.page_no:
            self._finish_page()
        self.pdf.add_page()
        self.page_no += 1
        self.notes_on_page = []
        self.y = TOP
        self.limit = PAGE_H - BOTTOM

    def _finish_page(self) -> None:
        pdf = self.pdf
        if self.page_no > 1:
            pdf.set_font("Times", "I", 9)
            pdf.text(LEFT, 50, HEADER_TEXT)
            pdf.set_line_width(0.4)
            pdf.line(LEFT, 56, PAGE_W - RIGHT, 56)
            pdf.set_font("Times", "", 9)
            num = str(self.page_no)
            pdf.text(PAGE_W / 2 - pdf.get_string_width(num) / 2, PAGE_H - 40, num)
        if self.notes_on_page:
            y = PAGE_H - BOTTOM - self._notes_height(self.notes_on_page) + RULE_GAP
            pdf.set_line_width(0.5)
            pdf.line(LEFT, y - RULE_GAP / 2, LEFT + 144, y - RULE_GAP / 2)
            for label, text in self.notes_on_page:
                y = self._draw_note(label, text, y)

    def finish(self) -> None:
        self._finish_page()

    # -- notes ---------------------------------------------------------------------------------
    def _label(self, k: int, glyph: str) -> str:
        """The report's own glyph (circled) or the note's number on this page (digits)."""
        return glyph if self.markers == "circled" else str(k)

    def _note_lines(self, label: str, text: str) -> list[str]:
        pdf = self.pdf
        family, style, cur = pdf.font_family, pdf.font_style, pdf.font_size_pt
        pdf.set_font("Times", "", NOTE_SIZE)
        indent = self._marker_width(label, NOTE_SIZE) + 3
        lines = self._break_plain(_cp1252(text), TEXT_W - indent)
        pdf.set_font(family, style, cur)
        return lines

    def _notes_height(self, notes: list[tuple[str, str]]) -> float:
        if not notes:
            return 0.0
        return RULE_GAP + sum(len(self._note_lines(lb, t)) * NOTE_LEAD + NOTE_GAP for lb, t in notes)

    def _draw_note(self, label: str, text: str, y: float) -> float:
        lines = self._note_lines(label, text)
        indent = self._marker_width(label, NOTE_SIZE) + 3
        self._draw_marker(label, LEFT, y + NOTE_SIZE, NOTE_SIZE)
        self.pdf.set_font("Times", "", NOTE_SIZE)
        for ln in lines:
            self.pdf.text(LEFT + indent, y + NOTE_SIZE, ln)
            y += NOTE_LEAD
        return y + NOTE_GAP

    def _break_plain(self, text: str, width: float) -> list[str]:
        lines, cur = [], ""
        for w in text.split():
            cand = f"{cur} {w}" if cur else w
            if cur and self.pdf.get_string_width(cand) > width:
                lines.append(cur)
                cur = w
            else:
                cur = cand
        if cur:
            lines.append(cur)
        return lines or [""]

    # -- markers -------------------------------------------------------------------------------
    def _marker_width(self, label: str, size: float) -> float:
        pdf = self.pdf
        family, style, cur = pdf.font_family, pdf.font_style, pdf.font_size_pt
        if self.markers == "circled":
            pdf.set_font("Marks", "", size * SUP_SCALE)
        else:
            pdf.set_font("Times", "", size * SUP_SCALE)
        w = pdf.get_string_width(label)
        pdf.set_font(family, style, cur)
        return w

    def _draw_marker(self, label: str, x: float, baseline: float, size: float) -> float:
        pdf = self.pdf
        family, style, cur = pdf.font_family, pdf.font_style, pdf.font_size_pt
        pdf.set_font("Marks" if self.markers == "circled" else "Times", "", size * SUP_SCALE)
        pdf.text(x, baseline - size * SUP_RISE, label)
        w = pdf.get_string_width(label)
        pdf.set_font(family, style, cur)
        return w

    # -- paragraphs ----------------------------------------------------------------------------
    def style(self, kind: str) -> tuple[str, float, float]:
        if kind == "title":
            return "B", TITLE_SIZE, TITLE_LEAD
        if kind == "heading":
            return "B", HEAD_SIZE, HEAD_LEAD
        return "", BODY_SIZE, BODY_LEAD

    def _word_width(self, w: Word, size: float) -> float:
        return self.pdf.get_string_width(_cp1252(w.text)) + sum(
            self._marker_width(self._label(1, g), size) for g, _ in w.notes)

    def take_line(self, words: list[Word], width: float, size: float) -> tuple[list[Word], list[Word], bool]:
        """The words of the next line, the rest, and whether the line was cut by a hyphen."""
        space = self.pdf.get_string_width(" ")
        used, line = 0.0, []
        for i, w in enumerate(words):
            if line and w.page != line[0].page:
                return line, words[i:], False  # the dump's page ended here: so does the line
            ww = self._word_width(w, size)
            need = ww if not line else used + space + ww
            if need <= width or not line:
                line.append(w)
                used = need
                continue
            room = width - used - space
            cut = self._hyphenate(w, room)
            if cut:
                head, tail = cut
                return line + [head], [tail] + words[i + 1:], True
            return line, words[i:], False
        return line, [], False

    def _hyphenate(self, w: Word, room: float) -> tuple[Word, Word] | None:
        """Break a word the report uses elsewhere too (so the reader has evidence to rejoin it)."""
        if w.notes or room < 25:
            return None
        if "-" in w.text:  # a compound: break after its hyphen
            left, right = w.text.split("-", 1)
            if left.isalpha() and right and self.pdf.get_string_width(left + "-") <= room:
                return Word(left + "-", page=w.page), Word(right, w.notes, w.page)
            return None
        core = re.fullmatch(r"([A-Za-z]+)([,.;:]?)", w.text)
        if not core or len(core.group(1)) < 9 or core.group(1).lower() not in self.hyphen_words:
            return None
        letters = core.group(1)
        for p in range(len(letters) - 4, 3, -1):
            if self.pdf.get_string_width(letters[:p] + "-") <= room:
                return Word(letters[:p] + "-", page=w.page), Word(letters[p:] + core.group(2), page=w.page)
        return None

    def draw_line(self, words: list[Word], x: float, width: float, baseline: float, size: float,
                  justify: bool) -> None:
        pdf = self.pdf
        space = pdf.get_string_width(" ")
        widths = [self._word_width(w, size) for w in words]
        gap = space
        if justify and len(words) > 1:
            gap = max(space, (width - sum(widths)) / (len(words) - 1))
        for w, ww in zip(words, widths):
            pdf.text(x, baseline, _cp1252(w.text))
            cx = x + pdf.get_string_width(_cp1252(w.text))
            for glyph, note in w.notes:
                label = self._label(len(self.notes_on_page) + 1, glyph)
                self.notes_on_page.append((label, note))
                cx += self._draw_marker(label, cx, baseline, size)
            x += ww + gap

    def fits(self, lead: float, words: list[Word], column_bottoms: list[float] | None = None) -> bool:
        new_notes = [(self._label(1, g), n) for w in words for g, n in w.notes]
        notes_h = self._notes_height(self.notes_on_page + new_notes)
        bottom = PAGE_H - BOTTOM - notes_h
        if column_bottoms and any(b > bottom for b in column_bottoms):
            return False
        return self.y + lead <= bottom

    def set_paragraph(self, para: Para, x: float, width: float) -> None:
        """Set one paragraph in a single column from the cursor, going on to the next page as needed."""
        style, size, lead = self.style(para.kind)
        words = list(para.words)
        while words:
            self.pdf.set_font("Times", style, size)
            line, rest, _ = self.take_line(words, width, size)
            if self.follow_dump(line) or not self.fits(lead, line):
                if self.y > TOP:
                    self.new_page()
                x, width = LEFT, TEXT_W
                continue
            self.draw_line(line, x, width, self.y + size, size, justify=bool(rest) and para.kind == "body")
            self.y += lead
            words = rest
        self._orphans(para)
        self.y += PARA_GAP

    def _orphans(self, para: Para) -> None:
        self.notes_on_page.extend((self._label(len(self.notes_on_page) + k + 1, g), n)
                                  for k, (g, n) in enumerate(para.orphan_notes))

    def follow_dump(self, line: list[Word]) -> bool:
        """Start a new page where the dump started one (keeps notes with their original page)."""
        if line and line[0].page > self.dump_page:
            self.dump_page = line[0].page
            if self.y > TOP:
                self.new_page()
                return True
        return False

    def table(self, rows: list[list[str]]) -> None:
        """A ruled table: every cell boxed, so a table finder sees its grid."""
        pdf = self.pdf
        pdf.set_font("Times", "", 9)
        widths = [TEXT_W * 0.5, TEXT_W * 0.25, TEXT_W * 0.25]
        row_h = 15.0
        if not self.fits(row_h * len(rows) + PARA_GAP, []):
            self.new_page()
        pdf.set_line_width(0.5)
        for r, row in enumerate(rows):
            x = LEFT
            for c, cell in enumerate(row):
                pdf.rect(x, self.y, widths[c], row_h)
                pdf.set_font("Times", "B" if r == 0 else "", 9)
                pdf.text(x + 4, self.y + 10.5, cell)
                x += widths[c]
            self.y += row_h
        self.y += PARA_GAP * 2


SAMPLE_TABLE = [
    ["Indicator", "Start of period", "End of period"],
    ["Monitored households (thousand)", "1,480", "1,952"],
    ["Transitional funds (billion yuan)", "156.1", "172.8"],
    ["Counties with leading sectors", "618", "832"],
]


def generate_report_pdf(dump_text: str, out_path: str | Path, *, markers: str = "circled",
                        two_column_at: float = 0.55, table_at: float = 0.3, user_password: str | None = None) -> Path:
    """Typeset ``dump_text`` into ``out_path``.

    ``two_column_at`` / ``table_at``: fraction of the paragraphs after which the two-column page
    starts (at the next heading) and after which the table is inserted (at the next paragraph end).
    ``user_password``: the PDF is encrypted and opens with this password.
    """
    out_path = Path(out_path)
    paras = parse_dump(dump_text)
    counts: dict[str, int] = {}
    for w in re.findall(r"[A-Za-z]+", dump_text):
        counts[w.lower()] = counts.get(w.lower(), 0) + 1
    ts = _Typesetter(markers, out_path.parent, {w for w, n in counts.items() if n >= 2})
    ts.new_page()
    n = len(paras)
    two_col_start = next((i for i in range(int(n * two_column_at), n) if paras[i].kind == "heading"
                          and paras[i].words[0].page > paras[i - 1].words[-1].page), None)
    table_after = int(n * table_at)
    i = 0
    while i < n:
        para = paras[i]
        if i == two_col_start:
            i = _two_column_page(ts, paras, i)
            continue
        if para.kind == "heading" and i > 0:
            ts.y += PARA_GAP  # space above a heading
            _, size, lead = ts.style("heading")
            if not ts.fits(lead * 3, para.words):  # keep a heading with what follows
                ts.new_page()
        ts.set_paragraph(para, LEFT, TEXT_W)
        if para.kind == "title":
            ts.y += 20
        if i == table_after and not ts.table_done:
            ts.table(SAMPLE_TABLE)
            ts.table_done = True
        i += 1
    ts.finish()
    if user_password is not None:
        ts.pdf.set_encryption(owner_password=f"owner-{user_password}", user_password=user_password)
    ts.pdf.output(str(out_path))
    return out_path


def _two_column_page(ts: _Typesetter, paras: list[Para], start: int) -> int:
    """A page in two columns under a full-width heading; returns the index of the next paragraph."""
    ts.new_page()
    ts.set_paragraph(paras[start], LEFT, TEXT_W)
    col_w = (TEXT_W - GUTTER) / 2
    columns = [(LEFT, col_w), (LEFT + col_w + GUTTER, col_w)]
    ts.col_top = ts.y
    i = start + 1
    page = ts.page_no
    col = 0
    bottoms: list[float] = []
    while i < len(paras) and ts.page_no == page:
        para = paras[i]
        # continue in the current column: set_paragraph starts in column 0, so emulate the cursor
        _set_in_columns(ts, para, columns, col, bottoms)
        if ts.page_no != page:
            return i + 1
        col, bottoms = ts.column_state[1], ts.column_state[2]
        i += 1
    return i


def _set_in_columns(ts: _Typesetter, para: Para, columns: list[tuple[float, float]], col: int,
                    bottoms: list[float]) -> None:
    style, size, lead = ts.style(para.kind)
    words = list(para.words)
    while words:
        ts.pdf.set_font("Times", style, size)
        x, width = columns[col]
        line, rest, _ = ts.take_line(words, width, size)
        moved = ts.follow_dump(line)
        if moved or not ts.fits(lead, line, bottoms):
            if col + 1 < len(columns) and not moved:
                bottoms.append(ts.y)
                col += 1
                ts.y = ts.col_top
                continue
            if not moved:
                ts.new_page()
            rest_para = Para(para.kind, words, para.orphan_notes)
            ts.set_paragraph(rest_para, LEFT, TEXT_W)
            ts.column_state = (None, 0, [])
            return
        ts.draw_line(line, x, width, ts.y + size, size, justify=bool(rest) and para.kind == "body")
        ts.y += lead
        words = rest
    ts._orphans(para)
    ts.y += PARA_GAP
    ts.column_state = (columns, col, bottoms)


# --------------------------------------------------------------------------------------------
# Broken and unusual PDFs


def _simple_pdf(pages: int, text: str = "A page of text.") -> FPDF:
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_font("Times", "", 11)
    for k in range(pages):
        pdf.add_page()
        pdf.text(LEFT, TOP + 11, f"{text} Page {k + 1}.")
    return pdf


def make_encrypted_pdf(path: str | Path) -> Path:
    """A PDF that needs a user password to open."""
    pdf = _simple_pdf(1, "Confidential.")
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    pdf.output(str(path))
    return Path(path)


def make_scanned_pdf(path: str | Path) -> Path:
    """A page that is only an image, as a scanner makes: no text layer at all."""
    from PIL import Image, ImageDraw

    img = Image.new("L", (420, 594), 255)
    draw = ImageDraw.Draw(img)
    for row in range(12):
        draw.rectangle((40, 60 + row * 36, 380 - (row % 3) * 40, 70 + row * 36), fill=40)
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.add_page()
    pdf.image(img, x=0, y=0, w=PAGE_W, h=PAGE_H)
    pdf.output(str(path))
    return Path(path)


def make_truncated_pdf(good: str | Path, path: str | Path, keep: float = 0.6) -> Path:
    """The first ``keep`` of a good PDF's bytes, as an interrupted download leaves it."""
    data = Path(good).read_bytes()
    Path(path).write_bytes(data[: int(len(data) * keep)])
    return Path(path)


def make_corrupt_pdf(path: str | Path) -> Path:
    """A PDF header followed by garbage (deterministic bytes)."""
    body = bytes((i * 37 + 11) % 251 for i in range(4000))
    Path(path).write_bytes(b"%PDF-1.7\n" + body + b"\n%%EOF\n")
    return Path(path)


def make_zero_page_pdf(path: str | Path) -> Path:
    """A well-formed PDF whose page tree is empty (fpdf2 refuses to write one, so by hand)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    Path(path).write_bytes(bytes(out))
    return Path(path)


def make_many_pages_pdf(path: str | Path, pages: int) -> Path:
    """A PDF of ``pages`` short pages, to hit the page limit."""
    _simple_pdf(pages).output(str(path))
    return Path(path)


if __name__ == "__main__":  # python tests/pdfgen.py REPORT.txt OUT.pdf [digits]
    import sys

    src, dst = sys.argv[1], sys.argv[2]
    style = sys.argv[3] if len(sys.argv) > 3 else "circled"
    generate_report_pdf(Path(src).read_text(encoding="utf-8"), dst, markers=style)
    print(dst)
