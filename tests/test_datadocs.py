"""Data Docs a person can read: rendered by headless Chromium, the failing expectation is shown."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from extractor.pipeline import ExtractionConfig, combine, process_report
from extractor.validate.run import open_context, validate_tables

pytestmark = pytest.mark.slow
BROWSER = shutil.which("chromium") or (shutil.which("chromium-browser"))


def dump_dom(page: Path, profile: Path) -> str:
    args = [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", "--dump-dom", page.as_uri()]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.skipif(BROWSER is None, reason="no headless browser installed (Debian package: chromium)")
def test_data_docs_render_and_show_the_failing_expectation(sample_text, tmp_path):
    path = tmp_path / "corrupted.txt"
    path.write_text(sample_text.replace("17,522 yuan, a 24.7%", "17,252 yuan, a 24.7%"), encoding="utf-8")
    result = process_report(path, ExtractionConfig(model="none"))
    out = tmp_path / "output"
    outcome = validate_tables(combine([result]), out, context=open_context())
    assert outcome.docs_index is not None and outcome.docs_index.exists()
    assert outcome.docs_index.is_relative_to(out)
    index = dump_dom(outcome.docs_index, tmp_path / "profile")
    assert "consistency_checks" in index
    pages = sorted((out / "validation" / "validations" / "consistency_checks").rglob("*.html"))
    assert pages, "a validation page for the consistency suite"
    dom = dump_dom(pages[0], tmp_path / "profile")
    assert "expect_consistency_checks_to_hold" in dom or "consistency checks to hold" in dom.lower()
    assert "17,252 yuan" in dom and "p.4" in dom  # the failing rows, with page and sentence
    assert "Failed" in dom or "failed" in dom
