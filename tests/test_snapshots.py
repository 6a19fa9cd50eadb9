"""Every table of every fixture report, with and without the model, equals its stored snapshot.

A change to the rules that changes a table on purpose updates the snapshot
(``.venv/bin/python -m tests.snapshots NAME``) in the same commit, so the diff shows each row it
changed.
"""
from __future__ import annotations

import difflib

import pytest

from tests.snapshots import INPUTS, MODELS, TABLES, as_csv, model_installed, snapshot_path, tables_of


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("name", list(INPUTS))
def test_tables_equal_snapshot(name: str, model: str) -> None:
    if not model_installed(model):
        pytest.skip(f"spaCy model {model} is not installed")
    tables = tables_of(INPUTS[name], model)
    changed = []
    for table in TABLES:
        expected = snapshot_path(name, model, table).read_text(encoding="utf-8")
        actual = as_csv(tables[table])
        if actual != expected:
            diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(), "snapshot", "now", n=0,
                                        lineterm="")
            changed.append(f"--- {table}\n" + "\n".join(list(diff)[2:14]))
    assert not changed, f"{name} ({model}) differs from its snapshot:\n" + "\n".join(changed)
