"""Places on real reports of other publishers (issue 17, item 5): the corpus reports, read from a
user's text dump of each (and, where the layout matters, the PDF; never copied into the repo).
Each rule in both directions: the name that is no longer a place, and the place beside it that
stays."""
from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import pytest

from extractor.pipeline import ExtractionConfig, process_report
from tests.corpus import corpus_pdf, text_dump

pytestmark = pytest.mark.corpus


@functools.cache
def _tables(name: str, kind: str = "text") -> tuple[tuple[dict, ...], tuple[dict, ...]]:
    """(places, place_mentions) of the corpus report ``name``, as a user's text dump or the PDF."""
    pdf = corpus_pdf(name)
    with tempfile.TemporaryDirectory() as tmp:
        path = pdf
        if kind == "text":
            path = Path(tmp) / f"{name}.txt"
            path.write_text(text_dump(pdf), encoding="utf-8")
        result = process_report(path, ExtractionConfig(model="none"))
    assert result.status == "ok", result.error
    return tuple(result.tables["places"]), tuple(result.tables["place_mentions"])


def places(name: str, kind: str = "text") -> dict[str, dict]:
    """The report's places by name."""
    return {p["name"]: p for p in _tables(name, kind)[0]}


def forms(name: str, kind: str = "text") -> set[str]:
    """Every name and alias of the report's places."""
    out: set[str] = set()
    for p in _tables(name, kind)[0]:
        out |= {p["name"], *filter(None, (p["aliases"] or "").split("|"))}
    return out


def mentioned_in(name: str, phrase: str, kind: str = "text") -> set[str]:
    """The texts of the place mentions in the sentence holding ``phrase`` (words as printed)."""
    wanted = " ".join(phrase.split())
    return {m["text"] for m in _tables(name, kind)[1] if wanted in " ".join((m["sentence"] or "").split())}


HORMUZ = "crs-strait-of-hormuz-shipping-2026"
SEABED = "crs-seabed-mining-beyond-national-jurisdiction-2026"
BRIDGES = "crs-highway-bridges-funding-2026"
FUNDAR = "fundar-industrial-policy-renaissance-2024"
LITHIUM = "fundar-lithium-mining-rules-argentina-2024"
TURKEY = "worldbank-turkey-scd-spreads-2016"
GFSR = "imf-gfsr-chapter1-shifting-ground-2025"


# ------------------------------------------------------------------ countries: abbreviations, names
def test_a_country_named_only_by_its_abbreviation():
    got = places("bea-gdp-q1-technical-note-2021")
    assert set(got) == {"U.S."} and got["U.S."]["country"] == "US"


def test_abbreviations_are_aliases_of_the_country_the_report_names():
    got = places(HORMUZ)
    assert got["United Arab Emirates"]["aliases"] == "UAE"
    assert "U.S." in got["United States"]["aliases"].split("|")


def test_a_country_is_named_by_the_form_the_report_uses_most():
    got = places(SEABED)
    # "the People's Republic of China (PRC, or China)" once, "China" throughout
    assert "China" in got and "People’s Republic of China" in got["China"]["aliases"].split("|")
    assert "Nauru" in got and "Republic of Nauru" in got["Nauru"]["aliases"].split("|")
    assert "United States of America" not in got and "Turkiye" not in places(TURKEY)


# -------------------------------------------------------------- sub-national units of other countries
def test_state_codes_after_a_city_are_places_and_the_citys_parent():
    got = places(HORMUZ, "pdf")
    for code in ("LA", "OR", "TX", "NC", "SC"):
        assert got[code]["place_type"] == "province" and got[code]["country"] == "US", code
    assert got["Houston"]["parent"] == "TX" and got["Wilmington"]["parent"] == "NC"
    assert got["Wilmington"]["country"] == "US"  # a city the gazetteer's big cities do not list


def test_a_state_code_finds_the_namesake_of_its_country():
    # "(Alexandria, VA: U.S. Department of Agriculture ...)": Virginia's Alexandria, not Egypt's
    got = places("gao-wic-infant-formula-breastfeeding-briefing-2006", "pdf")
    assert got["Alexandria"]["country"] == "US" and got["Alexandria"]["parent"] == "VA"


def test_a_namesake_in_the_country_the_report_names():
    got = places(BRIDGES)
    assert got["Maryland"]["country"] == "US" and got["Maryland"]["place_type"] == "province"  # not Liberia's
    assert got["Montana"]["country"] == "US"  # not Bulgaria's
    assert places(HORMUZ)["Norfolk"]["country"] == "US"  # a US port, not the English county


