"""The whole development corpus (22 real reports in PDF, ``../shared/corpus/pdf``) through one
batch run, as a scheduled run would process a folder of reports from many publishers.

Every report is processed without a crash (a report that cannot be read is one failed
``documents`` row with an RX error naming the problem, never RX999), and validation raises no
error: every critical expectation holds on every report; what the reports themselves get wrong
(uncited notes, scheme-less URLs, markers without a note) are warnings. Each report holds the
quality floors recorded for it, and the box of every PDF claim shows the claim on its page.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.boxes import misplaced, table_rows
from tests.corpus import corpus_names, run_corpus_batch

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


@pytest.fixture(scope="module")
def corpus_batch(tmp_path_factory):
    """The whole corpus through one validated batch run without a model, as a scheduled run would
    process it: ``(summary, frames, output folder)``. Run once; every test here reads it (``make
    test`` gives each test module to one pytest-xdist worker, ``--dist loadfile``)."""
    from extractor.runner import frames_from_output
    from tests.corpus import CORPUS

    if not corpus_names():
        pytest.skip(f"the development corpus is not here ({CORPUS})")
    out = tmp_path_factory.mktemp("corpus")
    summary = run_corpus_batch(out)
    return summary, frames_from_output(out), out


@pytest.fixture(scope="module")
def corpus_run(corpus_batch):
    summary, frames, _ = corpus_batch
    return summary, frames


def test_every_corpus_report_is_processed(corpus_run):
    summary, frames = corpus_run
    documents = frames["documents"]
    assert len(documents) == len(corpus_names())
    failed = documents[documents["status"] != "ok"]
    assert not failed["error"].fillna("").str.contains("RX999").any(), failed["error"].tolist()
    assert (documents["status"] == "ok").sum() >= len(corpus_names()) - 1, failed["error"].tolist()


def test_validation_raises_no_error_on_the_corpus(corpus_run):
    summary, frames = corpus_run
    results = frames["validation_results"]
    critical = results[(results["severity"] == "critical") & ~results["success"].astype(bool)]
    assert critical.empty, critical[["doc_id", "table", "expectation", "column", "details"]].to_string()[:3000]
    assert summary.validation["success"] and summary.validation["errors"] == 0


def test_no_conflict_is_raised_on_the_corpus(corpus_run):
    """Every conflict found on the corpus while the checks were developed was a false alarm (a
    reference taken for a share, two columns interleaved, a bare noun taken for one figure), and
    the rules were fixed: a conflict here is to be read before anything else."""
    _, frames = corpus_run
    checks = frames["consistency_checks"]
    assert len(checks) > 200
    assert checks[checks["status"] == "conflict"]["message"].tolist() == []
    assert (frames["cross_report_checks"]["status"] != "conflict").all()


def test_each_report_holds_its_quality_floors(corpus_run):
    """Each corpus report's quality summary (no gold needed: markers resolved, notes never cited,
    claims that read like notes, captions or furniture, what each table finds) holds the floors
    recorded in tests/fixtures/corpus_quality_floors.csv (see tests/quality_floors.py)."""
    from extractor.quality import summary
    from tests.quality_floors import below_floors

    _, frames = corpus_run
    assert below_floors(summary(frames)) == []


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
        n, boxed, bad = misplaced(Path(doc.source_path), {"claims": table_rows(claims[claims["doc_id"] == doc.doc_id])},
                                  "claims")
        total, total_boxed = total + n, total_boxed + boxed
        lines.append(f"{name}: {n} claims, {boxed} boxed ({boxed / max(n, 1):.1%}), {len(bad)} not shown")
        assert len(bad) <= max(1, 0.02 * boxed), (name, bad[:5])
        assert boxed >= 0.8 * n, (name, n, boxed)
    assert len(lines) == len(corpus_names()) and total > 1000
    assert total_boxed >= 0.95 * total
    with capsys.disabled():
        print("\n" + "\n".join(lines) + f"\nall: {total_boxed} of {total} claims boxed ({total_boxed / max(total, 1):.1%})")
