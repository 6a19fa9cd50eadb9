"""Floors for each corpus report's quality summary (``extractor.quality``), recorded from a run
and held by ``tests/test_corpus.py`` so that no later rule change quietly makes a report worse.

    .venv/bin/python -m tests.quality_floors record    # runs the corpus as the test does, records

A share that should be high (markers resolved) may not fall more than ``SLACK`` below what was
recorded; a share that should be low (notes never cited, claims whose sentence reads like a note,
a caption or page furniture, places untyped or without a country) may not rise more than
``SLACK`` above it; how much a table finds per 100 sentences may not fall below ``KEEP`` of it;
no report may have a validation error.
"""
from __future__ import annotations

import argparse
import csv
from pathlib import Path

import pandas as pd

FLOORS = Path(__file__).resolve().parent / "fixtures" / "corpus_quality_floors.csv"
SLACK = 0.05
KEEP = 0.8
#: Column of the quality summary -> how it is held.
HIGHER_IS_BETTER = ("markers_resolved",)
LOWER_IS_BETTER = ("notes_uncited", "claims_note_like", "claims_caption_like", "claims_furniture_like",
                   "places_untyped", "places_without_country")
FOUND = ("claims_per_100_sentences", "places_per_100_sentences")


def report_name(source_path: str) -> str:
    return Path(source_path).stem


def record(summary: pd.DataFrame, path: Path = FLOORS) -> None:
    """Write the summary's values as the floors, one row per report (by file stem)."""
    columns = ["report", "status", *HIGHER_IS_BETTER, *LOWER_IS_BETTER, *FOUND]
    rows = []
    for row in summary.sort_values("source_path").to_dict("records"):
        rows.append({"report": report_name(row["source_path"]), "status": row["status"],
                     **{c: ("" if pd.isna(row[c]) else row[c]) for c in columns[2:]}})
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def read() -> dict[str, dict[str, str]]:
    with FLOORS.open(newline="", encoding="utf-8") as f:
        return {row["report"]: row for row in csv.DictReader(f)}


def below_floors(summary: pd.DataFrame) -> list[str]:
    """What falls below its recorded floor, one line per report and measure (empty: all hold)."""
    floors, problems = read(), []
    for row in summary.to_dict("records"):
        name = report_name(row["source_path"])
        floor = floors.get(name)
        if floor is None:
            problems.append(f"{name}: no floor recorded (python -m tests.quality_floors record OUTPUT)")
            continue
        if floor["status"] == "ok" and row["status"] != "ok":
            problems.append(f"{name}: status {row['status']}, was ok")
        if row["errors"]:
            problems.append(f"{name}: {row['errors']} validation errors")

        def value(column: str) -> float | None:
            return None if pd.isna(row[column]) else float(row[column])

        for c in HIGHER_IS_BETTER:
            if floor[c] != "" and (value(c) or 0.0) < float(floor[c]) - SLACK:
                problems.append(f"{name}: {c} {value(c)} < {floor[c]} - {SLACK}")
        for c in LOWER_IS_BETTER:
            if floor[c] != "" and value(c) is not None and value(c) > float(floor[c]) + SLACK:
                problems.append(f"{name}: {c} {value(c)} > {floor[c]} + {SLACK}")
        for c in FOUND:
            if floor[c] != "" and (value(c) or 0.0) < KEEP * float(floor[c]):
                problems.append(f"{name}: {c} {value(c)} < {KEEP} x {floor[c]}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record", help="run the corpus as tests/test_corpus.py does and record its floors")
    rec.add_argument("--keep", type=Path, help="write the run's output here (default: a temporary folder)")
    args = parser.parse_args()
    import tempfile

    from extractor.quality import summary
    from extractor.runner import frames_from_output
    from tests.corpus import run_corpus_batch

    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or Path(tmp)
        run_corpus_batch(out)
        record(summary(frames_from_output(out)))
    print(f"wrote {FLOORS}")


if __name__ == "__main__":
    main()
