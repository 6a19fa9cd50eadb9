"""The Prefect 3 flow: reports in, validated tidy tables out.

Tasks are thin wrappers around the library (``extractor.runner``), which works without Prefect:

    extract-report (ingest -> repair layout -> extract, one spaCy pass -> its consistency checks),
    one task per report  ->  validate-and-write, once

A report that fails is recorded (``documents.status = failed``) and the others go on. A report whose content and extractor version are unchanged since the
last run is taken from the cache; when nothing at all changed (inputs, options, code, suites; see
``_unchanged_since_last_run``) the tables already written are left as they are. Run it with
``report-extract run PATH...``; ``flows/extract_reports.py`` is the entrypoint for deployments.
"""
from __future__ import annotations

import html
import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import as_completed
from prefect.states import Completed, Failed
from prefect.utilities.annotations import quote

from extractor import __version__
from extractor.errors import ExtractorError, OrchestrationError
from extractor.io.publish import output_lock
from extractor.nlp import resolve_model_name
from extractor.pipeline import ReportResult, discover_reports, failed_result, file_sha256
from extractor.runner import (
    MANIFEST_NAME,
    BatchSummary,
    RunOptions,
    finish_run,
    load_cached,
    package_versions,
    process_one,
)
from extractor.tables import TABLE_NAMES

# The progress callback of the process that runs the flow body (the CLI's progress bar). It is not a
# flow parameter: parameters are serialised into the run context that every task carries to its
# Dask worker, and a callback holding a live progress bar cannot be pickled nor sent to the API.
# The flow function is pickled by value with that context (its module name is bound to the Flow
# object), together with the globals it names: it must name only picklable ones, so it reaches
# the ContextVar through _progress_callback(), a plain function pickled by reference.
_PROGRESS: ContextVar[Callable[[ReportResult], Any] | None] = ContextVar("extractor_progress", default=None)


def _progress_callback() -> Callable[[ReportResult], Any] | None:
    return _PROGRESS.get()


@task(name="extract-report", cache_policy=NO_CACHE)
def report_task(path: str, options: RunOptions) -> ReportResult:
    """Ingest, layout repair, extraction and consistency checks of one report, in one task.

    Every task run costs API round trips (and, on a Dask cluster, moving its inputs between
    processes): one task per report sends a path out and the report's typed frames back, nothing
    else. The frames are made here, where the report was extracted, so that on a cluster the
    flow process never converts rows itself. A bad report gives a failed result, not a failed
    task (see :func:`extractor.runner.process_one`).
    """
    return process_one(Path(path), options).compact()


@task(name="validate-and-write", cache_policy=NO_CACHE)
def finish_task(results: list[ReportResult], options: RunOptions, started: float) -> BatchSummary | ExtractorError:
    """Great Expectations suites and consistency checks, then every output written and published
    at once. An output folder that cannot be written is returned as its one-line error (the flow
    fails with it), not raised: a raised error would be logged with a traceback."""
    try:
        return finish_run(results, options, started=started)
    except ExtractorError as exc:
        return exc


@flow(name="report-extractor", validate_parameters=False)
def extract_reports(paths: list[str], options: RunOptions | dict[str, Any] | None = None) -> BatchSummary:
    """Extract, validate and write the tables for every report in ``paths``.

    ``paths`` may name folders (every .pdf/.txt/.md below them); ``options`` may be a plain dict,
    as deployments pass parameters as JSON. Progress is reported to the callback given to
    :func:`run_flow`, from the flow body (never from a task, which may run in another process).
    """
    options = RunOptions(**options) if isinstance(options, dict) else (options or RunOptions())
    logger = get_run_logger()
    try:
        with output_lock(options.output_dir, options.lock_wait_s):
            return _extract_reports(paths, options, logger)
    except ExtractorError as exc:  # the output folder: one line, no traceback
        logger.error("%s", exc.one_line())
        return Failed(message=exc.one_line(), data=exc)


