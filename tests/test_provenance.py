"""Provenance to the page: every PDF claim, marker, note and place mention carries its box, and
the text under the box (pdfplumber ``page.crop(box)``) is what the row says stands there."""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pdfplumber
import pytest

from extractor.pipeline import ExtractionConfig, process_report
from extractor.provenance import BOX_COLUMNS
from tests import pdfgen
from tests.corpus import corpus_names

#: What a row's box must show, by table: the column holding the text printed there.
PRINTED = {"claims": "surface", "place_mentions": "text", "citations": "marker"}


def squeeze(text: str) -> str:
    """Text compared without white space, and without a hyphen a line break printed."""
    return re.sub(r"-\s+", "", re.sub(r"[ \t]+", " ", text)).replace(" ", "").replace("\n", "")


def shows(printed: str, under: str) -> bool:
    """Does the text under a box show ``printed``: all of it, or (a span that runs on to the next
    line, column or page, boxed on its first) a head of it that ends the box's text?"""
    words = printed.split()
    heads = [squeeze(" ".join(words[:k])) for k in range(1, len(words))]  # its first words
    printed, under = squeeze(printed), squeeze(under).rstrip("-\u00ad")
    if printed in under:
        return True
    heads += [printed[:k] for k in range(2, len(printed))]  # a word broken at the line end
    return any(under.endswith(head) for head in heads)


def _chars_of(pdf, number: int):
    """The page reduced to its characters (cropping it then filters nothing else), kept per
    document and page."""
    cache = pdf.__dict__.setdefault("_chars_pages", {})
    if number not in cache:
        cache[number] = pdf.pages[number - 1].filter(lambda obj: obj.get("object_type") == "char")
    return cache[number]


def text_under(pdf, row: dict) -> str:
    """The text pdfplumber reads under a row's box, twice: by position, characters printed twice
    (as some reports set bold) read once; and in the order the page draws them (text printed
    over text, a chart's labels over its lines, reads in no order by position)."""
    page = _chars_of(pdf, row["page"])
    x0, top, x1, bottom = (row[k] for k in BOX_COLUMNS)
    px0, ptop, px1, pbottom = page.bbox
    box = (max(x0, px0), max(top, ptop), min(x1, px1), min(bottom, pbottom))
    crop = page.crop(box)
    return crop.dedupe_chars().extract_text() + "\n" + crop.extract_text(use_text_flow=True)


def misplaced(pdf_path: Path, tables: dict, table: str) -> tuple[int, int, list[tuple]]:
    """(rows, rows with a box, boxed rows whose box does not show their text)."""
    rows = list(tables[table])
    boxed = [r for r in rows if r["x0"] is not None]
    bad = []
    with pdfplumber.open(pdf_path) as pdf:
        for r in boxed:
            under = text_under(pdf, r)
            if not shows(r[PRINTED[table]], under):
                bad.append((r["page"], r[PRINTED[table]], under[:80]))
    return len(rows), len(boxed), bad


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


def _rows(frame) -> list[dict]:
    """A table's rows as the library gives them: a missing box is ``None``, not NaN."""
    rows = [{k: (None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v) for k, v in row.items()}
            for row in frame.to_dict("records")]
    return [{**r, "page": int(r["page"]) if r["page"] is not None else None} for r in rows]


@pytest.mark.slow
@pytest.mark.corpus
def test_corpus_claim_boxes_show_their_surface(corpus_batch, capsys):
    """Every boxed claim of the 22 corpus PDFs (as written by one batch run): the text under its
    box contains its surface.

    Where a report prints text over text (a chart's labels over its lines) pdfplumber may read a
    crop in another order than the line's: at most 2% of a report's boxed claims may fail so.
    At least 80% of each report's claims and 95% of all have a box (the share is printed)."""
    _, frames, _ = corpus_batch
    claims = frames["claims"]
    lines, total, total_boxed = [], 0, 0
    for doc in frames["documents"].itertuples():
        name = Path(doc.source_path).stem
        if doc.status != "ok":
            lines.append(f"{name}: {doc.error}")
            continue
        n, boxed, bad = misplaced(Path(doc.source_path), {"claims": _rows(claims[claims["doc_id"] == doc.doc_id])},
                                  "claims")
        total, total_boxed = total + n, total_boxed + boxed
        lines.append(f"{name}: {n} claims, {boxed} boxed ({boxed / max(n, 1):.1%}), {len(bad)} not shown")
        assert len(bad) <= max(1, 0.02 * boxed), (name, bad[:5])
        assert boxed >= 0.8 * n, (name, n, boxed)
    assert len(lines) == len(corpus_names()) and total > 1000
    assert total_boxed >= 0.95 * total
    with capsys.disabled():
        print("\n" + "\n".join(lines) + f"\nall: {total_boxed} of {total} claims boxed ({total_boxed / max(total, 1):.1%})")
