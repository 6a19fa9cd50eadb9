"""The prefect.yaml deployment, run for real: a Prefect server, a process work pool, a worker.

Everything on loopback, with its own PREFECT_HOME under tmp_path; the server and the worker are
started in their own process groups and always killed at the end.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
PREFECT = str(Path(sys.executable).with_name("prefect"))
DEPLOYMENT = "report-extractor/daily"  # flow name / deployment name in prefect.yaml
POOL = "reports"  # the work pool prefect.yaml names
STARTUP_S, RUN_S = 120, 240  # bounds on waiting, not assertions on speed


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen) -> None:
    """Terminate the process group, then kill it if it lingers."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _tail(path: Path, n: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-n:]) if path.exists() else ""


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory):
    """A real ``prefect server start`` on a free loopback port; yields (api_url, env, home)."""
    home = tmp_path_factory.mktemp("prefect-server")
    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update({
        "PREFECT_HOME": str(home / "prefect-home"),
        "PREFECT_API_URL": api_url,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_UI_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "GX_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "INFO",
    })
    log = home / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port), "--no-ui",
             "--no-scheduler", "--no-late-runs", "--analytics-off"],
            env=env, cwd=home, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + STARTUP_S
        while True:
            if server.poll() is not None:
                pytest.fail(f"prefect server exited with {server.returncode}:\n{_tail(log)}")
            try:
                with urllib.request.urlopen(f"{api_url}/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"prefect server not healthy after {STARTUP_S}s:\n{_tail(log)}")
            time.sleep(0.5)
        yield api_url, env, home
    finally:
        _stop(server)


def _cli(args: list[str], env: dict[str, str], cwd: Path, log: Path) -> None:
    with log.open("ab") as out:
        proc = subprocess.run([PREFECT, "--no-prompt", *args], env=env, cwd=cwd, stdout=out,
                              stderr=subprocess.STDOUT, timeout=STARTUP_S)
    assert proc.returncode == 0, f"prefect {' '.join(args)} failed:\n{_tail(log)}"


def test_the_daily_deployment_runs_on_a_process_worker(prefect_server, tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.settings import PREFECT_API_URL, temporary_settings
    from prefect.workers.process import ProcessWorker

    api_url, env, home = prefect_server
    log = tmp_path / "cli.log"
    out_dir = tmp_path / "out"
    with temporary_settings(updates={PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        client.create_work_pool(WorkPoolCreate(name=POOL, type="process",
                                               base_job_template=ProcessWorker.get_default_base_job_template()))
        # the deployment exactly as shipped: prefect.yaml, deployed from the project root
        _cli(["deploy", "--name", "daily"], env, ROOT, log)
        deployment = client.read_deployment_by_name(DEPLOYMENT)
        assert deployment.entrypoint == "flows/extract_reports.py:extract_reports"
        assert deployment.work_pool_name == POOL
        # paths stay the deployment's own ("data/reports", relative to the pull step's folder)
        run = client.create_flow_run_from_deployment(
            deployment.id, parameters={"options": {"output_dir": str(out_dir), "model": "none",
                                                   "validate": True, "use_cache": False}})
        worker_env = {**env, "REPORT_EXTRACTOR_HOME": str(ROOT)}
        worker_log = tmp_path / "worker.log"
        with worker_log.open("wb") as out:
            worker = subprocess.Popen(
                [PREFECT, "--no-prompt", "worker", "start", "--pool", POOL, "--type", "process", "--run-once",
                 "--install-policy", "never"],
                env=worker_env, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + RUN_S
            state = client.read_flow_run(run.id).state
            while not (state and state.is_final()) and time.monotonic() < deadline:
                if worker.poll() is not None and not (state and state.is_running()):
                    state = client.read_flow_run(run.id).state
                    break
                time.sleep(1)
                state = client.read_flow_run(run.id).state
        finally:
            _stop(worker)
    assert state is not None and state.is_completed(), (
        f"flow run ended {state.name if state else None}: {state.message if state else ''}\n"
        f"worker log:\n{_tail(worker_log, 60)}")
    claims = pd.read_csv(out_dir / "claims.csv")
    assert len(claims) > 150
    docs = pd.read_csv(out_dir / "documents.csv")
    assert list(docs["status"]) == ["ok"]
    assert docs["source_path"].iloc[0].endswith("data/reports/xinhua-poverty-alleviation-2025.txt")
    assert (out_dir / "manifest.json").exists()
