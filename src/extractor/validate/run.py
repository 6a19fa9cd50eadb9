"""Run the Great Expectations checkpoints over a run's tables.

The GX project (suites, checkpoints, validation definitions) ships inside the package as data
(``extractor/validate/gx/``, found through :mod:`importlib.resources`, so a wheel install finds it
as an editable one does); ``--expectations DIR`` points a run at a team's own edited copy. The
project is copied to a private temporary folder when a context is opened, so that GX's own
writes never touch the installed package or the team's folder.

One GE context per run (:func:`open_context`, reusable); one checkpoint per table (a checkpoint
run takes one dataframe), Data Docs built once at the end. GE never phones home: analytics are
disabled in the shipped config and in the environment.

Severity has one source, GX's own ``severity`` field of each expectation: ``critical`` for
defects of our tables (the run fails), ``warning`` for findings about the report.

    outcome = validate_tables(frames, out_dir)          # frames from pipeline.combine(...)
    frames["consistency_checks"] = outcome.consistency   # (validate_tables computes it if missing)
    frames["validation_results"] = outcome.results
    if not outcome.success_errors: fail the run          # critical: schema / integrity of our tables
    if outcome.warnings: set a warning                   # warning: findings about the report

Data Docs go to ``<out_dir>/validation/`` (``index.html``); the committed site config keeps
pointing at the gitignored ``expectations/gx/uncommitted/data_docs/``.
"""
from __future__ import annotations

import html
import json
import os
import shutil
import tempfile
import time
import weakref
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import pandas as pd

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

#: The GX project shipped with the package (package data).
GX_PROJECT: Traversable = resources.files("extractor.validate").joinpath("gx")
#: GX's severity of a failed expectation that fails the run; every other severity warns.
CRITICAL = "critical"
DATASOURCE = "report_tables"
BATCH_DEFINITION = "whole_table"
SITE = "local_site"
DOCS_SUBDIR = "validation"
#: Every table has a suite; validation_results describes the others and is not itself validated.
ASSET_TABLES: tuple[str, ...] = ("documents", "sections", "claims", "notes", "citations", "claim_citations",
                                 "places", "place_mentions", "consistency_checks", "cross_report_checks")
_DETAIL_COLUMNS = ("page", "marker", "surface", "sentence", "cited_sentence", "note_text", "name", "message")
_MAX_DETAILS = 5


def suite_name(table: str) -> str:
    return table


def checkpoint_name(table: str) -> str:
    return f"validate_{table}"


@dataclass
class ValidationOutcome:
    results: pd.DataFrame  # the validation_results table
    consistency: pd.DataFrame  # the consistency_checks table that was validated
    docs_index: Path | None
    seconds: float
    errors: list[str] = field(default_factory=list)  # one line per failed "critical" expectation and doc
    warning_list: list[str] = field(default_factory=list)

    @property
    def success_errors(self) -> bool:
        """True when no expectation of severity "critical" failed: the flow run may succeed."""
        return not self.errors

    @property
    def warnings(self) -> list[str]:
        """One line per failed "warning" expectation and doc (findings about the report)."""
        return self.warning_list


def open_context(gx_dir: Path | str | None = None) -> Any:
    """A file-backed GX context over a private copy of the GX project: the shipped one, or
    ``gx_dir`` (a team's own, see ``--expectations``), with the custom expectations registered.
    Reuse it within a run; the copy is removed with the context."""
    import great_expectations as gx

    import extractor.validate.gx_expectations  # noqa: F401  registers the custom expectations

    root = Path(tempfile.mkdtemp(prefix="report-extractor-gx-"))
    project = root / "gx"
    if gx_dir is None:
        with resources.as_file(GX_PROJECT) as shipped:
            shutil.copytree(shipped, project, ignore=shutil.ignore_patterns("uncommitted", "__pycache__"))
    else:
        source = Path(gx_dir)
        if not (source / "great_expectations.yml").is_file():
            source = source / "gx"  # the folder holding the project, as expectations/build_project.py --out writes it
        if not (source / "great_expectations.yml").is_file():
            from extractor.errors import ExpectationsError

            shutil.rmtree(root, ignore_errors=True)
            raise ExpectationsError(gx_dir, "no Great Expectations project here (no great_expectations.yml)")
        shutil.copytree(source, project, ignore=shutil.ignore_patterns("uncommitted", "__pycache__"))
    context = gx.get_context(mode="file", project_root_dir=str(root))
    weakref.finalize(context, shutil.rmtree, root, ignore_errors=True)
    return context


