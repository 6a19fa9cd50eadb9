"""Typing: the passes where a head word, a list or the document's countries say what a name is.

"the village of A", "Dadu and Thatta districts", "the villages of A, B and C", "the Bay region",
"Bucharest-Ilfov": a head noun written before, after or around names types them, and names the
spaCy pass found bare take the type the text gives them. :func:`foreign_names` reads a name of
a country the document never names as the namesake the document means. The head nouns are
``data/lexicons/place_heads.toml``.
"""
from __future__ import annotations

import re
from operator import attrgetter

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from extractor.analysis import ParsedBlock
from extractor.extract.place_context import (
    COMPASS_REGION_WORDS, acceptable_name, adjective_of_nationality, at_sentence_start, in_title_case, is_title,
    lowers, name_run, names_organisation,
)
from extractor.extract.place_mention import HEADING_KINDS, WIDE_TYPES, Found, Mention
from extractor.gazetteer import CUED_CITY_MIN_POPULATION, Entry, english_pos, english_word, english_words_only
from extractor.place_ruler import AFTER_NAME, DASHES, HEADS, LOWER_CASE, LOWER_ONLY, NAME_STOP
#: Singular heads before "of <Name>" ("the village of A") -> place type.
OF_HEADS: dict[str, str] = HEADS["of_heads"]["types"]
_OF_HEAD_WORDS = frozenset(OF_HEADS)
#: Capitalised heads before "of <Name>" that belong to the name ("State of São Paulo").
OF_CAPITAL_HEADS = frozenset(HEADS["of_heads"]["part_of_name"])
#: ... and take the capitalised words before them into it ("London Borough of Hackney").
OF_PREFIXED_HEADS = frozenset(HEADS["of_heads"]["take_words_before"])
#: Plural heads after a list of names ("Dadu and Thatta districts") -> place type.
PLURAL_AFTER: dict[str, str] = HEADS["plural_after"]
_PLURAL_AFTER_WORDS = frozenset(PLURAL_AFTER)
#: Plural heads before "of" ("the villages of A, B and C") -> place type.
LIST_PLURAL: dict[str, str] = HEADS["list_heads"]["plural"]
#: Singular heads before "governments of" ("the county governments of A, B, and C") -> place type.
LIST_SINGULAR: dict[str, str] = HEADS["list_heads"]["singular"]
LIST_GOVERNMENT_WORDS = frozenset(HEADS["list_heads"]["government_words"])
_LIST_STARTS = frozenset(LIST_PLURAL) | frozenset(LIST_SINGULAR)
_LOWER_CASE = frozenset(LOWER_CASE)


def named_countries(found: Found) -> None:
    """The countries the document names, as the spaCy pass found them."""
    found.countries = {m.country for m in found.mentions if m.place_type == "country" and m.country}


def foreign_names(found: Found) -> None:
    """Gazetteer names of a country the document never names, read as the namesake the document
    means: "Maryland" (a county of Liberia) in a report that names the United States is the
    state, "Midlands" (a province of Zimbabwe) in a British report the English region,
    "Manchester" (a Jamaican parish) the city of a country the document names, and "Georgia" listed
    among states of the United States ("Pennsylvania, Maryland, and Georgia") the state; names
    trusted only where their country is named (local authorities such as "Sutton" or "Reading",
    ordinary words such as "Bar") are dropped."""
    countries = found.countries
    for m in list(found.mentions):
        if m.method != "gazetteer" or m.headed or not m.country or m.country in countries \
                or m.place_type in ("country", "continent"):
            continue
        if m.text.lower() in COMPASS_REGION_WORDS:
            m.place_type, m.country, m.gaz_parent = "region", "", ""
            continue
        namesake = found.gaz.namesake_in(m.text, countries)
        entry = found.gaz.lookup(m.text)
        if namesake is not None and namesake.source == "city" and entry is not None and entry.source == "city" \
                and namesake.population < entry.population:
            namesake = None  # "Amsterdam" is not a small town of the United States
        if namesake is not None and english_words_only(m.text) and (
                in_title_case(m.pb.doc, m.start, m.end, m.pb.block.kind in HEADING_KINDS)
                or namesake.source == "city" and namesake.population < CUED_CITY_MIN_POPULATION):
            # "Mobile phones ...", "New Mission After ...": ordinary words, capitalised; "the Bar
            # to Get it Right": a word, not a small town of a country the document names
            namesake = None
        if namesake is not None:
            m.place_type, m.country, m.gaz_parent, m.cued = namesake.place_type, namesake.country, namesake.parent, False
            m.city_only = namesake.source == "city" and not found.gaz.is_subdivision(m.text)
        elif m.cued:
            found.drop(m)
    for m in list(found.mentions):
        if m.method == "gazetteer" and m.place_type == "country" and not m.headed:
            _listed_namesake(found, m)
    named_countries(found)  # a country read as a state no longer names its country


