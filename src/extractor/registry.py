"""The one registry of the rules' data: lexicons and token patterns, shipped as package data.

Every word list a rule consults (currencies, measures, scale words, qualifiers, role nouns that
name people, place designators...) and every spaCy token pattern lives in a data file under
``extractor/data/``, read here and nowhere else, as spaCy ships a ``patterns.jsonl`` beside its
components:

* ``data/lexicons/<name>.toml``: a lexicon, a TOML table of named lists and mappings (TOML, so
  that each entry can carry its reason in a comment);
* ``data/patterns/<name>.jsonl``: token patterns, one JSON object a line, in the form spaCy's
  ``SpanRuler`` and ``Matcher`` take (``{"label": ..., "pattern": [...]}``).

A rule reads ``lexicon("currencies")["symbols"]``; adding a currency or a role noun is an edit of
one data file (README, "How it works"). :func:`rules_digest` hashes the package's code and data
files, so that a changed rule is never served from the report cache.
"""
from __future__ import annotations

import functools
import hashlib
import json
import tomllib
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

_PACKAGE = "extractor"
_DATA = "data"


def _data_dir() -> Traversable:
    return resources.files(_PACKAGE).joinpath(_DATA)


@functools.cache
def lexicon(name: str) -> dict[str, Any]:
    """The lexicon ``data/lexicons/<name>.toml`` (read once per process; treat it as read-only)."""
    path = _data_dir().joinpath("lexicons", f"{name}.toml")
    if not path.is_file():
        raise KeyError(f"no lexicon named {name!r} (looked for {path})")
    return tomllib.loads(path.read_text(encoding="utf-8"))


@functools.cache
def patterns(name: str) -> tuple[dict[str, Any], ...]:
    """The token patterns ``data/patterns/<name>.jsonl``, one dict per non-blank line."""
    path = _data_dir().joinpath("patterns", f"{name}.jsonl")
    if not path.is_file():
        raise KeyError(f"no pattern file named {name!r} (looked for {path})")
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(json.loads(line) for line in lines if line.strip() and not line.lstrip().startswith("//"))


#: Folders of the package that hold no rule: what validation and its pages are made of (a cached
#: report's tables do not depend on them).
_NOT_RULES = ("__pycache__", "node_modules", "gx", "datadocs_assets")


def _files(folder: Traversable, suffixes: tuple[str, ...]) -> list[tuple[str, Traversable]]:
    out: list[tuple[str, Traversable]] = []
    for item in folder.iterdir():
        if item.is_dir():
            if item.name not in _NOT_RULES:
                out.extend((f"{item.name}/{name}", f) for name, f in _files(item, suffixes))
        elif item.name.endswith(suffixes):
            out.append((item.name, item))
    return sorted(out, key=lambda pair: pair[0])


@functools.cache
def rules_digest() -> str:
    """SHA-256 over the installed package's code and data files (name and content of each),
    computed once per process: what the report cache keys on, besides library versions."""
    h = hashlib.sha256()
    for name, item in _files(resources.files(_PACKAGE), (".py", ".toml", ".json", ".jsonl")):
        h.update(name.encode("utf-8") + b"\0")
        h.update(item.read_bytes())
        h.update(b"\0")
    return h.hexdigest()
