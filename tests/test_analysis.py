"""The one spaCy pass: the word lists and positions the rules read equal what spaCy's tokens say."""
from __future__ import annotations

from extractor.analysis import analyse
from extractor.extract.place_context import is_title_text
from extractor.model import Document


def test_word_lists_are_the_tokens_attributes(sample_analysis) -> None:
    for pb in sample_analysis.blocks:
        assert pb.words == [t.text for t in pb.doc]
        assert pb.lowers == [t.lower_ for t in pb.doc]
        assert pb.starts == [t.idx for t in pb.doc]


def test_positions_of_a_word_set_or_a_test_match_a_scan_of_each_block(sample_analysis) -> None:
    targets = [frozenset({"the", "of", "poverty"}), ("in",), is_title_text, frozenset({"no-such-word"})]
    for target in targets:
        for lower in (False, True):
            for pb in sample_analysis.blocks:
                words = pb.lowers if lower else pb.words
                expected = [i for i, w in enumerate(words) if (target(w) if callable(target) else w in target)]
                assert pb.positions(target, lower=lower) == expected
                assert pb.positions(target, 3, 12, lower=lower) == [i for i in expected if 3 <= i < 12]


def test_sentences_are_the_sentencizers(sample_analysis) -> None:
    for pb in sample_analysis.blocks[:60]:
        expected = [s.text.strip() for s in pb.doc.sents if s.text.strip()]
        assert [s.text for s in pb.sentences] == expected
    ids = [s.sentence_id for s in sample_analysis.sentences]
    assert ids == list(range(1, len(ids) + 1))


def test_a_document_without_text_blocks_gives_an_empty_analysis(sample_document, blank_nlp) -> None:
    empty = Document(**{**sample_document.__dict__, "blocks": []})
    analysis = analyse(empty, blank_nlp)
    assert analysis.blocks == [] and analysis.sentences == []
