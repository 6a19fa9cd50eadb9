"""Numeric claims: one row per quantity stated in the body text (gold/SPEC.md, claims.csv).

Everything reads the shared parsed Docs (``analysis.blocks[i].doc``); nothing is tokenised
again. The rules are split by what they decide, each module small enough to read in one sitting:

* :mod:`.engine`: the order of the stages, paragraph by paragraph and sentence by sentence;
* :mod:`.patterns`: the spaCy ``Matcher`` and ``PhraseMatcher`` patterns that find numbers,
  units, currency prefixes, qualifiers and time expressions;
* :mod:`.reading`: a number match's value, scale and kind; :mod:`.written_units`: the unit
  written with it; :mod:`.exclusions`: numbers that are no claims (years, labels, codes, names);
* :mod:`.pairs`: ranges, pairs and parts; :mod:`.resolution`: the unit of a bare number, from
  what it refers to;
* the context columns: :mod:`.qualifiers`, :mod:`.changes`, :mod:`.times` and :mod:`.years`
  (year and period), :mod:`.subjects`;
* the vocabulary: :mod:`.words`, :mod:`.units`, :mod:`.nouns`, :mod:`.names`, :mod:`.figures`.

The word lists are data, ``extractor/data/lexicons/*.toml`` (numbers, units, people, qualifiers,
time_words, claim_words), read through :mod:`extractor.registry`.
"""
from extractor.extract.claims.engine import extract_claims

__all__ = ["extract_claims"]
