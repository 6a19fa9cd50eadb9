"""Two columns of a page laid out with spaces (``pdftotext -layout``) read in order, and the
side headings of a margin column lifted out of the text's lines.

The sample's own paragraphs are typeset in two columns here, as a layout-keeping converter
prints them (side by side, or one under another where the columns' baselines differ), and must
come back in reading order; tables, contents pages and one-column text must come back as they
were. A corpus report's two-column pages, dumped with pdftotext, must read as its PDF does.
"""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from extractor.ingest.text import split_pages
from extractor.ingest.text_columns import find_gutter, notes_from, split_columns
from extractor.ingest.text_margin import find_margin, lift_margin, recurring_labels
from extractor.model import BlockKind
from extractor.pipeline import load_document
from tests.corpus import corpus_pdf, layout_dump

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "reports" / "xinhua-poverty-alleviation-2025.txt"


def sample_paragraphs(n: int, start: int = 0) -> list[str]:
    """``n`` long paragraphs of running text from the sample (no headings, notes or tables)."""
    paras = [re.sub(r"\s+", " ", p).strip() for p in SAMPLE.read_text(encoding="utf-8").split("\n\n")]
    prose = [p for p in paras if len(p) > 500 and "^" not in p and "|" not in p and "*" not in p]
    return prose[start:start + n]


def column(paragraphs: list[str], width: int) -> list[str]:
    lines: list[str] = []
    for p in paragraphs:
        if lines:
            lines.append("")
        lines += textwrap.wrap(p, width)
    return lines


def side_by_side(left: list[str], right: list[str], width: int, gap: int = 5) -> list[str]:
    rows = max(len(left), len(right))
    left, right = left + [""] * (rows - len(left)), right + [""] * (rows - len(right))
    return [(a.ljust(width + gap) + b).rstrip() for a, b in zip(left, right)]


def words(lines: list[str]) -> list[str]:
    return " ".join(lines).split()


def test_two_columns_side_by_side_read_left_then_right() -> None:
    left, right = column(sample_paragraphs(2), 44), column(sample_paragraphs(2, 2), 44)
    title = "Chapter Two: A title set across the whole width of the page above both columns"
    footer = "Xinhua Institute".center(93) + "12"
    page = [title, "", *side_by_side(left, right, 44), "", footer]
    assert find_gutter(page) is not None
    out = split_columns(page)
    assert words(out) == words([title, *left, *right, footer])
    # each column's paragraph break is kept (the blank lines around the columns are not)
    assert [i for i, s in enumerate(out) if not s.strip()] == [1 + left.index(""), 1 + len(left) + right.index("")]


def test_columns_set_one_under_another_read_in_order() -> None:
    """Columns whose baselines differ: pdftotext prints the right column's lines between the
    left's, indented to the gutter."""
    left, right = column(sample_paragraphs(1, 4), 46), column(sample_paragraphs(1, 5), 46)
    page: list[str] = []
    for a, b in zip(left, right):
        page += [a, " " * 52 + b]
    page += left[len(right):] + [" " * 52 + b for b in right[len(left):]]
    out = split_columns(page)
    assert words(out) == words(left + right)
    assert all(s.strip() for s in out)  # no blank line where only the other column's line was


def test_notes_at_the_foot_of_both_columns_go_after_both_columns() -> None:
    left = column(sample_paragraphs(1, 6), 44) + ["1 A note at the foot of the left column, set", "under its text."]
    right = column(sample_paragraphs(1, 7), 44) + ["2 The note at the foot of the right column."]
    out = split_columns(side_by_side(left, right, 44))
    text = " ".join(out)
    assert text.index("1 A note") > text.index(right[0]) and text.index("2 The note") > text.index("1 A note")
    assert notes_from(left) == len(left) - 2 and notes_from(right[:-1]) == len(right) - 1


def test_tables_contents_and_one_column_text_are_left_as_they_are() -> None:
    table = ["Province          2019      2020      2021      2022",
             *[f"{name:<16}{a:>6,}    {a + 310:>6,}    {a + 720:>6,}    {a + 1015:>6,}"
               for name, a in (("Guizhou", 10756), ("Yunnan", 11902), ("Gansu", 10344), ("Sichuan", 15929),
                               ("Shaanxi", 13316), ("Ningxia", 13889), ("Qinghai", 12342), ("Tibet", 14598))]]
    contents = [f"{title:<70}{page:>4}" for title, page in
                (("Preface: New Mission After Eradicating Absolute Poverty", 2), ("Chapter One: The Transition", 5),
                 ("Chapter Two: Practice in Consolidating Achievements", 10), ("Chapter Three: Theory", 17),
                 ("Chapter Four: Outlook", 25), ("Notes", 30), ("Annex: Tables", 33))]
    one_column = column(sample_paragraphs(3), 90)
    for page in (table, contents, one_column, [*one_column[:5], *table, *one_column[5:]]):
        assert split_columns(page) == page


