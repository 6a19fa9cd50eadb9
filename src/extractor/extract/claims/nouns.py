"""Noun phrases around a figure: the noun it counts ("832 impoverished counties"), the phrase
before or after it ("a production value of", "of the rural population"), and clause edges.

Where a tagger or parser is installed (``Token.tag_``, ``Token.dep_``), :func:`.words.verb_like`
uses it; otherwise short word lists stand in.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from extractor import numbers as N
from extractor.language import is_foreign_function_word
from extractor.extract.claims.units import MODIFIER_COLLECTIVES, PEOPLE_ADJECTIVES, looks_plural
from extractor.extract.claims.words import (
    DASHES, FUNCTION_WORDS, JOINERS, PAST_VERBS, QUOTES_CLOSE, QUOTES_OPEN, WORDS, is_year_word, verb_like,
)
from extractor.months import MONTH_WORDS

#: Words before a counted noun that the function-word list would stop at: "132 million more people".
_COMPARATIVES = frozenset(WORDS["nouns"]["comparatives"])
#: Endings of adjectives, which are not the noun counted after "one".
_ADJECTIVE_ENDINGS = tuple(WORDS["nouns"]["adjective_endings"])
#: Determiners a noun phrase is read without: "the impoverished population".
_DETERMINERS = frozenset(WORDS["nouns"]["determiners"])
#: Between a scale word and its noun in Spanish and French: "6 millions de personnes".
_SCALE_OF = frozenset(WORDS["nouns"]["scale_of"])
#: Words after a participle that make it start a clause: "sediment flowing into".
_PARTICIPLE_FOLLOWERS = ("into", "on", "upon", "out", "from", "through", "across", "with", "in", "at")
_POSSESSIVES = ("'s", "\u2019s")
#: A hyphenated compound the tokenizer keeps whole for the full stops of its abbreviation:
#: "U.S.-flagged", "non-U.S.", "U.K.-based".
_DOTTED_COMPOUND = re.compile(r"[A-Za-z]+\.(?:[A-Za-z]+\.)*-[A-Za-z]+|[A-Za-z]+-(?:[A-Za-z]\.)+")


def clause_start(doc: Doc, sent: Span, i: int) -> int:
    """The first token of the clause holding token ``i``: after the last comma, semicolon or colon."""
    k = i - 1
    while k >= sent.start and doc[k].text not in (",", ";", ":"):
        k -= 1
    return k + 1


def past_scale_of(doc: Doc, k: int) -> int:
    """Where a figure's unit or noun starts, token ``k`` or the one after: a Spanish or French
    report writes "de" between a scale word and the noun it counts ("6 millions de personnes",
    "1,5 milliard de dollars")."""
    if 0 < k < len(doc) and doc[k].lower_ in _SCALE_OF and doc[k - 1].lower_ in N.SCALES \
            and is_foreign_function_word(doc[k].lower_, doc._.report_language):
        return k + 1
    return k


def counted_noun(doc: Doc, k: int, sent: Span, limit: int = 6,
                 singular: bool = False) -> tuple[int, int, int] | None:
    """The counted noun after a number: (first token, head token, token after the phrase).

    Skips modifiers (adjectives, nouns used as modifiers, hyphenated compounds, a quoted name,
    "more"/"most") up to the first plural or collective noun; stops at a function word or
    punctuation. "832 impoverished counties" -> counties; "72,000 farming and herding households"
    -> households; "650,000 "Rain and Dew" graduates" -> graduates; "15 million registered poor" ->
    poor; "the 25 most drought-exposed countries" -> countries. With ``singular`` (after "one"),
    the noun right after the number is the head: "at least one member".
    """
    k = past_scale_of(doc, k)
    first = k
    language = doc._.report_language
    if k < sent.end and doc[k].text in QUOTES_OPEN:
        close = next((m for m in range(k + 1, min(sent.end, k + 15)) if doc[m].text in QUOTES_CLOSE), None)
        if close is not None:
            k = close + 1
    content = 0
    pos = k
    while pos < sent.end and content < limit:
        t = doc[pos]
        nxt = doc[pos + 1] if pos + 1 < sent.end else None
        if t.text in JOINERS and not t.whitespace_ and pos > first and not doc[pos - 1].whitespace_:
            pos += 1
            continue
        if t.lower_ in ("and", "or", "&") and content:
            pos += 1
            continue
        if t.lower_ in _COMPARATIVES and nxt is not None and nxt.is_alpha and nxt.lower_ not in FUNCTION_WORDS:
            pos += 1  # "132 million more people", "the 25 most drought-exposed countries", "12 other families"
            continue
        if t.is_upper and t.is_alpha and len(t) >= 2:
            pos += 2 if nxt is not None and nxt.is_digit and len(nxt) <= 2 else 1  # "242 NUTS 2 regions"
            continue
        if t.text == "," and content and nxt is not None and nxt.is_alpha and nxt.lower_ not in FUNCTION_WORDS:
            pos += 1  # a list of modifiers: "412 drought, flood and storm disasters"
            continue
        if _DOTTED_COMPOUND.fullmatch(t.text) and nxt is not None and nxt.is_alpha:
            content += 1  # a compound with an abbreviation, a modifier: "five U.S.-flagged ships"
            pos += 1
            continue
        if not t.is_alpha or t.lower_ in FUNCTION_WORDS or t.lower_ in MONTH_WORDS \
                or is_foreign_function_word(t.lower_, language):
            break  # (in a French report, "20 dans l'enquête" counts no "dans")
        hyphen_next = nxt is not None and nxt.text in JOINERS and not t.whitespace_
        if looks_plural(t.lower_) and not hyphen_next and not (
                t.lower_ in MODIFIER_COLLECTIVES and nxt is not None and looks_plural(nxt.lower_)):
            return first, pos, pos + 1
        if t.lower_ in PEOPLE_ADJECTIVES and not hyphen_next:
            if nxt is None or not nxt.is_alpha or nxt.lower_ in FUNCTION_WORDS:
                return first, pos, pos + 1
        content += 1
        pos += 1
    if singular and k < sent.end and doc[k].is_alpha and doc[k].lower_ not in FUNCTION_WORDS \
            and not doc[k].lower_.endswith(_ADJECTIVE_ENDINGS) and not (k + 1 < sent.end and doc[k + 1].text in JOINERS):
        return first, k, k + 1
    return None


def phrase_after(doc: Doc, k: int, sent: Span) -> str | None:
    """The noun phrase starting at ``k`` (determiners dropped): "the impoverished population"."""
    while k < sent.end and doc[k].lower_ in _DETERMINERS:
        k += 1
    if k >= sent.end or is_year_word(doc[k].text) or doc[k].lower_ in MONTH_WORDS:
        return None
    end = phrase_end(doc, k, sent)
    return doc[k:end].text if end > k else None


def phrase_before(doc: Doc, k: int, sent: Span, limit: int = 6) -> str | None:
    """The noun phrase ending just before token ``k``: "production value" in "a production value of"."""
    pos = k
    while pos - 1 >= sent.start and k - pos < limit:
        t = doc[pos - 1]
        if t.text in DASHES or t.text in _POSSESSIVES:
            pos -= 1
            continue
        if not t.is_alpha or (t.lower_ in FUNCTION_WORDS and not (t.lower_ == "per" and doc[pos].lower_ == "capita")) \
                or t.lower_ in PAST_VERBS or (t.tag_ and verb_like(t)):
            break
        pos -= 1
    while pos < k and (doc[pos].text in DASHES or doc[pos].text in _POSSESSIVES):
        pos += 1
    if pos > sent.start and (N.NUMBER_TOKEN.match(doc[pos - 1].text) or doc[pos - 1].lower_ in N.SCALES):
        return None  # the phrase is a counted noun of an earlier figure: "6.1 billion people (18 per cent)"
    return doc[pos:k].text if pos < k else None


def phrase_end(doc: Doc, k: int, sent: Span, limit: int = 8) -> int:
    """Where a noun phrase starting at ``k`` ends: at punctuation, a function word other than
    "of" or a verb."""
    pos = k
    while pos < sent.end and pos - k < limit:
        t = doc[pos]
        if (t.text in JOINERS and t.whitespace_ == "") or t.text in _POSSESSIVES:
            pos += 1
            continue
        if N.NUMBER_TOKEN.match(t.text) and pos == k:
            pos += 1
            continue
        if not t.is_alpha or (t.lower_ in FUNCTION_WORDS and t.lower_ not in ("of", "per", "and", "or")) \
                or verb_like(t) or (pos > k and not t.tag_ and _participle_after_noun(doc, pos, sent)):
            break
        if t.lower_ in ("of", "per", "and", "or") and not (pos + 1 < sent.end and doc[pos + 1].is_alpha
                                                           and doc[pos + 1].lower_ not in FUNCTION_WORDS):
            break
        pos += 1
    while pos > k and doc[pos - 1].lower_ in ("of", "per", "and", "or"):
        pos -= 1
    return pos


def _participle_after_noun(doc: Doc, pos: int, sent: Span) -> bool:
    """"sediment flowing into", "counties lifted out of": a participle that starts a clause."""
    w = doc[pos].lower_
    nxt = doc[pos + 1].lower_ if pos + 1 < sent.end else ""
    if w.endswith("ed"):
        return nxt in FUNCTION_WORDS or not nxt.isalpha()
    return w.endswith("ing") and (nxt in _PARTICIPLE_FOLLOWERS or looks_plural(doc[pos - 1].lower_))
