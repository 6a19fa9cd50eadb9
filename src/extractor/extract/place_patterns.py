"""Token patterns for place names written the way reports typeset them (the head nouns are
``data/lexicons/place_heads.toml``).

A place name in running text is usually one or more capitalised words followed by a head noun
that says what kind of place it is: "Kisumu County", "Ogun State", "Liangshan Yi Autonomous
Prefecture", "Weining Yi, Hui, and Miao Autonomous County", "the Mekong River", also with a
lower-case head ("Moraikobai village", "Naypyidaw region"). The head decides the place type.
Patterns over-generate on purpose; :mod:`extractor.extract.places` rejects organisations,
people and title-case phrases using the surrounding text.
"""
from __future__ import annotations

from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from extractor.registry import lexicon

_HEADS = lexicon("place_heads")
#: Administrative head nouns (as written after the name) -> place type.
ADMIN_HEADS: dict[str, str] = _HEADS["after_name"]
#: Heads that mark a place only in lower case after the name ("Chocó department", "Tarbela dam"):
#: capitalised, "Department" begins an organisation's name.
LOWER_ONLY_HEADS: dict[str, str] = _HEADS["after_name_lower_only"]
#: Autonomous units ("<Name> <Ethnic group> Autonomous <Head>").
AUTONOMOUS_HEADS: dict[str, str] = _HEADS["autonomous"]
#: Natural-feature heads written after the name ("Yellow River", "Ethiopian plateau").
FEATURE_HEADS = tuple(_HEADS["features"]["after_name"])
#: Heads of a wide stretch of settled land, a region rather than a landform ("Great Plains", "Sun Belt",
#: "Canadian Prairies"): the whole phrase is the name.
REGION_HEADS = tuple(_HEADS["regions"]["after_name"])
#: Compass words that may open a county's name before a "-shire" ("West Yorkshire").
SHIRE_COMPASS = tuple(_HEADS["shires"]["compass"])
#: Administrative heads written before the name, as some countries name their smallest units
#: ("Barangay San Roque", "Kelurahan Menteng", "Desa Sukamaju"): head word (lower-cased) -> type.
PREFIX_ADMIN_HEADS: dict[str, str] = _HEADS["before_name"]
#: Natural-feature heads written before the name ("Lake Victoria", "Mount Kenya").
FEATURE_PREFIXES = tuple(_HEADS["features"]["before_name"])
#: Feature heads followed by "of <Name>" ("Gulf of Guinea", "Bay of Bengal").
FEATURE_OF = tuple(_HEADS["features"]["before_of"])
#: Lower-case heads that still mark a place after a capitalised name ("Moraikobai village").
LOWER_HEADS = tuple(_HEADS["lower_case"]["heads"])
#: Written after a city's name for its federal district ("Washington, DC").
FEDERAL_DISTRICT = tuple(_HEADS["federal_district"]["forms"])

#: Every head word, lower-cased: never part of the name itself.
HEAD_WORDS = (frozenset(ADMIN_HEADS) | frozenset(FEATURE_HEADS) | frozenset(LOWER_ONLY_HEADS) | frozenset(REGION_HEADS)
              | frozenset(PREFIX_ADMIN_HEADS) | {"autonomous"})
#: Number words may begin a name ("Three Gorges", "Five Rivers"); other stop words may not.
_NUMBER_WORDS = frozenset(lexicon("place_cues")["names"]["number_words"])
NAME_STOP = sorted((STOP_WORDS - _NUMBER_WORDS) | HEAD_WORDS)
#: :data:`NAME_STOP` as a set, for the membership tests of the extraction rules (the sorted list
#: feeds the token patterns, where a test against it would be a scan of a few hundred words).
NAME_STOP_SET = frozenset(NAME_STOP)

DASHES = list(lexicon("place_cues")["names"]["dashes"])
#: A capitalised word with at least one lower-case letter, not a stop word nor a head noun.
NAME = {"TEXT": {"REGEX": r"^[A-ZÀ-ÞĀ-Ž](?=.*[a-zß-ÿā-ž])[\w'’]*$"}, "LOWER": {"NOT_IN": NAME_STOP}}


#: A capitalised feature word inside a longer name ("River" in "Yangtze River Delta").
FEATURE_IN_NAME = {"ORTH": {"IN": [h.capitalize() for h in FEATURE_HEADS]}, "OP": "+"}


def _name(op: str = "+") -> dict[str, Any]:
    return {**NAME, "OP": op}


#: A line break left inside a paragraph ("Silesian\nVoivodeship").
SPACE = {"IS_SPACE": True, "OP": "?"}


def _heads(words: list[str] | tuple[str, ...], capitalize: bool = True) -> dict[str, Any]:
    """One token spec for several head nouns of one place type (one Matcher pattern, not one each)."""
    return {"ORTH": {"IN": sorted(w.capitalize() if capitalize else w for w in words)}}


