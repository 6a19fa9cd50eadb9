"""The place ruler: gazetteer names by phrase and "<Name> <Head>" names by token patterns run
around their head words, ties between the two decided by data, not by hash order."""
from __future__ import annotations

from pathlib import Path

import pytest
from spacy.matcher import Matcher, PhraseMatcher

from extractor.nlp import build_nlp
from extractor.place_ruler import RULER_NAME, TIE_ORDER, PlaceRuler, head_patterns, prefer_places, reading

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "reports" / "xinhua-poverty-alleviation-2025.txt"


def _ents(text: str) -> list[tuple[str, str]]:
    nlp = build_nlp("none")
    return [(ent.text, ent.ent_id_) for ent in nlp(text).ents]


def _readings(text: str) -> list[tuple[str, str, str]]:
    nlp = build_nlp("none")
    return [(ent.text, *reading(ent)) for ent in nlp(text).ents]


def test_the_ruler_is_made_of_spacys_matchers():
    ruler = build_nlp("none").get_pipe(RULER_NAME)
    assert isinstance(ruler, PlaceRuler)
    assert type(ruler.names) is PhraseMatcher and type(ruler.anchors) is PhraseMatcher
    assert type(ruler.heads) is Matcher
    assert len(head_patterns()) <= 25, "a few patterns, one per shape: the head word gives the type"


def test_gazetteer_names_and_head_patterns():
    assert _ents("Floods hit Kenya and Kisumu County last year.") == [
        ("Kenya", "gazetteer|country"), ("Kisumu County", "pattern|after")]
    assert _ents("The Nujiang Lisu Autonomous Prefecture lies along the Mekong River.") == [
        ("Nujiang Lisu Autonomous Prefecture", "pattern|autonomous"), ("Mekong River", "pattern|feature")]
    assert _ents("Officials in Moraikobai village and Lake Victoria.") == [
        ("Moraikobai village", "pattern|feature"), ("Lake Victoria", "pattern|feature_before")]


def test_the_head_word_gives_the_type():
    assert _readings("Floods hit Kisumu County, Ogun State, the Chocó department and Moraikobai village.") == [
        ("Kisumu County", "pattern", "county"), ("Ogun State", "pattern", "province"),
        ("Chocó department", "pattern_lower", "province"), ("Moraikobai village", "pattern_lower", "village")]
    assert _readings("Along the Yangtze River Delta, the Great Plains and the Gulf of Guinea.") == [
        ("Yangtze River Delta", "pattern", "natural_feature"), ("Great Plains", "pattern", "region"),
        ("Gulf of Guinea", "pattern", "natural_feature")]
    assert _readings("In Weining Yi, Hui, and Miao Autonomous County and Barangay San Roque.") == [
        ("Weining Yi, Hui, and Miao Autonomous County", "pattern", "county"),
        ("Barangay San Roque", "pattern", "village")]


def test_a_gazetteer_name_wins_a_tie_with_a_head_pattern():
    # "Quezon City" is a gazetteer city and "<Name> City" at once: the lexicon's tie order decides
    assert TIE_ORDER[0] == "gazetteer"
    assert _ents("Flooding in Quezon City and Mexico City.") == [
        ("Quezon City", "gazetteer|city"), ("Mexico City", "gazetteer|city")]


def test_the_tie_break_does_not_depend_on_the_order_of_the_matches():
    nlp = build_nlp("none")
    doc = nlp.make_doc("Flooding in Quezon City.")
    from spacy.tokens import Span

    a = Span(doc, 2, 4, label="PLACE", span_id="pattern|after")
    b = Span(doc, 2, 4, label="PLACE", span_id="gazetteer|city")
    c = Span(doc, 2, 3, label="PLACE", span_id="gazetteer|province")
    for spans in ([a, b, c], [c, b, a], [b, c, a]):
        assert [(s.start, s.end, s.id_) for s in prefer_places([], spans)] == [(2, 4, "gazetteer|city")]


@pytest.mark.parametrize("path", [SAMPLE, *sorted((Path(__file__).parent / "fixtures" / "heldout").glob("*/report.txt"))],
                         ids=lambda p: p.parent.name)
def test_the_head_patterns_run_around_their_anchors_find_what_they_find_everywhere(path):
    """The Matcher run only next to the head words finds the matches it finds run over every token."""
    nlp = build_nlp("none")
    ruler = nlp.get_pipe(RULER_NAME)
    paragraphs = [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    for doc in nlp.tokenizer.pipe(paragraphs):
        everywhere = {(doc.vocab.strings[m], s, e) for m, s, e in ruler.heads(doc)}
        around = {(span.id_, span.start, span.end) for span in ruler.head_matches(doc)}
        assert around == everywhere, doc.text[:200]
