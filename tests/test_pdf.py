"""The PDF backend on real PDFs typeset by tests/pdfgen.py, and on deliberately broken ones."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.errors import LimitExceededError
from extractor.ingest.pdf import read_pdf_report
from extractor.model import BlockKind
from extractor.pipeline import ExtractionConfig, load_document, process_report
from tests import pdfgen


@pytest.fixture(scope="session")
def pdf_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pdfs")


@pytest.fixture(scope="session")
def circled_pdf(pdf_dir, sample_text) -> Path:
    return pdfgen.generate_report_pdf(sample_text, pdf_dir / "report-circled.pdf", markers="circled")


@pytest.fixture(scope="session")
def digits_pdf(pdf_dir, sample_text) -> Path:
    return pdfgen.generate_report_pdf(sample_text, pdf_dir / "report-digits.pdf", markers="digits")


@pytest.fixture(scope="session")
def circled_pages(circled_pdf):
    return read_pdf_report(circled_pdf)


@pytest.fixture(scope="session")
def circled_doc(circled_pdf):
    return load_document(circled_pdf)


def _lines(pages, **flag):
    key, value = next(iter(flag.items()))
    return [ln for p in pages for ln in p.lines if getattr(ln, key) is value]


def test_running_heads_and_page_numbers_are_flagged(circled_pages):
    heads = [ln.text for ln in _lines(circled_pages, is_header=True)]
    n = len(circled_pages)
    assert sum(1 for t in heads if t.isdigit()) >= n - 2  # a number on every page but the title page
    assert sum(1 for t in heads if "Better Life" in t) >= n - 2
    body = [ln.text for ln in _lines(circled_pages, is_header=False)]
    assert not any(t.strip().isdigit() for t in body)


def test_notes_are_flagged_and_start_with_their_marker(circled_pages):
    notes = _lines(circled_pages, is_note=True)
    starts = [ln.text for ln in notes if ln.text[:1] in pdfgen.CIRCLED]
    assert len(starts) >= 60
    assert all(not ln.is_header and not ln.is_table for ln in notes)


@pytest.mark.parametrize("which,marker", [("circled", "^\u2460"), ("digits", "^1")])
def test_raised_markers_become_caret_markers(which, marker, circled_pages, digits_pdf):
    pages = circled_pages if which == "circled" else read_pdf_report(digits_pdf)
    body = " ".join(ln.text for ln in _lines(pages, is_note=False))
    assert f"rate reached 90%.{marker}" in body
    assert "90%.1" not in body and "901" not in body
    if which == "digits":
        notes = [ln.text for ln in _lines(pages, is_note=True)]
        assert any(re.match(r"\^1 \S", t) for t in notes)


def test_table_is_kept_out_of_the_text(circled_pages, circled_doc):
    rows = [ln.text for ln in _lines(circled_pages, is_table=True)]
    assert rows and all(" | " in r for r in rows)
    assert any("1,952" in r for r in rows)
    body = "\n\n".join(b.text for b in circled_doc.body_blocks())
    assert "1,952" not in body and "172.8" not in body
    # the table's text follows the body and the notes, read for places only
    tables = [b for b in circled_doc.blocks if b.kind == BlockKind.TABLE]
    assert tables and all(circled_doc.text[b.char_start:b.char_end] == b.text for b in tables)
    assert min(b.char_start for b in tables) > max(n.char_end for n in circled_doc.notes)


def test_two_column_page_reads_column_by_column(circled_doc):
    text = " ".join(circled_doc.text.split())
    assert "after the completion of the bridges over the river, when farmers on the Ethiopian plateau" in text


def test_hyphenation_and_page_breaks_are_repaired(circled_doc):
    text = " ".join(circled_doc.text.split())
    assert "the overall employment rate reached 90%" in text  # "em-" at a page foot + "ployment"
    assert "China set a five-year transitional period" in text  # a sentence across a page break
    assert "Presi- dent" not in text and "em- ployment" not in text


def test_notes_resolve_to_the_notes_of_their_page(circled_doc):
    assert len(circled_doc.notes) >= 60
    pages_with_notes = {n.page for n in circled_doc.notes}
    assert all(m.page in pages_with_notes for m in circled_doc.markers)


def test_generation_is_deterministic(pdf_dir, sample_text, circled_pdf):
    again = pdfgen.generate_report_pdf(sample_text, pdf_dir / "again.pdf", markers="circled")
    assert again.read_bytes() == circled_pdf.read_bytes()


# ------------------------------------------------------------------------------------------
# Broken input: one failed row with a one-line error each, and the batch goes on


@pytest.fixture(scope="session")
def broken(pdf_dir, circled_pdf) -> dict[str, Path]:
    return {
        "encrypted": pdfgen.make_encrypted_pdf(pdf_dir / "encrypted.pdf"),
        "scanned": pdfgen.make_scanned_pdf(pdf_dir / "scanned.pdf"),
        "truncated": pdfgen.make_truncated_pdf(circled_pdf, pdf_dir / "truncated.pdf"),
        "corrupt": pdfgen.make_corrupt_pdf(pdf_dir / "corrupt.pdf"),
        "zero-page": pdfgen.make_zero_page_pdf(pdf_dir / "zero-page.pdf"),
        "large": pdfgen.make_many_pages_pdf(pdf_dir / "large.pdf", 8),
    }


EXPECTED = {
    "encrypted": ("RX103", "encrypted"),
    "scanned": ("RX104", "no text layer"),
    "truncated": ("RX105", "truncated"),
    "corrupt": ("RX105", "damaged"),
    "zero-page": ("RX101", "no pages"),
    "large": ("RX106", "more than the limit of 5"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_pdf_gives_a_failed_row_with_a_one_line_error(name, broken):
    path = broken[name]
    result = process_report(path, ExtractionConfig(model="none", max_pages=5))
    code, reason = EXPECTED[name]
    assert result.status == "failed"
    assert result.error and "\n" not in result.error and "Traceback" not in result.error
    assert str(path) in result.error and code in result.error and reason in result.error
    (row,) = result.tables["documents"]
    assert row["status"] == "failed" and row["error"] == result.error


def test_a_batch_goes_on_after_broken_files(broken, circled_pdf):
    results = [process_report(p, ExtractionConfig(model="none", max_pages=5)) for p in broken.values()]
    assert all(r.status == "failed" for r in results)
    ok = process_report(circled_pdf, ExtractionConfig(model="none"))
    assert ok.status == "ok", ok.error


def test_timeout_is_a_limit_error(broken):
    with pytest.raises(LimitExceededError, match="timeout_s"):
        read_pdf_report(broken["large"], timeout_s=0.0)


def _scores(frames, gold_claims, gold_citations, gold_places) -> dict[str, tuple[float, float]]:
    from tests.scoring import match_claims, norm

    claims = frames["claims"].to_dict("records")
    pairs, _, _ = match_claims(claims, gold_claims)
    out = {"claims": (len(pairs) / max(len(claims), 1), len(pairs) / len(gold_claims))}
    cites = frames["citations"].to_dict("records")
    used: set[int] = set()
    for g in gold_citations:
        hit = next((i for i, c in enumerate(cites) if i not in used and c["marker"] == g["marker"]
                    and norm(g["anchor"]) in norm(c["cited_sentence"])
                    and norm(g["note_start"]) in norm(c["note_text"])), None)
        if hit is not None:
            used.add(hit)
    out["citations"] = (len(used) / max(len(cites), 1), len(used) / len(gold_citations))
    names = {norm(n).removeprefix("the ") for n in frames["places"]["name"]}
    alias = {norm(a).removeprefix("the "): i for i, g in enumerate(gold_places)
             for a in [g["name"], *g["aliases"].split("|")] if a.strip()}
    found = {alias[n] for n in names if n in alias}
    out["places"] = (sum(1 for n in names if n in alias) / max(len(names), 1), len(found) / len(gold_places))
    return out


def test_pdf_scores_match_the_text_path_table_by_table(circled_pdf, sample_path, gold_claims, gold_citations,
                                                        gold_places):
    from extractor.pipeline import combine

    pdf = _scores(combine([process_report(circled_pdf, ExtractionConfig(model="none"))]),
                  gold_claims, gold_citations, gold_places)
    txt = _scores(combine([process_report(sample_path, ExtractionConfig(model="none"))]),
                  gold_claims, gold_citations, gold_places)
    for table in ("claims", "citations", "places"):
        for label, a, b in zip(("precision", "recall"), pdf[table], txt[table]):
            assert abs(a - b) <= 0.02, f"{table} {label}: pdf {a:.3f} vs text {b:.3f}"


def _letter_spaced_pdf(path: Path, spacing: float) -> Path:
    """A page of the sample's sentences set in 11 pt Helvetica with ``spacing`` points between
    letters (as an OCR text layer or wide tracking sets them)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(pdfgen.FIXED_DATE)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.set_char_spacing(spacing)
    for text in ("In 2024, per capita disposable income of rural residents reached 17,522 yuan.",
                 "All 832 impoverished counties have been removed from the poverty list.",
                 "The official reserves rose to a positive US$5 billion at the end of 1978."):
        pdf.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


