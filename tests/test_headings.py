"""Headings and the section tree in other house styles: real reports of the development corpus
(PDF, read from its typography, and a user's text dump of it, read from the shape of its lines),
and small dumps with the cases that used to go wrong (Roman and lettered numbering, a heading
wrapped over two lines, note lines, cover dates and captions taken for headings)."""
from __future__ import annotations

import pytest

from extractor.ingest.pdf_geometry import font_weight
from extractor.layout.headings import carries_on, is_caption, is_date_line, match_heading, not_a_heading, without_ellipsis
from extractor.pipeline import load_document
from tests.corpus import corpus_pdf, layout_dump, text_dump
from tests.test_layout import repair_text

HORMUZ = [  # the CRS report's headings as its contents list gives them
    "Introduction", "Control of the Strait", "Inbound and Outbound Ships", "Food and Animal Feed",
    "Steel and Construction Materials", "Automobiles", "Oil and Gas Byproducts", "Jones Act Waiver",
    "National Security Fleets", "Author Information", "Disclaimer"]
BEA = [  # bold headings set in the body size
    "COVID-19 Impact on First-Quarter 2021 GDP", "Sources of Revision to Real GDP", "Prices",
    "Gross Domestic Income and Corporate Profits", "Updates to Fourth-Quarter Wages and Salaries",
    "Federal Government Economic Response to the COVID-19 Pandemic",
    "Looking Ahead: 2021 Annual Update of the National Economic Accounts", "More Information"]
FUNDAR = [  # headings in sentence case, larger but not bolder than the body; back matter
    "Introduction", "The different eras of industrial policy", "Five reasons behind the revival of industrial policy",
    "The new consensus on industrial policy", "References", "About the authors", "Fundar Team"]


def titles(doc) -> list[str]:
    return [s.title for s in doc.sections]


_DOCS: dict[tuple[str, str], object] = {}


def corpus_doc(name: str, kind: str, tmp_path_factory):
    """A corpus report, repaired, as a PDF or as a user's text dump of it (``text``: pdfplumber's,
    ``layout``: pdftotext's with the layout kept), read once per run."""
    if (name, kind) not in _DOCS:
        pdf = corpus_pdf(name)
        path = pdf
        if kind in ("text", "layout"):
            path = tmp_path_factory.mktemp("dumps") / f"{name}.txt"
            path.write_text((text_dump if kind == "text" else layout_dump)(pdf), encoding="utf-8")
        _DOCS[(name, kind)] = load_document(path)
    return _DOCS[(name, kind)]


# --- the development corpus -------------------------------------------------------------------

@pytest.mark.corpus
@pytest.mark.parametrize("kind", ["pdf", "text"])
def test_crs_headings_in_the_pdf_and_the_dump(kind, tmp_path_factory):
    doc = corpus_doc("crs-strait-of-hormuz-shipping-2026", kind, tmp_path_factory)
    assert titles(doc) == HORMUZ
    if kind == "pdf":  # 18 pt chapters, 14 pt sections under them
        levels = {s.title: s.level for s in doc.sections}
        assert [levels[t] for t in HORMUZ[:9]] == [1, 1, 1, 2, 2, 2, 2, 1, 1]
        food = doc.sections[3]
        assert food.parent_id == doc.sections[2].section_id


@pytest.mark.corpus
@pytest.mark.parametrize("kind", ["pdf", "text"])
def test_bold_body_size_headings_and_no_cover_date_or_signature(kind, tmp_path_factory):
    doc = corpus_doc("bea-gdp-q1-technical-note-2021", kind, tmp_path_factory)
    assert titles(doc) == BEA
    assert all(s.level == 1 for s in doc.sections)
    # the bold cover date "May 27, 2021" and the signature block are not headings
    assert not {"May 27, 2021", "Erich H. Strassner", "Bureau of Economic Analysis"} & set(titles(doc))


@pytest.mark.corpus
def test_larger_sentence_case_headings_not_figure_titles_or_front_matter(tmp_path_factory):
    doc = corpus_doc("fundar-industrial-policy-renaissance-2024", "pdf", tmp_path_factory)
    assert titles(doc) == FUNDAR
    # figure titles (set larger and heavier too, but above a chart), the margin links to the
    # next section (6 pt), the pull quote and the front matter before the index are not headings
    found = " | ".join(titles(doc))
    for text in ("Total number of industrial policy interventions", "Spending on industrial policy",
                 "About Fundar", "Acknowledgments", "Suggested citation", "underscored the importance"):
        assert text not in found


