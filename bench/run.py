"""Speed and memory of report-extractor, as ratios against floors measured in the same run.

    .venv/bin/python bench/run.py [--output output/bench] [--only NAME ...]

Every figure is a ratio (ours / floor) so that it means the same on a fast or a slow machine.
In the extraction and library figures both sides are warmed up alike and every timed run, floor
and ours, starts with a fresh copy of its tokenizer (empty token cache, vocabulary loaded): see
:func:`cold_tokenizers`.
Prints a table (figure, floor, ours, ratio, bar, pass/fail) and writes it as JSON to
``<output>/bench.json`` (temporary file, then rename). Exit code 1 if a bar is missed.

Figures:
- extraction (no model) and extraction-model (the installed statistical model): layout repair +
  the shared spaCy pass + all extractors on the sample, against one ``nlp.pipe`` pass of the
  same pipeline over the same paragraphs (bar 1.5);
- library-vs-tokenizer: the whole library call without a model (file to tables) against a blank
  English tokenizer pass over the same text (bar 4);
- growth-time / growth-memory: 100 copies against 1 copy through the library, after warm-up
  (time bar 110, peak memory bar 1.3);
- flow-overhead: the Prefect flow on 10 copies against the library call on the same 10 (bar 1.5);
- workers / batch-memory / rerun: 50 varied copies with 2 Dask workers against 1 (throughput bar
  1.6), peak memory of the 50-report run against a 1-report run (bar 1.5), a rerun with nothing
  changed against the first run (speed-up bar 10); workers-model: the workers figure with the
  installed statistical model.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "reports" / "xinhua-poverty-alleviation-2025.txt"
os.environ.setdefault("PREFECT_HOME", str(ROOT / ".prefect"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


def best_of(fn: Callable[[], object], repeat: int = 3, setup: Callable[[], object] | None = None) -> float:
    """Fastest of ``repeat`` runs of ``fn``; ``setup`` runs, untimed, before each."""
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        gc.collect()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def make_copies(folder: Path, n: int) -> list[Path]:
    """``n`` copies of the sample, each different (a distinct opening line) so no cache can skip one."""
    text = SAMPLE.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"copy-{i:03d}.txt"
        p.write_text(f"Benchmark copy {i} of the sample report, variant {i * 7919 % 1000}.\n\n{text}", encoding="utf-8")
        paths.append(p)
    return paths


def cold_tokenizers(*pipelines: Any) -> Callable[[], None]:
    """A setup giving each pipeline a fresh copy of its tokenizer: same rules and vocabulary,
    empty cache.

    spaCy's tokenizer caches the tokens of every whitespace-separated chunk it has seen (up to
    10,000), so a second pass over the same text costs a tenth of the first; timing a warm floor
    against a side that does more than tokenise measures the cache, not the work. Every timed
    run of the extraction and library figures, floor and ours alike, starts from this state:
    warm-up done (vocabulary, patterns, lazy tables built), tokenizer cache empty, as for a new
    report. (Emptying the cache in place, ``Tokenizer._flush_cache``, is no substitute: the
    cache keeps counting the deleted entries and, once full, never caches again.)
    """
    from spacy.tokenizer import Tokenizer

    def setup() -> None:
        for nlp in pipelines:
            fresh = Tokenizer(nlp.vocab)
            fresh.from_bytes(nlp.tokenizer.to_bytes())
            nlp.tokenizer = fresh
    return setup


# --- figures ---------------------------------------------------------------------------------------

def fig_extraction(model: str = "none") -> dict:
    from extractor.analysis import analyse
    from extractor.nlp import build_nlp
    from extractor.pipeline import extract_tables, load_document

    nlp = build_nlp(model)
    doc = load_document(SAMPLE)
    texts = [b.text for b in doc.blocks if b.char_start >= 0]

    def floor() -> None:
        for _ in nlp.pipe(texts, batch_size=64):
            pass

    def ours() -> None:
        d = load_document(SAMPLE)
        extract_tables(d, analyse(d, nlp, "blank"))

    floor(), ours()  # warm-up
    cold = cold_tokenizers(nlp)
    name = "extraction" if model == "none" else "extraction-model"
    return {"figure": name, "floor": best_of(floor, 5, cold), "ours": best_of(ours, 5, cold), "bar": 1.5,
            "note": f"layout + one spaCy pass + all extractors vs nlp.pipe of the same pipeline ({model})"}


def fig_extraction_model() -> list[dict]:
    """The extraction figure with the statistical model ``make`` installs, when it is installed."""
    from extractor.nlp import resolve_model_name

    model = resolve_model_name("auto")
    return [fig_extraction(model)] if model else []


def fig_library_vs_tokenizer() -> dict:
    import spacy

    from extractor.nlp import build_nlp
    from extractor.pipeline import ExtractionConfig, process_report

    tok = spacy.blank("en")
    text = SAMPLE.read_text(encoding="utf-8")
    paras = [p for p in text.split("\n\n") if p.strip()]
    nlp = build_nlp("none")

    def floor() -> None:
        for _ in tok.pipe(paras, batch_size=64):
            pass

    def ours() -> None:
        process_report(SAMPLE, ExtractionConfig(model="none"))

    floor(), ours()  # warm-up
    cold = cold_tokenizers(tok, nlp)
    return {"figure": "library-vs-tokenizer", "floor": best_of(floor, 5, cold), "ours": best_of(ours, 5, cold),
            "bar": 4.0,
            "note": "file to tables, no model, no Prefect vs blank English tokenizer over the same text"}


def _child_growth(n: int) -> dict:
    """Run in a fresh process: time and peak RSS of ``n`` copies through the library's batch call
    (every report extracted, the tables combined and written; no validation, no Prefect)."""
    from extractor.nlp import build_nlp
    from extractor.runner import RunOptions, run_batch

    with tempfile.TemporaryDirectory() as tmp:
        paths = make_copies(Path(tmp) / "in", n)
        build_nlp("none")
        warm = RunOptions(output_dir=str(Path(tmp) / "warm"), model="none", validate=False, use_cache=False)
        run_batch(paths[:1], warm)  # warm-up
        gc.collect()
        t0 = time.perf_counter()
        summary = run_batch(paths, RunOptions(output_dir=str(Path(tmp) / "out"), model="none", validate=False,
                                              use_cache=False))
        seconds = time.perf_counter() - t0
    return {"seconds": seconds, "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "claims": summary.rows["claims"]}


def _in_child(func: str, *args: object) -> dict:
    code = f"import json,sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); import run; " \
           f"print(json.dumps(run.{func}(*{args!r})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def fig_growth() -> list[dict]:
    one, ten, hundred = (_in_child("_child_growth", n) for n in (1, 10, 100))
    return [
        {"figure": "growth-time", "floor": one["seconds"], "ours": hundred["seconds"], "bar": 110.0,
         "note": f"100 copies vs 1 copy through the library (10 copies: {ten['seconds'] / one['seconds']:.1f}x)"},
        {"figure": "growth-memory", "floor": one["peak_rss_kb"] / 1024, "ours": hundred["peak_rss_kb"] / 1024,
         "bar": 1.3, "unit": "MiB", "note": "peak RSS, 100 copies vs 1 copy"},
    ]


def _child_flow_vs_library(n: int) -> dict:
    from extractor.flow import extract_reports
    from extractor.runner import RunOptions, run_batch

    with tempfile.TemporaryDirectory() as tmp:
        paths = make_copies(Path(tmp) / "in", n)
        opts = RunOptions(output_dir=str(Path(tmp) / "lib"), model="none", use_cache=False, validate=True)
        run_batch(paths[:1], opts)  # warm-up: pipeline built, validation context loaded
        t0 = time.perf_counter()
        run_batch(paths, opts)
        library = time.perf_counter() - t0
        fopts = RunOptions(output_dir=str(Path(tmp) / "flow"), model="none", use_cache=False, validate=True)
        extract_reports([str(paths[0])], fopts)  # warm-up: the embedded Prefect API is started
        t0 = time.perf_counter()
        extract_reports([str(p) for p in paths], fopts)
        flow = time.perf_counter() - t0
    return {"library": library, "flow": flow}


def fig_flow_overhead() -> dict:
    r = _in_child("_child_flow_vs_library", 10)
    return {"figure": "flow-overhead", "floor": r["library"], "ours": r["flow"], "bar": 1.5,
            "note": "Prefect flow on 10 copies vs library call on the same 10 (embedded API already started)"}


def _child_batch(n: int, workers: int, rerun: bool, model: str = "none") -> dict:
    from extractor.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        make_copies(Path(tmp) / "in", n)
        args = ["run", str(Path(tmp) / "in"), "--output", str(Path(tmp) / "out"), "--model", model, "--quiet",
                "--workers", str(workers)]
        main(args[:1] + [str(make_copies(Path(tmp) / "warm", 1)[0]), "--output", str(Path(tmp) / "warm-out"),
                         "--model", model, "--quiet"])  # warm-up: embedded API started
        t0 = time.perf_counter()
        main(args)
        first = time.perf_counter() - t0
        second = None
        if rerun:
            t0 = time.perf_counter()
            main(args)
            second = time.perf_counter() - t0
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": first, "rerun": second, "peak_rss_kb": max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                                                                    children)}


def fig_batch() -> list[dict]:
    single = _in_child("_child_batch", 1, 1, False)
    one_worker = _in_child("_child_batch", 50, 1, True)
    two_workers = _in_child("_child_batch", 50, 2, False)
    return [
        {"figure": "workers", "floor": two_workers["seconds"], "ours": one_worker["seconds"], "bar": 1.6,
         "higher_is_better": True, "note": "throughput with 2 Dask workers vs 1 on 50 varied copies"},
        {"figure": "batch-memory", "floor": single["peak_rss_kb"] / 1024, "ours": one_worker["peak_rss_kb"] / 1024,
         "bar": 1.5, "unit": "MiB", "note": "peak RSS of the 50-report run vs a 1-report run"},
        {"figure": "rerun", "floor": one_worker["rerun"], "ours": one_worker["seconds"], "bar": 10.0,
         "higher_is_better": True, "note": "first run vs a rerun with nothing changed (cache)"},
    ]


def fig_workers_model() -> list[dict]:
    """The workers figure with the default pipeline as ``make`` installs it (statistical model):
    extraction then outweighs the run's fixed costs (validation, writing), as in production."""
    from extractor.nlp import resolve_model_name

    model = resolve_model_name("auto")
    if model is None:
        return []
    one = _in_child("_child_batch", 50, 1, False, model)
    two = _in_child("_child_batch", 50, 2, False, model)
    return [{"figure": "workers-model", "floor": two["seconds"], "ours": one["seconds"], "bar": 1.6,
             "higher_is_better": True, "note": f"as 'workers', with the {model} pipeline"}]


