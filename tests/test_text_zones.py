"""Text dumps zoned from their text alone: pages, page furniture, footnote blocks, chart text.

Invented dumps set as pdfplumber sets a page (no blank line inside a page, pages joined by a
blank line), and the text dumps users make of real corpus reports (``tests/corpus.py``).
"""
from __future__ import annotations

import re

import pytest

from extractor.ingest.text import split_pages, unglue_number_words
from extractor.ingest.text_zones import (
    find_charts,
    is_label_value,
    is_page_number,
    line_class,
    longest_number_run,
    pages_from_blank_lines,
    split_row_tail,
)
from extractor.layout.repair import repair_layout
from extractor.model import BlockKind

PROSE = ("The programme reached most districts of the region over the decade and its budget grew with it, "
         "while the ministry kept")
_WORDS = ("wells pumps tariffs rivers farmers herders towns markets roads clinics schools councils "
          "budgets prices seasons rains harvests permits meters pipes").split()


def body_lines(n: int, start: int = 0) -> list[str]:
    """Lines of running text, each its own (a line repeated on several pages is a running head)."""
    return [f"{PROSE} its {_WORDS[(start + k) % len(_WORDS)]} and {_WORDS[(3 * (start + k) + 1) % len(_WORDS)]} "
            f"{'near' if (start + k) // len(_WORDS) % 2 else 'far from'} the coast in the same paragraph."
            for k in range(n)]


def page(number: int, body: list[str], notes: list[str]) -> str:
    return "\n".join(["Rural Water Review: Wells, Pumps and Prices", *body, *notes, f"Agency Research Service {number}"])


def repair_text(text: str):
    return repair_layout(split_pages(text), source_path="invented.txt", source_format="text", sha256="0" * 64)


def body_text(doc) -> str:
    return "\n\n".join(b.text for b in doc.body_blocks())


# --- pages ------------------------------------------------------------------------------------

def test_pages_joined_by_a_blank_line_are_pages_and_an_empty_page_keeps_its_number():
    one, two = body_lines(14), body_lines(14, 20)
    pages = pages_from_blank_lines([*one, "", *two, "", "", "", *one])
    assert [len(p) for p in pages] == [14, 14, 0, 14]
    # a dump of paragraphs (a few lines between blank lines) is no dump of pages
    assert pages_from_blank_lines(["A paragraph.", "", "Another one,", "on two lines.", "", "A third."]) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("7", True), ("- 7 -", True), ("Page10", True), ("Page 3 of 12", True), ("iv", True), ("6 7", True),
    ("C", False), ("d", False), ("2019 was a good year", False), ("Table 3", False),
])
def test_page_numbers(text: str, expected: bool) -> None:
    assert is_page_number(text) is expected


# --- furniture and notes ---------------------------------------------------------------------

def _three_pages() -> str:
    p1 = page(1, [*body_lines(10), "wells were dug in the north of the province as well1. Pumps came later,",
                  "after the drought of 201922, and prices rose quickly everywhere.3", *body_lines(2)],
              ["1 Ministry of Water, Annual Report 2021, Nairobi, 2022.",
               "22 Okafor, J., Drought and pumps, Journal of Water Policy, vol. 3 (2020), pp. 2-9,",
               "https://example.org/drought-and-pumps."])
    p1 = p1.replace("22 Okafor", "2All historical prices are from Okafor").replace("201922", "20192")
    p1 = p1.replace("https://example.org/drought-and-pumps.", "3/ Field interviews in Garissa, 2023.")
    p2 = page(2, ["The second page takes up the account of prices and wells across the region.4 It goes on",
                  *body_lines(12, 30), "The budget was amended in FY245 to pay for the pumps, as planned."],
              ["4", "Treasury, Budget Statement 2024, Nairobi.",
               "5 Parliamentary Budget Office, Budget Review 2024-25, p. 12."])
    p3 = page(3, ["The list of measures adopted in the third year reads:", *body_lines(12, 50),
                  "1. Build wells in every district of the province.",
                  "2. Train pump mechanics in every county of the province."], [])
    return "\n\n".join([p1, p2, p3])


def test_running_heads_footers_and_note_blocks_are_flagged():
    pages = split_pages(_three_pages())
    assert len(pages) == 3 and all(p.explicit for p in pages)
    heads = [[ln.text for ln in p.lines if ln.is_header] for p in pages]
    assert heads == [["Rural Water Review: Wells, Pumps and Prices", f"Agency Research Service {n}"] for n in (1, 2, 3)]
    notes = [[ln.text for ln in p.lines if ln.is_note] for p in pages]
    # each note's first line written with a caret marker: glued ("2All"), typewriter ("3/"),
    # the number alone on its line (the note on the next)
    assert notes[0] == ["^1 Ministry of Water, Annual Report 2021, Nairobi, 2022.",
                        "^2 All historical prices are from Okafor, J., Drought and pumps, Journal of Water Policy, "
                        "vol. 3 (2020), pp. 2-9,", "^3 Field interviews in Garissa, 2023."]
    assert notes[1] == ["^4 Treasury, Budget Statement 2024, Nairobi.",
                        "^5 Parliamentary Budget Office, Budget Review 2024-25, p. 12."]
    assert notes[2] == []  # a numbered list at the page foot, with no marker in the body, is no note block


