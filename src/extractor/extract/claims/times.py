"""The time expressions of a sentence: years, dates, fiscal years, decades and ranges of years,
with their lead-in ("as of the end of November 2024", "in the first three quarters of 2024",
"from 2021 to 2024", "since 2021", "compared with 2021"), from the time patterns' matches.

Which of them a figure is stated for is :mod:`.years`'.
"""
from __future__ import annotations

import re

from spacy.tokens import Span

from extractor.extract.claims.figures import Paragraph, TimeExpression
from extractor.extract.claims.nouns import clause_start
from extractor.extract.claims.patterns import FISCAL_PREFIXES, within
from extractor.extract.claims.words import is_year_word
from extractor.months import MONTH_WORDS
from extractor.registry import lexicon

_WORDS = lexicon("time_words")
#: The words before a year or date and the kind of time expression they make (``time_words.toml``).
_TIME_LEADS: dict[tuple[str, ...], str] = {tuple(lead.split()): kind for lead, kind in _WORDS["leads"].items()}
#: The leads' lengths, longest first (a longer lead wins over its own last words).
_TIME_LEAD_LENGTHS = sorted({len(lead) for lead in _TIME_LEADS}, reverse=True)
#: Words between "the ... of" and a year: "the end of 2024", "the first three quarters of 2024".
_PERIOD_WORDS = frozenset(_WORDS["periods"]["words"])
#: Words after a year that make it a base year: "2019 levels", "at 2010 constant prices".
_BASE_WORDS = frozenset(_WORDS["periods"]["base_words"])
#: The years a time expression's text holds ("2019", "2022-23" holds 2022 only).
_YEARS_IN = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
#: Abbreviations written before a fiscal year: "FY2024", "FY 2019" (``time_words.toml``).
_FISCAL_PREFIX = re.compile(r"\b(?:" + "|".join(FISCAL_PREFIXES) + r")\s*")
_PREFIXED = re.compile(r"\s*(?:" + "|".join(FISCAL_PREFIXES) + r")")


def time_expressions(par: Paragraph, sent: Span, previous_year: int | None) -> list[TimeExpression]:
    """The sentence's time expressions in text order; one absorbed into another is dropped.
    ``previous_year``: the last year the paragraph's sentences before named ("That year, ...")."""
    out: list[TimeExpression] = []
    for label, s, e in within(par.times, sent):
        if par.in_quoted_title(s):
            continue
        if label == "THAT_YEAR":
            # "That year", "in the same year": the last year named before, in this sentence or the last
            earlier = [y for t in out if t.kind == "point" for y in t.years]
            year = earlier[-1] if earlier else previous_year
            if year is not None:
                out.append(TimeExpression(s, e, s, (year,), "point", par.doc[s:e].text, False))
            continue
        expression = _expression(par, sent, label, s, e)
        if expression is not None:
            out.append(expression)
    # a range absorbed into another expression is one expression
    out.sort(key=lambda t: (t.i, -t.j))
    merged: list[TimeExpression] = []
    for t in out:
        if merged and t.i < merged[-1].j:
            continue
        merged.append(t)
    return merged


def _expression(par: Paragraph, sent: Span, label: str, s: int, e: int) -> TimeExpression | None:
    """The time expression of one match, ``doc[s:e]``, with its lead-in; None when it is none
    ("November 18" without a year, "the 2030 Agenda")."""
    doc = par.doc
    core = doc[s:e].text
    years = tuple(int(y) for y in _YEARS_IN.findall(core))
    if label == "FISCAL":
        years = fiscal_years(core)
        if len(years) == 2:
            label = "RANGE"
    if label == "DECADE":
        years = ()
    elif label == "DATE" and not years:
        return None  # "November 18" without a year: no reference year, but not a claim either
    if label in ("YEAR", "FISCAL") and _in_name(par, sent, s, e):
        return None  # "the 2030 Agenda", "the Maritime Security Act of 1996": part of a name
    kind = "range" if label in ("RANGE", "DECADE") else "point"
    i = s
    specific = label in ("DATE", "FISCAL")
    # "the end of", "the first three quarters of"
    if i - 1 >= sent.start and doc[i - 1].lower_ == "of":
        k = i - 2
        while k >= sent.start and doc[k].lower_ in _PERIOD_WORDS:
            k -= 1
        if k + 1 < i - 1:
            i = k + 1
            specific = True
    lead = _lead(par, sent, i)
    if lead is not None:
        lead_start, lead_kind = lead
        if label == "YEAR" and doc[lead_start].lower_ == "on":
            lead_kind = "comparison"  # "up 35 per cent on 2021"
        if lead_kind == "comparison":
            kind = "comparison"
        elif lead_kind == "since" and kind == "point":
            # "from 2021 to 2024", "between 2021 and July 2024": a range; "since 2021": a start
            later = [t.i for t in doc[e:e + 4] if is_year_word(t.text)]
            if e < len(doc) and doc[e].lower_ in ("to", "and", "until", "through") and later:
                stop = later[-1] + 1
                years = years + tuple(int(doc[m].text) for m in later)
                end_year = fiscal_years(doc[stop - 1:stop + 2].text) if stop + 1 < sent.end else ()
                if len(end_year) == 1:  # "between 2013-14 and 2022-23"
                    stop, years = stop + 2, years[:-1] + end_year
                e = stop
                kind = "range"
            elif doc[lead_start].lower_ in ("since", "after", "from"):
                kind = "since"
        i = lead_start
    if e < sent.end and doc[e].lower_ in _BASE_WORDS:
        kind = "comparison"  # a base year: "2019 levels", "at 2010 constant prices"
    if kind == "point":
        start = clause_start(doc, sent, i)
        if start < i and doc[start].lower_ in ("since", "after") and i - start <= 10:
            kind, i = "since", start  # "since the reform began in 2015"
    text = doc[i:e].text
    if text.lower().startswith(("in ", "on ", "at ")):
        text = text[3:]
    if text.lower().startswith("the "):
        text = text[4:]
    specific = specific or kind != "point" or lead is not None and doc[i].lower_ not in ("in", "on", "during")
    return TimeExpression(i, e, s, years, kind, text, specific)


