"""The shared vocabulary of the claims extractor: what a figure found in a sentence is, the token
lexicons, and the token-level phrase helpers that both the extractor (``claims``) and its context
columns (``claim_context``) use.

Everything here reads tokens of the shared parsed Docs; nothing tokenises again. Where a tagger or
parser is installed (``Token.tag_``, ``Token.dep_``), :func:`verb_like` uses it; otherwise short
word lists stand in.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from extractor import numbers as N
from extractor import units as U
from extractor.analysis import ParsedBlock
from extractor.months import MONTH_WORDS
from extractor.numbers import NUMBER_TOKEN

NUMBER_TOKEN_REGEX = NUMBER_TOKEN.pattern


def number_token(word: str) -> re.Match[str] | None:
    return NUMBER_TOKEN.match(word)


DASHES = frozenset({"-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "~"})
QUOTES_OPEN = frozenset({'"', "\u201c", "\u2018", "'", "\u00ab", "\u300c"})
QUOTES_CLOSE = frozenset({'"', "\u201d", "\u2019", "'", "\u00bb", "\u300d"})

#: Function words: a counted noun phrase never runs across one.
FUNCTION_WORDS = frozenset("""
    of in on at for to from by with without into onto across through throughout over under above below
    between among amongst within per via and or but nor as than that which who whom whose where when while
    whereas because since until till if is are was were be been being has have had having do does did will
    would shall should can could may might must not no this these those the a an each every its their his
    her our my your it they he she we you i them us him me ago respectively alone annually yearly monthly
    daily together apiece out up down off more less most least so such also only even still just about
    around nearly almost approximately roughly some any all both either neither other another same own
    there here then thus hence however including include includes included
