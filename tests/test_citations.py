"""Footnote citations: resolution (per page, through the document), note parsing, integrity rows,
and accuracy on the sample's gold key."""
from __future__ import annotations

from collections.abc import Mapping

import pytest

from extractor.analysis import analyse
from extractor.extract.citations import extract_citations, extract_notes
from extractor.layout.repair import repair_layout
from extractor.model import Marker, Note, RawLine, RawPage
from extractor.notes import parse_note
from extractor.notes.resolve import find_duplicates, numbering_scheme, resolve_markers
from extractor.ingest.text import split_pages
from scoring import norm


def _tables(pages: list[RawPage], nlp, fmt: str = "text"):
    doc = repair_layout(pages, source_path=f"invented.{fmt}", source_format=fmt, sha256="0" * 64)
    analysis = analyse(doc, nlp)
    return doc, extract_notes(analysis), extract_citations(analysis)


def _pdf_page(number: int, body: list[str], notes: list[str]) -> RawPage:
    """A page as the PDF backend hands it over: body lines, then each note after a blank line,
    flagged ``is_note`` and introduced by its caret marker."""
    lines = [RawLine(t) for t in body]
    for t in notes:
        lines += [RawLine(""), RawLine(f"^{t}", is_note=True)]
    return RawPage(number, tuple(lines))


# --- resolution ------------------------------------------------------------------------------

PER_PAGE_DUMP = (
    "Chapter One: Growth\n\n"
    "Incomes in the region rose by 6% in 2024.\u2460 Schools were rebuilt across the county.\u2461\n\n"
    "\u2460 Ministry of Finance, \"Budget Review,\" March 1, 2024. https://www.mof.gov.cn/a/2024.htm.\n\n"
    "\u2461 Materials provided by Gulang County, Gansu Province.\n"
    "\f"
    "Rural roads now reach every village in the province.^\u2460 A sentence that cites nothing.\n\n"
    "^\u2460 People's Daily, \"Roads to Every Village,\" May 2, 2023. <https://www.people.com.cn/b.html>.\n\n"
    "^\u2461 Official website of Example City, \"A Note Nobody Cites.\"\n"
)


def test_per_page_markers_resolve_to_the_note_on_their_own_page(blank_nlp) -> None:
    doc, notes, cits = _tables(split_pages(PER_PAGE_DUMP), blank_nlp)
    assert numbering_scheme(doc.notes) == "page"
    got = [(c["page"], c["marker"], c["source"], c["cited_sentence"]) for c in cits]
    assert got == [
        (1, "\u2460", "Ministry of Finance", "Incomes in the region rose by 6% in 2024."),
        (1, "\u2461", "Gulang County, Gansu Province", "Schools were rebuilt across the county."),
        (2, "\u2460", "People's Daily", "Rural roads now reach every village in the province."),
    ]
    assert all(c["resolved"] for c in cits)
    p2 = cits[2]
    assert (p2["title"], p2["date"], p2["url"], p2["url_domain"], p2["kind"]) == (
        "Roads to Every Village", "2023-05-02", "https://www.people.com.cn/b.html", "people.com.cn", "news_article")
    # the note never cited is kept, with a zero count, for the validation suite to name
    counts = {(n["page"], n["marker"]): n["n_citations"] for n in notes}
    assert counts == {(1, "\u2460"): 1, (1, "\u2461"): 1, (2, "\u2460"): 1, (2, "\u2461"): 0}


def test_marker_without_note_is_kept_unresolved(blank_nlp) -> None:
    dump = "Chapter One: Missing\n\nA body sentence that cites a missing note.\u2462\n\n\u2460 Some Agency, \"A Title.\"\n"
    _, notes, cits = _tables(split_pages(dump), blank_nlp)
    assert [(c["marker"], c["resolved"], c["note_id"]) for c in cits] == [("\u2462", False, None)]
    assert [n["n_citations"] for n in notes] == [0]


