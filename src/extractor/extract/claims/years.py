"""The year and period each figure of a sentence is stated for, chosen among the sentence's time
expressions (:mod:`.times`) by rules tried in order (:data:`CHOICES`).

A point in time gives the year (and, when it says more than the year, "the end of November
2024", the period); a range or start ("from 2021 to 2024", "since 2021") gives a period but no
single year.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from extractor.currencies import CODES
from extractor.extract.claims.figures import Quantity, TimeExpression
from extractor.extract.claims.qualifiers import QUALIFIER_WORDS
from extractor.extract.claims.words import DASHES
from extractor.registry import lexicon

_ATTACH = lexicon("time_words")["attach"]
#: Leads of a time expression that can belong to the figure just before it: "770 million yuan in 2024".
_ATTACH_LEADS = frozenset(_ATTACH["leads"])
#: Words that may stand between a figure and its time expression: "4,770 yuan per person per year in 2021".
_ATTACH_FILLERS = frozenset(_ATTACH["fillers"])


@dataclass
class _Figure:
    """A figure of the sentence and the time expressions it may be stated for."""

    c: Quantity
    doc: Doc
    times: list[TimeExpression]
    #: The ids of the time expressions that belong to other figures: its partners', a base figure's.
    others: set[int]
    #: The time expressions before the figure, less comparisons and the others'.
    before: list[TimeExpression]

    def later_point(self, own_clause: bool) -> TimeExpression | None:
        """The first point in time after the figure (with ``own_clause``, in its own clause)."""
        c = self.c
        return next((t for t in self.times if t.i >= c.right and t.kind == "point" and id(t) not in self.others
                     and not (own_clause and _punctuation_between(self.doc, c.right, t.i))), None)


def _attached(f: _Figure) -> TimeExpression | None:
    return f.c.attached


def _range_year(f: _Figure) -> TimeExpression | None:
    c = f.c
    later = next((p for p in c.partners if p.i > c.i and p.attached is not None), None)
    if later is not None and f.doc[c.i - 1].lower_ != "from" \
            and not any(t.i >= c.right and t.j <= later.i for t in f.times):
        return later.attached
    return None


def _before_in_clause(f: _Figure) -> TimeExpression | None:
    if f.before and not _punctuation_between(f.doc, f.before[-1].j, f.c.i):
        return f.before[-1]
    return None


def _later_in_clause(f: _Figure) -> TimeExpression | None:
    return f.later_point(own_clause=True)


def _in_sentence(f: _Figure) -> TimeExpression | None:
    later = f.later_point(own_clause=False)
    return f.before[-1] if f.before and (f.before[-1].kind == "point" or later is None) else later


#: The rules that choose a figure's time expression, in order: the first that finds one decides.
CHOICES: tuple[tuple[str, Callable[[_Figure], TimeExpression | None]], ...] = (
    # a point in time written right after the figure: "770 million yuan in 2024", "4,770 yuan per
    # person per year in 2021", "EUR 1.9 billion of investment in 2023", "17% by 2030"
    ("attached", _attached),
    # the first figure of a range takes the year written after the second: "between 15 and 20 per
    # cent by 2050" (not "from 553 to 797 in 2024")
    ("range year", _range_year),
    # the nearest before it in its own clause: "Cyclone Sidr in 2007 killed about 3,400"
    ("before in its clause", _before_in_clause),
    # a point in time later in its own clause: "plans to bring 500,000 hectares ... by 2027"
    ("later in its clause", _later_in_clause),
    # the nearest before it, skipping comparisons ("over 2021") and its partner's year ("from 17% in
    # 2022 to 8.9%"), else the sentence's year wherever it stands ("..., according to 2022 figures");
    # a period in another clause ("since the 1970s") yields to a later year
    ("in its sentence", _in_sentence),
)


def assign_years(doc: Doc, claims: list[Quantity], times: list[TimeExpression]) -> None:
    """The reference year (and period) of each figure of a sentence (see :data:`CHOICES`)."""
    for c in claims:
        for t in times:
            if t.i < c.right or t.kind != "point":
                continue
            if _attaches(doc, c.right, t.i):
                c.attached = t
            break
    for c in claims:
        if c.family == "duration":
            continue  # a length of time ("for 60 days", "a two-week ceasefire") is stated for no year
        others = {id(p.attached) for p in c.partners if p.attached}
        # the year of a base figure belongs to it alone: "absorbs 63 per cent, up from 47 per cent in 2010"
        others |= {id(o.attached) for o in claims if o is not c and o.attached and o not in c.partners
                   and not o.partners and o.i > c.i and _after_from(doc, o.i)}
        before = [t for t in times if t.j <= c.i and t.kind != "comparison" and id(t) not in others]
        figure = _Figure(c, doc, times, others, before)
        chosen = next((t for _, choose in CHOICES if (t := choose(figure)) is not None), None)
        if chosen is None and c.change is not None:
            # a change over a range of years written right after it is stated as of its end: "fell by
            # 26% in real terms between 2010 and 2020" -> 2020
            span_of = next((t for t in times if t.i >= c.right and t.kind == "range"), None)
            if span_of is not None and len(span_of.years) == 2 and _attaches_range(doc, c.right, span_of.i):
                c.year, c.period = span_of.years[-1], span_of.text
                continue
        if chosen is None:
            continue
        if chosen.kind == "point":
            year = chosen.years[-1] if chosen.years else None
            c.year = year if year is not None and 1900 <= year <= 2100 else None
            c.period = chosen.text if chosen.specific else None
        else:
            c.period = chosen.text


def _after_from(doc: Doc, i: int) -> bool:
    """Whether the figure at token ``i`` (past its currency and qualifier) follows "from"."""
    k = i - 1
    while k > 0 and (doc[k].is_currency or doc[k].text in CODES or doc[k].lower_ in QUALIFIER_WORDS):
        k -= 1
    return k >= 0 and doc[k].lower_ == "from"


def _attaches_range(doc: Doc, right: int, time_start: int) -> bool:
    """Whether a range of years follows the change ending at ``right`` in its own phrase: "by 26% in
    real terms between 2010 and 2020"."""
    gap = doc[right:time_start]
    return len(gap) <= 4 and all(t.is_alpha for t in gap)


def _punctuation_between(doc: Doc, start: int, end: int) -> bool:
    return any(t.text in (",", ";", ":") for t in doc[start:end])


def _attaches(doc: Doc, right: int, time_start: int) -> bool:
    """Whether a time expression starting at ``time_start`` belongs to the figure ending at
    ``right``: nothing between but rate words ("per person per year in 2021") or an "of" phrase
    ("of foreign direct investment in 2023"), and a lead-in such as "in" or "by"."""
    if doc[time_start].lower_ not in _ATTACH_LEADS:
        return False
    gap = [t.lower_ for t in doc[right:time_start]]
    if len(gap) <= 4 and all(word in _ATTACH_FILLERS for word in gap):
        return True
    return bool(gap) and gap[0] == "of" and len(gap) <= 7 and all(
        t.is_alpha or t.text in DASHES for t in doc[right + 1:time_start])
