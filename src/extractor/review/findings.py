"""What a reviewer looks at first, per document: its conflicts and failed checks, each with the
rows it names and where they stand on the page.

A conflict is a ``consistency_checks`` row whose status is not ``consistent``; its spots are its
claims. A failed check is a failed ``validation_results`` row of the document; its spots are the
rows the expectation names, where the table says which (:data:`ROW_SELECTORS`), else none (its
details text says which). Order: conflicts, then failed checks by severity (:data:`SEVERITY_ORDER`).
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from extractor.provenance import BOX_COLUMNS, Box

#: Failed checks shown before others: a defect of the tables, then a finding about the report.
SEVERITY_ORDER = ("critical", "warning", "info")
#: At most this many rows of one failed check are shown with their place on the page.
MAX_SPOTS = 8


def _unresolved(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["resolved"] == False]  # noqa: E712 - nullable boolean column


def _uncited(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["n_citations"].fillna(0) == 0]


def _shipped_regex(table: str, column: str) -> str | None:
    """The regex the shipped suite of ``table`` holds ``column`` to (one source: the suite)."""
    from extractor.validate.run import GX_PROJECT

    suite = json.loads(GX_PROJECT.joinpath("expectations", f"{table}.json").read_text(encoding="utf-8"))
    for ex in suite["expectations"]:
        if ex["type"] == "expect_column_values_to_match_regex" and ex["kwargs"].get("column") == column:
            return ex["kwargs"]["regex"]
    return None


def _not_matching(table: str, column: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    def select(frame: pd.DataFrame) -> pd.DataFrame:
        regex = _shipped_regex(table, column)
        values = frame[column]
        if regex is None:
            return frame.iloc[:0]
        return frame[values.notna() & ~values.fillna("").astype(str).str.match(regex)]
    return select


#: (table, expectation, column or None) -> the rows of that table a failed expectation names.
#: Expectations not listed are shown with their details text only.
ROW_SELECTORS: dict[tuple[str, str, str | None], Callable[[pd.DataFrame], pd.DataFrame]] = {
    ("citations", "expect_citation_markers_to_resolve", None): _unresolved,
    ("citations", "expect_column_values_to_not_be_null", "note_id"): _unresolved,
    ("notes", "expect_notes_to_be_cited", None): _uncited,
    ("notes", "expect_column_values_to_match_regex", "url"): _not_matching("notes", "url"),
    ("citations", "expect_column_values_to_match_regex", "url"): _not_matching("citations", "url"),
}


@dataclass
class Spot:
    """One row a finding names, where it stands: its page and box (None for a text dump or a
    span not found on the page), the text to highlight and the sentence around it."""

    row_id: str
    page: int | None
    box: Box | None
    text: str
    sentence: str
    section: str = ""
    value: str = ""


@dataclass
class Finding:
    kind: str  # "conflict" or "failed check"
    severity: str  # "conflict", "critical", "warning", "info"
    title: str
    message: str
    spots: list[Spot] = field(default_factory=list)
    more: int = 0  # rows named but not shown


def _box(row: pd.Series) -> Box | None:
    values = [row.get(k) for k in BOX_COLUMNS]
    if any(v is None or pd.isna(v) for v in values):
        return None
    return tuple(float(v) for v in values)  # type: ignore[return-value]


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def claim_spot(claim: pd.Series) -> Spot:
    return Spot(str(claim["claim_id"]), _page(claim), _box(claim), _text(claim["surface"]), _text(claim["sentence"]),
                _text(claim.get("section")), _text(claim.get("value")))


def _page(row: pd.Series) -> int | None:
    page = row.get("page")
    return None if page is None or pd.isna(page) else int(page)


def _row_spot(table: str, row: pd.Series) -> Spot:
    if table == "citations":
        return Spot(str(row["citation_id"]), _page(row), _box(row), _text(row["marker"]),
                    _text(row["cited_sentence"]), _text(row.get("section")))
    if table == "notes":
        note = _text(row["note_text"])
        return Spot(str(row["note_id"]), _page(row), _box(row), note, note)
    if table == "claims":
        return claim_spot(row)
    if table == "place_mentions":
        return Spot(str(row["mention_id"]), _page(row), _box(row), _text(row["text"]), _text(row["sentence"]),
                    _text(row.get("section")))
    return Spot("", _page(row), None, "", "")


def conflicts(doc_id: str, checks: pd.DataFrame, claims: pd.DataFrame) -> list[Finding]:
    """The document's consistency checks that are not consistent, with their claims."""
    mine = checks[(checks["doc_id"] == doc_id) & (checks["status"] != "consistent")] if len(checks) else checks
    by_id = claims.set_index("claim_id", drop=False) if len(claims) else claims
    out = []
    for row in mine.itertuples(index=False):
        ids = [i for i in _text(row.claim_ids).split("|") if i]
        spots = [claim_spot(by_id.loc[i]) for i in ids if i in by_id.index]
        title = f"{row.kind.replace('_', ' ')}: {row.status}"
        out.append(Finding("conflict", "conflict", title, _text(row.message), spots))
    return out


def failed_checks(doc_id: str, results: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> list[Finding]:
    """The document's failed expectations, by severity, each with the rows it names."""
    mine = results[(results["doc_id"] == doc_id) & (results["success"] == False)] if len(results) else results  # noqa: E712
    out = []
    for row in mine.itertuples(index=False):
        column = _text(row.column) or None
        select = ROW_SELECTORS.get((row.table, row.expectation, column)) or ROW_SELECTORS.get((row.table, row.expectation, None))
        spots: list[Spot] = []
        more = 0
        frame = tables.get(row.table)
        if select is not None and frame is not None and len(frame):
            named = select(frame[frame["doc_id"] == doc_id])
            spots = [_row_spot(row.table, r) for _, r in named.head(MAX_SPOTS).iterrows()]
            more = max(0, len(named) - MAX_SPOTS)
        what = f"{row.table}.{column}" if column else row.table
        title = f"{row.expectation.replace('_', ' ')} ({what}): {int(row.unexpected_count or 0)} row(s)"
        message = "" if spots else _text(row.details)  # the rows shown speak for themselves
        if row.table == "consistency_checks":  # the expectation over the conflicts shown above
            message = "The consistency checks above that are not consistent."
        out.append(Finding("failed check", _text(row.severity) or "critical", title, message, spots, more))
    rank = {s: i for i, s in enumerate(SEVERITY_ORDER)}
    return sorted(out, key=lambda f: rank.get(f.severity, len(rank)))


def findings(doc_id: str, tables: dict[str, pd.DataFrame]) -> list[Finding]:
    """Conflicts first, then failed checks."""
    return (conflicts(doc_id, tables["consistency_checks"], tables["claims"])
            + failed_checks(doc_id, tables["validation_results"], tables))