def test_numbering_through_the_document_prefers_same_then_following_page(blank_nlp) -> None:
    pages = [
        _pdf_page(1, ["Chapter One: Output", "", "Output grew by a third over the decade.^1 Exports doubled in the same years.^2"],
                  ["1 National Bureau of Statistics, Statistical Yearbook 2023, 2023.",
                   "2 World Bank, \"Trade Outlook,\" June 2024."]),
        _pdf_page(2, ["Prices stayed stable throughout the period.^3 The last claim of the page is here.^4"],
                  ["3 OECD, \"Price Survey,\" 2022."]),
        _pdf_page(3, ["A new page starts with a fresh paragraph of text."],
                  ["4 Materials provided by the Ministry of Commerce."]),
    ]
    doc, notes, cits = _tables(pages, blank_nlp, "pdf")
    assert numbering_scheme(doc.notes) == "document"
    assert [(c["page"], c["marker"], c["resolved"]) for c in cits] == [(1, "1", True), (1, "2", True),
                                                                       (2, "3", True), (2, "4", True)]
    by_marker = {c["marker"]: c for c in cits}
    assert by_marker["4"]["source"] == "Ministry of Commerce"  # printed on the following page
    assert by_marker["4"]["note_id"] == next(n["note_id"] for n in notes if n["marker"] == "4")
    assert by_marker["2"]["date"] == "2024-06"


def _note(page: int, marker: str, text: str = "x", ordinal: int = 1) -> Note:
    return Note(f"p{page}-n{marker}-{ordinal}", page, marker, text, ordinal=ordinal)


def test_resolution_rules_without_layout() -> None:
    notes = [_note(1, "1"), _note(2, "2"), _note(5, "3"), _note(1, "4")]
    marks = [Marker(1, "1", 0, "^1"), Marker(1, "2", 5, "^2"), Marker(3, "3", 9, "^3"), Marker(3, "4", 12, "^4"),
             Marker(3, "9", 15, "^9")]
    got = [n.note_id if n else None for n in resolve_markers(marks, notes, "document")]
    # same page; else nearest following page (2 for "2", 5 for "3"); else preceding ("4" on page 1)
    assert got == ["p1-n1-1", "p2-n2-1", "p5-n3-1", "p1-n4-1", None]
    # per page, a marker never reaches a note two pages away
    per_page = [_note(1, "\u2460"), _note(4, "\u2460")]
    assert resolve_markers([Marker(2, "\u2460", 0, "\u2460")], per_page, "page")[0].note_id == "p1-n\u2460-1"
    assert resolve_markers([Marker(6, "\u2460", 0, "\u2460")], per_page, "page") == [None]


def test_numbering_scheme_detection() -> None:
    per_page = [_note(1, "\u2460"), _note(1, "\u2461", ordinal=2), _note(2, "\u2460"), _note(3, "\u2460")]
    through = [_note(1, "1"), _note(1, "2", ordinal=2), _note(2, "3"), _note(3, "4"), _note(3, "5", ordinal=2)]
    assert numbering_scheme(per_page) == "page"
    assert numbering_scheme(through) == "document"


def test_note_printed_twice_is_a_duplicate_of_the_first_printing() -> None:
    text = 'Xi Jinping, "Speech at the Conference," February 25, 2021.'
    notes = [_note(3, "\u2460", text), _note(4, "\u2460", text.replace('"', "\u201c", 1)),
             _note(9, "\u2460", text), _note(4, "\u2461", "Other source.", 2)]
    assert find_duplicates(notes) == {"p4-n\u2460-1": "p3-n\u2460-1"}