def test_notes_resolve_and_their_text_never_reads_as_body():
    doc = repair_text(_three_pages())
    body = body_text(doc)
    assert [(n.marker, n.page) for n in doc.notes] == [("1", 1), ("2", 1), ("3", 1), ("4", 2), ("5", 2)]
    assert sorted((m.marker, m.page) for m in doc.markers) == [("1", 1), ("2", 1), ("3", 1), ("4", 2), ("5", 2)]
    assert "as well. Pumps came later, after the drought of 2019, and prices" in body
    assert "amended in FY24 to pay" in body
    assert "Ministry of Water" not in body and "Agency Research Service" not in body
    assert "1. Build wells in every district" in body


def test_a_note_broken_off_at_the_page_foot_goes_on_above_the_next_pages_notes():
    p1 = page(1, [*body_lines(12), "Pumps were bought in bulk.1"],
              ["1 Ministry of Water, Procurement of pumps for the northern districts, a report prepared for the"])
    p2 = page(2, [*body_lines(12, 20), "Prices fell afterwards.2",
                  "ministry of finance and the county governments of the north, https://example.org/pumps."],
              ["2 Treasury, Budget Statement 2024."])
    doc = repair_text("\n\n".join([p1, p2]))
    assert [n.marker for n in doc.notes] == ["1", "2"]
    assert doc.notes[0].text.endswith("county governments of the north, https://example.org/pumps.")
    assert "https://example.org" not in body_text(doc)


# --- charts and tables -----------------------------------------------------------------------

def test_chart_text_between_body_lines_is_kept_out_of_the_body():
    chart = ["Figure 2. Wells dug by province, 2019-2023", "(Number of wells)", "0 50 100 150 200",
             "Garissa 120 135", "Turkana 80 95", "2019-20 2020-21 2021-22", "Northern Southern",
             "Source: Ministry of Water.", "Note: Wells with a pump only."]
    lines = [*body_lines(3), *chart, "Prices and tariffs", *body_lines(2, 10)]
    body = list(range(len(lines)))
    flagged = find_charts(lines, body, long_line=200.0)
    assert [lines[i] for i in sorted(flagged)] == chart  # the heading after the note line stays
    assert line_class("0 50 100 150 200") == "figures" and line_class(PROSE) == "prose"


def test_places_in_a_chart_are_places_and_its_figures_no_claims(tmp_path):
    p1 = page(1, [*body_lines(12), "Figure 3. Wells dug by province, 2023", "Garissa 120 135", "Turkana 80 95",
                  "Source: Ministry of Water.", "Wells were dug in every district of the country last year."], [])
    tables = _process(tmp_path, "chart", "\n\n".join([p1, page(2, body_lines(14, 30), [])]))
    assert {"Garissa", "Turkana"} <= {p["name"] for p in tables["places"]}
    assert not [c for c in tables["claims"] if c["surface"] in ("120", "135", "80", "95")]


def test_charts_in_a_dump_give_no_claims_and_a_source_paragraph_is_no_body():
    p1 = page(1, [*body_lines(12), "Figure 1. Pumps sold, 2019-2023", "0 10 20 30 40", "2019 2020 2021 2022 2023",
                  "Source: Pump Dealers Association; and estimates of the ministry for the northern",
                  "districts, where the 2022 survey covered 1,200 dealers and the rest is estimated from",
                  "tax returns for the years 2019 to 2021 and the customs data on imported pumps.",
                  "Sales rose by 12 percent a year over the period, as the next section shows."], [])
    doc = repair_text("\n\n".join([p1, page(2, body_lines(14, 30), [])]))
    body = body_text(doc)
    assert "0 10 20 30 40" not in body and "1,200 dealers" not in body
    assert "Sales rose by 12 percent a year" in body
    assert any(b.kind == BlockKind.TABLE and "Pump Dealers" in b.text for b in doc.blocks)


@pytest.mark.parametrize(("text", "run"), [
    ("4.4 A 15.8 24.2 17.7 8.60 6.60 ≤5 Not Met", 5), ("Central heating 37 2 39 10 47 18 58", 7),
    ("1 500 000 habitants en 2013", 1),  # thousands grouped with spaces are one number
    ("in 2019, 2020 and 2021 the rate rose", 1), ("2019-20 2020-21 2021-22", 3), ("−15.4 61.5 (2.1)", 3),
])
def test_numbers_side_by_side(text: str, run: int) -> None:
    assert longest_number_run(text) == run


