"""Units of measure as reports write them, to the canonical units of the claims table.

Percent phrases, measures and durations (``data/lexicons/units.toml``), the singular of a
counted noun (lemminflect's lemma), and the rule that decides when a counted noun names people
(WordNet's nouns under person.n.01, ``data/lexicons/wordnet_people.toml``, and
``data/lexicons/people.toml``). Money is :mod:`extractor.currencies`'. Which unit a figure has is
decided in :mod:`.written_units` and :mod:`.resolution`.

Canonical units (see gold/SPEC.md): ISO 4217 codes for money (``CNY``, ``USD``, ``EUR``...),
``percent`` and ``percentage_point``, ``ratio``, singular measure names (``mu``, ``ton``, ``km``,
``hectare``, ``kwh``, ``km2``), ``year``/``month``/``week``/``day``/``hour`` for durations, and for counts
the singular of the counted noun (``county``, ``household``) or ``person`` for people.
"""
from __future__ import annotations

import functools

from lemminflect import getLemma
from spacy.tokens import Doc

from extractor.extract.claims.words import DASHES
from extractor.gazetteer import gazetteer
from extractor.language import ENGLISH, lemma
from extractor.registry import lexicon

_UNITS = lexicon("units")
_PEOPLE = lexicon("people")
_WORDNET = lexicon("wordnet_people")

#: Percent phrases written after a number -> ``percent`` or ``percentage_point``.
PERCENT_PHRASES: dict[str, str] = dict(_UNITS["percent"])
#: Measures as written after a number (lower case) -> canonical unit.
MEASURES: dict[str, str] = {form: unit for unit, forms in _UNITS["measures"].items() for form in forms}
#: Duration words -> (canonical unit, multiplier): "two decades" is 20 years.
DURATIONS: dict[str, tuple[str, int]] = {
    word: (entry["unit"], entry["multiplier"]) for word, entry in _UNITS["durations"].items()}
#: Words that may stand between a number and its duration unit: "four consecutive years".
DURATION_MODIFIERS = frozenset(_UNITS["duration_modifiers"]["words"])
#: Written after a number, a ratio: "2.5 times", "a 10-fold rise".
RATIO_PHRASES: tuple[str, ...] = tuple(_UNITS["ratio"]["phrases"])
#: Words after "N times" that make it a ratio ("2.5 times that of 2012"), not a count of occasions.
TIMES_FOLLOWERS = frozenset(_UNITS["ratio"]["times_followers"])

_IRREGULAR: dict[str, str] = dict(_PEOPLE["plurals"]["irregular"])
#: Plurals without an -s, and collective nouns counted as they are ("two million township staff").
COLLECTIVE_NOUNS = frozenset(_PEOPLE["plurals"]["collective"])
#: Collective nouns that also modify another noun: "livestock units", "staff members".
MODIFIER_COLLECTIVES = frozenset(_PEOPLE["plurals"]["modifiers"])
#: Adjectives used as nouns for groups of people: "15 million registered poor".
PEOPLE_ADJECTIVES = frozenset(_PEOPLE["people"]["adjectives"])
#: Nouns for a body of people: a bare figure they reach counts persons ("the population reached 1.4 billion").
POPULATION_NOUNS = frozenset(_PEOPLE["people"]["populations"])
#: Nouns that count people which WordNet files elsewhere: "staff", "police", "cadres".
PEOPLE_NOUNS = frozenset(_PEOPLE["people"]["nouns"])
#: Suffixes of agent nouns (someone who does something): worker, specialist, applicant, trainee.
AGENT_SUFFIXES = tuple(_PEOPLE["agents"]["suffixes"])
#: Endings of nouns that name things even with an agent suffix: "payment", "register".
_THING_ENDINGS = tuple(_PEOPLE["agents"]["thing_endings"])
#: Nouns WordNet makes people that reports count as things: "printers", "carriers".
NON_AGENTS = frozenset(_PEOPLE["agents"]["not_people"])
#: WordNet's nouns for people (``wordnet_people.toml``): the common nouns whose most frequent sense
#: is a person, the nouns with an agent suffix whose most frequent sense is not, and the capitalised
#: nouns for nationalities, peoples and faiths.
WORDNET_PEOPLE = frozenset(_WORDNET["people"]["nouns"])
WORDNET_THINGS = frozenset(_WORDNET["things"]["nouns"])
WORDNET_GROUPS = frozenset(_WORDNET["groups"]["nouns"])
#: Words that count persons in Spanish and French reports, by their dictionary form.
FOREIGN_PEOPLE: dict[str, frozenset[str]] = {
    language: frozenset(words) for language, words in _PEOPLE["other_languages"].items()}