def test_a_pdfplumber_dump_is_never_split() -> None:
    """Single spaces between words (pdfplumber's text of a page): no gutter to find."""
    left, right = column(sample_paragraphs(2), 44), column(sample_paragraphs(2, 2), 44)
    merged = [f"{a} {b}".strip() for a, b in zip(left, right)]
    assert split_columns(merged) == merged


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab 1.\u00a0\t,"), max_size=160), max_size=40))
def test_any_page_keeps_its_words(lines: list[str]) -> None:
    """Whatever a page holds, the split only moves lines and cuts them at a run of spaces:
    every word is kept, in its column's order."""
    out = split_columns(lines)
    assert sorted(words(out)) == sorted(words(lines))


def body_sentences(path: Path) -> set[str]:
    """The long sentences of a report's paragraphs, as read from ``path``."""
    document = load_document(path)
    return {s.strip() for b in document.blocks if b.kind is BlockKind.PARAGRAPH
            for s in re.split(r"(?<=[a-z]\.)\s+(?=[A-Z])", b.text) if len(s.split()) >= 12}


def test_corpus_two_column_pages_read_as_the_pdf_does(tmp_path: Path) -> None:
    """A two-column corpus report dumped with ``pdftotext -layout``: most of its long sentences,
    read from the dump, are the PDF's word for word (0.72; before the split, 0.33 were: the rest were
    two columns' halves spliced line by line)."""
    pdf = corpus_pdf("opm-annual-performance-report-fy2019")
    text = layout_dump(pdf)
    assert sum(1 for page in text.split("\f") if find_gutter(page.split("\n"))) >= 30
    dump = tmp_path / "opm.txt"
    dump.write_text(text, encoding="utf-8")
    from_text, from_pdf = body_sentences(dump), body_sentences(pdf)
    shared = len(from_text & from_pdf) / len(from_pdf)
    assert shared >= 0.6, f"only {shared:.2f} of the PDF's sentences read the same from the layout dump"


def side_heading_page(heading: list[str], paragraphs: list[str], offset: int = 1) -> list[str]:
    """A page in GAO's house style as pdftotext prints it: the text column indented, a side
    heading's lines in the margin beside its paragraph, from its ``offset``-th line."""
    page: list[str] = []
    for n, p in enumerate(paragraphs):
        lines = textwrap.wrap(p, 70)
        for k, line in enumerate(lines):
            side = heading[k - offset] if n == 1 and 0 <= k - offset < len(heading) else ""
            page.append(f"{side:<27}{line}")
        page.append("")
    return page


def test_a_side_heading_in_the_margin_is_lifted_before_its_paragraph() -> None:
    heading = ["Rural Incomes Rose", "Fastest in the Poorest", "Counties"]
    paragraphs = sample_paragraphs(3, 8)
    page = side_heading_page(heading, paragraphs)
    margin = find_margin(page)
    assert margin is not None and margin.titles() == ["rural incomes rose fastest in the poorest counties"]
    out, side = lift_margin(page, margin)
    assert [out[i] for i in sorted(side)] == heading
    # the heading stands between the first paragraph and the second, whose words are whole again
    text = " ".join(out)
    assert text.index(paragraphs[0][-30:].split()[-1]) < text.index(heading[0]) < text.index(paragraphs[1].split()[0])
    assert words(out) == words(textwrap.wrap(paragraphs[0], 70) + heading
                               + textwrap.wrap(paragraphs[1], 70) + textwrap.wrap(paragraphs[2], 70))


def test_a_side_heading_reaches_the_page_as_a_heading() -> None:
    heading = ["Rural Incomes Rose", "Fastest in the Poorest", "Counties"]
    text = "\f".join("\n".join(side_heading_page(heading if n == 1 else ["Page Specific", f"Heading {n}"],
                                                  sample_paragraphs(3, 3 * n))) for n in range(3))
    pages = split_pages(text)
    sides = [ln.text for p in pages for ln in p.lines if ln.is_side]
    assert " ".join(heading) in " ".join(sides)


