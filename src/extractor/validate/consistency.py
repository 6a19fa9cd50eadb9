"""Consistency: does a report contradict itself?

Pure functions over the ``claims`` table (no Great Expectations, no Prefect). They produce the
rows of the ``consistency_checks`` table: one row per *figure group* (claims in different
sentences that state the same measure) and one row per *relation the text states*:

``figure_group``
    Claims with the same unit, reference year, period and change, whose contexts (subject and the
    clause around the number) overlap. Equal values need only a modest overlap; unequal values are
    grouped only when they look like the same figure mistyped (one digit changed, two digits
    swapped, or within 2 %) *and* their contexts agree closely, so a corrupted near-duplicate lands
    in the group of its siblings and is flagged, while different figures for different measures
    are left alone.
``part_whole``
    "X of Y", "X out of Y", "Y ..., of which X", and a count in the sentence after one that
    introduces a population ("N households were identified ... eliminated for M households"):
    the part must not exceed the whole.
``difference``
    "A, D above/below ... B": A - B must equal D (within the rounding of the stated digits).
``share``
    "N% of ...", "accounting for N%", a rate/share/proportion/coverage of N%: 0 <= N <= 100.
``change``
    "rose/fell from X (in year A) to Y (in year B)" with, where stated, the growth ("an increase of
    P%", "up P%", "by D yuan"): the direction and the stated growth must match X and Y.

Every row lists the claim ids, values and pages involved and a message that quotes the sentences,
so that a failure says exactly where the report disagrees with itself.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from extractor.ids import stable_id

KINDS = ("figure_group", "part_whole", "difference", "share", "change")
STATUSES = ("consistent", "conflict")

# --------------------------------------------------------------------------------------------
# numbers as written


_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER = re.compile(
    r"(?P<cur>US\$|\$|USD\s?|RMB\s?)?(?<![\w.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w,]\d)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion)\b)?"
    r"(?:\s?(?P<unit>%|percent\b|per cent\b|percentage points?\b|yuan\b|US dollars\b|dollars\b))?",
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass(frozen=True)
class Number:
    """A number as printed in a sentence: value, rounding step of the printed digits, unit hint."""

    value: float
    step: float  # the value of one unit in the last printed digit (rounding precision)
    unit: str  # "percent", "percentage_point", "CNY", "USD" or "" (from the text alone)
    start: int
    end: int
    text: str


def parse_number(m: re.Match[str]) -> Number:
    num = m.group("num")
    scale = _SCALES.get(m.group("scale") or "", 1.0)
    decimals = len(num.split(".")[1]) if "." in num else 0
    u = (m.group("unit") or "").lower()
    cur = (m.group("cur") or "").strip().upper()
    if u in ("%", "percent", "per cent"):
        unit = "percent"
    elif u.startswith("percentage point"):
        unit = "percentage_point"
    elif u == "yuan" or cur == "RMB":
        unit = "CNY"
    elif cur in ("$", "US$", "USD") or u in ("dollars", "us dollars"):
        unit = "USD"
    else:
        unit = ""
    return Number(float(num.replace(",", "")) * scale, 10.0 ** -decimals * scale, unit, m.start(), m.end(),
                  m.group(0).strip())


def numbers_in(text: str) -> list[Number]:
    """Quantities in ``text``; bare calendar years are left out."""
    out = []
    for m in _NUMBER.finditer(text):
        if _YEAR.match(m.group("num")) and not (m.group("unit") or m.group("scale") or m.group("cur")):
            continue
        out.append(parse_number(m))
    return out


def step_of(surface: str, value: float) -> float:
    """Rounding step of a claim's printed surface (``"5.34 million"`` -> 10,000)."""
    m = _NUMBER.search(surface or "")
    if m is None:
        return max(abs(value) * 1e-9, 1e-9)
    return parse_number(m).step