#: What stands between two items of a list of places, or two rows of a table ("Florida 13,070 7,705
#: ... 2.8 Georgia"): separators, "and" or "or", figures and unmapped glyphs ("(cid:3)") among white
#: space. The repetition is possessive (``++``): a long gap that is no list fails in one pass
#: instead of trying every way to split it (minutes on a page of table rows).
_LIST_GAP = re.compile(r"(?:\(cid:\d+\)|\s|[,;]|\b(?:and|or)\b|[\d.%()\-–—])++")


def _listed_namesake(found: Found, m: Mention) -> None:
    """"Pennsylvania, Maryland, and Georgia", a table's rows of states: a country's name listed
    between subdivisions of one country the document names, itself the name of one of them, is
    that subdivision."""
    ms = sorted(found.in_block(m.pb), key=attrgetter("start"))
    i = ms.index(m)
    neighbours = [n for n in (ms[i - 1] if i > 0 else None, ms[i + 1] if i + 1 < len(ms) else None)
                  if n is not None and _gap_is_list(m.pb, n, m)]
    listed = {n.country for n in neighbours if n.place_type not in ("country", "continent", "region") and n.country}
    if len(listed) != 1 or not neighbours or len(listed & found.countries) != 1:
        return
    (country,) = listed
    if country == m.country or found.gaz.coded_subdivision(country, m.country) is not None:
        # "in Mexico, Nuevo León ...": a country before its own unit; "Puerto Rico", "Guam": a
        # territory that is a country of its own and a unit of the other
        return
    namesake = found.gaz.namesake_in(m.text, listed)
    if namesake is not None and namesake.source == "subdivision":
        m.place_type, m.country, m.gaz_parent = namesake.place_type, namesake.country, namesake.parent


def _gap_is_list(pb: ParsedBlock, a: Mention, b: Mention) -> bool:
    """Whether only a list's separators or a table row's figures stand between two mentions."""
    first, second = (a, b) if a.start < b.start else (b, a)
    gap = pb.text[first.span.end_char:second.pb.doc[second.start].idx]
    return bool(gap.strip()) and _LIST_GAP.fullmatch(gap) is not None


def hyphen_compounds(found: Found, pb: ParsedBlock) -> None:
    """"Bucharest-Ilfov": two sub-national names joined by a bare hyphen name one region."""
    in_block = found.in_block(pb)
    if len(in_block) < 2:
        return
    doc = pb.doc
    ms = sorted(in_block, key=attrgetter("start"))
    for a, b in zip(ms, ms[1:]):
        if (b.start == a.end + 1 and doc[a.end].text in DASHES and not doc[a.end - 1].whitespace_
                and not doc[a.end].whitespace_ and not a.headed and not b.headed
                and a.place_type not in WIDE_TYPES and b.place_type not in WIDE_TYPES and a.country == b.country):
            if a not in in_block or b not in in_block:
                continue
            found.drop(a)
            found.drop(b)
            found.add(Mention(pb, a.start, b.end, "region", "pattern", core=doc[a.start:b.end].text,
                              core_len=b.end - a.start, country=a.country, headed=True))


def lower_heads(found: Found, pb: ParsedBlock) -> None:
    """"the Bay region", "Chocó department": a gazetteer name followed by a lower-case
    administrative head is named with it."""
    doc = pb.doc
    for m in [m for m in found.in_block(pb) if not m.headed and m.method == "gazetteer"]:
        if m.place_type in WIDE_TYPES and m.country == "" or m.place_type in ("country", "continent"):
            continue
        j = m.end
        while j < len(doc) and doc[j].is_space:
            j += 1
        if j >= len(doc) or not doc[j].is_lower or found.overlaps(pb, j, j + 1):
            continue
        head = doc[j].text
        place_type = LOWER_ONLY.get(head) or (AFTER_NAME.get(head) if head in _LOWER_CASE else None)
        if place_type is None or place_type == "village" or _modifies_noun(doc, j):
            continue
        m.end, m.headed, m.core, m.core_len, m.place_type = j + 1, True, m.text, m.end - m.start, place_type
        found.taken(pb).update(range(m.start, j + 1))


