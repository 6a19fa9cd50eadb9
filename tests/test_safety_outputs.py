"""Hardening, outputs that stay consistent whatever happens (issue 19, item 6).

A run writes every output into ``OUT/.runs/<run_id>/`` and publishes it with one switch of the
``OUT/current`` link (``OUT/claims.csv``, ``OUT/validation``, ``OUT/manifest.json`` ... are
stable links into it); a kill or a write error leaves the previous run published; stale
temporaries go; Data Docs do not pile up; an output folder that cannot be made is one RX501
line; files honour the umask; two runs on one folder take turns (RX502 when waiting too long).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from extractor.errors import OutputError, OutputLockedError
from extractor.io.publish import output_lock
from extractor.runner import RunOptions, run_batch

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "reports" / "xinhua-poverty-alleviation-2025.txt"
CLI = str(Path(sys.executable).with_name("report-extract"))


def _options(out: Path, **kw) -> RunOptions:
    return RunOptions(output_dir=str(out), model="none", **kw)


def _published(out: Path) -> dict:
    """What a reader sees: the manifest's run id, the report page's text, the tables' row counts."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {"run_id": manifest["run_id"], "report": (out / "validation" / "report.html").read_text(encoding="utf-8"),
            "rows": {t: len(pd.read_parquet(out / f"{t}.parquet")) for t in manifest["rows"]},
            "csv": (out / "documents.csv").read_text(encoding="utf-8")}


def _cli(*args: str, cwd: Path, umask: int | None = None) -> subprocess.Popen:
    env = {**os.environ, "COLUMNS": "60"}
    pre = (lambda: os.umask(umask)) if umask is not None else None
    return subprocess.Popen([CLI, "run", *args, "--model", "none"], cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=pre)


@pytest.fixture()
def published_run(tmp_path: Path) -> tuple[Path, dict]:
    out = tmp_path / "out"
    assert run_batch([SAMPLE], _options(out)).ok
    return out, _published(out)


def test_a_write_error_leaves_the_previous_run_published(published_run, monkeypatch) -> None:
    """The disk fills while the tables are written: one RX501 error; the reader still sees the
    previous run whole (manifest, report page and tables agree); nothing of the failed run is
    left behind."""
    import pyarrow.parquet as pq

    out, before = published_run
    real = pq.write_table
    written = []

    def full_disk(table, where, *a, **kw):
        written.append(where)
        if len(written) == 5:
            raise OSError(28, "No space left on device", str(where))
        return real(table, where, *a, **kw)

    monkeypatch.setattr(pq, "write_table", full_disk)
    with pytest.raises(OutputError) as caught:
        run_batch([SAMPLE], _options(out))
    line = caught.value.one_line()
    assert line.endswith("[RX501]") and "\n" not in line and "No space left on device" in line
    assert _published(out) == before
    runs = sorted(p.name for p in (out / ".runs").iterdir())
    assert runs == [before["run_id"]]
    assert not list(out.glob(".*.tmp"))


def test_a_killed_run_leaves_the_previous_run_published(published_run) -> None:
    """A run killed (SIGKILL) while it writes its outputs: the previous run is still what a reader
    sees; the next run removes what the killed one left and publishes its own."""
    out, before = published_run
    proc = _cli(str(SAMPLE), "--output", str(out), "--no-flow", "--quiet", "--no-cache", cwd=out.parent)
    runs = out / ".runs"
    t0 = time.monotonic()
    while time.monotonic() - t0 < 300 and proc.poll() is None:
        if any(p.name != before["run_id"] for p in runs.iterdir()):
            break  # the killed run's staging folder exists: it is writing its outputs
        time.sleep(0.02)
    assert proc.poll() is None, proc.communicate()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _published(out) == before
    (out / ".cache" / ".left-by-a-kill.tmp").write_text("x")
    after = run_batch([SAMPLE], _options(out))
    assert after.ok
    assert _published(out)["run_id"] == after.run_id != before["run_id"]
    assert sorted(p.name for p in runs.iterdir()) == sorted([before["run_id"], after.run_id])
    assert not list((out / ".cache").glob("*.tmp")) and not list((out / ".cache").glob(".*.tmp"))


