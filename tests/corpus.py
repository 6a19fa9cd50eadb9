"""The development corpus of real reports (``../shared/corpus/pdf/``, never copied into the repo),
and the text dumps users make of them.

A text dump is made as users make one: pdfplumber's ``extract_text()`` page by page, the pages
joined by a blank line (:func:`text_dump`), or ``pdftotext -layout`` (:func:`layout_dump`). Tests that need the corpus skip with a reason where it is absent.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The shared material beside the project (``REPORT_EXTRACTOR_SHARED`` points elsewhere).
SHARED = Path(os.environ.get("REPORT_EXTRACTOR_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "pdf"


def corpus_pdf(name: str) -> Path:
    """The corpus report ``name`` (file stem); skips the test where the corpus is absent."""
    path = CORPUS / f"{name}.pdf"
    if not path.is_file():
        pytest.skip(f"the development corpus is not here ({CORPUS})")
    return path


def corpus_names() -> list[str]:
    return sorted(p.stem for p in CORPUS.glob("*.pdf")) if CORPUS.is_dir() else []


def text_dump(pdf: Path, pages: range | None = None) -> str:
    """``pdf`` as a user's text dump: pdfplumber's text of each page, pages joined by a blank line
    (only the pages numbered in ``pages``, from 1, where given: a fast test's excerpt)."""
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        chosen = document.pages if pages is None else [document.pages[n - 1] for n in pages]
        return "\n\n".join(page.extract_text() or "" for page in chosen)


def layout_dump(pdf: Path) -> str:
    """``pdf`` as a user's text dump with the page layout kept: ``pdftotext -layout`` (Debian's
    poppler-utils), pages ended by form feeds, columns side by side; skips the test where
    pdftotext is absent."""
    import shutil

    from extractor.quality import layout_dump as dump

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (Debian package poppler-utils)")
    return dump(pdf)


def replace_words(text: str, old: str, *new: str) -> str:
    """``text`` with the occurrences of ``old`` (its words as printed, whatever white space or line
    breaks stand between them) replaced, one by one, by ``new``; as many occurrences as ``new``
    values, or the test fails. A line break inside an occurrence stays after as many words of
    the replacement (the dump's lines keep their layout: a column's line stays a column's)."""
    pattern = re.compile(r"\s+".join(map(re.escape, old.split())))
    found = list(pattern.finditer(text))
    assert len(found) == len(new), f"{old!r} occurs {len(found)} times, not {len(new)}"
    for match, replacement in zip(reversed(found), reversed(new)):
        gaps = re.findall(r"\s+", match.group())
        words = replacement.split()
        spaced = "".join(w + ("\n" if k < len(gaps) and "\n" in gaps[k] else " ") for k, w in enumerate(words)).rstrip()
        text = text[:match.start()] + spaced + text[match.end():]
    return text


def run_corpus_batch(out: Path):
    """The whole corpus through one validated batch run without a model, into ``out``, as the
    corpus-wide tests read it (``test_corpus.corpus_batch``) and as the quality floors are recorded."""
    from extractor.runner import RunOptions, run_batch

    return run_batch(sorted(CORPUS.glob("*.pdf")), RunOptions(output_dir=str(out), model="none", use_cache=False))
