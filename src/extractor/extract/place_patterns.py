"""Token patterns for place names written the way reports typeset them.

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

#: Administrative head nouns (as written after the name) -> place type.
ADMIN_HEADS: dict[str, str] = {
    "county": "county", "prefecture": "prefecture", "village": "village", "township": "township",
    "town": "township", "district": "district", "city": "city", "province": "province",
    "region": "region", "state": "province", "municipality": "municipality", "banner": "county",
    "governorate": "province", "parish": "district", "ward": "district", "division": "province",
    "voivodeship": "province", "oblast": "province",
}
#: Heads that mark a place only in lower case after the name ("Chocó department", "Tarbela dam"):
#: capitalised, "Department" begins an organisation's name.
LOWER_ONLY_HEADS: dict[str, str] = {"department": "province", "division": "province", "dam": "other"}
#: Autonomous units ("<Name> <Ethnic group> Autonomous <Head>").
AUTONOMOUS_HEADS: dict[str, str] = {
    "region": "autonomous_region", "prefecture": "prefecture", "county": "county",
    "banner": "county", "township": "township",
}
#: Natural-feature heads written after the name ("Yellow River", "Ethiopian plateau").
FEATURE_HEADS = ("river", "plateau", "mountains", "mountain", "sea", "lake", "basin", "desert", "valley",
                 "delta", "ocean", "highlands", "hills", "plain", "peninsula", "islands",
                 "island", "range", "falls", "gorge", "gorges", "canal", "strait", "bay", "gulf", "coast",
                 "glacier", "wetlands", "forest", "reservoir")
#: Heads of a wide stretch of settled land, a region rather than a landform ("Great Plains", "Sun Belt",
#: "Canadian Prairies"): the whole phrase is the name.
REGION_HEADS = ("plains", "prairies", "belt")
#: Compass words that may open a county's name before a "-shire" ("West Yorkshire").
SHIRE_COMPASS = ("North", "South", "East", "West")
#: Administrative heads written before the name, as some countries name their smallest units
#: ("Barangay San Roque", "Kelurahan Menteng", "Desa Sukamaju"): head word (lower-cased) -> type.
PREFIX_ADMIN_HEADS: dict[str, str] = {"barangay": "village", "kampung": "village", "desa": "village",
                                      "kelurahan": "village", "kecamatan": "district"}
#: Natural-feature heads written before the name ("Lake Victoria", "Mount Kenya").
FEATURE_PREFIXES = ("Lake", "Mount", "Mt.", "Mt")
#: Feature heads followed by "of <Name>" ("Gulf of Guinea", "Bay of Bengal").
FEATURE_OF = ("Gulf", "Bay", "Sea", "Strait", "Isle", "Straits", "Isthmus")
#: Lower-case heads that still mark a place after a capitalised name ("Moraikobai village").
LOWER_HEADS = ("village", "region", "county", "district", "province", "prefecture", "township", "state",
               "plateau", "river", "mountains", "valley", "basin", "delta", "desert", "lake", "highlands",
               "reservoir", "island")

#: Every head word, lower-cased: never part of the name itself.
HEAD_WORDS = (frozenset(ADMIN_HEADS) | frozenset(FEATURE_HEADS) | frozenset(LOWER_ONLY_HEADS) | frozenset(REGION_HEADS)
              | frozenset(PREFIX_ADMIN_HEADS) | {"autonomous"})
#: Number words may begin a name ("Three Gorges", "Five Rivers"); other stop words may not.
_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten eleven twelve twenty hundred".split())
NAME_STOP = sorted((STOP_WORDS - _NUMBER_WORDS) | HEAD_WORDS)
#: :data:`NAME_STOP` as a set, for the membership tests of the extraction rules (the sorted list
#: feeds the token patterns, where a test against it would be a scan of a few hundred words).
NAME_STOP_SET = frozenset(NAME_STOP)

DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014"]
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
    pats.append(_pattern([_name(), {"ORTH": ","}, {"ORTH": {"IN": ["DC", "D.C.", "D.C"]}}], "pattern", "city"))
    pats.append(_pattern([_name(), {"ORTH": {"IN": ["DC", "D.C.", "D.C"]}}], "pattern", "city"))
    pats.append(_pattern([_heads(FEATURE_PREFIXES, capitalize=False), _name()], "pattern", "natural_feature"))
    for ptype, heads in _by_type(PREFIX_ADMIN_HEADS).items():
        pats.append(_pattern([_heads(heads), _name()], "pattern", ptype))
    pats.append(_pattern([_heads(FEATURE_OF, capitalize=False), {"LOWER": "of"}, {"LOWER": "the", "OP": "?"}, _name()],
                         "pattern", "natural_feature"))
    return pats


#: Plural heads that introduce a list of places of one type ("the villages of A, B and C",
#: "the county governments of A, B, and C", "the municipalities of A, B ...").
LIST_HEADS: dict[str, str] = {
    "villages": "village", "counties": "county", "townships": "township", "towns": "township",
    "districts": "district", "cities": "city", "municipalities": "city", "provinces": "province",
    "prefectures": "prefecture", "regions": "region", "states": "province", "countries": "country",
}
#: Singular heads that do the same before "governments"/"authorities" ("county governments of").
LIST_GOVERNMENT_HEADS: dict[str, str] = {"county": "county", "city": "city", "municipal": "city",
                                         "district": "district", "township": "township", "village": "village",
                                         "provincial": "province", "prefectural": "prefecture", "state": "province"}
LIST_GOVERNMENT_WORDS = frozenset({"governments", "authorities", "administrations", "committees"})
#: Plural heads written after a list of names ("Dadu and Thatta districts", "the Tana and Athi
#: rivers"): each name is a place of the head's type.
PLURAL_AFTER: dict[str, str] = {
    "districts": "district", "counties": "county", "provinces": "province", "states": "province",
    "regions": "region", "villages": "village", "townships": "township", "prefectures": "prefecture",
    "departments": "province", "divisions": "province", "municipalities": "city",
    "rivers": "natural_feature", "lakes": "natural_feature", "mountains": "natural_feature",
    "islands": "natural_feature", "valleys": "natural_feature", "deltas": "natural_feature",
    "basins": "natural_feature", "reservoirs": "natural_feature", "seas": "natural_feature",
}
#: Singular heads before "of <Name>" ("the village of A", "the State of B", "the port of C").
OF_HEADS: dict[str, str] = {
    "village": "village", "town": "city", "city": "city", "municipality": "municipality",
    "state": "province", "province": "province", "region": "region", "district": "district",
    "county": "county", "department": "province", "port": "other", "island": "natural_feature",
    "commune": "district", "township": "township", "borough": "district",
}
#: Facilities whose site, named after "<facility> at", is a locality ("the plant at Kovalam").
FACILITY_NOUNS = frozenset({"plant", "plants", "station", "stations", "facility", "facilities", "works", "depot",
                            "terminal", "camp", "camps", "site", "sites", "factory", "mine", "refinery", "barrage",
                            "weir", "intake", "intakes"})