def test_stale_temporaries_go_and_data_docs_do_not_pile_up(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".claims.csv.k1ll3d.tmp"
    stale.write_text("half a table")
    (out / "README.md").write_text("a reader's own file")  # never touched
    counts = []
    for _ in range(3):
        assert run_batch([SAMPLE], _options(out)).ok
        counts.append(len(list((out / "validation").rglob("*.html"))))
    assert not stale.exists()
    assert counts[0] == counts[1] == counts[2]
    assert len(list((out / "validation" / "validations" / "claims").rglob("*.html"))) == 1
    assert len(list((out / ".runs").iterdir())) == 2  # this run and the one before (for open readers)
    assert (out / "README.md").read_text() == "a reader's own file"


def test_an_output_folder_that_cannot_be_made_is_one_rx501_line(tmp_path: Path) -> None:
    """A file stands where the output folder should be made: exit 2, one line, no traceback
    (with and without the flow: the folder is checked before the run starts)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for flow in ([], ["--no-flow"]):
        proc = _cli(str(SAMPLE), "--output", str(blocker / "out"), *flow, cwd=tmp_path)
        stdout, stderr = proc.communicate(timeout=600)
        assert proc.returncode == 2, stderr
        assert "Traceback" not in stderr + stdout
        (line,) = [ln for ln in stderr.splitlines() if ln.strip()]
        assert line.startswith("error: ") and line.endswith("[RX501]") and "create or write the output folder" in line


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_folder_is_one_rx501_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        proc = _cli(str(SAMPLE), "--output", str(out), "--no-flow", cwd=tmp_path)
        _, stderr = proc.communicate(timeout=600)
        assert proc.returncode == 2 and stderr.strip().endswith("[RX501]") and "Traceback" not in stderr
    finally:
        out.chmod(0o755)


def test_a_validation_folder_that_cannot_be_written_is_one_rx501_error(published_run, monkeypatch) -> None:
    """The validation report cannot be written (permission denied): RX501, previous run kept."""
    from extractor.validate import report_page

    out, before = published_run

    def denied(folder, *a, **kw):
        raise PermissionError(13, "Permission denied", str(folder / "validation" / "report.html"))

    monkeypatch.setattr(report_page, "write_report_page", denied)
    with pytest.raises(OutputError) as caught:
        run_batch([SAMPLE], _options(out))
    assert caught.value.one_line().endswith("[RX501]") and "Permission denied" in caught.value.one_line()
    assert _published(out) == before


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_outputs_honour_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    out = tmp_path / "out"
    proc = _cli(str(SAMPLE), "--output", str(out), "--no-flow", "--quiet", cwd=tmp_path, umask=umask)
    _, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr
    files = [out / "claims.csv", out / "claims.parquet", out / "manifest.json", out / "validation" / "report.html",
             out / "validation" / "index.html"]
    assert {oct(f.stat().st_mode & 0o777) for f in files} == {oct(mode)}


def test_a_second_run_on_one_output_folder_waits_then_stops_with_rx502(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with output_lock(out):
        t0 = time.monotonic()
        with pytest.raises(OutputLockedError) as caught:
            run_batch([SAMPLE], _options(out, lock_wait_s=1.0))
        assert time.monotonic() - t0 >= 1.0
    line = caught.value.one_line()
    assert line.endswith("[RX502]") and f"pid {os.getpid()}" in line and "--lock-wait" in line
    assert not (out / "manifest.json").exists()


def test_a_second_run_waits_for_the_first_to_finish(tmp_path: Path) -> None:
    out = tmp_path / "out"
    held = threading.Event()

    def first() -> None:
        with output_lock(out):
            held.set()
            time.sleep(2.0)

    thread = threading.Thread(target=first)
    thread.start()
    held.wait()
    summary = run_batch([SAMPLE], _options(out, lock_wait_s=120.0, validate=False))
    thread.join()
    assert summary.ok and (out / "claims.csv").exists()
