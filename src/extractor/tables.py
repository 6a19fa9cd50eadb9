"""The data contract: every output table, its columns and their types.

One place decides what each table holds. Each schema is an explicit pyarrow schema, written to
Parquet as is; CSVs carry the same columns in the same order. output/README.md documents every
column of every table; ``tests/test_tables.py`` checks that the two agree.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import pyarrow as pa

S, F, I, B = pa.string(), pa.float64(), pa.int64(), pa.bool_()
#: Where a row's span stands on its PDF page, in PDF points (``extractor.provenance``); null for
#: text input and where the span was not found on the page.
BOX = (("x0", F), ("top", F), ("x1", F), ("bottom", F))

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", S), ("source_path", S), ("source_format", S), ("sha256", S), ("title", S),
        ("status", S), ("error", S), ("n_pages", I), ("pages_inferred", B), ("n_sections", I),
        ("n_sentences", I), ("n_claims", I), ("n_citations", I), ("n_notes", I), ("n_places", I),
        ("model", S), ("extractor_version", S), ("processed_at", S), ("seconds", F),
    ]),
    "sections": pa.schema([
        ("doc_id", S), ("section_id", S), ("number", S), ("title", S), ("heading", S), ("level", I),
        ("parent_id", S), ("page", I), ("char_start", I), ("char_end", I),
    ]),
    "claims": pa.schema([
        ("claim_id", S), ("doc_id", S), ("page", I), ("section", S), ("section_id", S), ("sentence_id", I),
        ("sentence", S), ("surface", S), ("value", F), ("value_flag", S), ("unit", S), ("kind", S), ("qualifier", S),
        ("year", I), ("period", S), ("change", S), ("subject", S), ("place", S), ("markers", S),
        ("char_start", I), ("char_end", I), *BOX,
    ]),
    "notes": pa.schema([
        ("note_id", S), ("doc_id", S), ("page", I), ("marker", S), ("note_text", S), ("source", S),
        ("title", S), ("date", S), ("url", S), ("url_domain", S), ("url_valid", B), ("kind", S),
        ("n_citations", I), ("duplicate_of", S), ("char_start", I), ("char_end", I), *BOX,
    ]),
    "citations": pa.schema([
        ("citation_id", S), ("doc_id", S), ("page", I), ("section", S), ("marker", S), ("sentence_id", I),
        ("cited_sentence", S), ("note_id", S), ("note_text", S), ("source", S), ("title", S), ("date", S),
        ("url", S), ("url_domain", S), ("url_valid", B), ("kind", S), ("resolved", B), ("char_offset", I), *BOX,
    ]),
    "claim_citations": pa.schema([
        ("doc_id", S), ("claim_id", S), ("citation_id", S), ("link", S),
    ]),
    "places": pa.schema([
        ("place_id", S), ("doc_id", S), ("name", S), ("aliases", S), ("place_type", S), ("parent", S),
        ("country", S), ("mentions", I), ("first_page", I), ("lat", F), ("lon", F), ("geonames_id", I),
    ]),
    "place_mentions": pa.schema([
        ("mention_id", S), ("doc_id", S), ("place_id", S), ("page", I), ("section", S), ("sentence_id", I),
        ("sentence", S), ("text", S), ("name", S), ("place_type", S), ("method", S), ("in_note", B),
        ("char_start", I), ("char_end", I), *BOX,
    ]),
    "consistency_checks": pa.schema([
        ("check_id", S), ("doc_id", S), ("kind", S), ("claim_ids", S), ("values", S), ("pages", S),
        ("status", S), ("message", S),
    ]),
    "cross_report_checks": pa.schema([
        ("check_id", S), ("doc_ids", S), ("claim_ids", S), ("unit", S), ("year", I), ("subject", S), ("values", S),
        ("pages", S), ("status", S), ("message", S),
    ]),
    "validation_results": pa.schema([
        ("doc_id", S), ("suite", S), ("table", S), ("expectation", S), ("column", S), ("severity", S),
        ("success", B), ("unexpected_count", I), ("element_count", I), ("details", S),
    ]),
}

#: Tables in the order they are written and documented.
TABLE_NAMES: tuple[str, ...] = tuple(SCHEMAS)
#: Sort keys that make every table's row order deterministic.
SORT_KEYS: dict[str, list[str]] = {
    "documents": ["doc_id"],
    "sections": ["doc_id", "char_start"],
    "claims": ["doc_id", "char_start", "char_end", "claim_id"],
    "notes": ["doc_id", "char_start"],
    "citations": ["doc_id", "char_offset", "marker"],
    "claim_citations": ["doc_id", "claim_id", "citation_id"],
    "places": ["doc_id", "name"],
    "place_mentions": ["doc_id", "char_start", "char_end"],
    "consistency_checks": ["doc_id", "kind", "check_id"],
    "cross_report_checks": ["status", "check_id"],
    "validation_results": ["doc_id", "suite", "table", "expectation", "column"],
}

_PANDAS_DTYPES = {pa.string(): "string", pa.float64(): "Float64", pa.int64(): "Int64", pa.bool_(): "boolean"}


def to_frame(name: str, rows: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Rows (dicts) to a DataFrame with exactly the schema's columns and nullable dtypes.

    Missing keys become nulls; unknown keys are an error, so that no column goes undocumented.
    """
    schema = SCHEMAS[name]
    cols = schema.names
    rows = list(rows)
    known = set(cols)
    for r in rows:
        if not known.issuperset(r):
            raise KeyError(f"table {name!r} has no column(s) {sorted(set(r) - known)}")
    return pd.DataFrame({field.name: _column([r.get(field.name) for r in rows], field.type) for field in schema},
                        columns=cols)


#: Python types a column's values may have to be converted in one step (else :func:`_coerce`).
_PLAIN_TYPES: dict[str, tuple[type, ...]] = {"string": (str,), "Int64": (int,), "Float64": (float, int),
                                             "boolean": (bool,)}


def _column(values: list[Any], typ: pa.DataType) -> Any:
    """One column as a nullable pandas array.

    Values that are all of the column's own type (or None) convert in one step; anything else
    (numbers in a text column, numeric strings, NaN) goes through the general coercion. Rows are
    made by the extractors, so the fast path is the usual one; a DataFrame per table costs a
    few milliseconds instead of a pandas operation per column and step.
    """
    dtype = _PANDAS_DTYPES[typ]
    plain = _PLAIN_TYPES[dtype]
    if all(v is None or (type(v) in plain and v == v) for v in values):
        return pd.array(values, dtype=dtype)
    return _coerce(pd.Series(values, dtype=object), typ).array


def _coerce(series: pd.Series, typ: pa.DataType) -> pd.Series:
    """Any values to the column's nullable dtype: numbers from numeric strings (else null), text
    from anything, NaN as null."""
    dtype = _PANDAS_DTYPES[typ]
    if dtype == "string":
        return series.astype("object").where(series.notna(), None).astype("string")
    if dtype == "Int64":
        return pd.to_numeric(series, errors="coerce").astype("Float64").round().astype("Int64")
    if dtype == "Float64":
        return pd.to_numeric(series, errors="coerce").astype("Float64")
    return series.astype("boolean")


def sort_frame(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    keys = [k for k in SORT_KEYS[name] if k in frame.columns]
    return frame.sort_values(keys, kind="mergesort", na_position="first").reset_index(drop=True)


def to_arrow(name: str, frame: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(frame, schema=SCHEMAS[name], preserve_index=False)