""".split())
_ADJECTIVE_ENDINGS = ("al", "ive", "ous", "ful", "ic", "ing", "ed", "ble", "ly", "ant", "ent", "ary", "less")
#: Words before a counted noun that a function-word list would stop at: "132 million more people",
#: "12 other families".
_COMPARATIVES = frozenset({"more", "most", "less", "least", "fewer", "fewest", "other"})
#: Words that make a bare figure a ratio or index: "the income ratio ... dropping to 1.86".
RATIO_WORDS = frozenset({"ratio", "ratios", "index", "indices", "coefficient", "multiple", "multiplier", "times",
                         "fold", "quotient", "elasticity"})
#: Words of growth and of decline, verbs and nouns: "grew by", "an increase of", "dropped by".
UP_WORDS = frozenset("""increase increased increases increasing rise rose risen rises rising grow grew grown grows
    growing growth gain gained gains jump jumped jumps surge surged surges climb climbed climbs boost boosted expand
    expanded expansion raise raised double doubled doubling triple tripled tripling quadrupled""".split())
DOWN_WORDS = frozenset("""decrease decreased decreases decreasing decline declined declines declining drop dropped
    drops dropping fall fell fallen falls falling reduce reduced reduces reducing reduction cut cuts shrink shrank
    shrunk contraction contracted lowered narrowed narrow narrowing slump slumped plunge plunged""".split())
#: Verbs that state a figure for their subject: "income reached 17,522 yuan".
STATING_VERBS = frozenset("""reach reached reaches reaching exceed exceeded exceeds exceeding rise rose risen rises
    increase increased increases grow grew grown grows fall fell fallen falls drop dropped drops decline
    declined declines decrease decreased decreases stand stood stands stay stayed stays remain remained remains
    maintain maintained total totaled totalled totals amount amounted amounts hit hits surpass surpassed
    surpasses top topped climb climbed narrow narrowed widen widened expand expanded is are was were be been
    account accounted accounts record recorded records register registered hover hovered""".split())
#: Forms that can only be verbs (past tenses), where a phrase ends: "funds increased", "income rose".
PAST_VERBS = frozenset(w for w in STATING_VERBS | UP_WORDS | DOWN_WORDS if w.endswith("ed") or w in (
    "rose", "risen", "fell", "fallen", "grew", "grown", "stood", "shrank", "shrunk", "was", "were", "is", "are",
    "been", "hit"))
#: Common verbs that follow a noun phrase (where a phrase ends when there is no tagger).
FINITE_VERBS = frozenset({"live", "lives", "reside", "resides", "continue", "continues", "face", "faces", "need",
                          "needs", "receive", "receives", "lack", "lacks", "rely", "relies", "depend", "depends",
                          "work", "works", "suffer", "suffers", "benefit", "benefits", "came", "comes", "went",
                          "said", "says", "made", "makes", "took", "takes", "gave", "gives", "got", "gets", "had",
                          "did", "found", "told", "thought", "became", "becomes", "left", "felt", "brought",
                          "began", "begins", "kept", "keeps", "held", "holds", "paid", "met", "ran", "led", "leads",
                          "spent", "built", "sent", "won", "lost", "knew", "showed", "shows", "helped", "helps",
                          "want", "wants", "think", "thinks", "believe", "believes", "hope", "hopes", "own",
                          "owns", "use", "uses", "used", "attend", "attends", "attended"})


class Bounds(NamedTuple):
    """The token bounds of a sentence (or of a stretch of one) in its block's Doc: ``doc[start:end]``.

    The rules read only these two numbers of a sentence, so a tuple stands in for a spaCy
    ``Span``, whose construction reads Token objects for its character offsets.
    """

    start: int
    end: int


@dataclass
class TimeExpression:
    """A time expression in a sentence: "As of the end of November 2024", "from 2021 to 2024"."""

    i: int  # first token (lead-in included)
    j: int  # token after it
    core: int  # first token of the date or year itself
    years: tuple[int, ...]
    kind: str  # point | since | range | comparison
    text: str
    specific: bool  # more than a bare year: a month, a quarter, "the end of"


@dataclass(eq=False)
class Quantity:
    """A figure found in a sentence: its number, unit and context as the rules work them out.

    Token indices are into the block's Doc; ``start``/``end`` are characters of the block text.
    """

    i: int  # first token of the number
    j: int  # token after the number (scale word included)
    start: int  # surface span, block-relative characters
    end: int
    value: Decimal
    kind: str  # digits | words
    scale: int | None = None
    family: str | None = None  # money percent measure duration ratio count
    unit: str | None = None
    right: int = 0  # token after everything that belongs to the figure (unit, counted noun)
    noun: tuple[int, int] | None = None  # counted noun phrase: (first token, head token)
    qualifier: str = "exact"
    partners: list[Quantity] = field(default_factory=list)  # the other figures of a range or pair
    ref: Quantity | None = None  # the figure whose unit a bare number took
    year: int | None = None
    period: str | None = None
    change: str | None = None
    subject: str | None = None
    attached: TimeExpression | None = None
    change_at: int | None = None  # token of the change word ("increase", "grew")


def longest_matches(doc: Doc, matches: Iterable[tuple[int, int, int]],
                    by_start: bool = False) -> list[tuple[str, int, int]]:
    """Matches as (label, start, end) in text order; where they overlap the longest wins (with
    ``by_start``, only matches starting at the same token compete)."""
    items = sorted(matches, key=lambda m: (m[1], -(m[2] - m[1])))
    out: list[tuple[str, int, int]] = []
    taken_until = -1
    for match_id, s, e in items:
        if by_start and out and out[-1][1] == s or not by_start and s < taken_until:
            continue
        out.append((doc.vocab.strings[match_id], s, e))
        taken_until = e
    return out


def span_text(pb: ParsedBlock, start: int, end: int) -> str:
    """``pb.doc[start:end].text`` (``start`` >= 0), sliced from the block text: a Span's text runs
    from its first token's offset to its last token's end."""
    end = min(end, len(pb.words))
    if end <= start:
        return ""
    return pb.text[pb.starts[start]:pb.starts[end - 1] + len(pb.words[end - 1])]


def matches_within(matches: list[tuple[str, int, int]], starts: list[int], span: Bounds) -> list[tuple[str, int, int]]:
    """The (label, start, end) ``matches`` (in text order, ``starts`` their start tokens) that lie
    inside ``span``: found by bisection, not by a scan of the block's matches per sentence."""
    first = bisect.bisect_left(starts, span.start)
    stop = bisect.bisect_left(starts, span.end, first)
    return [m for m in matches[first:stop] if m[2] <= span.end]


def phrase_matcher(vocab: Vocab, attr: str, phrases: Iterable[tuple[str, str]]) -> PhraseMatcher:
    """A ``PhraseMatcher`` comparing tokens by ``attr`` ("LOWER" or "ORTH") that finds each
    (label, phrase) pair's phrase under its label; the phrases are split by spaCy's English
    tokenizer, so that they split as reports do."""
    tokenizer = spacy.blank("en").tokenizer
    matcher = PhraseMatcher(vocab, attr=attr)
    for label, phrase in phrases:
        matcher.add(label, [tokenizer(phrase)])
    return matcher