@pytest.mark.corpus
def test_sentence_case_headings_of_a_dump_found_through_its_contents_list(tmp_path_factory):
    doc = corpus_doc("fundar-industrial-policy-renaissance-2024", "text", tmp_path_factory)
    assert titles(doc)[:5] == FUNDAR[:5]
    assert "About Fundar" not in titles(doc)  # front matter, before the index


@pytest.mark.corpus
def test_side_headings_in_the_margin_stand_apart_from_the_text_beside_them(tmp_path_factory):
    doc = corpus_doc("gao-doe-advanced-energy-technologies-2006", "pdf", tmp_path_factory)
    found = titles(doc)
    assert {"Results in Brief", "Background", "Conclusions", "Agency Comments"} <= set(found)
    assert ("DOE’s Budget Authority for Renewable, Fossil, and Nuclear Energy R&D Has Declined by over 85 "
            "Percent in Real Terms Since 1978; DOE Is Narrowing Its R&D Focus") in found
    # a margin heading's last line holding only a year is the heading's, not a chart's tick
    assert ("DOE’s Budget Authority for Renewable, Fossil, and Nuclear Energy R&D Has Substantially "
            "Fallen Since 1978") in found
    body = "\n".join(b.text for b in doc.body_blocks())
    assert "Results in Brief Despite" not in body
    assert "\nDespite growing dependence on foreign energy sources" in body
    level = {s.title: s.level for s in doc.sections}
    assert level["Results in Brief"] == 1 and level["Minnesota’s Ethanol Program"] > 1


@pytest.mark.corpus
def test_side_headings_a_dump_glued_to_their_text_are_cut_off_it(tmp_path_factory):
    """pdfplumber writes a side heading level with its paragraph's first line at that line's
    start: the contents list (or a matter word) tells where the heading ends."""
    doc = corpus_doc("gao-doe-advanced-energy-technologies-2006", "text", tmp_path_factory)
    assert {"Results in Brief", "Background", "Conclusions", "Agency Comments"} <= set(titles(doc))
    body = "\n".join(b.text for b in doc.body_blocks())
    assert "Results in Brief Despite" not in body and "Background For the past" not in body
    assert "\nDespite growing dependence on foreign energy sources" in body


@pytest.mark.corpus
def test_small_side_headings_display_titles_and_a_long_title_in_the_pdf(tmp_path_factory):
    """GAO: 12 pt side headings beside 11 pt text stand apart ("Ethanol", "Wind"); an appendix's
    27 pt title is read apart from the 8 pt running head printed level with it, and its two
    parts make one title; a long title naming its subject three times is no table row."""
    doc = corpus_doc("gao-doe-advanced-energy-technologies-2006", "pdf", tmp_path_factory)
    found = titles(doc)
    assert {"Ethanol", "Wind", "Solar", "Hydropower", "Coal", "Wind and Solar"} <= set(found)
    assert "Appendix IV: Three States’ Initiatives to Stimulate the Use of Renewable Energy Technologies" in found
    assert "Appendix II: Scope and Methodology" in found
    # a display title above a table, and one whose last word the running head beside it spells
    assert "Appendix I: Estimated Federal Tax Expenditures Targeted at Energy Suppliers and Users, Fiscal Year 2006" in found
    assert "Appendix VI: GAO Contact and Staff Acknowledgments" in found and "Acknowledgments" not in found
    assert any(t.startswith("DOE’s Nuclear R&D Goals Recently Have Focused on Restarting") for t in found)
    body = "\n".join(b.text for b in doc.body_blocks())
    assert "Ethanol DOE’s ethanol" not in body and "\nDOE’s ethanol R&D program" in body
    level = {s.title: s.level for s in doc.sections}
    assert level["Background"] == 1 and level["Ethanol"] == 3


@pytest.mark.corpus
def test_scattered_side_heading_of_a_dump_put_together_from_the_contents(tmp_path_factory):
    """GAO as a text dump: a side heading of nine lines comes out scattered among its text's
    lines ("Authority for", "Renewable, Fossil, authority peaked ..."); the contents list gives
    the whole title, wrapped over three of its lines."""
    doc = corpus_doc("gao-doe-advanced-energy-technologies-2006", "text", tmp_path_factory)
    title = ("DOE’s Budget Authority for Renewable, Fossil, and Nuclear Energy R&D Has Declined by over 85 "
             "Percent in Real Terms Since 1978; DOE Is Narrowing Its R&D Focus")
    assert title in titles(doc)
    assert "Recommendation to the Congress" in titles(doc)
    body = "\n".join(b.text for b in doc.body_blocks())
    assert "DOE’s budget authority for renewable, fossil, and nuclear energy R&D dropped from $5.5 billion" in body
    assert "Authority for in fiscal year" not in body and "Renewable, Fossil, authority" not in body