def test_a_label_and_its_value_is_no_sentence():
    assert is_label_value("Flight time: 11423 hours") and is_label_value("Population (2020): 4.5 million")
    assert line_class("Total area: 1,250 km2") == "figures"
    assert not is_label_value("Phase 2: Implementation of the plan")  # the value holds no quantity
    assert line_class("Note: 5 percent") == "source"  # (a note line is a source line first)
    assert not is_label_value("The rate rose in every year of the period: 12 percent in 2019 and more after")


def test_a_table_row_set_beside_running_text_is_split_off():
    line = "example, 90 percent or more of the poor have access to piped water, Cell phone 99 99 99 99 99"
    assert split_row_tail(line) == ("example, 90 percent or more of the poor have access to piped water, Cell phone",
                                    "99 99 99 99 99")
    assert split_row_tail("3,000 7,000 11,000 15,000 even though at 36 percent the rural headcount poverty rate is") \
        == ("even though at 36 percent the rural headcount poverty rate is", "3,000 7,000 11,000 15,000")
    # a row with a label, however long, is a row; a sentence's few figures stay with it
    assert split_row_tail("Consumer prices (annual average) 7.7 0.2 1.7 3.2")[1] == ""
    assert split_row_tail("Prices rose by 12 percent in 2019 and 4 percent in 2020 across the region.")[1] == ""


def test_a_table_with_labels_wrapped_over_lines_is_kept_out_of_the_body():
    """A performance table: a header over several lines, then rows whose label wraps above and
    below its figures; the labels read as words, but a short line that ends no sentence is no
    running text, so the whole table is one chart."""
    table = ["FY 2019", "Performance FY 2015 FY 2016 FY 2017 FY 2018 FY 2019 FY 2019 Target",
             "Measure Results Results Results Results Results Target Met/", "Not Met",
             "Average number of minutes", "4.4 A 15.8 24.2 17.7 8.60 6.60 ≤5 Not Met", "to answer phone calls",
             "Average number of days to", "4.4 B 56.2 54.1 67.0 58.6 55.7 ≤60 Met", "process pension claims"]
    lines = [*body_lines(3), *table, *body_lines(3, 10)]
    flagged = find_charts(lines, list(range(len(lines))), long_line=200.0)
    assert [lines[i] for i in sorted(flagged)] == table[:-1]  # (a label under the last row has no figure)


def test_rows_with_decimals_after_a_label_are_no_sentence_end():
    """"Free reserves as a percentage of / credit in good standing 4.2 5.1 4.1": a row's last
    figure ("8.0") is no sentence's end with a note marker ("in 2013.9")."""
    table = ["Table 5. Precautionary balances", "(In billions of SDRs)", "Reserves 1.9 2.0 2.1 2.6 2.8 3.0",
             "Free reserves 1.5 1.7 2.0 2.6 2.9 3.3", "Free reserves as a percentage of",
             "credit in good standing 4.2 5.1 4.1 4.3 7.0 8.0"]
    lines = [*body_lines(3), *table, *body_lines(3, 10)]
    flagged = find_charts(lines, list(range(len(lines))), long_line=200.0)
    assert [lines[i] for i in sorted(flagged)] == table


def test_a_table_set_beside_the_text_leaves_the_sentences_whole():
    rows = ["Central heating 37 2 39 10 47 18 58", "Access to piped gas 35 0 37 10 45 17 54",
            "Home phone 28 4 30 13 34 18 39"]
    body = ["Gaps in access to household services between poor and non-poor have been",
            "reduced. For example, 90 percent or more of the poor have access to water, toilet,",
            "refrigerator, and cell phone. In contrast, access to piped natural gas Cell phone 99 99 99 99 99",
            "and central heating is not as widespread among the poor of the eastern regions."]
    mixed = [body[0], rows[0], body[1], rows[1], body[2], rows[2], body[3]]
    p1 = page(1, [*body_lines(8), *mixed, *body_lines(4, 20)], [])
    doc = repair_text("\n\n".join([p1, page(2, body_lines(14, 30), [])]))
    text = body_text(doc)
    assert "have been reduced. For example, 90 percent or more of the poor" in text
    assert "access to piped natural gas Cell phone and central heating is not as widespread" in text
    assert not re.search(r"\b(?:99 99|37 2 39|35 0 37)\b", text)


def test_a_charts_ticks_set_beside_the_text_are_no_part_of_it():
    """"A decade of reform was launched / 70 / in 2003": a chart beside the text, its ticks
    interleaved with the lines of running text; a number that ends a paragraph stays."""
    text = ["With regard to health, reforms in public service delivery have contributed to an",
            "85", "improved overall health care system. A decade of reform of the health system was launched",
            "80", "in 2003, with the Health Transformation Program, and the number of doctors reached",
            "1,200.", "75", "The next section turns to the labour market and to the wages of the poor in the east."]
    flagged = find_charts(text, list(range(len(text))), long_line=200.0)
    assert [text[i] for i in sorted(flagged)] == ["85", "80", "75"]


