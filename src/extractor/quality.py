"""A quality summary per document that needs no gold: what a careful reader checks first.

    python -m extractor.quality dumps ../shared/corpus/pdf output/corpus-text   # text dumps, as users make them
    python -m extractor.quality dumps --layout ../shared/corpus/pdf output/corpus-layout   # pdftotext -layout
    python -m extractor.quality summary output/corpus                          # quality.csv beside the tables

Read from a run's tables only. Per document:

* ``markers_resolved``: the share of body markers resolved to a note (citations.resolved);
* ``notes_uncited``: the share of notes no marker cites;
* ``claims_note_like``, ``claims_caption_like``, ``claims_furniture_like``: the share of claims whose
  sentence reads like a footnote ("12 United Nations, ..."), a caption or source line ("Figure 3:",
  "Source: ..."), or page furniture ("4/17 25-09656", "Page 10"): each a sign of text that layout
  repair left in the body;
* ``claims_per_100_sentences``, ``places_per_100_sentences``: how much each table finds;
* ``places_untyped`` and ``places_without_country``: places typed ``other``; places of a type that
  lies in one country (not a continent or region) without one;
* ``errors`` and ``warnings``: the document's failed critical and warning expectations.

``make corpus`` runs the flow over the development corpus, PDFs and both kinds of text dump, and writes
``output/corpus*/quality.csv``; ``tests/test_corpus.py`` holds each report to floors.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import pandas as pd

#: Shapes of sentences that are not body text (diagnostics only, not extraction rules).
NOTE_LIKE = re.compile(r"^\d{1,3}\s+[A-Z].*(?:\b(?:19|20)\d\d\b|https?://|www\.|\bp{1,2}\.\s?\d)")
CAPTION_LIKE = re.compile(r"^(?:Figure|Fig\.|Table|Chart|Graph|Box|Map|Exhibit|Source|Sources|Note|Notes)\b\s*"
                          r"(?:[\dIVX]+[\d.-]*\s*[:.]|:)", re.IGNORECASE)
FURNITURE_LIKE = re.compile(r"^(?:\d{1,4}\s*/\s*\d{1,4}\b|page\s*\d+\b|\d+\s+of\s+\d+\b)|\b\d{2}-\d{5}\b", re.IGNORECASE)
#: Types of places that lie in one country.
_NATIONAL_TYPES = frozenset({"country", "province", "autonomous_region", "municipality", "prefecture", "city",
                             "county", "district", "township", "village"})
COLUMNS = ["doc_id", "source_path", "status", "markers_resolved", "notes_uncited", "claims_note_like",
           "claims_caption_like", "claims_furniture_like", "claims_per_100_sentences", "places_per_100_sentences",
           "places_untyped", "places_without_country", "errors", "warnings"]


def _share(mask: pd.Series) -> float | None:
    return round(float(mask.mean()), 3) if len(mask) else None


def summary(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per document of a run's tables (``frames``: the run's tables by name)."""
    rows = []
    results = frames.get("validation_results", pd.DataFrame(columns=["doc_id", "severity", "success"]))
    for doc in frames["documents"].itertuples():
        of = {name: frame[frame["doc_id"] == doc.doc_id] for name, frame in frames.items()
              if name in ("claims", "citations", "notes", "places")}
        claims, citations, notes, places = of["claims"], of["citations"], of["notes"], of["places"]
        sentences = claims["sentence"].fillna("").str.strip()
        n_sentences = (doc.n_sentences or 0) if not pd.isna(doc.n_sentences) else 0
        failed = results[(results["doc_id"] == doc.doc_id) & ~results["success"].fillna(True).astype(bool)]
        rows.append({
            "doc_id": doc.doc_id, "source_path": doc.source_path, "status": doc.status,
            "markers_resolved": _share(citations["resolved"].fillna(False).astype(bool)),
            "notes_uncited": _share(notes["n_citations"].fillna(0) == 0),
            "claims_note_like": _share(sentences.str.match(NOTE_LIKE)),
            "claims_caption_like": _share(sentences.str.match(CAPTION_LIKE)),
            "claims_furniture_like": _share(sentences.str.contains(FURNITURE_LIKE)),
            "claims_per_100_sentences": round(100 * len(claims) / n_sentences, 1) if n_sentences else None,
            "places_per_100_sentences": round(100 * len(places) / n_sentences, 1) if n_sentences else None,
            "places_untyped": _share(places["place_type"].fillna("other") == "other"),
            "places_without_country": _share(places["place_type"].isin(_NATIONAL_TYPES) & places["country"].isna()),
            "errors": int((failed["severity"] == "critical").sum()),
            "warnings": int((failed["severity"] != "critical").sum()),
        })
    return pd.DataFrame(rows, columns=COLUMNS)


def text_dump(pdf: Path) -> str:
    """A PDF as users dump it: pdfplumber's text of each page, pages joined by a blank line."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        return "\n\n".join(page.extract_text() or "" for page in document.pages)


def layout_dump(pdf: Path) -> str:
    """A PDF as ``pdftotext -layout`` dumps it (Debian's poppler-utils): pages ended by form
    feeds, the columns of a page side by side as they stand on it."""
    import subprocess

    done = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    dumps = sub.add_parser("dumps", help="write a text dump of every PDF in a folder")
    dumps.add_argument("pdfs", type=Path)
    dumps.add_argument("out", type=Path)
    dumps.add_argument("--layout", action="store_true", help="dump with pdftotext -layout, not pdfplumber")
    summ = sub.add_parser("summary", help="write quality.csv for a run's output folder and print it")
    summ.add_argument("output", type=Path)
    args = parser.parse_args()
    if args.command == "dumps":
        import shutil

        if args.layout and shutil.which("pdftotext") is None:
            print("pdftotext not found (Debian package poppler-utils): no layout dumps")
            return
        args.out.mkdir(parents=True, exist_ok=True)
        for pdf in sorted(args.pdfs.glob("*.pdf")):
            try:
                text = layout_dump(pdf) if args.layout else text_dump(pdf)
            except Exception as exc:  # noqa: BLE001 - a PDF pdfplumber cannot read has no dump
                print(f"{pdf}: no text dump ({type(exc).__name__}: {exc})")
                continue
            (args.out / f"{pdf.stem}.txt").write_text(text, encoding="utf-8")
        return
    from extractor.runner import frames_from_output

    table = summary(frames_from_output(args.output))
    table.to_csv(args.output / "quality.csv", index=False)
    with pd.option_context("display.width", 250, "display.max_columns", 20, "display.max_colwidth", 40):
        print(table.drop(columns=["source_path"]).to_string(index=False))


if __name__ == "__main__":
    main()
