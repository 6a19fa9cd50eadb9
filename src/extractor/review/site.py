"""Writing the review site at the end of a run: ``OUTPUT/review/``.

``index.html`` lists the run's documents and their verdicts; ``DOC_ID.html`` is one document's
page, its crops under ``DOC_ID/crops/`` and its plots under ``DOC_ID/plots/``. The site is built
in a temporary folder beside the old one and put in its place in one rename (the old one
renamed away first), so a reader never sees half a site.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pandas as pd

from extractor.review import pages as P
from extractor.review.crops import PdfPages, save_png
from extractor.review.digest import digest
from extractor.review.findings import Finding, findings

REVIEW_DIRNAME = "review"
#: Findings of one document drawn with crops, at most (the rest listed with their sentences):
#: a report with hundreds of conflicts has a rule to fix, not hundreds of pictures to look at.
MAX_CROPPED_FINDINGS = 40


def write_review_site(out_dir: str | Path, tables: dict[str, pd.DataFrame], run_id: str) -> Path:
    """Write ``out_dir/review/`` for the run's tables; returns the index page's path."""
    out_dir = Path(out_dir)
    final = out_dir / REVIEW_DIRNAME
    staging = out_dir / f".{REVIEW_DIRNAME}-{os.getpid()}-{time.monotonic_ns()}"
    staging.mkdir(parents=True)
    try:
        rows = [document_page(staging, doc, tables) for doc in tables["documents"].itertuples(index=False)]
        (staging / "index.html").write_text(P.index_html(run_id, rows), encoding="utf-8")
        _swap(staging, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return final / "index.html"


def _swap(staging: Path, final: Path) -> None:
    old = final.with_name(f".{final.name}-old-{os.getpid()}-{time.monotonic_ns()}")
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def _mine(tables: dict[str, pd.DataFrame], name: str, doc_id: str) -> pd.DataFrame:
    frame = tables.get(name)
    if frame is None or frame.empty:
        return pd.DataFrame(columns=[] if frame is None else frame.columns)
    return frame[frame["doc_id"] == doc_id]


def document_page(site: Path, doc, tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """Write one document's page (and its crops and plots); its row of the index."""
    doc_id = str(doc.doc_id)
    title = str(doc.title) if isinstance(doc.title, str) and doc.title else Path(str(doc.source_path)).name
    found = findings(doc_id, tables) if doc.status == "ok" else []
    results = _mine(tables, "validation_results", doc_id)
    failed = results[results["success"] == False] if len(results) else results  # noqa: E712
    n_errors = int((failed["severity"] == "critical").sum()) if len(failed) else 0
    n_conflicts = sum(1 for f in found if f.kind == "conflict")
    css, words = P.verdict(str(doc.status), n_conflicts, n_errors, len(failed) - n_errors)
    href = f"{doc_id}.html"
    body = [f"<header><h1>{P.e(title)}</h1>"
            f"<p>{P.verdict_badge(css, words)} <span class=muted>{P.e(doc.source_path)} \u00b7 "
            f"{P.e(doc.source_format)} \u00b7 {P.e(doc.n_pages)} pages</span></p>"
            + (f"<p><strong>Error:</strong> {P.e(doc.error)}</p>" if doc.status != "ok" else "") + "</header>"]
    body.append(f'<section aria-labelledby="findings"><h2 id="findings">Conflicts and failed checks ({len(found)})</h2>'
                + _findings_html(site, doc, title, found) + "</section>")
    if doc.status == "ok":
        plots = digest(doc_id, tables)
        files = {}
        for p in plots:
            rel = f"{doc_id}/plots/{p.key}.svg"
            (site / rel).parent.mkdir(parents=True, exist_ok=True)
            (site / rel).write_text(p.svg, encoding="utf-8")
            files[p.key] = rel
        checks = _mine(tables, "consistency_checks", doc_id)
        body += [f'<section aria-labelledby="digest"><h2 id="digest">Digest</h2>{P.plots_html(plots, files)}</section>',
                 '<section aria-labelledby="figures"><h2 id="figures">Figure groups and relations</h2>'
                 + P.figure_groups_html(checks[checks["status"] == "consistent"] if len(checks) else checks)
                 + "</section>",
                 '<section aria-labelledby="citations"><h2 id="citations">Citations and their sources</h2>'
                 + P.citations_html(_mine(tables, "citations", doc_id)) + "</section>",
                 '<section aria-labelledby="places"><h2 id="places">Places</h2>'
                 + P.places_html(_mine(tables, "places", doc_id)) + "</section>"]
    nav = [("index.html", "All documents"), ("#findings", "Conflicts and failed checks"), ("#digest", "Digest"),
           ("#figures", "Figure groups"), ("#citations", "Citations"), ("#places", "Places")]
    (site / href).write_text(P.page(f"Review: {title}", nav, "".join(body),
                                    f"{P.e(doc_id)} \u00b7 written by report-extractor. No script, no network."),
                             encoding="utf-8")
    claims = _mine(tables, "claims", doc_id)
    citations = _mine(tables, "citations", doc_id)
    return {"href": href, "title": title, "file": Path(str(doc.source_path)).name, "format": str(doc.source_format),
            "pages": P.e(doc.n_pages), "claims": str(len(claims)), "citations": str(len(citations)),
            "places": str(len(_mine(tables, "places", doc_id))), "conflicts": str(n_conflicts),
            "failed": str(len(failed)), "css": css, "verdict": words}


def _findings_html(site: Path, doc, title: str, found: list[Finding]) -> str:
    if not found:
        return '<p class="ok">None: every consistency check holds and every expectation passed.</p>'
    pdf = Path(str(doc.source_path))
    drawable = doc.source_format == "pdf" and pdf.is_file()
    pages = PdfPages(pdf) if drawable else None
    out = []
    try:
        for n, f in enumerate(found, start=1):
            spots = []
            for spot in f.spots:
                crop = region = None
                why = "a text dump" if doc.source_format != "pdf" else (
                    "the report file is not here" if pages is None else "not found among its page's words")
                if pages is not None and spot.box is not None and spot.page and n <= MAX_CROPPED_FINDINGS:
                    rel = f"{doc.doc_id}/crops/{spot.row_id}.png"
                    region = pages.band_region(spot.page, [spot.box])
                    if not (site / rel).exists():
                        save_png(pages.band(spot.page, [spot.box])[0], site / rel)
                    crop = rel
                elif pages is not None and spot.box is not None:
                    why = f"only the first {MAX_CROPPED_FINDINGS} findings are drawn"
                spots.append(P.spot_html(spot, crop, region, title, why))
            out.append(P.finding_html(f, "".join(spots), n))
    finally:
        if pages is not None:
            pages.close()
    return "".join(out)
