"""Units of measure as reports write them, to the canonical units of the claims table.

Percent phrases, measures and durations (``data/lexicons/units.toml``), the singular of a
counted noun, and the rule that decides when a counted noun names people
(``data/lexicons/people.toml``). Money is :mod:`extractor.currencies`'. Which unit a figure has is
decided in :mod:`.written_units` and :mod:`.resolution`.

Canonical units (see gold/SPEC.md): ISO 4217 codes for money (``CNY``, ``USD``, ``EUR``...),
``percent`` and ``percentage_point``, ``ratio``, singular measure names (``mu``, ``ton``, ``km``,
``hectare``, ``kwh``, ``km2``), ``year``/``month``/``week``/``day``/``hour`` for durations, and for counts
the singular of the counted noun (``county``, ``household``) or ``person`` for people.
"""
from __future__ import annotations

from spacy.tokens import Doc

from extractor.extract.claims.words import DASHES
from extractor.registry import lexicon

_UNITS = lexicon("units")
_PEOPLE = lexicon("people")

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
#: Generic nouns for people that no suffix rule finds.
PEOPLE_NOUNS = frozenset(_PEOPLE["people"]["nouns"])
#: Suffixes of agent nouns (someone who does something): worker, specialist, applicant, trainee.
AGENT_SUFFIXES = tuple(_PEOPLE["agents"]["suffixes"])
#: Endings of nouns that name things even with an agent suffix: "payment", "register".
_THING_ENDINGS = tuple(_PEOPLE["agents"]["thing_endings"])
#: Common nouns with those suffixes that name things, not people.
NON_AGENTS = frozenset(_PEOPLE["agents"]["not_people"])


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


def looks_plural(word: str) -> bool:
    """Whether ``word`` (lower-case) reads as a plural or collective count noun."""
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
    if s in NON_AGENTS or len(s) < 5 or s.endswith(_THING_ENDINGS):
        return False
    return s.endswith(AGENT_SUFFIXES)


def count_unit(noun: str) -> str:
    """The canonical unit of a count: ``"person"`` for people, else the noun's singular."""
    return "person" if is_person(noun) else singular(noun)


def count_unit_at(doc: Doc, i: int) -> str:
    """The unit of a count from its head noun, token ``i``; a hyphenated head keeps its first
    part ("mini-grid")."""
    unit = count_unit(doc[i].lower_)
    if unit != "person" and i >= 2 and doc[i - 1].text in DASHES and not doc[i - 1].whitespace_ \
            and not doc[i - 2].whitespace_ and doc[i - 2].is_alpha:
        return f"{doc[i - 2].lower_}-{unit}"
    return unit