@functools.lru_cache(maxsize=4096)
def singular(noun: str) -> str:
    """The singular of an English count noun, by lemminflect's lemmatizer: ``"counties"`` ->
    ``"county"``, ``"midwives"`` -> ``"midwife"``; "people" counts persons."""
    n = noun.lower()
    if n in _IRREGULAR:
        return _IRREGULAR[n]
    lemmas = getLemma(n, upos="NOUN")
    return lemmas[0] if lemmas and lemmas[0] else n


def looks_plural(word: str) -> bool:
    """Whether ``word`` (lower-case) reads as a plural or collective count noun."""
    w = word.lower()
    if w in COLLECTIVE_NOUNS:
        return True
    if w.endswith("men") and len(w) > 4:
        return True
    if len(w) > 3 and w.endswith("is") and w.isalpha():
        return singular(w) == w[:-1]  # "Iraqis", "Pakistanis" (but "analysis", "basis")
    return (len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous", "'s", "’s"))
            and w.isalpha())


def is_person(noun: str, capitalised: bool = False) -> bool:
    """Whether a counted noun (any number) names people, by role, nationality or morphology.

    WordNet decides for the nouns it knows (:data:`WORDNET_PEOPLE`: "midwives", "users",
    "schoolgirls"; a capitalised noun, ``capitalised``, also by :data:`WORDNET_GROUPS` or as an
    adjective of nationality the gazetteer knows: "Afghans", "Syrians"), with the groups counted by
    their members ("staff") and adjectives used as nouns ("the poor") beside it; a noun WordNet
    lacks names people when it is an agent noun (-er, -or, -ist, -ant, -ent, -ee ...:
    "pastoralists", "policymakers").
    """
    s = singular(noun)
    if s in NON_AGENTS:
        return False
    if s in PEOPLE_NOUNS or s in PEOPLE_ADJECTIVES or s in WORDNET_PEOPLE:
        return True
    if capitalised:
        name = s[:1].upper() + s[1:]
        if name in WORDNET_GROUPS or gazetteer().demonym_country(name):
            return True
    if s in WORDNET_THINGS or len(s) < 5 or s.endswith(_THING_ENDINGS):
        return False
    return s.endswith(AGENT_SUFFIXES)


def count_unit(noun: str, capitalised: bool = False) -> str:
    """The canonical unit of a count: ``"person"`` for people, a measure's canonical unit
    ("62 additional megawatts" -> ``mw``), else the noun's singular."""
    if is_person(noun, capitalised):
        return "person"
    return MEASURES.get(noun.lower()) or singular(noun)


def foreign_count_unit(noun: str, language: str) -> str:
    """The canonical unit of a count in a Spanish or French report: ``"person"`` for the words
    that count persons by any role (``people.toml``), a measure's unit, else the noun's
    dictionary form ("178 pays" -> ``pays``, "1 084 décès" -> ``décès``), which no English
    plural rule can give."""
    base = lemma(noun, language)
    if base in FOREIGN_PEOPLE.get(language, ()):
        return "person"
    return MEASURES.get(noun) or MEASURES.get(base) or base


def count_unit_at(doc: Doc, i: int) -> str:
    """The unit of a count from its head noun, token ``i``; a hyphenated head keeps its first
    part ("mini-grid"). In a report in another language than English, by that language's
    dictionary (:func:`foreign_count_unit`)."""
    language = doc._.report_language
    if language != ENGLISH:
        return foreign_count_unit(doc[i].lower_, language)
    unit = count_unit(doc[i].lower_, doc[i].text[:1].isupper() and not doc[i].is_sent_start)
    if unit != "person" and i >= 2 and doc[i - 1].text in DASHES and not doc[i - 1].whitespace_ \
            and not doc[i - 2].whitespace_ and doc[i - 2].is_alpha:
        return f"{doc[i - 2].lower_}-{unit}"
    return unit
