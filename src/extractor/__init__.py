"""report-extractor: tidy, validated, citable datasets from long policy reports."""
from __future__ import annotations

__version__ = "0.1.0"
