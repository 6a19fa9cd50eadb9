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
#: Screenshots a person can look at after the run (output/ is not committed).
ARTIFACTS = Path(__file__).resolve().parents[1] / "output" / "test-artifacts"


def _offline() -> list[str]:
    """A prefix that runs the browser with no network at all (a network namespace of its own),
    else a proxy that cannot be reached (every request outside the machine fails)."""
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"], check=False).returncode == 0:
        return ["unshare", "-n"]
    return []


def _browser(page: Path, profile: Path, *what: str) -> subprocess.CompletedProcess:
    args = [*_offline(), BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--proxy-server=127.0.0.1:9", f"--user-data-dir={profile}", *what, page.as_uri()]
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def dump_dom(page: Path, profile: Path) -> str:
    """The page's DOM after its scripts ran, with the network off."""
    return _browser(page, profile, "--virtual-time-budget=5000", "--dump-dom").stdout


def screenshot(page: Path, profile: Path, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / name
    _browser(page, profile, "--virtual-time-budget=5000", "--window-size=1280,1000", f"--screenshot={target}")
    return target


def _colours(png: Path) -> int:
    from PIL import Image

    with Image.open(png) as image:
        return len(image.convert("RGB").getcolors(maxcolors=1 << 20) or [])


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
    # offline, the page's own scripts ran from the local copies: bootstrap-table built its tables
    assert "bootstrap-table" in index and "fixed-table-container" in index
    assert "https://" not in "".join(line for line in index.splitlines() if "<script" in line or "stylesheet" in line)
    pages = sorted((out / "validation" / "validations" / "consistency_checks").rglob("*.html"))
    assert pages, "a validation page for the consistency suite"
    dom = dump_dom(pages[0], tmp_path / "profile")
    assert "expect_consistency_checks_to_hold" in dom or "consistency checks to hold" in dom.lower()
    assert "17,252 yuan" in dom and "p.4" in dom  # the failing rows, with page and sentence
    assert "Failed" in dom or "failed" in dom
    # styled, not bare HTML: Bootstrap's colours and Font Awesome's icons drew the page
    shots = [screenshot(outcome.docs_index, tmp_path / "profile", "datadocs-index.png"),
             screenshot(pages[0], tmp_path / "profile", "datadocs-consistency-checks.png")]
    assert all(_colours(shot) > 200 for shot in shots), [_colours(shot) for shot in shots]
