"""Across the reports of a batch: the same figure stated by two reports must agree.

Downstream teams read one table built from many publishers; when two reports quote one statistic
(the same subject, unit, reference year and period), a difference is either a revision, a
different source, or an error, and a reader must see it. Pure functions over the combined
``claims`` table; they give the rows of the ``cross_report_checks`` table, one per group of
figures from two or more reports:

* figures are the same statistic when their unit, reference year (which must be stated), period,
  change and place agree, and their subjects' keys (head noun and modifier lemmas, at least
  one modifier: a noun alone names no statistic) are equal;
* a group holds when some value lies within every figure's bounds (printed precision, qualifier).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from extractor.ids import stable_id
from extractor.validate.figures import Figure, agree, figures_from_claims, fmt


def _statistic(f: Figure) -> tuple[Any, ...] | None:
    """What makes two figures the same statistic, or None when a figure is too vague to compare
    across reports: no reference year, or a subject of one noun alone ("points", "schools",
    "income"), which names no statistic that two publishers could both be quoting (a score of
    2.5 points in one report and of 6 points in another measure different things)."""
    if not f.subject or not f.subject.modifiers or f.year is None:
        return None
    return f.unit, f.year, f.period, f.change, f.place, f.subject


def cross_report_groups(figures: Sequence[Figure]) -> list[list[Figure]]:
    """Groups of figures of one statistic stated by two or more reports (one figure per report
    and value: a report that states it twice alike counts once)."""
    by_statistic: dict[tuple[Any, ...], dict[tuple[str, str], Figure]] = {}
    for f in figures:
        key = _statistic(f)
        if key is not None:
            by_statistic.setdefault(key, {}).setdefault((f.doc_id, fmt(f.value)), f)
    groups = []
    for members in by_statistic.values():
        group = sorted(members.values(), key=lambda f: (f.doc_id, f.char_start))
        if len({f.doc_id for f in group}) >= 2:
            groups.append(group)
    return groups


def _row(group: Sequence[Figure]) -> dict[str, Any]:
    ok = agree(group)
    first = group[0]
    what = min((f.subject_text for f in group), key=len)
    when = f"{first.year}" + (f", {first.period}" if first.period else "")
    stated = "; ".join(f"{f.surface} in {f.doc_id} on {f.where()}" for f in group)
    message = (f"'{what.strip()}' ({first.unit}, {when}) stated by {len({f.doc_id for f in group})} reports: "
               + ("consistent" if ok else "CONFLICT") + f": {stated}")
    ids = [f.claim_id for f in group]
    return {
        "check_id": stable_id("xc", *ids), "doc_ids": "|".join(f.doc_id for f in group),
        "claim_ids": "|".join(ids), "unit": first.unit, "year": first.year, "subject": what.strip(),
        "values": "|".join(fmt(f.value) for f in group), "pages": "|".join(str(f.page) for f in group),
        "status": "consistent" if ok else "conflict", "message": message,
    }


def cross_report_checks(claims: pd.DataFrame | Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows of the ``cross_report_checks`` table for the claims of a batch."""
    rows = [_row(g) for g in cross_report_groups(figures_from_claims(claims))]
    return sorted(rows, key=lambda r: (r["status"], r["check_id"]))


def cross_report_frame(claims: pd.DataFrame) -> pd.DataFrame:
    """The ``cross_report_checks`` table, typed and sorted like every other table."""
    from extractor.tables import sort_frame, to_frame

    return sort_frame("cross_report_checks", to_frame("cross_report_checks", cross_report_checks(claims)))