def test_a_figures_title_printed_above_its_bare_label_goes_with_the_figure():
    """"Total number of interventions (2010-2022)" / "Figure 1" / "Source: ...": the title above
    a bare label is the figure's, not a heading of the body; a paragraph above keeps its lines."""
    figure = ["Total number of industrial policy interventions by country (2010-2022)", "Figure 1",
              "Source: Own elaboration based on a trade alert database (2023)."]
    lines = [*body_lines(3), *figure, *body_lines(2, 10)]
    flagged = find_charts(lines, list(range(len(lines))), long_line=200.0)
    assert [lines[i] for i in sorted(flagged)] == figure


# --- the corpus: text dumps of real reports ---------------------------------------------------


@pytest.fixture(scope="module")
def dumps():
    from tests.corpus import corpus_pdf, text_dump

    cache: dict[str, str] = {}

    def dump(name: str) -> str:
        if name not in cache:
            cache[name] = text_dump(corpus_pdf(name))
        return cache[name]
    return dump


def _process(tmp_path, name: str, text: str):
    from extractor.pipeline import ExtractionConfig, process_report

    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    result = process_report(path, ExtractionConfig(model="none"))
    assert result.status == "ok", result.error
    return result.tables


@pytest.mark.corpus
def test_crs_dump_notes_through_the_document_resolve_on_every_page(tmp_path, dumps):
    """CRS: 40 notes numbered through the document at the page feet, a running title and a
    "Congressional Research Service N" footer on every page; notes that repeat the same source
    ("16 U.S. Census Bureau, ...") on several pages are notes, not running footers."""
    text = dumps("crs-strait-of-hormuz-shipping-2026")
    pages = split_pages(text)
    assert len(pages) == 8  # the PDF's pages
    tables = _process(tmp_path, "crs", text)
    notes = tables["notes"]
    assert sorted(int(n["marker"]) for n in notes) == list(range(1, 41))
    assert all(n["n_citations"] >= 1 for n in notes)
    cits = tables["citations"]
    assert len(cits) == 40 and all(c["resolved"] for c in cits)
    sentences = [c["sentence"] for c in tables["claims"]]
    assert not [s for s in sentences if re.match(r"\d{1,2} [A-Z]", s) or "Congressional Research Service" in s]


@pytest.mark.corpus
def test_bea_dump_note_number_alone_on_its_line_and_marker_glued_to_a_year(tmp_path, dumps):
    tables = _process(tmp_path, "bea", dumps("bea-gdp-q1-technical-note-2021"))
    cits = {c["marker"]: c for c in tables["citations"]}
    assert set(cits) == {"1", "2"} and all(c["resolved"] for c in cits.values())
    assert cits["2"]["note_text"].startswith("The fourth quarter of 2019 was the most recent quarter")
    assert cits["2"]["cited_sentence"].endswith("for the fourth quarter of 2019.")


@pytest.mark.corpus
def test_fundar_dump_list_after_notes_is_no_note_and_chart_labels_are_no_claims(tmp_path, dumps):
    """Fundar: notes 1-14 at the page feet, an index page, a numbered list of principles ("7. It
    should ...") on the page after note 14, a bar chart whose labels and ticks the dump keeps."""
    tables = _process(tmp_path, "fundar", dumps("fundar-industrial-policy-renaissance-2024"))
    notes = tables["notes"]
    assert sorted(int(n["marker"]) for n in notes) == list(range(1, 15))
    assert not [n for n in notes if n["note_text"].startswith("It should")]
    assert {c["marker"] for c in tables["citations"] if c["resolved"]} == {str(k) for k in range(1, 15)}
    surfaces = {c["surface"] for c in tables["claims"]}
    assert not surfaces & {"0%", "1%", "2%", "0,5%", "1,73%"}
    # the chart's country labels are places the report names (its text is read for places only)
    assert {"France", "South Korea"} <= {p["name"] for p in tables["places"]}


@pytest.mark.corpus
def test_a_contents_page_is_no_chart():
    """GAO's contents page ("Letter 1", "Results in Brief 5", a title wrapped over lines with
    "1978;" in it): read alone its lines look like a table's rows, but they stay for the contents
    list that headings are read from."""
    from tests.corpus import corpus_pdf, text_dump

    first_pages = split_pages(text_dump(corpus_pdf("gao-doe-advanced-energy-technologies-2006"), range(1, 5)))
    contents = next(p for p in first_pages if any(line.text == "Contents" for line in p.lines))
    assert [line.text for line in contents.lines if line.is_table] == []
    assert any(line.text.startswith("Results in Brief") for line in contents.lines)


