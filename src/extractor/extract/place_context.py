"""Exclusions: the context tests that tell a place name from a name that only contains one.

A gazetteer or head-noun match is a *candidate*. Whether it names a place depends on the words
around it: "Zhejiang Daily" and "Sichuan Provincial Department of ..." are organisations, "Growth
Plan for the Western Balkans" a programme, "Prominent Zhejiang Entrepreneurs" a title-case
phrase, a capitalised word at the start of a sentence may be an ordinary word ("Reading ...").
Each test reads the tokens of one spaCy Doc (``doc[i].text``, ``.lower_``, ``.is_sent_start``)
and, where it says so, the document's vocabulary of lower-case words, so it holds for any report.
The word lists are ``data/lexicons/place_cues.toml``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from extractor.analysis import Analysis
from extractor.gazetteer import Gazetteer, is_generic
from extractor.place_ruler import NAME_STOP
from extractor.registry import lexicon

_CUES = lexicon("place_cues")
#: Words that, after a place name, make the whole phrase an organisation, outlet or programme.
ORG_WORDS = frozenset(_CUES["organisations"]["words"])
#: Words allowed inside an organisation's name between the place and the organisation word.
_CONNECTORS = frozenset(_CUES["organisations"]["connectors"])
#: Capitalised words that end a programme's or plan's title before "for <Place>".
PROGRAMME_WORDS = frozenset(_CUES["organisations"]["programme_words"])
#: Words after a place name that make the phrase a road or a transport line ("Don Valley Parkway").
ROAD_WORDS = frozenset(_CUES["roads"]["words"])
#: Capitalised compass words that, before a place, name a part of it ("Eastern Fujian").
COMPASS = frozenset(_CUES["compass"]["words"])
#: Words made of compass points that name a region of a country on their own ("the Midlands").
COMPASS_REGION_WORDS = frozenset(_CUES["compass"]["region_words"])
#: Lower-case particles inside Romance-language place names ("Valle de Aburrá").
ROMANCE_PARTICLES = frozenset(_CUES["names"]["romance_particles"])
#: Words before a noun that make a capitalised word a common noun ("the whole Union").
DETERMINERS = frozenset(_CUES["determiners"]["words"])
_NATIONALITY_ENDINGS = tuple(_CUES["names"]["nationality_endings"])
_OPENERS = frozenset(_CUES["quotes"]["openers"])
_CLOSERS = frozenset(_CUES["quotes"]["closers"])
_POSSESSIVES = frozenset({"'s", "’s"})
_APOSTROPHES = frozenset({"'", "’"})
_TITLE = re.compile(r"^[A-ZÀ-ÞĀ-Ž](?=.*[a-zß-ÿā-ž])[\w'’.\-]*$")
_INITIAL = re.compile(r"[A-Z]\.")


def is_title_text(word: str) -> bool:
    """A capitalised word (not all caps, not a number)."""
    return bool(_TITLE.match(word))


def is_title(token: Token) -> bool:
    """:func:`is_title_text` of the token's text."""
    return is_title_text(token.text)


def lowers(doc: Doc, start: int, end: int) -> list[str]:
    """The lower-case words of ``doc[start:end]``."""
    return [t.lower_ for t in doc[start:end]]


def document_vocabulary(analysis: Analysis) -> frozenset[str]:
    """Words the document writes in lower case: a capitalised form of one of them is an ordinary
    word at a sentence start or in a title, not necessarily a name."""
    return frozenset(t.text for pb in analysis.blocks for t in pb.doc if t.is_lower and t.is_alpha)


def common_words(words: Iterable[str], vocabulary: frozenset[str]) -> list[bool]:
    """For each lower-case word: is it an ordinary word (written in lower case elsewhere, or a stop word)?"""
    return [low in vocabulary or low in STOP_WORDS for low in words]


def at_sentence_start(doc: Doc, i: int) -> bool:
    """True when token ``i`` opens its sentence (possibly after an opening quote or bracket)."""
    while i > 0 and doc[i - 1].text in _OPENERS:
        i -= 1
    return i == 0 or bool(doc[i].is_sent_start)


def in_title_case(doc: Doc, start: int, end: int, heading: bool) -> bool:
    """True when capitalisation says nothing: headings, sentence starts, and title-case runs
    ("Guangdong Provides Targeted Support ...")."""
    if heading or at_sentence_start(doc, start):
        return True
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    return bool(before is not None and is_title(before) and before.lower_ not in STOP_WORDS
                or after is not None and is_title(after) and after.lower_ not in STOP_WORDS)


def names_organisation(doc: Doc, end: int, limit: int = 10) -> bool:
    """True when the capitalised words right after ``doc[:end]`` end in an organisation word
    ("<Place> Daily", "<Place> County Government", "<Place> Provincial Department of ...")."""
    for k in range(max(0, min(limit, len(doc) - end))):
        token = doc[end + k]
        low = token.lower_
        if low in ORG_WORDS or low.endswith("s") and low[:-1] in ORG_WORDS and is_title(token):
            return True  # "... Recovery Funds" as "... Fund"
        if k == 0 and low in _POSSESSIVES:
            return False
        if low in _CONNECTORS and (k > 0 or low in ("and", "&") and end + 1 < len(doc) and is_title(doc[end + 1])):
            continue  # "... State and Local Fiscal Recovery Funds"
        if low in _POSSESSIVES or is_title(token):
            continue
        if low in _APOSTROPHES and k > 0 and doc[end + k - 1].lower_.endswith("s"):
            continue  # "Big City Mayors' Caucus"
        return False
    return False


