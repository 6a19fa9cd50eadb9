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

from spacy.attrs import ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from extractor.analysis import Analysis
from extractor.gazetteer import BIG_CITY_POPULATION, Gazetteer, english_word, is_generic
from extractor.months import MONTH_WORDS
from extractor.place_ruler import DASHES, NAME_STOP
from extractor.registry import lexicon

_CUES = lexicon("place_cues")
#: Words that, after a place name, make the whole phrase an organisation, outlet or programme.
ORG_WORDS = frozenset(_CUES["organisations"]["words"])
#: Words allowed inside an organisation's name between the place and the organisation word.
_CONNECTORS = frozenset(_CUES["organisations"]["connectors"])
#: Capitalised institutions named "<Institution> of <Place>" ("University of Buenos Aires").
INSTITUTIONS_BEFORE_OF = frozenset(_CUES["organisations"]["named_before_of"])
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
_ADJECTIVE_ENDINGS = tuple(_CUES["names"]["adjective_endings"])
_PARTICIPLE_ENDINGS = tuple(_CUES["names"]["participle_endings"])
#: Words after a hyphen that make a name an adjective of its bearer ("Taylor-type").
EPONYM_SUFFIXES = frozenset(_CUES["names"]["eponym_suffixes"])
_OPENERS = frozenset(_CUES["quotes"]["openers"])
_CLOSERS = frozenset(_CUES["quotes"]["closers"])
#: Quotation marks (not brackets: "San Francisco (Oakland)" names a place).
_QUOTES = frozenset(_CUES["quotes"]["marks"])
_POSSESSIVES = frozenset({"'s", "’s"})
_APOSTROPHES = frozenset({"'", "’"})
_TITLE = re.compile(r"^[A-ZÀ-ÞĀ-Ž](?=.*[a-zß-ÿā-ž])[\w'’.\-]*$")
_INITIAL = re.compile(r"[A-Z]\.")
#: An author's initial in a reference: "S", "L.", "J.-P."
_AUTHOR_INITIAL = re.compile(r"^[A-Z]\.?(?:-[A-Z]\.)?$")
#: The year of an author-year citation ("2016", "2011c").
_CITED_YEAR = re.compile(r"^(?:1[6-9]|20)\d\d[a-z]?$")
#: What follows the year of an author-year citation: the end of the brackets, or the next citation
#: ("(Kiyotaki and Moore 1997; Bernanke ...)"); a comma only before a page ("2015, p. 14").
_AFTER_CITED_YEAR = frozenset({")", "]", ";"})
_PAGES = frozenset({"p.", "pp.", "p", "pp"})
#: What follows an author's initial written without its full stop ("Kennedy, S, (2022)").
_AFTER_INITIAL = frozenset({",", ".", ";", "(", ")"})
#: Words inside a list of authors ("Baker, Bloom, and Davis 2016", "Obaya & Pascuini", "et al.").
_AUTHOR_LINKS = frozenset({",", "and", "&", "et", "al", "al.", "."})
#: An acronym in the plural ("the NIPAs", "SMEs").
_ACRONYM_PLURAL = re.compile(r"^[A-Z]{2,}s$")


def is_title_text(word: str) -> bool:
    """A capitalised word (not all caps, not a number)."""
    return bool(_TITLE.match(word))


#: Two capitalised words printed without a space between them ("MalaysiaRomania", "BatmanSiirt"):
#: labels of a chart or a map that the text layer glued together.
_GLUED = re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ]{3,}[A-ZÀ-Þ][a-zß-ÿ]{2,}$")


def glued_labels(word: str) -> bool:
    """Whether ``word`` is two labels glued together, never part of one name with its neighbour."""
    return bool(_GLUED.match(word))


def is_title(token: Token) -> bool:
    """:func:`is_title_text` of the token's text."""
    return is_title_text(token.text)


def lowers(doc: Doc, start: int, end: int) -> list[str]:
    """The lower-case words of ``doc[start:end]``."""
    return [t.lower_ for t in doc[start:end]]