@pytest.mark.corpus
def test_gao_dump_notes_glued_to_their_text_and_the_page_footer(tmp_path, dumps):
    """GAO: "2All historical ..." (the note's number glued to its text), "Page N GAO-07-106 ..."
    footers; the notes were all read as body before."""
    tables = _process(tmp_path, "gao", dumps("gao-doe-advanced-energy-technologies-2006"))
    notes = tables["notes"]
    assert len(notes) >= 35
    assert any(n["note_text"].startswith("All historical") for n in notes)
    assert not [c for c in tables["claims"] if "GAO-07-106 DOE's Energy Challenges" in c["sentence"]]
    cits = tables["citations"]
    assert sum(c["resolved"] for c in cits) >= 35


@pytest.mark.corpus
def test_pdf_frame_around_the_text_is_no_table():
    """IMF pamphlet: strokes drawn around every page, which pdfplumber reads as a two-cell table
    holding the whole page; the page's lines stay running text and its note is found."""
    import pdfplumber

    from extractor.ingest.pdf import scan_page
    from tests.corpus import corpus_pdf

    with pdfplumber.open(corpus_pdf("imf-financial-operations-general-department-2001")) as pdf:
        scan = scan_page(pdf.pages[2])
    assert scan.tables == []
    assert len(scan.words) > 300


def test_a_paragraphs_last_words_before_a_chart_stay_prose():
    """"de 1 à 6) en 2013.9": the end of a sentence, figures and all, then a chart under it."""
    lines = [PROSE + " and rated the governance of the public sector (on a scale",
             "de 1 à 6) en 2013.9", "Figure 4 : Indicateurs de gouvernance, 2003-2013", "40", "30", "10",
             "2003 2003 2013 2013", "Source : Indicateurs mondiaux de gouvernance."]
    flagged = find_charts(lines, list(range(len(lines))), long_line=200.0)
    assert sorted(flagged) == list(range(2, len(lines)))


@pytest.mark.corpus
def test_performance_tables_in_a_dump_are_tables():
    """OPM: performance tables of five years' results, their measures wrapped over lines above
    and below each row of figures, between the objectives' running text."""
    from tests.corpus import corpus_pdf, text_dump

    pages = split_pages(text_dump(corpus_pdf("opm-annual-performance-report-fy2019"), range(28, 33)))
    lines = [ln for p in pages for ln in p.lines if ln.text.strip()]
    table = [ln for ln in lines if re.match(r"4\.[34] [A-E] ", ln.text) or "Results Results" in ln.text]
    assert len(table) >= 8 and all(ln.is_table for ln in table)
    assert not [ln for ln in lines if ln.text.startswith("Strategic Objective 4 .") and ln.is_table]


@pytest.mark.corpus
def test_tables_with_long_labels_and_decimals_in_a_dump_are_tables():
    """IMF pamphlet (table II.5: rows of balances, a ratio's label wrapped over two lines) and
    the French World Bank report (a table of projections with long row labels, decimal points)."""
    from tests.corpus import corpus_pdf, text_dump

    imf = split_pages(text_dump(corpus_pdf("imf-financial-operations-general-department-2001"), range(48, 53)))
    lines = [ln for p in imf for ln in p.lines]
    rows = [ln for ln in lines if re.match(r"(Reserves|Free reserves|credit in good standing|outstanding) [\d.]+ ",
                                           ln.text)]
    assert len(rows) >= 4 and all(ln.is_table for ln in rows)
    assert not [ln for ln in lines if "These allocations have amounted to" in ln.text and ln.is_table]
    chad = split_pages(text_dump(corpus_pdf("worldbank-chad-scd-french-2015"), range(19, 24)))
    lines = [ln for p in chad for ln in p.lines]
    rows = [ln for ln in lines if re.match(r"(Indice des prix|Production de pétrole|VAN de la dette)", ln.text)
            and re.search(r"\d\.\d \S+ \S+ \S+$", ln.text)]
    assert len(rows) >= 3 and all(ln.is_table for ln in rows)


@pytest.mark.corpus
def test_a_table_beside_the_text_in_a_dump_leaves_its_sentences_whole():
    """World Bank spreads: a table of household services set beside two columns of text, the
    dump interleaving their lines and gluing a row's cells to the end of a line of text; and a
    chart's ticks glued to the start of one."""
    from tests.corpus import corpus_pdf, text_dump

    doc = repair_text(text_dump(corpus_pdf("worldbank-turkey-scd-spreads-2016"), range(24, 29)))
    text = body_text(doc)
    assert "For example, 90 percent or more of the poor have access to piped water, toilet," in text
    assert "even though at 36 percent the rural headcount poverty rate" in text
    assert not re.search(r"\b(?:99 99 99|37 2 39 10|3,000 7,000)\b", text)