def _modifies_noun(doc: Doc, j: int) -> bool:
    """Whether the lower-case word at ``j`` qualifies a noun after it ("California state law",
    "the Texas state government"): a known English word follows that cannot be a verb."""
    if j + 1 >= len(doc):
        return False
    after = doc[j + 1]
    if not (after.is_lower and after.is_alpha) or after.lower_ in STOP_WORDS:
        return False
    pos = english_pos(after.text)
    return bool(pos) and not pos & {"VERB", "AUX"}


def of_forms(found: Found, pb: ParsedBlock) -> None:
    """"the village of A", "the town of B", "the State of C", "the port of D": the head before
    "of" says what the named place is. A capitalised head is part of the name ("State of
    São Paulo") and keeps the place apart from a namesake city."""
    doc, gaz = pb.doc, found.gaz
    for i in found.hits(pb, _OF_HEAD_WORDS, lower=True, room=2):
        head, word = doc[i].lower_, doc[i].text
        if doc[i + 1].lower_ != "of" or found.overlaps(pb, i, i + 1):
            continue
        capital = word[0].isupper() and head in OF_CAPITAL_HEADS and not at_sentence_start(doc, i)
        if not capital and not (i > 0 and doc[i - 1].lower_ == "the" and word.islower()):
            continue
        s = i + 2
        e = name_run(doc, s)
        if e == s:
            continue
        place_type = OF_HEADS[head]
        known = found.at(pb, s, e)
        if known is None and found.overlaps(pb, s, e):
            continue
        if known is not None and (known.headed or known.place_type in ("country", "continent")):
            continue
        if known is None and not acceptable_name(doc, s, e, found.vocabulary, found.gaz):
            continue
        name = doc[s:e].text
        entry = gaz.lookup(name) or gaz.lookup_city(name)
        if capital and known is None and entry is None and all(english_word(w) for w in lowers(doc, s, e)):
            continue  # "the Current State of Development": English words, not a name
        country = known.country if known else (entry.country if entry else "")
        if known is not None:
            if place_type == "other":
                continue
            found.drop(known)
        if capital and place_type == "city" and entry is not None and entry.place_type == "district":
            place_type = "district"  # "City of Westminster": a borough named as a city
        start = i if capital else s
        if capital and head in OF_PREFIXED_HEADS and i > 0 and is_title(doc[i - 1]) \
                and doc[i - 1].lower_ not in STOP_WORDS:
            before = found.at(pb, i - 1, i)  # "London Borough of Hackney": "London" is part of it
            if before is not None:
                found.drop(before)
            if not found.overlaps(pb, i - 1, i):
                start = i - 1
        found.add(Mention(pb, start, e, place_type, "pattern", core=name, core_len=e - s, country=country,
                          headed=True, of_form=capital and place_type not in ("city", "municipality")))


def plural_lists(found: Found, pb: ParsedBlock) -> None:
    """"Dadu and Thatta districts", "the Tana, Athi and Galana rivers": names before a plural
    head are places of its type."""
    doc, gaz = pb.doc, found.gaz
    for i in found.hits(pb, _PLURAL_AFTER_WORDS):
        place_type = PLURAL_AFTER[doc[i].text]
        items: list[tuple[int, int]] = []
        k, joined = i, False
        while k > 0:
            e, s = k, k
            while s > 0 and is_title(doc[s - 1]) and doc[s - 1].lower_ not in NAME_STOP:
                s -= 1
            if s == e:
                break
            items.append((s, e))
            if s > 0 and doc[s - 1].lower_ in ("and", "or") and not items[1:]:
                joined = True
                k = s - 1
                if k > 0 and doc[k - 1].text == ",":
                    k -= 1
            elif joined and s > 0 and doc[s - 1].text == ",":
                k = s - 1
            else:
                break
        if len(items) < 2 or not joined:
            continue
        if any(gaz.demonym_country(doc[s].text) or adjective_of_nationality(doc[s].text) for s, _ in items):
            continue  # "Kenyan and Ugandan districts"
        for s, e in items:
            known = found.at(pb, s, e)
            if known is not None:
                if not known.headed and known.method == "gazetteer" and known.place_type not in (
                        "country", "continent") and (known.place_type != "region" or known.country):
                    # a sub-national namesake ("Zambezi" region) yields to the head; world regions do not
                    known.place_type, known.headed, known.core, known.core_len = place_type, True, known.text, e - s
                continue
            if found.overlaps(pb, s, e) or not acceptable_name(doc, s, e, found.vocabulary, found.gaz):
                continue
            name = doc[s:e].text
            entry = gaz.lookup(name)
            found.add(Mention(pb, s, e, place_type, "pattern", core=name, core_len=e - s,
                              country=entry.country if entry else "", headed=True))