def test_a_side_heading_line_ends_on_its_figure_and_a_name_goes_on_in_the_text():
    """Where a side heading's line is glued before a line of text, the cut leaves the text a line
    of the column's width; a line of text seldom opens with a bare number ("Generate 10" is the
    heading's), and opens with a capital where the line above ends on "the" ("German
    electricity market" is the text's)."""
    from extractor.layout.side_lines import _part

    width = 71.0
    assert _part("Technologies Generate 10 Act to accelerate the growth of renewable energy technologies in the",
                 width) == len("Technologies Generate 10")
    line = "Percent of Its Electricity German electricity market. It amended the act in 2004 to increase country"
    assert _part(line, width, goes_on=True) == len("Percent of Its Electricity")
    # a heading's line that ended open ("... Gasification Plant in") goes on before a line of text
    # no wider than the column
    line = "1997 Puertollano, Spain, to improve the efficiency, cost, and environmental"
    assert _part(line, width) == 0 and _part(line, width, open_end=True) == len("1997")


def test_a_year_alone_under_a_side_headings_line_is_the_headings_not_a_charts():
    """A number alone between lines of running text is a chart's tick, but a year a line or
    two under a short line in title case is the end of a side heading the dump scattered
    among the text ("Substantially Fallen Since" / text / "1978")."""
    from extractor.ingest.text_zones import find_charts

    text = ["expenditures fell from about 20 percent in the late 1970s to less than 5",
            "Substantially Fallen Since",
            "percent in fiscal year 2006, according to the American Association for the",
            "1978",
            "Advancement of Science. More recently, total budget authority for the",
            "launched in the late summer, the programme reached the first villages by",
            "70",
            "the end of that year, when the second phase of the work began in earnest."]
    assert find_charts(text, list(range(len(text))), 76.0) == {6}


@pytest.mark.corpus
@pytest.mark.parametrize("kind", ["pdf", "text"])
def test_sentence_case_and_labelled_headings_of_a_world_bank_overview(kind, tmp_path_factory):
    """World Bank: 14 pt headings in sentence case wrapped over two lines, "Pathway 2: ..."
    headings, "Selected bibliography"; a sidebar's "Key Findings" and pull quotes are not."""
    doc = corpus_doc("worldbank-cambodia-scd-overview-2017", kind, tmp_path_factory)
    found = titles(doc)
    assert "Risks stemming from rapid credit growth and natural resource degradation could affect economic " \
           "sustainability" in found
    assert "Pathway 2: Building human assets to facilitate economic mobility and shared prosperity" in found
    assert {"Acknowledgements", "Overview", "Selected bibliography"} <= set(found)
    assert not [t for t in found if "Key Findings" in t or t.startswith(("“", "Box", "Table", "Figure"))]


@pytest.mark.corpus
def test_headings_of_a_dump_that_keeps_the_layout(tmp_path_factory):
    """``pdftotext -layout``: blank lines between a heading and its paragraph, and the rows of
    a table of names and roles ("Agriculture     Steve Jaffee, ...") between blank lines, which
    are no headings (before: 8 spurious headings of 16 on this report, 12 of 18 missing a blank
    line's tolerance)."""
    doc = corpus_doc("worldbank-cambodia-scd-overview-2017", "layout", tmp_path_factory)
    found = titles(doc)
    assert "Pathway 2: Building human assets to facilitate economic mobility and shared prosperity" in found
    assert {"Acknowledgements", "Selected bibliography"} <= set(found)
    assert not [t for t in found if t.startswith(("Director", "Agriculture", "Governance", "Statistical Capacity"))]
    fundar = titles(corpus_doc("fundar-industrial-policy-renaissance-2024", "layout", tmp_path_factory))
    assert {"Introduction", "The different eras of industrial policy", "The new consensus on industrial policy",
            "References"} <= set(fundar)


@pytest.mark.corpus
def test_appendix_heading_above_a_table_caption(tmp_path_factory):
    doc = corpus_doc("crs-highway-bridges-funding-2026", "pdf", tmp_path_factory)
    found = titles(doc)
    assert "Appendix." in found and not [t for t in found if t.startswith("Table")]
    assert "Francis Scott Key Bridge (Maryland)" in found  # 12 pt bold italic under a 12 pt bold heading