def _by_type(heads: dict[str, str]) -> dict[str, list[str]]:
    """Head nouns grouped by the place type they give."""
    out: dict[str, list[str]] = {}
    for head, ptype in heads.items():
        out.setdefault(ptype, []).append(head)
    return out


def _names_with_dash() -> list[list[dict[str, Any]]]:
    """The name part: "<Name>+" or "<Name>+ – <Name>+" ("Qinghai – Xizang", "Bouyei-Miao")."""
    return [[_name()], [_name(), {"ORTH": {"IN": DASHES}}, _name()]]


def _ethnic_list(n: int, oxford: bool) -> list[dict[str, Any]]:
    """"Yi, Hui, and Miao": n names separated by commas, the last after "and"."""
    parts: list[dict[str, Any]] = [dict(NAME)]
    for _ in range(n - 2):
        parts += [{"ORTH": ","}, dict(NAME)]
    if oxford:
        parts.append({"ORTH": ","})
    parts += [{"LOWER": "and"}, dict(NAME)]
    return parts


def _pattern(tokens: list[dict[str, Any]], method: str, place_type: str) -> dict[str, Any]:
    return {"label": "PLACE", "pattern": tokens, "id": f"{method}|{place_type}"}


def head_patterns() -> list[dict[str, Any]]:
    """EntityRuler token patterns for "<Name> <Head>" and natural-feature names."""
    pats: list[dict[str, Any]] = []
    lower_heads = {head: ADMIN_HEADS.get(head, "natural_feature") for head in LOWER_HEADS}
    for name in _names_with_dash():
        for ptype, heads in _by_type(ADMIN_HEADS).items():
            pats.append(_pattern([*name, SPACE, _heads(heads)], "pattern", ptype))
        for ptype, heads in _by_type(AUTONOMOUS_HEADS).items():
            head = _heads(heads)
            pats.append(_pattern([*name, {"ORTH": "Autonomous"}, head], "pattern", ptype))
            for n in (2, 3, 4):
                for oxford in (False, True):
                    if n == 2 and oxford:
                        continue
                    lst = _ethnic_list(n, oxford)
                    pats.append(_pattern([*name, *lst, {"ORTH": "Autonomous"}, head], "pattern", ptype))
            pats.append(_pattern([*name, {"LOWER": "and"}, _name(), {"ORTH": "Autonomous"}, head],
                                 "pattern", ptype))
        features = _heads(FEATURE_HEADS)
        pats.append(_pattern([*name, features], "pattern", "natural_feature"))
        pats.append(_pattern([*name, _heads(REGION_HEADS)], "pattern", "region"))
        # "Liverpool City Region": a city and the authorities around it
        pats.append(_pattern([*name, {"ORTH": "City"}, {"ORTH": "Region"}], "pattern", "region"))
        # "Yangtze River Delta", "Three Gorges Reservoir": a feature word inside the name
        pats.append(_pattern([*name, FEATURE_IN_NAME, features], "pattern", "natural_feature"))
        # "Karamoja sub-region", "the Tillabéri subregion"
        pats.append(_pattern([*name, {"LOWER": "sub"}, {"ORTH": {"IN": DASHES}}, {"LOWER": "region"}],
                             "pattern_lower", "region"))
        pats.append(_pattern([*name, {"LOWER": "subregion"}], "pattern_lower", "region"))
        for ptype, heads in _by_type(LOWER_ONLY_HEADS).items():
            pats.append(_pattern([*name, SPACE, _heads(heads, capitalize=False)], "pattern_lower", ptype))
        for ptype, heads in _by_type(lower_heads).items():
            head = _heads(heads, capitalize=False)
            pats.append(_pattern([*name, head], "pattern_lower", ptype))
            pats.append(_pattern([*name, FEATURE_IN_NAME, head], "pattern_lower", ptype))
    # "Derbyshire", "West Yorkshire": a shire is a county
    pats.append(_pattern([{"ORTH": {"IN": list(SHIRE_COMPASS)}, "OP": "?"},
                          {"TEXT": {"REGEX": r"^[A-Z][a-z]{2,}shire$"}}], "pattern", "county"))
    # "Washington, DC": a city named with its federal district
    pats.append(_pattern([_name(), {"ORTH": ","}, {"ORTH": {"IN": list(FEDERAL_DISTRICT)}}], "pattern", "city"))
    pats.append(_pattern([_name(), {"ORTH": {"IN": list(FEDERAL_DISTRICT)}}], "pattern", "city"))
    pats.append(_pattern([_heads(FEATURE_PREFIXES, capitalize=False), _name()], "pattern", "natural_feature"))
    for ptype, heads in _by_type(PREFIX_ADMIN_HEADS).items():
        pats.append(_pattern([_heads(heads), _name()], "pattern", ptype))
    pats.append(_pattern([_heads(FEATURE_OF, capitalize=False), {"LOWER": "of"}, {"LOWER": "the", "OP": "?"}, _name()],
                         "pattern", "natural_feature"))
    return pats


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