def document_vocabulary(analysis: Analysis) -> frozenset[str]:
    """Words the document writes in lower case: a capitalised form of one of them is an ordinary
    word at a sentence start or in a title, not necessarily a name."""
    words: set[str] = set()
    for pb in analysis.blocks:
        vocab = pb.doc.vocab
        # the block's distinct words (counted by spaCy without building a Token for each)
        for orth in pb.doc.count_by(ORTH):
            lexeme = vocab[orth]
            if lexeme.is_lower and lexeme.is_alpha:
                words.add(lexeme.text)
    return frozenset(words)


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
    n = len(doc)
    skip = 0
    for k in range(max(0, min(limit, n - end))):
        if skip:
            skip -= 1
            continue
        token = doc[end + k]
        low = token.lower_
        if k > 0 and low == "(" and end + k + 2 < n and doc[end + k + 1].is_upper and doc[end + k + 2].text == ")":
            skip = 2  # "... Maritime Trade Operations (UKMTO) Centre": an acronym inside the name
            continue
        if low in ORG_WORDS or low.endswith("s") and low[:-1] in ORG_WORDS and is_title(token):
            return True  # "... Recovery Funds" as "... Fund"
        if k == 0 and low in _POSSESSIVES:
            return False
        if low in _CONNECTORS and (k > 0 or low in ("and", "&") and end + 1 < len(doc) and is_title(doc[end + 1])):
            continue  # "... State and Local Fiscal Recovery Funds"
        if low in _POSSESSIVES or is_title(token):
            continue
        if token.is_upper and token.is_alpha or token.like_num and end + k + 1 < n and doc[end + k + 1].lower_ in ORG_WORDS:
            continue  # "Shanghai Shenzhen CSI 300 Index": an acronym, a number before the organisation word
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
                and before.text not in COMPASS and not glued_labels(before.text)):
            return True
    if end < n and is_title(doc[end]) and doc[end].lower_ not in STOP_WORDS and end not in place_tokens \
            and not glued_labels(doc[end].text) and not _label_before_word(doc, start, end, place_tokens):
        return True
    # "Valle de Aburrá", "Provincia de Buenos Aires": a Romance particle joins two capitalised words
    if end + 1 < n and doc[end].lower_ in ROMANCE_PARTICLES and is_title(doc[end + 1]):
        return True
    if start >= 2 and doc[start - 1].lower_ in ROMANCE_PARTICLES and is_title(doc[start - 2]) \
            and not at_sentence_start(doc, start - 2) and start - 2 not in place_tokens:
        return True
    return in_programme_title(doc, start)


def _big_city(name: str, gaz: Gazetteer) -> bool:
    entry = gaz.lookup(name) or gaz.lookup_city(name)
    return entry is not None and entry.population >= BIG_CITY_POPULATION


def cited_author(doc: Doc, start: int, end: int, place_tokens: set[int], wide: bool, gaz: Gazetteer) -> bool:
    """True for a name in an author-year citation: "Davies 2009;", "(Bose, 2023)", "(Kiyotaki
    and Moore 1997)", "Baker, Bloom, and Davis 2016)", "Marin et al. (2013)". A country, continent or world region
    (``wide``) counts only among other names, neither places nor English words ("(Chile 2019)" and
    "Pakistan Floods 2022" are not citations)."""
    n = len(doc)
    if end + 1 < n and doc[end].lower_ == "et" and doc[end + 1].lower_ in ("al", "al."):
        return True  # "Marin et al. (2013)": a name before "et al." is an author's
    # "(Pérez, 2010)", "; Lebdioui, 2024)": a name that opens a bracket or a citation, a comma and a
    # year are an author-year citation (APA style); not a big city's, which is a place of
    # publication as often ("HC 526 (London, 2022)")
    opens = start > 0 and doc[start - 1].text in ("(", "[", ";") and not _big_city(doc[start:end].text, gaz)
    others = False
    j = end
    while j < n and j - end < 12:
        token = doc[j]
        if token.text == "(" and j + 2 < n and _CITED_YEAR.match(doc[j + 1].text) and doc[j + 2].text == ")":
            # "Baker, Bloom, and Davis (2016)": the year in brackets after the names
            return others or not wide and j == end
        if _CITED_YEAR.match(token.text):
            after = doc[j + 1].text if j + 1 < n else ""
            if not (after in _AFTER_CITED_YEAR or after == "," and j + 2 < n and doc[j + 2].lower_ in _PAGES):
                return False
            # "Davies 2009)": the year right after the name, or after a comma where the name opens
            # the citation ("(Pérez, 2010)"; not "London, 2022)": a place of publication)
            return others or not wide and (j == end or opens and j == end + 1 and doc[end].text == ",")
        if token.lower_ in _AUTHOR_LINKS:
            pass
        elif is_title(token) and token.lower_ not in STOP_WORDS and token.lower_ not in MONTH_WORDS:
            others = others or (j not in place_tokens and not english_word(token.text)
                                and gaz.lookup(token.text) is None and gaz.city_named(token.text) is None)
        else:
            return False
        j += 1
    return False