@pytest.mark.corpus
def test_headings_in_another_size_are_units_of_their_own_and_a_title_goes_on_over_a_page(tmp_path_factory):
    """OPM: "KEY FUNCTIONS" (13 pt capitals) above "Human Capital Management Leadership" (12 pt
    bold) are two headings; "OPM's Strategic" at a page's foot goes on as "Framework" overleaf."""
    doc = corpus_doc("opm-annual-performance-report-fy2019", "pdf", tmp_path_factory)
    found = titles(doc)
    assert {"KEY FUNCTIONS", "Human Capital Management Leadership", "OPM’s Strategic Framework"} <= set(found)
    assert "Framework" not in found


@pytest.mark.corpus
@pytest.mark.slow
def test_french_report_headings_and_numbered_paragraphs(tmp_path_factory):
    doc = corpus_doc("worldbank-chad-scd-french-2015", "pdf", tmp_path_factory)
    found = titles(doc)
    assert found[:3] == ["CONTEXTE DU PAYS", "Population et géographie", "Gouvernance et fragilité"]
    assert [s.level for s in doc.sections[:3]] == [1, 2, 2]
    assert "REFERENCES BIBLIOGRAPHIQUES" in found
    # numbered paragraphs opening with a bold sentence are not headings
    assert not [t for t in found if t[:1].isdigit()]
    dump = corpus_doc("worldbank-chad-scd-french-2015", "text", tmp_path_factory)
    assert {"Population et géographie", "Gouvernance et fragilité"} <= set(titles(dump))


# --- dumps in other house styles ----------------------------------------------------------------

def un_style_dump(marker: bool = True) -> str:
    """A dump as pdfplumber makes one (no blank line inside a page): Roman chapters, lettered
    sections, one wrapped over two lines, a cover date, a figure caption, a note at the foot."""
    cover = "\n".join(["Situation in South Sudan", "Report of the Secretary-General", "16 June 2025"])
    page1 = "\n".join([
        "I. Introduction",
        "The present report is submitted pursuant to resolution 2729 (2024), in which the Security",
        "Council requested me to report on the implementation of the mandate every 90 days. It covers",
        f"developments from 1 March to 31 May 2025.{'24' if marker else ''}",
        "II. South Sudan",
        "A. Key development issues in the",
        "region",
        "The economic situation deteriorated further during the period. Inflation reached 104 per",
        "cent in April, driven by the depreciation of the currency and the disruption of oil exports",
        "through the pipeline to Port Sudan.",
        "Figure 3: Food insecurity by state",
        "Source: World Food Programme.",
        "24 Data from Institut National de la Statistique et des Etudes Economiques",
    ])
    page2 = "\n".join([
        "B. Humanitarian situation",
        "Some 9.3 million people, or 69 per cent of the population, needed humanitarian assistance in",
        "2025. Cholera cases rose to 48,000 by the end of May, with 890 deaths recorded in 11 states.",
        "III. Observations",
        "I remain concerned about the slow pace of implementation of the Revitalized Agreement on the",
        "Resolution of the Conflict in the Republic of South Sudan, and I call on the parties to act.",
    ])
    return "\n\n".join([cover, page1, page2])


CBO = [  # question headings that an ellipsis carries on from the one above, centred across both columns
    "What\u2019s the Difference Between . . .", ". . . Budget Authority, Obligations, and Outlays?",
    ". . . Authorization Acts and Appropriation Acts?", ". . . Discretionary and Mandatory Spending?",
    ". . . Rescissions and Reappropriations?",
    ". . . Cash Accounting, Accrual Accounting, and Fair-Value Accounting?",
    ". . . Revenues, Offsetting Collections, and Offsetting Receipts?", ". . . Deficit and Debt?",
    ". . . On-Budget and Off-Budget?", ". . . Cost Estimates, Dynamic Analysis, and Scorekeeping?",
    ". . . Calendar Year and Federal Fiscal Year?"]


@pytest.mark.corpus
@pytest.mark.parametrize("kind", ["pdf", "text"])
def test_headings_an_ellipsis_carries_on_and_headings_across_the_gutter(kind, tmp_path_factory):
    """CBO's guide (a test report until its one scoring, now development): each question heading
    opens with the ellipsis that ends the heading above it. In the PDF they are centred over two
    columns, and a gap between their words falls in the gutter; in the dump the running head is
    printed mirrored on facing pages, and each page's two columns spliced line by line
    (:mod:`extractor.ingest.text_seams`): a heading set across them may land in the wrong band."""
    doc = corpus_doc("cbo-common-budgetary-terms-2021", kind, tmp_path_factory)
    assert titles(doc) == CBO if kind == "pdf" else sorted(titles(doc)) == sorted(CBO)
    if kind == "pdf":
        assert [s.level for s in doc.sections] == [1] + [2] * 10


