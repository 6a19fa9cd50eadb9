"""The data contract: schemas, the data dictionary, typed frames, atomic writes."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.io.write import write_tables
from extractor.tables import SCHEMAS, TABLE_NAMES, to_frame

DICTIONARY = Path(__file__).resolve().parents[1] / "output" / "README.md"


def documented_columns() -> dict[str, dict[str, str]]:
    """{table: {column: meaning}} as output/README.md states them."""
    tables: dict[str, dict[str, str]] = {}
    current = None
    for line in DICTIONARY.read_text(encoding="utf-8").splitlines():
        h = re.match(r"^## (\w+)\s*$", line)
        if h:
            current = h.group(1)
            tables[current] = {}
            continue
        row = re.match(r"^\| `(\w+)` \| (\w+) \| (.+) \|$", line)
        if row and current:
            tables[current][row.group(1)] = row.group(3).strip()
    return tables


def test_every_column_of_every_table_is_documented():
    docs = documented_columns()
    for name, schema in SCHEMAS.items():
        assert name in docs, f"output/README.md has no section for {name}"
        assert list(docs[name]) == schema.names, f"{name}: documented columns differ from the schema"
        for col, meaning in docs[name].items():
            assert meaning and "TODO" not in meaning, f"{name}.{col} is not described"


def test_unknown_columns_are_refused():
    with pytest.raises(KeyError, match="no column"):
        to_frame("claims", [{"claim_id": "c-1", "not_a_column": 1}])


def test_frames_have_the_schema_types(sample_frames):
    for name in TABLE_NAMES:
        frame = sample_frames[name]
        assert list(frame.columns) == SCHEMAS[name].names
    claims = sample_frames["claims"]
    assert str(claims["value"].dtype) == "Float64" and str(claims["page"].dtype) == "Int64"
    assert claims["claim_id"].is_unique


def test_written_parquet_has_the_explicit_schema(sample_frames, tmp_path):
    write_tables(sample_frames, tmp_path)
    for name in TABLE_NAMES:
        assert pq.read_schema(tmp_path / f"{name}.parquet").remove_metadata() == SCHEMAS[name]
        assert pd.read_csv(tmp_path / f"{name}.csv").shape[1] == len(SCHEMAS[name])
    assert not list(tmp_path.glob(".*.tmp")), "no temporary files are left behind"


def test_a_failed_write_leaves_the_previous_tables_intact(sample_frames, tmp_path):
    write_tables(sample_frames, tmp_path)
    before = (tmp_path / "claims.csv").read_bytes()
    broken = dict(sample_frames)
    broken["places"] = broken["places"].assign(mentions="not a number")  # cannot become int64 in Parquet
    with pytest.raises(Exception):
        write_tables(broken, tmp_path)
    assert (tmp_path / "claims.csv").read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))


_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                    st.floats(allow_infinity=False), st.text(max_size=8),
                    st.sampled_from(["12", "3.5", "1e3", "nan", "True"]))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(TABLE_NAMES), st.lists(st.dictionaries(st.sampled_from(["page", "char_start", "value",
                                                                                 "doc_id", "resolved", "status"]),
                                                                _VALUES, max_size=6), max_size=6))
def test_to_frame_equals_the_general_coercion_of_every_column(name, rows):
    """The one-step conversion of plain columns gives exactly what coercing every value does."""
    from extractor.tables import _coerce

    cols = SCHEMAS[name].names
    rows = [{k: v for k, v in r.items() if k in cols} for r in rows]
    expected = {}
    try:
        for field in SCHEMAS[name]:
            expected[field.name] = _coerce(pd.Series([r.get(field.name) for r in rows], dtype=object), field.type)
    except (TypeError, ValueError):  # e.g. a number in a boolean column: to_frame refuses it too
        with pytest.raises((TypeError, ValueError)):
            to_frame(name, rows)
        return
    got = to_frame(name, rows)
    for column, series in expected.items():
        pd.testing.assert_series_equal(got[column], series.rename(column), check_index=False)
