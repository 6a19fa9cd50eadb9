"""Units of measure as reports write them, to the canonical units of the claims table.

A pure module (no spaCy): lexicons of currencies, percent phrases, measures and durations, the
singular of a counted noun, and the rule that decides when a counted noun names people.

Canonical units (see gold/SPEC.md): ISO 4217 codes for money (``CNY``, ``USD``, ``EUR``...),
``percent`` and ``percentage_point``, ``ratio``, singular measure names (``mu``, ``ton``, ``km``,
``hectare``, ``kwh``, ``km2``), ``year``/``month``/``week``/``day``/``hour`` for durations, and for counts
the singular of the counted noun (``county``, ``household``) or ``person`` for people.
"""
from __future__ import annotations

import re

import pycountry

from extractor.word_memo import word_memo

# --------------------------------------------------------------------------------------- money
#: Symbols written before the amount.
CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "US$": "USD", "U.S.$": "USD", "HK$": "HKD", "A$": "AUD", "AU$": "AUD", "C$": "CAD",
    "CA$": "CAD", "NZ$": "NZD", "S$": "SGD", "NT$": "TWD", "R$": "BRL", "€": "EUR", "£": "GBP",
    "¥": "CNY", "￥": "CNY", "₹": "INR", "₩": "KRW", "₦": "NGN", "₽": "RUB", "₱": "PHP", "₫": "VND",
    "฿": "THB", "RMB": "CNY", "Rs": "INR", "Rs.": "INR",
    # local abbreviations written before the amount: taka, rupiah, ringgit, ngultrum
    "Tk": "BDT", "Tk.": "BDT", "Rp": "IDR", "Rp.": "IDR", "RM": "MYR", "Nu.": "BTN",
}
#: ISO 4217 codes that are also ordinary upper-case words; not taken as currencies.
_CODE_WORDS = {"ALL", "TOP", "SDG", "XXX", "XTS"}
CURRENCY_CODES: frozenset[str] = frozenset(
    c.alpha_3 for c in pycountry.currencies if c.alpha_3 not in _CODE_WORDS
) | {"RMB"}

_NAME_ALIASES: dict[str, str] = {
    "yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "chinese yuan": "CNY", "yuan renminbi": "CNY",
    "dollar": "USD", "us dollar": "USD", "u.s. dollar": "USD", "american dollar": "USD",
    "united states dollar": "USD", "euro": "EUR", "pound sterling": "GBP", "british pound": "GBP",
    "pound": "GBP", "sterling": "GBP", "yen": "JPY", "japanese yen": "JPY", "rupee": "INR",
    "indian rupee": "INR", "ruble": "RUB", "rouble": "RUB", "russian rouble": "RUB", "swiss franc": "CHF",
    "cfa franc": "XOF", "real": "BRL", "reais": "BRL", "brazilian reais": "BRL", "rand": "ZAR",
    "south african rand": "ZAR", "korean won": "KRW", "south korean won": "KRW", "kip": "LAK",
    "ringgit": "MYR", "peso": "MXN", "hong kong dollar": "HKD",
}
#: Names of currencies written after the amount, lower-case, singular and plural.
CURRENCY_NAMES: dict[str, str] = {}


def _plural_name(name: str) -> str:
    last = name.rsplit(" ", 1)[-1]
    if last.endswith(("s", "x", "z")) or last in ("yuan", "yen", "won", "rand", "kip", "baht", "renminbi",
                                                   "kyat", "riel", "dong", "taka", "naira", "birr", "tenge",
                                                   "rupiah", "ringgit", "sterling", "rmb", "vatu", "kina"):
        return name
    if last.endswith("y"):
        return name[:-1] + "ies"
    if last == "real":
        return name[:-4] + "reais"
    return name + "s"


for _c in pycountry.currencies:
    if _c.alpha_3 in _CODE_WORDS or _c.alpha_3.startswith("X") and _c.alpha_3 not in ("XOF", "XAF", "XCD"):
        continue
    _n = re.sub(r"\s*\(.*\)", "", _c.name).lower()
    CURRENCY_NAMES.setdefault(_n, _c.alpha_3)
for _n, _code in _NAME_ALIASES.items():
    CURRENCY_NAMES[_n] = _code
for _n, _code in list(CURRENCY_NAMES.items()):
    CURRENCY_NAMES.setdefault(_plural_name(_n), _code)
