"""Place candidates from the spaCy pass: the place ruler's entities and a model's GPE/LOC.

The place ruler (:mod:`extractor.place_ruler`) labels gazetteer names ("Kenya", "Guizhou") and
names written with a head noun ("Kisumu County", "Mekong River"); a statistical model, when one
runs, adds GPE and LOC entities. :func:`entities` keeps those whose context lets them name a
place (:mod:`extractor.extract.place_context`) and makes each a :class:`Mention`: a gazetteer
name typed by its entry, a headed name typed by its head and split into its core and head.
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from extractor.analysis import ParsedBlock
from extractor.currencies import NAMES as CURRENCY_NAMES
from extractor.extract.place_context import (
    COMPASS, acronym_plural, adjective_before_head, adjective_of_nationality, at_sentence_start, common_words, first_name,
    in_capitals, in_list_of_other_names, in_organisation_list, in_programme_title, in_title_case, institution_of, is_title, lowers,
    names_organisation, names_person, names_road, part_of_longer_name, programme_like, quoted_term,
)
from extractor.extract.place_mention import HEADING_KINDS, Found, Mention
from extractor.gazetteer import BIG_CITY_POPULATION, GENERIC_WORDS, Gazetteer, english_pos, english_word
from extractor.place_ruler import BEFORE_NAME, FEATURES, FEDERAL_DISTRICT, FOREIGN, HEAD_WORDS, HEADS, LABEL, REGIONS, reading
from extractor.registry import lexicon

_CUES = lexicon("place_cues")
#: Entity labels of a statistical model that propose places.
MODEL_LABELS = frozenset(_CUES["model"]["labels"])
#: Articles a model's entity may open with ("the Sahel").
_ARTICLES = frozenset(_CUES["determiners"]["articles"])
#: Capitalised words that, before a city, name its conurbation ("Metro Manila", "Greater Cairo").
METRO_PREFIXES = frozenset(_CUES["names"]["metro_prefixes"])
#: Heads of a unit of an organisation after ordinary words ("the Rural Sociology Division").
_UNIT_HEADS = frozenset(_CUES["organisations"]["unit_heads"])
#: First words of a headed name that belong to the name itself ("Lake Victoria").
_NAME_OPENERS = frozenset(HEADS["features"]["name_openers"])
#: Of those, the abbreviations ("Mt", "Mt."): after a figure, a unit's symbol ("765 Mt", megatonnes),
#: where "In 2019 Lake Victoria" is the lake.
_ABBREVIATED_OPENERS = frozenset(w for w in _NAME_OPENERS if len(w.rstrip(".")) <= 2)
#: Feature heads written before "of <Name>" ("Gulf of Guinea"), as printed.
_BEFORE_OF = frozenset(HEADS["features"]["before_of"])
_FEATURE_HEADS = frozenset(FEATURES)
#: The designator after a special administrative region's name ("Hong Kong SAR"), as printed.
_SAR = frozenset({"SAR"})
#: Symbols that join words of one label or heading ("Math + Reading + Science", "Research & Development").
_JOINING_SYMBOLS = frozenset({"+", "&", "/"})
_REGION_HEADS = frozenset(REGIONS)


def entities(found: Found, pb: ParsedBlock) -> None:
    """The block's entities of the spaCy pass that name places, as mentions."""
    ents = pb.doc.ents
    if not ents:
        return
    heading = pb.block.kind in HEADING_KINDS
    rule_tokens = {i for ent in ents if ent.label_ == LABEL for i in range(ent.start, ent.end)}
    for ent in ents:
        if ent.label_ == LABEL:
            method, place_type = reading(ent)
        elif found.use_model and ent.label_ in MODEL_LABELS:
            method, place_type = "model", ""
        else:
            continue
        m = _candidate(found, pb, ent.start, ent.end, method, place_type, heading, rule_tokens)
        if m is not None:
            found.add(m)
            if method == "pattern" and m.start > ent.start:
                _names_before(found, pb, ent.start, m.start, heading, rule_tokens)


def _names_before(found: Found, pb: ParsedBlock, start: int, stop: int, heading: bool, place_tokens: set[int]) -> None:
    """Gazetteer names among the words a head pattern's match began with but its name does not
    ("San Francisco Atlanta Dallas Washington, DC": chart labels before the city of the district),
    each judged as the place ruler's own match would be."""
    doc, gaz = pb.doc, found.gaz
    i = start
    while i < stop:
        for e in range(min(stop, i + 3), i, -1):
            entry = gaz.lookup(doc[i:e].text)
            if entry is not None:
                m = _candidate(found, pb, i, e, "gazetteer", entry.place_type, heading, place_tokens | set(range(start, stop)))
                if m is not None:
                    found.add(m)
                i = e
                break
        else:
            i += 1


