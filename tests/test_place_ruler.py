"""The run-restricted place ruler finds exactly what spaCy's own EntityRuler finds."""
from __future__ import annotations

from pathlib import Path

import spacy

from extractor.extract.places import RULER_NAME
from extractor.nlp import build_nlp

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [ROOT / "data" / "reports" / "xinhua-poverty-alleviation-2025.txt",
         *sorted((ROOT / "tests" / "fixtures" / "heldout").glob("*/report.txt"))]


def test_same_matches_as_a_plain_entity_ruler():
    nlp = build_nlp("none")
    ruler = nlp.get_pipe(RULER_NAME)
    plain_nlp = spacy.blank("en")
    plain = plain_nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    plain.add_patterns(ruler.patterns)
    paragraphs = [p for path in TEXTS for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    assert len(paragraphs) > 500
    checked = 0
    for text in paragraphs:
        doc = nlp.make_doc(text)
        ours = sorted(ruler.match(doc))
        theirs = sorted(plain.match(plain_nlp.make_doc(text)))
        assert ours == theirs, text[:120]
        checked += bool(ours)
    assert checked > 100  # the comparison saw many paragraphs with places
