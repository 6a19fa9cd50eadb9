"""Which citations support which claims.

A claim is supported by the markers of its own sentence and by the marker that closes its
paragraph (reports often cite once, at the end of a paragraph of figures).
"""
from __future__ import annotations

from typing import Any

from extractor.analysis import Analysis


def link_claims_to_citations(analysis: Analysis, claims: list[dict[str, Any]],
                             citations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    doc = analysis.document
    by_sentence: dict[int, list[dict[str, Any]]] = {}
    for c in citations:
        if c.get("sentence_id") is not None:
            by_sentence.setdefault(int(c["sentence_id"]), []).append(c)
    sent_block = {s.sentence_id: s.block_index for s in analysis.sentences}
    last_sentence_of_block: dict[int, int] = {}
    for s in analysis.sentences:
        last_sentence_of_block[s.block_index] = s.sentence_id
    sentence_end = {s.sentence_id: s.char_end for s in analysis.sentences}
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for claim in claims:
        sid = claim.get("sentence_id")
        if sid is None:
            continue
        links = [(c, "sentence") for c in by_sentence.get(int(sid), [])]
        closing = last_sentence_of_block.get(sent_block.get(int(sid), -1))
        if closing is not None and closing != sid:
            # only the marker(s) standing at the very end of the paragraph close it
            end = sentence_end[closing]
            links += [(c, "paragraph") for c in by_sentence.get(closing, [])
                      if int(c.get("char_offset") or -1) >= end - 1]
        for c, link in links:
            key = (claim["claim_id"], c["citation_id"])
            if key not in seen:
                seen.add(key)
                rows.append({"doc_id": doc.doc_id, "claim_id": claim["claim_id"], "citation_id": c["citation_id"],
                             "link": link})
    return rows


def attach_claim_context(claims: list[dict[str, Any]], citations: list[dict[str, Any]],
                         mentions: list[dict[str, Any]]) -> None:
    """Fill each claim's ``markers`` (footnote markers of its sentence) and ``place`` (the places
    its sentence names, in order, joined with "|")."""
    markers: dict[int, list[str]] = {}
    for c in citations:
        if c.get("sentence_id") is not None:
            markers.setdefault(int(c["sentence_id"]), []).append(str(c["marker"]))
    places: dict[int, list[str]] = {}
    for m in sorted(mentions, key=lambda m: m["char_start"]):
        if m.get("sentence_id") is not None and not m.get("in_note"):
            names = places.setdefault(int(m["sentence_id"]), [])
            if m["name"] not in names:
                names.append(m["name"])
    for claim in claims:
        sid = claim.get("sentence_id")
        if sid is None:
            continue
        claim["markers"] = " ".join(markers.get(int(sid), [])) or None
        claim["place"] = "|".join(places.get(int(sid), [])) or None
