"""The place ruler: the spaCy component that proposes place names inside the one spaCy pass.

It is spaCy's :class:`~spacy.pipeline.EntityRuler` as shipped, registered as the factory
``place_ruler`` (:data:`FACTORY`) so that :mod:`extractor.nlp` adds it by name. Every entity it
sets is labelled ``PLACE``, with an ``ent_id_`` of ``"<method>|<place type>"``:

* ``gazetteer|<type>``: a name of :mod:`extractor.gazetteer` (countries, ISO 3166-2
  subdivisions, big cities, continents, world regions), one phrase pattern each, made from the
  data packages when the pipeline is built;
* ``pattern|<type>``: a name written with a capitalised head noun ("Kisumu County", "Mekong
  River", "Lake Victoria", "Nujiang Lisu Autonomous Prefecture"), the head deciding the type;
* ``pattern_lower|<type>``: the same with a lower-case head ("Moraikobai village").

The head nouns are data (``data/lexicons/place_heads.toml``, read here as :data:`HEADS`); the
shapes of the token patterns are :func:`head_patterns`. The patterns over-generate on purpose:
the place rules (:mod:`extractor.extract.places`) reject organisations, people and title-case
phrases from the words around each candidate. Placed before a statistical NER, the ruler wins
ties and the model only adds GPE/LOC entities elsewhere.

Where one span matches a gazetteer name and a head pattern at once ("Quezon City"), the
EntityRuler keeps whichever its set of matches yields first (an order that depends on the
matches' hashes, so on the pattern ids and on the other matches of the block); the tables depend
on it, so changing an id or dropping a pattern may change which of the two a tie gives.
"""
from __future__ import annotations

from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.pipeline import EntityRuler

from extractor.gazetteer import gazetteer
from extractor.registry import lexicon

FACTORY = "place_ruler"
#: The ruler's name in the pipeline.
RULER_NAME = "place_ruler"

#: The head-noun tables of ``place_heads.toml`` (read-only).
HEADS: dict[str, Any] = lexicon("place_heads")
#: Capitalised after the name ("Kisumu County"): head -> place type.
AFTER_NAME: dict[str, str] = HEADS["after_name"]
#: After the name only in lower case ("Chocó department"): head -> place type.
LOWER_ONLY: dict[str, str] = HEADS["after_name_lower_only"]
#: Lower-case heads after a capitalised name ("Moraikobai village").
LOWER_CASE: tuple[str, ...] = tuple(HEADS["lower_case"]["heads"])
#: Natural features after the name ("Yellow River").
FEATURES: tuple[str, ...] = tuple(HEADS["features"]["after_name"])
#: Stretches of settled land after the name ("Sun Belt").
REGIONS: tuple[str, ...] = tuple(HEADS["regions"]["after_name"])
#: Administrative heads before the name ("Barangay San Roque"): head -> place type.
BEFORE_NAME: dict[str, str] = HEADS["before_name"]
#: Written after a city's name for its federal district ("Washington, DC").
FEDERAL_DISTRICT: tuple[str, ...] = tuple(HEADS["federal_district"]["forms"])

_NAMES = lexicon("place_cues")["names"]
#: Dashes joining two names into one ("Qinghai – Xizang").
DASHES: tuple[str, ...] = tuple(_NAMES["dashes"])
#: Every head word, lower-cased: never part of the name itself.
HEAD_WORDS = (frozenset(AFTER_NAME) | frozenset(FEATURES) | frozenset(LOWER_ONLY) | frozenset(REGIONS)
              | frozenset(BEFORE_NAME) | {"autonomous"})
#: Words no name is made of: stop words (but number words: "Three Gorges") and head words.
NAME_STOP = frozenset((STOP_WORDS - frozenset(_NAMES["number_words"])) | HEAD_WORDS)

#: A capitalised word with at least one lower-case letter, not a word of :data:`NAME_STOP`.
_NAME = {"TEXT": {"REGEX": r"^[A-ZÀ-ÞĀ-Ž](?=.*[a-zß-ÿā-ž])[\w'’]*$"}, "LOWER": {"NOT_IN": sorted(NAME_STOP)}}
#: A line break left inside a paragraph ("Silesian\nVoivodeship").
_SPACE = {"IS_SPACE": True, "OP": "?"}
#: Capitalised feature words inside a longer name ("River" in "Yangtze River Delta"), if any.
_FEATURES_IN_NAME = {"ORTH": {"IN": [h.capitalize() for h in FEATURES]}, "OP": "*"}


def _name(op: str = "+") -> dict[str, Any]:
    return {**_NAME, "OP": op}


def _heads(words: list[str] | tuple[str, ...], capitalize: bool = True) -> dict[str, Any]:
    """One token spec for several head nouns of one place type (one pattern, not one each)."""
    return {"ORTH": {"IN": sorted(w.capitalize() if capitalize else w for w in words)}}


def _by_type(heads: dict[str, str]) -> dict[str, list[str]]:
    """Head nouns grouped by the place type they give."""
    out: dict[str, list[str]] = {}
    for head, place_type in heads.items():
        out.setdefault(place_type, []).append(head)
    return out


def _ethnic_list(n: int) -> list[dict[str, Any]]:
    """"Yi, Hui, and Miao": n (3 or more) names separated by commas, the last after "and", with
    or without a comma before it."""
    parts: list[dict[str, Any]] = [dict(_NAME)]
    for _ in range(n - 2):
        parts += [{"ORTH": ","}, dict(_NAME)]
    return [*parts, {"ORTH": ",", "OP": "?"}, {"LOWER": "and"}, dict(_NAME)]


