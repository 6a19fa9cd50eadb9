"""A PDF page's words with their boxes, kept for provenance (``Document.page_words``).

Ingestion decides lines, zones and markers; this module only records, for every body and note
line in reading order, each word's box, whether it is a footnote marker (decided exactly as
:func:`~extractor.ingest.pdf_zones.render_line` writes one as a caret marker) and its
characters' left edges, so that a span of the repaired text can be boxed to the character.
Running heads are left out: the text has none of them.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from extractor.ingest.pdf_geometry import Line
from extractor.ingest.pdf_zones import CIRCLED
from extractor.model import PageWord

#: Line kinds whose words reach the repaired text.
KEPT_KINDS = ("body", "note")


def char_edges(word: Mapping[str, Any]) -> tuple[float, ...]:
    """The left edge of each character of a pdfplumber word's text (``return_chars=True``), then
    the last one's right edge. A glyph that stands for several characters (a ligature, " .")
    shares its width among them; empty where the glyphs do not spell the word's text."""
    chars = word.get("chars") or ()
    if not chars or sum(len(c["text"]) for c in chars) != len(word["text"]):
        return ()
    edges: list[float] = []
    for c in chars:
        n = len(c["text"])
        x0, x1 = float(c["x0"]), float(c["x1"])
        edges.extend(x0 + (x1 - x0) * k / n for k in range(n))
    edges.append(float(chars[-1]["x1"]))
    return tuple(edges)


def page_words(lines: list[Line], note_labels: set[str]) -> tuple[PageWord, ...]:
    """The words of a page's body and note lines, in reading order, with their line's number."""
    out: list[PageWord] = []
    kept = (ln for ln in lines if ln.kind in KEPT_KINDS)
    for number, line in enumerate(kept):
        for w in line.words:
            marker = line.is_raised(w) and (w.text[:1] in CIRCLED or w.text in note_labels)
            out.append(PageWord(w.text, w.x0, w.top, w.x1, w.bottom, number, marker, w.edges))
    return tuple(out)