# Ambiguous single words that are only money after an amount when nothing else fits.
for _n in ("won", "real", "sol", "som", "sum", "pula", "tala", "lari", "lek", "leu", "mark", "rial", "dram"):
    CURRENCY_NAMES.pop(_n, None)
    CURRENCY_NAMES.pop(_n + "s", None)

# ------------------------------------------------------------------------------------- percent
PERCENT_PHRASES: dict[str, str] = {
    "%": "percent", "percent": "percent", "per cent": "percent", "per-cent": "percent", "pct": "percent",
    "percentage point": "percentage_point", "percentage points": "percentage_point",
    "percentage-point": "percentage_point", "percent point": "percentage_point",
    "percent points": "percentage_point", "pp": "percentage_point", "ppt": "percentage_point",
    "ppts": "percentage_point",
}

# ------------------------------------------------------------------------------------ measures
MEASURES: dict[str, str] = {}
for _unit, _forms in {
    "mu": ("mu",),
    "hectare": ("hectare", "hectares", "ha"),
    "acre": ("acre", "acres"),
    "ton": ("ton", "tons", "tonne", "tonnes", "metric ton", "metric tons", "metric tonne", "metric tonnes"),
    "kg": ("kg", "kilogram", "kilograms", "kilogramme", "kilogrammes", "kgs"),
    "jin": ("jin",),
    "km": ("km", "kilometer", "kilometers", "kilometre", "kilometres", "kms"),
    "meter": ("meter", "meters"),
    "metre": ("metre", "metres"),  # the report's own spelling, as for liter/litre
    "mm": ("mm", "millimeter", "millimeters", "millimetre", "millimetres"),
    "cm": ("cm", "centimeter", "centimeters", "centimetre", "centimetres"),
    "celsius": ("°c", "° c", "degrees celsius", "degree celsius", "degrees centigrade", "celsius"),
    "fahrenheit": ("°f", "° f", "degrees fahrenheit", "degree fahrenheit", "fahrenheit"),
    "degree": ("degree", "degrees"),
    "mile": ("mile", "miles"),
    "km2": ("km2", "km²", "sq km", "square kilometer", "square kilometers", "square kilometre",
            "square kilometres"),
    "m2": ("m2", "m²", "square meter", "square meters", "square metre", "square metres", "sq m"),
    "m3": ("m3", "m³", "cubic meter", "cubic meters", "cubic metre", "cubic metres"),
    "liter": ("liter", "liters"),
    # water supply rates are units of their own: litres per capita per day, million litres per day
    "lpcd": ("lpcd", "litres per capita per day", "liters per capita per day", "litre per capita per day",
             "liter per capita per day", "litres per person per day", "liters per person per day"),
    "mld": ("mld",),
    "mg/l": ("mg/l", "milligrams per litre", "milligrams per liter", "milligram per litre", "milligram per liter"),
    "litre": ("litre", "litres"),
    "kwh": ("kwh", "kilowatt-hour", "kilowatt-hours", "kilowatt hour", "kilowatt hours"),
    "mwh": ("mwh", "megawatt-hour", "megawatt-hours", "megawatt hours"),
    "gwh": ("gwh", "gigawatt-hour", "gigawatt-hours", "gigawatt hours"),
    "twh": ("twh", "terawatt-hour", "terawatt-hours", "terawatt hours"),
    "kw": ("kw", "kilowatt", "kilowatts"),
    "kv": ("kv", "kilovolt", "kilovolts"),
    "mw": ("mw", "megawatt", "megawatts"),
    "gw": ("gw", "gigawatt", "gigawatts"),
    "barrel": ("barrel", "barrels"),
    "teu": ("teu", "teus"),
}.items():
    for _f in _forms:
        MEASURES[_f] = _unit

# ----------------------------------------------------------------------------------- durations
#: Duration words -> (canonical unit, multiplier): "two decades" is 20 years.
DURATIONS: dict[str, tuple[str, int]] = {
    "year": ("year", 1), "years": ("year", 1), "month": ("month", 1), "months": ("month", 1),
    "week": ("week", 1), "weeks": ("week", 1), "day": ("day", 1), "days": ("day", 1),
    "hour": ("hour", 1), "hours": ("hour", 1), "minute": ("minute", 1), "minutes": ("minute", 1),
    "decade": ("year", 10), "decades": ("year", 10), "century": ("year", 100), "centuries": ("year", 100),
}
#: Words that may stand between a number and its duration unit: "four consecutive years".
DURATION_MODIFIERS = frozenset({"consecutive", "successive", "straight", "full", "whole", "more",
                                "additional", "further", "running", "calendar", "fiscal"})

