"""Currencies, one place for every rule that reads money: ISO 4217 codes and names from
pycountry, the symbols and everyday names reports write from ``data/lexicons/currencies.toml``."""
from __future__ import annotations

import re

import pycountry

from extractor.registry import lexicon

_LEXICON = lexicon("currencies")
_NOT_CURRENCIES = frozenset(_LEXICON["codes"]["not_currencies"])

#: Symbols and abbreviations written before an amount -> ISO code: "$", "€", "Rs".
SYMBOLS: dict[str, str] = dict(_LEXICON["symbols"])
#: Symbols written as two tokens -> ISO code: "US $".
SPACED_SYMBOLS: dict[str, str] = dict(_LEXICON["spaced_symbols"])
#: Codes that stand for an ISO code: "RMB" -> "CNY".
CODE_ALIASES: dict[str, str] = dict(_LEXICON["code_aliases"])
#: Upper-case codes read as a currency before or after an amount: ISO 4217 less the codes that
#: are ordinary words, plus the aliases.
CODES: frozenset[str] = frozenset(
    c.alpha_3 for c in pycountry.currencies if c.alpha_3 not in _NOT_CURRENCIES) | frozenset(CODE_ALIASES)


def iso_code(code: str) -> str:
    """A code as written, as its ISO code: "RMB" -> "CNY"."""
    return CODE_ALIASES.get(code, code)


def _plural(name: str) -> str:
    plurals = _LEXICON["plurals"]
    last = name.rsplit(" ", 1)[-1]
    if last.endswith(("s", "x", "z")) or last in plurals["invariant"]:
        return name
    if last in plurals["irregular"]:
        return name[: -len(last)] + plurals["irregular"][last]
    if last.endswith("y"):
        return name[:-1] + "ies"
    return name + "s"


def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    x_currencies = set(_LEXICON["codes"]["x_currencies"])
    for currency in pycountry.currencies:
        code = currency.alpha_3
        if code in _NOT_CURRENCIES or code.startswith("X") and code not in x_currencies:
            continue
        names.setdefault(re.sub(r"\s*\(.*\)", "", currency.name).lower(), code)
    names.update(_LEXICON["names"])
    for name, code in list(names.items()):
        names.setdefault(_plural(name), code)
    for word in _LEXICON["ambiguous"]["words"]:
        names.pop(word, None)
        names.pop(word + "s", None)
    return names


#: Lower-case names written after an amount, singular and plural -> ISO code: "yuan", "euros".
NAMES: dict[str, str] = _names()