def _pattern(tokens: list[dict[str, Any]], method: str, place_type: str) -> dict[str, Any]:
    return {"label": "PLACE", "pattern": tokens, "id": f"{method}|{place_type}"}


def head_patterns() -> list[dict[str, Any]]:
    """The token patterns of names written with a head noun (the shapes; the words are :data:`HEADS`)."""
    pats: list[dict[str, Any]] = []
    lower_case = {head: AFTER_NAME.get(head, "natural_feature") for head in LOWER_CASE}
    dash = {"ORTH": {"IN": list(DASHES)}}
    # the name: "<Name>+", or two joined by a dash ("Qinghai – Xizang", "Bouyei-Miao")
    for name in ([_name()], [_name(), dash, _name()]):
        # "Kisumu County", "Silesian\nVoivodeship"
        for place_type, heads in _by_type(AFTER_NAME).items():
            pats.append(_pattern([*name, _SPACE, _heads(heads)], "pattern", place_type))
        # "Nujiang Lisu Autonomous Prefecture", "Weining Yi, Hui, and Miao Autonomous County"
        for place_type, heads in _by_type(HEADS["autonomous"]).items():
            head = _heads(heads)
            pats.append(_pattern([*name, {"ORTH": "Autonomous"}, head], "pattern", place_type))
            for n in (3, 4):
                pats.append(_pattern([*name, *_ethnic_list(n), {"ORTH": "Autonomous"}, head], "pattern", place_type))
            # two groups ("Lisu and Yi"); also two multi-word names ("Haixi Mongol and Tibetan")
            pats.append(_pattern([*name, {"LOWER": "and"}, _name(), {"ORTH": "Autonomous"}, head],
                                 "pattern", place_type))
        # "Yellow River", "Yangtze River Delta" (a feature word inside the name)
        pats.append(_pattern([*name, _FEATURES_IN_NAME, _heads(FEATURES)], "pattern", "natural_feature"))
        # "Great Plains", "Sun Belt"
        pats.append(_pattern([*name, _heads(REGIONS)], "pattern", "region"))
        # "Liverpool City Region": a city and the authorities around it
        pats.append(_pattern([*name, {"ORTH": "City"}, {"ORTH": "Region"}], "pattern", "region"))
        # "Karamoja sub-region", "the Tillabéri subregion"
        pats.append(_pattern([*name, {"LOWER": "sub"}, dash, {"LOWER": "region"}], "pattern_lower", "region"))
        pats.append(_pattern([*name, {"LOWER": "subregion"}], "pattern_lower", "region"))
        # "Chocó department", "Tarbela dam"
        for place_type, heads in _by_type(LOWER_ONLY).items():
            pats.append(_pattern([*name, _SPACE, _heads(heads, capitalize=False)], "pattern_lower", place_type))
        # "Moraikobai village", "the Yangtze River basin"
        for place_type, heads in _by_type(lower_case).items():
            pats.append(_pattern([*name, _FEATURES_IN_NAME, _heads(heads, capitalize=False)], "pattern_lower",
                                 place_type))
    # "Derbyshire", "West Yorkshire": a shire is a county
    pats.append(_pattern([{"ORTH": {"IN": HEADS["shires"]["compass"]}, "OP": "?"},
                          {"TEXT": {"REGEX": r"^[A-Z][a-z]{2,}shire$"}}], "pattern", "county"))
    # "Washington, DC": a city named with its federal district
    pats.append(_pattern([_name(), {"ORTH": ","}, {"ORTH": {"IN": list(FEDERAL_DISTRICT)}}], "pattern", "city"))
    pats.append(_pattern([_name(), {"ORTH": {"IN": list(FEDERAL_DISTRICT)}}], "pattern", "city"))
    # "Lake Victoria", "Mount Kenya"
    pats.append(_pattern([_heads(HEADS["features"]["before_name"], capitalize=False), _name()], "pattern",
                         "natural_feature"))
    # "Barangay San Roque", "Kecamatan Menteng"
    for place_type, heads in _by_type(BEFORE_NAME).items():
        pats.append(_pattern([_heads(heads), _name()], "pattern", place_type))
    # "Gulf of Guinea", "Bay of Bengal", "the Sea of the Hebrides"
    pats.append(_pattern([_heads(HEADS["features"]["before_of"], capitalize=False), {"LOWER": "of"},
                          {"LOWER": "the", "OP": "?"}, _name()], "pattern", "natural_feature"))
    return pats


def gazetteer_patterns() -> list[dict[str, Any]]:
    """A phrase pattern for every gazetteer name (matched as written)."""
    return [{"label": "PLACE", "pattern": name, "id": f"gazetteer|{e.place_type}"}
            for name, e in gazetteer().entries.items()]


@Language.factory(FACTORY, assigns=["doc.ents", "token.ent_type", "token.ent_iob"])
def make_place_ruler(nlp: Language, name: str) -> EntityRuler:
    """spaCy's EntityRuler with the gazetteer names and the head patterns."""
    ruler = EntityRuler(nlp, name, overwrite_ents=True)
    # The phrase patterns are tokenised by the tokenizer alone: a model's components before the
    # ruler (tagger, parser) have nothing to add to thousands of names.
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(gazetteer_patterns() + head_patterns())
    return ruler
