"""A self-contained HTML page of a run's validation: ``<out>/validation/report.html``.

One page that needs nothing but the file: per document, its findings counted, every failed
expectation with the rows it names (page, marker, sentence), every consistency check with its
claims, values, pages and message, the checks across reports, and links to the Data Docs pages.
"""
from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from extractor.io.write import atomic_write_text

PAGE = "report.html"
_STYLE = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#1b1f24;max-width:1200px}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;
text-align:left;vertical-align:top}th{background:#f6f8fa}.fail{color:#b42318;font-weight:600}.warn{color:#9a6700;
font-weight:600}.ok{color:#1a7f37;font-weight:600}.muted{color:#57606a}code{font-size:12px}
"""


def write_report_page(out_dir: Path, results: pd.DataFrame, consistency: pd.DataFrame,
                      documents: pd.DataFrame, cross_report: pd.DataFrame | None = None) -> Path:
    """Write the page under ``out_dir/validation/`` and return its path."""
    folder = Path(out_dir) / "validation"
    pages = sorted(p.relative_to(folder).as_posix() for p in folder.glob("validations/**/*.html"))
    body = [f"<h1>Validation report</h1>{_verdict(results, consistency)}"]
    body.append(_documents(documents, results, consistency))
    body.append("<h2>Failed expectations</h2>" + _failures(results))
    body.append("<h2>Consistency checks</h2>" + _consistency(consistency))
    body.append("<h2>Across reports</h2>" + _cross_report(cross_report))
    body.append("<h2>Every expectation</h2>" + _all_results(results))
    if pages:
        links = "".join(f'<li><a href="{html.escape(p)}">{html.escape(p)}</a></li>' for p in pages)
        body.append(f'<h2>Great Expectations Data Docs</h2><p><a href="index.html">index.html</a></p><ul>{links}</ul>')
    page = (f"<!doctype html><html lang=en><meta charset=utf-8><title>Validation report</title>"
            f"<style>{_STYLE}</style><body>{''.join(body)}</body></html>\n")
    return atomic_write_text(folder / PAGE, page)


def _verdict(results: pd.DataFrame, consistency: pd.DataFrame) -> str:
    failed = results[results["success"] == False]  # noqa: E712 - nullable boolean column
    errors = int((failed["severity"] == "critical").sum())
    warnings = int((failed["severity"] != "critical").sum())
    conflicts = int((consistency["status"] != "consistent").sum()) if len(consistency) else 0
    cls = "fail" if errors else ("warn" if warnings else "ok")
    word = "FAILED" if errors else ("passed with warnings" if warnings else "passed")
    return (f'<p class="{cls}">Validation {word}: {errors} error(s), {warnings} warning(s); '
            f"{len(results)} expectation result(s), {len(consistency)} consistency check(s), "
            f"{conflicts} in conflict.</p>")


def _documents(documents: pd.DataFrame, results: pd.DataFrame, consistency: pd.DataFrame) -> str:
    """One row per report: its status, and its findings counted (failed expectations by
    severity, consistency conflicts)."""
    failed = results[results["success"] == False]  # noqa: E712 - nullable boolean column
    errors = failed[failed["severity"] == "critical"]["doc_id"].value_counts()
    warnings = failed[failed["severity"] != "critical"]["doc_id"].value_counts()
    conflicts = (consistency[consistency["status"] != "consistent"]["doc_id"].value_counts()
                 if len(consistency) else pd.Series(dtype="int64"))
    rows = "".join(
        f"<tr><td><code>{_e(d.doc_id)}</code></td><td>{_e(d.source_path)}</td>"
        f'<td class="{"ok" if d.status == "ok" else "fail"}">{_e(d.status)}</td>'
        f"<td>{int(errors.get(d.doc_id, 0))}</td><td>{int(warnings.get(d.doc_id, 0))}</td>"
        f"<td>{int(conflicts.get(d.doc_id, 0))}</td><td>{_e(d.error)}</td></tr>"
        for d in documents.itertuples()
    )
    return "<h2>Documents</h2>" + _table(["doc_id", "file", "status", "errors", "warnings", "conflicts", "error"], rows)


def _failures(results: pd.DataFrame) -> str:
    failed = results[results["success"] == False]  # noqa: E712
    if failed.empty:
        return '<p class="ok">None.</p>'
    rows = "".join(
        f'<tr><td class="{"fail" if r.severity == "critical" else "warn"}">{_e(r.severity)}</td>'
        f"<td><code>{_e(r.doc_id) or '(run)'}</code></td><td>{_e(r.table)}</td><td>{_e(r.expectation)}</td>"
        f"<td>{_e(r.column)}</td><td>{_e(r.unexpected_count)}</td><td>{_e(r.details)}</td></tr>"
        for r in failed.itertuples()
    )
    return _table(["severity", "doc_id", "table", "expectation", "column", "rows", "which rows (page, sentence)"],
                  rows)


def _cross_report(cross: pd.DataFrame | None) -> str:
    if cross is None or cross.empty:
        return '<p class="muted">No statistic is stated by two reports of this run.</p>'
    rows = "".join(
        f'<tr><td class="{"ok" if r.status == "consistent" else "warn"}">{_e(r.status)}</td><td>{_e(r.subject)}</td>'
        f"<td>{_e(r.unit)}</td><td>{_e(r.year)}</td><td>{_e(r.values)}</td><td>{_e(r.doc_ids)}</td>"
        f"<td>{_e(r.message)}</td></tr>"
        for r in cross.itertuples()
    )
    return _table(["status", "subject", "unit", "year", "values", "reports", "message"], rows)


def _consistency(consistency: pd.DataFrame) -> str:
    if consistency.empty:
        return '<p class="muted">No repeated figures or stated relations found.</p>'
    ordered = consistency.assign(_ok=consistency["status"] == "consistent").sort_values(["_ok", "doc_id", "kind"])
    rows = "".join(
        f'<tr><td class="{"ok" if r.status == "consistent" else "warn"}">{_e(r.status)}</td><td>{_e(r.kind)}</td>'
        f"<td>{_e(r.values)}</td><td>{_e(r.pages)}</td><td>{_e(r.message)}</td></tr>"
        for r in ordered.itertuples()
    )
    return _table(["status", "kind", "values", "pages", "message"], rows)


def _all_results(results: pd.DataFrame) -> str:
    rows = "".join(
        f'<tr><td class="{"ok" if r.success else "fail"}">{"ok" if r.success else "failed"}</td>'
        f"<td>{_e(r.table)}</td><td>{_e(r.expectation)}</td><td>{_e(r.column)}</td><td>{_e(r.severity)}</td>"
        f"<td><code>{_e(r.doc_id)}</code></td></tr>"
        for r in results.itertuples()
    )
    return _table(["result", "table", "expectation", "column", "severity", "doc_id"], rows)


def _table(headers: list[str], rows: str) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    return f"<table><tr>{head}</tr>{rows}</table>"


def _e(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value))
