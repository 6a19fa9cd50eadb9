"""Consistency checks: repeated figures agree, stated relations hold; corrupted copies are caught."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.pipeline import ExtractionConfig, combine, process_report
from extractor.validate.consistency import check_consistency, relation_holds
from extractor.validate.figures import agree, figures_from_claims, rounding_step, subject_key


def _rows_for(path: Path) -> list[dict]:
    result = process_report(path, ExtractionConfig(model="none"))
    assert result.status == "ok", result.error
    return check_consistency(combine([result])["claims"])


def corrupt(sample_text: str, tmp_path: Path, old: str, new: str, name: str = "corrupted.txt") -> Path:
    assert sample_text.count(old) == 1, f"{old!r} must occur exactly once"
    path = tmp_path / name
    path.write_text(sample_text.replace(old, new), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sample_rows(sample_frames) -> list[dict]:
    return check_consistency(sample_frames["claims"])


def _groups_with(rows: list[dict], value: str) -> list[dict]:
    return [r for r in rows if r["kind"] == "figure_group" and value in r["values"].split("|")]


@pytest.mark.parametrize("value", ["17522", "33050000", "5340000", "12384"])
def test_repeated_headline_figures_form_consistent_groups(sample_rows, value):
    groups = _groups_with(sample_rows, value)
    assert len(groups) == 1, groups
    g = groups[0]
    assert g["status"] == "consistent"
    assert len(g["claim_ids"].split("|")) >= 2
    assert len(set(g["pages"].split("|"))) >= 2  # stated in different places of the report


def test_nothing_in_the_sample_is_in_conflict(sample_rows):
    assert sample_rows, "the sample states figures and relations"
    assert [r["message"] for r in sample_rows if r["status"] != "consistent"] == []


def test_sample_relations_are_found_and_hold(sample_rows):
    kinds = {r["kind"] for r in sample_rows}
    assert {"figure_group", "part_whole", "difference", "share", "change"} <= kinds
    part_whole = {tuple(r["values"].split("|")) for r in sample_rows if r["kind"] == "part_whole"}
    assert ("22", "23") in part_whole
    assert any(r["values"] == "40311|18620|21691" for r in sample_rows if r["kind"] == "difference")


def test_rows_are_deterministic_and_ids_unique(sample_frames, sample_rows):
    again = check_consistency(sample_frames["claims"])
    assert again == sample_rows
    assert len({r["check_id"] for r in sample_rows}) == len(sample_rows)


def test_near_duplicate_figure_is_grouped_and_flagged(sample_text, sample_rows, tmp_path):
    path = corrupt(sample_text, tmp_path, "17,522 yuan, a 24.7%", "17,252 yuan, a 24.7%")
    rows = _rows_for(path)
    conflicts = [r for r in rows if r["status"] == "conflict"]
    assert len(conflicts) == 1, [r["message"] for r in conflicts]
    c = conflicts[0]
    assert c["kind"] == "figure_group"
    assert sorted(c["values"].split("|")) == ["17252", "17522"]
    assert "p.4" in c["message"] and "reached 17,252 yuan, a 24.7% increase over 2021" in c["message"]
    assert "17,522 yuan" in c["message"]
    # everything else is as in the clean sample
    others = {(r["kind"], r["values"], r["status"]) for r in rows if r is not c}
    clean = {(r["kind"], r["values"], r["status"]) for r in sample_rows if "17522" not in r["values"].split("|")}
    assert clean <= others


def test_part_larger_than_whole_is_flagged(sample_text, tmp_path):
    path = corrupt(sample_text, tmp_path, "22 out of 23 key counties", "32 out of 23 key counties")
    rows = _rows_for(path)
    conflicts = [r for r in rows if r["status"] == "conflict"]
    assert [r["kind"] for r in conflicts] == ["part_whole"]
    assert conflicts[0]["values"] == "32|23"
    assert "p.7" in conflicts[0]["message"] and "32 out of 23 key counties" in conflicts[0]["message"]


def _figures(*claims: tuple[str, float, str]) -> list:
    rows = [{"claim_id": f"c{n}", "doc_id": "d", "sentence_id": n, "sentence": surface, "surface": surface,
             "value": value, "unit": "person", "qualifier": qualifier, "subject": "people"}
            for n, (surface, value, qualifier) in enumerate(claims)]
    return figures_from_claims(rows)


def test_figures_agree_within_printed_precision_and_qualifiers():
    assert agree(_figures(("5.34 million", 5_340_000, "exact"), ("5,340,000", 5_340_000, "exact")))
    assert agree(_figures(("33 million", 33_000_000, "exact"), ("33.05 million", 33_050_000, "exact")))
    assert not agree(_figures(("17,522", 17_522, "exact"), ("17,252", 17_252, "exact")))
    assert agree(_figures(("30 million", 30_000_000, "over"), ("33.05 million", 33_050_000, "exact")))
    assert not agree(_figures(("30 million", 30_000_000, "under"), ("33.05 million", 33_050_000, "exact")))
    assert agree(_figures(("3 million", 3_000_000, "approximate"), ("3.2 million", 3_200_000, "exact")))


@pytest.mark.parametrize("surface,value,step", [
    ("5.34 million", 5_340_000, 10_000), ("17,522 yuan", 17_522, 1), ("24.7%", 24.7, 0.1), ("20,5 %", 20.5, 0.1),
    ("Rs 2,77,000 crore", 2.77e12, 1e7), ("three million", 3_000_000, 1_000_000), ("€5.5bn", 5.5e9, 1e8),
])
def test_rounding_step_is_the_last_printed_digit(surface, value, step):
    assert rounding_step(surface, value) == pytest.approx(step)


def test_subjects_compare_on_head_and_modifier_lemmas():
    a = subject_key("per capita disposable income of rural residents in counties that had shaken off poverty")
    b = subject_key("per capita disposable income of rural residents in counties lifted out of poverty")
    assert a == b and a.head == "income" and {"rural", "resident", "capita"} <= a.modifiers
    assert subject_key("midwives").head == "midwife"
    assert subject_key("per cent").head != subject_key("share of women in parliament").head
    assert not subject_key("")


def test_relation_holds_rechecks_bounds_from_values_alone():
    assert relation_holds("part_whole", "909|1421") and not relation_holds("part_whole", "1909|1421")
    assert relation_holds("share", "99.5") and not relation_holds("share", "104")
    assert relation_holds("share", "40|35|25") and not relation_holds("share", "40|35|30")
    assert not relation_holds("part_whole", "inf|1") and not relation_holds("share", "")


def test_a_rate_set_above_its_whole_is_no_share(tmp_path):
    """"this proportion was set at 115.9 percent" (IMF pamphlet): a decided rate, which may exceed
    the whole it is reckoned against; a measured share above 100 is still a conflict."""
    path = tmp_path / "rates.txt"
    path.write_text("For FY2001, this proportion was set at 115.9 percent.\n\n"
                    "The share of households with piped water reached 104 percent in 2023.\n", encoding="utf-8")
    shares = [r for r in _rows_for(path) if r["kind"] == "share"]
    assert [(r["values"], r["status"]) for r in shares] == [("104", "conflict")]


def test_a_noun_alone_names_no_statistic_across_reports(tmp_path):
    """Two reports scoring different things in points in one year ("2.5 points" of an index,
    "6 points" of another) do not quote one statistic; two that name it ("federal bridge
    spending") do."""
    from extractor.validate.cross_report import cross_report_checks

    texts = ["In 2013, the country scored 2.5 points.\n\nIn 2013, federal bridge spending reached $12.0 billion.",
             "In 2013, the index stood at 6 points.\n\nIn 2013, federal bridge spending reached $12.6 billion."]
    results = []
    for n, text in enumerate(texts):
        path = tmp_path / f"report-{n}.txt"
        path.write_text(text, encoding="utf-8")
        results.append(process_report(path, ExtractionConfig(model="none")))
    rows = cross_report_checks(combine(results)["claims"])
    assert [r["subject"] for r in rows] == ["federal bridge spending"], rows