# -------------------------------------------------------------------------------------- counts
_IRREGULAR = {
    "people": "person", "persons": "person", "children": "child", "men": "man", "women": "woman",
    "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose", "data": "data", "media": "media",
    "criteria": "criterion", "phenomena": "phenomenon", "alumni": "alumnus", "crises": "crisis",
    "analyses": "analysis", "theses": "thesis", "hypotheses": "hypothesis", "diagnoses": "diagnosis",
    "series": "series", "species": "species", "buses": "bus", "gases": "gas", "lenses": "lens",
    "campuses": "campus", "viruses": "virus", "bonuses": "bonus", "censuses": "census", "statuses": "status",
    "biases": "bias", "atlases": "atlas", "corpuses": "corpus", "focuses": "focus", "surpluses": "surplus",
    "staff": "staff", "personnel": "personnel",
    "livestock": "livestock", "cattle": "cattle", "police": "police", "youth": "youth", "poultry": "poultry",
    "aircraft": "aircraft", "headquarters": "headquarters", "means": "means", "news": "news",
}
#: Plurals without an -s, and collective nouns counted as they are ("two million township staff").
COLLECTIVE_NOUNS = frozenset({"people", "children", "men", "women", "staff", "personnel", "livestock", "cattle",
                              "police", "poultry", "aircraft", "alumni", "feet", "teeth", "mice", "geese",
                              "criteria", "phenomena", "crises", "analyses", "theses", "hypotheses", "diagnoses"})
#: Adjectives used as nouns for groups of people: "15 million registered poor".
PEOPLE_ADJECTIVES = frozenset({"poor", "elderly", "needy", "unemployed", "disabled", "homeless", "rich",
                               "wealthy", "young", "aged", "sick", "injured", "dead", "displaced", "vulnerable",
                               "underprivileged", "deceased", "jobless", "illiterate"})
#: Nouns for a body of people: a bare figure they reach counts persons ("the population reached 1.4 billion").
POPULATION_NOUNS = frozenset({"population", "populations", "workforce", "headcount", "membership", "enrolment",
                              "enrollment", "turnout", "attendance", "audience", "electorate", "labour", "labor"})
