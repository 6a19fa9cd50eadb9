"""A wheel built from the repository, installed into a fresh virtual environment (not an editable
install), runs ``report-extract run`` on the sample with validation: the rules' data files and the
Great Expectations project travel inside the package.

The fresh venv gets the wheel alone (``--no-deps``); its dependencies are the ones this project's
venv already has, put on its path by a ``.pth`` file (the editable install of the project itself is
not: a ``.pth`` named in a ``.pth`` is not read), so the test needs no network and no second copy
of spaCy, Prefect and Great Expectations.
"""
from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def _run(*cmd: str, **kwargs) -> subprocess.CompletedProcess:
    proc = subprocess.run(list(cmd), capture_output=True, text=True, timeout=900, **kwargs)
    assert proc.returncode == 0, f"{cmd}: {proc.stderr[-2000:]}"
    return proc


def test_wheel_in_a_fresh_venv_runs_the_sample_with_validation(tmp_path, sample_path):
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"),
         str(ROOT))
    (wheel,) = (tmp_path / "dist").glob("report_extractor-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "extractor/data/lexicons/currencies.toml" in names
    assert "extractor/validate/gx/great_expectations.yml" in names
    assert "extractor/validate/gx/checkpoints/validate_claims.json" in names

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", str(venv))
    python = venv / "bin" / "python"
    _run(str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel))
    fresh_site = _run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip()
    ours = [p for p in site.getsitepackages() if Path(p).is_dir()] or [sysconfig.get_paths()["purelib"]]
    (Path(fresh_site) / "dependencies.pth").write_text("\n".join(ours) + "\n")

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env.update(GX_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1", PREFECT_HOME=str(tmp_path / "prefect"))
    where = _run(str(python), "-c", "import extractor; print(extractor.__file__)", cwd=tmp_path, env=env).stdout
    assert str(venv) in where and str(ROOT / "src") not in where  # the wheel's copy, not the checkout
    out = tmp_path / "out"
    proc = subprocess.run([str(venv / "bin" / "report-extract"), "run", str(sample_path), "--output", str(out),
                           "--no-flow", "--model", "none", "--quiet"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = pd.read_csv(out / "validation_results.csv")
    assert len(results) > 50 and results["success"].all()
    assert (out / "validation" / "report.html").is_file() and len(pd.read_csv(out / "claims.csv")) > 150