def spaced(pb: ParsedBlock, k: int) -> bool:
    """``doc[k].whitespace_ != ""``, read from the block text: spaCy marks a token followed by
    one space (further whitespace becomes tokens of its own), with no Token object made."""
    end = pb.starts[k] + len(pb.words[k])
    return pb.text[end:end + 1] == " "


def clause_start(pb: ParsedBlock, span: Bounds, i: int) -> int:
    words = pb.words
    k = i - 1
    while k >= span.start and words[k] not in (",", ";", ":"):
        k -= 1
    return k + 1


def is_year_token(t: Token) -> bool:
    return is_year_word(t.text)


_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")


def is_year_word(word: str) -> bool:
    """Whether a token's text is a year (1500-2099)."""
    return _YEAR.fullmatch(word) is not None


# Lexical attributes read from a token's text, with no spaCy Token made: a lexeme's flags are
# computed from its text by the language's getters (``spacy.lang.lex_attrs``): IS_ALPHA is
# ``str.isalpha``, IS_TITLE ``str.istitle``, IS_UPPER ``str.isupper``, IS_DIGIT ``str.isdigit``,
# and these two:

def is_punct(word: str) -> bool:
    """``Token.is_punct``: every character of the text is Unicode punctuation (category P*)."""
    return all(unicodedata.category(char).startswith("P") for char in word)


def sent_start(pb: ParsedBlock, k: int) -> bool:
    """Whether ``pb.doc[k].is_sent_start`` is true (SENT_START 1), read from the word table."""
    return bool(pb.doc[k].is_sent_start)


def verb_like(t: Token) -> bool:
    """A verb, by the tagger when there is one, else by a short list of verbs that follow nouns."""
    if t.tag_:
        return t.tag_ in ("VBZ", "VBP", "VBD", "MD") or (t.tag_ == "VBN" and t.dep_ not in ("amod", "compound")) \
            or (t.tag_ == "VBG" and t.dep_ in ("acl", "advcl", "xcomp", "conj", "ROOT"))
    return t.lower_ in STATING_VERBS or t.lower_ in FINITE_VERBS


def counted_noun(pb: ParsedBlock, k: int, span: Bounds, limit: int = 6,
                 singular: bool = False) -> tuple[int, int, int] | None:
    """The counted noun after a number: (first token, head token, token after the phrase).

    Skips modifiers (adjectives, nouns used as modifiers, hyphenated compounds, a quoted name,
    "more"/"most") up to the first plural or collective noun; stops at a function word or
    punctuation. "832 impoverished counties" -> counties; "72,000 farming and herding households"
    -> households; "650,000 "Rain and Dew" graduates" -> graduates; "15 million registered poor" ->
    poor; "the 25 most drought-exposed countries" -> countries. With ``singular`` (after "one"),
    the noun right after the number is the head: "at least one member".
    """
    # read from the block's word lists (see is_punct): no Token is made per word looked at
    words, lowers = pb.words, pb.lowers
    first = k
    if k < span.end and words[k] in QUOTES_OPEN:
        close = next((m for m in range(k + 1, min(span.end, k + 15)) if words[m] in QUOTES_CLOSE), None)
        if close is not None:
            k = close + 1
    content = 0
    pos = k
    while pos < span.end and content < limit:
        text, w = words[pos], lowers[pos]
        nxt = words[pos + 1] if pos + 1 < span.end else None
        nxt_lower = lowers[pos + 1] if pos + 1 < span.end else None
        if text in DASHES and not spaced(pb, pos) and pos > first and not spaced(pb, pos - 1):
            pos += 1
            continue
        if w in ("and", "or", "&") and content:
            pos += 1
            continue
        if w in _COMPARATIVES and nxt is not None and nxt.isalpha() and nxt_lower not in FUNCTION_WORDS:
            pos += 1  # "132 million more people", "the 25 most drought-exposed countries", "12 other families"
            continue
        if text.isupper() and text.isalpha() and len(text) >= 2:
            pos += 2 if nxt is not None and nxt.isdigit() and len(nxt) <= 2 else 1  # "242 NUTS 2 regions"
            continue
        if text == "," and content and nxt is not None and nxt.isalpha() and nxt_lower not in FUNCTION_WORDS:
            pos += 1  # a list of modifiers: "412 drought, flood and storm disasters"
            continue
        if not text.isalpha() or w in FUNCTION_WORDS or w in MONTH_WORDS:
            break
        hyphen_next = nxt is not None and nxt in DASHES and not spaced(pb, pos)
        if U.looks_plural(w) and not hyphen_next and not (
                w in U.MODIFIER_COLLECTIVES and nxt is not None and U.looks_plural(nxt_lower)):
            return first, pos, pos + 1
        if w in U.PEOPLE_ADJECTIVES and not hyphen_next:
            if nxt is None or not nxt.isalpha() or nxt_lower in FUNCTION_WORDS:
                return first, pos, pos + 1
        content += 1
        pos += 1
    if singular and k < span.end and words[k].isalpha() and lowers[k] not in FUNCTION_WORDS \
            and not lowers[k].endswith(_ADJECTIVE_ENDINGS) and not (k + 1 < span.end and words[k + 1] in DASHES):
        return first, k, k + 1
    return None