def test_a_definition_list_repeated_page_after_page_is_no_side_heading() -> None:
    """Labels beside their values ("Data Source   Agency records"), the same labels on every
    page: a table, left where it stands."""
    pages = []
    for n in range(3):
        rows = [("Performance Measure", f"Share of claims settled within {30 + n} days of receipt by the office"),
                ("Data Source", "Agency records of claims received and settled in the fiscal year"),
                ("Frequency", "Annually")]
        pages.append([f"{label:<27}{value}" for label, value in rows] + [""] + [" " * 27 + s for s in
                     textwrap.wrap(sample_paragraphs(1, n)[0], 70)])
    margins = [find_margin(p) for p in pages]
    labels = recurring_labels(margins)
    assert labels and all("data source" in label or "frequency" in label for label in labels)
    for page, margin in zip(pages, margins):
        out, side = lift_margin(page, margin, labels)
        assert not side and out == page


def test_one_column_pages_and_pdfplumber_dumps_have_no_margin() -> None:
    assert find_margin(column(sample_paragraphs(3), 90)) is None
    indented = ["     " + s for s in column(sample_paragraphs(2), 80)]
    assert find_margin(indented) is None  # an indented block of text with nothing beside it


def test_corpus_side_headings_of_a_layout_dump(tmp_path: Path) -> None:
    """GAO's side headings in ``pdftotext -layout``'s dump: set beside their paragraph's
    first or second line, found and put back together (headings F1 on this report's layout
    dump 0.44 before, 0.82 after; the pdfplumber dump's is 0.71)."""
    pdf = corpus_pdf("gao-doe-advanced-energy-technologies-2006")
    dump = tmp_path / "gao.txt"
    dump.write_text(layout_dump(pdf), encoding="utf-8")
    titles = [s.title for s in load_document(dump).sections]
    for title in ("Conclusions", "Background", "Results in Brief",
                  "DOE’s Budget Authority for Renewable, Fossil, and Nuclear Energy R&D Has Substantially Fallen "
                  "Since 1978",
                  "Renewable Energy Technologies Face a Variety of Technical and Deployment Barriers", "Ethanol"):
        assert title in titles, title


def test_a_two_column_fixture_dumped_with_pdftotext_scores_as_its_pdf(tmp_path: Path) -> None:
    """The two-column UK/US/Canada local-finance fixture (typeset PDF, hand-made key) dumped
    with ``pdftotext -layout``: claims and places F1 close to the PDF's (before the split:
    claims 0.73 and places 0.89, the columns spliced line by line; now 0.97 and 0.94)."""
    import csv
    import shutil
    import subprocess

    from extractor.pipeline import ExtractionConfig, combine, process_report
    from scoring import match_claims, place_f1

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (Debian package poppler-utils)")
    folder = Path(__file__).parent / "fixtures" / "heldout" / "uk-local-finance"
    dump = tmp_path / "uk-local-finance.txt"
    subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(folder / "report.pdf"), str(dump)], check=True)
    tables = combine([process_report(str(dump), ExtractionConfig(model="none"))])

    def gold(name: str) -> list[dict]:
        with (folder / "gold" / name).open(newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))

    claims = [c for c in gold("claims.csv") if c["kind"] == "digits"]
    pred = [p for p in tables["claims"].to_dict("records") if p["kind"] == "digits"]
    pairs, missed, spurious = match_claims(pred, claims)
    claims_f1 = 2 * len(pairs) / (len(pred) + len(claims))
    assert claims_f1 >= 0.9, (claims_f1, [m["anchor"] for m in missed][:10])
    assert place_f1(tables["places"].to_dict("records"), gold("places.csv"))[2] >= 0.9


def test_a_table_of_words_spaced_out_is_a_table_row() -> None:
    """A layout-keeping dump prints a table's row with runs of spaces between its cells: four
    cells or more are a row whatever they hold; two numeric cells make a row too; prose and a
    contents entry do not."""
    from extractor.line_shapes import is_aligned_table_row

    assert is_aligned_table_row("    Ecuador        0,2%        80 Mt      Based on      Reduction of      -")
    assert is_aligned_table_row("Spain    56.8    32.4    1,920")
    assert not is_aligned_table_row("The programme reached most districts of the region over the decade.")
    assert not is_aligned_table_row("Chapter Two: Practice in Consolidating Achievements          10")
    assert not is_aligned_table_row("Agriculture     Steve Jaffee, Mudita Chamroeun")


def test_a_numbered_title_above_a_table_of_a_layout_dump_is_a_heading(tmp_path: Path) -> None:
    """A labelled title ("Strategic Objective 1.4: ...") heads the table under it in a dump,
    as it does in the PDF: OPM's layout dump (headings F1 0.36 without, 0.41 with)."""
    pdf = corpus_pdf("opm-annual-performance-report-fy2019")
    dump = tmp_path / "opm.txt"
    dump.write_text(layout_dump(pdf), encoding="utf-8")
    titles = [s.title for s in load_document(dump).sections]
    assert any(t.startswith("Strategic Objective 1 .4: Improve healthcare quality") for t in titles), titles
