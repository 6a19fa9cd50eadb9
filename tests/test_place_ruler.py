"""The place ruler is spaCy's EntityRuler as shipped, proposing gazetteer names and "<Name> <Head>" names."""
from __future__ import annotations

from spacy.pipeline import EntityRuler

from extractor.place_ruler import RULER_NAME
from extractor.nlp import build_nlp


def _ents(text: str) -> list[tuple[str, str]]:
    nlp = build_nlp("none")
    return [(ent.text, ent.ent_id_) for ent in nlp(text).ents]


def test_the_ruler_is_a_stock_entity_ruler():
    assert type(build_nlp("none").get_pipe(RULER_NAME)) is EntityRuler


def test_gazetteer_names_and_head_patterns():
    assert _ents("Floods hit Kenya and Kisumu County last year.") == [
        ("Kenya", "gazetteer|country"), ("Kisumu County", "pattern|county")]
    assert _ents("The Nujiang Lisu Autonomous Prefecture lies along the Mekong River.") == [
        ("Nujiang Lisu Autonomous Prefecture", "pattern|prefecture"), ("Mekong River", "pattern|natural_feature")]
    assert _ents("Officials in Moraikobai village and Lake Victoria.") == [
        ("Moraikobai village", "pattern_lower|village"), ("Lake Victoria", "pattern|natural_feature")]
