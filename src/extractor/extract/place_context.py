"""Context tests that tell a place name from a name that only contains one.

A gazetteer or head-noun match is a *candidate*. Whether it names a place depends on the words
around it: "Zhejiang Daily" and "Sichuan Provincial Department of ..." are organisations,
"Prominent Zhejiang Entrepreneurs" is a title-case phrase, a capitalised word at the start of a
sentence may be an ordinary word ("Reading ..."). These tests read only the parsed block (as
:class:`BlockWords`) and the document's vocabulary of lower-case words, so they hold for any report.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.attrs import SENT_START
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Token

from extractor.analysis import ParsedBlock
from extractor.registry import lexicon


_CUES = lexicon("place_cues")
#: Words that, after a place name, make the whole phrase an organisation, outlet or programme.
ORG_WORDS = frozenset(_CUES["organisations"]["words"])
#: Words after a place name that make the phrase a road or a transport line ("Don Valley Parkway").
ROAD_WORDS = frozenset(_CUES["roads"]["words"])
#: Capitalised words made of compass points that name a region of a country on their own ("the North
#: East", "the Midwest", "the Midlands", "the Northeast"), written as one or two words.
COMPASS_REGION_WORDS = frozenset(_CUES["compass"]["region_words"])
#: Capitalised words that end a programme's or plan's title before "for <Place>".
PROGRAMME_WORDS = frozenset(_CUES["organisations"]["programme_words"])
#: Lower-case particles inside Romance-language place names ("Valle de Aburrá", "Castilla y León").
ROMANCE_PARTICLES = frozenset(_CUES["names"]["romance_particles"])
#: Words allowed inside an organisation name between the place and the organisation word.
_CONNECTORS = frozenset(_CUES["organisations"]["connectors"])
_TITLE = re.compile(r"^[A-ZÀ-ÞĀ-Ž](?=.*[a-zß-ÿā-ž])[\w'’.\-]*$")
_INITIAL = re.compile(r"[A-Z]\.")
_OPENERS = frozenset(_CUES["quotes"]["openers"])
_CLOSERS = frozenset(_CUES["quotes"]["closers"])
#: Capitalised compass words that, before a place, name a part of it ("Eastern Fujian").
COMPASS = frozenset(_CUES["compass"]["words"])


def is_title_word(token: Token) -> bool:
    """A capitalised word (not all caps, not a number)."""
    return bool(_TITLE.match(token.text))


def is_title_text(word: str) -> bool:
    """:func:`is_title_word` of a token's text."""
    return bool(_TITLE.match(word))


def document_vocabulary(words: Iterable[str]) -> frozenset[str]:
    """Words the document writes in lower case, from its distinct words: a capitalised form of
    one of them is an ordinary word at a sentence start or in a title, not necessarily a name.

    A token's IS_LOWER and IS_ALPHA flags are ``str.islower`` and ``str.isalpha`` of its text
    (spaCy's lexical attribute getters): tested once per distinct word, not per token."""
    return frozenset(filter(str.isalpha, filter(str.islower, words)))


def span_text(pb: ParsedBlock, start: int, end: int) -> str:
    """``pb.doc[start:end].text``, sliced from the block's text by its tokens' offsets (no Span)."""
    if end <= start:
        return ""
    words = pb.words
    return pb.text[pb.starts[start]:pb.starts[end - 1] + len(words[end - 1])]


class TitleWords(dict[str, bool]):
    """:func:`is_title_text` of each word asked about, tested once per distinct word: the rules
    ask about the few hundred words around their candidates, not all of a document's words."""

    def __missing__(self, word: str) -> bool:
        value = self[word] = _TITLE.match(word) is not None
        return value


class SentenceOpeners:
    """Which tokens open a sentence (``doc[i].is_sent_start`` is True), block by block, read for
    the whole document in one array pass when a block first asks (a block's own array costs
    more to read than its few tokens' flags)."""

    def __init__(self) -> None:
        self._table: object = None
        self._flags: list[bool] = []

    def of(self, pb: ParsedBlock) -> tuple[list[bool], int]:
        """``(flags, base)``: token ``i`` of ``pb`` opens a sentence when ``flags[base + i]``.
        The flags are the document's word table's, whose columns are ``to_array([ORTH, IDX,
        LENGTH, SENT_START])`` block after block, shared by all blocks (no list per block)."""
        return [value == 1 for value in pb.doc.to_array(SENT_START).tolist()], 0


