"""The self-contained validation page: readable offline, names what failed and where."""
from __future__ import annotations

import re

import pytest

from extractor.pipeline import ExtractionConfig, combine, process_report
from extractor.validate.report_page import write_report_page
from extractor.validate.run import validate_tables

pytestmark = pytest.mark.slow


def test_report_page_names_the_conflict_with_page_and_sentence(sample_text, tmp_path):
    corrupted = tmp_path / "corrupted.txt"
    assert sample_text.count("reached 17,522 yuan, a 24.7%") == 1
    corrupted.write_text(sample_text.replace("reached 17,522 yuan, a 24.7%", "reached 17,252 yuan, a 24.7%"),
                         encoding="utf-8")
    frames = combine([process_report(corrupted, ExtractionConfig(model="none"))])
    outcome = validate_tables(frames, tmp_path / "out")
    page = write_report_page(tmp_path / "out", outcome.results, outcome.consistency, frames["documents"])
    text = page.read_text(encoding="utf-8")
    assert "17,252 yuan" in text and "17,522 yuan" in text
    assert re.search(r"p\.4\b", text) and "conflict" in text
    assert "warning" in text
    assert not re.search(r'(?:src|href)="https?://', text), "no external assets: it must render offline"
