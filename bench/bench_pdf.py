"""Speed of the PDF backend as a ratio against pdfplumber's own word extraction, in one run.

    .venv/bin/python bench/bench_pdf.py [--output output/bench] [--repeat 3]

Floor: ``pdfplumber.open`` + ``page.extract_words()`` over every page of the sample report
typeset by tests/pdfgen.py. Ours: ``read_pdf_report`` on the same file (words, rules, tables,
reading order, running heads, notes, paragraphs). The ratio ours / floor means the same on a
fast or a slow machine; the bar is 1.5. Best of ``--repeat`` runs each, interleaved, so that a
noisy neighbour slows both sides alike. Prints figure, floor, ours, ratio, bar, pass/fail and
writes JSON to ``<output>/pdf.json`` (temporary file, then rename). Exit code 1 if the bar is missed.
``make bench`` takes this figure through ``bench/run.py`` (``--only pdf-ingest``), which imports
:func:`floor_run`, :func:`ours_run` and :data:`BAR` from here.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

BAR = 1.5
SAMPLE = ROOT / "data" / "reports" / "xinhua-poverty-alleviation-2025.txt"


def floor_run(path: Path) -> float:
    import pdfplumber

    t0 = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
    return time.perf_counter() - t0


def ours_run(path: Path) -> float:
    from extractor.ingest.pdf import read_pdf_report

    t0 = time.perf_counter()
    read_pdf_report(path)
    return time.perf_counter() - t0


def write_json(data: dict, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "pdf.json"
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=".pdf.", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2)
    os.replace(tmp, target)
    return target


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--output", default=str(ROOT / "output" / "bench"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    from tests.pdfgen import generate_report_pdf

    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        pdf = generate_report_pdf(SAMPLE.read_text(encoding="utf-8"), Path(tmp) / "sample.pdf")
        floor_run(pdf)  # warm-up: imports, font caches
        ours_run(pdf)
        floors, ours = [], []
        for _ in range(max(1, args.repeat)):
            floors.append(floor_run(pdf))
            ours.append(ours_run(pdf))
        import pdfplumber

        with pdfplumber.open(pdf) as doc:
            n_pages = len(doc.pages)
    floor, mine = min(floors), min(ours)
    ratio = mine / floor
    ok = ratio <= BAR
    row = {"figure": "pdf-ingest-vs-extract_words", "pages": n_pages, "floor_s": round(floor, 4),
           "ours_s": round(mine, 4), "ratio": round(ratio, 3), "bar": BAR, "pass": ok}
    print(f"{'figure':32} {'pages':>5} {'floor s':>8} {'ours s':>8} {'ratio':>6} {'bar':>5}  result")
    print(f"{row['figure']:32} {n_pages:5d} {floor:8.3f} {mine:8.3f} {ratio:6.2f} {BAR:5.1f}  {'pass' if ok else 'FAIL'}")
    target = write_json({"figures": [row]}, Path(args.output))
    print(f"wrote {target}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