def lists(found: Found, pb: ParsedBlock) -> None:
    """"the villages of A, B and C", "the county governments of A, B, and C": each item is a place
    of the type the plural head names."""
    doc, gaz = pb.doc, found.gaz
    for i in found.hits(pb, _LIST_STARTS, lower=True, room=2):
        low, after = doc[i].lower_, doc[i + 1].lower_
        if low in LIST_PLURAL and after == "of":
            place_type, j = LIST_PLURAL[low], i + 2
        elif low in LIST_SINGULAR and after in LIST_GOVERNMENT_WORDS and i + 2 < len(doc) \
                and doc[i + 2].lower_ == "of":
            place_type, j = LIST_SINGULAR[low], i + 3
        else:
            continue
        items = _list_items(found, pb, j)
        within = _list_within(found, pb, items[-1][1]) if items else None
        for s, e, known in items:
            if known:
                _retype_bare(found, pb, s, e, place_type)
                continue
            if names_organisation(doc, e):
                continue
            name = doc[s:e].text
            entry = gaz.lookup(name) or gaz.lookup_city(name)
            if entry is not None:
                found.add(Mention(pb, s, e, place_type, "pattern", core=name, country=entry.country))
            else:  # ("the departments of A and B in C": C's, as its parts)
                found.add(Mention(pb, s, e, place_type, "pattern", core=name, country=within.country if within else "",
                                  gaz_parent=within.name if within else ""))


def _list_within(found: Found, pb: ParsedBlock, end: int) -> Entry | None:
    """The place a list of places lies in, named right after it: "in Jujuy" (a gazetteer name
    that has a country)."""
    doc = pb.doc
    if end + 1 >= len(doc) or doc[end].lower_ != "in":
        return None
    for stop in range(min(len(doc), end + 5), end + 1, -1):
        entry = found.gaz.lookup(doc[end + 1:stop].text)
        if entry is not None and entry.country:
            return entry
    return None


def _retype_bare(found: Found, pb: ParsedBlock, start: int, end: int, place_type: str) -> None:
    """A bare gazetteer name in a typed list takes the list's type ("villages of ..., Sanhe"):
    the report's own word outranks a namesake elsewhere."""
    for m in found.in_block(pb):
        if m.start == start and m.end == end and not m.headed and m.method == "gazetteer" \
                and m.place_type not in WIDE_TYPES:
            m.place_type = place_type


def _list_items(found: Found, pb: ParsedBlock, j: int) -> list[tuple[int, int, bool]]:
    """(start, end, already a mention) of each item of the list starting at token ``j``."""
    doc, taken = pb.doc, found.taken(pb)
    n = len(doc)
    items: list[tuple[int, int, bool]] = []
    while j < n:
        if doc[j].lower_ == "the":
            j += 1
            continue
        if j in taken:  # an item already found (e.g. "Cliff Village"): skip over it
            k = j
            while k < n and k in taken:
                k += 1
            items.append((j, k, True))
            j = k
        else:
            k = j
            while k < n and is_title(doc[k]) and doc[k].lower_ not in NAME_STOP:
                k += 1
            if k == j:
                break
            items.append((j, k, False))
            j = k
        if j < n and doc[j].text == ",":
            j += 1
        if j < n and doc[j].lower_ in ("and", "or"):
            j += 1
        elif j >= n or doc[j - 1].text != ",":
            break
    return items if len(items) >= 2 else []