def _candidate(found: Found, pb: ParsedBlock, start: int, end: int, method: str, place_type: str,
               heading: bool, place_tokens: set[int]) -> Mention | None:
    """The mention an entity (``doc[start:end]``) makes, if its context lets it name a place."""
    doc, gaz = pb.doc, found.gaz
    if method == "model":
        while start < end and doc[start].lower_ in _ARTICLES:
            start += 1
        if start >= end or not is_title(doc[start]):
            return None
    if (names_organisation(doc, end) or names_road(doc, start, end) or in_programme_title(doc, start)
            or in_organisation_list(doc, start, end) or institution_of(doc, start)
            or _opens_organisation_name(found, doc, start, end)):
        return None
    if method in ("pattern", "pattern_lower") and start > 0 and doc[start].lower_ in _ABBREVIATED_OPENERS \
            and doc[start - 1].like_num:
        return None  # "765 Mt Basado en ...", "0,8 Mt": after a figure, "Mt" is megatonnes, no mount
    if method in ("pattern", "pattern_lower"):
        return _headed(found, pb, start, end, method, place_type, in_title_case(doc, start, end, heading))
    text = doc[start:end].text
    entry = gaz.lookup(text)
    foreign = gaz.foreign_lookup(text, doc._.report_language) if text in gaz.foreign_names else None
    if foreign is not None:  # a country's name in the report's language, before a namesake's ("México")
        entry, place_type, method = foreign, foreign.place_type, "gazetteer"
    elif method == FOREIGN:
        return None  # "Maurice", "Inde": a country's name in another language than the report's
    if method == "model":
        entry = entry or gaz.lookup_city(text)
        if entry is None:
            return None
        place_type = entry.place_type
    assert entry is not None
    if start > 0 and doc[start - 1].text in METRO_PREFIXES:
        city = entry if entry.place_type in ("city", "municipality") else gaz.city_named(text)
        if city is not None:
            # "Metro Manila", "Greater Cairo": the conurbation around a city, a region of its country
            return Mention(pb, start - 1, end, "region", "pattern", core=doc[start - 1:end].text,
                           core_len=end - start + 1, country=city.country, gaz_parent=city.parent, headed=True)
    # countries, continents and world regions: names no person, title or longer name shares as often
    wide = entry.place_type in ("country", "continent") or entry.place_type == "region" and not entry.country
    if entry.variant == "abbreviation" and "." not in text and in_capitals(doc, start, end):
        return None  # "ABOUT US", "NWT ROK ARF": a word or a code among words in capitals
    if entry.variant == "short" and part_of_longer_name(doc, start, end, place_tokens, heading):
        return None  # "Korea Zinc": a short form opening a company's name
    if not heading and names_person(doc, start, end, place_tokens, gaz, wide):
        return None  # a person's name in a citation or a reference, a double name
    if not wide:
        if quoted_term(doc, start, end) or part_of_longer_name(doc, start, end, place_tokens, heading) \
                or in_list_of_other_names(doc, start, end, place_tokens):
            return None
        first = doc[start].lower_
        if end - start == 1 and (
                first in found.vocabulary and in_title_case(doc, start, end, heading)
                or english_word(first) and entry.population < BIG_CITY_POPULATION
                and _capitalised_anyway(doc, start, end, heading, place_tokens)):
            return None  # "Reading the data, ...", "GAO's Mission": an ordinary word, capitalised
    elif entry.place_type == "country" and not heading and not _after_title_word(doc, start) \
            and first_name(doc, start, end, place_tokens, found.vocabulary):
        return None  # "Chad Shirley", "China Chhun": a person
    if entry.place_type == "country" and _currency_name(doc, start, end):
        return None  # "4 billion US dollars": the name of a currency
    if end < len(doc) and doc[end].text in _SAR:
        # "Hong Kong SAR": the special administrative region's name as international bodies print it
        return Mention(pb, start, end + 1, "autonomous_region", "gazetteer", core=text, core_len=end - start,
                       country=entry.country, variant=entry.variant)
    return Mention(pb, start, end, place_type or entry.place_type, "gazetteer" if method != "model" else "model",
                   core=text, country=entry.country, gaz_parent=entry.parent, cued=entry.cued,
                   city_only=entry.source == "city" and not gaz.is_subdivision(text), variant=entry.variant)