FIGURES: dict[str, Callable[[], dict | list[dict]]] = {
    "extraction": fig_extraction,
    "extraction-model": fig_extraction_model,
    "library": fig_library_vs_tokenizer,
    "growth": fig_growth,
    "flow": fig_flow_overhead,
    "batch": fig_batch,
    "workers-model": fig_workers_model,
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--output", default=str(ROOT / "output" / "bench"))
    ap.add_argument("--only", nargs="*", choices=sorted(FIGURES), help="run only these figures")
    a = ap.parse_args(argv)
    rows: list[dict] = []
    for name in a.only or FIGURES:
        got = FIGURES[name]()
        rows.extend(got if isinstance(got, list) else [got])
    for r in rows:
        r["ratio"] = r["ours"] / r["floor"] if r["floor"] else float("inf")
        r["pass"] = r["ratio"] >= r["bar"] if r.get("higher_is_better") else r["ratio"] <= r["bar"]
    print(f"{'figure':22s} {'floor':>10s} {'ours':>10s} {'ratio':>7s} {'bar':>7s}  result")
    for r in rows:
        cmp = ">=" if r.get("higher_is_better") else "<="
        print(f"{r['figure']:22s} {r['floor']:10.3f} {r['ours']:10.3f} {r['ratio']:7.2f} {cmp}{r['bar']:5.1f}  "
              f"{'pass' if r['pass'] else 'FAIL'}   {r.get('note', '')}")
    out = Path(a.output)
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / ".bench.json.tmp"
    tmp.write_text(json.dumps({"python": sys.version.split()[0], "cpus": os.cpu_count(), "figures": rows},
                              indent=2), encoding="utf-8")
    os.replace(tmp, out / "bench.json")
    return 0 if all(r["pass"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