@pytest.mark.parametrize(("line", "expected"), [
    ("requires approval by a 70percent majority", "requires approval by a 70 percent majority"),
    ("SDR 2.7 billion ($3.7billion).", "SDR 2.7 billion ($3.7 billion)."),
    ("set at 300basis points, never below 25–30percent.", "set at 300 basis points, never below 25–30 percent."),
    # what typesetting glues to a number on purpose, and web addresses, stay as they are
    ("in the 1990s, 5km, 10am, the 3rd, G20years", "in the 1990s, 5km, 10am, the 3rd, G20years"),
    ("https://example.org/22seabed-mining/top%2050%20container", "https://example.org/22seabed-mining/top%2050%20container"),
])
def test_a_number_glued_to_the_word_after_it_is_set_apart(line: str, expected: str) -> None:
    assert unglue_number_words(line) == expected


@pytest.mark.corpus
def test_a_dump_of_tightly_spaced_text_reads_its_percentages(tmp_path):
    """IMF pamphlet: pdfplumber's text of its pages glues numbers to "percent" ("a 70percent
    majority"), which the PDF backend reads as two words; the dump's claims are the PDF's."""
    from tests.corpus import corpus_pdf, text_dump

    tables = _process(tmp_path, "imf", text_dump(corpus_pdf("imf-financial-operations-general-department-2001"),
                                                  range(20, 23)))
    claims = {(c["surface"], c["unit"]) for c in tables["claims"]}
    assert {("70 percent", "percent"), ("25 percent", "percent"), ("100 percent", "percent")} <= claims


def test_short_lines_of_a_label_and_a_figure_one_under_another_are_a_chart():
    """A chart's data labels, one a line under the text ("Wafers 367 GW"), are no running text;
    a numbered heading alone between paragraphs is left to the body."""
    labels = ["Wafers 367 GW", "Celdas 409 GW", "Módulos 461 GW", "Palas 98 GW"]
    lines = [*body_lines(3), "2.1 Methods", *body_lines(2, 10), *labels, *body_lines(2, 20)]
    flagged = find_charts(lines, list(range(len(lines))), long_line=200.0)
    assert [lines[i] for i in sorted(flagged)] == labels


@pytest.mark.corpus
def test_a_charts_labelled_values_in_a_dump_give_no_claims(tmp_path):
    """Fundar (Spanish): a bar chart's bars labelled with their capacities ("Wafers 367 GW",
    "Celdas 409 GW", ...), one a line, between the body's paragraphs; the PDF backend knows them
    for a chart's text, the dump read them as body."""
    from tests.corpus import corpus_pdf, text_dump

    tables = _process(tmp_path, "fundar-es", text_dump(corpus_pdf("fundar-argentina-climate-change-spanish-2024"),
                                                       range(12, 15)))
    surfaces = {c["surface"] for c in tables["claims"]}
    assert not surfaces & {"367 GW", "409 GW", "461 GW", "98 GW", "100 GW", "88 GW"}
    assert {"25%", "60%", "40%"} <= surfaces  # the paragraph above the chart


@pytest.mark.corpus
def test_opm_contents_with_spaced_leaders_glued_to_their_page_numbers_gives_no_claims(tmp_path):
    """OPM: a contents page in two columns whose spaced leaders end glued to the page number
    ("Purpose and Scope . . . . . .9"), and in the dump, the two columns' entries on one line
    ("OPM Overview . . . . .6 Major Management Priorities"). Its page numbers were claims
    (".60 OPM's Strategic Framework", ".58") on both paths."""
    from tests.corpus import corpus_pdf, text_dump

    pdf = corpus_pdf("opm-annual-performance-report-fy2019")
    dump = tmp_path / "opm.txt"
    dump.write_text(text_dump(pdf, range(1, 4)), encoding="utf-8")
    for path in (dump, pdf):
        tables = _process_path(path)
        assert [c["surface"] for c in tables["claims"] if c["page"] <= 2] == [], path.suffix


@pytest.mark.corpus
def test_jct_table_rows_led_to_their_cells_by_dots_give_no_claims(tmp_path):
    """JCT: a revenue table set as lines whose label dots lead to the cells ("(sunset 12/31/21)
    ........ DOE -469 453 --- ..."), under the notes page's estimates too; the PDF path kept them
    out, the dump gave 17 claims of their cells."""
    from tests.corpus import corpus_pdf, text_dump

    tables = _process(tmp_path, "jct", text_dump(corpus_pdf("jct-revenue-effects-consolidated-appropriations-2020")))
    leader_claims = [c["surface"] for c in tables["claims"] if "....." in c["sentence"]]
    assert leader_claims == []
    assert len(tables["claims"]) <= 3


