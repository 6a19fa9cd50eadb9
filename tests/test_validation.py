"""Great Expectations validation of every table: corrupted copies of the sample are caught by the
expectation meant for them, named with page and sentence, while the other expectations keep their
outcome. One GE context for the whole module."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from extractor.pipeline import ExtractionConfig, combine, process_report
from extractor.validate.run import ASSET_TABLES, open_context, validate_tables

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def gx_context():
    return open_context()


def _validate(path: Path, context, out_dir: Path | None = None):
    result = process_report(path, ExtractionConfig(model="none"))
    assert result.status == "ok", result.error
    return validate_tables(combine([result]), out_dir, context=context)


def _failing(outcome) -> set[tuple[str, str, str]]:
    r = outcome.results
    bad = r[~r["success"].astype(bool)]
    return {(t, e, c) for t, e, c in zip(bad["table"], bad["expectation"], bad["column"])}


@pytest.fixture(scope="module")
def clean(sample_path, gx_context):
    return _validate(sample_path, gx_context)


def test_every_table_has_a_suite_and_results_are_typed(clean):
    assert set(clean.results["table"]) == set(ASSET_TABLES)
    assert set(clean.results["severity"]) <= {"critical", "warning"}
    assert not clean.consistency.empty


def test_clean_sample_passes_consistency(clean):
    assert clean.warnings == []


def test_clean_sample_passes_schema_and_integrity(clean):
    assert clean.errors == [] and clean.success_errors


def test_results_are_deterministic(sample_path, gx_context, clean):
    again = _validate(sample_path, gx_context)
    assert again.results.equals(clean.results)


CORRUPTIONS = {
    # name: (old, new, table, expectation, severity, text that must name the place)
    "near_duplicate": ("17,522 yuan, a 24.7%", "17,252 yuan, a 24.7%", "consistency_checks",
                       "expect_consistency_checks_to_hold", "warning", "p.4"),
    "part_exceeds_whole": ("22 out of 23 key counties", "32 out of 23 key counties", "consistency_checks",
                           "expect_consistency_checks_to_hold", "warning", "p.7"),
    "footnote_deleted": ('^② People\'s Daily, "China and Africa Are Truly Friends and Partners," January 26, 2025.',
                         "", "citations", "expect_citation_markers_to_resolve", "warning", "page=31"),
    "marker_without_note": ("a 24.7% increase over 2021.", "a 24.7% increase over 2021.^⑨", "citations",
                            "expect_citation_markers_to_resolve", "warning", "page=4"),
}


@pytest.mark.parametrize("name", sorted(CORRUPTIONS))
def test_corruption_is_caught_and_located(name, sample_text, tmp_path, gx_context, clean):
    old, new, table, expectation, severity, where = CORRUPTIONS[name]
    assert sample_text.count(old) == 1
    path = tmp_path / f"{name}.txt"
    path.write_text(sample_text.replace(old, new), encoding="utf-8")
    outcome = _validate(path, gx_context)
    r = outcome.results
    hit = r[(r["table"] == table) & (r["expectation"] == expectation) & ~r["success"].astype(bool)]
    assert len(hit) >= 1, r[~r["success"].astype(bool)][["table", "expectation", "details"]].to_string()
    assert set(hit["severity"]) == {severity}
    details = " ".join(hit["details"])
    assert where in details
    assert ("sentence" in details) or ('"' in details)  # the sentence is quoted
    if severity == "warning":
        assert outcome.warnings and outcome.success_errors == clean.success_errors  # a warning never fails the run
        # a log line per finding, one line and short; the full details stay in validation_results
        assert all("\n" not in line and len(line) < 400 for line in outcome.warnings), [len(w) for w in outcome.warnings]
    else:
        assert not outcome.success_errors
    # the other expectations keep the outcome they have on the clean sample
    new_failures = _failing(outcome) - _failing(clean)
    allowed = {(table, expectation)} | ({("citations", "expect_column_values_to_not_be_null")}
                                        if table == "citations" else set())
    assert {(t, e) for t, e, _ in new_failures} <= allowed, new_failures


@pytest.mark.parametrize("table,column,expectation,severity", [
    ("claim_citations", "claim_id", "expect_column_values_to_be_known_ids", "critical"),
    ("claim_citations", "citation_id", "expect_column_values_to_be_known_ids", "critical"),
    ("place_mentions", "place_id", "expect_column_values_to_be_known_ids", "critical"),
    ("notes", "note_id", "expect_notes_to_be_cited", "warning"),
])
def test_an_id_unknown_to_the_other_table_is_caught(sample_result, gx_context, table, column, expectation, severity):
    """Cross-table integrity: a link to a claim, citation or place that is not in its table is a
    defect of our tables and fails the run, for that row only; a note no citation resolves to is a
    finding about the report (a warning)."""
    frames = combine([sample_result])
    frame = frames[table]
    stray = frame.iloc[[0]].copy()
    stray[column] = "stray-0000"
    if table == "notes":
        stray["note_id"] = "note-stray"
    frames[table] = pd.concat([frame, stray], ignore_index=True)
    outcome = validate_tables(frames, None, context=gx_context)
    r = outcome.results
    hit = r[(r["table"] == table) & (r["expectation"] == expectation) & (r["column"].str.startswith(column))
            & ~r["success"].astype(bool)]
    assert len(hit) == 1 and int(hit["unexpected_count"].iloc[0]) == 1, r[~r["success"].astype(bool)].to_string()
    assert hit["severity"].iloc[0] == severity
    assert outcome.success_errors == (severity != "critical")