@pytest.mark.parametrize("spacing", [0.0, 2.5])
def test_letter_spaced_text_is_read_as_words(tmp_path, spacing):
    """A page whose letters stand apart reads as words ("o f f i c i a l" was what the PDF
    backend read of an IMF scan's OCR layer: its figures lost their scale words), and a page set
    normally reads as before."""
    import pdfplumber

    from extractor.ingest.pdf import X_TOLERANCE_RATIO, scan_page

    pdf = _letter_spaced_pdf(tmp_path / "spaced.pdf", spacing)
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        plain = [w["text"] for w in page.extract_words(x_tolerance_ratio=X_TOLERANCE_RATIO)]
        words = [w.text for w in scan_page(page).words]
    assert (sum(len(w) == 1 for w in plain) > len(plain) / 2) is (spacing > 0)
    assert "impoverished" in words and "17,522" in words and "billion" in words
    claims = {(c["surface"], c["unit"]) for c in process_report(str(pdf)).tables["claims"]}
    assert {("17,522 yuan", "CNY"), ("832", "county"), ("US$5 billion", "USD")} <= claims


def test_a_heading_across_the_gutter_is_read_whole_and_columns_stay_apart():
    """Two columns of body text (gutter 300-312) with a heading centred over both, one gap
    between its words falling in the gutter: the heading is one line, above both columns."""
    from extractor.ingest.pdf_geometry import Word, reading_order

    def row(x: float, top: float, n: int = 6) -> list[Word]:
        return [Word("word", x + 40 * k, x + 40 * k + 34, top, top + 11, 11.0) for k in range(n)]

    words = [w for t in range(100, 240, 14) for w in row(60, t) + row(312, t)]
    heading = [("Authorization", 177, 265), ("Acts", 269, 299), ("and", 303, 325), ("Appropriation", 329, 418)]
    words += [Word(text, x0, x1, 250, 264, 14.0) for text, x0, x1 in heading]
    words += [w for t in range(280, 360, 14) for w in row(60, t) + row(312, t)]
    lines = reading_order(words, 11.0, 612.0)
    texts = [ln.plain_text() for ln in lines]
    assert "Authorization Acts and Appropriation" in texts
    at = texts.index("Authorization Acts and Appropriation")
    assert [ln.column for ln in lines[:at]] == ["left"] * 10 + ["right"] * 10
    assert all(ln.column != "span" for ln in lines[at + 1:]) and len(lines) == 2 * (10 + 6) + 1


