"""Consistency on real reports of other publishers: corrupted copies of corpus reports (text
dumps, as users make them) in other currencies and units are caught, one conflict of the right
kind, named with page and sentence, while the report's other checks stay green; two reports that
state one figure differently give a cross-report conflict."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.pipeline import ExtractionConfig, combine, process_report
from extractor.validate.consistency import check_consistency
from extractor.validate.cross_report import cross_report_checks
from tests.corpus import corpus_pdf, replace_words, text_dump

pytestmark = pytest.mark.corpus

#: name: (corpus report, words as printed, the corrupted words, the check kind, what the message names)
CORRUPTIONS = {
    "euro_figure_restated": (
        "crs-highway-bridges-funding-2026", "Average annual spending has been $12.0 billion in the IIJA period",
        ["Average annual spending has been €12.0 billion in the IIJA period",
         "Average annual spending has been €12.6 billion in the IIJA period"],
        "figure_group", "€12.6 billion in the IIJA period"),
    "pound_change_with_years_between": (
        "imf-gfsr-chapter1-shifting-ground-2025", "increased from $16 trillion to $31 trillion from 2015 to 2024",
        ["increased from £16 trillion in 2015 to £31 trillion in 2024, an increase of 60%"],
        "change", "£31 trillion in 2024, an increase of 60%"),
    "rupee_crore_part_exceeds_whole": (
        "opm-annual-performance-report-fy2019", "In FY 2018, 1,355,901 of 1,912,963 FEHB enrollees",
        ["In FY 2018, ₹2,355 crore of the ₹1,912 crore FEHB budget"],
        "part_whole", "₹2,355 crore of the ₹1,912 crore"),
    "bn_difference": (
        "crs-highway-bridges-funding-2026",
        "Average annual spending has been $12.0 billion in the IIJA period to date and $9.8 billion in the FAST Act",
        ["Average annual spending reached $12.0bn, $3.2bn above the $9.8bn of the FAST Act",
         "Average annual spending has been $12.0 billion in the IIJA period to date and $9.8 billion in the FAST Act"],
        "difference", "$12.0bn, $3.2bn above the $9.8bn"),
    "per_cent_share_above_100": (
        "gao-doe-advanced-energy-technologies-2006",
        "accounted for 96 percent of the energy used in the transportation sector",
        ["accounted for 106 per cent of the energy used in the transportation sector"],
        "share", "accounted for 106 per cent"),
}


def _checks(path: Path) -> list[dict]:
    result = process_report(path, ExtractionConfig(model="none"))
    assert result.status == "ok", result.error
    return check_consistency(combine([result])["claims"])


@pytest.fixture(scope="module")
def dumps(tmp_path_factory) -> dict[str, str]:
    names = {case[0] for case in CORRUPTIONS.values()}
    return {name: text_dump(corpus_pdf(name)) for name in sorted(names)}


@pytest.fixture(scope="module")
def clean_checks(dumps, tmp_path_factory) -> dict[str, list[dict]]:
    folder = tmp_path_factory.mktemp("clean")
    out = {}
    for name, text in dumps.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        out[name] = _checks(path)
    return out


def test_clean_dumps_raise_no_conflict(clean_checks):
    for name, rows in clean_checks.items():
        assert rows, f"{name}: no figure group or relation found"
        assert [r["message"] for r in rows if r["status"] == "conflict"] == [], name


@pytest.mark.parametrize("case", sorted(CORRUPTIONS))
def test_corruption_is_caught_named_and_alone(case, dumps, clean_checks, tmp_path):
    name, old, new, kind, sentence = CORRUPTIONS[case]
    path = tmp_path / f"{name}-{case}.txt"
    path.write_text(replace_words(dumps[name], old, *new), encoding="utf-8")
    rows = _checks(path)
    conflicts = [r for r in rows if r["status"] == "conflict"]
    assert len(conflicts) == 1, [r["message"] for r in conflicts]
    conflict = conflicts[0]
    assert conflict["kind"] == kind
    assert "p." in conflict["message"] and sentence in conflict["message"]
    # the report's other checks keep their verdict: every clean check not touching the edit holds
    assert all(r["status"] == "consistent" for r in rows if r is not conflict)


def test_two_reports_stating_one_figure_differently_conflict(dumps, tmp_path):
    first = replace_words(dumps["crs-highway-bridges-funding-2026"], "The IIJA authorized $43.3 billion",
                          "In 2024, federal bridge spending reached $12.0 billion. The IIJA authorized $43.3 billion")
    second = replace_words(dumps["gao-doe-advanced-energy-technologies-2006"], "In 1973, oil cost about $15 per barrel",
                           "In 2024, federal bridge spending reached $12.6 billion. In 1973, oil cost about $15 per barrel")
    results = []
    for n, text in enumerate((first, second)):
        path = tmp_path / f"report-{n}.txt"
        path.write_text(text, encoding="utf-8")
        results.append(process_report(path, ExtractionConfig(model="none")))
    rows = cross_report_checks(combine(results)["claims"])
    conflicts = [r for r in rows if r["status"] == "conflict"]
    assert len(conflicts) == 1, rows
    assert conflicts[0]["values"].split("|") == ["12000000000", "12600000000"]
    assert len(set(conflicts[0]["doc_ids"].split("|"))) == 2
    assert "federal bridge spending reached $12.6 billion" in conflicts[0]["message"]
