"""Consistency: does a report contradict itself?

Pure functions over the ``claims`` table (read as :class:`~extractor.validate.figures.Figure`s; no
Great Expectations, no Prefect, no second number parser). They give the rows of the
``consistency_checks`` table, one per *figure group* and one per *relation the text states*:

``figure_group``
    The same figure stated in different sentences: same unit, reference year and period, change,
    place and subject (head noun and modifiers, see :func:`same_figure`). Different values are the
    same figure only when their subjects' keys are equal *and* the values look like one figure
    mistyped (one digit changed, two swapped, or within 2 %). A group holds when some value lies
    within every figure's bounds: its printed precision and what its qualifier allows ("about
    17,500" and "17,522" agree).
``part_whole``
    "X of Y", "X out of Y", "Y, of which X": the part must not exceed the whole.
``difference``
    "A, D above/below ... B": A - B must equal D (within the printed precision).
``share``
    "N% of ...", "accounting for N%": 0 <= N <= 100; and the shares of one whole named in one
    sentence ("A accounted for 40%, B for 35% and C for 30%") do not add up to more than 100 %.
``change``
    "from X (in 2020) to Y (in 2023)", with, where stated, the direction ("rose", "fell") and the
    change ("an increase of 60%", "up 5 percentage points", "by D"): they must match X and Y.

Every row lists the claim ids, values and pages involved and a message quoting the sentences.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from typing import Any

import pandas as pd

from extractor.ids import stable_id
from extractor.registry import lexicon
from extractor.validate.figures import RATE_UNITS, Figure, agree, figures_from_claims, fmt

KINDS = ("figure_group", "part_whole", "difference", "share", "change")
STATUSES = ("consistent", "conflict")
#: Two different values are one figure mistyped when within this fraction of each other.
NEAR = 0.02

# ------------------------------------------------------------------------------- figure groups


def _significant_digits(value: float) -> int:
    return len(f"{abs(value):.10g}".replace(".", "").replace("-", "").strip("0"))


def _digits(f: Figure) -> str:
    return re.sub(r"\D", "", f.surface) or re.sub(r"\D", "", fmt(f.value))


def _typo_like(a: str, b: str) -> bool:
    """One digit changed, inserted or dropped, or two neighbours swapped."""
    if a == b:
        return True
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    if abs(len(a) - len(b)) == 1:
        short, long_ = sorted((a, b), key=len)
        return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))
    return False


def _comparable(a: Figure, b: Figure) -> bool:
    """Same unit, reference year and period, change and place; different sentences."""
    return (a.unit == b.unit and a.when == b.when and a.change == b.change and a.sentence_id != b.sentence_id
            and not (a.place and b.place and a.place != b.place))


def _printed_agree(a: Figure, b: Figure) -> bool:
    """Equal within their printed precision (qualifiers aside: "over 1,400" is not 110,000): a
    printed 54 stands for [53.5, 54.5), so 54 and 55 do not agree."""
    return a.value == b.value or abs(a.value - b.value) < (a.step + b.step) / 2


def same_figure(a: Figure, b: Figure) -> bool:
    """Do two figures of one report state the same figure?

    Equal values (within their printed precision): a specific value (three significant digits)
    when the subjects have one head or the value is printed alike; a round value ("2", "40%") only
    when the subjects have one head and share a modifier. Different values only when the subjects'
    keys are equal, name more than a bare noun, and the values look like one figure mistyped."""
    if not _comparable(a, b) or not a.subject or not b.subject:
        return False
    specific = _significant_digits(a.value) >= 3 and _significant_digits(b.value) >= 3
    if _printed_agree(a, b):
        if specific:
            return a.subject.head == b.subject.head or a.value == b.value
        return a.subject.head == b.subject.head and bool(a.subject.modifiers & b.subject.modifiers)
    mistyped = _typo_like(_digits(a), _digits(b)) or abs(a.value - b.value) <= NEAR * max(abs(a.value), abs(b.value))
    # a bare counted noun ("108 respondents", "107 respondents") names no one figure
    return specific and a.subject == b.subject and bool(a.subject.modifiers) and mistyped


def figure_groups(figures: Sequence[Figure]) -> list[list[Figure]]:
    """Connected groups (two or more) of figures that state the same figure, in text order."""
    parent = list(range(len(figures)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple[Any, ...], list[int]] = {}
    for i, f in enumerate(figures):
        buckets.setdefault((f.doc_id, f.unit, f.when, f.change), []).append(i)
    for members in buckets.values():
        for i, j in combinations(members, 2):
            if same_figure(figures[i], figures[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[Figure]] = {}
    for i, f in enumerate(figures):
        groups.setdefault(find(i), []).append(f)
    return [sorted(g, key=lambda f: f.char_start) for g in groups.values() if len(g) > 1]


def describe(group: Sequence[Figure]) -> str:
    """"'per capita disposable income of rural residents' (CNY, 2024)": what a group states, in the
    words of its shortest subject."""
    first = group[0]
    subject = min((f.subject_text for f in group if f.subject_text), key=len, default="figure")
    bits = [first.unit, *([str(first.year)] if first.year is not None else []), *([first.period] if first.period else [])]
    return f"'{subject}' ({', '.join(bits)})"


def group_row(group: Sequence[Figure]) -> dict[str, Any]:
    ok = agree(group)
    what = describe(group)
    stated = "; ".join(f"{f.surface} on {f.where()}" for f in group)
    if ok:
        message = f"{what}: {group[0].surface} stated {len(group)} times, consistent: {stated}"
    else:
        counts: dict[str, int] = {}
        for f in group:
            counts[fmt(f.value)] = counts.get(fmt(f.value), 0) + 1
        top = max(counts.values())
        majority = [v for v, n in counts.items() if n == top]
        if len(majority) == 1:
            odd = [f for f in group if fmt(f.value) != majority[0]]
            rest = [f for f in group if fmt(f.value) == majority[0]]
            message = (f"CONFLICT {what}: " + "; ".join(f"{f.surface} on {f.where()}" for f in odd)
                       + f" -- but elsewhere the report says {rest[0].surface}: "
                       + "; ".join(f"{f.surface} on {f.where()}" for f in rest))
        else:
            message = f"CONFLICT {what}: the report states different values for the same figure: {stated}"
    return row("figure_group", group, [f.value for f in group], ok, message)


def row(kind: str, figures: Sequence[Figure], values: Sequence[float], ok: bool, message: str) -> dict[str, Any]:
    """One ``consistency_checks`` row."""
    ids = [f.claim_id for f in figures]
    doc = figures[0].doc_id
    return {
        "check_id": stable_id("cc", doc, kind, *ids, *(fmt(v) for v in values)), "doc_id": doc, "kind": kind,
        "claim_ids": "|".join(ids), "values": "|".join(fmt(v) for v in values),
        "pages": "|".join(str(f.page) for f in figures), "status": "consistent" if ok else "conflict",
        "message": message,
    }


# ------------------------------------------------------------------------ relations in a sentence

def _alternatives(phrases: Iterable[str]) -> str:
    """A regex alternation of ``phrases`` (longest first), any white space between their words."""
    return "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(phrases, key=len, reverse=True))


#: A few words of a unit between a number and "of": "909 (of the) households of" is not one.
_UNIT_WORDS = r"(?:(?!above|below|than|over|under|average|more|less)[\w'\-]+\s){0,2}?"
_OF = re.compile(rf"^\s+{_UNIT_WORDS}(?:out\s+of|of)\s+(?:the\s+|these\s+|those\s+|its\s+|their\s+|all\s+|"
                 r"a\s+total\s+of\s+)?$", re.I)
_OF_WHICH = re.compile(r"[,;]\s*(?:[\w\-]+\s+){0,2}?(?:of\s+(?:which|whom|these|them)|among\s+(?:which|whom|them|these))"
                       r"\s+(?:[\w\-]+\s+){0,2}?$", re.I)
_ABOVE = re.compile(r"^\s*(?:[\w\-]+\s){0,2}?(above|higher\s+than|more\s+than|over|greater\s+than|exceeding|"
                    r"below|lower\s+than|less\s+than|under|short\s+of)\s+(?:[\w'\-]+\s){0,6}?$", re.I)
_FROM = re.compile(r"\bfrom\s+(?:an?\s+|the\s+)?$", re.I)
#: Between the two figures of "from X to Y": at most a year or date ("in 2020", "in FY2020", "at
#: the end of 2019"), then "to".
_TO = re.compile(r"^\s*(?:\([^)]{0,30}\)\s*)?(?:,?\s*(?:in|at|by|as\s+of)\s+(?:the\s+end\s+of\s+)?(?:[A-Za-z]+\.?\s+)?"
                 r"(?:FY\s?)?\d{2,4}(?:[-/–]\d{2,4})?\s*,?)?\s+to\s+(?:an?\s+|the\s+)?$", re.I)
#: The words of growth and decline are the claims' (claim_words.toml), and "up"/"down": "up 5%".
_CHANGE_WORDS = lexicon("claim_words")["change"]
_UP = re.compile(rf"\b(?:{_alternatives([*_CHANGE_WORDS['up'], 'up'])})\b", re.I)
_DOWN = re.compile(rf"\b(?:{_alternatives([*_CHANGE_WORDS['down'], 'down'])})\b", re.I)
#: Between Y and a stated change: a year at most, then "an increase of", "up", "a 60% rise".
_STATED_CHANGE = re.compile(r"^\s*(?:(?:in|by)\s+(?:[A-Za-z]+\.?\s+)?(?:FY\s?)?\d{4}(?:[-/–]\d{2,4})?\s*)?[,;(]?\s*"
                            r"(?:(?:an?|with|marking|representing|reflecting|recording|up|down|rising|falling|"
                            r"increasing|decreasing|growing|nominal|year-on-year|or|which\s+is|that\s+is|i\.e\.)\s+){0,4}"
                            r"(?:(?:increase|growth|rise|decrease|decline|drop|reduction|change|gain|fall|jump)\s+"
                            r"of\s+|by\s+)?$", re.I)
_REAL = re.compile(r"\breal\b", re.I)
_SHARES = lexicon("consistency")["shares"]


_SHARE_VERB = re.compile(rf"\b(?:{_alternatives(_SHARES['verbs'])})\b", re.I)
_SHARE_BEFORE = re.compile(rf"\b(?:{_alternatives(_SHARES['verbs'] + _SHARES['nouns'])})\b(?:\s+[\w\-]+){{0,5}}\s+"
                           r"(?:of\s+|at\s+|to\s+|reached\s+|was\s+|is\s+|exceeding\s+|exceeded\s+|over\s+|above\s+|"
                           r"nearly\s+|about\s+|approximately\s+|for\s+)*$", re.I)
_SHARE_AFTER = re.compile(r"^\s+of\b", re.I)
#: "was set at 115.9 percent": a decided parameter, which may exceed the whole it is reckoned against
_PARAMETER_BEFORE = re.compile(rf"\b(?:{_alternatives(_SHARES['parameter_verbs'])})\s+(?:at|to)\s+$", re.I)
#: What a share is a share of: "of exports" in "40% of exports".
#: What a share is a share of: "of exports" in "40% of exports", up to the end of its clause.
_WHOLE_AFTER = re.compile(r"^\s+of\s+(?:the\s+|its\s+|their\s+|total\s+|all\s+)*((?:(?!and\b|or\b|while\b|but\b)"
                          r"[^\W\d][\w\-']*\s*){1,8})", re.I)
_REFERENCE_WHOLES = frozenset(_SHARES["reference_wholes"])
_CHANGE_AFTER = re.compile(
    rf"^\s*(?:[\w\-]+\s+){{0,2}}?(?:{_alternatives([*_CHANGE_WORDS['nouns_up'], *_CHANGE_WORDS['nouns_down'], *lexicon('consistency')['changes']['nouns']])})\b",
    re.I)
_CHANGE_BEFORE = re.compile(r"\b(increase|growth|rise|decrease|decline|reduction|drop|grew|rose|fell|up|down|by)"
                            r"\w*\s+(?:(?:by|of)\s+)?(?:[\w\-]+\s+){0,2}$", re.I)


def sentences(figures: Sequence[Figure]) -> list[list[Figure]]:
    """The figures of each sentence that can be found in it, in the order they stand there."""
    by_sentence: dict[tuple[str, int], list[Figure]] = {}
    for f in figures:
        if f.sentence_id is not None and f.span is not None:
            by_sentence.setdefault((f.doc_id, f.sentence_id), []).append(f)
    return [sorted(fs, key=lambda f: f.span or (0, 0)) for _, fs in sorted(by_sentence.items())]


def between(a: Figure, b: Figure) -> str:
    """The text of their sentence between two figures (empty if they overlap)."""
    assert a.span is not None and b.span is not None
    return a.sentence[a.span[1]:b.span[0]]


def before(f: Figure, width: int = 80) -> str:
    assert f.span is not None
    return f.sentence[max(0, f.span[0] - width):f.span[0]]


def after(f: Figure) -> str:
    assert f.span is not None
    return f.sentence[f.span[1]:]


def part_whole_rows(sents: Sequence[list[Figure]]) -> list[dict[str, Any]]:
    rows = []
    for fs in sents:
        for a, b in zip(fs, fs[1:]):
            if a.unit != b.unit or a.unit in RATE_UNITS:
                continue
            gap = between(a, b)
            if _OF.match(gap):
                part, whole = a, b
            elif _OF_WHICH.search(gap):
                whole, part = a, b
            else:
                continue
            ok = part.bounds[0] <= whole.bounds[1]
            verdict = "no larger than" if ok else "LARGER than"
            rows.append(row("part_whole", [part, whole], [part.value, whole.value], ok,
                            f"part {part.surface} ({part.unit}) is {verdict} its whole {whole.surface}: "
                            f"on {part.where()}"))
    return rows


def difference_rows(sents: Sequence[list[Figure]]) -> list[dict[str, Any]]:
    rows = []
    for fs in sents:
        for a, d, b in zip(fs, fs[1:], fs[2:]):
            if not re.fullmatch(r"\s*,\s*", between(a, d)) or len({a.unit, d.unit, b.unit}) != 1:
                continue
            m = _ABOVE.match(between(d, b))
            if m is None:
                continue
            word = re.sub(r"\s+", " ", m.group(1).lower())
            sign = 1 if word.split()[0] in ("above", "higher", "more", "over", "greater", "exceeding") else -1
            diff = sign * (a.value - b.value)
            ok = abs(diff - d.value) <= (a.step + b.step + d.step) / 2 + 1e-9 * abs(d.value)
            rows.append(row("difference", [a, d, b], [a.value, d.value, b.value], ok,
                            f"{a.surface} is stated to be {d.surface} {word} {b.surface}; the difference is "
                            f"{fmt(diff)} ({'matches' if ok else 'DOES NOT match'}) on {a.where()}"))
    return rows


def _is_share(f: Figure) -> bool:
    """A percentage that is a share of a whole ("43% of households", "accounting for 12%"), not a
    change, nor a comparison with a reference it may exceed ("158 per cent of the average")."""
    if f.unit != "percent" or f.change:
        return False
    if _CHANGE_AFTER.match(after(f)) or _CHANGE_BEFORE.search(before(f, 40)):
        return False
    if _PARAMETER_BEFORE.search(before(f, 30)):
        return False  # "this proportion was set at 115.9 percent": a rate decided, not a share measured
    whole = _WHOLE_AFTER.match(after(f))
    if whole is not None and _REFERENCE_WHOLES & set(whole.group(1).lower().split()[:2]):
        return False
    if whole is None and re.search(r"\ban?\s+$", before(f, 4), re.I):
        return False  # "a 191 per cent depreciation": the percentage modifies a noun, it is no share
    return bool(_SHARE_AFTER.match(after(f)) or _SHARE_BEFORE.search(before(f)))


def share_rows(sents: Sequence[list[Figure]]) -> list[dict[str, Any]]:
    rows = []
    for fs in sents:
        shares = [f for f in fs if _is_share(f)]
        for f in shares:
            ok = f.bounds[0] <= 100.0 and f.bounds[1] >= 0.0
            rows.append(row("share", [f], [f.value], ok,
                            f"share {f.surface} is {'within' if ok else 'OUTSIDE'} 0-100 percent on {f.where()}"))
        rows.extend(_shares_of_one_whole(fs, shares))
    return rows


def _shares_of_one_whole(fs: Sequence[Figure], shares: Sequence[Figure]) -> list[dict[str, Any]]:
    """Shares listed under one share verb ("A accounted for 40%, B for 35% and C for 30%"), of the
    same whole (the "of ..." after each is the same, or only the last names one): their sum."""
    listed = [f for f in shares if f.qualifier in ("exact", "approximate", "under", "at_most")]
    if len(listed) < 2 or not _SHARE_VERB.search(before(listed[0])):
        return []
    if any(_SHARE_VERB.search(between(a, b)) or re.search(r"[;.:]", between(a, b)) for a, b in zip(listed, listed[1:])):
        return []
    named = {" ".join(m.group(1).lower().split()) for f in listed if (m := _WHOLE_AFTER.match(after(f)))}
    if len(named) > 1:
        return []  # "96 percent of the energy used in transport and 17 percent of the energy used to ..."
    total = sum(f.value for f in listed)
    low = sum(f.bounds[0] for f in listed)
    ok = low <= 100.0 + 1e-9
    return [row("share", listed, [f.value for f in listed], ok,
                f"shares {', '.join(f.surface for f in listed)} of one whole add up to {fmt(round(total, 6))} percent"
                f" ({'no more than' if ok else 'MORE than'} 100) on {listed[0].where()}")]


def _growth_interval(x: Figure, y: Figure) -> tuple[float, float]:
    """The percentage changes from X to Y that their printed precision allows."""
    lo_x, hi_x = x.value - x.step / 2, x.value + x.step / 2
    if lo_x <= 0:
        return -math.inf, math.inf
    candidates = [(yy - xx) / xx * 100 for xx in (lo_x, hi_x) for yy in (y.value - y.step / 2, y.value + y.step / 2)]
    return min(candidates), max(candidates)


def change_rows(sents: Sequence[list[Figure]]) -> list[dict[str, Any]]:
    rows = []
    for fs in sents:
        for n, (x, y) in enumerate(zip(fs, fs[1:])):
            if x.unit != y.unit or not _FROM.search(before(x, 12)) or not _TO.match(between(x, y)):
                continue
            # the verb that governs X: no other number stands between it and X
            verbs = re.split(r"\d", before(x, 60))[-1]
            up, down = _UP.search(verbs), _DOWN.search(verbs)
            involved, values, problems, notes = [x, y], [x.value, y.value], [], []
            if up and not down:
                notes.append("direction: up")
                if y.bounds[1] < x.bounds[0]:
                    problems.append(f"the text says it rose, but {y.surface} < {x.surface}")
            elif down and not up:
                notes.append("direction: down")
                if y.bounds[0] > x.bounds[1]:
                    problems.append(f"the text says it fell, but {y.surface} > {x.surface}")
            g = fs[n + 2] if n + 2 < len(fs) else None
            if g is not None and _STATED_CHANGE.match(between(y, g)) and not _REAL.search(between(y, g)):
                if g.unit == "percent" and x.unit != "percent":
                    lo, hi = _growth_interval(x, y)
                    falling = bool(_DOWN.search(between(y, g))) or (y.value < x.value and not _UP.search(between(y, g)))
                    signed = -abs(g.value) if falling else g.value
                    ok_g = signed - g.step / 2 <= hi + 1e-9 and lo - 1e-9 <= signed + g.step / 2
                    notes.append(f"stated change {g.surface}, computed {lo:.2f}..{hi:.2f}%")
                    if not ok_g:
                        problems.append(f"stated change {g.surface} does not match {x.surface} -> {y.surface} "
                                        f"({(y.value - x.value) / x.value * 100:.2f}%)")
                    involved.append(g)
                    values.append(g.value)
                elif g.unit == x.unit or (g.unit == "percentage_point" and x.unit == "percent"):
                    ok_d = abs(abs(y.value - x.value) - abs(g.value)) <= (x.step + y.step + g.step) / 2 \
                        + 1e-9 * abs(g.value)
                    notes.append(f"stated change {g.surface}")
                    if not ok_d:
                        problems.append(f"stated change {g.surface} does not match {x.surface} -> {y.surface} "
                                        f"(difference {fmt(abs(y.value - x.value))})")
                    involved.append(g)
                    values.append(g.value)
            if not notes:
                continue  # nothing the text states that could be checked
            ok = not problems
            rows.append(row("change", involved, values, ok,
                            f"change from {x.surface} to {y.surface} ({'; '.join(notes)}): "
                            + ("consistent" if ok else "; ".join(problems)) + f" on {x.where()}"))
    return rows


# ----------------------------------------------------------------------------------- entry points


def check_consistency(claims: pd.DataFrame | Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows of the ``consistency_checks`` table for the given claims (any number of documents)."""
    by_doc: dict[str, list[Figure]] = {}
    for f in figures_from_claims(claims):
        by_doc.setdefault(f.doc_id, []).append(f)
    rows: list[dict[str, Any]] = []
    for doc_id in sorted(by_doc):
        figures = by_doc[doc_id]
        rows.extend(group_row(g) for g in figure_groups(figures))
        sents = sentences(figures)
        for check in (part_whole_rows, difference_rows, share_rows, change_rows):
            rows.extend(check(sents))
    unique: dict[str, dict[str, Any]] = {}
    for r in rows:
        unique.setdefault(r["check_id"], r)
    return sorted(unique.values(), key=lambda r: (r["doc_id"], r["kind"], r["check_id"]))


def consistency_frame(claims: pd.DataFrame) -> pd.DataFrame:
    """The ``consistency_checks`` table, typed and sorted like every other table."""
    from extractor.tables import sort_frame, to_frame

    return sort_frame("consistency_checks", to_frame("consistency_checks", check_consistency(claims)))


def relation_holds(kind: str, values: str) -> bool:
    """Re-check a ``consistency_checks`` row from its ``values`` alone (used by the GX expectation).

    ``status`` holds the verdict with the printed precision and qualifiers taken into account; this
    re-derives the bounds that need neither, independently of ``status``: a part no larger than its
    whole, shares within 0-100 and not above 100 together.
    """
    try:
        vals = [float(v) for v in str(values).split("|") if v != ""]
    except ValueError:
        return False
    if not all(math.isfinite(v) for v in vals):
        return False
    if kind == "figure_group":  # qualifiers ("more than") let values differ: status holds the verdict
        return len(vals) >= 2
    if kind == "part_whole":
        return len(vals) == 2 and vals[0] <= vals[1]
    if kind == "share":
        return bool(vals) and all(0.0 <= v <= 100.0 for v in vals) and (len(vals) == 1 or sum(vals) <= 100.5)
    return True
