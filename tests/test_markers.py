"""Footnote marker detection in running text: glyphs, carets, superscripts and glued digits."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import note_markers as M
from extractor.note_markers import find_body_markers, marker_number, normalise_marker, strip_markers


def markers(text: str, notes: set[str] = frozenset()) -> list[str]:
    return [f.marker for f in find_body_markers(text, set(notes))]


@pytest.mark.parametrize(("text", "notes", "expected"), [
    ("the world.\u2460 Next", set(), ["\u2460"]),
    ("the world.^\u2461 Next", set(), ["\u2461"]),
    ('into reality."^\u2460', set(), ["\u2460"]),
    ("strong growth.^12 Next", set(), ["12"]),
    ("strong growth.[3] Next", set(), ["3"]),
    ("policy.\u00b3 Next", set(), ["3"]),
    # digits glued to the word in a text dump, where the page prints that note
    ("build local capacities.4 The", {"4"}, ["4"]),
    ("build local capacities4 and", {"4"}, ["4"]),
    ("in 202222 the economy", {"22"}, ["22"]),
    ('the "poverty mindset"7 was', {"7"}, ["7"]),
    # a capitalised word, a date's day before "A", a fiscal year, a range of years, a typewriter "1/"
    ("by the Secretary of Defense33 during", {"33"}, ["33"]),
    ("had not departed as of April 1.38 A prolonged closure", {"38"}, ["38"]),
    ("spending in FY241 rose", {"1"}, ["1"]),
    ("spending in FY20241 rose", {"1"}, ["1"]),
    ("the budget for 2023-2410 was", {"10"}, ["10"]),
    ("in 2019-20205.", {"5"}, ["5"]),
    ("about 9 per cent of GDP 1/ and that", {"1"}, ["1"]),
    ("in 1981,1/ the authorities", {"1"}, ["1"]),
    ("from within USA-1 and USA-4.95 For more", {"95"}, ["95"]),
    ("licenses through 2027,139 and", {"139"}, ["139"]),
    ("spending in 2014-2018.32", {"32"}, ["32"]),
    ("by FY2030.249 How", {"249"}, ["249"]),
])
def test_markers_found(text: str, notes: set[str], expected: list[str]) -> None:
    assert markers(text, notes) == expected


@pytest.mark.parametrize(("text", "notes"), [
    ("the rate reached 90%.", {"90"}),
    ("at the G20 summit", {"20"}),
    ("the COVID-19 pandemic", {"19"}),
    ("grew to 1.8 million people.", {"8"}),
    ("some 3,5 thousand", {"5"}),
    ("in 2022 the economy", {"22"}),
    ("in 202222 the economy", set()),  # no note 22 on the page: the number stays a number
    ("build local capacities.4 The", set()),
    ("an area of 20 km\u00b2 was", set()),
    ("about 10\u2076 cells", set()),
    ("in Q1 and H1N1", {"1"}),
    ("spending in FY2024 rose", {"24", "4"}),
    ("from 2023-2024 the", {"24", "4"}),
    ("from 2010-2022 the", {"22"}),
    ("the 2023-24 budget", {"4", "24"}),
    ("a 1/2 share and 3-1/2 per cent in 1980/81", {"1", "2"}),
    ("at the G20 Summit", {"20"}),
])
def test_numbers_that_are_not_markers(text: str, notes: set[str]) -> None:
    assert markers(text, notes) == []


def test_strip_markers_gives_offsets_in_clean_text() -> None:
    text = "First claim.\u2460 Second claim in 202222 ends.^\u2461"
    found = find_body_markers(text, {"22"})
    clean, positions = strip_markers(text, found)
    assert clean == "First claim. Second claim in 2022 ends."
    assert [(clean[:off][-6:], f.marker) for off, f in positions] == [("claim.", "\u2460"), ("n 2022", "22"),
                                                                      (" ends.", "\u2461")]


def test_normalise_and_number() -> None:
    assert normalise_marker("^\u2462") == "\u2462"
    assert normalise_marker("[12]") == "12"
    assert normalise_marker("\u00b9\u2070") == "10"
    assert marker_number("\u2462") == 3
    assert marker_number("12") == 12
    assert marker_number("\u3251") == 21
    assert marker_number("*") is None


# The marker patterns as first written, the glued ones opening with a lookbehind: the module's
# patterns open with a character or a quick lookahead instead (much faster) and must find
# exactly the same markers.
_LOOKBEHIND_FIRST = {
    "glued": re.compile(r"(?<=[A-Za-z\.,;:\)\"\u201d\u2019'%])(?<!\d[.,])(?<!\d\s[.,])(?<!\d:)(?<!\d[A-Za-z]:)"
                        r"(\d{1,3})(?=[\s\.,;:\)]|$)"),
    "number_stop": re.compile(
        r"(?:(?<=\s)|(?<=-)|(?<=\u2013)|(?<=FY)|(?<=FY ))(?:\d{1,3}(?:,\d{3})+|\d+)[.](\d{1,3})(?=\s+(?:[\"\u201c(]?(?:[A-Z][a-z]|[AI]\s))|\s*$)"
        r"|(?<![\d.,])(?:19|20)\d\d,(\d{1,3})(?=\s)"),
    "year": re.compile(r"(?<![\d,.])((?:19|20)\d\d)(\d{1,2})(?=[\s\.,;:\)]|$)"),
    "glyph": re.compile(rf"\^?\s?[{M.CIRCLED_ALL}]|\^\s?\[?\d{{1,3}}\]?|\[\^?\d{{1,3}}\]|[{M.SUPERSCRIPT_DIGITS}]+"),
}
_GLUE_PIECES = st.sampled_from(["2022", "19", "20", "1", "34", "567", ".", ",", " ", "a", "The", "\u201d", ")",
                                "%", "'", "\u2019", ";", ":", "\"", "(", "1,234", "\n", "x", "-", "FY",
                                "^", "[", "]", "\u2460", "\u2473", "\u00b9", "\u00b2\u00b3", "km", "10", "A", "I"])


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span(g) for m in pattern.finditer(text) for g in range(1, (pattern.groups or 0) + 1)
            if m.group(g) is not None]


@settings(max_examples=400, deadline=None)
@given(st.lists(_GLUE_PIECES, max_size=14).map("".join))
def test_glued_marker_patterns_find_what_the_lookbehind_forms_find(text: str) -> None:
    assert _spans(M._GLUED, text) == _spans(_LOOKBEHIND_FIRST["glued"], text)
    assert sorted(_spans(M._NUMBER_STOP_GLUED, text) + _spans(M._YEAR_COMMA_GLUED, text)) == \
        sorted(_spans(_LOOKBEHIND_FIRST["number_stop"], text))
    assert _spans(M._YEAR_GLUED, text) == _spans(_LOOKBEHIND_FIRST["year"], text)
    glyphs = [(f.start, f.end) for f in find_body_markers(text, set())]
    assert glyphs == [m.span() for m in _LOOKBEHIND_FIRST["glyph"].finditer(text)
                      if not M._is_exponent(text, m.start(), m.group())]


@given(st.text(alphabet="aB \t\n\u00a0\u2009.*_-\"'`\u2018\u2019\u201c\u201d\u2010\u2013\u2014\u2212\ufb01\u00bd", max_size=40))
def test_note_text_is_normalised_as_the_substitutions_would(text: str) -> None:
    """One translate pass and a split equal the four substitutions they replace."""
    import unicodedata

    from extractor.notes.resolve import normalise_note_text

    t = unicodedata.normalize("NFKC", text).lower()
    t = re.sub(r"[\u2018\u2019\u201c\u201d\"'`]", "'", t)
    t = re.sub(r"[\u2010-\u2015\u2212]", "-", t)
    t = re.sub(r"[*_]", "", t)
    assert normalise_note_text(text) == re.sub(r"\s+", " ", t).strip().rstrip(".")


def test_endnotes_after_a_stray_number_run_through_the_document():
    """Endnotes collected on two pages (1-22, then 23-28) after a stray '3' earlier (a contents
    line read as a note): one page restarts at 1, one continues; numbering runs through the
    document, so markers on earlier pages find their notes (a tax-table report of the corpus)."""
    from extractor.note_markers import numbering_scheme
    from extractor.model import Note

    def note(marker: str, page: int, ordinal: int) -> Note:
        return Note(note_id=f"n{ordinal}", marker=marker, page=page, text="Effective for taxable years.", ordinal=ordinal)

    notes = [note("3", 3, 0)] + [note(str(i), 6, i) for i in range(1, 23)] + [note(str(i), 7, i) for i in range(23, 29)]
    assert numbering_scheme(notes) == "document"
    per_page = [note(str(i), p, 10 * p + i) for p in (2, 3, 4) for i in (1, 2)]
    assert numbering_scheme(per_page) == "page"


def test_a_list_of_glued_markers_is_each_marker() -> None:
    """A superscript list of notes, flat in a dump ("panel 5).10,11 they"), cites each listed note
    of the page, rising; a figure's thousands never pass."""
    found = find_body_markers("deviations (Figure 1.2, panel 5).10,11 they typically", {"10", "11"})
    assert [f.marker for f in found] == ["10", "11"]
    assert strip_markers("panel 5).10,11 they", find_body_markers("panel 5).10,11 they", {"10", "11"}))[0] == "panel 5). they"
    assert [f.marker for f in find_body_markers("rose to 1,500 people", {"1", "500"})] == []
    assert [f.marker for f in find_body_markers("as shown.3,5,8 The", {"3", "5", "8"})] == ["3", "5", "8"]
    # superscripts a space apart ("operations¹³ ¹⁴."): the next note, punctuation after it
    spaced = "methods to be employed along the operations13 14. Additionally"
    assert [f.marker for f in find_body_markers(spaced, {"13", "14"})] == ["13", "14"]
    assert strip_markers(spaced, find_body_markers(spaced, {"13", "14"}))[0] == \
        "methods to be employed along the operations. Additionally"
    for text in ("the operations13 14 million", "the operations13 15.", "rose by 13 14."):
        assert [f.marker for f in find_body_markers(text, {"13", "14", "15"})] in (["13"], [])
