"""The Prefect 3 flow: reports in, validated tidy tables out.

Tasks are thin wrappers around the library (``extractor.runner``), which works without Prefect:

    ingest -> repair layout -> extract (one spaCy pass) -> validate and write

One chain of tasks per report; a report that fails is recorded (``documents.status = failed``)
and the others go on. A report whose content and extractor version are unchanged since the
last run is taken from the cache. Run it with ``report-extract run PATH...``;
``flows/extract_reports.py`` is the entrypoint for deployments.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.states import Completed, Failed

from extractor.pipeline import ReportResult, discover_reports, failed_result, file_sha256
from extractor.runner import (
    BatchSummary,
    RunOptions,
    extract_from_document,
    finish_run,
    ingest_report,
    load_cached,
    repair_report,
)


@task(name="ingest", cache_policy=NO_CACHE)
def ingest_task(path: str, options: RunOptions):
    """Read a report file into raw pages (text dump or PDF)."""
    return ingest_report(Path(path), options)


@task(name="repair-layout", cache_policy=NO_CACHE)
def repair_task(path: str, pages, options: RunOptions):
    """Repair the layout: notes, headers, TOC, hyphenation, sections, provenance."""
    return repair_report(Path(path), pages, options)


@task(name="extract", cache_policy=NO_CACHE)
def extract_task(document, options: RunOptions) -> ReportResult:
    """One spaCy pass, then claims, citations and places from the shared parse."""
    return extract_from_document(document, options)


@task(name="validate-and-write", cache_policy=NO_CACHE)
def finish_task(results: list[ReportResult], options: RunOptions, started: float) -> BatchSummary:
    """Great Expectations suites and consistency checks, then atomic CSV/Parquet writes."""
    return finish_run(results, options, started=started)


@flow(name="report-extractor", validate_parameters=False)
def extract_reports(paths: list[str], options: RunOptions | dict[str, Any] | None = None,
                    progress: Callable[[ReportResult], Any] | None = None) -> BatchSummary:
    """Extract, validate and write the tables for every report in ``paths``.

    ``paths`` may name folders (every .pdf/.txt/.md below them); ``options`` may be a plain dict,
    as deployments pass parameters as JSON.
    """
    options = RunOptions(**options) if isinstance(options, dict) else (options or RunOptions())
    paths = [str(p) for p in discover_reports(paths)]
    logger = get_run_logger()
    started = time.perf_counter()
    results: dict[str, ReportResult] = {}
    chains = []
    for p in paths:
        cached = _cached(p, options)
        if cached is not None:
            results[p] = cached
            if progress:
                progress(cached)
            continue
        pages = ingest_task.submit(p, options)
        document = repair_task.submit(p, pages, options)
        chains.append((p, [pages, document, extract_task.submit(document, options)]))
    for p, futures in chains:
        results[p] = _result_of_chain(p, futures)
        if results[p].status != "ok":
            logger.warning("%s", results[p].error)
        if progress:
            progress(results[p])
    ordered = [results[p] for p in paths]
    summary = finish_task(ordered, options, started)
    _publish_artifacts(summary)
    if summary.failed:
        logger.warning("%d of %d reports failed", len(summary.failed), len(paths))
    validation = summary.validation or {}
    for line in validation.get("warning_lines", []):
        logger.warning("consistency: %s", line)
    if validation and not validation.get("success", True):
        # the tables are written; the run is marked failed so that schedulers and on-call see it
        for line in validation.get("error_lines", []):
            logger.error("validation: %s", line)
        return Failed(message=f"{validation.get('errors')} schema or integrity expectation(s) failed; "
                              f"see {validation.get('data_docs')}", data=summary)
    if validation.get("warnings"):
        return Completed(message=f"{validation['warnings']} consistency warning(s); see {validation.get('data_docs')}",
                         data=summary)
    return summary


def run_flow(paths: list[str], options: RunOptions, progress: Callable[[ReportResult], Any] | None = None,
             task_runner: Any = None) -> BatchSummary:
    """Run the flow and return its summary, whether validation passed or not.

    A run whose validation failed ends in a Failed state (tables written); its summary says so.
    Anything else that fails the flow (a crash, an unwritable output folder) is raised.
    """
    flow_fn = extract_reports.with_options(task_runner=task_runner) if task_runner is not None else extract_reports
    state = flow_fn(paths, options, progress=progress, return_state=True)
    result = state.result(raise_on_failure=False)
    if isinstance(result, BaseException):
        raise result
    return result


def _cached(path: str, options: RunOptions) -> ReportResult | None:
    if not options.use_cache:
        return None
    try:
        result = load_cached(options, file_sha256(Path(path)))
    except OSError:
        return None  # unreadable: let the ingest task report it properly
    if result is not None:
        result.path = path
    return result


def _result_of_chain(path: str, futures: list) -> ReportResult:
    """The chain's result, or a failed result carrying the first failing task's own error."""
    for fut in futures:
        fut.wait()
        if not fut.state.is_completed():
            try:
                fut.result(raise_on_failure=True)
            except BaseException as exc:  # noqa: BLE001 - we want the report's own error
                return failed_result(Path(path), exc)
            return failed_result(Path(path), RuntimeError(f"task {fut.state.name}"))
    return futures[-1].result()


def _publish_artifacts(summary: BatchSummary) -> None:
    """A markdown summary and tables of counts and failures, shown in the Prefect UI."""
    v = summary.validation or {}
    lines = [
        f"# report-extractor run `{summary.run_id}`",
        "",
        f"- reports: {len(summary.reports)} ({len(summary.failed)} failed, "
        f"{sum(1 for r in summary.reports if r.get('cached'))} from cache)",
        f"- validation: {'passed' if v.get('success', True) else 'FAILED'}"
        f" ({v.get('errors', 0)} errors, {v.get('warnings', 0)} warnings)",
        f"- Data Docs: {v.get('data_docs', 'n/a')}",
        f"- output: {summary.output_dir}",
        "",
        "| table | rows |",
        "|---|---|",
        *[f"| {k} | {n} |" for k, n in summary.rows.items()],
    ]
    warnings = v.get("warning_lines") or []
    if warnings:
        lines += ["", "## Consistency warnings", "", *[f"- {w}" for w in warnings]]
    errors = v.get("error_lines") or []
    if errors:
        lines += ["", "## Validation errors", "", *[f"- {e}" for e in errors]]
    create_markdown_artifact("\n".join(lines), key="run-summary", description="report-extractor run summary")
    create_table_artifact([{"table": k, "rows": n} for k, n in summary.rows.items()], key="row-counts")
    failures = [{"path": r["path"], "error": r["error"]} for r in summary.failed]
    if failures:
        create_table_artifact(failures, key="failed-reports", description="reports that could not be processed")