UN_SECTIONS = [("I", "Introduction", 1), ("II", "South Sudan", 1), ("A", "Key development issues in the region", 2),
               ("B", "Humanitarian situation", 2), ("III", "Observations", 1)]


def test_roman_and_lettered_headings_inside_running_lines():
    doc = repair_text(un_style_dump())
    assert [(s.number, s.title, s.level) for s in doc.sections] == UN_SECTIONS
    assert doc.sections[2].parent_id == doc.sections[1].section_id  # A. under II.
    assert doc.sections[4].parent_id is None
    assert [n.marker for n in doc.notes] == ["24"]


def test_a_note_line_that_is_not_recognised_as_a_note_is_still_no_heading():
    """Without its marker in the text the note stays body text; numbered 24 with no 23 before
    it, it is not taken for a heading either."""
    doc = repair_text(un_style_dump(marker=False))
    assert [(s.number, s.title, s.level) for s in doc.sections] == UN_SECTIONS


def test_units_between_blank_lines_dates_captions_and_notes_are_no_headings():
    text = "\n\n".join([
        "Situation in South Sudan", "16 June 2025", "Contents",
        "I. Introduction ........ 1", "II. South Sudan ........ 2",
        "I. Introduction",
        "The present report covers developments from 1 March to 31 May 2025, as the Council requested.",
        "II. South Sudan",
        "Key Development Issues",
        "Inflation reached 104 per cent in April, driven by the depreciation of the currency.",
        "Figure 3: Food insecurity by state",
        "Source: World Food Programme.",
        "24 Data from Institut National de la Statistique et des Etudes Economiques",
        "Table 2. Cholera cases by state",
        "Some 9.3 million people needed humanitarian assistance in 2025, the cluster reported.",
    ])
    doc = repair_text(text)
    assert [(s.number, s.title, s.level) for s in doc.sections] == [
        ("I", "Introduction", 1), ("II", "South Sudan", 1), ("", "Key Development Issues", 1)]


def test_cover_lines_of_a_dump_are_no_headings():
    """A title page without a contents list: the lines in capitals or title case above the first
    paragraph of running text are the cover's; the numbered heading right above it is kept."""
    cover = "\n".join(["CONTAINS CONFIDENTIAL", "INFORMATION", "INTERNATIONAL MONETARY FUND", "ARGENTINA",
                       "Staff Report for the 1981 Article IV Consultation",
                       "Prepared by the Western Hemisphere Department",
                       "(In consultation with the Exchange and Trade, Research,",
                       "Legal, and Treasurer's Departments)", "December 1, 1981", "I. Introduction",
                       "The 1981 Article IV consultation discussions with Argentina were conducted in",
                       "Buenos Aires in the period August 27-September 16, 1981. The representatives of",
                       "Argentina in these discussions included the Ministers of Economy and Finance."])
    doc = repair_text(cover)
    assert [(s.number, s.title) for s in doc.sections] == [("I", "Introduction")]


def test_side_headings_glued_to_the_first_line_of_their_paragraph():
    contents = "\n".join(["Contents", "Letter 1", "Results in Brief 3", "Background 4", "Agency Comments 5"])
    page = "\n".join([
        "The committee asked us to examine the department's research programs and their budgets over",
        "the past three decades, and we did so between October 2005 and October 2006.",
        "Results in Brief Despite growing dependence on foreign energy sources, the department's research",
        "budget declined by over 85 percent in real terms between fiscal years 1978 and 2005.",
        "Background For the past several decades, the country has enjoyed relatively inexpensive and",
        "plentiful energy supplies, relying on market forces to determine the energy mix it uses.",
    ])
    doc = repair_text(contents + "\n\n" + page)
    assert titles(doc) == ["Results in Brief", "Background"]
    body = [b.text for b in doc.body_blocks() if b.kind.value == "paragraph"]
    assert any(t.startswith("Despite growing dependence") for t in body)
    assert any(t.startswith("For the past several decades") for t in body)


