"""The claims table, read as figures the consistency checks can compare.

Consistency reads the ``claims`` table and nothing else: every value, unit (any currency or
measure the claims extractor knows), year, period, change, qualifier and subject comes from its
columns; the text *between* two figures of one sentence (``from X to Y``, ``X of Y``) is read from
the claim's sentence at the claims' own spans. No number is parsed a second time: the one thing
read from a surface is how precisely it is printed (``5.34 million`` is rounded to 10,000).

A figure's subject is compared by its *key*: the lemma of its head noun and the lemmas of its
modifiers (lemmas from :mod:`lemminflect`, a maintained English lemmatizer), so that "per capita
disposable income of rural residents" and "rural residents' per capita disposable income" agree,
while "43.1 per cent" and "22.2 per cent" no longer meet under a subject "cent".
"""
from __future__ import annotations

import calendar
import functools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from lemminflect import getLemma

from extractor.months import MONTHS

#: Units whose figures are rates, not amounts: never parts of a whole, never summed.
RATE_UNITS = frozenset({"percent", "percentage_point", "ratio"})
#: How far a qualified figure may lie from its printed value (fraction of the value), by qualifier.
APPROXIMATION = 0.10
#: Words that end the core of a subject: what follows narrows it (a relative clause, a place).
_CORE_BREAKS = frozenset("""that which who whom whose where when while in at on for from among across within under
    by since during after before between through to with without as than""".split())
#: Words that are never part of a subject's key.
_STOP = frozenset("""a an the its their his her our this these those all some any each every such other same
    total overall number amount level share of and or 's ’s""".split())
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d+")
#: The printed digits of a surface, for its rounding: "33.05", "17,522", "1.2", "20,5" (decimal comma).
_PRINTED = re.compile(r"\d[\d,.\u202f\u00a0 ]*\d|\d")
_PART_OF_YEAR = re.compile(r"\b(?:first|second|third|fourth|last|final)\s+(?:(?:two|three)\s+)?(?:quarters?|half|"
                           r"months?)\b|\bq[1-4]\b|\bh[12]\b")


@dataclass(frozen=True)
class SubjectKey:
    """A subject's head lemma and its modifiers' lemmas (empty head: no subject)."""

    head: str
    modifiers: frozenset[str]

    def __bool__(self) -> bool:
        return bool(self.head)

    @property
    def lemmas(self) -> frozenset[str]:
        return self.modifiers | {self.head} if self.head else frozenset()


@functools.lru_cache(maxsize=4096)
def _lemma(word: str) -> str:
    lemmas = getLemma(word.lower(), upos="NOUN")
    return lemmas[0] if lemmas else word.lower()


def subject_key(subject: str) -> SubjectKey:
    """The key of a claim's subject: the core noun phrase (up to the first word that narrows it,
    past one "of" complement), its head the last word before "of" (or the last word: "rural
    residents' income"), its modifiers the other content words, all as lemmas."""
    words = [w for w in _WORD.findall(subject or "") if not w.isdigit()]
    core: list[str] = []
    of_seen = False
    for w in words:
        low = w.lower()
        if low in _CORE_BREAKS:
            break
        if low == "of":
            if of_seen:
                break
            of_seen = True
        core.append(low)
    if not core:
        return SubjectKey("", frozenset())
    before_of = core[:core.index("of")] if "of" in core else core
    content = [w for w in before_of if w not in _STOP] or [w for w in core if w not in _STOP]
    if not content:
        return SubjectKey("", frozenset())
    head = _lemma(content[-1].removesuffix("'s").removesuffix("’s").rstrip("'’"))
    modifiers = frozenset(_lemma(w.removesuffix("'s").removesuffix("’s").rstrip("'’"))
                          for w in core if w not in _STOP) - {head}
    return SubjectKey(head, modifiers)


def rounding_step(surface: str, value: float) -> float:
    """How precisely ``surface`` prints ``value``: the value of one unit in its last printed digit
    ("5.34 million" -> 10,000; "17,522" -> 1; "three million" -> 1,000,000)."""
    if not math.isfinite(value) or value == 0:
        return 0.0
    printed = _PRINTED.findall(surface or "")
    digits = re.sub(r"\D", "", printed[0]) if printed else ""
    if not digits or len(digits) > 30:
        return 10.0 ** math.floor(math.log10(abs(value)))  # a number in words: its leading digit
    try:
        shown = float(digits)
    except OverflowError:
        return 0.0
    if shown == 0:
        return 0.0
    # the printed digits, read as a whole number, stand for ``value`` at some power of ten
    return abs(value) / shown


