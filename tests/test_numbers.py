"""The number normaliser: written numbers back to their values."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.numbers import NUMBER_TOKEN, fraction_value, is_year, parse_decimal, parse_number, words_value

SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spell(n: int) -> str:
    """1 <= n < 1000 in words, the way reports write them ("one hundred and twenty-five")."""
    parts = []
    if n >= 100:
        parts.append(f"{ONES[n // 100]} hundred")
        n %= 100
        if n:
            parts.append("and")
    if n >= 20:
        parts.append(TENS[n // 10] + (f"-{ONES[n % 10]}" if n % 10 else ""))
    elif n:
        parts.append(ONES[n])
    return " ".join(parts)


@given(whole=st.integers(min_value=0, max_value=10**12), decimals=st.text("0123456789", max_size=4),
       scale=st.sampled_from(["", *SCALES]))
def test_digits_with_separators_decimals_and_scale_parse_back(whole: int, decimals: str, scale: str) -> None:
    text = f"{whole:,}" + (f".{decimals}" if decimals else "") + (f" {scale}" if scale else "")
    expected = Decimal(f"{whole}.{decimals or 0}") * SCALES.get(scale, 1)
    assert parse_decimal(text) == expected
    assert parse_number(text) == float(expected)


def indian_grouping(n: int) -> str:
    """n with South Asian digit grouping: three digits on the right, then groups of two ("1,23,45,678")."""
    digits = str(n)
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    groups = []
    while head:
        groups.insert(0, head[-2:])
        head = head[:-2]
    return ",".join(groups + [tail])


INDIAN_SCALES = {"lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7, "lakh crore": 10**12,
                 "thousand crore": 10**10}


@given(whole=st.integers(min_value=0, max_value=10**14), decimals=st.text("0123456789", max_size=3),
       scale=st.sampled_from(["", *INDIAN_SCALES]))
def test_indian_grouping_and_lakh_crore_scales_parse_back(whole: int, decimals: str, scale: str) -> None:
    text = indian_grouping(whole) + (f".{decimals}" if decimals else "") + (f" {scale}" if scale else "")
    expected = Decimal(f"{whole}.{decimals or 0}") * INDIAN_SCALES.get(scale, 1)
    assert parse_decimal(text) == expected


@given(n=st.integers(min_value=1, max_value=99), scale=st.sampled_from(sorted(INDIAN_SCALES)))
def test_lakh_and_crore_in_words(n: int, scale: str) -> None:
    assert parse_number(f"{spell(n)} {scale}") == n * INDIAN_SCALES[scale]


@pytest.mark.parametrize("text", ["1,2,345", "1,23,4567", "12,345,67", "1,23,45,6789", "1.234,5,6"])
def test_malformed_grouping_is_no_number(text: str) -> None:
    assert parse_decimal(text) is None


@pytest.mark.parametrize("text, english, comma_decimal", [
    ("12,34", Decimal("12.34"), Decimal("12.34")),  # a comma and two digits: a decimal comma ("2,4%")
    ("1.234.567", Decimal("1234567"), Decimal("1234567")),  # two points: thousands
    ("1.234,5", Decimal("1234.5"), Decimal("1234.5")),
    ("25.675", Decimal("25.675"), Decimal("25675")),  # the report's convention decides
    ("17,522", Decimal("17522"), Decimal("17522")),
    ("0,376", Decimal("0.376"), Decimal("0.376")),  # thousands are never grouped after a zero
])
def test_decimal_commas_and_points(text: str, english: Decimal, comma_decimal: Decimal) -> None:
    from extractor.numbers import Convention, parse_digits
    assert parse_digits(text) == english
    assert parse_digits(text, Convention(spaced_thousands=True, dotted_thousands=True)) == comma_decimal


def test_the_convention_of_a_report() -> None:
    from extractor.numbers import convention_of
    spanish = "una caída de 2,2% del PIB, un 0,39% y USD 16.000 millones; 1,5°C"
    french = "une croissance de 3,5% par an, 470 000 réfugiés; tableau: 6314.3 6396.6 6883.3"
    english = "GDP grew 2.4% and 3.5%; 1,234 firms"
    assert convention_of(spanish).dotted_thousands and convention_of(spanish).spaced_thousands
    assert convention_of(french).spaced_thousands and not convention_of(french).dotted_thousands
    assert not convention_of(english).spaced_thousands and not convention_of(english).dotted_thousands


@given(whole=st.integers(min_value=0, max_value=10**9), decimals=st.text("0123456789", min_size=1, max_size=3))
def test_plain_digits_without_separators(whole: int, decimals: str) -> None:
    assert parse_decimal(f"{whole}.{decimals}") == Decimal(f"{whole}.{decimals}")


@given(n=st.integers(min_value=1, max_value=999), scale=st.sampled_from(["", *SCALES]))
def test_number_words_parse_back(n: int, scale: str) -> None:
    text = spell(n) + (f" {scale}" if scale else "")
    assert parse_number(text) == n * SCALES.get(scale, 1)


@given(high=st.integers(min_value=1, max_value=999), low=st.integers(min_value=1, max_value=999))
def test_compound_number_words(high: int, low: int) -> None:
    assert parse_number(f"{spell(high)} million {spell(low)} thousand") == high * 10**6 + low * 10**3


@given(value=st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False),
       sign=st.sampled_from(["%", " percent", " per cent", " pct"]))
def test_percent_does_not_change_the_value(value: Decimal, sign: str) -> None:
    assert parse_decimal(f"{value}{sign}") == value


@pytest.mark.parametrize("text, value", [
    ("33.05 million", 33_050_000), ("1.7 trillion", 1.7e12), ("17,522", 17522), ("24.7%", 24.7),
    ("24.7 per cent", 24.7), ("5.5bn", 5.5e9), ("three million", 3_000_000), ("twenty-five", 25),
    ("one hundred and five", 105), ("a dozen", 12), ("a million", 1_000_000), ("half a million", 500_000),
    ("nearly", None), ("two and three", None), ("million million", None), ("", None), ("12 apples", None),
    ("2.77 lakh crore", 2.77e12), ("2,77,000", 277000), ("1,41,600 crore", 1.416e12), ("crore lakh", None),
])
def test_examples(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def test_words_value_rejects_non_numbers() -> None:
    assert words_value(["two", "three"]) is None
    assert words_value(["twenty", "eleven"]) is None
    assert words_value(["a"]) is None
    assert words_value(["twenty", "-", "one"]) == 21


@pytest.mark.parametrize("words, value", [
    (["two", "-", "thirds"], Decimal(2) / 3), (["a", "quarter"], Decimal("0.25")), (["half"], Decimal("0.5")),
    (["three", "quarters"], Decimal("0.75")), (["two", "third"], None), (["three"], None),
])
def test_fractions(words: list[str], value: Decimal | None) -> None:
    assert fraction_value(words) == value


def test_years() -> None:
    assert is_year(Decimal(2024), "2024")
    assert not is_year(Decimal(2024), "2,024")
    assert not is_year(Decimal(3000), "3000")


@pytest.mark.parametrize("token, groups", [
    ("17,522", {"a": "17,522"}), ("US$4.7", {"cur": "US$", "a": "4.7"}), ("~5", {"pre": "~", "a": "5"}),
    ("5\u201310", {"a": "5", "dash": "\u2013", "b": "10"}), ("5.5bn", {"a": "5.5", "suf": "bn"}),
    ("5,000+", {"a": "5,000", "suf": "+"}), ("2,77,000", {"a": "2,77,000"}),
])
def test_number_token(token: str, groups: dict[str, str]) -> None:
    m = NUMBER_TOKEN.match(token)
    assert m is not None and {k: v for k, v in m.groupdict().items() if v} == groups
    assert NUMBER_TOKEN.match("5G") is None and NUMBER_TOKEN.match("COVID-19") is None


def test_glued_currencies_are_currencies() -> None:
    """Each currency the figure token reads glued to digits is a symbol or code of extractor.currencies."""
    from extractor import currencies
    from extractor.registry import lexicon

    for glued in lexicon("numbers")["figures"]["glued_currencies"]:
        assert glued in currencies.SYMBOLS or glued in currencies.CODES, glued
