"""The library entry points: a report in, table rows out; no Prefect needed.

Data flows one way: ingest -> layout -> analyse (one spaCy pass) -> extract -> tables. The
Prefect flow in ``flows/`` wires these same functions as tasks.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from extractor import __version__
from extractor.analysis import Analysis, analyse
from extractor.errors import ExtractorError, InputError
from extractor.extract.citations import extract_citations, extract_notes, parse_notes, resolve_document_markers
from extractor.extract.claims import extract_claims
from extractor.extract.place_coordinates import add_coordinates
from extractor.extract.places import aggregate_places, extract_place_mentions
from extractor.ingest import SUPPORTED_SUFFIXES, read_pages, source_format
from extractor.layout.repair import make_doc_id, repair_layout
from extractor.limits import MAX_LINE_CHARS, MAX_PAGES, MAX_TEXT_MB, TIMEOUT_S, Deadline
from extractor.model import Document, RawPage
from extractor.nlp import build_nlp, model_label
from extractor.tables import TABLE_NAMES, sort_frame, to_frame

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class ExtractionConfig:
    """Per-run settings. ``model``: spaCy model name, "auto" (default) or "none"; the limits of
    :mod:`extractor.limits` (None: no limit); ``password``: opens encrypted PDFs (never written
    anywhere); ``ocr``: pages without a text layer are read by Tesseract."""

    model: str | None = None
    max_pages: int | None = MAX_PAGES
    timeout_s: float | None = TIMEOUT_S
    max_text_mb: float | None = MAX_TEXT_MB
    max_line_chars: int | None = MAX_LINE_CHARS
    password: str | None = field(default=None, repr=False)
    #: Read pages without a text layer with Tesseract (``--ocr``).
    ocr: bool = False

    def deadline(self, path: str | Path) -> Deadline:
        """The time limit of one report, from now."""
        return Deadline(path, self.timeout_s)


@dataclass
class ReportResult:
    path: str
    doc_id: str
    status: str  # "ok" or "failed"
    error: str | None
    tables: dict[str, Rows] = field(default_factory=dict)
    seconds: float = 0.0
    cached: bool = False

    def compact(self) -> ReportResult:
        """Hold each table as a typed DataFrame instead of a list of dicts (a fraction of the
        memory), so that a long batch keeps its results small until they are combined."""
        self.tables = {name: rows if isinstance(rows, pd.DataFrame) else to_frame(name, rows)
                       for name, rows in self.tables.items()}
        return self


def read_report_pages(path: str | Path, config: ExtractionConfig = ExtractionConfig(),
                      deadline: Deadline | None = None) -> list[RawPage]:
    """Ingest: a report file into raw pages (text dump or PDF), within the limits."""
    return read_pages(Path(path), max_pages=config.max_pages, deadline=deadline or config.deadline(path),
                      max_text_mb=config.max_text_mb, max_line_chars=config.max_line_chars,
                      password=config.password, ocr=config.ocr)


def repair_report_layout(path: str | Path, pages: list[RawPage]) -> Document:
    """Layout repair of one report's raw pages."""
    path = Path(path)
    return repair_layout(pages, source_path=str(path), source_format=source_format(path), sha256=file_sha256(path),
                         stem=path.stem)


def load_document(path: str | Path, config: ExtractionConfig = ExtractionConfig(),
                  deadline: Deadline | None = None) -> Document:
    """Ingest and repair one report (within its time limit, ``deadline``, when given)."""
    deadline = deadline or config.deadline(path)
    pages = read_report_pages(path, config, deadline)
    deadline.check("layout repair")
    return repair_report_layout(path, pages)


def extract_tables(document: Document, analysis: Analysis, deadline: Deadline | None = None) -> dict[str, Rows]:
    """All extractors over one parsed document (checking the report's time limit between them)."""
    from extractor.extract.links import attach_claim_context, link_claims_to_citations

    check = deadline.check if deadline is not None else (lambda step: None)
    claims = extract_claims(analysis)
    check("the notes and citations")
    parsed_notes = parse_notes(document.notes)
    resolved = resolve_document_markers(analysis)
    notes = extract_notes(analysis, parsed_notes, resolved)
    citations = extract_citations(analysis, parsed_notes, resolved)
    check("the places")
    mentions = extract_place_mentions(analysis)
    places = add_coordinates(aggregate_places(mentions))
    attach_claim_context(claims, citations, mentions)
    sections = [
        {"doc_id": document.doc_id, "section_id": s.section_id, "number": s.number, "title": s.title,
         "heading": s.heading, "level": s.level, "parent_id": s.parent_id, "page": s.page,
         "char_start": s.char_start, "char_end": s.char_end}
        for s in document.sections
    ]
    return {
        "sections": sections, "claims": claims, "notes": notes, "citations": citations,
        "claim_citations": link_claims_to_citations(analysis, claims, citations),
        "places": places, "place_mentions": mentions,
    }


