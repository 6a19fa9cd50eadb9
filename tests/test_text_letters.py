"""Letters a text dump got wrong: printed over ("DDeecceemmbbeerr"), or run together without
spaces ("Throughtheprovisionofsafeandeffectivevaccines").

The sample's own paragraphs are damaged the way a PDF's text layer damages them and must come
back; ordinary pages (the sample, Spanish and French corpus reports) must come back untouched; a
corpus report whose text layer lost its spaces, and one whose headings are set in fake bold, must
read from a pdfplumber dump as their PDFs read.
"""
from __future__ import annotations

import difflib
import re
import textwrap
from pathlib import Path

import pdfplumber
from hypothesis import given, settings, strategies as st

from extractor.ingest.pdf import X_TOLERANCE_RATIO, drawn_twice, scan_page
from extractor.ingest.text import split_pages
from extractor.ingest.text_letters import repair_letters, run_together, undouble, write_once
from extractor.ingest.wordlists import known_word
from tests.corpus import corpus_pdf, text_dump

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "reports" / "xinhua-poverty-alleviation-2025.txt"


def sample_lines(start: int, n: int, width: int = 90) -> list[str]:
    """The sample's long paragraphs ``start`` to ``start + n``, wrapped to ``width``."""
    paras = [re.sub(r"\s+", " ", p).strip() for p in SAMPLE.read_text(encoding="utf-8").split("\n\n")]
    prose = [p for p in paras if len(p) > 500 and "^" not in p and "|" not in p and "*" not in p]
    return [line for p in prose[start:start + n] for line in textwrap.wrap(p, width)]


def word_f1(expected: list[str], got: list[str]) -> float:
    a, b = " ".join(expected).split(), " ".join(got).split()
    matched = sum(m.size for m in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_matching_blocks())
    return 2 * matched / (len(a) + len(b))


# --- overprinted letters -----------------------------------------------------------------------

def test_an_overprinted_line_is_written_once() -> None:
    assert undouble("DDeecceemmbbeerr 2200,, 22000066") == "December 20, 2006"
    assert undouble("PPrriioorriittyy") == "Priority"
    assert undouble("DDDDeeeevvvveeeelllloooopppp 4444----yyyyeeeeaaaarrrr") == "Develop 4-year"  # four times over
    # a line cut short at its end keeps its last, partial word
    assert undouble("RReeppoorrtt RReessuullttss iinncclluuddiinngg i") == "Report Results including i"


def test_ordinary_words_that_repeat_letters_are_left_alone() -> None:
    for line in ("In 1100 cases the ee and aall", "Ssee", "The book keeper", "aaaa bbbb", "11 22 33"):
        assert undouble(line) == line


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 37), st.integers(2, 5))
def test_any_sample_line_printed_over_comes_back(k: int, times: int) -> None:
    """A sample line with every character printed ``times`` over (spaces once, as pdfplumber writes
    them) comes back as it was; the line itself is left alone."""
    for line in sample_lines(k, 1)[:3]:
        if len(line.split()) < 3:
            continue
        printed = " ".join("".join(c * times for c in word) for word in line.split())
        assert undouble(printed) == " ".join(line.split())
        assert undouble(line) == line


# --- a line drawn twice, interleaved --------------------------------------------------------------

def interleaved(title: str, offset: float) -> str:
    """``title`` drawn twice, the copy ``offset`` characters to the right, as a dump reads the
    letters of both left to right (a space where either copy has one)."""
    drawn = sorted([(x, 0, c) for x, c in enumerate(title)] + [(x + offset, 1, c) for x, c in enumerate(title)])
    return re.sub(r" +", " ", "".join(c for _, _, c in drawn)).strip()


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 37), st.integers(0, 8), st.integers(3, 6), st.floats(0.3, 4.0))
def test_a_heading_drawn_twice_and_interleaved_is_written_once(k: int, at: int, n: int, offset: float) -> None:
    """A heading of the sample's words in title case, drawn twice a little apart, which the dump
    interleaves ("Appendix I: BrieAppfenidnix I:g Bri efSing lSliiddes es"), reads once again;
    the copies' next lines, written twice over under it, once; the sample's own lines are left
    alone. (Its spaces are put back as for words run together: dictionary words; a name may
    come back cut, "Minbin" as "Min bin".)"""
    lines = sample_lines(k, 1)
    words = [w for w in " ".join(lines).split() if w.isalpha() and len(w) > 2 and known_word(w)][at:at + n]
    title = "Chapter 4: " + " ".join(w.capitalize() for w in words)
    drawn = interleaved(title, offset)
    if drawn.replace(" ", "") == (title + title).replace(" ", "") or len(words) < 3:
        return  # (an offset wider than the heading leaves no interleaving)
    once = write_once([drawn, "Its Second Line", "Its Second Line", "Then the text goes on."])
    assert [" ".join(line.split()) for line in once] == [title, "Its Second Line", "Then the text goes on."]
    assert write_once(lines) == lines


def test_a_line_printed_twice_side_by_side_is_left_alone() -> None:
    """Two cells or two legends that read alike, side by side, are no interleaved copies."""
    line = "Passation des marchés publics Passation des marchés publics"
    assert write_once([line]) == [line]