def test_sentence_case_heading_by_its_shape_and_what_is_not_one():
    """A heading in sentence case, wrapped over two short lines, between a paragraph's end and a
    paragraph's full first line; a short line inside a paragraph, or above a short line, is not."""
    full = "The government has expanded access to primary schools in every province over the decade,"
    text = "\n".join([
        full, "and enrolment rates have risen in rural and urban districts alike across the country.",
        "Risks stemming from rapid credit growth and natural",
        "resource degradation could affect stability",
        "A number of rising risks could potentially affect the country's development path in the",
        "coming years, including exposure to household debt and a rapid expansion of credit.",
        "Household debt has grown quickly",
        "in recent years",
        "and lenders have expanded their portfolios in the provinces.",
    ])
    doc = repair_text(text)
    assert titles(doc) == ["Risks stemming from rapid credit growth and natural resource degradation could affect stability"]


def test_labelled_headings_and_titles_in_capitals_that_wrap_after_a_small_word():
    text = "\n".join([
        "The plan sets four goals and the objectives under each of them, with the measures used to track them.",
        "STRATEGIC GOAL 2: LEAD THE ESTABLISHMENT AND MODERNIZATION OF",
        "HUMAN CAPITAL INFORMATION TECHNOLOGY SYSTEMS",
        "Strategic Objective 2.1: Improve collection and analysis of data",
        "The agency built a data platform this year and began to publish workforce statistics every quarter for",
        "all agencies, with a public dashboard of hiring times and the results of the annual survey.",
    ])
    doc = repair_text(text)
    assert titles(doc) == ["STRATEGIC GOAL 2: LEAD THE ESTABLISHMENT AND MODERNIZATION OF HUMAN CAPITAL INFORMATION "
                           "TECHNOLOGY SYSTEMS", "Strategic Objective 2.1: Improve collection and analysis of data"]
    assert [s.number for s in doc.sections] == ["2", "2.1"]
    assert [s.level for s in doc.sections] == [1, 2]  # labels nest in the order the document uses them
    assert match_heading("Pathway 1: Increasing economic competitiveness").scheme == "label:pathway"
    assert match_heading("Figure 1: Labor productivity gains") is None  # a caption's label


def test_heading_wording_rules():
    assert is_date_line("16 June 2025") and is_date_line("Updated April 20, 2026") and is_date_line("2 Septembre 2015")
    assert not is_date_line("Outlook for 2025") and not is_date_line("Looking Ahead: 2021 Annual Update")
    assert is_caption("Figure 3: Food insecurity") and is_caption("Table A-1. Bridge Condition by State")
    assert is_caption("Source: World Food Programme.") and is_caption("Box 1.1. Global Real Estate Update")
    assert not is_caption("Figures of speech in policy") and not is_caption("Notes")
    for text in ("0 50 100 150 200", "2019-20 2020-21 2021-22", "Total SDA 2.8", "Guam NA NA NA NA", "98 GW",
                 "AUS DEU GBR JPN USA", "TR33 TRB1", "Agency Priority Goals . . . . . . .20", "List of Figures"):
        assert not_a_heading(text), text
    for text in ("Outlook for 2025", "NEW DEAL FOR ALL", "COVID-19 Impact on First-Quarter 2021 GDP", "PART III",
                 "Cash Accounting, Accrual Accounting, and Fair-Value Accounting"):  # a list of kinds, no table row
        assert not not_a_heading(text), text
    assert match_heading("II. South Sudan").scheme == "roman"
    assert match_heading("A. Key development issues").scheme == "letter"
    assert match_heading("C. Extension of Certain Other Provisions").scheme == "letter"  # C is a letter here
    assert match_heading("Chapter One: The Five-Year Transition").scheme == "division"
    assert match_heading("16 June 2025") is None and match_heading("Figure 3: Map of the region") is None


def test_an_ellipsis_carries_a_title_on_into_the_headings_under_it():
    assert carries_on("What\u2019s the Difference Between . . .") and carries_on("Where Next\u2026")
    assert not carries_on(". . . Deficit and Debt?") and not carries_on("Prices")
    assert without_ellipsis(". . . Deficit and Debt?") == "Deficit and Debt?"
    text = "\n".join([
        "Common Terms Explained", "",
        "This guide explains the differences between some common terms used in the budget.",
        "What\u2019s the Difference Between . . .",
        ". . . Deficit and Debt?",
        "The amount by which government outlays exceed revenues in a fiscal year is the deficit, and",
        "debt held by the public is what the government has borrowed over time to finance deficits.",
        "Under the Statutory Pay-As-You-Go Act of 2010 (often",
        "PAYGO), legislation that adds to the deficit over five or ten years triggers a sequestration.",
    ])
    doc = repair_text(text)
    assert titles(doc) == ["What\u2019s the Difference Between . . .", ". . . Deficit and Debt?"]  # not "... (often"