def _process_path(path):
    from extractor.pipeline import ExtractionConfig, process_report

    result = process_report(path, ExtractionConfig(model="none"))
    assert result.status == "ok", result.error
    return result.tables


@pytest.mark.corpus
def test_contents_pages_without_leaders_give_no_claims(tmp_path):
    """Contents pages whose entries no entry rule reads all of: GAO's contents and list of tables
    and figures ("DOE Is Narrowing Its R&D Focus 11 Advanced ...", "Figure 6: Number of States
    Using Each of 12 Renewable Standards, ... 45"), Fundar's index with the page numbers first
    ("27 Comparing public regulation"). Their numbers were claims on one path or both."""
    from tests.corpus import corpus_pdf, text_dump

    gao = corpus_pdf("gao-doe-advanced-energy-technologies-2006")
    dump = tmp_path / "gao.txt"
    dump.write_text(text_dump(gao, range(1, 9)), encoding="utf-8")
    lithium = corpus_pdf("fundar-lithium-mining-rules-argentina-2024")
    # (the dump's list of tables and figures on page 4 is one unit with the copyright notice
    # under it: not yet kept out)
    for path, contents_pages in ((dump, (3,)), (gao, (3, 4)), (lithium, (4,))):
        claims = _process_path(path)["claims"]
        assert [c["surface"] for c in claims if c["page"] in contents_pages] == [], path.name


@pytest.mark.corpus
def test_numbered_paragraphs_above_a_note_block_are_no_notes(tmp_path):
    """World Bank Chad (French): paragraphs numbered "63. Le secteur ...", "64. Le secteur ..."
    stand above a page's note block that opens with note 64; their numbers are the notes' but do
    not run on into the block, so they stay body and notes 64-66 resolve to the block's notes."""
    from tests.corpus import corpus_pdf, text_dump

    text = text_dump(corpus_pdf("worldbank-chad-scd-french-2015"), range(42, 44))
    tables = _process(tmp_path, "chad", text)
    assert sorted(n["marker"] for n in tables["notes"]) == ["62", "63", "64", "65", "66"]
    cits = {c["marker"]: c["note_text"] for c in tables["citations"]}
    assert cits["64"].startswith("Source : Koussou") and cits["66"].startswith("Tout en étant")


@pytest.mark.corpus
@pytest.mark.parametrize("name, page, marker, cited_end", [
    ("gao-doe-advanced-energy-technologies-2006", 41, "29", "other forms of generating electricity."),
    ("worldbank-chad-scd-french-2015", 42, "62", "détruits en une seule mauvaise saison."),
    ("gao-wic-infant-formula-breastfeeding-briefing-2006", 34, "17", "found lower breastfeeding rates."),
])
def test_note_number_set_apart_after_a_full_stop_is_a_marker(tmp_path, name, page, marker, cited_end):
    """A superscript note number the dump sets apart after a sentence's full stop, before the next
    sentence ("electricity. 29 Both studies concluded"), or glued to both ("rates.17Mothers
    receiving"), cites that page's note."""
    from tests.corpus import corpus_pdf, text_dump

    tables = _process(tmp_path, "dump", text_dump(corpus_pdf(name), range(page - 1, page + 1)))
    cits = {c["marker"]: c for c in tables["citations"]}
    assert cits[marker]["resolved"] and cits[marker]["cited_sentence"].endswith(cited_end)


@pytest.mark.corpus
def test_notes_of_a_page_set_in_two_columns(tmp_path):
    """IMF GFSR: two columns, whose lines the dump joins, with notes at the foot of each; a
    second column's note opens inside a line ("... leading to pass-through 7After a brief
    period"), may stand above the first column's notes, and the first column may hold notes while
    the second still holds body (its markers "panel 5).10,11" stay body). Every note of pages
    2-8 is found and cited, with its own first words."""
    from tests.corpus import corpus_pdf, text_dump

    text = text_dump(corpus_pdf("imf-gfsr-chapter1-shifting-ground-2025"), range(2, 9))
    tables = _process(tmp_path, "gfsr", text)
    cits = {c["marker"]: c["note_text"] for c in tables["citations"] if c["resolved"]}
    assert set(cits) == {str(k) for k in range(1, 16)}
    assert cits["7"].startswith("After a brief period of outflows in April")
    assert cits["11"].startswith("In some cases (for example, the Taiwan dollar)")
    assert cits["15"].startswith("This high concentration comes alongside")
    assert cits["6"].startswith("The Magnificent 7 companies")


@pytest.mark.corpus
def test_a_wrapped_line_opening_with_a_count_above_a_continued_note_is_no_note(tmp_path):
    """IMF GFSR p21: a note's wrapped line "29 countries, accounting for 74 percent ..." stands
    above the block, whose top lines continue a note before note 29 ("Central banks react ...");
    the run "29" does not lead into the block's first numbered note, so it is no note 29."""
    from tests.corpus import corpus_pdf, text_dump

    tables = _process(tmp_path, "gfsr", text_dump(corpus_pdf("imf-gfsr-chapter1-shifting-ground-2025"), range(20, 22)))
    notes = [n for n in tables["notes"] if n["marker"] == "29"]
    assert [n["note_text"][:20] for n in notes] == ["Central banks react "]


