"""Resolution: a number written bare, with no unit of its own, takes one from what it refers to,
by rules tried in order (:data:`BARE_RULES`, the first that decides wins); bare numbers that stay
without a unit are no claims.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span

from extractor.extract.claims.figures import Paragraph, Quantity
from extractor.extract.claims.nouns import clause_start, counted_noun
from extractor.extract.claims.pairs import link_partners, of_them, take_partner_unit
from extractor.extract.claims.qualifiers import QUALIFIER_WORDS
from extractor.extract.claims.units import POPULATION_NOUNS, count_unit_at, is_person, looks_plural
from extractor.extract.claims.words import (
    DASHES, DOWN_WORDS, FUNCTION_WORDS, RATIO_WORDS, STATING_VERBS, UP_WORDS, WORDS,
)

#: Forms of "be" after "there" that introduce an elliptical count: "there have been eleven".
_EXISTENTIAL_BE = frozenset(WORDS["resolution"]["existential_be"])


def resolve(par: Paragraph, claims: list[Quantity], sent: Span) -> list[Quantity]:
    """Give the sentence's bare numbers a unit: their range or pair partner's, else by
    :data:`BARE_RULES`; amounts in cents take the currency of the sentence. The figures with a
    unit, in order."""
    link_partners(par.doc, claims)
    for c in claims:
        take_partner_unit(c)
    for n, c in enumerate(claims):
        if c.family is None:
            bare = _Bare(par, c, claims[:n], claims[n + 1:], sent)
            for _, rule in BARE_RULES:
                if rule(bare):
                    break
    for c in claims:
        take_partner_unit(c)  # both bare, one resolved since
        if c.family == "money" and c.unit is None:
            # "every €1 ... was matched by only 55 cents": the currency of the sentence
            c.unit = next((o.unit for o in claims if o.family == "money" and o.unit and o.i < c.i), "USD")
    return [c for c in claims if c.family not in (None, "skip") and c.unit]


@dataclass
class _Bare:
    """A bare number and the figures of its sentence before and after it."""

    par: Paragraph
    c: Quantity
    before: list[Quantity]
    after: list[Quantity]
    sent: Span

    @property
    def prev(self) -> str:
        """The word before the number, lower case ("" at the sentence's start)."""
        return self.par.doc[self.c.i - 1].lower_ if self.c.i > self.sent.start else ""

    @property
    def elliptical(self) -> bool:
        """Whether the number closes its clause, its noun left out: "... there have been eleven."."""
        c, doc = self.c, self.par.doc
        return c.j >= self.sent.end or doc[c.j].is_punct and doc[c.j].text not in DASHES

    def take(self, family: str, unit: str | None, ref: Quantity | None = None) -> bool:
        self.c.family, self.c.unit, self.c.ref = family, unit, ref
        return True


def _factor_of(b: _Bare) -> bool:
    doc, i = b.par.doc, b.c.i
    return b.prev == "of" and i - 2 >= b.sent.start and doc[i - 2].lower_ == "factor" and b.take("ratio", "ratio")


def _part_of_them(b: _Bare) -> bool:
    # what "them" stands for: the first count of the sentence large enough to hold the part
    # ("520 districts, which served 15 million people; fewer than 100 of them" counts districts)
    if not of_them(b.par.doc, b.c, b.sent):
        return False
    whole = next((o for o in b.before if o.family == "count" and o.value > b.c.value), None)
    return whole is not None and b.take("count", whole.unit, whole)


def _brought_to_or_from(b: _Bare) -> bool:
    doc, i = b.par.doc, b.c.i
    if b.prev not in ("to", "from") or i - 2 < b.sent.start or not _object_noun(doc[i - 2].text, doc[i - 2].lower_):
        return False
    b.c.noun = (i - 2, i - 2)
    return b.take("count", count_unit_at(doc, i - 2))


def _number_of(b: _Bare) -> bool:
    noun = _number_of_noun(b.par, b.sent.start, b.c.i)
    return noun is not None and b.c.kind == "digits" and b.take("count", count_unit_at(b.par.doc, noun))


def _elliptical_duration(b: _Bare) -> bool:
    c, doc = b.c, b.par.doc
    known = [o for o in b.before if o.family not in (None, "skip")]
    duration = known[-1] if known and known[-1].family == "duration" else None
    return duration is not None and c.scale is None and c.value <= 100 \
        and (c.j >= b.sent.end or doc[c.j].is_punct) and not any(t.is_punct for t in doc[duration.right:c.i]) \
        and b.take("duration", duration.unit, duration)


def _compared_with(b: _Bare) -> bool:
    # (a number word after "than" is a bound, "more than three", not a comparison)
    doc, i = b.par.doc, b.c.i
    compared = b.prev in ("against", "versus", "vs", "vs.") or (b.prev == "than" and b.c.kind == "digits") or (
        b.prev in ("with", "to") and i - 2 >= b.sent.start and doc[i - 2].lower_ == "compared")
    other = next((o for o in reversed(b.before) if o.family not in (None, "skip")), None)
    return compared and other is not None and b.take(other.family, other.unit, other)


def _words_stop(b: _Bare) -> bool:
    if b.c.kind != "words":
        return False
    last = b.par.last_count
    if b.elliptical and last is not None and _existential(b):
        b.take("count", last.unit, last)
    return True


def _ratio_word(b: _Bare) -> bool:
    return any(t.lower_ in RATIO_WORDS for t in b.par.doc[b.sent.start:b.c.i]) and b.take("ratio", "ratio")


def _age(b: _Bare) -> bool:
    c, doc = b.c, b.par.doc
    if c.scale is not None or c.value != int(c.value) or not 0 < c.value <= 120 or c.i - 1 < b.sent.start:
        return False
    if b.prev in ("aged", "age", "ages"):
        return b.take("duration", "year")
    if b.prev not in ("over", "under", "above", "below") or c.i - 2 < b.sent.start:
        return False
    who = doc[c.i - 2].lower_  # "residents over 65", "those under 20"
    people = who in ("those", "people", "persons") or is_person(who) and looks_plural(who)
    return people and b.take("duration", "year")


def _population(b: _Bare) -> bool:
    doc, i = b.par.doc, b.c.i
    return any(t.lower_ in POPULATION_NOUNS for t in doc[clause_start(doc, b.sent, i):i]) and b.take("count", "person")


def _noun_in_brackets(b: _Bare) -> bool:
    doc, i = b.par.doc, b.c.i
    return i - 2 >= b.sent.start and b.prev == "(" and looks_plural(doc[i - 2].lower_) \
        and b.take("count", count_unit_at(doc, i - 2))


def _decimal(b: _Bare) -> bool:
    return "." in b.par.doc[b.c.i].text and b.c.scale is None and b.take("ratio", "ratio")


def _antecedent(b: _Bare) -> bool:
    antecedent = next((o for o in reversed(b.before) if o.family == "count"), None)
    if antecedent is None and (b.c.scale or b.prev == "("):
        antecedent = next((o for o in b.after if o.family == "count"), None)
    return antecedent is not None and b.take("count", antecedent.unit, antecedent)


def _subject_noun(b: _Bare) -> bool:
    head = _subject_head(b.par, b.sent, b.c.i)
    return head is not None and b.take("count", count_unit_at(b.par.doc, head))


def _last_sentence_count(b: _Bare) -> bool:
    last = b.par.last_count
    return b.elliptical and b.c.scale is None and last is not None \
        and not any(o.family not in (None, "skip") for o in b.before) and b.take("count", last.unit, last)


#: The rules that give a bare number its unit, in order: the first that decides wins.
BARE_RULES: tuple[tuple[str, Callable[[_Bare], bool]], ...] = (
    # "oversampled by a factor of three": a ratio
    ("factor of", _factor_of),
    # "14 utilities ..., and six of them": what "them" stands for
    ("part of them", _part_of_them),
    # "cut reported clashes to three": the noun it was brought to or from
    ("brought to or from", _brought_to_or_from),
    # "the number of households ... reached 1,270"
    ("the number of", _number_of),
    # "spend in five years what used to take ten": an elliptical number closing a clause, the duration before it
    ("elliptical duration", _elliptical_duration),
    # "0.7 dollars ..., against 1.4", "17 of the 41 utilities ..., against nine in 2020": the figure compared with
    ("compared with", _compared_with),
    # a number in words goes no further, but "Only one such notice was issued ... Since 2018 there
    # have been eleven": the count of the sentence before
    ("number words stop", _words_stop),
    # "the income ratio ... dropping to 1.86": a ratio or index
    ("ratio word", _ratio_word),
    # "people aged 60", "residents over 65": an age
    ("age", _age),
    # "the population will reach 1.4 billion": persons
    ("population", _population),
    # "MPI-poor people (566 million)": the noun it stands beside in brackets
    ("noun in brackets", _noun_in_brackets),
    # a decimal with no unit: a ratio
    ("decimal", _decimal),
    # the count it refers back to (or, in brackets or with a scale, forward to)
    ("antecedent count", _antecedent),
    # "disputes rose to 1,270": the plural subject of the verb stating it
    ("subject noun", _subject_noun),
    # "653,100 people were counted ... Los Angeles alone accounted for more than 75,000.": a figure
    # closing its sentence refers back to the count of the sentence before
    ("last sentence's count", _last_sentence_count),
)


def _object_noun(word: str, w: str) -> bool:
    """A plural noun a bare number was brought to or from: "cut reported clashes to three"
    (``word`` and ``w``: a token's text and lower-case text)."""
    return (word.isalpha() and looks_plural(w) and w not in FUNCTION_WORDS and w not in STATING_VERBS
            and w not in UP_WORDS and w not in DOWN_WORDS)


def _number_of_noun(par: Paragraph, start: int, i: int) -> int | None:
    """The head of "the number of X" (or "total of X") before token ``i``, if the sentence has one."""
    doc = par.doc
    for k in range(i - 2, start - 1, -1):
        if doc[k].lower_ == "of" and k > start and doc[k - 1].lower_ in ("number", "numbers", "count", "total"):
            noun = counted_noun(doc, k + 1, doc[k + 1:i], limit=5)
            if noun is not None:
                return noun[1]
    return None


def _existential(b: _Bare) -> bool:
    """Whether the number follows "there is/are/was/were/have been" (a qualifier may stand between)."""
    doc, sent = b.par.doc, b.sent
    k = b.c.i - 1
    while k > sent.start and doc[k].lower_ in QUALIFIER_WORDS:
        k -= 1
    if k <= sent.start or doc[k].lower_ not in _EXISTENTIAL_BE:
        return False
    return "there" in [t.lower_ for t in doc[max(sent.start, k - 3):k]]


def _subject_head(par: Paragraph, sent: Span, i: int) -> int | None:
    """The plural head noun of the subject of a verb that states the bare number at ``i``:
    "Disputes rose to 1,270" -> Disputes; none for "the income of residents reached 5,000"."""
    doc = par.doc
    k = i - 1
    while k > sent.start and (doc[k].lower_ in ("to", "at", "by", "a", "an") or doc[k].lower_ in QUALIFIER_WORDS):
        k -= 1
    if k <= sent.start or doc[k].lower_ not in STATING_VERBS:
        return None
    start = clause_start(doc, sent, k)
    kept = [m for m in range(start, k) if doc[m].lower_ not in ("has", "have", "had", "been", "will")]
    stop = next((n for n, m in enumerate(kept) if doc[m].lower_ in FUNCTION_WORDS and n > 0), len(kept))
    head = kept[stop - 1] if stop else None
    return head if head is not None and doc[head].is_alpha and looks_plural(doc[head].lower_) else None