def _line(text: str, top: float, x0: float = 72.0, size: float = 8.0):
    from extractor.ingest.pdf_geometry import Line, Word

    words, x = [], x0
    for t in text.split():
        words.append(Word(t, x, x + 5 * len(t), top, top + size, size))
        x += 5 * len(t) + 3
    return Line(words, size=size, baseline=top + size)


def test_notes_of_one_wording_stacked_at_a_page_foot_are_no_running_footer():
    """Three pages whose notes read alike ("50 Requirement 2.1.1.1."), stacked at the foot, under
    a footer that recurs: the footer is page furniture, the notes are not."""
    from extractor.ingest.pdf_zones import mark_running_heads

    pages = []
    for p in range(3):
        body = [_line("Body text of the page runs on here", 100 + 12 * k, size=10.0) for k in range(20)]
        notes = [_line(f"{50 + 3 * p + k} Requirement 2.1.{p}.{k}.", 700 + 10 * k) for k in range(3)]
        pages.append([*body, *notes, _line(f"Page {p + 1} Publisher", 760)])
    mark_running_heads(pages, [792.0] * 3)
    for lines in pages:
        assert [ln.kind for ln in lines[-4:]] == ["body", "body", "body", "header"]


def test_short_notes_of_one_wording_keep_their_numbers_in_a_real_pdf():
    """Fundar's lithium report prints many notes that read "Requirement 2.1.4.1." at page feet;
    every one is a note, so the markers that cite them resolve."""
    from tests.corpus import corpus_pdf

    pages = read_pdf_report(corpus_pdf("fundar-lithium-mining-rules-argentina-2024"))
    notes = {ln.text.split()[0] for p in pages for ln in p.lines if ln.is_note and ln.text.startswith("^")}
    assert {f"^{n}" for n in range(50, 58)} <= notes