def runtime_parameters(frames: dict[str, pd.DataFrame]) -> dict[str, str]:
    """Cross-table id sets the suites refer to as ``$PARAMETER``, each one newline-separated
    string (see :mod:`extractor.validate.gx_expectations`)."""
    from extractor.validate.gx_expectations import join_ids

    def ids(table: str, col: str, where: pd.Series | None = None) -> str:
        s = frames[table][col] if where is None else frames[table].loc[where, col]
        return join_ids({str(v) for v in s.dropna()})

    cit = frames["citations"]
    return {"cited_note_ids": ids("citations", "note_id", cit["resolved"].fillna(False).astype(bool)),
            "claim_ids": ids("claims", "claim_id"), "citation_ids": ids("citations", "citation_id"),
            "place_ids": ids("places", "place_id")}


def validate_tables(frames: dict[str, pd.DataFrame], out_dir: str | Path | None, *, context: Any = None,
                    gx_dir: Path | str | None = None) -> ValidationOutcome:
    """Validate every table of a run; write Data Docs under ``<out_dir>/validation/`` when given."""
    from extractor.tables import sort_frame, to_frame
    from extractor.validate.consistency import consistency_frame

    t0 = time.perf_counter()
    frames = dict(frames)
    if frames.get("consistency_checks") is None or frames["consistency_checks"].empty:
        frames["consistency_checks"] = consistency_frame(frames["claims"])
    ctx = context or open_context(gx_dir)
    docs_index = None
    if out_dir is not None:
        docs_dir = (Path(out_dir) / DOCS_SUBDIR).resolve()
        _point_docs_to(ctx, docs_dir)
        docs_index = docs_dir / "index.html"
    batches = {t: {"dataframe": frames[t].reset_index(drop=True)} for t in ASSET_TABLES}
    run = _run_checkpoints(ctx, batches, runtime_parameters(frames), with_docs=out_dir is not None)
    if docs_index is not None:
        from extractor.validate.offline_docs import localise

        localise(docs_index.parent)
    doc_ids = sorted({str(d) for d in frames["documents"]["doc_id"].dropna()})
    rows, errors, warnings = [], [], []
    for table, vr in run.items():
        frame = batches[table]["dataframe"]
        per_doc = frame["doc_id"].astype(str).value_counts().to_dict() if "doc_id" in frame else {}
        for r in vr.results:
            for row in _result_rows(table, frame, r, doc_ids, per_doc):
                rows.append(row)
                if not row["success"]:
                    column = f"({row['column']})" if row["column"] and "," not in str(row["column"]) else ""
                    line = f"{row['doc_id'] or '(run)'}: {table}.{row['expectation']}{column}: {_log_details(row['details'])}"
                    (errors if row["severity"] == CRITICAL else warnings).append(line)
    results = sort_frame("validation_results", to_frame("validation_results", rows))
    return ValidationOutcome(results, frames["consistency_checks"], docs_index, round(time.perf_counter() - t0, 3),
                             sorted(errors), sorted(warnings))


#: How much of a failure's details a log line shows.
LINE_DETAILS = 240


def _log_details(details: object, limit: int = LINE_DETAILS) -> str:
    """A failure's details for a log line: one line, cut at ``limit`` characters (the full
    details are in validation_results and the validation report)."""
    text = " ".join(str(details or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _point_docs_to(ctx: Any, docs_dir: Path) -> None:
    """In memory only: the data docs site writes to this run's output folder."""
    sites = json.loads(json.dumps(ctx.variables.data_docs_sites or {}))
    site = sites.get(SITE) or {"class_name": "SiteBuilder", "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"}}
    site["show_how_to_buttons"] = False
    site["store_backend"] = {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)}
    ctx.variables.data_docs_sites = {SITE: site}


def _run_checkpoints(ctx: Any, batches: dict[str, dict[str, Any]], params: dict[str, Any],
                     with_docs: bool) -> dict[str, Any]:
    """One committed checkpoint per table (each table is its own dataframe), then Data Docs once,
    from this run's results only, with the report's text in them escaped."""
    _forget_results(ctx)
    out: dict[str, Any] = {}
    for table, batch in batches.items():
        result = ctx.checkpoints.get(checkpoint_name(table)).run(batch_parameters=batch,
                                                                  expectation_parameters=params)
        (vr,) = result.run_results.values()
        out[table] = vr
    if with_docs:
        _escape_stored_results(ctx)
        ctx.build_data_docs(site_names=[SITE])
    return out


