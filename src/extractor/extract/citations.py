"""Footnote citations: every body marker resolved to its note, every note parsed.

Two tables come out of here:

* ``notes`` - one row per printed note: its parts (``extractor.notes.parse``), how many body
  markers cite it, and which earlier printing it repeats (``duplicate_of``);
* ``citations`` - one row per marker in the body: the sentence the marker closes, the note it
  resolves to (``extractor.notes.resolve``: page-aware, per-page or whole-document numbering)
  and that note's parts. A marker whose note cannot be found is kept with ``resolved=False``,
  so that integrity problems are data the validation suite can name.
"""
from __future__ import annotations

from typing import Any

from extractor.analysis import Analysis
from extractor.ids import stable_id
from extractor.model import Marker, Note, Sentence
from extractor.notes.parse import ParsedNote, parse_note
from extractor.notes.resolve import find_duplicates, numbering_scheme, resolve_markers

_NOTE_FIELDS = ("source", "title", "date", "url", "url_domain", "url_valid", "kind")


def citation_id(doc_id: str, marker: Marker, repeat: int = 0) -> str:
    """The citation's id: from the document, the marker's offset and text, and, for the same
    marker printed again at the same place (``yuan.^1^1``), its repeat number (1, 2, ...), so
    that every row has its own id; a marker printed once keeps the id it always had."""
    if repeat:
        return stable_id("cit", doc_id, marker.offset, marker.marker, repeat)
    return stable_id("cit", doc_id, marker.offset, marker.marker)


def resolve_document_markers(analysis: Analysis) -> list[Note | None]:
    """The note each body marker of the document points to (None where there is none)."""
    doc = analysis.document
    return resolve_markers(doc.markers, doc.notes, numbering_scheme(doc.notes))


def extract_notes(analysis: Analysis, parsed: dict[str, ParsedNote] | None = None,
                  resolved: list[Note | None] | None = None) -> list[dict[str, Any]]:
    """One row per printed note, with its parsed parts, citation count and duplicate link.

    ``parsed``: :func:`parse_notes` of the document's notes, and ``resolved``:
    :func:`resolve_document_markers`, when the caller has them already.
    """
    doc = analysis.document
    resolved = resolved if resolved is not None else resolve_document_markers(analysis)
    counts: dict[str, int] = {}
    for note in resolved:
        if note is not None:
            counts[note.note_id] = counts.get(note.note_id, 0) + 1
    duplicates = find_duplicates(doc.notes)
    parsed = parsed if parsed is not None else parse_notes(doc.notes)
    return [
        {"note_id": n.note_id, "doc_id": doc.doc_id, "page": n.page, "marker": n.marker, "note_text": n.text,
         **parsed[n.note_id].as_row(), "n_citations": counts.get(n.note_id, 0),
         "duplicate_of": duplicates.get(n.note_id), "char_start": n.char_start, "char_end": n.char_end,
         **analysis.provenance.columns(n.char_start, n.char_end, n.page)}
        for n in doc.notes
    ]


def extract_citations(analysis: Analysis, parsed: dict[str, ParsedNote] | None = None,
                      resolved: list[Note | None] | None = None) -> list[dict[str, Any]]:
    """One row per body marker, resolved to its note (or ``resolved=False``).

    ``parsed``: :func:`parse_notes` of the document's notes, and ``resolved``:
    :func:`resolve_document_markers`, when the caller has them already.
    """
    doc = analysis.document
    notes = resolved if resolved is not None else resolve_document_markers(analysis)
    parsed = parsed if parsed is not None else parse_notes(doc.notes)
    rows = []
    repeats: dict[tuple[int, str], int] = {}
    for mk, note in zip(doc.markers, notes):
        sent = cited_sentence(analysis, mk)
        parts = parsed[note.note_id].as_row() if note else dict.fromkeys(_NOTE_FIELDS)
        repeat = repeats[mk.offset, mk.marker] = repeats.get((mk.offset, mk.marker), -1) + 1
        rows.append({
            "citation_id": citation_id(doc.doc_id, mk, repeat), "doc_id": doc.doc_id, "page": mk.page,
            "section": doc.section_label(sent.section_id) if sent else None, "marker": mk.marker,
            "sentence_id": sent.sentence_id if sent else None, "cited_sentence": sent.text if sent else None,
            "note_id": note.note_id if note else None, "note_text": note.text if note else None,
            **parts, "resolved": note is not None, "char_offset": mk.offset,
            **analysis.provenance.marker_columns(mk),
        })
    return rows


def cited_sentence(analysis: Analysis, marker: Marker) -> Sentence | None:
    """The body sentence a marker closes.

    The marker stands right after the sentence (or the word) it cites, so the sentence that
    ends at - or contains - its offset is the one. A marker after a heading-less attribution
    line ("— Author^1" under an epigraph) closes that line, which is its own block and
    sentence. Failing both (a marker after trailing spaces), the last body sentence before the
    marker in the same block is taken.
    """
    sent = analysis.sentence_at(marker.offset, before=True)
    if sent is not None and not sent.in_note:
        return sent
    best: Sentence | None = None
    for s in analysis.sentences:
        if s.in_note or s.char_start >= marker.offset:
            continue
        if marker.offset - s.char_end <= 2:
            best = s
    return best


def parse_notes(notes: list[Note]) -> dict[str, ParsedNote]:
    """Note id -> parsed parts, each distinct text parsed once."""
    cache: dict[str, ParsedNote] = {}
    out: dict[str, ParsedNote] = {}
    for n in notes:
        if n.text not in cache:
            cache[n.text] = parse_note(n.text)
        out[n.note_id] = cache[n.text]
    return out

