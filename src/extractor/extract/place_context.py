"""Context tests that tell a place name from a name that only contains one.

A gazetteer or head-noun match is a *candidate*. Whether it names a place depends on the words
around it: "Zhejiang Daily" and "Sichuan Provincial Department of ..." are organisations,
"Prominent Zhejiang Entrepreneurs" is a title-case phrase, a capitalised word at the start of a
sentence may be an ordinary word ("Reading ..."). These tests read only the parsed spaCy Doc
and the document's vocabulary of lower-case words, so they hold for any report.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import compress, islice

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token


#: Words that, after a place name, make the whole phrase an organisation, outlet or programme.
ORG_WORDS = frozenset("""
government governments committee committees department departments bureau bureaus commission
office agency ministry ministries university college school institute academy bank group company
corporation co co. ltd ltd. inc inc. daily news times post herald press publishing publisher
association federation council party center centre foundation fund society administration authority
court congress assembly hospital television tv radio network journal gazette review observer
provincial municipal prefectural people's program programme initiative project summit forum
airlines airways airport station union club team army police media newspaper magazine
alliance coalition consortium secretariat limited plc trust utility utilities
transit caucus league board
""".split())
#: Words after a place name that make the phrase a road or a transport line ("Don Valley Parkway").
ROAD_WORDS = frozenset("""road roads street avenue boulevard highway highways expressway parkway freeway motorway
turnpike line lane drive way tunnel bridge railway railroad""".split())
#: Capitalised words made of compass points that name a region of a country on their own ("the North
#: East", "the Midwest", "the Midlands", "the Northeast"), written as one or two words.
COMPASS_REGION_WORDS = frozenset("""northeast northwest southeast southwest midwest midlands mid-atlantic
north-east north-west south-east south-west""".split())
#: Capitalised words that end a programme's or plan's title before "for <Place>".
PROGRAMME_WORDS = frozenset("""plan programme program strategy facility agenda compact mechanism instrument
initiative partnership roadmap framework""".split())
#: Lower-case particles inside Romance-language place names ("Valle de Aburrá", "Castilla y León").
ROMANCE_PARTICLES = frozenset({"de", "del", "da", "do", "dos", "das", "di", "du", "des", "y"})
#: Words allowed inside an organisation name between the place and the organisation word.
_CONNECTORS = frozenset({"and", "of", "for", "&", "-", "\u2013", "\u2014", "on"})
_TITLE = re.compile(r"^[A-ZÀ-ÞĀ-Ž](?=.*[a-zß-ÿā-ž])[\w'’.\-]*$")
_OPENERS = frozenset("\"'“‘([«")
_CLOSERS = frozenset("\"'”’)]»")
#: Capitalised compass words that, before a place, name a part of it ("Eastern Fujian").
COMPASS = frozenset({"Eastern", "Western", "Northern", "Southern", "Central", "Northeastern", "Northwestern",
                     "Southeastern", "Southwestern", "North", "South", "East", "West", "Northeast", "Northwest",
                     "Southeast", "Southwest"})


def is_title_word(token: Token) -> bool:
    """A capitalised word (not all caps, not a number)."""
    return bool(_TITLE.match(token.text))


def is_title_text(word: str) -> bool:
    """:func:`is_title_word` of a token's text."""
    return bool(_TITLE.match(word))


def title_positions(words: list[str], start: int, stop: int) -> list[int]:
    """Indices in ``range(start, stop)`` of the capitalised words (:func:`is_title_word`) among a
    block's words, in one pass (``map`` and ``compress``: no Python step per word)."""
    stop = max(start, stop)
    return list(compress(range(start, stop), map(_TITLE.match, islice(words, start, stop))))


def title_words(words: Iterable[str]) -> set[str]:
    """The capitalised words (:func:`is_title_word`) among ``words``."""
    return {word for word in words if _TITLE.match(word)}


def document_vocabulary(words: Iterable[str]) -> frozenset[str]:
    """Words the document writes in lower case, from its distinct words: a capitalised form of
    one of them is an ordinary word at a sentence start or in a title, not necessarily a name.

    A token's IS_LOWER and IS_ALPHA flags are ``str.islower`` and ``str.isalpha`` of its text
    (spaCy's lexical attribute getters): tested once per distinct word, not per token."""
    return frozenset(word for word in words if word.islower() and word.isalpha())


def names_organisation(doc: Doc, end: int, limit: int = 10) -> bool:
    """True when the capitalised words right after ``doc[:end]`` end in an organisation word
    ("<Place> Daily", "<Place> County Government", "<Place> Provincial Department of ...")."""
    for k, token in enumerate(doc[end:end + limit]):
        low = token.lower_
        if low in ORG_WORDS or low.endswith("s") and low[:-1] in ORG_WORDS and is_title_word(token):
            return True  # "... Recovery Funds" as "... Fund"
        if k == 0 and low in {"'s", "’s"}:
            return False
        if low in _CONNECTORS and (k > 0 or low in ("and", "&") and end + 1 < len(doc) and is_title_word(doc[end + 1])):
            continue  # "... State and Local Fiscal Recovery Funds"
        if low in {"'s", "’s"} or is_title_word(token):
            continue
        if low in {"'", "’"} and k > 0 and doc[end + k - 1].lower_.endswith("s"):
            continue  # "Big City Mayors' Caucus"
        return False
    return False