def test_a_country_listed_among_states_is_the_state():
    got = places("opm-annual-performance-report-fy2019", "pdf")  # the text dump interleaves its two columns
    assert got["Georgia"]["country"] == "US" and got["Georgia"]["place_type"] == "province"
    assert places(BRIDGES)["Georgia"]["country"] == "US"  # a row of a table of states


def test_a_place_in_brackets_is_a_place():
    assert "Oakland" in places(HORMUZ)  # "the ports of San Francisco (Oakland) and Seattle"


# --------------------------------------------------------------------- people are not places
@pytest.mark.parametrize("name, phrase, person", [
    (FUNDAR, "Kennedy, S, (2022)", "Kennedy"),  # a reference's author, before an initial
    (FUNDAR, "Fletcher, I. (2024)", "Fletcher"),
    (TURKEY, "Azevedo,Yang and Inan 2016", "Yang"),  # author-year citations
    (TURKEY, "Dilli and Nyman 2015", "Dilli"),
    (TURKEY, "Israel Osorio-Rodarte", "Israel"),  # a country's name as a first name
    (TURKEY, "Lopez-Calva, L. F., and Eduardo Ortiz-Juarez", "Juarez"),  # a double surname
    (SEABED, "Alfonso Ascencio-Herrera", "Herrera"),
    (LITHIUM, "(Bose, 2023)", "Bose"),
    (GFSR, "Kiyotaki and Moore 1997", "Moore"),
])
def test_people_are_not_places(name: str, phrase: str, person: str) -> None:
    assert person not in mentioned_in(name, phrase)


def test_a_place_beside_a_date_or_in_a_reference_stays():
    assert "Leiden" in places(SEABED)  # "(Leiden, The Netherlands: Koninklijke Brill NV, 2022)"
    assert "Hamburg" in mentioned_in(SEABED, "Law of the Sea in Hamburg, Germany")


# ------------------------------------------------------- institutions and names of other things
@pytest.mark.parametrize("name, phrase, place", [
    (FUNDAR, "University of Buenos Aires (UBA)", "Buenos Aires"),
    (FUNDAR, "National University of San Martín", "San Martín"),
    (LITHIUM, "University of California", "California"),
    (HORMUZ, "Government of the Netherlands", "Netherlands"),
    (HORMUZ, "United Kingdom Maritime Trade Operations (UKMTO) Centre", "United Kingdom"),
])
def test_institutions_named_after_places(name: str, phrase: str, place: str) -> None:
    assert place not in mentioned_in(name, phrase)


@pytest.mark.parametrize("name, kind, word", [
    (FUNDAR, "text", "Bar"),  # a municipality of Montenegro, an English word in a title
    (HORMUZ, "text", "Maritime"),  # a region of Togo
    ("cbo-common-budgetary-terms-2021", "text", "Treasury"),  # "from the Treasury": an institution
    ("cbo-common-budgetary-terms-2021", "text", "Postal Service"),
    ("bea-gdp-q1-technical-note-2021", "text", "NIPAs"),  # an acronym in the plural
    (SEABED, "text", "Deep Ocean"),  # a head noun after English words of a title
    (SEABED, "text", "Global Ocean"),
    (SEABED, "text", "Senate"),
    (LITHIUM, "text", "National State"),
    (LITHIUM, "text", "Argentine State"),  # an adjective of nationality and a head
    ("gao-wic-infant-formula-breastfeeding-briefing-2006", "text", "Surveyed state"),
    (BRIDGES, "text", "Bridges State"),  # a table's column heads
    (HORMUZ, "pdf", "Strait of Hormuz Disruptions"),  # a cited article's title
    ("worldbank-cambodia-scd-overview-2017", "pdf", "Vanuatu Tonga Philippines Guatemala Solomon Islands"),
])
def test_ordinary_words_are_not_places(name: str, kind: str, word: str) -> None:
    assert word not in forms(name, kind)


def test_the_places_beside_them_stay():
    assert {"Strait of Hormuz", "Persian Gulf region", "Jebel Ali"} <= set(places(HORMUZ, "pdf"))
    assert {"Blake Plateau", "Atlantic Ocean"} <= set(places(SEABED))
    assert places("worldbank-cambodia-scd-overview-2017", "pdf")["Solomon Islands"]["place_type"] == "country"


# -------------------------------------------------------------------- one row per place
def test_a_region_around_a_named_place_is_that_place():
    got = places(HORMUZ)
    assert "Persian Gulf" in got["Persian Gulf region"]["aliases"].split("|")


def test_features_sharing_a_name_with_different_heads_are_two():
    got = places(SEABED)
    assert "Pacific Ocean" in got and "Pacific Islands" in got


