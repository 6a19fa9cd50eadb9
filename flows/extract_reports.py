"""Deployment entrypoint for the report-extractor flow (see prefect.yaml and the README).

    python flows/extract_reports.py data/reports --output output

runs the flow once, like ``report-extract run``.
"""
from __future__ import annotations

import sys

from extractor.flow import extract_reports  # noqa: F401  (the flow object deployments point at)

if __name__ == "__main__":
    from extractor.cli import main

    sys.exit(main(["run", *sys.argv[1:]]))