#: Generic nouns for people that no suffix rule finds.
PEOPLE_NOUNS = frozenset({
    "person", "individual", "resident", "citizen", "inhabitant", "native", "local", "national", "child", "kid",
    "adult", "youth", "man", "woman", "boy", "girl", "baby", "infant", "toddler", "adolescent", "teen",
    "elder", "senior", "staff", "personnel", "member", "official", "cadre", "secretary", "expert", "scholar",
    "student", "pupil", "graduate", "alumnus", "professional", "specialist", "technician", "volunteer",
    "patient", "nurse", "doctor", "physician", "surgeon", "migrant", "refugee", "tourist", "visitor", "guest",
    "peasant", "beneficiary", "recipient", "victim", "survivor", "civilian", "soldier", "troop", "police",
    "candidate", "delegate", "representative", "agent", "client", "parent", "mother", "father",
    "spouse", "widow", "widower", "orphan", "worker", "employee", "people", "mentor", "tutor", "trader",
    "buyer", "fighter", "infant", "recipient", "minor",
    "dignitary", "missionary", "functionary", "emissary", "notary", "adversary", "colleague", "friend",
    "villager", "herdsman", "fisherman", "craftsman", "chairman", "layperson", "human", "pensioner", "retiree",
    "disabled", "poor", "elderly", "needy", "unemployed", "homeless", "youngster", "minister", "hero",
    "heroine", "academic", "athlete", "nomad", "pilgrim", "monk", "nun", "priest", "chief", "captain",
    "head", "host", "judge", "cook", "chef", "coach", "pilot", "poet", "scientist", "vet", "veteran",
    "clerk", "nurse", "guard", "scout", "ranger", "pupil", "cadet", "intern", "apprentice", "artisan", "smallholder",
    "pastoralist", "mayor", "governor", "senator", "deputy", "envoy", "diplomat", "ambassador", "president",
    "tenant", "landlord", "owner", "householder", "breadwinner", "caregiver", "carer", "midwife", "midwives",
    "fisher", "hunter", "nomad", "herder", "shepherd", "porter", "driver", "miner", "welder", "mason",
})
#: Suffixes of agent nouns (someone who does something): worker, specialist, applicant, trainee.
AGENT_SUFFIXES = ("er", "or", "ist", "ant", "ent", "ee", "eer", "ian", "eur", "ier", "yer", "man", "woman")
#: Common nouns with those suffixes that name things, not people.
NON_AGENTS = frozenset("""
    center centre cluster computer container chamber corner border water number order paper letter layer power
    tower river meter liter litre quarter shelter filter matter register barrier winter summer character chapter
    theater theatre cancer fiber fibre finger dinner banner folder trailer cylinder disorder fever flower gender
    ledger lever liver manner master monster oyster poster roster silver sister slaughter sticker thunder timber
    voucher wafer weather wonder answer buffer charter cover cracker daughter diaper dollar feather fertilizer
    fertiliser header heater helicopter hunger pepper printer router rubber scanner server shower sugar tanker
    transformer boulder powder ladder hammer laser locker marker parameter diameter kilometer kilometre
    centimeter thermometer carrier frontier tier pier litter polder binder blender burner cooker dryer freezer
    refrigerator generator destroyer bomber cruiser steamer freighter trawler harvester seeder sprayer planter
    cultivator tiller mower thresher cutter digger loader mixer beer cider lager liquor ether gear year ear bear
    deer pear sector factor motor indicator corridor reactor elevator calculator error floor door color colour
    mirror harbor harbour vapor labor labour flavor favor honor humor rumor vector processor monitor detector
    sensor incubator accelerator conductor semiconductor tractor ventilator radiator compressor excavator
    escalator simulator meteor anchor armor behavior behaviour terror horror tumor tumour manor interior
    exterior plant grant restaurant element segment event content extent talent continent component percent
    cent incident accident patent moment present comment current gradient coefficient ingredient nutrient
    amount account implant pollutant variant pendant elephant quadrant warrant covenant constant descent
    parliament tournament torrent stent tent rent scent dent vent solvent deterrent fee tree degree guarantee
    committee coffee jubilee knee decree pedigree toffee levee career veneer median meridian list checklist
    playlist shortlist whitelist blacklist wishlist mist wrist fist twist gist
""".split())


def singular(noun: str) -> str:
    """The singular of an English count noun: ``"counties"`` -> ``"county"``."""
    n = noun.lower()
    if n in _IRREGULAR:
        return _IRREGULAR[n]
    if n.endswith("men") and len(n) > 4:
        return n[:-3] + "man"
    if n.endswith("ies") and len(n) > 4:
        return n[:-3] + "y"
    if n.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return n[:-2]
    if n.endswith("s") and not n.endswith(("ss", "us", "is")) and len(n) > 2:
        return n[:-1]
    return n


@word_memo
def looks_plural(word: str) -> bool:
    """Whether ``word`` (lower-case) reads as a plural or collective count noun (remembered per word)."""
    w = word.lower()
    if w in COLLECTIVE_NOUNS:
        return True
    if w.endswith("men") and len(w) > 4:
        return True
    return (len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous", "'s", "’s"))
            and w.isalpha())


def is_person(noun: str) -> bool:
    """Whether a counted noun (any number) names people, by role or morphology.

    Generic people nouns (``residents``, ``children``, ``staff``), adjectives used as nouns
    (``the poor``) and agent nouns made with -er/-or/-ist/-ant/-ent/-ee/-eer/-ian (``workers``,
    ``farmers``, ``specialists``, ``applicants``, ``trainees``), less a list of common nouns with
    those endings that name things (``centers``, ``sectors``, ``plants``, ``departments``).
    """
    s = singular(noun)
    if s in PEOPLE_NOUNS or s in PEOPLE_ADJECTIVES:
        return True
    if s in NON_AGENTS or len(s) < 5 or s.endswith(("ment", "ster", "meter", "metre")):
        return False
    return s.endswith(AGENT_SUFFIXES)


@word_memo
def count_unit(noun: str) -> str:
    """The canonical unit of a count: ``"person"`` for people, else the noun's singular
    (remembered per noun, a lexical property like spaCy's lexeme attributes)."""
    return "person" if is_person(noun) else singular(noun)