def test_a_subheading_that_recurs_under_several_headings_is_not_their_second_line():
    """Each heading the contents list gives stands above the same subheading ("Location and
    Scope"), which is not the end of a title wrapped over two lines."""
    from extractor.ingest.text import split_pages
    from extractor.layout.heading_lines import read_dump

    body = ("The standard regulates this subject in a chapter of its own, and new mines applying for certification must\n"
            "meet its requirements before they begin operations, while existing mines are given three years to comply.")
    heads = ("The Environmental and Social Impact Assessment", "Community and Stakeholder Engagement",
             "Free, Prior and Informed Consent")
    text = "\n".join(["Mining Standards Compared", "", "Contents", *[f"{t} {n}" for n, t in enumerate(heads, 2)], "",
                      "The report compares three standards on mining and what they require of mines.",
                      *[line for t in heads for line in (t, "Location and Scope", body)]])
    pages = split_pages(text)
    found = read_dump(pages).headings
    assert [(pages[p].lines[i].text, n) for (p, i), n in sorted(found.items())] == [
        (t, 1) for head in heads for t in (head, "Location and Scope")]


def test_a_heading_above_a_numbered_step():
    text = "\n".join([
        "Mining Rules Compared", "",
        "The closure plan of each company must be approved by the enforcement authority before exploitation begins.",
        "Step by Step: the Environmental Impact Assessment Procedure",
        "#1. Environmental Impact Report (EIR). The project's proponent submits an Environmental Impact Report in",
        "order to obtain an exploration or exploitation permit, and the report must contain a detailed description.",
    ])
    assert titles(repair_text(text)) == ["Step by Step: the Environmental Impact Assessment Procedure"]


def test_font_weights_from_font_names():
    assert font_weight("ABCDEF+Calibri-Bold") == 7 and font_weight("PalatinoLinotype-Bold") == 7
    assert font_weight("AktivGrotesk-Light") < font_weight("AktivGrotesk-Regular") < font_weight("AktivGrotesk-Medium")
    assert font_weight("GillSans-SemiBold") == 6 and font_weight("ProximaNova-Extrabld") == 8
    assert font_weight("TimesNewRomanPSMT") == font_weight("Century-Book") == 4


@pytest.mark.corpus
def test_side_headings_beside_label_value_lines_stay_headings(tmp_path_factory):
    """GAO's back page: margin headings in the style of the report's other side headings stand
    beside contact details ("Web site: ...", "Voice: (202) ...") that the text zones keep out of
    the running text as a table's; the margin heading still heads them."""
    doc = corpus_doc("gao-doe-advanced-energy-technologies-2006", "pdf", tmp_path_factory)
    found = titles(doc)
    assert {"To Report Fraud, Waste, and Abuse in Federal Programs", "Congressional Relations",
            "Public Affairs"} <= set(found)


@pytest.mark.corpus
def test_side_headings_a_dump_scattered_among_their_text_are_put_together(tmp_path_factory):
    """GAO's side headings stand in a margin column: the dump glues each of their lines to the
    start of the text line level with it, or sets it alone between two ("Denmark's Wind Energy
    Successive Danish ..." / "Generates 19 Percent of Its energy plans ..." / "Electricity the
    environment ..."). Put together from the shape of the lines, without the contents list."""
    doc = corpus_doc("gao-doe-advanced-energy-technologies-2006", "text", tmp_path_factory)
    found = set(titles(doc))
    assert {"Ethanol", "Wind", "Solar", "Coal", "Oil and Natural Gas", "Wind and Solar",
            "Denmark’s Wind Energy Generates 19 Percent of Its Electricity",
            "Brazil Has Displaced 40 Percent of Its Gasoline Consumption with Ethanol",
            "Renewable Energy Technologies Face a Variety of Technical and Deployment Barriers",
            "Minnesota’s Ethanol Program", "GAO’s Mission"} <= found
    body = "\n".join(b.text for b in doc.body_blocks())
    assert "Percent of Its energy plans" not in body and "Wind DOE’s wind" not in body
    assert "Successive Danish governments have committed to a series of national energy plans" in body