@pytest.mark.corpus
def test_a_number_with_a_space_before_its_decimal_point_holds_no_marker(tmp_path):
    """OPM: "Strategic Objective 1 .1: Drive ..." (the dump's space inside "1.1") is no note 1
    glued to a full stop, so the numbered list "1. Eligibility of Employees ..." at the page
    foot is no note block: the report has no notes."""
    from tests.corpus import corpus_pdf, text_dump

    tables = _process(tmp_path, "opm", text_dump(corpus_pdf("opm-annual-performance-report-fy2019"), range(31, 33)))
    assert tables["notes"] == [] and tables["citations"] == []


@pytest.mark.corpus
def test_notes_alike_on_several_pages_are_no_running_footers(tmp_path):
    """Fundar lithium: notes that only cite a requirement ("63 Requirement 1.2.2.1.", "67
    Requirement 1.2.2.3.") end several pages alike, as a running footer would; the note block
    the dump's zoning found keeps them notes, cited from the body."""
    from tests.corpus import corpus_pdf, text_dump

    tables = _process(tmp_path, "fundar", text_dump(corpus_pdf("fundar-lithium-mining-rules-argentina-2024"), range(20, 27)))
    cits = {c["marker"]: c["note_text"] for c in tables["citations"] if c["resolved"]}
    assert cits["63"] == "Requirement 1.2.2.1." and cits["64"] == "Requirement 1.2.2.2."
    assert cits["67"] == "Requirement 1.2.2.3."


@pytest.mark.corpus
def test_note_number_glued_to_a_section_number(tmp_path):
    """Fundar lithium p23: "the requirement in 1.2.2.160 that engagement" is requirement 1.2.2.1
    and note 60 (the section number's parts are one digit wide)."""
    from tests.corpus import corpus_pdf, text_dump

    tables = _process(tmp_path, "fundar", text_dump(corpus_pdf("fundar-lithium-mining-rules-argentina-2024"), range(22, 24)))
    cits = {c["marker"]: c for c in tables["citations"]}
    assert cits["60"]["resolved"] and "the requirement in 1.2.2.1 that engagement" in cits["60"]["cited_sentence"]


@pytest.mark.corpus
def test_notes_of_a_spreads_two_pages_are_one_block(tmp_path):
    """World Bank Turkey, printed as spreads: a PDF page holds two printed pages side by side, the
    right one's notes 13 and 14 set above the left one's note 12 in the dump's joined lines.
    Each run numbers on into the other, so all three are the page's notes, each cited."""
    from tests.corpus import corpus_pdf, text_dump

    tables = _process(tmp_path, "turkey", text_dump(corpus_pdf("worldbank-turkey-scd-spreads-2016"), range(32, 35)))
    cits = {c["marker"]: c["note_text"] for c in tables["citations"] if c["resolved"]}
    assert cits["12"].startswith("Current per capita GDP") and cits["13"].startswith("Population data")
    assert cits["14"].startswith("Education projections data")


@pytest.mark.corpus
def test_a_charts_period_labels_hold_no_markers(tmp_path):
    """IMF GFSR p33-34 (read from p2, where the notes begin): a chart's quarter labels the dump keeps among the text ("1Q:42 2Q:42 ...")
    are no note 42 glued to a colon; note 42 is cited once, from its sentence."""
    from tests.corpus import corpus_pdf, text_dump

    tables = _process(tmp_path, "gfsr", text_dump(corpus_pdf("imf-gfsr-chapter1-shifting-ground-2025"), range(2, 35)))
    cited = [c["cited_sentence"] for c in tables["citations"] if c["marker"] == "42"]
    assert len(cited) == 1 and cited[0].endswith("during periods of stress.")


@pytest.mark.corpus
def test_a_note_above_a_block_with_a_note_lost_between_is_still_a_note(tmp_path):
    """Fundar lithium PDF p26: "74 Requirements 2.2.5.1 and 2.2.5.3.", outside the note zone
    the PDF backend found, above note 76 (note 75, alike on several pages, went for a running
    line): its number stays below the block's, so it is a note, cited."""
    from extractor.pipeline import ExtractionConfig, process_report
    from tests.corpus import corpus_pdf

    result = process_report(corpus_pdf("fundar-lithium-mining-rules-argentina-2024"), ExtractionConfig(model="none"))
    cits = {c["marker"]: c["note_text"] for c in result.tables["citations"] if c["resolved"]}
    assert cits["74"] == "Requirements 2.2.5.1 and 2.2.5.3."