def fmt(value: float) -> str:
    """A value as it goes into ``consistency_checks.values``: plain, no exponent for sane sizes."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"


# --------------------------------------------------------------------------------------------
# context of a claim: the words that say what the number measures

_STOP = set("""
a an the and or of in on at to for from by with as is are was were be been being has have had that this these
those which who whom whose it its their there than then into over under above below about after before since
per each all any some more most less least such other also only very both not no nor but so while during
reached reach reaching exceeded exceed exceeding stood stand totaled totalled total amounted amount rose risen
increased increase fell decreased decline declined grew grown growth marking mark marked reflecting reflect
year years yuan percent million billion thousand trillion approximately nearly around almost about over
first second third quarter quarters half end
""".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]+")
_CLAUSE_BREAK = re.compile(r"[;:()]|,\s|\s[-–—]\s")


def _stem(word: str) -> str:
    w = word.lower()
    for suffix in ("ies", "es", "s"):
        if w.endswith(suffix) and len(w) > len(suffix) + 3:
            w = w[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) > len(suffix) + 3:
            w = w[: -len(suffix)]
            break
    return w


def content_words(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text or "") if w.lower() not in _STOP and len(w) > 2}


def clause_around(sentence: str, start: int, end: int) -> str:
    """The clause of ``sentence`` holding ``[start, end)``: cut at , ; : ( ) and dashes."""
    left = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, start):
        left = m.end()
    right_m = _CLAUSE_BREAK.search(sentence, end)
    right = right_m.start() if right_m else len(sentence)
    return sentence[left:right]


def _locate(sentence: str, surface: str, rank: int) -> tuple[int, int] | None:
    """Span of the ``rank``-th occurrence of ``surface`` in ``sentence``."""
    pos = -1
    for _ in range(rank + 1):
        pos = sentence.find(surface, pos + 1)
        if pos < 0:
            return None
    return pos, pos + len(surface)


_SUBPERIOD = re.compile(
    r"\b(first|second|third|fourth|last)\s+(?:(?:two|three)\s+)?(quarters?|half|months?)\b|\bQ[1-4]\b"
    r"|\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:to|through|-|–)",
    re.I)


@dataclass
class Claim:
    claim_id: str
    doc_id: str
    page: int | None
    section: str
    sentence_id: int | None
    sentence: str
    surface: str
    value: float
    unit: str
    year: int | None
    period: str
    change: str
    subject: str
    place: str
    char_start: int
    step: float
    span: tuple[int, int] | None  # where the surface stands in the sentence
    context: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[Any, ...]:
        return (self.doc_id, self.unit, self.year, self.period, self.change)

    def where(self) -> str:
        sec = f", {self.section}" if self.section else ""
        return f"p.{self.page}{sec}: \"{self.sentence}\""


def _s(v: Any) -> str:
    return "" if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA else str(v)


def _i(v: Any) -> int | None:
    try:
        return None if v is None or pd.isna(v) else int(v)
    except (TypeError, ValueError):
        return None


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_PART_OF_YEAR = re.compile(r"\b(?:first|second|third|fourth|last|final)\s+(?:(?:two|three)\s+)?(?:quarters?|half|"
                           r"months?)\b|\bq[1-4]\b|\bh[12]\b")


def canonical_period(period: str) -> str:
    """The part of the year a period names, so that wordings of one period compare equal.

    "as of the end of November 2024" and "as of November 2024" are both "november"; "as of the end
    of 2024" names no part of the year (the year itself is compared separately) and becomes "";
    "first three quarters of 2024" stays "first three quarters".
    """
    p = re.sub(r"\s+", " ", period.lower())
    months = [m for m in _MONTHS if re.search(rf"\b{m}\b", p)]
    parts = [m.group(0) for m in _PART_OF_YEAR.finditer(p)]
    return " ".join(parts + months)


def claims_from_table(claims: pd.DataFrame | Iterable[Mapping[str, Any]]) -> list[Claim]:
    """Typed claims with their context words and sub-year period, in text order."""
    rows = claims.to_dict("records") if isinstance(claims, pd.DataFrame) else [dict(r) for r in claims]
    rows = [r for r in rows if r.get("value") is not None and not pd.isna(r.get("value"))]
    rows.sort(key=lambda r: (_s(r.get("doc_id")), _i(r.get("char_start")) or 0, _s(r.get("claim_id"))))
    seen: dict[tuple[str, int | None, str], int] = {}
    out = []
    for r in rows:
        sentence, surface = _s(r.get("sentence")), _s(r.get("surface"))
        sid = _i(r.get("sentence_id"))
        k = (_s(r.get("doc_id")), sid, surface)
        rank = seen.get(k, 0)
        seen[k] = rank + 1
        span = _locate(sentence, surface, rank) if surface else None
        value = float(r["value"])
        period = _s(r.get("period")).lower()
        if not period and span:
            m = _SUBPERIOD.search(sentence[: span[0]])
            period = re.sub(r"\s+", " ", m.group(0).lower()) if m else ""
        period = canonical_period(period)
        clause = clause_around(sentence, *span) if span else ""
        c = Claim(
            claim_id=_s(r.get("claim_id")), doc_id=_s(r.get("doc_id")), page=_i(r.get("page")),
            section=_s(r.get("section")), sentence_id=sid, sentence=sentence, surface=surface, value=value,
            unit=_s(r.get("unit")).strip(), year=_i(r.get("year")), period=period,
            change=_s(r.get("change")).lower(), subject=_s(r.get("subject")), place=_s(r.get("place")),
            char_start=_i(r.get("char_start")) or 0, step=step_of(surface, value), span=span,
        )
        c.context = content_words(c.subject) | content_words(clause)
        out.append(c)
    return out


# --------------------------------------------------------------------------------------------
# figure groups


def _significant_digits(value: float) -> int:
    digits = f"{abs(value):.10g}".replace(".", "").replace("-", "").strip("0")
    return len(digits)


def _digits(c: Claim) -> str:
    m = _NUMBER.search(c.surface)
    return re.sub(r"\D", "", m.group("num")) if m else re.sub(r"\D", "", fmt(c.value))


def values_agree(values: Sequence[float], steps: Sequence[float] | None = None) -> bool:
    """Equal within the rounding of the printed digits (``5.34 million`` == ``5,340,000``)."""
    if not values:
        return True
    steps = list(steps) if steps is not None else [0.0] * len(values)
    lo = max(v - s / 2 for v, s in zip(values, steps))
    hi = min(v + s / 2 for v, s in zip(values, steps))
    return lo <= hi + 1e-9 * max(1.0, max(abs(v) for v in values))


def _typo_like(a: str, b: str) -> bool:
    """One digit changed, inserted or dropped, or two neighbours swapped."""
    if a == b:
        return True
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if abs(len(a) - len(b)) == 1:
        short, long_ = sorted((a, b), key=len)
        return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))
    return False


def _near(a: Claim, b: Claim) -> bool:
    if values_agree([a.value, b.value], [a.step, b.step]):
        return True
    if _typo_like(_digits(a), _digits(b)):
        return True
    return abs(a.value - b.value) <= 0.02 * max(abs(a.value), abs(b.value))


def _overlap(a: Claim, b: Claim) -> tuple[int, float]:
    shared = len(a.context & b.context)
    smaller = min(len(a.context), len(b.context)) or 1
    return shared, shared / smaller


def same_measure(a: Claim, b: Claim) -> bool:
    """Do two claims (in different sentences) state the same measure?"""
    if a.key != b.key or not a.unit or a.sentence_id == b.sentence_id:
        return False
    if a.place and b.place and a.place != b.place:
        return False
    shared, ratio = _overlap(a, b)
    if values_agree([a.value, b.value], [a.step, b.step]):
        distinctive = _significant_digits(a.value) >= 3 and _significant_digits(b.value) >= 3
        return shared >= 1 if distinctive else (shared >= 2 and ratio >= 0.5)
    # a different value: only a typo-like variant of a specific figure (three or more significant
    # digits) under a clearly matching description
    specific = _significant_digits(a.value) >= 3 and _significant_digits(b.value) >= 3
    return specific and _near(a, b) and shared >= 3 and ratio >= 0.5


def figure_groups(claims: Sequence[Claim]) -> list[list[Claim]]:
    """Connected groups (two or more claims) of claims stating the same measure."""
    parent = list(range(len(claims)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple[Any, ...], list[int]] = {}
    for i, c in enumerate(claims):
        buckets.setdefault(c.key, []).append(i)
    for idx in buckets.values():
        for x, i in enumerate(idx):
            for j in idx[x + 1:]:
                if same_measure(claims[i], claims[j]):
                    parent[find(i)] = find(j)
    groups: dict[int, list[Claim]] = {}
    for i, c in enumerate(claims):
        groups.setdefault(find(i), []).append(c)
    return [sorted(g, key=lambda c: c.char_start) for g in groups.values() if len(g) > 1]


def _describe(group: Sequence[Claim]) -> str:
    unit = group[0].unit
    bits = [unit]
    if group[0].year is not None:
        bits.append(str(group[0].year))
    if group[0].period:
        bits.append(group[0].period)
    words = sorted(set.intersection(*(c.context for c in group)))
    what = " ".join(words) if words else (group[0].subject or "figure")
    return f"'{what}' ({', '.join(bits)})"


def group_row(group: Sequence[Claim]) -> dict[str, Any]:
    ok = values_agree([c.value for c in group], [c.step for c in group])
    desc = _describe(group)
    if ok:
        msg = (f"{desc}: {group[0].surface} stated {len(group)} times, consistent: "
               + "; ".join(f"{c.surface} on {c.where()}" for c in group))
    else:
        counts: dict[str, int] = {}
        for c in group:
            counts[fmt(c.value)] = counts.get(fmt(c.value), 0) + 1
        top = max(counts.values())
        majority = [v for v, n in counts.items() if n == top]
        if len(majority) == 1:
            odd = [c for c in group if fmt(c.value) != majority[0]]
            rest = [c for c in group if fmt(c.value) == majority[0]]
            msg = (f"CONFLICT {desc}: " + "; ".join(f"{c.surface} on {c.where()}" for c in odd)
                   + f" -- but elsewhere the report says {rest[0].surface}: "
                   + "; ".join(f"{c.surface} on {c.where()}" for c in rest))
        else:
            msg = (f"CONFLICT {desc}: the report states different values for the same figure: "
                   + "; ".join(f"{c.surface} on {c.where()}" for c in group))
    return _row("figure_group", group, [c.value for c in group], ok, msg)


# --------------------------------------------------------------------------------------------
# relations stated in a sentence


def _row(kind: str, claims: Sequence[Claim], values: Sequence[float], ok: bool, message: str,
         doc_id: str | None = None) -> dict[str, Any]:
    ids = [c.claim_id for c in claims]
    doc = doc_id if doc_id is not None else claims[0].doc_id
    return {
        "check_id": stable_id("cc", doc, kind, *ids, *(fmt(v) for v in values)), "doc_id": doc, "kind": kind,
        "claim_ids": "|".join(ids), "values": "|".join(fmt(v) for v in values),
        "pages": "|".join(str(c.page) for c in claims), "status": "consistent" if ok else "conflict",
        "message": message,
    }


@dataclass
class _Sent:
    claims: list[Claim]
    text: str
    numbers: list[Number]
    matched: dict[int, Claim]  # index into numbers -> claim


def _sentences(claims: Sequence[Claim]) -> list[_Sent]:
    by_sent: dict[tuple[str, int], list[Claim]] = {}
    for c in claims:
        if c.sentence_id is not None:
            by_sent.setdefault((c.doc_id, c.sentence_id), []).append(c)
    out = []
    for key in sorted(by_sent):
        cs = by_sent[key]
        text = cs[0].sentence
        nums = numbers_in(text)
        matched: dict[int, Claim] = {}
        for i, n in enumerate(nums):
            best = None
            for c in cs:
                if c.span and c.span[0] <= n.start < c.span[1] + 1 and values_agree([c.value, n.value], [c.step, n.step]):
                    best = c
                    break
            if best is None:
                cands = [c for c in cs if values_agree([c.value, n.value], [c.step, n.step]) and c not in matched.values()]
                best = cands[0] if cands else None
            if best is not None:
                matched[i] = best
        out.append(_Sent(cs, text, nums, matched))
    return out


def _unit(s: _Sent, i: int) -> str:
    c = s.matched.get(i)
    return c.unit if c is not None and c.unit else s.numbers[i].unit


def _claims_for(s: _Sent, idx: Sequence[int]) -> list[Claim] | None:
    cs = [s.matched.get(i) for i in idx]
    return None if any(c is None for c in cs) else cs  # type: ignore[return-value]


def _between(s: _Sent, i: int, j: int) -> str:
    return s.text[s.numbers[i].end: s.numbers[j].start]


_UNIT_WORDS = r"(?:(?!above|below|than|over|under|average|more|less)[\w'\-]+\s){0,2}?"
_OF = re.compile(rf"^\s+{_UNIT_WORDS}(?:out\s+of|of)\s+(?:the\s+|these\s+|those\s+|its\s+|their\s+|all\s+|a\s+total\s+of\s+)?$", re.I)
_OF_WHICH = re.compile(r"(?:,|;)\s*(?:of\s+(?:which|whom|these|them)|among\s+(?:which|whom|them|these))\s+$", re.I)
_POOL = re.compile(r"\b(identified|registered|monitored|enrolled|covered|targeted|surveyed|assessed|listed|"
                   r"included|selected|recorded|counted)\b", re.I)
_ABOVE = re.compile(r"^\s*(?:[\w\-]+\s){0,2}?(above|higher\s+than|more\s+than|over|greater\s+than|exceeding|"
                    r"below|lower\s+than|less\s+than|under|short\s+of)\s+(?:[\w'\-]+\s){0,6}?$", re.I)
_FROM = re.compile(r"\bfrom\s+$", re.I)
_TO = re.compile(r"^(?:\s+in\s+(?:19|20)\d\d)?\s+(?:by\s+(?:[A-Z][a-z]+\s+)?(?:19|20)\d\d\s+)?to\s+$|^\s+to\s+$")
_UP = re.compile(r"\b(rose|risen|rise|rising|increased?|increasing|grew|grown|grow|growing|climbed|jumped|up|"
                 r"expanded|raised|raising|surged|doubled)\b", re.I)
_DOWN = re.compile(r"\b(fell|fall|falling|fallen|dropped|drop|dropping|declined?|declining|decreased?|decreasing|"
                   r"down|narrowed|narrowing|reduced|reducing|shrank|cut|lowered|slid)\b", re.I)
_GROWTH = re.compile(r"^\W*(?:(?:an?|with|marking|representing|reflecting|recording|up|down|rising|falling|"
                     r"increasing|decreasing|growing|nominal|year-on-year|a)\s+){0,4}"
                     r"(?:(?:increase|growth|rise|decrease|decline|drop|reduction)\s+of\s+|by\s+)?$", re.I)
_SHARE_BEFORE = re.compile(r"\b(accounting\s+for|accounted\s+for|accounts?\s+for|share|proportion|rate|ratio|"
                           r"coverage)\b(?:\s+[\w\-]+){0,5}\s+(?:of\s+|at\s+|to\s+|reached\s+|was\s+|is\s+|"
                           r"exceeding\s+|exceeded\s+|over\s+|above\s+|nearly\s+|about\s+|approximately\s+)*$", re.I)
_SHARE_AFTER = re.compile(r"^\s+of\b", re.I)
_CHANGE_WORD = re.compile(r"^\s*(?:[\w\-]+\s+){0,2}?(increase|increases|growth|rise|decrease|decline|drop|"
                          r"reduction|higher|lower|more|less|year-on-year|jump|gain|fall)\b", re.I)
_REAL = re.compile(r"\breal\b", re.I)


def part_whole_rows(sents: Sequence[_Sent]) -> list[dict[str, Any]]:
    rows = []
    for s in sents:
        for i in range(len(s.numbers) - 1):
            j = i + 1
            if _unit(s, i) in ("percent", "percentage_point") or _unit(s, j) in ("percent", "percentage_point"):
                continue
            gap = _between(s, i, j)
            cs = _claims_for(s, (i, j))
            if cs is None:
                continue
            if _OF.match(gap):
                part, whole = cs
            elif _OF_WHICH.search(gap) and _unit(s, i) == _unit(s, j):
                whole, part = cs
            else:
                continue
            rows.append(_part_whole_row(part, whole, "the text says"))
    # a population introduced in one sentence, acted on in the next one or two (same section)
    for a, s in enumerate(sents):
        if not _POOL.search(s.text):
            continue
        wholes = [c for c in s.claims if c.unit and c.unit not in ("percent", "percentage_point", "CNY", "USD")]
        for t in sents[a + 1: a + 3]:
            if t.claims[0].doc_id != s.claims[0].doc_id or t.claims[0].section != s.claims[0].section:
                break
            if t.claims[0].sentence_id is None or s.claims[0].sentence_id is None or \
                    t.claims[0].sentence_id - s.claims[0].sentence_id > 2 or _POOL.search(t.text):
                break
            for w in wholes:
                parts = [c for c in t.claims if c.unit == w.unit]
                if len(parts) == 1 and len([x for x in wholes if x.unit == w.unit]) == 1:
                    rows.append(_part_whole_row(parts[0], w, "a later sentence counts within the population introduced"))
    return rows


def _part_whole_row(part: Claim, whole: Claim, how: str) -> dict[str, Any]:
    ok = part.value <= whole.value + whole.step / 2 + part.step / 2
    verdict = "no larger than" if ok else "LARGER than"
    msg = (f"part {part.surface} ({part.unit}) is {verdict} its whole {whole.surface} ({how}): part on {part.where()}"
           + ("" if part.sentence_id == whole.sentence_id else f"; whole on {whole.where()}"))
    return _row("part_whole", [part, whole], [part.value, whole.value], ok, msg)


def difference_rows(sents: Sequence[_Sent]) -> list[dict[str, Any]]:
    rows = []
    for s in sents:
        for i in range(len(s.numbers) - 2):
            a, d, b = i, i + 1, i + 2
            if not re.fullmatch(r"\s*,\s*", _between(s, a, d)):
                continue
            m = _ABOVE.match(_between(s, d, b))
            if not m or len({_unit(s, a), _unit(s, d), _unit(s, b)}) != 1:
                continue
            cs = _claims_for(s, (a, d, b))
            if cs is None:
                continue
            ca, cd, cb = cs
            sign = 1 if m.group(1).lower().split()[0] in ("above", "higher", "more", "over", "greater", "exceeding") else -1
            diff = sign * (ca.value - cb.value)
            tol = (ca.step + cb.step + cd.step) / 2
            ok = abs(diff - cd.value) <= tol + 1e-9 * abs(cd.value)
            word = m.group(1).lower()
            msg = (f"{ca.surface} is stated to be {cd.surface} {word} {cb.surface}; the difference is {fmt(diff)} "
                   f"({'matches' if ok else 'DOES NOT match'}) on {ca.where()}")
            rows.append(_row("difference", [ca, cd, cb], [ca.value, cd.value, cb.value], ok, msg))
    return rows


def share_rows(sents: Sequence[_Sent]) -> list[dict[str, Any]]:
    rows = []
    for s in sents:
        for i, n in enumerate(s.numbers):
            if _unit(s, i) != "percent":
                continue
            before, after = s.text[: n.start], s.text[n.end:]
            if _CHANGE_WORD.match(after) or re.search(r"\b(by|up|down|of)\s+$", before) and \
                    re.search(r"\b(increase|growth|rise|decrease|decline|reduction|drop|grew|rose|fell)\w*\s+(?:by|of)\s+$", before):
                continue
            if not (_SHARE_AFTER.match(after) or _SHARE_BEFORE.search(before[-80:])):
                continue
            c = s.matched.get(i)
            if c is None:
                continue
            ok = 0.0 <= c.value <= 100.0
            msg = (f"share {c.surface} is {'within' if ok else 'OUTSIDE'} 0-100 percent on {c.where()}")
            rows.append(_row("share", [c], [c.value], ok, msg))
    return rows


def _growth_interval(x: Claim, y: Claim) -> tuple[float, float]:
    lo_x, hi_x = x.value - x.step / 2, x.value + x.step / 2
    lo_y, hi_y = y.value - y.step / 2, y.value + y.step / 2
    if lo_x <= 0:
        return -math.inf, math.inf
    cands = [(yy - xx) / xx * 100 for xx in (lo_x, hi_x) for yy in (lo_y, hi_y)]
    return min(cands), max(cands)


def change_rows(sents: Sequence[_Sent]) -> list[dict[str, Any]]:
    rows = []
    for s in sents:
        for i in range(len(s.numbers) - 1):
            j = i + 1
            n1 = s.numbers[i]
            if not _FROM.search(s.text[max(0, n1.start - 12): n1.start]) or not _TO.match(_between(s, i, j)):
                continue
            if _unit(s, i) != _unit(s, j):
                continue
            cs = _claims_for(s, (i, j))
            if cs is None:
                continue
            x, y = cs
            verb_zone = s.text[max(0, n1.start - 60): n1.start]
            up, down = _UP.search(verb_zone), _DOWN.search(verb_zone)
            involved, values, problems, notes = [x, y], [x.value, y.value], [], []
            if up and not down:
                notes.append("direction: up")
                if y.value < x.value:
                    problems.append(f"the text says it rose, but {y.surface} < {x.surface}")
            elif down and not up:
                notes.append("direction: down")
                if y.value > x.value:
                    problems.append(f"the text says it fell, but {y.surface} > {x.surface}")
            # a stated growth right after the pair
            k = j + 1
            if k < len(s.numbers) and _GROWTH.match(_between(s, j, k)) and not _REAL.search(_between(s, j, k)):
                g = s.matched.get(k)
                unit_g = _unit(s, k)
                if g is not None and unit_g == "percent" and x.unit not in ("percent",):
                    lo, hi = _growth_interval(x, y)
                    signed = g.value if not _DOWN.search(_between(s, j, k)) else -g.value
                    if y.value < x.value and signed > 0 and _DOWN.search(_between(s, j, k)) is None and \
                            not _UP.search(_between(s, j, k)):
                        signed = -g.value if abs(-g.value - (lo + hi) / 2) < abs(g.value - (lo + hi) / 2) else g.value
                    gl, gh = signed - g.step / 2, signed + g.step / 2
                    ok_g = gl <= hi + 1e-9 and lo - 1e-9 <= gh
                    notes.append(f"stated growth {g.surface}, computed {lo:.2f}..{hi:.2f}%")
                    if not ok_g:
                        problems.append(f"stated growth {g.surface} does not match {x.surface} -> {y.surface} "
                                        f"({(y.value - x.value) / x.value * 100:.2f}%)")
                    involved.append(g)
                    values.append(g.value)
                elif g is not None and (unit_g == x.unit or (unit_g == "percentage_point" and x.unit == "percent")):
                    stated = abs(g.value)
                    ok_d = abs(abs(y.value - x.value) - stated) <= (x.step + y.step + g.step) / 2 + 1e-9 * stated
                    notes.append(f"stated change {g.surface}")
                    if not ok_d:
                        problems.append(f"stated change {g.surface} does not match {x.surface} -> {y.surface} "
                                        f"(difference {fmt(abs(y.value - x.value))})")
                    involved.append(g)
                    values.append(g.value)
            if len(notes) == 0:
                continue  # nothing the text states that could be checked
            ok = not problems
            msg = (f"change from {x.surface} to {y.surface} ({'; '.join(notes)}): "
                   + ("consistent" if ok else "; ".join(problems)) + f" on {x.where()}")
            rows.append(_row("change", involved, values, ok, msg))
    return rows


# --------------------------------------------------------------------------------------------
# entry points


def check_consistency(claims: pd.DataFrame | Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows of the ``consistency_checks`` table for the given claims (any number of documents)."""
    typed = claims_from_table(claims)
    rows: list[dict[str, Any]] = []
    by_doc: dict[str, list[Claim]] = {}
    for c in typed:
        by_doc.setdefault(c.doc_id, []).append(c)
    for doc_id in sorted(by_doc):
        doc_claims = by_doc[doc_id]
        rows.extend(group_row(g) for g in figure_groups(doc_claims))
        sents = _sentences(doc_claims)
        rows.extend(part_whole_rows(sents))
        rows.extend(difference_rows(sents))
        rows.extend(share_rows(sents))
        rows.extend(change_rows(sents))
    unique: dict[str, dict[str, Any]] = {}
    for r in rows:
        unique.setdefault(r["check_id"], r)
    return sorted(unique.values(), key=lambda r: (r["doc_id"], r["kind"], r["check_id"]))


def consistency_frame(claims: pd.DataFrame) -> pd.DataFrame:
    """The ``consistency_checks`` table, typed and sorted like every other table."""
    from extractor.tables import sort_frame, to_frame

    return sort_frame("consistency_checks", to_frame("consistency_checks", check_consistency(claims)))


def relation_holds(kind: str, values: str) -> bool:
    """Re-check a ``consistency_checks`` row from its ``values`` alone (used by the GE expectation).

    ``status`` already holds the verdict with the printed precision taken into account; this
    re-derives the bounds that need no precision, independently of ``status``: values of a group
    within 1 % of each other, a part no larger than its whole, a share within 0-100.
    """
    try:
        vals = [float(v) for v in str(values).split("|") if v != ""]
    except ValueError:
        return False
    if kind == "figure_group":  # the printed precision is folded into status; here a 1 % bound
        return len(vals) >= 2 and max(vals) - min(vals) <= 0.01 * max(abs(v) for v in vals)
    if kind == "part_whole":
        return len(vals) == 2 and vals[0] <= vals[1]
    if kind == "share":
        return len(vals) == 1 and 0.0 <= vals[0] <= 100.0
    return True