def phrase_after(pb: ParsedBlock, k: int, span: Bounds) -> str | None:
    """The noun phrase starting at ``k`` (determiners dropped): "the impoverished population"."""
    doc, lowers = pb.doc, pb.lowers
    while k < span.end and lowers[k] in ("the", "a", "an", "its", "their", "all", "his", "her", "our"):
        k += 1
    if k >= span.end or is_year_token(doc[k]) or lowers[k] in MONTH_WORDS:
        return None
    end = phrase_end(pb, k, span)
    return span_text(pb, k, end) if end > k else None


def phrase_before(pb: ParsedBlock, k: int, span: Bounds, limit: int = 6) -> str | None:
    """The noun phrase ending just before token ``k``: "production value" in "a production value of"."""
    doc, words, lowers = pb.doc, pb.words, pb.lowers
    pos = k
    while pos - 1 >= span.start and k - pos < limit:
        t = doc[pos - 1]
        if t.text in DASHES or t.text in ("'s", "\u2019s"):
            pos -= 1
            continue
        if not t.is_alpha or (t.lower_ in FUNCTION_WORDS and not (t.lower_ == "per" and lowers[pos] == "capita")) \
                or t.lower_ in PAST_VERBS or (t.tag_ and verb_like(t)):
            break
        pos -= 1
    while pos < k and (words[pos] in DASHES or words[pos] in ("'s", "\u2019s")):
        pos += 1
    if pos > span.start and (NUMBER_TOKEN.match(words[pos - 1]) or lowers[pos - 1] in N.SCALES):
        return None  # the phrase is a counted noun of an earlier figure: "6.1 billion people (18 per cent)"
    return span_text(pb, pos, k) if pos < k else None


def phrase_end(pb: ParsedBlock, k: int, span: Bounds, limit: int = 8) -> int:
    """Where a noun phrase starting at ``k`` ends: at punctuation, a function word other than
    "of" or a verb."""
    doc, lowers = pb.doc, pb.lowers
    pos = k
    while pos < span.end and pos - k < limit:
        t = doc[pos]
        if (t.text in DASHES and t.whitespace_ == "") or t.text in ("'s", "\u2019s"):
            pos += 1
            continue
        if NUMBER_TOKEN.match(t.text) and pos == k:
            pos += 1
            continue
        if not t.is_alpha or (t.lower_ in FUNCTION_WORDS and t.lower_ not in ("of", "per", "and", "or")) \
                or verb_like(t) or (pos > k and not t.tag_ and _participle_after_noun(pb, pos, span)):
            break
        if t.lower_ in ("of", "per", "and", "or") and not (pos + 1 < span.end and doc[pos + 1].is_alpha
                                                           and lowers[pos + 1] not in FUNCTION_WORDS):
            break
        pos += 1
    while pos > k and lowers[pos - 1] in ("of", "per", "and", "or"):
        pos -= 1
    return pos


def _participle_after_noun(pb: ParsedBlock, pos: int, span: Bounds) -> bool:
    """"sediment flowing into", "counties lifted out of": a participle that starts a clause."""
    lowers = pb.lowers
    w = lowers[pos]
    nxt = lowers[pos + 1] if pos + 1 < span.end else ""
    if w.endswith("ed"):
        return nxt in FUNCTION_WORDS or not nxt.isalpha()
    return w.endswith("ing") and (nxt in ("into", "on", "upon", "out", "from", "through", "across", "with", "in", "at")
                                  or U.looks_plural(lowers[pos - 1]))
