"""Hardening, the per-report cache (issue 19, item 1): it can never lie.

A cached report's rows name the file they were read from (``documents.source_path``) and a
``doc_id`` made from its name, so the key holds the file's path as well as its content: a copy
under another name or a renamed report is extracted as itself. A damaged entry (truncated,
bit-flipped, another report's, not JSON, missing a table) is a miss, removed, never a failed
report and never empty tables in place of good ones.
"""
from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from extractor import runner
from extractor.pipeline import file_sha256
from extractor.runner import RunOptions, frames_from_output, process_one, run_batch

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "reports" / "xinhua-poverty-alleviation-2025.txt"


def _options(out: Path, **kw) -> RunOptions:
    return RunOptions(output_dir=str(out), model="none", **kw)


def _entry(options: RunOptions, report: Path) -> Path:
    return runner._cache_path(options, file_sha256(report), report)


def _without_timing(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    docs = frames["documents"].drop(columns=["processed_at", "seconds"])
    return {**frames, "documents": docs}


def test_two_identical_files_in_one_batch_are_two_reports(tmp_path: Path) -> None:
    """The sample and a copy of it under another name, run twice (the second from the cache):
    two documents with their own doc_id and source_path, each report's rows once, validation
    passes, and the cached run writes what an uncached run writes."""
    reports = tmp_path / "reports"
    reports.mkdir()
    first, copy = reports / SAMPLE.name, reports / "copy-of-the-report.txt"
    shutil.copyfile(SAMPLE, first)
    shutil.copyfile(SAMPLE, copy)
    out = tmp_path / "out"
    runs = [run_batch([first, copy], _options(out)) for _ in range(2)]
    assert [r["cached"] for r in runs[1].reports] == [True, True]
    for summary in runs:
        assert summary.ok, summary.validation.get("error_lines")
    docs = frames_from_output(out)["documents"]
    assert sorted(docs["source_path"]) == sorted([str(first), str(copy)])
    assert docs["doc_id"].is_unique
    claims = frames_from_output(out)["claims"]
    assert claims.groupby("doc_id").size().nunique() == 1  # the same claims, once per report
    assert not claims["claim_id"].duplicated().any()
    fresh = tmp_path / "fresh"
    run_batch([first, copy], _options(fresh, use_cache=False))
    for name, frame in _without_timing(frames_from_output(fresh)).items():
        pd.testing.assert_frame_equal(_without_timing(frames_from_output(out))[name], frame, obj=name)


def test_a_renamed_report_is_read_under_its_new_name(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    old = reports / "old-name.txt"
    shutil.copyfile(SAMPLE, old)
    options = _options(tmp_path / "out", validate=False)
    before = process_one(old, options)
    new = old.rename(reports / "new-name.txt")
    after = process_one(new, options)
    assert not after.cached
    assert after.path == str(new) and after.doc_id.startswith("new-name-")
    assert after.tables["documents"][0]["source_path"] == str(new)
    assert before.doc_id.startswith("old-name-")
    again = process_one(new, options)
    assert again.cached and again.doc_id == after.doc_id and again.path == str(new)


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]  # EOFError


def _bit_flipped(data: bytes) -> bytes:
    flipped = bytearray(data)
    flipped[len(flipped) // 2] ^= 0x10  # zlib.error or a CRC error
    return bytes(flipped)


def _not_json(data: bytes) -> bytes:
    return gzip.compress(b"{\"path\": ")


def _missing_tables(data: bytes) -> bytes:
    payload = json.loads(gzip.decompress(data))
    del payload["tables"]  # KeyError
    return gzip.compress(json.dumps(payload).encode())


def _empty_tables(data: bytes) -> bytes:
    payload = json.loads(gzip.decompress(data))
    payload["tables"] = {name: [] for name in payload["tables"]}
    return gzip.compress(json.dumps(payload).encode())


def _another_reports(data: bytes) -> bytes:
    payload = json.loads(gzip.decompress(data))
    payload["path"], payload["doc_id"] = "elsewhere/other.txt", "other-00000000"
    return gzip.compress(json.dumps(payload).encode())


@pytest.mark.parametrize("damage", [_truncated, _bit_flipped, _not_json, _missing_tables, _empty_tables,
                                    _another_reports])
def test_a_damaged_cache_entry_is_a_miss(tmp_path: Path, damage) -> None:
    """Each kind of damage: the report is extracted again (not failed, not empty), the damaged
    entry is replaced by a good one."""
    options = _options(tmp_path / "out", validate=False)
    good = process_one(SAMPLE, options)
    entry = _entry(options, SAMPLE)
    entry.write_bytes(damage(entry.read_bytes()))
    again = process_one(SAMPLE, options)
    assert again.status == "ok", again.error
    assert not again.cached
    assert again.tables["claims"] == good.tables["claims"]
    assert process_one(SAMPLE, options).cached  # the entry was written anew


def test_a_damaged_entry_never_replaces_good_tables_with_empty_ones(tmp_path: Path) -> None:
    """Without the flow: a good run, then a bit flipped in the cache entry, then a run: the
    tables written are the good ones, and the run passes."""
    out = tmp_path / "out"
    first = run_batch([SAMPLE], _options(out))
    assert first.ok
    entry = _entry(_options(out), SAMPLE)
    entry.write_bytes(_bit_flipped(entry.read_bytes()))
    second = run_batch([SAMPLE], _options(out))
    assert second.ok, second.reports
    assert second.rows == first.rows and second.rows["claims"] > 0


def test_the_same_file_name_and_content_in_two_folders_is_reported_once(tmp_path: Path) -> None:
    """``a/report.txt`` and ``b/report.txt`` with the same content have one doc_id: the second is
    left out of the tables with a one-line RX107 error instead of repeating every row."""
    paths = []
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        paths.append(tmp_path / folder / SAMPLE.name)
        shutil.copyfile(SAMPLE, paths[-1])
    out = tmp_path / "out"
    summary = run_batch(paths, _options(out))
    assert summary.validation["success"], summary.validation.get("error_lines")
    assert [r["status"] for r in summary.reports] == ["ok", "failed"]
    error = summary.reports[1]["error"]
    assert error.startswith(f"{paths[1]}: the same file name and content as {paths[0]}") and error.endswith("[RX107]")
    docs = frames_from_output(out)["documents"]
    assert list(docs["source_path"]) == [str(paths[0])]
