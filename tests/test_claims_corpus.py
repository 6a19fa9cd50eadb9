"""What is a claim, on real reports of other publishers (issue 17, items 3, 4, 6 and the claims side
of 9): sentences of the corpus reports, read from a user's text dump of each (never copied into the
repo), each rule in both directions: the number that is no longer a claim, and the claim beside it
that stays."""
from __future__ import annotations

import functools

import pytest

from test_claims import claims_of
from tests.corpus import corpus_pdf, text_dump

pytestmark = pytest.mark.corpus


@functools.cache
def _claims(name: str) -> tuple[dict, ...]:
    """The claims of a user's text dump of the corpus report ``name``, read whole (the report's
    number convention and the sentences around each claim count)."""
    return tuple(claims_of(text_dump(corpus_pdf(name))))


def sentence_claims(name: str, phrase: str) -> list[tuple[str, float, str]]:
    """(surface, value, unit) of the claims of the sentence holding ``phrase`` (its words as
    printed, whatever line breaks stand between them)."""
    wanted = " ".join(phrase.split())
    return [(r["surface"], r["value"], r["unit"]) for r in _claims(name) if wanted in " ".join(r["sentence"].split())]


def values(rows: list[tuple[str, float, str]]) -> set[float]:
    return {value for _, value, _ in rows}


# ---------------------------------------------------------------- item 3: numbers that are labels
@pytest.mark.parametrize("name, phrase, labels, claims", [
    # the numbers further on in a list of articles; the distances in the same sentence stay
    ("crs-seabed-mining-beyond-national-jurisdiction-2026", "UNCLOS Articles 3, 57, and 86", {3, 57, 86}, set()),
    # a public law's number
    ("crs-highway-bridges-funding-2026", "(IIJA; P.L. 117-58)", {117, 58}, set()),
    # a title and section of the U.S. Code
    ("crs-highway-bridges-funding-2026", "requirements (23 U.S.C. §144)", {23, 144}, set()),
    # an executive order's number; the count of applications after it stays
    ("crs-seabed-mining-beyond-national-jurisdiction-2026", "uance of E.O. 14285, NOAA reportedly has received",
     {14285}, {10}),
    # a law's number as Spanish-speaking publishers write it ("N° 25.675")
    ("fundar-lithium-mining-rules-argentina-2024", "General Environmental Law (N° 25.675)", {25.675, 25675}, set()),
    # an index's name
    ("bea-gdp-q1-technical-note-2021", "S&P 500 profits", {500}, set()),
    # a telephone number
    ("gao-doe-advanced-energy-technologies-2006", "Voice: (202) 512-6000", {202, 512, 6000}, set()),
])
def test_labels_are_no_claims(name: str, phrase: str, labels: set[float], claims: set[float]) -> None:
    found = values(sentence_claims(name, phrase))
    assert not found & labels, found
    assert claims <= found, found


# ------------------------------------------------------ item 4: counted nouns that name people
def test_role_nouns_count_persons() -> None:
    rows = sentence_claims("fundar-lithium-mining-rules-argentina-2024", "more than 80 employees, 40 local community")
    assert {(v, u) for _, v, u in rows} >= {(80, "person"), (40, "person"), (10, "person")}, rows


@pytest.mark.parametrize("text, unit", [
    ("The programme trained 14,050 midwives in 2023.", "person"),  # WordNet's person.n.01, lemminflect's singular
    ("It enrolled 1,000 schoolgirls last year.", "person"),
    ("The platform has 1 million users.", "person"),
    ("The camps hosted 5,000 Afghans and 300 Pakistanis.", "person"),  # nationalities, capitalised
    ("The survey covered 40 pastoralists.", "person"),  # not in WordNet: an agent noun
    ("The city has three wards of 12 printers each.", "printer"),  # WordNet's person senses that reports do not mean
    ("The utilities served three wards.", "ward"),
    ("Dealers sold 40 US Treasuries.", "treasury"),  # WordNet's "Treasury" (an office) is no nationality
])
def test_people_nouns(text: str, unit: str) -> None:
    rows = claims_of(text)
    assert rows and rows[-1]["unit"] == unit, [(r["surface"], r["unit"]) for r in rows]