def test_corpus_appendix_titles_drawn_twice_read_once_from_the_dump() -> None:
    """GAO's briefing draws its appendices' titles twice, a hair apart: the dump's lines read
    "Appendix I: BrieAppfenidnix I:g Bri efSing lSliiddes es"; they read as titles again."""
    pdf = corpus_pdf("gao-wic-infant-formula-breastfeeding-briefing-2006")
    lines = [line.text for page in split_pages(text_dump(pdf)) for line in page.lines]
    assert {"Appendix I: Briefing Slides", "Appendix III: Literature Review"} <= set(lines)
    assert not any(line.startswith("Appendix I: Brie") and line != "Appendix I: Briefing Slides" for line in lines)


# --- words run together ------------------------------------------------------------------------

def test_words_run_together_are_split_again() -> None:
    """Sample paragraphs with every space removed (names, quotes and figures included) read back
    word for word: word F1 0.98 and 0.96 on two sets of paragraphs (before: 0)."""
    for start, n, floor in ((0, 6, 0.97), (20, 19, 0.95)):
        lines = sample_lines(start, n)
        glued = [line.replace(" ", "") for line in lines]
        assert run_together(glued) and not run_together(lines)
        assert word_f1(lines, repair_letters(glued)) >= floor


def test_spaces_around_numbers_and_punctuation_come_back() -> None:
    lines = ["TheDepartmentofStatewillworkwithpartnerssince2014,positionscountriesto",
             "reducedeathsby2percentbySeptember30,2023.TheU.S.governmentwillalsofund",
             "Stakeholders(continued)andtheState’svisionforthe“GlobalHealthAgenda”in",
             "theregion.From38%in2015to8.5%in2024,povertyfell;Americans’livesimproved",
             "andtheagencieswillsupport1,000projectsinthecomingyears,accordingtoplans."]
    got = repair_letters(lines)
    assert got[0] == "The Department of State will work with partners since 2014, positions countries to"
    assert "30, 2023. The U.S. government" in got[1]
    assert got[2].startswith("Stakeholders (continued) and the State’s vision for the “Global Health Agenda” in")
    assert "From 38% in 2015 to 8.5% in 2024, poverty fell; Americans’ lives" in got[3]
    assert "support 1,000 projects" in got[4]


def test_a_word_broken_at_the_line_end_is_split_as_one() -> None:
    lines = ["Bothagenciesworktopreventchildandmaternaldeathsandmakeprogresstowardsendinghumanimmunodefi-",
             "ciencyvirusandotherkeyprioritiesinthecomingyearsworkingwithpartnersacrosstheworld"] * 3
    got = repair_letters(lines)
    assert got[0].endswith("towards ending human immunodefi-")
    assert got[1].startswith("ciency virus and other key priorities")


def test_ordinary_pages_are_never_respaced() -> None:
    """Every page of the sample, and of Spanish and French corpus reports (long words, few of
    them in an English dictionary), comes back as it was but for overprinted lines."""
    pages = [SAMPLE.read_text(encoding="utf-8").split("\n")]
    for name, numbers in (("fundar-argentina-climate-change-spanish-2024", range(1, 16)),
                          ("worldbank-chad-scd-french-2015", range(1, 21))):
        pages += [page.split("\n") for page in text_dump(corpus_pdf(name), numbers).split("\n\n")]
    for lines in pages:
        assert not run_together(lines)
        assert repair_letters(lines) == lines


# --- corpus reports ----------------------------------------------------------------------------

def test_corpus_text_layer_without_spaces_reads_as_the_pdf() -> None:
    """A strategic plan set with word gaps narrower than pdfplumber's text tolerance: its dump runs
    whole lines together. Repaired, 0.96 of the words of six of its pages are words pdfplumber
    reads there with the PDF backend's tolerance (before: 0.49)."""
    pdf = corpus_pdf("state-usaid-joint-strategic-plan-2022")
    numbers = range(7, 13)
    with pdfplumber.open(pdf) as document:  # every word of the pages, tables' cells too
        pdf_words = {w["text"] for n in numbers
                     for w in document.pages[n - 1].extract_words(x_tolerance_ratio=X_TOLERANCE_RATIO)}
    dump = [page.split("\n") for page in text_dump(pdf, numbers).split("\n\n")]

    def share(pages: list[list[str]]) -> float:
        words = [w for lines in pages for line in lines for w in line.split()]
        return sum(w in pdf_words for w in words) / len(words)

    assert share(dump) < 0.6
    assert share([repair_letters(lines) for lines in dump]) >= 0.93


def test_corpus_fake_bold_reads_once_from_pdf_and_dump() -> None:
    """A GAO letter whose opening page is set in fake bold: the PDF backend reads each character
    once (its claims were "2200" and "22000066"), and so does its dump."""
    pdf = corpus_pdf("gao-doe-advanced-energy-technologies-2006")
    with pdfplumber.open(pdf) as document:
        words = [w.text for w in scan_page(document.pages[4]).words]
        # (only such a page is deduplicated: pdfplumber's dedupe_chars triples a page's reading time)
        assert drawn_twice(document.pages[4].chars) and not drawn_twice(document.pages[5].chars)
    assert "December" in words and "doubled" in words
    assert not any(re.fullmatch(r"(?:(.)\1)+", w) and len(w) >= 4 for w in words)
    lines = [line.text for page in split_pages(text_dump(pdf, range(5, 6))) for line in page.lines]
    assert "December 20, 2006" in lines
    assert any("doubled in 1974" in line for line in lines)
