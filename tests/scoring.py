"""Accuracy measures for the tests, written from gold/SPEC.md (matching rules of the yardstick).

A claim matches a gold row when the values are equal and the gold anchor lies inside the
predicted sentence; a citation when the marker is the same, the gold anchor lies in the cited
sentence and the gold note start in the note text; a place when the name equals the gold name
or one of its aliases.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

_QUOTES = str.maketrans({c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u00b4`\u201c\u201d\u201e\u201f\u2033\""})
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_MARKERS = re.compile(r"\^?[\u2460-\u2473]")


def norm(text: object) -> str:
    t = unicodedata.normalize("NFKC", "" if text is None else str(text))
    t = _DASHES.sub("-", t.translate(_QUOTES))
    t = _MARKERS.sub(" ", t).replace("^", " ")
    return re.sub(r"\s+", " ", t).strip().lower()


def same_value(a: object, b: object) -> bool:
    try:
        x, y = float(str(a).replace(",", "")), float(str(b).replace(",", ""))
    except (TypeError, ValueError):
        return False
    return abs(x - y) <= 1e-6 * max(1.0, abs(y))


def match_claims(pred: Iterable[Mapping], gold: Iterable[Mapping]) -> tuple[list[tuple[Mapping, Mapping]], list[Mapping], list[Mapping]]:
    """(matched pairs, missed gold rows, spurious predictions)."""
    preds = [(p, norm(p.get("sentence"))) for p in pred]
    used: set[int] = set()
    pairs, missed = [], []
    for g in gold:
        anchor = norm(g["anchor"])
        hit = next((i for i, (p, s) in enumerate(preds) if i not in used and same_value(p.get("value"), g["value"])
                    and anchor in s), None)
        if hit is None:
            missed.append(g)
        else:
            used.add(hit)
            pairs.append((g, preds[hit][0]))
    return pairs, missed, [p for i, (p, _) in enumerate(preds) if i not in used]


def norm_place(name: object) -> str:
    """A place name as the yardstick compares it: normalised, without a leading "the"."""
    n = norm(name)
    return n[4:] if n.startswith("the ") else n


def place_f1(pred: Iterable[Mapping], gold: Iterable[Mapping]) -> tuple[float, float, float]:
    """(precision, recall, F1) of places: a predicted name matches a gold row when it equals the
    gold name or one of its aliases (score.py's rule: each distinct predicted name counts once)."""
    gold = list(gold)
    names = {norm_place(p.get("name")) for p in pred}
    alias_of = {}
    for i, g in enumerate(gold):
        for a in [g.get("name", "")] + (g.get("aliases") or "").split("|"):
            if a.strip():
                alias_of[norm_place(a)] = i
    found = {alias_of[n] for n in names if n in alias_of}
    p = sum(1 for n in names if n in alias_of) / len(names) if names else 0.0
    r = len(found) / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