def _forget_results(ctx: Any) -> None:
    """Drop the validation results of earlier runs from the context's (in-memory) store: Data Docs
    show this run's, and a process that runs for months (``serve``) does not pile them up."""
    store = ctx.validation_results_store
    for key in store.list_keys():
        store.remove_key(key)


def _escape_stored_results(ctx: Any) -> None:
    """Escape every text in the stored results' ``result`` and ``exception_info`` (the rows and
    values an expectation names: a note's text, a sentence, a URL) as HTML.

    GX's Data Docs templates put these values into the pages as they are, so a report holding
    ``<script>`` would run it in the reader's browser; escaped, it reads as the text it is. The
    results the run itself reads (``validation_results``, the report page) are the checkpoint's
    own objects, never these copies."""
    store = ctx.validation_results_store
    for key in store.list_keys():
        suite_result = store.get(key)
        for r in suite_result.results:
            r.result = _escaped(r.result)
            r.exception_info = _escaped(r.exception_info)
        store.set(key, suite_result)


def _escaped(value: Any) -> Any:
    """``value`` with every string in it (dict keys too, lists, tuples) HTML-escaped."""
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, dict):
        return {_escaped(k): _escaped(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_escaped(v) for v in value)
    return value


def _result_rows(table: str, frame: pd.DataFrame, r: Any, doc_ids: list[str],
                 per_doc: dict[str, int]) -> list[dict[str, Any]]:
    """validation_results rows of one expectation: one per document for a map expectation (naming
    its failing rows), else one for the run. ``per_doc``: the table's row count per document."""
    cfg = r.expectation_config
    kw = cfg.kwargs
    column = kw.get("column") or ",".join(kw.get("column_list") or []) or \
        ",".join(x for x in (kw.get("column_A"), kw.get("column_B")) if x) or None
    severity = _severity(cfg)
    res = r.result or {}
    base = {"suite": suite_name(table), "table": table, "expectation": cfg.type, "column": column,
            "severity": severity}
    idx = res.get("unexpected_index_list")
    if "element_count" in res and isinstance(idx, list) and all(isinstance(i, (int,)) for i in idx) and "doc_id" in frame:
        # a map expectation: split by document, name the failing rows
        bad = frame.loc[[i for i in idx if i in frame.index]]
        bad_by_doc = {str(doc): rows for doc, rows in bad.groupby("doc_id", sort=False)} if len(bad) else {}
        rows = []
        for doc in doc_ids:
            mine = bad_by_doc.get(doc, bad.iloc[:0])
            rows.append({**base, "doc_id": doc, "success": mine.empty, "unexpected_count": len(mine),
                         "element_count": per_doc.get(doc, 0), "details": _describe_rows(mine)})
        return rows
    if r.exception_info and r.exception_info.get("raised_exception"):
        details = f"exception: {r.exception_info.get('exception_message')}"
    else:
        observed = res.get("observed_value")
        details = "" if r.success else f"observed: {json.dumps(observed, default=str)[:500]}"
    return [{**base, "doc_id": None, "success": bool(r.success), "unexpected_count": res.get("unexpected_count"),
             "element_count": res.get("element_count"), "details": details}]


def _severity(cfg: Any) -> str:
    """GX's own severity of an expectation: "critical", "warning" or "info"."""
    severity = getattr(cfg, "severity", None) or CRITICAL
    return str(getattr(severity, "value", severity)).lower()


def _describe_rows(rows: pd.DataFrame) -> str:
    if rows.empty:
        return ""
    parts = []
    for _, row in rows.head(_MAX_DETAILS).iterrows():
        bits = [f"{c}={_short(row[c])}" for c in _DETAIL_COLUMNS if c in row and not pd.isna(row[c])]
        parts.append("; ".join(bits))
    more = f" (+{len(rows) - _MAX_DETAILS} more)" if len(rows) > _MAX_DETAILS else ""
    return " || ".join(parts) + more


def _short(v: Any, n: int = 400) -> str:
    s = str(v)
    return s if len(s) <= n else s[: n - 1] + "…"
