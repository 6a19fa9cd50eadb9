"""Hardening, input formats (issue 19, item 9): turned PDF pages, UTF-16 text, encrypted PDFs
with a password, scanned PDFs read by OCR where Tesseract is installed."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.ingest import pdf as pdf_ingest
from extractor.pipeline import ExtractionConfig, process_report
from tests.pdfedit import rotate_pages
from tests.pdfgen import generate_report_pdf

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "reports" / "xinhua-poverty-alleviation-2025.txt"
CLI = str(Path(sys.executable).with_name("report-extract"))
BLANK = ExtractionConfig(model="none")


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> Path:
    return generate_report_pdf(SAMPLE.read_text(encoding="utf-8"), tmp_path_factory.mktemp("pdf") / "sample.pdf")


def _claims(result) -> list[tuple[str, int, str]]:
    assert result.status == "ok", result.error
    return [(c["surface"], c["page"], c["sentence"]) for c in result.tables["claims"]]


@pytest.mark.parametrize("angle", [90, 180, 270])
def test_a_turned_pdf_is_read_in_reading_order(sample_pdf, tmp_path, angle) -> None:
    """The sample's PDF saved with every page turned (/Rotate, as a viewer's "rotate and save"
    writes it; pdfplumber then finds its text running down, up or upside down): read, not
    refused as scanned, and its claims and citations are those of the upright PDF."""
    turned = tmp_path / f"turned-{angle}.pdf"
    turned.write_bytes(rotate_pages(sample_pdf.read_bytes(), angle))
    import pdfplumber

    with pdfplumber.open(turned) as doc:
        assert {p.rotation for p in doc.pages} == {angle}
        assert len(doc.pages[1].chars) > 1000  # a text layer, turned
    upright = process_report(sample_pdf, BLANK)
    result = process_report(turned, BLANK)
    assert _claims(result) == _claims(upright)
    assert [c["note_id"] is not None for c in result.tables["citations"]] == \
        [c["note_id"] is not None for c in upright.tables["citations"]]


def test_a_turned_page_among_upright_ones(sample_pdf, tmp_path) -> None:
    turned = tmp_path / "one-turned.pdf"
    turned.write_bytes(rotate_pages(sample_pdf.read_bytes(), 90, pages={3}))
    assert _claims(process_report(turned, BLANK)) == _claims(process_report(sample_pdf, BLANK))


@pytest.mark.corpus
def test_corpus_pages_with_rotate_are_read_as_before() -> None:
    """The corpus's landscape pages saved with /Rotate 90 (a JCT table, IMF charts) and a cover
    with a stamp along its edge: pages that hold upright text are read upright, as before."""
    from tests.corpus import corpus_pdf

    import pdfplumber

    for name, page in (("jct-revenue-effects-consolidated-appropriations-2020", 1),
                       ("imf-financial-operations-general-department-2001", 65),
                       ("worldbank-cambodia-scd-overview-2017", 1)):
        with pdfplumber.open(corpus_pdf(name)) as doc:
            p = doc.pages[page - 1]
            assert pdf_ingest.text_turn(p.chars) == 0, name
            words = [w.text for w in pdf_ingest.scan_page(p).words]
            upright = [w["text"] for w in p.extract_words(x_tolerance_ratio=pdf_ingest.X_TOLERANCE_RATIO,
                                                          extra_attrs=["size"]) if w["upright"]]
            assert words and set(words) <= set(upright), name  # (words inside ruled tables go to the table)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_unicode_text_with_a_byte_order_mark_is_decoded(tmp_path, encoding) -> None:
    """The sample saved as "Unicode" text (UTF-16 little- or big-endian, UTF-32, each with its
    byte-order mark): read as the UTF-8 sample is, not called binary."""
    text = SAMPLE.read_text(encoding="utf-8")
    report = tmp_path / f"sample-{encoding}.txt"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = "\ufeff".encode("utf-16-be") + data
    report.write_bytes(data)
    assert b"\x00" in data[:100]
    assert _claims(process_report(report, BLANK)) == _claims(process_report(SAMPLE, BLANK))


def test_an_encrypted_pdf_opens_with_its_password_and_the_password_is_written_nowhere(tmp_path) -> None:
    secret = "s3cret-pw"
    (tmp_path / "reports").mkdir()
    report = generate_report_pdf(SAMPLE.read_text(encoding="utf-8"), tmp_path / "reports" / "encrypted.pdf",
                                 user_password=secret)
    without = process_report(report, BLANK)
    assert without.status == "failed" and without.error.endswith("[RX103]") and "--password" in without.error
    wrong = process_report(report, ExtractionConfig(model="none", password="not-it"))
    assert wrong.status == "failed" and "the password given (--password) does not open it" in wrong.error
    assert len(_claims(process_report(report, ExtractionConfig(model="none", password=secret)))) > 150
    assert secret not in repr(ExtractionConfig(password=secret))
    out = tmp_path / "out"
    env = {k: v for k, v in os.environ.items() if k != "REPORT_EXTRACTOR_PDF_PASSWORD"}
    proc = subprocess.run([CLI, "run", str(report), "--no-flow", "--model", "none", "--quiet", "--password", secret,
                           "--output", str(out)], capture_output=True, text=True, env=env, timeout=900)
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["inputs"][0]["status"] == "ok"
    for f in [*out.rglob("*")]:
        if f.is_file() and not f.is_symlink():
            assert secret.encode() not in f.read_bytes(), f


def _scanned(sample_pdf: Path, target: Path, pages: range) -> Path:
    """Pages of the sample's PDF as a scanner gives them: images only, no text layer."""
    import pdfplumber

    with pdfplumber.open(sample_pdf) as doc:
        images = [doc.pages[i].to_image(resolution=200).original.convert("L") for i in pages]
    images[0].save(target, save_all=True, append_images=images[1:], resolution=200)
    return target


def test_a_scanned_pdf_without_ocr_is_the_clear_refusal(sample_pdf, tmp_path, monkeypatch) -> None:
    scan = _scanned(sample_pdf, tmp_path / "scan.pdf", range(4, 5))
    result = process_report(scan, BLANK)
    assert result.status == "failed" and result.error.endswith("[RX104]") and "no text layer" in result.error
    monkeypatch.setattr(pdf_ingest, "ocr_available", lambda: False)
    asked = process_report(scan, ExtractionConfig(model="none", ocr=True))
    assert asked.status == "failed" and asked.error.endswith("[RX104]")
    assert "--ocr needs Tesseract (Debian: apt-get install tesseract-ocr)" in asked.error


@pytest.mark.slow
@pytest.mark.skipif(not pdf_ingest.ocr_available(), reason="Tesseract (tesseract-ocr) or pytesseract not installed")
def test_a_scanned_pdf_is_read_with_ocr(sample_pdf, tmp_path) -> None:
    """One page of the sample as a scan, read with --ocr: nearly every figure of that page."""
    scan = _scanned(sample_pdf, tmp_path / "scan.pdf", range(4, 5))
    result = process_report(scan, ExtractionConfig(model="none", ocr=True))
    printed = {c["surface"] for c in process_report(sample_pdf, BLANK).tables["claims"] if c["page"] == 5}
    read = {c["surface"] for c in _claims_rows(result)}
    assert len(printed) >= 4
    assert len(read & printed) >= 0.75 * len(printed), (sorted(printed - read), sorted(read - printed))


def _claims_rows(result) -> list[dict]:
    assert result.status == "ok", result.error
    return result.tables["claims"]