def _in_name(par: Paragraph, sent: Span, s: int, e: int) -> bool:
    """Whether the year ``doc[s:e]`` is part of a name, not a time: set before the name's
    capitalised words with no time word leading it ("the 2030 Agenda", "the FY2021 National
    Defense Authorization Act"; not "in 2019 China ..."), or after a name's capitalised word and
    "of" ("the Maritime Security Act of 1996"; not "March of 2020", nor "As of 2020" opening the
    sentence)."""
    doc = par.doc
    if e < sent.end and doc[e].is_title and doc[e].is_alpha and doc[e].lower_ not in ("in", "by", "as", "from", "to") \
            and doc[e].lower_ not in MONTH_WORDS and _lead(par, sent, s) is None:
        return True
    if s - 2 > sent.start and doc[s - 1].lower_ == "of":
        name = doc[s - 2]
        return name.is_title and name.is_alpha and len(name) > 2 and name.lower_ not in MONTH_WORDS \
            and name.lower_ not in _PERIOD_WORDS
    return False


def _lead(par: Paragraph, sent: Span, i: int) -> tuple[int, str] | None:
    """The longest lead-in that the words before token ``i`` end with: its first token and kind."""
    before = tuple(t.lower_ for t in par.doc[max(sent.start, i - _TIME_LEAD_LENGTHS[0]):i])
    for n in _TIME_LEAD_LENGTHS:
        kind = _TIME_LEADS.get(before[len(before) - n:]) if n <= len(before) else None
        if kind is not None:
            return i - n, kind
    return None


def fiscal_years(text: str) -> tuple[int, ...]:
    """The year a fiscal or crop year is stated for, its last: "2022-23", "2022/2023", "FY2023",
    "FY 23" -> (2023,); a year and two digits that do not follow it are a range: "2010-15" ->
    (2010, 2015), and so are two fiscal years, "FY2022-FY2025" -> (2022, 2025). A note's number
    glued to a two-digit year is left out: "FY241" and "2023-2410" are FY24 and 2023-24."""
    t = _FISCAL_PREFIX.sub("", text).replace(" ", "")
    m = re.fullmatch(r"(\d{2,4})(?:([-/\u2010-\u2015])(\d{2,4}))?", t)
    if m is None:
        return ()
    first = _fiscal_year(m.group(1))
    if m.group(3) is None:
        return (first,) if first is not None and _PREFIXED.match(text) else ()
    second = _fiscal_year(m.group(3), first)
    if first is None or second is None:
        return ()
    if second == first + 1 or m.group(2) == "/" and second > first:
        return (second,)
    if len(m.group(3)) > 2 and not _YEARS_IN.fullmatch(m.group(3)):
        return ()  # "2010-150": no fiscal year and no range
    return (first, second) if second > first else (first,)


def _fiscal_year(digits: str, after: int | None = None) -> int | None:
    """A year written in full or by its last two digits (a note's number maybe glued after them):
    "2024", "24" and "241" -> 2024; after ``after``, two digits are the same century's or the next."""
    if _YEARS_IN.fullmatch(digits):
        return int(digits)
    two = int(digits[:2])
    if after is not None:
        year = after // 100 * 100 + two
        return year if year >= after else year + 100
    return (2000 if two <= 50 else 1900) + two
