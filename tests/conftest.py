"""Shared fixtures: the bundled sample report, parsed once per test session, and the gold keys."""
from __future__ import annotations

import csv
import logging
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Prefect keeps its embedded API's state in the project, never in the user's home; no telemetry.
os.environ.setdefault("PREFECT_HOME", str(ROOT / ".prefect"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
# Prefect stops its embedded API at interpreter exit, after pytest has closed the captured
# streams; its last log line would print a "Logging error" traceback that means nothing.
logging.raiseExceptions = False
SAMPLE = ROOT / "data" / "reports" / "xinhua-poverty-alleviation-2025.txt"
GOLD = Path(__file__).resolve().parent / "fixtures" / "gold"


def read_gold(name: str) -> list[dict[str, str]]:
    with (GOLD / f"{name}.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_document():
    from extractor.pipeline import load_document

    return load_document(SAMPLE)


@pytest.fixture(scope="session")
def blank_nlp():
    from extractor.nlp import build_nlp

    return build_nlp("none")


@pytest.fixture(scope="session")
def sample_analysis(sample_document, blank_nlp):
    from extractor.analysis import analyse

    return analyse(sample_document, blank_nlp, "blank")


@pytest.fixture(scope="session")
def sample_result():
    """The sample through the whole library call with no statistical model."""
    from extractor.pipeline import ExtractionConfig, process_report

    result = process_report(SAMPLE, ExtractionConfig(model="none"))
    assert result.status == "ok", result.error
    return result


@pytest.fixture(scope="session")
def sample_frames(sample_result):
    from extractor.pipeline import combine

    return combine([sample_result])


@pytest.fixture(scope="session")
def gold_claims() -> list[dict[str, str]]:
    return read_gold("claims")


@pytest.fixture(scope="session")
def gold_citations() -> list[dict[str, str]]:
    return read_gold("citations")


@pytest.fixture(scope="session")
def gold_places() -> list[dict[str, str]]:
    return read_gold("places")
