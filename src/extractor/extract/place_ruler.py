"""The place EntityRuler, with its token Matcher run only where a pattern can match.

The "<Name>+ <Head>" patterns of :mod:`extractor.extract.place_patterns` number a few hundred,
and spaCy's Matcher starts each at every token: most of the pipeline's time. :class:`PlaceRuler`
is spaCy's :class:`~spacy.pipeline.EntityRuler` with one change: its token Matcher runs on the
anchored runs of :mod:`extractor.extract.run_matcher` only, so it finds the same (id, start,
end) triples; phrase matches, sorting, overlap resolution and ``doc.ents`` are EntityRuler's.
"""
from __future__ import annotations

import warnings
from typing import Any

from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from extractor.extract.run_matcher import TokenRuns

FACTORY = "place_entity_ruler"
#: Words the patterns require that are too common to anchor a run.
CONNECTORS = frozenset({",", "and", "of", "the"})


class PlaceRuler(EntityRuler):
    """An EntityRuler whose token Matcher only visits runs that can hold a match."""

    _runs: TokenRuns | None = None

    def add_patterns(self, patterns: list[dict[str, Any]]) -> None:
        # The phrase patterns (thousands of gazetteer names) are tokenised by a copy of the
        # tokenizer: in the shared one they would fill most of its 10,000-entry cache, which
        # then never caches a report's own words.
        shared = self.nlp.tokenizer
        copy = Tokenizer(shared.vocab)
        copy.from_bytes(shared.to_bytes())
        self.nlp.tokenizer = copy
        try:
            super().add_patterns(patterns)
        finally:
            self.nlp.tokenizer = shared
        self._runs = TokenRuns([p for ps in self.token_patterns.values() for p in ps], CONNECTORS)

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        """EntityRuler's ``match``, with the token Matcher called on each run of ``doc``."""
        self._require_patterns()
        matches: list[tuple[int, int, int]] = []
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="\\[W036")
            if self._runs is not None and len(self.matcher):
                for start, end in self._runs(doc):
                    matches.extend((m, s + start, e + start) for m, s, e in self.matcher(doc[start:end]))
            matches.extend(self.phrase_matcher(doc))
        final_matches = {(m_id, start, end) for m_id, start, end in matches if start != end}
        return sorted(final_matches, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)


@Language.factory(FACTORY, assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
                  default_config={"overwrite_ents": True})
def make_place_ruler(nlp: Language, name: str, overwrite_ents: bool) -> PlaceRuler:
    return PlaceRuler(nlp, name, overwrite_ents=overwrite_ents)