def names_road(doc: Doc, start: int, end: int) -> bool:
    """True when a name is part of a road's or a line's name: "Don Valley Parkway", "Green Line"."""
    if end < len(doc) and doc[end].lower_ in ROAD_WORDS and is_title_word(doc[end]):
        return True
    return doc[end - 1].lower_ in ROAD_WORDS and end - start > 1


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
    return bool((before is not None and is_title_word(before) and before.lower_ not in STOP_WORDS)
                or (after is not None and is_title_word(after) and after.lower_ not in STOP_WORDS))


def common_words(tokens: Span | list[Token], vocabulary: frozenset[str]) -> list[bool]:
    """For each token: is it an ordinary word (written in lower case elsewhere, or a stop word)?"""
    return [t.lower_ in vocabulary or t.lower_ in STOP_WORDS for t in tokens]


def part_of_longer_name(doc: Doc, start: int, end: int, is_place_token: set[int], heading: bool) -> bool:
    """True when a bare name sits inside a longer capitalised name ("Xi Jinping", "Georgia Tech"):
    a capitalised neighbour that is not a stop word, not the sentence start and not itself a place."""
    if heading:
        return False
    if start > 0 and re.fullmatch(r"[A-Z]\.", doc[start - 1].text):
        return True  # "M. Bangalore": a surname after an initial
    if start > 0 and not at_sentence_start(doc, start):
        before = doc[start - 1]
        if (is_title_word(before) and before.lower_ not in STOP_WORDS and start - 1 not in is_place_token
                and before.text not in COMPASS):
            return True
    if end < len(doc):
        after = doc[end]
        if is_title_word(after) and after.lower_ not in STOP_WORDS and end not in is_place_token:
            return True
    # "Valle de Aburrá", "Provincia de Buenos Aires": a Romance particle joins two capitalised words
    if end + 1 < len(doc) and doc[end].lower_ in ROMANCE_PARTICLES and is_title_word(doc[end + 1]):
        return True
    if start >= 2 and doc[start - 1].lower_ in ROMANCE_PARTICLES and is_title_word(doc[start - 2]) \
            and not at_sentence_start(doc, start - 2) and start - 2 not in is_place_token:
        return True
    return in_programme_title(doc, start)


def _item_is_organisation(tokens: list[Token]) -> bool:
    return any(t.lower_ in ORG_WORDS for t in tokens) and all(is_title_word(t) or t.lower_ in _CONNECTORS for t in tokens)


def in_organisation_list(doc: Doc, start: int, end: int) -> bool:
    """True for a name listed between organisations ("Asian Development Bank, European Union,
    United Nations Development Programme"): an author or partner, not a location."""
    if start < 2 or end + 1 >= len(doc) or doc[start - 1].text != "," or doc[end].text != ",":
        return False
    k = start - 2
    while k > 0 and (is_title_word(doc[k - 1]) or doc[k - 1].lower_ in _CONNECTORS):
        k -= 1
    j = end + 1
    while j + 1 < len(doc) and (is_title_word(doc[j + 1]) or doc[j + 1].lower_ in _CONNECTORS):
        j += 1
    return _item_is_organisation(list(doc[k:start - 1])) and _item_is_organisation(list(doc[end + 1:j + 1]))


def in_programme_title(doc: Doc, start: int) -> bool:
    """True for a place ending a programme's title: "Growth Plan for the Western Balkans",
    "Resilience Initiative for Central Asia"."""
    k = start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    if k < 1 or doc[k].lower_ != "for":
        return False
    head = doc[k - 1]
    return head.text[:1].isupper() and head.lower_ in PROGRAMME_WORDS


def quoted_term(doc: Doc, start: int, end: int) -> bool:
    """True for a name standing alone in quotes ('"Datong" (great harmony)'): a term being
    glossed, not a place being located."""
    return start > 0 and end < len(doc) and doc[start - 1].text in _OPENERS and doc[end].text in _CLOSERS


def programme_like(tokens: Span | list[Token], vocabulary: frozenset[str]) -> bool:
    """True when most words of a name are ordinary words: "China-Cambodia Friendship Poverty
    Alleviation Demonstration Village" names a project, not a village."""
    words = [t for t in tokens if t.is_alpha]
    ordinary = [t for t in words if t.lower_ in vocabulary and t.lower_ not in STOP_WORDS]
    return len(ordinary) >= 2 and 2 * len(ordinary) >= len(words)
