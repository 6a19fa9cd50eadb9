"""Score the extractors on the corpus reports that have hand-made gold (tests/fixtures/corpus_gold/),
by the yardstick (../shared/eval/score.py), on the PDF and on a user's text dump of it.

    .venv/bin/python -m tests.corpus_scores development       # the reports the rules may be tuned on
    .venv/bin/python -m tests.corpus_scores development-headings   # four more, headings only
    .venv/bin/python -m tests.corpus_scores test              # scored once, at the end
    .venv/bin/python -m tests.corpus_scores test-2            # a second test set, scored once

Prints one row per report and path: F1 of claims (digits), claims (all), citations, places and
sections, and the claims' unit and year accuracy.
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.corpus import CORPUS, SHARED, text_dump

GOLD = Path(__file__).resolve().parent / "fixtures" / "corpus_gold"
SCORER = SHARED / "eval" / "score.py"
SPLITS = {
    "development": ["crs-strait-of-hormuz-shipping-2026", "bea-gdp-q1-technical-note-2021",
                    "fundar-industrial-policy-renaissance-2024"],
    # Sections-only gold (headings), four publishers: scored on the tables whose gold exists.
    "development-headings": ["crs-highway-bridges-funding-2026", "gao-doe-advanced-energy-technologies-2006",
                             "worldbank-cambodia-scd-overview-2017", "opm-annual-performance-report-fy2019"],
    "test": ["gao-testimony-gao-act-2008", "worldbank-thailand-scd-summary-2016",
             "ntsb-aviation-accident-final-report-2007"],
    # Written later (keys by hand, no extractor output consulted), for a fresh honest estimate
    # after the first test set had been scored: scored once, at the end of the session it was written in.
    "test-2": ["cbo-common-budgetary-terms-2021", "gao-wic-infant-formula-breastfeeding-briefing-2006",
               "fundar-lithium-mining-rules-argentina-2024"],
    # Places-only gold (issue 17 item 5): the other tables of these reports are not scored.
    "development-places": ["crs-seabed-mining-beyond-national-jurisdiction-2026", "worldbank-turkey-scd-spreads-2016",
                           "imf-gfsr-chapter1-shifting-ground-2025"],
}
#: Which columns each gold file scores.
GOLD_TABLES = {"claims.csv": ("claims digits", "claims all", "unit acc", "year acc"),
               "citations.csv": ("citations",), "places.csv": ("places",), "sections.csv": ("sections",)}
COLUMNS = ("claims digits", "claims all", "unit acc", "year acc", "citations", "places", "sections")


def score(output: Path, gold: Path) -> dict[str, float | None]:
    done = subprocess.run([sys.executable, str(SCORER), "--output", str(output), "--gold", str(gold), "--json"],
                          capture_output=True, text=True, check=True)
    d = json.loads(done.stdout)
    f1 = lambda part: round(part["f1"], 3) if part and "f1" in part else None  # noqa: E731
    claims = d.get("claims", {})
    row = {"claims digits": f1(claims.get("digits")), "claims all": f1(claims.get("all")),
           "unit acc": claims.get("unit_accuracy"), "year acc": claims.get("year_accuracy"),
           "citations": f1(d.get("citations")), "places": f1(d.get("places")), "sections": f1(d.get("sections"))}
    # A report may have gold for some tables only (e.g. headings): the others are not scored.
    for table, columns in GOLD_TABLES.items():
        if not (gold / table).exists():
            row.update(dict.fromkeys(columns))
    return row


def run(names: list[str], model: str) -> list[tuple[str, str, dict[str, float | None]]]:
    from extractor.runner import RunOptions, run_batch

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            pdf = CORPUS / f"{name}.pdf"
            dump = Path(tmp) / f"{name}.txt"
            dump.write_text(text_dump(pdf), encoding="utf-8")
            for path_kind, path in (("pdf", pdf), ("text", dump)):
                out = Path(tmp) / f"{name}-{path_kind}"
                run_batch([path], RunOptions(output_dir=str(out), model=model, use_cache=False, validate=False))
                rows.append((name, path_kind, score(out, GOLD / name)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", choices=sorted(SPLITS))
    parser.add_argument("--model", default="none")
    parser.add_argument("--csv", type=Path, help="also write the rows here")
    args = parser.parse_args()
    rows = run(SPLITS[args.split], args.model)
    print(f"{'report':45} {'path':5} " + " ".join(f"{c:>13}" for c in COLUMNS))
    for name, kind, s in rows:
        print(f"{name:45} {kind:5} " + " ".join(f"{'-' if s[c] is None else s[c]:>13}" for c in COLUMNS))
    if args.csv:
        with args.csv.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["report", "path", *COLUMNS])
            w.writerows([name, kind, *(s[c] for c in COLUMNS)] for name, kind, s in rows)


if __name__ == "__main__":
    main()