def names_road(doc: Doc, start: int, end: int) -> bool:
    """True when a name is part of a road's or a line's name: "Don Valley Parkway", "Green Line"."""
    if end < len(doc) and doc[end].lower_ in ROAD_WORDS and is_title(doc[end]):
        return True
    return doc[end - 1].lower_ in ROAD_WORDS and end - start > 1


def in_programme_title(doc: Doc, start: int) -> bool:
    """True for a place ending a programme's title: "Growth Plan for the Western Balkans",
    "Resilience Initiative for Central Asia"."""
    k = start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    if k < 1 or doc[k].lower_ != "for":
        return False
    return doc[k - 1].text[:1].isupper() and doc[k - 1].lower_ in PROGRAMME_WORDS


def _is_organisation(doc: Doc, start: int, end: int) -> bool:
    """Whether ``doc[start:end]`` names an organisation: an organisation word among capitalised
    words and connectors."""
    tokens = doc[start:end]
    return any(t.lower_ in ORG_WORDS for t in tokens) and all(is_title(t) or t.lower_ in _CONNECTORS for t in tokens)


def in_organisation_list(doc: Doc, start: int, end: int) -> bool:
    """True for a name listed between organisations ("Asian Development Bank, European Union,
    United Nations Development Programme"): an author or partner, not a location."""
    n = len(doc)
    if start < 2 or end + 1 >= n or doc[start - 1].text != "," or doc[end].text != ",":
        return False
    k = start - 2
    while k > 0 and (is_title(doc[k - 1]) or doc[k - 1].lower_ in _CONNECTORS):
        k -= 1
    j = end + 1
    while j + 1 < n and (is_title(doc[j + 1]) or doc[j + 1].lower_ in _CONNECTORS):
        j += 1
    return _is_organisation(doc, k, start - 1) and _is_organisation(doc, end + 1, j + 1)


def part_of_longer_name(doc: Doc, start: int, end: int, place_tokens: set[int], heading: bool) -> bool:
    """True when a bare name sits inside a longer capitalised name ("Xi Jinping", "Georgia Tech"):
    a capitalised neighbour that is not a stop word, not the sentence start and not itself a place
    (a token of ``place_tokens``)."""
    if heading:
        return False
    n = len(doc)
    if start > 0 and _INITIAL.fullmatch(doc[start - 1].text):
        return True  # "M. Bangalore": a surname after an initial
    if start > 0 and not at_sentence_start(doc, start):
        before = doc[start - 1]
        if (is_title(before) and before.lower_ not in STOP_WORDS and start - 1 not in place_tokens
                and before.text not in COMPASS):
            return True
    if end < n and is_title(doc[end]) and doc[end].lower_ not in STOP_WORDS and end not in place_tokens:
        return True
    # "Valle de Aburrá", "Provincia de Buenos Aires": a Romance particle joins two capitalised words
    if end + 1 < n and doc[end].lower_ in ROMANCE_PARTICLES and is_title(doc[end + 1]):
        return True
    if start >= 2 and doc[start - 1].lower_ in ROMANCE_PARTICLES and is_title(doc[start - 2]) \
            and not at_sentence_start(doc, start - 2) and start - 2 not in place_tokens:
        return True
    return in_programme_title(doc, start)


def quoted_term(doc: Doc, start: int, end: int) -> bool:
    """True for a name standing alone in quotes ('"Datong" (great harmony)'): a term being
    glossed, not a place being located."""
    return start > 0 and end < len(doc) and doc[start - 1].text in _OPENERS and doc[end].text in _CLOSERS


def programme_like(doc: Doc, start: int, end: int, vocabulary: frozenset[str]) -> bool:
    """True when most words of a name (``doc[start:end]``) are ordinary words: "China-Cambodia
    Friendship Poverty Alleviation Demonstration Village" names a project, not a village."""
    alpha = [t.lower_ for t in doc[start:end] if t.is_alpha]
    ordinary = [low for low in alpha if low in vocabulary and low not in STOP_WORDS]
    return len(ordinary) >= 2 and 2 * len(ordinary) >= len(alpha)


def after_determiner(doc: Doc, i: int) -> bool:
    """"the Union", "the whole Union": a capitalised word after a determiner (and perhaps an
    adjective) is a common noun made proper, not a city's name."""
    if i == 0:
        return False
    before = doc[i - 1]
    return before.lower_ in DETERMINERS or (i > 1 and before.is_lower and before.is_alpha
                                            and doc[i - 2].lower_ in DETERMINERS)


def adjective_of_nationality(word: str) -> bool:
    """"Spanish", "Danish", "Japanese", "Andean": capitalised adjectives of nationality or region."""
    return word[:1].isupper() and word.lower().endswith(_NATIONALITY_ENDINGS)


def name_run(doc: Doc, j: int, limit: int = 4) -> int:
    """End of the capitalised name starting at token ``j`` (``j`` when there is none); Romance
    particles inside a name are kept ("Vila do Conde")."""
    k = j
    while k < len(doc) and k - j < limit:
        if is_title(doc[k]) and doc[k].lower_ not in NAME_STOP:
            k += 1
        elif k > j and doc[k].lower_ in ROMANCE_PARTICLES and k + 1 < len(doc) and is_title(doc[k + 1]):
            k += 1
        else:
            break
    return k


def acceptable_name(doc: Doc, s: int, e: int, vocabulary: frozenset[str], gaz: Gazetteer) -> bool:
    """Whether ``doc[s:e]``, a new name found through a cue, may name a place: not an
    organisation, not only generic or ordinary words, not an adjective of nationality."""
    if e <= s or names_organisation(doc, e) or is_generic(doc[s:e].text):
        return False
    if all(common_words(lowers(doc, s, e), vocabulary)):
        return False
    word = doc[s].text
    return not (e - s == 1 and (gaz.demonym_country(word) or adjective_of_nationality(word)))