def test_an_alternate_spelling_of_a_city_is_the_city():
    # "Doba" (a city of Chad; "Doba-Douala" two cities joined by a hyphen)
    assert {"Doba", "Douala"} <= set(places("worldbank-chad-scd-french-2015"))


# ------------------------------------------------------------ development-places rules (item 5)
def test_a_city_and_its_federal_district_are_two_places():
    # "(Washington, DC: GPO, 2012)": the city and the district, as "Houston, TX" is a city and its state
    assert {"Washington", "DC"} <= mentioned_in(SEABED, "(Washington, DC: GPO")
    assert places(SEABED)["DC"]["place_type"] == "district"
    assert "Washington, DC" not in places(GFSR)


def test_city_labels_of_a_chart_are_places():
    # Figure 1.1.2's labels, one per line: "San Francisco Atlanta Dallas Washington, D.C. Toronto ..."
    assert {"San Francisco", "Atlanta", "Dallas", "Stockholm", "Seoul", "Toronto"} <= set(places(GFSR))


@pytest.mark.parametrize("name, phrase, word", [
    (GFSR, "Pandolfo, Jordan.", "Jordan"),  # "Surname, Given. 2025." in a reference
    (GFSR, "Baker, Bloom, and Davis (2016)", "Davis"),  # the year in brackets
    (GFSR, "Taylor-type rules", "Taylor"),  # an eponym
    (GFSR, "Alphabet, Amazon, Apple, Meta, Microsoft", "Meta"),  # a list of companies
    (SEABED, "Norton, McCollum, Cohen, Lofgren, Jackson", "Jackson"),  # a list of members of Congress
    (GFSR, "Federal Reserve Board of Kansas City", "Kansas City"),  # an institution of a place
    (GFSR, "Federal Reserve Bank of St. Louis", "St. Louis"),
    (GFSR, "subscribed by Kuwait Finance House", "Kuwait"),  # an organisation word ends the name
    (GFSR, "Shanghai Shenzhen CSI 300 Index", "Shenzhen"),  # an index's name
    (GFSR, "Orange areas represent net flows", "Orange"),  # an English word opening a sentence
    (TURKEY, "(Math + Reading + Science scores)", "Reading"),  # among capitalised words joined by +
    (SEABED, "American Ocean Minerals reportedly", "American Ocean"),  # a company named whole elsewhere
    (SEABED, "Including the Current State of Development", "Current State"),  # English words in a title
    (SEABED, "Korea Zinc", "Korea"),  # a short form opening a company's name
])
def test_names_of_people_organisations_and_words_are_not_places(name: str, phrase: str, word: str) -> None:
    assert word not in mentioned_in(name, phrase)


def test_the_countries_and_regions_beside_them_stay():
    got = places(GFSR)
    assert got["Korea"]["country"] == "KR"  # "Japan, Korea, Mexico": the short form of "Republic of Korea"
    assert "Hong Kong SAR" in got  # "Hong Kong SAR's new ... regime"
    assert {"euro area", "Americas", "sub-Saharan Africa", "European Union"} <= set(got)
    assert "South Korea" in places(SEABED)  # named by its full form where "Korea" opens "Korea Zinc"


def test_regions_of_a_country_named_by_compass_points():
    got = set(places(TURKEY))
    # "slower in the East and Southeast", "Osmaniye in the South", "the prosperous West"
    assert {"East", "Southeast", "South", "West"} <= got
    # listed after a region, after "regions such as", after "the most efficient regions are"
    assert {"Southeast Anatolia", "Eastern Marmara", "West Marmara"} <= got
    assert {"Aegean region", "Black Sea region"} <= got  # "the Aegean region": "the", an adjective, "region"


def test_features_with_ridge_and_rift_heads():
    assert {"Mid-Atlantic Ridge", "Galapagos Rift"} <= set(places(SEABED))


def test_a_maps_slanted_labels_interleaved_by_the_text_layer():
    # Figure 1.16's provinces set on a slant: "Ç E a d n ir a n k e T k e a k le irdağ ..."
    got = places(TURKEY)
    assert {"Çanakkale", "Edirne", "Tekirdağ", "Zonguldak", "Kastamonu", "Erzurum"} <= set(got)
    assert got["Edirne"]["country"] == "TR"
    # the letters serve one name each: no province is read twice from the fragments
    read = [m["name"] for m in _tables(TURKEY)[1] if len(m["text"]) <= 5 and m["text"] != m["name"]
            and m["name"].startswith(m["text"])]
    assert len(read) >= 20 and len(read) == len(set(read))
