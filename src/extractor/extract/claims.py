"""Numeric claims: every quantity stated in the body text.

First version: digits with an optional scale word and a unit or counted noun. The claims issue
replaces this with spaCy Matcher patterns and number words.
"""
from __future__ import annotations

import re
from typing import Any

from extractor.analysis import Analysis
from extractor.ids import stable_id

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUM = re.compile(
    r"(?P<cur>US\$|\$|USD\s?|RMB\s?)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion))?"
    r"(?:\s?(?P<unit>%|percent\b|per cent\b|percentage points?\b|yuan\b|US dollars\b|dollars\b|(?P<noun>[a-z]+)))?"
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_PEOPLE = {"people", "persons", "person", "individuals", "residents", "workers", "farmers", "students", "graduates"}


def _unit(m: re.Match[str]) -> str:
    u = (m.group("unit") or "").lower()
    cur = (m.group("cur") or "").strip().upper()
    if cur in ("$", "US$", "USD") or u in ("dollars", "us dollars"):
        return "USD"
    if u == "yuan" or cur == "RMB":
        return "CNY"
    if u in ("%", "percent", "per cent"):
        return "percent"
    if u.startswith("percentage point"):
        return "percentage_point"
    noun = (m.group("noun") or "").lower()
    if noun in _PEOPLE:
        return "person"
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith("s") and not noun.endswith("ss"):
        return noun[:-1]
    return noun


def extract_claims(analysis: Analysis) -> list[dict[str, Any]]:
    doc = analysis.document
    rows: list[dict[str, Any]] = []
    for pb in analysis.body():
        for sent in pb.sentences:
            for m in _NUM.finditer(sent.text):
                num = m.group("num")
                if _YEAR.match(num) and not m.group("unit") and not m.group("scale"):
                    continue
                value = float(num.replace(",", "")) * _SCALE.get(m.group("scale") or "", 1)
                start = sent.char_start + m.start()
                end = sent.char_start + m.end()
                year = re.findall(r"\b(?:19|20)\d\d\b", sent.text)
                rows.append({
                    "claim_id": stable_id("c", doc.doc_id, start, end, value), "doc_id": doc.doc_id,
                    "page": sent.page, "section": doc.section_label(sent.section_id), "section_id": sent.section_id,
                    "sentence_id": sent.sentence_id, "sentence": sent.text, "surface": m.group(0).strip(),
                    "value": value, "unit": _unit(m), "kind": "digits", "qualifier": "exact",
                    "year": int(year[0]) if year else None, "char_start": start, "char_end": end,
                })
    return rows
