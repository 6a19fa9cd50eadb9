"""``report-extract show CLAIM_ID``: a claim's page drawn with its figure highlighted, as a PNG.

Reads the run's ``claims`` and ``documents`` tables (Parquet) from the output folder; the PDF is
read again from ``documents.source_path``. A claim id the tables do not hold, a claim without a
box, or a claim of a text dump is a one-line :class:`~extractor.errors.ShowError`.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from extractor.errors import ShowError
from extractor.provenance import BOX_COLUMNS
from extractor.review.crops import PAGE_RESOLUTION, PdfPages, save_png

#: Where ``show`` writes when no ``--to`` is given: ``OUTPUT/show/CLAIM_ID.png``.
SHOW_DIRNAME = "show"


def show_claim(claim_id: str, output_dir: str | Path = "output", to: str | Path | None = None,
               resolution: int = PAGE_RESOLUTION) -> Path:
    """Draw the page of claim ``claim_id`` with its surface highlighted to a PNG; its path."""
    output_dir = Path(output_dir)
    claims_path, documents_path = output_dir / "claims.parquet", output_dir / "documents.parquet"
    if not claims_path.is_file() or not documents_path.is_file():
        raise ShowError(output_dir, "no claims here: run `report-extract run ... --output` into this folder first")
    claims = pd.read_parquet(claims_path)
    found = claims[claims["claim_id"] == claim_id]
    if found.empty:
        raise ShowError(claims_path, f"no claim with id {claim_id!r}")
    claim = found.iloc[0]
    documents = pd.read_parquet(documents_path)
    doc = documents[documents["doc_id"] == claim["doc_id"]].iloc[0]
    where = f"page {claim['page']}: {claim['surface']!r} in {claim['sentence']!r}"
    if doc["source_format"] != "pdf":
        raise ShowError(doc["source_path"], f"claim {claim_id} comes from a text dump, which has no page to draw "
                                            f"({where})")
    if any(pd.isna(claim[k]) for k in BOX_COLUMNS):
        raise ShowError(doc["source_path"], f"claim {claim_id} was not found among the words of its page ({where})")
    pdf_path = Path(doc["source_path"])
    if not pdf_path.is_file():
        raise ShowError(pdf_path, f"the report of claim {claim_id} is no longer here")
    target = Path(to) if to else output_dir / SHOW_DIRNAME / f"{claim_id}.png"
    with PdfPages(pdf_path) as pages:
        image = pages.highlighted(int(claim["page"]), [tuple(float(claim[k]) for k in BOX_COLUMNS)], resolution)
        return save_png(image, target)
