"""Place names: gazetteer EntityRuler plus administrative-name patterns.

First version: countries from pycountry. The places issue adds subdivisions, cities,
administrative patterns, hierarchy and the statistical model's entities.
"""
from __future__ import annotations

from typing import Any

import pycountry
from spacy.language import Language

from extractor.analysis import Analysis
from extractor.ids import stable_id

RULER_NAME = "place_ruler"


def _country_patterns() -> list[dict[str, Any]]:
    pats = []
    for c in pycountry.countries:
        for name in {c.name, getattr(c, "common_name", c.name)}:
            if "," in name:
                continue
            pats.append({"label": "PLACE", "pattern": name, "id": f"country|{c.alpha_2}"})
    return pats


def add_place_ruler(nlp: Language) -> None:
    if RULER_NAME in nlp.pipe_names:
        return
    before = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, config={"overwrite_ents": True}, **before)
    ruler.add_patterns(_country_patterns())


def extract_place_mentions(analysis: Analysis) -> list[dict[str, Any]]:
    doc = analysis.document
    rows = []
    for pb in analysis.blocks:
        for ent in pb.doc.ents:
            if ent.label_ != "PLACE":
                continue
            kind, _, country = ent.ent_id_.partition("|")
            start = pb.block.char_start + ent.start_char
            sent = analysis.sentence_at(start)
            rows.append({
                "mention_id": stable_id("pm", doc.doc_id, start, ent.text), "doc_id": doc.doc_id,
                "page": pb.block.page_at(ent.start_char), "section": doc.section_label(pb.block.section_id),
                "sentence_id": sent.sentence_id if sent else None, "sentence": sent.text if sent else None,
                "text": ent.text, "name": ent.text, "place_type": kind, "method": "gazetteer",
                "in_note": pb.block.kind.value == "footnote", "char_start": start, "char_end": start + len(ent.text),
                "_country": country,
            })
    return rows


def aggregate_places(mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_name: dict[tuple[str, str], dict[str, Any]] = {}
    for m in mentions:
        key = (m["doc_id"], m["name"])
        row = by_name.get(key)
        if row is None:
            row = by_name[key] = {"place_id": stable_id("pl", *key), "doc_id": m["doc_id"], "name": m["name"],
                                  "aliases": "", "place_type": m["place_type"], "parent": None,
                                  "country": m.get("_country") or None, "mentions": 0, "first_page": m["page"]}
        row["mentions"] += 1
        m["place_id"] = row["place_id"]
    for m in mentions:
        m.pop("_country", None)
    return list(by_name.values())
