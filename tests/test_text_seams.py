"""Two columns a text dump spliced line by line with single spaces (pdfplumber's
``extract_text()`` on a page in two columns) read in order again.

The sample's own paragraphs are set in two justified columns here, their words broken by
hyphens at the columns' edges, and spliced as pdfplumber prints them: each line the left
column's line, one space, the right column's (or one column's line alone where the other has a
paragraph's break). They must come back in reading order. One-column text (the sample and a
corpus report, as users dump them) must come back as it was. A corpus report in two columns,
dumped with pdfplumber, must read its sentences whole.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from extractor.ingest.text import split_pages
from extractor.ingest.text_seams import find_seam, unsplice_pages
from tests.corpus import corpus_pdf, text_dump
from tests.test_text_columns import SAMPLE, sample_paragraphs

_VOWELS = set("aeiouy")


def hyphenated_column(paragraphs: list[str], width: int) -> list[str]:
    """The paragraphs set in a column ``width`` characters wide, as a typesetter does: a word
    that does not fit is broken by a hyphen after a vowel, three letters on either side at
    least, where the first part fits; a blank line between paragraphs."""
    lines: list[str] = []
    for p in paragraphs:
        if lines:
            lines.append("")
        line = ""
        for word in p.split():
            if not line or len(line) + 1 + len(word) <= width:
                line = f"{line} {word}" if line else word
                continue
            room = width - len(line) - 2
            cut = next((k for k in range(min(room, len(word) - 3), 2, -1)
                        if word[k - 1] in _VOWELS and word[:k].isalpha() and word[k:].isalpha()), None)
            if cut:
                lines.append(f"{line} {word[:cut]}-")
                line = word[cut:]
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def spliced(left: list[str], right: list[str]) -> list[str]:
    """The two columns as pdfplumber dumps them: level lines joined by one space."""
    rows = max(len(left), len(right))
    left, right = left + [""] * (rows - len(left)), right + [""] * (rows - len(right))
    return [" ".join(part for part in (a, b) if part) for a, b in zip(left, right) if a or b]


def text(lines: list[str]) -> str:
    """The lines' text, words broken at a line's end joined again."""
    return re.sub(r"(?<=[^\W\d_])- (?=[^\W\d_])", "", " ".join(s.strip() for s in lines if s.strip()))


def sentences(lines: list[str]) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text(lines)) if len(s.split()) >= 4]


@settings(max_examples=10, deadline=None)
@given(start=st.integers(min_value=0, max_value=12), width=st.integers(min_value=44, max_value=60))
def test_two_spliced_columns_read_in_order(start: int, width: int) -> None:
    """A report of three pages in two columns: most sentences of both columns read whole again
    (spliced, few do), and no word is lost or added. A word at the seam may go to the wrong
    column where both readings go on as well ("... market 82% | surge in hunger"), and a page
    with too few cues of its own is read at the seam the others show."""
    pages, lefts, rights = [], [], []
    for k in range(3):
        # (each paragraph to its last full stop: a page break of the sample leaves one on "em-")
        paragraphs = [p[:p.rindex(".") + 1] for p in sample_paragraphs(4, start + 4 * k)]
        left, right = hyphenated_column(paragraphs[:2], width), hyphenated_column(paragraphs[2:], width)
        pages.append(spliced(left, right))
        lefts.append(left)
        rights.append(right)
    out = unsplice_pages(pages)
    whole = [s for left, right in zip(lefts, rights) for s in sentences(left) + sentences(right)]
    read = " ".join(text(page) for page in out)
    assert sum(s in read for s in whole) >= 0.4 * len(whole)  # (0.73 on average over start and width)
    assert sum(s in " ".join(text(page) for page in pages) for s in whole) <= 0.25 * len(whole)
    letters = "".join(text(left + right) for left, right in zip(lefts, rights))
    assert sorted(read.replace(" ", "").replace("-", "")) == sorted(letters.replace(" ", "").replace("-", ""))


def test_a_page_of_one_column_and_the_sample_are_left_as_they_are() -> None:
    paragraphs = sample_paragraphs(3)
    page = hyphenated_column(paragraphs, 100)
    assert find_seam(page) is None and unsplice_pages([page]) == [page]
    pages = [chunk.split("\n") for chunk in SAMPLE.read_text(encoding="utf-8").split("\f")]
    assert unsplice_pages(pages) == pages


@pytest.mark.corpus
def test_a_corpus_report_in_two_columns_reads_its_sentences_whole(tmp_path) -> None:
    """CBO's guide, dumped by pdfplumber: every page is two columns spliced line by line."""
    dump = text_dump(corpus_pdf("cbo-common-budgetary-terms-2021"))
    pages = split_pages(dump)
    text = " ".join(" ".join(ln.text for ln in page.lines) for page in pages)
    for sentence in (
            "Budget authority, obligations, and outlays are related terms that describe the funds provided, "
            "committed, and used for a program or activity.",
            "For example, the Department of Defense incurs an obligation when it enters into a con- tract to "
            "purchase equipment.",
            "About 90 per- cent of federal revenues come from individual income taxes, corporate income taxes, "
            "and social insurance taxes"):
        assert sentence in text
    # the headings set across both columns stand apart, between blank lines
    lines = [ln.text for page in pages for ln in page.lines]
    at = lines.index(". . . Authorization Acts and Appropriation Acts?")
    assert lines[at - 1] == "" and lines[at + 1] == ""


@pytest.mark.corpus
def test_one_column_corpus_reports_are_left_as_they_are() -> None:
    for name in ("crs-strait-of-hormuz-shipping-2026", "worldbank-cambodia-scd-overview-2017"):
        pages = [chunk.split("\n") for chunk in text_dump(corpus_pdf(name)).split("\n\n")]
        assert unsplice_pages(pages) == pages, name
