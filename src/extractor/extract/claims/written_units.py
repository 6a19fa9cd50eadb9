"""The unit written with a figure: a currency before it ("$2.15", "USD 20 billion"), or after it a
unit ("24.7%", "3 million mu", "four consecutive years"), a symbol ("5 dS/m", "21 TLU") or the
noun it counts ("832 impoverished counties").

A figure written with a hyphen before its unit is a modifier or a name ("one-time", "three-tiered")
unless it states a measure or a duration ("a three-year initiative").
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from extractor import numbers as N
from extractor.currencies import CODES
from extractor.extract.claims.figures import Paragraph, Quantity
from extractor.extract.claims.nouns import counted_noun, past_scale_of
from extractor.extract.claims.pairs import part_of
from extractor.extract.claims.qualifiers import POST_QUALIFIERS
from extractor.extract.claims.units import TIMES_FOLLOWERS, count_unit_at, singular
from extractor.extract.claims.words import DASHES, FUNCTION_WORDS, WORDS, is_year_word
from extractor.months import MONTH_WORDS
from extractor.registry import lexicon

#: Words before "one" that make the noun right after it the counted one: "only one notice".
SINGLE_BOUNDS = frozenset(WORDS["written_units"]["single_bounds"])
#: Words before a duration that make it part of a period: "the first 10 months of 2024".
_PERIOD_BOUNDS = frozenset(lexicon("time_words")["periods"]["bounds"])
#: Bounds that, with nothing after the duration, count back from now ("the last five years").
_BACKWARD_BOUNDS = frozenset(lexicon("time_words")["periods"]["backward_bounds"])


def attach_unit(par: Paragraph, c: Quantity, sent: Span) -> None:
    """The unit written with the number: a currency before it, or a unit or counted noun after it."""
    doc = par.doc
    pre = par.prefixes.get(c.i)
    if pre is not None and c.family is None:
        s, label = pre
        c.family, c.unit, _ = label.split("|")
        c.start = doc[s].idx
    k = past_scale_of(doc, c.j)  # ("1,5 milliard de dollars")
    # "5,000+ workers", "1,000-plus wells", "50-odd villages"
    if k < sent.end and doc[k].text == "+" and not doc[k - 1].whitespace_:
        c.qualifier, k = "at_least", k + 1
    elif k + 1 < sent.end and doc[k].text in DASHES and doc[k + 1].lower_ in ("plus", "odd"):
        c.qualifier, k = ("at_least" if doc[k + 1].lower_ == "plus" else "approximate"), k + 2
    hyphen = k < sent.end and doc[k].text in DASHES and k + 1 < sent.end
    if hyphen:
        k += 1
        if N.NUMBER_TOKEN.match(doc[k].text) or doc[k].lower_ in N.NUMBER_WORDS:
            return  # a range "5-10"; the partner gives the unit
    unit = par.units.get(k)
    if unit is not None:
        end, label = unit
        family, name, mult = label.split("|")
        if c.family == "money" and family != "money":
            return
        if hyphen and family != "duration" and family != "measure" and name != "ratio":
            c.family = "skip"
            return
        if hyphen and family == "duration" and not _duration_compound_states(par, c, k, sent):
            c.family = "skip"
            return
        if family == "duration" and _period_of_year(doc, c.i, end, sent):
            c.family = "skip"  # "the first three quarters of 2024": a period, not a claim
            return
        if name == "ratio" and doc[k].lower_ == "times" and c.value == int(c.value) and not (
                end < sent.end and doc[end].lower_ in TIMES_FOLLOWERS):
            # "visited three times": occasions; but "2.5 times", a fraction, can only compare
            family, name = "count", "time"
        c.family, c.unit = family, name
        c.value *= int(mult)
        c.end = doc[end - 1:end].end_char
        c.right = end
        return
    if c.family is not None:
        return
    if hyphen:
        c.family = "skip"  # "one-time", "three-tiered", "100-Day": a modifier or a name
        return
    if k + 1 < sent.end and doc[k].lower_ == "per" and N.NUMBER_TOKEN.match(doc[k + 1].text):
        c.family, c.unit = "ratio", "ratio"  # a rate: "5.4 per 1,000 live births"
        return
    if k + 1 < sent.end and (doc[k].lower_, doc[k + 1].lower_) in POST_QUALIFIERS:
        c.qualifier, k = POST_QUALIFIERS[doc[k].lower_, doc[k + 1].lower_], k + 2  # "four or more members"
    if k + 1 < sent.end and doc[k].lower_ == "head" and doc[k + 1].lower_ == "of":
        c.family, c.unit, c.right = "count", "head", k + 1  # "13 million head of livestock"
        return
    if k < sent.end and doc[k].lower_ in ("cents", "cent") and c.family is None:
        c.family, c.unit, c.value, c.right = "money", None, c.value / 100, k + 1  # currency: see resolution
        c.end = doc[k:k + 1].end_char
        return
    unit_symbol = _written_unit(doc, k, sent)
    if unit_symbol is not None:
        if c.i > sent.start and doc[c.i - 1].is_title and c.i - 1 != sent.start:
            c.family = "skip"  # a version in a name: "Attribution 3.0 IGO"
            return
        end, c.unit = unit_symbol
        c.family, c.right = ("count" if "/" not in c.unit else "measure"), end
        c.end = doc[end - 1].idx + len(_symbol_text(doc[end - 1].text) or doc[end - 1].text)
        return
    qualified = par.qualifiers.get(par.surface_start(c)) is not None or (
        c.i > sent.start and doc[c.i - 1].lower_ in SINGLE_BOUNDS)
    if c.value == 1 and k + 1 < sent.end and doc[k].lower_ == "such" and doc[k + 1].is_alpha:
        k, qualified = k + 1, True  # "only one such notice"
    noun = counted_noun(doc, k, sent, singular=c.value == 1 and qualified)
    if noun is not None:
        first, head, end = noun
        c.family, c.unit, c.noun, c.right = "count", count_unit_at(doc, head), (first, head), end
        abbreviation = _abbreviation_after(doc, end, sent)
        if abbreviation:
            c.unit = abbreviation  # "64 tropical livestock units (TLU)", so that "21 TLU" agrees
        return
    noun = part_of(doc, c, k, sent)
    if noun is not None:  # "operate 42 of the plants": the number counts the plants
        first, head, end = noun
        c.family, c.unit, c.noun, c.right = "count", count_unit_at(doc, head), (first, head), end


def _duration_compound_states(par: Paragraph, c: Quantity, unit_tok: int, sent: Span) -> bool:
    """"a three-year initiative" states a duration; "nine-year compulsory education" and a
    recurring "five-year transitional period" name something."""
    doc = par.doc
    article = False
    for k in range(c.i - 1, max(sent.start, c.i - 3) - 1, -1):
        if doc[k].lower_ in ("a", "an"):
            article = True
            break
        if not doc[k].is_alpha or doc[k].lower_ in FUNCTION_WORDS:
            break
    if not article:
        return False
    noun = doc[unit_tok + 1].lower_ if unit_tok + 1 < sent.end else ""
    return not par.names.is_name(doc[c.i:c.j].text.lower(), doc[unit_tok].lower_.rstrip("s"), noun)


def _period_of_year(doc: Doc, start: int, end: int, sent: Span) -> bool:
    """A duration that is part of a period: "the first 10 months of 2024", "the first three quarters".

    "last" and "final" bound a period only inside something named after them ("the last two
    quarters of the year"); alone they count back from now, as "past" does: "over the last five
    years", "during the last two decades" are durations."""
    of_follows = end + 1 < sent.end and doc[end].lower_ == "of"
    if start > sent.start and doc[start - 1].lower_ in _PERIOD_BOUNDS:
        return doc[start - 1].lower_ not in _BACKWARD_BOUNDS or of_follows
    return of_follows and (is_year_word(doc[end + 1].text) or doc[end + 1].lower_ in MONTH_WORDS)


def _written_unit(doc: Doc, k: int, sent: Span) -> tuple[int, str] | None:
    """A unit written as a symbol after a number: a rate such as "dS/m", "km/h" or "mg/l" (its last
    part may carry the sentence's full stop: "below 1 mg/l."), or an upper-case abbreviation such
    as "21 TLU" or "150 MGD treatment plant" (not a currency, not a time of day; but "242 NUTS 2
    regions" counts regions)."""
    if k >= sent.end:
        return None
    t = doc[k]
    if not t.is_alpha or not doc[k - 1].whitespace_ and k > sent.start and doc[k - 1].is_digit:
        return None
    if k + 2 < sent.end and doc[k + 1].text == "/" and not t.whitespace_ and not doc[k + 1].whitespace_:
        denominator = _symbol_text(doc[k + 2].text)
        if denominator and len(t) <= 4 and len(denominator) <= 4:
            return k + 3, f"{t.lower_}/{denominator.lower()}"
    last = k + 1 >= sent.end
    if t.is_upper and 2 <= len(t) <= 6 and t.text not in CODES and t.lower_ not in ("am", "pm") \
            and (last or doc[k + 1].is_punct or doc[k + 1].lower_ in FUNCTION_WORDS
                 or counted_noun(doc, k, sent) is None):
        return k + 1, singular(t.lower_)  # "21 TLU in 2023"
    return None


def _symbol_text(word: str) -> str:
    """The letters of a unit symbol's text, less a full stop glued to it ("l." at a sentence end)."""
    text = word[:-1] if word.endswith(".") else word
    return text if text.isalpha() else ""


def _abbreviation_after(doc: Doc, k: int, sent: Span) -> str | None:
    """An abbreviation defined right after a counted noun phrase: "tropical livestock units (TLU)"."""
    if k + 2 < sent.end and doc[k].text == "(" and doc[k + 2].text == ")" and doc[k + 1].is_upper \
            and doc[k + 1].is_alpha and 2 <= len(doc[k + 1]) <= 6:
        return singular(doc[k + 1].lower_)
    return None