def _prose_row(x: float, top: float, n: int, size: float = 11.0):
    from extractor.ingest.pdf_geometry import Word

    return [Word("word", x + 40 * k, x + 40 * k + 34, top, top + size, size) for k in range(n)]


def test_columns_under_full_width_text_are_read_column_by_column():
    """A page whose top runs the full width (a goal's statement over eight lines) and whose rest
    is set in two columns (gutter 300-312): no gutter runs down the whole page, yet the columns
    below are read one after the other, and the full-width lines stay whole above them."""
    from extractor.ingest.pdf_geometry import reading_order

    words = [w for t in range(80, 192, 14) for w in _prose_row(60, t, 13)]
    words += [w for t in range(220, 500, 14) for w in _prose_row(60, t, 6) + _prose_row(312, t, 6)]
    lines = reading_order(words, 11.0, 612.0)
    assert [ln.column for ln in lines] == ["full"] * 8 + ["left"] * 20 + ["right"] * 20
    assert all(len(ln.words) == 13 for ln in lines[:8]) and all(len(ln.words) == 6 for ln in lines[8:])


def test_a_table_under_full_width_text_keeps_its_rows():
    """The same page with a table in place of the columns (a label, then a row of figures a
    gap to its right): each row stays one line; its figures are no second column."""
    from extractor.ingest.pdf_geometry import Word, reading_order

    words = [w for t in range(80, 192, 14) for w in _prose_row(60, t, 13)]
    for t in range(220, 500, 14):
        words += _prose_row(60, t, 6)
        words += [Word(f"{k}.5", 312 + 45 * k, 312 + 45 * k + 30, t, t + 11, 11.0) for k in range(6)]
    lines = reading_order(words, 11.0, 612.0)
    assert len(lines) == 28 and all(ln.column == "full" for ln in lines)


def test_a_real_page_with_full_width_text_over_two_columns_reads_its_sentences_whole():
    """CBO's glossary sets a full-width entry over two columns on one page: each column's
    sentences read whole, not spliced with the other column's lines."""
    from tests.corpus import corpus_pdf

    pages = read_pdf_report(corpus_pdf("cbo-common-budgetary-terms-2021"))
    texts = [ln.text for p in pages for ln in p.lines]
    at = texts.index("Scorekeeping is the process of developing and recording")
    assert texts[at + 1] == "consistent measures of the budgetary effects of proposed"
    assert not any(t.startswith("CBO’s cost estimates typically do not account for the pos- ") for t in texts)