@pytest.mark.corpus
def test_labelled_headings_in_a_confirmed_style_head_a_table(tmp_path_factory):
    """OPM: a goal and an objective, labelled ("STRATEGIC GOAL 2:", "Strategic Objective 2 .1:")
    and set bold like the report's other headings, stand above a performance table rather than
    a paragraph; their label and style make them headings all the same."""
    doc = corpus_doc("opm-annual-performance-report-fy2019", "pdf", tmp_path_factory)
    found = titles(doc)
    assert ("Strategic Objective 2 .1: Improve collection and analysis of data to better inform human capital "
            "management decisions") in found
    assert sum(t.startswith("STRATEGIC GOAL 2: LEAD THE ESTABLISHMENT") for t in found) >= 2


def test_a_contents_title_may_end_with_a_full_stop_a_sentences_last_word_may_not():
    from extractor.ingest.text_zones import is_contents_title

    assert is_contents_title("Contents") and is_contents_title("Contents.") and is_contents_title("List of Tables:")
    assert not is_contents_title("index.")  # "... the volatility / index." wrapped onto a line of its own


@pytest.mark.corpus
def test_a_sentences_last_word_alone_is_no_contents_title(tmp_path_factory):
    """IMF GFSR: "index." alone on a line of page 7 (a sentence's last word) is no contents
    title, so the front matter does not run to page 7 and take the first headings with it
    ("Introduction" heads the two columns under the chapter's summary box on page 1)."""
    doc = corpus_doc("imf-gfsr-chapter1-shifting-ground-2025", "pdf", tmp_path_factory)
    found = titles(doc)
    assert found[:3] == ["Chapter 1 at a Glance", "Introduction", "Financial Market Developments and Asset Valuations"]


def test_full_line_length_is_the_body_lines_not_the_notes_or_unwrapped_lines():
    """A dump's full line is where its body lines cluster: notes set smaller (longer lines)
    and lines the dump did not wrap (pdftotext sometimes joins two) do not stretch it; a dump
    of one paragraph a line has no cluster, and its 90th percentile stands."""
    from extractor.layout.heading_lines import full_line_length

    body = [92, 95, 96, 97, 98, 99, 100, 101, 102, 90, 94, 97, 99, 100, 101] * 4
    wrapped = sorted(body + [30, 45, 60, 12, 20] * 6 + [130, 135, 140, 180, 190, 200] * 3)
    assert 99 <= full_line_length(wrapped) <= 102
    paragraphs = sorted([40 + 37 * k for k in range(30)])
    assert full_line_length(paragraphs) == paragraphs[int(0.9 * 29)]


def test_a_back_matter_title_that_opens_its_page_heads_it_whatever_follows():
    """"About the authors" at the top of a dump's page, over names and roles one a line, is a
    heading; the same words inside a paragraph's run of lines are not."""
    para = ("The province's rules on water use were reviewed in light of the new national standard, and the\n"
            "review found that most of its requirements were already met by the mines that operate there.")
    text = "\f".join([
        "Water Rules Compared\n\nIntroduction\n" + para,
        "About the authors\nMaria Lopez\nSenior researcher at the institute\nShe holds a PhD in Economics.",
        para + "\nAbout the authors\nMaria Lopez\nSenior researcher at the institute",
    ])
    assert titles(repair_text(text)) == ["Introduction", "About the authors"]


def test_a_listed_division_printed_again_atop_its_pages_keeps_its_first_copy_as_heading():
    """A report prints an appendix's title atop each of its pages, as a running head; the first
    copy, on the page the appendix opens, is its heading (the contents list gives it), the
    others are running heads."""
    words = ["budget", "staffing", "grant", "loan", "audit", "survey", "census", "payroll", "tax", "debt",
             "housing", "transit", "energy", "water", "health", "school"]

    def para(k: int) -> str:
        return (f"To review the program's {words[k]} trends, we analyzed the agency's {words[k + 1]} data for the\n"
                f"years in question and interviewed officials of the {words[k + 2]} offices that run the program.")

    pages = ["Program Review\n\nContents\nLetter 1\nResults in Brief 2\nBackground 3\nAppendix I Scope and Methodology 4\n"
             "Appendix II Comments from the Agency 9", "Letter\n" + para(0) + "\n" + para(12)]
    pages += ["Letter\n" + para(k) + "\n" + para(k + 1) for k in (1, 3)]
    pages += ["Appendix I: Scope and Methodology\n" + para(k) + "\n" + para(k + 1) for k in (6, 8, 10)]
    found = titles(repair_text("\f".join(pages)))
    assert found.count("Appendix I: Scope and Methodology") == 1