def canonical_period(period: str) -> str:
    """The part of the year a period names, so that wordings of one period compare equal:
    "as of the end of November 2024" and "as of November 2024" are both "november"; "as of the end
    of 2024" names no part of the year (the year is compared apart) and becomes ""."""
    p = re.sub(r"\s+", " ", (period or "").lower())
    months = sorted({calendar.month_name[n].lower() for name, n in MONTHS.items() if re.search(rf"\b{name}\b", p)})
    return " ".join([m.group(0) for m in _PART_OF_YEAR.finditer(p)] + months)


@dataclass(frozen=True)
class Figure:
    """One claim, typed for comparison."""

    claim_id: str
    doc_id: str
    page: int | None
    section: str
    sentence_id: int | None
    sentence: str
    surface: str
    value: float
    unit: str
    qualifier: str
    year: int | None
    period: str
    change: str
    subject: SubjectKey
    subject_text: str
    place: str
    char_start: int
    step: float
    #: Where the surface stands in the sentence (characters), if it can be found there.
    span: tuple[int, int] | None

    @property
    def bounds(self) -> tuple[float, float]:
        """The values this figure allows, from its printed precision and its qualifier."""
        v, half = self.value, self.step / 2
        if self.qualifier in ("over", "at_least"):
            return v - half, math.inf
        if self.qualifier in ("under", "at_most"):
            return -math.inf, v + half
        if self.qualifier == "approximate":
            return v - abs(v) * APPROXIMATION - half, v + abs(v) * APPROXIMATION + half
        return v - half, v + half

    @property
    def when(self) -> tuple[int | None, str]:
        return self.year, self.period

    def where(self) -> str:
        section = f", {self.section}" if self.section else ""
        return f"p.{self.page}{section}: \"{self.sentence}\""


def agree(figures: Iterable[Figure]) -> bool:
    """Whether some value lies within every figure's bounds (a printed value's bounds are
    half-open: 54 and 55 share no value), or all state one value."""
    figures = list(figures)
    bounds = [f.bounds for f in figures]
    lo, hi = max(b[0] for b in bounds), min(b[1] for b in bounds)
    return lo < hi or len({f.value for f in figures}) == 1


def _s(v: Any) -> str:
    return "" if v is None or v is pd.NA or isinstance(v, float) and math.isnan(v) else str(v)


def _i(v: Any) -> int | None:
    try:
        return None if v is None or pd.isna(v) else int(v)
    except (TypeError, ValueError, OverflowError):
        return None


def _locate(sentence: str, surface: str, rank: int) -> tuple[int, int] | None:
    """Span of the ``rank``-th occurrence of ``surface`` in ``sentence`` that stands as a word of
    its own ("10" is not found inside "103" or "2010")."""
    lead = r"(?<![\w.,])" if surface[:1].isalnum() else ""
    tail = r"(?![\d]|[^\W\d_])" if surface[-1:].isalnum() else ""
    found = list(re.finditer(lead + re.escape(surface) + tail, sentence))
    return found[rank].span() if rank < len(found) else None


def figures_from_claims(claims: pd.DataFrame | Iterable[Mapping[str, Any]]) -> list[Figure]:
    """The claims with a finite value and a unit, typed, in text order (document by document)."""
    rows = claims.to_dict("records") if isinstance(claims, pd.DataFrame) else [dict(r) for r in claims]
    rows = [r for r in rows if _s(r.get("unit")) and _finite(r.get("value"))]
    rows.sort(key=lambda r: (_s(r.get("doc_id")), _i(r.get("char_start")) or 0, _s(r.get("claim_id"))))
    seen: dict[tuple[str, int | None, str], int] = {}
    out = []
    for r in rows:
        sentence, surface = _s(r.get("sentence")), _s(r.get("surface"))
        sentence_id = _i(r.get("sentence_id"))
        key = (_s(r.get("doc_id")), sentence_id, surface)
        rank = seen.get(key, 0)
        seen[key] = rank + 1
        value = float(r["value"])
        out.append(Figure(
            claim_id=_s(r.get("claim_id")), doc_id=_s(r.get("doc_id")), page=_i(r.get("page")),
            section=_s(r.get("section")), sentence_id=sentence_id, sentence=sentence, surface=surface, value=value,
            unit=_s(r.get("unit")), qualifier=_s(r.get("qualifier")) or "exact", year=_i(r.get("year")),
            period=canonical_period(_s(r.get("period"))), change=_s(r.get("change")).lower(),
            subject=subject_key(_s(r.get("subject"))), subject_text=_s(r.get("subject")), place=_s(r.get("place")),
            char_start=_i(r.get("char_start")) or 0, step=rounding_step(surface, value),
            span=_locate(sentence, surface, rank) if surface else None))
    return out


def _finite(v: Any) -> bool:
    try:
        return v is not None and not pd.isna(v) and math.isfinite(float(v))
    except (TypeError, ValueError, OverflowError):
        return False


def fmt(value: float) -> str:
    """A value as it goes into ``values`` columns: plain digits for sane sizes, never an exception."""
    if not math.isfinite(value):
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"