def extract_document(document: Document, config: ExtractionConfig = ExtractionConfig(),
                     seconds_so_far: float = 0.0, deadline: Deadline | None = None) -> ReportResult:
    """One spaCy pass over a repaired document, then every extractor; a ``documents`` row too.
    ``deadline``: the report's time limit, started when its reading started (else from now)."""
    t0 = time.perf_counter()
    deadline = deadline or config.deadline(document.source_path)
    nlp = build_nlp(config.model)
    deadline.check("the spaCy pass")
    analysis = analyse(document, nlp, model_label(nlp), deadline=deadline)
    deadline.check("the claims")
    tables = extract_tables(document, analysis, deadline)
    seconds = seconds_so_far + time.perf_counter() - t0
    tables["documents"] = [document_row(document, analysis, tables, seconds)]
    return ReportResult(document.source_path, document.doc_id, "ok", None, tables, seconds)


def process_report(path: str | Path, config: ExtractionConfig = ExtractionConfig()) -> ReportResult:
    """Run one report end to end; a bad report gives a failed result, never an exception."""
    path = Path(path)
    t0 = time.perf_counter()
    try:
        deadline = config.deadline(path)
        document = load_document(path, config, deadline)
        return extract_document(document, config, time.perf_counter() - t0, deadline)
    except Exception as exc:  # noqa: BLE001 - one bad report must never sink a batch
        return failed_result(path, exc, time.perf_counter() - t0)


def failed_result(path: str | Path, exc: BaseException, seconds: float = 0.0) -> ReportResult:
    """A failed report: one ``documents`` row with status failed and a one-line error."""
    path = Path(path)
    if isinstance(exc, ExtractorError):
        message = exc.one_line()
    else:
        message = f"{path}: unexpected {type(exc).__name__}: {exc} [RX999]"
    return _failed(path, message, seconds)


def document_row(document: Document, analysis: Analysis, tables: dict[str, Rows], seconds: float) -> dict[str, Any]:
    return {
        "doc_id": document.doc_id, "source_path": document.source_path, "source_format": document.source_format,
        "sha256": document.sha256, "title": document.title, "status": "ok", "error": None,
        "n_pages": document.n_pages, "pages_inferred": document.pages_inferred,
        "n_sections": len(document.sections), "n_sentences": len(analysis.sentences),
        "n_claims": len(tables["claims"]), "n_citations": len(tables["citations"]), "n_notes": len(tables["notes"]),
        "n_places": len(tables["places"]), "model": analysis.model, "extractor_version": __version__,
        "processed_at": None, "seconds": round(seconds, 3),
    }


def _failed(path: Path, message: str, seconds: float) -> ReportResult:
    try:
        sha = file_sha256(path)
    except OSError:
        sha = hashlib.sha256(str(path).encode()).hexdigest()
    doc_id = make_doc_id(path.stem, sha)
    row = {"doc_id": doc_id, "source_path": str(path), "source_format": path.suffix.lower().lstrip("."),
           "sha256": sha, "status": "failed", "error": message, "extractor_version": __version__,
           "seconds": round(seconds, 3)}
    return ReportResult(str(path), doc_id, "failed", message, {"documents": [row]}, seconds)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def discover_reports(inputs: list[str | Path], pattern: str | None = None) -> list[Path]:
    """Files named directly, plus every .pdf/.txt/.md under named folders (sorted, deduplicated)."""
    found: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            candidates = sorted(p.rglob(pattern or "*"))
            found.extend(c for c in candidates if c.is_file() and c.suffix.lower() in SUPPORTED_SUFFIXES
                         and not any(part.startswith(".") for part in c.relative_to(p).parts))
        elif p.exists():
            found.append(p)
        else:
            raise InputError(p, "no such file or folder")
    seen: set[Path] = set()
    unique = []
    for f in found:
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(f)
    return unique


def combine(results: list[ReportResult], processed_at: str | None = None) -> dict[str, pd.DataFrame]:
    """All reports' rows, table by table, typed and in a deterministic order."""
    frames: dict[str, pd.DataFrame] = {}
    for name in TABLE_NAMES:
        parts = [part for r in results if (part := r.tables.get(name)) is not None and len(part)]
        rows: Rows = [row for part in parts if not isinstance(part, pd.DataFrame) for row in part]
        typed = [part for part in parts if isinstance(part, pd.DataFrame)]
        if rows or not typed:
            typed.append(to_frame(name, rows))
        frame = pd.concat(typed, ignore_index=True) if len(typed) > 1 else typed[0]
        if name == "documents" and processed_at:
            frame = frame.assign(processed_at=pd.array([processed_at] * len(frame), dtype="string"))
        frames[name] = sort_frame(name, frame)
    return frames
