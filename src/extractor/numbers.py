"""Numbers as reports write them, to plain values: a pure module (no spaCy); its word tables are
data, ``data/lexicons/numbers.toml``.

``parse_number`` reads one written number: digits with thousands separators and decimals
(``"17,522"``, ``"33.05"``), a scale word or abbreviation (``"33.05 million"``, ``"1.7 trillion"``,
``"5.5bn"``), number words (``"three million"``, ``"twenty-five"``, ``"one hundred and five"``,
``"a dozen"``, ``"half a million"``) and a trailing percent sign or phrase (``"24.7%"``,
``"24.7 per cent"``), which does not change the value. Values are computed with
:class:`~decimal.Decimal`, so ``"33.05 million"`` is exactly ``33050000``.

The word tables (cardinals, scales, multipliers, fractions) and :data:`NUMBER_TOKEN` are shared
with the claims extractor, which reads numbers token by token from the parsed text.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from extractor.registry import lexicon

_LEXICON = lexicon("numbers")
#: Cardinal number words up to nineteen (``zero`` is left out: "zero tariffs" is not a count).
UNITS: dict[str, int] = dict(_LEXICON["ones"])
TENS: dict[str, int] = dict(_LEXICON["tens"])
#: Scale words ("million", "crore") and the abbreviations reports glue to digits ("5.5bn").
SCALES: dict[str, int] = dict(_LEXICON["scales"])
SCALE_ABBREVIATIONS: dict[str, int] = dict(_LEXICON["scale_abbreviations"])
#: Words that stand for a number on their own ("a dozen", "half a million").
COUNT_WORDS: dict[str, int] = dict(_LEXICON["count_words"])
#: Words that state a ratio ("more than double that of adults").
MULTIPLIERS: dict[str, int] = dict(_LEXICON["multipliers"])
#: Fraction words and their denominators ("two-thirds of", "a quarter of", "half of").
FRACTIONS: dict[str, int] = dict(_LEXICON["fractions"])

NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS)

#: Digits as written: Western thousands grouping ("1,234,567"), South Asian lakh/crore grouping
#: (a group of three on the right, groups of two before it: "2,77,000", "1,23,45,678"), plain
#: digits and decimals.
DIGITS = (r"[1-9]\d?(?:,\d\d)+,\d{3}(?:\.\d+)?|[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
          # as Spanish and French reports write them: "1.234.567,8", "1.234.567", "2,4", "0,376"
          r"|\d{1,3}(?:\.\d{3})+,\d+|\d{1,3}(?:\.\d{3}){2,}|\d+,\d{1,2}(?!\d)|0,\d+")
_DIGITS_RE = re.compile(rf"^(?:{DIGITS})$")
#: Numbers whose form tells they are written with a decimal comma: "1.234,5", "1.234.567", "2,4",
#: "0,376" (thousands are never grouped after a zero).
_COMMA_DECIMAL_FORM = re.compile(r"\d{1,3}(?:\.\d{3})+,\d+|\d{1,3}(?:\.\d{3}){2,}|\d+,\d{1,2}|0,\d+")
#: A point and three digits: thousands or a decimal, as the report writes ("25.675").
_DOTTED_THOUSAND = re.compile(r"\d{1,3}\.\d{3}")
#: The decimals a text writes, with a comma and with a point ("2,4", "2.4"), to tell its convention.
_DECIMAL_COMMAS = re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d,])")
_DECIMAL_POINTS = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.])")
_CONVENTIONS = _LEXICON["conventions"]


@dataclass(frozen=True)
class Convention:
    """How a report writes the numbers whose form does not tell: "470 000" is one number with
    ``spaced_thousands``; "25.675" is 25675 with ``dotted_thousands``, else 25.675."""

    spaced_thousands: bool = False
    dotted_thousands: bool = False


ENGLISH = Convention()


def convention_of(text: str) -> Convention:
    """The convention of a report's text, by its share of decimal commas among its decimals
    (``numbers.toml`` [conventions])."""
    commas = len(_DECIMAL_COMMAS.findall(text))
    points = len(_DECIMAL_POINTS.findall(text))
    share = commas / (commas + points) if commas else 0.0
    return Convention(spaced_thousands=share >= _CONVENTIONS["spaced_thousands_share"],
                      dotted_thousands=share >= _CONVENTIONS["dotted_thousands_share"])
_ABBREV = "|".join(sorted(SCALE_ABBREVIATIONS, key=len, reverse=True))
#: A token that is a number, possibly glued to a currency, a sign, a second number or a scale
#: abbreviation, as spaCy's tokenizer leaves it: "17,522", "US$4.7", "~5", "5–10", "5.5bn", "5,000+".
NUMBER_TOKEN = re.compile(
    r"^(?P<cur>" + "|".join(re.escape(c) for c in _LEXICON["figures"]["glued_currencies"]) + r")?"
    r"(?P<pre>[~+±≈\-\u2212])?(?P<a>" + DIGITS + r")(?:(?P<dash>[-\u2010-\u2015~])(?P<b>" + DIGITS + r"))?"
    r"(?P<suf>" + _ABBREV + r"|\+)?$"
)
_PERCENT_TAIL = re.compile(r"\s*(?:%|per[\s-]?cent|pct)\.?\s*$", re.IGNORECASE)
_DIGIT_FORM = re.compile(
    rf"^(?P<num>{DIGITS})\s*(?:(?P<abbr>{_ABBREV})\b|(?P<words>[a-z][a-z\s-]*))?$", re.IGNORECASE
)


def parse_digits(text: str, convention: Convention = ENGLISH) -> Decimal | None:
    """``"17,522"`` -> 17522, ``"33.05"`` -> 33.05, ``"2,4"`` -> 2.4, ``"1.234.567"`` -> 1234567,
    ``"25.675"`` -> 25675 with ``convention.dotted_thousands``; None unless ``text`` is digits only."""
    t = text.strip()
    if not _DIGITS_RE.match(t):
        return None
    if _COMMA_DECIMAL_FORM.fullmatch(t) or convention.dotted_thousands and _DOTTED_THOUSAND.fullmatch(t):
        t = t.replace(".", "").replace(",", ".")
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        return None


def words_value(words: Sequence[str]) -> int | None:
    """The value of a sequence of number words, or None when it is not one number.

    ``["three", "million"]`` -> 3000000, ``["twenty", "-", "five"]`` -> 25,
    ``["one", "hundred", "and", "five"]`` -> 105, ``["a", "dozen"]`` -> 12,
    ``["half", "a", "million"]`` -> 500000, ``["two", "lakh", "crore"]`` -> 2 * 10**12. Hyphens
    are ignored; "and" is allowed only after "hundred" or a scale word, and "a" only before a
    scale word. A scale word right after a smaller one multiplies everything before it (South
    Asian "lakh crore" = 10**12, "thousand crore" = 10**10, British "thousand million").
    """
    ws = [w.lower() for w in words if w not in ("-", "\u2010", "\u2011")]
    if not ws:
        return None
    half = False
    if ws[0] == "half" and len(ws) >= 3 and ws[1] == "a" and ws[2] in SCALES:
        half, ws = True, ws[1:]
    total = current = 0
    seen_any = False
    prev = ""
    for i, w in enumerate(ws):
        if w == "a":
            if i + 1 >= len(ws) or (ws[i + 1] not in SCALES and ws[i + 1] not in COUNT_WORDS) or seen_any:
                return None
            current = 1
        elif w == "and":
            if prev not in SCALES or i + 1 >= len(ws) or ws[i + 1] not in NUMBER_WORDS:
                return None
        elif w in UNITS:
            if prev in UNITS or (prev in TENS and UNITS[w] >= 10):
                return None
            current += UNITS[w]
        elif w in TENS:
            if prev in UNITS or prev in TENS:
                return None
            current += TENS[w]
        elif w in COUNT_WORDS:
            current = (current or 1) * COUNT_WORDS[w]
        elif w == "hundred":
            if current % 100 == 0 and current:
                return None
            current = (current or 1) * 100
        elif w in SCALES:
            if prev in SCALES and prev != "hundred":
                if SCALES[prev] >= SCALES[w] or current:
                    return None
                total *= SCALES[w]  # "lakh crore": a compound scale
            else:
                total += (current or 1) * SCALES[w]
            current = 0
        else:
            return None
        seen_any = True
        prev = w
    if prev in ("a", "and"):
        return None
    value = total + current
    return value // 2 if half else value


def parse_number(text: str) -> float | None:
    """One written number to its value, fully scaled; None when ``text`` is not a number.

    >>> parse_number("33.05 million"), parse_number("17,522"), parse_number("three million")
    (33050000.0, 17522.0, 3000000.0)
    >>> parse_number("24.7 per cent"), parse_number("5.5bn"), parse_number("twenty-five")
    (24.7, 5500000000.0, 25.0)
    """
    value = parse_decimal(text)
    return None if value is None else float(value)


def parse_decimal(text: str) -> Decimal | None:
    """:func:`parse_number` as an exact :class:`~decimal.Decimal`."""
    t = _PERCENT_TAIL.sub("", " ".join(text.split()))
    if not t:
        return None
    m = _DIGIT_FORM.match(t)
    if m:
        base = parse_digits(m.group("num"))
        if base is None:
            return None
        if m.group("abbr"):
            return base * SCALE_ABBREVIATIONS[m.group("abbr").lower()]
        if m.group("words"):
            words = re.findall(r"[a-z]+|-", m.group("words").lower())
            scale = words_value(words) if all(w in SCALES for w in words) else None
            if scale is None:
                return None
            return base * scale
        return base
    value = words_value(re.findall(r"[a-z]+|-", t.lower()) if re.fullmatch(r"[A-Za-z\s-]+", t) else [])
    return None if value is None else Decimal(value)


def fraction_value(words: Sequence[str]) -> Decimal | None:
    """``["two", "-", "thirds"]`` -> 2/3, ``["a", "quarter"]`` -> 0.25, ``["half"]`` -> 0.5."""
    ws = [w.lower() for w in words if w not in ("-", "\u2010", "\u2011")]
    if not ws or ws[-1] not in FRACTIONS:
        return None
    head = ws[:-1]
    if not head:
        numerator = 1 if ws[-1] == "half" else None
    elif head in (["a"], ["an"], ["one"]):
        numerator = 1
    else:
        numerator = words_value(head)
    if numerator is None or (numerator > 1) != ws[-1].endswith("s") and ws[-1] != "halves":
        return None
    return Decimal(numerator) / Decimal(FRACTIONS[ws[-1]])


def scale_value(word: str) -> int | None:
    """``"million"`` -> 10**6; also the glued abbreviations (``"bn"``); None otherwise."""
    w = word.lower()
    return SCALES.get(w) or SCALE_ABBREVIATIONS.get(w)


_YEAR_TEXT = re.compile(r"1[5-9]\d\d|20\d\d|2100")


def is_year(value: Decimal | float, text: str) -> bool:
    """A four-digit calendar year as written (``"2024"``), not ``"2,024"`` nor ``"2024.5"``."""
    return _YEAR_TEXT.fullmatch(text.strip()) is not None and float(value) == int(text)


#: The largest magnitude a claim's value is stored with. Past it a printed figure is a typo or
#: hostile text, not a quantity: a thousand times the largest figure any report states (world GDP
#: written in the weakest currencies, ~1e19; the largest banknote ever printed, 1e20 pengő), and
#: far inside float64 (~1.8e308), so no sum or ratio of stored values overflows.
MAX_ABS_VALUE = Decimal("1e23")
#: ``claims.value_flag`` of a figure whose value is not stored (output/README.md).
OUT_OF_RANGE = "out_of_range"


def stored_value(value: Decimal | int | float) -> tuple[float | None, str | None]:
    """A claim's value as it is stored, and its flag: ``(float, None)``, or ``(None,
    "out_of_range")`` for a value beyond :data:`MAX_ABS_VALUE` (``"1"`` and 400 zeros, which a
    float would hold as ``inf``) or too small for a float to tell from zero (``0.000...01``)."""
    try:
        exact = value if isinstance(value, Decimal) else Decimal(value)
        if not exact.is_finite() or abs(exact) > MAX_ABS_VALUE:
            return None, OUT_OF_RANGE
        number = float(exact)
    except (InvalidOperation, OverflowError, ValueError):
        return None, OUT_OF_RANGE
    if number == 0 and exact != 0:
        return None, OUT_OF_RANGE
    return number, None
