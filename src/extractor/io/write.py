"""Writing tables: CSV and Parquet, atomically.

Every file is written to a temporary name in the same folder and renamed into place, so a
failed or interrupted run leaves the previous tables intact and readable. All tables of a run
are first written to temporaries; only when every one of them succeeded are they renamed.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from extractor.errors import OutputError
from extractor.tables import to_arrow


def write_tables(frames: dict[str, pd.DataFrame], out_dir: str | Path) -> list[Path]:
    """Write each table as ``<name>.csv`` and ``<name>.parquet`` under ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, frame in frames.items():
            staged.append((_stage(out, f"{name}.csv", lambda p, f=frame: _write_csv(f, p)), out / f"{name}.csv"))
            table = to_arrow(name, frame)
            staged.append((_stage(out, f"{name}.parquet", lambda p, t=table: pq.write_table(t, p)),
                           out / f"{name}.parquet"))
    except Exception as exc:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise OutputError(out, f"cannot write tables: {exc}") from exc
    for tmp, final in staged:
        os.replace(tmp, final)
    return [final for _, final in staged]


def atomic_write_text(path: str | Path, text: str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _stage(path.parent, path.name, lambda p: p.write_text(text, encoding="utf-8"))
    os.replace(tmp, path)
    return path


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n", float_format="%.10g")


def _stage(folder: Path, name: str, writer: Callable[[Path], object]) -> Path:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        writer(tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp
