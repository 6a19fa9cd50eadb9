"""Ingestion backends: one module per input format, all producing :class:`RawPage` lists."""
from __future__ import annotations

from pathlib import Path

from extractor.errors import InputError, UnsupportedFormatError
from extractor.limits import Deadline
from extractor.model import RawPage

TEXT_SUFFIXES = {".txt", ".md", ".text"}
PDF_SUFFIXES = {".pdf"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | PDF_SUFFIXES


def source_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in PDF_SUFFIXES:
        return "pdf"
    raise UnsupportedFormatError(path, f"unsupported file type {suffix or '(none)'!r}; expected .pdf, .txt or .md")


def read_pages(path: Path, *, max_pages: int | None = None, timeout_s: float | None = None,
               deadline: Deadline | None = None, max_text_mb: float | None = None,
               max_line_chars: int | None = None, password: str | None = None, ocr: bool = False) -> list[RawPage]:
    """Read a report into raw pages, whatever its format, within the limits of
    :mod:`extractor.limits` (``deadline``: the report's time limit, started by the caller;
    else ``timeout_s`` from now)."""
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a folder, not a report file")
    fmt = source_format(path)
    deadline = deadline or Deadline(path, timeout_s)
    if fmt == "text":
        from extractor.ingest.text import read_text_report

        return read_text_report(path, max_text_mb=max_text_mb, max_line_chars=max_line_chars)
    from extractor.ingest.pdf import read_pdf_report

    return read_pdf_report(path, max_pages=max_pages, deadline=deadline, password=password, ocr=ocr)