class BlockWords:
    """The token attributes the place rules read, for one parsed block, as plain lists.

    The rules look at a few tokens around hundreds of candidates per report; a spaCy Token or
    Span per look costs more than the test itself. Here ``words[i]`` and ``lowers[i]`` are
    ``doc[i].text`` and ``doc[i].lower_``, :meth:`title` is :func:`is_title_word`, :meth:`sent_start`
    is ``doc[i].is_sent_start`` and :meth:`text` is ``doc[start:end].text``.
    """

    # Slots: a view per block is made for most blocks of a report, and an instance dictionary
    # would be one more GC-tracked object for each.
    __slots__ = ("pb", "doc", "words", "lowers", "n", "_titles", "_openers", "_opens", "_base")

    def __init__(self, pb: ParsedBlock, titles: TitleWords, openers: SentenceOpeners) -> None:
        """``titles``: the document's :class:`TitleWords`, so that :meth:`title` is a dict
        lookup, not a regular expression per token; ``openers``: its :class:`SentenceOpeners`."""
        self.pb = pb
        self.doc = pb.doc
        self.words: list[str] = pb.words
        self.lowers: list[str] = pb.lowers
        self.n = len(self.words)
        self._titles = titles
        self._openers = openers
        #: Sentence-start flags (:meth:`SentenceOpeners.of`), read when first asked, and where
        #: the block's start in them.
        self._opens: list[bool] | None = None
        self._base = 0

    def title(self, i: int) -> bool:
        """:func:`is_title_word` of token ``i``."""
        return self._titles[self.words[i]]

    def sent_start(self, i: int) -> bool:
        """``bool(doc[i].is_sent_start)`` for ``i > 0`` (SENT_START 1: opens a sentence)."""
        opens = self._opens
        if opens is None:
            opens, self._base = self._openers.of(self.pb)
            self._opens = opens
        return opens[self._base + i]

    def text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` (:func:`span_text`)."""
        return span_text(self.pb, start, end)


def names_organisation(v: BlockWords, end: int, limit: int = 10) -> bool:
    """True when the capitalised words right after ``doc[:end]`` end in an organisation word
    ("<Place> Daily", "<Place> County Government", "<Place> Provincial Department of ...")."""
    lowers = v.lowers
    for k in range(max(0, min(limit, v.n - end))):
        i = end + k
        low = lowers[i]
        if low in ORG_WORDS or low.endswith("s") and low[:-1] in ORG_WORDS and v.title(i):
            return True  # "... Recovery Funds" as "... Fund"
        if k == 0 and low in {"'s", "’s"}:
            return False
        if low in _CONNECTORS and (k > 0 or low in ("and", "&") and end + 1 < v.n and v.title(end + 1)):
            continue  # "... State and Local Fiscal Recovery Funds"
        if low in {"'s", "’s"} or v.title(i):
            continue
        if low in {"'", "’"} and k > 0 and lowers[i - 1].endswith("s"):
            continue  # "Big City Mayors' Caucus"
        return False
    return False


def names_road(v: BlockWords, start: int, end: int) -> bool:
    """True when a name is part of a road's or a line's name: "Don Valley Parkway", "Green Line"."""
    if end < v.n and v.lowers[end] in ROAD_WORDS and v.title(end):
        return True
    return v.lowers[end - 1] in ROAD_WORDS and end - start > 1


def at_sentence_start(v: BlockWords, i: int) -> bool:
    """True when token ``i`` opens its sentence (possibly after an opening quote or bracket)."""
    words = v.words
    while i > 0 and words[i - 1] in _OPENERS:
        i -= 1
    return i == 0 or v.sent_start(i)


def in_title_case(v: BlockWords, start: int, end: int, heading: bool) -> bool:
    """True when capitalisation says nothing: headings, sentence starts, and title-case runs
    ("Guangdong Provides Targeted Support ...")."""
    if heading or at_sentence_start(v, start):
        return True
    return bool((start > 0 and v.title(start - 1) and v.lowers[start - 1] not in STOP_WORDS)
                or (end < v.n and v.title(end) and v.lowers[end] not in STOP_WORDS))


def common_words(lowers: Iterable[str], vocabulary: frozenset[str]) -> list[bool]:
    """For each word (lower-cased): is it an ordinary word (written in lower case elsewhere, or a stop word)?"""
    return [low in vocabulary or low in STOP_WORDS for low in lowers]


def part_of_longer_name(v: BlockWords, start: int, end: int, is_place_token: set[int], heading: bool) -> bool:
    """True when a bare name sits inside a longer capitalised name ("Xi Jinping", "Georgia Tech"):
    a capitalised neighbour that is not a stop word, not the sentence start and not itself a place."""
    if heading:
        return False
    words, lowers = v.words, v.lowers
    if start > 0 and _INITIAL.fullmatch(words[start - 1]):
        return True  # "M. Bangalore": a surname after an initial
    if start > 0 and not at_sentence_start(v, start):
        before = start - 1
        if (v.title(before) and lowers[before] not in STOP_WORDS and before not in is_place_token
                and words[before] not in COMPASS):
            return True
    if end < v.n and v.title(end) and lowers[end] not in STOP_WORDS and end not in is_place_token:
        return True
    # "Valle de Aburrá", "Provincia de Buenos Aires": a Romance particle joins two capitalised words
    if end + 1 < v.n and lowers[end] in ROMANCE_PARTICLES and v.title(end + 1):
        return True
    if start >= 2 and lowers[start - 1] in ROMANCE_PARTICLES and v.title(start - 2) \
            and not at_sentence_start(v, start - 2) and start - 2 not in is_place_token:
        return True
    return in_programme_title(v, start)


def _item_is_organisation(v: BlockWords, start: int, end: int) -> bool:
    """Whether tokens ``start:end`` name an organisation: an organisation word among capitalised
    words and connectors."""
    lowers = v.lowers[start:end]
    return any(low in ORG_WORDS for low in lowers) and all(
        v.title(i) or low in _CONNECTORS for i, low in enumerate(lowers, start))


def in_organisation_list(v: BlockWords, start: int, end: int) -> bool:
    """True for a name listed between organisations ("Asian Development Bank, European Union,
    United Nations Development Programme"): an author or partner, not a location."""
    if start < 2 or end + 1 >= v.n or v.words[start - 1] != "," or v.words[end] != ",":
        return False
    lowers = v.lowers
    k = start - 2
    while k > 0 and (v.title(k - 1) or lowers[k - 1] in _CONNECTORS):
        k -= 1
    j = end + 1
    while j + 1 < v.n and (v.title(j + 1) or lowers[j + 1] in _CONNECTORS):
        j += 1
    return _item_is_organisation(v, k, start - 1) and _item_is_organisation(v, end + 1, j + 1)


def in_programme_title(v: BlockWords, start: int) -> bool:
    """True for a place ending a programme's title: "Growth Plan for the Western Balkans",
    "Resilience Initiative for Central Asia"."""
    lowers = v.lowers
    k = start - 1
    if k >= 0 and lowers[k] == "the":
        k -= 1
    if k < 1 or lowers[k] != "for":
        return False
    return v.words[k - 1][:1].isupper() and lowers[k - 1] in PROGRAMME_WORDS


def quoted_term(v: BlockWords, start: int, end: int) -> bool:
    """True for a name standing alone in quotes ('"Datong" (great harmony)'): a term being
    glossed, not a place being located."""
    return start > 0 and end < v.n and v.words[start - 1] in _OPENERS and v.words[end] in _CLOSERS


def programme_like(v: BlockWords, start: int, end: int, vocabulary: frozenset[str]) -> bool:
    """True when most words of a name (tokens ``start:end``) are ordinary words: "China-Cambodia
    Friendship Poverty Alleviation Demonstration Village" names a project, not a village."""
    alpha = [low for word, low in zip(v.words[start:end], v.lowers[start:end]) if word.isalpha()]
    ordinary = [low for low in alpha if low in vocabulary and low not in STOP_WORDS]
    return len(ordinary) >= 2 and 2 * len(ordinary) >= len(alpha)
