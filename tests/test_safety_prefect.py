"""Hardening, Prefect's embedded server (issue 19, item 7).

``.venv/bin/report-extract`` run as the README says, without the Makefile's environment: the CLI
sets its own defaults (the server's startup time, where Prefect keeps its state, no telemetry);
a server that cannot start is one RX601 line naming the ways out, exit 2; a run killed with
SIGTERM, or even SIGKILL, leaves no server process behind.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "reports" / "xinhua-poverty-alleviation-2025.txt"
CLI = str(Path(sys.executable).with_name("report-extract"))


def _bare_env(home: Path, **extra: str) -> dict[str, str]:
    """A user's shell: no PREFECT_*, GX_* or DO_NOT_TRACK from the Makefile or the test session."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PREFECT_", "GX_")) and k not in ("DO_NOT_TRACK", "XDG_STATE_HOME")}
    return {**env, "HOME": str(home), "COLUMNS": "60", **extra}


def _server_children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` and that run Prefect's API server (uvicorn)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid and "uvicorn" in cmdline and "prefect.server" in cmdline:
            found.append(int(proc.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_server_that_cannot_start_is_one_line_with_the_way_out(tmp_path: Path) -> None:
    env = _bare_env(tmp_path / "home", PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="0")
    proc = subprocess.run([CLI, "run", str(SAMPLE), "--output", str(tmp_path / "out"), "--model", "none"],
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    (line,) = [ln for ln in proc.stderr.splitlines() if "error" in ln.lower()]  # (Prefect logs its steps at INFO)
    assert line.startswith("error: Prefect's embedded API server did not start within 0 s")
    assert "--no-flow" in line and "PREFECT_API_URL" in line and line.endswith("[RX601]")


@pytest.mark.slow
def test_the_cli_runs_the_flow_without_the_makefiles_environment(tmp_path: Path) -> None:
    """No PREFECT_HOME, no startup timeout, no analytics setting: the run works, Prefect's state
    is in the user's state folder."""
    home = tmp_path / "home"
    proc = subprocess.run([CLI, "run", str(SAMPLE), "--output", str(tmp_path / "out"), "--model", "none", "--quiet"],
                          env=_bare_env(home), capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (home / ".local" / "state" / "report-extractor" / "prefect" / "prefect.db").is_file()
    assert (tmp_path / "out" / "claims.csv").is_file()


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_run_leaves_no_server_process(tmp_path: Path, sig: signal.Signals) -> None:
    proc = subprocess.Popen([CLI, "run", str(SAMPLE), "--output", str(tmp_path / "out"), "--model", "none", "--quiet",
                             "--no-cache"], env=_bare_env(tmp_path / "home"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    servers: list[int] = []
    t0 = time.monotonic()
    while not servers and time.monotonic() - t0 < 300 and proc.poll() is None:
        servers = _server_children(proc.pid)
        time.sleep(0.1)
    assert servers, proc.communicate()
    time.sleep(1.0)  # the server is serving; the run is under way
    proc.send_signal(sig)
    proc.communicate(timeout=120)
    t0 = time.monotonic()
    while any(_alive(pid) for pid in servers) and time.monotonic() - t0 < 30:
        time.sleep(0.2)
    assert not [pid for pid in servers if _alive(pid)], "the server outlived the run"
