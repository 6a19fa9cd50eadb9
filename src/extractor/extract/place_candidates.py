"""Place candidates from the spaCy pass: the place ruler's entities and a model's GPE/LOC.

The place ruler (:mod:`extractor.place_ruler`) labels gazetteer names ("Kenya", "Guizhou") and
names written with a head noun ("Kisumu County", "Mekong River"); a statistical model, when one
runs, adds GPE and LOC entities. :func:`entities` keeps those whose context lets them name a
place (:mod:`extractor.extract.place_context`) and makes each a :class:`Mention`: a gazetteer
name typed by its entry, a headed name typed by its head and split into its core and head.
"""
from __future__ import annotations

from spacy.tokens import Doc

from extractor.analysis import ParsedBlock
from extractor.extract.place_context import (
    adjective_of_nationality, at_sentence_start, common_words, in_organisation_list, in_programme_title,
    in_title_case, is_title, lowers, names_organisation, names_road, part_of_longer_name, programme_like,
    quoted_term,
)
from extractor.extract.place_mention import HEADING_KINDS, WIDE_TYPES, Found, Mention
from extractor.gazetteer import GENERIC_WORDS
from extractor.place_ruler import BEFORE_NAME, FEATURES, FEDERAL_DISTRICT, HEAD_WORDS, HEADS, LABEL, REGIONS, reading
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
_FEATURE_HEADS = frozenset(FEATURES)
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
            or in_organisation_list(doc, start, end)):
        return None
    if method in ("pattern", "pattern_lower"):
        return _headed(found, pb, start, end, method, place_type, in_title_case(doc, start, end, heading))
    text = doc[start:end].text
    entry = gaz.lookup(text)
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
    if entry.place_type not in WIDE_TYPES:
        if quoted_term(doc, start, end) or part_of_longer_name(doc, start, end, place_tokens, heading):
            return None
        first = doc[start].lower_
        if end - start == 1 and (first in found.vocabulary or first.endswith("ing") and at_sentence_start(doc, start)) \
                and in_title_case(doc, start, end, heading):
            return None  # "Reading the data, ...": an ordinary word, capitalised
    return Mention(pb, start, end, place_type or entry.place_type, "gazetteer" if method != "model" else "model",
                   core=text, country=entry.country, gaz_parent=entry.parent, cued=entry.cued,
                   city_only=entry.source == "city" and not gaz.is_subdivision(text))


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
        core = doc[start:core_end].text
        entry = gaz.lookup(core)
        return Mention(pb, start, end, "city", "pattern", core=core, core_len=core_end - start,
                       country=entry.country if entry else "", headed=True)
    name_end, _ = _head_split(doc, start, end)
    # the name's tokens: ``name_start:name_stop``
    name_start, name_stop = start, (name_end if name_end > start else end)
    while name_stop - name_start > 1 and doc[name_stop - 1].lower_ in HEAD_WORDS:
        name_stop -= 1  # "Liverpool City Region", "Sun Belt": judge the name without its heads
    if programme_like(doc, name_start, name_stop, vocabulary):
        return None
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
        name_end, _ = _head_split(doc, start, end)
    demonym = gaz.demonym_country(doc[start].text) if end - start == 2 else ""
    if demonym and place_type != "natural_feature":
        return None  # "a Chinese village", "the Kenyan state"
    if doc[end - 1].lower_ in _UNIT_HEADS and any(common_words(lowers(doc, name_start, name_stop), vocabulary)):
        return None  # "the Rural Sociology Division": a unit of an organisation
    if (end - start == 2 and method == "pattern_lower" and place_type != "natural_feature"
            and adjective_of_nationality(doc[start].text) and gaz.lookup(doc[start].text) is None):
        return None  # "a Spanish region", "Danish municipalities"
    country = demonym
    core = doc[start:name_end].text if name_end > start else ""
    entry = gaz.lookup(core) if core else None
    if entry is not None and entry.place_type not in ("continent", "region"):
        country = country or entry.country
    gaz_parent = entry.parent if entry is not None and entry.place_type == place_type else ""
    return Mention(pb, start, end, place_type, "pattern", core=core, core_len=max(0, name_end - start),
                   country=country, gaz_parent=gaz_parent, headed=True)