def reference_author(doc: Doc, start: int, end: int, place_tokens: set[int]) -> bool:
    """True for a surname or first name beside an author's initials: "Kennedy, S,", "Ota, L.,
    2019", "Lugo, and R. Vakis", "Gilbert A. Martinez", "R. R. Nelson"."""
    n = len(doc)
    if start > 0 and _INITIAL.fullmatch(doc[start - 1].text):
        return True
    j = end
    if j < n and doc[j].text == ",":
        j += 1
        if j < n and doc[j].lower_ in ("and", "&"):
            j += 1
    elif j < n and not doc[end - 1].whitespace_:
        return False
    if j >= n or j in place_tokens or not _AUTHOR_INITIAL.match(doc[j].text):
        return False
    if doc[j].text.endswith("."):
        return True  # "Kennedy, S. and ...": an initial with its full stop
    after = doc[j + 1] if j + 1 < n else None
    return after is None or after.text in _AFTER_INITIAL or bool(_AUTHOR_INITIAL.match(after.text)) \
        or is_title(after)


def _label_before_word(doc: Doc, start: int, end: int, place_tokens: set[int]) -> bool:
    """A chart's label: the name follows a number or another place, and the capitalised word after
    it is an English word, another label, with a number or a place after it ("10 Stockholm Lodging
    50", "Asia Pacific Atlanta Box 1.1"; not "15 Sindh People's Housing ...", a note's title)."""
    if start > 0 and not (doc[start - 1].like_num or start - 1 in place_tokens) \
            or end - start == 1 and english_word(doc[start].text):
        return False  # "US Angers World": an English word in a title
    after = end + 1
    if after < len(doc) and not (doc[after].like_num or after in place_tokens):
        return False
    return english_word(doc[end].text) and doc[end].lower_ not in ORG_WORDS and doc[end].lower_ not in ROAD_WORDS


def hyphenated_to_name(doc: Doc, start: int, end: int, place_tokens: set[int], gaz: Gazetteer) -> bool:
    """True for a name joined by a bare hyphen to a capitalised word that is not a place: a double
    surname ("Ascencio-Herrera", "Ortiz-Juarez"), an eponym ("Oaxaca-Blinder decomposition"), a
    longer name ("Clarion-Clipperton Zone"). Two places so joined stay places ("Bucharest-Ilfov",
    "Doba-Douala")."""
    def other_name(i: int) -> bool:
        word = doc[i].text
        return is_title(doc[i]) and i not in place_tokens and gaz.lookup(word) is None \
            and gaz.city_named(word) is None and gaz.lookup_city(word) is None

    n = len(doc)
    if end + 1 < n and doc[end].text in DASHES and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
            and doc[end + 1].lower_ in EPONYM_SUFFIXES:
        return True  # "Taylor-type rules", "Keynes-style": a person's name made an adjective
    if start >= 2 and doc[start - 1].text in DASHES and not doc[start - 2].whitespace_ \
            and not doc[start - 1].whitespace_ and other_name(start - 2):
        return True
    return end + 1 < n and doc[end].text in DASHES and not doc[end - 1].whitespace_ \
        and not doc[end].whitespace_ and other_name(end + 1)


def reference_name_pair(doc: Doc, start: int, end: int, place_tokens: set[int], gaz: Gazetteer) -> bool:
    """True for a name in an author's "Surname, Given." before the year of a reference: "Moore, John.
    1997.", "Pandolfo, Jordan. 2025." (the other word is neither a place nor an English word; "Amman,
    Jordan. 2019." stays a place)."""
    n = len(doc)

    def name_word(i: int) -> bool:
        return 0 <= i < n and i not in place_tokens and is_title(doc[i]) and doc[i].is_alpha \
            and not english_word(doc[i].text) and gaz.lookup(doc[i].text) is None and gaz.city_named(doc[i].text) is None

    def then_year(j: int) -> bool:  # ". 1997" or ", and" after the pair
        if j + 1 < n and doc[j].text == "." and _CITED_YEAR.match(doc[j + 1].text):
            return True
        return j + 1 < n and doc[j].text == "," and doc[j + 1].lower_ in ("and", "&") or j < n and doc[j].text == ";"
    if end - start != 1:
        return False
    # "Moore, John. 1997.": the place is the surname
    if end + 1 < n and doc[end].text == "," and name_word(end + 1) and then_year(end + 2):
        return True
    # "Pandolfo, Jordan. 2025.": the place is the given name
    return start >= 2 and doc[start - 1].text == "," and name_word(start - 2) and then_year(end)


