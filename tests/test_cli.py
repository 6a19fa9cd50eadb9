"""``report-extract`` as a user runs it (a subprocess), without Prefect: exit codes, error lines, --quiet."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

CLI = str(Path(sys.executable).with_name("report-extract"))


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    # a narrow console: a failure must still be one line, however long the path
    env = {**os.environ, "COLUMNS": "60", "GX_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1"}
    return subprocess.run([CLI, "run", *args, "--no-flow", "--model", "none"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory, sample_path):
    """A folder with the sample and a corrupt file, without --quiet."""
    base = tmp_path_factory.mktemp("cli-mixed")
    folder = base / "reports-with-a-long-folder-name-so-the-error-line-is-wider-than-the-console"
    folder.mkdir()
    shutil.copy(sample_path, folder / "good.txt")
    (folder / "broken.txt").write_bytes(b"\x00\x01binary garbage\x00" * 50)
    return base, run_cli(str(folder), "--output", str(base / "out"), cwd=base)


def test_exit_code_0_on_the_sample_and_quiet_prints_no_progress(tmp_path, sample_path):
    proc = run_cli(str(sample_path), "--output", str(tmp_path / "out"), "--quiet", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "extracting" not in proc.stderr and "━" not in proc.stderr  # no progress bar
    assert proc.stdout == ""  # no summary either
    assert len(pd.read_csv(tmp_path / "out" / "claims.csv")) > 150


def test_exit_code_1_when_a_corrupt_file_is_among_good_ones(mixed_run):
    base, proc = mixed_run
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout
    failed = [line for line in proc.stderr.splitlines() if "broken.txt" in line]
    assert len(failed) == 1, proc.stderr
    assert failed[0].startswith("failed: ") and failed[0].rstrip().endswith("[RX101]")
    assert "good.txt" not in " ".join(failed)
    # the good report's tables are written all the same
    docs = pd.read_csv(base / "out" / "documents.csv")
    assert sorted(docs["status"]) == ["failed", "ok"]
    claims = pd.read_csv(base / "out" / "claims.csv")
    assert len(claims) > 150
    assert set(claims["doc_id"]) == set(docs.loc[docs["status"] == "ok", "doc_id"])


def test_without_quiet_there_is_a_progress_bar_and_a_summary(mixed_run):
    _, proc = mixed_run
    assert "extracting" in proc.stderr and "2/2" in proc.stderr
    assert "1 of 2 reports written" in proc.stdout


def test_exit_code_2_on_a_missing_path(tmp_path):
    proc = run_cli(str(tmp_path / "no-such-report.pdf"), "--output", str(tmp_path / "out"), cwd=tmp_path)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "no-such-report.pdf" in lines[0] and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_serve_without_a_prefect_server_is_refused(tmp_path, sample_path):
    """The embedded API has no scheduler: serving a cron schedule on it would never run."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update({"PREFECT_HOME": str(tmp_path / "prefect-home"), "COLUMNS": "60"})
    proc = subprocess.run([CLI, "serve", str(sample_path.parent), "--cron", "0 6 * * *"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "PREFECT_API_URL" in lines[0] and "Traceback" not in proc.stderr


def test_expectations_option_validates_with_a_teams_own_suites(tmp_path, sample_path):
    """A team writes its own GX project (build_project.py --out), makes a rule stricter, and runs
    with --expectations: its suite decides; a folder without a project is one RX401 line."""
    import json

    root = Path(__file__).resolve().parents[1]
    build = subprocess.run([sys.executable, str(root / "expectations" / "build_project.py"), "--out", str(tmp_path / "team")],
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr
    suite = tmp_path / "team" / "gx" / "expectations" / "claims.json"
    data = json.loads(suite.read_text())
    kind = next(e for e in data["expectations"]
                if e["type"] == "expect_column_values_to_be_in_set" and e["kwargs"].get("column") == "kind")
    kind["kwargs"]["value_set"] = ["digits"]  # the team's rule: no figures written in words
    suite.write_text(json.dumps(data))
    proc = run_cli(str(sample_path), "--output", str(tmp_path / "out"), "--quiet", "--expectations",
                   str(tmp_path / "team"), cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    results = pd.read_csv(tmp_path / "out" / "validation_results.csv")
    failed = results[(results["table"] == "claims") & (results["column"] == "kind") & ~results["success"]]
    assert list(failed["severity"]) == ["critical"] and int(failed["unexpected_count"].iloc[0]) > 0
    missing = run_cli(str(sample_path), "--output", str(tmp_path / "out2"), "--expectations",
                      str(tmp_path / "nothing"), cwd=tmp_path)
    assert missing.returncode == 2 and "[RX401]" in missing.stderr and "Traceback" not in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
