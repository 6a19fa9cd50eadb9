"""Hardening, limits on text input (issue 19, item 4): size, line length and time, as for PDFs.

Each limit is one RX106 line naming the limit and its option; nothing reaches spaCy that spaCy
would refuse (its E088 used to end as RX999); layout repair reads a text in time linear in its
length (``bench/run.py --only layout-linear`` measures it; here, the number of whole-text
searches is bounded whatever the length).
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.ingest.text import split_pages
from extractor.layout import hyphenation
from extractor.layout.repair import repair_layout
from extractor.pipeline import ExtractionConfig, process_report

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "reports" / "xinhua-poverty-alleviation-2025.txt"
THINKTANK = ROOT / "tests" / "fixtures" / "heldout" / "thinktank-transition" / "report.txt"
CLI = str(Path(sys.executable).with_name("report-extract"))
BLANK = ExtractionConfig(model="none")


def _copies(n: int) -> str:
    text = SAMPLE.read_text(encoding="utf-8")
    return "\n\n".join(f"Copy {i} of the report.\n\n{text}" for i in range(n))


def test_a_5_mb_single_line_is_one_rx106_line_before_any_parsing(tmp_path: Path) -> None:
    """The sample's words on one 5 MB line: refused at once by the line-length limit."""
    words = " ".join(SAMPLE.read_text(encoding="utf-8").split())
    line = (words + " ") * (5_000_000 // len(words) + 1)
    report = tmp_path / "one-line.txt"
    report.write_text(line, encoding="utf-8")
    t0 = time.perf_counter()
    result = process_report(report, BLANK)
    assert result.status == "failed"
    assert result.error.startswith(f"{report}: line 1 has ") and result.error.endswith("[RX106]")
    assert "max_line_chars" in result.error and "--max-line-chars" in result.error
    assert time.perf_counter() - t0 < 5


def test_without_the_line_limit_spacy_never_sees_a_paragraph_too_long_for_it(tmp_path: Path) -> None:
    """The same line with the line limit off: the paragraph limit (spaCy's max_length) refuses it
    as RX106, not E088 as an unexpected error (RX999)."""
    words = " ".join(SAMPLE.read_text(encoding="utf-8").split())
    report = tmp_path / "one-line.txt"
    report.write_text((words + " ") * (1_200_000 // len(words) + 1), encoding="utf-8")
    result = process_report(report, ExtractionConfig(model="none", max_line_chars=None))
    assert result.status == "failed"
    assert "[RX106]" in result.error and "RX999" not in result.error and "E088" not in result.error
    assert "characters the spaCy pass reads at once" in result.error


def test_a_text_dump_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    report = tmp_path / "large.txt"
    report.write_text(_copies(170), encoding="utf-8")  # 17 MB
    assert report.stat().st_size > 16_000_000
    t0 = time.perf_counter()
    result = process_report(report, BLANK)
    assert time.perf_counter() - t0 < 2
    assert result.status == "failed" and result.error.endswith("[RX106]")
    assert "more than the limit of 16 MB (max_text_mb, --max-text-mb)" in result.error
    small = process_report(SAMPLE, ExtractionConfig(model="none", max_text_mb=0.05))
    assert small.status == "failed" and "limit of 0.05 MB" in small.error


def test_the_time_limit_stops_a_text_dump_with_one_line(tmp_path: Path) -> None:
    """Eight copies of the sample with a one-second limit: stopped, RX106, naming the step, and
    well before the whole report would have been read."""
    report = tmp_path / "eight.txt"
    report.write_text(_copies(8), encoding="utf-8")
    t0 = time.perf_counter()
    result = process_report(report, ExtractionConfig(model="none", timeout_s=1.0))
    elapsed = time.perf_counter() - t0
    assert result.status == "failed" and result.error.endswith("[RX106]"), result.error
    assert "processing took longer than the 1 s limit (timeout_s, --timeout), stopped during" in result.error
    assert elapsed < 8


def test_the_cli_names_the_limit_in_one_line(tmp_path: Path) -> None:
    report = tmp_path / "sample.txt"
    report.write_bytes(SAMPLE.read_bytes())
    env = {**os.environ, "COLUMNS": "60"}
    proc = subprocess.run([CLI, "run", str(report), "--no-flow", "--model", "none", "--quiet", "--no-validate",
                           "--max-line-chars", "100", "--output", str(tmp_path / "out")],
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    (line,) = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert line.startswith("failed: ") and "more than the limit of 100 (max_line_chars" in line
    assert line.endswith("[RX106]")


# --- layout repair, linear in the length of the text -------------------------------------------------

def test_hyphen_decisions_read_from_the_table_equal_those_read_by_search(monkeypatch) -> None:
    """A report with many words broken across lines: its repaired text is the same whether every
    count is searched for in the text or read from the whole table."""
    pages = split_pages(THINKTANK.read_text(encoding="utf-8"))

    def repaired() -> str:
        return repair_layout(pages, source_path=str(THINKTANK), source_format="text", sha256="0" * 64).text

    searched = repaired()
    monkeypatch.setattr(hyphenation.Vocabulary, "SEARCH_BUDGET", 0)
    assert repaired() == searched


@pytest.mark.corpus
def test_hyphen_decisions_agree_on_corpus_text_dumps(monkeypatch) -> None:
    from tests.corpus import corpus_pdf, text_dump

    for name in ("crs-seabed-mining-beyond-national-jurisdiction-2026", "gao-doe-advanced-energy-technologies-2006"):
        pages = split_pages(text_dump(corpus_pdf(name)))
        texts = []
        for budget in (10 ** 9, 0):
            monkeypatch.setattr(hyphenation.Vocabulary, "SEARCH_BUDGET", budget)
            monkeypatch.setattr(hyphenation.Vocabulary, "OCCURRENCES_PER_BYTE", float(budget))
            texts.append(repair_layout(pages, source_path=name, source_format="text", sha256="0" * 64).text)
        assert texts[0] == texts[1], name


def test_a_long_dump_searches_its_text_a_bounded_number_of_times(monkeypatch) -> None:
    """Searches of the whole text are what made layout repair quadratic (one per word broken
    across lines): a 32-copy dump of a report with broken words makes no more of them than
    the budget, and no more than a single copy."""
    made: list[hyphenation.Vocabulary] = []
    init = hyphenation.Vocabulary.__init__

    def spy(self, texts):
        init(self, texts)
        made.append(self)

    monkeypatch.setattr(hyphenation.Vocabulary, "__init__", spy)
    text = THINKTANK.read_text(encoding="utf-8")
    searches = []
    for copies in (1, 32):
        made.clear()
        dump = "\n\n".join([text] * copies)
        repair_layout(split_pages(dump), source_path="dump.txt", source_format="text", sha256="0" * 64)
        searches.append(made[-1]._searches)
    assert 0 < searches[0] <= searches[1] <= hyphenation.Vocabulary.SEARCH_BUDGET
