"""Ranges, pairs and parts: figures that belong together ("two to three sectors", "22 out of 23
counties", "from 553 in 2020 to 797") and a figure that counts a part of a whole ("42 of the
plants", "six of them").
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from extractor import numbers as N
from extractor.extract.claims.figures import Quantity
from extractor.extract.claims.nouns import counted_noun
from extractor.extract.claims.units import looks_plural
from extractor.extract.claims.words import FUNCTION_WORDS, STATING_VERBS, WORDS, verb_like

#: What stands between the two figures of a range or pair: "two to three", "22 out of 23".
RANGE_LINKS = frozenset(tuple(link.split()) for link in WORDS["pairs"]["range_links"])
#: Qualifiers inside a pair that do not break it: "18,000 of the roughly 540,000 households".
_PAIR_QUALIFIERS = frozenset(WORDS["pairs"]["pair_qualifiers"])
#: Determiners after "N of" before the noun the number counts a part of: "42 of the plants".
_PART_DETERMINERS = frozenset(WORDS["pairs"]["part_determiners"])
#: Pronouns after "N of" that stand for counted things named before: "six of them".
_PART_PRONOUNS = frozenset(WORDS["pairs"]["part_pronouns"])
_POSSESSIVES = ("'s", "\u2019s")


def link_partners(doc: Doc, claims: list[Quantity]) -> None:
    """Ranges and pairs: "two to three sectors", "22 out of 23 counties", "from 553 in 2020 to 797"."""
    for a, b in zip(claims, claims[1:]):
        if b in a.partners:
            continue
        # qualifiers inside a pair do not break it: "18,000 of the roughly 540,000 households"
        between = tuple(t.lower_ for t in doc[a.right if a.family else a.j:b.i] if t.lower_ not in _PAIR_QUALIFIERS)
        # "22 of Brazil's 26", "226 of the country's 391"
        possessive = (3 <= len(between) <= 5 and between[0] == "of" and between[-1] in _POSSESSIVES
                      and all(t.is_alpha and t.lower_ not in STATING_VERBS
                              for t in doc[b.i - len(between) + 1:b.i - 1]))
        if between in RANGE_LINKS or possessive or (between and between[0] in ("in",) and between[-1] == "to"
                                                    and len(between) <= 4) or _from_to(doc, a, b):
            if a.family is not None and b.family is not None and (
                    a.unit != b.unit or between in (("and",), ("of",), ("of", "the"))):
                continue
            a.partners.append(b)
            b.partners.append(a)


def _from_to(doc: Doc, a: Quantity, b: Quantity) -> bool:
    """"from X ... to Y" with a few words between (a year, a rate): X and Y are a pair."""
    start = doc[a.i - 1].lower_ if a.i > 0 else ""
    if start != "from" and not (a.i > 1 and doc[a.i - 2].lower_ == "from"):
        return False
    between = [t.lower_ for t in doc[a.j:b.i]]
    return 0 < len(between) <= 8 and between[-1] == "to" and "," not in between and ";" not in between


def range_follows(doc: Doc, k: int, sent: Span) -> bool:
    """Whether a range or pair link and a second number follow token ``k``: "to three", "out of 23"."""
    for link in RANGE_LINKS:
        n = len(link)
        if tuple(t.lower_ for t in doc[k:k + n]) == link and k + n < sent.end:
            if N.NUMBER_TOKEN.match(doc[k + n].text) or doc[k + n].lower_ in N.NUMBER_WORDS:
                return True
    return False


def take_partner_unit(c: Quantity) -> None:
    """A bare number takes the unit of its range or pair partner ("two to three sectors"), and
    its scale when it is the smaller first figure ("two to three million")."""
    if c.family is not None:
        return
    other = next((o for o in c.partners if o.family not in (None, "skip")), None)
    if other is None:
        return
    c.family, c.unit, c.ref = other.family, other.unit, other
    if other.i > c.i and c.scale is None and other.scale and c.value < other.value / other.scale:
        c.value *= other.scale
        c.scale = other.scale


def part_of(doc: Doc, c: Quantity, k: int, sent: Span) -> tuple[int, int, int] | None:
    """The counted noun of a part: "42 of the plants" -> plants (not "one of the most ...", not a
    pair "17 of the 41 utilities", which the partner resolves)."""
    if c.value <= 1 or c.scale is not None or k + 2 >= sent.end or doc[k].lower_ != "of" \
            or doc[k + 1].lower_ not in _PART_DETERMINERS or range_follows(doc, k, sent):
        return None
    return counted_noun(doc, k + 2, sent)


def of_them(doc: Doc, c: Quantity, sent: Span) -> bool:
    """"six of them", "100 of these": a part of things counted before (not "one of them")."""
    k = c.j
    return (c.value > 1 and k + 1 < sent.end and doc[k].lower_ == "of" and doc[k + 1].lower_ in _PART_PRONOUNS
            and (k + 2 >= sent.end or not doc[k + 2].is_alpha or doc[k + 2].lower_ in FUNCTION_WORDS
                 or verb_like(doc[k + 2]) or not looks_plural(doc[k + 2].lower_)))