def in_list_of_other_names(doc: Doc, start: int, end: int, place_tokens: set[int]) -> bool:
    """True for a name listed, by commas, among three or more capitalised names of which none is a
    place: "Alphabet, Amazon, Apple, Meta, Microsoft" (companies), "Norton, McCollum, Cohen, Jackson"
    (people)."""
    n = len(doc)
    items: list[tuple[int, int]] = []

    def item_before(k: int) -> tuple[int, int] | None:  # the item ending at k (exclusive)
        s = k
        while s > 0 and is_title(doc[s - 1]) and k - s < 3:
            s -= 1
        return (s, k) if s < k else None

    def item_after(k: int) -> tuple[int, int] | None:
        e = k
        while e < n and is_title(doc[e]) and e - k < 3:
            e += 1
        return (k, e) if e > k else None
    k = start
    while k >= 2 and doc[k - 1].text == ",":
        item = item_before(k - 1)
        if item is None:
            break
        items.append(item)
        k = item[0]
    k = end
    while k + 1 < n and doc[k].text == ",":
        j = k + 1
        if doc[j].lower_ in ("and", "or") and j + 1 < n:
            j += 1
        item = item_after(j)
        if item is None:
            break
        items.append(item)
        k = item[1]
    if len(items) < 3:
        return False
    return not any(i in place_tokens for s, e in items for i in range(s, e))


def names_person(doc: Doc, start: int, end: int, place_tokens: set[int], gaz: Gazetteer, wide: bool = False) -> bool:
    """True where a name is a person's (or part of one): in an author-year citation, beside an
    author's initials, or in a double name (:func:`cited_author`, :func:`reference_author`,
    :func:`hyphenated_to_name`)."""
    return (cited_author(doc, start, end, place_tokens, wide, gaz) or reference_author(doc, start, end, place_tokens)
            or hyphenated_to_name(doc, start, end, place_tokens, gaz)
            or reference_name_pair(doc, start, end, place_tokens, gaz))


def first_name(doc: Doc, start: int, end: int, place_tokens: set[int], vocabulary: frozenset[str]) -> bool:
    """True for a country's name used as a person's first name: "Chad Shirley", "China Chhun",
    "Israel Osorio-Rodarte": the next word is capitalised and neither a place, an English word nor
    a word the document writes in lower case."""
    if end >= len(doc):
        return False
    after = doc[end]
    return (is_title(after) and after.is_alpha and after.lower_ not in STOP_WORDS and end not in place_tokens
            and after.lower_ not in vocabulary and not english_word(after.text) and after.lower_ not in ORG_WORDS)


def institution_of(doc: Doc, start: int) -> bool:
    """True for a place naming an institution written "<Institution> of (the) <Place>": "University
    of Buenos Aires", "Federal Reserve Bank of St. Louis"."""
    k = start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    if k < 1 or doc[k].lower_ != "of":
        return False
    return is_title(doc[k - 1]) and doc[k - 1].lower_ in INSTITUTIONS_BEFORE_OF


def adjective_before_head(word: str) -> bool:
    """"Islamic", "Arabic": a capitalised adjective of the endings ``[names] adjective_endings``,
    which before an administrative head makes a phrase, not a name ("the Islamic State")."""
    return word[:1].isupper() and (word.lower().endswith(_ADJECTIVE_ENDINGS)
                                   or word.lower().endswith(_PARTICIPLE_ENDINGS) and english_word(word))


def acronym_plural(word: str) -> bool:
    """"NIPAs", "SMEs": an acronym in the plural, never a place's name."""
    return bool(_ACRONYM_PLURAL.match(word))


def in_capitals(doc: Doc, start: int, end: int) -> bool:
    """True for a word among words in capitals ("ABOUT US", "LET US KNOW"): a heading or a label
    set in capitals, where an abbreviation may be an ordinary word."""
    def capitals(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].is_upper and doc[i].is_alpha and len(doc[i]) > 1

    before, after = start - 1, end
    while before >= 0 and doc[before].is_space:
        before -= 1
    while after < len(doc) and doc[after].is_space:
        after += 1
    has_before, has_after = before >= 0 and not doc[before].is_punct, after < len(doc) and not doc[after].is_punct
    if not (has_before or has_after):
        return False
    return (not has_before or capitals(before)) and (not has_after or capitals(after))


def quoted_term(doc: Doc, start: int, end: int) -> bool:
    """True for a name standing alone in quotation marks ('"Datong" (great harmony)'): a term
    being glossed, not a place being located (a name in brackets is: "San Francisco (Oakland)")."""
    return start > 0 and end < len(doc) and doc[start - 1].text in _QUOTES and doc[end].text in _QUOTES


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
    return not (e - s == 1 and (gaz.adjective_of(word) is not None or adjective_of_nationality(word)))
