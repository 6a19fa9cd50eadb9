"""The head nouns and name words the place rules read: the place ruler's
(:mod:`extractor.place_ruler`, from ``data/lexicons/place_heads.toml``) and the heads of lists,
plural lists and "<head> of <Name>" forms.
"""
from __future__ import annotations

from extractor.place_ruler import (
    AFTER_NAME as ADMIN_HEADS, BEFORE_NAME as PREFIX_ADMIN_HEADS, DASHES, FEATURES as FEATURE_HEADS, HEAD_WORDS,
    LOWER_CASE as LOWER_HEADS, LOWER_ONLY as LOWER_ONLY_HEADS, NAME_STOP as NAME_STOP_SET, REGIONS as REGION_HEADS,
)
from extractor.registry import lexicon

__all__ = ["ADMIN_HEADS", "DASHES", "FACILITY_NOUNS", "FEATURE_HEADS", "HEAD_WORDS", "LIST_GOVERNMENT_HEADS",
           "LIST_GOVERNMENT_WORDS", "LIST_HEADS", "LOWER_HEADS", "LOWER_ONLY_HEADS", "NAME_STOP_SET", "OF_HEADS",
           "PLURAL_AFTER", "PREFIX_ADMIN_HEADS", "REGION_HEADS"]

_HEADS = lexicon("place_heads")
#: Plural heads that introduce a list of places of one type ("the villages of A, B and C",
#: "the municipalities of A, B ...").
LIST_HEADS: dict[str, str] = _HEADS["list_heads"]["plural"]
#: Singular heads that do the same before "governments"/"authorities" ("county governments of").
LIST_GOVERNMENT_HEADS: dict[str, str] = _HEADS["list_heads"]["singular"]
LIST_GOVERNMENT_WORDS = frozenset(_HEADS["list_heads"]["government_words"])
#: Plural heads written after a list of names ("Dadu and Thatta districts", "the Tana and Athi
#: rivers"): each name is a place of the head's type.
PLURAL_AFTER: dict[str, str] = _HEADS["plural_after"]
#: Singular heads before "of <Name>" ("the village of A", "the State of B", "the port of C").
OF_HEADS: dict[str, str] = _HEADS["of_heads"]["types"]
#: Facilities whose site, named after "<facility> at", is a locality ("the plant at Kovalam").
FACILITY_NOUNS = frozenset(_HEADS["facilities"]["nouns"])