# ------------------------------------------------------------- item 6: small numbers in words
@pytest.mark.parametrize("name, phrase, gone, stays", [
    # "one" picks out a report; the two bridges it names are counted
    ("crs-highway-bridges-funding-2026", "According to one news report, the Delaware River Port", {1}, {2}),
    ("gao-doe-advanced-energy-technologies-2006", "according to one DOE official", {1}, set()),
    ("crs-strait-of-hormuz-shipping-2026", "One such vessel, the CS Anthem", {1}, set()),
])
def test_one_that_picks_out_an_item(name: str, phrase: str, gone: set[float], stays: set[float]) -> None:
    found = values(sentence_claims(name, phrase))
    assert not found & gone and stays <= found, found


@pytest.mark.parametrize("text, expected", [
    ("One of the 12 ports closed.", [("12", 12.0, "port")]),
    ("She was one of two women to win a seat.", [("two", 2.0, "person")]),
    ("In the 2019 election, one woman won a seat.", []),
    ("The amendment needs a two-thirds majority.", []),
    ("At least one member of 4,000 households works abroad.", [("one", 1.0, "person"), ("4,000", 4000.0, "household")]),
    ("Around one in five households lost income.", [("one", 1.0, "household"), ("five", 5.0, "household")]),
])
def test_small_numbers_in_words(text: str, expected: list[tuple]) -> None:
    assert [(r["surface"], r["value"], r["unit"]) for r in claims_of(text)] == expected


# ------------------------------------------------------------------ item 9: fiscal years
def test_fiscal_years_give_the_year_and_are_no_claims() -> None:
    rows = claims_of("In FY 2019, OPM handled 1,431,943 calls. The program received $5.5 billion in FY2024, "
                     "up from $4.1 billion in FY 2019. Revenue fell 3% in FY241 and grew 5% in 2023-2410.")
    assert [(r["surface"], r["year"]) for r in rows] == [
        ("1,431,943", 2019), ("$5.5 billion", 2024), ("$4.1 billion", 2019), ("3%", 2024), ("5%", 2024)]


def test_fiscal_year_of_a_corpus_sentence() -> None:
    rows = sentence_claims("crs-highway-bridges-funding-2026", "roughly 26% over the FY2021 baseline")
    assert rows == [("26%", 26.0, "percent")]


# ------------------------------------------------------ numbers as French and Spanish reports write
@pytest.mark.parametrize("name, phrase, expected", [
    ("worldbank-chad-scd-french-2015", "accueille 470 000 réfugiés, dont 367 000",
     {("470 000", 470000.0), ("367 000", 367000.0), ("93 000", 93000.0), ("10 000", 10000.0)}),
    ("worldbank-chad-scd-french-2015", "au taux extrêmement rapide de 3,5% par an",
     {("3,5%", 3.5), ("22 millions", 22e6)}),
    ("fundar-argentina-climate-change-spanish-2024", "equivalentes a USD 34.000 millones",
     {("USD 34.000 millones", 34000e6)}),
    ("fundar-argentina-climate-change-spanish-2024", "crear 1,2 millones de empleos", {("1,2 millones", 1.2e6)}),
    ("fundar-argentina-climate-change-spanish-2024", "a 2°C e, idealmente, a 1,5°C", {("2°C", 2.0), ("1,5°C", 1.5)}),
])
def test_numbers_with_decimal_commas_and_spaced_thousands(name: str, phrase: str, expected: set) -> None:
    found = {(s, v) for s, v, _ in sentence_claims(name, phrase)}
    assert expected <= found, found
    assert not any(v == 0 for _, v in found), found  # no "000" of its own


# --------------------------------------------------------------------------- and other misses
@pytest.mark.parametrize("name, phrase, expected", [
    ("crs-strait-of-hormuz-shipping-2026", "minus 452 degrees Fahrenheit",
     ("minus 452 degrees Fahrenheit", -452.0, "fahrenheit")),
    ("crs-strait-of-hormuz-shipping-2026", "affected five U.S.-flagged ships", ("five", 5.0, "ship")),
    ("crs-strait-of-hormuz-shipping-2026", "The announcement of a two-week", ("two-week", 2.0, "week")),
])
def test_claims_found(name: str, phrase: str, expected: tuple) -> None:
    assert expected in sentence_claims(name, phrase)
