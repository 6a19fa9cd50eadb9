"""A run's outputs, written whole to a staging folder and published in one step.

Layout of an output folder ``OUT``::

    OUT/.runs/<run_id>/        every output of one run: tables, validation/, manifest.json
    OUT/current -> .runs/<run_id>          the published run (a symbolic link)
    OUT/claims.csv -> current/claims.csv   one stable link per output name
    OUT/validation -> current/validation
    OUT/manifest.json -> current/manifest.json
    OUT/.cache/  OUT/.lock

A run writes everything into its own folder under ``.runs/``; only when all of it is written does
one atomic rename of the ``current`` link publish it, so the tables, the validation report, the
Data Docs and the manifest a reader sees always belong to one run: a kill or a write error before
the switch leaves the previous run published, untouched. The run published before stays (for
readers who opened it) until the next run starts; older run folders, stale staging folders and
temporary files (``.*.tmp``) of killed runs are removed then, under the lock.

Two runs writing one output folder take turns: :func:`output_lock` holds an exclusive lock on
``OUT/.lock`` for the whole run; the second waits up to ``wait_s`` seconds, then stops (RX502).
Where the file system has no symbolic links, the run's files are moved into ``OUT`` one by one,
the manifest last.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from extractor.errors import OutputError, OutputLockedError

RUNS_DIRNAME = ".runs"
CURRENT = "current"
LOCK_NAME = ".lock"
#: Seconds a run waits for another run writing the same output folder (``--lock-wait``).
LOCK_WAIT_S = 300.0


def output_error(out: Path, exc: OSError, doing: str) -> OutputError:
    """One RX501 line for a file-system error: what was being done, the reason, the path."""
    where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
    return OutputError(out, f"cannot {doing}: {exc.strerror or exc}{where}")


def prepare_output(out: str | Path) -> Path:
    """Create the output folder (and its parents); RX501 if it cannot be created or written."""
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        if not os.access(out, os.W_OK | os.X_OK):
            raise PermissionError(13, "Permission denied", str(out))
    except OSError as exc:
        raise output_error(out, exc, "create or write the output folder") from None
    return out


@contextlib.contextmanager
def output_lock(out: str | Path, wait_s: float | None = LOCK_WAIT_S) -> Iterator[None]:
    """Hold the output folder's lock for a run: wait up to ``wait_s`` seconds (None: for ever)
    for a run already holding it, then stop with RX502 naming that run."""
    out = prepare_output(out)
    try:
        import fcntl
    except ImportError:  # no POSIX locks on this platform: runs are not serialised
        yield
        return
    path = out / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise output_error(out, exc, "create the lock file") from None
    try:
        waited_until = None if wait_s is None else time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if waited_until is not None and time.monotonic() >= waited_until:
                    holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another run"
                    raise OutputLockedError(out, f"{holder} is writing to this output folder; waited {wait_s:g} s "
                                                 "(--lock-wait): try again when it has finished, or use another "
                                                 "--output") from None
                time.sleep(0.2)
        holder = (f"run of pid {os.getpid()} on {socket.gethostname()} since "
                  f"{datetime.now(timezone.utc).isoformat(timespec='seconds')}")
        os.ftruncate(fd, 0)
        os.pwrite(fd, holder.encode(), 0)
        clean_stale(out)
        yield
    finally:
        os.close(fd)  # releases the lock


def clean_stale(out: Path) -> None:
    """Temporary files (``.*.tmp``) and run folders left by killed runs, and run folders older
    than the published one. Called with the lock held: no other run is writing."""
    keep = _current_run(out)
    cache = out / ".cache"
    stale = list(out.glob(".*.tmp")) + (list(cache.glob("*.tmp")) + list(cache.glob(".*.tmp")) if cache.is_dir() else [])
    for tmp in stale:
        with contextlib.suppress(OSError):
            shutil.rmtree(tmp) if tmp.is_dir() and not tmp.is_symlink() else tmp.unlink()
    runs = out / RUNS_DIRNAME
    if runs.is_dir():
        for run in runs.iterdir():
            if run.name != keep:
                shutil.rmtree(run, ignore_errors=True)


def _current_run(out: Path) -> str | None:
    try:
        return Path(os.readlink(out / CURRENT)).name
    except OSError:
        return None


def staging_folder(out: str | Path, run_id: str) -> Path:
    """A fresh folder for one run's outputs (RX501 if it cannot be made)."""
    folder = Path(out) / RUNS_DIRNAME / run_id
    try:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    except OSError as exc:
        raise output_error(Path(out), exc, "create the run's staging folder") from None
    return folder


def public_path(out: str | Path, staged: str | Path) -> Path:
    """Where a file written into the staging folder is read once published (``OUT/<name>``)."""
    staged = Path(staged)
    runs = Path(out).resolve() / RUNS_DIRNAME
    try:
        rel = staged.resolve().relative_to(runs)
    except ValueError:
        return staged
    return Path(out) / Path(*rel.parts[1:])


def publish(out: str | Path, staging: Path) -> None:
    """Make the staged run the published one: one atomic switch of ``OUT/current``, then the
    stable links of its outputs (made once; a name the run did not write is unlinked)."""
    out = Path(out)
    names = sorted(p.name for p in staging.iterdir())
    link = out / f".{CURRENT}.{staging.name}.tmp"
    try:
        with contextlib.suppress(FileNotFoundError):
            link.unlink()
        os.symlink(Path(RUNS_DIRNAME) / staging.name, link)
    except OSError:
        _publish_by_moving(out, staging, names)
        return
    try:
        os.replace(link, out / CURRENT)
        for name in names:
            _stable_link(out, name)
        for stale in (out / "validation", out / "review", out / "manifest.json"):
            if stale.name not in names and stale.is_symlink():
                stale.unlink()
    except OSError as exc:
        raise output_error(out, exc, "publish the run") from None


def _stable_link(out: Path, name: str) -> None:
    """``OUT/name -> current/name``, replacing a file or folder of an older layout."""
    target = Path(CURRENT) / name
    path = out / name
    if path.is_symlink() and Path(os.readlink(path)) == target:
        return
    tmp = out / f".{name}.link.tmp"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(target, tmp)
    if path.is_dir() and not path.is_symlink():  # an older run's folder (validation/): moved aside, removed
        aside = out / f".{name}.old.tmp"
        shutil.rmtree(aside, ignore_errors=True)
        os.replace(path, aside)
        os.replace(tmp, path)
        shutil.rmtree(aside, ignore_errors=True)
    else:
        os.replace(tmp, path)


def _publish_by_moving(out: Path, staging: Path, names: list[str]) -> None:
    """Without symbolic links: move the run's outputs into ``OUT``, the manifest last (it names
    the run whose tables are there)."""
    try:
        for name in sorted(names, key=lambda n: n == "manifest.json"):
            source, target = staging / name, out / name
            if source.is_dir():
                aside = out / f".{name}.old.tmp"
                shutil.rmtree(aside, ignore_errors=True)
                if target.exists():
                    os.replace(target, aside)
                os.replace(source, target)
                shutil.rmtree(aside, ignore_errors=True)
            else:
                os.replace(source, target)
        shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        raise output_error(out, exc, "publish the run") from None
