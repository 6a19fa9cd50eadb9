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
    return atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """``data`` into ``path`` through a temporary file beside it and one rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _stage(path.parent, path.name, lambda p: p.write_bytes(data))
    os.replace(tmp, path)
    return path


#: Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, made inert with a leading ``'``
    (OWASP's advice); any other value as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    """The CSV copy of a table: text cells escaped against formula injection (the Parquet copy
    keeps the exact text)."""
    text_columns = [c for c in frame.columns if pd.api.types.is_string_dtype(frame[c]) or frame[c].dtype == object]
    safe = frame.assign(**{c: frame[c].map(escape_formula, na_action="ignore") for c in text_columns})
    safe.to_csv(path, index=False, encoding="utf-8", lineterminator="\n", float_format="%.10g")


def _stage(folder: Path, name: str, writer: Callable[[Path], object]) -> Path:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        try:
            os.fchmod(fd, 0o666 & ~current_umask())  # mkstemp makes 0600: the file gets what open() would give
        finally:
            os.close(fd)
        writer(tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def current_umask() -> int:
    """The process's umask, read without changing it (Linux: /proc/self/status), else by setting
    and restoring it."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