def _named_by_adjective(doc: Doc, start: int, end: int, place_type: str) -> bool:
    """"the Mediterranean region", "the Aegean region": "the", an adjective and a singular "region"
    (not "of" after it: "the Spanish region of Murcia" is a region of Spain) name the region."""
    return (place_type == "region" and start > 0 and doc[start - 1].lower_ == "the" and doc[end - 1].lower_ == "region"
            and not (end < len(doc) and doc[end].lower_ == "of"))


def _opens_organisation_name(found: Found, doc: Doc, start: int, end: int) -> bool:
    """Whether the name and the capitalised word after it begin the name of an organisation the
    document writes whole elsewhere ("American Ocean Minerals" of "American Ocean Minerals
    Corporation")."""
    if end >= len(doc) or not is_title(doc[end]) or doc[end].lower_ in STOP_WORDS:
        return False
    words = tuple(t.text for t in doc[start:end + 1])
    return any(words[k:] in found.organisation_names for k in range(len(words) - 1))


def _ordinary_phrase(found: Found, pb: ParsedBlock, start: int, end: int, name_end: int, method: str,
                     place_type: str) -> bool:
    """Whether a head pattern's match, whose core the gazetteer does not know, is a phrase of
    ordinary words rather than a name: "the Islamic State" (an adjective and a head), "Surveyed
    state WIC directors" (English words before a lower-case head), "the Current State of ...",
    "the Deep Ocean" (English words the document also writes in lower case: "current state",
    "deep ocean")."""
    doc = pb.doc
    words = [t.text for t in doc[start:name_end]]
    if not words or any(w in COMPASS or w.lower() in HEAD_WORDS for w in words):
        return False  # "Central Province", "the Black Sea region": a compass word, a named feature
    administrative = place_type != "natural_feature"
    if administrative and place_type != "region" and len(words) == 1 and adjective_before_head(words[0]):
        return True
    if found.gaz.lookup(doc[start:end].text) is not None:
        return False  # "Free State": the gazetteer's name
    english = all(english_word(w) for w in words)
    if english and administrative and method == "pattern_lower":
        return True  # "Surveyed state WIC directors", "Program state" (not "Cliff Village")
    low = words[0].lower()
    if administrative and len(words) == 1 and low.endswith("s") and low in found.vocabulary \
            and low not in GENERIC_WORDS and "NOUN" in english_pos(low):
        return True  # "Bridges State (number)": a plural noun the document writes in lower case
    return english and _written_in_lower_case(found, doc[start:end])


def _written_in_lower_case(found: Found, span: Span) -> bool:
    """Whether the document writes the words of ``span`` in lower case somewhere ("deep ocean")."""
    phrase = " ".join(t.lower_ for t in span if not t.is_space)
    return re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", found.analysis.document.text) is not None


def _capitalised_anyway(doc: Doc, start: int, end: int, heading: bool, place_tokens: set[int]) -> bool:
    """Whether ``doc[start:end]`` stands where any word is capitalised: a heading, a sentence's
    start, or among capitalised words that are not places (a title; not a table's list of names)."""
    if heading or at_sentence_start(doc, start):
        return True
    # the neighbours, or the words past a symbol joining them ("Math + Reading + Science")
    near = [start - 1, end] + [i for i, j in ((start - 2, start - 1), (end + 1, end))
                               if 0 <= j < len(doc) and doc[j].text in _JOINING_SYMBOLS]
    return any(0 <= i < len(doc) and i not in place_tokens and is_title(doc[i]) and doc[i].lower_ not in STOP_WORDS
               for i in near)


#: Function words a title in title case keeps in lower case between its capitalised words.
_TITLE_LINKS = frozenset({"the", "of", "and", "in", "for", "on", "a", "an", "to"})


def _inside_title(doc: Doc, start: int, end: int) -> bool:
    """Whether capitalised words stand on both sides of ``doc[start:end]``, past at most two
    function words (the word before not opening its sentence): "An Overview ... Including the
    Current State of Development"."""
    def capitalised(i: int, step: int) -> bool:
        k = 0
        while 0 <= i < len(doc) and doc[i].lower_ in _TITLE_LINKS and k < 2:
            i += step
            k += 1
        if not (0 <= i < len(doc) and is_title(doc[i]) and doc[i].lower_ not in STOP_WORDS):
            return False
        return step > 0 or not at_sentence_start(doc, i)
    return capitalised(start - 1, -1) and capitalised(end, 1)


def _country_at(gaz: Gazetteer, doc: Doc, start: int, stop: int) -> int | None:
    """End of a country's name starting at ``start`` and ending before ``stop``, if one does."""
    for end in range(stop - 1, start, -1):
        entry = gaz.lookup(doc[start:end].text)
        if entry is not None and entry.place_type == "country":
            return end
    return None


def _ordinary_noun(token: Token, vocabulary: frozenset[str]) -> bool:
    """A capitalised noun (only a noun) the document also writes in lower case: "Shippers"."""
    return token.lower_ in vocabulary and english_pos(token.text) == {"NOUN"} and token.lower_ not in GENERIC_WORDS \
        and token.text not in COMPASS


def _currency_name(doc: Doc, start: int, end: int) -> bool:
    """Whether a country's name opens the name of a currency ("US dollars", "Hong Kong dollar")."""
    after = skip_spaces(doc, end)
    if after >= len(doc):
        return False
    word = doc[after].lower_
    return f"{doc[start:end].text.lower()} {word}" in CURRENCY_NAMES or word in CURRENCY_NAMES


def skip_spaces(doc: Doc, j: int) -> int:
    """The first token from ``j`` on that is not white space."""
    while j < len(doc) and doc[j].is_space:
        j += 1
    return j


def _after_title_word(doc: Doc, start: int) -> bool:
    """Whether a capitalised word that is not a stop word stands right before ``start`` (a title in
    title case, not a list of names)."""
    return start > 0 and is_title(doc[start - 1]) and doc[start - 1].lower_ not in STOP_WORDS \
        and not at_sentence_start(doc, start)


