"""Errors a user can read and search.

Every error that reaches a user names the file and the problem in one line, with a stable code
(``RX1xx`` input, ``RX2xx`` layout, ``RX3xx`` extraction, ``RX4xx`` validation, ``RX5xx`` output)
so that it can be looked up in the README's error table.
"""
from __future__ import annotations

from pathlib import Path


class ExtractorError(Exception):
    """Base class: a problem with one report or one run that the user can act on."""

    code = "RX000"

    def __init__(self, path: str | Path | None, reason: str) -> None:
        self.path = str(path) if path is not None else ""
        self.reason = reason
        super().__init__(self.one_line())

    def one_line(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}{self.reason} [{self.code}]"


class InputError(ExtractorError):
    """The file cannot be read as a report (missing, empty, binary, wrong encoding)."""

    code = "RX101"


class UnsupportedFormatError(InputError):
    code = "RX102"


class EncryptedPdfError(InputError):
    code = "RX103"


class NoTextLayerError(InputError):
    code = "RX104"


class CorruptPdfError(InputError):
    code = "RX105"


class LimitExceededError(InputError):
    """The report is larger or slower than the configured per-document limits."""

    code = "RX106"


class DuplicateReportError(InputError):
    """Two files of one batch with the same name and content: one ``doc_id`` for both."""

    code = "RX107"


class LayoutError(ExtractorError):
    """Layout repair found no body text to work on."""

    code = "RX201"


class ModelNotFoundError(ExtractorError):
    """The configured spaCy model is not installed."""

    code = "RX301"


class ExpectationsError(ExtractorError):
    """The Great Expectations project given with ``--expectations`` cannot be used."""

    code = "RX401"


class OutputError(ExtractorError):
    code = "RX501"


class OutputLockedError(OutputError):
    """Another run is writing to the same output folder (and did not finish in time)."""

    code = "RX502"


class OrchestrationError(ExtractorError):
    """Prefect's API cannot be reached: its embedded server did not start."""

    code = "RX601"


class ShowError(ExtractorError):
    """A claim that cannot be drawn on its page: unknown id, no tables, or a text-dump report."""

    code = "RX701"
