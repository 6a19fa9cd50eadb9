"""Provenance to the page: every PDF claim, marker, note and place mention carries its box, and
the text under the box (pdfplumber ``page.crop(box)``) is what the row says stands there."""
from __future__ import annotations

import pdfplumber
import pytest

from extractor.pipeline import ExtractionConfig, process_report
from extractor.provenance import BOX_COLUMNS
from tests import pdfgen
from tests.boxes import PRINTED, misplaced, squeeze, text_under


@pytest.fixture(scope="module")
def typeset(tmp_path_factory, sample_text):
    """The sample typeset as a PDF (superscript digit markers), and its extraction."""
    pdf = pdfgen.generate_report_pdf(sample_text, tmp_path_factory.mktemp("prov") / "sample.pdf", markers="digits")
    result = process_report(pdf, ExtractionConfig(model="none"))
    assert result.status == "ok", result.error
    return pdf, result.tables


@pytest.mark.parametrize("table", sorted(PRINTED))
def test_every_row_of_the_typeset_sample_has_a_box_showing_its_text(typeset, table):
    pdf, tables = typeset
    n, boxed, bad = misplaced(pdf, tables, table)
    assert n and boxed == n, f"{table}: {n - boxed} of {n} rows without a box"
    assert not bad, bad[:5]


def test_a_note_box_holds_the_note_on_its_page(typeset):
    pdf, tables = typeset
    notes = tables["notes"]
    assert notes and all(r["x0"] is not None for r in notes)
    with pdfplumber.open(pdf) as document:
        for r in notes[:20]:
            words = r["note_text"].split()
            under = squeeze(text_under(document, r))
            assert squeeze(" ".join(words[:4])) in under, (r["page"], r["note_text"][:60], under[:120])
            page = document.pages[r["page"] - 1]
            assert r["top"] > page.height / 2  # a footnote, at the foot of its page


def test_a_claim_over_a_line_break_gets_the_box_of_both_lines(typeset):
    pdf, tables = typeset
    tall = [r for r in tables["claims"] if r["bottom"] - r["top"] > 20]  # two body lines (14 pt pitch)
    assert tall, "the typeset sample breaks some figure over two lines"
    with pdfplumber.open(pdf) as document:
        for r in tall:
            assert squeeze(r["surface"]) in squeeze(text_under(document, r))


def test_text_input_has_no_boxes(sample_result):
    for table in ("claims", "notes", "citations", "place_mentions"):
        rows = sample_result.tables[table]
        assert rows and all(all(r[k] is None for k in BOX_COLUMNS) for r in rows), table