def _head_split(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """(name end, head start) of a "<Name> <Head>" span; for autonomous names, the core is the
    first word ("Nujiang" of "Nujiang Lisu Autonomous Prefecture")."""
    words = lowers(doc, start, end)
    if "autonomous" in words:
        return start + 1, start + words.index("autonomous")
    if words and (words[0] in _NAME_OPENERS or words[0] in BEFORE_NAME or words[-1] in _REGION_HEADS
                  or words[-1].endswith("shire") or words[-2:] == ["city", "region"]):
        return end, end  # the whole phrase is the name: "Sun Belt", "Derbyshire", "Liverpool City Region"
    return end - 1, end - 1


def _headed(found: Found, pb: ParsedBlock, start: int, end: int, method: str, place_type: str,
            title_ctx: bool) -> Mention | None:
    """The mention a head pattern's match makes: the name typed by its head, its core the words
    before the head; ``None`` for an organisation's unit, a project, or an adjective and a head
    ("a Chinese village"). ``title_ctx``: the capitalisation around it says nothing."""
    doc, gaz, vocabulary = pb.doc, found.gaz, found.vocabulary
    if (method == "pattern_lower" and end - start >= 3 and doc[end - 2].lower_ in _FEATURE_HEADS
            and doc[end - 2].text[0].isupper() and place_type == "natural_feature"):
        end -= 1  # "the Amazon River basin": a descriptor after the river's own name
        method = "pattern"
    if doc[end - 1].text in FEDERAL_DISTRICT:  # "Washington, DC"
        core_end = end - 1 - (doc[end - 2].text == ",")
        # the city the gazetteer knows, without the title-case words glued before it ("... Office
        # Washington, DC" on a cover); none for a name it does not know ("Pörtner, D.C.": initials)
        while core_end - start > 1 and gaz.city_named(doc[start:core_end].text) is None:
            start += 1
        core = doc[start:core_end].text
        city = gaz.city_named(core)
        if city is None:
            return None
        # Two places, as "Houston, TX" is (:func:`place_cues.state_codes`): the city, and the federal
        # district after it, of the district type and the city's parent.
        # "DC", "D.C." and "D.C" are one district: its core is written without the full stops
        found.add(Mention(pb, end - 1, end, "district", "pattern", core=doc[end - 1].text.replace(".", ""),
                          core_len=1, country=city.country, headed=True))
        return Mention(pb, start, core_end, "city", "pattern", core=core, core_len=core_end - start,
                       country=city.country, parent=doc[end - 1].text)
    if doc[start].text in _BEFORE_OF and end - start > 3 and doc[start + 1].lower_ == "of":
        # "the Strait of Hormuz Disruptions: Implications ...": the name ends before words of a title
        while end - start > 3 and doc[end - 2].lower_ not in ("of", "the") and english_word(doc[end - 1].text):
            end -= 1
    name_end, _ = _head_split(doc, start, end)
    # the name's tokens: ``name_start:name_stop``
    name_start, name_stop = start, (name_end if name_end > start else end)
    while name_stop - name_start > 1 and doc[name_stop - 1].lower_ in HEAD_WORDS:
        name_stop -= 1  # "Liverpool City Region", "Sun Belt": judge the name without its heads
    if programme_like(doc, name_start, name_stop, vocabulary) or any(acronym_plural(t.text) for t in doc[name_start:name_stop]):
        return None  # a project's title; "EMs Range" (an acronym in the plural names no place)
    common = common_words(lowers(doc, name_start, name_stop), vocabulary)
    if title_ctx:
        # "Visiting Shangnan County": drop ordinary words in front of the name.
        while len(common) > 1 and at_sentence_start(doc, start) and doc[start].lower_ not in GENERIC_WORDS \
                and doc[start].lower_ not in BEFORE_NAME and (
                common[0] or gaz.lookup(doc[start + 1:name_end].text) is not None):
            start += 1
            common.pop(0)
        if all(common):
            return None
        if not at_sentence_start(doc, start) and in_title_case(doc, start, end, False) and all(
                c or english_word(w) for c, w in zip(common, lowers(doc, start, name_stop))):
            return None  # "Noise ... May Span Vast Ocean Areas": English words inside a title, not a name
        name_end, _ = _head_split(doc, start, end)
    elif all(english_word(w) for w in lowers(doc, name_start, name_stop)) and gaz.lookup(doc[start:end].text) is None \
            and _inside_title(doc, start, end):
        return None  # "Including the Current State of Development": English words inside a title
    trimmed = False
    while start + 1 < name_end < end and _country_at(gaz, doc, start, name_end) is not None:
        start = _country_at(gaz, doc, start, name_end)  # "Vanuatu Tonga Philippines ... Solomon Islands": chart labels
        trimmed = True
    whole = gaz.lookup(doc[start:end].text) if trimmed else None
    if whole is not None and whole.place_type == "country":
        return Mention(pb, start, end, "country", "gazetteer", core=doc[start:end].text, country=whole.country)
    while start + 1 < name_end < end and _ordinary_noun(doc[start], vocabulary) \
            and any(t.lower_ not in vocabulary for t in doc[start + 1:name_end]):
        start += 1  # "... U.S. Shippers Persian Gulf may ...": a noun of a running head glued before the name
    demonym = gaz.demonym_country(doc[start].text) if end - start == 2 else ""
    if demonym and place_type != "natural_feature":
        return None  # "a Chinese village", "the Kenyan state"
    if demonym and end < len(doc) and is_title(doc[end]) and doc[end].lower_ not in STOP_WORDS \
            and not found.overlaps(pb, end, end + 1):
        return None  # "American Ocean Minerals": an adjective and a feature's head open a company's name
    if doc[end - 1].lower_ in _UNIT_HEADS and any(
            c or english_word(w) and w.capitalize() not in COMPASS
            for c, w in zip(common_words(lowers(doc, name_start, name_stop), vocabulary), lowers(doc, name_start, name_stop))):
        return None  # "the Rural Sociology Division", "the 4th Infantry Division": a unit of an organisation
    if (end - start == 2 and method == "pattern_lower" and place_type != "natural_feature"
            and adjective_of_nationality(doc[start].text) and gaz.lookup(doc[start].text) is None
            and not _named_by_adjective(doc, start, end, place_type)):
        return None  # "a Spanish region", "Danish municipalities"
    core = doc[start:name_end].text if name_end > start else ""
    entry = gaz.lookup(core) if core else None
    if entry is None and _ordinary_phrase(found, pb, start, end, name_end, method, place_type):
        return None
    country = demonym
    if entry is not None and entry.place_type not in ("continent", "region"):
        country = country or entry.country
    gaz_parent = entry.parent if entry is not None and entry.place_type == place_type else ""
    return Mention(pb, start, end, place_type, "pattern", core=core, core_len=max(0, name_end - start),
                   country=country, gaz_parent=gaz_parent, headed=True)