def _extract_reports(paths: list[str], options: RunOptions, logger: Any) -> Any:
    """The flow's body, with the output folder's lock held."""
    progress = _progress_callback()
    paths = [str(p) for p in discover_reports(paths)]
    started = time.perf_counter()
    unchanged = _unchanged_since_last_run(paths, options, started)
    if unchanged is not None:
        # the tables, validation and Data Docs in the output folder are those this run would write
        logger.info("nothing changed since run %s: tables in %s left as they are", unchanged.run_id,
                    options.output_dir)
        if progress:
            for r in unchanged.reports:
                progress(ReportResult(path=r["path"], doc_id=r["doc_id"], status="ok", error=None, tables={},
                                      seconds=r["seconds"], cached=True))
        return _final_state(unchanged, logger)
    results: dict[str, ReportResult] = {}
    # A bounded window of reports in flight: enough to keep every worker busy, few enough that
    # the pages and documents of a large batch are not all held in memory at once. A report's
    # future is dropped as soon as its result is collected.
    window = _reports_in_flight()
    in_flight: list[tuple[str, Any]] = []

    def collect_one() -> None:
        """The result of whichever report in flight finishes first."""
        first = next(as_completed([future for _, future in in_flight]))
        p, future = in_flight.pop(next(i for i, (_, f) in enumerate(in_flight) if f is first))
        results[p] = _result_of(p, future).compact()
        if results[p].status != "ok":
            logger.warning("%s", results[p].error)
        if progress:
            progress(results[p])

    for p in paths:
        cached = _cached(p, options)
        if cached is not None:
            results[p] = cached.compact()
            if progress:
                progress(cached)
            continue
        while len(in_flight) >= window:
            collect_one()
        in_flight.append((p, report_task.submit(p, options)))
    while in_flight:
        collect_one()
    ordered = [results[p] for p in paths]
    results.clear()
    # quote(): the tables are not introspected for task dependencies (seconds on a large batch)
    summary = finish_task(quote(ordered), options, started)
    del ordered
    if isinstance(summary, ExtractorError):
        raise summary
    return _final_state(summary, logger)


def _final_state(summary: BatchSummary, logger: Any) -> Any:
    """Artifacts and log lines; Failed if validation failed (tables written), else the summary."""
    _publish_artifacts(summary)
    if summary.failed:
        logger.warning("%d of %d reports failed", len(summary.failed), len(summary.reports))
    validation = summary.validation or {}
    for line in validation.get("warning_lines", []):
        logger.warning("validation warning: %s", line)
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


def local_dask_runner(n_workers: int) -> Any:
    """A DaskTaskRunner on a local cluster of ``n_workers`` single-threaded worker processes.

    One thread per worker: extraction holds the GIL, so a report per process is what scales.
    """
    import logging

    from prefect_dask import DaskTaskRunner

    return DaskTaskRunner(cluster_kwargs={"n_workers": n_workers, "threads_per_worker": 1, "processes": True,
                                          "dashboard_address": None, "silence_logs": logging.WARNING})


def dask_runner(address: str) -> Any:
    """A DaskTaskRunner on an existing cluster (``tcp://host:8786``): the way past one machine."""
    from prefect_dask import DaskTaskRunner

    return DaskTaskRunner(address=address)


def run_flow(paths: list[str], options: RunOptions, progress: Callable[[ReportResult], Any] | None = None,
             task_runner: Any = None) -> BatchSummary:
    """Run the flow and return its summary, whether validation passed or not.

    A run whose validation failed ends in a Failed state (tables written); its summary says so.
    Anything else that fails the flow (a crash, an unwritable output folder) is raised.
    """
    flow_fn = extract_reports.with_options(task_runner=task_runner) if task_runner is not None else extract_reports
    token = _PROGRESS.set(progress)
    try:
        with embedded_api(), _shared_api(task_runner), _worker_environment(task_runner):
            state = flow_fn(paths, options, return_state=True)
    finally:
        _PROGRESS.reset(token)
    result = state.result(raise_on_failure=False)
    if isinstance(result, BaseException):
        raise result
    return result


@contextmanager
def embedded_api() -> Iterator[None]:
    """With no Prefect server configured, start Prefect's embedded API server here, name it in
    the settings for the run, and stop it when the run ends, however it ends.

    Prefect would start the same server on the flow's first API call; started here, a server that
    cannot start is one line naming the ways out (RX601), not a traceback, and the server process
    dies with this one: stopped at the end of the run, at exit (a SIGTERM or SIGHUP turns into an
    ordinary exit in the CLI), and, on Linux, killed by the kernel if this process is killed
    outright (its parent-death signal)."""
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    settings = get_current_settings()
    if settings.api.url or not settings.server.ephemeral.enabled:
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    timeout = settings.server.ephemeral.startup_timeout_seconds
    server = SubprocessASGIServer()
    try:
        with _children_die_with_this_process():
            server.start(timeout=timeout)
    except Exception as exc:  # noqa: BLE001 - Prefect raises RuntimeError, httpx errors, OSError
        server.stop()
        why = " ".join(str(exc).split())[:160]
        raise OrchestrationError(None, f"Prefect's embedded API server did not start within {timeout} s ({why}); "
                                       "run with --no-flow (no Prefect), or set PREFECT_API_URL to a running "
                                       "Prefect server (`prefect server start`)") from None
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            yield
            _send_pending_logs()
    finally:
        server.stop()


