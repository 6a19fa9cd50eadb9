"""The Prefect flow end to end on the sample: tables, determinism, cache, a bad report in a batch."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from extractor.runner import RunOptions
from extractor.tables import TABLE_NAMES

pytestmark = pytest.mark.slow
RUN_COLUMNS = ["processed_at", "seconds"]  # the only columns allowed to differ between runs


@pytest.fixture(scope="module")
def flow_runs(tmp_path_factory, sample_path):
    """The flow twice on the sample (no cache), then once more with the cache, plus a bad batch."""
    from extractor.flow import run_flow as extract_reports

    base = tmp_path_factory.mktemp("flow")
    first = extract_reports([str(sample_path)], RunOptions(output_dir=str(base / "a"), model="none", use_cache=False))
    second = extract_reports([str(sample_path)], RunOptions(output_dir=str(base / "b"), model="none", use_cache=False))
    # a batch with one corrupt report among good ones
    batch = base / "batch"
    batch.mkdir()
    shutil.copy(sample_path, batch / "good.txt")
    (batch / "broken.txt").write_bytes(b"\x00\x01binary garbage\x00" * 50)
    mixed = extract_reports([str(batch / "broken.txt"), str(batch / "good.txt")],
                            RunOptions(output_dir=str(base / "mixed"), model="none"))
    mixed_tables = read_csvs(base / "mixed")
    # the same output folder again: the good report comes from the cache
    cached_first = extract_reports([str(batch / "good.txt")], RunOptions(output_dir=str(base / "mixed"), model="none"))
    return base, first, second, (mixed, mixed_tables), cached_first


def read_csvs(folder: Path) -> dict[str, pd.DataFrame]:
    return {n: pd.read_csv(folder / f"{n}.csv", dtype=str, keep_default_na=False) for n in TABLE_NAMES}


def test_flow_writes_every_table_as_csv_and_parquet(flow_runs):
    base, first, *_ = flow_runs
    for name in TABLE_NAMES:
        assert (base / "a" / f"{name}.csv").exists()
        pq = pd.read_parquet(base / "a" / f"{name}.parquet")
        csv = pd.read_csv(base / "a" / f"{name}.csv")
        assert list(pq.columns) == list(csv.columns)
        assert len(pq) == len(csv) == first.rows[name]
    assert first.rows["claims"] > 150 and first.rows["citations"] > 50 and first.rows["places"] > 10
    assert not [r for r in first.reports if r["status"] != "ok"]
    manifest = json.loads((base / "a" / "manifest.json").read_text())
    assert manifest["inputs"][0]["sha256"] and manifest["rows"]["claims"] == first.rows["claims"]
    assert "spacy" in manifest["packages"]


def test_second_run_writes_identical_tables(flow_runs):
    base, *_ = flow_runs
    a, b = read_csvs(base / "a"), read_csvs(base / "b")
    for name in TABLE_NAMES:
        left, right = a[name], b[name]
        if name == "documents":
            left, right = left.drop(columns=RUN_COLUMNS), right.drop(columns=RUN_COLUMNS)
        pd.testing.assert_frame_equal(left, right, obj=name)
    assert (base / "a" / "claims.csv").read_bytes() == (base / "b" / "claims.csv").read_bytes()


def test_a_bad_report_is_recorded_and_the_batch_goes_on(flow_runs):
    base, _, _, (mixed, tables), _ = flow_runs
    docs = tables["documents"]
    assert sorted(docs["status"]) == ["failed", "ok"]
    failed = docs[docs["status"] == "failed"].iloc[0]
    assert "broken.txt" in failed["error"] and "binary" in failed["error"]
    assert "\n" not in failed["error"] and "Traceback" not in failed["error"]
    claims = tables["claims"]
    assert len(claims) > 150 and claims["doc_id"].nunique() == 1
    assert len(mixed.failed) == 1 and not mixed.ok


def test_unchanged_report_comes_from_the_cache(flow_runs):
    base, first, _, _, cached = flow_runs
    assert [r["cached"] for r in cached.reports] == [True]
    assert cached.rows["claims"] == first.rows["claims"]


def test_two_dask_workers_write_the_same_tables_as_one(tmp_path, sample_text):
    from extractor.cli import main

    reports = tmp_path / "in"
    reports.mkdir()
    for i in range(3):
        (reports / f"copy-{i}.txt").write_text(f"Copy {i} of the report.\n\n{sample_text}", encoding="utf-8")
    common = ["--model", "none", "--quiet", "--no-validate", "--no-cache"]
    assert main(["run", str(reports), "--output", str(tmp_path / "one"), *common]) == 0
    assert main(["run", str(reports), "--output", str(tmp_path / "two"), "--workers", "2", *common]) == 0
    one, two = read_csvs(tmp_path / "one"), read_csvs(tmp_path / "two")
    for name in ("claims", "citations", "places", "place_mentions", "sections", "notes", "consistency_checks"):
        pd.testing.assert_frame_equal(one[name], two[name], obj=name)
    assert one["documents"]["doc_id"].nunique() == 3


def test_consistency_checks_are_computed_with_each_report(tmp_path, sample_path):
    """A report's checks come back with its tables (from the worker that extracted it), equal to
    checking the combined claims at the end; a result without them (an older cache entry) gets
    them at the end of the run."""
    from extractor.pipeline import combine
    from extractor.runner import finish_run, process_one
    from extractor.validate.consistency import consistency_frame

    options = RunOptions(output_dir=str(tmp_path / "out"), model="none", use_cache=False, validate=False)
    result = process_one(sample_path, options)
    rows = result.tables["consistency_checks"]
    assert len(rows) > 10 and {r["status"] for r in rows} == {"consistent"}
    frames = combine([result])
    pd.testing.assert_frame_equal(frames["consistency_checks"], consistency_frame(frames["claims"]))

    del result.tables["consistency_checks"]
    summary = finish_run([result.compact()], options)
    assert summary.rows["consistency_checks"] == len(rows)


def test_local_cluster_workers_keep_glibc_memory_trimming(monkeypatch):
    """Dask's nanny would set MALLOC_TRIM_THRESHOLD_ in every worker; a local cluster of ours does
    not (the other variables of the nanny stay)."""
    from distributed.nanny import _get_env_variables

    from extractor.flow import _worker_environment, dask_runner, local_dask_runner

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    key = "distributed.nanny.pre-spawn-environ"
    assert "MALLOC_TRIM_THRESHOLD_" in _get_env_variables(key)
    with _worker_environment(local_dask_runner(2)):
        env = _get_env_variables(key)
        assert "MALLOC_TRIM_THRESHOLD_" not in env and env.get("OMP_NUM_THREADS") == "1"
    assert "MALLOC_TRIM_THRESHOLD_" in _get_env_variables(key)
    with _worker_environment(dask_runner("tcp://127.0.0.1:8786")):  # someone else's cluster: untouched
        assert "MALLOC_TRIM_THRESHOLD_" in _get_env_variables(key)
