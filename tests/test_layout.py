"""Layout repair on the sample's own hard cases and on small invented dumps."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.ingest.text import split_pages
from extractor.layout.hyphenation import Vocabulary, join_broken
from extractor.layout.repair import repair_layout
from extractor.model import BlockKind


def repair_text(text: str):
    return repair_layout(split_pages(text), source_path="invented.txt", source_format="text", sha256="0" * 64)


def body_text(doc) -> str:
    return "\n\n".join(b.text for b in doc.body_blocks())


# --- the sample -------------------------------------------------------------------------------

def test_word_hyphenated_across_a_page_break_is_joined(sample_document):
    body = body_text(sample_document)
    assert "the overall employment rate reached 90%." in body
    assert "em-" not in body and "\nployment" not in body


def test_real_compounds_keep_their_hyphen_across_a_break(sample_document):
    body = body_text(sample_document)
    # "five-" at the foot of a page, "year transitional period" after the notes
    assert "China set a five-year transitional period to consolidate" in body
    assert "year-on-year" in body
    assert "Bouyei-Miao" in sample_document.text


def test_footnote_blocks_are_lifted_out_of_the_running_text(sample_document):
    body = body_text(sample_document)
    assert not re.search(r"[\u2460-\u2473]", body), "no circled markers left in the body"
    assert "^" not in body
    assert "Materials provided by" not in body
    assert len(sample_document.notes) == 65
    assert all(n.text and not n.text.startswith(("^", "\u2460")) for n in sample_document.notes)
    # every note is also in the repaired text, after the body, at its span
    for n in sample_document.notes:
        assert sample_document.text[n.char_start:n.char_end] == n.text


def test_markers_are_recorded_where_they_stood(sample_document):
    doc = sample_document
    assert len(doc.markers) >= 60
    first = doc.markers[0]
    assert doc.text[:first.offset].endswith("Xi Jinping")
    by_text = [m for m in doc.markers if doc.text[:m.offset].endswith("employment rate reached 90%.")]
    assert len(by_text) == 1 and by_text[0].marker == "\u2460"


def test_sentence_split_by_a_page_break_is_one_paragraph(sample_document):
    paras = [b.text for b in sample_document.blocks if b.kind == BlockKind.PARAGRAPH]
    assert any("skills and capacity of rural labor and facilitate job placements across partner provinces." in p
               for p in paras)
    assert not any(p.startswith("placements across partner provinces") for p in paras)
    joined = [b for b in sample_document.blocks if b.page_breaks]
    assert len(joined) >= 15


def test_paragraph_continued_without_notes_in_between(sample_document):
    body = body_text(sample_document)
    assert "convey dual confidence to the world: first, that poverty" in body


def test_table_of_contents_is_kept_out_of_the_body(sample_document):
    body = body_text(sample_document)
    toc = [b for b in sample_document.blocks if b.kind == BlockKind.TOC]
    assert len(toc) >= 25
    assert "\u00b7\u00b7\u00b7" not in body and "Challenges5" not in body
    assert "Compilation Notes and Acknowledgements \u00b7" not in body


def test_section_tree(sample_document):
    secs = {s.section_id: s for s in sample_document.sections}
    assert [s.section_id for s in sample_document.sections][:3] == [
        "preface-new-mission-after-eradicating-ab", "ch-one", "ch-two"]
    s21 = secs["s2.1"]
    assert s21.title.startswith("Mechanisms Guarding Against a Return to Poverty")
    assert s21.label == "2.1 Mechanisms Guarding Against a Return to Poverty: Dynamic Monitoring and Targeted " \
                        "Support to Build a Protective Barrier"
    assert s21.parent_id == "ch-two" and s21.level == 2
    assert secs["ch-five"].heading.startswith("Chapter Five:")
    assert len([s for s in sample_document.sections if s.level == 1]) == 8
    # sections nest and do not overlap
    for s in sample_document.sections:
        assert s.char_start < s.char_end


def test_title_and_pages(sample_document):
    assert sample_document.title.startswith("Striving for a Better Life for the People")
    assert sample_document.pages_inferred
    assert 25 <= sample_document.n_pages <= 45
    pages = [b.page for b in sample_document.body_blocks()]
    assert pages == sorted(pages)


# --- invented dumps ---------------------------------------------------------------------------

def test_explicit_pages_running_headers_and_page_numbers_are_removed():
    pages = []
    for n in range(1, 5):
        pages.append(f"Annual Review of Water Policy 2023\n\nParagraph {n} says that rivers matter a great deal to {'abcd'[n - 1] * n} people.\n\n{n}")
    doc = repair_text("\f".join(pages))
    body = body_text(doc)
    assert "Annual Review of Water Policy" not in body
    assert not re.search(r"^\d+$", body, re.M)
    assert doc.n_pages == 4 and not doc.pages_inferred
    assert [b.page for b in doc.body_blocks()] == [1, 2, 3, 4]


def test_digit_numbered_notes_and_glued_markers():
    text = (
        "Households in the delta saw incomes rise by a third.3 Output grew to 4.2 million tonnes in 202114\n\n"
        "3 National Statistics Office, Household Survey, March 2022.\n\n"
        "14 Ministry of Agriculture, Annual Report 2021.\n\n"
        "The next page begins here with more text about farming."
    )
    doc = repair_text(text)
    body = body_text(doc)
    assert "by a third. Output" in body
    assert "in 2021" in body and "202114" not in body
    assert {n.marker for n in doc.notes} == {"3", "14"}
    assert sorted(m.marker for m in doc.markers) == ["14", "3"]
    assert "4.2 million" in body  # never mistaken for a marker


def test_numbered_list_is_not_taken_for_notes():
    text = ("The plan has three parts:\n\n1 Build roads in every district.\n\n2 Train teachers.\n\n"
            "3 Fund clinics.\n\nThe ministry reviews it yearly.")
    doc = repair_text(text)
    assert doc.notes == []
    assert "Build roads in every district." in body_text(doc)


def test_chapter_heading_on_two_lines_takes_its_title():
    doc = repair_text("Chapter 3:\n\nWater for Every Village\n\nPiped water reached most homes.")
    # a division's title as printed, its label and number with it (the yardstick ignores them)
    assert doc.sections[0].title == "Chapter 3: Water for Every Village"
    assert doc.sections[0].number == "3"


@pytest.mark.parametrize("left,right,expected", [
    ("the overall em-", "ployment rate", "the overall employment rate"),
    ("a broad-", "based recovery", "a broad-based recovery"),
    ("Bouyei-", "Miao prefecture", "Bouyei-Miao prefecture"),
    ("a five-", "year period", "a five-year period"),
    ("monitor-", "ing systems", "monitoring systems"),
])
def test_hyphenation_decisions(left, right, expected):
    vocab = Vocabulary(["employment matters", "a broad-based plan"])
    joined = join_broken(left, right, vocab)
    assert joined is not None and joined[0] == expected


_PIECES = st.sampled_from(["ab", "Ab", "b", "AB", "'", "\u2019", "-", "\u2010", " ", "\n", "\u00e9", "3", "ba", "a"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=12).map("".join), max_size=3), st.lists(st.sampled_from(["a", "b", "ab", "ba", "aab"]), min_size=2, max_size=2))
def test_counts_read_from_the_text_equal_the_full_word_count(texts: list[str], pair: list[str]) -> None:
    """A word's or a compound's count found by searching the text is the one counting every
    word gives: apostrophes, both hyphens, capitals, compounds of three parts, non-ASCII letters."""
    vocab = Vocabulary(texts)
    words, compounds = vocab.counts()
    left, right = pair
    for word in (left, right, left + right, *words):
        if word.isascii() and word.isalpha():
            assert vocab.word_count(word) == words.get(word, 0), word
    assert vocab.compound_count(left, right) == compounds.get(f"{left}-{right}", 0)
    assert vocab.join_counts(left, right) == (words.get(left + right, 0), compounds.get(f"{left}-{right}", 0))
    for compound in compounds:
        parts = compound.split("-")
        if len(parts) == 2 and all(p.isascii() and p.isalpha() for p in parts):
            assert vocab.compound_count(*parts) == compounds[compound], compound


def test_no_hyphen_no_join():
    assert join_broken("a sentence", "continues here", Vocabulary([])) is None


def test_hard_wrapped_dump_with_caret_notes_bullets_and_a_table():
    text = (
        "Regional budgets grew quickly after the reform, and the share of invest-\n"
        "ment in total spending rose to 31 per cent in 2023.^1 Most of it went to\n"
        "grids and storage.\n"
        "^1 Eurostat, Government finance statistics, 2024.\n"
        "\n"
        "The programme had three strands:\n"
        "• grid upgrades in rural districts;\n"
        "• storage tenders;\n"
        "| Region | 2020 | 2023 |\n"
        "| North | 12 | 31 |\n"
        "\n"
        "Next page text continues with a new paragraph about storage.\n"
    )
    doc = repair_text(text)
    body = body_text(doc)
    assert "share of investment in total spending rose to 31 per cent in 2023. Most of it went to grids" in body
    assert [n.marker for n in doc.notes] == ["1"] and doc.notes[0].text.startswith("Eurostat")
    assert "• grid upgrades in rural districts;" in [b.text for b in doc.body_blocks()]
    assert "| North |" not in body
    assert any(b.kind == BlockKind.TABLE for b in doc.blocks)


def test_marker_after_a_number_and_note_continued_on_the_next_page():
    page1 = ("Rural Review 2024\n\nLosses peaked in 2022.4 Recovery began the year after,\n\n"
             "and yields returned to 3.5 tonnes per hectare.5\n\n"
             "4 National statistics office, Agricultural survey 2023.\n\n"
             "5 FAO (2023). Crop losses in the Sahel, 2022. Rome: Food and Agriculture\n\n— 1 —")
    page2 = ("Rural Review 2024\n\nA second page of body text that mentions drought and water.6\n\n"
             "Organization of the United Nations. Available at https://www.fao.org/report.pdf\n\n"
             "6 Ministry of Water, Annual report 2023.\n\n— 2 —")
    doc = repair_text("\f".join([page1, page2]))
    body = body_text(doc)
    assert "Losses peaked in 2022. Recovery began" in body
    assert "3.5 tonnes per hectare." in body
    assert [n.marker for n in doc.notes] == ["4", "5", "6"]
    assert doc.notes[1].text.endswith("Agriculture Organization of the United Nations. Available at "
                                      "https://www.fao.org/report.pdf")
    assert "Available at" not in body


def test_wrapped_notes_on_adjacent_lines_aligned_tables_and_contents_lines():
    text = (
        "Contents\n"
        "Foreword ............................................. 3\n"
        "1.1 Convergence Stalls in the South .................. 5\n"
        "\n"
        "Foreword\n"
        "\n"
        "Spain had 1.1 GW of storage in 2024, while regional output fell in Europe.2 Debt\n"
        "rose to 87% of revenue in Peru.^3 The rest is history.\n"
        "\n"
        "Country        Solar (GW)   Wind (GW)\n"
        "Spain              32.4         31.0\n"
        "Portugal            4.5          5.9\n"
        "\n"
        "2 Eurostat, Regional Yearbook 2024, Luxembourg, 26 September 2024.\n"
        "3 Ministry of Economy, Debt Bulletin, Lima, 2024.\n"
    )
    doc = repair_text(text)
    body = body_text(doc)
    assert "Spain had 1.1 GW of storage" in body
    assert "fell in Europe. Debt rose to 87% of revenue in Peru. The rest" in body
    assert [(n.marker, n.text[:8]) for n in doc.notes] == [("2", "Eurostat"), ("3", "Ministry")]
    assert "32.4" not in body and "Convergence Stalls in the South" not in body


def test_markdown_headings_are_headings():
    doc = repair_text("# Water for Cities\n\n## 2.1 Why tariffs matter\n\nTariffs cover 40% of costs.\n\n"
                      "## Outlook\n\nMore to come in 2026.")
    secs = [(s.number, s.title, s.level) for s in doc.sections]
    assert ("2.1", "Why tariffs matter", 2) in secs and ("", "Outlook", 2) in secs
    assert "#" not in body_text(doc)


def test_spaced_dot_leaders_sentence_case_headings_and_repeated_chapter_heads():
    contents = ("Contents\n\nSummary . . . . . . . . . . . . . 3\n\n"
                "1.1 Why compare these countries? . . . . . . . . 4\n\n2 Council finances . . . . . . . 5")
    page3 = "Summary\n\nCouncils spent more on care in 2023.\n\n1.1 Why compare these countries?\n\nBecause they differ."
    page4 = ("2 Council finances\n\nGrants fell by a third.\n\n"
             "2.1 Grants, council tax and business rates\n\nRates were frozen.")
    page5 = "2 Council finances\n\nThe squeeze went on in every region of the country."
    doc = repair_text("\f".join([contents, page3, page4, page5]))
    assert [s.heading for s in doc.sections] == [
        "Summary", "1.1 Why compare these countries?", "2 Council finances",
        "2.1 Grants, council tax and business rates"]
    assert ". . . ." not in body_text(doc)
    assert doc.sections[-1].parent_id == doc.sections[2].section_id


def test_endnotes_section_resolves_markers_from_every_page():
    pages = [
        "Rural Review\n\nIrrigation reached 40% of farms in 2022.1 Yields rose sharply.\n\n1",
        "Rural Review\n\nThe ministry spent 12 million on canals.2 More followed.\n\n2",
        "Rural Review\n\nNotes\n\n1 Ministry of Agriculture, Survey 2022.\n\n"
        "2 Treasury, Budget statement, 2023.\n\n3",
    ]
    doc = repair_text("\f".join(pages))
    assert [(n.marker, n.page) for n in doc.notes] == [("1", 3), ("2", 3)]
    assert sorted((m.marker, m.page) for m in doc.markers) == [("1", 1), ("2", 2)]
    body = body_text(doc)
    assert "in 2022. Yields" in body and "canals. More" in body and "Treasury" not in body


@given(st.text(alphabet="ab Z-\u2010\u00ad\u00e9.\n", max_size=30))
def test_trailing_part_is_what_a_search_for_a_word_before_a_final_hyphen_finds(text: str) -> None:
    from extractor.layout.hyphenation import trailing_part

    text = text.rstrip()
    m = re.search(r"([A-Za-z]+)[-\u2010\u00ad]$", text)
    assert trailing_part(text) == (m.group(1) if m else None)


@given(st.lists(st.sampled_from([".", ". ", " ", "\t", "\u2026", "\u2022", "\u00b7", "1", "12", "2024", "a", "Title",
                                 "  "]), max_size=14).map("".join))
def test_a_contents_leader_is_found_in_the_last_16_characters_of_the_line(text: str) -> None:
    from extractor import line_shapes as L

    t = text.rstrip()
    if t[-1:].isdigit() and len(text) < 400:
        assert L.is_toc_entry(text) == bool(L._TOC_LEADER.search(t))


def test_leaders_mark_contents_entries_and_table_rows_never_body():
    from extractor import line_shapes as L

    assert L.is_leader_line("Purpose and Scope . . . . . . .9")  # spaced dots glued to the page number
    assert L.is_leader_line("Vetting . . . . . 8 Data Validation and")  # two columns on one line
    assert L.is_leader_line("retention credit\u2026... 1,166 --- 1,166")
    assert not L.is_leader_line("and so on.... The next 5 years")  # an ellipsis ending a sentence
    text = (
        "Contents\n"
        "Message from the Director . . . . . . . . .3 Other Requirements . . . . . . .58\n"
        "Overview . . . . . . . . . . .6 Major Management Priorities\n"
        "and Challenges . . . . . . . . . . . . .58\n"
        "\n"
        "Message from the Director\n"
        "\n"
        "The agency served 2,400 employees in 2019, and its budget rose by 4.5 percent.\n"
        "\n"
        "Estimate includes the following outlay effects:\n"
        "Extension of the tax credit (sunset 3/31/21) ........... 394 124 --- --- 518 518\n"
        "Total revenue effect ........................ -70 -71 -72 -362\n"
    )
    doc = repair_text(text)
    body = body_text(doc)
    assert "2,400 employees" in body
    assert "58" not in body and "394" not in body and "-70" not in body


def test_the_rest_of_a_contents_page_is_contents_up_to_the_text():
    """Entries with page numbers first and a title's page number mid-line are no entry any rule
    reads; on a page under a contents title they are contents all the same, up to the first
    paragraph of running text, whose heading stays a heading."""
    text = (
        "Index\n\n"
        "5 Executive summary\n\n"
        "27 Comparing public regulation and the 12 standards\n\n"
        "Results in Brief 5 Background 8 Budget Authority Has Declined by over 85 Percent Since 1978;\n\n"
        "Appendix II Scope and Methodology 58\n\n"
        "Introduction\n\n"
        "The agency served 2,400 employees in 2019, and its budget rose by 4.5 percent over the year.\n\n"
        "The rest of the report says that 31 offices were opened in the year before.\n"
    )
    doc = repair_text(text)
    body = body_text(doc)
    assert "2,400 employees" in body
    assert "12 standards" not in body and "85 Percent" not in body
    assert [s.title for s in doc.sections] == ["Introduction"]