def _send_pending_logs() -> None:
    """Send the run's log lines still queued for the API before the embedded server stops
    (left queued, Prefect prints "Error logging to API ... All connection attempts failed" at exit)."""
    from prefect.logging.handlers import APILogWorker

    try:
        APILogWorker.drain_all(timeout=5)
    except Exception:  # noqa: BLE001 - losing a log line to the API never fails a run
        pass


@contextmanager
def _children_die_with_this_process() -> Iterator[None]:
    """Processes started in this block get the kernel's parent-death signal (Linux): SIGTERM when
    this process dies, even by SIGKILL. Elsewhere, nothing changes."""
    import ctypes
    import ctypes.util
    import signal
    import subprocess
    import sys

    if not sys.platform.startswith("linux"):
        yield
        return
    try:
        prctl = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        yield
        return
    pr_set_pdeathsig = 1

    def set_pdeathsig() -> None:  # runs in the child between fork and exec: a bare system call
        prctl(pr_set_pdeathsig, signal.SIGTERM)

    real = subprocess.Popen

    class Popen(real):  # type: ignore[misc,valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("preexec_fn", set_pdeathsig)
            super().__init__(*args, **kwargs)

    subprocess.Popen = Popen  # type: ignore[misc]
    try:
        yield
    finally:
        subprocess.Popen = real  # type: ignore[misc]


@contextmanager
def _shared_api(task_runner: Any) -> Iterator[None]:
    """With no Prefect server configured, start the embedded API now and name it in the settings.

    Tasks on a Dask worker run in another process with the flow's serialised settings; left with
    no API URL, every worker would start an embedded API of its own (seconds each, and task runs
    recorded in databases nobody reads). Naming the flow process's embedded API makes them report
    to it. Only for a local cluster the runner starts itself (its API is on loopback); a configured
    PREFECT_API_URL is left alone, and so is an existing cluster (``--dask-address``), whose
    workers should be given a PREFECT_API_URL they can reach.
    """
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    settings = get_current_settings()
    if not _starts_local_cluster(task_runner) or settings.api.url or not settings.server.ephemeral.enabled:
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # the same instance Prefect's own client would start; stopped at exit
    server.start(timeout=settings.server.ephemeral.startup_timeout_seconds)
    with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
        yield


def _starts_local_cluster(task_runner: Any) -> bool:
    """True for a DaskTaskRunner that starts its own local cluster (no ``address`` given)."""
    return type(task_runner).__name__ == "DaskTaskRunner" and not getattr(task_runner, "address", None)


@contextmanager
def _worker_environment(task_runner: Any) -> Iterator[None]:
    """Worker processes of a local cluster keep glibc's own memory trimming.

    Dask's nanny sets ``MALLOC_TRIM_THRESHOLD_=65536`` in every worker it spawns, so that freed
    memory goes back to the OS at once. spaCy and numpy allocate and free many mid-sized arrays per
    report; with that setting each one costs a trim and fresh page faults (measured: a report with
    the statistical model took 14% longer, the extra spent in the kernel). glibc's default, a
    threshold that adapts to the program's allocations, keeps peak memory flat over a batch all the
    same. Nothing changes for a cluster started elsewhere (``--dask-address``).
    """
    if not _starts_local_cluster(task_runner):
        yield
        return
    import dask

    with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
        yield


def _reports_in_flight() -> int:
    """Reports in flight at once: twice the Dask worker threads, or 2 on the default thread pool.

    In threads, two reports overlap only where spaCy's model releases the GIL (~1.25 times one
    report's throughput with the statistical model); a third would only cost memory.
    """
    ctx = FlowRunContext.get()
    client = getattr(getattr(ctx, "task_runner", None), "_client", None)
    if client is not None:
        try:
            return max(2, 2 * sum(client.nthreads().values()))
        except Exception:  # noqa: BLE001 - a cluster still scaling up: fall back to a wide window
            return 16
    return 2


