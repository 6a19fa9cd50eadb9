"""Per-report limits: how large a report may be and how long it may take.

Each limit, when exceeded, is one :class:`~extractor.errors.LimitExceededError` line (RX106)
naming the file, the limit and the option that sets it; the batch goes on with the next report.

- ``max_pages`` (PDF): pages in the file (``--max-pages``);
- ``max_text_mb`` (text dump): the file's size, checked before it is read (``--max-text-mb``);
- ``max_line_chars`` (text dump): the longest line, checked before layout repair
  (``--max-line-chars``): a "text dump" of one multi-megabyte line is no page-by-page dump;
- ``timeout_s`` (every report): seconds from the start of reading to the end of extraction
  (``--timeout``), checked between pages of a PDF, between the steps of a report and between
  paragraphs of the spaCy pass, so a report stops at most one step after its time is up;
- spaCy's own ``nlp.max_length`` (characters of one paragraph): a longer paragraph is refused
  here, never handed to spaCy (whose E088 would be an unexpected error).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from extractor.errors import LimitExceededError

#: Defaults, shared by the library (``ExtractionConfig``), the run options and the CLI.
MAX_PAGES = 2000
#: A 2,000-page report as a text dump is 5-10 MB; at ~3 s per MB without a model (~10 s with
#: one) 16 MB stays well inside the time limit.
MAX_TEXT_MB = 16.0
#: Text dumps hold a paragraph or a printed line per line (a few thousand characters at most).
MAX_LINE_CHARS = 100_000
TIMEOUT_S = 600.0


@dataclass
class Deadline:
    """The time limit of one report, started when its reading starts."""

    path: str | Path
    limit_s: float | None
    started: float = field(default_factory=time.monotonic)

    def expired(self) -> bool:
        return self.limit_s is not None and time.monotonic() - self.started > self.limit_s

    def check(self, step: str) -> None:
        """Raise RX106 if the report's time is up; ``step`` says where it stopped."""
        if self.expired():
            raise LimitExceededError(self.path, f"processing took longer than the {self.limit_s:g} s limit "
                                                f"(timeout_s, --timeout), stopped during {step}")


def check_text_size(path: Path, size: int, max_text_mb: float | None) -> None:
    if max_text_mb is not None and size > max_text_mb * 1_000_000:
        raise LimitExceededError(path, f"the text dump has {size / 1_000_000:.1f} MB, more than the limit of "
                                       f"{max_text_mb:g} MB (max_text_mb, --max-text-mb)")


def check_line_length(path: Path, text: str, max_line_chars: int | None) -> None:
    """The longest line of a text dump against the limit (one pass over the text)."""
    if max_line_chars is None or len(text) <= max_line_chars:
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > max_line_chars:
            raise LimitExceededError(path, f"line {number} has {len(line):,} characters, more than the limit of "
                                           f"{max_line_chars:,} (max_line_chars, --max-line-chars): not a "
                                           "page-by-page text dump")


def check_paragraph_length(path: str | Path, length: int, max_length: int) -> None:
    """A paragraph longer than spaCy's ``nlp.max_length`` is refused before spaCy sees it."""
    if length > max_length:
        raise LimitExceededError(path, f"a paragraph of {length:,} characters is longer than the {max_length:,} "
                                       "characters the spaCy pass reads at once")
