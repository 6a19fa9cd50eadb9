"""Footnote citations: every body marker resolved to the note printed on its page.

First version: same page, same marker; URL and date by simple patterns. The citations issue
replaces this with full note parsing.
"""
from __future__ import annotations

import re
from typing import Any

from extractor.analysis import Analysis
from extractor.ids import stable_id

_URL = re.compile(r"https?://[^\s<>]+")
_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                         "september", "october", "november", "december"], start=1)}
_DATE = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
                   r"\s+(\d{1,2}),\s*(\d{4})")


def parse_note(text: str) -> dict[str, Any]:
    url_m = _URL.search(text)
    url = url_m.group(0).rstrip(".,);>") if url_m else None
    d = _DATE.search(text)
    date = f"{d.group(3)}-{_MONTHS[d.group(1).lower()]:02d}-{int(d.group(2)):02d}" if d else None
    return {"url": url, "date": date, "url_domain": re.sub(r"^https?://([^/]+).*$", r"\1", url) if url else None,
            "url_valid": bool(url)}


def extract_notes(analysis: Analysis) -> list[dict[str, Any]]:
    doc = analysis.document
    rows = []
    for n in doc.notes:
        rows.append({"note_id": n.note_id, "doc_id": doc.doc_id, "page": n.page, "marker": n.marker,
                     "note_text": n.text, "char_start": n.char_start, "char_end": n.char_end, **parse_note(n.text)})
    return rows


def extract_citations(analysis: Analysis) -> list[dict[str, Any]]:
    doc = analysis.document
    by_key = {(n.page, n.marker): n for n in reversed(doc.notes)}
    rows = []
    for mk in doc.markers:
        sent = analysis.sentence_at(mk.offset, before=True)
        note = by_key.get((mk.page, mk.marker))
        parsed = parse_note(note.text) if note else {}
        rows.append({
            "citation_id": stable_id("cit", doc.doc_id, mk.offset, mk.marker), "doc_id": doc.doc_id,
            "page": mk.page, "marker": mk.marker, "sentence_id": sent.sentence_id if sent else None,
            "section": doc.section_label(sent.section_id) if sent else None,
            "cited_sentence": sent.text if sent else None, "note_id": note.note_id if note else None,
            "note_text": note.text if note else None, "resolved": note is not None, "char_offset": mk.offset,
            **parsed,
        })
    return rows