def _unchanged_since_last_run(paths: list[str], options: RunOptions, started: float) -> BatchSummary | None:
    """The last run's summary if its tables are exactly what this run would write, else None.

    That is: the cache is on; the output folder's manifest names the same inputs (paths, in order,
    every one processed, same SHA-256), the same options, extractor version, model and package
    versions; every table is there, none written after the manifest; and no file of the
    extractor package or of the expectation suites is newer than the manifest. A failed report,
    ``--no-cache`` or any change at all means a real run.
    """
    if not options.use_cache:
        return None
    out = Path(options.output_dir)
    manifest_path = out / MANIFEST_NAME
    try:
        stamp = manifest_path.stat().st_mtime
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        inputs = manifest["inputs"]
        if (manifest.get("extractor_version") != __version__
                or manifest.get("options") != json.loads(json.dumps(asdict(options)))
                or manifest.get("model") != (resolve_model_name(options.model) or "blank")
                or manifest.get("packages") != package_versions()
                or [i.get("path") for i in inputs] != paths
                or any(i.get("status") != "ok" or not i.get("sha256") for i in inputs)):
            return None
        tables = [out / f"{name}.{ext}" for name in TABLE_NAMES for ext in ("csv", "parquet")]
        if any(t.stat().st_mtime > stamp for t in tables):
            return None
        validation = manifest.get("validation") or {}
        if validation.get("data_docs") and not Path(validation["data_docs"]).exists():
            return None
        if _newest_mtime(Path(__file__).resolve().parent,
                         *([Path(options.expectations)] if options.expectations else [])) > stamp:
            return None
        if any(file_sha256(Path(p)) != i["sha256"] for p, i in zip(paths, inputs)):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return BatchSummary(
        run_id=manifest["run_id"], output_dir=str(options.output_dir),
        reports=[{"path": i["path"], "doc_id": i["doc_id"], "status": "ok", "error": None, "seconds": i["seconds"],
                  "cached": True} for i in inputs],
        rows=manifest["rows"], validation=validation, seconds=round(time.perf_counter() - started, 3))


def _newest_mtime(*folders: Path) -> float:
    """The newest modification time of the code and suites a run depends on (not generated files)."""
    newest = 0.0
    for folder in folders:
        for f in folder.rglob("*"):
            if f.suffix in (".py", ".json", ".yml", ".yaml", ".csv", ".txt") and "uncommitted" not in f.parts \
                    and "__pycache__" not in f.parts:
                newest = max(newest, f.stat().st_mtime)
    return newest


def _cached(path: str, options: RunOptions) -> ReportResult | None:
    if not options.use_cache:
        return None
    try:
        return load_cached(options, file_sha256(Path(path)), path)
    except OSError:
        return None  # unreadable: let the report's task report it properly


def _result_of(path: str, future: Any) -> ReportResult:
    """The report task's result, or a failed result carrying the task's own error (a crash, a
    worker lost: ``process_one`` itself never raises for a bad report)."""
    future.wait()
    if not future.state.is_completed():
        try:
            future.result(raise_on_failure=True)
        except BaseException as exc:  # noqa: BLE001 - we want the report's own error
            return failed_result(Path(path), exc)
        return failed_result(Path(path), RuntimeError(f"task {future.state.name}"))
    return future.result()


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
    # the lines quote the report's text: escaped, so that markup in a report is shown, never rendered
    warnings = [html.escape(w, quote=False) for w in v.get("warning_lines") or []]
    if warnings:
        lines += ["", "## Consistency warnings", "", *[f"- {w}" for w in warnings]]
    errors = [html.escape(e, quote=False) for e in v.get("error_lines") or []]
    if errors:
        lines += ["", "## Validation errors", "", *[f"- {e}" for e in errors]]
    create_markdown_artifact("\n".join(lines), key="run-summary", description="report-extractor run summary")
    create_table_artifact([{"table": k, "rows": n} for k, n in summary.rows.items()], key="row-counts")
    failures = [{"path": r["path"], "error": r["error"]} for r in summary.failed]
    if failures:
        create_table_artifact(failures, key="failed-reports", description="reports that could not be processed")