# --- note parsing ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "source", "title", "kind"), [
    ('State Council Information Office, Series Press Conference on "Economic Achievements," January 20, 2025.',
     "State Council Information Office", "Economic Achievements", "press_conference"),
    ("Xi Jinping, Remarks on Fight Against Hunger and Poverty at the Summit, [EB/OL]. November 18, 2024.",
     "Xi Jinping", "Remarks on Fight Against Hunger and Poverty at the Summit", "speech"),
    ('*People\'s Daily*, "Reduction Achievements Inspire Developing Countries," March 1, 2025.',
     "People's Daily", "Reduction Achievements Inspire Developing Countries", "news_article"),
    ("Materials provided by Shangnan County Government, Shaanxi Province.",
     "Shangnan County Government, Shaanxi Province", None, "materials"),
    ('Xi Jinping, "A Weak Bird" (September 1988) from *Out of Poverty*, Fujian Publishing House, July 1992.',
     "Xi Jinping", "A Weak Bird", "book"),
    ("Website of the Ministry of Agriculture: \"Double Improvement in Employment.\" https://www.gov.cn/x.htm.",
     "Ministry of Agriculture", "Double Improvement in Employment", "website"),
    ("Xinhua News Agency feature article, \"The Great Battle,\" February 24, 2021.",
     "Xinhua News Agency", "The Great Battle", "news_article"),
    ("UNICEF and World Bank reports.", "UNICEF and World Bank", None, "report"),
    ("China Digital Countryside Development Report, 2022.", None, "China Digital Countryside Development Report",
     "report"),
])
def test_parse_note(text: str, source: str | None, title: str | None, kind: str) -> None:
    parsed = parse_note(text)
    assert (parsed.source, parsed.title, parsed.kind) == (source, title, kind)


# --- the sample against its gold key -----------------------------------------------------------

def _match(pred: list[Mapping], gold: list[Mapping]) -> list[tuple[Mapping, Mapping]]:
    """The yardstick's rule: same marker, gold anchor in the cited sentence, gold note start in
    the note text; one prediction matches one gold row."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        for i, p in enumerate(pred):
            if i in used or p["marker"] != g["marker"].replace("^", "").strip():
                continue
            if norm(g["anchor"]) in norm(p["cited_sentence"]) and norm(g["note_start"]) in norm(p["note_text"]):
                used.add(i)
                pairs.append((g, p))
                break
    return pairs


def test_sample_citations_meet_the_bars(sample_frames, gold_citations) -> None:
    pred = sample_frames["citations"].astype(object).where(sample_frames["citations"].notna(), None)
    rows = pred.to_dict("records")
    pairs = _match(rows, gold_citations)
    assert len(pairs) / len(rows) >= 0.98  # precision
    assert len(pairs) / len(gold_citations) >= 0.98  # recall
    with_url = [(g, p) for g, p in pairs if g["url"]]
    with_date = [(g, p) for g, p in pairs if g["date"]]
    assert sum(p["url"] == g["url"] for g, p in with_url) / len(with_url) >= 0.98
    assert sum((p["date"] or "")[:len(g["date"])] == g["date"] for g, p in with_date) / len(with_date) >= 0.95
    assert all(pred["resolved"])


def test_sample_notes_integrity(sample_frames) -> None:
    notes = sample_frames["notes"]
    cits = sample_frames["citations"]
    assert notes["note_id"].is_unique and cits["citation_id"].is_unique
    assert int(notes["n_citations"].sum()) == int(cits["resolved"].sum())
    assert set(notes["kind"]) <= {"press_conference", "speech", "news_article", "materials", "report", "website",
                                  "book", "other"}
    # a duplicate points at an earlier printing of the same note
    ids = list(notes["note_id"])
    for i, dup in enumerate(notes["duplicate_of"]):
        if isinstance(dup, str):
            assert ids.index(dup) < i
    with_url = notes[notes["url"].notna()]
    assert with_url["url_valid"].notna().all() and with_url["url_domain"].notna().all()


def test_glued_digit_markers_in_a_text_dump(blank_nlp) -> None:
    dump = (
        "Chapter One: Skills\n\n"
        "Training built local capacities.4 Output rose in 202222 and reached 90% of the G20 target.\n\n"
        "4 World Bank, \"Skills for Rural Jobs,\" 2021.\n\n"
        "22 OECD, \"Regional Outlook,\" May 2023. https://www.oecd.org/outlook.\n"
    )
    doc, notes, cits = _tables(split_pages(dump), blank_nlp)
    assert [(c["marker"], c["source"], c["resolved"]) for c in cits] == [("4", "World Bank", True),
                                                                         ("22", "OECD", True)]
    assert "in 2022 and reached 90% of the G20 target." in doc.text
    assert cits[1]["cited_sentence"].startswith("Output rose in 2022 and")
    assert (cits[0]["date"], cits[1]["date"], cits[1]["url_domain"]) == ("2021", "2023-05", "oecd.org")
